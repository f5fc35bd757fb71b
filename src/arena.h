/* arena: bump allocation for data that dies together (a document's nodes).
 *
 * Allocation is a pointer bump inside 64 KiB chunks (larger requests get a
 * chunk of their own); everything is freed at once by arena_free(). Returns
 * NULL when out of memory.
 */
#ifndef OSMO_ARENA_H
#define OSMO_ARENA_H

#include <stdbool.h>
#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	char *cur, *end;
	size_t total;          /* bytes handed out, for accounting */
	bool oom;              /* an allocation failed (sticky) */
};

#define ARENA_INIT { NULL, NULL, NULL, 0, false }

/* n bytes aligned for any object, uninitialised (NULL and a->oom set when
 * out of memory). */
void *arena_alloc(struct arena *a, size_t n);
/* n zeroed bytes. */
void *arena_zalloc(struct arena *a, size_t n);
/* A NUL-terminated copy of s[0..n). */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Free every allocation. The arena can be reused afterwards. */
void arena_free(struct arena *a);

#endif
