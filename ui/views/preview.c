/* preview: a templated spec and what OSMO renders from it.
 *
 * Top: one line saying how the spec renders (a template with N values, a
 * plain spec that renders unchanged, or the render error). The values form
 * (every default-values key and every --set / :let override) is the detail
 * pane, or sits under that line when the pane is hidden.
 * Enter (or e) edits the selected value; the new value is kept in the
 * session, so the problems are re-checked and the preview re-renders before
 * the next key. d drops an override. Below: the template (the file, with
 * line numbers) and the rendered spec, side by side from 100 columns,
 * stacked on narrower terminals. Problems are marked on the template line
 * they point at and on every rendered line that comes from it (the render's
 * line map); a render error moves both sides to its line, and ] and [ step
 * through the problems the same way. Ctrl-D / Ctrl-U and the page keys
 * scroll the text; the rendered side follows the template side.
 */
#include <stdlib.h>
#include <string.h>

#include "chrome.h"
#include "commands.h"
#include "draw.h"
#include "listnav.h"
#include "session.h"
#include "textpane.h"
#include "textpos.h"
#include "tpreview.h"
#include "views.h"

#define SIDE_BY_SIDE_COLS 100
#define CONTEXT_LINES 2       /* shown above a line the view jumps to */
#define VALUE_ROWS_MAX 6

struct preview {
	struct tpreview tp;
	struct textpos src, out;   /* line indexes of the template and the rendering */
	bool have_src, have_out;
	struct listnav nav;        /* over tp.vars */
	int top;                   /* first template line shown */
	int err_seen;              /* the error line the view last jumped to */
	char *editing;             /* the variable being edited */
	struct app *app;           /* for the style callbacks */
};

static const int preview_cmds[] = {
	CMD_DOWN, CMD_UP, CMD_FIRST, CMD_LAST, CMD_SELECT, CMD_EDIT, CMD_DELETE, CMD_PAGE_DOWN,
	CMD_PAGE_UP, CMD_SCROLL_DOWN, CMD_SCROLL_UP, CMD_NEXT_PROBLEM, CMD_PREV_PROBLEM, CMD_BACK,
	CMD_NONE,
};

static int preview_open(struct view *v, struct app *app)
{
	struct preview *pv = calloc(1, sizeof *pv);
	if (!pv)
		return -1;
	pv->top = 1;
	pv->app = app;
	v->priv = pv;
	return 0;
}

static void drop_indexes(struct preview *pv)
{
	if (pv->have_src)
		textpos_free(&pv->src);
	if (pv->have_out)
		textpos_free(&pv->out);
	pv->have_src = pv->have_out = false;
}

static void preview_close(struct view *v)
{
	struct preview *pv = v->priv;
	drop_indexes(pv);
	tpreview_free(&pv->tp);
	free(pv->editing);
	free(pv);
	v->priv = NULL;
}

/* --- geometry --- */

struct geom {
	int vals_y, vals_h;        /* the values form */
	int src_y, src_x, src_w;   /* template pane (title row at src_y) */
	int out_y, out_x, out_w;   /* rendered pane */
	int text_h;                /* text rows of each pane */
};

/* The values go to the detail pane when it is shown, else above the text. */
static bool values_in_pane(const struct app *app)
{
	return app_pane_height(app) >= 3;
}

/* Rows of the values form. */
static int value_rows(const struct preview *pv, const struct app *app)
{
	if (values_in_pane(app))
		return app_pane_height(app) - 1;
	int n = pv->tp.nvars ? (int)pv->tp.nvars : 1;
	return n < VALUE_ROWS_MAX ? n : VALUE_ROWS_MAX;
}

static struct geom geometry(const struct preview *pv, const struct app *app, int rows, int cols)
{
	struct geom g;
	g.vals_y = 1;
	g.vals_h = values_in_pane(app) ? 0 : value_rows(pv, app);
	int y = g.vals_y + g.vals_h;
	int left = rows - y;
	if (cols >= SIDE_BY_SIDE_COLS) {
		g.src_y = g.out_y = y;
		g.src_x = 0;
		g.src_w = cols / 2;
		g.out_x = g.src_w + 1;
		g.out_w = cols - g.out_x;
		g.text_h = left - 1;
	} else {
		g.src_x = g.out_x = 0;
		g.src_w = g.out_w = cols;
		g.text_h = (left - 2) / 2;
		g.src_y = y;
		g.out_y = y + 1 + g.text_h;
	}
	if (g.text_h < 1)
		g.text_h = 1;
	return g;
}

