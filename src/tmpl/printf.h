/* printf: Python's two string formatting languages, as templates use them.
 *
 *   'task-%05d' % i, '%s-%s' % (a, b), '%(k)s' % d   -> tmpl_percent
 *   '{}-{:>5}'.format(a, b), '{0.name}', '{:,.2f}'   -> tmpl_format
 *
 * Output matches CPython 3.11 (printf-style: Objects/unicodeobject.c;
 * format(): the format-spec mini-language). Errors raise the same Python
 * exceptions with the same messages.
 */
#ifndef OSMO_TMPL_PRINTF_H
#define OSMO_TMPL_PRINTF_H

#include "tmpl/eval.h"

/* fmt % args (fmt a str value; args a tuple, a mapping or one value). */
struct tv tmpl_percent(struct rt *rt, const struct node *at, struct tv fmt, struct tv args);
/* fmt.format(*a) through Jinja's sandboxed formatter. */
struct tv tmpl_format(struct rt *rt, const struct node *at, struct tv fmt, const struct args *a);
/* format(v, spec) appended to out. Returns 0 or -1. */
int tmpl_format_value(struct rt *rt, const struct node *at, struct tv v, const char *spec, size_t speclen,
		      struct buf *out);

#endif
