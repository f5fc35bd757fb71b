/* textpane: a scrolled window onto lines of text, for the previews.
 *
 * The cookbook browser shows an example's YAML and graph, the template
 * preview shows a template and its rendering: both draw a range of lines
 * of a text indexed by src/textpos.h, optionally with a gutter of line
 * numbers and a marker per line (a problem on that line), clipped to a
 * rectangle of a curses window.
 */
#ifndef OSMO_UI_TEXTPANE_H
#define OSMO_UI_TEXTPANE_H

#include <curses.h>
#include <stdbool.h>

#include "textpos.h"
#include "theme.h"

/* How line (1-based) is shown: *text the role of its text; *mark a glyph
 * for the gutter or NULL, in role *mark_role. Defaults are set before the
 * call (ROLE_NORMAL, NULL). */
typedef void textpane_style_fn(void *ctx, int line, enum theme_role *text, const char **mark,
			       enum theme_role *mark_role);

struct textpane {
	const struct textpos *tp;   /* the text (borrowed) */
	int top;                    /* first line shown (1-based) */
	bool numbers;               /* a gutter with line numbers */
	textpane_style_fn *style;   /* may be NULL */
	void *ctx;
};

/* Lines in tp, not counting the empty one after a final newline. */
int textpane_lines(const struct textpos *tp);
/* Draw p into rows [y, y+h), columns [x, x+w) of win. */
void textpane_draw(const struct textpane *p, WINDOW *win, const struct theme *th, int y, int x,
		   int h, int w);
/* Clamp top so that a window of h rows shows text when it can. */
int textpane_clamp(const struct textpos *tp, int top, int h);

#endif
