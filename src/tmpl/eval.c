/* eval: statements and the runtime around them (declared in eval.h):
 * errors and budgets, environments and scope entry (Jinja's enter_frame /
 * leave_frame), assignment and unpacking, output capture, and the
 * statement dispatcher. Loops are in loop.c, macros in macro.c.
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

void env_clear(struct env *env)
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
void env_done(struct rt *rt, struct env *env)
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

static void missing_free(struct tv_obj *o)
{
	(void)o; /* immortal */
}

static void missing_repr(const struct tv_obj *o, struct buf *out)
{
	(void)o;
	buf_puts(out, "missing");
}

static const struct rt_class missing_class = {
	{ "_MissingType", "jinja2.utils", missing_free, missing_repr }, NULL, NULL, NULL, NULL,
};
static struct tv_obj missing_obj = { TV_IMMORTAL, &missing_class.base };

struct tv rt_missing_value(void)
{
	return tv_obj_wrap(&missing_obj);
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
			v = tv_ref(rt->resolved[l->gidx]);
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
	if (a->npos == 0 && a->nkw == 0 && nrequired <= nfixed)
		return 0;
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
		if (rt_next(rt, target, &it, &x) <= 0 || rt_assign(rt, env, target->u.seq.items.v[i], x) < 0) {
			rt_iter_free(&it);
			return -1;
		}
	}
	rt_iter_free(&it);
	return 0;
}

/* Store v (taken) into the target names. */
int rt_assign(struct rt *rt, struct env *env, const struct node *target, struct tv v)
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
	const struct node *target = n->u.assign.target;
	if (target->kind == N_NAME) {
		/* {% set name = expr %}: the common case */
		struct tv v = eval_expr(rt, env, n->u.assign.node);
		if (IS_ERR(v))
			return -1;
		struct tv *slot = env_slot(env, target->u.name.ref);
		struct tv old = *slot;
		*slot = v;
		tv_drop(old);
		return 0;
	}
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
	return rt_assign(rt, env, n->u.assign.target, v);
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
struct tv rt_capture(struct rt *rt, struct env *env, const struct nlist *body, const struct node *at)
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

int rt_write(struct rt *rt, const struct node *at, struct tv v)
{
	int rc = rt_str(rt, at, v, rt->out);
	tv_drop(v);
	return rc < 0 ? -1 : check_output(rt, at);
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
		if (t.kind == TV_BOOL) {
			b = t.u.b;
		} else {
			int rc = rt_truth(rt, branch->u.if_.test, t, &b);
			tv_drop(t);
			if (rc < 0)
				return -1;
		}
		if (b)
			return exec_body(rt, env, &branch->u.if_.body);
	}
	return exec_body(rt, env, &n->u.if_.else_);
}

static int exec_stmt(struct rt *rt, struct env *env, const struct node *n)
{
	switch (n->kind) {
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
		struct tv body = rt_capture(rt, env, &n->u.fblock.body, n);
		struct tv r = IS_ERR(body) ? body : apply_filter(rt, env, n->u.fblock.filter, body);
		tv_drop(body);
		int rc = IS_ERR(r) ? -1 : rt_write(rt, n, r);
		leave_frame(env, &n->u.fblock.frame);
		return rc;
	}
	case N_WITH: {
		enter_frame(rt, env, &n->u.with.frame);
		for (uint32_t i = 0; i < n->u.with.values.n; i++) {
			struct tv v = eval_expr(rt, env, n->u.with.values.v[i]);
			if (IS_ERR(v) || rt_assign(rt, env, n->u.with.targets.v[i], v) < 0)
				return -1;
		}
		int rc = exec_body(rt, env, &n->u.with.body);
		leave_frame(env, &n->u.with.frame);
		return rc;
	}
	case N_ASSIGNBLOCK: {
		enter_frame(rt, env, &n->u.ablock.frame);
		struct tv v = rt_capture(rt, env, &n->u.ablock.body, n);
		if (!IS_ERR(v) && n->u.ablock.filter) {
			struct tv f = apply_filter(rt, env, n->u.ablock.filter, v);
			tv_drop(v);
			v = f;
		}
		int rc = IS_ERR(v) ? -1 : rt_assign(rt, env, n->u.ablock.target, v);
		leave_frame(env, &n->u.ablock.frame);
		return rc;
	}
	default:
		rt_err(rt, n, RULE_SYNTAX, "internal error: unexpected statement node %d", n->kind);
		return -1;
	}
}

/* Text and {{ }} (the most frequent statement, kept out of exec_stmt). */
static int exec_output(struct rt *rt, struct env *env, const struct node *n)
{
	for (uint32_t i = 0; i < n->u.seq.items.n; i++) {
		const struct node *e = n->u.seq.items.v[i];
		if (e->kind == N_DATA)
			rt_put(rt->out, e->u.value.u.s->data, e->u.value.u.s->len);
		else if (emit_expr(rt, env, e) < 0)
			return -1;
	}
	return check_output(rt, n);
}

int exec_body(struct rt *rt, struct env *env, const struct nlist *body)
{
	for (uint32_t i = 0; i < body->n; i++) {
		const struct node *n = body->v[i];
		if ((n->kind == N_OUTPUT ? exec_output(rt, env, n) : exec_stmt(rt, env, n)) < 0)
			return -1;
	}
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
