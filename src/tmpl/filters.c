/* filters: the filter table and the filters on strings and numbers (see
 * filters.h). Sequence filters are in filters_seq.c. Each function names
 * the Jinja 3.1 filter it reproduces; argument names and defaults are
 * Jinja's so keyword calls (|round(precision=2)) bind the same way.
 */
#include "tmpl/filters.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tmpl/encode.h"
#include "tmpl/filters_seq.h"
#include "tmpl/printf.h"
#include "tmpl/strmethods.h"
#include "tmpl/ustr.h"

#define FAILV ((struct tv){ .kind = TV_OOM })
#define BIND(fname, ...)                                                                              \
	static const char *const params[] = { __VA_ARGS__ };                                          \
	enum { NP = sizeof params / sizeof params[0] };                                               \
	struct tv p[NP];                                                                              \
	if (rt_bind(rt, at, fname, a, params, NP, 1, 1, p) < 0)                                       \
		return FAILV;                                                                         \
	p[0] = v

/* soft_str(v) as a new string value. */
static struct tv str_of(struct rt *rt, const struct node *at, struct tv v)
{
	return rt_to_str(rt, at, v);
}

static bool given(struct tv v)
{
	return v.kind != TV_MISSING;
}

static int int_param(struct rt *rt, const struct node *at, struct tv v, int64_t dflt, int64_t *out)
{
	if (!given(v)) {
		*out = dflt;
		return 0;
	}
	if (v.kind == TV_INT || v.kind == TV_BOOL) {
		*out = v.kind == TV_BOOL ? v.u.b : v.u.i;
		return 0;
	}
	if (rt_strict(v)) {
		rt_undef_err(rt, at, v);
		return -1;
	}
	rt_exc(rt, at, "TypeError", "'%s' object cannot be interpreted as an integer", tv_type_name(v));
	return -1;
}

static int bool_param(struct rt *rt, const struct node *at, struct tv v, bool *out)
{
	*out = false;
	return given(v) ? rt_truth(rt, at, v, out) : 0;
}

/* --- defaults and case --- */

static struct tv f_default(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_default", "value", "default_value", "boolean");
	bool boolean, t = true;
	if (bool_param(rt, at, p[2], &boolean) < 0)
		return FAILV;
	if (v.kind != TV_UNDEF && boolean && rt_truth(rt, at, v, &t) < 0)
		return FAILV;
	if (v.kind == TV_UNDEF || !t)
		return given(p[1]) ? tv_ref(p[1]) : tv_str("", 0);
	return tv_ref(v);
}

static struct tv case_filter(struct rt *rt, const struct node *at, struct tv v, const struct args *a,
			     const char *fname, const char *method)
{
	BIND(fname, "s");
	struct tv s = str_of(rt, at, v);
	if (IS_ERR(s))
		return s;
	const char *canon;
	struct args none = { 0 };
	struct tv r = strmethods_find(method, strlen(method), &canon)(rt, at, s, &none);
	tv_drop(s);
	return r;
}

static struct tv f_upper(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	return case_filter(rt, at, v, a, "do_upper", "upper");
}

static struct tv f_lower(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	return case_filter(rt, at, v, a, "do_lower", "lower");
}

static struct tv f_capitalize(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	return case_filter(rt, at, v, a, "do_capitalize", "capitalize");
}

/* _word_beginning_split_re = ([-\s({\[<]+): upper-case the first character
 * of every piece, lower-case the rest. */
static bool title_sep(uint32_t c)
{
	return c == '-' || c == '(' || c == '{' || c == '[' || c == '<' || ustr_space(c);
}

