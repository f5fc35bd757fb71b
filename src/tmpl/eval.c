/* eval: statements and the runtime around them (declared in eval.h):
 * environments and scope entry (Jinja's enter_frame/leave_frame), output,
 * if/for/set/with/filter blocks, macros and call blocks with Jinja's
 * argument rules, the loop object (LoopContext), errors and budgets.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl/eval.h"
#include "tmpl/methods.h"

#define FAILV ((struct tv){ .kind = TV_OOM })

/* --- errors and budgets --- */

static struct tv vrecord(struct rt *rt, const struct node *at, const char *rule, const char *prefix,
			 const char *fmt, va_list ap)
{
	if (rt->failed)
		return FAILV;
	rt->failed = true;
	rt->rule = rule;
	char msg[1024];
	vsnprintf(msg, sizeof msg, fmt, ap);
	buf_reset(&rt->msg);
	if (prefix)
		buf_printf(&rt->msg, "%s: ", prefix);
	buf_puts(&rt->msg, msg);
	rt->err_off = at ? at->off : 0;
	rt->err_line = at ? at->line : 0;
	return FAILV;
}

struct tv rt_err(struct rt *rt, const struct node *at, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vrecord(rt, at, rule, NULL, fmt, ap);
	va_end(ap);
	return FAILV;
}

struct tv rt_exc(struct rt *rt, const struct node *at, const char *cls, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vrecord(rt, at, RULE_RUNTIME, cls, fmt, ap);
	va_end(ap);
	return FAILV;
}

struct tv rt_undef_err(struct rt *rt, const struct node *at, struct tv undef)
{
	struct buf m = BUF_INIT;
	tv_undef_message(undef, &m);
	rt_err(rt, at, undef.u.un->security ? RULE_UNSAFE : RULE_UNDEF, "%s", buf_cstr(&m));
	buf_free(&m);
	return FAILV;
}

struct tv rt_oom(struct rt *rt, const struct node *at)
{
	return rt_err(rt, at, RULE_MEMORY, "MemoryError: out of memory (max_memory is %zu bytes)", rt->lim.max_memory);
}

struct tv rt_chk(struct rt *rt, const struct node *at, struct tv v)
{
	if (IS_ERR(v) && !rt->failed)
		rt_oom(rt, at);
	return v;
}

bool rt_too_big(struct rt *rt, const struct node *at, size_t bytes)
{
	if (bytes <= rt->lim.max_value)
		return false;
	rt_err(rt, at, RULE_MEMORY, "MemoryError: a value would exceed the max_value limit of %zu bytes",
	       rt->lim.max_value);
	return true;
}

int rt_tick(struct rt *rt, const struct node *at)
{
	if (rt->failed)
		return -1;
	if (++rt->steps % rt->lim.clock_every == 0 && rt->has_deadline) {
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > rt->deadline.tv_sec ||
		    (now.tv_sec == rt->deadline.tv_sec && now.tv_nsec >= rt->deadline.tv_nsec)) {
			rt_err(rt, at, RULE_TIMEOUT, "TimeoutError: rendering exceeded the time limit of %g seconds (max_seconds)",
			       rt->lim.max_seconds);
			return -1;
		}
	}
	return 0;
}

int rt_keep(struct rt *rt, struct tv obj)
{
	if (rt->nkeep == rt->capkeep) {
		size_t cap = rt->capkeep ? rt->capkeep * 2 : 16;
		struct tv *k = realloc(rt->keep, cap * sizeof *k);
		if (!k) {
			tv_drop(obj);
			rt_oom(rt, NULL);
			return -1;
		}
		rt->keep = k;
		rt->capkeep = cap;
	}
	rt->keep[rt->nkeep++] = obj;
	return 0;
}

/* --- environments --- */

struct env *env_new(struct env *parent, uint32_t n)
{
	struct env *e = tv_alloc(sizeof *e + n * sizeof(struct tv));
	if (!e)
		return NULL;
	e->rc = 1;
	e->parent = parent;
	if (parent)
		parent->rc++;
	e->n = n;
	for (uint32_t i = 0; i < n; i++)
		e->slots[i] = tv_missing();
	return e;
}

