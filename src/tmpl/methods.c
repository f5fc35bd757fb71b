/* methods: attributes of built-in values, bound methods, namespaces, dict
 * views and the template globals (see methods.h). str methods live in
 * strmethods.c.
 *
 * The attribute tables list every attribute Python 3.11 has on each type
 * (from dir()); an attribute Python has but we do not implement is an
 * "unsupported" error, never a silent fallback to item lookup, because
 * Jinja would have returned the attribute.
 */
#include "tmpl/methods.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tmpl/markup.h"
#include "tmpl/strmethods.h"

#define FAILV ((struct tv){ .kind = TV_OOM })

static bool is(const char *name, size_t len, const char *want)
{
	return strlen(want) == len && memcmp(name, want, len) == 0;
}

/* Is name one of the space-separated words in list? */
static bool in_list(const char *list, const char *name, size_t len)
{
	const char *p = list;
	while (*p) {
		const char *e = strchr(p, ' ');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == len && memcmp(p, name, len) == 0)
			return true;
		if (!e)
			break;
		p = e + 1;
	}
	return false;
}

/* --- what Python has (dir() of each type, Python 3.11) --- */

static const char OBJ_DUNDERS[] =
	"__class__ __delattr__ __dir__ __doc__ __eq__ __format__ __ge__ __getattribute__ __getstate__ "
	"__gt__ __hash__ __init__ __init_subclass__ __le__ __lt__ __ne__ __new__ __reduce__ __reduce_ex__ "
	"__repr__ __setattr__ __sizeof__ __str__ __subclasshook__";
static const char STR_ATTRS[] =
	"__add__ __contains__ __getitem__ __getnewargs__ __iter__ __len__ __mod__ __mul__ __rmod__ __rmul__ "
	"capitalize casefold center count encode endswith expandtabs find format format_map index isalnum "
	"isalpha isascii isdecimal isdigit isidentifier islower isnumeric isprintable isspace istitle isupper "
	"join ljust lower lstrip maketrans partition removeprefix removesuffix replace rfind rindex rjust "
	"rpartition rsplit rstrip split splitlines startswith strip swapcase title translate upper zfill";
static const char INT_ATTRS[] =
	"__abs__ __add__ __and__ __bool__ __ceil__ __divmod__ __float__ __floor__ __floordiv__ __getnewargs__ "
	"__index__ __int__ __invert__ __lshift__ __mod__ __mul__ __neg__ __or__ __pos__ __pow__ __radd__ "
	"__rand__ __rdivmod__ __rfloordiv__ __rlshift__ __rmod__ __rmul__ __ror__ __round__ __rpow__ "
	"__rrshift__ __rshift__ __rsub__ __rtruediv__ __rxor__ __sub__ __truediv__ __trunc__ __xor__ "
	"as_integer_ratio bit_count bit_length conjugate denominator from_bytes imag numerator real to_bytes";
static const char FLOAT_ATTRS[] =
	"__abs__ __add__ __bool__ __ceil__ __divmod__ __float__ __floor__ __floordiv__ __getformat__ "
	"__getnewargs__ __int__ __mod__ __mul__ __neg__ __pos__ __pow__ __radd__ __rdivmod__ __rfloordiv__ "
	"__rmod__ __rmul__ __round__ __rpow__ __rsub__ __rtruediv__ __sub__ __truediv__ __trunc__ "
	"as_integer_ratio conjugate fromhex hex imag is_integer real";
static const char LIST_ATTRS[] =
	"__add__ __class_getitem__ __contains__ __delitem__ __getitem__ __iadd__ __imul__ __iter__ __len__ "
	"__mul__ __reversed__ __rmul__ __setitem__ append clear copy count extend index insert pop remove "
	"reverse sort";
static const char TUPLE_ATTRS[] =
	"__add__ __class_getitem__ __contains__ __getitem__ __getnewargs__ __iter__ __len__ __mul__ __rmul__ "
	"count index";
static const char DICT_ATTRS[] =
	"__class_getitem__ __contains__ __delitem__ __getitem__ __ior__ __iter__ __len__ __or__ __reversed__ "
	"__ror__ __setitem__ clear copy fromkeys get items keys pop popitem setdefault update values";
