/* add: plan and apply the `add` command (see add.h).
 *
 * New objects are written as block YAML with only what OSMO requires (a
 * task: name, image, command; a group: a name and one lead task), so the
 * result validates and the user fills in the rest in the form.
 */
#include "add.h"

#include <string.h>

#include "path.h"
#include "specnav.h"

#define DEFAULT_IMAGE "ubuntu:24.04"

static const struct {
	enum add_shape shape;
	const char *label;
} labels[] = {
	{ SHAPE_YAML, "New item (YAML): " },
	{ SHAPE_STRING, "New item: " },
	{ SHAPE_TASK, "New task name: " },
	{ SHAPE_GROUP, "New group name: " },
	{ SHAPE_INPUT, "Input from task (or a URL): " },
	{ SHAPE_OUTPUT, "Output URL or dataset name: " },
	{ SHAPE_FILE, "File path in the container: " },
	{ SHAPE_PROFILE, "New resource profile name: " },
	{ SHAPE_ENV, "NAME=value: " },
	{ SHAPE_FIELD, "key: value: " },
};

static const char *label_of(enum add_shape sh)
{
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (labels[i].shape == sh)
			return labels[i].label;
	return labels[0].label;
}

static enum add_shape item_shape(struct specnav st)
{
	switch (st.elem) {
	case SO_TASK:
		return SHAPE_TASK;
	case SO_GROUP:
		return SHAPE_GROUP;
	case SO_INPUT:
		return SHAPE_INPUT;
	case SO_OUTPUT:
		return SHAPE_OUTPUT;
	case SO_FILE:
		return SHAPE_FILE;
	default:
		break;
	}
	return st.field && st.field->item == ST_STR ? SHAPE_STRING : SHAPE_YAML;
}

static void neighbour_image(const struct doc_node *seq, size_t index, struct buf *out)
{
	const struct doc_node *near = seq->nkids ? seq->kids[index > 0 ? index - 1 : 0] : NULL;
	const struct doc_node *img = near ? doc_resolve(doc_map_get(near, "image")) : NULL;
	const struct doc_node *tasks = near && !img ? doc_resolve(doc_map_get(near, "tasks")) : NULL;
	if (tasks && tasks->kind == DOC_SEQ && tasks->nkids)   /* a group: its first task's */
		img = doc_resolve(doc_map_get(tasks->kids[0], "image"));
	buf_puts(out, img && img->kind == DOC_SCALAR && img->len ? img->text : DEFAULT_IMAGE);
}

static size_t index_in(const struct doc_node *n)
{
	for (uint32_t i = 0; n->parent && i < n->parent->nkids; i++)
		if (n->parent->kids[i] == n)
			return i;
	return 0;
}

int add_plan_at(const struct doc_node *sel, struct add_plan *p, struct buf *msg)
{
	memset(p, 0, sizeof *p);
	if (!sel) {
		buf_puts(msg, "nothing selected");
		return -1;
	}
	const struct doc_node *v = doc_resolve(sel);
	const struct doc_node *coll = NULL;
	if (!sel->key && sel->parent && sel->parent->kind == DOC_SEQ) {
		coll = sel->parent;                 /* an item: a sibling after it */
		p->kind = ADD_ITEM;
		p->index = index_in(sel) + 1;
	} else if (v && v->kind == DOC_SEQ && v == sel) {
		coll = sel;                         /* a list: append */
		p->kind = ADD_ITEM;
		p->index = sel->nkids;
	} else if (sel->key && sel->parent && specnav_of(sel->parent).elem != SO_NONE) {
		coll = sel->parent;                 /* a profile: another profile */
		p->kind = ADD_ENTRY;
	} else if (v && v->kind == DOC_MAP && v == sel) {
		coll = sel;                         /* a mapping: a key in it */
		p->kind = ADD_ENTRY;
	} else if (sel->parent && sel->parent->kind == DOC_MAP) {
		coll = sel->parent;                 /* a scalar field: a field beside it */
		p->kind = ADD_ENTRY;
	}
	if (!coll) {
		buf_puts(msg, "nothing can be added here");
		return -1;
	}
	struct specnav st = specnav_of(coll);
	if (p->kind == ADD_ITEM) {
		p->shape = item_shape(st);
		if (p->shape == SHAPE_TASK || p->shape == SHAPE_GROUP)
			neighbour_image(coll, p->index, &p->image);
	} else if (st.elem == SO_RESOURCE) {
		p->shape = SHAPE_PROFILE;
	} else if (st.field && st.field->type == ST_MAP && st.field->item == ST_STR) {
		p->shape = SHAPE_ENV;
	} else {
		p->shape = SHAPE_FIELD;
	}
	path_of_node(coll, &p->target);
	p->label = label_of(p->shape);
	return 0;
}

int add_plan_field(const struct doc_node *obj, const char *key, struct add_plan *p, struct buf *msg)
{
	memset(p, 0, sizeof *p);
	const struct schema_field *f = schema_field(specnav_of(obj).obj, key);
	if (!f || f->item != ST_OBJ || (f->type != ST_LIST && f->type != ST_MAP)) {
		buf_printf(msg, "%s is not a list of objects", key);
		return -1;
	}
	struct specnav st = { SO_NONE, f, (enum schema_obj)f->obj };
	p->kind = ADD_FIELD;
	p->field_key = f->key;
	p->shape = f->type == ST_MAP ? (f->obj == SO_RESOURCE ? SHAPE_PROFILE : SHAPE_FIELD) : item_shape(st);
	if (p->shape == SHAPE_TASK || p->shape == SHAPE_GROUP)
		buf_puts(&p->image, DEFAULT_IMAGE);
	path_of_node(obj, &p->target);
	p->label = label_of(p->shape);
	return 0;
}

