# lib-ui.sh: helpers for the scripted TUI tests (source after ../lib.sh).
#
#   tui COLS ROWS KEYS [ARGS...]
#       Run osmo-tui in $T with KEYS as its key script (OSMO_TUI_SCRIPT),
#       TERM=xterm-256color, a COLSxROWS screen, stdin /dev/null (so the
#       program quits when the script ends), the test cookbook, and a
#       private XDG_DATA_HOME. Status in $rc, terminal output in $T/tty,
#       stderr in $T/err. Write screens with ":screendump NAME<Enter>".
#   screen NAME WANT TEST-NAME
#       Compare $T/NAME with the golden screen tests/ui/WANT.
#
# No test sleeps: the key script is processed synchronously and every
# screen is fully drawn before the next key is read.

DATA=$(cd "$top_srcdir/tests/ui/data" && pwd)
GOLDEN=$(cd "$top_srcdir/tests/ui" && pwd)
COOKBOOK=$DATA/cookbook

tui() {
	cols=$1 rows=$2 keys=$3
	shift 3
	printf '%s' "$keys" >"$T/keys"
	set +e
	(cd "$T" && env TERM=xterm-256color LINES="$rows" COLUMNS="$cols" \
		OSMO_TUI_SCRIPT="$T/keys" XDG_DATA_HOME="$T/xdg" ${TUI_ENV:-} \
		timeout 30 "$OSMO_TUI" --cookbook-dir "$COOKBOOK" "$@" \
		</dev/null >"$T/tty" 2>"$T/err")
	rc=$?
	set -e
}

screen() {
	if [ -f "$T/$1" ]; then
		golden "$T/$1" "$GOLDEN/$2" "$3"
	else
		fail "$3" "no screen dump $1 was written" "$(cat "$T/err")"
	fi
}
