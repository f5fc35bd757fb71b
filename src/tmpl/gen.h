/* gen: the lazy iterators some Jinja filters return (map, select, reject,
 * selectattr, rejectattr, unique, batch, slice, items, reverse).
 *
 * Like Python generators they run only when iterated, raise their errors
 * then (not when the filter is applied), can be consumed only once, print
 * as "<generator object ...>" and have no len(). Templates normally pipe
 * them into |list, |join or a for loop, which all work as in Jinja.
 */
#ifndef OSMO_TMPL_GEN_H
#define OSMO_TMPL_GEN_H

#include "tmpl/eval.h"
#include "tmpl/filters.h"
#include "tmpl/tests.h"

enum gen_kind {
	GEN_MAP,         /* map('filter', args...) or map(attribute=..., default=...) */
	GEN_SELECT,      /* select / reject / selectattr / rejectattr */
	GEN_UNIQUE,      /* unique(case_sensitive, attribute) */
	GEN_BATCH,       /* batch(linecount, fill_with) */
	GEN_SLICE,       /* slice(slices, fill_with) */
	GEN_ITEMS,       /* items */
	GEN_REVERSED,    /* reversed(seq) */
};

/* What a generator does; values are copied (referenced) by gen_new. */
struct gen_spec {
	enum gen_kind kind;
	const char *pyname;          /* for repr: "sync_do_map", "list_reverseiterator", ... */
	struct tv src;               /* the iterated value (borrowed) */
	const struct args *args;     /* map/select: the filter's own arguments (borrowed) */
	bool attr_form;              /* map(attribute=...), selectattr/rejectattr */
	bool negate;                 /* reject / rejectattr */
	bool case_sensitive;         /* unique */
	struct tv attribute;         /* unique(attribute=...), or TV_MISSING */
	int64_t count;               /* batch linecount / slice count */
	struct tv fill;              /* batch/slice fill_with (TV_NONE = none) */
};

/* A new generator (TV_OOM on allocation failure). */
struct tv gen_new(const struct gen_spec *spec);
/* Look an attribute path ("a.b.0", or an int) up on item the way Jinja's
 * make_attrgetter does (sandboxed getitem per part). lower: apply
 * ignore_case (str.lower) to the result. Returns a new value. */
struct tv gen_attr_path(struct rt *rt, const struct node *at, struct tv item, struct tv path, bool lower);

#endif
