/* listnav: list movement shared by the views (see listnav.h). */
#include "listnav.h"

#include "commands.h"

void listnav_set_count(struct listnav *l, size_t n)
{
	l->n = n;
	if (n == 0) {
		l->sel = l->top = 0;
		return;
	}
	if (l->sel >= n)
		l->sel = n - 1;
	if (l->top > l->sel)
		l->top = l->sel;
}

void listnav_scroll(struct listnav *l, int height)
{
	size_t h = height > 0 ? (size_t)height : 1;
	if (l->sel < l->top)
		l->top = l->sel;
	else if (l->sel >= l->top + h)
		l->top = l->sel - h + 1;
	/* no empty space below the last row when the list could fill it */
	if (l->n > h && l->top > l->n - h)
		l->top = l->n - h;
	if (l->n <= h)
		l->top = 0;
}

void listnav_select(struct listnav *l, size_t i, int height)
{
	if (l->n == 0)
		return;
	l->sel = i < l->n ? i : l->n - 1;
	listnav_scroll(l, height);
}

bool listnav_command(struct listnav *l, int cmd, int height)
{
	size_t page = height > 1 ? (size_t)height - 1 : 1;
	switch (cmd) {
	case CMD_DOWN:
		if (l->sel + 1 < l->n)
			l->sel++;
		break;
	case CMD_UP:
		if (l->sel > 0)
			l->sel--;
		break;
	case CMD_PAGE_DOWN:
		l->sel = l->sel + page < l->n ? l->sel + page : (l->n ? l->n - 1 : 0);
		l->top += page;
		break;
	case CMD_PAGE_UP:
		l->sel = l->sel > page ? l->sel - page : 0;
		l->top = l->top > page ? l->top - page : 0;
		break;
	case CMD_FIRST:
		l->sel = 0;
		break;
	case CMD_LAST:
		l->sel = l->n ? l->n - 1 : 0;
		break;
	default:
		return false;
	}
	listnav_scroll(l, height);
	return true;
}
