/* lgraph: layering and dummy chains for the layered layout (see lgraph.h).
 *
 * Steps, each linear in nodes + edges:
 *   1. cycle breaking: iterative DFS in id order; an edge into a node still on
 *      the DFS stack is reversed (drawn upwards), a self-loop is set aside;
 *   2. layering: longest path from the sources in a Kahn topological order;
 *   3. promotion: in reverse topological order, a node with more out- than
 *      in-edges moves down to just above its nearest successor, which
 *      shortens the sum of edge lengths (fewer dummies, fewer crossings); this
 *      is the cheap end of what network simplex ranking achieves;
 *   4. empty layers are squeezed out, long edges become dummy chains, and the
 *      up/down adjacency is stored as CSR arrays in edge order.
 */
#include "lgraph.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"

#define ALLOC(p, count) ((p) = malloc(((count) ? (count) : 1) * sizeof *(p)))

void lgraph_free(struct lgraph *lg)
{
	free(lg->layer);
	free(lg->pos);
	free(lg->lstart);
	free(lg->order);
	free(lg->up_off);
	free(lg->up);
	free(lg->down_off);
	free(lg->down);
	free(lg->chain_off);
	free(lg->chain);
	free(lg->eflags);
	free(lg->comp);
	memset(lg, 0, sizeof *lg);
}

/* Step 1: mark reversed edges and self-loops in flags[]. */
static int break_cycles(const struct graph *g, uint8_t *flags)
{
	size_t n = graph_node_count(g);
	uint8_t *state = calloc(n ? n : 1, 1);   /* 0 new, 1 on stack, 2 done */
	uint32_t *stack, *cursor;
	ALLOC(stack, n);
	ALLOC(cursor, n);
	if (!state || !stack || !cursor) {
		free(state);
		free(stack);
		free(cursor);
		return -1;
	}
	for (uint32_t root = 0; root < n; root++) {
		if (state[root])
			continue;
		size_t sp = 0;
		stack[sp++] = root;
		state[root] = 1;
		cursor[root] = graph_out_first(g, root);
		while (sp) {
			uint32_t v = stack[sp - 1], e = cursor[v];
			if (e == GRAPH_NONE) {
				state[v] = 2;
				sp--;
				continue;
			}
			cursor[v] = graph_out_next(g, e);
			uint32_t w = graph_edge_to(g, e);
			if (w == v) {
				flags[e] = LGRAPH_SELF;
			} else if (state[w] == 1) {
				flags[e] = LGRAPH_REVERSED;
			} else if (state[w] == 0) {
				state[w] = 1;
				cursor[w] = graph_out_first(g, w);
				stack[sp++] = w;
			}
		}
	}
	free(state);
	free(stack);
	free(cursor);
	return 0;
}

/* Endpoints of edge e as drawn (top, bottom). */
static void drawn_ends(const struct graph *g, const uint8_t *flags, uint32_t e,
		       uint32_t *top, uint32_t *bottom)
{
	uint32_t a = graph_edge_from(g, e), b = graph_edge_to(g, e);
	if (flags[e] & LGRAPH_REVERSED) {
		*top = b;
		*bottom = a;
	} else {
		*top = a;
		*bottom = b;
	}
}

/* Vertex promotion (Nikolov, Tarassov: "Graph layering by promotion of
 * nodes", 2006), top-down: moving v one layer down shortens its out-edges and
 * lengthens its in-edges; successors right below it must move too. An attempt
 * is kept when the number of dummies drops. The cascade is an explicit stack
 * and is logged so that a rejected attempt is undone in its own size. */
struct demoter {
	const uint32_t *off, *adj, *indeg, *outdeg;
	uint32_t *layer;
	uint32_t *stack, *log;   /* stack: node, cursor pairs; log: node, old layer pairs */
	size_t nlog, budget;
};

#define DEMOTE_MAX_CASCADE 4096

/* Demote v and what it pushes; returns the change in dummies, or a large
 * value when the cascade exceeds its cap (the caller undoes it). */
static long demote(struct demoter *d, uint32_t v)
{
	long diff = 0;
	size_t sp = 0;
	d->stack[sp++] = v;
	d->stack[sp++] = d->off[v];
	while (sp) {
		uint32_t u = d->stack[sp - 2], k = d->stack[sp - 1];
		if (k < d->off[u + 1]) {
			d->stack[sp - 1] = k + 1;
			uint32_t w = d->adj[k];
			if (d->layer[w] == d->layer[u] + 1) {
				if (sp / 2 >= DEMOTE_MAX_CASCADE || d->nlog / 2 >= DEMOTE_MAX_CASCADE)
					return LONG_MAX / 2;
				d->stack[sp++] = w;
				d->stack[sp++] = d->off[w];
			}
			continue;
		}
		sp -= 2;
		d->log[d->nlog++] = u;
		d->log[d->nlog++] = d->layer[u];
		d->layer[u]++;
		diff += (long)d->indeg[u] - (long)d->outdeg[u];
		d->budget -= d->budget ? 1 : 0;
	}
	return diff;
}

