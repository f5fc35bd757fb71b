/* prompt: GNU readline's callback interface inside a curses window.
 *
 * The recipe (docs/toolchain facts, verified here): no readline signal
 * handling, no SIGWINCH handling, no environment changes, no terminal
 * preparation (curses owns termios), input from our byte queue through
 * rl_getc_function, output to /dev/null, and three hooks: redisplay (draw
 * the line ourselves), completion (our candidates) and completion display
 * (keep the list for the app to draw). Keys arrive as keys.h codes and are
 * turned into the byte sequences readline's default bindings expect.
 *
 * Readline state is global, so the prompt object is a singleton; `cur`
 * points at it for the hooks.
 */
#include "prompt.h"

#include <errno.h>
#include <readline/history.h>
#include <readline/readline.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <wchar.h>

#include "draw.h"
#include "keys.h"

#define QUEUE_MAX 64
#define HISTORY_MAX 500

struct prompt {
	WINDOW *win;
	const struct theme *theme;
	enum prompt_kind kind;
	bool active;
	bool accepted, eof;
	char *line;                 /* accepted line */
	unsigned char queue[QUEUE_MAX];
	size_t qhead, qlen;
	prompt_complete_fn *complete;
	void *ctx;
	char **matches;             /* last list to display, NULL-terminated */
	size_t hscroll;             /* first byte of the line shown */
	char *history_path;
	bool history_changed;
	HISTORY_STATE *hist[PROMPT_KINDS];
	enum prompt_kind hist_kind; /* whose history readline holds now */
	struct buf cands;           /* candidates of the running completion */
	size_t cand_pos;
	FILE *devnull;
};

static struct prompt *cur;

/* --- byte queue read by readline --- */

static int queue_getc(FILE *f)
{
	(void)f;
	if (!cur || cur->qlen == 0)
		return EOF;
	int c = cur->queue[cur->qhead];
	cur->qhead = (cur->qhead + 1) % QUEUE_MAX;
	cur->qlen--;
	return c;
}

static int queue_available(void)
{
	return cur && cur->qlen > 0;
}

static void queue_put(struct prompt *p, const char *bytes, size_t n)
{
	for (size_t i = 0; i < n && p->qlen < QUEUE_MAX; i++) {
		p->queue[(p->qhead + p->qlen) % QUEUE_MAX] = (unsigned char)bytes[i];
		p->qlen++;
	}
}

/* The bytes readline's default (emacs) bindings expect for a key. */
static size_t key_bytes(int key, char *out)
{
	static const struct {
		int key;
		const char *seq;
	} seqs[] = {
		{ KEYS_FN_KEY(KEY_LEFT), "\033[D" },  { KEYS_FN_KEY(KEY_RIGHT), "\033[C" },
		{ KEYS_FN_KEY(KEY_UP), "\033[A" },    { KEYS_FN_KEY(KEY_DOWN), "\033[B" },
		{ KEYS_FN_KEY(KEY_HOME), "\033[H" },  { KEYS_FN_KEY(KEY_END), "\033[F" },
		{ KEYS_FN_KEY(KEY_DC), "\033[3~" },   { KEYS_FN_KEY(KEY_BACKSPACE), "\177" },
	};
	for (size_t i = 0; i < sizeof seqs / sizeof seqs[0]; i++)
		if (seqs[i].key == key) {
			strcpy(out, seqs[i].seq);
			return strlen(out);
		}
	if (key & KEYS_FN)
		return 0;     /* other function keys mean nothing to the line */
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t r = wcrtomb(out, (wchar_t)key, &st);
	return r == (size_t)-1 ? 0 : r;
}

/* --- history: one readline history per prompt kind --- */

static void use_history(struct prompt *p, enum prompt_kind kind)
{
	if (p->hist_kind == kind)
		return;
	free(p->hist[p->hist_kind]);
	p->hist[p->hist_kind] = history_get_history_state();
	if (p->hist[kind]) {
		history_set_history_state(p->hist[kind]);
	} else {
		HISTORY_STATE empty;
		memset(&empty, 0, sizeof empty);
		history_set_history_state(&empty);
		stifle_history(HISTORY_MAX);
	}
	p->hist_kind = kind;
}

static void remember(struct prompt *p, const char *line)
{
	if (!*line)
		return;
	HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
	if (last && strcmp(last->line, line) == 0)
		return;
	add_history(line);
	if (p->kind == PROMPT_COMMAND)
		p->history_changed = true;
}

