/* parse: Jinja's parser (see parse.h). Each function here corresponds to
 * the Jinja 3.1 parser method of the same name; the comments only note
 * where behaviour is subtle. Errors longjmp out to parse_template, which is
 * safe because every allocation lives in the arena.
 */
#include "tmpl/parse.h"

#include <setjmp.h>
#include <stdlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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
	struct node **valued;   /* nodes holding a value: dropped if the parse fails */
	size_t nvalued, capvalued;
};

#define CUR(p) (&(p)->lx->toks[(p)->pos])

static void vfail(struct parser *p, uint32_t off, int line, const char *rule, const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0), noreturn));

static void vfail(struct parser *p, uint32_t off, int line, const char *rule, const char *fmt, va_list ap)
{
	vsnprintf(p->err->msg, sizeof p->err->msg, fmt, ap);
	p->err->rule = rule;
	p->err->off = off;
	p->err->line = line;
	longjmp(p->jb, 1);
}

static void fail_at(struct parser *p, const struct tok *t, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5), noreturn));

static void fail_at(struct parser *p, const struct tok *t, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(p, t->off, t->line, rule, fmt, ap);
}

static void fail_node(struct parser *p, const struct node *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));

static void fail_node(struct parser *p, const struct node *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(p, n->off, n->line, "template-syntax", fmt, ap);
}

#define FAIL(p, ...) fail_at((p), CUR(p), "template-syntax", __VA_ARGS__)

static void check_error_tok(struct parser *p, const struct tok *t)
{
	if (t->type == T_ERROR)
		fail_at(p, t, "template-syntax", "%s", t->s);
}

static const struct tok *next(struct parser *p)
{
	const struct tok *t = CUR(p);
	if (t->type != T_EOF) {
		p->pos++;
		check_error_tok(p, CUR(p));
	}
	return t;
}

static const struct tok *look(struct parser *p)
{
	const struct tok *t = CUR(p);
	if (t->type == T_EOF)
		return t;
	check_error_tok(p, t + 1);
	return t + 1;
}

static bool is_name(const struct tok *t, const char *name)
{
	return t->type == T_NAME && t->slen == strlen(name) && memcmp(t->s, name, t->slen) == 0;
}

/* Token expression "type" or "name:value" test. */
static bool test_expr(const struct tok *t, const char *expr)
{
	if (strncmp(expr, "name:", 5) == 0)
		return is_name(t, expr + 5);
	return false;
}

static bool skip_if(struct parser *p, enum tok_type type)
{
	if (CUR(p)->type == type) {
		next(p);
		return true;
	}
	return false;
}

static bool skip_name(struct parser *p, const char *name)
{
	if (is_name(CUR(p), name)) {
		next(p);
		return true;
	}
	return false;
}

static void describe_expected(char *out, size_t n, enum tok_type type, const char *name)
{
	if (name)
		snprintf(out, n, "%s", name);
	else
		snprintf(out, n, "%s", lex_type_name(type));
}

static const struct tok *expect_full(struct parser *p, enum tok_type type, const char *name)
{
	const struct tok *t = CUR(p);
	if (t->type == type && (!name || is_name(t, name)))
		return next(p);
	char want[64], got[128];
	describe_expected(want, sizeof want, type, name);
	if (t->type == T_EOF)
		FAIL(p, "unexpected end of template, expected '%s'.", want);
	FAIL(p, "expected token '%s', got '%s'", want, lex_describe(t, got, sizeof got));
}

static const struct tok *expect(struct parser *p, enum tok_type type)
{
	return expect_full(p, type, NULL);
}

static struct node *mk(struct parser *p, enum node_kind kind, const struct tok *t)
{
	struct node *n = ast_new(p->arena, kind, t->off, t->line);
	if (!n)
		fail_at(p, t, "template-memory", "out of memory while parsing");
	if (kind == N_CONST || kind == N_DATA) {
		/* its value is a counted reference: remember it in case the
		 * parse fails before the node joins the tree */
		if (p->nvalued == p->capvalued) {
			size_t cap = p->capvalued ? p->capvalued * 2 : 64;
			struct node **v = realloc(p->valued, cap * sizeof *v);
			if (!v)
				fail_at(p, t, "template-memory", "out of memory while parsing");
			p->valued = v;
			p->capvalued = cap;
		}
		p->valued[p->nvalued++] = n;
	}
	return n;
}

static void push(struct parser *p, struct nlist *l, struct node *n)
{
	ast_push(p->arena, l, n);
	if (p->arena->oom)
		fail_at(p, CUR(p), "template-memory", "out of memory while parsing");
}

