/* Unit tests for tokens: shielding (phase 1), unshielded forms, phase-2
 * classification and the templated test. Hash names were computed with
 * python3 (hashlib.md5, as OSMO does); tests/unit/tokens_diff.py compares
 * shielding with OSMO's procedure on thousands of texts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tokens.h"

#define H_OUTPUT "hash160702279860470193229463034854783635053"
#define H_INPUT0 "hash330478446869084664632641248553601523556"
#define H_UUID "hash318332082722970329621720608165283564319"
#define H_HOST "hash255320428114554420452547594962087608396"
#define H_INPUTA "hash321909675741631073050048311223533720659"

static void finds_shielded_tokens(void **state)
{
	(void)state;
	const char *s = "a {{output}} {{ output }} {{input:0 }} {{host:task1}} {{{uuid}}} {{input:}}";
	static const char *const want[] = { "{{output}}", "{{input:0 }}", "{{host:task1}}", "{{uuid}}" };
	size_t pos = 0, k = 0;
	struct tokens_span t;
	while (tokens_next_shielded(s, strlen(s), &pos, &t)) {
		assert_true(k < 4);
		assert_int_equal(t.len, strlen(want[k]));
		assert_memory_equal(s + t.off, want[k], t.len);
		assert_memory_equal(s + t.field, want[k] + 2, t.field_len);
		k++;
	}
	assert_int_equal(k, 4);
}

struct shield_case {
	const char *in, *out;
	const char *var, *value;   /* one variable to check, or NULL */
};

static void shields_like_osmo(void **state)
{
	(void)state;
	static const struct shield_case t[] = {
		{ "plain text", "plain text", NULL, NULL },
		{ "echo {{output}}/x", "echo {{" H_OUTPUT "}}/x", H_OUTPUT, "{{output}}" },
		{ "{{uuid}}{{uuid}}", "{{" H_UUID "}}{{" H_UUID "}}", H_UUID, "{{uuid}}" },
		{ "{{ output }}", "{{ output }}", NULL, NULL },
		{ "{{host:task1}}:80", "{{" H_HOST "}}:80", H_HOST, "{{host:task1}}" },
		/* equal after strip(): one variable, the last spelling wins */
		{ "{{input:a}} {{input:a }}", "{{" H_INPUTA "}} {{" H_INPUTA "}}", H_INPUTA, "{{input:a }}" },
		/* "{{output}}" is replaced first, also inside the later {{input:...}} match */
		{ "{{output}} {{input:{{output}}", "{{" H_OUTPUT "}} {{input:{{" H_OUTPUT "}}", H_OUTPUT, "{{output}}" },
		/* a token inside a Jinja string: the name leaks, as in OSMO */
		{ "{{ \"{{output}}\" }}", "{{ \"{{" H_OUTPUT "}}\" }}", NULL, NULL },
		{ "{{input:0}}", "{{" H_INPUT0 "}}", H_INPUT0, "{{input:0}}" },
	};
	for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
		struct buf out = BUF_INIT, back = BUF_INIT;
		struct tokens_vars vars = { 0 };
		assert_int_equal(tokens_shield(t[k].in, strlen(t[k].in), &out, &vars), 0);
		assert_string_equal(buf_cstr(&out), t[k].out);
		if (t[k].var) {
			bool found = false;
			for (size_t i = 0; i < vars.n; i++)
				if (strcmp(vars.v[i].name, t[k].var) == 0) {
					assert_string_equal(vars.v[i].value, t[k].value);
					found = true;
				}
			assert_true(found);
		}
		tokens_restore(out.data ? out.data : "", out.len, &vars, &back);
		if (k != 5)   /* restore is exact unless spellings merged */
			assert_string_equal(buf_cstr(&back), t[k].in);
		buf_free(&out);
		buf_free(&back);
		tokens_vars_free(&vars);
	}
}

