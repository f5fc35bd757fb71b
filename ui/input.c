/* input: script events first, then the terminal (see input.h).
 *
 * Terminal reads are wget_wch() calls; ncurses turns SIGWINCH into
 * KEY_RESIZE by itself, so no signal handler of ours is involved (reads
 * time out twice a second so that a resize is never left waiting). A terminal
 * that keeps failing (stdin closed) ends the input instead of spinning.
 * With a timeout (the autosave's idle timer) wget_wch waits at most that
 * long; an error that comes back much sooner is a failing terminal, not
 * idleness, and counts towards the limit.
 */
#include "input.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_READ_ERRORS 100
/* ncurses notices SIGWINCH when a read starts or is interrupted by it; a
 * signal that lands between the two would wait for the next key. Reads
 * wake up at least this often, and the next read sees the resize. */
#define RESIZE_POLL_MS 500

struct input {
	struct key_script script;
	size_t next;
	bool read_tty_after;
	bool lost;
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

bool input_lost(const struct input *in)
{
	return in->lost;
}

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
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

void input_next(struct input *in, WINDOW *w, int timeout_ms, struct key_event *ev)
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
	double start = now_ms();
	for (int errors = 0; errors < MAX_READ_ERRORS;) {
		double waited = now_ms() - start;
		if (timeout_ms >= 0 && waited >= timeout_ms) {
			ev->kind = KEV_IDLE;
			wtimeout(w, -1);
			return;
		}
		int slice = RESIZE_POLL_MS;
		if (timeout_ms >= 0 && timeout_ms - waited < slice)
			slice = (int)(timeout_ms - waited);
		wtimeout(w, slice);
		wint_t wc;
		double t0 = now_ms();
		int rc = wget_wch(w, &wc);
		if (rc == ERR) {
			/* a slice that ran out is waiting; an error much sooner is a
			 * failing terminal (or another signal): bounded */
			if (slice > 0 && now_ms() - t0 < slice / 2.0)
				errors++;
			continue;
		}
		wtimeout(w, -1);
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
	wtimeout(w, -1);
	in->lost = true;
	ev->kind = KEV_EOF;
}
