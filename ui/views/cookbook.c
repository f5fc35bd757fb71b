/* cookbook: the cookbook browser, also the start screen.
 *
 * The examples come from src/cookbook.h through cbrows: the bundled
 * cookbook, the config's cookbook-dir folders and --cookbook-dir, grouped
 * by folder. The left column lists them; the right one previews the
 * selected example: its dependency graph (src/layout.h through specdraw),
 * then its YAML. The pane below tells what the example shows. Browsing
 * never changes an example: `n` (or Enter) copies the selected one to a new
 * file named at the prompt, and asks before replacing a file that exists.
 * `/` filters the list; Esc clears the filter.
 *
 * Two views share this code: "start" (shown without a FILE, or when FILE
 * does not exist yet: a greeting and an "Open a file..." row) and
 * "cookbook" (`:view cookbook`, reachable with a file open too).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cbrows.h"
#include "chrome.h"
#include "commands.h"
#include "draw.h"
#include "listnav.h"
#include "save.h"
#include "session.h"
#include "specdraw.h"
#include "textpane.h"
#include "textpos.h"
#include "views.h"

#define HEAD_ROWS 2               /* title and help or filter rows */
#define PREVIEW_MAX_BYTES (1u << 20)
#define DAG_MAX_BYTES (256u << 10) /* larger examples preview without a graph */
#define DAG_LABEL_MAX 20
#define MIN_PREVIEW_COLS 60       /* narrower: the list alone */
#define NO_ENTRY ((size_t)-1)

struct cbview {
	bool start;                /* the start screen flavour */
	struct cbrows rows;
	struct listnav nav;        /* over rows.v; sel is always selectable */
	size_t shown;              /* entry previewed, or NO_ENTRY */
	struct buf preview;        /* graph, rule, YAML */
	struct textpos tp;
	bool have_tp;
	int ptop;                  /* first preview line shown */
	int dag_lines;             /* lines of preview that are the graph */
	size_t chosen;             /* entry being copied */
	char *target;              /* the file it is copied to */
};

static const int cookbook_cmds[] = {
	CMD_DOWN, CMD_UP, CMD_PAGE_DOWN, CMD_PAGE_UP, CMD_FIRST, CMD_LAST, CMD_SELECT, CMD_NEW,
	CMD_SEARCH, CMD_SCROLL_DOWN, CMD_SCROLL_UP, CMD_BACK, CMD_NONE,
};

/* --- opening --- */

static void forget_preview(struct cbview *cv)
{
	if (cv->have_tp)
		textpos_free(&cv->tp);
	cv->have_tp = false;
	buf_reset(&cv->preview);
	cv->shown = NO_ENTRY;
	cv->ptop = 1;
	cv->dag_lines = 0;
}

static int open_common(struct view *v, struct app *app, bool start)
{
	struct cbview *cv = calloc(1, sizeof *cv);
	if (!cv)
		return -1;
	cv->start = start;
	cv->shown = NO_ENTRY;
	cv->ptop = 1;
	if (cbrows_load_user(&cv->rows, app_options(app)->cookbook_dir, start) < 0) {
		cbrows_free(&cv->rows);
		free(cv);
		return -1;
	}
	listnav_set_count(&cv->nav, cv->rows.n);
	cv->nav.sel = cbrows_settle(&cv->rows, 0, +1);
	v->priv = cv;
	return 0;
}

static int start_open(struct view *v, struct app *app)
{
	return open_common(v, app, true);
}

static int cookbook_open(struct view *v, struct app *app)
{
	return open_common(v, app, false);
}

static void cookbook_close(struct view *v)
{
	struct cbview *cv = v->priv;
	forget_preview(cv);
	buf_free(&cv->preview);
	cbrows_free(&cv->rows);
	free(cv->target);
	free(cv);
	v->priv = NULL;
}

/* --- the preview of the selected example --- */

