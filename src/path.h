/* path: addresses of nodes in a document.
 *
 * Syntax (DESIGN §8): dot-separated keys, `[N]` for a list index, `[name=X]`
 * for the list item whose `name` is X, e.g.
 *     workflow.groups[name=train].tasks[0].image
 * Keys that contain '.', '[' or ']' (or are empty) are written quoted:
 *     workflow.tasks[0].environment."A.B"
 * A `[key=value]` selector may match any scalar field, not only `name`.
 */
#ifndef OSMO_PATH_H
#define OSMO_PATH_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "doc.h"

enum path_step_kind {
	PATH_KEY,      /* .key */
	PATH_INDEX,    /* [N] */
	PATH_MATCH,    /* [field=value] */
};

struct path_step {
	enum path_step_kind kind;
	char *key;       /* PATH_KEY: the key; PATH_MATCH: the field */
	char *value;     /* PATH_MATCH: the wanted value */
	size_t index;    /* PATH_INDEX */
};

struct path {
	struct path_step *steps;
	size_t n;
};

/* Parse s into p. On error returns -1 and sets *err_msg (static text) and
 * *err_pos (byte offset in s). */
int path_parse(const char *s, struct path *p, const char **err_msg, size_t *err_pos);
/* Free the steps. */
void path_free(struct path *p);

/* Follow p from root. Returns the node, or NULL; on NULL, *matched is the
 * number of steps that did resolve (so callers can name the nearest existing
 * path) and *last the node reached by them. */
const struct doc_node *path_resolve(const struct doc_node *root, const struct path *p,
				    size_t *matched, const struct doc_node **last);

/* Append the path of the first n steps of p, in canonical syntax. */
void path_format_prefix(const struct path *p, size_t n, struct buf *out);
/* Append the canonical path of node n (using [name=X] for items that have a
 * unique name, else [N]). */
void path_of_node(const struct doc_node *n, struct buf *out);

/* Completion: append to out, one per line, the possible continuations of the
 * partial path s (keys of the mapping reached, "[N]" / "[name=X]" of a list).
 * Returns the number of candidates. */
size_t path_complete(const struct doc_node *root, const char *s, struct buf *out);

#endif
