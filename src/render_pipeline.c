/* render_pipeline: the variables, the render and the line map (see render.h).
 *
 * Variables: default-values (YAML, typed as PyYAML types them), then
 * --values FILE, then every --set (Python int(), else float(), else str),
 * then every --set-string; the shielding variables of the special tokens
 * win over all of them. The workflow section is rendered by src/tmpl;
 * --set-env and --label are then applied to the rendered YAML through the
 * format-preserving editor.
 *
 * The line map traces rendered lines back to template lines: a template
 * line is a pattern (its text with every {{ }}, {% %} and {# #} a
 * wildcard; shielded tokens stay literal), and each rendered line takes the
 * first matching template line at or after the previous match (wrapping
 * around, for loop bodies). Lines no pattern matches stay unmapped.
 */
#define _DEFAULT_SOURCE 1  /* strdup */
#include "render.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "edit.h"
#include "pychar.h"
#include "rules.h"
#include "save.h"
#include "tmpl/tmpl.h"
#include "tokens.h"
#include "yaml11.h"
#include "yamlout.h"

#define MAX_VALUE_DEPTH 64

/* --- variables --- */

static struct tv node_value(const struct doc_node *n, int depth);

static struct tv scalar_value(const struct doc_node *n)
{
	if (n->style != DOC_PLAIN)
		return tv_str(n->text, n->len);
	struct y11_value v;
	if (yaml11_construct(n->text, n->len, true, &v) < 0)
		return tv_str(n->text, n->len);
	switch (v.type) {
	case Y11_NULL: return tv_none();
	case Y11_BOOL: return tv_bool(v.b);
	case Y11_INT: return v.i_overflow ? tv_str(n->text, n->len) : tv_int(v.i);
	case Y11_FLOAT: return tv_float(v.f);
	default: {
		/* dates print as Python's str(date) does */
		struct buf b = BUF_INIT;
		if (v.type == Y11_TIMESTAMP && yaml11_pystr(n->text, n->len, &v, &b) == 0) {
			struct tv s = tv_str(buf_cstr(&b), b.len);
			buf_free(&b);
			return s;
		}
		buf_free(&b);
		return tv_str(n->text, n->len);
	}
	}
}

static struct tv node_value(const struct doc_node *n, int depth)
{
	n = doc_resolve(n);
	if (!n || depth > MAX_VALUE_DEPTH)
		return tv_none();
	if (n->kind == DOC_SCALAR)
		return scalar_value(n);
	if (n->kind == DOC_SEQ) {
		struct tv l = tv_list_new(n->nkids);
		for (uint32_t i = 0; i < n->nkids; i++)
			tv_list_push(l, node_value(n->kids[i], depth + 1));
		return l;
	}
	struct tv d = tv_dict_new();
	for (uint32_t i = 0; i < n->nkids; i++) {
		const struct doc_node *k = n->kids[i];
		struct doc_node key = { 0 };
		key.kind = DOC_SCALAR;
		key.style = (k->flags & DOC_F_KEY_QUOTED) ? DOC_DOUBLE : DOC_PLAIN;
		key.text = k->key;
		key.len = k->key_len;
		tv_dict_set_v(d, scalar_value(&key), node_value(k, depth + 1));
	}
	return d;
}

/* Python's int(), else float(), else the string (OSMO's --set). */
static struct tv set_value(const char *s)
{
	size_t n = strlen(s);
	int64_t i;
	bool big;
	char digits[32];
	if (pychar_int(s, n, &i, &big, digits, sizeof digits) == 0)
		return big ? tv_str(s, n) : tv_int(i);
	double f;
	if (pychar_float(s, n, &f) == 0)
		return tv_float(f);
	return tv_str(s, n);
}

/* Copy diagnostics of a sub-text into out, moving byte offsets by base. */
static void move_diags(struct diag_list *from, size_t base, struct diag_list *out)
{
	for (size_t i = 0; i < from->n; i++) {
		struct diag d = from->v[i];
		if (d.offset != DIAG_NO_OFFSET) {
			d.offset += (uint32_t)base;
			d.end_offset += (uint32_t)base;
		}
		diag_add_copy(out, &d);
	}
}

