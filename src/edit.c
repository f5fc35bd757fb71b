/* edit: structural edits as text splices, and the undo journal (see edit.h).
 *
 * Each operation decides the exact bytes to replace from the node spans and
 * the layout around them, then calls doc_splice(): the document re-parses
 * locally and the journal (a splice hook) records old and new bytes. Undo
 * replays the inverse splices of one action in reverse order.
 *
 * Layout rules, in one place:
 *  - a block entry is the lines from its key or dash to the end of its last
 *    line; new entries copy the column (and dash gap) of their siblings;
 *  - the value region of an entry is everything after its "key:" or "-"
 *    (so a block value can be replaced by a scalar and the other way round);
 *  - a collection that would become empty is written as [] or {};
 *  - new line breaks follow the document's ("\r\n" when it uses them).
 */
#include "edit.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "yamlout.h"

/* --- the journal --- */

struct splice_rec {
	size_t off;
	char *old, *ins;
	size_t oldlen, inslen;
};

struct action {
	char *label;
	unsigned id;
	struct splice_rec *v;
	size_t n, cap;
};

struct stack {
	struct action *v;
	size_t n, cap;
};

struct journal {
	struct doc *d;
	struct stack undo, redo;
	struct action cur;
	int depth;
	bool replaying;
	bool lost;              /* a splice of the current action could not be recorded */
	unsigned next_id, saved_id;
};

static void action_free(struct action *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->v[i].old);
		free(a->v[i].ins);
	}
	free(a->v);
	free(a->label);
	memset(a, 0, sizeof *a);
}

static void stack_clear(struct stack *s)
{
	for (size_t i = 0; i < s->n; i++)
		action_free(&s->v[i]);
	s->n = 0;
}

static int stack_push(struct stack *s, struct action *a)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		struct action *v = realloc(s->v, cap * sizeof *v);
		if (!v)
			return -1;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = *a;
	memset(a, 0, sizeof *a);
	return 0;
}

static char *dupn(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

/* Recording failed (out of memory): the history no longer matches the text
 * and replaying it would garble the document, so all of it is dropped, and
 * the file counts as modified. */
static void forget_history(struct journal *j)
{
	stack_clear(&j->undo);
	stack_clear(&j->redo);
	char *label = j->cur.label;
	j->cur.label = NULL;
	action_free(&j->cur);
	j->cur.label = label;
	j->lost = true;
	j->saved_id = UINT_MAX;
}

static void commit_current(struct journal *j)
{
	if (j->lost) {
		action_free(&j->cur);
		j->lost = false;
		return;
	}
	if (j->cur.n == 0) {
		action_free(&j->cur);
		return;
	}
	j->cur.id = ++j->next_id;
	stack_clear(&j->redo);
	if (stack_push(&j->undo, &j->cur) < 0) {
		forget_history(j);
		action_free(&j->cur);
		j->lost = false;
	}
}

static void on_splice(void *ctx, size_t off, const char *old, size_t oldlen, const char *ins,
		      size_t inslen)
{
	struct journal *j = ctx;
	if (j->replaying)
		return;
	struct action *a = &j->cur;
	if (j->lost)
		goto done;
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 4;
		struct splice_rec *v = realloc(a->v, cap * sizeof *v);
		if (!v) {
			forget_history(j);
			goto done;
		}
		a->v = v;
		a->cap = cap;
	}
	struct splice_rec *r = &a->v[a->n];
	r->off = off;
	r->old = dupn(old, oldlen);
	r->ins = dupn(ins, inslen);
	r->oldlen = oldlen;
	r->inslen = inslen;
	if (!r->old || !r->ins) {
		free(r->old);
		free(r->ins);
		forget_history(j);
		goto done;
	}
	a->n++;
done:
	if (j->depth == 0)   /* a splice outside edit_begin/end is its own action */
		commit_current(j);
}

struct journal *journal_new(struct doc *d)
{
	struct journal *j = calloc(1, sizeof *j);
	if (!j)
		return NULL;
	j->d = d;
	doc_set_splice_hook(d, on_splice, j);
	return j;
}

void journal_free(struct journal *j)
{
	if (!j)
		return;
	doc_set_splice_hook(j->d, NULL, NULL);
	stack_clear(&j->undo);
	stack_clear(&j->redo);
	free(j->undo.v);
	free(j->redo.v);
	action_free(&j->cur);
	free(j);
}

void edit_begin(struct journal *j, const char *label)
{
	if (j->depth++ == 0) {
		action_free(&j->cur);
		j->cur.label = label ? dupn(label, strlen(label)) : NULL;
	}
}

void edit_end(struct journal *j)
{
	if (j->depth > 0 && --j->depth == 0)
		commit_current(j);
}

/* Apply an action's splices forward (redo) or backward (undo). On failure,
 * the splices already applied are rolled back. */
