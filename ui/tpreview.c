/* tpreview: the template preview's data (see tpreview.h).
 *
 * The default-values section is read on its own (as OSMO does before it
 * renders), so its variables are listed even when the whole file is not
 * valid YAML, which is common for templates with {% %} lines. Values are
 * shown as one line of YAML: a scalar as written, a collection as its
 * source text with the line breaks folded.
 */
#include "tpreview.h"

#include <stdlib.h>
#include <string.h>

#include "sections.h"
#include "session.h"
#include "textpos.h"

#define VALUE_SHOWN_MAX 200
#define MAX_VARS 1000

static void free_vars(struct tpreview *p)
{
	for (size_t i = 0; i < p->nvars; i++) {
		free(p->vars[i].name);
		free(p->vars[i].def);
	}
	free(p->vars);
	p->vars = NULL;
	p->nvars = 0;
}

void tpreview_free(struct tpreview *p)
{
	free_vars(p);
	render_result_free(&p->rr);
	diag_free(&p->errors);
	memset(p, 0, sizeof *p);
}

/* One line of YAML for a value: its source text with blanks folded. */
static char *one_line(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	bool blank = false;
	for (size_t i = 0; i < n && b.len < VALUE_SHOWN_MAX; i++) {
		char c = s[i];
		if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
			blank = b.len > 0;
			continue;
		}
		if (blank)
			buf_putc(&b, ' ');
		blank = false;
		buf_putc(&b, c);
	}
	if (!b.data)
		buf_puts(&b, "");
	return buf_detach(&b);
}

static struct tpreview_var *add_var(struct tpreview *p, const char *name, size_t nlen)
{
	for (size_t i = 0; i < p->nvars; i++)
		if (strlen(p->vars[i].name) == nlen && memcmp(p->vars[i].name, name, nlen) == 0)
			return &p->vars[i];
	if (p->nvars >= MAX_VARS)
		return NULL;
	struct tpreview_var *v = realloc(p->vars, (p->nvars + 1) * sizeof *v);
	if (!v)
		return NULL;
	p->vars = v;
	struct tpreview_var *x = &p->vars[p->nvars];
	memset(x, 0, sizeof *x);
	x->name = strndup(name, nlen);
	if (!x->name)
		return NULL;
	p->nvars++;
	return x;
}

/* The keys of default-values, with their values and lines. */
static void read_defaults(struct tpreview *p, const char *text, const struct sections *s,
			  const struct textpos *tp)
{
	if (s->default_values < 0)
		return;
	const struct section *sec = &s->v[s->default_values];
	struct diag_list dl = { 0 };
	struct doc *d = doc_load(text + sec->start, sec->end - sec->start, NULL, &dl);
	diag_free(&dl);
	const struct doc_node *dv = d && d->ok && d->root ? doc_resolve(doc_map_get(d->root, "default-values")) : NULL;
	for (uint32_t i = 0; dv && dv->kind == DOC_MAP && i < dv->nkids; i++) {
		const struct doc_node *kid = dv->kids[i];
		const struct doc_node *val = doc_resolve(kid);
		struct tpreview_var *v = add_var(p, kid->key, kid->key_len);
		if (!v)
			break;
		free(v->def);
		if (val && val->kind == DOC_SCALAR && !(kid->flags & DOC_F_EMPTY))
			v->def = one_line(d->text + kid->start, kid->end - kid->start);
		else if (val && val->kind != DOC_SCALAR)
			v->def = one_line(d->text + val->start, val->end - val->start);
		else
			v->def = strdup("null");
		int col;
		textpos_locate(tp, sec->start + kid->item_start, &v->def_line, &col);
	}
	doc_free(d);
}

/* Variables: default-values first, then names only overridden. */
static void read_vars(struct tpreview *p, struct session *s, const char *text,
		      const struct sections *sec, const struct textpos *tp)
{
	free_vars(p);
	read_defaults(p, text, sec, tp);
	const struct render_values *rv = session_values(s);
	for (size_t i = 0; i < rv->n; i++)
		if (rv->v[i].kind == RENDER_SET || rv->v[i].kind == RENDER_SET_STRING)
			add_var(p, rv->v[i].key, strlen(rv->v[i].key));
	for (size_t i = 0; i < p->nvars; i++)
		p->vars[i].value = session_value_of(s, p->vars[i].name);
}

/* Render errors with offsets get lines; the first line is remembered. */
static void keep_errors(struct tpreview *p, struct diag_list *dl, const struct textpos *tp)
{
	diag_free(&p->errors);
	p->error_line = 0;
	for (size_t i = 0; i < dl->n; i++) {
		struct diag d = dl->v[i];
		if (d.offset != DIAG_NO_OFFSET) {
			textpos_locate(tp, d.offset, &d.line, &d.col);
			textpos_locate(tp, d.end_offset, &d.end_line, &d.end_col);
			d.offset = d.end_offset = DIAG_NO_OFFSET;
		}
		diag_add_copy(&p->errors, &d);
	}
	diag_sort(&p->errors);
	for (size_t i = 0; i < p->errors.n && !p->error_line; i++)
		if (p->errors.v[i].line > 0)
			p->error_line = p->errors.v[i].line;
}

bool tpreview_update(struct tpreview *p, struct session *s)
{
	const struct doc *d = session_doc(s);
	unsigned vg = session_values_generation(s);
	if (p->doc == d && p->doc_gen == d->generation && p->values_gen == vg && (p->rr.text || p->errors.n))
		return false;
	p->doc = d;
	p->doc_gen = d->generation;
	p->values_gen = vg;
	struct textpos tp;
	if (textpos_init(&tp, d->text, d->len) < 0)
		return false;
	struct sections sec;
	struct diag_list dl = { 0 };
	sections_split(d->text, d->len, &sec, &dl);
	const struct section *wf = sec.workflow >= 0 ? &sec.v[sec.workflow] : NULL;
	p->workflow_line = wf ? wf->line : 0;
	p->templated = wf && render_needs_jinja(d->text + wf->start, wf->end - wf->start);
	read_vars(p, s, d->text, &sec, &tp);
	struct render_result rr;
	memset(&rr, 0, sizeof rr);
	if (!wf && !dl.n)
		diag_addf_lc(&dl, DIAG_ERROR, "workflow-missing", 0, 0, "no workflow: section to render");
	p->ok = !dl.n && render_spec(d->text, d->len, &sec, session_values(s), NULL, &rr, &dl) == 0;
	keep_errors(p, &dl, &tp);
	if (p->ok) {
		render_result_free(&p->rr);
		p->rr = rr;
		memset(&rr, 0, sizeof rr);
	}
	p->stale = !p->ok && p->rr.text;
	render_result_free(&rr);
	diag_free(&dl);
	textpos_free(&tp);
	return true;
}

int tpreview_source_line(const struct tpreview *p, int rline)
{
	int fl, fc;
	return p->rr.text && render_map(&p->rr, rline, 1, &fl, &fc) ? fl : 0;
}

int tpreview_rendered_line(const struct tpreview *p, int fline)
{
	for (size_t i = 0; p->rr.text && i < p->rr.nlines; i++)
		if (tpreview_source_line(p, (int)i + 1) >= fline)
			return (int)i + 1;
	return 0;
}

const struct tpreview_var *tpreview_var(const struct tpreview *p, const char *name)
{
	for (size_t i = 0; i < p->nvars; i++)
		if (strcmp(p->vars[i].name, name) == 0)
			return &p->vars[i];
	return NULL;
}
