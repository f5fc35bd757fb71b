/* yamlout: writing YAML scalars and small values as text.
 *
 * The quoting decisions of the editor live here: when a string can be
 * written plain, how to write it single- or double-quoted, and how to emit a
 * parsed value (a node of a doc) in block or flow style at an indentation.
 */
#ifndef OSMO_YAMLOUT_H
#define OSMO_YAMLOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "doc.h"

/* True when s[0..n) can be written as a plain scalar that reads back as the
 * same text (and, when must_stay_string, as a string in YAML 1.1: not a
 * number, bool, null or date). flow: it will sit inside [..] or {..}. */
bool yamlout_plain_ok(const char *s, size_t n, bool flow, bool must_stay_string);

/* True when plain text s would not read back as a string under YAML 1.1
 * (PyYAML): null, bool, int, float, timestamp or the merge key. */
bool yamlout_plain_is_special(const char *s, size_t n);

/* Append s as a double-quoted scalar (escapes as needed). */
void yamlout_double(struct buf *b, const char *s, size_t n);
/* Append s as a single-quoted scalar; s must hold no line break. */
void yamlout_single(struct buf *b, const char *s, size_t n);
/* Append s as a one-line scalar: plain when possible, else in the preferred
 * quote style (DOC_SINGLE or DOC_DOUBLE; single falls back to double for
 * text it cannot hold). */
void yamlout_scalar(struct buf *b, const char *s, size_t n, enum doc_style prefer, bool flow,
		    bool must_stay_string);

/* Flags of the block emitter. */
enum {
	YAMLOUT_INDENTLESS = 1 << 0,  /* block sequences under a key at the key's column */
	YAMLOUT_NO_LITERAL = 1 << 1,  /* no "|" block scalars: what follows would join them */
	YAMLOUT_NO_KEEP = 1 << 2,     /* no "|+" block scalars: blank lines follow */
	YAMLOUT_NO_BREAK = 1 << 3,    /* the value ends the file with no line break */
};

/* True when s[0..n) (multi-line text) can be written as a literal block
 * scalar that reads back as the same text, given the flags: no character
 * YAML reads as a line break or refuses, no leading blank, and the final
 * newlines expressible. */
bool yamlout_literal_ok(const char *s, size_t n, unsigned flags);

/* Emit node v (from any doc; src is that doc's text) as the value part that
 * follows "key:" (after_key) or "- " (!after_key) in block context: scalars
 * and flow collections inline, block collections on following lines at
 * indent `indent` (the column of the key or dash that owns the value);
 * multi-line text as a literal block when yamlout_literal_ok(), else
 * double-quoted. nl is the line break to use ("\n" or "\r\n"). */
void yamlout_block_value(struct buf *b, const char *src, const struct doc_node *v, size_t indent,
			 bool after_key, unsigned flags, const char *nl);

/* Emit v in flow style (for values inside [..] or {..}). */
void yamlout_flow_value(struct buf *b, const char *src, const struct doc_node *v);

#endif
