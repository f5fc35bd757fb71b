/* fuzz_path: path parsing, resolving, printing and completion.
 *
 * The input is a path string (up to its first NUL) applied to a fixed
 * document with every shape a path can meet: nested mappings and lists,
 * [name=X] items (unique and duplicated names), quoted keys with '.', '[',
 * '"' in them, an empty key, flow collections, anchors, aliases and a "<<"
 * merge. Properties: no crash, hang or leak; a parse error has a position
 * inside the string; a parsed path printed canonically parses again to the
 * same steps; path_resolve's `matched` never exceeds the step count and a
 * full match returns the node; path_of_node() of a resolved node parses;
 * path_complete() returns as many candidates as it prints lines, and each
 * candidate is a path that parses.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "fuzz.h"
#include "path.h"

static const char SPEC[] =
	"workflow:\n"
	"  name: demo\n"
	"  resources:\n"
	"    default: &res\n"
	"      cpu: 1\n"
	"      memory: 1Gi\n"
	"    big:\n"
	"      <<: *res\n"
	"      cpu: 8\n"
	"  tasks:\n"
	"  - name: train\n"
	"    image: ubuntu\n"
	"    command: [python, \"train.py\"]\n"
	"    environment: {A: 1, \"B.C\": two}\n"
	"    inputs:\n"
	"    - task: prep\n"
	"  - name: eval\n"
	"    args:\n"
	"    - --x\n"
	"    - [1, [2, 3]]\n"
	"  - name: eval\n"
	"    image: dup\n"
	"  - name: \"]odd[\"\n"
	"  - name: '\"q'\n"
	"  - *res\n"
	"  - plain item\n"
	"  \"a.b\": 1\n"
	"  \"x[0]\": 2\n"
	"  \"q\\\"k\": 3\n"
	"  \"\": empty key\n"
	"  nested: {deep: {deeper: [a, {b: c}]}}\n"
	"  nothing:\n";

static struct doc *spec;

static int same_steps(const struct path *a, const struct path *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++) {
		const struct path_step *x = &a->steps[i], *y = &b->steps[i];
		if (x->kind != y->kind || x->index != y->index)
			return 0;
		if ((x->key || y->key) && (!x->key || !y->key || strcmp(x->key, y->key) != 0))
			return 0;
		if ((x->value || y->value) && (!x->value || !y->value || strcmp(x->value, y->value) != 0))
			return 0;
	}
	return 1;
}

static void check_candidates(const char *list)
{
	const char *line = list;
	while (*line) {
		const char *nl = strchr(line, '\n');
		FUZZ_CHECK(nl != NULL);
		size_t len = (size_t)(nl - line);
		char *c = malloc(len + 1);
		if (!c)
			return;
		memcpy(c, line, len);
		c[len] = '\0';
		struct path p;
		const char *em;
		size_t ep;
		FUZZ_CHECK(path_parse(c, &p, &em, &ep) == 0);
		path_free(&p);
		free(c);
		line = nl + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!spec) {
		struct diag_list dl = { 0 };
		spec = doc_load(SPEC, sizeof SPEC - 1, NULL, &dl);
		FUZZ_CHECK(spec && spec->ok && dl.n == 0);
		diag_free(&dl);
	}
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	size_t slen = strlen(s);

	struct path p;
	const char *em = NULL;
	size_t ep = (size_t)-1;
	if (path_parse(s, &p, &em, &ep) < 0) {
		FUZZ_CHECK(em && ep <= slen);
	} else {
		size_t matched = (size_t)-1;
		const struct doc_node *last = NULL;
		const struct doc_node *n = path_resolve(spec->root, &p, &matched, &last);
		FUZZ_CHECK(matched <= p.n);
		FUZZ_CHECK(n == NULL || (matched == p.n && last == n));
		FUZZ_CHECK(n != NULL || matched < p.n || p.n == 0);
		struct buf canon = BUF_INIT;
		path_format_prefix(&p, p.n, &canon);
		struct path q;
		if (!canon.oom) {
			FUZZ_CHECK(path_parse(buf_cstr(&canon), &q, &em, &ep) == 0);
			FUZZ_CHECK(same_steps(&p, &q));
			FUZZ_CHECK(path_resolve(spec->root, &q, NULL, NULL) == n);
			path_free(&q);
		}
		buf_free(&canon);
		if (n) {
			struct buf back = BUF_INIT;
			path_of_node(n, &back);
			FUZZ_CHECK(back.oom || path_parse(buf_cstr(&back), &q, &em, &ep) == 0);
			if (!back.oom)
				path_free(&q);
			buf_free(&back);
		}
		path_free(&p);
	}
	struct buf out = BUF_INIT;
	size_t cnt = path_complete(spec->root, s, &out);
	size_t lines = 0;
	for (size_t i = 0; i < out.len; i++)
		lines += out.data[i] == '\n';
	FUZZ_CHECK(out.oom || lines == cnt);
	if (!out.oom)
		check_candidates(buf_cstr(&out));
	buf_free(&out);
	free(s);
	return 0;
}
