/* mincross: crossing counting and crossing reduction on a layered graph.
 *
 * Crossings are counted the way the quality goal is judged
 * (shared/tools/dot_crossings.py): between each pair of adjacent layers, with
 * long edges through their dummy nodes, two segments cross when their ends
 * are in opposite orders; segments sharing an end do not cross.
 *
 * Reduction follows dot's mincross: weighted-median sweeps alternately down
 * and up, each followed by adjacent-pair transposition, two starting orders
 * (breadth-first from the sources and from the sinks), the best order seen is
 * kept. All ties are broken by position, so the result is deterministic.
 */
#ifndef OSMO_MINCROSS_H
#define OSMO_MINCROSS_H

#include "lgraph.h"

struct mincross_stats {
	long initial;     /* crossings of the starting order (BFS from the sources) */
	long final;       /* crossings of the order left in the lgraph */
	int iterations;   /* sweeps run */
};

/* Total crossings of the current order, or -1 when out of memory. */
long mincross_count(const struct lgraph *lg);
/* Reorder the layers of lg to reduce crossings, at most max_iter sweeps per
 * pass (0: 24, or fewer for graphs over 50,000 nodes with dummies: 8, over
 * 200,000: 4; those also stop transposing after 8 passes per sweep). The
 * result is never worse than the starting order. Returns 0 or -1 (out of
 * memory; the order is then the starting one). */
int mincross_run(struct lgraph *lg, int max_iter, struct mincross_stats *st);

#endif
