/* editor: a round trip through the user's text editor.
 *
 * The text goes to a file in a private directory (mkdtemp, mode 0700),
 * curses is suspended, $VISUAL or $EDITOR (else vi) runs on it through
 * execvp -- split on blanks, never through a shell -- and the file is read
 * back. The caller decides whether to keep the copy (e.g. when it does not
 * parse) or remove it.
 */
#ifndef OSMO_UI_EDITOR_H
#define OSMO_UI_EDITOR_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

struct editor_result {
	int status;      /* the editor's exit status (127: could not run it) */
	char *text;      /* the file after editing (malloc'd) */
	size_t len;
	char *path;      /* the temporary file */
	char *dir;       /* its private directory */
};

/* Edit text; name (a file name, e.g. "spec.yaml") gives the temp file its
 * name so editors pick the right mode. Returns 0 (see r->status), or -1 with
 * a message when the file cannot be written or read back. */
int editor_run(const char *name, const char *text, size_t len, struct editor_result *r,
	       struct buf *msg);
/* Remove the temporary file and directory (unless keep) and free r. */
void editor_done(struct editor_result *r, bool keep);

#endif
