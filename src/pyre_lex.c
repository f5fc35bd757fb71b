/* pyre_lex: the lower half of the pyre module (see pyre.h, pyre_impl.h).
 *
 * Mirrors CPython 3.11's re/_parser.py Tokenizer (tokens are one character
 * or a backslash and the character after it; positions count code points),
 * the group bookkeeping of its State class, and the two escape functions,
 * _escape and _class_escape, with Python's messages and positions.
 */
#include "pyre_impl.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pychar.h"

/* ---- errors ---- */

void pyre_fail_kind(struct parser *P, enum pyre_kind kind, size_t pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(P->e->msg, sizeof P->e->msg, fmt, ap);
	va_end(ap);
	P->e->kind = kind;
	P->e->pos = pos;
	longjmp(P->jb, 1);
}

void *pyre_grow(struct parser *P, void *v, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return v;
	size_t c = *cap ? *cap * 2 : 16;
	while (c < need)
		c *= 2;
	void *nv = realloc(v, c * elem);
	if (!nv)
		pyre_fail_kind(P, PYRE_VALUE, PYRE_NOPOS, "out of memory");
	*cap = c;
	return nv;
}

/* Python repr() of a str taken from the pattern (quotes chosen as Python does). */
void pyre_repr(const char *s, size_t n, char *out, size_t cap)
{
	bool sq = memchr(s, '\'', n) != NULL, dq = memchr(s, '"', n) != NULL;
	char q = sq && !dq ? '"' : '\'';
	size_t o = 0;
	out[o++] = q;
	for (size_t i = 0; i < n && o + 6 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\\' || c == (unsigned char)q) {
			out[o++] = '\\';
			out[o++] = (char)c;
		} else if (c == '\n' || c == '\t' || c == '\r') {
			out[o++] = '\\';
			out[o++] = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
		} else if (c < 0x20 || c == 0x7f) {
			o += (size_t)snprintf(out + o, cap - o, "\\x%02x", c);
		} else {
			out[o++] = (char)c;
		}
	}
	out[o++] = q;
	out[o] = '\0';
}

/* ---- tokenizer (Tokenizer.__next, match, get, getwhile, getuntil) ---- */

void pyre_advance(struct parser *P)
{
	P->next.b = P->bi;
	P->next.p = P->ci;
	if (P->bi >= P->n) {
		P->next.k = T_END;
		return;
	}
	size_t len;
	uint32_t c = pychar_decode(P->s + P->bi, P->n - P->bi, &len);
	if (c == '\\') {
		if (P->bi + 1 >= P->n)
			pyre_fail_kind(P, PYRE_ERROR, pychar_count(P->s, P->n) - 1, "bad escape (end of pattern)");
		size_t len2;
		P->next.c = pychar_decode(P->s + P->bi + 1, P->n - P->bi - 1, &len2);
		P->next.k = T_ESC;
		P->bi += 1 + len2;
		P->ci += 2;
	} else {
		P->next.k = T_CHAR;
		P->next.c = c;
		P->bi += len;
		P->ci += 1;
	}
}

struct tok pyre_get(struct parser *P)
{
	struct tok t = P->next;
	pyre_advance(P);
	return t;
}

bool pyre_match(struct parser *P, uint32_t c)
{
	if (!is_char(&P->next, c))
		return false;
	pyre_advance(P);
	return true;
}

void pyre_seek(struct parser *P, size_t b, size_t p)
{
	P->bi = b;
	P->ci = p;
	pyre_advance(P);
}

bool pyre_in_set(const struct tok *t, const char *set)
{
	return t->k == T_CHAR && t->c < 128 && t->c && strchr(set, (int)t->c);
}

/* Up to max chars from set; returns how many, their value in base. */
int pyre_getwhile(struct parser *P, int max, const char *set, unsigned base, uint64_t *val)
{
	int k = 0;
	*val = 0;
	while (k < max && pyre_in_set(&P->next, set)) {
		uint32_t c = pyre_get(P).c;
		unsigned d = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
		*val = *val * base + d;
		k++;
	}
	return k;
}

