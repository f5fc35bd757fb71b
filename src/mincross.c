/* mincross: crossing reduction for the layered layout (see mincross.h).
 *
 * Counting (Barth, Jünger, Mutzel 2002): the segments between layers l and
 * l+1 are put in lexicographic (top, bottom) order by a counting sort over
 * the lower layer, then the bottoms are inserted into an accumulator tree
 * that counts the earlier bottoms strictly to the right: O(E log W).
 *
 * Ordering (Gansner et al., "A technique for drawing directed graphs", and
 * graphviz's mincross.c): each sweep sorts a layer by the weighted median of
 * its neighbours in the previous layer (nodes without neighbours keep their
 * place), then transposes adjacent pairs while that lowers crossings; ties
 * are flipped on alternate pairs of sweeps to escape plateaus. A pass stops
 * after 8 sweeps without a 0.5% gain. Pass 0 starts from BFS order from the
 * sources, pass 1 from the sinks, pass 2 continues from the best order seen.
 * The best order is then refined by sifting, which moves single nodes across
 * their whole layer (measured on the benchmark DAGs: 1-3% fewer crossings;
 * sifting inside every sweep was slower and worse, so it runs once at the end).
 * Sifting is quadratic in the layer width, so it skips layers wider than
 * SIFT_MAX_WIDTH and stops after SIFT_BUDGET pair counts.
 */
#include "mincross.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define MIN_QUIT 8
#define CONVERGENCE 0.995
#define SIFT_MAX_WIDTH 2000
#define SIFT_BUDGET 50000000ull   /* pair counts sifting may spend in all */
#define SMALL_PRODUCT 64   /* degree product under which a pair is counted by a double loop */

struct mc {
	struct lgraph *lg;
	uint32_t *best;        /* saved order */
	double *mval;          /* [n] median value, -1 = no neighbours */
	uint32_t *tree;        /* accumulator tree */
	uint32_t *seq;         /* segment bottoms in (top, bottom) order */
	uint32_t *cnt;         /* bucket starts for the counting sort */
	uint32_t *sa;          /* neighbour position scratch (max degree) */
	uint32_t *cpos;        /* cached sorted neighbour positions of one layer */
	uint32_t *local;       /* [n] index of a node within its cached layer */
	uint32_t *up_at, *down_at, *end_at;   /* [max width] its lists in cpos */
	uint32_t layer;        /* the layer being reordered */
	bool cached;           /* cpos holds its neighbour lists */
	uint64_t sift_work;    /* pair counts spent sifting */
	int max_passes;        /* transposition passes per call */
	struct mkey *keys;     /* sort scratch */
	uint8_t *candidate;    /* [nlayers] layer may still improve by transposition */
	uint32_t *sift_snap;   /* [max width] */
	long *sift_vu, *sift_uv;
	int sweeps;
};

struct mkey {
	double key;
	uint32_t tie, v;
};

/* Crossings between layers l and l+1. */
static long count_pair(const struct lgraph *lg, uint32_t l, uint32_t *seq, uint32_t *cnt,
		       uint32_t *tree)
{
	uint32_t a = lg->lstart[l], b = lg->lstart[l + 1], c = lg->lstart[l + 2];
	uint32_t top_w = b - a, bot_w = c - b;
	memset(cnt, 0, ((size_t)top_w + 1) * sizeof *cnt);
	for (uint32_t i = b; i < c; i++) {
		uint32_t w = lg->order[i];
		for (uint32_t k = lg->up_off[w]; k < lg->up_off[w + 1]; k++)
			cnt[lg->pos[lg->up[k]] + 1]++;
	}
	for (uint32_t p = 0; p < top_w; p++)
		cnt[p + 1] += cnt[p];
	uint32_t nseg = cnt[top_w];
	for (uint32_t i = b; i < c; i++) {   /* bottoms ascending within each top */
		uint32_t w = lg->order[i];
		for (uint32_t k = lg->up_off[w]; k < lg->up_off[w + 1]; k++)
			seq[cnt[lg->pos[lg->up[k]]]++] = lg->pos[w];
	}
	uint32_t first = 1;
	while (first < bot_w)
		first <<= 1;
	memset(tree, 0, (2 * (size_t)first - 1) * sizeof *tree);
	first -= 1;
	long cross = 0;
	for (uint32_t j = 0; j < nseg; j++) {
		uint32_t idx = seq[j] + first;
		tree[idx]++;
		while (idx > 0) {
			if (idx % 2)
				cross += tree[idx + 1];
			idx = (idx - 1) / 2;
			tree[idx]++;
		}
	}
	return cross;
}

