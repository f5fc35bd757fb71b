/* spec: the typed view of a workflow (see spec.h).
 *
 * One pass over the workflow mapping: groups (or synthetic groups for the
 * tasks: form), tasks with their inputs and profile, resource profiles with
 * their numbers. Scalars are read the way OSMO reads them (PyYAML 1.1 plus
 * pydantic's lax coercions, via units.h), so "lead: yes" is a lead.
 */
#include "spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "names.h"
#include "strmap.h"
#include "units.h"
#include "yaml11.h"

struct spec_private {
	struct arena arena;
	struct strmap task_by_name;
	struct strmap profile_by_name;
	struct spec_profile implicit_default;
};

const struct doc_node *spec_field(const struct doc_node *obj, const char *key)
{
	return doc_resolve(doc_map_get(obj, key));
}

/* Plain and untagged (an explicit !!str reads like a quoted scalar). */
static bool is_plain(const struct doc_node *n)
{
	return n->style == DOC_PLAIN && !(n->tag && strcmp(n->tag, "tag:yaml.org,2002:str") == 0);
}

/* A name as OSMO would read it: only string scalars count. */
static const char *name_of(const struct doc_node *n)
{
	if (!n || n->kind != DOC_SCALAR)
		return "";
	return n->text;
}

/* The task entries the view reads. */
struct task_fields {
	const struct doc_node *name, *lead, *resource, *inputs, *files;
};

/* Found in one pass over the task's entries: a spec is mostly tasks, and a
 * lookup per field would scan each of them five times. Like doc_map_get,
 * the last of duplicate keys wins; merge keys take the general lookup. */
static void task_fields(const struct doc_node *task, struct task_fields *f)
{
	memset(f, 0, sizeof *f);
	if (!task || task->kind != DOC_MAP)
		return;
	if (task->flags & DOC_F_MERGE) {
		f->name = doc_map_get(task, "name");
		f->lead = doc_map_get(task, "lead");
		f->resource = doc_map_get(task, "resource");
		f->inputs = doc_map_get(task, "inputs");
		f->files = doc_map_get(task, "files");
	} else {
		for (uint32_t i = 0; i < task->nkids; i++) {
			const struct doc_node *k = task->kids[i];
			const char *key = k->key;
			switch (k->key_len) {
			case 4:
				if (memcmp(key, "name", 4) == 0)
					f->name = k;
				else if (memcmp(key, "lead", 4) == 0)
					f->lead = k;
				break;
			case 5:
				if (memcmp(key, "files", 5) == 0)
					f->files = k;
				break;
			case 6:
				if (memcmp(key, "inputs", 6) == 0)
					f->inputs = k;
				break;
			case 8:
				if (memcmp(key, "resource", 8) == 0)
					f->resource = k;
				break;
			}
		}
	}
	f->name = doc_resolve(f->name);
	f->lead = doc_resolve(f->lead);
	f->resource = doc_resolve(f->resource);
	f->inputs = doc_resolve(f->inputs);
	f->files = doc_resolve(f->files);
}

static bool lead_of(const struct doc_node *l)
{
	bool b = false;
	struct units_err e;
	if (l && l->kind == DOC_SCALAR && units_lax_bool(l->text, l->len, is_plain(l), &b, &e) == 0)
		return b;
	return false;
}

static void read_inputs(struct spec *s, struct spec_task *t, const struct doc_node *in)
{
	if (!in || in->kind != DOC_SEQ || in->nkids == 0)
		return;
	t->inputs = arena_zalloc(&s->priv->arena, in->nkids * sizeof *t->inputs);
	if (!t->inputs)
		return;
	for (uint32_t i = 0; i < in->nkids; i++) {
		const struct doc_node *it = doc_resolve(in->kids[i]);
		struct spec_input *x = &t->inputs[t->ninputs++];
		x->node = it;
		x->kind = SPEC_IN_OTHER;
		const struct doc_node *v;
		if ((v = spec_field(it, "task")) != NULL) {
			x->kind = SPEC_IN_TASK;
			x->value = v;
			const char *name = name_of(v);
			const char *colon = strchr(name, ':');
			x->previous_workflow = colon != NULL;
			x->task = colon ? colon + 1 : name;
			x->task_hash = strmap_hash(x->task);
			size_t at;
			struct units_err e;
			x->ref_ok = v->kind == DOC_SCALAR &&
				    (!is_plain(v) || yaml11_resolve(v->text, v->len) == Y11_STR) &&
				    names_input_task(v->text, v->len, &at, &e) == 0;
		} else if ((v = spec_field(it, "url")) != NULL) {
			x->kind = SPEC_IN_URL;
			x->value = v;
		} else if ((v = spec_field(it, "dataset")) != NULL) {
			x->kind = SPEC_IN_DATASET;
			x->value = v;
		}
	}
}

