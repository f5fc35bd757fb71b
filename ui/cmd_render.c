/* render: print a spec as OSMO renders it
 * (osmo-tui render [VALUES] FILE). */
#define _DEFAULT_SOURCE 1  /* strdup */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "pydump.h"
#include "render.h"
#include "rules.h"
#include "report.h"
#include "save.h"
#include "sections.h"
#include "textpos.h"

/* Print the diagnostics (offsets located in text) as FILE:LINE:COL lines. */
static void print(const char *file, const char *text, size_t len, struct diag_list *dl)
{
	struct textpos tp;
	bool have = textpos_init(&tp, text, len) == 0;
	for (size_t i = 0; i < dl->n; i++)
		if (dl->v[i].offset != DIAG_NO_OFFSET && have) {
			textpos_locate(&tp, dl->v[i].offset, &dl->v[i].line, &dl->v[i].col);
			dl->v[i].offset = DIAG_NO_OFFSET;
		}
	if (have)
		textpos_free(&tp);
	diag_sort(dl);
	report_diags(stderr, REPORT_TEXT, file, NULL, dl, NULL);
}

/* What `osmo workflow submit --dry-run` prints: the rendered workflow
 * YAML-loaded and dumped by PyYAML, after the YAML and label checks OSMO
 * runs before it answers (stages Y and L). Problems go to dl, with line
 * and column in the rendered text (the file's lines are noted). */
static void print_dump(const char *file, const struct render_result *rr, struct diag_list *dl)
{
	struct diag_list ld = { 0 };
	struct doc *d = doc_load(rr->text, rr->len, NULL, &ld);
	if (d && d->ok) {
		struct validate_opts vo = { 0 };
		validate_doc(d, &vo, &ld);
	}
	static const enum rule_id stages[] = { R_LABELS_NOT_MAPPING, R_LABELS_TOO_MANY, R_LABEL_KEY,
					       R_LABEL_VALUE_TYPE, R_LABEL_VALUE };
	size_t errors = 0;
	for (size_t i = 0; i < ld.n; i++) {
		bool stop = !d || !d->ok;
		for (size_t k = 0; k < sizeof stages / sizeof stages[0]; k++)
			stop |= strcmp(ld.v[i].rule, rule_table[stages[k]].id) == 0;
		if (!stop || ld.v[i].severity != DIAG_ERROR)
			continue;
		struct diag x = ld.v[i];
		if (d && x.offset != DIAG_NO_OFFSET)
			doc_locate(d, &x);
		int fl, fc;
		if (render_map(rr, x.line, x.col, &fl, &fc)) {
			x.line = x.end_line = fl;
			x.col = x.end_col = fc;
		}
		x.offset = x.end_offset = DIAG_NO_OFFSET;
		diag_add_copy(dl, &x);
		errors++;
	}
	if (!errors && d && d->ok) {
		struct buf out = BUF_INIT;
		const struct doc_node *wf = d->root ? doc_map_get(d->root, "workflow") : NULL;
		struct diag_list pd = { 0 };
		if (pydump_wrapped("workflow", wf, NULL, &out, &pd) == 0) {
			fwrite(buf_cstr(&out), 1, out.len, stdout);
			fputc('\n', stdout);   /* the osmo CLI prints it with print() */
		} else {
			for (size_t i = 0; i < pd.n; i++) {
				doc_locate(d, &pd.v[i]);
				pd.v[i].offset = pd.v[i].end_offset = DIAG_NO_OFFSET;
				diag_add_copy(dl, &pd.v[i]);
			}
		}
		diag_free(&pd);
		buf_free(&out);
	}
	(void)file;
	diag_free(&ld);
	doc_free(d);
}

int cmd_render(int argc, char **argv)
{
	struct render_values values = { 0 };
	struct diag_list dl = { 0 };
	const char *file = NULL;
	bool dry_run = false;
	int rc = EXIT_OK;
	for (int i = 1; i < argc && rc == EXIT_OK; i++) {
		const char *a = argv[i];
		enum render_kind kind;
		bool is_value = true;
		if (strcmp(a, "--set") == 0)
			kind = RENDER_SET;
		else if (strcmp(a, "--set-string") == 0)
			kind = RENDER_SET_STRING;
		else if (strcmp(a, "--set-env") == 0)
			kind = RENDER_SET_ENV;
		else if (strcmp(a, "--label") == 0)
			kind = RENDER_LABEL;
		else
			is_value = false;
		if (is_value) {
			/* like the osmo CLI: --set A=1 B=2 takes every K=V that follows */
			if (i + 1 >= argc)
				rc = cli_usage_error("render", "%s needs KEY=VALUE", a);
			while (rc == EXIT_OK && i + 1 < argc && argv[i + 1][0] != '-' &&
			       (strchr(argv[i + 1], '=') || (file && i + 2 >= argc))) {
				if (render_values_add(&values, kind, argv[++i], &dl) < 0)
					rc = EXIT_USAGE;
			}
			if (rc == EXIT_OK && i + 1 < argc && argv[i + 1][0] != '-' && !strchr(argv[i + 1], '=') &&
			    i + 2 < argc && argv[i + 2][0] != '-') {
				/* "--set name" with no '=': OSMO's formatting error */
				if (render_values_add(&values, kind, argv[++i], &dl) < 0)
					rc = EXIT_USAGE;
			}
		} else if (strcmp(a, "--dry-run") == 0) {
			dry_run = true;
		} else if (strcmp(a, "--values") == 0 && i + 1 < argc) {
			free(values.values_file);
			values.values_file = strdup(argv[++i]);
		} else if (a[0] == '-' && a[1]) {
			rc = cli_usage_error("render", "unknown option %s", a);
		} else if (!file) {
			file = a;
		} else {
			rc = cli_usage_error("render", "one FILE only");
		}
	}
	if (rc == EXIT_OK && !file)
		rc = cli_usage_error("render", "expected FILE");
	if (dl.n) {
		for (size_t i = 0; i < dl.n; i++)
			fprintf(stderr, "osmo-tui render: %s [%s]\n", dl.v[i].message, dl.v[i].rule);
		diag_clear(&dl);
		rc = EXIT_USAGE;
	}
	char *text = NULL;
	size_t len = 0;
	if (rc == EXIT_OK && file_read(file, 0, &text, &len, NULL, &dl) < 0) {
		report_diags(stderr, REPORT_TEXT, file, NULL, &dl, NULL);
		rc = EXIT_USAGE;
	}
	if (rc == EXIT_OK) {
		struct sections s;
		sections_split(text, len, &s, &dl);
		struct render_result rr;
		if (dl.n == 0 && render_spec(text, len, &s, &values, NULL, &rr, &dl) == 0) {
			if (dry_run)
				print_dump(file, &rr, &dl);
			else
				fwrite(rr.text, 1, rr.len, stdout);
			render_result_free(&rr);
		}
		if (dl.n) {
			print(file, text, len, &dl);
			rc = EXIT_INVALID;
		}
	}
	free(text);
	diag_free(&dl);
	render_values_free(&values);
	return rc;
}