/* Largest layer width and the largest number of segments between two layers. */
static void measure(const struct lgraph *lg, uint32_t *maxw, uint32_t *maxseg, uint32_t *maxdeg)
{
	*maxw = *maxseg = *maxdeg = 1;
	for (uint32_t l = 0; l < lg->nlayers; l++) {
		uint32_t w = lg->lstart[l + 1] - lg->lstart[l], s = 0;
		if (w > *maxw)
			*maxw = w;
		for (uint32_t i = lg->lstart[l]; i < lg->lstart[l + 1]; i++) {
			uint32_t v = lg->order[i];
			uint32_t dd = lg->down_off[v + 1] - lg->down_off[v];
			uint32_t du = lg->up_off[v + 1] - lg->up_off[v];
			s += dd;
			if (dd > *maxdeg)
				*maxdeg = dd;
			if (du > *maxdeg)
				*maxdeg = du;
		}
		if (s > *maxseg)
			*maxseg = s;
	}
}

static long count_all(struct mc *mc)
{
	const struct lgraph *lg = mc->lg;
	long total = 0;
	for (uint32_t l = 0; l + 1 < lg->nlayers; l++)
		total += count_pair(lg, l, mc->seq, mc->cnt, mc->tree);
	return total;
}

long mincross_count(const struct lgraph *lg)
{
	uint32_t maxw, maxseg, maxdeg;
	measure(lg, &maxw, &maxseg, &maxdeg);
	uint32_t *seq = malloc((size_t)maxseg * sizeof *seq);
	uint32_t *cnt = malloc(((size_t)maxw + 1) * sizeof *cnt);
	uint32_t *tree = malloc(4 * (size_t)maxw * sizeof *tree);
	long total = -1;
	if (seq && cnt && tree) {
		total = 0;
		for (uint32_t l = 0; l + 1 < lg->nlayers; l++)
			total += count_pair(lg, l, seq, cnt, tree);
	}
	free(seq);
	free(cnt);
	free(tree);
	return total;
}

/* ---- medians and reordering ---- */

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static void sort_u32(uint32_t *a, uint32_t n)
{
	if (n > 16) {
		qsort(a, n, sizeof *a, cmp_u32);
		return;
	}
	for (uint32_t i = 1; i < n; i++) {
		uint32_t x = a[i], j = i;
		for (; j > 0 && a[j - 1] > x; j--)
			a[j] = a[j - 1];
		a[j] = x;
	}
}

/* Neighbour positions of v on one side, sorted, into out; returns the count. */
static uint32_t neighbour_pos(const struct lgraph *lg, uint32_t v, bool upward, uint32_t *out)
{
	const uint32_t *off = upward ? lg->up_off : lg->down_off;
	const uint32_t *adj = upward ? lg->up : lg->down;
	uint32_t d = 0;
	for (uint32_t k = off[v]; k < off[v + 1]; k++)
		out[d++] = lg->pos[adj[k]];
	sort_u32(out, d);
	return d;
}

/* dot's weighted median: the middle position, or for an even count the two
 * middle ones weighted towards the side whose positions are packed tighter. */
static double median_value(const uint32_t *p, uint32_t d)
{
	if (d == 0)
		return -1;
	if (d % 2)
		return p[d / 2];
	if (d == 2)
		return (p[0] + p[1]) / 2.0;
	double left = p[d / 2 - 1] - p[0], right = p[d - 1] - p[d / 2];
	if (left + right <= 0)
		return (p[d / 2 - 1] + p[d / 2]) / 2.0;
	return (p[d / 2 - 1] * right + p[d / 2] * left) / (left + right);
}

static int cmp_mkey(const void *a, const void *b)
{
	const struct mkey *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->tie < y->tie ? -1 : x->tie > y->tie;
}

/* Sort layer r by median against the adjacent layer (upward: the one above).
 * Nodes without neighbours there keep their slots; reverse flips ties. */
