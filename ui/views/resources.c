/* resources: the resource profiles of the spec, what uses them and whether
 * it fits the pool.
 *
 * One row per profile (the implicit `default` of a spec without
 * resources:, and names tasks ask for that nothing defines, in red) with
 * its cpu, gpu, memory, storage and platform as written, the number of
 * tasks using it and, with a pool file, whether such a task fits a node.
 * Under the list: the selected profile's tasks and, per group holding one
 * of them, the group's gang totals (src/plan.h) and its placement. The
 * pane lists every field of the profile from the schema table; Enter opens
 * the profile in the form view to edit them. a creates a profile, R
 * renames one (every task's resource: follows), D duplicates, d deletes
 * (offering to move the tasks that use it to another profile). Each edit
 * is one undo step (ui/profiles.c).
 */
#include <stdlib.h>
#include <string.h>

#include "chrome.h"
#include "commands.h"
#include "draw.h"
#include "listnav.h"
#include "outline.h"
#include "profiles.h"
#include "schema.h"
#include "session.h"
#include "views.h"

#define HEADER_ROWS 2
#define MAX_GROUP_ROWS 64

struct res_view {
	struct profiles pr;
	bool built;
	struct buf why;            /* why there is no list */
	struct listnav nav;
	char *sel_name;            /* the selection, kept across edits by name */
	char *pending;             /* the profile a question is about */
};

static const int res_cmds[] = {
	CMD_DOWN, CMD_UP, CMD_PAGE_DOWN, CMD_PAGE_UP, CMD_FIRST, CMD_LAST, CMD_SELECT,
	CMD_ADD, CMD_RENAME, CMD_DUPLICATE, CMD_DELETE, CMD_BACK, CMD_NONE,
};

static struct res_view *priv_of(struct app *app)
{
	struct view *v = app_current_view(app);
	return v && v->ops == &view_resources_ops ? v->priv : NULL;
}

static const struct profile_row *selected(const struct res_view *rv)
{
	return rv->built && rv->nav.n ? &rv->pr.rows[rv->nav.sel] : NULL;
}

/* Rows of the list part of the main window. */
static int list_height(struct app *app, const struct res_view *rv)
{
	int h = app_main_height(app) - HEADER_ROWS;
	int want = (int)rv->nav.n;
	/* leave room under the list for the selected profile's groups */
	int room = h - (h / 2 > 4 ? h / 2 : 4);
	return want < room ? want : room > 1 ? room : 1;
}

static void select_name(struct res_view *rv, struct app *app, const char *name)
{
	for (size_t i = 0; name && i < rv->pr.n; i++)
		if (strcmp(rv->pr.rows[i].name, name) == 0)
			listnav_select(&rv->nav, i, list_height(app, rv));
	free(rv->sel_name);
	const struct profile_row *r = selected(rv);
	rv->sel_name = r ? strdup(r->name) : NULL;
}

static int res_open(struct view *v, struct app *app)
{
	(void)app;
	v->priv = calloc(1, sizeof(struct res_view));
	return v->priv ? 0 : -1;
}

static void res_close(struct view *v)
{
	struct res_view *rv = v->priv;
	profiles_free(&rv->pr);
	buf_free(&rv->why);
	free(rv->sel_name);
	free(rv->pending);
	free(rv);
	v->priv = NULL;
}

static void res_recalc(struct view *v, struct app *app)
{
	struct res_view *rv = v->priv;
	struct session *s = app_session(app);
	profiles_free(&rv->pr);
	buf_reset(&rv->why);
	rv->built = s && profiles_build(&rv->pr, s, session_pool_file(s), &rv->why) == 0;
	if (!s)
		buf_puts(&rv->why, "no file is open");
	listnav_set_count(&rv->nav, rv->built ? rv->pr.n : 0);
	char *keep = rv->sel_name ? strdup(rv->sel_name) : NULL;
	select_name(rv, app, keep);
	free(keep);
}

/* --- drawing --- */

/* The text of field key of profile p as written ("-" when not set). */
static void field_text(const struct session *s, const struct profile_row *r, const char *key, struct buf *out)
{
	const struct doc_node *v = r->p && r->p->node ? doc_resolve(spec_field(r->p->node, key)) : NULL;
	(void)s;
	if (!v)
		buf_puts(out, "-");
	else if (v->kind == DOC_SCALAR)
		buf_add(out, v->text, v->len);
	else
		buf_printf(out, "(%u)", v->nkids);
}

