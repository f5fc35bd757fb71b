/* dag: the dependency graph of the groups, as boxes and arrows.
 *
 * The data (layout, selection, highlights) is ui/dagmodel.c; this file
 * draws the visible window of the layout's cell grid -- never the whole
 * canvas, so a graph of thousands of groups costs what the screen shows --
 * and maps the command table onto it: arrows and hjkl move to the nearest
 * node in that direction, Space expands a group to its tasks, T turns the
 * layout, Enter opens the selection in the form view, a adds an input to
 * the selected task (asking for the upstream task, Tab completes), Esc goes
 * back. The first row says what is drawn (and what is not: inputs that
 * draw no edge, a cycle); the pane shows the selection's neighbours and
 * problems.
 */
#include <stdlib.h>
#include <string.h>

#include "add.h"
#include "chrome.h"
#include "commands.h"
#include "dagmodel.h"
#include "draw.h"
#include "outline.h"
#include "session.h"
#include "uwidth.h"
#include "views.h"

struct dag_view {
	struct dagmodel m;
	int left, top;            /* canvas cell shown at the window's first column/row */
	char *consumer;           /* the task an input is being added to */
};

static const int dag_cmds[] = {
	CMD_DOWN, CMD_UP, CMD_FOLD, CMD_UNFOLD, CMD_PAGE_DOWN, CMD_PAGE_UP, CMD_FIRST, CMD_LAST,
	CMD_SELECT, CMD_TOGGLE, CMD_ADD, CMD_TURN, CMD_BACK, CMD_NONE,
};

static struct dag_view *priv_of(struct app *app)
{
	struct view *v = app_current_view(app);
	return v && v->ops == &view_dag_ops ? v->priv : NULL;
}

static int dag_open(struct view *v, struct app *app)
{
	struct dag_view *dv = calloc(1, sizeof *dv);
	if (!dv)
		return -1;
	dagmodel_init(&dv->m);
	v->priv = dv;
	(void)app;
	return 0;
}

static void dag_close(struct view *v)
{
	struct dag_view *dv = v->priv;
	dagmodel_free(&dv->m);
	free(dv->consumer);
	free(dv);
	v->priv = NULL;
}

static void dag_recalc(struct view *v, struct app *app)
{
	struct dag_view *dv = v->priv;
	dagmodel_update(&dv->m, app_session(app));
}

/* --- drawing --- */

/* Attributes of a cell. */
static attr_t cell_attr(const struct dag_view *dv, const struct theme *th, const struct layout_cell *c,
			int y)
{
	const struct dagmodel *m = &dv->m;
	if (c->kind == LAYOUT_CELL_EDGE) {
		uint8_t em = c->edge < m->lay->nedges ? m->edge_marks[c->edge] : 0;
		if (em & DAGM_CYCLE)
			return theme_attr(th, ROLE_ERROR);
		if (em & (DAGM_UPSTREAM | DAGM_DOWNSTREAM))
			return theme_attr(th, ROLE_NOTE) | A_BOLD;
		return theme_attr(th, ROLE_DIM);
	}
	if (c->node >= m->lay->nnodes)
		return theme_attr(th, ROLE_NORMAL);
	uint8_t nm = m->node_marks[c->node];
	const struct layout_node *nd = &m->lay->nodes[c->node];
	bool inside = c->kind != LAYOUT_CELL_BORDER;
	if (c->node == m->sel && inside) {
		int row = m->sel_line >= 0 ? nd->y + 3 + (int)m->sel_line : nd->y + 1;
		if (y == row)
			return theme_attr(th, ROLE_SELECTION);
	}
	if (inside && y >= nd->y + 3) {
		const struct spec_task *t = specgraph_task_at(m->sg, c->node, (size_t)(y - nd->y - 3));
		uint8_t tm = t ? m->task_marks[t->index] : 0;
		if (tm & DAGM_ERROR)
			return theme_attr(th, ROLE_ERROR);
		if (tm & DAGM_WARNING)
			return theme_attr(th, ROLE_WARNING);
		return theme_attr(th, ROLE_NORMAL);
	}
	if (nm & (DAGM_CYCLE | DAGM_ERROR))
		return theme_attr(th, ROLE_ERROR);
	if (nm & DAGM_WARNING)
		return theme_attr(th, ROLE_WARNING);
	if (nm & DAGM_SEL)
		return theme_attr(th, ROLE_HEADER);
	if (nm & (DAGM_UPSTREAM | DAGM_DOWNSTREAM))
		return theme_attr(th, ROLE_NOTE) | A_BOLD;
	return theme_attr(th, ROLE_NORMAL);
}

