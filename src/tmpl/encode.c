/* encode: JSON (as Python's json module writes it with ensure_ascii and
 * sort_keys) and URL quoting for the tojson and urlencode filters. */
#include "tmpl/encode.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl/ustr.h"

static void json_str(const char *s, size_t len, struct buf *out)
{
	buf_putc(out, '"');
	size_t i = 0;
	while (i < len) {
		uint32_t c = ustr_next(s, len, &i);
		switch (c) {
		case '"': buf_puts(out, "\\\""); break;
		case '\\': buf_puts(out, "\\\\"); break;
		case '\n': buf_puts(out, "\\n"); break;
		case '\r': buf_puts(out, "\\r"); break;
		case '\t': buf_puts(out, "\\t"); break;
		case '\b': buf_puts(out, "\\b"); break;
		case '\f': buf_puts(out, "\\f"); break;
		default:
			if (c >= 0x20 && c < 0x7F) {
				buf_putc(out, (char)c);
			} else if (c < 0x10000) {
				buf_printf(out, "\\u%04x", c);
			} else {
				uint32_t v = c - 0x10000;
				buf_printf(out, "\\u%04x\\u%04x", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF));
			}
		}
	}
	buf_putc(out, '"');
}

static void json_float(double f, struct buf *out)
{
	if (isnan(f))
		buf_puts(out, "NaN");
	else if (isinf(f))
		buf_puts(out, f < 0 ? "-Infinity" : "Infinity");
	else
		tv_float_repr(f, out);
}

static void newline(const char *indent, int level, struct buf *out)
{
	buf_putc(out, '\n');
	for (int i = 0; i < level; i++)
		buf_puts(out, indent);
}

struct kv {
	struct tv key, val;
};

static int dump(struct rt *rt, const struct node *at, struct tv v, const char *indent, int level, struct buf *out);

/* Sort dict items by key with Python's '<' (a stable merge sort). */
static int sort_items(struct rt *rt, const struct node *at, struct kv *v, struct kv *tmp, size_t n)
{
	if (n < 2)
		return 0;
	size_t h = n / 2;
	if (sort_items(rt, at, v, tmp, h) < 0 || sort_items(rt, at, v + h, tmp, n - h) < 0)
		return -1;
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n) {
		bool lt;
		if (rt_less(rt, at, v[j].key, v[i].key, &lt) < 0)
			return -1;
		tmp[k++] = lt ? v[j++] : v[i++];
	}
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
	return 0;
}

static int dump_dict(struct rt *rt, const struct node *at, struct tv d, const char *indent, int level, struct buf *out)
{
	size_t n = d.u.d->n;
	if (n == 0) {
		buf_puts(out, "{}");
		return 0;
	}
	struct kv *items = malloc(2 * n * sizeof *items);
	if (!items) {
		rt_oom(rt, at);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		items[i] = (struct kv){ d.u.d->e[i].key, d.u.d->e[i].val };
	int rc = sort_items(rt, at, items, items + n, n);
	buf_putc(out, '{');
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (i)
			buf_puts(out, indent ? "," : ", ");
		if (indent)
			newline(indent, level + 1, out);
		struct tv k = items[i].key;
		switch (k.kind) {
		case TV_STR: json_str(k.u.s->data, k.u.s->len, out); break;
		case TV_BOOL: buf_puts(out, k.u.b ? "\"true\"" : "\"false\""); break;
		case TV_NONE: buf_puts(out, "\"null\""); break;
		case TV_INT: buf_printf(out, "\"%lld\"", (long long)k.u.i); break;
		case TV_FLOAT:
			buf_putc(out, '"');
			json_float(k.u.f, out);
			buf_putc(out, '"');
			break;
		default:
			rt_exc(rt, at, "TypeError", "keys must be str, int, float, bool or None, not %s", tv_type_name(k));
			rc = -1;
			continue;
		}
		buf_puts(out, ": ");
		rc = dump(rt, at, items[i].val, indent, level + 1, out);
	}
	free(items);
	if (rc == 0) {
		if (indent)
			newline(indent, level, out);
		buf_putc(out, '}');
	}
	return rc;
}

static int dump(struct rt *rt, const struct node *at, struct tv v, const char *indent, int level, struct buf *out)
{
	if (level > 1000) {
		rt_exc(rt, at, "RecursionError", "maximum recursion depth exceeded while encoding a JSON object");
		return -1;
	}
	switch (v.kind) {
	case TV_NONE: buf_puts(out, "null"); return 0;
	case TV_BOOL: buf_puts(out, v.u.b ? "true" : "false"); return 0;
	case TV_INT: buf_printf(out, "%lld", (long long)v.u.i); return 0;
	case TV_FLOAT: json_float(v.u.f, out); return 0;
	case TV_STR: json_str(v.u.s->data, v.u.s->len, out); return 0;
	case TV_LIST:
	case TV_TUPLE:
		if (v.u.seq->n == 0) {
			buf_puts(out, "[]");
			return 0;
		}
		buf_putc(out, '[');
		for (size_t i = 0; i < v.u.seq->n; i++) {
			if (i)
				buf_puts(out, indent ? "," : ", ");
			if (indent)
				newline(indent, level + 1, out);
			if (dump(rt, at, v.u.seq->v[i], indent, level + 1, out) < 0)
				return -1;
		}
		if (indent)
			newline(indent, level, out);
		buf_putc(out, ']');
		return 0;
	case TV_DICT:
		return dump_dict(rt, at, v, indent, level, out);
	default:
		rt_exc(rt, at, "TypeError", "Object of type %s is not JSON serializable", tv_type_name(v));
		return -1;
	}
}

int encode_json(struct rt *rt, const struct node *at, struct tv v, const char *indent, struct buf *out)
{
	struct buf tmp = BUF_INIT;
	if (dump(rt, at, v, indent, 0, &tmp) < 0) {
		buf_free(&tmp);
		return -1;
	}
	for (size_t i = 0; i < tmp.len; i++) {
		char c = tmp.data[i];
		if (c == '<')
			buf_puts(out, "\\u003c");
		else if (c == '>')
			buf_puts(out, "\\u003e");
		else if (c == '&')
			buf_puts(out, "\\u0026");
		else if (c == '\'')
			buf_puts(out, "\\u0027");
		else
			buf_putc(out, c);
	}
	buf_free(&tmp);
	if (out->oom) {
		rt_oom(rt, at);
		return -1;
	}
	return 0;
}

void encode_url(const char *s, size_t len, bool for_qs, struct buf *out)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
		    c == '.' || c == '-' || c == '~' || (c == '/' && !for_qs))
			buf_putc(out, (char)c);
		else if (c == ' ' && for_qs)
			buf_putc(out, '+');
		else
			buf_printf(out, "%%%02X", c);
	}
}
