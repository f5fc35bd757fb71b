/* validate_rules: rules that relate several fields of the spec.
 *
 * Names across the workflow (duplicates after OSMO's normalisation, the
 * synthetic "<task>-group" names, lengths), groups and their leads, inputs
 * and the dependency order (with whole cycles named), resource profiles,
 * topology keys, the task count, file paths, overwritten fields. Built on
 * the spec view so every rule is one linear pass with hash lookups.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "buf.h"
#include "names.h"
#include "similar.h"
#include "spec.h"
#include "strmap.h"
#include "tokens.h"
#include "validate_int.h"
#include "yaml11.h"

#define DEFAULT_MAX_TASKS 20
#define DEFAULT_MAX_NAME 64

void vcheck_name(struct vctx *c, enum schema_obj o, const struct doc_node *v)
{
	uint32_t a, b;
	vrange(v, &a, &b);
	if (v->kind != DOC_SCALAR) {
		vreport(c, o == SO_WORKFLOW ? R_WRONG_TYPE : R_NAME_NOT_STRING, a, b,
			"name must be a string, not %s", vkind(v));
		return;
	}
	struct units_err e;
	if (vplain(v) && yaml11_resolve(v->text, v->len) != Y11_STR) {
		/* yes, on, null read as bool/null: quoting them gives a valid name */
		bool quotable = names_name(v->text, v->len, &e) == 0;
		vreport(c, o == SO_WORKFLOW ? R_WRONG_TYPE : R_NAME_NOT_STRING, a, b,
			"%s name %s is read as %s, not a string; %s%s%s", schema_object(o)->name, v->text,
			vkind(v), quotable ? "quote it: \"" : "names must start with a letter",
			quotable ? v->text : "", quotable ? "\"" : "");
		return;
	}
	if (names_name(v->text, v->len, &e) < 0) {
		char p[160];
		snprintf(p, sizeof p, "%s name \"%.100s\": ", schema_object(o)->name, v->text);
		vreport_sub(c, R_INVALID_NAME, v, &e, p);
		return;
	}
	if (o == SO_TASK && names_task_name(v->text, v->len, &e) < 0)
		vreport_sub(c, R_RESERVED_NAME, v, &e, NULL);
}

void vcheck_file(struct vctx *c, const struct doc_node *file)
{
	const struct doc_node *lp = doc_map_get(file, "localpath");
	if (!lp)
		return;
	if (doc_map_get(file, "contents")) {
		vreport(c, R_LOCALPATH_AND_CONTENTS, lp->key_start, lp->key_end,
			"a file takes either localpath or contents, not both (the osmo CLI refuses it)");
		return;
	}
	const struct doc_node *v = doc_resolve(lp);
	if (!c->o->spec_dir || !v || v->kind != DOC_SCALAR || !v->len)
		return;
	struct buf path = BUF_INIT;
	if (v->text[0] != '/')
		buf_printf(&path, "%s/", c->o->spec_dir);
	buf_puts(&path, v->text);
	struct stat sb;
	bool exists = stat(buf_cstr(&path), &sb) == 0;   /* sb is only set when it does */
	if (!exists || S_ISDIR(sb.st_mode)) {
		uint32_t a, b;
		vrange(v, &a, &b);
		vreport(c, R_LOCALPATH_MISSING, a, b, "localpath %s %s (it is resolved from the spec's directory)",
			buf_cstr(&path), exists ? "is a directory; only files are supported" : "does not exist");
	}
	buf_free(&path);
}

void vreport_overwritten(struct vctx *c, enum schema_obj o, const struct doc_node *ent)
{
	const char *why;
	if (o == SO_WORKFLOW && strcmp(ent->key, "pool") == 0)
		why = "OSMO takes the pool from the submit command (osmo workflow submit --pool)";
	else if (strcmp(ent->key, "backend") == 0)
		why = "OSMO uses the backend of the pool";
	else
		why = "OSMO replaces a task's resources with the profile named by resource: "
		      "(put these values in workflow.resources)";
	vreport(c, R_OVERWRITTEN, ent->key_start, ent->key_end, "%s is ignored: %s", ent->key, why);
}

/* --- names --- */

struct named {
	const char *what;                /* "task" or "group" */
	const char *name;
	const struct doc_node *node;     /* the name value */
};

