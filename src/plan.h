/* plan: what a workflow asks of a pool, wave by wave.
 *
 * OSMO places a group as a gang: every task of the group at once, each task
 * on one node of its profile's platform. A group starts when the groups it
 * takes input from have finished, so groups fall into waves (topological
 * layers: wave 0 needs nothing, wave k needs something from wave k-1) and
 * the groups of one wave may all run at the same time.
 *
 * plan_new() computes, from a spec view, its specgraph and optionally a pool
 * description (pool.h):
 *   - each task's demand: its profile's cpu, gpu, memory and storage, with
 *     defaults for what is unset (cpu: 0 and gpu: 0 count as unset, as in
 *     OSMO): the pool's defaults, or without a pool OSMO's own (1 cpu, 0 gpu,
 *     1Gi memory, 1Gi storage); an undefined profile counts as all defaults;
 *   - each group's gang demand (the sum over its tasks), overall and per
 *     platform, and its wave;
 *   - each wave's demand (the sum over its groups) overall and per platform,
 *     and the peak: the component-wise maximum over the waves;
 *   - the critical path (the longest chain of groups, by stages: from the
 *     first group of the last wave back through the first predecessor of the
 *     wave before, in spec order; groups held up by a cycle left out); OSMO's
 *     exec_timeout bounds each group's running time separately, so with a
 *     spec timeout the chain runs at most stages x exec_timeout (the timeout
 *     lowered to the pool's max_exec_timeout when a pool is given);
 *   - with a pool: per platform its node count, total capacity and largest
 *     node; groups that can never be placed (a task larger than every node of
 *     its platform: cpu, gpu, memory <= and storage < the node's, as OSMO
 *     checks; a gang larger than its platform's total capacity; a gang
 *     within the totals whose tasks cannot be assigned to nodes, found by an
 *     exact search with a step budget: each node holds tasks whose sums stay
 *     within its size; a task whose platform has no nodes in the pool); the profiles used by tasks whose
 *     platform no node offers; waves whose demand exceeds a platform's total
 *     (their groups wait for each other); groups above the GPU guarantee.
 * Groups on or after a dependency cycle get no wave (GRAPH_NONE) and count
 * in no wave; the cycles themselves are in plan->cycles.
 *
 * The plan borrows the spec, the specgraph and the pool: free it first.
 */
#ifndef OSMO_PLAN_H
#define OSMO_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "graph.h"
#include "pool.h"
#include "spec.h"
#include "specgraph.h"

/* OSMO's defaults for unset resource values when no pool is given. */
#define PLAN_DEFAULT_CPU 1.0
#define PLAN_DEFAULT_GPU 0.0
#define PLAN_DEFAULT_MEMORY 1073741824.0    /* 1Gi */
#define PLAN_DEFAULT_STORAGE 1073741824.0   /* 1Gi */

/* Quantities: whole cores and GPUs, memory and storage in bytes (doubles, so
 * sums over huge specs cannot overflow). */
struct plan_demand {
	double cpu, gpu, memory, storage;
};

/* A group's placement against the pool: the first task that cannot be
 * placed decides, then the gang per platform (totals, then packing). */
enum plan_fit {
	PLAN_FIT_UNKNOWN,     /* no pool given */
	PLAN_FITS,            /* a placement of every task on a node exists */
	PLAN_UNDECIDED,       /* fits the totals; the search for a placement gave up (huge gang) */
	PLAN_NO_PLATFORM,     /* a task's platform has no node in the pool */
	PLAN_TASK_TOO_BIG,    /* a task is larger than every node of its platform */
	PLAN_GROUP_TOO_BIG,   /* the gang is larger than a platform's total capacity */
	PLAN_NO_PACKING,      /* within the totals, but no assignment of its tasks to nodes exists */
};

/* Worse than this: the group can never be placed. */
#define PLAN_FIT_NEVER PLAN_NO_PLATFORM

struct plan_platform {
	const char *name;                 /* as the profiles (or the pool default) name it; NULL: none */
	const struct pool_platform *pool; /* its description, NULL without a pool or when missing */
	long nodes;                       /* nodes in the pool (sum of counts) */
	struct plan_demand capacity;      /* sum over node shapes of count x size */
	const struct pool_node *largest;  /* most GPUs, then most CPUs; NULL without nodes */
	struct plan_demand peak;          /* the component-wise largest wave demand on it */
};

