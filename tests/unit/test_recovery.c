/* Unit tests of the recovery copies (src/recovery.h) and the private
 * writer they use (file_write_private in src/save.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "scratch.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "recovery.h"
#include "save.h"

static char *in_dir(const char *name)
{
	static char p[4][512];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
	return p[k];
}

static void test_names(void **state)
{
	(void)state;
	const char *spec = in_dir("train.yaml");
	scratch_put(spec, "workflow: {}\n");
	assert_int_equal(mkdir(in_dir("sub"), 0700), 0);
	char *a = recovery_file("/r", spec);
	char *b = recovery_file("/r", in_dir("sub/../train.yaml"));
	char cwd[512];
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(dir), 0);
	char *c = recovery_file("/r", "train.yaml");
	assert_int_equal(chdir(cwd), 0);
	char *d = recovery_file("/r", in_dir("other.yaml"));
	assert_non_null(a);
	assert_string_equal(a, b);              /* the same file by any path */
	assert_string_equal(a, c);
	assert_string_not_equal(a, d);          /* another file, another copy */
	assert_int_equal(strncmp(a, "/r/", 3), 0);
	assert_int_equal(strlen(a), 3 + 16 + 1 + strlen("train.yaml"));
	assert_string_equal(a + strlen(a) - strlen("-train.yaml"), "-train.yaml");
	free(a);
	free(b);
	free(c);
	free(d);
}

static void test_write_read_remove(void **state)
{
	(void)state;
	const char *spec = in_dir("p.yaml");
	scratch_put(spec, "on disk\n");
	const char *rdir = in_dir("state/osmo-tui/recovery");
	struct diag_list dl = { 0 };
	mode_t old = umask(0);
	int rc = recovery_write(rdir, spec, "unsaved\n", 8, &dl);
	umask(old);
	assert_int_equal(rc, 0);
	assert_int_equal(dl.n, 0);
	struct stat sb;
	assert_int_equal(stat(rdir, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	assert_int_equal(stat(in_dir("state"), &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);   /* parents are private too */
	char *copy = recovery_file(rdir, spec);
	assert_int_equal(stat(copy, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);    /* even with umask 0 */
	char *text;
	size_t len;
	assert_int_equal(recovery_read(rdir, spec, &text, &len, &dl), 1);
	assert_int_equal(len, 8);
	assert_string_equal(text, "unsaved\n");
	free(text);
	/* a second write replaces the copy */
	assert_int_equal(recovery_write(rdir, spec, "more", 4, &dl), 0);
	assert_int_equal(recovery_read(rdir, spec, &text, &len, &dl), 1);
	assert_string_equal(text, "more");
	free(text);
	assert_int_equal(recovery_remove(rdir, spec, &dl), 0);
	assert_int_equal(stat(copy, &sb), -1);
	assert_int_equal(recovery_read(rdir, spec, &text, &len, &dl), 0);
	assert_null(text);
	assert_int_equal(recovery_remove(rdir, spec, &dl), 0);   /* none: still fine */
	assert_int_equal(dl.n, 0);
	free(copy);
}

static void test_errors(void **state)
{
	(void)state;
	const char *blocker = in_dir("not-a-dir");
	scratch_put(blocker, "x");
	struct diag_list dl = { 0 };
	assert_int_equal(recovery_write(in_dir("not-a-dir/recovery"), in_dir("p.yaml"), "t", 1, &dl), -1);
	assert_int_equal(dl.n, 1);
	assert_string_equal(dl.v[0].rule, "io");
	assert_non_null(strstr(dl.v[0].message, "recovery folder"));
	diag_free(&dl);
}

static void test_private_writer(void **state)
{
	(void)state;
	const char *p = in_dir("shared.txt");
	scratch_put(p, "old");
	assert_int_equal(chmod(p, 0644), 0);
	struct diag_list dl = { 0 };
	assert_int_equal(file_write_private(p, "new", 3, &dl), 0);
	struct stat sb;
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(sb.st_size, 3);
	/* the ordinary writer still keeps a file's mode */
	assert_int_equal(chmod(p, 0640), 0);
	assert_int_equal(file_write_atomic(p, "newer", 5, NULL, true, NULL, &dl), 0);
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0640);
	assert_int_equal(dl.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_names, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(test_write_read_remove, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(test_errors, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(test_private_writer, scratch_setup, scratch_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
