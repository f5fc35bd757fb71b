#!/bin/sh
# osmo-tui plan: golden reports (waves, critical path, gang demand, pool
# fitting) for cookbook specs and tests/data/plan/*.yaml against the pool
# files tests/data/pools/plan-*.yaml (everything fits; groups that can never
# be placed; platforms missing), JSON checked with python3, exit statuses.
# OSMO_UPDATE_GOLDEN=1 rewrites the goldens.
. "$top_srcdir/tests/lib.sh"

skip() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N # SKIP $1"; }
PY=${PYTHON3:-python3}
[ "$PY" != ":" ] && command -v "$PY" >/dev/null 2>&1 || PY=

C=$(cd "$top_srcdir/share/cookbook" && pwd)
P=$(cd "$top_srcdir/tests/data/plan" && pwd)
POOLS=$(cd "$top_srcdir/tests/data/pools" && pwd)
cd "$P"

# name, expected status, arguments
while read -r name want args; do
	# shellcheck disable=SC2086
	run "$OSMO_TUI" plan $args </dev/null
	is "$rc" "$want" "$name: exit $want"
	golden "$T/out" "$P/$name.txt" "$name report"
done <<EOF
pipeline 0 $C/tutorials/combination_workflow_complex.yaml
platforms-fits 0 --pool-file $POOLS/plan-fits.yaml $C/tutorials/resources_platforms.yaml
platforms-missing 1 --pool-file $POOLS/plan-missing.yaml $C/tutorials/resources_platforms.yaml
gang 0 gang.yaml
gang-fits 1 --pool-file $POOLS/plan-fits.yaml gang.yaml
gang-never 1 --pool-file $POOLS/plan-never.yaml gang.yaml
gang-missing 1 --pool-file $POOLS/plan-missing.yaml gang.yaml
torchrun-never 1 --pool-file $POOLS/plan-never.yaml $C/dnn_training/torchrun_multinode/train.yaml
torchrun-one 0 --set nodes=1 --pool-file $POOLS/plan-never.yaml $C/dnn_training/torchrun_multinode/train.yaml
cycle 1 cycle.yaml
EOF

run "$OSMO_TUI" plan cycle.yaml
is "$(sed 's/^\([^ ]* error:\) .*\(\[.*\]\)$/\1 \2/' "$T/err")" \
"cycle.yaml:8:67: error: [dependency-cycle]
cycle.yaml:10:83: error: [unknown-input-task]" "a cycle: the dependency errors on stderr"

# the numbers behind the reports, through the JSON
if [ -n "$PY" ]; then
	run "$OSMO_TUI" plan --format json --pool-file "$POOLS/plan-never.yaml" gang.yaml
	ok "gang-never JSON parses (python3 -m json.tool)" "$PY" -m json.tool "$T/out"
	ok "gang-never JSON: fit per group, missing profiles, waves, peak" "$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
G = 1024 ** 3
fit = {g["name"]: (g["fit"], g["culprit"]) for g in d["groups"]}
assert fit == {"prep": ("fits", None), "train": ("group-too-big", "dgx-h100"),
               "sweep": ("task-too-big", "wide"), "legacy": ("no-platform", "old-eval"),
               "report": ("fits", None)}, fit
assert d["unplaceable"] == 3 and d["blocked"] == 0
assert d["missing_platforms"] == [{"profile": "old", "platform": "a100", "in_pool": False}]
assert [w["groups"] for w in d["waves"]] == [["prep"], ["train", "sweep", "legacy"], ["report"]]
train = [g for g in d["groups"] if g["name"] == "train"][0]
assert train["demand"] == {"cpu": 192, "gpu": 24, "memory": 1536 * G, "storage": 600 * G}
assert train["over_gpu_guarantee"] and train["critical"]
prep = [g for g in d["groups"] if g["name"] == "prep"][0]
# cpu: 0 is unset: the pool default (1, as the pool sets no defaults); storage unset: 1Gi
assert prep["demand"] == {"cpu": 1, "gpu": 0, "memory": 2 * G, "storage": 1 * G}, prep
assert d["peak"]["wave"] == 2 and d["peak"]["demand"]["gpu"] == 41
assert d["critical_path"] == {"groups": ["prep", "train", "report"], "stages": 3,
                              "exec_timeout": 259200, "exec_timeout_clamped": False,
                              "max_seconds": 777600}
w2 = d["waves"][1]
assert w2["over"] and [p["platform"] for p in w2["platforms"]] == ["dgx-h100", "a100"]
' "$T/out"
	run "$OSMO_TUI" plan --format json --pool-file "$POOLS/plan-fits.yaml" gang.yaml
	ok "gang-fits JSON: pool defaults fill unset values; exec_timeout lowered to the pool maximum" "$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
G = 1024 ** 3
prep = [g for g in d["groups"] if g["name"] == "prep"][0]
assert prep["demand"] == {"cpu": 2, "gpu": 0, "memory": 2 * G, "storage": 8 * G}, prep
c = d["critical_path"]
assert c["exec_timeout"] == 86400 and c["exec_timeout_clamped"] and c["max_seconds"] == 3 * 86400
' "$T/out"
	run "$OSMO_TUI" plan --format json cycle.yaml
	ok "cycle JSON: the cycle, the blocked groups, no pool" "$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["cycles"] == [["a", "b", "c", "a"]] and d["blocked"] == 3 and d["pool"] is None
assert [g["wave"] for g in d["groups"]] == [1, None, None, None, 2]
assert d["critical_path"]["groups"] == ["setup", "side"]
assert all(g["fit"] == "unknown" for g in d["groups"])
' "$T/out"
else
	skip "python3 not found"
	skip "python3 not found"
	skip "python3 not found"
	skip "python3 not found"
fi

# a profile without platform: goes to the pool's default platform, which may be missing
printf 'name: q\ndefault_platform: nope\nplatforms:\n  cpu:\n    nodes: [{cpu: 4, memory: 8Gi, storage: 8Gi}]\n' \
	>"$T/q.yaml"
run "$OSMO_TUI" plan --pool-file "$T/q.yaml" "$C/tutorials/serial_workflow.yaml"
is "$rc:$(grep -c 'platform "nope" (the pool.s default platform) is not in pool "q"' "$T/out")" "1:1" \
	"the pool's missing default platform is named as such"

# usage and I/O errors
printf 'platforms: [a]\n' >"$T/pool.yaml"
run "$OSMO_TUI" plan --pool-file "$T/pool.yaml" gang.yaml
is "$rc" 2 "a bad pool file exits 2"
ok "and names its error" grep -q 'pool-file' "$T/err"
run "$OSMO_TUI" plan --format yaml gang.yaml
is "$rc" 2 "an unknown format exits 2"
run "$OSMO_TUI" plan --set nodes gang.yaml
is "$rc" 2 "--set without = exits 2"
run "$OSMO_TUI" plan "$T/missing.yaml"
is "$rc" 2 "a missing file exits 2"
run "$OSMO_TUI" plan --help
ok "plan --help shows the synopsis" grep -q '^usage: osmo-tui plan ' "$T/out"

done_testing
