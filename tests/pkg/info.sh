#!/bin/sh
# osmo-tui --info: the paths it uses, from XDG variables and the config file;
# the config file's problems are positioned warnings.
set -e
. "$top_srcdir/tests/lib.sh"

src=$(cd "$top_srcdir" && pwd -P)
mkdir -p "$T/cfg/osmo-tui" "$T/specs" "$T/bin"
printf 'workflow:\n  name: a\n' >"$T/specs/a.yaml"
printf '#!/bin/sh\n' >"$T/bin/osmo"
chmod +x "$T/bin/osmo"

# field NAME: the value of the "NAME:" line of the last output
field() {
	sed -n "s/^$1: *//p" "$T/out"
}

env -u OSMO_TUI_DATADIR HOME="$T/home" XDG_CONFIG_HOME= XDG_DATA_HOME= XDG_STATE_HOME= PATH=/nonexistent \
	"$OSMO_TUI" --info >"$T/out" 2>"$T/err" && rc=0 || rc=$?
is "$rc" 0 "--info exits 0"
is "$(head -n 1 "$T/out")" "osmo-tui 0.1.0" "--info starts with the version"
is "$(field "config file")" "$T/home/.config/osmo-tui/config (not found)" "the config file defaults to ~/.config"
is "$(field history)" "$T/home/.local/share/osmo-tui/history" "the history defaults to ~/.local/share"
is "$(field "recovery dir")" "$T/home/.local/state/osmo-tui/recovery" "the recovery dir defaults to ~/.local/state"
is "$(field "data dir")" "$src/share (the source tree)" "an uninstalled program uses the source tree's data"
is "$(field "cookbook dirs")" "$src/share/cookbook (bundled, 15 examples)" "the bundled cookbook is listed with its size"
is "$(field "osmo command")" "osmo (not found on \$PATH)" "a missing OSMO CLI is reported"
is "$(field program)" "$(cd "$(dirname "${OSMO_TUI_REAL:-$OSMO_TUI}")" && pwd -P)/osmo-tui" "the program's own path is shown"

cat >"$T/cfg/osmo-tui/config" <<EOF
cookbook-dir = ../../specs
pool-file = ~/pools/p.yaml
pool = gpu-pool
theme = mono
bind <F5> view dag
nonsense
EOF
HOME=$T/home XDG_CONFIG_HOME=$T/cfg XDG_DATA_HOME=$T/data XDG_STATE_HOME=$T/state PATH=$T/bin \
	run "$OSMO_TUI" --info --cookbook-dir "$T/specs" --cookbook-dir "$src/share/cookbook"
is "$rc" 0 "--info with a config exits 0"
is "$(field "config file")" "$T/cfg/osmo-tui/config (read)" "the config file follows XDG_CONFIG_HOME"
is "$(field history)" "$T/data/osmo-tui/history" "the history follows XDG_DATA_HOME"
is "$(field "recovery dir")" "$T/state/osmo-tui/recovery" "the recovery dir follows XDG_STATE_HOME"
is "$(sed -n '/^cookbook dirs:/,/^history:/p' "$T/out" | sed '$d' | sed 's/^[a-z ]*: *//; s/^ *//')" \
	"$src/share/cookbook (bundled, 15 examples)
$T/cfg/osmo-tui/../../specs (added, 1 example)" \
	"config folders are relative to the config file; a folder given twice is listed once"
is "$(field "pool file")" "$T/home/pools/p.yaml" "~ is expanded in paths"
is "$(field pool)" "gpu-pool" "pool is shown"
is "$(field theme)" "mono" "theme is shown"
is "$(field "key bindings")" "1" "bind lines are counted"
is "$(field "osmo command")" "osmo ($T/bin/osmo)" "the OSMO CLI found on PATH is shown"
is "$(cat "$T/err")" "$T/cfg/osmo-tui/config:6:1: warning: expected KEY = VALUE or bind KEY COMMAND [config]" \
	"a malformed config line is a positioned warning"

OSMO_TUI_DATADIR=$T/specs run "$OSMO_TUI" --info
is "$(field "data dir")" "$T/specs (from \$OSMO_TUI_DATADIR)" "OSMO_TUI_DATADIR overrides the data dir"
is "$(field "cookbook dirs")" "(none)" "a data dir without a cookbook lists none"

run "$OSMO_TUI" --info --bogus
is "$rc" 2 "--info with an unknown argument is a usage error"

done_testing
