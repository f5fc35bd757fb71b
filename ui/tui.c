/* tui: options, terminal set-up and teardown around the app.
 *
 * The app takes its SCREEN and its input as parameters; this file makes the
 * real ones: newterm() on stdout/stdin, and an input that first replays the
 * key script named by $OSMO_TUI_SCRIPT (the test seam). When the script
 * ends, the program goes on reading the terminal if stdin is one, and
 * otherwise quits as if `:q!` had been typed -- so a scripted run under
 * `make check` (stdin /dev/null) can never hang.
 */
#include "tui.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "cli.h"
#include "commands.h"
#include "input.h"
#include "keys.h"
#include "paths.h"
#include "save.h"
#include "tuiconfig.h"

#define MAX_SETS 256
#define SCRIPT_MAX_BYTES (1u << 20)
#define AUTOSAVE_DEFAULT_MS 2000
#define AUTOSAVE_MAX_MS (24 * 3600 * 1000)

/* $XDG_DATA_HOME/osmo-tui/history, else ~/.local/share/osmo-tui/history. */
static char *history_path(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	struct buf p = BUF_INIT;
	if (xdg && *xdg == '/')
		buf_printf(&p, "%s/osmo-tui/history", xdg);
	else if (home && *home)
		buf_printf(&p, "%s/.local/share/osmo-tui/history", home);
	else
		return NULL;
	return buf_detach(&p);
}

/* Load $OSMO_TUI_SCRIPT into script. 0, or -1 after printing errors. */
static int load_script(const char *path, struct key_script *script)
{
	char *text;
	size_t len;
	struct diag_list diags = { 0 };
	int rc = file_read(path, SCRIPT_MAX_BYTES, &text, &len, NULL, &diags);
	if (rc == 0) {
		rc = keys_parse_script(text, len, script, &diags);
		free(text);
	}
	for (size_t i = 0; i < diags.n; i++) {
		const struct diag *d = &diags.v[i];
		if (d->line > 0)
			fprintf(stderr, "%s:%d:%d: error: %s [%s]\n", path, d->line, d->col, d->message, d->rule);
		else
			fprintf(stderr, "osmo-tui: OSMO_TUI_SCRIPT: %s\n", d->message);
	}
	diag_free(&diags);
	return rc;
}

/* Autosave and its test seams from the environment:
 *   OSMO_TUI_AUTOSAVE_MS  idle milliseconds before the recovery copy is
 *                         written (default 2000; 0 turns autosave off)
 *   OSMO_TUI_CRASH_KEY    a key (script notation) on which the program
 *                         exits at once, without any cleanup (tests)
 * Returns 0, or -1 after printing what is wrong. */
static int recovery_options(struct app_options *o)
{
	o->autosave_ms = AUTOSAVE_DEFAULT_MS;
	const char *ms = getenv("OSMO_TUI_AUTOSAVE_MS");
	if (ms && *ms) {
		char *end;
		long v = strtol(ms, &end, 10);
		if (*end || v < 0 || v > AUTOSAVE_MAX_MS) {
			fprintf(stderr, "osmo-tui: OSMO_TUI_AUTOSAVE_MS must be milliseconds from 0 to %d, not '%s'\n",
				AUTOSAVE_MAX_MS, ms);
			return -1;
		}
		o->autosave_ms = (int)v;
	}
	const char *crash = getenv("OSMO_TUI_CRASH_KEY");
	if (crash && *crash) {
		struct key_event ev;
		size_t n = strlen(crash);
		if (keys_parse_one(crash, n, &ev) != n || ev.kind != KEV_KEY) {
			fprintf(stderr, "osmo-tui: OSMO_TUI_CRASH_KEY must be one key, like <F12>, not '%s'\n", crash);
			return -1;
		}
		o->crash_key = ev.key;
	}
	return 0;
}

struct parsed {
	struct app_options opt;
	char *sets[MAX_SETS];
	bool dump_keys;
	const char *pool_file;     /* --pool-file */
};

/* Value of an option given as "--opt VALUE" or "--opt=VALUE". */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 >= argc)
		return "";
	return argv[++*i];
}

