/* pyemit: PyYAML's serializer + emitter over a representation graph.
 *
 * PyYAML's emitter is an event-driven state machine; with the events of one
 * document it amounts to a recursive walk, which is what emit_node() does.
 * What must match byte for byte is the writer state it threads through:
 * the column, whether the last character written was whitespace, whether
 * the line so far is only indentation ("indention"), the current indent
 * and whether the document ended open. The scalar writers fold long lines
 * at single spaces once the column passes the width, as PyYAML's do, and
 * count columns in code points.
 *
 * Two passes, like PyYAML's serializer: the first numbers the nodes met a
 * second time (anchors id001, id002... in depth-first order), the second
 * writes them, the first occurrence with "&idNNN" and later ones as
 * "*idNNN". A last pass clears the marks.
 *
 * yaml.dump's defaults make every non-empty collection block style, so
 * flow style only ever holds the empty "[]" and "{}".
 */
#include "pyemit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pychar.h"

#define BEST_WIDTH 80
#define BEST_INDENT 2
#define SIMPLE_KEY_MAX 128
#define NO_CHAR UINT32_MAX

enum { MARK_SEEN = 1, MARK_DONE = 2 };
enum { CTX_ROOT = 1, CTX_SEQ = 2, CTX_MAP = 4, CTX_KEY = 8 };

struct em {
	struct buf *out;
	int indent;             /* -1 before the root collection */
	size_t column;
	bool whitespace;        /* the last character written was a blank */
	bool indention;         /* the line holds only indentation so far */
	bool open_ended;        /* the document needs "..." to end */
	unsigned max_depth;
	bool failed;
	uint32_t *cp;           /* the scalar being written, as code points */
	size_t ncp, capcp;
};

struct analysis {
	bool empty, multiline;
	bool flow_plain, block_plain, single, block;
};

/* --- character classes --- */

static bool is_break(uint32_t c)
{
	return c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

static bool is_blank_z(uint32_t c)
{
	return c == 0 || c == ' ' || c == '\t' || c == '\r' || is_break(c);
}

static bool in_set(uint32_t c, const char *set)
{
	return c != 0 && c < 0x80 && strchr(set, (int)c) != NULL;
}

/* --- low-level writers --- */

static void put_utf8(struct buf *b, uint32_t c)
{
	char u[4];
	size_t n;
	if (c < 0x80) {
		u[0] = (char)c, n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xC0 | (c >> 6)), u[1] = (char)(0x80 | (c & 0x3F)), n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xE0 | (c >> 12)), u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F)), n = 3;
	} else {
		u[0] = (char)(0xF0 | (c >> 18)), u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3F)), u[3] = (char)(0x80 | (c & 0x3F)), n = 4;
	}
	buf_add(b, u, n);
}

/* Write cp[from..to) as text; count_column is false only for block scalars,
 * whose writer does not track the column (PyYAML's doesn't either). */
static void put_range(struct em *e, size_t from, size_t to, bool count_column)
{
	for (size_t i = from; i < to; i++)
		put_utf8(e->out, e->cp[i]);
	if (count_column && to > from)
		e->column += to - from;
}

static void put_raw(struct em *e, const char *s)
{
	size_t n = strlen(s);
	buf_add(e->out, s, n);
	e->column += n;
}

static void write_indicator(struct em *e, const char *ind, bool need_blank, bool blank_after,
			    bool indention)
{
	if (!e->whitespace && need_blank)
		put_raw(e, " ");
	put_raw(e, ind);
	e->whitespace = blank_after;
	e->indention = e->indention && indention;
	e->open_ended = false;
}

static void write_line_break(struct em *e, uint32_t br)
{
	if (br == 0 || br == '\n')
		buf_putc(e->out, '\n');
	else
		put_utf8(e->out, br);
	e->whitespace = true;
	e->indention = true;
	e->column = 0;
}

static void write_indent(struct em *e)
{
	size_t indent = e->indent > 0 ? (size_t)e->indent : 0;
	if (!e->indention || e->column > indent || (e->column == indent && !e->whitespace))
		write_line_break(e, 0);
	if (e->column < indent) {
		e->whitespace = true;
		buf_repeat(e->out, ' ', indent - e->column);
		e->column = indent;
	}
}

