/* setup: paths, config and cookbook for the CLI commands (see setup.h). */
#define _DEFAULT_SOURCE 1  /* strdup */
#include "setup.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "report.h"

void setup_print(const char *file, struct diag_list *dl)
{
	struct diag_list placed = { 0 }, loose = { 0 };
	for (size_t i = 0; i < dl->n; i++)
		diag_add_copy(dl->v[i].line > 0 ? &placed : &loose, &dl->v[i]);
	report_diags(stderr, REPORT_TEXT, file ? file : "osmo-tui", NULL, &placed, NULL);
	report_diags(stderr, REPORT_TEXT, "osmo-tui", NULL, &loose, NULL);
	diag_free(&placed);
	diag_free(&loose);
}

int setup_load(struct setup *s)
{
	memset(s, 0, sizeof *s);
	if (paths_user(&s->paths) < 0)
		return -1;
	struct diag_list dl = { 0 };
	settings_load(&s->config, s->paths.config_file, &dl);
	setup_print(s->paths.config_file, &dl);
	diag_free(&dl);
	s->exe = paths_exe();
	s->datadir = paths_datadir(s->exe, &s->datadir_how);
	return 0;
}

void setup_free(struct setup *s)
{
	paths_free(&s->paths);
	settings_free(&s->config);
	free(s->exe);
	free(s->datadir);
	memset(s, 0, sizeof *s);
}

char *setup_bundled_cookbook(const struct setup *s)
{
	if (!s->datadir)
		return NULL;
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s/cookbook", s->datadir);
	return buf_detach(&b);
}

/* Add one folder, printing its warnings against its index.yaml. */
static void add_dir(struct cookbook *cb, const char *dir, bool bundled)
{
	struct diag_list dl = { 0 };
	cookbook_add(cb, dir, bundled, &dl);
	struct buf index = BUF_INIT;
	buf_printf(&index, "%s/index.yaml", dir);
	setup_print(buf_cstr(&index), &dl);
	buf_free(&index);
	diag_free(&dl);
}

struct cookbook *setup_cookbook(const struct setup *s, const char *const *extra, size_t nextra)
{
	struct cookbook *cb = cookbook_new();
	if (!cb)
		return NULL;
	char *bundled = setup_bundled_cookbook(s);
	if (bundled)
		add_dir(cb, bundled, true);
	free(bundled);
	for (size_t i = 0; i < s->config.ncookbook_dirs; i++)
		add_dir(cb, s->config.cookbook_dirs[i], false);
	for (size_t i = 0; i < nextra; i++)
		add_dir(cb, extra[i], false);
	return cb;
}

int setup_values_option(int argc, char **argv, int *i, struct render_values *rv,
			struct diag_list *usage)
{
	static const struct { const char *opt; enum render_kind kind; } opts[] = {
		{ "--set", RENDER_SET }, { "--set-string", RENDER_SET_STRING },
		{ "--set-env", RENDER_SET_ENV }, { "--label", RENDER_LABEL },
	};
	if (*i + 1 >= argc)
		return 0;
	const char *a = argv[*i];
	if (strcmp(a, "--values") == 0) {
		free(rv->values_file);
		rv->values_file = strdup(argv[++*i]);
		return 1;
	}
	for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++) {
		if (strcmp(a, opts[k].opt) == 0) {
			++*i;
			return render_values_add(rv, opts[k].kind, argv[*i], usage) < 0 ? -1 : 1;
		}
	}
	return 0;
}

struct pool *setup_load_pool(const char *path)
{
	struct diag_list dl = { 0 };
	struct pool *pool = NULL;
	struct doc *d = cli_load_doc(path, &dl, NULL);
	if (d && d->ok)
		pool = pool_from_doc(d, &dl);
	if (!pool)
		cli_print_diags(path, d, &dl);
	diag_free(&dl);
	doc_free(d);
	return pool;
}
