/* Unit tests for the template engine's values: constructors, ownership,
 * containers, Python-exact printing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl/value.h"

static char *repr(struct tv v)
{
	struct buf b = BUF_INIT;
	tv_repr(v, &b);
	return buf_detach(&b);
}

static void expect_repr(struct tv v, const char *want)
{
	char *got = repr(v);
	assert_string_equal(got, want);
	free(got);
}

static void float_repr_is_shortest_round_trip(void **state)
{
	(void)state;
	static const struct {
		double f;
		const char *want;
	} cases[] = {
		{ 1.0, "1.0" }, { 0.1, "0.1" }, { 0.1 + 0.2, "0.30000000000000004" }, { 1e20, "1e+20" },
		{ 1e16, "1e+16" }, { 1e15, "1000000000000000.0" }, { 1.5e-7, "1.5e-07" }, { 0.0001, "0.0001" },
		{ 0.00001, "1e-05" }, { -0.0, "-0.0" }, { 2.5, "2.5" }, { 123456789.125, "123456789.125" },
		{ 1.0 / 3, "0.3333333333333333" }, { 5e-324, "5e-324" }, { 1.7976931348623157e308, "1.7976931348623157e+308" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		expect_repr(tv_float(cases[i].f), cases[i].want);
	expect_repr(tv_float(INFINITY), "inf");
	expect_repr(tv_float(-INFINITY), "-inf");
	expect_repr(tv_float(NAN), "nan");
}

static void scalars_print_like_python(void **state)
{
	(void)state;
	expect_repr(tv_none(), "None");
	expect_repr(tv_bool(true), "True");
	expect_repr(tv_bool(false), "False");
	expect_repr(tv_int(-42), "-42");
	expect_repr(tv_int(INT64_MIN), "-9223372036854775808");
}

static void strings_repr_with_pythons_quotes(void **state)
{
	(void)state;
	static const struct {
		const char *s, *want;
	} cases[] = {
		{ "plain", "'plain'" }, { "it's", "\"it's\"" }, { "say \"hi\"", "'say \"hi\"'" },
		{ "both ' \"", "'both \\' \"'" }, { "tab\there\n", "'tab\\there\\n'" }, { "back\\slash", "'back\\\\slash'" },
		{ "\x01\x7f", "'\\x01\\x7f'" }, { "caf\xc3\xa9", "'caf\xc3\xa9'" }, { "\xc2\xa0", "'\\xa0'" },
		{ "\xe2\x80\x8b", "'\\u200b'" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct tv s = tv_cstr(cases[i].s);
		expect_repr(s, cases[i].want);
		tv_drop(s);
	}
}

static void containers_build_and_print(void **state)
{
	(void)state;
	struct tv l = tv_list_new(0);
	for (int i = 0; i < 20; i++)
		assert_int_equal(tv_list_push(l, tv_int(i)), 0);
	assert_int_equal(tv_seq_len(l), 20);
	assert_int_equal(tv_seq_get(l, 19).u.i, 19);
	struct tv t = tv_tuple_new(1);
	tv_list_push(t, tv_cstr("a"));
	expect_repr(t, "('a',)");
	struct tv d = tv_dict_new();
	tv_dict_set(d, "b", 1, tv_int(1));
	tv_dict_set(d, "a", 1, t);
	tv_dict_set(d, "l", 1, tv_list_new(0));
	expect_repr(d, "{'b': 1, 'a': ('a',), 'l': []}");
	tv_dict_set(d, "b", 1, tv_none()); /* replacing keeps the position */
	expect_repr(d, "{'b': None, 'a': ('a',), 'l': []}");
	assert_int_equal(tv_dict_len(d), 3);
	assert_int_equal(tv_dict_get(d, "zz", 2).kind, TV_MISSING);
	tv_drop(l);
	tv_drop(d);
	struct tv r = tv_range_new(0, 10, 2);
	expect_repr(r, "range(0, 10, 2)");
	tv_drop(r);
}

