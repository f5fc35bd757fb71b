/* ustr: Python str semantics over UTF-8 (see ustr.h). Lookups are binary
 * searches over the generated tables in unitab.c; ASCII takes fast paths. */
#include "tmpl/ustr.h"

#include <string.h>

#include "tmpl/unitab.h"

uint32_t ustr_next(const char *s, size_t len, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k = *i;
	uint32_t c = p[k];
	if (c < 0x80) {
		*i = k + 1;
		return c;
	}
	int n = c >= 0xF8 ? 0 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
	if (n == 0 || len - k <= (size_t)n) {
		*i = k + 1;
		return c;
	}
	uint32_t cp = c & (0x3Fu >> n);
	for (int j = 1; j <= n; j++) {
		unsigned char b = p[k + (size_t)j];
		if ((b & 0xC0) != 0x80) {
			*i = k + 1;
			return c;
		}
		cp = (cp << 6) | (b & 0x3Fu);
	}
	*i = k + (size_t)n + 1;
	return cp;
}

void ustr_put(struct buf *b, uint32_t c)
{
	char o[4];
	int n;
	if (c < 0x80) {
		o[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		o[0] = (char)(0xC0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		o[0] = (char)(0xE0 | (c >> 12));
		o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		o[0] = (char)(0xF0 | (c >> 18));
		o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		o[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	buf_add(b, o, (size_t)n);
}

size_t ustr_offset(const char *s, size_t len, size_t n)
{
	size_t i = 0;
	while (n && i < len) {
		ustr_next(s, len, &i);
		n--;
	}
	return i;
}

size_t ustr_find(const char *hay, size_t hlen, const char *needle, size_t nlen, size_t from)
{
	if (nlen == 0)
		return from <= hlen ? from : SIZE_MAX;
	if (hlen < nlen)
		return SIZE_MAX;
	for (size_t i = from; i + nlen <= hlen; i++) {
		const char *p = memchr(hay + i, needle[0], hlen - nlen + 1 - i);
		if (!p)
			return SIZE_MAX;
		i = (size_t)(p - hay);
		if (memcmp(p, needle, nlen) == 0)
			return i;
	}
	return SIZE_MAX;
}

size_t ustr_rfind(const char *hay, size_t end, const char *needle, size_t nlen, size_t from)
{
	if (end < nlen || end < from + nlen)
		return nlen == 0 && end >= from ? end : SIZE_MAX;
	for (size_t i = end - nlen + 1; i-- > from;)
		if (memcmp(hay + i, needle, nlen) == 0)
			return i;
	return SIZE_MAX;
}

size_t ustr_count(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

bool ustr_valid(const char *s, size_t len, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		unsigned char c = p[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		int n = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
		uint32_t cp = n == 1 ? c & 0x1Fu : n == 2 ? c & 0x0Fu : c & 0x07u;
		if (n < 0 || len - i <= (size_t)n)
			goto fail;
		for (int j = 1; j <= n; j++) {
			if ((p[i + (size_t)j] & 0xC0) != 0x80)
				goto fail;
			cp = (cp << 6) | (p[i + (size_t)j] & 0x3Fu);
		}
		/* overlong forms, surrogates and values past U+10FFFF */
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			goto fail;
		i += (size_t)n + 1;
	}
	return true;
fail:
	if (bad)
		*bad = i;
	return false;
}

static bool in_ranges(const uint32_t (*t)[2], size_t n, uint32_t c)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c < t[mid][0])
			hi = mid;
		else if (c > t[mid][1])
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

bool ustr_printable(uint32_t c)
{
	if (c < 0x80)
		return c >= 0x20 && c < 0x7F;
	return !in_ranges(unitab_nonprint, unitab_nonprint_len, c);
}

bool ustr_space(uint32_t c)
{
	if (c < 0x80)
		return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
	return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
	       c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool ustr_word(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
	return in_ranges(unitab_word, unitab_word_len, c);
}

int ustr_digit(uint32_t c)
{
	if (c < 0x80)
		return c >= '0' && c <= '9' ? (int)(c - '0') : -1;
	size_t lo = 0, hi = unitab_digit_len;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c < unitab_digit[mid][0])
			hi = mid;
		else if (c > unitab_digit[mid][1])
			lo = mid + 1;
		else
			return (int)((c - unitab_digit[mid][0]) % 10);
	}
	return -1;
}

bool ustr_cased(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	return in_ranges(unitab_cased, unitab_cased_len, c);
}

static int map_full(const uint32_t (*t)[4], size_t n, uint32_t c, uint32_t out[3])
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c < t[mid][0]) {
			hi = mid;
		} else if (c > t[mid][0]) {
			lo = mid + 1;
		} else {
			int k = 0;
			for (int j = 1; j < 4 && t[mid][j]; j++)
				out[k++] = t[mid][j];
			return k;
		}
	}
	return 0;
}

