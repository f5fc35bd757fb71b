/* lex: the Jinja lexer (see lex.h), written as a hand-coded state machine
 * that mirrors the regular expressions of Jinja 3.1's lexer rule by rule:
 * root (data up to the next {{, {% or {#, raw blocks), comments, tags
 * (whitespace, float, integer, name, string, operator, end of tag).
 */
#include "tmpl/lex.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tmpl/ustr.h"
#include "tmpl/value.h"

static struct tok *push(struct lexer *lx, enum tok_type type, size_t off, size_t len, int line)
{
	if (lx->n == lx->cap) {
		size_t cap = lx->cap ? lx->cap * 2 : 256;
		struct tok *t = realloc(lx->toks, cap * sizeof *t);
		if (!t) {
			lx->oom = 1;
			return NULL;
		}
		lx->toks = t;
		lx->cap = cap;
	}
	struct tok *t = &lx->toks[lx->n++];
	memset(t, 0, sizeof *t);
	t->type = (uint8_t)type;
	t->off = (uint32_t)off;
	t->len = (uint32_t)len;
	t->line = line;
	return t;
}

/* Keep a decoded string alive for the lexer's lifetime. */
static const char *keep(struct lexer *lx, struct buf *b)
{
	if (b->oom) {
		lx->oom = 1;
		return "";
	}
	if (lx->nstrs == lx->capstrs) {
		size_t cap = lx->capstrs ? lx->capstrs * 2 : 32;
		char **s = realloc(lx->strs, cap * sizeof *s);
		if (!s) {
			lx->oom = 1;
			return "";
		}
		lx->strs = s;
		lx->capstrs = cap;
	}
	char *s = buf_detach(b);
	if (!s) {
		lx->oom = 1;
		return "";
	}
	lx->strs[lx->nstrs++] = s;
	return s;
}

