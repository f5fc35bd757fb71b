#!/bin/sh
# make install DESTDIR=...: the binary, man page, bash completion, cookbook
# and example pool file land in place, and the installed binary finds its
# own cookbook (next to it), not the source tree's.
set -e
. "$top_srcdir/tests/lib.sh"

if [ -z "${abs_top_builddir:-}" ] || ! command -v "${MAKE:-make}" >/dev/null 2>&1; then
	echo "1..0 # SKIP needs make and the build directory"
	exit 0
fi

dest=$T/dest
# a make of its own: not the jobserver of the make running the tests
if env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL "${MAKE:-make}" -C "$abs_top_builddir" install DESTDIR="$dest" \
	>"$T/install.log" 2>&1; then
	pass "make install DESTDIR=... succeeds"
else
	fail "make install DESTDIR=... succeeds" "$(tail -n 20 "$T/install.log")"
fi

find "$dest" -type f | sed "s|^$dest||" | sort >"$T/files"
# installed_path SUFFIX: the one installed file whose path ends with SUFFIX
installed_path() {
	grep -E -- "$1\$" "$T/files" | head -n 1
}
bin=$(installed_path '/bin/osmo-tui')
ok "the binary is installed" test -n "$bin" -a -x "$dest$bin"
ok "the man page is installed in man1" test -n "$(installed_path '/man/man1/osmo-tui.1')"
ok "the completion is installed for bash-completion" \
	test -n "$(installed_path '/share/bash-completion/completions/osmo-tui')"
ok "the example pool file is installed" test -n "$(installed_path '/osmo-tui/pools/example-pool.yaml')"
ok "the cookbook index is installed" test -n "$(installed_path '/osmo-tui/cookbook/index.yaml')"
is "$(grep -c '/osmo-tui/cookbook/.*\.yaml$' "$T/files")" 16 "the index and its 15 examples are installed"

env -u OSMO_TUI_DATADIR "$dest$bin" cookbook list --names >"$T/names" 2>"$T/err" && rc=0 || rc=$?
is "$rc" 0 "the installed binary runs cookbook list"
is "$(cat "$T/names")" "$(sed -n 's/^- name: //p' "$top_srcdir/share/cookbook/index.yaml")" \
	"it lists the installed cookbook"
env -u OSMO_TUI_DATADIR "$dest$bin" --info >"$T/info" 2>&1
data=$(sed -n 's/^data dir: *//p' "$T/info")
case $data in
"$dest"/*" (next to the program)") pass "the installed binary finds its data next to itself" ;;
*) fail "the installed binary finds its data next to itself" "data dir: $data" ;;
esac
env -u OSMO_TUI_DATADIR "$dest$bin" cookbook show hello-world >"$T/hello" 2>&1
ok "show reads the installed example" cmp "$T/hello" "$top_srcdir/share/cookbook/tutorials/hello_world.yaml"
pool=$dest$(installed_path '/osmo-tui/pools/example-pool.yaml')
"$dest$bin" validate --pool-file "$pool" "$top_srcdir/share/cookbook/tutorials/hello_world.yaml" \
	>"$T/validate" 2>&1 && rc=0 || rc=$?
is "$rc" 0 "the installed example pool file is a valid pool description"

done_testing
