/* yamlout: quoting decisions and a small emitter (see yamlout.h).
 *
 * Plain scalars are only used when they read back as the same text; with
 * must_stay_string they must also stay strings under PyYAML's YAML 1.1
 * resolvers (so "yes", "010", "1.5", "2024-01-01" and "~" get quotes).
 */
#include "yamlout.h"

#include "yaml11.h"

#include <string.h>

/* Length of the UTF-8 sequence at s[0..n) when it is a code point YAML
 * reads as a line break (NEL, LS, PS), refuses as non-printable (C1
 * controls, U+FFFE, U+FFFF) or treats as a byte order mark; else 0. Such
 * characters can only be written escaped, in double quotes. */
static size_t special_cp(const unsigned char *s, size_t n)
{
	if (n >= 2 && s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F)
		return 2;
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xA8 || s[2] == 0xA9))
		return 3;
	if (n >= 3 && s[0] == 0xEF &&
	    ((s[1] == 0xBB && s[2] == 0xBF) || (s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF))))
		return 3;
	return 0;
}

static bool has_special_cp(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0xC2 && special_cp((const unsigned char *)s + i, n - i))
			return true;
	return false;
}

bool yamlout_plain_is_special(const char *s, size_t n)
{
	return yaml11_resolve(s, n) != Y11_STR;
}

bool yamlout_plain_ok(const char *s, size_t n, bool flow, bool must_stay_string)
{
	if (n == 0)
		return false;
	if (must_stay_string && yamlout_plain_is_special(s, n))
		return false;
	unsigned char c0 = (unsigned char)s[0];
	if (strchr("?:,[]{}#&*!|>'\"%@`", c0) && c0)
		return false;
	if (c0 == '-' && (n == 1 || s[1] == ' ' || (n >= 3 && memcmp(s, "---", 3) == 0)))
		return false;
	if (n >= 3 && memcmp(s, "...", 3) == 0)   /* a document end marker at column 0 */
		return false;
	if (s[0] == ' ' || s[n - 1] == ' ' || s[n - 1] == ':')
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			return false;
		if (c == ':' && i + 1 < n && s[i + 1] == ' ')
			return false;
		if (c == '#' && i > 0 && s[i - 1] == ' ')
			return false;
		if (flow && strchr(",[]{}", c))
			return false;
	}
	return !has_special_cp(s, n);
}

void yamlout_double(struct buf *b, const char *s, size_t n)
{
	buf_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\t': buf_puts(b, "\\t"); break;
		case '\r': buf_puts(b, "\\r"); break;
		default:
			if (c < 0x20 || c == 0x7f) {
				buf_printf(b, "\\x%02X", c);
			} else if (c >= 0xC2 && special_cp((const unsigned char *)s + i, n - i) == 2) {
				buf_printf(b, "\\x%02X", (unsigned char)s[++i]);
			} else if (c >= 0xC2 && special_cp((const unsigned char *)s + i, n - i) == 3) {
				unsigned cp = (c & 0x0Fu) << 12 | ((unsigned char)s[i + 1] & 0x3Fu) << 6 |
					      ((unsigned char)s[i + 2] & 0x3Fu);
				buf_printf(b, "\\u%04X", cp);
				i += 2;
			} else {
				buf_putc(b, (char)c);
			}
		}
	}
	buf_putc(b, '"');
}

void yamlout_single(struct buf *b, const char *s, size_t n)
{
	buf_putc(b, '\'');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\'')
			buf_putc(b, '\'');
		buf_putc(b, s[i]);
	}
	buf_putc(b, '\'');
}

static bool single_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			return false;
	}
	return !has_special_cp(s, n);
}

bool yamlout_literal_ok(const char *s, size_t n, unsigned flags)
{
	if (flags & YAMLOUT_NO_LITERAL)
		return false;
	if (n == 0 || s[0] == ' ' || s[0] == '\t' || s[0] == '\n')
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
			return false;
	}
	if (has_special_cp(s, n))
		return false;
	size_t trail = 0;
	while (trail < n && s[n - 1 - trail] == '\n')
		trail++;
	if (trail && (flags & YAMLOUT_NO_BREAK))
		return false;
	return trail < 2 || !(flags & YAMLOUT_NO_KEEP);
}

void yamlout_scalar(struct buf *b, const char *s, size_t n, enum doc_style prefer, bool flow,
		    bool must_stay_string)
{
	if (yamlout_plain_ok(s, n, flow, must_stay_string))
		buf_add(b, s, n);
	else if (prefer == DOC_SINGLE && single_ok(s, n))
		yamlout_single(b, s, n);
	else
		yamlout_double(b, s, n);
}

