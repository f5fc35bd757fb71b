/* pydump: the Python object yaml.safe_load builds, represented as
 * yaml.dump's Representer does (see pydump.h), then emitted by pyemit.
 *
 * Object identity is what makes PyYAML write anchors: its constructor
 * builds one object per node, so every alias of a list, dict or date (and
 * every value a "<<" merge copies into another dict) is the same object,
 * and the representer caches nodes by object identity. Here a doc node
 * stands for its object: representations are cached by resolved node (and
 * by mapping entry for key objects), so sharing falls out of the graph.
 * Strings, numbers, bools and None are never shared, as in PyYAML.
 *
 * Mappings are flattened as SafeConstructor.flatten_mapping does (merged
 * entries first, a list of merges in reverse order, own entries last) and
 * collapsed as dict assignment does (the first key object and position,
 * the last value). Flattened lists are memoised per node and collapsed at
 * every level, which gives the same dict and keeps merge chains linear.
 * Keys are compared with Python's semantics (1 == 1.0 == True, aware
 * datetimes by instant) through a canonical string per key; sorting uses
 * Python's "<" and, for up to 63 keys, CPython's exact algorithm (a run
 * then binary insertion), which matters only for NaN keys.
 */
#include "pydump.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "pyobj.h"
#include "pyemit.h"
#include "strmap.h"

#define DEFAULT_MAX_OBJECTS 4000000
#define DEFAULT_MAX_DEPTH 1000

/* roles of a pointer in the identity map, kept in its low bits (doc nodes
 * come from an arena, aligned for any object) */
enum { ID_VALUE = 0, ID_KEY = 1, ID_FLAT = 2 };

/* One entry of a flattened mapping. */
struct entry {
	const struct doc_node *kid;     /* entry in its mapping: key text, identity */
	struct pyobj *key;
	const struct doc_node *val;     /* value node (alias not followed) */
};

struct flat {
	struct entry *v;
	size_t n;
	bool busy;                      /* being flattened: a merge cycle */
};

/* pointer -> pointer, open addressing */
struct pmap {
	uintptr_t *k;
	void **v;
	size_t cap, n;
};

struct ctx {
	struct pyobj_ctx o;              /* arena, diags, first error */
	struct pmap ids;
	size_t budget;
	unsigned max_depth;
};

/* --- identity map --- */

