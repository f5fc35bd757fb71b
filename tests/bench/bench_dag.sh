#!/bin/sh
# bench_dag.sh: wall time of `osmo-tui dag` and `osmo-tui plan` (make bench).
#
# Specs from tests/bench/gen_spec.py (seed 1): 50 tasks (a 50-group
# workflow, tasks: form), 1,000 tasks in the tasks: form (1,000 groups) and
# in the groups: form (250 groups of 4). Each figure is the best of
# BENCH_RUNS (default 5) runs of the whole process: read, render check,
# validate, build the graph, lay out, draw (text, UTF-8) or plan. The
# groups: form has inputs inside a group, which dag reports on stderr (exit
# 1); that is part of the work measured.
set -eu

: "${top_srcdir:=.}" "${top_builddir:=.}" "${PYTHON3:=python3}" "${BENCH_RUNS:=5}"
OSMO_TUI=$top_builddir/ui/osmo-tui
GEN=$top_srcdir/tests/bench/gen_spec.py

W=$(mktemp -d "${TMPDIR:-/tmp}/osmo-dag-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT

"$PYTHON3" - "$OSMO_TUI" "$GEN" "$W" "$BENCH_RUNS" <<'EOF'
import os, subprocess, sys, time

tui, gen, work, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])

def spec(name, *args):
    path = os.path.join(work, name + ".yaml")
    with open(path, "w") as f:
        subprocess.run([sys.executable, gen, "--seed", "1", *args], check=True, stdout=f)
    return path

def best(cmd):
    t = None
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=dict(os.environ, LC_ALL="C.UTF-8"))
        d = time.perf_counter() - t0
        t = d if t is None or d < t else t
    return t * 1000

cases = [
    ("50 groups (50 tasks, tasks: form)", spec("t50", "--tasks", "50")),
    ("1000 groups (1000 tasks, tasks: form)", spec("t1000", "--tasks", "1000")),
    ("250 groups (1000 tasks, groups: form)", spec("g1000", "--tasks", "1000", "--groups")),
]
print(f"dag/plan bench: wall time of the whole process, best of {runs}")
print(f"{'spec':<40} {'dag ms':>8} {'dag --tasks':>12} {'dag json':>9} {'plan ms':>8}")
for label, path in cases:
    print(f"{label:<40} {best([tui, 'dag', path]):>8.1f} {best([tui, 'dag', '--tasks', path]):>12.1f}"
          f" {best([tui, 'dag', '--format', 'json', path]):>9.1f} {best([tui, 'plan', path]):>8.1f}")
EOF
