/* check: the whole offline submit pipeline for one spec file (see check.h). */
#include "check.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "names.h"
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

/* A plain scalar starting with {{ is a YAML flow mapping: the usual cause
 * of a YAML error in a spec with tokens (rule #12). The value on the line
 * [p, e) that starts with an unquoted {{, or NULL; *vlen its length. */
static const char *unquoted_token(const char *p, const char *e, size_t *vlen)
{
	const char *q = p;
	while (q < e && *q == ' ')
		q++;
	for (const char *v = q; v + 1 < e; v++) {
		bool starts = v == q || (v >= p + 2 && v[-1] == ' ' && (v[-2] == ':' || v[-2] == '-'));
		if (starts && v[0] == '{' && v[1] == '{') {
			const char *end = v;
			while (end < e && !(end[0] == ' ' && end + 1 < e && end[1] == '#'))
				end++;
			while (end > v && (end[-1] == ' ' || end[-1] == '\r'))
				end--;
			*vlen = (size_t)(end - v);
			return v;
		}
	}
	return NULL;
}

/* Add "quote it" to a YAML error on a line (or the line before) holding an
 * unquoted {{...}} value. */
static void hint_tokens(const char *text, size_t len, struct diag *dg)
{
	if (strcmp(dg->rule, "yaml-syntax") != 0 && strcmp(dg->rule, "yaml-non-scalar-key") != 0)
		return;
	const char *end = text + len, *ls = text;
	if (dg->offset != DIAG_NO_OFFSET && dg->offset <= len) {
		ls = text + dg->offset;
		while (ls > text && ls[-1] != '\n')
			ls--;
	} else {
		for (int ln = 1; ln < dg->line && ls < end; ln++) {
			const char *nl = memchr(ls, '\n', (size_t)(end - ls));
			ls = nl ? nl + 1 : end;
		}
	}
	const char *prev = ls;
	if (prev > text) {
		prev--;
		while (prev > text && prev[-1] != '\n')
			prev--;
	}
	for (const char *l = ls; ; l = prev) {
		const char *le = memchr(l, '\n', (size_t)(end - l));
		size_t vl;
		const char *v = unquoted_token(l, le ? le : end, &vl);
		if (v && vl < 200) {
			struct buf m = BUF_INIT;
			buf_printf(&m, "%s; a value that starts with {{ must be quoted: \"%.*s\"", dg->message,
				   (int)vl, v);
			free(dg->message);
			dg->message = buf_detach(&m);
			return;
		}
		if (l == prev)
			return;
	}
}

/* The line `line` (1-based) of text as [*b, *e). */
static void line_of(const char *text, size_t len, int line, const char **b, const char **e)
{
	const char *p = text, *end = text + len;
	for (int ln = 1; ln < line && p < end; ln++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	*b = p;
	*e = nl ? nl : end;
}

static bool line_has(const char *b, const char *e, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *p = b; p + n <= e; p++)
		if (memcmp(p, needle, n) == 0)
			return true;
	return false;
}

/* Template errors that come from special tokens or shell text written the
 * way OSMO does not shield them: dg's message with the fix appended (to
 * free), or NULL. */
static char *hint_template(const char *text, size_t len, const struct diag *dg)
{
	static const char *const tokens[] = { "'output' is undefined", "'workflow_id' is undefined",
					      "'uuid' is undefined", "'OUTPUT' is undefined", NULL };
	const char *hint = NULL, *b, *e;
	if (dg->line <= 0)
		return NULL;
	line_of(text, len, dg->line, &b, &e);
	if (strcmp(dg->rule, "template-undefined-variable") == 0) {
		for (size_t i = 0; tokens[i] && !hint; i++)
			if (strncmp(dg->message, tokens[i], strlen(tokens[i])) == 0)
				hint = "special tokens are written without spaces, in lower case: {{output}}, "
				       "{{workflow_id}}";
	} else if (strcmp(dg->rule, "template-syntax") == 0) {
		if (line_has(b, e, "{{ input:") || line_has(b, e, "{{ host:"))
			hint = "special tokens are written without a space after {{: {{input:0}}, {{host:NAME}}";
		else if (line_has(b, e, "${#"))
			hint = "OSMO renders every spec with Jinja, and the {# of bash's ${#...} starts a Jinja "
			       "comment; write the shell code without {#";
	}
	if (!hint)
		return NULL;
	struct buf m = BUF_INIT;
	size_t ml = strlen(dg->message);
	buf_printf(&m, "%s%s%c%s.", dg->message, ml && dg->message[ml - 1] == '.' ? " " : ". ",
		   hint[0] >= 'a' && hint[0] <= 'z' ? hint[0] - 'a' + 'A' : hint[0], hint + 1);
	return buf_detach(&m);
}

