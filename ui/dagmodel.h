/* dagmodel: what the DAG view shows, kept apart from curses.
 *
 * The model turns the open file into a laid-out graph (src/specgraph.h,
 * src/layout.h) and remembers what the view adds on top: which groups are
 * expanded to show their tasks, the direction, the selection (a node and,
 * in an expanded group, one of its task lines) and the highlights: the
 * selection's upstream and downstream nodes and edges (graph_reach), the
 * nodes and tasks with problems, and the cycles.
 *
 * The layout is computed once per document generation (and per change of
 * expansion or direction): dagmodel_update() is cheap when nothing changed,
 * so a view can call it on every recalc. A templated spec is drawn as OSMO
 * renders it (session_rendered) and is read-only here; a file that cannot
 * be drawn leaves the model empty with the reasons in `why`.
 */
#ifndef OSMO_UI_DAGMODEL_H
#define OSMO_UI_DAGMODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "layout.h"
#include "session.h"
#include "spec.h"
#include "specgraph.h"

enum dagmodel_source {
	DAGM_NONE,       /* nothing to draw: see why */
	DAGM_PLAIN,      /* the file's own document */
	DAGM_RENDERED,   /* a template, as rendered (read-only) */
};

enum dagmodel_move {
	DAGM_LEFT,
	DAGM_RIGHT,
	DAGM_UP,
	DAGM_DOWN,
};

/* Highlight bits per node and per edge. */
enum {
	DAGM_SEL = 1 << 0,        /* the selected node */
	DAGM_UPSTREAM = 1 << 1,   /* on a path into the selection */
	DAGM_DOWNSTREAM = 1 << 2, /* on a path out of the selection */
	DAGM_CYCLE = 1 << 3,      /* on a reported cycle */
	DAGM_ERROR = 1 << 4,      /* a problem of severity error inside it */
	DAGM_WARNING = 1 << 5,    /* a warning inside it */
};

struct dagmodel {
	enum dagmodel_source source;
	enum layout_dir dir;
	int max_label;                 /* cut names wider than this (columns) */
	struct spec *spec;             /* owned; of the document drawn */
	struct specgraph *sg;          /* owned */
	struct layout *lay;            /* owned; cells drawn */
	struct diag_list why;          /* DAGM_NONE: why there is nothing to draw */
	struct graph_path *cycles;     /* one per strongly connected component with a cycle */
	size_t ncycles;
	uint8_t *node_marks;           /* [nodes] DAGM_* bits */
	uint8_t *edge_marks;           /* [edges] DAGM_* bits (no SEL) */
	uint8_t *task_marks;           /* [spec->ntasks] DAGM_ERROR / DAGM_WARNING */
	uint32_t sel;                  /* selected node, GRAPH_NONE when empty */
	long sel_line;                 /* -1: the node; else its inner line (a task) */
	char *sel_group;               /* the selection's group and task names, owned: */
	char *sel_task;                /* the next update finds them again by name */
	char **expanded;               /* names of expanded groups (kept across edits) */
	size_t nexpanded;
	/* what the current layout was made from */
	unsigned key_tree, key_gen, key_rtree, key_version;
	enum layout_dir key_dir;
	unsigned version;              /* bumped by expansion changes */
	unsigned layouts;              /* how many layouts were computed (for tests) */
};

/* An empty model laid out top to bottom. */
void dagmodel_init(struct dagmodel *m);
/* Free what m holds. */
void dagmodel_free(struct dagmodel *m);

/* Bring the model up to the session's current document (s may be NULL):
 * lays out again only when the document, the expansion or the direction
 * changed; the problem marks are refreshed every time. Returns true when
 * it laid out again. The selection follows its group and task by name. */
bool dagmodel_update(struct dagmodel *m, struct session *s);

/* Select node v (line -1) or its inner line; clamped. Recomputes the
 * upstream/downstream marks. */
void dagmodel_select(struct dagmodel *m, uint32_t v, long line);
/* Move the selection to the nearest node in that direction (through the
 * task lines of an expanded group first when moving up or down). Returns
 * false when there is nothing there. */
bool dagmodel_move(struct dagmodel *m, enum dagmodel_move dir);
/* Select the first node of the first layer (last: the last of the last). */
void dagmodel_select_end(struct dagmodel *m, bool last);
/* Expand or collapse the selected group (re-laid out on the next update).
 * Returns false, with why in msg, for a node that has no tasks to show. */
bool dagmodel_toggle(struct dagmodel *m, struct buf *msg);
/* Lay out left to right instead of top to bottom, or back. */
void dagmodel_turn(struct dagmodel *m);

/* The group of the selection, or NULL. */
const struct spec_group *dagmodel_group(const struct dagmodel *m);
/* The task the selection stands for: the selected line, the task of a
 * tasks: form node, or the only task of a group; NULL otherwise. */
const struct spec_task *dagmodel_task(const struct dagmodel *m);
/* The cells of the selection: the box, or the row of the selected line.
 * False when nothing is selected. */
bool dagmodel_sel_rect(const struct dagmodel *m, int *x, int *y, int *w, int *h);
/* True when v is on (one of) the cycles. */
bool dagmodel_on_cycle(const struct dagmodel *m, uint32_t v);

#endif
