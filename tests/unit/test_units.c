/* Unit tests for units, names and pychar: every example of
 * reference/osmo-validation-rules.md (rules #15-#63, sections 3.3-3.5 and
 * the OSMO unit tests it quotes), as tables of accepted and rejected
 * values with OSMO's messages. tests/unit/units_diff.py checks thousands
 * more values against OSMO's rules run in python3. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "names.h"
#include "pychar.h"
#include "units.h"

/* A value as written in YAML: "..." is a quoted scalar, anything else plain. */
static bool style(const char **s, size_t *n)
{
	*n = strlen(*s);
	if (*n >= 2 && (*s)[0] == '"' && (*s)[*n - 1] == '"') {
		(*s)++;
		*n -= 2;
		return false;
	}
	return true;
}

/* want: NULL = accepted; else a substring of the message. */
static void expect(const char *what, const char *in, int rc, const struct units_err *e, const char *want)
{
	if (!want && rc != 0)
		fail_msg("%s '%s': rejected (%s), want accepted", what, in, e->msg);
	if (want && rc == 0)
		fail_msg("%s '%s': accepted, want '%s'", what, in, want);
	if (want && !strstr(e->msg, want))
		fail_msg("%s '%s': message '%s' lacks '%s'", what, in, e->msg, want);
}

#define DUR "Cannot recognize duration"

static void durations(void **state)
{
	(void)state;
	static const struct { const char *in; double sec; const char *err; } t[] = {
		{ "2d", 172800, NULL }, { "3h", 10800, NULL }, { "5m", 300, NULL }, { "10s", 10, NULL },
		{ "250ms", 0.25, NULL }, { "750us", 0.00075, NULL }, { "PT10S", 10, NULL },
		{ "PT1H30M15S", 5415, NULL }, { "P2DT3H", 183600, NULL }, { "P1DT", 86400, NULL },
		{ "PT1H", 3600, NULL }, { "PT1.5S", 1.5, NULL }, { "+5m", 300, NULL }, { "\" 5m\"", 300, NULL },
		{ "5 m", 300, NULL }, { "5_0s", 50, NULL }, { "-5m", -300, NULL }, { "30", 30, NULL },
		{ "1.5", 1.5, NULL }, { "true", 1, NULL }, { "false", 0, NULL }, { "0s", 0, NULL },
		{ "\"\xd9\xa3m\"", 180, NULL },   /* Arabic-Indic 3: Python's int() takes it */
		{ "P", 0, DUR }, { "PXYZ", 0, DUR }, { "abc", 0, DUR }, { "5x", 0, DUR }, { "PT", 0, DUR },
		{ "P1W", 0, DUR }, { "P1M", 0, DUR }, { "pt1h", 0, DUR }, { "PT1.5M", 0, DUR },
		{ "1.5h", 0, DUR }, { "1h30m", 0, DUR }, { "10M", 0, DUR }, { "1H", 0, DUR },
		{ "\"5m \"", 0, DUR }, { "\"3600\"", 0, DUR }, { "not-a-duration", 0, DUR }, { "ms", 0, DUR },
		{ "\"\"", 0, DUR }, { "2024-01-01", 0, DUR }, { "1000000000d", 0, "out of range" },
		{ ".nan", 0, "NaN" },
	};
	for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
		const char *s = t[k].in;
		size_t n;
		bool plain = style(&s, &n), unset;
		double sec = -1;
		struct units_err e;
		int rc = units_duration(s, n, plain, UNITS_DUR_TIMEOUT, &sec, &unset, &e);
		expect("duration", t[k].in, rc, &e, t[k].err);
		if (rc == 0 && fabs(sec - t[k].sec) > 1e-9)
			fail_msg("duration '%s': %g s, want %g", t[k].in, sec, t[k].sec);
	}
	struct units_err e;
	double sec;
	bool unset;
	assert_int_equal(units_duration("~", 1, true, UNITS_DUR_TIMEOUT, &sec, &unset, &e), 0);
	assert_true(unset);
	assert_int_equal(units_duration("true", 4, true, UNITS_DUR_FREQUENCY, &sec, &unset, &e), -1);
	assert_string_equal(e.msg, "Checkpoint frequency must be a duration, not a boolean");
	assert_int_equal(units_duration("30s", 3, true, UNITS_DUR_FREQUENCY, &sec, &unset, &e), 0);
	assert_int_equal(units_duration_str("1h30m", 5, &sec, &e), -1);
	assert_string_equal(e.msg, "Cannot recognize duration: 1h30m. Only support ISO 8601 (e.g. PT10S) "
			    "or xd, xh, xm, xs, xms, xus");
}