static void error_tok(struct lexer *lx, size_t off, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void error_tok(struct lexer *lx, size_t off, int line, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	buf_puts(&b, msg);
	struct tok *t = push(lx, T_ERROR, off, 1, line);
	if (t) {
		t->slen = b.len;
		t->s = keep(lx, &b);
	} else {
		buf_free(&b);
	}
}

static int count_nl(const char *s, size_t a, size_t b)
{
	int n = 0;
	for (size_t i = a; i < b; i++)
		n += s[i] == '\n';
	return n;
}

/* Length of Unicode whitespace starting at s[i]. */
static size_t ws_len(const char *s, size_t len, size_t i)
{
	size_t j = i;
	while (j < len) {
		size_t k = j;
		if (!ustr_space(ustr_next(s, len, &k)))
			break;
		j = k;
	}
	return j - i;
}

/* Offset where trailing Unicode whitespace of s[a..b) starts (str.rstrip). */
static size_t rstrip_at(const char *s, size_t a, size_t b)
{
	while (b > a) {
		size_t p = b - 1;
		while (p > a && ((unsigned char)s[p] & 0xC0) == 0x80)
			p--;
		size_t k = p;
		if (!ustr_space(ustr_next(s, b, &k)))
			break;
		b = p;
	}
	return b;
}

/* Match an end of tag at s[i]: "-X}" with trailing whitespace, "+X}" or
 * "X}" where X is '%' or '}'. Returns bytes consumed (0 = no match). */
static size_t match_end(const char *s, size_t len, size_t i, char x)
{
	if (len - i >= 3 && (s[i] == '-' || s[i] == '+') && s[i + 1] == x && s[i + 2] == '}') {
		if (s[i] == '-')
			return 3 + ws_len(s, len, i + 3);
		return x == '%' ? 3 : 0; /* "+}}" is not an end of print */
	}
	if (len - i >= 2 && s[i] == x && s[i + 1] == '}')
		return 2;
	return 0;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* (\d+_)*\d+ at s[i]; returns length (0 = none). */
static size_t digits_us(const char *s, size_t len, size_t i)
{
	size_t j = i;
	if (j >= len || !is_digit(s[j]))
		return 0;
	for (;;) {
		while (j < len && is_digit(s[j]))
			j++;
		if (j + 1 < len && s[j] == '_' && is_digit(s[j + 1]))
			j++;
		else
			return j - i;
	}
}

static size_t match_float(const char *s, size_t len, size_t i)
{
	if (i > 0 && s[i - 1] == '.')
		return 0;
	size_t n = digits_us(s, len, i);
	if (!n)
		return 0;
	size_t j = i + n;
	size_t frac = 0;
	if (j < len && s[j] == '.')
		frac = digits_us(s, len, j + 1);
	size_t k = frac ? j + 1 + frac : j;
	if (k < len && (s[k] == 'e' || s[k] == 'E')) {
		size_t m = k + 1;
		if (m < len && (s[m] == '+' || s[m] == '-'))
			m++;
		size_t e = digits_us(s, len, m);
		if (e)
			return m + e - i;
	}
	return frac ? j + 1 + frac - i : 0;
}

static bool digit_of(char c, int base)
{
	if (base == 2)
		return c == '0' || c == '1';
	if (base == 8)
		return c >= '0' && c <= '7';
	if (base == 16)
		return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	return is_digit(c);
}

/* integer_re; returns length, *base the base. */
static size_t match_int(const char *s, size_t len, size_t i, int *base)
{
	if (i + 1 < len && s[i] == '0') {
		char p = (char)(s[i + 1] | 0x20);
		int b = p == 'b' ? 2 : p == 'o' ? 8 : p == 'x' ? 16 : 0;
		if (b) {
			size_t j = i + 2;
			for (;;) {
				size_t k = j < len && s[j] == '_' ? j + 1 : j;
				if (k < len && digit_of(s[k], b))
					j = k + 1;
				else
					break;
			}
			if (j > i + 2) {
				*base = b;
				return j - i;
			}
		}
	}
	*base = 10;
	if (i < len && s[i] >= '1' && s[i] <= '9') {
		size_t j = i + 1;
		for (;;) {
			size_t k = j < len && s[j] == '_' ? j + 1 : j;
			if (k < len && is_digit(s[k]))
				j = k + 1;
			else
				return j - i;
		}
	}
	if (i < len && s[i] == '0') {
		size_t j = i + 1;
		for (;;) {
			size_t k = j < len && s[j] == '_' ? j + 1 : j;
			if (k < len && s[k] == '0')
				j = k + 1;
			else
				return j - i;
		}
	}
	return 0;
}

static size_t match_name(const char *s, size_t len, size_t i)
{
	size_t j = i;
	while (j < len) {
		size_t k = j;
		uint32_t c = ustr_next(s, len, &k);
		/* combining marks (U+0300..U+036F etc.) continue identifiers too */
		if (!ustr_word(c) && !(c >= 0x300 && c <= 0x36F))
			break;
		j = k;
	}
	return j - i;
}

static const struct {
	const char *text;
	uint8_t type;
} operators[] = {
	{ "//", T_FLOORDIV }, { "**", T_POW }, { "==", T_EQ }, { "!=", T_NE },
	{ ">=", T_GTEQ }, { "<=", T_LTEQ }, { "+", T_ADD }, { "-", T_SUB },
	{ "/", T_DIV }, { "*", T_MUL }, { "%", T_MOD }, { "~", T_TILDE },
	{ "[", T_LBRACKET }, { "]", T_RBRACKET }, { "(", T_LPAREN }, { ")", T_RPAREN },
	{ "{", T_LBRACE }, { "}", T_RBRACE }, { ">", T_GT }, { "<", T_LT },
	{ "=", T_ASSIGN }, { ".", T_DOT }, { ":", T_COLON }, { "|", T_PIPE },
	{ ",", T_COMMA }, { ";", T_SEMICOLON },
};

static int hexval(char c)
{
	if (is_digit(c))
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decode the body of a string literal the way Jinja does (ASCII-escape with
 * backslashreplace, then Python's unicode-escape codec). Returns NULL and
 * sets *err on a bad escape. */
static const char *unescape(struct lexer *lx, const char *s, size_t n, size_t *outlen, const char **err)
{
	struct buf b = BUF_INIT;
	size_t i = 0;
	while (i < n) {
		char c = s[i];
		if (c != '\\') {
			size_t j = i + 1;
			while (j < n && s[j] != '\\')
				j++;
			buf_add(&b, s + i, j - i);
			i = j;
			continue;
		}
		/* s[i+1] exists: the literal regex pairs every backslash */
		char e = s[i + 1];
		i += 2;
		const char *simple = strchr("\\'\"abfnrtv\n", e);
		if (e && simple) {
			static const char map[] = "\\'\"\a\b\f\n\r\t\v";
			if (e != '\n')
				buf_putc(&b, map[simple - "\\'\"abfnrtv\n"]);
		} else if (e >= '0' && e <= '7') {
			uint32_t v = (uint32_t)(e - '0');
			for (int k = 0; k < 2 && i < n && s[i] >= '0' && s[i] <= '7'; k++)
				v = v * 8 + (uint32_t)(s[i++] - '0');
			ustr_put(&b, v);
		} else if (e == 'x' || e == 'u' || e == 'U') {
			int want = e == 'x' ? 2 : e == 'u' ? 4 : 8;
			uint32_t v = 0;
			for (int k = 0; k < want; k++) {
				if (i >= n || hexval(s[i]) < 0) {
					*err = e == 'x' ? "truncated \\xXX escape" : e == 'u' ? "truncated \\uXXXX escape"
											      : "truncated \\UXXXXXXXX escape";
					buf_free(&b);
					return NULL;
				}
				v = v * 16 + (uint32_t)hexval(s[i++]);
			}
			if (v > 0x10FFFF) {
				*err = "illegal Unicode character";
				buf_free(&b);
				return NULL;
			}
			if (v >= 0xD800 && v <= 0xDFFF) {
				*err = "surrogate code points in strings are not supported";
				buf_free(&b);
				return NULL;
			}
			ustr_put(&b, v);
		} else if (e == 'N') {
			*err = "\\N{...} escapes are not supported";
			buf_free(&b);
			return NULL;
		} else if ((unsigned char)e >= 0x80) {
			/* backslashreplace turned the character into an escape text */
			size_t k = i - 1;
			uint32_t cp = ustr_next(s, n, &k);
			i = k;
			buf_putc(&b, '\\');
			if (cp <= 0xFF)
				buf_printf(&b, "x%02x", cp);
			else if (cp <= 0xFFFF)
				buf_printf(&b, "u%04x", cp);
			else
				buf_printf(&b, "U%08x", cp);
		} else {
			buf_putc(&b, '\\');
			buf_putc(&b, e);
		}
	}
	*outlen = b.len;
	return keep(lx, &b);
}

static size_t char_index(const char *s, size_t off)
{
	size_t n = 0;
	for (size_t i = 0; i < off; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* Lex the inside of a {{ }} or {% %} tag starting at *pos. Returns false
 * after an error token (lexing stops). */
static bool lex_tag(struct lexer *lx, size_t *pos, int *line, char x, enum tok_type end_type)
{
	const char *s = lx->src;
	size_t len = lx->len, i = *pos;
	char balance[256];
	size_t depth = 0;
	while (i < len) {
		size_t n;
		if (depth == 0 && (n = match_end(s, len, i, x))) {
			push(lx, end_type, i, n, *line);
			*line += count_nl(s, i, i + n);
			*pos = i + n;
			return true;
		}
		if ((n = ws_len(s, len, i))) {
			*line += count_nl(s, i, i + n);
			i += n;
			continue;
		}
		int base;
		if ((n = match_float(s, len, i))) {
			char tmp[128];
			size_t k = 0;
			for (size_t j = i; j < i + n && k < sizeof tmp - 1; j++)
				if (s[j] != '_')
					tmp[k++] = s[j];
			tmp[k] = '\0';
			struct tok *t = push(lx, T_FLOAT, i, n, *line);
			if (t)
				t->f = strtod(tmp, NULL);
			i += n;
			continue;
		}
		if ((n = match_int(s, len, i, &base))) {
			uint64_t v = 0;
			bool over = false;
			for (size_t j = i + (base == 10 ? 0 : 2); j < i + n; j++) {
				if (s[j] == '_')
					continue;
				uint64_t d = (uint64_t)hexval(s[j]);
				if (v > (UINT64_MAX - d) / (uint64_t)base)
					over = true;
				v = v * (uint64_t)base + d;
			}
			if (over || v > (uint64_t)INT64_MAX) {
				error_tok(lx, i, *line, "integer literal %.*s is too large (osmo-tui ints are 64-bit)",
					  (int)n, s + i);
				return false;
			}
			struct tok *t = push(lx, T_INT, i, n, *line);
			if (t)
				t->i = (int64_t)v;
			i += n;
			continue;
		}
		if ((n = match_name(s, len, i))) {
			if (is_digit(s[i])) {
				error_tok(lx, i, *line, "Invalid character in identifier");
				return false;
			}
			struct tok *t = push(lx, T_NAME, i, n, *line);
			if (t) {
				t->s = s + i;
				t->slen = n;
			}
			i += n;
			continue;
		}
		if (s[i] == '\'' || s[i] == '"') {
			char q = s[i];
			size_t j = i + 1;
			while (j < len && s[j] != q)
				j += (s[j] == '\\' && j + 1 < len) ? 2 : 1;
			if (j < len) {
				const char *err = NULL;
				size_t slen = 0;
				const char *v = unescape(lx, s + i + 1, j - i - 1, &slen, &err);
				if (!v) {
					error_tok(lx, i, *line, "%s", err);
					return false;
				}
				struct tok *t = push(lx, T_STRING, i, j + 1 - i, *line);
				if (t) {
					t->s = v;
					t->slen = slen;
				}
				*line += count_nl(s, i, j + 1);
				i = j + 1;
				continue;
			}
		}
		size_t k;
		for (k = 0; k < sizeof operators / sizeof operators[0]; k++) {
			size_t ol = strlen(operators[k].text);
			if (i + ol <= len && memcmp(s + i, operators[k].text, ol) == 0)
				break;
		}
		if (k == sizeof operators / sizeof operators[0]) {
			struct buf r = BUF_INIT;
			size_t e = i;
			ustr_next(s, len, &e);
			tv_str_repr(s + i, e - i, &r);
			error_tok(lx, i, *line, "unexpected char %s at %zu", buf_cstr(&r), char_index(s, i));
			buf_free(&r);
			return false;
		}
		uint8_t type = operators[k].type;
		if (type == T_LBRACE || type == T_LPAREN || type == T_LBRACKET) {
			if (depth == sizeof balance) {
				error_tok(lx, i, *line, "brackets nested too deeply");
				return false;
			}
			balance[depth++] = type == T_LBRACE ? '}' : type == T_LPAREN ? ')' : ']';
		} else if (type == T_RBRACE || type == T_RPAREN || type == T_RBRACKET) {
			char c = s[i];
			if (depth == 0) {
				error_tok(lx, i, *line, "unexpected '%c'", c);
				return false;
			}
			char want = balance[--depth];
			if (want != c) {
				error_tok(lx, i, *line, "unexpected '%c', expected '%c'", c, want);
				return false;
			}
		}
		push(lx, type, i, strlen(operators[k].text), *line);
		i += strlen(operators[k].text);
	}
	*pos = i;
	return true; /* end of input inside a tag: the parser reports it */
}

/* {%(-|+|)\s*raw\s*(-%}\s*|%}) at s[i]; returns length or 0. */
static size_t match_raw(const char *s, size_t len, size_t i, const char *word, bool *minus)
{
	if (i + 1 >= len || s[i] != '{' || s[i + 1] != '%')
		return 0;
	size_t j = i + 2;
	*minus = false;
	if (j < len && (s[j] == '-' || s[j] == '+')) {
		*minus = s[j] == '-';
		j++;
	}
	j += ws_len(s, len, j);
	size_t wl = strlen(word);
	if (j + wl > len || memcmp(s + j, word, wl) != 0)
		return 0;
	j += wl;
	j += ws_len(s, len, j);
	size_t e = match_end(s, len, j, '%');
	return e ? j + e - i : 0;
}

static int lex_all(struct lexer *lx)
{
	const char *s = lx->src;
	size_t len = lx->len, pos = 0;
	int line = 1;
	while (pos < len && !lx->oom) {
		/* root: data up to the first tag start */
		size_t i = pos, tag = len;
		bool raw_minus = false;
		size_t raw_len = 0;
		for (; i + 1 < len; i++) {
			if (s[i] != '{')
				continue;
			char c = s[i + 1];
			if (c == '%' && (raw_len = match_raw(s, len, i, "raw", &raw_minus))) {
				tag = i;
				break;
			}
			if (c == '{' || c == '#' || c == '%') {
				tag = i;
				break;
			}
		}
		if (tag == len) {
			push(lx, T_DATA, pos, len - pos, line);
			break;
		}
		char kind = raw_len ? 'r' : s[tag + 1];
		bool minus = raw_len ? raw_minus : (tag + 2 < len && s[tag + 2] == '-');
		size_t data_end = minus ? rstrip_at(s, pos, tag) : tag;
		if (data_end > pos)
			push(lx, T_DATA, pos, data_end - pos, line);
		line += count_nl(s, pos, tag);
		if (kind == 'r') {
			/* raw: everything up to {% endraw %} is data */
			size_t j = tag + raw_len, end = 0, elen = 0;
			bool em = false;
			line += count_nl(s, tag, j);
			for (size_t k = j; k + 1 < len; k++)
				if (s[k] == '{' && (elen = match_raw(s, len, k, "endraw", &em))) {
					end = k;
					break;
				}
			if (!elen) {
				error_tok(lx, tag, line, "Missing end of raw directive");
				return 0;
			}
			size_t dend = em ? rstrip_at(s, j, end) : end;
			if (dend > j)
				push(lx, T_DATA, j, dend - j, line);
			line += count_nl(s, j, end + elen);
			pos = end + elen;
			continue;
		}
		size_t open = 2 + ((tag + 2 < len && (s[tag + 2] == '-' || s[tag + 2] == '+')) ? 1 : 0);
		if (kind == '#') {
			size_t k = tag + open, close = 0;
			for (; k + 1 < len; k++) {
				if ((s[k] == '-' || s[k] == '+') && k + 2 < len && s[k + 1] == '#' && s[k + 2] == '}') {
					close = 3 + (s[k] == '-' ? ws_len(s, len, k + 3) : 0);
					break;
				}
				if (s[k] == '#' && s[k + 1] == '}') {
					close = 2;
					break;
				}
			}
			if (!close) {
				error_tok(lx, tag, line, "Missing end of comment tag");
				return 0;
			}
			line += count_nl(s, tag, k + close);
			pos = k + close;
			continue;
		}
		enum tok_type bt = kind == '{' ? T_VAR_BEGIN : T_BLOCK_BEGIN;
		push(lx, bt, tag, open, line);
		pos = tag + open;
		if (!lex_tag(lx, &pos, &line, kind == '{' ? '}' : '%', kind == '{' ? T_VAR_END : T_BLOCK_END))
			return 0;
	}
	return 0;
}

int lex_run(struct lexer *lx, const char *src, size_t len)
{
	/* normalise \r\n and \r to \n; drop one trailing newline */
	lx->src = malloc(len + 1);
	if (!lx->src)
		return -1;
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (src[i] == '\r') {
			lx->src[n++] = '\n';
			if (i + 1 < len && src[i + 1] == '\n')
				i++;
		} else {
			lx->src[n++] = src[i];
		}
	}
	if (n && lx->src[n - 1] == '\n')
		n--;
	lx->src[n] = '\0';
	lx->len = n;
	lex_all(lx);
	struct tok *t = push(lx, T_EOF, lx->len, 0, 0);
	if (t)
		t->line = lx->n > 1 ? lx->toks[lx->n - 2].line + count_nl(lx->src, lx->toks[lx->n - 2].off, lx->len) : 1;
	return lx->oom ? -1 : 0;
}

void lex_free(struct lexer *lx)
{
	for (size_t i = 0; i < lx->nstrs; i++)
		free(lx->strs[i]);
	free(lx->strs);
	free(lx->toks);
	free(lx->src);
	memset(lx, 0, sizeof *lx);
}

const char *lex_type_name(enum tok_type type)
{
	static const char *const names[] = {
		[T_EOF] = "end of template", [T_ERROR] = "error", [T_DATA] = "template data / text",
		[T_VAR_BEGIN] = "begin of print statement", [T_VAR_END] = "end of print statement",
		[T_BLOCK_BEGIN] = "begin of statement block", [T_BLOCK_END] = "end of statement block",
		[T_NAME] = "name", [T_STRING] = "string", [T_INT] = "integer", [T_FLOAT] = "float",
	};
	if (type >= T_ADD) {
		for (size_t k = 0; k < sizeof operators / sizeof operators[0]; k++)
			if (operators[k].type == type)
				return operators[k].text;
	}
	return names[type];
}

const char *lex_describe(const struct tok *t, char *out, size_t outlen)
{
	if (t->type == T_NAME)
		snprintf(out, outlen, "%.*s", (int)t->slen, t->s);
	else
		snprintf(out, outlen, "%s", lex_type_name((enum tok_type)t->type));
	return out;
}
