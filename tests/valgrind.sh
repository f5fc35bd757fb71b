#!/bin/sh
# valgrind.sh PROGRAM [ARGS...]: run PROGRAM under valgrind's memcheck for
# `make check-valgrind`. Any memory error or definitely lost block makes the
# program exit 99, which fails its test. "Possibly lost" blocks are not
# errors (ncurses keeps a cache of strings it never frees).
#
# As $OSMO_TUI (the shell tests call it directly), it runs ui/osmo-tui:
# the real program is $OSMO_TUI_REAL. That copy names valgrind by its full
# path, as some tests run the program with a PATH that leaves it out.
if [ "${0##*/}" = valgrind-osmo-tui ] || [ $# -eq 0 ]; then   # no basename: PATH may be empty
	set -- "$OSMO_TUI_REAL" "$@"
fi
exec valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 \
	--show-possibly-lost=no "$@"
