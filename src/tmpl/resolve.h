/* resolve: Jinja's scoping rules, applied at compile time.
 *
 * Jinja decides statically which scope every variable lives in (its
 * idtracking module): a {% set %} inside a for body is local to the body,
 * one inside an if is not, a name read before the template assigns it at
 * top level is undefined inside loops, macros see the template's variables
 * by closure, and so on. This pass replays that analysis over our AST and
 * records the result: every N_NAME gets a (function depth, slot) reference
 * and every scope gets the list of slots to initialise on entry. It also
 * binds filter and test names to their implementations, reporting unknown
 * ones as Jinja does (at compile time, or at run time inside if/else).
 */
#ifndef OSMO_TMPL_RESOLVE_H
#define OSMO_TMPL_RESOLVE_H

#include "tmpl/ast.h"

struct resolve_error {
	const char *rule;
	char msg[384];
	uint32_t off;
	int line;
};

/* Resolve the template body. root/root_frame receive the top-level
 * function's slot count and entry code. Returns 0 or -1 with *err. */
int resolve_template(struct nlist *body, struct arena *arena, struct func_info *root,
		     struct frame_code *root_frame, struct resolve_error *err);

#endif
