/* session: one spec file being edited: its document, undo journal, disk
 * stamp and current problems.
 *
 * The TUI's views read the document through the session and change it only
 * through the session's operations (which call src/edit.h inside one undo
 * action each), so that after every change the problem list is brought up
 * to date before the next key is read. No curses here: this module is the
 * seam between the core library and the screen.
 */
#ifndef OSMO_UI_SESSION_H
#define OSMO_UI_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"

struct session;
struct journal;

enum session_save_result {
	SAVE_OK = 0,
	SAVE_ERROR = -1,       /* message in msg */
	SAVE_CHANGED_ON_DISK = 1,  /* the file changed since it was loaded: ask, then force */
};

/* Open path. Returns NULL (reason in msg) when it cannot be read; a file
 * that does not parse still opens (its problems say why). */
struct session *session_open(const char *path, struct buf *msg);
/* Create path (it must not exist) with text, then open it. */
struct session *session_create(const char *path, const char *text, size_t len, struct buf *msg);
/* Free everything. */
void session_free(struct session *s);

/* Values for templated specs (--set K=V, as `osmo-tui validate --set`).
 * 0, or -1 with a message for a malformed one. */
int session_set_values(struct session *s, char *const *sets, size_t n, struct buf *msg);

/* The path as given. */
const char *session_path(const struct session *s);
/* The document (borrowed; its tree changes after every edit). */
struct doc *session_doc(const struct session *s);
/* The undo journal. */
struct journal *session_journal(const struct session *s);
/* True when the text differs from the file as last loaded or saved. */
bool session_modified(const struct session *s);
/* workflow.pool, or NULL. */
const char *session_pool(const struct session *s);
/* True when the file on disk changed since it was loaded or saved. */
bool session_changed_on_disk(const struct session *s);

/* True once per change made to the file by someone else since it was
 * loaded or saved (a stat per call; the contents only when that differs). */
bool session_disk_news(struct session *s);

/* Bring the problems up to date with the document: the same checks as
 * `osmo-tui validate` (cheap when nothing changed). Returns true when they
 * were recomputed. */
bool session_revalidate(struct session *s);
/* Problems, sorted by position. */
size_t session_ndiags(const struct session *s);
const struct diag *session_diag(const struct session *s, size_t i);
/* Problems of severity sev. */
size_t session_count(const struct session *s, enum diag_severity sev);

/* Save to path (NULL: the session's own file; another path becomes the
 * session's file). force overwrites a file that changed on disk. */
enum session_save_result session_save(struct session *s, const char *path, bool force,
				      struct buf *msg);
/* Throw away the changes and read the file again. 0 or -1 (msg). */
int session_reload(struct session *s, struct buf *msg);
/* Undo / redo one user action: 0 done, 1 nothing to do, -1 error (msg). */
int session_undo(struct session *s, struct buf *msg);
int session_redo(struct session *s, struct buf *msg);
/* The '=' that ends PATH in "PATH=VALUE" (the first outside [..] and
 * quotes), or NULL. */
const char *session_find_assign(const char *s);
/* Set PATH=VALUE (value as YAML text, like `osmo-tui set`): 0 or -1 (msg). */
int session_set(struct session *s, const char *assignment, struct buf *msg);
/* Replace the whole text (an $EDITOR round trip) as one undo action: 0, or
 * -1 when it does not parse (the document is unchanged; errors in msg). */
int session_replace_text(struct session *s, const char *text, size_t len, struct buf *msg);

/* --- structural edits by path (session_edit.c); each is one undo step.
 * They return 0, or -1 with a message; new_path (may be NULL) receives the
 * path of the node the edit produced. --- */

/* The node at path on the current tree (NULL with a message). */
const struct doc_node *session_resolve(struct session *s, const char *path, struct buf *msg);
/* Insert YAML as item index of the list at seq_path. */
int session_insert(struct session *s, const char *seq_path, size_t index, const char *yaml,
		   const char *label, struct buf *new_path, struct buf *msg);
/* Set key of the mapping at map_path to YAML (added when missing). */
int session_put(struct session *s, const char *map_path, const char *key, const char *yaml,
		const char *label, struct buf *new_path, struct buf *msg);
/* Remove the entry or item at path. */
int session_remove(struct session *s, const char *path, struct buf *msg);
/* Copy the list item at path right after it (a named copy is renamed
 * NAME-copy so names stay unique). */
int session_duplicate(struct session *s, const char *path, struct buf *new_path, struct buf *msg);
/* Move the list item at path one place up (delta < 0) or down. */
int session_move(struct session *s, const char *path, int delta, struct buf *new_path, struct buf *msg);
/* Replace the value at path: text as a string (quoted as needed) or as YAML. */
int session_set_value(struct session *s, const char *path, const char *text, bool as_string,
		      struct buf *msg);
/* Append text as a YAML scalar that reads back as that string. */
void session_quote(const char *text, struct buf *out);

/* Append the first diagnostic messages of diags to msg ("; " separated). */
void session_format_diags(const struct diag_list *diags, size_t max, struct buf *msg);

#endif
