#!/usr/bin/env python3
"""The exported JSON Schema against OSMO's behaviour, in TAP.

usage: schema_check.py SCHEMA_JSON OSMO_TUI PROBE TOP_SRCDIR SCRATCH_DIR

1. The schema is a valid draft 2020-12 schema.
2. Every valid spec (the cookbook's, tests/data/ok's when present; templated
   ones rendered with `osmo-tui render`) validates against it.
3. Edits of a small spec, valid and invalid: the schema's verdict is the
   expected one, and `osmo-tui validate` agrees.
4. Each value grammar (durations, quantities, lax ints and bools, names,
   images, URLs, labels, exit codes, paths, mounts, env values): every value
   the validator accepts (tests/unit/probe runs its checkers), the schema
   accepts too, on the fixed and random cases of tests/unit/units_diff.py.
   Values the schema lets through although OSMO rejects them are counted
   as a note (a JSON Schema cannot say "at most 999999999 days").
"""
import copy
import glob
import json
import os
import random
import re
import subprocess
import sys

try:
    import jsonschema
    import yaml
except ImportError as err:
    print('1..0 # SKIP %s' % err)
    sys.exit(0)

SCHEMA_FILE, OSMO_TUI, PROBE, TOP, SCRATCH = sys.argv[1:6]
sys.path.insert(0, os.path.join(TOP, 'tests', 'unit'))
import units_diff  # noqa: E402  (cases and YAML loading of the differential tests)
from probelib import escape, run  # noqa: E402

SCHEMA = json.load(open(SCHEMA_FILE))
N = 0
FAILED = 0


def tap(ok, name, *notes):
    global N, FAILED
    N += 1
    FAILED += not ok
    print('%s %d - %s' % ('ok' if ok else 'not ok', N, name))
    for note in notes if not ok else ():
        for line in str(note).splitlines()[:30]:
            print('# ' + line)


def errors(instance, schema=SCHEMA):
    v = jsonschema.Draft202012Validator(schema)
    return ['%s: %s' % ('/'.join(map(str, e.absolute_path)), e.message[:200]) for e in v.iter_errors(instance)]


# ---- 1. the schema itself ----
try:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    tap(True, 'the export is a valid draft 2020-12 JSON Schema')
except jsonschema.SchemaError as err:
    tap(False, 'the export is a valid draft 2020-12 JSON Schema', err)

# ---- 2. valid specs ----
TOKENS = re.compile(r'\{\{(?!(?:output|workflow_id|uuid|input:[^}]+|host:[^}]+)\}\})|\{%|\{#')


def templated(text):
    return bool(TOKENS.search(text))


specs = sorted(glob.glob(os.path.join(TOP, 'share', 'cookbook', '**', '*.yaml'), recursive=True))
specs += sorted(glob.glob(os.path.join(TOP, 'tests', 'data', 'ok', '**', '*.yaml'), recursive=True))
checked = 0
for path in specs:
    if os.path.basename(path) == 'index.yaml':
        continue
    text = open(path, encoding='utf-8').read()
    name = os.path.relpath(path, TOP)
    if 'osmo-tui: ignore[' in text:
        continue  # valid only because comments silence rules the schema cannot see
    if templated(text):
        # the schema describes a rendered spec: render it with its defaults
        res = subprocess.run([OSMO_TUI, 'render', path], capture_output=True, text=True)
        if res.returncode != 0:
            tap(False, 'templated spec %s renders' % name, res.stderr)
            continue
        text, name = res.stdout, name + ' (rendered)'
    checked += 1
    errs = errors(yaml.safe_load(text))
    tap(not errs, 'valid spec %s passes the schema' % name, *errs)
tap(checked >= 15, 'every cookbook example checked (%d specs)' % checked)

# ---- 3. edits of a spec ----
BASE = {'workflow': {
    'name': 'demo',
    'resources': {'default': {'cpu': 2, 'memory': '4Gi', 'storage': '10Gi'}},
    'timeout': {'exec_timeout': '2h'},
    'tasks': [{'name': 'train', 'image': 'nvcr.io/nvidia/pytorch:24.08-py3',
               'command': ['python', 'train.py'], 'environment': {'EPOCHS': '3'},
               'outputs': [{'url': 's3://bucket/out'}]}]}}


def res(d):
    return d['workflow']['resources']['default']


def task(d):
    return d['workflow']['tasks'][0]


def put(get, key, value):
    def edit(d):
        get(d)[key] = value
    return edit


def drop(get, key):
    def edit(d):
        del get(d)[key]
    return edit


