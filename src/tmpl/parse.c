/* parse: Jinja's parser (see parse.h): the token stream helpers, error
 * reporting and the statements; expressions are in parse_expr.c. Each
 * function corresponds to the Jinja 3.1 parser method of the same name.
 * Errors longjmp out to parse_template, which is safe because every
 * allocation lives in the arena.
 */
#include "tmpl/parser.h"
#include "tmpl/ustr.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>


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

void parse_fail_at(struct parser *p, const struct tok *t, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(p, t->off, t->line, rule, fmt, ap);
}

void parse_fail_node(struct parser *p, const struct node *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(p, n->off, n->line, "template-syntax", fmt, ap);
}


void parse_check_error(struct parser *p, const struct tok *t)
{
	if (t->type == T_ERROR)
		parse_fail_at(p, t, "template-syntax", "%s", t->s);
}

const struct tok *parse_next(struct parser *p)
{
	const struct tok *t = CUR(p);
	if (t->type != T_EOF) {
		p->pos++;
		parse_check_error(p, CUR(p));
	}
	return t;
}

const struct tok *parse_look(struct parser *p)
{
	const struct tok *t = CUR(p);
	if (t->type == T_EOF)
		return t;
	parse_check_error(p, t + 1);
	return t + 1;
}

bool parse_is_name(const struct tok *t, const char *name)
{
	return t->type == T_NAME && t->slen == strlen(name) && memcmp(t->s, name, t->slen) == 0;
}

/* Token expression "type" or "name:value" test. */
bool parse_test_expr(const struct tok *t, const char *expr)
{
	if (strncmp(expr, "name:", 5) == 0)
		return parse_is_name(t, expr + 5);
	return false;
}

bool parse_skip_if(struct parser *p, enum tok_type type)
{
	if (CUR(p)->type == type) {
		parse_next(p);
		return true;
	}
	return false;
}

bool parse_skip_name(struct parser *p, const char *name)
{
	if (parse_is_name(CUR(p), name)) {
		parse_next(p);
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

const struct tok *parse_expect_name(struct parser *p, enum tok_type type, const char *name)
{
	const struct tok *t = CUR(p);
	if (t->type == type && (!name || parse_is_name(t, name)))
		return parse_next(p);
	char want[64], got[128];
	describe_expected(want, sizeof want, type, name);
	if (t->type == T_EOF)
		FAIL(p, "unexpected end of template, expected '%s'.", want);
	FAIL(p, "expected token '%s', got '%s'", want, lex_describe(t, got, sizeof got));
}

const struct tok *parse_expect(struct parser *p, enum tok_type type)
{
	return parse_expect_name(p, type, NULL);
}

struct node *parse_mk(struct parser *p, enum node_kind kind, const struct tok *t)
{
	struct node *n = ast_new(p->arena, kind, t->off, t->line);
	if (!n)
		parse_fail_at(p, t, "template-memory", "out of memory while parsing");
	return n;
}

struct tv parse_str(struct parser *p, const struct tok *at, const char *s, size_t n)
{
	struct tv_str_obj *o = arena_zalloc(p->arena, sizeof *o + n + 1);
	if (!o)
		parse_fail_at(p, at, "template-memory", "out of memory while parsing");
	o->rc = TV_IMMORTAL;
	o->len = n;
	memcpy(o->data, s, n);
	o->data[n] = '\0';
	/* fill the caches now: renders on other threads only read them */
	o->nchars = ustr_count(s, n);
	o->ascii = 1;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			o->ascii = 0;
	return (struct tv){ .kind = TV_STR, .u.s = o };
}

void parse_push(struct parser *p, struct nlist *l, struct node *n)
{
	ast_push(p->arena, l, n);
	if (p->arena->oom)
		parse_fail_at(p, CUR(p), "template-memory", "out of memory while parsing");
}

void parse_enter(struct parser *p)
{
	if (++p->depth > 200)
		parse_fail_at(p, CUR(p), "template-memory", "template nested too deeply (more than 200 levels; each operator, filter, call or subscript of a chain counts one)");
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
	parse_fail_at(p, at, "template-syntax", "%s", msg);
}

/* --- statements --- */

static struct nlist subparse(struct parser *p, const char *const *end_tokens);

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
		const struct tok *t = parse_expect(p, T_NAME);
		target = parse_mk(p, N_NAME, t);
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
		parse_fail_node(p, target, "can't assign to '%s'", tn);
	}
	return target;
}

