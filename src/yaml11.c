/* yaml11: PyYAML (YAML 1.1) implicit scalar resolution and construction.
 *
 * PyYAML picks a plain scalar's tag by trying regular expressions keyed by
 * the first character, in the order bool, float, int, merge, null,
 * timestamp, value; the first that matches wins, otherwise str. Each
 * expression is small and anchored, so each is a hand-written matcher here
 * (see the grammar comment above each). Construction then mirrors
 * SafeConstructor: underscores are dropped, `0b`/`0x`/leading `0` choose
 * the base, `a:b:c` is base 60, timestamps go through Python's datetime
 * range checks. Python's int has no size limit, so ints keep an overflow
 * flag and yaml11_pystr() prints big ones exactly with a small bignum.
 */
#include "yaml11.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* CPython's default sys.get_int_max_str_digits(). */
#define PY_INT_MAX_STR_DIGITS 4300

static bool is_dig(char c) { return c >= '0' && c <= '9'; }
static bool is_dig_(char c) { return is_dig(c) || c == '_'; }
static bool is_sign(char c) { return c == '+' || c == '-'; }

static bool eq(const char *s, size_t n, const char *lit)
{
	size_t m = strlen(lit);
	return n == m && memcmp(s, lit, m) == 0;
}

/* One of three spellings (lower, Title, UPPER) of word. */
static bool eq3(const char *s, size_t n, const char *lo, const char *ti, const char *up)
{
	return eq(s, n, lo) || eq(s, n, ti) || eq(s, n, up);
}

const char *yaml11_type_name(enum y11_type t)
{
	static const char *const names[] = {
		[Y11_STR] = "str", [Y11_NULL] = "null", [Y11_BOOL] = "bool",
		[Y11_INT] = "int", [Y11_FLOAT] = "float", [Y11_TIMESTAMP] = "timestamp",
		[Y11_MERGE] = "merge", [Y11_VALUE] = "value",
	};
	return (unsigned)t < sizeof names / sizeof names[0] ? names[t] : "?";
}

const char *yaml11_python_type(const struct y11_value *v)
{
	switch (v->type) {
	case Y11_NULL: return "NoneType";
	case Y11_BOOL: return "bool";
	case Y11_INT: return "int";
	case Y11_FLOAT: return "float";
	case Y11_TIMESTAMP: return v->ts.has_time ? "datetime" : "date";
	default: return "str";
	}
}

/* ---- the resolvers' regular expressions ---- */

static bool match_bool(const char *s, size_t n)
{
	if (n < 2 || n > 5)
		return false;
	return eq3(s, n, "yes", "Yes", "YES") || eq3(s, n, "no", "No", "NO") ||
	       eq3(s, n, "true", "True", "TRUE") || eq3(s, n, "false", "False", "FALSE") ||
	       eq3(s, n, "on", "On", "ON") || eq3(s, n, "off", "Off", "OFF");
}

/* `:[0-5]?[0-9]` after the colon at s[*i - 1]. Taking two digits when
 * possible is right: what follows a group is `:`, `.` or the end. */
static bool sexa_group(const char *s, size_t n, size_t *i)
{
	if (*i + 1 < n && s[*i] >= '0' && s[*i] <= '5' && is_dig(s[*i + 1]))
		*i += 2;
	else if (*i < n && is_dig(s[*i]))
		*i += 1;
	else
		return false;
	return true;
}

/* `(?:[eE][-+][0-9]+)?$` from s[i]. */
static bool exp_tail(const char *s, size_t n, size_t i)
{
	if (i == n)
		return true;
	if (s[i] != 'e' && s[i] != 'E')
		return false;
	i++;
	if (i >= n || !is_sign(s[i]))
		return false;
	i++;
	if (i >= n)
		return false;
	while (i < n && is_dig(s[i]))
		i++;
	return i == n;
}

/*  [-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?
 * | \.[0-9][0-9_]*([eE][-+][0-9]+)?
 * | [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*
 * | [-+]?\.(inf|Inf|INF)
 * | \.(nan|NaN|NAN)                                                    */