/* The default-values section as a dict of variables. */
static int default_values(const char *text, const struct sections *s, struct tv vars,
			  struct diag_list *diags)
{
	if (s->default_values < 0)
		return 0;
	const struct section *sec = &s->v[s->default_values];
	struct diag_list dl = { 0 };
	struct doc *d = doc_load(text + sec->start, sec->end - sec->start, NULL, &dl);
	int rc = 0;
	if (!d || !d->ok) {
		for (size_t i = 0; i < dl.n; i++)
			dl.v[i].rule = rule_table[R_DEFAULT_VALUES].id;
		move_diags(&dl, sec->start, diags);
		rc = -1;
	} else {
		const struct doc_node *dv = doc_map_get(d->root, "default-values");
		const struct doc_node *v = doc_resolve(dv);
		if (v && v->kind == DOC_MAP) {
			for (uint32_t i = 0; i < v->nkids; i++) {
				struct doc_node key = { 0 };
				key.kind = DOC_SCALAR;
				key.style = (v->kids[i]->flags & DOC_F_KEY_QUOTED) ? DOC_DOUBLE : DOC_PLAIN;
				key.text = v->kids[i]->key;
				key.len = v->kids[i]->key_len;
				tv_dict_set_v(vars, scalar_value(&key), node_value(v->kids[i], 0));
			}
		} else if (v && !doc_is_null(v)) {
			diag_addf_at(diags, DIAG_ERROR, rule_table[R_DEFAULT_VALUES].id,
				     (uint32_t)(sec->start + dv->key_start), (uint32_t)(sec->start + dv->key_end),
				     "default-values must be a mapping of variable names to values, not a %s",
				     doc_kind_name((enum doc_kind)v->kind));
			rc = -1;
		}
	}
	diag_free(&dl);
	doc_free(d);
	return rc;
}

static int values_file(const char *path, struct tv vars, struct diag_list *diags)
{
	char *text;
	size_t len;
	if (file_read(path, 0, &text, &len, NULL, diags) < 0)
		return -1;
	struct diag_list dl = { 0 };
	struct doc *d = doc_load(text, len, NULL, &dl);
	free(text);
	int rc = 0;
	const struct doc_node *root = d && d->ok ? doc_resolve(d->root) : NULL;
	if (!root || (root->kind != DOC_MAP && !doc_is_null(root))) {
		if (dl.n)
			for (size_t i = 0; i < dl.n; i++) {
				doc_locate(d, &dl.v[i]);
				diag_addf_lc(diags, DIAG_ERROR, "io", 0, 0, "%s:%d:%d: %s", path, dl.v[i].line,
					     dl.v[i].col, dl.v[i].message);
			}
		else
			diag_addf_lc(diags, DIAG_ERROR, "io", 0, 0, "%s: --values needs a YAML mapping", path);
		rc = -1;
	} else {
		for (uint32_t i = 0; i < root->nkids; i++)
			tv_dict_set(vars, root->kids[i]->key, root->kids[i]->key_len,
				    node_value(root->kids[i], 0));
	}
	diag_free(&dl);
	doc_free(d);
	return rc;
}

/* --- the line map --- */

struct pattern {
	const char *line;       /* the template line */
	size_t len;
	size_t nsegs;
	size_t seg_off[16], seg_len[16];  /* literal pieces between wildcards */
	bool wild_start, wild_end;
	size_t literal;         /* total literal bytes */
};

static bool shielded_at(const char *s, size_t n, size_t i)
{
	size_t pos = i;
	struct tokens_span t;
	return tokens_next_shielded(s, n, &pos, &t) && t.off == i;
}

static void make_pattern(struct pattern *p, const char *line, size_t len)
{
	memset(p, 0, sizeof *p);
	p->line = line;
	p->len = len;
	size_t start = 0, i = 0;
	while (i + 1 < len) {
		char c2 = line[i + 1];
		if (line[i] == '{' && (c2 == '{' || c2 == '%' || c2 == '#') &&
		    !(c2 == '{' && shielded_at(line, len, i))) {
			const char *close = c2 == '{' ? "}}" : c2 == '%' ? "%}" : "#}";
			size_t j = i + 2;
			while (j + 1 < len && !(line[j] == close[0] && line[j + 1] == close[1]))
				j++;
			if (i > start && p->nsegs < 16) {
				p->seg_off[p->nsegs] = start;
				p->seg_len[p->nsegs++] = i - start;
				p->literal += i - start;
			} else if (i == start) {
				if (p->nsegs == 0)
					p->wild_start = true;
			}
			i = j + 2 < len ? j + 2 : len;
			start = i;
			p->wild_end = true;
			continue;
		}
		i++;
	}
	if (start < len && p->nsegs < 16) {
		p->seg_off[p->nsegs] = start;
		p->seg_len[p->nsegs++] = len - start;
		p->literal += len - start;
		p->wild_end = false;
	}
	if (p->nsegs == 0)
		p->wild_start = true;
}

