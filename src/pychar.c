/* pychar: Unicode facts for Python-compatible parsing (see pychar.h).
 * The digit table lists the zero of every Nd block; each block is ten
 * consecutive code points (true for all of Unicode 14.0, checked by
 * tests/unit/test_units.c against values computed with python3). */
#include "pychar.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PY_INT_MAX_STR_DIGITS 4300

uint32_t pychar_decode(const char *s, size_t n, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c = u[0];
	size_t need;
	uint32_t cp, min;
	if (c < 0x80) {
		*len = 1;
		return c;
	} else if (c >= 0xC2 && c <= 0xDF) {
		need = 2, cp = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 3, cp = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4, cp = c & 0x07, min = 0x10000;
	} else {
		*len = 1;
		return 0xFFFD;
	}
	if (n < need) {
		*len = 1;
		return 0xFFFD;
	}
	for (size_t i = 1; i < need; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*len = 1;
			return 0xFFFD;
		}
		cp = (cp << 6) | (u[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
		*len = 1;
		return 0xFFFD;
	}
	*len = need;
	return cp;
}

size_t pychar_count(const char *s, size_t n)
{
	size_t count = 0, len;
	for (size_t i = 0; i < n; i += len, count++)
		pychar_decode(s + i, n - i, &len);
	return count;
}

static bool common_space(uint32_t cp)
{
	return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 ||
	       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
	       cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool pychar_isspace(uint32_t cp)
{
	return common_space(cp) || (cp >= 0x1C && cp <= 0x1F);
}

bool pychar_rust_isspace(uint32_t cp)
{
	return common_space(cp);
}

static const uint32_t nd_zero[] = {
	0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66,
	0xCE6, 0xD66, 0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810,
	0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620,
	0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30,
	0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
	0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60,
	0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140,
	0x1E2F0, 0x1E950, 0x1FBF0,
};

int pychar_digit(uint32_t cp)
{
	size_t lo = 0, hi = sizeof nd_zero / sizeof nd_zero[0];
	while (lo < hi) {   /* last zero <= cp */
		size_t mid = (lo + hi) / 2;
		if (nd_zero[mid] <= cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return -1;
	uint32_t z = nd_zero[lo - 1];
	return cp - z < 10 ? (int)(cp - z) : -1;
}

/* The text without surrounding Python whitespace: [*a, *z). */
static bool strip(const char *s, size_t n, size_t *a, size_t *z)
{
	size_t len;
	*a = n;
	*z = 0;
	for (size_t i = 0; i < n; i += len)
		if (!pychar_isspace(pychar_decode(s + i, n - i, &len))) {
			if (*a == n)
				*a = i;
			*z = i + len;
		}
	return *a < n;
}

/* A run of digits with single '_' separators at s[*i..z), appended to out
 * as ASCII. Returns the number of digits (0: none or a bad '_'). */
struct ascii_out {
	char *b;
	size_t n, cap;
};

static size_t digit_part(const char *s, size_t *i, size_t z, struct ascii_out *out)
{
	size_t count = 0, len;
	while (*i < z) {
		int d = pychar_digit(pychar_decode(s + *i, z - *i, &len));
		if (d < 0) {
			if (s[*i] != '_' || count == 0 || *i + 1 >= z)
				break;
			int next = pychar_digit(pychar_decode(s + *i + 1, z - *i - 1, &len));
			if (next < 0)
				return 0;
			(*i)++;
			continue;
		}
		if (out && out->n + 1 < out->cap)
			out->b[out->n++] = (char)('0' + d);
		*i += len;
		count++;
	}
	return count;
}

int pychar_int(const char *s, size_t n, int64_t *v, bool *big, char *digits, size_t cap)
{
	size_t a, z;
	*v = 0;
	*big = false;
	if (!strip(s, n, &a, &z))
		return -1;
	bool neg = false;
	if (s[a] == '+' || s[a] == '-')
		neg = s[a++] == '-';
	size_t i = a, len;
	if (i < z && s[i] == '_')
		return -1;
	uint64_t mag = 0;
	size_t count = 0, sig = 0;
	while (i < z) {
		int d = pychar_digit(pychar_decode(s + i, z - i, &len));
		if (d < 0) {
			if (s[i] != '_' || i + 1 >= z || pychar_digit(pychar_decode(s + i + 1, z - i - 1, &len)) < 0)
				return -1;
			i++;
			continue;
		}
		i += len;
		count++;
		if (sig || d) {
			if (digits && sig + 1 < cap)
				digits[sig] = (char)('0' + d);
			sig++;
		}
		if (mag > (UINT64_MAX - 9) / 10)
			*big = true;
		else
			mag = mag * 10 + (unsigned)d;
	}
	if (count == 0 || count > PY_INT_MAX_STR_DIGITS)
		return -1;
	if (digits && cap) {
		if (sig == 0)
			digits[sig++] = '0';
		digits[sig < cap ? sig : cap - 1] = '\0';
	}
	if (!*big && mag > (uint64_t)INT64_MAX + (neg ? 1 : 0))
		*big = true;
	if (*big)
		*v = neg ? INT64_MIN : INT64_MAX;
	else if (neg)
		*v = mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag;
	else
		*v = (int64_t)mag;
	return 0;
}

int pychar_float(const char *s, size_t n, double *v)
{
	size_t a, z;
	if (!strip(s, n, &a, &z))
		return -1;
	char small[128];
	struct ascii_out out = { small, 0, sizeof small };
	if (z - a + 2 > sizeof small) {
		out.b = malloc(z - a + 2);
		out.cap = z - a + 2;
		if (!out.b)
			return -1;
	}
	size_t i = a;
	int rc = -1;
	if (s[i] == '+' || s[i] == '-')
		out.b[out.n++] = s[i++];
	static const char *const words[] = { "inf", "infinity", "nan" };
	for (size_t k = 0; k < 3; k++)
		if (z - i == strlen(words[k]) && strncasecmp(s + i, words[k], z - i) == 0) {
			memcpy(out.b + out.n, words[k], z - i);
			out.n += z - i;
			i = z;
			rc = 0;
		}
	if (rc != 0) {
		size_t whole = digit_part(s, &i, z, &out), frac = 0;
		if (i < z && s[i] == '.') {
			out.b[out.n++] = '.';
			i++;
			frac = digit_part(s, &i, z, &out);
		}
		rc = (whole || frac) ? 0 : -1;
		if (rc == 0 && i < z && (s[i] == 'e' || s[i] == 'E')) {
			out.b[out.n++] = 'e';
			i++;
			if (i < z && (s[i] == '+' || s[i] == '-'))
				out.b[out.n++] = s[i++];
			rc = digit_part(s, &i, z, &out) ? 0 : -1;
		}
		if (i != z)
			rc = -1;
	}
	out.b[out.n] = '\0';
	if (rc == 0)
		*v = strtod(out.b, NULL);
	if (out.b != small)
		free(out.b);
	return rc;
}
