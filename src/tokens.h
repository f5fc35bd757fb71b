/* tokens: OSMO's special tokens {{output}}, {{input:N}}, {{host:x}}, ...
 *
 * Tokens go through two phases in OSMO (reference/osmo-validation-rules.md
 * sections 4 and 5):
 *  1. Shielding, before Jinja renders the spec: every match of
 *     {{(uuid|workflow_id|output|input:[^}]+|host:[^}]+)}} (re.findall, no
 *     space after "{{") is replaced, with str.replace, by a reference to a
 *     variable named "hash" + the decimal MD5 of the stripped field; the
 *     variable holds the original text, so Jinja prints it back. Forms that
 *     are not shielded ({{ output }}, {{OUTPUT}}, {{ input:0 }}) reach Jinja
 *     as expressions and fail there.
 *  2. Substitution, in each task after acceptance: {{ *key *}} for the keys
 *     workflow_id, output, input:N, input:TASK, host:TASK; anything else
 *     stays literal.
 * This module finds tokens for both phases, performs the shielding exactly
 * as OSMO does, and detects templated specs as OSMO's client does.
 */
#ifndef OSMO_TOKENS_H
#define OSMO_TOKENS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* ---- phase 1: shielding ---- */

/* A match of the shielding expression: the token s[off..off+len) and its
 * field (the text between the braces) s[field..field+field_len). */
struct tokens_span {
	size_t off, len;
	size_t field, field_len;
};

/* Find the next shielded token at or after *pos (re.findall order: left to
 * right, non-overlapping); *pos moves past it. Returns false when none. */
bool tokens_next_shielded(const char *s, size_t n, size_t *pos, struct tokens_span *t);

/* The variables shielding adds to the Jinja context: name -> value. */
struct tokens_var {
	char *name;     /* "hash" + decimal MD5 of the stripped field */
	char *value;    /* "{{" + field + "}}" (the last field with that name) */
};

struct tokens_vars {
	struct tokens_var *v;
	size_t n, cap;
};

/* Shield s[0..n) as OSMO does: out gets the text Jinja will render, vars the
 * variables to add to its context (they win over user variables). Returns
 * 0, or -1 when out of memory. */
int tokens_shield(const char *s, size_t n, struct buf *out, struct tokens_vars *vars);

/* Replace every "{{NAME}}" of a shielding variable in s[0..n) by its value:
 * the inverse of tokens_shield for text that did not go through Jinja. */
void tokens_restore(const char *s, size_t n, const struct tokens_vars *vars, struct buf *out);

/* Free the variables (the struct itself is the caller's). */
void tokens_vars_free(struct tokens_vars *vars);

/* A token-like form that shielding misses, so Jinja will see it. */
enum tokens_issue_kind {
	TOKENS_SPACED,        /* {{ output }}, {{output }}: 'output' is undefined */
	TOKENS_MISCASED,      /* {{OUTPUT}}, {{Input:0}}: undefined or a syntax error */
	TOKENS_SPACED_ARG,    /* {{ input:0 }}, {{ host:x}}: a Jinja syntax error */
	TOKENS_EMPTY_ARG,     /* {{input:}}, {{host: }}: a Jinja syntax error */
};

struct tokens_issue {
	enum tokens_issue_kind kind;
	size_t off, len;      /* the whole {{...}} */
	char fix[64];         /* the shielded spelling, e.g. "{{output}}" ("" if none) */
};

/* Find the next unshielded token-like form at or after *pos; *pos moves past
 * it. A form inside a shielded token is not reported. */
bool tokens_next_issue(const char *s, size_t n, size_t *pos, struct tokens_issue *it);

/* ---- phase 2: classification ---- */

enum tokens_kind {
	TOKENS_UUID,          /* never substituted: stays literal */
	TOKENS_WORKFLOW_ID,
	TOKENS_OUTPUT,
	TOKENS_INPUT_INDEX,   /* {{input:N}}: N-th entry of this task's inputs */
	TOKENS_INPUT_NAME,    /* {{input:NAME}}: the task input named NAME */
	TOKENS_HOST,          /* {{host:TASK}}: a task of the same group */
};

struct tokens_token {
	enum tokens_kind kind;
	size_t off, len;      /* the whole {{ ... }} */
	size_t arg, arg_len;  /* N, NAME or TASK (len 0 for the others) */
	unsigned long index;  /* TOKENS_INPUT_INDEX */
};

/* Find the next phase-2 token at or after *pos: "{{", spaces, a key,
 * spaces, "}}" (spaces are ' ' only, as in OSMO's substitution); *pos
 * moves past it. An index with a leading zero or more than 9 digits is
 * a NAME (no key can match it). */
bool tokens_next(const char *s, size_t n, size_t *pos, struct tokens_token *t);

/* Name of a kind: "uuid", "workflow_id", "output", "input", "input", "host". */
const char *tokens_kind_name(enum tokens_kind k);

/* ---- detection ---- */

/* OSMO's client test: the text contains "{%", "{{", "{#" or "default-values". */
bool tokens_is_templated(const char *s, size_t n);

#endif