static int replay(struct journal *j, struct action *a, bool forward, struct diag_list *diags)
{
	j->replaying = true;
	size_t done = 0;
	int rc = 0;
	for (; done < a->n; done++) {
		struct splice_rec *r = &a->v[forward ? done : a->n - 1 - done];
		rc = forward ? doc_splice(j->d, r->off, r->oldlen, r->ins, r->inslen, diags)
			     : doc_splice(j->d, r->off, r->inslen, r->old, r->oldlen, diags);
		if (rc < 0)
			break;
	}
	if (rc < 0)
		while (done-- > 0) {
			struct splice_rec *r = &a->v[forward ? done : a->n - 1 - done];
			if (forward)
				doc_splice(j->d, r->off, r->inslen, r->old, r->oldlen, NULL);
			else
				doc_splice(j->d, r->off, r->oldlen, r->ins, r->inslen, NULL);
		}
	j->replaying = false;
	return rc;
}

/* Re-apply (redo) or revert (undo) the top action of `from` and move it to `to`. */
static int step(struct journal *j, struct stack *from, struct stack *to, bool forward,
		struct diag_list *diags)
{
	if (from->n == 0)
		return 1;
	struct action *a = &from->v[from->n - 1];
	if (replay(j, a, forward, diags) < 0)
		return -1;
	struct action moved = *a;
	from->n--;
	if (stack_push(to, &moved) < 0)
		action_free(&moved);
	return 0;
}

int edit_undo(struct journal *j, struct diag_list *diags)
{
	return step(j, &j->undo, &j->redo, false, diags);
}

int edit_redo(struct journal *j, struct diag_list *diags)
{
	return step(j, &j->redo, &j->undo, true, diags);
}

const char *edit_undo_label(const struct journal *j)
{
	return j->undo.n ? (j->undo.v[j->undo.n - 1].label ? j->undo.v[j->undo.n - 1].label : "edit") : NULL;
}

const char *edit_redo_label(const struct journal *j)
{
	return j->redo.n ? (j->redo.v[j->redo.n - 1].label ? j->redo.v[j->redo.n - 1].label : "edit") : NULL;
}

static unsigned state_id(const struct journal *j)
{
	return j->undo.n ? j->undo.v[j->undo.n - 1].id : 0;
}

bool edit_modified(const struct journal *j)
{
	return state_id(j) != j->saved_id;
}

void edit_mark_saved(struct journal *j)
{
	j->saved_id = state_id(j);
}

/* --- layout helpers --- */

static const char *nl_of(const struct doc *d)
{
	return d->crlf ? "\r\n" : "\n";
}

/* The bytes after "key:" or "-" that hold n's value: [*a, *b). For a value on
 * the same line as its key this starts after the ':' (the space included). */
static void value_region(const struct doc *d, const struct doc_node *n, size_t *a, size_t *b)
{
	*b = n->end;
	if (n->key) {
		/* the ':' follows the key, blanks apart (bounded by the value) */
		size_t p = n->key_end, lim = n->start;
		while (p < lim && (d->text[p] == ' ' || d->text[p] == '\t'))
			p++;
		*a = p < lim && d->text[p] == ':' ? p + 1 : n->start;
	} else if (n->parent && n->parent->kind == DOC_SEQ && n->parent->style == DOC_BLOCK &&
		   d->text[n->item_start] == '-') {
		*a = n->item_start + 1;
	} else {
		*a = n->start;
	}
}

static bool in_flow(const struct doc_node *n)
{
	return n->parent && n->parent->style == DOC_FLOW;
}

/* Column of the key or dash that owns n. */
static size_t owner_column(const struct doc *d, const struct doc_node *n)
{
	return doc_column0(d, n->item_start);
}

/* One line from p: its blanks (spaces counted, a tab noted), and whether it
 * is empty (blanks only) or a comment; next is the start of the next line. */
struct line_info {
	size_t indent, spaces, next;
	bool tab, empty, comment;
};

static void line_info(const struct doc *d, size_t p, struct line_info *li)
{
	size_t q = p;
	li->spaces = 0;
	li->tab = false;
	for (; q < d->len && (d->text[q] == ' ' || d->text[q] == '\t' || d->text[q] == '\r'); q++) {
		li->spaces += d->text[q] == ' ';
		li->tab |= d->text[q] == '\t';
	}
	li->indent = q - p;
	li->empty = q >= d->len || d->text[q] == '\n';
	li->comment = q < d->len && d->text[q] == '#';
	li->next = doc_line_next(d, q);
}

/* What may follow a value written to end at `at`, for a value owned by a key
 * or dash at column col: a literal block scalar would take in the rest of
 * the line (a trailing comment, even trailing blanks) and every deeper-indented comment or
 * whitespace line after it as text, and "|+" every blank line; at the end of a file without a
 * final line break, "|" loses its last newline. */
