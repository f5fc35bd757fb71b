/* Unit tests for edit operations and the undo journal: exact output text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "doc.h"
#include "edit.h"
#include "path.h"
#include "spec.h"

static struct doc *load(const char *text)
{
	struct diag_list dl = { 0 };
	struct doc *d = doc_load(text, strlen(text), NULL, &dl);
	assert_non_null(d);
	assert_true(d->ok);
	diag_free(&dl);
	return d;
}

static const struct doc_node *at(struct doc *d, const char *path)
{
	struct path p;
	const char *em;
	size_t ep;
	assert_int_equal(path_parse(path, &p, &em, &ep), 0);
	const struct doc_node *n = path_resolve(d->root, &p, NULL, NULL);
	path_free(&p);
	if (!n)
		fprintf(stderr, "no node at %s\n", path);
	assert_non_null(n);
	return n;
}

static void expect_text(struct doc *d, const char *want)
{
	if (strcmp(d->text, want) != 0)
		fprintf(stderr, "--- want\n%s--- got\n%s---\n", want, d->text);
	assert_string_equal(d->text, want);
	struct diag_list dl = { 0 };
	struct doc *f = doc_load(d->text, d->len, NULL, &dl);
	assert_true(doc_node_equal(d->root, f->root, true));
	doc_free(f);
	diag_free(&dl);
}

static void ok(int rc)
{
	assert_int_equal(rc, 0);
}

static const char *SPEC =
	"# A spec with comments\n"
	"workflow:\n"
	"  name: demo   # keep me\n"
	"  tasks:\n"
	"  - name: train\n"
	"    image: \"nvcr.io/nvidia/pytorch:24.01-py3\"\n"
	"    command: [python, train.py]\n"
	"    environment:\n"
	"      A: '1'\n"
	"\n"
	"  # the eval task\n"
	"  - name: eval\n"
	"    image: ubuntu\n"
	"    inputs:\n"
	"    - task: train\n";

static void set_scalar_keeps_quotes_and_comments(void **state)
{
	(void)state;
	struct doc *d = load(SPEC);
	struct diag_list dl = { 0 };
	ok(edit_set_yaml(d, at(d, "workflow.tasks[name=train].image"), "nvcr.io/nvidia/pytorch:24.08-py3", &dl));
	ok(edit_set_yaml(d, at(d, "workflow.name"), "demo-2", &dl));
	ok(edit_set_string(d, at(d, "workflow.tasks[0].environment.A"), "2", &dl));
	ok(edit_set_string(d, at(d, "workflow.tasks[1].image"), "yes", &dl));
	expect_text(d,
		"# A spec with comments\n"
		"workflow:\n"
		"  name: demo-2   # keep me\n"
		"  tasks:\n"
		"  - name: train\n"
		"    image: \"nvcr.io/nvidia/pytorch:24.08-py3\"\n"
		"    command: [python, train.py]\n"
		"    environment:\n"
		"      A: '2'\n"
		"\n"
		"  # the eval task\n"
		"  - name: eval\n"
		"    image: \"yes\"\n"
		"    inputs:\n"
		"    - task: train\n");
	diag_free(&dl);
	doc_free(d);
}

static void map_set_appends_with_sibling_indentation(void **state)
{
	(void)state;
	struct doc *d = load(SPEC);
	struct diag_list dl = { 0 };
	ok(edit_map_set(d, at(d, "workflow.tasks[0].environment"), "B", "two words", &dl));
	ok(edit_map_set(d, at(d, "workflow.tasks[1]"), "resource", "gpu", &dl));
	ok(edit_map_set(d, at(d, "workflow"), "timeout", "{exec_timeout: 1h}", &dl));
	expect_text(d,
		"# A spec with comments\n"
		"workflow:\n"
		"  name: demo   # keep me\n"
		"  tasks:\n"
		"  - name: train\n"
		"    image: \"nvcr.io/nvidia/pytorch:24.01-py3\"\n"
		"    command: [python, train.py]\n"
		"    environment:\n"
		"      A: '1'\n"
		"      B: two words\n"
		"\n"
		"  # the eval task\n"
		"  - name: eval\n"
		"    image: ubuntu\n"
		"    inputs:\n"
		"    - task: train\n"
		"    resource: gpu\n"
		"  timeout:\n"
		"    exec_timeout: 1h\n");
	diag_free(&dl);
	doc_free(d);
}

static void seq_insert_remove_move_block(void **state)
{
	(void)state;
	struct doc *d = load(SPEC);
	struct diag_list dl = { 0 };
	ok(edit_seq_insert(d, at(d, "workflow.tasks"), 2, "{name: report, image: alpine, command: [sh]}", &dl));
	ok(edit_seq_insert(d, at(d, "workflow.tasks[name=eval].inputs"), 1, "{task: report}", &dl));
	ok(edit_seq_remove(d, at(d, "workflow.tasks[name=eval].inputs[0]"), &dl));
	ok(edit_seq_move(d, at(d, "workflow.tasks"), 2, 0, &dl));
	expect_text(d,
		"# A spec with comments\n"
		"workflow:\n"
		"  name: demo   # keep me\n"
		"  tasks:\n"
		"  - name: report\n"
		"    image: alpine\n"
		"    command: [sh]\n"
		"  - name: train\n"
		"    image: \"nvcr.io/nvidia/pytorch:24.01-py3\"\n"
		"    command: [python, train.py]\n"
		"    environment:\n"
		"      A: '1'\n"
		"\n"
		"  # the eval task\n"
		"  - name: eval\n"
		"    image: ubuntu\n"
		"    inputs:\n"
		"    - task: report\n");
	diag_free(&dl);
	doc_free(d);
}

static void flow_lists_and_maps(void **state)
{
	(void)state;
	struct doc *d = load("a: [x, y]\nb: {k: v}\nc: []\n");
	struct diag_list dl = { 0 };
	ok(edit_seq_insert(d, at(d, "a"), 1, "mid", &dl));
	ok(edit_seq_insert(d, at(d, "a"), 3, "'end'", &dl));
	ok(edit_map_set(d, at(d, "b"), "k2", "[1, 2]", &dl));
	ok(edit_seq_remove(d, at(d, "a[0]"), &dl));
	ok(edit_seq_move(d, at(d, "a"), 0, 2, &dl));
	expect_text(d, "a: [y, 'end', mid]\nb: {k: v, k2: [1, 2]}\nc: []\n");
	ok(edit_seq_insert(d, at(d, "c"), 0, "{task: a}", &dl));
	expect_text(d, "a: [y, 'end', mid]\nb: {k: v, k2: [1, 2]}\nc:\n- task: a\n");
	diag_free(&dl);
	doc_free(d);
}

/* A flow item's tag, anchor or '?' belongs to it: removing or moving the
 * item takes them along instead of handing them to its neighbour. */
