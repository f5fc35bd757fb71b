/* cli: the table of subcommands (see cli.h). Keep it sorted as users see it. */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "path.h"
#include "report.h"

const struct cli_command cli_commands[] = {
	{ "get", cmd_get, "FILE PATH",
	  "Print the value at PATH (scalars as text, collections as YAML).",
	  "PATH: dot-separated keys, [N] list index, [name=X] list item by name,\n"
	  "  e.g. workflow.tasks[name=train].image\n"
	  "Exit status: 0 found, 1 FILE is not valid YAML, 2 no such path or I/O error.\n" },
	{ "set", cmd_set, "FILE [PATH=VALUE]... [-o OUT | -i]",
	  "Change values, keeping every other byte of FILE as it was.",
	  "VALUE is YAML: 5, \"text\", [a, b], {k: v}; an empty VALUE sets null.\n"
	  "A missing last key is added to its mapping; [N] with N = length appends.\n"
	  "  -o OUT   write the result to OUT (atomically)\n"
	  "  -i       edit FILE in place (atomically; refused if FILE changed meanwhile)\n"
	  "Without -o or -i the result goes to standard output. With no PATH=VALUE\n"
	  "the file is written back unchanged (a check that it loads).\n" },
	{ "validate", cmd_validate,
	  "[--format text|json] [--strict] [VALUES] [--pool-file F] FILE...",
	  "Report everything OSMO would reject in the specs, each at its line and column.",
	  "  --format text|json  FILE:LINE:COL: error: MESSAGE [rule-id] lines, or a JSON array\n"
	  "  --strict            warnings count as errors (exit 1)\n"
	  "  --pool-file F       also check the rules that need the pool's state (platforms,\n"
	  "                      node sizes, topology keys, mounts, GPU guarantee, limits)\n"
	  "  --ignore RULE-ID    drop the diagnostics of a rule (repeatable)\n"
	  "  --list-rules        print every rule id with its severity and summary\n"
	  "VALUES (for templated specs):\n"
	  "  --set K=V           override a default-values entry (an int or float when V is one)\n"
	  "  --set-string K=V    override a default-values entry with a string\n"
	  "  --set-env K=V       set an environment variable in every task\n"
	  "  --values F          a YAML mapping of overrides (applied before --set)\n"
	  "  --label K=V         set a workflow label\n"
	  "Silence a rule on one line with a comment: # osmo-tui: ignore[rule-id]\n"
	  "Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.\n" },
	{ NULL, NULL, NULL, NULL, NULL },
};

const struct cli_command *cli_find(const char *name)
{
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

void cli_print_command_help(FILE *f, const struct cli_command *c)
{
	fprintf(f, "usage: osmo-tui %s %s\n\n%s\n", c->name, c->synopsis, c->summary);
	if (c->details)
		fprintf(f, "\n%s", c->details);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "osmo-tui%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (cmd)
		fprintf(stderr, "Try 'osmo-tui %s --help'.\n", cmd);
	else
		fprintf(stderr, "Try 'osmo-tui --help'.\n");
	return EXIT_USAGE;
}

bool cli_is_help(const char *arg)
{
	return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

struct doc *cli_load_doc(const char *path, struct diag_list *dl, struct file_stamp *st)
{
	char *text = NULL;
	size_t len = 0;
	if (strcmp(path, "-") == 0) {
		size_t cap = 65536;
		text = malloc(cap);
		while (text) {
			ssize_t r = read(0, text + len, cap - len);
			if (r <= 0)
				break;
			len += (size_t)r;
			if (len == cap) {
				if (cap >= ((size_t)64 << 20)) {
					free(text);
					diag_addf_lc(dl, DIAG_ERROR, "io", 0, 0, "standard input is over 64 MiB");
					return NULL;
				}
				char *t = realloc(text, cap * 2);
				if (!t) {
					free(text);
					text = NULL;
					break;
				}
				text = t;
				cap *= 2;
			}
		}
		if (!text) {
			diag_addf_lc(dl, DIAG_ERROR, "io", 0, 0, "out of memory reading standard input");
			return NULL;
		}
		if (st)
			memset(st, 0, sizeof *st);
	} else if (file_read(path, 0, &text, &len, st, dl) < 0) {
		return NULL;
	}
	struct doc *d = doc_load(text, len, NULL, dl);
	free(text);
	if (!d)
		diag_addf_lc(dl, DIAG_ERROR, "io", 0, 0, "out of memory");
	return d;
}

void cli_print_diags(const char *path, struct doc *doc, struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++)
		if (doc && dl->v[i].offset != DIAG_NO_OFFSET)
			doc_locate(doc, &dl->v[i]);
	diag_sort(dl);
	report_diags(stderr, REPORT_TEXT, path, doc, dl, NULL);
}

int cli_path_error(const char *cmd, const char *text, const struct path *p, size_t matched,
		   const struct doc_node *last)
{
	struct buf near = BUF_INIT, msg = BUF_INIT;
	path_format_prefix(p, matched, &near);
	last = doc_resolve(last);
	buf_printf(&msg, "osmo-tui %s: no value at ", cmd);
	report_plain(&msg, text);
	buf_puts(&msg, "; the nearest existing path is ");
	report_plain(&msg, near.len ? buf_cstr(&near) : "the document root");
	buf_puts(&msg, " (");
	if (!last) {
		buf_puts(&msg, "the document is empty");
	} else if (last->kind == DOC_MAP) {
		buf_puts(&msg, "a mapping with keys: ");
		for (uint32_t i = 0; i < last->nkids && i < 12; i++) {
			buf_puts(&msg, i ? ", " : "");
			report_plain(&msg, last->kids[i]->key);
		}
		if (last->nkids > 12)
			buf_printf(&msg, ", ... (%u keys)", last->nkids);
	} else if (last->kind == DOC_SEQ) {
		buf_printf(&msg, "a list of %u item%s", last->nkids, last->nkids == 1 ? "" : "s");
	} else {
		buf_puts(&msg, "the scalar \"");
		report_plain(&msg, last->text);
		buf_putc(&msg, '"');
	}
	buf_puts(&msg, ")\n");
	fputs(buf_cstr(&msg), stderr);
	buf_free(&near);
	buf_free(&msg);
	return EXIT_USAGE;
}