/* The text of one cell (NUL-terminated in out, at least 5 bytes). */
static void cell_text(const struct layout_cell *c, bool ascii, char *out)
{
	out[0] = ' ';
	out[1] = '\0';
	switch (c->kind) {
	case LAYOUT_CELL_BORDER:
	case LAYOUT_CELL_EDGE:
		if (ascii) {
			out[0] = layout_glyph_ascii(c->bits);
		} else {
			strncpy(out, layout_glyph_utf8(c->bits), 4);
			out[4] = '\0';
		}
		break;
	case LAYOUT_CELL_TEXT:
		if (c->ch == LAYOUT_ELLIPSIS && ascii)
			out[0] = '~';
		else if (uwidth_cp(c->ch) < 0 || (ascii && c->ch >= 0x80))
			out[0] = '?';   /* never send a control character to the terminal */
		else
			out[uwidth_encode(c->ch, out)] = '\0';
		break;
	default:
		break;
	}
}

/* Scroll so the selection is on screen (all of its box when it fits). */
static void follow(struct dag_view *dv, int cols, int rows)
{
	int x, y, w, h;
	if (!dagmodel_sel_rect(&dv->m, &x, &y, &w, &h))
		return;
	if (w > cols)
		w = cols;
	if (h > rows)
		h = rows;
	if (x < dv->left)
		dv->left = x;
	else if (x + w > dv->left + cols)
		dv->left = x + w - cols;
	if (y < dv->top)
		dv->top = y;
	else if (y + h > dv->top + rows)
		dv->top = y + h - rows;
	if (dv->left < 0)
		dv->left = 0;
	if (dv->top < 0)
		dv->top = 0;
}

static void draw_canvas(struct dag_view *dv, struct app *app, WINDOW *w, int y0)
{
	const struct theme *th = app_theme(app);
	const struct layout *lay = dv->m.lay;
	int rows = getmaxy(w) - y0, cols = getmaxx(w);
	if (rows <= 0 || cols <= 0)
		return;
	int ox = 0;
	if (lay->width <= cols) {
		ox = (cols - lay->width) / 2;   /* a small graph sits in the middle */
		dv->left = 0;
	}
	if (lay->height <= rows)
		dv->top = 0;
	follow(dv, cols, rows);
	for (int r = 0; r < rows && dv->top + r < lay->height; r++) {
		int cy = dv->top + r;
		for (int c = 0; c + ox < cols && dv->left + c < lay->width; c++) {
			const struct layout_cell *cell = layout_cell(lay, dv->left + c, cy);
			if (!cell || cell->kind == LAYOUT_CELL_EMPTY)
				continue;
			if (cell->kind == LAYOUT_CELL_WIDE && c > 0)
				continue;    /* the character on its left covers it */
			char text[8];
			cell_text(cell, th->ascii, text);
			bool wide = cell->kind == LAYOUT_CELL_TEXT && uwidth_cp(cell->ch) == 2 && !th->ascii;
			if (wide && c + ox + 1 >= cols)
				strcpy(text, " ");
			wattrset(w, cell_attr(dv, th, cell, cy));
			mvwaddstr(w, y0 + r, c + ox, text);
		}
	}
	wattrset(w, A_NORMAL);
}

