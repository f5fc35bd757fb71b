/* dagmodel: the DAG view's data (see dagmodel.h).
 *
 * Rebuilding is spec view -> specgraph (groups as nodes, the tasks of the
 * expanded groups added as inner lines) -> layout -> cell grid, and happens
 * only when the key (document tree and generation, expansion version,
 * direction) changed. Everything per keystroke is linear in the graph at
 * most: the reach marks of a new selection, the nearest node of a move.
 */
#include "dagmodel.h"

#include <stdlib.h>
#include <string.h>

#define DAGM_MAX_LABEL 24
#define DAGM_MAX_WHY 20
/* the weight of the sideways distance when looking for the nearest node */
#define DAGM_SIDE_WEIGHT 2

struct span {
	uint32_t start, end;    /* bytes of the object's entry */
	uint32_t idx;           /* task index, or node id */
};

void dagmodel_init(struct dagmodel *m)
{
	memset(m, 0, sizeof *m);
	m->dir = LAYOUT_TB;
	m->max_label = DAGM_MAX_LABEL;
	m->sel = GRAPH_NONE;
	m->sel_line = -1;
	m->version = 1;
}

/* Drop the drawing (not the expansion, direction or key). */
static void clear_drawing(struct dagmodel *m)
{
	layout_free(m->lay);
	specgraph_free(m->sg);
	spec_free(m->spec);
	specgraph_cycles_free(m->cycles, m->ncycles);
	free(m->node_marks);
	free(m->edge_marks);
	free(m->task_marks);
	m->lay = NULL;
	m->sg = NULL;
	m->spec = NULL;
	m->cycles = NULL;
	m->ncycles = 0;
	m->node_marks = m->edge_marks = m->task_marks = NULL;
	m->source = DAGM_NONE;
	diag_clear(&m->why);
}

void dagmodel_free(struct dagmodel *m)
{
	clear_drawing(m);
	diag_free(&m->why);
	free(m->sel_group);
	free(m->sel_task);
	for (size_t i = 0; i < m->nexpanded; i++)
		free(m->expanded[i]);
	free(m->expanded);
	memset(m, 0, sizeof *m);
}

static size_t nnodes(const struct dagmodel *m)
{
	return m->sg ? graph_node_count(m->sg->graph) : 0;
}

static long find_expanded(const struct dagmodel *m, const char *name)
{
	for (size_t i = 0; i < m->nexpanded; i++)
		if (strcmp(m->expanded[i], name) == 0)
			return (long)i;
	return -1;
}

/* --- selection marks --- */

void dagmodel_select(struct dagmodel *m, uint32_t v, long line)
{
	size_t n = nnodes(m);
	if (!m->lay || n == 0) {
		m->sel = GRAPH_NONE;
		m->sel_line = -1;
		return;
	}
	if (v >= n)
		v = (uint32_t)(n - 1);
	long lines = (long)graph_line_count(m->sg->graph, v);
	m->sel = v;
	m->sel_line = line < -1 ? -1 : line >= lines ? lines - 1 : line;
	/* names, not pointers: the spec's strings live in the document, which
	 * the next edit may free */
	const struct spec_task *t = m->sel_line >= 0 ? dagmodel_task(m) : NULL;
	free(m->sel_group);
	free(m->sel_task);
	m->sel_group = strdup(specgraph_group_label(dagmodel_group(m)));
	m->sel_task = t ? strdup(t->name) : NULL;
	const struct graph *g = m->sg->graph;
	uint8_t *reach = calloc(n, 1);
	for (size_t u = 0; u < n; u++)
		m->node_marks[u] &= (uint8_t)~(DAGM_SEL | DAGM_UPSTREAM | DAGM_DOWNSTREAM);
	size_t ne = graph_edge_count(g);
	for (size_t e = 0; e < ne; e++)
		m->edge_marks[e] &= (uint8_t)~(DAGM_UPSTREAM | DAGM_DOWNSTREAM);
	m->node_marks[v] |= DAGM_SEL;
	if (!reach || graph_reach(g, v, GRAPH_UP | GRAPH_DOWN, reach) < 0) {
		free(reach);
		return;     /* out of memory: no path highlight, nothing worse */
	}
	for (size_t u = 0; u < n; u++) {
		if (reach[u] & GRAPH_UP)
			m->node_marks[u] |= DAGM_UPSTREAM;
		if (reach[u] & GRAPH_DOWN)
			m->node_marks[u] |= DAGM_DOWNSTREAM;
	}
	for (uint32_t e = 0; e < ne; e++) {
		uint32_t a = graph_edge_from(g, e), b = graph_edge_to(g, e);
		if ((reach[a] & GRAPH_UP) && (b == v || (reach[b] & GRAPH_UP)))
			m->edge_marks[e] |= DAGM_UPSTREAM;
		if ((a == v || (reach[a] & GRAPH_DOWN)) && (reach[b] & GRAPH_DOWN))
			m->edge_marks[e] |= DAGM_DOWNSTREAM;
	}
	free(reach);
}