/* --- scalar analysis: which styles can hold the text --- */

static void analyze(const uint32_t *s, size_t n, struct analysis *a)
{
	memset(a, 0, sizeof *a);
	if (n == 0) {
		a->empty = true;
		a->block_plain = a->single = true;
		return;
	}
	bool block_ind = false, flow_ind = false, breaks = false, special = false;
	bool lead = false, trail = false, break_space = false, space_break = false;
	if (n >= 3 && ((s[0] == '-' && s[1] == '-' && s[2] == '-') ||
		       (s[0] == '.' && s[1] == '.' && s[2] == '.')))
		block_ind = flow_ind = true;
	bool preceded = true, followed = n == 1 || is_blank_z(s[1]);
	bool prev_space = false, prev_break = false;
	for (size_t i = 0; i < n; i++) {
		uint32_t ch = s[i];
		if (i == 0) {
			if (in_set(ch, "#,[]{}&*!|>'\"%@`"))
				flow_ind = block_ind = true;
			if (ch == '?' || ch == ':') {
				flow_ind = true;
				block_ind = block_ind || followed;
			}
			if (ch == '-' && followed)
				flow_ind = block_ind = true;
		} else {
			if (in_set(ch, ",?[]{}"))
				flow_ind = true;
			if (ch == ':') {
				flow_ind = true;
				block_ind = block_ind || followed;
			}
			if (ch == '#' && preceded)
				flow_ind = block_ind = true;
		}
		if (is_break(ch))
			breaks = true;
		/* with allow_unicode off, only printable ASCII and '\n' are
		 * written as they are */
		if (ch != '\n' && (ch < 0x20 || ch > 0x7E))
			special = true;
		if (ch == ' ') {
			lead = lead || i == 0;
			trail = trail || i == n - 1;
			break_space = break_space || prev_break;
			prev_space = true, prev_break = false;
		} else if (is_break(ch)) {
			lead = lead || i == 0;
			trail = trail || i == n - 1;
			space_break = space_break || prev_space;
			prev_space = false, prev_break = true;
		} else {
			prev_space = prev_break = false;
		}
		preceded = is_blank_z(ch);
		followed = i + 2 >= n || is_blank_z(s[i + 2]);
	}
	bool trailing_space = s[n - 1] == ' ';
	a->multiline = breaks;
	a->flow_plain = a->block_plain = a->single = a->block = true;
	if (lead || trail)
		a->flow_plain = a->block_plain = false;
	if (trailing_space)
		a->block = false;
	if (break_space)
		a->flow_plain = a->block_plain = a->single = false;
	if (space_break || special)
		a->flow_plain = a->block_plain = a->single = a->block = false;
	if (breaks)
		a->flow_plain = a->block_plain = false;
	if (flow_ind)
		a->flow_plain = false;
	if (block_ind)
		a->block_plain = false;
}

/* PyYAML's choose_scalar_style (block context): 0 (plain), '\'', '"' or
 * '|' (only for a node that asks for it) */
static char choose_style(const struct pyemit_node *n, const struct analysis *a, unsigned ctx)
{
	bool key = ctx & CTX_KEY;
	if (n->style == '|')
		return !key && a->block ? '|' : '"';
	if (n->implicit_plain && !(key && (a->empty || a->multiline)) && a->block_plain)
		return 0;
	if (a->single && !(key && a->multiline))
		return '\'';
	return '"';
}

/* --- scalar writers --- */