static unsigned tail_flags(const struct doc *d, size_t at, size_t col)
{
	size_t p = at;
	unsigned flags = 0;
	if (at > 0 && d->text[at - 1] != '\n') {
		/* even trailing blanks would become text of the last line */
		if (p < d->len && d->text[p] == '\r')
			p++;
		if (p < d->len && d->text[p] != '\n')
			return YAMLOUT_NO_LITERAL;
		if (p >= d->len)
			return YAMLOUT_NO_BREAK;
		p = doc_line_next(d, p);
	}
	while (p < d->len) {
		struct line_info li;
		line_info(d, p, &li);
		if (li.comment) {
			if (li.indent > col)
				return YAMLOUT_NO_LITERAL;
		} else if (!li.empty) {
			break;
		} else if (li.tab || li.spaces > col + 1) {
			return YAMLOUT_NO_LITERAL;   /* blanks past the text's indentation are text */
		} else {
			flags |= YAMLOUT_NO_KEEP;
		}
		p = li.next;
	}
	return flags;
}

/* Are block sequences under keys written indentless ("key:\n- x")? Look at
 * the first one in the document; OSMO's own style is indentless. */
static unsigned doc_indentless(const struct doc *d)
{
	const struct doc_node *st[64];
	size_t sp = 0;
	if (d->root)
		st[sp++] = d->root;
	while (sp) {
		const struct doc_node *n = st[--sp];
		if (n->kind == DOC_SEQ && n->style == DOC_BLOCK && n->key)
			return doc_column0(d, n->item_start) == doc_column0(d, n->kids[0]->item_start)
				       ? YAMLOUT_INDENTLESS : 0;
		for (uint32_t i = n->nkids; i-- > 0 && sp < 64;)
			if (n->kids[i]->kind != DOC_SCALAR)
				st[sp++] = n->kids[i];
	}
	return true;
}

static int splice_buf(struct doc *d, size_t a, size_t b, struct buf *t, struct diag_list *diags)
{
	/* libyaml reads "[]#x" or "'v'#x" as a comment, but a plain scalar
	 * written there would take the "#x" in, and an empty value would glue
	 * it to the ':' ("k:#x" is one plain scalar): keep them apart */
	char last = t->len ? t->data[t->len - 1] : a > 0 ? d->text[a - 1] : '\n';
	if (b < d->len && d->text[b] == '#' && last != ' ' && last != '\t' && last != '\n')
		buf_putc(t, ' ');
	if (t->oom) {
		diag_addf_at(diags, DIAG_ERROR, "edit", (uint32_t)a, (uint32_t)a, "out of memory");
		return -1;
	}
	return doc_splice(d, a, b - a, buf_cstr(t), t->len, diags);
}

/* A key of a flow mapping written without ':' ("{a, b: 1}": a is null)? A
 * value for it must bring the ':'. */
static bool bare_flow_key(const struct doc *d, const struct doc_node *n)
{
	if (!n->key || !in_flow(n))
		return false;
	size_t p = n->key_end;
	while (p < n->start && (d->text[p] == ' ' || d->text[p] == '\t' || d->text[p] == '\r' ||
				d->text[p] == '\n'))
		p++;
	return p >= n->start || d->text[p] != ':';
}

/* Replace the token of value n with t. A value written right after a tag or
 * anchor ("key: !t" holds an empty tagged scalar) needs a blank first. */
static int splice_token(struct doc *d, const struct doc_node *n, struct buf *t,
			struct diag_list *diags)
{
	if (bare_flow_key(d, n)) {
		struct buf u = BUF_INIT;
		buf_puts(&u, ": ");
		buf_add(&u, t->data, t->len);
		int rc = splice_buf(d, n->start, n->end, &u, diags);
		buf_free(&u);
		return rc;
	}
	char before = n->start > 0 ? d->text[n->start - 1] : ' ';
	if (!(n->flags & (DOC_F_TAG | DOC_F_ANCHOR)) || !t->len || before == ' ' || before == '\t' ||
	    before == '\n' || before == '\r')
		return splice_buf(d, n->start, n->end, t, diags);
	struct buf u = BUF_INIT;
	buf_putc(&u, ' ');
	buf_add(&u, t->data, t->len);
	int rc = splice_buf(d, n->start, n->end, &u, diags);
	buf_free(&u);
	return rc;
}

/* Parse a YAML value given by the user. */
static struct doc *parse_value(const char *yaml, struct diag_list *diags)
{
	struct diag_list errs = { 0 };
	struct doc *v = doc_load(yaml, strlen(yaml), NULL, &errs);
	if (!v || !v->ok || errs.n) {
		diag_addf_lc(diags, DIAG_ERROR, "edit-value", 0, 0, "not a valid YAML value: %s: %s",
			     yaml, errs.n ? errs.v[0].message : "out of memory");
		diag_free(&errs);
		doc_free(v);
		return NULL;
	}
	diag_free(&errs);
	return v;
}

/* Write the value part for node n (after its "key:" or "-"). */
static void value_text(struct buf *t, const struct doc *d, const struct doc_node *n,
		       const struct doc *v, unsigned tail)
{
	if (in_flow(n)) {
		if (v->root)
			yamlout_flow_value(t, v->text, v->root);
		else
			buf_puts(t, "null");
		return;
	}
	if (!v->root)
		return;
	bool after_key = n->key != NULL || !n->parent;
	size_t col = owner_column(d, n);
	if (!n->key && n->parent) {
		/* a sequence item: its value sits after "- " */
		buf_putc(t, ' ');
		after_key = false;
		if (v->root->kind == DOC_MAP && v->root->style == DOC_BLOCK && v->root->nkids)
			col = owner_column(d, n);
	}
	yamlout_block_value(t, v->text, v->root, col, after_key, doc_indentless(d) | tail, nl_of(d));
}

