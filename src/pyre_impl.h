/* pyre_impl.h: internals shared by the two halves of the pyre module,
 * pyre_lex.c (tokenizer, escapes, group state, errors) and pyre.c (the
 * parser proper, the node tree and the compiler's checks). Not a public
 * interface: include pyre.h instead.
 */
#ifndef OSMO_PYRE_IMPL_H
#define OSMO_PYRE_IMPL_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pyre.h"

#define MAXREPEAT 4294967295ULL   /* _sre.MAXREPEAT */
#define MAXGROUPS 1073741823ULL   /* _sre.MAXGROUPS */
#define MAXCODE 4294967295ULL     /* (1 << 32) - 1 */
#define MAXWIDTH UINT64_MAX       /* stands for Python's 1 << 64 */
#define MAX_NEST 496              /* python3.11 -c: 495 nested groups compile, 496 hit RecursionError */
#define INT_MAX_STR_DIGITS 4300

enum { F_I = 1, F_L = 2, F_M = 4, F_S = 8, F_X = 16, F_A = 32, F_T = 64, F_U = 128 };
#define TYPE_FLAGS (F_A | F_L | F_U)

enum op { N_SEQ, N_BRANCH, N_UNIT, N_AT, N_GROUP, N_ATOMIC, N_REPEAT, N_ASSERT, N_GROUPREF, N_EXISTS };
enum repeat_kind { R_MAX, R_MIN, R_POSSESSIVE };

struct node {
	enum op op;
	int first, last, next;     /* children (SEQ, BRANCH, EXISTS: yes then no) */
	int child;                 /* GROUP, ATOMIC, REPEAT, ASSERT: the body */
	uint64_t min, max;         /* REPEAT */
	int kind;                  /* REPEAT: enum repeat_kind; ASSERT: direction */
	size_t gid;                /* GROUPREF */
	bool has_no;               /* EXISTS: a `|` branch was given */
	bool wdone;
	uint64_t wlo, whi;
};

enum tk { T_END, T_CHAR, T_ESC };

struct tok {
	enum tk k;
	uint32_t c;                /* the char, or the char after the backslash */
	size_t b, p;               /* byte offset and code point index of the token */
};

struct group {
	bool closed;
	uint64_t lo, hi;
	const char *name;
	size_t name_len;
};

struct parser {
	const char *s;
	size_t n;
	size_t bi, ci;             /* byte and char index just after `next` */
	struct tok next;
	jmp_buf jb;
	struct pyre_error *e;
	unsigned flags;
	struct group *groups;      /* [0] is the whole match */
	size_t ngroups, gcap;
	long lookbehind;           /* -1: not inside a look-behind */
	struct { uint64_t g; size_t pos; } *refpos;
	size_t nrefpos, refcap;
	struct node *nodes;
	size_t nnodes, ncap;
	int depth;
};

enum code { C_LITERAL, C_IN, C_AT, C_GROUPREF };

struct esc {
	enum code code;
	uint32_t value;            /* C_LITERAL (unknown for \N{...}: known = false) */
	bool known;
	size_t gid;
};

#define DIGITS "0123456789"
#define OCTDIGITS "01234567"
#define HEXDIGITS "0123456789abcdefABCDEF"

static inline size_t tell(const struct parser *P)
{
	return P->next.k == T_END ? P->ci : P->next.p;
}

static inline bool is_char(const struct tok *t, uint32_t c) { return t->k == T_CHAR && t->c == c; }
static inline bool ascii_alpha(uint32_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static inline bool ascii_digit(uint32_t c) { return c >= '0' && c <= '9'; }

/* Raise: record the error and longjmp to pyre_check. */
void pyre_fail_kind(struct parser *P, enum pyre_kind kind, size_t pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5), noreturn));
/* source.error(msg, offset): the position is tell() - offset. */
#define FAIL(P, off, ...) pyre_fail_kind((P), PYRE_ERROR, tell(P) - (size_t)(off), __VA_ARGS__)

/* Grow an array to hold need elements (raises when out of memory). */
void *pyre_grow(struct parser *P, void *v, size_t *cap, size_t need, size_t elem);
/* Python repr() of a str taken from the pattern. */
void pyre_repr(const char *s, size_t n, char *out, size_t cap);

/* Tokenizer: Tokenizer.__next, get, match, seek, getwhile, getuntil. */
void pyre_advance(struct parser *P);
struct tok pyre_get(struct parser *P);
bool pyre_match(struct parser *P, uint32_t c);
void pyre_seek(struct parser *P, size_t b, size_t p);
bool pyre_in_set(const struct tok *t, const char *set);
int pyre_getwhile(struct parser *P, int max, const char *set, unsigned base, uint64_t *val);
void pyre_getuntil(struct parser *P, uint32_t term, const char *what,
		   const char **name, size_t *nlen, size_t *nchars);
/* Text of a token for messages, and its byte length. */
int pyre_tok_text(const struct parser *P, const struct tok *t, const char **s);

/* Group names and group state (State.opengroup, checkgroup, ...). */
bool pyre_isidentifier(const char *s, size_t n);
void pyre_checkgroupname(struct parser *P, const char *name, size_t nlen, size_t nchars, size_t off);
bool pyre_checkgroup(const struct parser *P, uint64_t gid);
void pyre_checklookbehindgroup(struct parser *P, uint64_t gid);
long pyre_find_group(const struct parser *P, const char *name, size_t nlen);
size_t pyre_opengroup(struct parser *P, const char *name, size_t nlen, size_t nchars);

/* Escapes inside a character class and in an expression (_class_escape, _escape). */
struct esc pyre_class_escape(struct parser *P, const struct tok *t);
struct esc pyre_expr_escape(struct parser *P, const struct tok *t);

#endif
