/* graph: the dependency graph and its algorithms (see graph.h).
 *
 * Storage: nodes and edges in growing arrays; each node keeps the first and
 * last edge of its out- and in-lists, each edge the next edge of both lists,
 * so adding is O(1) and iteration follows insertion order without rebuilding
 * anything. Two open-addressing tables give duplicate-edge detection and
 * name lookup in O(1).
 *
 * The algorithms copy the adjacency into compressed arrays (CSR) once per
 * call: that is linear, cache-friendly, and keeps insertion order because
 * edges are scattered in index order. Depth-first searches are iterative so
 * a 100,000-node chain cannot overflow the C stack.
 */
#include "graph.h"

#include <stdlib.h>
#include <string.h>

struct gnode {
	char *name;
	char *group;
	char **lines;
	uint32_t nlines, linecap;
	void *data;
	uint32_t first_out, last_out, first_in, last_in;
	uint32_t outdeg, indeg;
	enum graph_kind kind;
};

struct gedge {
	uint32_t from, to, next_out, next_in;
};

struct graph {
	struct gnode *nodes;
	size_t n, ncap;
	struct gedge *edges;
	size_t m, mcap;
	uint32_t *ehash;   /* edge ids, GRAPH_NONE = empty; size ehcap (power of 2) */
	size_t ehcap;
	uint32_t *nhash;   /* node ids by name (first node of a name) */
	size_t nhcap;
};

/* ---- hashing ---- */

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

static uint64_t str_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return mix64(h);
}

static uint64_t edge_hash(uint32_t from, uint32_t to)
{
	return mix64(((uint64_t)from << 32) | to);
}

/* A new table of cap slots, all empty. */
static uint32_t *table_new(size_t cap)
{
	uint32_t *t = malloc(cap * sizeof *t);
	if (t)
		memset(t, 0xff, cap * sizeof *t);
	return t;
}

static void ehash_insert(uint32_t *t, size_t cap, const struct gedge *edges, uint32_t e)
{
	size_t i = edge_hash(edges[e].from, edges[e].to) & (cap - 1);
	while (t[i] != GRAPH_NONE)
		i = (i + 1) & (cap - 1);
	t[i] = e;
}

static void nhash_insert(uint32_t *t, size_t cap, const struct gnode *nodes, uint32_t v)
{
	size_t i = str_hash(nodes[v].name) & (cap - 1);
	while (t[i] != GRAPH_NONE) {
		if (strcmp(nodes[t[i]].name, nodes[v].name) == 0)
			return;   /* keep the first node of that name */
		i = (i + 1) & (cap - 1);
	}
	t[i] = v;
}

/* Keep the load of a table (count entries after the next insert) under 1/2. */
static int table_fit(uint32_t **t, size_t *cap, size_t count, const struct graph *g, bool edges)
{
	if ((count + 1) * 2 <= *cap)
		return 0;
	size_t ncap = *cap ? *cap * 2 : 64;
	uint32_t *nt = table_new(ncap);
	if (!nt)
		return -1;
	if (edges) {
		for (size_t e = 0; e < g->m; e++)
			ehash_insert(nt, ncap, g->edges, (uint32_t)e);
	} else {
		for (size_t v = 0; v < g->n; v++)
			nhash_insert(nt, ncap, g->nodes, (uint32_t)v);
	}
	free(*t);
	*t = nt;
	*cap = ncap;
	return 0;
}

/* Grow array *p of *cap elements of size sz to hold need elements. */
static int grow(void *p, size_t *cap, size_t need, size_t sz)
{
	if (need <= *cap)
		return 0;
	size_t nc = *cap ? *cap : 16;
	while (nc < need)
		nc *= 2;
	void *np = realloc(*(void **)p, nc * sz);
	if (!np)
		return -1;
	*(void **)p = np;
	*cap = nc;
	return 0;
}

/* ---- building ---- */

struct graph *graph_new(void)
{
	return calloc(1, sizeof(struct graph));
}

void graph_free(struct graph *g)
{
	if (!g)
		return;
	for (size_t v = 0; v < g->n; v++) {
		struct gnode *nd = &g->nodes[v];
		free(nd->name);
		free(nd->group);
		for (uint32_t i = 0; i < nd->nlines; i++)
			free(nd->lines[i]);
		free(nd->lines);
	}
	free(g->nodes);
	free(g->edges);
	free(g->ehash);
	free(g->nhash);
	free(g);
}

