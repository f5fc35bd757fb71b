/* pyre: does a pattern compile with Python 3.11's `re`? (rule #40)
 *
 * OSMO checks the `regex` of inputs, outputs and checkpoints with
 * re.compile(). This is a syntax checker for that dialect, not a matcher:
 * it follows the structure of CPython 3.11's re/_parser.py (groups, named
 * groups and references, lookarounds, conditionals, atomic groups, inline
 * flags, character classes, escapes, quantifiers including possessive
 * ones) plus the two checks the compiler adds (fixed-width look-behind,
 * template flag), and reports Python's message and position.
 *
 * Known approximations (no Unicode database here): `\N{NAME}` accepts any
 * non-empty name (Python looks it up); non-ASCII characters count as
 * identifier characters in group names and as letters in flag errors.
 */
#ifndef OSMO_PYRE_H
#define OSMO_PYRE_H

#include <stddef.h>

#include "buf.h"

#define PYRE_NOPOS ((size_t)-1)

enum pyre_kind {
	PYRE_ERROR,       /* re.error (what OSMO turns into "Invalid regex: R") */
	PYRE_OVERFLOW,    /* OverflowError: a repeat count >= 2**32-1 */
	PYRE_VALUE,       /* ValueError: conflicting global flags, huge numbers */
	PYRE_RECURSION,   /* nesting deeper than Python's recursion limit allows */
};

struct pyre_error {
	enum pyre_kind kind;
	char msg[256];    /* Python's message without " at position N" */
	size_t pos;       /* position in code points as Python reports, or PYRE_NOPOS */
	size_t offset;    /* the same position as a byte offset (0 when PYRE_NOPOS) */
};

/* Check pattern pat[0..n) (UTF-8). Returns 0 when re.compile() accepts it,
 * -1 with *e filled when it raises. */
int pyre_check(const char *pat, size_t n, struct pyre_error *e);

/* Append str(error) as Python prints it: "MSG at position N", plus
 * " (line L, column C)" when the pattern contains a newline. */
void pyre_format(const struct pyre_error *e, const char *pat, size_t n, struct buf *out);

#endif
