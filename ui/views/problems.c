/* problems: every diagnostic of the open file, sorted by position. Enter
 * jumps to the node in the outline; the pane shows the whole message.
 */
#include <stdlib.h>
#include <string.h>

#include "chrome.h"
#include "commands.h"
#include "draw.h"
#include "listnav.h"
#include "session.h"
#include "views.h"

struct problems {
	struct listnav nav;
};

static const int problems_cmds[] = {
	CMD_DOWN, CMD_UP, CMD_PAGE_DOWN, CMD_PAGE_UP, CMD_FIRST, CMD_LAST, CMD_SELECT, CMD_BACK, CMD_NONE,
};

static int problems_open(struct view *v, struct app *app)
{
	(void)app;
	v->priv = calloc(1, sizeof(struct problems));
	return v->priv ? 0 : -1;
}

static void problems_close(struct view *v)
{
	free(v->priv);
	v->priv = NULL;
}

static void problems_recalc(struct view *v, struct app *app)
{
	struct problems *p = v->priv;
	const struct session *s = app_session(app);
	listnav_set_count(&p->nav, s ? session_ndiags(s) : 0);
	listnav_scroll(&p->nav, app_main_height(app));
}

static void problems_draw(struct view *v, struct app *app, WINDOW *w)
{
	struct problems *p = v->priv;
	const struct session *s = app_session(app);
	const struct theme *th = app_theme(app);
	int rows = getmaxy(w), cols = getmaxx(w);
	if (!s) {
		draw_text(w, 1, 2, cols - 4, "No file is open.", theme_attr(th, ROLE_DIM));
		return;
	}
	if (p->nav.n == 0) {
		draw_text(w, 1, 2, cols - 4, "No problems: the spec passes every check.",
			  theme_attr(th, ROLE_OK));
		return;
	}
	listnav_scroll(&p->nav, rows);
	for (int y = 0; y < rows && p->nav.top + (size_t)y < p->nav.n; y++) {
		size_t i = p->nav.top + (size_t)y;
		chrome_draw_diag(app, w, y, session_diag(s, i), i == p->nav.sel);
	}
}

static void problems_draw_pane(struct view *v, struct app *app, WINDOW *w)
{
	struct problems *p = v->priv;
	const struct session *s = app_session(app);
	const struct theme *th = app_theme(app);
	int rows = getmaxy(w), cols = getmaxx(w);
	chrome_draw_pane_header(app, w, "Problem");
	if (!s || p->nav.n == 0)
		return;
	const struct diag *d = session_diag(s, p->nav.sel);
	char where[300];
	snprintf(where, sizeof where, "%s:%d:%d: %s [%s]", session_path(s), d->line, d->col,
		 diag_severity_name(d->severity), d->rule ? d->rule : "");
	draw_text(w, 1, 1, cols - 2, where, theme_attr(th, ROLE_DIM));
	draw_wrapped(w, 2, rows, 1, cols - 2, d->message ? d->message : "", theme_attr(th, ROLE_NORMAL));
}

static enum view_result problems_command(struct view *v, struct app *app, int cmd, const char *args)
{
	struct problems *p = v->priv;
	const struct session *s = app_session(app);
	(void)args;
	if (listnav_command(&p->nav, cmd, app_main_height(app))) {
		app_dirty(app, DIRTY_MAIN | DIRTY_PANE);
		return VIEW_DONE;
	}
	if (cmd == CMD_BACK) {
		app_back(app);
		return VIEW_DONE;
	}
	if (cmd == CMD_SELECT && s && p->nav.n) {
		const struct diag *d = session_diag(s, p->nav.sel);
		if (d->offset == DIAG_NO_OFFSET) {
			app_message(app, ROLE_WARNING, "This problem is about the whole file (line %d)", d->line);
			return VIEW_DONE;
		}
		outline_view_reveal(app, d->offset);
		return VIEW_DONE;
	}
	return VIEW_PASS;
}

static void problems_click(struct view *v, struct app *app, int y)
{
	struct problems *p = v->priv;
	listnav_select(&p->nav, p->nav.top + (size_t)y, app_main_height(app));
	app_dirty(app, DIRTY_MAIN | DIRTY_PANE);
}

static const char *problems_hint(int cmd)
{
	if (cmd == CMD_SELECT)
		return "jump";
	return NULL;
}

const struct view_ops view_problems_ops = {
	.name = "problems",
	.hint = problems_hint,
	.title = "Problems",
	.cmds = problems_cmds,
	.open = problems_open,
	.close = problems_close,
	.recalc = problems_recalc,
	.draw = problems_draw,
	.draw_pane = problems_draw_pane,
	.command = problems_command,
	.click = problems_click,
};
