/* plan: gang demand, waves, critical path and fit against a pool (see
 * plan.h; the text rendering is in plan_render.c).
 *
 * Everything is one linear pass per level: tasks (demand, platform, does it
 * fit a node), groups (sum per platform through a scratch accumulator that
 * only touches the platforms a group uses), waves (the same over the
 * groups of each wave). Platforms are interned by name in order of first use,
 * so output follows the spec. Sums are doubles: 100,000 tasks of huge
 * profiles cannot overflow.
 */
#include "plan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"

#define DEFAULT_MAX_EXEC_TIMEOUT (60.0 * 86400)   /* OSMO's, when the pool sets none */

struct plan_demand plan_task_demand(const struct spec *s, const struct pool *pool,
				    const struct spec_task *t)
{
	struct plan_demand d = { PLAN_DEFAULT_CPU, PLAN_DEFAULT_GPU, PLAN_DEFAULT_MEMORY,
				 PLAN_DEFAULT_STORAGE };
	if (pool)
		d = (struct plan_demand){ (double)pool->default_cpu, (double)pool->default_gpu,
					  pool->default_memory, pool->default_storage };
	const struct spec_profile *pr = spec_profile_named(s, t->resource);
	if (!pr)
		return d;
	if (pr->has_cpu && pr->cpu)
		d.cpu = (double)pr->cpu;
	if (pr->has_gpu && pr->gpu)
		d.gpu = (double)pr->gpu;
	if (pr->has_memory)
		d.memory = pr->memory;
	if (pr->has_storage)
		d.storage = pr->storage;
	return d;
}

const char *plan_task_platform(const struct spec *s, const struct pool *pool, const struct spec_task *t)
{
	const struct spec_profile *pr = spec_profile_named(s, t->resource);
	if (pr && pr->platform)
		return pr->platform;
	return pool ? pool->default_platform : NULL;
}

bool plan_fits_node(const struct plan_demand *d, const struct pool_node *n)
{
	return n->count > 0 && d->cpu <= (double)n->cpu && d->gpu <= (double)n->gpu &&
	       d->memory <= n->memory && d->storage < n->storage;
}

static void add_demand(struct plan_demand *to, const struct plan_demand *d)
{
	to->cpu += d->cpu;
	to->gpu += d->gpu;
	to->memory += d->memory;
	to->storage += d->storage;
}

static void max_demand(struct plan_demand *to, const struct plan_demand *d)
{
	to->cpu = d->cpu > to->cpu ? d->cpu : to->cpu;
	to->gpu = d->gpu > to->gpu ? d->gpu : to->gpu;
	to->memory = d->memory > to->memory ? d->memory : to->memory;
	to->storage = d->storage > to->storage ? d->storage : to->storage;
}

/* More than the capacity in some resource (a pool total: storage may be equal). */
static bool above(const struct plan_demand *d, const struct plan_demand *cap)
{
	return d->cpu > cap->cpu || d->gpu > cap->gpu || d->memory > cap->memory || d->storage > cap->storage;
}

/* Heavier by gpu, then cpu, memory, storage. */
static bool heavier(const struct plan_demand *a, const struct plan_demand *b)
{
	const double x[] = { a->gpu, a->cpu, a->memory, a->storage };
	const double y[] = { b->gpu, b->cpu, b->memory, b->storage };
	for (size_t i = 0; i < 4; i++)
		if (x[i] != y[i])
			return x[i] > y[i];
	return false;
}

/* Platform interning: NULL (no platform) is a platform of its own. */
struct builder {
	struct plan *p;
	struct strmap by_name;
	uint32_t none;                  /* index of the NULL platform, or GRAPH_NONE */
	size_t cap;
	struct plan_demand *acc;        /* scratch, per platform */
	uint32_t *touched;              /* platforms with a non-zero acc */
	size_t ntouched;
	bool *seen;                     /* per platform: in touched */
};

static void describe_platform(const struct pool *pool, struct plan_platform *pl)
{
	pl->pool = pool && pl->name ? pool_platform(pool, pl->name) : NULL;
	for (size_t k = 0; pl->pool && k < pl->pool->nnodes; k++) {
		const struct pool_node *n = &pl->pool->nodes[k];
		if (n->count <= 0)
			continue;
		double c = (double)n->count;
		pl->nodes += n->count;
		add_demand(&pl->capacity, &(struct plan_demand){ c * (double)n->cpu, c * (double)n->gpu,
								 c * n->memory, c * n->storage });
		if (!pl->largest || n->gpu > pl->largest->gpu ||
		    (n->gpu == pl->largest->gpu && n->cpu > pl->largest->cpu))
			pl->largest = n;
	}
}

