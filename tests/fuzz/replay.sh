#!/bin/sh
# replay.sh: every fuzz target over its seed and regression corpora (make check).
#
# The targets are built with the normal compiler as plain programs
# (tests/fuzz/replay.c supplies main); each one runs over tests/data (which
# holds the regression inputs under tests/data/fuzz/TARGET/, found by
# fuzzing and fixed since) and the cookbook. A crash, a broken property or a
# hang (alarm in replay.c) fails the test.
set -e
. "$top_srcdir/tests/lib.sh"

for t in load check path edit tmpl; do
	bin="$top_builddir/tests/fuzz/fuzz_$t"
	n=$(find "$top_srcdir/tests/data/fuzz/$t" -type f 2>/dev/null | wc -l)
	# shellcheck disable=SC2086
	run ${OSMO_VALGRIND:-} "$bin" "$top_srcdir/tests/data" "$top_srcdir/share/cookbook"
	if [ "$rc" -eq 0 ]; then
		pass "fuzz_$t replays the corpus ($n inputs of its own): $(cat "$T/out")"
	else
		fail "fuzz_$t replays the corpus (exit $rc)" "$(tail -n 25 "$T/err")"
	fi
done

done_testing
