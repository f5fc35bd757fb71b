/* lplace: integer across-coordinates for the nodes of an ordered layered graph.
 *
 * Given the order within each layer (mincross.h) and each node's size across
 * the layers (box width for a top-to-bottom drawing, height for left-to-right),
 * lplace picks the port cell of every node so that boxes keep their order
 * and never overlap, edges are short, and long edges (dummy chains) run
 * straight.
 */
#ifndef OSMO_LPLACE_H
#define OSMO_LPLACE_H

#include "lgraph.h"

struct lplace_opts {
	int gap_real;    /* free cells between two real nodes */
	int gap_other;   /* free cells next to a dummy */
	int sweeps;      /* relaxation sweeps (0: default) */
};

/* Port cell of each node into center[n]: the across coordinate where its
 * edges attach, port[v] cells after the start of its box (0 <= port[v] <
 * size[v]; size[v] >= 1). The first box starts at 0. Returns 0 or -1 (out of
 * memory). */
int lplace_run(const struct lgraph *lg, const int *size, const int *port, const struct lplace_opts *o,
	       int *center);

#endif
