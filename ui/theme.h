/* theme: colours by semantic role, and the glyphs of the line art.
 *
 * Views never name a colour: they ask for a role (title, selection, error,
 * ...). The colour theme maps roles to colour pairs on the terminal's default
 * background; the monochrome theme (NO_COLOR, --no-color, or a terminal
 * without colours) maps them to bold/reverse/underline/dim only. Glyphs come
 * in a UTF-8 set and an ASCII set (--ascii).
 */
#ifndef OSMO_UI_THEME_H
#define OSMO_UI_THEME_H

#include <curses.h>
#include <stdbool.h>

enum theme_role {
	ROLE_NORMAL,
	ROLE_TITLE,        /* the title bar */
	ROLE_TITLE_MOD,    /* the modified flag in the title bar */
	ROLE_SELECTION,    /* the selected row */
	ROLE_ERROR,
	ROLE_WARNING,
	ROLE_NOTE,
	ROLE_DIM,          /* defaults, secondary text */
	ROLE_KEY,          /* a key in the hint bar or help */
	ROLE_HINT,         /* hint bar text */
	ROLE_HEADER,       /* section headers, pane titles */
	ROLE_FIELD,        /* a field name (YAML key) */
	ROLE_VALUE,        /* a field value */
	ROLE_MATCH,        /* search match / filter text */
	ROLE_PROMPT,       /* the prompt label */
	ROLE_OK,           /* "no problems" */
	ROLE_COUNT
};

enum theme_glyph {
	GLYPH_FOLDED,      /* a collapsed node */
	GLYPH_UNFOLDED,    /* an expanded node */
	GLYPH_LEAF,        /* a node without children */
	GLYPH_ERROR,       /* marker of a node with an error */
	GLYPH_WARNING,     /* marker of a node with a warning */
	GLYPH_HLINE,       /* horizontal rule */
	GLYPH_VLINE,       /* separator in the title bar */
	GLYPH_ELLIPSIS,    /* truncated text */
	GLYPH_MODIFIED,    /* modified flag */
	GLYPH_COUNT
};

struct theme {
	bool color;
	bool ascii;
	attr_t attr[ROLE_COUNT];
};

/* Decide colour use: false when no_color_flag, when $NO_COLOR is set and not
 * empty, or when the terminal has no colours. Call after initscr/newterm. */
bool theme_want_color(bool no_color_flag);
/* Set up t (and the colour pairs when color) for the current screen. */
void theme_init(struct theme *t, bool color, bool ascii);
/* Attributes (colour pair included) of a role. */
attr_t theme_attr(const struct theme *t, enum theme_role r);
/* The glyph as a UTF-8 or ASCII string. */
const char *theme_glyph(const struct theme *t, enum theme_glyph g);

#endif
