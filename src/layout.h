/* layout: a layered (Sugiyama) drawing of a graph on terminal cells.
 *
 * layout_new() turns a struct graph into data: one box per node (layer,
 * order within the layer, x, y, w, h in cells), one orthogonal polyline per
 * edge, the crossing count and the canvas size. layout_draw() then rasterises
 * it into a cell grid where every cell knows its glyph bits and which node or
 * edge owns it, so a TUI can draw, scroll, select and highlight cell by cell;
 * the renderers write text (UTF-8 or ASCII), JSON or Graphviz DOT.
 *
 * Pipeline: cycles broken by reversing DFS back edges (drawn with the arrow
 * pointing up/left), longest-path layering improved by vertex promotion, dummy
 * nodes on long edges, crossing reduction (median sweeps, transposition,
 * sifting, best order kept), coordinates by a weighted quadratic relaxation
 * with straight long edges, channel routing with merged fan-out trees.
 * Everything is deterministic: ties are broken by node id (spec order).
 *
 * Coordinates: x grows to the right, y downwards, (0, 0) is the top-left
 * cell. Top-to-bottom (TB) puts layers in rows, left-to-right (LR) in
 * columns. A node box is drawn with a border; its name is centred on the
 * second row; inner lines (tasks of a group) follow under a separator.
 */
#ifndef OSMO_LAYOUT_H
#define OSMO_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "graph.h"

enum layout_dir {
	LAYOUT_TB,   /* layers are rows, edges point down */
	LAYOUT_LR,   /* layers are columns, edges point right */
};

struct layout_opts {
	enum layout_dir dir;
	int max_label;        /* cut names and lines wider than this (columns, >= 4; 0 = no limit) */
	bool hide_lines;      /* draw boxes without their inner lines */
	int iterations;       /* crossing-reduction sweeps per pass (0 = 24; fewer on huge graphs) */
	size_t max_cells;     /* layout_draw() refuses bigger canvases (0 = 64M cells) */
};

#define LAYOUT_OPTS_INIT { LAYOUT_TB, 0, false, 0, 0 }

/* Junction bits of a cell: which neighbours its line joins, plus arrowheads. */
enum {
	LAYOUT_UP = 1,
	LAYOUT_DOWN = 2,
	LAYOUT_LEFT = 4,
	LAYOUT_RIGHT = 8,
	LAYOUT_LINES = 15,
	LAYOUT_ARROW_UP = 16,
	LAYOUT_ARROW_DOWN = 32,
	LAYOUT_ARROW_LEFT = 64,
	LAYOUT_ARROW_RIGHT = 128,
	LAYOUT_ARROWS = 240,
};

enum layout_cell_kind {
	LAYOUT_CELL_EMPTY,
	LAYOUT_CELL_BORDER,   /* box border: glyph from bits (ports add a bit) */
	LAYOUT_CELL_FILL,     /* blank inside a box */
	LAYOUT_CELL_TEXT,     /* a character of a label: ch */
	LAYOUT_CELL_WIDE,     /* right half of a double-width character */
	LAYOUT_CELL_EDGE,     /* part of an edge: glyph from bits */
};

struct layout_cell {
	uint32_t ch;          /* TEXT: the code point; LAYOUT_ELLIPSIS for a cut label */
	uint16_t bits;        /* BORDER / EDGE: LAYOUT_UP ... LAYOUT_ARROW_RIGHT */
	uint8_t kind;         /* enum layout_cell_kind */
	uint8_t text_row;     /* TEXT / FILL: 0 = name row, 1 + i = inner line i */
	uint32_t node;        /* box cells: the node; GRAPH_NONE otherwise */
	uint32_t edge;        /* EDGE cells: lowest edge passing here; GRAPH_NONE otherwise */
};

#define LAYOUT_ELLIPSIS 0x2026u

struct layout_point {
	int x, y;
};

struct layout_node {
	uint32_t layer;       /* 0 = first (top or left) */
	uint32_t order;       /* index among the real nodes of its layer, left/top first */
	int x, y, w, h;       /* box in cells */
	int port_x, port_y;   /* where edges leave: mid bottom side (TB), name row of the right side (LR) */
};

struct layout_edge {
	uint32_t from, to;    /* graph node ids (graph edge index = array index) */
	bool reversed;        /* drawn against the layer direction to break a cycle */
	bool self_loop;       /* not drawn */
	size_t npoints;       /* 0 for a self-loop */
	struct layout_point *points;   /* source border cell ... arrowhead cell (borrowed) */
};

struct layout {
	const struct graph *graph;     /* borrowed: must outlive the layout */
	enum layout_dir dir;
	size_t nnodes;                 /* = graph nodes */
	struct layout_node *nodes;     /* indexed by node id */
	size_t nedges;                 /* = graph edges */
	struct layout_edge *edges;     /* indexed by graph edge index */
	uint32_t nlayers;
	uint32_t *layer_nodes;         /* node ids layer by layer, in order */
	uint32_t *layer_start;         /* [nlayers + 1] into layer_nodes */
	size_t nvirtual;               /* dummy nodes on long edges */
	long crossings;                /* of the drawing (adjacent layers, through dummies) */
	long crossings_initial;        /* of the starting order, before reduction */
	int width, height;             /* canvas in cells */
	struct layout_cell *cells;     /* width * height after layout_draw(), else NULL */
	struct layout_point *point_store;   /* owns every edge's points */
	struct layout_opts opts;       /* as given, defaults filled in */
};

/* Lay out g. Returns NULL and appends a diagnostic when out of memory or the
 * graph is too large. Cycles are drawn (reversed edges), not refused. Every
 * function here accepts dl == NULL (diagnostics are then dropped). */
struct layout *layout_new(const struct graph *g, const struct layout_opts *opts, struct diag_list *dl);
/* Free the layout. */
void layout_free(struct layout *lay);

/* Rasterise into lay->cells (idempotent). 0, or -1 with a diagnostic when
 * the canvas is larger than opts.max_cells or memory runs out. */
int layout_draw(struct layout *lay, struct diag_list *dl);
/* The cell at (x, y), or NULL outside the canvas or before layout_draw(). */
const struct layout_cell *layout_cell(const struct layout *lay, int x, int y);
/* The node whose box covers (x, y), or GRAPH_NONE. */
uint32_t layout_node_at(const struct layout *lay, int x, int y);
/* Node ids of a layer in order; *n gets the count (NULL and 0 past the last layer). */
const uint32_t *layout_layer(const struct layout *lay, uint32_t layer, size_t *n);

/* UTF-8 glyph for junction/arrow bits (box drawing characters, arrows ▼ ▶ ▲ ◀). */
const char *layout_glyph_utf8(unsigned bits);
/* ASCII glyph for junction/arrow bits (+ | - v > ^ <). */
char layout_glyph_ascii(unsigned bits);

/* Append the drawing as text lines (trailing blanks trimmed) to out; ascii
 * selects the ASCII glyphs ('?' for non-ASCII label characters). Draws the
 * grid first if needed. 0 or -1 (see layout_draw). */
int layout_render_text(struct layout *lay, bool ascii, struct buf *out, struct diag_list *dl);
/* Append JSON: {"direction", "width", "height", "layers", "crossings",
 * "nodes": [{id, name, kind, group, layer, order, x, y, w, h}],
 * "edges": [{from, to, reversed, points: [[x, y], ...]}]}. */
void layout_render_json(const struct layout *lay, struct buf *out);
/* Append Graphviz DOT of the graph (rankdir from the layout; tasks sharing a
 * group label become a cluster). */
void layout_render_dot(const struct layout *lay, struct buf *out);

#endif
