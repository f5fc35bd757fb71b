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
#include "tmpl/methods.h"
#include "tmpl/tests.h"
#include "tmpl/ustr.h"

#define FAILV ((struct tv){ .kind = TV_OOM })

struct tv *env_slot(struct env *env, struct ref r)
{
	for (uint16_t d = r.depth; d; d--)
		env = env->parent;
	return &env->slots[r.slot];
}

static struct tv missing_name(struct rt *rt, const struct node *at, const char *s, size_t len)
{
	char name[256];
	snprintf(name, sizeof name, "%.*s", (int)len, s);
	return rt_chk(rt, at, tv_undef_new(true, NULL, name, NULL, false, false));
}

/* The undefined value for obj.name / obj[key] that does not exist. */
static struct tv no_attr(struct rt *rt, const struct node *at, struct tv obj, const char *name, size_t len)
{
	struct buf ty = BUF_INIT;
	tv_object_type_repr(obj, &ty);
	char nm[256];
	snprintf(nm, sizeof nm, "%.*s", (int)len, name);
	struct tv u = tv_undef_new(true, NULL, nm, buf_cstr(&ty), false, false);
	buf_free(&ty);
	return rt_chk(rt, at, u);
}

static struct tv no_element(struct rt *rt, const struct node *at, struct tv obj, struct tv key)
{
	struct buf ty = BUF_INIT, k = BUF_INIT;
	tv_object_type_repr(obj, &ty);
	tv_repr(key, &k);
	struct tv u = tv_undef_new(true, NULL, buf_cstr(&k), buf_cstr(&ty), true, false);
	buf_free(&ty);
	buf_free(&k);
	return rt_chk(rt, at, u);
}

static struct tv unsafe(struct rt *rt, const struct node *at, struct tv obj, const char *name, size_t len)
{
	char hint[400];
	snprintf(hint, sizeof hint, "access to attribute '%.*s' of '%s' object is unsafe.", (int)len, name,
		 tv_type_name(obj));
	return rt_chk(rt, at, tv_undef_new(true, hint, NULL, NULL, false, true));
}

struct tv rt_getattr(struct rt *rt, const struct node *at, struct tv obj, const char *name, size_t len)
{
	if (obj.kind == TV_UNDEF)
		return rt_undef_err(rt, at, obj);
	if (len && name[0] == '_' && methods_has_attr(obj, name, len))
		return unsafe(rt, at, obj, name, len);
	struct tv v = methods_getattr(rt, at, obj, name, len);
	if (v.kind != TV_MISSING)
		return v;
	if (obj.kind == TV_DICT) {
		struct tv item = tv_dict_get(obj, name, len);
		if (item.kind != TV_MISSING)
			return tv_ref(item);
	}
	return no_attr(rt, at, obj, name, len);
}

/* Python index normalisation for a sequence of n items; -1 if out of range. */
static int64_t norm_index(int64_t i, size_t n)
{
	if (i < 0)
		i += (int64_t)n;
	return (i < 0 || (uint64_t)i >= n) ? -1 : i;
}

struct tv rt_getitem(struct rt *rt, const struct node *at, struct tv obj, struct tv key)
{
	if (obj.kind == TV_UNDEF)
		return rt_undef_err(rt, at, obj);
	bool int_key = key.kind == TV_INT || key.kind == TV_BOOL;
	int64_t k = key.kind == TV_BOOL ? key.u.b : key.u.i;
	switch (obj.kind) {
	case TV_DICT: {
		if (rt_strict(key))
			return rt_undef_err(rt, at, key);
		int err;
		struct tv v = tv_dict_get_v(obj, key, &err);
		if (v.kind != TV_MISSING)
			return tv_ref(v);
		break;
	}
	case TV_LIST:
	case TV_TUPLE:
		if (int_key) {
			int64_t i = norm_index(k, obj.u.seq->n);
			if (i >= 0)
				return tv_ref(obj.u.seq->v[i]);
			return no_element(rt, at, obj, key);
		}
		break;
	case TV_STR:
		if (int_key) {
			int64_t i = norm_index(k, tv_str_chars(obj));
			if (i < 0)
				return no_element(rt, at, obj, key);
			size_t off = ustr_offset(obj.u.s->data, obj.u.s->len, (size_t)i), end = off;
			ustr_next(obj.u.s->data, obj.u.s->len, &end);
			return rt_chk(rt, at, tv_str(obj.u.s->data + off, end - off));
		}
		break;
	case TV_RANGE:
		if (int_key) {
			int64_t n;
			rt_len(rt, at, obj, &n);
			int64_t i = norm_index(k, (size_t)n);
			if (i < 0)
				return no_element(rt, at, obj, key);
			return tv_int(obj.u.r->start + i * obj.u.r->step);
		}
		break;
	default:
		break;
	}
	if (key.kind == TV_STR) {
		const char *name = key.u.s->data;
		size_t len = key.u.s->len;
		if (len && name[0] == '_' && methods_has_attr(obj, name, len))
			return unsafe(rt, at, obj, name, len);
		struct tv v = methods_getattr(rt, at, obj, name, len);
		if (v.kind != TV_MISSING)
			return v;
		return no_attr(rt, at, obj, name, len);
	}
	return no_element(rt, at, obj, key);
}

