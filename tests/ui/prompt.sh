#!/bin/sh
# The ':' prompt: completion, history, errors, cancelling, UTF-8.
set -e
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/lib-ui.sh"
cp "$DATA/pipeline.yaml" "$T/p.yaml"

tui 80 24 ':vi<Tab>pro<Tab><Enter>:screendump view.txt<Enter>' p.yaml
screen view.txt prompt-complete-view-80x24.txt "Tab completes command names and view names"

tui 80 24 ':goto re<Tab><Enter>:screendump goto.txt<Enter>' p.yaml
screen goto.txt prompt-complete-goto-80x24.txt "Tab completes task names after goto"

tui 80 24 ':set workflow.po<Tab>=other-pool<Enter>:screendump set.txt<Enter>:w<Enter>' p.yaml
screen set.txt prompt-complete-set-80x24.txt "Tab completes paths after set"
ok "the completed path was set" grep -q '^  pool: other-pool$' "$T/p.yaml"
cp "$DATA/pipeline.yaml" "$T/p.yaml"

tui 80 24 ':goto report<Enter>:q<Enter>' p.yaml
ok "the command history is saved under XDG_DATA_HOME" grep -q '^goto report$' "$T/xdg/osmo-tui/history"
tui 80 24 ':<Up><Up><Enter>:screendump hist.txt<Enter>' p.yaml
screen hist.txt prompt-history-80x24.txt "Up recalls commands of the last session"

tui 80 24 ':frob<Enter>:screendump unknown.txt<Enter>' p.yaml
screen unknown.txt prompt-unknown-80x24.txt "an unknown command says so"
tui 120 24 ':w<Enter>:view dag<Enter>:screendump dag.txt<Enter>:view nope<Enter>:screendump nope.txt<Enter>:screendump<Enter>:screendump usage.txt<Enter>' p.yaml
ok "views that do not exist yet say so" grep -q '^The dag view is not available yet$' "$T/dag.txt"
ok "unknown views list the views" grep -q "^No view named 'nope' (views: start, outline, form, dag, resources, cookbook, preview, problems, help)$" "$T/nope.txt"
ok "a missing argument shows the usage" grep -q '^usage: :screendump FILE$' "$T/usage.txt"
tui 80 24 ':q now<Enter>:screendump noarg.txt<Enter>' p.yaml
ok "an argument to a command without arguments is refused" grep -q '^q takes no argument$' "$T/noarg.txt"

tui 80 24 ':q<Esc>:screendump esc.txt<Enter>:q<C-c>:screendump cc.txt<Enter>' p.yaml
ok "Esc cancels the prompt (the q never ran)" test -f "$T/esc.txt"
ok "Ctrl-C cancels the prompt" test -f "$T/cc.txt"

tui 80 24 ':set workflow.name=日本語の名前<Enter>:screendump utf8.txt<Enter><C-s>' p.yaml
screen utf8.txt prompt-utf8-80x24.txt "UTF-8 values are shown with their display width"
ok "Ctrl-S saved the UTF-8 value" grep -q '^  name: 日本語の名前$' "$T/p.yaml"

cp "$DATA/pipeline.yaml" "$T/p.yaml"
tui 80 24 ':set workflow.tasks[name=fetch].downl<Tab>=<Tab><Enter>:set workflow.tasks[name=train].lead=t<Tab><Enter>:w<Enter>' p.yaml
ok "Tab offers a field the task does not have yet, then its choices" grep -q '^    downloadType: download$' "$T/p.yaml"
ok "Tab completes a boolean" grep -q '^    lead: true$' "$T/p.yaml"

cp "$DATA/pipeline.yaml" "$T/p.yaml"
tui 80 24 ':goto fetch<Enter>fG<Up><Up><Up><Up><Up><Up><Enter><Tab><Enter>:w<Enter>' p.yaml
ok "in the form, Tab completes the choices of an enum field" grep -q '^    downloadType: download$' "$T/p.yaml"

"$OSMO_TUI" --dump-keys >"$T/keys.roff"
ok "--dump-keys writes the man page key section" grep -q '^\.SS Global$' "$T/keys.roff"
missing=""
for name in $(sed -n 's/^ *_([A-Z_]*, "\([^"]*\)".*/\1/p' "$top_srcdir/ui/commands.h" | tr ' ' '_'); do
	grep -q "(:$(echo "$name" | tr '_' ' ')\|:$(echo "$name" | tr '_' ' ')" "$T/keys.roff" || missing="$missing $name"
done
is "$missing" "" "--dump-keys lists every command of the table"

done_testing
