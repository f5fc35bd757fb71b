/* validate_int: what the validate*.c files share (internal).
 *
 * A walk context, reporting helpers that turn a node (or a range inside a
 * scalar's value) into a positioned diagnostic, and the entry points of the
 * rule families: validate.c (schema walk), validate_rules.c (relations
 * between fields), validate_pool.c (against a pool description).
 */
#ifndef OSMO_VALIDATE_INT_H
#define OSMO_VALIDATE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "rules.h"
#include "schema.h"
#include "spec.h"
#include "units.h"
#include "validate.h"

struct vctx {
	struct doc *d;
	const struct validate_opts *o;
	struct diag_list *out;
	const char *task;       /* name of the task being walked, for messages */
	int depth;
	struct validate_cache *cache;   /* never NULL during a run */
	struct spec **keep;     /* the cache's spec view of the last run (or NULL):
	                           vrules rebuilds from it and leaves its own */
};

/* Report rule r on bytes [a, b) with a printf message. */
void vreport(struct vctx *c, enum rule_id r, uint32_t a, uint32_t b, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Report a units/names checker failure on scalar n (at the sub-range the
 * checker named when the value is written verbatim), with an optional prefix. */
void vreport_sub(struct vctx *c, enum rule_id r, const struct doc_node *n, const struct units_err *e,
		 const char *prefix);
/* Report a checker failure on bytes [a, b): "PREFIX MSG; HINT". */
void vreport_err(struct vctx *c, enum rule_id r, uint32_t a, uint32_t b, const struct units_err *e,
		 const char *prefix);
/* The range to underline for a node (its token, its key when empty, or the
 * first line of a block collection). */
void vrange(const struct doc_node *n, uint32_t *a, uint32_t *b);
/* Source offset of offset off inside scalar n's value (see validate.c). */
uint32_t vsrc(const struct vctx *c, const struct doc_node *n, size_t off);
/* The line of byte offset off as the user sees it (mapped for templates). */
int vline(const struct vctx *c, uint32_t off);
/* True for a plain (unquoted) scalar. */
bool vplain(const struct doc_node *n);
/* "a list", "a boolean", "null"... as YAML 1.1 reads the node. */
const char *vkind(const struct doc_node *n);

/* validate_rules.c */
void vcheck_name(struct vctx *c, enum schema_obj o, const struct doc_node *v);
void vcheck_file(struct vctx *c, const struct doc_node *file);
void vreport_overwritten(struct vctx *c, enum schema_obj o, const struct doc_node *ent);
void vrules(struct vctx *c);

/* validate_pool.c */
void vcheck_timeout_limit(struct vctx *c, const struct schema_field *f, const struct doc_node *v,
			  double seconds);
void vpool(struct vctx *c);

#endif