static void reorder_layer(struct mc *mc, uint32_t r, bool upward, bool reverse)
{
	struct lgraph *lg = mc->lg;
	uint32_t a = lg->lstart[r], b = lg->lstart[r + 1], k = 0;
	for (uint32_t i = a; i < b; i++) {
		uint32_t v = lg->order[i];
		uint32_t d = neighbour_pos(lg, v, upward, mc->sa);
		mc->mval[v] = median_value(mc->sa, d);
		if (mc->mval[v] >= 0)
			mc->keys[k++] = (struct mkey){ mc->mval[v], reverse ? b - i : i - a, v };
	}
	qsort(mc->keys, k, sizeof *mc->keys, cmp_mkey);
	uint32_t j = 0;
	for (uint32_t i = a; i < b; i++)
		if (mc->mval[lg->order[i]] >= 0)
			lg->order[i] = mc->keys[j++].v;
	for (uint32_t i = a; i < b; i++)
		lg->pos[lg->order[i]] = i - a;
}

/* ---- transposition ---- */

/* Cache the sorted neighbour positions (both sides) of every node of the
 * layer being reordered. Transposition and sifting only reorder that layer,
 * so the cache stays valid while they work on it, and a pair of high-degree
 * nodes then costs a linear merge instead of the product of their degrees.
 * It is built on the first such pair: sparse layers never need it. */
static void cache_layer(struct mc *mc)
{
	const struct lgraph *lg = mc->lg;
	uint32_t a = lg->lstart[mc->layer], k = 0;
	for (uint32_t i = a; i < lg->lstart[mc->layer + 1]; i++) {
		uint32_t v = lg->order[i], li = i - a;
		mc->local[v] = li;
		mc->up_at[li] = k;
		k += neighbour_pos(lg, v, true, mc->cpos + k);
		mc->down_at[li] = k;
		k += neighbour_pos(lg, v, false, mc->cpos + k);
		mc->end_at[li] = k;
	}
	mc->cached = true;
}

/* Start reordering layer r (invalidates the cache). */
static void begin_layer(struct mc *mc, uint32_t r)
{
	mc->layer = r;
	mc->cached = false;
}

/* Crossings among the segments of v and w on one side: *vw when v is left
 * of w, *wv when w is left of v (both at once). */
static void side_cross(struct mc *mc, uint32_t v, uint32_t w, bool upward, long *vw, long *wv)
{
	const struct lgraph *lg = mc->lg;
	const uint32_t *off = upward ? lg->up_off : lg->down_off;
	const uint32_t *adj = upward ? lg->up : lg->down;
	uint32_t dv = off[v + 1] - off[v], dw = off[w + 1] - off[w];
	if ((uint64_t)dv * dw <= SMALL_PRODUCT) {
		long a = 0, b = 0;
		for (uint32_t i = off[v]; i < off[v + 1]; i++) {
			uint32_t p = lg->pos[adj[i]];
			for (uint32_t j = off[w]; j < off[w + 1]; j++) {
				uint32_t q = lg->pos[adj[j]];
				a += p > q;
				b += p < q;
			}
		}
		*vw += a;
		*wv += b;
		return;
	}
	if (!mc->cached)
		cache_layer(mc);
	uint32_t lv = mc->local[v], lw = mc->local[w];
	const uint32_t *pa = mc->cpos + (upward ? mc->up_at[lv] : mc->down_at[lv]);
	const uint32_t *pb = mc->cpos + (upward ? mc->up_at[lw] : mc->down_at[lw]);
	uint32_t lo = 0, hi = 0;   /* v's ends < and <= each end of w */
	for (uint32_t j = 0; j < dw; j++) {
		while (lo < dv && pa[lo] < pb[j])
			lo++;
		while (hi < dv && pa[hi] <= pb[j])
			hi++;
		*vw += dv - hi;
		*wv += lo;
	}
}

/* Crossings of v's and w's segments (both sides) for both relative orders. */
static void pair_cross(struct mc *mc, uint32_t r, uint32_t v, uint32_t w, long *vw, long *wv)
{
	*vw = *wv = 0;
	if (r > 0)
		side_cross(mc, v, w, true, vw, wv);
	if (r + 1 < mc->lg->nlayers)
		side_cross(mc, v, w, false, vw, wv);
}

static long transpose_layer(struct mc *mc, uint32_t r, bool reverse)
{
	struct lgraph *lg = mc->lg;
	long gain = 0;
	mc->candidate[r] = 0;
	begin_layer(mc, r);
	for (uint32_t i = lg->lstart[r]; i + 1 < lg->lstart[r + 1]; i++) {
		uint32_t v = lg->order[i], w = lg->order[i + 1];
		long c0, c1;
		pair_cross(mc, r, v, w, &c0, &c1);
		if (c1 < c0 || (c0 > 0 && reverse && c1 == c0)) {
			lg->order[i] = w;
			lg->order[i + 1] = v;
			lg->pos[w]--;
			lg->pos[v]++;
			gain += c0 - c1;
			mc->candidate[r] = 1;
			if (r > 0)
				mc->candidate[r - 1] = 1;
			if (r + 1 < lg->nlayers)
				mc->candidate[r + 1] = 1;
		}
	}
	return gain;
}

