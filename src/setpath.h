/* setpath: "PATH=VALUE" edits — the one meaning of `osmo-tui set` and the
 * TUI's `:set`.
 *
 * An existing node gets the new YAML value; missing trailing keys are added
 * to the last mapping found (nested as needed); `[N]` with N equal to the
 * length of a list appends to it. Anything else is an error that names the
 * nearest path that exists and what is there.
 */
#ifndef OSMO_SETPATH_H
#define OSMO_SETPATH_H

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "path.h"

/* The '=' ending PATH in "PATH=VALUE": the first one outside [...] and
 * double quotes. NULL when there is none. */
const char *setpath_split(const char *assignment);

/* Set path (text) to the YAML value. Returns 0; -1 when the edit failed
 * (diagnostics in diags); -2 when the path is malformed or leads nowhere
 * (why, when not NULL, receives the explanation). */
int setpath_apply(struct doc *d, const char *path, const char *yaml, struct diag_list *diags,
		  struct buf *why);

/* Append "the nearest existing path is P (what is there)" for a path of
 * which the first `matched` steps resolved, reaching `last`. */
void setpath_nearest(const struct path *p, size_t matched, const struct doc_node *last,
		     struct buf *out);

#endif