static void env_clear(struct env *env)
{
	for (uint32_t i = 0; i < env->n; i++) {
		struct tv v = env->slots[i];
		env->slots[i] = tv_missing();
		tv_drop(v);
	}
}

void env_release(struct rt *rt, struct env *env)
{
	while (env && --env->rc == 0) {
		struct env *parent = env->parent;
		env_clear(env);
		tv_free(env, sizeof *env + env->n * sizeof(struct tv));
		env = parent;
	}
	(void)rt;
}

/* A finished invocation: free it, or keep it for the end of the render
 * when a closure (macro) still refers to it. */
static void env_done(struct rt *rt, struct env *env)
{
	if (env->rc > 1) {
		if (rt->nenvs == rt->capenvs) {
			size_t cap = rt->capenvs ? rt->capenvs * 2 : 16;
			struct env **v = realloc(rt->envs, cap * sizeof *v);
			if (!v) {
				env_release(rt, env);
				return;
			}
			rt->envs = v;
			rt->capenvs = cap;
		}
		rt->envs[rt->nenvs++] = env; /* our reference moves here */
		return;
	}
	env_release(rt, env);
}

struct tv rt_resolve(struct rt *rt, const char *name, size_t len)
{
	if (rt->vars.kind == TV_DICT) {
		struct tv v = tv_dict_get(rt->vars, name, len);
		if (v.kind != TV_MISSING)
			return tv_ref(v);
	}
	return methods_global(name, len);
}

int enter_frame(struct rt *rt, struct env *env, const struct frame_code *fc)
{
	for (uint32_t i = 0; i < fc->n; i++) {
		const struct frame_load *l = &fc->loads[i];
		struct tv v;
		switch (l->action) {
		case LOAD_RESOLVE:
			v = rt_resolve(rt, l->name, l->namelen);
			break;
		case LOAD_ALIAS:
			v = tv_ref(*env_slot(env, l->src));
			break;
		case LOAD_UNDEF:
			v = tv_missing();
			break;
		default:
			continue;
		}
		struct tv old = env->slots[l->slot];
		env->slots[l->slot] = v;
		tv_drop(old);
	}
	return 0;
}

void leave_frame(struct env *env, const struct frame_code *fc)
{
	for (uint32_t i = 0; i < fc->n; i++) {
		struct tv old = env->slots[fc->loads[i].slot];
		env->slots[fc->loads[i].slot] = tv_missing();
		tv_drop(old);
	}
}

/* --- argument binding --- */

int rt_bind(struct rt *rt, const struct node *at, const char *fname, const struct args *a,
	    const char *const *params, int nparams, int nrequired, int nfixed, struct tv *out)
{
	for (int i = 0; i < nparams; i++)
		out[i] = tv_missing();
	if ((int)a->npos > nparams - nfixed) {
		if (nrequired == nparams)
			rt_exc(rt, at, "TypeError", "%s() takes %d positional argument%s but %u were given", fname,
			       nparams, nparams == 1 ? "" : "s", a->npos + (uint32_t)nfixed);
		else
			rt_exc(rt, at, "TypeError", "%s() takes from %d to %d positional arguments but %u were given",
			       fname, nrequired, nparams, a->npos + (uint32_t)nfixed);
		return -1;
	}
	for (uint32_t i = 0; i < a->npos; i++)
		out[nfixed + (int)i] = a->pos[i];
	for (uint32_t k = 0; k < a->nkw; k++) {
		int p = -1;
		for (int i = 0; i < nparams; i++)
			if (strlen(params[i]) == a->kw[k].len && memcmp(params[i], a->kw[k].name, a->kw[k].len) == 0)
				p = i;
		if (p < 0) {
			rt_exc(rt, at, "TypeError", "%s() got an unexpected keyword argument '%.*s'", fname,
			       (int)a->kw[k].len, a->kw[k].name);
			return -1;
		}
		if (out[p].kind != TV_MISSING) {
			rt_exc(rt, at, "TypeError", "%s() got multiple values for argument '%s'", fname, params[p]);
			return -1;
		}
		out[p] = a->kw[k].v;
	}
	for (int i = nfixed; i < nrequired; i++)
		if (out[i].kind == TV_MISSING) {
			rt_exc(rt, at, "TypeError", "%s() missing 1 required positional argument: '%s'", fname, params[i]);
			return -1;
		}
	return 0;
}