static size_t pslot(const struct pmap *m, uintptr_t key)
{
	size_t i = (size_t)((uint64_t)key * 0x9E3779B97F4A7C15ull >> 20) & (m->cap - 1);
	while (m->k[i] && m->k[i] != key)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void *pmap_get(const struct pmap *m, const void *p, int role)
{
	if (!m->cap)
		return NULL;
	size_t i = pslot(m, (uintptr_t)p | (uintptr_t)role);
	return m->k[i] ? m->v[i] : NULL;
}

static int pmap_put(struct pmap *m, const void *p, int role, void *val)
{
	if (2 * (m->n + 1) > m->cap) {
		struct pmap g = { NULL, NULL, m->cap ? 2 * m->cap : 64, 0 };
		g.k = calloc(g.cap, sizeof *g.k);
		g.v = calloc(g.cap, sizeof *g.v);
		if (!g.k || !g.v) {
			free(g.k);
			free(g.v);
			return -1;
		}
		for (size_t i = 0; i < m->cap; i++) {
			if (m->k[i]) {
				size_t j = pslot(&g, m->k[i]);
				g.k[j] = m->k[i], g.v[j] = m->v[i], g.n++;
			}
		}
		free(m->k);
		free(m->v);
		*m = g;
	}
	uintptr_t key = (uintptr_t)p | (uintptr_t)role;
	size_t i = pslot(m, key);
	if (!m->k[i])
		m->n++;
	m->k[i] = key, m->v[i] = val;
	return 0;
}

/* --- bookkeeping --- */

static bool spend(struct ctx *c, const struct doc_node *at, size_t n)
{
	if (c->o.failed)
		return false;
	if (n > c->budget) {
		pyobj_fail(&c->o, "yaml-limit", at ? at->start : 0, at ? at->end : 0,
			  "the document expands to too many objects to print (merges or aliases)");
		return false;
	}
	c->budget -= n;
	return true;
}

static struct pyemit_node *new_rep(struct ctx *c, enum pyemit_kind kind, const char *tag,
				   bool implicit, size_t nkids)
{
	struct pyemit_node *r = arena_zalloc(&c->o.a, sizeof *r);
	if (!r || (nkids && !(r->kids = arena_zalloc(&c->o.a, nkids * sizeof *r->kids)))) {
		pyobj_fail(&c->o, "yaml-limit", 0, 0, "out of memory");
		return NULL;
	}
	r->kind = kind, r->tag = tag, r->implicit = implicit, r->nkids = nkids;
	return r;
}

static struct pyemit_node *scalar_rep(struct ctx *c, const struct pyobj *o)
{
	struct pyemit_node *r = new_rep(c, PYEMIT_SCALAR, o->tag, strcmp(o->tag, "!!str") == 0, 0);
	if (!r)
		return NULL;
	r->text = o->text, r->len = o->len, r->style = o->style;
	r->implicit_plain = pyobj_reads_back(o);
	return r;
}

/* --- key objects --- */

static bool is_merge_key(const struct doc_node *kid)
{
	return kid->key_len == 2 && memcmp(kid->key, "<<", 2) == 0 &&
	       !(kid->flags & DOC_F_KEY_QUOTED);
}

/* The key object of mapping entry kid; flattened: a "=" key is a str, as
 * flatten_mapping makes it (omap and pairs do not flatten). */
static struct pyobj *key_obj(struct ctx *c, const struct doc_node *kid, bool flattened)
{
	struct pyobj *o = arena_zalloc(&c->o.a, sizeof *o);
	if (!o) {
		pyobj_fail(&c->o, "yaml-limit", 0, 0, "out of memory");
		return NULL;
	}
	if (pyobj_key(&c->o, kid, flattened, o) < 0)
		return NULL;
	return o;
}

/* The representation of key object o of entry kid: dates are objects with
 * an identity (a merged key is the same object in every dict). */
static struct pyemit_node *key_rep(struct ctx *c, const struct doc_node *kid, const struct pyobj *o)
{
	if (!pyobj_aliasable(o))
		return scalar_rep(c, o);
	struct pyemit_node *r = pmap_get(&c->ids, kid, ID_KEY);
	if (!r && (r = scalar_rep(c, o)) && pmap_put(&c->ids, kid, ID_KEY, r) < 0)
		return pyobj_fail(&c->o, "yaml-limit", 0, 0, "out of memory"), NULL;
	return r;
}

/* --- flattening and collapsing mappings --- */

struct evec {
	struct entry *v;
	size_t n, cap;
};

static int evec_push(struct evec *e, const struct entry *x)
{
	if (e->n == e->cap) {
		size_t cap = e->cap ? 2 * e->cap : 16;
		struct entry *p = realloc(e->v, cap * sizeof *p);
		if (!p)
			return -1;
		e->v = p, e->cap = cap;
	}
	e->v[e->n++] = *x;
	return 0;
}

static int evec_append(struct evec *e, const struct flat *f)
{
	for (size_t i = 0; i < f->n; i++)
		if (evec_push(e, &f->v[i]) < 0)
			return -1;
	return 0;
}

/* Collapse equal keys as dict assignment does, into an arena array. */
static int collapse(struct ctx *c, const struct evec *all, struct flat *out)
{
	struct strmap seen = STRMAP_INIT;
	struct entry *v = all->n ? arena_alloc(&c->o.a, all->n * sizeof *v) : NULL;
	size_t n = 0;
	int rc = all->n && !v ? -1 : 0;
	for (size_t i = 0; i < all->n && rc == 0; i++) {
		const char *canon = pyobj_canon(&c->o, all->v[i].key);
		if (c->o.failed) {
			rc = -1;
			break;
		}
		if (canon) {
			void *had = strmap_add(&seen, canon, (void *)(uintptr_t)(n + 1));
			if (!had) {
				rc = -1;
				break;
			}
			if ((uintptr_t)had != n + 1) {
				v[(uintptr_t)had - 1].val = all->v[i].val;
				continue;
			}
		}
		v[n++] = all->v[i];
	}
	strmap_free(&seen);
	if (rc < 0)
		return pyobj_fail(&c->o, "yaml-limit", 0, 0, "out of memory"), -1;
	out->v = v, out->n = n;
	return 0;
}

static const char *kind_name(const struct doc_node *n)
{
	return n->kind == DOC_MAP ? "mapping" : n->kind == DOC_SEQ ? "sequence" : "scalar";
}

static const struct flat *flatten(struct ctx *c, const struct doc_node *m, unsigned depth);

/* Append the entries merged by "<<: v" (one mapping or a list of them,
 * later ones first) to all. */
static int merge_into(struct ctx *c, const struct doc_node *at, const struct doc_node *v,
		      struct evec *all, unsigned depth)
{
	if (v->kind == DOC_MAP) {
		const struct flat *f = flatten(c, v, depth + 1);
		if (!f || !spend(c, v, f->n))
			return -1;
		return evec_append(all, f);
	}
	if (v->kind != DOC_SEQ) {
		pyobj_fail(&c->o, "yaml-value", at->start, at->end,
			  "while constructing a mapping: expected a mapping or list of mappings "
			  "for merging, but found %s", kind_name(v));
		return -1;
	}
	const struct flat **subs = calloc(v->nkids + 1, sizeof *subs);
	if (!subs)
		return pyobj_fail(&c->o, "yaml-limit", 0, 0, "out of memory"), -1;
	int rc = 0;
	for (size_t i = 0; i < v->nkids && rc == 0; i++) {
		const struct doc_node *s = doc_resolve(v->kids[i]);
		if (!s || s->kind != DOC_MAP) {
			const struct doc_node *bad = s ? s : v->kids[i];
			pyobj_fail(&c->o, "yaml-value", bad->start, bad->end,
				  "while constructing a mapping: expected a mapping for merging, "
				  "but found %s", kind_name(bad));
			rc = -1;
		} else if (!(subs[i] = flatten(c, s, depth + 1))) {
			rc = -1;
		}
	}
	for (size_t i = v->nkids; rc == 0 && i-- > 0;) {
		if (!spend(c, v, subs[i]->n) || evec_append(all, subs[i]) < 0)
			rc = -1;
	}
	free((void *)subs);
	return rc;
}

static const struct flat *flatten(struct ctx *c, const struct doc_node *m, unsigned depth)
{
	struct flat *f = pmap_get(&c->ids, m, ID_FLAT);
	if (f && !f->busy)
		return f;
	if (f || depth > c->max_depth) {
		pyobj_fail(&c->o, "yaml-limit", m->start, m->end,
			  "the merges (<<) of this mapping nest too deep or include themselves");
		return NULL;
	}
	f = arena_zalloc(&c->o.a, sizeof *f);
	if (!f || pmap_put(&c->ids, m, ID_FLAT, f) < 0)
		return pyobj_fail(&c->o, "yaml-limit", 0, 0, "out of memory"), NULL;
	f->busy = true;
	struct evec merged = { NULL, 0, 0 }, own = { NULL, 0, 0 };
	int rc = 0;
	for (size_t i = 0; i < m->nkids && rc == 0; i++) {
		const struct doc_node *kid = m->kids[i];
		if (is_merge_key(kid)) {
			const struct doc_node *v = doc_resolve(kid);
			if (!v)
				pyobj_fail(&c->o, "yaml-limit", kid->start, kid->end,
					   "this alias chain is too long to follow");
			rc = v ? merge_into(c, kid, v, &merged, depth) : -1;
			continue;
		}
		struct entry e = { kid, key_obj(c, kid, true), kid };
		if (!e.key || evec_push(&own, &e) < 0)
			rc = -1;
	}
	for (size_t i = 0; i < own.n && rc == 0; i++)
		if (evec_push(&merged, &own.v[i]) < 0)
			rc = -1;
	if (rc == 0)
		rc = collapse(c, &merged, f);
	free(merged.v);
	free(own.v);
	if (rc < 0) {
		if (!c->o.failed)
			pyobj_fail(&c->o, "yaml-limit", 0, 0, "out of memory");
		return NULL;
	}
	f->busy = false;
	return f;
}

/* --- sorting keys as sorted() does --- */

static bool entry_lt(const struct entry *a, const struct entry *b)
{
	return pyobj_lt(a->key, b->key);
}

static void merge_sort(struct entry *v, struct entry *tmp, size_t n)
{
	if (n < 2)
		return;
	size_t h = n / 2;
	merge_sort(v, tmp, h);
	merge_sort(v + h, tmp, n - h);
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n)
		tmp[k++] = entry_lt(&v[j], &v[i]) ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

/* CPython's list.sort for fewer than 64 items: the leading run (reversed
 * when strictly descending), then binary insertion of the rest. */
static void small_sort(struct entry *v, size_t n)
{
	size_t run = 2;
	if (entry_lt(&v[1], &v[0])) {
		while (run < n && entry_lt(&v[run], &v[run - 1]))
			run++;
		for (size_t i = 0, j = run - 1; i < j; i++, j--) {
			struct entry t = v[i];
			v[i] = v[j], v[j] = t;
		}
	} else {
		while (run < n && !entry_lt(&v[run], &v[run - 1]))
			run++;
	}
	for (size_t i = run; i < n; i++) {
		struct entry pivot = v[i];
		size_t l = 0, r = i;
		while (l < r) {
			size_t p = l + (r - l) / 2;
			if (entry_lt(&pivot, &v[p]))
				r = p;
			else
				l = p + 1;
		}
		memmove(&v[l + 1], &v[l], (i - l) * sizeof *v);
		v[l] = pivot;
	}
}

/* Sort when sorted() would succeed: every pair of keys comparable. */
static int sort_entries(struct ctx *c, struct entry *v, size_t n)
{
	if (n < 2)
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!pyobj_comparable(v[0].key, v[i].key))
			return 0;       /* TypeError: PyYAML keeps the dict order */
	if (n < 64) {
		small_sort(v, n);
		return 0;
	}
	struct entry *tmp = malloc(n * sizeof *tmp);
	if (!tmp)
		return pyobj_fail(&c->o, "yaml-limit", 0, 0, "out of memory"), -1;
	merge_sort(v, tmp, n);
	free(tmp);
	return 0;
}