static void quantities(void **state)
{
	(void)state;
	static const struct { const char *in; double bytes; const char *err; } t[] = {
		{ "10Gi", 10737418240.0, NULL }, { "32G", 34359738368.0, NULL }, { "1.5Ti", 1649267441664.0, NULL },
		{ "1000", 1000, NULL }, { "0", 0, NULL }, { "1073741824", 1073741824.0, NULL },
		{ "512Mi", 536870912.0, NULL }, { "1KiB", 1024, NULL }, { "2B", 2, NULL }, { "1024m", 1, NULL },
		{ "1.5", 1.5, NULL }, { "1.0e+3", 1000, NULL }, { "0x10", 16, NULL }, { "\"10\"", 10, NULL },
		{ "\"\xd9\xa3Gi\"", 3221225472.0, NULL },
		{ "10 Gi", 0, "Resource memory field has invalid value 10 Gi" },
		{ "-1Gi", 0, "invalid value -1Gi" }, { "+1Gi", 0, "invalid value" }, { ".5Gi", 0, "invalid value" },
		{ "5.Gi", 0, "invalid value" }, { "1e3", 0, "invalid value 1e3" }, { "\"\"", 0, "invalid value" },
		{ "10Gi ", 0, "invalid value" }, { "1.0e+16", 0, "invalid value 1e+16" },
		{ "10GB", 0, "Resource memory field has invalid unit: GB" }, { "10k", 0, "invalid unit: k" },
		{ "10Gib", 0, "invalid unit: Gib" }, { "10gi", 0, "invalid unit: gi" },
		{ "true", 0, "Input should be a valid string" }, { "2024-01-01", 0, "valid string" },
	};
	for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
		const char *s = t[k].in;
		size_t n;
		bool plain = style(&s, &n), unset;
		double bytes = -1;
		struct units_err e;
		int rc = units_quantity(s, n, plain, "memory", &bytes, &unset, &e);
		expect("memory", t[k].in, rc, &e, t[k].err);
		if (rc == 0 && bytes != t[k].bytes)
			fail_msg("memory '%s': %.17g bytes, want %.17g", t[k].in, bytes, t[k].bytes);
	}
	struct units_err e;
	double bytes;
	bool unset;
	assert_int_equal(units_quantity("10GB", 4, true, "storage", &bytes, &unset, &e), -1);
	assert_string_equal(e.msg, "Resource storage field has invalid unit: GB");
	assert_int_equal(e.off, 2);
	assert_int_equal(e.end, 4);
	assert_non_null(strstr(e.hint, "use Gi"));
	assert_int_equal(units_quantity("~", 1, true, "storage", &bytes, &unset, &e), 0);
	assert_true(unset);
	static const struct { const char *u, *s; } sug[] = {
		{ "GB", "Gi" }, { "gb", "Gi" }, { "g", "Gi" }, { "Gib", "Gi" }, { "k", "Ki" }, { "KB", "Ki" },
		{ "mb", "Mi" }, { "m", "Mi" }, { "TB", "Ti" }, { "PB", NULL }, { "Gx", NULL }, { "", NULL },
	};
	for (size_t k = 0; k < sizeof sug / sizeof sug[0]; k++) {
		const char *got = units_unit_suggestion(sug[k].u, strlen(sug[k].u));
		if (!sug[k].s)
			assert_null(got);
		else
			assert_string_equal(got, sug[k].s);
	}
}