static struct tv f_title(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_title", "s");
	struct tv s = str_of(rt, at, v);
	if (IS_ERR(s))
		return s;
	const char *p0 = s.u.s->data;
	size_t len = s.u.s->len, i = 0;
	struct buf b = BUF_INIT;
	int rc = 0;
	while (i < len && rc == 0) {
		size_t k = i;
		bool sep = title_sep(ustr_next(p0, len, &k));
		size_t j = k;
		while (j < len) {
			size_t q = j;
			if (title_sep(ustr_next(p0, len, &q)) != sep)
				break;
			j = q;
		}
		/* piece [i, j): first character upper, the rest lower */
		rc = ustr_convert(p0 + i, k - i, USTR_UPPER, &b);
		if (rc == 0)
			rc = ustr_convert(p0 + k, j - k, USTR_LOWER, &b);
		i = j;
	}
	tv_drop(s);
	if (rc < 0) {
		buf_free(&b);
		return rt_err(rt, at, RULE_UNSUPPORTED, "title of text with a Greek capital sigma is not supported");
	}
	return rt_chk(rt, at, tv_str_from_buf(&b));
}

/* --- strings --- */

static struct tv f_trim(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_trim", "value", "chars");
	struct tv s = str_of(rt, at, v);
	if (IS_ERR(s))
		return s;
	struct tv r;
	if (given(p[1]) && p[1].kind != TV_NONE) {
		if (p[1].kind != TV_STR) {
			tv_drop(s);
			return rt_exc(rt, at, "TypeError", "strip arg must be None or str");
		}
		r = strmethods_strip(rt, at, s, p[1].u.s->data, p[1].u.s->len, 'b');
	} else {
		r = strmethods_strip(rt, at, s, NULL, 0, 'b');
	}
	tv_drop(s);
	return r;
}

static struct tv f_replace(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	static const char *const params[] = { "s", "old", "new", "count" };
	struct tv p[4];
	if (rt_bind(rt, at, "do_replace", a, params, 4, 3, 1, p) < 0)
		return FAILV;
	int64_t count = -1;
	if (given(p[3]) && p[3].kind != TV_NONE && int_param(rt, at, p[3], -1, &count) < 0)
		return FAILV;
	struct tv s = str_of(rt, at, v), o = str_of(rt, at, p[1]), n = str_of(rt, at, p[2]);
	struct tv r = IS_ERR(s) || IS_ERR(o) || IS_ERR(n) ? FAILV : strmethods_replace(rt, at, s, o, n, count);
	tv_drop(s);
	tv_drop(o);
	tv_drop(n);
	return r;
}

static struct tv f_center(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_center", "value", "width");
	struct tv s = str_of(rt, at, v);
	if (IS_ERR(s))
		return s;
	const char *canon;
	struct tv w = given(p[1]) ? p[1] : tv_int(80);
	struct args ca = { &w, 1, NULL, 0 };
	struct tv r = strmethods_find("center", 6, &canon)(rt, at, s, &ca);
	tv_drop(s);
	return r;
}

