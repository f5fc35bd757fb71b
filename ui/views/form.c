/* form: the fields of one object (the workflow, a task, a group, a
 * resource profile, an input, a file...) as a form generated from the
 * schema table.
 *
 * Every field of the object's schema is a row, present or not; a missing
 * field shows its default greyed. The widget follows the field's type:
 * booleans toggle (Space/Enter), choices cycle (Space) or complete (Enter),
 * text, numbers, durations and quantities edit in the prompt, lists and
 * mappings of strings edit as a flow value ([a, b], {K: v}), multi-line text
 * goes to $EDITOR, nested objects and lists of objects open in the outline.
 * The pane shows the field's doc line, type, default and problems.
 *
 * The object is remembered by an index path ([N], not [name=X]) so that
 * renaming it in the form keeps the form on it.
 */
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "add.h"
#include "chrome.h"
#include "commands.h"
#include "draw.h"
#include "listnav.h"
#include "schema.h"
#include "session.h"
#include "specnav.h"
#include "views.h"
#include "yamlout.h"

#define MAX_ROWS 64

struct form_row {
	const struct schema_field *f;  /* NULL: a key the schema does not know */
	const char *key;
	const struct doc_node *value;  /* NULL: absent */
};

struct form {
	struct buf obj_path;           /* index path of the object */
	enum schema_obj obj;
	const struct doc_node *node;   /* the object (valid until the next change) */
	struct form_row rows[MAX_ROWS];
	struct listnav nav;
	struct add_plan plan;          /* adding the first item of a list field */
};

static const int form_cmds[] = {
	CMD_DOWN, CMD_UP, CMD_PAGE_DOWN, CMD_PAGE_UP, CMD_FIRST, CMD_LAST,
	CMD_SELECT, CMD_EDIT, CMD_TOGGLE, CMD_DELETE, CMD_BACK, CMD_NONE,
};

#define HEADER_ROWS 2

static struct form *priv_of(struct app *app)
{
	struct view *v = app_current_view(app);
	return v && v->ops == &view_form_ops ? v->priv : NULL;
}

/* The path of n with list indices only, so renames do not lose it. */
static void index_path(const struct doc_node *n, struct buf *out)
{
	const struct doc_node *chain[256];
	size_t depth = 0;
	for (const struct doc_node *c = n; c && c->parent && depth < 256; c = c->parent)
		chain[depth++] = c;
	while (depth-- > 0) {
		const struct doc_node *c = chain[depth];
		if (c->key) {
			if (out->len)
				buf_putc(out, '.');
			bool plain = c->key_len > 0 && !strpbrk(c->key, ".[]\"");
			if (plain)
				buf_puts(out, c->key);
			else
				yamlout_double(out, c->key, c->key_len);
		} else {
			uint32_t i = 0;
			while (i < c->parent->nkids && c->parent->kids[i] != c)
				i++;
			buf_printf(out, "[%u]", i);
		}
	}
}

static void build_rows(struct form *fm, struct app *app)
{
	struct session *s = app_session(app);
	struct buf msg = BUF_INIT;
	fm->node = NULL;
	size_t n = 0;
	if (s && session_doc(s)->ok) {
		fm->node = fm->obj_path.len ? session_resolve(s, buf_cstr(&fm->obj_path), &msg)
					    : session_doc(s)->root;
		if (fm->node)
			fm->obj = specnav_of(fm->node).obj;
	}
	buf_free(&msg);
	const struct doc_node *m = doc_resolve(fm->node);
	if (m && m->kind == DOC_MAP && fm->obj != SO_NONE) {
		const struct schema_object *so = schema_object(fm->obj);
		for (size_t i = 0; i < so->nfields && n < MAX_ROWS; i++) {
			fm->rows[n].f = &so->fields[i];
			fm->rows[n].key = so->fields[i].key;
			fm->rows[n].value = doc_map_get(m, so->fields[i].key);
			n++;
		}
		for (uint32_t i = 0; i < m->nkids && n < MAX_ROWS; i++)
			if (m->kids[i]->key && !schema_field(fm->obj, m->kids[i]->key)) {
				fm->rows[n].f = NULL;
				fm->rows[n].key = m->kids[i]->key;
				fm->rows[n].value = m->kids[i];
				n++;
			}
	}
	listnav_set_count(&fm->nav, n);
}

