/* specnav: where a node of the document sits in the OSMO schema.
 *
 * Walks from the root down to a node, following the schema table
 * (src/schema.h): which object each mapping is (workflow, task, group,
 * resource profile, input, file, ...) and which field describes each value.
 * The form view picks its widgets with it, the outline's add command knows
 * what a new list item should look like, completion offers enum values.
 */
#ifndef OSMO_UI_SPECNAV_H
#define OSMO_UI_SPECNAV_H

#include <stddef.h>

#include "buf.h"
#include "doc.h"
#include "schema.h"

struct specnav {
	enum schema_obj obj;              /* the node is an object of this kind (or SO_NONE) */
	const struct schema_field *field; /* the field whose value (or element) it is, or NULL */
	enum schema_obj elem;             /* a list/map of objects: their kind, else SO_NONE */
};

/* Where n sits (the root is SO_ROOT). */
struct specnav specnav_of(const struct doc_node *n);
/* The nearest node at or above n that is an object (SO_NONE never); its
 * kind in *obj. NULL when none (a document that is not a mapping). */
const struct doc_node *specnav_object_node(const struct doc_node *n, enum schema_obj *obj);

/* Append (one per line) the values of field f that start with prefix:
 * the choices of an enum, true/false for a boolean. Returns the count. */
size_t specnav_values(const struct schema_field *f, const char *prefix, struct buf *out);
/* Append (one per line) the fields of object o that start with prefix and
 * are not keys of mapping m (m may be NULL). Returns the count. */
size_t specnav_missing_fields(enum schema_obj o, const struct doc_node *m, const char *prefix,
			      struct buf *out);

#endif
