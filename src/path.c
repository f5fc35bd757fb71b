/* path: parse, resolve, print and complete node paths (see path.h). */
#include "path.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yamlout.h"

#define PATH_MAX_STEPS 256

static bool bare_char(char c)
{
	return c && c != '.' && c != '[' && c != ']' && c != '"';
}

/* Parse a quoted key starting at s[*i] == '"'. */
static char *quoted(const char *s, size_t *i, const char **err)
{
	struct buf b = BUF_INIT;
	(*i)++;
	while (s[*i] && s[*i] != '"') {
		if (s[*i] == '\\' && (s[*i + 1] == '"' || s[*i + 1] == '\\'))
			(*i)++;
		buf_putc(&b, s[(*i)++]);
	}
	if (s[*i] != '"') {
		*err = "unterminated quoted key";
		buf_free(&b);
		return NULL;
	}
	(*i)++;
	char *r = buf_detach(&b);
	if (!r)
		*err = "out of memory";
	return r;
}

static char *bare(const char *s, size_t *i, const char *stop)
{
	size_t st = *i;
	while (s[*i] && !strchr(stop, s[*i]))
		(*i)++;
	char *r = malloc(*i - st + 1);
	if (r) {
		memcpy(r, s + st, *i - st);
		r[*i - st] = '\0';
	}
	return r;
}

static int add_step(struct path *p, struct path_step st)
{
	if (p->n >= PATH_MAX_STEPS)
		return -1;
	struct path_step *v = realloc(p->steps, (p->n + 1) * sizeof *v);
	if (!v)
		return -1;
	p->steps = v;
	p->steps[p->n++] = st;
	return 0;
}

int path_parse(const char *s, struct path *p, const char **err_msg, size_t *err_pos)
{
	memset(p, 0, sizeof *p);
	size_t i = 0;
	const char *err = NULL;
	bool need_key = true;   /* at the start or after '.' */
	while (s[i] && !err) {
		size_t at = i;
		struct path_step st = { 0 };
		if (s[i] == '[') {
			i++;
			if (s[i] >= '0' && s[i] <= '9') {
				errno = 0;
				char *end;
				unsigned long long v = strtoull(s + i, &end, 10);
				if (errno || v > UINT32_MAX) {
					err = "list index too large";
				} else if (*end != ']') {
					err = "expected ']' after the list index";
					i = (size_t)(end - s);
				} else {
					st.kind = PATH_INDEX;
					st.index = (size_t)v;
					i = (size_t)(end - s) + 1;
				}
			} else {
				st.kind = PATH_MATCH;
				st.key = s[i] == '"' ? quoted(s, &i, &err) : bare(s, &i, "=]");
				if (!err && (!st.key || !*st.key || s[i] != '='))
					err = "expected [N] or [field=value]";
				else if (!err) {
					i++;
					st.value = s[i] == '"' ? quoted(s, &i, &err) : bare(s, &i, "]");
					if (!err && (!st.value || s[i] != ']'))
						err = "expected ']' after the value";
					else if (!err)
						i++;
				}
			}
			need_key = false;
		} else if (s[i] == '.' && !need_key) {
			i++;
			need_key = true;
			if (!s[i] || s[i] == '.' || s[i] == '[') {
				err = "expected a key after '.'";
				*err_pos = i;
			}
			continue;
		} else if (need_key && (bare_char(s[i]) || s[i] == '"')) {
			st.kind = PATH_KEY;
			st.key = s[i] == '"' ? quoted(s, &i, &err) : bare(s, &i, ".[]\"");
			if (!st.key && !err)
				err = "out of memory";
			need_key = false;
		} else {
			err = s[i] == ']' ? "unexpected ']'" : "expected '.' or '[' between path steps";
		}
		if (err) {
			free(st.key);
			free(st.value);
			*err_pos = at;
			break;
		}
		if (add_step(p, st) < 0) {
			free(st.key);
			free(st.value);
			err = "path too long";
			*err_pos = at;
		}
	}
	if (!err && p->n > 0 && need_key && i > 0) {
		err = "expected a key after '.'";
		*err_pos = i;
	}
	if (err) {
		*err_msg = err;
		path_free(p);
		return -1;
	}
	return 0;
}

void path_free(struct path *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->steps[i].key);
		free(p->steps[i].value);
	}
	free(p->steps);
	p->steps = NULL;
	p->n = 0;
}

static const struct doc_node *step(const struct doc_node *n, const struct path_step *st)
{
	n = doc_resolve(n);
	if (!n)
		return NULL;
	switch (st->kind) {
	case PATH_KEY:
		return n->kind == DOC_MAP ? doc_map_get(n, st->key) : NULL;
	case PATH_INDEX:
		return n->kind == DOC_SEQ && st->index < n->nkids ? n->kids[st->index] : NULL;
	case PATH_MATCH:
		if (n->kind != DOC_SEQ)
			return NULL;
		for (uint32_t i = 0; i < n->nkids; i++) {
			const struct doc_node *f = doc_map_get(n->kids[i], st->key);
			f = doc_resolve(f);
			if (f && f->kind == DOC_SCALAR && strcmp(f->text, st->value) == 0)
				return n->kids[i];
		}
		return NULL;
	}
	return NULL;
}

const struct doc_node *path_resolve(const struct doc_node *root, const struct path *p,
				    size_t *matched, const struct doc_node **last)
{
	const struct doc_node *n = root;
	size_t i = 0;
	for (; i < p->n && n; i++) {
		const struct doc_node *next = step(n, &p->steps[i]);
		if (!next)
			break;
		n = next;
	}
	if (matched)
		*matched = i;
	if (last)
		*last = n;
	return i == p->n ? n : NULL;
}

