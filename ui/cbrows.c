/* cbrows: the cookbook browser's rows (see cbrows.h).
 *
 * Rows are rebuilt from the cookbook on every filter change: a cookbook is
 * at most COOKBOOK_MAX_FILES entries per folder, so a linear pass is
 * instant, and keeping no incremental state means nothing can go stale.
 * Folders are shown in the order their first example appears; examples of
 * one folder stay together even when an index lists them apart.
 */
#include "cbrows.h"

#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "settings.h"

static void note_warnings(struct cbrows *r, struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++) {
		if (r->nwarnings++ == 0)
			buf_puts(&r->warning, dl->v[i].message ? dl->v[i].message : "warning");
	}
}

int cbrows_load(struct cbrows *r, const char *datadir, const char *const *dirs, size_t ndirs,
		bool open_row)
{
	memset(r, 0, sizeof *r);
	r->open_row = open_row;
	r->cb = cookbook_new();
	if (!r->cb)
		return -1;
	struct diag_list dl = { 0 };
	if (datadir) {
		struct buf dir = BUF_INIT;
		buf_printf(&dir, "%s/cookbook", datadir);
		cookbook_add(r->cb, buf_cstr(&dir), true, &dl);
		buf_free(&dir);
	}
	for (size_t i = 0; i < ndirs; i++)
		if (cookbook_add(r->cb, dirs[i], false, &dl) < 0 && !dl.n)
			diag_addf_lc(&dl, DIAG_WARNING, "cookbook", 0, 0, "%s: cannot read the folder", dirs[i]);
	note_warnings(r, &dl);
	diag_free(&dl);
	cbrows_filter(r, NULL);
	return r->v || (r->cb->n == 0 && !open_row) ? 0 : -1;
}

int cbrows_load_user(struct cbrows *r, const char *extra_dir, bool open_row)
{
	struct paths p;
	if (paths_user(&p) < 0)
		return -1;
	struct settings cfg;
	struct diag_list dl = { 0 };
	settings_load(&cfg, p.config_file, &dl);
	char *exe = paths_exe();
	enum paths_how how;
	char *datadir = paths_datadir(exe, &how);
	size_t n = cfg.ncookbook_dirs;
	const char **dirs = calloc(n + 1, sizeof *dirs);
	int rc = -1;
	if (dirs) {
		for (size_t i = 0; i < n; i++)
			dirs[i] = cfg.cookbook_dirs[i];
		if (extra_dir)
			dirs[n++] = extra_dir;
		rc = cbrows_load(r, datadir, dirs, n, open_row);
		if (rc == 0)
			note_warnings(r, &dl);
	}
	free(dirs);
	free(datadir);
	free(exe);
	diag_free(&dl);
	settings_free(&cfg);
	paths_free(&p);
	return rc;
}

void cbrows_free(struct cbrows *r)
{
	cookbook_free(r->cb);
	buf_free(&r->warning);
	free(r->v);
	free(r->filter);
	memset(r, 0, sizeof *r);
}

void cbrows_group_label(const struct cbrows *r, size_t i, struct buf *out)
{
	const struct cookbook_entry *e = &r->cb->v[i];
	const struct cookbook_source *s = &r->cb->sources[e->source];
	if (s->bundled) {
		buf_puts(out, *e->group ? e->group : "examples");
		return;
	}
	const char *home = getenv("HOME");
	size_t hl = home ? strlen(home) : 0;
	if (hl > 1 && strncmp(s->dir, home, hl) == 0 && (s->dir[hl] == '/' || !s->dir[hl]))
		buf_printf(out, "~%s", s->dir + hl);
	else
		buf_puts(out, s->dir);
	if (*e->group)
		buf_printf(out, "/%s", e->group);
}

static bool same_group(const struct cookbook *cb, size_t a, size_t b)
{
	return cb->v[a].source == cb->v[b].source && strcmp(cb->v[a].group, cb->v[b].group) == 0;
}

