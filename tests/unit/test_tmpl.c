/* Unit tests for the template engine: one group per construct, the error
 * diagnostics (rule, position, message) and the limits. The differential
 * test (tests/tmpl/differential.sh) compares many more cases with Python. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl/eval.h"
#include "tmpl/tmpl.h"

static struct tv make_vars(void)
{
	struct tv v = tv_dict_new();
	tv_dict_set(v, "x", 1, tv_int(1));
	tv_dict_set(v, "name", 4, tv_cstr("world"));
	struct tv items = tv_list_new(0);
	tv_list_push(items, tv_int(3));
	tv_list_push(items, tv_int(1));
	tv_list_push(items, tv_int(2));
	tv_dict_set(v, "items", 5, items);
	struct tv d = tv_dict_new();
	tv_dict_set(d, "b", 1, tv_int(2));
	tv_dict_set(d, "a", 1, tv_int(1));
	tv_dict_set(v, "d", 1, d);
	tv_dict_set(v, "n", 1, tv_none());
	tv_dict_set(v, "f", 1, tv_float(1.5));
	return v;
}

/* Render src with the standard variables; returns the output (malloc'd)
 * or NULL with the first diagnostic in *diag. */
static char *render_lim(const char *src, const struct tmpl_limits *lim, struct diag *diag)
{
	struct tv vars = make_vars();
	struct buf out = BUF_INIT;
	struct diag_list dl = { 0 };
	int rc = tmpl_render(src, strlen(src), &vars, lim, &out, &dl);
	tv_drop(vars);
	char *res = NULL;
	if (rc == 0) {
		res = out.data ? buf_detach(&out) : strdup("");
	} else {
		assert_true(dl.n >= 1);
		if (diag) {
			*diag = dl.v[0];
			diag->message = strdup(dl.v[0].message);
		}
	}
	buf_free(&out);
	diag_free(&dl);
	return res;
}

static void expect_out(const char *src, const char *want)
{
	struct diag d = { 0 };
	char *got = render_lim(src, NULL, &d);
	if (!got)
		fail_msg("%s: failed: %s [%s]", src, d.message, d.rule);
	assert_string_equal(got, want);
	free(got);
}

static void expect_err_lim(const char *src, const struct tmpl_limits *lim, const char *rule, int line, int col,
			   const char *msg)
{
	struct diag d = { 0 };
	char *got = render_lim(src, lim, &d);
	if (got)
		fail_msg("%s: rendered \"%s\", expected %s", src, got, rule);
	assert_string_equal(d.rule, rule);
	if (line)
		assert_int_equal(d.line, line);
	if (col)
		assert_int_equal(d.col, col);
	if (!strstr(d.message, msg))
		fail_msg("%s: message \"%s\" lacks \"%s\"", src, d.message, msg);
	free(d.message);
}

static void expect_err(const char *src, const char *rule, int line, int col, const char *msg)
{
	expect_err_lim(src, NULL, rule, line, col, msg);
}

static void text_and_variables(void **state)
{
	(void)state;
	expect_out("", "");
	expect_out("plain text\n", "plain text");
	expect_out("a\n\n", "a\n");
	expect_out("Hello {{ name }}!", "Hello world!");
	expect_out("{{ x }} {{ f }} {{ n }} {{ items }} {{ d }}", "1 1.5 None [3, 1, 2] {'b': 2, 'a': 1}");
	expect_out("{{ true }} {{ False }} {{ none }} {{ (1,) }} {{ 1e20 }}", "True False None (1,) 1e+20");
	expect_out("{{ 'it\\'s' }} {{ ['it\\'s'] }}", "it's [\"it's\"]");
}

static void whitespace_control(void **state)
{
	(void)state;
	expect_out("a  {%- if true -%}  b  {%- endif -%}  c", "abc");
	expect_out("x {{- 'y' -}} z", "xyz");
	expect_out("a {#- c -#} b", "ab");
	expect_out("a\r\nb\r\n", "a\nb");
	expect_out("{% raw %}{{ x }}{% endraw %}", "{{ x }}");
	expect_out("a{# comment #}b", "ab");
}

static void conditions(void **state)
{
	(void)state;
	expect_out("{% if x == 1 %}one{% elif x == 2 %}two{% else %}other{% endif %}", "one");
	expect_out("{% if n %}a{% elif not items %}b{% else %}c{% endif %}", "c");
	expect_out("{{ 'y' if x else 'n' }}|{{ 'q' if false }}|", "y||");
	expect_out("{{ 0 or 'z' }} {{ 1 and 'w' }} {{ not n }}", "z w True");
	expect_out("{% if true %}{% set s = 1 %}{% endif %}{{ s }}", "1");
}

