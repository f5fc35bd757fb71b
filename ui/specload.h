/* specload: a spec file as dag and plan read it.
 *
 * The text goes through the same pipeline as `validate` (check_text): a
 * templated spec is rendered with its default-values and the VALUES options
 * first, and the graph is built from the rendered document. When there is no
 * document to draw (I/O error, YAML or template errors, no workflow:) the
 * errors are printed and the command exits 1 (2 for I/O). Otherwise only the
 * diagnostics of the rules a command names are echoed to stderr, so `dag`
 * and `plan` say what is wrong with the dependencies (or the profiles)
 * without repeating all of `validate`.
 */
#ifndef OSMO_SPECLOAD_H
#define OSMO_SPECLOAD_H

#include <stddef.h>

#include "check.h"
#include "pool.h"
#include "render.h"
#include "rules.h"
#include "spec.h"

struct specload {
	char *text;               /* the file's contents */
	size_t len;
	struct check_result r;    /* r.doc: the (rendered) document */
	struct spec *spec;        /* view of r.doc; NULL when it cannot be drawn */
};

/* The options dag and plan share: VALUES (--set K=V, --set-string K=V,
 * --set-env K=V, --values F, --label K=V), --format NAME and one FILE. */
struct specload_args {
	const char *cmd;                 /* the subcommand, for messages */
	const char *const *formats;      /* names --format accepts, NULL-terminated */
	int format;                      /* index of the chosen one (set the default first) */
	struct render_values values;
	const char *file;
};

/* A command's own options: argv[*i] is an option; consume it (and step *i
 * past a value) and return 1, return 0 when unknown, -1 after printing a
 * usage error. */
typedef int (*specload_option_fn)(void *ctx, int argc, char **argv, int *i);

/* Parse argv[1..] into a (opt, with ctx, sees every other option). Returns
 * EXIT_OK or EXIT_USAGE (printed). Free a->values with render_values_free(). */
int specload_parse(struct specload_args *a, int argc, char **argv, specload_option_fn opt, void *ctx);

/* Read and parse the pool description file; NULL after printing its errors. */
struct pool *specload_pool(const char *path);

/* Read FILE ("-": standard input), check it and build its spec view.
 * Returns EXIT_OK (L->spec set), EXIT_INVALID (nothing to draw; the errors
 * are printed) or EXIT_USAGE (I/O error, printed). Always pair with
 * specload_close(). */
int specload_open(struct specload *L, const char *path, const struct render_values *v);

/* Print to stderr the diagnostics of the rules listed (n of them), as
 * FILE:LINE:COL lines; returns how many of them are errors. */
size_t specload_report(struct specload *L, const char *path, const enum rule_id *rules, size_t n);

/* Free what L holds. */
void specload_close(struct specload *L);

#endif
