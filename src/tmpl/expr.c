/* expr: evaluation of expressions (declared in eval.h): names, literals,
 * operators, attribute and item access with the sandbox's rules, calls,
 * filters, tests and conditional expressions, plus emit_expr, which writes
 * a printed expression straight into the output (no temporary string for
 * the common cases: names, constants, concatenations).
 */
#include <stdio.h>
#include <string.h>

#include "tmpl/eval.h"
#include "tmpl/filters.h"
#include "tmpl/markup.h"
#include "tmpl/methods.h"
#include "tmpl/printf.h"
#include "tmpl/tests.h"
#include "tmpl/ustr.h"

#define FAILV ((struct tv){ .kind = TV_OOM })

struct tv *env_slot(struct env *env, struct ref r)
{
	for (uint16_t d = r.depth; d; d--)
		env = env->parent;
	return &env->slots[r.slot];
}

/* Evaluate n, inline for the leaves (names, constants) that make up most
 * of the tree: no call, no frame. */
static inline struct tv eval_fast(struct rt *rt, struct env *env, const struct node *n)
{
	if (n->kind == N_NAME) {
		struct tv *slot = env_slot(env, n->u.name.ref);
		if (slot->kind != TV_MISSING)
			return tv_ref(*slot);
	} else if (n->kind == N_CONST) {
		return tv_ref(n->u.value);
	}
	return eval_expr(rt, env, n);
}


__attribute__((noinline)) static struct tv missing_name(struct rt *rt, const struct node *at, const char *s, size_t len)
{
	char name[256];
	snprintf(name, sizeof name, "%.*s", (int)len, s);
	return rt_chk(rt, at, tv_undef_new(true, NULL, name, NULL, false, false));
}

/* --- calls --- */

void args_free(struct args *a)
{
	for (uint32_t i = 0; i < a->npos; i++)
		tv_drop(a->pos[i]);
	for (uint32_t i = 0; i < a->nkw; i++)
		tv_drop(a->kw[i].v);
	tv_free(a->pos, a->npos * sizeof *a->pos);
	tv_free(a->kw, a->nkw * sizeof *a->kw);
	memset(a, 0, sizeof *a);
}

/* arr grown to hold one more argument (n used, elements of size), or
 * NULL (v dropped, error reported). */
static void *grow_args(struct rt *rt, const struct node *at, void *arr, uint32_t n, size_t size, struct tv v)
{
	void *p = n < 10000 ? tv_realloc(arr, n * size, (n + 1) * size) : NULL;
	if (!p) {
		tv_drop(v);
		if (n >= 10000)
			rt_err(rt, at, RULE_MEMORY, "too many call arguments");
		else
			rt_oom(rt, at);
	}
	return p;
}

static int add_pos(struct rt *rt, const struct node *at, struct args *a, struct tv v)
{
	struct tv *p = grow_args(rt, at, a->pos, a->npos, sizeof *a->pos, v);
	if (!p)
		return -1;
	a->pos = p;
	a->pos[a->npos++] = v;
	return 0;
}

static int add_kw(struct rt *rt, const struct node *at, struct args *a, const char *name, size_t len, struct tv v)
{
	for (uint32_t i = 0; i < a->nkw; i++)
		if (a->kw[i].len == len && memcmp(a->kw[i].name, name, len) == 0) {
			tv_drop(v);
			rt_exc(rt, at, "TypeError", "got multiple values for keyword argument '%.*s'", (int)len, name);
			return -1;
		}
	struct kwarg *k = grow_args(rt, at, a->kw, a->nkw, sizeof *a->kw, v);
	if (!k)
		return -1;
	a->kw = k;
	a->kw[a->nkw++] = (struct kwarg){ name, len, v };
	return 0;
}

