/* Unit tests for the document model: load, spans, errors, limits, splice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"

static struct doc *load_ok(const char *text)
{
	struct diag_list dl = { 0 };
	struct doc *d = doc_load(text, strlen(text), NULL, &dl);
	assert_non_null(d);
	if (dl.n)
		fprintf(stderr, "unexpected: %s\n", dl.v[0].message);
	assert_int_equal(dl.n, 0);
	assert_true(d->ok);
	diag_free(&dl);
	return d;
}

/* Load text expecting exactly one diagnostic with rule at line:col. */
static void expect_error(const char *text, size_t len, const struct doc_limits *lim,
			 const char *rule, int line, int col)
{
	struct diag_list dl = { 0 };
	struct doc *d = doc_load(text, len, lim, &dl);
	assert_non_null(d);
	assert_true(dl.n >= 1);
	doc_locate(d, &dl.v[0]);
	if (strcmp(dl.v[0].rule, rule) != 0 || dl.v[0].line != line || dl.v[0].col != col)
		fprintf(stderr, "got %s at %d:%d: %s\n", dl.v[0].rule, dl.v[0].line, dl.v[0].col,
			dl.v[0].message);
	assert_string_equal(dl.v[0].rule, rule);
	assert_int_equal(dl.v[0].line, line);
	assert_int_equal(dl.v[0].col, col);
	diag_free(&dl);
	doc_free(d);
}

static const char *span(const struct doc *d, uint32_t a, uint32_t b, char *out)
{
	memcpy(out, d->text + a, b - a);
	out[b - a] = '\0';
	return out;
}

static void spans_of_block_and_flow_nodes(void **state)
{
	(void)state;
	const char *t =
		"# comment\n"
		"workflow:\n"
		"  name: \"hello\"   # trailing\n"
		"  tasks:\n"
		"  - name: a\n"
		"    args: [x, 'y z']\n"
		"  -\n"
		"    name: b\n"
		"    script: |\n"
		"      echo hi\n"
		"\n"
		"  - # note\n"
		"    name: c\n"
		"  empty:\n";
	struct doc *d = load_ok(t);
	char b[256];
	const struct doc_node *wf = doc_map_get(d->root, "workflow");
	assert_non_null(wf);
	assert_int_equal(wf->kind, DOC_MAP);
	const struct doc_node *name = doc_map_get(wf, "name");
	assert_string_equal(name->text, "hello");
	assert_int_equal(name->style, DOC_DOUBLE);
	assert_string_equal(span(d, name->start, name->end, b), "\"hello\"");
	assert_string_equal(span(d, name->key_start, name->key_end, b), "name");
	const struct doc_node *tasks = doc_map_get(wf, "tasks");
	assert_int_equal(tasks->kind, DOC_SEQ);
	assert_int_equal(tasks->nkids, 3);
	for (int i = 0; i < 3; i++)
		assert_int_equal(d->text[tasks->kids[i]->item_start], '-');
	const struct doc_node *args = doc_map_get(tasks->kids[0], "args");
	assert_int_equal(args->style, DOC_FLOW);
	assert_string_equal(span(d, args->start, args->end, b), "[x, 'y z']");
	assert_string_equal(args->kids[1]->text, "y z");
	assert_int_equal(args->kids[1]->style, DOC_SINGLE);
	const struct doc_node *script = doc_map_get(tasks->kids[1], "script");
	assert_int_equal(script->style, DOC_LITERAL);
	assert_string_equal(script->text, "echo hi\n");
	assert_string_equal(span(d, script->start, script->end, b), "|\n      echo hi");
	assert_string_equal(span(d, tasks->start, tasks->end, b) + strlen(span(d, tasks->start, tasks->end, b)) - 7, "name: c");
	const struct doc_node *empty = doc_map_get(wf, "empty");
	assert_true(empty->flags & DOC_F_EMPTY);
	assert_true(doc_is_null(empty));
	assert_int_equal(doc_entry_line_start(d, tasks->kids[1]), (size_t)(strstr(t, "  -\n") - t));
	assert_int_equal(doc_entry_line_end(d, name), (size_t)(strstr(t, "  tasks") - t));
	doc_free(d);
}

