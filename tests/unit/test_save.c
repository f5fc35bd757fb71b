/* Unit tests for reading and atomic writing of files. */
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

#include "save.h"

static char dir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "%s/osmo-save-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static char *get(const char *path)
{
	char *t;
	size_t n;
	struct diag_list dl = { 0 };
	assert_int_equal(file_read(path, 0, &t, &n, NULL, &dl), 0);
	diag_free(&dl);
	return t;
}

static int count_entries(const char *d)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", d);
	FILE *p = popen(cmd, "r");
	int n = -1;
	if (p) {
		if (fscanf(p, "%d", &n) != 1)
			n = -1;
		pclose(p);
	}
	return n;
}

static void write_keeps_mode_and_replaces_atomically(void **state)
{
	(void)state;
	char f[512];
	snprintf(f, sizeof f, "%s/spec.yaml", dir);
	put(f, "old\n");
	chmod(f, 0640);
	struct file_stamp st;
	struct diag_list dl = { 0 };
	char *t;
	size_t n;
	assert_int_equal(file_read(f, 0, &t, &n, &st, &dl), 0);
	free(t);
	assert_int_equal(file_write_atomic(f, "new\n", 4, &st, false, &st, &dl), 0);
	char *now = get(f);
	assert_string_equal(now, "new\n");
	free(now);
	struct stat sb;
	stat(f, &sb);
	assert_int_equal(sb.st_mode & 0777, 0640);
	assert_int_equal(count_entries(dir), 1);  /* no temporary left */
	diag_free(&dl);
}

static void refuses_file_changed_on_disk(void **state)
{
	(void)state;
	char f[512];
	snprintf(f, sizeof f, "%s/changed.yaml", dir);
	put(f, "one\n");
	struct file_stamp st;
	struct diag_list dl = { 0 };
	char *t;
	size_t n;
	assert_int_equal(file_read(f, 0, &t, &n, &st, &dl), 0);
	free(t);
	put(f, "someone else\n");
	assert_true(file_changed_since(f, &st));
	assert_int_equal(file_write_atomic(f, "mine\n", 5, &st, false, NULL, &dl), -1);
	assert_string_equal(dl.v[0].rule, "file-changed");
	assert_non_null(strstr(dl.v[0].message, "changed on disk"));
	char *now = get(f);
	assert_string_equal(now, "someone else\n");
	free(now);
	assert_int_equal(file_write_atomic(f, "mine\n", 5, &st, true, NULL, &dl), 0);
	now = get(f);
	assert_string_equal(now, "mine\n");
	free(now);
	diag_free(&dl);
}

