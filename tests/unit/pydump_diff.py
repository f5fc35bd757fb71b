#!/usr/bin/env python3
"""Differential test: src/pydump against yaml.dump(yaml.safe_load(text)).

The driver (tests/unit/pydump_driver --stream) loads each YAML text with
src/doc and prints it with src/pydump; PyYAML loads the same text with
safe_load and dumps it with yaml.dump's defaults. The outputs must be equal
byte for byte. When PyYAML raises, the driver must report an error too.

Inputs: fixed documents for the scalar-style and folding decisions,
thousands of random documents (random keys of every type, nesting,
anchors/aliases, merges, tags, scalars in every source style with spaces,
breaks, quotes, indicators and non-ASCII text, long texts that fold), and
every YAML file under share/ and tests/data/. Prints TAP; skips when PyYAML
is missing.

usage: pydump_diff.py DRIVER TOP_SRCDIR [COUNT]
"""
import base64
import os
import random
import subprocess
import sys

try:
    import yaml
except ImportError:
    print('1..0 # SKIP PyYAML is not installed')
    sys.exit(0)

# --- scalar material ---

PLAIN = """yes No on OFF true False y n ~ null NULL 0 -0 +5 010 08 0x1F 0b101 1_000
1:30 190:20:30 1.5 -.5 1. 1e3 1.0e+3 6.02e+23 1.0e-10 .inf -.Inf .NaN 2024-01-01
2024-1-1 2001-12-14t21:59:43.10-05:00 2002-12-14T01:02:03Z 12345678901234567890123
-0.0 0.1 3.14159265358979 100000000000000000000.0 0.00001 123456789.123456789
alpha beta x key a-b a_b a.b ubuntu:22.04 http://x.org/a?b=c C:\\path -x ?x :x
a#b a,b a[b] a{b} 1.0e+400 0o17 1_0:30 0x_ff -1:30:00 9.99e-5 1e+16""".split()
PLAIN += ['foo bar', 'echo hi there', '2001-12-14 21:59:43.10 -5', 'a: b'.replace(': ', ':')]

ATOMS = ['word', 'a', 'echo', 'x=1', '{{workflow_id}}', '{{output}}', '$(HOME)', 'ÿ', 'é',
         '日本語', '😀', 'naïve', 'path/to/file.txt', 'https://example.com/a#b', '--flag',
         '"q"', "'s'", 'back\\slash', 'tab\there', 'yes', '123', '1.5', '~', 'null', '<<', '=',
         '-', '?', ':', '#', '&a', '*a', '!t', '|', '>', '%', '@', '`', '[', ']', '{', '}', ',',
         '\u00a0', '\u2028', '\u2029', '\x85', '\ufeff', '\x7f', '\x01', '\x1b', '\x00', '\r',
         '\U0001F600x', '---', '...', 'a: b', 'a #b', 'key:', 'x' * 90]
SEPS = [' ', ' ', ' ', '  ', '\n', '\n\n', '\n  ', ' \n', '\t', '', '\n\n\n', '   ']


KEY_FAMILIES = {
    'num': ['0', '1', '-1', '2', '10', '1.5', '-0.0', '0.0', '1.0', 'true', 'false', 'yes', '010',
            '0x10', '0b11', '1:30', '1_000', '9223372036854775807', '9223372036854775808',
            '-9223372036854775809', '18446744073709551616', '100000000000000000000000000000',
            '9007199254740993', '9007199254740993.0', '9007199254740992.0', '1.0e+16', '1.0e+30',
            '.inf', '-.inf', '.nan', '0.1', '0.30000000000000004', '3.0'],
    'date': ['2024-01-01', '2023-12-31', '2024-01-01 00:00:00', '2024-01-01 10:00:00+05:00',
             '2024-01-01 05:00:00Z', '2024-01-01 05:00:00.5Z', '2024-01-01t05:00:00-01:30',
             '1999-12-31 23:59:59.999999', '0001-01-01', '9999-12-31 23:59:59 +23'],
    'aware': ['2024-01-01 10:00:00+05:00', '2024-01-01 05:00:00Z', '2024-01-01 05:00:00.5Z',
              '2024-01-01t05:00:00-01:30', '2000-02-29 00:00:00 +1', '1970-01-01 00:00:00 -0'],
    'str': ['b', 'a', 'B', 'A', '_', 'é', "'é'", '"\\u00e9"', "'ab'", "'a b'", 'a0', 'Z',
            '"\\U0001F600"', '"\\uffff"', "''", '"\\x00"', 'x' * 120, 'x' * 121, 'x' * 122,
            'x' * 123, "'" + 'y' * 122 + "'", '"yes"', "'1'", '"~"'],
    'int': ['1', '2', '-5', '100', '007', '0o7', '1e3'],
}