static struct tv f_indent(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_indent", "s", "width", "first", "blank");
	bool first, blank;
	if (bool_param(rt, at, p[2], &first) < 0 || bool_param(rt, at, p[3], &blank) < 0)
		return FAILV;
	struct buf ind = BUF_INIT;
	if (p[1].kind == TV_STR) {
		buf_add(&ind, p[1].u.s->data, p[1].u.s->len);
	} else {
		int64_t w;
		if (int_param(rt, at, p[1], 4, &w) < 0)
			return FAILV;
		if (rt_too_big(rt, at, w > 0 ? (size_t)w : 0))
			return FAILV;
		buf_repeat(&ind, ' ', w > 0 ? (size_t)w : 0);
	}
	if (v.kind != TV_STR && !rt_strict(v)) {
		buf_free(&ind);
		return rt_exc(rt, at, "TypeError", "unsupported operand type(s) for +=: '%s' and 'str'", tv_type_name(v));
	}
	struct tv s = str_of(rt, at, v);
	if (IS_ERR(s)) {
		buf_free(&ind);
		return s;
	}
	/* s += "\n"; lines = s.splitlines() */
	struct tv s2 = tv_str_alloc(s.u.s->len + 1);
	if (IS_ERR(s2)) {
		tv_drop(s);
		buf_free(&ind);
		return rt_oom(rt, at);
	}
	memcpy(s2.u.s->data, s.u.s->data, s.u.s->len);
	s2.u.s->data[s.u.s->len] = '\n';
	tv_drop(s);
	struct tv lines = strmethods_splitlines(rt, at, s2, false);
	tv_drop(s2);
	if (IS_ERR(lines)) {
		buf_free(&ind);
		return lines;
	}
	struct buf out = BUF_INIT;
	struct tv_seq *q = lines.u.seq;
	for (size_t i = 0; i < q->n; i++) {
		struct tv line = q->v[i];
		if (i)
			buf_putc(&out, '\n');
		if ((blank && i) || (!blank && i && line.u.s->len))
			buf_add(&out, ind.data, ind.len);
		buf_add(&out, line.u.s->data, line.u.s->len);
		if (rt_too_big(rt, at, out.len))
			break;
	}
	if (first) {
		struct buf f = BUF_INIT;
		buf_add(&f, ind.data, ind.len);
		buf_add(&f, out.data, out.len);
		buf_free(&out);
		out = f;
	}
	tv_drop(lines);
	buf_free(&ind);
	if (rt->failed) {
		buf_free(&out);
		return FAILV;
	}
	return rt_chk(rt, at, tv_str_from_buf(&out));
}

static struct tv f_truncate(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_truncate", "s", "length", "killwords", "end", "leeway");
	int64_t length, leeway;
	bool killwords;
	if (int_param(rt, at, p[1], 255, &length) < 0 || bool_param(rt, at, p[2], &killwords) < 0 ||
	    int_param(rt, at, p[4].kind == TV_NONE ? tv_missing() : p[4], 5, &leeway) < 0)
		return FAILV;
	struct tv end = given(p[3]) ? p[3] : tv_str("...", 3);
	if (IS_ERR(end))
		return rt_oom(rt, at);
	int64_t endlen;
	int64_t slen;
	struct tv r = FAILV;
	if (rt_len(rt, at, end, &endlen) < 0)
		goto out;
	if (length < endlen) {
		rt_exc(rt, at, "AssertionError", "expected length >= %lld, got %lld", (long long)endlen, (long long)length);
		goto out;
	}
	if (leeway < 0) {
		rt_exc(rt, at, "AssertionError", "expected leeway >= 0, got %lld", (long long)leeway);
		goto out;
	}
	if (rt_len(rt, at, v, &slen) < 0)
		goto out;
	if (slen <= length + leeway) {
		r = tv_ref(v);
		goto out;
	}
	if (v.kind != TV_STR || end.kind != TV_STR) {
		r = rt_err(rt, at, RULE_UNSUPPORTED, "truncate of a %s is not supported", tv_type_name(v));
		goto out;
	}
	size_t cut = ustr_offset(v.u.s->data, v.u.s->len, (size_t)(length - endlen));
	if (!killwords) {
		size_t sp = ustr_rfind(v.u.s->data, cut, " ", 1, 0);
		if (sp != SIZE_MAX)
			cut = sp;
	}
	struct buf b = BUF_INIT;
	buf_add(&b, v.u.s->data, cut);
	buf_add(&b, end.u.s->data, end.u.s->len);
	r = rt_chk(rt, at, tv_str_from_buf(&b));
out:
	if (!given(p[3]))
		tv_drop(end);
	return r;
}

static struct tv f_wordcount(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_wordcount", "s");
	struct tv s = str_of(rt, at, v);
	if (IS_ERR(s))
		return s;
	int64_t n = 0;
	bool in = false;
	size_t i = 0;
	while (i < s.u.s->len) {
		bool w = ustr_word(ustr_next(s.u.s->data, s.u.s->len, &i));
		n += w && !in;
		in = w;
	}
	tv_drop(s);
	return tv_int(n);
}

