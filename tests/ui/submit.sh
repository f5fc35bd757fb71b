#!/bin/sh
# :submit in the TUI: refused with errors, asks on warnings and on unsaved
# changes, then runs the OSMO CLI (a fake `osmo` on PATH that records its
# arguments) with the config's osmo-command and pool, without a shell, and
# comes back to the TUI with the exit status on the status line.
set -e
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/lib-ui.sh"

mkdir -p "$T/bin" "$T/config/osmo-tui"
cat >"$T/bin/osmo" <<EOF
#!/bin/sh
: >"$T/args"
for a in "\$@"; do printf '%s\n' "\$a" >>"$T/args"; done
echo "Workflow ID - submitted-by-fake-osmo"
exit \${FAKE_OSMO_STATUS:-0}
EOF
chmod +x "$T/bin/osmo"
cp "$T/bin/osmo" "$T/bin/other-osmo"
P=$T/bin:$PATH
cp "$COOKBOOK/basics/two_groups.yaml" "$T/g.yaml"

PATH=$P tui 80 24 ':submit<Enter>:screendump sub.txt<Enter>' g.yaml
screen sub.txt submit-done-80x24.txt "a valid spec is submitted; the status line keeps osmo's exit status"
is "$(cat "$T/args")" "workflow
submit
g.yaml" "osmo gets: workflow submit FILE"
ok "osmo's output reached the terminal" grep -q "Workflow ID - submitted-by-fake-osmo" "$T/tty"
ok "after the command line that ran" grep -q "osmo-tui: running: osmo workflow submit g.yaml" "$T/tty"

printf 'osmo-command = other-osmo --profile dev\npool = gpu-pool\n' >"$T/config/osmo-tui/config"
rm -f "$T/args"
PATH=$P FAKE_OSMO_STATUS=3 tui 80 24 ':submit<Enter>:screendump fail.txt<Enter>' --set epochs=5 g.yaml
is "$(cat "$T/args")" "--profile
dev
workflow
submit
g.yaml
--pool
gpu-pool
--set
epochs=5" "osmo-command and pool come from the config, --set values are passed on"
ok "a failing osmo is reported" grep -q '^other-osmo workflow submit g.yaml: exit status 3$' "$T/fail.txt"
rm -f "$T/config/osmo-tui/config"

# warnings ask; n does not submit, y does
cp "$DATA/pipeline.yaml" "$T/p.yaml"
rm -f "$T/args"
PATH=$P tui 80 24 ':submit<Enter>:screendump warn.txt<Enter>n' p.yaml
screen warn.txt submit-warnings-80x24.txt "warnings ask before submitting"
ok "n submits nothing" test ! -e "$T/args"
PATH=$P tui 80 24 ':submit<Enter>y' p.yaml
ok "y submits" grep -qx p.yaml "$T/args"

# errors refuse
printf 'workflow:\n  name: 1bad\n  tasks:\n  - name: t\n    image: alpine\n    command: [echo]\n' >"$T/bad.yaml"
rm -f "$T/args"
PATH=$P tui 80 24 ':submit<Enter>:screendump bad.txt<Enter>' bad.yaml
ok "a spec with errors is not submitted" test ! -e "$T/args"
ok "the status line says why" grep -q '^Not submitted: 1 error (p lists them)$' "$T/bad.txt"

# unsaved changes: asked to save first (osmo reads the file)
cp "$COOKBOOK/basics/two_groups.yaml" "$T/g.yaml"
rm -f "$T/args"
PATH=$P tui 80 24 ':set workflow.name=renamed<Enter>:submit<Enter>:screendump save.txt<Enter>y:screendump saved.txt<Enter>' g.yaml
screen save.txt submit-save-ask-80x24.txt "unsaved changes: asks to save before submitting"
ok "y saved the file" grep -q '^  name: renamed$' "$T/g.yaml"
ok "then submitted it" grep -qx g.yaml "$T/args"
ok "and the title is no longer modified" sh -c "! grep -q modified '$T/saved.txt'"
cp "$COOKBOOK/basics/two_groups.yaml" "$T/g.yaml"
rm -f "$T/args"
PATH=$P tui 80 24 ':set workflow.name=renamed<Enter>:submit<Enter>n:screendump unsaved.txt<Enter>' g.yaml
ok "n submits nothing" test ! -e "$T/args"
ok "and says why" grep -q '^Not submitted: the OSMO CLI reads the file, which has unsaved changes$' "$T/unsaved.txt"

# no osmo on PATH
PATH=/usr/bin:/bin tui 80 24 ':submit<Enter>:screendump none.txt<Enter>' g.yaml
ok "a missing OSMO CLI is reported" grep -q '^Not submitted: ' "$T/none.txt"

done_testing