/* --label K=V overrides are applied after rendering (the last one wins) and
 * checked like the spec's own labels (#14, #15, #17). Templated specs get
 * them applied by the render pipeline; this covers plain specs. */
static void check_label_overrides(const struct render_values *rv, struct doc *d, struct diag_list *out)
{
	const struct doc_node *wf = d && d->root ? doc_resolve(doc_map_get(d->root, "workflow")) : NULL;
	const struct doc_node *labels = wf && wf->kind == DOC_MAP ? doc_resolve(doc_map_get(wf, "labels")) : NULL;
	size_t total = labels && labels->kind == DOC_MAP ? labels->nkids : 0;
	for (size_t i = 0; rv && i < rv->n; i++) {
		const struct render_var *x = &rv->v[i];
		if (x->kind != RENDER_LABEL)
			continue;
		struct units_err e;
		if (names_label_key(x->key, strlen(x->key), &e) < 0 ||
		    names_label_value(x->value, strlen(x->value), &e) < 0) {
			bool key_bad = names_label_key(x->key, strlen(x->key), &e) < 0;
			if (e.hint[0] >= 'a' && e.hint[0] <= 'z')   /* OSMO's sentence, then the hint's */
				e.hint[0] = (char)(e.hint[0] - 'a' + 'A');
			diag_addf_lc(out, DIAG_ERROR, rule_table[key_bad ? R_LABEL_KEY : R_LABEL_VALUE].id, 0, 0,
				     "--label %s=%s: %s%s%s%s", x->key, x->value, e.msg, e.hint[0] ? " " : "",
				     e.hint, e.hint[0] ? "." : "");
		}
		/* a new key adds a label; a repeated one replaces */
		bool seen = labels && labels->kind == DOC_MAP && doc_map_get(labels, x->key);
		for (size_t k = 0; k < i && !seen; k++)
			seen = rv->v[k].kind == RENDER_LABEL && strcmp(rv->v[k].key, x->key) == 0;
		if (!seen && ++total == 17)
			diag_addf_lc(out, DIAG_ERROR, rule_table[R_LABELS_TOO_MANY].id, 0, 0,
				     "--label %s=%s makes 17 labels; a workflow can have at most 16", x->key,
				     x->value);
	}
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
			char *hinted = hint_template(text, len, &d);
			if (hinted)
				d.message = hinted;
			diag_add_copy(out, &d);
			free(hinted);
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

/* Validate a parsed plain (not templated) spec d whose text is the file. */
static void check_plain(struct doc *d, const struct check_opts *o, struct check_result *r)
{
	struct diag_list *out = &r->diags;
	struct validate_opts vo = o->v;
	vo.sections = &r->sections;
	if (d->ok && r->sections.workflow >= 0) {
		check_default_values(d, out);
		validate_doc(d, &vo, out);
		check_label_overrides(o->values, d, out);
	}
	locate_all(d, out);
}

/* Split the sections and decide whether the workflow needs Jinja. */
static void start(const char *text, size_t len, struct check_result *r)
{
	memset(r, 0, sizeof *r);
	sections_split(text, len, &r->sections, &r->diags);
	const struct section *wf = r->sections.workflow >= 0 ? &r->sections.v[r->sections.workflow] : NULL;
	r->templated = wf && render_needs_jinja(text + wf->start, wf->end - wf->start);
}

static size_t finish(const char *text, size_t len, struct check_result *r)
{
	validate_suppress(text, len, &r->diags);
	diag_sort(&r->diags);
	return diag_count(&r->diags, DIAG_ERROR);
}

size_t check_text(const char *text, size_t len, const struct check_opts *o, struct check_result *r)
{
	start(text, len, r);
	struct diag_list *out = &r->diags;
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
			if (strcmp(load.v[i].rule, "duplicate-key") != 0) {
				hint_tokens(text, len, &load.v[i]);
				diag_add_copy(out, &load.v[i]);
			}
		diag_free(&load);
		if (r->doc)
			check_plain(r->doc, o, r);
	}
	return finish(text, len, r);
}

size_t check_doc(struct doc *d, const struct check_opts *o, struct check_result *r)
{
	if (!d->ok)
		return check_text(d->text, d->len, o, r);
	start(d->text, d->len, r);
	if (r->templated) {
		check_result_free(r);
		return check_text(d->text, d->len, o, r);
	}
	check_plain(d, o, r);   /* r->doc stays NULL: d is the caller's */
	return finish(d->text, d->len, r);
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