def rand_string(rng):
    kind = rng.random()
    if kind < 0.1:
        return rng.choice(ATOMS)
    if kind < 0.2:
        return rng.choice(PLAIN)
    if kind < 0.35:      # long prose that must fold
        words = [rng.choice(['lorem', 'ipsum', 'dolor', 'sit', 'amet', 'x' * rng.randint(1, 30),
                             'é', 'quote\'s', '"dq"', 'a\\b', '日本'])
                 for _ in range(rng.randint(10, 60))]
        sep = rng.choice([' ', ' ', ' ', '  ', '\n', ' \n'])
        return sep.join(words)
    parts = []
    for _ in range(rng.randint(0, 8)):
        parts.append(rng.choice(ATOMS) if rng.random() < 0.6 else rng.choice(PLAIN))
        parts.append(rng.choice(SEPS))
    if rng.random() < 0.2:
        parts.insert(0, rng.choice([' ', '\n', '  ']))
    return ''.join(parts)


def printable(ch):
    o = ord(ch)
    return (0x20 <= o <= 0x7E) or (0xA0 <= o <= 0xD7FF) or (0xE000 <= o <= 0xFFFD and o != 0xFEFF) \
        or o >= 0x10000


YAML_ESCAPES = {'"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t'}


def double_quoted(s):
    """s as a YAML double-quoted scalar: escapes for all but printable ASCII."""
    def one(ch):
        o = ord(ch)
        if ch in YAML_ESCAPES:
            return YAML_ESCAPES[ch]
        if 0x20 <= o <= 0x7E:
            return ch
        return '\\x%02x' % o if o <= 0xFF else '\\u%04x' % o if o <= 0xFFFF else '\\U%08x' % o
    return '"' + ''.join(one(ch) for ch in s) + '"'


def scalar_source(rng, s):
    """('inline', text) or ('block', header, lines) for string s."""
    single_ok = all(printable(c) for c in s)
    r = rng.random()
    if r < 0.3 and single_ok:
        return ('inline', "'" + s.replace("'", "''") + "'")
    if r < 0.5 and '\n' not in s and s.strip() and single_ok and not s.startswith(' '):
        lines = [s]
        return ('block', rng.choice(['|', '|-', '>', '>-']), lines)
    if r < 0.65 and single_ok and '\r' not in s and s.strip(' \n'):
        lines = s.split('\n')
        while len(lines) > 1 and lines[-1] == '':
            lines.pop()
        if any(line.strip(' ') == '' and line for line in lines):
            return ('inline', double_quoted(s))
        return ('block', rng.choice(['|', '|-', '|+', '>', '>+']), lines)
    return ('inline', double_quoted(s))


def b64(rng):
    data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 90)))
    return base64.b64encode(data).decode()


# --- random documents ---

