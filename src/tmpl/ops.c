/* ops: Python's semantics for the operations templates perform on values
 * (declared in eval.h): truth, str(), len(), arithmetic with int/float
 * promotion, floor division and modulo of negatives, comparisons (ordering
 * errors included), membership and iteration. Undefined values raise the
 * way StrictUndefined (or plain Undefined) does.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl/eval.h"
#include "tmpl/markup.h"
#include "tmpl/printf.h"
#include "tmpl/ustr.h"

bool rt_strict(struct tv v)
{
	return v.kind == TV_UNDEF && v.u.un->strict;
}

/* The list a dict view iterates like, or a non-list value. */
static struct tv as_list(struct tv v)
{
	if (v.kind == TV_OBJ && ((const struct rt_class *)v.u.o->cls)->as_list)
		return ((const struct rt_class *)v.u.o->cls)->as_list(v);
	return tv_none();
}

int rt_truth(struct rt *rt, const struct node *at, struct tv v, bool *out)
{
	switch (v.kind) {
	case TV_UNDEF:
		if (v.u.un->strict) {
			rt_undef_err(rt, at, v);
			return -1;
		}
		*out = false;
		return 0;
	case TV_NONE: *out = false; return 0;
	case TV_BOOL: *out = v.u.b; return 0;
	case TV_INT: *out = v.u.i != 0; return 0;
	case TV_FLOAT: *out = v.u.f != 0; return 0;
	case TV_STR: *out = v.u.s->len != 0; return 0;
	case TV_LIST:
	case TV_TUPLE: *out = v.u.seq->n != 0; return 0;
	case TV_DICT: *out = v.u.d->n != 0; return 0;
	case TV_RANGE: *out = tv_range_len(v) != 0; return 0;
	default: {
		int64_t n;
		if (as_list(v).kind == TV_LIST) {
			*out = as_list(v).u.seq->n != 0;
			return 0;
		}
		/* objects with a length (the loop object) are false when empty */
		if (v.kind == TV_OBJ && strcmp(v.u.o->cls->name, "LoopContext") == 0 && rt_len(rt, at, v, &n) == 0) {
			*out = n != 0;
			return 0;
		}
		*out = true;
		return 0;
	}
	}
}

int rt_str(struct rt *rt, const struct node *at, struct tv v, struct buf *out)
{
	if (rt_strict(v)) {
		rt_undef_err(rt, at, v);
		return -1;
	}
	tv_to_str(v, out);
	if (out->oom) {
		rt_oom(rt, at);
		return -1;
	}
	return 0;
}

struct tv rt_to_str(struct rt *rt, const struct node *at, struct tv v)
{
	if (v.kind == TV_STR)
		return tv_ref(v);
	struct buf b = BUF_INIT;
	if (rt_str(rt, at, v, &b) < 0) {
		buf_free(&b);
		return (struct tv){ .kind = TV_OOM };
	}
	return rt_chk(rt, at, tv_str_from_buf(&b));
}

int rt_len(struct rt *rt, const struct node *at, struct tv v, int64_t *out)
{
	switch (v.kind) {
	case TV_UNDEF:
		if (v.u.un->strict) {
			rt_undef_err(rt, at, v);
			return -1;
		}
		*out = 0;
		return 0;
	case TV_STR: *out = (int64_t)tv_str_chars(v); return 0;
	case TV_LIST:
	case TV_TUPLE: *out = (int64_t)v.u.seq->n; return 0;
	case TV_DICT: *out = (int64_t)v.u.d->n; return 0;
	case TV_RANGE: *out = tv_range_len(v); return 0;
	case TV_OBJ: {
		const struct rt_class *c = (const struct rt_class *)v.u.o->cls;
		if (c->as_list) {
			*out = (int64_t)c->as_list(v).u.seq->n;
			return 0;
		}
		if (c->getattr) {
			struct tv l = c->getattr(rt, at, v, "length", 6);
			if (IS_ERR(l))
				return -1;
			if (l.kind == TV_INT) {
				*out = l.u.i;
				return 0;
			}
			tv_drop(l);
		}
		break;
	}
	default:
		break;
	}
	rt_exc(rt, at, "TypeError", "object of type '%s' has no len()", tv_type_name(v));
	return -1;
}

double rt_num(struct tv v)
{
	return v.kind == TV_FLOAT ? v.u.f : v.kind == TV_BOOL ? (double)v.u.b : (double)v.u.i;
}