static void write_plain(struct em *e, bool split, bool root)
{
	if (root)
		e->open_ended = true;
	if (e->ncp == 0)
		return;
	if (!e->whitespace)
		put_raw(e, " ");
	e->whitespace = e->indention = false;
	/* the analysis never allows line breaks in a plain scalar */
	bool spaces = false;
	size_t start = 0;
	for (size_t end = 0; end <= e->ncp; end++) {
		uint32_t ch = end < e->ncp ? e->cp[end] : NO_CHAR;
		if (spaces) {
			if (ch != ' ') {
				if (start + 1 == end && e->column > BEST_WIDTH && split) {
					write_indent(e);
					e->whitespace = e->indention = false;
				} else {
					put_range(e, start, end, true);
				}
				start = end;
			}
		} else if (ch == NO_CHAR || ch == ' ' || is_break(ch)) {
			put_range(e, start, end, true);
			start = end;
		}
		spaces = ch == ' ';
	}
}

static void write_breaks(struct em *e, size_t start, size_t end)
{
	for (size_t i = start; i < end; i++)
		write_line_break(e, e->cp[i]);
}

static void write_single(struct em *e, bool split)
{
	write_indicator(e, "'", true, false, false);
	bool spaces = false, breaks = false;
	size_t start = 0, n = e->ncp;
	for (size_t end = 0; end <= n; end++) {
		uint32_t ch = end < n ? e->cp[end] : NO_CHAR;
		if (spaces) {
			if (ch != ' ') {
				/* a single space past the width becomes a line break */
				if (start + 1 == end && e->column > BEST_WIDTH && split && start != 0 &&
				    end != n)
					write_indent(e);
				else
					put_range(e, start, end, true);
				start = end;
			}
		} else if (breaks) {
			if (ch == NO_CHAR || !is_break(ch)) {
				/* a lone break would fold to a space: write one more */
				if (e->cp[start] == '\n')
					write_line_break(e, 0);
				write_breaks(e, start, end);
				write_indent(e);
				start = end;
			}
		} else if ((ch == NO_CHAR || ch == ' ' || is_break(ch) || ch == '\'') && start < end) {
			put_range(e, start, end, true);
			start = end;
		}
		if (ch == '\'') {
			put_raw(e, "''");
			start = end + 1;
		}
		if (ch != NO_CHAR) {
			spaces = ch == ' ';
			breaks = is_break(ch);
		}
	}
	write_indicator(e, "'", false, false, false);
}

static void escape_char(uint32_t c, char out[12])
{
	static const struct { uint32_t c; char e; } table[] = {
		{ 0, '0' }, { 7, 'a' }, { 8, 'b' }, { 9, 't' }, { 10, 'n' }, { 11, 'v' },
		{ 12, 'f' }, { 13, 'r' }, { 27, 'e' }, { '"', '"' }, { '\\', '\\' },
		{ 0x85, 'N' }, { 0xA0, '_' }, { 0x2028, 'L' }, { 0x2029, 'P' },
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		if (table[i].c == c) {
			out[0] = '\\', out[1] = table[i].e, out[2] = '\0';
			return;
		}
	}
	if (c <= 0xFF)
		snprintf(out, 12, "\\x%02X", (unsigned)c);
	else if (c <= 0xFFFF)
		snprintf(out, 12, "\\u%04X", (unsigned)c);
	else
		snprintf(out, 12, "\\U%08X", (unsigned)c);
}

static void write_double(struct em *e, bool split)
{
	write_indicator(e, "\"", true, false, false);
	size_t start = 0, n = e->ncp;
	for (size_t end = 0; end <= n; end++) {
		uint32_t ch = end < n ? e->cp[end] : NO_CHAR;
		if (ch == NO_CHAR || ch == '"' || ch == '\\' || ch < 0x20 || ch > 0x7E) {
			if (start < end) {
				put_range(e, start, end, true);
				start = end;
			}
			if (ch != NO_CHAR) {
				char esc[12];
				escape_char(ch, esc);
				put_raw(e, esc);
				start = end + 1;
			}
		}
		/* fold at a space (or right after an escape) past the width;
		 * start may be end + 1 here, hence the signed arithmetic */
		if (end > 0 && end + 1 < n && (ch == ' ' || start >= end) &&
		    (long long)e->column + (long long)end - (long long)start > BEST_WIDTH && split) {
			if (start < end) {
				put_range(e, start, end, true);
				start = end;
			}
			put_raw(e, "\\");
			write_indent(e);
			e->whitespace = e->indention = false;
			if (e->cp[start] == ' ')
				put_raw(e, "\\");
		}
	}
	write_indicator(e, "\"", false, false, false);
}

