/* Unit and property tests for layout (and uwidth).
 *
 * The property tests lay out seeded random graphs (DAGs, and graphs with
 * cycles) in both directions and check, on the data and on the cell grid:
 * boxes lie in the canvas and never overlap; every edge starts on its
 * source's border, runs through free cells only, ends with an arrowhead
 * pointing into its target's border, and a walk over the grid's junction
 * bits leads from the source's port to that arrowhead; the crossing count
 * equals an independent quadratic recount and is never worse than the
 * starting order; the output is byte-for-byte deterministic.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "graph.h"
#include "layout.h"
#include "uwidth.h"

/* ---- random graphs ---- */

static uint64_t rng;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static const char *const stems[] = { "t", "train", "pre-process", "日本", "é", "x", "evaluate-model" };

static struct graph *random_graph(uint64_t seed, bool cycles)
{
	rng = seed * 2654435761u + 88172645463325252ull;
	struct graph *g = graph_new();
	uint32_t n = 1 + rnd(36);
	char name[64];
	for (uint32_t i = 0; i < n; i++) {
		snprintf(name, sizeof name, "%s%u", stems[rnd(7)], i);
		uint32_t v = graph_add_node(g, name, GRAPH_TASK);
		if (rnd(4) == 0) {
			graph_set_kind(g, v, GRAPH_GROUP);
			for (uint32_t k = rnd(4); k > 0; k--) {
				snprintf(name, sizeof name, "%s-%u", stems[rnd(7)], k);
				graph_add_line(g, v, name);
			}
		}
	}
	uint32_t m = rnd(3 * n + 1);
	for (uint32_t k = 0; k < m; k++) {
		uint32_t a = rnd(n), b = rnd(n);
		if (a == b && !cycles)
			continue;
		if (a > b && !cycles) {
			uint32_t t = a;
			a = b;
			b = t;
		}
		graph_add_edge(g, a, b);
	}
	return g;
}

/* ---- checks ---- */

static int across(const struct layout *lay, struct layout_point p)
{
	return lay->dir == LAYOUT_TB ? p.x : p.y;
}

static int along(const struct layout *lay, struct layout_point p)
{
	return lay->dir == LAYOUT_TB ? p.y : p.x;
}

static void check_boxes(const struct layout *lay)
{
	for (uint32_t v = 0; v < lay->nnodes; v++) {
		const struct layout_node *a = &lay->nodes[v];
		assert_true(a->x >= 0 && a->y >= 0 && a->w >= 5 && a->h >= 3);
		assert_true(a->x + a->w <= lay->width && a->y + a->h <= lay->height);
		for (uint32_t u = v + 1; u < lay->nnodes; u++) {
			const struct layout_node *b = &lay->nodes[u];
			bool apart = a->x + a->w <= b->x || b->x + b->w <= a->x ||
				     a->y + a->h <= b->y || b->y + b->h <= a->y;
			assert_true(apart);
		}
		for (int y = a->y; y < a->y + a->h; y++)
			for (int x = a->x; x < a->x + a->w; x++)
				assert_int_equal(layout_cell(lay, x, y)->node, v);
		assert_int_equal(layout_node_at(lay, a->x + 1, a->y + 1), v);
	}
}

/* Is (x, y) a border cell of node v, not a corner? */
static bool on_side(const struct layout *lay, uint32_t v, int x, int y)
{
	const struct layout_node *nd = &lay->nodes[v];
	const struct layout_cell *c = layout_cell(lay, x, y);
	bool hside = (y == nd->y || y == nd->y + nd->h - 1) && x > nd->x && x < nd->x + nd->w - 1;
	bool vside = (x == nd->x || x == nd->x + nd->w - 1) && y > nd->y && y < nd->y + nd->h - 1;
	return c && c->kind == LAYOUT_CELL_BORDER && c->node == v && (hside || vside);
}

static const int dxs[4] = { 0, 0, -1, 1 }, dys[4] = { -1, 1, 0, 0 };
static const unsigned dir_bits[4] = { LAYOUT_UP, LAYOUT_DOWN, LAYOUT_LEFT, LAYOUT_RIGHT };
static const unsigned back_bits[4] = { LAYOUT_DOWN, LAYOUT_UP, LAYOUT_RIGHT, LAYOUT_LEFT };
static const unsigned arrow_bits[4] = { LAYOUT_ARROW_UP, LAYOUT_ARROW_DOWN, LAYOUT_ARROW_LEFT,
					LAYOUT_ARROW_RIGHT };

