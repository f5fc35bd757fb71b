/* keys: key codes, key names and key scripts.
 *
 * A key is an int: a Unicode code point for characters (control characters
 * included: Ctrl-R is 0x12, Enter is '\r', Esc is 27), or KEYS_FN | KEY_x for
 * a curses function key. The same names are used everywhere keys are written
 * down: in the command table ("j <Down>"), in key scripts (OSMO_TUI_SCRIPT),
 * in the help palette and in the man page.
 *
 * Key script syntax: plain characters are keys; `<Name>` is a named key
 * (`<Down>`, `<Enter>`, `<C-r>`, `<F1>`, ...), `<lt>` is a literal '<', and
 * `<resize COLS ROWS>` simulates a terminal resize. Line breaks in a script
 * file are ignored so scripts can be split over lines (type `<Enter>`).
 */
#ifndef OSMO_UI_KEYS_H
#define OSMO_UI_KEYS_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"

#define KEYS_FN 0x01000000          /* flag: a curses KEY_* function key */
#define KEYS_FN_KEY(k) (KEYS_FN | (k))
#define KEYS_CTRL(c) ((c) & 0x1f)

enum {
	KEYS_NONE = -1,
	KEYS_TAB = '\t',
	KEYS_ENTER = '\r',
	KEYS_ESC = 27,
	KEYS_SPACE = ' ',
};

enum key_event_kind {
	KEV_KEY,        /* key holds the key */
	KEV_RESIZE,     /* cols/rows hold the new size (0 = ask the terminal) */
	KEV_MOUSE,      /* x, y, button */
	KEV_EOF,        /* no more input */
};

enum { KEYS_MOUSE_CLICK = 1, KEYS_MOUSE_WHEEL_UP, KEYS_MOUSE_WHEEL_DOWN };

struct key_event {
	enum key_event_kind kind;
	int key;
	int cols, rows;
	int x, y, button;
};

struct key_script {
	struct key_event *v;
	size_t n, cap;
};

/* Key code of curses' get_wch() result (rc is OK or KEY_CODE_YES); the
 * various codes for Enter and Backspace are folded into one each. */
int keys_from_curses(int rc, unsigned int wc);
/* Backspace as this module names it (KEYS_FN_KEY(KEY_BACKSPACE)). */
int keys_backspace(void);
/* Parse one key at s[0..len): a character or a <Name>. Returns the bytes
 * consumed (0 = not a valid key here). Fills ev (KEV_KEY or KEV_RESIZE). */
size_t keys_parse_one(const char *s, size_t len, struct key_event *ev);
/* Parse a whole key script. Returns 0, or -1 with positioned diagnostics
 * (rule "key-script"). Events are appended to out. */
int keys_parse_script(const char *text, size_t len, struct key_script *out,
		      struct diag_list *diags);
/* Parse a space-separated key list as written in the command table
 * ("j <Down>"). Returns the number of keys stored in keys[0..max), or -1 on
 * a bad name. */
int keys_parse_list(const char *s, int *keys, int max);
/* Append the script notation of key ("x", "<C-r>", "<Down>", "<lt>"). */
void keys_notation(int key, struct buf *out);
/* Append a label for people ("x", "Ctrl-R", "Down", "Space"). */
void keys_label(int key, struct buf *out);
/* Append the character key as UTF-8 ('?' when it is not one). */
void keys_put_char(int key, struct buf *out);
/* Free the events of a script. */
void keys_script_free(struct key_script *s);

#endif
