/* load: build the doc tree from libyaml's event stream.
 *
 * One pass over the events with an explicit stack (no recursion, so deep
 * nesting is bounded by the depth limit, not by the C stack). For every node
 * we keep byte spans normalised for editing:
 *   - scalars: the token without anchor/tag; block scalars end at their last
 *     content line (libyaml's end mark runs over trailing blank lines);
 *   - block collections: from the first key/dash to the end of the last child
 *     (libyaml's end mark is the position of the next token);
 *   - block sequence items: item_start is the '-' indicator, found by a
 *     forward scan from the previous item (only blanks and comments between);
 *   - mapping entries: key span and item_start = key start.
 * Children are collected on a shared temporary vector and copied into an
 * exact-size arena array when their collection closes.
 */
#include "load.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

void load_limits_defaults(struct doc_limits *lim)
{
	if (!lim->max_bytes)
		lim->max_bytes = (size_t)64 << 20;
	if (!lim->max_depth)
		lim->max_depth = 200;
	if (!lim->max_nodes)
		lim->max_nodes = 20000000;
	if (!lim->max_alias_nodes)
		lim->max_alias_nodes = 1000000;
}

/* --- character index -> byte offset --- */

struct mconv {
	const unsigned char *t;
	size_t len;
	bool ascii;
	size_t ci, bi;
};

static bool all_ascii(const unsigned char *t, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, t + i, 8);
		if (w & 0x8080808080808080ull)
			return false;
	}
	for (; i < n; i++)
		if (t[i] & 0x80)
			return false;
	return true;
}

static size_t mconv_byte(struct mconv *m, size_t ci)
{
	if (m->ascii)
		return ci < m->len ? ci : m->len;
	while (m->ci < ci && m->bi < m->len) {
		m->bi++;
		while (m->bi < m->len && (m->t[m->bi] & 0xC0) == 0x80)
			m->bi++;
		m->ci++;
	}
	while (m->ci > ci && m->bi > 0) {
		m->bi--;
		while (m->bi > 0 && (m->t[m->bi] & 0xC0) == 0x80)
			m->bi--;
		m->ci--;
	}
	return m->bi;
}

/* --- anchors: a small open-addressing table (name -> node) --- */

