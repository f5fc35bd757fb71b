/* ustr: UTF-8 and Unicode helpers that make C strings behave like Python's
 * str: code point decoding, the character classes Python uses (isspace,
 * isprintable, \w, decimal digits, cased) and full case conversion.
 *
 * Invalid UTF-8 never stops a loop: a bad byte decodes as itself (U+0080..
 * U+00FF range), so every scan terminates.
 */
#ifndef OSMO_TMPL_USTR_H
#define OSMO_TMPL_USTR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

enum ustr_case { USTR_UPPER, USTR_LOWER, USTR_TITLE };

/* Decode the code point at s[*i] and advance *i (i < len). */
uint32_t ustr_next(const char *s, size_t len, size_t *i);
/* Append the UTF-8 encoding of c. */
void ustr_put(struct buf *b, uint32_t c);
/* Byte offset of code point number n (clamped to len). */
size_t ustr_offset(const char *s, size_t len, size_t n);
/* Is s[0..len) valid UTF-8? On failure *bad is the offset of the bad byte. */
bool ustr_valid(const char *s, size_t len, size_t *bad);
/* Byte offset of the first needle in hay at or after from, or SIZE_MAX. */
size_t ustr_find(const char *hay, size_t hlen, const char *needle, size_t nlen, size_t from);
/* Byte offset of the last needle in hay[0..end), or SIZE_MAX. */
size_t ustr_rfind(const char *hay, size_t end, const char *needle, size_t nlen, size_t from);
/* Code points in s[0..len). */
size_t ustr_count(const char *s, size_t len);
/* str.isprintable() of one code point. */
bool ustr_printable(uint32_t c);
/* str.isspace() of one code point (also \s and str.split()). */
bool ustr_space(uint32_t c);
/* \w of Python's re: alphanumeric or underscore. */
bool ustr_word(uint32_t c);
/* Decimal digit value as int() reads it, or -1. */
int ustr_digit(uint32_t c);
/* Letter with case (upper, lower or title). */
bool ustr_cased(uint32_t c);
/* Python's full case mapping of c into out[3]; returns the count (1..3). */
int ustr_map(uint32_t c, enum ustr_case which, uint32_t out[3]);
/* str.upper() / str.lower() of s into out. Returns 0, or -1 when the text
 * needs context rules we do not implement (Greek final sigma in lower). */
int ustr_convert(const char *s, size_t len, enum ustr_case which, struct buf *out);
/* str.title(): upper-case (title-case) the first cased letter of each run. */
int ustr_title(const char *s, size_t len, struct buf *out);
/* str.capitalize(): first character title-cased, the rest lower-cased. */
int ustr_capitalize(const char *s, size_t len, struct buf *out);

#endif
