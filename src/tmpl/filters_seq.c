/* filters_seq: Jinja's sequence and mapping filters (see filters_seq.h).
 * Sorting is a stable merge sort on Python's '<' (what sorted() uses);
 * keys come from Jinja's attribute getters with its ignore_case rule.
 */
#include "tmpl/filters_seq.h"

#include <stdlib.h>
#include <string.h>

#include "tmpl/gen.h"
#include "tmpl/methods.h"
#include "tmpl/ustr.h"

#define FAILV ((struct tv){ .kind = TV_OOM })
#define BIND(fname, ...)                                                                              \
	static const char *const params[] = { __VA_ARGS__ };                                          \
	enum { NP = sizeof params / sizeof params[0] };                                               \
	struct tv p[NP];                                                                              \
	if (rt_bind(rt, at, fname, a, params, NP, 1, 1, p) < 0)                                       \
		return FAILV;                                                                         \
	p[0] = v

static bool given(struct tv v)
{
	return v.kind != TV_MISSING;
}

static int flag(struct rt *rt, const struct node *at, struct tv v, bool *out)
{
	*out = false;
	return given(v) ? rt_truth(rt, at, v, out) : 0;
}

static struct tv path_or_none(struct tv v)
{
	return given(v) ? v : tv_none();
}

/* --- sorting --- */

struct sitem {
	struct tv key, item;
};