static void transpose(struct mc *mc, bool reverse)
{
	uint32_t nl = mc->lg->nlayers;
	memset(mc->candidate, 1, nl);
	long gain;
	int passes = 0;
	do {
		gain = 0;
		for (uint32_t r = 0; r < nl; r++)
			if (mc->candidate[r])
				gain += transpose_layer(mc, r, reverse);
	} while (gain >= 1 && ++passes < mc->max_passes);
}

/* Sifting (Matuszewski, Schönfeld, Molitor 1999), one layer: each node in
 * turn is taken out and put back at the slot where its segments cross the
 * fewest others (both adjacent layers), staying put on ties. Returns the
 * crossings saved. Cost: width^2 pair counts, so very wide layers are skipped. */
static long sift_layer(struct mc *mc, uint32_t r)
{
	struct lgraph *lg = mc->lg;
	uint32_t a = lg->lstart[r], w = lg->lstart[r + 1] - a;
	if (w < 2 || w > SIFT_MAX_WIDTH || mc->sift_work > SIFT_BUDGET)
		return 0;
	mc->sift_work += (uint64_t)w * w;
	uint32_t *row = lg->order + a, *snap = mc->sift_snap;
	begin_layer(mc, r);
	memcpy(snap, row, w * sizeof *snap);
	long saved = 0;
	for (uint32_t s = 0; s < w; s++) {
		uint32_t v = snap[s], from = lg->pos[v];
		/* the others in order; running total of v's crossings per slot */
		long total = 0, best = 0, here = 0;
		uint32_t k = 0, best_k = 0;
		for (uint32_t j = 0; j < w; j++) {
			if (j == from)
				continue;
			long vu, uv;
			pair_cross(mc, r, v, row[j], &vu, &uv);
			mc->sift_vu[k] = vu;
			mc->sift_uv[k++] = uv;
			total += vu;   /* v left of everything */
		}
		best = total;
		if (from == 0)
			here = total;
		for (k = 0; k + 1 < w; k++) {
			total += mc->sift_uv[k] - mc->sift_vu[k];
			if (k + 1 == from)
				here = total;
			if (total < best) {
				best = total;
				best_k = k + 1;
			}
		}
		if (best >= here)
			continue;
		saved += here - best;
		if (best_k < from)
			memmove(row + best_k + 1, row + best_k, (from - best_k) * sizeof *row);
		else
			memmove(row + from, row + from + 1, (best_k - from) * sizeof *row);
		row[best_k] = v;
		uint32_t lo = best_k < from ? best_k : from, hi = best_k < from ? from : best_k;
		for (uint32_t j = lo; j <= hi; j++)
			lg->pos[row[j]] = j;
	}
	return saved;
}

/* Sift every layer down then up until a round saves nothing (at most 4). */
static void sift(struct mc *mc)
{
	uint32_t nl = mc->lg->nlayers;
	for (int round = 0; round < 4; round++) {
		long saved = 0;
		for (uint32_t r = 0; r < nl; r++)
			saved += sift_layer(mc, r);
		for (uint32_t r = nl; r-- > 0;)
			saved += sift_layer(mc, r);
		if (!saved)
			break;
	}
}

/* One sweep: down on even iterations, up on odd ones. */
static void sweep(struct mc *mc, int iter)
{
	struct lgraph *lg = mc->lg;
	bool reverse = iter % 4 < 2;
	if (iter % 2 == 0) {
		for (uint32_t r = 1; r < lg->nlayers; r++)
			reorder_layer(mc, r, true, reverse);
	} else {
		for (uint32_t r = lg->nlayers - 1; r-- > 0;)
			reorder_layer(mc, r, false, reverse);
	}
	transpose(mc, !reverse);
	mc->sweeps++;
}

static void save(struct mc *mc)
{
	memcpy(mc->best, mc->lg->order, mc->lg->n * sizeof *mc->best);
}

static void restore(struct mc *mc)
{
	memcpy(mc->lg->order, mc->best, mc->lg->n * sizeof *mc->best);
	lgraph_sync_pos(mc->lg);
}