/* Breadth-first walk over edge cells joined by matching junction bits, from
 * the cell next to the source port; true when it reaches an arrowhead that
 * points into a border cell of node `to`. */
static bool walk_reaches(const struct layout *lay, struct layout_point start, unsigned first_dir,
			 uint32_t to)
{
	size_t ncell = (size_t)lay->width * (size_t)lay->height;
	uint8_t *seen = calloc(ncell ? ncell : 1, 1);
	int *queue = malloc((ncell ? ncell : 1) * 2 * sizeof *queue);
	size_t head = 0, tail = 0;
	int k0 = first_dir == LAYOUT_UP ? 0 : first_dir == LAYOUT_DOWN ? 1 : first_dir == LAYOUT_LEFT ? 2 : 3;
	queue[tail++] = start.x + dxs[k0];
	queue[tail++] = start.y + dys[k0];
	bool found = false;
	while (head < tail && !found) {
		int x = queue[head++], y = queue[head++];
		const struct layout_cell *c = layout_cell(lay, x, y);
		if (!c || c->kind != LAYOUT_CELL_EDGE || seen[(size_t)y * lay->width + x])
			continue;
		seen[(size_t)y * lay->width + x] = 1;
		for (int k = 0; k < 4; k++) {
			if ((c->bits & arrow_bits[k]) && on_side(lay, to, x + dxs[k], y + dys[k]))
				found = true;
			const struct layout_cell *nb = layout_cell(lay, x + dxs[k], y + dys[k]);
			if ((c->bits & dir_bits[k]) && nb && (nb->bits & back_bits[k])) {
				queue[tail++] = x + dxs[k];
				queue[tail++] = y + dys[k];
			}
		}
	}
	free(seen);
	free(queue);
	return found;
}

static void check_edges(const struct layout *lay)
{
	for (uint32_t e = 0; e < lay->nedges; e++) {
		const struct layout_edge *ed = &lay->edges[e];
		assert_int_equal(ed->from, graph_edge_from(lay->graph, e));
		assert_int_equal(ed->to, graph_edge_to(lay->graph, e));
		if (ed->self_loop) {
			assert_int_equal(ed->from, ed->to);
			assert_int_equal(ed->npoints, 0);
			continue;
		}
		assert_true(ed->npoints >= 2);
		assert_true(on_side(lay, ed->from, ed->points[0].x, ed->points[0].y));
		unsigned first = 0, last = 0;
		for (size_t i = 0; i + 1 < ed->npoints; i++) {
			struct layout_point a = ed->points[i], b = ed->points[i + 1];
			assert_true((a.x == b.x) != (a.y == b.y));   /* axis-aligned, not empty */
			int dx = (b.x > a.x) - (b.x < a.x), dy = (b.y > a.y) - (b.y < a.y);
			last = dx > 0 ? LAYOUT_RIGHT : dx < 0 ? LAYOUT_LEFT : dy > 0 ? LAYOUT_DOWN : LAYOUT_UP;
			if (!i)
				first = last;
			for (int x = a.x + dx, y = a.y + dy;; x += dx, y += dy) {
				const struct layout_cell *c = layout_cell(lay, x, y);
				assert_non_null(c);
				assert_int_equal(c->kind, LAYOUT_CELL_EDGE);   /* never through a box */
				assert_int_equal(c->node, GRAPH_NONE);
				if (x == b.x && y == b.y)
					break;
			}
		}
		struct layout_point z = ed->points[ed->npoints - 1];
		int k = last == LAYOUT_UP ? 0 : last == LAYOUT_DOWN ? 1 : last == LAYOUT_LEFT ? 2 : 3;
		assert_true(layout_cell(lay, z.x, z.y)->bits & arrow_bits[k]);
		assert_true(on_side(lay, ed->to, z.x + dxs[k], z.y + dys[k]));
		if (lay->dir == LAYOUT_TB)
			assert_int_equal(last, ed->reversed ? LAYOUT_UP : LAYOUT_DOWN);
		else
			assert_int_equal(last, ed->reversed ? LAYOUT_LEFT : LAYOUT_RIGHT);
		assert_true(walk_reaches(lay, ed->points[0], first, ed->to));
	}
}

