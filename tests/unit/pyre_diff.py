#!/usr/bin/env python3
"""Differential test: src/pyre against python3's re.compile.

  pyre_diff.py PROBE CASES          run the test (TAP)
  pyre_diff.py --regen CASES        rewrite CASES' verdicts with this python

CASES (tests/unit/pyre_cases.txt) holds one escaped pattern per line, a tab
and the verdict python gave: "ok" or "error<TAB>MSG<TAB>POS" (POS "-" when
python gives none). test_pyre.c checks the same file without python. The
test checks (1) that the committed verdicts still match this python, (2)
that the probe agrees with them, (3) that the probe agrees with python on
deterministic random patterns built from regex fragments.
"""
import random
import re
import sys
import warnings

from probelib import escape, report, run, unescape

SEED = [
    '', 'a', 'abc', '.*', r'.*\.csv$', r'.*\.(pt|bin)$', '^data/.*', r'\d+', r'[a-z]+\.txt',
    '(', ')', 'a)', '(a', '((a)', '(a))', '(?:a', '(?P<n>a)(?P=n)', '(?P<n>a)(?P<n>b)',
    '(?P<1a>x)', '(?P<>x)', '(?P<n', '(?P<n>x', '(?P=n)', '(?P=)', '(?P=n', '(?Px)', '(?P',
    '(?', '(?z)', '(?<x)', '(?<', '(?<=a)b', '(?<!ab)c', '(?<=a+)b', '(?<=a|bc)d', '(?<=a|b)c',
    '(?=a)', '(?!a)', '(?#comment)a', '(?#unterminated', '(?i)abc', 'a(?i)b', '(?i)(?m)a',
    '(?i:a)', '(?-i:a)', '(?i-i:a)', '(?-:a)', '(?i-', '(?i', '(?x) a b # comment\n c',
    '(?a)(?u)x', '(?au)x', '(?L)x', '(?t)a', '(?t)a*', '(?-a:x)', '(?t:x)', '(?-t:x)', '(?iz)',
    '(?i-z:a)', '(?>a+)b', 'a*+', 'a++', 'a?+', 'a{1,2}+', 'a**', 'a*?*', '*', '+a', '?', '{1}',
    'a{2,1}', 'a{1,2}', 'a{,3}', 'a{3,}', 'a{}', 'a{', 'a{1', 'a{1,', 'a{x}', 'x{4294967295}',
    'x{4294967294}', '^*', '$+', r'\b*', r'\A?', 'a|*', '(|a)', '(a|)', '[', '[]', '[]]', '[^]]',
    '[a', '[a-', '[a-]', '[z-a]', '[a-z]', r'[\d-z]', r'[a-\d]', r'[\x41-\x40]', r'[\w]', '[-a]',
    r'[\b]', r'[\A]', r'[\8]', r'[\0]', r'[\377]', r'[\400]', r'[é-a]', '[a-é]', r'\q', r'\Q',
    '\\', 'a\\', r'\d\w\s\b\A\Z\B\D\W\S', r'\x4', r'\x41', r'\xZZ', r'\u004', r'\u0041',
    r'\U00000041', r'\U00110000', r'\U0010FFFF', r'\N{EM DASH}', r'\N', r'\N{', r'\N{}',
    r'\N{EM DASH', r'\0', r'\07', r'\077', r'\1', r'(a)\1', r'(a)\2', r'(a\1)', r'\10', r'\400',
    r'\377', r'\8', r'(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\10', r'\-', '\\é', r'(?(1)a|b)', r'(a)(?(1)b|c)',
    r'(a)(?(1)b|c|d)', r'(?(0)a)', r'(?(-1)a)', r'(?(x)a)', r'(?P<x>a)(?(x)b)', r'(?(1a)b)',
    r'(?(2)a)(b)', r'(?(99999999999999999999)a)', r'(?( 1 )a)(b)', r'(?(1_0)a)', '(?(1',
    '(?(', r'(?<=(a)\1)', r'(a)(?<=\1)', r'(?<=(?P<n>a)(?P=n))', r'(?<=(?(1)a|bc))', r'(a)(?<=(?(1)a|b))',
    'a\nb(', '(?x)[ ]', '(?x)a #(', '(?x)a{1, 2}', 'a(?#x)*', '(?i)*', '(?:)*', '(?:^)*', '(?=a)*',
    r'a\Z*', '((((((((((a))))))))))', '(?P<é>x)', '(?P<a-b>x)', '(?P<a b>x)', r'(?P<a\b>x)',
    'x{0}', 'x{1,1}', '(?<=x{3})', '(?<=x{1,3})', '(?<=a*)', '(?<=(?:ab){2})', '(?<=x{4294967294}x{10})',
    '.{4294967294}{2}', '(?s).', '(?m)^$', '(?u)a', '(?a)a', '(?aL)a', '(?x-x:a)', '(?-x)a',
    'a)b(', '[a]]', '|', '||', 'a||b', '(?:a|b|c)+', '[[a]', '[a--b]', '[a&&b]', '(?i)é',
]


