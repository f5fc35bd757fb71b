/* sections: OSMO's split of a spec file into top-level sections.
 *
 * OSMO does not parse the whole file as YAML: it looks for lines starting
 * at column 0 with `[A-Za-z][A-Za-z0-9_-]*:` and cuts the text there. Only
 * workflow, default-values and version may open a section (rules #1-#3);
 * text before the first section is ignored; default-values is YAML-loaded
 * on its own before rendering, and only the workflow text is rendered.
 */
#ifndef OSMO_SECTIONS_H
#define OSMO_SECTIONS_H

#include <stddef.h>

#include "diag.h"

#define SECTIONS_MAX 32

struct section {
	char name[32];        /* the key (truncated when longer) */
	size_t start;         /* offset of the line opening the section */
	size_t end;           /* offset where the next section starts (or len) */
	int line;             /* 1-based line of start */
};

struct sections {
	struct section v[SECTIONS_MAX];
	size_t n;
	int workflow, default_values, version;   /* index into v, or -1 */
};

/* Split text; problems (#1 unknown key, #2 duplicate, #3 no workflow) go to
 * diags with byte offsets. */
void sections_split(const char *text, size_t len, struct sections *s, struct diag_list *diags);

#endif