static void flow_items_keep_their_properties(void **state)
{
	(void)state;
	struct doc *d = load("a: [!!str 5, &x b, c]\nm: {? k, n: 1}\n");
	struct diag_list dl = { 0 };
	ok(edit_seq_move(d, at(d, "a"), 0, 2, &dl));
	expect_text(d, "a: [&x b, c, !!str 5]\nm: {? k, n: 1}\n");
	ok(edit_seq_remove(d, at(d, "a[0]"), &dl));
	ok(edit_map_remove(d, at(d, "m.k"), &dl));
	expect_text(d, "a: [c, !!str 5]\nm: {n: 1}\n");
	diag_free(&dl);
	doc_free(d);
	/* a multi-line flow list keeps its layout and comments */
	d = load("a: [\n  x,  # first\n  y,\n]\n");
	ok(edit_seq_move(d, at(d, "a"), 1, 0, &dl));
	expect_text(d, "a: [\n  y,  # first\n  x,\n]\n");
	diag_free(&dl);
	doc_free(d);
	/* an empty value in a flow collection becomes a flow mapping */
	d = load("a: [x, ? k, y: ]\n");
	ok(edit_map_set(d, at(d, "a[1].k"), "p", "[1, 2]", &dl));
	ok(edit_map_set(d, at(d, "a[2].y"), "q", "r", &dl));
	expect_text(d, "a: [x, ? k: {p: [1, 2]}, y: {q: r}]\n");
	diag_free(&dl);
	doc_free(d);
	/* a comment between '?' and its key: the entry still starts at the '?' */
	d = load("a: 1\n? # note\n  b\n: 2\n");
	assert_int_equal(d->root->kids[1]->item_start, 5);
	ok(edit_map_remove(d, d->root->kids[1], &dl));
	expect_text(d, "a: 1\n");
	diag_free(&dl);
	doc_free(d);
	/* "---" with only comments after it: the value goes after the marker */
	d = load("---\n# note");
	ok(edit_set_yaml(d, d->root, "[]", &dl));
	expect_text(d, "--- []\n# note");
	diag_free(&dl);
	doc_free(d);
	/* "? k" alone: its null value sits at the key, not at the next entry */
	d = load("? k\nn: 1\n");
	assert_int_equal(d->root->kids[0]->start, 3);
	ok(edit_map_remove(d, d->root->kids[0], &dl));
	expect_text(d, "n: 1\n");
	diag_free(&dl);
	doc_free(d);
}

static void removing_the_last_item_leaves_an_empty_list(void **state)
{
	(void)state;
	struct doc *d = load("tasks:\n- name: a\n  inputs:\n  - task: b\n  image: x\n");
	struct diag_list dl = { 0 };
	ok(edit_seq_remove(d, at(d, "tasks[0].inputs[0]"), &dl));
	expect_text(d, "tasks:\n- name: a\n  inputs: []\n  image: x\n");
	ok(edit_map_remove(d, at(d, "tasks[0].name"), &dl));
	expect_text(d, "tasks:\n- inputs: []\n  image: x\n");
	ok(edit_map_remove(d, at(d, "tasks[0].image"), &dl));
	ok(edit_map_remove(d, at(d, "tasks[0].inputs"), &dl));
	expect_text(d, "tasks:\n- {}\n");
	diag_free(&dl);
	doc_free(d);
}

static void empty_values_become_collections(void **state)
{
	(void)state;
	struct doc *d = load("env:\ninputs:\nname: x\n");
	struct diag_list dl = { 0 };
	ok(edit_map_set(d, at(d, "env"), "KEY", "value", &dl));
	ok(edit_seq_insert(d, at(d, "inputs"), 0, "{task: a}", &dl));
	expect_text(d, "env:\n  KEY: value\ninputs:\n- task: a\nname: x\n");
	diag_free(&dl);
	doc_free(d);
}