/* Across position of edge e at layer l (its end's port or its dummy). */
static int position_at(const struct layout *lay, const struct layout_edge *ed, uint32_t l)
{
	const struct layout_node *a = &lay->nodes[ed->from], *b = &lay->nodes[ed->to];
	if (a->layer == l)
		return lay->dir == LAYOUT_TB ? a->port_x : a->port_y;
	if (b->layer == l)
		return lay->dir == LAYOUT_TB ? b->port_x : b->port_y;
	size_t n;
	const uint32_t *ids = layout_layer(lay, l, &n);
	const struct layout_node *any = &lay->nodes[ids[0]];
	int row = lay->dir == LAYOUT_TB ? any->y : any->x;
	for (size_t i = 0; i + 1 < ed->npoints; i++) {
		int p = along(lay, ed->points[i]), q = along(lay, ed->points[i + 1]);
		if (p != q && (p - row) * (q - row) <= 0)
			return across(lay, ed->points[i]);
	}
	fail_msg("edge %u-%u does not pass layer %u", ed->from, ed->to, l);
	return -1;
}

/* Quadratic recount of the crossings between adjacent layers. */
static long recount(const struct layout *lay)
{
	long total = 0;
	for (uint32_t l = 0; l + 1 < lay->nlayers; l++)
		for (uint32_t e = 0; e < lay->nedges; e++) {
			const struct layout_edge *a = &lay->edges[e];
			uint32_t la = lay->nodes[a->from].layer, lb = lay->nodes[a->to].layer;
			if (a->self_loop || (la > l ? la : lb) <= l || (la < lb ? la : lb) > l)
				continue;
			int a0 = position_at(lay, a, l), a1 = position_at(lay, a, l + 1);
			for (uint32_t f = e + 1; f < lay->nedges; f++) {
				const struct layout_edge *b = &lay->edges[f];
				uint32_t ma = lay->nodes[b->from].layer, mb = lay->nodes[b->to].layer;
				if (b->self_loop || (ma > mb ? ma : mb) <= l || (ma < mb ? ma : mb) > l)
					continue;
				int b0 = position_at(lay, b, l), b1 = position_at(lay, b, l + 1);
				total += (a0 < b0 && a1 > b1) || (a0 > b0 && a1 < b1);
			}
		}
	return total;
}

/* The name on a box's first row, as drawn. */
static void check_names(const struct layout *lay)
{
	for (uint32_t v = 0; v < lay->nnodes; v++) {
		const struct layout_node *nd = &lay->nodes[v];
		struct buf b = BUF_INIT;
		for (int x = nd->x + 1; x < nd->x + nd->w - 1; x++) {
			const struct layout_cell *c = layout_cell(lay, x, nd->y + 1);
			char tmp[4];
			if (c->kind == LAYOUT_CELL_TEXT)
				buf_add(&b, tmp, uwidth_encode(c->ch, tmp));
		}
		assert_string_equal(buf_cstr(&b), graph_name(lay->graph, v));
		buf_free(&b);
	}
}

static char *render_all(struct layout *lay)
{
	struct buf b = BUF_INIT;
	assert_int_equal(layout_render_text(lay, false, &b, NULL), 0);
	assert_int_equal(layout_render_text(lay, true, &b, NULL), 0);
	layout_render_json(lay, &b);
	layout_render_dot(lay, &b);
	return buf_detach(&b);
}

static void check_seeds(bool cycles, uint64_t first, uint64_t count)
{
	for (uint64_t seed = first; seed < first + count; seed++)
		for (int dir = 0; dir < 2; dir++) {
			struct graph *g = random_graph(seed, cycles);
			struct layout_opts o = LAYOUT_OPTS_INIT;
			o.dir = dir ? LAYOUT_LR : LAYOUT_TB;
			struct diag_list dl = { 0 };
			struct layout *lay = layout_new(g, &o, &dl);
			assert_non_null(lay);
			assert_int_equal(layout_draw(lay, &dl), 0);
			check_boxes(lay);
			check_edges(lay);
			check_names(lay);
			assert_true(lay->crossings <= lay->crossings_initial);
			assert_int_equal(recount(lay), lay->crossings);
			char *one = render_all(lay);
			struct graph *g2 = random_graph(seed, cycles);
			struct layout *lay2 = layout_new(g2, &o, &dl);
			char *two = render_all(lay2);
			assert_string_equal(one, two);
			free(one);
			free(two);
			layout_free(lay);
			layout_free(lay2);
			graph_free(g);
			graph_free(g2);
			assert_int_equal(dl.n, 0);
		}
}

