/* outline: rows of the foldable spec tree (see outline.h).
 *
 * The walk appends a row for every entry whose ancestors are unfolded. Fold
 * state lives in a small hash set keyed by a 64-bit hash of the path of keys
 * and item names from the root (".workflow.tasks[train]"), computed step by
 * step during the walk, so it survives edits that re-create every node. Without an explicit state, the sections people look
 * at first are unfolded: the top-level entries, tasks, groups, resources and
 * each group; tasks and everything else start folded.
 */
#include "outline.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

#include "path.h"

/* --- fold state: open addressing on 64-bit path hashes --- */

struct fold_slot {
	uint64_t hash;      /* 0 = empty */
	bool open;
};

struct outline_foldset {
	struct fold_slot *slot;
	size_t cap, used;
};

#define HASH_SEED 1469598103934665603ull

/* FNV-1a over n bytes, continuing from h (so a path hash is built step by
 * step from its parent's without building the string). */
static uint64_t hash_more(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h ? h : 1;
}

static struct fold_slot *fold_find(struct outline_foldset *f, uint64_t h)
{
	if (!f || f->cap == 0)
		return NULL;
	for (size_t i = h & (f->cap - 1), probes = 0; probes < f->cap; i = (i + 1) & (f->cap - 1), probes++)
		if (f->slot[i].hash == 0 || f->slot[i].hash == h)
			return &f->slot[i];
	return NULL;
}

static int fold_grow(struct outline_foldset *f)
{
	size_t cap = f->cap ? f->cap * 2 : 64;
	struct fold_slot *ns = calloc(cap, sizeof *ns);
	if (!ns)
		return -1;
	struct outline_foldset nf = { ns, cap, 0 };
	for (size_t i = 0; i < f->cap; i++)
		if (f->slot[i].hash) {
			*fold_find(&nf, f->slot[i].hash) = f->slot[i];
			nf.used++;
		}
	free(f->slot);
	*f = nf;
	return 0;
}

static void fold_put(struct outline_foldset *f, uint64_t h, bool open)
{
	if ((f->used + 1) * 2 > f->cap && fold_grow(f) < 0)
		return;
	struct fold_slot *s = fold_find(f, h);
	if (!s)
		return;
	if (!s->hash) {
		s->hash = h;
		f->used++;
	}
	s->open = open;
}

static void fold_clear(struct outline_foldset *f)
{
	free(f->slot);
	f->slot = NULL;
	f->cap = f->used = 0;
}

/* --- node facts --- */

/* The name of a sequence item that is a mapping with a scalar "name".
 * Called for every task on every rebuild: look at the written keys first
 * (name is nearly always first), doc_map_get only for merges. */
static const char *item_name(const struct doc_node *n)
{
	n = doc_resolve(n);
	if (!n || n->kind != DOC_MAP)
		return NULL;
	const struct doc_node *nm = NULL;
	for (uint32_t i = n->nkids; i-- > 0;)   /* the last duplicate wins */
		if (n->kids[i]->key_len == 4 && memcmp(n->kids[i]->key, "name", 4) == 0) {
			nm = n->kids[i];
			break;
		}
	if (!nm && (n->flags & DOC_F_MERGE))
		nm = doc_map_get(n, "name");
	nm = doc_resolve(nm);
	return nm && nm->kind == DOC_SCALAR && nm->len ? nm->text : NULL;
}

static bool is_collection(const struct doc_node *n)
{
	return (n->kind == DOC_MAP || n->kind == DOC_SEQ) && n->nkids > 0;
}

/* The key of the mapping entry that holds collection c, or NULL. */
static const char *owner_key(const struct doc_node *c)
{
	return c ? c->key : NULL;
}

static bool key_is(const char *k, const char *want)
{
	return k && strcmp(k, want) == 0;
}

/* The fold hash of node c (item index idx when c is an item) under its
 * parent's hash h: keys as ".key", items as "[name]" or "[#N]" (then
 * *by_index is set). */
static uint64_t step_hash(uint64_t h, const struct doc_node *c, size_t idx, bool *by_index)
{
	*by_index = false;
	if (c->key) {
		h = hash_more(h, ".", 1);
		return hash_more(h, c->key, c->key_len);
	}
	const char *nm = item_name(c);
	char num[24];
	h = hash_more(h, "[", 1);
	if (nm) {
		h = hash_more(h, nm, strlen(nm));
	} else {
		int n = snprintf(num, sizeof num, "#%zu", idx);
		h = hash_more(h, num, (size_t)n);
		*by_index = true;
	}
	return hash_more(h, "]", 1);
}

