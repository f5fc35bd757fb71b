# lib-tmux.sh: helpers for the end-to-end tests in a real terminal (tmux);
# source after ../lib.sh and lib-ui.sh. Skips the whole test when tmux is
# not installed. Every wait polls with a timeout; nothing sleeps a fixed time.
#
#   start COLS ROWS ARGS...  run osmo-tui ARGS in $T in a new tmux session
#                            (its name in $S) with private XDG folders and
#                            the test cookbook; ${TUI_ENV} adds variables.
#                            "EXIT=STATUS" shows when the program ends.
#   poll CMD...              retry CMD for up to 10 s until it succeeds
#   wait_for REGEX           poll the screen for REGEX (up to 10 s)
#   check NAME REGEX         a test: REGEX shows on the screen in time
#   keys KEY...              tmux send-keys to the session

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi

TM="tmux -S $T/tmux.sock -f /dev/null"
trap '$TM kill-server 2>/dev/null; rm -rf "$T"' EXIT

N=0
# The status goes on a line of its own, from its first column: a killed
# program leaves the cursor anywhere and the terminal maybe raw, and a
# status split by the line wrap would not be found.
start() {
	cols=$1 rows=$2
	shift 2
	N=$((N + 1))
	S=s$N
	$TM new-session -d -s $S -x "$cols" -y "$rows" \
		"cd '$T' && env INPUTRC=/dev/null LC_ALL=C.UTF-8 XDG_DATA_HOME='$T/xdg' XDG_STATE_HOME='$T/state' XDG_CONFIG_HOME='$T/config' OSMO_TUI_DATADIR='$DATA' ${TUI_ENV:-} '$OSMO_TUI' $*; printf '\\r\\nEXIT=%s\\r\\n' \$?; sleep 600"
}

poll() {
	i=0
	while ! "$@" >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -le 200 ] || return 1
		sleep 0.05
	done
}

on_screen() { $TM capture-pane -p -t $S | grep -q -- "$1"; }

wait_for() {
	if poll on_screen "$1"; then return 0; fi
	$TM capture-pane -p -t $S >"$T/last-screen"
	return 1
}

check() { if wait_for "$2"; then pass "$1"; else fail "$1" "waited for: $2" "$(cat "$T/last-screen")"; fi; }

keys() { $TM send-keys -t $S "$@"; }