static void cache_sizes(void **state)
{
	(void)state;
	static const struct { const char *in; double v; bool pct; const char *err; } t[] = {
		{ "50%", 50, true, NULL }, { "100.9%", 100, true, NULL }, { "0%", 0, true, NULL },
		{ "4Gi", 4294967296.0, false, NULL }, { "\" 50 %\"", 50, true, NULL },
		{ "150%", 0, true, "Cache size must be between 0-100 percent: 150%" },
		{ "-0.5%", 0, true, "between 0-100" }, { "half%", 0, true, "Improperly formatted cache size: half%" },
		{ "%", 0, true, "Improperly formatted" }, { "nan%", 0, true, "Improperly formatted" },
		{ "4GB", 0, false, "Resource cache field has invalid unit: GB" },
		{ "4 Gi", 0, false, "Resource cache field has invalid value 4 Gi" },
	};
	for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
		const char *s = t[k].in;
		size_t n;
		bool plain = style(&s, &n), pct, unset;
		double v = -1;
		struct units_err e;
		int rc = units_cache_size(s, n, plain, &v, &pct, &unset, &e);
		expect("cacheSize", t[k].in, rc, &e, t[k].err);
		if (rc == 0 && (v != t[k].v || pct != t[k].pct))
			fail_msg("cacheSize '%s': %g%s", t[k].in, v, pct ? "%" : "");
	}
	double v;
	bool pct, unset;
	struct units_err e;
	assert_int_equal(units_cache_size("", 0, false, &v, &pct, &unset, &e), 0);
	assert_true(unset);
}

static void lax_ints(void **state)
{
	(void)state;
	static const struct { const char *in; long long v; const char *err; } t[] = {
		{ "2", 2, NULL }, { "2.0", 2, NULL }, { "\"2\"", 2, NULL }, { "\" 3 \"", 3, NULL },
		{ "\"1_000\"", 1000, NULL }, { "true", 1, NULL }, { "false", 0, NULL }, { "-3", -3, NULL },
		{ "0", 0, NULL }, { "0x10", 16, NULL }, { "\"2.00\"", 2, NULL }, { "\"+5\"", 5, NULL },
		{ "\"\xc2\xa0" "4\"", 4, NULL },
		{ "0.5", 0, "got a number with a fractional part" },
		{ "\"1e3\"", 0, "unable to parse string as an integer" }, { "\"0x10\"", 0, "unable to parse string" },
		{ "\"2.\"", 0, "unable to parse" }, { "\"1__0\"", 0, "unable to parse" }, { "\"\xd9\xa3\"", 0, "unable" },
		{ "\"\"", 0, "unable to parse" }, { "\"yes\"", 0, "unable to parse" }, { ".inf", 0, "finite number" },
		{ "1.0e+19", 0, "exceeded maximum size" }, { "2024-01-01", 0, "Input should be a valid integer" },
	};
	for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
		const char *s = t[k].in;
		size_t n;
		bool plain = style(&s, &n), big, unset;
		int64_t v = -99;
		struct units_err e;
		int rc = units_lax_int(s, n, plain, &v, &big, &unset, &e);
		expect("cpu", t[k].in, rc, &e, t[k].err);
		if (rc == 0 && v != t[k].v)
			fail_msg("cpu '%s': %lld, want %lld", t[k].in, (long long)v, t[k].v);
	}
	int64_t v;
	bool big, unset;
	struct units_err e;
	assert_int_equal(units_lax_int("99999999999999999999", 20, true, &v, &big, &unset, &e), 0);
	assert_true(big);
	assert_int_equal(units_lax_int("~", 1, true, &v, &big, &unset, &e), 0);
	assert_true(unset);
}

static void lax_bools(void **state)
{
	(void)state;
	static const struct { const char *in; int v; } t[] = {
		{ "true", 1 }, { "false", 0 }, { "yes", 1 }, { "off", 0 }, { "\"yes\"", 1 }, { "\"no\"", 0 },
		{ "\"on\"", 1 }, { "\"OFF\"", 0 }, { "\"y\"", 1 }, { "\"N\"", 0 }, { "\"t\"", 1 }, { "\"F\"", 0 },
		{ "\"1\"", 1 }, { "\"0\"", 0 }, { "1", 1 }, { "0", 0 }, { "1.0", 1 }, { "\"tRuE\"", 1 },
		{ "2", -1 }, { "\"maybe\"", -1 }, { "\" yes\"", -1 }, { "0.5", -1 }, { "~", -1 }, { "\"1.0\"", -1 },
	};
	for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
		const char *s = t[k].in;
		size_t n;
		bool plain = style(&s, &n), b = false;
		struct units_err e;
		int rc = units_lax_bool(s, n, plain, &b, &e);
		expect("lead", t[k].in, rc, &e, t[k].v < 0 ? "Input should be a valid boolean" : NULL);
		if (rc == 0 && b != (t[k].v == 1))
			fail_msg("lead '%s': %d", t[k].in, b);
	}
}

