# lib-hostile.sh: run osmo-tui on hostile input with a time and memory bound (sourced).
#
#   hostile NAME WANT PATTERN CMD...
#
# Runs CMD (stdout in $T/out, stderr in $T/err, status in $rc) under
# `timeout` (HOSTILE_TIMEOUT seconds, default 30) and, when /usr/bin/time is
# there, measures its peak memory. The case passes when the exit status
# matches WANT (an extended regex such as "1" or "0|1": never a signal, a
# timeout or a sanitizer report), the output (stdout and stderr) matches
# PATTERN (an extended regex; "" for any) and the peak RSS stays under
# HOSTILE_MAX_KB (default 400 MiB; tripled for a sanitizer build).
#
# A positioned error looks like FILE:LINE:COL: error: MESSAGE [rule]; the
# patterns check the rule and the position.

HOSTILE_TIMEOUT=${HOSTILE_TIMEOUT:-30}
HOSTILE_MAX_KB=${HOSTILE_MAX_KB:-409600}
if ldd "$OSMO_TUI" 2>/dev/null | grep -q 'libasan'; then
	HOSTILE_MAX_KB=$((HOSTILE_MAX_KB * 3))
fi
if [ -x /usr/bin/time ]; then HOSTILE_TIME=/usr/bin/time; else HOSTILE_TIME=; fi

hostile() {
	h_name=$1 h_want=$2 h_pat=$3
	shift 3
	set +e
	if [ -n "$HOSTILE_TIME" ]; then
		timeout "$HOSTILE_TIMEOUT" "$HOSTILE_TIME" -f '%M' -o "$T/rss" "$@" >"$T/out" 2>"$T/err"
	else
		timeout "$HOSTILE_TIMEOUT" "$@" >"$T/out" 2>"$T/err"
	fi
	rc=$?
	set -e
	h_rss=$(tail -n 1 "$T/rss" 2>/dev/null || echo 0)
	case $h_rss in *[!0-9]*|'') h_rss=0 ;; esac
	h_why=
	if [ "$rc" -eq 124 ]; then
		h_why="timed out after ${HOSTILE_TIMEOUT}s"
	elif ! echo "$rc" | grep -Eqx "$h_want"; then
		h_why="exit status $rc, want $h_want"
	elif grep -Eq 'Sanitizer|runtime error|LeakSanitizer' "$T/err"; then
		h_why="sanitizer report"
	elif [ -n "$h_pat" ] && ! cat "$T/out" "$T/err" | grep -Eq -- "$h_pat"; then
		h_why="output does not match: $h_pat"
	elif [ "$h_rss" -gt "$HOSTILE_MAX_KB" ]; then
		h_why="peak memory ${h_rss} KiB over ${HOSTILE_MAX_KB} KiB"
	fi
	if [ -z "$h_why" ]; then
		pass "$h_name (exit $rc, ${h_rss} KiB)"
	else
		fail "$h_name: $h_why" "stdout: $(head -c 400 "$T/out")" "stderr: $(head -c 800 "$T/err")"
	fi
}

# make_file NAME: the path of a scratch file, for generators to write into
f() { echo "$T/$1"; }