static void writes_through_symlinks(void **state)
{
	(void)state;
	char f[512], l[512];
	snprintf(f, sizeof f, "%s/target.yaml", dir);
	snprintf(l, sizeof l, "%s/link.yaml", dir);
	put(f, "t\n");
	assert_int_equal(symlink("target.yaml", l), 0);
	struct diag_list dl = { 0 };
	assert_int_equal(file_write_atomic(l, "via link\n", 9, NULL, false, NULL, &dl), 0);
	struct stat sb;
	assert_int_equal(lstat(l, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	char *now = get(f);
	assert_string_equal(now, "via link\n");
	free(now);

	/* a chain of links into another directory: the target's mode is kept
	 * and the temporary file is made beside the target, not the link */
	char sub[512], t2[600], l2[512];
	snprintf(sub, sizeof sub, "%s/elsewhere", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(t2, sizeof t2, "%s/real.yaml", sub);
	put(t2, "real\n");
	assert_int_equal(chmod(t2, 0604), 0);
	snprintf(l2, sizeof l2, "%s/chain.yaml", dir);
	assert_int_equal(symlink("elsewhere/real.yaml", l), -1);   /* l exists */
	assert_int_equal(symlink("link2.yaml", l2), 0);
	char l3[512];
	snprintf(l3, sizeof l3, "%s/link2.yaml", dir);
	assert_int_equal(symlink("elsewhere/real.yaml", l3), 0);
	int before = count_entries(dir);
	assert_int_equal(file_write_atomic(l2, "chained\n", 8, NULL, false, NULL, &dl), 0);
	now = get(t2);
	assert_string_equal(now, "chained\n");
	free(now);
	assert_int_equal(stat(t2, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0604);
	assert_int_equal(lstat(l2, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	assert_int_equal(count_entries(dir), before);
	assert_int_equal(count_entries(sub), 1);

	/* a link to a file that does not exist yet: the file is created there */
	char dl_link[512], dl_target[600];
	snprintf(dl_link, sizeof dl_link, "%s/dangling.yaml", dir);
	snprintf(dl_target, sizeof dl_target, "%s/created.yaml", sub);
	assert_int_equal(symlink("elsewhere/created.yaml", dl_link), 0);
	assert_int_equal(file_write_atomic(dl_link, "new\n", 4, NULL, false, NULL, &dl), 0);
	assert_int_equal(lstat(dl_link, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	now = get(dl_target);
	assert_string_equal(now, "new\n");
	free(now);

	/* a loop of links is an error, and nothing is written */
	char la[512], lb[512];
	snprintf(la, sizeof la, "%s/loop-a", dir);
	snprintf(lb, sizeof lb, "%s/loop-b", dir);
	assert_int_equal(symlink("loop-b", la), 0);
	assert_int_equal(symlink("loop-a", lb), 0);
	before = count_entries(dir);
	assert_int_equal(file_write_atomic(la, "x\n", 2, NULL, false, NULL, &dl), -1);
	assert_non_null(strstr(dl.v[dl.n - 1].message, "symbolic links"));
	assert_int_equal(count_entries(dir), before);
	diag_free(&dl);
}

static void new_files_follow_the_umask(void **state)
{
	(void)state;
	char f[512];
	snprintf(f, sizeof f, "%s/fresh.yaml", dir);
	mode_t old = umask(027);
	struct diag_list dl = { 0 };
	assert_int_equal(file_write_atomic(f, "a: 1\n", 5, NULL, false, NULL, &dl), 0);
	umask(old);
	struct stat sb;
	assert_int_equal(stat(f, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0640);
	diag_free(&dl);
}

static void reading_refuses_directories_fifos_and_big_files(void **state)
{
	(void)state;
	struct diag_list dl = { 0 };
	char *t;
	size_t n;
	assert_int_equal(file_read(dir, 0, &t, &n, NULL, &dl), -1);
	assert_non_null(strstr(dl.v[0].message, "is a directory"));
	char fifo[512];
	snprintf(fifo, sizeof fifo, "%s/fifo", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(file_read(fifo, 0, &t, &n, NULL, &dl), -1);
	assert_non_null(strstr(dl.v[1].message, "not a regular file"));
	char big[512];
	snprintf(big, sizeof big, "%s/big.yaml", dir);
	put(big, "0123456789abcdef");
	assert_int_equal(file_read(big, 8, &t, &n, NULL, &dl), -1);
	assert_non_null(strstr(dl.v[2].message, "over the limit"));
	assert_int_equal(file_read("/nonexistent/x.yaml", 0, &t, &n, NULL, &dl), -1);
	assert_non_null(strstr(dl.v[3].message, "cannot open"));
	diag_free(&dl);
}

static void write_failure_leaves_original(void **state)
{
	(void)state;
	char sub[512], f[600];
	snprintf(sub, sizeof sub, "%s/ro", dir);
	mkdir(sub, 0700);
	snprintf(f, sizeof f, "%s/spec.yaml", sub);
	put(f, "original\n");
	chmod(sub, 0500);   /* no temporary file can be created here */
	struct diag_list dl = { 0 };
	int rc = file_write_atomic(f, "new\n", 4, NULL, false, NULL, &dl);
	chmod(sub, 0700);
	if (geteuid() == 0) {
		/* root ignores directory permissions; nothing to prove here */
		assert_int_equal(rc, 0);
	} else {
		assert_int_equal(rc, -1);
		char *now = get(f);
		assert_string_equal(now, "original\n");
		free(now);
	}
	diag_free(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(write_keeps_mode_and_replaces_atomically),
		cmocka_unit_test(refuses_file_changed_on_disk),
		cmocka_unit_test(writes_through_symlinks),
		cmocka_unit_test(reading_refuses_directories_fifos_and_big_files),
		cmocka_unit_test(write_failure_leaves_original),
		cmocka_unit_test(new_files_follow_the_umask),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
