/* autosave: when to write the recovery copy of the open file.
 *
 * The app loop calls autosave_tick() before it waits for a key: it notes
 * whether the document changed and returns how long the loop may wait for
 * input before autosave_idle() is due (the main loop's input timeout; no
 * timer, no signal handler). A copy (src/recovery.h) is written after
 * delay_ms without a key once there are unsaved changes, and removed when
 * they are gone: the file was saved, every change was undone, or another
 * file was opened. A clean quit removes it too; a crash leaves it behind
 * for the next start to offer. No curses here.
 */
#ifndef OSMO_UI_AUTOSAVE_H
#define OSMO_UI_AUTOSAVE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "doc.h"

struct session;

struct autosave {
	char *dir;               /* the recovery folder; NULL: autosave is off */
	int delay_ms;            /* idle time before a copy is written; <= 0: off */
	char *path;              /* the file being followed, or NULL */
	bool written;            /* a copy of path exists that this program owns */
	bool pending;            /* changes that are not in the copy yet */
	bool failed;             /* the last write failed (said once per change) */
	const struct doc *doc;   /* the document and generation last seen */
	unsigned gen;
	double changed_ms;       /* when a change was last seen */
	char *held;              /* a file whose older copy the user kept: never touched */
};

/* Start following nothing; dir (copied; may be NULL) and delay_ms as above. */
void autosave_init(struct autosave *a, const char *dir, int delay_ms);
/* Free what a holds (the copy on disk stays: see autosave_quit). */
void autosave_free(struct autosave *a);

/* Note the state of s (NULL: no file open) at time now_ms. Removes this
 * program's copy when it is no longer needed. Returns the milliseconds the
 * loop may wait for a key before calling autosave_idle(), or -1 when no
 * copy is due (wait as long as it takes). */
int autosave_tick(struct autosave *a, struct session *s, double now_ms);
/* No key came in time: write the copy of s when changes are pending.
 * Returns 1 when written, 0 when nothing was due, -1 when the write failed
 * (msg says why; it is not retried until the next change). */
int autosave_idle(struct autosave *a, struct session *s, struct buf *msg);
/* Clean quit: remove this program's copy. */
void autosave_quit(struct autosave *a);

/* The user keeps the older copy of path for later: never write or remove
 * it in this run. */
void autosave_hold(struct autosave *a, const char *path);
/* The copy of path was just recovered into the document: it belongs to
 * this program now (removed on save or clean quit). */
void autosave_adopt(struct autosave *a, const char *path);

/* The copy of path left by an earlier run, when it differs from the file:
 * 1 with *text (malloc'd) and *len; 0 when there is none (a copy equal to
 * the file is removed); -1 with msg when it cannot be read. */
int autosave_find(const struct autosave *a, const char *path, char **text, size_t *len,
		  struct buf *msg);
/* Remove the copy of path. 0, or -1 with msg. */
int autosave_discard(struct autosave *a, const char *path, struct buf *msg);

#endif