static bool may_hold_braces(const struct doc_node *n)
{
	return n->kind == DOC_ALIAS || (n->flags & DOC_F_SUB_BRACES);
}

static void read_braces(struct spec *s, struct spec_task *t)
{
	const struct doc_node *m = t->node;
	if (!m || m->kind != DOC_MAP || !may_hold_braces(m))
		return;
	uint32_t n = 0;
	for (uint32_t i = 0; i < m->nkids; i++)
		n += may_hold_braces(m->kids[i]);
	t->braces = n ? arena_alloc(&s->priv->arena, n * sizeof *t->braces) : NULL;
	for (uint32_t i = 0; t->braces && i < m->nkids; i++)
		if (may_hold_braces(m->kids[i]))
			t->braces[t->nbraces++] = m->kids[i];
}

/* Read a task's facts from its node. */
static void read_task(struct spec *s, struct spec_task *t, const struct doc_node *node)
{
	memset(t, 0, sizeof *t);
	t->node = node;
	t->version = node ? node->version : 0;
	struct task_fields f;
	task_fields(node, &f);
	t->name_node = f.name;
	t->name = name_of(t->name_node);
	t->name_hash = strmap_hash(t->name);
	t->lead = lead_of(f.lead);
	t->resource_node = f.resource;
	t->resource = t->resource_node && t->resource_node->kind == DOC_SCALAR ? t->resource_node->text
									      : "default";
	t->files = f.files;
	read_inputs(s, t, f.inputs);
	read_braces(s, t);
}

/* Take an unchanged task's facts from the previous view (its arrays are
 * copied: the previous view may be freed). Returns 0 or -1 (out of memory). */
static int copy_task(struct spec *s, struct spec_task *t, const struct spec_task *old)
{
	*t = *old;
	if (old->ninputs) {
		t->inputs = arena_alloc(&s->priv->arena, old->ninputs * sizeof *t->inputs);
		if (!t->inputs)
			return -1;
		memcpy(t->inputs, old->inputs, old->ninputs * sizeof *t->inputs);
	}
	if (old->nbraces) {
		t->braces = arena_alloc(&s->priv->arena, old->nbraces * sizeof *t->braces);
		if (!t->braces)
			return -1;
		memcpy(t->braces, old->braces, old->nbraces * sizeof *t->braces);
	}
	return 0;
}

/* Where spec_rebuild finds the previous view's task for a node: at the
 * index of the last hit's offset (tasks keep their order; an insertion or
 * deletion shifts the rest), else through an index of node addresses built
 * on the first miss. */
struct carry {
	const struct spec *prev;   /* NULL: nothing to carry */
	long shift;                /* previous index - new index of the last hit */
	uint32_t *index;           /* previous index + 1 by node address; 0 empty */
	size_t cap;
	bool indexed;
};

static size_t addr_slot(const void *p, size_t cap)
{
	return (size_t)(((uintptr_t)p >> 4) * 0x9E3779B97F4A7C15ull) & (cap - 1);
}

static void carry_index(struct carry *c)
{
	const struct spec *p = c->prev;
	c->indexed = true;
	size_t cap = 16;
	while (cap < p->ntasks * 2)
		cap *= 2;
	c->index = calloc(cap, sizeof *c->index);
	if (!c->index)
		return;
	c->cap = cap;
	for (size_t j = 0; j < p->ntasks; j++) {
		size_t i = addr_slot(p->tasks[j].node, cap);
		while (c->index[i])
			i = (i + 1) & (cap - 1);
		c->index[i] = (uint32_t)j + 1;
	}
}

