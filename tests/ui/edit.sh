#!/bin/sh
# Editing: a value through the prompt, save and diff, undo/redo, quitting
# with unsaved changes, --readonly, the $EDITOR round trip, a file changed
# on disk, save as, and live problem markers.
set -e
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/lib-ui.sh"
fresh() { cp "$DATA/pipeline.yaml" "$T/p.yaml"; }
changes() { diff "$DATA/pipeline.yaml" "$T/p.yaml" || true; }
IMAGE_DIFF='21c21
<     image: nvcr.io/nvidia/pytorch:24.01-py3   # the training image
---
>     image: alpine:3.20   # the training image'
EDIT_IMAGE=':goto train<Enter>l<Down><Down>e<C-u>alpine:3.20<Enter>'

fresh
tui 80 24 "$EDIT_IMAGE"':screendump edited.txt<Enter>:w<Enter>:screendump saved.txt<Enter>:q<Enter>' p.yaml
is "$rc" 0 "edit, save and quit exit 0"
screen edited.txt edit-value-80x24.txt "Enter applies the new value; the title says modified"
screen saved.txt edit-saved-80x24.txt ":w writes the file; the modified flag goes away"
is "$(changes)" "$IMAGE_DIFF" "only the edited value changed; its comment survived"

fresh
tui 80 24 "$EDIT_IMAGE"'e<C-u>other<Esc>:screendump esc.txt<Enter>:wq<Enter>' p.yaml
screen esc.txt edit-esc-80x24.txt "Esc cancels an edit in the prompt"
is "$(changes)" "$IMAGE_DIFF" ":wq saves and quits"

fresh
tui 100 30 "$EDIT_IMAGE"'u:screendump undone.txt<Enter><C-r>:screendump redone.txt<Enter>uu:screendump nothing.txt<Enter>:redo<Enter>:wq<Enter>' p.yaml
screen undone.txt edit-undo-100x30.txt "u undoes the edit: the old value is back, not modified"
screen redone.txt edit-redo-100x30.txt "Ctrl-R redoes it"
screen nothing.txt edit-nothing-to-undo-100x30.txt "undo with nothing left says so"
is "$(changes)" "$IMAGE_DIFF" ":redo then :wq saves the redone edit"

fresh
tui 80 24 "$EDIT_IMAGE"'q:screendump ask.txt<Enter>c:screendump cancel.txt<Enter>qn' p.yaml
is "$rc" 0 "answering n quits"
screen ask.txt edit-quit-ask-80x24.txt "q with unsaved changes asks"
screen cancel.txt edit-quit-cancel-80x24.txt "c cancels the quit"
is "$(changes)" "" "n discards the changes"

fresh
tui 80 24 "$EDIT_IMAGE"'qy' p.yaml
is "$rc" 0 "answering y saves and quits"
is "$(changes)" "$IMAGE_DIFF" "y saved the changes"

fresh
tui 80 24 "$EDIT_IMAGE"':q!<Enter>' p.yaml
is "$(changes)" "" ":q! quits without saving"

fresh
tui 80 24 ':goto train<Enter>l<Down><Down>e:screendump ro.txt<Enter>:set workflow.name=x<Enter>uE:w<Enter>' --readonly p.yaml
screen ro.txt edit-readonly-80x24.txt "--readonly refuses edits and says why"
is "$(changes)" "" "--readonly never changes the file"

# $EDITOR: the editor runs through execvp (no shell), on a private copy
fresh
EDITOR="sed -i s/fetching/downloading/" tui 80 24 'E:screendump ed.txt<Enter>:w<Enter>' p.yaml
screen ed.txt edit-editor-80x24.txt "E runs \$EDITOR on the file; the changes come back as one undo step"
is "$(changes)" '19c19
<     args: ["echo fetching > {{output}}/data.txt"]
---
>     args: ["echo downloading > {{output}}/data.txt"]' "the editor's change was saved"

