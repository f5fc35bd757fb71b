/* theme: role -> attributes, in colour or monochrome (see theme.h).
 *
 * Both themes are rows of one table so a new role is added once. Colours use
 * the terminal's default background (-1) so the TUI looks native on light and
 * dark terminals alike.
 */
#include "theme.h"

#include <stdlib.h>

struct role_style {
	short fg, bg;          /* colour theme; -1 = terminal default */
	attr_t color_attr;     /* extra attributes with colour */
	attr_t mono_attr;      /* monochrome theme */
};

static const struct role_style role_styles[ROLE_COUNT] = {
	[ROLE_NORMAL] = { -1, -1, A_NORMAL, A_NORMAL },
	[ROLE_TITLE] = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE },
	[ROLE_TITLE_MOD] = { COLOR_YELLOW, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD },
	[ROLE_SELECTION] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[ROLE_ERROR] = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[ROLE_WARNING] = { COLOR_YELLOW, -1, A_NORMAL, A_UNDERLINE },
	[ROLE_NOTE] = { COLOR_CYAN, -1, A_NORMAL, A_NORMAL },
	[ROLE_DIM] = { COLOR_WHITE, -1, A_DIM, A_DIM },
	[ROLE_KEY] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[ROLE_HINT] = { -1, -1, A_NORMAL, A_NORMAL },
	[ROLE_HEADER] = { COLOR_MAGENTA, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[ROLE_FIELD] = { COLOR_BLUE, -1, A_BOLD, A_NORMAL },
	[ROLE_VALUE] = { -1, -1, A_NORMAL, A_NORMAL },
	[ROLE_MATCH] = { COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_UNDERLINE | A_BOLD },
	[ROLE_PROMPT] = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	[ROLE_OK] = { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
};

static const char *const glyphs[GLYPH_COUNT][2] = {
	/*                 UTF-8       ASCII */
	[GLYPH_FOLDED] = { "\u25b8", "+" },
	[GLYPH_UNFOLDED] = { "\u25be", "-" },
	[GLYPH_LEAF] = { " ", " " },
	[GLYPH_ERROR] = { "\u2717", "E" },
	[GLYPH_WARNING] = { "\u26a0", "W" },
	[GLYPH_HLINE] = { "\u2500", "-" },
	[GLYPH_VLINE] = { "\u2502", "|" },
	[GLYPH_ELLIPSIS] = { "\u2026", "~" },
	[GLYPH_MODIFIED] = { "\u25cf", "*" },
};

bool theme_want_color(bool no_color_flag)
{
	const char *nc = getenv("NO_COLOR");
	if (no_color_flag || (nc && *nc))
		return false;
	return has_colors();
}

void theme_init(struct theme *t, bool color, bool ascii)
{
	t->color = color;
	t->ascii = ascii;
	if (color) {
		start_color();
		use_default_colors();
	}
	for (int r = 0; r < ROLE_COUNT; r++) {
		const struct role_style *s = &role_styles[r];
		if (!color) {
			t->attr[r] = s->mono_attr;
			continue;
		}
		if (s->fg == -1 && s->bg == -1) {
			t->attr[r] = s->color_attr;
			continue;
		}
		init_pair((short)(r + 1), s->fg, s->bg);
		t->attr[r] = s->color_attr | COLOR_PAIR(r + 1);
	}
}

attr_t theme_attr(const struct theme *t, enum theme_role r)
{
	return t->attr[r];
}

const char *theme_glyph(const struct theme *t, enum theme_glyph g)
{
	return glyphs[g][t->ascii ? 1 : 0];
}