/* --- representing values --- */

static struct pyemit_node *rep_value(struct ctx *c, const struct doc_node *n, unsigned depth);

static struct pyemit_node *null_rep(struct ctx *c)
{
	struct pyobj o = { .cls = PC_NONE, .type = Y11_NULL, .tag = "!!null", .text = "null", .len = 4 };
	return scalar_rep(c, &o);
}

enum ctag { CT_DEFAULT, CT_SEQ, CT_MAP, CT_SET, CT_OMAP, CT_PAIRS, CT_OTHER };

static enum ctag collection_tag(const struct doc_node *n)
{
	static const char *const names[] = { "seq", "map", "set", "omap", "pairs" };
	if (!n->tag || strcmp(n->tag, "!") == 0)
		return CT_DEFAULT;
	size_t pl = strlen(PYOBJ_TAG_PREFIX);
	if (strncmp(n->tag, PYOBJ_TAG_PREFIX, pl) == 0)
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
			if (strcmp(n->tag + pl, names[i]) == 0)
				return (enum ctag)(CT_SEQ + i);
	return CT_OTHER;
}

/* SafeConstructor's complaint about a collection under tag t */
static struct pyemit_node *tag_error(struct ctx *c, const struct doc_node *n, enum ctag t)
{
	static const char *const scalar_tags[] = { "str", "int", "float", "bool", "null",
						   "timestamp", "binary" };
	const char *kind = kind_name(n);
	size_t pl = strlen(PYOBJ_TAG_PREFIX);
	if (t == CT_SEQ)
		return pyobj_fail(&c->o, "yaml-tag", n->start, n->end,
				  "expected a sequence node, but found %s", kind), NULL;
	if (t == CT_MAP || t == CT_SET)
		return pyobj_fail(&c->o, "yaml-tag", n->start, n->end,
				  "expected a mapping node, but found %s", kind), NULL;
	if (t == CT_OMAP || t == CT_PAIRS)
		return pyobj_fail(&c->o, "yaml-tag", n->start, n->end,
				  "while constructing %s: expected a sequence, but found %s",
				  t == CT_OMAP ? "an ordered map" : "pairs", kind), NULL;
	for (size_t i = 0; i < sizeof scalar_tags / sizeof scalar_tags[0]; i++)
		if (strncmp(n->tag, PYOBJ_TAG_PREFIX, pl) == 0 && strcmp(n->tag + pl, scalar_tags[i]) == 0)
			return pyobj_fail(&c->o, "yaml-tag", n->start, n->end,
					  "expected a scalar node, but found %s", kind), NULL;
	return pyobj_fail(&c->o, "yaml-tag", n->start, n->end,
			  "could not determine a constructor for the tag '%s'", n->tag), NULL;
}

