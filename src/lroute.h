/* lroute: orthogonal edge routes for a placed layered graph.
 *
 * Coordinates here are abstract: `a` runs across the layers (x of a
 * top-to-bottom drawing), `l` along them (y). Every node's box spans
 * [center - size/2, ...] across and starts at its layer's first row; edges
 * leave a box at the centre of its far side and enter the next layer's boxes
 * at the centre of their near side.
 *
 * Between two layers lies a channel: a few track rows, then one row for the
 * arrowheads. A segment whose ends are in the same column is a straight line;
 * the others bend onto a track. All bent segments leaving one node share one
 * track (a fan-out tree); tracks are assigned so that horizontal runs on one
 * track never share a cell (except two single segments meeting head-on at
 * their common target), and so that a line dropping into a column always
 * starts below the tracks a node leaving from that column uses (otherwise a
 * reader could follow one edge into another's branches).
 */
#ifndef OSMO_LROUTE_H
#define OSMO_LROUTE_H

#include "lgraph.h"

struct lroute_point {
	int a, l;   /* across, along */
};

struct lroute {
	int *layer_start;      /* [nlayers] first row (along) of each layer */
	int *layer_size;       /* [nlayers] rows of each layer (its deepest box) */
	int *channel_tracks;   /* [nlayers] track rows used below each layer */
	int *channel_stub;     /* [nlayers] free rows between each layer and its tracks */
	int along;             /* rows along the whole drawing */
	uint32_t *pt_off;      /* [nedges + 1] points of graph edge e */
	struct lroute_point *pts;
};

struct lroute_opts {
	int stub;         /* free rows between a layer and the first track */
	int min_tracks;   /* track rows reserved in every channel (>= 1) */
};

/* Route every edge. center[] from lplace, along_size[v] = each real node's
 * size along the layers. Points of an edge run from the source box's border cell to the
 * arrowhead cell next to the target box (reversed edges: the same, from the
 * lower node's near border up to the cell under the upper node); self-loops
 * have none. Returns 0 or -1 (out of memory). */
int lroute_run(const struct lgraph *lg, const int *center, const int *along_size,
	       const struct lroute_opts *o, struct lroute *rt);
/* Free the routes. */
void lroute_free(struct lroute *rt);

#endif