static const char NONE_ATTRS[] = "__bool__";
static const char RANGE_ATTRS[] =
	"__bool__ __contains__ __getitem__ __iter__ __len__ __reversed__ count index start step stop";

static const char *attrs_of(struct tv v)
{
	switch (v.kind) {
	case TV_STR: return STR_ATTRS;
	case TV_INT: case TV_BOOL: return INT_ATTRS;
	case TV_FLOAT: return FLOAT_ATTRS;
	case TV_LIST: return LIST_ATTRS;
	case TV_TUPLE: return TUPLE_ATTRS;
	case TV_DICT: return DICT_ATTRS;
	case TV_NONE: return NONE_ATTRS;
	case TV_RANGE: return RANGE_ATTRS;
	default: return "";
	}
}

bool methods_has_attr(struct tv obj, const char *name, size_t len)
{
	if (in_list(OBJ_DUNDERS, name, len) || in_list(attrs_of(obj), name, len))
		return true;
	if (obj.kind == TV_OBJ) {
		/* internal objects: their private fields and the usual dunders */
		if (len > 1 && name[0] == '_')
			return true;
	}
	return false;
}

/* --- bound methods --- */

struct bound {
	struct tv_obj base;
	struct tv self;
	const char *name;
	method_fn fn;
};

static void bound_free(struct tv_obj *o)
{
	struct bound *b = (struct bound *)o;
	tv_drop(b->self);
	tv_free(b, sizeof *b);
}

static void bound_repr(const struct tv_obj *o, struct buf *out)
{
	const struct bound *b = (const struct bound *)o;
	buf_printf(out, "<built-in method %s of %s object at " TMPL_FAKE_ADDRESS ">", b->name,
		   tv_type_name(b->self));
}

static bool escapes(struct tv v)
{
	if (v.kind == TV_STR)
		return !v.u.s->markup && markup_needs_escape(v.u.s->data, v.u.s->len);
	if (v.kind == TV_LIST || v.kind == TV_TUPLE)
		for (size_t i = 0; i < v.u.seq->n; i++)
			if (escapes(v.u.seq->v[i]))
				return true;
	return false;
}

/* A method of a Markup: Markup escapes the string arguments and wraps
 * the result; osmo-tui wraps the result and refuses the rare calls whose
 * arguments escaping would change. */
static struct tv markup_call(struct rt *rt, const struct node *at, const struct bound *b, struct args *a)
{
	for (uint32_t i = 0; i < a->npos; i++)
		if (escapes(a->pos[i]))
			return rt_err(rt, at, RULE_UNSUPPORTED, "Markup.%s() with arguments that need HTML escaping is not "
				      "supported by osmo-tui's template engine", b->name);
	for (uint32_t i = 0; i < a->nkw; i++)
		if (escapes(a->kw[i].v))
			return rt_err(rt, at, RULE_UNSUPPORTED, "Markup.%s() with arguments that need HTML escaping is not "
				      "supported by osmo-tui's template engine", b->name);
	struct tv r = b->fn(rt, at, b->self, a);
	if (r.kind == TV_STR)
		return markup_mark(rt, at, r);
	if (r.kind == TV_LIST || r.kind == TV_TUPLE)
		for (size_t i = 0; i < r.u.seq->n; i++)
			if (r.u.seq->v[i].kind == TV_STR)
				r.u.seq->v[i] = markup_mark(rt, at, r.u.seq->v[i]);
	return r;
}

static struct tv bound_call(struct rt *rt, const struct node *at, struct tv self, struct args *a)
{
	const struct bound *b = (const struct bound *)self.u.o;
	if (markup_is(b->self) && markup_method_wraps(b->name))
		return markup_call(rt, at, b, a);
	return b->fn(rt, at, b->self, a);
}

static const struct rt_class bound_class = {
	{ "builtin_function_or_method", NULL, bound_free, bound_repr }, bound_call, NULL, NULL, NULL,
};

struct tv methods_bind(struct tv self, const char *name, method_fn fn)
{
	struct bound *b = tv_alloc(sizeof *b);
	if (!b)
		return FAILV;
	b->base.rc = 1;
	b->base.cls = &bound_class.base;
	b->self = tv_ref(self);
	b->name = name;
	b->fn = fn;
	return tv_obj_wrap(&b->base);
}

