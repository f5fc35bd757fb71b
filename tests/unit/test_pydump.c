/* Unit tests for pydump: exact yaml.dump text for every scalar-style
 * decision, folding at width 80, non-ASCII escapes, anchors, key order,
 * tags, errors and limits. The expected texts were produced by python3
 * yaml.dump(yaml.safe_load(input)) with PyYAML 6.0; tests/unit/
 * pydump_diff.sh re-checks thousands of random documents live. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "doc.h"
#include "pydump.h"

struct dcase {
	const char *in;
	const char *want;
};

static const struct dcase resolver_cases[] = {
	{ "k: \"yes\"\n",
	  "k: 'yes'\n" },
	{ "k: \"No\"\n",
	  "k: 'No'\n" },
	{ "k: \"on\"\n",
	  "k: 'on'\n" },
	{ "k: \"y\"\n",
	  "k: y\n" },
	{ "k: \"123\"\n",
	  "k: '123'\n" },
	{ "k: \"010\"\n",
	  "k: '010'\n" },
	{ "k: \"0x1F\"\n",
	  "k: '0x1F'\n" },
	{ "k: \"1_000\"\n",
	  "k: '1_000'\n" },
	{ "k: \"1:30\"\n",
	  "k: '1:30'\n" },
	{ "k: \"1.5\"\n",
	  "k: '1.5'\n" },
	{ "k: \"1e3\"\n",
	  "k: 1e3\n" },
	{ "k: \"1.0e+3\"\n",
	  "k: '1.0e+3'\n" },
	{ "k: \".inf\"\n",
	  "k: '.inf'\n" },
	{ "k: \".NaN\"\n",
	  "k: '.NaN'\n" },
	{ "k: \"~\"\n",
	  "k: '~'\n" },
	{ "k: \"null\"\n",
	  "k: 'null'\n" },
	{ "k: \"NULL\"\n",
	  "k: 'NULL'\n" },
	{ "k: \"\"\n",
	  "k: ''\n" },
	{ "k: \"2024-01-01\"\n",
	  "k: '2024-01-01'\n" },
	{ "k: \"2024-1-1\"\n",
	  "k: 2024-1-1\n" },
	{ "k: \"<<\"\n",
	  "k: '<<'\n" },
	{ "k: \"=\"\n",
	  "k: '='\n" },
	{ "k: \"0o17\"\n",
	  "k: 0o17\n" },
	{ "k: \"08\"\n",
	  "k: 08\n" },
	{ "k: \"True\"\n",
	  "k: 'True'\n" },
	{ "k: \"nULL\"\n",
	  "k: nULL\n" },
	{ "k: \"1_\"\n",
	  "k: '1_'\n" },
};

static const struct dcase indicator_cases[] = {
	{ "k: \"- a\"\n",
	  "k: '- a'\n" },
	{ "k: \"-a\"\n",
	  "k: -a\n" },
	{ "k: \"-\"\n",
	  "k: '-'\n" },
	{ "k: \": a\"\n",
	  "k: ': a'\n" },
	{ "k: \":a\"\n",
	  "k: :a\n" },
	{ "k: \"a: b\"\n",
	  "k: 'a: b'\n" },
	{ "k: \"a:b\"\n",
	  "k: a:b\n" },
	{ "k: \"a:\"\n",
	  "k: 'a:'\n" },
	{ "k: \"#a\"\n",
	  "k: '#a'\n" },
	{ "k: \"a #b\"\n",
	  "k: 'a #b'\n" },
	{ "k: \"a#b\"\n",
	  "k: a#b\n" },
	{ "k: \"? a\"\n",
	  "k: '? a'\n" },
	{ "k: \"?a\"\n",
	  "k: ?a\n" },
	{ "k: \"?\"\n",
	  "k: '?'\n" },
	{ "k: \"[a\"\n",
	  "k: '[a'\n" },
	{ "k: \"a[b]\"\n",
	  "k: a[b]\n" },
	{ "k: \"a,b\"\n",
	  "k: a,b\n" },
	{ "k: \",a\"\n",
	  "k: ',a'\n" },
	{ "k: \"{a\"\n",
	  "k: '{a'\n" },
	{ "k: \"a}\"\n",
	  "k: a}\n" },
	{ "k: \"&a\"\n",
	  "k: '&a'\n" },
	{ "k: \"*a\"\n",
	  "k: '*a'\n" },
	{ "k: \"!a\"\n",
	  "k: '!a'\n" },
	{ "k: \"|a\"\n",
	  "k: '|a'\n" },
	{ "k: \">a\"\n",
	  "k: '>a'\n" },
	{ "k: \"'a\"\n",
	  "k: '''a'\n" },
	{ "k: \"\\\"a\"\n",
	  "k: '\"a'\n" },
	{ "k: \"%a\"\n",
	  "k: '%a'\n" },
	{ "k: \"@a\"\n",
	  "k: '@a'\n" },
	{ "k: \"`a\"\n",
	  "k: '`a'\n" },
	{ "k: \"---\"\n",
	  "k: '---'\n" },
	{ "k: \"---a\"\n",
	  "k: '---a'\n" },
	{ "k: \"...\"\n",
	  "k: '...'\n" },
	{ "k: \"..a\"\n",
	  "k: ..a\n" },
	{ "k: \"a ---\"\n",
	  "k: a ---\n" },
};

static const struct dcase space_cases[] = {
	{ "k: \" a\"\n",
	  "k: ' a'\n" },
	{ "k: \"a \"\n",
	  "k: 'a '\n" },
	{ "k: \"a  b\"\n",
	  "k: a  b\n" },
	{ "k: \" \"\n",
	  "k: ' '\n" },
	{ "k: \"\\ta\"\n",
	  "k: \"\\ta\"\n" },
	{ "k: \"a\\tb\"\n",
	  "k: \"a\\tb\"\n" },
	{ "k: \"a\\nb\"\n",
	  "k: 'a\n\n  b'\n" },
	{ "k: \"a\\n\\nb\"\n",
	  "k: 'a\n\n\n  b'\n" },
	{ "k: \"a\\n\\n\\nb\"\n",
	  "k: 'a\n\n\n\n  b'\n" },
	{ "k: \"a \\nb\"\n",
	  "k: \"a \\nb\"\n" },
	{ "k: \"a\\n b\"\n",
	  "k: \"a\\n b\"\n" },
	{ "k: \"\\na\"\n",
	  "k: '\n\n  a'\n" },
	{ "k: \"a\\n\"\n",
	  "k: 'a\n\n  '\n" },
	{ "k: \"a\\n\\n\"\n",
	  "k: 'a\n\n\n  '\n" },
	{ "k: \"\\n\"\n",
	  "k: '\n\n  '\n" },
	{ "k: \"a\\rb\"\n",
	  "k: \"a\\rb\"\n" },
	{ "k: \"it's\"\n",
	  "k: it's\n" },
	{ "k: \"it\\\"s\"\n",
	  "k: it\"s\n" },
	{ "k: \"a'\\nb\"\n",
	  "k: 'a''\n\n  b'\n" },
};

static const struct dcase unicode_cases[] = {
	{ "k: \"\\x00\"\n",
	  "k: \"\\0\"\n" },
	{ "k: \"\\x07\"\n",
	  "k: \"\\a\"\n" },
	{ "k: \"\\x08\"\n",
	  "k: \"\\b\"\n" },
	{ "k: \"\\x0b\"\n",
	  "k: \"\\v\"\n" },
	{ "k: \"\\x0c\"\n",
	  "k: \"\\f\"\n" },
	{ "k: \"\\x1b\"\n",
	  "k: \"\\e\"\n" },
	{ "k: \"\\x7f\"\n",
	  "k: \"\\x7F\"\n" },
	{ "k: \"\\x80\"\n",
	  "k: \"\\x80\"\n" },
	{ "k: \"\\x85\"\n",
	  "k: \"\\N\"\n" },
	{ "k: \"\\xa0\"\n",
	  "k: \"\\_\"\n" },
	{ "k: \"\\xe9\"\n",
	  "k: \"\\xE9\"\n" },
	{ "k: \"caf\\xe9\"\n",
	  "k: \"caf\\xE9\"\n" },
	{ "k: \"\\u65e5\\u672c\"\n",
	  "k: \"\\u65E5\\u672C\"\n" },
	{ "k: \"\\U0001F600\"\n",
	  "k: \"\\U0001F600\"\n" },
	{ "k: \"\\u2028\"\n",
	  "k: \"\\L\"\n" },
	{ "k: \"\\u2029\"\n",
	  "k: \"\\P\"\n" },
	{ "k: \"\\ufeff\"\n",
	  "k: \"\\uFEFF\"\n" },
	{ "k: \"\\ufffd\"\n",
	  "k: \"\\uFFFD\"\n" },
	{ "k: \"a\\\\b\"\n",
	  "k: a\\b\n" },
	{ "k: \"\xc3\xa9""\"\n",
	  "k: \"\\xE9\"\n" },
	{ "k: 'na\xc3\xaf""ve caf\xc3\xa9""'\n",
	  "k: \"na\\xEFve caf\\xE9\"\n" },
};

static const struct dcase number_cases[] = {
	{ "k: 010\n",
	  "k: 8\n" },
	{ "k: 0x1F\n",
	  "k: 31\n" },
	{ "k: -0b101\n",
	  "k: -5\n" },
	{ "k: 1_000\n",
	  "k: 1000\n" },
	{ "k: 190:20:30\n",
	  "k: 685230\n" },
	{ "k: 18446744073709551616\n",
	  "k: 18446744073709551616\n" },
	{ "k: -9223372036854775809\n",
	  "k: -9223372036854775809\n" },
	{ "k: 1.5\n",
	  "k: 1.5\n" },
	{ "k: 1.0e+3\n",
	  "k: 1000.0\n" },
	{ "k: 1.5e20\n",
	  "k: 1.5e20\n" },
	{ "k: 1.0e-5\n",
	  "k: 1.0e-05\n" },
	{ "k: 0.00001\n",
	  "k: 1.0e-05\n" },
	{ "k: 1e3\n",
	  "k: 1e3\n" },
	{ "k: 3.\n",
	  "k: 3.0\n" },
	{ "k: .5\n",
	  "k: 0.5\n" },
	{ "k: -.inf\n",
	  "k: -.inf\n" },
	{ "k: +.INF\n",
	  "k: .inf\n" },
	{ "k: .nan\n",
	  "k: .nan\n" },
	{ "k: -0.0\n",
	  "k: -0.0\n" },
	{ "k: 1:30.5\n",
	  "k: 90.5\n" },
	{ "k: 1.0e+16\n",
	  "k: 1.0e+16\n" },
	{ "k: 1.0e+15\n",
	  "k: 1000000000000000.0\n" },
	{ "k: 0.1\n",
	  "k: 0.1\n" },
	{ "k: 1.7976931348623157e+308\n",
	  "k: 1.7976931348623157e+308\n" },
	{ "k: 1.0e+400\n",
	  "k: .inf\n" },
	{ "k: 5e-324\n",
	  "k: 5e-324\n" },
	{ "k: 123456789.123456789\n",
	  "k: 123456789.12345679\n" },
};

static const struct dcase scalar_type_cases[] = {
	{ "k: yes\n",
	  "k: true\n" },
	{ "k: Off\n",
	  "k: false\n" },
	{ "k: ~\n",
	  "k: null\n" },
	{ "k:\n",
	  "k: null\n" },
	{ "k: null\n",
	  "k: null\n" },
	{ "k: 2024-01-01\n",
	  "k: 2024-01-01\n" },
	{ "k: 2001-12-14t21:59:43.10-05:00\n",
	  "k: 2001-12-14 21:59:43.100000-05:00\n" },
	{ "k: 2001-12-14 21:59:43.1234567 Z\n",
	  "k: 2001-12-14 21:59:43.123456+00:00\n" },
	{ "k: 2001-12-14 21:59:43\n",
	  "k: 2001-12-14 21:59:43\n" },
	{ "k: 2024-01-01 00:00:00 +1\n",
	  "k: 2024-01-01 00:00:00+01:00\n" },
	{ "k: 2024-01-01 10:00:00.5 -0:30\n",
	  "k: 2024-01-01 10:00:00.500000-00:30\n" },
};

static const struct dcase fold_cases[] = {
	{ "k: word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word\n",
	  "k: word word word word word word word word word word word word word word word word\n  word word word word word word word word word word word word word word\n" },
	{ "- word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word\n",
	  "- word word word word word word word word word word word word word word word word\n  word word word word word word word word word word word word word word\n" },
	{ "a:\n  b:\n    c: word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word\n",
	  "a:\n  b:\n    c: word word word word word word word word word word word word word word word\n      word word word word word word word word word word word word word word word\n" },
	{ "k: 'word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word'\n",
	  "k: word word word word word word word word word word word word word word word word\n  word word word word word word word word word word word word word word\n" },
	{ "k: \"word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word \\xe9\"\n",
	  "k: \"word word word word word word word word word word word word word word word word\\\n  \\ word word word word word word word word word word word word word word \\xE9\"\n" },
	{ "k: \"word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word\"\n",
	  "k: word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word\n" },
	{ "k: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\n",
	  "k: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n" },
	{ "k: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx y\n",
	  "k: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n  y\n" },
	{ "k: \"ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01\"\n",
	  "k: \"ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01\\\n  ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01\\\n  ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01ab\\x01\"\n" },
	{ "k: \"word\\nword\\nword\\nword word word word word word word word word word word word word word word word word word word word word word word word word word word\"\n",
	  "k: 'word\n\n  word\n\n  word\n\n  word word word word word word word word word word word word word word word word\n  word word word word word word word word word word word'\n" },
	{ "k: 'word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word\n\n  more'\n",
	  "k: 'word word word word word word word word word word word word word word word word\n  word word word word word word word word word word word word word word\n\n  more'\n" },
	{ "word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word: v\n",
	  "? word word word word word word word word word word word word word word word word\n  word word word word word word word word word word word word word word\n: v\n" },
	{ "\"w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w\": v\n",
	  "? w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w\n  w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w\n: v\n" },
	{ "\"w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w\": v\n",
	  "? w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w\n  w w w w w w w w w w w w w w w w w w w w w w w\n: v\n" },
	{ "- - - word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word\n",
	  "- - - word word word word word word word word word word word word word word word word\n      word word word word word word word word word word word word word word\n" },
	{ "k: \"aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp \\xe9\\xe9 qqqq\"\n",
	  "k: \"aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp\\\n  \\ \\xE9\\xE9 qqqq\"\n" },
	{ "k: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx  y  z\"\n",
	  "k: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx  y  z\n" },
};

static const struct dcase collection_cases[] = {
	{ "a: []\nb: {}\n",
	  "a: []\nb: {}\n" },
	{ "- []\n- {}\n",
	  "- []\n- {}\n" },
	{ "a:\n- 1\n- - 2\n  - 3\n",
	  "a:\n- 1\n- - 2\n  - 3\n" },
	{ "- a: 1\n  b: 2\n- c: 3\n",
	  "- a: 1\n  b: 2\n- c: 3\n" },
	{ "a:\n  b:\n  - c: [x, {y: z}]\n",
	  "a:\n  b:\n  - c:\n    - x\n    - y: z\n" },
	{ "\"\": 1\n",
	  "? ''\n: 1\n" },
	{ "\"a\\nb\": 1\n",
	  "? 'a\n\n  b'\n: 1\n" },
	{ "\"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\": 1\n",
	  "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk: 1\n" },
	{ "\"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\": 1\n",
	  "? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\n: 1\n" },
	{ "? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\n: [1]\n",
	  "? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\n: - 1\n" },
	{ "k:\n  - - a\n    - b\n",
	  "k:\n- - a\n  - b\n" },
	{ "[]\n",
	  "[]\n" },
	{ "{}\n",
	  "{}\n" },
	{ "\"text\"\n",
	  "text\n...\n" },
	{ "text\n",
	  "text\n...\n" },
	{ "'yes'\n",
	  "'yes'\n" },
	{ "- x\n",
	  "- x\n" },
	{ "12\n",
	  "12\n...\n" },
	{ "a b\n",
	  "a b\n...\n" },
};

static const struct dcase anchor_cases[] = {
	{ "a: &x [1, 2]\nb: *x\n",
	  "a: &id001\n- 1\n- 2\nb: *id001\n" },
	{ "a: &x {k: v}\nb: [*x, *x]\n",
	  "a: &id001\n  k: v\nb:\n- *id001\n- *id001\n" },
	{ "b: &x 2024-01-01\na: *x\n",
	  "a: &id001 2024-01-01\nb: *id001\n" },
	{ "a: &s text\nb: *s\n",
	  "a: text\nb: text\n" },
	{ "z: &z [1]\ny: &y [2]\nx: [*y, *z]\n",
	  "x:\n- &id001\n  - 2\n- &id002\n  - 1\ny: *id001\nz: *id002\n" },
	{ "base: &b\n  list: [1]\n  n: 1\nc:\n  <<: *b\n  n: 2\n",
	  "base:\n  list: &id001\n  - 1\n  n: 1\nc:\n  list: *id001\n  n: 2\n" },
	{ "b1: &b1 {x: 1, y: 1}\nb2: &b2 {y: 2, z: 2}\nm:\n  <<: [*b1, *b2]\n  z: 3\n",
	  "b1:\n  x: 1\n  y: 1\nb2:\n  y: 2\n  z: 2\nm:\n  x: 1\n  y: 1\n  z: 3\n" },
	{ "a: &e []\nb: *e\n",
	  "a: &id001 []\nb: *id001\n" },
	{ "a: &e {}\nb: *e\n",
	  "a: &id001 {}\nb: *id001\n" },
	{ "k: &d {2024-01-01: v}\nm: {<<: *d}\n",
	  "k:\n  &id001 2024-01-01: v\nm:\n  *id001: v\n" },
};

static const struct dcase key_order_cases[] = {
	{ "b: 1\na: 2\nB: 3\n_: 4\n\xc3\xa9"": 5\n",
	  "B: 3\n_: 4\na: 2\nb: 1\n\"\\xE9\": 5\n" },
	{ "2: a\n1: b\n1.5: c\ntrue: d\n-3: e\n",
	  "-3: e\n1: d\n1.5: c\n2: a\n" },
	{ "1: a\n1.0: b\ntrue: c\n",
	  "1: c\n" },
	{ "b: 1\n1: 2\na: 3\n",
	  "b: 1\n1: 2\na: 3\n" },
	{ "null: 1\na: 2\n",
	  "null: 1\na: 2\n" },
	{ "2024-01-02: a\n2024-01-01: b\n",
	  "2024-01-01: b\n2024-01-02: a\n" },
	{ "2024-01-01: a\n2024-01-01 00:00:00: b\n",
	  "2024-01-01: a\n2024-01-01 00:00:00: b\n" },
	{ "2024-01-01 10:00:00+05:00: a\n2024-01-01 04:00:00Z: b\n2024-01-01 05:00:00Z: c\n",
	  "2024-01-01 04:00:00+00:00: b\n2024-01-01 10:00:00+05:00: c\n" },
	{ ".nan: 1\n.nan: 2\n",
	  ".nan: 2\n" },
	{ "9007199254740993: a\n9007199254740992.0: b\n",
	  "9007199254740992.0: b\n9007199254740993: a\n" },
	{ "18446744073709551616: a\n1.0e+19: b\n1.8446744073709552e+19: c\n",
	  "1.0e+19: b\n18446744073709551616: c\n" },
};

static const struct dcase tag_cases[] = {
	{ "k: !!str 123\n",
	  "k: '123'\n" },
	{ "k: !!float 1e3\n",
	  "k: 1000.0\n" },
	{ "k: !!float 1:30\n",
	  "k: 90.0\n" },
	{ "k: !!bool YeS\n",
	  "k: true\n" },
	{ "k: !!null x\n",
	  "k: null\n" },
	{ "k: ! 12\n",
	  "k: 12\n" },
	{ "k: ! \"12\"\n",
	  "k: 12\n" },
	{ "k: !!int \"0x1f\"\n",
	  "k: 31\n" },
	{ "k: !!binary \"SGVsbG8sIHdvcmxkIQ==\"\n",
	  "k: !!binary |\n  SGVsbG8sIHdvcmxkIQ==\n" },
	{ "k: !!binary \"\"\n",
	  "k: !!binary \"\"\n" },
	{ "k: !!set {b: , a: }\n",
	  "k: !!set\n  a: null\n  b: null\n" },
	{ "k: !!omap [a: 1, b: 2]\n",
	  "k:\n- !!python/tuple\n  - a\n  - 1\n- !!python/tuple\n  - b\n  - 2\n" },
	{ "k: !!pairs [{a: 1}]\n",
	  "k:\n- !!python/tuple\n  - a\n  - 1\n" },
	{ "!!set {x: }\n",
	  "!!set\nx: null\n" },
	{ "k: !!timestamp 2024-01-02\n",
	  "k: 2024-01-02\n" },
	{ "k: !!binary |\n  QUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJD\n",
	  "k: !!binary |\n  QUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJD\n  QUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJD\n" },
};

/* Dump text with pydump; returns 0 or -1 and the output or the first
 * error message (with its rule) in out. */
