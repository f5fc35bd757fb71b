/* layout: the public face of the layered drawing (see layout.h).
 *
 * This file measures boxes, runs the pipeline (lgraph -> mincross -> lplace
 * -> lroute) in abstract across/along coordinates, maps the result to x/y for
 * the chosen direction, and rasterises boxes and edge polylines into the cell
 * grid. Renderers (text, JSON, DOT) live in layout_render.c; they only read
 * the data built here.
 */
#include "layout.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "lgraph.h"
#include "lplace.h"
#include "lroute.h"
#include "mincross.h"
#include "pychar.h"
#include "uwidth.h"

#define DEFAULT_MAX_CELLS ((size_t)8 << 20)
#define MAX_EXTENT (INT_MAX / 8)

/* Columns a label takes once cut to max (0: no limit). */
static size_t label_cols(const char *s, int max)
{
	size_t w = uwidth_str(s);
	return max > 0 && w > (size_t)max ? (size_t)max : w;
}

/* Box size of node v: the widest of its name and shown lines, plus border and padding. */
static int64_t box_size(const struct graph *g, uint32_t v, const struct layout_opts *o, int *h)
{
	size_t inner = label_cols(graph_name(g, v), o->max_label);
	size_t nl = o->hide_lines ? 0 : graph_line_count(g, v);
	for (size_t i = 0; i < nl; i++) {
		size_t w = label_cols(graph_line(g, v, i), o->max_label);
		inner = w > inner ? w : inner;
	}
	*h = nl ? (int)(nl < (size_t)MAX_EXTENT ? nl : MAX_EXTENT) + 4 : 3;
	return (int64_t)(inner < (size_t)MAX_EXTENT ? inner : MAX_EXTENT) + 4;
}

void layout_free(struct layout *lay)
{
	if (!lay)
		return;
	free(lay->nodes);
	free(lay->edges);
	free(lay->layer_nodes);
	free(lay->layer_start);
	free(lay->cells);
	free(lay->point_store);
	free(lay);
}

/* Copy the pipeline's results into the public arrays. */
static int fill_result(struct layout *lay, const struct lgraph *lg, const int *center, const int *port,
		       const struct lroute *rt, const int *bw, const int *bh)
{
	bool tb = lay->dir == LAYOUT_TB;
	int across = 0;
	lay->layer_nodes = malloc((lay->nnodes ? lay->nnodes : 1) * sizeof *lay->layer_nodes);
	lay->layer_start = calloc((size_t)lg->nlayers + 1, sizeof *lay->layer_start);
	size_t npts = rt->pt_off[lg->nedges];
	lay->point_store = malloc((npts ? npts : 1) * sizeof *lay->point_store);
	if (!lay->layer_nodes || !lay->layer_start || !lay->point_store)
		return -1;
	uint32_t k = 0;
	for (uint32_t l = 0; l < lg->nlayers; l++) {
		lay->layer_start[l] = k;
		uint32_t order = 0;
		for (uint32_t i = lg->lstart[l]; i < lg->lstart[l + 1]; i++) {
			uint32_t v = lg->order[i];
			if (v >= lg->nreal) {
				across = center[v] + 1 > across ? center[v] + 1 : across;
				continue;
			}
			struct layout_node *nd = &lay->nodes[v];
			int a = center[v] - port[v];
			*nd = (struct layout_node){ l, order++, tb ? a : rt->layer_start[l],
				tb ? rt->layer_start[l] : a, bw[v], bh[v], 0, 0 };
			nd->port_x = tb ? center[v] : nd->x + nd->w - 1;
			nd->port_y = tb ? nd->y + nd->h - 1 : center[v];
			int end = a + (tb ? bw[v] : bh[v]);
			across = end > across ? end : across;
			lay->layer_nodes[k++] = v;
		}
	}
	lay->layer_start[lg->nlayers] = k;
	lay->width = tb ? across : rt->along;
	lay->height = tb ? rt->along : across;
	for (size_t i = 0; i < npts; i++) {
		const struct lroute_point *p = &rt->pts[i];
		lay->point_store[i] = tb ? (struct layout_point){ p->a, p->l }
					 : (struct layout_point){ p->l, p->a };
	}
	for (uint32_t e = 0; e < lg->nedges; e++) {
		struct layout_edge *ed = &lay->edges[e];
		ed->from = graph_edge_from(lay->graph, e);
		ed->to = graph_edge_to(lay->graph, e);
		ed->reversed = lg->eflags[e] & LGRAPH_REVERSED;
		ed->self_loop = lg->eflags[e] & LGRAPH_SELF;
		ed->npoints = rt->pt_off[e + 1] - rt->pt_off[e];
		ed->points = lay->point_store + rt->pt_off[e];
	}
	return 0;
}