static long intern(struct builder *b, const char *name)
{
	struct plan *p = b->p;
	if (!name && b->none != GRAPH_NONE)
		return b->none;
	if (name) {
		void *v = strmap_get(&b->by_name, name);
		if (v)
			return (long)((uintptr_t)v - 1);
	}
	if (p->nplatforms == b->cap) {
		size_t nc = b->cap ? b->cap * 2 : 8;
		struct plan_platform *np = realloc(p->platforms, nc * sizeof *np);
		if (!np)
			return -1;
		p->platforms = np;
		b->cap = nc;
	}
	uint32_t i = (uint32_t)p->nplatforms;
	if (name && strmap_put(&b->by_name, name, (void *)(uintptr_t)(i + 1)) < 0)
		return -1;
	if (!name)
		b->none = i;
	struct plan_platform *pl = &p->platforms[p->nplatforms++];
	memset(pl, 0, sizeof *pl);
	pl->name = name;
	describe_platform(p->pool, pl);
	return i;
}

static int plan_tasks(struct builder *b)
{
	struct plan *p = b->p;
	const struct spec *s = p->spec;
	for (size_t i = 0; i < s->ntasks; i++) {
		const struct spec_task *t = &s->tasks[i];
		struct plan_task *pt = &p->tasks[i];
		pt->demand = plan_task_demand(s, p->pool, t);
		long k = intern(b, plan_task_platform(s, p->pool, t));
		if (k < 0)
			return -1;
		pt->platform = (uint32_t)k;
		const struct pool_platform *pp = p->platforms[k].pool;
		for (size_t n = 0; pp && n < pp->nnodes && !pt->fits_node; n++)
			pt->fits_node = plan_fits_node(&pt->demand, &pp->nodes[n]);
	}
	return 0;
}

static int grow_scratch(struct builder *b)
{
	size_t n = b->p->nplatforms ? b->p->nplatforms : 1;
	b->acc = calloc(n, sizeof *b->acc);
	b->touched = calloc(n, sizeof *b->touched);
	b->seen = calloc(n, sizeof *b->seen);
	return b->acc && b->touched && b->seen ? 0 : -1;
}