/* Re-encode a plain scalar the user typed in the quote style of old, or
 * double-quoted when it starts with a byte order mark: at the start of the
 * file YAML drops the mark, and the rest may read as a comment. */
static bool requote(struct buf *t, const struct doc_node *old, const struct doc *v)
{
	const struct doc_node *r = v->root;
	if (!r || r->kind != DOC_SCALAR || r->style != DOC_PLAIN || (r->flags & DOC_F_EMPTY))
		return false;
	bool bom = r->len >= 3 && memcmp(r->text, "\xEF\xBB\xBF", 3) == 0;
	if (old->kind != DOC_SCALAR || (old->flags & DOC_F_EMPTY) || old->style > DOC_DOUBLE ||
	    (old->style == DOC_PLAIN && !bom))
		return false;
	if (old->style == DOC_SINGLE)
		yamlout_single(t, r->text, r->len);
	else
		yamlout_double(t, r->text, r->len);
	return true;
}

/* The value of an entry written "? key" (its ':' maybe on another line, or
 * missing) is not edited in place: say how to make it editable. */
static bool explicit_entry(const struct doc_node *n, struct diag_list *diags)
{
	if (!(n->flags & DOC_F_EXPLICIT_KEY))
		return false;
	diag_addf_at(diags, DIAG_ERROR, "edit", n->item_start, n->key_end,
		     "this entry is written with an explicit key (\"? key\"); rewrite it as "
		     "\"key: value\" to edit its value");
	return true;
}

int edit_set_yaml(struct doc *d, const struct doc_node *n, const char *yaml, struct diag_list *diags)
{
	if (explicit_entry(n, diags))
		return -1;
	struct doc *v = parse_value(yaml, diags);
	if (!v)
		return -1;
	struct buf t = BUF_INIT;
	size_t a, b;
	int rc;
	if (requote(&t, n, v) || (n->kind == DOC_SCALAR && !(n->flags & DOC_F_EMPTY) &&
				  n->style <= DOC_DOUBLE && v->root && v->root->kind == DOC_SCALAR &&
				  !memchr(v->text, '\n', v->len))) {
		if (!t.len) {
			if (in_flow(n))
				yamlout_flow_value(&t, v->text, v->root);
			else
				buf_add(&t, v->text + v->root->start, v->root->end - v->root->start);
		}
		rc = splice_token(d, n, &t, diags);
	} else {
		value_region(d, n, &a, &b);
		if (in_flow(n))
			a = n->start;
		if (bare_flow_key(d, n))
			buf_puts(&t, ": ");
		value_text(&t, d, n, v, tail_flags(d, b, owner_column(d, n)));
		rc = splice_buf(d, a, b, &t, diags);
	}
	buf_free(&t);
	doc_free(v);
	return rc;
}

int edit_set_string(struct doc *d, const struct doc_node *n, const char *s, struct diag_list *diags)
{
	if (explicit_entry(n, diags))
		return -1;
	size_t len = strlen(s);
	struct buf t = BUF_INIT;
	size_t a, b;
	bool multi = memchr(s, '\n', len) != NULL, token = false;
	value_region(d, n, &a, &b);
	if (in_flow(n)) {
		yamlout_scalar(&t, s, len, n->style == DOC_SINGLE ? DOC_SINGLE : DOC_DOUBLE, true, true);
		token = true;
	} else if (multi && yamlout_literal_ok(s, len, tail_flags(d, b, owner_column(d, n)))) {
		/* multi-line text becomes a literal block under the entry */
		struct doc_node tmp = { 0 };
		tmp.kind = DOC_SCALAR;
		tmp.text = s;
		tmp.len = (uint32_t)len;
		buf_putc(&t, ' ');
		yamlout_block_value(&t, "", &tmp, owner_column(d, n), false,
				    tail_flags(d, b, owner_column(d, n)), nl_of(d));
	} else if (n->kind == DOC_SCALAR && !(n->flags & DOC_F_EMPTY) && n->style <= DOC_DOUBLE) {
		yamlout_scalar(&t, s, len, n->style == DOC_SINGLE ? DOC_SINGLE : DOC_DOUBLE, false, true);
		if (n->style != DOC_PLAIN && t.len && t.data[0] != '"' && t.data[0] != '\'') {
			buf_reset(&t);   /* keep the quotes the author chose */
			if (n->style == DOC_SINGLE && !memchr(s, '\n', len))
				yamlout_single(&t, s, len);
			else
				yamlout_double(&t, s, len);
		}
		token = true;
	} else {
		buf_putc(&t, ' ');
		yamlout_scalar(&t, s, len, DOC_DOUBLE, false, true);
	}
	int rc = token ? splice_token(d, n, &t, diags) : splice_buf(d, a, b, &t, diags);
	buf_free(&t);
	return rc;
}

/* A single-pair map inside a flow sequence, written without braces
 * ("[task: a]")? */
