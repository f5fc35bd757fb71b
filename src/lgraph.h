/* lgraph: the layered graph a Sugiyama layout works on (internal to layout).
 *
 * Built from a struct graph: cycles are broken by reversing back edges of a
 * depth-first search (ids ascending, edges in insertion order), self-loops
 * are set aside, nodes get layers (longest path from the sources, then nodes
 * with more out- than in-edges are pushed down to shorten edges), and every
 * edge spanning k > 1 layers becomes a chain through k - 1 dummy nodes, so all
 * segments join adjacent layers. Real nodes keep their graph ids; dummies
 * follow them. The order of nodes within layers is the state that crossing
 * reduction (mincross.h) improves.
 */
#ifndef OSMO_LGRAPH_H
#define OSMO_LGRAPH_H

#include <stdbool.h>
#include <stdint.h>

struct graph;

enum {
	LGRAPH_REVERSED = 1,   /* edge drawn upwards to break a cycle */
	LGRAPH_SELF = 2,       /* self-loop: not part of the layered drawing */
};

struct lgraph {
	uint32_t nreal;          /* real nodes: ids 0 .. nreal-1 */
	uint32_t n;              /* real + dummy nodes */
	uint32_t nlayers;
	uint32_t *layer;         /* [n] layer of each node */
	uint32_t *pos;           /* [n] position within its layer */
	uint32_t *lstart;        /* [nlayers + 1] */
	uint32_t *order;         /* [n] layer l is order[lstart[l] .. lstart[l + 1]) */
	uint32_t *up_off, *up;   /* CSR: neighbours one layer up, with multiplicity */
	uint32_t *down_off, *down;
	uint32_t nedges;         /* graph edges */
	uint32_t *chain_off;     /* [nedges + 1] */
	uint32_t *chain;         /* edge e as nodes top to bottom; empty for self-loops */
	uint8_t *eflags;         /* [nedges] LGRAPH_* */
	uint32_t *comp;          /* [n] connected component, numbered by lowest real id */
};

/* Build the layered graph of g. Returns 0 or -1 (out of memory / too large). */
int lgraph_build(struct lgraph *lg, const struct graph *g);
/* Free everything. */
void lgraph_free(struct lgraph *lg);
/* Initial order by breadth-first search from the sources (bottom_up: from the
 * sinks), nodes in id order, neighbours in edge order. */
void lgraph_bfs_order(struct lgraph *lg, bool bottom_up);
/* Recompute pos[] from order[]. */
void lgraph_sync_pos(struct lgraph *lg);
/* Keep each layer's relative order but group it by connected component. */
void lgraph_group_components(struct lgraph *lg);

#endif
