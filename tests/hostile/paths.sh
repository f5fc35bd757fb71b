#!/bin/sh
# Hostile paths and values for get and set: malformed paths, huge indexes,
# very long paths and keys, bad values. Usage errors (exit 2) that say where
# the path is wrong, and the file untouched.
set -e
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/hostile/lib-hostile.sh"
O=$OSMO_TUI
cat > "$T/spec.yaml" <<'EOD'
workflow:
  name: paths
  tasks:
  - name: a
    image: ubuntu
    command: [echo, hi]
EOD
cp "$T/spec.yaml" "$T/orig.yaml"

hostile "get: a list index over 2^32" 2 "list index too large at column 15" "$O" get "$T/spec.yaml" 'workflow.tasks[99999999999999999999]'
hostile "get: a list index of 2^32-1" 2 'no value at .*nearest existing path is workflow.tasks \(a list of 1 item\)' \
	"$O" get "$T/spec.yaml" 'workflow.tasks[4294967295]'
hostile "get: a negative index" 2 'expected \[N\] or \[field=value\]' "$O" get "$T/spec.yaml" 'workflow.tasks[-1]'
hostile "get: an empty step" 2 "expected a key after '.' at column 10" "$O" get "$T/spec.yaml" 'workflow..name'
hostile "get: an unclosed bracket" 2 "expected '\]' after the list index" "$O" get "$T/spec.yaml" 'workflow.tasks[0'
hostile "get: a stray ]" 2 "unexpected '\]'" "$O" get "$T/spec.yaml" 'workflow]'
hostile "get: an unterminated quoted key" 2 'unterminated quoted key' "$O" get "$T/spec.yaml" 'workflow."name'
hostile "get: a selector without a value" 2 "expected '\]' after the value" "$O" get "$T/spec.yaml" 'workflow.tasks[name=a'
hostile "get: a path of 300 steps" 2 'path too long' "$O" get "$T/spec.yaml" "$(awk 'BEGIN { printf "a"; for (i = 0; i < 300; i++) printf ".a" }')"
hostile "get: a 100 KB key in the path" 2 'no value at' "$O" get "$T/spec.yaml" "$(head -c 100000 /dev/zero | tr '\0' k)"
hostile "get: a path into a scalar" 2 'nearest existing path is workflow.name \(the scalar "paths"\)' \
	"$O" get "$T/spec.yaml" 'workflow.name.x'
hostile "get: an empty path prints the document" 0 '^workflow:' "$O" get "$T/spec.yaml" ''
hostile "set: a malformed path" 2 'bad path .*expected a key after' "$O" set "$T/spec.yaml" -i 'workflow..x=1'
hostile "set: no = outside brackets" 2 'expected PATH=VALUE' "$O" set "$T/spec.yaml" -i 'workflow[=1'
hostile "set: an index far past the end" 2 'no value at' "$O" set "$T/spec.yaml" -i 'workflow.tasks[7]=x'
hostile "set: an empty path" 2 'empty path cannot be set' "$O" set "$T/spec.yaml" -i '=x'
hostile "set: an alias bomb as the value" 2 'not a valid YAML value.*alias bomb|not a valid YAML value' \
	"$O" set "$T/spec.yaml" -i "workflow.x=[&a [1,1,1,1,1,1,1,1,1,1], &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a], &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b], &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c], &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d], &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e], &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]]"
hostile "set: a value with two documents" 2 'not a valid YAML value' "$O" set "$T/spec.yaml" -i 'workflow.name=a
---
b'
hostile "set: a value 10,000 levels deep" 2 'nesting is deeper' \
	"$O" set "$T/spec.yaml" -i "workflow.name=$(awk 'BEGIN { for (i = 0; i < 10000; i++) printf "["; for (i = 0; i < 10000; i++) printf "]" }')"
hostile "set: a new key with quotes and backslashes" 0 '' "$O" set "$T/spec.yaml" -o "$T/keys.yaml" 'workflow.labels."a\"b\\c".d=1'
hostile "get: that key back" 0 '^1$' "$O" get "$T/keys.yaml" 'workflow.labels."a\"b\\c".d'
cmp -s "$T/spec.yaml" "$T/orig.yaml" && pass "the file is unchanged after every refused set" ||
	fail "the file is unchanged after every refused set" "$(diff "$T/orig.yaml" "$T/spec.yaml")"

done_testing
