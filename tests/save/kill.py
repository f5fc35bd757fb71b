#!/usr/bin/env python3
"""Crash safety of `osmo-tui set FILE ... -i`: SIGKILL at random moments.

A big spec (SAVE_KILL_MB, default 2 MB) is edited in place again and again,
toggling one value, and the writer is killed with SIGKILL at a random
moment: half of the kills at a uniform time over a whole run, half just
after the temporary file appears (so they land while it is being written,
flushed or renamed). After every run the target must hold exactly the old
or exactly the new bytes, and the directory may hold at most one stale
temporary file `.NAME.osmo-tui.XXXXXX` (osmo-tui does not delete them: a
concurrent writer's temporary looks the same; the test removes it).
Prints TAP. SAVE_KILL_ITERATIONS (default 200) sets the number of runs.
"""
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time

osmo = os.environ["OSMO_TUI"]
iterations = int(os.environ.get("SAVE_KILL_ITERATIONS", "200"))
megabytes = float(os.environ.get("SAVE_KILL_MB", "2"))
rng = random.Random(int(os.environ.get("SAVE_KILL_SEED", "1")))
tmp_re = re.compile(r"^\.spec\.yaml\.osmo-tui\.[A-Za-z0-9]{6}$")

n = 0
failed = 0


def ok(cond, name, detail=""):
    global n, failed
    n += 1
    if cond:
        print(f"ok {n} - {name}")
    else:
        failed += 1
        print(f"not ok {n} - {name}")
        for line in str(detail).splitlines():
            print(f"# {line}")


def spec(tasks):
    lines = ["# a big spec for the crash test", "workflow:", "  name: before", "  tasks:"]
    for i in range(tasks):
        lines += [f"  - name: task-{i}", "    image: nvcr.io/nvidia/pytorch:24.01-py3",
                  "    command: [python, train.py, --epochs, '10']",
                  "    environment: {SEED: '%d', NOTE: 'padding padding padding padding'}" % i]
    return ("\n".join(lines) + "\n").encode()


def main():
    d = tempfile.mkdtemp(prefix="osmo-kill-", dir=os.environ.get("TMPDIR", "/tmp"))
    path = os.path.join(d, "spec.yaml")
    text = spec(max(1, int(megabytes * 1e6 / 170)))
    with open(path, "wb") as f:
        f.write(text)
    os.chmod(path, 0o640)
    versions = {}
    for value in ("before", "after"):
        out = subprocess.run([osmo, "set", path, f"workflow.name={value}"], capture_output=True, check=True)
        versions[value] = out.stdout
    ok(versions["before"] == text and versions["after"] != text and
       len(versions["after"]) == len(text) - 1,
       f"the two versions differ in one value ({len(text)} bytes)")

    # calibrate: how long a whole run takes, and when the temporary appears
    runs, appears = [], []
    for value in ("after", "before", "after", "before"):
        t0 = time.monotonic()
        p = subprocess.Popen([osmo, "set", path, "-i", f"workflow.name={value}"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seen = None
        while p.poll() is None:
            if seen is None and len(os.listdir(d)) > 1:
                seen = time.monotonic() - t0
            time.sleep(0.0002)
        runs.append(time.monotonic() - t0)
        appears.append(seen if seen is not None else runs[-1])
        assert p.returncode == 0
    whole = sorted(runs)[len(runs) // 2]
    write = max(0.001, whole - sorted(appears)[len(appears) // 2])
    print(f"# a run takes {whole * 1000:.0f} ms, the temporary exists for about {write * 1000:.1f} ms")

    stats = {"old": 0, "new": 0, "stale temporary": 0, "finished before the kill": 0}
    bad = []
    for i in range(iterations):
        with open(path, "rb") as f:
            cur = f.read()
        value = "after" if cur == versions["before"] else "before"
        old, new = cur, versions[value]
        p = subprocess.Popen([osmo, "set", path, "-i", f"workflow.name={value}"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t0 = time.monotonic()
        if i % 2 == 0:
            time.sleep(rng.uniform(0, whole * 1.1))
        else:
            while p.poll() is None and len(os.listdir(d)) < 2 and time.monotonic() - t0 < whole * 5:
                time.sleep(0.0001)
            time.sleep(rng.uniform(0, write))
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
        else:
            stats["finished before the kill"] += 1
        p.wait()
        with open(path, "rb") as f:
            now = f.read()
        names = sorted(os.listdir(d))
        temps = [x for x in names if tmp_re.match(x)]
        others = [x for x in names if x != "spec.yaml" and x not in temps]
        if now == old:
            stats["old"] += 1
        elif now == new:
            stats["new"] += 1
        else:
            bad.append(f"run {i}: the file is neither version ({len(now)} bytes)")
        if p.returncode == 0 and now != new:
            bad.append(f"run {i}: exit 0 but the file is not the new version")
        if len(temps) > 1 or others or (temps and p.returncode == 0):
            bad.append(f"run {i}: left {names}")
        if oct(os.stat(path).st_mode & 0o777) != "0o640":
            bad.append(f"run {i}: mode {oct(os.stat(path).st_mode & 0o777)}")
        for t in temps:
            stats["stale temporary"] += 1
            os.unlink(os.path.join(d, t))
    ok(not bad, f"{iterations} killed writes: the file is always the complete old or new version",
       "\n".join(bad[:20]))
    ok(stats["new"] > 0 and stats["old"] > 0 and stats["stale temporary"] > 0,
       "kills landed before, during and after the write: " +
       ", ".join(f"{k} {v}" for k, v in stats.items()))
    for x in os.listdir(d):
        os.unlink(os.path.join(d, x))
    os.rmdir(d)
    print(f"1..{n}")
    return 1 if failed else 0


sys.exit(main())