static int text_height(const struct preview *pv, const struct app *app)
{
	return geometry(pv, app, app_main_height(app), COLS).text_h;
}

/* --- data --- */

/* Show file line `line` near the top of the template side. */
static void scroll_to(struct preview *pv, int line, int h)
{
	pv->top = line - CONTEXT_LINES;
	if (pv->have_src)
		pv->top = textpane_clamp(&pv->src, pv->top, h);
	if (pv->top < 1)
		pv->top = 1;
}

static void preview_recalc(struct view *v, struct app *app)
{
	struct preview *pv = v->priv;
	struct session *s = app_session(app);
	if (!s)
		return;
	const struct doc *d = session_doc(s);
	if (!tpreview_update(&pv->tp, s) && pv->have_src)
		return;
	drop_indexes(pv);
	pv->have_src = textpos_init(&pv->src, d->text, d->len) == 0;
	if (pv->tp.rr.text)
		pv->have_out = textpos_init(&pv->out, pv->tp.rr.text, pv->tp.rr.len) == 0;
	listnav_set_count(&pv->nav, pv->tp.nvars);
	/* a new render error: both sides go to its line (once per error) */
	if (pv->tp.error_line && pv->tp.error_line != pv->err_seen)
		scroll_to(pv, pv->tp.error_line, text_height(pv, app));
	pv->err_seen = pv->tp.error_line;
}

static const struct diag *diag_on_line(const struct session *s, int line)
{
	const struct diag *best = NULL;
	for (size_t i = 0; line > 0 && i < session_ndiags(s); i++) {
		const struct diag *d = session_diag(s, i);
		if (d->line == line && (!best || d->severity < best->severity))
			best = d;
	}
	return best;
}

static void mark_for(const struct preview *pv, int fline, enum theme_role *text, const char **mark,
		     enum theme_role *mark_role)
{
	const struct session *s = app_session(pv->app);
	const struct theme *th = app_theme(pv->app);
	const struct diag *d = s ? diag_on_line(s, fline) : NULL;
	if (!d)
		return;
	bool err = d->severity == DIAG_ERROR;
	*mark = theme_glyph(th, err ? GLYPH_ERROR : GLYPH_WARNING);
	*mark_role = err ? ROLE_ERROR : ROLE_WARNING;
	if (fline == pv->tp.error_line)
		*text = ROLE_ERROR;
}

static void src_style(void *ctx, int line, enum theme_role *text, const char **mark,
		      enum theme_role *mark_role)
{
	mark_for(ctx, line, text, mark, mark_role);
}

static void out_style(void *ctx, int line, enum theme_role *text, const char **mark,
		      enum theme_role *mark_role)
{
	const struct preview *pv = ctx;
	if (pv->tp.stale)
		*text = ROLE_DIM;   /* an earlier render: its lines carry no problems */
	else
		mark_for(pv, tpreview_source_line(&pv->tp, line), text, mark, mark_role);
}

/* --- drawing --- */