static int parse_args(int argc, char **argv, struct parsed *p)
{
	bool only_files = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
			if (p->opt.file)
				return cli_usage_error(NULL, "only one FILE can be edited at a time");
			p->opt.file = a;
		} else if (strcmp(a, "--") == 0) {
			only_files = true;
		} else if (strcmp(a, "--ascii") == 0) {
			p->opt.ascii = true;
		} else if (strcmp(a, "--no-color") == 0 || strcmp(a, "--no-colour") == 0) {
			p->opt.no_color = true;
		} else if (strcmp(a, "--readonly") == 0 || strcmp(a, "--read-only") == 0) {
			p->opt.readonly = true;
		} else if (strcmp(a, "--mouse") == 0) {
			p->opt.mouse = true;
		} else if (strcmp(a, "--dump-keys") == 0) {
			p->dump_keys = true;
		} else if ((v = opt_value(argc, argv, &i, "--set"))) {
			if (!strchr(v, '=') || v[0] == '=')
				return cli_usage_error(NULL, "--set needs KEY=VALUE, got '%s'", v);
			if (p->opt.nsets >= MAX_SETS)
				return cli_usage_error(NULL, "too many --set options (at most %d)", MAX_SETS);
			p->sets[p->opt.nsets++] = (char *)v;
		} else if ((v = opt_value(argc, argv, &i, "--pool-file"))) {
			if (!*v)
				return cli_usage_error(NULL, "--pool-file needs a FILE");
			p->pool_file = v;
		} else if ((v = opt_value(argc, argv, &i, "--cookbook-dir"))) {
			if (!*v)
				return cli_usage_error(NULL, "--cookbook-dir needs a directory");
			p->opt.cookbook_dir = v;
		} else {
			return cli_usage_error(NULL, "unknown option '%s'", a);
		}
	}
	p->opt.sets = p->sets;
	return 0;
}

static int run(struct parsed *p);

int tui_main(int argc, char **argv)
{
	struct parsed p;
	memset(&p, 0, sizeof p);
	p.opt.started_ms = app_now_ms();
	if (parse_args(argc, argv, &p) != 0)
		return EXIT_USAGE;
	if (p.dump_keys) {
		if (cmd_keymap_init() < 0) {
			fprintf(stderr, "osmo-tui: the command table has a bad or duplicate key\n");
			return EXIT_USAGE;
		}
		cmd_dump_keys(stdout);
		return EXIT_OK;
	}
	if (recovery_options(&p.opt) < 0)
		return EXIT_USAGE;
	struct paths paths;
	if (paths_user(&paths) < 0) {
		fprintf(stderr, "osmo-tui: out of memory\n");
		return EXIT_USAGE;
	}
	p.opt.recovery_dir = paths.recovery_dir;
	int status = run(&p);
	paths_free(&paths);
	return status;
}

/* Set up the terminal and run the app with the parsed options. */
static int run(struct parsed *p)
{
	struct key_script script = { 0 };
	const char *script_path = getenv("OSMO_TUI_SCRIPT");
	if (script_path && *script_path && load_script(script_path, &script) < 0) {
		keys_script_free(&script);
		return EXIT_USAGE;
	}
	const char *term = getenv("TERM");
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		fprintf(stderr, "osmo-tui: cannot use the terminal (TERM=%s); set TERM, or use a subcommand\n",
			term ? term : "");
		keys_script_free(&script);
		return EXIT_USAGE;
	}
	set_term(scr);
	/* OSMO_TUI_TIMING=FILE: per-key timings, for make bench */
	const char *timing = getenv("OSMO_TUI_TIMING");
	if (timing && *timing)
		p->opt.timing = fopen(timing, "w");
	char *hist = history_path();
	p->opt.history_path = hist;
	/* the config file: theme, bind lines, pool-file, osmo-command */
	struct settings config;
	struct buf problems = BUF_INIT;
	tuiconfig_load(&config, &problems);
	const char *pool_file = p->pool_file ? p->pool_file : config.pool_file;
	struct pool *pool = pool_file ? tuiconfig_pool(pool_file, &problems) : NULL;
	p->opt.settings = &config;
	p->opt.pool = pool;
	p->opt.config_problems = buf_cstr(&problems);
	struct input *in = input_new(&script, isatty(STDIN_FILENO) != 0);
	struct app *app = in ? app_new(&p->opt) : NULL;
	int status = EXIT_USAGE;
	if (app)
		status = app_run(app, scr, in);
	endwin();
	delscreen(scr);
	app_free(app);
	input_free(in);
	keys_script_free(&script);
	free(hist);
	pool_free(pool);
	settings_free(&config);
	buf_free(&problems);
	if (p->opt.timing)
		fclose(p->opt.timing);
	return status;
}