static int demote_all(struct demoter *d, size_t n)
{
	d->stack = malloc(4 * (size_t)DEMOTE_MAX_CASCADE * sizeof *d->stack + 16);
	d->log = malloc(4 * (size_t)DEMOTE_MAX_CASCADE * sizeof *d->log + 16);
	if (!d->stack || !d->log) {
		free(d->stack);
		free(d->log);
		return -1;
	}
	d->budget = 64 * n + 100000;
	for (int round = 0; round < 64 && d->budget; round++) {
		size_t kept = 0;
		for (uint32_t v = 0; v < n && d->budget; v++) {
			if (!d->outdeg[v])
				continue;
			d->nlog = 0;
			if (demote(d, v) < 0) {
				kept++;
				continue;
			}
			while (d->nlog) {
				d->nlog -= 2;
				d->layer[d->log[d->nlog]] = d->log[d->nlog + 1];
			}
		}
		if (!kept)
			break;
	}
	free(d->stack);
	free(d->log);
	return 0;
}

/* Steps 2 and 3: layer[] for the acyclic drawn graph. */
static int assign_layers(const struct graph *g, const uint8_t *flags, uint32_t *layer)
{
	size_t n = graph_node_count(g), m = graph_edge_count(g);
	uint32_t *off = calloc(n + 1, sizeof *off), *adj, *indeg, *outdeg, *topo;
	ALLOC(adj, m);
	indeg = calloc(n ? n : 1, sizeof *indeg);
	outdeg = calloc(n ? n : 1, sizeof *outdeg);
	ALLOC(topo, n);
	int rc = -1;
	if (!off || !adj || !indeg || !outdeg || !topo)
		goto out;
	for (uint32_t e = 0; e < m; e++) {
		if (flags[e] & LGRAPH_SELF)
			continue;
		uint32_t a, b;
		drawn_ends(g, flags, e, &a, &b);
		off[a + 1]++;
		indeg[b]++;
		outdeg[a]++;
	}
	for (size_t v = 0; v < n; v++)
		off[v + 1] += off[v];
	uint32_t *fill = topo;   /* borrow topo as the fill cursor first */
	memcpy(fill, off, n * sizeof *fill);
	for (uint32_t e = 0; e < m; e++) {
		if (flags[e] & LGRAPH_SELF)
			continue;
		uint32_t a, b;
		drawn_ends(g, flags, e, &a, &b);
		adj[fill[a]++] = b;
	}
	/* Kahn: the queue is topo[] itself; indeg is consumed */
	size_t head = 0, tail = 0;
	for (uint32_t v = 0; v < n; v++) {
		layer[v] = 0;
		if (!indeg[v])
			topo[tail++] = v;
	}
	while (head < tail) {
		uint32_t v = topo[head++];
		for (uint32_t k = off[v]; k < off[v + 1]; k++) {
			uint32_t w = adj[k];
			if (layer[v] + 1 > layer[w])
				layer[w] = layer[v] + 1;
			if (--indeg[w] == 0)
				topo[tail++] = w;
		}
	}
	if (tail != n)
		goto out;   /* cannot happen: break_cycles left a DAG */
	/* promotion; recount in-degrees (consumed above) */
	for (uint32_t v = 0; v < n; v++)
		for (uint32_t k = off[v]; k < off[v + 1]; k++)
			indeg[adj[k]]++;
	struct demoter d = { off, adj, indeg, outdeg, layer, NULL, NULL, 0, 0 };
	if (demote_all(&d, n) < 0)
		goto out;
	rc = 0;
out:
	free(off);
	free(adj);
	free(indeg);
	free(outdeg);
	free(topo);
	return rc;
}

/* Squeeze out empty layers; returns the number of layers. */
static uint32_t compress_layers(uint32_t *layer, size_t n)
{
	uint32_t max = 0;
	for (size_t v = 0; v < n; v++)
		if (layer[v] > max)
			max = layer[v];
	uint32_t *map = calloc((size_t)max + 1, sizeof *map);
	if (!map)
		return 0;
	for (size_t v = 0; v < n; v++)
		map[layer[v]] = 1;
	uint32_t k = 0;
	for (uint32_t l = 0; l <= max; l++)
		map[l] = map[l] ? k++ : 0;
	for (size_t v = 0; v < n; v++)
		layer[v] = map[layer[v]];
	free(map);
	return k;
}

