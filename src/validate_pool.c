/* validate_pool: the rules OSMO checks against the state of the pool,
 * evaluated against a pool description file (pool.h).
 *
 * What each task gets is its profile's values with the pool defaults for
 * what is unset (cpu: 0 and gpu: 0 count as unset, as in OSMO); that demand
 * must fit a node of the task's platform (cpu, gpu, memory <= the node's,
 * storage < the node's). Platforms gate privileged, hostNetwork and mounts.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "pool.h"
#include "spec.h"
#include "validate_int.h"

#define DEFAULT_MAX_TIMEOUT (60.0 * 86400)

void vcheck_timeout_limit(struct vctx *c, const struct schema_field *f, const struct doc_node *v,
			  double seconds)
{
	const struct pool *p = c->o->pool;
	double max = strcmp(f->key, "exec_timeout") == 0 ? p->max_exec_timeout
		     : strcmp(f->key, "queue_timeout") == 0 ? p->max_queue_timeout : -1;
	if (max < 0)
		return;
	if (max == 0)
		max = DEFAULT_MAX_TIMEOUT;
	if (seconds > max) {
		static const struct { const char *unit; double sec; } units[] = {
			{ "d", 86400 }, { "h", 3600 }, { "m", 60 }, { "s", 1 },
		};
		size_t u = 0;
		while (u < 3 && (max < units[u].sec || max / units[u].sec != (double)(long long)(max / units[u].sec)))
			u++;
		uint32_t a, b;
		vrange(v, &a, &b);
		vreport(c, R_TIMEOUT_CLAMPED, a, b, "%s %s is above the pool's maximum of %g%s; OSMO "
			"silently lowers it to that", f->key, v->text, max / units[u].sec, units[u].unit);
	}
}

/* A byte count as a quantity in the largest binary unit that keeps it whole
 * (28Ti, 2000Gi, 512Mi), else in Gi with decimals. */
static void fmt_bytes(double bytes, char *out, size_t cap)
{
	static const char *const units[] = { "Ti", "Gi", "Mi", "Ki" };
	double scale = 1099511627776.0;
	for (size_t i = 0; i < 4; i++, scale /= 1024) {
		double q = bytes / scale;
		if (q >= 1 && q == (double)(long long)q) {
			snprintf(out, cap, "%lld%s", (long long)q, units[i]);
			return;
		}
	}
	snprintf(out, cap, "%.2fGi", bytes / 1073741824.0);
}

struct demand {
	long long cpu, gpu;
	double memory, storage;
};

static struct demand demand_of(const struct pool *p, const struct spec_profile *pr)
{
	struct demand d = { p->default_cpu, p->default_gpu, p->default_memory, p->default_storage };
	if (pr && pr->has_cpu && pr->cpu)
		d.cpu = pr->cpu;
	if (pr && pr->has_gpu && pr->gpu)
		d.gpu = pr->gpu;
	if (pr && pr->has_memory)
		d.memory = pr->memory;
	if (pr && pr->has_storage)
		d.storage = pr->storage;
	return d;
}

static const struct doc_node *profile_field(const struct spec_profile *pr, const char *key)
{
	return pr && pr->node ? doc_map_get(doc_resolve(pr->node), key) : NULL;
}

static void check_profiles(struct vctx *c, const struct spec *s, const struct pool *p)
{
	uint32_t a, b;
	for (size_t i = 0; i < s->nprofiles; i++) {
		const struct spec_profile *pr = &s->profiles[i];
		if (!pr->platform) {
			if (!p->default_platform || !pool_platform(p, p->default_platform))
				vreport(c, R_PROFILE_PLATFORM, pr->node->key_start, pr->node->key_end,
					"resource profile \"%s\" has no platform and pool \"%s\" has %s; "
					"set platform:", pr->name, p->name,
					p->default_platform ? "a default platform that is not in the pool"
							    : "no default platform");
		}
		const struct doc_node *topo = doc_resolve(profile_field(pr, "topology"));
		for (uint32_t k = 0; topo && topo->kind == DOC_SEQ && k < topo->nkids; k++) {
			const struct doc_node *key = doc_resolve(doc_map_get(topo->kids[k], "key"));
			if (!key || key->kind != DOC_SCALAR || pool_has_topology_key(p, key->text))
				continue;
			struct buf keys = BUF_INIT;
			for (size_t t = 0; t < p->ntopology_keys; t++)
				buf_printf(&keys, "%s%s", t ? ", " : "", p->topology_keys[t]);
			vrange(key, &a, &b);
			vreport(c, R_TOPOLOGY_KEY_POOL, a, b,
				"topology key \"%s\" in resource \"%s\" is not available in pool \"%s\" "
				"(available: %s)", key->text, pr->name, p->name,
				keys.len ? buf_cstr(&keys) : "none");
			buf_free(&keys);
		}
		static const char *const must_be_positive[] = { "cpu", "memory", "storage" };
		for (size_t k = 0; k < 3; k++) {
			const struct doc_node *v = doc_resolve(profile_field(pr, must_be_positive[k]));
			bool zero_cpu = k == 0;  /* cpu: 0 means "unset": the default applies */
			double val = k == 0 ? (double)pr->cpu : k == 1 ? pr->memory : pr->storage;
			bool has = k == 0 ? pr->has_cpu : k == 1 ? pr->has_memory : pr->has_storage;
			if (!v || !has || val > 0 || (zero_cpu && val == 0))
				continue;
			vrange(v, &a, &b);
			vreport(c, R_STATIC_RESOURCES, a, b, "%s of resource \"%s\" is %s; it must be greater "
				"than 0", must_be_positive[k], pr->name, v->text);
		}
	}
}