static void stringification(void **state)
{
	(void)state;
	static const struct { const char *in; const char *out; } t[] = {
		{ "true", "True" }, { "yes", "True" }, { "off", "False" }, { "42", "42" }, { "5", "5" },
		{ "0.5", "0.5" }, { "1e3", "1e3" }, { "1.0e+3", "1000.0" }, { "0x1F", "31" }, { "010", "8" },
		{ "1:30", "90" }, { ".inf", "inf" }, { "\"true\"", "true" }, { "hello", "hello" },
		{ "~", NULL }, { "2024-01-01", NULL }, { "", NULL },
	};
	for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
		const char *s = t[k].in;
		size_t n;
		bool plain = style(&s, &n);
		struct buf b = BUF_INIT;
		struct units_err e;
		int rc = units_dict_value(s, n, plain, &b, &e);
		expect("environment", t[k].in, rc, &e, t[k].out ? NULL : "Input should be a valid string");
		if (rc == 0)
			assert_string_equal(buf_cstr(&b), t[k].out);
		buf_free(&b);
	}
	struct buf b = BUF_INIT;
	struct units_err e;
	assert_int_equal(units_dict_key("~", 1, true, &b), 0);
	assert_string_equal(buf_cstr(&b), "None");
	buf_reset(&b);
	assert_int_equal(units_str_field("1.0", 3, true, true, &b, &e), 0);
	assert_string_equal(buf_cstr(&b), "1.0");
	assert_int_equal(units_str_field("5", 1, true, false, &b, &e), -1);
	assert_int_equal(units_str_field("on", 2, true, true, &b, &e), -1);
	assert_non_null(strstr(e.hint, "boolean"));
	buf_free(&b);
}

static void exit_actions(void **state)
{
	(void)state;
	static const struct { const char *key; bool ok; } keys[] = {
		{ "COMPLETE", true }, { "FAIL", true }, { "RESCHEDULE", true }, { "complete", true },
		{ "Fail", true }, { "fa\xc4\xb1l", true }, /* dotless i: Python's upper() gives I */
		{ "not_a_real_action", false }, { "NOT_AN_ACTION", false }, { "COMPLETED", false }, { "1", false },
	};
	struct units_err e;
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
		int rc = units_exit_action_key(keys[k].key, strlen(keys[k].key), true, "t", &e);
		expect("exit action", keys[k].key, rc, &e, keys[k].ok ? NULL : "Invalid exit action");
	}
	assert_int_equal(units_exit_action_key("NOPE", 4, true, "train", &e), -1);
	assert_string_equal(e.msg, "Invalid exit action NOPE for task train.");
	static const struct { const char *in; bool ok; } codes[] = {
		{ "0", true }, { "1-3,5", true }, { "0,1-5,10", true }, { "15", true }, { "1-255", true },
		{ "1-23-4", true }, { "0x0F", true }, { "\"3-1\"", true }, { "256", true },
		{ "not-numeric", false }, { "1, 2", false }, { "1,", false }, { ",1", false }, { "1--2", false },
		{ "-1", false }, { "1-2-3", false }, { "1,2-3-4", false }, { "true", false }, { "1.5", false },
		{ "\"\"", false },
	};
	for (size_t k = 0; k < sizeof codes / sizeof codes[0]; k++) {
		const char *s = codes[k].in;
		size_t n;
		bool plain = style(&s, &n);
		int rc = units_exit_codes(s, n, plain, "FAIL", "t", &e);
		expect("exit codes", codes[k].in, rc, &e, codes[k].ok ? NULL : "Invalid exit codes");
	}
	assert_int_equal(units_exit_codes("~", 1, true, "FAIL", "t", &e), -1);
	assert_string_equal(e.msg, "Input should be a valid string");
	assert_int_equal(units_exit_codes("1, 2", 4, true, "FAIL", "t", &e), -1);
	assert_string_equal(e.msg, "Invalid exit codes 1, 2 for action FAIL for task t.");
	assert_int_equal(e.off, 2);
	assert_int_equal(units_exit_codes("true", 4, true, "COMPLETE", "t", &e), -1);
	assert_string_equal(e.msg, "Invalid exit codes True for action COMPLETE for task t.");
}

