/* outline view: the spec as a foldable tree with problem markers.
 *
 * Rows come from outline.c; this file draws them and handles the keys:
 * movement, folding, search, and editing a scalar value in the prompt
 * (prefilled with its YAML text; Enter applies it as one undo step). The
 * selection is remembered as a path so it survives edits, which rebuild
 * every node of the document.
 */
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "add.h"
#include "chrome.h"
#include "commands.h"
#include "draw.h"
#include "listnav.h"
#include "outline.h"
#include "path.h"
#include "session.h"
#include "specnav.h"
#include "views.h"

struct outline_view {
	struct outline o;
	struct listnav nav;
	struct buf sel_path;      /* path of the selected node, survives edits */
	const struct doc_node *sel_node; /* the selected node, in tree sel_tree */
	unsigned sel_tree;
	char *search;             /* last search text */
	struct doc *doc;          /* the document the rows were built from */
	unsigned doc_gen;         /* its generation then */
	struct add_plan plan;     /* the add waiting for its answer */
};

static const int outline_cmds[] = {
	CMD_DOWN, CMD_UP, CMD_PAGE_DOWN, CMD_PAGE_UP, CMD_FIRST, CMD_LAST,
	CMD_SELECT, CMD_TOGGLE, CMD_FOLD, CMD_UNFOLD, CMD_EDIT,
	CMD_ADD, CMD_DELETE, CMD_DUPLICATE, CMD_MOVE_UP, CMD_MOVE_DOWN,
	CMD_SEARCH, CMD_SEARCH_NEXT, CMD_SEARCH_PREV, CMD_NONE,
};

static struct outline_view *priv_of(struct app *app)
{
	struct view *v = app_current_view(app);
	if (!v || v->ops != &view_outline_ops)
		return NULL;
	return v->priv;
}

static const struct outline_row *selected_row(const struct outline_view *ov)
{
	return ov->nav.n ? &ov->o.rows[ov->nav.sel] : NULL;
}

/* Remember the selected node's path (call after every selection change). */
static void sync_path(struct outline_view *ov)
{
	buf_reset(&ov->sel_path);
	const struct outline_row *r = selected_row(ov);
	ov->sel_node = r ? r->node : NULL;
	ov->sel_tree = ov->doc ? ov->doc->tree_id : 0;
	if (r)
		outline_node_path(r->node, &ov->sel_path);
}

/* True when n is still in d's tree (an edit replaces the nodes it
 * re-parses; the old ones stay allocated until the next full parse). */
static bool attached(const struct doc *d, const struct doc_node *n, size_t *depth)
{
	*depth = 0;
	for (const struct doc_node *c = n; c != d->root; c = c->parent, ++*depth) {
		const struct doc_node *p = c->parent;
		if (!p || *depth > 256)
			return false;
		uint32_t i = 0;
		while (i < p->nkids && p->kids[i] != c)
			i++;
		if (i == p->nkids)
			return false;
	}
	return true;
}

/* The node the selection was on, after an edit: in the same tree, its
 * deepest ancestor (or itself) that is still there, then the rest of the
 * remembered path p from it (so a renamed task keeps the selection); else
 * p from the root. */
static const struct doc_node *follow_selection(struct outline_view *ov, struct path *p)
{
	const struct doc_node *a = ov->sel_tree == ov->doc->tree_id ? ov->sel_node : NULL;
	size_t up = 0, depth;
	while (a && !attached(ov->doc, a, &depth)) {
		a = a->parent;
		up++;
	}
	if (!a || depth + up != p->n)
		return path_resolve(ov->doc->root, p, NULL, NULL);
	struct path rest = { p->steps + depth, up };
	return up ? path_resolve(a, &rest, NULL, NULL) : a;
}

/* Rebuild the rows; select want (if it has a row), else the remembered
 * node or path, else the same index. */
