/* actions: the global handlers of the command table (commands.h).
 *
 * Each takes the app and the command's arguments ("" when none). View
 * specific behaviour (movement, folding, search) lives in the views.
 */
#ifndef OSMO_UI_ACTIONS_H
#define OSMO_UI_ACTIONS_H

#include "commands.h"

cmd_run_fn act_help, act_prompt, act_quit, act_quit_force, act_redraw, act_suspend, act_pane,
	act_screendump, act_write, act_write_quit, act_open, act_editor, act_undo, act_redo, act_set,
	act_view, act_view_outline, act_view_form, act_view_problems, act_back, act_goto, act_next_problem,
	act_prev_problem;

struct app;
/* Edit the scalar at path in $EDITOR (a multi-line value); the result is
 * set as a string, as one undo step. */
void act_edit_in_editor(struct app *app, const char *path);

#endif
