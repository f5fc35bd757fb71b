/* parser: the internals shared by the parser's two halves, parse.c
 * (statements, errors, token stream) and parse_expr.c (expressions).
 * Not part of the engine's API; see parse.h for that.
 */
#ifndef OSMO_TMPL_PARSER_H
#define OSMO_TMPL_PARSER_H

#include <setjmp.h>
#include <stdbool.h>

#include "tmpl/parse.h"

struct parser {
	const struct lexer *lx;
	size_t pos;
	struct arena *arena;
	struct parse_error *err;
	jmp_buf jb;
	const char *tag_stack[64];
	int ntags;
	const char *const *end_stack[64]; /* NULL-terminated lists of "name:x" */
	int nends;
	int depth;
};

/* The current token. */
#define CUR(p) (&(p)->lx->toks[(p)->pos])

/* Raise a parse error at token t / node n (longjmp to parse_template). */
void parse_fail_at(struct parser *p, const struct tok *t, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5), noreturn));
void parse_fail_node(struct parser *p, const struct node *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));
#define FAIL(p, ...) parse_fail_at((p), CUR(p), "template-syntax", __VA_ARGS__)
/* Raise the lexer's error if t is one. */
void parse_check_error(struct parser *p, const struct tok *t);
/* Advance; returns the token that was current. */
const struct tok *parse_next(struct parser *p);
/* The token after the current one. */
const struct tok *parse_look(struct parser *p);
/* Is t the name token `name`? */
bool parse_is_name(const struct tok *t, const char *name);
/* Does t match a token expression "name:value"? */
bool parse_test_expr(const struct tok *t, const char *expr);
/* Skip the current token if it has this type / is this name. */
bool parse_skip_if(struct parser *p, enum tok_type type);
bool parse_skip_name(struct parser *p, const char *name);
/* Require a token of this type (and name); Jinja's "expected token" error otherwise. */
const struct tok *parse_expect_name(struct parser *p, enum tok_type type, const char *name);
const struct tok *parse_expect(struct parser *p, enum tok_type type);
/* A new node at token t. */
struct node *parse_mk(struct parser *p, enum node_kind kind, const struct tok *t);
/* An immortal string value in the arena (template literals). */
struct tv parse_str(struct parser *p, const struct tok *at, const char *s, size_t n);
/* Append to a node list. */
void parse_push(struct parser *p, struct nlist *l, struct node *n);
/* One more nesting level (bounded). */
void parse_enter(struct parser *p);

/* Expressions (parse_expr.c), as Jinja's Parser methods of the same names. */
struct node *parse_expression(struct parser *p, bool with_condexpr);
struct node *parse_tuple(struct parser *p, bool simplified, bool with_condexpr, const char *const *extra_end,
			 bool explicit_parens, bool with_ns);
struct node *parse_primary(struct parser *p, bool with_ns);
struct node *parse_postfix(struct parser *p, struct node *n);
struct node *parse_filter(struct parser *p, struct node *n, bool start_inline);
void parse_call_args(struct parser *p, struct call_args *a);

#endif
