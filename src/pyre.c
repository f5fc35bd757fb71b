/* pyre: a syntax checker for Python 3.11 `re` patterns (see pyre.h).
 *
 * The parser mirrors CPython's re/_parser.py function by function
 * (tokenizer, _escape, _class_escape, _parse_sub, _parse, _parse_flags), so
 * errors come out with the same message and the same position, which
 * Python counts in code points. It builds a small tree of the nodes that
 * matter after parsing: the compiler's only syntax-level errors need the
 * (min, max) width of look-behind bodies and the template flag, and they
 * are raised in pre-order, which the tree walk reproduces. Errors unwind
 * with longjmp; everything allocated lives in struct parser and is freed
 * by the entry point.
 */
#include "pyre_impl.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pychar.h"

static const struct { char c; unsigned flag; } flag_table[] = {
	{ 'i', F_I }, { 'L', F_L }, { 'm', F_M }, { 's', F_S },
	{ 'x', F_X }, { 'a', F_A }, { 't', F_T }, { 'u', F_U },
};

/* ---- the tree ---- */

static int new_node(struct parser *P, enum op op)
{
	P->nodes = pyre_grow(P, P->nodes, &P->ncap, P->nnodes + 1, sizeof *P->nodes);
	struct node *nd = &P->nodes[P->nnodes];
	memset(nd, 0, sizeof *nd);
	nd->op = op;
	nd->first = nd->last = nd->next = nd->child = -1;
	return (int)P->nnodes++;
}

static void append(struct parser *P, int seq, int child)
{
	if (P->nodes[seq].last < 0)
		P->nodes[seq].first = child;
	else
		P->nodes[P->nodes[seq].last].next = child;
	P->nodes[seq].last = child;
}

static int leaf(struct parser *P, int seq, enum op op)
{
	int nd = new_node(P, op);
	append(P, seq, nd);
	return nd;
}

static uint64_t sat_add(uint64_t a, uint64_t b) { return a > MAXWIDTH - b ? MAXWIDTH : a + b; }

static uint64_t sat_mul(uint64_t a, uint64_t b)
{
	if (a == 0 || b == 0)
		return 0;
	return a > MAXWIDTH / b ? MAXWIDTH : a * b;
}

/* SubPattern.getwidth() */
static void width(struct parser *P, int idx, uint64_t *lo, uint64_t *hi)
{
	struct node *nd = &P->nodes[idx];
	if (nd->wdone) {
		*lo = nd->wlo;
		*hi = nd->whi;
		return;
	}
	uint64_t l = 0, h = 0, i, j, a, b;
	switch (nd->op) {
	case N_SEQ:
		for (int c = nd->first; c >= 0; c = P->nodes[c].next) {
			width(P, c, &i, &j);
			l = sat_add(l, i);
			h = sat_add(h, j);
		}
		break;
	case N_BRANCH:
		l = MAXWIDTH;
		for (int c = nd->first; c >= 0; c = P->nodes[c].next) {
			width(P, c, &i, &j);
			l = i < l ? i : l;
			h = j > h ? j : h;
		}
		break;
	case N_UNIT:
		l = h = 1;
		break;
	case N_GROUP:
	case N_ATOMIC:
		width(P, nd->child, &l, &h);
		break;
	case N_REPEAT:
		width(P, nd->child, &i, &j);
		l = sat_mul(i, nd->min);
		h = (nd->max == MAXREPEAT && j) ? MAXWIDTH : sat_mul(j, nd->max);
		break;
	case N_GROUPREF:
		l = P->groups[nd->gid].lo;
		h = P->groups[nd->gid].hi;
		break;
	case N_EXISTS:
		width(P, nd->first, &i, &j);
		if (nd->has_no) {
			width(P, P->nodes[nd->first].next, &a, &b);
			i = a < i ? a : i;
			j = b > j ? b : j;
		} else {
			i = 0;
		}
		l = i;
		h = j;
		break;
	default:   /* AT, ASSERT: zero width */
		break;
	}
	nd = &P->nodes[idx];
	nd->wdone = true;
	nd->wlo = l;
	nd->whi = h;
	*lo = l;
	*hi = h;
}