static uint32_t uf_find(uint32_t *parent, uint32_t v)
{
	while (parent[v] != v) {
		parent[v] = parent[parent[v]];
		v = parent[v];
	}
	return v;
}

/* Connected components, numbered in order of their lowest real node id. */
static int number_components(struct lgraph *lg)
{
	uint32_t *parent, *num;
	ALLOC(parent, lg->n);
	ALLOC(num, lg->n);
	if (!parent || !num) {
		free(parent);
		free(num);
		return -1;
	}
	for (uint32_t v = 0; v < lg->n; v++) {
		parent[v] = v;
		num[v] = UINT32_MAX;
	}
	for (uint32_t v = 0; v < lg->n; v++)
		for (uint32_t k = lg->down_off[v]; k < lg->down_off[v + 1]; k++) {
			uint32_t a = uf_find(parent, v), b = uf_find(parent, lg->down[k]);
			if (a != b)
				parent[a < b ? b : a] = a < b ? a : b;
		}
	uint32_t next = 0;
	for (uint32_t v = 0; v < lg->n; v++) {
		uint32_t r = uf_find(parent, v);
		if (num[r] == UINT32_MAX)
			num[r] = next++;
		lg->comp[v] = num[r];
	}
	free(parent);
	free(num);
	return 0;
}

/* Step 4: dummies, chains and the up/down CSR. */
static int build_chains(struct lgraph *lg, const struct graph *g, const uint32_t *rlayer)
{
	uint32_t m = lg->nedges;
	uint64_t total = lg->nreal, clen = 0;
	for (uint32_t e = 0; e < m; e++) {
		if (lg->eflags[e] & LGRAPH_SELF)
			continue;
		uint32_t a, b;
		drawn_ends(g, lg->eflags, e, &a, &b);
		total += rlayer[b] - rlayer[a] - 1;
		clen += rlayer[b] - rlayer[a] + 1;
	}
	if (total >= GRAPH_MAX_ITEMS || clen >= GRAPH_MAX_ITEMS)
		return -1;
	lg->n = (uint32_t)total;
	lg->chain_off = malloc(((size_t)m + 1) * sizeof *lg->chain_off);
	ALLOC(lg->chain, clen);
	ALLOC(lg->layer, lg->n);
	ALLOC(lg->pos, lg->n);
	ALLOC(lg->order, lg->n);
	ALLOC(lg->comp, lg->n);
	lg->up_off = calloc((size_t)lg->n + 1, sizeof *lg->up_off);
	lg->down_off = calloc((size_t)lg->n + 1, sizeof *lg->down_off);
	if (!lg->chain_off || !lg->chain || !lg->layer || !lg->pos || !lg->order || !lg->comp ||
	    !lg->up_off || !lg->down_off)
		return -1;
	memcpy(lg->layer, rlayer, lg->nreal * sizeof *lg->layer);
	uint32_t next = lg->nreal, k = 0, segs = 0;
	for (uint32_t e = 0; e < m; e++) {
		lg->chain_off[e] = k;
		if (lg->eflags[e] & LGRAPH_SELF)
			continue;
		uint32_t a, b;
		drawn_ends(g, lg->eflags, e, &a, &b);
		lg->chain[k++] = a;
		for (uint32_t l = rlayer[a] + 1; l < rlayer[b]; l++) {
			lg->layer[next] = l;
			lg->chain[k++] = next++;
		}
		lg->chain[k++] = b;
		for (uint32_t i = lg->chain_off[e]; i + 1 < k; i++) {
			lg->down_off[lg->chain[i] + 1]++;
			lg->up_off[lg->chain[i + 1] + 1]++;
			segs++;
		}
	}
	lg->chain_off[m] = k;
	for (uint32_t v = 0; v < lg->n; v++) {
		lg->down_off[v + 1] += lg->down_off[v];
		lg->up_off[v + 1] += lg->up_off[v];
	}
	ALLOC(lg->up, segs);
	ALLOC(lg->down, segs);
	uint32_t *ufill, *dfill;
	ALLOC(ufill, lg->n);
	ALLOC(dfill, lg->n);
	if (!lg->up || !lg->down || !ufill || !dfill) {
		free(ufill);
		free(dfill);
		return -1;
	}
	memcpy(ufill, lg->up_off, lg->n * sizeof *ufill);
	memcpy(dfill, lg->down_off, lg->n * sizeof *dfill);
	int rc = 0;
	for (uint32_t e = 0; e < m && rc == 0; e++)
		for (uint32_t i = lg->chain_off[e]; i + 1 < lg->chain_off[e + 1]; i++) {
			uint32_t a = lg->chain[i], b = lg->chain[i + 1];
			if (a >= lg->n || b >= lg->n) {
				rc = -1;   /* cannot happen: the loop above numbered every chain node below n */
				break;
			}
			lg->down[dfill[a]++] = b;
			lg->up[ufill[b]++] = a;
		}
	free(ufill);
	free(dfill);
	if (rc < 0)
		return -1;
	lg->lstart = calloc((size_t)lg->nlayers + 1, sizeof *lg->lstart);
	if (!lg->lstart)
		return -1;
	for (uint32_t v = 0; v < lg->n; v++)
		lg->lstart[lg->layer[v] + 1]++;
	for (uint32_t l = 0; l < lg->nlayers; l++)
		lg->lstart[l + 1] += lg->lstart[l];
	return number_components(lg);
}

