#!/usr/bin/env python3
"""gen_spec.py: deterministic big OSMO specs for benchmarks.

  gen_spec.py --tasks N [--seed S]              plain spec (tasks: form)
  gen_spec.py --tasks N --templated [--seed S]  a Jinja template that renders
                                                to exactly the plain spec
  gen_spec.py --tasks N --dot [--seed S]        the dependency graph as DOT
  gen_spec.py --tasks N --groups [--seed S]     groups: form, 4 tasks a group

Task i (0-based) takes min(2, i) distinct inputs from the previous 64 tasks,
chosen by integer arithmetic on i and the seed (the template does the same
arithmetic, so both forms describe the same graph).
"""
import argparse
import sys

WINDOW = 64


def inputs_of(i, seed):
    w = min(WINDOW, i)
    if w == 0:
        return []
    a = 1 + (i * 7919 + seed * 31) % w
    if w == 1:
        return [i - a]
    b = 1 + (i * 104729 + seed * 17) % w
    if b == a:
        b = 1 + a % w
    return [i - a, i - b]


def task_lines(i, seed, indent):
    p = " " * indent
    out = [
        f"{p}- name: task-{i:06d}",
        f"{p}  image: nvcr.io/nvidia/pytorch:24.01-py3",
        f'{p}  command: ["python", "train.py"]',
        f'{p}  args: ["--step", "{i}", "--out", "{{{{output}}}}/step-{i}"]',
        f"{p}  resource: default",
    ]
    ins = inputs_of(i, seed)
    if ins:
        out.append(f"{p}  inputs:")
        out.extend(f"{p}  - task: task-{j:06d}" for j in ins)
    out.append(f"{p}  environment:")
    out.append(f'{p}    STEP: "{i}"')
    return out


HEADER = """workflow:
  name: big-{n}
  resources:
    default:
      cpu: 2
      gpu: 0
      memory: 4Gi
      storage: 10Gi
"""


def plain(n, seed):
    lines = [HEADER.format(n=n).rstrip("\n"), "  tasks:"]
    for i in range(n):
        lines.extend(task_lines(i, seed, 2))
    return "\n".join(lines) + "\n"


def grouped(n, seed):
    lines = [HEADER.format(n=n).rstrip("\n"), "  groups:"]
    for g in range(0, n, 4):
        lines.append(f"  - name: group-{g // 4:06d}")
        lines.append("    tasks:")
        for i in range(g, min(n, g + 4)):
            tl = task_lines(i, seed, 4)
            if i == g:
                tl.insert(1, "      lead: true")
            lines.extend(tl)
    return "\n".join(lines) + "\n"


TEMPLATE = """workflow:
  name: big-{{num_tasks}}
  resources:
    default:
      cpu: 2
      gpu: 0
      memory: 4Gi
      storage: 10Gi
  tasks:
{%- for i in range(num_tasks) %}
  - name: task-{{ '%06d' % i }}
    image: nvcr.io/nvidia/pytorch:24.01-py3
    command: ["python", "train.py"]
    args: ["--step", "{{i}}", "--out", "{{output}}/step-{{i}}"]
    resource: default
{%- set w = [window, i]|min %}
{%- if w > 0 %}
{%- set a = 1 + (i * 7919 + seed * 31) % w %}
    inputs:
    - task: task-{{ '%06d' % (i - a) }}
{%- if w > 1 %}
{%- set b = 1 + (i * 104729 + seed * 17) % w %}
{%- if b == a %}{% set b = 1 + a % w %}{% endif %}
    - task: task-{{ '%06d' % (i - b) }}
{%- endif %}
{%- endif %}
    environment:
      STEP: "{{i}}"
{%- endfor %}

default-values:
  num_tasks: {n}
  window: {window}
  seed: {seed}
"""


def templated(n, seed):
    return TEMPLATE.replace("{n}", str(n)).replace("{window}", str(WINDOW)).replace("{seed}", str(seed))


def dot(n, seed):
    lines = ["digraph G {"]
    for i in range(n):
        lines.append(f"  t{i};")
    for i in range(n):
        for j in inputs_of(i, seed):
            lines.append(f"  t{j} -> t{i};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--templated", action="store_true")
    g.add_argument("--dot", action="store_true")
    g.add_argument("--groups", action="store_true")
    a = ap.parse_args()
    if a.templated:
        sys.stdout.write(templated(a.tasks, a.seed))
    elif a.dot:
        sys.stdout.write(dot(a.tasks, a.seed))
    elif a.groups:
        sys.stdout.write(grouped(a.tasks, a.seed))
    else:
        sys.stdout.write(plain(a.tasks, a.seed))


if __name__ == "__main__":
    main()
