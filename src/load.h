/* load: libyaml's event stream -> doc tree (the parser behind doc.h).
 *
 * Internal to the document model: doc.c calls it for whole texts and for
 * single entries it re-parses after an edit. Positions come out as absolute
 * byte offsets (libyaml counts characters; load converts once, with a fast
 * path for ASCII text). Problems are positioned diagnostics.
 */
#ifndef OSMO_LOAD_H
#define OSMO_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "doc.h"

struct load_result {
	struct doc_node *root;   /* NULL for an empty stream or on error */
	size_t nodes;            /* nodes created */
	bool has_refs;           /* anchors or aliases were seen */
};

/* Parse text[0..len) whose first byte sits at offset `base` of the document.
 * Nodes are allocated in arena a. Returns 0, or -1 when the text does not
 * parse or a limit is exceeded (diagnostics say where and why). Duplicate
 * keys are not checked here (see doc_check_duplicates). */
int load_parse(struct arena *a, const char *text, size_t len, size_t base,
	       const struct doc_limits *lim, struct diag_list *diags, struct load_result *res);

/* Offset of the first line break other than LF and CRLF (a lone CR, NEL,
 * LS or PS: YAML breaks lines there, the document model does not), or len;
 * *what names it. */
size_t load_odd_break(const char *text, size_t len, const char **what);

/* Fill in the default for every zero field of lim. */
void load_limits_defaults(struct doc_limits *lim);

#endif
