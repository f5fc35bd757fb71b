/* pydump_driver: print YAML files as yaml.dump(yaml.safe_load(text)) does,
 * with src/pydump.c, for the differential test (tests/unit/pydump_diff.py).
 *
 *   pydump_driver [--wrap KEY] FILE...   dump each file (or {KEY: value of
 *                                        KEY in it}) to stdout
 *   pydump_driver --stream [KEY]         batch mode: stdin holds records
 *                                        "LEN\n" + LEN bytes of YAML; each
 *                                        answer is "OK LEN\n" + the dump (of
 *                                        {KEY: value of KEY}) or "ERR LEN\n"
 *                                        + the first error
 *
 * Exit status: 0, 1 when a file did not load or dump, 2 on usage or I/O
 * errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "pydump.h"

/* Dump text into out; on failure out gets the first error message. */
static int dump_text(const char *text, size_t len, const char *wrap, struct buf *out)
{
	struct diag_list diags = { 0 };
	struct doc *d = doc_load(text, len, NULL, &diags);
	int rc = -1;
	if (!d) {
		buf_puts(out, "out of memory");
	} else if (!d->ok) {
		buf_puts(out, "load: ");
		buf_puts(out, diags.n ? diags.v[0].message : "the document does not load");
	} else {
		const struct doc_node *n = d->root;
		if (wrap)
			n = doc_map_get(n, wrap);
		struct buf text_out = BUF_INIT;
		rc = wrap ? pydump_wrapped(wrap, n, NULL, &text_out, &diags)
			  : pydump_node(n, NULL, &text_out, &diags);
		if (rc == 0) {
			buf_add(out, text_out.data, text_out.len);
		} else {
			buf_puts(out, "dump: ");
			for (size_t i = 0; i < diags.n; i++) {
				if (diags.v[i].severity != DIAG_ERROR)
					continue;
				buf_printf(out, "%s [%s]", diags.v[i].message, diags.v[i].rule);
				break;
			}
		}
		buf_free(&text_out);
	}
	doc_free(d);
	diag_free(&diags);
	return rc;
}

static int read_all(FILE *f, struct buf *b)
{
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(b, chunk, n);
	return ferror(f) || b->oom ? -1 : 0;
}

static int stream_mode(const char *wrap)
{
	struct buf in = BUF_INIT;
	if (read_all(stdin, &in) < 0) {
		fprintf(stderr, "pydump_driver: cannot read stdin\n");
		buf_free(&in);
		return 2;
	}
	size_t pos = 0;
	while (pos < in.len) {
		char *nl = memchr(in.data + pos, '\n', in.len - pos);
		if (!nl)
			break;
		size_t len = strtoul(in.data + pos, NULL, 10);
		pos = (size_t)(nl - in.data) + 1;
		if (len > in.len - pos) {
			fprintf(stderr, "pydump_driver: truncated record\n");
			buf_free(&in);
			return 2;
		}
		struct buf out = BUF_INIT;
		int rc = dump_text(in.data + pos, len, wrap, &out);
		printf("%s %zu\n", rc == 0 ? "OK" : "ERR", out.len);
		fwrite(out.data ? out.data : "", 1, out.len, stdout);
		buf_free(&out);
		pos += len;
	}
	buf_free(&in);
	return fflush(stdout) == 0 ? 0 : 2;
}

int main(int argc, char **argv)
{
	if ((argc == 2 || argc == 3) && strcmp(argv[1], "--stream") == 0)
		return stream_mode(argc == 3 ? argv[2] : NULL);
	int i = 1;
	const char *wrap = NULL;
	if (argc > 2 && strcmp(argv[1], "--wrap") == 0) {
		wrap = argv[2];
		i = 3;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: pydump_driver [--wrap KEY] FILE... | --stream [KEY]\n");
		return 2;
	}
	int status = 0;
	for (; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		struct buf text = BUF_INIT, out = BUF_INIT;
		if (!f || read_all(f, &text) < 0) {
			fprintf(stderr, "pydump_driver: cannot read %s\n", argv[i]);
			if (f)
				fclose(f);
			buf_free(&text);
			return 2;
		}
		fclose(f);
		if (dump_text(text.data ? text.data : "", text.len, wrap, &out) == 0) {
			fwrite(out.data ? out.data : "", 1, out.len, stdout);
		} else {
			fprintf(stderr, "%s: %s\n", argv[i], buf_cstr(&out));
			status = 1;
		}
		buf_free(&text);
		buf_free(&out);
	}
	return status;
}