static struct tv f_format(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	if (a->npos && a->nkw)
		return rt_exc(rt, at, "FilterArgumentError", "can't handle positional and keyword arguments at the same time");
	struct tv s = str_of(rt, at, v);
	if (IS_ERR(s))
		return s;
	struct tv args;
	if (a->nkw) {
		args = tv_dict_new();
		for (uint32_t i = 0; !IS_ERR(args) && i < a->nkw; i++)
			tv_dict_set(args, a->kw[i].name, a->kw[i].len, tv_ref(a->kw[i].v));
	} else {
		args = tv_tuple_new(a->npos);
		for (uint32_t i = 0; !IS_ERR(args) && i < a->npos; i++)
			tv_list_push(args, tv_ref(a->pos[i]));
	}
	struct tv r = IS_ERR(args) ? rt_oom(rt, at) : tmpl_percent(rt, at, s, args);
	tv_drop(args);
	tv_drop(s);
	return r;
}

static struct tv f_string(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("soft_str", "value");
	return str_of(rt, at, v);
}

static struct tv escape(struct rt *rt, const struct node *at, struct tv v, bool force)
{
	struct tv s = str_of(rt, at, v);
	if (IS_ERR(s))
		return s;
	if (s.u.s->markup && !force)
		return s;
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < s.u.s->len; i++) {
		char c = s.u.s->data[i];
		switch (c) {
		case '&': buf_puts(&b, "&amp;"); break;
		case '<': buf_puts(&b, "&lt;"); break;
		case '>': buf_puts(&b, "&gt;"); break;
		case '"': buf_puts(&b, "&#34;"); break;
		case '\'': buf_puts(&b, "&#39;"); break;
		default: buf_putc(&b, c); break;
		}
	}
	tv_drop(s);
	struct tv r = rt_chk(rt, at, tv_str_from_buf(&b));
	if (!IS_ERR(r))
		r.u.s->markup = 1;
	return r;
}

static struct tv f_escape(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("escape", "s");
	return escape(rt, at, v, false);
}

static struct tv f_forceescape(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_forceescape", "value");
	return escape(rt, at, v, true);
}

static struct tv f_safe(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_mark_safe", "value");
	struct tv s = str_of(rt, at, v);
	if (IS_ERR(s) || s.u.s->markup)
		return s;
	struct tv r = rt_chk(rt, at, tv_str(s.u.s->data, s.u.s->len));
	tv_drop(s);
	if (!IS_ERR(r))
		r.u.s->markup = 1;
	return r;
}

static struct tv f_tojson(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_tojson", "value", "indent");
	struct buf ind = BUF_INIT;
	bool have_indent = given(p[1]) && p[1].kind != TV_NONE;
	if (have_indent) {
		if (p[1].kind == TV_STR) {
			buf_add(&ind, p[1].u.s->data, p[1].u.s->len);
		} else {
			int64_t n;
			if (int_param(rt, at, p[1], 0, &n) < 0)
				return FAILV;
			if (rt_too_big(rt, at, n > 0 ? (size_t)n : 0))
				return FAILV;
			buf_repeat(&ind, ' ', n > 0 ? (size_t)n : 0);
		}
	}
	struct buf out = BUF_INIT;
	int rc = encode_json(rt, at, v, have_indent ? buf_cstr(&ind) : NULL, &out);
	buf_free(&ind);
	if (rc < 0) {
		buf_free(&out);
		return FAILV;
	}
	struct tv r = rt_chk(rt, at, tv_str_from_buf(&out));
	if (!IS_ERR(r))
		r.u.s->markup = 1;
	return r;
}

