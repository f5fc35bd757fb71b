/* app_recover: the app's side of autosave and recovery (see app_int.h and
 * autosave.h).
 *
 * When a file is opened and an earlier run left a copy of unsaved work
 * that differs from the file, the app asks, like vim's swap file does:
 * recover it (the copy replaces the text as one undo step, so `u` shows the
 * file as on disk), open the file as it is (the copy is kept for later and
 * left alone), or delete the copy. Esc keeps the copy.
 */
#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "session.h"

static void recovery_answer(struct app *app, int answer, void *ctx)
{
	(void)ctx;
	struct session *s = app->sess;
	if (!s)
		return;
	const char *path = session_path(s);
	struct buf msg = BUF_INIT;
	if (answer == 'r') {
		char *text;
		size_t len;
		int found = autosave_find(&app->autosave, path, &text, &len, &msg);
		if (found == 1 && session_recover(s, text, len, &msg) == 0) {
			autosave_adopt(&app->autosave, path);
			app_data_changed(app);
			app_message(app, ROLE_NORMAL, "Recovered the unsaved changes to %s (u shows the file as on disk)",
				    path);
		} else if (found == 0) {
			app_message(app, ROLE_WARNING, "The recovery copy of %s is gone", path);
		} else {
			app_message(app, ROLE_ERROR, "Cannot recover %s: %s", path, buf_cstr(&msg));
		}
		free(text);
	} else if (answer == 'd') {
		if (autosave_discard(&app->autosave, path, &msg) < 0)
			app_message(app, ROLE_ERROR, "Cannot delete the recovery copy: %s", buf_cstr(&msg));
		else
			app_message(app, ROLE_NORMAL, "Deleted the recovery copy of %s", path);
	} else {
		autosave_hold(&app->autosave, path);
		app_message(app, ROLE_WARNING, "Kept the recovery copy of %s (no autosave of it until the next start)",
			    path);
	}
	buf_free(&msg);
}

void app_offer_recovery(struct app *app)
{
	struct session *s = app->sess;
	if (!s)
		return;
	const char *path = session_path(s);
	char *text;
	size_t len;
	struct buf msg = BUF_INIT;
	int found = autosave_find(&app->autosave, path, &text, &len, &msg);
	free(text);
	if (found < 0) {
		app_message(app, ROLE_ERROR, "Cannot read the recovery copy of %s: %s", path, buf_cstr(&msg));
	} else if (found == 1 && app->opt.readonly) {
		autosave_hold(&app->autosave, path);
		app_message(app, ROLE_WARNING, "%s has a recovery copy; open it without --readonly to recover it",
			    path);
	} else if (found == 1) {
		buf_printf(&msg, "Unsaved changes to %s were found: (r)ecover, (o)pen as on disk, (d)elete", path);
		app_ask(app, buf_cstr(&msg), "rod", recovery_answer, NULL);
	}
	buf_free(&msg);
}

void app_autosave_idle(struct app *app)
{
	struct buf msg = BUF_INIT;
	if (autosave_idle(&app->autosave, app->sess, &msg) < 0)
		app_message(app, ROLE_ERROR, "Cannot write the recovery copy: %s", buf_cstr(&msg));
	buf_free(&msg);
}