static bool has_mount(char *const *v, size_t n, const char *src)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], src) == 0)
			return true;
	return false;
}

static void check_task(struct vctx *c, const struct spec *s, const struct pool *p,
		       const struct spec_task *t)
{
	uint32_t a, b;
	const struct spec_profile *pr = spec_task_profile(s, t);
	const char *plat = pr && pr->platform ? pr->platform : p->default_platform;
	const struct pool_platform *pl = pool_platform(p, plat);
	if (!pl) {
		if (pr && pr->platform) {
			const struct doc_node *v = doc_resolve(profile_field(pr, "platform"));
			struct buf names = BUF_INIT;
			pool_platform_names(p, &names);
			vrange(v, &a, &b);
			vreport(c, R_TASK_PLATFORM, a, b,
				"platform \"%s\" (task \"%s\") does not exist in pool \"%s\" (platforms: %s)",
				pr->platform, t->name, p->name, buf_cstr(&names));
			buf_free(&names);
		}
		return;
	}
	static const struct { const char *key; size_t flag; enum rule_id rule; } flags[] = {
		{ "privileged", offsetof(struct pool_platform, privileged), R_PRIVILEGED },
		{ "hostNetwork", offsetof(struct pool_platform, host_network), R_HOST_NETWORK },
	};
	for (size_t k = 0; k < 2; k++) {
		const struct doc_node *v = doc_resolve(doc_map_get(t->node, flags[k].key));
		bool allowed = *(const bool *)((const char *)pl + flags[k].flag);
		bool on = false;
		struct units_err e;
		if (v && v->kind == DOC_SCALAR && units_lax_bool(v->text, v->len, vplain(v), &on, &e) == 0 &&
		    on && !allowed) {
			vrange(v, &a, &b);
			vreport(c, flags[k].rule, a, b, "task \"%s\": platform \"%s\" does not allow %s",
				t->name, pl->name, flags[k].key);
		}
	}
	const struct doc_node *mounts = doc_resolve(doc_map_get(t->node, "volumeMounts"));
	for (uint32_t k = 0; mounts && mounts->kind == DOC_SEQ && k < mounts->nkids; k++) {
		const struct doc_node *m = doc_resolve(mounts->kids[k]);
		if (!m || m->kind != DOC_SCALAR)
			continue;
		char src[512];
		size_t n = strcspn(m->text, ":");
		snprintf(src, sizeof src, "%.*s", (int)(n < sizeof src ? n : sizeof src - 1), m->text);
		vrange(m, &a, &b);
		/* a mount the platform both provides and allows may be asked for (OSMO's tests) */
		bool allowed = has_mount(pl->allowed_mounts, pl->nallowed_mounts, src);
		if (!allowed && has_mount(pl->default_mounts, pl->ndefault_mounts, src))
			vreport(c, R_MOUNT, a, b, "mount %s is already provided by platform \"%s\"; remove it "
				"from volumeMounts (task \"%s\")", src, pl->name, t->name);
		else if (!allowed)
			vreport(c, R_MOUNT, a, b, "platform \"%s\" does not allow mount %s (task \"%s\")",
				pl->name, src, t->name);
	}
	/* does the task fit some node of its platform? */
	struct demand d = demand_of(p, pr);
	const struct doc_node *at = t->resource_node ? t->resource_node : t->name_node ? t->name_node : t->node;
	vrange(at, &a, &b);
	if (pl->nnodes == 0) {
		vreport(c, R_NODE_CAPACITY, a, b, "there are no resources in platform \"%s\" of pool \"%s\" "
			"(task \"%s\")", pl->name, p->name, t->name);
		return;
	}
	for (size_t k = 0; k < pl->nnodes; k++) {
		const struct pool_node *nd = &pl->nodes[k];
		if (d.cpu <= nd->cpu && d.gpu <= nd->gpu && d.memory <= nd->memory && d.storage < nd->storage)
			return;
	}
	/* say which of the task's needs no node meets */
	struct demand most = { 0, 0, 0, 0 };
	for (size_t k = 0; k < pl->nnodes; k++) {
		const struct pool_node *nd = &pl->nodes[k];
		most.cpu = nd->cpu > most.cpu ? nd->cpu : most.cpu;
		most.gpu = nd->gpu > most.gpu ? nd->gpu : most.gpu;
		most.memory = nd->memory > most.memory ? nd->memory : most.memory;
		most.storage = nd->storage > most.storage ? nd->storage : most.storage;
	}
	struct buf need = BUF_INIT, have = BUF_INIT;
	char q1[32], q2[32];
	if (d.cpu > most.cpu) {
		buf_printf(&need, "cpu %lld", d.cpu);
		buf_printf(&have, "cpu %lld", most.cpu);
	}
	if (d.gpu > most.gpu) {
		buf_printf(&need, "%sgpu %lld", need.len ? ", " : "", d.gpu);
		buf_printf(&have, "%sgpu %lld", have.len ? ", " : "", most.gpu);
	}
	if (d.memory > most.memory) {
		fmt_bytes(d.memory, q1, sizeof q1);
		fmt_bytes(most.memory, q2, sizeof q2);
		buf_printf(&need, "%smemory %s", need.len ? ", " : "", q1);
		buf_printf(&have, "%smemory %s", have.len ? ", " : "", q2);
	}
	if (d.storage >= most.storage) {
		fmt_bytes(d.storage, q1, sizeof q1);
		fmt_bytes(most.storage, q2, sizeof q2);
		buf_printf(&need, "%sstorage %s", need.len ? ", " : "", q1);
		buf_printf(&have, "%sstorage %s%s", have.len ? ", " : "", q2,
			   d.storage == most.storage ? " (storage must be less than the node's)" : "");
	}
	if (need.len)
		vreport(c, R_NODE_CAPACITY, a, b, "task \"%s\" does not fit any node of platform \"%s\": it "
			"needs %s; the most any node has is %s", t->name, pl->name, buf_cstr(&need),
			buf_cstr(&have));
	else
		vreport(c, R_NODE_CAPACITY, a, b, "task \"%s\" does not fit any node of platform \"%s\": no "
			"single node has cpu %lld, gpu %lld, memory and storage together", t->name, pl->name,
			d.cpu, d.gpu);
	buf_free(&need);
	buf_free(&have);
}

