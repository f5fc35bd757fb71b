/* specdraw: text → check pipeline → spec → group graph → layered drawing
 * (see specdraw.h). The first error of the pipeline explains a missing
 * drawing, so a broken example still previews its YAML with a reason.
 */
#include "specdraw.h"

#include <string.h>

#include "check.h"
#include "layout.h"
#include "spec.h"
#include "specgraph.h"

/* The first error of r (its line when it has one) as the reason. */
static void first_error(const struct check_result *r, struct buf *why)
{
	for (size_t i = 0; i < r->diags.n; i++) {
		const struct diag *d = &r->diags.v[i];
		if (d->severity != DIAG_ERROR)
			continue;
		if (d->line > 0)
			buf_printf(why, "line %d: ", d->line);
		buf_puts(why, d->message ? d->message : "error");
		return;
	}
	buf_puts(why, "no workflow to draw");
}

int specdraw_text(const char *text, size_t len, bool ascii, int max_label, struct buf *out,
		  struct buf *why)
{
	struct check_opts co;
	memset(&co, 0, sizeof co);
	struct check_result r;
	check_text(text, len, &co, &r);
	struct spec *spec = r.doc && r.doc->ok ? spec_build(r.doc) : NULL;
	int rc = -1;
	if (!spec || !spec->workflow) {
		first_error(&r, why);
	} else {
		struct specgraph_opts so = SPECGRAPH_OPTS_INIT;
		so.tasks = true;
		struct specgraph *sg = specgraph_new(spec, &so);
		struct layout_opts lo = LAYOUT_OPTS_INIT;
		lo.max_label = max_label >= 4 ? max_label : 0;
		struct diag_list dl = { 0 };
		struct layout *lay = sg ? layout_new(sg->graph, &lo, &dl) : NULL;
		if (lay && layout_render_text(lay, ascii, out, &dl) == 0 && !out->oom)
			rc = 0;
		else
			buf_puts(why, dl.n && dl.v[0].message ? dl.v[0].message : "out of memory");
		diag_free(&dl);
		layout_free(lay);
		specgraph_free(sg);
	}
	spec_free(spec);
	check_result_free(&r);
	return rc;
}
