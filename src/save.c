/* save: safe reading and atomic writing of spec files (see save.h).
 *
 * The write path is the classic one: mkstemp beside the target, write,
 * fsync, rename, fsync the directory. A crash at any point leaves either the
 * complete old file or the complete new one. Symlinks are resolved first so
 * the link itself survives and its target is replaced.
 */
#define _DEFAULT_SOURCE 1  /* realpath, fchmod */
#include "save.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_MAX ((size_t)64 << 20)

uint64_t file_hash(const char *text, size_t len)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)text[i]) * 1099511628211ull;
	return h;
}

static void fill_stamp(struct file_stamp *st, const struct stat *sb, const char *text, size_t len)
{
	st->exists = true;
	st->dev = (uint64_t)sb->st_dev;
	st->ino = (uint64_t)sb->st_ino;
	st->size = (uint64_t)sb->st_size;
	st->mtime_sec = (int64_t)sb->st_mtim.tv_sec;
	st->mtime_nsec = (int64_t)sb->st_mtim.tv_nsec;
	st->hash = file_hash(text, len);
}

static int io_error(struct diag_list *diags, const char *path, const char *what)
{
	diag_addf_lc(diags, DIAG_ERROR, "io", 0, 0, "%s: %s", path, what);
	return -1;
}

static int errno_error(struct diag_list *diags, const char *path, const char *doing)
{
	char msg[256];
	snprintf(msg, sizeof msg, "%s: %s", doing, strerror(errno));
	return io_error(diags, path, msg);
}