struct anchors {
	struct doc_node **slot;
	size_t cap, n;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static struct doc_node **anchors_find(struct anchors *t, const char *name)
{
	if (!t->cap)
		return NULL;
	size_t i = hash_str(name) & (t->cap - 1);
	while (t->slot[i]) {
		if (strcmp(t->slot[i]->anchor, name) == 0)
			return &t->slot[i];
		i = (i + 1) & (t->cap - 1);
	}
	return &t->slot[i];
}

static int anchors_put(struct anchors *t, struct doc_node *n)
{
	if ((t->n + 1) * 2 > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		struct doc_node **s = calloc(cap, sizeof *s);
		if (!s)
			return -1;
		struct anchors nt = { s, cap, 0 };
		for (size_t i = 0; i < t->cap; i++)
			if (t->slot[i]) {
				*anchors_find(&nt, t->slot[i]->anchor) = t->slot[i];
				nt.n++;
			}
		free(t->slot);
		*t = nt;
	}
	struct doc_node **s = anchors_find(t, n->anchor);
	if (!*s)
		t->n++;
	*s = n;  /* a redefined anchor replaces the old one, as in YAML */
	return 0;
}

/* --- the loader --- */

struct frame {
	struct doc_node *node;
	size_t kid_base;
	bool want_key;
	bool have_key;
	const char *key;
	uint32_t key_len, key_start, key_end;
	uint32_t key_item;      /* where the entry starts: '?', the key's tag or the key */
	bool key_explicit;      /* written "? key" */
	bool key_quoted;
	uint32_t scan_from;     /* block sequence: where the next '-' search starts */
};

struct loader {
	struct arena *a;
	const char *text;
	size_t len, base;
	struct doc_limits lim;
	struct diag_list *diags;
	struct mconv mc;
	size_t bom;
	struct frame *stack;
	size_t depth, stack_cap;
	struct doc_node **kids;
	size_t nkids, kids_cap;
	struct anchors anchors;
	size_t nodes, alias_total, docs;
	size_t doc_start_end;   /* where the document's "---" (if any) ends */
	bool has_refs;
	struct doc_node *root;
};

static uint32_t abs_off(struct loader *L, size_t local)
{
	return (uint32_t)(L->base + local);
}

static size_t byte_at(struct loader *L, yaml_mark_t m)
{
	return L->bom + mconv_byte(&L->mc, m.index);
}

static int fail_at(struct loader *L, size_t local, const char *rule, const char *msg)
{
	diag_addf_at(L->diags, DIAG_ERROR, rule, abs_off(L, local), abs_off(L, local), "%s", msg);
	return -1;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The line break that ends the comment starting at p (or limit). */
static size_t comment_end(const char *t, size_t p, size_t limit)
{
	while (p < limit && t[p] != '\n')
		p++;
	return p;
}

/* Skip an anchor/tag prefix ("&a !tag ") and blanks/comments after it, as
 * libyaml scans them: an anchor is '&' and its name (which may be followed
 * directly by ':' and text, "&a:b"), a tag runs to a blank (or ',' in flow). */
static size_t skip_props(struct loader *L, size_t p, size_t limit, const unsigned char *anchor,
			 bool flow)
{
	const char *t = L->text;
	while (p < limit && (t[p] == '&' || t[p] == '!')) {
		if (t[p] == '&') {
			if (!anchor)
				break;
			size_t n = 1 + strlen((const char *)anchor);
			p = n < limit - p ? p + n : limit;
		} else {
			while (p < limit && !is_blank(t[p]) && !(flow && t[p] == ','))
				p++;
		}
		for (;;) {
			while (p < limit && is_blank(t[p]))
				p++;
			if (p < limit && t[p] == '#') {
				p = comment_end(t, p, limit);
				continue;
			}
			break;
		}
	}
	return p;
}

/* End of a block scalar: back over trailing line breaks and empty lines.
 * A line of blanks is only empty when it is indented no deeper than the
 * text (the first line with content after the header): deeper, its extra
 * blanks are text, and it stays in the span. With keep chomping ("|+")
 * the empty lines are text too: the span runs to libyaml's end, less the
 * last line break. */
static size_t trim_block_end(struct loader *L, size_t start, size_t end)
{
	const char *t = L->text;
	size_t p = start, ind = (size_t)-1;
	bool keep = false;
	for (size_t h = start + 1; h < end && t[h] != ' ' && t[h] != '\n' && t[h] != '\r'; h++)
		keep |= t[h] == '+';
	if (keep) {
		/* "|+" keeps its trailing empty lines: they are text. The span
		 * ends before the last line break, like every value's, so when
		 * the last line is empty the node ends at the start of a line */
		size_t e = end;
		if (e > start && t[e - 1] == '\n')
			e--;
		if (e > start && t[e - 1] == '\r')
			e--;
		return e;
	}
	while (p < end && t[p] != '\n')
		p++;   /* the header line: "|", "|2-", "> # comment" */
	while (p < end && ind == (size_t)-1) {
		size_t ls = ++p, k = ls;
		while (k < end && t[k] == ' ')
			k++;
		if (k < end && t[k] != '\n' && t[k] != '\r')
			ind = k - ls;
		p = k;
		while (p < end && t[p] != '\n')
			p++;
	}
	size_t e = end;
	while (e > start) {
		if (t[e - 1] == '\n' || t[e - 1] == '\r') {
			e--;
			continue;
		}
		size_t ls = e;
		while (ls > start && t[ls - 1] != '\n')
			ls--;
		size_t k = ls;
		while (k < e && t[k] == ' ')
			k++;
		if (k == e && ls > start && k - ls <= ind) {
			e = ls;
			continue;
		}
		break;
	}
	return e;
}

/* Find the '-' of a block sequence item between from and limit. */
static size_t find_dash(struct loader *L, size_t from, size_t limit)
{
	const char *t = L->text;
	for (size_t p = from; p < limit; p++) {
		if (t[p] == '#') {
			p = comment_end(t, p, limit);
			continue;
		}
		if (t[p] == '-' && (p + 1 >= L->len || is_blank(t[p + 1])))
			return p;
	}
	return limit;
}

/* The '?' of an explicit key ("? key") written before the key event at s,
 * or s when the key is written the usual way. Scans forward from the end of
 * the mapping's previous entry (or its start), over blanks, line breaks,
 * commas and comments, as a comment may stand between '?' and its key. */
static size_t explicit_key(struct loader *L, const struct frame *f, size_t s)
{
	const char *t = L->text;
	const struct doc_node *m = f->node;
	bool first = L->nkids == f->kid_base;
	size_t p = (first ? m->start : L->kids[L->nkids - 1]->end) - L->base;
	if (first && m->style == DOC_FLOW && p < s && t[p] == '{')
		p++;
	for (; p < s; p++) {
		char c = t[p];
		if (c == '#') {
			p = comment_end(t, p, s);
		} else if (c == '?') {
			return p + 1 == s || strchr(" \t\r\n", t[p + 1]) ? p : s;
		} else if (!strchr(" \t\r\n,", c)) {
			return s;
		}
	}
	return s;
}

/* libyaml places the empty value of an explicit key written without ':'
 * ("? a" alone) at the next token, which may be the next entry: such a
 * value sits right after its key instead, so the entry's span is its own. */
static size_t absent_value_at(struct loader *L, const struct frame *f, size_t at)
{
	if (f->node->kind != DOC_MAP || !f->have_key || !f->key_explicit)
		return at;
	const char *t = L->text;
	size_t key_end = f->key_end - L->base;
	for (size_t p = key_end; p < at; p++) {
		if (t[p] == ':')
			return at;
		if (t[p] == '#')
			p = comment_end(t, p, at);
	}
	return key_end;
}

static struct doc_node *new_node(struct loader *L, enum doc_kind kind)
{
	if (++L->nodes > L->lim.max_nodes)
		return NULL;
	struct doc_node *n = arena_zalloc(L->a, sizeof *n);
	if (n) {
		n->kind = (uint8_t)kind;
		n->text = "";
		n->expand = 1;
	}
	return n;
}

static int push_kid(struct loader *L, struct doc_node *n)
{
	if (L->nkids == L->kids_cap) {
		size_t cap = L->kids_cap ? L->kids_cap * 2 : 256;
		struct doc_node **k = realloc(L->kids, cap * sizeof *k);
		if (!k)
			return -1;
		L->kids = k;
		L->kids_cap = cap;
	}
	L->kids[L->nkids++] = n;
	return 0;
}

static const char *props(struct loader *L, struct doc_node *n, const unsigned char *anchor,
			 const unsigned char *tag)
{
	if (anchor) {
		n->anchor = arena_strndup(L->a, (const char *)anchor, strlen((const char *)anchor));
		n->flags |= DOC_F_ANCHOR | DOC_F_REFS;
		L->has_refs = true;
		if (!n->anchor || anchors_put(&L->anchors, n) < 0)
			return "out of memory";
	}
	if (tag) {
		n->tag = arena_strndup(L->a, (const char *)tag, strlen((const char *)tag));
		n->flags |= DOC_F_TAG | DOC_F_SUB_TAG;
		if (!n->tag)
			return "out of memory";
	}
	return NULL;
}

/* Attach a new value node to the open collection (or make it the root). */
static int attach(struct loader *L, struct doc_node *n, size_t ev_start)
{
	if (L->depth == 0) {
		L->root = n;
		n->item_start = n->start;
		return 0;
	}
	struct frame *f = &L->stack[L->depth - 1];
	n->parent = f->node;
	if (f->node->kind == DOC_MAP) {
		n->key = f->key;
		n->key_len = f->key_len;
		n->key_start = f->key_start;
		n->key_end = f->key_end;
		n->item_start = f->key_item;
		if (f->key_quoted)
			n->flags |= DOC_F_KEY_QUOTED;
		if (f->key_explicit)
			n->flags |= DOC_F_EXPLICIT_KEY;
		if (f->key_len == 2 && memcmp(f->key, "<<", 2) == 0 && !f->key_quoted)
			f->node->flags |= DOC_F_MERGE;
		f->want_key = true;
		f->have_key = false;
	} else if (f->node->style == DOC_BLOCK) {
		size_t d = find_dash(L, f->scan_from - L->base, ev_start);
		n->item_start = abs_off(L, d < ev_start ? d : n->start - L->base);
	} else {
		n->item_start = abs_off(L, ev_start);   /* its tag or anchor included */
	}
	return push_kid(L, n);
}

/* In a block sequence, the next item's '-' is searched from here. */
static void after_item(struct loader *L, const struct doc_node *n)
{
	if (L->depth > 0 && L->stack[L->depth - 1].node->style == DOC_BLOCK &&
	    L->stack[L->depth - 1].node->kind == DOC_SEQ)
		L->stack[L->depth - 1].scan_from = n->end;
}

static bool is_key_frame(struct loader *L)
{
	return L->depth > 0 && L->stack[L->depth - 1].node->kind == DOC_MAP &&
	       L->stack[L->depth - 1].want_key;
}

static int on_scalar(struct loader *L, yaml_event_t *ev)
{
	size_t s = byte_at(L, ev->start_mark), e = byte_at(L, ev->end_mark);
	bool in_flow = L->depth > 0 && L->stack[L->depth - 1].node->style == DOC_FLOW;
	size_t ts = skip_props(L, s, e, ev->data.scalar.anchor, in_flow);
	const char *val = (const char *)ev->data.scalar.value;
	size_t vlen = ev->data.scalar.length;
	if (vlen > UINT32_MAX)
		return fail_at(L, s, "yaml-limit", "scalar too large");
	if (is_key_frame(L)) {
		struct frame *f = &L->stack[L->depth - 1];
		f->key = arena_strndup(L->a, val, vlen);
		if (!f->key)
			return fail_at(L, s, "yaml-limit", "out of memory");
		f->key_len = (uint32_t)vlen;
		f->key_start = abs_off(L, ts);
		size_t q = explicit_key(L, f, s);
		f->key_item = abs_off(L, q);
		f->key_explicit = q != s;
		f->key_end = abs_off(L, e);
		f->key_quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
		f->want_key = false;
		f->have_key = true;
		if (ev->data.scalar.anchor) {
			L->has_refs = true;
			return fail_at(L, s, "yaml-unsupported", "anchors on mapping keys are not supported");
		}
		return 0;
	}
	struct doc_node *n = new_node(L, DOC_SCALAR);
	if (!n)
		return fail_at(L, s, "yaml-limit", "too many nodes in the document");
	switch (ev->data.scalar.style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE: n->style = DOC_SINGLE; break;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE: n->style = DOC_DOUBLE; break;
	case YAML_LITERAL_SCALAR_STYLE: n->style = DOC_LITERAL; break;
	case YAML_FOLDED_SCALAR_STYLE: n->style = DOC_FOLDED; break;
	default: n->style = DOC_PLAIN; break;
	}
	if (n->style == DOC_LITERAL || n->style == DOC_FOLDED)
		e = trim_block_end(L, ts, e);
	if (vlen == 0 && ts == e && L->depth > 0)
		ts = e = absent_value_at(L, &L->stack[L->depth - 1], ts);
	else if (vlen == 0 && ts == e && ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
		 !ev->data.scalar.tag && !ev->data.scalar.anchor && L->doc_start_end <= ts)
		ts = e = L->doc_start_end;   /* "---" and nothing else: the value goes after it,
		                                 not after the comments libyaml skipped */
	n->start = abs_off(L, ts);
	n->end = abs_off(L, e < ts ? ts : e);
	n->text = arena_strndup(L->a, val, vlen);
	n->len = (uint32_t)vlen;
	if (!n->text)
		return fail_at(L, s, "yaml-limit", "out of memory");
	if (vlen == 0 && n->style == DOC_PLAIN && ts == e && !ev->data.scalar.tag)
		n->flags |= DOC_F_EMPTY;
	for (const char *b = memchr(val, '{', vlen); b && b + 1 < val + vlen;
	     b = memchr(b + 1, '{', (size_t)(val + vlen - b - 1)))
		if (b[1] == '{') {
			n->flags |= DOC_F_SUB_BRACES;
			break;
		}
	const char *err = props(L, n, ev->data.scalar.anchor, ev->data.scalar.tag);
	if (err)
		return fail_at(L, s, "yaml-limit", err);
	if (attach(L, n, s) < 0)
		return fail_at(L, s, "yaml-limit", "out of memory");
	after_item(L, n);
	return 0;
}

static int on_start(struct loader *L, yaml_event_t *ev, enum doc_kind kind)
{
	size_t s = byte_at(L, ev->start_mark);
	if (is_key_frame(L))
		return fail_at(L, s, "yaml-non-scalar-key",
			       "a mapping key must be a plain or quoted string, not a list or mapping");
	if (L->depth >= L->lim.max_depth) {
		diag_addf_at(L->diags, DIAG_ERROR, "yaml-limit", abs_off(L, s), abs_off(L, s),
			     "nesting is deeper than %u levels (limit)", L->lim.max_depth);
		return -1;
	}
	struct doc_node *n = new_node(L, kind);
	if (!n)
		return fail_at(L, s, "yaml-limit", "too many nodes in the document");
	bool flow = kind == DOC_SEQ ? ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
				    : ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
	n->style = flow ? DOC_FLOW : DOC_BLOCK;
	size_t e = byte_at(L, ev->end_mark);
	size_t ts = skip_props(L, s, flow ? e : L->len,
			       kind == DOC_SEQ ? ev->data.sequence_start.anchor : ev->data.mapping_start.anchor,
			       L->depth > 0 && L->stack[L->depth - 1].node->style == DOC_FLOW);
	n->start = n->end = abs_off(L, ts);
	const char *err = kind == DOC_SEQ
		? props(L, n, ev->data.sequence_start.anchor, ev->data.sequence_start.tag)
		: props(L, n, ev->data.mapping_start.anchor, ev->data.mapping_start.tag);
	if (err)
		return fail_at(L, s, "yaml-limit", err);
	if (attach(L, n, s) < 0)
		return fail_at(L, s, "yaml-limit", "out of memory");
	if (L->depth == L->stack_cap) {
		size_t cap = L->stack_cap ? L->stack_cap * 2 : 32;
		struct frame *st = realloc(L->stack, cap * sizeof *st);
		if (!st)
			return fail_at(L, s, "yaml-limit", "out of memory");
		L->stack = st;
		L->stack_cap = cap;
	}
	struct frame *f = &L->stack[L->depth++];
	memset(f, 0, sizeof *f);
	f->node = n;
	f->kid_base = L->nkids;
	f->want_key = kind == DOC_MAP;
	f->scan_from = n->start;
	return 0;
}

static uint32_t sat_add(uint32_t a, uint32_t b)
{
	return a > UINT32_MAX - b ? UINT32_MAX : a + b;
}

static int on_end(struct loader *L, yaml_event_t *ev)
{
	if (L->depth == 0)
		return fail_at(L, byte_at(L, ev->start_mark), "yaml-syntax", "unbalanced collection end");
	struct frame *f = &L->stack[--L->depth];
	struct doc_node *n = f->node;
	size_t cnt = L->nkids - f->kid_base;
	if (cnt) {
		n->kids = arena_alloc(L->a, cnt * sizeof *n->kids);
		if (!n->kids)
			return fail_at(L, byte_at(L, ev->start_mark), "yaml-limit", "out of memory");
		memcpy(n->kids, L->kids + f->kid_base, cnt * sizeof *n->kids);
	}
	n->nkids = n->capkids = (uint32_t)cnt;
	L->nkids = f->kid_base;
	uint32_t exp = 1;
	for (size_t i = 0; i < cnt; i++) {
		exp = sat_add(exp, n->kids[i]->expand);
		n->flags |= n->kids[i]->flags & DOC_F_SUBTREE;
	}
	n->expand = exp;
	if (n->style == DOC_FLOW) {
		n->end = abs_off(L, byte_at(L, ev->end_mark));
	} else if (cnt) {
		n->start = n->kids[0]->item_start;
		n->end = n->kids[cnt - 1]->end;
		if (!n->parent)
			n->item_start = n->start;
	}
	after_item(L, n);
	return 0;
}

static int on_alias(struct loader *L, yaml_event_t *ev)
{
	size_t s = byte_at(L, ev->start_mark), e = byte_at(L, ev->end_mark);
	L->has_refs = true;
	if (is_key_frame(L))
		return fail_at(L, s, "yaml-non-scalar-key", "an alias cannot be used as a mapping key here");
	const char *name = (const char *)ev->data.alias.anchor;
	struct doc_node **slot = anchors_find(&L->anchors, name);
	struct doc_node *target = slot ? *slot : NULL;
	if (!target) {
		diag_addf_at(L->diags, DIAG_ERROR, "yaml-undefined-alias", abs_off(L, s), abs_off(L, e),
			     "alias *%s refers to an anchor &%s that is not defined before it", name, name);
		return -1;
	}
	for (size_t i = 0; i < L->depth; i++)
		if (L->stack[i].node == target) {
			diag_addf_at(L->diags, DIAG_ERROR, "yaml-recursive-alias", abs_off(L, s), abs_off(L, e),
				     "alias *%s refers to a node that contains it (recursive alias)", name);
			return -1;
		}
	L->alias_total = L->alias_total + target->expand;
	if (L->alias_total > L->lim.max_alias_nodes) {
		diag_addf_at(L->diags, DIAG_ERROR, "yaml-limit", abs_off(L, s), abs_off(L, e),
			     "aliases expand to more than %zu nodes (limit); is this an alias bomb?",
			     L->lim.max_alias_nodes);
		return -1;
	}
	struct doc_node *n = new_node(L, DOC_ALIAS);
	if (!n)
		return fail_at(L, s, "yaml-limit", "too many nodes in the document");
	n->start = abs_off(L, s);
	n->end = abs_off(L, e);
	n->target = target;
	n->expand = target->expand;
	n->flags |= DOC_F_REFS | (target->flags & DOC_F_SUB_BRACES);
	if (attach(L, n, s) < 0)
		return fail_at(L, s, "yaml-limit", "out of memory");
	after_item(L, n);
	return 0;
}

/* Turn libyaml's error into a positioned diagnostic with a clearer message. */
static void report_parser_error(struct loader *L, yaml_parser_t *p)
{
	size_t off;
	if (p->error == YAML_READER_ERROR)
		off = p->problem_offset < L->len ? p->problem_offset : L->len;
	else
		off = L->bom + mconv_byte(&L->mc, p->problem_mark.index);
	const char *problem = p->problem ? p->problem : "syntax error";
	if (off < L->len && L->text[off] == '\t') {
		fail_at(L, off, "yaml-tab",
			"tab character where YAML expects indentation or a token; indent with spaces");
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		/* libyaml names the byte that breaks a sequence; point at the
		 * byte that started it, which is the one to fix */
		size_t lead = off;
		while (strstr(problem, "trailing") && lead > 0 && off - lead < 3 &&
		       ((unsigned char)L->text[lead] & 0xC0) != 0xC0)
			lead--;
		if (lead != off && ((unsigned char)L->text[lead] & 0xC0) == 0xC0) {
			diag_addf_at(L->diags, DIAG_ERROR, "yaml-encoding", abs_off(L, lead), abs_off(L, lead),
				     "invalid UTF-8: the byte 0x%02X starts a sequence that the byte 0x%02X "
				     "does not continue; the file must be UTF-8 text",
				     (unsigned char)L->text[lead], (unsigned)p->problem_value & 0xff);
			return;
		}
		if (strstr(problem, "control characters"))
			diag_addf_at(L->diags, DIAG_ERROR, "yaml-encoding", abs_off(L, off), abs_off(L, off),
				     "control character U+%04X is not allowed in YAML text",
				     (unsigned)p->problem_value);
		else
			diag_addf_at(L->diags, DIAG_ERROR, "yaml-encoding", abs_off(L, off), abs_off(L, off),
				     "%s (byte 0x%02X); the file must be UTF-8 text", problem,
				     (unsigned)p->problem_value & 0xff);
		return;
	}
	if (p->context)
		diag_addf_at(L->diags, DIAG_ERROR, "yaml-syntax", abs_off(L, off), abs_off(L, off),
			     "%s %s", p->context, problem);
	else
		diag_addf_at(L->diags, DIAG_ERROR, "yaml-syntax", abs_off(L, off), abs_off(L, off),
			     "%s", problem);
}

/* YAML also breaks lines at a lone CR, NEL (U+0085), LS (U+2028) and PS
 * (U+2029); the document model counts lines by LF (CRLF included), so such
 * a break would put every later position and edit on the wrong line. The
 * same goes for a byte order mark at the start of a later line.
 * Returns the offset of the first one, or len. */
size_t load_odd_break(const char *text, size_t len, const char **what)
{
	const unsigned char *t = (const unsigned char *)text;
	for (const unsigned char *p = t; (p = memchr(p, '\r', (size_t)(t + len - p))); p++)
		if (p + 1 == t + len || p[1] != '\n') {
			*what = "a carriage return (CR) without a line feed";
			return (size_t)(p - t);
		}
	for (size_t i = 0; i + 1 < len; i++) {
		if (t[i] < 0xC2)
			continue;
		if (t[i] == 0xC2 && t[i + 1] == 0x85) {
			*what = "a next-line character (U+0085)";
			return i;
		}
		if (i + 2 < len && t[i] == 0xE2 && t[i + 1] == 0x80 && (t[i + 2] == 0xA8 || t[i + 2] == 0xA9)) {
			*what = t[i + 2] == 0xA8 ? "a line separator (U+2028)" : "a paragraph separator (U+2029)";
			return i;
		}
	}
	return len;
}

/* libyaml skips a byte order mark that starts any line, PyYAML only one at
 * the start of the file: they would disagree on the columns of that line.
 * Returns its offset, or len. */
static size_t bom_in_line(const unsigned char *t, size_t len, bool ascii)
{
	for (size_t i = 1; !ascii && i + 2 < len; i++)
		if (t[i - 1] == '\n' && t[i] == 0xEF && t[i + 1] == 0xBB && t[i + 2] == 0xBF)
			return i;
	return len;
}

static const char *encoding_problem(const unsigned char *t, size_t n)
{
	if (n >= 2 && ((t[0] == 0xFF && t[1] == 0xFE) || (t[0] == 0xFE && t[1] == 0xFF)))
		return "the file is UTF-16 encoded; osmo-tui reads UTF-8 only";
	if (n >= 4 && t[0] == 0 && t[1] == 0 && t[2] == 0xFE && t[3] == 0xFF)
		return "the file is UTF-32 encoded; osmo-tui reads UTF-8 only";
	return NULL;
}

int load_parse(struct arena *a, const char *text, size_t len, size_t base,
	       const struct doc_limits *lim, struct diag_list *diags, struct load_result *res)
{
	struct loader L = { 0 };
	L.a = a;
	L.text = text;
	L.len = len;
	L.base = base;
	L.lim = *lim;
	load_limits_defaults(&L.lim);
	L.diags = diags;
	/* libyaml skips a UTF-8 byte order mark without counting it */
	L.bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	L.mc.t = (const unsigned char *)text + L.bom;
	L.mc.len = len - L.bom;
	L.mc.ascii = all_ascii(L.mc.t, L.mc.len);
	memset(res, 0, sizeof *res);

	if (len > L.lim.max_bytes) {
		diag_addf_at(diags, DIAG_ERROR, "yaml-limit", (uint32_t)base, (uint32_t)base,
			     "the file is %zu bytes, over the limit of %zu bytes", len, L.lim.max_bytes);
		return -1;
	}
	if (len > UINT32_MAX - base)
		return fail_at(&L, 0, "yaml-limit", "the file is too large");
	const char *enc = encoding_problem((const unsigned char *)text, len);
	if (enc)
		return fail_at(&L, 0, "yaml-encoding", enc);
	size_t bom_at = bom_in_line((const unsigned char *)text, len, L.mc.ascii);
	if (bom_at < len)
		return fail_at(&L, bom_at, "yaml-encoding",
			       "a byte order mark (U+FEFF) starts this line; only the first line may "
			       "start with one (remove it)");
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return fail_at(&L, 0, "yaml-limit", "out of memory");
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);

	int rc = 0;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			report_parser_error(&L, &p);
			rc = -1;
			break;
		}
		switch (ev.type) {
		case YAML_DOCUMENT_START_EVENT:
			L.doc_start_end = byte_at(&L, ev.end_mark);
			if (++L.docs > 1) {
				fail_at(&L, byte_at(&L, ev.start_mark), "yaml-multiple-documents",
					"a second YAML document starts here; a workflow spec is one document "
					"(remove the '---' separator or split the file)");
				rc = -1;
			}
			break;
		case YAML_SCALAR_EVENT:
			rc = on_scalar(&L, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
			rc = on_start(&L, &ev, DOC_SEQ);
			break;
		case YAML_MAPPING_START_EVENT:
			rc = on_start(&L, &ev, DOC_MAP);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			rc = on_end(&L, &ev);
			break;
		case YAML_ALIAS_EVENT:
			rc = on_alias(&L, &ev);
			break;
		default:
			break;
		}
		yaml_event_type_t type = ev.type;
		yaml_event_delete(&ev);
		if (rc < 0 || type == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&p);
	free(L.stack);
	free(L.kids);
	free(L.anchors.slot);
	if (rc < 0)
		return -1;
	res->root = L.root;
	res->nodes = L.nodes;
	res->has_refs = L.has_refs;
	return 0;
}
