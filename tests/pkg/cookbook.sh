#!/bin/sh
# osmo-tui cookbook: list, show and new over the bundled cookbook, extra
# folders given with --cookbook-dir or the config file, and usage errors.
set -e
. "$top_srcdir/tests/lib.sh"

src=$(cd "$top_srcdir" && pwd -P)
index=$src/share/cookbook/index.yaml
names=$(sed -n 's/^- name: //p' "$index")

run "$OSMO_TUI" cookbook list --names
is "$rc" 0 "list --names exits 0"
is "$(cat "$T/out")" "$names" "list --names prints the index's names in order"

run "$OSMO_TUI" cookbook list
is "$rc" 0 "list exits 0"
is "$(head -n 2 "$T/out")" "tutorials:
  hello-world                   Hello world, one task in one container" \
	"list starts with the tutorials group and the hello-world title"
is "$(grep -c '^  ' "$T/out")" "$(printf '%s\n' "$names" | wc -l)" "list shows one line per example"
is "$(grep -v '^  ' "$T/out" | tr '\n' ' ')" \
	"tutorials: dnn_training: reinforcement_learning: integration_and_tools: " \
	"list groups the examples by folder"
is "$(cat "$T/err")" "" "list prints no warnings"

run "$OSMO_TUI" cookbook show hello-world
is "$rc" 0 "show exits 0"
ok "show prints the example byte for byte" cmp "$T/out" "$src/share/cookbook/tutorials/hello_world.yaml"

run "$OSMO_TUI" cookbook show hello
is "$rc" 2 "show of an unknown name exits 2"
ok "the error suggests close names" grep -q "no example named 'hello'; did you mean hello-world" "$T/err"

run "$OSMO_TUI" cookbook new vscode "$T/new.yaml"
is "$rc" 0 "new exits 0"
ok "new copies the example" cmp "$T/new.yaml" "$src/share/cookbook/integration_and_tools/vscode/vscode.yaml"
echo "# mine" >"$T/new.yaml"
run "$OSMO_TUI" cookbook new vscode "$T/new.yaml"
is "$rc" 2 "new refuses to overwrite an existing file"
ok "the refusal says how to force it" grep -q "already exists; use --force" "$T/err"
is "$(cat "$T/new.yaml")" "# mine" "the existing file is untouched"
run "$OSMO_TUI" cookbook new --force vscode "$T/new.yaml"
is "$rc" 0 "new --force overwrites"
ok "new --force wrote the example" cmp "$T/new.yaml" "$src/share/cookbook/integration_and_tools/vscode/vscode.yaml"
ln -s "$T/new.yaml" "$T/link.yaml"
run "$OSMO_TUI" cookbook new vscode "$T/link.yaml"
is "$rc" 2 "new refuses to write through an existing symlink without --force"
run "$OSMO_TUI" cookbook new hello-world "$T/no/such/dir/x.yaml"
is "$rc" 2 "new into a missing folder exits 2"
ok "and names the file" grep -q "$T/no/such/dir" "$T/err"
run "$OSMO_TUI" cookbook new hello-world -
ok "new NAME - prints the example" cmp "$T/out" "$src/share/cookbook/tutorials/hello_world.yaml"

# a folder of specs, as --cookbook-dir and as a config setting
mkdir -p "$T/specs/training/big" "$T/specs/.git" "$T/specs/tools"
cat >"$T/specs/training/big/train.yaml" <<'EOF'
# SPDX-FileCopyrightText: Copyright (c) 2025 Example Corp
# SPDX-License-Identifier: Apache-2.0

# To submit:
#   osmo workflow submit train.yaml

workflow:
  name: big-train
  tasks:
  - name: train
    image: ubuntu:24.04
    command: [echo]
EOF
printf '# Evaluate a checkpoint\nworkflow:\n  name: eval\n' >"$T/specs/training/eval.yml"
printf 'workflow:\n  name: {{ name }}\n' >"$T/specs/tools/templated.yaml"
printf 'epochs: 3\n' >"$T/specs/tools/values.yaml"
printf 'workflow:\n  name: hidden\n' >"$T/specs/.git/x.yaml"
printf '# Top level\nworkflow:\n  name: top\n' >"$T/specs/hello-world.yaml"

run "$OSMO_TUI" cookbook --cookbook-dir "$T/specs" list
is "$rc" 0 "list with --cookbook-dir exits 0"
is "$(sed -n '/^[^ ]*specs/,$p' "$T/out")" "$T/specs:
  hello-world-2                 Top level
$T/specs/tools:
  tools/templated               tools/templated.yaml
$T/specs/training:
  training/big/train            big-train
  training/eval                 Evaluate a checkpoint" \
	"specs are listed after the bundled ones, grouped by folder, titled from comments or names"

run "$OSMO_TUI" cookbook list --names --cookbook-dir "$T/specs"
ok "--cookbook-dir works after the action too" grep -qx "training/eval" "$T/out"
run "$OSMO_TUI" cookbook --cookbook-dir "$T/specs" show training/eval
ok "show NAME finds a spec of the folder" cmp "$T/out" "$T/specs/training/eval.yml"

mkdir -p "$T/cfg/osmo-tui"
printf '# settings\ncookbook-dir = %s\ncolour = red\n' "$T/specs" >"$T/cfg/osmo-tui/config"
XDG_CONFIG_HOME=$T/cfg run "$OSMO_TUI" cookbook list --names
ok "cookbook-dir in the config adds the folder" grep -qx "training/big/train" "$T/out"
is "$(cat "$T/err")" "$T/cfg/osmo-tui/config:3:1: warning: unknown setting \"colour\" (known: cookbook-dir, pool-file, pool, osmo-command, theme, bind) [config]" \
	"a bad config line is a positioned warning"
XDG_CONFIG_HOME=$T/cfg run "$OSMO_TUI" cookbook --cookbook-dir "$T/specs/" list --names
is "$(grep -c 'training/eval' "$T/out")" 1 "the same folder given twice is listed once"

run "$OSMO_TUI" cookbook --cookbook-dir "$T/missing" list --names
is "$rc" 0 "a missing extra folder is a warning, not an error"
ok "the warning names the folder" grep -q "cookbook folder $T/missing: No such file or directory" "$T/err"

mkdir -p "$T/empty"
OSMO_TUI_DATADIR=$T/empty run "$OSMO_TUI" cookbook list
is "$rc" 0 "list without any cookbook exits 0"
ok "and says where to look" grep -q "no cookbook found" "$T/err"
OSMO_TUI_DATADIR=$T/empty run "$OSMO_TUI" cookbook show hello-world
is "$rc" 2 "show without any cookbook exits 2"

for args in "" "lis" "show" "new hello-world" "list extra" "list --force" "show --names x" "list --bogus"; do
	# shellcheck disable=SC2086
	run "$OSMO_TUI" cookbook $args
	is "$rc" 2 "cookbook $args: usage error"
done

done_testing