static int64_t ival(struct tv v)
{
	return v.kind == TV_BOOL ? (int64_t)v.u.b : v.u.i;
}

static bool is_int(struct tv v)
{
	return v.kind == TV_INT || v.kind == TV_BOOL;
}

int rt_int_of(struct rt *rt, const struct node *at, struct tv v, int64_t *out)
{
	if (is_int(v)) {
		*out = ival(v);
		return 0;
	}
	double f = v.u.f;
	if (isnan(f)) {
		rt_exc(rt, at, "ValueError", "cannot convert float NaN to integer");
		return -1;
	}
	if (isinf(f)) {
		rt_exc(rt, at, "OverflowError", "cannot convert float infinity to integer");
		return -1;
	}
	f = trunc(f);
	if (f >= 9223372036854775808.0 || f < -9223372036854775808.0) {
		rt_err(rt, at, RULE_UNSUPPORTED, "integer %.17g is too large for osmo-tui (ints are 64-bit)", f);
		return -1;
	}
	*out = (int64_t)f;
	return 0;
}

static struct tv overflow(struct rt *rt, const struct node *at)
{
	return rt_err(rt, at, RULE_UNSUPPORTED, "integer overflow: the result does not fit in 64 bits "
		      "(Python ints are unbounded, osmo-tui's are 64-bit)");
}

static struct tv unsupported_op(struct rt *rt, const struct node *at, const char *op, struct tv a, struct tv b)
{
	return rt_exc(rt, at, "TypeError", "unsupported operand type(s) for %s: '%s' and '%s'", op,
		      tv_type_name(a), tv_type_name(b));
}

/* Python's float +, -, * and / overflow to inf silently (only ** raises). */
static struct tv float_result(struct rt *rt, const struct node *at, double r)
{
	(void)rt;
	(void)at;
	return tv_float(r);
}

static struct tv repeat(struct rt *rt, const struct node *at, struct tv seq, int64_t n)
{
	if (n < 0)
		n = 0;
	if (seq.kind == TV_STR) {
		size_t len = seq.u.s->len;
		if (len && (uint64_t)n > rt->lim.max_value / len) {
			rt_too_big(rt, at, SIZE_MAX);
			return (struct tv){ .kind = TV_OOM };
		}
		struct tv r = tv_str_alloc(len * (size_t)n);
		if (IS_ERR(r))
			return rt_oom(rt, at);
		for (int64_t i = 0; i < n; i++)
			memcpy(r.u.s->data + (size_t)i * len, seq.u.s->data, len);
		r.u.s->markup = seq.u.s->markup;
		return r;
	}
	size_t len = seq.u.seq->n;
	if (len && (uint64_t)n > rt->lim.max_value / len) {
		rt_too_big(rt, at, SIZE_MAX);
		return (struct tv){ .kind = TV_OOM };
	}
	struct tv r = seq.kind == TV_LIST ? tv_list_new(len * (size_t)n) : tv_tuple_new(len * (size_t)n);
	if (IS_ERR(r))
		return rt_oom(rt, at);
	for (int64_t i = 0; i < n; i++)
		for (size_t k = 0; k < len; k++)
			tv_list_push(r, tv_ref(seq.u.seq->v[k]));
	return r;
}

static struct tv concat_seq(struct rt *rt, const struct node *at, struct tv a, struct tv b)
{
	size_t n = a.u.seq->n + b.u.seq->n;
	if (n > rt->lim.max_value) {
		rt_too_big(rt, at, SIZE_MAX);
		return (struct tv){ .kind = TV_OOM };
	}
	struct tv r = a.kind == TV_LIST ? tv_list_new(n) : tv_tuple_new(n);
	if (IS_ERR(r))
		return rt_oom(rt, at);
	for (size_t i = 0; i < a.u.seq->n; i++)
		tv_list_push(r, tv_ref(a.u.seq->v[i]));
	for (size_t i = 0; i < b.u.seq->n; i++)
		tv_list_push(r, tv_ref(b.u.seq->v[i]));
	return r;
}

