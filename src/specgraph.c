/* specgraph: groups and their `inputs: - task:` dependencies as a graph
 * (see specgraph.h).
 *
 * OSMO schedules groups, not tasks: a group starts when every group it
 * takes input from has finished. So the drawn graph has one node per group
 * and one edge per (producer group, consumer group) pair; node ids equal the
 * group indices of the spec view, which keeps the mapping back to the spec
 * (for a TUI that jumps from a box to its task) free of lookups. One pass
 * over the tasks in file order, inputs in list order: deterministic.
 */
#include "specgraph.h"

#include <stdlib.h>
#include <string.h>

const char *specgraph_group_label(const struct spec_group *g)
{
	const char *name = g->synthetic && g->ntasks ? g->tasks[0]->name : g->name;
	return name && *name ? name : "(unnamed)";
}

static int add_nodes(struct specgraph *sg, const struct specgraph_opts *o)
{
	const struct spec *s = sg->spec;
	for (size_t i = 0; i < s->ngroups; i++) {
		const struct spec_group *g = &s->groups[i];
		uint32_t v = graph_add_node(sg->graph, specgraph_group_label(g),
					    g->synthetic ? GRAPH_TASK : GRAPH_GROUP);
		if (v == GRAPH_NONE)
			return -1;
		graph_set_data(sg->graph, v, (void *)g);
		for (size_t k = 0; o->tasks && !g->synthetic && k < g->ntasks; k++) {
			const char *t = g->tasks[k]->name;
			if (graph_add_line(sg->graph, v, *t ? t : "(unnamed)") < 0)
				return -1;
		}
	}
	return 0;
}

static int add_edges(struct specgraph *sg)
{
	const struct spec *s = sg->spec;
	size_t cap = 0, n = 0;
	for (size_t i = 0; i < s->ntasks; i++) {
		const struct spec_task *t = &s->tasks[i];
		for (size_t k = 0; k < t->ninputs; k++) {
			const struct spec_input *in = &t->inputs[k];
			if (in->kind != SPEC_IN_TASK)
				continue;
			sg->ninputs++;
			if (in->previous_workflow) {
				sg->nprevious++;
				continue;
			}
			const struct spec_task *p = spec_input_producer(s, in);
			if (!p) {
				sg->nunresolved++;
				continue;
			}
			if (p->group == t->group) {
				sg->nlocal++;
				continue;
			}
			int r = graph_add_edge(sg->graph, (uint32_t)p->group->index, (uint32_t)t->group->index);
			if (r < 0)
				return -1;
			if (r == 0)
				continue;
			if (n == cap) {
				size_t nc = cap ? cap * 2 : 16;
				struct specgraph_dep *d = realloc(sg->deps, nc * sizeof *d);
				if (!d)
					return -1;
				sg->deps = d;
				cap = nc;
			}
			sg->deps[n++] = (struct specgraph_dep){ t, in, p };
		}
	}
	return 0;
}

struct specgraph *specgraph_new(const struct spec *s, const struct specgraph_opts *opts)
{
	static const struct specgraph_opts defaults = SPECGRAPH_OPTS_INIT;
	if (s->ngroups >= GRAPH_MAX_ITEMS)
		return NULL;
	struct specgraph *sg = calloc(1, sizeof *sg);
	if (!sg)
		return NULL;
	sg->spec = s;
	sg->graph = graph_new();
	if (!sg->graph || add_nodes(sg, opts ? opts : &defaults) < 0 || add_edges(sg) < 0) {
		specgraph_free(sg);
		return NULL;
	}
	return sg;
}

void specgraph_free(struct specgraph *sg)
{
	if (!sg)
		return;
	graph_free(sg->graph);
	free(sg->deps);
	free(sg);
}

const struct spec_group *specgraph_group(const struct specgraph *sg, uint32_t v)
{
	return v < sg->spec->ngroups ? &sg->spec->groups[v] : NULL;
}

uint32_t specgraph_node_of(const struct specgraph *sg, const struct spec_task *t)
{
	(void)sg;
	return (uint32_t)t->group->index;
}

const struct spec_task *specgraph_task_at(const struct specgraph *sg, uint32_t v, size_t line)
{
	const struct spec_group *g = specgraph_group(sg, v);
	if (!g || line >= graph_line_count(sg->graph, v) || line >= g->ntasks)
		return NULL;
	return g->tasks[line];
}

const struct specgraph_dep *specgraph_dep(const struct specgraph *sg, uint32_t e)
{
	return e < graph_edge_count(sg->graph) ? &sg->deps[e] : NULL;
}

long specgraph_cycles(const struct specgraph *sg, struct graph_path **cycles, size_t *n)
{
	return graph_find_cycles(sg->graph, cycles, n);
}

void specgraph_cycles_free(struct graph_path *cycles, size_t n)
{
	for (size_t i = 0; cycles && i < n; i++)
		graph_path_free(&cycles[i]);
	free(cycles);
}

void specgraph_path_text(const struct specgraph *sg, const struct graph_path *path, const char *sep,
			 struct buf *out)
{
	for (size_t i = 0; i < path->n; i++) {
		if (i)
			buf_puts(out, sep);
		buf_puts(out, graph_name(sg->graph, path->v[i]));
	}
}
