/* markup: markupsafe.Markup semantics for the strings |e, |escape,
 * |forceescape, |safe and |tojson produce. Printing a Markup prints its
 * text, but combining one with a plain string escapes the plain side
 * (Markup + '<' gives '&lt;'), formatting with one escapes the arguments,
 * and most str methods keep the result a Markup. Jinja does this even
 * without autoescaping, so osmo-tui must too to print the same bytes.
 */
#ifndef OSMO_TMPL_MARKUP_H
#define OSMO_TMPL_MARKUP_H

#include "tmpl/eval.h"

/* Is v a Markup string? */
static inline bool markup_is(struct tv v)
{
	return v.kind == TV_STR && v.u.s->markup;
}
/* markupsafe.escape of s[0..n) appended to out. */
void markup_escape(const char *s, size_t n, struct buf *out);
/* Does s[0..n) contain a character escape() changes? */
bool markup_needs_escape(const char *s, size_t n);
/* The string value s (taken) as a Markup (copied when shared). */
struct tv markup_mark(struct rt *rt, const struct node *at, struct tv s);
/* Does the str method `name` return a Markup (and escape its string
 * arguments) when called on a Markup? */
bool markup_method_wraps(const char *name);
/* Does the filter `name` return a Markup for a Markup input? */
bool markup_filter_keeps(const char *name);

#endif
