/* session: a spec file open for editing (see session.h).
 *
 * Holds the document, its undo journal and the stamp of the file as last
 * read or written. Every change goes through one edit_begin/edit_end pair so
 * undo is one step per user action. Problems are recomputed lazily, keyed on
 * the document's generation, so asking twice costs nothing.
 */
#include "session.h"
#include "setpath.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "edit.h"
#include "path.h"
#include "save.h"
#include "yamlout.h"

#define MAX_MSG_DIAGS 3

struct session {
	char *path;
	struct doc *doc;
	struct journal *journal;
	struct file_stamp stamp;
	struct file_stamp disk_seen;   /* the last outside change reported */
	struct diag_list diags;        /* current problems, sorted */
	struct render_values values;   /* --set K=V for templated specs */
	unsigned validated_gen;
	bool validated;
	size_t counts[3];
	struct validate_cache *vcache;  /* clean tasks of the last validation */
};

void session_format_diags(const struct diag_list *diags, size_t max, struct buf *msg)
{
	for (size_t i = 0; i < diags->n && i < max; i++) {
		const struct diag *d = &diags->v[i];
		if (i)
			buf_puts(msg, "; ");
		if (d->line > 0)
			buf_printf(msg, "line %d: ", d->line);
		buf_puts(msg, d->message ? d->message : "error");
	}
	if (diags->n > max)
		buf_printf(msg, " (and %zu more)", diags->n - max);
}

/* Read path and build the document; NULL on I/O errors (msg). Parse
 * errors are found again by the checks (session_revalidate). */
static struct doc *load_file(const char *path, struct file_stamp *st, struct buf *msg)
{
	struct diag_list load = { 0 };
	char *text;
	size_t len;
	struct diag_list io = { 0 };
	if (file_read(path, 0, &text, &len, st, &io) < 0) {
		session_format_diags(&io, MAX_MSG_DIAGS, msg);
		diag_free(&io);
		return NULL;
	}
	diag_free(&io);
	struct doc *d = doc_load(text, len, NULL, &load);
	diag_free(&load);
	free(text);
	if (!d)
		buf_printf(msg, "%s: out of memory", path);
	return d;
}

struct session *session_open(const char *path, struct buf *msg)
{
	struct session *s = calloc(1, sizeof *s);
	if (!s) {
		buf_puts(msg, "out of memory");
		return NULL;
	}
	s->path = strdup(path);
	s->doc = s->path ? load_file(path, &s->stamp, msg) : NULL;
	s->journal = s->doc ? journal_new(s->doc) : NULL;
	s->vcache = validate_cache_new();
	if (!s->journal || !s->vcache) {
		if (s->doc && !msg->len)
			buf_puts(msg, "out of memory");
		session_free(s);
		return NULL;
	}
	return s;
}

struct session *session_create(const char *path, const char *text, size_t len, struct buf *msg)
{
	struct file_stamp st;
	struct diag_list diags = { 0 };
	if (file_stamp_now(path, &st, &diags) == 0 && st.exists) {
		buf_printf(msg, "%s already exists; open it or choose another name", path);
		diag_free(&diags);
		return NULL;
	}
	diag_clear(&diags);
	if (file_write_atomic(path, text, len, NULL, false, NULL, &diags) < 0) {
		session_format_diags(&diags, MAX_MSG_DIAGS, msg);
		diag_free(&diags);
		return NULL;
	}
	diag_free(&diags);
	return session_open(path, msg);
}

void session_free(struct session *s)
{
	if (!s)
		return;
	journal_free(s->journal);
	validate_cache_free(s->vcache);
	doc_free(s->doc);
	diag_free(&s->diags);
	render_values_free(&s->values);
	free(s->path);
	free(s);
}

int session_set_values(struct session *s, char *const *sets, size_t n, struct buf *msg)
{
	struct diag_list diags = { 0 };
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = render_values_add(&s->values, RENDER_SET, sets[i], &diags);
	if (rc < 0)
		session_format_diags(&diags, MAX_MSG_DIAGS, msg);
	diag_free(&diags);
	s->validated = false;
	return rc;
}