int eval_args(struct rt *rt, struct env *env, const struct call_args *ca, struct args *out)
{
	memset(out, 0, sizeof *out);
	for (uint32_t i = 0; i < ca->args.n; i++) {
		struct tv v = eval_expr(rt, env, ca->args.v[i]);
		if (IS_ERR(v) || add_pos(rt, ca->args.v[i], out, v) < 0)
			goto fail;
	}
	for (uint32_t i = 0; i < ca->kwargs.n; i++) {
		const struct node *k = ca->kwargs.v[i];
		struct tv v = eval_expr(rt, env, k->u.kw.value);
		if (IS_ERR(v) || add_kw(rt, k, out, k->u.kw.key, k->u.kw.len, v) < 0)
			goto fail;
	}
	if (ca->dyn_args) {
		struct tv d = eval_expr(rt, env, ca->dyn_args);
		if (IS_ERR(d))
			goto fail;
		struct iter it;
		int rc = rt_iter(rt, ca->dyn_args, d, &it);
		tv_drop(d);
		if (rc < 0)
			goto fail;
		struct tv x;
		while ((rc = rt_next(rt, ca->dyn_args, &it, &x)) > 0)
			if (add_pos(rt, ca->dyn_args, out, x) < 0) {
				rc = -1;
				break;
			}
		rt_iter_free(&it);
		if (rc < 0)
			goto fail;
	}
	if (ca->dyn_kwargs) {
		struct tv d = eval_expr(rt, env, ca->dyn_kwargs);
		if (IS_ERR(d))
			goto fail;
		if (d.kind != TV_DICT) {
			rt_exc(rt, ca->dyn_kwargs, "TypeError", "argument after ** must be a mapping, not %s", tv_type_name(d));
			tv_drop(d);
			goto fail;
		}
		for (size_t i = 0; i < d.u.d->n; i++) {
			struct tv k = d.u.d->e[i].key;
			if (k.kind != TV_STR) {
				rt_exc(rt, ca->dyn_kwargs, "TypeError", "keywords must be strings");
				tv_drop(d);
				goto fail;
			}
			/* the names stay valid: rt keeps d alive below */
			if (add_kw(rt, ca->dyn_kwargs, out, k.u.s->data, k.u.s->len, tv_ref(d.u.d->e[i].val)) < 0) {
				tv_drop(d);
				goto fail;
			}
		}
		if (rt_keep(rt, d) < 0)
			goto fail;
	}
	return 0;
fail:
	args_free(out);
	return -1;
}

struct tv rt_call(struct rt *rt, const struct node *at, struct tv callee, struct args *a)
{
	if (callee.kind == TV_UNDEF)
		return rt_undef_err(rt, at, callee);
	if (callee.kind == TV_OBJ) {
		const struct rt_class *c = (const struct rt_class *)callee.u.o->cls;
		if (c->call) {
			if (rt_tick(rt, at) < 0)
				return FAILV;
			return c->call(rt, at, callee, a);
		}
	}
	return rt_exc(rt, at, "TypeError", "'%s' object is not callable", tv_type_name(callee));
}

/* --- filters and tests --- */

struct tv apply_filter(struct rt *rt, struct env *env, const struct node *n, struct tv v)
{
	const struct filter_def *f = n->u.ft.filter;
	if (!f)
		return rt_exc(rt, n, "TemplateRuntimeError", "No filter named '%.*s' found.", (int)n->u.ft.len, n->u.ft.name);
	if (rt_strict(v) && !f->takes_undefined)
		return rt_undef_err(rt, n, v);
	struct args a;
	if (eval_args(rt, env, &n->u.ft.a, &a) < 0)
		return FAILV;
	struct tv r = f->fn(rt, n, v, &a);
	args_free(&a);
	if (markup_is(v) && r.kind == TV_STR && markup_filter_keeps(f->name))
		r = markup_mark(rt, n, r);
	return rt_chk(rt, n, r);
}

__attribute__((noinline)) static struct tv eval_test(struct rt *rt, struct env *env, const struct node *n)
{
	struct tv v = eval_expr(rt, env, n->u.ft.node);
	if (IS_ERR(v))
		return v;
	const struct test_def *t = n->u.ft.test;
	if (!t) {
		tv_drop(v);
		return rt_exc(rt, n, "TemplateRuntimeError", "No test named '%.*s' found.", (int)n->u.ft.len, n->u.ft.name);
	}
	struct args a;
	if (eval_args(rt, env, &n->u.ft.a, &a) < 0) {
		tv_drop(v);
		return FAILV;
	}
	int r = t->fn(rt, n, v, &a);
	args_free(&a);
	tv_drop(v);
	return r < 0 ? FAILV : tv_bool(r);
}

/* --- expressions --- */

