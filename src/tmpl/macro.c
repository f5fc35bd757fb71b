/* macro: macros and call blocks (see eval.h). A macro value keeps the
 * environment it was defined in (a closure, as Jinja's generated Python
 * functions do) and binds its arguments with the rules of Jinja's
 * Macro.__call__: positional, then keywords, then caller, kwargs and
 * varargs for macros whose body uses those names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl/eval.h"
#include "tmpl/methods.h"

#define FAILV ((struct tv){ .kind = TV_OOM })

struct macro {
	struct tv_obj base;
	const struct node *node;
	struct env *closure;
	struct rt *rt;
};

static void macro_free(struct tv_obj *o)
{
	struct macro *m = (struct macro *)o;
	env_release(m->rt, m->closure);
	tv_free(m, sizeof *m);
}

static void macro_repr(const struct tv_obj *o, struct buf *out)
{
	const struct macro *m = (const struct macro *)o;
	if (m->node->kind == N_MACRO)
		buf_printf(out, "<Macro '%.*s'>", (int)m->node->u.macro.len, m->node->u.macro.name);
	else
		buf_puts(out, "<Macro anonymous>");
}

static void macro_name(const struct macro *m, char *out, size_t n)
{
	if (m->node->kind == N_MACRO)
		snprintf(out, n, "'%.*s'", (int)m->node->u.macro.len, m->node->u.macro.name);
	else
		snprintf(out, n, "None");
}

static bool arg_is(const struct node *arg, const char *name, size_t len)
{
	return arg->u.name.len == len && memcmp(arg->u.name.s, name, len) == 0;
}

static struct tv macro_call(struct rt *rt, const struct node *at, struct tv self, struct args *a)
{
	struct macro *m = (struct macro *)self.u.o;
	const struct node *n = m->node;
	const struct nlist *params = &n->u.macro.args;
	char name[160];
	macro_name(m, name, sizeof name);
	if (rt->depth >= rt->lim.max_depth)
		return rt_exc(rt, at, "RecursionError", "maximum recursion depth exceeded (max_depth is %d nested calls)",
			      rt->lim.max_depth);
	bool *used = calloc(a->nkw + 1, sizeof *used);
	if (!used)
		return rt_oom(rt, at);
	struct env *env = env_new(m->closure, n->u.macro.func.nslots);
	if (!env) {
		free(used);
		return rt_oom(rt, at);
	}
	struct tv result = FAILV;
	bool found_caller = false, explicit_caller = false;
	for (uint32_t i = 0; i < params->n; i++)
		explicit_caller |= arg_is(params->v[i], "caller", 6);
	uint32_t npos = a->npos < params->n ? a->npos : params->n;
	for (uint32_t i = 0; i < npos; i++)
		env->slots[params->v[i]->u.name.ref.slot] = tv_ref(a->pos[i]);
	if (npos != params->n) {
		for (uint32_t i = npos; i < params->n; i++) {
			const struct node *p = params->v[i];
			for (uint32_t k = 0; k < a->nkw; k++)
				if (!used[k] && arg_is(p, a->kw[k].name, a->kw[k].len)) {
					env->slots[p->u.name.ref.slot] = tv_ref(a->kw[k].v);
					used[k] = true;
				}
			if (arg_is(p, "caller", 6))
				found_caller = true;
		}
	} else {
		found_caller = explicit_caller;
	}
	if (n->u.macro.caller && !found_caller) {
		struct tv caller = tv_missing();
		for (uint32_t k = 0; k < a->nkw; k++)
			if (!used[k] && a->kw[k].len == 6 && memcmp(a->kw[k].name, "caller", 6) == 0) {
				caller = tv_ref(a->kw[k].v);
				used[k] = true;
			}
		if (caller.kind == TV_MISSING || caller.kind == TV_NONE) {
			tv_drop(caller);
			caller = tv_undef_new(true, "No caller defined", "caller", NULL, false, false);
		}
		env->slots[n->u.macro.caller_slot] = caller;
	}
	if (n->u.macro.kwargs) {
		struct tv d = tv_dict_new();
		for (uint32_t k = 0; k < a->nkw; k++)
			if (!used[k])
				tv_dict_set(d, a->kw[k].name, a->kw[k].len, tv_ref(a->kw[k].v));
		env->slots[n->u.macro.kwargs_slot] = d;
		if (IS_ERR(d) || d.u.d->oom) {
			rt_oom(rt, at);
			goto out;
		}
	} else {
		for (uint32_t k = 0; k < a->nkw; k++) {
			if (used[k])
				continue;
			if (a->kw[k].len == 6 && memcmp(a->kw[k].name, "caller", 6) == 0)
				rt_exc(rt, at, "TypeError", "macro %s was invoked with two values for the special caller "
				       "argument. This is most likely a bug.", name);
			else
				rt_exc(rt, at, "TypeError", "macro %s takes no keyword argument '%.*s'", name,
				       (int)a->kw[k].len, a->kw[k].name);
			goto out;
		}
	}
	if (n->u.macro.varargs) {
		struct tv t = tv_tuple_new(a->npos > params->n ? a->npos - params->n : 0);
		for (uint32_t i = params->n; i < a->npos; i++)
			tv_list_push(t, tv_ref(a->pos[i]));
		env->slots[n->u.macro.varargs_slot] = t;
		if (IS_ERR(t)) {
			rt_oom(rt, at);
			goto out;
		}
	} else if (a->npos > params->n) {
		rt_exc(rt, at, "TypeError", "macro %s takes not more than %u argument(s)", name, params->n);
		goto out;
	}
	enter_frame(rt, env, &n->u.macro.frame);
	uint32_t first_default = params->n - n->u.macro.defaults.n;
	for (uint32_t i = 0; i < params->n; i++) {
		const struct node *p = params->v[i];
		struct tv *slot = &env->slots[p->u.name.ref.slot];
		if (slot->kind != TV_MISSING)
			continue;
		struct tv v;
		if (i >= first_default) {
			v = eval_expr(rt, env, n->u.macro.defaults.v[i - first_default]);
			if (IS_ERR(v))
				goto out;
		} else {
			char hint[300];
			snprintf(hint, sizeof hint, "parameter '%.*s' was not provided", (int)p->u.name.len, p->u.name.s);
			char pname[256];
			snprintf(pname, sizeof pname, "%.*s", (int)p->u.name.len, p->u.name.s);
			v = rt_chk(rt, at, tv_undef_new(true, hint, pname, NULL, false, false));
			if (IS_ERR(v))
				goto out;
		}
		struct tv old = *slot;
		*slot = v;
		tv_drop(old);
	}
	rt->depth++;
	result = rt_capture(rt, env, &n->u.macro.body, at);
	rt->depth--;
out:
	free(used);
	env_done(rt, env);
	return result;
}

static struct tv macro_getattr(struct rt *rt, const struct node *at, struct tv self, const char *name, size_t len)
{
	const struct macro *m = (const struct macro *)self.u.o;
	const struct node *n = m->node;
	if (len == 4 && memcmp(name, "name", 4) == 0)
		return n->kind == N_MACRO ? rt_chk(rt, at, tv_str(n->u.macro.name, n->u.macro.len)) : tv_none();
	if (len == 9 && memcmp(name, "arguments", 9) == 0) {
		struct tv t = tv_tuple_new(n->u.macro.args.n);
		for (uint32_t i = 0; i < n->u.macro.args.n; i++)
			tv_list_push(t, tv_str(n->u.macro.args.v[i]->u.name.s, n->u.macro.args.v[i]->u.name.len));
		return rt_chk(rt, at, t);
	}
	if (len == 12 && memcmp(name, "catch_kwargs", 12) == 0)
		return tv_bool(n->u.macro.kwargs);
	if (len == 13 && memcmp(name, "catch_varargs", 13) == 0)
		return tv_bool(n->u.macro.varargs);
	if (len == 6 && memcmp(name, "caller", 6) == 0)
		return tv_bool(n->u.macro.caller);
	return tv_missing();
}

static const struct rt_class macro_class = {
	{ "Macro", "jinja2.runtime", macro_free, macro_repr }, macro_call, macro_getattr, NULL, NULL,
};

struct tv macro_new(struct rt *rt, const struct node *n, struct env *env)
{
	struct macro *m = tv_alloc(sizeof *m);
	if (!m)
		return FAILV;
	m->base.rc = 1;
	m->base.cls = &macro_class.base;
	m->node = n;
	m->closure = env;
	m->rt = rt;
	env->rc++;
	return tv_obj_wrap(&m->base);
}

int exec_callblock(struct rt *rt, struct env *env, const struct node *n)
{
	const struct node *call = n->u.macro.call;
	struct tv caller = macro_new(rt, n, env);
	if (IS_ERR(caller)) {
		rt_oom(rt, n);
		return -1;
	}
	struct tv f = eval_expr(rt, env, call->u.call.node);
	if (IS_ERR(f)) {
		tv_drop(caller);
		return -1;
	}
	struct args a;
	if (eval_args(rt, env, &call->u.call.a, &a) < 0) {
		tv_drop(f);
		tv_drop(caller);
		return -1;
	}
	struct kwarg *kw = tv_realloc(a.kw, a.nkw * sizeof *kw, (a.nkw + 1) * sizeof *kw);
	if (!kw) {
		args_free(&a);
		tv_drop(f);
		tv_drop(caller);
		rt_oom(rt, n);
		return -1;
	}
	a.kw = kw;
	a.kw[a.nkw++] = (struct kwarg){ "caller", 6, caller };
	struct tv r = rt_call(rt, call, f, &a);
	args_free(&a);
	tv_drop(f);
	if (IS_ERR(r))
		return -1;
	return rt_write(rt, n, r);
}

