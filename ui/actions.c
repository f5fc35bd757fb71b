/* actions: global command handlers (see actions.h).
 *
 * Every handler changes state through the app and the session and leaves
 * drawing to the loop. Questions (unsaved changes, file changed on disk,
 * overwrite) are asked with app_ask(); their answers continue here.
 */
#include "actions.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "edit.h"
#include "editor.h"
#include "outline.h"
#include "session.h"
#include "similar.h"
#include "views/views.h"

#define SAVE_PATH_MAX 4096

static struct session *need_session(struct app *app)
{
	struct session *s = app_session(app);
	if (!s)
		app_message(app, ROLE_ERROR, "No file is open (:open FILE, or pick one on the start screen)");
	return s;
}

void act_help(struct app *app, const char *args)
{
	(void)args;
	struct view *v = app_current_view(app);
	if (!v || strcmp(v->ops->name, "help") != 0)
		app_show_view(app, "help");
}

void act_prompt(struct app *app, const char *args)
{
	(void)args;
	app_command_prompt(app, NULL);
}

/* --- saving and quitting --- */

struct save_req {
	char path[SAVE_PATH_MAX];   /* "" = the session's own file */
	bool then_quit;
};

static struct save_req pending;

static void overwrite_answer(struct app *app, int answer, void *ctx);

/* Save as `pending` says; asks before overwriting a file that changed. */
static void do_save(struct app *app, bool force)
{
	struct session *s = app_session(app);
	struct buf msg = BUF_INIT;
	enum session_save_result r = session_save(s, pending.path[0] ? pending.path : NULL, force, &msg);
	if (r == SAVE_CHANGED_ON_DISK) {
		struct buf q = BUF_INIT;
		buf_printf(&q, "%s. Overwrite it? (y/N)", buf_cstr(&msg));
		app_ask(app, buf_cstr(&q), "ny", overwrite_answer, NULL);
		buf_free(&q);
	} else if (r == SAVE_ERROR) {
		app_message(app, ROLE_ERROR, "Not saved: %s", buf_cstr(&msg));
	} else {
		app_message(app, ROLE_NORMAL, "Wrote %s (%zu bytes)", session_path(s), session_doc(s)->len);
		app_dirty(app, DIRTY_TITLE);
		if (pending.then_quit)
			app_quit(app, 0);
	}
	buf_free(&msg);
}

static void overwrite_answer(struct app *app, int answer, void *ctx)
{
	(void)ctx;
	if (answer == 'y')
		do_save(app, true);
	else
		app_message(app, ROLE_WARNING, "Not saved");
}

static void save(struct app *app, const char *path, bool then_quit)
{
	snprintf(pending.path, sizeof pending.path, "%s", path ? path : "");
	pending.then_quit = then_quit;
	do_save(app, false);
}

void act_write(struct app *app, const char *args)
{
	if (need_session(app))
		save(app, args, false);
}

void act_write_quit(struct app *app, const char *args)
{
	(void)args;
	if (need_session(app))
		save(app, NULL, true);
}

static void quit_answer(struct app *app, int answer, void *ctx)
{
	(void)ctx;
	if (answer == 'y')
		save(app, NULL, true);
	else if (answer == 'n')
		app_quit(app, 0);
	else
		app_message(app, ROLE_NORMAL, "Quit cancelled");
}

void act_quit(struct app *app, const char *args)
{
	(void)args;
	struct session *s = app_session(app);
	if (s && session_modified(s)) {
		struct buf q = BUF_INIT;
		buf_printf(&q, "%s has unsaved changes. Save them? (y)es, (n)o, (c)ancel", session_path(s));
		app_ask(app, buf_cstr(&q), "ync", quit_answer, NULL);
		buf_free(&q);
		return;
	}
	app_quit(app, 0);
}

void act_quit_force(struct app *app, const char *args)
{
	(void)args;
	app_quit(app, 0);
}

/* --- screen --- */

void act_redraw(struct app *app, const char *args)
{
	(void)args;
	app_dirty(app, DIRTY_LAYOUT);
}

void act_suspend(struct app *app, const char *args)
{
	(void)args;
	app_suspend(app);
}

void act_pane(struct app *app, const char *args)
{
	(void)args;
	app_toggle_pane(app);
}

void act_screendump(struct app *app, const char *args)
{
	app_request_dump(app, args);
}

/* --- files --- */

void act_open(struct app *app, const char *args)
{
	struct session *s = app_session(app);
	if (s && session_modified(s)) {
		app_message(app, ROLE_ERROR, "%s has unsaved changes: :w to save them, :q! to discard",
			    session_path(s));
		return;
	}
	app_open_file(app, args);
}