static void check_names(struct vctx *c, const struct spec *s)
{
	struct strmap seen = STRMAP_INIT;
	size_t cap = s->ntasks + s->ngroups + 1, n = 0;
	struct named *all = calloc(cap, sizeof *all);
	char **norm = calloc(cap, sizeof *norm);
	size_t *at = calloc(cap, sizeof *at);
	struct buf names = BUF_INIT;   /* the normalised names, NUL-separated */
	if (!all || !norm || !at)
		goto out;
	if (s->uses_groups)
		for (size_t i = 0; i < s->ngroups; i++)
			if (*s->groups[i].name)
				all[n++] = (struct named){ "group", s->groups[i].name, s->groups[i].name_node };
	for (size_t i = 0; i < s->ntasks; i++)
		if (*s->tasks[i].name)
			all[n++] = (struct named){ "task", s->tasks[i].name, s->tasks[i].name_node };
	/* groups and tasks interleave in the file: report in file order */
	for (size_t i = 0; i < n; i++) {
		at[i] = names.len;
		names_normalize(all[i].name, strlen(all[i].name), &names);
		buf_putc(&names, '\0');
	}
	if (names.oom)
		goto out;
	for (size_t i = 0; i < n; i++)
		norm[i] = names.data + at[i];
	strmap_reserve(&seen, n);   /* failure: grown one by one */
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++) {
			if (!norm[i])
				continue;
			struct named *first = strmap_add(&seen, norm[i], &all[i]);
			if (pass == 0 || !first || first == &all[i])
				continue;
			/* report the later of the two */
			struct named *later = first->node->start < all[i].node->start ? &all[i] : first;
			struct named *earlier = later == first ? &all[i] : first;
			if (later != &all[i])
				continue;
			int line = vline(c, earlier->node->start);
			uint32_t a, bb;
			vrange(later->node, &a, &bb);
			if (strcmp(later->name, earlier->name) == 0)
				vreport(c, R_DUPLICATE_NAME, a, bb, "%s name \"%s\" is already used by the %s "
					"on line %d; names must be unique across tasks and groups",
					later->what, later->name, earlier->what, line);
			else
				vreport(c, R_DUPLICATE_NAME, a, bb,
					"%s name \"%s\" is the same as %s \"%s\" on line %d (names are compared "
					"ignoring case, with - and _ alike, as \"%s\")",
					later->what, later->name, earlier->what, earlier->name, line, norm[i]);
		}
	/* the tasks: form names each task's group "<task>-group": only a name
	 * that ends so can collide with one */
	bool group_like = false;
	for (size_t i = 0; i < n && !group_like; i++) {
		size_t len = strlen(norm[i]);
		group_like = len >= 6 && memcmp(norm[i] + len - 6, "-group", 6) == 0;
	}
	if (!s->uses_groups && group_like)
		for (size_t i = 0; i < s->ntasks; i++) {
			const struct spec_task *t = &s->tasks[i];
			if (!*t->name)
				continue;
			struct buf b = BUF_INIT;
			names_normalize(t->group->name, strlen(t->group->name), &b);
			struct named *hit = strmap_get(&seen, buf_cstr(&b));
			if (hit && hit->node != t->name_node) {
				uint32_t a, bb;
				vrange(hit->node, &a, &bb);
				vreport(c, R_SYNTHETIC_COLLISION, a, bb,
					"task name \"%s\" collides with \"%s\", the group OSMO creates for task "
					"\"%s\" in a tasks: list; rename one of them", hit->name,
					t->group->name, t->name);
			}
			buf_free(&b);
		}
out:
	buf_free(&names);
	free(at);
	free(norm);
	free(all);
	strmap_free(&seen);
}

static long limit(long opt, long dflt)
{
	return opt > 0 ? opt : dflt;
}

static void check_workflow_name(struct vctx *c, const struct spec *s)
{
	long max = limit(c->o->max_name_length, DEFAULT_MAX_NAME);
	const struct doc_node *wn = doc_resolve(doc_map_get(s->workflow, "name"));
	uint32_t a, b;
	if (wn && (long)strlen(s->name) > max) {
		vrange(wn, &a, &b);
		vreport(c, R_NAME_TOO_LONG, a, b, "workflow name is %zu characters; the limit is %ld",
			strlen(s->name), max);
	}
}

/* Group and task names against the length limit. */
static void check_lengths(struct vctx *c, const struct spec *s)
{
	long max = limit(c->o->max_name_length, DEFAULT_MAX_NAME);
	uint32_t a, b;
	for (size_t i = 0; i < s->ngroups; i++) {
		const struct spec_group *g = &s->groups[i];
		if (!g->name_node || (long)strlen(g->name) <= max)
			continue;
		vrange(g->name_node, &a, &b);
		if (g->synthetic)
			vreport(c, R_NAME_TOO_LONG, a, b,
				"task name is %zu characters: in a tasks: list OSMO names its group \"%s\" "
				"(%zu characters, limit %ld); shorten the task name to %ld characters",
				strlen(g->tasks[0]->name), g->name, strlen(g->name), max, max - 6);
		else
			vreport(c, R_NAME_TOO_LONG, a, b, "group name is %zu characters; the limit is %ld",
				strlen(g->name), max);
	}
	for (size_t i = 0; i < s->ntasks; i++) {
		const struct spec_task *t = &s->tasks[i];
		if (!t->name_node || (long)strlen(t->name) <= max || (!s->uses_groups))
			continue;
		vrange(t->name_node, &a, &b);
		vreport(c, R_NAME_TOO_LONG, a, b, "task name is %zu characters; the limit is %ld",
			strlen(t->name), max);
	}
}

