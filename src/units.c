/* units: quantities, durations and the scalar coercions in front of OSMO's
 * field checks (see units.h).
 *
 * Every checker first turns the YAML scalar into the Python value OSMO
 * sees (yaml11.c), applies the coercion of the model field (pydantic lax
 * mode, OSMO's number->str and dict stringification), then runs OSMO's
 * check. Python's int() and float() accept Unicode digits and whitespace,
 * and re's \d matches any decimal digit; pychar.c supplies those facts, so
 * e.g. "\u0663Gi" (Arabic-Indic 3) is accepted here exactly as in OSMO.
 */
#include "units.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pychar.h"
#include "yaml11.h"

#define SHORT 120   /* bytes of a value quoted in a message */

static void verr(struct units_err *e, size_t off, size_t end, const char *fmt, va_list ap)
{
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	e->hint[0] = '\0';
	e->off = off;
	e->end = end;
}

void units_err_set(struct units_err *e, size_t off, size_t end, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verr(e, off, end, fmt, ap);
	va_end(ap);
}

void units_err_at(struct units_err *e, size_t n, size_t bad, const char *fmt, ...)
{
	size_t off = n == 0 ? UNITS_NOPOS : bad < n ? bad : n - 1;
	va_list ap;
	va_start(ap, fmt);
	verr(e, off, n == 0 ? 0 : off + 1, fmt, ap);
	va_end(ap);
}