static struct tv f_urlencode(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_urlencode", "value");
	struct buf b = BUF_INIT;
	if (v.kind != TV_DICT && v.kind != TV_LIST && v.kind != TV_TUPLE) {
		struct tv s = str_of(rt, at, v);
		if (IS_ERR(s))
			return s;
		encode_url(s.u.s->data, s.u.s->len, false, &b);
		tv_drop(s);
		return rt_chk(rt, at, tv_str_from_buf(&b));
	}
	size_t n = v.kind == TV_DICT ? v.u.d->n : v.u.seq->n;
	for (size_t i = 0; i < n; i++) {
		struct tv k, val;
		if (v.kind == TV_DICT) {
			k = v.u.d->e[i].key;
			val = v.u.d->e[i].val;
		} else {
			struct tv pair = v.u.seq->v[i];
			if ((pair.kind != TV_LIST && pair.kind != TV_TUPLE) || pair.u.seq->n != 2) {
				buf_free(&b);
				return rt_exc(rt, at, "ValueError", "too many values to unpack (expected 2)");
			}
			k = pair.u.seq->v[0];
			val = pair.u.seq->v[1];
		}
		struct tv ks = str_of(rt, at, k), vs = str_of(rt, at, val);
		if (!IS_ERR(ks) && !IS_ERR(vs)) {
			if (i)
				buf_putc(&b, '&');
			encode_url(ks.u.s->data, ks.u.s->len, true, &b);
			buf_putc(&b, '=');
			encode_url(vs.u.s->data, vs.u.s->len, true, &b);
		}
		tv_drop(ks);
		tv_drop(vs);
		if (rt->failed) {
			buf_free(&b);
			return FAILV;
		}
	}
	return rt_chk(rt, at, tv_str_from_buf(&b));
}

/* --- numbers --- */

/* Python's int(str, base) for the |int filter: 1 ok, 0 invalid. */
static int parse_int(const char *s, size_t len, int base, int64_t *out, bool *too_big)
{
	size_t i = 0;
	while (i < len) {
		size_t k = i;
		if (!ustr_space(ustr_next(s, len, &k)))
			break;
		i = k;
	}
	while (len > i) {
		size_t q = len - 1;
		while (q > i && ((unsigned char)s[q] & 0xC0) == 0x80)
			q--;
		size_t k = q;
		if (!ustr_space(ustr_next(s, len, &k)))
			break;
		len = q;
	}
	bool neg = false;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	if (i + 1 < len && s[i] == '0') {
		char c = (char)(s[i + 1] | 0x20);
		if ((c == 'x' && base == 16) || (c == 'o' && base == 8) || (c == 'b' && base == 2)) {
			i += 2;
			if (i < len && s[i] == '_')
				i++;
		}
	}
	if (i >= len)
		return 0;
	uint64_t v = 0;
	bool prev_us = true;
	while (i < len) {
		if (s[i] == '_') {
			if (prev_us)
				return 0;
			prev_us = true;
			i++;
			continue;
		}
		size_t k = i;
		uint32_t c = ustr_next(s, len, &k);
		int d = ustr_digit(c);
		if (d < 0 && c < 0x80) {
			char lc = (char)(c | 0x20);
			d = lc >= 'a' && lc <= 'z' ? lc - 'a' + 10 : -1;
		}
		if (d < 0 || d >= base)
			return 0;
		if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			*too_big = true;
		else
			v = v * (uint64_t)base + (uint64_t)d;
		prev_us = false;
		i = k;
	}
	if (prev_us)
		return 0;
	if (v > (uint64_t)INT64_MAX + neg)
		*too_big = true;
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 1;
}