static struct nlist parse_statements(struct parser *p, const char *const *end_tokens, bool drop_needle)
{
	parse_skip_if(p, T_COLON);
	parse_expect(p, T_BLOCK_END);
	struct nlist body = subparse(p, end_tokens);
	if (CUR(p)->type == T_EOF)
		fail_ut_eof(p, CUR(p), NULL, end_tokens);
	if (drop_needle)
		parse_next(p);
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
	const struct tok *t = parse_next(p);
	struct node *target = parse_assign_target(p, true, false, NULL, true);
	if (parse_skip_if(p, T_ASSIGN)) {
		struct node *n = parse_mk(p, N_ASSIGN, t);
		n->u.assign.target = target;
		n->u.assign.node = parse_tuple(p, false, true, NULL, false, false);
		return n;
	}
	struct node *n = parse_mk(p, N_ASSIGNBLOCK, t);
	n->u.ablock.target = target;
	n->u.ablock.filter = parse_filter(p, NULL, false);
	n->u.ablock.body = parse_statements(p, END_SET, true);
	return n;
}

static struct node *parse_for(struct parser *p)
{
	const struct tok *t = parse_expect_name(p, T_NAME, "for");
	struct node *n = parse_mk(p, N_FOR, t);
	n->u.for_.target = parse_assign_target(p, true, false, FOR_TARGET_END, false);
	parse_expect_name(p, T_NAME, "in");
	n->u.for_.iter = parse_tuple(p, false, false, FOR_ITER_END, false, false);
	if (parse_skip_name(p, "if"))
		n->u.for_.test = parse_expression(p, true);
	n->u.for_.recursive = parse_skip_name(p, "recursive");
	n->u.for_.body = parse_statements(p, END_FOR_ELSE, false);
	if (!parse_is_name(parse_next(p), "endfor"))
		n->u.for_.else_ = parse_statements(p, END_FOR, true);
	return n;
}

static struct node *parse_if(struct parser *p)
{
	const struct tok *t = parse_expect_name(p, T_NAME, "if");
	struct node *result = parse_mk(p, N_IF, t), *node = result;
	for (;;) {
		node->u.if_.test = parse_tuple(p, false, false, NULL, false, false);
		node->u.if_.body = parse_statements(p, END_IF, false);
		const struct tok *tk = parse_next(p);
		if (parse_is_name(tk, "elif")) {
			node = parse_mk(p, N_IF, CUR(p));
			parse_push(p, &result->u.if_.elifs, node);
			continue;
		}
		if (parse_is_name(tk, "else"))
			result->u.if_.else_ = parse_statements(p, END_ENDIF, true);
		break;
	}
	return result;
}

static struct node *parse_with(struct parser *p)
{
	const struct tok *t = parse_next(p);
	struct node *n = parse_mk(p, N_WITH, t);
	while (CUR(p)->type != T_BLOCK_END) {
		if (n->u.with.targets.n)
			parse_expect(p, T_COMMA);
		struct node *target = parse_assign_target(p, true, false, NULL, false);
		set_ctx(target, CTX_PARAM);
		parse_push(p, &n->u.with.targets, target);
		parse_expect(p, T_ASSIGN);
		parse_push(p, &n->u.with.values, parse_expression(p, true));
	}
	n->u.with.body = parse_statements(p, END_WITH, true);
	return n;
}

