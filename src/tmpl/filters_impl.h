/* filters_impl: the filter implementations registered in the table in
 * filters.c (sequence filters in filters_seq.c, number filters in
 * filters_num.c) and the argument helpers they share. Internal.
 */
#ifndef OSMO_TMPL_FILTERS_IMPL_H
#define OSMO_TMPL_FILTERS_IMPL_H

#include "tmpl/eval.h"

#define FAILV ((struct tv){ .kind = TV_OOM })

/* Bind the filter's arguments to Jinja's parameter names: p[0] is the
 * filtered value, p[i] TV_MISSING when not given. */
#define BIND(fname, ...)                                                                              \
	static const char *const params[] = { __VA_ARGS__ };                                          \
	enum { NP = sizeof params / sizeof params[0] };                                               \
	struct tv p[NP];                                                                              \
	if (rt_bind(rt, at, fname, a, params, NP, 1, 1, p) < 0)                                       \
		return FAILV;                                                                         \
	p[0] = v

/* Was the argument given? */
static inline bool given(struct tv v)
{
	return v.kind != TV_MISSING;
}

/* An int argument (dflt when not given); TypeError otherwise. */
static inline int int_param(struct rt *rt, const struct node *at, struct tv v, int64_t dflt, int64_t *out)
{
	if (!given(v)) {
		*out = dflt;
		return 0;
	}
	if (v.kind == TV_INT || v.kind == TV_BOOL) {
		*out = v.kind == TV_BOOL ? v.u.b : v.u.i;
		return 0;
	}
	if (rt_strict(v)) {
		rt_undef_err(rt, at, v);
		return -1;
	}
	rt_exc(rt, at, "TypeError", "'%s' object cannot be interpreted as an integer", tv_type_name(v));
	return -1;
}

/* A truth-valued argument (false when not given). */
static inline int bool_param(struct rt *rt, const struct node *at, struct tv v, bool *out)
{
	*out = false;
	return given(v) ? rt_truth(rt, at, v, out) : 0;
}

#define FILTER(name) struct tv name(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
FILTER(filters_abs);
FILTER(filters_attr);
FILTER(filters_batch);
FILTER(filters_dictsort);
FILTER(filters_filesizeformat);
FILTER(filters_first);
FILTER(filters_float);
FILTER(filters_int);
FILTER(filters_items);
FILTER(filters_join);
FILTER(filters_last);
FILTER(filters_length);
FILTER(filters_list);
FILTER(filters_map);
FILTER(filters_max);
FILTER(filters_min);
FILTER(filters_reject);
FILTER(filters_rejectattr);
FILTER(filters_reverse);
FILTER(filters_round);
FILTER(filters_select);
FILTER(filters_selectattr);
FILTER(filters_slice);
FILTER(filters_sort);
FILTER(filters_sum);
FILTER(filters_unique);
#undef FILTER

#endif
