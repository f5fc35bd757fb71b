#!/bin/sh
# analyze.sh: the clang static analyzer over the core library (src/).
#
#   tests/analyze.sh            (make analyze)
#
# Every src/*.c and src/*/*.c is analyzed on its own, with the analyzer's
# default checkers and the build's defines, without configure. With
# -analyzer-werror each report is an error, so a single report fails the
# run; reports print with the analyzer's step-by-step path.
# CLANG overrides the analyzer (default: clang-14, else clang);
# ANALYZE_JOBS is how many files run at once (default 2).
# Exit 0 when clean, 1 on any report, 77 when clang is not installed.
set -eu

top_srcdir=$(cd "$(dirname "$0")/.." && pwd)

if [ -z "${CLANG:-}" ]; then
	if command -v clang-14 >/dev/null 2>&1; then CLANG=clang-14; else CLANG=clang; fi
fi
if ! command -v "$CLANG" >/dev/null 2>&1; then
	echo "analyze.sh: $CLANG not found; the static analyzer needs clang" >&2
	echo "            (Debian: apt-get install clang-14)" >&2
	exit 77
fi
jobs=${ANALYZE_JOBS:-2}

out=$(mktemp -d "${TMPDIR:-/tmp}/osmo-analyze.XXXXXX")
trap 'rm -rf "$out"' EXIT
trap 'exit 130' INT TERM

# the defines of Makefile.am (placeholder paths), so every branch is seen;
# the quotes are meant literally: the macros are C string literals
# shellcheck disable=SC2089,SC2090
FLAGS="--analyze -std=c11 -D_POSIX_C_SOURCE=200809L -DOSMO_BINDIR=\"/usr/bin\"
	-DOSMO_DATADIR=\"/usr/share/osmo-tui\" -DOSMO_SRCDIR=\"/src/osmo-tui\"
	-Xclang -analyzer-output=text -Xclang -analyzer-werror"
INC="-Isrc $(pkg-config --cflags yaml-0.1 2>/dev/null || true)"
# shellcheck disable=SC2090
export CLANG FLAGS INC out

cd "$top_srcdir"
for src in src/*.c src/*/*.c; do
	[ -f "$src" ] && echo "$src"
done >"$out/files"
nfiles=$(wc -l <"$out/files" | tr -d ' ')

# one clang per file, each with its own log; a failed run is noted even
# when it printed nothing (a crash)
# shellcheck disable=SC2016
xargs -n 1 -P "$jobs" sh -c '
	log="$out/$(echo "$1" | tr / _).log"
	# shellcheck disable=SC2086
	$CLANG $FLAGS $INC -o /dev/null "$1" >"$log" 2>&1 || echo "$1" >>"$out/failed"
' analyze <"$out/files"

reports=0
for log in "$out"/*.log; do
	[ -s "$log" ] || continue
	cat "$log" >&2
	n=$(grep -c -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error): ' "$log" || true)
	reports=$((reports + n))
done
[ "$reports" -eq 1 ] && noun=report || noun=reports
echo "analyze: $nfiles files, $reports $noun"
if [ -f "$out/failed" ]; then
	if [ "$reports" -eq 0 ]; then
		echo "analyze: $CLANG failed without a report on: $(tr '\n' ' ' <"$out/failed")" >&2
	fi
	exit 1
fi
[ "$reports" -eq 0 ]