static bool has_problem(const struct session *s, const struct profile_row *r, bool *err)
{
	const struct doc_node *n = r->p ? r->p->node : NULL;
	*err = r->kind == PROFILE_UNDEFINED;
	bool any = *err;
	uint32_t start = n ? (n->key_start ? n->key_start : n->start) : 0;
	for (size_t i = 0; n && i < session_ndiags(s); i++) {
		const struct diag *d = session_diag(s, i);
		if (d->offset == DIAG_NO_OFFSET || d->offset < start || d->offset > n->end)
			continue;
		any = true;
		*err = *err || d->severity == DIAG_ERROR;
	}
	return any;
}

/* The placement of a task using r: "fits", "too big", ... ("-" without a pool). */
static const char *task_fit(const struct res_view *rv, const struct profile_row *r)
{
	const struct plan *pl = rv->pr.plan;
	if (!pl->pool)
		return "-";
	if (!r->ntasks)
		return "unused";
	const struct plan_task *pt = &pl->tasks[r->tasks[0]->index];
	const struct plan_platform *pp = pt->platform < pl->nplatforms ? &pl->platforms[pt->platform] : NULL;
	if (pp && pp->nodes == 0)
		return "no nodes";
	return pt->fits_node ? "fits" : "too big";
}

static const char *const columns[] = { "cpu", "gpu", "memory", "storage", "platform" };
static const int column_w[] = { 5, 4, 8, 8, 12 };
#define NCOLUMNS (sizeof columns / sizeof columns[0])

static void draw_profile_row(struct res_view *rv, struct app *app, WINDOW *w, int y, size_t i, bool sel)
{
	const struct theme *th = app_theme(app);
	const struct profile_row *r = &rv->pr.rows[i];
	struct session *s = app_session(app);
	int cols = getmaxx(w);
	attr_t sa = theme_attr(th, ROLE_SELECTION), na = sel ? sa : theme_attr(th, ROLE_NORMAL);
	const char *ell = theme_glyph(th, GLYPH_ELLIPSIS);
	if (sel)
		draw_fill(w, y, 0, cols, sa);
	bool err;
	if (has_problem(s, r, &err))
		draw_text(w, y, 0, 1, theme_glyph(th, err ? GLYPH_ERROR : GLYPH_WARNING),
			  sel ? sa : theme_attr(th, err ? ROLE_ERROR : ROLE_WARNING));
	draw_text_clip(w, y, 2, 16, r->name, ell, sel ? sa | A_BOLD : theme_attr(th, ROLE_FIELD));
	int x = 19;
	struct buf t = BUF_INIT;
	for (size_t c = 0; c < NCOLUMNS && x < cols; c++) {
		buf_reset(&t);
		if (r->kind == PROFILE_DEFINED)
			field_text(s, r, columns[c], &t);
		else
			buf_puts(&t, c ? "" : r->kind == PROFILE_IMPLICIT ? "(OSMO's defaults)" : "(not defined)");
		int cw = c == 0 && r->kind != PROFILE_DEFINED ? 37 : column_w[c];
		draw_text_clip(w, y, x, cw - 1 < cols - x ? cw - 1 : cols - x, buf_cstr(&t), ell,
			       r->kind == PROFILE_UNDEFINED && !sel ? theme_attr(th, ROLE_ERROR) : na);
		x += cw;
	}
	buf_reset(&t);
	buf_printf(&t, "%5zu", r->ntasks);
	x = 56;
	if (x + 6 < cols)
		draw_text(w, y, x, 6, buf_cstr(&t), na);
	if (x + 7 < cols && rv->pr.plan->pool)
		draw_text_clip(w, y, x + 7, cols - x - 8, task_fit(rv, r), ell, na);
	buf_free(&t);
}

/* A plan_demand as "cpu gpu memory storage" cells at x. */
static void draw_demand(struct app *app, WINDOW *w, int y, int x, const struct plan_demand *d, attr_t a)
{
	struct buf t = BUF_INIT;
	int cols = getmaxx(w);
	buf_printf(&t, "%5.0f %4.0f ", d->cpu, d->gpu);
	struct buf mem = BUF_INIT, sto = BUF_INIT;
	plan_format_bytes(d->memory, &mem);
	plan_format_bytes(d->storage, &sto);
	buf_printf(&t, "%7s %7s", buf_cstr(&mem), buf_cstr(&sto));
	if (x < cols)
		draw_text(w, y, x, cols - x, buf_cstr(&t), a);
	(void)app;
	buf_free(&t);
	buf_free(&mem);
	buf_free(&sto);
}

