/* lex: Jinja's lexer for the default delimiters ({{ }}, {% %}, {# #}).
 *
 * The whole template is tokenised up front into an array. The rules follow
 * Jinja 3.1's lexer: newlines normalised to \n, one trailing newline dropped
 * (keep_trailing_newline=False), whitespace control with - (and + accepted),
 * {% raw %} blocks, bracket balancing inside tags, Python literal syntax for
 * numbers and strings. A lexing error becomes a T_ERROR token at the place
 * Jinja would raise it, so the parser reports errors in source order.
 */
#ifndef OSMO_TMPL_LEX_H
#define OSMO_TMPL_LEX_H

#include <stddef.h>
#include <stdint.h>

enum tok_type {
	T_EOF, T_ERROR, T_DATA, T_VAR_BEGIN, T_VAR_END, T_BLOCK_BEGIN, T_BLOCK_END,
	T_NAME, T_STRING, T_INT, T_FLOAT,
	/* operators */
	T_ADD, T_SUB, T_DIV, T_FLOORDIV, T_MUL, T_MOD, T_POW, T_TILDE,
	T_LBRACKET, T_RBRACKET, T_LPAREN, T_RPAREN, T_LBRACE, T_RBRACE,
	T_EQ, T_NE, T_GT, T_GTEQ, T_LT, T_LTEQ, T_ASSIGN, T_DOT, T_COLON,
	T_PIPE, T_COMMA, T_SEMICOLON,
};

struct tok {
	uint8_t type;          /* enum tok_type */
	uint32_t off, len;     /* byte span in the normalised source */
	int line;              /* 1-based line of the start */
	/* value: T_NAME/T_STRING/T_DATA/T_ERROR text (owned by the lexer),
	 * T_INT/T_FLOAT number */
	const char *s;
	size_t slen;
	int64_t i;
	double f;
};

struct lexer {
	char *src;             /* normalised source (owned) */
	size_t len;
	struct tok *toks;
	size_t n, cap;
	char **strs;           /* decoded strings, owned */
	size_t nstrs, capstrs;
	int oom;
};

/* Tokenise src[0..len) into lx (which the caller zero-initialises).
 * Returns 0, or -1 when out of memory. Errors are T_ERROR tokens. */
int lex_run(struct lexer *lx, const char *src, size_t len);
/* Free everything the lexer owns. */
void lex_free(struct lexer *lx);
/* Jinja's description of a token ("end of print statement", "name", ...);
 * writes into out (at least 64 bytes) and returns it. */
const char *lex_describe(const struct tok *t, char *out, size_t outlen);
/* Jinja's description of a token type alone. */
const char *lex_type_name(enum tok_type type);

#endif
