#!/bin/sh
# get/set: values, collections, format-preserving edits, bad paths, bad YAML.
set -e
. "$top_srcdir/tests/lib.sh"
D="$top_srcdir/tests/data/yaml"

run "$OSMO_TUI" get "$D/styles.yaml" workflow.name
is "$rc:$(cat "$T/out")" "0:styles" "get prints a scalar"

run "$OSMO_TUI" get "$D/styles.yaml" 'workflow.tasks[name=quoted].command[1]'
is "$(cat "$T/out")" "b c" "get decodes a quoted item selected by name and index"

run "$OSMO_TUI" get "$D/styles.yaml" 'workflow.tasks[0].files[0].contents'
printf 'line 1\n\nline 3\n' > "$T/want"
golden "$T/out" "$T/want" "get prints a literal block's value"

run "$OSMO_TUI" get "$D/styles.yaml" 'workflow.tasks[0].args'
printf -- '- indented\n- dash   # comment\n' > "$T/want"
golden "$T/out" "$T/want" "get prints a collection as its YAML, dedented"

printf 'a: {x: [[1], 2]}  # c\n' > "$T/flow.yaml"
run "$OSMO_TUI" get "$T/flow.yaml" 'a.x[0]'
is "$(cat "$T/out")" "[1]" "get prints a flow collection without its parents' closing brackets"

run "$OSMO_TUI" get "$D/anchors.yaml" 'workflow.resources.default.cpu'
is "$(cat "$T/out")" "1" "get follows merge keys"

run "$OSMO_TUI" get "$D/styles.yaml" 'workflow.tasks[name=nope].image'
is "$rc" 2 "get on a missing path exits 2"
ok "the message names the nearest existing path" grep -q 'nearest existing path is workflow.tasks (a list of 1 item)' "$T/err"

run "$OSMO_TUI" get "$D/styles.yaml" 'workflow..name'
is "$rc" 2 "get with bad path syntax exits 2"
ok "the message says where the path is wrong" grep -q "expected a key after '.' at column 10" "$T/err"

run "$OSMO_TUI" get "$D/err_unclosed.yaml" workflow.name
is "$rc" 1 "get on invalid YAML exits 1"
ok "the YAML error is positioned" grep -q "err_unclosed.yaml:4:1: error: .* \[yaml-syntax\]" "$T/err"

run "$OSMO_TUI" get "$D/err_dupkey.yaml" workflow.name
is "$rc" 0 "duplicate keys do not stop get"
ok "duplicate key reported with its position" grep -q 'err_dupkey.yaml:3:3: error: duplicate key "name" (first defined on line 2)' "$T/err"

run "$OSMO_TUI" get /nonexistent/spec.yaml workflow.name
is "$rc" 2 "get on a missing file exits 2"

# set: only the edited bytes change
run "$OSMO_TUI" set "$D/styles.yaml" 'workflow.tasks[0].image=newimage' 'workflow.tasks[0].environment.C=3'
is "$rc" 0 "set succeeds"
diff "$D/styles.yaml" "$T/out" > "$T/diff" || true
cat > "$T/want" <<'EOD'
8c8
<     image: 'single'
---
>     image: 'newimage'
23c23
<     environment: {A: 1, B: "two"}
---
>     environment: {A: 1, B: "two", C: 3}
EOD
golden "$T/diff" "$T/want" "set keeps quotes, edits flow maps, changes nothing else"

run "$OSMO_TUI" set "$D/crlf.yaml" 'workflow.tasks[1]={name: b, image: y}'
printf 'workflow:\r\n  name: crlf\r\n  tasks:\r\n  - name: a\r\n    image: x\r\n  - name: b\r\n    image: y\r\n' > "$T/want"
golden "$T/out" "$T/want" "set appends a list item with CRLF line breaks"

run "$OSMO_TUI" set "$D/no_final_newline.yaml" 'workflow.timeout.exec_timeout=1h'
printf 'workflow:\n  name: nofinal\n  tasks:\n  - name: a\n    image: x\n  timeout:\n    exec_timeout: 1h\n' > "$T/want"
golden "$T/out" "$T/want" "set adds missing nested keys"

run "$OSMO_TUI" set "$D/utf8.yaml" 'workflow.labels.owner=Zoë'
ok "set after multibyte text edits the right bytes" grep -q '    owner: "Zoë"' "$T/out"

cp "$D/styles.yaml" "$T/inplace.yaml"
run "$OSMO_TUI" set "$T/inplace.yaml" -i 'workflow.name=renamed'
is "$rc" 0 "set -i succeeds"
is "$(sed -n 3p "$T/inplace.yaml")" "  name: renamed   # trailing comment" "set -i edits the file in place"

run "$OSMO_TUI" set "$D/styles.yaml" -o "$T/o.yaml" 'workflow.name=[a, b]'
is "$(sed -n 3p "$T/o.yaml")" "  name: [a, b]   # trailing comment" "set -o with a flow value sets a collection"

run "$OSMO_TUI" set "$D/styles.yaml" 'workflow.tasks[5].image=x'
is "$rc" 2 "set on a missing path exits 2"
run "$OSMO_TUI" set "$D/styles.yaml" 'workflow.name=[unclosed'
is "$rc" 2 "set with a bad YAML value exits 2"
run "$OSMO_TUI" set "$D/styles.yaml" 'workflow.name'
is "$rc" 2 "set without = exits 2"
run "$OSMO_TUI" set "$D/err_unclosed.yaml" 'workflow.name=x'
is "$rc" 1 "set on invalid YAML exits 1"
run "$OSMO_TUI" set "$D/styles.yaml" -i -o x 'workflow.name=x'
is "$rc" 2 "-i with -o is a usage error"

done_testing
