/* pyobj: scalar objects as SafeConstructor builds and Representer writes
 * them (see pyobj.h).
 *
 * Numbers keep enough to compare exactly as Python does: ints their exact
 * decimal (any size, from yaml11_pystr), floats their double; an int and a
 * float compare through the float's exact integer part ("%.0f" prints it
 * exactly) and then its fraction. Equality as dict keys goes through a
 * canonical string, so collapsing duplicate keys is one hash lookup.
 */
#include "pyobj.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "pychar.h"

void *pyobj_fail(struct pyobj_ctx *c, const char *rule, uint32_t start, uint32_t end,
		 const char *fmt, ...)
{
	if (c->failed)
		return NULL;
	c->failed = true;
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (c->diags)
		diag_addf_at(c->diags, DIAG_ERROR, rule, start, end, "%s", msg);
	return NULL;
}

void pyobj_ctx_free(struct pyobj_ctx *c)
{
	arena_free(&c->a);
}

static const char *keep(struct pyobj_ctx *c, const char *s, size_t n)
{
	char *p = arena_strndup(&c->a, s, n);
	if (!p)
		pyobj_fail(c, "yaml-limit", 0, 0, "out of memory");
	return p;
}

/* --- the representer's texts --- */

/* represent_float: .nan/.inf/-.inf, else repr() with ".0" added before an
 * exponent when repr() has no dot (1e+20 -> 1.0e+20). */
static void float_text(double f, char out[40])
{
	if (isnan(f)) {
		strcpy(out, ".nan");
		return;
	}
	if (isinf(f)) {
		strcpy(out, f > 0 ? ".inf" : "-.inf");
		return;
	}
	char r[32];
	yaml11_float_repr(f, r);
	char *e = strchr(r, 'e');
	if (e && !strchr(r, '.'))
		snprintf(out, 40, "%.*s.0%s", (int)(e - r), r, e);
	else
		snprintf(out, 40, "%s", r);
}

/* The object for a constructed value v of text s[0..n). */
static int from_value(struct pyobj_ctx *c, const char *s, size_t n, const struct y11_value *v,
		      const struct doc_node *at, struct pyobj *o)
{
	memset(o, 0, sizeof *o);
	o->type = v->type;
	char tmp[40];
	struct buf b = BUF_INIT;
	switch (v->type) {
	case Y11_STR:
		o->cls = PC_STR, o->tag = "!!str", o->text = s, o->len = n;
		return 0;
	case Y11_NULL:
		o->cls = PC_NONE, o->tag = "!!null", o->text = "null", o->len = 4;
		return 0;
	case Y11_BOOL:
		o->cls = PC_NUM, o->tag = "!!bool";
		o->text = v->b ? "true" : "false", o->len = v->b ? 4 : 5;
		o->dec = v->b ? "1" : "0";
		return 0;
	case Y11_FLOAT:
		float_text(v->f, tmp);
		o->cls = PC_NUM, o->tag = "!!float", o->is_float = true, o->f = v->f;
		o->text = keep(c, tmp, strlen(tmp)), o->len = strlen(tmp);
		return o->text ? 0 : -1;
	case Y11_INT:
	case Y11_TIMESTAMP:
		if (yaml11_pystr(s, n, v, &b) < 0 || b.oom) {
			buf_free(&b);
			pyobj_fail(c, "yaml-value", at->start, at->end,
				   "Exceeds the limit (4300 digits) for integer string conversion");
			return -1;
		}
		o->text = keep(c, buf_cstr(&b), b.len), o->len = b.len;
		buf_free(&b);
		if (!o->text)
			return -1;
		if (v->type == Y11_INT) {
			o->cls = PC_NUM, o->tag = "!!int", o->dec = o->text;
		} else {
			o->cls = !v->ts.has_time ? PC_DATE : v->ts.has_tz ? PC_AWARE : PC_NAIVE;
			o->tag = "!!timestamp", o->ts = v->ts;
		}
		return 0;
	default:
		pyobj_fail(c, "yaml-tag", at->start, at->end,
			   "could not determine a constructor for the tag '" PYOBJ_TAG_PREFIX "%s'",
			   yaml11_type_name(v->type));
		return -1;
	}
}

