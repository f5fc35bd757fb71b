/* app: the main loop and event dispatch (see app.h; windows and drawing
 * are in app_draw.c).
 *
 * Data flow per event: input_next() -> dispatch (prompt, question, the
 * view's text entry, keymap -> app_exec) -> recalc (views whose data
 * generation is stale rebuild their rows) -> repaint (only dirty windows,
 * one doupdate). Commands never draw; they change state and set flags.
 */
#include "app_int.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "complete.h"
#include "keys.h"
#include "session.h"
#include "views/views.h"

#define MOUSE_WHEEL_STEP 3

struct app *app_new(const struct app_options *opt)
{
	struct app *app = calloc(1, sizeof *app);
	if (!app)
		return NULL;
	app->opt = *opt;
	app->views = calloc(views_count, sizeof *app->views);
	if (!app->views) {
		free(app);
		return NULL;
	}
	for (size_t i = 0; i < views_count; i++)
		app->views[i].ops = views_table[i].ops;
	app->cur = app->prev = -1;
	app->pane_on = true;
	return app;
}

void app_free(struct app *app)
{
	if (!app)
		return;
	for (size_t i = 0; i < views_count; i++)
		if (app->views[i].opened && app->views[i].ops->close)
			app->views[i].ops->close(&app->views[i]);
	free(app->views);
	session_free(app->sess);
	buf_free(&app->msg);
	free(app->q.text);
	free(app->dump_path);
	free(app);
}

const struct app_options *app_options(const struct app *app)
{
	return &app->opt;
}

const struct theme *app_theme(const struct app *app)
{
	return &app->theme;
}

void app_dirty(struct app *app, unsigned flags)
{
	app->dirty |= flags;
}

void app_data_changed(struct app *app)
{
	app->generation++;
	app->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
}

unsigned app_generation(const struct app *app)
{
	return app->generation;
}

void app_message(struct app *app, int role, const char *fmt, ...)
{
	va_list ap;
	char tmp[512];
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	buf_reset(&app->msg);
	buf_puts(&app->msg, tmp);
	app->msg_role = role;
	app->dirty |= DIRTY_STATUS;
}

struct view *app_current_view(struct app *app)
{
	return app->cur >= 0 ? &app->views[app->cur] : NULL;
}

int app_main_height(const struct app *app)
{
	return app->main_h;
}

/* --- views --- */

static int switch_to(struct app *app, int idx)
{
	struct view *v = &app->views[idx];
	if (!v->ops) {
		app_message(app, ROLE_ERROR, "The %s view is not available yet", views_table[idx].name);
		return -1;
	}
	if (!v->opened) {
		if (v->ops->open && v->ops->open(v, app) < 0)
			return -1;
		v->opened = true;
		v->seen = app->generation - 1;
	}
	if (idx != app->cur) {
		app->prev = app->cur;
		app->cur = idx;
		if (v->ops->enter)
			v->ops->enter(v, app);
	}
	app->dirty |= DIRTY_ALL & ~DIRTY_LAYOUT;
	return 0;
}

int app_show_view(struct app *app, const char *name)
{
	int idx = views_find(name);
	if (idx < 0) {
		struct buf names = BUF_INIT;
		for (size_t i = 0; i < views_count; i++)
			buf_printf(&names, "%s%s", i ? ", " : "", views_table[i].name);
		app_message(app, ROLE_ERROR, "No view named '%s' (views: %s)", name, buf_cstr(&names));
		buf_free(&names);
		return -1;
	}
	return switch_to(app, idx);
}

struct view *app_view(struct app *app, const char *name)
{
	int idx = views_find(name);
	return idx >= 0 && app->views[idx].opened ? &app->views[idx] : NULL;
}

void app_back(struct app *app)
{
	if (app->prev >= 0 && app->prev != app->cur)
		switch_to(app, app->prev);
}

/* --- the open file --- */

struct session *app_session(const struct app *app)
{
	return app->sess;
}

void app_set_session(struct app *app, struct session *s)
{
	/* views start afresh for the new file (fold state, selection) */
	for (size_t i = 0; i < views_count; i++) {
		struct view *v = &app->views[i];
		if (v->opened && v->ops->close && strcmp(v->ops->name, "help") != 0) {
			v->ops->close(v);
			v->opened = false;
		}
	}
	session_free(app->sess);
	app->sess = s;
	app->cur = app->prev = -1;
	struct buf msg = BUF_INIT;
	if (session_set_values(s, app->opt.sets, app->opt.nsets, &msg) < 0)
		app_message(app, ROLE_ERROR, "--set: %s", buf_cstr(&msg));
	buf_free(&msg);
	app_data_changed(app);
	app_show_view(app, "outline");
}