/* --- groups --- */

static void check_groups(struct vctx *c, const struct spec *s)
{
	uint32_t a, b;
	const struct doc_node *groups = doc_map_get(s->workflow, "groups");
	const struct doc_node *tasks = doc_map_get(s->workflow, "tasks");
	const struct doc_node *gv = doc_resolve(groups), *tv = doc_resolve(tasks);
	bool g_truthy = gv && gv->kind != DOC_SCALAR && gv->nkids > 0;
	bool t_truthy = tv && tv->kind != DOC_SCALAR && tv->nkids > 0;
	if (g_truthy && t_truthy)
		vreport(c, R_TASKS_XOR_GROUPS, tasks->key_start, tasks->key_end,
			"a workflow has either tasks or groups, not both: move these tasks into a group");
	if (!g_truthy && !t_truthy) {
		const struct doc_node *at = groups ? groups : tasks;
		if (at)
			vrange(at, &a, &b);
		else
			vrange(doc_map_get(c->d->root, "workflow"), &a, &b);
		if (!at) {
			const struct doc_node *w = doc_map_get(c->d->root, "workflow");
			a = w->key_start;
			b = w->key_end;
		}
		vreport(c, R_TASKS_OR_GROUPS, a, b,
			"the workflow has no tasks: add a tasks: list (or groups:) with at least one task");
	}
	if (!s->uses_groups)
		return;
	for (size_t i = 0; i < s->ngroups; i++) {
		const struct spec_group *g = &s->groups[i];
		const struct doc_node *ts = doc_map_get(g->node, "tasks");
		const struct doc_node *tsv = doc_resolve(ts);
		if (tsv && tsv->kind == DOC_SEQ && tsv->nkids == 0) {
			vrange(tsv, &a, &b);
			vreport(c, R_GROUP_EMPTY, a, b, "group \"%s\" has no tasks; add at least one", g->name);
		}
		if (g->ntasks < 2)
			continue;
		size_t leads = 0;
		const struct spec_task *second = NULL;
		for (size_t k = 0; k < g->ntasks; k++)
			if (g->tasks[k]->lead && ++leads == 2)
				second = g->tasks[k];
		if (leads == 1)
			continue;
		if (leads == 0) {
			const struct doc_node *at = g->name_node ? g->name_node : g->node;
			vrange(at, &a, &b);
			vreport(c, R_GROUP_LEAD, a, b,
				"group \"%s\" has %zu tasks and no lead; mark exactly one with lead: true "
				"(the group ends when its lead exits)", g->name, g->ntasks);
		} else {
			const struct doc_node *ld = doc_map_get(second->node, "lead");
			vrange(ld ? ld : second->node, &a, &b);
			if (ld) {
				a = ld->key_start;
				b = ld->end;
			}
			vreport(c, R_GROUP_LEAD, a, b, "group \"%s\" has %zu leads; exactly one task may have "
				"lead: true", g->name, leads);
		}
	}
}

/* --- dependencies --- */

/* spec_input.memo of a reference to a missing task: MEMO_NEAR_NONE when
 * no name is close, else the closest task's index + 2 (kept while no name
 * changes: the search compares the name with thousands) */
enum { MEMO_NEAR_NONE = 1 };

/* Comparisons of names for "did you mean" in one run: past it, a missing
 * task gets no suggestion. It is spent per reference in file order whether
 * or not the answer was kept from an earlier run, so what is suggested
 * depends on the spec alone. 20,000: four suggestions among 10,000 tasks. */
#define NEAR_BUDGET 20000

/* Closest task name, for "did you mean"; *searched is false when the
 * budget was spent. */
static const char *closest_task(const struct spec *s, struct spec_input *in, size_t *budget, bool *searched)
{
	size_t cost = s->ntasks < 5000 ? s->ntasks : 5000;
	*searched = *budget >= cost;
	if (!*searched)
		return NULL;
	*budget -= cost;
	if (in->memo)
		return in->memo == MEMO_NEAR_NONE ? NULL : s->tasks[in->memo - 2].name;
	size_t best = SIZE_MAX, limit = similar_limit(strlen(in->task));
	for (size_t i = 0; i < s->ntasks && i < 5000 && limit != SIMILAR_FAR; i++) {
		/* only a closer name than the best so far matters */
		size_t d = *s->tasks[i].name ? similar_within(in->task, s->tasks[i].name, limit) : SIMILAR_FAR;
		if (d != SIMILAR_FAR) {
			best = i;
			limit = d ? d - 1 : SIMILAR_FAR;   /* 0: nothing is closer, stop */
		}
	}
	in->memo = best == SIZE_MAX ? MEMO_NEAR_NONE : (uint32_t)best + 2;
	return best == SIZE_MAX ? NULL : s->tasks[best].name;
}