static void download_and_topology(void **state)
{
	(void)state;
	struct units_err e;
	assert_int_equal(units_download_type("download", 8, true, "t", &e), 0);
	assert_int_equal(units_download_type("~", 1, true, "t", &e), 0);
	assert_int_equal(units_download_type("not-a-real-type", 15, true, "t", &e), -1);
	assert_string_equal(e.msg, "Task \"t\" uses invalid downloadType \"not-a-real-type\". Valid types are: ['download']");
	assert_int_equal(units_download_type("42", 2, true, "t", &e), -1);
	assert_string_equal(e.msg, "Task \"t\" has unsupported downloadType type: int");
	assert_int_equal(units_download_type("Download", 8, true, "t", &e), -1);
	assert_int_equal(units_requirement_type("required", 8, true, &e), 0);
	assert_int_equal(units_requirement_type("preferred", 9, false, &e), 0);
	assert_int_equal(units_requirement_type("Required", 8, true, &e), -1);
	assert_string_equal(e.msg, "Input should be 'required' or 'preferred'");
	assert_int_equal(units_requirement_type("yes", 3, true, &e), -1);
}

struct strcase {
	const char *in;
	const char *err;   /* NULL: accepted; else a substring of the message */
};

static void run_strings(const char *what, int (*fn)(const char *, size_t, struct units_err *),
			const struct strcase *t, size_t count)
{
	for (size_t k = 0; k < count; k++) {
		struct units_err e;
		expect(what, t[k].in, fn(t[k].in, strlen(t[k].in), &e), &e, t[k].err);
	}
}

#define RUN(what, fn, table) run_strings(what, fn, table, sizeof table / sizeof table[0])
#define PAT "String should match pattern"

static void names_and_paths(void **state)
{
	(void)state;
	static const struct strcase name[] = {
		{ "a", NULL }, { "train", NULL }, { "Train-1", NULL }, { "a_b", NULL }, { "A9", NULL },
		{ "1a", PAT }, { "-a", PAT }, { "a-", PAT }, { "a_", PAT }, { "a b", PAT }, { "a.b", PAT },
		{ "\xc3\xa9", PAT }, { "", PAT }, { "{{name}}", PAT },
	};
	RUN("name", names_name, name);
	static const struct strcase task[] = {
		{ "train", NULL }, { "osmo-ctrlx", NULL }, { "osmo-ctrl", "cannot be named \"osmo-ctrl\"" },
		{ "osmo_ctrl", "restricted" }, { "OSMO_ctrl", "restricted" },
		{ "osmo-ctrl------------------------------------------------------xxxxxxx", "restricted" },
	};
	RUN("task name", names_task_name, task);
	static const struct strcase path[] = {
		{ "/osmo/data/output/result.json", NULL }, { "/etc/myfile", NULL }, { "rel/x", NULL },
		{ "/osmo2/x", NULL }, { "", "Empty path or adding file to \"/osmo\" is forbidden for file: " },
		{ "///", "forbidden" }, { "/osmo/foo", "forbidden for file: /osmo/foo" }, { "osmo/x", "forbidden" },
		{ "//osmo//x", "forbidden" }, { "/osmo/data/output", "forbidden" },
	};
	RUN("file path", names_file_path, path);
	static const struct strcase mount[] = {
		{ "/host", NULL }, { "/host:/container", NULL }, { "/host:", "Invalid task volume mount: /host:." },
		{ "/host:/container:extra", "Invalid task volume mount" }, { "/opt:/home/foo:/bad_mount", "Invalid" },
		{ "/data:/data:ro", "Invalid" },
	};
	RUN("volume mount", names_volume_mount, mount);
	struct buf b = BUF_INIT;
	names_normalize("Group_1", 7, &b);
	assert_string_equal(buf_cstr(&b), "group-1");
	buf_free(&b);
	size_t colon;
	struct units_err e;
	assert_int_equal(names_input_task("wf123:task1", 11, &colon, &e), 0);
	assert_int_equal(colon, 5);
	assert_int_equal(names_input_task("task1", 5, &colon, &e), 0);
	assert_int_equal(colon, 5);
	assert_int_equal(names_input_task("t:", 2, &colon, &e), -1);
	assert_int_equal(names_input_task("a:b:c", 5, &colon, &e), -1);
	assert_int_equal(e.off, 3);
	assert_int_equal(names_input_task("!!!bad-name", 11, &colon, &e), -1);
	assert_non_null(strstr(e.msg, "(?P<workflow_id_or_task>"));
	assert_int_equal(names_name("Train_", 6, &e), -1);
	assert_int_equal(e.off, 5);
	assert_non_null(strstr(e.hint, "end with"));
}

