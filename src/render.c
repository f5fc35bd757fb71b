/* render: OSMO's template pipeline (see render.h). */
#define _DEFAULT_SOURCE 1  /* strdup, strndup */
#include "render.h"

#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "tokens.h"

int render_values_add(struct render_values *rv, enum render_kind kind, const char *arg,
		      struct diag_list *diags)
{
	const char *eq = strchr(arg, '=');
	if (!eq) {
		switch (kind) {
		case RENDER_SET:
		case RENDER_SET_STRING:
			diag_addf_lc(diags, DIAG_ERROR, rule_table[R_SET_FORMAT].id, 0, 0,
				     "Data %s is incorrectly formatted: --set%s takes KEY=VALUE", arg,
				     kind == RENDER_SET_STRING ? "-string" : "");
			break;
		case RENDER_SET_ENV:
			diag_addf_lc(diags, DIAG_ERROR, rule_table[R_SET_ENV_FORMAT].id, 0, 0,
				     "Environment variable %s is incorrectly formatted: --set-env takes KEY=VALUE",
				     arg);
			break;
		case RENDER_LABEL:
			diag_addf_lc(diags, DIAG_ERROR, rule_table[R_LABEL_OVERRIDE].id, 0, 0,
				     "Workflow labels must use key=value format: %s", arg);
			break;
		}
		return -1;
	}
	if (rv->n == rv->cap) {
		size_t cap = rv->cap ? rv->cap * 2 : 8;
		struct render_var *v = realloc(rv->v, cap * sizeof *v);
		if (!v)
			return -1;
		rv->v = v;
		rv->cap = cap;
	}
	struct render_var *x = &rv->v[rv->n];
	x->kind = kind;
	x->key = strndup(arg, (size_t)(eq - arg));
	/* --set-env splits on every '=' (A=b=c gives b), as OSMO's CLI does */
	if (kind == RENDER_SET_ENV) {
		const char *end = strchr(eq + 1, '=');
		x->value = end ? strndup(eq + 1, (size_t)(end - eq - 1)) : strdup(eq + 1);
	} else {
		x->value = strdup(eq + 1);
	}
	if (!x->key || !x->value) {
		free(x->key);
		free(x->value);
		return -1;
	}
	rv->n++;
	return 0;
}

void render_values_free(struct render_values *rv)
{
	for (size_t i = 0; i < rv->n; i++) {
		free(rv->v[i].key);
		free(rv->v[i].value);
	}
	free(rv->v);
	free(rv->values_file);
	memset(rv, 0, sizeof *rv);
}

bool render_needs_jinja(const char *text, size_t len)
{
	/* any {{, {% or {# that is not the start of a shielded token */
	size_t i = 0;
	while (i + 1 < len) {
		const char *b = memchr(text + i, '{', len - i - 1);
		if (!b)
			return false;
		i = (size_t)(b - text);
		char c2 = text[i + 1];
		if (c2 == '%' || c2 == '#')
			return true;
		if (c2 == '{') {
			size_t pos = i;
			struct tokens_span t;
			if (!tokens_next_shielded(text, len, &pos, &t) || t.off != i)
				return true;
			i = t.off + t.len;
			continue;
		}
		i++;
	}
	return false;
}