static const struct spec_task *carry_find(struct carry *c, size_t k, const struct doc_node *node)
{
	const struct spec *p = c->prev;
	if (!p || !node)
		return NULL;
	size_t j = (size_t)((long)k + c->shift);
	const struct spec_task *t = j < p->ntasks && p->tasks[j].node == node ? &p->tasks[j] : NULL;
	if (!t) {
		if (!c->indexed)
			carry_index(c);
		for (size_t i = c->cap ? addr_slot(node, c->cap) : 0; c->cap && c->index[i] && !t;
		     i = (i + 1) & (c->cap - 1))
			if (p->tasks[c->index[i] - 1].node == node)
				t = &p->tasks[c->index[i] - 1];
	}
	if (!t || t->version != node->version)
		return NULL;
	c->shift = (long)(t - p->tasks) - (long)k;
	return t;
}

static void add_task(struct spec *s, struct spec_group *g, const struct doc_node *node, struct carry *c)
{
	struct spec_task *t = &s->tasks[s->ntasks];
	const struct spec_task *old = carry_find(c, s->ntasks, node);
	if (old && copy_task(s, t, old) == 0) {
		t->carried = true;
		s->carried++;
	} else {
		read_task(s, t, node);
	}
	t->index = s->ntasks++;
	t->group = g;
	t->index_in_group = g->ntasks;
	g->tasks[g->ntasks++] = t;
	if (*t->name)
		strmap_add_h(&s->priv->task_by_name, t->name, t->name_hash, t);
}

static size_t count_tasks(const struct doc_node *list, bool groups)
{
	size_t n = 0;
	for (uint32_t i = 0; list && i < list->nkids; i++) {
		if (!groups) {
			n++;
			continue;
		}
		const struct doc_node *ts = spec_field(list->kids[i], "tasks");
		n += ts && ts->kind == DOC_SEQ ? ts->nkids : 0;
	}
	return n;
}

static void read_profile(struct spec_profile *p, const struct doc_node *entry)
{
	p->name = entry->key;
	p->node = entry;
	const struct doc_node *pr = doc_resolve(entry);
	struct units_err e;
	const struct doc_node *v;
	bool big, unset;
	int64_t iv;
	if ((v = spec_field(pr, "cpu")) && v->kind == DOC_SCALAR &&
	    units_lax_int(v->text, v->len, is_plain(v), &iv, &big, &unset, &e) == 0 && !unset) {
		p->has_cpu = true;
		p->cpu = iv;
	}
	if ((v = spec_field(pr, "gpu")) && v->kind == DOC_SCALAR &&
	    units_lax_int(v->text, v->len, is_plain(v), &iv, &big, &unset, &e) == 0 && !unset) {
		p->has_gpu = true;
		p->gpu = iv;
	}
	double bytes;
	if ((v = spec_field(pr, "memory")) && v->kind == DOC_SCALAR &&
	    units_quantity(v->text, v->len, is_plain(v), "memory", &bytes, &unset, &e) == 0 && !unset) {
		p->has_memory = true;
		p->memory = bytes;
	}
	if ((v = spec_field(pr, "storage")) && v->kind == DOC_SCALAR &&
	    units_quantity(v->text, v->len, is_plain(v), "storage", &bytes, &unset, &e) == 0 && !unset) {
		p->has_storage = true;
		p->storage = bytes;
	}
	if ((v = spec_field(pr, "platform")) && v->kind == DOC_SCALAR && !doc_is_null(v))
		p->platform = v->text;
}

static double timeout_of(const struct doc_node *timeout, const char *key)
{
	const struct doc_node *v = spec_field(timeout, key);
	double sec;
	bool unset;
	struct units_err e;
	if (!v || v->kind != DOC_SCALAR ||
	    units_duration(v->text, v->len, is_plain(v), UNITS_DUR_TIMEOUT, &sec, &unset, &e) < 0 ||
	    unset || sec == 0)
		return -1;
	return sec;
}