__attribute__((noinline)) static struct tv eval_seq(struct rt *rt, struct env *env, const struct node *n)
{
	const struct nlist *l = &n->u.seq.items;
	struct tv r = n->kind == N_LIST ? tv_list_new(l->n) : tv_tuple_new(l->n);
	if (IS_ERR(r))
		return rt_oom(rt, n);
	for (uint32_t i = 0; i < l->n; i++) {
		struct tv v = eval_fast(rt, env, l->v[i]);
		if (IS_ERR(v)) {
			tv_drop(r);
			return v;
		}
		tv_list_push(r, v);
	}
	return r;
}

__attribute__((noinline)) static struct tv eval_dict(struct rt *rt, struct env *env, const struct node *n)
{
	struct tv d = tv_dict_new();
	if (IS_ERR(d))
		return rt_oom(rt, n);
	for (uint32_t i = 0; i < n->u.seq.items.n; i++) {
		const struct node *p = n->u.seq.items.v[i];
		struct tv k = eval_expr(rt, env, p->u.pair.key);
		if (IS_ERR(k)) {
			tv_drop(d);
			return k;
		}
		struct tv v = eval_expr(rt, env, p->u.pair.value);
		if (IS_ERR(v)) {
			tv_drop(k);
			tv_drop(d);
			return v;
		}
		if (rt_strict(k)) {
			struct tv e = rt_undef_err(rt, p, k);
			tv_drop(k);
			tv_drop(v);
			tv_drop(d);
			return e;
		}
		const char *tn = tv_type_name(k);
		int rc = tv_dict_set_v(d, k, v);
		if (rc < 0) {
			tv_drop(d);
			return rc == -2 ? rt_exc(rt, p, "TypeError", "unhashable type: '%s'", tn) : rt_oom(rt, p);
		}
	}
	return d;
}

/* Jinja's str_join: evaluate every part, then str() each. */
__attribute__((noinline)) static struct tv eval_concat(struct rt *rt, struct env *env, const struct node *n)
{
	uint32_t cnt = n->u.seq.items.n;
	struct tv *vals = tv_alloc(cnt * sizeof *vals);
	if (!vals)
		return rt_oom(rt, n);
	uint32_t got = 0;
	struct buf b = BUF_INIT;
	int rc = 0;
	for (; got < cnt; got++) {
		vals[got] = eval_expr(rt, env, n->u.seq.items.v[got]);
		if (IS_ERR(vals[got])) {
			rc = -1;
			break;
		}
	}
	for (uint32_t i = 0; rc == 0 && i < got; i++)
		if (rt_str(rt, n, vals[i], &b) < 0 || rt_too_big(rt, n, b.len))
			rc = -1;
	for (uint32_t i = 0; i < got; i++)
		tv_drop(vals[i]);
	tv_free(vals, cnt * sizeof *vals);
	if (rc < 0) {
		buf_free(&b);
		return FAILV;
	}
	return rt_chk(rt, n, tv_str_from_buf(&b));
}

__attribute__((noinline)) static struct tv eval_compare(struct rt *rt, struct env *env, const struct node *n)
{
	struct tv left = eval_fast(rt, env, n->u.cmp.expr);
	if (IS_ERR(left))
		return left;
	if (n->u.cmp.ops.n == 1 && left.kind == TV_INT) {
		/* one comparison of two ints: no general machinery */
		const struct node *o = n->u.cmp.ops.v[0];
		struct tv right = eval_fast(rt, env, o->u.operand_.expr);
		if (IS_ERR(right))
			return right;
		if (right.kind == TV_INT) {
			int64_t x = left.u.i, y = right.u.i;
			switch (o->u.operand_.op) {
			case CMP_EQ: return tv_bool(x == y);
			case CMP_NE: return tv_bool(x != y);
			case CMP_LT: return tv_bool(x < y);
			case CMP_LTEQ: return tv_bool(x <= y);
			case CMP_GT: return tv_bool(x > y);
			case CMP_GTEQ: return tv_bool(x >= y);
			default: break;
			}
		}
		bool result;
		int rc = rt_compare(rt, o, o->u.operand_.op, left, right, &result);
		tv_drop(right);
		return rc < 0 ? FAILV : tv_bool(result);
	}
	bool result = true;
	for (uint32_t i = 0; i < n->u.cmp.ops.n; i++) {
		const struct node *o = n->u.cmp.ops.v[i];
		struct tv right = eval_fast(rt, env, o->u.operand_.expr);
		if (IS_ERR(right)) {
			tv_drop(left);
			return right;
		}
		int rc = rt_compare(rt, o, o->u.operand_.op, left, right, &result);
		tv_drop(left);
		left = right;
		if (rc < 0) {
			tv_drop(left);
			return FAILV;
		}
		if (!result)
			break;
	}
	tv_drop(left);
	return tv_bool(result);
}

