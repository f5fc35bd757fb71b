/* prompt: a one-line GNU readline editor drawn in a curses window.
 *
 * Readline runs through its callback interface and reads bytes from a queue
 * that prompt_key() fills, so the prompt is fed by the app's single input
 * function like every other part of the TUI (key scripts drive it too).
 * Readline never touches the terminal: no signal handlers, no termios, no
 * environment changes, output to /dev/null; the line is drawn by our
 * redisplay hook with wcwidth-correct cursor placement. Esc and Ctrl-C
 * cancel. Each kind of prompt has its own history; the command history is
 * kept in a file between sessions.
 */
#ifndef OSMO_UI_PROMPT_H
#define OSMO_UI_PROMPT_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "theme.h"

enum prompt_kind {
	PROMPT_COMMAND,   /* ":" commands; history saved to a file */
	PROMPT_SEARCH,    /* "/" search text */
	PROMPT_VALUE,     /* a field value */
	PROMPT_FILE,      /* a file name */
	PROMPT_KINDS
};

enum prompt_result {
	PROMPT_EDITING,   /* still open */
	PROMPT_ACCEPTED,  /* Enter: the line is returned */
	PROMPT_CANCELLED, /* Esc, Ctrl-C, Ctrl-D on an empty line */
};

/* Completion callback: append to out, one per line, the words that may
 * replace line[start..end) (the word before the cursor, which starts after
 * the last blank). Set *append to the character to add after a unique match
 * (' ' or '\0'). Returns the number of candidates. */
typedef size_t prompt_complete_fn(void *ctx, const char *line, int start, int end,
				  struct buf *out, char *append);

struct prompt;

/* The prompt (one per process: readline is global). history_path may be
 * NULL (no persistent history). Returns NULL when out of memory. */
struct prompt *prompt_new(const char *history_path);
/* Save the command history (creating its directory) and free. */
void prompt_free(struct prompt *p);
/* Open a prompt of kind with label, prefilled with initial (may be NULL),
 * drawing in w (one row) with theme th. complete may be NULL. */
void prompt_open(struct prompt *p, WINDOW *w, const struct theme *th, enum prompt_kind kind,
		 const char *label, const char *initial, prompt_complete_fn *complete, void *ctx);
/* True while a prompt is open. */
bool prompt_active(const struct prompt *p);
/* The kind of the open prompt. */
enum prompt_kind prompt_kind(const struct prompt *p);
/* Feed one key (keys.h code). On PROMPT_ACCEPTED *line receives the line
 * (malloc'd, the caller frees it); the prompt is then closed. */
enum prompt_result prompt_key(struct prompt *p, int key, char **line);
/* Close the open prompt as if cancelled. */
void prompt_cancel(struct prompt *p);
/* Draw into a new window (after a resize). */
void prompt_set_window(struct prompt *p, WINDOW *w);
/* Draw the line and place the cursor (wnoutrefresh; the caller doupdates). */
void prompt_draw(struct prompt *p);
/* The completion candidates readline last asked to list (NULL-terminated,
 * borrowed; cleared by the next key), or NULL. */
char *const *prompt_matches(const struct prompt *p);
/* Append the file names that start with word (readline's filename
 * completion: directories get a '/'). Returns the count. */
size_t prompt_complete_files(const char *word, struct buf *out);
/* The current contents of the line (borrowed). */
const char *prompt_text(const struct prompt *p);

#endif