static void rebuild(struct outline_view *ov, struct app *app, const struct doc_node *want)
{
	struct session *s = app_session(app);
	size_t old = ov->nav.sel;
	ov->doc = s ? session_doc(s) : NULL;
	if (!ov->doc) {
		ov->o.n = 0;
		listnav_set_count(&ov->nav, 0);
		return;
	}
	ov->doc_gen = ov->doc->generation;
	outline_build(&ov->o, ov->doc);
	outline_mark(&ov->o, session_ndiags(s) ? session_diag(s, 0) : NULL, session_ndiags(s));
	listnav_set_count(&ov->nav, ov->o.n);
	size_t r = want ? outline_row_of(&ov->o, want) : (size_t)-1;
	if (r == (size_t)-1 && !want && ov->sel_path.len && ov->doc->root) {
		struct path p;
		const char *em;
		size_t ep;
		if (path_parse(buf_cstr(&ov->sel_path), &p, &em, &ep) == 0) {
			const struct doc_node *n = follow_selection(ov, &p);
			r = outline_row_of(&ov->o, n);
			if (n && r == (size_t)-1) {
				/* the selection is inside a folded node: unfold down to it */
				outline_reveal(&ov->o, n);
				outline_build(&ov->o, ov->doc);
				outline_mark(&ov->o, session_ndiags(s) ? session_diag(s, 0) : NULL,
					     session_ndiags(s));
				listnav_set_count(&ov->nav, ov->o.n);
				r = outline_row_of(&ov->o, n);
			}
			path_free(&p);
		}
	}
	listnav_select(&ov->nav, r != (size_t)-1 ? r : old, app_main_height(app));
	sync_path(ov);
}

static int outline_open(struct view *v, struct app *app)
{
	(void)app;
	struct outline_view *ov = calloc(1, sizeof *ov);
	if (!ov)
		return -1;
	outline_init(&ov->o);
	v->priv = ov;
	return 0;
}

static void outline_close(struct view *v)
{
	struct outline_view *ov = v->priv;
	add_plan_free(&ov->plan);
	outline_free(&ov->o);
	buf_free(&ov->sel_path);
	free(ov->search);
	free(ov);
	v->priv = NULL;
}

static void outline_recalc(struct view *v, struct app *app)
{
	rebuild(v->priv, app, NULL);
}

static void draw_row(struct app *app, WINDOW *w, int y, const char *src, const struct outline_row *r,
		     bool sel)
{
	const struct theme *th = app_theme(app);
	int cols = getmaxx(w);
	attr_t sa = theme_attr(th, ROLE_SELECTION);
	attr_t a_norm = sel ? sa : theme_attr(th, ROLE_NORMAL);
	const char *ell = theme_glyph(th, GLYPH_ELLIPSIS);
	if (sel)
		draw_fill(w, y, 0, cols, sa);
	if (r->flags & ROW_ERROR)
		draw_text(w, y, 0, 1, theme_glyph(th, GLYPH_ERROR), sel ? sa : theme_attr(th, ROLE_ERROR));
	else if (r->flags & ROW_WARNING)
		draw_text(w, y, 0, 1, theme_glyph(th, GLYPH_WARNING), sel ? sa : theme_attr(th, ROLE_WARNING));
	int x = 2 + 2 * (r->depth < 30 ? r->depth : 30);
	if (x >= cols - 4)
		x = cols - 4;
	enum theme_glyph g = !(r->flags & ROW_FOLDABLE) ? GLYPH_LEAF :
		(r->flags & ROW_OPEN) ? GLYPH_UNFOLDED : GLYPH_FOLDED;
	x += draw_text(w, y, x, 1, theme_glyph(th, g), sel ? sa : theme_attr(th, ROLE_DIM)) + 1;
	struct buf prefix = BUF_INIT, name = BUF_INIT, value = BUF_INIT, summary = BUF_INIT;
	outline_label(src, r, &prefix, &name, &value, &summary);
	if (prefix.len) {
		x += draw_text(w, y, x, cols - x, buf_cstr(&prefix), sel ? sa : theme_attr(th, ROLE_DIM));
		x += draw_text(w, y, x, cols - x, " ", a_norm);
	}
	if (name.len) {
		attr_t na = r->node->key ? theme_attr(th, ROLE_FIELD) : theme_attr(th, ROLE_NORMAL) | A_BOLD;
		x += draw_text_clip(w, y, x, cols - x - 1, buf_cstr(&name), ell, sel ? sa | A_BOLD : na);
		if (value.len && x < cols - 1)
			x += draw_text(w, y, x, cols - x, ": ", a_norm);
	} else if (value.len) {
		x += draw_text(w, y, x, cols - x, "- ", a_norm);
	}
	if (value.len && x < cols - 1)
		x += draw_text_clip(w, y, x, cols - x - 1, buf_cstr(&value), ell,
				    sel ? sa : theme_attr(th, ROLE_VALUE));
	if (summary.len && x + 3 < cols) {
		x += draw_text(w, y, x, 2, "  ", a_norm);
		draw_text_clip(w, y, x, cols - x - 1, buf_cstr(&summary), ell, sel ? sa : theme_attr(th, ROLE_DIM));
	}
	buf_free(&prefix);
	buf_free(&name);
	buf_free(&value);
	buf_free(&summary);
}

