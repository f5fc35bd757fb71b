/* chrome: title bar, hint bar, completion list, default pane (see chrome.h).
 *
 * The hint bar is generated from the command table: the commands the
 * current view handles that have a hint label, then the global ones, each
 * drawn as "KEY label" until the row is full. Nothing here is hand-written
 * per view, so a new command shows up by adding its row.
 */
#include "chrome.h"

#include <string.h>

#include "commands.h"
#include "draw.h"
#include "keys.h"
#include "session.h"

static attr_t A(struct app *app, enum theme_role r)
{
	return theme_attr(app_theme(app), r);
}

/* "✗ 2  ⚠ 1" or "no problems"; returns the columns drawn (right-aligned at
 * column right when draw is true; measures only otherwise). */
static int draw_counts(struct app *app, WINDOW *w, int right, bool draw, const struct session *s)
{
	char tmp[64];
	const struct theme *th = app_theme(app);
	size_t ne = session_count(s, DIAG_ERROR), nw = session_count(s, DIAG_WARNING);
	int width = 0;
	if (ne == 0 && nw == 0) {
		snprintf(tmp, sizeof tmp, "no problems ");
		width = (int)strlen(tmp);
		if (draw)
			draw_text(w, 0, right - width, width, tmp, A(app, ROLE_TITLE));
		return width;
	}
	char e[32], wn[32];
	snprintf(e, sizeof e, "%s %zu", theme_glyph(th, GLYPH_ERROR), ne);
	snprintf(wn, sizeof wn, "%s %zu", theme_glyph(th, GLYPH_WARNING), nw);
	int we = draw_width(e, (size_t)-1), ww = draw_width(wn, (size_t)-1);
	width = we + 2 + ww + 1;
	if (draw) {
		int x = right - width;
		draw_text(w, 0, x, we, e, A(app, ne ? ROLE_TITLE_MOD : ROLE_TITLE));
		draw_text(w, 0, x + we + 2, ww, wn, A(app, nw ? ROLE_TITLE_MOD : ROLE_TITLE));
	}
	return width;
}

void chrome_draw_title(struct app *app, WINDOW *w, const struct view *v)
{
	int cols = getmaxx(w);
	const struct session *s = app_session(app);
	attr_t base = A(app, ROLE_TITLE);
	const char *ell = theme_glyph(app_theme(app), GLYPH_ELLIPSIS);
	werase(w);
	draw_fill(w, 0, 0, cols, base);
	int x = 1;
	int right = cols;
	if (s)
		right -= draw_counts(app, w, cols, true, s);
	if (!s) {
		x += draw_text(w, 0, x, right - x, "osmo-tui", base | A_BOLD);
	} else {
		x += draw_text_clip(w, 0, x, right - x - 20, session_path(s), ell, base | A_BOLD);
		if (session_modified(s)) {
			x++;
			x += draw_text(w, 0, x, right - x, theme_glyph(app_theme(app), GLYPH_MODIFIED),
				       A(app, ROLE_TITLE_MOD));
			x += draw_text(w, 0, x, right - x, " modified", A(app, ROLE_TITLE_MOD));
		}
		if (app_options(app)->readonly)
			x += draw_text(w, 0, x, right - x, " [read-only]", base);
		const char *pool = session_pool(s);
		if (pool && *pool) {
			x += draw_text(w, 0, x, right - x, "  pool: ", base);
			x += draw_text_clip(w, 0, x, right - x - 12, pool, ell, base);
		}
	}
	if (v) {
		x += draw_text(w, 0, x, right - x, "  ", base);
		x += draw_text(w, 0, x, right - x, theme_glyph(app_theme(app), GLYPH_VLINE), base);
		x += draw_text(w, 0, x, right - x, " ", base);
		x += draw_text(w, 0, x, right - x, v->ops->title, base);
	}
}

/* Does view v handle cmd? */
static bool handles(const struct view *v, int cmd)
{
	if (!v || !v->ops->cmds)
		return false;
	for (const int *c = v->ops->cmds; *c != CMD_NONE; c++)
		if (*c == cmd)
			return true;
	return false;
}

/* Draw "KEY label" at x; returns the new x, or -1 when it did not fit. */
static int draw_hint(struct app *app, WINDOW *w, int x, int cmd, const struct view *v)
{
	int cols = getmaxx(w);
	int keys[CMD_MAX_KEYS];
	if (cmd_keys(cmd, keys, CMD_MAX_KEYS) < 1)
		return x;
	struct buf k = BUF_INIT;
	keys_label(keys[0], &k);
	const char *label = v && v->ops->hint && v->ops->hint(cmd) ? v->ops->hint(cmd) : commands[cmd].hint;
	if (!*label)
		return x;   /* the view hides this one */
	int need = draw_width(buf_cstr(&k), k.len) + 1 + (int)strlen(label) + 2;
	if (x + need > cols) {
		buf_free(&k);
		return -1;
	}
	x += draw_text(w, 0, x, cols - x, buf_cstr(&k), A(app, ROLE_KEY));
	x += 1;
	x += draw_text(w, 0, x, cols - x, label, A(app, ROLE_HINT));
	buf_free(&k);
	return x + 2;
}

void chrome_draw_hints(struct app *app, WINDOW *w, const struct view *v)
{
	werase(w);
	int x = 1;
	bool doc = app_session(app) != NULL, ro = app_options(app)->readonly;
	if (v && v->ops->cmds)
		for (const int *c = v->ops->cmds; *c != CMD_NONE && x >= 0; c++)
			if (commands[*c].hint && !((commands[*c].flags & CMDF_EDIT) && ro))
				x = draw_hint(app, w, x, *c, v);
	if (v && v->ops->typing)
		return;    /* letters go to the view: single-letter keys do not apply */
	for (int id = 0; id < CMD_COUNT && x >= 0; id++) {
		unsigned f = commands[id].flags;
		if (!commands[id].hint || !commands[id].run || handles(v, id) ||
		    ((f & CMDF_DOC) && !doc) || ((f & CMDF_EDIT) && ro) || (f & CMDF_VIEW_HINT))
			continue;
		x = draw_hint(app, w, x, id, NULL);
	}
}