static bool implicit_pair(const struct doc *d, const struct doc_node *m)
{
	return m->kind == DOC_MAP && m->style == DOC_FLOW && d->text[m->start] != '{';
}

/* "key: value" in flow style (the value null when v is empty). */
static void flow_pair(struct buf *t, const char *key, const struct doc *v)
{
	yamlout_scalar(t, key, strlen(key), DOC_DOUBLE, true, true);
	buf_puts(t, ": ");
	if (v->root)
		yamlout_flow_value(t, v->text, v->root);
	else
		buf_puts(t, "null");
}

/* Key text for a new entry: plain when it can be, else double-quoted. */
static void key_text(struct buf *t, const char *key)
{
	yamlout_scalar(t, key, strlen(key), DOC_DOUBLE, false, true);
}

/* Offset where new lines after the last child of block collection c go;
 * adds a line break first when the document ends without one. */
/* Lines appended to a file that ends inside a block scalar with no final
 * line break would give that scalar a newline it does not have. */
static bool ends_in_open_block(const struct doc *d, size_t at, struct diag_list *diags)
{
	if (at != d->len || !d->len || d->text[d->len - 1] == '\n')
		return false;
	const struct doc_node *n = d->root;
	while (n && n->nkids)
		n = n->kids[n->nkids - 1];
	if (!n || n->kind != DOC_SCALAR || (n->style != DOC_LITERAL && n->style != DOC_FOLDED))
		return false;
	diag_addf_at(diags, DIAG_ERROR, "edit", n->start, n->end,
		     "the file ends inside a block scalar (| or >) with no final line break; "
		     "add a line break at the end before adding entries after it");
	return true;
}

static size_t append_point(const struct doc *d, const struct doc_node *c, struct buf *t)
{
	size_t at = doc_entry_line_end(d, c->kids[c->nkids - 1]);
	if (at == d->len && (d->len == 0 || d->text[d->len - 1] != '\n'))
		buf_puts(t, nl_of(d));
	return at;
}

int edit_map_set(struct doc *d, const struct doc_node *m, const char *key, const char *yaml,
		 struct diag_list *diags)
{
	const struct doc_node *cur = NULL;
	if (m->kind == DOC_MAP)
		for (uint32_t i = m->nkids; i-- > 0 && !cur;)
			if (strcmp(m->kids[i]->key, key) == 0)
				cur = m->kids[i];
	if (cur)
		return edit_set_yaml(d, cur, yaml, diags);
	bool empty_value = m->kind == DOC_SCALAR && doc_is_null(m);
	bool empty_flow = m->kind == DOC_MAP && m->style == DOC_FLOW && m->nkids == 0;
	if (m->kind != DOC_MAP && !empty_value) {
		diag_addf_at(diags, DIAG_ERROR, "edit", m->start, m->end,
			     "cannot add key \"%s\": the value here is a %s, not a mapping", key,
			     doc_kind_name(m->kind));
		return -1;
	}
	struct doc *v = parse_value(yaml, diags);
	if (!v)
		return -1;
	struct buf t = BUF_INIT;
	size_t a, b;
	const char *nl = nl_of(d);
	if (m->kind == DOC_MAP && m->style == DOC_FLOW) {
		bool pair = implicit_pair(d, m);
		if (pair) {
			/* "[k: v]" holds a single-pair map: a second key needs braces */
			a = m->start;
			b = m->end;
			buf_putc(&t, '{');
			buf_add(&t, d->text + a, b - a);
			buf_puts(&t, ", ");
		} else if (m->nkids) {
			a = b = m->kids[m->nkids - 1]->end;
			buf_puts(&t, ", ");
		} else {
			a = b = m->start + 1;
		}
		flow_pair(&t, key, v);
		if (pair)
			buf_putc(&t, '}');
		(void)empty_flow;
	} else if (m->kind == DOC_MAP) {
		size_t col = doc_column0(d, m->kids[0]->item_start);
		a = b = append_point(d, m, &t);
		if (ends_in_open_block(d, a, diags)) {
			buf_free(&t);
			doc_free(v);
			return -1;
		}
		buf_repeat(&t, ' ', col);
		key_text(&t, key);
		buf_putc(&t, ':');
		if (v->root)
			yamlout_block_value(&t, v->text, v->root, col, true,
					    doc_indentless(d) | tail_flags(d, a, col), nl);
		buf_puts(&t, nl);
	} else if (in_flow(m)) {
		/* an empty value inside [...] or {...}: a flow mapping in its place
		 * (after a ':', which "? key" alone lacks) */
		a = b = m->start;
		size_t p = a;
		while (p > 0 && (d->text[p - 1] == ' ' || d->text[p - 1] == '\t'))
			p--;
		if (p == 0 || d->text[p - 1] != ':')
			buf_puts(&t, ": ");
		else if (p == a)
			buf_putc(&t, ' ');
		buf_putc(&t, '{');
		flow_pair(&t, key, v);
		buf_putc(&t, '}');
	} else {
		/* "key:" with no value becomes a block mapping under it */
		size_t col = owner_column(d, m) + 2;
		value_region(d, m, &a, &b);
		buf_puts(&t, nl);
		buf_repeat(&t, ' ', col);
		key_text(&t, key);
		buf_putc(&t, ':');
		if (v->root)
			yamlout_block_value(&t, v->text, v->root, col, true,
					    doc_indentless(d) | tail_flags(d, b, owner_column(d, m)), nl);
	}
	int rc = splice_buf(d, a, b, &t, diags);
	buf_free(&t);
	doc_free(v);
	return rc;
}