int app_open_file(struct app *app, const char *path)
{
	struct buf msg = BUF_INIT;
	struct session *s = session_open(path, &msg);
	if (!s) {
		app_message(app, ROLE_ERROR, "%s", buf_cstr(&msg));
		buf_free(&msg);
		return -1;
	}
	buf_free(&msg);
	app_set_session(app, s);
	return 0;
}

/* --- commands --- */

static bool view_handles(const struct view *v, int cmd)
{
	if (!v || !v->ops->cmds || !v->ops->command)
		return false;
	for (const int *c = v->ops->cmds; *c != CMD_NONE; c++)
		if (*c == cmd)
			return true;
	return false;
}

static void exec_parsed(struct app *app, const char *line);

static void exec_line_done(struct app *app, const char *line, void *ctx)
{
	(void)ctx;
	if (line)
		app_exec_line(app, line);
}

void app_exec(struct app *app, int cmd, const char *args)
{
	const struct command *c = &commands[cmd];
	struct view *v = app_current_view(app);
	if (!args)
		args = "";
	if ((c->flags & CMDF_DOC) && !app->sess) {
		app_message(app, ROLE_ERROR, "%s: no file is open", c->name);
		return;
	}
	if ((c->flags & CMDF_EDIT) && app->opt.readonly) {
		app_message(app, ROLE_ERROR, "Read-only: started with --readonly");
		return;
	}
	if (view_handles(v, cmd) && v->ops->command(v, app, cmd, args) == VIEW_DONE)
		return;
	if (cmd_args_missing(cmd, args)) {
		struct buf init = BUF_INIT;
		buf_printf(&init, "%s ", c->name);
		app_command_prompt(app, buf_cstr(&init));
		buf_free(&init);
		return;
	}
	if (c->run)
		c->run(app, args);
	else
		app_message(app, ROLE_ERROR, "%s: not available in the %s view", c->name,
			    v ? v->ops->name : "current");
}

void app_exec_line(struct app *app, const char *text)
{
	while (*text == ' ' || *text == '\t' || *text == ':')
		text++;
	char *line = strdup(text);
	if (!line)
		return;
	size_t n = strlen(line);
	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
		line[--n] = '\0';   /* completion leaves a blank after the last word */
	if (n > 0)
		exec_parsed(app, line);
	free(line);
}

static void exec_parsed(struct app *app, const char *line)
{
	const char *args = "";
	int cmd = cmd_parse(line, &args);
	if (cmd == CMD_NONE) {
		size_t n = strcspn(line, " \t");
		struct buf cands = BUF_INIT;
		char *word = strndup(line, n);
		size_t nc = word ? cmd_complete(word, &cands) : 0;
		for (size_t i = 0; i < cands.len; i++)
			if (cands.data[i] == '\n')
				cands.data[i] = i + 1 < cands.len ? ' ' : '\0';
		if (nc)
			app_message(app, ROLE_ERROR, "Unknown command '%.*s'; did you mean: %s", (int)n, line,
				    buf_cstr(&cands));
		else
			app_message(app, ROLE_ERROR, "Unknown command '%.*s' (press ? for the list)", (int)n,
				    line);
		free(word);
		buf_free(&cands);
		return;
	}
	/* a new command replaces the last message; a screen dump keeps it, so
	 * the dump shows what the user saw before typing ':' */
	if (cmd != CMD_SCREENDUMP) {
		buf_reset(&app->msg);
		app->dirty |= DIRTY_STATUS;
	}
	if (*args && !commands[cmd].args) {
		app_message(app, ROLE_ERROR, "%s takes no argument", commands[cmd].name);
		return;
	}
	if (cmd_args_missing(cmd, args)) {
		app_message(app, ROLE_ERROR, "usage: :%s %s", commands[cmd].name, commands[cmd].args);
		return;
	}
	app_exec(app, cmd, args);
}

/* --- prompt and questions --- */

