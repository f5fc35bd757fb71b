#!/bin/sh
# CLI basics: --version, --help, unknown commands, exit codes.
set -e
. "$top_srcdir/tests/lib.sh"

run "$OSMO_TUI" --version
is "$rc" 0 "--version exits 0"
is "$(cat "$T/out")" "osmo-tui 0.1.0" "--version prints name and version"

run "$OSMO_TUI" --help
is "$rc" 0 "--help exits 0"
ok "--help shows the usage line" grep -q '^usage: osmo-tui' "$T/out"

run "$OSMO_TUI" --no-such-option-at-all
is "$rc" 2 "an unknown option is a usage error (exit 2)"

done_testing
