#!/bin/sh
# render: OSMO's template pipeline from the command line.
set -e
. "$top_srcdir/tests/lib.sh"
C="$top_srcdir/share/cookbook/tutorials"

cat > "$T/t.yaml" <<'EOD'
# leading comment, ignored by OSMO
workflow:
  name: "{{ name }}"
  tasks:
{% for i in range(n) %}
  - name: w{{ i }}
    image: ubuntu:24.04
    command: ["echo", "{{output}}/{{ i }}"]
{% endfor %}

default-values:
  name: demo
  n: 2
EOD
run "$OSMO_TUI" render "$T/t.yaml"
is "$rc" 0 "a template renders"
printf 'workflow:\n  name: "demo"\n  tasks:\n\n  - name: w0\n    image: ubuntu:24.04\n    command: ["echo", "{{output}}/0"]\n\n  - name: w1\n    image: ubuntu:24.04\n    command: ["echo", "{{output}}/1"]\n\n' > "$T/want"
golden "$T/out" "$T/want" "the output keeps special tokens and drops one final newline"

run "$OSMO_TUI" render --set n=1 name=other "$T/t.yaml"
ok "--set takes several K=V and types numbers" grep -q 'name: "other"' "$T/out"
is "$(grep -c '^  - name' "$T/out")" 1 "--set n=1 gives one task"

run "$OSMO_TUI" render --set-string n=1 "$T/t.yaml"
is "$rc" 1 "--set-string keeps a string (range of a string fails)"

run "$OSMO_TUI" render --set-env A=1 --label team=ml "$T/t.yaml"
is "$(grep -c 'A: "1"' "$T/out")" 2 "--set-env adds the variable to every task"
ok "--label adds a workflow label" grep -q 'team: "ml"' "$T/out"

run "$OSMO_TUI" render --set nope "$T/t.yaml"
is "$rc" 2 "--set without = is a usage error"
ok "with OSMO's wording" grep -q 'Data nope is incorrectly formatted.*\[set-variable-format\]' "$T/err"

printf 'workflow:\n  name: {{ missing }}\n' > "$T/undef.yaml"
run "$OSMO_TUI" render "$T/undef.yaml"
is "$rc" 1 "an undefined variable fails the render"
ok "at its line and column" grep -q "undef.yaml:2:12: error: 'missing' is undefined" "$T/err"

run "$OSMO_TUI" render --dry-run "$T/t.yaml"
is "$rc" 0 "--dry-run dumps the rendered spec"
printf 'workflow:\n  name: demo\n  tasks:\n  - command:\n    - echo\n    - \x27{{output}}/0\x27\n    image: ubuntu:24.04\n    name: w0\n  - command:\n    - echo\n    - \x27{{output}}/1\x27\n    image: ubuntu:24.04\n    name: w1\n\n' > "$T/want"
golden "$T/out" "$T/want" "--dry-run prints PyYAML's dump: keys sorted, block style"

printf 'workflow:\n  name: x\n  labels:\n    team:\n      nested: true\n  tasks: []\n' > "$T/labels.yaml"
run "$OSMO_TUI" render --dry-run "$T/labels.yaml"
is "$rc" 1 "--dry-run stops at a bad label, as OSMO does"
ok "the label problem is positioned" grep -q 'labels.yaml:5:.*\[label-value-not-string\]' "$T/err"

printf 'workflow:\n  name: x\n  when: 2024-13-01\n' > "$T/date.yaml"
run "$OSMO_TUI" render --dry-run "$T/date.yaml"
is "$rc" 1 "--dry-run refuses a value PyYAML cannot build"
ok "as yaml-value at the value" grep -q 'date.yaml:3:9: error: .*\[yaml-value\]' "$T/err"

printf 'workflow:\n  name: x\n  data: !!set {a, b}\n' > "$T/set.yaml"
run "$OSMO_TUI" render --dry-run "$T/set.yaml"
ok "a !!set dumps as PyYAML writes sets" grep -q '^  data: !!set$' "$T/out"

run "$OSMO_TUI" render "$C/hello_world.yaml"
is "$rc" 0 "a plain spec renders too (OSMO renders every spec)"
ok "it is the workflow section" grep -q '^workflow:' "$T/out"

done_testing
