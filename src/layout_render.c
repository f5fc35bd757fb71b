/* layout_render: text, JSON and DOT output of a layout (declared in layout.h).
 *
 * Part of the layout module, kept apart because it only reads the layout:
 * text walks the cell grid row by row, JSON dumps the boxes and polylines,
 * DOT re-states the graph so Graphviz can draw it for comparison.
 */
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "uwidth.h"

int layout_render_text(struct layout *lay, bool ascii, struct buf *out, struct diag_list *dl)
{
	if (layout_draw(lay, dl) < 0)
		return -1;
	for (int y = 0; y < lay->height; y++) {
		size_t start = out->len, keep = out->len;
		for (int x = 0; x < lay->width; x++) {
			const struct layout_cell *c = layout_cell(lay, x, y);
			char tmp[4];
			switch (c->kind) {
			case LAYOUT_CELL_BORDER:
			case LAYOUT_CELL_EDGE:
				if (ascii)
					buf_putc(out, layout_glyph_ascii(c->bits));
				else
					buf_puts(out, layout_glyph_utf8(c->bits));
				break;
			case LAYOUT_CELL_TEXT:
				if (ascii)
					buf_putc(out, c->ch == LAYOUT_ELLIPSIS ? '~' : c->ch < 0x80 ? (char)c->ch : '?');
				else
					buf_add(out, tmp, uwidth_encode(c->ch, tmp));
				break;
			case LAYOUT_CELL_WIDE:
				if (ascii)
					buf_putc(out, '?');
				break;
			default:
				buf_putc(out, ' ');
				continue;
			}
			keep = out->len;
		}
		buf_truncate(out, keep > start ? keep : start);
		buf_putc(out, '\n');
	}
	return out->oom ? -1 : 0;
}

/* A JSON string literal. */
static void json_string(struct buf *out, const char *s)
{
	buf_putc(out, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			buf_putc(out, '\\');
			buf_putc(out, (char)c);
		} else if (c < 0x20) {
			buf_printf(out, "\\u%04x", c);
		} else {
			buf_putc(out, (char)c);
		}
	}
	buf_putc(out, '"');
}

void layout_render_json(const struct layout *lay, struct buf *out)
{
	const struct graph *g = lay->graph;
	buf_printf(out, "{\"direction\": \"%s\", \"width\": %d, \"height\": %d, \"layers\": %u, "
		   "\"crossings\": %ld,\n \"nodes\": [", lay->dir == LAYOUT_TB ? "TB" : "LR",
		   lay->width, lay->height, lay->nlayers, lay->crossings);
	for (uint32_t v = 0; v < lay->nnodes; v++) {
		const struct layout_node *nd = &lay->nodes[v];
		buf_printf(out, "%s\n  {\"id\": %u, \"name\": ", v ? "," : "", v);
		json_string(out, graph_name(g, v));
		buf_printf(out, ", \"kind\": \"%s\", \"group\": ",
			   graph_kind(g, v) == GRAPH_GROUP ? "group" : "task");
		if (graph_group(g, v))
			json_string(out, graph_group(g, v));
		else
			buf_puts(out, "null");
		buf_printf(out, ", \"layer\": %u, \"order\": %u, \"x\": %d, \"y\": %d, \"w\": %d, \"h\": %d}",
			   nd->layer, nd->order, nd->x, nd->y, nd->w, nd->h);
	}
	buf_puts(out, "\n ],\n \"edges\": [");
	for (uint32_t e = 0; e < lay->nedges; e++) {
		const struct layout_edge *ed = &lay->edges[e];
		buf_printf(out, "%s\n  {\"from\": %u, \"to\": %u, \"reversed\": %s, \"points\": [",
			   e ? "," : "", ed->from, ed->to, ed->reversed ? "true" : "false");
		for (size_t i = 0; i < ed->npoints; i++)
			buf_printf(out, "%s[%d, %d]", i ? ", " : "", ed->points[i].x, ed->points[i].y);
		buf_puts(out, "]}");
	}
	buf_puts(out, "\n ]}\n");
}

/* A DOT string literal; lines joined by \n. */
static void dot_string(struct buf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(out, '\\');
		if ((unsigned char)*s >= 0x20)
			buf_putc(out, *s);
	}
}

struct group_key {
	const char *group;
	uint32_t v;
};

static int cmp_group_key(const void *a, const void *b)
{
	const struct group_key *x = a, *y = b;
	int c = strcmp(x->group, y->group);
	return c ? c : (x->v > y->v) - (x->v < y->v);
}

struct cluster {
	size_t start;     /* first key of the cluster */
	uint32_t first;   /* its lowest node id */
};

static int cmp_cluster(const void *a, const void *b)
{
	const struct cluster *x = a, *y = b;
	return (x->first > y->first) - (x->first < y->first);
}

/* Clusters: tasks that share a group label, ordered by their first member. */
static void dot_clusters(const struct layout *lay, struct buf *out)
{
	const struct graph *g = lay->graph;
	size_t k = 0, nc = 0;
	for (uint32_t v = 0; v < lay->nnodes; v++)
		k += graph_group(g, v) != NULL;
	struct group_key *keys = malloc((k ? k : 1) * sizeof *keys);
	struct cluster *cl = malloc((k ? k : 1) * sizeof *cl);
	if (!keys || !cl) {
		out->oom = true;
		free(keys);
		free(cl);
		return;
	}
	k = 0;
	for (uint32_t v = 0; v < lay->nnodes; v++)
		if (graph_group(g, v))
			keys[k++] = (struct group_key){ graph_group(g, v), v };
	qsort(keys, k, sizeof *keys, cmp_group_key);
	for (size_t i = 0; i < k; i++)
		if (!i || strcmp(keys[i].group, keys[i - 1].group) != 0)
			cl[nc++] = (struct cluster){ i, keys[i].v };
	qsort(cl, nc, sizeof *cl, cmp_cluster);
	for (size_t c = 0; c < nc; c++) {
		size_t i = cl[c].start;
		buf_printf(out, "  subgraph cluster_%zu {\n    label=\"", c);
		dot_string(out, keys[i].group);
		buf_puts(out, "\";\n");
		for (size_t j = i; j < k && strcmp(keys[j].group, keys[i].group) == 0; j++)
			buf_printf(out, "    n%u;\n", keys[j].v);
		buf_puts(out, "  }\n");
	}
	free(keys);
	free(cl);
}

void layout_render_dot(const struct layout *lay, struct buf *out)
{
	const struct graph *g = lay->graph;
	buf_printf(out, "digraph G {\n  rankdir=%s;\n  node [shape=box];\n",
		   lay->dir == LAYOUT_TB ? "TB" : "LR");
	for (uint32_t v = 0; v < lay->nnodes; v++) {
		buf_printf(out, "  n%u [label=\"", v);
		dot_string(out, graph_name(g, v));
		for (size_t i = 0; i < graph_line_count(g, v) && !lay->opts.hide_lines; i++) {
			buf_puts(out, "\\n");
			dot_string(out, graph_line(g, v, i));
		}
		buf_puts(out, graph_kind(g, v) == GRAPH_GROUP ? "\", style=rounded];\n" : "\"];\n");
	}
	dot_clusters(lay, out);
	for (uint32_t e = 0; e < lay->nedges; e++)
		buf_printf(out, "  n%u -> n%u;\n", lay->edges[e].from, lay->edges[e].to);
	buf_puts(out, "}\n");
}
