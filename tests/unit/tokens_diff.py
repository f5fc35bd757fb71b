#!/usr/bin/env python3
"""Differential test: src/tokens shielding against OSMO's own procedure.

OSMO shields special tokens with re.findall and a str.replace per found
field (restated below as facts); tokens.c reaches the same text in one
pass. This runs both on fixed texts and deterministic random texts built
from token fragments, and compares the shielded text and the variables.
It also compares the client's is-templated test. Prints TAP.

usage: tokens_diff.py PROBE
"""
import hashlib
import random
import re
import sys

from probelib import escape, report, run

SHIELD = re.compile(r'{{(uuid|workflow_id|output|input:[^}]+|host:[^}]+)}}')


def shield(text):
    data = {}
    for field in SHIELD.findall(text):
        name = 'hash' + str(int(hashlib.md5(bytes(field.strip(), 'utf-8')).hexdigest(), 16))
        data[name] = '{{' + field + '}}'
        text = text.replace('{{' + field + '}}', '{{' + name + '}}')
    return text, data


def templated(text):
    return any(m in text for m in ('{%', '{{', '{#', 'default-values'))


FIXED = [
    '', 'plain', '{{output}}', 'echo {{output}}/x > {{input:0}}/y', '{{ output }}', '{{output }}',
    '{{OUTPUT}}', '{{uuid}}-{{workflow_id}}', '{{input:0 }}', '{{input: 0}}', '{{input:}}',
    '{{host:task1}}:8000', '{{{output}}}', '{{input:{{output}}', '{{output}} {{input:{{output}}',
    '{{input:{{output}} {{output}}', '{{input:a}} {{input:a }} {{input: a}}', '{{ "{{output}}" }}',
    '{% raw %}{{output}}{% endraw %}', '{{input:\u2003x\u2003}} {{input:x}}', '{{host:a}}}',
    '{{input:a{{input:b}}', 'x' * 200 + '{{output}}' + 'y' * 200, '{{input:é}}', '{{#', 'default-values:',
    '{%', '{ {', '{{input:0}}\n{{input:1}}\n{{host:a b}}',
]
FRAGMENTS = ['{{', '}}', '{', '}', 'output', 'uuid', 'workflow_id', 'input:', 'host:', ' ', '0', 'a',
             '\n', '{{output}}', '{{input:0}}', '{{input:', '{{host:', '\u2003', 'é', '{%', '{#', ':']


def main():
    probe = sys.argv[1]
    rng = random.Random(17)
    rnd = [''.join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 12))) for _ in range(5000)]
    print('1..2')
    cases = FIXED + rnd
    lines = [escape(c) for c in cases]
    wants = []
    for case in cases:
        text, data = shield(case)
        wants.append('\t'.join([escape(text)] + ['%s=%s' % (k, escape(v)) for k, v in data.items()]))
    ok = report(1, 'shielding agrees with OSMO', cases, wants, run(probe, 'shield', lines))
    wants = ['yes' if templated(c) else 'no' for c in cases]
    ok &= report(2, 'the templated test agrees with OSMO', cases, wants, run(probe, 'templated', lines))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
