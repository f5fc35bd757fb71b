/* input: the single source of key events.
 *
 * Every key the TUI handles comes through input_next(): first the events of
 * a key script (OSMO_TUI_SCRIPT, the test seam), then the terminal. Because
 * prompts, views and dialogs all read from here, a script drives everything
 * the keyboard can.
 */
#ifndef OSMO_UI_INPUT_H
#define OSMO_UI_INPUT_H

#include <curses.h>
#include <stdbool.h>

#include "keys.h"

struct input;

/* An input that first replays script (taken; may be NULL), then reads the
 * terminal when read_tty_after is true, else reports KEV_EOF. */
struct input *input_new(struct key_script *script, bool read_tty_after);
/* Free the input and its script. */
void input_free(struct input *in);
/* The next event. Terminal keys are read with wget_wch(w) (blocking). */
void input_next(struct input *in, WINDOW *w, struct key_event *ev);
/* True while script events remain. */
bool input_scripted(const struct input *in);

#endif