/* "input task X does not exist", with the likely fix. */
static void report_unknown_input(struct vctx *c, const struct spec *s, struct spec_input *in,
				 uint32_t a, uint32_t b, size_t *budget)
{
	bool searched;
	const char *near = closest_task(s, in, budget, &searched);
	struct buf list = BUF_INIT;
	const struct spec_group *g = NULL;
	for (size_t i = 0; s->uses_groups && i < s->ngroups && !g; i++)
		if (strcmp(s->groups[i].name, in->task) == 0)
			g = &s->groups[i];
	if (g) {
		for (size_t k = 0; k < g->ntasks && k < 5; k++)
			buf_printf(&list, "%s%s", k ? ", " : "", g->tasks[k]->name);
		vreport(c, R_UNKNOWN_INPUT_TASK, a, b, "input task \"%s\" does not exist: \"%s\" is a group, "
			"and inputs name tasks (of this group: %s)", in->task, in->task, buf_cstr(&list));
	} else if (near) {
		vreport(c, R_UNKNOWN_INPUT_TASK, a, b, "input task \"%s\" does not exist; did you mean "
			"\"%s\"?%s", in->task, near, strcasecmp(near, in->task) == 0 ?
			" (task names in inputs are case-sensitive)" : "");
	} else if (!searched) {
		vreport(c, R_UNKNOWN_INPUT_TASK, a, b, "input task \"%s\" does not exist in this workflow",
			in->task);
	} else {
		for (size_t k = 0; k < s->ntasks && k < 12; k++)
			buf_printf(&list, "%s%s", k ? ", " : "", s->tasks[k].name);
		vreport(c, R_UNKNOWN_INPUT_TASK, a, b, "input task \"%s\" does not exist in this workflow "
			"(tasks: %s%s)", in->task, buf_cstr(&list), s->ntasks > 12 ? ", ..." : "");
	}
	buf_free(&list);
}

struct edge {
	const struct spec_task *consumer;
	const struct spec_input *in;
	size_t from, to;   /* producer group -> consumer group */
};

/* Group-level cycles. Removing groups without remaining inputs (Kahn), then
 * groups without remaining outputs, leaves exactly the groups on cycles and
 * between them: each has an edge in and an edge out of the set, so a walk
 * from the earliest one along its first remaining edge must repeat a group,
 * which closes one whole cycle. */
