#!/bin/sh
# Hostile templates: specs whose workflow section is a Jinja template that
# loops, recurses, nests or allocates without end, or reaches for Python
# internals. `render` and `validate` must stop each one with a positioned
# template error in bounded time and memory; nothing from a spec is run.
set -e
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/hostile/lib-hostile.sh"
O=$OSMO_TUI

# spec NAME BODY: a templated spec whose workflow name is BODY
spec() {
	printf 'workflow:\n  name: x\n  tasks:\n  - name: t\n    image: ubuntu\n    command: [echo, "%s"]\ndefault-values:\n  n: 3\n' "$2" > "$T/$1.yaml"
}

spec loop '{% for i in range(1000000000) %}x{% endfor %}'
hostile "a loop of 10^9 iterations is stopped" 1 'loop.yaml:[0-9]+:[0-9]+: error: .*\[template-(timeout|memory|runtime-error)\]' \
	"$O" render "$T/loop.yaml"
spec nested '{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}'
hostile "nested loops of 10^10 iterations are stopped" 1 'error: .*\[template-(timeout|runtime-error)\]' "$O" validate "$T/nested.yaml"
spec strbomb '{{ "x" * 1000000000 }}'
hostile "a 1 GB string is refused" 1 'error: .*\[template-(memory|runtime-error)\]' "$O" render "$T/strbomb.yaml"
spec doubling '{% set s = namespace(v="xx") %}{% for i in range(64) %}{% set s.v = s.v ~ s.v %}{% endfor %}{{ s.v }}'
hostile "a doubling string is stopped" 1 'error: .*\[template-' "$O" render "$T/doubling.yaml"
spec listbomb '{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = ns.l + ns.l %}{% endfor %}{{ ns.l | length }}'
hostile "a doubling list is stopped" 1 'error: .*\[template-' "$O" render "$T/listbomb.yaml"
spec recurse '{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}'
hostile "unbounded macro recursion is stopped" 1 'error: .*\[template-(runtime-error|memory|timeout)\]' "$O" render "$T/recurse.yaml"
spec bigpow '{{ 2 ** 10000000 }}'
hostile "a huge power is refused or bounded" '0|1' '' "$O" render "$T/bigpow.yaml"
spec bigrange '{{ range(9223372036854775807) | length }}'
hostile "a range of 2^63 items" '0|1' '' "$O" render "$T/bigrange.yaml"
deep=$(awk 'BEGIN { for (i = 0; i < 100000; i++) printf "("; printf "1"; for (i = 0; i < 100000; i++) printf ")" }')
spec deepexpr "{{ $deep }}"
hostile "100,000 nested parentheses" 1 'error: .*\[template-' "$O" render "$T/deepexpr.yaml"
deep=$(awk 'BEGIN { for (i = 0; i < 20000; i++) printf "{%% if true %%}"; for (i = 0; i < 20000; i++) printf "{%% endif %%}" }')
spec deepif "$deep"
hostile "20,000 nested if blocks" '0|1' '' "$O" render "$T/deepif.yaml"
deep=$(awk 'BEGIN { for (i = 0; i < 50000; i++) printf "["; for (i = 0; i < 50000; i++) printf "]" }')
spec deeplist "{{ $deep }}"
hostile "50,000 nested list literals" 1 'error: .*\[template-' "$O" render "$T/deeplist.yaml"
# chain NAME FIRST STEP: "FIRST" then 50,000 times "STEP", a chain whose
# every link wraps the ones before it
chain() {
	deep=$(awk -v f="$2" -v s="$3" 'BEGIN { printf "%s", f; for (i = 0; i < 50000; i++) printf "%s", s }')
	spec "$1" "{{ $deep }}"
	hostile "a chain of 50,000 $1" 1 'nested too deeply.*\[template-' "$O" render "$T/$1.yaml"
}
chain filters n '|string'
chain additions 1 '+1'
chain attributes x '.a'
spec unsafe "{{ ''.__class__.__mro__[1].__subclasses__() }}"
hostile "Python internals are out of reach" 1 'error: .*\[template-(unsafe|unsupported|runtime-error)\]' "$O" render "$T/unsafe.yaml"
spec cycler "{{ cycler.__init__.__globals__.os.popen('touch $T/pwned').read() }}"
hostile "no way to run a command" 1 'error: .*\[template-' "$O" render "$T/cycler.yaml"
if [ -e "$T/pwned" ]; then fail "the command did not run"; else pass "the command did not run"; fi
spec fmt "{{ '%s%s%s%n%999999999d' | format(1, 2, 3) }}"
hostile "a hostile format string" 1 'error: .*\[template-' "$O" render "$T/fmt.yaml"
spec fmtwidth "{{ '%.999999999f' | format(1.5) }}"
hostile "a 10^9-digit precision" '0|1' '' "$O" render "$T/fmtwidth.yaml"
spec undefined '{{ nope.deeper[0] }}'
hostile "an undefined variable is positioned" 1 'undefined.yaml:6:[0-9]+: error: .*\[template-undefined-variable\]' \
	"$O" render "$T/undefined.yaml"
spec unclosed '{{ n '
hostile "an unclosed expression is positioned" 1 'unclosed.yaml:[0-9]+:[0-9]+: error: .*\[template-syntax\]' "$O" validate "$T/unclosed.yaml"
spec unknowntag '{% include "/etc/passwd" %}'
hostile "include (no file access) is refused" 1 'error: .*\[template-(unsupported|syntax)\]' "$O" render "$T/unknowntag.yaml"
if grep -q root: "$T/out" 2>/dev/null; then fail "no file was read"; else pass "no file was read"; fi
{ printf 'workflow:\n  name: "{{ n }}"\n  tasks: []\ndefault-values:\n  n: '; awk 'BEGIN { for (i = 0; i < 10000; i++) printf "["; for (i = 0; i < 10000; i++) printf "]" }'; echo; } > "$T/deepvalues.yaml"
hostile "10,000-deep default-values" 1 'error: ' "$O" render "$T/deepvalues.yaml"
hostile "--set with a 100 KB value" '0|1' '' "$O" render --set "n=$(head -c 100000 /dev/zero | tr '\0' 9)" "$T/loop.yaml"

done_testing
