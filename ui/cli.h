/* cli: the subcommand table and helpers shared by the subcommands.
 *
 * Every subcommand is a row of cli_commands[]: its name, its entry point, a
 * synopsis and a one-line summary. `osmo-tui --help`, `osmo-tui CMD --help`,
 * the man page and shell completion are all generated from this table.
 * Exit status contract (DESIGN §8): 0 ok, 1 the input has errors, 2 usage or
 * I/O error.
 */
#ifndef OSMO_CLI_H
#define OSMO_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"
#include "doc.h"
#include "save.h"

enum { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };

struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv);   /* argv[0] is the subcommand name */
	const char *synopsis;                /* options and operands */
	const char *summary;                 /* one line */
	const char *details;                 /* option list for --help, or NULL */
};

extern const struct cli_command cli_commands[];

/* The options and operands of the terminal interface (osmo-tui [...] FILE)
 * and its option list ("  --opt ARG  text" lines), for --help and the man
 * page. */
extern const char cli_tui_synopsis[];
extern const char cli_tui_options[];

/* The row for name, or NULL. */
const struct cli_command *cli_find(const char *name);
/* Print "usage: osmo-tui NAME SYNOPSIS" and details to f. */
void cli_print_command_help(FILE *f, const struct cli_command *c);
/* Print an error "osmo-tui NAME: MESSAGE" to stderr and return EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* True when arg is "-h" or "--help". */
bool cli_is_help(const char *arg);

/* Read and parse FILE ("-" reads standard input). Returns the document, or
 * NULL on an I/O error (a diagnostic is in dl). Parse problems are in dl
 * with doc->ok false. st (may be NULL) receives the file's stamp. */
struct doc *cli_load_doc(const char *path, struct diag_list *dl, struct file_stamp *st);

/* Print the diagnostics of a load failure ("FILE:LINE:COL: error: ..."). */
void cli_print_diags(const char *path, struct doc *doc, struct diag_list *dl);

struct path;
/* Print "osmo-tui CMD: no value at PATH" naming the nearest existing path
 * and what is there. Returns EXIT_USAGE. */
int cli_path_error(const char *cmd, const char *text, const struct path *p, size_t matched,
		   const struct doc_node *last);

/* Subcommand entry points (ui/cmd_*.c). */
int cmd_get(int argc, char **argv);
int cmd_set(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_cookbook(int argc, char **argv);
int cmd_schema(int argc, char **argv);
int cmd_submit(int argc, char **argv);
/* Global options (argv[0] is the option): --info, --help-man SECTION. */
int cmd_info(int argc, char **argv);
int cmd_help_man(int argc, char **argv);
int cmd_dag(int argc, char **argv);
int cmd_plan(int argc, char **argv);

#endif
