/* Unit tests of the TUI pieces that need no terminal (key names and
 * scripts, the command table, list movement, text widths) and one run of
 * the whole app in process on a newterm() screen fed by a pipe. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app.h"
#include "commands.h"
#include "draw.h"
#include "input.h"
#include "keys.h"
#include "listnav.h"

static struct key_event one(const char *s, size_t *used)
{
	struct key_event ev;
	*used = keys_parse_one(s, strlen(s), &ev);
	return ev;
}

static void test_key_names(void **state)
{
	(void)state;
	size_t n;
	struct key_event ev = one("<Down>x", &n);
	assert_int_equal(n, 6);
	assert_int_equal(ev.kind, KEV_KEY);
	assert_int_equal(ev.key, KEYS_FN_KEY(KEY_DOWN));
	ev = one("<C-r>", &n);
	assert_int_equal(ev.key, 0x12);
	ev = one("<C-R>", &n);
	assert_int_equal(ev.key, 0x12);
	ev = one("<lt>", &n);
	assert_int_equal(ev.key, '<');
	ev = one("<F1>", &n);
	assert_int_equal(ev.key, KEYS_FN_KEY(KEY_F(1)));
	ev = one("<PageDown>", &n);
	assert_int_equal(ev.key, KEYS_FN_KEY(KEY_NPAGE));
	ev = one("<Enter>", &n);
	assert_int_equal(ev.key, '\r');
	ev = one("<BS>", &n);
	assert_int_equal(ev.key, keys_backspace());
	ev = one("\xc3\xa9t\xc3\xa9", &n);
	assert_int_equal(n, 2);
	assert_int_equal(ev.key, 0xe9);
	ev = one("<resize 100 30>", &n);
	assert_int_equal(ev.kind, KEV_RESIZE);
	assert_int_equal(ev.cols, 100);
	assert_int_equal(ev.rows, 30);
	one("<resize 0 30>", &n);
	assert_int_equal(n, 0);
	one("<resize 100>", &n);
	assert_int_equal(n, 0);
	one("<resize 99999 30>", &n);
	assert_int_equal(n, 0);
	one("<Nope>", &n);
	assert_int_equal(n, 0);
	one("<C-1>", &n);
	assert_int_equal(n, 0);
	one("<F13>", &n);
	assert_int_equal(n, 0);
	one("<Down", &n);
	assert_int_equal(n, 0);
}

static void test_key_notation_roundtrip(void **state)
{
	(void)state;
	const int keys[] = { 'a', '<', ' ', '\r', 27, '\t', 0x12, 0xe9, 0x65e5,
			     KEYS_FN_KEY(KEY_DOWN), KEYS_FN_KEY(KEY_F(12)), KEYS_FN_KEY(KEY_HOME),
			     KEYS_FN_KEY(KEY_BTAB), KEYS_FN_KEY(KEY_DC), keys_backspace() };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		struct buf b = BUF_INIT;
		keys_notation(keys[i], &b);
		size_t n;
		struct key_event ev = one(buf_cstr(&b), &n);
		assert_int_equal(n, b.len);
		assert_int_equal(ev.key, keys[i]);
		buf_free(&b);
	}
	struct buf l = BUF_INIT;
	keys_label(0x12, &l);
	keys_label(' ', &l);
	keys_label(KEYS_FN_KEY(KEY_NPAGE), &l);
	assert_string_equal(buf_cstr(&l), "Ctrl-RSpacePageDown");
	buf_free(&l);
}

static void test_key_script(void **state)
{
	(void)state;
	const char *text = ":w<Enter>\njk<lt>\r\n<resize 90 20>";
	struct key_script s = { 0 };
	struct diag_list d = { 0 };
	assert_int_equal(keys_parse_script(text, strlen(text), &s, &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(s.n, 7);
	assert_int_equal(s.v[0].key, ':');
	assert_int_equal(s.v[2].key, '\r');
	assert_int_equal(s.v[3].key, 'j');
	assert_int_equal(s.v[5].key, '<');
	assert_int_equal(s.v[6].kind, KEV_RESIZE);
	keys_script_free(&s);

	const char *bad = "ab\n  <Bogus>x\n\xff";
	assert_int_equal(keys_parse_script(bad, strlen(bad), &s, &d), -1);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.v[0].line, 2);
	assert_int_equal(d.v[0].col, 3);
	assert_non_null(strstr(d.v[0].message, "<Bogus>"));
	assert_int_equal(d.v[1].line, 3);
	assert_int_equal(d.v[1].col, 1);
	keys_script_free(&s);
	diag_free(&d);
}

static void test_command_table(void **state)
{
	(void)state;
	assert_int_equal(cmd_keymap_init(), 0);   /* every key parses, none is bound twice */
	for (int id = 0; id < CMD_COUNT; id++) {
		assert_non_null(commands[id].name);
		assert_non_null(commands[id].group);
		assert_true(strlen(commands[id].help) > 10);
		for (int j = 0; j < id; j++)
			assert_string_not_equal(commands[id].name, commands[j].name);
	}
	assert_int_equal(cmd_for_key('?'), CMD_HELP);
	assert_int_equal(cmd_for_key(0x12), CMD_REDO);
	assert_int_equal(cmd_for_key(KEYS_FN_KEY(KEY_F(1))), CMD_HELP);
	assert_int_equal(cmd_for_key('Z'), CMD_NONE);
	const char *args;
	assert_int_equal(cmd_parse("view outline", &args), CMD_VIEW_OUTLINE);
	assert_int_equal(cmd_parse("  view   dag", &args), CMD_VIEW);
	assert_string_equal(args, "dag");
	assert_int_equal(cmd_parse("w out.yaml", &args), CMD_WRITE);
	assert_string_equal(args, "out.yaml");
	assert_int_equal(cmd_parse("wq", &args), CMD_WRITE_QUIT);
	assert_int_equal(cmd_parse("q!", &args), CMD_QUIT_FORCE);
	assert_int_equal(cmd_parse("wqx", &args), CMD_NONE);
	assert_true(cmd_args_missing(CMD_SCREENDUMP, ""));
	assert_false(cmd_args_missing(CMD_WRITE, ""));
	struct buf b = BUF_INIT;
	assert_int_equal(cmd_complete("re", &b), 2);
	assert_string_equal(buf_cstr(&b), "redraw\nredo\n");
	buf_free(&b);
	cmd_keys_label(CMD_DOWN, ", ", &b);
	assert_string_equal(buf_cstr(&b), "j, Down");
	buf_free(&b);
}