static int form_open(struct view *v, struct app *app)
{
	(void)app;
	v->priv = calloc(1, sizeof(struct form));
	return v->priv ? 0 : -1;
}

static void form_close(struct view *v)
{
	struct form *fm = v->priv;
	buf_free(&fm->obj_path);
	add_plan_free(&fm->plan);
	free(fm);
	v->priv = NULL;
}

/* Show the object holding the outline's selection. */
static void form_enter(struct view *v, struct app *app)
{
	struct form *fm = v->priv;
	const struct doc_node *sel = outline_view_selected(app);
	enum schema_obj obj;
	const struct doc_node *o = sel ? specnav_object_node(sel, &obj) : NULL;
	buf_reset(&fm->obj_path);
	if (o)
		index_path(o, &fm->obj_path);
	fm->nav.sel = fm->nav.top = 0;
	build_rows(fm, app);
	/* start on the selected field when the selection is one */
	for (size_t i = 0; sel && i < fm->nav.n; i++)
		if (fm->rows[i].value == sel)
			listnav_select(&fm->nav, i, app_main_height(app) - HEADER_ROWS);
}

static void form_recalc(struct view *v, struct app *app)
{
	build_rows(v->priv, app);
}

/* --- drawing --- */

/* One line for a value: scalars as written, string lists and maps in flow
 * style, collections of objects by count. */
static void value_text(const struct doc *d, const struct form_row *r, struct buf *out,
		       struct buf *note)
{
	const struct doc_node *v = doc_resolve(r->value);
	if (!v)
		return;
	if (v->kind == DOC_SCALAR) {
		const char *src = d->text + r->value->start;
		size_t len = r->value->end > r->value->start ? r->value->end - r->value->start : 0;
		const char *nl = memchr(v->text, '\n', v->len);
		if (!nl && !memchr(src, '\n', len)) {
			buf_add(out, src, len);
		} else {
			buf_add(out, v->text, nl ? (size_t)(nl - v->text) : v->len);
			size_t lines = 1;
			for (const char *p = v->text; p < v->text + v->len - 1; p++)
				lines += *p == '\n';
			buf_printf(note, "(%zu lines; Enter edits in $EDITOR)", lines);
		}
		return;
	}
	const struct schema_field *f = r->f;
	bool objects = f && (f->type == ST_OBJ || f->item == ST_OBJ);
	if (objects) {
		if (v->kind == DOC_SEQ)
			buf_printf(out, "(%u)", v->nkids);
		else
			buf_printf(out, "{%u fields}", v->nkids);
		buf_puts(note, "Enter shows it in the outline");
		return;
	}
	yamlout_flow_value(out, d->text, v);
}

