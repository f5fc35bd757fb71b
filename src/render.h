/* render: OSMO's template pipeline — variables, shielding, Jinja, set-env.
 *
 * OSMO renders every spec: the default-values section (YAML-loaded on its
 * own) gives the variables, --set K=V overrides them (V becomes an int or a
 * float when Python's int()/float() accept it), --set-string K=V overrides
 * them as strings; the special tokens are shielded, the workflow section is
 * rendered with a sandboxed, strict-undefined Jinja and its final newline
 * dropped. --set-env K=V then sets an environment variable in every task.
 * osmo-tui adds --values FILE (a YAML mapping applied before --set).
 */
#ifndef OSMO_RENDER_H
#define OSMO_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "sections.h"

enum render_kind {
	RENDER_SET,         /* --set K=V: int/float when it parses as one */
	RENDER_SET_STRING,  /* --set-string K=V: always a string */
	RENDER_SET_ENV,     /* --set-env K=V: an environment variable of every task */
	RENDER_LABEL,       /* --label K=V: a workflow label (applied after rendering) */
};

struct render_var {
	enum render_kind kind;
	char *key, *value;
};

struct render_values {
	struct render_var *v;
	size_t n, cap;
	char *values_file;          /* --values FILE, or NULL */
};

/* Record "K=V" of the given kind. A missing '=' is an error with OSMO's
 * wording (rules #5, #18, #66). Returns 0 or -1. */
int render_values_add(struct render_values *rv, enum render_kind kind, const char *arg,
		      struct diag_list *diags);
/* Free the recorded values. */
void render_values_free(struct render_values *rv);

/* True when the workflow text needs the Jinja engine: it holds {{, {% or {#
 * beyond the special tokens OSMO shields. */
bool render_needs_jinja(const char *text, size_t len);

struct tmpl_limits;

/* The rendered workflow section and where its lines came from. */
struct render_result {
	char *text;              /* the rendered workflow text (--set-env, --label applied) */
	size_t len;
	int *line_map;           /* per rendered line (0-based): the file's line, or 0 */
	size_t nlines;
};

/* Render the workflow section of text (split by s) as OSMO does, with the
 * default-values section and the overrides in rv (may be NULL). On error
 * returns -1 with diagnostics positioned in the file. lim may be NULL
 * (OSMO's limits). */
int render_spec(const char *text, size_t len, const struct sections *s,
		const struct render_values *rv, const struct tmpl_limits *lim,
		struct render_result *out, struct diag_list *diags);

/* Free the result. */
void render_result_free(struct render_result *r);

/* The file line (1-based) and column a position of the rendered text came
 * from; false when the rendered line cannot be traced to one template line. */
bool render_map(const struct render_result *r, int line, int col, int *file_line, int *file_col);

#endif