/* The compiler's checks, in its (pre-order) walk. */
static void compile_walk(struct parser *P, int idx)
{
	static const char *const repeat_names[] = { "MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT" };
	const struct node *nd = &P->nodes[idx];
	uint64_t lo, hi;
	switch (nd->op) {
	case N_REPEAT:
		if (P->flags & F_T)
			pyre_fail_kind(P, PYRE_ERROR, PYRE_NOPOS, "internal: unsupported template operator %s",
				  repeat_names[nd->kind]);
		compile_walk(P, nd->child);
		break;
	case N_ASSERT:
		if (nd->kind < 0) {
			width(P, nd->child, &lo, &hi);
			if (lo > MAXCODE)
				pyre_fail_kind(P, PYRE_ERROR, PYRE_NOPOS, "looks too much behind");
			if (lo != hi)
				pyre_fail_kind(P, PYRE_ERROR, PYRE_NOPOS, "look-behind requires fixed-width pattern");
		}
		compile_walk(P, nd->child);
		break;
	case N_GROUP:
	case N_ATOMIC:
		compile_walk(P, nd->child);
		break;
	case N_SEQ:
	case N_BRANCH:
	case N_EXISTS:
		for (int c = nd->first; c >= 0; c = P->nodes[c].next)
			compile_walk(P, c);
		break;
	default:
		break;
	}
}

/* ---- the parser ---- */

static int parse_sub(struct parser *P, bool verbose, int nested);
static int parse(struct parser *P, bool verbose, int nested, bool first);

static void char_set(struct parser *P, int seq)
{
	size_t here = tell(P) - 1;
	bool nonempty = false;
	pyre_match(P, '^');
	for (;;) {
		struct tok t = pyre_get(P);
		if (t.k == T_END)
			FAIL(P, tell(P) - here, "unterminated character set");
		if (is_char(&t, ']') && nonempty)
			break;
		struct esc c1 = { C_LITERAL, t.c, true, 0 };
		if (t.k == T_ESC)
			c1 = pyre_class_escape(P, &t);
		nonempty = true;
		if (!pyre_match(P, '-'))
			continue;
		struct tok u = pyre_get(P);
		if (u.k == T_END)
			FAIL(P, tell(P) - here, "unterminated character set");
		if (is_char(&u, ']'))
			break;
		struct esc c2 = { C_LITERAL, u.c, true, 0 };
		if (u.k == T_ESC)
			c2 = pyre_class_escape(P, &u);
		/* the message shows the two tokens ("\x", not "\x41") */
		const char *ts, *us;
		int tl = pyre_tok_text(P, &t, &ts), ul = pyre_tok_text(P, &u, &us);
		if (c1.code != C_LITERAL || c2.code != C_LITERAL ||
		    (c1.known && c2.known && c2.value < c1.value))
			FAIL(P, (t.k == T_ESC ? 2 : 1) + 1 + (u.k == T_ESC ? 2 : 1),
			     "bad character range %.*s-%.*s", tl, ts, ul, us);
	}
	leaf(P, seq, N_UNIT);
}

static const char *parse_digits(struct parser *P, size_t *len)
{
	const char *start = P->s + P->next.b;
	*len = 0;
	while (pyre_in_set(&P->next, DIGITS)) {
		pyre_get(P);
		(*len)++;
	}
	return start;
}

/* int() of an ASCII digit run, as a repeat count. */
static uint64_t repeat_count(struct parser *P, const char *d, size_t len)
{
	if (len > INT_MAX_STR_DIGITS)
		pyre_fail_kind(P, PYRE_VALUE, PYRE_NOPOS,
			  "Exceeds the limit (%d digits) for integer string conversion: value has %zu digits; "
			  "use sys.set_int_max_str_digits() to increase the limit", INT_MAX_STR_DIGITS, len);
	uint64_t v = 0;
	for (size_t i = 0; i < len; i++) {
		v = v * 10 + (uint64_t)(d[i] - '0');
		if (v >= MAXREPEAT)
			pyre_fail_kind(P, PYRE_OVERFLOW, PYRE_NOPOS, "the repetition number is too large");
	}
	return v;
}