void app_prompt(struct app *app, enum prompt_kind kind, const char *label, const char *initial,
		app_line_fn *done, void *ctx)
{
	app->prompt_done = done;
	app->prompt_ctx = ctx;
	prompt_open(app->prompt, app->w_status, &app->theme, kind, label, initial,
		    complete_for(kind), app);
	app->dirty |= DIRTY_STATUS;
}

void app_ask(struct app *app, const char *question, const char *choices, app_answer_fn *done,
	     void *ctx)
{
	free(app->q.text);
	app->q.text = strdup(question);
	snprintf(app->q.choices, sizeof app->q.choices, "%s", choices);
	app->q.done = done;
	app->q.ctx = ctx;
	app->q.active = app->q.text != NULL;
	app->dirty |= DIRTY_STATUS;
}

static void answer(struct app *app, int key)
{
	int ans = -1;
	if (key == KEYS_ESC || key == KEYS_CTRL('c'))
		ans = 0;
	else if (key == KEYS_ENTER)
		ans = app->q.choices[0];
	else if (key > 0 && key < 128)
		for (const char *c = app->q.choices; *c; c++)
			if (*c == key || (*c >= 'a' && *c <= 'z' && *c - 32 == key))
				ans = *c;
	if (ans < 0)
		return;     /* not an answer: keep asking */
	app->q.active = false;
	app->dirty |= DIRTY_STATUS;
	app->q.done(app, ans, app->q.ctx);
}

static void prompt_input(struct app *app, int key)
{
	char *line = NULL;
	bool had = prompt_matches(app->prompt) != NULL;
	enum prompt_result r = prompt_key(app->prompt, key, &line);
	app->dirty |= DIRTY_STATUS;
	if (had || prompt_matches(app->prompt))
		app->dirty |= DIRTY_MAIN;
	if (r == PROMPT_EDITING)
		return;
	app->dirty |= DIRTY_MAIN | DIRTY_HINTS;
	app_line_fn *done = app->prompt_done;
	void *ctx = app->prompt_ctx;
	app->prompt_done = NULL;
	if (done)
		done(app, r == PROMPT_ACCEPTED ? line : NULL, ctx);
	free(line);
}

void app_command_prompt(struct app *app, const char *initial)
{
	app_prompt(app, PROMPT_COMMAND, ":", initial, exec_line_done, NULL);
}

void app_quit(struct app *app, int status)
{
	app->quit = true;
	app->status = status;
}

void app_suspend(struct app *app)
{
	endwin();
	raise(SIGTSTP);
	refresh();
	app->dirty |= DIRTY_LAYOUT;
}

/* --- the file changed on disk --- */

static void reload_answer(struct app *app, int answer, void *ctx)
{
	(void)ctx;
	if (answer != 'y') {
		app_message(app, ROLE_WARNING, "Kept your version; :w will ask before overwriting the file");
		return;
	}
	struct buf msg = BUF_INIT;
	if (session_reload(app->sess, &msg) < 0)
		app_message(app, ROLE_ERROR, "Cannot reload: %s", buf_cstr(&msg));
	else
		app_message(app, ROLE_NORMAL, "Reloaded %s", session_path(app->sess));
	buf_free(&msg);
	app_data_changed(app);
}

/* Someone else changed the file: reload it when nothing here is unsaved,
 * else ask (once per change). */
static void check_disk(struct app *app)
{
	if (!app->sess || prompt_active(app->prompt) || app->q.active || !session_disk_news(app->sess))
		return;
	const char *path = session_path(app->sess);
	if (!session_modified(app->sess)) {
		reload_answer(app, 'y', NULL);
		app_message(app, ROLE_WARNING, "%s changed on disk; reloaded it", path);
		return;
	}
	struct buf q = BUF_INIT;
	buf_printf(&q, "%s changed on disk. Reload it and lose your changes? (y/N)", path);
	app_ask(app, buf_cstr(&q), "ny", reload_answer, NULL);
	buf_free(&q);
}

/* --- events --- */

static void handle_key(struct app *app, int key)
{
	if (prompt_active(app->prompt)) {
		prompt_input(app, key);
		return;
	}
	if (app->q.active && cmd_for_key(key) != CMD_PROMPT) {
		answer(app, key);
		return;
	}
	if (app->q.active) {
		/* ':' while a question waits: the prompt first, then the question */
		app_command_prompt(app, NULL);
		return;
	}
	/* a key clears the last message, except ':' (see app_exec_line) */
	if (app->msg.len && cmd_for_key(key) != CMD_PROMPT) {
		buf_reset(&app->msg);
		app->dirty |= DIRTY_STATUS;
	}
	struct view *v = app_current_view(app);
	if (v && v->ops->key && v->ops->key(v, app, key) == VIEW_DONE)
		return;
	int cmd = cmd_for_key(key);
	if (cmd == CMD_NONE) {
		struct buf name = BUF_INIT;
		keys_label(key, &name);
		app_message(app, ROLE_WARNING, "%s is not bound to anything; press ? for help",
			    buf_cstr(&name));
		buf_free(&name);
		return;
	}
	app_exec(app, cmd, "");
}