uint32_t graph_add_node(struct graph *g, const char *name, enum graph_kind kind)
{
	if (g->n >= GRAPH_MAX_ITEMS || grow(&g->nodes, &g->ncap, g->n + 1, sizeof *g->nodes) < 0)
		return GRAPH_NONE;
	if (table_fit(&g->nhash, &g->nhcap, g->n, g, false) < 0)
		return GRAPH_NONE;
	char *copy = strdup(name ? name : "");
	if (!copy)
		return GRAPH_NONE;
	uint32_t v = (uint32_t)g->n;
	g->nodes[v] = (struct gnode){ .name = copy, .kind = kind,
		.first_out = GRAPH_NONE, .last_out = GRAPH_NONE,
		.first_in = GRAPH_NONE, .last_in = GRAPH_NONE };
	g->n++;
	nhash_insert(g->nhash, g->nhcap, g->nodes, v);
	return v;
}

int graph_add_line(struct graph *g, uint32_t v, const char *line)
{
	if (v >= g->n)
		return -1;
	struct gnode *nd = &g->nodes[v];
	size_t cap = nd->linecap;
	if (nd->nlines >= GRAPH_MAX_ITEMS || grow(&nd->lines, &cap, nd->nlines + 1, sizeof *nd->lines) < 0)
		return -1;
	nd->linecap = (uint32_t)cap;
	char *copy = strdup(line ? line : "");
	if (!copy)
		return -1;
	nd->lines[nd->nlines++] = copy;
	return 0;
}

int graph_set_group(struct graph *g, uint32_t v, const char *group)
{
	if (v >= g->n)
		return -1;
	char *copy = NULL;
	if (group && !(copy = strdup(group)))
		return -1;
	free(g->nodes[v].group);
	g->nodes[v].group = copy;
	return 0;
}

void graph_set_kind(struct graph *g, uint32_t v, enum graph_kind kind)
{
	if (v < g->n)
		g->nodes[v].kind = kind;
}

void graph_set_data(struct graph *g, uint32_t v, void *data)
{
	if (v < g->n)
		g->nodes[v].data = data;
}

uint32_t graph_edge_find(const struct graph *g, uint32_t from, uint32_t to)
{
	if (!g->ehcap)
		return GRAPH_NONE;
	size_t i = edge_hash(from, to) & (g->ehcap - 1);
	for (; g->ehash[i] != GRAPH_NONE; i = (i + 1) & (g->ehcap - 1)) {
		const struct gedge *e = &g->edges[g->ehash[i]];
		if (e->from == from && e->to == to)
			return g->ehash[i];
	}
	return GRAPH_NONE;
}

int graph_add_edge(struct graph *g, uint32_t from, uint32_t to)
{
	if (from >= g->n || to >= g->n)
		return -1;
	if (graph_edge_find(g, from, to) != GRAPH_NONE)
		return 0;
	if (g->m >= GRAPH_MAX_ITEMS || grow(&g->edges, &g->mcap, g->m + 1, sizeof *g->edges) < 0)
		return -1;
	if (table_fit(&g->ehash, &g->ehcap, g->m, g, true) < 0)
		return -1;
	uint32_t e = (uint32_t)g->m++;
	g->edges[e] = (struct gedge){ from, to, GRAPH_NONE, GRAPH_NONE };
	struct gnode *a = &g->nodes[from], *b = &g->nodes[to];
	if (a->last_out == GRAPH_NONE)
		a->first_out = e;
	else
		g->edges[a->last_out].next_out = e;
	a->last_out = e;
	a->outdeg++;
	if (b->last_in == GRAPH_NONE)
		b->first_in = e;
	else
		g->edges[b->last_in].next_in = e;
	b->last_in = e;
	b->indeg++;
	ehash_insert(g->ehash, g->ehcap, g->edges, e);
	return 1;
}

/* ---- accessors ---- */

