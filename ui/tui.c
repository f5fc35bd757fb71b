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
#include "save.h"

#define MAX_SETS 256
#define SCRIPT_MAX_BYTES (1u << 20)

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

struct parsed {
	struct app_options opt;
	char *sets[MAX_SETS];
	bool dump_keys;
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
		p.opt.timing = fopen(timing, "w");
	char *hist = history_path();
	p.opt.history_path = hist;
	struct input *in = input_new(&script, isatty(STDIN_FILENO) != 0);
	struct app *app = in ? app_new(&p.opt) : NULL;
	int status = EXIT_USAGE;
	if (app)
		status = app_run(app, scr, in);
	endwin();
	delscreen(scr);
	app_free(app);
	input_free(in);
	keys_script_free(&script);
	free(hist);
	if (p.opt.timing)
		fclose(p.opt.timing);
	return status;
}