/* Append s as one path token: as is, or double-quoted (with '"' and '\\'
 * escaped) when the parser would read it differently: it is empty, starts
 * with a quote (or a digit, for a selector field), or holds a stop char. */
static void put_token(struct buf *out, const char *s, const char *stops, bool digit)
{
	if (*s && *s != '"' && !strpbrk(s, stops) && !(digit && *s >= '0' && *s <= '9')) {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	for (const char *c = s; *c; c++) {
		if (*c == '"' || *c == '\\')
			buf_putc(out, '\\');
		buf_putc(out, *c);
	}
	buf_putc(out, '"');
}

static void put_key(struct buf *out, const char *k)
{
	put_token(out, k, ".[]\"", false);
}

/* The value of a [field=value] selector (may be empty). */
static void put_value(struct buf *out, const char *v)
{
	if (*v)
		put_token(out, v, "]", false);
}

static void put_step(struct buf *out, const struct path_step *st, bool first)
{
	switch (st->kind) {
	case PATH_KEY:
		if (!first)
			buf_putc(out, '.');
		put_key(out, st->key);
		break;
	case PATH_INDEX:
		buf_printf(out, "[%zu]", st->index);
		break;
	case PATH_MATCH:
		buf_putc(out, '[');
		put_token(out, st->key, "=]", true);
		buf_putc(out, '=');
		put_value(out, st->value);
		buf_putc(out, ']');
		break;
	}
}

void path_format_prefix(const struct path *p, size_t n, struct buf *out)
{
	for (size_t i = 0; i < n && i < p->n; i++)
		put_step(out, &p->steps[i], i == 0);
}

/* The name of a list item when it has one that no sibling shares. */
static const char *unique_name(const struct doc_node *item)
{
	const struct doc_node *nm = doc_resolve(doc_map_get(item, "name"));
	if (!nm || nm->kind != DOC_SCALAR || !nm->len)
		return NULL;
	const struct doc_node *s = item->parent;
	for (uint32_t i = 0; i < s->nkids; i++) {
		if (s->kids[i] == item)
			continue;
		const struct doc_node *o = doc_resolve(doc_map_get(s->kids[i], "name"));
		if (o && o->kind == DOC_SCALAR && strcmp(o->text, nm->text) == 0)
			return NULL;
	}
	return nm->text;
}

void path_of_node(const struct doc_node *n, struct buf *out)
{
	const struct doc_node *chain[PATH_MAX_STEPS];
	size_t depth = 0;
	for (const struct doc_node *c = n; c && c->parent && depth < PATH_MAX_STEPS; c = c->parent)
		chain[depth++] = c;
	bool first = true;
	while (depth-- > 0) {
		const struct doc_node *c = chain[depth];
		if (c->key) {
			if (!first)
				buf_putc(out, '.');
			put_key(out, c->key);
		} else {
			const char *nm = unique_name(c);
			if (nm) {
				buf_puts(out, "[name=");
				put_value(out, nm);
				buf_putc(out, ']');
			} else {
				uint32_t i = 0;
				while (i < c->parent->nkids && c->parent->kids[i] != c)
					i++;
				buf_printf(out, "[%u]", i);
			}
		}
		first = false;
	}
}

size_t path_complete(const struct doc_node *root, const char *s, struct buf *out)
{
	/* split at the last '.' or '[' outside quotes */
	size_t split = 0, len = strlen(s);
	bool q = false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			q = !q;
		else if (!q && (s[i] == '.' || s[i] == '['))
			split = i;
	}
	const struct doc_node *base = root;
	if (split > 0) {
		char *prefix = malloc(split + 1);
		if (!prefix)
			return 0;
		memcpy(prefix, s, split);
		prefix[split] = '\0';
		struct path p;
		const char *em;
		size_t ep;
		if (path_parse(prefix, &p, &em, &ep) < 0) {
			free(prefix);
			return 0;
		}
		base = path_resolve(root, &p, NULL, NULL);
		path_free(&p);
		free(prefix);
	}
	base = doc_resolve(base);
	if (!base)
		return 0;
	const char *part = s + split + (split > 0 || s[0] == '[' ? 1 : 0);
	bool bracket = s[split] == '[';
	if (split == 0 && s[0] != '[')
		part = s;
	size_t plen = strlen(part), count = 0;
	if (base->kind == DOC_MAP && !bracket) {
		for (uint32_t i = 0; i < base->nkids; i++) {
			const struct doc_node *k = base->kids[i];
			if (strncmp(k->key, part, plen) != 0)
				continue;
			buf_add(out, s, split + (split > 0 ? 1 : 0));
			put_key(out, k->key);
			buf_putc(out, '\n');
			count++;
		}
	} else if (base->kind == DOC_SEQ && (bracket || plen == 0)) {
		for (uint32_t i = 0; i < base->nkids; i++) {
			struct buf cand = BUF_INIT;
			const char *nm = unique_name(base->kids[i]);
			if (nm) {
				buf_puts(&cand, "name=");
				put_value(&cand, nm);
				buf_putc(&cand, ']');
			} else
				buf_printf(&cand, "%u]", i);
			if (strncmp(cand.data, part, plen) == 0) {
				buf_add(out, s, split);
				buf_putc(out, '[');
				buf_add(out, cand.data, cand.len);
				buf_putc(out, '\n');
				count++;
			}
			buf_free(&cand);
		}
	}
	return count;
}
