/* textpane: drawing a range of text lines (see textpane.h). Lines are
 * drawn through draw.h, so control characters and invalid bytes in an
 * example or a rendered value show as '?' and never reach the terminal.
 */
#include "textpane.h"

#include <stdio.h>

#include "draw.h"

int textpane_lines(const struct textpos *tp)
{
	if (!tp || !tp->nlines)
		return 0;
	size_t n = tp->nlines;
	if (n > 1 && tp->starts[n - 1] == tp->len)
		n--;   /* the empty line after a final newline */
	return (int)n;
}

int textpane_clamp(const struct textpos *tp, int top, int h)
{
	int n = textpane_lines(tp);
	if (h < 1)
		h = 1;
	if (top > n - h + 1)
		top = n - h + 1;
	return top < 1 ? 1 : top;
}

void textpane_draw(const struct textpane *p, WINDOW *win, const struct theme *th, int y, int x,
		   int h, int w)
{
	int n = textpane_lines(p->tp);
	int digits = 0;
	if (p->numbers)
		for (int v = n > 0 ? n : 1; v > 0; v /= 10)
			digits++;
	int gutter = p->numbers ? digits + 2 : 0;   /* "NN" mark " " */
	for (int r = 0; r < h; r++) {
		int line = p->top + r;
		if (line < 1 || line > n)
			break;
		enum theme_role text = ROLE_NORMAL, mark_role = ROLE_NORMAL;
		const char *mark = NULL;
		if (p->style)
			p->style(p->ctx, line, &text, &mark, &mark_role);
		if (p->numbers && gutter < w) {
			char num[32];
			snprintf(num, sizeof num, "%*d", digits > 12 ? 12 : digits, line);
			draw_text(win, y + r, x, digits, num, theme_attr(th, ROLE_DIM));
			if (mark)
				draw_text(win, y + r, x + digits, 1, mark, theme_attr(th, mark_role));
		}
		size_t s = textpos_line_start(p->tp, line), e = textpos_line_end(p->tp, line);
		if (w > gutter)
			draw_textn(win, y + r, x + gutter, w - gutter, p->tp->text + s, e - s,
				   theme_attr(th, text));
	}
}
