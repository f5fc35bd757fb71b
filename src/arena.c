/* arena: chunked bump allocator (see arena.h). */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK 65536
#define ALIGN 16

struct arena_chunk {
	struct arena_chunk *next;
	size_t size;
	/* data follows, aligned */
};

#define HDR ((sizeof(struct arena_chunk) + ALIGN - 1) & ~(size_t)(ALIGN - 1))

static void *new_chunk(struct arena *a, size_t need, int make_current)
{
	size_t size = need > CHUNK - HDR ? need : CHUNK - HDR;
	if (size > SIZE_MAX - HDR)
		return NULL;
	struct arena_chunk *c = malloc(HDR + size);
	if (!c)
		return NULL;
	c->size = size;
	char *data = (char *)c + HDR;
	if (make_current) {
		c->next = a->head;
		a->head = c;
		a->cur = data;
		a->end = data + size;
	} else if (a->head) {
		/* an oversized block: keep the current chunk for small requests */
		c->next = a->head->next;
		a->head->next = c;
	} else {
		/* the first block is oversized: it is all in use, there is no
		 * current chunk yet */
		c->next = NULL;
		a->head = c;
	}
	return data;
}

void *arena_alloc(struct arena *a, size_t n)
{
	if (n == 0)
		n = 1;
	if (n > SIZE_MAX - ALIGN) {
		a->oom = true;
		return NULL;
	}
	n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	a->total += n;
	if (a->cur && (size_t)(a->end - a->cur) >= n) {
		void *p = a->cur;
		a->cur += n;
		return p;
	}
	if (n > CHUNK / 4) {
		void *big = new_chunk(a, n, 0);
		a->oom |= big == NULL;
		return big;
	}
	char *p = new_chunk(a, n, 1);
	if (!p) {
		a->oom = true;
		return NULL;
	}
	a->cur = p + n;
	return p;
}

void *arena_zalloc(struct arena *a, size_t n)
{
	void *p = arena_alloc(a, n);
	if (p)
		memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (p) {
		if (n)
			memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

void arena_free(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
	a->cur = a->end = NULL;
	a->total = 0;
	a->oom = false;
}
