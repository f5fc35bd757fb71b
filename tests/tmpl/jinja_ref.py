#!/usr/bin/env python3
"""jinja_ref.py: render a template with Python Jinja2 the way OSMO does.

    jinja_ref.py TEMPLATE [VARS.json]     render; output on stdout, exit 0,
                                          or "Class: message" on stderr, exit 1
    jinja_ref.py --update DIR [OUT]       write OUT/NAME.out or OUT/NAME.err
                                          for every DIR/NAME.j2 (+ NAME.json);
                                          OUT defaults to DIR

OSMO renders with SandboxedEnvironment(undefined=StrictUndefined) and the
default options (no trim_blocks, keep_trailing_newline=False).
"""
import glob
import json
import os
import resource
import sys

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment


# OSMO renders in a worker limited to 100 MiB of address space; a looser
# limit here still turns absurd values ('x' * 10**9) into MemoryError.
MEMORY_LIMIT = 1 << 30


def render(template_path, vars_path):
    with open(template_path, encoding="utf-8", newline="") as f:
        src = f.read()
    variables = {}
    if vars_path and os.path.exists(vars_path):
        with open(vars_path, encoding="utf-8") as f:
            variables = json.load(f)
    env = SandboxedEnvironment(undefined=StrictUndefined)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY or soft > MEMORY_LIMIT:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, hard))
    try:
        return True, env.from_string(src).render(**variables)
    except Exception as e:  # every failure is an expected outcome here
        msg = str(e).replace("\n", " ")
        return False, f"{type(e).__name__}: {msg}"


def update(directory, outdir):
    for path in sorted(glob.glob(os.path.join(directory, "*.j2"))):
        base = path[:-3]
        ok, text = render(path, base + ".json")
        base = os.path.join(outdir, os.path.basename(base))
        for ext in (".out", ".err"):
            if os.path.exists(base + ext):
                os.remove(base + ext)
        with open(base + (".out" if ok else ".err"), "w", encoding="utf-8", newline="") as f:
            f.write(text if ok else text + "\n")


def main():
    if len(sys.argv) in (3, 4) and sys.argv[1] == "--update":
        update(sys.argv[2], sys.argv[3] if len(sys.argv) == 4 else sys.argv[2])
        return 0
    if len(sys.argv) not in (2, 3):
        sys.stderr.write(__doc__)
        return 2
    ok, text = render(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else None)
    if ok:
        sys.stdout.buffer.write(text.encode("utf-8"))
        return 0
    sys.stderr.write(text + "\n")
    return 1


if __name__ == "__main__":
    sys.exit(main())