/* --- assignment --- */

static int assign(struct rt *rt, struct env *env, const struct node *target, struct tv v);

static int unpack(struct rt *rt, struct env *env, const struct node *target, struct tv v)
{
	uint32_t want = target->u.seq.items.n;
	if (v.kind == TV_UNDEF && v.u.un->strict) {
		rt_undef_err(rt, target, v);
		return -1;
	}
	if (v.kind != TV_UNDEF && v.kind != TV_STR && v.kind != TV_LIST && v.kind != TV_TUPLE &&
	    v.kind != TV_DICT && v.kind != TV_RANGE) {
		rt_exc(rt, target, "TypeError", "cannot unpack non-iterable %s object", tv_type_name(v));
		return -1;
	}
	struct iter it;
	if (rt_iter(rt, target, v, &it) < 0)
		return -1;
	size_t have = rt_iter_left(&it);
	if (have != want) {
		rt_iter_free(&it);
		if (have < want)
			rt_exc(rt, target, "ValueError", "not enough values to unpack (expected %u, got %zu)", want, have);
		else
			rt_exc(rt, target, "ValueError", "too many values to unpack (expected %u)", want);
		return -1;
	}
	for (uint32_t i = 0; i < want; i++) {
		struct tv x;
		if (rt_next(rt, target, &it, &x) <= 0 || assign(rt, env, target->u.seq.items.v[i], x) < 0) {
			rt_iter_free(&it);
			return -1;
		}
	}
	rt_iter_free(&it);
	return 0;
}

/* Store v (taken) into the target names. */
static int assign(struct rt *rt, struct env *env, const struct node *target, struct tv v)
{
	switch (target->kind) {
	case N_NAME: {
		struct tv *slot = env_slot(env, target->u.name.ref);
		struct tv old = *slot;
		*slot = v;
		tv_drop(old);
		return 0;
	}
	case N_NSREF: {
		struct tv ns = *env_slot(env, target->u.nsref.ref);
		int rc = tv_dict_set(methods_namespace_dict(ns), target->u.nsref.attr, target->u.nsref.attrlen, v);
		if (rc < 0)
			rt_oom(rt, target);
		return rc;
	}
	case N_TUPLE: {
		int rc = unpack(rt, env, target, v);
		tv_drop(v);
		return rc;
	}
	default:
		tv_drop(v);
		rt_err(rt, target, RULE_SYNTAX, "can't assign to this expression");
		return -1;
	}
}

static void collect_nsrefs(const struct node *t, const struct node **out, int *n)
{
	if (t->kind == N_NSREF && *n < 64)
		out[(*n)++] = t;
	else if (t->kind == N_TUPLE)
		for (uint32_t i = 0; i < t->u.seq.items.n; i++)
			collect_nsrefs(t->u.seq.items.v[i], out, n);
}

static int exec_assign(struct rt *rt, struct env *env, const struct node *n)
{
	const struct node *refs[64];
	int nrefs = 0;
	collect_nsrefs(n->u.assign.target, refs, &nrefs);
	for (int i = 0; i < nrefs; i++)
		if (!methods_is_namespace(*env_slot(env, refs[i]->u.nsref.ref))) {
			rt_exc(rt, refs[i], "TemplateRuntimeError", "cannot assign attribute on non-namespace object");
			return -1;
		}
	struct tv v = eval_expr(rt, env, n->u.assign.node);
	if (IS_ERR(v))
		return -1;
	return assign(rt, env, n->u.assign.target, v);
}

/* --- output --- */

static int check_output(struct rt *rt, const struct node *at)
{
	if (rt->out->oom) {
		rt_oom(rt, at);
		return -1;
	}
	size_t len = rt->out->len;
	if (rt->out_total == SIZE_MAX) {
		/* capturing into a temporary buffer */
		return rt_too_big(rt, at, len) ? -1 : 0;
	}
	if (len - rt->out_total > rt->lim.max_output) {
		rt_err(rt, at, RULE_MEMORY, "MemoryError: output exceeds the max_output limit of %zu bytes",
		       rt->lim.max_output);
		return -1;
	}
	return 0;
}

