#!/bin/sh
# bench_tmpl.sh: osmo-tui's template engine against Python Jinja2 on the big
# templated spec (gen_spec.py --tasks N --templated, N=10000 by default).
#
# Both sides render the workflow section in process, best of several runs,
# compile and interpreter start-up excluded. The OSMO token {{output}} is
# an ordinary variable here whose value is the token's own text. Prints the
# two times and the ratio, and checks the outputs are identical.
set -eu
: "${top_srcdir:=.}" "${top_builddir:=.}"
N=${TMPL_BENCH_TASKS:-10000}
REPEAT=${TMPL_BENCH_REPEAT:-10}
T=$(mktemp -d "${TMPDIR:-/tmp}/tmpl-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT

PY=""
for p in "${PYTHON3:-}" python3 /usr/bin/python3; do
	[ -n "$p" ] && [ "$p" != ":" ] || continue
	if "$p" -c 'import jinja2' >/dev/null 2>&1; then PY=$p; break; fi
done
GEN_PY=${PY:-python3}

"$GEN_PY" "$top_srcdir/tests/bench/gen_spec.py" --tasks "$N" --templated >"$T/full.j2"
# the workflow section only (default-values is not part of the template)
sed '/^default-values:/,$d' "$T/full.j2" >"$T/wf.j2"

ours=$("$top_builddir/tests/bench/bench_tmpl" "$T/wf.j2" "$REPEAT" num_tasks="$N" window=64 seed=1 \
	output='{{output}}' -o "$T/ours.out")
echo "osmo-tui tmpl ($N tasks): $ours"
if [ -z "$PY" ]; then
	echo "python3 with jinja2 not found: no comparison"
	exit 0
fi
theirs=$("$PY" - "$T/wf.j2" "$T/py.out" "$N" "$REPEAT" <<'PYEOF'
import sys, time
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
src = open(sys.argv[1], encoding="utf-8").read()
n, repeat = int(sys.argv[3]), int(sys.argv[4])
env = SandboxedEnvironment(undefined=StrictUndefined)
t0 = time.perf_counter()
tpl = env.from_string(src)
compile_ms = (time.perf_counter() - t0) * 1e3
best = float("inf")
for _ in range(repeat):
    a = time.perf_counter()
    out = tpl.render(num_tasks=n, window=64, seed=1, output="{{output}}")
    best = min(best, time.perf_counter() - a)
open(sys.argv[2], "w", encoding="utf-8", newline="").write(out)
print(f"compile_ms={compile_ms:.3f} render_ms={best * 1e3:.3f} bytes={len(out.encode())}")
PYEOF
)
echo "python jinja2 $("$PY" -c 'import jinja2; print(jinja2.__version__)') ($N tasks): $theirs"
if cmp -s "$T/ours.out" "$T/py.out"; then echo "outputs: identical"; else echo "outputs: DIFFERENT"; exit 1; fi
o=$(echo "$ours" | sed 's/.*render_ms=\([0-9.]*\).*/\1/')
p=$(echo "$theirs" | sed 's/.*render_ms=\([0-9.]*\).*/\1/')
awk -v o="$o" -v p="$p" 'BEGIN { printf "render speed-up over Python Jinja2: %.1fx\n", p / o }'
