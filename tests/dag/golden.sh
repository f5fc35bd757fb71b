#!/bin/sh
# Golden DAG drawings: every tests/data/dag/NAME.dag is drawn by
# tests/dagtool top-to-bottom and left-to-right, in UTF-8 and in ASCII, and
# compared with NAME.{tb,tb-ascii,lr,lr-ascii}.txt; the JSON and DOT
# renderers have goldens of their own. OSMO_UPDATE_GOLDEN=1 rewrites them.
. "$top_srcdir/tests/lib.sh"

DAGTOOL=$top_builddir/tests/dagtool
D=$top_srcdir/tests/data/dag

for f in "$D"/*.dag; do
	n=$(basename "$f" .dag)
	for style in tb tb-ascii lr lr-ascii; do
		case $style in
		tb) set -- ;;
		tb-ascii) set -- --ascii ;;
		lr) set -- --lr ;;
		lr-ascii) set -- --lr --ascii ;;
		esac
		run "$DAGTOOL" "$@" "$f"
		golden "$T/out" "$D/$n.$style.txt" "$n $style"
	done
done

run "$DAGTOOL" --format json "$D/pipeline.dag"
golden "$T/out" "$D/pipeline.json" "pipeline as JSON"
run "$DAGTOOL" --format dot "$D/tasks.dag"
golden "$T/out" "$D/tasks.dot" "task graph as DOT with clusters"
run "$DAGTOOL" --max-label 6 "$D/pipeline.dag"
golden "$T/out" "$D/pipeline.cut6.txt" "labels cut to 6 columns"

printf 'a -> b\nb ->\n' >"$T/bad.dag"
run "$DAGTOOL" "$T/bad.dag"
is "$rc" 1 "a malformed edge list exits 1"
is "$(cat "$T/err")" "$T/bad.dag:2: expected '-> NAME'" "and says where"

done_testing
