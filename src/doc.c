/* doc: the document — text, tree, positions and splicing (see doc.h).
 *
 * doc_splice() is the one way the text changes. After replacing the bytes it
 * re-parses as little as it can prove equivalent to a full parse: the
 * smallest run of sibling entries of a block collection that contains the
 * splice, parsed on its own (dashes on the first line blanked so a mapping
 * inside a sequence item parses alone). The run's parse must be a block
 * collection of the same kind whose items start in the same column; then the
 * new entries replace the old ones, offsets after the run move by the length
 * change, and ancestors' extents are recomputed. Lines after the run start at
 * or left of the run's column, so nothing in the run can absorb them (see
 * the comment at splice_local); a run that ends its collection also takes
 * the comment and blank lines after it, which a block scalar could absorb. Anything else — anchors, aliases, merge keys,
 * a parse that fails or has another shape — falls back to a full re-parse.
 */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "load.h"
#include "textpos.h"

struct doc_private {
	struct arena arena;
	struct textpos tp;
	bool tp_ok;
	const struct doc_node **scratch;
	size_t scratch_cap;
	doc_splice_hook hook;
	void *hook_ctx;
};

static void invalidate_lines(struct doc *d)
{
	if (d->priv->tp_ok)
		textpos_free(&d->priv->tp);
	d->priv->tp_ok = false;
}

static struct textpos *lines(struct doc *d)
{
	if (!d->priv->tp_ok) {
		if (textpos_init(&d->priv->tp, d->text, d->len) < 0)
			return NULL;
		d->priv->tp_ok = true;
	}
	return &d->priv->tp;
}

/* What the text's layout says (odd line breaks, BOM, CRLF). A splice skips
 * the odd-break scan: it refuses text that has or brings one. */
static void note_layout(struct doc *d, bool scan_breaks)
{
	const char *what;
	if (scan_breaks) {
		d->odd_break = load_odd_break(d->text, d->len, &what);
		if (d->odd_break == d->len)
			d->odd_break = SIZE_MAX;
	}
	d->has_bom = d->len >= 3 && memcmp(d->text, "\xEF\xBB\xBF", 3) == 0;
	const char *nl = memchr(d->text, '\n', d->len);
	d->crlf = nl && nl > d->text && nl[-1] == '\r';
}

/* Parse the whole text into a fresh arena; swap it in on success. */
static int parse_full(struct doc *d, struct diag_list *diags)
{
	struct arena a = ARENA_INIT;
	struct load_result r;
	int rc = load_parse(&a, d->text, d->len, 0, &d->limits, diags, &r);
	if (rc < 0) {
		arena_free(&a);
		return -1;
	}
	static unsigned next_tree_id;
	arena_free(&d->priv->arena);
	d->priv->arena = a;
	d->tree_id = ++next_tree_id;
	d->root = r.root;
	d->nodes = r.nodes;
	d->ok = true;
	return 0;
}

struct doc *doc_load(const char *text, size_t len, const struct doc_limits *lim,
		     struct diag_list *diags)
{
	struct doc *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->priv = calloc(1, sizeof *d->priv);
	d->text = malloc(len + 1);
	if (!d->priv || !d->text) {
		free(d->priv);
		free(d->text);
		free(d);
		return NULL;
	}
	if (len)
		memcpy(d->text, text, len);
	d->text[len] = '\0';
	d->len = len;
	if (lim)
		d->limits = *lim;
	load_limits_defaults(&d->limits);
	note_layout(d, true);
	if (parse_full(d, diags) == 0)
		doc_check_duplicates(d, DIAG_ERROR, diags, NULL, NULL);
	return d;
}

void doc_free(struct doc *d)
{
	if (!d)
		return;
	invalidate_lines(d);
	arena_free(&d->priv->arena);
	free(d->priv->scratch);
	free(d->priv);
	free(d->text);
	free(d);
}

