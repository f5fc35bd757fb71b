/* graph: a directed dependency graph of workflow groups and tasks.
 *
 * Nodes are numbered 0, 1, 2, ... in the order they are added (spec order);
 * every algorithm breaks ties by that number, so results are deterministic.
 * A node has a name, a kind (group or task), an optional group label (the
 * group a task belongs to), optional inner lines (the task names a group box
 * shows) and a borrowed user pointer. Edges are from -> to ("to waits for
 * from"); duplicates are dropped, self-loops are kept so that cycles can be
 * reported. Adjacency keeps insertion order.
 *
 * Every query is linear (or n log n) in the size of the graph: it is meant for
 * 100,000 nodes. Nothing here prints or allocates per query beyond what it
 * returns; out of memory is reported as -1 / GRAPH_NONE.
 */
#ifndef OSMO_GRAPH_H
#define OSMO_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GRAPH_NONE UINT32_MAX

/* Hard cap on nodes and on edges (indices stay well inside uint32_t). */
#define GRAPH_MAX_ITEMS (1u << 28)

enum graph_kind {
	GRAPH_TASK,
	GRAPH_GROUP,
};

/* Bits for graph_reach(): which direction(s) to follow. */
enum graph_dir {
	GRAPH_UP = 1,     /* predecessors, their predecessors, ... (upstream) */
	GRAPH_DOWN = 2,   /* successors, ... (downstream) */
};

/* Return codes of the algorithms that need an acyclic graph. */
enum {
	GRAPH_ENOMEM = -1,
	GRAPH_ECYCLE = -2,
};

/* A sequence of node ids; owned by whoever filled it (graph_path_free). */
struct graph_path {
	uint32_t *v;
	size_t n;
};

struct graph;

/* A new empty graph, or NULL when out of memory. */
struct graph *graph_new(void);
/* Free the graph and everything it owns (not the user data pointers). */
void graph_free(struct graph *g);

/* Add a node (name copied); returns its id or GRAPH_NONE (out of memory/cap). */
uint32_t graph_add_node(struct graph *g, const char *name, enum graph_kind kind);
/* Append an inner line (copied) to node v, e.g. a task shown in a group box. 0 or -1. */
int graph_add_line(struct graph *g, uint32_t v, const char *line);
/* Set the group label of node v (copied; NULL clears). 0 or -1. */
int graph_set_group(struct graph *g, uint32_t v, const char *group);
/* Change the kind of node v. */
void graph_set_kind(struct graph *g, uint32_t v, enum graph_kind kind);
/* Attach a borrowed user pointer to node v. */
void graph_set_data(struct graph *g, uint32_t v, void *data);
/* Add edge from -> to: 1 added, 0 already present, -1 bad id or out of memory. */
int graph_add_edge(struct graph *g, uint32_t from, uint32_t to);

/* Number of nodes. */
size_t graph_node_count(const struct graph *g);
/* Number of (distinct) edges. */
size_t graph_edge_count(const struct graph *g);
/* Name of node v (borrowed). */
const char *graph_name(const struct graph *g, uint32_t v);
/* Kind of node v. */
enum graph_kind graph_kind(const struct graph *g, uint32_t v);
/* Group label of node v, or NULL (borrowed). */
const char *graph_group(const struct graph *g, uint32_t v);
/* User pointer of node v. */
void *graph_data(const struct graph *g, uint32_t v);
/* Number of inner lines of node v. */
size_t graph_line_count(const struct graph *g, uint32_t v);
/* Inner line i of node v (borrowed). */
const char *graph_line(const struct graph *g, uint32_t v, size_t i);
/* The first node (lowest id) called name, or GRAPH_NONE. */
uint32_t graph_find(const struct graph *g, const char *name);