static void accumulate(struct builder *b, uint32_t platform, const struct plan_demand *d)
{
	if (!b->seen[platform]) {
		b->seen[platform] = true;
		b->touched[b->ntouched++] = platform;
	}
	add_demand(&b->acc[platform], d);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* Move the accumulated demand into a shares array (platform order) and
 * reset the scratch. Returns NULL when out of memory. */
static struct plan_share *take_shares(struct builder *b, size_t *n)
{
	qsort(b->touched, b->ntouched, sizeof *b->touched, cmp_u32);
	struct plan_share *v = calloc(b->ntouched ? b->ntouched : 1, sizeof *v);
	for (size_t i = 0; i < b->ntouched; i++) {
		uint32_t k = b->touched[i];
		const struct plan_platform *pl = &b->p->platforms[k];
		if (v) {
			v[i] = (struct plan_share){ k, b->acc[k], false };
			v[i].over = pl->nodes > 0 && above(&v[i].demand, &pl->capacity);
		}
		memset(&b->acc[k], 0, sizeof b->acc[k]);
		b->seen[k] = false;
	}
	*n = v ? b->ntouched : 0;
	b->ntouched = 0;
	return v;
}

/* --- packing a gang onto the nodes of one platform ---
 *
 * An exact depth-first search (iterative: gangs can be huge): tasks in
 * decreasing size, each tried on every node instance with room, skipping an
 * instance that has the same shape and the same room left as one tried
 * before (they are interchangeable). Its first descent is first-fit
 * decreasing, so ordinary gangs take one pass; the step budget bounds the
 * rest. Instances: min(count, tasks) per shape, all a gang could use.
 */
#define PACK_BUDGET 1000000ul

enum pack_result { PACK_FITS, PACK_NEVER, PACK_GAVE_UP };

static int cmp_demand_desc(const void *a, const void *b)
{
	const struct plan_demand *x = *(const struct plan_demand *const *)a;
	const struct plan_demand *y = *(const struct plan_demand *const *)b;
	return heavier(x, y) ? -1 : heavier(y, x) ? 1 : 0;
}

static bool room_for(const struct plan_demand *d, const struct plan_demand *left, const struct pool_node *n)
{
	return d->cpu <= left->cpu && d->gpu <= left->gpu && d->memory <= left->memory &&
	       d->storage <= left->storage && d->storage < n->storage;
}

static bool same_room(const struct plan_demand *a, const struct plan_demand *b)
{
	return a->cpu == b->cpu && a->gpu == b->gpu && a->memory == b->memory && a->storage == b->storage;
}

static enum pack_result pack(const struct plan_demand **t, size_t nt, const struct pool_platform *pp)
{
	size_t ni = 0;
	for (size_t k = 0; k < pp->nnodes; k++)
		if (pp->nodes[k].count > 0)
			ni += (size_t)pp->nodes[k].count < nt ? (size_t)pp->nodes[k].count : nt;
	struct plan_demand *left = malloc((ni ? ni : 1) * sizeof *left);
	uint32_t *shape = malloc((ni ? ni : 1) * sizeof *shape);
	size_t *at = malloc((nt + 1) * sizeof *at), *next = malloc((nt + 1) * sizeof *next);
	enum pack_result r = PACK_GAVE_UP;
	if (!left || !shape || !at || !next)
		goto out;
	ni = 0;
	for (size_t k = 0; k < pp->nnodes; k++) {
		const struct pool_node *n = &pp->nodes[k];
		for (long c = 0; c < n->count && (size_t)c < nt; c++) {
			left[ni] = (struct plan_demand){ (double)n->cpu, (double)n->gpu, n->memory, n->storage };
			shape[ni++] = (uint32_t)k;
		}
	}
	qsort(t, nt, sizeof *t, cmp_demand_desc);
	unsigned long steps = 0;
	size_t i = 0;
	next[0] = 0;
	while (i < nt) {
		size_t j = next[i];
		for (; j < ni; j++, steps++) {
			if (!room_for(t[i], &left[j], &pp->nodes[shape[j]]))
				continue;
			size_t q = 0;
			while (q < j && !(shape[q] == shape[j] && same_room(&left[q], &left[j])))
				q++, steps++;
			if (q == j)
				break;
		}
		if (steps > PACK_BUDGET)
			goto out;
		if (j < ni) {
			left[j].cpu -= t[i]->cpu;
			left[j].gpu -= t[i]->gpu;
			left[j].memory -= t[i]->memory;
			left[j].storage -= t[i]->storage;
			at[i] = j;
			next[i] = j + 1;
			next[++i] = 0;
			continue;
		}
		if (i == 0) {
			r = PACK_NEVER;
			goto out;
		}
		i--;
		add_demand(&left[at[i]], t[i]);
	}
	r = PACK_FITS;
out:
	free(left);
	free(shape);
	free(at);
	free(next);
	return r;
}

/* Pack the tasks of pg that run on platform k. */
static enum pack_result pack_share(struct plan *p, const struct plan_group *pg, uint32_t k)
{
	const struct plan_demand **t = malloc(pg->group->ntasks * sizeof *t + 1);
	size_t nt = 0;
	if (!t)
		return PACK_GAVE_UP;
	for (size_t i = 0; i < pg->group->ntasks; i++) {
		const struct plan_task *pt = &p->tasks[pg->group->tasks[i]->index];
		if (pt->platform == k)
			t[nt++] = &pt->demand;
	}
	enum pack_result r = pack(t, nt, p->platforms[k].pool);
	free(t);
	return r;
}

static void fit_group(struct plan *p, struct plan_group *pg)
{
	if (!p->pool)
		return;
	pg->fit = PLAN_FITS;
	for (size_t k = 0; k < pg->group->ntasks && pg->fit == PLAN_FITS; k++) {
		const struct spec_task *t = pg->group->tasks[k];
		const struct plan_task *pt = &p->tasks[t->index];
		if (p->platforms[pt->platform].nodes == 0)
			pg->fit = PLAN_NO_PLATFORM;
		else if (!pt->fits_node)
			pg->fit = PLAN_TASK_TOO_BIG;
		if (pg->fit != PLAN_FITS)
			pg->culprit = t;
	}
	for (size_t i = 0; i < pg->nshares && pg->fit == PLAN_FITS; i++)
		if (pg->shares[i].over) {
			pg->fit = PLAN_GROUP_TOO_BIG;
			pg->culprit_platform = pg->shares[i].platform;
		}
	bool undecided = false;
	for (size_t i = 0; i < pg->nshares && pg->fit == PLAN_FITS; i++) {
		enum pack_result r = pack_share(p, pg, pg->shares[i].platform);
		if (r == PACK_FITS || (r == PACK_GAVE_UP && undecided))
			continue;
		pg->culprit_platform = pg->shares[i].platform;
		if (r == PACK_NEVER)
			pg->fit = PLAN_NO_PACKING;
		undecided = true;
	}
	if (pg->fit == PLAN_FITS && undecided)
		pg->fit = PLAN_UNDECIDED;
	if (pg->fit >= PLAN_FIT_NEVER)
		p->nunplaceable++;
	pg->over_guarantee = p->pool->gpu_guarantee >= 0 && pg->demand.gpu > (double)p->pool->gpu_guarantee;
}

static int plan_groups(struct builder *b)
{
	struct plan *p = b->p;
	const struct spec *s = p->spec;
	for (size_t i = 0; i < s->ngroups; i++) {
		struct plan_group *pg = &p->groups[i];
		pg->group = &s->groups[i];
		for (size_t k = 0; k < pg->group->ntasks; k++) {
			size_t ti = pg->group->tasks[k]->index;
			if (ti >= s->ntasks)
				return -1;   /* cannot happen: a group's tasks are tasks of the spec */
			const struct plan_task *pt = &p->tasks[ti];
			add_demand(&pg->demand, &pt->demand);
			accumulate(b, pt->platform, &pt->demand);
		}
		pg->shares = take_shares(b, &pg->nshares);
		if (!pg->shares)
			return -1;
		fit_group(p, pg);
	}
	return 0;
}

static int plan_waves(struct builder *b)
{
	struct plan *p = b->p;
	size_t ng = p->spec->ngroups;
	uint32_t *wave = malloc((ng ? ng : 1) * sizeof *wave);
	if (!wave)
		return -1;
	long r = graph_waves(p->sg->graph, wave);
	if (r == GRAPH_ENOMEM) {
		free(wave);
		return -1;
	}
	size_t nw = 0;
	for (size_t i = 0; i < ng; i++) {
		p->groups[i].wave = wave[i];
		if (wave[i] == GRAPH_NONE)
			p->nblocked++;
		else if (wave[i] + 1 > nw)
			nw = wave[i] + 1;
	}
	free(wave);
	p->waves = calloc(nw ? nw : 1, sizeof *p->waves);
	if (!p->waves)
		return -1;
	p->nwaves = nw;
	for (size_t i = 0; i < ng; i++)
		if (p->groups[i].wave != GRAPH_NONE)
			p->waves[p->groups[i].wave].ngroups++;
	for (size_t w = 0; w < nw; w++) {
		p->waves[w].groups = malloc((p->waves[w].ngroups + 1) * sizeof *p->waves[w].groups);
		if (!p->waves[w].groups)
			return -1;
		p->waves[w].ngroups = 0;
	}
	for (size_t i = 0; i < ng; i++) {
		struct plan_group *pg = &p->groups[i];
		if (pg->wave == GRAPH_NONE)
			continue;
		struct plan_wave *pw = &p->waves[pg->wave];
		pw->groups[pw->ngroups++] = (uint32_t)i;
		add_demand(&pw->demand, &pg->demand);
	}
	p->peak_wave = GRAPH_NONE;
	for (size_t w = 0; w < nw; w++) {
		struct plan_wave *pw = &p->waves[w];
		for (size_t k = 0; k < pw->ngroups; k++) {
			const struct plan_group *pg = &p->groups[pw->groups[k]];
			for (size_t j = 0; j < pg->nshares; j++)
				accumulate(b, pg->shares[j].platform, &pg->shares[j].demand);
		}
		pw->shares = take_shares(b, &pw->nshares);
		if (!pw->shares)
			return -1;
		for (size_t j = 0; j < pw->nshares; j++) {
			pw->over |= pw->shares[j].over;
			max_demand(&p->platforms[pw->shares[j].platform].peak, &pw->shares[j].demand);
		}
		max_demand(&p->peak, &pw->demand);
		if (p->peak_wave == GRAPH_NONE || heavier(&pw->demand, &p->waves[p->peak_wave].demand))
			p->peak_wave = (uint32_t)w;
	}
	return 0;
}

/* The longest chain by stages: from the first group of the last wave, back
 * through the first predecessor one wave earlier each time (wave[v] is the
 * longest path to v, so that predecessor exists). Groups stuck on a cycle
 * have no wave and are left out. */
static int plan_path(struct plan *p)
{
	long n = specgraph_cycles(p->sg, &p->cycles, &p->ncycles);
	if (n < 0)
		return -1;
	p->exec_timeout = p->spec->exec_timeout;
	if (p->pool && p->exec_timeout > 0) {
		double max = p->pool->max_exec_timeout > 0 ? p->pool->max_exec_timeout : DEFAULT_MAX_EXEC_TIMEOUT;
		if (p->exec_timeout > max) {
			p->exec_timeout = max;
			p->exec_clamped = true;
		}
	}
	if (!p->nwaves)
		return 0;
	p->critical.v = malloc(p->nwaves * sizeof *p->critical.v);
	if (!p->critical.v)
		return -1;
	p->critical.n = p->nwaves;
	const struct graph *g = p->sg->graph;
	uint32_t v = p->waves[p->nwaves - 1].groups[0];
	for (size_t w = p->nwaves; w-- > 0;) {
		p->critical.v[w] = v;
		p->groups[v].critical = true;
		uint32_t best = GRAPH_NONE;
		for (uint32_t e = graph_in_first(g, v); w && e != GRAPH_NONE; e = graph_in_next(g, e)) {
			uint32_t u = graph_edge_from(g, e);
			if (p->groups[u].wave == w - 1 && u < best)
				best = u;
		}
		v = best;
	}
	return 0;
}

/* Profiles used by tasks whose platform has no node, each named once. */
static int plan_missing(struct plan *p)
{
	const struct spec *s = p->spec;
	if (!p->pool)
		return 0;
	struct strmap seen = STRMAP_INIT;
	int rc = 0;
	for (size_t i = 0; i < s->ntasks && rc == 0; i++) {
		const struct plan_platform *pl = &p->platforms[p->tasks[i].platform];
		const char *profile = s->tasks[i].resource;
		if (pl->nodes > 0 || strmap_get(&seen, profile))
			continue;
		struct plan_missing *m = realloc(p->missing, (p->nmissing + 1) * sizeof *m);
		if (!m || strmap_put(&seen, profile, (void *)profile) < 0) {
			if (m)
				p->missing = m;
			rc = -1;
			break;
		}
		p->missing = m;
		m[p->nmissing++] = (struct plan_missing){ profile, pl->name, pl->pool != NULL };
	}
	strmap_free(&seen);
	return rc;
}

struct plan *plan_new(const struct specgraph *sg, const struct pool *pool)
{
	struct plan *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->spec = sg->spec;
	p->sg = sg;
	p->pool = pool;
	p->exec_timeout = -1;
	p->peak_wave = GRAPH_NONE;
	const struct spec *s = sg->spec;
	p->tasks = calloc(s->ntasks ? s->ntasks : 1, sizeof *p->tasks);
	p->groups = calloc(s->ngroups ? s->ngroups : 1, sizeof *p->groups);
	struct builder b = { .p = p, .by_name = STRMAP_INIT, .none = GRAPH_NONE };
	int rc = p->tasks && p->groups ? 0 : -1;
	if (rc == 0)
		rc = plan_tasks(&b);
	if (rc == 0)
		rc = grow_scratch(&b);
	if (rc == 0)
		rc = plan_groups(&b);
	if (rc == 0)
		rc = plan_waves(&b);
	if (rc == 0)
		rc = plan_path(p);
	if (rc == 0)
		rc = plan_missing(p);
	strmap_free(&b.by_name);
	free(b.acc);
	free(b.touched);
	free(b.seen);
	if (rc < 0) {
		plan_free(p);
		return NULL;
	}
	return p;
}

void plan_free(struct plan *p)
{
	if (!p)
		return;
	for (size_t i = 0; p->groups && i < p->spec->ngroups; i++)
		free(p->groups[i].shares);
	for (size_t w = 0; w < p->nwaves; w++) {
		free(p->waves[w].groups);
		free(p->waves[w].shares);
	}
	specgraph_cycles_free(p->cycles, p->ncycles);
	graph_path_free(&p->critical);
	free(p->tasks);
	free(p->groups);
	free(p->waves);
	free(p->platforms);
	free(p->missing);
	free(p);
}