static int dump_text(const char *text, const struct pydump_limits *lim, const char *wrap,
		     struct buf *out, struct diag *first)
{
	struct diag_list diags = { 0 };
	struct doc *d = doc_load(text, strlen(text), NULL, &diags);
	assert_non_null(d);
	if (!d->ok)
		fail_msg("input does not load: %s", text);
	int rc = wrap ? pydump_wrapped(wrap, doc_map_get(d->root, wrap), lim, out, &diags)
		      : pydump_node(d->root, lim, out, &diags);
	if (rc < 0) {
		assert_int_equal(diags.n, 1);
		if (first) {
			*first = diags.v[0];
			first->message = NULL;
		}
		buf_puts(out, diags.v[0].message);
	}
	doc_free(d);
	diag_free(&diags);
	return rc;
}

static void run_cases(const struct dcase *cases, size_t n)
{
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		struct buf out = BUF_INIT;
		int rc = dump_text(cases[i].in, NULL, NULL, &out, NULL);
		if (rc != 0 || strcmp(buf_cstr(&out), cases[i].want) != 0) {
			print_error("input %s\n  want %s\n  got  %s\n", cases[i].in, cases[i].want,
				    buf_cstr(&out));
			bad++;
		}
		buf_free(&out);
	}
	assert_int_equal(bad, 0);
}