static void draw_form_row(struct app *app, WINDOW *w, int y, const struct doc *d,
			  const struct form_row *r, int keyw, bool sel, bool err, bool warn)
{
	const struct theme *th = app_theme(app);
	const char *ell = theme_glyph(th, GLYPH_ELLIPSIS);
	int cols = getmaxx(w);
	attr_t sa = theme_attr(th, ROLE_SELECTION);
	if (sel)
		draw_fill(w, y, 0, cols, sa);
	if (err || warn)
		draw_text(w, y, 0, 1, theme_glyph(th, err ? GLYPH_ERROR : GLYPH_WARNING),
			  sel ? sa : theme_attr(th, err ? ROLE_ERROR : ROLE_WARNING));
	draw_text_clip(w, y, 2, keyw, r->key, ell,
		       sel ? sa | A_BOLD : theme_attr(th, r->f ? ROLE_FIELD : ROLE_WARNING));
	int x = 2 + keyw + 2;
	const char *type = r->f ? schema_type_name((enum schema_type)r->f->type) : "not an OSMO field";
	int typew = (int)strlen(type);
	int valw = cols - x - typew - 3;
	struct buf val = BUF_INIT, note = BUF_INIT;
	const struct doc_node *v = doc_resolve(r->value);
	attr_t va = sel ? sa : theme_attr(th, ROLE_VALUE);
	if (r->f && r->f->type == ST_BOOL) {
		bool on = v ? v->kind == DOC_SCALAR && (strcmp(v->text, "true") == 0 || strcmp(v->text, "True") == 0)
			    : r->f->dflt && strcmp(r->f->dflt, "true") == 0;
		buf_printf(&val, "[%s] %s", on ? "x" : " ", on ? "true" : "false");
		if (!v) {
			buf_puts(&note, "(default)");
			va = sel ? sa : theme_attr(th, ROLE_DIM);
		}
	} else if (v) {
		value_text(d, r, &val, &note);
	} else if (r->f && (r->f->flags & SF_REQUIRED)) {
		buf_puts(&val, "missing (required)");
		va = sel ? sa : theme_attr(th, ROLE_ERROR);
	} else {
		buf_puts(&val, r->f && r->f->dflt ? r->f->dflt : "-");
		buf_puts(&note, r->f && r->f->dflt ? "(default)" : "(not set)");
		va = sel ? sa : theme_attr(th, ROLE_DIM);
	}
	if (r->f && r->f->type == ST_ENUM && r->f->allowed) {
		buf_puts(&note, note.len ? " " : "");
		for (const char *const *a = r->f->allowed; *a; a++)
			buf_printf(&note, "%s%s", a == r->f->allowed ? "one of: " : " | ", *a);
	}
	if (valw > 0) {
		int used = draw_text_clip(w, y, x, valw, buf_cstr(&val), ell, va);
		if (note.len && used + 3 < valw)
			draw_text_clip(w, y, x + used + 2, valw - used - 2, buf_cstr(&note), ell,
				       sel ? sa : theme_attr(th, ROLE_DIM));
	}
	if (cols - typew - 1 > x)
		draw_text(w, y, cols - typew - 1, typew, type, sel ? sa : theme_attr(th, ROLE_DIM));
	buf_free(&val);
	buf_free(&note);
}

/* Problems of severity at least warning inside the row's value. */
static void row_marks(const struct session *s, const struct form_row *r, bool *err, bool *warn)
{
	*err = *warn = false;
	if (!r->value)
		return;
	uint32_t start = r->value->key_start ? r->value->key_start : r->value->item_start;
	for (size_t i = 0; i < session_ndiags(s); i++) {
		const struct diag *d = session_diag(s, i);
		if (d->offset == DIAG_NO_OFFSET || d->offset < start || d->offset >= r->value->end + 1)
			continue;
		if (d->severity == DIAG_ERROR)
			*err = true;
		else
			*warn = true;
	}
}

static void form_draw(struct view *v, struct app *app, WINDOW *w)
{
	struct form *fm = v->priv;
	const struct theme *th = app_theme(app);
	struct session *s = app_session(app);
	int rows = getmaxy(w), cols = getmaxx(w);
	if (!s || !fm->node || fm->nav.n == 0) {
		draw_text(w, 1, 2, cols - 4, !s ? "No file is open." :
			  "Nothing to show: select a task, group or other object in the outline first.",
			  theme_attr(th, ROLE_DIM));
		return;
	}
	const struct schema_object *so = schema_object(fm->obj);
	struct buf title = BUF_INIT;
	buf_puts(&title, so->name);
	const struct doc_node *nm = doc_resolve(doc_map_get(fm->node, "name"));
	if (nm && nm->kind == DOC_SCALAR)
		buf_printf(&title, " %s", nm->text);
	else if (fm->node->key)
		buf_printf(&title, " %s", fm->node->key);
	int x = 1 + draw_text(w, 0, 1, cols - 2, buf_cstr(&title), theme_attr(th, ROLE_HEADER));
	if (so->doc && x + 4 < cols)
		draw_text_clip(w, 0, x + 2, cols - x - 3, so->doc, theme_glyph(th, GLYPH_ELLIPSIS),
			       theme_attr(th, ROLE_DIM));
	buf_free(&title);
	int keyw = 4;
	for (size_t i = 0; i < fm->nav.n; i++) {
		int kw = draw_width(fm->rows[i].key, (size_t)-1);
		if (kw > keyw)
			keyw = kw;
	}
	if (keyw > cols / 3)
		keyw = cols / 3;
	int height = rows - HEADER_ROWS;
	listnav_scroll(&fm->nav, height);
	for (int y = 0; y < height && fm->nav.top + (size_t)y < fm->nav.n; y++) {
		size_t i = fm->nav.top + (size_t)y;
		bool err, warn;
		row_marks(s, &fm->rows[i], &err, &warn);
		draw_form_row(app, w, HEADER_ROWS + y, session_doc(s), &fm->rows[i], keyw, i == fm->nav.sel,
			      err, warn);
	}
}

