/* setup: what the CLI commands share about the user's environment.
 *
 * Loads the XDG paths, the config file (its warnings printed to stderr as
 * CONFIG:LINE:COL: warning: ...; they never stop a command), finds the
 * bundled data directory, and opens the cookbook from the bundled examples,
 * the config's cookbook-dir lines and --cookbook-dir options, in that order.
 */
#ifndef OSMO_UI_SETUP_H
#define OSMO_UI_SETUP_H

#include <stddef.h>

#include "cookbook.h"
#include "diag.h"
#include "paths.h"
#include "pool.h"
#include "render.h"
#include "settings.h"

struct setup {
	struct paths paths;
	struct settings config;
	char *exe;                 /* this program, or NULL */
	char *datadir;             /* the bundled data, or NULL */
	enum paths_how datadir_how;
};

/* Fill s (paths, config, data dir). Returns 0, or -1 when out of memory. */
int setup_load(struct setup *s);
/* Free what s holds. */
void setup_free(struct setup *s);

/* The cookbook directory of the bundled data, malloc'd, or NULL. */
char *setup_bundled_cookbook(const struct setup *s);

/* Open the cookbook (bundled, config dirs, then extra dirs), printing its
 * warnings. NULL when out of memory. */
struct cookbook *setup_cookbook(const struct setup *s, const char *const *extra, size_t nextra);

/* Print diagnostics to stderr: positioned ones as FILE:LINE:COL: ...,
 * the others as "osmo-tui: warning: ...". */
void setup_print(const char *file, struct diag_list *dl);

/* If argv[*i] is a VALUES option (--set, --set-string, --set-env, --label
 * with K=V, or --values FILE) with its argument, record it in rv, advance
 * *i past it and return 1 (-1 when K=V is malformed: the message is in
 * usage). Return 0 for any other argument. */
int setup_values_option(int argc, char **argv, int *i, struct render_values *rv,
			struct diag_list *usage);

/* Read a pool file (its problems printed). NULL when it cannot be used. */
struct pool *setup_load_pool(const char *path);

#endif
