/* format: Python's format-spec mini-language and str.format as templates
 * use them ('{}-{:>5}'.format(a, b), '{0.name}', '{:,.2f}'), matching
 * CPython 3.11's output and errors, with Jinja's sandboxed field access.
 */
#ifndef OSMO_TMPL_FORMAT_H
#define OSMO_TMPL_FORMAT_H

#include "tmpl/eval.h"

/* fmt.format(*a) through Jinja's sandboxed formatter. */
struct tv tmpl_format(struct rt *rt, const struct node *at, struct tv fmt, const struct args *a);
/* format(v, spec) appended to out. Returns 0 or -1. */
int tmpl_format_value(struct rt *rt, const struct node *at, struct tv v, const char *spec, size_t speclen,
		      struct buf *out);

#endif