/* "on platform P: N nodes, the largest 4 cpu, 0 gpu, 16Gi memory, 100Gi storage" */
static void platform_text(const struct plan *pl, uint32_t i, struct buf *out)
{
	const struct plan_platform *pp = i < pl->nplatforms ? &pl->platforms[i] : NULL;
	if (!pp || !pp->name) {
		buf_puts(out, "no platform: the profile names none and the pool has no default_platform");
		return;
	}
	buf_printf(out, "on platform %s: ", pp->name);
	if (!pp->pool) {
		buf_puts(out, "not in the pool");
		return;
	}
	buf_printf(out, "%ld node%s", pp->nodes, pp->nodes == 1 ? "" : "s");
	if (pp->largest) {
		struct buf mem = BUF_INIT, sto = BUF_INIT;
		plan_format_bytes(pp->largest->memory, &mem);
		plan_format_bytes(pp->largest->storage, &sto);
		buf_printf(out, ", the largest %lld cpu, %lld gpu, %s memory, %s storage", pp->largest->cpu,
			   pp->largest->gpu, buf_cstr(&mem), buf_cstr(&sto));
		buf_free(&mem);
		buf_free(&sto);
	}
}

/* The selected profile's tasks and their groups' gang totals, from row y. */
static void draw_users(struct res_view *rv, struct app *app, WINDOW *w, int y)
{
	const struct theme *th = app_theme(app);
	const struct profile_row *r = selected(rv);
	const struct plan *pl = rv->pr.plan;
	int rows = getmaxy(w), cols = getmaxx(w);
	const char *ell = theme_glyph(th, GLYPH_ELLIPSIS);
	if (!r || y >= rows)
		return;
	struct buf t = BUF_INIT;
	buf_printf(&t, "%s: used by %zu task%s", r->name, r->ntasks, r->ntasks == 1 ? "" : "s");
	for (size_t i = 0; i < r->ntasks && i < 8; i++)
		buf_printf(&t, "%s%s", i ? ", " : ": ", r->tasks[i]->name);
	if (r->ntasks > 8)
		buf_puts(&t, ", ...");
	draw_text_clip(w, y++, 1, cols - 2, buf_cstr(&t), ell, theme_attr(th, ROLE_HEADER));
	if (!r->ntasks || y >= rows) {
		buf_free(&t);
		return;
	}
	buf_reset(&t);
	buf_printf(&t, "%-20s %5s %5s %4s %7s %7s  %s", "group (gang totals)", "tasks", "cpu", "gpu", "memory",
		   "storage", pl->pool ? "pool fit" : "");
	draw_text(w, y++, 3, cols - 4, buf_cstr(&t), theme_attr(th, ROLE_DIM));
	/* each group holding a user once, in spec order */
	uint32_t last = GRAPH_NONE;
	for (size_t i = 0; i < r->ntasks && y < rows; i++) {
		uint32_t g = specgraph_node_of(rv->pr.sg, r->tasks[i]);
		if (g == last || g >= rv->pr.spec->ngroups)
			continue;
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = specgraph_node_of(rv->pr.sg, r->tasks[k]) == g;
		last = g;
		if (seen)
			continue;
		const struct plan_group *pg = &pl->groups[g];
		if (y + 1 >= rows && pl->pool)
			break;      /* keep the last row for the platform */
		bool bad = pl->pool && pg->fit >= PLAN_FIT_NEVER;
		attr_t a = theme_attr(th, bad ? ROLE_ERROR : ROLE_NORMAL);
		draw_text_clip(w, y, 3, 20, specgraph_group_label(pg->group), ell, a);
		buf_reset(&t);
		buf_printf(&t, "%5zu", pg->group->ntasks);
		draw_text(w, y, 24, 6, buf_cstr(&t), a);
		draw_demand(app, w, y, 30, &pg->demand, a);
		if (pl->pool && 58 < cols)
			draw_text_clip(w, y, 58, cols - 59, profiles_fit_text(pg->fit), ell, a);
		y++;
	}
	if (pl->pool && y < rows) {
		buf_reset(&t);
		platform_text(pl, pl->tasks[r->tasks[0]->index].platform, &t);
		draw_text_clip(w, y, 3, cols - 4, buf_cstr(&t), ell, theme_attr(th, ROLE_DIM));
	}
	buf_free(&t);
}

