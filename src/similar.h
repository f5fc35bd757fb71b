/* similar: how alike two names are, for "did you mean ...?" suggestions.
 *
 * An edit distance in half-steps: a change of letter case costs 1, any
 * other substitution, insertion or deletion costs 2. Names longer than
 * SIMILAR_MAX bytes are never similar (the cost is bounded).
 */
#ifndef OSMO_SIMILAR_H
#define OSMO_SIMILAR_H

#include <stddef.h>

#define SIMILAR_MAX 64
#define SIMILAR_FAR ((size_t)-1)

/* Distance of a and b in half-steps, or SIMILAR_FAR when either is too long. */
size_t similar_distance(const char *a, const char *b);
/* The same when it is at most max, else SIMILAR_FAR (and it stops as soon
 * as that is certain: searching for the closest of many names is fast). */
size_t similar_within(const char *a, const char *b, size_t max);

/* The largest distance (half-steps) worth suggesting for a name of len bytes. */
size_t similar_limit(size_t len);

#endif
