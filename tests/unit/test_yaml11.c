/* Unit tests for yaml11: PyYAML (YAML 1.1) scalar resolution and str().
 * Expected values were taken from python3 yaml.safe_load (PyYAML 6.0);
 * tests/unit/yaml11_diff.sh re-checks a larger set against python live. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "yaml11.h"

struct case_ {
	const char *in;
	enum y11_type type;
	const char *str;   /* Python str() of the value, or NULL: construction raises */
};

static const struct case_ cases[] = {
	/* null */
	{ "", Y11_NULL, "None" }, { "~", Y11_NULL, "None" }, { "null", Y11_NULL, "None" },
	{ "Null", Y11_NULL, "None" }, { "NULL", Y11_NULL, "None" }, { "nULL", Y11_STR, "nULL" },
	/* bool */
	{ "yes", Y11_BOOL, "True" }, { "Yes", Y11_BOOL, "True" }, { "YES", Y11_BOOL, "True" },
	{ "no", Y11_BOOL, "False" }, { "No", Y11_BOOL, "False" }, { "NO", Y11_BOOL, "False" },
	{ "true", Y11_BOOL, "True" }, { "True", Y11_BOOL, "True" }, { "TRUE", Y11_BOOL, "True" },
	{ "false", Y11_BOOL, "False" }, { "False", Y11_BOOL, "False" }, { "FALSE", Y11_BOOL, "False" },
	{ "on", Y11_BOOL, "True" }, { "On", Y11_BOOL, "True" }, { "ON", Y11_BOOL, "True" },
	{ "off", Y11_BOOL, "False" }, { "Off", Y11_BOOL, "False" }, { "OFF", Y11_BOOL, "False" },
	{ "y", Y11_STR, "y" }, { "n", Y11_STR, "n" }, { "yES", Y11_STR, "yES" }, { "oN", Y11_STR, "oN" },
	/* int */
	{ "0", Y11_INT, "0" }, { "-0", Y11_INT, "0" }, { "+5", Y11_INT, "5" }, { "010", Y11_INT, "8" },
	{ "+010", Y11_INT, "8" }, { "08", Y11_STR, "08" }, { "0_", Y11_INT, "0" }, { "0x1F", Y11_INT, "31" },
	{ "0x_1f", Y11_INT, "31" }, { "-0x10", Y11_INT, "-16" }, { "0b101", Y11_INT, "5" },
	{ "-0b1", Y11_INT, "-1" }, { "0o17", Y11_STR, "0o17" }, { "1_000", Y11_INT, "1000" },
	{ "1__2", Y11_INT, "12" }, { "1_", Y11_INT, "1" }, { "_1", Y11_STR, "_1" }, { "-_1", Y11_STR, "-_1" },
	{ "1:30", Y11_INT, "90" }, { "1:7", Y11_INT, "67" }, { "190:20:30", Y11_INT, "685230" },
	{ "1:60", Y11_STR, "1:60" }, { "0:30", Y11_STR, "0:30" }, { "-1:30", Y11_INT, "-90" },
	{ "1_0:30", Y11_INT, "630" }, { "+0b", Y11_STR, "+0b" },
	{ "9223372036854775807", Y11_INT, "9223372036854775807" },
	{ "9223372036854775808", Y11_INT, "9223372036854775808" },
	{ "-9223372036854775808", Y11_INT, "-9223372036854775808" },
	{ "-9223372036854775809", Y11_INT, "-9223372036854775809" },
	{ "0xffffffffffffffffffff", Y11_INT, "1208925819614629174706175" },
	{ "123456789012345678901234567890", Y11_INT, "123456789012345678901234567890" },
	{ "0b_", Y11_INT, NULL }, { "0x_", Y11_INT, NULL },
	/* float */
	{ "1.5", Y11_FLOAT, "1.5" }, { ".5", Y11_FLOAT, "0.5" }, { "-.5", Y11_STR, "-.5" },
	{ "1.", Y11_FLOAT, "1.0" }, { "1.__", Y11_FLOAT, "1.0" }, { "1e3", Y11_STR, "1e3" },
	{ "1.0e3", Y11_STR, "1.0e3" }, { "1.0e+3", Y11_FLOAT, "1000.0" }, { "1.0E-3", Y11_FLOAT, "0.001" },
	{ "1_000.5", Y11_FLOAT, "1000.5" }, { "1.5_5", Y11_FLOAT, "1.55" }, { "._5", Y11_STR, "._5" },
	{ ".inf", Y11_FLOAT, "inf" }, { "-.Inf", Y11_FLOAT, "-inf" }, { "+.INF", Y11_FLOAT, "inf" },
	{ ".nan", Y11_FLOAT, "nan" }, { ".NaN", Y11_FLOAT, "nan" }, { "-.nan", Y11_STR, "-.nan" },
	{ ".iNf", Y11_STR, ".iNf" }, { "0:30.5", Y11_FLOAT, "30.5" }, { "1:30.5", Y11_FLOAT, "90.5" },
	{ "1:30.5:1", Y11_STR, "1:30.5:1" }, { "1.0e+16", Y11_FLOAT, "1e+16" },
	{ "1.0e+15", Y11_FLOAT, "1000000000000000.0" }, { "0.0001", Y11_FLOAT, "0.0001" },
	{ "0.00001", Y11_FLOAT, "1e-05" }, { "-0.0", Y11_FLOAT, "-0.0" }, { "0.1", Y11_FLOAT, "0.1" },
	{ "1.0e+400", Y11_FLOAT, "inf" }, { "123456789.123456789", Y11_FLOAT, "123456789.12345679" },
	{ "2.5e-300", Y11_FLOAT, "2.5e-300" }, { "2.5E+300", Y11_FLOAT, "2.5e+300" },
	/* timestamp */
	{ "2024-01-01", Y11_TIMESTAMP, "2024-01-01" }, { "2024-1-1", Y11_STR, "2024-1-1" },
	{ "2001-1-1 1:00:00", Y11_TIMESTAMP, "2001-01-01 01:00:00" },
	{ "2001-12-14t21:59:43Z", Y11_TIMESTAMP, "2001-12-14 21:59:43+00:00" },
	{ "2001-12-14 21:59:43.10 -5", Y11_TIMESTAMP, "2001-12-14 21:59:43.100000-05:00" },
	{ "2001-12-14T21:59:43.1234567+05:30", Y11_TIMESTAMP, "2001-12-14 21:59:43.123456+05:30" },
	{ "2001-12-14 21:59:43 ", Y11_STR, "2001-12-14 21:59:43 " },
	{ "2001-12-14 21:59:43 +23:59", Y11_TIMESTAMP, "2001-12-14 21:59:43+23:59" },
	{ "2001-12-14 21:59:43 +24", Y11_TIMESTAMP, NULL },
	{ "2024-13-01", Y11_TIMESTAMP, NULL }, { "0000-01-01", Y11_TIMESTAMP, NULL },
	{ "2023-02-29", Y11_TIMESTAMP, NULL }, { "2024-02-29", Y11_TIMESTAMP, "2024-02-29" },
	{ "2024-01-01 24:00:00", Y11_TIMESTAMP, NULL },
	/* others */
	{ "<<", Y11_MERGE, NULL }, { "=", Y11_VALUE, NULL }, { "hello", Y11_STR, "hello" },
	{ "5m", Y11_STR, "5m" }, { "10Gi", Y11_STR, "10Gi" }, { "1-3", Y11_STR, "1-3" },
};

