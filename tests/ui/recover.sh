#!/bin/sh
# Autosave and recovery: after an idle pause (<idle> in a key script) the
# unsaved text is copied to a private file under $XDG_STATE_HOME; a crash
# (OSMO_TUI_CRASH_KEY: _exit without any cleanup) leaves it behind, and the
# next start on the same file offers to recover it, to open the file as on
# disk (keeping the copy) or to delete it. Saving, undoing every change and
# a clean quit remove the copy.
set -e
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/lib-ui.sh"
fresh() { cp "$DATA/pipeline.yaml" "$T/p.yaml"; }
RDIR=$T/state/osmo-tui/recovery
copies() { ls "$RDIR" 2>/dev/null | wc -l | tr -d ' '; }
copy() { cat "$RDIR"/*-p.yaml; }
EDIT=':set workflow.name=changed<Enter>'
crash() { TUI_ENV="OSMO_TUI_CRASH_KEY=<F12>" tui 80 24 "$1<F12>" p.yaml; }

fresh
crash "$EDIT"
is "$rc" 70 "the crash key exits at once (status 70)"
is "$(copies)" 0 "no idle pause: no copy was written"

crash "$EDIT<idle>"
is "$(copies)" 1 "after an idle pause the unsaved text is copied"
ok "the copy holds the edit" grep -q "name: changed" "$RDIR"/*-p.yaml
is "$(stat -c %a "$RDIR"/*-p.yaml)" 600 "the copy is private (0600)"
is "$(stat -c %a "$RDIR")" 700 "its folder is private (0700)"
ok "the file itself is unchanged" cmp "$T/p.yaml" "$DATA/pipeline.yaml"

tui 80 24 ':screendump ask.txt<Enter>r:screendump recovered.txt<Enter>u:screendump undone.txt<Enter><C-r>:w<Enter>:q<Enter>' p.yaml
screen ask.txt recover-ask-80x24.txt "the next start offers to recover, open as on disk, or delete"
screen recovered.txt recover-done-80x24.txt "r recovers the changes (modified, not saved yet)"
ok "u shows the file as on disk" grep -q "name: pipeline" "$T/undone.txt"
ok ":w saved the recovered text" grep -q "name: changed" "$T/p.yaml"
is "$(copies)" 0 "saving removed the copy"

fresh
crash "$EDIT<idle>"
tui 100 30 ':screendump ask100.txt<Enter>r:screendump done100.txt<Enter>:q!<Enter>' p.yaml
screen ask100.txt recover-ask-100x30.txt "the recovery question at 100x30"
screen done100.txt recover-done-100x30.txt "recovered at 100x30"
is "$(copies)" 0 ":q! after recovering: a clean quit removes the copy"

# o keeps the copy, and this run never overwrites it
fresh
crash "$EDIT<idle>"
tui 80 24 'o:screendump kept.txt<Enter>:set workflow.name=other<Enter><idle>:q!<Enter>' p.yaml
screen kept.txt recover-kept-80x24.txt "o opens the file as on disk and keeps the copy"
is "$(copies)" 1 "the copy is still there"
ok "it still holds the crashed run's text, not this run's" grep -q "name: changed" "$RDIR"/*-p.yaml
ok "the file is unchanged" cmp "$T/p.yaml" "$DATA/pipeline.yaml"

# the same file by another path finds the same copy; d deletes it
mkdir -p "$T/sub"
tui 80 24 'd:screendump deleted.txt<Enter>:q<Enter>' sub/../p.yaml
ok "another path to the same file finds the copy; d deletes it" grep -q "Deleted the recovery copy" "$T/deleted.txt"
is "$(copies)" 0 "the copy is gone"

# --readonly only says so
crash "$EDIT<idle>"
tui 80 24 ':screendump ro.txt<Enter>:q<Enter>' --readonly p.yaml
ok "--readonly tells about the copy instead of asking" grep -q "has a recovery copy; open it without --readonly to recover it" "$T/ro.txt"
is "$(copies)" 1 "--readonly keeps the copy"

# Esc keeps the copy too
tui 80 24 '<Esc>:q<Enter>' p.yaml
is "$(copies)" 1 "Esc at the question keeps the copy"
tui 80 24 'd:q<Enter>' p.yaml

# a copy equal to the file is dropped without a question
mkdir -p "$RDIR"
crash "$EDIT<idle>"
cp "$RDIR"/*-p.yaml "$T/p.yaml"
tui 80 24 ':screendump same.txt<Enter>:q<Enter>' p.yaml
ok "a copy equal to the file: no question" sh -c "! grep -q 'Unsaved changes' '$T/same.txt'"
is "$(copies)" 0 "and the copy is removed"

# undoing every change removes the copy; so does a clean quit
fresh
tui 80 24 "$EDIT<idle>:screendump one.txt<Enter>u<idle>:screendump two.txt<Enter><F12>" p.yaml
is "$(copies)" 0 "undo back to the file as on disk removed the copy"
tui 80 24 "$EDIT<idle>:q!<Enter>" p.yaml
is "$(copies)" 0 ":q! (a clean quit) removed the copy"
TUI_ENV="OSMO_TUI_AUTOSAVE_MS=0 OSMO_TUI_CRASH_KEY=<F12>" tui 80 24 "$EDIT<idle><F12>" p.yaml
is "$(copies)" 0 "OSMO_TUI_AUTOSAVE_MS=0 turns autosave off"
TUI_ENV="OSMO_TUI_AUTOSAVE_MS=soon" tui 80 24 ':q<Enter>' p.yaml
is "$rc" 2 "a bad OSMO_TUI_AUTOSAVE_MS is a usage error"
ok "it says what is wrong" grep -q "OSMO_TUI_AUTOSAVE_MS must be milliseconds" "$T/err"

done_testing