/* --- explicit tags --- */

/* construct_yaml_float on any text: '_' removed, lower case, a sign, then
 * .inf, .nan, base-60 parts or Python's float(). */
static int tagged_float(const char *s, size_t n, double *out, bool *own_nan)
{
	*own_nan = false;
	char *t = malloc(n + 1);
	if (!t)
		return -1;
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] != '_')
			t[m++] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
	t[m] = '\0';
	int rc = m ? 0 : -1;
	double sign = 1, value = 0;
	size_t p = 0;
	if (m && t[0] == '-')
		sign = -1;
	if (m && (t[0] == '-' || t[0] == '+'))
		p = 1;
	if (rc < 0) {
	} else if (m - p == 4 && memcmp(t + p, ".inf", 4) == 0) {
		value = INFINITY;
	} else if (m - p == 4 && memcmp(t + p, ".nan", 4) == 0) {
		sign = 1, value = NAN;
	} else if (memchr(t + p, ':', m - p)) {
		/* base 60, summed from the last part as PyYAML does */
		double base = 1;
		for (size_t end = m;;) {
			size_t st = end;
			while (st > p && t[st - 1] != ':')
				st--;
			double d;
			if (pychar_float(t + st, end - st, &d) < 0) {
				rc = -1;
				break;
			}
			value += d * base, base *= 60;
			if (st == p)
				break;
			end = st - 1;
		}
	} else if (pychar_float(t + p, m - p, &value) < 0) {
		rc = -1;
	} else {
		*own_nan = isnan(value);
	}
	free(t);
	*out = sign * value;
	return rc;
}

/* construct_yaml_bool: bool_values[value.lower()] */
static int tagged_bool(const char *s, size_t n, bool *out)
{
	static const struct { const char *w; bool v; } words[] = {
		{ "yes", true }, { "no", false }, { "true", true },
		{ "false", false }, { "on", true }, { "off", false },
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (strlen(words[i].w) != n)
			continue;
		size_t k = 0;
		while (k < n && (s[k] | 0x20) == words[i].w[k])
			k++;
		if (k == n) {
			*out = words[i].v;
			return 0;
		}
	}
	return -1;
}

static int b64_value(unsigned char ch)
{
	if (ch >= 'A' && ch <= 'Z')
		return ch - 'A';
	if (ch >= 'a' && ch <= 'z')
		return ch - 'a' + 26;
	if (ch >= '0' && ch <= '9')
		return ch - '0' + 52;
	return ch == '+' ? 62 : ch == '/' ? 63 : -1;
}

/* Python's binascii.a2b_base64 (not strict): other characters are
 * skipped, a complete padding ends the data. Returns the byte count or -1
 * (err says why). */
static long b64_decode(const char *s, size_t n, unsigned char *out, char err[120])
{
	size_t len = 0;
	int quad = 0, pads = 0;
	unsigned left = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '=') {
			if (quad >= 2 && quad + ++pads >= 4)
				return (long)len;
			continue;
		}
		int v = b64_value(ch);
		if (v < 0)
			continue;
		pads = 0;
		switch (quad) {
		case 0: left = (unsigned)v; break;
		case 1: out[len++] = (unsigned char)(left << 2 | (unsigned)v >> 4), left = v & 0xF; break;
		case 2: out[len++] = (unsigned char)(left << 4 | (unsigned)v >> 2), left = v & 0x3; break;
		default: out[len++] = (unsigned char)(left << 6 | (unsigned)v), left = 0; break;
		}
		quad = (quad + 1) & 3;
	}
	if (quad == 1)
		snprintf(err, 120, "Invalid base64-encoded string: number of data characters "
			 "(%zu) cannot be 1 more than a multiple of 4", len / 3 * 4 + 1);
	else if (quad)
		snprintf(err, 120, "Incorrect padding");
	return quad ? -1 : (long)len;
}

