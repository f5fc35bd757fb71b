/* Unit tests for the base modules: buf, diag, textpos, arena, similar, strmap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "similar.h"
#include "strmap.h"
#include "textpos.h"

static void buf_appends_and_detaches(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	assert_string_equal(buf_cstr(&b), "");
	buf_puts(&b, "abc");
	buf_printf(&b, "-%d-", 42);
	buf_repeat(&b, 'x', 3);
	buf_putc(&b, '!');
	assert_string_equal(buf_cstr(&b), "abc-42-xxx!");
	assert_int_equal(b.len, 11);
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%0300d", i);
	assert_int_equal(b.len, 11 + 300 * 1000);
	buf_truncate(&b, 3);
	char *s = buf_detach(&b);
	assert_string_equal(s, "abc");
	assert_null(b.data);
	free(s);
}

static void diag_sorts_by_position_and_dedups(void **state)
{
	(void)state;
	struct diag_list l = { 0 };
	diag_addf_lc(&l, DIAG_WARNING, "b-rule", 3, 1, "third");
	diag_addf_lc(&l, DIAG_ERROR, "a-rule", 1, 5, "first %s", "one");
	diag_addf_lc(&l, DIAG_ERROR, "a-rule", 1, 5, "first %s", "one");
	diag_addf_lc(&l, DIAG_ERROR, "c-rule", 2, 2, "second");
	diag_sort(&l);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0].message, "first one");
	assert_string_equal(l.v[1].message, "second");
	assert_string_equal(l.v[2].message, "third");
	assert_int_equal(diag_count(&l, DIAG_ERROR), 2);
	assert_int_equal(diag_count(&l, DIAG_WARNING), 1);
	diag_free(&l);
}

static void diag_list_respects_max(void **state)
{
	(void)state;
	struct diag_list l = { .max = 2 };
	for (int i = 0; i < 5; i++)
		assert_int_equal(diag_addf_lc(&l, DIAG_ERROR, "r", i + 1, 1, "m%d", i), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.dropped, 3);
	diag_free(&l);
}

static void textpos_counts_code_points(void **state)
{
	(void)state;
	const char *t = "ab\nh\xc3\xa9llo: \xe6\x97\xa5x\n\nlast";
	struct textpos tp;
	assert_int_equal(textpos_init(&tp, t, strlen(t)), 0);
	int line, col;
	textpos_locate(&tp, 0, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 1);
	const char *x = strchr(t, 'x');
	textpos_locate(&tp, (size_t)(x - t), &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 9); /* h é l l o : space 日 x */
	textpos_locate(&tp, strlen(t), &line, &col);
	assert_int_equal(line, 4);
	assert_int_equal(col, 5);
	assert_int_equal(textpos_offset(&tp, 2, 9), (size_t)(x - t));
	assert_int_equal(textpos_line_end(&tp, 3), textpos_line_start(&tp, 3));
	textpos_free(&tp);
}

static void arena_big_then_small_do_not_overlap(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	char *big = arena_alloc(&a, 100000);
	memset(big, 'b', 100000);
	for (int i = 0; i < 1000; i++) {
		char *small = arena_zalloc(&a, 64);
		assert_non_null(small);
		assert_true(small + 64 <= big || small >= big + 100000);
		char *big2 = arena_alloc(&a, 50000);
		assert_true(big2 + 50000 <= small || big2 >= small + 64);
	}
	for (int i = 0; i < 100000; i++)
		assert_int_equal(big[i], 'b');
	assert_string_equal(arena_strndup(&a, "hello world", 5), "hello");
	arena_free(&a);
}

static void similar_weighs_case_changes_half(void **state)
{
	(void)state;
	assert_int_equal(similar_distance("image", "image"), 0);
	assert_int_equal(similar_distance("Image", "image"), 1);
	assert_int_equal(similar_distance("imag", "image"), 2);
	assert_int_equal(similar_distance("imgae", "image"), 4);
	assert_int_equal(similar_distance("", "abc"), 6);
	char longname[80];
	memset(longname, 'a', 79);
	longname[79] = '\0';
	assert_int_equal(similar_distance(longname, "a"), SIMILAR_FAR);
	assert_true(similar_distance("comand", "command") <= similar_limit(6));
	assert_false(similar_distance("xyz", "image") <= similar_limit(3));
	/* within a bound: the distance when it is at most the bound */
	assert_int_equal(similar_within("imgae", "image", 4), 4);
	assert_int_equal(similar_within("imgae", "image", 3), SIMILAR_FAR);
	assert_int_equal(similar_within("task-1", "task-1234", 5), SIMILAR_FAR);
	assert_int_equal(similar_within("task-1", "task-1234", 6), 6);
	assert_int_equal(similar_within("abcdef", "abcxef", 2), 2);
	assert_int_equal(similar_within("xbcdef", "abcdef", 1), SIMILAR_FAR);
	/* every pair of a small alphabet agrees with the unbounded distance */
	const char *w[] = { "", "a", "A", "ab", "ba", "abc", "acb", "aBc", "xyz", "abcd" };
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
		for (size_t j = 0; j < sizeof w / sizeof w[0]; j++)
			for (size_t max = 0; max < 9; max++) {
				size_t d = similar_distance(w[i], w[j]);
				assert_int_equal(similar_within(w[i], w[j], max), d <= max ? d : SIMILAR_FAR);
			}
}

