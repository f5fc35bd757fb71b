/* dagtool: test and benchmark driver for graph + layout (not installed).
 *
 *   dagtool [--lr] [--ascii] [--format text|json|dot|plain|stats|time]
 *           [--max-label N] [--hide-lines] [--repeat N] FILE
 *
 * FILE is a tiny edge list, one statement a line ('#' starts a comment):
 *   a -> b -> c        edges (nodes are created on first mention, in order)
 *   node a b           nodes, with or without edges
 *   group g: t1 t2     node g is a group; t1, t2 are the lines shown inside
 *   in g: a b          nodes a and b carry the group label g
 * Lines `digraph ... {` and `}` are skipped and a trailing ';' is ignored,
 * so the DOT written by tests/bench/gen_spec.py --dot is accepted as well.
 *
 * --format plain writes the layout like `dot -Tplain` (one rank level per
 * layer, x = the across coordinate), so shared/tools/dot_crossings.py can
 * count its crossings with the same code it uses for dot. --format stats
 * prints key=value figures (--format time: also draws the text and times
 * that); with --repeat N the times are the best of N runs.
 * Exit status: 0 ok, 1 bad input, 2 usage or I/O error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "diag.h"
#include "graph.h"
#include "layout.h"

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static uint32_t node_of(struct graph *g, const char *name)
{
	uint32_t v = graph_find(g, name);
	return v != GRAPH_NONE ? v : graph_add_node(g, name, GRAPH_TASK);
}

/* Next whitespace-separated word of *p (NUL-terminated in place, trailing
 * ';' and ',' dropped), or NULL at the end of the line. */
static char *word(char **p)
{
	char *s = *p + strspn(*p, " \t\r\n");
	if (!*s)
		return NULL;
	char *e = s + strcspn(s, " \t\r\n");
	if (*e)
		*e++ = '\0';
	*p = e;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ';' || s[n - 1] == ','))
		s[--n] = '\0';
	return s;
}

static int parse_line(struct graph *g, char *line, int lineno, const char *file)
{
	char *hash = strchr(line, '#');
	if (hash)
		*hash = '\0';
	char *p = line, *w = word(&p);
	if (!w || !*w || strcmp(w, "digraph") == 0 || strcmp(w, "}") == 0)
		return 0;
	if (strcmp(w, "node") == 0) {
		while ((w = word(&p)))
			node_of(g, w);
		return 0;
	}
	if (strcmp(w, "group") == 0 || strcmp(w, "in") == 0) {
		bool group = w[0] == 'g';
		char *name = word(&p);
		size_t n = name ? strlen(name) : 0;
		if (n < 2 || name[n - 1] != ':') {
			fprintf(stderr, "%s:%d: expected '%s NAME: ...'\n", file, lineno, group ? "group" : "in");
			return -1;
		}
		name[n - 1] = '\0';
		uint32_t gv = GRAPH_NONE;
		if (group) {
			gv = node_of(g, name);
			graph_set_kind(g, gv, GRAPH_GROUP);
		}
		while ((w = word(&p))) {
			if (group)
				graph_add_line(g, gv, w);
			else
				graph_set_group(g, node_of(g, w), name);
		}
		return 0;
	}
	uint32_t prev = node_of(g, w);
	while ((w = word(&p))) {
		if (strcmp(w, "->") != 0 || !(w = word(&p)) || !*w) {
			fprintf(stderr, "%s:%d: expected '-> NAME'\n", file, lineno);
			return -1;
		}
		uint32_t next = node_of(g, w);
		if (graph_add_edge(g, prev, next) < 0)
			return -1;
		prev = next;
	}
	return 0;
}

static struct graph *read_graph(const char *file)
{
	FILE *f = strcmp(file, "-") ? fopen(file, "r") : stdin;
	if (!f) {
		perror(file);
		return NULL;
	}
	struct graph *g = graph_new();
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0, rc = 0;
	while (g && rc == 0 && getline(&line, &cap, f) >= 0)
		rc = parse_line(g, line, ++lineno, file);
	free(line);
	if (f != stdin)
		fclose(f);
	if (rc < 0) {
		graph_free(g);
		return NULL;
	}
	return g;
}

/* Across / along coordinate of a cell for the layout's direction. */
static int across_of(const struct layout *lay, struct layout_point p)
{
	return lay->dir == LAYOUT_TB ? p.x : p.y;
}

static int along_of(const struct layout *lay, struct layout_point p)
{
	return lay->dir == LAYOUT_TB ? p.y : p.x;
}

/* Where edge e crosses the band of layer l (the column of its dummy). */
static int edge_across_at(const struct layout *lay, const struct layout_edge *ed, uint32_t l)
{
	size_t n;
	const uint32_t *ids = layout_layer(lay, l, &n);
	const struct layout_node *nd = &lay->nodes[ids[0]];
	int row = lay->dir == LAYOUT_TB ? nd->y : nd->x;
	for (size_t i = 0; i + 1 < ed->npoints; i++) {
		int a = along_of(lay, ed->points[i]), b = along_of(lay, ed->points[i + 1]);
		if ((a - row) * (b - row) <= 0 && a != b)
			return across_of(lay, ed->points[i]);
	}
	return across_of(lay, ed->points[0]);
}