/* !!omap and !!pairs: a list of (key, value) tuples */
static struct pyemit_node *rep_pairs(struct ctx *c, const struct doc_node *s,
				     struct pyemit_node *list, unsigned depth)
{
	for (size_t i = 0; i < s->nkids; i++) {
		const struct doc_node *m = doc_resolve(s->kids[i]);
		const char *what = collection_tag(s) == CT_OMAP ? "an ordered map" : "pairs";
		if (!m || m->kind != DOC_MAP) {
			const struct doc_node *at = m ? m : s->kids[i];
			return pyobj_fail(&c->o, "yaml-value", at->start, at->end,
					  "while constructing %s: expected a mapping of length 1, but "
					  "found %s", what, kind_name(at)), NULL;
		}
		if (m->nkids != 1)
			return pyobj_fail(&c->o, "yaml-value", m->start, m->end,
					  "while constructing %s: expected a single mapping item, but "
					  "found %u items", what, (unsigned)m->nkids), NULL;
		struct pyemit_node *t = new_rep(c, PYEMIT_SEQ, "!!python/tuple", false, 2);
		const struct pyobj *k = t ? key_obj(c, m->kids[0], false) : NULL;
		if (!k || !(t->kids[0] = key_rep(c, m->kids[0], k)) ||
		    !(t->kids[1] = rep_value(c, m->kids[0], depth + 1)))
			return NULL;
		list->kids[i] = t;
	}
	return list;
}

