/* session_edit: structural edits of the open file, addressed by path.
 *
 * Views keep paths, not node pointers (an edit rebuilds the tree), so every
 * operation here takes paths, resolves them on the current tree, runs one
 * src/edit.h operation inside one undo action, and reports the path of the
 * node it produced so the view can select it.
 */
#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "path.h"
#include "session.h"
#include "yamlout.h"

#define MAX_COPY_SUFFIX 100

const struct doc_node *session_resolve(struct session *s, const char *text, struct buf *msg)
{
	struct doc *d = session_doc(s);
	struct path p;
	const char *em;
	size_t ep;
	if (!d->ok || !d->root) {
		buf_puts(msg, "the file does not parse; fix it first (see the problems)");
		return NULL;
	}
	if (path_parse(text, &p, &em, &ep) < 0) {
		buf_printf(msg, "bad path at column %zu: %s", ep + 1, em);
		return NULL;
	}
	const struct doc_node *n = path_resolve(d->root, &p, NULL, NULL);
	path_free(&p);
	if (!n)
		buf_printf(msg, "%s is gone (changed meanwhile?)", text);
	return n;
}

/* After an edit: the path of item idx of the collection at coll_path. */
static void item_path(struct session *s, const char *coll_path, size_t idx, struct buf *out)
{
	struct buf ignore = BUF_INIT;
	const struct doc_node *c = out ? doc_resolve(session_resolve(s, coll_path, &ignore)) : NULL;
	if (c && idx < c->nkids) {
		buf_reset(out);
		path_of_node(c->kids[idx], out);
	}
	buf_free(&ignore);
}

static int finish(struct session *s, int rc, struct diag_list *diags, struct buf *msg)
{
	edit_end(session_journal(s));
	if (rc < 0 && !msg->len)
		session_format_diags(diags, 3, msg);
	diag_free(diags);
	return rc;
}

int session_insert(struct session *s, const char *seq_path, size_t index, const char *yaml,
		   const char *label, struct buf *new_path, struct buf *msg)
{
	const struct doc_node *seq = session_resolve(s, seq_path, msg);
	if (!seq)
		return -1;
	if (doc_resolve(seq) != seq || seq->kind != DOC_SEQ) {
		buf_printf(msg, "%s is not a list", seq_path);
		return -1;
	}
	if (index > seq->nkids)
		index = seq->nkids;
	struct diag_list diags = { 0 };
	edit_begin(session_journal(s), label);
	int rc = finish(s, edit_seq_insert(session_doc(s), seq, index, yaml, &diags), &diags, msg);
	if (rc == 0)
		item_path(s, seq_path, index, new_path);
	return rc;
}

int session_put(struct session *s, const char *map_path, const char *key, const char *yaml,
		const char *label, struct buf *new_path, struct buf *msg)
{
	const struct doc_node *m = session_resolve(s, map_path, msg);
	if (!m)
		return -1;
	if (doc_resolve(m) != m || (m->kind != DOC_MAP && !doc_is_null(m))) {
		buf_printf(msg, "%s is not a mapping", map_path);
		return -1;
	}
	struct diag_list diags = { 0 };
	edit_begin(session_journal(s), label);
	int rc = finish(s, edit_map_set(session_doc(s), m, key, yaml, &diags), &diags, msg);
	if (rc == 0 && new_path) {
		struct buf ignore = BUF_INIT;
		const struct doc_node *nm = session_resolve(s, map_path, &ignore);
		const struct doc_node *v = nm ? doc_map_get(nm, key) : NULL;
		if (v) {
			buf_reset(new_path);
			path_of_node(v, new_path);
		}
		buf_free(&ignore);
	}
	return rc;
}

int session_remove(struct session *s, const char *path, struct buf *msg)
{
	const struct doc_node *n = session_resolve(s, path, msg);
	if (!n)
		return -1;
	if (!n->parent) {
		buf_puts(msg, "the document itself cannot be removed");
		return -1;
	}
	struct diag_list diags = { 0 };
	struct buf label = BUF_INIT;
	buf_printf(&label, "delete %s", path);
	edit_begin(session_journal(s), buf_cstr(&label));
	buf_free(&label);
	int rc = n->key ? edit_map_remove(session_doc(s), n, &diags) : edit_seq_remove(session_doc(s), n, &diags);
	return finish(s, rc, &diags, msg);
}

/* Index of n among its parent's items. */
static size_t index_of(const struct doc_node *n)
{
	for (uint32_t i = 0; n->parent && i < n->parent->nkids; i++)
		if (n->parent->kids[i] == n)
			return i;
	return 0;
}

