/* lplace: coordinate assignment for the layered layout (see lplace.h).
 *
 * The positions minimise sum(weight(e) * (centre(a) - centre(b))^2) over all
 * segments a-b, subject to the separation of neighbours within a layer. This
 * is the objective dot's network-simplex positioning approximates (with
 * |.| instead of ^2), with dot's weights: 1 between real nodes, 2 between a
 * real node and a dummy, 8 between dummies, so long edges pull hardest
 * towards straight lines. The problem is convex; block coordinate descent
 * solves one layer exactly while the others are fixed: with the layer order
 * fixed it is a weighted isotonic regression, solved in linear time by
 * pool-adjacent-violators. Sweeps alternate downwards and upwards.
 *
 * The real-valued result is rounded (rounding is monotone and separations
 * are integers, so no overlap appears), then every dummy chain is snapped to
 * a single column when its neighbours leave room: no jogs of one cell.
 * chain_cost() is linear in the chain, and only the first STRAIGHTEN_TRIES
 * columns of a chain are tried, so this stays linear in the dummies.
 */
#include "lplace.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_SWEEPS 24
#define FREE_WEIGHT 1e-3   /* a node without neighbours barely resists moving */
#define STRAIGHTEN_TRIES 16   /* columns tried per chain */

struct pav_block {
	double w, wt;   /* sum of weights, sum of weight * target */
	uint32_t start;
};

struct place {
	const struct lgraph *lg;
	const int *size, *port;
	const struct lplace_opts *o;
	double *c;             /* [n] centres being relaxed */
	double *sep;           /* [max width] separation to the next node */
	double *target, *weight;
	struct pav_block *blocks;
};

/* Cells of v's box before and after its port cell. */
static int left_part(const struct place *p, uint32_t v) { return p->port[v]; }
static int right_part(const struct place *p, uint32_t v) { return p->size[v] - p->port[v] - 1; }

static bool is_dummy(const struct lgraph *lg, uint32_t v) { return v >= lg->nreal; }

/* Minimum centre distance between neighbours a (left) and b. */
static int separation(const struct place *p, uint32_t a, uint32_t b)
{
	const struct lgraph *lg = p->lg;
	int gap = is_dummy(lg, a) || is_dummy(lg, b) ? p->o->gap_other : p->o->gap_real;
	return right_part(p, a) + 1 + gap + left_part(p, b);
}

static double segment_weight(const struct lgraph *lg, uint32_t a, uint32_t b)
{
	int d = is_dummy(lg, a) + is_dummy(lg, b);
	return d == 2 ? 8.0 : d == 1 ? 2.0 : 1.0;
}

/* Place layer r optimally given its neighbours (up, down or both). */
static void place_layer(struct place *p, uint32_t r, bool use_up, bool use_down)
{
	const struct lgraph *lg = p->lg;
	uint32_t a = lg->lstart[r], w = lg->lstart[r + 1] - a;
	double s = 0;
	for (uint32_t i = 0; i < w; i++) {
		uint32_t v = lg->order[a + i];
		double sw = 0, swc = 0;
		if (use_up)
			for (uint32_t k = lg->up_off[v]; k < lg->up_off[v + 1]; k++) {
				double ew = segment_weight(lg, lg->up[k], v);
				sw += ew;
				swc += ew * p->c[lg->up[k]];
			}
		if (use_down)
			for (uint32_t k = lg->down_off[v]; k < lg->down_off[v + 1]; k++) {
				double ew = segment_weight(lg, v, lg->down[k]);
				sw += ew;
				swc += ew * p->c[lg->down[k]];
			}
		if (sw == 0) {
			sw = FREE_WEIGHT;
			swc = sw * p->c[v];
		}
		/* shift by the accumulated separation: the problem becomes monotone */
		p->target[i] = swc / sw - s;
		p->weight[i] = sw;
		if (i + 1 < w)
			s += separation(p, v, lg->order[a + i + 1]);
	}
	size_t nb = 0;
	for (uint32_t i = 0; i < w; i++) {
		p->blocks[nb++] = (struct pav_block){ p->weight[i], p->weight[i] * p->target[i], i };
		while (nb >= 2 && p->blocks[nb - 2].wt / p->blocks[nb - 2].w >=
				      p->blocks[nb - 1].wt / p->blocks[nb - 1].w) {
			p->blocks[nb - 2].w += p->blocks[nb - 1].w;
			p->blocks[nb - 2].wt += p->blocks[nb - 1].wt;
			nb--;
		}
	}
	s = 0;
	for (size_t b = 0; b < nb; b++) {
		double q = p->blocks[b].wt / p->blocks[b].w;
		uint32_t end = b + 1 < nb ? p->blocks[b + 1].start : w;
		for (uint32_t i = p->blocks[b].start; i < end; i++) {
			uint32_t v = lg->order[a + i];
			p->c[v] = q + s;
			if (i + 1 < w)
				s += separation(p, v, lg->order[a + i + 1]);
		}
	}
}