def wf(d):
    return d['workflow']


def top(d):
    return d


def timeout(d):
    return d['workflow']['timeout']


CASES = [
    # (name, edit, valid)
    ('cpu as a string "2"', put(res, 'cpu', '2'), True),
    ('cpu as 2.0', put(res, 'cpu', 2.0), True),
    ('cpu as " 3 "', put(res, 'cpu', ' 3 '), True),
    ('cpu null', put(res, 'cpu', None), True),
    ('memory as a number of bytes', put(res, 'memory', 1073741824), True),
    ('memory 512Mi', put(res, 'memory', '512Mi'), True),
    ('environment value 5', put(lambda d: task(d)['environment'], 'N', 5), True),
    ('environment value true', put(lambda d: task(d)['environment'], 'FLAG', True), True),
    ('environment value 0.5', put(lambda d: task(d)['environment'], 'RATIO', 0.5), True),
    ('lead "yes"', put(task, 'lead', 'yes'), True),
    ('exec_timeout 3600', put(timeout, 'exec_timeout', 3600), True),
    ('exec_timeout PT1H', put(timeout, 'exec_timeout', 'PT1H'), True),
    ('exec_timeout true (1 s)', put(timeout, 'exec_timeout', True), True),
    ('version 2', put(top, 'version', 2), True),
    ('args with numbers', put(task, 'args', [1, 2.5, 'x']), True),
    ('exitActions codes', put(task, 'exitActions', {'COMPLETE': 0, 'fail': '1-255'}), True),
    ('labels', put(wf, 'labels', {'team': 'ml', 'example.com/run': 'r-1'}), True),
    ('kpis as one object', put(task, 'kpis', {'index': 0, 'path': 'metrics.json'}), True),
    ('credentials both forms', put(task, 'credentials', {'c': '/mnt/c', 'd': {'KEY': 'key'}}), True),
    ('cacheSize 50%', put(task, 'cacheSize', '50%'), True),
    ('nodesExcluded', put(res, 'nodesExcluded', ['node-1']), True),
    ('topology', put(res, 'topology', [{'key': 'rack', 'requirementType': 'preferred'}]), True),
    ('downloadType null', put(task, 'downloadType', None), True),
    ('checkpoint', put(task, 'checkpoint', [{'path': '/ckpt', 'url': 's3://b/c', 'frequency': 60}]), True),
    ('files', put(task, 'files', [{'path': '/tmp/run.sh', 'contents': 'echo hi\n'}]), True),
    ('input from a task url', put(task, 'inputs', [{'url': 'gs://bucket/data', 'regex': r'.*\.csv'}]), True),
    ('unknown task key', put(task, 'imagee', 'x'), False),
    ('unknown top-level key', put(top, 'metadata', {}), False),
    ('unknown resource key', put(res, 'cpus', 2), False),
    ('command as a string', put(task, 'command', 'echo'), False),
    ('command item null', put(task, 'command', ['echo', None]), False),
    ('command item bool', put(task, 'command', ['sh', '-c', True]), False),
    ('cpu "two"', put(res, 'cpu', 'two'), False),
    ('cpu 0.5', put(res, 'cpu', 0.5), False),
    ('memory 10GB', put(res, 'memory', '10GB'), False),
    ('memory "10 Gi"', put(res, 'memory', '10 Gi'), False),
    ('memory true', put(res, 'memory', True), False),
    ('workflow name 1bad', put(wf, 'name', '1bad'), False),
    ('task name with a space', put(task, 'name', 'my task'), False),
    ('missing image', drop(task, 'image'), False),
    ('missing workflow name', drop(wf, 'name'), False),
    ('environment value a list', put(lambda d: task(d)['environment'], 'L', [1]), False),
    ('environment value null', put(lambda d: task(d)['environment'], 'E', None), False),
    ('environment null', put(task, 'environment', None), False),
    ('lead "maybe"', put(task, 'lead', 'maybe'), False),
    ('exec_timeout 1h30m', put(timeout, 'exec_timeout', '1h30m'), False),
    ('checkpoint frequency true', put(task, 'checkpoint', [{'path': '/c', 'url': 's3://b/c', 'frequency': True}]),
     False),
    ('requirementType Required', put(res, 'topology', [{'key': 'rack', 'requirementType': 'Required'}]), False),
    ('17 labels', put(wf, 'labels', {'k%d' % i: 'v' for i in range(17)}), False),
    ('label value an int', put(wf, 'labels', {'team': 5}), False),
    ('image Ubuntu', put(task, 'image', 'Ubuntu'), False),
    ('output url https', put(task, 'outputs', [{'url': 'https://example.com/x'}]), False),
    ('file under /osmo', put(task, 'files', [{'path': '/osmo/x', 'contents': 'x'}]), False),
    ('volume mount with :ro', put(task, 'volumeMounts', ['/a:/b:ro']), False),
    ('exit action RETRY', put(task, 'exitActions', {'RETRY': 1}), False),
    ('exit codes with a space', put(task, 'exitActions', {'FAIL': '1, 2'}), False),
    ('downloadType stream', put(task, 'downloadType', 'stream'), False),
    ('input task bad name', put(task, 'inputs', [{'task': '-x'}]), False),
]