static void draw_status(struct preview *pv, struct app *app, WINDOW *w, int cols)
{
	const struct theme *th = app_theme(app);
	const char *ell = theme_glyph(th, GLYPH_ELLIPSIS);
	struct buf b = BUF_INIT;
	enum theme_role role = ROLE_NORMAL;
	size_t nset = 0;
	for (size_t i = 0; i < pv->tp.nvars; i++)
		nset += pv->tp.vars[i].value != NULL;
	if (!pv->tp.ok) {
		const struct diag *e = pv->tp.errors.n ? &pv->tp.errors.v[0] : NULL;
		if (e && e->line > 0)
			buf_printf(&b, "Render error at line %d: ", e->line);
		else
			buf_puts(&b, "Render error: ");
		buf_puts(&b, e && e->message ? e->message : "the template does not render");
		role = ROLE_ERROR;
	} else if (pv->tp.templated) {
		buf_printf(&b, "Template: rendered with %zu value%s (%zu set here)", pv->tp.nvars,
			   pv->tp.nvars == 1 ? "" : "s", nset);
	} else {
		buf_puts(&b, "Plain spec: no Jinja, OSMO renders it unchanged");
		role = ROLE_OK;
	}
	size_t np = session_ndiags(app_session(app));
	if (pv->tp.ok && np) {
		buf_printf(&b, "; %zu problem%s, ] steps through", np, np == 1 ? "" : "s");
		role = ROLE_WARNING;
	}
	draw_text_clip(w, 0, 1, cols - 2, buf_cstr(&b), ell, theme_attr(th, role));
	buf_free(&b);
}

/* The values form in rows [y0, y0+h) of w. */
static void draw_values(struct preview *pv, struct app *app, WINDOW *w, int y0, int h, int cols)
{
	const struct theme *th = app_theme(app);
	const char *ell = theme_glyph(th, GLYPH_ELLIPSIS);
	if (!pv->tp.nvars) {
		draw_text(w, y0, 3, cols - 4, "No default-values and no --set values (:let NAME=VALUE sets one).",
			  theme_attr(th, ROLE_DIM));
		return;
	}
	listnav_scroll(&pv->nav, h);
	int namew = 0;
	for (size_t i = 0; i < pv->tp.nvars; i++) {
		int nw = draw_width(pv->tp.vars[i].name, (size_t)-1);
		namew = nw > namew ? nw : namew;
	}
	namew = namew > cols / 3 ? cols / 3 : namew;
	attr_t sa = theme_attr(th, ROLE_SELECTION);
	struct buf b = BUF_INIT;
	for (int r = 0; r < h && pv->nav.top + (size_t)r < pv->tp.nvars; r++) {
		size_t i = pv->nav.top + (size_t)r;
		const struct tpreview_var *var = &pv->tp.vars[i];
		bool sel = i == pv->nav.sel;
		int y = y0 + r;
		if (sel)
			draw_fill(w, y, 0, cols, sa);
		int x0 = 3;
		draw_text_clip(w, y, x0, namew, var->name, ell, sel ? sa : theme_attr(th, ROLE_FIELD));
		int x = x0 + namew;
		x += draw_text(w, y, x, cols - x, " = ", sel ? sa : theme_attr(th, ROLE_DIM));
		const char *shown = var->value ? var->value : var->def ? var->def : "";
		int vw = draw_text_clip(w, y, x, cols - x - 1, shown, ell,
					sel ? sa : theme_attr(th, var->value ? ROLE_MATCH : ROLE_VALUE));
		x += vw + 2;
		buf_reset(&b);
		if (var->value && var->def)
			buf_printf(&b, "set here (default %s)", var->def);
		else if (var->value)
			buf_puts(&b, "set here (not in default-values)");
		if (b.len && x < cols - 4)
			draw_text_clip(w, y, x, cols - x - 1, buf_cstr(&b), ell, sel ? sa : theme_attr(th, ROLE_DIM));
	}
	buf_free(&b);
}

static void pane_title(struct app *app, WINDOW *w, int y, int x, int width, const char *title,
		       const char *note)
{
	const struct theme *th = app_theme(app);
	const char *hl = theme_glyph(th, GLYPH_HLINE);
	for (int i = 0; i < width; i++)
		draw_text(w, y, x + i, 1, hl, theme_attr(th, ROLE_DIM));
	int tx = x + 2;
	tx += draw_text(w, y, tx, width - 4, " ", theme_attr(th, ROLE_NORMAL));
	tx += draw_text(w, y, tx, width - (tx - x) - 2, title, theme_attr(th, ROLE_HEADER));
	if (note && tx + 2 < x + width) {
		tx += draw_text(w, y, tx, 1, " ", theme_attr(th, ROLE_NORMAL));
		tx += draw_text(w, y, tx, x + width - tx - 1, note, theme_attr(th, ROLE_DIM));
	}
	if (tx < x + width)
		draw_text(w, y, tx, 1, " ", theme_attr(th, ROLE_NORMAL));
}