static struct tv add(struct rt *rt, const struct node *at, struct tv a, struct tv b)
{
	if (tv_is_number(a) && tv_is_number(b)) {
		if (is_int(a) && is_int(b)) {
			int64_t r;
			if (__builtin_add_overflow(ival(a), ival(b), &r))
				return overflow(rt, at);
			return tv_int(r);
		}
		return float_result(rt, at, rt_num(a) + rt_num(b));
	}
	if (a.kind == TV_STR && b.kind == TV_STR && (markup_is(a) || markup_is(b)) && !(markup_is(a) && markup_is(b))) {
		/* Markup + str escapes the str (and str + Markup too) */
		struct buf t = BUF_INIT;
		if (markup_is(a))
			buf_add(&t, a.u.s->data, a.u.s->len);
		else
			markup_escape(a.u.s->data, a.u.s->len, &t);
		if (markup_is(b))
			buf_add(&t, b.u.s->data, b.u.s->len);
		else
			markup_escape(b.u.s->data, b.u.s->len, &t);
		if (rt_too_big(rt, at, t.len)) {
			buf_free(&t);
			return (struct tv){ .kind = TV_OOM };
		}
		return markup_mark(rt, at, rt_chk(rt, at, tv_str_from_buf(&t)));
	}
	if (a.kind == TV_STR && b.kind == TV_STR) {
		if (rt_too_big(rt, at, a.u.s->len + b.u.s->len))
			return (struct tv){ .kind = TV_OOM };
		struct tv r = tv_str_alloc(a.u.s->len + b.u.s->len);
		if (IS_ERR(r))
			return rt_oom(rt, at);
		memcpy(r.u.s->data, a.u.s->data, a.u.s->len);
		memcpy(r.u.s->data + a.u.s->len, b.u.s->data, b.u.s->len);
		return r;
	}
	if ((a.kind == TV_LIST || a.kind == TV_TUPLE) && a.kind == b.kind)
		return concat_seq(rt, at, a, b);
	if (a.kind == TV_STR || a.kind == TV_LIST || a.kind == TV_TUPLE)
		return rt_exc(rt, at, "TypeError", "can only concatenate %s (not \"%s\") to %s", tv_type_name(a),
			      tv_type_name(b), tv_type_name(a));
	return unsupported_op(rt, at, "+", a, b);
}

static struct tv mul(struct rt *rt, const struct node *at, struct tv a, struct tv b)
{
	if (tv_is_number(a) && tv_is_number(b)) {
		if (is_int(a) && is_int(b)) {
			int64_t r;
			if (__builtin_mul_overflow(ival(a), ival(b), &r))
				return overflow(rt, at);
			return tv_int(r);
		}
		return float_result(rt, at, rt_num(a) * rt_num(b));
	}
	bool aseq = a.kind == TV_STR || a.kind == TV_LIST || a.kind == TV_TUPLE;
	bool bseq = b.kind == TV_STR || b.kind == TV_LIST || b.kind == TV_TUPLE;
	if (aseq && is_int(b))
		return repeat(rt, at, a, ival(b));
	if (bseq && is_int(a))
		return repeat(rt, at, b, ival(a));
	if (aseq && !bseq && b.kind != TV_OBJ)
		return rt_exc(rt, at, "TypeError", "can't multiply sequence by non-int of type '%s'", tv_type_name(b));
	if (bseq && !aseq && a.kind != TV_OBJ)
		return rt_exc(rt, at, "TypeError", "can't multiply sequence by non-int of type '%s'", tv_type_name(a));
	if (aseq && bseq)
		return rt_exc(rt, at, "TypeError", "can't multiply sequence by non-int of type '%s'", tv_type_name(b));
	return unsupported_op(rt, at, "*", a, b);
}

static struct tv divide(struct rt *rt, const struct node *at, struct tv a, struct tv b)
{
	if (!tv_is_number(a) || !tv_is_number(b))
		return unsupported_op(rt, at, "/", a, b);
	if (rt_num(b) == 0)
		return rt_exc(rt, at, "ZeroDivisionError", is_int(a) && is_int(b) ? "division by zero" : "float division by zero");
	if (is_int(a) && is_int(b)) {
		int64_t x = ival(a), y = ival(b);
		if (x > -(1LL << 53) && x < (1LL << 53) && y > -(1LL << 53) && y < (1LL << 53))
			return tv_float((double)x / (double)y);
		return float_result(rt, at, (double)((long double)x / (long double)y));
	}
	return float_result(rt, at, rt_num(a) / rt_num(b));
}

