/* lplace: integer across-coordinates for the nodes of an ordered layered graph.
 *
 * Given the order within each layer (mincross.h) and each node's size across
 * the layers (box width for a top-to-bottom drawing, height for left-to-right),
 * lplace picks the centre cell of every node so that boxes keep their order
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

/* Centre cell of each node into center[n] (>= 0; the leftmost box starts at
 * 0). size[v] >= 1 for every node. Returns 0 or -1 (out of memory). */
int lplace_run(const struct lgraph *lg, const int *size, const struct lplace_opts *o, int *center);

#endif
