/* parse_expr: the expression half of Jinja's parser (see parser.h): the
 * precedence ladder condexpr > or > and > not > compare > math1 > concat >
 * math2 > pow > unary, primaries, postfix subscripts and calls, filters and
 * tests, each function following the Jinja 3.1 method of the same name.
 */
#include <stdio.h>
#include <string.h>

#include "tmpl/parser.h"


struct node *parse_expression(struct parser *p, bool with_condexpr);
struct node *parse_tuple(struct parser *p, bool simplified, bool with_condexpr,
				const char *const *extra_end, bool explicit_parens, bool with_ns);
static struct node *parse_unary(struct parser *p, bool with_filter);
struct node *parse_primary(struct parser *p, bool with_ns);
struct node *parse_postfix(struct parser *p, struct node *n);
struct node *parse_filter(struct parser *p, struct node *n, bool start_inline);

static struct node *parse_condexpr(struct parser *p);

static struct node *parse_or(struct parser *p);
static struct node *parse_and(struct parser *p);

static struct node *binary(struct parser *p, enum node_kind kind, const struct tok *t,
			   struct node *l, struct node *r, int op)
{
	parse_enter(p);   /* a level of the chain; its loop gives them back */
	struct node *n = parse_mk(p, kind, t);
	n->off = l->off;
	n->u.bin.left = l;
	n->u.bin.right = r;
	n->u.bin.op = (uint8_t)op;
	return n;
}

static struct node *parse_condexpr(struct parser *p)
{
	int d0 = p->depth;
	struct node *expr1 = parse_or(p);
	while (parse_is_name(CUR(p), "if")) {
		const struct tok *t = parse_next(p);
		parse_enter(p);
		struct node *expr2 = parse_or(p);
		struct node *expr3 = NULL;
		if (parse_skip_name(p, "else"))
			expr3 = parse_condexpr(p);
		struct node *n = parse_mk(p, N_CONDEXPR, t);
		n->off = expr1->off;
		n->u.cond.test = expr2;
		n->u.cond.expr1 = expr1;
		n->u.cond.expr2 = expr3;
		expr1 = n;
	}
	p->depth = d0;
	return expr1;
}

static struct node *parse_or(struct parser *p)
{
	int d0 = p->depth;
	struct node *left = parse_and(p);
	while (parse_is_name(CUR(p), "or")) {
		const struct tok *t = parse_next(p);
		left = binary(p, N_OR, t, left, parse_and(p), 0);
	}
	p->depth = d0;
	return left;
}

static struct node *parse_compare(struct parser *p);

static struct node *parse_not(struct parser *p)
{
	if (parse_is_name(CUR(p), "not")) {
		const struct tok *t = parse_next(p);
		parse_enter(p);
		struct node *n = parse_mk(p, N_NOT, t);
		n->u.operand = parse_not(p);
		p->depth--;
		return n;
	}
	return parse_compare(p);
}

static struct node *parse_and(struct parser *p)
{
	int d0 = p->depth;
	struct node *left = parse_not(p);
	while (parse_is_name(CUR(p), "and")) {
		const struct tok *t = parse_next(p);
		left = binary(p, N_AND, t, left, parse_not(p), 0);
	}
	p->depth = d0;
	return left;
}

static struct node *parse_math1(struct parser *p);

static struct node *parse_compare(struct parser *p)
{
	const struct tok *start = CUR(p);
	struct node *expr = parse_math1(p);
	struct node *cmp = NULL;
	for (;;) {
		const struct tok *t = CUR(p);
		int op = -1;
		switch (t->type) {
		case T_EQ: op = CMP_EQ; break;
		case T_NE: op = CMP_NE; break;
		case T_LT: op = CMP_LT; break;
		case T_LTEQ: op = CMP_LTEQ; break;
		case T_GT: op = CMP_GT; break;
		case T_GTEQ: op = CMP_GTEQ; break;
		default: break;
		}
		if (op >= 0) {
			parse_next(p);
		} else if (parse_is_name(t, "in")) {
			parse_next(p);
			op = CMP_IN;
		} else if (parse_is_name(t, "not") && parse_is_name(parse_look(p), "in")) {
			parse_next(p);
			parse_next(p);
			op = CMP_NOTIN;
		} else {
			break;
		}
		if (!cmp) {
			cmp = parse_mk(p, N_COMPARE, start);
			cmp->u.cmp.expr = expr;
		}
		struct node *o = parse_mk(p, N_OPERAND, t);
		o->u.operand_.op = (uint8_t)op;
		o->u.operand_.expr = parse_math1(p);
		parse_push(p, &cmp->u.cmp.ops, o);
	}
	return cmp ? cmp : expr;
}