static void mc_free(struct mc *mc)
{
	free(mc->best);
	free(mc->mval);
	free(mc->tree);
	free(mc->seq);
	free(mc->cnt);
	free(mc->sa);
	free(mc->cpos);
	free(mc->local);
	free(mc->up_at);
	free(mc->down_at);
	free(mc->end_at);
	free(mc->keys);
	free(mc->candidate);
	free(mc->sift_snap);
	free(mc->sift_vu);
	free(mc->sift_uv);
}

static int mc_init(struct mc *mc, struct lgraph *lg)
{
	uint32_t maxw, maxseg, maxdeg;
	memset(mc, 0, sizeof *mc);
	mc->lg = lg;
	measure(lg, &maxw, &maxseg, &maxdeg);
	size_t n = lg->n ? lg->n : 1;
	mc->best = malloc(n * sizeof *mc->best);
	mc->mval = malloc(n * sizeof *mc->mval);
	mc->tree = malloc(4 * (size_t)maxw * sizeof *mc->tree);
	/* zeroed: count_pair writes seq[0..nseg) through its prefix counts
	 * before reading it back, which the analyzer cannot follow */
	mc->seq = calloc(maxseg, sizeof *mc->seq);
	mc->cnt = malloc(((size_t)maxw + 1) * sizeof *mc->cnt);
	mc->sa = malloc((size_t)maxdeg * sizeof *mc->sa);
	mc->cpos = malloc(2 * (size_t)maxseg * sizeof *mc->cpos);
	mc->local = malloc(n * sizeof *mc->local);
	mc->up_at = malloc((size_t)maxw * sizeof *mc->up_at);
	mc->down_at = malloc((size_t)maxw * sizeof *mc->down_at);
	mc->end_at = malloc((size_t)maxw * sizeof *mc->end_at);
	mc->keys = malloc((size_t)maxw * sizeof *mc->keys);
	mc->candidate = malloc(lg->nlayers ? lg->nlayers : 1);
	mc->sift_snap = malloc((size_t)maxw * sizeof *mc->sift_snap);
	mc->sift_vu = malloc((size_t)maxw * sizeof *mc->sift_vu);
	mc->sift_uv = malloc((size_t)maxw * sizeof *mc->sift_uv);
	if (!mc->sift_snap || !mc->sift_vu || !mc->sift_uv ||
	    !mc->best || !mc->mval || !mc->tree || !mc->seq || !mc->cnt || !mc->sa || !mc->cpos ||
	    !mc->local || !mc->up_at || !mc->down_at || !mc->end_at ||
	    !mc->keys || !mc->candidate) {
		mc_free(mc);
		return -1;
	}
	return 0;
}

int mincross_run(struct lgraph *lg, int max_iter, struct mincross_stats *st)
{
	struct mc mc;
	memset(st, 0, sizeof *st);
	if (max_iter <= 0)
		max_iter = lg->n > 200000 ? 4 : lg->n > 50000 ? 8 : 24;
	if (mc_init(&mc, lg) < 0)
		return -1;
	mc.max_passes = lg->n > 50000 ? 8 : INT_MAX;
	long best = count_all(&mc), cur = best;
	st->initial = best;
	save(&mc);
	for (int pass = 0; pass <= 2 && best > 0 && lg->nlayers > 1; pass++) {
		int maxthis = max_iter;
		if (pass == 1) {
			maxthis = max_iter < 4 ? max_iter : 4;
			lgraph_bfs_order(lg, true);
			if ((cur = count_all(&mc)) <= best) {
				save(&mc);
				best = cur;
			}
		} else if (pass == 0) {
			maxthis = max_iter < 4 ? max_iter : 4;
		} else if (cur > best) {
			restore(&mc);
			cur = best;
		}
		int trying = 0;
		for (int iter = 0; iter < maxthis && cur > 0; iter++) {
			if (trying++ >= MIN_QUIT)
				break;
			sweep(&mc, iter);
			cur = count_all(&mc);
			if (cur <= best) {
				save(&mc);
				if (cur < CONVERGENCE * best)
					trying = 0;
				best = cur;
			}
		}
	}
	restore(&mc);
	if (best > 0) {
		sift(&mc);
		transpose(&mc, false);
	}
	lgraph_group_components(lg);
	best = count_all(&mc);
	st->final = best;
	st->iterations = mc.sweeps;
	mc_free(&mc);
	return 0;
}
