#!/usr/bin/env python3
"""Differential test: src/units.c and src/names.c against python3.

Each OSMO rule is restated here in Python exactly as OSMO implements it
(its regular expressions run with Python's re, its coercions with the
real pydantic and PyYAML), and the probe program runs the C checkers on the
same inputs. Inputs are fixed examples plus deterministic random strings;
each is a YAML scalar, plain or quoted. Prints TAP. Parts that need pydantic
or PyYAML are skipped when those are missing.

usage: units_diff.py PROBE
"""
import datetime
import math
import random
import re
import sys
from urllib.parse import urlparse

from probelib import escape, report, run

try:
    import yaml
except ImportError:
    print('1..0 # SKIP PyYAML is not installed')
    sys.exit(0)
try:
    import pydantic
except ImportError:
    pydantic = None

LOADER = yaml.SafeLoader('')


def load(style, text):
    """The Python value OSMO gets for a scalar (P = plain, Q = quoted)."""
    if style == 'Q':
        return text
    tag = LOADER.resolve(yaml.ScalarNode, text, (True, False))
    return LOADER.construct_object(yaml.ScalarNode(tag, text), deep=True)


class Reject(Exception):
    pass


def sh(v, cap=120):
    """A value as the C messages quote it: long ones become head...tail."""
    b = v.encode()
    if len(b) < cap:
        return v
    budget = cap - 8

    def floor(i):
        while i > 0 and (b[i] & 0xC0) == 0x80:
            i -= 1
        return i
    head = floor(budget * 2 // 3)
    tail = len(b) - floor(len(b) - (budget - head))
    return (b[:head] + b'...' + b[len(b) - tail:]).decode()


# ---- OSMO's rules, restated ----

DUR_MSG = ('Cannot recognize duration: %s. Only support ISO 8601 (e.g. PT10S) or '
           'xd, xh, xm, xs, xms, xus')
ISO = re.compile(r'P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?')


def duration(v):
    if v is None:
        return 'None'
    try:
        if isinstance(v, bool):
            td = datetime.timedelta(seconds=1 if v else 0)
        elif isinstance(v, (int, float)):
            td = datetime.timedelta(seconds=v)
        elif isinstance(v, str):
            m = ISO.fullmatch(v)
            if m and any(m.groups()):
                d, h, mi, s = m.groups()
                td = datetime.timedelta(days=int(d or 0), hours=int(h or 0), minutes=int(mi or 0),
                                        seconds=float(s or 0))
            else:
                try:
                    if len(v) >= 3 and v[-2:] in ('ms', 'us'):
                        num, unit = int(v[:-2]), v[-2:]
                    else:
                        num, unit = int(v[:-1]), v[-1]
                except ValueError:
                    raise Reject(DUR_MSG % sh(v)) from None
                kw = {'d': 'days', 'h': 'hours', 'm': 'minutes', 's': 'seconds',
                      'ms': 'milliseconds', 'us': 'microseconds'}
                if unit not in kw:
                    raise Reject(DUR_MSG % sh(v))
                td = datetime.timedelta(**{kw[unit]: num})
        else:
            raise Reject(DUR_MSG % v)
    except OverflowError:
        raise Reject('Duration %s is out of range: at most 999999999 days' % v) from None
    except ValueError as err:
        raise Reject(str(err)) from None
    return '%.6f' % td.total_seconds()


MEASUREMENTS = {'T': 40, 'Ti': 40, 'TiB': 40, 'G': 30, 'Gi': 30, 'GiB': 30, 'M': 20, 'Mi': 20,
                'MiB': 20, 'K': 10, 'Ki': 10, 'KiB': 10, 'B': 0, 'm': -10}


def number_to_str(v):
    if isinstance(v, bool) or not isinstance(v, (str, int, float)):
        raise Reject('Input should be a valid string')
    return str(v)


def quantity_text(s, field):
    m = re.fullmatch(r'(\d+(\.\d+)?)([a-zA-Z]*)', s)
    if not m:
        raise Reject('Resource %s field has invalid value %s' % (field, sh(s)))
    unit = m.group(3)
    if unit and unit not in MEASUREMENTS:
        raise Reject('Resource %s field has invalid unit: %s' % (field, unit))
    return '%.17g' % (float(m.group(1)) * 2.0 ** MEASUREMENTS.get(unit, 0))


def quantity(v):
    if v is None:
        return 'None'
    return quantity_text(number_to_str(v), 'memory')


def cache(v):
    if v is None:
        return 'None'
    s = number_to_str(v)
    if not s:
        return 'None'
    if s.endswith('%'):
        try:
            p = math.floor(float(s[:-1]))
        except (ValueError, OverflowError):
            raise Reject('Improperly formatted cache size: %s' % s) from None
        if p < 0 or p > 100:
            raise Reject('Cache size must be between 0-100 percent: %s' % s)
        return '%d%%' % p
    return quantity_text(s, 'cache')


def dict_value(v):
    if isinstance(v, (str, int, float, bool)):
        return str(v)
    raise Reject('Input should be a valid string')


CODE_REGEX = re.compile(r'^(\d+(-\d+)?)+(,\d+(-\d+)?)*$')


def exit_codes(v):
    s = dict_value(v)
    if not CODE_REGEX.fullmatch(s):
        raise Reject('Invalid exit codes %s for action FAIL for task t.' % sh(s))
    return ''


NAMEREGEX = r'[a-zA-Z]([a-zA-Z0-9_-]*[a-zA-Z0-9])?'
TASKNAMEREGEX = r'(?P<workflow_id_or_task>%s)(:(?P<previous_task>%s))?' % (NAMEREGEX, NAMEREGEX)


def pattern(regex):
    def check(v):
        if not re.fullmatch('^%s$' % regex, v):
            raise Reject("String should match pattern '^%s$'" % regex)
        return ''
    return check


def file_path(path):
    if path.startswith('/osmo/data/output/'):
        return ''
    parts = [i for i in path.split('/') if i]
    if not parts or parts[0] == 'osmo':
        raise Reject('Empty path or adding file to "/osmo" is forbidden for file: %s' % sh(path))
    return ''


def volume_mount(m):
    parts = m.split(':')
    if len(parts) > 2 or (len(parts) == 2 and parts[1] == ''):
        raise Reject('Invalid task volume mount: %s.' % sh(m))
    return ''


C = r'[^/,;*]+'
STORAGE = {'swift': ('Swift', r'^swift://%s(/%s){2,}/*$' % (C, C)),
           's3': ('S3', r'^s3://%s(/%s)*/*$' % (C, C)),
           'gs': ('GS', r'^gs://%s(/%s)*/*$' % (C, C)),
           'tos': ('TOS', r'^tos://%s(/%s)+/*$' % (C, C)),
           'azure': ('Azure', r'^azure://%s(/%s)+/*$' % (C, C))}
STORAGE_BACKEND_REGEX = '(%s)' % '|'.join(STORAGE[k][1] for k in ('swift', 's3', 'gs', 'tos', 'azure'))


def checkpoint_url(u):
    if not any(re.fullmatch(rx, u) for _, rx in STORAGE.values()):
        raise Reject("String should match pattern '%s'" % STORAGE_BACKEND_REGEX)
    return ''


def data_url(u):
    try:
        scheme = urlparse(u).scheme
    except ValueError as err:
        raise Reject(str(err)) from None
    if scheme not in STORAGE:
        raise Reject('Unknown URI scheme: %s' % scheme)
    label, rx = STORAGE[scheme]
    if not re.fullmatch(rx, u):
        raise Reject('Incorrectly formatted %s URI: %s' % (label, sh(u)))
    return ''


LABEL_NAME = re.compile(r'^[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$')
DNS_LABEL = r'[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?'
DNS_PREFIX = re.compile(r'^(?=.{1,253}$)%s(?:\.%s)*$' % (DNS_LABEL, DNS_LABEL))


def label_key(key):
    parts = key.split('/')
    if len(parts) > 2:
        raise Reject('Workflow label key "%s" is not a valid Kubernetes label key.' % sh(key))
    if len(parts) == 2 and not DNS_PREFIX.fullmatch(parts[0]):
        raise Reject('Workflow label key "%s" has an invalid DNS prefix.' % sh(key))
    if not LABEL_NAME.fullmatch(parts[-1]):
        raise Reject('Workflow label key "%s" has an invalid name segment.' % sh(key))
    return ''


def label_value(value):
    if not LABEL_NAME.fullmatch(value):
        raise Reject('Workflow label value "%s" is not a valid non-empty Kubernetes label value.' % sh(value))
    return ''


HNC = r'[a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?'
IP_COMPONENT = r'([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])'
HOST = r'(?P<host>((%s\.){3}%s|localhost|(%s\.)+(%s)|%s(?=:\d+/)))' % (
    IP_COMPONENT, IP_COMPONENT, HNC, HNC, HNC)
NAME_COMPONENT = r'([0-9a-z]([0-9a-z_.-]*[0-9a-z])?)'
DOCKER = re.compile(r'^(%s(:(?P<port>[0-9]{1,5}))?/)?(?P<name>%s(/%s)*)(:(?P<tag>[a-zA-Z0-9_][a-zA-Z0-9._-]*))?'
                    r'(@(?P<digest>[A-Za-z0-9_+.-]+:[A-Fa-f0-9]+))?$' % (HOST, NAME_COMPONENT, NAME_COMPONENT))


def image(i):
    m = DOCKER.fullmatch(i)
    if not m:
        raise Reject('Could not parse docker image %s. Please provide a valid image.' % sh(i))
    return '|'.join(m.group(g) or '' for g in ('host', 'port', 'name', 'tag', 'digest'))


def pydantic_checker(annotation, fmt=str, **config):
    if pydantic is None:
        return None
    model = pydantic.create_model('M', __config__=pydantic.ConfigDict(**config), x=(annotation, ...))

    def check(v):
        try:
            x = model(x=v).x
        except pydantic.ValidationError as err:
            raise Reject(err.errors()[0]['msg']) from None
        return fmt(x)
    return check


def int_fmt(x):
    if x is None:
        return 'None'
    return str(x) if -2**63 <= x < 2**63 else 'big'


def strings_only(check):
    def wrapped(v):
        if not isinstance(v, str):
            return None   # the C checker takes strings: not comparable
        return check(v)
    return wrapped


MODES = {
    'duration': duration,
    'quantity': quantity,
    'cache': cache,
    'dict_value': dict_value,
    'exit_codes': exit_codes,
    'lax_int': pydantic_checker(__import__('typing').Optional[int], int_fmt),
    'lax_bool': pydantic_checker(bool),
    'str_field': pydantic_checker(str, coerce_numbers_to_str=True),
    'name': strings_only(pattern(NAMEREGEX)),
    'input_task': strings_only(pattern(TASKNAMEREGEX)),
    'file_path': strings_only(file_path),
    'volume_mount': strings_only(volume_mount),
    'image': strings_only(image),
    'checkpoint_url': strings_only(checkpoint_url),
    'data_url': strings_only(data_url),
    'label_key': strings_only(label_key),
    'label_value': strings_only(label_value),
}

# ---- cases ----

FIXED = {
    'duration': ['PT10S', 'PT1H30M15S', 'P2DT3H', 'P1DT', 'P', 'PT', 'P1W', 'P1M', 'pt1h', 'PT1.5S',
                 'PT1.5M', '2d', '3h', '5m', '10s', '250ms', '750us', '+5m', ' 5m', '5 m', '5_0s',
                 '-5m', '1.5h', '1h30m', '10M', '1H', '5m ', '3600', 'abc', '5x', 'ms', 'us', '1us',
                 '30', '1.5', 'true', 'false', '~', '', '0s', '999999999d', '1000000000d',
                 '24000000000h', '٣m', '\u00a05m', '5\u2003m', '1_000_000s', '0x10s', '2024-01-01',
                 'P٣D', 'PT0.0000001S', '99999999999999999999s'],
    'quantity': ['10Gi', '10 Gi', '10GB', '10k', '10Gib', '1.5Ti', '.5Gi', '5.Gi', '-1Gi', '+1Gi',
                 '1e3', '1.0e+3', '1073741824', '0', '512m', '512Mi', '32G', '1KiB', '1B', '', '~',
                 'true', '0x10', '1:30', '٣Gi', '1_000Mi', 'Gi', '10Gi ', '1.5.5Gi', '2024-01-01'],
    'cache': ['50%', '150%', 'half%', '%', '-0%', '-0.5%', '100.9%', '4Gi', '4GB', '', '~', '0',
              '.5%', 'nan%', 'inf%', '1e2%', ' 50 %', '1_0%', '١٠%', '50', 'true'],
    'dict_value': ['true', 'True', 'yes', 'on', '42', '0.5', '1e3', '1.0e+3', '0x1F', '010', '1:30',
                   '~', '', 'null', '2024-01-01', '.inf', '-.nan', 'hello', '1_000', '1.0e+16',
                   '123456789012345678901234567890'],
    'exit_codes': ['0', '1-3,5', '0,1-5,10', '1-23-4', '1-2-3', '1, 2', '1,', ',1', '1--2', '-1',
                   '15', 'true', '1.5', '٣', '1-٣', '255', '1-255', '0x0F', 'not-numeric', '~',
                   '1-2,3-4-5', '12-34-56'],
    'lax_int': ['2', '2.0', '"2"', '" 3 "', '"1_000"', 'true', '0.5', '"1e3"', '"0x10"', '0x10',
                '-3', '"2.00"', '"2."', '".5"', '"+5"', '"1__0"', '~', '2024-01-01', '.inf', '.nan',
                '99999999999999999999', '"99999999999999999999"', '1.0e+19', '1.0e+18', '"٣"',
                '"\u00a03"', '"\x1c3"', '"0_1"', '"-0"', '1:30', 'yes', '"yes"', '""', '" "'],
    'lax_bool': ['true', 'false', 'yes', 'no', 'on', 'off', '"yes"', '"YES"', '"y"', '"n"', '"t"',
                 '"f"', '"1"', '"0"', '1', '0', '2', '1.0', '0.0', '0.5', '"maybe"', '" yes"', '~',
                 '"True"', '"oN"', '"1.0"', '""', '2024-01-01', '-1', '"off "'],
    'str_field': ['hello', '5', '1.0', '1.0e+3', 'true', '~', '0x1F', '2024-01-01', '.inf', '-0.0',
                  '1:30', '"5"', '123456789012345678901234567890'],
    'name': ['a', 'train', 'Train-1', 'a_b', '1a', '-a', 'a-', 'a_', 'ab cd', 'é', '', 'A9', 'a.b'],
    'input_task': ['task1', 'wf123:task1', 'wf-1:t', ':t', 't:', 'a:b:c', 'a b', 'wf_1:Task_2', ''],
    'file_path': ['/osmo/data/output/result.json', '/etc/myfile', '', '///', '/osmo/foo', '/osmo',
                  'osmo/x', '//osmo//x', '/osmo2/x', '/osmo/data/output', '/osmo/data/output/', 'rel/x'],
    'volume_mount': ['/host', '/host:/container', '/host:', '/host:/container:extra', '/opt:/home/foo:/bad_mount',
                     ':/c', '', ':', '/a:b'],
    'image': ['ubuntu', 'Ubuntu', '', 'ubuntu:22.04', 'nvcr.io/nvidia/pytorch:24.01-py3', 'localhost/x',
              'localhost:5000/x', 'docker:5000/x', 'docker/x', '10.0.0.1:5000/a/b:c', '256.1.1.1/x',
              'a.b/c', 'ubuntu@sha256:abcdef0123', 'ubuntu:tag@sha256:ABC', 'ubuntu@sha256:', 'ubuntu@:ab',
              'host:123456/x', 'host:/x', 'a//b', 'a/', '/a', 'a_b', 'a__b', 'a-', 'ubuntuuuu', 'my.reg.io:443/team/img:v1.0',
              'x:-tag', 'x:.tag', 'x:_tag', 'gcr.io/project/image@sha256:0123456789abcdef', 'a b',
              '{{image}}', 'nvcr.io/nvidia/pytorch:{{tag}}'],
    'checkpoint_url': ['s3://bucket', 's3://bucket/path/', 'gs://b', 'tos://h', 'tos://h/b', 'azure://a',
                       'azure://a/c', 'swift://h/ns', 'swift://h/ns/c', 'swift://h/ns/c/p//', 'S3://b',
                       'https://x/y', 's3://', 's3://a,b', 's3://a//b', 's3:///b', 's3://b/{{output}}', ''],
    'data_url': ['s3://[b/x', 's3://b]/x', 'x://[/', '//[a', 's3://b/[x', 's3://[::1]/b', 's\n3://b', 'http:x//[',
                 's3://bucket/data/', 'S3://bucket', 'https://x', 'bucket/path', ' s3://b', 's3://a;b',
                 'gs://b', 'tos://h', 'swift://h/n', 'azure://a/c', 'Azure://a/c', 's3:b', '', 's\t3://b',
                 'a+b://x', '3s://x', 's3://b/{{input:0}}'],
    'label_key': ['PPP', 'example.com/experiment', 'osmo.workflow_uuid', '', '/name',
                  'UPPER.example.com/name', 'example.com/', '-name', 'a/b/c', 'a' * 63, 'a' * 64,
                  'x' * 253 + '/n', 'x' * 254 + '/n', 'a..b/n', 'a-/n', 'a.b-c.d/n_1.x'],
    'label_value': ['', '-value', 'value/', 'x' * 64, 'x' * 63, 'v', 'run=42', 'a.b_c-d', 'v-'],
}

ALPHABETS = {
    'duration': ['0123456789dhmsuPTDHMS.+-_ ', 'PT0123456789HMS.', '0123456789ms'],
    'quantity': ['0123456789.GiTBKMmk ', '0123456789.eE+-_'],
    'cache': ['0123456789.%Gi -'],
    'dict_value': ['0123456789.eE+-_xXbBo:', 'truefalsyon~'],
    'exit_codes': ['0123456789-,', '0123456789-, '],
    'lax_int': ['0123456789._+- ', '0123456789.eE+-_x'],
    'lax_bool': ['01yesnotrufalYESNOTRUFAL .'],
    'str_field': ['0123456789.eE+-_:'],
    'name': ['abAB09_-.: '],
    'input_task': ['abAB09_-: '],
    'file_path': ['/osmo/datupx.'],
    'volume_mount': ['/ab:'],
    'image': ['abAB09.:/@_-', 'abc019:./@', 'lochst:509/.ab'],
    'checkpoint_url': ['s3:/gtozurewif,;*ab', 's3:/ab'],
    'data_url': ['s3:/gtozurewif,;*abS ', 'sS3:/ab+'],
    'label_key': ['abA09-_./', 'ab.-/'],
    'label_value': ['abA09-_./='],
}


SCALAR_MODES = {'duration', 'quantity', 'cache', 'dict_value', 'exit_codes', 'lax_int', 'lax_bool',
                'str_field'}


def random_url(rng):
    scheme = rng.choice(['s3', 'gs', 'tos', 'azure', 'swift', 'S3', 'Gs', 'https', '', 's3:', 'a+b'])
    parts = [''.join(rng.choice('ab{},;* ') for _ in range(rng.choice([0, 1, 1, 2, 3])))
             for _ in range(rng.randint(0, 4))]
    return scheme + rng.choice(['://', '://', ':/', ':']) + '/'.join(parts) + '/' * rng.choice([0, 0, 1, 2])


def random_cases(mode, n, rng):
    if mode in ('checkpoint_url', 'data_url'):
        return [random_url(rng) for _ in range(n)]
    out = []
    for _ in range(n):
        alpha = rng.choice(ALPHABETS[mode])
        text = ''.join(rng.choice(alpha) for _ in range(rng.randint(0, 12)))
        if mode in SCALAR_MODES and rng.random() < 0.4:
            text = '"%s"' % text
        out.append(text)
    return out


def as_input(mode, text):
    """Style and text of a case: `"..."` is a quoted scalar, else plain."""
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        return 'Q', text[1:-1]
    return 'P', text


def expected(check, style, text):
    try:
        v = load(style, text)
    except Exception:  # noqa: BLE001 - a YAML load error: not comparable
        return None
    try:
        r = check(v)
    except Reject as err:
        return 'error\t' + escape(str(err))
    return None if r is None else 'ok\t' + escape(r)


def main():
    probe = sys.argv[1]
    rng = random.Random(3)
    modes = list(MODES)
    print('1..%d' % len(modes))
    failed = 0
    for num, mode in enumerate(modes, 1):
        check = MODES[mode]
        if check is None:
            print('ok %d - %s # SKIP pydantic is not installed' % (num, mode))
            continue
        cases = [as_input(mode, t) for t in FIXED[mode] + random_cases(mode, 1500, rng)]
        wants = [expected(check, st, t) for st, t in cases]
        keep = [(c, w) for c, w in zip(cases, wants) if w is not None]
        gots = run(probe, mode, ['%s\t%s' % (st, escape(t)) for (st, t), _ in keep])
        failed += not report(num, "%s agrees with OSMO's rule" % mode, [c for c, _ in keep],
                             [w for _, w in keep], gots)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