static bool pattern_match(const struct pattern *p, const char *s, size_t n)
{
	if (p->nsegs == 0)
		return false;  /* a line of Jinja only: nothing to recognise */
	size_t pos = 0;
	for (size_t k = 0; k < p->nsegs; k++) {
		const char *seg = p->line + p->seg_off[k];
		size_t sl = p->seg_len[k];
		bool first = k == 0 && !p->wild_start;
		bool last = k == p->nsegs - 1 && !p->wild_end;
		if (first) {
			if (n < sl || memcmp(s, seg, sl) != 0)
				return false;
			pos = sl;
			if (last && pos != n)
				return false;
			continue;
		}
		if (last) {
			if (n - pos < sl || memcmp(s + n - sl, seg, sl) != 0)
				return false;
			pos = n;
			continue;
		}
		const char *hit = NULL;
		for (size_t x = pos; x + sl <= n; x++)
			if (memcmp(s + x, seg, sl) == 0) {
				hit = s + x;
				break;
			}
		if (!hit)
			return false;
		pos = (size_t)(hit - s) + sl;
	}
	return true;
}

static void build_line_map(struct render_result *r, const char *tpl, size_t tlen, int first_line)
{
	size_t nt = 1;
	for (size_t i = 0; i < tlen; i++)
		nt += tpl[i] == '\n';
	size_t nr = 1;
	for (size_t i = 0; i < r->len; i++)
		nr += r->text[i] == '\n';
	struct pattern *pats = calloc(nt, sizeof *pats);
	r->line_map = calloc(nr, sizeof *r->line_map);
	r->nlines = nr;
	if (!pats || !r->line_map) {
		free(pats);
		return;
	}
	size_t k = 0, ls = 0;
	for (size_t i = 0; i <= tlen; i++)
		if (i == tlen || tpl[i] == '\n') {
			make_pattern(&pats[k++], tpl + ls, i - ls);
			ls = i + 1;
		}
	size_t cursor = 0, line = 0;
	ls = 0;
	for (size_t i = 0; i <= r->len; i++) {
		if (i < r->len && r->text[i] != '\n')
			continue;
		const char *s = r->text + ls;
		size_t n = i - ls;
		bool blank = true;
		for (size_t x = 0; x < n && blank; x++)
			blank = s[x] == ' ' || s[x] == '\r';
		if (!blank) {
			/* look ahead from the cursor, wrapping (loops repeat lines) */
			for (size_t step = 0; step < k && step < 4096; step++) {
				size_t t = (cursor + step) % k;
				if (pattern_match(&pats[t], s, n)) {
					r->line_map[line] = first_line + (int)t;
					cursor = t;
					break;
				}
			}
		}
		line++;
		ls = i + 1;
	}
	free(pats);
}

bool render_map(const struct render_result *r, int line, int col, int *file_line, int *file_col)
{
	if (line < 1 || (size_t)line > r->nlines || !r->line_map || !r->line_map[line - 1])
		return false;
	*file_line = r->line_map[line - 1];
	*file_col = col;
	return true;
}

/* --- applying --set-env and --label to the rendered spec --- */

static void quoted(struct buf *b, const char *s)
{
	buf_reset(b);
	yamlout_double(b, s, strlen(s));
}