/* Python's float divmod (Objects/floatobject.c). */
static void float_divmod(double vx, double wx, double *floordiv, double *mod)
{
	double m = fmod(vx, wx);
	double div = (vx - m) / wx;
	if (m) {
		if ((wx < 0) != (m < 0)) {
			m += wx;
			div -= 1.0;
		}
	} else {
		m = copysign(0.0, wx);
	}
	double fd;
	if (div) {
		fd = floor(div);
		if (div - fd > 0.5)
			fd += 1.0;
	} else {
		fd = copysign(0.0, vx / wx);
	}
	*floordiv = fd;
	*mod = m;
}

static struct tv floordiv_mod(struct rt *rt, const struct node *at, int op, struct tv a, struct tv b)
{
	const char *sym = op == OP_MOD ? "%" : "//";
	if (!tv_is_number(a) || !tv_is_number(b))
		return unsupported_op(rt, at, sym, a, b);
	if (is_int(a) && is_int(b)) {
		int64_t x = ival(a), y = ival(b);
		if (y == 0)
			return rt_exc(rt, at, "ZeroDivisionError",
				      op == OP_MOD ? "integer modulo by zero" : "integer division or modulo by zero");
		if (x == INT64_MIN && y == -1)
			return op == OP_MOD ? tv_int(0) : overflow(rt, at);
		int64_t q = x / y, m = x % y;
		if (m != 0 && ((m < 0) != (y < 0))) {
			q -= 1;
			m += y;
		}
		return tv_int(op == OP_MOD ? m : q);
	}
	double x = rt_num(a), y = rt_num(b);
	if (y == 0)
		return rt_exc(rt, at, "ZeroDivisionError", op == OP_MOD ? "float modulo" : "float floor division by zero");
	double q, m;
	float_divmod(x, y, &q, &m);
	return tv_float(op == OP_MOD ? m : q);
}

static struct tv power(struct rt *rt, const struct node *at, struct tv a, struct tv b)
{
	if (!tv_is_number(a) || !tv_is_number(b))
		return rt_exc(rt, at, "TypeError", "unsupported operand type(s) for ** or pow(): '%s' and '%s'",
			      tv_type_name(a), tv_type_name(b));
	if (is_int(a) && is_int(b) && ival(b) >= 0) {
		int64_t base = ival(a), e = ival(b), r = 1;
		while (e) {
			if (e & 1 && __builtin_mul_overflow(r, base, &r))
				return overflow(rt, at);
			e >>= 1;
			if (e && __builtin_mul_overflow(base, base, &base))
				return overflow(rt, at);
		}
		return tv_int(r);
	}
	double x = rt_num(a), y = rt_num(b);
	if (x == 0 && y < 0)
		return rt_exc(rt, at, "ZeroDivisionError", "0.0 cannot be raised to a negative power");
	if (x < 0 && y != floor(y) && isfinite(y))
		return rt_err(rt, at, RULE_UNSUPPORTED, "a negative number raised to a fractional power is a complex "
			      "number, which osmo-tui does not support");
	double r = pow(x, y);
	if (isinf(r) && isfinite(x) && isfinite(y))
		return rt_exc(rt, at, "OverflowError", "(34, 'Numerical result out of range')");
	return tv_float(r);
}

struct tv rt_binop(struct rt *rt, const struct node *at, int op, struct tv a, struct tv b)
{
	if (a.kind == TV_UNDEF)
		return rt_undef_err(rt, at, a);
	if (op == OP_MOD && a.kind == TV_STR)
		return tmpl_percent(rt, at, a, b);
	if (b.kind == TV_UNDEF)
		return rt_undef_err(rt, at, b);
	switch (op) {
	case OP_ADD:
		return add(rt, at, a, b);
	case OP_SUB:
		if (!tv_is_number(a) || !tv_is_number(b))
			return unsupported_op(rt, at, "-", a, b);
		if (is_int(a) && is_int(b)) {
			int64_t r;
			if (__builtin_sub_overflow(ival(a), ival(b), &r))
				return overflow(rt, at);
			return tv_int(r);
		}
		return float_result(rt, at, rt_num(a) - rt_num(b));
	case OP_MUL:
		return mul(rt, at, a, b);
	case OP_DIV:
		return divide(rt, at, a, b);
	case OP_FLOORDIV:
	case OP_MOD:
		return floordiv_mod(rt, at, op, a, b);
	default:
		return power(rt, at, a, b);
	}
}