static void res_draw(struct view *v, struct app *app, WINDOW *w)
{
	struct res_view *rv = v->priv;
	const struct theme *th = app_theme(app);
	int cols = getmaxx(w);
	const char *ell = theme_glyph(th, GLYPH_ELLIPSIS);
	if (!rv->built) {
		draw_text(w, 0, 1, cols - 2, "Resource profiles: nothing to show", theme_attr(th, ROLE_HEADER));
		draw_text_clip(w, 1, 2, cols - 3, buf_cstr(&rv->why), ell, theme_attr(th, ROLE_ERROR));
		return;
	}
	const struct pool *pool = rv->pr.plan->pool;
	struct buf t = BUF_INIT;
	buf_printf(&t, "Resource profiles (%zu)%s", rv->pr.n, rv->pr.rendered ? "  rendered template, read-only" : "");
	int x = 1 + draw_text(w, 0, 1, cols - 2, buf_cstr(&t), theme_attr(th, ROLE_HEADER));
	buf_reset(&t);
	if (pool)
		buf_printf(&t, "pool file: %s", pool->name && *pool->name ? pool->name : "(unnamed pool)");
	else
		buf_puts(&t, "no pool file (--pool-file F, or pool-file in the config)");
	if (x + 4 < cols)
		draw_text_clip(w, 0, x + 3, cols - x - 4, buf_cstr(&t), ell, theme_attr(th, ROLE_DIM));
	buf_reset(&t);
	buf_printf(&t, "%-16s %-4s %-3s %-7s %-7s %-11s %5s  %s", "profile", "cpu", "gpu", "memory", "storage",
		   "platform", "tasks", pool ? "fit" : "");
	draw_text(w, 1, 2, cols - 3, buf_cstr(&t), theme_attr(th, ROLE_DIM));
	buf_free(&t);
	int h = list_height(app, rv);
	listnav_scroll(&rv->nav, h);
	int y = HEADER_ROWS;
	for (size_t i = rv->nav.top; i < rv->nav.n && y < HEADER_ROWS + h; i++, y++)
		draw_profile_row(rv, app, w, y, i, i == rv->nav.sel);
	draw_users(rv, app, w, y + 1);
}

/* The pane: every field of the profile, from the schema table. */
static void res_draw_pane(struct view *v, struct app *app, WINDOW *w)
{
	struct res_view *rv = v->priv;
	const struct profile_row *r = selected(rv);
	const struct theme *th = app_theme(app);
	int rows = getmaxy(w), cols = getmaxx(w);
	if (!r) {
		chrome_draw_default_pane(app, w);
		return;
	}
	struct buf t = BUF_INIT;
	buf_printf(&t, "Profile %s", r->name);
	chrome_draw_pane_header(app, w, buf_cstr(&t));
	if (r->kind != PROFILE_DEFINED) {
		draw_wrapped(w, 1, rows, 1, cols - 2, r->kind == PROFILE_IMPLICIT ?
			     "The spec has no resources: key, so every task gets OSMO's defaults "
			     "(or the pool's). a adds a profile." :
			     "Tasks ask for this profile but workflow.resources does not define it. "
			     "a adds it.", theme_attr(th, r->kind == PROFILE_IMPLICIT ? ROLE_DIM : ROLE_ERROR));
		buf_free(&t);
		return;
	}
	const struct schema_object *so = schema_object(SO_RESOURCE);
	int colw = cols / 2 > 30 ? cols / 2 : cols;
	for (size_t i = 0; i < so->nfields; i++) {
		int y = 1 + (int)(colw < cols ? i / 2 : i), x = colw < cols ? 1 + (int)(i % 2) * colw : 1;
		if (y >= rows)
			break;
		buf_reset(&t);
		field_text(app_session(app), r, so->fields[i].key, &t);
		int kx = x + draw_text(w, y, x, 16, so->fields[i].key, theme_attr(th, ROLE_FIELD));
		draw_text_clip(w, y, kx + 2, colw - (kx - x) - 4, buf_cstr(&t), theme_glyph(th, GLYPH_ELLIPSIS),
			       theme_attr(th, t.len == 1 && t.data[0] == '-' ? ROLE_DIM : ROLE_VALUE));
	}
	buf_free(&t);
}

/* --- commands --- */

