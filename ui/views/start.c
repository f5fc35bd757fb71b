/* start: the screen shown when osmo-tui runs without a file (or the file
 * does not exist yet): start a new workflow from a cookbook example, or
 * open a file.
 *
 * Examples come from the cookbook's index.yaml (title and one-line
 * pattern of each) or, without an index, from the *.yaml files under the
 * cookbook directory with the first line of their leading comment. The
 * cookbook is --cookbook-dir, else the installed one, else the source
 * tree's (so an uninstalled build works).
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chrome.h"
#include "commands.h"
#include "draw.h"
#include "listnav.h"
#include "save.h"
#include "session.h"
#include "views.h"

#define MAX_EXAMPLES 500
#define MAX_SCAN_DEPTH 4
#define TITLE_MAX 200

struct example {
	char *path;      /* full path */
	char *rel;       /* relative to the cookbook */
	char *title;
	char *pattern;   /* may be NULL */
};

struct start {
	struct example *ex;
	size_t n;
	char *dir;       /* the cookbook found, or NULL */
	struct listnav nav;
	size_t chosen;   /* example being created */
};

static const int start_cmds[] = {
	CMD_DOWN, CMD_UP, CMD_PAGE_DOWN, CMD_PAGE_UP, CMD_FIRST, CMD_LAST, CMD_SELECT, CMD_NONE,
};

static bool is_dir(const char *p)
{
	struct stat sb;
	return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static char *find_cookbook(const struct app_options *opt)
{
	if (opt->cookbook_dir)
		return is_dir(opt->cookbook_dir) ? strdup(opt->cookbook_dir) : NULL;
	const char *cands[] = { OSMO_DATADIR "/cookbook", OSMO_SRCDIR "/share/cookbook" };
	for (size_t i = 0; i < 2; i++)
		if (is_dir(cands[i]))
			return strdup(cands[i]);
	return NULL;
}

static int add_example(struct start *st, const char *dir, const char *rel, const char *title,
		       const char *pattern)
{
	if (st->n >= MAX_EXAMPLES)
		return -1;
	struct example *v = realloc(st->ex, (st->n + 1) * sizeof *v);
	if (!v)
		return -1;
	st->ex = v;
	struct example *e = &st->ex[st->n];
	struct buf p = BUF_INIT;
	buf_printf(&p, "%s/%s", dir, rel);
	e->path = buf_detach(&p);
	e->rel = strdup(rel);
	e->title = strdup(title && *title ? title : rel);
	e->pattern = pattern && *pattern ? strdup(pattern) : NULL;
	st->n++;
	return 0;
}

static const char *scalar(const struct doc_node *m, const char *key)
{
	const struct doc_node *n = doc_resolve(doc_map_get(m, key));
	return n && n->kind == DOC_SCALAR ? n->text : NULL;
}

/* Examples from index.yaml; returns how many were found. */
static size_t load_index(struct start *st)
{
	struct buf p = BUF_INIT;
	buf_printf(&p, "%s/index.yaml", st->dir);
	char *text;
	size_t len;
	struct diag_list diags = { 0 };
	size_t found = 0;
	if (file_read(buf_cstr(&p), 0, &text, &len, NULL, &diags) == 0) {
		struct doc *d = doc_load(text, len, NULL, &diags);
		const struct doc_node *ex = d && d->root ? doc_resolve(doc_map_get(d->root, "examples")) : NULL;
		for (uint32_t i = 0; ex && ex->kind == DOC_SEQ && i < ex->nkids; i++) {
			const struct doc_node *it = doc_resolve(ex->kids[i]);
			const char *rel = scalar(it, "path");
			if (rel && !strstr(rel, "..") && add_example(st, st->dir, rel, scalar(it, "title"),
								       scalar(it, "pattern")) == 0)
				found++;
		}
		doc_free(d);
		free(text);
	}
	diag_free(&diags);
	buf_free(&p);
	return found;
}

/* The first line of the leading comment of a file ("# Title"). */
static void first_comment(const char *path, char *out, size_t cap)
{
	out[0] = '\0';
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	char line[TITLE_MAX + 2];
	for (int i = 0; i < 5 && fgets(line, sizeof line, f); i++) {
		if (line[0] != '#')
			continue;
		char *t = line + 1;
		while (*t == ' ')
			t++;
		t[strcspn(t, "\r\n")] = '\0';
		if (*t) {
			size_t n = strlen(t) < cap - 1 ? strlen(t) : cap - 1;
			memcpy(out, t, n);
			out[n] = '\0';
			break;
		}
	}
	fclose(f);
}

static int cmp_rel(const void *a, const void *b)
{
	return strcmp(((const struct example *)a)->rel, ((const struct example *)b)->rel);
}

static void scan_dir(struct start *st, const char *rel, int depth)
{
	struct buf p = BUF_INIT;
	buf_printf(&p, "%s%s%s", st->dir, *rel ? "/" : "", rel);
	DIR *d = opendir(buf_cstr(&p));
	buf_free(&p);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) && st->n < MAX_EXAMPLES) {
		if (e->d_name[0] == '.')
			continue;
		struct buf r = BUF_INIT;
		buf_printf(&r, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		struct buf full = BUF_INIT;
		buf_printf(&full, "%s/%s", st->dir, buf_cstr(&r));
		size_t nl = strlen(e->d_name);
		if (is_dir(buf_cstr(&full))) {
			if (depth < MAX_SCAN_DEPTH)
				scan_dir(st, buf_cstr(&r), depth + 1);
		} else if (nl > 5 && strcmp(e->d_name + nl - 5, ".yaml") == 0 &&
			   strcmp(buf_cstr(&r), "index.yaml") != 0) {
			char title[TITLE_MAX];
			first_comment(buf_cstr(&full), title, sizeof title);
			add_example(st, st->dir, buf_cstr(&r), title, NULL);
		}
		buf_free(&r);
		buf_free(&full);
	}
	closedir(d);
}

