/* setpath: PATH=VALUE edits (see setpath.h). */
#include "setpath.h"

#include <string.h>

#include "edit.h"
#include "yamlout.h"

const char *setpath_split(const char *a)
{
	int depth = 0;
	bool q = false;
	for (const char *c = a; *c; c++) {
		if (q && *c == '\\' && c[1])
			c++;   /* an escaped character inside a quoted key */
		else if (*c == '"')
			q = !q;
		else if (!q && *c == '[')
			depth++;
		else if (!q && *c == ']' && depth > 0)
			depth--;
		else if (!q && depth == 0 && *c == '=')
			return c;
	}
	return NULL;
}

void setpath_nearest(const struct path *p, size_t matched, const struct doc_node *last,
		     struct buf *out)
{
	struct buf near = BUF_INIT;
	path_format_prefix(p, matched, &near);
	buf_printf(out, "the nearest existing path is %s (", near.len ? buf_cstr(&near) : "the document root");
	buf_free(&near);
	last = doc_resolve(last);
	if (!last) {
		buf_puts(out, "the document is empty");
	} else if (last->kind == DOC_MAP) {
		buf_puts(out, "a mapping with keys: ");
		for (uint32_t i = 0; i < last->nkids && i < 12; i++)
			buf_printf(out, "%s%s", i ? ", " : "", last->kids[i]->key);
		if (last->nkids > 12)
			buf_printf(out, ", ... (%u keys)", last->nkids);
	} else if (last->kind == DOC_SEQ) {
		buf_printf(out, "a list of %u item%s", last->nkids, last->nkids == 1 ? "" : "s");
	} else {
		buf_printf(out, "the scalar \"%s\"", last->text);
	}
	buf_putc(out, ')');
}

int setpath_apply(struct doc *d, const char *ptext, const char *value, struct diag_list *diags,
		  struct buf *why)
{
	struct path p;
	const char *em;
	size_t ep;
	struct buf scratch = BUF_INIT;
	if (!why)
		why = &scratch;
	if (path_parse(ptext, &p, &em, &ep) < 0) {
		buf_printf(why, "bad path \"%s\": %s at column %zu", ptext, em, ep + 1);
		buf_free(&scratch);
		return -2;
	}
	if (p.n == 0) {
		buf_puts(why, "an empty path cannot be set");
		path_free(&p);
		buf_free(&scratch);
		return -2;
	}
	size_t matched;
	const struct doc_node *last;
	const struct doc_node *n = d->root ? path_resolve(d->root, &p, &matched, &last) : NULL;
	int rc;
	if (!d->root) {
		matched = 0;
		last = NULL;
	}
	if (n) {
		rc = edit_set_yaml(d, n, value, diags);
	} else {
		const struct path_step *miss = &p.steps[matched];
		const struct doc_node *base = doc_resolve(last);
		bool keys_only = true;
		for (size_t i = matched; i < p.n; i++)
			keys_only &= p.steps[i].kind == PATH_KEY;
		if (base && base == last && keys_only && (base->kind == DOC_MAP || doc_is_null(base))) {
			struct buf v = BUF_INIT;
			for (size_t i = matched + 1; i < p.n; i++) {
				buf_putc(&v, '{');
				yamlout_double(&v, p.steps[i].key, strlen(p.steps[i].key));
				buf_puts(&v, ": ");
			}
			buf_puts(&v, value);
			for (size_t i = matched + 1; i < p.n; i++)
				buf_putc(&v, '}');
			rc = edit_map_set(d, base, miss->key, buf_cstr(&v), diags);
			buf_free(&v);
		} else if (base && base == last && matched + 1 == p.n && miss->kind == PATH_INDEX &&
			   base->kind == DOC_SEQ && miss->index == base->nkids) {
			rc = edit_seq_insert(d, base, base->nkids, value, diags);
		} else {
			buf_printf(why, "no value at %s; ", ptext);
			setpath_nearest(&p, matched, last, why);
			rc = -2;
		}
	}
	path_free(&p);
	buf_free(&scratch);
	return rc;
}
