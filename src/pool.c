/* pool: reading a pool description file (see pool.h for the format).
 *
 * Values use the spec's own grammars (durations, binary quantities, lax
 * integers) so a pool file reads like a spec. Unknown keys are errors: a
 * typo in a pool file would silently turn a check off otherwise.
 */
#define _DEFAULT_SOURCE 1  /* strdup */
#include "pool.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "units.h"

#define RULE "pool-file"

struct reader {
	struct doc *d;
	struct diag_list *diags;
	int errors;
};

/* "KEY: what" at node n. */
static void bad(struct reader *r, const struct doc_node *n, const char *what)
{
	uint32_t s = n ? (n->key && (n->flags & DOC_F_EMPTY) ? n->key_start : n->start) : 0;
	uint32_t e = n ? (n->kind == DOC_SCALAR ? n->end : s) : 0;
	const char *key = n && n->key ? n->key : NULL;
	diag_addf_at(r->diags, DIAG_ERROR, RULE, s, e, "%s%s%s", key ? key : "", key ? ": " : "", what);
	r->errors++;
}

/* A copy of s; running out of memory is an error of the read, so a pool
 * is never returned with a missing name. */
static char *dupstr(struct reader *r, const char *s)
{
	char *c = strdup(s ? s : "");
	if (!c)
		bad(r, NULL, "out of memory reading the pool file");
	return c;
}

static bool is_plain(const struct doc_node *n)
{
	return n->style == DOC_PLAIN;
}

static void read_int(struct reader *r, const struct doc_node *n, long long *out)
{
	n = doc_resolve(n);
	int64_t v;
	bool big, unset;
	struct units_err e;
	if (!n || n->kind != DOC_SCALAR ||
	    units_lax_int(n->text, n->len, is_plain(n), &v, &big, &unset, &e) < 0 || unset)
		bad(r, n, "expected a whole number");
	else
		*out = v;
}

static void read_qty(struct reader *r, const struct doc_node *n, double *out)
{
	n = doc_resolve(n);
	bool unset;
	struct units_err e;
	if (!n || n->kind != DOC_SCALAR ||
	    units_quantity(n->text, n->len, is_plain(n), n->key ? n->key : "value", out, &unset, &e) < 0 ||
	    unset)
		bad(r, n, "expected a quantity such as 512Gi");
}

static void read_dur(struct reader *r, const struct doc_node *n, double *out)
{
	n = doc_resolve(n);
	bool unset;
	struct units_err e;
	if (!n || n->kind != DOC_SCALAR ||
	    units_duration(n->text, n->len, is_plain(n), UNITS_DUR_TIMEOUT, out, &unset, &e) < 0 || unset)
		bad(r, n, "expected a duration such as 60d");
}

static void read_bool(struct reader *r, const struct doc_node *n, bool *out)
{
	n = doc_resolve(n);
	struct units_err e;
	if (!n || n->kind != DOC_SCALAR || units_lax_bool(n->text, n->len, is_plain(n), out, &e) < 0)
		bad(r, n, "expected true or false");
}

static char **read_strings(struct reader *r, const struct doc_node *n, size_t *count)
{
	n = doc_resolve(n);
	*count = 0;
	if (!n || n->kind != DOC_SEQ) {
		bad(r, n, "expected a list of strings");
		return NULL;
	}
	char **v = calloc(n->nkids + 1, sizeof *v);
	if (!v)
		bad(r, n, "out of memory reading the pool file");
	for (uint32_t i = 0; v && i < n->nkids; i++) {
		const struct doc_node *it = doc_resolve(n->kids[i]);
		if (!it || it->kind != DOC_SCALAR) {
			bad(r, it, "expected a string");
			continue;
		}
		v[(*count)++] = dupstr(r, it->text);
	}
	return v;
}

