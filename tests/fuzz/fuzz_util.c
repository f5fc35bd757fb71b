/* fuzz_util: helpers shared by the fuzz targets (see fuzz.h). */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: fuzz property failed: %s\n", file, line, what);
	abort();
}

static int push(struct fuzz_nodes *l, const struct doc_node *n)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		const struct doc_node **v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = n;
	return 0;
}

int fuzz_nodes(const struct doc_node *root, struct fuzz_nodes *out)
{
	memset(out, 0, sizeof *out);
	if (!root)
		return 0;
	struct fuzz_nodes stack = { 0 };
	if (push(&stack, root) < 0)
		return -1;
	while (stack.n) {
		const struct doc_node *n = stack.v[--stack.n];
		if (push(out, n) < 0)
			goto oom;
		for (uint32_t i = n->nkids; i-- > 0;)
			if (push(&stack, n->kids[i]) < 0)
				goto oom;
	}
	free(stack.v);
	return 0;
oom:
	free(stack.v);
	fuzz_nodes_free(out);
	return -1;
}

void fuzz_nodes_free(struct fuzz_nodes *l)
{
	free(l->v);
	memset(l, 0, sizeof *l);
}

int fuzz_diags_equal(const struct diag_list *a, const struct diag_list *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++) {
		const struct diag *x = &a->v[i], *y = &b->v[i];
		if (x->severity != y->severity || x->offset != y->offset ||
		    x->end_offset != y->end_offset || strcmp(x->rule, y->rule) != 0 ||
		    strcmp(x->message ? x->message : "", y->message ? y->message : "") != 0)
			return 0;
	}
	return 1;
}