/* Run body with output captured into a new string value. */
static struct tv capture(struct rt *rt, struct env *env, const struct nlist *body, const struct node *at)
{
	struct buf b = BUF_INIT;
	struct buf *saved = rt->out;
	size_t saved_total = rt->out_total;
	rt->out = &b;
	rt->out_total = SIZE_MAX;
	int rc = exec_body(rt, env, body);
	rt->out = saved;
	rt->out_total = saved_total;
	if (rc < 0) {
		buf_free(&b);
		return FAILV;
	}
	return rt_chk(rt, at, tv_str_from_buf(&b));
}

static int write_value(struct rt *rt, const struct node *at, struct tv v)
{
	int rc = rt_str(rt, at, v, rt->out);
	tv_drop(v);
	return rc < 0 ? -1 : check_output(rt, at);
}

/* --- macros --- */

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
	result = capture(rt, env, &n->u.macro.body, at);
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

static struct tv macro_new(struct rt *rt, const struct node *n, struct env *env)
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

static int exec_callblock(struct rt *rt, struct env *env, const struct node *n)
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
	return write_value(rt, n, r);
}

/* --- for loops and the loop object --- */

struct loop {
	struct tv_obj base;
	struct rt *rt;
	const struct node *n;      /* the N_FOR node */
	struct iter it;
	struct env *fenv;          /* loop filter function, or NULL */
	bool fenv_entered;
	int64_t index0;
	int64_t length;            /* -1 until known */
	struct tv before, current, after; /* after: TV_MISSING = not peeked */
	bool peeked_end;
	struct tv last_changed;
};

static void loop_free(struct tv_obj *o)
{
	struct loop *l = (struct loop *)o;
	rt_iter_free(&l->it);
	if (l->fenv)
		env_release(l->rt, l->fenv);
	tv_drop(l->before);
	tv_drop(l->current);
	tv_drop(l->after);
	tv_drop(l->last_changed);
	tv_free(l, sizeof *l);
}

static void loop_repr(const struct tv_obj *o, struct buf *out)
{
	const struct loop *l = (const struct loop *)o;
	buf_printf(out, "<LoopContext %lld/%lld>", (long long)(l->index0 + 1), (long long)l->length);
}

/* Next raw item through the loop filter: 1 got, 0 end, -1 error. */
static int loop_pull(struct loop *l, struct tv *out)
{
	struct rt *rt = l->rt;
	const struct node *n = l->n;
	for (;;) {
		struct tv x;
		int r = rt_next(rt, n, &l->it, &x);
		if (r <= 0 || !l->fenv) {
			if (r > 0)
				*out = x;
			return r;
		}
		if (!l->fenv_entered) {
			enter_frame(rt, l->fenv, &n->u.for_.test_frame);
			l->fenv_entered = true;
		}
		if (assign(rt, l->fenv, n->u.for_.test_target, tv_ref(x)) < 0) {
			tv_drop(x);
			return -1;
		}
		struct tv t = eval_expr(rt, l->fenv, n->u.for_.test);
		bool ok = false;
		int rc = IS_ERR(t) ? -1 : rt_truth(rt, n->u.for_.test, t, &ok);
		tv_drop(t);
		if (rc < 0) {
			tv_drop(x);
			return -1;
		}
		if (ok) {
			*out = x;
			return 1;
		}
		tv_drop(x);
		if (rt_tick(rt, n) < 0)
			return -1;
	}
}

static int loop_peek(struct loop *l)
{
	if (l->after.kind != TV_MISSING || l->peeked_end)
		return 0;
	struct tv x;
	int r = loop_pull(l, &x);
	if (r < 0)
		return -1;
	if (r == 0)
		l->peeked_end = true;
	else
		l->after = x;
	return 0;
}

static int loop_advance(struct loop *l, struct tv *out)
{
	struct tv x;
	if (l->after.kind != TV_MISSING) {
		x = l->after;
		l->after = tv_missing();
	} else if (l->peeked_end) {
		return 0;
	} else {
		int r = loop_pull(l, &x);
		if (r <= 0)
			return r;
	}
	l->index0++;
	tv_drop(l->before);
	l->before = l->current;
	l->current = tv_ref(x);
	*out = x;
	return 1;
}