static void quantifier(struct parser *P, int seq, const struct tok *t)
{
	size_t here = tell(P), here_b = P->next.b;
	uint64_t min = 0, max = MAXREPEAT;
	if (is_char(t, '?'))
		max = 1;
	else if (is_char(t, '+'))
		min = 1;
	else if (is_char(t, '{')) {
		if (is_char(&P->next, '}')) {
			leaf(P, seq, N_UNIT);
			return;
		}
		size_t lolen, hilen;
		const char *lo = parse_digits(P, &lolen), *hi = lo;
		hilen = lolen;
		if (pyre_match(P, ','))
			hi = parse_digits(P, &hilen);
		if (!pyre_match(P, '}')) {
			leaf(P, seq, N_UNIT);
			pyre_seek(P, here_b, here);
			return;
		}
		if (lolen)
			min = repeat_count(P, lo, lolen);
		if (hilen) {
			max = repeat_count(P, hi, hilen);
			if (max < min)
				FAIL(P, tell(P) - here, "min repeat greater than max repeat");
		}
	}
	int last = P->nodes[seq].last;
	if (last < 0 || P->nodes[last].op == N_AT)
		FAIL(P, tell(P) - here + 1, "nothing to repeat");
	if (P->nodes[last].op == N_REPEAT)
		FAIL(P, tell(P) - here + 1, "multiple repeat");
	int kind = R_MAX;
	if (pyre_match(P, '?'))
		kind = R_MIN;
	else if (pyre_match(P, '+'))
		kind = R_POSSESSIVE;
	/* wrap the last item in place: its content moves to a new node */
	int moved = new_node(P, N_UNIT);
	P->nodes[moved] = P->nodes[last];
	P->nodes[moved].next = -1;
	struct node *r = &P->nodes[last];
	memset(r, 0, sizeof *r);
	r->op = N_REPEAT;
	r->first = r->last = r->next = -1;
	r->child = moved;
	r->min = min;
	r->max = max;
	r->kind = kind;
}

/* _parse_flags: returns true for global flags "(?i)", else fills add/del. */
static unsigned flag_of(const struct tok *t)
{
	for (size_t k = 0; k < sizeof flag_table / sizeof flag_table[0]; k++)
		if (is_char(t, (uint32_t)flag_table[k].c))
			return flag_table[k].flag;
	return 0;
}

/* "unknown flag" when the character is a letter, else the other message */
static void bad_flag_char(struct parser *P, const struct tok *c, const char *other)
{
	bool alpha = c->k == T_CHAR && (ascii_alpha(c->c) || c->c >= 128);
	FAIL(P, c->k == T_ESC ? 2 : 1, "%s", alpha ? "unknown flag" : other);
}