void dagmodel_select_end(struct dagmodel *m, bool last)
{
	if (!m->lay || m->lay->nlayers == 0) {
		dagmodel_select(m, GRAPH_NONE, -1);
		return;
	}
	size_t n;
	const uint32_t *layer = layout_layer(m->lay, last ? m->lay->nlayers - 1 : 0, &n);
	if (layer && n)
		dagmodel_select(m, last ? layer[n - 1] : layer[0], -1);
}

/* --- problems --- */

static uint32_t span_start(const struct doc_node *n)
{
	return n->item_start < n->start ? n->item_start : n->start;
}

static int span_cmp(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start ? 1 : 0;
}

/* The span holding off (spans sorted, not nested), or NULL. */
static const struct span *span_find(const struct span *v, size_t n, uint32_t off)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && off < v[lo - 1].end ? &v[lo - 1] : NULL;
}

/* Mark the nodes and tasks that problems point into. Only the file's own
 * document has the offsets of the problems (a rendered one does not). */
static void mark_problems(struct dagmodel *m, struct session *s)
{
	size_t n = nnodes(m), nt = m->spec ? m->spec->ntasks : 0;
	for (size_t v = 0; v < n; v++)
		m->node_marks[v] &= (uint8_t)~(DAGM_ERROR | DAGM_WARNING);
	if (nt)
		memset(m->task_marks, 0, nt);
	if (m->source != DAGM_PLAIN || !session_ndiags(s))
		return;
	struct span *tasks = malloc((nt ? nt : 1) * sizeof *tasks);
	struct span *groups = malloc((n ? n : 1) * sizeof *groups);
	if (!tasks || !groups) {
		free(tasks);
		free(groups);
		return;
	}
	for (size_t i = 0; i < nt; i++) {
		const struct doc_node *t = m->spec->tasks[i].node;
		tasks[i] = (struct span){ t ? span_start(t) : 0, t ? t->end : 0, (uint32_t)i };
	}
	for (size_t v = 0; v < n; v++) {
		const struct doc_node *gn = m->spec->groups[v].node;
		groups[v] = (struct span){ gn ? span_start(gn) : 0, gn ? gn->end : 0, (uint32_t)v };
	}
	qsort(tasks, nt, sizeof *tasks, span_cmp);
	qsort(groups, n, sizeof *groups, span_cmp);
	for (size_t i = 0; i < session_ndiags(s); i++) {
		const struct diag *d = session_diag(s, i);
		if (d->offset == DIAG_NO_OFFSET || d->severity == DIAG_NOTE)
			continue;
		uint8_t bit = d->severity == DIAG_ERROR ? DAGM_ERROR : DAGM_WARNING;
		const struct span *t = span_find(tasks, nt, (uint32_t)d->offset);
		const struct span *g = span_find(groups, n, (uint32_t)d->offset);
		if (t) {
			m->task_marks[t->idx] |= bit;
			m->node_marks[specgraph_node_of(m->sg, &m->spec->tasks[t->idx])] |= bit;
		} else if (g) {
			m->node_marks[g->idx] |= bit;
		}
	}
	free(tasks);
	free(groups);
}