static struct node *parse_concat(struct parser *p);

static struct node *parse_math1(struct parser *p)
{
	int d0 = p->depth;
	struct node *left = parse_concat(p);
	while (CUR(p)->type == T_ADD || CUR(p)->type == T_SUB) {
		const struct tok *t = parse_next(p);
		left = binary(p, N_BINOP, t, left, parse_concat(p), t->type == T_ADD ? OP_ADD : OP_SUB);
	}
	p->depth = d0;
	return left;
}

static struct node *parse_math2(struct parser *p);

static struct node *parse_concat(struct parser *p)
{
	const struct tok *start = CUR(p);
	struct node *first = parse_math2(p);
	if (CUR(p)->type != T_TILDE)
		return first;
	struct node *n = parse_mk(p, N_CONCAT, start);
	parse_push(p, &n->u.seq.items, first);
	while (parse_skip_if(p, T_TILDE))
		parse_push(p, &n->u.seq.items, parse_math2(p));
	return n;
}

static struct node *parse_pow(struct parser *p);

static struct node *parse_math2(struct parser *p)
{
	int d0 = p->depth;
	struct node *left = parse_pow(p);
	for (;;) {
		enum tok_type tt = (enum tok_type)CUR(p)->type;
		int op = tt == T_MUL ? OP_MUL : tt == T_DIV ? OP_DIV : tt == T_FLOORDIV ? OP_FLOORDIV
			 : tt == T_MOD ? OP_MOD : -1;
		if (op < 0) {
			p->depth = d0;
			return left;
		}
		const struct tok *t = parse_next(p);
		left = binary(p, N_BINOP, t, left, parse_pow(p), op);
	}
}

static struct node *parse_pow(struct parser *p)
{
	int d0 = p->depth;
	struct node *left = parse_unary(p, true);
	while (CUR(p)->type == T_POW) {
		const struct tok *t = parse_next(p);
		left = binary(p, N_BINOP, t, left, parse_unary(p, true), OP_POW);
	}
	p->depth = d0;
	return left;
}

static struct node *parse_filter_expr(struct parser *p, struct node *n);

static struct node *parse_unary(struct parser *p, bool with_filter)
{
	const struct tok *t = CUR(p);
	struct node *n;
	parse_enter(p);
	if (t->type == T_SUB || t->type == T_ADD) {
		parse_next(p);
		n = parse_mk(p, t->type == T_SUB ? N_NEG : N_POS, t);
		n->u.operand = parse_unary(p, false);
	} else {
		n = parse_primary(p, false);
	}
	n = parse_postfix(p, n);
	if (with_filter)
		n = parse_filter_expr(p, n);
	p->depth--;
	return n;
}

static struct node *parse_list(struct parser *p);
static struct node *parse_dict(struct parser *p);