__attribute__((noinline)) static struct tv eval_logic(struct rt *rt, struct env *env, const struct node *n)
{
	struct tv l = eval_expr(rt, env, n->u.bin.left);
	if (IS_ERR(l))
		return l;
	bool t;
	if (rt_truth(rt, n, l, &t) < 0) {
		tv_drop(l);
		return FAILV;
	}
	if (t == (n->kind == N_OR))
		return l;
	tv_drop(l);
	return eval_expr(rt, env, n->u.bin.right);
}

__attribute__((noinline)) static struct tv eval_condexpr(struct rt *rt, struct env *env, const struct node *n)
{
	struct tv t = eval_expr(rt, env, n->u.cond.test);
	if (IS_ERR(t))
		return t;
	bool b;
	int rc = rt_truth(rt, n, t, &b);
	tv_drop(t);
	if (rc < 0)
		return FAILV;
	if (b)
		return eval_expr(rt, env, n->u.cond.expr1);
	if (n->u.cond.expr2)
		return eval_expr(rt, env, n->u.cond.expr2);
	char hint[160];
	snprintf(hint, sizeof hint,
		 "the inline if-expression on line %d evaluated to false and no else section was defined.", n->line);
	return rt_chk(rt, n, tv_undef_new(false, hint, NULL, NULL, false, false));
}

static struct tv eval_unary(struct rt *rt, struct env *env, const struct node *n);
static struct tv eval_getattr(struct rt *rt, struct env *env, const struct node *n);
static struct tv eval_getitem(struct rt *rt, struct env *env, const struct node *n);
static struct tv eval_call(struct rt *rt, struct env *env, const struct node *n);
static struct tv eval_filter(struct rt *rt, struct env *env, const struct node *n);

struct tv eval_expr(struct rt *rt, struct env *env, const struct node *n)
{
	switch (n->kind) {
	case N_CONST:
	case N_DATA:
		return tv_ref(n->u.value);
	case N_NAME: {
		struct tv *slot = env_slot(env, n->u.name.ref);
		if (slot->kind == TV_MISSING)
			return n->u.name.param ? rt_missing_value() : missing_name(rt, n, n->u.name.s, n->u.name.len);
		return tv_ref(*slot);
	}
	case N_TUPLE:
	case N_LIST:
		return eval_seq(rt, env, n);
	case N_DICT:
		return eval_dict(rt, env, n);
	case N_BINOP: {
		struct tv a = eval_fast(rt, env, n->u.bin.left);
		if (IS_ERR(a))
			return a;
		struct tv b = eval_fast(rt, env, n->u.bin.right);
		if (IS_ERR(b)) {
			tv_drop(a);
			return b;
		}
		if (a.kind == TV_INT && b.kind == TV_INT) {
			/* the common case, without the general dispatch */
			int64_t x = a.u.i, y = b.u.i, r;
			switch (n->u.bin.op) {
			case OP_ADD:
				if (!__builtin_add_overflow(x, y, &r))
					return tv_int(r);
				break;
			case OP_SUB:
				if (!__builtin_sub_overflow(x, y, &r))
					return tv_int(r);
				break;
			case OP_MUL:
				if (!__builtin_mul_overflow(x, y, &r))
					return tv_int(r);
				break;
			case OP_MOD:
				if (y > 0 && x >= 0)
					return tv_int(x % y);
				break;
			default:
				break;
			}
		}
		struct tv r = rt_binop(rt, n, n->u.bin.op, a, b);
		tv_drop(a);
		tv_drop(b);
		return rt_chk(rt, n, r);
	}
	case N_AND:
	case N_OR:
		return eval_logic(rt, env, n);
	case N_NOT:
	case N_NEG:
	case N_POS:
		return eval_unary(rt, env, n);
	case N_CONCAT:
		return eval_concat(rt, env, n);
	case N_COMPARE: {
		/* name-or-constant OP name-or-constant on ints, inline */
		const struct node *l = n->u.cmp.expr, *o = n->u.cmp.ops.v[0], *r = o->u.operand_.expr;
		if (n->u.cmp.ops.n == 1 && (l->kind == N_NAME || l->kind == N_CONST) &&
		    (r->kind == N_NAME || r->kind == N_CONST)) {
			const struct tv *a = l->kind == N_NAME ? env_slot(env, l->u.name.ref) : &l->u.value;
			const struct tv *b = r->kind == N_NAME ? env_slot(env, r->u.name.ref) : &r->u.value;
			if (a->kind == TV_INT && b->kind == TV_INT) {
				int64_t x = a->u.i, y = b->u.i;
				switch (o->u.operand_.op) {
				case CMP_EQ: return tv_bool(x == y);
				case CMP_NE: return tv_bool(x != y);
				case CMP_LT: return tv_bool(x < y);
				case CMP_LTEQ: return tv_bool(x <= y);
				case CMP_GT: return tv_bool(x > y);
				case CMP_GTEQ: return tv_bool(x >= y);
				default: break;
				}
			}
		}
		return eval_compare(rt, env, n);
	}
	case N_GETATTR:
		return eval_getattr(rt, env, n);
	case N_GETITEM:
		return eval_getitem(rt, env, n);
	case N_CALL:
		return eval_call(rt, env, n);
	case N_FILTER:
		return eval_filter(rt, env, n);
	case N_TEST:
		return eval_test(rt, env, n);
	case N_CONDEXPR:
		return eval_condexpr(rt, env, n);
	default:
		return rt_err(rt, n, RULE_SYNTAX, "internal error: unexpected expression node %d", n->kind);
	}
}

