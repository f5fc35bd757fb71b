/* validate: report everything OSMO would reject, positioned
 * (osmo-tui validate [--format text|json] [--strict] [VALUES] [--pool-file F] FILE...). */
#define _DEFAULT_SOURCE 1  /* strdup */
#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "pool.h"
#include "report.h"
#include "rules.h"

static int list_rules(void)
{
	for (size_t i = 0; i < R_COUNT; i++) {
		const struct rule *r = &rule_table[i];
		printf("%-32s %-7s %s\n", r->id, diag_severity_name(r->severity), r->summary);
	}
	return EXIT_OK;
}

static void drop_ignored(struct diag_list *l, const char **ignore, size_t n)
{
	size_t out = 0;
	for (size_t i = 0; i < l->n; i++) {
		bool drop = false;
		for (size_t k = 0; k < n && !drop; k++)
			drop = l->v[i].rule && strcmp(l->v[i].rule, ignore[k]) == 0;
		if (drop)
			free(l->v[i].message);
		else
			l->v[out++] = l->v[i];
	}
	l->n = out;
}

int cmd_validate(int argc, char **argv)
{
	enum report_format fmt = REPORT_TEXT;
	bool strict = false;
	const char *pool_file = NULL;
	const char **ignore = calloc((size_t)argc, sizeof *ignore);
	size_t nignore = 0;
	struct render_values values = { 0 };
	struct diag_list usage = { 0 };
	const char **files = calloc((size_t)argc, sizeof *files);
	size_t nfiles = 0;
	int rc = EXIT_OK;
	if (!files || !ignore) {
		free(files);
		free(ignore);
		return EXIT_USAGE;
	}
	for (int i = 1; i < argc && rc == EXIT_OK; i++) {
		const char *a = argv[i];
		bool has_next = i + 1 < argc;
		if (strcmp(a, "--list-rules") == 0) {
			free(files);
			free(ignore);
			render_values_free(&values);
			diag_free(&usage);
			return list_rules();
		} else if (strcmp(a, "--strict") == 0) {
			strict = true;
		} else if (strcmp(a, "--format") == 0 && has_next) {
			const char *f = argv[++i];
			if (strcmp(f, "text") == 0)
				fmt = REPORT_TEXT;
			else if (strcmp(f, "json") == 0)
				fmt = REPORT_JSON;
			else
				rc = cli_usage_error("validate", "--format takes text or json, not %s", f);
		} else if (strcmp(a, "--ignore") == 0 && has_next) {
			if (!rule_by_id(argv[i + 1]))
				rc = cli_usage_error("validate", "unknown rule id %s (see --list-rules)", argv[i + 1]);
			ignore[nignore++] = argv[++i];
		} else if (strcmp(a, "--pool-file") == 0 && has_next) {
			pool_file = argv[++i];
		} else if (strcmp(a, "--values") == 0 && has_next) {
			free(values.values_file);
			values.values_file = strdup(argv[++i]);
		} else if (strcmp(a, "--set") == 0 && has_next) {
			if (render_values_add(&values, RENDER_SET, argv[++i], &usage) < 0)
				rc = EXIT_USAGE;
		} else if (strcmp(a, "--set-string") == 0 && has_next) {
			if (render_values_add(&values, RENDER_SET_STRING, argv[++i], &usage) < 0)
				rc = EXIT_USAGE;
		} else if (strcmp(a, "--set-env") == 0 && has_next) {
			if (render_values_add(&values, RENDER_SET_ENV, argv[++i], &usage) < 0)
				rc = EXIT_USAGE;
		} else if (strcmp(a, "--label") == 0 && has_next) {
			if (render_values_add(&values, RENDER_LABEL, argv[++i], &usage) < 0)
				rc = EXIT_USAGE;
		} else if (a[0] == '-' && a[1]) {
			rc = cli_usage_error("validate", "unknown option %s (or it needs a value)", a);
		} else {
			files[nfiles++] = a;
		}
	}
	if (rc == EXIT_OK && nfiles == 0)
		rc = cli_usage_error("validate", "expected at least one FILE");
	if (usage.n) {
		for (size_t i = 0; i < usage.n; i++)
			fprintf(stderr, "osmo-tui validate: %s [%s]\n", usage.v[i].message, usage.v[i].rule);
		rc = EXIT_USAGE;
	}
	struct pool *pool = NULL;
	if (rc == EXIT_OK && pool_file) {
		struct diag_list pd = { 0 };
		struct doc *pdoc = cli_load_doc(pool_file, &pd, NULL);
		if (pdoc && pdoc->ok)
			pool = pool_from_doc(pdoc, &pd);
		if (!pool) {
			cli_print_diags(pool_file, pdoc, &pd);
			rc = EXIT_USAGE;
		}
		diag_free(&pd);
		doc_free(pdoc);
	}
	size_t errors = 0, warnings = 0;
	bool first = true, json_open = rc == EXIT_OK && fmt == REPORT_JSON;
	if (json_open)
		fputc('[', stdout);
	for (size_t f = 0; f < nfiles && rc != EXIT_USAGE; f++) {
		struct diag_list dl = { 0 };
		char *text;
		size_t len;
		if (strcmp(files[f], "-") == 0) {
			struct doc *d = cli_load_doc("-", &dl, NULL);
			/* the bytes as read: a NUL in them is an error to report, not an end */
			text = d ? malloc(d->len + 1) : NULL;
			len = text ? d->len : 0;
			if (text)
				memcpy(text, d->text, len + 1);
			doc_free(d);
		} else if (file_read(files[f], 0, &text, &len, NULL, &dl) < 0) {
			text = NULL;
		}
		if (!text) {
			report_diags(stderr, REPORT_TEXT, files[f], NULL, &dl, &first);
			diag_free(&dl);
			rc = EXIT_USAGE;
			break;
		}
		diag_free(&dl);
		char *dircopy = strdup(files[f]);
		struct check_opts co = { 0 };
		co.v.pool = pool;
		co.v.max_tasks = pool ? pool->max_tasks : 0;
		co.v.max_name_length = pool ? pool->max_name_length : 0;
		co.v.spec_dir = strcmp(files[f], "-") == 0 || !dircopy ? NULL : dirname(dircopy);
		co.values = &values;
		struct check_result r;
		check_text(text, len, &co, &r);
		drop_ignored(&r.diags, ignore, nignore);
		errors += diag_count(&r.diags, DIAG_ERROR);
		warnings += diag_count(&r.diags, DIAG_WARNING);
		report_diags(stdout, fmt, files[f], NULL, &r.diags, &first);
		check_result_free(&r);
		free(dircopy);
		free(text);
	}
	if (json_open)   /* closed even when a later file cannot be read: stdout stays JSON */
		fputs(first ? "]\n" : "\n]\n", stdout);
	if (rc == EXIT_OK && (errors || (strict && warnings)))
		rc = EXIT_INVALID;
	pool_free(pool);
	render_values_free(&values);
	diag_free(&usage);
	free(files);
	free(ignore);
	return rc;
}
