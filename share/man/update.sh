#!/bin/sh
# update.sh PAGE PROGRAM [--check]
#
# The man page is written by hand except for the blocks between
#   .\" BEGIN GENERATED NAME ...   and   .\" END GENERATED NAME
# whose text is `PROGRAM --help-man NAME`. Without --check, rewrite those
# blocks in PAGE (make update-man). With --check, change nothing: print a
# diff and exit 1 when PAGE is stale (the man page test).
set -eu

page=$1 prog=$2 mode=${3:-}
out=$(mktemp "${TMPDIR:-/tmp}/osmo-tui-man.XXXXXX")
trap 'rm -f "$out"' EXIT

skip=
blocks=0
while IFS= read -r line; do
	case $line in
	'.\" BEGIN GENERATED '*)
		printf '%s\n' "$line" >>"$out"
		name=${line#'.\" BEGIN GENERATED '}
		name=${name%% *}
		if ! "$prog" --help-man "$name" >>"$out"; then
			echo "update.sh: '$prog --help-man $name' failed" >&2
			exit 2
		fi
		blocks=$((blocks + 1))
		skip=1
		continue
		;;
	'.\" END GENERATED '*)
		skip=
		;;
	esac
	[ -n "$skip" ] || printf '%s\n' "$line" >>"$out"
done <"$page"

if [ -n "$skip" ] || [ "$blocks" -eq 0 ]; then
	echo "update.sh: $page: unbalanced or missing GENERATED markers" >&2
	exit 2
fi
if cmp -s "$page" "$out"; then
	exit 0
fi
if [ "$mode" = --check ]; then
	diff -u "$page" "$out" || true
	echo "update.sh: $page is stale; run 'make update-man'" >&2
	exit 1
fi
cat "$out" >"$page"
echo "update.sh: updated $page"
