"""Shared helpers of the differential tests (tests/unit/*_diff.py).

The probe program reads one value per line with C-style escapes and prints
one verdict per line; these helpers escape, run it and report in TAP.
"""
import subprocess


def escape(s):
    """Escape a value for one probe line: \\\\ \\n \\t \\r and \\xHH controls."""
    out = []
    for ch in s:
        if ch == '\\':
            out.append('\\\\')
        elif ch == '\n':
            out.append('\\n')
        elif ch == '\t':
            out.append('\\t')
        elif ch == '\r':
            out.append('\\r')
        elif ord(ch) < 0x20 or ord(ch) == 0x7f:
            out.append('\\x%02x' % ord(ch))
        else:
            out.append(ch)
    return ''.join(out)


def unescape(s):
    """Undo escape()."""
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == '\\' and i + 1 < len(s):
            d = s[i + 1]
            if d == 'x':
                out.append(chr(int(s[i + 2:i + 4], 16)))
                i += 4
                continue
            out.append({'n': '\n', 't': '\t', 'r': '\r'}.get(d, d))
            i += 2
            continue
        out.append(c)
        i += 1
    return ''.join(out)


def run(probe, mode, lines):
    """Run `probe MODE` on already escaped lines; return its output lines."""
    inp = ''.join(line + '\n' for line in lines)
    res = subprocess.run([probe, mode], input=inp.encode(), capture_output=True, check=True)
    return res.stdout.decode().split('\n')[:-1]


def report(num, name, cases, wants, gots, shown=25):
    """Print one TAP line comparing probe output with the expected lines."""
    bad = ['%r: got %r, want %r' % (c if len(repr(c)) < 120 else repr(c)[:117] + '...', g, w)
           for c, w, g in zip(cases, wants, gots) if g != w]
    if len(gots) != len(cases):
        bad.append('probe printed %d lines for %d cases' % (len(gots), len(cases)))
    print('%s %d - %s (%d cases)' % ('not ok' if bad else 'ok', num, name, len(cases)))
    for b in bad[:shown]:
        print('# ' + b[:600])
    return not bad
