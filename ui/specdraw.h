/* specdraw: a small text drawing of a spec's dependency graph.
 *
 * For previews (the cookbook browser): the text goes through the same
 * pipeline as `osmo-tui dag` (a templated spec is rendered with its
 * default-values first), then specgraph builds the group graph with each
 * group's tasks inside its box and layout draws it top to bottom. Nothing
 * is printed and no curses is involved: the drawing is text lines.
 */
#ifndef OSMO_UI_SPECDRAW_H
#define OSMO_UI_SPECDRAW_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Append the drawing of the spec text[0..len) to out (lines ending with
 * '\n'), with names cut at max_label columns (0: no limit) and ASCII glyphs
 * when ascii. Returns 0, or -1 with the reason in why ("the spec does not
 * parse: ..."). */
int specdraw_text(const char *text, size_t len, bool ascii, int max_label, struct buf *out,
		  struct buf *why);

#endif