/* getuntil(terminator, name): the raw text up to the terminator. */
void pyre_getuntil(struct parser *P, uint32_t term, const char *what,
		     const char **name, size_t *nlen, size_t *nchars)
{
	size_t b0 = P->next.b, p0 = P->next.p;
	for (;;) {
		struct tok c = pyre_get(P);
		if (c.k == T_END) {
			if (c.p == p0)
				FAIL(P, 0, "missing %s", what);
			FAIL(P, c.p - p0, "missing %c, unterminated name", (char)term);
		}
		if (is_char(&c, term)) {
			if (c.p == p0)
				FAIL(P, 1, "missing %s", what);
			*name = P->s + b0;
			*nlen = c.b - b0;
			*nchars = c.p - p0;
			return;
		}
	}
}

/* str.isidentifier(), with non-ASCII characters accepted (see pyre.h). */
bool pyre_isidentifier(const char *s, size_t n)
{
	if (n == 0)
		return false;
	size_t len;
	for (size_t i = 0; i < n; i += len) {
		uint32_t c = pychar_decode(s + i, n - i, &len);
		bool ok = c >= 128 || ascii_alpha(c) || c == '_' || (i > 0 && ascii_digit(c));
		if (!ok)
			return false;
	}
	return true;
}

void pyre_checkgroupname(struct parser *P, const char *name, size_t nlen, size_t nchars, size_t off)
{
	if (!pyre_isidentifier(name, nlen)) {
		char r[200];
		pyre_repr(name, nlen, r, sizeof r);
		FAIL(P, nchars + off, "bad character in group name %s", r);
	}
}

/* ---- state (State.opengroup, closegroup, checkgroup, ...) ---- */

bool pyre_checkgroup(const struct parser *P, uint64_t gid)
{
	return gid < P->ngroups && P->groups[gid].closed;
}

void pyre_checklookbehindgroup(struct parser *P, uint64_t gid)
{
	if (P->lookbehind < 0)
		return;
	if (!pyre_checkgroup(P, gid))
		FAIL(P, 0, "cannot refer to an open group");
	if (gid >= (uint64_t)P->lookbehind)
		FAIL(P, 0, "cannot refer to group defined in the same lookbehind subpattern");
}

long pyre_find_group(const struct parser *P, const char *name, size_t nlen)
{
	for (size_t g = 1; g < P->ngroups; g++)
		if (P->groups[g].name && P->groups[g].name_len == nlen &&
		    memcmp(P->groups[g].name, name, nlen) == 0)
			return (long)g;
	return -1;
}

size_t pyre_opengroup(struct parser *P, const char *name, size_t nlen, size_t nchars)
{
	size_t gid = P->ngroups;
	if (name) {
		long old = pyre_find_group(P, name, nlen);
		if (old >= 0) {
			char r[200];
			pyre_repr(name, nlen, r, sizeof r);
			FAIL(P, nchars + 1, "redefinition of group name %s as group %zu; was group %ld",
			     r, gid, old);
		}
	}
	P->groups = pyre_grow(P, P->groups, &P->gcap, P->ngroups + 1, sizeof *P->groups);
	P->groups[gid] = (struct group){ false, 0, 0, name, nlen };
	P->ngroups++;
	return gid;
}

/* ---- escapes ---- */

static bool simple_escape(uint32_t c, uint32_t *v)
{
	static const char from[] = "abfnrtv\\";
	static const char to[] = "\a\b\f\n\r\t\v\\";
	const char *p = c < 128 && c ? strchr(from, (int)c) : NULL;
	if (!p)
		return false;
	*v = (uint32_t)(unsigned char)to[p - from];
	return true;
}

/* \x \u \U \N, shared by both escape functions. Returns false if c is
 * none of them. t is the escape token (its text is "\c"). */
static bool hex_or_named(struct parser *P, const struct tok *t, struct esc *r)
{
	static const struct { char c; int digits; } hex[] = { { 'x', 2 }, { 'u', 4 }, { 'U', 8 } };
	uint64_t v;
	for (size_t k = 0; k < sizeof hex / sizeof hex[0]; k++) {
		if (t->c != (uint32_t)hex[k].c)
			continue;
		int got = pyre_getwhile(P, hex[k].digits, HEXDIGITS, 16, &v);
		const char *digits = P->s + t->b + 2;
		if (got != hex[k].digits)
			FAIL(P, 2 + got, "incomplete escape \\%c%.*s", hex[k].c, got, digits);
		if (v > 0x10FFFF)
			FAIL(P, 2 + got, "bad escape \\%c%.*s", hex[k].c, got, digits);
		r->code = C_LITERAL;
		r->value = (uint32_t)v;
		r->known = true;
		return true;
	}
	if (t->c != 'N')
		return false;
	if (!pyre_match(P, '{'))
		FAIL(P, 0, "missing {");
	const char *name;
	size_t nlen, nchars;
	pyre_getuntil(P, '}', "character name", &name, &nlen, &nchars);
	/* No Unicode name table here: accept names made of the characters
	 * Unicode names use (lookup is case-insensitive). */
	for (size_t i = 0; i < nlen; i++) {
		char c = name[i];
		if (!(ascii_alpha((unsigned char)c) || ascii_digit((unsigned char)c) || c == ' ' || c == '-')) {
			char rr[200];
			pyre_repr(name, nlen, rr, sizeof rr);
			FAIL(P, nchars + 4, "undefined character name %s", rr);
		}
	}
	r->code = C_LITERAL;
	r->known = false;
	return true;
}