static bool match_float(const char *s, size_t n)
{
	if (n == 0)
		return false;
	size_t j = is_sign(s[0]) ? 1 : 0;
	if (n - j == 4 && s[j] == '.' && eq3(s + j + 1, 3, "inf", "Inf", "INF"))
		return true;
	if (n == 4 && s[0] == '.' && eq3(s + 1, 3, "nan", "NaN", "NAN"))
		return true;
	size_t i;
	if (s[0] == '.') {
		if (n < 2 || !is_dig(s[1]))
			return false;
		for (i = 2; i < n && is_dig_(s[i]); i++)
			;
		return exp_tail(s, n, i);
	}
	i = j;
	if (i >= n || !is_dig(s[i]))
		return false;
	for (i++; i < n && is_dig_(s[i]); i++)
		;
	if (i < n && s[i] == '.') {
		for (i++; i < n && is_dig_(s[i]); i++)
			;
		return exp_tail(s, n, i);
	}
	if (i >= n || s[i] != ':')
		return false;
	while (i < n && s[i] == ':') {
		i++;
		if (!sexa_group(s, n, &i))
			return false;
	}
	if (i >= n || s[i] != '.')
		return false;
	for (i++; i < n && is_dig_(s[i]); i++)
		;
	return i == n;
}

static bool all_in(const char *s, size_t n, const char *set)
{
	for (size_t i = 0; i < n; i++)
		if (!s[i] || !strchr(set, s[i]))
			return false;
	return true;
}

/*  [-+]?0b[0-1_]+ | [-+]?0[0-7_]+ | [-+]?(0|[1-9][0-9_]*)
 * | [-+]?0x[0-9a-fA-F_]+ | [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+            */
static bool match_int(const char *s, size_t n)
{
	size_t i = (n > 0 && is_sign(s[0])) ? 1 : 0;
	if (i >= n)
		return false;
	if (s[i] == '0') {
		if (i + 1 == n)
			return true;
		if (s[i + 1] == 'b')
			return i + 2 < n && all_in(s + i + 2, n - i - 2, "01_");
		if (s[i + 1] == 'x')
			return i + 2 < n && all_in(s + i + 2, n - i - 2, "0123456789abcdefABCDEF_");
		return all_in(s + i + 1, n - i - 1, "01234567_");
	}
	if (s[i] < '1' || s[i] > '9')
		return false;
	for (i++; i < n && is_dig_(s[i]); i++)
		;
	if (i == n)
		return true;
	while (i < n) {
		if (s[i] != ':')
			return false;
		i++;
		if (!sexa_group(s, n, &i))
			return false;
	}
	return true;
}

static bool match_null(const char *s, size_t n)
{
	if (n > 4)
		return false;
	return n == 0 || eq(s, n, "~") || eq3(s, n, "null", "Null", "NULL");
}

/* Read 1 or 2 digits (max digits) into *v. */
static bool digits12(const char *s, size_t n, size_t *i, int max, int *v)
{
	if (*i >= n || !is_dig(s[*i]))
		return false;
	*v = s[(*i)++] - '0';
	if (max == 2 && *i < n && is_dig(s[*i]))
		*v = *v * 10 + (s[(*i)++] - '0');
	return true;
}

static bool digits_exact(const char *s, size_t n, size_t *i, int count, int *v)
{
	*v = 0;
	for (int k = 0; k < count; k++, (*i)++) {
		if (*i >= n || !is_dig(s[*i]))
			return false;
		*v = *v * 10 + (s[*i] - '0');
	}
	return true;
}

/* The resolver's timestamp expression, which is also the constructor's
 * (PyYAML's two differ only in that the date-only form needs 2-digit
 * month and day for resolution):
 *   YYYY-MM-DD
 * | YYYY-M?M-D?D([Tt]|[ \t]+)H?H:MM:SS(\.[0-9]*)?([ \t]*(Z|[-+]H?H(:MM)?))?
 * Fills ts (values unchecked) and tells whether it matched. */