class Gen:
    def __init__(self, rng):
        self.rng = rng
        self.anchors = []      # (name, is_map)
        self.count = 0

    def anchor(self):
        if self.rng.random() < 0.15:
            self.count += 1
            return 'a%d' % self.count
        return None

    def key(self, used, strings_only=False, family=None):
        """A new key's source text (None after 20 collisions)."""
        rng = self.rng
        for _ in range(20):
            r = rng.random()
            if family:
                k = rng.choice(KEY_FAMILIES[family])
                if k not in used:
                    used.add(k)
                    return k
                continue
            if r < 0.55:
                k = rng.choice(['name', 'image', 'args', 'env', 'a', 'b', 'zeta', 'Alpha', 'x_1',
                                'key-%d' % rng.randint(0, 99), 'with space', '_u', 'Z9'])
            elif r < 0.7 and not strings_only:
                k = rng.choice(['1', '2', '-3', '1.5', '1.0', 'true', 'no', 'null', '~', '010',
                                '0x10', '2024-01-01', '2024-01-01 10:00:00', '.inf', '.nan', '1:30'])
            elif r < 0.8:
                k = "'" + rng.choice(['a b', 'yes', '1', '', ' lead', 'é', 'x' * 125, 'q''s']) + "'"
            elif r < 0.9:
                k = double_quoted(rng.choice(['two\nlines', 'tab\t', 'é', 'x' * 130, '=', '<<', '#c']))
            else:
                k = ' '.join(rng.choice(['long', 'key', 'text']) for _ in range(rng.randint(20, 45)))
            if k not in used:
                used.add(k)
                return k
        return None

    def scalar(self):
        rng = self.rng
        r = rng.random()
        if r < 0.35:
            return ('inline', rng.choice(PLAIN))
        if r < 0.42:
            tag, text = rng.choice([('!!str', '123'), ('!!str', 'yes'), ('!!float', '1'),
                                    ('!!float', '"1e3"'), ('!!float', '1:30'), ('!!bool', 'YeS'),
                                    ('!!null', 'x'), ('!!int', '0x1f'), ('!', '12'), ('!', '"12"'),
                                    ('!!timestamp', '2024-02-03'), ('!!str', ''),
                                    ('!!binary', '"%s"' % b64(rng))])
            return ('inline', tag + ' ' + text)
        if r < 0.45:
            return ('block', '!!binary |', [b64(rng)[i:i + 60] for i in range(0, 120, 60)] or ['AA=='])
        return scalar_source(rng, rand_string(rng))

    def value(self, depth):
        rng = self.rng
        r = rng.random()
        if self.anchors and r < 0.07:
            return ('alias', rng.choice(self.anchors)[0])
        if depth >= 4 or r < 0.55:
            a = self.anchor() if rng.random() < 0.3 else None
            node = ('scalar', self.scalar(), a)
            if a:
                self.anchors.append((a, False))
            return node
        if r < 0.6:
            return ('flow', rng.choice(['[]', '{}', '[1, two, "3"]', '{a: 1, b: [x, y]}',
                                        '[a, [b, {c: d}]]', '{z: 1, a: 2}']))
        a = self.anchor()
        if r < 0.8:
            node = ('map', self.mapping(depth + 1), a, rng.choice([None] * 12 + ['!!map']))
        elif r < 0.83:
            used = set()
            keys = [self.key(used, True) for _ in range(rng.randint(1, 4))]
            node = ('map', [(k, ('scalar', ('inline', 'null'), None)) for k in keys if k],
                    a, '!!set')
        elif r < 0.86:
            items = [('map', [(k, self.value(depth + 2))], None, None)
                     for k in ['one', 'two', 'three'][:rng.randint(1, 3)]]
            node = ('seq', items, a, rng.choice(['!!omap', '!!pairs']))
        else:
            node = ('seq', [self.value(depth + 1) for _ in range(rng.randint(1, 5))], a, None)
        if a:
            self.anchors.append((a, node[0] == 'map' and node[3] != '!!set'))
        return node

    def mapping(self, depth):
        rng = self.rng
        used = set()
        entries = []
        maps = [name for name, is_map in self.anchors if is_map]
        merge = None
        if maps and rng.random() < 0.3:
            if rng.random() < 0.5:
                merge = ('<<', ('alias', rng.choice(maps)))
            else:
                merge = ('<<', ('flowmerge', '[%s]' % ', '.join(
                    '*' + rng.choice(maps) for _ in range(rng.randint(1, 3)))))
        family = rng.choice([None] * 6 + list(KEY_FAMILIES))
        for _ in range(rng.randint(1, 6)):
            k = self.key(used, family=family)
            if k:
                entries.append((k, self.value(depth)))
        if merge:
            entries.insert(rng.randint(0, len(entries)), merge)
        return entries


def place(node, indent, in_map, out_first):
    """Text after 'key:' or '-' and the lines that follow, at indent."""
    kind = node[0]
    if kind == 'alias':
        return ' *' + node[1], []
    if kind in ('flow', 'flowmerge'):
        return ' ' + node[1], []
    if kind == 'scalar':
        src, anchor = node[1], node[2]
        props = '&%s ' % anchor if anchor else ''
        if src[0] == 'inline':
            return ' ' + props + src[1], []
        header, lines = src[1], src[2]
        ind = '2' if lines and lines[0].startswith(' ') else ''
        hdr = header[:1] + ind + header[1:] if header[0] in '|>' else header
        pad = ' ' * (indent + 2)
        return ' ' + props + hdr, [pad + line if line else '' for line in lines]
    _, items, anchor, tag = node
    props = ' '.join(p for p in ('&' + anchor if anchor else '', tag or '') if p)
    head = ' ' + props if props else ''
    if kind == 'map':
        return head, emit_map(items, indent + 2)
    seq_indent = indent if (in_map and out_first and not props) else indent + 2
    return head, emit_seq(items, seq_indent)


def emit_map(entries, indent):
    lines = []
    for k, v in entries:
        head, rest = place(v, indent, True, True)
        lines.append(' ' * indent + k + ':' + head)
        lines.extend(rest)
    return lines


