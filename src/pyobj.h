/* pyobj: the scalar objects PyYAML's SafeConstructor builds, for pydump.
 *
 * A scalar node (or a mapping key) becomes a Python str, None, bool, int,
 * float, date, datetime or bytes. yaml.dump needs three things of it: the
 * text and tag its representer writes (`true`, `1.0e+20`, `.inf`,
 * `2024-01-01 10:00:00+05:30`, base64 lines for bytes), whether two keys
 * are equal as dict keys (1 == 1.0 == True; aware datetimes by instant),
 * and how sorted() orders keys (and when it raises TypeError instead).
 * Construction follows the tag: none or "!" (resolved as YAML 1.1 by
 * yaml11.h), or an explicit !!str !!null !!bool !!int !!float !!timestamp
 * !!binary. What SafeConstructor would raise is reported as an error.
 */
#ifndef OSMO_PYOBJ_H
#define OSMO_PYOBJ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "doc.h"
#include "yaml11.h"

#define PYOBJ_TAG_PREFIX "tag:yaml.org,2002:"

/* Objects of different classes never compare with "<" (TypeError). */
enum pyobj_class {
	PC_NONE,
	PC_NUM,         /* bool, int, float */
	PC_STR,
	PC_BYTES,
	PC_DATE,
	PC_NAIVE,       /* datetime without a timezone */
	PC_AWARE,       /* datetime with a timezone */
};

struct pyobj {
	enum pyobj_class cls;
	enum y11_type type;     /* the resolver type of the text (Y11_STR for str) */
	const char *tag;        /* the representer's tag: "!!str", "!!int", ... */
	const char *text;       /* the representer's text (not NUL-terminated) */
	size_t len;
	char style;             /* 0, or '|' for bytes */
	bool is_float;
	double f;               /* floats */
	bool own_nan;           /* a NaN of its own (float('nan')); the .nan of
	                           the YAML text is one shared object */
	const char *dec;        /* ints and bools: exact decimal, NUL-terminated */
	struct y11_timestamp ts;
};

/* Where texts are kept and the first error goes. Zero-initialise; free
 * with pyobj_ctx_free(). */
struct pyobj_ctx {
	struct arena a;
	struct diag_list *diags;
	bool failed;            /* an error was reported (only the first is) */
};

/* Report an error at byte range [start, end) unless one was reported.
 * Always returns NULL. */
void *pyobj_fail(struct pyobj_ctx *c, const char *rule, uint32_t start, uint32_t end,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The object of scalar node n (aliases already resolved). Returns 0 or -1
 * (reported). */
int pyobj_value(struct pyobj_ctx *c, const struct doc_node *n, struct pyobj *o);

/* The key object of mapping entry kid. flattened: the mapping went through
 * flatten_mapping, which turns a "=" key into a str. Returns 0 or -1. */
int pyobj_key(struct pyobj_ctx *c, const struct doc_node *kid, bool flattened, struct pyobj *o);

/* Would the resolver read o's text, written plain, back as o's type? */
bool pyobj_reads_back(const struct pyobj *o);

/* Does PyYAML's representer give o an identity (anchors)? Dates and
 * datetimes only: str, numbers, bools, None and bytes never. */
bool pyobj_aliasable(const struct pyobj *o);

/* A string equal for two objects exactly when Python's == holds for them as
 * dict keys; NULL for a NaN (equal to nothing) or when out of memory
 * (c->failed is then set). Allocated in c's arena. */
const char *pyobj_canon(struct pyobj_ctx *c, const struct pyobj *o);

/* Can Python order a and b with "<" (no TypeError)? */
bool pyobj_comparable(const struct pyobj *a, const struct pyobj *b);

/* Python's a < b for comparable objects (false when a NaN is involved). */
bool pyobj_lt(const struct pyobj *a, const struct pyobj *b);

/* Free the arena of c. */
void pyobj_ctx_free(struct pyobj_ctx *c);

#endif