static void block_value_replaces_scalar_and_back(void **state)
{
	(void)state;
	struct doc *d = load("a:\n  b: 1\n  c: 2\nd: x\n");
	struct diag_list dl = { 0 };
	ok(edit_set_yaml(d, at(d, "a"), "plain", &dl));
	expect_text(d, "a: plain\nd: x\n");
	ok(edit_set_yaml(d, at(d, "d"), "{p: 1, q: [r, s]}", &dl));
	expect_text(d, "a: plain\nd:\n  p: 1\n  q: [r, s]\n");
	ok(edit_set_string(d, at(d, "a"), "line one\nline two\n", &dl));
	expect_text(d, "a: |\n  line one\n  line two\nd:\n  p: 1\n  q: [r, s]\n");
	ok(edit_set_yaml(d, at(d, "d"), "[{x: 1}, y]", &dl));
	expect_text(d, "a: |\n  line one\n  line two\nd:\n- x: 1\n- y\n");
	diag_free(&dl);
	doc_free(d);
}

static void rename_and_duplicate(void **state)
{
	(void)state;
	struct doc *d = load("list:\n- name: a  # first\n  x: 1\n\"quoted\": 2\n");
	struct diag_list dl = { 0 };
	ok(edit_seq_duplicate(d, at(d, "list[0]"), &dl));
	ok(edit_rename_key(d, at(d, "quoted"), "new key", &dl));
	ok(edit_rename_key(d, at(d, "list[1].x"), "y", &dl));
	expect_text(d, "list:\n- name: a  # first\n  x: 1\n- name: a  # first\n  y: 1\n\"new key\": 2\n");
	diag_free(&dl);
	doc_free(d);
	/* an empty key right after its tag: the new key stays a separate token */
	d = load("!t :\na: 1\n");
	ok(edit_rename_key(d, d->root->kids[0], "k", &dl));
	expect_text(d, "!t k :\na: 1\n");
	assert_string_equal(d->root->kids[0]->key, "k");
	diag_free(&dl);
	doc_free(d);
	d = load("?");
	ok(edit_rename_key(d, d->root->kids[0], "k", &dl));
	expect_text(d, "? k");
	diag_free(&dl);
	doc_free(d);
}

static void crlf_documents_stay_crlf(void **state)
{
	(void)state;
	struct doc *d = load("env:\r\n  A: 1\r\nlist:\r\n- x\r\n");
	struct diag_list dl = { 0 };
	ok(edit_map_set(d, at(d, "env"), "B", "2", &dl));
	ok(edit_seq_insert(d, at(d, "list"), 1, "y", &dl));
	expect_text(d, "env:\r\n  A: 1\r\n  B: 2\r\nlist:\r\n- x\r\n- y\r\n");
	diag_free(&dl);
	doc_free(d);
}

static void no_final_newline(void **state)
{
	(void)state;
	struct doc *d = load("a:\n- x");
	struct diag_list dl = { 0 };
	ok(edit_seq_insert(d, at(d, "a"), 1, "y", &dl));
	expect_text(d, "a:\n- x\n- y\n");
	diag_free(&dl);
	doc_free(d);
}

static void undo_redo_whole_actions(void **state)
{
	(void)state;
	struct doc *d = load(SPEC);
	struct journal *j = journal_new(d);
	struct diag_list dl = { 0 };
	assert_false(edit_modified(j));
	edit_begin(j, "rename task");
	ok(edit_set_yaml(d, at(d, "workflow.tasks[0].name"), "fit", &dl));
	ok(edit_set_yaml(d, at(d, "workflow.tasks[1].inputs[0].task"), "fit", &dl));
	edit_end(j);
	ok(edit_map_set(d, at(d, "workflow"), "pool", "p1", &dl));
	assert_true(edit_modified(j));
	assert_string_equal(edit_undo_label(j), "edit");
	assert_int_equal(edit_undo(j, &dl), 0);
	assert_string_equal(edit_undo_label(j), "rename task");
	assert_int_equal(edit_undo(j, &dl), 0);
	expect_text(d, SPEC);
	assert_false(edit_modified(j));
	assert_int_equal(edit_undo(j, &dl), 1);
	assert_int_equal(edit_redo(j, &dl), 0);
	assert_string_equal(doc_str(at(d, "workflow.tasks[1].inputs[0].task")), "fit");
	edit_mark_saved(j);
	assert_false(edit_modified(j));
	assert_int_equal(edit_redo(j, &dl), 0);
	assert_true(edit_modified(j));
	assert_int_equal(edit_redo(j, &dl), 1);
	/* a new edit clears the redo stack */
	assert_int_equal(edit_undo(j, &dl), 0);
	ok(edit_set_yaml(d, at(d, "workflow.name"), "z", &dl));
	assert_null(edit_redo_label(j));
	journal_free(j);
	diag_free(&dl);
	doc_free(d);
}

static void bad_values_are_refused(void **state)
{
	(void)state;
	struct doc *d = load(SPEC);
	struct diag_list dl = { 0 };
	assert_int_equal(edit_set_yaml(d, at(d, "workflow.name"), "[unclosed", &dl), -1);
	assert_true(dl.n >= 1);
	assert_int_equal(edit_map_set(d, at(d, "workflow.name"), "k", "v", &dl), -1);
	assert_int_equal(edit_seq_insert(d, at(d, "workflow.tasks"), 9, "x", &dl), -1);
	expect_text(d, SPEC);
	diag_free(&dl);
	doc_free(d);
}

