#!/bin/sh
# run.sh: run the libFuzzer targets for a bounded time (make fuzz-smoke).
#
#   tests/fuzz/run.sh [BUILDDIR]     (default: ./_fuzz, built by build.sh)
#
# Environment:
#   FUZZ_SECONDS   total time, split evenly between the targets (default 60)
#   FUZZ_TARGETS   which targets (default: "load check path edit tmpl")
#   FUZZ_ARGS      extra libFuzzer flags (e.g. "-jobs=2 -workers=2")
#
# Seeds are copied at run time from tests/data (with the regression inputs
# under tests/data/fuzz/) and share/cookbook into BUILDDIR/seeds/TARGET;
# what the fuzzer learns stays in BUILDDIR/corpus/TARGET between runs.
# A crash, leak, timeout (10 s per input) or broken property stops the
# target: its input is saved under BUILDDIR/artifacts/TARGET/ and this script
# fails. Copy the input to tests/data/fuzz/TARGET/ when you fix the bug, so
# make check replays it from then on.
set -u

top_srcdir=$(cd "$(dirname "$0")/../.." && pwd)
B=$(cd "${1:-_fuzz}" && pwd)
targets=${FUZZ_TARGETS:-load check path edit tmpl}
total=${FUZZ_SECONDS:-60}
set -- $targets
each=$((total / $#))
[ "$each" -ge 1 ] || each=1

status=0
for t in $targets; do
	bin="$B/fuzz_$t"
	if [ ! -x "$bin" ]; then
		echo "run.sh: $bin missing; run tests/fuzz/build.sh first" >&2
		exit 2
	fi
	seeds="$B/seeds/$t" corpus="$B/corpus/$t" art="$B/artifacts/$t"
	rm -rf "$seeds"
	mkdir -p "$seeds" "$corpus" "$art"
	# flatten the seed trees: libFuzzer names its own files by hash anyway
	find "$top_srcdir/tests/data" "$top_srcdir/share/cookbook" -type f | while read -r f; do
		cp "$f" "$seeds/$(echo "${f#"$top_srcdir"/}" | tr / _)"
	done
	dict="$top_srcdir/tests/fuzz/yaml.dict"
	[ "$t" = path ] && dict="$top_srcdir/tests/fuzz/path.dict"
	[ "$t" = tmpl ] && dict="$top_srcdir/tests/fuzz/jinja.dict"
	echo "=== fuzz_$t: ${each}s"
	# shellcheck disable=SC2086
	"$bin" -max_total_time="$each" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-dict="$dict" -artifact_prefix="$art/" ${FUZZ_ARGS:-} "$corpus" "$seeds" \
		>"$B/fuzz_$t.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$B/fuzz_$t.log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]*' "$B/fuzz_$t.log" | tail -n 1)
	echo "fuzz_$t: ${runs:-?} executions, $cov, exit $rc"
	if [ "$rc" -ne 0 ]; then
		status=1
		grep -E 'ERROR|SUMMARY|property failed|Test unit written' "$B/fuzz_$t.log" | head -n 10
		echo "full log: $B/fuzz_$t.log"
	fi
done
exit $status