static void dict_keys_compare_like_python(void **state)
{
	(void)state;
	struct tv d = tv_dict_new();
	tv_dict_set_v(d, tv_int(1), tv_cstr("int"));
	tv_dict_set_v(d, tv_float(1.0), tv_cstr("float"));
	tv_dict_set_v(d, tv_bool(true), tv_cstr("bool"));
	expect_repr(d, "{1: 'bool'}");
	struct tv lst = tv_list_new(0);
	assert_int_equal(tv_dict_set_v(d, lst, tv_none()), -2); /* unhashable */
	/* many keys: the hash index takes over */
	for (int i = 0; i < 1000; i++) {
		char k[16];
		int n = snprintf(k, sizeof k, "k%d", i);
		tv_dict_set(d, k, (size_t)n, tv_int(i));
	}
	assert_int_equal(tv_dict_get(d, "k777", 4).u.i, 777);
	assert_int_equal(tv_dict_len(d), 1001);
	tv_drop(d);
}

static void equality_follows_python(void **state)
{
	(void)state;
	assert_true(tv_equal(tv_int(1), tv_float(1.0)));
	assert_true(tv_equal(tv_bool(true), tv_int(1)));
	assert_false(tv_equal(tv_int(9007199254740993LL), tv_float(9007199254740992.0)));
	struct tv a = tv_cstr("x"), b = tv_cstr("x");
	assert_true(tv_equal(a, b));
	assert_false(tv_equal(a, tv_int(1)));
	struct tv l = tv_list_new(0), t = tv_tuple_new(0);
	assert_false(tv_equal(l, t));
	tv_drop(a);
	tv_drop(b);
	tv_drop(l);
	tv_drop(t);
}

static void refcounts_share_values(void **state)
{
	(void)state;
	struct tv s = tv_cstr("shared");
	struct tv l = tv_list_new(0);
	tv_list_push(l, tv_ref(s));
	tv_list_push(l, tv_ref(s));
	assert_int_equal(s.u.s->rc, 3);
	tv_drop(l);
	assert_int_equal(s.u.s->rc, 1);
	tv_drop(s);
}

static void memory_limit_gives_oom_values(void **state)
{
	(void)state;
	tv_mem_set_limit(tv_mem_used() + 1000);
	struct tv big = tv_str_alloc(5000);
	assert_int_equal(big.kind, TV_OOM);
	struct tv l = tv_list_new(0);
	assert_int_equal(l.kind, TV_LIST);
	assert_int_equal(tv_list_push(l, tv_str_alloc(5000)), -1);
	assert_true(l.u.seq->oom);
	tv_drop(l);
	tv_mem_set_limit(0);
	struct tv ok = tv_str_alloc(5000);
	assert_int_equal(ok.kind, TV_STR);
	tv_drop(ok);
}

static void undefined_messages_match_jinja(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	struct tv u = tv_undef_new(true, NULL, "x", NULL, false, false);
	tv_undef_message(u, &b);
	assert_string_equal(buf_cstr(&b), "'x' is undefined");
	tv_drop(u);
	buf_reset(&b);
	u = tv_undef_new(true, NULL, "y", "dict object", false, false);
	tv_undef_message(u, &b);
	assert_string_equal(buf_cstr(&b), "'dict object' has no attribute 'y'");
	tv_drop(u);
	buf_reset(&b);
	u = tv_undef_new(true, NULL, "10", "list object", true, false);
	tv_undef_message(u, &b);
	assert_string_equal(buf_cstr(&b), "list object has no element 10");
	expect_repr(u, "Undefined");
	tv_drop(u);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(float_repr_is_shortest_round_trip),
		cmocka_unit_test(scalars_print_like_python),
		cmocka_unit_test(strings_repr_with_pythons_quotes),
		cmocka_unit_test(containers_build_and_print),
		cmocka_unit_test(dict_keys_compare_like_python),
		cmocka_unit_test(equality_follows_python),
		cmocka_unit_test(refcounts_share_values),
		cmocka_unit_test(memory_limit_gives_oom_values),
		cmocka_unit_test(undefined_messages_match_jinja),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
