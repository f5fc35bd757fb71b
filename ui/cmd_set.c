/* set: format-preserving edits from the command line
 * (osmo-tui set FILE PATH=VALUE... [-o OUT | -i]). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "edit.h"
#include "path.h"
#include "report.h"
#include "yamlout.h"

/* The '=' that ends PATH: the first one outside [...] and quotes. */
static char *split_assignment(char *a)
{
	int depth = 0;
	bool q = false;
	for (char *c = a; *c; c++) {
		if (q && *c == '\\' && c[1])
			c++;   /* an escaped character inside a quoted key */
		else if (*c == '"')
			q = !q;
		else if (!q && *c == '[')
			depth++;
		else if (!q && *c == ']')
			depth--;
		else if (!q && depth == 0 && *c == '=')
			return c;
	}
	return NULL;
}

/* Apply one PATH=VALUE. Returns an exit status. */
static int apply(struct doc *d, const char *ptext, const char *value)
{
	struct path p;
	const char *em;
	size_t ep;
	if (path_parse(ptext, &p, &em, &ep) < 0)
		return cli_usage_error("set", "bad path \"%s\": %s at column %zu", ptext, em, ep + 1);
	if (p.n == 0) {
		path_free(&p);
		return cli_usage_error("set", "an empty path cannot be set");
	}
	struct diag_list dl = { 0 };
	size_t matched;
	const struct doc_node *last;
	const struct doc_node *n = path_resolve(d->root, &p, &matched, &last);
	int rc;
	if (n) {
		rc = edit_set_yaml(d, n, value, &dl);
	} else {
		const struct path_step *miss = &p.steps[matched];
		const struct doc_node *base = doc_resolve(last);
		bool keys_only = true;
		for (size_t i = matched; i < p.n; i++)
			keys_only &= p.steps[i].kind == PATH_KEY;
		if (base && keys_only && (base->kind == DOC_MAP || doc_is_null(base)) && base == last) {
			/* add the missing keys: the first one here, the rest nested */
			struct buf v = BUF_INIT;
			for (size_t i = matched + 1; i < p.n; i++) {
				buf_putc(&v, '{');
				yamlout_double(&v, p.steps[i].key, strlen(p.steps[i].key));
				buf_puts(&v, ": ");
			}
			buf_puts(&v, value);
			for (size_t i = matched + 1; i < p.n; i++)
				buf_putc(&v, '}');
			rc = edit_map_set(d, base, miss->key, buf_cstr(&v), &dl);
			buf_free(&v);
		} else if (base && matched == p.n - 1 && miss->kind == PATH_INDEX &&
			   base->kind == DOC_SEQ && miss->index == base->nkids && base == last) {
			rc = edit_seq_insert(d, base, base->nkids, value, &dl);
		} else {
			rc = cli_path_error("set", ptext, &p, matched, last);
			path_free(&p);
			return rc;
		}
	}
	if (rc < 0) {
		for (size_t i = 0; i < dl.n; i++) {
			if (dl.v[i].offset != DIAG_NO_OFFSET)
				doc_locate(d, &dl.v[i]);
			struct buf m = BUF_INIT;
			report_plain(&m, dl.v[i].message);
			fprintf(stderr, "osmo-tui set: %s: %s\n", ptext, buf_cstr(&m));
			buf_free(&m);
		}
		rc = EXIT_USAGE;
	}
	diag_free(&dl);
	path_free(&p);
	return rc;
}

int cmd_set(int argc, char **argv)
{
	const char *file = NULL, *out = NULL;
	bool in_place = false;
	char **assign = calloc((size_t)argc, sizeof *assign);
	size_t nassign = 0;
	if (!assign)
		return EXIT_USAGE;
	int rc = EXIT_OK;
	for (int i = 1; i < argc && rc == EXIT_OK; i++) {
		if (strcmp(argv[i], "-i") == 0)
			in_place = true;
		else if (strcmp(argv[i], "-o") == 0) {
			if (i + 1 >= argc)
				rc = cli_usage_error("set", "-o needs a file name");
			else
				out = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1])
			rc = cli_usage_error("set", "unknown option %s", argv[i]);
		else if (!file)
			file = argv[i];
		else
			assign[nassign++] = argv[i];
	}
	if (rc == EXIT_OK && !file)
		rc = cli_usage_error("set", "expected FILE and PATH=VALUE arguments");
	if (rc == EXIT_OK && in_place && out)
		rc = cli_usage_error("set", "use either -i or -o, not both");
	if (rc == EXIT_OK && in_place && strcmp(file, "-") == 0)
		rc = cli_usage_error("set", "-i cannot edit standard input");
	if (rc != EXIT_OK) {
		free(assign);
		return rc;
	}
	struct diag_list dl = { 0 };
	struct file_stamp st;
	struct doc *d = cli_load_doc(file, &dl, &st);
	if (!d || !d->ok) {
		cli_print_diags(file, d, &dl);
		rc = d ? EXIT_INVALID : EXIT_USAGE;
	} else if (dl.n) {
		cli_print_diags(file, d, &dl);
	}
	for (size_t i = 0; i < nassign && rc == EXIT_OK; i++) {
		char *eq = split_assignment(assign[i]);
		if (!eq) {
			rc = cli_usage_error("set", "expected PATH=VALUE, got \"%s\"", assign[i]);
			break;
		}
		*eq = '\0';
		rc = apply(d, assign[i], eq + 1);
	}
	if (rc == EXIT_OK) {
		diag_clear(&dl);
		const char *target = in_place ? file : out;
		if (target) {
			if (file_write_atomic(target, d->text, d->len, in_place ? &st : NULL, false, NULL,
					      &dl) < 0) {
				cli_print_diags(target, NULL, &dl);
				rc = EXIT_USAGE;
			}
		} else if (fwrite(d->text, 1, d->len, stdout) != d->len) {
			rc = EXIT_USAGE;
		}
	}
	diag_free(&dl);
	doc_free(d);
	free(assign);
	return rc;
}
