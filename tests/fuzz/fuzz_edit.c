/* fuzz_edit: random edit sequences, undo and save on a document from the input.
 *
 * Input layout: the document text up to the first NUL byte, then the
 * operation bytes (when there is no NUL, the text's own bytes drive the
 * operations, so plain YAML seeds exercise edits too). Each operation picks
 * an edit (set_yaml, set_string, map_set, map_remove, seq_insert,
 * seq_remove, seq_move, seq_duplicate, rename_key, undo, redo), a node of
 * the current tree and values or keys from a table of awkward YAML or from
 * the input.
 *
 * Properties checked after every operation:
 *   - success: the tree equals a fresh doc_load of the new text, byte
 *     offsets included (the local re-parse is exact), and the edit did what
 *     it says: the node (found again by its child indexes) reads as the
 *     value given, the collection has the item inserted, removed, moved or
 *     duplicated, the key is renamed, and nothing else in it changed
 *     (compared as a canonical dump of kinds, keys and scalar texts);
 *   - failure: the text is byte-identical to before and the tree still
 *     equals a fresh load;
 *   - validation with a cache kept across the edits (as the editor keeps
 *     one) reports exactly what a fresh validation reports;
 * and at the end: undoing every action restores the original bytes exactly,
 * redoing them gives the final text again, and writing the final text with
 * file_write_atomic() and reading it back gives the same bytes.
 */
#define _DEFAULT_SOURCE 1  /* mkdtemp */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "doc.h"
#include "edit.h"
#include "buf.h"
#include "fuzz.h"
#include "path.h"
#include "render.h"
#include "save.h"

#define MAX_OPS 24
#define MAX_DOC ((size_t)64 << 10)   /* duplicating doubles: keep runs fast */

static const char *const VALUES[] = {
	"5", "x", "\"quoted\"", "'single'", "null", "", "~", "true", "[a, b]", "{k: v}", "[]", "{}",
	"a: 1\nb: 2\n", "- x\n- y\n", "- {a: 1}\n- [b]\n", "k:\n  - 1\n  - 2\n", "|\n  literal\n  text\n",
	">-\n  folded\n", "&anc value", "*anc", "!!str 5", "\"tab\\there\"", "'it''s'", "Zo\xc3\xab",
	"a # comment", "#", "-", ":", "? x", "[", "{a: [1, {b: 2}]}", "<<: *anc", " lead", "trail ",
	"a\nb", "line1\nline2\n", "- ", "\"\\u00e9\\n\"", "{\"k\": [1, 2], q: 'x'}", "a: b: c",
	"x\r\ny", "\t", "key: [1,\n  2]", "--- x", "...", "@at", "`tick", "%dir", "0x1F", "1e3",
	"very long value very long value very long value very long value very long value",
};

static const char *const KEYS[] = {
	"name", "image", "tasks", "a.b", "x y", "", "<<", "-", "#k", "k: v", "\"q", "'s", "\xe6\x97\xa5",
	"a\nb", "?", "[i]", "{m}", "new", "name ", " name", "1", "null", "true", "*a", "&a", "!t",
};

#define NVALUES (sizeof VALUES / sizeof *VALUES)
#define NKEYS (sizeof KEYS / sizeof *KEYS)

struct reader {
	const uint8_t *p;
	size_t n, i;
};

static int more(const struct reader *r, size_t k)
{
	return r->n - r->i >= k;
}

static unsigned byte(struct reader *r)
{
	return r->i < r->n ? r->p[r->i++] : 0;
}

static unsigned u16(struct reader *r)
{
	unsigned hi = byte(r);
	return hi << 8 | byte(r);
}

/* A string from the table, or up to 40 bytes of the input (to its NUL). */
static char *pick(struct reader *r, const char *const *table, size_t n)
{
	unsigned b = byte(r);
	if (b < 224)
		return strdup(table[b % n]);
	size_t len = byte(r) % 41, k = 0;
	char *s = malloc(len + 1);
	if (!s)
		return NULL;
	while (k < len && more(r, 1)) {
		char c = (char)byte(r);
		if (!c)
			break;
		s[k++] = c;
	}
	s[k] = '\0';
	return s;
}

