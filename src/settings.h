/* settings: the user's config file, $XDG_CONFIG_HOME/osmo-tui/config.
 *
 * One setting per line, `#` starts a comment line, blank lines are ignored:
 *
 *   cookbook-dir = ~/specs          # repeatable: more cookbook folders
 *   pool-file = ~/pools/h100.yaml   # default --pool-file of validate/submit
 *   pool = my-pool                  # default --pool of submit
 *   osmo-command = osmo             # the OSMO CLI: a program and its first
 *                                   # arguments, split on blanks (no shell)
 *   theme = mono                    # the TUI's colour theme
 *   bind KEY COMMAND...             # the TUI: run COMMAND on KEY (like tig)
 *
 * A value may be written in double quotes (to keep leading or trailing
 * blanks). Paths may start with ~/ and are relative to the config file's
 * directory. The TUI checks theme names, keys and commands; this module
 * only reads them. A malformed line or an unknown key is a warning
 * (rule "config") and the rest of the file still applies.
 */
#ifndef OSMO_SETTINGS_H
#define OSMO_SETTINGS_H

#include <stddef.h>

#include "diag.h"

struct settings_bind {
	char *key;           /* as written, e.g. "C-s" or "<F5>" */
	char *command;       /* the rest of the line, e.g. "view dag" */
	int line;            /* where it was written (for the TUI's messages) */
};

struct settings {
	char *file;                 /* the file that was read, or NULL */
	char **cookbook_dirs;       /* absolute paths, in file order */
	size_t ncookbook_dirs;
	char *pool_file;            /* absolute path, or NULL */
	char *pool;                 /* or NULL */
	char *osmo_command;         /* or NULL: "osmo" */
	char *theme;                /* or NULL */
	struct settings_bind *binds;
	size_t nbinds;
};

/* Read the settings at path into c (zeroed first). A missing file is not an
 * error: c stays empty and c->file NULL. Returns 0, or -1 when the file
 * exists but cannot be read (a diagnostic says why). Problems in lines are
 * warnings in dl, positioned by line and column. */
int settings_load(struct settings *c, const char *path, struct diag_list *dl);

/* Parse settings text into c (zeroed first); relative paths are resolved
 * against base_dir (NULL: the current directory). Returns the number of
 * lines that were ignored because of a problem. */
size_t settings_parse(struct settings *c, const char *text, size_t len, const char *base_dir,
		    struct diag_list *dl);

/* Free what c holds. */
void settings_free(struct settings *c);

/* The OSMO CLI command line: c->osmo_command or "osmo". */
const char *settings_osmo_command(const struct settings *c);

#endif