size_t graph_node_count(const struct graph *g) { return g->n; }
size_t graph_edge_count(const struct graph *g) { return g->m; }
const char *graph_name(const struct graph *g, uint32_t v) { return g->nodes[v].name; }
enum graph_kind graph_kind(const struct graph *g, uint32_t v) { return g->nodes[v].kind; }
const char *graph_group(const struct graph *g, uint32_t v) { return g->nodes[v].group; }
void *graph_data(const struct graph *g, uint32_t v) { return g->nodes[v].data; }
size_t graph_line_count(const struct graph *g, uint32_t v) { return g->nodes[v].nlines; }
const char *graph_line(const struct graph *g, uint32_t v, size_t i) { return g->nodes[v].lines[i]; }
uint32_t graph_edge_from(const struct graph *g, uint32_t e) { return g->edges[e].from; }
uint32_t graph_edge_to(const struct graph *g, uint32_t e) { return g->edges[e].to; }
size_t graph_out_degree(const struct graph *g, uint32_t v) { return g->nodes[v].outdeg; }
size_t graph_in_degree(const struct graph *g, uint32_t v) { return g->nodes[v].indeg; }
uint32_t graph_out_first(const struct graph *g, uint32_t v) { return g->nodes[v].first_out; }
uint32_t graph_out_next(const struct graph *g, uint32_t e) { return g->edges[e].next_out; }
uint32_t graph_in_first(const struct graph *g, uint32_t v) { return g->nodes[v].first_in; }
uint32_t graph_in_next(const struct graph *g, uint32_t e) { return g->edges[e].next_in; }

uint32_t graph_find(const struct graph *g, const char *name)
{
	if (!g->nhcap)
		return GRAPH_NONE;
	size_t i = str_hash(name) & (g->nhcap - 1);
	for (; g->nhash[i] != GRAPH_NONE; i = (i + 1) & (g->nhcap - 1))
		if (strcmp(g->nodes[g->nhash[i]].name, name) == 0)
			return g->nhash[i];
	return GRAPH_NONE;
}

/* Neighbours of v in one direction, in insertion order, into out[0..max). */
static size_t neighbours(const struct graph *g, uint32_t v, bool down, uint32_t *out, size_t max)
{
	size_t k = 0;
	uint32_t e = down ? g->nodes[v].first_out : g->nodes[v].first_in;
	for (; e != GRAPH_NONE; e = down ? g->edges[e].next_out : g->edges[e].next_in, k++)
		if (k < max)
			out[k] = down ? g->edges[e].to : g->edges[e].from;
	return k;
}

size_t graph_succs(const struct graph *g, uint32_t v, uint32_t *out, size_t max)
{
	return neighbours(g, v, true, out, max);
}

size_t graph_preds(const struct graph *g, uint32_t v, uint32_t *out, size_t max)
{
	return neighbours(g, v, false, out, max);
}

void graph_path_free(struct graph_path *p)
{
	free(p->v);
	p->v = NULL;
	p->n = 0;
}

/* ---- compressed adjacency ---- */

struct csr {
	uint32_t *off;   /* n + 1 */
	uint32_t *adj;   /* m */
};

static void csr_free(struct csr *c)
{
	free(c->off);
	free(c->adj);
}

/* Out-adjacency (reverse = false) or in-adjacency, in edge insertion order. */
static int csr_build(const struct graph *g, bool reverse, struct csr *c)
{
	c->off = calloc(g->n + 1, sizeof *c->off);
	c->adj = malloc((g->m ? g->m : 1) * sizeof *c->adj);
	if (!c->off || !c->adj) {
		csr_free(c);
		return -1;
	}
	for (size_t e = 0; e < g->m; e++)
		c->off[(reverse ? g->edges[e].to : g->edges[e].from) + 1]++;
	for (size_t v = 0; v < g->n; v++)
		c->off[v + 1] += c->off[v];
	uint32_t *fill = malloc((g->n ? g->n : 1) * sizeof *fill);
	if (!fill) {
		csr_free(c);
		return -1;
	}
	memcpy(fill, c->off, g->n * sizeof *fill);
	for (size_t e = 0; e < g->m; e++) {
		const struct gedge *ed = &g->edges[e];
		uint32_t key = reverse ? ed->to : ed->from;
		c->adj[fill[key]++] = reverse ? ed->from : ed->to;
	}
	free(fill);
	return 0;
}

/* ---- cycles ---- */

/* Strongly connected components (iterative Tarjan). comp[v] = component id;
 * cyclic[c] = the component contains a cycle (size > 1 or a self-loop). */