/* Apply text from the editor to the whole document. */
static void apply_file_edit(struct app *app, struct session *s, struct editor_result *r)
{
	struct doc *d = session_doc(s);
	struct buf msg = BUF_INIT;
	bool keep = false;
	if (r->status != 0) {
		app_message(app, ROLE_ERROR, "The editor exited with status %d; nothing changed (your copy: %s)",
			    r->status, r->path);
		keep = true;
	} else if (r->len == d->len && memcmp(r->text, d->text, d->len) == 0) {
		app_message(app, ROLE_NORMAL, "No changes");
	} else if (session_replace_text(s, r->text, r->len, &msg) < 0) {
		app_message(app, ROLE_ERROR, "Not applied, it does not parse: %s. Your copy: %s",
			    buf_cstr(&msg), r->path);
		keep = true;
	} else {
		app_data_changed(app);
		app_message(app, ROLE_NORMAL, "Applied the changes from the editor (u undoes)");
	}
	buf_free(&msg);
	editor_done(r, keep);
}

void act_editor(struct app *app, const char *args)
{
	(void)args;
	struct session *s = need_session(app);
	if (!s)
		return;
	struct doc *d = session_doc(s);
	struct editor_result r;
	struct buf msg = BUF_INIT;
	if (editor_run(session_path(s), d->text, d->len, &r, &msg) < 0)
		app_message(app, ROLE_ERROR, "Editor: %s", buf_cstr(&msg));
	else
		apply_file_edit(app, s, &r);
	buf_free(&msg);
	app_dirty(app, DIRTY_LAYOUT);
}

void act_edit_in_editor(struct app *app, const char *path)
{
	struct session *s = need_session(app);
	if (!s)
		return;
	struct buf msg = BUF_INIT;
	const struct doc_node *n = doc_resolve(session_resolve(s, path, &msg));
	if (!n || n->kind != DOC_SCALAR) {
		app_message(app, ROLE_ERROR, "%s", n ? "only text values can be edited in $EDITOR" : buf_cstr(&msg));
		buf_free(&msg);
		return;
	}
	const char *dot = strrchr(path, '.');
	struct buf name = BUF_INIT;
	buf_printf(&name, "%s.txt", dot && dot[1] && !strchr(dot, '/') ? dot + 1 : "value");
	struct editor_result r;
	char *old = strndup(n->text, n->len);
	if (old && editor_run(buf_cstr(&name), old, n->len, &r, &msg) == 0) {
		bool keep = false;
		if (r.status != 0) {
			app_message(app, ROLE_ERROR, "The editor exited with status %d; nothing changed", r.status);
		} else if (r.len == n->len && memcmp(r.text, old, r.len) == 0) {
			app_message(app, ROLE_NORMAL, "No changes");
		} else if (memchr(r.text, '\0', r.len)) {
			app_message(app, ROLE_ERROR, "The text holds a NUL byte; not applied (your copy: %s)", r.path);
			keep = true;
		} else if (session_set_value(s, path, r.text, true, &msg) < 0) {
			app_message(app, ROLE_ERROR, "Not applied: %s (your copy: %s)", buf_cstr(&msg), r.path);
			keep = true;
		} else {
			app_data_changed(app);
			app_message(app, ROLE_NORMAL, "Set %s from the editor (u undoes)", path);
		}
		editor_done(&r, keep);
	} else if (old) {
		app_message(app, ROLE_ERROR, "Editor: %s", buf_cstr(&msg));
	}
	free(old);
	buf_free(&name);
	buf_free(&msg);
	app_dirty(app, DIRTY_LAYOUT);
}

/* --- editing --- */

static void undo_redo(struct app *app, bool redo)
{
	struct session *s = need_session(app);
	if (!s)
		return;
	const char *label = redo ? edit_redo_label(session_journal(s)) : edit_undo_label(session_journal(s));
	char *what = label ? strdup(label) : NULL;
	struct buf msg = BUF_INIT;
	int rc = redo ? session_redo(s, &msg) : session_undo(s, &msg);
	if (rc == 1)
		app_message(app, ROLE_WARNING, "Nothing to %s", redo ? "redo" : "undo");
	else if (rc < 0)
		app_message(app, ROLE_ERROR, "Cannot %s: %s", redo ? "redo" : "undo", buf_cstr(&msg));
	else {
		app_data_changed(app);
		app_message(app, ROLE_NORMAL, "%s: %s", redo ? "Redone" : "Undone", what ? what : "change");
	}
	free(what);
	buf_free(&msg);
}

void act_undo(struct app *app, const char *args)
{
	(void)args;
	undo_redo(app, false);
}

