/* views: the table of views (see views.h). New views add a row here. */
#include "views.h"

#include <string.h>

const struct view_entry views_table[] = {
	{ "start", &view_start_ops },
	{ "outline", &view_outline_ops },
	{ "form", &view_form_ops },
	{ "dag", NULL },
	{ "resources", NULL },
	{ "cookbook", NULL },
	{ "preview", NULL },
	{ "problems", &view_problems_ops },
	{ "help", &view_help_ops },
};

const size_t views_count = sizeof views_table / sizeof views_table[0];

int views_find(const char *name)
{
	for (size_t i = 0; i < views_count; i++)
		if (strcmp(views_table[i].name, name) == 0)
			return (int)i;
	return -1;
}
