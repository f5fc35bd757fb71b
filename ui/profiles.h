/* profiles: the resource profiles of the open file, what uses them, and the
 * edits that keep tasks and profiles consistent.
 *
 * profiles_build() lists the profiles of workflow.resources (the implicit
 * `default` when the spec has no resources: key, and the names tasks ask
 * for that no profile defines), the tasks using each, and a plan
 * (src/plan.h) of the whole spec: every group's gang demand and, with a
 * pool, whether each task and group fits. The edits (create, rename,
 * duplicate, delete with reassignment) each make ONE undo step, however
 * many tasks they touch: renaming a profile rewrites every task's
 * `resource:` (and adds one to the tasks that relied on the default). No
 * curses here.
 */
#ifndef OSMO_UI_PROFILES_H
#define OSMO_UI_PROFILES_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "plan.h"
#include "pool.h"
#include "session.h"
#include "spec.h"
#include "specgraph.h"

enum profile_kind {
	PROFILE_DEFINED,     /* an entry of workflow.resources */
	PROFILE_IMPLICIT,    /* `default` of a spec without resources: */
	PROFILE_UNDEFINED,   /* named by tasks, defined nowhere */
};

struct profile_row {
	const char *name;                 /* borrowed from the spec */
	enum profile_kind kind;
	const struct spec_profile *p;     /* DEFINED / IMPLICIT; NULL for UNDEFINED */
	const struct spec_task **tasks;   /* the tasks using it, in file order */
	size_t ntasks;
};

struct profiles {
	struct spec *spec;                /* owned */
	struct specgraph *sg;             /* owned */
	struct plan *plan;                /* owned; against the pool given */
	bool rendered;                    /* built from a rendered template (read-only) */
	struct profile_row *rows;
	size_t n;
	const struct spec_task **store;   /* owns the rows' task arrays */
};

/* List the profiles of the session's spec (a template's rendering when it
 * is one) planned against pool (may be NULL). 0, or -1 (why in msg: the
 * file does not load, or memory ran out). Free with profiles_free even
 * after a failure. */
int profiles_build(struct profiles *p, struct session *s, const struct pool *pool, struct buf *msg);
/* Free what p holds. */
void profiles_free(struct profiles *p);
/* The row named name, or NULL. */
const struct profile_row *profiles_find(const struct profiles *p, const char *name);
/* A one-word verdict for a placement ("fits", "too big", ...). */
const char *profiles_fit_text(enum plan_fit fit);

/* Add profile name (cpu 1, memory 1Gi, storage 1Gi), creating resources:
 * when missing. 0, or -1 with a message. */
int profiles_create(struct session *s, const char *name, struct buf *msg);
/* Rename profile from to to, and every task's resource: with it. */
int profiles_rename(struct session *s, const char *from, const char *to, struct buf *msg);
/* Copy profile name as NAME-copy (NAME-copy-2, ...); new_name gets it. */
int profiles_duplicate(struct session *s, const char *name, struct buf *new_name, struct buf *msg);
/* Delete profile name. Refused while tasks use it unless reassign names
 * the profile they move to (NULL: refuse). */
int profiles_delete(struct session *s, const char *name, const char *reassign, struct buf *msg);

#endif
