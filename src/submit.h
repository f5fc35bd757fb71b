/* submit: handing a validated spec to the real OSMO CLI.
 *
 * osmo-tui never talks to an OSMO service itself: `osmo-tui submit` and the
 * TUI's `:submit` validate the spec, then run
 *
 *   COMMAND... workflow submit FILE [--pool P] [--priority X] [--dry-run]
 *              [--set K=V...] [--set-string K=V...] [--set-env K=V...]
 *
 * where COMMAND is the config's osmo-command (default "osmo"), split on
 * blanks. The program is started with execvp, never through a shell, so no
 * value is ever interpreted by one. Each option is given once followed by
 * all its values (the OSMO CLI's options take several values each).
 * Values from --values FILE become --set (whole numbers and floats, as
 * Python's str() writes them, which OSMO's int()/float() read back
 * exactly) or --set-string (strings); values OSMO's CLI cannot express
 * (booleans, null, dates, lists, mappings) and --label are refused.
 */
#ifndef OSMO_SUBMIT_H
#define OSMO_SUBMIT_H

#include <stdbool.h>

#include "diag.h"
#include "render.h"

struct submit_opts {
	const char *command;      /* "osmo" or a command line; NULL: "osmo" */
	const char *file;         /* the spec */
	const char *pool;         /* NULL: the OSMO CLI's default pool */
	const char *priority;     /* HIGH, NORMAL, LOW, or NULL */
	bool dry_run;             /* --dry-run: OSMO renders and checks, submits nothing */
	const struct render_values *values;  /* may be NULL */
};

/* The argument vector (NULL-terminated, malloc'd; free with
 * submit_argv_free). NULL with diagnostics (rule "submit") when a value
 * cannot be passed to the OSMO CLI or the values file cannot be read. */
char **submit_argv(const struct submit_opts *o, struct diag_list *dl);
/* Free an argument vector from submit_argv. */
void submit_argv_free(char **argv);

/* Replace this process with argv[0] found on $PATH (execvp). Returns only
 * when that fails: -1 with a diagnostic (a clear one when the program is
 * not installed). */
int submit_exec(char *const *argv, struct diag_list *dl);

/* Run argv as a child process (fork + execvp), sharing the terminal, and
 * wait for it. Returns its exit status (128+N when killed by signal N), or
 * -1 with a diagnostic when it could not be started. */
int submit_spawn(char *const *argv, struct diag_list *dl);

#endif
