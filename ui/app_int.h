/* app_int: the app's state, shared by app.c (loop, dispatch) and
 * app_draw.c (windows, recalc, repaint). Not for views: they use app.h.
 */
#ifndef OSMO_UI_APP_INT_H
#define OSMO_UI_APP_INT_H

#include "app.h"


struct question {
	bool active;
	char *text;
	char choices[16];
	app_answer_fn *done;
	void *ctx;
};

struct app {
	struct app_options opt;
	SCREEN *scr;
	struct input *in;
	struct theme theme;
	WINDOW *w_title, *w_main, *w_pane, *w_hints, *w_status;
	int rows, cols, main_h, pane_h;
	bool pane_on, too_small;
	unsigned dirty;
	unsigned generation;
	struct view *views;
	int cur, prev;
	struct prompt *prompt;
	app_line_fn *prompt_done;
	void *prompt_ctx;
	struct buf msg;
	int msg_role;
	struct question q;
	char *dump_path;
	struct session *sess;
	double check_ms;        /* time spent re-validating in the last recalc */
	bool quit;
	int status;
};

/* Recreate every window for the current terminal size. */
void app_layout(struct app *app);
/* Bring stale data up to date (checks, then the current view's rows). */
void app_recalc(struct app *app);
/* Redraw the dirty windows and update the terminal. */
void app_repaint(struct app *app);
/* Delete every window. */
void app_free_windows(struct app *app);
/* Write the screen to the requested dump file. */
void app_write_dump(struct app *app);

#endif