static int scc(const struct graph *g, const struct csr *out, uint32_t *comp, bool **cyclic_out)
{
	size_t n = g->n;
	uint32_t *index = malloc((n ? n : 1) * sizeof *index);
	uint32_t *low = malloc((n ? n : 1) * sizeof *low);
	uint32_t *cursor = malloc((n ? n : 1) * sizeof *cursor);
	uint32_t *stack = malloc((n ? n : 1) * sizeof *stack);
	uint32_t *call = malloc((n ? n : 1) * sizeof *call);
	bool *onstack = calloc(n ? n : 1, sizeof *onstack);
	bool *cyclic = calloc(n ? n : 1, sizeof *cyclic);
	int rc = -1;
	if (!index || !low || !cursor || !stack || !call || !onstack || !cyclic)
		goto out;
	memset(index, 0xff, n * sizeof *index);
	/* The root loop below visits every node, so each comp[v] gets its id;
	 * zeroed first because that argument rests on index[] starting as
	 * GRAPH_NONE, which the analyzer cannot see through memset. */
	memset(comp, 0, n * sizeof *comp);
	uint32_t next_index = 0, ncomp = 0;
	size_t sp = 0, cp = 0;
	for (uint32_t root = 0; root < n; root++) {
		if (index[root] != GRAPH_NONE)
			continue;
		call[cp++] = root;
		index[root] = low[root] = next_index++;
		cursor[root] = out->off[root];
		stack[sp++] = root;
		onstack[root] = true;
		while (cp) {
			uint32_t v = call[cp - 1];
			if (cursor[v] < out->off[v + 1]) {
				uint32_t w = out->adj[cursor[v]++];
				if (index[w] == GRAPH_NONE) {
					index[w] = low[w] = next_index++;
					cursor[w] = out->off[w];
					stack[sp++] = w;
					onstack[w] = true;
					call[cp++] = w;
				} else if (onstack[w] && index[w] < low[v]) {
					low[v] = index[w];
				}
				continue;
			}
			cp--;
			if (cp && low[v] < low[call[cp - 1]])
				low[call[cp - 1]] = low[v];
			if (low[v] != index[v])
				continue;
			uint32_t w, size = 0;
			do {
				w = stack[--sp];
				onstack[w] = false;
				comp[w] = ncomp;
				size++;
			} while (w != v);
			cyclic[ncomp] = size > 1;
			ncomp++;
		}
	}
	for (uint32_t v = 0; v < n; v++)
		for (uint32_t k = out->off[v]; k < out->off[v + 1]; k++)
			if (out->adj[k] == v)
				cyclic[comp[v]] = true;
	*cyclic_out = cyclic;
	cyclic = NULL;
	rc = 0;
out:
	free(index);
	free(low);
	free(cursor);
	free(stack);
	free(call);
	free(onstack);
	free(cyclic);
	return rc;
}

/* Depth-first from s inside its component, edges in insertion order, until an
 * edge returns to s: the DFS stack is then the cycle. */
static int cycle_from(const struct csr *out, const uint32_t *comp, uint32_t s,
		      uint8_t *seen, uint32_t *stack, uint32_t *cursor, struct graph_path *p)
{
	size_t sp = 0;
	stack[sp++] = s;
	cursor[s] = out->off[s];
	seen[s] = 1;
	while (sp) {
		uint32_t v = stack[sp - 1];
		if (cursor[v] == out->off[v + 1]) {
			sp--;
			continue;
		}
		uint32_t w = out->adj[cursor[v]++];
		if (w == s) {
			p->v = malloc((sp + 1) * sizeof *p->v);
			if (!p->v)
				return -1;
			memcpy(p->v, stack, sp * sizeof *p->v);
			p->v[sp] = s;
			p->n = sp + 1;
			return 1;
		}
		if (comp[w] == comp[s] && !seen[w]) {
			seen[w] = 1;
			cursor[w] = out->off[w];
			stack[sp++] = w;
		}
	}
	return 0;   /* unreachable for a cyclic component */
}