static void build_preview(struct cbview *cv, struct app *app)
{
	const struct cookbook_entry *e = cbrows_entry(&cv->rows, cv->nav.sel);
	size_t idx = e ? cv->rows.v[cv->nav.sel].entry : NO_ENTRY;
	if (idx == cv->shown)
		return;
	forget_preview(cv);
	cv->shown = idx;
	if (!e)
		return;
	char *text = NULL;
	size_t len = 0;
	struct diag_list dl = { 0 };
	if (file_read(e->path, PREVIEW_MAX_BYTES, &text, &len, NULL, &dl) < 0) {
		buf_printf(&cv->preview, "(cannot read the example: %s)\n",
			   dl.n && dl.v[0].message ? dl.v[0].message : "error");
	} else {
		struct buf why = BUF_INIT;
		if (len > DAG_MAX_BYTES)
			buf_puts(&why, "too large to draw here (osmo-tui dag draws it)");
		else if (specdraw_text(text, len, app_theme(app)->ascii, DAG_LABEL_MAX, &cv->preview, &why) == 0)
			why.len = 0;
		if (why.len)
			buf_printf(&cv->preview, "(no graph: %s)\n", buf_cstr(&why));
		buf_free(&why);
		for (size_t i = 0; i < cv->preview.len; i++)
			cv->dag_lines += cv->preview.data[i] == '\n';
		buf_printf(&cv->preview, "\n");
		buf_add(&cv->preview, text, len);
	}
	diag_free(&dl);
	free(text);
	cv->have_tp = textpos_init(&cv->tp, cv->preview.data ? cv->preview.data : "", cv->preview.len) == 0;
}

static void preview_style(void *ctx, int line, enum theme_role *text, const char **mark,
			  enum theme_role *mark_role)
{
	const struct cbview *cv = ctx;
	(void)mark;
	(void)mark_role;
	if (line <= cv->dag_lines)
		*text = ROLE_FIELD;
}

/* --- drawing --- */

static int list_width(int cols)
{
	if (cols < MIN_PREVIEW_COLS)
		return cols;
	int lw = cols * 2 / 5;
	return lw < 24 ? 24 : lw > 44 ? 44 : lw;
}

static int body_height(const struct app *app)
{
	int h = app_main_height(app) - HEAD_ROWS;
	return h > 1 ? h : 1;
}

static void draw_head(struct cbview *cv, struct app *app, WINDOW *w)
{
	const struct theme *th = app_theme(app);
	int cols = getmaxx(w);
	size_t total = cv->rows.cb->n, shown = 0;
	for (size_t i = 0; i < cv->rows.n; i++)
		shown += cv->rows.v[i].kind == CBROW_ENTRY;
	draw_text(w, 0, 1, cols - 2, cv->start ? "Compose an NVIDIA OSMO workflow" : "Cookbook",
		  theme_attr(th, ROLE_HEADER));
	char count[64];
	if (cv->rows.filter)
		snprintf(count, sizeof count, "%zu of %zu examples", shown, total);
	else
		snprintf(count, sizeof count, "%zu example%s", total, total == 1 ? "" : "s");
	int cw = (int)strlen(count);
	if (cols > cw + 34)
		draw_text(w, 0, cols - cw - 1, cw, count, theme_attr(th, ROLE_DIM));
	if (cv->rows.filter) {
		int x = draw_text(w, 1, 1, cols - 2, "Filter: ", theme_attr(th, ROLE_PROMPT)) + 1;
		x += draw_text(w, 1, x, cols - x - 1, cv->rows.filter, theme_attr(th, ROLE_MATCH));
		draw_text(w, 1, x, cols - x - 1, "  (Esc clears)", theme_attr(th, ROLE_DIM));
		return;
	}
	const char *help = total == 0 ? "No cookbook examples were found; open a file." :
			   cv->start ? "Start from an example (n or Enter), or open a file." :
				       "n starts a new file from the selected example; / filters.";
	draw_text(w, 1, 1, cols - 2, help, theme_attr(th, ROLE_DIM));
}

static void draw_list(struct cbview *cv, struct app *app, WINDOW *w, int lw, int h)
{
	const struct theme *th = app_theme(app);
	const char *ell = theme_glyph(th, GLYPH_ELLIPSIS);
	attr_t sa = theme_attr(th, ROLE_SELECTION);
	struct buf label = BUF_INIT;
	for (int r = 0; r < h && cv->nav.top + (size_t)r < cv->rows.n; r++) {
		size_t i = cv->nav.top + (size_t)r;
		const struct cbrow *row = &cv->rows.v[i];
		bool sel = i == cv->nav.sel;
		int y = HEAD_ROWS + r;
		if (sel)
			draw_fill(w, y, 0, lw, sa);
		if (row->kind == CBROW_GROUP) {
			buf_reset(&label);
			cbrows_group_label(&cv->rows, row->entry, &label);
			draw_text_clip(w, y, 1, lw - 2, buf_cstr(&label), ell, theme_attr(th, ROLE_HEADER));
		} else if (row->kind == CBROW_OPEN) {
			draw_text(w, y, 1, lw - 2, "Open a file...", sel ? sa : theme_attr(th, ROLE_KEY));
		} else {
			draw_text_clip(w, y, 3, lw - 4, cv->rows.cb->v[row->entry].title, ell,
				       sel ? sa : theme_attr(th, ROLE_NORMAL));
		}
	}
	buf_free(&label);
}