static void multibyte_text_gives_byte_offsets(void **state)
{
	(void)state;
	const char *t = "k\xc3\xa9y: \"\xe6\x97\xa5\xe6\x9c\xac\"\nnext: v\xc3\xa9  # \xf0\x9f\x98\x80\nlast: x\n";
	struct doc *d = load_ok(t);
	const struct doc_node *last = doc_map_get(d->root, "last");
	assert_non_null(last);
	assert_int_equal(last->start, (uint32_t)(strstr(t, "x\n") - t));
	assert_int_equal(last->key_start, (uint32_t)(strstr(t, "last") - t));
	const struct doc_node *next = doc_map_get(d->root, "next");
	assert_string_equal(next->text, "v\xc3\xa9");
	assert_int_equal(next->end - next->start, 3);
	int line, col;
	doc_line_col(d, last->start, &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 7);
	doc_line_col(d, doc_map_get(d->root, "k\xc3\xa9y")->end, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 10);  /* k é y : space " 日 本 " -> after the quote */
	doc_free(d);
}

static void bom_is_not_a_column(void **state)
{
	(void)state;
	const char *t = "\xef\xbb\xbf" "a: 1\nb: 2\n";
	struct doc *d = load_ok(t);
	assert_true(d->has_bom);
	const struct doc_node *a = doc_map_get(d->root, "a");
	assert_int_equal(a->key_start, 3);
	int line, col;
	doc_line_col(d, a->key_start, &line, &col);
	assert_int_equal(col, 1);
	doc_free(d);
}

static void positioned_errors(void **state)
{
	(void)state;
	const char *syn = "a: b\nc: [d\n";
	expect_error(syn, strlen(syn), NULL, "yaml-syntax", 3, 1);
	const char *dup = "a: 1\nb:\n  x: 1\n  x: 2\n";
	expect_error(dup, strlen(dup), NULL, "duplicate-key", 4, 3);
	const char *docs = "a: 1\n---\nb: 2\n";
	expect_error(docs, strlen(docs), NULL, "yaml-multiple-documents", 2, 1);
	const char *ckey = "a: 1\n? [x, y]\n: 2\n";
	expect_error(ckey, strlen(ckey), NULL, "yaml-non-scalar-key", 2, 3);
	const char *tab = "a:\n\tb: 1\n";
	expect_error(tab, strlen(tab), NULL, "yaml-tab", 2, 1);
	const char *alias = "a: *nope\n";
	expect_error(alias, strlen(alias), NULL, "yaml-undefined-alias", 1, 4);
	const char *rec = "a: &x\n  b: *x\n";
	expect_error(rec, strlen(rec), NULL, "yaml-recursive-alias", 2, 6);
	const char *utf16 = "\xff\xfe" "a\0:\0";
	expect_error(utf16, 6, NULL, "yaml-encoding", 1, 1);
	const char *bad = "a: b\nc: \xff\n";
	expect_error(bad, strlen(bad), NULL, "yaml-encoding", 2, 4);
	const char *nul = "a: b\0c\n";
	expect_error(nul, 7, NULL, "yaml-encoding", 1, 5);
	const char *bom2 = "a: 1\n\xef\xbb\xbf" "b: 2\n";
	expect_error(bom2, strlen(bom2), NULL, "yaml-encoding", 2, 1);
}

/* Line breaks YAML has and the model's lines do not (lone CR, NEL, LS, PS):
 * such a file loads, but is not edited, and no edit may insert one. */
static void odd_line_breaks_load_but_are_not_edited(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"a: 1\r\nb: 2\rc: 3\n", "a: \"x\xe2\x80\xa8y\"\n", "# \xc2\x85\nb: 1\n", "a: 1\xe2\x80\xa9\n",
	};
	static const size_t at[] = { 10, 5, 2, 4 };
	for (size_t i = 0; i < 4; i++) {
		struct doc *d = load_ok(texts[i]);
		assert_int_equal(d->odd_break, at[i]);
		struct diag_list dl = { 0 };
		assert_int_equal(doc_splice(d, 0, 0, "# x\n", 4, &dl), -1);
		assert_non_null(strstr(dl.v[0].message, "LF or CRLF"));
		assert_string_equal(d->text, texts[i]);
		diag_free(&dl);
		doc_free(d);
	}
	struct doc *d = load_ok("a: 1\n");
	assert_int_equal(d->odd_break, SIZE_MAX);
	struct diag_list dl = { 0 };
	assert_int_equal(doc_splice(d, 3, 1, "\"2\r3\"", 5, &dl), -1);
	assert_string_equal(d->text, "a: 1\n");
	diag_free(&dl);
	doc_free(d);
}

