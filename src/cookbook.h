/* cookbook: finding and indexing example workflows.
 *
 * A cookbook is a list of sources (folders), each giving entries: a unique
 * name, a one-line title, a group for listings and the file's path. A
 * folder with an index.yaml (the bundled cookbook's format: `examples:`, a
 * list of {name, path, title, pattern, tags}) is read from its index.
 * Any other folder is scanned: every *.yaml / *.yml file under it (hidden
 * files and folders skipped, symlinked folders not followed, at most
 * COOKBOOK_MAX_DEPTH levels and COOKBOOK_MAX_FILES files) whose first
 * COOKBOOK_HEAD_BYTES hold a column-0 `workflow:` line (or that is longer
 * than that) becomes an entry named by its path under the folder without
 * the extension ("dnn_training/single_node/train"), grouped by its first
 * folder, titled by cookbook_title(). Only the head of each file is read,
 * so indexing a folder of real specs is fast.
 *
 * Used by `osmo-tui cookbook` and by the TUI's cookbook browser.
 */
#ifndef OSMO_COOKBOOK_H
#define OSMO_COOKBOOK_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"

#define COOKBOOK_MAX_DEPTH 8
#define COOKBOOK_MAX_FILES 5000
#define COOKBOOK_HEAD_BYTES 16384

struct cookbook_entry {
	char *name;        /* unique in the cookbook */
	char *title;       /* one line */
	char *pattern;     /* what it demonstrates (indexed sources), or NULL */
	char *tags;        /* "a, b, c" (indexed sources), or NULL */
	char *group;       /* first folder of the path ("tutorials"), "" at the top */
	char *path;        /* the file */
	size_t source;     /* index into cookbook.sources */
};

struct cookbook_source {
	char *dir;         /* as given */
	char *real;        /* realpath of dir: the same folder is added once */
	bool bundled;      /* the data directory's cookbook */
	bool indexed;      /* read from dir/index.yaml */
	bool truncated;    /* the scan stopped at a limit */
	size_t count;      /* entries it gave */
};

struct cookbook {
	struct cookbook_entry *v;
	size_t n, cap;
	struct cookbook_source *sources;
	size_t nsources;
};

/* An empty cookbook, or NULL when out of memory. */
struct cookbook *cookbook_new(void);
/* Free it and every entry. */
void cookbook_free(struct cookbook *cb);

/* Add the examples of dir (see above). A folder already added is skipped.
 * A name already taken gets "-2", "-3"... appended. Problems are warnings
 * in dl: those positioned by line and column are in dir/index.yaml; the
 * others (line 0) name their file in the message. Returns the number of
 * entries added, or -1 when dir cannot be read at all. */
long cookbook_add(struct cookbook *cb, const char *dir, bool bundled, struct diag_list *dl);

/* The entry called name, or NULL. */
const struct cookbook_entry *cookbook_find(const struct cookbook *cb, const char *name);

/* Append the title of a spec given its first bytes: the first line of its
 * leading comment that is neither licence boilerplate nor a how-to-submit
 * note, else the workflow's name (when it is not a template expression).
 * Returns 1 (from the comment), 2 (the workflow name) or 0 (nothing; out
 * is unchanged). */
int cookbook_title(const char *head, size_t len, struct buf *out);

#endif