/* Call fn for each entry of mapping n, refusing keys not in allowed. */
static bool check_keys(struct reader *r, const struct doc_node *n, const char *const *allowed)
{
	n = doc_resolve(n);
	if (!n || n->kind != DOC_MAP) {
		bad(r, n, "expected a mapping");
		return false;
	}
	for (uint32_t i = 0; i < n->nkids; i++) {
		bool ok = false;
		for (size_t k = 0; allowed[k]; k++)
			ok |= strcmp(n->kids[i]->key, allowed[k]) == 0;
		if (!ok) {
			diag_addf_at(r->diags, DIAG_ERROR, RULE, n->kids[i]->key_start, n->kids[i]->key_end,
				     "unknown key \"%s\" in the pool file", n->kids[i]->key);
			r->errors++;
		}
	}
	return true;
}

static void read_platform(struct reader *r, const struct doc_node *ent, struct pool_platform *pl)
{
	static const char *const keys[] = { "privileged", "host_network", "default_mounts",
					    "allowed_mounts", "nodes", NULL };
	static const char *const node_keys[] = { "count", "cpu", "gpu", "memory", "storage", NULL };
	pl->name = dupstr(r, ent->key);
	const struct doc_node *n = doc_resolve(ent);
	if (doc_is_null(n))
		return;
	if (!check_keys(r, ent, keys))
		return;
	const struct doc_node *v;
	if ((v = doc_map_get(n, "privileged")))
		read_bool(r, v, &pl->privileged);
	if ((v = doc_map_get(n, "host_network")))
		read_bool(r, v, &pl->host_network);
	if ((v = doc_map_get(n, "default_mounts")))
		pl->default_mounts = read_strings(r, v, &pl->ndefault_mounts);
	if ((v = doc_map_get(n, "allowed_mounts")))
		pl->allowed_mounts = read_strings(r, v, &pl->nallowed_mounts);
	const struct doc_node *nodes = doc_resolve(doc_map_get(n, "nodes"));
	if (!nodes)
		return;
	if (nodes->kind != DOC_SEQ) {
		bad(r, nodes, "expected a list of node shapes");
		return;
	}
	pl->nodes = calloc(nodes->nkids + 1, sizeof *pl->nodes);
	if (!pl->nodes)
		bad(r, nodes, "out of memory reading the pool file");
	for (uint32_t i = 0; pl->nodes && i < nodes->nkids; i++) {
		const struct doc_node *nd = doc_resolve(nodes->kids[i]);
		if (!check_keys(r, nd, node_keys))
			continue;
		struct pool_node *o = &pl->nodes[pl->nnodes++];
		long long count = 1;
		o->count = 1;
		if ((v = doc_map_get(nd, "count"))) {
			read_int(r, v, &count);
			o->count = (long)count;
		}
		if ((v = doc_map_get(nd, "cpu")))
			read_int(r, v, &o->cpu);
		if ((v = doc_map_get(nd, "gpu")))
			read_int(r, v, &o->gpu);
		if ((v = doc_map_get(nd, "memory")))
			read_qty(r, v, &o->memory);
		if ((v = doc_map_get(nd, "storage")))
			read_qty(r, v, &o->storage);
	}
}