/* Demand on one platform (index into plan->platforms). */
struct plan_share {
	uint32_t platform;
	struct plan_demand demand;
	bool over;                        /* above the platform's capacity (pool given) */
};

struct plan_task {
	struct plan_demand demand;
	uint32_t platform;                /* index into plan->platforms */
	bool fits_node;                   /* some node of its platform is large enough (pool given) */
};

struct plan_group {
	const struct spec_group *group;
	uint32_t wave;                    /* 0-based; GRAPH_NONE on or after a cycle */
	struct plan_demand demand;        /* the gang: all its tasks */
	struct plan_share *shares;        /* per platform, in platform order */
	size_t nshares;
	bool critical;                    /* on the critical path */
	enum plan_fit fit;
	const struct spec_task *culprit;  /* NO_PLATFORM / TASK_TOO_BIG: the first such task */
	uint32_t culprit_platform;        /* GROUP_TOO_BIG, NO_PACKING, UNDECIDED: the platform */
	bool over_guarantee;              /* more GPUs than the pool's gpu_guarantee */
};

struct plan_wave {
	uint32_t *groups;                 /* group indices, in spec order */
	size_t ngroups;
	struct plan_demand demand;        /* every group of the wave at once */
	struct plan_share *shares;        /* per platform, in platform order */
	size_t nshares;
	bool over;                        /* some share is over its platform's capacity */
};

/* A profile used by tasks whose platform no node of the pool offers. */
struct plan_missing {
	const char *profile;              /* the profile name */
	const char *platform;             /* NULL: no platform: and no usable pool default */
	bool in_pool;                     /* the platform exists but has no nodes */
};

struct plan {
	const struct spec *spec;          /* borrowed */
	const struct specgraph *sg;       /* borrowed */
	const struct pool *pool;          /* borrowed; NULL when none was given */
	struct plan_task *tasks;          /* [spec->ntasks] */
	struct plan_group *groups;        /* [spec->ngroups] = graph nodes */
	struct plan_wave *waves;
	size_t nwaves;
	struct plan_platform *platforms;  /* in order of first use by a task */
	size_t nplatforms;
	struct plan_missing *missing;
	size_t nmissing;
	size_t nunplaceable;              /* groups whose fit is PLAN_FIT_NEVER or worse */
	size_t nblocked;                  /* groups without a wave (cycles) */
	struct graph_path *cycles;        /* as specgraph_cycles() */
	size_t ncycles;
	struct graph_path critical;       /* group ids, first stage first (one per wave) */
	double exec_timeout;              /* seconds per group; < 0 when the spec sets none */
	bool exec_clamped;                /* lowered to the pool's max_exec_timeout */
	struct plan_demand peak;          /* component-wise maximum over the waves */
	uint32_t peak_wave;               /* the heaviest wave (by gpu, cpu, memory, storage); GRAPH_NONE if none */
};

/* Plan sg (built from its spec) against pool (NULL: none). NULL when out of
 * memory. */
struct plan *plan_new(const struct specgraph *sg, const struct pool *pool);
/* Free it. */
void plan_free(struct plan *p);

/* What task t gets: its profile's values, defaults (pool's or OSMO's) for the rest. */
struct plan_demand plan_task_demand(const struct spec *s, const struct pool *pool,
				    const struct spec_task *t);
/* The platform name task t runs on: its profile's, else the pool's default (NULL: none). */
const char *plan_task_platform(const struct spec *s, const struct pool *pool, const struct spec_task *t);
/* True when d fits node n (cpu, gpu, memory <= and storage < the node's, count > 0). */
bool plan_fits_node(const struct plan_demand *d, const struct pool_node *n);

/* Append a byte count in binary units as a spec writes it: 0, 512Mi, 2Gi, 1.5Ti. */
void plan_format_bytes(double bytes, struct buf *out);
/* Append the plan as text for people: summary, waves, critical path, groups,
 * demand per wave (against the pool), what can never be placed. */
void plan_render_text(const struct plan *p, struct buf *out);

#endif