struct tv rt_unary(struct rt *rt, const struct node *at, bool neg, struct tv v)
{
	if (v.kind == TV_UNDEF)
		return rt_undef_err(rt, at, v);
	if (!tv_is_number(v))
		return rt_exc(rt, at, "TypeError", "bad operand type for unary %c: '%s'", neg ? '-' : '+', tv_type_name(v));
	if (v.kind == TV_FLOAT)
		return tv_float(neg ? -v.u.f : v.u.f);
	int64_t i = ival(v);
	if (neg && i == INT64_MIN)
		return overflow(rt, at);
	return tv_int(neg ? -i : i);
}

/* == with StrictUndefined raising; containers compare element-wise. */
static int equal(struct rt *rt, const struct node *at, struct tv a, struct tv b, bool *out)
{
	if (rt_strict(a) || rt_strict(b)) {
		rt_undef_err(rt, at, rt_strict(a) ? a : b);
		return -1;
	}
	if ((a.kind == TV_LIST || a.kind == TV_TUPLE) && a.kind == b.kind) {
		if (a.u.seq->n != b.u.seq->n) {
			*out = false;
			return 0;
		}
		for (size_t i = 0; i < a.u.seq->n; i++) {
			if (equal(rt, at, a.u.seq->v[i], b.u.seq->v[i], out) < 0)
				return -1;
			if (!*out)
				return 0;
		}
		*out = true;
		return 0;
	}
	*out = tv_equal(a, b);
	return 0;
}

static const char *cmp_sym(int op)
{
	static const char *const s[] = { "==", "!=", "<", "<=", ">", ">=" };
	return s[op];
}

/* Ordering a OP b for <, <=, >, >=. */
static int order(struct rt *rt, const struct node *at, int op, struct tv a, struct tv b, bool *out)
{
	if (a.kind == TV_UNDEF || b.kind == TV_UNDEF) {
		rt_undef_err(rt, at, a.kind == TV_UNDEF ? a : b);
		return -1;
	}
	int c;
	if (tv_is_number(a) && tv_is_number(b)) {
		if (is_int(a) && is_int(b)) {
			int64_t x = ival(a), y = ival(b);
			c = x < y ? -1 : x > y;
		} else {
			double x = rt_num(a), y = rt_num(b);
			if (isnan(x) || isnan(y)) {
				*out = false;
				return 0;
			}
			/* exact int vs float when the int is not representable */
			if (is_int(a) && (ival(a) > (1LL << 53) || ival(a) < -(1LL << 53)) && y == floor(y) &&
			    fabs(y) < 9.2e18)
				c = ival(a) < (int64_t)y ? -1 : ival(a) > (int64_t)y;
			else if (is_int(b) && (ival(b) > (1LL << 53) || ival(b) < -(1LL << 53)) && x == floor(x) &&
				 fabs(x) < 9.2e18)
				c = (int64_t)x < ival(b) ? -1 : (int64_t)x > ival(b);
			else
				c = x < y ? -1 : x > y;
		}
	} else if (a.kind == TV_STR && b.kind == TV_STR) {
		size_t n = a.u.s->len < b.u.s->len ? a.u.s->len : b.u.s->len;
		int m = memcmp(a.u.s->data, b.u.s->data, n);
		c = m ? (m < 0 ? -1 : 1) : a.u.s->len < b.u.s->len ? -1 : a.u.s->len > b.u.s->len;
	} else if ((a.kind == TV_LIST || a.kind == TV_TUPLE) && a.kind == b.kind) {
		size_t i = 0;
		for (; i < a.u.seq->n && i < b.u.seq->n; i++) {
			bool eq;
			if (equal(rt, at, a.u.seq->v[i], b.u.seq->v[i], &eq) < 0)
				return -1;
			if (!eq)
				return order(rt, at, op, a.u.seq->v[i], b.u.seq->v[i], out);
		}
		c = a.u.seq->n < b.u.seq->n ? -1 : a.u.seq->n > b.u.seq->n;
	} else {
		rt_exc(rt, at, "TypeError", "'%s' not supported between instances of '%s' and '%s'", cmp_sym(op),
		       tv_type_name(a), tv_type_name(b));
		return -1;
	}
	switch (op) {
	case CMP_LT: *out = c < 0; break;
	case CMP_LTEQ: *out = c <= 0; break;
	case CMP_GT: *out = c > 0; break;
	default: *out = c >= 0; break;
	}
	return 0;
}