struct pool *pool_from_doc(struct doc *d, struct diag_list *diags)
{
	static const char *const keys[] = { "name", "status", "default_platform", "gpu_guarantee",
					    "topology_keys", "limits", "defaults", "platforms", NULL };
	static const char *const limit_keys[] = { "max_tasks", "max_name_length", "max_exec_timeout",
						  "max_queue_timeout", NULL };
	static const char *const default_keys[] = { "cpu", "gpu", "memory", "storage", NULL };
	struct reader r = { d, diags, 0 };
	struct pool *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->gpu_guarantee = -1;
	p->default_cpu = 1;
	p->default_memory = p->default_storage = 1024.0 * 1024 * 1024;
	const struct doc_node *root = d->root;
	if (!root || !check_keys(&r, root, keys)) {
		if (!root)
			diag_addf_lc(diags, DIAG_ERROR, RULE, 0, 0, "the pool file is empty");
		pool_free(p);
		return NULL;
	}
	const struct doc_node *v;
	if ((v = doc_resolve(doc_map_get(root, "name"))) && v->kind == DOC_SCALAR)
		p->name = dupstr(&r, v->text);
	else
		p->name = dupstr(&r, "pool");
	if ((v = doc_resolve(doc_map_get(root, "status")))) {
		if (v->kind == DOC_SCALAR && strcasecmp(v->text, "maintenance") == 0)
			p->maintenance = true;
		else if (!(v->kind == DOC_SCALAR && strcasecmp(v->text, "online") == 0))
			bad(&r, v, "expected online or maintenance");
	}
	if ((v = doc_resolve(doc_map_get(root, "default_platform"))) && v->kind == DOC_SCALAR)
		p->default_platform = dupstr(&r, v->text);
	if ((v = doc_map_get(root, "gpu_guarantee"))) {
		long long g = -1;
		read_int(&r, v, &g);
		p->gpu_guarantee = (long)g;
	}
	if ((v = doc_map_get(root, "topology_keys")))
		p->topology_keys = read_strings(&r, v, &p->ntopology_keys);
	if ((v = doc_map_get(root, "limits")) && check_keys(&r, v, limit_keys)) {
		const struct doc_node *l = doc_resolve(v), *x;
		long long n = 0;   /* a bad value is reported; 0 then means "OSMO's default" */
		if ((x = doc_map_get(l, "max_tasks"))) {
			read_int(&r, x, &n);
			p->max_tasks = (long)n;
		}
		if ((x = doc_map_get(l, "max_name_length"))) {
			read_int(&r, x, &n);
			p->max_name_length = (long)n;
		}
		if ((x = doc_map_get(l, "max_exec_timeout")))
			read_dur(&r, x, &p->max_exec_timeout);
		if ((x = doc_map_get(l, "max_queue_timeout")))
			read_dur(&r, x, &p->max_queue_timeout);
	}
	if ((v = doc_map_get(root, "defaults")) && check_keys(&r, v, default_keys)) {
		const struct doc_node *l = doc_resolve(v), *x;
		if ((x = doc_map_get(l, "cpu")))
			read_int(&r, x, &p->default_cpu);
		if ((x = doc_map_get(l, "gpu")))
			read_int(&r, x, &p->default_gpu);
		if ((x = doc_map_get(l, "memory")))
			read_qty(&r, x, &p->default_memory);
		if ((x = doc_map_get(l, "storage")))
			read_qty(&r, x, &p->default_storage);
	}
	const struct doc_node *pls = doc_resolve(doc_map_get(root, "platforms"));
	if (pls && pls->kind == DOC_MAP) {
		p->platforms = calloc(pls->nkids + 1, sizeof *p->platforms);
		if (!p->platforms)
			bad(&r, pls, "out of memory reading the pool file");
		for (uint32_t i = 0; p->platforms && i < pls->nkids; i++)
			read_platform(&r, pls->kids[i], &p->platforms[p->nplatforms++]);
	} else if (pls) {
		bad(&r, pls, "expected a mapping of platform names");
	}
	if (r.errors) {
		pool_free(p);
		return NULL;
	}
	return p;
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

void pool_free(struct pool *p)
{
	if (!p)
		return;
	for (size_t i = 0; p->platforms && i < p->nplatforms; i++) {
		struct pool_platform *pl = &p->platforms[i];
		free(pl->name);
		free_strings(pl->default_mounts, pl->ndefault_mounts);
		free_strings(pl->allowed_mounts, pl->nallowed_mounts);
		free(pl->nodes);
	}
	free(p->platforms);
	free_strings(p->topology_keys, p->ntopology_keys);
	free(p->name);
	free(p->default_platform);
	free(p);
}

const struct pool_platform *pool_platform(const struct pool *p, const char *name)
{
	for (size_t i = 0; name && i < p->nplatforms; i++)
		if (strcmp(p->platforms[i].name, name) == 0)
			return &p->platforms[i];
	return NULL;
}

bool pool_has_topology_key(const struct pool *p, const char *key)
{
	for (size_t i = 0; i < p->ntopology_keys; i++)
		if (strcmp(p->topology_keys[i], key) == 0)
			return true;
	return false;
}

void pool_platform_names(const struct pool *p, struct buf *out)
{
	for (size_t i = 0; i < p->nplatforms; i++)
		buf_printf(out, "%s%s", i ? ", " : "", p->platforms[i].name);
	if (!p->nplatforms)
		buf_puts(out, "none");
}