__attribute__((noinline)) static struct tv eval_unary(struct rt *rt, struct env *env, const struct node *n)
{
	struct tv v = eval_expr(rt, env, n->u.operand);
	if (IS_ERR(v))
		return v;
	if (n->kind == N_NOT) {
		bool t;
		int rc = rt_truth(rt, n, v, &t);
		tv_drop(v);
		return rc < 0 ? FAILV : tv_bool(!t);
	}
	struct tv r = rt_unary(rt, n, n->kind == N_NEG, v);
	tv_drop(v);
	return r;
}

__attribute__((noinline)) static struct tv eval_getattr(struct rt *rt, struct env *env, const struct node *n)
{
	struct tv o = eval_expr(rt, env, n->u.getattr.node);
	if (IS_ERR(o))
		return o;
	struct tv r = rt_getattr(rt, n, o, n->u.getattr.attr, n->u.getattr.len);
	tv_drop(o);
	return r;
}

__attribute__((noinline)) static struct tv eval_getitem(struct rt *rt, struct env *env, const struct node *n)
{
	struct tv o = eval_expr(rt, env, n->u.getitem.node);
	if (IS_ERR(o))
		return o;
	const struct node *arg = n->u.getitem.arg;
	struct tv r;
	if (arg->kind == N_SLICE) {
		r = rt_slice(rt, env, n, o, arg);
	} else if (arg->kind == N_TUPLE && arg->u.seq.items.n &&
		   arg->u.seq.items.v[arg->u.seq.items.n - 1]->kind == N_SLICE) {
		r = rt_err(rt, n, RULE_UNSUPPORTED, "multi-dimensional subscripts are not supported");
	} else {
		struct tv k = eval_expr(rt, env, arg);
		if (IS_ERR(k)) {
			tv_drop(o);
			return k;
		}
		r = rt_getitem(rt, n, o, k);
		tv_drop(k);
	}
	tv_drop(o);
	return r;
}

__attribute__((noinline)) static struct tv eval_call(struct rt *rt, struct env *env, const struct node *n)
{
	struct tv f = eval_expr(rt, env, n->u.call.node);
	if (IS_ERR(f))
		return f;
	struct args a;
	if (eval_args(rt, env, &n->u.call.a, &a) < 0) {
		tv_drop(f);
		return FAILV;
	}
	struct tv r = rt_call(rt, n, f, &a);
	args_free(&a);
	tv_drop(f);
	return rt_chk(rt, n, r);
}

/* [a, b, ...]|min and |max of ints: the idiom for the smaller of two
 * values, done without building the list. Returns TV_MISSING when the
 * items are not all ints (then the filter runs normally). */
