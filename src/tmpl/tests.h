/* tests: Jinja's built-in tests ("x is defined", "n is divisibleby 3"), as
 * a table name -> implementation, reproducing Jinja 3.1's tests including
 * how each treats undefined values.
 */
#ifndef OSMO_TMPL_TESTS_H
#define OSMO_TMPL_TESTS_H

#include "tmpl/eval.h"

struct test_def {
	const char *name;
	/* 1 = true, 0 = false, -1 = error (recorded in rt) */
	int (*fn)(struct rt *rt, const struct node *at, struct tv v, const struct args *a);
};

/* The test called name, or NULL. */
const struct test_def *test_find(const char *name, size_t len);
/* Is name one of Jinja's built-in tests? */
bool test_jinja_known(const char *name, size_t len);

#endif