/* Every task and group has the name it had in prev, at the same index. */
static bool same_names(const struct spec *s, const struct spec *prev)
{
	if (!prev || prev->ntasks != s->ntasks || prev->ngroups != s->ngroups ||
	    prev->uses_groups != s->uses_groups)
		return false;
	for (size_t i = 0; i < s->ntasks; i++) {
		const struct spec_task *t = &s->tasks[i], *o = &prev->tasks[i];
		if (t->name_hash != o->name_hash ||
		    (!(t->carried && t->node == o->node) && strcmp(t->name, o->name) != 0))
			return false;
	}
	for (size_t i = 0; s->uses_groups && i < s->ngroups; i++)
		if (strcmp(s->groups[i].name, prev->groups[i].name) != 0)
			return false;
	return true;
}

static bool same_profiles(const struct spec *s, const struct spec *prev)
{
	if (!prev || prev->nprofiles != s->nprofiles || prev->resources_absent != s->resources_absent)
		return false;
	for (size_t i = 0; i < s->nprofiles; i++)
		if (strcmp(s->profiles[i].name, prev->profiles[i].name) != 0)
			return false;
	return true;
}

static uint32_t profile_index(const struct spec *s, const char *name)
{
	const struct spec_profile *p = spec_profile_named(s, name);
	if (!p)
		return 0;
	return p == &s->priv->implicit_default ? SPEC_IMPLICIT_DEFAULT : (uint32_t)(p - s->profiles) + 1;
}

/* Link inputs to their tasks and tasks to their profiles. A carried task
 * keeps its links when the names they were looked up among are the same
 * (a field edit changes no name: no task reads its inputs' names again). */
static void resolve(struct spec *s, const struct spec *prev)
{
	bool names = same_names(s, prev), profiles = same_profiles(s, prev);
	s->names_memo = names ? prev->names_memo : 0;
	for (size_t i = 0; i < s->ntasks; i++) {
		struct spec_task *t = &s->tasks[i];
		if (!(t->carried && profiles))
			t->profile = profile_index(s, t->resource);
		if (t->carried && names)
			continue;
		for (size_t k = 0; k < t->ninputs; k++) {
			struct spec_input *in = &t->inputs[k];
			const struct spec_task *p = NULL;
			if (in->kind == SPEC_IN_TASK && !in->previous_workflow && in->task)
				p = strmap_get_h(&s->priv->task_by_name, in->task, in->task_hash);
			in->producer = p ? (uint32_t)(p - s->tasks) + 1 : 0;
			in->memo = 0;
		}
	}
}

struct spec *spec_build(struct doc *d)
{
	return spec_rebuild(d, NULL);
}

