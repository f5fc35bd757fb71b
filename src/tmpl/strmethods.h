/* strmethods: the methods of Python's str that templates call
 * ('a,b'.split(','), name.upper(), '{}-{}'.format(a, b), ...), with
 * CPython 3.11's semantics over UTF-8 (indexes count code points). Helpers
 * shared with the filters (whitespace split, strip) are exported too.
 */
#ifndef OSMO_TMPL_STRMETHODS_H
#define OSMO_TMPL_STRMETHODS_H

#include "tmpl/methods.h"

/* The str method called name (its static name in *canon), or NULL when
 * osmo-tui does not implement it. */
method_fn strmethods_find(const char *name, size_t len, const char **canon);
/* str.strip(chars) / lstrip / rstrip: which = 'b', 'l' or 'r'. chars NULL =
 * whitespace. Returns a new string value. */
struct tv strmethods_strip(struct rt *rt, const struct node *at, struct tv s, const char *chars, size_t clen,
			   char which);
/* str.split(sep, maxsplit) (sep NULL = whitespace); a new list. */
struct tv strmethods_split(struct rt *rt, const struct node *at, struct tv s, const char *sep, size_t seplen,
			   int64_t maxsplit, bool right);
/* str.replace(old, new, count) (count < 0 = all); a new string. */
struct tv strmethods_replace(struct rt *rt, const struct node *at, struct tv s, struct tv old, struct tv new_,
			     int64_t count);
/* str.splitlines(keepends); a new list. */
struct tv strmethods_splitlines(struct rt *rt, const struct node *at, struct tv s, bool keepends);
/* Require an ASCII string for an operation whose Unicode rules osmo-tui
 * does not carry; reports "unsupported" and returns false otherwise. */
bool strmethods_need_ascii(struct rt *rt, const struct node *at, struct tv s, const char *what);

#endif