static struct tv min_max_literal(struct rt *rt, struct env *env, const struct node *n, bool max)
{
	const struct nlist *items = &n->u.ft.node->u.seq.items;
	struct tv best = tv_missing();
	for (uint32_t i = 0; i < items->n; i++) {
		const struct node *it = items->v[i];
		struct tv v;
		if (it->kind == N_CONST)
			v = it->u.value;
		else if (it->kind == N_NAME)
			v = *env_slot(env, it->u.name.ref);
		else
			return tv_missing();
		if (v.kind != TV_INT)
			return tv_missing();
		if (i == 0 || (max ? v.u.i > best.u.i : v.u.i < best.u.i))
			best = v;
	}
	(void)rt;
	return best;
}

__attribute__((noinline)) static struct tv eval_filter(struct rt *rt, struct env *env, const struct node *n)
{
	const struct node *src = n->u.ft.node;
	if (src->kind == N_LIST && src->u.seq.items.n && !n->u.ft.a.args.n && !n->u.ft.a.kwargs.n &&
	    !n->u.ft.a.dyn_args && !n->u.ft.a.dyn_kwargs && n->u.ft.filter &&
	    (strcmp(n->u.ft.filter->name, "min") == 0 || strcmp(n->u.ft.filter->name, "max") == 0)) {
		struct tv r = min_max_literal(rt, env, n, n->u.ft.filter->name[1] == 'a');
		if (r.kind != TV_MISSING)
			return r;
	}
	struct tv v = eval_expr(rt, env, n->u.ft.node);
	if (IS_ERR(v))
		return v;
	struct tv r = apply_filter(rt, env, n, v);
	tv_drop(v);
	return r;
}

int emit_expr(struct rt *rt, struct env *env, const struct node *n)
{
	struct buf *out = rt->out;
	switch (n->kind) {
	case N_DATA:
	case N_CONST:
		if (n->u.value.kind == TV_STR)
			rt_put(out, n->u.value.u.s->data, n->u.value.u.s->len);
		else
			tv_to_str(n->u.value, out);
		return 0;
	case N_NAME: {
		struct tv *slot = env_slot(env, n->u.name.ref);
		switch (slot->kind) {
		case TV_STR:
			rt_put(out, slot->u.s->data, slot->u.s->len);
			return 0;
		case TV_INT: {
			char tmp[24];
			char *p = tv_fmt_int(slot->u.i, tmp + sizeof tmp);
			rt_put(out, p, (size_t)(tmp + sizeof tmp - p));
			return 0;
		}
		case TV_MISSING: {
			if (n->u.name.param) {
				rt_put(out, "missing", 7);
				return 0;
			}
			struct tv u = missing_name(rt, n, n->u.name.s, n->u.name.len);
			if (!IS_ERR(u)) {
				rt_undef_err(rt, n, u);
				tv_drop(u);
			}
			return -1;
		}
		default:
			return rt_str(rt, n, *slot, out);
		}
	}
	case N_CONCAT: {
		/* names and constants cannot fail to evaluate, so printing them
		 * one by one raises the same error as Jinja's str_join */
		bool simple = true;
		for (uint32_t i = 0; i < n->u.seq.items.n; i++) {
			uint8_t k = n->u.seq.items.v[i]->kind;
			simple &= k == N_NAME || k == N_CONST;
		}
		if (simple) {
			for (uint32_t i = 0; i < n->u.seq.items.n; i++)
				if (emit_expr(rt, env, n->u.seq.items.v[i]) < 0)
					return -1;
			return 0;
		}
	}
	/* fall through */
	default: {
		/* 'fmt' % args: format straight into the output */
		if (n->kind == N_BINOP && n->u.bin.op == OP_MOD && n->u.bin.left->kind == N_CONST &&
		    n->u.bin.left->u.value.kind == TV_STR && !n->u.bin.left->u.value.u.s->markup) {
			struct tv args = eval_fast(rt, env, n->u.bin.right);
			if (IS_ERR(args))
				return -1;
			if (n->u.bin.pfmt && printf_run(n->u.bin.pfmt, n->u.bin.left->u.value.u.s->data, args, out)) {
				tv_drop(args);
				return 0;
			}
			int rc = tmpl_percent_into(rt, n, n->u.bin.left->u.value, args, out);
			tv_drop(args);
			return rc;
		}
		struct tv v = eval_expr(rt, env, n);
		if (IS_ERR(v))
			return -1;
		int rc = rt_str(rt, n, v, out);
		tv_drop(v);
		return rc;
	}
	}
}
