/* fuzz_load: the YAML loader on arbitrary bytes.
 *
 * Properties: doc_load never crashes, hangs or leaks, whatever the bytes;
 * it is deterministic (a second load gives an equal tree, offsets included,
 * and the same diagnostics); a full re-parse gives the same tree; every
 * node's byte spans lie inside the text and nest in their parent's; the
 * readers (doc_resolve, doc_map_get, doc_map_entries, doc_line_col) work on
 * every node; path_of_node() prints a path that path_parse() accepts and,
 * when keys are unambiguous, that leads back to the same node.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "fuzz.h"
#include "path.h"

/* Can a path name this node unambiguously (no duplicate, merge or NUL keys)? */
static int addressable(const struct doc_node *n)
{
	for (const struct doc_node *c = n; c && c->parent; c = c->parent) {
		if (c->key && (strlen(c->key) != c->key_len || strcmp(c->key, "<<") == 0))
			return 0;
		if (c->parent->kind == DOC_MAP)
			for (uint32_t i = 0; i < c->parent->nkids; i++) {
				const struct doc_node *s = c->parent->kids[i];
				if (s != c && s->key_len == c->key_len &&
				    memcmp(s->key, c->key, c->key_len) == 0)
					return 0;
			}
	}
	return 1;
}

static void check_node(struct doc *d, const struct doc_node *n)
{
	FUZZ_CHECK(n->start <= n->end && n->end <= d->len);
	FUZZ_CHECK(n->item_start <= d->len);
	if (n->key)
		FUZZ_CHECK(n->key_start <= n->key_end && n->key_end <= d->len);
	if (n->kind == DOC_ALIAS)
		FUZZ_CHECK(n->target && n->target->anchor);
	for (uint32_t i = 0; i < n->nkids; i++)
		FUZZ_CHECK(n->kids[i]->parent == n);
	FUZZ_CHECK(doc_resolve(n) != NULL || n->kind == DOC_ALIAS);
	int line, col;
	doc_line_col(d, n->start, &line, &col);
	FUZZ_CHECK(line >= 1 && col >= 1);
	const struct doc_node *r = doc_resolve(n);
	if (r && r->kind == DOC_MAP) {
		const struct doc_node **ents;
		long cnt = doc_map_entries(d, r, &ents);
		for (long i = 0; i < cnt; i++)
			FUZZ_CHECK(ents[i]->key != NULL);
		(void)doc_map_get(r, "name");
	}
	(void)doc_is_null(n);
	(void)doc_str(n);
	(void)doc_entry_line_start(d, n);
	FUZZ_CHECK(doc_entry_line_end(d, n) <= d->len);

	struct buf pb = BUF_INIT;
	path_of_node(n, &pb);
	struct path p;
	const char *em;
	size_t ep;
	int prc = path_parse(buf_cstr(&pb), &p, &em, &ep);
	FUZZ_CHECK(pb.oom || prc == 0);
	if (prc == 0) {
		const struct doc_node *back = path_resolve(d->root, &p, NULL, NULL);
		if (addressable(n) && n->parent)
			FUZZ_CHECK(back == n);
		path_free(&p);
	}
	buf_free(&pb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list d1 = { 0 }, d2 = { 0 }, d3 = { 0 };
	struct doc *a = doc_load((const char *)data, size, NULL, &d1);
	struct doc *b = doc_load((const char *)data, size, NULL, &d2);
	if (!a || !b)
		goto out;   /* out of memory */
	FUZZ_CHECK(a->len == size && memcmp(a->text, data, size) == 0);
	FUZZ_CHECK(a->ok == b->ok);
	FUZZ_CHECK(doc_node_equal(a->root, b->root, true));
	FUZZ_CHECK(fuzz_diags_equal(&d1, &d2));
	FUZZ_CHECK(a->ok || d1.n > 0);   /* a failure always says why */
	for (size_t i = 0; i < d1.n; i++) {
		doc_locate(a, &d1.v[i]);
		FUZZ_CHECK(d1.v[i].offset == DIAG_NO_OFFSET || d1.v[i].offset <= size);
	}
	if (a->ok) {
		FUZZ_CHECK(doc_reparse(b, &d3) == 0);
		FUZZ_CHECK(doc_node_equal(a->root, b->root, true));
		struct fuzz_nodes all;
		if (fuzz_nodes(a->root, &all) == 0) {
			/* the path checks are quadratic in a list's length: sample */
			size_t step = all.n > 2000 ? all.n / 2000 : 1;
			for (size_t i = 0; i < all.n; i += step)
				check_node(a, all.v[i]);
			fuzz_nodes_free(&all);
		}
	}
out:
	doc_free(a);
	doc_free(b);
	diag_free(&d1);
	diag_free(&d2);
	diag_free(&d3);
	return 0;
}