/* Python's float(str): 1 ok, 0 invalid. */
static int parse_float(const char *s, size_t len, double *out)
{
	char tmp[512];
	size_t n = 0, i = 0;
	while (i < len) {
		size_t k = i;
		if (!ustr_space(ustr_next(s, len, &k)))
			break;
		i = k;
	}
	bool prev_digit = false;
	for (; i < len && n < sizeof tmp - 1; i++) {
		char c = s[i];
		size_t k = i;
		uint32_t cp = ustr_next(s, len, &k);
		if (ustr_space(cp)) {
			size_t j = i;
			while (j < len) {
				size_t q = j;
				if (!ustr_space(ustr_next(s, len, &q)))
					return 0;
				j = q;
			}
			break;
		}
		if (c == '_') {
			if (!prev_digit || i + 1 >= len || s[i + 1] < '0' || s[i + 1] > '9')
				return 0;
			continue;
		}
		int d = ustr_digit(cp);
		if (cp >= 0x80) {
			if (d < 0)
				return 0;
			c = (char)('0' + d);
			i = k - 1;
		}
		if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-' ||
		      (c | 0x20) == 'i' || (c | 0x20) == 'n' || (c | 0x20) == 'f' || (c | 0x20) == 't' ||
		      (c | 0x20) == 'y' || (c | 0x20) == 'a'))
			return 0;
		prev_digit = c >= '0' && c <= '9';
		tmp[n++] = c;
	}
	tmp[n] = '\0';
	if (n == 0)
		return 0;
	/* Python accepts inf, infinity, nan (any case, optional sign) and
	 * decimal literals; strtod also takes hex floats and "nan(...)" */
	const char *t = tmp + (tmp[0] == '+' || tmp[0] == '-');
	bool special = strcasecmp(t, "inf") == 0 || strcasecmp(t, "infinity") == 0 || strcasecmp(t, "nan") == 0;
	if (!special) {
		for (const char *q = t; *q; q++)
			if (!((*q >= '0' && *q <= '9') || *q == '.' || *q == 'e' || *q == 'E' || *q == '+' || *q == '-'))
				return 0;
	}
	char *end;
	*out = strtod(tmp, &end);
	return *end == '\0';
}

static struct tv f_int(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_int", "value", "default", "base");
	int64_t base;
	if (int_param(rt, at, p[2], 10, &base) < 0)
		return FAILV;
	struct tv dflt = given(p[1]) ? tv_ref(p[1]) : tv_int(0);
	switch (v.kind) {
	case TV_INT:
	case TV_BOOL:
		tv_drop(dflt);
		return tv_int(v.kind == TV_BOOL ? v.u.b : v.u.i);
	case TV_FLOAT: {
		int64_t i;
		if (isnan(v.u.f)) {
			return dflt;
		}
		tv_drop(dflt);
		return rt_int_of(rt, at, v, &i) < 0 ? FAILV : tv_int(i);
	}
	case TV_STR: {
		if (base != 0 && (base < 2 || base > 36)) {
			tv_drop(dflt);
			return rt_exc(rt, at, "ValueError", "int() base must be >= 2 and <= 36, or 0");
		}
		int64_t i;
		bool big = false;
		if (parse_int(v.u.s->data, v.u.s->len, base ? (int)base : 10, &i, &big)) {
			tv_drop(dflt);
			if (big)
				return rt_err(rt, at, RULE_UNSUPPORTED, "integer %s is too large for osmo-tui (ints are 64-bit)",
					      v.u.s->data);
			return tv_int(i);
		}
		double f;
		if (parse_float(v.u.s->data, v.u.s->len, &f) && !isnan(f) && !isinf(f)) {
			tv_drop(dflt);
			return rt_int_of(rt, at, tv_float(f), &i) < 0 ? FAILV : tv_int(i);
		}
		return dflt;
	}
	case TV_UNDEF:
		tv_drop(dflt);
		return rt_undef_err(rt, at, v);
	default:
		return dflt;
	}
}

static struct tv f_float(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_float", "value", "default");
	struct tv dflt = given(p[1]) ? tv_ref(p[1]) : tv_float(0.0);
	double f;
	if (tv_is_number(v)) {
		tv_drop(dflt);
		return tv_float(rt_num(v));
	}
	if (v.kind == TV_UNDEF) {
		tv_drop(dflt);
		return rt_undef_err(rt, at, v);
	}
	if (v.kind == TV_STR && parse_float(v.u.s->data, v.u.s->len, &f)) {
		tv_drop(dflt);
		return tv_float(f);
	}
	return dflt;
}