/* --- building --- */

/* The document to draw, or NULL with the reasons in m->why. */
static struct doc *source_doc(struct dagmodel *m, struct session *s, enum dagmodel_source *src)
{
	struct doc *d = session_doc(s);
	*src = DAGM_NONE;
	if (session_templated(s) && session_rendered(s)) {
		*src = DAGM_RENDERED;
		return session_rendered(s);
	}
	if (!session_templated(s) && d->ok && d->root) {
		*src = DAGM_PLAIN;
		return d;
	}
	for (size_t i = 0; i < session_ndiags(s) && m->why.n < DAGM_MAX_WHY; i++)
		if (session_diag(s, i)->severity == DIAG_ERROR)
			diag_add_copy(&m->why, session_diag(s, i));
	if (!m->why.n)
		diag_addf_lc(&m->why, DIAG_ERROR, "dag", 0, 0, "the file does not parse");
	return NULL;
}

static int alloc_marks(struct dagmodel *m)
{
	size_t n = nnodes(m), ne = graph_edge_count(m->sg->graph), nt = m->spec->ntasks;
	m->node_marks = calloc(n ? n : 1, 1);
	m->edge_marks = calloc(ne ? ne : 1, 1);
	m->task_marks = calloc(nt ? nt : 1, 1);
	return m->node_marks && m->edge_marks && m->task_marks ? 0 : -1;
}

static void mark_cycles(struct dagmodel *m)
{
	const struct graph *g = m->sg->graph;
	if (specgraph_cycles(m->sg, &m->cycles, &m->ncycles) < 0) {
		m->cycles = NULL;
		m->ncycles = 0;
		return;
	}
	for (size_t c = 0; c < m->ncycles; c++) {
		const struct graph_path *p = &m->cycles[c];
		for (size_t i = 0; i < p->n; i++) {
			m->node_marks[p->v[i]] |= DAGM_CYCLE;
			uint32_t e = i + 1 < p->n ? graph_edge_find(g, p->v[i], p->v[i + 1]) : GRAPH_NONE;
			if (e != GRAPH_NONE)
				m->edge_marks[e] |= DAGM_CYCLE;
		}
	}
}

/* Build spec, graph and layout of d. 0, or -1 with the reason in why. */
static int build(struct dagmodel *m, struct doc *d)
{
	m->spec = spec_build(d);
	if (!m->spec) {
		diag_addf_lc(&m->why, DIAG_ERROR, "dag", 0, 0, "out of memory");
		return -1;
	}
	if (!m->spec->workflow || m->spec->ngroups == 0) {
		diag_addf_lc(&m->why, DIAG_ERROR, "dag", 0, 0, !m->spec->workflow ?
			     "workflow: is missing or not a mapping; there is nothing to draw" :
			     "the workflow has no tasks or groups yet");
		return -1;
	}
	m->sg = specgraph_new(m->spec, NULL);
	if (!m->sg) {
		diag_addf_lc(&m->why, DIAG_ERROR, "dag", 0, 0, "the graph is too large or memory ran out");
		return -1;
	}
	for (uint32_t v = 0; v < m->spec->ngroups && m->nexpanded; v++) {
		const struct spec_group *g = &m->spec->groups[v];
		if (g->synthetic || find_expanded(m, specgraph_group_label(g)) < 0)
			continue;
		for (size_t i = 0; i < g->ntasks; i++)
			if (graph_add_line(m->sg->graph, v, g->tasks[i]->name[0] ? g->tasks[i]->name : "(unnamed)") < 0)
				return -1;
	}
	struct layout_opts lo = LAYOUT_OPTS_INIT;
	lo.dir = m->dir;
	lo.max_label = m->max_label;
	m->lay = layout_new(m->sg->graph, &lo, &m->why);
	if (!m->lay || layout_draw(m->lay, &m->why) < 0)
		return -1;
	m->layouts++;
	if (alloc_marks(m) < 0) {
		diag_addf_lc(&m->why, DIAG_ERROR, "dag", 0, 0, "out of memory");
		return -1;
	}
	mark_cycles(m);
	return 0;
}

