/* check: the whole offline submit pipeline for one spec file (see check.h). */
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "textpos.h"

/* default-values must be a mapping: OSMO feeds it to Jinja as variables. */
static void check_default_values(struct doc *d, struct diag_list *out)
{
	const struct doc_node *dv = d->root ? doc_map_get(d->root, "default-values") : NULL;
	const struct doc_node *v = doc_resolve(dv);
	if (!dv || !v || v->kind == DOC_MAP || doc_is_null(v))
		return;
	diag_addf_at(out, DIAG_ERROR, rule_table[R_DEFAULT_VALUES].id, dv->key_start, dv->key_end,
		     "default-values must be a mapping of variable names to values, not a %s",
		     doc_kind_name((enum doc_kind)v->kind));
}

static void locate_all(struct doc *d, struct diag_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].offset != DIAG_NO_OFFSET)
			doc_locate(d, &l->v[i]);
}

/* Diagnostics of the rendered spec, moved to the template lines they came
 * from (or to the workflow line, with the rendered line named). */
static void map_rendered(struct doc *rdoc, const struct render_result *rr, const struct section *wf,
			 struct diag_list *from, struct diag_list *out)
{
	for (size_t i = 0; i < from->n; i++) {
		struct diag d = from->v[i];
		if (d.offset != DIAG_NO_OFFSET)
			doc_locate(rdoc, &d);
		d.offset = d.end_offset = DIAG_NO_OFFSET;
		int fl, fc;
		char *msg = NULL;
		if (d.line > 0 && render_map(rr, d.line, d.col, &fl, &fc)) {
			int span = d.end_line - d.line, width = d.end_col - d.col;
			d.line = fl;
			d.col = fc;
			d.end_line = fl + (span > 0 ? span : 0);
			if (span <= 0)
				d.end_col = fc + (width > 0 ? width : 0);
		} else {
			struct buf m = BUF_INIT;
			buf_printf(&m, "%s (line %d of the rendered spec; see osmo-tui render)", d.message,
				   d.line);
			msg = buf_detach(&m);
			d.message = msg ? msg : d.message;
			d.line = d.end_line = wf->line;
			d.col = d.end_col = 1;
		}
		diag_add_copy(out, &d);
		free(msg);
	}
}

static int rendered_line(const void *ctx, int line)
{
	int fl, fc;
	return render_map(ctx, line, 1, &fl, &fc) ? fl : line;
}

static void render_and_validate(const char *text, size_t len, const struct check_opts *o,
				struct check_result *r)
{
	struct diag_list *out = &r->diags;
	const struct section *wf = &r->sections.v[r->sections.workflow];
	struct render_result rr;
	struct diag_list rd = { 0 };
	if (render_spec(text, len, &r->sections, o->values, NULL, &rr, &rd) < 0) {
		/* positions: tmpl errors have lines, default-values errors offsets */
		struct textpos tp;
		bool have_tp = textpos_init(&tp, text, len) == 0;
		for (size_t i = 0; i < rd.n; i++) {
			struct diag d = rd.v[i];
			if (d.offset != DIAG_NO_OFFSET && have_tp) {
				textpos_locate(&tp, d.offset, &d.line, &d.col);
				textpos_locate(&tp, d.end_offset, &d.end_line, &d.end_col);
				d.offset = d.end_offset = DIAG_NO_OFFSET;
			}
			diag_add_copy(out, &d);
		}
		if (have_tp)
			textpos_free(&tp);
		diag_free(&rd);
		return;
	}
	diag_free(&rd);
	struct diag_list vd = { 0 };
	struct doc *rdoc = doc_load(rr.text, rr.len, NULL, &vd);
	if (rdoc && rdoc->ok) {
		struct validate_opts vo = o->v;
		vo.sections = NULL;  /* the rendered text holds the workflow section only */
		vo.map_line = rendered_line;
		vo.map_ctx = &rr;
		size_t keep = 0;     /* duplicates: validate reports them with OSMO's severity */
		for (size_t i = 0; i < vd.n; i++) {
			if (strcmp(vd.v[i].rule, "duplicate-key") == 0)
				free(vd.v[i].message);
			else
				vd.v[keep++] = vd.v[i];
		}
		vd.n = keep;
		validate_doc(rdoc, &vo, &vd);
	}
	if (rdoc)
		map_rendered(rdoc, &rr, wf, &vd, out);
	diag_free(&vd);
	r->doc = rdoc;
	r->rendered = rr.text;
	r->rendered_len = rr.len;
	rr.text = NULL;
	render_result_free(&rr);
}

size_t check_text(const char *text, size_t len, const struct check_opts *o, struct check_result *r)
{
	memset(r, 0, sizeof *r);
	struct diag_list *out = &r->diags;
	sections_split(text, len, &r->sections, out);
	struct validate_opts vo = o->v;
	vo.sections = &r->sections;

	const struct section *wf = r->sections.workflow >= 0 ? &r->sections.v[r->sections.workflow] : NULL;
	r->templated = wf && render_needs_jinja(text + wf->start, wf->end - wf->start);

	/* the file itself: its YAML errors and its tree (for the TUI even when templated) */
	struct diag_list load = { 0 };
	r->source = doc_load(text, len, NULL, &load);
	if (r->templated) {
		diag_free(&load);
		render_and_validate(text, len, o, r);
	} else {
		r->doc = r->source;
		/* duplicate keys: validate reports them with OSMO's severity */
		for (size_t i = 0; i < load.n; i++)
			if (strcmp(load.v[i].rule, "duplicate-key") != 0)
				diag_add_copy(out, &load.v[i]);
		diag_free(&load);
		if (r->doc && r->doc->ok && wf) {
			check_default_values(r->doc, out);
			validate_doc(r->doc, &vo, out);
		}
		if (r->doc)
			locate_all(r->doc, out);
	}
	validate_suppress(text, len, out);
	diag_sort(out);
	return diag_count(out, DIAG_ERROR);
}

void check_result_free(struct check_result *r)
{
	if (r->doc != r->source)
		doc_free(r->doc);
	doc_free(r->source);
	free(r->rendered);
	diag_free(&r->diags);
	memset(r, 0, sizeof *r);
}