static void loops(void **state)
{
	(void)state;
	expect_out("{% for i in items %}{{ loop.index }}:{{ i }}{{ ',' if not loop.last }}{% endfor %}", "1:3,2:1,3:2");
	expect_out("{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}", "b=2;a=1;");
	expect_out("{% for i in [] %}x{% else %}empty{% endfor %}", "empty");
	expect_out("{% for i in range(6) if i is even %}{{ i }}/{{ loop.length }} {% endfor %}", "0/3 2/3 4/3 ");
	expect_out("{% for i in 'ab' %}{{ loop.revindex0 }}{{ loop.cycle('x', 'y') }}{% endfor %}", "1x0y");
	expect_out("{% set c = 0 %}{% for i in items %}{% set c = c + i %}{% endfor %}{{ c }}", "0");
	expect_out("{% set ns = namespace(c=0) %}{% for i in items %}{% set ns.c = ns.c + i %}{% endfor %}{{ ns.c }}",
		   "6");
	expect_out("{% for a in [1, 2] %}{% for b in [3] %}{{ a * b }}{% endfor %}{% endfor %}", "36");
}

static void assignments(void **state)
{
	(void)state;
	expect_out("{% set a, b = 1, 2 %}{{ b }}{{ a }}", "21");
	expect_out("{% set t %}in {{ name }}{% endset %}[{{ t }}]", "[in world]");
	expect_out("{% set t | upper %}abc{% endset %}{{ t }}", "ABC");
	expect_out("{% with y = x + 1 %}{{ y }}{% endwith %}", "2");
	expect_out("{% filter upper %}hi {{ name }}{% endfilter %}", "HI WORLD");
}

static void macros(void **state)
{
	(void)state;
	expect_out("{% macro m(a, b='B') %}{{ a }}{{ b }}{% endmacro %}{{ m(1) }}{{ m(1, 2) }}{{ m(b=3, a=4) }}",
		   "1B1243");
	expect_out("{% macro box() %}[{{ caller() }}]{% endmacro %}{% call box() %}in{% endcall %}", "[in]");
	expect_out("{% macro m() %}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1, k=2) }}", "(1,){'k': 2}");
	expect_out("{% macro f(n) %}{% if n %}{{ n }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(3) }}", "321");
}

static void expressions(void **state)
{
	(void)state;
	expect_out("{{ 7 // 2 }} {{ -7 // 2 }} {{ -7 % 3 }} {{ 7 / 2 }} {{ 2 ** 10 }} {{ 1 + 1.5 }}", "3 -4 2 3.5 1024 2.5");
	expect_out("{{ 'ab' * 2 }} {{ 'a' ~ 1 ~ none }} {{ [1] + [2] }}", "abab a1None [1, 2]");
	expect_out("{{ 1 < 2 < 3 }} {{ 'a' in 'cat' }} {{ 4 not in items }} {{ x is odd }}", "True True True True");
	expect_out("{{ items[0] }} {{ items[-1] }} {{ items[1:] }} {{ name[::-1] }} {{ d.a }} {{ d['b'] }}",
		   "3 2 [1, 2] dlrow 1 2");
	expect_out("{{ 't%05d' % 42 }} {{ '%s-%s' % ('a', 'b') }} {{ '%.2f' % f }} {{ '{}:{:>3}'.format(1, 'x') }}",
		   "t00042 a-b 1.50 1:  x");
	expect_out("{{ name.upper() }} {{ 'a,b'.split(',') }} {{ d.get('zz', 0) }} {{ items.index(1) }}",
		   "WORLD ['a', 'b'] 0 1");
}

