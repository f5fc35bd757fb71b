#!/bin/sh
# End-to-end in a real terminal (tmux): keys arrive as escape sequences,
# the screen is read back with capture-pane. Every wait polls with a
# timeout; nothing sleeps a fixed time.
set -e
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/lib-ui.sh"
. "$top_srcdir/tests/ui/lib-tmux.sh"

changes() { diff "$DATA/pipeline.yaml" "$T/p.yaml" || true; }

IMAGE_DIFF='21c21
<     image: nvcr.io/nvidia/pytorch:24.01-py3   # the training image
---
>     image: alpine:3.20   # the training image'

# 1. edit a value, save, quit; the file changed by exactly that line
cp "$DATA/pipeline.yaml" "$T/p.yaml"
start 80 24 p.yaml
check "the outline shows in a real terminal" 'task train'
keys ':goto train' Enter l Down Down e C-u 'alpine:3.20' Enter
check "the edited value is shown" 'image: alpine:3.20'
keys ':w' Enter
check ":w reports the write" 'Wrote p.yaml'
keys q
check "q quits with status 0" 'EXIT=0'
is "$(changes)" "$IMAGE_DIFF" "the file on disk has exactly the edit"

# 2. quitting with unsaved changes asks; y saves
cp "$DATA/pipeline.yaml" "$T/p.yaml"
start 100 30 p.yaml
check "the outline shows at 100x30" 'task train'
keys ':goto train' Enter l Down Down e C-u 'alpine:3.20' Enter
check "the edit is applied" 'modified'
keys q
check "q asks about the unsaved changes" 'unsaved changes. Save them?'
keys y
check "y saves and quits" 'EXIT=0'
is "$(changes)" "$IMAGE_DIFF" "the answer y wrote the file"

# 3. resize, completion list, UTF-8 cursor, undo, :wq leaves the file as it was
cp "$DATA/pipeline.yaml" "$T/p.yaml"
start 80 24 p.yaml
check "the outline shows" 'task train'
$TM resize-window -t $S -x 100 -y 30
check "a terminal resize redraws at the new size (100 columns of rule)" '^── Detail ─\{90\}$'
keys ':set workflow.name=日本'
check "the prompt shows UTF-8 text" ':set workflow.name=日本'
is "$($TM display -p -t $S '#{cursor_x},#{cursor_y}')" "23,29" "the cursor sits after the double-width characters"
keys Enter
check "the UTF-8 value is in the outline" 'name: 日本'
keys ':view ' Tab
check "Tab lists the views above the prompt" '9 completions'
keys Escape
keys u
check "u undoes the change" 'name: pipeline'
keys ':wq' Enter
check ":wq quits" 'EXIT=0'
ok "the file is unchanged after undo and :wq" cmp "$T/p.yaml" "$DATA/pipeline.yaml"

# 4. a key script first, then the keyboard (stdin is a terminal here)
cp "$DATA/pipeline.yaml" "$T/p.yaml"
printf ':goto report<Enter>' >"$T/keys"
TUI_ENV="OSMO_TUI_SCRIPT=$T/keys" start 80 24 p.yaml
check "the key script ran" 'path workflow.tasks\[name=report\]'
keys PageUp Home
check "then real keys work (Home)" 'path workflow$'
keys C-c
check "Ctrl-C quits when nothing is unsaved" 'EXIT=0'

# views-dag 1. the graph view: keys as escape sequences, Enter to the form and back
cp "$DATA/pipeline.yaml" "$T/p.yaml"
start 100 30 p.yaml
check "the outline shows before the graph" 'task train'
keys v
check "v draws the graph" 'pipeline: 3 tasks, 2 dependencies, top to bottom'
check "with boxes" '│ fetch │'
keys Down
check "Down moves to the next task in the graph" '── Task train ─'
keys Enter
check "Enter opens the task in the form" 'task train  A container to run'
keys Escape
check "Esc returns to the graph" '── Task train ─'
keys T
check "T turns the graph" 'left to right'
keys q
check "q quits from the graph" 'EXIT=0'

# views-dag 2. the resources view: rename a profile, save, quit
cp "$DATA/pipeline.yaml" "$T/p.yaml"
start 100 30 p.yaml
check "the outline shows before the resources" 'task train'
keys r
check "r lists the profiles" 'Resource profiles (2)'
keys j R C-u big Enter
check "R renames the profile and its task" 'Renamed profile gpu to big and its 1 task'
keys ':wq' Enter
check ":wq quits" 'EXIT=0'
is "$(changes)" '11c11
<     gpu:
---
>     big:
23c23
<     resource: gpu
---
>     resource: big' "the file has the profile and the task renamed"

# views-dag 3. :submit hands the terminal to the OSMO CLI and takes it back
mkdir -p "$T/bin"
printf '#!/bin/sh\necho "Workflow ID - tmux-fake"\n' >"$T/bin/osmo"
chmod +x "$T/bin/osmo"
cp "$COOKBOOK/basics/two_groups.yaml" "$T/g.yaml"
TUI_ENV="PATH=$T/bin:$PATH" start 80 24 g.yaml
check "the outline shows before submitting" 'group consume'
keys ':submit' Enter
check "osmo's output is on the plain terminal" 'Workflow ID - tmux-fake'
check "and it waits for Enter" 'Press Enter to return to osmo-tui'
keys Enter
check "Enter returns to the TUI with the exit status" 'osmo workflow submit g.yaml: exit status 0'
check "the screen is redrawn" 'group consume'
keys q
check "q quits after submitting" 'EXIT=0'

done_testing