static void report_cycles(struct vctx *c, const struct spec *s, const struct edge *edges, size_t ne,
			  bool *on_cycle)
{
	size_t ng = s->ngroups;
	size_t *indeg = calloc(ng, sizeof *indeg), *outdeg = calloc(ng, sizeof *outdeg);
	size_t *queue = calloc(ng + 1, sizeof *queue);
	size_t *first = calloc(ng + 1, sizeof *first), *adj = calloc(ne + 1, sizeof *adj);
	size_t *rfirst = calloc(ng + 1, sizeof *rfirst), *radj = calloc(ne + 1, sizeof *radj);
	size_t *fill = calloc(ng + 1, sizeof *fill);
	bool *gone = calloc(ng, sizeof *gone), *reported = calloc(ng, sizeof *reported);
	size_t *pos = calloc(ng, sizeof *pos), *path = calloc(ng + 1, sizeof *path);
	const struct edge **via = calloc(ng + 1, sizeof *via);
	if (!indeg || !outdeg || !queue || !first || !adj || !rfirst || !radj || !fill || !gone ||
	    !reported || !pos || !path || !via)
		goto out;
	for (size_t i = 0; i < ne; i++) {
		first[edges[i].from + 1]++;
		rfirst[edges[i].to + 1]++;
	}
	for (size_t g = 0; g < ng; g++) {
		first[g + 1] += first[g];
		rfirst[g + 1] += rfirst[g];
	}
	for (size_t i = 0; i < ne; i++)
		adj[first[edges[i].from] + fill[edges[i].from]++] = i;
	memset(fill, 0, (ng + 1) * sizeof *fill);
	for (size_t i = 0; i < ne; i++) {
		radj[rfirst[edges[i].to] + fill[edges[i].to]++] = i;
		indeg[edges[i].to]++;
		outdeg[edges[i].from]++;
	}
	size_t qh = 0, qt = 0;
	for (size_t g = 0; g < ng; g++)
		if (!indeg[g])
			queue[qt++] = g;
	while (qh < qt) {
		size_t g = queue[qh++];
		gone[g] = true;
		for (size_t k = first[g]; k < first[g + 1]; k++)
			if (--indeg[edges[adj[k]].to] == 0)
				queue[qt++] = edges[adj[k]].to;
	}
	/* now the other way: drop remaining groups whose outputs all went */
	for (size_t g = 0; g < ng; g++)
		if (gone[g])
			for (size_t k = rfirst[g]; k < rfirst[g + 1]; k++)
				outdeg[edges[radj[k]].from]--;
	qh = qt = 0;
	for (size_t g = 0; g < ng; g++)
		if (!gone[g] && !outdeg[g])
			queue[qt++] = g;
	while (qh < qt) {
		size_t g = queue[qh++];
		gone[g] = true;
		for (size_t k = rfirst[g]; k < rfirst[g + 1]; k++) {
			size_t p = edges[radj[k]].from;
			if (!gone[p] && --outdeg[p] == 0)
				queue[qt++] = p;
		}
	}
	for (size_t g = 0; g < ng; g++)
		pos[g] = (size_t)-1;
	for (size_t start = 0; start < ng; start++) {
		if (gone[start] || reported[start])
			continue;
		/* walk from start along the first edge that stays in the set */
		size_t len = 0, g = start;
		bool closed = false;
		for (;;) {
			if (pos[g] != (size_t)-1) {
				closed = true;   /* g repeats: path[pos[g]..len) is a cycle */
				break;
			}
			if (len >= ng)
				break;
			pos[g] = len;
			path[len] = g;
			const struct edge *next = NULL;
			for (size_t k = first[g]; k < first[g + 1] && !next; k++)
				if (!gone[edges[adj[k]].to])
					next = &edges[adj[k]];
			if (!next) {
				len++;   /* cannot happen after the pruning; stay safe */
				break;
			}
			via[len++] = next;
			g = next->to;
		}
		size_t from = closed ? pos[g] : 0;
		for (size_t i = 0; i < len; i++)
			pos[path[i]] = (size_t)-1;
		if (!closed)
			continue;
		/* the cycle is path[from..len); rotate it to begin at its earliest group */
		size_t best = from;
		for (size_t i = from; i < len; i++)
			if (path[i] < path[best])
				best = i;
		bool fresh = true;
		for (size_t i = from; i < len; i++)
			fresh &= !reported[path[i]];
		if (!fresh)
			continue;
		struct buf msg = BUF_INIT;
		size_t n = len - from;
		for (size_t k = 0; k <= n; k++) {
			size_t i = from + (best - from + k) % n;
			const struct spec_group *gr = &s->groups[path[i]];
			buf_printf(&msg, "%s%s", k ? " -> " : "",
				   gr->synthetic ? gr->tasks[0]->name : gr->name);
			if (k < n)
				reported[path[i]] = true;
		}
		/* the edge leaving the earliest group of the cycle carries the message */
		const struct edge *e = via[best];
		for (size_t i = from; i < len; i++)
			on_cycle[path[i]] = true;
		uint32_t a, b;
		vrange(e->in->value ? e->in->value : e->in->node, &a, &b);
		vreport(c, R_CYCLE, a, b,
			"dependency cycle: %s (each takes input from the one before it; "
			"OSMO needs every input to come from a group listed earlier)",
			buf_cstr(&msg));
		buf_free(&msg);
	}
out:
	free(indeg);
	free(outdeg);
	free(queue);
	free(first);
	free(adj);
	free(rfirst);
	free(radj);
	free(fill);
	free(gone);
	free(reported);
	free(pos);
	free(path);
	free(via);
}