static void scalar_edit_changes_one_line(void **state)
{
	(void)state;
	struct doc *d = load(SPEC);
	struct diag_list dl = { 0 };
	ok(edit_set_string(d, at(d, "workflow.tasks[name=eval].image"), "alpine:3.20", &dl));
	const char *a = SPEC, *b = d->text;
	int diff_lines = 0;
	while (*a && *b) {
		const char *ea = strchr(a, '\n'), *eb = strchr(b, '\n');
		if (ea - a != eb - b || memcmp(a, b, (size_t)(ea - a)) != 0)
			diff_lines++;
		a = ea + 1;
		b = eb + 1;
	}
	assert_int_equal(diff_lines, 1);
	assert_true(!*a && !*b);
	diag_free(&dl);
	doc_free(d);
}

/* The value after an edit reads back as the text given (found by fuzzing). */
static void want_value(struct doc *d, const char *path, const char *want)
{
	const struct doc_node *n = at(d, path);
	assert_int_equal(n->kind, DOC_SCALAR);
	assert_int_equal(n->len, strlen(want));
	assert_memory_equal(n->text, want, n->len);
}

/* A literal block would take in a trailing comment, deeper comment lines
 * after it, and (with |+) blank lines: those values are double-quoted. */
static void multi_line_text_stays_the_text(void **state)
{
	(void)state;
	struct diag_list dl = { 0 };
	struct doc *d = load("a:\n  key: value # c\n  b: 1\n");
	ok(edit_set_string(d, at(d, "a.key"), "l1\nl2", &dl));
	expect_text(d, "a:\n  key: \"l1\\nl2\" # c\n  b: 1\n");
	doc_free(d);

	d = load("a: []\n        # deep comment\n");
	ok(edit_set_yaml(d, at(d, "a"), "\"x\\n\"", &dl));
	want_value(d, "a", "x\n");
	ok(edit_map_set(d, d->root, "b", "|\n  y\n", &dl));
	want_value(d, "b", "y\n");
	doc_free(d);

	d = load("a:\n  key: v\n\nb: 1\n");
	ok(edit_set_string(d, at(d, "a.key"), "x\n\n", &dl));
	want_value(d, "a.key", "x\n\n");
	ok(edit_set_string(d, at(d, "b"), "y\nz\n", &dl));   /* no blank line after: a literal */
	expect_text(d, "a:\n  key: \"x\\n\\n\"\n\nb: |\n  y\n  z\n");
	doc_free(d);

	/* characters YAML reads as line breaks or refuses raw are escaped */
	static const char *const odd[] = {
		"a\rb\nc", "a\xc2\x85" "b", "a\xe2\x80\xa8" "b\nc", "\xc2\x80", "x\xef\xbb\xbf" "y", "\xef\xbf\xbe",
	};
	for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
		d = load("k: v\nl:\n- x\n");
		ok(edit_set_string(d, at(d, "k"), odd[i], &dl));
		want_value(d, "k", odd[i]);
		ok(edit_map_set(d, d->root, "m", "x", &dl));
		ok(edit_set_string(d, at(d, "m"), odd[i], &dl));
		want_value(d, "m", odd[i]);
		doc_free(d);
	}
	assert_int_equal(dl.n, 0);
	diag_free(&dl);
}

/* Moves are one splice; the last line may lack its line break (fuzzing). */
static void move_without_final_newline(void **state)
{
	(void)state;
	struct diag_list dl = { 0 };
	struct doc *d = load("- x\n- y\n- z");
	ok(edit_seq_move(d, d->root, 0, 2, &dl));
	expect_text(d, "- y\n- z\n- x\n");
	ok(edit_seq_move(d, d->root, 2, 0, &dl));
	expect_text(d, "- x\n- y\n- z\n");
	doc_free(d);
	d = load("l:\r\n- |\r\n  x\r\n- y");
	ok(edit_seq_move(d, at(d, "l"), 0, 1, &dl));
	expect_text(d, "l:\r\n- y\r\n- |\r\n  x\r\n");
	ok(edit_seq_move(d, at(d, "l"), 1, 0, &dl));
	expect_text(d, "l:\r\n- |\r\n  x\r\n- y\r\n");
	doc_free(d);
	assert_int_equal(dl.n, 0);
}

/* A byte order mark is not indentation; a comment glued to a value stays a
 * comment (fuzzing). */