static int noargs(struct rt *rt, const struct node *at, const char *name, const struct args *a)
{
	if (a->nkw || a->npos) {
		rt_exc(rt, at, "TypeError", "%s() takes no arguments (%u given)", name, a->npos + a->nkw);
		return -1;
	}
	return 0;
}

/* --- dict views --- */

struct view {
	struct tv_obj base;
	struct tv list;
};

static void view_free(struct tv_obj *o)
{
	struct view *v = (struct view *)o;
	tv_drop(v->list);
	tv_free(v, sizeof *v);
}

static void view_repr(const struct tv_obj *o, struct buf *out)
{
	const struct view *v = (const struct view *)o;
	buf_printf(out, "%s(", o->cls->name);
	tv_repr(v->list, out);
	buf_putc(out, ')');
}

static struct tv view_as_list(struct tv self)
{
	return ((const struct view *)self.u.o)->list;
}

static const struct rt_class keys_class = { { "dict_keys", NULL, view_free, view_repr }, NULL, NULL, view_as_list, NULL };
static const struct rt_class values_class = { { "dict_values", NULL, view_free, view_repr }, NULL, NULL, view_as_list, NULL };
static const struct rt_class items_class = { { "dict_items", NULL, view_free, view_repr }, NULL, NULL, view_as_list, NULL };

static struct tv make_view(struct rt *rt, const struct node *at, struct tv d, const struct rt_class *cls)
{
	struct tv l = tv_list_new(d.u.d->n);
	for (size_t i = 0; !IS_ERR(l) && i < d.u.d->n; i++) {
		const struct tv_dent *e = &d.u.d->e[i];
		if (cls == &keys_class) {
			tv_list_push(l, tv_ref(e->key));
		} else if (cls == &values_class) {
			tv_list_push(l, tv_ref(e->val));
		} else {
			struct tv t = tv_tuple_new(2);
			tv_list_push(t, tv_ref(e->key));
			tv_list_push(t, tv_ref(e->val));
			tv_list_push(l, t);
		}
	}
	struct view *v = IS_ERR(l) || l.u.seq->oom ? NULL : tv_alloc(sizeof *v);
	if (!v) {
		tv_drop(l);
		return rt_oom(rt, at);
	}
	v->base.rc = 1;
	v->base.cls = &cls->base;
	v->list = l;
	return tv_obj_wrap(&v->base);
}

static struct tv d_items(struct rt *rt, const struct node *at, struct tv d, struct args *a)
{
	return noargs(rt, at, "items", a) < 0 ? FAILV : make_view(rt, at, d, &items_class);
}

static struct tv d_keys(struct rt *rt, const struct node *at, struct tv d, struct args *a)
{
	return noargs(rt, at, "keys", a) < 0 ? FAILV : make_view(rt, at, d, &keys_class);
}

static struct tv d_values(struct rt *rt, const struct node *at, struct tv d, struct args *a)
{
	return noargs(rt, at, "values", a) < 0 ? FAILV : make_view(rt, at, d, &values_class);
}

static struct tv d_get(struct rt *rt, const struct node *at, struct tv d, struct args *a)
{
	if (a->nkw)
		return rt_exc(rt, at, "TypeError", "get() takes no keyword arguments");
	if (a->npos < 1 || a->npos > 2)
		return rt_exc(rt, at, "TypeError", "get expected at %s %d argument%s, got %u",
			      a->npos < 1 ? "least" : "most", a->npos < 1 ? 1 : 2, a->npos < 1 ? "" : "s", a->npos);
	if (rt_strict(a->pos[0]))
		return rt_undef_err(rt, at, a->pos[0]);
	int err;
	struct tv v = tv_dict_get_v(d, a->pos[0], &err);
	if (err)
		return rt_exc(rt, at, "TypeError", "unhashable type: '%s'", tv_type_name(a->pos[0]));
	if (v.kind != TV_MISSING)
		return tv_ref(v);
	return a->npos == 2 ? tv_ref(a->pos[1]) : tv_none();
}

