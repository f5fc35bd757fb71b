/* tmpl: osmo-tui's Jinja engine, the subset of Jinja2 OSMO specs use,
 * rendering byte for byte what Python's Jinja2 3.1
 * SandboxedEnvironment(undefined=StrictUndefined) renders (default
 * delimiters, no trim_blocks/lstrip_blocks, final newline dropped).
 *
 *   struct tv vars = tv_dict_new();
 *   tv_dict_set(vars, "n", 1, tv_int(3));
 *   struct buf out = BUF_INIT;
 *   struct diag_list diags = { 0 };
 *   if (tmpl_render(src, len, &vars, NULL, &out, &diags) < 0) ... diags ...
 *   tv_drop(vars);
 *
 * Errors are diagnostics positioned by line/column in the template source
 * with Jinja's message text and one of the rule ids template-syntax,
 * template-undefined-variable, template-unsafe, template-timeout,
 * template-memory, template-runtime-error, template-unsupported. Anything
 * outside the supported subset is an error, never a silently different
 * output. A render is bounded by `struct tmpl_limits`.
 *
 * Compile once and render many times with tmpl_compile + tmpl_exec (the
 * compiled template is immutable; renders on different threads are fine).
 */
#ifndef OSMO_TMPL_TMPL_H
#define OSMO_TMPL_TMPL_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "tmpl/value.h"

struct tmpl_limits {
	uint64_t max_iterations;   /* for-loop iterations in total */
	size_t max_output;         /* bytes of rendered output */
	size_t max_value;          /* bytes of one string / elements of one list */
	size_t max_memory;         /* bytes of values alive at once (0 = no limit) */
	int max_depth;             /* nested macro calls / call blocks */
	double max_seconds;        /* time budget (OSMO: 0.5 s; 0 = none) */
	uint32_t clock_every;      /* check the clock every N steps */
};

/* OSMO-like defaults: 1e6 iterations, 32 MiB output, 16 MiB per value,
 * 100 MiB of values, depth 100, 0.5 s, clock every 1024 steps. */
struct tmpl_limits tmpl_limits_default(void);

struct tmpl;

/* Compile a template. Returns NULL and appends diagnostics on error
 * (including out of memory). */
struct tmpl *tmpl_compile(const char *src, size_t len, struct diag_list *diags);
/* Render a compiled template with vars (a TV_DICT, or NULL for none) and
 * limits (NULL = defaults), appending the output to out. Returns 0, or -1
 * with diagnostics (out then holds the partial output). */
int tmpl_exec(const struct tmpl *t, const struct tv *vars, const struct tmpl_limits *lim,
	      struct buf *out, struct diag_list *diags);
/* Free a compiled template. */
void tmpl_free(struct tmpl *t);
/* Compile and render in one call. Returns 0 or -1 as tmpl_exec. */
int tmpl_render(const char *src, size_t len, const struct tv *vars, const struct tmpl_limits *lim,
		struct buf *out, struct diag_list *diags);

#endif