static void filters(void **state)
{
	(void)state;
	expect_out("{{ nope|default('d') }} {{ ''|default('e', true) }} {{ items|join(',') }} {{ items|sort }}",
		   "d e 3,1,2 [1, 2, 3]");
	expect_out("{{ items|first }} {{ items|last }} {{ items|length }} {{ items|min }} {{ items|max }} {{ items|sum }}",
		   "3 2 3 1 3 6");
	expect_out("{{ ' a '|trim }} {{ 'aa'|replace('a', 'b', 1) }} {{ 'hello world'|title }} {{ 'x'|upper }}",
		   "a ba Hello World X");
	expect_out("{{ '42'|int + 1 }} {{ 'x'|int }} {{ '2.5'|float }} {{ 2.5|round }} {{ -3|abs }}", "43 0 2.5 2.0 3");
	expect_out("{{ d|tojson }} {{ '<a>'|tojson }} {{ 'a\\nb'|indent(2, true) }}",
		   "{\"a\": 1, \"b\": 2} \"\\u003ca\\u003e\"   a\n  b");
	expect_out("{{ items|map('string')|join('+') }} {{ range(5)|select('odd')|list }} {{ [1, 1, 2]|unique|list }}",
		   "3+1+2 [1, 3] [1, 2]");
	expect_out("{{ range(5)|batch(2)|list }} {{ 'foo bar baz qux quux'|truncate(9) }} {{ 'a b c'|wordcount }}",
		   "[[0, 1], [2, 3], [4]] foo... 3");
}

static void tests_(void **state)
{
	(void)state;
	expect_out("{{ x is defined }} {{ nope is undefined }} {{ n is none }} {{ x is number }} {{ 'a' is string }}",
		   "True True True True True");
	expect_out("{{ 9 is divisibleby 3 }} {{ items is sequence }} {{ d is mapping }} {{ x is eq 1 }} {{ 2 is in items }}",
		   "True True True True True");
}

static void undefined_errors(void **state)
{
	(void)state;
	expect_err("a\n  {{ nope }}", "template-undefined-variable", 2, 6, "'nope' is undefined");
	expect_err("{{ d.zz }}", "template-undefined-variable", 1, 4, "'dict object' has no attribute 'zz'");
	expect_err("{{ items[9] }}", "template-undefined-variable", 1, 4, "list object has no element 9");
	expect_err("{% if nope %}{% endif %}", "template-undefined-variable", 1, 7, "'nope' is undefined");
	expect_err("{{ nope + 1 }}", "template-undefined-variable", 0, 0, "'nope' is undefined");
	expect_err("{% for i in [1] %}{{ later }}{% endfor %}{% set later = 1 %}", "template-undefined-variable", 0, 0,
		   "'later' is undefined");
}

static void syntax_errors(void **state)
{
	(void)state;
	expect_err("{{ input:0 }}", "template-syntax", 1, 9, "expected token 'end of print statement', got ':'");
	expect_err("x\n${#arr[@]}", "template-syntax", 2, 2, "Missing end of comment tag");
	expect_err("{% frob %}", "template-syntax", 1, 4, "Encountered unknown tag 'frob'.");
	expect_err("{% for i in items %}", "template-syntax", 0, 0, "Unexpected end of template");
	expect_err("{{ x|frob }}", "template-syntax", 1, 4, "No filter named 'frob'.");
	expect_err("{{ x $ }}", "template-syntax", 1, 6, "unexpected char '$' at 5");
	expect_err("{% include 'a' %}", "template-unsupported", 1, 4, "'include' tag is not supported");
	expect_err("{{ 1 +", "template-syntax", 0, 0, "unexpected 'end of template'");
}

static void runtime_errors(void **state)
{
	(void)state;
	expect_err("{{ ''.__class__ }}", "template-unsafe", 1, 4, "access to attribute '__class__' of 'str' object is unsafe.");
	expect_err("{% for i in range(10**9) %}{% endfor %}", "template-runtime-error", 1, 13,
		   "OverflowError: Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).");
	expect_err("{{ 1 / 0 }}", "template-runtime-error", 1, 4, "ZeroDivisionError: division by zero");
	expect_err("{{ 1 + 'a' }}", "template-runtime-error", 1, 4, "unsupported operand type(s) for +: 'int' and 'str'");
	expect_err("{{ 2 ** 100 }}", "template-unsupported", 1, 4, "64-bit");
	expect_err("{{ [1]|append }}", "template-syntax", 0, 0, "No filter named 'append'.");
	expect_err("{{ items.append(4) }}", "template-unsupported", 0, 0, "'append' is not supported");
}