static void preview_draw(struct view *v, struct app *app, WINDOW *w)
{
	struct preview *pv = v->priv;
	const struct theme *th = app_theme(app);
	int rows = getmaxy(w), cols = getmaxx(w);
	if (!app_session(app)) {
		draw_text(w, 1, 2, cols - 4, "No file is open.", theme_attr(th, ROLE_DIM));
		return;
	}
	struct geom g = geometry(pv, app, rows, cols);
	draw_status(pv, app, w, cols);
	if (g.vals_h)
		draw_values(pv, app, w, g.vals_y, g.vals_h, cols);
	if (pv->have_src)
		pv->top = textpane_clamp(&pv->src, pv->top, g.text_h);
	pane_title(app, w, g.src_y, g.src_x, g.src_w, "Template", session_path(app_session(app)));
	pane_title(app, w, g.out_y, g.out_x, g.out_w, "Rendered",
		   pv->tp.stale ? "(the last good render)" : NULL);
	if (g.out_x > 0)
		for (int r = g.src_y + 1; r < rows; r++)
			draw_text(w, r, g.out_x - 1, 1, theme_glyph(th, GLYPH_VLINE), theme_attr(th, ROLE_DIM));
	if (pv->have_src) {
		struct textpane p = { &pv->src, pv->top, true, src_style, pv };
		textpane_draw(&p, w, th, g.src_y + 1, g.src_x, g.text_h, g.src_w);
	}
	if (!pv->have_out) {
		draw_text(w, g.out_y + 1, g.out_x + 1, g.out_w - 2, "(nothing rendered: see the error)",
			  theme_attr(th, ROLE_DIM));
		return;
	}
	/* the rendered side follows the template side */
	int otop = pv->top <= 1 ? 1 : tpreview_rendered_line(&pv->tp, pv->top);
	if (otop < 1)
		otop = textpane_lines(&pv->out);
	struct textpane p = { &pv->out, textpane_clamp(&pv->out, otop, g.text_h), true, out_style, pv };
	textpane_draw(&p, w, th, g.out_y + 1, g.out_x, g.text_h, g.out_w);
}

static void preview_draw_pane(struct view *v, struct app *app, WINDOW *w)
{
	struct preview *pv = v->priv;
	chrome_draw_pane_header(app, w, "Values");
	if (app_session(app))
		draw_values(pv, app, w, 1, getmaxy(w) - 1, getmaxx(w));
}

/* --- commands --- */

static void value_done(struct app *app, const char *line, void *ctx)
{
	struct preview *pv = ctx;
	struct session *s = app_session(app);
	if (!line || !s || !pv->editing)
		return;
	struct buf msg = BUF_INIT;
	if (session_let(s, pv->editing, line, &msg) < 0) {
		app_message(app, ROLE_ERROR, "Not set: %s", buf_cstr(&msg));
	} else {
		app_data_changed(app);
		app_message(app, ROLE_NORMAL, "%s=%s (as --set; the file is unchanged)", pv->editing, line);
	}
	buf_free(&msg);
}

static void edit_selected(struct preview *pv, struct app *app)
{
	if (!pv->tp.nvars) {
		app_message(app, ROLE_WARNING, "No values to edit: this spec has no default-values (:let NAME=VALUE adds one)");
		return;
	}
	const struct tpreview_var *x = &pv->tp.vars[pv->nav.sel];
	free(pv->editing);
	pv->editing = strdup(x->name);
	struct buf label = BUF_INIT;
	buf_printf(&label, "%s = ", x->name);
	app_prompt(app, PROMPT_VALUE, buf_cstr(&label), x->value ? x->value : x->def, value_done, pv);
	buf_free(&label);
}