static void form_draw_pane(struct view *v, struct app *app, WINDOW *w)
{
	struct form *fm = v->priv;
	const struct theme *th = app_theme(app);
	struct session *s = app_session(app);
	int rows = getmaxy(w), cols = getmaxx(w);
	chrome_draw_pane_header(app, w, "Field");
	if (!s || fm->nav.n == 0)
		return;
	const struct form_row *r = &fm->rows[fm->nav.sel];
	const struct schema_field *f = r->f;
	struct buf line = BUF_INIT;
	if (f) {
		buf_printf(&line, "%s: %s", r->key, schema_type_name((enum schema_type)f->type));
		if (f->type == ST_LIST || f->type == ST_MAP)
			buf_printf(&line, " of %s", f->item == ST_OBJ ? schema_object((enum schema_obj)f->obj)->name
								 : schema_type_name((enum schema_type)f->item));
		if (f->flags & SF_REQUIRED)
			buf_puts(&line, ", required");
		if (f->dflt)
			buf_printf(&line, ", default %s", f->dflt);
		if (f->flags & SF_TOKENS)
			buf_puts(&line, ", special tokens allowed");
	} else {
		buf_printf(&line, "%s: OSMO has no such field here", r->key);
	}
	draw_text(w, 1, 1, cols - 2, buf_cstr(&line), theme_attr(th, ROLE_FIELD));
	int y = draw_wrapped(w, 2, rows, 1, cols - 2, f && f->doc ? f->doc : "", theme_attr(th, ROLE_NORMAL));
	uint32_t start = r->value ? (r->value->key_start ? r->value->key_start : r->value->item_start) : 0;
	for (size_t i = 0; r->value && i < session_ndiags(s) && y < rows; i++) {
		const struct diag *d = session_diag(s, i);
		if (d->offset != DIAG_NO_OFFSET && d->offset >= start && d->offset <= r->value->end)
			chrome_draw_diag(app, w, y++, d, false);
	}
	buf_free(&line);
}

/* --- editing --- */

static void field_path(const struct form *fm, const struct form_row *r, struct buf *out)
{
	buf_puts(out, buf_cstr(&fm->obj_path));
	if (out->len)
		buf_putc(out, '.');
	if (strpbrk(r->key, ".[]\"") || !*r->key)
		yamlout_double(out, r->key, strlen(r->key));
	else
		buf_puts(out, r->key);
}

static bool string_like(const struct schema_field *f)
{
	return f && (f->type == ST_STR || f->type == ST_CREDENTIAL);
}

static void report(struct app *app, int rc, const struct buf *msg, const char *key)
{
	if (rc < 0) {
		app_message(app, ROLE_ERROR, "Not changed: %s", buf_cstr(msg));
	} else {
		app_data_changed(app);
		app_message(app, ROLE_NORMAL, "Set %s (u undoes)", key);
	}
}

