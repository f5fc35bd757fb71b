/* filters_seq: Jinja's filters over sequences and mappings (length, list,
 * first, last, join, sort, unique, min, max, sum, reverse, batch, slice,
 * map, select, reject, selectattr, rejectattr, items, dictsort, attr).
 * Registered in the table in filters.c.
 */
#ifndef OSMO_TMPL_FILTERS_SEQ_H
#define OSMO_TMPL_FILTERS_SEQ_H

#include "tmpl/eval.h"

#define FILTER(name) struct tv name(struct rt *rt, const struct node *at, struct tv v, const struct args *a)
FILTER(filters_attr);
FILTER(filters_batch);
FILTER(filters_dictsort);
FILTER(filters_first);
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
FILTER(filters_select);
FILTER(filters_selectattr);
FILTER(filters_slice);
FILTER(filters_sort);
FILTER(filters_sum);
FILTER(filters_unique);
#undef FILTER

#endif