static void resolves_and_prints_like_pyyaml(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		const struct case_ *c = &cases[k];
		struct y11_value v;
		int rc = yaml11_construct(c->in, strlen(c->in), true, &v);
		if (v.type != c->type)
			fail_msg("'%s': type %s, want %s", c->in, yaml11_type_name(v.type),
				 yaml11_type_name(c->type));
		assert_int_equal(yaml11_resolve(c->in, strlen(c->in)), c->type);
		if (!c->str) {
			if (rc == 0)
				fail_msg("'%s': constructed, want an error", c->in);
			assert_true(v.error[0] != '\0');
			continue;
		}
		if (rc != 0)
			fail_msg("'%s': error %s", c->in, v.error);
		struct buf b = BUF_INIT;
		assert_int_equal(yaml11_pystr(c->in, strlen(c->in), &v, &b), 0);
		if (strcmp(buf_cstr(&b), c->str) != 0)
			fail_msg("'%s': str() '%s', want '%s'", c->in, buf_cstr(&b), c->str);
		buf_free(&b);
	}
}

static void quoted_is_always_str(void **state)
{
	(void)state;
	struct y11_value v;
	assert_int_equal(yaml11_construct("yes", 3, false, &v), 0);
	assert_int_equal(v.type, Y11_STR);
	assert_int_equal(yaml11_construct("", 0, false, &v), 0);
	assert_int_equal(v.type, Y11_STR);
	assert_string_equal(yaml11_python_type(&v), "str");
}

