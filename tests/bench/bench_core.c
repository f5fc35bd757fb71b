/* bench_core: in-process timings of the core against the libyaml floor.
 *
 *   bench_core load FILE [RUNS]    libyaml event loop vs doc_load
 *   bench_core edit FILE [RUNS]    one scalar edit (splice + local re-parse)
 *   bench_core validate FILE [RUNS] libyaml event loop vs load + full validation
 *   bench_core revalidate FILE [RUNS] one scalar edit + validation with the
 *                                   cache an editor keeps (the TUI's path)
 *
 * Runs alternate between the contenders (so machine noise hits both) and
 * the median of RUNS (default 11) is reported with the ratio.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

#include "doc.h"
#include "edit.h"
#include "path.h"
#include "save.h"
#include "check.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return v[n / 2];
}

static size_t floor_parse(const char *text, size_t len)
{
	yaml_parser_t p;
	yaml_event_t ev;
	size_t events = 0;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	for (;;) {
		if (!yaml_parser_parse(&p, &ev))
			break;
		events++;
		int done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (done)
			break;
	}
	yaml_parser_delete(&p);
	return events;
}

static int bench_load(const char *text, size_t len, int runs)
{
	double *f = calloc((size_t)runs, sizeof *f), *l = calloc((size_t)runs, sizeof *l);
	size_t events = 0, nodes = 0;
	for (int i = 0; i < runs; i++) {
		double t0 = now_ms();
		events = floor_parse(text, len);
		double t1 = now_ms();
		struct diag_list dl = { 0 };
		struct doc *d = doc_load(text, len, NULL, &dl);
		double t2 = now_ms();
		if (!d || !d->ok) {
			fprintf(stderr, "bench: the file does not load\n");
			return 1;
		}
		nodes = d->nodes;
		doc_free(d);
		diag_free(&dl);
		f[i] = t1 - t0;
		l[i] = t2 - t1;
	}
	double mf = median(f, runs), ml = median(l, runs);
	printf("load  %zu bytes, %zu events, %zu nodes: libyaml events %.2f ms, doc_load %.2f ms, ratio %.2fx\n",
	       len, events, nodes, mf, ml, ml / mf);
	free(f);
	free(l);
	return 0;
}

static int bench_edit(const char *text, size_t len, int runs)
{
	struct diag_list dl = { 0 };
	struct doc *d = doc_load(text, len, NULL, &dl);
	struct journal *j = journal_new(d);
	double *e = calloc((size_t)runs, sizeof *e);
	for (int i = 0; i < runs; i++) {
		char path[64], val[64];
		size_t n = doc_seq_len(doc_map_get(doc_map_get(d->root, "workflow"), "tasks"));
		snprintf(path, sizeof path, "workflow.tasks[%zu].image", (size_t)i * 7919 % (n ? n : 1));
		snprintf(val, sizeof val, "ubuntu:%d", 20 + i);
		double t0 = now_ms();
		struct path p;
		const char *em;
		size_t ep;
		path_parse(path, &p, &em, &ep);
		const struct doc_node *node = path_resolve(d->root, &p, NULL, NULL);
		int rc = node ? edit_set_yaml(d, node, val, &dl) : -1;
		double t1 = now_ms();
		path_free(&p);
		if (rc < 0) {
			fprintf(stderr, "bench: edit failed\n");
			return 1;
		}
		e[i] = t1 - t0;
	}
	printf("edit  one scalar in a %zu-byte spec: %.3f ms (median of %d)\n", d->len, median(e, runs), runs);
	free(e);
	journal_free(j);
	doc_free(d);
	diag_free(&dl);
	return 0;
}

static int bench_validate(const char *text, size_t len, int runs)
{
	double *f = calloc((size_t)runs, sizeof *f), *v = calloc((size_t)runs, sizeof *v);
	size_t ndiag = 0;
	for (int i = 0; i < runs; i++) {
		double t0 = now_ms();
		floor_parse(text, len);
		double t1 = now_ms();
		struct check_opts o = { 0 };
		o.v.max_tasks = 1000000;  /* the size is the point here, not OSMO's limit */
		struct check_result r;
		check_text(text, len, &o, &r);
		double t2 = now_ms();
		ndiag = r.diags.n;
		check_result_free(&r);
		f[i] = t1 - t0;
		v[i] = t2 - t1;
	}
	double mf = median(f, runs), mv = median(v, runs);
	printf("validate %zu bytes: libyaml events %.2f ms, load+validate %.2f ms, ratio %.2fx (%zu diagnostics)\n",
	       len, mf, mv, mv / mf, ndiag);
	free(f);
	free(v);
	return 0;
}

static int bench_revalidate(const char *text, size_t len, int runs)
{
	struct diag_list dl = { 0 };
	struct doc *d = doc_load(text, len, NULL, &dl);
	struct check_opts o = { 0 };
	o.v.max_tasks = 1000000;
	o.v.cache = validate_cache_new();
	struct check_result r;
	check_doc(d, &o, &r);
	check_result_free(&r);
	double *e = calloc((size_t)runs, sizeof *e);
	size_t n = doc_seq_len(doc_map_get(doc_map_get(d->root, "workflow"), "tasks"));
	for (int i = 0; i < runs; i++) {
		char path[64], val[64];
		snprintf(path, sizeof path, "workflow.tasks[%zu].image", (size_t)i * 7919 % (n ? n : 1));
		snprintf(val, sizeof val, "ubuntu:%d", 20 + i);
		double t0 = now_ms();
		struct path p;
		const char *em;
		size_t ep;
		path_parse(path, &p, &em, &ep);
		const struct doc_node *node = path_resolve(d->root, &p, NULL, NULL);
		if (!node || edit_set_yaml(d, node, val, &dl) < 0)
			return 1;
		check_doc(d, &o, &r);
		double t1 = now_ms();
		check_result_free(&r);
		path_free(&p);
		e[i] = t1 - t0;
	}
	printf("revalidate  edit + check of a %zu-byte spec (cached clean tasks): %.2f ms (median of %d)\n",
	       d->len, median(e, runs), runs);
	free(e);
	validate_cache_free(o.v.cache);
	doc_free(d);
	diag_free(&dl);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench_core load|edit FILE [RUNS]\n");
		return 2;
	}
	int runs = argc > 3 ? atoi(argv[3]) : 11;
	if (runs < 1)
		runs = 1;
	char *text;
	size_t len;
	struct diag_list dl = { 0 };
	if (file_read(argv[2], 0, &text, &len, NULL, &dl) < 0) {
		fprintf(stderr, "bench: %s\n", dl.v[0].message);
		return 2;
	}
	int rc = strcmp(argv[1], "load") == 0 ? bench_load(text, len, runs)
		: strcmp(argv[1], "edit") == 0 ? bench_edit(text, len, runs)
		: strcmp(argv[1], "validate") == 0 ? bench_validate(text, len, runs)
		: strcmp(argv[1], "revalidate") == 0 ? bench_revalidate(text, len, runs) : 2;
	free(text);
	diag_free(&dl);
	return rc;
}
