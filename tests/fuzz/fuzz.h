/* fuzz: what the fuzz targets share.
 *
 * FUZZ_CHECK aborts with the failed property: libFuzzer (and the replay
 * driver, tests/fuzz/replay.c) treat an abort as a crash, so a broken
 * invariant is reported exactly like a memory error, with the input saved.
 * fuzz_nodes() lists every node of a tree in document order (explicit
 * stack: the loader's depth limit bounds the tree, not the C stack).
 */
#ifndef OSMO_FUZZ_H
#define OSMO_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"

#define FUZZ_CHECK(cond) \
	((cond) ? (void)0 : fuzz_fail(__FILE__, __LINE__, #cond))

/* Print the failed property and abort. */
void fuzz_fail(const char *file, int line, const char *what) __attribute__((noreturn));

struct fuzz_nodes {
	const struct doc_node **v;
	size_t n, cap;
};

/* Collect every node under root (root first, then children in order).
 * Returns 0, or -1 when out of memory. */
int fuzz_nodes(const struct doc_node *root, struct fuzz_nodes *out);
/* Free the list. */
void fuzz_nodes_free(struct fuzz_nodes *l);

/* Same diagnostics (rule, offsets, message) in the same order? */
int fuzz_diags_equal(const struct diag_list *a, const struct diag_list *b);

/* The libFuzzer entry point every target defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
