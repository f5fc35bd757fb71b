/* recovery: copies of unsaved work, so a crash loses at most a few seconds.
 *
 * While a document has unsaved changes the TUI writes its text to a copy
 * in a private folder (normally paths.h recovery_dir). There is one copy
 * per edited file, named by the FNV-1a hash of the file's absolute path
 * (symlinks resolved when the file exists) followed by its base name, e.g.
 * "9c1f0e4d2a7b3c55-train.yaml", so the same file finds its copy again
 * whatever the working directory. Copies are written like saves (temporary
 * file, fsync, rename) but always private: mode 0600, in folders created
 * with mode 0700. A copy is removed when the file is saved or the program
 * quits cleanly; one found at start-up is work a crash would have lost.
 */
#ifndef OSMO_RECOVERY_H
#define OSMO_RECOVERY_H

#include <stddef.h>

#include "diag.h"

/* The path of the copy of path in dir (malloc'd), or NULL when out of
 * memory or path cannot be made absolute. */
char *recovery_file(const char *dir, const char *path);

/* Write text as the copy of path, creating dir (and its parents) when
 * needed. 0, or -1 with a diagnostic (rule "io"). */
int recovery_write(const char *dir, const char *path, const char *text, size_t len,
		   struct diag_list *dl);

/* Read the copy of path: 1 with *text (malloc'd, NUL-terminated) and *len,
 * 0 when there is none, -1 with a diagnostic when it cannot be read. */
int recovery_read(const char *dir, const char *path, char **text, size_t *len,
		  struct diag_list *dl);

/* Remove the copy of path: 0 (removed, or there was none), or -1 with a
 * diagnostic. */
int recovery_remove(const char *dir, const char *path, struct diag_list *dl);

#endif
