/* app: the TUI application: windows, views, the main loop.
 *
 * The screen is divided into windows, top to bottom:
 *
 *   title   one row: file, modified flag, pool, problem counts
 *   main    the current view
 *   pane    detail of the selection, or the problems (optional)
 *   hints   one row generated from the command table
 *   status  one row: messages, questions, the readline prompt
 *
 * The loop reads one event from the single input function, dispatches it
 * (prompt, question, view text entry, keymap -> command), then recalculates
 * what is stale (data) and repaints what is dirty (drawing), so every key's
 * effect is on screen before the next key is read. A resize recreates every
 * window and redraws everything. The app never installs a signal handler.
 */
#ifndef OSMO_UI_APP_H
#define OSMO_UI_APP_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "input.h"
#include "prompt.h"
#include "theme.h"

struct app;
struct view;

/* Dirty flags: which windows need repainting. */
enum {
	DIRTY_TITLE = 1 << 0,
	DIRTY_MAIN = 1 << 1,
	DIRTY_PANE = 1 << 2,
	DIRTY_HINTS = 1 << 3,
	DIRTY_STATUS = 1 << 4,
	DIRTY_LAYOUT = 1 << 5,    /* windows must be recreated */
	DIRTY_ALL = (1 << 6) - 1,
};

enum view_result { VIEW_PASS, VIEW_DONE };

/* A view: one table of operations, plus private state. */
struct view_ops {
	const char *name;          /* as in ":view NAME" */
	const char *title;         /* shown in the title bar and pane headers */
	const int *cmds;           /* commands it handles, ending with CMD_NONE */
	bool typing;               /* printable keys are text for the view */
	/* the hint-bar label of cmd in this view, or NULL for the table's */
	const char *(*hint)(int cmd);
	/* allocate private state (v->priv); 0 or -1 */
	int (*open)(struct view *v, struct app *app);
	/* free private state */
	void (*close)(struct view *v);
	/* data changed (document generation); rebuild rows */
	void (*recalc)(struct view *v, struct app *app);
	/* the view becomes the current one (NULL = nothing to do) */
	void (*enter)(struct view *v, struct app *app);
	/* draw into the main window */
	void (*draw)(struct view *v, struct app *app, WINDOW *w);
	/* draw the detail pane; NULL = the default (problem summary) */
	void (*draw_pane)(struct view *v, struct app *app, WINDOW *w);
	/* a command of cmds[] (args may be ""): VIEW_DONE when handled */
	enum view_result (*command)(struct view *v, struct app *app, int cmd, const char *args);
	/* a raw key before the keymap (text entry); NULL = none */
	enum view_result (*key)(struct view *v, struct app *app, int key);
	/* values Tab offers at a value prompt opened by this view (one per
	 * line, starting with word); NULL = none */
	size_t (*complete)(struct view *v, struct app *app, const char *word, struct buf *out);
	/* a mouse click on row y of the main window; NULL = none */
	void (*click)(struct view *v, struct app *app, int y);
};

struct view {
	const struct view_ops *ops;
	void *priv;
	bool opened;
	unsigned seen;             /* app generation this view last recalculated at */
};

struct app_options {
	bool ascii;
	bool no_color;
	bool readonly;
	bool mouse;
	const char *file;          /* NULL: start screen */
	char **sets;               /* --set K=V, kept for the template preview */
	size_t nsets;
	const char *cookbook_dir;  /* NULL: the installed or source cookbook */
	const char *history_path;  /* NULL: no persistent history */
	FILE *timing;              /* per-key timings for make bench, or NULL */
	double started_ms;         /* CLOCK_MONOTONIC at program start (for timing) */
};

typedef void app_answer_fn(struct app *app, int answer, void *ctx);
typedef void app_line_fn(struct app *app, const char *line, void *ctx);

/* A new app (nothing is drawn until app_run). */
struct app *app_new(const struct app_options *opt);
/* Free the app (after app_run returned). */
void app_free(struct app *app);
/* Run on scr (the current screen) with events from in, until quit. Returns
 * the exit status. */
int app_run(struct app *app, SCREEN *scr, struct input *in);

/* --- used by commands and views --- */

/* The options the app was started with. */
const struct app_options *app_options(const struct app *app);
/* The theme. */
const struct theme *app_theme(const struct app *app);
/* Mark windows dirty. */
void app_dirty(struct app *app, unsigned flags);
/* Data changed: views recalc before the next repaint. */
void app_data_changed(struct app *app);
/* The data generation (bumped by app_data_changed). */
unsigned app_generation(const struct app *app);
/* Show a message on the status line (role ROLE_NORMAL, ROLE_ERROR...). */
void app_message(struct app *app, int role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Run command id with args ("" for none). */
void app_exec(struct app *app, int cmd, const char *args);
/* Run a prompt line ("w out.yaml", "view dag"). */
void app_exec_line(struct app *app, const char *line);
/* Switch to the view named name; returns 0, or -1 with a message. */
int app_show_view(struct app *app, const char *name);
/* The current view. */
struct view *app_current_view(struct app *app);
/* The view named name if it has been opened, else NULL. */
struct view *app_view(struct app *app, const char *name);
/* Go back to the previous view (if any). */
void app_back(struct app *app);
/* Ask a question on the status line; answers are the characters of
 * choices (first = default for Enter); Esc/Ctrl-C answer 0. */
void app_ask(struct app *app, const char *question, const char *choices,
	     app_answer_fn *done, void *ctx);
/* Open the prompt; done is called with the accepted line (or NULL). */
void app_prompt(struct app *app, enum prompt_kind kind, const char *label,
		const char *initial, app_line_fn *done, void *ctx);
/* Open the ":" prompt, prefilled with initial (may be NULL). */
void app_command_prompt(struct app *app, const char *initial);
/* Stop the loop after this event with exit status. */
void app_quit(struct app *app, int status);
/* Height of the main window. */
int app_main_height(const struct app *app);
/* Show or hide the detail pane. */
void app_toggle_pane(struct app *app);
/* Write the screen to path after the next repaint. */
void app_request_dump(struct app *app, const char *path);
struct session;
/* The open file, or NULL (start screen). */
struct session *app_session(const struct app *app);
/* Take ownership of s as the open file (closing the previous one) and show
 * its outline. */
void app_set_session(struct app *app, struct session *s);
/* Open path for editing and show its outline; 0, or -1 with a message. */
int app_open_file(struct app *app, const char *path);
/* Milliseconds of CLOCK_MONOTONIC. */
double app_now_ms(void);
/* Suspend to the shell (endwin, SIGTSTP) and redraw on return. */
void app_suspend(struct app *app);

#endif
