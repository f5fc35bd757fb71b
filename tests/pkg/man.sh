#!/bin/sh
# The man page: its generated blocks are what the program prints now (so it
# documents every command and option), it lints clean, and the hand-written
# sections cover the environment, the pool file and the config file.
set -e
. "$top_srcdir/tests/lib.sh"

page=$top_srcdir/share/man/osmo-tui.1

if sh "$top_srcdir/share/man/update.sh" "$page" "$OSMO_TUI" --check >"$T/diff" 2>&1; then
	pass "the generated blocks are up to date"
else
	fail "the generated blocks are up to date (run 'make update-man')" "$(head -n 40 "$T/diff")"
fi
cp "$page" "$T/stale.1"
sed -i 's/^\.SS submit$/.SS submitted/' "$T/stale.1"
run sh "$top_srcdir/share/man/update.sh" "$T/stale.1" "$OSMO_TUI" --check
is "$rc" 1 "a stale page is detected"
printf '.TH X 1\n.\\" BEGIN GENERATED commands\n' >"$T/open.1"
run sh "$top_srcdir/share/man/update.sh" "$T/open.1" "$OSMO_TUI" --check
is "$rc" 2 "an unterminated generated block is an error"
cp "$T/stale.1" "$T/fix.1"
run sh "$top_srcdir/share/man/update.sh" "$T/fix.1" "$OSMO_TUI"
ok "update.sh rewrites a stale page" cmp "$T/fix.1" "$page"

# every command and every option of its --help is in the page
for cmd in $("$OSMO_TUI" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][-a-z]*\) .*/\1/p'); do
	ok "command $cmd has a section" grep -qx ".SS $cmd" "$page"
	for opt in $("$OSMO_TUI" "$cmd" --help | grep -oE -- '(^|[ [|])--?[a-z][-a-z]*' | sed 's/^[ [|]//' | sort -u); do
		roff=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
		ok "$cmd: option $opt is documented" grep -q -- "\\\\fB$roff\\\\fR" "$page"
	done
done

# every option of the terminal interface (the usage line of --help) is in OPTIONS
sed -n '/^\.SH OPTIONS/,/^\.SH COMMANDS/p' "$page" >"$T/options"
for opt in $("$OSMO_TUI" --help | head -n 1 | grep -oE -- '[[ ]--?[a-z][-a-z]*' | sed 's/^.//') \
	--version --help --info; do
	roff=$(printf '%s' "$opt" | sed 's/-/\\-/g')
	ok "option $opt is described under OPTIONS" grep -qF -e ".B $roff" -e ".BR $roff \"" \
		-e "\\fB$roff\\fR" "$T/options"
done

if command -v groff >/dev/null 2>&1; then
	groff -ww -man -z "$page" >"$T/lint" 2>&1 || true
	is "$(cat "$T/lint")" "" "groff -ww -man finds nothing to warn about"
	LC_ALL=C.UTF-8 groff -man -Tutf8 "$page" 2>/dev/null | col -b 2>/dev/null >"$T/text" ||
		groff -man -Tascii "$page" >"$T/text" 2>/dev/null
	ok "the page renders to text" grep -q "terminal workflow composer" "$T/text"
else
	pass "# SKIP groff not found"
fi

for var in EDITOR VISUAL NO_COLOR XDG_CONFIG_HOME XDG_DATA_HOME XDG_STATE_HOME OSMO_TUI_DATADIR \
	OSMO_TUI_SCRIPT OSMO_TUI_TIMING; do
	ok "environment variable $var is documented" grep -q "^\\.B.* $var\\( \\|$\\)" "$page"
done
for key in $(sed -n 's/^\([a-z_]*\):.*/\1/p' "$top_srcdir/share/pools/example-pool.yaml"); do
	ok "pool file key $key is documented" grep -qx ".B $key" "$page"
done
for setting in cookbook-dir pool-file pool osmo-command theme; do
	want=$(printf '\\fB%s =' "$(printf '%s' "$setting" | sed 's/-/\\-/g')")
	ok "config setting $setting is documented" grep -qF -- "$want" "$page"
done
for section in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS KEYS "POOL FILE" CONFIGURATION ENVIRONMENT \
	FILES "EXIT STATUS" EXAMPLES "SEE ALSO"; do
	ok "section $section" grep -q "^\\.SH \"\\?$section\"\\?$" "$page"
done

done_testing
