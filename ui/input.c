/* input: script events first, then the terminal (see input.h).
 *
 * Terminal reads are blocking wget_wch() calls; ncurses turns SIGWINCH into
 * KEY_RESIZE by itself, so no signal handler of ours is involved. A terminal
 * that keeps failing (stdin closed) ends the input instead of spinning.
 */
#include "input.h"

#include <stdlib.h>
#include <string.h>

#define MAX_READ_ERRORS 100

struct input {
	struct key_script script;
	size_t next;
	bool read_tty_after;
};

struct input *input_new(struct key_script *script, bool read_tty_after)
{
	struct input *in = calloc(1, sizeof *in);
	if (!in)
		return NULL;
	if (script) {
		in->script = *script;
		memset(script, 0, sizeof *script);
	}
	in->read_tty_after = read_tty_after;
	return in;
}

void input_free(struct input *in)
{
	if (!in)
		return;
	keys_script_free(&in->script);
	free(in);
}

bool input_scripted(const struct input *in)
{
	return in->next < in->script.n;
}

static void mouse_event(struct key_event *ev)
{
	MEVENT me;
	if (getmouse(&me) != OK) {
		ev->kind = KEV_KEY;
		ev->key = KEYS_NONE;
		return;
	}
	ev->kind = KEV_MOUSE;
	ev->x = me.x;
	ev->y = me.y;
	if (me.bstate & BUTTON4_PRESSED)
		ev->button = KEYS_MOUSE_WHEEL_UP;
	else if (me.bstate & BUTTON5_PRESSED)
		ev->button = KEYS_MOUSE_WHEEL_DOWN;
	else
		ev->button = KEYS_MOUSE_CLICK;
}

void input_next(struct input *in, WINDOW *w, struct key_event *ev)
{
	memset(ev, 0, sizeof *ev);
	if (in->next < in->script.n) {
		*ev = in->script.v[in->next++];
		return;
	}
	if (!in->read_tty_after) {
		ev->kind = KEV_EOF;
		return;
	}
	for (int errors = 0; errors < MAX_READ_ERRORS; errors++) {
		wint_t wc;
		int rc = wget_wch(w, &wc);
		if (rc == ERR)
			continue;   /* interrupted, or stdin gone: bounded retry */
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE) {
			ev->kind = KEV_RESIZE;
			return;
		}
		if (rc == KEY_CODE_YES && wc == KEY_MOUSE) {
			mouse_event(ev);
			return;
		}
		ev->kind = KEV_KEY;
		ev->key = keys_from_curses(rc, (unsigned int)wc);
		return;
	}
	ev->kind = KEV_EOF;
}
