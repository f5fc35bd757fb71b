/* value_repr: Python-exact printing of template values (declared in
 * value.h): repr() and str() of every kind, the shortest round-trip float
 * repr, and string repr with Python's choice of quotes and escapes.
 * OSMO feeds rendered text to YAML, so `True`, `None`, `{'a': 1}` and
 * `1e+20` must come out exactly as Python writes them.
 */
#include "tmpl/value.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl/ustr.h"

static void put_int(struct buf *out, int64_t i)
{
	char tmp[24];
	char *p = tmp + sizeof tmp;
	uint64_t u = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (i < 0)
		*--p = '-';
	buf_add(out, p, (size_t)(tmp + sizeof tmp - p));
}

/* Shortest digits that read back as f: digits[] (no dot) and the decimal
 * exponent of the first digit. f is finite and > 0. */
static int shortest_digits(double f, char *digits, int *exp10)
{
	char tmp[40];
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*e", prec - 1, f);
		if (prec == 17 || strtod(tmp, NULL) == f)
			break;
	}
	/* tmp is d.ddde[+-]XX */
	int n = 0;
	char *p = tmp;
	for (; *p && *p != 'e'; p++)
		if (*p != '.')
			digits[n++] = *p;
	*exp10 = atoi(p + 1);
	while (n > 1 && digits[n - 1] == '0')
		n--;
	digits[n] = '\0';
	return n;
}

void tv_float_repr(double f, struct buf *out)
{
	if (isnan(f)) {
		buf_puts(out, "nan");
		return;
	}
	if (isinf(f)) {
		buf_puts(out, f < 0 ? "-inf" : "inf");
		return;
	}
	if (signbit(f)) {
		buf_putc(out, '-');
		f = -f;
	}
	if (f == 0) {
		buf_puts(out, "0.0");
		return;
	}
	char d[24];
	int e;
	int n = shortest_digits(f, d, &e);
	int decpt = e + 1; /* digits before the decimal point */
	if (decpt <= -4 || decpt > 16) {
		buf_putc(out, d[0]);
		if (n > 1) {
			buf_putc(out, '.');
			buf_add(out, d + 1, (size_t)n - 1);
		}
		buf_printf(out, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
	} else if (decpt <= 0) {
		buf_puts(out, "0.");
		buf_repeat(out, '0', (size_t)-decpt);
		buf_add(out, d, (size_t)n);
	} else if (decpt >= n) {
		buf_add(out, d, (size_t)n);
		buf_repeat(out, '0', (size_t)(decpt - n));
		buf_puts(out, ".0");
	} else {
		buf_add(out, d, (size_t)decpt);
		buf_putc(out, '.');
		buf_add(out, d + decpt, (size_t)(n - decpt));
	}
}

void tv_str_repr(const char *s, size_t len, struct buf *out)
{
	bool has_sq = memchr(s, '\'', len) != NULL;
	bool has_dq = memchr(s, '"', len) != NULL;
	char q = has_sq && !has_dq ? '"' : '\'';
	buf_reserve(out, len + 2);
	buf_putc(out, q);
	size_t i = 0;
	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		if (b >= 0x20 && b < 0x7F && b != '\\' && b != (unsigned char)q) {
			size_t j = i + 1;
			while (j < len && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] < 0x7F &&
			       s[j] != '\\' && s[j] != q)
				j++;
			buf_add(out, s + i, j - i);
			i = j;
			continue;
		}
		size_t start = i;
		uint32_t c = ustr_next(s, len, &i);
		if (c == '\\' || c == (uint32_t)q) {
			buf_putc(out, '\\');
			buf_putc(out, (char)c);
		} else if (c == '\t') {
			buf_puts(out, "\\t");
		} else if (c == '\n') {
			buf_puts(out, "\\n");
		} else if (c == '\r') {
			buf_puts(out, "\\r");
		} else if (c < 0x80) {
			buf_printf(out, "\\x%02x", c);
		} else if (ustr_printable(c)) {
			buf_add(out, s + start, i - start);
		} else if (c <= 0xFF) {
			buf_printf(out, "\\x%02x", c);
		} else if (c <= 0xFFFF) {
			buf_printf(out, "\\u%04x", c);
		} else {
			buf_printf(out, "\\U%08x", c);
		}
	}
	buf_putc(out, q);
}

static void repr_seq(struct tv v, struct buf *out)
{
	bool tuple = v.kind == TV_TUPLE;
	buf_putc(out, tuple ? '(' : '[');
	for (size_t i = 0; i < v.u.seq->n; i++) {
		if (i)
			buf_puts(out, ", ");
		tv_repr(v.u.seq->v[i], out);
	}
	if (tuple && v.u.seq->n == 1)
		buf_putc(out, ',');
	buf_putc(out, tuple ? ')' : ']');
}

void tv_repr(struct tv v, struct buf *out)
{
	switch (v.kind) {
	case TV_NONE:
		buf_puts(out, "None");
		break;
	case TV_BOOL:
		buf_puts(out, v.u.b ? "True" : "False");
		break;
	case TV_INT:
		put_int(out, v.u.i);
		break;
	case TV_FLOAT:
		tv_float_repr(v.u.f, out);
		break;
	case TV_STR:
		tv_str_repr(v.u.s->data, v.u.s->len, out);
		break;
	case TV_LIST:
	case TV_TUPLE:
		repr_seq(v, out);
		break;
	case TV_DICT:
		buf_putc(out, '{');
		for (size_t i = 0; i < v.u.d->n; i++) {
			if (i)
				buf_puts(out, ", ");
			tv_repr(v.u.d->e[i].key, out);
			buf_puts(out, ": ");
			tv_repr(v.u.d->e[i].val, out);
		}
		buf_putc(out, '}');
		break;
	case TV_RANGE:
		buf_puts(out, "range(");
		put_int(out, v.u.r->start);
		buf_puts(out, ", ");
		put_int(out, v.u.r->stop);
		if (v.u.r->step != 1) {
			buf_puts(out, ", ");
			put_int(out, v.u.r->step);
		}
		buf_putc(out, ')');
		break;
	case TV_UNDEF:
		buf_puts(out, "Undefined");
		break;
	case TV_OBJ:
		v.u.o->cls->repr(v.u.o, out);
		break;
	case TV_MISSING:
		buf_puts(out, "missing");
		break;
	default:
		buf_puts(out, "<out of memory>");
		break;
	}
}

void tv_to_str(struct tv v, struct buf *out)
{
	if (v.kind == TV_STR)
		buf_add(out, v.u.s->data, v.u.s->len);
	else if (v.kind == TV_UNDEF)
		; /* plain Undefined prints as ""; strict ones are refused earlier */
	else
		tv_repr(v, out);
}