/* Sizes across and along for every lgraph node (dummies: 1 across), and
 * where the port sits across the box: the middle of the bottom side (TB) or
 * the name row of the right side (LR). */
static int measure_boxes(const struct layout *lay, const struct lgraph *lg, int *bw, int *bh,
			 int *across, int *along, int *port)
{
	int64_t sum = 0;
	for (uint32_t v = 0; v < lg->nreal; v++) {
		int h;
		int64_t w = box_size(lay->graph, v, &lay->opts, &h);
		sum += w + h + 4;
		if (sum > MAX_EXTENT)
			return -1;
		bw[v] = (int)w;
		bh[v] = h;
		across[v] = lay->dir == LAYOUT_TB ? bw[v] : bh[v];
		along[v] = lay->dir == LAYOUT_TB ? bh[v] : bw[v];
		port[v] = lay->dir == LAYOUT_TB ? bw[v] / 2 : 1;
	}
	if (sum + 4 * (int64_t)lg->n > MAX_EXTENT)
		return -1;
	for (uint32_t v = lg->nreal; v < lg->n; v++) {
		across[v] = 1;
		port[v] = 0;
	}
	return 0;
}

struct layout *layout_new(const struct graph *g, const struct layout_opts *opts, struct diag_list *dl)
{
	struct layout_opts o = opts ? *opts : (struct layout_opts)LAYOUT_OPTS_INIT;
	if (o.max_label > 0 && o.max_label < 4)
		o.max_label = 4;
	if (!o.max_cells)
		o.max_cells = DEFAULT_MAX_CELLS;
	struct layout *lay = calloc(1, sizeof *lay);
	struct lgraph lg = { 0 };
	struct lroute rt = { 0 };
	int *bw = NULL, *bh = NULL, *across = NULL, *along = NULL, *center = NULL, *port = NULL;
	const char *why = "out of memory";
	if (!lay)
		goto out;
	lay->graph = g;
	lay->dir = o.dir;
	lay->opts = o;
	lay->nnodes = graph_node_count(g);
	lay->nedges = graph_edge_count(g);
	lay->nodes = calloc(lay->nnodes ? lay->nnodes : 1, sizeof *lay->nodes);
	lay->edges = calloc(lay->nedges ? lay->nedges : 1, sizeof *lay->edges);
	if (!lay->nodes || !lay->edges || lgraph_build(&lg, g) < 0)
		goto out;
	size_t n = lg.n ? lg.n : 1;
	bw = malloc(lg.nreal * sizeof *bw + 1);
	bh = malloc(lg.nreal * sizeof *bh + 1);
	along = malloc(lg.nreal * sizeof *along + 1);
	across = malloc(n * sizeof *across);
	center = malloc(n * sizeof *center);
	port = malloc(n * sizeof *port);
	if (!bw || !bh || !along || !across || !center || !port)
		goto out;
	if (measure_boxes(lay, &lg, bw, bh, across, along, port) < 0) {
		why = "the drawing would be too large";
		goto out;
	}
	struct mincross_stats st;
	if (mincross_run(&lg, o.iterations, &st) < 0)
		goto out;
	lay->crossings = st.final;
	lay->crossings_initial = st.initial;
	lay->nvirtual = lg.n - lg.nreal;
	lay->nlayers = lg.nlayers;
	struct lplace_opts po = { o.dir == LAYOUT_TB ? 2 : 1, 1, 0 };
	if (lplace_run(&lg, across, port, &po, center) < 0)
		goto out;
	struct lroute_opts ro = { o.dir == LAYOUT_TB ? 0 : 1, 1 };
	if (lroute_run(&lg, center, along, &ro, &rt) < 0)
		goto out;
	if (fill_result(lay, &lg, center, port, &rt, bw, bh) < 0)
		goto out;
	why = NULL;
out:
	if (why && dl)
		diag_addf_lc(dl, DIAG_ERROR, "layout-failed", 0, 0, "cannot lay out the graph: %s", why);
	lgraph_free(&lg);
	lroute_free(&rt);
	free(bw);
	free(bh);
	free(along);
	free(across);
	free(center);
	free(port);
	if (why) {
		layout_free(lay);
		return NULL;
	}
	return lay;
}