static struct tv d_copy(struct rt *rt, const struct node *at, struct tv d, struct args *a)
{
	if (noargs(rt, at, "copy", a) < 0)
		return FAILV;
	struct tv r = tv_dict_new();
	for (size_t i = 0; !IS_ERR(r) && i < d.u.d->n; i++)
		tv_dict_set_v(r, tv_ref(d.u.d->e[i].key), tv_ref(d.u.d->e[i].val));
	if (IS_ERR(r) || r.u.d->oom) {
		tv_drop(r);
		return rt_oom(rt, at);
	}
	return r;
}

/* --- lists and tuples --- */

static struct tv s_count(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	if (a->nkw || a->npos != 1)
		return rt_exc(rt, at, "TypeError", "count() takes exactly one argument (%u given)", a->npos + a->nkw);
	int64_t n = 0;
	for (size_t i = 0; i < s.u.seq->n; i++) {
		bool eq;
		if (rt_compare(rt, at, CMP_EQ, s.u.seq->v[i], a->pos[0], &eq) < 0)
			return FAILV;
		n += eq;
	}
	return tv_int(n);
}

static struct tv s_index(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	if (a->nkw)
		return rt_exc(rt, at, "TypeError", "index() takes no keyword arguments");
	if (a->npos < 1 || a->npos > 3)
		return rt_exc(rt, at, "TypeError", "index expected at least 1 argument, got %u", a->npos);
	int64_t n = (int64_t)s.u.seq->n, lo = 0, hi = n;
	for (uint32_t k = 1; k < a->npos; k++) {
		struct tv v = a->pos[k];
		if (v.kind != TV_INT && v.kind != TV_BOOL)
			return rt_exc(rt, at, "TypeError", "slice indices must be integers or have an __index__ method");
		int64_t x = v.kind == TV_BOOL ? v.u.b : v.u.i;
		if (x < 0)
			x = x + n < 0 ? 0 : x + n;
		if (k == 1)
			lo = x;
		else
			hi = x > n ? n : x;
	}
	for (int64_t i = lo; i < hi; i++) {
		bool eq;
		if (rt_compare(rt, at, CMP_EQ, s.u.seq->v[i], a->pos[0], &eq) < 0)
			return FAILV;
		if (eq)
			return tv_int(i);
	}
	struct buf r = BUF_INIT;
	tv_repr(a->pos[0], &r);
	if (s.kind == TV_TUPLE)
		rt_exc(rt, at, "ValueError", "tuple.index(x): x not in tuple");
	else
		rt_exc(rt, at, "ValueError", "%s is not in list", buf_cstr(&r));
	buf_free(&r);
	return FAILV;
}

static struct tv l_copy(struct rt *rt, const struct node *at, struct tv s, struct args *a)
{
	if (noargs(rt, at, "copy", a) < 0)
		return FAILV;
	struct tv r = tv_list_new(s.u.seq->n);
	for (size_t i = 0; !IS_ERR(r) && i < s.u.seq->n; i++)
		tv_list_push(r, tv_ref(s.u.seq->v[i]));
	return rt_chk(rt, at, r);
}

/* --- numbers and ranges --- */

static struct tv n_conjugate(struct rt *rt, const struct node *at, struct tv v, struct args *a)
{
	if (noargs(rt, at, "conjugate", a) < 0)
		return FAILV;
	return v.kind == TV_BOOL ? tv_int(v.u.b) : v;
}

static struct tv n_bit_length(struct rt *rt, const struct node *at, struct tv v, struct args *a)
{
	if (noargs(rt, at, "bit_length", a) < 0)
		return FAILV;
	int64_t i = v.kind == TV_BOOL ? v.u.b : v.u.i;
	uint64_t u = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
	int n = 0;
	while (u) {
		n++;
		u >>= 1;
	}
	return tv_int(n);
}

static struct tv f_is_integer(struct rt *rt, const struct node *at, struct tv v, struct args *a)
{
	if (noargs(rt, at, "is_integer", a) < 0)
		return FAILV;
	return tv_bool(isfinite(v.u.f) && v.u.f == floor(v.u.f));
}