static void print_plain(const struct layout *lay, FILE *out)
{
	const struct graph *g = lay->graph;
	int top = (int)lay->nlayers;
	fprintf(out, "graph 1 %d %d\n", lay->width, lay->height);
	for (uint32_t v = 0; v < lay->nnodes; v++) {
		const struct layout_node *nd = &lay->nodes[v];
		int c = lay->dir == LAYOUT_TB ? nd->port_x : nd->port_y;
		fprintf(out, "node \"%s\" %d %d %d %d \"%s\" solid box black lightgrey\n", graph_name(g, v), c,
			top - (int)nd->layer, nd->w, nd->h, graph_name(g, v));
	}
	for (uint32_t e = 0; e < lay->nedges; e++) {
		const struct layout_edge *ed = &lay->edges[e];
		if (ed->self_loop)
			continue;
		const struct layout_node *a = &lay->nodes[ed->from], *b = &lay->nodes[ed->to];
		int step = a->layer < b->layer ? 1 : -1;
		size_t k = (size_t)abs((int)b->layer - (int)a->layer);
		fprintf(out, "edge \"%s\" \"%s\" %zu", graph_name(g, ed->from), graph_name(g, ed->to), 1 + 3 * k);
		int px = lay->dir == LAYOUT_TB ? a->port_x : a->port_y, py = top - (int)a->layer;
		fprintf(out, " %d %d", px, py);
		for (size_t i = 1; i <= k; i++) {
			uint32_t l = (uint32_t)((int)a->layer + step * (int)i);
			int x = i == k ? (lay->dir == LAYOUT_TB ? b->port_x : b->port_y) : edge_across_at(lay, ed, l);
			int y = top - (int)l;
			fprintf(out, " %d %d %d %d %d %d", px, py, x, y, x, y);
			px = x;
			py = y;
		}
		fputs(" solid black\n", out);
	}
	fputs("stop\n", out);
}

static int usage(void)
{
	fputs("usage: dagtool [--lr] [--ascii] [--format text|json|dot|plain|stats|time]\n"
	      "               [--max-label N] [--hide-lines] [--repeat N] FILE\n", stderr);
	return 2;
}

int main(int argc, char **argv)
{
	struct layout_opts o = LAYOUT_OPTS_INIT;
	const char *format = "text", *file = NULL;
	bool ascii = false;
	int repeat = 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--lr") == 0)
			o.dir = LAYOUT_LR;
		else if (strcmp(a, "--ascii") == 0)
			ascii = true;
		else if (strcmp(a, "--hide-lines") == 0)
			o.hide_lines = true;
		else if (strcmp(a, "--format") == 0 && i + 1 < argc)
			format = argv[++i];
		else if (strcmp(a, "--max-label") == 0 && i + 1 < argc)
			o.max_label = atoi(argv[++i]);
		else if (strcmp(a, "--repeat") == 0 && i + 1 < argc)
			repeat = atoi(argv[++i]);
		else if (a[0] == '-' && a[1])
			return usage();
		else if (!file)
			file = a;
		else
			return usage();
	}
	if (!file || repeat < 1)
		return usage();
	bool text = strcmp(format, "text") == 0 || strcmp(format, "time") == 0;
	struct graph *g = read_graph(file);
	if (!g)
		return 1;
	struct diag_list dl = { 0 };
	struct layout *lay = NULL;
	double best_layout = 1e300, best_draw = 1e300;
	struct buf out = BUF_INIT;
	int rc = 0;
	for (int r = 0; r < repeat; r++) {
		layout_free(lay);
		buf_reset(&out);
		double t0 = now_ms();
		lay = layout_new(g, &o, &dl);
		double t1 = now_ms();
		if (!lay) {
			rc = 1;
			break;
		}
		/* text is drawn (and timed) unless another format is asked for */
		if (text && layout_render_text(lay, ascii, &out, &dl) < 0) {
			rc = 1;
			break;
		}
		double t2 = now_ms();
		best_layout = t1 - t0 < best_layout ? t1 - t0 : best_layout;
		best_draw = t2 - t1 < best_draw ? t2 - t1 : best_draw;
	}
	if (rc == 0 && strcmp(format, "text") == 0) {
		fputs(buf_cstr(&out), stdout);
	} else if (rc == 0 && strcmp(format, "json") == 0) {
		buf_reset(&out);
		layout_render_json(lay, &out);
		fputs(buf_cstr(&out), stdout);
	} else if (rc == 0 && strcmp(format, "dot") == 0) {
		buf_reset(&out);
		layout_render_dot(lay, &out);
		fputs(buf_cstr(&out), stdout);
	} else if (rc == 0 && strcmp(format, "plain") == 0) {
		print_plain(lay, stdout);
	} else if (rc == 0 && (strcmp(format, "stats") == 0 || strcmp(format, "time") == 0)) {
		printf("nodes=%zu edges=%zu layers=%u virtual=%zu crossings=%ld initial_crossings=%ld "
		       "width=%d height=%d layout_ms=%.3f",
		       graph_node_count(g), graph_edge_count(g), lay->nlayers, lay->nvirtual, lay->crossings,
		       lay->crossings_initial, lay->width, lay->height, best_layout);
		if (text)
			printf(" draw_text_ms=%.3f", best_draw);
		putchar('\n');
	} else if (rc == 0) {
		rc = usage();
	}
	for (size_t i = 0; i < dl.n; i++)
		fprintf(stderr, "dagtool: %s\n", dl.v[i].message);
	diag_free(&dl);
	buf_free(&out);
	layout_free(lay);
	graph_free(g);
	return rc;
}