#define CASES(name) \
	static void test_##name(void **state) \
	{ \
		(void)state; \
		run_cases(name##_cases, sizeof name##_cases / sizeof name##_cases[0]); \
	}

CASES(resolver)
CASES(indicator)
CASES(space)
CASES(unicode)
CASES(number)
CASES(scalar_type)
CASES(fold)
CASES(collection)
CASES(anchor)
CASES(key_order)
CASES(tag)

/* what SafeLoader raises is an error here too, positioned at the node */
static void test_errors(void **state)
{
	(void)state;
	static const struct {
		const char *in, *rule, *at;
	} cases[] = {
		{ "a: 2024-02-30\n", "yaml-value", "2024-02-30" },
		{ "a: =\n", "yaml-tag", "=" },
		{ "a: !x 1\n", "yaml-tag", "1" },
		{ "a: !!python/tuple [1]\n", "yaml-tag", "[1]" },
		{ "a: !!int [1]\n", "yaml-tag", "[1]" },
		{ "a: !!map [1]\n", "yaml-tag", "[1]" },
		{ "a: !!seq 1\n", "yaml-tag", "1" },
		{ "a: {<<: 1}\n", "yaml-value", "1" },
		{ "a: {<<: [{x: 1}, 2]}\n", "yaml-value", "2" },
		{ "a: !!binary \"abcde\"\n", "yaml-value", "\"abcde\"" },
		{ "a: !!binary \"ab\"\n", "yaml-value", "\"ab\"" },
		{ "a: !!bool maybe\n", "yaml-value", "maybe" },
		{ "a: !!float x1\n", "yaml-value", "x1" },
		{ "a: !!omap [a, b]\n", "yaml-value", "a, b" },
		{ "a: !!omap [{a: 1, b: 2}]\n", "yaml-value", "{a: 1, b: 2}" },
		{ "a: !!int \" 5\"\n", "pydump-unsupported", "\" 5\"" },
		{ "2024-13-01: x\n", "yaml-value", "2024-13-01" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct buf out = BUF_INIT;
		struct diag d;
		if (dump_text(cases[i].in, NULL, NULL, &out, &d) != -1)
			fail_msg("no error for %s: %s", cases[i].in, buf_cstr(&out));
		const char *at = strstr(cases[i].in, cases[i].at);
		assert_non_null(at);
		if (strcmp(d.rule, cases[i].rule) != 0 || d.offset != (uint32_t)(at - cases[i].in))
			fail_msg("%s: got [%s] at %u, want [%s] at %u", cases[i].in, d.rule,
				 (unsigned)d.offset, cases[i].rule, (unsigned)(at - cases[i].in));
		buf_free(&out);
	}
}

/* the one-key wrapper the dry run uses; errors leave out untouched */
static void test_wrapped(void **state)
{
	(void)state;
	struct buf out = BUF_INIT;
	buf_puts(&out, "before\n");
	assert_int_equal(dump_text("version: 2\nworkflow:\n  tasks: [{name: a}]\n  name: w\n", NULL,
				   "workflow", &out, NULL), 0);
	assert_string_equal(buf_cstr(&out), "before\nworkflow:\n  name: w\n  tasks:\n  - name: a\n");
	buf_reset(&out);
	buf_puts(&out, "kept");
	struct diag d;
	assert_int_equal(dump_text("workflow: {d: 2024-02-30}\n", NULL, "workflow", &out, &d), -1);
	assert_int_equal(strncmp(buf_cstr(&out), "kept", 4), 0);
	buf_free(&out);

	struct buf none = BUF_INIT;
	assert_int_equal(pydump_wrapped("workflow", NULL, NULL, &none, NULL), 0);
	assert_string_equal(buf_cstr(&none), "workflow: null\n");
	buf_reset(&none);
	assert_int_equal(pydump_node(NULL, NULL, &none, NULL), 0);
	assert_string_equal(buf_cstr(&none), "null\n...\n");
	buf_free(&none);
}

/* merge chains and alias fan-out stay within max_objects; depth is bounded */
static void test_limits(void **state)
{
	(void)state;
	const char *bomb = "a: &a {x: 1, y: 2}\n"
			   "b: &b {<<: [*a, *a], z: [*a, *a, *a]}\n"
			   "c: &c {<<: [*b, *b], w: [*b, *b, *b]}\n"
			   "d: [*c, *c, *c, *c]\n";
	struct buf out = BUF_INIT;
	struct pydump_limits small = { 20, 0 };
	struct diag d;
	assert_int_equal(dump_text(bomb, &small, NULL, &out, &d), -1);
	assert_string_equal(d.rule, "yaml-limit");
	buf_reset(&out);
	assert_int_equal(dump_text(bomb, NULL, NULL, &out, NULL), 0);
	assert_non_null(strstr(buf_cstr(&out), "  z: *id003\nd:\n- *id004\n- *id004\n"));

	struct pydump_limits shallow = { 0, 3 };
	buf_reset(&out);
	assert_int_equal(dump_text("a: [[[[1]]]]\n", &shallow, NULL, &out, &d), -1);
	assert_string_equal(d.rule, "yaml-limit");
	buf_reset(&out);
	assert_int_equal(dump_text("a: [[1]]\n", &shallow, NULL, &out, NULL), 0);
	assert_string_equal(buf_cstr(&out), "a:\n- - 1\n");
	buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resolver),   cmocka_unit_test(test_indicator),
		cmocka_unit_test(test_space),      cmocka_unit_test(test_unicode),
		cmocka_unit_test(test_number),     cmocka_unit_test(test_scalar_type),
		cmocka_unit_test(test_fold),       cmocka_unit_test(test_collection),
		cmocka_unit_test(test_anchor),     cmocka_unit_test(test_key_order),
		cmocka_unit_test(test_tag),        cmocka_unit_test(test_errors),
		cmocka_unit_test(test_wrapped),    cmocka_unit_test(test_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
