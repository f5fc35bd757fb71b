/* cbrows: the rows of the cookbook browser.
 *
 * Opens the cookbook as the `cookbook` command does (the bundled examples,
 * the config's cookbook-dir folders, then --cookbook-dir) and turns it into
 * display rows: a header per folder ("tutorials" for the bundled cookbook,
 * the folder as given, with ~ for $HOME, for the others), then its
 * examples in cookbook order. A filter keeps the examples whose name,
 * title, pattern, tags or folder hold every word of it (case-insensitive);
 * headers without examples left are dropped. No curses here.
 */
#ifndef OSMO_UI_CBROWS_H
#define OSMO_UI_CBROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "cookbook.h"

enum cbrow_kind {
	CBROW_GROUP,     /* a folder header */
	CBROW_ENTRY,     /* an example */
	CBROW_OPEN,      /* "Open a file..." (the start screen's last row) */
};

struct cbrow {
	enum cbrow_kind kind;
	size_t entry;    /* ENTRY: index into cb->v; GROUP: the group's first entry */
};

struct cbrows {
	struct cookbook *cb;   /* owned */
	size_t nwarnings;      /* problems met while reading the folders */
	struct buf warning;    /* the first of them, as text */
	struct cbrow *v;       /* the rows shown */
	size_t n;
	char *filter;          /* NULL: none */
	bool open_row;         /* end with CBROW_OPEN */
};

/* Open the cookbook: datadir's cookbook/ (may be NULL), then the folders
 * dirs[0..ndirs). Rows are built unfiltered (with the open row when
 * open_row). 0, or -1 when out of memory. */
int cbrows_load(struct cbrows *r, const char *datadir, const char *const *dirs, size_t ndirs,
		bool open_row);
/* cbrows_load with the user's setup: the bundled data directory
 * (paths_datadir), the cookbook-dir lines of the config file, then
 * extra_dir (may be NULL). Config problems count as warnings. */
int cbrows_load_user(struct cbrows *r, const char *extra_dir, bool open_row);
/* Free everything r holds. */
void cbrows_free(struct cbrows *r);

/* Rebuild the rows for filter (NULL or "" shows everything). Returns the
 * number of examples shown. */
size_t cbrows_filter(struct cbrows *r, const char *filter);

/* The header text of entry i's folder: "tutorials", "~/specs/ml". */
void cbrows_group_label(const struct cbrows *r, size_t i, struct buf *out);
/* True when row i can be selected (an example or the open row). */
bool cbrows_selectable(const struct cbrows *r, size_t i);
/* The selectable row nearest to i in direction dir (+1 or -1), trying the
 * other direction when there is none; i itself when it is selectable; n
 * when no row is. */
size_t cbrows_settle(const struct cbrows *r, size_t i, int dir);
/* The entry of row i, or NULL (a header, the open row, out of range). */
const struct cookbook_entry *cbrows_entry(const struct cbrows *r, size_t i);

#endif