static void cookbook_draw(struct view *v, struct app *app, WINDOW *w)
{
	struct cbview *cv = v->priv;
	const struct theme *th = app_theme(app);
	int cols = getmaxx(w), h = body_height(app);
	draw_head(cv, app, w);
	listnav_scroll(&cv->nav, h);
	int lw = list_width(cols);
	draw_list(cv, app, w, lw, h);
	if (lw >= cols)
		return;
	for (int r = 0; r < h; r++)
		draw_text(w, HEAD_ROWS + r, lw, 1, theme_glyph(th, GLYPH_VLINE), theme_attr(th, ROLE_DIM));
	build_preview(cv, app);
	int px = lw + 2, pw = cols - px;
	if (cbrows_selectable(&cv->rows, cv->nav.sel) && cv->rows.v[cv->nav.sel].kind == CBROW_OPEN) {
		draw_wrapped(w, HEAD_ROWS, HEAD_ROWS + h, px, pw - 1,
			     "Open an existing spec file for editing (Tab completes names).",
			     theme_attr(th, ROLE_NORMAL));
		return;
	}
	if (!cv->have_tp)
		return;
	cv->ptop = textpane_clamp(&cv->tp, cv->ptop, h);
	struct textpane p = { &cv->tp, cv->ptop, false, preview_style, cv };
	textpane_draw(&p, w, th, HEAD_ROWS, px, h, pw);
}

static void cookbook_draw_pane(struct view *v, struct app *app, WINDOW *w)
{
	struct cbview *cv = v->priv;
	const struct theme *th = app_theme(app);
	const char *ell = theme_glyph(th, GLYPH_ELLIPSIS);
	int cols = getmaxx(w), rows = getmaxy(w);
	const struct cookbook_entry *e = cbrows_entry(&cv->rows, cv->nav.sel);
	chrome_draw_pane_header(app, w, e ? "Example" : "Open");
	if (rows < 2)
		return;
	struct buf line = BUF_INIT;
	if (cv->rows.nwarnings) {
		buf_printf(&line, "%zu problem%s reading the cookbook: %s", cv->rows.nwarnings,
			   cv->rows.nwarnings == 1 ? "" : "s", buf_cstr(&cv->rows.warning));
		draw_text_clip(w, rows - 1, 1, cols - 2, buf_cstr(&line), ell, theme_attr(th, ROLE_WARNING));
		rows--;
	}
	if (!e) {
		draw_text(w, 1, 1, cols - 2, "Open an existing spec file for editing (Tab completes names).",
			  theme_attr(th, ROLE_NORMAL));
		buf_free(&line);
		return;
	}
	int y = draw_wrapped(w, 1, rows, 1, cols - 2, e->pattern ? e->pattern : e->title,
			     theme_attr(th, ROLE_NORMAL));
	/* the bundled cookbook's files by their place in it, others as found */
	const struct cookbook_source *src = &cv->rows.cb->sources[e->source];
	size_t dl = strlen(src->dir);
	const char *where = e->path;
	if (src->bundled && strncmp(where, src->dir, dl) == 0 && where[dl] == '/')
		where += dl + 1;
	buf_reset(&line);
	buf_printf(&line, "%s  %s", e->name, where);
	if (y < rows)
		draw_text_clip(w, y++, 1, cols - 2, buf_cstr(&line), ell, theme_attr(th, ROLE_DIM));
	if (e->tags && y < rows) {
		buf_reset(&line);
		buf_printf(&line, "tags: %s", e->tags);
		draw_text_clip(w, y++, 1, cols - 2, buf_cstr(&line), ell, theme_attr(th, ROLE_DIM));
	}
	buf_free(&line);
}

/* --- a new file from the selected example --- */

