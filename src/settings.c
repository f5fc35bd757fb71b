/* settings: reading the user's config file (format in settings.h).
 *
 * The format is deliberately tiny (tig's and git's config files are the
 * model): `key = value` lines and `bind KEY COMMAND` lines. Settings are a
 * table; each row says how its value is stored (a path resolved against the
 * file's directory, a list of paths, or a word kept as written). Every
 * problem is a positioned warning, never fatal: a typo in the config file
 * must not stop `osmo-tui validate` from running.
 */
#define _DEFAULT_SOURCE 1  /* strdup, strndup */
#include "settings.h"

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "paths.h"
#include "save.h"

#define RULE "config"
#define MAX_BYTES ((size_t)1 << 20)
#define MAX_DIRS 64
#define MAX_BINDS 1024

enum setting_kind {
	SET_DIRS,   /* a path appended to a list */
	SET_PATH,   /* one path */
	SET_TEXT,   /* one value as written */
};

static const struct setting {
	const char *key;
	enum setting_kind kind;
	size_t off;             /* of the char * member (SET_PATH, SET_TEXT) */
} settings[] = {
	{ "cookbook-dir", SET_DIRS, 0 },
	{ "pool-file", SET_PATH, offsetof(struct settings, pool_file) },
	{ "pool", SET_TEXT, offsetof(struct settings, pool) },
	{ "osmo-command", SET_TEXT, offsetof(struct settings, osmo_command) },
	{ "theme", SET_TEXT, offsetof(struct settings, theme) },
};
#define NSETTINGS (sizeof settings / sizeof settings[0])

struct parser {
	struct settings *c;
	const char *base;
	struct diag_list *dl;
	int line;
	const char *line_start;
	size_t ignored;
};

/* Column (1-based, code points) of p in the current line. */
static int column(const struct parser *ps, const char *p)
{
	int col = 1;
	for (const char *s = ps->line_start; s < p; s++)
		col += ((unsigned char)*s & 0xC0) != 0x80;
	return col;
}

/* A warning at `at`; the line is ignored. */
static void warn(struct parser *ps, const char *at, const char *msg)
{
	diag_addf_lc(ps->dl, DIAG_WARNING, RULE, ps->line, column(ps, at), "%s", msg);
	ps->ignored++;
}

static bool blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

/* Trim blanks at both ends of [*s, *e). */
static void trim(const char **s, const char **e)
{
	while (*s < *e && blank(**s))
		(*s)++;
	while (*e > *s && blank((*e)[-1]))
		(*e)--;
}

/* The value [s, e) without surrounding double quotes (\" and \\ escaped). */
static char *unquote(const char *s, const char *e)
{
	if (e - s < 2 || *s != '"' || e[-1] != '"')
		return strndup(s, (size_t)(e - s));
	struct buf b = BUF_INIT;
	for (const char *p = s + 1; p < e - 1; p++) {
		if (*p == '\\' && p + 1 < e - 1 && (p[1] == '"' || p[1] == '\\'))
			p++;
		buf_putc(&b, *p);
	}
	return buf_detach(&b);
}

static void parse_bind(struct parser *ps, const char *s, const char *e)
{
	trim(&s, &e);
	const char *k = s;
	while (k < e && !blank(*k))
		k++;
	const char *cmd = k, *cend = e;
	trim(&cmd, &cend);
	if (k == s || cmd == cend) {
		warn(ps, s, "expected bind KEY COMMAND");
		return;
	}
	struct settings *c = ps->c;
	if (c->nbinds == MAX_BINDS) {
		warn(ps, s, "too many bind lines (the limit is 1024)");
		return;
	}
	struct settings_bind *nb = realloc(c->binds, (c->nbinds + 1) * sizeof *nb);
	if (!nb)
		return;
	c->binds = nb;
	struct settings_bind *b = &c->binds[c->nbinds];
	b->key = strndup(s, (size_t)(k - s));
	b->command = strndup(cmd, (size_t)(cend - cmd));
	b->line = ps->line;
	if (!b->key || !b->command) {
		free(b->key);
		free(b->command);
		return;
	}
	c->nbinds++;
}

