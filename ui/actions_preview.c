/* actions_preview: the global handlers of the cookbook browser, the
 * template preview and the template values (see actions.h).
 *
 * `:let NAME=VALUE` overrides a template value exactly as `--set` does on
 * the command line; the value lives in the session, so the problems, the
 * title's counts and the preview all follow it at once.
 */
#include "actions.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "session.h"

void act_view_cookbook(struct app *app, const char *args)
{
	(void)args;
	app_show_view(app, "cookbook");
}

void act_view_preview(struct app *app, const char *args)
{
	(void)args;
	app_show_view(app, "preview");
}

void act_let(struct app *app, const char *args)
{
	struct session *s = app_session(app);
	if (!s)
		return;   /* CMDF_DOC: the app said so */
	const char *eq = strchr(args, '=');
	size_t klen = eq ? (size_t)(eq - args) : strlen(args);
	while (klen && (args[klen - 1] == ' ' || args[klen - 1] == '\t'))
		klen--;
	char *key = strndup(args, klen);
	const char *value = NULL;
	if (eq) {
		value = eq + 1;
		while (*value == ' ' || *value == '\t')
			value++;
	}
	struct buf msg = BUF_INIT;
	if (!key || session_let(s, key, value, &msg) < 0) {
		app_message(app, ROLE_ERROR, "let: %s", msg.len ? buf_cstr(&msg) : "out of memory");
	} else {
		app_data_changed(app);
		if (value)
			app_message(app, ROLE_NORMAL, "Template value %s=%s", key, value);
		else
			app_message(app, ROLE_NORMAL, "Template value %s: back to its default", key);
	}
	buf_free(&msg);
	free(key);
}
