/* listnav: selection and scrolling of a list of rows, shared by the views.
 *
 * A view that shows rows keeps a struct listnav; the movement commands of
 * the command table (down, up, page-down, page-up, first, last) are applied
 * here once instead of in every view.
 */
#ifndef OSMO_UI_LISTNAV_H
#define OSMO_UI_LISTNAV_H

#include <stdbool.h>
#include <stddef.h>

struct listnav {
	size_t n;     /* rows */
	size_t sel;   /* selected row (< n when n > 0) */
	size_t top;   /* first row shown */
};

/* Set the number of rows, keeping sel and top in range. */
void listnav_set_count(struct listnav *l, size_t n);
/* Apply a movement command (commands.h id) for a window of height rows.
 * Returns true when cmd is a movement command. */
bool listnav_command(struct listnav *l, int cmd, int height);
/* Select row i (clamped) and scroll it into view. */
void listnav_select(struct listnav *l, size_t i, int height);
/* Scroll so the selection is visible in a window of height rows. */
void listnav_scroll(struct listnav *l, int height);

#endif