static void bom_is_not_indentation(void **state)
{
	(void)state;
	struct diag_list dl = { 0 };
	struct doc *d = load("\xEF\xBB\xBF" "a: 1\nb:\n  ");
	ok(edit_map_set(d, d->root, "c", "2", &dl));
	expect_text(d, "\xEF\xBB\xBF" "a: 1\nb:\nc: 2\n  ");
	ok(edit_map_remove(d, at(d, "a"), &dl));
	expect_text(d, "\xEF\xBB\xBF" "b:\nc: 2\n  ");
	doc_free(d);
	/* an explicit key entry starts at its '?': removing it leaves no '?' */
	d = load("a: 1\n? b\n: 2\nc: 3\n");
	assert_int_equal(edit_set_yaml(d, at(d, "b"), "5", &dl), -1);
	diag_clear(&dl);
	ok(edit_map_remove(d, at(d, "b"), &dl));
	expect_text(d, "a: 1\nc: 3\n");
	doc_free(d);
	/* a single-pair map in a flow list gets braces for a second key */
	d = load("inputs: [task: a, {task: b}]\n");
	ok(edit_map_set(d, at(d, "inputs[0]"), "url", "x", &dl));
	expect_text(d, "inputs: [{task: a, url: x}, {task: b}]\n");
	ok(edit_map_remove(d, at(d, "inputs[0].task"), &dl));
	ok(edit_map_remove(d, at(d, "inputs[0].url"), &dl));
	expect_text(d, "inputs: [{}, {task: b}]\n");
	doc_free(d);
	d = load("inputs: [task: a]\n");
	ok(edit_map_remove(d, at(d, "inputs[0].task"), &dl));
	expect_text(d, "inputs: [{}]\n");
	doc_free(d);
	/* a flow key without ':' gets one with its value */
	d = load("m: {a, b: 1}\n");
	ok(edit_set_yaml(d, at(d, "m.a"), "true", &dl));
	expect_text(d, "m: {a: true, b: 1}\n");
	doc_free(d);
	d = load("m: {a}\n");
	ok(edit_set_string(d, at(d, "m.a"), "x", &dl));
	expect_text(d, "m: {a: x}\n");
	doc_free(d);
	diag_free(&dl);
	/* an entry whose key has a tag starts at the tag */
	d = load("!!str 1: x\nb: 2\n");
	ok(edit_map_remove(d, at(d, "1"), &dl));
	expect_text(d, "b: 2\n");
	doc_free(d);
	/* a value at column 0 that reads as a document marker is quoted */
	d = load("!t\nx\n");
	ok(edit_set_string(d, d->root, "...", &dl));
	expect_text(d, "!t\n\"...\"\n");
	ok(edit_set_string(d, d->root, "---", &dl));
	expect_text(d, "!t\n\"---\"\n");
	doc_free(d);
	/* libyaml reads "[]#c" as a comment; a plain value must not take it in */
	d = load("a: []#c\n");
	ok(edit_set_yaml(d, at(d, "a"), "x", &dl));
	expect_text(d, "a: x #c\n");
	doc_free(d);
	/* an empty value must not glue the comment to the ':' */
	d = load("a: []#c\n");
	ok(edit_set_yaml(d, at(d, "a"), "#", &dl));
	expect_text(d, "a: #c\n");
	doc_free(d);
	assert_int_equal(dl.n, 0);
}

/* Lines that follow a removed or moved entry must not join a block scalar
 * before it: deeper comments go with the entry (fuzzing). */
static void removal_does_not_feed_a_block_scalar(void **state)
{
	(void)state;
	struct diag_list dl = { 0 };
	struct doc *d = load("a: |\n  text\nb: 1\n    # deep\nc: 2\n");
	ok(edit_map_remove(d, at(d, "b"), &dl));
	expect_text(d, "a: |\n  text\nc: 2\n");
	want_value(d, "a", "text\n");
	doc_free(d);
	d = load("a: |+\n  text\nb: 1\n\nc: 2\n");
	ok(edit_map_remove(d, at(d, "b"), &dl));
	want_value(d, "a", "text\n");
	doc_free(d);
	d = load("m:\n  k: |+\n    x\n\n");
	ok(edit_map_set(d, at(d, "m"), "n", "1", &dl));
	expect_text(d, "m:\n  k: |+\n    x\n\n  n: 1\n");
	want_value(d, "m.k", "x\n\n");
	doc_free(d);
	d = load("l:\n- |\n  x\n- y\n    # deep\n- z\n");
	ok(edit_seq_move(d, at(d, "l"), 1, 0, &dl));
	expect_text(d, "l:\n- y\n    # deep\n- |\n  x\n- z\n");
	ok(edit_seq_move(d, at(d, "l"), 0, 2, &dl));
	expect_text(d, "l:\n- |\n  x\n- z\n- y\n    # deep\n");
	want_value(d, "l[0]", "x\n");
	doc_free(d);
	assert_int_equal(dl.n, 0);
}

/* A plain value that starts with a byte order mark is written quoted: at
 * the start of the file YAML would drop the mark and read a comment
 * (fuzz_edit). */
static void values_led_by_a_bom_stay_values(void **state)
{
	(void)state;
	struct diag_list dl = { 0 };
	struct doc *d = load("old\n");
	ok(edit_set_yaml(d, d->root, "  \xEF\xBB\xBF#x y", &dl));
	expect_text(d, "\"\\uFEFF#x y\"\n");
	assert_string_equal(d->root->text, "\xEF\xBB\xBF#x y");
	doc_free(d);
	d = load("a: old\n");
	ok(edit_set_yaml(d, at(d, "a"), " \xEF\xBB\xBF" "b", &dl));
	expect_text(d, "a: \"\\uFEFFb\"\n");
	want_value(d, "a", "\xEF\xBB\xBF" "b");
	doc_free(d);
	assert_int_equal(dl.n, 0);
}