static struct pyemit_node *rep_seq(struct ctx *c, const struct doc_node *s, unsigned depth)
{
	enum ctag t = collection_tag(s);
	if (t != CT_DEFAULT && t != CT_SEQ && t != CT_OMAP && t != CT_PAIRS)
		return tag_error(c, s, t);
	struct pyemit_node *r = new_rep(c, PYEMIT_SEQ, "!!seq", true, s->nkids);
	if (!r || pmap_put(&c->ids, s, ID_VALUE, r) < 0)
		return pyobj_fail(&c->o, "yaml-limit", 0, 0, "out of memory"), NULL;
	if (t == CT_OMAP || t == CT_PAIRS)
		return rep_pairs(c, s, r, depth);
	for (size_t i = 0; i < s->nkids; i++)
		if (!(r->kids[i] = rep_value(c, s->kids[i], depth + 1)))
			return NULL;
	return r;
}

static struct pyemit_node *rep_map(struct ctx *c, const struct doc_node *m, unsigned depth)
{
	enum ctag t = collection_tag(m);
	if (t != CT_DEFAULT && t != CT_MAP && t != CT_SET)
		return tag_error(c, m, t);
	const struct flat *f = flatten(c, m, depth);
	if (!f || !spend(c, m, f->n))
		return NULL;
	struct entry *v = f->n ? arena_alloc(&c->o.a, f->n * sizeof *v) : NULL;
	struct pyemit_node *r = t == CT_SET ? new_rep(c, PYEMIT_MAP, "!!set", false, 2 * f->n)
					    : new_rep(c, PYEMIT_MAP, "!!map", true, 2 * f->n);
	if ((f->n && !v) || !r || pmap_put(&c->ids, m, ID_VALUE, r) < 0)
		return pyobj_fail(&c->o, "yaml-limit", 0, 0, "out of memory"), NULL;
	if (f->n)
		memcpy(v, f->v, f->n * sizeof *v);
	if (sort_entries(c, v, f->n) < 0)
		return NULL;
	for (size_t i = 0; i < f->n; i++) {
		r->kids[2 * i] = key_rep(c, v[i].kid, v[i].key);
		/* a set drops its values, but SafeConstructor builds them (and
		 * raises when one cannot be built) */
		r->kids[2 * i + 1] = rep_value(c, v[i].val, depth + 1);
		if (t == CT_SET && r->kids[2 * i + 1])
			r->kids[2 * i + 1] = null_rep(c);
		if (!r->kids[2 * i] || !r->kids[2 * i + 1])
			return NULL;
	}
	return r;
}

