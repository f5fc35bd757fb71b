/* access: attribute and item access the way Jinja's SandboxedEnvironment
 * does it (declared in eval.h). obj.name tries Python's attribute first,
 * then obj["name"]; obj[key] tries the item first, then the attribute;
 * attributes starting with "_" that exist are unsafe (SecurityError when
 * used); anything missing is an undefined value carrying Jinja's message.
 * Slices are plain Python slicing (the sandbox does not intercept them).
 */
#include <stdio.h>
#include <string.h>

#include "tmpl/eval.h"
#include "tmpl/markup.h"
#include "tmpl/methods.h"
#include "tmpl/ustr.h"

#define FAILV ((struct tv){ .kind = TV_OOM })

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
			struct tv ch = rt_chk(rt, at, tv_str(obj.u.s->data + off, end - off));
			return markup_is(obj) ? markup_mark(rt, at, ch) : ch;
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

struct tv rt_slice(struct rt *rt, struct env *env, const struct node *at, struct tv obj, const struct node *sl)
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
		if (markup_is(obj)) {
			/* Markup slicing gives a Markup */
			struct tv plain = tv_str(obj.u.s->data, obj.u.s->len);
			if (IS_ERR(plain))
				return rt_oom(rt, at);
			struct tv r = rt_slice(rt, env, at, plain, sl);
			tv_drop(plain);
			return IS_ERR(r) ? r : markup_mark(rt, at, r);
		}
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
