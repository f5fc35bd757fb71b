/* complete: what Tab offers at each prompt (see complete.h).
 *
 * Candidates are whole words that replace the word before the cursor; the
 * prompt module hands them to readline, which completes the common prefix
 * and asks us to list the rest.
 */
#include "complete.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "commands.h"
#include "outline.h"
#include "path.h"
#include "session.h"
#include "specnav.h"
#include "views/views.h"

static size_t complete_views(const char *word, struct buf *out)
{
	size_t n = 0, len = strlen(word);
	for (size_t i = 0; i < views_count; i++)
		if (strncmp(views_table[i].name, word, len) == 0) {
			buf_puts(out, views_table[i].name);
			buf_putc(out, '\n');
			n++;
		}
	return n;
}

/* Prefix every line of cands with head and append to out. */
static size_t prefixed(const char *head, size_t hlen, const struct buf *cands, struct buf *out)
{
	size_t n = 0;
	const char *c = buf_cstr(cands);
	for (const char *nl; *c && (nl = strchr(c, '\n')); c = nl + 1, n++) {
		buf_add(out, head, hlen);
		buf_add(out, c, (size_t)(nl - c) + 1);
	}
	return n;
}

/* The schema field that path text names in d (existing or not). */
static const struct schema_field *field_at(struct doc *d, const char *text)
{
	struct path p;
	const char *em;
	size_t ep;
	if (path_parse(text, &p, &em, &ep) < 0)
		return NULL;
	size_t matched;
	const struct doc_node *last;
	const struct doc_node *n = path_resolve(d->root, &p, &matched, &last);
	const struct schema_field *f = NULL;
	if (n)
		f = specnav_of(n).field;
	else if (last && matched + 1 == p.n && p.steps[matched].kind == PATH_KEY)
		f = schema_field(specnav_of(last).obj, p.steps[matched].key);
	path_free(&p);
	return f;
}

/* set PATH=VALUE: paths (existing keys, then the schema's missing fields
 * of an object), then the values of an enum or boolean field. */
static size_t complete_set(struct doc *d, const char *word, struct buf *out, char *append)
{
	struct buf cands = BUF_INIT;
	size_t n = 0;
	const char *eq = session_find_assign(word);
	if (eq) {
		char *path = strndup(word, (size_t)(eq - word));
		const struct schema_field *f = path ? field_at(d, path) : NULL;
		specnav_values(f, eq + 1, &cands);
		n = prefixed(word, (size_t)(eq - word) + 1, &cands, out);
		free(path);
	} else {
		*append = '\0';
		n = path_complete(d->root, word, out);
		const char *dot = strrchr(word, '.');
		size_t hlen = dot ? (size_t)(dot - word) + 1 : 0;
		char *head = strndup(word, dot ? (size_t)(dot - word) : 0);
		const struct doc_node *m = NULL;
		if (head && !*head) {
			m = d->root;
		} else if (head && !strpbrk(dot + 1, "[]\"")) {
			struct path p;
			const char *em;
			size_t ep;
			if (path_parse(head, &p, &em, &ep) == 0) {
				m = path_resolve(d->root, &p, NULL, NULL);
				path_free(&p);
			}
		}
		const struct doc_node *mv = doc_resolve(m);
		if (mv && mv->kind == DOC_MAP)
			specnav_missing_fields(specnav_of(m).obj, mv, dot ? dot + 1 : word, &cands);
		n += prefixed(word, hlen, &cands, out);
		free(head);
	}
	buf_free(&cands);
	return n;
}

static size_t complete_argument(struct app *app, int cmd, const char *word, struct buf *out,
				char *append)
{
	struct session *s = app_session(app);
	struct doc *d = s ? session_doc(s) : NULL;
	switch (cmd) {
	case CMD_VIEW:
		return complete_views(word, out);
	case CMD_OPEN:
	case CMD_SCREENDUMP:
	case CMD_WRITE:
		return prompt_complete_files(word, out);
	case CMD_GOTO:
		return d ? outline_names(d, word, out) : 0;
	case CMD_SET:
		return d && d->ok && d->root ? complete_set(d, word, out, append) : 0;
	default:
		return 0;
	}
}

static size_t complete_command(void *ctx, const char *line, int start, int end, struct buf *out,
			       char *append)
{
	struct app *app = ctx;
	char *word = strndup(line + start, (size_t)(end - start));
	size_t n = 0;
	*append = ' ';
	if (!word)
		return 0;
	const char *p = line;
	while (p < line + start && (*p == ' ' || *p == '\t' || *p == ':'))
		p++;
	if (p == line + start) {
		n = cmd_complete(word, out);
	} else {
		char *head = strndup(line, (size_t)start);
		const char *args;
		int cmd = head ? cmd_parse(head, &args) : CMD_NONE;
		if (cmd != CMD_NONE)
			n = complete_argument(app, cmd, word, out, append);
		free(head);
	}
	free(word);
	return n;
}

static size_t complete_file(void *ctx, const char *line, int start, int end, struct buf *out,
			    char *append)
{
	(void)ctx;
	(void)append;
	char *word = strndup(line + start, (size_t)(end - start));
	size_t n = word ? prompt_complete_files(word, out) : 0;
	free(word);
	return n;
}

/* A value prompt: the view that opened it knows the field. */
static size_t complete_value(void *ctx, const char *line, int start, int end, struct buf *out,
			     char *append)
{
	struct app *app = ctx;
	struct view *v = app_current_view(app);
	(void)append;
	if (!v || !v->ops->complete)
		return 0;
	char *word = strndup(line + start, (size_t)(end - start));
	size_t n = word ? v->ops->complete(v, app, word, out) : 0;
	free(word);
	return n;
}

prompt_complete_fn *complete_for(enum prompt_kind kind)
{
	switch (kind) {
	case PROMPT_VALUE:
		return complete_value;
	case PROMPT_COMMAND:
		return complete_command;
	case PROMPT_FILE:
		return complete_file;
	default:
		return NULL;
	}
}
