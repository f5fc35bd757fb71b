/* strmap: string -> pointer hash map (see strmap.h). FNV-1a, linear probing,
 * load factor at most 1/2. */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

uint64_t strmap_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static size_t find(const struct strmap *m, const char *key, uint64_t h)
{
	size_t i = h & (m->cap - 1);
	while (m->slot[i].key && (m->slot[i].hash != h || strcmp(m->slot[i].key, key) != 0))
		i = (i + 1) & (m->cap - 1);
	return i;
}

void *strmap_get_h(const struct strmap *m, const char *key, uint64_t h)
{
	if (!m->cap)
		return NULL;
	const struct strmap_slot *s = &m->slot[find(m, key, h)];
	return s->key ? s->val : NULL;
}

void *strmap_get(const struct strmap *m, const char *key)
{
	return m->cap ? strmap_get_h(m, key, strmap_hash(key)) : NULL;
}

static int grow(struct strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 16;
	struct strmap n = { calloc(cap, sizeof *n.slot), cap, 0 };
	if (!n.slot)
		return -1;
	for (size_t i = 0; i < m->cap; i++)
		if (m->slot[i].key) {
			size_t j = m->slot[i].hash & (cap - 1);
			while (n.slot[j].key)
				j = (j + 1) & (cap - 1);
			n.slot[j] = m->slot[i];
			n.n++;
		}
	free(m->slot);
	/* Field by field: clang 14's analyzer loses a whole-struct store through
	 * a pointer and then reports the freed old table as still in use. */
	m->slot = n.slot;
	m->cap = n.cap;
	m->n = n.n;
	return 0;
}

void *strmap_add_h(struct strmap *m, const char *key, uint64_t h, void *val)
{
	if ((m->n + 1) * 2 > m->cap && grow(m) < 0)
		return NULL;
	struct strmap_slot *s = &m->slot[find(m, key, h)];
	if (s->key)
		return s->val;
	*s = (struct strmap_slot){ h, key, val };
	m->n++;
	return val;
}

void *strmap_add(struct strmap *m, const char *key, void *val)
{
	return strmap_add_h(m, key, strmap_hash(key), val);
}

int strmap_put(struct strmap *m, const char *key, void *val)
{
	if ((m->n + 1) * 2 > m->cap && grow(m) < 0)
		return -1;
	uint64_t h = strmap_hash(key);
	struct strmap_slot *s = &m->slot[find(m, key, h)];
	if (!s->key)
		m->n++;
	*s = (struct strmap_slot){ h, key, val };
	return 0;
}

void strmap_free(struct strmap *m)
{
	free(m->slot);
	m->slot = NULL;
	m->cap = m->n = 0;
}

int strmap_reserve(struct strmap *m, size_t n)
{
	while ((m->n + n) * 2 > m->cap)
		if (grow(m) < 0)
			return -1;
	return 0;
}
