/* Unit tests of the data behind the cookbook browser (cbrows), the
 * template preview (tpreview), the session's template values and the
 * autosave policy and the outline's rows and fold state: everything but
 * the drawing, without a terminal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "autosave.h"
#include "cbrows.h"
#include "commands.h"
#include "edit.h"
#include "outline.h"
#include "path.h"
#include "keys.h"
#include "recovery.h"
#include "session.h"
#include "specdraw.h"
#include "tpreview.h"

static char tmp[256];

static int setup(void **state)
{
	(void)state;
	snprintf(tmp, sizeof tmp, "%s/osmo-views-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	return mkdtemp(tmp) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	return system(cmd);
}

static const char *data(const char *rel)
{
	static char p[4][1024];
	static int k;
	const char *src = getenv("top_srcdir");
	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/tests/ui/data/%s", src ? src : ".", rel);
	return p[k];
}

static const char *scratch(const char *rel)
{
	static char p[4][512];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/%s", tmp, rel);
	return p[k];
}

static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "r"), *out = fopen(to, "w");
	assert_non_null(in);
	assert_non_null(out);
	int c;
	while ((c = fgetc(in)) != EOF)
		fputc(c, out);
	fclose(in);
	fclose(out);
}

/* --- cbrows --- */

static void test_cbrows(void **state)
{
	(void)state;
	struct cbrows r;
	const char *more = data("more");
	assert_int_equal(cbrows_load(&r, data(""), &more, 1, true), 0);
	assert_int_equal(r.cb->n, 4);
	assert_int_equal(r.nwarnings, 0);
	/* basics (2), more (etl), more/ml (train_eval), then Open */
	assert_int_equal(r.n, 3 + 2 + 2 + 1);
	enum cbrow_kind want[] = { CBROW_GROUP, CBROW_ENTRY, CBROW_ENTRY, CBROW_GROUP, CBROW_ENTRY,
				   CBROW_GROUP, CBROW_ENTRY, CBROW_OPEN };
	for (size_t i = 0; i < r.n; i++)
		assert_int_equal(r.v[i].kind, want[i]);
	struct buf label = BUF_INIT;
	cbrows_group_label(&r, r.v[0].entry, &label);
	assert_string_equal(buf_cstr(&label), "basics");
	buf_reset(&label);
	cbrows_group_label(&r, r.v[5].entry, &label);
	assert_string_equal(buf_cstr(&label) + strlen(buf_cstr(&label)) - strlen("more/ml"), "more/ml");
	buf_free(&label);
	assert_string_equal(cbrows_entry(&r, 6)->name, "ml/train_eval");
	assert_null(cbrows_entry(&r, 5));
	/* settling skips headers in the direction of movement */
	assert_int_equal(cbrows_settle(&r, 0, +1), 1);
	assert_int_equal(cbrows_settle(&r, 3, +1), 4);
	assert_int_equal(cbrows_settle(&r, 3, -1), 2);
	assert_int_equal(cbrows_settle(&r, 99, +1), 7);
	/* filters: every word, any case, over name, title, pattern, folder */
	assert_int_equal(cbrows_filter(&r, "TEMPLATE"), 1);
	assert_string_equal(cbrows_entry(&r, 1)->name, "etl");
	assert_int_equal(cbrows_filter(&r, "groups first"), 1);
	assert_int_equal(cbrows_filter(&r, "ml"), 1);
	assert_int_equal(r.n, 3);   /* header, the example, Open */
	assert_int_equal(cbrows_filter(&r, "no such words"), 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(cbrows_settle(&r, 0, +1), 0);
	assert_int_equal(cbrows_filter(&r, ""), 4);
	assert_null(r.filter);
	cbrows_free(&r);

	/* a folder that cannot be read is a warning, not a failure */
	const char *bad = "/nonexistent/osmo-cookbook";
	assert_int_equal(cbrows_load(&r, NULL, &bad, 1, false), 0);
	assert_int_equal(r.n, 0);
	assert_true(r.nwarnings >= 1);
	assert_true(r.warning.len > 0);
	cbrows_free(&r);
}

static void test_specdraw(void **state)
{
	(void)state;
	const char *spec = "workflow:\n  name: x\n  tasks:\n  - name: a\n    image: alpine\n"
			   "    command: [true]\n  - name: b\n    image: alpine\n    command: [true]\n"
			   "    inputs:\n    - task: a\n";
	struct buf out = BUF_INIT, why = BUF_INIT;
	assert_int_equal(specdraw_text(spec, strlen(spec), true, 20, &out, &why), 0);
	assert_non_null(strstr(buf_cstr(&out), "| a |"));
	assert_non_null(strstr(buf_cstr(&out), "v"));
	assert_null(strchr(buf_cstr(&out), '\xe2'));   /* ASCII only */
	buf_reset(&out);
	assert_int_equal(specdraw_text("a: [", 4, false, 20, &out, &why), -1);
	assert_true(why.len > 0);
	assert_int_equal(out.len, 0);
	buf_free(&out);
	buf_free(&why);
}

/* --- the session's values and the preview --- */

static void test_tpreview(void **state)
{
	(void)state;
	struct buf msg = BUF_INIT;
	struct session *s = session_open(data("tmpl.yaml"), &msg);
	assert_non_null(s);
	struct tpreview p;
	memset(&p, 0, sizeof p);
	assert_true(tpreview_update(&p, s));
	assert_false(tpreview_update(&p, s));    /* nothing changed: nothing done */
	assert_true(p.templated);
	assert_true(p.ok);
	assert_int_equal(p.nvars, 4);
	assert_string_equal(p.vars[1].name, "workers");
	assert_string_equal(p.vars[1].def, "2");
	assert_int_equal(p.vars[1].def_line, 20);
	assert_null(p.vars[1].value);
	assert_int_equal(p.workflow_line, 2);
	size_t lines2 = p.rr.nlines;
	/* rendered line 5 ("- name: worker-0") comes from template line 6 */
	assert_int_equal(tpreview_source_line(&p, 5), 6);
	assert_int_equal(tpreview_rendered_line(&p, 6), 5);
	assert_int_equal(tpreview_rendered_line(&p, 999), 0);

	unsigned g = session_values_generation(s);
	assert_int_equal(session_let(s, "workers", "3", &msg), 0);
	assert_true(session_values_generation(s) != g);
	assert_string_equal(session_value_of(s, "workers"), "3");
	assert_true(tpreview_update(&p, s));
	assert_int_equal(p.rr.nlines, lines2 + 4);   /* one more worker: 4 more lines */
	assert_string_equal(tpreview_var(&p, "workers")->value, "3");

	/* a render error keeps the last good rendering, marked stale */
	assert_int_equal(session_let(s, "mode", "debug", &msg), 0);
	assert_true(tpreview_update(&p, s));
	assert_false(p.ok);
	assert_true(p.stale);
	assert_int_equal(p.error_line, 13);
	assert_non_null(strstr(p.errors.v[0].message, "debug_flags"));
	assert_int_equal(p.rr.nlines, lines2 + 4);
	/* the checks see the same values */
	session_revalidate(s);
	assert_int_equal(session_count(s, DIAG_ERROR), 1);
	assert_int_equal(session_diag(s, 0)->line, 13);

	/* dropping the overrides renders with the defaults again */
	assert_int_equal(session_let(s, "mode", NULL, &msg), 0);
	assert_int_equal(session_let(s, "workers", NULL, &msg), 0);
	assert_null(session_value_of(s, "workers"));
	assert_true(tpreview_update(&p, s));
	assert_true(p.ok);
	assert_false(p.stale);
	assert_int_equal(p.rr.nlines, lines2);
	session_revalidate(s);
	assert_int_equal(session_count(s, DIAG_ERROR), 0);

	/* a name only overridden is a variable too; a bad name is refused */
	assert_int_equal(session_let(s, "extra", "1", &msg), 0);
	assert_true(tpreview_update(&p, s));
	assert_int_equal(p.nvars, 5);
	assert_null(tpreview_var(&p, "extra")->def);
	assert_int_equal(session_let(s, "", "1", &msg), -1);
	assert_true(msg.len > 0);
	tpreview_free(&p);
	session_free(s);

	/* a plain spec renders (unchanged) too */
	s = session_open(data("pipeline.yaml"), &msg);
	assert_non_null(s);
	memset(&p, 0, sizeof p);
	assert_true(tpreview_update(&p, s));
	assert_false(p.templated);
	assert_true(p.ok);
	assert_int_equal(p.nvars, 0);
	assert_int_equal(tpreview_source_line(&p, 1), 3);   /* the comment lines are not rendered */
	tpreview_free(&p);
	session_free(s);
	buf_free(&msg);
}

/* --- autosave --- */

static bool has_copy(const char *rdir, const char *path, const char *needle)
{
	char *text;
	size_t len;
	struct diag_list dl = { 0 };
	int rc = recovery_read(rdir, path, &text, &len, &dl);
	diag_free(&dl);
	bool ok = rc == 1 && (!needle || strstr(text, needle));
	free(text);
	return ok;
}

static void test_autosave(void **state)
{
	(void)state;
	const char *path = scratch("p.yaml");
	copy_file(data("pipeline.yaml"), path);
	const char *rdir = scratch("recovery");
	struct buf msg = BUF_INIT;
	struct session *s = session_open(path, &msg);
	assert_non_null(s);
	struct autosave a;
	autosave_init(&a, rdir, 1000);
	assert_int_equal(autosave_tick(&a, s, 0), -1);         /* nothing unsaved */
	assert_int_equal(session_set(s, "workflow.name=one", &msg), 0);
	assert_int_equal(autosave_tick(&a, s, 100), 1001);     /* due 1000 ms after the change */
	assert_int_equal(autosave_tick(&a, s, 600), 501);
	assert_int_equal(autosave_tick(&a, s, 1200), 0);
	assert_int_equal(autosave_idle(&a, s, &msg), 1);
	assert_true(has_copy(rdir, path, "name: one"));
	assert_int_equal(autosave_tick(&a, s, 1300), -1);      /* the copy is current */
	assert_int_equal(autosave_idle(&a, s, &msg), 0);
	/* saving removes the copy */
	assert_int_equal(session_save(s, NULL, false, &msg), SAVE_OK);
	assert_int_equal(autosave_tick(&a, s, 1400), -1);
	assert_false(has_copy(rdir, path, NULL));
	/* undoing back to the file as saved removes it too */
	assert_int_equal(session_set(s, "workflow.name=two", &msg), 0);
	autosave_tick(&a, s, 2000);
	assert_int_equal(autosave_idle(&a, s, &msg), 1);
	assert_true(has_copy(rdir, path, "name: two"));
	assert_int_equal(session_undo(s, &msg), 0);
	assert_int_equal(autosave_tick(&a, s, 2100), -1);
	assert_false(has_copy(rdir, path, NULL));
	/* a clean quit removes it */
	assert_int_equal(session_set(s, "workflow.name=three", &msg), 0);
	autosave_tick(&a, s, 3000);
	autosave_idle(&a, s, &msg);
	assert_true(has_copy(rdir, path, "name: three"));
	autosave_quit(&a);
	assert_false(has_copy(rdir, path, NULL));
	autosave_free(&a);

	/* found at start: a copy equal to the file is dropped, another kept */
	struct diag_list dl = { 0 };
	char *text;
	size_t len;
	autosave_init(&a, rdir, 1000);
	assert_int_equal(recovery_write(rdir, path, "workflow: {}\n", 13, &dl), 0);
	assert_int_equal(autosave_find(&a, path, &text, &len, &msg), 1);
	assert_string_equal(text, "workflow: {}\n");
	free(text);
	/* held: never written or removed in this run */
	autosave_hold(&a, path);
	assert_int_equal(session_set(s, "workflow.name=four", &msg), 0);
	assert_int_equal(autosave_tick(&a, s, 5000), -1);
	assert_int_equal(autosave_idle(&a, s, &msg), 0);
	autosave_quit(&a);
	assert_true(has_copy(rdir, path, "workflow: {}"));
	/* a copy that is the file as on disk is no news */
	struct session *disk = session_open(path, &msg);
	const struct doc *d = session_doc(disk);
	assert_int_equal(recovery_write(rdir, path, d->text, d->len, &dl), 0);
	assert_int_equal(autosave_find(&a, path, &text, &len, &msg), 0);
	assert_null(text);
	assert_false(has_copy(rdir, path, NULL));
	session_free(disk);
	/* off: no folder, or no delay */
	autosave_free(&a);
	autosave_init(&a, NULL, 1000);
	assert_int_equal(autosave_tick(&a, s, 6000), -1);
	assert_int_equal(autosave_idle(&a, s, &msg), 0);
	autosave_free(&a);
	autosave_init(&a, rdir, 0);
	assert_int_equal(autosave_tick(&a, s, 6000), -1);
	autosave_free(&a);
	diag_free(&dl);
	session_free(s);
	buf_free(&msg);
}

/* A recovery folder that cannot be made: the write fails once, then waits
 * for the next change instead of retrying on every key. */
static void test_autosave_failure(void **state)
{
	(void)state;
	const char *path = scratch("q.yaml");
	copy_file(data("pipeline.yaml"), path);
	FILE *f = fopen(scratch("blocker"), "w");
	assert_non_null(f);
	fclose(f);
	struct buf msg = BUF_INIT;
	struct session *s = session_open(path, &msg);
	struct autosave a;
	autosave_init(&a, scratch("blocker/recovery"), 10);
	assert_int_equal(session_set(s, "workflow.name=x", &msg), 0);
	autosave_tick(&a, s, 0);
	assert_int_equal(autosave_idle(&a, s, &msg), -1);
	assert_non_null(strstr(buf_cstr(&msg), "recovery folder"));
	assert_int_equal(autosave_tick(&a, s, 100), -1);   /* not retried */
	assert_int_equal(session_set(s, "workflow.name=y", &msg), 0);
	assert_int_equal(autosave_tick(&a, s, 200), 11);  /* a new change: due again */
	autosave_free(&a);
	session_free(s);
	buf_free(&msg);
}

/* "view:KEY" bindings: the key means the command only in views that
 * handle it, and wins there over the key's global command. */
static void test_view_keys(void **state)
{
	(void)state;
	assert_int_equal(cmd_keymap_init(), 0);
	const int cookbook[] = { CMD_DOWN, CMD_NEW, CMD_SCROLL_DOWN, CMD_NONE };
	const int outline[] = { CMD_DOWN, CMD_SEARCH_NEXT, CMD_NONE };
	assert_int_equal(cmd_for_key_in('n', cookbook), CMD_NEW);
	assert_int_equal(cmd_for_key_in('n', outline), CMD_SEARCH_NEXT);
	assert_int_equal(cmd_for_key_in('n', NULL), CMD_SEARCH_NEXT);
	assert_int_equal(cmd_for_key('n'), CMD_SEARCH_NEXT);
	assert_int_equal(cmd_for_key_in(KEYS_CTRL('d'), cookbook), CMD_SCROLL_DOWN);
	assert_int_equal(cmd_for_key_in(KEYS_CTRL('d'), outline), CMD_NONE);
	assert_int_equal(cmd_for_key_in('j', cookbook), CMD_DOWN);   /* globals still apply */
	int keys[CMD_MAX_KEYS];
	assert_int_equal(cmd_keys(CMD_NEW, keys, CMD_MAX_KEYS), 1);
	assert_int_equal(keys[0], 'n');
	struct buf b = BUF_INIT;
	cmd_keys_label(CMD_SCROLL_UP, ", ", &b);
	assert_string_equal(buf_cstr(&b), "Ctrl-U");
	buf_free(&b);
	struct key_event ev;
	assert_int_equal(keys_parse_one("<idle>x", 7, &ev), 6);   /* the autosave's idle, scripted */
	assert_int_equal(ev.kind, KEV_IDLE);
	const char *args;
	assert_int_equal(cmd_parse("view cookbook", &args), CMD_VIEW_COOKBOOK);
	assert_int_equal(cmd_parse("let workers=3", &args), CMD_LET);
	assert_string_equal(args, "workers=3");
}

static const struct doc_node *node_at(struct doc *d, const char *path)
{
	struct path p;
	const char *em;
	size_t ep;
	assert_int_equal(path_parse(path, &p, &em, &ep), 0);
	const struct doc_node *n = path_resolve(d->root, &p, NULL, NULL);
	path_free(&p);
	assert_non_null(n);
	return n;
}

/* Whether the row of the node at path is unfolded. */
static bool row_open(struct outline *o, struct doc *d, const char *path)
{
	size_t r = outline_row_of(o, node_at(d, path));
	assert_true(r != (size_t)-1);
	return (o->rows[r].flags & ROW_OPEN) != 0;
}

static void set_open(struct outline *o, struct doc *d, const char *path, bool open)
{
	size_t r = outline_row_of(o, node_at(d, path));
	assert_true(r != (size_t)-1);
	outline_set_open(o, r, open);
	assert_int_equal(outline_build(o, d), 0);
}

/* Fold state follows names across edits, also when a rebuild takes an
 * unchanged node's fold hash from the previous rows: a renamed task is a
 * new path, and unnamed items are folded by position. */
static void test_outline_folds_follow_edits(void **state)
{
	(void)state;
	const char *text = "workflow:\n"
			   "  name: w\n"
			   "  tasks:\n"
			   "  - name: a\n    image: x\n    args: [1]\n"
			   "  - name: b\n    image: x\n    args: [1]\n"
			   "  - name: c\n    image: x\n    args: [1]\n"
			   "  files:\n"
			   "  - {path: p0, contents: x}\n"
			   "  - {path: p1, contents: x}\n";
	struct diag_list dl = { 0 };
	struct doc *d = doc_load(text, strlen(text), NULL, &dl);
	assert_true(d && d->ok);
	struct outline o;
	outline_init(&o);
	assert_int_equal(outline_build(&o, d), 0);
	assert_false(row_open(&o, d, "workflow.tasks[1]"));
	set_open(&o, d, "workflow.tasks[1]", true);
	set_open(&o, d, "workflow.files", true);
	set_open(&o, d, "workflow.files[1]", true);
	assert_true(row_open(&o, d, "workflow.tasks[1]"));
	assert_false(row_open(&o, d, "workflow.tasks[2]"));
	/* an edit inside b and one before it: b stays open */
	assert_int_equal(edit_set_yaml(d, node_at(d, "workflow.tasks[1].image"), "y", &dl), 0);
	assert_int_equal(outline_build(&o, d), 0);
	assert_true(row_open(&o, d, "workflow.tasks[name=b]"));
	assert_int_equal(edit_seq_insert(d, node_at(d, "workflow.tasks"), 0, "{name: z, image: x, args: [1]}",
					 &dl), 0);
	assert_int_equal(outline_build(&o, d), 0);
	assert_true(row_open(&o, d, "workflow.tasks[name=b]"));
	assert_false(row_open(&o, d, "workflow.tasks[name=c]"));
	/* renamed, b is another path: folded; its old name opens it again */
	assert_int_equal(edit_set_yaml(d, node_at(d, "workflow.tasks[name=b].name"), "b2", &dl), 0);
	assert_int_equal(outline_build(&o, d), 0);
	assert_false(row_open(&o, d, "workflow.tasks[name=b2]"));
	assert_int_equal(edit_set_yaml(d, node_at(d, "workflow.tasks[name=b2].name"), "b", &dl), 0);
	assert_int_equal(outline_build(&o, d), 0);
	assert_true(row_open(&o, d, "workflow.tasks[name=b]"));
	/* unnamed items are folded by position: an item inserted before the
	 * open one takes its place */
	assert_true(row_open(&o, d, "workflow.files[1]"));
	assert_int_equal(edit_seq_insert(d, node_at(d, "workflow.files"), 0, "{path: p9, contents: x}", &dl), 0);
	assert_int_equal(outline_build(&o, d), 0);
	assert_true(row_open(&o, d, "workflow.files[1]"));
	assert_false(row_open(&o, d, "workflow.files[2]"));
	assert_int_equal(dl.n, 0);
	outline_free(&o);
	doc_free(d);
	diag_free(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_view_keys),
		cmocka_unit_test(test_outline_folds_follow_edits),
		cmocka_unit_test(test_cbrows),
		cmocka_unit_test(test_specdraw),
		cmocka_unit_test(test_tpreview),
		cmocka_unit_test_setup_teardown(test_autosave, setup, teardown),
		cmocka_unit_test_setup_teardown(test_autosave_failure, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
