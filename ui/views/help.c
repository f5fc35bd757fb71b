/* help: the `?` palette: every command of the command table with its keys
 * and description. Typing filters (all words must match the name, keys,
 * description or group); Enter runs the selected command in the view the
 * palette was opened from (commands that need an argument open the prompt
 * with the command name typed); Esc goes back.
 */
#include <stdlib.h>
#include <string.h>

#include "chrome.h"
#include "commands.h"
#include "draw.h"
#include "keys.h"
#include "listnav.h"
#include "views.h"

struct help {
	struct buf filter;
	int rows[CMD_COUNT];
	struct listnav nav;
};

static const int help_cmds[] = {
	CMD_DOWN, CMD_UP, CMD_PAGE_DOWN, CMD_PAGE_UP, CMD_FIRST, CMD_LAST, CMD_SELECT, CMD_BACK, CMD_NONE,
};

/* Lower-case ASCII copy. */
static void lower(struct buf *b, const char *s)
{
	for (; *s; s++)
		buf_putc(b, *s >= 'A' && *s <= 'Z' ? (char)(*s + 32) : *s);
}

static bool matches(int id, const char *filter)
{
	struct buf hay = BUF_INIT, words = BUF_INIT;
	const struct command *c = &commands[id];
	lower(&hay, c->name);
	buf_putc(&hay, ' ');
	lower(&hay, c->help);
	buf_putc(&hay, ' ');
	lower(&hay, c->group);
	buf_putc(&hay, ' ');
	struct buf keys = BUF_INIT;
	cmd_keys_label(id, " ", &keys);
	lower(&hay, buf_cstr(&keys));
	buf_free(&keys);
	lower(&words, filter);
	bool ok = true;
	char *save = NULL;
	for (char *w = strtok_r(words.data ? words.data : (char *)"", " ", &save); w && ok;
	     w = strtok_r(NULL, " ", &save))
		ok = strstr(buf_cstr(&hay), w) != NULL;
	buf_free(&hay);
	buf_free(&words);
	return ok;
}

static void refilter(struct help *h)
{
	size_t n = 0;
	for (int id = 0; id < CMD_COUNT; id++)
		if (matches(id, buf_cstr(&h->filter)))
			h->rows[n++] = id;
	listnav_set_count(&h->nav, n);
}

static int help_open(struct view *v, struct app *app)
{
	(void)app;
	struct help *h = calloc(1, sizeof *h);
	if (!h)
		return -1;
	v->priv = h;
	refilter(h);
	return 0;
}

static void help_close(struct view *v)
{
	struct help *h = v->priv;
	buf_free(&h->filter);
	free(h);
	v->priv = NULL;
}

static void help_enter(struct view *v, struct app *app)
{
	struct help *h = v->priv;
	(void)app;
	buf_reset(&h->filter);
	h->nav.sel = h->nav.top = 0;
	refilter(h);
}

static void help_recalc(struct view *v, struct app *app)
{
	struct help *h = v->priv;
	refilter(h);
	listnav_scroll(&h->nav, app_main_height(app) - 2);
}

#define KEYS_COL 1
#define NAME_COL 20

static void help_draw(struct view *v, struct app *app, WINDOW *w)
{
	struct help *h = v->priv;
	const struct theme *th = app_theme(app);
	int cols = getmaxx(w), rows = getmaxy(w);
	int x = draw_text(w, 0, 1, cols - 2, "Filter: ", theme_attr(th, ROLE_PROMPT)) + 1;
	x += draw_text(w, 0, x, cols - x - 1, buf_cstr(&h->filter), theme_attr(th, ROLE_MATCH));
	draw_text(w, 0, x, 1, "_", theme_attr(th, ROLE_DIM));
	char count[64];
	snprintf(count, sizeof count, "%zu of %d commands", h->nav.n, CMD_COUNT);
	int cw = (int)strlen(count);
	if (x + cw + 3 < cols)
		draw_text(w, 0, cols - cw - 1, cw, count, theme_attr(th, ROLE_DIM));
	if (rows < 3)
		return;
	draw_text(w, 1, KEYS_COL, cols, "Keys", theme_attr(th, ROLE_HEADER));
	draw_text(w, 1, NAME_COL, cols, "Command", theme_attr(th, ROLE_HEADER));
	int desc_col = NAME_COL + 22 < cols - 10 ? NAME_COL + 22 : NAME_COL;
	if (desc_col > NAME_COL)
		draw_text(w, 1, desc_col, cols, "Description", theme_attr(th, ROLE_HEADER));
	int height = rows - 2;
	listnav_scroll(&h->nav, height);
	if (h->nav.n == 0) {
		draw_text(w, 2, 1, cols - 2, "No command matches; Backspace edits the filter.",
			  theme_attr(th, ROLE_DIM));
		return;
	}
	const char *ell = theme_glyph(th, GLYPH_ELLIPSIS);
	for (int y = 0; y < height && h->nav.top + (size_t)y < h->nav.n; y++) {
		size_t i = h->nav.top + (size_t)y;
		int id = h->rows[i];
		bool sel = i == h->nav.sel;
		attr_t base = sel ? theme_attr(th, ROLE_SELECTION) : theme_attr(th, ROLE_NORMAL);
		if (sel)
			draw_fill(w, 2 + y, 0, cols, base);
		struct buf keys = BUF_INIT, name = BUF_INIT;
		cmd_keys_label(id, ", ", &keys);
		buf_printf(&name, ":%s%s%s", commands[id].name, commands[id].args ? " " : "",
			   commands[id].args ? commands[id].args : "");
		draw_text_clip(w, 2 + y, KEYS_COL, NAME_COL - KEYS_COL - 1, buf_cstr(&keys), ell,
			       sel ? base : theme_attr(th, ROLE_KEY));
		draw_text_clip(w, 2 + y, NAME_COL, desc_col - NAME_COL - 1, buf_cstr(&name), ell, base);
		if (desc_col > NAME_COL)
			draw_text_clip(w, 2 + y, desc_col, cols - desc_col - 1, commands[id].help, ell,
				       sel ? base : theme_attr(th, ROLE_DIM));
		buf_free(&keys);
		buf_free(&name);
	}
}

