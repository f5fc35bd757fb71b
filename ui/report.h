/* report: printing diagnostics for people and for tools.
 *
 * Text: "FILE:LINE:COL: error: MESSAGE [rule-id]" (sorted by the caller).
 * JSON: an array of {file, line, column, end_line, end_column, severity,
 * rule, message}.
 */
#ifndef OSMO_REPORT_H
#define OSMO_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"

enum report_format { REPORT_TEXT, REPORT_JSON };

/* Locate (via doc, when not NULL) and print every diagnostic of l. In JSON
 * mode, *first tracks whether a comma is needed across files. */
void report_diags(FILE *out, enum report_format fmt, const char *file, struct doc *doc,
		  struct diag_list *l, bool *first);

/* Append s for a terminal: control characters (C0, DEL, C1) as \xNN, so a
 * spec's text cannot send escape sequences to the user's terminal. */
void report_plain(struct buf *b, const char *s);

/* Append s as a JSON string literal. */
void report_json_string(struct buf *b, const char *s);

#endif