/* mkdir -p of the directory holding path. */
static int make_parent_dirs(const char *path)
{
	char *dir = strdup(path);
	if (!dir)
		return -1;
	char *slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		for (char *s = dir + 1; *s; s++) {
			if (*s != '/')
				continue;
			*s = '\0';
			if (mkdir(dir, 0700) < 0 && errno != EEXIST)
				break;
			*s = '/';
		}
		if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
			free(dir);
			return -1;
		}
	}
	free(dir);
	return 0;
}

/* --- readline hooks --- */

static void clear_matches(struct prompt *p)
{
	if (!p->matches)
		return;
	for (size_t i = 0; p->matches[i]; i++)
		free(p->matches[i]);
	free(p->matches);
	p->matches = NULL;
}

static void show_matches(char **matches, int n, int maxlen)
{
	(void)maxlen;
	if (!cur)
		return;
	clear_matches(cur);
	cur->matches = calloc((size_t)n + 1, sizeof *cur->matches);
	if (!cur->matches)
		return;
	for (int i = 0; i < n; i++)
		cur->matches[i] = strdup(matches[i + 1]);
}

static char *next_candidate(const char *text, int state)
{
	(void)text;
	if (!cur)
		return NULL;
	if (state == 0)
		cur->cand_pos = 0;
	const char *s = buf_cstr(&cur->cands);
	size_t len = cur->cands.len;
	while (cur->cand_pos < len) {
		const char *nl = memchr(s + cur->cand_pos, '\n', len - cur->cand_pos);
		size_t end = nl ? (size_t)(nl - s) : len;
		size_t start = cur->cand_pos;
		cur->cand_pos = end + 1;
		if (end > start)
			return strndup(s + start, end - start);
	}
	return NULL;
}

static char **attempt_completion(const char *text, int start, int end)
{
	rl_attempted_completion_over = 1;
	if (!cur || !cur->complete)
		return NULL;
	buf_reset(&cur->cands);
	char append = ' ';
	size_t n = cur->complete(cur->ctx, rl_line_buffer, start, end, &cur->cands, &append);
	rl_completion_append_character = append;
	if (n == 0)
		return NULL;
	return rl_completion_matches(text, next_candidate);
}

static void on_line(char *line)
{
	if (!cur)
		return;
	if (line) {
		cur->accepted = true;
		cur->line = line;
	} else {
		cur->eof = true;
	}
	rl_callback_handler_remove();
}

static void redisplay(void)
{
	if (cur)
		prompt_draw(cur);
}

/* --- public --- */

struct prompt *prompt_new(const char *history_path)
{
	struct prompt *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->devnull = fopen("/dev/null", "w");
	if (history_path)
		p->history_path = strdup(history_path);
	cur = p;
	rl_readline_name = "osmo-tui";
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	rl_prep_term_function = NULL;
	rl_deprep_term_function = NULL;
	rl_getc_function = queue_getc;
	rl_input_available_hook = queue_available;
	rl_redisplay_function = redisplay;
	rl_completion_display_matches_hook = show_matches;
	rl_attempted_completion_function = attempt_completion;
	rl_completer_word_break_characters = " \t";
	rl_instream = stdin;
	if (p->devnull)
		rl_outstream = p->devnull;
	rl_initialize();
	rl_variable_bind("bell-style", "none");
	rl_variable_bind("show-all-if-ambiguous", "on");
	rl_variable_bind("horizontal-scroll-mode", "on");
	using_history();
	stifle_history(HISTORY_MAX);
	p->hist_kind = PROMPT_COMMAND;
	if (p->history_path)
		read_history(p->history_path);
	return p;
}

void prompt_free(struct prompt *p)
{
	if (!p)
		return;
	if (p->active)
		prompt_cancel(p);
	use_history(p, PROMPT_COMMAND);
	if (p->history_path && p->history_changed && make_parent_dirs(p->history_path) == 0)
		write_history(p->history_path);
	/* free every kind's entries and array (clear_history keeps the array) */
	for (int k = 0; k < PROMPT_KINDS; k++) {
		use_history(p, (enum prompt_kind)k);
		clear_history();
		HISTORY_STATE *st = history_get_history_state();
		if (st) {
			free(st->entries);
			free(st);
		}
		HISTORY_STATE empty;
		memset(&empty, 0, sizeof empty);
		history_set_history_state(&empty);
		free(p->hist[k]);
		p->hist[k] = NULL;
	}
	for (int k = 0; k < PROMPT_KINDS; k++)
		free(p->hist[k]);   /* the empty snapshots taken while switching */
	clear_matches(p);
	buf_free(&p->cands);
	free(p->line);
	free(p->history_path);
	rl_outstream = stdout;
	if (p->devnull)
		fclose(p->devnull);
	if (cur == p)
		cur = NULL;
	free(p);
}