static int msort(struct rt *rt, const struct node *at, struct sitem *v, struct sitem *tmp, size_t n, bool reverse)
{
	if (n < 2)
		return 0;
	size_t h = n / 2;
	if (msort(rt, at, v, tmp, h, reverse) < 0 || msort(rt, at, v + h, tmp, n - h, reverse) < 0)
		return -1;
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n) {
		bool right;
		if (reverse ? rt_less(rt, at, v[i].key, v[j].key, &right) < 0
			    : rt_less(rt, at, v[j].key, v[i].key, &right) < 0)
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

/* The sort key of item: a list of the attributes in attr ("a.b,c"), or
 * [item], each lower-cased unless case_sensitive (make_multi_attrgetter). */
static struct tv multi_key(struct rt *rt, const struct node *at, struct tv item, struct tv attr, bool lower)
{
	struct tv key = tv_list_new(1);
	if (IS_ERR(key))
		return rt_oom(rt, at);
	if (attr.kind != TV_STR) {
		struct tv k = gen_attr_path(rt, at, item, attr, lower);
		if (IS_ERR(k)) {
			tv_drop(key);
			return k;
		}
		tv_list_push(key, k);
		return key;
	}
	const char *s = attr.u.s->data;
	size_t len = attr.u.s->len, i = 0;
	for (;;) {
		size_t j = i;
		while (j < len && s[j] != ',')
			j++;
		struct tv part = tv_str(s + i, j - i);
		struct tv k = IS_ERR(part) ? part : gen_attr_path(rt, at, item, part, lower);
		tv_drop(part);
		if (IS_ERR(k)) {
			tv_drop(key);
			return rt_chk(rt, at, k);
		}
		tv_list_push(key, k);
		if (j >= len)
			break;
		i = j + 1;
	}
	return key;
}

/* Sort the items of v by key (an owned list of (key, item) pairs). */
static struct tv sort_by(struct rt *rt, const struct node *at, struct tv v, struct tv attr, bool lower, bool reverse,
			 bool multi)
{
	struct tv list = rt_list(rt, at, v);
	if (IS_ERR(list))
		return list;
	size_t n = list.u.seq->n;
	struct sitem *items = calloc(2 * n + 1, sizeof *items);
	if (!items) {
		tv_drop(list);
		return rt_oom(rt, at);
	}
	size_t got = 0;
	int rc = 0;
	for (; got < n; got++) {
		struct tv item = list.u.seq->v[got];
		items[got].item = item;
		items[got].key = multi ? multi_key(rt, at, item, attr, lower) : gen_attr_path(rt, at, item, attr, lower);
		if (IS_ERR(items[got].key)) {
			rc = -1;
			break;
		}
	}
	if (rc == 0)
		rc = msort(rt, at, items, items + n, n, reverse);
	struct tv out = FAILV;
	if (rc == 0) {
		out = tv_list_new(n);
		for (size_t i = 0; !IS_ERR(out) && i < n; i++)
			tv_list_push(out, tv_ref(items[i].item));
		out = rt_chk(rt, at, out);
	}
	for (size_t i = 0; i < got; i++)
		tv_drop(items[i].key);
	free(items);
	tv_drop(list);
	return out;
}

struct tv filters_sort(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_sort", "value", "reverse", "case_sensitive", "attribute");
	bool reverse, cs;
	if (flag(rt, at, p[1], &reverse) < 0 || flag(rt, at, p[2], &cs) < 0)
		return FAILV;
	return sort_by(rt, at, v, path_or_none(p[3]), !cs, reverse, true);
}

struct tv filters_dictsort(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_dictsort", "value", "case_sensitive", "by", "reverse");
	bool cs, reverse;
	if (flag(rt, at, p[1], &cs) < 0 || flag(rt, at, p[3], &reverse) < 0)
		return FAILV;
	int64_t pos = 0;
	if (given(p[2])) {
		struct tv by = p[2];
		if (by.kind == TV_STR && strcmp(by.u.s->data, "value") == 0)
			pos = 1;
		else if (!(by.kind == TV_STR && strcmp(by.u.s->data, "key") == 0))
			return rt_exc(rt, at, "FilterArgumentError", "You can only sort by either \"key\" or \"value\"");
	}
	if (v.kind != TV_DICT)
		return rt_exc(rt, at, "AttributeError", "'%s' object has no attribute 'items'", tv_type_name(v));
	struct tv pairs = tv_list_new(v.u.d->n);
	for (size_t i = 0; !IS_ERR(pairs) && i < v.u.d->n; i++) {
		struct tv t = tv_tuple_new(2);
		tv_list_push(t, tv_ref(v.u.d->e[i].key));
		tv_list_push(t, tv_ref(v.u.d->e[i].val));
		tv_list_push(pairs, t);
	}
	if (IS_ERR(pairs) || pairs.u.seq->oom) {
		tv_drop(pairs);
		return rt_oom(rt, at);
	}
	struct tv r = sort_by(rt, at, pairs, tv_int(pos), !cs, reverse, false);
	tv_drop(pairs);
	return r;
}

/* --- aggregation --- */

static struct tv min_max(struct rt *rt, const struct node *at, struct tv v, const struct args *a, bool max)
{
	BIND(max ? "do_max" : "do_min", "value", "case_sensitive", "attribute");
	bool cs;
	if (flag(rt, at, p[1], &cs) < 0)
		return FAILV;
	struct iter it;
	if (rt_iter(rt, at, v, &it) < 0)
		return FAILV;
	struct tv best = tv_missing(), bestkey = tv_missing(), x;
	int r;
	while ((r = rt_next(rt, at, &it, &x)) > 0) {
		struct tv key = gen_attr_path(rt, at, x, path_or_none(p[2]), !cs);
		if (IS_ERR(key)) {
			tv_drop(x);
			r = -1;
			break;
		}
		bool better = best.kind == TV_MISSING;
		if (!better && rt_compare(rt, at, max ? CMP_GT : CMP_LT, key, bestkey, &better) < 0) {
			tv_drop(key);
			tv_drop(x);
			r = -1;
			break;
		}
		if (better) {
			tv_drop(best);
			tv_drop(bestkey);
			best = x;
			bestkey = key;
		} else {
			tv_drop(key);
			tv_drop(x);
		}
	}
	rt_iter_free(&it);
	tv_drop(bestkey);
	if (r < 0) {
		tv_drop(best);
		return FAILV;
	}
	if (best.kind == TV_MISSING)
		return rt_chk(rt, at, tv_undef_new(true, "No aggregated item, sequence was empty.", NULL, NULL, false, false));
	return best;
}

struct tv filters_min(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	return min_max(rt, at, v, a, false);
}

struct tv filters_max(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	return min_max(rt, at, v, a, true);
}

struct tv filters_sum(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_sum", "iterable", "attribute", "start");
	struct tv acc = given(p[2]) ? tv_ref(p[2]) : tv_int(0);
	if (acc.kind == TV_STR) {
		tv_drop(acc);
		return rt_exc(rt, at, "TypeError", "sum() can't sum strings [use ''.join(seq) instead]");
	}
	struct iter it;
	if (rt_iter(rt, at, v, &it) < 0) {
		tv_drop(acc);
		return FAILV;
	}
	struct tv x;
	int r;
	while ((r = rt_next(rt, at, &it, &x)) > 0) {
		struct tv item = given(p[1]) ? gen_attr_path(rt, at, x, p[1], false) : tv_ref(x);
		tv_drop(x);
		struct tv next = IS_ERR(item) ? item : rt_binop(rt, at, OP_ADD, acc, item);
		tv_drop(item);
		tv_drop(acc);
		acc = next;
		if (IS_ERR(acc)) {
			r = -1;
			break;
		}
	}
	rt_iter_free(&it);
	if (r < 0) {
		tv_drop(acc);
		return rt_chk(rt, at, FAILV);
	}
	return acc;
}

struct tv filters_length(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("len", "obj");
	int64_t n;
	return rt_len(rt, at, v, &n) < 0 ? FAILV : tv_int(n);
}

struct tv filters_list(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_list", "value");
	return rt_list(rt, at, v);
}

struct tv filters_first(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_first", "seq");
	struct iter it;
	if (rt_iter(rt, at, v, &it) < 0)
		return FAILV;
	struct tv x;
	int r = rt_next(rt, at, &it, &x);
	rt_iter_free(&it);
	if (r < 0)
		return FAILV;
	if (r == 0)
		return rt_chk(rt, at, tv_undef_new(true, "No first item, sequence was empty.", NULL, NULL, false, false));
	return x;
}

static bool reversible(struct tv v)
{
	return v.kind == TV_LIST || v.kind == TV_TUPLE || v.kind == TV_STR || v.kind == TV_RANGE ||
	       v.kind == TV_DICT || (v.kind == TV_OBJ && ((const struct rt_class *)v.u.o->cls)->as_list);
}

struct tv filters_last(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_last", "seq");
	if (!reversible(v))
		return rt_exc(rt, at, "TypeError", "'%s' object is not reversible", tv_type_name(v));
	struct tv list = rt_list(rt, at, v);
	if (IS_ERR(list))
		return list;
	struct tv r;
	if (list.u.seq->n == 0)
		r = rt_chk(rt, at, tv_undef_new(true, "No last item, sequence was empty.", NULL, NULL, false, false));
	else
		r = tv_ref(list.u.seq->v[list.u.seq->n - 1]);
	tv_drop(list);
	return r;
}

struct tv filters_join(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_join", "value", "d", "attribute");
	struct tv d = given(p[1]) ? rt_to_str(rt, at, p[1]) : tv_str("", 0);
	if (IS_ERR(d))
		return rt_chk(rt, at, d);
	struct iter it;
	if (rt_iter(rt, at, v, &it) < 0) {
		tv_drop(d);
		return FAILV;
	}
	struct buf b = BUF_INIT;
	struct tv x;
	int r, i = 0;
	while ((r = rt_next(rt, at, &it, &x)) > 0) {
		struct tv item = given(p[2]) && p[2].kind != TV_NONE ? gen_attr_path(rt, at, x, p[2], false) : tv_ref(x);
		tv_drop(x);
		if (i++)
			buf_add(&b, d.u.s->data, d.u.s->len);
		int rc = IS_ERR(item) ? -1 : rt_str(rt, at, item, &b);
		tv_drop(item);
		if (rc < 0 || rt_too_big(rt, at, b.len)) {
			r = -1;
			break;
		}
	}
	rt_iter_free(&it);
	tv_drop(d);
	if (r < 0) {
		buf_free(&b);
		return FAILV;
	}
	return rt_chk(rt, at, tv_str_from_buf(&b));
}

/* --- generators --- */

static struct tv make_gen(struct rt *rt, const struct node *at, struct gen_spec *spec)
{
	return rt_chk(rt, at, gen_new(spec));
}

struct tv filters_reverse(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_reverse", "value");
	if (v.kind == TV_STR) {
		size_t len = v.u.s->len, i = len;
		struct tv r = tv_str_alloc(len);
		if (IS_ERR(r))
			return rt_oom(rt, at);
		size_t o = 0;
		while (i > 0) {
			size_t q = i - 1;
			while (q > 0 && ((unsigned char)v.u.s->data[q] & 0xC0) == 0x80)
				q--;
			memcpy(r.u.s->data + o, v.u.s->data + q, i - q);
			o += i - q;
			i = q;
		}
		return r;
	}
	if (reversible(v)) {
		struct gen_spec s = { .kind = GEN_REVERSED, .src = v, .attribute = tv_missing(), .fill = tv_none() };
		s.pyname = v.kind == TV_LIST ? "list_reverseiterator" : v.kind == TV_TUPLE ? "reversed"
			   : v.kind == TV_RANGE ? "range_iterator" : v.kind == TV_DICT ? "dict_reversekeyiterator"
			   : "dict_reverseiterator";
		return make_gen(rt, at, &s);
	}
	struct tv list = rt_list(rt, at, v);
	if (IS_ERR(list)) {
		if (rt_strict(v))
			return list;
		rt->failed = false;
		return rt_exc(rt, at, "FilterArgumentError", "argument must be iterable");
	}
	struct tv_seq *q = list.u.seq;
	for (size_t i = 0; i < q->n / 2; i++) {
		struct tv t = q->v[i];
		q->v[i] = q->v[q->n - 1 - i];
		q->v[q->n - 1 - i] = t;
	}
	return list;
}

struct tv filters_unique(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_unique", "value", "case_sensitive", "attribute");
	bool cs;
	if (flag(rt, at, p[1], &cs) < 0)
		return FAILV;
	struct gen_spec s = { .kind = GEN_UNIQUE, .pyname = "sync_do_unique", .src = v, .case_sensitive = cs,
			      .attribute = path_or_none(p[2]), .fill = tv_none() };
	return make_gen(rt, at, &s);
}

static struct tv batch_slice(struct rt *rt, const struct node *at, struct tv v, const struct args *a, bool slice)
{
	static const char *const params[] = { "value", "n", "fill_with" };
	struct tv p[3];
	if (rt_bind(rt, at, slice ? "do_slice" : "do_batch", a, params, 3, 2, 1, p) < 0)
		return FAILV;
	struct tv n = p[1];
	if (n.kind != TV_INT && n.kind != TV_BOOL)
		return rt_err(rt, at, RULE_UNSUPPORTED, "%s() needs an integer count in osmo-tui", slice ? "slice" : "batch");
	int64_t count = n.kind == TV_BOOL ? n.u.b : n.u.i;
	if (count <= 0)
		return count == 0 && slice ? rt_exc(rt, at, "ZeroDivisionError", "integer division or modulo by zero")
					   : rt_err(rt, at, RULE_UNSUPPORTED, "a count below 1 is not supported");
	struct gen_spec s = { .kind = slice ? GEN_SLICE : GEN_BATCH, .pyname = slice ? "sync_do_slice" : "do_batch",
			      .src = v, .count = count, .attribute = tv_missing(),
			      .fill = given(p[2]) ? p[2] : tv_none() };
	return make_gen(rt, at, &s);
}

struct tv filters_batch(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	return batch_slice(rt, at, v, a, false);
}

struct tv filters_slice(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	return batch_slice(rt, at, v, a, true);
}

struct tv filters_items(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	BIND("do_items", "value");
	struct gen_spec s = { .kind = GEN_ITEMS, .pyname = "do_items", .src = v, .attribute = tv_missing(),
			      .fill = tv_none() };
	return make_gen(rt, at, &s);
}

static struct tv select_gen(struct rt *rt, const struct node *at, struct tv v, const struct args *a, bool attr,
			    bool negate)
{
	struct gen_spec s = { .kind = GEN_SELECT, .pyname = "select_or_reject", .src = v, .args = a,
			      .attr_form = attr, .negate = negate, .attribute = tv_missing(), .fill = tv_none() };
	return make_gen(rt, at, &s);
}

struct tv filters_map(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	struct gen_spec s = { .kind = GEN_MAP, .pyname = "sync_do_map", .src = v, .args = a,
			      .attribute = tv_missing(), .fill = tv_none() };
	return make_gen(rt, at, &s);
}

struct tv filters_select(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	return select_gen(rt, at, v, a, false, false);
}

struct tv filters_reject(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	return select_gen(rt, at, v, a, false, true);
}

struct tv filters_selectattr(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	return select_gen(rt, at, v, a, true, false);
}

struct tv filters_rejectattr(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	return select_gen(rt, at, v, a, true, true);
}

struct tv filters_attr(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
{
	static const char *const params[] = { "obj", "name" };
	struct tv p[2];
	if (rt_bind(rt, at, "do_attr", a, params, 2, 2, 1, p) < 0)
		return FAILV;
	if (p[1].kind != TV_STR)
		return rt_exc(rt, at, "TypeError", "attribute name must be string, not '%s'", tv_type_name(p[1]));
	const char *name = p[1].u.s->data;
	size_t len = p[1].u.s->len;
	bool exists = methods_has_attr(v, name, len);
	if (!exists && v.kind == TV_OBJ) {
		struct tv probe = methods_getattr(rt, at, v, name, len);
		if (IS_ERR(probe))
			return probe;
		exists = probe.kind != TV_MISSING;
		tv_drop(probe);
	}
	if (!exists) {
		struct buf ty = BUF_INIT;
		tv_object_type_repr(v, &ty);
		struct tv u = tv_undef_new(true, NULL, name, buf_cstr(&ty), false, false);
		buf_free(&ty);
		return rt_chk(rt, at, u);
	}
	return rt_getattr(rt, at, v, name, len);
}