/* "name: 4 groups, 4 dependencies, top to bottom". */
static void header_text(const struct dagmodel *m, struct buf *out)
{
	const struct specgraph *sg = m->sg;
	size_t n = graph_node_count(sg->graph), e = graph_edge_count(sg->graph);
	if (m->spec->name && *m->spec->name)
		buf_printf(out, "%s: ", m->spec->name);
	buf_printf(out, "%zu %s, %zu %s, %s", n, m->spec->uses_groups ? (n == 1 ? "group" : "groups") :
		   (n == 1 ? "task" : "tasks"), e, e == 1 ? "dependency" : "dependencies",
		   m->dir == LAYOUT_TB ? "top to bottom" : "left to right");
}

/* What the drawing leaves out: inputs that draw no edge; and a template. */
static void missing_text(const struct dagmodel *m, struct buf *out)
{
	const struct specgraph *sg = m->sg;
	if (m->source == DAGM_RENDERED)
		buf_puts(out, "the template as rendered with its current values: read-only here");
	if (sg->nunresolved)
		buf_printf(out, "%snot drawn: %zu input%s naming no task of this workflow", out->len ? "; " : "",
			   sg->nunresolved,
			   sg->nunresolved == 1 ? "" : "s");
	if (sg->nprevious)
		buf_printf(out, "%s%zu input%s from a previous workflow", sg->nunresolved ? ", " :
			   out->len ? "; not drawn: " : "not drawn: ",
			   sg->nprevious, sg->nprevious == 1 ? "" : "s");
}

/* Rows above the drawing: the summary, then cycles and what is not drawn. */
static int header_rows(const struct dagmodel *m)
{
	return m->lay && (m->ncycles || m->sg->nunresolved || m->sg->nprevious || m->source == DAGM_RENDERED)
		       ? 2 : 1;
}

static void draw_nothing(struct dag_view *dv, struct app *app, WINDOW *w)
{
	const struct theme *th = app_theme(app);
	int rows = getmaxy(w), cols = getmaxx(w);
	const struct diag_list *why = &dv->m.why;
	bool located = why->n && why->v[0].line > 0;
	draw_text(w, 0, 1, cols - 2, located ? "Nothing to draw: the spec does not load. The problems:" :
		  "Nothing to draw:", theme_attr(th, ROLE_HEADER));
	int y = 1;
	for (size_t i = 0; i < why->n && y < rows; i++, y++) {
		if (why->v[i].line > 0)
			chrome_draw_diag(app, w, y, &why->v[i], false);
		else
			draw_text(w, y, 2, cols - 3, why->v[i].message, theme_attr(th, ROLE_ERROR));
		if (why->v[i].rule && strcmp(why->v[i].rule, "layout-too-large") == 0 && ++y < rows)
			draw_text(w, y, 2, cols - 3, "osmo-tui dag --format dot (or json) FILE describes graphs of any size",
				  theme_attr(th, ROLE_DIM));
	}
}

static void dag_draw(struct view *v, struct app *app, WINDOW *w)
{
	struct dag_view *dv = v->priv;
	const struct theme *th = app_theme(app);
	int cols = getmaxx(w);
	if (!dv->m.lay) {
		draw_nothing(dv, app, w);
		return;
	}
	struct buf head = BUF_INIT;
	header_text(&dv->m, &head);
	const char *ell = theme_glyph(th, GLYPH_ELLIPSIS);
	draw_text_clip(w, 0, 1, cols - 2, buf_cstr(&head), ell, theme_attr(th, ROLE_DIM));
	int x = 1;
	if (dv->m.ncycles) {
		buf_reset(&head);
		buf_printf(&head, "cycle%s: ", dv->m.ncycles == 1 ? "" : "s");
		for (size_t c = 0; c < dv->m.ncycles && c < 4; c++) {
			if (c)
				buf_puts(&head, "; ");
			specgraph_path_text(dv->m.sg, &dv->m.cycles[c], th->ascii ? " -> " : " \u2192 ", &head);
		}
		x += draw_text_clip(w, 1, x, cols - x - 1, buf_cstr(&head), ell, theme_attr(th, ROLE_ERROR)) + 2;
	}
	buf_reset(&head);
	missing_text(&dv->m, &head);
	if (head.len && x + 4 < cols)
		draw_text_clip(w, 1, x, cols - x - 1, buf_cstr(&head), ell, theme_attr(th, ROLE_WARNING));
	buf_free(&head);
	draw_canvas(dv, app, w, header_rows(&dv->m));
}