static const char *const OPS[] = {
	"set_yaml", "set_string", "map_set", "map_remove", "seq_insert", "seq_remove",
	"seq_move", "seq_duplicate", "rename_key", "undo", "redo",
};

/* OSMO_FUZZ_VERBOSE=1 prints every operation and text (to debug a finding). */
static int verbose = -1;

static void say(const char *what, const char *a, const char *b)
{
	if (verbose)
		fprintf(stderr, "  %s %s %s\n", what, a, b);
}

static struct doc_limits limits = { MAX_DOC, 0, 0, 0 };

/* The tree of d equals a fresh load of d's text. */
static void check_tree(struct doc *d)
{
	struct diag_list dl = { 0 };
	struct doc *f = doc_load(d->text, d->len, &limits, &dl);
	if (f && verbose && !doc_node_equal(d->root, f->root, true))
		fprintf(stderr, "tree differs from a fresh load of:\n%s<<<\n", d->text);
	if (f) {
		FUZZ_CHECK(f->ok == d->ok);
		FUZZ_CHECK(doc_node_equal(d->root, f->root, true));
	}
	doc_free(f);
	diag_free(&dl);
}


/* --- the oracle: what the tree must read as after a successful edit --- */

/* A node's address that survives edits: child indexes from the root. */
struct chain {
	uint32_t v[256];
	size_t n;
};

static void chain_of(const struct doc_node *n, struct chain *c)
{
	size_t depth = 0;
	for (const struct doc_node *p = n; p->parent; p = p->parent)
		depth++;
	c->n = depth < 256 ? depth : 256;
	size_t i = depth;
	for (const struct doc_node *p = n; p->parent; p = p->parent) {
		uint32_t k = 0;
		while (p->parent->kids[k] != p)
			k++;
		if (--i < 256)
			c->v[i] = k;
	}
}

static const struct doc_node *chain_node(const struct doc *d, const struct chain *c, size_t n)
{
	const struct doc_node *x = d->root;
	for (size_t i = 0; i < n && x; i++)
		x = c->v[i] < x->nkids ? x->kids[c->v[i]] : NULL;
	return x;
}

/* Canonical dump: kinds, keys and scalar texts; styles and offsets ignored. */
static void dump(const struct doc_node *n, struct buf *b)
{
	/* "", "~", "null" read alike, quoted or not: set_yaml keeps the quote
	 * style of the value it replaces (edit.h), so types are not compared */
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
	for (size_t i = 0; n && n->kind == DOC_SCALAR && i < 5; i++)
		if (strlen(nulls[i]) == n->len && memcmp(nulls[i], n->text, n->len) == 0)
			n = NULL;
	if (!n) {
		buf_puts(b, "N;");
		return;
	}
	switch (n->kind) {
	case DOC_SCALAR:
		buf_printf(b, "S%u:", n->len);
		buf_add(b, n->text, n->len);
		break;
	case DOC_ALIAS:
		buf_printf(b, "A%s;", n->target->anchor);
		break;
	default:
		buf_puts(b, n->kind == DOC_MAP ? "M{" : "Q[");
		for (uint32_t i = 0; i < n->nkids; i++) {
			if (n->kind == DOC_MAP) {
				buf_printf(b, "K%u:", n->kids[i]->key_len);
				buf_add(b, n->kids[i]->key, n->kids[i]->key_len);
			}
			dump(n->kids[i], b);
		}
		buf_puts(b, n->kind == DOC_MAP ? "}" : "]");
	}
}

/* The dump of YAML text as a value (NULL when it is not one). */
static char *value_dump(const char *yaml)
{
	struct diag_list dl = { 0 };
	struct doc *v = doc_load(yaml, strlen(yaml), NULL, &dl);
	char *r = NULL;
	if (v && v->ok && dl.n == 0) {
		struct buf b = BUF_INIT;
		dump(v->root, &b);
		r = buf_detach(&b);
	}
	doc_free(v);
	diag_free(&dl);
	return r;
}