static void limits_fail_fast(void **state)
{
	(void)state;
	/* billion laughs: 9 levels of 10 aliases each */
	struct buf b = BUF_INIT;
	buf_puts(&b, "l0: &l0 [lol]\n");
	for (int i = 1; i <= 9; i++) {
		buf_printf(&b, "l%d: &l%d [", i, i);
		for (int j = 0; j < 10; j++)
			buf_printf(&b, "%s*l%d", j ? ", " : "", i - 1);
		buf_puts(&b, "]\n");
	}
	expect_error(b.data, b.len, NULL, "yaml-limit", 7, 25);
	buf_reset(&b);
	for (int i = 0; i < 300; i++)
		buf_putc(&b, '[');
	for (int i = 0; i < 300; i++)
		buf_putc(&b, ']');
	expect_error(b.data, b.len, NULL, "yaml-limit", 1, 201);
	struct doc_limits small = { .max_bytes = 10 };
	expect_error("a: 0123456789\n", 14, &small, "yaml-limit", 1, 1);
	struct doc_limits few = { .max_nodes = 5 };
	expect_error("[1, 2, 3, 4, 5, 6]", 18, &few, "yaml-limit", 1, 14);
	buf_free(&b);
}

static void merge_keys_and_aliases(void **state)
{
	(void)state;
	struct doc *d = load_ok("base: &b\n  cpu: 1\n  gpu: 2\nprof:\n  <<: *b\n  gpu: 4\n");
	const struct doc_node *prof = doc_map_get(d->root, "prof");
	assert_string_equal(doc_str(doc_map_get(prof, "gpu")), "4");
	assert_string_equal(doc_str(doc_map_get(prof, "cpu")), "1");
	const struct doc_node **e;
	long n = doc_map_entries(d, prof, &e);
	assert_int_equal(n, 2);
	assert_string_equal(e[0]->key, "gpu");
	assert_string_equal(e[1]->key, "cpu");
	doc_free(d);
}

static void empty_stream_has_no_root(void **state)
{
	(void)state;
	struct doc *d = load_ok("# only a comment\n");
	assert_null(d->root);
	doc_free(d);
	d = load_ok("");
	assert_null(d->root);
	doc_free(d);
}

/* The tree after a splice must equal a fresh parse of the new text. */
static void assert_fresh(struct doc *d)
{
	struct diag_list dl = { 0 };
	struct doc *f = doc_load(d->text, d->len, NULL, &dl);
	assert_true(f->ok);
	if (!doc_node_equal(d->root, f->root, true)) {
		fprintf(stderr, "tree differs from a fresh parse of:\n%s\n", d->text);
		fail();
	}
	doc_free(f);
	diag_free(&dl);
}

static void splice(struct doc *d, const char *find, size_t del, const char *ins)
{
	const char *p = strstr(d->text, find);
	assert_non_null(p);
	struct diag_list dl = { 0 };
	assert_int_equal(doc_splice(d, (size_t)(p - d->text), del, ins, strlen(ins), &dl), 0);
	diag_free(&dl);
	assert_fresh(d);
}

static const char *SPEC =
	"workflow:\n"
	"  name: demo   # the name\n"
	"  tasks:\n"
	"  - name: a\n"
	"    image: ubuntu:24.04\n"
	"    environment:\n"
	"      A: \"1\"\n"
	"  # between tasks\n"
	"  - name: b\n"
	"    image: alpine\n"
	"    inputs:\n"
	"    - task: a\n"
	"  timeout:\n"
	"    exec_timeout: 1h\n";

