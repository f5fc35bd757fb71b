#!/bin/sh
# The graph view: the layered drawing of a multi-group spec, moving to the
# nearest node, Enter to the form and back, expanding a group, turning the
# layout, --ascii, a cycle, files that cannot be drawn, a template, adding
# an input edge (one undo step), and edits made elsewhere showing at once.
set -e
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/lib-ui.sh"
cp "$top_srcdir/share/cookbook/tutorials/combination_workflow_complex.yaml" "$T/c.yaml"
fresh() { cp "$DATA/pipeline.yaml" "$T/p.yaml"; }
changes() { diff "$DATA/pipeline.yaml" "$T/p.yaml" || true; }

tui 80 24 ':view dag<Enter>:screendump d.txt<Enter>' c.yaml
screen d.txt dag-complex-80x24.txt "the groups of a multi-group pipeline as boxes and arrows (80x24)"
tui 100 30 'v:screendump d.txt<Enter>' c.yaml
screen d.txt dag-complex-100x30.txt "v shows the graph; the pane names the selected group (100x30)"

tui 80 24 'vjl:screendump nav.txt<Enter>h:screendump navh.txt<Enter>j:screendump navj.txt<Enter>' c.yaml
screen nav.txt dag-nav-80x24.txt "j goes to the nearest group below, l to the one on the right"
ok "h comes back to the left" grep -q '^── Group search ─' "$T/navh.txt"
ok "j from search reaches report" grep -q '^── Group report ─' "$T/navj.txt"
tui 80 24 'vG:screendump last.txt<Enter>g:screendump first.txt<Enter>' c.yaml
ok "G selects the last layer" grep -q '^── Group report ─' "$T/last.txt"
ok "g selects the first layer" grep -q '^── Group prepare ─' "$T/first.txt"

tui 100 30 'vjh<Enter>:screendump form.txt<Enter><Esc>:screendump back.txt<Enter>' c.yaml
screen form.txt dag-enter-form-100x30.txt "Enter opens the selected group in the form view"
screen back.txt dag-form-back-100x30.txt "Esc in the form returns to the graph, selection kept"

tui 100 30 'vj<Space>j:screendump exp.txt<Enter><Enter>:screendump task.txt<Enter>' c.yaml
screen exp.txt dag-expand-100x30.txt "Space expands a group to its tasks; j moves onto a task"
ok "Enter on a task line opens that task" grep -q '^ task word-stats ' "$T/task.txt"
tui 100 30 'vj<Space>j<Space>:screendump fold.txt<Enter>' c.yaml
ok "Space again collapses it (the selection goes back to the group)" grep -q '^── Group stats ─' "$T/fold.txt"
ok "and the drawing loses the task line" sh -c "! grep -q 'word-stats │' '$T/fold.txt'"

tui 100 30 'vT:screendump lr.txt<Enter>' c.yaml
screen lr.txt dag-lr-100x30.txt "T lays the graph out left to right"
tui 80 24 'v:screendump ascii.txt<Enter>' --ascii c.yaml
screen ascii.txt dag-ascii-80x24.txt "--ascii draws with + - | v"

cp "$DATA/cycle.yaml" "$T/cycle.yaml"
tui 80 24 'v:screendump cyc.txt<Enter>' cycle.yaml
screen cyc.txt dag-cycle-80x24.txt "a cycle is drawn and named; the input naming no task is counted"
tui 100 30 'v:screendump cyc.txt<Enter>' cycle.yaml
screen cyc.txt dag-cycle-100x30.txt "the selected node says it is on a cycle (100x30)"

tui 80 24 'v:screendump broken.txt<Enter>' "$DATA/broken.yaml"
ok "a file that does not parse shows its load errors" \
	grep -q '^ Nothing to draw: the spec does not load. The problems:$' "$T/broken.txt"
ok "... with their positions" grep -q '^ ✗ 6:1 while parsing a flow sequence' "$T/broken.txt"
printf 'workflow:\n  name: empty\n' >"$T/empty.yaml"
tui 80 24 'v:screendump empty.txt<Enter>' empty.yaml
ok "a workflow without tasks says so" grep -q '^  the workflow has no tasks or groups yet$' "$T/empty.txt"

cp "$top_srcdir/share/cookbook/tutorials/template_hello_world.yaml" "$T/t.yaml"
tui 80 24 'v:screendump tmpl.txt<Enter>a' t.yaml
screen tmpl.txt dag-template-80x24.txt "a template is drawn as rendered, read-only"
tui 80 24 'va:screendump tmpla.txt<Enter>' t.yaml
ok "adding an input to a rendered template is refused" \
	grep -q '^This graph is the rendered template (read-only)' "$T/tmpla.txt"
# the graph and the resources follow the values :let sets (views-preview)
cp "$DATA/tmpl.yaml" "$T/fan.yaml"
tui 100 30 'v:let workers=4<Enter>:screendump let.txt<Enter>r:screendump letres.txt<Enter>' fan.yaml
ok ":let re-draws the graph of the rendered template" grep -q '^ fan-out: 5 tasks, 0 dependencies' "$T/let.txt"
ok "... rendered with the current values, not only the default-values" \
	grep -q '^ the template as rendered with its current values: read-only here' "$T/let.txt"
ok "the resources view counts the rendered tasks" grep -q '^ default: used by 5 tasks' "$T/letres.txt"

# an input edge added in the graph: one undo step
fresh
tui 100 30 'vGafetch<Enter>:screendump add.txt<Enter>:w<Enter>' p.yaml
screen add.txt dag-add-input-100x30.txt "a on a task asks for the upstream task and draws the new edge"
is "$(changes)" '38a39
>     - task: fetch' "the input is added to the task's inputs"
fresh
tui 100 30 'vGafetch<Enter>u:w<Enter>' p.yaml
is "$(changes)" "" "u takes the whole edge back"
fresh
tui 100 30 'vgatrain<Enter>:w<Enter>' p.yaml
is "$(changes)" '19a20,21
>     inputs:
>     - task: train' "a task without inputs gets an inputs list"
tui 100 30 'vGanope<Enter>:screendump nope.txt<Enter>vGareport<Enter>:screendump self.txt<Enter>' p.yaml
ok "an unknown task is refused" grep -q "^No task named 'nope' (Tab completes task names)" "$T/nope.txt"
ok "a task cannot wait for itself" grep -q '^A task cannot take input from itself' "$T/self.txt"
fresh
tui 100 30 'vGafetch<Enter>' --readonly p.yaml
is "$(changes)" "" "--readonly: a changes nothing"

# an edit made elsewhere redraws the graph at once
fresh
tui 100 30 'v:set workflow.tasks[name=report].inputs[0].task=fetch<Enter>:screendump edit.txt<Enter>u:screendump undo.txt<Enter>' p.yaml
screen edit.txt dag-edit-elsewhere-100x30.txt "a :set of an input moves the edge at once"
ok "undo brings the chain back" grep -q '^ pipeline: 3 tasks, 2 dependencies, top to bottom$' "$T/undo.txt"
ok "... and the selection stays on its task" grep -q '^── Task fetch ─' "$T/undo.txt"

done_testing