int lgraph_build(struct lgraph *lg, const struct graph *g)
{
	memset(lg, 0, sizeof *lg);
	size_t n = graph_node_count(g), m = graph_edge_count(g);
	lg->nreal = (uint32_t)n;
	lg->nedges = (uint32_t)m;
	lg->eflags = calloc(m ? m : 1, 1);
	uint32_t *rlayer;
	ALLOC(rlayer, n);
	int rc = -1;
	if (!lg->eflags || !rlayer)
		goto out;
	if (break_cycles(g, lg->eflags) < 0 || assign_layers(g, lg->eflags, rlayer) < 0)
		goto out;
	lg->nlayers = n ? compress_layers(rlayer, n) : 0;
	if (n && !lg->nlayers)
		goto out;
	if (build_chains(lg, g, rlayer) < 0)
		goto out;
	lgraph_bfs_order(lg, false);
	rc = 0;
out:
	free(rlayer);
	if (rc < 0)
		lgraph_free(lg);
	return rc;
}

void lgraph_sync_pos(struct lgraph *lg)
{
	for (uint32_t l = 0; l < lg->nlayers; l++)
		for (uint32_t i = lg->lstart[l]; i < lg->lstart[l + 1]; i++)
			lg->pos[lg->order[i]] = i - lg->lstart[l];
}

void lgraph_bfs_order(struct lgraph *lg, bool bottom_up)
{
	uint32_t *fill, *queue = lg->pos;   /* pos is rebuilt at the end */
	ALLOC(fill, lg->nlayers);
	uint8_t *done = calloc(lg->n ? lg->n : 1, 1);
	if (!fill || !done) {   /* keep whatever order there is */
		free(fill);
		free(done);
		return;
	}
	memcpy(fill, lg->lstart, lg->nlayers * sizeof *fill);
	const uint32_t *in_off = bottom_up ? lg->down_off : lg->up_off;
	const uint32_t *out_off = bottom_up ? lg->up_off : lg->down_off;
	const uint32_t *out = bottom_up ? lg->up : lg->down;
	size_t head = 0, tail = 0;
	for (uint32_t s = 0; s < lg->nreal; s++) {   /* dummies are never sources */
		if (done[s] || in_off[s + 1] > in_off[s])
			continue;
		done[s] = 1;
		lg->order[fill[lg->layer[s]]++] = s;
		queue[tail++] = s;
		while (head < tail) {
			uint32_t v = queue[head++];
			for (uint32_t k = out_off[v]; k < out_off[v + 1]; k++) {
				uint32_t w = out[k];
				if (done[w])
					continue;
				done[w] = 1;
				lg->order[fill[lg->layer[w]]++] = w;
				queue[tail++] = w;
			}
		}
	}
	for (uint32_t v = 0; v < lg->n; v++)   /* unreachable: cannot happen in a DAG */
		if (!done[v])
			lg->order[fill[lg->layer[v]]++] = v;
	free(fill);
	free(done);
	lgraph_sync_pos(lg);
}

struct comp_key {
	uint32_t comp, pos, v;
};

static int cmp_comp_key(const void *a, const void *b)
{
	const struct comp_key *x = a, *y = b;
	if (x->comp != y->comp)
		return x->comp < y->comp ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

void lgraph_group_components(struct lgraph *lg)
{
	struct comp_key *keys;
	ALLOC(keys, lg->n);
	if (!keys)
		return;
	for (uint32_t l = 0; l < lg->nlayers; l++) {
		uint32_t a = lg->lstart[l], b = lg->lstart[l + 1];
		for (uint32_t i = a; i < b; i++) {
			uint32_t v = lg->order[i];
			keys[i - a] = (struct comp_key){ lg->comp[v], lg->pos[v], v };
		}
		qsort(keys, b - a, sizeof *keys, cmp_comp_key);
		for (uint32_t i = a; i < b; i++)
			lg->order[i] = keys[i - a].v;
	}
	free(keys);
	lgraph_sync_pos(lg);
}