static void outline_draw(struct view *v, struct app *app, WINDOW *w)
{
	struct outline_view *ov = v->priv;
	const struct theme *th = app_theme(app);
	int rows = getmaxy(w), cols = getmaxx(w);
	struct session *s = app_session(app);
	if (!s) {
		draw_text(w, 1, 2, cols - 4, "No file is open.", theme_attr(th, ROLE_DIM));
		return;
	}
	if (!ov->doc->ok) {
		draw_text(w, 1, 2, cols - 4, "The file does not parse as YAML; the problems below say where.",
			  theme_attr(th, ROLE_ERROR));
		draw_text(w, 2, 2, cols - 4, "Press p for the list, or E to fix it in your editor.",
			  theme_attr(th, ROLE_DIM));
		return;
	}
	if (ov->nav.n == 0) {
		draw_text(w, 1, 2, cols - 4, "The document is empty.", theme_attr(th, ROLE_DIM));
		return;
	}
	listnav_scroll(&ov->nav, rows);
	for (int y = 0; y < rows && ov->nav.top + (size_t)y < ov->nav.n; y++) {
		size_t i = ov->nav.top + (size_t)y;
		draw_row(app, w, y, ov->doc->text, &ov->o.rows[i], i == ov->nav.sel);
	}
}

static void outline_draw_pane(struct view *v, struct app *app, WINDOW *w)
{
	struct outline_view *ov = v->priv;
	const struct theme *th = app_theme(app);
	struct session *s = app_session(app);
	const struct outline_row *r = selected_row(ov);
	int rows = getmaxy(w), cols = getmaxx(w);
	if (!s || !r) {
		chrome_draw_default_pane(app, w);
		return;
	}
	chrome_draw_pane_header(app, w, "Detail");
	int x = draw_text(w, 1, 1, cols - 2, "path ", theme_attr(th, ROLE_DIM)) + 1;
	draw_text_clip(w, 1, x, cols - x - 1, buf_cstr(&ov->sel_path), theme_glyph(th, GLYPH_ELLIPSIS),
		       theme_attr(th, ROLE_FIELD));
	int line, col;
	doc_line_col(ov->doc, r->start, &line, &col);
	char where[96];
	const struct doc_node *n = doc_resolve(r->node);
	snprintf(where, sizeof where, "line %d, %s%s", line, doc_kind_name((enum doc_kind)r->node->kind),
		 n && n->kind != DOC_SCALAR ? "" : (r->node->style == DOC_LITERAL ? ", literal block" :
						    r->node->style == DOC_FOLDED ? ", folded block" : ""));
	draw_text(w, 2, 1, cols - 2, where, theme_attr(th, ROLE_DIM));
	int y = 3;
	for (size_t i = 0; i < session_ndiags(s) && y < rows; i++) {
		const struct diag *d = session_diag(s, i);
		if (d->offset == DIAG_NO_OFFSET || d->offset < r->start || d->offset >= r->end)
			continue;
		chrome_draw_diag(app, w, y++, d, false);
	}
}