static bool parse_flags(struct parser *P, struct tok c, unsigned *add, unsigned *del)
{
	*add = *del = 0;
	if (!is_char(&c, '-')) {
		for (;;) {
			unsigned flag = flag_of(&c);
			if (flag == F_L)
				FAIL(P, 0, "bad inline flags: cannot use 'L' flag with a str pattern");
			*add |= flag;
			if ((flag & TYPE_FLAGS) && (*add & TYPE_FLAGS) != flag)
				FAIL(P, 0, "bad inline flags: flags 'a', 'u' and 'L' are incompatible");
			c = pyre_get(P);
			if (c.k == T_END)
				FAIL(P, 0, "missing -, : or )");
			if (is_char(&c, ')') || is_char(&c, '-') || is_char(&c, ':'))
				break;
			if (!flag_of(&c))
				bad_flag_char(P, &c, "missing -, : or )");
		}
	}
	if (is_char(&c, ')')) {
		P->flags |= *add;
		return true;
	}
	if (*add & F_T)
		FAIL(P, 1, "bad inline flags: cannot turn on global flag");
	if (is_char(&c, '-')) {
		c = pyre_get(P);
		if (c.k == T_END)
			FAIL(P, 0, "missing flag");
		if (!flag_of(&c))
			bad_flag_char(P, &c, "missing flag");
		for (;;) {
			unsigned flag = flag_of(&c);
			if (flag & TYPE_FLAGS)
				FAIL(P, 0, "bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
			*del |= flag;
			c = pyre_get(P);
			if (c.k == T_END)
				FAIL(P, 0, "missing :");
			if (is_char(&c, ':'))
				break;
			if (!flag_of(&c))
				bad_flag_char(P, &c, "missing :");
		}
	}
	if (*del & F_T)
		FAIL(P, 1, "bad inline flags: cannot turn off global flag");
	if (*add & *del)
		FAIL(P, 1, "bad inline flags: flag turned on and off");
	return false;
}

static void conditional(struct parser *P, int seq, bool verbose, int nested, size_t start)
{
	const char *name;
	size_t nlen, nchars;
	pyre_getuntil(P, ')', "group name", &name, &nlen, &nchars);
	uint64_t gid;
	char rr[200];
	if (pyre_isidentifier(name, nlen)) {
		long g = pyre_find_group(P, name, nlen);
		if (g < 0) {
			pyre_repr(name, nlen, rr, sizeof rr);
			FAIL(P, nchars + 1, "unknown group name %s", rr);
		}
		gid = (uint64_t)g;
	} else {
		bool huge;
		int64_t num;
		char digits[64];
		if (pychar_int(name, nlen, &num, &huge, digits, sizeof digits) < 0 || num < 0) {
			pyre_repr(name, nlen, rr, sizeof rr);
			FAIL(P, nchars + 1, "bad character in group name %s", rr);
		}
		if (num == 0)
			FAIL(P, nchars + 1, "bad group number");
		if (huge || (uint64_t)num >= MAXGROUPS)
			FAIL(P, nchars + 1, "invalid group reference %s", digits);
		gid = (uint64_t)num;
		bool seen = false;
		for (size_t k = 0; k < P->nrefpos; k++)
			seen |= P->refpos[k].g == gid;
		if (!seen) {
			P->refpos = pyre_grow(P, P->refpos, &P->refcap, P->nrefpos + 1, sizeof *P->refpos);
			P->refpos[P->nrefpos].g = gid;
			P->refpos[P->nrefpos++].pos = tell(P) - nchars - 1;
		}
	}
	pyre_checklookbehindgroup(P, gid);
	int nd = leaf(P, seq, N_EXISTS);
	int yes = parse(P, verbose, nested + 1, false);
	append(P, nd, yes);
	if (pyre_match(P, '|')) {
		int no = parse(P, verbose, nested + 1, false);
		append(P, nd, no);
		P->nodes[nd].has_no = true;
		if (is_char(&P->next, '|'))
			FAIL(P, 0, "conditional backref with more than two branches");
	}
	if (!pyre_match(P, ')'))
		FAIL(P, tell(P) - start, "missing ), unterminated subpattern");
}

static void lookaround(struct parser *P, int seq, struct tok c, bool verbose, int nested, size_t start)
{
	int dir = 1;
	long saved = P->lookbehind;
	if (is_char(&c, '<')) {
		c = pyre_get(P);
		if (c.k == T_END)
			FAIL(P, 0, "unexpected end of pattern");
		if (!is_char(&c, '=') && !is_char(&c, '!')) {
			const char *txt;
			int tl = pyre_tok_text(P, &c, &txt);
			FAIL(P, (c.k == T_ESC ? 2 : 1) + 2, "unknown extension ?<%.*s", tl, txt);
		}
		dir = -1;
		if (saved < 0)
			P->lookbehind = (long)P->ngroups;
	}
	int body = parse_sub(P, verbose, nested + 1);
	if (dir < 0 && saved < 0)
		P->lookbehind = -1;
	if (!pyre_match(P, ')'))
		FAIL(P, tell(P) - start, "missing ), unterminated subpattern");
	int nd = leaf(P, seq, N_ASSERT);
	P->nodes[nd].kind = dir;
	P->nodes[nd].child = body;
}

static void group(struct parser *P, int seq, bool *verbose, int nested, bool first)
{
	size_t start = tell(P) - 1;
	bool capture = true, atomic = false;
	const char *name = NULL;
	size_t nlen = 0, nchars = 0;
	unsigned add = 0, del = 0;
	const char *txt;
	int tl;
	if (pyre_match(P, '?')) {
		struct tok c = pyre_get(P);
		if (c.k == T_END)
			FAIL(P, 0, "unexpected end of pattern");
		if (is_char(&c, 'P')) {
			if (pyre_match(P, '<')) {
				pyre_getuntil(P, '>', "group name", &name, &nlen, &nchars);
				pyre_checkgroupname(P, name, nlen, nchars, 1);
			} else if (pyre_match(P, '=')) {
				pyre_getuntil(P, ')', "group name", &name, &nlen, &nchars);
				pyre_checkgroupname(P, name, nlen, nchars, 1);
				long g = pyre_find_group(P, name, nlen);
				if (g < 0) {
					char rr[200];
					pyre_repr(name, nlen, rr, sizeof rr);
					FAIL(P, nchars + 1, "unknown group name %s", rr);
				}
				if (!pyre_checkgroup(P, (uint64_t)g))
					FAIL(P, nchars + 1, "cannot refer to an open group");
				pyre_checklookbehindgroup(P, (uint64_t)g);
				int nd = leaf(P, seq, N_GROUPREF);
				P->nodes[nd].gid = (size_t)g;
				return;
			} else {
				c = pyre_get(P);
				if (c.k == T_END)
					FAIL(P, 0, "unexpected end of pattern");
				tl = pyre_tok_text(P, &c, &txt);
				FAIL(P, (c.k == T_ESC ? 2 : 1) + 2, "unknown extension ?P%.*s", tl, txt);
			}
		} else if (is_char(&c, ':')) {
			capture = false;
		} else if (is_char(&c, '#')) {
			for (;;) {
				if (P->next.k == T_END)
					FAIL(P, tell(P) - start, "missing ), unterminated comment");
				struct tok d = pyre_get(P);
				if (is_char(&d, ')'))
					break;
			}
			return;
		} else if (is_char(&c, '=') || is_char(&c, '!') || is_char(&c, '<')) {
			lookaround(P, seq, c, *verbose, nested, start);
			return;
		} else if (is_char(&c, '(')) {
			conditional(P, seq, *verbose, nested, start);
			return;
		} else if (is_char(&c, '>')) {
			capture = false;
			atomic = true;
		} else if (flag_of(&c) || is_char(&c, '-')) {
			if (parse_flags(P, c, &add, &del)) {
				if (!first || P->nodes[seq].first >= 0)
					FAIL(P, tell(P) - start, "global flags not at the start of the expression");
				*verbose = (P->flags & F_X) != 0;
				return;
			}
			capture = false;
		} else {
			tl = pyre_tok_text(P, &c, &txt);
			FAIL(P, (c.k == T_ESC ? 2 : 1) + 1, "unknown extension ?%.*s", tl, txt);
		}
	}
	size_t gid = capture ? pyre_opengroup(P, name, nlen, nchars) : 0;
	bool sub_verbose = (*verbose || (add & F_X)) && !(del & F_X);
	int body = parse_sub(P, sub_verbose, nested + 1);
	if (!pyre_match(P, ')'))
		FAIL(P, tell(P) - start, "missing ), unterminated subpattern");
	if (capture) {
		P->groups[gid].closed = true;
		width(P, body, &P->groups[gid].lo, &P->groups[gid].hi);
	}
	int nd = leaf(P, seq, atomic ? N_ATOMIC : N_GROUP);
	P->nodes[nd].child = body;
}

static int parse(struct parser *P, bool verbose, int nested, bool first)
{
	if (++P->depth > MAX_NEST)
		pyre_fail_kind(P, PYRE_RECURSION, PYRE_NOPOS, "maximum recursion depth exceeded");
	int seq = new_node(P, N_SEQ);
	for (;;) {
		if (P->next.k == T_END || is_char(&P->next, '|') || is_char(&P->next, ')'))
			break;
		struct tok t = pyre_get(P);
		if (verbose && t.k == T_CHAR) {
			if (t.c < 128 && t.c && strchr(" \t\n\r\v\f", (int)t.c))
				continue;
			if (t.c == '#') {
				for (;;) {
					struct tok d = pyre_get(P);
					if (d.k == T_END || is_char(&d, '\n'))
						break;
				}
				continue;
			}
		}
		if (t.k == T_ESC) {
			struct esc e = pyre_expr_escape(P, &t);
			int nd = leaf(P, seq, e.code == C_AT ? N_AT : e.code == C_GROUPREF ? N_GROUPREF : N_UNIT);
			P->nodes[nd].gid = e.gid;
		} else if (is_char(&t, '[')) {
			char_set(P, seq);
		} else if (is_char(&t, '*') || is_char(&t, '+') || is_char(&t, '?') || is_char(&t, '{')) {
			quantifier(P, seq, &t);
		} else if (is_char(&t, '(')) {
			group(P, seq, &verbose, nested, first);
		} else if (is_char(&t, '^') || is_char(&t, '$')) {
			leaf(P, seq, N_AT);
		} else {
			leaf(P, seq, N_UNIT);   /* a literal or '.' */
		}
	}
	P->depth--;
	return seq;
}

static int parse_sub(struct parser *P, bool verbose, int nested)
{
	int items[2] = { -1, -1 }, branch = -1, count = 0;
	for (;;) {
		int item = parse(P, verbose, nested + 1, !nested && count == 0);
		if (count < 2)
			items[count] = item;
		if (count == 1) {
			branch = new_node(P, N_BRANCH);
			append(P, branch, items[0]);
		}
		if (count >= 1)
			append(P, branch, item);
		count++;
		if (!pyre_match(P, '|'))
			break;
		if (!nested)
			verbose = (P->flags & F_X) != 0;
	}
	return count == 1 ? items[0] : branch;
}

static size_t byte_offset(const char *s, size_t n, size_t pos)
{
	size_t b = 0, len;
	for (size_t k = 0; k < pos && b < n; k++) {
		pychar_decode(s + b, n - b, &len);
		b += len;
	}
	return b;
}

int pyre_check(const char *pat, size_t n, struct pyre_error *e)
{
	struct parser P;
	memset(&P, 0, sizeof P);
	memset(e, 0, sizeof *e);
	P.s = pat;
	P.n = n;
	P.e = e;
	P.lookbehind = -1;
	volatile int rc = 0;
	if (setjmp(P.jb) == 0) {
		pyre_opengroup(&P, NULL, 0, 0);   /* group 0 */
		P.groups[0].closed = false;
		pyre_advance(&P);
		int top = parse_sub(&P, false, 0);
		if ((P.flags & F_A) && (P.flags & F_U))
			pyre_fail_kind(&P, PYRE_VALUE, PYRE_NOPOS, "ASCII and UNICODE flags are incompatible");
		if (P.next.k != T_END)
			FAIL(&P, 0, "unbalanced parenthesis");
		for (size_t k = 0; k < P.nrefpos; k++)
			if (P.refpos[k].g >= P.ngroups)
				pyre_fail_kind(&P, PYRE_ERROR, P.refpos[k].pos, "invalid group reference %llu",
					  (unsigned long long)P.refpos[k].g);
		compile_walk(&P, top);
	} else {
		rc = -1;
		e->offset = e->pos == PYRE_NOPOS ? 0 : byte_offset(pat, n, e->pos);
	}
	free(P.groups);
	free(P.refpos);
	free(P.nodes);
	return rc;
}

void pyre_format(const struct pyre_error *e, const char *pat, size_t n, struct buf *out)
{
	buf_puts(out, e->msg);
	if (e->pos == PYRE_NOPOS)
		return;
	buf_printf(out, " at position %zu", e->pos);
	if (!memchr(pat, '\n', n))
		return;
	size_t line = 1, col_start = 0, b = 0, len;
	for (size_t k = 0; k < e->pos && b < n; k++) {
		if (pat[b] == '\n') {
			line++;
			col_start = k + 1;
		}
		pychar_decode(pat + b, n - b, &len);
		b += len;
	}
	buf_printf(out, " (line %zu, column %zu)", line, e->pos - col_start + 1);
}
