/* cookbook: sources of example workflows, read from an index or scanned
 * (see cookbook.h).
 *
 * The bundled cookbook has an authored index.yaml (names, titles, the
 * pattern each example shows), so listing it reads one small file. A user's
 * folder of specs has no index: it is walked breadth-bounded and each file
 * contributes a title taken from its first few kilobytes, because real
 * specs start with a licence header and a how-to-submit comment and only
 * sometimes with a sentence saying what they do.
 */
#define _DEFAULT_SOURCE 1  /* strdup, strndup, realpath, lstat */
#include "cookbook.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc.h"
#include "save.h"

#define RULE "cookbook"
#define TITLE_MAX 120

/* --- entries --- */

struct cookbook *cookbook_new(void)
{
	return calloc(1, sizeof(struct cookbook));
}

static void entry_free(struct cookbook_entry *e)
{
	free(e->name);
	free(e->title);
	free(e->pattern);
	free(e->tags);
	free(e->group);
	free(e->path);
}

void cookbook_free(struct cookbook *cb)
{
	if (!cb)
		return;
	for (size_t i = 0; i < cb->n; i++)
		entry_free(&cb->v[i]);
	free(cb->v);
	for (size_t i = 0; i < cb->nsources; i++) {
		free(cb->sources[i].dir);
		free(cb->sources[i].real);
	}
	free(cb->sources);
	free(cb);
}

const struct cookbook_entry *cookbook_find(const struct cookbook *cb, const char *name)
{
	for (size_t i = 0; i < cb->n; i++)
		if (strcmp(cb->v[i].name, name) == 0)
			return &cb->v[i];
	return NULL;
}

/* name, or name-2, name-3... whichever is free. */
static char *unique_name(const struct cookbook *cb, const char *name)
{
	if (!cookbook_find(cb, name))
		return strdup(name);
	struct buf b = BUF_INIT;
	for (size_t k = 2; k <= cb->n + 2; k++) {
		buf_reset(&b);
		buf_printf(&b, "%s-%zu", name, k);
		if (!cookbook_find(cb, buf_cstr(&b)))
			break;
	}
	return buf_detach(&b);
}

/* The first folder of rel ("a/b/c.yaml" -> "a"), "" for a top-level file. */
static char *group_of(const char *rel)
{
	const char *slash = strchr(rel, '/');
	return slash ? strndup(rel, (size_t)(slash - rel)) : strdup("");
}

/* Append an entry; takes title, pattern and tags (may be NULL). */
static int add_entry(struct cookbook *cb, size_t src, const char *name, char *title,
		     char *pattern, char *tags, const char *rel, const char *path)
{
	if (cb->n == cb->cap) {
		size_t cap = cb->cap ? cb->cap * 2 : 32;
		struct cookbook_entry *v = realloc(cb->v, cap * sizeof *v);
		if (!v)
			goto oom;
		cb->v = v;
		cb->cap = cap;
	}
	struct cookbook_entry *e = &cb->v[cb->n];
	memset(e, 0, sizeof *e);
	e->name = unique_name(cb, name);
	e->title = title ? title : strdup(rel);
	e->pattern = pattern;
	e->tags = tags;
	e->group = group_of(rel);
	e->path = strdup(path);
	e->source = src;
	if (!e->name || !e->title || !e->group || !e->path) {
		entry_free(e);
		return -1;
	}
	cb->n++;
	cb->sources[src].count++;
	return 0;
oom:
	free(title);
	free(pattern);
	free(tags);
	return -1;
}

/* --- titles --- */

static bool hspace(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

/* Does [s, e) contain word, ignoring case? */
static bool contains_ci(const char *s, const char *e, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = s; p + n <= e; p++)
		if (strncasecmp(p, word, n) == 0)
			return true;
	return false;
}

/* Comment lines that say how to run the file rather than what it is. */
static bool is_note(const char *s, const char *e)
{
	static const char *const notes[] = {
		"to submit", "to see", "to connect", "to use", "to run", "usage", "osmo ", "$ ",
		"this workflow has multiple files", "-*-",
	};
	for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++) {
		size_t n = strlen(notes[i]);
		if ((size_t)(e - s) >= n && strncasecmp(s, notes[i], n) == 0)
			return true;
	}
	return false;
}

/* Append [s, e) shortened to TITLE_MAX bytes at a UTF-8 boundary. */
static void put_title(struct buf *out, const char *s, const char *e)
{
	if (e - s > TITLE_MAX) {
		e = s + TITLE_MAX - 3;
		while (e > s && ((unsigned char)*e & 0xC0) == 0x80)
			e--;
		buf_add(out, s, (size_t)(e - s));
		buf_puts(out, "...");
		return;
	}
	buf_add(out, s, (size_t)(e - s));
}

