/* pychar: the few Python 3.11 str character facts OSMO's checks depend on.
 *
 * OSMO runs Python, so `int(" 5")`, `re` `\d` and pydantic's string-to-int
 * see Unicode: Python's int() strips Unicode whitespace and accepts any
 * decimal digit (Arabic-Indic, fullwidth, ...); pydantic strips Rust's
 * White_Space set, which differs from Python's in U+001C..U+001F. This
 * module decodes UTF-8 and answers those questions from small tables
 * (Unicode 14.0, the version of Python 3.11's unicodedata).
 */
#ifndef OSMO_PYCHAR_H
#define OSMO_PYCHAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decode the code point at s[0..n) (n > 0); *len gets its byte length.
 * A malformed byte decodes as U+FFFD with length 1. */
uint32_t pychar_decode(const char *s, size_t n, size_t *len);

/* Number of code points in s[0..n) (Python's len() of the decoded str). */
size_t pychar_count(const char *s, size_t n);

/* Python str.isspace(): the whitespace int() and float() strip. */
bool pychar_isspace(uint32_t cp);

/* Rust char::is_whitespace() (Unicode White_Space): what pydantic-core strips. */
bool pychar_rust_isspace(uint32_t cp);

/* Value 0..9 of a Unicode decimal digit (category Nd), else -1. This is the
 * set Python's int() and re's \d (str patterns) accept. */
int pychar_digit(uint32_t cp);

/* Python int(str) in base 10: surrounding whitespace (isspace), a sign,
 * decimal digits (any script) with single '_' between digits. Returns 0 and
 * sets *v (clamped) and *big when the value does not fit in int64; -1 when
 * Python raises ValueError (also for more than 4300 digits). When digits is
 * not NULL it receives the value's ASCII digits, sign and leading zeros
 * dropped (truncated to cap - 1). */
int pychar_int(const char *s, size_t n, int64_t *v, bool *big, char *digits, size_t cap);

/* Python float(str): whitespace, sign, digits (any script) with '_'
 * separators, optional fraction and exponent, or inf/infinity/nan in any
 * case. Returns 0 and sets *v, or -1 (ValueError). */
int pychar_float(const char *s, size_t n, double *v);

#endif