/* Copy the chosen example to cv->target (replacing it when replace) and
 * open it, unless the open file has unsaved changes. */
static void create_file(struct view *v, struct app *app, bool replace)
{
	struct cbview *cv = v->priv;
	const struct cookbook_entry *e = &cv->rows.cb->v[cv->chosen];
	char *target = strdup(cv->target);
	char *name = strdup(e->name);
	char *text = NULL;
	size_t len = 0;
	struct diag_list dl = { 0 };
	struct buf msg = BUF_INIT;
	struct session *s = NULL;
	if (!target || !name) {
		buf_puts(&msg, "out of memory");
	} else if (file_read(e->path, 0, &text, &len, NULL, &dl) < 0) {
		buf_puts(&msg, "cannot read the example: ");
		session_format_diags(&dl, 1, &msg);
	} else if (replace && file_write_atomic(target, text, len, NULL, true, NULL, &dl) < 0) {
		session_format_diags(&dl, 1, &msg);
	} else {
		s = replace ? session_open(target, &msg) : session_create(target, text, len, &msg);
	}
	const struct session *cur = app_session(app);
	if (!s) {
		app_message(app, ROLE_ERROR, "Not created: %s", buf_cstr(&msg));
	} else if (cur && session_modified(cur)) {
		session_free(s);
		app_message(app, ROLE_WARNING, "Created %s; save your changes, then :open %s", target, target);
	} else {
		/* app_set_session closes this view: nothing of cv after it */
		app_message(app, ROLE_NORMAL, "%s %s from %s", replace ? "Replaced" : "Created", target, name);
		app_set_session(app, s);
	}
	diag_free(&dl);
	buf_free(&msg);
	free(text);
	free(target);
	free(name);
}

static void replace_answer(struct app *app, int answer, void *ctx)
{
	struct view *v = ctx;
	struct cbview *cv = v->priv;
	if (!cv)
		return;
	if (answer == 'y')
		create_file(v, app, true);
	else
		app_message(app, ROLE_WARNING, "Not written: %s is left as it was", cv->target);
}

static void target_done(struct app *app, const char *line, void *ctx)
{
	struct view *v = ctx;
	struct cbview *cv = v->priv;
	if (!cv || !line || !*line)
		return;
	free(cv->target);
	cv->target = strdup(line);
	if (!cv->target)
		return;
	struct stat sb;
	if (stat(cv->target, &sb) == 0) {
		struct buf q = BUF_INIT;
		buf_printf(&q, "%s exists. Replace it with the example? (y/N)", cv->target);
		app_ask(app, buf_cstr(&q), "ny", replace_answer, v);
		buf_free(&q);
		return;
	}
	create_file(v, app, false);
}

static void open_done(struct app *app, const char *line, void *ctx)
{
	(void)ctx;
	if (line && *line)
		app_open_file(app, line);
}

/* n: the selected example to a new file; Enter does that too, and opens a
 * file on the "Open a file..." row. */
static void new_from_selected(struct view *v, struct app *app, bool enter)
{
	struct cbview *cv = v->priv;
	const struct cookbook_entry *e = cbrows_entry(&cv->rows, cv->nav.sel);
	if (!e) {
		if (enter && cbrows_selectable(&cv->rows, cv->nav.sel))
			app_prompt(app, PROMPT_FILE, "Open: ", NULL, open_done, NULL);
		else
			app_message(app, ROLE_WARNING, "Select an example first");
		return;
	}
	cv->chosen = cv->rows.v[cv->nav.sel].entry;
	/* the start screen for a FILE that does not exist yet offers FILE */
	const char *want = cv->start && !app_session(app) ? app_options(app)->file : NULL;
	const char *base = strrchr(e->path, '/');
	struct buf label = BUF_INIT;
	buf_printf(&label, "New file from \"%s\": ", e->title);
	app_prompt(app, PROMPT_FILE, buf_cstr(&label), want ? want : base ? base + 1 : e->path, target_done,
		   v);
	buf_free(&label);
}

/* --- commands --- */