struct node *parse_primary(struct parser *p, bool with_ns)
{
	const struct tok *t = CUR(p);
	struct node *n;
	char desc[128];
	switch (t->type) {
	case T_NAME:
		parse_next(p);
		if (parse_is_name(t, "true") || parse_is_name(t, "false") || parse_is_name(t, "True") || parse_is_name(t, "False")) {
			n = parse_mk(p, N_CONST, t);
			n->u.value = tv_bool(parse_is_name(t, "true") || parse_is_name(t, "True"));
		} else if (parse_is_name(t, "none") || parse_is_name(t, "None")) {
			n = parse_mk(p, N_CONST, t);
			n->u.value = tv_none();
		} else if (with_ns && CUR(p)->type == T_DOT) {
			parse_next(p);
			const struct tok *attr = parse_expect(p, T_NAME);
			n = parse_mk(p, N_NSREF, t);
			n->u.nsref.s = t->s;
			n->u.nsref.len = t->slen;
			n->u.nsref.attr = attr->s;
			n->u.nsref.attrlen = attr->slen;
		} else {
			n = parse_mk(p, N_NAME, t);
			n->u.name.s = t->s;
			n->u.name.len = t->slen;
			n->u.name.ctx = CTX_LOAD;
		}
		return n;
	case T_STRING: {
		/* adjacent literals concatenate ('a' "b"); joined in the arena so
		 * that an error while advancing leaks nothing */
		size_t k = 0, total = 0;
		while (t[k].type == T_STRING) {
			total += t[k].slen;
			k++;
		}
		n = parse_mk(p, N_CONST, t);
		if (k == 1) {
			n->u.value = parse_str(p, t, t->s, t->slen);
		} else {
			char *joined = arena_zalloc(p->arena, total + 1);
			if (!joined)
				parse_fail_at(p, t, "template-memory", "out of memory while parsing");
			size_t off = 0;
			for (size_t j = 0; j < k; j++) {
				memcpy(joined + off, t[j].s, t[j].slen);
				off += t[j].slen;
			}
			n->u.value = parse_str(p, t, joined, total);
		}
		for (size_t j = 0; j < k; j++)
			parse_next(p);
		return n;
	}
	case T_INT:
	case T_FLOAT:
		parse_next(p);
		n = parse_mk(p, N_CONST, t);
		n->u.value = t->type == T_INT ? tv_int(t->i) : tv_float(t->f);
		return n;
	case T_LPAREN:
		parse_next(p);
		n = parse_tuple(p, false, true, NULL, true, false);
		parse_expect(p, T_RPAREN);
		return n;
	case T_LBRACKET:
		return parse_list(p);
	case T_LBRACE:
		return parse_dict(p);
	default:
		FAIL(p, "unexpected '%s'", lex_describe(t, desc, sizeof desc));
	}
}

static bool is_tuple_end(struct parser *p, const char *const *extra_end)
{
	enum tok_type tt = (enum tok_type)CUR(p)->type;
	if (tt == T_VAR_END || tt == T_BLOCK_END || tt == T_RPAREN)
		return true;
	for (const char *const *e = extra_end; e && *e; e++)
		if (parse_test_expr(CUR(p), *e))
			return true;
	return false;
}

struct node *parse_tuple(struct parser *p, bool simplified, bool with_condexpr,
				const char *const *extra_end, bool explicit_parens, bool with_ns)
{
	const struct tok *start = CUR(p);
	struct nlist args = { 0 };
	bool is_tuple = false;
	for (;;) {
		if (args.n)
			parse_expect(p, T_COMMA);
		if (is_tuple_end(p, extra_end))
			break;
		struct node *e = simplified ? parse_primary(p, with_ns) : parse_expression(p, with_condexpr);
		parse_push(p, &args, e);
		if (CUR(p)->type == T_COMMA)
			is_tuple = true;
		else
			break;
	}
	if (!is_tuple) {
		if (args.n)
			return args.v[0];
		if (!explicit_parens) {
			char desc[128];
			FAIL(p, "Expected an expression, got '%s'", lex_describe(CUR(p), desc, sizeof desc));
		}
	}
	struct node *n = parse_mk(p, N_TUPLE, start);
	n->u.seq.items = args;
	n->u.seq.ctx = CTX_LOAD;
	return n;
}

static struct node *parse_list(struct parser *p)
{
	const struct tok *t = parse_expect(p, T_LBRACKET);
	struct node *n = parse_mk(p, N_LIST, t);
	while (CUR(p)->type != T_RBRACKET) {
		if (n->u.seq.items.n)
			parse_expect(p, T_COMMA);
		if (CUR(p)->type == T_RBRACKET)
			break;
		parse_push(p, &n->u.seq.items, parse_expression(p, true));
	}
	parse_expect(p, T_RBRACKET);
	return n;
}

static struct node *parse_dict(struct parser *p)
{
	const struct tok *t = parse_expect(p, T_LBRACE);
	struct node *n = parse_mk(p, N_DICT, t);
	while (CUR(p)->type != T_RBRACE) {
		if (n->u.seq.items.n)
			parse_expect(p, T_COMMA);
		if (CUR(p)->type == T_RBRACE)
			break;
		struct node *key = parse_expression(p, true);
		parse_expect(p, T_COLON);
		struct node *pair = parse_mk(p, N_PAIR, t);
		pair->off = key->off;
		pair->line = key->line;
		pair->u.pair.key = key;
		pair->u.pair.value = parse_expression(p, true);
		parse_push(p, &n->u.seq.items, pair);
	}
	parse_expect(p, T_RBRACE);
	return n;
}

