/* Unit tests for graph: building, cycles, orders, waves, reachability,
 * critical paths, and the 100,000-node scale. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"

/* Build a graph from "a>b b>c ..." (single-letter-or-word names, spaces between edges). */
static struct graph *make(const char *nodes, const char *edges)
{
	struct graph *g = graph_new();
	assert_non_null(g);
	char buf[512];
	strcpy(buf, nodes);
	for (char *t = strtok(buf, " "); t; t = strtok(NULL, " "))
		assert_int_not_equal(graph_add_node(g, t, GRAPH_TASK), GRAPH_NONE);
	strcpy(buf, edges);
	for (char *t = strtok(buf, " "); t; t = strtok(NULL, " ")) {
		char *gt = strchr(t, '>');
		assert_non_null(gt);
		*gt = '\0';
		uint32_t a = graph_find(g, t), b = graph_find(g, gt + 1);
		assert_int_not_equal(a, GRAPH_NONE);
		assert_int_not_equal(b, GRAPH_NONE);
		assert_int_equal(graph_add_edge(g, a, b), 1);
	}
	return g;
}

/* "a b c a" from a path. */
static void path_names(const struct graph *g, const struct graph_path *p, char *out)
{
	out[0] = '\0';
	for (size_t i = 0; i < p->n; i++) {
		if (i)
			strcat(out, " ");
		strcat(out, graph_name(g, p->v[i]));
	}
}

static void builds_nodes_and_dedups_edges(void **state)
{
	(void)state;
	struct graph *g = graph_new();
	uint32_t a = graph_add_node(g, "prep", GRAPH_GROUP);
	uint32_t b = graph_add_node(g, "train", GRAPH_TASK);
	uint32_t c = graph_add_node(g, "prep", GRAPH_TASK);   /* same name: find gives the first */
	assert_int_equal(a, 0);
	assert_int_equal(b, 1);
	assert_int_equal(c, 2);
	assert_int_equal(graph_find(g, "prep"), 0);
	assert_int_equal(graph_find(g, "nope"), GRAPH_NONE);
	assert_int_equal(graph_add_edge(g, a, b), 1);
	assert_int_equal(graph_add_edge(g, a, b), 0);
	assert_int_equal(graph_add_edge(g, a, c), 1);
	assert_int_equal(graph_add_edge(g, b, b), 1);   /* self-loops are kept */
	assert_int_equal(graph_add_edge(g, a, 99), -1);
	assert_int_equal(graph_edge_count(g), 3);
	assert_int_equal(graph_edge_find(g, a, c), 1);
	assert_int_equal(graph_edge_find(g, c, a), GRAPH_NONE);
	uint32_t out[4];
	assert_int_equal(graph_succs(g, a, out, 4), 2);
	assert_int_equal(out[0], b);
	assert_int_equal(out[1], c);
	assert_int_equal(graph_preds(g, b, out, 4), 2);
	assert_int_equal(out[0], a);
	assert_int_equal(out[1], b);
	assert_int_equal(graph_out_degree(g, a), 2);
	assert_int_equal(graph_in_degree(g, c), 1);
	uint32_t e = graph_out_first(g, a);
	assert_int_equal(graph_edge_to(g, e), b);
	e = graph_out_next(g, e);
	assert_int_equal(graph_edge_to(g, e), c);
	assert_int_equal(graph_out_next(g, e), GRAPH_NONE);
	assert_int_equal(graph_add_line(g, a, "fetch"), 0);
	assert_int_equal(graph_add_line(g, a, "clean"), 0);
	assert_int_equal(graph_line_count(g, a), 2);
	assert_string_equal(graph_line(g, a, 1), "clean");
	assert_int_equal(graph_set_group(g, b, "prep"), 0);
	assert_string_equal(graph_group(g, b), "prep");
	assert_null(graph_group(g, a));
	graph_set_kind(g, c, GRAPH_GROUP);
	assert_int_equal(graph_kind(g, c), GRAPH_GROUP);
	int x = 7;
	graph_set_data(g, b, &x);
	assert_ptr_equal(graph_data(g, b), &x);
	graph_free(g);
}

static void cycle_starts_at_earliest_node(void **state)
{
	(void)state;
	/* x is not on the cycle; y (id 1) is the earliest node that is */
	struct graph *g = make("x y z w", "x>y y>z z>w w>y");
	struct graph_path p;
	char s[256];
	assert_int_equal(graph_find_cycle(g, &p), 1);
	path_names(g, &p, s);
	assert_string_equal(s, "y z w y");
	graph_path_free(&p);
	graph_free(g);
}