static char *string_dump(const char *s)
{
	struct doc_node tmp;
	memset(&tmp, 0, sizeof tmp);
	tmp.kind = DOC_SCALAR;
	tmp.text = s;
	tmp.len = (uint32_t)strlen(s);
	struct buf b = BUF_INIT;
	dump(&tmp, &b);
	return buf_detach(&b);
}

/* Dump of collection c with its kids rearranged: kid `drop` left out (or
 * none when >= nkids), `ins` (a dump, with key `key` for a mapping) placed
 * before kid `at`. */
static char *kids_dump(const struct doc_node *c, uint32_t drop, uint32_t at, const char *key,
		       const char *ins)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, c->kind == DOC_MAP ? "M{" : "Q[");
	for (uint32_t i = 0; i <= c->nkids; i++) {
		if (i == at && ins) {
			if (c->kind == DOC_MAP)
				buf_printf(&b, "K%zu:%s", strlen(key), key);
			buf_puts(&b, ins);
		}
		if (i == c->nkids)
			break;
		if (i == drop)
			continue;
		if (c->kind == DOC_MAP) {
			buf_printf(&b, "K%u:", c->kids[i]->key_len);
			buf_add(&b, c->kids[i]->key, c->kids[i]->key_len);
		}
		dump(c->kids[i], &b);
	}
	buf_puts(&b, c->kind == DOC_MAP ? "}" : "]");
	return buf_detach(&b);
}

struct expect {
	struct chain at;     /* the node to look at after the edit */
	char *want;          /* its dump, or NULL: no check */
	char *key;           /* rename: its key */
};

static void expect_free(struct expect *e)
{
	free(e->want);
	free(e->key);
	memset(e, 0, sizeof *e);
}

static void check_expect(const struct doc *d, const struct expect *e)
{
	if (!e->want && !e->key)
		return;
	const struct doc_node *n = chain_node(d, &e->at, e->at.n);
	FUZZ_CHECK(n != NULL || e->at.n == 0);   /* an empty root reads as null */
	if (e->want) {
		struct buf b = BUF_INIT;
		dump(n, &b);
		if (verbose && !b.oom && strcmp(buf_cstr(&b), e->want) != 0)
			fprintf(stderr, "want %s\ngot  %s\n", e->want, buf_cstr(&b));
		FUZZ_CHECK(b.oom || strcmp(buf_cstr(&b), e->want) == 0);
		buf_free(&b);
	}
	if (e->key)
		FUZZ_CHECK(n->key && n->key_len == strlen(e->key) && memcmp(n->key, e->key, n->key_len) == 0);
}

/* Index of n among its parent's kids. */
static uint32_t index_of(const struct doc_node *n)
{
	uint32_t i = 0;
	while (n->parent->kids[i] != n)
		i++;
	return i;
}

