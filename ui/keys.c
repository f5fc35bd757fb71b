/* keys: key names, key codes and the key-script parser (see keys.h).
 *
 * One table maps names to codes; parsing, the script notation and the
 * labels shown in the help palette all read it, so a key is spelled the same
 * way in the command table, in test scripts and on screen.
 */
#include "keys.h"

#include <curses.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

struct key_name {
	const char *name;      /* script notation, without the brackets */
	const char *label;     /* for people */
	int key;
};

static const struct key_name key_names[] = {
	{ "Down", "Down", KEYS_FN_KEY(KEY_DOWN) },
	{ "Up", "Up", KEYS_FN_KEY(KEY_UP) },
	{ "Left", "Left", KEYS_FN_KEY(KEY_LEFT) },
	{ "Right", "Right", KEYS_FN_KEY(KEY_RIGHT) },
	{ "Enter", "Enter", KEYS_ENTER },
	{ "Esc", "Esc", KEYS_ESC },
	{ "Tab", "Tab", KEYS_TAB },
	{ "S-Tab", "Shift-Tab", KEYS_FN_KEY(KEY_BTAB) },
	{ "BS", "Backspace", KEYS_FN_KEY(KEY_BACKSPACE) },
	{ "Del", "Delete", KEYS_FN_KEY(KEY_DC) },
	{ "Ins", "Insert", KEYS_FN_KEY(KEY_IC) },
	{ "Home", "Home", KEYS_FN_KEY(KEY_HOME) },
	{ "End", "End", KEYS_FN_KEY(KEY_END) },
	{ "PageUp", "PageUp", KEYS_FN_KEY(KEY_PPAGE) },
	{ "PageDown", "PageDown", KEYS_FN_KEY(KEY_NPAGE) },
	{ "Space", "Space", KEYS_SPACE },
	{ "lt", "<", '<' },
};

#define NKEY_NAMES (sizeof key_names / sizeof key_names[0])
#define MAX_FKEY 12
#define MAX_RESIZE 1000

int keys_backspace(void)
{
	return KEYS_FN_KEY(KEY_BACKSPACE);
}

int keys_from_curses(int rc, unsigned int wc)
{
	if (rc == KEY_CODE_YES) {
		if (wc == KEY_ENTER)
			return KEYS_ENTER;
		return KEYS_FN_KEY((int)wc);
	}
	if (wc == '\n')
		return KEYS_ENTER;
	if (wc == 127 || wc == 8)
		return keys_backspace();
	return (int)wc;
}

/* Decode one UTF-8 character; returns its length or 0 when invalid. */
static size_t utf8_char(const char *s, size_t len, int *cp)
{
	mbstate_t st;
	wchar_t wc;
	memset(&st, 0, sizeof st);
	size_t r = mbrtowc(&wc, s, len, &st);
	if (r == (size_t)-1 || r == (size_t)-2 || r == 0)
		return 0;
	*cp = (int)wc;
	return r;
}

static bool parse_uint(const char **p, const char *end, int *v)
{
	const char *s = *p;
	long n = 0;
	if (s >= end || *s < '0' || *s > '9')
		return false;
	while (s < end && *s >= '0' && *s <= '9') {
		n = n * 10 + (*s - '0');
		if (n > MAX_RESIZE)
			return false;
		s++;
	}
	*v = (int)n;
	*p = s;
	return true;
}

/* <resize COLS ROWS>; name points after '<' and ends before '>'. */
static bool parse_resize(const char *name, size_t n, struct key_event *ev)
{
	const char *p = name + 6, *end = name + n;
	int cols, rows;
	if (n < 6 || memcmp(name, "resize", 6) != 0 || p >= end || *p != ' ')
		return false;
	p++;
	if (!parse_uint(&p, end, &cols) || p >= end || *p != ' ')
		return false;
	p++;
	if (!parse_uint(&p, end, &rows) || p != end || cols < 1 || rows < 1)
		return false;
	ev->kind = KEV_RESIZE;
	ev->cols = cols;
	ev->rows = rows;
	return true;
}

/* The key named name[0..n) (no brackets), or KEYS_NONE. */
static int key_by_name(const char *name, size_t n)
{
	for (size_t i = 0; i < NKEY_NAMES; i++)
		if (strlen(key_names[i].name) == n && strncasecmp(key_names[i].name, name, n) == 0)
			return key_names[i].key;
	if (n == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-') {
		char c = name[2];
		if (c >= 'a' && c <= 'z')
			return KEYS_CTRL(c);
		if (c >= 'A' && c <= 'Z')
			return KEYS_CTRL(c);
		return KEYS_NONE;
	}
	if (n >= 2 && n <= 3 && (name[0] == 'F' || name[0] == 'f')) {
		int f = 0;
		for (size_t i = 1; i < n; i++) {
			if (name[i] < '0' || name[i] > '9')
				return KEYS_NONE;
			f = f * 10 + (name[i] - '0');
		}
		if (f >= 1 && f <= MAX_FKEY)
			return KEYS_FN_KEY(KEY_F(f));
	}
	return KEYS_NONE;
}