static void help_draw_pane(struct view *v, struct app *app, WINDOW *w)
{
	struct help *h = v->priv;
	const struct theme *th = app_theme(app);
	int cols = getmaxx(w), rows = getmaxy(w);
	chrome_draw_pane_header(app, w, "Command");
	if (h->nav.n == 0 || rows < 3)
		return;
	int id = h->rows[h->nav.sel];
	const struct command *c = &commands[id];
	struct buf line = BUF_INIT;
	buf_printf(&line, ":%s%s%s", c->name, c->args ? " " : "", c->args ? c->args : "");
	int x = draw_text(w, 1, 1, cols - 2, buf_cstr(&line), theme_attr(th, ROLE_FIELD) | A_BOLD);
	buf_reset(&line);
	cmd_keys_label(id, ", ", &line);
	if (line.len) {
		x += draw_text(w, 1, 1 + x, cols - x - 2, "  keys: ", theme_attr(th, ROLE_DIM));
		draw_text(w, 1, 1 + x, cols - x - 2, buf_cstr(&line), theme_attr(th, ROLE_KEY));
	}
	draw_text(w, 2, 1, cols - 2, c->help, theme_attr(th, ROLE_NORMAL));
	if (rows > 4)
		draw_text(w, 3, 1, cols - 2,
			  "Type to filter; : opens the prompt (Tab completes, Up recalls, Esc cancels)",
			  theme_attr(th, ROLE_DIM));
	buf_free(&line);
}

static enum view_result help_command(struct view *v, struct app *app, int cmd, const char *args)
{
	struct help *h = v->priv;
	(void)args;
	if (listnav_command(&h->nav, cmd, app_main_height(app) - 2)) {
		app_dirty(app, DIRTY_MAIN | DIRTY_PANE);
		return VIEW_DONE;
	}
	if (cmd == CMD_BACK) {
		app_back(app);
		return VIEW_DONE;
	}
	if (cmd == CMD_SELECT && h->nav.n) {
		int id = h->rows[h->nav.sel];
		app_back(app);
		app_exec(app, id, "");
		return VIEW_DONE;
	}
	return VIEW_PASS;
}

static enum view_result help_key(struct view *v, struct app *app, int key)
{
	struct help *h = v->priv;
	if (key == keys_backspace()) {
		if (h->filter.len) {
			/* drop the last UTF-8 character */
			size_t n = h->filter.len - 1;
			while (n > 0 && (h->filter.data[n] & 0xC0) == 0x80)
				n--;
			buf_truncate(&h->filter, n);
		}
	} else if (key == KEYS_CTRL('u')) {
		buf_reset(&h->filter);
	} else if (key == ':') {
		return VIEW_PASS;   /* the command prompt, as everywhere */
	} else if (key >= ' ' && !(key & KEYS_FN) && key != 127) {
		keys_put_char(key, &h->filter);
	} else {
		return VIEW_PASS;
	}
	h->nav.sel = h->nav.top = 0;
	refilter(h);
	app_dirty(app, DIRTY_MAIN | DIRTY_PANE);
	return VIEW_DONE;
}

static const char *help_hint(int cmd)
{
	if (cmd == CMD_SELECT)
		return "run";
	return NULL;
}

const struct view_ops view_help_ops = {
	.name = "help",
	.hint = help_hint,
	.title = "Help: commands and keys",
	.cmds = help_cmds,
	.typing = true,
	.open = help_open,
	.close = help_close,
	.enter = help_enter,
	.recalc = help_recalc,
	.draw = help_draw,
	.draw_pane = help_draw_pane,
	.command = help_command,
	.key = help_key,
};
