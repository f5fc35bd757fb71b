/* strmap: string -> pointer hash map (see strmap.h). FNV-1a, linear probing,
 * load factor at most 1/2. */
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static size_t slot(const struct strmap *m, const char *key)
{
	size_t i = hash(key) & (m->cap - 1);
	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

void *strmap_get(const struct strmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	size_t i = slot(m, key);
	return m->keys[i] ? m->vals[i] : NULL;
}

static int grow(struct strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 16;
	struct strmap n = { calloc(cap, sizeof *n.keys), calloc(cap, sizeof *n.vals), cap, 0 };
	if (!n.keys || !n.vals) {
		free(n.keys);
		free(n.vals);
		return -1;
	}
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i]) {
			size_t j = slot(&n, m->keys[i]);
			n.keys[j] = m->keys[i];
			n.vals[j] = m->vals[i];
			n.n++;
		}
	free(m->keys);
	free(m->vals);
	/* Field by field: clang 14's analyzer loses a whole-struct store through
	 * a pointer and then reports the freed old table as still in use. */
	m->keys = n.keys;
	m->vals = n.vals;
	m->cap = n.cap;
	m->n = n.n;
	return 0;
}

void *strmap_add(struct strmap *m, const char *key, void *val)
{
	if ((m->n + 1) * 2 > m->cap && grow(m) < 0)
		return NULL;
	size_t i = slot(m, key);
	if (m->keys[i])
		return m->vals[i];
	m->keys[i] = key;
	m->vals[i] = val;
	m->n++;
	return val;
}

int strmap_put(struct strmap *m, const char *key, void *val)
{
	if ((m->n + 1) * 2 > m->cap && grow(m) < 0)
		return -1;
	size_t i = slot(m, key);
	if (!m->keys[i])
		m->n++;
	m->keys[i] = key;
	m->vals[i] = val;
	return 0;
}

void strmap_free(struct strmap *m)
{
	free(m->keys);
	free(m->vals);
	m->keys = NULL;
	m->vals = NULL;
	m->cap = m->n = 0;
}

int strmap_reserve(struct strmap *m, size_t n)
{
	while ((m->n + n) * 2 > m->cap)
		if (grow(m) < 0)
			return -1;
	return 0;
}