/* The messages of a check with the editor's cache equal those of a fresh one. */
static void expect_cached_check_agrees(struct doc *d, struct validate_cache *vc)
{
	struct check_opts o;
	memset(&o, 0, sizeof o);
	struct check_result fresh, cached;
	check_doc(d, &o, &fresh);
	o.v.cache = vc;
	check_doc(d, &o, &cached);
	assert_int_equal(cached.diags.n, fresh.diags.n);
	for (size_t i = 0; i < fresh.diags.n; i++) {
		assert_string_equal(cached.diags.v[i].message, fresh.diags.v[i].message);
		assert_int_equal(cached.diags.v[i].offset, fresh.diags.v[i].offset);
	}
	check_result_free(&fresh);
	check_result_free(&cached);
}

/* Edits inside a task re-parse only the edited entry, keeping the task's
 * node: the validation cache must still see the task as changed. */
static void validation_cache_sees_edits_inside_a_task(void **state)
{
	(void)state;
	struct doc *d = load(SPEC);
	struct validate_cache *vc = validate_cache_new();
	struct diag_list dl = { 0 };
	expect_cached_check_agrees(d, vc);
	ok(edit_set_yaml(d, at(d, "workflow.tasks[0].image"), "[1, 2]", &dl));
	expect_cached_check_agrees(d, vc);
	ok(edit_set_yaml(d, at(d, "workflow.tasks[0].image"), "ubuntu", &dl));
	expect_cached_check_agrees(d, vc);
	ok(edit_map_set(d, at(d, "workflow.tasks[0].environment"), "B", "{x: 1}", &dl));
	expect_cached_check_agrees(d, vc);
	ok(edit_map_remove(d, at(d, "workflow.tasks[0].environment.B"), &dl));
	expect_cached_check_agrees(d, vc);
	ok(edit_map_set(d, at(d, "workflow.tasks[1]"), "privileged", "maybe", &dl));
	expect_cached_check_agrees(d, vc);
	validate_cache_free(vc);
	diag_free(&dl);
	doc_free(d);
}

/* Removing a whole list item re-parses the items around it, not the
 * list: the other items keep their nodes (and with them everything editors
 * remember about them), and the tree still equals a fresh load. */
static void removing_items_keeps_the_other_nodes(void **state)
{
	(void)state;
	const char *text = "workflow:\n  tasks:\n  - name: a\n    image: x\n  - name: b\n    image: x\n"
			   "  # c\n  - name: c\n    image: x\n  - name: d\n    image: x\n";
	struct doc *d = load(text);
	struct diag_list dl = { 0 };
	const struct doc_node *ts = at(d, "workflow.tasks");
	const struct doc_node *a = ts->kids[0], *dd = ts->kids[3];
	ok(edit_seq_remove(d, at(d, "workflow.tasks[1]"), &dl));
	expect_text(d, "workflow:\n  tasks:\n  - name: a\n    image: x\n"
		       "  # c\n  - name: c\n    image: x\n  - name: d\n    image: x\n");
	ts = at(d, "workflow.tasks");
	assert_ptr_equal(ts->kids[0], a);
	assert_ptr_equal(ts->kids[2], dd);
	struct doc *f = load(d->text);
	assert_true(doc_node_equal(d->root, f->root, true));
	doc_free(f);
	ok(edit_seq_move(d, at(d, "workflow.tasks"), 1, 0, &dl));
	f = load(d->text);
	assert_true(doc_node_equal(d->root, f->root, true));
	doc_free(f);
	/* under a dash: the enclosing item's dash is on the line, no local splice */
	doc_free(d);
	d = load("l:\n- - a\n  - b\n- c\n");
	ok(edit_seq_remove(d, at(d, "l[0][0]"), &dl));
	expect_text(d, "l:\n- - b\n- c\n");
	f = load(d->text);
	assert_true(doc_node_equal(d->root, f->root, true));
	doc_free(f);
	assert_int_equal(dl.n, 0);
	diag_free(&dl);
	doc_free(d);
}

/* The facts of two views of the same document agree, task by task. */
static void expect_same_tasks(const struct spec *a, const struct spec *b)
{
	assert_int_equal(a->ntasks, b->ntasks);
	assert_int_equal(a->ngroups, b->ngroups);
	for (size_t i = 0; i < a->ntasks; i++) {
		const struct spec_task *x = &a->tasks[i], *y = &b->tasks[i];
		assert_ptr_equal(x->node, y->node);
		assert_string_equal(x->name, y->name);
		assert_true(x->name_hash == y->name_hash);
		assert_string_equal(x->resource, y->resource);
		assert_int_equal(x->lead, y->lead);
		assert_int_equal(x->index, y->index);
		assert_int_equal(x->group->index, y->group->index);
		assert_int_equal(x->index_in_group, y->index_in_group);
		assert_ptr_equal(x->files, y->files);
		assert_int_equal(x->ninputs, y->ninputs);
		for (size_t k = 0; k < x->ninputs; k++) {
			assert_int_equal(x->inputs[k].kind, y->inputs[k].kind);
			assert_ptr_equal(x->inputs[k].value, y->inputs[k].value);
			assert_int_equal(x->inputs[k].ref_ok, y->inputs[k].ref_ok);
			if (x->inputs[k].kind == SPEC_IN_TASK)
				assert_string_equal(x->inputs[k].task, y->inputs[k].task);
			const struct spec_task *px = spec_input_producer(a, &x->inputs[k]);
			const struct spec_task *py = spec_input_producer(b, &y->inputs[k]);
			assert_int_equal(px ? px->index + 1 : 0, py ? py->index + 1 : 0);
		}
		assert_int_equal(x->nbraces, y->nbraces);
		for (uint32_t k = 0; k < x->nbraces; k++)
			assert_ptr_equal(x->braces[k], y->braces[k]);
		assert_ptr_equal(spec_task_named(a, x->name), x);
		const struct spec_profile *qx = spec_task_profile(a, x), *qy = spec_task_profile(b, y);
		assert_int_equal(qx != NULL, qy != NULL);
		if (qx)
			assert_string_equal(qx->name, qy->name);
		assert_ptr_equal(qx, spec_profile_named(a, x->resource));
	}
}

