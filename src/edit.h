/* edit: structural edits of a document, as text splices, with undo/redo.
 *
 * Every operation computes the bytes to replace from the node spans and the
 * layout of its neighbours (indentation, dash style, quoting, flow or block),
 * then calls doc_splice(). Nothing else in the document changes: comments,
 * blank lines and the formatting of untouched nodes survive byte for byte.
 *
 * Values given as `yaml` are YAML text (a scalar such as `5`, `"x"`, or a
 * flow collection `[a, b]`, `{k: v}`, or block text); values given as
 * `string` are raw strings that the editor quotes as needed so that they stay
 * strings. Node arguments must be current (from the tree of the same
 * generation); after any edit, re-resolve nodes (e.g. by path).
 *
 * The journal groups splices into user actions: edit_begin(); several ops;
 * edit_end(). Undo reverts one whole action, redo re-applies it. All ops
 * return 0, or -1 with a diagnostic (and the document unchanged).
 */
#ifndef OSMO_EDIT_H
#define OSMO_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "doc.h"

struct journal;

/* A journal for d (attached: every doc_splice is recorded). */
struct journal *journal_new(struct doc *d);
/* Detach and free. */
void journal_free(struct journal *j);
/* Start a user action named label (nesting allowed; the outermost counts). */
void edit_begin(struct journal *j, const char *label);
/* End the current action. An action with no splice leaves no undo step. */
void edit_end(struct journal *j);
/* Undo the last action. Returns 0, 1 when there is nothing to undo, -1 on error. */
int edit_undo(struct journal *j, struct diag_list *diags);
/* Redo the last undone action. Same returns as edit_undo. */
int edit_redo(struct journal *j, struct diag_list *diags);
/* Label of the action undo/redo would revert (NULL if none). */
const char *edit_undo_label(const struct journal *j);
const char *edit_redo_label(const struct journal *j);
/* True when the text differs from the text at the last edit_mark_saved(). */
bool edit_modified(const struct journal *j);
/* Remember the current state as saved. */
void edit_mark_saved(struct journal *j);

/* Replace the value of node n with YAML text `yaml`. A scalar keeps its
 * quoting style when the new value can be written in it; a collection value
 * is written in block style at n's indentation (or flow if n was flow). */
int edit_set_yaml(struct doc *d, const struct doc_node *n, const char *yaml, struct diag_list *diags);
/* Replace the value of scalar/any node n with the string s, quoted only when
 * needed to stay a string (keeping n's quote style where possible). */
int edit_set_string(struct doc *d, const struct doc_node *n, const char *s, struct diag_list *diags);
/* Set key in mapping m to YAML text `yaml`: replaces the value if the key
 * exists, else appends an entry after the last one (same indentation). If m
 * is an empty scalar (a "key:" with no value), it becomes a block mapping. */
int edit_map_set(struct doc *d, const struct doc_node *m, const char *key, const char *yaml,
		 struct diag_list *diags);
/* Remove the entry of mapping value n (its whole lines; flow: the pair). */
int edit_map_remove(struct doc *d, const struct doc_node *n, struct diag_list *diags);
/* Rename the key of mapping entry n. */
int edit_rename_key(struct doc *d, const struct doc_node *n, const char *newkey, struct diag_list *diags);
/* Insert YAML text `yaml` as item `index` of sequence s (index == len appends),
 * copying the indentation and dash style of the siblings. */
int edit_seq_insert(struct doc *d, const struct doc_node *s, size_t index, const char *yaml,
		    struct diag_list *diags);
/* Remove item n of its sequence (a block list that becomes empty becomes []). */
int edit_seq_remove(struct doc *d, const struct doc_node *n, struct diag_list *diags);
/* Move item `from` of sequence s to position `to` (as one action). */
int edit_seq_move(struct doc *d, const struct doc_node *s, size_t from, size_t to,
		  struct diag_list *diags);
/* Append a copy of item n right after it (the text of the item, verbatim). */
int edit_seq_duplicate(struct doc *d, const struct doc_node *n, struct diag_list *diags);

#endif