/* --- editing a value --- */

static void edit_done(struct app *app, const char *line, void *ctx)
{
	struct outline_view *ov = priv_of(app);
	struct session *s = app_session(app);
	(void)ctx;
	if (!line || !ov || !s)
		return;
	struct buf msg = BUF_INIT;
	struct buf assign = BUF_INIT;
	buf_printf(&assign, "%s=%s", buf_cstr(&ov->sel_path), line);
	if (session_set(s, buf_cstr(&assign), &msg) < 0) {
		app_message(app, ROLE_ERROR, "Not changed: %s", buf_cstr(&msg));
	} else {
		app_data_changed(app);
		app_message(app, ROLE_NORMAL, "Set %s (u undoes)", buf_cstr(&ov->sel_path));
	}
	buf_free(&assign);
	buf_free(&msg);
}

static void edit_selected(struct outline_view *ov, struct app *app)
{
	const struct outline_row *r = selected_row(ov);
	if (!r)
		return;
	if (app_options(app)->readonly) {
		app_message(app, ROLE_ERROR, "Read-only: started with --readonly");
		return;
	}
	const struct doc_node *n = r->node;
	if (r->flags & ROW_FOLDABLE) {
		app_message(app, ROLE_WARNING, "Select a value to edit it (this is a %s)",
			    doc_kind_name((enum doc_kind)n->kind));
		return;
	}
	const char *src = ov->doc->text + n->start;
	size_t len = n->end > n->start ? n->end - n->start : 0;
	if (memchr(src, '\n', len) && n->kind == DOC_SCALAR) {
		act_edit_in_editor(app, buf_cstr(&ov->sel_path));
		return;
	}
	char *initial = strndup(src, len);
	struct buf label = BUF_INIT;
	buf_printf(&label, "%s: ", n->key ? n->key : buf_cstr(&ov->sel_path));
	app_prompt(app, PROMPT_VALUE, buf_cstr(&label), initial ? initial : "", edit_done, NULL);
	buf_free(&label);
	free(initial);
}

/* --- structure: add, delete, duplicate, move --- */

/* Report an edit: select new_path (when given) and say what happened. */
static void edited(struct outline_view *ov, struct app *app, int rc, const struct buf *new_path,
		   const struct buf *msg, const char *what)
{
	if (rc < 0) {
		app_message(app, ROLE_ERROR, "Not changed: %s", buf_cstr(msg));
		return;
	}
	if (new_path && new_path->len) {
		buf_reset(&ov->sel_path);
		buf_puts(&ov->sel_path, buf_cstr(new_path));
	}
	app_data_changed(app);
	app_message(app, ROLE_NORMAL, "%s (u undoes)", what);
}

static void add_done(struct app *app, const char *line, void *ctx)
{
	struct outline_view *ov = priv_of(app);
	(void)ctx;
	if (!line || !*line || !ov || !app_session(app))
		return;
	struct buf np = BUF_INIT, msg = BUF_INIT, what = BUF_INIT;
	int rc = add_apply(app_session(app), &ov->plan, line, &np, &msg);
	buf_printf(&what, "Added %s", np.len ? buf_cstr(&np) : line);
	edited(ov, app, rc, &np, &msg, buf_cstr(&what));
	buf_free(&np);
	buf_free(&msg);
	buf_free(&what);
}

