#!/bin/sh
# osmo-tui submit: validates first, then runs the OSMO CLI (a fake `osmo` on
# PATH that records its arguments) without a shell, passing its output and
# exit status through.
set -e
. "$top_srcdir/tests/lib.sh"

src=$(cd "$top_srcdir" && pwd -P)
spec=$src/share/cookbook/tutorials/hello_world.yaml
mkdir -p "$T/bin" "$T/cfg/osmo-tui"
# the fake OSMO CLI: one argument per line in $T/args, a submission message
cat >"$T/bin/osmo" <<EOF
#!/bin/sh
: >"$T/args"
for a in "\$@"; do printf '%s\n' "\$a" >>"$T/args"; done
echo "Workflow ID - hello-world-1"
echo "from osmo" >&2
exit \${FAKE_OSMO_STATUS:-0}
EOF
chmod +x "$T/bin/osmo"
cp "$T/bin/osmo" "$T/bin/other-osmo"
P=$T/bin:$PATH

PATH=$P run "$OSMO_TUI" submit --pool gpu-pool --set epochs=5 --set-string tag=v1 --set lr=0.1 \
	--set-env DEBUG=1 --priority LOW "$spec"
is "$rc" 0 "submit of a valid spec exits with osmo's status (0)"
is "$(cat "$T/args")" "workflow
submit
$spec
--pool
gpu-pool
--priority
LOW
--set
epochs=5
lr=0.1
--set-string
tag=v1
--set-env
DEBUG=1" "osmo gets: workflow submit FILE, the pool, the priority, then each option once with all its values"
is "$(cat "$T/out")" "Workflow ID - hello-world-1" "osmo's output is passed through"
ok "osmo's error output is passed through" grep -qx "from osmo" "$T/err"
ok "the command line is shown" grep -q "^osmo-tui submit: running: osmo workflow submit $spec --pool gpu-pool" "$T/err"

rm -f "$T/args"
PATH=$P FAKE_OSMO_STATUS=3 run "$OSMO_TUI" submit "$spec"
is "$rc" 3 "osmo's exit status becomes submit's"
is "$(tr '\n' ' ' <"$T/args")" "workflow submit $spec " "without --pool, osmo picks its default pool"

rm -f "$T/args"
PATH=$P run "$OSMO_TUI" submit --set-string 'msg=$(touch '"$T"'/pwned); `id` "q"' --dry-run "$spec"
is "$(sed -n '6p' "$T/args")" 'msg=$(touch '"$T"'/pwned); `id` "q"' "values reach osmo verbatim"
ok "no shell ever ran them" test ! -e "$T/pwned"
ok "--dry-run is passed" grep -qx -- "--dry-run" "$T/args"

# a templated spec is validated with the values it will be submitted with
tmpl=$src/share/cookbook/tutorials/template_hello_world.yaml
rm -f "$T/args"
PATH=$P run "$OSMO_TUI" submit --set repeat=3 --set-string workflow_name=1bad "$tmpl"
is "$rc" 1 "a template whose values make it invalid is not submitted"
ok "the problem points into the template" grep -q "^$tmpl:[0-9]*:[0-9]*: error: .*\[invalid-name\]" "$T/err"
ok "osmo was not run for the invalid rendering" test ! -e "$T/args"
PATH=$P run "$OSMO_TUI" submit --set repeat=3 --set-string workflow_name=good "$tmpl"
is "$rc" 0 "a template valid with its values is submitted"
is "$(sed -n '4,$p' "$T/args" | tr '\n' ' ')" "--set repeat=3 --set-string workflow_name=good " \
	"the template values are passed on"

