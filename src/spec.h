/* spec: a typed view of an OSMO workflow spec, built from its doc tree.
 *
 * Groups and tasks as OSMO sees them: a `tasks:` list becomes one synthetic
 * group per task named "<task>-group" (OSMO's own naming), in list order.
 * Each task knows its group, its inputs (task references by name, URLs,
 * datasets), its resource profile and the doc nodes of its fields, so the
 * validator, the graph, the plan and the TUI all read one structure.
 *
 * The view is tolerant: it is built from whatever the document holds (the
 * validator reports what is wrong); missing or ill-typed names are "".
 * It borrows the doc: rebuild it after every edit. An editor that rebuilds
 * after every keystroke passes the previous view to spec_rebuild, which
 * takes the facts of every task whose node is unchanged from it instead of
 * reading the task again (a local edit changes one task in ten thousand).
 */
#ifndef OSMO_SPEC_H
#define OSMO_SPEC_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"

enum spec_input_kind { SPEC_IN_TASK, SPEC_IN_URL, SPEC_IN_DATASET, SPEC_IN_OTHER };

struct spec_input {
	enum spec_input_kind kind;
	const char *task;               /* SPEC_IN_TASK: the task name (after "wf-id:") */
	uint64_t task_hash;             /* strmap_hash(task) */
	bool previous_workflow;         /* "wf-id:task" */
	bool ref_ok;                    /* SPEC_IN_TASK: the value is a string OSMO parses
	                                   as NAME or WF_ID:NAME */
	uint32_t producer;              /* 1 + index of the task it names in this
	                                   workflow, or 0 (see spec_input_producer) */
	uint32_t memo;                  /* for a caller: kept with producer (no name
	                                   and not the task changed), else 0 */
	const struct doc_node *node;    /* the input item */
	const struct doc_node *value;   /* the task/url/dataset value node */
};

struct spec_group;

struct spec_task {
	const char *name;               /* "" when missing or not a string */
	uint64_t name_hash;             /* strmap_hash(name) */
	const struct doc_node *node;    /* the task mapping */
	uint32_t version;               /* node->version when the facts were read */
	const struct doc_node *name_node;
	struct spec_group *group;
	size_t index;                   /* position among all tasks, in file order */
	size_t index_in_group;
	bool lead;                      /* lead: true (PyYAML/pydantic reading) */
	const char *resource;           /* profile name; "default" when absent */
	const struct doc_node *resource_node;
	uint32_t profile;               /* 1 + index in profiles, SPEC_IMPLICIT_DEFAULT,
	                                   or 0 when no profile has that name */
	struct spec_input *inputs;
	size_t ninputs;
	const struct doc_node *files;   /* the files: value, or NULL */
	/* the entries of a task mapping that may hold "{{" (their subtree
	 * does, or they are aliases), so token checks skip the rest */
	const struct doc_node **braces;
	uint32_t nbraces;
	/* bits a caller may keep about the task: 0 when the task was read
	 * afresh, carried by spec_rebuild when it is unchanged */
	unsigned memo;
	bool carried;                   /* the facts came from the previous view */
};

#define SPEC_IMPLICIT_DEFAULT UINT32_MAX

struct spec_group {
	const char *name;               /* for the tasks: form, "<task>-group" */
	bool synthetic;
	const struct doc_node *node;    /* the group mapping (the task's for synthetic) */
	const struct doc_node *name_node;
	size_t index;
	struct spec_task **tasks;
	size_t ntasks;
};

struct spec_profile {
	const char *name;
	const struct doc_node *node;    /* the profile mapping (its entry has the key) */
	bool has_cpu, has_gpu, has_memory, has_storage;
	long long cpu, gpu;
	double memory, storage;         /* bytes */
	const char *platform;           /* NULL when not set */
};

struct spec {
	struct doc *doc;
	const struct doc_node *workflow;  /* the workflow mapping, or NULL */
	const char *name;
	bool uses_groups;                 /* groups: form (else tasks: form) */
	struct spec_group *groups;
	size_t ngroups;
	struct spec_task *tasks;
	size_t ntasks;
	struct spec_profile *profiles;
	size_t nprofiles;
	bool resources_absent;            /* no resources: key (implicit default) */
	double exec_timeout, queue_timeout; /* seconds; < 0 when not set */
	unsigned tree_id;                 /* the doc's tree when built (doc.h) */
	size_t carried;                   /* tasks spec_rebuild took from the previous view */
	/* bits a caller may keep about the names of tasks and groups: 0 in a
	 * fresh view, carried by spec_rebuild when all of them are unchanged */
	unsigned names_memo;
	struct spec_private *priv;
};

/* Build the view of d (NULL only when out of memory). */
struct spec *spec_build(struct doc *d);
/* The same, taking from prev (a view of an earlier state of d, or NULL) the
 * facts of every task whose node has the same address and version in the
 * same tree: the result equals spec_build(d) with the memo bits of those
 * tasks kept. prev is not changed and may be freed afterwards. */
struct spec *spec_rebuild(struct doc *d, const struct spec *prev);
/* Free it. */
void spec_free(struct spec *s);
/* The task named name (exact, case-sensitive, as OSMO resolves inputs), or NULL. */
const struct spec_task *spec_task_named(const struct spec *s, const char *name);
/* The task of this workflow that input in names, or NULL (not a task
 * input, a previous workflow's task, or no such task). */
const struct spec_task *spec_input_producer(const struct spec *s, const struct spec_input *in);
/* The profile task t uses, or NULL (same as spec_profile_named(t->resource)). */
const struct spec_profile *spec_task_profile(const struct spec *s, const struct spec_task *t);
/* The profile named name, or NULL. The implicit default exists when the
 * resources key is absent (it has no node then). */
const struct spec_profile *spec_profile_named(const struct spec *s, const char *name);
/* The doc node of field key of a task/group/profile mapping (after merges). */
const struct doc_node *spec_field(const struct doc_node *obj, const char *key);

#endif