/* ---- accessors ---- */

const struct layout_cell *layout_cell(const struct layout *lay, int x, int y)
{
	if (!lay->cells || x < 0 || y < 0 || x >= lay->width || y >= lay->height)
		return NULL;
	return &lay->cells[(size_t)y * (size_t)lay->width + (size_t)x];
}

uint32_t layout_node_at(const struct layout *lay, int x, int y)
{
	const struct layout_cell *c = layout_cell(lay, x, y);
	if (c)
		return c->node;
	for (size_t v = 0; v < lay->nnodes; v++) {
		const struct layout_node *nd = &lay->nodes[v];
		if (x >= nd->x && x < nd->x + nd->w && y >= nd->y && y < nd->y + nd->h)
			return (uint32_t)v;
	}
	return GRAPH_NONE;
}

const uint32_t *layout_layer(const struct layout *lay, uint32_t layer, size_t *n)
{
	if (layer >= lay->nlayers) {
		*n = 0;
		return NULL;
	}
	*n = lay->layer_start[layer + 1] - lay->layer_start[layer];
	return lay->layer_nodes + lay->layer_start[layer];
}

/* ---- glyphs ---- */

static const char *const utf8_lines[16] = {
	" ", "│", "│", "│", "─", "┘", "┐", "┤",
	"─", "└", "┌", "├", "─", "┴", "┬", "┼",
};

static const char ascii_lines[16] = {
	' ', '|', '|', '|', '-', '+', '+', '+',
	'-', '+', '+', '+', '-', '+', '+', '+',
};

const char *layout_glyph_utf8(unsigned bits)
{
	if (bits & LAYOUT_ARROW_DOWN)
		return "▼";
	if (bits & LAYOUT_ARROW_RIGHT)
		return "▶";
	if (bits & LAYOUT_ARROW_UP)
		return "▲";
	if (bits & LAYOUT_ARROW_LEFT)
		return "◀";
	return utf8_lines[bits & LAYOUT_LINES];
}

char layout_glyph_ascii(unsigned bits)
{
	if (bits & LAYOUT_ARROW_DOWN)
		return 'v';
	if (bits & LAYOUT_ARROW_RIGHT)
		return '>';
	if (bits & LAYOUT_ARROW_UP)
		return '^';
	if (bits & LAYOUT_ARROW_LEFT)
		return '<';
	return ascii_lines[bits & LAYOUT_LINES];
}

/* ---- rasterising ---- */

static struct layout_cell *cell_at(struct layout *lay, int x, int y)
{
	return &lay->cells[(size_t)y * (size_t)lay->width + (size_t)x];
}