static struct tv f_abs(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("abs", "x");
	if (v.kind == TV_FLOAT)
		return tv_float(fabs(v.u.f));
	if (v.kind == TV_INT || v.kind == TV_BOOL) {
		int64_t i = v.kind == TV_BOOL ? v.u.b : v.u.i;
		if (i == INT64_MIN)
			return rt_err(rt, at, RULE_UNSUPPORTED, "integer overflow in abs()");
		return tv_int(i < 0 ? -i : i);
	}
	return rt_exc(rt, at, "TypeError", "bad operand type for abs(): '%s'", tv_type_name(v));
}

/* round(x, n) for floats, correctly rounded (half to even on the exact
 * binary value), as CPython's float.__round__. */
static double round_float(double x, int64_t n)
{
	if (!isfinite(x) || x == 0)
		return x;
	char tmp[400];
	if (n >= 0) {
		if (n > 320)
			return x;
		snprintf(tmp, sizeof tmp, "%.*f", (int)n, x);
		return strtod(tmp, NULL);
	}
	if (n < -308)
		return copysign(0.0, x);
	/* significant digits kept: digits before the point minus -n */
	int e10 = (int)floor(log10(fabs(x)));
	snprintf(tmp, sizeof tmp, "%.0e", x);
	int sig = e10 + 1 + (int)n;
	if (sig <= 0) {
		double unit = pow(10.0, (double)-n);
		double half = unit / 2;
		if (sig == 0 && fabs(x) > half)
			return copysign(unit, x);
		return copysign(0.0, x);
	}
	snprintf(tmp, sizeof tmp, "%.*e", sig - 1, x);
	return strtod(tmp, NULL);
}

static struct tv f_round(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_round", "value", "precision", "method");
	int64_t prec;
	if (int_param(rt, at, p[1], 0, &prec) < 0)
		return FAILV;
	const char *method = "common";
	if (given(p[2])) {
		struct tv m = p[2];
		if (m.kind != TV_STR || (strcmp(m.u.s->data, "common") && strcmp(m.u.s->data, "ceil") &&
					  strcmp(m.u.s->data, "floor")))
			return rt_exc(rt, at, "FilterArgumentError", "method must be common, ceil or floor");
		method = m.u.s->data;
	}
	if (v.kind == TV_UNDEF)
		return rt_undef_err(rt, at, v);
	if (!tv_is_number(v))
		return rt_exc(rt, at, "TypeError", "type %s doesn't define __round__ method", tv_type_name(v));
	if (strcmp(method, "common") == 0) {
		if (v.kind != TV_FLOAT) {
			int64_t i = v.kind == TV_BOOL ? v.u.b : v.u.i;
			if (prec >= 0)
				return tv_int(i);
			if (prec < -18)
				return tv_int(0);
			int64_t unit = 1;
			for (int64_t k = 0; k < -prec; k++)
				unit *= 10;
			int64_t q = i / unit, r = i % unit;
			if (r < 0) {
				q--;
				r += unit;
			}
			if (2 * r > unit || (2 * r == unit && (q & 1)))
				q++;
			int64_t out;
			if (__builtin_mul_overflow(q, unit, &out))
				return rt_err(rt, at, RULE_UNSUPPORTED, "integer overflow in round()");
			return tv_int(out);
		}
		return tv_float(round_float(v.u.f, prec));
	}
	double scale = pow(10.0, (double)prec);
	double x = rt_num(v) * scale;
	double r = strcmp(method, "ceil") == 0 ? ceil(x) : floor(x);
	return tv_float(r / scale);
}

