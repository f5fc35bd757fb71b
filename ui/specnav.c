/* specnav: schema position of document nodes (see specnav.h).
 *
 * The state of a node follows from its parent's: an entry of an object is
 * described by the object's field of that key; an item (or map value) of a
 * collection of objects is such an object; an element of a list of scalars
 * shares the list's field. Bounded by the document's nesting limit.
 */
#include "specnav.h"

#include <string.h>

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

static size_t put_if(const char *v, const char *prefix, struct buf *out)
{
	if (strncmp(v, prefix, strlen(prefix)) != 0)
		return 0;
	buf_puts(out, v);
	buf_putc(out, '\n');
	return 1;
}

size_t specnav_values(const struct schema_field *f, const char *prefix, struct buf *out)
{
	size_t n = 0;
	if (f && f->type == ST_ENUM && f->allowed)
		for (const char *const *a = f->allowed; *a; a++)
			n += put_if(*a, prefix, out);
	if (f && f->type == ST_BOOL) {
		n += put_if("true", prefix, out);
		n += put_if("false", prefix, out);
	}
	return n;
}

size_t specnav_missing_fields(enum schema_obj o, const struct doc_node *m, const char *prefix,
			      struct buf *out)
{
	const struct schema_object *so = schema_object(o);
	size_t n = 0;
	for (size_t i = 0; o != SO_NONE && i < so->nfields; i++)
		if (!m || !doc_map_get(m, so->fields[i].key))
			n += put_if(so->fields[i].key, prefix, out);
	return n;
}
