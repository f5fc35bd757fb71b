/* lroute: channel routing between layers (see lroute.h).
 *
 * Per channel, bent segments are grouped into nets; a net is one horizontal
 * run [lo, hi] on one track, with "up" columns (lines from nodes above down
 * to the track) and "down" columns (lines from the track to nodes below):
 *   - a fan-out net: one node above, all its bent segments;
 *   - a fan-in net: two or more nodes above whose only segment goes to the
 *     same node below, merged into one run with one drop.
 * Reading a drawing top to bottom, a path can then only lead from a node to
 * its own targets. Tracks are filled by the left-edge algorithm (nets sorted
 * by left end; a track takes every net starting at least two cells after the
 * previous one ends) under vertical constraints "A above B":
 *   1. B drops into a column where A's up line comes down (else B's line
 *      would run along A's and seem to branch with it);
 *   2. A is a fan-out net with several drops whose run ends at a column
 *      where B also drops (else B's line would meet A's run at a corner and
 *      seem to continue into A's other drops).
 * A constraint cycle (nodes swapping columns) is broken by placing a net
 * anyway; that is the one case where a path may seem to fork. Each channel
 * costs O(nets * tracks) plus O(segments log segments).
 */
#include "lroute.h"

#include <stdlib.h>
#include <string.h>

#define MAX_SHARED_DROPS 64   /* rule 2 is skipped for targets with more nets than this */

struct net {
	int lo, hi;         /* horizontal cells, inclusive */
	uint32_t owner;     /* the node above (fan-out) or below (fan-in) */
	bool fan_in;
	uint32_t ndrops;
	int npred;          /* constraint predecessors not yet on an earlier track */
	uint32_t track;
};

struct drop {
	uint32_t pos, net;  /* position of the target in the lower layer; the net */
};

struct router {
	const struct lgraph *lg;
	const int *center;
	struct net *nets;       /* [max width] */
	uint32_t *sorted;       /* [max width] */
	uint32_t *placed;       /* [max width] */
	uint32_t *up_net;       /* [across extent] net with an up line in that column */
	uint32_t *fanin_cnt;    /* [n] single bent segments arriving at a node */
	uint32_t *fanin_net;    /* [n] fan-in net of a node below */
	uint32_t *track_out;    /* [n] track used by the bent segments leaving a node */
	struct drop *drops;     /* [max segments] */
	uint32_t *pairs;        /* constraint pairs (a, b), grows */
	size_t npairs, pcap;
	uint32_t *coff, *cadj;  /* constraints as CSR by a */
	size_t cadj_cap;
};

static int cmp_net_order(const void *x, const void *y, const struct net *nets)
{
	uint32_t i = *(const uint32_t *)x, j = *(const uint32_t *)y;
	if (nets[i].lo != nets[j].lo)
		return nets[i].lo < nets[j].lo ? -1 : 1;
	if (nets[i].hi != nets[j].hi)
		return nets[i].hi < nets[j].hi ? -1 : 1;
	return (i > j) - (i < j);
}

/* Merge sort of net indices by (lo, hi, index): O(k log k), no qsort context. */
static void sort_nets(const struct net *nets, uint32_t *idx, uint32_t *tmp, uint32_t k)
{
	for (uint32_t width = 1; width < k; width *= 2) {
		for (uint32_t lo = 0; lo < k; lo += 2 * width) {
			uint32_t mid = lo + width < k ? lo + width : k;
			uint32_t hi = lo + 2 * width < k ? lo + 2 * width : k;
			uint32_t i = lo, j = mid, o = lo;
			while (i < mid && j < hi)
				tmp[o++] = cmp_net_order(&idx[j], &idx[i], nets) < 0 ? idx[j++] : idx[i++];
			while (i < mid)
				tmp[o++] = idx[i++];
			while (j < hi)
				tmp[o++] = idx[j++];
		}
		memcpy(idx, tmp, k * sizeof *idx);
	}
}

static uint32_t degree_down(const struct lgraph *lg, uint32_t u)
{
	return lg->down_off[u + 1] - lg->down_off[u];
}

