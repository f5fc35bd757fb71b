/* filters: Jinja's built-in filters, as a table name -> implementation.
 *
 * Each filter reproduces the Jinja 3.1 filter of the same name (argument
 * names, defaults, edge cases, error messages). Filters that Jinja has but
 * osmo-tui does not implement are known by name so that using one is an
 * "unsupported" error rather than Jinja's "no filter named".
 */
#ifndef OSMO_TMPL_FILTERS_H
#define OSMO_TMPL_FILTERS_H

#include "tmpl/eval.h"

struct filter_def {
	const char *name;
	/* v is the filtered value (borrowed); returns a new value */
	struct tv (*fn)(struct rt *rt, const struct node *at, struct tv v, const struct args *a);
	bool takes_undefined;      /* may receive a StrictUndefined value */
};

/* The filter called name, or NULL. */
const struct filter_def *filter_find(const char *name, size_t len);
/* Is name one of Jinja's built-in filters? */
bool filter_jinja_known(const char *name, size_t len);
/* Call filter f on v with positional arguments only (for map()). */
struct tv filter_call(struct rt *rt, const struct node *at, const struct filter_def *f, struct tv v,
		      const struct args *a);

#endif
