/* probe: line-oriented driver for the differential tests against python3.
 *
 *   probe MODE < cases
 *
 * Each input line is one value with C-style escapes (\\ \n \t \r \xHH);
 * each output line is the verdict for it, escaped the same way. The python
 * side (tests/unit/NAME_diff.py) computes the same verdicts with the library
 * OSMO relies on and compares line by line.
 *
 *   yaml11  TYPE<TAB>str()  or  TYPE<TAB>error
 *   pyre    ok  or  error<TAB>MESSAGE<TAB>POSITION
 *   the units/names checkers (see `modes` below): the line is "P<TAB>text"
 *   for a plain scalar or "Q<TAB>text" for a quoted one; the output is
 *   ok<TAB>VALUE or error<TAB>MESSAGE.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "escapes.h"
#include "names.h"
#include "pyre.h"
#include "tokens.h"
#include "units.h"
#include "yaml11.h"

static void put_escaped(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\\')
			fputs("\\\\", stdout);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c == '\r')
			fputs("\\r", stdout);
		else if (c < 0x20 || c == 0x7f)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
}

static void probe_yaml11(const char *s, size_t n)
{
	struct y11_value v;
	struct buf b = BUF_INIT;
	int rc = yaml11_construct(s, n, true, &v);
	printf("%s\t", yaml11_type_name(v.type));
	if (rc == 0 && yaml11_pystr(s, n, &v, &b) == 0)
		put_escaped(b.data ? b.data : "", b.len);
	else
		fputs("error", stdout);
	buf_free(&b);
}

static void probe_pyre(const char *s, size_t n)
{
	struct pyre_error e;
	if (pyre_check(s, n, &e) == 0) {
		fputs("ok", stdout);
		return;
	}
	fputs("error\t", stdout);
	put_escaped(e.msg, strlen(e.msg));
	if (e.pos == PYRE_NOPOS)
		fputs("\t-", stdout);
	else
		printf("\t%zu", e.pos);
}

/* ---- units and names: "P\ttext" or "Q\ttext" ---- */

static bool split_style(const char **s, size_t *n)
{
	bool plain = *n >= 2 && (*s)[0] == 'P';
	*s += 2;
	*n -= 2;
	return plain;
}

static void verdict(int rc, const struct units_err *e, const char *value)
{
	if (rc == 0)
		printf("ok\t%s", value);
	else {
		fputs("error\t", stdout);
		put_escaped(e->msg, strlen(e->msg));
	}
}

static void probe_duration(const char *s, size_t n)
{
	struct units_err e;
	double sec;
	bool unset;
	bool plain = split_style(&s, &n);
	int rc = units_duration(s, n, plain, UNITS_DUR_TIMEOUT, &sec, &unset, &e);
	char v[64];
	snprintf(v, sizeof v, unset ? "None" : "%.6f", sec);
	verdict(rc, &e, v);
}

static void probe_quantity(const char *s, size_t n)
{
	struct units_err e;
	double bytes;
	bool unset;
	bool plain = split_style(&s, &n);
	int rc = units_quantity(s, n, plain, "memory", &bytes, &unset, &e);
	char v[64];
	snprintf(v, sizeof v, unset ? "None" : "%.17g", bytes);
	verdict(rc, &e, v);
}

static void probe_lax_int(const char *s, size_t n)
{
	struct units_err e;
	int64_t i;
	bool big, unset;
	bool plain = split_style(&s, &n);
	int rc = units_lax_int(s, n, plain, &i, &big, &unset, &e);
	char v[64];
	snprintf(v, sizeof v, unset ? "None" : big ? "big" : "%lld", (long long)i);
	verdict(rc, &e, v);
}

static void probe_lax_bool(const char *s, size_t n)
{
	struct units_err e;
	bool b;
	bool plain = split_style(&s, &n);
	int rc = units_lax_bool(s, n, plain, &b, &e);
	verdict(rc, &e, b ? "True" : "False");
}

static void probe_stringified(const char *s, size_t n, int (*fn)(const char *, size_t, bool, struct buf *,
								struct units_err *))
{
	struct units_err e;
	struct buf b = BUF_INIT;
	bool plain = split_style(&s, &n);
	int rc = fn(s, n, plain, &b, &e);
	if (rc == 0) {
		fputs("ok\t", stdout);
		put_escaped(buf_cstr(&b), b.len);
	} else
		verdict(rc, &e, "");
	buf_free(&b);
}

static int str_field(const char *s, size_t n, bool plain, struct buf *b, struct units_err *e)
{
	return units_str_field(s, n, plain, true, b, e);
}