static struct pyemit_node *rep_value(struct ctx *c, const struct doc_node *n, unsigned depth)
{
	const struct doc_node *r = doc_resolve(n);
	if (!spend(c, n, 1))
		return NULL;
	if (!r || depth > c->max_depth)
		return pyobj_fail(&c->o, "yaml-limit", n->start, n->end,
				 "the value nests too deep (or its aliases do) to print"), NULL;
	struct pyemit_node *cached = pmap_get(&c->ids, r, ID_VALUE);
	if (cached)
		return cached;
	if (r->kind == DOC_SEQ)
		return rep_seq(c, r, depth);
	if (r->kind == DOC_MAP)
		return rep_map(c, r, depth);
	struct pyobj o;
	if (pyobj_value(&c->o, r, &o) < 0)
		return NULL;
	struct pyemit_node *s = scalar_rep(c, &o);
	if (s && pyobj_aliasable(&o) && pmap_put(&c->ids, r, ID_VALUE, s) < 0)
		return pyobj_fail(&c->o, "yaml-limit", 0, 0, "out of memory"), NULL;
	return s;
}

/* --- API --- */

static int dump(const char *key, const struct doc_node *n, const struct pydump_limits *lim,
		struct buf *out, struct diag_list *diags)
{
	struct ctx c;
	memset(&c, 0, sizeof c);
	c.o.diags = diags;
	c.budget = lim && lim->max_objects ? lim->max_objects : DEFAULT_MAX_OBJECTS;
	c.max_depth = lim && lim->max_depth ? lim->max_depth : DEFAULT_MAX_DEPTH;
	struct pyemit_node *root = n ? rep_value(&c, n, 0) : null_rep(&c);
	if (root && key) {
		struct pyobj k = { .cls = PC_STR, .tag = "!!str", .text = key, .len = strlen(key) };
		struct pyemit_node *m = new_rep(&c, PYEMIT_MAP, "!!map", true, 2);
		if (m && (m->kids[0] = scalar_rep(&c, &k)))
			m->kids[1] = root;
		root = m && m->kids[0] ? m : NULL;
	}
	struct buf text = BUF_INIT;
	int rc = -1;
	if (root && !c.o.failed) {
		if (pyemit_document(root, &text, c.max_depth + 2) == 0)
			rc = 0;
		else
			pyobj_fail(&c.o, "yaml-limit", n ? n->start : 0, n ? n->end : 0,
				  "the value nests too deep to print (or memory ran out)");
	}
	if (rc == 0)
		buf_add(out, text.data, text.len);
	buf_free(&text);
	free(c.ids.k);
	free(c.ids.v);
	pyobj_ctx_free(&c.o);
	return rc;
}

int pydump_node(const struct doc_node *n, const struct pydump_limits *lim, struct buf *out,
		struct diag_list *diags)
{
	return dump(NULL, n, lim, out, diags);
}

int pydump_wrapped(const char *key, const struct doc_node *n, const struct pydump_limits *lim,
		   struct buf *out, struct diag_list *diags)
{
	return dump(key, n, lim, out, diags);
}
