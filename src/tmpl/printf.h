/* printf: Python's printf-style formatting as templates use it
 * ('task-%05d' % i, '%s-%s' % (a, b), '%(k)s' % d), matching CPython 3.11's
 * output and errors, plus the number layout helpers format.c shares.
 */
#ifndef OSMO_TMPL_PRINTF_H
#define OSMO_TMPL_PRINTF_H

#include "tmpl/eval.h"

/* A printf format compiled once: literal pieces and simple conversions. */
struct pfmt;
/* Compile f[0..n) when every conversion is a plain %d, %i or %s with an
 * optional 0 or - flag and a width; NULL otherwise (use the general path). */
const struct pfmt *printf_compile(struct arena *a, const char *f, size_t n);
/* Format args with a compiled format into out: 1 = done, 0 = the values
 * need the general path (nothing written). */
int printf_run(const struct pfmt *pf, const char *f, struct tv args, struct buf *out);
/* fmt % args appended to out. Returns 0 or -1. */
int tmpl_percent_into(struct rt *rt, const struct node *at, struct tv fmt, struct tv args, struct buf *out);
/* fmt % args (fmt a str value; args a tuple, a mapping or one value). */
struct tv tmpl_percent(struct rt *rt, const struct node *at, struct tv fmt, struct tv args);
/* x (finite or not, sign written as '-') as Python formats it with type
 * e/E/f/F/g/G/r ('r' = repr); add_dot0 = format()'s rules for no type. */
void printf_float_text(double x, char type, int prec, bool alt, bool add_dot0, struct buf *out);
/* sign + body padded to width (code points) with fill; align '<', '>', '^'
 * or '=' (fill between sign and body). */
void printf_pad(struct buf *out, const char *sign, const char *body, size_t blen, size_t width, char align,
		const char *fill);
/* The digits of |v| in base 2, 8, 10 or 16. */
void printf_int_digits(int64_t v, int base, bool upper, struct buf *out);
/* Code points in s[0..len). */
size_t printf_nchars(const char *s, size_t len);

#endif