/* Write label s on row y from column x, at most cols columns, cut with an ellipsis. */
static void put_label(struct layout *lay, int x, int y, const char *s, int cols, uint32_t v, uint8_t row)
{
	size_t len = strlen(s);
	bool cut = uwidth_str(s) > (size_t)cols;
	int avail = cut ? cols - 1 : cols, col = 0;
	for (size_t i = 0, step; i < len; i += step) {
		uint32_t cp = pychar_decode(s + i, len - i, &step);
		int w = uwidth_cp(cp);
		if (w < 0) {
			cp = '?';
			w = 1;
		}
		if (w == 0)
			continue;   /* a cell holds one code point: combining marks are dropped */
		if (col + w > avail)
			break;
		*cell_at(lay, x + col, y) = (struct layout_cell){ cp, 0, LAYOUT_CELL_TEXT, row, v, GRAPH_NONE };
		if (w == 2)
			*cell_at(lay, x + col + 1, y) =
				(struct layout_cell){ 0, 0, LAYOUT_CELL_WIDE, row, v, GRAPH_NONE };
		col += w;
	}
	if (cut)
		*cell_at(lay, x + col, y) =
			(struct layout_cell){ LAYOUT_ELLIPSIS, 0, LAYOUT_CELL_TEXT, row, v, GRAPH_NONE };
}

static void put_border(struct layout *lay, int x, int y, unsigned bits, uint32_t v)
{
	*cell_at(lay, x, y) = (struct layout_cell){ 0, (uint16_t)bits, LAYOUT_CELL_BORDER, 0, v, GRAPH_NONE };
}

static void draw_box(struct layout *lay, uint32_t v)
{
	const struct layout_node *nd = &lay->nodes[v];
	const struct graph *g = lay->graph;
	int x0 = nd->x, y0 = nd->y, x1 = nd->x + nd->w - 1, y1 = nd->y + nd->h - 1;
	for (int y = y0; y <= y1; y++)
		for (int x = x0; x <= x1; x++)
			*cell_at(lay, x, y) = (struct layout_cell){ 0, 0, LAYOUT_CELL_FILL,
				(uint8_t)(y - y0 < 2 ? 0 : y - y0 - 2 > 254 ? 255 : y - y0 - 2), v, GRAPH_NONE };
	for (int x = x0 + 1; x < x1; x++) {
		put_border(lay, x, y0, LAYOUT_LEFT | LAYOUT_RIGHT, v);
		put_border(lay, x, y1, LAYOUT_LEFT | LAYOUT_RIGHT, v);
	}
	for (int y = y0 + 1; y < y1; y++) {
		put_border(lay, x0, y, LAYOUT_UP | LAYOUT_DOWN, v);
		put_border(lay, x1, y, LAYOUT_UP | LAYOUT_DOWN, v);
	}
	put_border(lay, x0, y0, LAYOUT_RIGHT | LAYOUT_DOWN, v);
	put_border(lay, x1, y0, LAYOUT_LEFT | LAYOUT_DOWN, v);
	put_border(lay, x0, y1, LAYOUT_RIGHT | LAYOUT_UP, v);
	put_border(lay, x1, y1, LAYOUT_LEFT | LAYOUT_UP, v);
	int inner = nd->w - 4;
	const char *name = graph_name(g, v);
	int nw = (int)label_cols(name, lay->opts.max_label);
	put_label(lay, x0 + 2 + (inner - nw) / 2, y0 + 1, name, nw, v, 0);
	if (nd->h <= 3)
		return;
	for (int x = x0; x <= x1; x++)   /* separator under the name */
		put_border(lay, x, y0 + 2, (x > x0 ? LAYOUT_LEFT : 0) | (x < x1 ? LAYOUT_RIGHT : 0) |
			   (x == x0 || x == x1 ? LAYOUT_UP | LAYOUT_DOWN : 0), v);
	for (int i = 0; i < nd->h - 4; i++)
		put_label(lay, x0 + 2, y0 + 3 + i, graph_line(g, v, (size_t)i), inner, v,
			  (uint8_t)(i + 1 > 255 ? 255 : i + 1));
}

static unsigned step_bit(int dx, int dy)
{
	return dx > 0 ? LAYOUT_RIGHT : dx < 0 ? LAYOUT_LEFT : dy > 0 ? LAYOUT_DOWN : LAYOUT_UP;
}