int doc_reparse(struct doc *d, struct diag_list *diags)
{
	invalidate_lines(d);
	note_layout(d, true);
	d->generation++;
	if (parse_full(d, diags) < 0) {
		d->ok = false;
		d->root = NULL;
		return -1;
	}
	return 0;
}

void doc_set_splice_hook(struct doc *d, doc_splice_hook fn, void *ctx)
{
	d->priv->hook = fn;
	d->priv->hook_ctx = ctx;
}

/* --- positions --- */

void doc_line_col(struct doc *doc, size_t off, int *line, int *col)
{
	struct textpos *tp = lines(doc);
	if (!tp) {
		*line = *col = 0;
		return;
	}
	textpos_locate(tp, off, line, col);
	if (*line == 1 && doc->has_bom && *col > 1)
		(*col)--;  /* the byte order mark is not a column anyone sees */
}

void doc_locate(struct doc *doc, struct diag *d)
{
	if (d->offset == DIAG_NO_OFFSET)
		return;
	doc_line_col(doc, d->offset, &d->line, &d->col);
	doc_line_col(doc, d->end_offset, &d->end_line, &d->end_col);
}

size_t doc_line_start(const struct doc *doc, size_t off)
{
	if (off > doc->len)
		off = doc->len;
	size_t first = doc->has_bom && off >= 3 ? 3 : 0;   /* the BOM is not indentation */
	while (off > first && doc->text[off - 1] != '\n')
		off--;
	return off;
}

size_t doc_line_next(const struct doc *doc, size_t off)
{
	if (off >= doc->len)
		return doc->len;
	const char *nl = memchr(doc->text + off, '\n', doc->len - off);
	return nl ? (size_t)(nl - doc->text) + 1 : doc->len;
}

size_t doc_column0(const struct doc *doc, size_t off)
{
	return off - doc_line_start(doc, off);
}

/* Only blanks and '-' indicators (the dashes of enclosing items) before p. */
static bool prefix_is_indent(const struct doc *d, size_t ls, size_t p)
{
	for (size_t i = ls; i < p; i++) {
		char c = d->text[i];
		if (c == '-' && i + 1 < p && d->text[i + 1] == ' ')
			continue;
		if (c != ' ')
			return false;
	}
	return true;
}

static bool spaces_only(const struct doc *d, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (d->text[i] != ' ')
			return false;
	return true;
}

size_t doc_entry_line_start(const struct doc *d, const struct doc_node *n)
{
	size_t ls = doc_line_start(d, n->item_start);
	for (size_t i = ls; i < n->item_start; i++)
		if (d->text[i] != ' ')
			return n->item_start;
	return ls;
}

size_t doc_entry_line_end(const struct doc *d, const struct doc_node *n)
{
	size_t last = n->end > n->item_start ? n->end - 1 : n->item_start;
	/* a "|+" scalar whose last kept line is empty ends at that line's start */
	if (n->end > n->item_start && d->text[n->end - 1] == '\n')
		last = n->end;
	return doc_line_next(d, last);
}

/* --- reading --- */

const struct doc_node *doc_resolve(const struct doc_node *n)
{
	for (int i = 0; n && n->kind == DOC_ALIAS && i < 64; i++)
		n = n->target;
	return n && n->kind == DOC_ALIAS ? NULL : n;
}

