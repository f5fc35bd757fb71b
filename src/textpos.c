/* textpos: line index over a text (see textpos.h). */
#include "textpos.h"

#include <stdlib.h>
#include <string.h>

int textpos_init(struct textpos *tp, const char *text, size_t len)
{
	tp->text = text;
	tp->len = len;
	size_t cap = 64, n = 0;
	tp->starts = malloc(cap * sizeof *tp->starts);
	if (!tp->starts)
		return -1;
	tp->starts[n++] = 0;
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			break;
		if (n == cap) {
			cap *= 2;
			uint32_t *s = realloc(tp->starts, cap * sizeof *s);
			if (!s) {
				free(tp->starts);
				tp->starts = NULL;
				return -1;
			}
			tp->starts = s;
		}
		tp->starts[n++] = (uint32_t)(nl + 1 - text);
		p = nl + 1;
	}
	tp->nlines = n;
	return 0;
}

void textpos_free(struct textpos *tp)
{
	free(tp->starts);
	tp->starts = NULL;
	tp->nlines = 0;
}

static size_t line_index(const struct textpos *tp, size_t off)
{
	size_t lo = 0, hi = tp->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (tp->starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

void textpos_locate(const struct textpos *tp, size_t off, int *line, int *col)
{
	if (off > tp->len)
		off = tp->len;
	size_t li = line_index(tp, off);
	int c = 1;
	for (size_t i = tp->starts[li]; i < off; i++)
		if (((unsigned char)tp->text[i] & 0xC0) != 0x80)
			c++;
	*line = (int)li + 1;
	*col = c;
}

size_t textpos_line_start(const struct textpos *tp, int line)
{
	if (line < 1)
		return 0;
	if ((size_t)line > tp->nlines)
		return tp->len;
	return tp->starts[line - 1];
}

size_t textpos_line_end(const struct textpos *tp, int line)
{
	size_t s = textpos_line_start(tp, line);
	const char *nl = memchr(tp->text + s, '\n', tp->len - s);
	size_t e = nl ? (size_t)(nl - tp->text) : tp->len;
	if (e > s && tp->text[e - 1] == '\r')
		e--;
	return e;
}

size_t textpos_offset(const struct textpos *tp, int line, int col)
{
	size_t off = textpos_line_start(tp, line);
	size_t end = textpos_line_end(tp, line);
	for (int c = 1; c < col && off < end; c++) {
		off++;
		while (off < end && ((unsigned char)tp->text[off] & 0xC0) == 0x80)
			off++;
	}
	return off;
}