static bool match_timestamp(const char *s, size_t n, struct y11_timestamp *ts)
{
	memset(ts, 0, sizeof *ts);
	size_t i = 0;
	if (!digits_exact(s, n, &i, 4, &ts->year) || i >= n || s[i++] != '-')
		return false;
	if (n == 10) {
		size_t k = i;
		if (digits_exact(s, n, &k, 2, &ts->month) && k < n && s[k] == '-') {
			k++;
			if (digits_exact(s, n, &k, 2, &ts->day) && k == n)
				return true;
		}
	}
	if (!digits12(s, n, &i, 2, &ts->month) || i >= n || s[i++] != '-')
		return false;
	if (!digits12(s, n, &i, 2, &ts->day) || i >= n)
		return false;
	if (s[i] == 'T' || s[i] == 't') {
		i++;
	} else if (s[i] == ' ' || s[i] == '\t') {
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
	} else {
		return false;
	}
	ts->has_time = true;
	if (!digits12(s, n, &i, 2, &ts->hour) || i >= n || s[i++] != ':')
		return false;
	if (!digits_exact(s, n, &i, 2, &ts->minute) || i >= n || s[i++] != ':')
		return false;
	if (!digits_exact(s, n, &i, 2, &ts->second))
		return false;
	if (i < n && s[i] == '.') {
		int k = 0;
		for (i++; i < n && is_dig(s[i]); i++, k++)
			if (k < 6)
				ts->usec = ts->usec * 10 + (s[i] - '0');
		for (; k < 6; k++)
			ts->usec *= 10;
	}
	if (i == n)
		return true;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i >= n)
		return false;
	ts->has_tz = true;
	if (s[i] == 'Z')
		return i + 1 == n;
	if (!is_sign(s[i]))
		return false;
	int sign = s[i++] == '-' ? -1 : 1, h = 0, m = 0;
	if (!digits12(s, n, &i, 2, &h))
		return false;
	if (i < n && s[i] == ':') {
		i++;
		if (!digits_exact(s, n, &i, 2, &m))
			return false;
	}
	ts->tz_minutes = sign * (h * 60 + m);
	return i == n;
}

enum y11_type yaml11_resolve(const char *s, size_t n)
{
	/* PyYAML picks its resolvers by the first character: anything else
	 * (and the empty string is null) is a string without further tests */
	if (n > 0 && !memchr("yYnNtTfFoO0123456789+-.~<=", s[0], 27))
		return Y11_STR;
	struct y11_timestamp ts;
	if (match_bool(s, n))
		return Y11_BOOL;
	if (match_float(s, n))
		return Y11_FLOAT;
	if (match_int(s, n))
		return Y11_INT;
	if (eq(s, n, "<<"))
		return Y11_MERGE;
	if (match_null(s, n))
		return Y11_NULL;
	if (n > 0 && is_dig(s[0]) && match_timestamp(s, n, &ts))
		return Y11_TIMESTAMP;
	if (eq(s, n, "="))
		return Y11_VALUE;
	return Y11_STR;
}

/* ---- construction ---- */

/* Magnitude of an int scalar as int64, with overflow detection. The sign
 * is applied by the caller. Digits of one base-b run accumulate into *acc. */
static void acc_digit(uint64_t *acc, bool *ovf, unsigned base, unsigned d)
{
	if (*acc > (UINT64_MAX - d) / base)
		*ovf = true;
	else
		*acc = *acc * base + d;
}

static unsigned hexval(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (unsigned)(c - 'a' + 10);
	return (unsigned)(c - 'A' + 10);
}

/* Walk the digits of an int scalar (already known to match the int
 * expression) and call step(ctx, multiplier, digit) for each, in the order
 * Python's arithmetic combines them: each step is x = x * mul + digit.
 * Returns the sign, or 0 with err set when int() raises. */
typedef void (*int_step)(void *ctx, unsigned mul, unsigned digit);

