/* save: reading spec files and writing them back safely.
 *
 * Reading refuses directories, FIFOs, devices and files over the size limit
 * with a clear message instead of blocking or eating memory. Writing is
 * atomic: a temporary file in the same directory, fsync, rename over the
 * target, fsync of the directory; the target's mode is kept and a symlink is
 * written through to its target. The original is never truncated: on any
 * error it is left as it was. A stamp taken at load time lets the writer
 * refuse to overwrite a file that changed on disk since (unless forced).
 */
#ifndef OSMO_SAVE_H
#define OSMO_SAVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

struct file_stamp {
	bool exists;
	uint64_t dev, ino, size;
	int64_t mtime_sec, mtime_nsec;
	uint64_t hash;          /* FNV-1a of the contents */
};

/* Read path (at most max_bytes; 0 = 64 MiB) into a malloc'd NUL-terminated
 * buffer. Fills st when not NULL. Returns 0, or -1 with a diagnostic
 * (rule "io") naming the file and the reason. */
int file_read(const char *path, size_t max_bytes, char **text, size_t *len,
	      struct file_stamp *st, struct diag_list *diags);

/* Stamp of the file as it is now (exists == false if it does not exist). */
int file_stamp_now(const char *path, struct file_stamp *st, struct diag_list *diags);

/* True when the file on disk differs from stamp st (contents compared by hash
 * when size and mtime changed but the bytes may be the same). */
bool file_changed_since(const char *path, const struct file_stamp *st);

/* Write text atomically to path. If expect is not NULL and the file changed
 * on disk since expect was taken, refuse (rule "file-changed") unless force.
 * On success fills new_st (when not NULL). Returns 0 or -1 with a diagnostic;
 * on failure the original file is untouched and no temporary file remains. */
int file_write_atomic(const char *path, const char *text, size_t len,
		      const struct file_stamp *expect, bool force,
		      struct file_stamp *new_st, struct diag_list *diags);

/* Write text atomically to path as a private file: mode 0600 whatever the
 * file had (for copies of unsaved work). 0, or -1 with a diagnostic. */
int file_write_private(const char *path, const char *text, size_t len, struct diag_list *diags);

/* FNV-1a hash of a buffer. */
uint64_t file_hash(const char *text, size_t len);

#endif
