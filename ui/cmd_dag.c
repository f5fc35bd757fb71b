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
		else if (lay && fmt == DAG_TEXT)
			fprintf(stderr, "osmo-tui dag: --format json or --format dot describe graphs of any size\n");
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

struct dag_opts {
	bool ascii, tasks;
	struct layout_opts layout;
};

static int dag_option(void *ctx, int argc, char **argv, int *i)
{
	struct dag_opts *o = ctx;
	(void)argc;
	if (strcmp(argv[*i], "--ascii") == 0)
		o->ascii = true;
	else if (strcmp(argv[*i], "--lr") == 0)
		o->layout.dir = LAYOUT_LR;
	else if (strcmp(argv[*i], "--tasks") == 0)
		o->tasks = true;
	else
		return 0;
	return 1;
}

int cmd_dag(int argc, char **argv)
{
	static const char *const formats[] = { "text", "json", "dot", NULL };
	struct dag_opts o = { !locale_is_utf8(), false, LAYOUT_OPTS_INIT };
	struct specload_args a = { .cmd = "dag", .formats = formats, .format = DAG_TEXT };
	int rc = specload_parse(&a, argc, argv, dag_option, &o);
	struct specload L;
	if (rc == EXIT_OK) {
		rc = specload_open(&L, a.file, &a.values);
		if (rc == EXIT_OK)
			rc = draw(&L, (enum dag_format)a.format, o.ascii, &o.layout, o.tasks);
		if (rc == EXIT_OK && specload_report(&L, a.file, dag_rules, sizeof dag_rules / sizeof *dag_rules))
			rc = EXIT_INVALID;
		specload_close(&L);
	}
	render_values_free(&a.values);
	return rc;
}
