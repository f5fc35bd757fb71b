/* strmap: a hash map from strings to pointers (open addressing).
 *
 * Keys are borrowed: they must outlive the map. Used for name lookups that
 * must stay linear on 100,000-task specs (task names, normalised names).
 * Each slot keeps its key's hash, so a probe reads one slot and compares
 * strings only when the hashes match; callers that look a name up in every
 * edit may keep its strmap_hash() and use the _h forms.
 */
#ifndef OSMO_STRMAP_H
#define OSMO_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap_slot {
	uint64_t hash;
	const char *key;        /* NULL: empty */
	void *val;
};

struct strmap {
	struct strmap_slot *slot;
	size_t cap, n;
};

#define STRMAP_INIT { NULL, 0, 0 }

/* The hash strmap uses for key. */
uint64_t strmap_hash(const char *key);
/* The value for key, or NULL. */
void *strmap_get(const struct strmap *m, const char *key);
/* The same, for a key whose strmap_hash() is h. */
void *strmap_get_h(const struct strmap *m, const char *key, uint64_t h);
/* Set key to val (replacing). Returns 0 or -1 (out of memory). */
int strmap_put(struct strmap *m, const char *key, void *val);
/* Set key to val only when absent; returns the value now stored (the old
 * one when present, val when inserted), or NULL when out of memory. */
void *strmap_add(struct strmap *m, const char *key, void *val);
/* The same, for a key whose strmap_hash() is h. */
void *strmap_add_h(struct strmap *m, const char *key, uint64_t h, void *val);
/* Make room for n more keys without growing (a bulk insert of a known
 * count rehashes nothing). Returns 0 or -1 (out of memory). */
int strmap_reserve(struct strmap *m, size_t n);
/* Free the table (not the keys or values). */
void strmap_free(struct strmap *m);

#endif