/* --- slicing (plain Python, no sandbox) --- */

static int slice_index(struct rt *rt, const struct node *at, struct tv v, bool *given, int64_t *out)
{
	*given = false;
	if (v.kind == TV_NONE || v.kind == TV_MISSING)
		return 0;
	if (v.kind == TV_UNDEF) {
		rt_undef_err(rt, at, v);
		return -1;
	}
	if (v.kind != TV_INT && v.kind != TV_BOOL) {
		rt_exc(rt, at, "TypeError", "slice indices must be integers or None or have an __index__ method");
		return -1;
	}
	*given = true;
	*out = v.kind == TV_BOOL ? v.u.b : v.u.i;
	return 0;
}

/* PySlice_AdjustIndices: returns the number of items. */
static int64_t adjust(int64_t n, int64_t *start, bool has_start, int64_t *stop, bool has_stop, int64_t step)
{
	if (!has_start)
		*start = step < 0 ? n - 1 : 0;
	else if (*start < 0) {
		*start += n;
		if (*start < 0)
			*start = step < 0 ? -1 : 0;
	} else if (*start >= n) {
		*start = step < 0 ? n - 1 : n;
	}
	if (!has_stop)
		*stop = step < 0 ? -1 : n;
	else if (*stop < 0) {
		*stop += n;
		if (*stop < 0)
			*stop = step < 0 ? -1 : 0;
	} else if (*stop >= n) {
		*stop = step < 0 ? n - 1 : n;
	}
	if (step < 0)
		return *stop < *start ? (*start - *stop - 1) / (-step) + 1 : 0;
	return *start < *stop ? (*stop - *start - 1) / step + 1 : 0;
}