/* --- the pane: the selection's neighbours and problems --- */

/* Append the labels of the groups before (preds) or after v. */
static void neighbours(const struct dagmodel *m, uint32_t v, bool preds, struct buf *out)
{
	const struct graph *g = m->sg->graph;
	size_t k = 0;
	for (uint32_t e = preds ? graph_in_first(g, v) : graph_out_first(g, v); e != GRAPH_NONE;
	     e = preds ? graph_in_next(g, e) : graph_out_next(g, e), k++) {
		uint32_t u = preds ? graph_edge_from(g, e) : graph_edge_to(g, e);
		if (k == 8) {
			buf_puts(out, ", ...");
			break;
		}
		buf_printf(out, "%s%s", k ? ", " : "", graph_name(g, u));
	}
	if (!k)
		buf_puts(out, "-");
}

/* Problems whose offset lies inside node n (file offsets: plain specs only). */
static int draw_node_problems(struct app *app, WINDOW *w, int y, const struct doc_node *n)
{
	struct session *s = app_session(app);
	int rows = getmaxy(w);
	uint32_t start = n->item_start < n->start ? n->item_start : n->start;
	for (size_t i = 0; i < session_ndiags(s) && y < rows; i++) {
		const struct diag *d = session_diag(s, i);
		if (d->offset != DIAG_NO_OFFSET && d->offset >= start && d->offset < n->end)
			chrome_draw_diag(app, w, y++, d, false);
	}
	return y;
}

static void dag_draw_pane(struct view *v, struct app *app, WINDOW *w)
{
	struct dag_view *dv = v->priv;
	const struct dagmodel *m = &dv->m;
	const struct theme *th = app_theme(app);
	int cols = getmaxx(w), rows = getmaxy(w);
	const struct spec_group *g = dagmodel_group(m);
	if (!g) {
		chrome_draw_default_pane(app, w);
		return;
	}
	const struct spec_task *t = m->sel_line >= 0 || g->synthetic ? dagmodel_task(m) : NULL;
	struct buf line = BUF_INIT;
	if (t && !g->synthetic)
		buf_printf(&line, "Task %s (group %s)", t->name, specgraph_group_label(g));
	else
		buf_printf(&line, "%s %s", t ? "Task" : "Group", specgraph_group_label(g));
	chrome_draw_pane_header(app, w, buf_cstr(&line));
	int y = 1;
	buf_reset(&line);
	if (t) {
		buf_puts(&line, "inputs: ");
		for (size_t i = 0; i < t->ninputs; i++) {
			const struct spec_input *in = &t->inputs[i];
			buf_printf(&line, "%s%s", i ? ", " : "", in->kind == SPEC_IN_TASK ? in->task :
				   in->value && in->value->kind == DOC_SCALAR ? in->value->text : "(dataset)");
		}
		if (!t->ninputs)
			buf_puts(&line, "-");
		buf_printf(&line, "   resource: %s", t->resource);
	} else {
		buf_printf(&line, "%zu task%s: ", g->ntasks, g->ntasks == 1 ? "" : "s");
		for (size_t i = 0; i < g->ntasks && i < 12; i++)
			buf_printf(&line, "%s%s%s", i ? ", " : "", g->tasks[i]->name, g->tasks[i]->lead ? " (lead)" : "");
	}
	draw_text_clip(w, y++, 1, cols - 2, buf_cstr(&line), theme_glyph(th, GLYPH_ELLIPSIS),
		       theme_attr(th, ROLE_NORMAL));
	buf_reset(&line);
	buf_puts(&line, "waits for: ");
	neighbours(m, m->sel, true, &line);
	buf_puts(&line, "   needed by: ");
	neighbours(m, m->sel, false, &line);
	draw_text_clip(w, y++, 1, cols - 2, buf_cstr(&line), theme_glyph(th, GLYPH_ELLIPSIS),
		       theme_attr(th, ROLE_DIM));
	if (dagmodel_on_cycle(m, m->sel) && y < rows)
		draw_text(w, y++, 1, cols - 2, "On a dependency cycle: OSMO cannot order these groups.",
			  theme_attr(th, ROLE_ERROR));
	if (m->source == DAGM_PLAIN) {
		const struct doc_node *n = t ? t->node : g->node;
		if (n)
			draw_node_problems(app, w, y, n);
	}
	buf_free(&line);
}