# an invalid spec is never submitted
printf 'workflow:\n  name: 1bad\n  tasks:\n  - name: t\n    image: Ubuntu\n    command: [echo]\n' >"$T/bad.yaml"
rm -f "$T/args"
PATH=$P run "$OSMO_TUI" submit "$T/bad.yaml"
is "$rc" 1 "an invalid spec exits 1"
ok "osmo was not run" test ! -e "$T/args"
ok "the problems are shown at their lines" grep -q "^$T/bad.yaml:2:9: error: .*\[invalid-name\]" "$T/err"
ok "with a summary" grep -q "has 2 errors; not submitted" "$T/err"

# warnings pass, unless --strict
printf 'version: 3\nworkflow:\n  name: ok\n  tasks:\n  - name: t\n    image: ubuntu\n    command: [echo]\n' >"$T/warn.yaml"
rm -f "$T/args"
PATH=$P run "$OSMO_TUI" submit --strict "$T/warn.yaml"
is "$rc" 1 "--strict refuses a spec with warnings"
ok "osmo was not run under --strict" test ! -e "$T/args"
PATH=$P run "$OSMO_TUI" submit "$T/warn.yaml"
is "$rc" 0 "warnings alone do not stop a submission"

# the OSMO CLI is missing
mkdir -p "$T/nobin"
PATH=$T/nobin run "$OSMO_TUI" submit "$spec"
is "$rc" 2 "a missing osmo exits 2"
ok "with a clear message" grep -q "the OSMO CLI 'osmo' was not found on \$PATH; install it" "$T/err"

# settings: osmo-command, pool, pool-file
cat >"$T/cfg/osmo-tui/config" <<EOF
osmo-command = $T/bin/other-osmo --profile staging
pool = from-config
pool-file = $src/share/pools/example-pool.yaml
EOF
rm -f "$T/args"
XDG_CONFIG_HOME=$T/cfg run "$OSMO_TUI" submit "$spec"
is "$rc" 0 "osmo-command from the config is used"
is "$(tr '\n' ' ' <"$T/args")" "--profile staging workflow submit $spec --pool from-config " \
	"its arguments come first and the config's pool is passed"
XDG_CONFIG_HOME=$T/cfg PATH=$P run "$OSMO_TUI" submit --pool cli-pool "$spec"
ok "--pool wins over the config" grep -qx "cli-pool" "$T/args"
printf 'workflow:\n  name: big\n  tasks:\n  - name: t\n    image: ubuntu\n    command: [echo]\n    resource: huge\n  resources:\n    huge: {gpu: 16}\n' >"$T/big.yaml"
rm -f "$T/args"
XDG_CONFIG_HOME=$T/cfg run "$OSMO_TUI" submit "$T/big.yaml"
is "$rc" 1 "the config's pool file is used for validation"
ok "osmo was not run for a spec that cannot fit the pool" test ! -e "$T/args"

# values files: numbers become --set, strings --set-string; others are refused
printf 'epochs: 010\nname: run one\nratio: 0.5\n' >"$T/values.yaml"
rm -f "$T/args"
PATH=$P run "$OSMO_TUI" submit --values "$T/values.yaml" --set-string ratio=x "$spec"
is "$(sed -n '4,$p' "$T/args" | tr '\n' ' ')" "--set epochs=8 --set-string name=run one ratio=x " \
	"a values file becomes --set and --set-string; a value given on the command line wins"
printf 'debug: true\n' >"$T/values.yaml"
PATH=$P run "$OSMO_TUI" submit --values "$T/values.yaml" "$spec"
is "$rc" 2 "a boolean in a values file is refused"
ok "with a reason" grep -q "can only be given numbers and strings" "$T/err"

for args in "" "--pool" "--label a=b $spec" "--priority URGENT $spec" "--set novalue $spec" \
	"$spec $spec" "--bogus $spec" "-"; do
	# shellcheck disable=SC2086
	PATH=$P run "$OSMO_TUI" submit $args
	is "$rc" 2 "submit $args: usage error"
done
PATH=$P run "$OSMO_TUI" submit "$T/missing.yaml"
is "$rc" 2 "a missing FILE exits 2"

done_testing