/* Growing rehashes every entry into the new table (the analyzer once flagged
 * the table swap in grow() as a use after free: it is not, and this keeps
 * the entries, old and new, visible through many doublings). */
static void strmap_keeps_entries_across_growth(void **state)
{
	(void)state;
	enum { N = 1000 };
	static char keys[N][8];
	static int vals[N];
	struct strmap m = STRMAP_INIT;
	assert_null(strmap_get(&m, "absent"));
	for (int i = 0; i < N; i++) {
		snprintf(keys[i], sizeof keys[i], "k%d", i);
		vals[i] = i;
		assert_int_equal(strmap_put(&m, keys[i], &vals[i]), 0);
		assert_ptr_equal(strmap_get(&m, keys[0]), &vals[0]);
	}
	assert_int_equal(m.n, N);
	assert_true(m.cap >= 2 * m.n);
	for (int i = 0; i < N; i++)
		assert_ptr_equal(strmap_get(&m, keys[i]), &vals[i]);
	assert_null(strmap_get(&m, "k1000"));
	/* add keeps the first value, put replaces it */
	assert_ptr_equal(strmap_add(&m, keys[7], &vals[8]), &vals[7]);
	assert_int_equal(strmap_put(&m, keys[7], &vals[8]), 0);
	assert_ptr_equal(strmap_get(&m, keys[7]), &vals[8]);
	assert_int_equal(m.n, N);
	strmap_free(&m);
	assert_null(strmap_get(&m, keys[0]));
	/* and from empty through strmap_add */
	for (int i = 0; i < 40; i++)
		assert_ptr_equal(strmap_add(&m, keys[i], &vals[i]), &vals[i]);
	for (int i = 0; i < 40; i++)
		assert_ptr_equal(strmap_get(&m, keys[i]), &vals[i]);
	/* room reserved up front: the inserts after it do not grow the table */
	assert_int_equal(strmap_reserve(&m, 500), 0);
	size_t cap = m.cap;
	assert_true(cap >= 2 * (40 + 500));
	for (int i = 40; i < 540; i++)
		assert_int_equal(strmap_put(&m, keys[i], &vals[i]), 0);
	assert_int_equal(m.cap, cap);
	for (int i = 0; i < 540; i++)
		assert_ptr_equal(strmap_get(&m, keys[i]), &vals[i]);
	strmap_free(&m);
	/* the _h forms: a kept hash finds the same slot; keys whose hashes
	 * collide stay apart (strings are compared when hashes match) */
	assert_ptr_equal(strmap_add_h(&m, keys[1], strmap_hash(keys[1]), &vals[1]), &vals[1]);
	assert_ptr_equal(strmap_get(&m, keys[1]), &vals[1]);
	assert_ptr_equal(strmap_add_h(&m, keys[2], 5, &vals[2]), &vals[2]);
	assert_ptr_equal(strmap_add_h(&m, keys[3], 5, &vals[3]), &vals[3]);
	assert_ptr_equal(strmap_add_h(&m, keys[3], 5, &vals[4]), &vals[3]);
	assert_ptr_equal(strmap_get_h(&m, keys[2], 5), &vals[2]);
	assert_ptr_equal(strmap_get_h(&m, keys[3], 5), &vals[3]);
	assert_null(strmap_get_h(&m, keys[4], 5));
	assert_int_equal(m.n, 3);
	strmap_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buf_appends_and_detaches),
		cmocka_unit_test(diag_sorts_by_position_and_dedups),
		cmocka_unit_test(diag_list_respects_max),
		cmocka_unit_test(textpos_counts_code_points),
		cmocka_unit_test(arena_big_then_small_do_not_overlap),
		cmocka_unit_test(similar_weighs_case_changes_half),
		cmocka_unit_test(strmap_keeps_entries_across_growth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