static void limits(void **state)
{
	(void)state;
	struct tmpl_limits lim = tmpl_limits_default();
	expect_err("{{ 'x' * 10**9 }}", "template-memory", 1, 4, "max_value");
	lim.max_iterations = 100;
	expect_err_lim("{% for i in range(50) %}{% for j in range(50) %}{% endfor %}{% endfor %}", &lim, "template-timeout",
		       0, 0, "max_iterations");
	lim = tmpl_limits_default();
	lim.max_output = 1000;
	expect_err_lim("{% for i in range(1000) %}xx{% endfor %}", &lim, "template-memory", 0, 0, "max_output");
	lim = tmpl_limits_default();
	lim.max_depth = 10;
	expect_err_lim("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", &lim, "template-runtime-error", 0, 0,
		       "max_depth");
	lim = tmpl_limits_default();
	lim.max_seconds = 1e-9;
	lim.clock_every = 1;
	expect_err_lim("{% for i in range(100000) %}{% endfor %}", &lim, "template-timeout", 0, 0, "max_seconds");
	lim = tmpl_limits_default();
	lim.max_memory = 1 << 20;
	expect_err_lim("{% set ns = namespace(l=[]) %}{% for i in range(100) %}{% set ns.l = ns.l + ['x' * 100000] %}"
		       "{% endfor %}", &lim, "template-memory", 0, 0, "MemoryError");
}

static void compile_once_render_twice(void **state)
{
	(void)state;
	const char *src = "{% for i in range(n) %}{{ i }}{% endfor %}";
	struct diag_list dl = { 0 };
	struct tmpl *t = tmpl_compile(src, strlen(src), &dl);
	assert_non_null(t);
	for (int n = 2; n <= 3; n++) {
		struct tv vars = tv_dict_new();
		tv_dict_set(vars, "n", 1, tv_int(n));
		struct buf out = BUF_INIT;
		assert_int_equal(tmpl_exec(t, &vars, NULL, &out, &dl), 0);
		assert_string_equal(buf_cstr(&out), n == 2 ? "01" : "012");
		buf_free(&out);
		tv_drop(vars);
	}
	struct buf out = BUF_INIT;
	assert_int_equal(tmpl_exec(t, NULL, NULL, &out, &dl), -1); /* n undefined */
	assert_string_equal(dl.v[0].rule, "template-undefined-variable");
	buf_free(&out);
	tmpl_free(t);
	diag_free(&dl);
}

static void invalid_utf8_is_refused(void **state)
{
	(void)state;
	expect_err("ok\n\xff", "template-syntax", 2, 1, "not valid UTF-8");
}

/* An iterator that yields `left` items, then fails without recording an
 * error (eval.h: such a failure is a MemoryError). */
struct failing_iter {
	struct tv_obj base;
	int left;
};

static void failing_iter_free(struct tv_obj *o)
{
	tv_free(o, sizeof(struct failing_iter));
}

static int failing_iter_next(struct rt *rt, const struct node *at, struct tv self, struct tv *out)
{
	(void)rt;
	(void)at;
	struct failing_iter *it = (struct failing_iter *)self.u.o;
	if (it->left == 0)
		return -1;
	it->left--;
	*out = tv_int(it->left);
	return 1;
}

static const struct rt_class failing_iter_class = {
	{ "failing_iter", NULL, failing_iter_free, NULL }, NULL, NULL, NULL, failing_iter_next,
};

/* rt_list (|list, reversed, slice) must not pass off the items before an
 * iterator error as the whole list. */
static void list_of_failing_iterator_fails(void **state)
{
	(void)state;
	struct rt rt;
	memset(&rt, 0, sizeof rt);
	rt.lim = tmpl_limits_default();
	struct failing_iter *it = tv_alloc(sizeof *it);
	assert_non_null(it);
	*it = (struct failing_iter){ { 1, &failing_iter_class.base }, 2 };
	struct tv obj = tv_obj_wrap(&it->base);
	struct tv l = rt_list(&rt, NULL, obj);
	assert_int_equal(l.kind, TV_OOM);
	assert_true(rt.failed);
	assert_string_equal(rt.rule, RULE_MEMORY);
	tv_drop(l);
	tv_drop(obj);
	buf_free(&rt.msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_and_variables),
		cmocka_unit_test(whitespace_control),
		cmocka_unit_test(conditions),
		cmocka_unit_test(loops),
		cmocka_unit_test(assignments),
		cmocka_unit_test(macros),
		cmocka_unit_test(expressions),
		cmocka_unit_test(filters),
		cmocka_unit_test(tests_),
		cmocka_unit_test(undefined_errors),
		cmocka_unit_test(syntax_errors),
		cmocka_unit_test(runtime_errors),
		cmocka_unit_test(limits),
		cmocka_unit_test(compile_once_render_twice),
		cmocka_unit_test(invalid_utf8_is_refused),
		cmocka_unit_test(list_of_failing_iterator_fails),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