static void enter(struct parser *p)
{
	if (++p->depth > 200)
		fail_at(p, CUR(p), "template-memory", "template nested too deeply (more than 200 levels)");
}

/* --- error reporting for unknown tags and early end of template --- */

static void fail_ut_eof(struct parser *p, const struct tok *at, const char *name,
			const char *const *extra) __attribute__((noreturn));

static void fail_ut_eof(struct parser *p, const struct tok *at, const char *name,
			const char *const *extra)
{
	const char *const *stack[66];
	int n = 0;
	for (int i = 0; i < p->nends; i++)
		stack[n++] = p->end_stack[i];
	if (extra)
		stack[n++] = extra;
	char msg[480];
	size_t len = 0;
	if (!name)
		len += (size_t)snprintf(msg, sizeof msg, "Unexpected end of template.");
	else
		len += (size_t)snprintf(msg, sizeof msg, "Encountered unknown tag '%s'.", name);
	if (n) {
		bool expected = false;
		for (int i = 0; i < n && name; i++)
			for (const char *const *e = stack[i]; *e; e++)
				if (strcmp(*e + 5, name) == 0)
					expected = true;
		char looking[200] = "";
		size_t ll = 0;
		for (const char *const *e = stack[n - 1]; *e && ll < sizeof looking - 40; e++)
			ll += (size_t)snprintf(looking + ll, sizeof looking - ll, "%s'%s'",
					       e == stack[n - 1] ? "" : " or ", *e + 5);
		if (expected)
			len += (size_t)snprintf(msg + len, sizeof msg - len,
						" You probably made a nesting mistake. Jinja is expecting this tag,"
						" but currently looking for %s.", looking);
		else
			len += (size_t)snprintf(msg + len, sizeof msg - len,
						" Jinja was looking for the following tags: %s.", looking);
	}
	if (p->ntags && len < sizeof msg)
		snprintf(msg + len, sizeof msg - len, " The innermost block that needs to be closed is '%s'.",
			 p->tag_stack[p->ntags - 1]);
	fail_at(p, at, "template-syntax", "%s", msg);
}

/* --- expressions --- */

static struct node *parse_expression(struct parser *p, bool with_condexpr);
static struct node *parse_tuple(struct parser *p, bool simplified, bool with_condexpr,
				const char *const *extra_end, bool explicit_parens, bool with_ns);
static struct node *parse_unary(struct parser *p, bool with_filter);
static struct node *parse_primary(struct parser *p, bool with_ns);
static struct node *parse_postfix(struct parser *p, struct node *n);
static struct node *parse_filter(struct parser *p, struct node *n, bool start_inline);
static struct nlist subparse(struct parser *p, const char *const *end_tokens);

static struct node *parse_condexpr(struct parser *p);

static struct node *parse_or(struct parser *p);
static struct node *parse_and(struct parser *p);

static struct node *binary(struct parser *p, enum node_kind kind, const struct tok *t,
			   struct node *l, struct node *r, int op)
{
	struct node *n = mk(p, kind, t);
	n->off = l->off;
	n->u.bin.left = l;
	n->u.bin.right = r;
	n->u.bin.op = (uint8_t)op;
	return n;
}

static struct node *parse_condexpr(struct parser *p)
{
	struct node *expr1 = parse_or(p);
	while (is_name(CUR(p), "if")) {
		const struct tok *t = next(p);
		struct node *expr2 = parse_or(p);
		struct node *expr3 = NULL;
		if (skip_name(p, "else"))
			expr3 = parse_condexpr(p);
		struct node *n = mk(p, N_CONDEXPR, t);
		n->off = expr1->off;
		n->u.cond.test = expr2;
		n->u.cond.expr1 = expr1;
		n->u.cond.expr2 = expr3;
		expr1 = n;
	}
	return expr1;
}

static struct node *parse_or(struct parser *p)
{
	struct node *left = parse_and(p);
	while (is_name(CUR(p), "or")) {
		const struct tok *t = next(p);
		left = binary(p, N_OR, t, left, parse_and(p), 0);
	}
	return left;
}

static struct node *parse_not(struct parser *p)
{
	if (is_name(CUR(p), "not")) {
		const struct tok *t = next(p);
		enter(p);
		struct node *n = mk(p, N_NOT, t);
		n->u.operand = parse_not(p);
		p->depth--;
		return n;
	}
	return NULL;
}

static struct node *parse_compare(struct parser *p);