struct spec *spec_rebuild(struct doc *d, const struct spec *prev)
{
	struct spec *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->priv = calloc(1, sizeof *s->priv);
	if (!s->priv) {
		free(s);
		return NULL;
	}
	s->doc = d;
	s->tree_id = d->tree_id;
	s->exec_timeout = s->queue_timeout = -1;
	s->name = "";
	const struct doc_node *wf = d->root ? spec_field(d->root, "workflow") : NULL;
	if (!wf || wf->kind != DOC_MAP)
		return s;
	s->workflow = wf;
	s->name = name_of(spec_field(wf, "name"));
	const struct doc_node *groups = spec_field(wf, "groups");
	const struct doc_node *tasks = spec_field(wf, "tasks");
	if (groups && groups->kind != DOC_SEQ)
		groups = NULL;
	if (tasks && tasks->kind != DOC_SEQ)
		tasks = NULL;
	/* OSMO: an empty groups list counts as absent */
	s->uses_groups = groups && groups->nkids > 0;
	const struct doc_node *list = s->uses_groups ? groups : tasks;
	size_t ntasks = count_tasks(list, s->uses_groups);
	size_t ngroups = list ? list->nkids : 0;
	struct arena *a = &s->priv->arena;
	s->tasks = arena_zalloc(a, (ntasks ? ntasks : 1) * sizeof *s->tasks);
	s->groups = arena_zalloc(a, (ngroups ? ngroups : 1) * sizeof *s->groups);
	if (!s->tasks || !s->groups)
		return s;
	strmap_reserve(&s->priv->task_by_name, ntasks);   /* failure: grown one by one */
	/* a view of another tree may hold freed nodes: only its tree's count */
	struct carry carry = { prev && prev->doc == d && prev->tree_id == d->tree_id ? prev : NULL, 0, NULL, 0,
			       false };
	for (size_t i = 0; i < ngroups; i++) {
		const struct doc_node *item = doc_resolve(list->kids[i]);
		struct spec_group *g = &s->groups[s->ngroups];
		g->index = s->ngroups++;
		g->node = item;
		if (s->uses_groups) {
			g->name_node = spec_field(item, "name");
			g->name = name_of(g->name_node);
			const struct doc_node *ts = spec_field(item, "tasks");
			size_t n = ts && ts->kind == DOC_SEQ ? ts->nkids : 0;
			g->tasks = arena_zalloc(a, (n ? n : 1) * sizeof *g->tasks);
			for (size_t k = 0; g->tasks && k < n; k++)
				add_task(s, g, doc_resolve(ts->kids[k]), &carry);
		} else {
			g->synthetic = true;
			g->tasks = arena_zalloc(a, sizeof *g->tasks);
			if (!g->tasks)
				continue;
			add_task(s, g, item, &carry);
			const char *tn = s->tasks[s->ntasks - 1].name;
			size_t len = strlen(tn);
			char *gn = arena_alloc(a, len + 7);
			if (gn) {
				memcpy(gn, tn, len);
				memcpy(gn + len, "-group", 7);
			}
			g->name = gn ? gn : "";
			g->name_node = s->tasks[s->ntasks - 1].name_node;
		}
	}
	free(carry.index);
	const struct doc_node *res = doc_map_get(wf, "resources");
	s->resources_absent = res == NULL;
	res = doc_resolve(res);
	if (res && res->kind == DOC_MAP && res->nkids) {
		const struct doc_node **ents;
		long n = doc_map_entries(d, res, &ents);
		if (n > 0) {
			s->profiles = arena_zalloc(a, (size_t)n * sizeof *s->profiles);
			for (long i = 0; s->profiles && i < n; i++) {
				read_profile(&s->profiles[s->nprofiles], ents[i]);
				strmap_put(&s->priv->profile_by_name, s->profiles[s->nprofiles].name,
					   &s->profiles[s->nprofiles]);
				s->nprofiles++;
			}
		}
	}
	s->priv->implicit_default.name = "default";
	resolve(s, carry.prev);
	const struct doc_node *to = spec_field(wf, "timeout");
	if (to && to->kind == DOC_MAP) {
		s->exec_timeout = timeout_of(to, "exec_timeout");
		s->queue_timeout = timeout_of(to, "queue_timeout");
	}
	return s;
}

void spec_free(struct spec *s)
{
	if (!s)
		return;
	strmap_free(&s->priv->task_by_name);
	strmap_free(&s->priv->profile_by_name);
	arena_free(&s->priv->arena);
	free(s->priv);
	free(s);
}

const struct spec_task *spec_task_named(const struct spec *s, const char *name)
{
	return strmap_get(&s->priv->task_by_name, name);
}

const struct spec_task *spec_input_producer(const struct spec *s, const struct spec_input *in)
{
	return in->producer && in->producer <= s->ntasks ? &s->tasks[in->producer - 1] : NULL;
}

const struct spec_profile *spec_task_profile(const struct spec *s, const struct spec_task *t)
{
	if (t->profile == SPEC_IMPLICIT_DEFAULT)
		return &s->priv->implicit_default;
	return t->profile && t->profile <= s->nprofiles ? &s->profiles[t->profile - 1] : NULL;
}

const struct spec_profile *spec_profile_named(const struct spec *s, const char *name)
{
	const struct spec_profile *p = strmap_get(&s->priv->profile_by_name, name);
	if (!p && s->resources_absent && strcmp(name, "default") == 0)
		return &s->priv->implicit_default;
	return p;
}