def emit_seq(items, indent):
    lines = []
    for v in items:
        head, rest = place(v, indent, False, False)
        if not head and rest and v[0] in ('map', 'seq'):
            lines.append(' ' * indent + '- ' + rest[0].lstrip(' '))
            lines.extend(rest[1:])
        else:
            lines.append(' ' * indent + '-' + head)
            lines.extend(rest)
    return lines


def random_docs(n, seed=7):
    rng = random.Random(seed)
    docs = []
    for _ in range(n):
        g = Gen(rng)
        docs.append('\n'.join(emit_map(g.mapping(0), 0)) + '\n')
    return docs


# --- fixed documents: style decisions and folding at every indent ---

def fixed_docs():
    docs = []
    for n in range(60, 100, 3):
        for indent in (0, 2, 6):
            words = ' '.join('w%d' % i for i in range(n // 3))[:n]
            pre = ''.join('k%d:\n' % d + '  ' * (d + 1) for d in range(indent // 2))
            for src in (words, "'" + words + "'", double_quoted(words + 'é'),
                        double_quoted(words.replace(' ', '\n', 2)),
                        double_quoted(words.replace(' ', '  ')), "'" + words + "\n\n  x'"):
                docs.append(pre + 'key: ' + src + '\n')
                docs.append(pre + '- ' + src + '\n')
    for s in ['', ' ', 'a ', ' a', '-', '- a', '-a', '?', '? a', ':', ': a', 'a:', 'a: b', '#', 'a #b',
              'a#b', '---', '--- a', '...', '...a', 'yes', 'Yes', 'y', '1', '1.0', '1e3', '1.0e+3',
              '0x1', '~', 'null', '2024-01-01', '<<', '=', 'é', '\t', 'a\tb', 'a\nb', 'a\n\nb',
              'a \nb', 'a\n b', '\na', 'a\n', "'", '"', '\\', '\x00', '\ufeff', '\u2028', 'x' * 200,
              'a,b', '[a]', '{a}', '&a', '*a', '!a', '|a', '>a', '%a', '@a', '`a', 'a]']:
        for place_ in ('top: %s\n', '- %s\n', '%s: v\n', '? %s\n: v\n'):
            docs.append(place_ % double_quoted(s))
    docs += ['"root scalar"\n', '42\n', '', '[]\n', '{}\n', '- []\n- {}\n', 'a: !!binary ""\n',
             'a: !!set {}\n', 'a: !!omap []\n', 'a: [1, "a", 2]\n', '{1: a, "1": b}\n',
             '{b: 1, a: 2, null: 3}\n', '{.nan: 1, .nan: 2, 1: 3, 0.5: 4, true: 5}\n',
             '{2024-01-01: a, 2023-01-01: b}\n', '{2024-01-01 00:00:00: a, 2024-01-01: b}\n',
             '{2024-01-01 10:00:00+05:00: a, 2024-01-01 04:00:00Z: b}\n',
             'x: &a 2024-01-01\ny: *a\n', 'b: &b {k: 2024-01-01}\nm: {<<: *b}\n',
             'b: &b {2024-01-01: v}\nm: {<<: *b}\n', 'a: &x {p: [1]}\nb: {<<: [*x, {p: 2}]}\n',
             'a: &x [1]\nb: [*x, *x]\n', 'k: ' + ', '.join(['x'] * 40) + '\n']
    return docs


def error_docs():
    """Documents SafeLoader rejects after parsing: the dump must fail too."""
    return ['a: 2024-02-30\n', 'a: =\n', '2024-13-01: x\n', 'a: !x 1\n', 'a: !!python/tuple [1]\n',
            'a: !!str [1]\n', 'a: !!map [1]\n', 'a: !!seq {b: 1}\n', 'a: !!set [1]\n',
            'a: !!omap {b: 1}\n', 'a: !!omap [b]\n', 'a: !!pairs [{b: 1, c: 2}]\n',
            'a: !!seq 1\n', 'a: {<<: 1}\n', 'a: {<<: [{x: 1}, 2]}\n', 'a: {<<: [1]}\n',
            'a: !!binary "abcde"\n', 'a: !!binary "ab"\n', 'a: !!binary "\xe9"\n',
            'a: !!bool maybe\n', 'a: !!float x1\n', 'a: !!float ""\n', 'a: !!int abc\n',
            'a: 0b_\n', 'a: 0x' + 'f' * 3600 + '\n', 'a: ' + '7' * 4301 + '\n',
            'a: 2024-01-01 25:00:00\n', 'a: 2024-01-01 10:00:00 +24\n', 'a: !!omap [{<<: {b: 1}}]\n',
            'a: !!timestamp 2024-02-30\n', 'a: [=]\n', 'a: !!set {x: 2024-02-30}\n']


def has_key(text, key):
    loaded, value = safe_load(text)
    return loaded and isinstance(value, dict) and key in value


# --- running ---

def run_driver(driver, texts, wrap=None):
    raw = [t if isinstance(t, bytes) else t.encode('utf-8') for t in texts]
    payload = b''.join(b'%d\n' % len(t) + t for t in raw)
    res = subprocess.run([driver, '--stream'] + ([wrap] if wrap else []), input=payload,
                         capture_output=True, check=True)
    out, pos, results = res.stdout, 0, []
    while pos < len(out):
        nl = out.index(b'\n', pos)
        status, length = out[pos:nl].decode().split()
        pos = nl + 1
        results.append((status == 'OK', out[pos:pos + int(length)].decode('utf-8', 'replace')))
        pos += int(length)
    return results


_LOADED = {}


def safe_load(text):
    """yaml.safe_load(text), remembered: (True, value) or (False, message)."""
    if text not in _LOADED:
        try:
            _LOADED[text] = (True, yaml.safe_load(text))
        except Exception as exc:  # noqa: BLE001 - any raise is a failed dry run
            _LOADED[text] = (False, '%s: %s' % (type(exc).__name__,
                                                str(exc).splitlines()[0] if str(exc) else ''))
    return _LOADED[text]


def python_dump(text, wrap=None):
    loaded, value = safe_load(text)
    if not loaded:
        return False, value
    try:
        return True, yaml.dump({wrap: value[wrap]} if wrap else value)
    except Exception as exc:  # noqa: BLE001 - any raise is a failed dry run
        return False, '%s: %s' % (type(exc).__name__, str(exc).splitlines()[0] if str(exc) else '')


def compare(num, name, texts, driver, allow_load_gaps, wrap=None):
    got = run_driver(driver, texts, wrap)
    bad, gaps, agreed_errors = [], [], 0
    for text, (ok, out) in zip(texts, got):
        pok, pout = python_dump(text, wrap)
        if pok and ok and out == pout:
            continue
        if not pok and not ok:
            agreed_errors += 1
            continue
        if pok and not ok and out.startswith('load:') and allow_load_gaps:
            gaps.append((text, out))
            continue
        bad.append((text, pout if pok else 'PyYAML raises ' + pout, out if ok else 'error ' + out))
    if len(got) != len(texts):
        bad.append(('', '%d answers' % len(texts), '%d answers' % len(got)))
    passed = len(texts) - len(bad) - len(gaps) - agreed_errors
    print('%s %d - %s: %d equal, %d errors on both sides, %d not loadable by src/doc, %d differ'
          % ('not ok' if bad else 'ok', num, name, passed, agreed_errors, len(gaps), len(bad)))
    for text, gap in gaps[:10]:
        print('# not loaded by src/doc: %r: %s' % (text[:120], gap[:200]))
    for text, want, have in bad[:8]:
        print('# input %r' % text[:400])
        print('#   PyYAML %r' % want[:600])
        print('#   pydump %r' % have[:600])
    return not bad, passed


def yaml_files(top):
    found = []
    for sub in ('share', os.path.join('tests', 'data')):
        for root, _, files in os.walk(os.path.join(top, sub)):
            found += [os.path.join(root, f) for f in sorted(files) if f.endswith(('.yaml', '.yml'))]
    return sorted(found)


def main():
    driver, top = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 3000
    if hasattr(sys, 'set_int_max_str_digits'):
        sys.set_int_max_str_digits(4300)
    files = []
    for path in yaml_files(top):
        with open(path, 'rb') as f:     # bytes: PyYAML decodes (and rejects) as it would
            files.append(f.read())
    docs = random_docs(count)
    named = [d for d in docs if has_key(d, 'name')]
    groups = [('fixed documents', fixed_docs(), False, None),
              ('documents PyYAML cannot load', error_docs(), False, None),
              ('%d random documents' % count, docs, False, None),
              ('{name: ...} of %d random documents' % len(named), named, False, 'name'),
              ('%d YAML files under share/ and tests/data/' % len(files), files, True, None)]
    print('1..%d' % len(groups))
    ok, total = True, 0
    for num, (name, texts, gaps, wrap) in enumerate(groups, 1):
        good, passed = compare(num, name, texts, driver, gaps, wrap)
        ok &= good
        total += passed
    print('# %d documents printed identically' % total)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