for num, (name, edit, valid) in enumerate(CASES):
    spec = copy.deepcopy(BASE)
    edit(spec)
    text = yaml.safe_dump(spec, sort_keys=False)
    errs = errors(yaml.safe_load(text))
    tap(bool(not errs) == valid, 'schema: %s is %s' % (name, 'accepted' if valid else 'rejected'),
        *(errs if valid else ['the schema accepted it']))
    path = os.path.join(SCRATCH, 'case%d.yaml' % num)
    with open(path, 'w') as f:
        f.write(text)
    res_v = subprocess.run([OSMO_TUI, 'validate', path], capture_output=True, text=True)
    tap(res_v.returncode == (0 if valid else 1), 'validate agrees: %s' % name, res_v.stdout, res_v.stderr)

# ---- 4. value grammars: the schema accepts everything the validator accepts ----
GRAMMARS = {
    # probe mode: (subschema, wrap the value into an instance of it)
    'duration': ('timeout/properties/exec_timeout', lambda v: v),
    'quantity': ('resource-profile/properties/memory', lambda v: v),
    'cache': ('task/properties/cacheSize', lambda v: v),
    'lax_int': ('resource-profile/properties/cpu', lambda v: v),
    'lax_bool': ('task/properties/lead', lambda v: v),
    'str_field': ('task/properties/resource', lambda v: v),
    'dict_value': ('task/properties/environment', lambda v: {'K': v}),
    'exit_codes': ('task/properties/exitActions', lambda v: {'FAIL': v}),
    'name': ('workflow/properties/name', lambda v: v),
    'input_task': ('input/properties/task', lambda v: v),
    'file_path': ('file/properties/path', lambda v: v),
    'volume_mount': ('task/properties/volumeMounts', lambda v: [v]),
    'image': ('task/properties/image', lambda v: v),
    'checkpoint_url': ('checkpoint/properties/url', lambda v: v),
    'data_url': ('input/properties/url', lambda v: v),
    'label_key': ('workflow/properties/labels', lambda v: {v: 'v'}),
    'label_value': ('workflow/properties/labels', lambda v: {'k': v}),
}
rng = random.Random(7)
for mode, (where, wrap) in GRAMMARS.items():
    validator = jsonschema.Draft202012Validator({'$defs': SCHEMA['$defs'], '$ref': '#/$defs/' + where})
    scalar = mode in units_diff.SCALAR_MODES
    cases = []
    for text in units_diff.FIXED[mode] + units_diff.random_cases(mode, 400, rng):
        style, text = units_diff.as_input(mode, text) if scalar else ('Q', text)
        try:
            value = units_diff.load(style, text) if scalar else text
        except Exception:  # noqa: BLE001 - not loadable YAML: OSMO never sees it
            continue
        cases.append((style, text, value))
    verdicts = run(PROBE, mode, ['%s\t%s' % (st, escape(t)) for st, t, _ in cases])
    too_strict, too_lax = [], []
    for (style, text, value), verdict in zip(cases, verdicts):
        osmo_ok = verdict.startswith('ok')
        schema_ok = validator.is_valid(wrap(value))
        if osmo_ok and not schema_ok:
            too_strict.append('%s %r' % (style, text))
        elif schema_ok and not osmo_ok:
            too_lax.append('%s %r: %s' % (style, text, verdict[:100]))
    tap(not too_strict and len(verdicts) == len(cases),
        '%s: the schema accepts every value the validator accepts (%d cases)' % (mode, len(cases)),
        *['rejected by the schema: ' + c for c in too_strict[:20]])
    if too_lax:
        print('# %s: %d values pass the schema although OSMO rejects them, e.g. %s'
              % (mode, len(too_lax), '; '.join(too_lax[:3])))

print('1..%d' % N)
sys.exit(1 if FAILED else 0)