static int contains(struct rt *rt, const struct node *at, struct tv item, struct tv coll, bool *out)
{
	switch (coll.kind) {
	case TV_UNDEF:
		if (coll.u.un->strict) {
			rt_undef_err(rt, at, coll);
			return -1;
		}
		*out = false;
		return 0;
	case TV_STR:
		if (item.kind != TV_STR) {
			rt_exc(rt, at, "TypeError", "'in <string>' requires string as left operand, not %s", tv_type_name(item));
			return -1;
		}
		*out = ustr_find(coll.u.s->data, coll.u.s->len, item.u.s->data, item.u.s->len, 0) != SIZE_MAX;
		return 0;
	case TV_LIST:
	case TV_TUPLE:
		for (size_t i = 0; i < coll.u.seq->n; i++) {
			if (equal(rt, at, coll.u.seq->v[i], item, out) < 0)
				return -1;
			if (*out)
				return 0;
		}
		*out = false;
		return 0;
	case TV_DICT: {
		int err;
		struct tv v = tv_dict_get_v(coll, item, &err);
		if (err) {
			if (rt_strict(item)) {
				rt_undef_err(rt, at, item);
				return -1;
			}
			rt_exc(rt, at, "TypeError", "unhashable type: '%s'", tv_type_name(item));
			return -1;
		}
		*out = v.kind != TV_MISSING;
		return 0;
	}
	case TV_RANGE: {
		const struct tv_range *r = coll.u.r;
		if (rt_strict(item)) {
			rt_undef_err(rt, at, item);
			return -1;
		}
		*out = false;
		if (!tv_is_number(item))
			return 0;
		if (item.kind == TV_FLOAT && item.u.f != floor(item.u.f))
			return 0;
		int64_t x;
		if (item.kind == TV_FLOAT) {
			if (!isfinite(item.u.f) || fabs(item.u.f) > 9.2e18)
				return 0;
			x = (int64_t)item.u.f;
		} else {
			x = ival(item);
		}
		if (r->step > 0)
			*out = x >= r->start && x < r->stop && ((uint64_t)x - (uint64_t)r->start) % (uint64_t)r->step == 0;
		else
			*out = x <= r->start && x > r->stop &&
			       ((uint64_t)r->start - (uint64_t)x) % ((uint64_t)(-(r->step + 1)) + 1) == 0;
		return 0;
	}
	default:
		if (as_list(coll).kind == TV_LIST)
			return contains(rt, at, item, as_list(coll), out);
		rt_exc(rt, at, "TypeError", "argument of type '%s' is not iterable", tv_type_name(coll));
		return -1;
	}
}

int rt_compare(struct rt *rt, const struct node *at, int op, struct tv a, struct tv b, bool *out)
{
	switch (op) {
	case CMP_EQ:
		return equal(rt, at, a, b, out);
	case CMP_NE:
		if (equal(rt, at, a, b, out) < 0)
			return -1;
		*out = !*out;
		return 0;
	case CMP_IN:
		return contains(rt, at, a, b, out);
	case CMP_NOTIN:
		if (contains(rt, at, a, b, out) < 0)
			return -1;
		*out = !*out;
		return 0;
	default:
		return order(rt, at, op, a, b, out);
	}
}

int rt_less(struct rt *rt, const struct node *at, struct tv a, struct tv b, bool *out)
{
	return order(rt, at, CMP_LT, a, b, out);
}

/* --- sorting: a stable merge sort, which orders like Python's timsort
 * whenever '<' is a consistent order --- */

static int msort(struct rt *rt, const struct node *at, struct rt_pair *v, struct rt_pair *tmp, size_t n, bool reverse)
{
	if (n < 2)
		return 0;
	size_t h = n / 2;
	if (msort(rt, at, v, tmp, h, reverse) < 0 || msort(rt, at, v + h, tmp, n - h, reverse) < 0)
		return -1;
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n) {
		bool right;
		if (order(rt, at, CMP_LT, reverse ? v[i].key : v[j].key, reverse ? v[j].key : v[i].key, &right) < 0)
			return -1;
		tmp[k++] = right ? v[j++] : v[i++];
	}
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
	return 0;
}

