/* add: what the `add` command does where the user stands.
 *
 * On a task it adds a task after it (asking for the name), on a group a
 * group, on an input an input, on an environment variable another
 * variable, on a resource profile a profile, on a field of an object
 * another field... The schema position of the selection (specnav.h)
 * decides the question to ask and the YAML to insert; the insertion goes
 * through session_edit.c, so it is one undo step.
 */
#ifndef OSMO_UI_ADD_H
#define OSMO_UI_ADD_H

#include <stddef.h>

#include "buf.h"
#include "doc.h"
#include "schema.h"
#include "session.h"

enum add_kind {
	ADD_ITEM,       /* insert an item into the list at target */
	ADD_ENTRY,      /* add a key to the mapping at target */
	ADD_FIELD,      /* create field field_key of the object at target with one item */
};

enum add_shape {
	SHAPE_YAML,     /* the answer is YAML text */
	SHAPE_STRING,   /* the answer is a string */
	SHAPE_TASK, SHAPE_GROUP, SHAPE_INPUT, SHAPE_OUTPUT, SHAPE_FILE,
	SHAPE_PROFILE,  /* a resource profile */
	SHAPE_ENV,      /* NAME=value into a mapping of strings */
	SHAPE_FIELD,    /* key: value into an object or mapping */
};

struct add_plan {
	enum add_kind kind;
	enum add_shape shape;
	struct buf target;     /* path of the list or mapping */
	size_t index;          /* ADD_ITEM: position */
	struct buf image;      /* a new task copies its neighbour's image */
	const char *label;     /* the question */
	const char *field_key; /* ADD_FIELD: the missing list or mapping field */
};

/* Plan an add at node sel (of the session's current tree). 0, or -1 with a
 * message. */
int add_plan_at(const struct doc_node *sel, struct add_plan *p, struct buf *msg);
/* Plan the first item of the missing list (or mapping) of objects `key`
 * of the object obj (e.g. the inputs of a task that has none). */
int add_plan_field(const struct doc_node *obj, const char *key, struct add_plan *p, struct buf *msg);
/* Carry out the plan with the user's answer: 0 (new_path = the new node) or
 * -1 with a message. */
int add_apply(struct session *s, const struct add_plan *p, const char *answer, struct buf *new_path,
	      struct buf *msg);
/* Free the plan. */
void add_plan_free(struct add_plan *p);

#endif