/* u's only segment is bent and joins a fan-in net. */
static bool fan_in_member(const struct router *r, uint32_t u)
{
	const struct lgraph *lg = r->lg;
	if (degree_down(lg, u) != 1)
		return false;
	uint32_t w = lg->down[lg->down_off[u]];
	return r->center[w] != r->center[u] && r->fanin_cnt[w] >= 2;
}

static void widen(struct net *nt, int col)
{
	nt->lo = col < nt->lo ? col : nt->lo;
	nt->hi = col > nt->hi ? col : nt->hi;
}

/* Collect the nets of channel l and their drops; returns how many nets. */
static uint32_t collect_nets(struct router *r, uint32_t l, uint32_t *ndrops)
{
	const struct lgraph *lg = r->lg;
	const int *c = r->center;
	uint32_t k = 0, nd = 0;
	for (uint32_t i = lg->lstart[l]; i < lg->lstart[l + 1]; i++) {
		uint32_t u = lg->order[i];
		if (degree_down(lg, u) == 1 && c[lg->down[lg->down_off[u]]] != c[u])
			r->fanin_cnt[lg->down[lg->down_off[u]]]++;
	}
	for (uint32_t i = lg->lstart[l]; i < lg->lstart[l + 1]; i++) {
		uint32_t u = lg->order[i];
		if (fan_in_member(r, u)) {
			uint32_t w = lg->down[lg->down_off[u]];
			if (r->fanin_net[w] == UINT32_MAX) {
				r->fanin_net[w] = k;
				r->nets[k++] = (struct net){ c[w], c[w], w, true, 1, 0, 0 };
				r->drops[nd++] = (struct drop){ lg->pos[w], k - 1 };
			}
			widen(&r->nets[r->fanin_net[w]], c[u]);
			r->up_net[c[u]] = r->fanin_net[w];
			continue;
		}
		struct net nt = { c[u], c[u], u, false, 0, 0, 0 };
		for (uint32_t j = lg->down_off[u]; j < lg->down_off[u + 1]; j++) {
			uint32_t w = lg->down[j];
			if (c[w] == c[u])
				continue;
			widen(&nt, c[w]);
			nt.ndrops++;
			r->drops[nd++] = (struct drop){ lg->pos[w], k };
		}
		if (!nt.ndrops)
			continue;
		r->up_net[c[u]] = k;
		r->nets[k++] = nt;
	}
	*ndrops = nd;
	return k;
}

static int add_pair(struct router *r, uint32_t a, uint32_t b)
{
	if (r->npairs + 2 > r->pcap) {
		size_t cap = r->pcap ? 2 * r->pcap : 256;
		uint32_t *p = realloc(r->pairs, cap * sizeof *p);
		if (!p)
			return -1;
		r->pairs = p;
		r->pcap = cap;
	}
	r->pairs[r->npairs++] = a;
	r->pairs[r->npairs++] = b;
	r->nets[b].npred++;
	return 0;
}

static int cmp_drop(const void *x, const void *y)
{
	const struct drop *a = x, *b = y;
	if (a->pos != b->pos)
		return a->pos < b->pos ? -1 : 1;
	return (a->net > b->net) - (a->net < b->net);
}

