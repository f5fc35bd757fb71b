/* yamlout: quoting decisions and a small emitter (see yamlout.h).
 *
 * Plain scalars are only used when they read back as the same text; with
 * must_stay_string they must also stay strings under PyYAML's YAML 1.1
 * resolvers (so "yes", "010", "1.5", "2024-01-01" and "~" get quotes).
 */
#include "yamlout.h"

#include <string.h>

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool yamlout_plain_is_special(const char *s, size_t n)
{
	static const char *const words[] = {
		"yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False",
		"FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~", "<<", "=",
		".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
		".nan", ".NaN", ".NAN", "y", "Y", "n", "N",
	};
	if (n == 0)
		return true;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i]) == n && memcmp(words[i], s, n) == 0)
			return true;
	/* numbers, sexagesimals and timestamps all start with a digit, a sign
	 * or a dot followed by a digit: quoting all of those is safe */
	size_t i = 0;
	if (s[0] == '+' || s[0] == '-')
		i = 1;
	if (i < n && s[i] == '.')
		i++;
	return i < n && is_digit(s[i]);
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
	return true;
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
			if (c < 0x20 || c == 0x7f)
				buf_printf(b, "\\x%02X", c);
			else
				buf_putc(b, (char)c);
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
	return true;
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
			 bool after_key, bool indentless_seq, const char *nl)
{
	v = doc_resolve(v);
	if (!v || (v->kind == DOC_SCALAR && (v->flags & DOC_F_EMPTY)))
		return;
	if (v->kind == DOC_SCALAR) {
		if (after_key)
			buf_putc(b, ' ');
		bool multi = memchr(v->text, '\n', v->len) != NULL;
		if (multi && v->text[0] != ' ' && v->text[0] != '\n')
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
		col = after_key ? (indentless_seq ? indent : indent + 2) : indent + 2;
	for (uint32_t i = 0; i < v->nkids; i++) {
		const struct doc_node *k = v->kids[i];
		if (i > 0 || !inline_first) {
			buf_puts(b, nl);
			spaces(b, col);
		}
		if (v->kind == DOC_MAP) {
			yamlout_scalar(b, k->key, k->key_len, DOC_DOUBLE, false, false);
			buf_putc(b, ':');
			yamlout_block_value(b, src, k, col, true, indentless_seq, nl);
		} else {
			buf_puts(b, "- ");
			yamlout_block_value(b, src, k, col, false, indentless_seq, nl);
		}
	}
}
