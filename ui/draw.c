/* draw: width-aware UTF-8 text output for curses windows (see draw.h).
 *
 * Text is decoded with mbrtowc one character at a time; a character that
 * wcwidth cannot measure (control, unassigned, invalid byte) is shown as
 * U+FFFD-like '?' so nothing the file contains reaches the terminal raw.
 */
#include "draw.h"

#include <limits.h>
#include <string.h>
#include <wchar.h>

/* Decode the character at s[0..len): its length in bytes (>= 1), its wide
 * char and display width (a substitute '?' for what cannot be shown). */
static size_t next_char(const char *s, size_t len, wchar_t *wc, int *w)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t r = mbrtowc(wc, s, len, &st);
	if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
		*wc = L'?';
		*w = 1;
		return 1;
	}
	if (*wc == L'\t') {
		*wc = L' ';
		*w = 1;
		return r;
	}
	int cw = wcwidth(*wc);
	if (cw < 0) {
		*wc = L'?';
		cw = 1;
	}
	*w = cw;
	return r;
}

static size_t len_of(const char *s, size_t len)
{
	return len == (size_t)-1 ? strlen(s) : len;
}

int draw_width(const char *s, size_t len)
{
	len = len_of(s, len);
	int total = 0;
	for (size_t i = 0; i < len;) {
		wchar_t wc;
		int w;
		i += next_char(s + i, len - i, &wc, &w);
		total += w;
	}
	return total;
}

size_t draw_fit(const char *s, size_t len, int maxw)
{
	len = len_of(s, len);
	int used = 0;
	size_t i = 0;
	while (i < len) {
		wchar_t wc;
		int w;
		size_t r = next_char(s + i, len - i, &wc, &w);
		if (used + w > maxw)
			break;
		used += w;
		i += r;
	}
	return i;
}

int draw_textn(WINDOW *w, int y, int x, int maxw, const char *s, size_t len, attr_t a)
{
	int used = 0;
	if (maxw <= 0)
		return 0;
	wmove(w, y, x);
	for (size_t i = 0; i < len;) {
		wchar_t wc[2] = { 0, 0 };
		int cw;
		size_t r = next_char(s + i, len - i, &wc[0], &cw);
		i += r;
		if (used + cw > maxw)
			break;
		if (cw == 0 && used == 0)
			continue;     /* a combining mark needs a base */
		cchar_t cc;
		setcchar(&cc, wc, a, PAIR_NUMBER(a), NULL);
		wadd_wch(w, &cc);   /* a combining mark joins the previous cell */
		used += cw;
	}
	return used;
}

int draw_text(WINDOW *w, int y, int x, int maxw, const char *s, attr_t a)
{
	return draw_textn(w, y, x, maxw, s, strlen(s), a);
}

int draw_text_clip(WINDOW *w, int y, int x, int maxw, const char *s, const char *ellipsis,
		   attr_t a)
{
	size_t len = strlen(s);
	if (draw_width(s, len) <= maxw)
		return draw_textn(w, y, x, maxw, s, len, a);
	int ew = draw_width(ellipsis, (size_t)-1);
	if (maxw <= ew)
		return draw_textn(w, y, x, maxw, s, len, a);
	size_t fit = draw_fit(s, len, maxw - ew);
	int used = draw_textn(w, y, x, maxw - ew, s, fit, a);
	return used + draw_text(w, y, x + used, ew, ellipsis, a);
}

int draw_wrapped(WINDOW *w, int y0, int y1, int x, int width, const char *text, attr_t a)
{
	size_t len = strlen(text), pos = 0;
	int y = y0;
	while (pos < len && y < y1) {
		size_t fit = draw_fit(text + pos, len - pos, width);
		if (fit == 0)
			break;
		size_t cut = fit;
		if (pos + fit < len) {
			size_t sp = fit;
			while (sp > 0 && text[pos + sp] != ' ')
				sp--;
			if (sp > 0)
				cut = sp;
		}
		draw_textn(w, y++, x, width, text + pos, cut, a);
		pos += cut;
		while (pos < len && text[pos] == ' ')
			pos++;
	}
	return y;
}

void draw_fill(WINDOW *w, int y, int x, int n, attr_t a)
{
	if (n <= 0)
		return;
	wmove(w, y, x);
	wattr_set(w, a, PAIR_NUMBER(a), NULL);
	for (int i = 0; i < n; i++)
		waddch(w, ' ');
	wattr_set(w, A_NORMAL, 0, NULL);
}

void draw_screen_text(struct buf *out)
{
	int rows, cols;
	getmaxyx(curscr, rows, cols);
	for (int y = 0; y < rows; y++) {
		size_t keep = out->len;
		for (int x = 0; x < cols;) {
			cchar_t cc;
			wchar_t wc[CCHARW_MAX + 1];
			attr_t a;
			short pair;
			if (mvwin_wch(curscr, y, x, &cc) == ERR || getcchar(&cc, wc, &a, &pair, NULL) == ERR) {
				buf_putc(out, ' ');
				x++;
				continue;
			}
			int cw = wc[0] ? wcwidth(wc[0]) : 1;
			if (cw < 1)
				cw = 1;
			if (wc[0] == 0 || wc[0] == L' ') {
				buf_putc(out, ' ');
			} else {
				for (int i = 0; wc[i] && i < CCHARW_MAX; i++) {
					char mb[MB_LEN_MAX];
					mbstate_t st;
					memset(&st, 0, sizeof st);
					size_t r = wcrtomb(mb, wc[i], &st);
					if (r != (size_t)-1)
						buf_add(out, mb, r);
				}
				keep = out->len;
			}
			x += cw;
		}
		buf_truncate(out, keep);
		buf_putc(out, '\n');
	}
}