static void check_inputs(struct vctx *c, struct spec *s)
{
	size_t cap = 0;
	for (size_t i = 0; i < s->ntasks; i++)
		cap += s->tasks[i].ninputs;
	struct edge *edges = calloc(cap + 1, sizeof *edges);
	bool *on_cycle = calloc(s->ngroups + 1, sizeof *on_cycle);
	if (!edges || !on_cycle) {
		free(edges);
		free(on_cycle);
		return;
	}
	size_t ne = 0, budget = NEAR_BUDGET;
	for (size_t i = 0; i < s->ntasks; i++) {
		const struct spec_task *t = &s->tasks[i];
		for (size_t k = 0; k < t->ninputs; k++) {
			struct spec_input *in = &t->inputs[k];
			if (in->kind != SPEC_IN_TASK || in->previous_workflow || !in->value || !in->ref_ok)
				continue;  /* a bad reference is reported by the schema walk */
			const struct spec_task *p = spec_input_producer(s, in);
			if (p && p->group != t->group) {
				edges[ne++] = (struct edge){ t, in, p->group->index, t->group->index };
				continue;
			}
			uint32_t a, b;
			vrange(in->value, &a, &b);
			if (!p) {
				report_unknown_input(c, s, in, a, b, &budget);
				continue;
			}
			if (p == t)
				vreport(c, R_INPUT_ORDER, a, b,
					"task \"%s\" takes its own output as input; inputs must come from an "
					"earlier task", t->name);
			else
				vreport(c, R_INPUT_ORDER, a, b,
					"task \"%s\" takes input from \"%s\" in the same group \"%s\"; inputs "
					"must come from a group listed earlier (move \"%s\" to its own group "
					"before this one)", t->name, p->name, t->group->name, p->name);
		}
	}
	report_cycles(c, s, edges, ne, on_cycle);
	for (size_t i = 0; i < ne; i++) {
		const struct edge *e = &edges[i];
		if (e->from < e->to || (on_cycle[e->from] && on_cycle[e->to]))
			continue;
		const struct spec_group *pg = &s->groups[e->from], *cg = &s->groups[e->to];
		uint32_t a, b;
		vrange(e->in->value, &a, &b);
		if (s->uses_groups)
			vreport(c, R_INPUT_ORDER, a, b,
				"group \"%s\" takes input from task \"%s\" of group \"%s\", which is listed "
				"after it; move group \"%s\" before \"%s\"", cg->name, e->in->task, pg->name,
				pg->name, cg->name);
		else
			vreport(c, R_INPUT_ORDER, a, b,
				"task \"%s\" takes input from task \"%s\", which is listed after it; move "
				"\"%s\" before \"%s\"", e->consumer->name, e->in->task, e->in->task,
				e->consumer->name);
	}
	free(edges);
	free(on_cycle);
}

/* --- resources --- */

static void check_profiles(struct vctx *c, const struct spec *s)
{
	const struct doc_node *res = doc_resolve(doc_map_get(s->workflow, "resources"));
	bool res_ok = s->resources_absent || (res && res->kind == DOC_MAP);
	if (!res_ok)
		return;  /* wrong-type reported by the walk */
	for (size_t i = 0; i < s->ntasks; i++) {
		const struct spec_task *t = &s->tasks[i];
		const struct doc_node *rv = t->resource_node;
		if (spec_task_profile(s, t))
			continue;
		if (rv && (rv->kind != DOC_SCALAR || (vplain(rv) && yaml11_resolve(rv->text, rv->len) != Y11_STR &&
						      yaml11_resolve(rv->text, rv->len) != Y11_INT &&
						      yaml11_resolve(rv->text, rv->len) != Y11_FLOAT)))
			continue;  /* not a string: the schema walk reports it */
		uint32_t a, b;
		struct buf names = BUF_INIT;
		for (size_t k = 0; k < s->nprofiles && k < 12; k++)
			buf_printf(&names, "%s%s", k ? ", " : "", s->profiles[k].name);
		if (!t->resource_node) {
			const struct doc_node *at = t->name_node ? t->name_node : t->node;
			vrange(at, &a, &b);
			if (names.len)
				vreport(c, R_MISSING_DEFAULT_RESOURCE, a, b,
					"task \"%s\" has no resource: and workflow.resources has no \"default\" "
					"profile; add resource: NAME (one of: %s) or a default profile",
					t->name, buf_cstr(&names));
			else
				vreport(c, R_MISSING_DEFAULT_RESOURCE, a, b,
					"task \"%s\" has no resource: and workflow.resources is empty, so there "
					"is no \"default\" profile; add one (default: {cpu: 1}) or remove "
					"resources:", t->name);
		} else {
			vrange(t->resource_node, &a, &b);
			vreport(c, R_UNDEFINED_PROFILE, a, b,
				"resource profile \"%s\" is not defined in workflow.resources (%s%s)",
				t->resource, names.len ? "defined: " : "none defined",
				buf_cstr(&names));
		}
		buf_free(&names);
	}
}

/* The sorted topology keys of a profile, as "k1,k2" (empty: none). */
static void topology_keys(const struct doc_node *profile, struct buf *out)
{
	const struct doc_node *topo = doc_resolve(doc_map_get(profile, "topology"));
	const char *keys[64];
	size_t n = 0;
	for (uint32_t i = 0; topo && topo->kind == DOC_SEQ && i < topo->nkids && n < 64; i++) {
		const struct doc_node *k = doc_resolve(doc_map_get(topo->kids[i], "key"));
		if (k && k->kind == DOC_SCALAR)
			keys[n++] = k->text;
	}
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(keys[j - 1], keys[j]) > 0; j--) {
			const char *t = keys[j];
			keys[j] = keys[j - 1];
			keys[j - 1] = t;
		}
	for (size_t i = 0; i < n; i++)
		buf_printf(out, "%s%s", i ? ", " : "", keys[i]);
}

