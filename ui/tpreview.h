/* tpreview: what the template preview shows, computed from the session.
 *
 * The open file goes through OSMO's render pipeline (src/render.h) with its
 * default-values and the session's values (--set options and :let
 * overrides), exactly as `osmo-tui render` does. The result keeps the
 * rendered text with its line map (rendered line -> template line, see
 * render_map) so problems can be shown on both sides, the render errors at
 * their template lines, and the variables: every key of default-values and
 * every overridden name, with its default and its override. When a render
 * fails the last good rendering is kept (marked stale) so the rendered side
 * can still scroll to where the error is. No curses here.
 */
#ifndef OSMO_UI_TPREVIEW_H
#define OSMO_UI_TPREVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "doc.h"
#include "render.h"

struct session;

struct tpreview_var {
	char *name;
	char *def;          /* the default (one line of YAML), or NULL: not in default-values */
	int def_line;       /* line of its entry in the file, or 0 */
	const char *value;  /* the override (borrowed from the session), or NULL */
};

struct tpreview {
	bool templated;           /* the workflow holds Jinja beyond the special tokens */
	bool ok;                  /* the last render succeeded */
	bool stale;               /* rendered is from an earlier, successful render */
	struct render_result rr;  /* the rendering and its line map; rr.text NULL: never rendered */
	struct diag_list errors;  /* why the render failed, at file lines */
	int error_line;           /* line of the first positioned error, or 0 */
	struct tpreview_var *vars;
	size_t nvars;
	int workflow_line;        /* line of `workflow:`, or 0 */
	/* what this was computed from */
	const struct doc *doc;
	unsigned doc_gen, values_gen;
};

/* Bring p up to date with s (cheap when neither the text nor the values
 * changed). Returns true when it was recomputed. */
bool tpreview_update(struct tpreview *p, struct session *s);
/* Free what p holds (p can be updated again afterwards). */
void tpreview_free(struct tpreview *p);

/* The file line rendered line rline (1-based) came from (render_map), or 0. */
int tpreview_source_line(const struct tpreview *p, int rline);
/* The first rendered line that comes from file line fline or a later one
 * (1-based), or 0 when none does. */
int tpreview_rendered_line(const struct tpreview *p, int fline);
/* The variable named name, or NULL. */
const struct tpreview_var *tpreview_var(const struct tpreview *p, const char *name);

#endif