static size_t index_in_parent(const struct doc_node *c)
{
	const struct doc_node *p = c->parent;
	for (uint32_t i = 0; p && i < p->nkids; i++)
		if (p->kids[i] == c)
			return i;
	return 0;
}

static uint64_t node_hash(const struct doc_node *n)
{
	const struct doc_node *chain[256];
	size_t depth = 0;
	for (const struct doc_node *c = n; c && c->parent && depth < 256; c = c->parent)
		chain[depth++] = c;
	uint64_t h = HASH_SEED;
	bool by_index;
	while (depth-- > 0)
		h = step_hash(h, chain[depth], chain[depth]->key ? 0 : index_in_parent(chain[depth]), &by_index);
	return h;
}

static bool default_open(const struct doc_node *n, unsigned depth)
{
	if (depth == 0)
		return true;
	if (key_is(n->key, "tasks") || key_is(n->key, "groups") || key_is(n->key, "resources"))
		return true;
	return !n->key && n->parent && key_is(owner_key(n->parent), "groups");
}

/* --- building --- */

void outline_init(struct outline *o)
{
	memset(o, 0, sizeof *o);
	o->folds = calloc(1, sizeof *o->folds);
}

void outline_free(struct outline *o)
{
	if (o->folds) {
		fold_clear(o->folds);
		free(o->folds);
	}
	free(o->rows);
	free(o->prev);
	memset(o, 0, sizeof *o);
}

static int push_row(struct outline *o, const struct doc_node *n, uint32_t parent, unsigned depth)
{
	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 256;
		struct outline_row *r = realloc(o->rows, cap * sizeof *r);
		if (!r)
			return -1;
		o->rows = r;
		o->cap = cap;
	}
	struct outline_row *r = &o->rows[o->n++];
	r->node = n;
	r->parent = parent;
	r->depth = (uint16_t)(depth < UINT16_MAX ? depth : UINT16_MAX);
	r->start = n->item_start < n->start ? n->item_start : n->start;
	if (n->key && n->key_start < r->start)
		r->start = n->key_start;
	r->end = n->end > r->start ? n->end : r->start + 1;
	r->flags = 0;
	return 0;
}

/* The fold hash of k under parent hash h from the previous build: k's row
 * there, found near the previous match (rows keep document order), must
 * have the same version and a parent of hash h. */
static bool carried_hash(struct outline *o, const struct doc_node *k, uint64_t h, uint64_t *kh)
{
	enum { WINDOW = 32 };
	for (size_t j = o->prev_at; j < o->prev_n && j < o->prev_at + WINDOW; j++) {
		const struct outline_row *p = &o->prev[j];
		if (p->node != k)
			continue;
		o->prev_at = j + 1;
		uint64_t ph = p->parent == OUTLINE_NO_PARENT ? HASH_SEED : o->prev[p->parent].hash;
		bool parent_ok = p->parent == OUTLINE_NO_PARENT || (o->prev[p->parent].flags & ROW_HASHED);
		if (!(p->flags & ROW_HASHED) || p->version != k->version || !parent_ok || ph != h)
			return false;
		*kh = p->hash;
		return true;
	}
	return false;
}

static int build_kids(struct outline *o, const struct doc_node *coll, uint32_t parent, unsigned depth,
		      uint64_t h, bool h_ok)
{
	bool any_state = o->folds->used > 0;
	for (uint32_t i = 0; i < coll->nkids; i++) {
		const struct doc_node *k = coll->kids[i];
		uint32_t row = (uint32_t)o->n;
		if (push_row(o, k, parent, depth) < 0)
			return -1;
		if (k->kind != DOC_ALIAS && is_collection(k)) {
			o->rows[row].flags |= ROW_FOLDABLE;
			/* no fold state set yet: no hashing needed at all */
			uint64_t kh = 0;
			bool kh_ok = false;
			if (any_state) {
				bool by_index = true;
				kh_ok = h_ok && carried_hash(o, k, h, &kh);
				if (!kh_ok)
					kh = step_hash(h, k, i, &by_index);
				kh_ok = h_ok && (kh_ok || !by_index);
				o->rows[row].hash = kh;
				o->rows[row].version = k->version;
				if (kh_ok)
					o->rows[row].flags |= ROW_HASHED;
			}
			const struct fold_slot *s = any_state ? fold_find(o->folds, kh) : NULL;
			bool open = s && s->hash ? s->open : default_open(k, depth);
			if (open) {
				o->rows[row].flags |= ROW_OPEN;
				if (build_kids(o, k, row, depth + 1, kh, kh_ok) < 0)
					return -1;
			}
		}
	}
	return 0;
}

