/* submit: validate a spec, then hand it to the OSMO CLI
 * (osmo-tui submit [VALUES] [--pool P] [--pool-file F] [--priority P] [--dry-run] [--strict] FILE).
 *
 * The spec is checked exactly as `osmo-tui validate` checks it, with the
 * same values and pool file; with errors nothing is run and the exit status
 * is 1. Otherwise this process becomes `osmo workflow submit ...` (src/submit:
 * execvp, no shell), so the OSMO CLI's output and exit status are the
 * command's own.
 */
#define _DEFAULT_SOURCE 1  /* strdup */
#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "report.h"
#include "save.h"
#include "setup.h"
#include "submit.h"

#define CMD "submit"

/* Print the command line about to run, quoting words that need it. */
static void print_command(char *const *argv)
{
	fputs("osmo-tui submit: running:", stderr);
	for (size_t i = 0; argv[i]; i++) {
		bool plain = argv[i][0] && strspn(argv[i], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
						   "0123456789-_=./:,+@%") == strlen(argv[i]);
		if (plain) {
			fprintf(stderr, " %s", argv[i]);
			continue;
		}
		fputs(" '", stderr);
		for (const char *p = argv[i]; *p; p++)
			fputs(*p == '\'' ? "'\\''" : (char[]){ *p, 0 }, stderr);
		fputc('\'', stderr);
	}
	fputc('\n', stderr);
}

/* Validate file; prints the problems. Returns EXIT_OK, EXIT_INVALID or EXIT_USAGE. */
static int check_file(const char *file, const struct render_values *values, struct pool *pool, bool strict)
{
	struct diag_list dl = { 0 };
	char *text;
	size_t len;
	if (file_read(file, 0, &text, &len, NULL, &dl) < 0) {
		report_diags(stderr, REPORT_TEXT, file, NULL, &dl, NULL);
		diag_free(&dl);
		return EXIT_USAGE;
	}
	char *dircopy = strdup(file);
	struct check_opts co = { 0 };
	co.v.pool = pool;
	co.v.max_tasks = pool ? pool->max_tasks : 0;
	co.v.max_name_length = pool ? pool->max_name_length : 0;
	co.v.spec_dir = dircopy ? dirname(dircopy) : NULL;
	co.values = values;
	struct check_result r;
	check_text(text, len, &co, &r);
	size_t errors = diag_count(&r.diags, DIAG_ERROR), warnings = diag_count(&r.diags, DIAG_WARNING);
	report_diags(stderr, REPORT_TEXT, file, NULL, &r.diags, NULL);
	int rc = EXIT_OK;
	if (errors || (strict && warnings)) {
		fprintf(stderr, "osmo-tui submit: %s has %zu error%s%s; not submitted\n", file,
			errors + (strict ? warnings : 0), errors + (strict ? warnings : 0) == 1 ? "" : "s",
			strict && warnings ? " (warnings count with --strict)" : "");
		rc = EXIT_INVALID;
	}
	check_result_free(&r);
	free(dircopy);
	free(text);
	diag_free(&dl);
	return rc;
}

int cmd_submit(int argc, char **argv)
{
	struct render_values values = { 0 };
	struct diag_list usage = { 0 };
	struct submit_opts so = { 0 };
	const char *pool_file = NULL;
	bool strict = false;
	int rc = EXIT_OK;
	for (int i = 1; i < argc && rc == EXIT_OK; i++) {
		const char *a = argv[i];
		bool has_next = i + 1 < argc;
		int v = setup_values_option(argc, argv, &i, &values, &usage);
		if (v < 0)
			rc = EXIT_USAGE;
		else if (v > 0)
			continue;
		else if (strcmp(a, "--pool") == 0 && has_next)
			so.pool = argv[++i];
		else if (strcmp(a, "--pool-file") == 0 && has_next)
			pool_file = argv[++i];
		else if (strcmp(a, "--priority") == 0 && has_next) {
			so.priority = argv[++i];
			if (strcmp(so.priority, "HIGH") && strcmp(so.priority, "NORMAL") && strcmp(so.priority, "LOW"))
				rc = cli_usage_error(CMD, "--priority takes HIGH, NORMAL or LOW, not %s", so.priority);
		} else if (strcmp(a, "--dry-run") == 0)
			so.dry_run = true;
		else if (strcmp(a, "--strict") == 0)
			strict = true;
		else if (a[0] == '-')
			rc = cli_usage_error(CMD, "unknown option %s (or it needs a value)", a);
		else if (so.file)
			rc = cli_usage_error(CMD, "one FILE at a time (got %s and %s)", so.file, a);
		else
			so.file = a;
	}
	if (rc == EXIT_OK && !so.file)
		rc = cli_usage_error(CMD, "expected a FILE");
	for (size_t i = 0; i < usage.n; i++)
		fprintf(stderr, "osmo-tui submit: %s [%s]\n", usage.v[i].message, usage.v[i].rule);
	struct setup s;
	bool have_setup = rc == EXIT_OK && setup_load(&s) == 0;
	if (rc == EXIT_OK && !have_setup)
		rc = EXIT_USAGE;
	struct pool *pool = NULL;
	if (have_setup) {
		if (!so.pool)
			so.pool = s.config.pool;
		if (!pool_file)
			pool_file = s.config.pool_file;
		so.command = settings_osmo_command(&s.config);
		if (pool_file && !(pool = setup_load_pool(pool_file)))
			rc = EXIT_USAGE;
	}
	if (rc == EXIT_OK)
		rc = check_file(so.file, &values, pool, strict);
	char **av = NULL;
	if (rc == EXIT_OK) {
		so.values = &values;
		struct diag_list dl = { 0 };
		av = submit_argv(&so, &dl);
		if (av) {
			print_command(av);
			fflush(stdout);
			fflush(stderr);
			submit_exec(av, &dl);  /* returns only when the OSMO CLI could not be started */
		}
		for (size_t i = 0; i < dl.n; i++)
			fprintf(stderr, "osmo-tui submit: %s\n", dl.v[i].message);
		diag_free(&dl);
		rc = EXIT_USAGE;
	}
	submit_argv_free(av);
	pool_free(pool);
	if (have_setup)
		setup_free(&s);
	render_values_free(&values);
	diag_free(&usage);
	return rc;
}