int file_read(const char *path, size_t max_bytes, char **text, size_t *len,
	      struct file_stamp *st, struct diag_list *diags)
{
	if (!max_bytes)
		max_bytes = DEFAULT_MAX;
	*text = NULL;
	*len = 0;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno_error(diags, path, "cannot open");
	struct stat sb;
	if (fstat(fd, &sb) < 0) {
		close(fd);
		return errno_error(diags, path, "cannot stat");
	}
	if (S_ISDIR(sb.st_mode)) {
		close(fd);
		return io_error(diags, path, "is a directory, not a spec file");
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		return io_error(diags, path, "is not a regular file (a FIFO, device or socket?)");
	}
	if ((uint64_t)sb.st_size > max_bytes) {
		close(fd);
		char msg[128];
		snprintf(msg, sizeof msg, "is %lld bytes, over the limit of %zu bytes",
			 (long long)sb.st_size, max_bytes);
		return io_error(diags, path, msg);
	}
	size_t cap = (size_t)sb.st_size + 1, n = 0;
	char *buf = malloc(cap + 1);
	if (!buf) {
		close(fd);
		return io_error(diags, path, "out of memory");
	}
	for (;;) {
		if (n == cap) {
			/* the file grew while we read it: take at most the limit */
			if (cap > max_bytes) {
				free(buf);
				close(fd);
				return io_error(diags, path, "grew over the size limit while being read");
			}
			size_t ncap = cap * 2;
			char *nb = realloc(buf, ncap + 1);
			if (!nb) {
				free(buf);
				close(fd);
				return io_error(diags, path, "out of memory");
			}
			buf = nb;
			cap = ncap;
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(buf);
			close(fd);
			errno = e;
			return errno_error(diags, path, "cannot read");
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	if (st)
		fill_stamp(st, &sb, buf, n);
	*text = buf;
	*len = n;
	return 0;
}

int file_stamp_now(const char *path, struct file_stamp *st, struct diag_list *diags)
{
	memset(st, 0, sizeof *st);
	struct stat sb;
	if (stat(path, &sb) < 0) {
		if (errno == ENOENT)
			return 0;
		return errno_error(diags, path, "cannot stat");
	}
	char *text;
	size_t len;
	struct diag_list scratch = { 0 };
	if (file_read(path, 0, &text, &len, st, &scratch) < 0) {
		for (size_t i = 0; i < scratch.n; i++)
			diag_add_copy(diags, &scratch.v[i]);
		diag_free(&scratch);
		return -1;
	}
	free(text);
	return 0;
}

bool file_changed_since(const char *path, const struct file_stamp *st)
{
	struct stat sb;
	if (stat(path, &sb) < 0)
		return st->exists;
	if (!st->exists)
		return true;
	if ((uint64_t)sb.st_size == st->size && (uint64_t)sb.st_ino == st->ino &&
	    (uint64_t)sb.st_dev == st->dev && (int64_t)sb.st_mtim.tv_sec == st->mtime_sec &&
	    (int64_t)sb.st_mtim.tv_nsec == st->mtime_nsec)
		return false;
	if ((uint64_t)sb.st_size != st->size)
		return true;
	/* touched or replaced with the same size: compare the bytes */
	struct file_stamp now;
	struct diag_list scratch = { 0 };
	char *text;
	size_t len;
	bool changed = true;
	if (file_read(path, 0, &text, &len, &now, &scratch) == 0) {
		changed = now.hash != st->hash;
		free(text);
	}
	diag_free(&scratch);
	return changed;
}

/* The file a path names when it does not exist yet: path itself, or, for a
 * symlink to a missing file, the end of its chain of links (so the link is
 * kept and its target created). Returns 0, or -1 with errno set. */
static int follow_dangling(const char *path, char *out, size_t cap)
{
	if (strlen(path) >= cap) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(out, path);
	for (int hops = 0; hops < 40; hops++) {
		struct stat sb;
		if (lstat(out, &sb) < 0 || !S_ISLNK(sb.st_mode))
			return 0;
		char link[PATH_MAX];
		ssize_t n = readlink(out, link, sizeof link - 1);
		if (n < 0)
			return -1;
		link[n] = '\0';
		if (link[0] == '/') {
			if ((size_t)n >= cap) {
				errno = ENAMETOOLONG;
				return -1;
			}
			memcpy(out, link, (size_t)n + 1);
		} else {
			char *slash = strrchr(out, '/');
			size_t keep = slash ? (size_t)(slash - out) + 1 : 0;
			if (keep + (size_t)n >= cap) {
				errno = ENAMETOOLONG;
				return -1;
			}
			memcpy(out + keep, link, (size_t)n + 1);
		}
	}
	errno = ELOOP;
	return -1;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int file_write_atomic(const char *path, const char *text, size_t len,
		      const struct file_stamp *expect, bool force,
		      struct file_stamp *new_st, struct diag_list *diags)
{
	/* write through symlinks: replace the target, keep the link */
	char target[PATH_MAX];
	if (!realpath(path, target)) {
		if (errno != ENOENT)
			return errno_error(diags, path, "cannot resolve the path");
		if (follow_dangling(path, target, sizeof target) < 0)
			return errno_error(diags, path, "cannot resolve the path");
	}
	if (expect && !force && file_changed_since(target, expect)) {
		diag_addf_lc(diags, DIAG_ERROR, "file-changed", 0, 0,
			     "%s: changed on disk since it was loaded; not overwriting it "
			     "(reload it, or force the write)", path);
		return -1;
	}
	struct stat sb;
	bool exists = stat(target, &sb) == 0;
	if (exists && !S_ISREG(sb.st_mode))
		return io_error(diags, path, "is not a regular file; not overwriting it");

	char dirbuf[PATH_MAX], basebuf[PATH_MAX], tmp[PATH_MAX];
	strcpy(dirbuf, target);
	strcpy(basebuf, target);
	const char *dir = dirname(dirbuf);
	const char *base = basename(basebuf);
	if (snprintf(tmp, sizeof tmp, "%s/.%s.osmo-tui.XXXXXX", dir, base) >= (int)sizeof tmp)
		return io_error(diags, path, "path too long");
	int fd = mkstemp(tmp);
	if (fd < 0)
		return errno_error(diags, path, "cannot create a temporary file beside it");
	const char *failed = NULL;
	int err = 0;
	if (exists) {
		if (fchmod(fd, sb.st_mode & 07777) < 0) {
			failed = "cannot set the file mode";
			err = errno;
		}
		if (!failed && fchown(fd, sb.st_uid, sb.st_gid) < 0 && errno != EPERM) {
			failed = "cannot keep the file owner";
			err = errno;
		}
	} else {
		mode_t um = umask(0);
		umask(um);
		if (fchmod(fd, 0666 & ~um) < 0) {
			failed = "cannot set the file mode";
			err = errno;
		}
	}
	if (!failed && write_all(fd, text, len) < 0) {
		failed = "cannot write";
		err = errno;
	}
	if (!failed && fsync(fd) < 0) {
		failed = "cannot flush to disk";
		err = errno;
	}
	if (close(fd) < 0 && !failed) {
		failed = "cannot close";
		err = errno;
	}
	if (!failed && rename(tmp, target) < 0) {
		failed = "cannot replace the file";
		err = errno;
	}
	if (failed) {
		unlink(tmp);
		errno = err;
		return errno_error(diags, path, failed);
	}
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	if (new_st) {
		struct stat nsb;
		if (stat(target, &nsb) == 0)
			fill_stamp(new_st, &nsb, text, len);
	}
	return 0;
}