static struct tv f_filesizeformat(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_filesizeformat", "value", "binary");
	bool binary;
	if (bool_param(rt, at, p[1], &binary) < 0)
		return FAILV;
	double bytes;
	if (tv_is_number(v))
		bytes = rt_num(v);
	else if (v.kind != TV_STR || !parse_float(v.u.s->data, v.u.s->len, &bytes))
		return rt_exc(rt, at, "ValueError", "could not convert string to float");
	static const char *const si[] = { "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB" };
	static const char *const bin[] = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB" };
	double base = binary ? 1024 : 1000;
	char tmp[128];
	if (bytes == 1) {
		snprintf(tmp, sizeof tmp, "1 Byte");
	} else if (bytes < base) {
		int64_t i;
		if (rt_int_of(rt, at, tv_float(bytes), &i) < 0)
			return FAILV;
		snprintf(tmp, sizeof tmp, "%lld Bytes", (long long)i);
	} else {
		double unit = base;
		int k = 0;
		for (k = 0; k < 8; k++) {
			unit = pow(base, k + 2);
			if (bytes < unit)
				break;
		}
		if (k == 8)
			k = 7;
		snprintf(tmp, sizeof tmp, "%.1f %s", base * bytes / unit, binary ? bin[k] : si[k]);
	}
	return rt_chk(rt, at, tv_cstr(tmp));
}

/* --- the table --- */

static const struct filter_def filters[] = {
	{ "abs", f_abs, false },
	{ "attr", filters_attr, false },
	{ "batch", filters_batch, true },
	{ "capitalize", f_capitalize, false },
	{ "center", f_center, false },
	{ "count", filters_length, false },
	{ "d", f_default, true },
	{ "default", f_default, true },
	{ "dictsort", filters_dictsort, false },
	{ "e", f_escape, false },
	{ "escape", f_escape, false },
	{ "filesizeformat", f_filesizeformat, false },
	{ "first", filters_first, false },
	{ "float", f_float, true },
	{ "forceescape", f_forceescape, false },
	{ "format", f_format, false },
	{ "indent", f_indent, false },
	{ "int", f_int, true },
	{ "items", filters_items, true },
	{ "join", filters_join, false },
	{ "last", filters_last, false },
	{ "length", filters_length, false },
	{ "list", filters_list, false },
	{ "lower", f_lower, false },
	{ "map", filters_map, true },
	{ "max", filters_max, false },
	{ "min", filters_min, false },
	{ "reject", filters_reject, true },
	{ "rejectattr", filters_rejectattr, true },
	{ "replace", f_replace, false },
	{ "reverse", filters_reverse, false },
	{ "round", f_round, false },
	{ "safe", f_safe, false },
	{ "select", filters_select, true },
	{ "selectattr", filters_selectattr, true },
	{ "slice", filters_slice, true },
	{ "sort", filters_sort, false },
	{ "string", f_string, false },
	{ "sum", filters_sum, false },
	{ "title", f_title, false },
	{ "tojson", f_tojson, true },
	{ "trim", f_trim, false },
	{ "truncate", f_truncate, false },
	{ "unique", filters_unique, true },
	{ "upper", f_upper, false },
	{ "urlencode", f_urlencode, false },
	{ "wordcount", f_wordcount, false },
};

/* Jinja's filters that osmo-tui does not implement. */
static const char UNSUPPORTED[] = " groupby pprint random striptags urlize wordwrap xmlattr ";

const struct filter_def *filter_find(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++)
		if (strlen(filters[i].name) == len && memcmp(filters[i].name, name, len) == 0)
			return &filters[i];
	return NULL;
}

bool filter_jinja_known(const char *name, size_t len)
{
	char key[64];
	if (len + 3 > sizeof key)
		return false;
	snprintf(key, sizeof key, " %.*s ", (int)len, name);
	return strstr(UNSUPPORTED, key) != NULL;
}

struct tv filter_call(struct rt *rt, const struct node *at, const struct filter_def *f, struct tv v,
		      const struct args *a)
{
	if (rt_strict(v) && !f->takes_undefined)
		return rt_undef_err(rt, at, v);
	return rt_chk(rt, at, f->fn(rt, at, v, a));
}