static void cycle_follows_insertion_order(void **state)
{
	(void)state;
	/* both a>b>a and a>c>a are cycles; a>b was inserted first */
	struct graph *g = make("a b c", "a>b a>c c>a b>a");
	struct graph_path p;
	char s[256];
	assert_int_equal(graph_find_cycle(g, &p), 1);
	path_names(g, &p, s);
	assert_string_equal(s, "a b a");
	graph_path_free(&p);
	graph_free(g);
	/* a long way round before the short one: DFS takes the first edge first */
	g = make("a b c d", "a>b b>c c>a a>d d>a");
	assert_int_equal(graph_find_cycle(g, &p), 1);
	path_names(g, &p, s);
	assert_string_equal(s, "a b c a");
	graph_path_free(&p);
	graph_free(g);
}

static void self_loop_and_acyclic(void **state)
{
	(void)state;
	struct graph *g = make("a b c", "a>b b>c c>c");
	struct graph_path p;
	char s[256];
	assert_int_equal(graph_find_cycle(g, &p), 1);
	path_names(g, &p, s);
	assert_string_equal(s, "c c");
	graph_path_free(&p);
	graph_free(g);
	g = make("a b c d", "a>b a>c b>d c>d");
	assert_int_equal(graph_find_cycle(g, &p), 0);
	assert_int_equal(p.n, 0);
	assert_null(p.v);
	bool on[4];
	assert_int_equal(graph_cycle_nodes(g, on), 0);
	graph_free(g);
}

static void all_cycles_one_per_component(void **state)
{
	(void)state;
	struct graph *g = make("s a b t c d e", "s>a a>b b>a b>t t>c c>d d>e e>c d>c");
	struct graph_path *cyc;
	size_t n;
	char s[256];
	assert_int_equal(graph_find_cycles(g, &cyc, &n), 2);
	assert_int_equal(n, 2);
	path_names(g, &cyc[0], s);
	assert_string_equal(s, "a b a");
	path_names(g, &cyc[1], s);
	assert_string_equal(s, "c d e c");
	for (size_t i = 0; i < n; i++)
		graph_path_free(&cyc[i]);
	free(cyc);
	bool on[7];
	assert_int_equal(graph_cycle_nodes(g, on), 5);
	assert_false(on[0]);
	assert_true(on[1]);
	assert_false(on[3]);
	assert_true(on[6]);
	graph_free(g);
}

static void topo_order_prefers_low_ids(void **state)
{
	(void)state;
	struct graph *g = make("d c b a", "a>b c>b d>a");
	uint32_t order[4];
	assert_int_equal(graph_topo_order(g, order), 0);
	/* ready at start: d(0), c(1); then a after d, b after a and c */
	assert_int_equal(order[0], 0);
	assert_int_equal(order[1], 1);
	assert_int_equal(order[2], 3);
	assert_int_equal(order[3], 2);
	graph_free(g);
	g = make("a b c", "a>b b>c c>b");
	assert_int_equal(graph_topo_order(g, order), GRAPH_ECYCLE);
	assert_int_equal(order[0], 0);
	assert_int_equal(order[1], GRAPH_NONE);
	graph_free(g);
}

static void waves_are_longest_paths(void **state)
{
	(void)state;
	struct graph *g = make("a b c d e iso", "a>b a>c b>c c>d a>d e>d");
	uint32_t w[6];
	assert_int_equal(graph_waves(g, w), 4);
	assert_int_equal(w[0], 0);
	assert_int_equal(w[1], 1);
	assert_int_equal(w[2], 2);
	assert_int_equal(w[3], 3);
	assert_int_equal(w[4], 0);
	assert_int_equal(w[5], 0);
	graph_free(g);
	g = make("a b c d", "a>b b>c c>b c>d");
	assert_int_equal(graph_waves(g, w), GRAPH_ECYCLE);
	assert_int_equal(w[0], 0);
	assert_int_equal(w[1], GRAPH_NONE);
	assert_int_equal(w[3], GRAPH_NONE);
	graph_free(g);
	g = graph_new();
	assert_int_equal(graph_waves(g, w), 0);
	graph_free(g);
}