static void set_filter(struct view *v, struct app *app, const char *filter)
{
	struct cbview *cv = v->priv;
	const struct cbrow *was = cv->nav.sel < cv->rows.n ? &cv->rows.v[cv->nav.sel] : NULL;
	struct cbrow keep = was ? *was : (struct cbrow){ CBROW_GROUP, 0 };
	size_t shown = cbrows_filter(&cv->rows, filter);
	listnav_set_count(&cv->nav, cv->rows.n);
	/* the selected example stays selected when it is still listed */
	size_t sel = 0;
	while (sel < cv->rows.n && !(keep.kind != CBROW_GROUP && cv->rows.v[sel].kind == keep.kind &&
				     cv->rows.v[sel].entry == keep.entry))
		sel++;
	cv->nav.sel = cbrows_settle(&cv->rows, sel < cv->rows.n ? sel : 0, +1);
	cv->nav.top = 0;
	if (cv->rows.filter && shown == 0)
		app_message(app, ROLE_WARNING, "No example matches '%s' (Esc clears the filter)", filter);
	app_dirty(app, DIRTY_MAIN | DIRTY_PANE);
}

static void filter_done(struct app *app, const char *line, void *ctx)
{
	struct view *v = ctx;
	if (line && v->priv)
		set_filter(v, app, line);
}

static enum view_result cookbook_command(struct view *v, struct app *app, int cmd, const char *args)
{
	struct cbview *cv = v->priv;
	int h = body_height(app);
	size_t before = cv->nav.sel;
	if (listnav_command(&cv->nav, cmd, h)) {
		bool back = cmd == CMD_UP || cmd == CMD_PAGE_UP || cmd == CMD_LAST;
		size_t s = cbrows_settle(&cv->rows, cv->nav.sel, back ? -1 : +1);
		cv->nav.sel = s < cv->rows.n ? s : before;
		if (cmd == CMD_FIRST)
			cv->nav.top = 0;   /* show the first header too */
		listnav_scroll(&cv->nav, h);
		app_dirty(app, DIRTY_MAIN | DIRTY_PANE);
		return VIEW_DONE;
	}
	switch (cmd) {
	case CMD_SELECT:
	case CMD_NEW:
		new_from_selected(v, app, cmd == CMD_SELECT);
		return VIEW_DONE;
	case CMD_SEARCH:
		if (*args)
			set_filter(v, app, args);
		else
			app_prompt(app, PROMPT_SEARCH, "Filter: ", cv->rows.filter, filter_done, v);
		return VIEW_DONE;
	case CMD_SCROLL_DOWN:
	case CMD_SCROLL_UP:
		cv->ptop += (cmd == CMD_SCROLL_DOWN ? 1 : -1) * (h / 2 > 1 ? h / 2 : 1);
		if (cv->have_tp)
			cv->ptop = textpane_clamp(&cv->tp, cv->ptop, h);
		app_dirty(app, DIRTY_MAIN);
		return VIEW_DONE;
	case CMD_BACK:
		if (cv->rows.filter)
			set_filter(v, app, NULL);
		else if (!cv->start)
			app_back(app);
		return VIEW_DONE;
	default:
		return VIEW_PASS;
	}
}

static void cookbook_click(struct view *v, struct app *app, int y)
{
	struct cbview *cv = v->priv;
	size_t i = cv->nav.top + (size_t)(y - HEAD_ROWS);
	if (y >= HEAD_ROWS && cbrows_selectable(&cv->rows, i))
		listnav_select(&cv->nav, i, body_height(app));
	app_dirty(app, DIRTY_MAIN | DIRTY_PANE);
}

static const char *start_hint(int cmd)
{
	return cmd == CMD_SELECT ? "open" : cmd == CMD_SEARCH ? "filter" : cmd == CMD_BACK ? "" : NULL;
}

static const char *cookbook_hint(int cmd)
{
	return cmd == CMD_SELECT ? "" : cmd == CMD_SEARCH ? "filter" : NULL;
}

const struct view_ops view_start_ops = {
	.name = "start",
	.title = "Start",
	.hint = start_hint,
	.cmds = cookbook_cmds,
	.open = start_open,
	.close = cookbook_close,
	.draw = cookbook_draw,
	.draw_pane = cookbook_draw_pane,
	.command = cookbook_command,
	.click = cookbook_click,
};

const struct view_ops view_cookbook_ops = {
	.name = "cookbook",
	.title = "Cookbook",
	.hint = cookbook_hint,
	.cmds = cookbook_cmds,
	.open = cookbook_open,
	.close = cookbook_close,
	.draw = cookbook_draw,
	.draw_pane = cookbook_draw_pane,
	.command = cookbook_command,
	.click = cookbook_click,
};