/* A name not used by any sibling item of seq: base-copy, base-copy-2, ... */
static void fresh_name(const struct doc_node *seq, const char *base, struct buf *out)
{
	for (int k = 1; k <= MAX_COPY_SUFFIX; k++) {
		buf_reset(out);
		buf_printf(out, k == 1 ? "%s-copy" : "%s-copy-%d", base, k);
		bool used = false;
		for (uint32_t i = 0; i < seq->nkids && !used; i++) {
			const struct doc_node *nm = doc_resolve(doc_map_get(seq->kids[i], "name"));
			used = nm && nm->kind == DOC_SCALAR && strcmp(nm->text, buf_cstr(out)) == 0;
		}
		if (!used)
			return;
	}
}

int session_duplicate(struct session *s, const char *path, struct buf *new_path, struct buf *msg)
{
	const struct doc_node *n = session_resolve(s, path, msg);
	if (!n)
		return -1;
	if (n->key || !n->parent || n->parent->kind != DOC_SEQ) {
		buf_puts(msg, "only list items (tasks, groups, inputs, files...) can be duplicated");
		return -1;
	}
	size_t idx = index_of(n);
	struct buf seq_path = BUF_INIT, name = BUF_INIT, label = BUF_INIT;
	path_of_node(n->parent, &seq_path);
	const struct doc_node *nm = doc_resolve(doc_map_get(n, "name"));
	if (nm && nm->kind == DOC_SCALAR)
		fresh_name(n->parent, nm->text, &name);
	buf_printf(&label, "duplicate %s", path);
	struct diag_list diags = { 0 };
	edit_begin(session_journal(s), buf_cstr(&label));
	int rc = edit_seq_duplicate(session_doc(s), n, &diags);
	if (rc == 0 && name.len) {
		/* the copy gets a name of its own, in the same undo step */
		struct buf ignore = BUF_INIT;
		const struct doc_node *seq = doc_resolve(session_resolve(s, buf_cstr(&seq_path), &ignore));
		const struct doc_node *copy_name =
			seq && idx + 1 < seq->nkids ? doc_map_get(seq->kids[idx + 1], "name") : NULL;
		if (copy_name)
			rc = edit_set_string(session_doc(s), copy_name, buf_cstr(&name), &diags);
		buf_free(&ignore);
	}
	rc = finish(s, rc, &diags, msg);
	if (rc == 0)
		item_path(s, buf_cstr(&seq_path), idx + 1, new_path);
	buf_free(&seq_path);
	buf_free(&name);
	buf_free(&label);
	return rc;
}

int session_move(struct session *s, const char *path, int delta, struct buf *new_path, struct buf *msg)
{
	const struct doc_node *n = session_resolve(s, path, msg);
	if (!n)
		return -1;
	if (n->key || !n->parent || n->parent->kind != DOC_SEQ) {
		buf_puts(msg, "only list items can be moved");
		return -1;
	}
	size_t from = index_of(n), count = n->parent->nkids;
	if ((delta < 0 && from == 0) || (delta > 0 && from + 1 >= count)) {
		buf_puts(msg, delta < 0 ? "already the first" : "already the last");
		return -1;
	}
	size_t to = delta < 0 ? from - 1 : from + 1;
	struct buf seq_path = BUF_INIT, label = BUF_INIT;
	path_of_node(n->parent, &seq_path);
	buf_printf(&label, "move %s %s", path, delta < 0 ? "up" : "down");
	struct diag_list diags = { 0 };
	edit_begin(session_journal(s), buf_cstr(&label));
	int rc = finish(s, edit_seq_move(session_doc(s), n->parent, from, to, &diags), &diags, msg);
	if (rc == 0)
		item_path(s, buf_cstr(&seq_path), to, new_path);
	buf_free(&seq_path);
	buf_free(&label);
	return rc;
}

int session_set_value(struct session *s, const char *path, const char *text, bool as_string,
		      struct buf *msg)
{
	const struct doc_node *n = session_resolve(s, path, msg);
	if (!n)
		return -1;
	struct diag_list diags = { 0 };
	struct buf label = BUF_INIT;
	buf_printf(&label, "set %s", path);
	edit_begin(session_journal(s), buf_cstr(&label));
	buf_free(&label);
	int rc = as_string ? edit_set_string(session_doc(s), n, text, &diags)
			   : edit_set_yaml(session_doc(s), n, text, &diags);
	return finish(s, rc, &diags, msg);
}

void session_quote(const char *text, struct buf *out)
{
	yamlout_scalar(out, text, strlen(text), DOC_DOUBLE, true, true);
}
