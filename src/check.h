/* check: a spec file from text to positioned diagnostics, as OSMO sees it.
 *
 * The pipeline of OSMO's submit path, run offline: split the column-0
 * sections; when the workflow text holds Jinja (anything beyond the special
 * tokens OSMO shields), render it with the default-values and the --set
 * overrides and parse the result; else parse the file as it is. Then
 * validate the parsed spec, drop suppressed diagnostics, map every position
 * to a line and column of the file (or of the rendered text, said so in the
 * message, when a rendered line cannot be traced back) and sort.
 */
#ifndef OSMO_CHECK_H
#define OSMO_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "doc.h"
#include "render.h"
#include "sections.h"
#include "validate.h"

struct tmpl_limits;

struct check_opts {
	struct validate_opts v;          /* pool, limits, spec_dir */
	const struct render_values *values; /* --set and friends; NULL: defaults only */
	const struct tmpl_limits *render_limits; /* NULL: OSMO's (0.5 s, ...) */
};

struct check_result {
	struct doc *doc;         /* the spec that was validated: the file's, or the rendered one's; may be NULL */
	struct doc *source;      /* the file itself parsed as YAML (== doc when not templated);
	                            for a template it may not parse (ok == false) */
	bool templated;          /* the workflow went through the Jinja engine */
	char *rendered;          /* the rendered workflow text (templated only), owned */
	size_t rendered_len;
	struct sections sections;
	struct diag_list diags;  /* every diagnostic, with line/col in the file */
};

/* Check text (the contents of a spec file). Always fills r; returns the
 * number of errors. */
size_t check_text(const char *text, size_t len, const struct check_opts *o, struct check_result *r);

/* The same for a document already parsed from the file (the TUI's, after an
 * edit): a plain spec is validated without parsing it again. The result
 * does not hold d (r->doc and r->source are NULL unless the spec is a
 * template, which is re-parsed and rendered from d->text). */
size_t check_doc(struct doc *d, const struct check_opts *o, struct check_result *r);

/* Free what r holds. */
void check_result_free(struct check_result *r);

#endif