static void check_topology(struct vctx *c, const struct spec *s)
{
	/* the keys of each profile, read once */
	struct buf *keys = calloc(s->nprofiles + 1, sizeof *keys);
	bool *read = calloc(s->nprofiles + 1, sizeof *read);
	if (!keys || !read) {
		free(keys);
		free(read);
		return;
	}
	const struct spec_profile *first = NULL;
	const struct buf *fk = NULL;
	for (size_t i = 0; i < s->ntasks; i++) {
		const struct spec_profile *p = spec_task_profile(s, &s->tasks[i]);
		if (!p || !p->node)
			continue;
		size_t pi = (size_t)(p - s->profiles);
		if (!read[pi]) {
			topology_keys(doc_resolve(p->node), &keys[pi]);
			read[pi] = true;
		}
		const struct buf *k = &keys[pi];
		if (!k->len)
			continue;
		if (!first) {
			first = p;
			fk = k;
		} else if (p != first && strcmp(buf_cstr(k), buf_cstr(fk)) != 0) {
			const struct doc_node *topo = doc_map_get(doc_resolve(p->node), "topology");
			vreport(c, R_TOPOLOGY_UNIFORM, topo->key_start, topo->key_end,
				"all tasks with topology requirements must use the same keys: profile "
				"\"%s\" (task \"%s\") uses [%s] but profile \"%s\" uses [%s]",
				p->name, s->tasks[i].name, buf_cstr(k), first->name, buf_cstr(fk));
			first = p;  /* report each switch once */
			fk = k;
		}
	}
	for (size_t i = 0; i < s->nprofiles; i++)
		buf_free(&keys[i]);
	free(keys);
	free(read);
}

static void check_files(struct vctx *c, const struct spec *s)
{
	for (size_t i = 0; i < s->ntasks; i++) {
		const struct doc_node *files = s->tasks[i].files;
		if (!files || files->kind != DOC_SEQ || files->nkids < 2)
			continue;
		struct strmap seen = STRMAP_INIT;
		for (uint32_t k = 0; k < files->nkids; k++) {
			const struct doc_node *p = doc_resolve(doc_map_get(files->kids[k], "path"));
			if (!p || p->kind != DOC_SCALAR)
				continue;
			const struct doc_node *prev = strmap_add(&seen, p->text, (void *)p);
			if (prev && prev != p) {
				int line = vline(c, prev->start);
				uint32_t a, b;
				vrange(p, &a, &b);
				vreport(c, R_FILE_DUPLICATE, a, b,
					"task \"%s\" already has a file at \"%s\" (line %d); each path must be unique",
					s->tasks[i].name, p->text, line);
			}
		}
		strmap_free(&seen);
	}
}

/* --- special tokens: what OSMO will leave literal --- */

static bool input_named(const struct spec_task *t, const char *name, size_t len)
{
	for (size_t k = 0; k < t->ninputs; k++)
		if (t->inputs[k].kind == SPEC_IN_TASK && strlen(t->inputs[k].task) == len &&
		    memcmp(t->inputs[k].task, name, len) == 0)
			return true;
	return false;
}

/* Check one token of task t; *others is set when the verdict depends on
 * other tasks (a host token). */