static const struct doc_node *map_get_depth(const struct doc_node *m, const char *key,
					    size_t klen, int depth)
{
	m = doc_resolve(m);
	if (!m || m->kind != DOC_MAP || depth > 32)
		return NULL;
	for (uint32_t i = m->nkids; i-- > 0;) {
		const struct doc_node *k = m->kids[i];
		if (k->key_len == klen && memcmp(k->key, key, klen) == 0 &&
		    !((m->flags & DOC_F_MERGE) && klen == 2 && memcmp(key, "<<", 2) == 0 &&
		      !(k->flags & DOC_F_KEY_QUOTED)))
			return k;
	}
	if (!(m->flags & DOC_F_MERGE))
		return NULL;
	for (uint32_t i = 0; i < m->nkids; i++) {
		const struct doc_node *k = m->kids[i];
		if (k->key_len != 2 || memcmp(k->key, "<<", 2) != 0 || (k->flags & DOC_F_KEY_QUOTED))
			continue;
		const struct doc_node *src = doc_resolve(k);
		if (src && src->kind == DOC_SEQ) {
			for (uint32_t j = 0; j < src->nkids; j++) {
				const struct doc_node *v = map_get_depth(src->kids[j], key, klen, depth + 1);
				if (v)
					return v;
			}
		} else {
			const struct doc_node *v = map_get_depth(src, key, klen, depth + 1);
			if (v)
				return v;
		}
	}
	return NULL;
}

const struct doc_node *doc_map_get(const struct doc_node *m, const char *key)
{
	return map_get_depth(m, key, strlen(key), 0);
}

size_t doc_seq_len(const struct doc_node *s)
{
	s = doc_resolve(s);
	return s && s->kind == DOC_SEQ ? s->nkids : 0;
}

bool doc_is_null(const struct doc_node *n)
{
	n = doc_resolve(n);
	if (!n || n->kind != DOC_SCALAR || n->style != DOC_PLAIN)
		return false;
	if (n->tag && strcmp(n->tag, "tag:yaml.org,2002:null") != 0)
		return false;
	const char *t = n->text;
	return n->len == 0 || strcmp(t, "~") == 0 || strcmp(t, "null") == 0 ||
	       strcmp(t, "Null") == 0 || strcmp(t, "NULL") == 0;
}

const char *doc_str(const struct doc_node *n)
{
	n = doc_resolve(n);
	return n && n->kind == DOC_SCALAR ? n->text : "";
}

const char *doc_kind_name(enum doc_kind k)
{
	static const char *const names[] = {
		[DOC_SCALAR] = "scalar", [DOC_MAP] = "mapping", [DOC_SEQ] = "sequence", [DOC_ALIAS] = "alias",
	};
	return (unsigned)k < 4 ? names[k] : "node";
}

static bool is_merge_entry(const struct doc_node *m, const struct doc_node *k)
{
	return (m->flags & DOC_F_MERGE) && k->key_len == 2 && memcmp(k->key, "<<", 2) == 0 &&
	       !(k->flags & DOC_F_KEY_QUOTED);
}

static int scratch_push(struct doc *d, size_t *n, const struct doc_node *k)
{
	struct doc_private *p = d->priv;
	if (*n == p->scratch_cap) {
		size_t cap = p->scratch_cap ? p->scratch_cap * 2 : 32;
		const struct doc_node **s = realloc(p->scratch, cap * sizeof *s);
		if (!s)
			return -1;
		p->scratch = s;
		p->scratch_cap = cap;
	}
	p->scratch[(*n)++] = k;
	return 0;
}

static bool scratch_has(struct doc *d, size_t n, const struct doc_node *k)
{
	for (size_t i = 0; i < n; i++) {
		const struct doc_node *o = d->priv->scratch[i];
		if (o->key_len == k->key_len && memcmp(o->key, k->key, k->key_len) == 0)
			return true;
	}
	return false;
}