static int loop_length(struct loop *l, int64_t *out)
{
	if (l->length < 0) {
		/* a filtered loop: materialise the rest, as Jinja does */
		struct tv rest = tv_list_new(0);
		struct tv x;
		int r;
		while (!IS_ERR(rest) && (r = loop_pull(l, &x)) > 0)
			tv_list_push(rest, x);
		if (IS_ERR(rest) || r < 0) {
			tv_drop(rest);
			if (!l->rt->failed)
				rt_oom(l->rt, l->n);
			return -1;
		}
		l->length = (int64_t)rest.u.seq->n + l->index0 + 1 + (l->after.kind != TV_MISSING);
		rt_iter_free(&l->it);
		rt_iter(l->rt, l->n, rest, &l->it);
		tv_drop(rest);
		if (l->fenv) {
			env_release(l->rt, l->fenv);
			l->fenv = NULL;
		}
	}
	*out = l->length;
	return 0;
}

static struct tv loop_cycle(struct rt *rt, const struct node *at, struct tv self, struct args *a)
{
	struct loop *l = (struct loop *)self.u.o;
	if (a->nkw)
		return rt_exc(rt, at, "TypeError", "cycle() got an unexpected keyword argument '%.*s'",
			      (int)a->kw[0].len, a->kw[0].name);
	if (!a->npos)
		return rt_exc(rt, at, "TypeError", "no items for cycling given");
	int64_t i = l->index0 % (int64_t)a->npos;
	return tv_ref(a->pos[i < 0 ? i + a->npos : i]);
}

static struct tv loop_changed(struct rt *rt, const struct node *at, struct tv self, struct args *a)
{
	struct loop *l = (struct loop *)self.u.o;
	if (a->nkw)
		return rt_exc(rt, at, "TypeError", "changed() got an unexpected keyword argument '%.*s'",
			      (int)a->kw[0].len, a->kw[0].name);
	struct tv t = tv_tuple_new(a->npos);
	for (uint32_t i = 0; i < a->npos; i++)
		tv_list_push(t, tv_ref(a->pos[i]));
	if (IS_ERR(t))
		return rt_oom(rt, at);
	bool same = false;
	if (l->last_changed.kind != TV_MISSING && rt_compare(rt, at, CMP_EQ, l->last_changed, t, &same) < 0) {
		tv_drop(t);
		return FAILV;
	}
	if (same) {
		tv_drop(t);
		return tv_bool(false);
	}
	tv_drop(l->last_changed);
	l->last_changed = t;
	return tv_bool(true);
}

static bool is(const char *name, size_t len, const char *want)
{
	return strlen(want) == len && memcmp(name, want, len) == 0;
}

static struct tv loop_getattr(struct rt *rt, const struct node *at, struct tv self, const char *name, size_t len)
{
	struct loop *l = (struct loop *)self.u.o;
	int64_t n;
	if (is(name, len, "index0"))
		return tv_int(l->index0);
	if (is(name, len, "index"))
		return tv_int(l->index0 + 1);
	if (is(name, len, "first"))
		return tv_bool(l->index0 == 0);
	if (is(name, len, "depth"))
		return tv_int(1);
	if (is(name, len, "depth0"))
		return tv_int(0);
	if (is(name, len, "length"))
		return loop_length(l, &n) < 0 ? FAILV : tv_int(n);
	if (is(name, len, "revindex"))
		return loop_length(l, &n) < 0 ? FAILV : tv_int(n - l->index0);
	if (is(name, len, "revindex0"))
		return loop_length(l, &n) < 0 ? FAILV : tv_int(n - l->index0 - 1);
	if (is(name, len, "last")) {
		if (loop_peek(l) < 0)
			return FAILV;
		return tv_bool(l->after.kind == TV_MISSING);
	}
	if (is(name, len, "previtem")) {
		if (l->index0 == 0)
			return rt_chk(rt, at, tv_undef_new(true, "there is no previous item", NULL, NULL, false, false));
		return tv_ref(l->before);
	}
	if (is(name, len, "nextitem")) {
		if (loop_peek(l) < 0)
			return FAILV;
		if (l->after.kind == TV_MISSING)
			return rt_chk(rt, at, tv_undef_new(true, "there is no next item", NULL, NULL, false, false));
		return tv_ref(l->after);
	}
	if (is(name, len, "cycle"))
		return rt_chk(rt, at, methods_bind(self, "cycle", loop_cycle));
	if (is(name, len, "changed"))
		return rt_chk(rt, at, methods_bind(self, "changed", loop_changed));
	return tv_missing();
}