static unsigned opposite(unsigned bit)
{
	return bit == LAYOUT_RIGHT ? LAYOUT_LEFT : bit == LAYOUT_LEFT ? LAYOUT_RIGHT :
	       bit == LAYOUT_DOWN ? LAYOUT_UP : LAYOUT_DOWN;
}

/* Add bits to an edge cell; the first point may sit on the source's border. */
static void mark(struct layout *lay, int x, int y, unsigned bits, uint32_t e)
{
	struct layout_cell *c = cell_at(lay, x, y);
	if (c->kind == LAYOUT_CELL_BORDER) {
		c->bits |= (uint16_t)bits;
		return;
	}
	if (c->kind != LAYOUT_CELL_EMPTY && c->kind != LAYOUT_CELL_EDGE)
		return;   /* never paint over a box (the property tests check this cannot happen) */
	c->kind = LAYOUT_CELL_EDGE;
	c->bits |= (uint16_t)bits;
	if (c->edge == GRAPH_NONE)
		c->edge = e;
}

static void draw_edge(struct layout *lay, uint32_t e)
{
	const struct layout_edge *ed = &lay->edges[e];
	unsigned dir = 0;
	for (size_t i = 0; i + 1 < ed->npoints; i++) {
		struct layout_point a = ed->points[i], b = ed->points[i + 1];
		int dx = (b.x > a.x) - (b.x < a.x), dy = (b.y > a.y) - (b.y < a.y);
		if (!dx && !dy)
			continue;
		dir = step_bit(dx, dy);
		for (int x = a.x, y = a.y;; x += dx, y += dy) {
			unsigned bits = 0;
			if (x != b.x || y != b.y)
				bits |= dir;
			if (x != a.x || y != a.y)
				bits |= opposite(dir);
			mark(lay, x, y, bits, e);
			if (x == b.x && y == b.y)
				break;
		}
	}
	if (ed->npoints) {
		static const unsigned arrow[9] = { [LAYOUT_UP] = LAYOUT_ARROW_UP,
			[LAYOUT_DOWN] = LAYOUT_ARROW_DOWN, [LAYOUT_LEFT] = LAYOUT_ARROW_LEFT,
			[LAYOUT_RIGHT] = LAYOUT_ARROW_RIGHT };
		struct layout_point z = ed->points[ed->npoints - 1];
		struct layout_cell *c = cell_at(lay, z.x, z.y);
		if (c->kind == LAYOUT_CELL_EDGE && dir)
			c->bits |= (uint16_t)arrow[dir];
	}
}

int layout_draw(struct layout *lay, struct diag_list *dl)
{
	if (lay->cells)
		return 0;
	size_t w = (size_t)lay->width, h = (size_t)lay->height;
	if (w && h > lay->opts.max_cells / w) {
		if (dl)
			diag_addf_lc(dl, DIAG_ERROR, "layout-too-large", 0, 0,
				     "the drawing is %zu x %zu cells, more than the limit of %zu cells", w, h,
				     lay->opts.max_cells);
		return -1;
	}
	lay->cells = malloc((w * h > 0 ? w * h : 1) * sizeof *lay->cells);
	if (!lay->cells) {
		if (dl)
			diag_addf_lc(dl, DIAG_ERROR, "layout-failed", 0, 0, "cannot draw the graph: out of memory");
		return -1;
	}
	if (w * h == 0)
		return 0;   /* no cells means no nodes, so no boxes and no edges to draw */
	for (size_t i = 0; i < w * h; i++)
		lay->cells[i] = (struct layout_cell){ 0, 0, LAYOUT_CELL_EMPTY, 0, GRAPH_NONE, GRAPH_NONE };
	for (uint32_t v = 0; v < lay->nnodes; v++)
		draw_box(lay, v);
	for (uint32_t e = 0; e < lay->nedges; e++)
		draw_edge(lay, e);
	return 0;
}