static int int_walk(const char *s, size_t n, int_step step, void *ctx, char *err, size_t errsz)
{
	size_t i = 0;
	int sign = 1;
	/* PyYAML drops every '_' first; skip them as we go. */
	while (i < n && s[i] == '_')
		i++;
	if (i < n && s[i] == '-')
		sign = -1;
	if (i < n && is_sign(s[i]))
		i++;
	while (i < n && s[i] == '_')
		i++;
	size_t j = i + 1;
	while (j < n && s[j] == '_')
		j++;
	bool lead0 = i < n && s[i] == '0';
	unsigned base = 10;
	if (lead0 && j < n && (s[j] == 'b' || s[j] == 'x')) {
		base = s[j] == 'b' ? 2 : 16;
		size_t count = 0;
		for (size_t k = j + 1; k < n; k++)
			if (s[k] != '_') {
				step(ctx, base, hexval(s[k]));
				count++;
			}
		if (count == 0) {
			snprintf(err, errsz, "invalid literal for int() with base %u: ''", base);
			return 0;
		}
		return sign;
	}
	if (lead0) {
		for (size_t k = i; k < n; k++)
			if (s[k] != '_')
				step(ctx, 8, (unsigned)(s[k] - '0'));
		return sign;
	}
	/* decimal, possibly sexagesimal: the first run is decimal, each later
	 * `:dd` multiplies by 60 */
	size_t first = 0;
	bool in_first = true;
	for (size_t k = i; k < n; k++) {
		if (s[k] == '_')
			continue;
		if (s[k] == ':') {
			in_first = false;
			unsigned d = (unsigned)(s[k + 1] - '0');
			if (k + 2 < n && is_dig(s[k + 2]))
				d = d * 10 + (unsigned)(s[k + 2] - '0'), k++;
			step(ctx, 60, d);
			k++;
			continue;
		}
		if (in_first) {
			step(ctx, 10, (unsigned)(s[k] - '0'));
			first++;
		}
	}
	if (first > PY_INT_MAX_STR_DIGITS) {
		snprintf(err, errsz,
			 "Exceeds the limit (%d digits) for integer string conversion: value has %zu digits; "
			 "use sys.set_int_max_str_digits() to increase the limit",
			 PY_INT_MAX_STR_DIGITS, first);
		return 0;
	}
	return sign;
}

struct acc64 {
	uint64_t v;
	bool ovf;
};

static void step64(void *ctx, unsigned mul, unsigned digit)
{
	struct acc64 *a = ctx;
	acc_digit(&a->v, &a->ovf, mul, digit);
}

static void construct_int(const char *s, size_t n, struct y11_value *v)
{
	struct acc64 a = { 0, false };
	int sign = int_walk(s, n, step64, &a, v->error, sizeof v->error);
	if (sign == 0)
		return;
	if (sign > 0) {
		if (a.ovf || a.v > (uint64_t)INT64_MAX) {
			v->i_overflow = true;
			v->i = INT64_MAX;
		} else {
			v->i = (int64_t)a.v;
		}
	} else {
		if (a.ovf || a.v > (uint64_t)INT64_MAX + 1) {
			v->i_overflow = true;
			v->i = INT64_MIN;
		} else {
			v->i = a.v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)a.v;
		}
	}
}

/* float(text) for text made only of digits, '.', 'e', sign: strtod with
 * the underscores removed. */
static double strtod_nounder(const char *s, size_t n)
{
	char small[64];
	char *b = n < sizeof small ? small : malloc(n + 1);
	if (!b)
		return NAN;
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] != '_')
			b[m++] = s[i];
	b[m] = '\0';
	double d = strtod(b, NULL);
	if (b != small)
		free(b);
	return d;
}