/* base64.encodebytes: lines of 76 characters, each ending in "\n" */
static void b64_encode(const unsigned char *d, size_t n, struct buf *out)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	for (size_t line = 0; line < n; line += 57) {
		size_t end = n - line < 57 ? n : line + 57;
		for (size_t i = line; i < end; i += 3) {
			unsigned x = (unsigned)d[i] << 16;
			if (i + 1 < end)
				x |= (unsigned)d[i + 1] << 8;
			if (i + 2 < end)
				x |= d[i + 2];
			char q[4] = { abc[x >> 18], abc[(x >> 12) & 63],
				      i + 1 < end ? abc[(x >> 6) & 63] : '=', i + 2 < end ? abc[x & 63] : '=' };
			buf_add(out, q, 4);
		}
		buf_putc(out, '\n');
	}
}

static int tagged_binary(struct pyobj_ctx *c, const struct doc_node *n, struct pyobj *o)
{
	for (size_t i = 0; i < n->len; i++)
		if ((unsigned char)n->text[i] >= 0x80)
			return pyobj_fail(c, "yaml-value", n->start, n->end,
					  "failed to convert base64 data into ascii: a character is "
					  "not ASCII"), -1;
	unsigned char *bytes = malloc(n->len / 4 * 3 + 3);
	if (!bytes)
		return pyobj_fail(c, "yaml-limit", 0, 0, "out of memory"), -1;
	char err[120];
	long len = b64_decode(n->text, n->len, bytes, err);
	struct buf b = BUF_INIT;
	if (len >= 0)
		b64_encode(bytes, (size_t)len, &b);
	free(bytes);
	memset(o, 0, sizeof *o);
	o->cls = PC_BYTES, o->tag = "!!binary", o->style = '|';
	if (len >= 0 && !b.oom) {
		o->text = keep(c, buf_cstr(&b), b.len), o->len = b.len;
	} else if (len < 0) {
		pyobj_fail(c, "yaml-value", n->start, n->end, "failed to decode base64 data: %s", err);
	} else {
		pyobj_fail(c, "yaml-limit", 0, 0, "out of memory");
	}
	buf_free(&b);
	return o->text ? 0 : -1;
}

/* A scalar under an explicit tag:yaml.org,2002: tag. */
static int tagged_value(struct pyobj_ctx *c, const struct doc_node *n, const char *kind,
			struct pyobj *o)
{
	struct y11_value v;
	memset(&v, 0, sizeof v);
	bool ok = true, own_nan = false;
	if (strcmp(kind, "str") == 0) {
		v.type = Y11_STR;
	} else if (strcmp(kind, "null") == 0) {
		v.type = Y11_NULL;
	} else if (strcmp(kind, "bool") == 0) {
		v.type = Y11_BOOL;
		ok = tagged_bool(n->text, n->len, &v.b) == 0;
	} else if (strcmp(kind, "float") == 0) {
		v.type = Y11_FLOAT;
		ok = tagged_float(n->text, n->len, &v.f, &own_nan) == 0;
	} else if (strcmp(kind, "int") == 0 || strcmp(kind, "timestamp") == 0) {
		enum y11_type want = kind[0] == 'i' ? Y11_INT : Y11_TIMESTAMP;
		if (yaml11_resolve(n->text, n->len) != want)
			return pyobj_fail(c, "pydump-unsupported", n->start, n->end,
					  "!!%s on a text YAML 1.1 does not read as %s is not supported",
					  kind, kind), -1;
		if (yaml11_construct(n->text, n->len, true, &v) < 0)
			return pyobj_fail(c, "yaml-value", n->start, n->end, "%s", v.error), -1;
	} else if (strcmp(kind, "binary") == 0) {
		return tagged_binary(c, n, o);
	} else if (strcmp(kind, "seq") == 0 || strcmp(kind, "map") == 0 || strcmp(kind, "set") == 0) {
		return pyobj_fail(c, "yaml-tag", n->start, n->end,
				  "expected a %s node, but found scalar",
				  kind[0] == 's' && kind[1] == 'e' && kind[2] == 'q' ? "sequence" : "mapping"), -1;
	} else if (strcmp(kind, "omap") == 0 || strcmp(kind, "pairs") == 0) {
		return pyobj_fail(c, "yaml-tag", n->start, n->end,
				  "while constructing %s: expected a sequence, but found scalar",
				  kind[0] == 'o' ? "an ordered map" : "pairs"), -1;
	} else {
		return pyobj_fail(c, "yaml-tag", n->start, n->end,
				  "could not determine a constructor for the tag '%s'", n->tag), -1;
	}
	if (!ok)
		return pyobj_fail(c, "yaml-value", n->start, n->end,
				  "cannot construct a %s from '%.*s'", kind,
				  (int)(n->len > 60 ? 60 : n->len), n->text), -1;
	int rc = from_value(c, n->text, n->len, &v, n, o);
	o->own_nan = own_nan;
	return rc;
}