static struct tv do_slice(struct rt *rt, struct env *env, const struct node *at, struct tv obj, const struct node *sl)
{
	const struct node *parts[3] = { sl->u.slice.start, sl->u.slice.stop, sl->u.slice.step };
	int64_t idx[3] = { 0, 0, 1 };
	bool given[3];
	for (int i = 0; i < 3; i++) {
		struct tv v = parts[i] ? eval_expr(rt, env, parts[i]) : tv_none();
		if (IS_ERR(v))
			return v;
		int rc = slice_index(rt, at, v, &given[i], &idx[i]);
		tv_drop(v);
		if (rc < 0)
			return FAILV;
	}
	if (obj.kind == TV_UNDEF)
		return rt_undef_err(rt, at, obj);
	int64_t step = given[2] ? idx[2] : 1;
	if (step == 0)
		return rt_exc(rt, at, "ValueError", "slice step cannot be zero");
	if (step == INT64_MIN)
		step = -INT64_MAX;
	int64_t start = idx[0], stop = idx[1];
	switch (obj.kind) {
	case TV_LIST:
	case TV_TUPLE: {
		int64_t n = adjust((int64_t)obj.u.seq->n, &start, given[0], &stop, given[1], step);
		struct tv r = obj.kind == TV_LIST ? tv_list_new((size_t)n) : tv_tuple_new((size_t)n);
		if (IS_ERR(r))
			return rt_oom(rt, at);
		for (int64_t i = 0, p = start; i < n; i++, p += step)
			tv_list_push(r, tv_ref(obj.u.seq->v[p]));
		return r;
	}
	case TV_STR: {
		size_t nch = tv_str_chars(obj);
		int64_t n = adjust((int64_t)nch, &start, given[0], &stop, given[1], step);
		const char *s = obj.u.s->data;
		size_t len = obj.u.s->len;
		if (step == 1) {
			size_t a = ustr_offset(s, len, (size_t)start);
			size_t b = a + ustr_offset(s + a, len - a, (size_t)n);
			return rt_chk(rt, at, tv_str(s + a, b - a));
		}
		/* index the code points once, then pick */
		size_t *offs = tv_alloc((nch + 1) * sizeof *offs);
		if (!offs)
			return rt_oom(rt, at);
		for (size_t i = 0, o = 0; i <= nch; i++) {
			offs[i] = o;
			if (o < len)
				ustr_next(s, len, &o);
		}
		struct buf b = BUF_INIT;
		for (int64_t i = 0, p = start; i < n; i++, p += step)
			buf_add(&b, s + offs[p], offs[p + 1] - offs[p]);
		tv_free(offs, (nch + 1) * sizeof *offs);
		return rt_chk(rt, at, tv_str_from_buf(&b));
	}
	case TV_RANGE: {
		int64_t len;
		rt_len(rt, at, obj, &len);
		int64_t n = adjust(len, &start, given[0], &stop, given[1], step);
		const struct tv_range *r = obj.u.r;
		int64_t nstart, nstep, nstop;
		if (__builtin_mul_overflow(r->step, step, &nstep) ||
		    __builtin_add_overflow(r->start, start * r->step, &nstart) ||
		    __builtin_add_overflow(nstart, n * nstep, &nstop))
			return rt_err(rt, at, RULE_UNSUPPORTED, "range slice out of 64-bit range");
		return rt_chk(rt, at, tv_range_new(nstart, n ? nstop : nstart, nstep));
	}
	case TV_DICT:
		return rt_exc(rt, at, "TypeError", "unhashable type: 'slice'");
	default:
		return rt_exc(rt, at, "TypeError", "'%s' object is not subscriptable", tv_type_name(obj));
	}
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

static int add_pos(struct rt *rt, const struct node *at, struct args *a, struct tv v)
{
	if (a->npos >= 10000) {
		tv_drop(v);
		rt_err(rt, at, RULE_MEMORY, "too many call arguments");
		return -1;
	}
	struct tv *p = tv_realloc(a->pos, a->npos * sizeof *p, (a->npos + 1) * sizeof *p);
	if (!p) {
		tv_drop(v);
		rt_oom(rt, at);
		return -1;
	}
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
	if (a->nkw >= 10000) {
		tv_drop(v);
		rt_err(rt, at, RULE_MEMORY, "too many call arguments");
		return -1;
	}
	struct kwarg *k = tv_realloc(a->kw, a->nkw * sizeof *k, (a->nkw + 1) * sizeof *k);
	if (!k) {
		tv_drop(v);
		rt_oom(rt, at);
		return -1;
	}
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
	return rt_chk(rt, n, r);
}

static struct tv eval_test(struct rt *rt, struct env *env, const struct node *n)
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

static struct tv eval_seq(struct rt *rt, struct env *env, const struct node *n)
{
	const struct nlist *l = &n->u.seq.items;
	struct tv r = n->kind == N_LIST ? tv_list_new(l->n) : tv_tuple_new(l->n);
	if (IS_ERR(r))
		return rt_oom(rt, n);
	for (uint32_t i = 0; i < l->n; i++) {
		struct tv v = eval_expr(rt, env, l->v[i]);
		if (IS_ERR(v)) {
			tv_drop(r);
			return v;
		}
		tv_list_push(r, v);
	}
	return r;
}

static struct tv eval_dict(struct rt *rt, struct env *env, const struct node *n)
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
static struct tv eval_concat(struct rt *rt, struct env *env, const struct node *n)
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

static struct tv eval_compare(struct rt *rt, struct env *env, const struct node *n)
{
	struct tv left = eval_expr(rt, env, n->u.cmp.expr);
	if (IS_ERR(left))
		return left;
	bool result = true;
	for (uint32_t i = 0; i < n->u.cmp.ops.n; i++) {
		const struct node *o = n->u.cmp.ops.v[i];
		struct tv right = eval_expr(rt, env, o->u.operand_.expr);
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

static struct tv eval_logic(struct rt *rt, struct env *env, const struct node *n)
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

static struct tv eval_condexpr(struct rt *rt, struct env *env, const struct node *n)
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

struct tv eval_expr(struct rt *rt, struct env *env, const struct node *n)
{
	switch (n->kind) {
	case N_CONST:
	case N_DATA:
		return tv_ref(n->u.value);
	case N_NAME: {
		struct tv *slot = env_slot(env, n->u.name.ref);
		if (slot->kind == TV_MISSING)
			return missing_name(rt, n, n->u.name.s, n->u.name.len);
		return tv_ref(*slot);
	}
	case N_TUPLE:
	case N_LIST:
		return eval_seq(rt, env, n);
	case N_DICT:
		return eval_dict(rt, env, n);
	case N_BINOP: {
		struct tv a = eval_expr(rt, env, n->u.bin.left);
		if (IS_ERR(a))
			return a;
		struct tv b = eval_expr(rt, env, n->u.bin.right);
		if (IS_ERR(b)) {
			tv_drop(a);
			return b;
		}
		struct tv r = rt_binop(rt, n, n->u.bin.op, a, b);
		tv_drop(a);
		tv_drop(b);
		return rt_chk(rt, n, r);
	}
	case N_AND:
	case N_OR:
		return eval_logic(rt, env, n);
	case N_NOT: {
		struct tv v = eval_expr(rt, env, n->u.operand);
		if (IS_ERR(v))
			return v;
		bool t;
		int rc = rt_truth(rt, n, v, &t);
		tv_drop(v);
		return rc < 0 ? FAILV : tv_bool(!t);
	}
	case N_NEG:
	case N_POS: {
		struct tv v = eval_expr(rt, env, n->u.operand);
		if (IS_ERR(v))
			return v;
		struct tv r = rt_unary(rt, n, n->kind == N_NEG, v);
		tv_drop(v);
		return r;
	}
	case N_CONCAT:
		return eval_concat(rt, env, n);
	case N_COMPARE:
		return eval_compare(rt, env, n);
	case N_GETATTR: {
		struct tv o = eval_expr(rt, env, n->u.getattr.node);
		if (IS_ERR(o))
			return o;
		struct tv r = rt_getattr(rt, n, o, n->u.getattr.attr, n->u.getattr.len);
		tv_drop(o);
		return r;
	}
	case N_GETITEM: {
		struct tv o = eval_expr(rt, env, n->u.getitem.node);
		if (IS_ERR(o))
			return o;
		const struct node *arg = n->u.getitem.arg;
		struct tv r;
		if (arg->kind == N_SLICE) {
			r = do_slice(rt, env, n, o, arg);
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
	case N_CALL: {
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
	case N_FILTER: {
		struct tv v = eval_expr(rt, env, n->u.ft.node);
		if (IS_ERR(v))
			return v;
		struct tv r = apply_filter(rt, env, n, v);
		tv_drop(v);
		return r;
	}
	case N_TEST:
		return eval_test(rt, env, n);
	case N_CONDEXPR:
		return eval_condexpr(rt, env, n);
	default:
		return rt_err(rt, n, RULE_SYNTAX, "internal error: unexpected expression node %d", n->kind);
	}
}

int emit_expr(struct rt *rt, struct env *env, const struct node *n)
{
	struct buf *out = rt->out;
	switch (n->kind) {
	case N_DATA:
	case N_CONST:
		tv_to_str(n->u.value, out);
		return 0;
	case N_NAME: {
		struct tv *slot = env_slot(env, n->u.name.ref);
		if (slot->kind == TV_MISSING) {
			struct tv u = missing_name(rt, n, n->u.name.s, n->u.name.len);
			if (!IS_ERR(u)) {
				rt_undef_err(rt, n, u);
				tv_drop(u);
			}
			return -1;
		}
		return rt_str(rt, n, *slot, out);
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
		struct tv v = eval_expr(rt, env, n);
		if (IS_ERR(v))
			return -1;
		int rc = rt_str(rt, n, v, out);
		tv_drop(v);
		return rc;
	}
	}
}
