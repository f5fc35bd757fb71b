/* fuzz_tmpl: the Jinja engine on arbitrary template text.
 *
 * The input is a template rendered with a fixed set of variables of every
 * kind (ints, a float, strings, a bool, none, nested lists and dicts) under
 * tight limits (1 MiB of output, 2 s). Properties: no crash, hang or leak;
 * compile and render return 0 or -1, and -1 always comes with a positioned
 * diagnostic carrying one of the engine's rule ids; the output stays under
 * the output limit; rendering the compiled template twice gives the same
 * output and diagnostics (unless a time or memory limit stopped a run).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "tmpl/tmpl.h"

static const char *const RULES[] = {
	"template-syntax", "template-undefined-variable", "template-unsafe", "template-timeout",
	"template-memory", "template-runtime-error", "template-unsupported",
};

static struct tv vars;
static bool have_vars;

static void set(const char *k, struct tv v)
{
	tv_dict_set(vars, k, strlen(k), v);
}

static void make_vars(void)
{
	vars = tv_dict_new();
	set("n", tv_int(3));
	set("gpus", tv_int(8));
	set("big", tv_int(INT64_MAX));
	set("f", tv_float(1.5));
	set("s", tv_cstr("hello world"));
	set("name", tv_cstr("train"));
	set("image", tv_cstr("nvcr.io/nvidia/pytorch:24.01-py3"));
	set("u", tv_cstr("Zo\xc3\xab \xe6\x97\xa5\xe6\x9c\xac"));
	set("b", tv_bool(true));
	set("none", tv_none());
	struct tv l = tv_list_new(4), inner = tv_list_new(1), d = tv_dict_new(), dl = tv_list_new(2);
	tv_list_push(inner, tv_int(4));
	tv_list_push(l, tv_int(1));
	tv_list_push(l, tv_cstr("two"));
	tv_list_push(l, tv_float(3.0));
	tv_list_push(l, inner);
	set("l", l);
	tv_list_push(dl, tv_int(1));
	tv_list_push(dl, tv_int(2));
	tv_dict_set(d, "a", 1, tv_int(1));
	tv_dict_set(d, "b c", 3, dl);
	set("d", d);
	have_vars = true;
}

static bool limited(const struct diag_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].rule, "template-timeout") || !strcmp(l->v[i].rule, "template-memory"))
			return true;
	return false;
}

static void check_diags(const struct diag_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		bool known = false;
		for (size_t k = 0; k < sizeof RULES / sizeof *RULES; k++)
			known |= strcmp(l->v[i].rule, RULES[k]) == 0;
		FUZZ_CHECK(known && l->v[i].message && l->v[i].line >= 0 && l->v[i].col >= 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!have_vars)
		make_vars();
	struct tmpl_limits lim = tmpl_limits_default();
	lim.max_output = (size_t)1 << 20;
	lim.max_value = (size_t)256 << 10;
	lim.max_memory = (size_t)32 << 20;
	lim.max_iterations = 200000;
	lim.max_seconds = 2.0;
	struct diag_list dc = { 0 }, d1 = { 0 }, d2 = { 0 };
	struct tmpl *t = tmpl_compile((const char *)data, size, &dc);
	check_diags(&dc);
	if (!t) {
		FUZZ_CHECK(dc.n > 0);
	} else {
		struct buf o1 = BUF_INIT, o2 = BUF_INIT;
		int r1 = tmpl_exec(t, &vars, &lim, &o1, &d1);
		int r2 = tmpl_exec(t, &vars, &lim, &o2, &d2);
		FUZZ_CHECK(r1 == 0 || r1 == -1);
		FUZZ_CHECK(r1 == 0 || d1.n > 0);
		check_diags(&d1);
		FUZZ_CHECK(o1.len <= lim.max_output + 4096);
		if (getenv("OSMO_FUZZ_VERBOSE"))
			fprintf(stderr, "render 1 (%d): <%s>\nrender 2 (%d): <%s>\n", r1, buf_cstr(&o1), r2,
				buf_cstr(&o2));
		if (!limited(&d1) && !limited(&d2)) {
			FUZZ_CHECK(r1 == r2);
			FUZZ_CHECK(o1.len == o2.len && (o1.len == 0 || memcmp(o1.data, o2.data, o1.len) == 0));
			FUZZ_CHECK(fuzz_diags_equal(&d1, &d2));
		}
		buf_free(&o1);
		buf_free(&o2);
		tmpl_free(t);
	}
	diag_free(&dc);
	diag_free(&d1);
	diag_free(&d2);
	return 0;
}
