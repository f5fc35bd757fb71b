/* Unit tests for paths: parse errors, resolve, print, complete. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "path.h"

static const char *SPEC =
	"workflow:\n"
	"  name: demo\n"
	"  tasks:\n"
	"  - name: train\n"
	"    environment: {\"A.B\": x, C: y}\n"
	"  - name: eval\n"
	"    image: ubuntu\n";

static void parse_steps(void **state)
{
	(void)state;
	struct path p;
	const char *em;
	size_t ep;
	assert_int_equal(path_parse("workflow.groups[name=train].tasks[0].image", &p, &em, &ep), 0);
	assert_int_equal(p.n, 6);
	assert_int_equal(p.steps[2].kind, PATH_MATCH);
	assert_string_equal(p.steps[2].key, "name");
	assert_string_equal(p.steps[2].value, "train");
	assert_int_equal(p.steps[4].kind, PATH_INDEX);
	assert_int_equal(p.steps[4].index, 0);
	struct buf b = BUF_INIT;
	path_format_prefix(&p, p.n, &b);
	assert_string_equal(buf_cstr(&b), "workflow.groups[name=train].tasks[0].image");
	buf_free(&b);
	path_free(&p);
	assert_int_equal(path_parse("a.\"x.y\"[2]", &p, &em, &ep), 0);
	assert_string_equal(p.steps[1].key, "x.y");
	path_free(&p);
}

static void parse_errors_are_positioned(void **state)
{
	(void)state;
	static const struct { const char *in; size_t pos; const char *msg; } cases[] = {
		{ "a..b", 2, "expected a key after '.'" },
		{ "a.", 2, "expected a key after '.'" },
		{ "a[", 1, "expected [N] or [field=value]" },
		{ "a[x]", 1, "expected [N] or [field=value]" },
		{ "a[1", 1, "expected ']' after the list index" },
		{ "a[99999999999999999999]", 1, "list index too large" },
		{ "a]b", 1, "unexpected ']'" },
		{ "a.\"open", 2, "unterminated quoted key" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct path p;
		const char *em = NULL;
		size_t ep = 999;
		assert_int_equal(path_parse(cases[i].in, &p, &em, &ep), -1);
		assert_string_equal(em, cases[i].msg);
		assert_int_equal(ep, cases[i].pos);
	}
}

static void resolve_and_nearest(void **state)
{
	(void)state;
	struct diag_list dl = { 0 };
	struct doc *d = doc_load(SPEC, strlen(SPEC), NULL, &dl);
	struct path p;
	const char *em;
	size_t ep, matched;
	const struct doc_node *last;
	assert_int_equal(path_parse("workflow.tasks[name=eval].image", &p, &em, &ep), 0);
	assert_string_equal(doc_str(path_resolve(d->root, &p, &matched, &last)), "ubuntu");
	path_free(&p);
	assert_int_equal(path_parse("workflow.tasks[0].environment.\"A.B\"", &p, &em, &ep), 0);
	assert_string_equal(doc_str(path_resolve(d->root, &p, NULL, NULL)), "x");
	path_free(&p);
	assert_int_equal(path_parse("workflow.tasks[name=nope].image", &p, &em, &ep), 0);
	assert_null(path_resolve(d->root, &p, &matched, &last));
	assert_int_equal(matched, 2);
	assert_int_equal(last->kind, DOC_SEQ);
	path_free(&p);
	/* canonical path of a node */
	assert_int_equal(path_parse("workflow.tasks[1].image", &p, &em, &ep), 0);
	struct buf b = BUF_INIT;
	path_of_node(path_resolve(d->root, &p, NULL, NULL), &b);
	assert_string_equal(buf_cstr(&b), "workflow.tasks[name=eval].image");
	buf_free(&b);
	path_free(&p);
	doc_free(d);
	diag_free(&dl);
}

static void completion(void **state)
{
	(void)state;
	struct diag_list dl = { 0 };
	struct doc *d = doc_load(SPEC, strlen(SPEC), NULL, &dl);
	struct buf b = BUF_INIT;
	assert_int_equal(path_complete(d->root, "workflow.t", &b), 1);
	assert_string_equal(buf_cstr(&b), "workflow.tasks\n");
	buf_reset(&b);
	assert_int_equal(path_complete(d->root, "workflow.tasks[", &b), 2);
	assert_string_equal(buf_cstr(&b), "workflow.tasks[name=train]\nworkflow.tasks[name=eval]\n");
	buf_reset(&b);
	assert_int_equal(path_complete(d->root, "workflow.tasks[name=train].environment.", &b), 2);
	assert_string_equal(buf_cstr(&b),
			    "workflow.tasks[name=train].environment.\"A.B\"\n"
			    "workflow.tasks[name=train].environment.C\n");
	buf_reset(&b);
	assert_int_equal(path_complete(d->root, "w", &b), 1);
	assert_string_equal(buf_cstr(&b), "workflow\n");
	buf_free(&b);
	doc_free(d);
	diag_free(&dl);
}

/* Names and fields the selector syntax cannot write bare are quoted, so
 * every printed path parses back to the same node (found by fuzzing). */
static void awkward_names_round_trip(void **state)
{
	(void)state;
	static const char *text =
		"l:\n"
		"- name: '\"q'\n"
		"- name: a]b\n"
		"- name: 'a\\\"'\n"
		"- {\"f=g\": 1}\n";
	struct diag_list dl = { 0 };
	struct doc *d = doc_load(text, strlen(text), NULL, &dl);
	assert_true(d->ok);
	const struct doc_node *l = doc_map_get(d->root, "l");
	static const char *want[] = { "l[name=\"\\\"q\"]", "l[name=\"a]b\"]", "l[name=a\\\"]" };
	for (uint32_t i = 0; i < 3; i++) {
		struct buf b = BUF_INIT;
		path_of_node(l->kids[i], &b);
		assert_string_equal(buf_cstr(&b), want[i]);
		struct path p;
		const char *em;
		size_t ep;
		assert_int_equal(path_parse(buf_cstr(&b), &p, &em, &ep), 0);
		assert_ptr_equal(path_resolve(d->root, &p, NULL, NULL), l->kids[i]);
		path_free(&p);
		buf_free(&b);
	}
	struct buf b = BUF_INIT;
	assert_int_equal(path_complete(d->root, "l[", &b), 4);
	assert_string_equal(buf_cstr(&b), "l[name=\"\\\"q\"]\nl[name=\"a]b\"]\nl[name=a\\\"]\nl[3]\n");
	buf_free(&b);
	/* a selector field holding '=' */
	struct path p;
	const char *em;
	size_t ep;
	assert_int_equal(path_parse("l[\"f=g\"=1]", &p, &em, &ep), 0);
	assert_string_equal(p.steps[1].key, "f=g");
	path_format_prefix(&p, p.n, &b);
	assert_string_equal(buf_cstr(&b), "l[\"f=g\"=1]");
	assert_ptr_equal(path_resolve(d->root, &p, NULL, NULL), l->kids[3]);
	path_free(&p);
	buf_free(&b);
	doc_free(d);
	diag_free(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_steps),
		cmocka_unit_test(parse_errors_are_positioned),
		cmocka_unit_test(resolve_and_nearest),
		cmocka_unit_test(completion),
		cmocka_unit_test(awkward_names_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
