/* commands: the one table of everything a user can ask the TUI to do.
 *
 * Each row names a command (the word typed at the `:` prompt), its
 * arguments, its default keys (script notation, see keys.h), the help group,
 * an optional short label for the hint bar, flags, the global handler (NULL
 * when only views handle it) and a one-line description. The keymap, the `?`
 * palette, the hint bar, `:` completion and the man page key section are all
 * generated from this table: add a command once, here.
 */
#ifndef OSMO_UI_COMMANDS_H
#define OSMO_UI_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"

struct app;

/* Flags. */
enum {
	CMDF_EDIT = 1 << 0,     /* changes the document: refused with --readonly */
	CMDF_DOC = 1 << 1,      /* needs an open document */
	CMDF_VIEW_HINT = 1 << 2, /* hint shown only in views that list it */
};

/* _(ID, name, args, keys, group, hint, flags, run, help) */
#define COMMANDS(_) \
	_(HELP, "help", NULL, "? <F1>", "Global", "help", 0, act_help, \
	  "Show every command and its keys; type to filter, Enter runs the selected one") \
	_(PROMPT, "prompt", NULL, ":", "Global", "command", 0, act_prompt, \
	  "Open the command prompt (Tab completes, Up recalls history, Esc cancels)") \
	_(QUIT, "q", NULL, "q <C-c>", "Global", "quit", 0, act_quit, \
	  "Quit; asks first when there are unsaved changes") \
	_(QUIT_FORCE, "q!", NULL, NULL, "Global", NULL, 0, act_quit_force, \
	  "Quit and discard unsaved changes") \
	_(REDRAW, "redraw", NULL, "<C-l>", "Global", NULL, 0, act_redraw, \
	  "Redraw the whole screen") \
	_(SUSPEND, "suspend", NULL, "<C-z>", "Global", NULL, 0, act_suspend, \
	  "Suspend osmo-tui and return to the shell (resume with fg)") \
	_(PANE, "pane", NULL, "i", "Global", NULL, 0, act_pane, \
	  "Show or hide the detail pane") \
	_(SCREENDUMP, "screendump", "FILE", NULL, "Global", NULL, 0, act_screendump, \
	  "Write the visible screen to FILE as plain text") \
	_(WRITE, "w", "[FILE]", "<C-s>", "File", "save", CMDF_DOC | CMDF_EDIT, act_write, \
	  "Save the file (or save it as FILE); asks when it changed on disk") \
	_(WRITE_QUIT, "wq", NULL, NULL, "File", NULL, CMDF_DOC | CMDF_EDIT, act_write_quit, \
	  "Save the file and quit") \
	_(OPEN, "open", "FILE", NULL, "File", NULL, 0, act_open, \
	  "Open FILE for editing") \
	_(EDITOR, "editor", NULL, "E", "File", NULL, CMDF_DOC | CMDF_EDIT, act_editor, \
	  "Edit the whole file in $VISUAL or $EDITOR; re-checked when you return") \
	_(UNDO, "undo", NULL, "u", "Edit", "undo", CMDF_DOC | CMDF_EDIT, act_undo, \
	  "Undo the last change") \
	_(REDO, "redo", NULL, "<C-r>", "Edit", NULL, CMDF_DOC | CMDF_EDIT, act_redo, \
	  "Redo the last undone change") \
	_(SET, "set", "PATH=VALUE", NULL, "Edit", NULL, CMDF_DOC | CMDF_EDIT, act_set, \
	  "Set the value at PATH (e.g. set workflow.tasks[name=train].image=ubuntu:24.04)") \
	_(EDIT, "edit", NULL, "e", "Edit", "edit", CMDF_DOC | CMDF_EDIT, NULL, \
	  "Edit the selected value in the prompt (multi-line values in $EDITOR)") \
	_(ADD, "add", NULL, "a", "Edit", "add", CMDF_DOC | CMDF_EDIT, NULL, \
	  "Add a task, group, input, output, file, variable or field next to the selection") \
	_(DELETE, "delete", NULL, "d <Del>", "Edit", "delete", CMDF_DOC | CMDF_EDIT, NULL, \
	  "Delete the selected entry or item (u undoes)") \
	_(DUPLICATE, "duplicate", NULL, "D", "Edit", NULL, CMDF_DOC | CMDF_EDIT, NULL, \
	  "Copy the selected list item after it (a copied task is renamed NAME-copy)") \
	_(MOVE_UP, "move-up", NULL, "K", "Edit", NULL, CMDF_DOC | CMDF_EDIT, NULL, \
	  "Move the selected list item up") \
	_(MOVE_DOWN, "move-down", NULL, "J", "Edit", NULL, CMDF_DOC | CMDF_EDIT, NULL, \
	  "Move the selected list item down") \
	_(VIEW, "view", "NAME", NULL, "Views", NULL, 0, act_view, \
	  "Show a view: outline, form, dag, resources, cookbook, preview, problems, help") \
	_(VIEW_OUTLINE, "view outline", NULL, "o", "Views", NULL, CMDF_DOC, act_view_outline, \
	  "Show the outline of the spec") \
	_(VIEW_FORM, "view form", NULL, "f", "Views", "form", CMDF_DOC, act_view_form, \
	  "Show the fields of the selected task, group or other object as a form") \
	_(VIEW_PROBLEMS, "view problems", NULL, "p", "Views", "problems", CMDF_DOC, act_view_problems, \
	  "Show the list of problems") \
	_(BACK, "back", NULL, "<Esc>", "Views", "back", CMDF_VIEW_HINT, act_back, \
	  "Go back to the previous view") \
	_(DOWN, "down", NULL, "j <Down>", "Move", NULL, 0, NULL, \
	  "Move the selection down") \
	_(UP, "up", NULL, "k <Up>", "Move", NULL, 0, NULL, \
	  "Move the selection up") \
	_(PAGE_DOWN, "page-down", NULL, "<PageDown> <C-f>", "Move", NULL, 0, NULL, \
	  "Move down one page") \
	_(PAGE_UP, "page-up", NULL, "<PageUp> <C-b>", "Move", NULL, 0, NULL, \
	  "Move up one page") \
	_(FIRST, "first", NULL, "g <Home>", "Move", NULL, 0, NULL, \
	  "Go to the first row") \
	_(LAST, "last", NULL, "G <End>", "Move", NULL, 0, NULL, \
	  "Go to the last row") \
	_(SELECT, "select", NULL, "<Enter>", "Move", "select", 0, NULL, \
	  "Open, run or jump to the selected row") \
	_(FOLD, "fold", NULL, "h <Left>", "Outline", NULL, 0, NULL, \
	  "Fold the selected node, or go to its parent") \
	_(UNFOLD, "unfold", NULL, "l <Right>", "Outline", NULL, 0, NULL, \
	  "Unfold the selected node") \
	_(TOGGLE, "toggle", NULL, "<Space>", "Outline", "fold", 0, NULL, \
	  "Fold or unfold the selected node") \
	_(SEARCH, "search", "[TEXT]", "/", "Outline", "search", 0, NULL, \
	  "Search the outline for TEXT (prompts when none is given)") \
	_(SEARCH_NEXT, "search-next", NULL, "n", "Outline", NULL, 0, NULL, \
	  "Go to the next search match") \
	_(SEARCH_PREV, "search-prev", NULL, "N", "Outline", NULL, 0, NULL, \
	  "Go to the previous search match") \
	_(GOTO, "goto", "NAME", NULL, "Outline", NULL, CMDF_DOC, act_goto, \
	  "Go to the task, group or resource profile named NAME") \
	_(NEXT_PROBLEM, "next-problem", NULL, "]", "Problems", NULL, CMDF_DOC, act_next_problem, \
	  "Go to the next problem") \
	_(PREV_PROBLEM, "prev-problem", NULL, "[", "Problems", NULL, CMDF_DOC, act_prev_problem, \
	  "Go to the previous problem")