/* Collect m's effective entries into the scratch array (own, then merged). */
static int collect_entries(struct doc *d, const struct doc_node *m, size_t *n, int depth)
{
	m = doc_resolve(m);
	if (!m || m->kind != DOC_MAP || depth > 32)
		return -1;
	size_t own_from = *n;
	for (uint32_t i = 0; i < m->nkids; i++) {
		const struct doc_node *k = m->kids[i];
		if (is_merge_entry(m, k))
			continue;
		bool later = false;  /* a later duplicate overrides this one */
		for (uint32_t j = i + 1; j < m->nkids && m->nkids <= 64; j++)
			if (m->kids[j]->key_len == k->key_len &&
			    memcmp(m->kids[j]->key, k->key, k->key_len) == 0)
				later = true;
		if (later || (m->nkids > 64 && scratch_has(d, *n, k)))
			continue;
		if (scratch_push(d, n, k) < 0)
			return -1;
	}
	(void)own_from;
	if (!(m->flags & DOC_F_MERGE))
		return 0;
	for (uint32_t i = 0; i < m->nkids; i++) {
		const struct doc_node *k = m->kids[i];
		if (!is_merge_entry(m, k))
			continue;
		const struct doc_node *src = doc_resolve(k);
		uint32_t cnt = src && src->kind == DOC_SEQ ? src->nkids : 1;
		for (uint32_t j = 0; j < cnt; j++) {
			const struct doc_node *one = src && src->kind == DOC_SEQ ? doc_resolve(src->kids[j]) : src;
			if (!one || one->kind != DOC_MAP)
				return -1;
			for (uint32_t e = 0; e < one->nkids; e++) {
				const struct doc_node *k2 = one->kids[e];
				if (is_merge_entry(one, k2) || scratch_has(d, *n, k2))
					continue;
				if (scratch_push(d, n, k2) < 0)
					return -1;
			}
		}
	}
	return 0;
}

long doc_map_entries(struct doc *d, const struct doc_node *m, const struct doc_node ***entries)
{
	size_t n = 0;
	if (collect_entries(d, m, &n, 0) < 0)
		return -1;
	*entries = d->priv->scratch;
	return (long)n;
}

bool doc_node_equal(const struct doc_node *a, const struct doc_node *b, bool with_offsets)
{
	if (!a || !b)
		return a == b;
	if (a->kind != b->kind || a->style != b->style || a->nkids != b->nkids || a->len != b->len ||
	    a->key_len != b->key_len || (a->flags & ~DOC_F_REFS) != (b->flags & ~DOC_F_REFS))
		return false;
	if ((a->key == NULL) != (b->key == NULL) || (a->key && memcmp(a->key, b->key, a->key_len)))
		return false;
	if (memcmp(a->text, b->text, a->len))
		return false;
	if (with_offsets && (a->start != b->start || a->end != b->end || a->key_start != b->key_start ||
			     a->key_end != b->key_end || a->item_start != b->item_start))
		return false;
	if (a->kind == DOC_ALIAS && strcmp(a->target->anchor, b->target->anchor) != 0)
		return false;
	for (uint32_t i = 0; i < a->nkids; i++)
		if (!doc_node_equal(a->kids[i], b->kids[i], with_offsets))
			return false;
	return true;
}

/* --- duplicates --- */

static int cmp_key(const void *pa, const void *pb)
{
	const struct doc_node *a = *(struct doc_node *const *)pa, *b = *(struct doc_node *const *)pb;
	uint32_t n = a->key_len < b->key_len ? a->key_len : b->key_len;
	int c = memcmp(a->key, b->key, n);
	if (c)
		return c;
	if (a->key_len != b->key_len)
		return a->key_len < b->key_len ? -1 : 1;
	return a->key_start < b->key_start ? -1 : a->key_start > b->key_start;
}

static bool same_key(const struct doc_node *a, const struct doc_node *b)
{
	return a->key_len == b->key_len && memcmp(a->key, b->key, a->key_len) == 0;
}

struct dup_ctx {
	struct doc *d;
	enum diag_severity sev;
	struct diag_list *diags;
	int (*map_line)(const void *ctx, int line);
	const void *map_ctx;
	bool (*skip)(const void *ctx, const struct doc_node *n);
	const void *skip_ctx;
};