const char *session_path(const struct session *s)
{
	return s->path;
}

struct doc *session_doc(const struct session *s)
{
	return s->doc;
}

struct journal *session_journal(const struct session *s)
{
	return s->journal;
}

bool session_modified(const struct session *s)
{
	return edit_modified(s->journal);
}

const char *session_pool(const struct session *s)
{
	const struct doc_node *wf = s->doc->root ? doc_map_get(s->doc->root, "workflow") : NULL;
	const struct doc_node *pool = wf ? doc_resolve(doc_map_get(wf, "pool")) : NULL;
	return pool && pool->kind == DOC_SCALAR && !doc_is_null(pool) ? pool->text : NULL;
}

bool session_changed_on_disk(const struct session *s)
{
	return file_changed_since(s->path, &s->stamp);
}

static bool same_stamp(const struct file_stamp *a, const struct file_stamp *b)
{
	return a->exists == b->exists && a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtime_sec == b->mtime_sec && a->mtime_nsec == b->mtime_nsec;
}

bool session_disk_news(struct session *s)
{
	if (!file_changed_since(s->path, &s->stamp))
		return false;
	struct file_stamp now;
	struct diag_list diags = { 0 };
	int rc = file_stamp_now(s->path, &now, &diags);
	diag_free(&diags);
	if (rc < 0 || same_stamp(&now, &s->disk_seen))
		return false;
	s->disk_seen = now;
	return true;
}

/* Offset of 1-based line/col (col in code points) in text; clamped. */
static uint32_t offset_of(const char *text, size_t len, int line, int col)
{
	size_t off = 0;
	for (int l = 1; l < line && off < len; l++) {
		const char *nl = memchr(text + off, '\n', len - off);
		off = nl ? (size_t)(nl - text) + 1 : len;
	}
	for (int c = 1; c < col && off < len && text[off] != '\n'; c++) {
		off++;
		while (off < len && ((unsigned char)text[off] & 0xC0) == 0x80)
			off++;
	}
	return (uint32_t)off;
}

/* `osmo-tui validate` on the current document (check_doc re-uses the
 * session's tree for a plain spec; a template is rendered from the text). */
static void run_checks(struct session *s, const char *dir)
{
	struct doc *d = s->doc;
	struct check_opts co;
	memset(&co, 0, sizeof co);
	co.v.spec_dir = dir;
	co.v.cache = s->vcache;
	co.values = &s->values;
	struct check_result r;
	check_doc(d, &co, &r);
	diag_free(&s->diags);
	s->diags = r.diags;
	memset(&r.diags, 0, sizeof r.diags);
	/* a rendered template's problems carry file lines, not offsets: give
	 * them offsets in this text so the outline can mark them */
	for (size_t i = 0; s->diags.n && i < s->diags.n; i++) {
		struct diag *dg = &s->diags.v[i];
		if (dg->line > 0 && dg->offset == DIAG_NO_OFFSET)
			dg->offset = dg->end_offset = offset_of(d->text, d->len, dg->line, dg->col);
	}
	check_result_free(&r);
}

bool session_revalidate(struct session *s)
{
	if (s->validated && s->validated_gen == s->doc->generation)
		return false;
	char *dir = strdup(s->path);
	run_checks(s, dir ? dirname(dir) : NULL);
	free(dir);
	for (int sev = 0; sev < 3; sev++)
		s->counts[sev] = diag_count(&s->diags, (enum diag_severity)sev);
	s->validated = true;
	s->validated_gen = s->doc->generation;
	return true;
}

size_t session_ndiags(const struct session *s)
{
	return s->diags.n;
}

const struct diag *session_diag(const struct session *s, size_t i)
{
	return i < s->diags.n ? &s->diags.v[i] : NULL;
}

size_t session_count(const struct session *s, enum diag_severity sev)
{
	return (unsigned)sev < 3 ? s->counts[sev] : 0;
}