/* Shared driver: all cycles (max = SIZE_MAX) or the first one (max = 1). */
static long find_cycles(const struct graph *g, struct graph_path **res, size_t max)
{
	size_t n = g->n;
	struct csr out;
	if (csr_build(g, false, &out) < 0)
		return -1;
	uint32_t *comp = malloc((n ? n : 1) * sizeof *comp);
	uint32_t *stack = malloc((n ? n : 1) * sizeof *stack);
	uint32_t *cursor = malloc((n ? n : 1) * sizeof *cursor);
	uint8_t *seen = calloc(n ? n : 1, 1);
	bool *cyclic = NULL, *done = NULL;
	struct graph_path *paths = NULL;
	size_t np = 0, cap = 0;
	long rc = -1;
	if (!comp || !stack || !cursor || !seen || scc(g, &out, comp, &cyclic) < 0)
		goto out;
	if (!(done = calloc(n ? n : 1, sizeof *done)))
		goto out;
	for (uint32_t v = 0; v < n && np < max; v++) {
		if (!cyclic[comp[v]] || done[comp[v]])
			continue;
		done[comp[v]] = true;
		if (grow(&paths, &cap, np + 1, sizeof *paths) < 0)
			goto out;
		paths[np] = (struct graph_path){ NULL, 0 };
		if (cycle_from(&out, comp, v, seen, stack, cursor, &paths[np]) < 0)
			goto out;
		np++;
	}
	*res = paths;
	paths = NULL;
	rc = (long)np;
out:
	if (paths) {
		for (size_t i = 0; i < np; i++)
			graph_path_free(&paths[i]);
		free(paths);
	}
	csr_free(&out);
	free(comp);
	free(stack);
	free(cursor);
	free(seen);
	free(cyclic);
	free(done);
	return rc;
}

int graph_find_cycle(const struct graph *g, struct graph_path *cycle)
{
	struct graph_path *paths = NULL;
	*cycle = (struct graph_path){ NULL, 0 };
	long k = find_cycles(g, &paths, 1);
	if (k < 0)
		return -1;
	if (k == 1)
		*cycle = paths[0];
	free(paths);
	return k == 1;
}

long graph_find_cycles(const struct graph *g, struct graph_path **cycles, size_t *n)
{
	*cycles = NULL;
	*n = 0;
	long k = find_cycles(g, cycles, SIZE_MAX);
	if (k >= 0)
		*n = (size_t)k;
	return k;
}

long graph_cycle_nodes(const struct graph *g, bool *on_cycle)
{
	struct csr out;
	if (csr_build(g, false, &out) < 0)
		return -1;
	uint32_t *comp = malloc((g->n ? g->n : 1) * sizeof *comp);
	bool *cyclic = NULL;
	long count = -1;
	if (comp && scc(g, &out, comp, &cyclic) == 0) {
		count = 0;
		for (size_t v = 0; v < g->n; v++) {
			on_cycle[v] = cyclic[comp[v]];
			count += on_cycle[v];
		}
	}
	free(comp);
	free(cyclic);
	csr_free(&out);
	return count;
}

/* ---- orders, waves, reachability, critical path ---- */

/* Min-heap of node ids. */
static void heap_push(uint32_t *h, size_t *n, uint32_t v)
{
	size_t i = (*n)++;
	while (i && h[(i - 1) / 2] > v) {
		h[i] = h[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h[i] = v;
}

static uint32_t heap_pop(uint32_t *h, size_t *n)
{
	uint32_t top = h[0], last = h[--*n];
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= *n)
			break;
		if (c + 1 < *n && h[c + 1] < h[c])
			c++;
		if (h[c] >= last)
			break;
		h[i] = h[c];
		i = c;
	}
	if (*n)
		h[i] = last;
	return top;
}

int graph_topo_order(const struct graph *g, uint32_t *order)
{
	size_t n = g->n;
	uint32_t *indeg = malloc((n ? n : 1) * sizeof *indeg);
	uint32_t *heap = malloc((n ? n : 1) * sizeof *heap);
	if (!indeg || !heap) {
		free(indeg);
		free(heap);
		return GRAPH_ENOMEM;
	}
	size_t hn = 0, k = 0;
	for (uint32_t v = 0; v < n; v++) {
		indeg[v] = g->nodes[v].indeg;
		if (!indeg[v])
			heap_push(heap, &hn, v);
	}
	while (hn) {
		uint32_t v = heap_pop(heap, &hn);
		order[k++] = v;
		for (uint32_t e = g->nodes[v].first_out; e != GRAPH_NONE; e = g->edges[e].next_out)
			if (--indeg[g->edges[e].to] == 0)
				heap_push(heap, &hn, g->edges[e].to);
	}
	for (size_t i = k; i < n; i++)
		order[i] = GRAPH_NONE;
	free(indeg);
	free(heap);
	return k == n ? 0 : GRAPH_ECYCLE;
}