static void test_listnav(void **state)
{
	(void)state;
	struct listnav l = { 0 };
	listnav_set_count(&l, 100);
	assert_true(listnav_command(&l, CMD_PAGE_DOWN, 10));
	assert_int_equal(l.sel, 9);
	assert_int_equal(l.top, 9);
	listnav_command(&l, CMD_LAST, 10);
	assert_int_equal(l.sel, 99);
	assert_int_equal(l.top, 90);
	listnav_command(&l, CMD_DOWN, 10);
	assert_int_equal(l.sel, 99);
	listnav_command(&l, CMD_FIRST, 10);
	assert_int_equal(l.sel, 0);
	assert_int_equal(l.top, 0);
	assert_false(listnav_command(&l, CMD_QUIT, 10));
	listnav_set_count(&l, 0);
	assert_false(listnav_command(&l, CMD_SELECT, 10));
	listnav_command(&l, CMD_UP, 10);
	assert_int_equal(l.sel, 0);
}

static void test_widths(void **state)
{
	(void)state;
	assert_int_equal(draw_width("abc", (size_t)-1), 3);
	assert_int_equal(draw_width("\xe6\x97\xa5\xe6\x9c\xac", (size_t)-1), 4);   /* 日本 */
	assert_int_equal(draw_width("e\xcc\x81", (size_t)-1), 1);                 /* e + combining acute */
	assert_int_equal(draw_width("a\x01" "b", (size_t)-1), 3);                  /* control shown as '?' */
	assert_int_equal(draw_fit("\xe6\x97\xa5\xe6\x9c\xac", 6, 3), 3);           /* one CJK char fits in 3 */
}

