/* get: print the value at a path (osmo-tui get FILE PATH). */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "path.h"

/* A collection as the YAML text it is written with, dedented. A flow
 * collection is exactly its brackets (the rest of its line may belong to
 * its parents); a block one is its whole lines. */
static void print_collection(struct doc *d, const struct doc_node *n)
{
	size_t end = n->style == DOC_FLOW ? n->end : doc_entry_line_end(d, n);
	size_t col = doc_column0(d, n->start);
	struct buf out = BUF_INIT;
	size_t p = n->start;
	bool first = true;
	while (p < end) {
		size_t e = doc_line_next(d, p);
		if (e > end)
			e = end;
		if (!first) {
			size_t skip = 0;
			while (skip < col && p + skip < e && d->text[p + skip] == ' ')
				skip++;
			p += skip;
		}
		buf_add(&out, d->text + p, e - p);
		p = e;
		first = false;
	}
	if (!out.len || out.data[out.len - 1] != '\n')
		buf_putc(&out, '\n');
	fwrite(buf_cstr(&out), 1, out.len, stdout);
	buf_free(&out);
}

int cmd_get(int argc, char **argv)
{
	if (argc != 3)
		return cli_usage_error("get", "expected FILE and PATH");
	struct path p;
	const char *em;
	size_t ep;
	if (path_parse(argv[2], &p, &em, &ep) < 0)
		return cli_usage_error("get", "bad path \"%s\": %s at column %zu", argv[2], em, ep + 1);
	struct diag_list dl = { 0 };
	struct doc *d = cli_load_doc(argv[1], &dl, NULL);
	int rc = EXIT_OK;
	if (!d || !d->ok) {
		cli_print_diags(argv[1], d, &dl);
		rc = d ? EXIT_INVALID : EXIT_USAGE;
	} else {
		if (dl.n)   /* e.g. duplicate keys: say so, but the value is known */
			cli_print_diags(argv[1], d, &dl);
		size_t matched;
		const struct doc_node *last;
		const struct doc_node *n = doc_resolve(path_resolve(d->root, &p, &matched, &last));
		if (!n && !(p.n == 0 && !d->root)) {
			rc = cli_path_error("get", argv[2], &p, matched, last);
		} else if (!n) {
			/* an empty document: nothing to print */
		} else if (n->kind == DOC_SCALAR) {
			fputs(n->text, stdout);
			if (!n->len || n->text[n->len - 1] != '\n')
				fputc('\n', stdout);
		} else {
			print_collection(d, n);
		}
	}
	diag_free(&dl);
	doc_free(d);
	path_free(&p);
	return rc;
}