int outline_build(struct outline *o, const struct doc *d)
{
	/* the rows become the previous ones; rows of another tree may point at
	 * freed nodes, so they are not consulted */
	struct outline_row *t = o->prev;
	size_t tcap = o->prev_cap;
	o->prev = o->rows;
	o->prev_cap = o->cap;
	o->prev_n = o->tree_id == d->tree_id ? o->n : 0;
	o->prev_at = 0;
	o->rows = t;
	o->cap = tcap;
	o->n = 0;
	o->tree_id = d->tree_id;
	if (!d->ok || !d->root || !is_collection(d->root))
		return 0;
	return build_kids(o, d->root, OUTLINE_NO_PARENT, 0, HASH_SEED, true);
}

size_t outline_row_at(const struct outline *o, uint32_t off)
{
	if (o->n == 0 || o->rows[0].start > off)
		return (size_t)-1;
	size_t lo = 0, hi = o->n;    /* last row with start <= off */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (o->rows[mid].start <= off)
			lo = mid;
		else
			hi = mid;
	}
	uint32_t r = (uint32_t)lo;
	while (r != OUTLINE_NO_PARENT && !(o->rows[r].start <= off && off < o->rows[r].end))
		r = o->rows[r].parent;
	return r == OUTLINE_NO_PARENT ? (size_t)-1 : r;
}

size_t outline_row_of(const struct outline *o, const struct doc_node *n)
{
	if (!n)
		return (size_t)-1;
	size_t r = outline_row_at(o, n->item_start < n->start ? n->item_start : n->start);
	for (size_t i = r; i != (size_t)-1 && i < o->n; i++) {
		if (o->rows[i].node == n)
			return i;
		if (o->rows[i].start > n->end)
			break;
	}
	return (size_t)-1;
}

void outline_mark(struct outline *o, const struct diag *diags, size_t n)
{
	for (size_t i = 0; i < o->n; i++)
		o->rows[i].flags &= (uint16_t)~(ROW_ERROR | ROW_WARNING);
	for (size_t i = 0; i < n; i++) {
		const struct diag *d = &diags[i];
		if (d->offset == DIAG_NO_OFFSET)
			continue;
		size_t r = outline_row_at(o, d->offset);
		/* climb to the row that holds the whole range */
		while (r != (size_t)-1 && d->end_offset > d->offset && o->rows[r].end < d->end_offset &&
		       o->rows[r].parent != OUTLINE_NO_PARENT)
			r = o->rows[r].parent;
		if (r == (size_t)-1)
			continue;
		o->rows[r].flags |= d->severity == DIAG_ERROR ? ROW_ERROR : ROW_WARNING;
	}
}

void outline_set_open(struct outline *o, size_t row, bool open)
{
	if (row >= o->n || !(o->rows[row].flags & ROW_FOLDABLE))
		return;
	fold_put(o->folds, node_hash(o->rows[row].node), open);
}

void outline_reveal(struct outline *o, const struct doc_node *n)
{
	for (const struct doc_node *a = n ? n->parent : NULL; a && a->parent; a = a->parent)
		fold_put(o->folds, node_hash(a), true);
}

void outline_reset_folds(struct outline *o)
{
	fold_clear(o->folds);
}

void outline_node_path(const struct doc_node *n, struct buf *out)
{
	const struct doc_node *chain[256];
	struct path_step steps[256];
	size_t depth = 0;
	for (const struct doc_node *c = n; c && c->parent && depth < 256; c = c->parent)
		chain[depth++] = c;
	struct path p = { steps, depth };
	for (size_t i = 0; i < depth; i++) {
		const struct doc_node *c = chain[depth - 1 - i];
		struct path_step *st = &steps[i];
		memset(st, 0, sizeof *st);
		const char *nm = c->key ? NULL : item_name(c);
		if (c->key) {
			st->kind = PATH_KEY;
			st->key = (char *)c->key;
		} else if (nm && !strpbrk(nm, "[]\"")) {
			st->kind = PATH_MATCH;
			st->key = (char *)"name";
			st->value = (char *)nm;
		} else {
			st->kind = PATH_INDEX;
			st->index = index_in_parent(c);
		}
	}
	path_format_prefix(&p, p.n, out);
}

/* --- labels --- */

/* Append a scalar as written when it is one line of plain or quoted text
 * (so "10" and 10 look different), else the first line of its value; note
 * extra lines in summary. */