/* The node whose group is shown as label, or GRAPH_NONE. */
static uint32_t node_labelled(const struct dagmodel *m, const char *label)
{
	for (uint32_t v = 0; v < m->spec->ngroups; v++)
		if (strcmp(specgraph_group_label(&m->spec->groups[v]), label) == 0)
			return v;
	return GRAPH_NONE;
}

bool dagmodel_update(struct dagmodel *m, struct session *s)
{
	struct doc *sd = s ? session_doc(s) : NULL;
	enum dagmodel_source src = DAGM_NONE;
	struct doc *rd = s ? session_rendered(s) : NULL;
	unsigned tree = sd ? sd->tree_id : 0, gen = sd ? sd->generation : 0;
	unsigned rtree = rd ? rd->tree_id : 0;
	bool same = m->key_tree == tree && m->key_gen == gen && m->key_rtree == rtree &&
		    m->key_version == m->version && m->key_dir == m->dir && (m->lay || m->why.n);
	if (same) {
		if (m->lay)
			mark_problems(m, s);
		return false;
	}
	/* the selection is found again by name: the old tree may be gone */
	char *sel_group = m->sel_group, *sel_task = m->sel_task;
	uint32_t old_sel = m->sel;
	m->sel_group = m->sel_task = NULL;
	clear_drawing(m);
	m->key_tree = tree;
	m->key_gen = gen;
	m->key_rtree = rtree;
	m->key_version = m->version;
	m->key_dir = m->dir;
	struct doc *d = s ? source_doc(m, s, &src) : NULL;
	if (!s)
		diag_addf_lc(&m->why, DIAG_ERROR, "dag", 0, 0, "no file is open");
	if (d && build(m, d) == 0) {
		m->source = src;
		uint32_t v = sel_group ? node_labelled(m, sel_group) : GRAPH_NONE;
		long line = -1;
		for (size_t i = 0; v != GRAPH_NONE && sel_task && i < graph_line_count(m->sg->graph, v); i++)
			if (strcmp(m->spec->groups[v].tasks[i]->name, sel_task) == 0)
				line = (long)i;
		if (v == GRAPH_NONE && old_sel != GRAPH_NONE)
			v = old_sel;     /* renamed or removed: stay about where we were */
		if (v == GRAPH_NONE)
			dagmodel_select_end(m, false);
		else
			dagmodel_select(m, v, line);
		mark_problems(m, s);
	} else {
		struct diag_list keep = m->why;
		memset(&m->why, 0, sizeof m->why);
		clear_drawing(m);
		m->why = keep;
		m->sel = GRAPH_NONE;
		m->sel_line = -1;
		m->sel_group = sel_group;   /* kept for when it can be drawn again */
		m->sel_task = sel_task;
		sel_group = sel_task = NULL;
	}
	free(sel_group);
	free(sel_task);
	return true;
}

/* --- navigation --- */

const struct spec_group *dagmodel_group(const struct dagmodel *m)
{
	return m->sg && m->sel != GRAPH_NONE ? specgraph_group(m->sg, m->sel) : NULL;
}

const struct spec_task *dagmodel_task(const struct dagmodel *m)
{
	const struct spec_group *g = dagmodel_group(m);
	if (!g)
		return NULL;
	if (m->sel_line >= 0)
		return specgraph_task_at(m->sg, m->sel, (size_t)m->sel_line);
	return g->synthetic || g->ntasks == 1 ? g->tasks[0] : NULL;
}

bool dagmodel_on_cycle(const struct dagmodel *m, uint32_t v)
{
	return m->node_marks && v < nnodes(m) && (m->node_marks[v] & DAGM_CYCLE);
}

bool dagmodel_sel_rect(const struct dagmodel *m, int *x, int *y, int *w, int *h)
{
	if (!m->lay || m->sel == GRAPH_NONE)
		return false;
	const struct layout_node *nd = &m->lay->nodes[m->sel];
	*x = nd->x;
	*w = nd->w;
	if (m->sel_line >= 0) {
		*y = nd->y + 3 + (int)m->sel_line;
		*h = 1;
	} else {
		*y = nd->y;
		*h = nd->h;
	}
	return true;
}