static int image_only(const char *s, size_t n, struct units_err *e)
{
	return names_image(s, n, NULL, e);
}

static void images(void **state)
{
	(void)state;
	static const struct strcase t[] = {
		{ "ubuntu", NULL }, { "library/ubuntu", NULL }, { "ubuntu:22.04", NULL }, { "ubuntuuuu", NULL },
		{ "localhost/img", NULL }, { "localhost:5000/img:v1", NULL }, { "nvcr.io/nvidia/pytorch:24.01-py3", NULL },
		{ "my.registry.example.com/team/img", NULL }, { "10.0.0.1/img", NULL }, { "10.0.0.1:5000/a/b:c", NULL },
		{ "docker:5000/img", NULL }, { "gcr.io/p/img@sha256:0123456789abcdef", NULL },
		{ "ubuntu:tag@sha256:ABCDEF", NULL }, { "a_b", NULL }, { "a__b.c-d", NULL }, { "x:_tag", NULL },
		{ "Ubuntu", "Could not parse docker image Ubuntu. Please provide a valid image." },
		{ "", "Could not parse docker image" }, { "docker/IMG", "Could not parse" }, { "a/", "Could not" },
		{ "/a", "Could not" }, { "a-", "Could not" }, { "x:-tag", "Could not" }, { "ubuntu@sha256:", "Could not" },
		{ "host:123456/x", "Could not" }, { "a b", "Could not" }, { "{{image}}", "Could not" },
		{ "nvcr.io/nvidia/pytorch:{{tag}}", "Could not" },
	};
	RUN("image", image_only, t);
}

static void image_parts(void **state)
{
	(void)state;
	struct names_image im;
	struct units_err e;
	const char *s = "my.reg.io:443/team/img:v1.0@sha256:abc";
	assert_int_equal(names_image(s, strlen(s), &im, &e), 0);
	assert_int_equal(im.host_len, 9);
	assert_memory_equal(s + im.port, "443", 3);
	assert_int_equal(im.port_len, 3);
	assert_memory_equal(s + im.name, "team/img", 8);
	assert_int_equal(im.name_len, 8);
	assert_memory_equal(s + im.tag, "v1.0", 4);
	assert_memory_equal(s + im.digest, "sha256:abc", 10);
	assert_int_equal(names_image("Ubuntu", 6, &im, &e), -1);
	assert_int_equal(e.off, 0);
	assert_non_null(strstr(e.hint, "lowercase"));
}

