#!/bin/sh
# The start screen, the help palette, colours and resizing (no file needed).
set -e
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/lib-ui.sh"
unset NO_COLOR

tui 80 24 ':screendump start.txt<Enter>:q<Enter>'
is "$rc" 0 "the start screen quits with :q (exit 0)"
screen start.txt start-80x24.txt "start screen lists the cookbook (80x24)"

tui 80 24 '<Down><Enter><C-u>new.yaml<Enter>:screendump created.txt<Enter>:q<Enter>'
is "$rc" 0 "creating from an example exits 0"
ok "the new file is a copy of the example" cmp "$T/new.yaml" "$COOKBOOK/basics/two_groups.yaml"
screen created.txt created-80x24.txt "the new file opens in the outline"

rm -f "$T/new.yaml"
tui 80 24 ':screendump later.txt<Enter><Enter><Enter>:q<Enter>' later.yaml
screen later.txt later-80x24.txt "a FILE that does not exist yet shows the start screen"
ok "Enter creates FILE from the selected example" cmp "$T/later.yaml" "$COOKBOOK/basics/one_task.yaml"

tui 80 24 '<Enter><C-u>later.yaml<Enter>:screendump exists.txt<Enter>:q<Enter>'
screen exists.txt exists-80x24.txt "an existing file is never overwritten from the start screen"

tui 80 24 '?:screendump help.txt<Enter>'
screen help.txt help-80x24.txt "? shows every command with its keys"

tui 100 30 '?undo:screendump helpf.txt<Enter>'
screen helpf.txt help-filter-100x30.txt "typing filters the help palette (100x30)"

tui 80 24 '?discard<Enter>:screendump after.txt<Enter>'
is "$rc" 0 "Enter in the palette runs the selected command (q!: exit 0)"
ok "nothing ran after q!" test ! -e "$T/after.txt"

tui 80 24 '?zzzz<BS><BS><BS><BS>pane<Enter>:screendump nopane.txt<Enter>:q<Enter>'
screen nopane.txt nopane-80x24.txt "Backspace edits the filter; Enter ran :pane"

tui 80 24 ':screendump r1.txt<Enter><resize 100 30>:screendump r2.txt<Enter><resize 60 16>:screendump r3.txt<Enter>:q<Enter>'
screen r2.txt resize-100x30.txt "after a resize to 100x30 everything is redrawn"
screen r3.txt resize-60x16.txt "after a resize to 60x16 the pane is hidden"

# colours: SGR colour sequences (30-37, 39 and 38;5) appear only when allowed
has_colour() { grep -q "$(printf '\033')\[3[0-8]" "$T/tty"; }
tui 80 24 ':q<Enter>'
ok "colours by default" has_colour
TUI_ENV="NO_COLOR=1" tui 80 24 ':q<Enter>'
ok "NO_COLOR=1 turns colours off" sh -c "! grep -q '$(printf '\033')\[3[0-8]' '$T/tty'"
tui 80 24 ':q<Enter>' --no-color
ok "--no-color turns colours off" sh -c "! grep -q '$(printf '\033')\[3[0-8]' '$T/tty'"
TUI_ENV="NO_COLOR=1" tui 80 24 ':screendump mono.txt<Enter>:q<Enter>'
screen mono.txt start-80x24.txt "the monochrome screen has the same text"

tui 80 24 'q' --bogus-option
is "$rc" 2 "an unknown option is a usage error"
printf '<Nope>' >"$T/bad.keys"
set +e
OSMO_TUI_SCRIPT="$T/bad.keys" TERM=xterm-256color "$OSMO_TUI" </dev/null >/dev/null 2>"$T/err"
rc=$?
set -e
is "$rc" 2 "a bad key script is a usage error"
is "$(cat "$T/err")" "$T/bad.keys:1:1: error: unknown key name <Nope> (write <lt> for a literal '<') [key-script]" \
	"a bad key name is reported with its position"

done_testing
