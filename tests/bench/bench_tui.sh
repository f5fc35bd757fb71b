#!/bin/sh
# bench_tui.sh (run by tests/bench/run.sh; make bench): the TUI on a
# 10,000-task spec, driven by a key script, timed by the program itself
# (OSMO_TUI_TIMING: per key, from reading it to the screen being up to
# date, and the part of that spent re-validating).
#   targets: first screen < 300 ms; one field edit -> re-validate ->
#   redraw < 20 ms; moving the selection far below a frame. Deleting tasks
#   (which leaves references to them broken) is reported alongside.
set -eu
: "${top_srcdir:=.}" "${top_builddir:=.}"
W=${W:-$(mktemp -d "${TMPDIR:-/tmp}/osmo-tui-bench.XXXXXX")}
PY=${PYTHON3:-python3}
N=10000
SPEC="$W/tui$N.yaml"
"$PY" "$top_srcdir/tests/bench/gen_spec.py" --tasks $N >"$SPEC"
keys=':goto task-005000<Enter>l<Down><Down>'   # unfold, select image:
for i in 1 2 3 4 5 6 7 8 9 10 11; do
	keys="${keys}e<C-u>busybox:1.$i<Enter>"
done
keys="${keys}jjjjjjjjjjjjjjjjjjjjkkkkkkkkkk<PageDown><PageDown><End><Home>"
# delete 7 tasks in a row: each leaves inputs of later tasks pointing nowhere
keys="${keys}:goto task-007000<Enter>ddddddd:wq<Enter>"
printf '%s' "$keys" >"$W/tui.keys"
env TERM=xterm-256color LINES=30 COLUMNS=100 LC_ALL=C.UTF-8 INPUTRC=/dev/null \
	OSMO_TUI_SCRIPT="$W/tui.keys" OSMO_TUI_TIMING="$W/tui.timing" XDG_DATA_HOME="$W/xdg" \
	"$top_builddir/ui/osmo-tui" "$SPEC" </dev/null >/dev/null
# every edit must have changed the document and re-validated: a key script
# that drifts (a wrong row selected) would time something else
edits=$(awk '$1 == "key" && $2 == "<Enter>" && $6 > 0.5' "$W/tui.timing" | wc -l)
deletes=$(awk '$1 == "key" && $2 == "d" && $6 > 0.5' "$W/tui.timing" | wc -l)
if [ "$edits" -ne 11 ] || [ "$(grep -c '^    image: busybox:1.11$' "$SPEC")" -ne 1 ] ||
	[ "$deletes" -ne 7 ] || grep -q '^  - name: task-00700[0-6]$' "$SPEC"; then
	echo "bench_tui: $edits of the 11 edits and $deletes of the 7 deletes re-validated;" \
		"the key script no longer does what it times" >&2
	exit 1
fi
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) printf "%.2f", v[int((NR + 1) / 2)]; else printf "-" }'; }
first=$(awk '/^first-screen/ { printf "%.1f", $2 }' "$W/tui.timing")
first_check=$(awk '/^first-screen/ { printf "%.1f", $4 }' "$W/tui.timing")
# the edits are the <Enter> keys that re-validated
edit=$(awk '$1 == "key" && $2 == "<Enter>" && $6 > 0.5 { print $4 }' "$W/tui.timing" | median)
check=$(awk '$1 == "key" && $2 == "<Enter>" && $6 > 0.5 { print $6 }' "$W/tui.timing" | median)
ui=$(awk '$1 == "key" && $2 == "<Enter>" && $6 > 0.5 { print $4 - $6 }' "$W/tui.timing" | median)
move=$(awk '$1 == "key" && ($2 == "j" || $2 == "k") { print $4 }' "$W/tui.timing" | median)
del=$(awk '$1 == "key" && $2 == "d" && $6 > 0.5 { print $4 }' "$W/tui.timing" | median)
delmax=$(awk '$1 == "key" && $2 == "d" && $6 > 0.5 { if ($4 > m) m = $4 } END { printf "%.2f", m }' "$W/tui.timing")
page=$(awk '$1 == "key" && ($2 == "<PageDown>" || $2 == "<End>" || $2 == "<Home>") { print $4 }' "$W/tui.timing" | median)
echo "== TUI, $N tasks, 100x30 (times measured inside osmo-tui) =="
echo "first screen:          $first ms (of which checks $first_check ms)   target < 300 ms"
echo "edit -> check -> draw: $edit ms median of 11 (checks $check ms, the rest $ui ms)   target < 20 ms"
echo "move selection (j/k):  $move ms median; page/end/home: $page ms"
echo "delete a task:         $del ms median of 7, $delmax ms worst (each leaves inputs that name no task)"

# The graph view of a 1,000-task spec (1,000 nodes, tasks: form): the key
# that opens it lays it out once and draws the visible window; a move
# redraws only that window (targets: first draw < 300 ms, a move < 20 ms).
N=1000
SPEC="$W/dag$N.yaml"
"$PY" "$top_srcdir/tests/bench/gen_spec.py" --tasks $N >"$SPEC"
printf 'vjjjjjjjjjjllllllllllkkkkkkkkkkhhhhhhhhhh<PageDown><PageDown><End><Home>:q!<Enter>' >"$W/dag.keys"
env TERM=xterm-256color LINES=30 COLUMNS=100 LC_ALL=C.UTF-8 INPUTRC=/dev/null \
	OSMO_TUI_SCRIPT="$W/dag.keys" OSMO_TUI_TIMING="$W/dag.timing" XDG_DATA_HOME="$W/xdg" \
	XDG_CONFIG_HOME="$W/cfg" "$top_builddir/ui/osmo-tui" "$SPEC" </dev/null >/dev/null
open=$(awk '$1 == "key" && $2 == "v" { printf "%.1f", $4 }' "$W/dag.timing")
dmove=$(awk '$1 == "key" && ($2 == "j" || $2 == "k" || $2 == "h" || $2 == "l") { print $4 }' "$W/dag.timing" | median)
dmax=$(awk '$1 == "key" && ($2 == "j" || $2 == "k" || $2 == "h" || $2 == "l") { if ($4 > m) m = $4 } END { printf "%.2f", m }' "$W/dag.timing")
dpage=$(awk '$1 == "key" && ($2 == "<PageDown>" || $2 == "<End>" || $2 == "<Home>") { print $4 }' "$W/dag.timing" | median)
echo "== TUI graph view, $N tasks, 100x30 =="
echo "open (lay out + first draw): $open ms   target < 300 ms"
echo "move (hjkl):                 $dmove ms median, $dmax ms worst of 40; page/end/home: $dpage ms   target < 20 ms"