/* Does kid n of a block collection begin its own line? */
static bool starts_line(const struct doc *d, const struct doc_node *n)
{
	return doc_entry_line_start(d, n) != n->item_start ||
	       doc_line_start(d, n->item_start) == n->item_start;
}

static uint32_t kid_index(const struct doc_node *n)
{
	const struct doc_node *p = n->parent;
	for (uint32_t i = 0; i < p->nkids; i++)
		if (p->kids[i] == n)
			return i;
	return 0;
}

/* The deepest node that ends at or before off: the text just before it. */
static const struct doc_node *node_before(const struct doc *d, size_t off)
{
	const struct doc_node *n = d->root, *best = NULL;
	while (n) {
		if (n->end <= off)
			best = n;
		const struct doc_node *next = NULL;
		for (uint32_t i = n->nkids; i-- > 0 && !next;)
			if (n->kids[i]->item_start < off)
				next = n->kids[i];
		n = next;
	}
	return best;
}

/* Lines leaving an entry's place may leave what followed them next to a
 * block scalar, which reads deeper-indented comment and blank lines (and,
 * kept with "+", empty ones) as its text. Returns the end of the run of
 * such lines from off that belong with the entry at column col: comments
 * and blank-only lines indented deeper than col, and empty lines too when
 * the text before `from` is a "|+" or ">+" block scalar. */
static size_t trailing_lines_end(const struct doc *d, size_t from, size_t off, size_t col)
{
	const struct doc_node *prev = node_before(d, from);
	bool keep = false;
	if (prev && prev->kind == DOC_SCALAR && (prev->style == DOC_LITERAL || prev->style == DOC_FOLDED))
		for (size_t i = prev->start + 1; i < d->len && d->text[i] != ' ' && d->text[i] != '\n'; i++)
			keep |= d->text[i] == '+';
	size_t p = off, end = off;
	while (p < d->len) {
		struct line_info li;
		line_info(d, p, &li);
		if (!li.comment && !li.empty)
			break;
		if ((li.comment && li.indent > col) || (li.empty && (li.tab || li.spaces > col || keep)))
			end = li.next;
		p = li.next;
	}
	return end;
}

/* Remove kid n from its collection (mapping entry or sequence item). */
static int remove_kid(struct doc *d, const struct doc_node *n, struct diag_list *diags)
{
	const struct doc_node *p = n->parent;
	if (!p) {
		diag_addf_at(diags, DIAG_ERROR, "edit", n->start, n->end, "cannot remove the document root");
		return -1;
	}
	uint32_t i = kid_index(n);
	struct buf t = BUF_INIT;
	size_t a, b;
	if (p->nkids == 1) {
		/* the collection becomes empty: [] or {} */
		if (implicit_pair(d, p)) {
			a = p->start;
			b = p->end;
			buf_puts(&t, "{}");
		} else if (p->style == DOC_FLOW) {
			a = p->start + 1;
			b = p->end - 1;
		} else {
			value_region(d, p, &a, &b);
			buf_puts(&t, p->parent ? " " : "");
			if (!p->parent)
				a = p->start;
			buf_puts(&t, p->kind == DOC_MAP ? "{}" : "[]");
		}
	} else if (p->style == DOC_FLOW) {
		if (i + 1 < p->nkids) {
			a = n->item_start;   /* its '?' or tag included */
			b = p->kids[i + 1]->item_start;
		} else {
			a = p->kids[i - 1]->end;
			b = n->end;
		}
	} else if (starts_line(d, n)) {
		a = doc_entry_line_start(d, n);
		b = trailing_lines_end(d, a, doc_entry_line_end(d, n), doc_column0(d, n->item_start));
	} else if (i + 1 < p->nkids) {
		/* first entry on a dash line: the next entry moves up to it */
		a = n->item_start;
		b = p->kids[i + 1]->item_start;
	} else {
		diag_addf_at(diags, DIAG_ERROR, "edit", n->item_start, n->end,
			     "cannot remove an entry that shares its line with the one before it");
		buf_free(&t);
		return -1;
	}
	int rc = splice_buf(d, a, b, &t, diags);
	buf_free(&t);
	return rc;
}

int edit_map_remove(struct doc *d, const struct doc_node *n, struct diag_list *diags)
{
	if (!n->key) {
		diag_addf_at(diags, DIAG_ERROR, "edit", n->start, n->end, "not a mapping entry");
		return -1;
	}
	return remove_kid(d, n, diags);
}

