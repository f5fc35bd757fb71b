/* draw: text drawing helpers that respect display widths.
 *
 * All text in osmo-tui is UTF-8. These helpers decode it, measure it with
 * wcwidth (a CJK character takes two cells, a combining mark none), clip it
 * to a number of columns, and replace what a terminal cannot show (control
 * characters, invalid bytes) with a visible substitute, so a hostile file name
 * or value can never move the cursor or change the terminal's state.
 */
#ifndef OSMO_UI_DRAW_H
#define OSMO_UI_DRAW_H

#include <curses.h>
#include <stddef.h>

#include "buf.h"

/* Display width of the UTF-8 string s[0..len) (len = (size_t)-1: strlen). */
int draw_width(const char *s, size_t len);
/* Bytes of s[0..len) that fit in maxw columns. */
size_t draw_fit(const char *s, size_t len, int maxw);
/* Draw s at (y, x), at most maxw columns, with attributes a. Returns the
 * columns drawn. */
int draw_text(WINDOW *w, int y, int x, int maxw, const char *s, attr_t a);
/* Same for s[0..len). */
int draw_textn(WINDOW *w, int y, int x, int maxw, const char *s, size_t len, attr_t a);
/* Like draw_text, but when s does not fit its end is replaced by ellipsis. */
int draw_text_clip(WINDOW *w, int y, int x, int maxw, const char *s, const char *ellipsis,
		   attr_t a);
/* Draw text wrapped at blanks into rows [y0, y1) of w, columns
 * [x, x+width). Returns the row after the last one drawn. */
int draw_wrapped(WINDOW *w, int y0, int y1, int x, int width, const char *text, attr_t a);
/* Fill columns [x, x+n) of row y with blanks in attributes a. */
void draw_fill(WINDOW *w, int y, int x, int n, attr_t a);
/* Append the visible screen (curscr) as text: one line per row, trailing
 * blanks trimmed, wide characters once. */
void draw_screen_text(struct buf *out);

#endif