static struct node *parse_and(struct parser *p)
{
	struct node *left = parse_not(p);
	if (!left)
		left = parse_compare(p);
	while (is_name(CUR(p), "and")) {
		const struct tok *t = next(p);
		struct node *right = parse_not(p);
		if (!right)
			right = parse_compare(p);
		left = binary(p, N_AND, t, left, right, 0);
	}
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
			next(p);
		} else if (is_name(t, "in")) {
			next(p);
			op = CMP_IN;
		} else if (is_name(t, "not") && is_name(look(p), "in")) {
			next(p);
			next(p);
			op = CMP_NOTIN;
		} else {
			break;
		}
		if (!cmp) {
			cmp = mk(p, N_COMPARE, start);
			cmp->u.cmp.expr = expr;
		}
		struct node *o = mk(p, N_OPERAND, t);
		o->u.operand_.op = (uint8_t)op;
		o->u.operand_.expr = parse_math1(p);
		push(p, &cmp->u.cmp.ops, o);
	}
	return cmp ? cmp : expr;
}

static struct node *parse_concat(struct parser *p);

static struct node *parse_math1(struct parser *p)
{
	struct node *left = parse_concat(p);
	while (CUR(p)->type == T_ADD || CUR(p)->type == T_SUB) {
		const struct tok *t = next(p);
		left = binary(p, N_BINOP, t, left, parse_concat(p), t->type == T_ADD ? OP_ADD : OP_SUB);
	}
	return left;
}

static struct node *parse_math2(struct parser *p);

static struct node *parse_concat(struct parser *p)
{
	const struct tok *start = CUR(p);
	struct node *first = parse_math2(p);
	if (CUR(p)->type != T_TILDE)
		return first;
	struct node *n = mk(p, N_CONCAT, start);
	push(p, &n->u.seq.items, first);
	while (skip_if(p, T_TILDE))
		push(p, &n->u.seq.items, parse_math2(p));
	return n;
}

static struct node *parse_pow(struct parser *p);

static struct node *parse_math2(struct parser *p)
{
	struct node *left = parse_pow(p);
	for (;;) {
		enum tok_type tt = (enum tok_type)CUR(p)->type;
		int op = tt == T_MUL ? OP_MUL : tt == T_DIV ? OP_DIV : tt == T_FLOORDIV ? OP_FLOORDIV
			 : tt == T_MOD ? OP_MOD : -1;
		if (op < 0)
			return left;
		const struct tok *t = next(p);
		left = binary(p, N_BINOP, t, left, parse_pow(p), op);
	}
}

static struct node *parse_pow(struct parser *p)
{
	struct node *left = parse_unary(p, true);
	while (CUR(p)->type == T_POW) {
		const struct tok *t = next(p);
		left = binary(p, N_BINOP, t, left, parse_unary(p, true), OP_POW);
	}
	return left;
}

static struct node *parse_filter_expr(struct parser *p, struct node *n);

