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
 * It borrows the doc: rebuild it after every edit (it is cheap).
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
	bool previous_workflow;         /* "wf-id:task" */
	const struct doc_node *node;    /* the input item */
	const struct doc_node *value;   /* the task/url/dataset value node */
};

struct spec_group;

struct spec_task {
	const char *name;               /* "" when missing or not a string */
	const struct doc_node *node;    /* the task mapping */
	const struct doc_node *name_node;
	struct spec_group *group;
	size_t index;                   /* position among all tasks, in file order */
	size_t index_in_group;
	bool lead;                      /* lead: true (PyYAML/pydantic reading) */
	const char *resource;           /* profile name; "default" when absent */
	const struct doc_node *resource_node;
	struct spec_input *inputs;
	size_t ninputs;
	const struct doc_node *files;   /* the files: value, or NULL */
};

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
	struct spec_private *priv;
};

/* Build the view of d (NULL only when out of memory). */
struct spec *spec_build(struct doc *d);
/* Free it. */
void spec_free(struct spec *s);
/* The task named name (exact, case-sensitive, as OSMO resolves inputs), or NULL. */
const struct spec_task *spec_task_named(const struct spec *s, const char *name);
/* The profile named name, or NULL. The implicit default exists when the
 * resources key is absent (it has no node then). */
const struct spec_profile *spec_profile_named(const struct spec *s, const char *name);
/* The doc node of field key of a task/group/profile mapping (after merges). */
const struct doc_node *spec_field(const struct doc_node *obj, const char *key);

#endif
