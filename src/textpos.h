/* textpos: byte offset <-> line/column for a text buffer.
 *
 * Built once per text with a memchr scan; lookups are binary searches.
 * Lines and columns are 1-based; columns count UTF-8 code points (bytes that
 * are not continuation bytes), so they match what editors and libyaml show.
 */
#ifndef OSMO_TEXTPOS_H
#define OSMO_TEXTPOS_H

#include <stddef.h>
#include <stdint.h>

struct textpos {
	const char *text;   /* borrowed */
	size_t len;
	uint32_t *starts;   /* byte offset of the start of each line */
	size_t nlines;
};

/* Index text[0..len). Returns 0 or -1 (out of memory). */
int textpos_init(struct textpos *tp, const char *text, size_t len);
/* Release the index. */
void textpos_free(struct textpos *tp);
/* Line (1-based) and column (1-based, code points) of byte offset off. */
void textpos_locate(const struct textpos *tp, size_t off, int *line, int *col);
/* Byte offset of 1-based line/column (clamped to the text). */
size_t textpos_offset(const struct textpos *tp, int line, int col);
/* Byte offset of the start of 1-based line (clamped). */
size_t textpos_line_start(const struct textpos *tp, int line);
/* Byte offset of the end of 1-based line, before its '\n' (and '\r'). */
size_t textpos_line_end(const struct textpos *tp, int line);

#endif
