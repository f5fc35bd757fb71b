/* loop: the for statement and the loop object (Jinja's LoopContext):
 * index/revindex/first/last/length/previtem/nextitem/cycle/changed, a
 * one-item look-ahead for last and nextitem, and the loop filter
 * ("for x in xs if cond") run as its own function like Jinja's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl/eval.h"
#include "tmpl/methods.h"

#define FAILV ((struct tv){ .kind = TV_OOM })

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
		if (rt_assign(rt, l->fenv, n->u.for_.test_target, tv_ref(x)) < 0) {
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

int exec_for(struct rt *rt, struct env *env, const struct node *n)
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
	enter_frame(rt, env, &n->u.for_.invariant);
	bool iterated = false;
	for (;;) {   /* every way out sets rc */
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
		if (rt_tick(rt, n) < 0 || rt_assign(rt, env, n->u.for_.target, item) < 0) {
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
	leave_frame(env, &n->u.for_.invariant);
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