static void structure_command(struct outline_view *ov, struct app *app, int cmd)
{
	struct session *s = app_session(app);
	const struct outline_row *r = selected_row(ov);
	if (!r)
		return;
	struct buf np = BUF_INIT, msg = BUF_INIT, what = BUF_INIT;
	const char *path = buf_cstr(&ov->sel_path);
	int rc;
	switch (cmd) {
	case CMD_ADD:
		add_plan_free(&ov->plan);
		if (add_plan_at(r->node, &ov->plan, &msg) < 0)
			app_message(app, ROLE_WARNING, "%s", buf_cstr(&msg));
		else
			app_prompt(app, PROMPT_VALUE, ov->plan.label, NULL, add_done, NULL);
		break;
	case CMD_DELETE:
		buf_printf(&what, "Deleted %s", path);
		rc = session_remove(s, path, &msg);
		edited(ov, app, rc, NULL, &msg, buf_cstr(&what));
		break;
	case CMD_DUPLICATE:
		rc = session_duplicate(s, path, &np, &msg);
		buf_printf(&what, "Copied to %s", buf_cstr(&np));
		edited(ov, app, rc, &np, &msg, buf_cstr(&what));
		break;
	default:
		rc = session_move(s, path, cmd == CMD_MOVE_UP ? -1 : 1, &np, &msg);
		buf_printf(&what, "Moved %s", cmd == CMD_MOVE_UP ? "up" : "down");
		edited(ov, app, rc, &np, &msg, buf_cstr(&what));
		break;
	}
	buf_free(&np);
	buf_free(&msg);
	buf_free(&what);
}

/* --- search --- */

static void search_from(struct outline_view *ov, struct app *app, bool backward)
{
	const struct outline_row *r = selected_row(ov);
	const struct doc_node *hit = outline_search(ov->doc, r ? r->node : NULL, ov->search, backward);
	if (!hit) {
		app_message(app, ROLE_WARNING, "Not found: %s", ov->search);
		return;
	}
	outline_reveal(&ov->o, hit);
	rebuild(ov, app, hit);
	app_dirty(app, DIRTY_MAIN | DIRTY_PANE);
	app_message(app, ROLE_NORMAL, "/%s", ov->search);
}

static void search_done(struct app *app, const char *line, void *ctx)
{
	struct outline_view *ov = priv_of(app);
	(void)ctx;
	if (!line || !*line || !ov)
		return;
	free(ov->search);
	ov->search = strdup(line);
	if (ov->search)
		search_from(ov, app, false);
}

/* --- folding --- */

static void set_open(struct outline_view *ov, struct app *app, bool open)
{
	const struct outline_row *r = selected_row(ov);
	const struct doc_node *n = r->node;
	outline_set_open(&ov->o, ov->nav.sel, open);
	rebuild(ov, app, n);
}

static enum view_result fold_command(struct outline_view *ov, struct app *app, int cmd)
{
	const struct outline_row *r = selected_row(ov);
	if (!r)
		return VIEW_DONE;
	bool foldable = r->flags & ROW_FOLDABLE, open = r->flags & ROW_OPEN;
	if (cmd == CMD_TOGGLE || (cmd == CMD_SELECT && foldable)) {
		if (foldable)
			set_open(ov, app, !open);
	} else if (cmd == CMD_SELECT || cmd == CMD_EDIT) {
		edit_selected(ov, app);
	} else if (cmd == CMD_FOLD) {
		if (foldable && open)
			set_open(ov, app, false);
		else if (r->parent != OUTLINE_NO_PARENT)
			listnav_select(&ov->nav, r->parent, app_main_height(app));
	} else if (cmd == CMD_UNFOLD) {
		if (foldable && !open)
			set_open(ov, app, true);
		else if (foldable && ov->nav.sel + 1 < ov->nav.n)
			listnav_select(&ov->nav, ov->nav.sel + 1, app_main_height(app));
	}
	sync_path(ov);
	app_dirty(app, DIRTY_MAIN | DIRTY_PANE);
	return VIEW_DONE;
}