enum session_save_result session_save(struct session *s, const char *path, bool force,
				      struct buf *msg)
{
	struct diag_list diags = { 0 };
	bool same = !path || strcmp(path, s->path) == 0;
	const char *target = same ? s->path : path;
	struct file_stamp st;
	if (!force) {
		if (same && file_changed_since(target, &s->stamp)) {
			buf_printf(msg, "%s changed on disk since it was loaded", target);
			return SAVE_CHANGED_ON_DISK;
		}
		if (!same && file_stamp_now(target, &st, &diags) == 0 && st.exists) {
			buf_printf(msg, "%s already exists", target);
			diag_free(&diags);
			return SAVE_CHANGED_ON_DISK;
		}
		diag_clear(&diags);
	}
	if (file_write_atomic(target, s->doc->text, s->doc->len, NULL, true, &st, &diags) < 0) {
		session_format_diags(&diags, MAX_MSG_DIAGS, msg);
		diag_free(&diags);
		return SAVE_ERROR;
	}
	diag_free(&diags);
	if (!same) {
		char *p = strdup(target);
		if (p) {
			free(s->path);
			s->path = p;
		}
	}
	s->stamp = st;
	edit_mark_saved(s->journal);
	return SAVE_OK;
}

int session_reload(struct session *s, struct buf *msg)
{
	struct file_stamp st;
	struct doc *d = load_file(s->path, &st, msg);
	struct journal *j = d ? journal_new(d) : NULL;
	if (!j) {
		doc_free(d);
		return -1;
	}
	journal_free(s->journal);
	doc_free(s->doc);   /* the validation cache notices the new tree */
	s->doc = d;
	s->journal = j;
	s->stamp = st;
	s->validated = false;
	return 0;
}

static int undo_redo(struct session *s, bool redo, struct buf *msg)
{
	struct diag_list diags = { 0 };
	int rc = redo ? edit_redo(s->journal, &diags) : edit_undo(s->journal, &diags);
	if (rc < 0)
		session_format_diags(&diags, MAX_MSG_DIAGS, msg);
	diag_free(&diags);
	return rc;
}

int session_undo(struct session *s, struct buf *msg)
{
	return undo_redo(s, false, msg);
}

int session_redo(struct session *s, struct buf *msg)
{
	return undo_redo(s, true, msg);
}

const char *session_find_assign(const char *s)
{
	return setpath_split(s);
}

/* Set path to a YAML value exactly as `osmo-tui set` does (src/setpath.h). */
static int set_path(struct session *s, const char *ptext, const char *value, struct buf *msg,
		    struct diag_list *diags)
{
	if (!s->doc->ok || !s->doc->root) {
		buf_puts(msg, "the file does not parse; fix it first (see the problems)");
		return -1;
	}
	int rc = setpath_apply(s->doc, ptext, value, diags, msg);
	return rc == 0 ? 0 : -1;
}

int session_set(struct session *s, const char *assignment, struct buf *msg)
{
	const char *eq = session_find_assign(assignment);
	if (!eq || eq == assignment) {
		buf_puts(msg, "usage: set PATH=VALUE (e.g. set workflow.name=train)");
		return -1;
	}
	char *path = strndup(assignment, (size_t)(eq - assignment));
	if (!path) {
		buf_puts(msg, "out of memory");
		return -1;
	}
	size_t plen = strlen(path);
	while (plen && (path[plen - 1] == ' ' || path[plen - 1] == '\t'))
		path[--plen] = '\0';
	const char *value = eq + 1;
	while (*value == ' ' || *value == '\t')
		value++;
	struct diag_list diags = { 0 };
	edit_begin(s->journal, assignment);
	int rc = set_path(s, path, value, msg, &diags);
	edit_end(s->journal);
	if (rc < 0 && !msg->len)
		session_format_diags(&diags, MAX_MSG_DIAGS, msg);
	diag_free(&diags);
	free(path);
	return rc;
}

int session_replace_text(struct session *s, const char *text, size_t len, struct buf *msg)
{
	struct diag_list diags = { 0 };
	edit_begin(s->journal, "edit in $EDITOR");
	int rc = doc_splice(s->doc, 0, s->doc->len, text, len, &diags);
	edit_end(s->journal);
	if (rc < 0)
		session_format_diags(&diags, MAX_MSG_DIAGS, msg);
	diag_free(&diags);
	return rc;
}