int pyobj_value(struct pyobj_ctx *c, const struct doc_node *n, struct pyobj *o)
{
	const char *tag = n->tag;
	size_t pl = strlen(PYOBJ_TAG_PREFIX);
	if (tag && strcmp(tag, "!") != 0) {
		if (strncmp(tag, PYOBJ_TAG_PREFIX, pl) != 0)
			return pyobj_fail(c, "yaml-tag", n->start, n->end,
					  "could not determine a constructor for the tag '%s'", tag), -1;
		return tagged_value(c, n, tag + pl, o);
	}
	/* PyYAML resolves a scalar tagged "!" like a plain one, quoted or not */
	struct y11_value v;
	if (yaml11_construct(n->text, n->len, tag || n->style == DOC_PLAIN, &v) < 0 &&
	    v.type != Y11_MERGE && v.type != Y11_VALUE)
		return pyobj_fail(c, "yaml-value", n->start, n->end, "%s", v.error), -1;
	return from_value(c, n->text, n->len, &v, n, o);
}

int pyobj_key(struct pyobj_ctx *c, const struct doc_node *kid, bool flattened, struct pyobj *o)
{
	struct doc_node k;
	memset(&k, 0, sizeof k);
	k.kind = DOC_SCALAR;
	k.style = (kid->flags & DOC_F_KEY_QUOTED) ? DOC_SINGLE : DOC_PLAIN;
	k.text = kid->key, k.len = kid->key_len;
	k.start = kid->key_start, k.end = kid->key_end;
	if (flattened && k.style == DOC_PLAIN && yaml11_resolve(k.text, k.len) == Y11_VALUE)
		k.style = DOC_SINGLE;
	return pyobj_value(c, &k, o);
}

/* --- questions the dumper asks --- */

bool pyobj_reads_back(const struct pyobj *o)
{
	return o->cls != PC_BYTES && yaml11_resolve(o->text, o->len) == o->type;
}

bool pyobj_aliasable(const struct pyobj *o)
{
	return o->cls == PC_DATE || o->cls == PC_NAIVE || o->cls == PC_AWARE;
}

/* days since 1970-01-01 of a proleptic Gregorian date */
static long long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static long long utc_micros(const struct y11_timestamp *t)
{
	long long min = days_from_civil(t->year, t->month, t->day) * 1440 + t->hour * 60 + t->minute -
			t->tz_minutes;
	return (min * 60 + t->second) * 1000000 + t->usec;
}

/* exact integer part of a finite double, "-0" as "0" */
static void float_int_part(double f, char out[400])
{
	snprintf(out, 400, "%.0f", trunc(f));
	if (strcmp(out, "-0") == 0)
		strcpy(out, "0");
}

