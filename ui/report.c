/* report: diagnostics as text lines or JSON objects (see report.h). */
#include "report.h"

#include <string.h>

void report_json_string(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\t': buf_puts(b, "\\t"); break;
		case '\r': buf_puts(b, "\\r"); break;
		default:
			if (*p < 0x20)
				buf_printf(b, "\\u%04x", *p);
			else
				buf_putc(b, (char)*p);
		}
	}
	buf_putc(b, '"');
}

void report_plain(struct buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			buf_printf(b, "\\x%02X", *p);
		else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			buf_printf(b, "\\x%02X", *++p);   /* a C1 control, e.g. CSI */
		else
			buf_putc(b, (char)*p);
	}
}

void report_diags(FILE *out, enum report_format fmt, const char *file, struct doc *doc,
		  struct diag_list *l, bool *first)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < l->n; i++) {
		struct diag *d = &l->v[i];
		if (doc && d->offset != DIAG_NO_OFFSET)
			doc_locate(doc, d);
		if (fmt == REPORT_TEXT) {
			report_plain(&b, file);
			if (d->line > 0)
				buf_printf(&b, ":%d:%d", d->line, d->col);
			buf_printf(&b, ": %s: ", diag_severity_name(d->severity));
			report_plain(&b, d->message ? d->message : "");
			if (d->rule)
				buf_printf(&b, " [%s]", d->rule);
			buf_putc(&b, '\n');
		} else {
			buf_puts(&b, *first ? "\n  {" : ",\n  {");
			*first = false;
			buf_puts(&b, "\"file\": ");
			report_json_string(&b, file);
			buf_printf(&b, ", \"line\": %d, \"column\": %d, \"end_line\": %d, \"end_column\": %d, ",
				   d->line, d->col, d->end_line ? d->end_line : d->line,
				   d->end_col ? d->end_col : d->col);
			buf_puts(&b, "\"severity\": ");
			report_json_string(&b, diag_severity_name(d->severity));
			buf_puts(&b, ", \"rule\": ");
			report_json_string(&b, d->rule ? d->rule : "");
			buf_puts(&b, ", \"message\": ");
			report_json_string(&b, d->message);
			buf_putc(&b, '}');
		}
	}
	if (l->dropped && fmt == REPORT_TEXT) {
		report_plain(&b, file);
		buf_printf(&b, ": note: %zu more diagnostics not shown\n", l->dropped);
	}
	fwrite(buf_cstr(&b), 1, b.len, out);
	buf_free(&b);
}