/* Append text with every line indented by `indent`, the first line after
 * `first` instead ("- " for a list item). */
static void indent_block(struct buf *out, const char *first, const char *indent, const char *text)
{
	buf_puts(out, first);
	for (const char *p = text; *p; p++) {
		buf_putc(out, *p);
		if (*p == '\n' && p[1])
			buf_puts(out, indent);
	}
}

void add_plan_free(struct add_plan *p)
{
	buf_free(&p->target);
	buf_free(&p->image);
}

/* key: a quoted YAML scalar line. */
static void put_line(struct buf *y, const char *indent, const char *key, const char *value)
{
	buf_printf(y, "%s%s: ", indent, key);
	session_quote(value, y);
	buf_putc(y, '\n');
}

static void task_yaml(struct buf *y, const char *indent, const char *name, const char *image, bool lead)
{
	put_line(y, "", "name", name);
	if (lead)
		buf_printf(y, "%slead: true\n", indent);
	put_line(y, indent, "image", image);
	buf_printf(y, "%scommand: [", indent);
	session_quote("echo", y);
	buf_puts(y, ", ");
	session_quote(name, y);
	buf_puts(y, "]\n");
}

/* Split "key<sep>value" (sep ':' or '='); key trimmed. */
static int split(const char *answer, char sep, struct buf *key, const char **value)
{
	const char *at = strchr(answer, sep);
	if (!at || at == answer)
		return -1;
	size_t n = (size_t)(at - answer);
	while (n > 0 && answer[n - 1] == ' ')
		n--;
	buf_add(key, answer, n);
	*value = at + 1;
	while (**value == ' ')
		(*value)++;
	return 0;
}

int add_apply(struct session *s, const struct add_plan *p, const char *answer, struct buf *new_path,
	      struct buf *msg)
{
	struct buf y = BUF_INIT, key = BUF_INIT, label = BUF_INIT;
	const char *value = "";
	const char *target = buf_cstr(&p->target);
	int rc = -1;
	buf_printf(&label, "add to %s", target);
	switch (p->shape) {
	case SHAPE_TASK:
		task_yaml(&y, "", answer, buf_cstr(&p->image), false);
		break;
	case SHAPE_GROUP: {
		struct buf tname = BUF_INIT;
		buf_printf(&tname, "%s-task", answer);
		put_line(&y, "", "name", answer);
		buf_puts(&y, "tasks:\n- ");
		task_yaml(&y, "  ", buf_cstr(&tname), buf_cstr(&p->image), true);
		buf_free(&tname);
		break;
	}
	case SHAPE_INPUT:
		put_line(&y, "", strstr(answer, "://") ? "url" : "task", answer);
		break;
	case SHAPE_OUTPUT:
		if (strstr(answer, "://")) {
			put_line(&y, "", "url", answer);
		} else {
			buf_puts(&y, "dataset:\n");
			put_line(&y, "  ", "name", answer);
		}
		break;
	case SHAPE_FILE:
		put_line(&y, "", "path", answer);
		buf_puts(&y, "contents: \"\"\n");
		break;
	case SHAPE_STRING:
		session_quote(answer, &y);
		break;
	case SHAPE_YAML:
		buf_puts(&y, answer);
		break;
	case SHAPE_PROFILE:
		buf_puts(&key, answer);
		buf_puts(&y, "cpu: 1\nmemory: 1Gi\nstorage: 1Gi\n");
		break;
	case SHAPE_ENV:
		if (split(answer, '=', &key, &value) < 0)
			buf_puts(msg, "write NAME=value");
		else
			session_quote(value, &y);
		break;
	case SHAPE_FIELD:
		if (split(answer, ':', &key, &value) < 0)
			buf_puts(msg, "write key: value");
		else
			buf_puts(&y, value);
		break;
	}
	if (!msg->len && p->kind == ADD_FIELD) {
		/* the field does not exist yet: write it with its first item */
		struct buf v = BUF_INIT;
		if (p->shape == SHAPE_PROFILE || p->shape == SHAPE_FIELD) {
			if (key.len)
				buf_printf(&v, "%s:\n", buf_cstr(&key));
			indent_block(&v, "  ", "  ", buf_cstr(&y));
		} else {
			indent_block(&v, "- ", "  ", buf_cstr(&y));
		}
		rc = session_put(s, target, p->field_key, buf_cstr(&v), buf_cstr(&label), new_path, msg);
		buf_free(&v);
	} else if (!msg->len && p->kind == ADD_ITEM) {
		rc = session_insert(s, target, p->index, buf_cstr(&y), buf_cstr(&label), new_path, msg);
	} else if (!msg->len) {
		rc = session_put(s, target, buf_cstr(&key), buf_cstr(&y), buf_cstr(&label), new_path, msg);
	}
	buf_free(&y);
	buf_free(&key);
	buf_free(&label);
	return rc;
}