size_t keys_parse_one(const char *s, size_t len, struct key_event *ev)
{
	memset(ev, 0, sizeof *ev);
	ev->kind = KEV_KEY;
	if (len == 0)
		return 0;
	if (s[0] == '<') {
		const char *close = memchr(s + 1, '>', len - 1);
		if (!close)
			return 0;
		size_t n = (size_t)(close - s - 1);
		if (parse_resize(s + 1, n, ev))
			return n + 2;
		int k = key_by_name(s + 1, n);
		if (k == KEYS_NONE)
			return 0;
		ev->key = k;
		return n + 2;
	}
	int cp;
	size_t r = utf8_char(s, len, &cp);
	if (r == 0)
		return 0;
	ev->key = cp;
	return r;
}

static int script_push(struct key_script *out, const struct key_event *ev)
{
	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 64;
		struct key_event *v = realloc(out->v, cap * sizeof *v);
		if (!v)
			return -1;
		out->v = v;
		out->cap = cap;
	}
	out->v[out->n++] = *ev;
	return 0;
}

int keys_parse_script(const char *text, size_t len, struct key_script *out,
		      struct diag_list *diags)
{
	size_t i = 0;
	int line = 1, col = 1, bad = 0;
	while (i < len) {
		if (text[i] == '\n' || text[i] == '\r') {
			if (text[i] == '\n') {
				line++;
				col = 1;
			}
			i++;
			continue;
		}
		struct key_event ev;
		size_t r = keys_parse_one(text + i, len - i, &ev);
		if (r == 0) {
			size_t n = 1;
			if (text[i] == '<') {
				const char *close = memchr(text + i, '>', len - i);
				const char *nl = memchr(text + i, '\n', len - i);
				if (close && (!nl || close < nl))
					n = (size_t)(close - (text + i)) + 1;
				diag_addf_lc(diags, DIAG_ERROR, "key-script", line, col,
					     "unknown key name %.*s (write <lt> for a literal '<')",
					     (int)(n > 40 ? 40 : n), text + i);
			} else {
				diag_addf_lc(diags, DIAG_ERROR, "key-script", line, col,
					     "invalid UTF-8 byte 0x%02x", (unsigned char)text[i]);
			}
			bad = 1;
			i += n;
			col += (int)n;
			continue;
		}
		if (script_push(out, &ev) < 0) {
			diag_addf_lc(diags, DIAG_ERROR, "key-script", line, col, "out of memory");
			return -1;
		}
		i += r;
		col += text[i - r] == '<' ? (int)r : 1;
	}
	return bad ? -1 : 0;
}

int keys_parse_list(const char *s, int *keys, int max)
{
	int n = 0;
	size_t len = strlen(s), i = 0;
	while (i < len) {
		if (s[i] == ' ') {
			i++;
			continue;
		}
		size_t end = i;
		while (end < len && s[end] != ' ')
			end++;
		struct key_event ev;
		size_t r = keys_parse_one(s + i, end - i, &ev);
		if (r != end - i || ev.kind != KEV_KEY || n >= max)
			return -1;
		keys[n++] = ev.key;
		i = end;
	}
	return n;
}

static const struct key_name *name_of(int key)
{
	for (size_t i = 0; i < NKEY_NAMES; i++)
		if (key_names[i].key == key)
			return &key_names[i];
	return NULL;
}

void keys_put_char(int cp, struct buf *out)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t r = (cp & KEYS_FN) || cp < 0 ? (size_t)-1 : wcrtomb(mb, (wchar_t)cp, &st);
	if (r == (size_t)-1)
		buf_putc(out, '?');
	else
		buf_add(out, mb, r);
}

/* Function keys F1..F12 (n = 0 otherwise). */
static int fkey_number(int key)
{
	for (int f = 1; f <= MAX_FKEY; f++)
		if (key == KEYS_FN_KEY(KEY_F(f)))
			return f;
	return 0;
}

/* The two spellings of a key: script notation ("<C-r>") or a label for
 * people ("Ctrl-R"); printable characters are themselves in both. */
static void spell(int key, bool notation, struct buf *out)
{
	const struct key_name *kn = name_of(key);
	const char *open = notation ? "<" : "", *close = notation ? ">" : "";
	int f = fkey_number(key);
	if (kn)
		buf_printf(out, "%s%s%s", open, notation ? kn->name : kn->label, close);
	else if (f)
		buf_printf(out, "%sF%d%s", open, f, close);
	else if (key >= 0 && key < 32)
		buf_printf(out, notation ? "<C-%c>" : "Ctrl-%c", key + (notation ? 'a' : 'A') - 1);
	else if (key & KEYS_FN)
		buf_printf(out, "%skey-%d%s", open, key & ~KEYS_FN, close);
	else
		keys_put_char(key, out);
}

void keys_notation(int key, struct buf *out)
{
	spell(key, true, out);
}

void keys_label(int key, struct buf *out)
{
	spell(key, false, out);
}

void keys_script_free(struct key_script *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}