static void check_token(struct vctx *c, const struct spec *s, const struct spec_task *t,
			const struct doc_node *n, const struct tokens_token *tk, bool *others)
{
	const char *arg = n->text + tk->arg;
	int al = (int)tk->arg_len;
	uint32_t a = vsrc(c, n, tk->off), b = vsrc(c, n, tk->off + tk->len);
	if (b <= a)
		vrange(n, &a, &b);
	switch (tk->kind) {
	case TOKENS_UUID:
		vreport(c, R_TOKEN_LITERAL, a, b, "{{uuid}} is never substituted by OSMO: the container "
			"sees it literally (use {{workflow_id}} for a unique run id)");
		break;
	case TOKENS_INPUT_INDEX:
		if (tk->index >= t->ninputs && t->ninputs == 0)
			vreport(c, R_INPUT_TOKEN_RANGE, a, b,
				"{{input:%lu}} but task \"%s\" has no inputs; OSMO leaves it literal (add the "
				"data under inputs:)", tk->index, t->name);
		else if (tk->index >= t->ninputs)
			vreport(c, R_INPUT_TOKEN_RANGE, a, b,
				"{{input:%lu}} but task \"%s\" has %zu input%s (counting from 0); OSMO leaves "
				"it literal", tk->index, t->name, t->ninputs, t->ninputs == 1 ? "" : "s");
		break;
	case TOKENS_INPUT_NAME:
		if (!input_named(t, arg, tk->arg_len))
			vreport(c, R_INPUT_TOKEN_NAME, a, b,
				"{{input:%.*s}} but \"%.*s\" is not a task input of \"%s\"; OSMO leaves it "
				"literal (add it under inputs: - task: %.*s)", al, arg, al, arg, t->name, al, arg);
		break;
	case TOKENS_HOST: {
		*others = true;
		bool same = false;
		for (size_t k = 0; k < t->group->ntasks && !same; k++)
			same = strlen(t->group->tasks[k]->name) == tk->arg_len &&
			       memcmp(t->group->tasks[k]->name, arg, tk->arg_len) == 0;
		if (same)
			break;
		char name[128];
		snprintf(name, sizeof name, "%.*s", al < 100 ? al : 100, arg);
		const struct spec_task *other = spec_task_named(s, name);
		if (other)
			vreport(c, R_HOST_TOKEN, a, b,
				"{{host:%s}} names a task of group \"%s\", but host tokens only resolve within "
				"the same group (\"%s\"); OSMO leaves it literal — put both tasks in one group",
				name, other->group->name, t->group->name);
		else
			vreport(c, R_HOST_TOKEN, a, b,
				"{{host:%s}}: there is no task \"%s\" in group \"%s\"; OSMO leaves it literal",
				name, name, t->group->name);
		break;
	}
	default:
		break;
	}
}

static void scan_tokens(struct vctx *c, const struct spec *s, const struct spec_task *t,
			const struct doc_node *n, int depth, bool *others)
{
	n = doc_resolve(n);
	if (!n || depth > 32 || !(n->flags & DOC_F_SUB_BRACES))
		return;
	if (n->kind == DOC_SCALAR) {
		size_t pos = 0;
		struct tokens_token tk;
		while (memchr(n->text + pos, '{', n->len - pos) && tokens_next(n->text, n->len, &pos, &tk))
			check_token(c, s, t, n, &tk, others);
		return;
	}
	for (uint32_t i = 0; i < n->nkids; i++)
		scan_tokens(c, s, t, n->kids[i], depth + 1, others);
}

/* spec_task.memo: the task's tokens were checked clean, and their verdict
 * depends on the task alone (no host token) */
enum { MEMO_TOKENS_CLEAN = 1 };
/* spec.names_memo: what the names alone decide was clean (the cache is
 * reset when the name length limit changes) */
enum { MEMO_NAMES_CLEAN = 1, MEMO_LENGTHS_CLEAN = 2 };

/* Run check (which reads nothing but the names and the limits) unless the
 * same names passed it before. */
static void names_rule(struct vctx *c, struct spec *s, void (*check)(struct vctx *, const struct spec *),
		       unsigned bit)
{
	if (s->names_memo & bit)
		return;
	size_t before = c->out->n;
	check(c, s);
	if (c->out->n == before)
		s->names_memo |= bit;
}

static void check_tokens(struct vctx *c, struct spec *s)
{
	for (size_t i = 0; i < s->ntasks; i++) {
		struct spec_task *t = &s->tasks[i];
		if (t->memo & MEMO_TOKENS_CLEAN)
			continue;
		size_t before = c->out->n;
		bool others = false;
		if (t->node && t->node->kind == DOC_MAP)
			for (uint32_t k = 0; k < t->nbraces; k++)
				scan_tokens(c, s, t, t->braces[k], 1, &others);
		else
			scan_tokens(c, s, t, t->node, 0, &others);
		if (c->out->n == before && !others)
			t->memo |= MEMO_TOKENS_CLEAN;
	}
}

void vrules(struct vctx *c)
{
	/* the cache keeps the last run's view: unchanged tasks come from it */
	struct spec *s = spec_rebuild(c->d, *c->keep);
	spec_free(*c->keep);   /* vpool reads this run's view from keep */
	*c->keep = s;
	if (!s)
		return;
	if (s->workflow) {
		check_groups(c, s);
		names_rule(c, s, check_names, MEMO_NAMES_CLEAN);
		check_workflow_name(c, s);
		names_rule(c, s, check_lengths, MEMO_LENGTHS_CLEAN);
		check_inputs(c, s);
		check_profiles(c, s);
		check_topology(c, s);
		check_files(c, s);
		check_tokens(c, s);
		long max = limit(c->o->max_tasks, DEFAULT_MAX_TASKS);
		if ((long)s->ntasks > max) {
			const struct doc_node *list = doc_map_get(s->workflow, s->uses_groups ? "groups" : "tasks");
			vreport(c, R_MAX_TASKS, list->key_start, list->key_end,
				"the workflow has %zu tasks; the pool allows at most %ld", s->ntasks, max);
		}
	}
}
