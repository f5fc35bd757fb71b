/* sections: the column-0 section splitter (see sections.h). */
#include "sections.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "rules.h"
#include "schema.h"

static bool alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool name_char(char c)
{
	return alpha(c) || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* #1, with the likely fix: a misspelt section, or a workflow field that
 * lost its indentation. */
static void unknown_key(const char *key, size_t klen, uint32_t off, struct diag_list *diags)
{
	char k[64];
	snprintf(k, sizeof k, "%.*s", (int)klen, key);
	const char *sug = schema_suggest(SO_ROOT, k);
	const char *fix;
	char buf[96];
	if (sug) {
		snprintf(buf, sizeof buf, "did you mean \"%s\"? (section names are case-sensitive)", sug);
		fix = buf;
	} else if (schema_field(SO_WORKFLOW, k)) {
		fix = "it is a workflow field: indent it under workflow:";
	} else {
		fix = "only workflow, default-values and version may start at column 0";
	}
	diag_addf_at(diags, DIAG_ERROR, rule_table[R_TOP_UNKNOWN_KEY].id, off, off + (uint32_t)klen,
		     "unknown top-level key \"%.*s\"; %s", (int)klen, key, fix);
}

/* Where a workflow: that the splitter does not see was probably meant: an
 * indented, quoted, flow-style or space-before-colon "workflow". Returns the
 * offset of the line (or (size_t)-1) and why it does not count. */
static size_t near_workflow(const char *text, size_t len, const char **why)
{
	size_t p = 0;
	while (p < len) {
		const char *nl = memchr(text + p, '\n', len - p);
		size_t e = nl ? (size_t)(nl - text) : len, k = p;
		while (k < e && (text[k] == ' ' || text[k] == '\t' || text[k] == '"' || text[k] == '\'' ||
				 text[k] == '{'))
			k++;
		if (e - k >= 8 && memcmp(text + k, "workflow", 8) == 0) {
			size_t c = k + 8;
			bool quoted = c < e && (text[c] == '"' || text[c] == '\'');
			c += quoted;
			size_t sp = c;
			while (c < e && text[c] == ' ')
				c++;
			if (c < e && text[c] == ':') {
				if (text[p] == '{')
					*why = "a flow-style mapping is not read; write workflow: at the start of a line";
				else if (text[p] == ' ' || text[p] == '\t')
					*why = "it is indented; workflow: must start at column 0";
				else if (quoted || text[p] == '"' || text[p] == '\'')
					*why = "it is quoted; write workflow: without quotes";
				else if (c > sp)
					*why = "remove the space before the colon";
				else
					*why = NULL;
				if (*why)
					return p;
			}
		}
		p = e + 1;
	}
	return (size_t)-1;
}

void sections_split(const char *text, size_t len, struct sections *s, struct diag_list *diags)
{
	memset(s, 0, sizeof *s);
	s->workflow = s->default_values = s->version = -1;
	bool miscased = false;
	int line = 1;
	size_t p = 0;
	while (p < len) {
		const char *nl = memchr(text + p, '\n', len - p);
		size_t e = nl ? (size_t)(nl - text) : len;
		size_t k = p;
		if (k < e && alpha(text[k])) {
			while (k < e && name_char(text[k]))
				k++;
			if (k < e && text[k] == ':') {
				size_t klen = k - p;
				int *slot = NULL;
				if (klen == 8 && memcmp(text + p, "workflow", 8) == 0)
					slot = &s->workflow;
				else if (klen == 14 && memcmp(text + p, "default-values", 14) == 0)
					slot = &s->default_values;
				else if (klen == 7 && memcmp(text + p, "version", 7) == 0)
					slot = &s->version;
				/* a miscased Workflow: gets "did you mean workflow?", which says it all */
				miscased |= !slot && klen == 8 && strncasecmp(text + p, "workflow", 8) == 0;
				if (!slot)
					unknown_key(text + p, klen, (uint32_t)p, diags);
				else if (*slot >= 0)
					diag_addf_at(diags, DIAG_ERROR, rule_table[R_TOP_DUPLICATE_KEY].id,
						     (uint32_t)p, (uint32_t)k,
						     "duplicate top-level key \"%.*s\" (first on line %d); "
						     "merge the two sections", (int)klen, text + p,
						     s->v[*slot].line);
				if (s->n > 0)
					s->v[s->n - 1].end = p;
				if (s->n < SECTIONS_MAX) {
					struct section *sec = &s->v[s->n];
					size_t cl = klen < sizeof sec->name - 1 ? klen : sizeof sec->name - 1;
					memcpy(sec->name, text + p, cl);
					sec->name[cl] = '\0';
					sec->start = p;
					sec->end = len;
					sec->line = line;
					if (slot && *slot < 0)
						*slot = (int)s->n;
					s->n++;
				}
			}
		}
		line++;
		p = e + 1;
	}
	if (s->workflow < 0 && !miscased) {
		const char *why = NULL;
		size_t at = near_workflow(text, len, &why);
		if (at != (size_t)-1)
			diag_addf_at(diags, DIAG_ERROR, rule_table[R_WORKFLOW_MISSING].id, (uint32_t)at,
				     (uint32_t)at, "workflow spec not found: this workflow: does not open the "
				     "section: %s", why);
		else
			diag_addf_lc(diags, DIAG_ERROR, rule_table[R_WORKFLOW_MISSING].id, 1, 1,
				     "workflow spec not found: the file needs a line \"workflow:\" at column 0 "
				     "(not indented, not quoted, no space before the colon)");
	}
}