static void put_scalar(const char *src, const struct doc_node *n, struct buf *value,
		       struct buf *summary)
{
	const char *t = n->text ? n->text : "";
	if (src && n->style <= DOC_DOUBLE && n->end > n->start &&
	    !memchr(src + n->start, '\n', n->end - n->start)) {
		buf_add(value, src + n->start, n->end - n->start);
		return;
	}
	const char *nl = memchr(t, '\n', n->len);
	if (!nl) {
		buf_add(value, t, n->len);
		return;
	}
	buf_add(value, t, (size_t)(nl - t));
	size_t lines = 0;
	for (const char *p = t; p < t + n->len; p++)
		lines += *p == '\n';
	if (t[n->len - 1] != '\n')
		lines++;
	if (summary && lines > 1)
		buf_printf(summary, "(%zu lines)", lines);
}

/* "k: v, k: v" of the first scalar fields of a mapping, skipping name. */
static void put_fields(const char *src, const struct doc_node *m, struct buf *summary)
{
	int shown = 0;
	for (uint32_t i = 0; i < m->nkids && shown < 4; i++) {
		const struct doc_node *k = m->kids[i];
		if (!k->key || strcmp(k->key, "name") == 0)
			continue;
		if (shown++)
			buf_puts(summary, ", ");
		buf_puts(summary, k->key);
		const struct doc_node *v = doc_resolve(k);
		if (v && v->kind == DOC_SCALAR) {
			buf_puts(summary, ": ");
			put_scalar(v == k ? src : NULL, v, summary, NULL);
		} else if (v && v->kind == DOC_SEQ) {
			buf_printf(summary, " (%u)", v->nkids);
		}
	}
}

void outline_label(const char *src, const struct outline_row *r, struct buf *prefix,
		   struct buf *name, struct buf *value, struct buf *summary)
{
	const struct doc_node *n = r->node;
	const struct doc_node *p = n->parent;
	if (!n->key && p && key_is(owner_key(p), "tasks"))
		buf_puts(prefix, "task");
	else if (!n->key && p && key_is(owner_key(p), "groups"))
		buf_puts(prefix, "group");
	else if (n->key && p && key_is(owner_key(p), "resources") && n->kind == DOC_MAP)
		buf_puts(prefix, "profile");
	if (n->key) {
		buf_puts(name, n->key);
	} else {
		const char *nm = item_name(n);
		if (nm)
			buf_puts(name, nm);
	}
	if (n->kind == DOC_ALIAS) {
		buf_printf(value, "*%s", n->target && n->target->anchor ? n->target->anchor : "?");
		return;
	}
	if (n->kind == DOC_SCALAR) {
		put_scalar(src, n, value, summary);
		return;
	}
	if (n->kind == DOC_SEQ) {
		if (!n->key && !name->len)
			buf_puts(name, "-");
		buf_printf(summary, "(%u)", n->nkids);
		return;
	}
	/* a mapping: an unnamed item shows its first entry as its label */
	if (!n->key && !name->len && n->nkids > 0) {
		const struct doc_node *k = n->kids[0];
		const struct doc_node *v = doc_resolve(k);
		buf_puts(name, k->key ? k->key : "-");
		if (v && v->kind == DOC_SCALAR)
			put_scalar(v == k ? src : NULL, v, value, NULL);
		if (!(r->flags & ROW_OPEN) && n->nkids > 1) {
			struct doc_node rest = *n;
			rest.kids = n->kids + 1;
			rest.nkids = n->nkids - 1;
			put_fields(src, &rest, summary);
		}
		return;
	}
	if (n->nkids == 0)
		buf_puts(value, "{}");
	else if (!(r->flags & ROW_OPEN))
		put_fields(src, n, summary);
}

/* --- finding nodes --- */

static const struct doc_node *deepest(const struct doc_node *n, uint32_t off, unsigned depth)
{
	if (!n || depth > 512 || n->kind == DOC_ALIAS)
		return n;
	for (uint32_t i = 0; i < n->nkids; i++) {
		const struct doc_node *k = n->kids[i];
		uint32_t s = k->item_start < k->start ? k->item_start : k->start;
		if (k->key && k->key_start < s)
			s = k->key_start;
		if (s <= off && off < (k->end > s ? k->end : s + 1))
			return deepest(k, off, depth + 1);
	}
	return n;
}

const struct doc_node *outline_node_at(const struct doc *d, uint32_t off)
{
	if (!d->ok || !d->root)
		return NULL;
	const struct doc_node *n = deepest(d->root, off, 0);
	return n == d->root ? NULL : n;
}

typedef int name_fn(const struct doc_node *n, const char *name, void *ctx);

