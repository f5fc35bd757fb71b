/* diag: the diagnostic list (see diag.h). Messages are formatted once into
 * owned strings; sorting is a plain qsort with an index tiebreak so equal
 * positions keep the order in which the rules reported them. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *vformat(const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return NULL;
	char *s = malloc((size_t)n + 1);
	if (s)
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

static struct diag *slot(struct diag_list *l)
{
	size_t max = l->max ? l->max : 10000;
	if (l->n >= max) {
		l->dropped++;
		return NULL;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct diag *v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return NULL;
		l->v = v;
		l->cap = cap;
	}
	struct diag *d = &l->v[l->n];
	memset(d, 0, sizeof *d);
	d->offset = d->end_offset = DIAG_NO_OFFSET;
	return d;
}

/* Record a diagnostic with a formatted message; the caller sets position. */
static struct diag *vadd(struct diag_list *l, enum diag_severity sev, const char *rule,
			 const char *fmt, va_list ap)
{
	struct diag *d = slot(l);
	if (!d)
		return NULL;
	d->message = vformat(fmt, ap);
	if (!d->message)
		return NULL;
	d->severity = sev;
	d->rule = rule;
	l->n++;
	return d;
}

int diag_addf_at(struct diag_list *l, enum diag_severity sev, const char *rule,
		 uint32_t offset, uint32_t end_offset, const char *fmt, ...)
{
	if (!l)
		return 0;   /* nobody wants the diagnostic */
	va_list ap;
	va_start(ap, fmt);
	struct diag *d = vadd(l, sev, rule, fmt, ap);
	va_end(ap);
	if (!d)
		return l->dropped ? 0 : -1;
	d->offset = offset;
	d->end_offset = end_offset < offset ? offset : end_offset;
	return 0;
}

int diag_addf_lc(struct diag_list *l, enum diag_severity sev, const char *rule,
		 int line, int col, const char *fmt, ...)
{
	if (!l)
		return 0;   /* nobody wants the diagnostic */
	va_list ap;
	va_start(ap, fmt);
	struct diag *d = vadd(l, sev, rule, fmt, ap);
	va_end(ap);
	if (!d)
		return l->dropped ? 0 : -1;
	d->line = d->end_line = line;
	d->col = d->end_col = col;
	return 0;
}

int diag_add_copy(struct diag_list *l, const struct diag *src)
{
	if (!l)
		return 0;   /* nobody wants the diagnostic */
	struct diag *d = slot(l);
	if (!d)
		return l->dropped ? 0 : -1;
	*d = *src;
	d->message = strdup(src->message ? src->message : "");
	if (!d->message)
		return -1;
	l->n++;
	return 0;
}

size_t diag_count(const struct diag_list *l, enum diag_severity sev)
{
	size_t c = 0;
	for (size_t i = 0; i < l->n; i++)
		c += l->v[i].severity == sev;
	return c;
}

struct keyed {
	struct diag d;
	size_t idx;
};

static int cmp_diag(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;
	if (a->d.line != b->d.line)
		return a->d.line < b->d.line ? -1 : 1;
	if (a->d.col != b->d.col)
		return a->d.col < b->d.col ? -1 : 1;
	if (a->d.severity != b->d.severity)
		return a->d.severity < b->d.severity ? -1 : 1;
	int c = strcmp(a->d.rule ? a->d.rule : "", b->d.rule ? b->d.rule : "");
	if (c)
		return c;
	c = strcmp(a->d.message, b->d.message);
	if (c)
		return c;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

void diag_sort(struct diag_list *l)
{
	if (l->n < 2)
		return;
	struct keyed *k = malloc(l->n * sizeof *k);
	if (!k)
		return;
	for (size_t i = 0; i < l->n; i++) {
		k[i].d = l->v[i];
		k[i].idx = i;
	}
	qsort(k, l->n, sizeof *k, cmp_diag);
	size_t out = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (out > 0) {
			struct diag *p = &l->v[out - 1];
			if (p->line == k[i].d.line && p->col == k[i].d.col &&
			    p->severity == k[i].d.severity &&
			    strcmp(p->rule ? p->rule : "", k[i].d.rule ? k[i].d.rule : "") == 0 &&
			    strcmp(p->message, k[i].d.message) == 0) {
				free(k[i].d.message);
				continue;
			}
		}
		l->v[out++] = k[i].d;
	}
	l->n = out;
	free(k);
}

void diag_clear(struct diag_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].message);
	l->n = 0;
	l->dropped = 0;
}

void diag_free(struct diag_list *l)
{
	diag_clear(l);
	free(l->v);
	l->v = NULL;
	l->cap = 0;
}

const char *diag_severity_name(enum diag_severity sev)
{
	static const char *const names[] = {
		[DIAG_ERROR] = "error", [DIAG_WARNING] = "warning", [DIAG_NOTE] = "note",
	};
	return (unsigned)sev < sizeof names / sizeof names[0] ? names[sev] : "error";
}