static void prompt_done(struct app *app, const char *line, void *ctx)
{
	struct form *fm = priv_of(app);
	struct session *s = app_session(app);
	(void)ctx;
	if (!line || !fm || !s || fm->nav.n == 0)
		return;
	const struct form_row *r = &fm->rows[fm->nav.sel];
	bool as_string = string_like(r->f);
	struct buf msg = BUF_INIT, path = BUF_INIT, yaml = BUF_INIT, item = BUF_INIT;
	int rc;
	if (r->f && r->f->type == ST_LIST && r->f->item == ST_STR && line[0] != '[') {
		/* one word for a list of strings: a list of that one string */
		buf_putc(&item, '[');
		session_quote(line, &item);
		buf_putc(&item, ']');
		line = buf_cstr(&item);
	}
	if (r->value) {
		field_path(fm, r, &path);
		rc = session_set_value(s, buf_cstr(&path), line, as_string, &msg);
	} else {
		if (as_string)
			session_quote(line, &yaml);
		else
			buf_puts(&yaml, line);
		struct buf label = BUF_INIT;
		buf_printf(&label, "set %s", r->key);
		rc = session_put(s, buf_cstr(&fm->obj_path), r->key, buf_cstr(&yaml), buf_cstr(&label), NULL, &msg);
		buf_free(&label);
	}
	report(app, rc, &msg, r->key);
	buf_free(&msg);
	buf_free(&path);
	buf_free(&yaml);
	buf_free(&item);
}

static void add_first_done(struct app *app, const char *line, void *ctx)
{
	struct form *fm = priv_of(app);
	(void)ctx;
	if (!line || !*line || !fm || !app_session(app))
		return;
	struct buf msg = BUF_INIT;
	int rc = add_apply(app_session(app), &fm->plan, line, NULL, &msg);
	report(app, rc, &msg, fm->plan.field_key);
	buf_free(&msg);
}

/* Set a boolean to the opposite of what it is (or of its default). */
static void toggle_bool(struct form *fm, struct app *app, const struct form_row *r)
{
	const struct doc_node *v = doc_resolve(r->value);
	bool on = v ? v->kind == DOC_SCALAR && strcmp(v->text, "true") == 0
		    : r->f->dflt && strcmp(r->f->dflt, "true") == 0;
	struct buf msg = BUF_INIT, path = BUF_INIT, label = BUF_INIT;
	int rc;
	if (r->value) {
		field_path(fm, r, &path);
		rc = session_set_value(app_session(app), buf_cstr(&path), on ? "false" : "true", false, &msg);
	} else {
		buf_printf(&label, "set %s", r->key);
		rc = session_put(app_session(app), buf_cstr(&fm->obj_path), r->key, on ? "false" : "true",
				 buf_cstr(&label), NULL, &msg);
	}
	report(app, rc, &msg, r->key);
	buf_free(&msg);
	buf_free(&path);
	buf_free(&label);
}

/* Space on a choice: the next allowed value. */
static void cycle_enum(struct form *fm, struct app *app, const struct form_row *r)
{
	const struct doc_node *v = doc_resolve(r->value);
	const char *const *a = r->f->allowed;
	size_t n = 0, at = 0;
	while (a[n])
		n++;
	for (size_t i = 0; v && v->kind == DOC_SCALAR && i < n; i++)
		if (strcmp(a[i], v->text) == 0)
			at = i + 1;
	if (n == 0)
		return;
	prompt_done(app, a[at % n], NULL);
	(void)fm;
}

/* Enter / e: the right editor for the field's type. */
static void edit_row(struct form *fm, struct app *app, bool toggles)
{
	const struct form_row *r = &fm->rows[fm->nav.sel];
	const struct schema_field *f = r->f;
	const struct doc_node *v = doc_resolve(r->value);
	struct session *s = app_session(app);
	if (toggles && f && f->type == ST_BOOL) {
		toggle_bool(fm, app, r);
		return;
	}
	bool objects = f && (f->type == ST_OBJ || f->item == ST_OBJ);
	if (objects && r->value) {
		outline_view_reveal(app, r->value->key_start ? r->value->key_start : r->value->start);
		return;
	}
	if (objects) {
		struct buf msg = BUF_INIT;
		add_plan_free(&fm->plan);
		if (add_plan_field(fm->node, r->key, &fm->plan, &msg) < 0)
			app_message(app, ROLE_WARNING, "%s", buf_cstr(&msg));
		else
			app_prompt(app, PROMPT_VALUE, fm->plan.label, NULL, add_first_done, NULL);
		buf_free(&msg);
		return;
	}
	if (v && v->kind == DOC_SCALAR && (memchr(v->text, '\n', v->len) || (f && (f->flags & SF_MULTILINE)))) {
		struct buf path = BUF_INIT;
		field_path(fm, r, &path);
		act_edit_in_editor(app, buf_cstr(&path));
		buf_free(&path);
		return;
	}
	struct buf init = BUF_INIT, label = BUF_INIT;
	if (v && v->kind == DOC_SCALAR && string_like(f))
		buf_add(&init, v->text, v->len);
	else if (v && v->kind == DOC_SCALAR)
		buf_add(&init, session_doc(s)->text + r->value->start, r->value->end - r->value->start);
	else if (v)
		yamlout_flow_value(&init, session_doc(s)->text, v);
	buf_printf(&label, "%s: ", r->key);
	app_prompt(app, PROMPT_VALUE, buf_cstr(&label), buf_cstr(&init), prompt_done, NULL);
	buf_free(&init);
	buf_free(&label);
}