def verdict(p):
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        try:
            re.compile(p)
            return 'ok'
        except re.error as e:
            pos = '-' if e.pos is None else str(e.pos)
            return 'error\t%s\t%s' % (escape(e.msg), pos)
        except RecursionError:
            return 'error\tmaximum recursion depth exceeded\t-'
        except (OverflowError, ValueError) as e:
            return 'error\t%s\t-' % escape(str(e))


FRAGMENTS = ['a', 'b', 'é', '(', ')', '[', ']', '{', '}', '1', '2', ',', '*', '+', '?', '|',
             '^', '$', '.', '\\', '-', ' ', '#', '\n', '(?', '(?P<n>', '(?P<m>', '(?P=n)', '(?:',
             '(?=', '(?!', '(?<=', '(?<!', '(?#', '(?i)', '(?x)', '(?-i:', '(?>', '(?(1)', '(?(n)',
             '\\1', '\\2', '\\d', '\\w', '\\b', '\\A', '\\x4', '\\x41', '\\u00', '\\N{', '\\q',
             '\\0', '\\8', '\\12', '\\400', '{2,1}', '{1,2}', '{3}', 'z-a', 'a-z', '\\d-', '[^',
             '*?', '++', '?+', ':', '>', '=', '<', '!']


def random_patterns(n, seed=7):
    rng = random.Random(seed)
    return [''.join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 7))) for _ in range(n)]


def grammar_patterns(n, seed=5):
    """Mostly valid patterns from a small regex grammar, a third of them
    mutated by one inserted, deleted or replaced character."""
    rng = random.Random(seed)
    atoms = ['a', 'b', '.', r'\d', r'\w', r'\s', r'\.', r'\b', '^', '$', r'\x41', r'\u00e9', 'é',
             '[a-z]', '[^0-9]', r'[\w.-]', '[]a]', r'[\d-]', r'\1', r'(?P=g1)', r'\A', r'\Z']
    quants = ['', '', '', '*', '+', '?', '*?', '+?', '??', '*+', '{2}', '{1,3}', '{,2}', '{2,}', '{3,1}']
    opens = ['(', '(?:', '(?=', '(?!', '(?<=', '(?<!', '(?>', '(?i:', '(?-i:', '(?P<g%d>']

    def gen(depth, counter):
        parts = []
        for _ in range(rng.randint(1, 4)):
            if depth < 3 and rng.random() < 0.3:
                o = rng.choice(opens)
                if '%d' in o:
                    counter[0] += 1
                    o = o % counter[0]
                body = gen(depth + 1, counter)
                if rng.random() < 0.3:
                    body += '|' + gen(depth + 1, counter)
                parts.append(o + body + ')')
            elif rng.random() < 0.05:
                parts.append('(?(1)' + gen(depth + 1, counter) + '|' + gen(depth + 1, counter) + ')')
            else:
                parts.append(rng.choice(atoms))
            parts[-1] += rng.choice(quants)
        return ''.join(parts)

    out = []
    for _ in range(n):
        p = rng.choice(['', '(?i)', '(?x)', '(?s)', '(?a)']) + gen(0, [0])
        r = rng.random()
        if r < 0.1 and p:
            i = rng.randrange(len(p))
            p = p[:i] + p[i + 1:]
        elif r < 0.2:
            i = rng.randrange(len(p) + 1)
            p = p[:i] + rng.choice('()[]{}|*+?\\-^,<>=!:#PE ') + p[i:]
        elif r < 0.33 and p:
            i = rng.randrange(len(p))
            p = p[:i] + rng.choice('()[]{}|*+?\\-^,<>=!:#PE ') + p[i + 1:]
        out.append(p)
    return out


def run_probe(probe, patterns):
    return run(probe, 'pyre', [escape(p) for p in patterns])


def load_cases(path):
    cases = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            pat, want = line.split('\t', 1)
            cases.append((unescape(pat), want))
    return cases


def regen(path):
    with open(path, 'w', encoding='utf-8') as f:
        f.write('# pattern<TAB>verdict of python3 %s re.compile (see pyre_diff.py --regen)\n'
                % sys.version.split()[0])
        for p in SEED:
            f.write('%s\t%s\n' % (escape(p), verdict(p)))


def compare(name, num, patterns, wants, got):
    return report(num, name, patterns, wants, got, shown=30)


def main():
    if sys.argv[1] == '--regen':
        regen(sys.argv[2])
        return 0
    probe, path = sys.argv[1], sys.argv[2]
    cases = load_cases(path)
    pats = [p for p, _ in cases]
    wants = [w for _, w in cases]
    print('1..4')
    ok = compare('committed verdicts match this python', 1, pats, wants, [verdict(p) for p in pats])
    ok &= compare('pyre agrees with the committed verdicts', 2, pats, wants, run_probe(probe, pats))
    rnd = random_patterns(5000)
    ok &= compare('pyre agrees with re.compile on random patterns', 3, rnd,
                  [verdict(p) for p in rnd], run_probe(probe, rnd))
    gram = grammar_patterns(5000)
    ok &= compare('pyre agrees with re.compile on grammar-built patterns', 4, gram,
                  [verdict(p) for p in gram], run_probe(probe, gram))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