static void construct_float(const char *s, size_t n, struct y11_value *v)
{
	size_t i = 0;
	double sign = 1.0;
	/* '_' may precede the sign only if it is not the first char; the
	 * float expression never allows that, so the sign is s[0]. */
	if (n > 0 && s[0] == '-')
		sign = -1.0;
	if (n > 0 && is_sign(s[0]))
		i = 1;
	if (n - i == 4 && s[i] == '.' && (s[i + 1] == 'i' || s[i + 1] == 'I')) {
		v->f = sign * INFINITY;
		return;
	}
	if (n - i == 4 && s[i] == '.' && (s[i + 1] == 'n' || s[i + 1] == 'N')) {
		v->f = NAN;
		return;
	}
	if (!memchr(s + i, ':', n - i)) {
		v->f = sign * strtod_nounder(s + i, n - i);
		return;
	}
	/* base 60: sum the parts from the last, as PyYAML does */
	double value = 0.0, base = 1.0;
	size_t end = n;
	for (;;) {
		size_t k = end;
		while (k > i && s[k - 1] != ':')
			k--;
		value += strtod_nounder(s + k, end - k) * base;
		base *= 60.0;
		if (k == i)
			break;
		end = k - 1;
	}
	v->f = sign * value;
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* repr() of timedelta(minutes=m), as in Python's timezone() error. */
static void timedelta_repr(int minutes, char *out, size_t cap)
{
	long total = (long)minutes * 60;
	long days = total >= 0 ? total / 86400 : -((-total + 86399) / 86400);
	long secs = total - days * 86400;
	if (days && secs)
		snprintf(out, cap, "datetime.timedelta(days=%ld, seconds=%ld)", days, secs);
	else if (days)
		snprintf(out, cap, "datetime.timedelta(days=%ld)", days);
	else if (secs)
		snprintf(out, cap, "datetime.timedelta(seconds=%ld)", secs);
	else
		snprintf(out, cap, "datetime.timedelta(0)");
}

/* Python's datetime/date/timezone constructor checks, in their order. */
static void construct_timestamp(const char *s, size_t n, struct y11_value *v)
{
	struct y11_timestamp *t = &v->ts;
	match_timestamp(s, n, t);
	if (t->has_tz && (t->tz_minutes >= 24 * 60 || t->tz_minutes <= -24 * 60)) {
		char td[64];
		timedelta_repr(t->tz_minutes, td, sizeof td);
		snprintf(v->error, sizeof v->error,
			 "offset must be a timedelta strictly between -timedelta(hours=24) and "
			 "timedelta(hours=24), not %s.", td);
		return;
	}
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	const char *e = NULL;
	if (t->year < 1)
		snprintf(v->error, sizeof v->error, "year %d is out of range", t->year);
	else if (t->month < 1 || t->month > 12)
		e = "month must be in 1..12";
	else if (t->day < 1 || t->day > mdays[t->month - 1] + (t->month == 2 && is_leap(t->year)))
		e = "day is out of range for month";
	else if (t->has_time && t->hour > 23)
		e = "hour must be in 0..23";
	else if (t->has_time && t->minute > 59)
		e = "minute must be in 0..59";
	else if (t->has_time && t->second > 59)
		e = "second must be in 0..59";
	if (e)
		snprintf(v->error, sizeof v->error, "%s", e);
}

int yaml11_construct(const char *s, size_t n, bool plain, struct y11_value *v)
{
	memset(v, 0, sizeof *v);
	v->type = plain ? yaml11_resolve(s, n) : Y11_STR;
	switch (v->type) {
	case Y11_BOOL:
		v->b = s[0] == 'y' || s[0] == 'Y' || s[0] == 't' || s[0] == 'T' ||
		       ((s[0] == 'o' || s[0] == 'O') && n == 2);
		break;
	case Y11_INT:
		construct_int(s, n, v);
		break;
	case Y11_FLOAT:
		construct_float(s, n, v);
		break;
	case Y11_TIMESTAMP:
		construct_timestamp(s, n, v);
		break;
	case Y11_MERGE:
	case Y11_VALUE:
		snprintf(v->error, sizeof v->error,
			 "could not determine a constructor for the tag 'tag:yaml.org,2002:%s'",
			 yaml11_type_name(v->type));
		break;
	default:
		break;
	}
	return v->error[0] ? -1 : 0;
}

int yaml11_to_bool(const char *s, size_t n, bool *out)
{
	struct y11_value v;
	if (yaml11_construct(s, n, true, &v) < 0 || v.type != Y11_BOOL)
		return -1;
	*out = v.b;
	return 0;
}

int yaml11_to_int(const char *s, size_t n, int64_t *out)
{
	struct y11_value v;
	if (yaml11_construct(s, n, true, &v) < 0 || v.type != Y11_INT)
		return -1;
	*out = v.i;
	return v.i_overflow ? -2 : 0;
}

int yaml11_to_float(const char *s, size_t n, double *out)
{
	struct y11_value v;
	if (yaml11_construct(s, n, true, &v) < 0 || v.type != Y11_FLOAT)
		return -1;
	*out = v.f;
	return 0;
}

/* ---- Python str() ---- */

void yaml11_float_repr(double d, char out[32])
{
	if (isnan(d)) {
		strcpy(out, "nan");
		return;
	}
	if (isinf(d)) {
		strcpy(out, d < 0 ? "-inf" : "inf");
		return;
	}
	/* Shortest digits that round-trip: the correctly rounded p-digit
	 * value for the smallest p that reads back as d (what repr prints). */
	char tmp[40];
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*e", prec - 1, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	char digits[24];
	size_t nd = 0;
	const char *p = tmp;
	bool neg = *p == '-';
	if (neg)
		p++;
	for (; *p && *p != 'e'; p++)
		if (is_dig(*p) && nd < sizeof digits - 1)
			digits[nd++] = *p;
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	digits[nd] = '\0';
	int decpt = (*p == 'e' ? atoi(p + 1) : 0) + 1;
	char *o = out;
	if (neg)
		*o++ = '-';
	if (decpt <= -4 || decpt > 16) {
		*o++ = digits[0];
		if (nd > 1) {
			*o++ = '.';
			memcpy(o, digits + 1, nd - 1);
			o += nd - 1;
		}
		int e = decpt - 1;
		snprintf(o, 8, "e%c%02d", e < 0 ? '-' : '+', (e < 0 ? -e : e) % 1000);
		return;
	}
	if (decpt <= 0) {
		*o++ = '0';
		*o++ = '.';
		for (int k = 0; k < -decpt; k++)
			*o++ = '0';
		memcpy(o, digits, nd);
		o += nd;
	} else if ((size_t)decpt < nd) {
		memcpy(o, digits, (size_t)decpt);
		o += decpt;
		*o++ = '.';
		memcpy(o, digits + decpt, nd - (size_t)decpt);
		o += nd - (size_t)decpt;
	} else {
		memcpy(o, digits, nd);
		o += nd;
		for (size_t k = nd; k < (size_t)decpt; k++)
			*o++ = '0';
		*o++ = '.';
		*o++ = '0';
	}
	*o = '\0';
}

/* A little bignum in base 10^9 for str() of ints beyond 64 bits. */
struct big {
	uint32_t *limb;   /* least significant first */
	size_t n, cap;
};

static void big_step(void *ctx, unsigned mul, unsigned digit)
{
	struct big *b = ctx;
	uint64_t carry = digit;
	for (size_t k = 0; k < b->n; k++) {
		uint64_t x = (uint64_t)b->limb[k] * mul + carry;
		b->limb[k] = (uint32_t)(x % 1000000000u);
		carry = x / 1000000000u;
	}
	while (carry && b->n < b->cap) {
		b->limb[b->n++] = (uint32_t)(carry % 1000000000u);
		carry /= 1000000000u;
	}
}

static int big_int_str(const char *s, size_t n, struct buf *out)
{
	struct big b = { NULL, 0, 0 };
	/* each input char multiplies by at most 60 < 10^2: n/4 + 2 limbs suffice */
	b.cap = n / 4 + 2;
	b.limb = calloc(b.cap, sizeof *b.limb);
	if (!b.limb)
		return -1;
	char err[160];
	int sign = int_walk(s, n, big_step, &b, err, sizeof err);
	if (sign == 0) {
		free(b.limb);
		return -1;
	}
	struct buf t = BUF_INIT;
	if (b.n == 0)
		buf_putc(&t, '0');
	else
		buf_printf(&t, "%u", b.limb[b.n - 1]);
	for (size_t k = b.n ? b.n - 1 : 0; k-- > 0;)
		buf_printf(&t, "%09u", b.limb[k]);
	free(b.limb);
	int rc = 0;
	if (t.len > PY_INT_MAX_STR_DIGITS || t.oom)
		rc = -1;
	else {
		if (sign < 0 && !(t.len == 1 && t.data[0] == '0'))
			buf_putc(out, '-');
		buf_add(out, t.data, t.len);
	}
	buf_free(&t);
	return rc;
}

int yaml11_pystr(const char *s, size_t n, const struct y11_value *v, struct buf *out)
{
	if (v->error[0])
		return -1;
	char tmp[32];
	const struct y11_timestamp *t = &v->ts;
	switch (v->type) {
	case Y11_NULL:
		buf_puts(out, "None");
		return 0;
	case Y11_BOOL:
		buf_puts(out, v->b ? "True" : "False");
		return 0;
	case Y11_INT:
		if (!v->i_overflow) {
			buf_printf(out, "%lld", (long long)v->i);
			return 0;
		}
		return big_int_str(s, n, out);
	case Y11_FLOAT:
		yaml11_float_repr(v->f, tmp);
		buf_puts(out, tmp);
		return 0;
	case Y11_TIMESTAMP:
		buf_printf(out, "%04d-%02d-%02d", t->year, t->month, t->day);
		if (!t->has_time)
			return 0;
		buf_printf(out, " %02d:%02d:%02d", t->hour, t->minute, t->second);
		if (t->usec)
			buf_printf(out, ".%06d", t->usec);
		if (t->has_tz) {
			int m = t->tz_minutes < 0 ? -t->tz_minutes : t->tz_minutes;
			buf_printf(out, "%c%02d:%02d", t->tz_minutes < 0 ? '-' : '+', m / 60, m % 60);
		}
		return 0;
	default:
		buf_add(out, s, n);
		return 0;
	}
}
