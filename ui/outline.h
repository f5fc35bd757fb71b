/* outline: the spec as rows of a foldable tree, with problem markers.
 *
 * Rows are built from the document tree: one row per mapping entry and
 * sequence item whose ancestors are all unfolded, in document order. Fold
 * state is kept by a stable key (a hash of the chain of keys and item names
 * from the root), not by node pointer, so it survives edits and re-parses. Rows are
 * rebuilt only when the document or the fold state changes; moving the
 * selection never walks the document. Labels are computed when a row is
 * drawn, so only visible rows cost anything.
 */
#ifndef OSMO_UI_OUTLINE_H
#define OSMO_UI_OUTLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"

#define OUTLINE_NO_PARENT UINT32_MAX

enum {
	ROW_FOLDABLE = 1 << 0,   /* a non-empty collection */
	ROW_OPEN = 1 << 1,       /* unfolded */
	ROW_ERROR = 1 << 2,      /* a problem of severity error lands here */
	ROW_WARNING = 1 << 3,    /* a warning (or note) lands here */
	ROW_HASHED = 1 << 4,     /* hash is the node's fold hash, and depends on the
	                            node and its parent's hash only (not its index) */
};

struct outline_row {
	const struct doc_node *node;   /* the entry's value node, or the item */
	uint32_t parent;               /* row index of the parent row */
	uint32_t start, end;           /* byte span of the whole entry */
	uint16_t depth;
	uint16_t flags;
	uint32_t version;              /* the node's version when built */
	uint64_t hash;                 /* fold hash (ROW_HASHED) */
};

struct outline_foldset;

struct outline {
	struct outline_row *rows;
	size_t n, cap;
	struct outline_foldset *folds;
	/* the previous build's rows: an unchanged node keeps its fold hash
	 * (hashing names every task's name: a cold read per task) */
	struct outline_row *prev;
	size_t prev_n, prev_cap, prev_at;
	unsigned tree_id;              /* the doc tree the rows point into */
};

/* Initialise an empty outline. */
void outline_init(struct outline *o);
/* Free rows and fold state. */
void outline_free(struct outline *o);
/* Rebuild the rows from d's tree and the fold state. Returns 0 or -1 (out
 * of memory: rows may be incomplete). */
int outline_build(struct outline *o, const struct doc *d);
/* Set the problem markers from diags (byte offsets; others are ignored). */
void outline_mark(struct outline *o, const struct diag *diags, size_t n);
/* Row showing byte offset off: the deepest row whose entry contains it, or
 * (size_t)-1 when none does. */
size_t outline_row_at(const struct outline *o, uint32_t off);
/* Row of node n (exact), or (size_t)-1. */
size_t outline_row_of(const struct outline *o, const struct doc_node *n);
/* Fold or unfold the row's node (takes effect at the next build). */
void outline_set_open(struct outline *o, size_t row, bool open);
/* Unfold every ancestor of n so that n gets a row at the next build. */
void outline_reveal(struct outline *o, const struct doc_node *n);
/* Fold every collection (all = true) or return to the default folding. */
void outline_reset_folds(struct outline *o);

/* Label parts of a row of the document whose text is src: prefix ("task",
 * "group", "profile" or ""), name (key or item name), value (a one-line
 * scalar as written, else its first line) and summary (counts or the first
 * fields of a folded mapping). Appended to the bufs. */
void outline_label(const char *src, const struct outline_row *r, struct buf *prefix,
		   struct buf *name, struct buf *value, struct buf *summary);

/* Append the path of n (keys, [name=X] for named items, [N] else),
 * without the uniqueness scan of path_of_node (cheap for big lists; a
 * duplicated name resolves to its first item). */
void outline_node_path(const struct doc_node *n, struct buf *out);
/* The deepest node of d containing byte offset off (NULL if none). */
const struct doc_node *outline_node_at(const struct doc *d, uint32_t off);
/* The task, group or resource profile named name (NULL if none). */
const struct doc_node *outline_find_name(const struct doc *d, const char *name);
/* Append the names of tasks, groups and profiles, one per line, that start
 * with prefix (all when prefix is ""). Returns the count. */
size_t outline_names(const struct doc *d, const char *prefix, struct buf *out);
/* The next node after from (document order, wrapping; backward: previous)
 * whose key or scalar text contains text, ignoring case. NULL if none. */
const struct doc_node *outline_search(const struct doc *d, const struct doc_node *from,
				      const char *text, bool backward);

#endif