static void random_dags_hold_properties(void **state)
{
	(void)state;
	check_seeds(false, 1, 150);
}

static void random_cyclic_graphs_hold_properties(void **state)
{
	(void)state;
	check_seeds(true, 1000, 150);
}

/* ---- focused tests ---- */

static struct graph *chain(const char *spec)
{
	struct graph *g = graph_new();
	char buf[256];
	strcpy(buf, spec);
	uint32_t prev = GRAPH_NONE;
	for (char *t = strtok(buf, " "); t; t = strtok(NULL, " ")) {
		if (strcmp(t, "|") == 0) {
			prev = GRAPH_NONE;
			continue;
		}
		uint32_t v = graph_find(g, t);
		if (v == GRAPH_NONE)
			v = graph_add_node(g, t, GRAPH_TASK);
		if (prev != GRAPH_NONE)
			graph_add_edge(g, prev, v);
		prev = v;
	}
	return g;
}

static char *text_of(const struct graph *g, enum layout_dir dir, bool ascii)
{
	struct layout_opts o = LAYOUT_OPTS_INIT;
	o.dir = dir;
	struct layout *lay = layout_new(g, &o, NULL);
	assert_non_null(lay);
	struct buf b = BUF_INIT;
	assert_int_equal(layout_render_text(lay, ascii, &b, NULL), 0);
	layout_free(lay);
	return buf_detach(&b);
}

static void draws_a_chain(void **state)
{
	(void)state;
	struct graph *g = chain("a b");
	char *s = text_of(g, LAYOUT_TB, false);
	assert_string_equal(s, "┌───┐\n│ a │\n└─┬─┘\n  │\n  ▼\n┌───┐\n│ b │\n└───┘\n");
	free(s);
	s = text_of(g, LAYOUT_LR, true);
	assert_string_equal(s, "+---+   +---+\n| a +-->| b |\n+---+   +---+\n");
	free(s);
	graph_free(g);
}

static void glyphs_map_bits(void **state)
{
	(void)state;
	assert_string_equal(layout_glyph_utf8(0), " ");
	assert_string_equal(layout_glyph_utf8(LAYOUT_UP | LAYOUT_DOWN), "│");
	assert_string_equal(layout_glyph_utf8(LAYOUT_LEFT | LAYOUT_RIGHT), "─");
	assert_string_equal(layout_glyph_utf8(LAYOUT_UP | LAYOUT_DOWN | LAYOUT_RIGHT), "├");
	assert_string_equal(layout_glyph_utf8(LAYOUT_UP | LAYOUT_DOWN | LAYOUT_LEFT), "┤");
	assert_string_equal(layout_glyph_utf8(LAYOUT_LEFT | LAYOUT_RIGHT | LAYOUT_DOWN), "┬");
	assert_string_equal(layout_glyph_utf8(LAYOUT_LEFT | LAYOUT_RIGHT | LAYOUT_UP), "┴");
	assert_string_equal(layout_glyph_utf8(LAYOUT_LINES), "┼");
	assert_string_equal(layout_glyph_utf8(LAYOUT_DOWN | LAYOUT_RIGHT), "┌");
	assert_string_equal(layout_glyph_utf8(LAYOUT_DOWN | LAYOUT_LEFT), "┐");
	assert_string_equal(layout_glyph_utf8(LAYOUT_UP | LAYOUT_RIGHT), "└");
	assert_string_equal(layout_glyph_utf8(LAYOUT_UP | LAYOUT_LEFT), "┘");
	assert_string_equal(layout_glyph_utf8(LAYOUT_UP | LAYOUT_ARROW_DOWN), "▼");
	assert_string_equal(layout_glyph_utf8(LAYOUT_LEFT | LAYOUT_ARROW_RIGHT), "▶");
	assert_string_equal(layout_glyph_utf8(LAYOUT_ARROW_UP), "▲");
	assert_string_equal(layout_glyph_utf8(LAYOUT_ARROW_LEFT), "◀");
	assert_int_equal(layout_glyph_ascii(LAYOUT_UP | LAYOUT_DOWN), '|');
	assert_int_equal(layout_glyph_ascii(LAYOUT_RIGHT), '-');
	assert_int_equal(layout_glyph_ascii(LAYOUT_LINES), '+');
	assert_int_equal(layout_glyph_ascii(LAYOUT_UP | LAYOUT_RIGHT), '+');
	assert_int_equal(layout_glyph_ascii(LAYOUT_ARROW_DOWN), 'v');
	assert_int_equal(layout_glyph_ascii(LAYOUT_ARROW_RIGHT), '>');
	assert_int_equal(layout_glyph_ascii(LAYOUT_ARROW_UP), '^');
	assert_int_equal(layout_glyph_ascii(LAYOUT_ARROW_LEFT), '<');
}

