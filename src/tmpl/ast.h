/* ast: the syntax tree of a template, shaped like Jinja's nodes so the
 * scoping analysis (resolve.c) can follow Jinja's rules node for node.
 *
 * Nodes live in an arena owned by the compiled template. Every node keeps
 * the byte offset and line of its first token for diagnostics. After
 * resolve.c has run, names carry their variable slot and statements that
 * open a scope carry the code to enter it.
 */
#ifndef OSMO_TMPL_AST_H
#define OSMO_TMPL_AST_H

#include "arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tmpl/value.h"

enum node_kind {
	/* expressions */
	N_CONST, N_DATA, N_NAME, N_NSREF, N_TUPLE, N_LIST, N_DICT, N_PAIR,
	N_BINOP, N_AND, N_OR, N_NOT, N_NEG, N_POS, N_CONCAT, N_COMPARE, N_OPERAND,
	N_GETATTR, N_GETITEM, N_SLICE, N_CALL, N_KEYWORD, N_FILTER, N_TEST, N_CONDEXPR,
	/* statements */
	N_OUTPUT, N_FOR, N_IF, N_MACRO, N_CALLBLOCK, N_FILTERBLOCK, N_WITH,
	N_ASSIGN, N_ASSIGNBLOCK,
};

enum binop { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_FLOORDIV, OP_MOD, OP_POW };
enum cmpop { CMP_EQ, CMP_NE, CMP_LT, CMP_LTEQ, CMP_GT, CMP_GTEQ, CMP_IN, CMP_NOTIN };
enum name_ctx { CTX_LOAD, CTX_STORE, CTX_PARAM };

struct node;

struct nlist {
	struct node **v;
	uint32_t n;
};

/* A variable reference after resolution: `depth` enclosing functions up
 * (0 = the current macro/template body), slot index there. */
struct ref {
	uint16_t depth;
	uint16_t slot;
};

enum load_action { LOAD_PARAM, LOAD_RESOLVE, LOAD_ALIAS, LOAD_UNDEF };

/* One variable a scope initialises when it is entered (Jinja's enter_frame). */
struct frame_load {
	uint16_t slot;          /* in the current function */
	uint8_t action;         /* enum load_action */
	struct ref src;         /* LOAD_ALIAS: where to copy from */
	const char *name;       /* LOAD_RESOLVE: the variable to look up */
	size_t namelen;
};

/* The code to enter and leave one scope. */
struct frame_code {
	struct frame_load *loads;
	uint32_t n;
};

/* A function body (the template, a macro, a call block, a loop filter). */
struct func_info {
	uint32_t nslots;
};

struct filter_def;
struct test_def;

/* Calls, filters and tests share their argument shape. */
struct call_args {
	struct nlist args;
	struct nlist kwargs;    /* N_KEYWORD nodes */
	struct node *dyn_args, *dyn_kwargs;
};

struct node {
	uint8_t kind;           /* enum node_kind */
	uint32_t off;           /* byte offset of the first token */
	int line;
	union {
		struct tv value;                                         /* N_CONST, N_DATA */
		struct { const char *s; size_t len; uint8_t ctx; struct ref ref; } name; /* N_NAME */
		struct { const char *s, *attr; size_t len, attrlen; struct ref ref; } nsref;
		struct { struct nlist items; uint8_t ctx; } seq;         /* N_TUPLE, N_LIST, N_DICT, N_CONCAT, N_OUTPUT */
		struct { struct node *key, *value; } pair;               /* N_PAIR */
		struct { struct node *left, *right; uint8_t op; } bin;   /* N_BINOP, N_AND, N_OR */
		struct node *operand;                                    /* N_NOT, N_NEG, N_POS */
		struct { struct node *expr; struct nlist ops; } cmp;     /* N_COMPARE */
		struct { struct node *expr; uint8_t op; } operand_;      /* N_OPERAND */
		struct { struct node *node; const char *attr; size_t len; } getattr;
		struct { struct node *node, *arg; } getitem;
		struct { struct node *start, *stop, *step; } slice;
		struct { struct node *node; struct call_args a; } call;
		struct { const char *key; size_t len; struct node *value; } kw;
		struct {
			struct node *node;          /* NULL in a filter block */
			const char *name;
			size_t len;
			struct call_args a;
			const struct filter_def *filter;
			const struct test_def *test;
			bool soft;                  /* unknown name: fail only when run */
		} ft;                                                   /* N_FILTER, N_TEST */
		struct { struct node *test, *expr1, *expr2; } cond;
		struct {
			struct node *target, *iter, *test;
			struct nlist body, else_;
			bool recursive, has_loop;
			struct frame_code body_frame, else_frame, test_frame;
			struct func_info test_func;
			struct ref loop_ref;
			struct node *test_target;   /* target bound in the test function */
		} for_;
		struct { struct node *test; struct nlist body, elifs, else_; } if_;
		struct {
			const char *name;           /* N_MACRO; NULL for a call block */
			size_t len;
			struct ref ref;             /* where the macro is stored */
			struct nlist args, defaults, body;
			struct node *call;          /* N_CALLBLOCK */
			struct frame_code frame;
			struct func_info func;
			bool caller, kwargs, varargs; /* special names it uses */
			uint16_t caller_slot, kwargs_slot, varargs_slot;
		} macro;
		struct { struct node *filter; struct nlist body; struct frame_code frame; } fblock;
		struct { struct nlist targets, values, body; struct frame_code frame; } with;
		struct { struct node *target, *node; } assign;
		struct { struct node *target, *filter; struct nlist body; struct frame_code frame; } ablock;
	} u;
};

/* Nodes and their lists live in a struct arena (src/arena.h). */
/* A new node of kind at (off, line). */
struct node *ast_new(struct arena *a, enum node_kind kind, uint32_t off, int line);
/* Append n to the list l (grown in the arena). */
void ast_push(struct arena *a, struct nlist *l, struct node *n);
/* Visit the direct children of n in Jinja's field order. */
void ast_children(struct node *n, void (*fn)(struct node *child, void *ctx), void *ctx);
/* Drop the values held by CONST nodes under the list (before arena_free). */
void ast_release(struct nlist *body);

#endif