static struct node *parse_unary(struct parser *p, bool with_filter)
{
	const struct tok *t = CUR(p);
	struct node *n;
	enter(p);
	if (t->type == T_SUB || t->type == T_ADD) {
		next(p);
		n = mk(p, t->type == T_SUB ? N_NEG : N_POS, t);
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

static struct node *parse_primary(struct parser *p, bool with_ns)
{
	const struct tok *t = CUR(p);
	struct node *n;
	char desc[128];
	switch (t->type) {
	case T_NAME:
		next(p);
		if (is_name(t, "true") || is_name(t, "false") || is_name(t, "True") || is_name(t, "False")) {
			n = mk(p, N_CONST, t);
			n->u.value = tv_bool(is_name(t, "true") || is_name(t, "True"));
		} else if (is_name(t, "none") || is_name(t, "None")) {
			n = mk(p, N_CONST, t);
			n->u.value = tv_none();
		} else if (with_ns && CUR(p)->type == T_DOT) {
			next(p);
			const struct tok *attr = expect(p, T_NAME);
			n = mk(p, N_NSREF, t);
			n->u.nsref.s = t->s;
			n->u.nsref.len = t->slen;
			n->u.nsref.attr = attr->s;
			n->u.nsref.attrlen = attr->slen;
		} else {
			n = mk(p, N_NAME, t);
			n->u.name.s = t->s;
			n->u.name.len = t->slen;
			n->u.name.ctx = CTX_LOAD;
		}
		return n;
	case T_STRING: {
		next(p);
		n = mk(p, N_CONST, t);
		if (CUR(p)->type != T_STRING) {
			n->u.value = tv_str(t->s, t->slen);
		} else {
			/* adjacent strings join; read them all before next(), which
			 * may leave by longjmp and would strand the buffer */
			struct buf b = BUF_INIT;
			buf_add(&b, t->s, t->slen);
			for (size_t k = p->pos; p->lx->toks[k].type == T_STRING; k++)
				buf_add(&b, p->lx->toks[k].s, p->lx->toks[k].slen);
			n->u.value = tv_str(b.data ? b.data : "", b.len);
			buf_free(&b);
			while (CUR(p)->type == T_STRING)
				next(p);
		}
		if (n->u.value.kind == TV_OOM)
			fail_at(p, t, "template-memory", "out of memory while parsing");
		return n;
	}
	case T_INT:
	case T_FLOAT:
		next(p);
		n = mk(p, N_CONST, t);
		n->u.value = t->type == T_INT ? tv_int(t->i) : tv_float(t->f);
		return n;
	case T_LPAREN:
		next(p);
		n = parse_tuple(p, false, true, NULL, true, false);
		expect(p, T_RPAREN);
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
		if (test_expr(CUR(p), *e))
			return true;
	return false;
}

static struct node *parse_tuple(struct parser *p, bool simplified, bool with_condexpr,
				const char *const *extra_end, bool explicit_parens, bool with_ns)
{
	const struct tok *start = CUR(p);
	struct nlist args = { 0 };
	bool is_tuple = false;
	for (;;) {
		if (args.n)
			expect(p, T_COMMA);
		if (is_tuple_end(p, extra_end))
			break;
		struct node *e = simplified ? parse_primary(p, with_ns) : parse_expression(p, with_condexpr);
		push(p, &args, e);
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
	struct node *n = mk(p, N_TUPLE, start);
	n->u.seq.items = args;
	n->u.seq.ctx = CTX_LOAD;
	return n;
}

static struct node *parse_list(struct parser *p)
{
	const struct tok *t = expect(p, T_LBRACKET);
	struct node *n = mk(p, N_LIST, t);
	while (CUR(p)->type != T_RBRACKET) {
		if (n->u.seq.items.n)
			expect(p, T_COMMA);
		if (CUR(p)->type == T_RBRACKET)
			break;
		push(p, &n->u.seq.items, parse_expression(p, true));
	}
	expect(p, T_RBRACKET);
	return n;
}

static struct node *parse_dict(struct parser *p)
{
	const struct tok *t = expect(p, T_LBRACE);
	struct node *n = mk(p, N_DICT, t);
	while (CUR(p)->type != T_RBRACE) {
		if (n->u.seq.items.n)
			expect(p, T_COMMA);
		if (CUR(p)->type == T_RBRACE)
			break;
		struct node *key = parse_expression(p, true);
		expect(p, T_COLON);
		struct node *pair = mk(p, N_PAIR, t);
		pair->off = key->off;
		pair->line = key->line;
		pair->u.pair.key = key;
		pair->u.pair.value = parse_expression(p, true);
		push(p, &n->u.seq.items, pair);
	}
	expect(p, T_RBRACE);
	return n;
}

static struct node *parse_subscribed(struct parser *p)
{
	const struct tok *start = CUR(p);
	struct node *parts[3] = { NULL, NULL, NULL };
	if (CUR(p)->type == T_COLON) {
		next(p);
	} else {
		struct node *n = parse_expression(p, true);
		if (CUR(p)->type != T_COLON)
			return n;
		next(p);
		parts[0] = n;
	}
	if (CUR(p)->type != T_COLON && CUR(p)->type != T_RBRACKET && CUR(p)->type != T_COMMA)
		parts[1] = parse_expression(p, true);
	if (CUR(p)->type == T_COLON) {
		next(p);
		if (CUR(p)->type != T_RBRACKET && CUR(p)->type != T_COMMA)
			parts[2] = parse_expression(p, true);
	}
	struct node *s = mk(p, N_SLICE, start);
	s->u.slice.start = parts[0];
	s->u.slice.stop = parts[1];
	s->u.slice.step = parts[2];
	return s;
}

static struct node *parse_subscript(struct parser *p, struct node *node)
{
	const struct tok *t = next(p);
	if (t->type == T_DOT) {
		const struct tok *a = CUR(p);
		next(p);
		if (a->type == T_NAME) {
			struct node *n = mk(p, N_GETATTR, t);
			n->off = node->off;
			n->u.getattr.node = node;
			n->u.getattr.attr = a->s;
			n->u.getattr.len = a->slen;
			return n;
		}
		if (a->type != T_INT)
			fail_at(p, a, "template-syntax", "expected name or number");
		struct node *arg = mk(p, N_CONST, a);
		arg->u.value = tv_int(a->i);
		struct node *n = mk(p, N_GETITEM, t);
		n->off = node->off;
		n->u.getitem.node = node;
		n->u.getitem.arg = arg;
		return n;
	}
	/* '[' */
	struct nlist args = { 0 };
	while (CUR(p)->type != T_RBRACKET) {
		if (args.n)
			expect(p, T_COMMA);
		push(p, &args, parse_subscribed(p));
	}
	expect(p, T_RBRACKET);
	struct node *arg;
	if (args.n == 1) {
		arg = args.v[0];
	} else {
		arg = mk(p, N_TUPLE, t);
		arg->u.seq.items = args;
	}
	struct node *n = mk(p, N_GETITEM, t);
	n->off = node->off;
	n->u.getitem.node = node;
	n->u.getitem.arg = arg;
	return n;
}

static void parse_call_args(struct parser *p, struct call_args *a)
{
	const struct tok *t = expect(p, T_LPAREN);
	bool require_comma = false;
	while (CUR(p)->type != T_RPAREN) {
		if (require_comma) {
			expect(p, T_COMMA);
			if (CUR(p)->type == T_RPAREN)
				break;
		}
		if (CUR(p)->type == T_MUL) {
			if (a->dyn_args || a->dyn_kwargs)
				fail_at(p, t, "template-syntax", "invalid syntax for function call expression");
			next(p);
			a->dyn_args = parse_expression(p, true);
		} else if (CUR(p)->type == T_POW) {
			if (a->dyn_kwargs)
				fail_at(p, t, "template-syntax", "invalid syntax for function call expression");
			next(p);
			a->dyn_kwargs = parse_expression(p, true);
		} else if (CUR(p)->type == T_NAME && look(p)->type == T_ASSIGN) {
			if (a->dyn_kwargs)
				fail_at(p, t, "template-syntax", "invalid syntax for function call expression");
			const struct tok *key = next(p);
			next(p);
			struct node *kw = mk(p, N_KEYWORD, key);
			kw->u.kw.key = key->s;
			kw->u.kw.len = key->slen;
			kw->u.kw.value = parse_expression(p, true);
			push(p, &a->kwargs, kw);
		} else {
			if (a->dyn_args || a->dyn_kwargs || a->kwargs.n)
				fail_at(p, t, "template-syntax", "invalid syntax for function call expression");
			push(p, &a->args, parse_expression(p, true));
		}
		require_comma = true;
	}
	expect(p, T_RPAREN);
}

static struct node *parse_call(struct parser *p, struct node *node)
{
	struct node *n = mk(p, N_CALL, CUR(p));
	n->off = node->off;
	n->u.call.node = node;
	parse_call_args(p, &n->u.call.a);
	return n;
}

static struct node *parse_postfix(struct parser *p, struct node *n)
{
	for (;;) {
		enum tok_type tt = (enum tok_type)CUR(p)->type;
		if (tt == T_DOT || tt == T_LBRACKET)
			n = parse_subscript(p, n);
		else if (tt == T_LPAREN)
			n = parse_call(p, n);
		else
			return n;
	}
}

/* A dotted filter or test name ("a.b" is allowed by the grammar). */
static void dotted_name(struct parser *p, const struct tok *first, const char **s, size_t *len)
{
	*s = first->s;
	*len = first->slen;
	while (CUR(p)->type == T_DOT) {
		next(p);
		const struct tok *t = expect(p, T_NAME);
		*len = (size_t)(t->s + t->slen - *s);
	}
}

static struct node *parse_test(struct parser *p, struct node *node)
{
	const struct tok *t = next(p); /* 'is' */
	bool negated = skip_name(p, "not");
	const struct tok *nt = expect(p, T_NAME);
	struct node *n = mk(p, N_TEST, t);
	n->off = node->off;
	n->u.ft.node = node;
	dotted_name(p, nt, &n->u.ft.name, &n->u.ft.len);
	const struct tok *c = CUR(p);
	if (c->type == T_LPAREN) {
		parse_call_args(p, &n->u.ft.a);
	} else if ((c->type == T_NAME || c->type == T_STRING || c->type == T_INT || c->type == T_FLOAT ||
		    c->type == T_LBRACKET || c->type == T_LBRACE) &&
		   !is_name(c, "else") && !is_name(c, "or") && !is_name(c, "and")) {
		if (is_name(c, "is"))
			FAIL(p, "You cannot chain multiple tests with is");
		struct node *arg = parse_postfix(p, parse_primary(p, false));
		push(p, &n->u.ft.a.args, arg);
	}
	if (negated) {
		struct node *neg = mk(p, N_NOT, t);
		neg->off = node->off;
		neg->u.operand = n;
		return neg;
	}
	return n;
}

static struct node *parse_filter(struct parser *p, struct node *node, bool start_inline)
{
	while (CUR(p)->type == T_PIPE || start_inline) {
		if (!start_inline)
			next(p);
		const struct tok *t = expect(p, T_NAME);
		struct node *n = mk(p, N_FILTER, t);
		if (node)
			n->off = node->off;
		n->u.ft.node = node;
		dotted_name(p, t, &n->u.ft.name, &n->u.ft.len);
		if (CUR(p)->type == T_LPAREN)
			parse_call_args(p, &n->u.ft.a);
		node = n;
		start_inline = false;
	}
	return node;
}

static struct node *parse_filter_expr(struct parser *p, struct node *n)
{
	for (;;) {
		const struct tok *t = CUR(p);
		if (t->type == T_PIPE)
			n = parse_filter(p, n, false);
		else if (is_name(t, "is"))
			n = parse_test(p, n);
		else if (t->type == T_LPAREN)
			n = parse_call(p, n);
		else
			return n;
	}
}

static struct node *parse_expression(struct parser *p, bool with_condexpr)
{
	enter(p);
	struct node *n = with_condexpr ? parse_condexpr(p) : parse_or(p);
	p->depth--;
	return n;
}

/* --- statements --- */

static void set_ctx(struct node *n, enum name_ctx ctx)
{
	if (n->kind == N_NAME)
		n->u.name.ctx = (uint8_t)ctx;
	else if (n->kind == N_TUPLE)
		for (uint32_t i = 0; i < n->u.seq.items.n; i++)
			set_ctx(n->u.seq.items.v[i], ctx);
}

static bool can_assign(const struct node *n)
{
	if (n->kind == N_NAME) {
		static const char *const reserved[] = { "true", "false", "none", "True", "False", "None" };
		for (size_t i = 0; i < 6; i++)
			if (strlen(reserved[i]) == n->u.name.len && memcmp(reserved[i], n->u.name.s, n->u.name.len) == 0)
				return false;
		return true;
	}
	if (n->kind == N_NSREF)
		return true;
	if (n->kind == N_TUPLE) {
		for (uint32_t i = 0; i < n->u.seq.items.n; i++)
			if (!can_assign(n->u.seq.items.v[i]))
				return false;
		return true;
	}
	return false;
}

static const char *node_type_name(const struct node *n)
{
	switch (n->kind) {
	case N_CONST: return "const";
	case N_LIST: return "list";
	case N_DICT: return "dict";
	case N_TUPLE: return "tuple";
	case N_GETATTR: return "getattr";
	case N_GETITEM: return "getitem";
	case N_CALL: return "call";
	case N_FILTER: return "filter";
	case N_BINOP: return "binexpr";
	default: return "expr";
	}
}

static struct node *parse_assign_target(struct parser *p, bool with_tuple, bool name_only,
					const char *const *extra_end, bool with_ns)
{
	struct node *target;
	if (name_only) {
		const struct tok *t = expect(p, T_NAME);
		target = mk(p, N_NAME, t);
		target->u.name.s = t->s;
		target->u.name.len = t->slen;
	} else if (with_tuple) {
		target = parse_tuple(p, true, true, extra_end, false, with_ns);
	} else {
		target = parse_primary(p, with_ns);
	}
	set_ctx(target, CTX_STORE);
	if (!can_assign(target)) {
		const char *tn = target->kind == N_NAME ? "const" : node_type_name(target);
		fail_node(p, target, "can't assign to '%s'", tn);
	}
	return target;
}

static struct nlist parse_statements(struct parser *p, const char *const *end_tokens, bool drop_needle)
{
	skip_if(p, T_COLON);
	expect(p, T_BLOCK_END);
	struct nlist body = subparse(p, end_tokens);
	if (CUR(p)->type == T_EOF)
		fail_ut_eof(p, CUR(p), NULL, end_tokens);
	if (drop_needle)
		next(p);
	return body;
}

static const char *const END_SET[] = { "name:endset", NULL };
static const char *const END_FOR_ELSE[] = { "name:endfor", "name:else", NULL };
static const char *const END_FOR[] = { "name:endfor", NULL };
static const char *const END_IF[] = { "name:elif", "name:else", "name:endif", NULL };
static const char *const END_ENDIF[] = { "name:endif", NULL };
static const char *const END_WITH[] = { "name:endwith", NULL };
static const char *const END_MACRO[] = { "name:endmacro", NULL };
static const char *const END_CALL[] = { "name:endcall", NULL };
static const char *const END_FILTER[] = { "name:endfilter", NULL };
static const char *const FOR_TARGET_END[] = { "name:in", NULL };
static const char *const FOR_ITER_END[] = { "name:recursive", NULL };

static struct node *parse_set(struct parser *p)
{
	const struct tok *t = next(p);
	struct node *target = parse_assign_target(p, true, false, NULL, true);
	if (skip_if(p, T_ASSIGN)) {
		struct node *n = mk(p, N_ASSIGN, t);
		n->u.assign.target = target;
		n->u.assign.node = parse_tuple(p, false, true, NULL, false, false);
		return n;
	}
	struct node *n = mk(p, N_ASSIGNBLOCK, t);
	n->u.ablock.target = target;
	n->u.ablock.filter = parse_filter(p, NULL, false);
	n->u.ablock.body = parse_statements(p, END_SET, true);
	return n;
}

static struct node *parse_for(struct parser *p)
{
	const struct tok *t = expect_full(p, T_NAME, "for");
	struct node *n = mk(p, N_FOR, t);
	n->u.for_.target = parse_assign_target(p, true, false, FOR_TARGET_END, false);
	expect_full(p, T_NAME, "in");
	n->u.for_.iter = parse_tuple(p, false, false, FOR_ITER_END, false, false);
	if (skip_name(p, "if"))
		n->u.for_.test = parse_expression(p, true);
	n->u.for_.recursive = skip_name(p, "recursive");
	n->u.for_.body = parse_statements(p, END_FOR_ELSE, false);
	if (!is_name(next(p), "endfor"))
		n->u.for_.else_ = parse_statements(p, END_FOR, true);
	return n;
}

static struct node *parse_if(struct parser *p)
{
	const struct tok *t = expect_full(p, T_NAME, "if");
	struct node *result = mk(p, N_IF, t), *node = result;
	for (;;) {
		node->u.if_.test = parse_tuple(p, false, false, NULL, false, false);
		node->u.if_.body = parse_statements(p, END_IF, false);
		const struct tok *tk = next(p);
		if (is_name(tk, "elif")) {
			node = mk(p, N_IF, CUR(p));
			push(p, &result->u.if_.elifs, node);
			continue;
		}
		if (is_name(tk, "else"))
			result->u.if_.else_ = parse_statements(p, END_ENDIF, true);
		break;
	}
	return result;
}

static struct node *parse_with(struct parser *p)
{
	const struct tok *t = next(p);
	struct node *n = mk(p, N_WITH, t);
	while (CUR(p)->type != T_BLOCK_END) {
		if (n->u.with.targets.n)
			expect(p, T_COMMA);
		struct node *target = parse_assign_target(p, true, false, NULL, false);
		set_ctx(target, CTX_PARAM);
		push(p, &n->u.with.targets, target);
		expect(p, T_ASSIGN);
		push(p, &n->u.with.values, parse_expression(p, true));
	}
	n->u.with.body = parse_statements(p, END_WITH, true);
	return n;
}

static void parse_signature(struct parser *p, struct node *n)
{
	expect(p, T_LPAREN);
	while (CUR(p)->type != T_RPAREN) {
		if (n->u.macro.args.n)
			expect(p, T_COMMA);
		struct node *arg = parse_assign_target(p, true, true, NULL, false);
		arg->u.name.ctx = CTX_PARAM;
		if (skip_if(p, T_ASSIGN))
			push(p, &n->u.macro.defaults, parse_expression(p, true));
		else if (n->u.macro.defaults.n)
			FAIL(p, "non-default argument follows default argument");
		push(p, &n->u.macro.args, arg);
	}
	expect(p, T_RPAREN);
}

static struct node *parse_call_block(struct parser *p)
{
	const struct tok *t = next(p);
	struct node *n = mk(p, N_CALLBLOCK, t);
	if (CUR(p)->type == T_LPAREN)
		parse_signature(p, n);
	struct node *call = parse_expression(p, true);
	if (call->kind != N_CALL)
		fail_at(p, t, "template-syntax", "expected call");
	n->u.macro.call = call;
	n->u.macro.body = parse_statements(p, END_CALL, true);
	return n;
}

static struct node *parse_filter_block(struct parser *p)
{
	const struct tok *t = next(p);
	struct node *n = mk(p, N_FILTERBLOCK, t);
	n->u.fblock.filter = parse_filter(p, NULL, true);
	n->u.fblock.body = parse_statements(p, END_FILTER, true);
	return n;
}

static struct node *parse_macro(struct parser *p)
{
	const struct tok *t = next(p);
	struct node *n = mk(p, N_MACRO, t);
	struct node *name = parse_assign_target(p, true, true, NULL, false);
	n->u.macro.name = name->u.name.s;
	n->u.macro.len = name->u.name.len;
	parse_signature(p, n);
	n->u.macro.body = parse_statements(p, END_MACRO, true);
	return n;
}

static struct node *parse_print(struct parser *p)
{
	const struct tok *t = next(p);
	struct node *n = mk(p, N_OUTPUT, t);
	while (CUR(p)->type != T_BLOCK_END) {
		if (n->u.seq.items.n)
			expect(p, T_COMMA);
		push(p, &n->u.seq.items, parse_expression(p, true));
	}
	return n;
}

static const struct {
	const char *name;
	struct node *(*parse)(struct parser *p);
} statements[] = {
	{ "for", parse_for }, { "if", parse_if }, { "set", parse_set }, { "with", parse_with },
	{ "macro", parse_macro }, { "call", parse_call_block }, { "filter", parse_filter_block },
	{ "print", parse_print },
	/* Jinja tags osmo-tui does not run */
	{ "block", NULL }, { "extends", NULL }, { "include", NULL }, { "from", NULL },
	{ "import", NULL }, { "autoescape", NULL },
};

static struct node *parse_statement(struct parser *p)
{
	const struct tok *t = CUR(p);
	if (t->type != T_NAME)
		FAIL(p, "tag name expected");
	for (size_t i = 0; i < sizeof statements / sizeof statements[0]; i++) {
		if (!is_name(t, statements[i].name))
			continue;
		if (!statements[i].parse)
			fail_at(p, t, "template-unsupported",
				"the '%s' tag is not supported by osmo-tui's template engine", statements[i].name);
		if (p->ntags == 64)
			fail_at(p, t, "template-memory", "template nested too deeply");
		p->tag_stack[p->ntags++] = statements[i].name;
		enter(p);
		struct node *n = statements[i].parse(p);
		p->depth--;
		p->ntags--;
		return n;
	}
	char name[128];
	snprintf(name, sizeof name, "%.*s", (int)t->slen, t->s);
	fail_ut_eof(p, t, name, NULL);
}

static struct nlist subparse(struct parser *p, const char *const *end_tokens)
{
	struct nlist body = { 0 };
	struct node *out = NULL;
	if (end_tokens) {
		if (p->nends == 64)
			fail_at(p, CUR(p), "template-memory", "template nested too deeply");
		p->end_stack[p->nends++] = end_tokens;
	}
	while (CUR(p)->type != T_EOF) {
		const struct tok *t = CUR(p);
		if (t->type == T_DATA) {
			if (!out) {
				out = mk(p, N_OUTPUT, t);
				push(p, &body, out);
			}
			struct node *d = mk(p, N_DATA, t);
			d->u.value = tv_str(p->lx->src + t->off, t->len);
			if (d->u.value.kind == TV_OOM)
				fail_at(p, t, "template-memory", "out of memory while parsing");
			push(p, &out->u.seq.items, d);
			next(p);
		} else if (t->type == T_VAR_BEGIN) {
			next(p);
			if (!out) {
				out = mk(p, N_OUTPUT, t);
				push(p, &body, out);
			}
			push(p, &out->u.seq.items, parse_tuple(p, false, true, NULL, false, false));
			expect(p, T_VAR_END);
		} else if (t->type == T_BLOCK_BEGIN) {
			out = NULL;
			next(p);
			for (const char *const *e = end_tokens; e && *e; e++)
				if (test_expr(CUR(p), *e)) {
					p->nends--;
					return body;
				}
			push(p, &body, parse_statement(p));
			expect(p, T_BLOCK_END);
		} else {
			check_error_tok(p, t);
			FAIL(p, "internal parsing error");
		}
	}
	if (end_tokens)
		p->nends--;
	return body;
}

int parse_template(const struct lexer *lx, struct arena *arena, struct nlist *body,
		   struct parse_error *err)
{
	struct parser p = { .lx = lx, .arena = arena, .err = err };
	struct parser *volatile vp = &p;   /* read after longjmp */
	memset(err, 0, sizeof *err);
	if (setjmp(p.jb)) {
		for (size_t i = 0; i < vp->nvalued; i++) {
			tv_drop(vp->valued[i]->u.value);
			vp->valued[i]->u.value = tv_none();
		}
		free(vp->valued);
		return -1;
	}
	check_error_tok(&p, CUR(&p));
	*body = subparse(&p, NULL);
	free(p.valued);
	return 0;
}