static void splice_scalar_and_lines(void **state)
{
	(void)state;
	struct doc *d = load_ok(SPEC);
	unsigned g = d->generation;
	splice(d, "ubuntu:24.04", 12, "ubuntu:22.04");
	assert_true(d->generation != g);
	splice(d, "demo", 4, "longer-name-here");
	splice(d, "      A: \"1\"\n", 0, "      B: two\n");        /* insert before */
	splice(d, "  # between", 0, "      C: three\n");           /* append to map */
	splice(d, "  # between", 0, "  - name: new\n    image: x\n"); /* new task */
	splice(d, "  timeout:", 0, "  - name: last\n    image: y\n"); /* after last task */
	splice(d, "    - task: a\n", strlen("    - task: a\n"), "    - task: a\n    - task: new\n");
	splice(d, "      B: two\n", strlen("      B: two\n"), "");    /* delete an entry */
	splice(d, "1h", 2, "2h");
	splice(d, "exec_timeout: 2h\n", 0, "");
	/* a change that turns a scalar into a block mapping */
	splice(d, "alpine", 6, "\n      repo: alpine\n      tag: '3'");
	assert_string_equal(doc_str(doc_map_get(doc_map_get(doc_map_get(doc_map_get(d->root, "workflow"), "tasks")->kids[2], "image"), "tag")), "3");
	doc_free(d);
}

static void splice_that_breaks_yaml_is_refused(void **state)
{
	(void)state;
	struct doc *d = load_ok(SPEC);
	char *before = strdup(d->text);
	const char *p = strstr(d->text, "ubuntu");
	struct diag_list dl = { 0 };
	assert_int_equal(doc_splice(d, (size_t)(p - d->text), 0, "[", 1, &dl), -1);
	assert_true(dl.n >= 1);
	assert_string_equal(d->text, before);
	assert_true(d->ok);
	assert_fresh(d);
	diag_free(&dl);
	free(before);
	doc_free(d);
}

/* A block scalar that ends a collection reads the comment and blank lines
 * after it as content when they are indented deeper or kept by "|+": the
 * local re-parse must see them too (found by fuzzing). */
static void block_scalar_before_trailing_comments(void **state)
{
	(void)state;
	struct doc *d = load_ok("a:\nb: []\n        # deep comment\n");
	splice(d, "[]", 2, "|\n  text");
	assert_string_equal(doc_str(doc_map_get(d->root, "b")), "text\n      # deep comment\n");
	doc_free(d);
	d = load_ok("l:\n- x: 1\n\n\n# end\n");
	splice(d, "1\n", 1, "|+\n    kept");
	assert_string_equal(doc_str(doc_map_get(doc_map_get(d->root, "l")->kids[0], "x")), "kept\n\n\n");
	doc_free(d);
}

/* An anchor ends where libyaml ends it, even with text glued to it. */
static void anchor_spans(void **state)
{
	(void)state;
	struct doc *d = load_ok("a: &r:s x\nb: [&q,y, !t,z]\n");
	const struct doc_node *a = doc_map_get(d->root, "a");
	assert_string_equal(a->text, ":s x");
	assert_int_equal(a->start, 5);
	const struct doc_node *b = doc_map_get(d->root, "b");
	assert_int_equal(b->kids[0]->start, b->kids[0]->end);   /* empty, right after &q */
	assert_int_equal(d->text[b->kids[2]->start], ',');
	doc_free(d);
}

/* A block scalar's span ends at its last line of text: trailing empty lines
 * are left out, but a line of blanks deeper than the text is text. */
static void block_scalar_spans(void **state)
{
	(void)state;
	struct doc *d = load_ok("a: |\n    x\n\n  \nb: 1\n");
	const struct doc_node *a = doc_map_get(d->root, "a");
	assert_int_equal(a->end, 10);   /* after "x" */
	doc_free(d);
	d = load_ok("a: |\n    x\n      \nb: 1\n");
	a = doc_map_get(d->root, "a");
	assert_string_equal(a->text, "x\n  \n");
	assert_int_equal(a->end, 17);   /* the blank line deeper than "x" is text */
	doc_free(d);
	d = load_ok("a: |+\n  x\n\nb: 1\n");
	a = doc_map_get(d->root, "a");
	assert_string_equal(a->text, "x\n\n");
	assert_int_equal(a->end, 10);   /* kept empty lines are text; the last break is not */
	assert_int_equal(doc_entry_line_end(d, a), 11);
	doc_free(d);
}

struct hook_rec {
	int calls;
	size_t off, oldlen, inslen;
};

