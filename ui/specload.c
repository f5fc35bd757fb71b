/* specload: read, render and check a spec for dag and plan (see specload.h). */
#define _DEFAULT_SOURCE 1  /* strdup */
#include "specload.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report.h"
#include "save.h"

/* VALUES: 1 consumed, 0 not one of them, -1 usage error (printed). */
static int values_option(const char *cmd, int argc, char **argv, int *i, struct render_values *v)
{
	static const struct { const char *opt; enum render_kind kind; } kinds[] = {
		{ "--set", RENDER_SET }, { "--set-string", RENDER_SET_STRING },
		{ "--set-env", RENDER_SET_ENV }, { "--label", RENDER_LABEL },
	};
	const char *a = argv[*i];
	bool has_next = *i + 1 < argc;
	if (strcmp(a, "--values") == 0) {
		if (!has_next) {
			cli_usage_error(cmd, "--values needs a FILE");
			return -1;
		}
		free(v->values_file);
		v->values_file = strdup(argv[++*i]);
		return 1;
	}
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
		if (strcmp(a, kinds[k].opt) != 0)
			continue;
		if (!has_next) {
			cli_usage_error(cmd, "%s needs KEY=VALUE", a);
			return -1;
		}
		struct diag_list dl = { 0 };
		int rc = render_values_add(v, kinds[k].kind, argv[++*i], &dl);
		for (size_t d = 0; d < dl.n; d++)
			fprintf(stderr, "osmo-tui %s: %s [%s]\n", cmd, dl.v[d].message, dl.v[d].rule);
		diag_free(&dl);
		return rc < 0 ? -1 : 1;
	}
	return 0;
}

int specload_parse(struct specload_args *a, int argc, char **argv, specload_option_fn opt, void *ctx)
{
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		int r = values_option(a->cmd, argc, argv, &i, &a->values);
		if (r == 0 && strcmp(arg, "--format") == 0 && i + 1 < argc) {
			const char *f = argv[++i];
			int k = 0;
			while (a->formats[k] && strcmp(a->formats[k], f) != 0)
				k++;
			if (!a->formats[k]) {
				struct buf names = BUF_INIT;
				for (int n = 0; a->formats[n]; n++)
					buf_printf(&names, "%s%s", n ? a->formats[n + 1] ? ", " : " or " : "", a->formats[n]);
				cli_usage_error(a->cmd, "--format takes %s, not %s", buf_cstr(&names), f);
				buf_free(&names);
				return EXIT_USAGE;
			}
			a->format = k;
			r = 1;
		} else if (r == 0 && arg[0] == '-' && arg[1]) {
			r = opt(ctx, argc, argv, &i);
			if (r == 0)
				return cli_usage_error(a->cmd, "unknown option %s (or it needs a value)", arg);
		} else if (r == 0 && a->file) {
			return cli_usage_error(a->cmd, "one FILE only");
		} else if (r == 0) {
			a->file = arg;
			r = 1;
		}
		if (r < 0)
			return EXIT_USAGE;
	}
	if (!a->file)
		return cli_usage_error(a->cmd, "expected FILE");
	return EXIT_OK;
}

struct pool *specload_pool(const char *path)
{
	struct diag_list dl = { 0 };
	struct doc *d = cli_load_doc(path, &dl, NULL);
	struct pool *p = d && d->ok ? pool_from_doc(d, &dl) : NULL;
	if (!p)
		cli_print_diags(path, d, &dl);
	diag_free(&dl);
	doc_free(d);
	return p;
}

/* The file's text; "-" reads standard input through the document loader. */
static int read_text(struct specload *L, const char *path, struct diag_list *dl)
{
	if (strcmp(path, "-") != 0)
		return file_read(path, 0, &L->text, &L->len, NULL, dl);
	struct doc *d = cli_load_doc("-", dl, NULL);
	if (d) {
		L->len = d->len;
		L->text = malloc(d->len + 1);
		if (L->text) {
			memcpy(L->text, d->text, d->len);
			L->text[d->len] = '\0';
		}
	}
	doc_free(d);
	return L->text ? 0 : -1;
}

int specload_open(struct specload *L, const char *path, const struct render_values *v)
{
	memset(L, 0, sizeof *L);
	struct diag_list dl = { 0 };
	if (read_text(L, path, &dl) < 0) {
		if (!dl.n)
			diag_addf_lc(&dl, DIAG_ERROR, "io", 0, 0, "cannot read the file");
		report_diags(stderr, REPORT_TEXT, path, NULL, &dl, NULL);
		diag_free(&dl);
		return EXIT_USAGE;
	}
	struct check_opts co = { 0 };
	co.values = v;
	check_text(L->text, L->len, &co, &L->r);
	if (L->r.doc && L->r.doc->ok) {
		L->spec = spec_build(L->r.doc);
		if (L->spec && !L->spec->workflow) {
			spec_free(L->spec);
			L->spec = NULL;
		}
	}
	if (L->spec)
		return EXIT_OK;
	/* nothing to draw: say why (every error the pipeline found) */
	for (size_t i = 0; i < L->r.diags.n; i++)
		if (L->r.diags.v[i].severity == DIAG_ERROR)
			diag_add_copy(&dl, &L->r.diags.v[i]);
	if (!dl.n)
		diag_addf_lc(&dl, DIAG_ERROR, rule_table[R_WORKFLOW_MISSING].id, 0, 0,
			     "workflow: is not a mapping of groups or tasks; there is nothing to draw");
	report_diags(stderr, REPORT_TEXT, path, NULL, &dl, NULL);
	diag_free(&dl);
	return EXIT_INVALID;
}

size_t specload_report(struct specload *L, const char *path, const enum rule_id *rules, size_t n)
{
	struct diag_list dl = { 0 };
	for (size_t i = 0; i < L->r.diags.n; i++)
		for (size_t k = 0; k < n; k++)
			if (L->r.diags.v[i].rule && strcmp(L->r.diags.v[i].rule, rule_table[rules[k]].id) == 0)
				diag_add_copy(&dl, &L->r.diags.v[i]);
	size_t errors = diag_count(&dl, DIAG_ERROR);
	report_diags(stderr, REPORT_TEXT, path, NULL, &dl, NULL);
	diag_free(&dl);
	return errors;
}

void specload_close(struct specload *L)
{
	spec_free(L->spec);
	check_result_free(&L->r);
	free(L->text);
	memset(L, 0, sizeof *L);
}
