/* pool: a description of an OSMO pool, read from a YAML "pool file".
 *
 * OSMO checks some rules against the state of the pool a workflow is
 * submitted to (platforms, node sizes, topology keys, GPU guarantee,
 * allowed mounts, admin limits). Offline, osmo-tui reads that state from a
 * file the user keeps (`--pool-file`); `validate` checks the server-state
 * rules against it and `plan` fits the workflow's demand into it. Format
 * (every key optional; see share/pools/example-pool.yaml):
 *
 *   name: my-pool
 *   status: online                 # or maintenance
 *   default_platform: dgx-h100     # for profiles without platform:
 *   gpu_guarantee: 16              # GPUs per group at NORMAL priority; -1 = no limit
 *   topology_keys: [gpu-clique, rack]
 *   limits: {max_tasks: 20, max_name_length: 64, max_exec_timeout: 60d, max_queue_timeout: 60d}
 *   defaults: {cpu: 1, gpu: 0, memory: 1Gi, storage: 1Gi}   # for unset values
 *   platforms:
 *     dgx-h100:
 *       privileged: false          # may tasks run privileged?
 *       host_network: false        # may tasks use hostNetwork?
 *       default_mounts: [/data]    # mounted for every task already
 *       allowed_mounts: [/scratch] # volumeMounts tasks may ask for
 *       nodes:
 *       - {count: 4, cpu: 224, gpu: 8, memory: 2000Gi, storage: 28Ti}
 */
#ifndef OSMO_POOL_H
#define OSMO_POOL_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"

struct pool_node {
	long count;
	long long cpu, gpu;
	double memory, storage;   /* bytes */
};

struct pool_platform {
	char *name;
	bool privileged, host_network;
	char **default_mounts, **allowed_mounts;
	size_t ndefault_mounts, nallowed_mounts;
	struct pool_node *nodes;
	size_t nnodes;
};

struct pool {
	char *name;
	bool maintenance;
	char *default_platform;          /* NULL when not set */
	long gpu_guarantee;              /* -1: no guarantee limit */
	char **topology_keys;
	size_t ntopology_keys;
	long max_tasks, max_name_length; /* 0: OSMO's defaults (20, 64) */
	double max_exec_timeout, max_queue_timeout;  /* seconds; 0: 60 days */
	long long default_cpu, default_gpu;
	double default_memory, default_storage;
	struct pool_platform *platforms;
	size_t nplatforms;
};

/* Read a pool description from a loaded doc. Returns NULL (with positioned
 * diagnostics, rule "pool-file") when it is not a valid description. */
struct pool *pool_from_doc(struct doc *d, struct diag_list *diags);
/* Free it. */
void pool_free(struct pool *p);
/* The platform named name, or NULL. */
const struct pool_platform *pool_platform(const struct pool *p, const char *name);
/* True when key is one of the pool's topology keys. */
bool pool_has_topology_key(const struct pool *p, const char *key);
/* Append the platform names, comma-separated (for messages). */
void pool_platform_names(const struct pool *p, struct buf *out);

#endif