static void octal_range(struct parser *P, uint64_t v, const struct tok *t, int len)
{
	if (v > 0377)
		FAIL(P, len, "octal escape value \\%.*s outside of range 0-0o377", len - 1, P->s + t->b + 1);
}

struct esc pyre_class_escape(struct parser *P, const struct tok *t)
{
	struct esc r = { C_LITERAL, 0, true, 0 };
	uint32_t c = t->c;
	if (simple_escape(c, &r.value))
		return r;
	if (c < 128 && c && strchr("dDsSwW", (int)c)) {
		r.code = C_IN;
		return r;
	}
	if (hex_or_named(P, t, &r))
		return r;
	if (c >= '0' && c <= '7') {
		uint64_t v;
		int got = pyre_getwhile(P, 2, OCTDIGITS, 8, &v);
		uint64_t first = c - '0';
		for (int k = 0; k < got; k++)
			first *= 8;
		octal_range(P, first + v, t, 2 + got);
		r.value = (uint32_t)(first + v);
		return r;
	}
	if (ascii_digit(c) || ascii_alpha(c))
		FAIL(P, 2, "bad escape \\%c", (char)c);
	r.value = c;
	return r;
}

struct esc pyre_expr_escape(struct parser *P, const struct tok *t)
{
	struct esc r = { C_LITERAL, 0, true, 0 };
	uint32_t c = t->c;
	if (c < 128 && c && strchr("AbBZ", (int)c)) {
		r.code = C_AT;
		return r;
	}
	if (c < 128 && c && strchr("dDsSwW", (int)c)) {
		r.code = C_IN;
		return r;
	}
	if (simple_escape(c, &r.value))
		return r;
	if (hex_or_named(P, t, &r))
		return r;
	uint64_t v;
	if (c == '0') {
		pyre_getwhile(P, 2, OCTDIGITS, 8, &v);
		r.value = (uint32_t)v;
		return r;
	}
	if (ascii_digit(c)) {
		/* octal escape or a backreference */
		int len = 2;
		uint64_t group = c - '0';
		if (pyre_in_set(&P->next, DIGITS)) {
			uint32_t d2 = pyre_get(P).c;
			len = 3;
			group = group * 10 + (d2 - '0');
			if (c <= '7' && d2 <= '7' && pyre_in_set(&P->next, OCTDIGITS)) {
				uint32_t d3 = pyre_get(P).c;
				v = ((c - '0') * 8 + (d2 - '0')) * 8 + (d3 - '0');
				octal_range(P, v, t, 4);
				r.value = (uint32_t)v;
				return r;
			}
		}
		if (group < P->ngroups) {
			if (!pyre_checkgroup(P, group))
				FAIL(P, len, "cannot refer to an open group");
			pyre_checklookbehindgroup(P, group);
			r.code = C_GROUPREF;
			r.gid = (size_t)group;
			return r;
		}
		FAIL(P, len - 1, "invalid group reference %u", (unsigned)group);
	}
	if (ascii_alpha(c))
		FAIL(P, 2, "bad escape \\%c", (char)c);
	r.value = c;
	return r;
}

/* Text of a token for "unknown extension" messages, and its length. */
int pyre_tok_text(const struct parser *P, const struct tok *t, const char **s)
{
	*s = P->s + t->b;
	if (t->k == T_ESC) {
		size_t len;
		pychar_decode(P->s + t->b + 1, P->n - t->b - 1, &len);
		return (int)(1 + len);
	}
	size_t len;
	pychar_decode(P->s + t->b, P->n - t->b, &len);
	return (int)len;
}
