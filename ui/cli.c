/* cli: the table of subcommands (see cli.h). Keep it sorted as users see it. */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "path.h"
#include "setpath.h"
#include "report.h"

const char cli_tui_synopsis[] = "[--ascii] [--no-color] [--readonly] [--mouse] [--set K=V]... [FILE]";

const char cli_tui_options[] =
	"  --ascii             ASCII line art only\n"
	"  --no-color          no colours (NO_COLOR=1 too)\n"
	"  --readonly          look, never change the file\n"
	"  --mouse             clicks select, the wheel scrolls\n"
	"  --set K=V           template values for checking templated specs\n"
	"  --cookbook-dir DIR  the examples offered on the start screen\n";

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
	{ "render", cmd_render, "[VALUES] [--dry-run] FILE",
	  "Print the spec as OSMO renders it: Jinja with default-values and overrides.",
	  "VALUES:\n"
	  "  --set K=V...        override default-values entries (an int or float when V is one)\n"
	  "  --set-string K=V... override default-values entries with strings\n"
	  "  --set-env K=V...    set an environment variable in every task\n"
	  "  --values F          a YAML mapping of overrides (applied before --set)\n"
	  "  --label K=V...      set workflow labels\n"
	  "  --dry-run           print what 'osmo workflow submit --dry-run' prints: the rendered\n"
	  "                      workflow loaded and dumped as PyYAML's yaml.dump does (keys\n"
	  "                      sorted), after OSMO's YAML and label checks\n"
	  "The special tokens ({{output}}, {{input:N}}, {{host:T}}, {{workflow_id}}) stay as they\n"
	  "are, as OSMO substitutes them later. Errors print as FILE:LINE:COL: error: ...\n"
	  "Exit status: 0 rendered, 1 the template has errors, 2 usage or I/O error.\n" },
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
	{ "cookbook", cmd_cookbook,
	  "[--cookbook-dir D]... list [--names] | show NAME | new NAME FILE [--force]",
	  "List the example workflows, print one, or start a new spec from one.",
	  "  list                list every example: its NAME and title, grouped by folder\n"
	  "  show NAME           print the example's YAML\n"
	  "  new NAME FILE       copy the example to FILE (atomically; - prints it)\n"
	  "  --cookbook-dir D    also list every *.yaml and *.yml spec under D, named by its\n"
	  "                      path under D (repeatable; see also cookbook-dir in the config)\n"
	  "  --names             list prints only the names, one per line\n"
	  "  --force             new overwrites FILE when it exists\n"
	  "The bundled examples come first, then the config's folders, then --cookbook-dir\n"
	  "ones; 'osmo-tui --info' shows where they were found.\n"
	  "Exit status: 0 done, 2 no such example, FILE exists, usage or I/O error.\n" },
	{ "schema", cmd_schema, "[--format json-schema|markdown]",
	  "Print the OSMO spec schema as a JSON Schema or a markdown field reference.",
	  "  --format json-schema  a JSON Schema (draft 2020-12) of a rendered spec (the default)\n"
	  "  --format markdown     a field reference: one table per object\n"
	  "Both are generated from the schema table that validate uses. The JSON Schema\n"
	  "accepts what OSMO accepts (cpu: \"2\", numbers in environment values...) but\n"
	  "cannot express rules across fields: validate checks those.\n" },
	{ "submit", cmd_submit,
	  "[VALUES] [--pool P] [--pool-file F] [--priority HIGH|NORMAL|LOW] [--dry-run] [--strict] FILE",
	  "Validate the spec, then submit it with the OSMO CLI (osmo workflow submit).",
	  "  --pool P            the pool to submit to (default: pool in the config, else the\n"
	  "                      OSMO CLI's default pool)\n"
	  "  --pool-file F       validate against this pool description (default: pool-file\n"
	  "                      in the config)\n"
	  "  --priority HIGH|NORMAL|LOW  the workflow's priority, passed to the OSMO CLI\n"
	  "  --dry-run           the OSMO CLI renders and checks the spec but submits nothing\n"
	  "  --strict            warnings count as errors\n"
	  "VALUES: --set K=V, --set-string K=V, --set-env K=V, --values F (as for validate;\n"
	  "--label is refused: the OSMO CLI has no such option).\n"
	  "With errors nothing is submitted (exit 1). Otherwise osmo-tui runs\n"
	  "  osmo workflow submit FILE [--pool P] [--set K=V...] [--set-string K=V...] ...\n"
	  "directly, without a shell (the program is osmo-command in the config), and\n"
	  "exits with its status; 2 when it cannot be started.\n" },
	{ "dag", cmd_dag, "[--format text|json|dot] [--ascii] [--lr] [--tasks] [VALUES] FILE",
	  "Draw the dependency graph of the groups (templates rendered first).",
	  "  --format text|json|dot  a drawing (default), the layout as JSON (nodes with\n"
	  "                      id, name, kind, group, layer, order, x, y, w, h; edges with\n"
	  "                      from, to, points; crossings), or Graphviz DOT\n"
	  "  --ascii             draw with + - | v > instead of box-drawing characters\n"
	  "                      (the default when the locale's character set is not UTF-8)\n"
	  "  --lr                left to right instead of top to bottom\n"
	  "  --tasks             list the tasks of each group inside its box\n"
	  "  VALUES              --set, --set-string, --set-env, --values, --label as in render\n"
	  "A box is a group; in a tasks: workflow every task is its own group and its box\n"
	  "shows the task name. An arrow A -> B: a task of B takes input from a task of A.\n"
	  "Dependency errors (cycles, unknown input tasks, inputs from a later group or\n"
	  "from the same group) go to standard error; the drawing is printed anyway.\n"
	  "Text drawings over 8 million cells are refused (use json or dot for those).\n"
	  "Exit status: 0 drawn, 1 drawn but the dependencies have errors, or nothing to\n"
	  "draw (YAML or template errors, printed), 2 usage or I/O error, or too large.\n" },
	{ "plan", cmd_plan, "[--format text|json] [--pool-file F] [VALUES] FILE",
	  "Show the waves, the critical path and the resources each group needs at once.",
	  "  --format text|json  a report for people (default) or JSON for tools\n"
	  "  --pool-file F       also fit the demand into a pool description: groups that\n"
	  "                      can never be placed, platforms without nodes, waves that\n"
	  "                      need more than the pool has (see README.md for the format)\n"
	  "  VALUES              --set, --set-string, --set-env, --values, --label as in render\n"
	  "A wave is a set of groups that can run at the same time (wave 1 needs nothing).\n"
	  "A group's demand is the sum of its tasks' resource profiles (a gang); values a\n"
	  "profile leaves unset take the pool's defaults, or OSMO's (1 cpu, 0 gpu, 1Gi\n"
	  "memory, 1Gi storage) without a pool.\n"
	  "Exit status: 0 ok, 1 dependency or profile errors, or (with a pool) a group that\n"
	  "can never be placed or a platform without nodes, 2 usage or I/O error.\n" },
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
	setpath_nearest(p, matched, last, &near);
	buf_printf(&msg, "no value at %s; %s", text, buf_cstr(&near));
	struct buf safe = BUF_INIT;
	report_plain(&safe, buf_cstr(&msg));
	fprintf(stderr, "osmo-tui %s: %s\n", cmd, buf_cstr(&safe));
	buf_free(&safe);
	buf_free(&msg);
	buf_free(&near);
	return EXIT_USAGE;
}
