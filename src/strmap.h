/* strmap: a hash map from strings to pointers (open addressing).
 *
 * Keys are borrowed: they must outlive the map. Used for name lookups that
 * must stay linear on 100,000-task specs (task names, normalised names).
 */
#ifndef OSMO_STRMAP_H
#define OSMO_STRMAP_H

#include <stddef.h>

struct strmap {
	const char **keys;
	void **vals;
	size_t cap, n;
};

#define STRMAP_INIT { NULL, NULL, 0, 0 }

/* The value for key, or NULL. */
void *strmap_get(const struct strmap *m, const char *key);
/* Set key to val (replacing). Returns 0 or -1 (out of memory). */
int strmap_put(struct strmap *m, const char *key, void *val);
/* Set key to val only when absent; returns the value now stored (the old
 * one when present, val when inserted), or NULL when out of memory. */
void *strmap_add(struct strmap *m, const char *key, void *val);
/* Make room for n more keys without growing (a bulk insert of a known
 * count rehashes nothing). Returns 0 or -1 (out of memory). */
int strmap_reserve(struct strmap *m, size_t n);
/* Free the table (not the keys or values). */
void strmap_free(struct strmap *m);

#endif
