/* specnav: schema position of document nodes (see specnav.h).
 *
 * The state of a node follows from its parent's: an entry of an object is
 * described by the object's field of that key; an item (or map value) of a
 * collection of objects is such an object; an element of a list of scalars
 * shares the list's field. Bounded by the document's nesting limit.
 */
#include "specnav.h"

#define MAX_CHAIN 256

static struct specnav step(struct specnav p, const struct doc_node *c)
{
	struct specnav st = { SO_NONE, NULL, SO_NONE };
	const struct doc_node *v = doc_resolve(c);
	if (p.obj != SO_NONE && c->key) {
		const struct schema_field *f = schema_field(p.obj, c->key);
		st.field = f;
		if (!f)
			return st;
		bool coll = f->type == ST_LIST || f->type == ST_MAP;
		if (f->type == ST_OBJ)
			st.obj = (enum schema_obj)f->obj;
		else if (coll && f->item == ST_OBJ)
			st.elem = (enum schema_obj)f->obj;
		/* a list that also takes one bare object */
		if (f->type == ST_LIST && f->item == ST_OBJ && (f->flags & SF_SINGLE_OK) && v &&
		    v->kind == DOC_MAP)
			st.obj = (enum schema_obj)f->obj;
	} else if (p.elem != SO_NONE) {
		st.obj = p.elem;
		st.field = p.field;
	} else if (p.field && (p.field->type == ST_LIST || p.field->type == ST_MAP)) {
		st.field = p.field;
	}
	return st;
}

struct specnav specnav_of(const struct doc_node *n)
{
	const struct doc_node *chain[MAX_CHAIN];
	size_t depth = 0;
	for (const struct doc_node *c = n; c && c->parent && depth < MAX_CHAIN; c = c->parent)
		chain[depth++] = c;
	struct specnav st = { SO_ROOT, NULL, SO_NONE };
	while (depth-- > 0)
		st = step(st, chain[depth]);
	return st;
}

const struct doc_node *specnav_object_node(const struct doc_node *n, enum schema_obj *obj)
{
	for (const struct doc_node *c = n; c; c = c->parent) {
		const struct doc_node *v = doc_resolve(c);
		struct specnav st = specnav_of(c);
		if (st.obj != SO_NONE && v && v->kind == DOC_MAP) {
			*obj = st.obj;
			return c;
		}
	}
	*obj = SO_NONE;
	return NULL;
}