static void widths_are_terminal_columns(void **state)
{
	(void)state;
	assert_int_equal(uwidth_str("train"), 5);
	assert_int_equal(uwidth_str("日本"), 4);
	assert_int_equal(uwidth_str("\xc3\xa9"), 1);       /* é precomposed */
	assert_int_equal(uwidth_str("e\xcc\x81"), 1);      /* e + combining acute */
	assert_int_equal(uwidth_str("\xff\xfe"), 2);       /* invalid bytes: one column each */
	assert_int_equal(uwidth_str("\xe6\x97"), 2);       /* truncated sequence */
	assert_int_equal(uwidth_cp('\t'), -1);
	assert_int_equal(uwidth_cp(0x1F680), 2);
	char out[4];
	assert_int_equal(uwidth_encode(0x65E5, out), 3);
	assert_memory_equal(out, "\xe6\x97\xa5", 3);
	assert_int_equal(uwidth_encode(0xD800, out), 3);   /* a surrogate is replaced */
	assert_memory_equal(out, "\xef\xbf\xbd", 3);
	assert_int_equal(uwidth_str("\xed\xa0\x80"), 3);   /* encoded surrogate: 3 bad bytes */
}

static void wide_labels_and_cutting(void **state)
{
	(void)state;
	struct graph *g = graph_new();
	graph_add_node(g, "日本語", GRAPH_TASK);
	uint32_t v = graph_add_node(g, "a-very-long-task-name", GRAPH_GROUP);
	graph_add_line(g, v, "fetch");
	graph_add_edge(g, 0, 1);
	struct layout_opts o = LAYOUT_OPTS_INIT;
	o.max_label = 8;
	struct layout *lay = layout_new(g, &o, NULL);
	struct buf b = BUF_INIT;
	assert_int_equal(layout_render_text(lay, false, &b, NULL), 0);
	assert_non_null(strstr(buf_cstr(&b), "│ 日本語 │"));
	assert_non_null(strstr(buf_cstr(&b), "│ a-very-… │"));
	assert_non_null(strstr(buf_cstr(&b), "├──────────┤"));
	assert_non_null(strstr(buf_cstr(&b), "│ fetch    │"));
	buf_reset(&b);
	assert_int_equal(layout_render_text(lay, true, &b, NULL), 0);
	assert_non_null(strstr(buf_cstr(&b), "| ?????? |"));
	assert_non_null(strstr(buf_cstr(&b), "| a-very-~ |"));
	assert_int_equal(lay->nodes[0].w, 10);
	buf_free(&b);
	layout_free(lay);
	o.hide_lines = true;
	lay = layout_new(g, &o, NULL);
	assert_int_equal(lay->nodes[1].h, 3);
	layout_free(lay);
	graph_free(g);
}

static void cycles_are_drawn_reversed(void **state)
{
	(void)state;
	struct graph *g = chain("a b c a");
	struct layout *lay = layout_new(g, NULL, NULL);
	assert_non_null(lay);
	assert_false(lay->edges[0].reversed);
	assert_false(lay->edges[1].reversed);
	assert_true(lay->edges[2].reversed);   /* c -> a closes the cycle */
	assert_int_equal(lay->nlayers, 3);
	struct buf b = BUF_INIT;
	assert_int_equal(layout_render_text(lay, false, &b, NULL), 0);
	assert_non_null(strstr(buf_cstr(&b), "▲"));
	buf_free(&b);
	layout_free(lay);
	graph_free(g);
}