/* spec_rebuild after an edit: the view equals a fresh one, the unchanged
 * tasks come from the previous view (with their memo bits), the edited
 * ones are read again; another tree carries nothing. */
/* The view of d rebuilt from prev (then freed), checked against a fresh one. */
static struct spec *rebuilt(struct doc *d, struct spec *prev)
{
	struct spec *s = spec_rebuild(d, prev), *fresh = spec_build(d);
	expect_same_tasks(s, fresh);
	spec_free(prev);
	spec_free(fresh);
	return s;
}

static void spec_rebuild_takes_unchanged_tasks(void **state)
{
	(void)state;
	struct doc *d = load("workflow:\n"
			     "  name: w\n"
			     "  resources:\n    default: {cpu: 1}\n    big: {cpu: 8}\n"
			     "  tasks:\n"
			     "  - name: a\n    image: x\n    resource: big\n    args: ['{{output}}']\n"
			     "  - name: b\n    image: x\n    inputs:\n    - task: a\n"
			     "  - name: c\n    image: x\n    lead: yes\n    inputs:\n    - task: b\n    - url: s3://x\n");
	struct diag_list dl = { 0 };
	struct spec *s = spec_build(d);
	assert_int_equal(s->carried, 0);
	for (size_t i = 0; i < s->ntasks; i++)
		s->tasks[i].memo = 5;
	s->names_memo = 3;
	ok(edit_set_yaml(d, at(d, "workflow.tasks[1].image"), "y", &dl));
	s = rebuilt(d, s);
	assert_int_equal(s->names_memo, 3);   /* no name changed */
	assert_int_equal(s->carried, 2);
	assert_int_equal(s->tasks[0].memo, 5);
	assert_int_equal(s->tasks[1].memo, 0);
	assert_int_equal(s->tasks[2].memo, 5);
	assert_true(s->tasks[2].lead);
	/* a task inserted before the others shifts them: still carried (the
	 * splice re-parses the old first item with the new one) */
	ok(edit_seq_insert(d, at(d, "workflow.tasks"), 0, "{name: z, image: x}", &dl));
	s = rebuilt(d, s);
	assert_int_equal(s->carried, 2);
	assert_int_equal(s->tasks[0].memo, 0);
	assert_int_equal(s->tasks[2].memo, 0);
	assert_int_equal(s->tasks[3].memo, 5);
	/* a renamed task is read again: the name map follows */
	ok(edit_set_yaml(d, at(d, "workflow.tasks[1].name"), "a2", &dl));
	s = rebuilt(d, s);
	assert_null(spec_task_named(s, "a"));
	assert_ptr_equal(spec_task_named(s, "a2"), &s->tasks[1]);
	assert_null(spec_input_producer(s, &s->tasks[2].inputs[0]));
	assert_int_equal(s->names_memo, 0);
	/* a renamed profile: carried tasks look their profile up again */
	ok(edit_rename_key(d, at(d, "workflow.resources.big"), "huge", &dl));
	s = rebuilt(d, s);
	assert_null(spec_task_profile(s, &s->tasks[1]));
	/* a removed task: the tasks around it are read again, the rest kept */
	ok(edit_seq_remove(d, at(d, "workflow.tasks[1]"), &dl));
	s = rebuilt(d, s);
	assert_int_equal(s->carried, 2);
	/* a full parse is a new tree: nothing is carried */
	assert_int_equal(doc_reparse(d, &dl), 0);
	s = rebuilt(d, s);
	assert_int_equal(s->carried, 0);
	spec_free(s);
	assert_int_equal(dl.n, 0);
	diag_free(&dl);
	doc_free(d);
}

/* "did you mean" for a missing input task is kept while no name changes,
 * and looked for again when one does. */
static void validation_cache_follows_renames_for_suggestions(void **state)
{
	(void)state;
	struct doc *d = load("workflow:\n"
			     "  name: w\n"
			     "  tasks:\n"
			     "  - name: alpha\n    image: x\n"
			     "  - name: beta\n    image: x\n    inputs:\n    - task: alpah\n");
	struct validate_cache *vc = validate_cache_new();
	struct diag_list dl = { 0 };
	expect_cached_check_agrees(d, vc);
	ok(edit_set_yaml(d, at(d, "workflow.tasks[1].image"), "y", &dl));
	expect_cached_check_agrees(d, vc);
	ok(edit_set_yaml(d, at(d, "workflow.tasks[0].name"), "omega", &dl));
	expect_cached_check_agrees(d, vc);
	ok(edit_set_yaml(d, at(d, "workflow.tasks[1].image"), "z", &dl));
	expect_cached_check_agrees(d, vc);
	validate_cache_free(vc);
	diag_free(&dl);
	doc_free(d);
}