/* Say how an edit went; a successful one selects the profile named sel. */
static void report(struct app *app, struct res_view *rv, int rc, struct buf *msg, const char *done,
		   const char *sel)
{
	if (rc < 0) {
		app_message(app, ROLE_ERROR, "Not changed: %s", buf_cstr(msg));
		return;
	}
	app_data_changed(app);
	app_message(app, ROLE_NORMAL, "%s (u undoes)", done);
	if (sel) {
		free(rv->sel_name);
		rv->sel_name = strdup(sel);
	}
}

static void create_done(struct app *app, const char *line, void *ctx)
{
	struct res_view *rv = priv_of(app);
	struct buf msg = BUF_INIT, done = BUF_INIT;
	(void)ctx;
	if (!line || !*line || !rv)
		return;
	int rc = profiles_create(app_session(app), line, &msg);
	buf_printf(&done, "Added profile %s", line);
	report(app, rv, rc, &msg, buf_cstr(&done), line);
	buf_free(&msg);
	buf_free(&done);
}

/* Rename from (an owned string: the rows' names die with the edit). */
static void rename_to(struct app *app, struct res_view *rv, const char *from, const char *to)
{
	struct buf msg = BUF_INIT, done = BUF_INIT;
	const struct profile_row *r = profiles_find(&rv->pr, from);
	buf_printf(&done, "Renamed profile %s to %s", from, to);
	if (r && r->ntasks)
		buf_printf(&done, " and its %zu task%s", r->ntasks, r->ntasks == 1 ? "" : "s");
	int rc = profiles_rename(app_session(app), from, to, &msg);
	report(app, rv, rc, &msg, buf_cstr(&done), to);
	buf_free(&msg);
	buf_free(&done);
}

static void rename_done(struct app *app, const char *line, void *ctx)
{
	struct res_view *rv = priv_of(app);
	(void)ctx;
	if (line && *line && rv && rv->pending)
		rename_to(app, rv, rv->pending, line);
}

static void reassign_done(struct app *app, const char *line, void *ctx)
{
	struct res_view *rv = priv_of(app);
	struct buf msg = BUF_INIT, done = BUF_INIT;
	(void)ctx;
	if (!line || !*line || !rv || !rv->pending)
		return;
	int rc = profiles_delete(app_session(app), rv->pending, line, &msg);
	buf_printf(&done, "Deleted profile %s; its tasks use %s now", rv->pending, line);
	report(app, rv, rc, &msg, buf_cstr(&done), NULL);
	buf_free(&msg);
	buf_free(&done);
}

static void delete_answer(struct app *app, int answer, void *ctx)
{
	struct res_view *rv = priv_of(app);
	(void)ctx;
	if (answer != 'r' || !rv || !rv->pending) {
		app_message(app, ROLE_NORMAL, "Not deleted");
		return;
	}
	struct buf label = BUF_INIT;
	buf_printf(&label, "Move the tasks of %s to profile: ", rv->pending);
	app_prompt(app, PROMPT_VALUE, buf_cstr(&label), NULL, reassign_done, NULL);
	buf_free(&label);
}

static void delete_selected(struct res_view *rv, struct app *app, const struct profile_row *r)
{
	struct buf msg = BUF_INIT;
	if (r->kind == PROFILE_DEFINED && r->ntasks) {
		buf_printf(&msg, "%zu task%s use%s %s: (r)eassign them to another profile, or (c)ancel?", r->ntasks,
			   r->ntasks == 1 ? "" : "s", r->ntasks == 1 ? "s" : "", r->name);
		app_ask(app, buf_cstr(&msg), "cr", delete_answer, NULL);
	} else {
		struct buf done = BUF_INIT;
		buf_printf(&done, "Deleted profile %s", rv->pending);
		int rc = profiles_delete(app_session(app), rv->pending, NULL, &msg);
		report(app, rv, rc, &msg, buf_cstr(&done), NULL);
		buf_free(&done);
	}
	buf_free(&msg);
}

static void open_form(struct app *app, const struct res_view *rv, const struct profile_row *r)
{
	if (r->kind != PROFILE_DEFINED || !r->p->node) {
		app_message(app, ROLE_WARNING, "%s", r->kind == PROFILE_IMPLICIT ?
			    "default is implicit: the spec has no resources: (a adds a profile)" :
			    "This profile is not defined: a adds it");
		return;
	}
	/* a rendered template's nodes are not the file's: find it by name */
	const struct doc_node *n = rv->pr.rendered ? outline_find_name(session_doc(app_session(app)), r->name)
						   : r->p->node;
	if (!n) {
		app_message(app, ROLE_WARNING, "%s is made by the template; edit the template in the outline",
			    r->name);
		return;
	}
	if (outline_view_reveal(app, n->key_start ? n->key_start : n->start) == 0 &&
	    app_show_view(app, "form") == 0)
		app_set_back(app, "resources");
}

