/* scratch: a private scratch directory for unit tests that touch files.
 *
 * Use scratch_setup/scratch_teardown as the group setup and teardown of a
 * cmocka test group; `dir` is the directory. scratch_put writes a file,
 * creating the folders under dir on the way for a relative name. Include
 * after <cmocka.h>; define _DEFAULT_SOURCE before everything (mkdtemp).
 */
#ifndef OSMO_TESTS_SCRATCH_H
#define OSMO_TESTS_SCRATCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char dir[256];

static __attribute__((unused)) int scratch_setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "%s/osmo-unit-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	return mkdtemp(dir) ? 0 : -1;
}

static __attribute__((unused)) int scratch_teardown(void **state)
{
	(void)state;
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

/* Write text to path (absolute, or relative to dir with its folders made). */
static __attribute__((unused)) void scratch_put(const char *name, const char *text)
{
	char path[512];
	if (name[0] == '/') {
		snprintf(path, sizeof path, "%s", name);
	} else {
		snprintf(path, sizeof path, "%s/%s", dir, name);
		for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')); p++) {
			*p = '\0';
			mkdir(path, 0755);
			*p = '/';
		}
	}
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

#endif