void chrome_draw_pane_header(struct app *app, WINDOW *w, const char *title)
{
	int cols = getmaxx(w);
	const char *hl = theme_glyph(app_theme(app), GLYPH_HLINE);
	wmove(w, 0, 0);
	for (int x = 0; x < cols; x++)
		draw_text(w, 0, x, 1, hl, A(app, ROLE_DIM));
	int tw = draw_width(title, (size_t)-1);
	draw_text(w, 0, 2, 1, " ", A(app, ROLE_NORMAL));
	draw_text(w, 0, 3, cols - 4, title, A(app, ROLE_HEADER));
	if (3 + tw < cols)
		draw_text(w, 0, 3 + tw, 1, " ", A(app, ROLE_NORMAL));
}

void chrome_draw_matches(struct app *app, WINDOW *w, char *const *matches)
{
	if (!matches || !matches[0])
		return;
	int rows = getmaxy(w), cols = getmaxx(w);
	size_t n = 0;
	int maxw = 1;
	/* show what differs: cut the common prefix after its last separator
	 * (a directory, a path step), like shells do for files */
	for (; matches[n]; n++)
		;
	size_t common = n ? strlen(matches[0]) : 0, cut = 0;
	for (size_t i = 1; i < n; i++) {
		size_t k = 0;
		while (k < common && matches[i][k] == matches[0][k])
			k++;
		common = k;
	}
	for (size_t k = 0; k < common; k++)
		if (strchr("/.=[", matches[0][k]))
			cut = k + 1;
	for (size_t i = 0; i < n; i++) {
		int mw = draw_width(matches[i] + cut, (size_t)-1);
		if (mw > maxw)
			maxw = mw;
	}
	int colw = maxw + 2 < cols ? maxw + 2 : cols;
	int ncols = cols / colw > 0 ? cols / colw : 1;
	int nrows = (int)((n + (size_t)ncols - 1) / (size_t)ncols);
	int avail = rows - 1;
	if (avail < 1)
		return;
	if (nrows > avail)
		nrows = avail;
	int top = rows - nrows - 1;
	char title[64];
	snprintf(title, sizeof title, "%zu completions", n);
	for (int y = top; y < rows; y++)
		draw_fill(w, y, 0, cols, A(app, ROLE_NORMAL));
	WINDOW *sub = derwin(w, 1, cols, top, 0);
	if (sub) {
		chrome_draw_pane_header(app, sub, title);
		delwin(sub);
	}
	for (size_t i = 0; i < n; i++) {
		int r = (int)(i % (size_t)nrows), c = (int)(i / (size_t)nrows);
		if (c >= ncols)
			break;
		draw_text(w, top + 1 + r, c * colw, colw - 1, matches[i] + cut, A(app, ROLE_NORMAL));
	}
}

void chrome_draw_default_pane(struct app *app, WINDOW *w)
{
	const struct session *s = app_session(app);
	int rows = getmaxy(w), cols = getmaxx(w);
	if (!s) {
		chrome_draw_pane_header(app, w, "Tips");
		draw_text(w, 1, 1, cols - 2, "Press ? for every command and its keys, : for the command prompt.",
			  A(app, ROLE_DIM));
		return;
	}
	size_t n = session_ndiags(s);
	char title[64];
	snprintf(title, sizeof title, "Problems (%zu)", n);
	chrome_draw_pane_header(app, w, title);
	if (n == 0) {
		draw_text(w, 1, 1, cols - 2, "No problems.", A(app, ROLE_OK));
		return;
	}
	for (int y = 1; y < rows && (size_t)(y - 1) < n; y++)
		chrome_draw_diag(app, w, y, session_diag(s, (size_t)(y - 1)), false);
}

void chrome_draw_diag(struct app *app, WINDOW *w, int y, const struct diag *d, bool selected)
{
	const struct theme *th = app_theme(app);
	int cols = getmaxx(w);
	attr_t sel = selected ? A(app, ROLE_SELECTION) : 0;
	char pos[32];
	if (selected)
		draw_fill(w, y, 0, cols, sel);
	bool err = d->severity == DIAG_ERROR;
	const char *mark = d->severity == DIAG_NOTE ? "i" :
		theme_glyph(th, err ? GLYPH_ERROR : GLYPH_WARNING);
	int x = 1;
	x += draw_text(w, y, x, 2, mark,
		       sel ? sel : A(app, err ? ROLE_ERROR : d->severity == DIAG_WARNING ? ROLE_WARNING
										: ROLE_NOTE));
	x++;
	snprintf(pos, sizeof pos, "%d:%d", d->line, d->col);
	x += draw_text(w, y, x, cols - x, pos, sel ? sel : A(app, ROLE_DIM));
	x++;
	x += draw_text_clip(w, y, x, cols - x - 1, d->message ? d->message : "",
			    theme_glyph(th, GLYPH_ELLIPSIS), sel ? sel : A(app, ROLE_NORMAL));
	if (d->rule && x + 4 < cols) {
		char rule[80];
		snprintf(rule, sizeof rule, " [%s]", d->rule);
		draw_text(w, y, x, cols - x - 1, rule, sel ? sel : A(app, ROLE_DIM));
	}
}