static uint32_t map_simple(const int32_t (*t)[4], size_t n, uint32_t c)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c < (uint32_t)t[mid][0]) {
			hi = mid;
		} else if (c > (uint32_t)t[mid][1]) {
			lo = mid + 1;
		} else {
			if ((c - (uint32_t)t[mid][0]) % (uint32_t)t[mid][3])
				return c;
			return (uint32_t)((int32_t)c + t[mid][2]);
		}
	}
	return c;
}

int ustr_map(uint32_t c, enum ustr_case which, uint32_t out[3])
{
	if (c < 0x80) {
		if (which == USTR_LOWER)
			out[0] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
		else
			out[0] = (c >= 'a' && c <= 'z') ? c - 32 : c;
		return 1;
	}
	int k;
	switch (which) {
	case USTR_UPPER:
		if ((k = map_full(unitab_upper_full, unitab_upper_full_len, c, out)))
			return k;
		out[0] = map_simple(unitab_upper, unitab_upper_len, c);
		return 1;
	case USTR_LOWER:
		if ((k = map_full(unitab_lower_full, unitab_lower_full_len, c, out)))
			return k;
		out[0] = map_simple(unitab_lower, unitab_lower_len, c);
		return 1;
	default:
		if ((k = map_full(unitab_title_full, unitab_title_full_len, c, out)))
			return k;
		out[0] = map_simple(unitab_title, unitab_title_len, c);
		return 1;
	}
}

static void put_mapped(struct buf *out, uint32_t c, enum ustr_case which)
{
	uint32_t m[3];
	int k = ustr_map(c, which, m);
	for (int j = 0; j < k; j++)
		ustr_put(out, m[j]);
}

int ustr_convert(const char *s, size_t len, enum ustr_case which, struct buf *out)
{
	size_t i = 0;
	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) {
			char c = (char)b;
			if (which == USTR_LOWER && c >= 'A' && c <= 'Z')
				c = (char)(c + 32);
			else if (which != USTR_LOWER && c >= 'a' && c <= 'z')
				c = (char)(c - 32);
			buf_putc(out, c);
			i++;
			continue;
		}
		uint32_t c = ustr_next(s, len, &i);
		if (which == USTR_LOWER && c == 0x3A3)
			return -1; /* final sigma depends on context */
		put_mapped(out, c, which);
	}
	return 0;
}

int ustr_title(const char *s, size_t len, struct buf *out)
{
	bool prev_cased = false;
	size_t i = 0;
	while (i < len) {
		uint32_t c = ustr_next(s, len, &i);
		if (prev_cased && c == 0x3A3)
			return -1;
		put_mapped(out, c, prev_cased ? USTR_LOWER : USTR_TITLE);
		prev_cased = ustr_cased(c);
	}
	return 0;
}

int ustr_capitalize(const char *s, size_t len, struct buf *out)
{
	size_t i = 0;
	if (len == 0)
		return 0;
	uint32_t c = ustr_next(s, len, &i);
	put_mapped(out, c, USTR_TITLE);
	return ustr_convert(s + i, len - i, USTR_LOWER, out);
}