static void probe_dict_value(const char *s, size_t n) { probe_stringified(s, n, units_dict_value); }
static void probe_str_field(const char *s, size_t n) { probe_stringified(s, n, str_field); }

static void probe_exit_codes(const char *s, size_t n)
{
	struct units_err e;
	bool plain = split_style(&s, &n);
	verdict(units_exit_codes(s, n, plain, "FAIL", "t", &e), &e, "");
}

static void probe_cache(const char *s, size_t n)
{
	struct units_err e;
	double v;
	bool pct, unset;
	bool plain = split_style(&s, &n);
	int rc = units_cache_size(s, n, plain, &v, &pct, &unset, &e);
	char out[64];
	snprintf(out, sizeof out, unset ? "None" : pct ? "%.0f%%" : "%.17g", v);
	verdict(rc, &e, out);
}

/* the string checkers of names.h */
#define STRING_PROBE(fn) \
	static void probe_##fn(const char *s, size_t n) \
	{ \
		struct units_err e; \
		split_style(&s, &n); \
		verdict(names_##fn(s, n, &e), &e, ""); \
	}
STRING_PROBE(name)
STRING_PROBE(file_path)
STRING_PROBE(volume_mount)
STRING_PROBE(checkpoint_url)
STRING_PROBE(data_url)
STRING_PROBE(label_key)
STRING_PROBE(label_value)

static void probe_input_task(const char *s, size_t n)
{
	struct units_err e;
	size_t colon;
	split_style(&s, &n);
	verdict(names_input_task(s, n, &colon, &e), &e, "");
}

static void probe_image(const char *s, size_t n)
{
	struct units_err e;
	struct names_image im;
	split_style(&s, &n);
	int rc = names_image(s, n, &im, &e);
	char v[600];
	snprintf(v, sizeof v, "%.*s|%.*s|%.*s|%.*s|%.*s", (int)im.host_len, s + im.host, (int)im.port_len,
		 s + im.port, (int)im.name_len, s + im.name, (int)im.tag_len, s + im.tag,
		 (int)im.digest_len, s + im.digest);
	verdict(rc, &e, rc == 0 ? v : "");
}

/* shield: the shielded text, a tab, then NAME=VALUE pairs separated by tabs */
static void probe_shield(const char *s, size_t n)
{
	struct buf out = BUF_INIT;
	struct tokens_vars vars = { 0 };
	if (tokens_shield(s, n, &out, &vars) < 0) {
		fputs("error", stdout);
		return;
	}
	put_escaped(buf_cstr(&out), out.len);
	for (size_t k = 0; k < vars.n; k++) {
		printf("\t%s=", vars.v[k].name);
		put_escaped(vars.v[k].value, strlen(vars.v[k].value));
	}
	buf_free(&out);
	tokens_vars_free(&vars);
}

static void probe_templated(const char *s, size_t n)
{
	fputs(tokens_is_templated(s, n) ? "yes" : "no", stdout);
}

static const struct {
	const char *name;
	void (*run)(const char *s, size_t n);
} modes[] = {
	{ "shield", probe_shield },
	{ "templated", probe_templated },
	{ "yaml11", probe_yaml11 },
	{ "pyre", probe_pyre },
	{ "duration", probe_duration },
	{ "quantity", probe_quantity },
	{ "cache", probe_cache },
	{ "lax_int", probe_lax_int },
	{ "lax_bool", probe_lax_bool },
	{ "dict_value", probe_dict_value },
	{ "str_field", probe_str_field },
	{ "exit_codes", probe_exit_codes },
	{ "name", probe_name },
	{ "input_task", probe_input_task },
	{ "file_path", probe_file_path },
	{ "volume_mount", probe_volume_mount },
	{ "image", probe_image },
	{ "checkpoint_url", probe_checkpoint_url },
	{ "data_url", probe_data_url },
	{ "label_key", probe_label_key },
	{ "label_value", probe_label_value },
};

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: probe MODE < lines\n");
		return 2;
	}
	void (*run)(const char *, size_t) = NULL;
	for (size_t k = 0; k < sizeof modes / sizeof modes[0]; k++)
		if (strcmp(argv[1], modes[k].name) == 0)
			run = modes[k].run;
	if (!run) {
		fprintf(stderr, "probe: unknown mode %s\n", argv[1]);
		return 2;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, stdin)) >= 0) {
		if (len > 0 && line[len - 1] == '\n')
			len--;
		size_t n = escapes_undo(line, (size_t)len);
		run(line, n);
		putchar('\n');
	}
	free(line);
	return 0;
}