static struct tv loop_call(struct rt *rt, const struct node *at, struct tv self, struct args *a)
{
	(void)self;
	(void)a;
	return rt_exc(rt, at, "TypeError", "The loop must have the 'recursive' marker to be called recursively.");
}

static const struct rt_class loop_class = {
	{ "LoopContext", "jinja2.runtime", loop_free, loop_repr }, loop_call, loop_getattr, NULL, NULL,
};

static int exec_for(struct rt *rt, struct env *env, const struct node *n)
{
	struct tv seq = eval_expr(rt, env, n->u.for_.iter);
	if (IS_ERR(seq))
		return -1;
	struct loop *l = tv_alloc(sizeof *l);
	if (!l) {
		tv_drop(seq);
		rt_oom(rt, n);
		return -1;
	}
	memset(l, 0, sizeof *l);
	l->base.rc = 1;
	l->base.cls = &loop_class.base;
	l->rt = rt;
	l->n = n;
	l->index0 = -1;
	l->before = l->current = l->after = l->last_changed = tv_missing();
	int rc = rt_iter(rt, n->u.for_.iter, seq, &l->it);
	tv_drop(seq);
	struct tv loopv = tv_obj_wrap(&l->base);
	if (rc < 0) {
		tv_drop(loopv);
		return -1;
	}
	l->length = (int64_t)rt_iter_left(&l->it);
	if (n->u.for_.test) {
		l->length = -1;
		l->fenv = env_new(env, n->u.for_.test_func.nslots);
		if (!l->fenv) {
			tv_drop(loopv);
			rt_oom(rt, n);
			return -1;
		}
	}
	struct tv *loop_slot = n->u.for_.has_loop ? env_slot(env, n->u.for_.loop_ref) : NULL;
	bool iterated = false;
	rc = 0;
	for (;;) {
		struct tv item;
		int r = loop_advance(l, &item);
		if (r <= 0) {
			rc = r;
			break;
		}
		iterated = true;
		if (++rt->iterations > rt->lim.max_iterations) {
			tv_drop(item);
			rt_err(rt, n, RULE_TIMEOUT, "TimeoutError: more than %llu loop iterations (max_iterations)",
			       (unsigned long long)rt->lim.max_iterations);
			rc = -1;
			break;
		}
		if (rt_tick(rt, n) < 0 || assign(rt, env, n->u.for_.target, item) < 0) {
			rc = -1;
			break;
		}
		if (loop_slot) {
			struct tv old = *loop_slot;
			*loop_slot = tv_ref(loopv);
			tv_drop(old);
		}
		enter_frame(rt, env, &n->u.for_.body_frame);
		if (exec_body(rt, env, &n->u.for_.body) < 0) {
			rc = -1;
			break;
		}
	}
	leave_frame(env, &n->u.for_.body_frame);
	/* break the loop <-> environment cycle through the filter function */
	if (l->fenv) {
		env_clear(l->fenv);
		env_release(rt, l->fenv);
		l->fenv = NULL;
	}
	tv_drop(loopv);
	if (rc < 0)
		return -1;
	if (!iterated && n->u.for_.else_.n) {
		enter_frame(rt, env, &n->u.for_.else_frame);
		rc = exec_body(rt, env, &n->u.for_.else_);
		leave_frame(env, &n->u.for_.else_frame);
	}
	return rc;
}

/* --- statements --- */

static int exec_if(struct rt *rt, struct env *env, const struct node *n)
{
	for (uint32_t i = 0; i <= n->u.if_.elifs.n; i++) {
		const struct node *branch = i == 0 ? n : n->u.if_.elifs.v[i - 1];
		struct tv t = eval_expr(rt, env, branch->u.if_.test);
		if (IS_ERR(t))
			return -1;
		bool b;
		int rc = rt_truth(rt, branch->u.if_.test, t, &b);
		tv_drop(t);
		if (rc < 0)
			return -1;
		if (b)
			return exec_body(rt, env, &branch->u.if_.body);
	}
	return exec_body(rt, env, &n->u.if_.else_);
}