void act_redo(struct app *app, const char *args)
{
	(void)args;
	undo_redo(app, true);
}

void act_set(struct app *app, const char *args)
{
	struct session *s = need_session(app);
	if (!s)
		return;
	struct buf msg = BUF_INIT;
	if (session_set(s, args, &msg) < 0) {
		app_message(app, ROLE_ERROR, "Not changed: %s", buf_cstr(&msg));
	} else {
		app_data_changed(app);
		app_message(app, ROLE_NORMAL, "Set %s (u undoes)", args);
	}
	buf_free(&msg);
}

/* --- views and navigation --- */

void act_view(struct app *app, const char *args)
{
	if (strcmp(args, "help") == 0)
		act_help(app, "");
	else if (strcmp(args, "outline") == 0)
		act_view_outline(app, "");
	else
		app_show_view(app, args);
}

void act_view_outline(struct app *app, const char *args)
{
	(void)args;
	if (need_session(app))
		app_show_view(app, "outline");
}

void act_view_form(struct app *app, const char *args)
{
	(void)args;
	if (need_session(app))
		app_show_view(app, "form");
}

void act_view_problems(struct app *app, const char *args)
{
	(void)args;
	app_show_view(app, "problems");
}

void act_back(struct app *app, const char *args)
{
	(void)args;
	struct view *v = app_current_view(app);
	/* the outline and the start screen are home: nothing behind them */
	if (v && strcmp(v->ops->name, "outline") != 0 && strcmp(v->ops->name, "start") != 0)
		app_back(app);
}

/* Is name close to what was typed (a typo, or one contains the other)? */
static bool near_name(const char *name, const char *typed)
{
	size_t d = similar_distance(name, typed);
	return strstr(name, typed) || strstr(typed, name) ||
	       (d != SIMILAR_FAR && d <= similar_limit(strlen(typed)));
}

void act_goto(struct app *app, const char *args)
{
	struct session *s = need_session(app);
	if (!s)
		return;
	struct doc *d = session_doc(s);
	const struct doc_node *n = outline_find_name(d, args);
	if (n) {
		outline_view_reveal(app, n->item_start < n->start ? n->item_start : n->start);
		return;
	}
	struct buf names = BUF_INIT;
	size_t count = outline_names(d, "", &names);
	struct buf near = BUF_INIT;
	size_t shown = 0;
	for (char *line = names.data, *nl; line && count && (nl = strchr(line, '\n')); line = nl + 1) {
		*nl = '\0';
		if (shown < 8 && near_name(line, args)) {
			buf_printf(&near, "%s%s", shown ? ", " : "", line);
			shown++;
		}
	}
	if (shown)
		app_message(app, ROLE_ERROR, "No task, group or profile named '%s'; did you mean %s?", args,
			    buf_cstr(&near));
	else
		app_message(app, ROLE_ERROR, "No task, group or profile named '%s' (Tab completes names)",
			    args);
	buf_free(&names);
	buf_free(&near);
}

static void step_problem(struct app *app, bool backward)
{
	struct session *s = need_session(app);
	if (!s)
		return;
	size_t n = session_ndiags(s), found = (size_t)-1, positioned = 0;
	const struct doc_node *sel = outline_view_selected(app);
	uint32_t here = sel ? (sel->item_start < sel->start ? sel->item_start : sel->start) : 0;
	for (size_t i = 0; i < n; i++) {
		const struct diag *d = session_diag(s, backward ? n - 1 - i : i);
		if (d->offset == DIAG_NO_OFFSET)
			continue;
		positioned++;
		if (found == (size_t)-1 && (backward ? d->offset < here : d->offset > here))
			found = backward ? n - 1 - i : i;
	}
	if (positioned == 0) {
		app_message(app, ROLE_OK, "No problems");
		return;
	}
	if (found == (size_t)-1)   /* wrap around */
		for (size_t i = 0; i < n && found == (size_t)-1; i++) {
			size_t k = backward ? n - 1 - i : i;
			if (session_diag(s, k)->offset != DIAG_NO_OFFSET)
				found = k;
		}
	const struct diag *d = session_diag(s, found);
	outline_view_reveal(app, d->offset);
	app_message(app, d->severity == DIAG_ERROR ? ROLE_ERROR : ROLE_WARNING, "%zu/%zu %d:%d %s",
		    found + 1, n, d->line, d->col, d->message ? d->message : "");
}

void act_next_problem(struct app *app, const char *args)
{
	(void)args;
	step_problem(app, false);
}

void act_prev_problem(struct app *app, const char *args)
{
	(void)args;
	step_problem(app, true);
}