static void handle_mouse(struct app *app, const struct key_event *ev)
{
	struct view *v = app_current_view(app);
	if (prompt_active(app->prompt) || app->q.active || !v)
		return;
	if (ev->button == KEYS_MOUSE_WHEEL_UP || ev->button == KEYS_MOUSE_WHEEL_DOWN) {
		for (int i = 0; i < MOUSE_WHEEL_STEP; i++)
			app_exec(app, ev->button == KEYS_MOUSE_WHEEL_UP ? CMD_UP : CMD_DOWN, "");
		return;
	}
	if (ev->y >= 1 && ev->y < 1 + app->main_h && v->ops->click)
		v->ops->click(v, app, ev->y - 1);
}

static void handle_event(struct app *app, const struct key_event *ev)
{
	switch (ev->kind) {
	case KEV_KEY:
		if (ev->key != KEYS_NONE)
			handle_key(app, ev->key);
		break;
	case KEV_RESIZE:
		if (ev->cols > 0 && ev->rows > 0)
			resizeterm(ev->rows, ev->cols);
		app->dirty |= DIRTY_LAYOUT;
		break;
	case KEV_MOUSE:
		handle_mouse(app, ev);
		break;
	case KEV_EOF:
		app->quit = true;
		break;
	}
}

double app_now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* One line per event: what it cost from reading the key to the screen
 * being up to date (and the re-validation part of it). */
static void log_timing(struct app *app, bool first, const struct key_event *ev, double t_event)
{
	double now = app_now_ms();
	if (first) {
		fprintf(app->opt.timing, "first-screen %.3f check %.3f\n", now - app->opt.started_ms,
			app->check_ms);
		return;
	}
	struct buf k = BUF_INIT;
	if (ev->kind == KEV_KEY)
		keys_notation(ev->key, &k);
	else
		buf_puts(&k, ev->kind == KEV_RESIZE ? "<resize>" : "<other>");
	fprintf(app->opt.timing, "key %s total %.3f check %.3f\n", buf_cstr(&k), now - t_event, app->check_ms);
	buf_free(&k);
}

int app_run(struct app *app, SCREEN *scr, struct input *in)
{
	app->scr = scr;
	app->in = in;
	raw();
	noecho();
	nonl();
	set_escdelay(25);
	curs_set(0);
	keypad(stdscr, TRUE);
	theme_init(&app->theme, theme_want_color(app->opt.no_color), app->opt.ascii);
	if (app->opt.mouse) {
		mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	if (cmd_keymap_init() < 0)
		return 2;     /* a broken command table; the unit tests catch this */
	app->prompt = prompt_new(app->opt.history_path);
	if (!app->prompt)
		return 2;
	app_layout(app);
	struct stat sb;
	if (app->opt.file && stat(app->opt.file, &sb) < 0 && errno == ENOENT) {
		app_show_view(app, "start");
		app_message(app, ROLE_WARNING, "%s does not exist yet: pick an example to start it from, or open a file",
			    app->opt.file);
	} else if (!app->opt.file || app_open_file(app, app->opt.file) < 0) {
		app_show_view(app, "start");
	}
	bool first = true;
	struct key_event ev = { KEV_KEY, KEYS_NONE, 0, 0, 0, 0, 0 };
	double t_event = 0;
	while (!app->quit) {
		check_disk(app);
		app_recalc(app);
		app_repaint(app);
		if (app->opt.timing)
			log_timing(app, first, &ev, t_event);
		first = false;
		if (app->dump_path)
			app_write_dump(app);
		if (app->quit)
			break;
		input_next(in, app->w_status, &ev);
		t_event = app->opt.timing ? app_now_ms() : 0;
		handle_event(app, &ev);
	}
	prompt_free(app->prompt);
	app->prompt = NULL;
	app_free_windows(app);
	return app->status;
}