static void json_and_dot_describe_the_layout(void **state)
{
	(void)state;
	struct graph *g = chain("a b");
	graph_set_group(g, 0, "grp \"1\"");
	graph_set_group(g, 1, "grp \"1\"");
	struct layout *lay = layout_new(g, NULL, NULL);
	struct buf b = BUF_INIT;
	layout_render_json(lay, &b);
	assert_string_equal(buf_cstr(&b),
		"{\"direction\": \"TB\", \"width\": 5, \"height\": 8, \"layers\": 2, \"crossings\": 0,\n"
		" \"nodes\": [\n"
		"  {\"id\": 0, \"name\": \"a\", \"kind\": \"task\", \"group\": \"grp \\\"1\\\"\", \"layer\": 0, "
		"\"order\": 0, \"x\": 0, \"y\": 0, \"w\": 5, \"h\": 3},\n"
		"  {\"id\": 1, \"name\": \"b\", \"kind\": \"task\", \"group\": \"grp \\\"1\\\"\", \"layer\": 1, "
		"\"order\": 0, \"x\": 0, \"y\": 5, \"w\": 5, \"h\": 3}\n"
		" ],\n"
		" \"edges\": [\n"
		"  {\"from\": 0, \"to\": 1, \"reversed\": false, \"points\": [[2, 2], [2, 4]]}\n"
		" ]}\n");
	buf_reset(&b);
	layout_render_dot(lay, &b);
	assert_string_equal(buf_cstr(&b),
		"digraph G {\n  rankdir=TB;\n  node [shape=box];\n"
		"  n0 [label=\"a\"];\n  n1 [label=\"b\"];\n"
		"  subgraph cluster_0 {\n    label=\"grp \\\"1\\\"\";\n    n0;\n    n1;\n  }\n"
		"  n0 -> n1;\n}\n");
	buf_free(&b);
	layout_free(lay);
	graph_free(g);
}

static void empty_and_isolated_graphs(void **state)
{
	(void)state;
	struct graph *g = graph_new();
	struct layout *lay = layout_new(g, NULL, NULL);
	assert_non_null(lay);
	assert_int_equal(lay->width, 0);
	assert_int_equal(lay->height, 0);
	struct buf b = BUF_INIT;
	assert_int_equal(layout_render_text(lay, false, &b, NULL), 0);
	assert_string_equal(buf_cstr(&b), "");
	size_t n;
	assert_null(layout_layer(lay, 0, &n));
	assert_int_equal(n, 0);
	layout_free(lay);
	graph_add_node(g, "solo", GRAPH_TASK);
	graph_add_node(g, "duo", GRAPH_TASK);
	graph_add_edge(g, 1, 1);
	lay = layout_new(g, NULL, NULL);
	assert_int_equal(lay->nlayers, 1);
	assert_true(lay->edges[0].self_loop);
	const uint32_t *ids = layout_layer(lay, 0, &n);
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], 0);
	assert_int_equal(lay->nodes[1].order, 1);
	assert_int_equal(layout_node_at(lay, lay->nodes[1].x, lay->nodes[1].y), 1);
	assert_int_equal(layout_node_at(lay, lay->width + 5, 0), GRAPH_NONE);
	buf_free(&b);
	layout_free(lay);
	graph_free(g);
}

static void refuses_huge_canvas(void **state)
{
	(void)state;
	struct graph *g = chain("a b c d");
	struct layout_opts o = LAYOUT_OPTS_INIT;
	o.max_cells = 10;
	struct diag_list dl = { 0 };
	struct layout *lay = layout_new(g, &o, &dl);
	assert_non_null(lay);
	assert_null(layout_cell(lay, 0, 0));
	assert_int_equal(layout_draw(lay, &dl), -1);
	assert_int_equal(dl.n, 1);
	assert_string_equal(dl.v[0].rule, "layout-too-large");
	diag_free(&dl);
	layout_free(lay);
	graph_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(draws_a_chain),
		cmocka_unit_test(glyphs_map_bits),
		cmocka_unit_test(widths_are_terminal_columns),
		cmocka_unit_test(wide_labels_and_cutting),
		cmocka_unit_test(cycles_are_drawn_reversed),
		cmocka_unit_test(json_and_dot_describe_the_layout),
		cmocka_unit_test(empty_and_isolated_graphs),
		cmocka_unit_test(refuses_huge_canvas),
		cmocka_unit_test(random_dags_hold_properties),
		cmocka_unit_test(random_cyclic_graphs_hold_properties),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
