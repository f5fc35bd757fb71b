/* pydump: print a parsed YAML document as PyYAML's yaml.dump prints it.
 *
 * `osmo workflow submit --dry-run` answers with yaml.dump({'workflow':
 * yaml.safe_load(rendered)['workflow']}), so `render --dry-run` must print
 * that text byte for byte. This module builds, from a node of a doc
 * (doc.h), the Python object PyYAML's SafeLoader constructs (YAML 1.1
 * types via yaml11.h, "<<" merges flattened, duplicate keys collapsed as a
 * dict does, objects reached twice through aliases shared), represents it
 * as PyYAML's Representer does and emits it with pyemit.h.
 *
 * Mapping keys are sorted as Python's sorted() orders them when all keys
 * are mutually comparable (numbers with bools, or strings, or dates...);
 * when they are not (a str key beside an int key, None beside anything)
 * sorted() raises TypeError, PyYAML keeps the dict's insertion order, and
 * so do we. Supported tags: none, "!", !!str !!int !!float !!bool !!null
 * !!timestamp !!binary !!seq !!map !!set !!omap !!pairs (!!int and
 * !!timestamp only on texts the YAML 1.1 resolver reads as that type).
 * Tags on mapping keys are not kept by doc.h and are ignored here.
 *
 * Known differences from PyYAML: a key tag is lost (`!!str 1: x` prints the
 * int key 1); !!int/!!timestamp on other texts are refused
 * ("pydump-unsupported") where PyYAML would try int() or fail; a !!set of
 * mutually incomparable members keeps document order (Python iterates a set
 * in hash order, randomised for str); NaN keys in a mapping of 64 or more
 * keys may sort differently (CPython's merge steps are not reproduced);
 * nesting is limited by max_depth, not by Python's recursion limit.
 */
#ifndef OSMO_PYDUMP_H
#define OSMO_PYDUMP_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"

struct pydump_limits {
	size_t max_objects;     /* objects represented plus mapping entries
	                           merged through "<<"; 0 = 4,000,000 */
	unsigned max_depth;     /* nesting, aliases followed; 0 = 1000 */
};

/* Append to out what yaml.dump(obj) writes with PyYAML 6.0's defaults, obj
 * being what yaml.safe_load builds from n (NULL: None, as for an empty
 * document). Returns 0, or -1 with one positioned error in diags (byte
 * offsets into n's doc text) when SafeLoader would raise (bad date or
 * base64, bad merge, unknown tag), for what we cannot reproduce ("pydump-
 * unsupported") or past a limit; out is then unchanged. lim may be NULL. */
int pydump_node(const struct doc_node *n, const struct pydump_limits *lim, struct buf *out,
		struct diag_list *diags);

/* Same for the one-key dict {key: obj}: the dry-run text is
 * pydump_wrapped("workflow", workflow_node, ...). key is a Python str. */
int pydump_wrapped(const char *key, const struct doc_node *n, const struct pydump_limits *lim,
		   struct buf *out, struct diag_list *diags);

#endif
