/* cookbook: list, show and copy example workflows
 * (osmo-tui cookbook [--cookbook-dir D]... list [--names] | show NAME | new NAME FILE [--force]).
 *
 * The examples come from src/cookbook: the bundled cookbook, the config's
 * cookbook-dir lines and every --cookbook-dir, in that order.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "cookbook.h"
#include "save.h"
#include "setup.h"

#define CMD "cookbook"

/* The header of an entry's group: "tutorials" for the bundled cookbook,
 * the folder's path for the others. */
static void group_header(const struct cookbook *cb, const struct cookbook_entry *e, struct buf *out)
{
	const struct cookbook_source *s = &cb->sources[e->source];
	if (s->bundled)
		buf_puts(out, *e->group ? e->group : "examples");
	else
		buf_printf(out, "%s%s%s", s->dir, *e->group ? "/" : "", e->group);
}

static int list(const struct cookbook *cb, bool names_only)
{
	size_t width = 0;
	for (size_t i = 0; i < cb->n; i++) {
		if (names_only)
			printf("%s\n", cb->v[i].name);
		else if (strlen(cb->v[i].name) > width)
			width = strlen(cb->v[i].name);
	}
	if (names_only)
		return EXIT_OK;
	if (width > 40)
		width = 40;
	struct buf last = BUF_INIT, cur = BUF_INIT;
	for (size_t i = 0; i < cb->n; i++) {
		const struct cookbook_entry *e = &cb->v[i];
		buf_reset(&cur);
		group_header(cb, e, &cur);
		if (i == 0 || strcmp(buf_cstr(&cur), buf_cstr(&last)) != 0) {
			printf("%s:\n", buf_cstr(&cur));
			buf_reset(&last);
			buf_puts(&last, buf_cstr(&cur));
		}
		printf("  %-*s  %s\n", (int)width, e->name, e->title);
	}
	for (size_t s = 0; s < cb->nsources; s++)
		if (cb->sources[s].truncated)
			fprintf(stderr, "osmo-tui cookbook: %s: stopped at %d files or %d folder levels\n",
				cb->sources[s].dir, COOKBOOK_MAX_FILES, COOKBOOK_MAX_DEPTH);
	buf_free(&last);
	buf_free(&cur);
	return EXIT_OK;
}

static const struct cookbook_entry *find(const struct cookbook *cb, const char *name)
{
	const struct cookbook_entry *e = cookbook_find(cb, name);
	if (e)
		return e;
	fprintf(stderr, "osmo-tui cookbook: no example named '%s'", name);
	size_t shown = 0;
	for (size_t i = 0; i < cb->n && shown < 5; i++)
		if (strstr(cb->v[i].name, name) || strstr(name, cb->v[i].name))
			fprintf(stderr, "%s%s", shown++ ? ", " : "; did you mean ", cb->v[i].name);
	fprintf(stderr, "%s\nRun 'osmo-tui cookbook list' to see them all.\n", shown ? "?" : "");
	return NULL;
}

static int read_example(const struct cookbook_entry *e, char **text, size_t *len)
{
	struct diag_list dl = { 0 };
	int rc = file_read(e->path, 0, text, len, NULL, &dl);
	if (rc < 0)
		setup_print(e->path, &dl);
	diag_free(&dl);
	return rc;
}

static int show(const struct cookbook *cb, const char *name)
{
	const struct cookbook_entry *e = find(cb, name);
	char *text;
	size_t len;
	if (!e || read_example(e, &text, &len) < 0)
		return EXIT_USAGE;
	int rc = fwrite(text, 1, len, stdout) == len && fflush(stdout) == 0 ? EXIT_OK : EXIT_USAGE;
	free(text);
	return rc;
}

static int new_file(const struct cookbook *cb, const char *name, const char *out, bool force)
{
	if (strcmp(out, "-") == 0)
		return show(cb, name);
	const struct cookbook_entry *e = find(cb, name);
	char *text;
	size_t len;
	if (!e || read_example(e, &text, &len) < 0)
		return EXIT_USAGE;
	struct diag_list dl = { 0 };
	struct stat st;
	int rc = EXIT_OK;
	if (!force && lstat(out, &st) == 0) {
		fprintf(stderr, "osmo-tui cookbook: %s already exists; use --force to overwrite it\n", out);
		rc = EXIT_USAGE;
	} else if (file_write_atomic(out, text, len, NULL, true, NULL, &dl) < 0) {
		rc = EXIT_USAGE;
	}
	if (rc != EXIT_OK)
		setup_print(out, &dl);
	diag_free(&dl);
	free(text);
	return rc;
}

int cmd_cookbook(int argc, char **argv)
{
	const char **dirs = calloc((size_t)argc, sizeof *dirs);
	const char **words = calloc((size_t)argc, sizeof *words);
	size_t ndirs = 0, nwords = 0;
	bool force = false, names = false;
	int rc = EXIT_OK;
	if (!dirs || !words)
		rc = cli_usage_error(CMD, "out of memory");
	for (int i = 1; i < argc && rc == EXIT_OK; i++) {
		if (strcmp(argv[i], "--cookbook-dir") == 0 && i + 1 < argc)
			dirs[ndirs++] = argv[++i];
		else if (strcmp(argv[i], "--force") == 0)
			force = true;
		else if (strcmp(argv[i], "--names") == 0)
			names = true;
		else if (argv[i][0] == '-' && argv[i][1])
			rc = cli_usage_error(CMD, "unknown option %s (or it needs a value)", argv[i]);
		else
			words[nwords++] = argv[i];
	}
	static const struct { const char *action; size_t nargs; } actions[] = {
		{ "list", 0 }, { "show", 1 }, { "new", 2 },
	};
	size_t a = 0;
	while (rc == EXIT_OK && nwords && a < 3 && strcmp(words[0], actions[a].action) != 0)
		a++;
	if (rc == EXIT_OK && !nwords)
		rc = cli_usage_error(CMD, "expected an action: list, show or new");
	else if (rc == EXIT_OK && a == 3)
		rc = cli_usage_error(CMD, "unknown action %s (list, show or new)", words[0]);
	else if (rc == EXIT_OK && nwords - 1 != actions[a].nargs)
		rc = cli_usage_error(CMD, "%s takes %s", actions[a].action,
				     a == 0 ? "no operand" : a == 1 ? "a NAME" : "a NAME and a FILE");
	else if (rc == EXIT_OK && ((force && a != 2) || (names && a != 0)))
		rc = cli_usage_error(CMD, "%s is for %s", force ? "--force" : "--names", force ? "new" : "list");
	struct setup s;
	struct cookbook *cb = NULL;
	if (rc == EXIT_OK && setup_load(&s) < 0)
		rc = cli_usage_error(CMD, "out of memory");
	if (rc == EXIT_OK) {
		cb = setup_cookbook(&s, dirs, ndirs);
		if (cb && cb->nsources == 0 && !names)
			fprintf(stderr, "osmo-tui cookbook: no cookbook found (set OSMO_TUI_DATADIR or use "
				"--cookbook-dir; 'osmo-tui --info' shows where it looked)\n");
		if (!cb)
			rc = EXIT_USAGE;
		else if (a == 0)
			rc = list(cb, names);
		else if (a == 1)
			rc = show(cb, words[1]);
		else
			rc = new_file(cb, words[1], words[2], force);
		cookbook_free(cb);
		setup_free(&s);
	}
	free(dirs);
	free(words);
	return rc;
}