/* Vertical constraints of the channel below layer l as CSR (a above b). */
static int build_constraints(struct router *r, uint32_t l, uint32_t k, uint32_t nd)
{
	const struct lgraph *lg = r->lg;
	const uint32_t *below = lg->order + lg->lstart[l + 1];
	r->npairs = 0;
	for (uint32_t i = 0; i < nd; i++) {   /* rule 1 */
		uint32_t a = r->up_net[r->center[below[r->drops[i].pos]]];
		if (a != UINT32_MAX && a != r->drops[i].net && add_pair(r, a, r->drops[i].net) < 0)
			return -1;
	}
	qsort(r->drops, nd, sizeof *r->drops, cmp_drop);
	for (uint32_t i = 0, j; i < nd; i = j) {   /* rule 2, per target */
		for (j = i + 1; j < nd && r->drops[j].pos == r->drops[i].pos; j++)
			;
		if (j - i < 2 || j - i > MAX_SHARED_DROPS)
			continue;
		int col = r->center[below[r->drops[i].pos]];
		for (uint32_t y = i; y < j; y++) {
			const struct net *ny = &r->nets[r->drops[y].net];
			if (ny->fan_in || ny->ndrops < 2 || (col != ny->lo && col != ny->hi))
				continue;
			for (uint32_t x = i; x < j; x++)
				if (r->drops[x].net != r->drops[y].net &&
				    add_pair(r, r->drops[y].net, r->drops[x].net) < 0)
					return -1;
		}
	}
	if (r->npairs / 2 > r->cadj_cap) {
		free(r->cadj);
		r->cadj_cap = r->npairs / 2;
		if (!(r->cadj = malloc(r->cadj_cap * sizeof *r->cadj)))
			return -1;
	}
	memset(r->coff, 0, ((size_t)k + 1) * sizeof *r->coff);
	for (size_t i = 0; i < r->npairs; i += 2)
		r->coff[r->pairs[i] + 1]++;
	for (uint32_t a = 0; a < k; a++)
		r->coff[a + 1] += r->coff[a];
	for (size_t i = 0; i < r->npairs; i += 2) {   /* fill, then shift offsets back */
		uint32_t a = r->pairs[i];
		r->cadj[r->coff[a]++] = r->pairs[i + 1];
	}
	for (uint32_t a = k; a > 0; a--)
		r->coff[a] = r->coff[a - 1];
	r->coff[0] = 0;
	return 0;
}

/* Left-edge track assignment; returns the number of tracks. */
static uint32_t assign_tracks(struct router *r, uint32_t k)
{
	for (uint32_t i = 0; i < k; i++)
		r->sorted[i] = i;
	sort_nets(r->nets, r->sorted, r->placed, k);
	uint32_t left = k, track = 0;
	while (left) {
		uint32_t nplaced = 0, last = UINT32_MAX, keep = 0;
		for (uint32_t i = 0; i < left; i++) {
			uint32_t j = r->sorted[i];
			struct net *nt = &r->nets[j];
			if (nt->npred <= 0 && (last == UINT32_MAX || nt->lo > r->nets[last].hi + 1)) {
				nt->track = track;
				r->placed[nplaced++] = j;
				last = j;
			} else {
				r->sorted[keep++] = j;
			}
		}
		if (!nplaced) {   /* constraint cycle: take the leftmost net anyway */
			uint32_t j = r->sorted[0];
			r->nets[j].track = track;
			r->placed[nplaced++] = j;
			memmove(r->sorted, r->sorted + 1, --keep * sizeof *r->sorted);
		}
		for (uint32_t i = 0; i < nplaced; i++) {
			uint32_t a = r->placed[i];
			for (uint32_t c = r->coff[a]; c < r->coff[a + 1]; c++)
				r->nets[r->cadj[c]].npred--;
		}
		left = keep;
		track++;
	}
	return track;
}

/* Record each node's track and clear the per-channel marks. */
static void finish_channel(struct router *r, uint32_t l, uint32_t k)
{
	const struct lgraph *lg = r->lg;
	for (uint32_t i = lg->lstart[l]; i < lg->lstart[l + 1]; i++) {
		uint32_t u = lg->order[i];
		if (fan_in_member(r, u))
			r->track_out[u] = r->nets[r->fanin_net[lg->down[lg->down_off[u]]]].track;
		r->up_net[r->center[u]] = UINT32_MAX;
	}
	for (uint32_t j = 0; j < k; j++)
		if (!r->nets[j].fan_in)
			r->track_out[r->nets[j].owner] = r->nets[j].track;
	for (uint32_t i = lg->lstart[l + 1]; i < lg->lstart[l + 2]; i++) {
		r->fanin_cnt[lg->order[i]] = 0;
		r->fanin_net[lg->order[i]] = UINT32_MAX;
	}
}

