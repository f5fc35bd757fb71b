/* Unit tests for settings, paths, the cookbook index and the submit command line. */
#define _DEFAULT_SOURCE 1  /* mkdtemp, setenv, realpath */
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

#include "cookbook.h"
#include "paths.h"
#include "settings.h"
#include "submit.h"

static char dir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "%s/osmo-pkg-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

/* Write text to dir/rel, creating the folders on the way. */
static void put(const char *rel, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* --- settings --- */

static void settings_reads_every_key(void **state)
{
	(void)state;
	const char *text =
		"# my settings\n"
		"\n"
		"cookbook-dir = /specs\n"
		"  cookbook-dir=rel/specs  \n"
		"pool-file = pools/h100.yaml\n"
		"pool = \"my pool \"\n"
		"osmo-command = /opt/osmo/bin/osmo --verbose\n"
		"theme = mono\n"
		"bind <C-s> w\n"
		"bind G   view dag\n";
	struct settings c;
	struct diag_list dl = { 0 };
	assert_int_equal(settings_parse(&c, text, strlen(text), "/home/u/.config/osmo-tui", &dl), 0);
	assert_int_equal(dl.n, 0);
	assert_int_equal(c.ncookbook_dirs, 2);
	assert_string_equal(c.cookbook_dirs[0], "/specs");
	assert_string_equal(c.cookbook_dirs[1], "/home/u/.config/osmo-tui/rel/specs");
	assert_string_equal(c.pool_file, "/home/u/.config/osmo-tui/pools/h100.yaml");
	assert_string_equal(c.pool, "my pool ");
	assert_string_equal(settings_osmo_command(&c), "/opt/osmo/bin/osmo --verbose");
	assert_string_equal(c.theme, "mono");
	assert_int_equal(c.nbinds, 2);
	assert_string_equal(c.binds[0].key, "<C-s>");
	assert_string_equal(c.binds[0].command, "w");
	assert_string_equal(c.binds[1].command, "view dag");
	assert_int_equal(c.binds[1].line, 10);
	settings_free(&c);
	diag_free(&dl);
}

static void settings_warns_and_goes_on(void **state)
{
	(void)state;
	const char *text =
		"colour = red\n"
		"pool\n"
		"bind x\n"
		"cookbook-dir =\n"
		"theme = dark\n";
	struct settings c;
	struct diag_list dl = { 0 };
	assert_int_equal(settings_parse(&c, text, strlen(text), "/", &dl), 4);
	assert_int_equal(dl.n, 4);
	assert_int_equal(dl.v[0].severity, DIAG_WARNING);
	assert_int_equal(dl.v[0].line, 1);
	assert_int_equal(dl.v[0].col, 1);
	assert_non_null(strstr(dl.v[0].message, "unknown setting \"colour\""));
	assert_int_equal(dl.v[1].line, 2);
	assert_int_equal(dl.v[2].line, 3);
	assert_int_equal(dl.v[3].line, 4);
	assert_int_equal(dl.v[3].col, 15);
	assert_string_equal(c.theme, "dark");
	assert_string_equal(settings_osmo_command(&c), "osmo");
	settings_free(&c);
	diag_free(&dl);
}

static void settings_missing_file_is_empty(void **state)
{
	(void)state;
	struct settings c;
	struct diag_list dl = { 0 };
	char path[512];
	snprintf(path, sizeof path, "%s/nope/config", dir);
	assert_int_equal(settings_load(&c, path, &dl), 0);
	assert_null(c.file);
	assert_int_equal(dl.n, 0);
	put("config", "pool = p\n");
	snprintf(path, sizeof path, "%s/config", dir);
	assert_int_equal(settings_load(&c, path, &dl), 0);
	assert_string_equal(c.pool, "p");
	assert_string_equal(c.file, path);
	settings_free(&c);
	/* a directory where the file should be: an error, not a hang */
	snprintf(path, sizeof path, "%s", dir);
	assert_int_equal(settings_load(&c, path, &dl), -1);
	assert_int_equal(dl.n, 1);
	settings_free(&c);
	diag_free(&dl);
}

/* --- paths --- */

static void paths_relative_and_expand(void **state)
{
	(void)state;
	char *r = paths_relative("/usr/local/bin", "/usr/local/share/osmo-tui");
	assert_string_equal(r, "../share/osmo-tui");
	free(r);
	r = paths_relative("/opt//x/./bin/", "/srv/data");
	assert_string_equal(r, "../../../srv/data");
	free(r);
	r = paths_relative("/a", "/a");
	assert_string_equal(r, ".");
	free(r);
	assert_null(paths_relative("bin", "/a"));
	assert_null(paths_relative("/a/../b", "/a"));
	setenv("HOME", "/home/me", 1);
	r = paths_expand("~/specs", NULL);
	assert_string_equal(r, "/home/me/specs");
	free(r);
	r = paths_expand("specs", "/base");
	assert_string_equal(r, "/base/specs");
	free(r);
	r = paths_expand("~user/x", "/base");
	assert_string_equal(r, "/base/~user/x");
	free(r);
}

static void paths_follow_xdg(void **state)
{
	(void)state;
	struct paths p;
	setenv("HOME", "/home/me", 1);
	setenv("XDG_CONFIG_HOME", "/cfg", 1);
	setenv("XDG_DATA_HOME", "relative/ignored", 1);
	unsetenv("XDG_STATE_HOME");
	assert_int_equal(paths_user(&p), 0);
	assert_string_equal(p.config_file, "/cfg/osmo-tui/config");
	assert_string_equal(p.history_file, "/home/me/.local/share/osmo-tui/history");
	assert_string_equal(p.recovery_dir, "/home/me/.local/state/osmo-tui/recovery");
	paths_free(&p);
	unsetenv("HOME");
	unsetenv("XDG_DATA_HOME");
	assert_int_equal(paths_user(&p), 0);
	assert_null(p.history_file);
	assert_string_equal(p.config_file, "/cfg/osmo-tui/config");
	paths_free(&p);
}

static void datadir_override_and_exe(void **state)
{
	(void)state;
	enum paths_how how;
	setenv("OSMO_TUI_DATADIR", "/somewhere", 1);
	char *d = paths_datadir(NULL, &how);
	assert_string_equal(d, "/somewhere");
	assert_int_equal(how, PATHS_ENV);
	free(d);
	unsetenv("OSMO_TUI_DATADIR");
	/* an installed layout next to a program in DIR/bin */
	char rel[256], exe[512];
	char *r = paths_relative(OSMO_BINDIR, OSMO_DATADIR);
	snprintf(rel, sizeof rel, "prefix/bin/../%s/cookbook/index.yaml", r + 3);
	put(rel, "examples: []\n");
	snprintf(exe, sizeof exe, "%s/prefix/bin/osmo-tui", dir);
	d = paths_datadir(exe, &how);
	assert_int_equal(how, PATHS_EXE);
	assert_non_null(strstr(d, "/prefix/"));
	assert_null(strstr(d, "/bin/"));
	free(d);
	free(r);
	/* a program elsewhere falls back to the source tree */
	d = paths_datadir("/nonexistent/bin/osmo-tui", &how);
	assert_int_equal(how, PATHS_SOURCE);
	char *want = realpath(OSMO_SRCDIR "/share", NULL);
	assert_string_equal(d, want);
	free(want);
	free(d);
}

/* --- cookbook titles --- */

static void title_of(const char *head, int want_rc, const char *want)
{
	struct buf b = BUF_INIT;
	assert_int_equal(cookbook_title(head, strlen(head), &b), want_rc);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void titles_skip_licences_and_notes(void **state)
{
	(void)state;
	title_of("# Hello world\n# more\n\nworkflow:\n  name: hi\n", 1, "Hello world");
	title_of("# SPDX-FileCopyrightText: Copyright (c) 2025 X\n#\n# Licensed under the Apache\n"
		 "# http://www.apache.org/licenses/LICENSE-2.0\n#\n# SPDX-License-Identifier: Apache-2.0\n\n"
		 "# To submit:\n# osmo workflow submit x.yaml\n\nworkflow:\n  name: train-gpu # the name\n"
		 "  tasks:\n  - name: t\n",
		 2, "train-gpu");
	title_of("# Copyright 2025\n\n# Step 1: Generate data\n# Usage: osmo workflow submit a.yaml\n"
		 "workflow:\n  name: x\n",
		 1, "Step 1: Generate data");
	title_of("---\n# Title after a document marker\nworkflow:\n  name: x\n", 1,
		 "Title after a document marker");
	title_of("workflow:\n  tasks:\n  - name: task-name\n  name: \"quoted-name\"\n", 2, "quoted-name");
	title_of("workflow:\n  name: {{ workflow_name }}\n", 0, "");
	title_of("workflow: {name: flow}\n", 0, "");
	title_of("#!/usr/bin/env osmo\n# Shebang skipped\nworkflow:\n", 1, "Shebang skipped");
	/* the name is looked for only one level under workflow: */
	title_of("workflow:\n  groups:\n  - name: g\ndefault-values:\n  name: x\n", 0, "");
}

static void titles_are_bounded(void **state)
{
	(void)state;
	char head[400];
	memset(head, 'x', sizeof head);
	memcpy(head, "# ", 2);
	head[sizeof head - 1] = '\0';
	struct buf b = BUF_INIT;
	assert_int_equal(cookbook_title(head, strlen(head), &b), 1);
	assert_int_equal(b.len, 120);
	assert_string_equal(buf_cstr(&b) + 117, "...");
	buf_free(&b);
}

/* --- cookbook sources --- */

static void scan_finds_specs_only(void **state)
{
	(void)state;
	put("specs/a/one.yaml", "# First example\nworkflow:\n  name: one\n");
	put("specs/a/deep/two.yml", "workflow:\n  name: two\n");
	put("specs/top.yaml", "# Top\nworkflow:\n  name: top\n");
	put("specs/values.yaml", "epochs: 3\n");
	put("specs/.hidden/h.yaml", "workflow:\n  name: h\n");
	put("specs/notes.txt", "workflow:\n");
	char root[512];
	snprintf(root, sizeof root, "%s/specs", dir);
	struct cookbook *cb = cookbook_new();
	struct diag_list dl = { 0 };
	assert_int_equal(cookbook_add(cb, root, false, &dl), 3);
	assert_int_equal(dl.n, 0);
	assert_int_equal(cb->n, 3);
	assert_string_equal(cb->v[0].name, "a/deep/two");
	assert_string_equal(cb->v[0].title, "two");
	assert_string_equal(cb->v[0].group, "a");
	assert_string_equal(cb->v[1].name, "a/one");
	assert_string_equal(cb->v[1].title, "First example");
	assert_string_equal(cb->v[2].name, "top");
	assert_string_equal(cb->v[2].group, "");
	assert_false(cb->sources[0].indexed);
	/* the same folder again (another spelling) adds nothing */
	char again[600];
	snprintf(again, sizeof again, "%s/specs/./a/..", dir);
	assert_int_equal(cookbook_add(cb, again, false, &dl), 0);
	assert_int_equal(cb->nsources, 1);
	const struct cookbook_entry *e = cookbook_find(cb, "a/one");
	assert_non_null(e);
	assert_non_null(strstr(e->path, "/specs/a/one.yaml"));
	assert_null(cookbook_find(cb, "one"));
	cookbook_free(cb);
	diag_free(&dl);
}

static void index_is_read_and_checked(void **state)
{
	(void)state;
	put("cb/index.yaml",
	    "examples:\n"
	    "- name: first\n  path: t/first.yaml\n  title: The first\n  pattern: One task.\n  tags: [a, b]\n"
	    "- name: missing\n  path: t/missing.yaml\n"
	    "- path: t/first.yaml\n"
	    "- name: escape\n  path: ../outside.yaml\n");
	put("cb/t/first.yaml", "workflow:\n  name: first\n");
	put("cb/t/unlisted.yaml", "workflow:\n  name: unlisted\n");
	put("more/first.yaml", "# Same name\nworkflow:\n  name: x\n");
	char root[512], more[512];
	snprintf(root, sizeof root, "%s/cb", dir);
	snprintf(more, sizeof more, "%s/more", dir);
	struct cookbook *cb = cookbook_new();
	struct diag_list dl = { 0 };
	assert_int_equal(cookbook_add(cb, root, true, &dl), 1);
	assert_int_equal(dl.n, 3);
	assert_int_equal(dl.v[0].line, 7);
	assert_non_null(strstr(dl.v[0].message, "not found"));
	assert_int_equal(dl.v[1].line, 9);
	assert_int_equal(dl.v[2].line, 10);
	assert_true(cb->sources[0].indexed);
	assert_string_equal(cb->v[0].title, "The first");
	assert_string_equal(cb->v[0].pattern, "One task.");
	assert_string_equal(cb->v[0].tags, "a, b");
	assert_string_equal(cb->v[0].group, "t");
	/* a clashing name from another folder gets a suffix */
	assert_int_equal(cookbook_add(cb, more, false, &dl), 1);
	assert_string_equal(cb->v[1].name, "first-2");
	assert_string_equal(cb->v[1].title, "Same name");
	assert_int_equal(cookbook_add(cb, "/nonexistent/folder", false, &dl), -1);
	cookbook_free(cb);
	diag_free(&dl);
}

static void scan_is_bounded_in_depth(void **state)
{
	(void)state;
	char rel[512] = "deep";
	for (int i = 0; i < COOKBOOK_MAX_DEPTH + 2; i++)
		strcat(rel, "/d");
	strcat(rel, "/x.yaml");
	put(rel, "workflow:\n  name: x\n");
	char root[512];
	snprintf(root, sizeof root, "%s/deep", dir);
	struct cookbook *cb = cookbook_new();
	struct diag_list dl = { 0 };
	assert_int_equal(cookbook_add(cb, root, false, &dl), 0);
	assert_true(cb->sources[0].truncated);
	cookbook_free(cb);
	diag_free(&dl);
}

/* --- submit --- */

static void argv_groups_values(void **state)
{
	(void)state;
	struct render_values rv = { 0 };
	struct diag_list dl = { 0 };
	render_values_add(&rv, RENDER_SET, "epochs=5", &dl);
	render_values_add(&rv, RENDER_SET_STRING, "tag=v1", &dl);
	render_values_add(&rv, RENDER_SET, "lr=0.1", &dl);
	render_values_add(&rv, RENDER_SET_ENV, "DEBUG=1", &dl);
	put("values.yaml", "epochs: 3\nold: 010\nratio: 1.5\nname: x y\nquoted: '5'\n");
	char values[512];
	snprintf(values, sizeof values, "%s/values.yaml", dir);
	rv.values_file = strdup(values);
	struct submit_opts o = { "osmo  --profile p", "train.yaml", "pool-a", "LOW", true, &rv };
	char **av = submit_argv(&o, &dl);
	assert_non_null(av);
	const char *want[] = { "osmo", "--profile", "p", "workflow", "submit", "train.yaml", "--pool", "pool-a",
			       "--priority", "LOW", "--dry-run", "--set", "old=8", "ratio=1.5", "epochs=5",
			       "lr=0.1", "--set-string", "name=x y", "quoted=5", "tag=v1", "--set-env", "DEBUG=1",
			       NULL };
	for (size_t i = 0; want[i]; i++)
		assert_string_equal(av[i], want[i]);
	size_t n = 0;
	while (av[n])
		n++;
	assert_int_equal(n, sizeof want / sizeof want[0] - 1);
	submit_argv_free(av);
	assert_int_equal(dl.n, 0);
	render_values_free(&rv);
	diag_free(&dl);
}

static void argv_refuses_what_osmo_cannot_take(void **state)
{
	(void)state;
	struct render_values rv = { 0 };
	struct diag_list dl = { 0 };
	render_values_add(&rv, RENDER_LABEL, "team=ml", &dl);
	struct submit_opts o = { NULL, "a.yaml", NULL, NULL, false, &rv };
	assert_null(submit_argv(&o, &dl));
	assert_int_equal(dl.n, 1);
	assert_non_null(strstr(dl.v[0].message, "labels"));
	render_values_free(&rv);
	diag_clear(&dl);
	put("bad-values.yaml", "flag: true\nlist: [1]\n");
	char values[512];
	snprintf(values, sizeof values, "%s/bad-values.yaml", dir);
	rv.values_file = strdup(values);
	assert_null(submit_argv(&o, &dl));
	assert_int_equal(dl.n, 2);
	render_values_free(&rv);
	diag_clear(&dl);
	o.command = " ";
	o.values = NULL;
	assert_null(submit_argv(&o, &dl));
	assert_int_equal(dl.n, 1);
	diag_free(&dl);
}

static void spawn_reports_status_and_missing_programs(void **state)
{
	(void)state;
	struct diag_list dl = { 0 };
	char *ok[] = { "sh", "-c", "exit 3", NULL };
	assert_int_equal(submit_spawn(ok, &dl), 3);
	char *sig[] = { "sh", "-c", "kill -TERM $$", NULL };
	assert_int_equal(submit_spawn(sig, &dl), 128 + 15);
	assert_int_equal(dl.n, 0);
	char *missing[] = { "osmo-tui-no-such-program", NULL };
	assert_int_equal(submit_spawn(missing, &dl), -1);
	assert_int_equal(dl.n, 1);
	assert_non_null(strstr(dl.v[0].message, "was not found on $PATH"));
	diag_free(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(settings_reads_every_key),
		cmocka_unit_test(settings_warns_and_goes_on),
		cmocka_unit_test_setup_teardown(settings_missing_file_is_empty, setup, teardown),
		cmocka_unit_test(paths_relative_and_expand),
		cmocka_unit_test(paths_follow_xdg),
		cmocka_unit_test_setup_teardown(datadir_override_and_exe, setup, teardown),
		cmocka_unit_test(titles_skip_licences_and_notes),
		cmocka_unit_test(titles_are_bounded),
		cmocka_unit_test_setup_teardown(scan_finds_specs_only, setup, teardown),
		cmocka_unit_test_setup_teardown(index_is_read_and_checked, setup, teardown),
		cmocka_unit_test_setup_teardown(scan_is_bounded_in_depth, setup, teardown),
		cmocka_unit_test_setup_teardown(argv_groups_values, setup, teardown),
		cmocka_unit_test_setup_teardown(argv_refuses_what_osmo_cannot_take, setup, teardown),
		cmocka_unit_test(spawn_reports_status_and_missing_programs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