static struct tv r_count(struct rt *rt, const struct node *at, struct tv r, struct args *a)
{
	if (a->nkw || a->npos != 1)
		return rt_exc(rt, at, "TypeError", "count() takes exactly one argument (%u given)", a->npos + a->nkw);
	bool in;
	if (rt_compare(rt, at, CMP_IN, a->pos[0], r, &in) < 0)
		return FAILV;
	return tv_int(in);
}

/* --- the attribute dispatcher --- */

static const struct {
	uint8_t kind;          /* TV_DICT, TV_LIST (lists and tuples), ... */
	const char *name;
	method_fn fn;
} methods[] = {
	{ TV_DICT, "items", d_items }, { TV_DICT, "keys", d_keys }, { TV_DICT, "values", d_values },
	{ TV_DICT, "get", d_get }, { TV_DICT, "copy", d_copy },
	{ TV_LIST, "count", s_count }, { TV_LIST, "index", s_index }, { TV_LIST, "copy", l_copy },
	{ TV_TUPLE, "count", s_count }, { TV_TUPLE, "index", s_index },
	{ TV_INT, "conjugate", n_conjugate }, { TV_INT, "bit_length", n_bit_length },
	{ TV_FLOAT, "conjugate", n_conjugate }, { TV_FLOAT, "is_integer", f_is_integer },
	{ TV_RANGE, "count", r_count },
};

static struct tv number_data(struct tv obj, const char *name, size_t len)
{
	bool f = obj.kind == TV_FLOAT;
	int64_t i = obj.kind == TV_BOOL ? obj.u.b : obj.u.i;
	if (is(name, len, "real"))
		return f ? obj : tv_int(i);
	if (is(name, len, "imag"))
		return f ? tv_float(0.0) : tv_int(0);
	if (!f && is(name, len, "numerator"))
		return tv_int(i);
	if (!f && is(name, len, "denominator"))
		return tv_int(1);
	return tv_missing();
}

struct tv methods_getattr(struct rt *rt, const struct node *at, struct tv obj, const char *name, size_t len)
{
	if (obj.kind == TV_OBJ) {
		const struct rt_class *c = (const struct rt_class *)obj.u.o->cls;
		return c->getattr ? c->getattr(rt, at, obj, name, len) : tv_missing();
	}
	if (!in_list(attrs_of(obj), name, len) && !in_list(OBJ_DUNDERS, name, len))
		return tv_missing();
	if (obj.kind == TV_STR) {
		const char *canon;
		method_fn fn = strmethods_find(name, len, &canon);
		if (fn)
			return rt_chk(rt, at, methods_bind(obj, canon, fn));
	} else if (obj.kind == TV_INT || obj.kind == TV_BOOL || obj.kind == TV_FLOAT) {
		struct tv d = number_data(obj, name, len);
		if (d.kind != TV_MISSING)
			return d;
	} else if (obj.kind == TV_RANGE) {
		if (is(name, len, "start"))
			return tv_int(obj.u.r->start);
		if (is(name, len, "stop"))
			return tv_int(obj.u.r->stop);
		if (is(name, len, "step"))
			return tv_int(obj.u.r->step);
	}
	uint8_t kind = obj.kind == TV_BOOL ? TV_INT : obj.kind;
	for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
		if (methods[i].kind == kind && is(name, len, methods[i].name))
			return rt_chk(rt, at, methods_bind(obj, methods[i].name, methods[i].fn));
	return rt_err(rt, at, RULE_UNSUPPORTED, "the %s method '%.*s' is not supported by osmo-tui's template engine",
		      tv_type_name(obj), (int)len, name);
}

/* --- namespaces --- */

struct ns {
	struct tv_obj base;
	struct tv attrs;
};

static void ns_free(struct tv_obj *o)
{
	struct ns *n = (struct ns *)o;
	tv_drop(n->attrs);
	tv_free(n, sizeof *n);
}

static void ns_repr(const struct tv_obj *o, struct buf *out)
{
	buf_puts(out, "<Namespace ");
	tv_repr(((const struct ns *)o)->attrs, out);
	buf_putc(out, '>');
}

static struct tv ns_getattr(struct rt *rt, const struct node *at, struct tv self, const char *name, size_t len)
{
	(void)rt;
	(void)at;
	struct tv v = tv_dict_get(((const struct ns *)self.u.o)->attrs, name, len);
	return v.kind == TV_MISSING ? v : tv_ref(v);
}

