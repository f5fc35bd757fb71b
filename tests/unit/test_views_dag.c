/* Unit tests of the graph and resources views' data (ui/dagmodel.c,
 * ui/profiles.c) and of bind lines (cmd_bind): state asserted in process,
 * no terminal needed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "dagmodel.h"
#include "edit.h"
#include "keys.h"
#include "profiles.h"
#include "session.h"

static char tmp_path[64];

/* A session on a temporary file holding text. */
static struct session *open_text(const char *text)
{
	strcpy(tmp_path, "/tmp/osmo-test-dag.XXXXXX");
	int fd = mkstemp(tmp_path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	struct buf msg = BUF_INIT;
	struct session *s = session_open(tmp_path, &msg);
	assert_non_null(s);
	buf_free(&msg);
	session_revalidate(s);
	return s;
}

static void close_session(struct session *s)
{
	session_free(s);
	unlink(tmp_path);
}

/* prepare -> {search, stats} -> report, as in the cookbook's complex example */
static const char diamond[] =
	"workflow:\n"
	"  name: d\n"
	"  groups:\n"
	"  - name: prepare\n"
	"    tasks:\n"
	"    - {name: fetch, image: alpine, command: [x]}\n"
	"  - name: search\n"
	"    tasks:\n"
	"    - {name: engine, image: alpine, command: [x], inputs: [{task: fetch}]}\n"
	"    - {name: bench, lead: true, image: alpine, command: [x], inputs: [{task: fetch}]}\n"
	"  - name: stats\n"
	"    tasks:\n"
	"    - {name: count, image: alpine, command: [x], inputs: [{task: fetch}]}\n"
	"  - name: report\n"
	"    tasks:\n"
	"    - {name: write, image: alpine, command: [x], inputs: [{task: bench}, {task: count}]}\n";

static const char *sel_name(const struct dagmodel *m)
{
	return specgraph_group_label(dagmodel_group(m));
}

static void test_dag_navigation(void **state)
{
	(void)state;
	struct session *s = open_text(diamond);
	struct dagmodel m;
	dagmodel_init(&m);
	assert_true(dagmodel_update(&m, s));
	assert_int_equal(m.source, DAGM_PLAIN);
	assert_string_equal(sel_name(&m), "prepare");
	assert_false(dagmodel_update(&m, s));     /* nothing changed: no new layout */
	assert_int_equal(m.layouts, 1);
	/* the selection's paths: everything is downstream of prepare */
	for (uint32_t v = 1; v < 4; v++)
		assert_true(m.node_marks[v] & DAGM_DOWNSTREAM);
	assert_false(dagmodel_move(&m, DAGM_UP));   /* nothing above the first layer */
	assert_true(dagmodel_move(&m, DAGM_DOWN));
	const char *first = sel_name(&m);
	assert_true(strcmp(first, "search") == 0 || strcmp(first, "stats") == 0);
	assert_true(dagmodel_move(&m, strcmp(first, "search") == 0 ? DAGM_RIGHT : DAGM_LEFT));
	assert_string_equal(sel_name(&m), strcmp(first, "search") == 0 ? "stats" : "search");
	assert_true(m.node_marks[0] & DAGM_UPSTREAM);
	assert_true(m.node_marks[3] & DAGM_DOWNSTREAM);
	assert_false(m.node_marks[strcmp(first, "search") == 0 ? 1 : 2] & (DAGM_UPSTREAM | DAGM_DOWNSTREAM));
	dagmodel_select_end(&m, true);
	assert_string_equal(sel_name(&m), "report");
	/* expanding search shows its tasks as lines; j walks through them */
	dagmodel_select(&m, 1, -1);
	struct buf msg = BUF_INIT;
	assert_true(dagmodel_toggle(&m, &msg));
	assert_true(dagmodel_update(&m, s));
	assert_int_equal(m.layouts, 2);
	assert_string_equal(sel_name(&m), "search");
	assert_null(dagmodel_task(&m));            /* two tasks: the group itself */
	assert_true(dagmodel_move(&m, DAGM_DOWN));
	assert_string_equal(dagmodel_task(&m)->name, "engine");
	assert_true(dagmodel_move(&m, DAGM_DOWN));
	assert_string_equal(dagmodel_task(&m)->name, "bench");
	assert_true(dagmodel_move(&m, DAGM_DOWN));  /* leaves the box */
	assert_string_equal(sel_name(&m), "report");
	assert_true(dagmodel_move(&m, DAGM_UP));    /* enters from below: the last line */
	assert_int_equal(m.sel_line, 1);
	/* turning re-lays out; the selection follows by name */
	dagmodel_turn(&m);
	assert_true(dagmodel_update(&m, s));
	assert_int_equal(m.lay->dir, LAYOUT_LR);
	assert_string_equal(dagmodel_task(&m)->name, "bench");
	buf_free(&msg);
	dagmodel_free(&m);
	close_session(s);
}

static void test_dag_cycle_and_problems(void **state)
{
	(void)state;
	struct session *s = open_text("workflow:\n  name: c\n  tasks:\n"
				      "  - {name: a, image: alpine, command: [x], inputs: [{task: b}]}\n"
				      "  - {name: b, image: alpine, command: [x], inputs: [{task: a}]}\n"
				      "  - {name: up, image: Ubuntu, command: [x]}\n");
	struct dagmodel m;
	dagmodel_init(&m);
	dagmodel_update(&m, s);
	assert_int_equal(m.ncycles, 1);
	assert_true(dagmodel_on_cycle(&m, 0));
	assert_true(dagmodel_on_cycle(&m, 1));
	assert_false(dagmodel_on_cycle(&m, 2));
	uint32_t e = graph_edge_find(m.sg->graph, 0, 1);
	assert_true(m.edge_marks[e] & DAGM_CYCLE);
	assert_true(m.node_marks[2] & DAGM_ERROR);  /* the invalid image */
	struct buf msg = BUF_INIT;
	assert_false(dagmodel_toggle(&m, &msg));    /* a tasks: node has no group to expand */
	assert_non_null(strstr(buf_cstr(&msg), "its own group"));
	buf_free(&msg);
	dagmodel_free(&m);
	close_session(s);

	s = open_text("workflow: [unclosed\n");
	dagmodel_init(&m);
	dagmodel_update(&m, s);
	assert_int_equal(m.source, DAGM_NONE);
	assert_null(m.lay);
	assert_true(m.why.n > 0);
	assert_true(m.why.v[0].line > 0);             /* the load error, positioned */
	dagmodel_free(&m);
	close_session(s);
}

/* An edit bumps the generation: the next update lays out again and keeps
 * the selection on its group by name even when groups move. */
static void test_dag_follows_edits(void **state)
{
	(void)state;
	struct session *s = open_text(diamond);
	struct dagmodel m;
	dagmodel_init(&m);
	dagmodel_update(&m, s);
	dagmodel_select_end(&m, true);
	struct buf msg = BUF_INIT;
	assert_int_equal(session_set(s, "workflow.groups[name=report].tasks[0].inputs=[{task: fetch}]", &msg), 0);
	session_revalidate(s);
	assert_true(dagmodel_update(&m, s));
	assert_string_equal(sel_name(&m), "report");
	assert_int_equal(graph_edge_count(m.sg->graph), 3);
	buf_free(&msg);
	dagmodel_free(&m);
	close_session(s);
}

static const char profiles_spec[] =
	"workflow:\n"
	"  name: p\n"
	"  resources:\n"
	"    default: {cpu: 1}\n"
	"    gpu:\n"
	"      cpu: 8\n"
	"      gpu: 1\n"
	"  tasks:\n"
	"  - {name: a, image: alpine, command: [x], resource: gpu}\n"
	"  - {name: b, image: alpine, command: [x]}\n"
	"  - {name: c, image: alpine, command: [x], resource: gone}\n";

static void test_profiles(void **state)
{
	(void)state;
	struct session *s = open_text(profiles_spec);
	struct profiles pr;
	struct buf msg = BUF_INIT;
	assert_int_equal(profiles_build(&pr, s, NULL, &msg), 0);
	assert_int_equal(pr.n, 3);
	assert_string_equal(pr.rows[0].name, "default");
	assert_int_equal(pr.rows[0].ntasks, 1);
	assert_string_equal(pr.rows[1].name, "gpu");
	assert_string_equal(pr.rows[1].tasks[0]->name, "a");
	assert_int_equal(pr.rows[2].kind, PROFILE_UNDEFINED);
	assert_string_equal(pr.rows[2].name, "gone");
	assert_int_equal(pr.plan->groups[0].demand.gpu, 1);
	profiles_free(&pr);

	char *before = strdup(session_doc(s)->text);
	assert_int_equal(profiles_rename(s, "default", "small", &msg), 0);
	assert_non_null(strstr(session_doc(s)->text, "small: {cpu: 1}"));
	assert_non_null(strstr(session_doc(s)->text, "name: b, image: alpine, command: [x], resource: small}"));
	assert_int_equal(session_undo(s, &msg), 0);   /* one step */
	assert_string_equal(session_doc(s)->text, before);

	assert_int_equal(profiles_rename(s, "gpu", "default", &msg), -1);
	assert_non_null(strstr(buf_cstr(&msg), "already exists"));
	buf_reset(&msg);
	assert_int_equal(profiles_delete(s, "gpu", NULL, &msg), -1);
	assert_non_null(strstr(buf_cstr(&msg), "1 task uses gpu"));
	buf_reset(&msg);
	assert_int_equal(profiles_delete(s, "gpu", "gone", &msg), -1);   /* not a profile */
	buf_reset(&msg);
	assert_int_equal(profiles_delete(s, "gpu", "default", &msg), 0);
	assert_null(strstr(session_doc(s)->text, "gpu"));
	assert_int_equal(session_undo(s, &msg), 0);
	assert_string_equal(session_doc(s)->text, before);

	struct buf name = BUF_INIT;
	assert_int_equal(profiles_duplicate(s, "gpu", &name, &msg), 0);
	assert_string_equal(buf_cstr(&name), "gpu-copy");
	assert_non_null(strstr(session_doc(s)->text, "    gpu-copy:\n      cpu: 8\n      gpu: 1\n"));
	assert_int_equal(profiles_create(s, "gpu", &msg), -1);
	buf_free(&name);
	buf_free(&msg);
	free(before);
	close_session(s);
}

static void test_bind(void **state)
{
	(void)state;
	struct buf err = BUF_INIT;
	assert_int_equal(cmd_keymap_init(), 0);
	assert_int_equal(cmd_bind("x", "view dag", &err), 0);
	assert_int_equal(cmd_for_key('x'), CMD_VIEW_DAG);
	assert_string_equal(cmd_args_for_key('x'), "");
	assert_int_equal(cmd_bind("<F5>", "w copy.yaml", &err), 0);
	assert_int_equal(cmd_for_key(KEYS_FN_KEY(KEY_F(5))), CMD_WRITE);
	assert_string_equal(cmd_args_for_key(KEYS_FN_KEY(KEY_F(5))), "copy.yaml");
	assert_int_equal(cmd_bind("C-g", "view resources", &err), 0);
	assert_int_equal(cmd_for_key(KEYS_CTRL('g')), CMD_VIEW_RESOURCES);
	assert_int_equal(cmd_bind("F6", "undo", &err), 0);
	assert_int_equal(cmd_for_key(KEYS_FN_KEY(KEY_F(6))), CMD_UNDO);
	assert_int_equal(cmd_bind("<Nope>", "undo", &err), -1);
	assert_non_null(strstr(buf_cstr(&err), "unknown key name '<Nope>'"));
	buf_reset(&err);
	assert_int_equal(cmd_bind("z", "frobnicate now", &err), -1);
	assert_non_null(strstr(buf_cstr(&err), "unknown command 'frobnicate'"));
	buf_reset(&err);
	assert_int_equal(cmd_bind("z", "undo twice", &err), -1);
	assert_non_null(strstr(buf_cstr(&err), "undo takes no argument"));
	/* re-binding a table key moves it: o no longer shows the outline */
	assert_int_equal(cmd_bind("o", "view dag", &err), 0);
	int keys[CMD_MAX_KEYS];
	assert_int_equal(cmd_keys(CMD_VIEW_OUTLINE, keys, CMD_MAX_KEYS), 0);
	buf_free(&err);
}

/* A bound key is global; a view-local key of the table still wins in the
 * views handling its command (commands.h, cmd_bind). */
static void test_bind_view_local(void **state)
{
	(void)state;
	struct buf err = BUF_INIT;
	static const int cookbook[] = { CMD_DOWN, CMD_NEW, CMD_SCROLL_DOWN, CMD_NONE };
	static const int graph[] = { CMD_DOWN, CMD_TURN, CMD_NONE };
	assert_int_equal(cmd_keymap_init(), 0);
	assert_int_equal(cmd_bind("n", "w copy.yaml", &err), 0);
	assert_int_equal(cmd_for_key('n'), CMD_WRITE);
	assert_string_equal(cmd_args_for_key('n'), "copy.yaml");
	assert_int_equal(cmd_for_key_in('n', graph), CMD_WRITE);
	assert_int_equal(cmd_for_key_in('n', cookbook), CMD_NEW);
	int keys[CMD_MAX_KEYS];
	assert_int_equal(cmd_keys(CMD_SEARCH_NEXT, keys, CMD_MAX_KEYS), 0);
	assert_int_equal(cmd_keys(CMD_NEW, keys, CMD_MAX_KEYS), 1);
	assert_int_equal(keys[0], 'n');
	/* a view-local key that had no global meaning gets one */
	assert_int_equal(cmd_for_key(KEYS_CTRL('d')), CMD_NONE);
	assert_int_equal(cmd_bind("C-d", "view dag", &err), 0);
	assert_int_equal(cmd_for_key_in(KEYS_CTRL('d'), graph), CMD_VIEW_DAG);
	assert_int_equal(cmd_for_key_in(KEYS_CTRL('d'), cookbook), CMD_SCROLL_DOWN);
	/* binding a view-local command makes a global key for it */
	assert_int_equal(cmd_bind("<F7>", "new", &err), 0);
	assert_int_equal(cmd_for_key(KEYS_FN_KEY(KEY_F(7))), CMD_NEW);
	assert_int_equal(cmd_keys(CMD_NEW, keys, CMD_MAX_KEYS), 2);
	buf_free(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dag_navigation),
		cmocka_unit_test(test_dag_cycle_and_problems),
		cmocka_unit_test(test_dag_follows_edits),
		cmocka_unit_test(test_profiles),
		cmocka_unit_test(test_bind),
		cmocka_unit_test(test_bind_view_local),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
