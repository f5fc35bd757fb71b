/* validate: everything OSMO would reject in a spec, each problem positioned.
 *
 * validate_doc() checks a parsed spec (a plain spec file, or the rendered
 * text of a templated one) against every rule of rules.h that needs no
 * cluster: the schema walk (unknown keys, types, nulls, required fields,
 * value grammars), names, groups and leads, dependencies and cycles,
 * resource profiles, topology, limits, special tokens; with a pool
 * description also the server-state rules. Where OSMO stops at the first
 * error or hides errors behind an abort, this reports each problem at the
 * node that is wrong, with the fix in the message.
 *
 * Diagnostics carry byte offsets into d->text (doc_locate() gives lines).
 */
#ifndef OSMO_VALIDATE_H
#define OSMO_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "doc.h"
#include "rules.h"
#include "sections.h"

struct pool;
struct validate_cache;

struct validate_opts {
	const struct pool *pool;     /* NULL: server-state rules are skipped */
	long max_tasks;              /* 0: the pool's, else OSMO's default 20 */
	long max_name_length;        /* 0: the pool's, else 64 */
	const char *spec_dir;        /* resolves files[].localpath; NULL: not checked */
	const struct sections *sections; /* the file's section split, or NULL */
	/* Messages that name another line ("first defined on line N") pass it
	 * through this when set: a rendered spec's lines are not the file's. */
	int (*map_line)(const void *ctx, int line);
	const void *map_ctx;
	/* Remembers the tasks that validated clean so the next run on the same
	 * tree (after a local edit) skips them; NULL: no memory across runs. */
	struct validate_cache *cache;
};

/* Check the spec in d; append diagnostics to out. */
void validate_doc(struct doc *d, const struct validate_opts *o, struct diag_list *out);

/* A cache for repeated validation of one document as it is edited (the
 * TUI keeps one per open file). Valid as long as the doc's tree_id holds;
 * it notices a new tree, pool or spec_dir by itself. */
struct validate_cache *validate_cache_new(void);
void validate_cache_free(struct validate_cache *vc);

/* Drop the diagnostics silenced by a "# osmo-tui: ignore[rule-id,...]"
 * comment on their line (text is the file the positions refer to). */
void validate_suppress(const char *text, size_t len, struct diag_list *l);

#endif
