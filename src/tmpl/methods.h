/* methods: the Python attributes of built-in values that templates may use
 * (str.upper, dict.items, list.index, int.real, ...) as bound-method
 * objects, the sandbox's knowledge of which attributes exist at all, and
 * the template globals (range, dict, namespace, cycler, joiner).
 *
 * Attribute lookup distinguishes three answers, because Jinja's getattr
 * falls back to item lookup only when Python has no such attribute:
 * the attribute (a value), "Python has no such attribute" (TV_MISSING),
 * or "Python has it but osmo-tui does not" (an unsupported error).
 */
#ifndef OSMO_TMPL_METHODS_H
#define OSMO_TMPL_METHODS_H

#include "tmpl/eval.h"

/* getattr(obj, name) for built-in kinds and internal objects. */
struct tv methods_getattr(struct rt *rt, const struct node *at, struct tv obj, const char *name, size_t len);
/* Does Python's object have this attribute (dunders included)? */
bool methods_has_attr(struct tv obj, const char *name, size_t len);
/* The global called name (range, dict, namespace, cycler, joiner, lipsum),
 * or TV_MISSING. */
struct tv methods_global(const char *name, size_t len);
/* A bound method object: calling it calls fn(rt, at, self, args). */
typedef struct tv (*method_fn)(struct rt *rt, const struct node *at, struct tv self, struct args *a);
struct tv methods_bind(struct tv self, const char *name, method_fn fn);
/* A new namespace object (the class Jinja's namespace() returns). */
struct tv methods_namespace_new(void);
/* Is v a namespace object? */
bool methods_is_namespace(struct tv v);
/* The namespace's attribute dict (borrowed). */
struct tv methods_namespace_dict(struct tv ns);

#endif