void lroute_free(struct lroute *rt)
{
	free(rt->layer_start);
	free(rt->layer_size);
	free(rt->channel_tracks);
	free(rt->channel_stub);
	free(rt->pt_off);
	free(rt->pts);
	memset(rt, 0, sizeof *rt);
}

static void router_free(struct router *r)
{
	free(r->nets);
	free(r->sorted);
	free(r->placed);
	free(r->up_net);
	free(r->fanin_cnt);
	free(r->fanin_net);
	free(r->track_out);
	free(r->drops);
	free(r->pairs);
	free(r->coff);
	free(r->cadj);
}

static int router_init(struct router *r, const struct lgraph *lg, const int *center)
{
	uint32_t maxw = 1, maxseg = 1;
	int across = 1;
	memset(r, 0, sizeof *r);
	r->lg = lg;
	r->center = center;
	for (uint32_t l = 0; l < lg->nlayers; l++) {
		uint32_t w = lg->lstart[l + 1] - lg->lstart[l], s = 0;
		maxw = w > maxw ? w : maxw;
		for (uint32_t i = lg->lstart[l]; i < lg->lstart[l + 1]; i++)
			s += degree_down(lg, lg->order[i]);
		maxseg = s > maxseg ? s : maxseg;
	}
	for (uint32_t v = 0; v < lg->n; v++)
		across = center[v] + 1 > across ? center[v] + 1 : across;
	size_t n = lg->n ? lg->n : 1;
	r->nets = malloc(maxw * sizeof *r->nets);
	r->sorted = malloc(maxw * sizeof *r->sorted);
	r->placed = malloc(maxw * sizeof *r->placed);
	r->up_net = malloc((size_t)across * sizeof *r->up_net);
	r->fanin_cnt = calloc(n, sizeof *r->fanin_cnt);
	r->fanin_net = malloc(n * sizeof *r->fanin_net);
	r->track_out = calloc(n, sizeof *r->track_out);
	r->drops = malloc((size_t)maxseg * sizeof *r->drops);
	r->coff = malloc(((size_t)maxw + 1) * sizeof *r->coff);
	if (!r->nets || !r->sorted || !r->placed || !r->up_net || !r->fanin_cnt || !r->fanin_net ||
	    !r->track_out || !r->drops || !r->coff) {
		router_free(r);
		return -1;
	}
	memset(r->up_net, 0xff, (size_t)across * sizeof *r->up_net);
	memset(r->fanin_net, 0xff, n * sizeof *r->fanin_net);
	return 0;
}

/* Tracks of every channel, then the along coordinate of every layer. */
static int route_channels(struct router *r, struct lroute *rt, const int *along_size,
			  const struct lroute_opts *o)
{
	const struct lgraph *lg = r->lg;
	for (uint32_t l = 0; l < lg->nlayers; l++) {
		int t = 1;
		for (uint32_t i = lg->lstart[l]; i < lg->lstart[l + 1]; i++) {
			uint32_t v = lg->order[i];
			if (v < lg->nreal && along_size[v] > t)
				t = along_size[v];
		}
		rt->layer_size[l] = t;
		rt->channel_tracks[l] = 0;
		if (l + 1 == lg->nlayers)
			continue;
		uint32_t nd, k = collect_nets(r, l, &nd);
		if (build_constraints(r, l, k, nd) < 0)
			return -1;
		rt->channel_tracks[l] = (int)assign_tracks(r, k);
		finish_channel(r, l, k);
	}
	/* an upward arrowhead under a node needs a row of its own */
	for (uint32_t l = 0; l < lg->nlayers; l++)
		rt->channel_stub[l] = o->stub;
	for (uint32_t e = 0; e < lg->nedges; e++)
		if ((lg->eflags[e] & LGRAPH_REVERSED) && rt->channel_stub[lg->layer[lg->chain[lg->chain_off[e]]]] < 1)
			rt->channel_stub[lg->layer[lg->chain[lg->chain_off[e]]]] = 1;
	int at = 0;
	for (uint32_t l = 0; l < lg->nlayers; l++) {
		rt->layer_start[l] = at;
		at += rt->layer_size[l];
		if (l + 1 < lg->nlayers) {
			int tracks = rt->channel_tracks[l] > o->min_tracks ? rt->channel_tracks[l] : o->min_tracks;
			at += rt->channel_stub[l] + tracks + 1;
		}
	}
	rt->along = at;
	return 0;
}

