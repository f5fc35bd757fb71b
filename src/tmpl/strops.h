/* strops: Python str operations shared by the str methods and the
 * filters (|trim, |replace, |indent use them), over UTF-8 with Python's
 * whitespace and line-boundary rules.
 */
#ifndef OSMO_TMPL_STROPS_H
#define OSMO_TMPL_STROPS_H

#include "tmpl/eval.h"

/* str.strip(chars) / lstrip / rstrip: which = 'b', 'l' or 'r'. chars NULL =
 * whitespace. Returns a new string value. */
struct tv strops_strip(struct rt *rt, const struct node *at, struct tv s, const char *chars, size_t clen,
		       char which);
/* str.split(sep, maxsplit) (sep NULL = whitespace); a new list. */
struct tv strops_split(struct rt *rt, const struct node *at, struct tv s, const char *sep, size_t seplen,
		       int64_t maxsplit, bool right);
/* str.replace(old, new, count) (count < 0 = all); a new string. */
struct tv strops_replace(struct rt *rt, const struct node *at, struct tv s, struct tv old, struct tv new_,
			 int64_t count);
/* str.splitlines(keepends); a new list. */
struct tv strops_splitlines(struct rt *rt, const struct node *at, struct tv s, bool keepends);

#endif