static const struct rt_class ns_class = {
	{ "Namespace", "jinja2.utils", ns_free, ns_repr }, NULL, ns_getattr, NULL, NULL,
};

struct tv methods_namespace_new(void)
{
	struct ns *n = tv_alloc(sizeof *n);
	if (!n)
		return FAILV;
	n->base.rc = 1;
	n->base.cls = &ns_class.base;
	n->attrs = tv_dict_new();
	if (IS_ERR(n->attrs)) {
		tv_free(n, sizeof *n);
		return FAILV;
	}
	return tv_obj_wrap(&n->base);
}

bool methods_is_namespace(struct tv v)
{
	return v.kind == TV_OBJ && v.u.o->cls == &ns_class.base;
}

struct tv methods_namespace_dict(struct tv ns)
{
	return ((const struct ns *)ns.u.o)->attrs;
}

/* dict(*args, **kwargs) into d: a mapping or an iterable of pairs. */
static int fill_dict(struct rt *rt, const struct node *at, struct tv d, struct args *a)
{
	if (a->npos > 1) {
		rt_exc(rt, at, "TypeError", "dict expected at most 1 argument, got %u", a->npos);
		return -1;
	}
	if (a->npos == 1) {
		struct tv src = a->pos[0];
		if (src.kind == TV_DICT) {
			for (size_t i = 0; i < src.u.d->n; i++)
				tv_dict_set_v(d, tv_ref(src.u.d->e[i].key), tv_ref(src.u.d->e[i].val));
		} else {
			struct iter it;
			if (rt_iter(rt, at, src, &it) < 0)
				return -1;
			struct tv x;
			int r, k = 0;
			while ((r = rt_next(rt, at, &it, &x)) > 0) {
				int64_t n = -1;
				if ((x.kind == TV_LIST || x.kind == TV_TUPLE) && x.u.seq->n == 2) {
					int rc = tv_dict_set_v(d, tv_ref(x.u.seq->v[0]), tv_ref(x.u.seq->v[1]));
					tv_drop(x);
					if (rc == -2) {
						rt_exc(rt, at, "TypeError", "unhashable type");
						r = -1;
						break;
					}
				} else {
					if (x.kind == TV_LIST || x.kind == TV_TUPLE || x.kind == TV_STR)
						rt_len(rt, at, x, &n);
					if (n >= 0)
						rt_exc(rt, at, "ValueError",
						       "dictionary update sequence element #%d has length %lld; 2 is required", k,
						       (long long)n);
					else
						rt_exc(rt, at, "TypeError",
						       "cannot convert dictionary update sequence element #%d to a sequence", k);
					tv_drop(x);
					r = -1;
					break;
				}
				k++;
			}
			rt_iter_free(&it);
			if (r < 0)
				return -1;
		}
	}
	for (uint32_t i = 0; i < a->nkw; i++)
		tv_dict_set(d, a->kw[i].name, a->kw[i].len, tv_ref(a->kw[i].v));
	if (d.u.d->oom) {
		rt_oom(rt, at);
		return -1;
	}
	return 0;
}

/* --- globals --- */

struct builtin {
	struct tv_obj base;
	method_fn fn;
	const char *repr;     /* how Python prints the global */
};

static void builtin_free(struct tv_obj *o)
{
	(void)o; /* static objects */
}

static void builtin_repr(const struct tv_obj *o, struct buf *out)
{
	const char *r = ((const struct builtin *)o)->repr;
	if (strncmp(r, "<function ", 10) == 0)
		buf_printf(out, "%s at %p>", r, (const void *)o);
	else
		buf_puts(out, r);
}

static struct tv builtin_call(struct rt *rt, const struct node *at, struct tv self, struct args *a)
{
	return ((const struct builtin *)self.u.o)->fn(rt, at, self, a);
}

