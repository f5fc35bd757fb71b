/* eval: the template runtime shared by the evaluator modules (internal).
 *
 * One render owns a `struct rt`: the variables, limits, the current output
 * buffer and the first error raised. Evaluation functions return a
 * `struct tv`; a value of kind TV_OOM means "failed" and rt->failed says
 * why (an allocation failure without a recorded error is a MemoryError).
 *
 * Python's exception classes map to rule ids: UndefinedError ->
 * template-undefined-variable, SecurityError -> template-unsafe, syntax and
 * assertion errors -> template-syntax, MemoryError and size limits ->
 * template-memory, the time budget -> template-timeout, everything else
 * (TypeError, ValueError, ZeroDivisionError, ...) -> template-runtime-error
 * with the class name leading the message ("TypeError: ...").
 */
#ifndef OSMO_TMPL_EVAL_H
#define OSMO_TMPL_EVAL_H

#include <time.h>

#include "tmpl/ast.h"
#include "tmpl/tmpl.h"

#define RULE_SYNTAX "template-syntax"
#define RULE_UNDEF "template-undefined-variable"
#define RULE_UNSAFE "template-unsafe"
#define RULE_TIMEOUT "template-timeout"
#define RULE_MEMORY "template-memory"
#define RULE_RUNTIME "template-runtime-error"
#define RULE_UNSUPPORTED "template-unsupported"

#define IS_ERR(v) ((v).kind == TV_OOM)

/* The variables of one function invocation (template body, macro call,
 * loop filter). parent is the lexically enclosing invocation (closures). */
struct env {
	uint32_t rc;
	struct env *parent;
	uint32_t n;
	struct tv slots[];
};

struct kwarg {
	const char *name;
	size_t len;
	struct tv v;
};

/* Call arguments (values owned by whoever built the struct). */
struct args {
	struct tv *pos;
	uint32_t npos;
	struct kwarg *kw;
	uint32_t nkw;
};

struct rt {
	const struct tmpl *t;
	struct tv vars;              /* the caller's dict (borrowed) */
	struct tmpl_limits lim;
	struct buf *out;             /* where output goes now */
	size_t out_total;            /* bytes written to the final output */
	bool failed;
	const char *rule;
	struct buf msg;
	uint32_t err_off;
	int err_line;
	uint64_t steps, iterations;
	int depth;
	struct timespec deadline;
	bool has_deadline;
	struct tv *keep;             /* objects that may form cycles, cleared at the end */
	size_t nkeep, capkeep;
	struct env **envs;           /* envs captured by closures, cleared at the end */
	size_t nenvs, capenvs;
};

/* An internal object class with behaviour: calls and attributes. */
struct rt_class {
	struct tv_class base;
	/* call the object (NULL: not callable) */
	struct tv (*call)(struct rt *rt, const struct node *at, struct tv self, struct args *a);
	/* attribute lookup: a new value, or TV_MISSING when there is none */
	struct tv (*getattr)(struct rt *rt, const struct node *at, struct tv self, const char *name, size_t len);
	/* objects that iterate like a list (dict views): that list, borrowed */
	struct tv (*as_list)(struct tv self);
	/* iterators (generators): next item, 1 = got one, 0 = end, -1 = error */
	int (*next)(struct rt *rt, const struct node *at, struct tv self, struct tv *out);
};

