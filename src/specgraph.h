/* specgraph: the dependency graph of a workflow spec, ready to lay out.
 *
 * One node per group of the spec view, in spec order, so node id v is
 * spec->groups[v] (and graph_data(v) points at that struct spec_group).
 * A group of the groups: form is a GRAPH_GROUP node named after the group;
 * with opts.tasks its tasks are its inner lines, line i being
 * group->tasks[i]. A synthetic group of the tasks: form ("<task>-group") is a
 * GRAPH_TASK node named after its only task and has no inner lines.
 *
 * Edges come from `inputs: - task: NAME`: when the producer sits in another
 * group, the whole consumer group waits for the whole producer group, so the
 * edge is producer group -> consumer group (one edge per pair, the first
 * input that asks for it is remembered for jumping to it). Inputs between
 * tasks of one group, inputs naming no task of the workflow and inputs of a
 * previous workflow ("wf-id:task") draw nothing; they are counted here and
 * reported by validation. Cycles are kept: the layout draws them and
 * specgraph_cycles() names them.
 *
 * The graph borrows the spec view (names, tasks): free the specgraph first.
 */
#ifndef OSMO_SPECGRAPH_H
#define OSMO_SPECGRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "graph.h"
#include "spec.h"

struct specgraph_opts {
	bool tasks;            /* list the tasks of a groups: form group inside its box */
};

#define SPECGRAPH_OPTS_INIT { false }

/* Where an edge comes from: the first input that asked for it. */
struct specgraph_dep {
	const struct spec_task *consumer;   /* the task with the input */
	const struct spec_input *input;     /* its `- task: NAME` item */
	const struct spec_task *producer;   /* the task NAME resolves to */
};

struct specgraph {
	struct graph *graph;               /* owned; node v = spec->groups[v] */
	const struct spec *spec;           /* borrowed */
	struct specgraph_dep *deps;        /* [graph_edge_count]: indexed like the edges */
	size_t ninputs;                    /* task inputs seen (`- task:` items) */
	size_t nlocal;                     /* ... between tasks of one group (not drawn) */
	size_t nunresolved;                /* ... naming no task of this workflow */
	size_t nprevious;                  /* ... of a previous workflow ("wf-id:task") */
};

/* Build the graph of spec s (opts may be NULL). NULL when out of memory or
 * past GRAPH_MAX_ITEMS. */
struct specgraph *specgraph_new(const struct spec *s, const struct specgraph_opts *opts);
/* Free it (not the spec). */
void specgraph_free(struct specgraph *sg);

/* The group of node v, or NULL for a bad id. */
const struct spec_group *specgraph_group(const struct specgraph *sg, uint32_t v);
/* The node of task t's group. */
uint32_t specgraph_node_of(const struct specgraph *sg, const struct spec_task *t);
/* The task shown on inner line `line` of node v, or NULL (no such line). */
const struct spec_task *specgraph_task_at(const struct specgraph *sg, uint32_t v, size_t line);
/* The input behind edge e, or NULL for a bad index. */
const struct specgraph_dep *specgraph_dep(const struct specgraph *sg, uint32_t e);

/* The name a group is shown with: a synthetic group's task name, else its own
 * name ("(unnamed)" when empty). Borrowed from the spec. */
const char *specgraph_group_label(const struct spec_group *g);

/* One cycle per strongly connected component that has one (see
 * graph_find_cycles): *cycles gets a new array of *n node paths, each ending
 * with its first node again. Returns *n, or -1 when out of memory. Free with
 * specgraph_cycles_free(). */
long specgraph_cycles(const struct specgraph *sg, struct graph_path **cycles, size_t *n);
/* Free what specgraph_cycles() returned. */
void specgraph_cycles_free(struct graph_path *cycles, size_t n);
/* Append the node names of path joined by sep (e.g. "a -> b -> a"). */
void specgraph_path_text(const struct specgraph *sg, const struct graph_path *path, const char *sep,
			 struct buf *out);

#endif
