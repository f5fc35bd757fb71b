/* diag: diagnostics as values.
 *
 * Every module of src/ reports problems by appending a `struct diag` to a
 * `struct diag_list` instead of printing. A diagnostic carries a severity, a
 * stable rule id (kebab-case, e.g. "yaml-syntax"), a source range and a
 * message that says what is wrong and how to fix it.
 *
 * Positions: `line`/`col` are 1-based; columns count Unicode code points (as
 * editors and libyaml do). `end_line`/`end_col` point one past the last
 * character. Modules that know byte offsets fill `offset`/`end_offset` and let
 * the caller compute line/column with a line index (see textpos.h); modules
 * that only know line/column (libyaml errors, the template engine) fill those.
 * A position of line 0 means "the whole file".
 */
#ifndef OSMO_DIAG_H
#define OSMO_DIAG_H

#include <stddef.h>
#include <stdint.h>

enum diag_severity {
	DIAG_ERROR,
	DIAG_WARNING,
	DIAG_NOTE,
};

#define DIAG_NO_OFFSET UINT32_MAX

struct diag {
	enum diag_severity severity;
	const char *rule;      /* static string, never freed */
	uint32_t offset;       /* byte offset of the start, or DIAG_NO_OFFSET */
	uint32_t end_offset;   /* byte offset one past the end */
	int line, col;         /* 1-based; 0 = unknown/whole file */
	int end_line, end_col;
	char *message;         /* owned */
};

struct diag_list {
	struct diag *v;
	size_t n, cap;
	size_t max;            /* stop recording after this many (0 = 10000) */
	size_t dropped;        /* how many were not recorded because of max */
};

/* (The add functions accept l == NULL and then record nothing.) */

/* Append a diagnostic positioned by byte range [offset, end_offset).
 * Returns 0, or -1 when out of memory (the list stays valid). */
int diag_addf_at(struct diag_list *l, enum diag_severity sev, const char *rule,
		 uint32_t offset, uint32_t end_offset, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Append a diagnostic positioned by line/column (1-based; 0 = whole file). */
int diag_addf_lc(struct diag_list *l, enum diag_severity sev, const char *rule,
		 int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Append a copy of d (message duplicated). */
int diag_add_copy(struct diag_list *l, const struct diag *d);

/* Number of diagnostics of severity sev. */
size_t diag_count(const struct diag_list *l, enum diag_severity sev);

/* Sort by line, column, severity, rule, message (stable for equal keys) and
 * drop exact duplicates. */
void diag_sort(struct diag_list *l);

/* Remove every diagnostic; keeps the list usable. */
void diag_clear(struct diag_list *l);

/* Free all diagnostics and the array. */
void diag_free(struct diag_list *l);

/* "error", "warning" or "note". */
const char *diag_severity_name(enum diag_severity sev);

#endif