/* The points of edge e; returns how many were written at out (NULL: count only). */
static uint32_t edge_points(const struct router *r, const struct lroute *rt, const int *along_size,
			    uint32_t e, struct lroute_point *out)
{
	const struct lgraph *lg = r->lg;
	uint32_t a = lg->chain_off[e], b = lg->chain_off[e + 1], k = 0;
	if (b - a < 2)
		return 0;
	bool rev = lg->eflags[e] & LGRAPH_REVERSED;
	uint32_t top = lg->chain[a], bottom = lg->chain[b - 1];
	int top_end = rt->layer_start[lg->layer[top]] + along_size[top] - 1;
	int bottom_start = rt->layer_start[lg->layer[bottom]];
	if (out)
		out[k] = (struct lroute_point){ r->center[top], rev ? top_end + 1 : top_end };
	k++;
	for (uint32_t i = a; i + 1 < b; i++) {
		uint32_t u = lg->chain[i], w = lg->chain[i + 1];
		if (r->center[u] == r->center[w])
			continue;
		uint32_t l = lg->layer[u];
		int row = rt->layer_start[l] + rt->layer_size[l] + rt->channel_stub[l] + (int)r->track_out[u];
		if (out) {
			out[k] = (struct lroute_point){ r->center[u], row };
			out[k + 1] = (struct lroute_point){ r->center[w], row };
		}
		k += 2;
	}
	if (out)
		out[k] = (struct lroute_point){ r->center[bottom], rev ? bottom_start : bottom_start - 1 };
	k++;
	if (out && rev)   /* reversed edges run from the lower node up */
		for (uint32_t i = 0; i < k / 2; i++) {
			struct lroute_point t = out[i];
			out[i] = out[k - 1 - i];
			out[k - 1 - i] = t;
		}
	return k;
}

int lroute_run(const struct lgraph *lg, const int *center, const int *along_size,
	       const struct lroute_opts *o, struct lroute *rt)
{
	struct router r;
	memset(rt, 0, sizeof *rt);
	if (router_init(&r, lg, center) < 0)
		return -1;
	size_t nl = lg->nlayers ? lg->nlayers : 1;
	rt->layer_start = malloc(nl * sizeof *rt->layer_start);
	rt->layer_size = malloc(nl * sizeof *rt->layer_size);
	rt->channel_tracks = malloc(nl * sizeof *rt->channel_tracks);
	rt->channel_stub = malloc(nl * sizeof *rt->channel_stub);
	rt->pt_off = malloc(((size_t)lg->nedges + 1) * sizeof *rt->pt_off);
	int rc = -1;
	if (!rt->layer_start || !rt->layer_size || !rt->channel_tracks || !rt->channel_stub || !rt->pt_off)
		goto out;
	struct lroute_opts ro = { o->stub > 0 ? o->stub : 0, o->min_tracks > 1 ? o->min_tracks : 1 };
	if (route_channels(&r, rt, along_size, &ro) < 0)
		goto out;
	size_t total = 0;
	for (uint32_t e = 0; e < lg->nedges; e++) {
		rt->pt_off[e] = (uint32_t)total;
		total += edge_points(&r, rt, along_size, e, NULL);
		if (total >= UINT32_MAX / 2)
			goto out;
	}
	rt->pt_off[lg->nedges] = (uint32_t)total;
	rt->pts = malloc((total ? total : 1) * sizeof *rt->pts);
	if (!rt->pts)
		goto out;
	for (uint32_t e = 0; e < lg->nedges; e++)
		edge_points(&r, rt, along_size, e, rt->pts + rt->pt_off[e]);
	rc = 0;
out:
	router_free(&r);
	if (rc < 0)
		lroute_free(rt);
	return rc;
}