static int apply_overrides(struct render_result *r, const struct render_values *rv,
			   struct diag_list *diags)
{
	bool any = false;
	for (size_t i = 0; rv && i < rv->n; i++)
		any |= rv->v[i].kind == RENDER_SET_ENV || rv->v[i].kind == RENDER_LABEL;
	if (!any)
		return 0;
	struct diag_list dl = { 0 };
	struct doc *d = doc_load(r->text, r->len, NULL, &dl);
	diag_free(&dl);
	if (!d || !d->ok) {
		doc_free(d);
		return 0;  /* validation reports the YAML error */
	}
	struct buf v = BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < rv->n && rc == 0; i++) {
		const struct render_var *x = &rv->v[i];
		const struct doc_node *wf = doc_map_get(d->root, "workflow");
		if (!wf || doc_resolve(wf)->kind != DOC_MAP)
			break;
		quoted(&v, x->value);
		if (x->kind == RENDER_LABEL) {
			const struct doc_node *labels = doc_map_get(wf, "labels");
			if (labels && doc_resolve(labels)->kind == DOC_MAP)
				rc = edit_map_set(d, doc_resolve(labels), x->key, buf_cstr(&v), diags);
			else {
				struct buf m = BUF_INIT;
				buf_puts(&m, "{");
				yamlout_double(&m, x->key, strlen(x->key));
				buf_printf(&m, ": %s}", buf_cstr(&v));
				rc = labels ? edit_set_yaml(d, labels, buf_cstr(&m), diags)
					    : edit_map_set(d, doc_resolve(wf), "labels", buf_cstr(&m), diags);
				buf_free(&m);
			}
			continue;
		}
		if (x->kind != RENDER_SET_ENV)
			continue;
		/* every task of every group; nodes change after each edit: re-walk */
		for (size_t t = 0;; t++) {
			const struct doc_node *w = doc_resolve(doc_map_get(d->root, "workflow"));
			const struct doc_node *groups = doc_resolve(doc_map_get(w, "groups"));
			const struct doc_node *tasks = doc_resolve(doc_map_get(w, "tasks"));
			const struct doc_node *task = NULL;
			size_t seen = 0;
			if (tasks && tasks->kind == DOC_SEQ && t < tasks->nkids)
				task = doc_resolve(tasks->kids[t]);
			seen = tasks && tasks->kind == DOC_SEQ ? tasks->nkids : 0;
			for (uint32_t g = 0; !task && groups && groups->kind == DOC_SEQ && g < groups->nkids; g++) {
				const struct doc_node *gt = doc_resolve(doc_map_get(groups->kids[g], "tasks"));
				size_t n = gt && gt->kind == DOC_SEQ ? gt->nkids : 0;
				if (t < seen + n)
					task = doc_resolve(gt->kids[t - seen]);
				seen += n;
			}
			if (!task)
				break;
			if (task->kind != DOC_MAP)
				continue;
			const struct doc_node *env = doc_map_get(task, "environment");
			const struct doc_node *ev = doc_resolve(env);
			if (ev && (ev->kind == DOC_MAP || doc_is_null(ev)))
				rc = edit_map_set(d, ev, x->key, buf_cstr(&v), diags);
			else if (!env) {
				struct buf m = BUF_INIT;
				buf_puts(&m, "{");
				yamlout_double(&m, x->key, strlen(x->key));
				buf_printf(&m, ": %s}", buf_cstr(&v));
				rc = edit_map_set(d, task, "environment", buf_cstr(&m), diags);
				buf_free(&m);
			}
			if (rc < 0)
				break;
		}
	}
	buf_free(&v);
	if (rc == 0) {
		char *t = malloc(d->len + 1);
		if (t) {
			memcpy(t, d->text, d->len + 1);
			free(r->text);
			r->text = t;
			r->len = d->len;
		}
	}
	doc_free(d);
	return rc;
}

/* --- the render --- */

int render_spec(const char *text, size_t len, const struct sections *s,
		const struct render_values *rv, const struct tmpl_limits *lim,
		struct render_result *out, struct diag_list *diags)
{
	memset(out, 0, sizeof *out);
	if (s->workflow < 0)
		return -1;  /* sections_split reported it */
	const struct section *wf = &s->v[s->workflow];
	struct tv vars = tv_dict_new();
	int rc = default_values(text, s, vars, diags);
	if (rc == 0 && rv && rv->values_file)
		rc = values_file(rv->values_file, vars, diags);
	for (int pass = 0; rc == 0 && pass < 2; pass++)
		for (size_t i = 0; rv && i < rv->n; i++) {
			const struct render_var *x = &rv->v[i];
			if (pass == 0 && x->kind == RENDER_SET)
				tv_dict_set(vars, x->key, strlen(x->key), set_value(x->value));
			else if (pass == 1 && x->kind == RENDER_SET_STRING)
				tv_dict_set(vars, x->key, strlen(x->key), tv_cstr(x->value));
		}
	struct buf shielded = BUF_INIT, rendered = BUF_INIT;
	struct tokens_vars tvars = { 0 };
	if (rc == 0 && tokens_shield(text + wf->start, wf->end - wf->start, &shielded, &tvars) < 0)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < tvars.n; i++)
		tv_dict_set(vars, tvars.v[i].name, strlen(tvars.v[i].name), tv_cstr(tvars.v[i].value));
	if (rc == 0) {
		struct diag_list tdl = { 0 };
		rc = tmpl_render(buf_cstr(&shielded), shielded.len, &vars, lim, &rendered, &tdl);
		for (size_t i = 0; i < tdl.n; i++) {
			struct diag d = tdl.v[i];
			if (d.line > 0) {
				d.line += wf->line - 1;
				d.end_line += wf->line - 1;
			}
			diag_add_copy(diags, &d);
		}
		diag_free(&tdl);
	}
	if (rc == 0) {
		size_t n = rendered.len;
		out->text = buf_detach(&rendered);
		out->len = n;
		if (!out->text)
			rc = -1;
	}
	if (rc == 0) {
		build_line_map(out, text + wf->start, wf->end - wf->start, wf->line);
		rc = apply_overrides(out, rv, diags);
	}
	tokens_vars_free(&tvars);
	buf_free(&shielded);
	buf_free(&rendered);
	tv_drop(vars);
	if (rc < 0) {
		render_result_free(out);
		return -1;
	}
	return 0;
}

void render_result_free(struct render_result *r)
{
	free(r->text);
	free(r->line_map);
	memset(r, 0, sizeof *r);
}