/* Tail (from) of edge e; edges are numbered in insertion order. */
uint32_t graph_edge_from(const struct graph *g, uint32_t e);
/* Head (to) of edge e. */
uint32_t graph_edge_to(const struct graph *g, uint32_t e);
/* Index of edge from -> to, or GRAPH_NONE. */
uint32_t graph_edge_find(const struct graph *g, uint32_t from, uint32_t to);
/* Out-degree (number of successors) of v. */
size_t graph_out_degree(const struct graph *g, uint32_t v);
/* In-degree (number of predecessors) of v. */
size_t graph_in_degree(const struct graph *g, uint32_t v);
/* First out-edge of v in insertion order, or GRAPH_NONE. */
uint32_t graph_out_first(const struct graph *g, uint32_t v);
/* The out-edge after e (same tail), or GRAPH_NONE. */
uint32_t graph_out_next(const struct graph *g, uint32_t e);
/* First in-edge of v in insertion order, or GRAPH_NONE. */
uint32_t graph_in_first(const struct graph *g, uint32_t v);
/* The in-edge after e (same head), or GRAPH_NONE. */
uint32_t graph_in_next(const struct graph *g, uint32_t e);
/* Successors of v in insertion order into out[0..max); returns the out-degree. */
size_t graph_succs(const struct graph *g, uint32_t v, uint32_t *out, size_t max);
/* Predecessors of v in insertion order into out[0..max); returns the in-degree. */
size_t graph_preds(const struct graph *g, uint32_t v, uint32_t *out, size_t max);

/* Free the ids of a path and empty it. */
void graph_path_free(struct graph_path *p);

/* Find a cycle: 1 found, 0 acyclic, -1 out of memory. The path starts at the
 * lowest-id node that lies on any cycle, follows out-edges in insertion order
 * and ends with that node again (a self-loop gives [v, v]). */
int graph_find_cycle(const struct graph *g, struct graph_path *cycle);
/* One cycle per strongly connected component that has one, ordered by their
 * lowest node id, each found as graph_find_cycle() does. *cycles is a new
 * array of *n paths (free each, then the array). Returns *n or -1. */
long graph_find_cycles(const struct graph *g, struct graph_path **cycles, size_t *n);
/* Mark on_cycle[v] (n entries) true for every node on some cycle; returns how many, or -1. */
long graph_cycle_nodes(const struct graph *g, bool *on_cycle);

/* Topological order, lowest id first among ready nodes, into order[] (n
 * entries). Returns 0, GRAPH_ECYCLE (order holds the nodes that could be
 * ordered, the rest GRAPH_NONE) or GRAPH_ENOMEM. */
int graph_topo_order(const struct graph *g, uint32_t *order);
/* Waves: wave[v] = length of the longest path from a source to v (sources
 * are wave 0). Returns the number of waves, GRAPH_ECYCLE (wave[] is
 * GRAPH_NONE for nodes on or after a cycle) or GRAPH_ENOMEM. */
long graph_waves(const struct graph *g, uint32_t *wave);
/* Mark every node reachable from v by one or more edges: mark[u] |= GRAPH_UP
 * for upstream nodes, |= GRAPH_DOWN for downstream ones, as dir asks. The
 * caller zeroes mark (n bytes) first; seeds may be accumulated. v itself is
 * marked only when it lies on a cycle. Returns the number of nodes newly
 * marked, or -1 (out of memory). */
long graph_reach(const struct graph *g, uint32_t v, unsigned dir, uint8_t *mark);
/* Critical (longest) path, weighing each node by weight[v] (NULL: 1 each, i.e.
 * count stages; negative weights count as 0). Fills path (source first),
 * *length (sum of weights) and, when finish is not NULL, finish[v] = the
 * heaviest path weight ending at v (earliest finish time). Ties go to the
 * lowest ids. Returns 0, GRAPH_ECYCLE or GRAPH_ENOMEM. */
int graph_critical_path(const struct graph *g, const double *weight, double *finish,
			struct graph_path *path, double *length);

#endif
