#!/usr/bin/env python3
"""Differential test: src/yaml11 against PyYAML's SafeLoader.

For every case, PyYAML's resolver picks the tag of a plain scalar and its
SafeConstructor builds the value; the probe program does the same with
src/yaml11.c. Both print "TAG<TAB>str(value)" or "TAG<TAB>error". Cases are
a fixed list plus deterministic random strings over the characters that
matter to YAML 1.1's resolvers. Prints TAP; skips when PyYAML is missing.

usage: yaml11_diff.py PROBE
"""
import random
import sys

from probelib import escape, report, run

try:
    import yaml
except ImportError:
    print('1..0 # SKIP PyYAML is not installed')
    sys.exit(0)

FIXED = """
~ null Null NULL nuLL yes Yes YES yEs no No NO true True TRUE false False FALSE
on On ON off Off OFF y n 0 -0 +0 00 010 +010 08 0_ 0x1F 0x_ 0b_ 0b101 -0b1 0o17
1_000 1__2 1_ _1 -_1 1:30 1:7 1:60 0:30 -1:30 1_0:30 190:20:30 1:5:9 1.5 .5 -.5 1.
1.__ 1e3 1.0e3 1.0e+3 1.0E-3 ._5 .inf -.Inf +.INF .nan .NaN -.nan 0:30.5 1:30.5
1:30.5:1 2024-01-01 2024-1-1 2024-13-01 0000-01-01 2023-02-29 2024-02-29 << = <
<<< == hello 5m 10Gi 1-3 1.0e+400 1.0e-400 0.1 0.30000000000000004 1.0e+16
1.0e+15 0.0001 0.00001 9223372036854775807 9223372036854775808
-9223372036854775808 -9223372036854775809 0xffffffffffffffffffffffffffff
0b1111111111111111111111111111111111111111111111111111111111111111111
0777777777777777777777777777 99999999999:59:59:59:59 1.7976931348623157e+308
""".split() + [
    '', '2001-1-1 1:00:00', '2001-12-14t21:59:43Z', '2001-12-14 21:59:43.10 -5',
    '2001-12-14T21:59:43.1234567+05:30', '2001-12-14 21:59:43 ',
    '2001-12-14 21:59:43 +23:59', '2001-12-14 21:59:43 +24', '2001-12-14 21:59:43 -24',
    '2001-12-14 21:59:43 -0', '2024-01-01 24:00:00', '2024-01-01 23:60:00',
    '2024-01-01 23:59:60', '2024-01-01\t\t1:02:03', '2024-01-01 1:02:03 Z',
    '2024-01-01 1:02:03.', '2024-01-01 1:02:03+5:3', '2024-01-01 1:02:03+05:30:00',
    '9999-12-31 23:59:59.999999 -23:59', '2024-01-01 01:02:03 +99:99',
    '7' * 4300, '7' * 4301, '1' + '0' * 4299 + ':30', '0x' + 'f' * 3600,
]

ALPHABETS = ['0123456789', '0123456789_:.', '0123456789_:.-+eE', '01_bx-+',
             '0123456789abcdefABCDEF_x', '.infINFnaNA-+', '0123456789-: tTZ.+',
             'yesnotrufalYESNOTRUFAL~<=']


def random_cases(n, seed=11):
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        alpha = rng.choice(ALPHABETS)
        out.append(''.join(rng.choice(alpha) for _ in range(rng.randint(1, 10))))
    for _ in range(n // 4):
        y, mo, d = rng.randint(0, 9999), rng.randint(0, 19), rng.randint(0, 39)
        h, mi, s = rng.randint(0, 29), rng.randint(0, 69), rng.randint(0, 69)
        sep = rng.choice(['T', 't', ' ', '  ', '\t'])
        frac = rng.choice(['', '.', '.5', '.123456789'])
        tz = rng.choice(['', 'Z', ' Z', '+1', '-5', '+05:30', ' -23:59', '+24', '-00'])
        date = '%04d-%d-%d' % (y, mo, d) if rng.random() < 0.5 else '%04d-%02d-%02d' % (y, mo, d)
        out.append(date if rng.random() < 0.3 else '%s%s%d:%02d:%02d%s%s' % (date, sep, h, mi, s, frac, tz))
    return out


def tag_name(tag):
    return tag.rsplit(':', 1)[-1]


def expected(loader, s):
    tag = loader.resolve(yaml.ScalarNode, s, (True, False))
    try:
        value = loader.construct_object(yaml.ScalarNode(tag, s), deep=True)
        return tag_name(tag), escape(str(value))
    except Exception:  # noqa: BLE001 - any raise is a load error in OSMO
        return tag_name(tag), 'error'


def main():
    probe = sys.argv[1]
    if hasattr(sys, 'set_int_max_str_digits'):
        sys.set_int_max_str_digits(4300)
    loader = yaml.SafeLoader('')
    groups = [('fixed cases', FIXED), ('random cases', random_cases(4000))]
    print('1..%d' % len(groups))
    ok = True
    for num, (name, cases) in enumerate(groups, 1):
        wants = ['\t'.join(expected(loader, c)) for c in cases]
        gots = run(probe, 'yaml11', [escape(c) for c in cases])
        ok &= report(num, 'yaml11 agrees with PyYAML on the %s' % name, cases, wants, gots)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
