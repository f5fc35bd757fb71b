/* tmpl_run: render a template with osmo-tui's engine (test driver).
 *
 *   tmpl_run TEMPLATE [VARS.json]
 *
 * Writes the output to stdout and exits 0, or writes
 * "LINE:COL: RULE: MESSAGE" lines to stderr and exits 1. VARS.json holds a
 * JSON object (read by the small reader below, tests only) with the
 * variables; JSON ints become ints, other numbers floats, as Python's json.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl/tmpl.h"
#include "tmpl/ustr.h"

struct jr {
	const char *s;
	size_t len, i;
	int depth;
};

static void ws(struct jr *j)
{
	while (j->i < j->len && strchr(" \t\r\n", j->s[j->i]))
		j->i++;
}

static int hex4(struct jr *j, unsigned *out)
{
	if (j->len - j->i < 4)
		return -1;
	*out = 0;
	for (int k = 0; k < 4; k++) {
		char c = j->s[j->i++];
		*out <<= 4;
		if (c >= '0' && c <= '9')
			*out |= (unsigned)(c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			*out |= (unsigned)((c | 0x20) - 'a' + 10);
		else
			return -1;
	}
	return 0;
}

static int jstring(struct jr *j, struct buf *b)
{
	j->i++; /* opening quote */
	while (j->i < j->len && j->s[j->i] != '"') {
		char c = j->s[j->i++];
		if (c != '\\') {
			buf_putc(b, c);
			continue;
		}
		if (j->i >= j->len)
			return -1;
		char e = j->s[j->i++];
		const char *map = strchr("\"\"\\\\//b\bf\fn\nr\rt\t", e);
		if (e == 'u') {
			unsigned u, lo;
			if (hex4(j, &u) < 0)
				return -1;
			if (u >= 0xD800 && u < 0xDC00 && j->i + 1 < j->len && j->s[j->i] == '\\' && j->s[j->i + 1] == 'u') {
				j->i += 2;
				if (hex4(j, &lo) < 0)
					return -1;
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
			}
			ustr_put(b, u);
		} else if (map && ((map - "\"\"\\\\//b\bf\fn\nr\rt\t") % 2 == 0)) {
			buf_putc(b, map[1]);
		} else {
			return -1;
		}
	}
	if (j->i >= j->len)
		return -1;
	j->i++;
	return 0;
}

static struct tv jvalue(struct jr *j, int *err);

static struct tv jvalue(struct jr *j, int *err)
{
	ws(j);
	if (j->i >= j->len || ++j->depth > 200) {
		*err = 1;
		return tv_none();
	}
	struct tv v = tv_none();
	char c = j->s[j->i];
	if (c == '{') {
		v = tv_dict_new();
		j->i++;
		ws(j);
		if (j->i < j->len && j->s[j->i] == '}') {
			j->i++;
		} else {
			for (;;) {
				ws(j);
				struct buf k = BUF_INIT;
				if (j->i >= j->len || j->s[j->i] != '"' || jstring(j, &k) < 0) {
					buf_free(&k);
					*err = 1;
					break;
				}
				ws(j);
				if (j->i >= j->len || j->s[j->i] != ':') {
					buf_free(&k);
					*err = 1;
					break;
				}
				j->i++;
				struct tv x = jvalue(j, err);
				tv_dict_set(v, k.data ? k.data : "", k.len, x);
				buf_free(&k);
				ws(j);
				if (*err || j->i >= j->len)
					break;
				if (j->s[j->i] == ',') {
					j->i++;
					continue;
				}
				if (j->s[j->i] == '}') {
					j->i++;
					break;
				}
				*err = 1;
				break;
			}
		}
	} else if (c == '[') {
		v = tv_list_new(0);
		j->i++;
		ws(j);
		if (j->i < j->len && j->s[j->i] == ']') {
			j->i++;
		} else {
			for (;;) {
				tv_list_push(v, jvalue(j, err));
				ws(j);
				if (*err || j->i >= j->len)
					break;
				if (j->s[j->i] == ',') {
					j->i++;
					continue;
				}
				if (j->s[j->i] == ']') {
					j->i++;
					break;
				}
				*err = 1;
				break;
			}
		}
	} else if (c == '"') {
		struct buf b = BUF_INIT;
		if (jstring(j, &b) < 0)
			*err = 1;
		v = tv_str(b.data ? b.data : "", b.len);
		buf_free(&b);
	} else if (strncmp(j->s + j->i, "true", 4) == 0) {
		v = tv_bool(true);
		j->i += 4;
	} else if (strncmp(j->s + j->i, "false", 5) == 0) {
		v = tv_bool(false);
		j->i += 5;
	} else if (strncmp(j->s + j->i, "null", 4) == 0) {
		j->i += 4;
	} else {
		size_t start = j->i;
		bool is_float = false;
		while (j->i < j->len && strchr("+-0123456789.eE", j->s[j->i])) {
			is_float |= strchr(".eE", j->s[j->i]) != NULL;
			j->i++;
		}
		char num[64];
		size_t n = j->i - start;
		if (n == 0 || n >= sizeof num) {
			*err = 1;
		} else {
			memcpy(num, j->s + start, n);
			num[n] = '\0';
			v = is_float ? tv_float(strtod(num, NULL)) : tv_int(strtoll(num, NULL, 10));
		}
	}
	j->depth--;
	return v;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct buf b = BUF_INIT;
	char tmp[65536];
	size_t n;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_add(&b, tmp, n);
	fclose(f);
	*len = b.len;
	return b.data ? buf_detach(&b) : calloc(1, 1);
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: tmpl_run TEMPLATE [VARS.json]\n");
		return 2;
	}
	size_t len, vlen;
	char *src = slurp(argv[1], &len);
	if (!src) {
		perror(argv[1]);
		return 2;
	}
	struct tv vars = tv_dict_new();
	if (argc == 3) {
		char *js = slurp(argv[2], &vlen);
		if (!js) {
			perror(argv[2]);
			return 2;
		}
		struct jr j = { js, vlen, 0, 0 };
		int err = 0;
		tv_drop(vars);
		vars = jvalue(&j, &err);
		free(js);
		if (err || vars.kind != TV_DICT) {
			fprintf(stderr, "%s: not a JSON object\n", argv[2]);
			return 2;
		}
	}
	struct buf out = BUF_INIT;
	struct diag_list diags = { 0 };
	int rc = tmpl_render(src, len, &vars, NULL, &out, &diags);
	if (rc == 0) {
		fwrite(out.data ? out.data : "", 1, out.len, stdout);
	} else {
		for (size_t i = 0; i < diags.n; i++)
			fprintf(stderr, "%d:%d: %s: %s\n", diags.v[i].line, diags.v[i].col, diags.v[i].rule,
				diags.v[i].message);
	}
	buf_free(&out);
	diag_free(&diags);
	tv_drop(vars);
	free(src);
	return rc == 0 ? 0 : 1;
}