void vpool(struct vctx *c)
{
	const struct pool *p = c->o->pool;
	/* the view vrules built in this run (it runs first) */
	struct spec *own = *c->keep && (*c->keep)->tree_id == c->d->tree_id ? NULL : spec_build(c->d);
	const struct spec *s = own ? own : *c->keep;
	if (!s)
		return;
	if (s->workflow) {
		const struct doc_node *w = doc_map_get(c->d->root, "workflow");
		if (p->maintenance)
			vreport(c, R_POOL_MAINTENANCE, w->key_start, w->key_end, "pool \"%s\" is undergoing "
				"maintenance; submissions wait until it is over", p->name);
		check_profiles(c, s, p);
		for (size_t i = 0; i < s->ntasks; i++)
			check_task(c, s, p, &s->tasks[i]);
		if (p->gpu_guarantee >= 0)
			for (size_t g = 0; g < s->ngroups; g++) {
				long long sum = 0;
				for (size_t k = 0; k < s->groups[g].ntasks; k++)
					sum += demand_of(p, spec_task_profile(s, s->groups[g].tasks[k])).gpu;
				if (sum <= p->gpu_guarantee)
					continue;
				uint32_t a, b;
				vrange(s->groups[g].name_node ? s->groups[g].name_node : s->groups[g].node, &a, &b);
				vreport(c, R_GPU_GUARANTEE, a, b,
					"group \"%s\" needs %lld GPUs but pool \"%s\" guarantees %ld for NORMAL and "
					"HIGH priority; submit with LOW priority or use fewer GPUs",
					s->groups[g].name, sum, p->name, p->gpu_guarantee);
			}
	}
	spec_free(own);
}