static int apply(struct doc *d, struct journal *j, struct reader *r, unsigned op,
		 const struct doc_node *n, struct diag_list *dl, struct expect *e)
{
	char *v = NULL, *k = NULL;
	int rc = -1;
	const struct doc_node *p = n->parent;
	chain_of(n, &e->at);
	switch (op) {
	case 0:
		if ((v = pick(r, VALUES, NVALUES))) {
			e->want = value_dump(v);
			rc = edit_set_yaml(d, n, v, dl);
		}
		break;
	case 1:
		if ((v = pick(r, VALUES, NVALUES))) {
			e->want = string_dump(v);
			rc = edit_set_string(d, n, v, dl);
		}
		break;
	case 2:
		k = pick(r, KEYS, NKEYS);
		v = pick(r, VALUES, NVALUES);
		if (k && v) {
			char *val = value_dump(v);
			uint32_t at = n->kind == DOC_MAP ? n->nkids : 0, drop = UINT32_MAX;
			for (uint32_t i = 0; n->kind == DOC_MAP && i < n->nkids; i++)
				if (n->kids[i]->key_len == strlen(k) && memcmp(n->kids[i]->key, k, strlen(k)) == 0)
					at = drop = i;   /* the last of duplicates is replaced in place */
			if (val && n->kind == DOC_MAP)
				e->want = kids_dump(n, drop, at, k, val);
			else if (val) {
				struct buf b = BUF_INIT;
				buf_printf(&b, "M{K%zu:%s%s}", strlen(k), k, val);
				e->want = buf_detach(&b);
			}
			free(val);
			rc = edit_map_set(d, n, k, v, dl);
		}
		break;
	case 3:
	case 5:
		if (p) {
			e->want = kids_dump(p, index_of(n), UINT32_MAX, NULL, NULL);
			e->at.n--;
		}
		rc = op == 3 ? edit_map_remove(d, n, dl) : edit_seq_remove(d, n, dl);
		break;
	case 4: {
		size_t idx = byte(r) % (n->nkids + 2);
		if ((v = pick(r, VALUES, NVALUES))) {
			char *val = value_dump(v);
			if (val && n->kind == DOC_SEQ)
				e->want = kids_dump(n, UINT32_MAX, (uint32_t)idx, NULL, val);
			else if (val) {
				struct buf b = BUF_INIT;
				buf_printf(&b, "Q[%s]", val);
				e->want = buf_detach(&b);
			}
			free(val);
			rc = edit_seq_insert(d, n, idx, v, dl);
		}
		break;
	}
	case 6: {
		size_t from = byte(r) % (n->nkids + 1), to = byte(r) % (n->nkids + 1);
		if (n->kind == DOC_SEQ && from < n->nkids && to < n->nkids) {
			struct buf item = BUF_INIT;
			dump(n->kids[from], &item);
			/* drop `from`, then insert before the kid that ends up at `to` */
			uint32_t at = (uint32_t)(to >= from ? to + 1 : to);
			e->want = kids_dump(n, (uint32_t)from, at, NULL, buf_cstr(&item));
			buf_free(&item);
		}
		rc = edit_seq_move(d, n, from, to, dl);
		break;
	}
	case 7:
		if (p && p->kind == DOC_SEQ) {
			struct buf item = BUF_INIT;
			dump(n, &item);
			e->want = kids_dump(p, UINT32_MAX, index_of(n) + 1, NULL, buf_cstr(&item));
			buf_free(&item);
			e->at.n--;
		}
		rc = edit_seq_duplicate(d, n, dl);
		break;
	case 8:
		if ((k = pick(r, KEYS, NKEYS))) {
			struct buf b = BUF_INIT;
			dump(n, &b);
			e->want = buf_detach(&b);
			e->key = strdup(k);
			rc = edit_rename_key(d, n, k, dl);
		}
		break;
	case 9:
		rc = edit_undo(j, dl) < 0 ? -1 : 0;
		break;
	default:
		rc = edit_redo(j, dl) < 0 ? -1 : 0;
		break;
	}
	say("key/value:", k ? k : "-", v ? v : "-");
	free(v);
	free(k);
	return rc;
}

/* Validation with the editor's cache (kept across the edits) reports what
 * a fresh validation does. Templates are left out: they render from text. */
static void check_cache(struct doc *d, struct validate_cache *vc)
{
	if (render_needs_jinja(d->text, d->len))
		return;
	struct check_opts o;
	memset(&o, 0, sizeof o);
	struct check_result fresh, cached;
	check_doc(d, &o, &fresh);
	o.v.cache = vc;
	check_doc(d, &o, &cached);
	FUZZ_CHECK(fuzz_diags_equal(&fresh.diags, &cached.diags));
	check_result_free(&fresh);
	check_result_free(&cached);
}

