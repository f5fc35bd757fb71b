/* recovery: private copies of unsaved work (see recovery.h).
 *
 * The copy's name comes from the file's absolute path so that "train.yaml"
 * opened from its folder and "../x/train.yaml" opened from elsewhere share
 * one copy; writing goes through save.h's private atomic writer, so a
 * crash in the middle of an autosave leaves the previous copy whole.
 */
#define _DEFAULT_SOURCE 1  /* realpath */
#include "recovery.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "paths.h"
#include "save.h"

#define BASE_MAX 200            /* bytes of the base name kept in the copy's name */
#define MAX_COPY ((size_t)64 << 20)

char *recovery_file(const char *dir, const char *path)
{
	char *abs = realpath(path, NULL);
	if (!abs)
		abs = paths_expand(path, NULL);
	if (!abs)
		return NULL;
	const char *base = strrchr(abs, '/');
	base = base && base[1] ? base + 1 : "file";
	size_t blen = strlen(base);
	if (blen > BASE_MAX)
		blen = BASE_MAX;
	struct buf out = BUF_INIT;
	buf_printf(&out, "%s/%016llx-%.*s", dir, (unsigned long long)file_hash(abs, strlen(abs)),
		   (int)blen, base);
	free(abs);
	return buf_detach(&out);
}

static int fail(struct diag_list *dl, const char *path, const char *what)
{
	diag_addf_lc(dl, DIAG_ERROR, "io", 0, 0, "%s: %s: %s", path, what, strerror(errno));
	return -1;
}

/* mkdir -p dir with mode 0700 for what it creates. */
static int make_dirs(const char *dir, struct diag_list *dl)
{
	size_t n = strlen(dir);
	if (n == 0 || n >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return fail(dl, dir, "cannot create the recovery folder");
	}
	char p[PATH_MAX];
	memcpy(p, dir, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (p[i] != '/' && p[i] != '\0')
			continue;
		char c = p[i];
		p[i] = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST)
			return fail(dl, p, "cannot create the recovery folder");
		p[i] = c;
	}
	struct stat sb;
	if (stat(dir, &sb) < 0)
		return fail(dl, dir, "cannot use the recovery folder");
	if (!S_ISDIR(sb.st_mode)) {
		errno = ENOTDIR;
		return fail(dl, dir, "cannot use the recovery folder");
	}
	return 0;
}

int recovery_write(const char *dir, const char *path, const char *text, size_t len,
		   struct diag_list *dl)
{
	if (make_dirs(dir, dl) < 0)
		return -1;
	char *copy = recovery_file(dir, path);
	if (!copy) {
		diag_addf_lc(dl, DIAG_ERROR, "io", 0, 0, "%s: cannot name its recovery copy", path);
		return -1;
	}
	int rc = file_write_private(copy, text, len, dl);
	free(copy);
	return rc;
}

int recovery_read(const char *dir, const char *path, char **text, size_t *len,
		  struct diag_list *dl)
{
	*text = NULL;
	*len = 0;
	char *copy = recovery_file(dir, path);
	if (!copy) {
		diag_addf_lc(dl, DIAG_ERROR, "io", 0, 0, "%s: cannot name its recovery copy", path);
		return -1;
	}
	struct stat sb;
	int rc;
	if (stat(copy, &sb) < 0 && errno == ENOENT)
		rc = 0;
	else
		rc = file_read(copy, MAX_COPY, text, len, NULL, dl) == 0 ? 1 : -1;
	free(copy);
	return rc;
}

int recovery_remove(const char *dir, const char *path, struct diag_list *dl)
{
	char *copy = recovery_file(dir, path);
	if (!copy) {
		diag_addf_lc(dl, DIAG_ERROR, "io", 0, 0, "%s: cannot name its recovery copy", path);
		return -1;
	}
	int rc = 0;
	if (unlink(copy) < 0 && errno != ENOENT)
		rc = fail(dl, copy, "cannot remove the recovery copy");
	free(copy);
	return rc;
}
