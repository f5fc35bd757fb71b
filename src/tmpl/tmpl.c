/* tmpl: the engine's public face (see tmpl.h). Compiling runs the lexer,
 * the parser and the scoping analysis once; executing sets up the limits,
 * the top-level environment and runs the statements. Diagnostics carry
 * the line and column (code points) of the node that failed.
 */
#include "tmpl/tmpl.h"

#include <stdlib.h>
#include <string.h>

#include "tmpl/eval.h"
#include "tmpl/lex.h"
#include "tmpl/parse.h"
#include "tmpl/resolve.h"
#include "tmpl/ustr.h"

struct tmpl {
	struct lexer lx;          /* keeps the normalised source and strings alive */
	struct arena arena;
	struct nlist body;
	struct func_info root;
	struct frame_code root_frame;
};

struct tmpl_limits tmpl_limits_default(void)
{
	return (struct tmpl_limits){
		.max_iterations = 1000000,
		.max_output = 32u << 20,
		.max_value = 16u << 20,
		.max_memory = 100u << 20,
		.max_depth = 150,
		.max_seconds = 0.5,
		.clock_every = 1024,
	};
}

/* Column (1-based, code points) of byte offset off in the normalised source. */
static int column_of(const char *src, size_t len, size_t off)
{
	if (off > len)
		off = len;
	size_t start = off;
	while (start > 0 && src[start - 1] != '\n')
		start--;
	return (int)ustr_count(src + start, off - start) + 1;
}

static int line_of(const char *src, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		line += src[i] == '\n';
	return line;
}

static void report(struct diag_list *diags, const char *src, size_t len, const char *rule, uint32_t off,
		   const char *msg)
{
	if (!diags)
		return;
	size_t o = off > len ? len : off;
	diag_addf_lc(diags, DIAG_ERROR, rule, line_of(src, o), column_of(src, len, o), "%s", msg);
}

void tmpl_free(struct tmpl *t)
{
	if (!t)
		return;
	ast_release(&t->body);
	arena_free(&t->arena);
	lex_free(&t->lx);
	free(t);
}

struct tmpl *tmpl_compile(const char *src, size_t len, struct diag_list *diags)
{
	size_t bad;
	if (!ustr_valid(src, len, &bad)) {
		int line = 1, col = 1;
		for (size_t i = 0; i < bad; i++) {
			if (src[i] == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)src[i] & 0xC0) != 0x80) {
				col++;
			}
		}
		if (diags)
			diag_addf_lc(diags, DIAG_ERROR, RULE_SYNTAX, line, col, "the template is not valid UTF-8");
		return NULL;
	}
	if (len > UINT32_MAX / 2) {
		if (diags)
			diag_addf_lc(diags, DIAG_ERROR, RULE_MEMORY, 0, 0, "the template is too large");
		return NULL;
	}
	struct tmpl *t = calloc(1, sizeof *t);
	if (!t) {
		if (diags)
			diag_addf_lc(diags, DIAG_ERROR, RULE_MEMORY, 0, 0, "out of memory");
		return NULL;
	}
	if (lex_run(&t->lx, src, len) < 0) {
		if (diags)
			diag_addf_lc(diags, DIAG_ERROR, RULE_MEMORY, 0, 0, "out of memory while reading the template");
		tmpl_free(t);
		return NULL;
	}
	struct parse_error perr;
	if (parse_template(&t->lx, &t->arena, &t->body, &perr) < 0) {
		report(diags, t->lx.src, t->lx.len, perr.rule, perr.off, perr.msg);
		tmpl_free(t);
		return NULL;
	}
	struct resolve_error rerr;
	if (resolve_template(&t->body, &t->arena, &t->root, &t->root_frame, &rerr) < 0) {
		report(diags, t->lx.src, t->lx.len, rerr.rule, rerr.off, rerr.msg);
		tmpl_free(t);
		return NULL;
	}
	return t;
}

int tmpl_exec(const struct tmpl *t, const struct tv *vars, const struct tmpl_limits *lim, struct buf *out,
	      struct diag_list *diags)
{
	struct rt rt;
	memset(&rt, 0, sizeof rt);
	rt.t = t;
	rt.lim = lim ? *lim : tmpl_limits_default();
	if (rt.lim.clock_every == 0)
		rt.lim.clock_every = 1024;
	rt.vars = vars ? *vars : tv_none();
	rt.out = out;
	rt.out_total = out->len;
	if (vars && vars->kind != TV_DICT && vars->kind != TV_NONE) {
		if (diags)
			diag_addf_lc(diags, DIAG_ERROR, RULE_RUNTIME, 0, 0, "template variables must be a dict, not %s",
				     tv_type_name(*vars));
		return -1;
	}
	if (vars && vars->kind == TV_DICT && vars->u.d->oom) {
		if (diags)
			diag_addf_lc(diags, DIAG_ERROR, RULE_MEMORY, 0, 0, "the template variables are incomplete (out of memory)");
		return -1;
	}
	if (rt.lim.max_seconds > 0) {
		clock_gettime(CLOCK_MONOTONIC, &rt.deadline);
		double whole = (double)(long)rt.lim.max_seconds;
		rt.deadline.tv_sec += (time_t)whole;
		rt.deadline.tv_nsec += (long)((rt.lim.max_seconds - whole) * 1e9);
		if (rt.deadline.tv_nsec >= 1000000000L) {
			rt.deadline.tv_sec++;
			rt.deadline.tv_nsec -= 1000000000L;
		}
		rt.has_deadline = true;
	}
	size_t base = tv_mem_used();
	if (rt.lim.max_memory)
		tv_mem_set_limit(base + rt.lim.max_memory);
	int rc = -1;
	struct env *env = env_new(NULL, t->root.nslots);
	if (!env) {
		rt_oom(&rt, NULL);
	} else {
		enter_frame(&rt, env, &t->root_frame);
		rc = exec_body(&rt, env, &t->body);
		if (rc == 0 && out->oom) {
			rt_oom(&rt, NULL);
			rc = -1;
		}
		/* break the env <-> macro cycles before releasing it */
		for (uint32_t i = 0; i < env->n; i++) {
			struct tv v = env->slots[i];
			env->slots[i] = tv_missing();
			tv_drop(v);
		}
		env_release(&rt, env);
	}
	eval_cleanup(&rt);
	tv_mem_set_limit(0);
	if (rc < 0 || rt.failed) {
		if (!rt.failed)
			rt_oom(&rt, NULL);
		report(diags, t->lx.src, t->lx.len, rt.rule, rt.err_off, buf_cstr(&rt.msg));
		buf_free(&rt.msg);
		return -1;
	}
	buf_free(&rt.msg);
	return 0;
}

int tmpl_render(const char *src, size_t len, const struct tv *vars, const struct tmpl_limits *lim, struct buf *out,
		struct diag_list *diags)
{
	struct tmpl *t = tmpl_compile(src, len, diags);
	if (!t)
		return -1;
	int rc = tmpl_exec(t, vars, lim, out, diags);
	tmpl_free(t);
	return rc;
}