/* "did you mean" compares names within a budget per run (spent in file
 * order, kept answers included), so a spec with many missing tasks among
 * thousands stays fast and its messages depend on the spec alone. */
static void suggestions_stop_at_a_budget(void **state)
{
	(void)state;
	struct buf t = BUF_INIT;
	buf_puts(&t, "workflow:\n  name: w\n  tasks:\n");
	for (int i = 0; i < 2000; i++)
		buf_printf(&t, "  - {name: t%d, image: x}\n", i);
	buf_puts(&t, "  - name: last\n    image: x\n    inputs:\n");
	for (int i = 0; i < 12; i++)
		buf_printf(&t, "    - task: t%dx\n", i);
	struct doc *d = load(buf_cstr(&t));
	buf_free(&t);
	struct validate_cache *vc = validate_cache_new();
	for (int run = 0; run < 2; run++) {
		struct check_opts o;
		memset(&o, 0, sizeof o);
		o.v.cache = vc;
		struct check_result r;
		check_doc(d, &o, &r);
		size_t near = 0, plain = 0;
		for (size_t i = 0; i < r.diags.n; i++) {
			if (strcmp(r.diags.v[i].rule, "unknown-input-task") != 0)
				continue;
			if (strstr(r.diags.v[i].message, "did you mean"))
				near++, assert_int_equal(plain, 0);
			else if (strstr(r.diags.v[i].message, "does not exist in this workflow"))
				plain++;
		}
		assert_int_equal(near, 9);   /* 20,000 comparisons / 2,001 names */
		assert_int_equal(plain, 3);
		check_result_free(&r);
	}
	validate_cache_free(vc);
	doc_free(d);
}

/* Token checks of an unchanged task are skipped only when their verdict
 * depends on the task alone: a host token follows the other tasks. */
static void validation_cache_follows_token_verdicts(void **state)
{
	(void)state;
	struct doc *d = load("workflow:\n"
			     "  name: w\n"
			     "  groups:\n"
			     "  - name: g\n"
			     "    tasks:\n"
			     "    - name: t1\n      image: x\n      lead: true\n      args: ['{{host:t2}}']\n"
			     "    - name: t2\n      image: x\n      args: ['{{input:0}}']\n"
			     "      inputs:\n      - url: s3://b/x\n");
	struct validate_cache *vc = validate_cache_new();
	struct diag_list dl = { 0 };
	expect_cached_check_agrees(d, vc);
	/* t1 is unchanged, but its host token no longer resolves */
	ok(edit_set_yaml(d, at(d, "workflow.groups[0].tasks[1].name"), "t3", &dl));
	expect_cached_check_agrees(d, vc);
	ok(edit_set_yaml(d, at(d, "workflow.groups[0].tasks[1].name"), "t2", &dl));
	expect_cached_check_agrees(d, vc);
	/* t2's {{input:0}} loses its input */
	ok(edit_seq_remove(d, at(d, "workflow.groups[0].tasks[1].inputs[0]"), &dl));
	expect_cached_check_agrees(d, vc);
	struct check_opts o;
	memset(&o, 0, sizeof o);
	o.v.cache = vc;
	struct check_result r;
	check_doc(d, &o, &r);
	bool range = false;
	for (size_t i = 0; i < r.diags.n; i++)
		range |= strcmp(r.diags.v[i].rule, "input-token-out-of-range") == 0;
	assert_true(range);
	check_result_free(&r);
	validate_cache_free(vc);
	diag_free(&dl);
	doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(set_scalar_keeps_quotes_and_comments),
		cmocka_unit_test(map_set_appends_with_sibling_indentation),
		cmocka_unit_test(seq_insert_remove_move_block),
		cmocka_unit_test(flow_lists_and_maps),
		cmocka_unit_test(validation_cache_sees_edits_inside_a_task),
		cmocka_unit_test(spec_rebuild_takes_unchanged_tasks),
		cmocka_unit_test(removing_items_keeps_the_other_nodes),
		cmocka_unit_test(validation_cache_follows_token_verdicts),
		cmocka_unit_test(validation_cache_follows_renames_for_suggestions),
		cmocka_unit_test(suggestions_stop_at_a_budget),
		cmocka_unit_test(flow_items_keep_their_properties),
		cmocka_unit_test(removing_the_last_item_leaves_an_empty_list),
		cmocka_unit_test(empty_values_become_collections),
		cmocka_unit_test(block_value_replaces_scalar_and_back),
		cmocka_unit_test(rename_and_duplicate),
		cmocka_unit_test(crlf_documents_stay_crlf),
		cmocka_unit_test(no_final_newline),
		cmocka_unit_test(undo_redo_whole_actions),
		cmocka_unit_test(bad_values_are_refused),
		cmocka_unit_test(values_led_by_a_bom_stay_values),
		cmocka_unit_test(scalar_edit_changes_one_line),
		cmocka_unit_test(multi_line_text_stays_the_text),
		cmocka_unit_test(move_without_final_newline),
		cmocka_unit_test(bom_is_not_indentation),
		cmocka_unit_test(removal_does_not_feed_a_block_scalar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
