/* Unit tests for pydump (yaml.dump's text); filled in below. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "doc.h"
#include "pydump.h"

static void test_simple(void **state)
{
	(void)state;
	struct diag_list diags = { 0 };
	struct doc *d = doc_load("a: 1\n", 5, NULL, &diags);
	struct buf out = BUF_INIT;
	assert_int_equal(pydump_node(d->root, NULL, &out, &diags), 0);
	assert_string_equal(buf_cstr(&out), "a: 1\n");
	buf_free(&out);
	doc_free(d);
	diag_free(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_simple) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