static void urls_and_labels(void **state)
{
	(void)state;
	static const struct strcase ckpt[] = {
		{ "s3://bucket", NULL }, { "s3://bucket/path/", NULL }, { "gs://b/p", NULL }, { "tos://h/b", NULL },
		{ "azure://a/c", NULL }, { "swift://h/ns/c", NULL }, { "s3://b/{{output}}", NULL },
		{ "tos://h", PAT }, { "azure://a", PAT }, { "swift://h/ns", PAT }, { "S3://b", PAT },
		{ "https://x/y", PAT }, { "s3://", PAT }, { "s3://a,b", PAT }, { "s3://a//b", PAT },
	};
	RUN("checkpoint url", names_checkpoint_url, ckpt);
	static const struct strcase data[] = {
		{ "s3://bucket/data/", NULL }, { "gs://b", NULL }, { "azure://a/c", NULL },
		{ "https://x", "Unknown URI scheme: https" }, { "bucket/path", "Unknown URI scheme: " },
		{ "S3://bucket", "Incorrectly formatted S3 URI: S3://bucket" },
		{ " s3://b", "Incorrectly formatted S3 URI" }, { "tos://h", "Incorrectly formatted TOS URI: tos://h" },
		{ "swift://h/n", "Incorrectly formatted Swift URI" }, { "Azure://a", "Incorrectly formatted Azure URI" },
		{ "gs://a*b", "Incorrectly formatted GS URI" },
	};
	RUN("data url", names_data_url, data);
	static const struct strcase key[] = {
		{ "PPP", NULL }, { "example.com/experiment", NULL }, { "osmo.workflow_uuid", NULL },
		{ "a.b-c.d/n_1.x", NULL }, { "", "has an invalid name segment" },
		{ "/name", "has an invalid DNS prefix" }, { "UPPER.example.com/name", "invalid DNS prefix" },
		{ "example.com/", "invalid name segment" }, { "-name", "invalid name segment" },
		{ "bad/key/nested", "Workflow label key \"bad/key/nested\" is not a valid Kubernetes label key." },
		{ "b./n", "invalid DNS prefix" },
	};
	RUN("label key", names_label_key, key);
	static const struct strcase value[] = {
		{ "v", NULL }, { "a.b_c-d", NULL }, { "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", NULL },
		{ "", "Workflow label value \"\" is not a valid non-empty Kubernetes label value." },
		{ "-value", "not a valid" }, { "value/", "not a valid" }, { "run=42", "not a valid" },
		{ "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "not a valid" },
	};
	RUN("label value", names_label_value, value);
}

static void pychar_facts(void **state)
{
	(void)state;
	int64_t v;
	bool big;
	char digits[32];
	assert_int_equal(pychar_int(" +1_000 ", 8, &v, &big, digits, sizeof digits), 0);
	assert_true(v == 1000 && !big);
	assert_string_equal(digits, "1000");
	assert_int_equal(pychar_int("\xd9\xa3\xd9\xa4", 4, &v, &big, NULL, 0), 0);   /* Arabic-Indic 34 */
	assert_true(v == 34);
	assert_int_equal(pychar_int("1__0", 4, &v, &big, NULL, 0), -1);
	assert_int_equal(pychar_int("_1", 2, &v, &big, NULL, 0), -1);
	assert_int_equal(pychar_int("", 0, &v, &big, NULL, 0), -1);
	assert_int_equal(pychar_int("-99999999999999999999", 21, &v, &big, NULL, 0), 0);
	assert_true(big && v == INT64_MIN);
	double d;
	assert_int_equal(pychar_float(" 1_0.5e1 ", 9, &d), 0);
	assert_true(d == 105);
	assert_int_equal(pychar_float("-Infinity", 9, &d), 0);
	assert_true(isinf(d) && d < 0);
	assert_int_equal(pychar_float("0x10", 4, &d), -1);
	assert_int_equal(pychar_float("1._5", 4, &d), -1);
	assert_true(pychar_isspace(0x1C) && !pychar_rust_isspace(0x1C));
	assert_int_equal(pychar_digit(0xFF19), 9);   /* fullwidth 9 */
	assert_int_equal(pychar_digit(0x1D7CE), 0);  /* mathematical bold 0 */
	assert_int_equal(pychar_digit('a'), -1);
	assert_int_equal(pychar_count("\xc3\xa9x", 3), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(durations),
		cmocka_unit_test(quantities),
		cmocka_unit_test(cache_sizes),
		cmocka_unit_test(lax_ints),
		cmocka_unit_test(lax_bools),
		cmocka_unit_test(stringification),
		cmocka_unit_test(exit_actions),
		cmocka_unit_test(download_and_topology),
		cmocka_unit_test(names_and_paths),
		cmocka_unit_test(images),
		cmocka_unit_test(image_parts),
		cmocka_unit_test(urls_and_labels),
		cmocka_unit_test(pychar_facts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