/* Call fn for every task, group and resource profile; stop when it
 * returns non-zero. */
static const struct doc_node *each_name(const struct doc *d, name_fn *fn, void *ctx)
{
	const struct doc_node *wf = d->ok && d->root ? doc_resolve(doc_map_get(d->root, "workflow")) : NULL;
	if (!wf)
		return NULL;
	const struct doc_node *lists[2] = { doc_resolve(doc_map_get(wf, "tasks")),
					    doc_resolve(doc_map_get(wf, "groups")) };
	for (int l = 0; l < 2; l++) {
		const struct doc_node *s = lists[l];
		if (!s || s->kind != DOC_SEQ)
			continue;
		for (uint32_t i = 0; i < s->nkids; i++) {
			const char *nm = item_name(s->kids[i]);
			if (nm && fn(s->kids[i], nm, ctx))
				return s->kids[i];
			const struct doc_node *gt = l == 1 ? doc_resolve(doc_map_get(doc_resolve(s->kids[i]), "tasks")) : NULL;
			for (uint32_t j = 0; gt && gt->kind == DOC_SEQ && j < gt->nkids; j++) {
				const char *tn = item_name(gt->kids[j]);
				if (tn && fn(gt->kids[j], tn, ctx))
					return gt->kids[j];
			}
		}
	}
	const struct doc_node *res = doc_resolve(doc_map_get(wf, "resources"));
	for (uint32_t i = 0; res && res->kind == DOC_MAP && i < res->nkids; i++)
		if (res->kids[i]->key && fn(res->kids[i], res->kids[i]->key, ctx))
			return res->kids[i];
	return NULL;
}

static int name_equal(const struct doc_node *n, const char *name, void *ctx)
{
	(void)n;
	return strcmp(name, ctx) == 0;
}

const struct doc_node *outline_find_name(const struct doc *d, const char *name)
{
	return each_name(d, name_equal, (void *)name);
}

struct names_ctx {
	const char *prefix;
	size_t plen, count;
	struct buf *out;
};

static int name_collect(const struct doc_node *n, const char *name, void *ctx)
{
	struct names_ctx *c = ctx;
	(void)n;
	if (strncmp(name, c->prefix, c->plen) == 0) {
		buf_puts(c->out, name);
		buf_putc(c->out, '\n');
		c->count++;
	}
	return 0;
}

size_t outline_names(const struct doc *d, const char *prefix, struct buf *out)
{
	struct names_ctx c = { prefix, strlen(prefix), 0, out };
	each_name(d, name_collect, &c);
	return c.count;
}

/* ASCII case-insensitive substring test. */
static bool contains(const char *hay, size_t n, const char *needle, size_t m)
{
	if (m == 0)
		return true;
	for (size_t i = 0; i + m <= n; i++) {
		size_t j = 0;
		while (j < m) {
			char a = hay[i + j], b = needle[j];
			if (a >= 'A' && a <= 'Z')
				a = (char)(a + 32);
			if (b >= 'A' && b <= 'Z')
				b = (char)(b + 32);
			if (a != b)
				break;
			j++;
		}
		if (j == m)
			return true;
	}
	return false;
}

struct search {
	const struct doc_node *from;
	const char *text;
	size_t tlen;
	bool backward, passed;
	const struct doc_node *first, *last, *before, *after;
};

/* Pre-order walk noting the matches around `from`. */
static void search_walk(struct search *s, const struct doc_node *n, unsigned depth)
{
	for (uint32_t i = 0; i < n->nkids && depth < 512; i++) {
		const struct doc_node *k = n->kids[i];
		if (k == s->from) {
			s->passed = true;
		} else if ((k->key && contains(k->key, k->key_len, s->text, s->tlen)) ||
			   (k->kind == DOC_SCALAR && contains(k->text, k->len, s->text, s->tlen))) {
			if (!s->first)
				s->first = k;
			s->last = k;
			if (!s->passed)
				s->before = k;
			else if (!s->after)
				s->after = k;
		}
		if (s->after && !s->backward)
			return;
		if (k->kind != DOC_ALIAS)
			search_walk(s, k, depth + 1);
	}
}

const struct doc_node *outline_search(const struct doc *d, const struct doc_node *from,
				      const char *text, bool backward)
{
	if (!d->ok || !d->root || !*text)
		return NULL;
	struct search s = { from, text, strlen(text), backward, from == NULL, NULL, NULL, NULL, NULL };
	search_walk(&s, d->root, 0);
	if (!backward)
		return s.after ? s.after : s.first;
	return s.before ? s.before : s.last;
}
