#!/bin/sh
# End-to-end in a real terminal (tmux): keys arrive as escape sequences,
# the screen is read back with capture-pane. Every wait polls with a
# timeout; nothing sleeps a fixed time.
set -e
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/lib-ui.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi

TM="tmux -S $T/tmux.sock -f /dev/null"
trap '$TM kill-server 2>/dev/null; rm -rf "$T"' EXIT

# start COLS ROWS ARGS...: run osmo-tui in a new tmux session (named in $S)
N=0
start() {
	cols=$1 rows=$2
	shift 2
	N=$((N + 1))
	S=s$N
	$TM new-session -d -s $S -x "$cols" -y "$rows" \
		"cd '$T' && env INPUTRC=/dev/null LC_ALL=C.UTF-8 XDG_DATA_HOME='$T/xdg' ${TUI_ENV:-} '$OSMO_TUI' --cookbook-dir '$COOKBOOK' $*; echo EXIT=\$?; sleep 600"
}

# wait_for REGEX: poll the screen for up to 10 s
wait_for() {
	i=0
	while ! $TM capture-pane -p -t $S | grep -q -- "$1"; do
		i=$((i + 1))
		if [ $i -gt 200 ]; then
			$TM capture-pane -p -t $S >"$T/last-screen"
			return 1
		fi
		sleep 0.05
	done
}

keys() { $TM send-keys -t $S "$@"; }
check() { if wait_for "$2"; then pass "$1"; else fail "$1" "waited for: $2" "$(cat "$T/last-screen")"; fi; }
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

done_testing