static enum view_result outline_command(struct view *v, struct app *app, int cmd, const char *args)
{
	struct outline_view *ov = v->priv;
	if (!app_session(app))
		return VIEW_PASS;
	if (listnav_command(&ov->nav, cmd, app_main_height(app))) {
		sync_path(ov);
		app_dirty(app, DIRTY_MAIN | DIRTY_PANE);
		return VIEW_DONE;
	}
	switch (cmd) {
	case CMD_SELECT:
	case CMD_EDIT:
	case CMD_TOGGLE:
	case CMD_FOLD:
	case CMD_UNFOLD:
		return fold_command(ov, app, cmd);
	case CMD_ADD:
	case CMD_DELETE:
	case CMD_DUPLICATE:
	case CMD_MOVE_UP:
	case CMD_MOVE_DOWN:
		if (ov->doc->ok)
			structure_command(ov, app, cmd);
		return VIEW_DONE;
	case CMD_SEARCH:
		if (!*args) {
			app_prompt(app, PROMPT_SEARCH, "/", NULL, search_done, NULL);
			return VIEW_DONE;
		}
		search_done(app, args, NULL);
		return VIEW_DONE;
	case CMD_SEARCH_NEXT:
	case CMD_SEARCH_PREV:
		if (!ov->search)
			app_message(app, ROLE_WARNING, "No search yet: press / to search");
		else
			search_from(ov, app, cmd == CMD_SEARCH_PREV);
		return VIEW_DONE;
	default:
		return VIEW_PASS;
	}
}

static size_t outline_complete(struct view *v, struct app *app, const char *word, struct buf *out)
{
	struct outline_view *ov = v->priv;
	const struct outline_row *r = selected_row(ov);
	(void)app;
	return r ? specnav_values(specnav_of(r->node).field, word, out) : 0;
}

static void outline_click(struct view *v, struct app *app, int y)
{
	struct outline_view *ov = v->priv;
	listnav_select(&ov->nav, ov->nav.top + (size_t)y, app_main_height(app));
	sync_path(ov);
	app_dirty(app, DIRTY_MAIN | DIRTY_PANE);
}

int outline_view_reveal(struct app *app, uint32_t off)
{
	struct session *s = app_session(app);
	if (!s || app_show_view(app, "outline") < 0)
		return -1;
	struct outline_view *ov = priv_of(app);
	if (!ov)
		return -1;
	if (!ov->doc || ov->doc != session_doc(s) || ov->doc_gen != session_doc(s)->generation)
		rebuild(ov, app, NULL);
	const struct doc_node *n = outline_node_at(ov->doc, off);
	if (!n)
		return 0;
	outline_reveal(&ov->o, n);
	rebuild(ov, app, n);
	if (outline_row_of(&ov->o, n) == (size_t)-1) {
		size_t r = outline_row_at(&ov->o, off);
		if (r != (size_t)-1)
			listnav_select(&ov->nav, r, app_main_height(app));
		sync_path(ov);
	}
	app_dirty(app, DIRTY_MAIN | DIRTY_PANE);
	return 0;
}

const struct doc_node *outline_view_selected(struct app *app)
{
	struct view *v = app_view(app, "outline");
	struct outline_view *ov = v ? v->priv : NULL;
	if (ov && ov->doc_gen != (ov->doc ? ov->doc->generation : 0))
		return NULL;   /* rows from an older tree */
	const struct outline_row *r = ov ? selected_row(ov) : NULL;
	return r ? r->node : NULL;
}

static const char *outline_hint(int cmd)
{
	if (cmd == CMD_SELECT)
		return "open/edit";
	return NULL;
}

const struct view_ops view_outline_ops = {
	.name = "outline",
	.hint = outline_hint,
	.title = "Outline",
	.cmds = outline_cmds,
	.open = outline_open,
	.close = outline_close,
	.recalc = outline_recalc,
	.draw = outline_draw,
	.draw_pane = outline_draw_pane,
	.command = outline_command,
	.complete = outline_complete,
	.click = outline_click,
};