/* Distance from p to the interval [lo, hi]. */
static int gap(int p, int lo, int hi)
{
	return p < lo ? lo - p : p > hi ? p - hi : 0;
}

bool dagmodel_move(struct dagmodel *m, enum dagmodel_move dir)
{
	if (!m->lay || m->sel == GRAPH_NONE)
		return false;
	long lines = (long)graph_line_count(m->sg->graph, m->sel);
	if (dir == DAGM_DOWN && m->sel_line + 1 < lines) {
		dagmodel_select(m, m->sel, m->sel_line + 1);
		return true;
	}
	if (dir == DAGM_UP && m->sel_line >= 0) {
		dagmodel_select(m, m->sel, m->sel_line - 1);
		return true;
	}
	const struct layout_node *a = &m->lay->nodes[m->sel];
	int ax = a->x + a->w / 2;
	int ay = m->sel_line >= 0 ? a->y + 3 + (int)m->sel_line : a->y + 1;
	uint32_t best = GRAPH_NONE;
	long best_score = 0, best_centre = 0;
	for (uint32_t v = 0; v < m->lay->nnodes; v++) {
		const struct layout_node *b = &m->lay->nodes[v];
		int along, side;
		if (v == m->sel)
			continue;
		switch (dir) {
		case DAGM_RIGHT:
			along = b->x - (a->x + a->w);
			side = gap(ay, b->y, b->y + b->h - 1);
			break;
		case DAGM_LEFT:
			along = a->x - (b->x + b->w);
			side = gap(ay, b->y, b->y + b->h - 1);
			break;
		case DAGM_DOWN:
			along = b->y - (a->y + a->h);
			side = gap(ax, b->x, b->x + b->w - 1);
			break;
		default:
			along = a->y - (b->y + b->h);
			side = gap(ax, b->x, b->x + b->w - 1);
			break;
		}
		if (along < 0)
			continue;
		long score = (long)along + DAGM_SIDE_WEIGHT * (long)side;
		long centre = labs((long)(b->x + b->w / 2 - ax)) + labs((long)(b->y + 1 - ay));
		if (best == GRAPH_NONE || score < best_score || (score == best_score && centre < best_centre)) {
			best = v;
			best_score = score;
			best_centre = centre;
		}
	}
	if (best == GRAPH_NONE)
		return false;
	long blines = (long)graph_line_count(m->sg->graph, best);
	dagmodel_select(m, best, dir == DAGM_UP && blines > 0 ? blines - 1 : -1);
	return true;
}

bool dagmodel_toggle(struct dagmodel *m, struct buf *msg)
{
	const struct spec_group *g = dagmodel_group(m);
	if (!g) {
		buf_puts(msg, "nothing is selected");
		return false;
	}
	if (g->synthetic) {
		buf_printf(msg, "%s is a task of a tasks: workflow: it is its own group", g->tasks[0]->name);
		return false;
	}
	const char *label = specgraph_group_label(g);
	long at = find_expanded(m, label);
	if (at >= 0) {
		free(m->expanded[at]);
		m->expanded[at] = m->expanded[--m->nexpanded];
		m->sel_line = -1;
	} else {
		if (g->ntasks == 0) {
			buf_printf(msg, "group %s has no tasks", label);
			return false;
		}
		char **v = realloc(m->expanded, (m->nexpanded + 1) * sizeof *v);
		char *copy = strdup(label);
		if (!v || !copy) {
			free(copy);
			if (v)
				m->expanded = v;
			buf_puts(msg, "out of memory");
			return false;
		}
		m->expanded = v;
		m->expanded[m->nexpanded++] = copy;
	}
	m->version++;
	return true;
}

void dagmodel_turn(struct dagmodel *m)
{
	m->dir = m->dir == LAYOUT_TB ? LAYOUT_LR : LAYOUT_TB;
}