const char *pyobj_canon(struct pyobj_ctx *c, const struct pyobj *o)
{
	struct buf b = BUF_INIT;
	char tmp[400];
	const struct y11_timestamp *t = &o->ts;
	switch (o->cls) {
	case PC_NONE:
		buf_putc(&b, 'N');
		break;
	case PC_NUM:
		if (!o->is_float) {
			buf_printf(&b, "I%s", o->dec);
		} else if (isnan(o->f)) {
			if (o->own_nan)
				return NULL;
			buf_puts(&b, "Fnan");
		} else if (isinf(o->f)) {
			buf_puts(&b, o->f > 0 ? "F+inf" : "F-inf");
		} else if (o->f == trunc(o->f)) {
			float_int_part(o->f, tmp);
			buf_printf(&b, "I%s", tmp);
		} else {
			buf_printf(&b, "F%a", o->f);
		}
		break;
	case PC_STR:
	case PC_BYTES:
		/* NUL-free: 0x00 -> 01 02, 0x01 -> 01 01 */
		buf_putc(&b, o->cls == PC_STR ? 'S' : 'B');
		for (size_t i = 0; i < o->len; i++) {
			if (o->text[i] == 0 || o->text[i] == 1)
				buf_putc(&b, 1);
			buf_putc(&b, o->text[i] == 0 ? 2 : o->text[i]);
		}
		break;
	case PC_DATE:
		buf_printf(&b, "D%d-%d-%d", t->year, t->month, t->day);
		break;
	case PC_NAIVE:
		buf_printf(&b, "T%d-%d-%d %d:%d:%d.%d", t->year, t->month, t->day, t->hour, t->minute,
			   t->second, t->usec);
		break;
	case PC_AWARE:
		buf_printf(&b, "Z%lld", utc_micros(t));
		break;
	}
	const char *s = b.oom ? NULL : keep(c, buf_cstr(&b), b.len);
	if (b.oom)
		pyobj_fail(c, "yaml-limit", 0, 0, "out of memory");
	buf_free(&b);
	return s;
}

bool pyobj_comparable(const struct pyobj *a, const struct pyobj *b)
{
	return a->cls == b->cls && a->cls != PC_NONE;
}

/* signed decimal strings without leading zeros */
static int dec_cmp(const char *a, const char *b)
{
	bool na = a[0] == '-', nb = b[0] == '-';
	if (na != nb)
		return na ? -1 : 1;
	size_t la = strlen(a), lb = strlen(b);
	int c = la != lb ? (la < lb ? -1 : 1) : strcmp(a, b);
	c = c < 0 ? -1 : c > 0;
	return na ? -c : c;
}

/* -1, 0, 1, or 2 when unordered (NaN) */
static int int_float_cmp(const char *dec, double f)
{
	if (isnan(f))
		return 2;
	if (isinf(f))
		return f > 0 ? -1 : 1;
	char ip[400];
	float_int_part(f, ip);
	int c = dec_cmp(dec, ip);
	if (c)
		return c;
	double t = trunc(f);
	return f > t ? -1 : f < t ? 1 : 0;
}

static int num_cmp(const struct pyobj *a, const struct pyobj *b)
{
	if (a->is_float && b->is_float) {
		if (isnan(a->f) || isnan(b->f))
			return 2;
		return (a->f > b->f) - (a->f < b->f);
	}
	if (!a->is_float && !b->is_float)
		return dec_cmp(a->dec, b->dec);
	if (!a->is_float)
		return int_float_cmp(a->dec, b->f);
	int c = int_float_cmp(b->dec, a->f);
	return c == 2 ? 2 : -c;
}

static int ts_cmp(const struct y11_timestamp *a, const struct y11_timestamp *b)
{
	const int fa[] = { a->year, a->month, a->day, a->hour, a->minute, a->second, a->usec };
	const int fb[] = { b->year, b->month, b->day, b->hour, b->minute, b->second, b->usec };
	for (size_t i = 0; i < sizeof fa / sizeof fa[0]; i++)
		if (fa[i] != fb[i])
			return fa[i] < fb[i] ? -1 : 1;
	return 0;
}

bool pyobj_lt(const struct pyobj *a, const struct pyobj *b)
{
	switch (a->cls) {
	case PC_NUM:
		return num_cmp(a, b) == -1;
	case PC_STR:
	case PC_BYTES: {
		size_t n = a->len < b->len ? a->len : b->len;
		int c = memcmp(a->text, b->text, n);
		return c < 0 || (c == 0 && a->len < b->len);
	}
	case PC_DATE:
	case PC_NAIVE:
		return ts_cmp(&a->ts, &b->ts) < 0;
	case PC_AWARE:
		return utc_micros(&a->ts) < utc_micros(&b->ts);
	default:
		return false;
	}
}
