/* pyemit: the text PyYAML's serializer and emitter write for a node graph.
 *
 * The input is what PyYAML's representer makes of Python objects: scalars
 * (a tag and a text), sequences and mappings (pairs already in output
 * order). A node reachable twice is written once with an anchor `&idNNN`
 * and afterwards as the alias `*idNNN`, numbered in the order PyYAML's
 * serializer finds them. The output is what yaml.dump writes with PyYAML
 * 6.0's defaults: block style (only empty collections are `[]`/`{}`),
 * indent 2, sequences under a key at the key's column, width 80 with
 * folding of long plain and quoted scalars at spaces, allow_unicode False
 * (all output is ASCII: non-ASCII text goes double-quoted with \x/\u/\U
 * escapes), "\n" line breaks, no `---`, and `...` after a document that
 * ends open (a plain root scalar).
 *
 * Columns count code points, as PyYAML does on Python strs; the texts are
 * UTF-8. The graph may share nodes and even contain cycles; recursion is
 * bounded by max_depth.
 */
#ifndef OSMO_PYEMIT_H
#define OSMO_PYEMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

enum pyemit_kind {
	PYEMIT_SCALAR,
	PYEMIT_SEQ,
	PYEMIT_MAP,
};

struct pyemit_node {
	enum pyemit_kind kind;
	const char *tag;        /* as PyYAML shortens it: "!!str", "!!int",
	                           "!!set", "!!python/tuple", "!!map"... */
	bool implicit_plain;    /* scalar: read back plain, text has this tag */
	bool implicit;          /* scalar: tag is !!str (what quotes imply);
	                           collection: tag is !!seq / !!map */
	char style;             /* scalar: 0 (the emitter chooses) or '|' */
	const char *text;       /* scalar: UTF-8 text, not NUL-terminated */
	size_t len;
	struct pyemit_node **kids; /* seq: items; map: key, value, key, value... */
	size_t nkids;           /* items, or twice the number of pairs */
	/* emitter state, reset by pyemit_document() */
	unsigned anchor;        /* 0 or the N of &idNNN */
	uint8_t mark;
};

/* Append the text yaml.dump writes for the object represented by root.
 * Returns 0, or -1 when the graph nests deeper than max_depth or memory runs
 * out (out is then incomplete). */
int pyemit_document(struct pyemit_node *root, struct buf *out, unsigned max_depth);

#endif