/* The whole app in process: a screen on a pipe, a script, then the text of
 * the screen as the app left it. */
static void test_app_in_process(void **state)
{
	(void)state;
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	setenv("LINES", "20", 1);
	setenv("COLUMNS", "60", 1);
	FILE *out = fopen("/dev/null", "w");
	FILE *in = fdopen(fds[0], "r");
	SCREEN *scr = newterm("xterm-256color", out, in);
	assert_non_null(scr);
	set_term(scr);
	const char *text = "?undo<resize 70 22>";
	struct key_script ks = { 0 };
	struct diag_list d = { 0 };
	assert_int_equal(keys_parse_script(text, strlen(text), &ks, &d), 0);
	struct input *inp = input_new(&ks, false);
	struct app_options opt = { 0 };
	opt.cookbook_dir = "/nonexistent";
	struct app *app = app_new(&opt);
	assert_int_equal(app_run(app, scr, inp), 0);
	struct buf screen = BUF_INIT;
	draw_screen_text(&screen);
	const char *s = buf_cstr(&screen);
	assert_non_null(strstr(s, "Filter: undo"));
	assert_non_null(strstr(s, ":undo"));
	assert_null(strstr(s, ":help"));
	assert_int_equal(getmaxx(curscr), 70);
	assert_int_equal(getmaxy(curscr), 22);
	buf_free(&screen);
	app_free(app);
	input_free(inp);
	endwin();
	delscreen(scr);
	fclose(in);
	fclose(out);
	close(fds[1]);
	unsetenv("LINES");
	unsetenv("COLUMNS");
}

/* Run the start screen with --mouse on terminal input seq (SGR mouse
 * sequences through the same input function as keys); the screen text. */
static char *run_mouse(const char *seq)
{
	const char *src = getenv("top_srcdir");
	char cookbook[4096];
	snprintf(cookbook, sizeof cookbook, "%s/tests/ui/data/cookbook", src ? src : ".");
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	FILE *out = fopen("/dev/null", "w");
	FILE *in = fdopen(fds[0], "r");
	SCREEN *scr = newterm("xterm-256color", out, in);
	assert_non_null(scr);
	set_term(scr);
	assert_int_equal(write(fds[1], seq, strlen(seq)), (ssize_t)strlen(seq));
	close(fds[1]);
	struct input *inp = input_new(NULL, true);
	struct app_options opt = { 0 };
	opt.cookbook_dir = cookbook;
	opt.mouse = true;
	struct app *app = app_new(&opt);
	assert_int_equal(app_run(app, scr, inp), 0);   /* ends with the pipe */
	struct buf screen = BUF_INIT;
	draw_screen_text(&screen);
	app_free(app);
	input_free(inp);
	endwin();
	delscreen(scr);
	fclose(in);
	fclose(out);
	unsetenv("LINES");
	unsetenv("COLUMNS");
	return buf_detach(&screen);
}

static void test_mouse(void **state)
{
	(void)state;
	/* a click on screen row 6 (main row 5: the second example) selects it */
	char *s = run_mouse("\033[<0;10;6M\033[<0;10;6m");
	assert_non_null(strstr(s, "A producer group and a consumer group"));
	free(s);
	/* the wheel moves the selection (3 rows: to the last one, Open) */
	s = run_mouse("\033[<65;10;6M");
	assert_non_null(strstr(s, "Open an existing spec file"));
	free(s);
	/* without a mouse event the first example stays selected */
	s = run_mouse("");
	assert_non_null(strstr(s, "The smallest spec"));
	free(s);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_names),
		cmocka_unit_test(test_key_notation_roundtrip),
		cmocka_unit_test(test_key_script),
		cmocka_unit_test(test_command_table),
		cmocka_unit_test(test_listnav),
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_app_in_process),
		cmocka_unit_test(test_mouse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