static int start_open(struct view *v, struct app *app)
{
	struct start *st = calloc(1, sizeof *st);
	if (!st)
		return -1;
	v->priv = st;
	st->dir = find_cookbook(app_options(app));
	if (st->dir && load_index(st) == 0) {
		scan_dir(st, "", 0);
		if (st->n)
			qsort(st->ex, st->n, sizeof *st->ex, cmp_rel);
	}
	listnav_set_count(&st->nav, st->n + 1);
	return 0;
}

static void start_close(struct view *v)
{
	struct start *st = v->priv;
	for (size_t i = 0; i < st->n; i++) {
		free(st->ex[i].path);
		free(st->ex[i].rel);
		free(st->ex[i].title);
		free(st->ex[i].pattern);
	}
	free(st->ex);
	free(st->dir);
	free(st);
	v->priv = NULL;
}

#define LIST_TOP 3

static void start_draw(struct view *v, struct app *app, WINDOW *w)
{
	struct start *st = v->priv;
	const struct theme *th = app_theme(app);
	const char *ell = theme_glyph(th, GLYPH_ELLIPSIS);
	int rows = getmaxy(w), cols = getmaxx(w);
	draw_text(w, 0, 1, cols - 2, "Compose an NVIDIA OSMO workflow", theme_attr(th, ROLE_HEADER));
	draw_text(w, 1, 1, cols - 2,
		  st->n ? "Start from a cookbook example (Enter), or open a file."
			: "No cookbook examples were found; open a file.",
		  theme_attr(th, ROLE_DIM));
	int height = rows - LIST_TOP;
	if (height < 1)
		return;
	listnav_scroll(&st->nav, height);
	int title_w = 0;
	for (size_t i = 0; i < st->n; i++) {
		int tw = draw_width(st->ex[i].title, (size_t)-1);
		if (tw > title_w)
			title_w = tw;
	}
	if (title_w > cols / 2)
		title_w = cols / 2;
	for (int y = 0; y < height && st->nav.top + (size_t)y < st->nav.n; y++) {
		size_t i = st->nav.top + (size_t)y;
		bool sel = i == st->nav.sel;
		attr_t sa = theme_attr(th, ROLE_SELECTION);
		int row = LIST_TOP + y;
		if (sel)
			draw_fill(w, row, 0, cols, sa);
		if (i == st->n) {
			draw_text(w, row, 3, cols - 4, "Open a file...", sel ? sa : theme_attr(th, ROLE_KEY));
			continue;
		}
		draw_text_clip(w, row, 3, title_w, st->ex[i].title, ell, sel ? sa : theme_attr(th, ROLE_NORMAL));
		int x = 3 + title_w + 2;
		if (x < cols - 4)
			draw_text_clip(w, row, x, cols - x - 1, st->ex[i].rel, ell, sel ? sa : theme_attr(th, ROLE_DIM));
	}
}