int edit_seq_remove(struct doc *d, const struct doc_node *n, struct diag_list *diags)
{
	if (!n->parent || n->parent->kind != DOC_SEQ) {
		diag_addf_at(diags, DIAG_ERROR, "edit", n->start, n->end, "not a list item");
		return -1;
	}
	return remove_kid(d, n, diags);
}

int edit_rename_key(struct doc *d, const struct doc_node *n, const char *newkey, struct diag_list *diags)
{
	if (!n->key) {
		diag_addf_at(diags, DIAG_ERROR, "edit", n->start, n->end, "not a mapping entry");
		return -1;
	}
	struct buf t = BUF_INIT;
	size_t len = strlen(newkey);
	/* an empty key written right after its tag or '?' ("!t :", "?"): the
	 * new key must not run into them */
	if (n->key_start == n->key_end && n->key_start > 0 && !strchr(" \t\n{[,", d->text[n->key_start - 1]))
		buf_putc(&t, ' ');
	if (n->flags & DOC_F_KEY_QUOTED) {
		if (d->text[n->key_start] == '\'' && !memchr(newkey, '\n', len))
			yamlout_single(&t, newkey, len);
		else
			yamlout_double(&t, newkey, len);
	} else {
		yamlout_scalar(&t, newkey, len, DOC_DOUBLE, in_flow(n), true);
	}
	int rc = splice_buf(d, n->key_start, n->key_end, &t, diags);
	buf_free(&t);
	return rc;
}

/* The dash gap of block sequence s: columns from '-' to the item content. */
static size_t dash_gap(const struct doc *d, const struct doc_node *s)
{
	for (uint32_t i = 0; i < s->nkids; i++) {
		const struct doc_node *k = s->kids[i];
		size_t content = k->start;
		if (d->text[k->item_start] == '-' && content > k->item_start &&
		    doc_line_start(d, content) == doc_line_start(d, k->item_start))
			return content - k->item_start;
	}
	return 2;
}

/* Lines for a new block item at column col: "- value". */
static void item_lines(struct buf *t, const struct doc *d, size_t col, size_t gap, const struct doc *v,
		       unsigned tail)
{
	buf_repeat(t, ' ', col);
	buf_putc(t, '-');
	buf_repeat(t, ' ', gap > 1 ? gap - 1 : 1);
	if (v->root)
		yamlout_block_value(t, v->text, v->root, col + (gap > 1 ? gap : 2) - 2, false,
				    doc_indentless(d) | tail, nl_of(d));
	buf_puts(t, nl_of(d));
}

int edit_seq_insert(struct doc *d, const struct doc_node *s, size_t index, const char *yaml,
		    struct diag_list *diags)
{
	bool empty_value = s->kind == DOC_SCALAR && doc_is_null(s);
	bool empty_flow_seq = s->kind == DOC_SEQ && s->style == DOC_FLOW && s->nkids == 0;
	if (s->kind != DOC_SEQ && !empty_value) {
		diag_addf_at(diags, DIAG_ERROR, "edit", s->start, s->end,
			     "cannot insert an item: the value here is a %s, not a list", doc_kind_name(s->kind));
		return -1;
	}
	if (s->kind == DOC_SEQ && index > s->nkids) {
		diag_addf_at(diags, DIAG_ERROR, "edit", s->start, s->end,
			     "index %zu is past the end of the list (%u items)", index, s->nkids);
		return -1;
	}
	struct doc *v = parse_value(yaml, diags);
	if (!v)
		return -1;
	struct buf t = BUF_INIT;
	size_t a, b;
	const char *nl = nl_of(d);
	if ((empty_value || empty_flow_seq) && !in_flow(s) && (s->key || !s->parent)) {
		/* "key:" or "key: []" becomes a block list under the key */
		size_t col = owner_column(d, s) + (doc_indentless(d) ? 0 : 2);
		value_region(d, s, &a, &b);
		buf_puts(&t, nl);
		struct buf item = BUF_INIT;
		item_lines(&item, d, col, 2, v, tail_flags(d, b, owner_column(d, s)));
		buf_add(&t, item.data, item.len - strlen(nl));
		buf_free(&item);
	} else if (s->kind == DOC_SEQ && s->style == DOC_FLOW) {
		struct buf val = BUF_INIT;
		if (v->root)
			yamlout_flow_value(&val, v->text, v->root);
		else
			buf_puts(&val, "null");
		if (s->nkids == 0) {
			a = b = s->start + 1;
			buf_add(&t, val.data, val.len);
		} else if (index < s->nkids) {
			a = b = s->kids[index]->start;
			buf_add(&t, val.data, val.len);
			buf_puts(&t, ", ");
		} else {
			a = b = s->kids[s->nkids - 1]->end;
			buf_puts(&t, ", ");
			buf_add(&t, val.data, val.len);
		}
		buf_free(&val);
	} else if (s->kind == DOC_SEQ) {
		size_t col = doc_column0(d, s->kids[0]->item_start);
		if (index < s->nkids && starts_line(d, s->kids[index]))
			a = b = doc_line_start(d, s->kids[index]->item_start);
		else if (index < s->nkids) {
			diag_addf_at(diags, DIAG_ERROR, "edit", s->start, s->end,
				     "cannot insert before an item that shares its line");
			buf_free(&t);
			doc_free(v);
			return -1;
		} else {
			a = b = append_point(d, s, &t);
			if (ends_in_open_block(d, a, diags)) {
				buf_free(&t);
				doc_free(v);
				return -1;
			}
		}
		item_lines(&t, d, col, dash_gap(d, s), v, tail_flags(d, a, col));
	} else {
		diag_addf_at(diags, DIAG_ERROR, "edit", s->start, s->end, "cannot insert a list item here");
		buf_free(&t);
		doc_free(v);
		return -1;
	}
	int rc = splice_buf(d, a, b, &t, diags);
	buf_free(&t);
	doc_free(v);
	return rc;
}