/* Can every dummy of edge e's chain sit at column col? */
static bool chain_fits(const struct place *p, const int *center, uint32_t e, int col)
{
	const struct lgraph *lg = p->lg;
	for (uint32_t i = lg->chain_off[e] + 1; i + 1 < lg->chain_off[e + 1]; i++) {
		uint32_t d = lg->chain[i], l = lg->layer[d], pos = lg->pos[d];
		const uint32_t *row = lg->order + lg->lstart[l];
		if (pos > 0 && center[row[pos - 1]] + separation(p, row[pos - 1], d) > col)
			return false;
		if (lg->lstart[l] + pos + 1 < lg->lstart[l + 1] &&
		    col + separation(p, d, row[pos + 1]) > center[row[pos + 1]])
			return false;
	}
	return true;
}

/* Cost of moving chain e's dummies to column col: their displacement plus a
 * bend at each end that does not line up. */
static long chain_cost(const struct lgraph *lg, const int *center, uint32_t e, int col)
{
	uint32_t a = lg->chain_off[e], b = lg->chain_off[e + 1];
	long cost = 8L * (center[lg->chain[a]] != col) + 8L * (center[lg->chain[b - 1]] != col);
	for (uint32_t i = a + 1; i + 1 < b; i++)
		cost += labs((long)center[lg->chain[i]] - col);
	return cost;
}

/* Snap each dummy chain to one column where its neighbours leave room:
 * among both ends' columns and the columns the chain already uses, the
 * cheapest that fits. Two passes, as a moved chain can make room for another. */
static void straighten(const struct place *p, int *center)
{
	const struct lgraph *lg = p->lg;
	for (int pass = 0; pass < 2; pass++)
		for (uint32_t e = 0; e < lg->nedges; e++) {
			uint32_t a = lg->chain_off[e], b = lg->chain_off[e + 1];
			if (b - a < 3)
				continue;
			int best = 0;
			long best_cost = LONG_MAX;
			uint32_t tries = 0;
			for (uint32_t i = a; i < b && tries < STRAIGHTEN_TRIES; i++) {
				int col = center[lg->chain[i]];
				long cost = chain_cost(lg, center, e, col);
				tries++;
				if (cost < best_cost && chain_fits(p, center, e, col)) {
					best = col;
					best_cost = cost;
				}
			}
			if (best_cost == LONG_MAX)
				continue;
			for (uint32_t i = a + 1; i + 1 < b; i++)
				center[lg->chain[i]] = best;
		}
}

int lplace_run(const struct lgraph *lg, const int *size, const int *port, const struct lplace_opts *o,
	       int *center)
{
	struct place p = { lg, size, port, o, NULL, NULL, NULL, NULL, NULL };
	uint32_t maxw = 1;
	for (uint32_t l = 0; l < lg->nlayers; l++)
		if (lg->lstart[l + 1] - lg->lstart[l] > maxw)
			maxw = lg->lstart[l + 1] - lg->lstart[l];
	/* zeroed: the layers partition the nodes, so the loop below sets every
	 * p.c[v], but that is not visible from here */
	p.c = calloc(lg->n ? lg->n : 1, sizeof *p.c);
	p.target = malloc(maxw * sizeof *p.target);
	p.weight = malloc(maxw * sizeof *p.weight);
	p.blocks = malloc(maxw * sizeof *p.blocks);
	int rc = -1;
	if (!p.c || !p.target || !p.weight || !p.blocks)
		goto out;
	/* start packed to the left */
	for (uint32_t l = 0; l < lg->nlayers; l++) {
		double s = 0;
		for (uint32_t i = lg->lstart[l]; i < lg->lstart[l + 1]; i++) {
			p.c[lg->order[i]] = s;
			if (i + 1 < lg->lstart[l + 1])
				s += separation(&p, lg->order[i], lg->order[i + 1]);
		}
	}
	int sweeps = o->sweeps > 0 ? o->sweeps : DEFAULT_SWEEPS;
	for (int it = 0; it < sweeps; it++) {
		bool both = it >= 2;   /* the first two sweeps follow the edges */
		if (it % 2 == 0) {
			for (uint32_t r = 0; r < lg->nlayers; r++)
				place_layer(&p, r, true, both || r == 0);
		} else {
			for (uint32_t r = lg->nlayers; r-- > 0;)
				place_layer(&p, r, both || r + 1 == lg->nlayers, true);
		}
	}
	double minleft = HUGE_VAL;
	for (uint32_t v = 0; v < lg->n; v++)
		if (p.c[v] - left_part(&p, v) < minleft)
			minleft = p.c[v] - left_part(&p, v);
	for (uint32_t v = 0; v < lg->n; v++)
		center[v] = (int)floor(p.c[v] - minleft + 0.5);
	straighten(&p, center);
	rc = 0;
out:
	free(p.c);
	free(p.target);
	free(p.weight);
	free(p.blocks);
	return rc;
}