static void reach_marks_up_and_downstream(void **state)
{
	(void)state;
	struct graph *g = make("a b c d e f", "a>b b>c c>d e>c d>f");
	uint8_t m[6] = { 0 };
	assert_int_equal(graph_reach(g, 2, GRAPH_UP | GRAPH_DOWN, m), 5);
	assert_int_equal(m[0], GRAPH_UP);
	assert_int_equal(m[1], GRAPH_UP);
	assert_int_equal(m[2], 0);   /* the node itself is not on a cycle */
	assert_int_equal(m[3], GRAPH_DOWN);
	assert_int_equal(m[4], GRAPH_UP);
	assert_int_equal(m[5], GRAPH_DOWN);
	memset(m, 0, sizeof m);
	assert_int_equal(graph_reach(g, 0, GRAPH_UP, m), 0);
	assert_int_equal(graph_reach(g, 0, GRAPH_DOWN, m), 4);
	assert_int_equal(graph_reach(g, 4, GRAPH_DOWN, m), 0);   /* already marked: accumulates */
	assert_int_equal(m[4], 0);
	graph_free(g);
	g = make("a b c", "a>b b>c c>a");
	memset(m, 0, sizeof m);
	assert_int_equal(graph_reach(g, 1, GRAPH_DOWN, m), 3);
	assert_int_equal(m[1], GRAPH_DOWN);   /* on a cycle: reaches itself */
	graph_free(g);
}

static void critical_path_by_stages_and_weights(void **state)
{
	(void)state;
	struct graph *g = make("a b c d e", "a>b b>d a>c c>d d>e");
	struct graph_path p;
	double len, fin[5];
	char s[256];
	assert_int_equal(graph_critical_path(g, NULL, fin, &p, &len), 0);
	path_names(g, &p, s);
	assert_string_equal(s, "a b d e");   /* tie between b and c: lower id */
	assert_true(len == 4.0);
	assert_true(fin[3] == 3.0);
	graph_path_free(&p);
	double w[5] = { 1, 5, 7, 1, 2 };
	assert_int_equal(graph_critical_path(g, w, NULL, &p, &len), 0);
	path_names(g, &p, s);
	assert_string_equal(s, "a c d e");
	assert_true(len == 11.0);
	graph_path_free(&p);
	graph_free(g);
	g = make("a b", "a>b b>a");
	assert_int_equal(graph_critical_path(g, NULL, NULL, &p, &len), GRAPH_ECYCLE);
	assert_int_equal(p.n, 0);
	graph_free(g);
	g = graph_new();
	assert_int_equal(graph_critical_path(g, NULL, NULL, &p, &len), 0);
	assert_int_equal(p.n, 0);
	graph_free(g);
}

/* 100,000 nodes: a chain plus a back edge, and a wide fan-out/fan-in. */
static void scales_to_100k_nodes(void **state)
{
	(void)state;
	enum { N = 100000 };
	struct graph *g = graph_new();
	char name[32];
	for (uint32_t i = 0; i < N; i++) {
		snprintf(name, sizeof name, "task-%06u", i);
		assert_int_equal(graph_add_node(g, name, GRAPH_TASK), i);
	}
	for (uint32_t i = 0; i + 1 < N; i++)
		assert_int_equal(graph_add_edge(g, i, i + 1), 1);
	for (uint32_t i = 0; i + 7 < N; i += 3)
		assert_int_equal(graph_add_edge(g, i, i + 7), 1);
	assert_int_equal(graph_find(g, "task-054321"), 54321);
	uint32_t *w = malloc(N * sizeof *w);
	assert_int_equal(graph_waves(g, w), N);
	assert_int_equal(w[N - 1], N - 1);
	struct graph_path p;
	double len;
	assert_int_equal(graph_critical_path(g, NULL, NULL, &p, &len), 0);
	assert_int_equal(p.n, N);
	graph_path_free(&p);
	uint8_t *m = calloc(N, 1);
	assert_int_equal(graph_reach(g, N / 2, GRAPH_UP | GRAPH_DOWN, m), N - 1);
	free(m);
	assert_int_equal(graph_find_cycle(g, &p), 0);
	assert_int_equal(graph_add_edge(g, N - 1, 0), 1);   /* one cycle through all nodes */
	assert_int_equal(graph_find_cycle(g, &p), 1);
	assert_int_equal(p.v[0], 0);
	assert_int_equal(p.v[p.n - 1], 0);
	assert_true(p.n >= 3);
	graph_path_free(&p);
	assert_int_equal(graph_waves(g, w), GRAPH_ECYCLE);
	free(w);
	graph_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builds_nodes_and_dedups_edges),
		cmocka_unit_test(cycle_starts_at_earliest_node),
		cmocka_unit_test(cycle_follows_insertion_order),
		cmocka_unit_test(self_loop_and_acyclic),
		cmocka_unit_test(all_cycles_one_per_component),
		cmocka_unit_test(topo_order_prefers_low_ids),
		cmocka_unit_test(waves_are_longest_paths),
		cmocka_unit_test(reach_marks_up_and_downstream),
		cmocka_unit_test(critical_path_by_stages_and_weights),
		cmocka_unit_test(scales_to_100k_nodes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