int edit_seq_move(struct doc *d, const struct doc_node *s, size_t from, size_t to,
		  struct diag_list *diags)
{
	if (s->kind != DOC_SEQ || from >= s->nkids || to >= s->nkids) {
		diag_addf_at(diags, DIAG_ERROR, "edit", s->start, s->end, "no such list item to move");
		return -1;
	}
	if (from == to)
		return 0;
	const struct doc_node *n = s->kids[from];
	bool whole_lines = s->style == DOC_BLOCK && starts_line(d, n) &&
			   starts_line(d, s->kids[to]);
	size_t a = doc_entry_line_start(d, n), b = doc_entry_line_end(d, n);
	size_t col = doc_column0(d, n->item_start);
	if (whole_lines && b > a) {
		b = trailing_lines_end(d, a, b, col);
		/* move the item's own lines, comments inside it included, as one
		 * splice of the range between its old and new place (so a failure
		 * leaves nothing half done) */
		const char *nl = nl_of(d);
		bool last_open = d->text[b - 1] != '\n';   /* the file ends in it, unterminated */
		struct buf t = BUF_INIT;
		size_t lo, hi;
		if (to < from) {
			lo = doc_entry_line_start(d, s->kids[to]);
			hi = b;
			buf_add(&t, d->text + a, b - a);
			if (last_open)
				buf_puts(&t, nl);
			buf_add(&t, d->text + lo, a - lo);
		} else {
			lo = a;
			hi = doc_entry_line_end(d, s->kids[to]);
			hi = trailing_lines_end(d, hi, hi, col);
			buf_add(&t, d->text + b, hi - b);
			if (hi == d->len && d->text[hi - 1] != '\n')
				buf_puts(&t, nl);
			/* the moved lines keep their line break (a block scalar's
			 * newline may depend on it): the file gains a final one */
			buf_add(&t, d->text + a, b - a);
		}
		int rc = splice_buf(d, lo, hi, &t, diags);
		buf_free(&t);
		return rc;
	}
	if (s->style != DOC_FLOW) {
		diag_addf_at(diags, DIAG_ERROR, "edit", n->item_start, n->end,
			     "cannot move an item that shares its line with the enclosing item; "
			     "put it on a line of its own first");
		return -1;
	}
	/* a flow list: the items trade places in their slots, while what lies
	 * between them (commas, line breaks, comments) stays where it is */
	struct buf t = BUF_INIT;
	size_t gap = s->start;
	for (uint32_t k = 0, out = 0; out < s->nkids; out++) {
		uint32_t pick;
		if (out == to)
			pick = (uint32_t)from;
		else {
			if (k == from)
				k++;
			pick = k++;
		}
		const struct doc_node *slot = s->kids[out], *it = s->kids[pick];
		buf_add(&t, d->text + gap, slot->item_start - gap);
		buf_add(&t, d->text + it->item_start, it->end - it->item_start);
		gap = slot->end;
	}
	buf_add(&t, d->text + gap, s->end - gap);
	int rc = splice_buf(d, s->start, s->end, &t, diags);
	buf_free(&t);
	return rc;
}

int edit_seq_duplicate(struct doc *d, const struct doc_node *n, struct diag_list *diags)
{
	const struct doc_node *s = n->parent;
	if (!s || s->kind != DOC_SEQ) {
		diag_addf_at(diags, DIAG_ERROR, "edit", n->start, n->end, "not a list item");
		return -1;
	}
	if (s->style == DOC_BLOCK && starts_line(d, n)) {
		size_t a = doc_entry_line_start(d, n), b = doc_entry_line_end(d, n);
		if (ends_in_open_block(d, b, diags))
			return -1;
		struct buf t = BUF_INIT;
		if (b == d->len && (b == 0 || d->text[b - 1] != '\n'))
			buf_puts(&t, nl_of(d));
		buf_add(&t, d->text + a, b - a);
		if (t.len && t.data[t.len - 1] != '\n')
			buf_puts(&t, nl_of(d));
		int rc = splice_buf(d, b, b, &t, diags);
		buf_free(&t);
		return rc;
	}
	struct buf t = BUF_INIT;
	yamlout_flow_value(&t, d->text, n);
	int rc = t.oom ? -1 : edit_seq_insert(d, s, kid_index(n) + 1, buf_cstr(&t), diags);
	buf_free(&t);
	return rc;
}