static struct node *parse_subscribed(struct parser *p)
{
	const struct tok *start = CUR(p);
	struct node *parts[3] = { NULL, NULL, NULL };
	if (CUR(p)->type == T_COLON) {
		parse_next(p);
	} else {
		struct node *n = parse_expression(p, true);
		if (CUR(p)->type != T_COLON)
			return n;
		parse_next(p);
		parts[0] = n;
	}
	if (CUR(p)->type != T_COLON && CUR(p)->type != T_RBRACKET && CUR(p)->type != T_COMMA)
		parts[1] = parse_expression(p, true);
	if (CUR(p)->type == T_COLON) {
		parse_next(p);
		if (CUR(p)->type != T_RBRACKET && CUR(p)->type != T_COMMA)
			parts[2] = parse_expression(p, true);
	}
	struct node *s = parse_mk(p, N_SLICE, start);
	s->u.slice.start = parts[0];
	s->u.slice.stop = parts[1];
	s->u.slice.step = parts[2];
	return s;
}

static struct node *parse_subscript(struct parser *p, struct node *node)
{
	const struct tok *t = parse_next(p);
	if (t->type == T_DOT) {
		const struct tok *a = CUR(p);
		parse_next(p);
		if (a->type == T_NAME) {
			struct node *n = parse_mk(p, N_GETATTR, t);
			n->off = node->off;
			n->u.getattr.node = node;
			n->u.getattr.attr = a->s;
			n->u.getattr.len = a->slen;
			return n;
		}
		if (a->type != T_INT)
			parse_fail_at(p, a, "template-syntax", "expected name or number");
		struct node *arg = parse_mk(p, N_CONST, a);
		arg->u.value = tv_int(a->i);
		struct node *n = parse_mk(p, N_GETITEM, t);
		n->off = node->off;
		n->u.getitem.node = node;
		n->u.getitem.arg = arg;
		return n;
	}
	/* '[' */
	struct nlist args = { 0 };
	while (CUR(p)->type != T_RBRACKET) {
		if (args.n)
			parse_expect(p, T_COMMA);
		parse_push(p, &args, parse_subscribed(p));
	}
	parse_expect(p, T_RBRACKET);
	struct node *arg;
	if (args.n == 1) {
		arg = args.v[0];
	} else {
		arg = parse_mk(p, N_TUPLE, t);
		arg->u.seq.items = args;
	}
	struct node *n = parse_mk(p, N_GETITEM, t);
	n->off = node->off;
	n->u.getitem.node = node;
	n->u.getitem.arg = arg;
	return n;
}

void parse_call_args(struct parser *p, struct call_args *a)
{
	const struct tok *t = parse_expect(p, T_LPAREN);
	bool require_comma = false;
	while (CUR(p)->type != T_RPAREN) {
		if (require_comma) {
			parse_expect(p, T_COMMA);
			if (CUR(p)->type == T_RPAREN)
				break;
		}
		if (CUR(p)->type == T_MUL) {
			if (a->dyn_args || a->dyn_kwargs)
				parse_fail_at(p, t, "template-syntax", "invalid syntax for function call expression");
			parse_next(p);
			a->dyn_args = parse_expression(p, true);
		} else if (CUR(p)->type == T_POW) {
			if (a->dyn_kwargs)
				parse_fail_at(p, t, "template-syntax", "invalid syntax for function call expression");
			parse_next(p);
			a->dyn_kwargs = parse_expression(p, true);
		} else if (CUR(p)->type == T_NAME && parse_look(p)->type == T_ASSIGN) {
			if (a->dyn_kwargs)
				parse_fail_at(p, t, "template-syntax", "invalid syntax for function call expression");
			const struct tok *key = parse_next(p);
			parse_next(p);
			struct node *kw = parse_mk(p, N_KEYWORD, key);
			kw->u.kw.key = key->s;
			kw->u.kw.len = key->slen;
			kw->u.kw.value = parse_expression(p, true);
			parse_push(p, &a->kwargs, kw);
		} else {
			if (a->dyn_args || a->dyn_kwargs || a->kwargs.n)
				parse_fail_at(p, t, "template-syntax", "invalid syntax for function call expression");
			parse_push(p, &a->args, parse_expression(p, true));
		}
		require_comma = true;
	}
	parse_expect(p, T_RPAREN);
}

