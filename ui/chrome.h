/* chrome: the parts of the screen around the views.
 *
 * The title bar (file, modified flag, pool, problem counts), the hint bar
 * (generated from the command table: what the current view handles first,
 * then the global commands), the completion list shown above the prompt,
 * and the default detail pane.
 */
#ifndef OSMO_UI_CHROME_H
#define OSMO_UI_CHROME_H

#include <curses.h>

#include <stdbool.h>

#include "app.h"
#include "diag.h"

/* Draw the title bar for view v (may be NULL). */
void chrome_draw_title(struct app *app, WINDOW *w, const struct view *v);
/* Draw the hint bar for view v (may be NULL). */
void chrome_draw_hints(struct app *app, WINDOW *w, const struct view *v);
/* Draw completion candidates (NULL-terminated; may be NULL) at the bottom
 * of w, in columns. */
void chrome_draw_matches(struct app *app, WINDOW *w, char *const *matches);
/* Draw the detail pane of views that have none: the problems summary. */
void chrome_draw_default_pane(struct app *app, WINDOW *w);
/* Draw diagnostic d on row y of w ("✗ 12:5 message [rule]"), with the
 * selection colour when selected. */
void chrome_draw_diag(struct app *app, WINDOW *w, int y, const struct diag *d, bool selected);
/* Draw a pane header: a rule with title on row 0 of w. */
void chrome_draw_pane_header(struct app *app, WINDOW *w, const char *title);

#endif