/* --- commands --- */

/* Enter: the selected task or group in the form view (Esc comes back). */
static void open_form(struct dag_view *dv, struct app *app)
{
	const struct spec_group *g = dagmodel_group(&dv->m);
	if (!g)
		return;
	const struct spec_task *t = dv->m.sel_line >= 0 || g->synthetic ? dagmodel_task(&dv->m) : NULL;
	const struct doc_node *n = t ? t->node : g->node;
	if (dv->m.source == DAGM_RENDERED) {
		/* the rendered tree is not the file: find the name in the file */
		const char *name = t ? t->name : g->name;
		n = outline_find_name(session_doc(app_session(app)), name);
		if (!n) {
			app_message(app, ROLE_WARNING, "%s is made by the template; edit the template in the outline",
				    name);
			return;
		}
	}
	if (!n || outline_view_reveal(app, n->item_start < n->start ? n->item_start : n->start) < 0)
		return;
	if (app_show_view(app, "form") == 0)
		app_set_back(app, "dag");
}

static void add_input_done(struct app *app, const char *line, void *ctx)
{
	struct dag_view *dv = priv_of(app);
	struct session *s = app_session(app);
	(void)ctx;
	if (!line || !*line || !dv || !dv->consumer || !s || !dv->m.spec)
		return;
	const struct spec_task *t = spec_task_named(dv->m.spec, dv->consumer);
	const struct spec_task *from = spec_task_named(dv->m.spec, line);
	if (!t) {
		app_message(app, ROLE_ERROR, "%s is gone (changed meanwhile?)", dv->consumer);
		return;
	}
	if (!from) {
		app_message(app, ROLE_ERROR, "No task named '%s' (Tab completes task names)", line);
		return;
	}
	if (from == t) {
		app_message(app, ROLE_ERROR, "A task cannot take input from itself");
		return;
	}
	for (size_t i = 0; i < t->ninputs; i++)
		if (t->inputs[i].kind == SPEC_IN_TASK && !t->inputs[i].previous_workflow &&
		    strcmp(t->inputs[i].task, line) == 0) {
			app_message(app, ROLE_WARNING, "%s already takes input from %s", t->name, line);
			return;
		}
	const struct doc_node *inputs = doc_map_get(t->node, "inputs");
	struct add_plan plan;
	struct buf msg = BUF_INIT;
	int rc = -1;
	if (!inputs)
		rc = add_plan_field(t->node, "inputs", &plan, &msg);
	else if (inputs->kind == DOC_SEQ)
		rc = add_plan_at(inputs, &plan, &msg);
	else
		buf_printf(&msg, "inputs: of %s is not a list", t->name);
	if (rc == 0) {
		rc = add_apply(s, &plan, line, NULL, &msg);
		add_plan_free(&plan);
	}
	if (rc < 0) {
		app_message(app, ROLE_ERROR, "Not changed: %s", buf_cstr(&msg));
	} else {
		app_data_changed(app);
		app_message(app, ROLE_NORMAL, "%s now takes input from %s (u undoes)", dv->consumer, line);
	}
	buf_free(&msg);
}

/* a: ask which task the selected task takes input from. */
static void add_input(struct dag_view *dv, struct app *app)
{
	const struct spec_task *t = dagmodel_task(&dv->m);
	if (dv->m.source != DAGM_PLAIN) {
		app_message(app, ROLE_WARNING, "%s", dv->m.source == DAGM_RENDERED ?
			    "This graph is the rendered template (read-only): edit the template in the outline" :
			    "There is no graph to add to");
		return;
	}
	if (!t) {
		app_message(app, ROLE_WARNING, "Select a task first: Space shows the tasks of the group");
		return;
	}
	free(dv->consumer);
	dv->consumer = strdup(t->name);
	struct buf label = BUF_INIT;
	buf_printf(&label, "%s takes input from task: ", t->name);
	app_prompt(app, PROMPT_VALUE, buf_cstr(&label), NULL, add_input_done, NULL);
	buf_free(&label);
}

