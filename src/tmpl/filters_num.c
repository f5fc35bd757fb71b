/* filters_num: Jinja's number filters (int, float, abs, round,
 * filesizeformat), with Python's int() and float() string parsing
 * (whitespace, signs, underscores, base prefixes, inf/nan) and round()'s
 * correctly rounded half-to-even results.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tmpl/filters_impl.h"
#include "tmpl/ustr.h"

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
	bool auto_base = base == 0;
	if (i + 1 < len && s[i] == '0') {
		char c = (char)(s[i + 1] | 0x20);
		int pb = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 0;
		if (pb && (base == pb || base == 0)) {
			base = pb;
			i += 2;
			if (i < len && s[i] == '_')
				i++;
		}
	}
	if (base == 0) {
		/* base 0 and no prefix: decimal, where leading zeros are invalid
		 * (except in zero itself) */
		base = 10;
		if (auto_base && i + 1 < len && s[i] == '0')
			for (size_t k = i; k < len; k++)
				if (s[k] != '0' && s[k] != '_')
					return 0;
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

struct tv filters_int(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
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
		if (parse_int(v.u.s->data, v.u.s->len, (int)base, &i, &big)) {
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

struct tv filters_float(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
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

struct tv filters_abs(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
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

struct tv filters_round(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
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

struct tv filters_filesizeformat(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
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
		/* Python compares with the exact int base ** (i + 2); powers of
		 * 1000 and 1024 up to the 9th are exact in a long double */
		long double unit = base;
		int k = 0;
		for (k = 0; k < 8; k++) {
			unit = 1;
			for (int e = 0; e < k + 2; e++)
				unit *= (long double)base;
			if ((long double)bytes < unit)
				break;
		}
		if (k == 8)
			k = 7;
		snprintf(tmp, sizeof tmp, "%.1f %s", base * bytes / (double)unit, binary ? bin[k] : si[k]);
	}
	return rt_chk(rt, at, tv_cstr(tmp));
}
