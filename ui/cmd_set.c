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
#include "setpath.h"

/* Apply one PATH=VALUE. Returns an exit status. */
static int apply(struct doc *d, const char *ptext, const char *value)
{
	struct diag_list dl = { 0 };
	struct buf why = BUF_INIT;
	int rc = setpath_apply(d, ptext, value, &dl, &why);
	struct buf m = BUF_INIT;
	if (rc == -2)
		report_plain(&m, buf_cstr(&why));
	for (size_t i = 0; rc == -1 && i < dl.n; i++) {
		buf_printf(&m, "%s", i ? "\nosmo-tui set: " : "");
		report_plain(&m, ptext);
		buf_puts(&m, ": ");
		report_plain(&m, dl.v[i].message);
	}
	if (m.len)
		fprintf(stderr, "osmo-tui set: %s\n", buf_cstr(&m));
	buf_free(&m);
	diag_free(&dl);
	buf_free(&why);
	return rc == 0 ? EXIT_OK : EXIT_USAGE;
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
		char *eq = (char *)setpath_split(assign[i]);
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
