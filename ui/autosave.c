/* autosave: the recovery copy's timing and lifetime (see autosave.h).
 *
 * A change is noticed by the document's identity and generation (every
 * edit, undo and reload bumps one of them), so the check costs nothing per
 * key. The copy is named after the file's path; when the session's path
 * changes (save as, another file) the old copy is removed, since its work
 * now lives elsewhere or was given up.
 */
#include "autosave.h"

#include <stdlib.h>
#include <string.h>

#include "recovery.h"
#include "save.h"
#include "session.h"

void autosave_init(struct autosave *a, const char *dir, int delay_ms)
{
	memset(a, 0, sizeof *a);
	a->dir = dir ? strdup(dir) : NULL;
	a->delay_ms = delay_ms;
}

void autosave_free(struct autosave *a)
{
	free(a->dir);
	free(a->path);
	free(a->held);
	memset(a, 0, sizeof *a);
}

static bool active(const struct autosave *a)
{
	return a->dir && a->delay_ms > 0;
}

static void remove_copy(struct autosave *a)
{
	if (a->written && a->path) {
		struct diag_list dl = { 0 };
		recovery_remove(a->dir, a->path, &dl);
		diag_free(&dl);
	}
	a->written = false;
	a->pending = false;
	a->failed = false;
}

/* Stop following the current file (its copy is removed). */
static void forget(struct autosave *a)
{
	remove_copy(a);
	free(a->path);
	a->path = NULL;
	a->doc = NULL;
}

static bool is_held(const struct autosave *a, const char *path)
{
	return a->held && strcmp(a->held, path) == 0;
}

int autosave_tick(struct autosave *a, struct session *s, double now_ms)
{
	if (!active(a))
		return -1;
	const char *path = s ? session_path(s) : NULL;
	if (a->path && (!path || strcmp(a->path, path) != 0))
		forget(a);
	if (!s || is_held(a, path))
		return -1;
	if (!a->path) {
		a->path = strdup(path);
		if (!a->path)
			return -1;
	}
	const struct doc *d = session_doc(s);
	bool changed = d != a->doc || d->generation != a->gen;
	a->doc = d;
	a->gen = d->generation;
	if (!session_modified(s)) {
		remove_copy(a);
		return -1;
	}
	if (changed) {
		a->pending = true;
		a->failed = false;
		a->changed_ms = now_ms;
	}
	if (!a->pending || a->failed)
		return -1;
	double left = a->delay_ms - (now_ms - a->changed_ms);
	return left <= 0 ? 0 : (int)left + 1;
}

int autosave_idle(struct autosave *a, struct session *s, struct buf *msg)
{
	if (!active(a) || !s || !a->pending || a->failed || !a->path || is_held(a, a->path))
		return 0;
	const struct doc *d = session_doc(s);
	struct diag_list dl = { 0 };
	int rc = recovery_write(a->dir, a->path, d->text, d->len, &dl);
	if (rc < 0) {
		session_format_diags(&dl, 1, msg);
		a->failed = true;
	} else {
		a->written = true;
		a->pending = false;
	}
	diag_free(&dl);
	return rc < 0 ? -1 : 1;
}

void autosave_quit(struct autosave *a)
{
	if (active(a))
		forget(a);
}

void autosave_hold(struct autosave *a, const char *path)
{
	free(a->held);
	a->held = strdup(path);
}

void autosave_adopt(struct autosave *a, const char *path)
{
	if (is_held(a, path)) {
		free(a->held);
		a->held = NULL;
	}
	free(a->path);
	a->path = strdup(path);
	a->written = a->path != NULL;
	a->doc = NULL;
}

int autosave_find(const struct autosave *a, const char *path, char **text, size_t *len,
		  struct buf *msg)
{
	*text = NULL;
	*len = 0;
	if (!a->dir)
		return 0;
	struct diag_list dl = { 0 };
	int rc = recovery_read(a->dir, path, text, len, &dl);
	if (rc < 0)
		session_format_diags(&dl, 1, msg);
	diag_clear(&dl);
	if (rc == 1) {
		char *disk;
		size_t dlen;
		if (file_read(path, 0, &disk, &dlen, NULL, &dl) == 0) {
			bool same = dlen == *len && memcmp(disk, *text, dlen) == 0;
			free(disk);
			if (same) {
				free(*text);
				*text = NULL;
				*len = 0;
				recovery_remove(a->dir, path, &dl);
				rc = 0;
			}
		}
	}
	diag_free(&dl);
	return rc;
}

int autosave_discard(struct autosave *a, const char *path, struct buf *msg)
{
	if (is_held(a, path)) {
		free(a->held);
		a->held = NULL;
	}
	if (!a->dir)
		return 0;
	struct diag_list dl = { 0 };
	int rc = recovery_remove(a->dir, path, &dl);
	if (rc < 0)
		session_format_diags(&dl, 1, msg);
	diag_free(&dl);
	if (a->path && strcmp(a->path, path) == 0)
		a->written = false;
	return rc;
}