static void report_dup(const struct dup_ctx *c, const struct doc_node *first, const struct doc_node *dup)
{
	int line, col;
	doc_line_col(c->d, first->key_start, &line, &col);
	if (c->map_line)
		line = c->map_line(c->map_ctx, line);
	struct diag_list *diags = c->diags;
	enum diag_severity sev = c->sev;
	diag_addf_at(diags, sev, "duplicate-key", dup->key_start, dup->key_end,
		     "duplicate key \"%s\" (first defined on line %d); the last one wins", dup->key, line);
}

static void check_map(const struct dup_ctx *c, const struct doc_node *m)
{
	uint32_t n = m->nkids;
	if (n <= 16) {
		for (uint32_t i = 1; i < n; i++)
			for (uint32_t j = 0; j < i; j++)
				if (same_key(m->kids[i], m->kids[j])) {
					report_dup(c, m->kids[j], m->kids[i]);
					break;
				}
		return;
	}
	struct doc_node **v = malloc(n * sizeof *v);
	if (!v)
		return;
	memcpy(v, m->kids, n * sizeof *v);
	qsort(v, n, sizeof *v, cmp_key);
	for (uint32_t i = 1; i < n; i++) {
		uint32_t j = i;
		while (j > 0 && same_key(v[j - 1], v[i]))
			j--;
		if (j < i)
			report_dup(c, v[j], v[i]);
	}
	free(v);
}

/* Visit every node once with an explicit stack (depth is bounded by the
 * loader, but an explicit stack keeps the C stack out of it). The visitor
 * returns false to skip a node's children. */
typedef bool (*visit_fn)(struct doc_node *n, void *ctx);

static void walk(struct doc_node *root, visit_fn fn, void *ctx)
{
	if (!root)
		return;
	size_t cap = 64, sp = 0;
	struct doc_node **st = malloc(cap * sizeof *st);
	if (!st)
		return;
	st[sp++] = root;
	while (sp) {
		struct doc_node *n = st[--sp];
		if (!fn(n, ctx))
			continue;
		if (sp + n->nkids > cap) {
			size_t nc = cap;
			while (sp + n->nkids > nc)
				nc *= 2;
			struct doc_node **s2 = realloc(st, nc * sizeof *s2);
			if (!s2)
				break;
			st = s2;
			cap = nc;
		}
		for (uint32_t i = n->nkids; i-- > 0;)
			st[sp++] = n->kids[i];
	}
	free(st);
}

static bool dup_visit(struct doc_node *n, void *ctx)
{
	const struct dup_ctx *c = ctx;
	if (c->skip && c->skip(c->skip_ctx, n))
		return false;
	if (n->kind == DOC_MAP)
		check_map(c, n);
	return true;
}

void doc_check_duplicates_in(struct doc *d, const struct doc_node *n, enum diag_severity sev,
			     struct diag_list *diags, int (*map_line)(const void *ctx, int line),
			     const void *map_ctx, bool (*skip)(const void *ctx, const struct doc_node *n),
			     const void *skip_ctx)
{
	struct dup_ctx c = { d, sev, diags, map_line, map_ctx, skip, skip_ctx };
	walk((struct doc_node *)n, dup_visit, &c);
}

void doc_check_duplicates(struct doc *d, enum diag_severity sev, struct diag_list *diags,
			  int (*map_line)(const void *ctx, int line), const void *map_ctx)
{
	doc_check_duplicates_in(d, d->root, sev, diags, map_line, map_ctx, NULL, NULL);
}

/* --- splicing --- */

struct shift_ctx {
	size_t from;              /* offsets >= from move by delta */
	long delta;
	struct doc_node **skip;   /* the new entries: already right */
	size_t nskip;
};

static void shift_off(uint32_t *o, const struct shift_ctx *c)
{
	if (*o >= c->from)
		*o = (uint32_t)((long)*o + c->delta);
}

