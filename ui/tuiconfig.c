/* tuiconfig: the config file applied to the TUI (see tuiconfig.h). */
#include "tuiconfig.h"

#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "paths.h"
#include "save.h"

const char *const tuiconfig_themes[] = { "default", "mono", NULL };

/* Start the next problem of the list. */
static struct buf *next(struct buf *problems)
{
	if (problems->len)
		buf_puts(problems, "; ");
	return problems;
}

size_t tuiconfig_load(struct settings *c, struct buf *problems)
{
	struct paths p;
	struct diag_list dl = { 0 };
	memset(c, 0, sizeof *c);
	if (paths_user(&p) < 0)
		return 0;
	settings_load(c, p.config_file, &dl);
	for (size_t i = 0; i < dl.n; i++) {
		if (dl.v[i].line > 0)
			buf_printf(next(problems), "config line %d: ", dl.v[i].line);
		else
			buf_puts(next(problems), "config: ");
		buf_puts(problems, dl.v[i].message ? dl.v[i].message : "");
	}
	size_t n = dl.n;
	diag_free(&dl);
	paths_free(&p);
	return n;
}

bool tuiconfig_mono(const char *name, struct buf *problems)
{
	if (!name || strcmp(name, "default") == 0)
		return false;
	if (strcmp(name, "mono") == 0 || strcmp(name, "monochrome") == 0)
		return true;
	struct buf names = BUF_INIT;
	for (size_t i = 0; tuiconfig_themes[i]; i++)
		buf_printf(&names, "%s%s", i ? ", " : "", tuiconfig_themes[i]);
	buf_printf(next(problems), "config: no theme named '%s' (themes: %s)", name, buf_cstr(&names));
	buf_free(&names);
	return false;
}

size_t tuiconfig_binds(const struct settings *c, struct buf *problems)
{
	size_t bad = 0;
	for (size_t i = 0; i < c->nbinds; i++) {
		struct buf err = BUF_INIT;
		if (cmd_bind(c->binds[i].key, c->binds[i].command, &err) < 0) {
			buf_printf(next(problems), "config line %d: bind: %s", c->binds[i].line, buf_cstr(&err));
			bad++;
		}
		buf_free(&err);
	}
	return bad;
}

struct pool *tuiconfig_pool(const char *path, struct buf *problems)
{
	struct diag_list dl = { 0 };
	char *text = NULL;
	size_t len = 0;
	struct pool *pool = NULL;
	if (file_read(path, 0, &text, &len, NULL, &dl) == 0) {
		struct doc *d = doc_load(text, len, NULL, &dl);
		if (d && d->ok)
			pool = pool_from_doc(d, &dl);
		doc_free(d);
		free(text);
	}
	if (!pool) {
		struct buf why = BUF_INIT;
		if (dl.n && dl.v[0].line > 0)
			buf_printf(&why, "line %d: ", dl.v[0].line);
		buf_puts(&why, dl.n && dl.v[0].message ? dl.v[0].message : "cannot be read");
		buf_printf(next(problems), "pool file %s: %s", path, buf_cstr(&why));
		buf_free(&why);
	}
	diag_free(&dl);
	return pool;
}
