# lib.sh: TAP helpers for the shell tests (sourced).
#
#   plan N            print the plan (or call done_testing at the end)
#   ok COND-CMD NAME  run a command; ok if it exits 0
#   is GOT WANT NAME  compare two strings, show a diff when they differ
#   golden FILE-GOT FILE-WANT NAME   compare files (OSMO_UPDATE_GOLDEN=1 rewrites WANT)
#   run_tui ...       (ui tests) see tests/ui/lib-ui.sh
#
# Tests run from the build directory; sources are under $top_srcdir.
# Each test gets a private scratch directory $T, removed on exit.

: "${top_srcdir:=.}" "${top_builddir:=.}"
: "${OSMO_TUI:=$top_builddir/ui/osmo-tui}"
export LC_ALL=C.UTF-8 INPUTRC=/dev/null
TAP_N=0
TAP_FAILED=0
T=$(mktemp -d "${TMPDIR:-/tmp}/osmo-tui-test.XXXXXX")
trap 'rm -rf "$T"' EXIT

plan() { echo "1..$1"; TAP_PLANNED=1; }

done_testing() {
	[ -n "${TAP_PLANNED:-}" ] || echo "1..$TAP_N"
	[ "$TAP_FAILED" -eq 0 ]
}

pass() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - $1"; }
# skip DESCRIPTION REASON: a test that cannot be judged in this run
skip() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - $1 # SKIP $2"; }

fail() {
	TAP_N=$((TAP_N + 1)); TAP_FAILED=$((TAP_FAILED + 1))
	echo "not ok $TAP_N - $1"
	shift
	for line in "$@"; do printf '%s\n' "$line" | sed 's/^/# /'; done
}

ok() {
	name=$1; shift
	if "$@" >"$T/ok.out" 2>&1; then pass "$name"; else fail "$name" "command: $*" "$(head -c 2000 "$T/ok.out")"; fi
}

is() {
	if [ "$1" = "$2" ]; then pass "$3"; else
		fail "$3" "got:  $1" "want: $2"
	fi
}

golden() {
	got=$1 want=$2 name=$3
	if [ -n "${OSMO_UPDATE_GOLDEN:-}" ]; then cp "$got" "$want"; fi
	if cmp -s "$got" "$want"; then pass "$name"; else
		fail "$name" "$(diff -u "$want" "$got" | head -n 60)"
	fi
}

# run CMD...: run the program, capturing stdout in $T/out, stderr in $T/err, status in $rc
run() {
	set +e
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	set -e
}
