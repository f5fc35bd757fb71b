/* check: the whole offline submit pipeline for one spec file (see check.h). */
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "rules.h"

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
	r->doc = doc_load(text, len, NULL, &load);
	if (r->templated) {
		diag_addf_at(out, DIAG_ERROR, rule_table[R_TMPL_UNSUPPORTED].id, (uint32_t)wf->start,
			     (uint32_t)wf->start + 8,
			     "this workflow is a Jinja template; osmo-tui cannot render templates yet, so "
			     "it is not validated (render it with the osmo CLI: osmo workflow submit "
			     "--dry-run)");
		diag_free(&load);
	} else {
		/* duplicate keys: validate reports them with OSMO's severity */
		for (size_t i = 0; i < load.n; i++)
			if (strcmp(load.v[i].rule, "duplicate-key") != 0)
				diag_add_copy(out, &load.v[i]);
		diag_free(&load);
		if (r->doc && r->doc->ok && wf) {
			check_default_values(r->doc, out);
			validate_doc(r->doc, &vo, out);
		}
	}
	if (r->doc)
		locate_all(r->doc, out);
	validate_suppress(text, len, out);
	diag_sort(out);
	return diag_count(out, DIAG_ERROR);
}

void check_result_free(struct check_result *r)
{
	doc_free(r->doc);
	free(r->rendered);
	diag_free(&r->diags);
	memset(r, 0, sizeof *r);
}
