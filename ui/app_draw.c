/* app_draw: the app's windows: layout, recalc (data) and repaint
 * (drawing only what is dirty), the status line and screen dumps.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "chrome.h"
#include "draw.h"
#include "session.h"
#include "views/views.h"

#define MIN_COLS 20
#define MIN_ROWS 6
#define PANE_MAX 10

/* --- layout --- */

void app_free_windows(struct app *app)
{
	WINDOW **ws[] = { &app->w_title, &app->w_main, &app->w_pane, &app->w_hints, &app->w_status };
	for (size_t i = 0; i < sizeof ws / sizeof ws[0]; i++) {
		if (*ws[i])
			delwin(*ws[i]);
		*ws[i] = NULL;
	}
}

static WINDOW *make_window(int h, int w, int y, int x)
{
	WINDOW *win = newwin(h > 0 ? h : 1, w > 0 ? w : 1, y, x);
	if (win) {
		leaveok(win, TRUE);
		keypad(win, TRUE);
	}
	return win;
}

void app_layout(struct app *app)
{
	app_free_windows(app);
	getmaxyx(stdscr, app->rows, app->cols);
	app->too_small = app->rows < MIN_ROWS || app->cols < MIN_COLS;
	int body = app->rows - 3;
	app->pane_h = 0;
	if (app->pane_on && body >= 14)
		app->pane_h = body / 3 < PANE_MAX ? body / 3 : PANE_MAX;
	app->main_h = body - app->pane_h;
	if (app->main_h < 1)
		app->main_h = 1;
	app->w_title = make_window(1, app->cols, 0, 0);
	app->w_main = make_window(app->main_h, app->cols, 1, 0);
	app->w_pane = app->pane_h ? make_window(app->pane_h, app->cols, 1 + app->main_h, 0) : NULL;
	app->w_hints = make_window(1, app->cols, app->rows - 2, 0);
	app->w_status = make_window(1, app->cols, app->rows - 1, 0);
	if (app->w_status)
		leaveok(app->w_status, FALSE);
	if (app->prompt)
		prompt_set_window(app->prompt, app->w_status);
	/* the views' scrolling depends on the height: let them recalc */
	for (size_t i = 0; i < views_count; i++)
		app->views[i].seen = app->generation - 1;
	app->dirty = DIRTY_ALL & ~DIRTY_LAYOUT;
	clearok(curscr, TRUE);
}

void app_toggle_pane(struct app *app)
{
	app->pane_on = !app->pane_on;
	app->dirty |= DIRTY_LAYOUT;
}

/* --- repaint --- */

static void draw_status(struct app *app)
{
	WINDOW *w = app->w_status;
	werase(w);
	if (prompt_active(app->prompt)) {
		prompt_draw(app->prompt);
		return;
	}
	if (app->q.active) {
		draw_text(w, 0, 0, app->cols, app->q.text, theme_attr(&app->theme, ROLE_PROMPT));
	} else if (app->msg.len) {
		draw_text_clip(w, 0, 0, app->cols, buf_cstr(&app->msg),
			       theme_glyph(&app->theme, GLYPH_ELLIPSIS),
			       theme_attr(&app->theme, (enum theme_role)app->msg_role));
	}
	wnoutrefresh(w);
}

void app_recalc(struct app *app)
{
	struct view *v = app_current_view(app);
	double t0 = app->opt.timing ? app_now_ms() : 0;
	if (app->sess && session_revalidate(app->sess)) {
		app->generation++;
		app->dirty |= DIRTY_TITLE;
	}
	app->check_ms = app->opt.timing ? app_now_ms() - t0 : 0;
	if (v && v->seen != app->generation) {
		if (v->ops->recalc)
			v->ops->recalc(v, app);
		v->seen = app->generation;
		app->dirty |= DIRTY_MAIN | DIRTY_PANE | DIRTY_HINTS | DIRTY_TITLE;
	}
}

void app_repaint(struct app *app)
{
	if (app->dirty & DIRTY_LAYOUT)
		app_layout(app);
	if (app->too_small) {
		werase(stdscr);
		mvaddstr(0, 0, "osmo-tui: the terminal is too small");
		wnoutrefresh(stdscr);
		doupdate();
		app->dirty = 0;
		return;
	}
	struct view *v = app_current_view(app);
	if (app->dirty & DIRTY_TITLE) {
		chrome_draw_title(app, app->w_title, v);
		wnoutrefresh(app->w_title);
	}
	if (app->dirty & DIRTY_MAIN) {
		werase(app->w_main);
		if (v)
			v->ops->draw(v, app, app->w_main);
		if (prompt_active(app->prompt))
			chrome_draw_matches(app, app->w_main, prompt_matches(app->prompt));
		wnoutrefresh(app->w_main);
	}
	if (app->w_pane && (app->dirty & DIRTY_PANE)) {
		werase(app->w_pane);
		if (v && v->ops->draw_pane)
			v->ops->draw_pane(v, app, app->w_pane);
		else
			chrome_draw_default_pane(app, app->w_pane);
		wnoutrefresh(app->w_pane);
	}
	if (app->dirty & DIRTY_HINTS) {
		chrome_draw_hints(app, app->w_hints, v);
		wnoutrefresh(app->w_hints);
	}
	/* the status line goes last: it holds the cursor while a prompt is open */
	if (app->dirty & (DIRTY_STATUS | DIRTY_MAIN))
		draw_status(app);
	doupdate();
	app->dirty = 0;
}

void app_write_dump(struct app *app)
{
	struct buf text = BUF_INIT;
	draw_screen_text(&text);
	FILE *f = fopen(app->dump_path, "w");
	if (!f || fwrite(text.data ? text.data : "", 1, text.len, f) != text.len) {
		app_message(app, ROLE_ERROR, "screendump: cannot write %s", app->dump_path);
		if (f)
			fclose(f);
	} else if (fclose(f) != 0) {
		app_message(app, ROLE_ERROR, "screendump: cannot write %s", app->dump_path);
	}
	buf_free(&text);
	free(app->dump_path);
	app->dump_path = NULL;
}

void app_request_dump(struct app *app, const char *path)
{
	free(app->dump_path);
	app->dump_path = strdup(path);
}