static void converters(void **state)
{
	(void)state;
	bool b;
	int64_t i;
	double d;
	assert_int_equal(yaml11_to_bool("Off", 3, &b), 0);
	assert_false(b);
	assert_int_equal(yaml11_to_bool("y", 1, &b), -1);
	assert_int_equal(yaml11_to_int("0x1F", 4, &i), 0);
	assert_int_equal(i, 31);
	assert_int_equal(yaml11_to_int("1:30", 4, &i), 0);
	assert_int_equal(i, 90);
	assert_int_equal(yaml11_to_int("99999999999999999999", 20, &i), -2);
	assert_true(i == INT64_MAX);
	assert_int_equal(yaml11_to_int("-99999999999999999999", 21, &i), -2);
	assert_true(i == INT64_MIN);
	assert_int_equal(yaml11_to_int("1.5", 3, &i), -1);
	assert_int_equal(yaml11_to_int("0b_", 3, &i), -1);
	assert_int_equal(yaml11_to_float("1:30.5", 6, &d), 0);
	assert_true(d == 90.5);
	assert_int_equal(yaml11_to_float("-.inf", 5, &d), 0);
	assert_true(isinf(d) && d < 0);
	assert_int_equal(yaml11_to_float("1e3", 3, &d), -1);
}

static void construct_errors_use_python_wording(void **state)
{
	(void)state;
	struct y11_value v;
	yaml11_construct("0b_", 3, true, &v);
	assert_string_equal(v.error, "invalid literal for int() with base 2: ''");
	yaml11_construct("2024-13-01", 10, true, &v);
	assert_string_equal(v.error, "month must be in 1..12");
	yaml11_construct("2023-02-29", 10, true, &v);
	assert_string_equal(v.error, "day is out of range for month");
	yaml11_construct("0000-01-01", 10, true, &v);
	assert_string_equal(v.error, "year 0 is out of range");
	yaml11_construct("=", 1, true, &v);
	assert_string_equal(v.error, "could not determine a constructor for the tag 'tag:yaml.org,2002:value'");
	const char *tz = "2001-12-14 21:59:43 +24";
	yaml11_construct(tz, strlen(tz), true, &v);
	assert_string_equal(v.error, "offset must be a timedelta strictly between -timedelta(hours=24) "
			    "and timedelta(hours=24), not datetime.timedelta(days=1).");
}

static void big_decimal_limit(void **state)
{
	(void)state;
	char s[4400];
	memset(s, '7', sizeof s);
	struct y11_value v;
	assert_int_equal(yaml11_construct(s, 4300, true, &v), 0);
	assert_true(v.i_overflow);
	struct buf b = BUF_INIT;
	assert_int_equal(yaml11_pystr(s, 4300, &v, &b), 0);
	assert_int_equal(b.len, 4300);
	assert_memory_equal(b.data, s, 4300);
	buf_free(&b);
	assert_int_equal(yaml11_construct(s, 4301, true, &v), -1);
	assert_non_null(strstr(v.error, "value has 4301 digits"));
}

static void float_repr_matches_python(void **state)
{
	(void)state;
	static const struct { double d; const char *s; } t[] = {
		{ 0.0, "0.0" }, { 1.0, "1.0" }, { 0.5, "0.5" }, { 1e16, "1e+16" },
		{ 1e15, "1000000000000000.0" }, { 1e-5, "1e-05" }, { 1.5e-5, "1.5e-05" },
		{ 0.0001, "0.0001" }, { 123.456, "123.456" }, { 1e22, "1e+22" },
		{ 5e-324, "5e-324" }, { 1.7976931348623157e308, "1.7976931348623157e+308" },
		{ 0.1 + 0.2, "0.30000000000000004" }, { -2.5, "-2.5" }, { 1234567890123456.0, "1234567890123456.0" },
		{ 12345678901234567.0, "1.2345678901234568e+16" },
	};
	for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
		char out[32];
		yaml11_float_repr(t[k].d, out);
		assert_string_equal(out, t[k].s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(resolves_and_prints_like_pyyaml),
		cmocka_unit_test(quoted_is_always_str),
		cmocka_unit_test(converters),
		cmocka_unit_test(construct_errors_use_python_wording),
		cmocka_unit_test(big_decimal_limit),
		cmocka_unit_test(float_repr_matches_python),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
