#!/bin/sh
# End-to-end in a real terminal (tmux) for the cookbook browser, the
# template preview and autosave: real keys, the real idle timer, and a real
# crash (kill -9) followed by recovery. Every wait polls with a timeout.
set -e
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/lib-ui.sh"
. "$top_srcdir/tests/ui/lib-tmux.sh"
cp -R "$DATA/more" "$T/more"

# 1. the cookbook browser: browse, filter, a new file from an example
start 80 24 --cookbook-dir more
check "without a file the cookbook browser is the start screen" 'Compose an NVIDIA OSMO workflow'
check "it previews the first example's graph" 'say-hello'
keys / train Enter
check "/ filters the examples" 'Filter: train'
check "the preview follows the selection" 'evaluate'
keys n C-u new.yaml Enter
check "n creates the file and opens it" 'Created new.yaml from ml/train_eval'
keys q
check "q quits with status 0" 'EXIT=0'
run "$OSMO_TUI" validate "$T/new.yaml"
is "$rc" 0 "the new file validates clean"

# 2. the template preview: a value edited in the form re-renders at once
cp "$DATA/tmpl.yaml" "$T/t.yaml"
start 100 30 t.yaml
check "the file opens" 't.yaml  │ Outline'
keys t
check "t shows the template preview" 'Template: rendered with 4 values'
keys Down e C-u 3 Enter
check "workers=3 renders a third worker" 'name: worker-2'
keys G e C-u debug Enter
check "a render error is shown at its template line" 'Render error at line 13'
keys d
check "d resets the value: it renders again" 'Template: rendered with 4 values (1 set here)'
keys q
check "q quits (the values never change the file)" 'EXIT=0'
ok "the template file is unchanged" cmp "$T/t.yaml" "$DATA/tmpl.yaml"

# 3. autosave on a real idle timer, a real crash, then recovery
cp "$DATA/pipeline.yaml" "$T/p.yaml"
TUI_ENV="OSMO_TUI_AUTOSAVE_MS=200" start 80 24 p.yaml
check "the file opens" 'task train'
keys ':set workflow.name=crashed' Enter
check "the edit is made" 'name: crashed'
copy_written() { grep -q "name: crashed" "$T"/state/osmo-tui/recovery/*-p.yaml; }
if poll copy_written; then pass "after 200 ms idle the copy is written"; else fail "after 200 ms idle the copy is written"; fi
# the pane shell's one child: the program (or valgrind running it)
pid=$(pgrep -P "$($TM display -p -t $S '#{pane_pid}')" | head -n 1 || true)
if [ -n "$pid" ]; then kill -9 "$pid"; fi
check "kill -9 ends it (status 137)" 'EXIT=137'
ok "the file on disk never got the edit" cmp "$T/p.yaml" "$DATA/pipeline.yaml"
TUI_ENV="OSMO_TUI_AUTOSAVE_MS=200" start 80 24 p.yaml
check "the next start offers the copy" 'Unsaved changes to p.yaml were found'
keys r
check "r recovers the edit" 'name: crashed'
keys ':wq' Enter
check ":wq saves and quits" 'EXIT=0'
ok "the file has the recovered edit" grep -q "name: crashed" "$T/p.yaml"
no_copies() { [ -z "$(ls "$T/state/osmo-tui/recovery")" ]; }
ok "saving removed the copy" no_copies

done_testing