static void start_draw_pane(struct view *v, struct app *app, WINDOW *w)
{
	struct start *st = v->priv;
	const struct theme *th = app_theme(app);
	int cols = getmaxx(w), rows = getmaxy(w);
	chrome_draw_pane_header(app, w, st->nav.sel < st->n ? "Example" : "Open");
	if (rows < 2)
		return;
	if (st->nav.sel >= st->n) {
		draw_text(w, 1, 1, cols - 2, "Open an existing spec file for editing (Tab completes names).",
			  theme_attr(th, ROLE_NORMAL));
		return;
	}
	const struct example *e = &st->ex[st->nav.sel];
	int y = draw_wrapped(w, 1, rows - 1, 1, cols - 2, e->pattern ? e->pattern : e->title,
			     theme_attr(th, ROLE_NORMAL));
	draw_text_clip(w, y, 1, cols - 2, e->rel, theme_glyph(th, GLYPH_ELLIPSIS), theme_attr(th, ROLE_DIM));
}

static void open_done(struct app *app, const char *line, void *ctx)
{
	(void)ctx;
	if (line && *line)
		app_open_file(app, line);
}

static void create_done(struct app *app, const char *line, void *ctx)
{
	struct view *v = ctx;
	struct start *st = v->priv;
	if (!line || !*line || st->chosen >= st->n)
		return;
	const struct example *e = &st->ex[st->chosen];
	char *text;
	size_t len;
	struct diag_list diags = { 0 };
	struct buf msg = BUF_INIT;
	if (file_read(e->path, 0, &text, &len, NULL, &diags) < 0) {
		session_format_diags(&diags, 2, &msg);
		app_message(app, ROLE_ERROR, "Cannot read the example: %s", buf_cstr(&msg));
	} else {
		struct session *s = session_create(line, text, len, &msg);
		free(text);
		if (!s) {
			app_message(app, ROLE_ERROR, "%s", buf_cstr(&msg));
		} else {
			/* this view is closed by app_set_session: say it first */
			app_message(app, ROLE_NORMAL, "Created %s from %s", line, e->rel);
			app_set_session(app, s);
		}
	}
	diag_free(&diags);
	buf_free(&msg);
}

static enum view_result start_command(struct view *v, struct app *app, int cmd, const char *args)
{
	struct start *st = v->priv;
	(void)args;
	if (listnav_command(&st->nav, cmd, app_main_height(app) - LIST_TOP)) {
		app_dirty(app, DIRTY_MAIN | DIRTY_PANE);
		return VIEW_DONE;
	}
	if (cmd != CMD_SELECT)
		return VIEW_PASS;
	if (st->nav.sel >= st->n) {
		app_prompt(app, PROMPT_FILE, "Open: ", NULL, open_done, NULL);
		return VIEW_DONE;
	}
	st->chosen = st->nav.sel;
	const char *want = app_options(app)->file;
	const char *base = strrchr(st->ex[st->chosen].rel, '/');
	struct buf label = BUF_INIT;
	buf_printf(&label, "New file from \"%s\": ", st->ex[st->chosen].title);
	app_prompt(app, PROMPT_FILE, buf_cstr(&label), want ? want : base ? base + 1 : st->ex[st->chosen].rel,
		   create_done, v);
	buf_free(&label);
	return VIEW_DONE;
}

static void start_click(struct view *v, struct app *app, int y)
{
	struct start *st = v->priv;
	if (y >= LIST_TOP)
		listnav_select(&st->nav, st->nav.top + (size_t)(y - LIST_TOP), app_main_height(app) - LIST_TOP);
	app_dirty(app, DIRTY_MAIN | DIRTY_PANE);
}

static const char *start_hint(int cmd)
{
	if (cmd == CMD_SELECT)
		return "open";
	return NULL;
}

const struct view_ops view_start_ops = {
	.name = "start",
	.hint = start_hint,
	.title = "Start",
	.cmds = start_cmds,
	.open = start_open,
	.close = start_close,
	.draw = start_draw,
	.draw_pane = start_draw_pane,
	.command = start_command,
	.click = start_click,
};