int rt_sort_pairs(struct rt *rt, const struct node *at, struct rt_pair *v, size_t n, bool reverse)
{
	struct rt_pair *tmp = n ? calloc(n, sizeof *tmp) : NULL;
	if (n && !tmp) {
		rt_oom(rt, at);
		return -1;
	}
	int rc = msort(rt, at, v, tmp, n, reverse);
	free(tmp);
	return rc;
}

/* --- iteration --- */

int rt_iter(struct rt *rt, const struct node *at, struct tv v, struct iter *it)
{
	it->i = 0;
	switch (v.kind) {
	case TV_UNDEF:
		if (v.u.un->strict) {
			rt_undef_err(rt, at, v);
			return -1;
		}
		it->n = 0;
		break;
	case TV_STR: it->n = v.u.s->len; break;
	case TV_LIST:
	case TV_TUPLE: it->n = v.u.seq->n; break;
	case TV_DICT: it->n = v.u.d->n; break;
	case TV_RANGE: it->n = (size_t)tv_range_len(v); break;
	default:
		if (as_list(v).kind == TV_LIST)
			return rt_iter(rt, at, as_list(v), it);
		if (v.kind == TV_OBJ && ((const struct rt_class *)v.u.o->cls)->next) {
			it->n = SIZE_MAX;
			break;
		}
		rt_exc(rt, at, "TypeError", "'%s' object is not iterable", tv_type_name(v));
		return -1;
	}
	it->src = tv_ref(v);
	return 0;
}

size_t rt_iter_left(const struct iter *it)
{
	if (it->n == SIZE_MAX)
		return SIZE_MAX;
	if (it->src.kind == TV_STR) {
		size_t n = 0;
		for (size_t i = it->i; i < it->n; i++)
			n += ((unsigned char)it->src.u.s->data[i] & 0xC0) != 0x80;
		return n;
	}
	return it->n - it->i;
}

int rt_next(struct rt *rt, const struct node *at, struct iter *it, struct tv *out)
{
	if (it->i >= it->n)
		return 0;
	struct tv v = it->src;
	if (it->n == SIZE_MAX)
		return ((const struct rt_class *)v.u.o->cls)->next(rt, at, v, out);
	switch (v.kind) {
	case TV_STR: {
		size_t start = it->i;
		ustr_next(v.u.s->data, v.u.s->len, &it->i);
		*out = tv_str(v.u.s->data + start, it->i - start);
		if (IS_ERR(*out)) {
			rt_oom(rt, at);
			return -1;
		}
		return 1;
	}
	case TV_LIST:
	case TV_TUPLE:
		*out = tv_ref(v.u.seq->v[it->i++]);
		return 1;
	case TV_DICT:
		*out = tv_ref(v.u.d->e[it->i++].key);
		return 1;
	case TV_RANGE:
		*out = tv_int((int64_t)((uint64_t)v.u.r->start + (uint64_t)v.u.r->step * (uint64_t)it->i));
		it->i++;
		return 1;
	default:
		return 0;
	}
}

void rt_iter_free(struct iter *it)
{
	tv_drop(it->src);
	it->src = tv_none();
	it->n = it->i = 0;
}

struct tv rt_list(struct rt *rt, const struct node *at, struct tv v)
{
	struct iter it;
	if (rt_iter(rt, at, v, &it) < 0)
		return (struct tv){ .kind = TV_OOM };
	size_t n = rt_iter_left(&it);
	if (n == SIZE_MAX)
		n = 0;
	if (n > rt->lim.max_value) {
		rt_iter_free(&it);
		rt_too_big(rt, at, SIZE_MAX);
		return (struct tv){ .kind = TV_OOM };
	}
	struct tv l = tv_list_new(n);
	struct tv x;
	int r = 0;
	while (!IS_ERR(l) && (r = rt_next(rt, at, &it, &x)) > 0) {
		tv_list_push(l, x);
		if (rt_too_big(rt, at, l.u.seq->n))
			break;
	}
	rt_iter_free(&it);
	/* an iterator error is a failure even when no error was recorded */
	if (IS_ERR(l) || l.u.seq->oom || r < 0) {
		tv_drop(l);
		return rt_oom(rt, at);
	}
	if (rt->failed) {
		tv_drop(l);
		return (struct tv){ .kind = TV_OOM };
	}
	return l;
}