static void reports_unshielded_forms(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		enum tokens_issue_kind kind;
		const char *fix;
	} t[] = {
		{ "{{ output }}", TOKENS_SPACED, "{{output}}" },
		{ "{{output }}", TOKENS_SPACED, "{{output}}" },
		{ "{{ workflow_id}}", TOKENS_SPACED, "{{workflow_id}}" },
		{ "{{OUTPUT}}", TOKENS_MISCASED, "{{output}}" },
		{ "{{Uuid}}", TOKENS_MISCASED, "{{uuid}}" },
		{ "{{ input:0 }}", TOKENS_SPACED_ARG, "{{input:0}}" },
		{ "{{ host:peer}}", TOKENS_SPACED_ARG, "{{host:peer}}" },
		{ "{{Input:0}}", TOKENS_MISCASED, "{{input:0}}" },
		{ "{{input:}}", TOKENS_EMPTY_ARG, "" },
		{ "{{ host:}}", TOKENS_EMPTY_ARG, "" },
	};
	for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
		size_t pos = 0;
		struct tokens_issue it;
		assert_true(tokens_next_issue(t[k].in, strlen(t[k].in), &pos, &it));
		assert_int_equal(it.kind, t[k].kind);
		assert_int_equal(it.off, 0);
		assert_int_equal(it.len, strlen(t[k].in));
		assert_string_equal(it.fix, t[k].fix);
	}
	static const char *const clean[] = {
		"{{output}}", "{{input:0 }}", "{{input: 0}}", "{{host: }}", "{{ my_var }}", "{{outputs}}", "{{input:{{ output }}",
		"{ output }", "",
	};
	for (size_t k = 0; k < sizeof clean / sizeof clean[0]; k++) {
		size_t pos = 0;
		struct tokens_issue it;
		if (tokens_next_issue(clean[k], strlen(clean[k]), &pos, &it))
			fail_msg("'%s': reported an issue at %zu", clean[k], it.off);
	}
}

static void classifies_phase2_tokens(void **state)
{
	(void)state;
	const char *s = "cp {{input:0}}/a {{ input:upstream }}/b {{output}} {{host:peer}} {{workflow_id}} "
			"{{uuid}} {{input:07}} {{input:12}} {{ OUTPUT }} {{input: 3}}";
	static const struct {
		enum tokens_kind kind;
		const char *text, *arg;
		unsigned long index;
	} want[] = {
		{ TOKENS_INPUT_INDEX, "{{input:0}}", "0", 0 },
		{ TOKENS_INPUT_NAME, "{{ input:upstream }}", "upstream", 0 },
		{ TOKENS_OUTPUT, "{{output}}", "", 0 },
		{ TOKENS_HOST, "{{host:peer}}", "peer", 0 },
		{ TOKENS_WORKFLOW_ID, "{{workflow_id}}", "", 0 },
		{ TOKENS_UUID, "{{uuid}}", "", 0 },
		{ TOKENS_INPUT_NAME, "{{input:07}}", "07", 0 },
		{ TOKENS_INPUT_INDEX, "{{input:12}}", "12", 12 },
	};
	size_t pos = 0, k = 0;
	struct tokens_token t;
	while (tokens_next(s, strlen(s), &pos, &t)) {
		assert_true(k < sizeof want / sizeof want[0]);
		assert_int_equal(t.kind, want[k].kind);
		assert_int_equal(t.len, strlen(want[k].text));
		assert_memory_equal(s + t.off, want[k].text, t.len);
		assert_int_equal(t.arg_len, strlen(want[k].arg));
		assert_memory_equal(s + t.arg, want[k].arg, t.arg_len);
		if (t.kind == TOKENS_INPUT_INDEX)
			assert_int_equal(t.index, want[k].index);
		k++;
	}
	assert_int_equal(k, sizeof want / sizeof want[0]);
	assert_string_equal(tokens_kind_name(TOKENS_HOST), "host");
	assert_string_equal(tokens_kind_name(TOKENS_INPUT_INDEX), "input");
}

static void detects_templated_text(void **state)
{
	(void)state;
	static const struct { const char *in; bool yes; } t[] = {
		{ "workflow:\n  name: a\n", false }, { "cmd: {{output}}", true }, { "{% if x %}", true },
		{ "# {# comment", true }, { "# default-values are nice", true }, { "a { {b} }", false },
		{ "{", false }, { "", false }, { "x{", false }, { "default-value", false },
	};
	for (size_t k = 0; k < sizeof t / sizeof t[0]; k++)
		if (tokens_is_templated(t[k].in, strlen(t[k].in)) != t[k].yes)
			fail_msg("'%s': templated should be %d", t[k].in, t[k].yes);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(finds_shielded_tokens),
		cmocka_unit_test(shields_like_osmo),
		cmocka_unit_test(reports_unshielded_forms),
		cmocka_unit_test(classifies_phase2_tokens),
		cmocka_unit_test(detects_templated_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
