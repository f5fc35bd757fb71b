/* ast: node allocation in an arena and child iteration in Jinja's field
 * order (see ast.h). The field order matters: the scoping analysis sees
 * loads and stores in the order Jinja's NodeVisitor would. */
#include "tmpl/ast.h"

#include <stdlib.h>
#include <string.h>

struct node *ast_new(struct arena *a, enum node_kind kind, uint32_t off, int line)
{
	struct node *n = arena_zalloc(a, sizeof *n);
	if (n) {
		n->kind = (uint8_t)kind;
		n->off = off;
		n->line = line;
	}
	return n;
}

void ast_push(struct arena *a, struct nlist *l, struct node *n)
{
	/* capacity is the next power of two >= max(4, n) */
	uint32_t cap = 4;
	while (cap < l->n)
		cap *= 2;
	if (l->n == 0 || l->n == cap) {
		uint32_t ncap = l->n == 0 ? 4 : cap * 2;
		struct node **v = arena_zalloc(a, ncap * sizeof *v);
		if (!v)
			return;
		if (l->n)
			memcpy(v, l->v, l->n * sizeof *v);
		l->v = v;
	}
	l->v[l->n++] = n;
}

static void each(struct nlist *l, void (*fn)(struct node *, void *), void *ctx)
{
	for (uint32_t i = 0; i < l->n; i++)
		fn(l->v[i], ctx);
}

static void one(struct node *n, void (*fn)(struct node *, void *), void *ctx)
{
	if (n)
		fn(n, ctx);
}

static void call_args(struct call_args *a, void (*fn)(struct node *, void *), void *ctx)
{
	each(&a->args, fn, ctx);
	each(&a->kwargs, fn, ctx);
	one(a->dyn_args, fn, ctx);
	one(a->dyn_kwargs, fn, ctx);
}

void ast_children(struct node *n, void (*fn)(struct node *child, void *ctx), void *ctx)
{
	switch (n->kind) {
	case N_TUPLE:
	case N_LIST:
	case N_DICT:
	case N_CONCAT:
	case N_OUTPUT:
		each(&n->u.seq.items, fn, ctx);
		break;
	case N_PAIR:
		fn(n->u.pair.key, ctx);
		fn(n->u.pair.value, ctx);
		break;
	case N_BINOP:
	case N_AND:
	case N_OR:
		fn(n->u.bin.left, ctx);
		fn(n->u.bin.right, ctx);
		break;
	case N_NOT:
	case N_NEG:
	case N_POS:
		fn(n->u.operand, ctx);
		break;
	case N_COMPARE:
		fn(n->u.cmp.expr, ctx);
		each(&n->u.cmp.ops, fn, ctx);
		break;
	case N_OPERAND:
		fn(n->u.operand_.expr, ctx);
		break;
	case N_GETATTR:
		fn(n->u.getattr.node, ctx);
		break;
	case N_GETITEM:
		fn(n->u.getitem.node, ctx);
		fn(n->u.getitem.arg, ctx);
		break;
	case N_SLICE:
		one(n->u.slice.start, fn, ctx);
		one(n->u.slice.stop, fn, ctx);
		one(n->u.slice.step, fn, ctx);
		break;
	case N_CALL:
		fn(n->u.call.node, ctx);
		call_args(&n->u.call.a, fn, ctx);
		break;
	case N_KEYWORD:
		fn(n->u.kw.value, ctx);
		break;
	case N_FILTER:
	case N_TEST:
		one(n->u.ft.node, fn, ctx);
		call_args(&n->u.ft.a, fn, ctx);
		break;
	case N_CONDEXPR:
		fn(n->u.cond.test, ctx);
		fn(n->u.cond.expr1, ctx);
		one(n->u.cond.expr2, fn, ctx);
		break;
	case N_FOR:
		fn(n->u.for_.target, ctx);
		fn(n->u.for_.iter, ctx);
		each(&n->u.for_.body, fn, ctx);
		each(&n->u.for_.else_, fn, ctx);
		one(n->u.for_.test, fn, ctx);
		break;
	case N_IF:
		fn(n->u.if_.test, ctx);
		each(&n->u.if_.body, fn, ctx);
		each(&n->u.if_.elifs, fn, ctx);
		each(&n->u.if_.else_, fn, ctx);
		break;
	case N_MACRO:
		each(&n->u.macro.args, fn, ctx);
		each(&n->u.macro.defaults, fn, ctx);
		each(&n->u.macro.body, fn, ctx);
		break;
	case N_CALLBLOCK:
		fn(n->u.macro.call, ctx);
		each(&n->u.macro.args, fn, ctx);
		each(&n->u.macro.defaults, fn, ctx);
		each(&n->u.macro.body, fn, ctx);
		break;
	case N_FILTERBLOCK:
		each(&n->u.fblock.body, fn, ctx);
		fn(n->u.fblock.filter, ctx);
		break;
	case N_WITH:
		each(&n->u.with.targets, fn, ctx);
		each(&n->u.with.values, fn, ctx);
		each(&n->u.with.body, fn, ctx);
		break;
	case N_ASSIGN:
		fn(n->u.assign.target, ctx);
		fn(n->u.assign.node, ctx);
		break;
	case N_ASSIGNBLOCK:
		fn(n->u.ablock.target, ctx);
		one(n->u.ablock.filter, fn, ctx);
		each(&n->u.ablock.body, fn, ctx);
		break;
	default:
		break;
	}
}

static void release(struct node *n, void *ctx)
{
	(void)ctx;
	if (n->kind == N_CONST || n->kind == N_DATA) {
		tv_drop(n->u.value);
		n->u.value = tv_none();
		return;
	}
	ast_children(n, release, NULL);
}

void ast_release(struct nlist *body)
{
	each(body, release, NULL);
}