fresh
mkdir "$T/tmp"
TUI_ENV="TMPDIR=$T/tmp" EDITOR="sed -i s/^workflow:/workflow:[/" tui 80 24 'E:screendump bad.txt<Enter>:w<Enter>' p.yaml
ok "an edit that does not parse is not applied" grep -q "Not applied, it does not parse" "$T/bad.txt"
ok "and the copy is kept in a private directory" grep -q '^workflow:\[' "$T"/tmp/osmo-tui.*/p.yaml
is "$(changes)" "" "the file is unchanged"

# live checks: a value that breaks a rule is marked before the next key
fresh
tui 100 30 ':goto report<Enter>l<Down><Down><Down><Down>l<Down>l<Down>e<C-u>trian<Enter>:screendump bad.txt<Enter>e<C-u>train<Enter>:screendump fixed.txt<Enter>:q!<Enter>' p.yaml
screen bad.txt edit-diag-appears-100x30.txt "an edit that breaks a rule shows the problem at once (marker, count, pane)"
screen fixed.txt edit-diag-gone-100x30.txt "fixing the value takes the problem away"

fresh
cat >"$T/dup.sh" <<'SH'
sed -i 's/^  pool: test-pool$/  pool: test-pool\n  name: twice/' "$1"
SH
EDITOR="sh $T/dup.sh" tui 80 24 'E:screendump marked.txt<Enter>u:screendump clean.txt<Enter>' p.yaml
screen marked.txt edit-problem-appears-80x24.txt "a change that adds a problem marks the node and counts it"
screen clean.txt edit-problem-gone-80x24.txt "undo takes the problem away again"

# a file changed on disk since it was loaded: saving asks first
fresh
printf 'echo "# changed meanwhile" >>%s\n' "$T/p.yaml" >"$T/touch.sh"
EDITOR="sh $T/touch.sh" tui 80 24 "$EDIT_IMAGE"'E:screendump reload.txt<Enter>n:w<Enter>:screendump disk.txt<Enter>n:q!<Enter>' p.yaml
screen reload.txt edit-reload-ask-80x24.txt "a change on disk is noticed at once; with unsaved changes it asks"
screen disk.txt edit-changed-on-disk-80x24.txt ":w asks before overwriting a file changed on disk"
ok "answering n keeps the other change" grep -q '^# changed meanwhile$' "$T/p.yaml"
ok "and does not write ours" grep -q 'pytorch' "$T/p.yaml"
fresh
EDITOR="sh $T/touch.sh" tui 80 24 "$EDIT_IMAGE"'En:w<Enter>y:q<Enter>' p.yaml
is "$(changes)" "$IMAGE_DIFF" "answering y overwrites it"
fresh
EDITOR="sh $T/touch.sh" tui 80 24 'E:screendump auto.txt<Enter>:q<Enter>' p.yaml
screen auto.txt edit-autoreload-80x24.txt "without unsaved changes a file changed on disk is reloaded"
fresh
EDITOR="sh $T/touch.sh" tui 80 24 "$EDIT_IMAGE"'Ey:screendump reloaded.txt<Enter>:q<Enter>' p.yaml
screen reloaded.txt edit-reloaded-80x24.txt "answering y reloads the file"
ok "the reload kept the other change" grep -q '^# changed meanwhile$' "$T/p.yaml"

fresh
tui 80 24 ':w copy.yaml<Enter>:screendump saveas.txt<Enter>:w copy.yaml<Enter>n:q<Enter>' p.yaml
screen saveas.txt edit-save-as-80x24.txt ":w FILE saves a copy and edits it from then on"
ok "the copy has the same bytes" cmp "$T/copy.yaml" "$DATA/pipeline.yaml"

fresh
tui 80 24 ':set workflow.tasks[name=fetch].image=busybox<Enter>:set workflow.timeout.exec_timeout=1h<Enter>:set workflow.nope[3]=1<Enter>:screendump set.txt<Enter>:wq<Enter>' p.yaml
screen set.txt edit-set-80x24.txt ":set PATH=VALUE edits, adds missing keys, explains bad paths"
ok ":set wrote the new value" grep -q '^    image: busybox$' "$T/p.yaml"
ok ":set added the missing key" grep -q '^    exec_timeout: 1h$' "$T/p.yaml"

done_testing
