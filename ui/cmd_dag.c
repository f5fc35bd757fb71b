/* dag: draw the dependency graph of a spec
 * (osmo-tui dag [--format text|json|dot] [--ascii] [--lr] [--tasks] [VALUES] FILE).
 *
 * The spec goes through the validate pipeline (templates rendered), then
 * specgraph builds the group graph and layout draws it. Text is UTF-8 box
 * drawing when the locale's character set is UTF-8 and ASCII otherwise (or
 * with --ascii). The drawing is printed whenever there is a workflow to
 * draw; the dependency errors (cycles with their whole path, inputs naming
 * no task, inputs from a later group or from the same group) go to stderr
 * and make the exit status 1.
 */
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "layout.h"
#include "specgraph.h"
#include "specload.h"

enum dag_format { DAG_TEXT, DAG_JSON, DAG_DOT };

/* The rules about dependencies: what makes the drawing differ from what OSMO runs. */
static const enum rule_id dag_rules[] = { R_CYCLE, R_UNKNOWN_INPUT_TASK, R_INPUT_ORDER };

static bool locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "UTF8") == 0);
}

static int draw(struct specload *L, enum dag_format fmt, bool ascii, const struct layout_opts *lo,
		bool tasks)
{
	struct specgraph_opts so = SPECGRAPH_OPTS_INIT;
	so.tasks = tasks;
	struct specgraph *sg = specgraph_new(L->spec, &so);
	struct diag_list dl = { 0 };
	struct layout *lay = sg ? layout_new(sg->graph, lo, &dl) : NULL;
	struct buf out = BUF_INIT;
	int rc = EXIT_OK;
	if (lay && fmt == DAG_TEXT)
		rc = layout_render_text(lay, ascii, &out, &dl) < 0 ? EXIT_USAGE : EXIT_OK;
	else if (lay && fmt == DAG_JSON)
		layout_render_json(lay, &out);
	else if (lay)
		layout_render_dot(lay, &out);
	if (!lay || rc != EXIT_OK || out.oom) {
		for (size_t i = 0; i < dl.n; i++)
			fprintf(stderr, "osmo-tui dag: %s\n", dl.v[i].message);
		if (!dl.n)
			fprintf(stderr, "osmo-tui dag: out of memory\n");
		rc = EXIT_USAGE;
	} else {
		fwrite(out.data ? out.data : "", 1, out.len, stdout);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			fprintf(stderr, "osmo-tui dag: cannot write the drawing\n");
			rc = EXIT_USAGE;
		}
	}
	buf_free(&out);
	diag_free(&dl);
	layout_free(lay);
	specgraph_free(sg);
	return rc;
}

int cmd_dag(int argc, char **argv)
{
	enum dag_format fmt = DAG_TEXT;
	bool ascii = !locale_is_utf8(), tasks = false;
	struct layout_opts lo = LAYOUT_OPTS_INIT;
	struct render_values values = { 0 };
	const char *file = NULL;
	int rc = EXIT_OK;
	for (int i = 1; i < argc && rc == EXIT_OK; i++) {
		const char *a = argv[i];
		int v = specload_values_option("dag", argc, argv, &i, &values);
		if (v < 0) {
			rc = EXIT_USAGE;
		} else if (v > 0) {
			continue;
		} else if (strcmp(a, "--format") == 0 && i + 1 < argc) {
			const char *f = argv[++i];
			if (strcmp(f, "text") == 0)
				fmt = DAG_TEXT;
			else if (strcmp(f, "json") == 0)
				fmt = DAG_JSON;
			else if (strcmp(f, "dot") == 0)
				fmt = DAG_DOT;
			else
				rc = cli_usage_error("dag", "--format takes text, json or dot, not %s", f);
		} else if (strcmp(a, "--ascii") == 0) {
			ascii = true;
		} else if (strcmp(a, "--lr") == 0) {
			lo.dir = LAYOUT_LR;
		} else if (strcmp(a, "--tasks") == 0) {
			tasks = true;
		} else if (a[0] == '-' && a[1]) {
			rc = cli_usage_error("dag", "unknown option %s (or it needs a value)", a);
		} else if (file) {
			rc = cli_usage_error("dag", "one FILE only");
		} else {
			file = a;
		}
	}
	if (rc == EXIT_OK && !file)
		rc = cli_usage_error("dag", "expected FILE");
	struct specload L;
	if (rc == EXIT_OK) {
		rc = specload_open(&L, file, &values);
		if (rc == EXIT_OK)
			rc = draw(&L, fmt, ascii, &lo, tasks);
		if (rc == EXIT_OK && specload_report(&L, file, dag_rules, sizeof dag_rules / sizeof *dag_rules))
			rc = EXIT_INVALID;
		specload_close(&L);
	}
	render_values_free(&values);
	return rc;
}