static void record(void *ctx, size_t off, const char *old, size_t oldlen, const char *ins, size_t inslen)
{
	struct hook_rec *r = ctx;
	(void)old;
	(void)ins;
	r->calls++;
	r->off = off;
	r->oldlen = oldlen;
	r->inslen = inslen;
}

static void splice_hook_sees_every_change(void **state)
{
	(void)state;
	struct doc *d = load_ok(SPEC);
	struct hook_rec r = { 0 };
	doc_set_splice_hook(d, record, &r);
	splice(d, "alpine", 6, "busybox");
	assert_int_equal(r.calls, 1);
	assert_int_equal(r.oldlen, 6);
	assert_int_equal(r.inslen, 7);
	doc_free(d);
}

/* Random edits that keep the text valid YAML: replace scalars with words,
 * delete or duplicate whole block entries. After each, tree == fresh parse. */
static unsigned rng(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

struct pick {
	const struct doc_node *found;
	unsigned want, seen;
	int kind;   /* 0 = scalar value, 1 = block entry */
};

static void pick_walk(const struct doc_node *n, struct pick *p, const struct doc *d)
{
	if (!n || p->found)
		return;
	bool ok = p->kind == 0 ? (n->kind == DOC_SCALAR && n->style <= DOC_DOUBLE && !(n->flags & DOC_F_EMPTY))
			       : (n->parent && n->parent->style == DOC_BLOCK && n->parent->nkids > 1);
	(void)d;
	if (ok && p->seen++ == p->want) {
		p->found = n;
		return;
	}
	for (uint32_t i = 0; i < n->nkids; i++)
		pick_walk(n->kids[i], p, d);
}

static void random_splices_match_full_parse(void **state)
{
	(void)state;
	unsigned seed = 12345;
	struct doc *d = load_ok(SPEC);
	static const char *words[] = { "x", "hello-world", "42", "'quoted'", "\"dq\"", "a b c" };
	for (int step = 0; step < 400; step++) {
		struct pick p = { NULL, rng(&seed) % 40, 0, (int)(rng(&seed) % 3 == 0) };
		pick_walk(d->root, &p, d);
		if (!p.found)
			continue;
		struct diag_list dl = { 0 };
		const struct doc_node *n = p.found;
		if (p.kind == 0) {
			const char *w = words[rng(&seed) % 6];
			assert_int_equal(doc_splice(d, n->start, n->end - n->start, w, strlen(w), &dl), 0);
		} else if (rng(&seed) % 2 && d->len < 20000) {
			size_t a = doc_entry_line_start(d, n), b = doc_entry_line_end(d, n);
			if (a != doc_line_start(d, a)) {
				diag_free(&dl);
				continue;
			}
			char *copy = strndup(d->text + a, b - a);
			if (b - a && copy[b - a - 1] == '\n')
				assert_int_equal(doc_splice(d, b, 0, copy, b - a, &dl), 0);
			free(copy);
		} else {
			size_t a = doc_entry_line_start(d, n), b = doc_entry_line_end(d, n);
			if (a != doc_line_start(d, a) || (b - a) == 0 || d->text[b - 1] != '\n') {
				diag_free(&dl);
				continue;
			}
			assert_int_equal(doc_splice(d, a, b - a, "", 0, &dl), 0);
		}
		diag_free(&dl);
		assert_fresh(d);
	}
	doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spans_of_block_and_flow_nodes),
		cmocka_unit_test(multibyte_text_gives_byte_offsets),
		cmocka_unit_test(bom_is_not_a_column),
		cmocka_unit_test(positioned_errors),
		cmocka_unit_test(odd_line_breaks_load_but_are_not_edited),
		cmocka_unit_test(limits_fail_fast),
		cmocka_unit_test(merge_keys_and_aliases),
		cmocka_unit_test(empty_stream_has_no_root),
		cmocka_unit_test(splice_scalar_and_lines),
		cmocka_unit_test(splice_that_breaks_yaml_is_refused),
		cmocka_unit_test(block_scalar_before_trailing_comments),
		cmocka_unit_test(anchor_spans),
		cmocka_unit_test(block_scalar_spans),
		cmocka_unit_test(splice_hook_sees_every_change),
		cmocka_unit_test(random_splices_match_full_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