static struct node *parse_call(struct parser *p, struct node *node)
{
	struct node *n = parse_mk(p, N_CALL, CUR(p));
	n->off = node->off;
	n->u.call.node = node;
	parse_call_args(p, &n->u.call.a);
	return n;
}

struct node *parse_postfix(struct parser *p, struct node *n)
{
	int d0 = p->depth;
	for (;;) {
		enum tok_type tt = (enum tok_type)CUR(p)->type;
		if (tt != T_DOT && tt != T_LBRACKET && tt != T_LPAREN)
			break;
		parse_enter(p);   /* each wraps the chain so far: one level more */
		n = tt == T_LPAREN ? parse_call(p, n) : parse_subscript(p, n);
	}
	p->depth = d0;
	return n;
}

/* A dotted filter or test name ("a.b" is allowed by the grammar). */
static void dotted_name(struct parser *p, const struct tok *first, const char **s, size_t *len)
{
	*s = first->s;
	*len = first->slen;
	while (CUR(p)->type == T_DOT) {
		parse_next(p);
		const struct tok *t = parse_expect(p, T_NAME);
		*len = (size_t)(t->s + t->slen - *s);
	}
}

static struct node *parse_test(struct parser *p, struct node *node)
{
	const struct tok *t = parse_next(p); /* 'is' */
	bool negated = parse_skip_name(p, "not");
	const struct tok *nt = parse_expect(p, T_NAME);
	struct node *n = parse_mk(p, N_TEST, t);
	n->off = node->off;
	n->u.ft.node = node;
	dotted_name(p, nt, &n->u.ft.name, &n->u.ft.len);
	const struct tok *c = CUR(p);
	if (c->type == T_LPAREN) {
		parse_call_args(p, &n->u.ft.a);
	} else if ((c->type == T_NAME || c->type == T_STRING || c->type == T_INT || c->type == T_FLOAT ||
		    c->type == T_LBRACKET || c->type == T_LBRACE) &&
		   !parse_is_name(c, "else") && !parse_is_name(c, "or") && !parse_is_name(c, "and")) {
		if (parse_is_name(c, "is"))
			FAIL(p, "You cannot chain multiple tests with is");
		struct node *arg = parse_postfix(p, parse_primary(p, false));
		parse_push(p, &n->u.ft.a.args, arg);
	}
	if (negated) {
		struct node *neg = parse_mk(p, N_NOT, t);
		neg->off = node->off;
		neg->u.operand = n;
		return neg;
	}
	return n;
}

struct node *parse_filter(struct parser *p, struct node *node, bool start_inline)
{
	int d0 = p->depth;
	while (CUR(p)->type == T_PIPE || start_inline) {
		parse_enter(p);
		if (!start_inline)
			parse_next(p);
		const struct tok *t = parse_expect(p, T_NAME);
		struct node *n = parse_mk(p, N_FILTER, t);
		if (node)
			n->off = node->off;
		n->u.ft.node = node;
		dotted_name(p, t, &n->u.ft.name, &n->u.ft.len);
		if (CUR(p)->type == T_LPAREN)
			parse_call_args(p, &n->u.ft.a);
		node = n;
		start_inline = false;
	}
	p->depth = d0;
	return node;
}

static struct node *parse_filter_expr(struct parser *p, struct node *n)
{
	int d0 = p->depth;
	for (;;) {
		const struct tok *t = CUR(p);
		if (t->type != T_PIPE && !parse_is_name(t, "is") && t->type != T_LPAREN)
			break;
		parse_enter(p);
		n = t->type == T_PIPE ? parse_filter(p, n, false)
		    : t->type == T_LPAREN ? parse_call(p, n) : parse_test(p, n);
	}
	p->depth = d0;
	return n;
}

struct node *parse_expression(struct parser *p, bool with_condexpr)
{
	parse_enter(p);
	struct node *n = with_condexpr ? parse_condexpr(p) : parse_or(p);
	p->depth--;
	return n;
}