static struct tv g_range(struct rt *rt, const struct node *at, struct tv self, struct args *a)
{
	(void)self;
	if (a->nkw)
		return rt_exc(rt, at, "TypeError", "range() takes no keyword arguments");
	if (a->npos == 0 || a->npos > 3)
		return rt_exc(rt, at, "TypeError", "range expected %s, got %u",
			      a->npos ? "at most 3 arguments" : "at least 1 argument", a->npos);
	int64_t v[3] = { 0, 0, 1 };
	for (uint32_t i = 0; i < a->npos; i++) {
		struct tv x = a->pos[i];
		if (rt_strict(x))
			return rt_undef_err(rt, at, x);
		if (x.kind != TV_INT && x.kind != TV_BOOL)
			return rt_exc(rt, at, "TypeError", "'%s' object cannot be interpreted as an integer", tv_type_name(x));
		v[a->npos == 1 ? 1 : i] = x.kind == TV_BOOL ? x.u.b : x.u.i;
	}
	if (v[2] == 0)
		return rt_exc(rt, at, "ValueError", "range() arg 3 must not be zero");
	struct tv r = tv_range_new(v[0], v[1], v[2]);
	if (IS_ERR(r))
		return rt_oom(rt, at);
	int64_t n;
	rt_len(rt, at, r, &n);
	if (n > 100000) {
		tv_drop(r);
		return rt_exc(rt, at, "OverflowError",
			      "Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).");
	}
	return r;
}

static struct tv g_dict(struct rt *rt, const struct node *at, struct tv self, struct args *a)
{
	(void)self;
	struct tv d = tv_dict_new();
	if (IS_ERR(d))
		return rt_oom(rt, at);
	if (fill_dict(rt, at, d, a) < 0) {
		tv_drop(d);
		return FAILV;
	}
	return d;
}

static struct tv g_namespace(struct rt *rt, const struct node *at, struct tv self, struct args *a)
{
	(void)self;
	struct tv ns = methods_namespace_new();
	if (IS_ERR(ns))
		return rt_oom(rt, at);
	if (fill_dict(rt, at, methods_namespace_dict(ns), a) < 0) {
		tv_drop(ns);
		return FAILV;
	}
	if (rt_keep(rt, tv_ref(ns)) < 0) {
		tv_drop(ns);
		return FAILV;
	}
	return ns;
}

static struct tv g_unsupported(struct rt *rt, const struct node *at, struct tv self, struct args *a)
{
	(void)a;
	const char *r = ((const struct builtin *)self.u.o)->repr;
	const char *name = strstr(r, "utils.") ? strstr(r, "utils.") + 6 : "lipsum";
	return rt_err(rt, at, RULE_UNSUPPORTED, "the global '%.*s' is not supported by osmo-tui's template engine",
		      (int)strcspn(name, "'"), name);
}

static const struct rt_class function_class = {
	{ "function", NULL, builtin_free, builtin_repr }, builtin_call, NULL, NULL, NULL,
};
static const struct rt_class type_class = {
	{ "type", NULL, builtin_free, builtin_repr }, builtin_call, NULL, NULL, NULL,
};

/* static objects, immortal */
static struct builtin b_range = { { TV_IMMORTAL, &function_class.base }, g_range, "<function safe_range" };
static struct builtin b_dict = { { TV_IMMORTAL, &type_class.base }, g_dict, "<class 'dict'>" };
static struct builtin b_namespace = { { TV_IMMORTAL, &type_class.base }, g_namespace, "<class 'jinja2.utils.Namespace'>" };
static struct builtin b_cycler = { { TV_IMMORTAL, &type_class.base }, g_unsupported, "<class 'jinja2.utils.Cycler'>" };
static struct builtin b_joiner = { { TV_IMMORTAL, &type_class.base }, g_unsupported, "<class 'jinja2.utils.Joiner'>" };
static struct builtin b_lipsum = { { TV_IMMORTAL, &function_class.base }, g_unsupported, "<function generate_lorem_ipsum" };

struct tv methods_global(const char *name, size_t len)
{
	static const struct {
		const char *name;
		struct builtin *b;
	} globals[] = {
		{ "range", &b_range }, { "dict", &b_dict }, { "namespace", &b_namespace },
		{ "cycler", &b_cycler }, { "joiner", &b_joiner }, { "lipsum", &b_lipsum },
	};
	for (size_t i = 0; i < sizeof globals / sizeof globals[0]; i++)
		if (is(name, len, globals[i].name))
			return tv_ref(tv_obj_wrap(&globals[i].b->base));
	return tv_missing();
}