/* A line of the head: [s, e) without its newline. */
struct line {
	const char *s, *e;
};

static bool next_line(const char **p, const char *end, struct line *l)
{
	if (*p >= end)
		return false;
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	l->s = *p;
	l->e = nl ? nl : end;
	*p = nl ? nl + 1 : end;
	return true;
}

static size_t indent_of(const struct line *l)
{
	const char *p = l->s;
	while (p < l->e && *p == ' ')
		p++;
	return (size_t)(p - l->s);
}

static bool is_blank_or_comment(const struct line *l)
{
	const char *p = l->s;
	while (p < l->e && hspace(*p))
		p++;
	return p == l->e || *p == '#';
}

/* The title from the leading comment: the first line of its first
 * paragraph that neither mentions a licence or copyright (boilerplate) nor
 * starts with a note on how to run the file ("To submit:", "Usage: ..."). */
static bool title_from_comment(const char *head, const char *end, struct buf *out)
{
	const char *p = head;
	struct line l;
	/* One paragraph at a time: [pstart, pend) spans its lines. */
	const char *pstart = NULL, *pend = NULL;
	bool done = false;
	while (!done) {
		bool more = next_line(&p, end, &l);
		const char *t = l.s;
		while (more && t < l.e && hspace(*t))
			t++;
		bool shebang = more && l.e - t >= 2 && t[0] == '#' && t[1] == '!';
		bool comment = more && t < l.e && *t == '#' && !shebang;
		bool separator = more && (t == l.e || shebang || (l.e - t == 3 && memcmp(t, "---", 3) == 0));
		const char *text = comment ? t + 1 : NULL, *te = l.e;
		if (comment) {
			while (text < te && (hspace(*text) || *text == '#'))
				text++;
			while (te > text && hspace(te[-1]))
				te--;
		}
		if (comment && text < te) {
			if (!pstart)
				pstart = l.s;
			pend = l.e;
			continue;
		}
		/* a paragraph ends: at a blank or empty comment line, or the end of the comment */
		if (pstart && !contains_ci(pstart, pend, "copyright") && !contains_ci(pstart, pend, "licen") &&
		    !contains_ci(pstart, pend, "spdx")) {
			const char *q = pstart;
			struct line pl = { q, pend };
			next_line(&q, pend, &pl);
			const char *a = pl.s, *b = pl.e;
			while (a < b && (hspace(*a) || *a == '#'))
				a++;
			while (b > a && hspace(b[-1]))
				b--;
			if (!is_note(a, b)) {
				put_title(out, a, b);
				return true;
			}
		}
		pstart = NULL;
		done = !more || !(comment || separator);
	}
	return false;
}

/* The workflow's name: the `name:` key one level under a column-0
 * `workflow:` line, unless it is a template expression. */
static bool title_from_name(const char *head, const char *end, struct buf *out)
{
	const char *p = head;
	struct line l;
	bool in_workflow = false;
	size_t child = 0;
	while (next_line(&p, end, &l)) {
		if (!in_workflow) {
			size_t n = (size_t)(l.e - l.s);
			in_workflow = n >= 9 && memcmp(l.s, "workflow:", 9) == 0;
			if (in_workflow) {
				const char *r = l.s + 9;
				while (r < l.e && hspace(*r))
					r++;
				if (r < l.e && *r != '#')
					return false;  /* flow style: not handled */
			}
			continue;
		}
		if (is_blank_or_comment(&l))
			continue;
		size_t ind = indent_of(&l);
		if (ind == 0)
			return false;
		if (!child)
			child = ind;
		if (ind != child || l.e - (l.s + ind) < 5 || memcmp(l.s + ind, "name:", 5) != 0)
			continue;
		const char *v = l.s + ind + 5, *ve = l.e;
		while (v < ve && hspace(*v))
			v++;
		const char *hash = v;
		while (hash < ve && !(*hash == '#' && hash > v && hspace(hash[-1])))
			hash++;
		ve = hash;
		while (ve > v && hspace(ve[-1]))
			ve--;
		if (ve - v >= 2 && (*v == '"' || *v == '\'') && ve[-1] == *v) {
			v++;
			ve--;
		}
		if (v == ve || contains_ci(v, ve, "{{"))
			return false;
		put_title(out, v, ve);
		return true;
	}
	return false;
}

int cookbook_title(const char *head, size_t len, struct buf *out)
{
	if (title_from_comment(head, head + len, out))
		return 1;
	if (title_from_name(head, head + len, out))
		return 2;
	return 0;
}

/* --- sources --- */