static size_t dag_complete(struct view *v, struct app *app, const char *word, struct buf *out)
{
	struct dag_view *dv = v->priv;
	size_t n = 0, len = strlen(word);
	(void)app;
	for (size_t i = 0; dv->m.spec && i < dv->m.spec->ntasks; i++) {
		const char *name = dv->m.spec->tasks[i].name;
		if (*name && strncmp(name, word, len) == 0 && (!dv->consumer || strcmp(name, dv->consumer))) {
			buf_printf(out, "%s\n", name);
			n++;
		}
	}
	return n;
}

/* Keep moving down (or up) until the selection is a page further. */
static void page(struct dag_view *dv, bool down, int height)
{
	int x, y0, w, h, y;
	if (!dagmodel_sel_rect(&dv->m, &x, &y0, &w, &h))
		return;
	for (size_t i = 0; i < dv->m.lay->nnodes + 1024; i++) {
		if (!dagmodel_move(&dv->m, down ? DAGM_DOWN : DAGM_UP) || !dagmodel_sel_rect(&dv->m, &x, &y, &w, &h))
			break;
		if (abs(y - y0) >= height)
			break;
	}
}

static enum view_result dag_command(struct view *v, struct app *app, int cmd, const char *args)
{
	struct dag_view *dv = v->priv;
	struct buf msg = BUF_INIT;
	(void)args;
	static const struct { int cmd; enum dagmodel_move dir; } moves[] = {
		{ CMD_DOWN, DAGM_DOWN }, { CMD_UP, DAGM_UP }, { CMD_FOLD, DAGM_LEFT }, { CMD_UNFOLD, DAGM_RIGHT },
	};
	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
		if (moves[i].cmd == cmd) {
			dagmodel_move(&dv->m, moves[i].dir);
			app_dirty(app, DIRTY_MAIN | DIRTY_PANE);
			return VIEW_DONE;
		}
	switch (cmd) {
	case CMD_PAGE_DOWN:
	case CMD_PAGE_UP:
		page(dv, cmd == CMD_PAGE_DOWN, app_main_height(app) - header_rows(&dv->m) - 1);
		break;
	case CMD_FIRST:
	case CMD_LAST:
		dagmodel_select_end(&dv->m, cmd == CMD_LAST);
		break;
	case CMD_SELECT:
		open_form(dv, app);
		break;
	case CMD_TOGGLE:
		if (!dagmodel_toggle(&dv->m, &msg))
			app_message(app, ROLE_WARNING, "%s", buf_cstr(&msg));
		dagmodel_update(&dv->m, app_session(app));
		break;
	case CMD_TURN:
		dagmodel_turn(&dv->m);
		dagmodel_update(&dv->m, app_session(app));
		break;
	case CMD_ADD:
		add_input(dv, app);
		break;
	case CMD_BACK:
		app_back(app);
		break;
	default:
		buf_free(&msg);
		return VIEW_PASS;
	}
	buf_free(&msg);
	app_dirty(app, DIRTY_MAIN | DIRTY_PANE);
	return VIEW_DONE;
}

static const char *dag_hint(int cmd)
{
	if (cmd == CMD_SELECT)
		return "form";
	if (cmd == CMD_TOGGLE)
		return "expand";
	if (cmd == CMD_ADD)
		return "input";
	return NULL;
}

const struct view_ops view_dag_ops = {
	.name = "dag",
	.title = "Graph",
	.cmds = dag_cmds,
	.hint = dag_hint,
	.open = dag_open,
	.close = dag_close,
	.recalc = dag_recalc,
	.draw = dag_draw,
	.draw_pane = dag_draw_pane,
	.command = dag_command,
	.complete = dag_complete,
};