long graph_waves(const struct graph *g, uint32_t *wave)
{
	size_t n = g->n;
	uint32_t *order = malloc((n ? n : 1) * sizeof *order);
	if (!order)
		return GRAPH_ENOMEM;
	int rc = graph_topo_order(g, order);
	if (rc == GRAPH_ENOMEM) {
		free(order);
		return GRAPH_ENOMEM;
	}
	for (size_t v = 0; v < n; v++)
		wave[v] = GRAPH_NONE;
	long nwaves = 0;
	for (size_t i = 0; i < n && order[i] != GRAPH_NONE; i++) {
		uint32_t v = order[i], w = 0;
		for (uint32_t e = g->nodes[v].first_in; e != GRAPH_NONE; e = g->edges[e].next_in)
			if (wave[g->edges[e].from] + 1 > w)
				w = wave[g->edges[e].from] + 1;
		wave[v] = w;
		if ((long)w + 1 > nwaves)
			nwaves = (long)w + 1;
	}
	free(order);
	return rc == GRAPH_ECYCLE ? GRAPH_ECYCLE : nwaves;
}

long graph_reach(const struct graph *g, uint32_t v, unsigned dir, uint8_t *mark)
{
	if (v >= g->n)
		return 0;
	uint32_t *queue = malloc(g->n * sizeof *queue);
	if (!queue)
		return -1;
	long count = 0;
	for (unsigned bit = GRAPH_UP; bit <= GRAPH_DOWN; bit <<= 1) {
		if (!(dir & bit))
			continue;
		size_t head = 0, tail = 0;
		queue[tail++] = v;
		while (head < tail) {
			uint32_t u = queue[head++];
			const struct gnode *nd = &g->nodes[u];
			uint32_t e = bit == GRAPH_UP ? nd->first_in : nd->first_out;
			while (e != GRAPH_NONE) {
				const struct gedge *ed = &g->edges[e];
				uint32_t w = bit == GRAPH_UP ? ed->from : ed->to;
				if (!(mark[w] & bit)) {
					mark[w] |= (uint8_t)bit;
					count++;
					if (w != v)
						queue[tail++] = w;
				}
				e = bit == GRAPH_UP ? ed->next_in : ed->next_out;
			}
		}
	}
	free(queue);
	return count;
}

int graph_critical_path(const struct graph *g, const double *weight, double *finish,
			struct graph_path *path, double *length)
{
	size_t n = g->n;
	*path = (struct graph_path){ NULL, 0 };
	*length = 0;
	uint32_t *order = malloc((n ? n : 1) * sizeof *order);
	uint32_t *best = malloc((n ? n : 1) * sizeof *best);
	double *dist = malloc((n ? n : 1) * sizeof *dist);
	int rc = GRAPH_ENOMEM;
	if (!order || !best || !dist)
		goto out;
	rc = graph_topo_order(g, order);
	if (rc < 0)
		goto out;
	uint32_t end = GRAPH_NONE;
	for (size_t i = 0; i < n; i++) {
		uint32_t v = order[i];
		double w = weight ? weight[v] : 1.0;
		double d = 0;
		best[v] = GRAPH_NONE;
		for (uint32_t e = g->nodes[v].first_in; e != GRAPH_NONE; e = g->edges[e].next_in) {
			uint32_t p = g->edges[e].from;
			if (best[v] == GRAPH_NONE || dist[p] > d || (dist[p] == d && p < best[v])) {
				d = dist[p];
				best[v] = p;
			}
		}
		dist[v] = d + (w > 0 ? w : 0);
		if (end == GRAPH_NONE || dist[v] > dist[end] || (dist[v] == dist[end] && v < end))
			end = v;
	}
	if (finish)
		memcpy(finish, dist, n * sizeof *finish);
	size_t len = 0;
	for (uint32_t v = end; v != GRAPH_NONE; v = best[v])
		len++;
	rc = GRAPH_ENOMEM;
	if (len && !(path->v = malloc(len * sizeof *path->v)))
		goto out;
	path->n = len;
	for (uint32_t v = end, i = (uint32_t)len; v != GRAPH_NONE; v = best[v])
		path->v[--i] = v;
	*length = end == GRAPH_NONE ? 0 : dist[end];
	rc = 0;
out:
	free(order);
	free(best);
	free(dist);
	return rc;
}