static void write_literal(struct em *e)
{
	const uint32_t *s = e->cp;
	size_t n = e->ncp;
	char ind[4] = "|";
	size_t k = 1;
	if (n && (s[0] == ' ' || is_break(s[0])))
		ind[k++] = '0' + BEST_INDENT;
	if (n && !is_break(s[n - 1]))
		ind[k++] = '-';
	else if (n && (n == 1 || is_break(s[n - 2])))
		ind[k++] = '+';
	ind[k] = '\0';
	write_indicator(e, ind, true, false, false);
	if (ind[k - 1] == '+')
		e->open_ended = true;
	write_line_break(e, 0);
	bool breaks = true;
	size_t start = 0;
	for (size_t end = 0; end <= n; end++) {
		uint32_t ch = end < n ? s[end] : NO_CHAR;
		if (breaks) {
			if (ch == NO_CHAR || !is_break(ch)) {
				write_breaks(e, start, end);
				if (ch != NO_CHAR)
					write_indent(e);
				start = end;
			}
		} else if (ch == NO_CHAR || is_break(ch)) {
			put_range(e, start, end, false);
			if (ch == NO_CHAR)
				write_line_break(e, 0);
			start = end;
		}
		if (ch != NO_CHAR)
			breaks = is_break(ch);
	}
}

/* --- nodes --- */

static int decode_text(struct em *e, const struct pyemit_node *n)
{
	if (n->len > e->capcp) {
		uint32_t *p = realloc(e->cp, n->len * sizeof *p);
		if (!p)
			return -1;
		e->cp = p;
		e->capcp = n->len;
	}
	size_t k = 0, step;
	for (size_t i = 0; i < n->len; i += step)
		e->cp[k++] = pychar_decode(n->text + i, n->len - i, &step);
	e->ncp = k;
	return 0;
}

static void anchor_name(char out[24], char sigil, unsigned id)
{
	snprintf(out, 24, "%cid%03u", sigil, id);
}

/* PyYAML's check_simple_key: can this key be written as "key: value"? The
 * length counts the anchor and the tag even when the tag is not written. */
static bool simple_key(struct em *e, const struct pyemit_node *k)
{
	char name[24];
	size_t len = 0;
	bool alias = k->mark & MARK_DONE;
	if (k->anchor) {
		anchor_name(name, '&', k->anchor);
		len += strlen(name) - 1;
	}
	if (alias)
		return len < SIMPLE_KEY_MAX;
	len += strlen(k->tag);
	if (k->kind != PYEMIT_SCALAR)
		return len < SIMPLE_KEY_MAX && k->nkids == 0;
	if (decode_text(e, k) < 0) {
		e->failed = true;
		return false;
	}
	struct analysis a;
	analyze(e->cp, e->ncp, &a);
	return len + e->ncp < SIMPLE_KEY_MAX && !a.empty && !a.multiline;
}

static void emit_node(struct em *e, struct pyemit_node *n, unsigned ctx, unsigned depth);

static void emit_scalar(struct em *e, struct pyemit_node *n, unsigned ctx)
{
	if (decode_text(e, n) < 0) {
		e->failed = true;
		return;
	}
	struct analysis a;
	analyze(e->cp, e->ncp, &a);
	char style = choose_style(n, &a, ctx);
	if (!((style == 0 && n->implicit_plain) || (style != 0 && n->implicit)))
		write_indicator(e, n->tag, true, false, false);
	int saved = e->indent;
	e->indent = saved < 0 ? BEST_INDENT : saved + BEST_INDENT;
	bool split = !(ctx & CTX_KEY);
	if (style == '"')
		write_double(e, split);
	else if (style == '\'')
		write_single(e, split);
	else if (style == '|')
		write_literal(e);
	else
		write_plain(e, split, ctx & CTX_ROOT);
	e->indent = saved;
}

