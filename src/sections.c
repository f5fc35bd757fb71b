/* sections: the column-0 section splitter (see sections.h). */
#include "sections.h"

#include <stdbool.h>
#include <string.h>

#include "rules.h"

static bool alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool name_char(char c)
{
	return alpha(c) || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

void sections_split(const char *text, size_t len, struct sections *s, struct diag_list *diags)
{
	memset(s, 0, sizeof *s);
	s->workflow = s->default_values = s->version = -1;
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
				if (!slot)
					diag_addf_at(diags, DIAG_ERROR, rule_table[R_TOP_UNKNOWN_KEY].id,
						     (uint32_t)p, (uint32_t)k,
						     "unknown top-level key \"%.*s\"; only workflow, default-values and "
						     "version may start at column 0 (indent it to put it under workflow:)",
						     (int)klen, text + p);
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
	if (s->workflow < 0)
		diag_addf_lc(diags, DIAG_ERROR, rule_table[R_WORKFLOW_MISSING].id, 1, 1,
			     "workflow spec not found: the file needs a line \"workflow:\" at column 0 "
			     "(not indented, not quoted, no space before the colon)");
}