/* Write text with the atomic writer into a private directory, read it back. */
static void check_save(const char *text, size_t len)
{
	static char dir[64];
	if (!dir[0]) {
		const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(dir, sizeof dir, "%s/osmo-fuzz-XXXXXX", base);
		if (!mkdtemp(dir)) {
			dir[0] = '\0';
			return;
		}
	}
	char path[96];
	snprintf(path, sizeof path, "%s/spec.yaml", dir);
	struct diag_list dl = { 0 };
	struct file_stamp st;
	if (file_write_atomic(path, text, len, NULL, false, &st, &dl) == 0) {
		char *back;
		size_t blen;
		FUZZ_CHECK(file_read(path, MAX_DOC, &back, &blen, NULL, &dl) == 0);
		FUZZ_CHECK(blen == len && memcmp(back, text, len) == 0);
		FUZZ_CHECK(!file_changed_since(path, &st));
		free(back);
		unlink(path);
	}
	diag_free(&dl);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (verbose < 0)
		verbose = getenv("OSMO_FUZZ_VERBOSE") != NULL;
	const uint8_t *nul = memchr(data, 0, size);
	size_t tlen = nul ? (size_t)(nul - data) : size;
	struct reader r = { nul ? nul + 1 : data, nul ? size - tlen - 1 : size, 0 };
	if (tlen > MAX_DOC)
		return 0;
	struct diag_list dl = { 0 };
	struct doc *d = doc_load((const char *)data, tlen, &limits, &dl);
	diag_free(&dl);
	if (!d || !d->ok || !d->root) {
		doc_free(d);
		return 0;
	}
	struct journal *j = journal_new(d);
	struct validate_cache *vc = validate_cache_new();
	if (!j || !vc) {
		journal_free(j);
		validate_cache_free(vc);
		doc_free(d);
		return 0;
	}
	check_cache(d, vc);
	for (int ops = 0; ops < MAX_OPS && more(&r, 3); ops++) {
		unsigned op = byte(&r) % 11;
		struct fuzz_nodes all;
		if (!d->root || fuzz_nodes(d->root, &all) < 0 || all.n == 0)
			break;
		const struct doc_node *n = all.v[u16(&r) % all.n];
		char *before = malloc(d->len + 1);
		if (!before) {
			fuzz_nodes_free(&all);
			break;
		}
		memcpy(before, d->text, d->len + 1);
		size_t blen = d->len;
		if (verbose) {
			struct buf pb = BUF_INIT;
			path_of_node(n, &pb);
			fputs("--- text:\n", stderr);
			fwrite(d->text, 1, d->len, stderr);
			fprintf(stderr, "<<<\nop %s at %s\n", OPS[op], buf_cstr(&pb));
			buf_free(&pb);
		}
		struct expect e = { 0 };
		edit_begin(j, "fuzz");
		int rc = apply(d, j, &r, op, n, &dl, &e);
		edit_end(j);
		fuzz_nodes_free(&all);
		say("->", rc < 0 ? "failed:" : "ok", rc < 0 && dl.n ? dl.v[0].message : "");
		FUZZ_CHECK(d->ok);
		if (rc < 0) {
			FUZZ_CHECK(dl.n > 0 || op >= 9);
			FUZZ_CHECK(d->len == blen && memcmp(d->text, before, blen) == 0);
		}
		check_tree(d);
		if (rc == 0) {
			check_expect(d, &e);
			check_cache(d, vc);
		}
		expect_free(&e);
		free(before);
		diag_free(&dl);
	}
	char *final = malloc(d->len + 1);
	if (final) {
		size_t flen = d->len;
		memcpy(final, d->text, flen + 1);
		int undone = 0, rc;
		while ((rc = edit_undo(j, &dl)) == 0)
			undone++;
		FUZZ_CHECK(rc == 1);
		FUZZ_CHECK(d->len == tlen && memcmp(d->text, data, tlen) == 0);
		check_tree(d);
		for (int i = 0; i < undone; i++)
			FUZZ_CHECK(edit_redo(j, &dl) == 0);
		FUZZ_CHECK(d->len == flen && memcmp(d->text, final, flen) == 0);
		check_tree(d);
		check_save(final, flen);
		free(final);
	}
	diag_free(&dl);
	journal_free(j);
	validate_cache_free(vc);
	doc_free(d);
	return 0;
}