/* Back up to the start of a UTF-8 sequence. */
static size_t utf8_floor(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

void units_shorten(const char *s, size_t n, char *out, size_t cap)
{
	if (n < cap) {
		memcpy(out, s, n);
		out[n] = '\0';
		return;
	}
	size_t budget = cap - 8;   /* room for "..." and a split sequence */
	size_t head = utf8_floor(s, budget * 2 / 3);
	size_t tail = n - utf8_floor(s, n - (budget - head));
	snprintf(out, cap, "%.*s...%.*s", (int)head, s, (int)tail, s + n - tail);
}

/* e->msg formatted with the shortened value v as the first %s. */
#define FAILV(e, s, n, off, end, fmt, ...) do { \
		char v_[SHORT]; \
		units_shorten((s), (n), v_, sizeof v_); \
		units_err_set((e), (off), (end), fmt, v_, ##__VA_ARGS__); \
	} while (0)

static int construct(const char *s, size_t n, bool plain, struct y11_value *v, struct units_err *e)
{
	if (yaml11_construct(s, n, plain, v) == 0)
		return 0;
	units_err_set(e, UNITS_NOPOS, 0, "YAML cannot load this value: %s", v->error);
	return -1;
}

/* construct() for an Optional field: 1 (and *unset) when the value is null. */
static int construct_optional(const char *s, size_t n, bool plain, struct y11_value *v, bool *unset,
			      struct units_err *e)
{
	*unset = false;
	if (construct(s, n, plain, v, e) < 0)
		return -1;
	*unset = v->type == Y11_NULL;
	return *unset;
}

/* How YAML read the value; `quote` (string fields only) adds how to keep
 * the text: quoting a boolean does not make it a duration or a number. */
static void bool_hint(struct units_err *e, const struct y11_value *v, const char *s, size_t n, bool quote)
{
	if (v->type == Y11_BOOL && quote)
		snprintf(e->hint, sizeof e->hint,
			 "YAML 1.1 reads %.*s as a boolean; quote it (\"%.*s\") to keep the text",
			 (int)n, s, (int)n, s);
	else if (v->type == Y11_BOOL)
		snprintf(e->hint, sizeof e->hint, "YAML 1.1 reads %.*s as a boolean", (int)n, s);
	else if (v->type == Y11_NULL)
		snprintf(e->hint, sizeof e->hint, "the value is empty (null)");
	else if (v->type == Y11_TIMESTAMP)
		snprintf(e->hint, sizeof e->hint, "YAML reads %.*s as a date%s", (int)n, s, quote ? "; quote it" : "");
}

/* ---- Python str() coercions ---- */

/* str() of the value when its type is allowed: mask bits of y11 types. */
#define T(t) (1u << (t))

static int stringify(const char *s, size_t n, bool plain, unsigned allowed, struct buf *out,
		     struct units_err *e)
{
	struct y11_value v;
	if (construct(s, n, plain, &v, e) < 0)
		return -1;
	if (!(allowed & T(v.type))) {
		units_err_set(e, UNITS_NOPOS, 0, "Input should be a valid string");
		bool_hint(e, &v, s, n, true);
		return -1;
	}
	if (yaml11_pystr(s, n, &v, out) < 0) {
		units_err_set(e, UNITS_NOPOS, 0, "Exceeds the limit (4300 digits) for integer string conversion");
		return -1;
	}
	return 0;
}

int units_str_field(const char *s, size_t n, bool plain, bool numbers_ok, struct buf *out,
		    struct units_err *e)
{
	return stringify(s, n, plain, T(Y11_STR) | (numbers_ok ? T(Y11_INT) | T(Y11_FLOAT) : 0), out, e);
}

int units_dict_value(const char *s, size_t n, bool plain, struct buf *out, struct units_err *e)
{
	return stringify(s, n, plain, T(Y11_STR) | T(Y11_INT) | T(Y11_FLOAT) | T(Y11_BOOL), out, e);
}

int units_dict_key(const char *s, size_t n, bool plain, struct buf *out)
{
	struct units_err e;
	return stringify(s, n, plain, ~0u, out, &e);
}

/* ---- durations ---- */

#define DUR_MSG "Cannot recognize duration: %s. Only support ISO 8601 (e.g. PT10S) or xd, xh, xm, xs, xms, xus"

/* \d+ (Unicode digits) and, when frac_ok, an optional .\d+; as a double. */
static bool iso_number(const char *s, size_t n, size_t *i, bool frac_ok, bool *frac, double *v)
{
	size_t len, k = *i, o = 0;
	char buf[64];
	*frac = false;
	while (k < n) {
		int d = pychar_digit(pychar_decode(s + k, n - k, &len));
		if (d >= 0) {
			if (o + 1 < sizeof buf)
				buf[o++] = (char)('0' + d);
			k += len;
		} else if (s[k] == '.' && frac_ok && !*frac && o > 0 && k + 1 < n &&
			   pychar_digit(pychar_decode(s + k + 1, n - k - 1, &len)) >= 0) {
			*frac = true;
			buf[o++] = '.';
			k++;
		} else {
			break;
		}
	}
	if (o == 0)
		return false;
	buf[o] = '\0';
	*v = strtod(buf, NULL);
	*i = k;
	return true;
}

/* ^P(nD)?(T(nH)?(nM)?(n(.n)?S)?)?$ with at least one component. */
static bool iso8601(const char *s, size_t n, double *sec)
{
	static const struct { char unit; double mult; } parts[] = {
		{ 'H', 3600 }, { 'M', 60 }, { 'S', 1 },
	};
	size_t i = 1;
	double v, total = 0;
	bool any = false, frac;
	if (n < 2 || s[0] != 'P')
		return false;
	if (iso_number(s, n, &i, false, &frac, &v)) {
		if (i >= n || s[i] != 'D')
			return false;
		total += v * 86400;
		any = true;
		i++;
	}
	if (i < n && s[i] == 'T') {
		i++;
		size_t next = 0;   /* H, M, S in this order, each at most once */
		while (i < n) {
			if (!iso_number(s, n, &i, true, &frac, &v) || i >= n)
				return false;
			size_t k = next;
			while (k < 3 && parts[k].unit != s[i])
				k++;
			if (k == 3 || (frac && parts[k].unit != 'S'))
				return false;
			total += v * parts[k].mult;
			any = true;
			next = k + 1;
			i++;
		}
	}
	*sec = total;
	return any && i == n;
}

/* s upper-cased into buf (cap bytes; NUL-terminated, cut when longer). */
static const char *upper_copy(const char *s, size_t n, char *buf, size_t cap)
{
	size_t i = 0;
	for (; i < n && i + 1 < cap; i++)
		buf[i] = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 'a' + 'A') : s[i];
	buf[i] = '\0';
	return buf;
}

