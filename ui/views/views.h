/* views: the table of views the app can show.
 *
 * Every view is a row: a name and its operations (app.h struct view_ops).
 * Views that are not built yet have no operations; asking for one says so.
 */
#ifndef OSMO_UI_VIEWS_H
#define OSMO_UI_VIEWS_H

#include <stdint.h>

#include "app.h"
#include "doc.h"

extern const struct view_ops view_start_ops;
extern const struct view_ops view_outline_ops;
extern const struct view_ops view_form_ops;
extern const struct view_ops view_help_ops;
extern const struct view_ops view_problems_ops;

struct view_entry {
	const char *name;
	const struct view_ops *ops;   /* NULL: not available yet */
};

extern const struct view_entry views_table[];
extern const size_t views_count;

/* Show the outline with the node at byte offset off selected (its
 * ancestors unfolded). Returns 0, or -1 when no file is open. */
int outline_view_reveal(struct app *app, uint32_t off);
/* The node selected in the outline (NULL when none). Valid until the next
 * change of the document. */
const struct doc_node *outline_view_selected(struct app *app);

/* Index of the view named name in views_table, or -1. */
int views_find(const char *name);

#endif