static void spaces(struct buf *b, size_t n)
{
	buf_repeat(b, ' ', n);
}

/* A scalar node as one line: its own token when that is one line, else a
 * double-quoted rendering of its value. */
static void scalar_token(struct buf *b, const char *src, const struct doc_node *v, bool flow)
{
	const char *tok = src + v->start;
	size_t len = v->end - v->start;
	bool one_line = memchr(tok, '\n', len) == NULL;
	if (v->flags & DOC_F_EMPTY)
		buf_puts(b, flow ? "null" : "");
	else if (one_line && v->style <= DOC_DOUBLE && !(flow && v->style == DOC_PLAIN &&
							  !yamlout_plain_ok(v->text, v->len, true, false)))
		buf_add(b, tok, len);
	else
		yamlout_double(b, v->text, v->len);
}

/* A literal block scalar: "|" header, then the lines at indent. */
static void literal(struct buf *b, const char *s, size_t n, size_t indent, const char *nl)
{
	size_t trail = 0;
	while (trail < n && s[n - 1 - trail] == '\n')
		trail++;
	buf_puts(b, trail == 0 ? "|-" : trail == 1 ? "|" : "|+");
	size_t i = 0;
	while (i < n) {
		const char *e = memchr(s + i, '\n', n - i);
		size_t len = e ? (size_t)(e - (s + i)) : n - i;
		buf_puts(b, nl);
		if (len)
			spaces(b, indent);
		buf_add(b, s + i, len);
		i += len + (e ? 1 : 0);
		if (e && i == n && trail > 1)
			break;
	}
}

void yamlout_flow_value(struct buf *b, const char *src, const struct doc_node *v)
{
	v = doc_resolve(v);
	if (!v) {
		buf_puts(b, "null");
		return;
	}
	if (v->kind == DOC_SCALAR) {
		scalar_token(b, src, v, true);
		return;
	}
	bool map = v->kind == DOC_MAP;
	buf_putc(b, map ? '{' : '[');
	for (uint32_t i = 0; i < v->nkids; i++) {
		if (i)
			buf_puts(b, ", ");
		if (map) {
			yamlout_scalar(b, v->kids[i]->key, v->kids[i]->key_len, DOC_DOUBLE, true, false);
			buf_puts(b, ": ");
		}
		yamlout_flow_value(b, src, v->kids[i]);
	}
	buf_putc(b, map ? '}' : ']');
}

static bool scalars_only(const struct doc_node *v)
{
	if (v->kind != DOC_SEQ)
		return false;
	for (uint32_t i = 0; i < v->nkids; i++) {
		const struct doc_node *k = doc_resolve(v->kids[i]);
		if (!k || k->kind != DOC_SCALAR)
			return false;
	}
	return true;
}

void yamlout_block_value(struct buf *b, const char *src, const struct doc_node *v, size_t indent,
			 bool after_key, unsigned flags, const char *nl)
{
	v = doc_resolve(v);
	if (!v || (v->kind == DOC_SCALAR && (v->flags & DOC_F_EMPTY)))
		return;
	if (v->kind == DOC_SCALAR) {
		if (after_key)
			buf_putc(b, ' ');
		bool multi = memchr(v->text, '\n', v->len) != NULL;
		if (multi && yamlout_literal_ok(v->text, v->len, flags))
			literal(b, v->text, v->len, indent + 2, nl);
		else
			scalar_token(b, src, v, false);
		return;
	}
	if (v->nkids == 0 || (v->style == DOC_FLOW && scalars_only(v))) {
		/* short lists such as command: [python, train.py] stay inline */
		if (after_key)
			buf_putc(b, ' ');
		yamlout_flow_value(b, src, v);
		return;
	}
	/* block: the column where the children go */
	size_t col;
	bool inline_first = !after_key;  /* "- key: v" / "- - x" on the dash line */
	if (v->kind == DOC_MAP)
		col = after_key ? indent + 2 : indent + 2;
	else
		col = after_key ? ((flags & YAMLOUT_INDENTLESS) ? indent : indent + 2) : indent + 2;
	for (uint32_t i = 0; i < v->nkids; i++) {
		const struct doc_node *k = v->kids[i];
		if (i > 0 || !inline_first) {
			buf_puts(b, nl);
			spaces(b, col);
		}
		if (v->kind == DOC_MAP) {
			yamlout_scalar(b, k->key, k->key_len, DOC_DOUBLE, false, false);
			buf_putc(b, ':');
			yamlout_block_value(b, src, k, col, true, flags, nl);
		} else {
			buf_puts(b, "- ");
			yamlout_block_value(b, src, k, col, false, flags, nl);
		}
	}
}