int units_duration_str(const char *s, size_t n, double *seconds, struct units_err *e)
{
	if (iso8601(s, n, seconds)) {
		if (*seconds < -999999999.0 * 86400 || *seconds >= 1e9 * 86400) {
			FAILV(e, s, n, UNITS_NOPOS, 0, "Duration %s is out of range: at most 999999999 days");
			return -1;
		}
		return 0;
	}
	static const struct { const char *unit; double seconds; int64_t per_day; } units[] = {
		{ "ms", 1e-3, 86400000LL }, { "us", 1e-6, 0 /* any int64 fits */ },
		{ "d", 86400, 1 }, { "h", 3600, 24 }, { "m", 60, 1440 }, { "s", 1, 86400 },
	};
	size_t unit_len = 0;
	if (n >= 2 && pychar_count(s, n) >= 3 && (memcmp(s + n - 2, "ms", 2) == 0 || memcmp(s + n - 2, "us", 2) == 0))
		unit_len = 2;
	else if (n > 0)
		unit_len = n - utf8_floor(s, n - 1);
	int64_t v;
	bool big;
	size_t k = 0;
	char up[64];
	if (n == 0 || pychar_int(s, n - unit_len, &v, &big, NULL, 0) < 0)
		goto bad;
	for (; k < sizeof units / sizeof units[0]; k++)
		if (strlen(units[k].unit) == unit_len && memcmp(s + n - unit_len, units[k].unit, unit_len) == 0)
			break;
	if (k == sizeof units / sizeof units[0])
		goto bad;
	/* timedelta holds -999999999 days .. 999999999 days 23:59:59.999999 */
	int64_t pd = units[k].per_day;
	if (big || (pd && (v < -999999999LL * pd || v >= 1000000000LL * pd))) {
		FAILV(e, s, n, UNITS_NOPOS, 0, "Duration %s is out of range: at most 999999999 days");
		return -1;
	}
	*seconds = (double)v * units[k].seconds;
	return 0;
bad:
	FAILV(e, s, n, UNITS_NOPOS, 0, DUR_MSG);
	if (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		snprintf(e->hint, sizeof e->hint, "remove the trailing space");
	else if (n > 1 && n < sizeof up && (s[0] == 'p' || s[0] == 'P') &&
		 iso8601(upper_copy(s, n, up, sizeof up), n, seconds))
		snprintf(e->hint, sizeof e->hint, "ISO 8601 durations are upper case: write %s", up);
	else if (n > 1 && strchr("DHMS", s[n - 1]) && pychar_int(s, n - 1, &v, &big, NULL, 0) == 0)
		snprintf(e->hint, sizeof e->hint, "units are lower case: write %.*s%c",
			 (int)(n - 1), s, s[n - 1] - 'A' + 'a');
	else if (pychar_int(s, n, &v, &big, NULL, 0) == 0)
		snprintf(e->hint, sizeof e->hint, "add a unit (%.*ss), or write the seconds as a number, unquoted",
			 (int)n, s);
	else
		snprintf(e->hint, sizeof e->hint, "write one whole number and one unit, e.g. 90m or PT1H30M");
	return -1;
}

int units_duration(const char *s, size_t n, bool plain, enum units_dur_ctx ctx,
		   double *seconds, bool *unset, struct units_err *e)
{
	struct y11_value v;
	*seconds = 0;
	int r = construct_optional(s, n, plain, &v, unset, e);
	if (r)
		return r < 0 ? -1 : 0;
	switch (v.type) {
	case Y11_BOOL:
		if (ctx == UNITS_DUR_FREQUENCY) {
			units_err_set(e, UNITS_NOPOS, 0, "Checkpoint frequency must be a duration, not a boolean");
			bool_hint(e, &v, s, n, false);
			snprintf(e->hint + strlen(e->hint), sizeof e->hint - strlen(e->hint),
				 "; write a duration such as 60s or PT5M");
			return -1;
		}
		*seconds = v.b ? 1 : 0;
		return 0;
	case Y11_INT:
	case Y11_FLOAT: {
		double d = v.type == Y11_INT ? (double)v.i : v.f;
		if (isnan(d)) {
			units_err_set(e, UNITS_NOPOS, 0, "cannot convert float NaN to integer");
			return -1;
		}
		if (v.i_overflow || d < -999999999.0 * 86400 || d >= 1e9 * 86400) {
			FAILV(e, s, n, UNITS_NOPOS, 0, "Duration %s is out of range: at most 999999999 days");
			return -1;
		}
		*seconds = d;
		return 0;
	}
	case Y11_STR:
		return units_duration_str(s, n, seconds, e);
	default:
		FAILV(e, s, n, UNITS_NOPOS, 0, DUR_MSG);
		bool_hint(e, &v, s, n, false);
		return -1;
	}
}

/* ---- quantities ---- */

static const struct { const char *unit; int power; } measurements[] = {
	{ "T", 40 }, { "Ti", 40 }, { "TiB", 40 }, { "G", 30 }, { "Gi", 30 }, { "GiB", 30 },
	{ "M", 20 }, { "Mi", 20 }, { "MiB", 20 }, { "K", 10 }, { "Ki", 10 }, { "KiB", 10 },
	{ "B", 0 }, { "m", -10 },
};

const char *units_unit_suggestion(const char *u, size_t n)
{
	static const char *const binary[] = { "Ki", "Mi", "Gi", "Ti" };
	if (n == 1 && u[0] == 'm')
		return "Mi";
	if (n == 0 || n > 3)
		return NULL;
	const char *p = strchr("kmgt", u[0] | 0x20);
	if (!p || !((u[0] | 0x20) >= 'a' && (u[0] | 0x20) <= 'z'))
		return NULL;
	for (size_t i = 1; i < n; i++)   /* the rest may only be i/I/b/B */
		if (!strchr("iIbB", u[i]))
			return NULL;
	return binary[p - "kmgt"];
}

/* The value regex (\d+(\.\d+)?)([a-zA-Z]*) on the stringified value. */
static int quantity_text(const char *s, size_t n, const char *field, double *bytes, struct units_err *e)
{
	char num[80];
	size_t i = 0, o = 0, len;
	bool dot = false;
	while (i < n) {
		int d = pychar_digit(pychar_decode(s + i, n - i, &len));
		if (d >= 0) {
			if (o + 1 < sizeof num)
				num[o++] = (char)('0' + d);
			i += len;
			continue;
		}
		if (s[i] == '.' && !dot && o > 0 && i + 1 < n &&
		    pychar_digit(pychar_decode(s + i + 1, n - i - 1, &len)) >= 0) {
			dot = true;
			if (o + 1 < sizeof num)
				num[o++] = '.';
			i++;
			continue;
		}
		break;
	}
	size_t unit_at = i;
	while (i < n && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
		i++;
	if (o == 0 || i != n) {
		FAILV(e, s, n, o == 0 ? 0 : i, n, "Resource %2$s field has invalid value %1$s", field);
		if (o > 0 && s[i] == ' ')
			snprintf(e->hint, sizeof e->hint, "remove the space: write %.*s%.*s",
				 (int)unit_at, s, (int)(n - i - 1), s + i + 1);
		else
			snprintf(e->hint, sizeof e->hint, "write a plain number and a unit, e.g. 32Gi");
		return -1;
	}
	num[o] = '\0';
	int power = 0;
	if (unit_at < n) {
		size_t k = 0, ulen = n - unit_at;
		for (; k < sizeof measurements / sizeof measurements[0]; k++)
			if (strlen(measurements[k].unit) == ulen && memcmp(measurements[k].unit, s + unit_at, ulen) == 0)
				break;
		if (k == sizeof measurements / sizeof measurements[0]) {
			units_err_set(e, unit_at, n, "Resource %s field has invalid unit: %.*s", field,
				      (int)ulen, s + unit_at);
			const char *sug = units_unit_suggestion(s + unit_at, ulen);
			if (sug)
				snprintf(e->hint, sizeof e->hint, "use %s: OSMO units are binary and case-sensitive", sug);
			else
				snprintf(e->hint, sizeof e->hint, "units are T Ti TiB G Gi GiB M Mi MiB K Ki KiB B m");
			return -1;
		}
		power = measurements[k].power;
	}
	*bytes = ldexp(strtod(num, NULL), power);
	return 0;
}

int units_quantity(const char *s, size_t n, bool plain, const char *field,
		   double *bytes, bool *unset, struct units_err *e)
{
	struct y11_value v;
	*bytes = 0;
	int r = construct_optional(s, n, plain, &v, unset, e);
	if (r)
		return r < 0 ? -1 : 0;
	struct buf b = BUF_INIT;
	int rc = units_str_field(s, n, plain, true, &b, e);
	if (rc == 0)
		rc = quantity_text(buf_cstr(&b), b.len, field, bytes, e);
	if (rc < 0 && b.len != n)   /* a number printed differently: no byte range */
		e->off = UNITS_NOPOS;
	buf_free(&b);
	return rc;
}

int units_cache_size(const char *s, size_t n, bool plain, double *value, bool *is_percent,
		     bool *unset, struct units_err *e)
{
	struct y11_value v;
	*is_percent = false;
	int r = construct_optional(s, n, plain, &v, unset, e);
	if (r)
		return r < 0 ? -1 : 0;
	struct buf b = BUF_INIT;
	int rc = 0;
	if (v.type == Y11_STR && n == 0) {   /* "" is falsy: unset too */
		*unset = true;
		goto out;
	}
	if ((rc = units_str_field(s, n, plain, true, &b, e)) < 0)
		goto out;
	const char *t = buf_cstr(&b);
	if (b.len > 0 && t[b.len - 1] == '%') {
		double p;
		*is_percent = true;
		if (pychar_float(t, b.len - 1, &p) < 0 || isnan(p) || isinf(p)) {
			FAILV(e, t, b.len, UNITS_NOPOS, 0, "Improperly formatted cache size: %s");
			rc = -1;
		} else if (floor(p) < 0 || floor(p) > 100) {
			FAILV(e, t, b.len, UNITS_NOPOS, 0, "Cache size must be between 0-100 percent: %s");
			rc = -1;
		} else {
			*value = floor(p) + 0.0;   /* no -0 */
		}
		goto out;
	}
	rc = quantity_text(t, b.len, "cache", value, e);
out:
	buf_free(&b);
	return rc;
}

/* ---- pydantic lax int and bool ---- */

#define INT_PARSE "Input should be a valid integer, unable to parse string as an integer"
#define INT_SIZE "Unable to parse input string as an integer, exceeded maximum size"

/* pydantic-core's str -> int: trimmed, [+-]digits(_digits)*(.0+)? */
static int lax_int_str(const char *s, size_t n, int64_t *out, bool *big, struct units_err *e)
{
	size_t a = 0, z = n, len;
	while (a < z && pychar_rust_isspace(pychar_decode(s + a, z - a, &len)))
		a += len;
	while (z > a && pychar_rust_isspace(pychar_decode(s + utf8_floor(s, z - 1), z - utf8_floor(s, z - 1), &len)))
		z = utf8_floor(s, z - 1);
	size_t i = a, digits = 0, sig = 0;
	bool neg = false;
	if (i < z && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	uint64_t mag = 0;
	*big = false;
	while (i < z && ((s[i] >= '0' && s[i] <= '9') || (s[i] == '_' && digits && i + 1 < z &&
							     s[i + 1] >= '0' && s[i + 1] <= '9'))) {
		if (s[i] != '_') {
			unsigned d = (unsigned)(s[i] - '0');
			digits++;
			sig += sig || d;
			if (mag > (UINT64_MAX - 9) / 10)
				*big = true;
			else
				mag = mag * 10 + d;
		}
		i++;
	}
	if (digits && i < z && s[i] == '.' && i + 1 < z) {
		size_t k = i + 1;
		while (k < z && s[k] == '0')
			k++;
		if (k == z)
			i = z;
	}
	if (!digits || i != z) {
		units_err_set(e, i < n ? i : UNITS_NOPOS, z, INT_PARSE);
		return -1;
	}
	if (sig > 4300) {
		units_err_set(e, UNITS_NOPOS, 0, INT_SIZE);
		return -1;
	}
	if (mag > (uint64_t)INT64_MAX + (neg ? 1 : 0))
		*big = true;
	*out = *big ? (neg ? INT64_MIN : INT64_MAX)
		    : neg ? (int64_t)(0 - mag) : (int64_t)mag;
	return 0;
}

int units_lax_int(const char *s, size_t n, bool plain, int64_t *out, bool *big, bool *unset,
		  struct units_err *e)
{
	struct y11_value v;
	*out = 0;
	*big = false;
	int r = construct_optional(s, n, plain, &v, unset, e);
	if (r)
		return r < 0 ? -1 : 0;
	switch (v.type) {
	case Y11_BOOL:
		*out = v.b;
		return 0;
	case Y11_INT:
		*out = v.i;
		*big = v.i_overflow;
		return 0;
	case Y11_FLOAT:
		if (isnan(v.f) || isinf(v.f)) {
			units_err_set(e, UNITS_NOPOS, 0, "Input should be a finite number");
			return -1;
		}
		if (v.f != floor(v.f)) {
			units_err_set(e, UNITS_NOPOS, 0,
				      "Input should be a valid integer, got a number with a fractional part");
			return -1;
		}
		if (fabs(v.f) >= 9223372036854775808.0) {
			units_err_set(e, UNITS_NOPOS, 0, INT_SIZE);
			return -1;
		}
		*out = (int64_t)v.f;
		return 0;
	case Y11_STR:
		return lax_int_str(s, n, out, big, e);
	default:
		units_err_set(e, UNITS_NOPOS, 0, "Input should be a valid integer");
		bool_hint(e, &v, s, n, false);
		return -1;
	}
}

int units_lax_bool(const char *s, size_t n, bool plain, bool *out, struct units_err *e)
{
	static const char *const words[] = { "0", "off", "f", "false", "n", "no",
					     "1", "on", "t", "true", "y", "yes" };
	struct y11_value v;
	if (construct(s, n, plain, &v, e) < 0)
		return -1;
	switch (v.type) {
	case Y11_BOOL:
		*out = v.b;
		return 0;
	case Y11_INT:
		if (!v.i_overflow && (v.i == 0 || v.i == 1)) {
			*out = v.i == 1;
			return 0;
		}
		break;
	case Y11_FLOAT:
		if (v.f == 0.0 || v.f == 1.0) {
			*out = v.f == 1.0;
			return 0;
		}
		units_err_set(e, UNITS_NOPOS, 0, "Input should be a valid boolean");
		return -1;
	case Y11_STR:
		for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
			if (strlen(words[k]) == n && strncasecmp(s, words[k], n) == 0) {
				*out = k >= 6;
				return 0;
			}
		break;
	default:
		units_err_set(e, UNITS_NOPOS, 0, "Input should be a valid boolean");
		return -1;
	}
	units_err_set(e, UNITS_NOPOS, 0, "Input should be a valid boolean, unable to interpret input");
	snprintf(e->hint, sizeof e->hint, "use true or false");
	return -1;
}

/* ---- exit actions, downloadType, topology ---- */

/* Python str.upper() folds these two non-ASCII letters onto ASCII ones. */
static int upper_ascii(const char *s, size_t n, char *out, size_t cap)
{
	size_t o = 0, len;
	for (size_t i = 0; i < n; i += len) {
		uint32_t c = pychar_decode(s + i, n - i, &len);
		if (o + 1 >= cap)
			return -1;
		if (c == 0x131)
			c = 'I';
		else if (c == 0x17F)
			c = 'S';
		else if (c >= 'a' && c <= 'z')
			c -= 32;
		else if (c >= 128)
			return -1;
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return 0;
}

int units_exit_action_key(const char *s, size_t n, bool plain, const char *task, struct units_err *e)
{
	static const char *const actions[] = { "COMPLETE", "FAIL", "RESCHEDULE" };
	struct buf k = BUF_INIT;
	char up[16];
	units_dict_key(s, n, plain, &k);
	int rc = -1;
	if (upper_ascii(buf_cstr(&k), k.len, up, sizeof up) == 0)
		for (size_t i = 0; i < 3; i++)
			if (strcmp(up, actions[i]) == 0)
				rc = 0;
	if (rc < 0) {
		FAILV(e, buf_cstr(&k), k.len, UNITS_NOPOS, 0, "Invalid exit action %s for task %s.", task);
		snprintf(e->hint, sizeof e->hint, "exit actions are COMPLETE, FAIL and RESCHEDULE");
	}
	buf_free(&k);
	return rc;
}

/* ^(\d+(-\d+)?)+(,\d+(-\d+)?)*$ with Unicode \d. The first comma-separated
 * part may chain ranges ("1-23-4" is "1-2" then "3-4"): every run between
 * two dashes needs two digits. When it does not match, *bad is the offset
 * of the first bad character. */
static bool exit_codes_match(const char *s, size_t n, size_t *bad)
{
	size_t i = 0, len, run = 0, part = 0, dashes = 0;
	for (;;) {
		*bad = i;
		if (i == n || s[i] == ',') {
			if (run == 0)
				return false;
			if (i == n)
				return true;
			part++;
			run = dashes = 0;
			i++;
		} else if (s[i] == '-') {
			if (run == 0 || (dashes > 0 && run < 2) || (part > 0 && dashes > 0))
				return false;
			dashes++;
			run = 0;
			i++;
		} else if (pychar_digit(pychar_decode(s + i, n - i, &len)) >= 0) {
			run++;
			i += len;
		} else {
			return false;
		}
	}
}

int units_exit_codes(const char *s, size_t n, bool plain, const char *key, const char *task,
		     struct units_err *e)
{
	struct buf b = BUF_INIT;
	int rc = units_dict_value(s, n, plain, &b, e);
	if (rc == 0) {
		size_t bad;
		if (!exit_codes_match(buf_cstr(&b), b.len, &bad)) {
			char v[SHORT];
			units_shorten(buf_cstr(&b), b.len, v, sizeof v);
			units_err_at(e, b.len, bad, "Invalid exit codes %s for action %s for task %s.", v, key, task);
			if (b.len != n)   /* printed from a number: no range in the source */
				e->off = UNITS_NOPOS;
			snprintf(e->hint, sizeof e->hint, "write codes and ranges separated by commas, e.g. 1-3,5");
			rc = -1;
		}
	}
	buf_free(&b);
	return rc;
}

int units_download_type(const char *s, size_t n, bool plain, const char *task, struct units_err *e)
{
	struct y11_value v;
	if (construct(s, n, plain, &v, e) < 0)
		return -1;
	if (v.type == Y11_NULL || (v.type == Y11_STR && n == 8 && memcmp(s, "download", 8) == 0))
		return 0;
	if (v.type == Y11_STR) {
		FAILV(e, s, n, 0, n, "Task \"%2$s\" uses invalid downloadType \"%1$s\". Valid types are: ['download']",
		      task);
		if (n == 8 && strncasecmp(s, "download", 8) == 0)
			snprintf(e->hint, sizeof e->hint, "write it in lowercase: download");
	} else
		units_err_set(e, UNITS_NOPOS, 0, "Task \"%s\" has unsupported downloadType type: %s", task,
			      yaml11_python_type(&v));
	return -1;
}

int units_requirement_type(const char *s, size_t n, bool plain, struct units_err *e)
{
	struct y11_value v;
	if (construct(s, n, plain, &v, e) < 0)
		return -1;
	if (v.type == Y11_STR && ((n == 8 && memcmp(s, "required", 8) == 0) ||
				  (n == 9 && memcmp(s, "preferred", 9) == 0)))
		return 0;
	units_err_set(e, UNITS_NOPOS, 0, "Input should be 'required' or 'preferred'");
	if (v.type == Y11_STR && ((n == 8 && strncasecmp(s, "required", 8) == 0) ||
				  (n == 9 && strncasecmp(s, "preferred", 9) == 0)))
		snprintf(e->hint, sizeof e->hint, "write it in lowercase");
	return -1;
}