static void emit_block_seq(struct em *e, struct pyemit_node *n, unsigned ctx, unsigned depth)
{
	/* a sequence right after "key:" stays at the key's column */
	bool indentless = (ctx & CTX_MAP) && !e->indention;
	int saved = e->indent;
	e->indent = saved < 0 ? 0 : indentless ? saved : saved + BEST_INDENT;
	for (size_t i = 0; i < n->nkids && !e->failed; i++) {
		write_indent(e);
		write_indicator(e, "-", true, false, true);
		emit_node(e, n->kids[i], CTX_SEQ, depth + 1);
	}
	e->indent = saved;
}

static void emit_block_map(struct em *e, struct pyemit_node *n, unsigned depth)
{
	int saved = e->indent;
	e->indent = saved < 0 ? 0 : saved + BEST_INDENT;
	for (size_t i = 0; i + 1 < n->nkids && !e->failed; i += 2) {
		write_indent(e);
		if (simple_key(e, n->kids[i])) {
			emit_node(e, n->kids[i], CTX_MAP | CTX_KEY, depth + 1);
			write_indicator(e, ":", false, false, false);
		} else {
			write_indicator(e, "?", true, false, true);
			emit_node(e, n->kids[i], CTX_MAP, depth + 1);
			write_indent(e);
			write_indicator(e, ":", true, false, true);
		}
		emit_node(e, n->kids[i + 1], CTX_MAP, depth + 1);
	}
	e->indent = saved;
}

static void emit_node(struct em *e, struct pyemit_node *n, unsigned ctx, unsigned depth)
{
	char name[24];
	if (depth > e->max_depth || e->failed) {
		e->failed = true;
		return;
	}
	if (n->mark & MARK_DONE) {
		anchor_name(name, '*', n->anchor);
		write_indicator(e, name, true, false, false);
		return;
	}
	n->mark |= MARK_DONE;
	if (n->anchor) {
		anchor_name(name, '&', n->anchor);
		write_indicator(e, name, true, false, false);
	}
	if (n->kind == PYEMIT_SCALAR) {
		emit_scalar(e, n, ctx);
		return;
	}
	if (!n->implicit)
		write_indicator(e, n->tag, true, false, false);
	if (n->nkids == 0) {
		/* the only flow collections yaml.dump writes */
		write_indicator(e, n->kind == PYEMIT_SEQ ? "[" : "{", true, true, false);
		write_indicator(e, n->kind == PYEMIT_SEQ ? "]" : "}", false, false, false);
	} else if (n->kind == PYEMIT_SEQ) {
		emit_block_seq(e, n, ctx, depth);
	} else {
		emit_block_map(e, n, depth);
	}
}

/* --- anchors --- */

static int find_anchors(struct pyemit_node *n, unsigned *last, unsigned depth, unsigned max)
{
	if (depth > max)
		return -1;
	if (n->mark & MARK_SEEN) {
		if (!n->anchor)
			n->anchor = ++*last;
		return 0;
	}
	n->mark |= MARK_SEEN;
	for (size_t i = 0; i < n->nkids; i++)
		if (find_anchors(n->kids[i], last, depth + 1, max) < 0)
			return -1;
	return 0;
}

static void clear_marks(struct pyemit_node *n)
{
	if (!n->mark)
		return;
	n->mark = 0;
	n->anchor = 0;
	for (size_t i = 0; i < n->nkids; i++)
		clear_marks(n->kids[i]);
}

int pyemit_document(struct pyemit_node *root, struct buf *out, unsigned max_depth)
{
	struct em e = { .out = out, .indent = -1, .whitespace = true, .indention = true,
			.max_depth = max_depth };
	unsigned last = 0;
	if (find_anchors(root, &last, 0, max_depth) < 0) {
		clear_marks(root);
		return -1;
	}
	emit_node(&e, root, CTX_ROOT, 0);
	if (!e.failed) {
		write_indent(&e);              /* document end */
		if (e.open_ended) {            /* stream end */
			write_indicator(&e, "...", true, false, false);
			write_indent(&e);
		}
	}
	clear_marks(root);
	free(e.cp);
	return e.failed || out->oom ? -1 : 0;
}