#define CMD_ENUM_(id, ...) CMD_##id,
enum cmd_id { CMD_NONE = -1, COMMANDS(CMD_ENUM_) CMD_COUNT };
#undef CMD_ENUM_

typedef void cmd_run_fn(struct app *app, const char *args);

struct command {
	const char *name;     /* as typed at the prompt ("view outline") */
	const char *args;     /* synopsis ("FILE", "[TEXT]") or NULL */
	const char *keys;     /* default keys, script notation, or NULL */
	const char *group;
	const char *hint;     /* label in the hint bar, or NULL */
	unsigned flags;
	cmd_run_fn *run;      /* global handler, or NULL (views only) */
	const char *help;
};

extern const struct command commands[CMD_COUNT];

#define CMD_MAX_KEYS 4

/* Build the keymap from the table. Returns 0, or -1 when a key name in the
 * table does not parse or a key is bound twice (a bug: tests check it). */
int cmd_keymap_init(void);
/* The command bound to key, or CMD_NONE. */
int cmd_for_key(int key);
/* The keys of command id (up to max). */
int cmd_keys(int id, int *keys, int max);
/* Append the key labels of id joined by sep ("j, Down"); nothing if none. */
void cmd_keys_label(int id, const char *sep, struct buf *out);
/* The command a prompt line starts with (longest name ending at a word
 * boundary), with *args pointing at its arguments (blanks skipped). */
int cmd_parse(const char *line, const char **args);
/* True when the command needs arguments it was not given. */
bool cmd_args_missing(int id, const char *args);
/* Append to out (one per line) the command names that start with prefix. */
size_t cmd_complete(const char *prefix, struct buf *out);
/* Write the key section of the man page (roff) to f. */
void cmd_dump_keys(FILE *f);

#endif