void prompt_open(struct prompt *p, WINDOW *w, const struct theme *th, enum prompt_kind kind,
		 const char *label, const char *initial, prompt_complete_fn *complete, void *ctx)
{
	if (p->active)
		prompt_cancel(p);
	cur = p;
	p->win = w;
	p->theme = th;
	p->kind = kind;
	p->complete = complete;
	p->ctx = ctx;
	p->accepted = p->eof = false;
	p->qhead = p->qlen = 0;
	p->hscroll = 0;
	free(p->line);
	p->line = NULL;
	clear_matches(p);
	use_history(p, kind);
	p->active = true;
	curs_set(1);
	rl_callback_handler_install(label, on_line);
	if (initial && *initial) {
		rl_insert_text(initial);
		rl_point = rl_end;
	}
	prompt_draw(p);
}

bool prompt_active(const struct prompt *p)
{
	return p && p->active;
}

enum prompt_kind prompt_kind(const struct prompt *p)
{
	return p->kind;
}

static void close_prompt(struct prompt *p)
{
	p->active = false;
	curs_set(0);
	werase(p->win);
	wnoutrefresh(p->win);
}

void prompt_cancel(struct prompt *p)
{
	if (!p->active)
		return;
	rl_callback_sigcleanup();
	rl_replace_line("", 0);
	rl_free_line_state();
	rl_callback_handler_remove();
	clear_matches(p);
	close_prompt(p);
}

enum prompt_result prompt_key(struct prompt *p, int key, char **line)
{
	*line = NULL;
	if (!p->active)
		return PROMPT_CANCELLED;
	if (key != KEYS_TAB)
		clear_matches(p);   /* the list stays up while Tab cycles */
	if (key == KEYS_ESC || key == KEYS_CTRL('c')) {
		prompt_cancel(p);
		return PROMPT_CANCELLED;
	}
	char bytes[8];
	size_t n = key_bytes(key, bytes);
	queue_put(p, bytes, n);
	while (p->qlen > 0 && !p->accepted && !p->eof)
		rl_callback_read_char();
	p->qlen = 0;
	if (p->accepted) {
		remember(p, p->line);
		*line = p->line;
		p->line = NULL;
		close_prompt(p);
		return PROMPT_ACCEPTED;
	}
	if (p->eof) {
		close_prompt(p);
		return PROMPT_CANCELLED;
	}
	return PROMPT_EDITING;
}

void prompt_set_window(struct prompt *p, WINDOW *w)
{
	p->win = w;
}

/* Byte length of the character at s (1 for invalid bytes). */
static size_t char_len(const char *s, size_t len)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t r = mbrlen(s, len, &st);
	return (r == (size_t)-1 || r == (size_t)-2 || r == 0) ? 1 : r;
}

void prompt_draw(struct prompt *p)
{
	if (!p->active || !p->win)
		return;
	WINDOW *w = p->win;
	int width = getmaxx(w);
	const char *label = rl_display_prompt ? rl_display_prompt : "";
	const char *text = rl_line_buffer ? rl_line_buffer : "";
	size_t point = rl_point > 0 ? (size_t)rl_point : 0;
	size_t end = strlen(text);
	if (point > end)
		point = end;
	werase(w);
	int lw = draw_text(w, 0, 0, width - 1, label, theme_attr(p->theme, ROLE_PROMPT));
	int avail = width - lw - 1;
	if (avail < 1)
		avail = 1;
	/* scroll horizontally so the cursor stays visible */
	if (p->hscroll > point)
		p->hscroll = point;
	while (p->hscroll < point && draw_width(text + p->hscroll, point - p->hscroll) > avail)
		p->hscroll += char_len(text + p->hscroll, end - p->hscroll);
	draw_text(w, 0, lw, avail, text + p->hscroll, theme_attr(p->theme, ROLE_NORMAL));
	int cx = lw + draw_width(text + p->hscroll, point - p->hscroll);
	wmove(w, 0, cx < width ? cx : width - 1);
	wnoutrefresh(w);
}

char *const *prompt_matches(const struct prompt *p)
{
	return p->matches;
}

const char *prompt_text(const struct prompt *p)
{
	return p->active && rl_line_buffer ? rl_line_buffer : "";
}

size_t prompt_complete_files(const char *word, struct buf *out)
{
	size_t n = 0;
	char *m;
	for (int state = 0; n < 10000 && (m = rl_filename_completion_function(word, state)); state++) {
		buf_puts(out, m);
		buf_putc(out, '\n');
		free(m);
		n++;
	}
	return n;
}