static void apply(struct parser *ps, const struct setting *st, const char *vstart, char *value)
{
	struct settings *c = ps->c;
	if (st->kind == SET_TEXT) {
		char **slot = (char **)(void *)((char *)c + st->off);
		free(*slot);
		*slot = *value ? value : NULL;
		if (!*value)
			free(value);
		return;
	}
	if (!*value) {
		free(value);
		warn(ps, vstart, st->kind == SET_DIRS ? "cookbook-dir needs a path" : "pool-file needs a path");
		return;
	}
	char *path = paths_expand(value, ps->base);
	if (!path) {
		warn(ps, vstart, "cannot expand ~ ($HOME is not set)");
		free(value);
		return;
	}
	free(value);
	if (st->kind == SET_PATH) {
		char **slot = (char **)(void *)((char *)c + st->off);
		free(*slot);
		*slot = path;
		return;
	}
	if (c->ncookbook_dirs == MAX_DIRS) {
		free(path);
		warn(ps, vstart, "too many cookbook-dir lines (the limit is 64)");
		return;
	}
	char **nd = realloc(c->cookbook_dirs, (c->ncookbook_dirs + 1) * sizeof *nd);
	if (!nd) {
		free(path);
		return;
	}
	c->cookbook_dirs = nd;
	c->cookbook_dirs[c->ncookbook_dirs++] = path;
}

static void parse_line(struct parser *ps, const char *s, const char *e)
{
	trim(&s, &e);
	if (s == e || *s == '#')
		return;
	if (e - s > 4 && memcmp(s, "bind", 4) == 0 && blank(s[4])) {
		parse_bind(ps, s + 4, e);
		return;
	}
	const char *k = s;
	while (k < e && *k != '=' && !blank(*k))
		k++;
	const char *eq = k;
	while (eq < e && blank(*eq))
		eq++;
	if (k == s || eq == e || *eq != '=') {
		warn(ps, s, "expected KEY = VALUE or bind KEY COMMAND");
		return;
	}
	const struct setting *st = NULL;
	for (size_t i = 0; i < NSETTINGS && !st; i++)
		if (strlen(settings[i].key) == (size_t)(k - s) && memcmp(settings[i].key, s, (size_t)(k - s)) == 0)
			st = &settings[i];
	if (!st) {
		struct buf m = BUF_INIT;
		buf_puts(&m, "unknown setting \"");
		buf_add(&m, s, (size_t)(k - s));
		buf_puts(&m, "\" (known:");
		for (size_t i = 0; i < NSETTINGS; i++)
			buf_printf(&m, " %s,", settings[i].key);
		buf_puts(&m, " bind)");
		warn(ps, s, buf_cstr(&m));
		buf_free(&m);
		return;
	}
	const char *v = eq + 1, *ve = e;
	trim(&v, &ve);
	char *value = unquote(v, ve);
	if (value)
		apply(ps, st, v, value);
}

size_t settings_parse(struct settings *c, const char *text, size_t len, const char *base_dir,
		    struct diag_list *dl)
{
	memset(c, 0, sizeof *c);
	struct parser ps = { c, base_dir, dl, 0, text, 0 };
	const char *end = text + len;
	for (const char *s = text; s < end;) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		ps.line++;
		ps.line_start = s;
		parse_line(&ps, s, e);
		s = nl ? nl + 1 : end;
	}
	return ps.ignored;
}

int settings_load(struct settings *c, const char *path, struct diag_list *dl)
{
	memset(c, 0, sizeof *c);
	struct stat sb;
	if (!path || (stat(path, &sb) < 0 && (errno == ENOENT || errno == ENOTDIR)))
		return 0;
	struct diag_list io = { 0 };
	char *text = NULL;
	size_t len = 0;
	if (file_read(path, MAX_BYTES, &text, &len, NULL, &io) < 0) {
		for (size_t i = 0; i < io.n; i++)
			diag_add_copy(dl, &io.v[i]);
		diag_free(&io);
		return -1;
	}
	diag_free(&io);
	char *dir = strdup(path);
	char *slash = dir ? strrchr(dir, '/') : NULL;
	if (slash)
		*slash = '\0';
	settings_parse(c, text, len, slash && slash != dir ? dir : slash ? "/" : NULL, dl);
	c->file = strdup(path);
	free(dir);
	free(text);
	return 0;
}

void settings_free(struct settings *c)
{
	free(c->file);
	for (size_t i = 0; i < c->ncookbook_dirs; i++)
		free(c->cookbook_dirs[i]);
	free(c->cookbook_dirs);
	free(c->pool_file);
	free(c->pool);
	free(c->osmo_command);
	free(c->theme);
	for (size_t i = 0; i < c->nbinds; i++) {
		free(c->binds[i].key);
		free(c->binds[i].command);
	}
	free(c->binds);
	memset(c, 0, sizeof *c);
}

const char *settings_osmo_command(const struct settings *c)
{
	return c && c->osmo_command ? c->osmo_command : "osmo";
}