static long add_source(struct cookbook *cb, const char *dir, bool bundled, struct diag_list *dl)
{
	char *real = realpath(dir, NULL);
	if (!real) {
		diag_addf_lc(dl, DIAG_WARNING, RULE, 0, 0, "cookbook folder %s: %s", dir, strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < cb->nsources; i++) {
		if (strcmp(cb->sources[i].real, real) == 0) {
			free(real);
			return -2;
		}
	}
	struct cookbook_source *s = realloc(cb->sources, (cb->nsources + 1) * sizeof *s);
	if (!s) {
		free(real);
		return -1;
	}
	cb->sources = s;
	s = &cb->sources[cb->nsources];
	memset(s, 0, sizeof *s);
	s->dir = strdup(dir);
	s->real = real;
	s->bundled = bundled;
	if (!s->dir) {
		free(real);
		return -1;
	}
	return (long)cb->nsources++;
}

static char *join(const char *a, const char *b)
{
	struct buf p = BUF_INIT;
	buf_printf(&p, "%s/%s", a, b);
	return buf_detach(&p);
}

/* A string member of an index entry, or NULL. */
static char *index_str(const struct doc_node *item, const char *key)
{
	const struct doc_node *v = doc_resolve(doc_map_get(item, key));
	return v && v->kind == DOC_SCALAR && v->len ? strdup(v->text) : NULL;
}

/* tags: [a, b] -> "a, b" */
static char *index_tags(const struct doc_node *item)
{
	const struct doc_node *v = doc_resolve(doc_map_get(item, "tags"));
	if (!v || v->kind != DOC_SEQ || !v->nkids)
		return NULL;
	struct buf b = BUF_INIT;
	for (uint32_t i = 0; i < v->nkids; i++) {
		const struct doc_node *t = doc_resolve(v->kids[i]);
		if (t && t->kind == DOC_SCALAR)
			buf_printf(&b, "%s%s", b.len ? ", " : "", t->text);
	}
	return buf_detach(&b);
}

static void index_warn(struct diag_list *dl, struct doc *d, const struct doc_node *n, const char *msg,
		       const char *arg)
{
	int line = 1, col = 1;
	if (n)
		doc_line_col(d, n->item_start, &line, &col);
	diag_addf_lc(dl, DIAG_WARNING, RULE, line, col, "%s%s", msg, arg ? arg : "");
}

static bool safe_rel(const char *rel)
{
	if (!*rel || rel[0] == '/')
		return false;
	for (const char *p = rel; *p;) {
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return false;
		p += n;
		p += *p == '/';
	}
	return true;
}

/* Read dir/index.yaml (text already loaded). Returns entries added or -1. */
static long read_index(struct cookbook *cb, size_t src, const char *dir, const char *text, size_t len,
		       struct diag_list *dl)
{
	struct diag_list ld = { 0 };
	struct doc *d = doc_load(text, len, NULL, &ld);
	for (size_t i = 0; i < ld.n; i++) {
		ld.v[i].severity = DIAG_WARNING;
		if (d && ld.v[i].offset != DIAG_NO_OFFSET)
			doc_locate(d, &ld.v[i]);
		diag_add_copy(dl, &ld.v[i]);
	}
	diag_free(&ld);
	if (!d || !d->ok) {
		doc_free(d);
		return -1;
	}
	const struct doc_node *list = doc_resolve(doc_map_get(d->root, "examples"));
	if (!list || list->kind != DOC_SEQ) {
		index_warn(dl, d, NULL, "index.yaml has no examples: list", NULL);
		doc_free(d);
		return -1;
	}
	long added = 0;
	for (uint32_t i = 0; i < list->nkids; i++) {
		const struct doc_node *item = doc_resolve(list->kids[i]);
		char *name = item && item->kind == DOC_MAP ? index_str(item, "name") : NULL;
		char *rel = name ? index_str(item, "path") : NULL;
		if (!name || !rel || !safe_rel(rel)) {
			index_warn(dl, d, list->kids[i],
				   !name ? "example without a name" : "example without a relative path: ",
				   name);
			free(name);
			free(rel);
			continue;
		}
		char *path = join(dir, rel);
		struct stat st;
		if (path && stat(path, &st) != 0) {
			index_warn(dl, d, list->kids[i], "example file not found: ", path);
		} else if (path && add_entry(cb, src, name, index_str(item, "title"), index_str(item, "pattern"),
					     index_tags(item), rel, path) == 0) {
			added++;
		}
		free(path);
		free(name);
		free(rel);
	}
	doc_free(d);
	return added;
}

/* Read at most COOKBOOK_HEAD_BYTES of path. Returns the count, or -1.
 * *eof tells whether that was the whole file. */
static ssize_t read_head(const char *path, char *head, bool *eof)
{
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return -1;
	size_t got = 0;
	*eof = false;
	while (got < COOKBOOK_HEAD_BYTES) {
		ssize_t r = read(fd, head + got, COOKBOOK_HEAD_BYTES - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			close(fd);
			return -1;
		}
		if (r == 0) {
			*eof = true;
			break;
		}
		got += (size_t)r;
	}
	close(fd);
	return (ssize_t)got;
}

static bool has_workflow_line(const char *head, size_t len)
{
	const char *p = head, *end = head + len;
	struct line l;
	while (next_line(&p, end, &l))
		if (l.e - l.s >= 9 && memcmp(l.s, "workflow:", 9) == 0)
			return true;
	return false;
}

static bool yaml_name(const char *name)
{
	size_t n = strlen(name);
	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) || (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

struct scan {
	struct cookbook *cb;
	size_t src;
	const char *root;
	struct diag_list *dl;
	size_t files;          /* YAML files looked at */
	char head[COOKBOOK_HEAD_BYTES];
};

static void scan_file(struct scan *sc, const char *rel, const char *path)
{
	bool eof;
	ssize_t n = read_head(path, sc->head, &eof);
	if (n < 0) {
		diag_addf_lc(sc->dl, DIAG_WARNING, RULE, 0, 0, "cannot read %s: %s", path, strerror(errno));
		return;
	}
	if (!has_workflow_line(sc->head, (size_t)n) && eof)
		return;  /* a YAML file that is not a workflow spec */
	struct buf title = BUF_INIT;
	cookbook_title(sc->head, (size_t)n, &title);
	size_t rl = strlen(rel);
	char *name = strndup(rel, rl - (rl > 4 && strcmp(rel + rl - 4, ".yml") == 0 ? 4 : 5));
	if (name)
		add_entry(sc->cb, sc->src, name, title.len ? buf_detach(&title) : NULL, NULL, NULL, rel, path);
	free(name);
	buf_free(&title);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walk root/rel (rel "" for the root), files in name order. */
static void scan_dir(struct scan *sc, const char *rel, int depth)
{
	char *dirpath = *rel ? join(sc->root, rel) : strdup(sc->root);
	DIR *dir = dirpath ? opendir(dirpath) : NULL;
	if (!dir) {
		if (dirpath)
			diag_addf_lc(sc->dl, DIAG_WARNING, RULE, 0, 0, "cannot read folder %s: %s", dirpath,
				     strerror(errno));
		free(dirpath);
		return;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(dir)) && n < COOKBOOK_MAX_FILES) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			char **v = realloc(names, cap * sizeof *v);
			if (!v)
				break;
			names = v;
		}
		if ((names[n] = strdup(de->d_name)))
			n++;
	}
	if (de)
		sc->cb->sources[sc->src].truncated = true;
	closedir(dir);
	if (n)
		qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		char *r = *rel ? join(rel, names[i]) : strdup(names[i]);
		char *path = r ? join(sc->root, r) : NULL;
		struct stat st;
		if (!path || lstat(path, &st) != 0) {
			/* vanished meanwhile: nothing to list */
		} else if (S_ISDIR(st.st_mode)) {
			if (depth < COOKBOOK_MAX_DEPTH)
				scan_dir(sc, r, depth + 1);
			else
				sc->cb->sources[sc->src].truncated = true;
		} else if (yaml_name(names[i]) && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			if (sc->files < COOKBOOK_MAX_FILES) {
				sc->files++;
				scan_file(sc, r, path);
			} else {
				sc->cb->sources[sc->src].truncated = true;
			}
		}
		free(path);
		free(r);
		free(names[i]);
	}
	free(names);
	free(dirpath);
}

long cookbook_add(struct cookbook *cb, const char *dir, bool bundled, struct diag_list *dl)
{
	long src = add_source(cb, dir, bundled, dl);
	if (src == -2)
		return 0;
	if (src < 0)
		return -1;
	size_t before = cb->n;
	char *index = join(dir, "index.yaml");
	char *text = NULL;
	size_t len = 0;
	struct diag_list io = { 0 };
	struct stat st;
	if (index && stat(index, &st) == 0 && S_ISREG(st.st_mode) &&
	    file_read(index, (size_t)1 << 20, &text, &len, NULL, &io) == 0 &&
	    read_index(cb, (size_t)src, dir, text, len, dl) >= 0) {
		cb->sources[src].indexed = true;
	} else {
		struct scan *sc = calloc(1, sizeof *sc);
		if (!sc) {
			free(index);
			free(text);
			return -1;
		}
		sc->cb = cb;
		sc->src = (size_t)src;
		sc->root = dir;
		sc->dl = dl;
		scan_dir(sc, "", 1);
		free(sc);
	}
	diag_free(&io);
	free(index);
	free(text);
	return (long)(cb->n - before);
}
