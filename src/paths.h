/* paths: where osmo-tui keeps the user's files and finds its own data.
 *
 * User files follow the XDG base directory spec: a variable that is unset,
 * empty or not an absolute path falls back to its default under $HOME.
 *
 *   config file   $XDG_CONFIG_HOME/osmo-tui/config   (~/.config/...)
 *   history       $XDG_DATA_HOME/osmo-tui/history    (~/.local/share/...)
 *   recovery dir  $XDG_STATE_HOME/osmo-tui/recovery  (~/.local/state/...)
 *
 * The bundled data (cookbook/, pools/) is looked up in this order; the first
 * directory holding cookbook/index.yaml wins:
 *   1. $OSMO_TUI_DATADIR, taken as it is (an explicit override);
 *   2. next to the program: the installed layout relative to the running
 *      executable (bindir -> pkgdatadir), so an installed, DESTDIR-staged or
 *      moved installation finds its own data;
 *   3. the source tree the program was built from (share/), so a program
 *      run from its build directory uses the files being edited;
 *   4. the configured pkgdatadir.
 */
#ifndef OSMO_PATHS_H
#define OSMO_PATHS_H

struct paths {
	char *config_file;   /* the config file (it may not exist) */
	char *data_home;     /* $XDG_DATA_HOME/osmo-tui */
	char *history_file;  /* data_home/history: the prompt history */
	char *state_home;    /* $XDG_STATE_HOME/osmo-tui */
	char *recovery_dir;  /* state_home/recovery: unsaved work after a crash */
};

enum paths_how {
	PATHS_NONE,          /* no data directory was found */
	PATHS_ENV,           /* $OSMO_TUI_DATADIR */
	PATHS_EXE,           /* next to the program */
	PATHS_SOURCE,        /* the source tree */
	PATHS_INSTALLED,     /* the configured pkgdatadir */
};

/* Fill p from the environment. A member is NULL when neither its XDG
 * variable nor $HOME gives an absolute path. Returns 0, or -1 when out of
 * memory. */
int paths_user(struct paths *p);
/* Free what p holds. */
void paths_free(struct paths *p);

/* The running program's absolute path (from /proc/self/exe), malloc'd, or
 * NULL when the system does not say. */
char *paths_exe(void);

/* The bundled data directory (holding cookbook/), malloc'd, found as the
 * header describes for the program at exe (may be NULL: step 2 is
 * skipped); *how says which step found it. NULL (and PATHS_NONE) when none
 * of them holds cookbook/index.yaml. */
char *paths_datadir(const char *exe, enum paths_how *how);

/* A short phrase for how ("$OSMO_TUI_DATADIR", "next to the program", ...). */
const char *paths_how_name(enum paths_how how);

/* Expand a leading "~/" (or a lone "~") with $HOME and make a relative path
 * absolute against base (a directory; NULL: the current directory).
 * Returns a malloc'd path or NULL (out of memory, or "~" without $HOME). */
char *paths_expand(const char *path, const char *base);

/* The path from directory from to directory to, both absolute and
 * lexically normal ("/usr/local/bin", "/usr/local/share/x" ->
 * "../share/x"), malloc'd; NULL when either is not absolute. */
char *paths_relative(const char *from, const char *to);

#endif