/* Lower-case ASCII copy of s appended to out, then a blank. */
static void put_lower(struct buf *out, const char *s)
{
	for (; s && *s; s++)
		buf_putc(out, *s >= 'A' && *s <= 'Z' ? (char)(*s + 32) : *s);
	buf_putc(out, ' ');
}

static bool matches(const struct cbrows *r, size_t i, const char *words)
{
	if (!words || !*words)
		return true;
	const struct cookbook_entry *e = &r->cb->v[i];
	struct buf hay = BUF_INIT, label = BUF_INIT, w = BUF_INIT;
	cbrows_group_label(r, i, &label);
	put_lower(&hay, e->name);
	put_lower(&hay, e->title);
	put_lower(&hay, e->pattern);
	put_lower(&hay, e->tags);
	put_lower(&hay, buf_cstr(&label));
	put_lower(&w, words);
	bool ok = true;
	char *save = NULL;
	for (char *t = strtok_r(w.data, " \t", &save); t && ok; t = strtok_r(NULL, " \t", &save))
		ok = strstr(buf_cstr(&hay), t) != NULL;
	buf_free(&hay);
	buf_free(&label);
	buf_free(&w);
	return ok;
}

/* group[i] = the index of the first entry of entry i's folder; heads in
 * order of first appearance. Returns the number of folders (n * folders
 * comparisons: folders are few). */
static size_t group_ids(const struct cookbook *cb, size_t *group, size_t *heads)
{
	size_t ng = 0;
	for (size_t i = 0; i < cb->n; i++) {
		if (i > 0 && same_group(cb, i, i - 1)) {
			group[i] = group[i - 1];
			continue;
		}
		size_t g = 0;
		while (g < ng && !same_group(cb, heads[g], i))
			g++;
		if (g == ng)
			heads[ng++] = i;
		group[i] = heads[g];
	}
	return ng;
}

size_t cbrows_filter(struct cbrows *r, const char *filter)
{
	char *f = filter && *filter ? strdup(filter) : NULL;
	free(r->filter);
	r->filter = f;
	free(r->v);
	r->n = 0;
	size_t n = r->cb->n;
	r->v = calloc(2 * n + 1, sizeof *r->v);
	size_t *group = calloc(n + 1, sizeof *group), *heads = calloc(n + 1, sizeof *heads);
	bool *keep = calloc(n + 1, sizeof *keep);
	size_t shown = 0;
	if (r->v && group && heads && keep) {
		for (size_t i = 0; i < n; i++)
			keep[i] = matches(r, i, r->filter);
		size_t ng = group_ids(r->cb, group, heads);
		for (size_t g = 0; g < ng; g++) {
			bool header = false;
			for (size_t i = heads[g]; i < n; i++) {
				if (group[i] != heads[g] || !keep[i])
					continue;
				if (!header)
					r->v[r->n++] = (struct cbrow){ CBROW_GROUP, i };
				header = true;
				r->v[r->n++] = (struct cbrow){ CBROW_ENTRY, i };
				shown++;
			}
		}
		if (r->open_row)
			r->v[r->n++] = (struct cbrow){ CBROW_OPEN, 0 };
	}
	free(group);
	free(heads);
	free(keep);
	return shown;
}

bool cbrows_selectable(const struct cbrows *r, size_t i)
{
	return i < r->n && r->v[i].kind != CBROW_GROUP;
}

size_t cbrows_settle(const struct cbrows *r, size_t i, int dir)
{
	if (r->n == 0)
		return 0;
	if (i >= r->n)
		i = r->n - 1;
	for (int pass = 0; pass < 2; pass++, dir = -dir)
		for (size_t k = i; k < r->n; k = dir > 0 ? k + 1 : k - 1)
			if (cbrows_selectable(r, k))
				return k;
			else if (dir < 0 && k == 0)
				break;
	return r->n;
}

const struct cookbook_entry *cbrows_entry(const struct cbrows *r, size_t i)
{
	return i < r->n && r->v[i].kind == CBROW_ENTRY ? &r->cb->v[r->v[i].entry] : NULL;
}