static enum view_result form_command(struct view *v, struct app *app, int cmd, const char *args)
{
	struct form *fm = v->priv;
	(void)args;
	if (listnav_command(&fm->nav, cmd, app_main_height(app) - HEADER_ROWS)) {
		app_dirty(app, DIRTY_MAIN | DIRTY_PANE);
		return VIEW_DONE;
	}
	if (cmd == CMD_BACK) {
		app_back(app);
		return VIEW_DONE;
	}
	if (fm->nav.n == 0 || !app_session(app))
		return VIEW_DONE;
	const struct form_row *r = &fm->rows[fm->nav.sel];
	if ((cmd == CMD_SELECT || cmd == CMD_EDIT || cmd == CMD_TOGGLE || cmd == CMD_DELETE) &&
	    app_options(app)->readonly) {
		app_message(app, ROLE_ERROR, "Read-only: started with --readonly");
		return VIEW_DONE;
	}
	if (cmd == CMD_TOGGLE && r->f && r->f->type == ST_ENUM && r->f->allowed) {
		cycle_enum(fm, app, r);
	} else if (cmd == CMD_TOGGLE && r->f && r->f->type == ST_BOOL) {
		toggle_bool(fm, app, r);
	} else if (cmd == CMD_SELECT || cmd == CMD_EDIT) {
		edit_row(fm, app, cmd == CMD_SELECT);
	} else if (cmd == CMD_DELETE) {
		if (!r->value) {
			app_message(app, ROLE_WARNING, "%s is not set", r->key);
			return VIEW_DONE;
		}
		struct buf path = BUF_INIT, msg = BUF_INIT;
		field_path(fm, r, &path);
		int rc = session_remove(app_session(app), buf_cstr(&path), &msg);
		if (rc < 0) {
			app_message(app, ROLE_ERROR, "Not changed: %s", buf_cstr(&msg));
		} else {
			app_data_changed(app);
			app_message(app, ROLE_NORMAL, "Removed %s (u undoes)", r->key);
		}
		buf_free(&path);
		buf_free(&msg);
	}
	return VIEW_DONE;
}

static size_t form_complete(struct view *v, struct app *app, const char *word, struct buf *out)
{
	struct form *fm = v->priv;
	(void)app;
	return fm->nav.n ? specnav_values(fm->rows[fm->nav.sel].f, word, out) : 0;
}

static void form_click(struct view *v, struct app *app, int y)
{
	struct form *fm = v->priv;
	if (y >= HEADER_ROWS)
		listnav_select(&fm->nav, fm->nav.top + (size_t)(y - HEADER_ROWS), app_main_height(app) - HEADER_ROWS);
	app_dirty(app, DIRTY_MAIN | DIRTY_PANE);
}

static const char *form_hint(int cmd)
{
	if (cmd == CMD_SELECT)
		return "edit";
	if (cmd == CMD_TOGGLE)
		return "toggle";
	if (cmd == CMD_EDIT)
		return "";      /* Enter says it */
	return NULL;
}

const struct view_ops view_form_ops = {
	.name = "form",
	.hint = form_hint,
	.title = "Form",
	.cmds = form_cmds,
	.open = form_open,
	.close = form_close,
	.enter = form_enter,
	.recalc = form_recalc,
	.draw = form_draw,
	.draw_pane = form_draw_pane,
	.command = form_command,
	.complete = form_complete,
	.click = form_click,
};