static void parse_signature(struct parser *p, struct node *n)
{
	parse_expect(p, T_LPAREN);
	while (CUR(p)->type != T_RPAREN) {
		if (n->u.macro.args.n)
			parse_expect(p, T_COMMA);
		struct node *arg = parse_assign_target(p, true, true, NULL, false);
		arg->u.name.ctx = CTX_PARAM;
		if (parse_skip_if(p, T_ASSIGN))
			parse_push(p, &n->u.macro.defaults, parse_expression(p, true));
		else if (n->u.macro.defaults.n)
			FAIL(p, "non-default argument follows default argument");
		parse_push(p, &n->u.macro.args, arg);
	}
	parse_expect(p, T_RPAREN);
}

static struct node *parse_call_block(struct parser *p)
{
	const struct tok *t = parse_next(p);
	struct node *n = parse_mk(p, N_CALLBLOCK, t);
	if (CUR(p)->type == T_LPAREN)
		parse_signature(p, n);
	struct node *call = parse_expression(p, true);
	if (call->kind != N_CALL)
		parse_fail_at(p, t, "template-syntax", "expected call");
	n->u.macro.call = call;
	n->u.macro.body = parse_statements(p, END_CALL, true);
	return n;
}

static struct node *parse_filter_block(struct parser *p)
{
	const struct tok *t = parse_next(p);
	struct node *n = parse_mk(p, N_FILTERBLOCK, t);
	n->u.fblock.filter = parse_filter(p, NULL, true);
	n->u.fblock.body = parse_statements(p, END_FILTER, true);
	return n;
}

static struct node *parse_macro(struct parser *p)
{
	const struct tok *t = parse_next(p);
	struct node *n = parse_mk(p, N_MACRO, t);
	struct node *name = parse_assign_target(p, true, true, NULL, false);
	n->u.macro.name = name->u.name.s;
	n->u.macro.len = name->u.name.len;
	parse_signature(p, n);
	n->u.macro.body = parse_statements(p, END_MACRO, true);
	return n;
}

static struct node *parse_print(struct parser *p)
{
	const struct tok *t = parse_next(p);
	struct node *n = parse_mk(p, N_OUTPUT, t);
	while (CUR(p)->type != T_BLOCK_END) {
		if (n->u.seq.items.n)
			parse_expect(p, T_COMMA);
		parse_push(p, &n->u.seq.items, parse_expression(p, true));
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
		if (!parse_is_name(t, statements[i].name))
			continue;
		if (!statements[i].parse)
			parse_fail_at(p, t, "template-unsupported",
				"the '%s' tag is not supported by osmo-tui's template engine", statements[i].name);
		if (p->ntags == 64)
			parse_fail_at(p, t, "template-memory", "template nested too deeply");
		p->tag_stack[p->ntags++] = statements[i].name;
		parse_enter(p);
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
			parse_fail_at(p, CUR(p), "template-memory", "template nested too deeply");
		p->end_stack[p->nends++] = end_tokens;
	}
	while (CUR(p)->type != T_EOF) {
		const struct tok *t = CUR(p);
		if (t->type == T_DATA) {
			if (!out) {
				out = parse_mk(p, N_OUTPUT, t);
				parse_push(p, &body, out);
			}
			struct node *d = parse_mk(p, N_DATA, t);
			d->u.value = parse_str(p, t, p->lx->src + t->off, t->len);
			parse_push(p, &out->u.seq.items, d);
			parse_next(p);
		} else if (t->type == T_VAR_BEGIN) {
			parse_next(p);
			if (!out) {
				out = parse_mk(p, N_OUTPUT, t);
				parse_push(p, &body, out);
			}
			parse_push(p, &out->u.seq.items, parse_tuple(p, false, true, NULL, false, false));
			parse_expect(p, T_VAR_END);
		} else if (t->type == T_BLOCK_BEGIN) {
			out = NULL;
			parse_next(p);
			for (const char *const *e = end_tokens; e && *e; e++)
				if (parse_test_expr(CUR(p), *e)) {
					p->nends--;
					return body;
				}
			parse_push(p, &body, parse_statement(p));
			parse_expect(p, T_BLOCK_END);
		} else {
			parse_check_error(p, t);
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
	memset(err, 0, sizeof *err);
	if (setjmp(p.jb))
		return -1;
	parse_check_error(&p, CUR(&p));
	*body = subparse(&p, NULL);
	return 0;
}
