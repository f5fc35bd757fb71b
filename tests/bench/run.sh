#!/bin/sh
# make bench: performance figures of osmo-tui against its floors and peers.
# Figures are ratios measured in the same run; see README.md "Performance".
set -eu
: "${top_srcdir:=.}" "${top_builddir:=.}"
B="$top_builddir/tests/bench"
W=$(mktemp -d "${TMPDIR:-/tmp}/osmo-tui-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT
PY=${PYTHON3:-python3}
for n in 1000 10000 100000; do
	"$PY" "$top_srcdir/tests/bench/gen_spec.py" --tasks $n > "$W/p$n.yaml"
done
echo "== document model (in-process, median of alternating runs) =="
for n in 1000 10000 100000; do
	printf '%6d tasks: ' $n
	"$B/bench_core" load "$W/p$n.yaml" $( [ $n -eq 100000 ] && echo 5 || echo 11 )
done
printf '%6d tasks: ' 10000
"$B/bench_core" edit "$W/p10000.yaml" 51
printf '%6d tasks: ' 10000
"$B/bench_core" revalidate "$W/p10000.yaml" 21
echo "== validation (load + every rule) =="
for n in 1000 10000 100000; do
	printf '%6d tasks: ' $n
	"$B/bench_core" validate "$W/p$n.yaml" $( [ $n -eq 100000 ] && echo 3 || echo 7 )
done
for s in "$top_srcdir"/tests/bench/bench_*.sh; do
	[ -f "$s" ] || continue
	echo
	top_srcdir=$top_srcdir top_builddir=$top_builddir W=$W sh "$s"
done