static void reset_selected(struct preview *pv, struct app *app)
{
	struct session *s = app_session(app);
	if (!pv->tp.nvars || !s)
		return;
	const struct tpreview_var *x = &pv->tp.vars[pv->nav.sel];
	if (!x->value) {
		app_message(app, ROLE_WARNING, "%s has its default value already", x->name);
		return;
	}
	char *name = strdup(x->name);
	struct buf msg = BUF_INIT;
	if (name && session_let(s, name, NULL, &msg) == 0) {
		app_data_changed(app);
		app_message(app, ROLE_NORMAL, "%s: back to its default", name);
	}
	buf_free(&msg);
	free(name);
}

/* The next (or previous) problem's line after (before) the top line. */
static void step_problem(struct preview *pv, struct app *app, bool backward)
{
	const struct session *s = app_session(app);
	size_t n = s ? session_ndiags(s) : 0;
	const struct diag *found = NULL;
	int here = pv->top + CONTEXT_LINES;
	for (size_t i = 0; i < n && !found; i++) {
		const struct diag *d = session_diag(s, backward ? n - 1 - i : i);
		if (d->line > 0 && (backward ? d->line < here : d->line > here))
			found = d;
	}
	for (size_t i = 0; i < n && !found; i++) {   /* wrap around */
		const struct diag *d = session_diag(s, backward ? n - 1 - i : i);
		if (d->line > 0)
			found = d;
	}
	if (!found) {
		app_message(app, ROLE_OK, "No problems");
		return;
	}
	scroll_to(pv, found->line, text_height(pv, app));
	app_message(app, found->severity == DIAG_ERROR ? ROLE_ERROR : ROLE_WARNING, "%d:%d %s", found->line,
		    found->col, found->message ? found->message : "");
}

static enum view_result preview_command(struct view *v, struct app *app, int cmd, const char *args)
{
	struct preview *pv = v->priv;
	int h = text_height(pv, app);
	(void)args;
	switch (cmd) {
	case CMD_DOWN:
	case CMD_UP:
	case CMD_FIRST:
	case CMD_LAST:
		listnav_command(&pv->nav, cmd, value_rows(pv, app));
		break;
	case CMD_SELECT:
	case CMD_EDIT:
		edit_selected(pv, app);
		break;
	case CMD_DELETE:
		reset_selected(pv, app);
		break;
	case CMD_PAGE_DOWN:
	case CMD_PAGE_UP:
	case CMD_SCROLL_DOWN:
	case CMD_SCROLL_UP: {
		int step = cmd == CMD_PAGE_DOWN || cmd == CMD_PAGE_UP ? (h > 1 ? h - 1 : 1) : (h / 2 > 1 ? h / 2 : 1);
		pv->top += cmd == CMD_PAGE_DOWN || cmd == CMD_SCROLL_DOWN ? step : -step;
		if (pv->have_src)
			pv->top = textpane_clamp(&pv->src, pv->top, h);
		break;
	}
	case CMD_NEXT_PROBLEM:
	case CMD_PREV_PROBLEM:
		step_problem(pv, app, cmd == CMD_PREV_PROBLEM);
		break;
	case CMD_BACK:
		app_back(app);
		break;
	default:
		return VIEW_PASS;
	}
	app_dirty(app, DIRTY_MAIN | DIRTY_PANE);
	return VIEW_DONE;
}

static void preview_click(struct view *v, struct app *app, int y)
{
	struct preview *pv = v->priv;
	if (!values_in_pane(app) && y >= 1 && y <= value_rows(pv, app))
		listnav_select(&pv->nav, pv->nav.top + (size_t)(y - 1), value_rows(pv, app));
	app_dirty(app, DIRTY_MAIN);
}

static const char *preview_hint(int cmd)
{
	switch (cmd) {
	case CMD_SELECT:
		return "edit value";
	case CMD_EDIT:
		return "";
	case CMD_DELETE:
		return "reset";
	default:
		return NULL;
	}
}

const struct view_ops view_preview_ops = {
	.name = "preview",
	.title = "Template preview",
	.hint = preview_hint,
	.cmds = preview_cmds,
	.open = preview_open,
	.close = preview_close,
	.recalc = preview_recalc,
	.draw = preview_draw,
	.draw_pane = preview_draw_pane,
	.command = preview_command,
	.click = preview_click,
};