static int exec_stmt(struct rt *rt, struct env *env, const struct node *n)
{
	switch (n->kind) {
	case N_OUTPUT:
		for (uint32_t i = 0; i < n->u.seq.items.n; i++) {
			const struct node *e = n->u.seq.items.v[i];
			if (e->kind == N_DATA)
				buf_add(rt->out, e->u.value.u.s->data, e->u.value.u.s->len);
			else if (emit_expr(rt, env, e) < 0)
				return -1;
		}
		return check_output(rt, n);
	case N_FOR:
		return exec_for(rt, env, n);
	case N_IF:
		return exec_if(rt, env, n);
	case N_ASSIGN:
		return exec_assign(rt, env, n);
	case N_MACRO: {
		struct tv m = macro_new(rt, n, env);
		if (IS_ERR(m)) {
			rt_oom(rt, n);
			return -1;
		}
		struct tv *slot = env_slot(env, n->u.macro.ref);
		struct tv old = *slot;
		*slot = m;
		tv_drop(old);
		return 0;
	}
	case N_CALLBLOCK:
		return exec_callblock(rt, env, n);
	case N_FILTERBLOCK: {
		enter_frame(rt, env, &n->u.fblock.frame);
		struct tv body = capture(rt, env, &n->u.fblock.body, n);
		struct tv r = IS_ERR(body) ? body : apply_filter(rt, env, n->u.fblock.filter, body);
		tv_drop(body);
		int rc = IS_ERR(r) ? -1 : write_value(rt, n, r);
		leave_frame(env, &n->u.fblock.frame);
		return rc;
	}
	case N_WITH: {
		enter_frame(rt, env, &n->u.with.frame);
		for (uint32_t i = 0; i < n->u.with.values.n; i++) {
			struct tv v = eval_expr(rt, env, n->u.with.values.v[i]);
			if (IS_ERR(v) || assign(rt, env, n->u.with.targets.v[i], v) < 0)
				return -1;
		}
		int rc = exec_body(rt, env, &n->u.with.body);
		leave_frame(env, &n->u.with.frame);
		return rc;
	}
	case N_ASSIGNBLOCK: {
		enter_frame(rt, env, &n->u.ablock.frame);
		struct tv v = capture(rt, env, &n->u.ablock.body, n);
		if (!IS_ERR(v) && n->u.ablock.filter) {
			struct tv f = apply_filter(rt, env, n->u.ablock.filter, v);
			tv_drop(v);
			v = f;
		}
		int rc = IS_ERR(v) ? -1 : assign(rt, env, n->u.ablock.target, v);
		leave_frame(env, &n->u.ablock.frame);
		return rc;
	}
	default:
		rt_err(rt, n, RULE_SYNTAX, "internal error: unexpected statement node %d", n->kind);
		return -1;
	}
}

int exec_body(struct rt *rt, struct env *env, const struct nlist *body)
{
	for (uint32_t i = 0; i < body->n; i++)
		if (exec_stmt(rt, env, body->v[i]) < 0)
			return -1;
	return 0;
}

void eval_cleanup(struct rt *rt)
{
	for (size_t i = 0; i < rt->nenvs; i++)
		env_clear(rt->envs[i]);
	for (size_t i = 0; i < rt->nenvs; i++)
		env_release(rt, rt->envs[i]);
	free(rt->envs);
	rt->envs = NULL;
	rt->nenvs = rt->capenvs = 0;
	for (size_t i = 0; i < rt->nkeep; i++)
		if (methods_is_namespace(rt->keep[i])) {
			struct tv d = methods_namespace_dict(rt->keep[i]);
			for (size_t k = 0; k < d.u.d->n; k++) {
				struct tv v = d.u.d->e[k].val;
				d.u.d->e[k].val = tv_none();
				tv_drop(v);
			}
		}
	for (size_t i = 0; i < rt->nkeep; i++)
		tv_drop(rt->keep[i]);
	free(rt->keep);
	rt->keep = NULL;
	rt->nkeep = rt->capkeep = 0;
}