/* --- errors (each returns the failure value, records only the first) --- */
struct tv rt_err(struct rt *rt, const struct node *at, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* "TypeError: ..." and friends, rule template-runtime-error. */
struct tv rt_exc(struct rt *rt, const struct node *at, const char *cls, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Raise the error an undefined value stands for. */
struct tv rt_undef_err(struct rt *rt, const struct node *at, struct tv undef);
/* MemoryError, unless an error is already recorded. */
struct tv rt_oom(struct rt *rt, const struct node *at);
/* v if it is not a failure; a failure without an error becomes MemoryError. */
struct tv rt_chk(struct rt *rt, const struct node *at, struct tv v);
/* Count one step; checks the time budget now and then. Returns 0 or -1. */
int rt_tick(struct rt *rt, const struct node *at);
/* Keep obj until the end of the render (to break reference cycles). */
int rt_keep(struct rt *rt, struct tv obj);
/* A string longer than the value size limit? Reports it. */
bool rt_too_big(struct rt *rt, const struct node *at, size_t bytes);

/* --- core Python semantics (ops.c) --- */
/* Strict undefined? (plain Undefined from "a if b" without else is lenient) */
bool rt_strict(struct tv v);
/* bool(v). Returns 0 or -1. */
int rt_truth(struct rt *rt, const struct node *at, struct tv v, bool *out);
/* Append str(v). Returns 0 or -1. */
int rt_str(struct rt *rt, const struct node *at, struct tv v, struct buf *out);
/* str(v) as a value (a new reference). */
struct tv rt_to_str(struct rt *rt, const struct node *at, struct tv v);
/* len(v). Returns 0 or -1. */
int rt_len(struct rt *rt, const struct node *at, struct tv v, int64_t *out);
/* Binary arithmetic (enum binop) with Python semantics. */
struct tv rt_binop(struct rt *rt, const struct node *at, int op, struct tv a, struct tv b);
/* -v and +v. */
struct tv rt_unary(struct rt *rt, const struct node *at, bool neg, struct tv v);
/* a OP b for enum cmpop. Returns 0 or -1. */
int rt_compare(struct rt *rt, const struct node *at, int op, struct tv a, struct tv b, bool *out);
/* a < b as Python's sort sees it. Returns 0 or -1. */
int rt_less(struct rt *rt, const struct node *at, struct tv a, struct tv b, bool *out);
/* Python's int() of a number (float truncation, overflow checked). */
int rt_int_of(struct rt *rt, const struct node *at, struct tv v, int64_t *out);
/* Number as double (for float()). */
double rt_num(struct tv v);

/* Iteration over lists, tuples, dicts (keys), strings (characters), ranges. */
struct iter {
	struct tv src;
	size_t i, n;
};
/* Start iterating v (a reference is kept). Returns 0 or -1 (not iterable). */
int rt_iter(struct rt *rt, const struct node *at, struct tv v, struct iter *it);
/* Next item (new reference): 1 = got one, 0 = end, -1 = error. */
int rt_next(struct rt *rt, const struct node *at, struct iter *it, struct tv *out);
/* Items left, or SIZE_MAX for iterators of unknown length (generators). */
size_t rt_iter_left(const struct iter *it);
/* Release the iterator. */
void rt_iter_free(struct iter *it);
/* list(v): a new list. */
struct tv rt_list(struct rt *rt, const struct node *at, struct tv v);

/* --- expressions (expr.c) --- */
struct tv eval_expr(struct rt *rt, struct env *env, const struct node *n);
/* Evaluate n and write str() of it to rt->out. Returns 0 or -1. */
int emit_expr(struct rt *rt, struct env *env, const struct node *n);
/* obj.name with Jinja's sandboxed getattr (attribute first, then item). */
struct tv rt_getattr(struct rt *rt, const struct node *at, struct tv obj, const char *name, size_t len);
/* obj[key] with Jinja's sandboxed getitem (item first, then attribute). */
struct tv rt_getitem(struct rt *rt, const struct node *at, struct tv obj, struct tv key);
/* Apply the filter node n to v (its arguments evaluated in env). */
struct tv apply_filter(struct rt *rt, struct env *env, const struct node *n, struct tv v);
/* Call a callable value. */
struct tv rt_call(struct rt *rt, const struct node *at, struct tv callee, struct args *a);
/* Evaluate call arguments (positional, keyword, *args, **kwargs). */
int eval_args(struct rt *rt, struct env *env, const struct call_args *ca, struct args *out);
/* Drop the values of evaluated arguments. */
void args_free(struct args *a);
/* Read a variable slot. */
struct tv *env_slot(struct env *env, struct ref r);

/* --- statements (eval.c) --- */
/* Run a statement list. Returns 0 or -1. */
int exec_body(struct rt *rt, struct env *env, const struct nlist *body);
/* Enter a scope: initialise its variables (Jinja's enter_frame). */
int enter_frame(struct rt *rt, struct env *env, const struct frame_code *fc);
/* Leave a scope: its variables become unbound again. */
void leave_frame(struct env *env, const struct frame_code *fc);
/* A new environment of n slots (all unbound). */
struct env *env_new(struct env *parent, uint32_t n);
/* Release an environment. */
void env_release(struct rt *rt, struct env *env);
/* The end of a render: break reference cycles and free what is left. */
void eval_cleanup(struct rt *rt);
/* Look a name up in the caller's variables, then the globals. */
struct tv rt_resolve(struct rt *rt, const char *name, size_t len);

/* --- argument binding for filters, tests and methods --- */
/* Bind a call like Python's fname(p0, p1, ...): out[i] gets a borrowed
 * value or TV_MISSING. The first nfixed params were passed separately
 * (e.g. the filtered value). Returns 0 or -1 (TypeError). */
int rt_bind(struct rt *rt, const struct node *at, const char *fname, const struct args *a,
	    const char *const *params, int nparams, int nrequired, int nfixed, struct tv *out);

#endif
