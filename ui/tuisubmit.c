/* tuisubmit: `:submit` in the TUI -- check, save, then the OSMO CLI.
 *
 * The same contract as `osmo-tui submit` (ui/cmd_submit.c): a spec with
 * errors is never submitted (the status line says how many and p lists
 * them); warnings ask first. The OSMO CLI reads the file, so unsaved
 * changes are saved first (after asking). Then the screen is handed back
 * to the terminal (endwin), `osmo workflow submit FILE ...` runs as a
 * child through src/submit.h (execvp, no shell) with the config's
 * osmo-command and pool and the TUI's --set values, its output shows on
 * the plain terminal, a key press returns to osmo-tui, and the status line
 * keeps the exit status.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "actions.h"
#include "app.h"
#include "session.h"
#include "settings.h"
#include "submit.h"

#define WAIT_READ_MAX 4096

/* Print the command about to run. */
static void print_argv(char *const *argv)
{
	struct buf line = BUF_INIT;
	submit_format_argv(argv, &line);
	printf("osmo-tui: running: %s\n", buf_cstr(&line));
	buf_free(&line);
}

/* Wait for Enter on the terminal (cooked mode after endwin). Returns at
 * once when standard input is not a terminal (scripted runs). */
static void wait_enter(void)
{
	if (!isatty(STDIN_FILENO))
		return;
	fputs("\nPress Enter to return to osmo-tui ", stdout);
	fflush(stdout);
	char c;
	for (int i = 0; i < WAIT_READ_MAX && read(STDIN_FILENO, &c, 1) == 1 && c != '\n'; i++)
		;
}

static void run(struct app *app)
{
	struct session *s = app_session(app);
	const struct settings *cfg = app_options(app)->settings;
	struct submit_opts so;
	memset(&so, 0, sizeof so);
	so.command = cfg ? settings_osmo_command(cfg) : "osmo";
	so.file = session_path(s);
	so.pool = cfg ? cfg->pool : NULL;
	so.values = session_values(s);
	struct diag_list dl = { 0 };
	char **argv = submit_argv(&so, &dl);
	if (!argv) {
		app_message(app, ROLE_ERROR, "Not submitted: %s", dl.n ? dl.v[0].message : "out of memory");
		diag_free(&dl);
		return;
	}
	endwin();
	print_argv(argv);
	fflush(stdout);
	int status = submit_spawn(argv, &dl);
	fflush(stdout);
	if (status < 0)
		printf("osmo-tui: %s\n", dl.n ? dl.v[0].message : "the OSMO CLI could not be started");
	else
		printf("osmo-tui: %s exited with status %d\n", argv[0], status);
	wait_enter();
	refresh();
	app_dirty(app, DIRTY_LAYOUT);
	if (status < 0)
		app_message(app, ROLE_ERROR, "Not submitted: %s", dl.n ? dl.v[0].message : "cannot run the OSMO CLI");
	else
		app_message(app, status == 0 ? ROLE_OK : ROLE_ERROR, "%s workflow submit %s: exit status %d",
			    argv[0], session_path(s), status);
	submit_argv_free(argv);
	diag_free(&dl);
}

static void save_answer(struct app *app, int answer, void *ctx)
{
	(void)ctx;
	if (answer != 'y') {
		app_message(app, ROLE_WARNING, "Not submitted: the OSMO CLI reads the file, which has unsaved changes");
		return;
	}
	struct session *s = app_session(app);
	struct buf msg = BUF_INIT;
	enum session_save_result r = session_save(s, NULL, false, &msg);
	if (r != SAVE_OK)
		app_message(app, ROLE_ERROR, "Not submitted: %s%s", buf_cstr(&msg),
			    r == SAVE_CHANGED_ON_DISK ? " (:w asks whether to overwrite it)" : "");
	else
		run(app);
	buf_free(&msg);
	app_dirty(app, DIRTY_TITLE);
}

/* Saved? Ask first when it is not. */
static void save_then_run(struct app *app)
{
	struct session *s = app_session(app);
	if (!session_modified(s)) {
		run(app);
		return;
	}
	if (app_options(app)->readonly) {
		app_message(app, ROLE_ERROR, "Not submitted: the file has unsaved changes and --readonly cannot save them");
		return;
	}
	struct buf q = BUF_INIT;
	buf_printf(&q, "%s has unsaved changes. Save them and submit? (y/N)", session_path(s));
	app_ask(app, buf_cstr(&q), "ny", save_answer, NULL);
	buf_free(&q);
}

static void warnings_answer(struct app *app, int answer, void *ctx)
{
	(void)ctx;
	if (answer == 'y')
		save_then_run(app);
	else
		app_message(app, ROLE_NORMAL, "Not submitted");
}

void act_submit(struct app *app, const char *args)
{
	(void)args;
	struct session *s = app_session(app);
	if (!s) {
		app_message(app, ROLE_ERROR, "No file is open");
		return;
	}
	session_revalidate(s);
	size_t errors = session_count(s, DIAG_ERROR), warnings = session_count(s, DIAG_WARNING);
	if (errors) {
		app_message(app, ROLE_ERROR, "Not submitted: %zu error%s (p lists them)", errors,
			    errors == 1 ? "" : "s");
		return;
	}
	if (warnings) {
		struct buf q = BUF_INIT;
		buf_printf(&q, "%zu warning%s (p lists them). Submit anyway? (y/N)", warnings,
			   warnings == 1 ? "" : "s");
		app_ask(app, buf_cstr(&q), "ny", warnings_answer, NULL);
		buf_free(&q);
		return;
	}
	save_then_run(app);
}