static bool shift_visit(struct doc_node *n, void *ctx)
{
	struct shift_ctx *c = ctx;
	for (size_t i = 0; i < c->nskip; i++)
		if (n == c->skip[i])
			return false;
	if (n->end < c->from)
		return false;   /* the whole subtree lies before the edit */
	shift_off(&n->start, c);
	shift_off(&n->end, c);
	if (n->key) {
		shift_off(&n->key_start, c);
		shift_off(&n->key_end, c);
	}
	shift_off(&n->item_start, c);
	return true;
}

/* Index of the kid whose region (its entry line start up to the next kid's)
 * holds off. */
static uint32_t kid_at(const struct doc *d, const struct doc_node *p, size_t off)
{
	uint32_t lo = 0, hi = p->nkids;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (doc_entry_line_start(d, p->kids[mid]) <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* A run of sibling entries of a block collection, re-parsed together. */
struct run {
	struct doc_node *parent;
	uint32_t first, last;
	size_t start, end;        /* its byte range in the old text */
	size_t first_item;        /* item_start of the first entry (old text) */
	size_t col;               /* column of the entries */
};

/* Past the blank and comment-only lines from p on: they belong to no node,
 * but a block scalar that ends a run would read them as content (a comment
 * indented deeper than its text, or blank lines kept by "|+"), so a run that
 * ends its collection takes them in to be parsed as the full text would. */
static size_t skip_comment_lines(const struct doc *d, size_t p)
{
	while (p < d->len) {
		size_t q = p;
		while (q < d->len && (d->text[q] == ' ' || d->text[q] == '\t' || d->text[q] == '\r'))
			q++;
		if (q < d->len && d->text[q] != '\n' && d->text[q] != '#')
			break;
		p = doc_line_next(d, q);
	}
	return p;
}

static void run_extent(const struct doc *d, struct run *r)
{
	const struct doc_node *p = r->parent;
	r->first_item = p->kids[r->first]->item_start;
	r->start = doc_line_start(d, r->first_item);
	r->col = r->first_item - r->start;
	if (r->last + 1 < p->nkids)
		r->end = doc_line_start(d, p->kids[r->last + 1]->item_start);
	else
		r->end = skip_comment_lines(d, doc_entry_line_end(d, p->kids[r->last]));
}

static bool run_ok(const struct doc *d, const struct run *r)
{
	const struct doc_node *p = r->parent;
	for (uint32_t i = r->first; i <= r->last; i++)
		if ((p->kids[i]->flags & (DOC_F_REFS | DOC_F_EXPLICIT_KEY)) || is_merge_entry(p, p->kids[i]))
			return false;
	/* the first entry must begin its line, apart from enclosing dashes */
	return prefix_is_indent(d, r->start, r->first_item);
}

/* Indentation of inserted lines: column of their first key or dash. */
static size_t ins_column(const char *ins, size_t inslen, bool *dash)
{
	size_t i = 0;
	while (i < inslen && ins[i] == ' ')
		i++;
	*dash = i < inslen && ins[i] == '-';
	return i;
}

#define MAX_RUNS 64

/* Candidate runs holding [off, off+del], outermost first. */
static size_t find_runs(const struct doc *d, size_t off, size_t del, const char *ins, size_t inslen,
			struct run *runs)
{
	bool lines_in = del == 0 && inslen > 0 && ins[inslen - 1] == '\n' &&
			(off == 0 || d->text[off - 1] == '\n');
	bool dash = false;
	size_t icol = lines_in ? ins_column(ins, inslen, &dash) : 0;
	struct doc_node *p = d->root;
	size_t n = 0;
	while (n < MAX_RUNS && p && (p->kind == DOC_MAP || p->kind == DOC_SEQ) &&
	       p->style == DOC_BLOCK && p->nkids) {
		struct run r = { p, kid_at(d, p, off), kid_at(d, p, off + del), 0, 0, 0, 0 };
		/* inserted lines right before an entry's line extend the entry
		 * before it (unless it is the first) */
		if (lines_in && r.first > 0 && doc_line_start(d, p->kids[r.first]->item_start) == off)
			r.first = r.last = r.first - 1;
		run_extent(d, &r);
		if (off < r.start || off + del > r.end)
			break;
		bool before_first = lines_in && off == r.start;
		/* whole lines removed or replaced from the run's first line on (a
		 * list item deleted or moved): nothing but indentation leads to the
		 * first entry, so there are no enclosing dashes to keep */
		bool from_line = del > 0 && off == r.start && spaces_only(d, r.start, r.first_item);
		if (off < r.first_item && !before_first && !from_line)
			break;
		if (lines_in && r.col > icol)
			break;
		if (!run_ok(d, &r))
			break;
		bool fits = !lines_in || (r.col == icol && dash == (p->kind == DOC_SEQ));
		if (fits || !lines_in)
			runs[n++] = r;
		if (r.first != r.last)
			break;
		struct doc_node *k = p->kids[r.first];
		if (k->kind != DOC_MAP && k->kind != DOC_SEQ)
			break;
		p = k;
	}
	return n;
}

/* Parse run r in the new text; on success its entries are replaced. */
static int splice_local(struct doc *d, const struct run *r, size_t off, long delta,
			struct diag_list *scratch)
{
	struct doc_node *p = r->parent;
	size_t start = r->start, end = (size_t)((long)r->end + delta);
	if (end < start || end > d->len)
		return -1;
	size_t len = end - start;
	char *copy = malloc(len + 1);
	if (!copy)
		return -1;
	memcpy(copy, d->text + start, len);
	copy[len] = '\0';
	/* blank the dashes of enclosing items on an unchanged first line */
	if (off >= r->first_item)
		for (size_t i = 0; i < r->first_item - start && i < len; i++)
			if (copy[i] == '-')
				copy[i] = ' ';
	struct load_result res;
	int rc = load_parse(&d->priv->arena, copy, len, start, &d->limits, scratch, &res);
	free(copy);
	if (rc < 0 || res.has_refs)
		return -1;
	struct doc_node *nr = res.root;
	uint32_t nnew = 0;
	uint32_t replaced = r->last - r->first + 1;
	if (nr) {
		if (nr->kind != p->kind || nr->style != DOC_BLOCK || nr->nkids == 0 ||
		    doc_column0(d, nr->kids[0]->item_start) != r->col)
			return -1;
		for (uint32_t i = 0; i < nr->nkids; i++)
			if (is_merge_entry(nr, nr->kids[i]))
				return -1;
		nnew = nr->nkids;
	} else if (replaced >= p->nkids) {
		return -1;  /* a block collection cannot become empty this way */
	}
	uint32_t before = r->first, after = p->nkids - r->last - 1;
	uint32_t n = before + nnew + after;
	struct doc_node **kids = arena_alloc(&d->priv->arena, (size_t)n * sizeof *kids);
	if (!kids)
		return -1;
	memcpy(kids, p->kids, before * sizeof *kids);
	if (nnew)
		memcpy(kids + before, nr->kids, nnew * sizeof *kids);
	memcpy(kids + before + nnew, p->kids + r->last + 1, after * sizeof *kids);
	for (uint32_t i = 0; i < nnew; i++)
		nr->kids[i]->parent = p;
	p->kids = kids;
	p->nkids = p->capkids = n;
	struct shift_ctx sc = { r->end, delta, nr ? nr->kids : NULL, nnew };
	walk(d->root, shift_visit, &sc);
	for (struct doc_node *a = p; a; a = a->parent) {
		a->version++;
		/* subtree flags of the ancestors follow their new children */
		uint16_t sub = 0;
		for (uint32_t i = 0; i < a->nkids; i++)
			sub |= a->kids[i]->flags & DOC_F_SUBTREE;
		a->flags = (uint16_t)((a->flags & ~(DOC_F_SUB_TAG | DOC_F_SUB_BRACES)) |
				      (sub & (DOC_F_SUB_TAG | DOC_F_SUB_BRACES)) |
				      (a->tag ? DOC_F_SUB_TAG : 0));
		if (a->style != DOC_BLOCK || !a->nkids)
			continue;
		a->start = a->kids[0]->item_start;
		a->end = a->kids[a->nkids - 1]->end;
		if (!a->parent)
			a->item_start = a->start;
	}
	d->nodes += res.nodes;
	return 0;
}

int doc_splice(struct doc *d, size_t off, size_t del, const char *ins, size_t inslen,
	       struct diag_list *diags)
{
	if (off > d->len || del > d->len - off) {
		diag_addf_at(diags, DIAG_ERROR, "edit", 0, 0, "edit outside the document");
		return -1;
	}
	if (inslen > d->limits.max_bytes || d->len - del > d->limits.max_bytes - inslen) {
		diag_addf_at(diags, DIAG_ERROR, "yaml-limit", (uint32_t)off, (uint32_t)off,
			     "the edit would make the document larger than %zu bytes", d->limits.max_bytes);
		return -1;
	}
	const char *what = NULL;
	size_t odd = d->odd_break != SIZE_MAX ? d->odd_break : load_odd_break(ins, inslen, &what);
	if (d->odd_break != SIZE_MAX || odd < inslen) {
		if (d->odd_break != SIZE_MAX)
			load_odd_break(d->text, d->len, &what);
		size_t at = d->odd_break != SIZE_MAX ? d->odd_break : off;
		diag_addf_at(diags, DIAG_ERROR, "edit", (uint32_t)at, (uint32_t)at,
			     "%s %s; osmo-tui edits only text with LF or CRLF line breaks "
			     "(convert the file first)", what,
			     d->odd_break != SIZE_MAX ? "breaks a line here" : "in the new text");
		return -1;
	}
	struct run runs[MAX_RUNS];
	size_t nruns = d->ok && d->root ? find_runs(d, off, del, ins, inslen, runs) : 0;

	char *old = malloc(del + 1);
	char *nt = malloc(d->len - del + inslen + 1);
	if (!old || !nt) {
		free(old);
		free(nt);
		diag_addf_at(diags, DIAG_ERROR, "edit", (uint32_t)off, (uint32_t)off, "out of memory");
		return -1;
	}
	memcpy(old, d->text + off, del);
	memcpy(nt, d->text, off);
	if (inslen)
		memcpy(nt + off, ins, inslen);
	memcpy(nt + off + inslen, d->text + off + del, d->len - off - del);
	size_t nlen = d->len - del + inslen;
	nt[nlen] = '\0';
	char *ot = d->text;
	size_t olen = d->len;
	d->text = nt;
	d->len = nlen;
	invalidate_lines(d);
	long delta = (long)inslen - (long)del;

	/* innermost run first; a bigger run only when a smaller one fails */
	int rc = -1;
	for (size_t i = nruns; i-- > 0 && rc < 0;) {
		struct diag_list scratch = { 0 };
		rc = splice_local(d, &runs[i], off, delta, &scratch);
		diag_free(&scratch);
	}
	if (rc < 0) {
		struct diag_list errs = { 0 };
		rc = parse_full(d, &errs);
		if (rc < 0) {
			/* keep the document as it was; say where the edit broke it */
			for (size_t i = 0; i < errs.n; i++) {
				doc_locate(d, &errs.v[i]);
				errs.v[i].offset = errs.v[i].end_offset = DIAG_NO_OFFSET;
				diag_add_copy(diags, &errs.v[i]);
			}
			diag_free(&errs);
			free(nt);
			d->text = ot;
			d->len = olen;
			invalidate_lines(d);
			free(old);
			return -1;
		}
		diag_free(&errs);
	}
	free(ot);
	note_layout(d, false);
	d->generation++;
	if (d->priv->hook)
		d->priv->hook(d->priv->hook_ctx, off, old, del, ins, inslen);
	free(old);
	return 0;
}