static enum view_result res_command(struct view *v, struct app *app, int cmd, const char *args)
{
	struct res_view *rv = v->priv;
	if (listnav_command(&rv->nav, cmd, list_height(app, rv))) {
		select_name(rv, app, NULL);
		app_dirty(app, DIRTY_MAIN | DIRTY_PANE);
		return VIEW_DONE;
	}
	if (cmd == CMD_BACK) {
		app_back(app);
		return VIEW_DONE;
	}
	const struct profile_row *r = selected(rv);
	if (!rv->built) {
		app_message(app, ROLE_WARNING, "No profiles: %s", buf_cstr(&rv->why));
		return VIEW_DONE;
	}
	if (rv->pr.rendered && cmd != CMD_SELECT) {
		app_message(app, ROLE_WARNING, "This spec is a template: edit its resources in the outline");
		return VIEW_DONE;
	}
	free(rv->pending);
	rv->pending = r ? strdup(r->name) : NULL;
	if (r && !rv->pending) {
		app_message(app, ROLE_ERROR, "out of memory");
		return VIEW_DONE;
	}
	struct buf msg = BUF_INIT, name = BUF_INIT, done = BUF_INIT;
	if (cmd == CMD_ADD) {
		app_prompt(app, PROMPT_VALUE, "New resource profile name: ",
			   r && r->kind == PROFILE_UNDEFINED ? r->name : NULL, create_done, NULL);
	} else if (!r) {
		app_message(app, ROLE_WARNING, "No profile is selected");
	} else if (cmd == CMD_SELECT) {
		open_form(app, rv, r);
	} else if (r->kind != PROFILE_DEFINED) {
		app_message(app, ROLE_WARNING, "Not changed: %s", r->kind == PROFILE_IMPLICIT ?
			    "default is implicit (the spec has no resources:); a adds a profile" :
			    "this profile is not defined; a adds it");
	} else if (cmd == CMD_RENAME && *args) {
		rename_to(app, rv, rv->pending, args);
	} else if (cmd == CMD_RENAME) {
		struct buf label = BUF_INIT;
		buf_printf(&label, "Rename profile %s to: ", r->name);
		app_prompt(app, PROMPT_VALUE, buf_cstr(&label), r->name, rename_done, NULL);
		buf_free(&label);
	} else if (cmd == CMD_DUPLICATE) {
		int rc = profiles_duplicate(app_session(app), rv->pending, &name, &msg);
		buf_printf(&done, "Copied profile %s to %s", rv->pending, buf_cstr(&name));
		report(app, rv, rc, &msg, buf_cstr(&done), buf_cstr(&name));
	} else if (cmd == CMD_DELETE) {
		delete_selected(rv, app, r);
	}
	buf_free(&msg);
	buf_free(&name);
	buf_free(&done);
	return VIEW_DONE;
}

/* Tab at the reassign prompt: the other profiles. */
static size_t res_complete(struct view *v, struct app *app, const char *word, struct buf *out)
{
	struct res_view *rv = v->priv;
	size_t n = 0, len = strlen(word);
	(void)app;
	for (size_t i = 0; rv->built && i < rv->pr.n; i++) {
		const struct profile_row *r = &rv->pr.rows[i];
		if (r->kind == PROFILE_DEFINED && strncmp(r->name, word, len) == 0 &&
		    (!rv->pending || strcmp(r->name, rv->pending) != 0)) {
			buf_printf(out, "%s\n", r->name);
			n++;
		}
	}
	return n;
}

static const char *res_hint(int cmd)
{
	if (cmd == CMD_SELECT)
		return "form";
	return NULL;
}

const struct view_ops view_resources_ops = {
	.name = "resources",
	.title = "Resources",
	.cmds = res_cmds,
	.hint = res_hint,
	.open = res_open,
	.close = res_close,
	.recalc = res_recalc,
	.draw = res_draw,
	.draw_pane = res_draw_pane,
	.command = res_command,
	.complete = res_complete,
};
