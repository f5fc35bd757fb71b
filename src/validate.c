/* validate: the schema walk and the value checks (see validate.h).
 *
 * The walk follows schema.c: every mapping is checked against its object's
 * fields (unknown keys, required keys, nulls, types), every value against
 * its type and its value check (names, images, URLs, durations...). The
 * rules that relate several fields (names across the workflow, leads,
 * dependencies, profiles, tokens, limits) are in validate_rules.c; the
 * pool-file rules in validate_pool.c. Diagnostics point at the key or value
 * that is wrong and say how to fix it.
 */
#define _GNU_SOURCE 1  /* memmem */
#include "validate.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "names.h"
#include "pyre.h"
#include "schema.h"
#include "textpos.h"
#include "units.h"
#include "validate_int.h"
#include "yaml11.h"

const struct rule rule_table[R_COUNT] = {
#define RULE_ROW(e, id, sev, num, doc) { id, sev, num, doc },
	RULES(RULE_ROW)
#undef RULE_ROW
};

const struct rule *rule_by_id(const char *id)
{
	for (size_t i = 0; i < R_COUNT; i++)
		if (strcmp(rule_table[i].id, id) == 0)
			return &rule_table[i];
	return NULL;
}

/* --- reporting --- */

void vreport(struct vctx *c, enum rule_id r, uint32_t a, uint32_t b, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_addf_at(c->out, rule_table[r].severity, rule_table[r].id, a, b, "%s", msg);
}

/* Range of a value for a diagnostic: the token, or for an empty value the
 * key it belongs to. */
void vrange(const struct doc_node *n, uint32_t *a, uint32_t *b)
{
	if (!n) {
		*a = *b = 0;
	} else if ((n->flags & DOC_F_EMPTY) && n->key) {
		*a = n->key_start;
		*b = n->key_end;
	} else if (n->kind == DOC_SCALAR || n->style == DOC_FLOW) {
		*a = n->start;
		*b = n->end;
	} else {
		/* a block collection: its first line is enough */
		*a = n->start;
		*b = n->start;
		if (n->kids && n->nkids)
			*b = n->kind == DOC_MAP ? n->kids[0]->key_end : n->kids[0]->end;
	}
}

/* Byte offset in the source of offset `off` inside the value of scalar n,
 * when the value is written verbatim (plain or quoted without escapes,
 * or a literal block); else the start of the token. */
uint32_t vsrc(const struct vctx *c, const struct doc_node *n, size_t off)
{
	const char *src = c->d->text + n->start;
	size_t tok = n->end - n->start;
	if (n->style == DOC_PLAIN && tok == n->len && memcmp(src, n->text, n->len) == 0)
		return n->start + (uint32_t)off;
	if ((n->style == DOC_SINGLE || n->style == DOC_DOUBLE) && tok == n->len + 2 &&
	    memcmp(src + 1, n->text, n->len) == 0)
		return n->start + 1 + (uint32_t)off;
	if (n->style == DOC_LITERAL) {
		/* walk the content lines: each is the text line minus indentation */
		const char *t = c->d->text;
		size_t p = n->start, end = n->end;
		while (p < end && t[p] != '\n')
			p++;  /* the header line */
		size_t indent = 0, seen = 0;
		bool first = true;
		while (p < end) {
			p++;  /* past '\n' */
			size_t ls = p, k = 0;
			while (p < end && t[p] != '\n')
				p++;
			size_t ll = p - ls;
			if (first && ll) {
				while (k < ll && t[ls + k] == ' ')
					k++;
				indent = k;
				first = false;
			}
			size_t content = ll > indent ? ll - indent : 0;
			if (off <= seen + content)
				return (uint32_t)(ls + (ll > indent ? indent : ll) + (off - seen));
			seen += content + 1;
		}
	}
	return n->start;
}

/* "MESSAGE; hint", or "MESSAGE. Hint." when the message is a sentence. */
static void vreport_hinted(struct vctx *c, enum rule_id r, uint32_t a, uint32_t b, const char *prefix,
			   const char *msg, const char *hint)
{
	size_t ml = strlen(msg);
	/* an empty value leaves OSMO's message ending in ": " or " " */
	if (hint[0] && ml >= 2 && msg[ml - 2] == ':' && msg[ml - 1] == ' ')
		ml -= 2;
	else if (hint[0] && ml && msg[ml - 1] == ' ')
		ml--;
	if (!hint[0])
		vreport(c, r, a, b, "%s%s", prefix ? prefix : "", msg);
	else if (ml < strlen(msg))
		vreport(c, r, a, b, "%s%.*s; %s", prefix ? prefix : "", (int)ml, msg, hint);
	else if (ml && msg[ml - 1] == '.')
		vreport(c, r, a, b, "%s%s %c%s%s", prefix ? prefix : "", msg,
			hint[0] >= 'a' && hint[0] <= 'z' ? hint[0] - 'a' + 'A' : hint[0], hint + 1,
			hint[strlen(hint) - 1] == '.' ? "" : ".");
	else
		vreport(c, r, a, b, "%s%s; %s", prefix ? prefix : "", msg, hint);
}

void vreport_sub(struct vctx *c, enum rule_id r, const struct doc_node *n, const struct units_err *e,
		 const char *prefix)
{
	uint32_t a, b;
	if (e->off != UNITS_NOPOS && n->kind == DOC_SCALAR) {
		a = vsrc(c, n, e->off);
		b = vsrc(c, n, e->end > e->off ? e->end : e->off);
		if (b <= a) {
			vrange(n, &a, &b);
		}
	} else {
		vrange(n, &a, &b);
	}
	vreport_hinted(c, r, a, b, prefix, e->msg, e->hint);
}

void vreport_err(struct vctx *c, enum rule_id r, uint32_t a, uint32_t b, const struct units_err *e,
		 const char *prefix)
{
	vreport_hinted(c, r, a, b, prefix, e->msg, e->hint);
}

int vline(const struct vctx *c, uint32_t off)
{
	int line, col;
	doc_line_col(c->d, off, &line, &col);
	return c->o->map_line ? c->o->map_line(c->o->map_ctx, line) : line;
}

bool vplain(const struct doc_node *n)
{
	/* an explicit !!str makes a plain scalar a string, as quotes do */
	return n->style == DOC_PLAIN && !(n->tag && strcmp(n->tag, "tag:yaml.org,2002:str") == 0);
}

const char *vkind(const struct doc_node *n)
{
	n = doc_resolve(n);
	if (!n)
		return "nothing";
	if (n->kind == DOC_MAP)
		return "a mapping";
	if (n->kind == DOC_SEQ)
		return "a list";
	if (doc_is_null(n))
		return "null";
	if (!vplain(n))
		return "a string";
	switch (yaml11_resolve(n->text, n->len)) {
	case Y11_BOOL: return "a boolean";
	case Y11_INT: return "an integer";
	case Y11_FLOAT: return "a number";
	case Y11_TIMESTAMP: return "a date";
	default: return "a string";
	}
}

/* "task 'train'", "file of task 'train'" or "group" for messages. */
static const char *owner(struct vctx *c, enum schema_obj o, char *buf, size_t cap)
{
	const char *what = schema_object(o)->name;
	bool in_task = c->task && *c->task &&
		       (o == SO_FILE || o == SO_INPUT || o == SO_OUTPUT || o == SO_CHECKPOINT ||
			o == SO_KPI || o == SO_DATASET || o == SO_RESOURCE || o == SO_TOPOLOGY);
	if (o == SO_TASK && c->task && *c->task)
		snprintf(buf, cap, "task '%s'", c->task);
	else if (in_task)
		snprintf(buf, cap, "%s of task '%s'", what, c->task);
	else
		snprintf(buf, cap, "%s", what);
	return buf;
}

/* --- values --- */

static void check_object(struct vctx *c, const struct doc_node *n, enum schema_obj o);
static void check_value(struct vctx *c, const struct schema_field *f, enum schema_obj o,
			const struct doc_node *v);

static void value_check(struct vctx *c, const struct schema_field *f, enum schema_obj o,
			const struct doc_node *v);
static void check_credential(struct vctx *c, const struct doc_node *ent);

/* A string field (item: an item of a string list) as OSMO's models read it:
 * numbers become strings where the model coerces them, bools, dates and
 * nulls never do. Returns true when the value is a string to OSMO. */
static bool check_string(struct vctx *c, const struct schema_field *f, const struct doc_node *v,
			 enum rule_id r, bool item)
{
	uint32_t a, b;
	vrange(v, &a, &b);
	if (v->kind != DOC_SCALAR || (item && doc_is_null(v))) {
		if (item)
			vreport(c, r, a, b, "%s items must be strings, not %s%s", f->key, vkind(v),
				doc_is_null(v) ? " (an empty item?)" : "");
		else
			vreport(c, r, a, b, "%s must be a string, not %s", f->key, vkind(v));
		return false;
	}
	struct buf out = BUF_INIT;
	struct units_err e;
	int rc = units_str_field(v->text, v->len, vplain(v), (f->flags & SF_COERCE) != 0, &out, &e);
	buf_free(&out);
	if (rc == 0)
		return true;
	enum y11_type t = vplain(v) ? yaml11_resolve(v->text, v->len) : Y11_STR;
	if (t != Y11_STR && t != Y11_NULL) {
		/* YAML 1.1 made it something else: say so, and how to keep the text */
		if (item)
			vreport(c, r, a, b, "%s items must be strings, but YAML reads %s as %s; quote it: \"%s\"",
				f->key, v->text, vkind(v), v->text);
		else
			vreport(c, r, a, b, "%s must be a string, but YAML reads %s as %s; quote it: %s: \"%s\"",
				f->key, v->text, vkind(v), f->key, v->text);
	} else {
		char p[160];
		snprintf(p, sizeof p, "%s: ", f->key);
		vreport_sub(c, r, v, &e, p);
	}
	return false;
}

static bool is_null_value(const struct doc_node *v)
{
	return doc_is_null(v);
}

static void check_list(struct vctx *c, const struct schema_field *f, enum schema_obj o,
		       const struct doc_node *v)
{
	if (v->kind == DOC_MAP && (f->flags & SF_SINGLE_OK) && f->item == ST_OBJ) {
		check_object(c, v, (enum schema_obj)f->obj);
		return;
	}
	if (v->kind != DOC_SEQ) {
		uint32_t a, b;
		vrange(v, &a, &b);
		vreport(c, R_WRONG_TYPE, a, b, "%s must be a list, not %s%s", f->key, vkind(v),
			v->kind == DOC_SCALAR && f->item == ST_STR ? " (write it as [\"...\"])" : "");
		return;
	}
	for (uint32_t i = 0; i < v->nkids; i++) {
		const struct doc_node *it = doc_resolve(v->kids[i]);
		if (!it)
			continue;
		if (f->item == ST_OBJ) {
			check_object(c, it, (enum schema_obj)f->obj);
		} else if (f->item == ST_STR) {
			if (check_string(c, f, it, R_STRING_LIST, true))
				value_check(c, f, o, it);
		}
	}
}

static void check_map(struct vctx *c, const struct schema_field *f, enum schema_obj o,
		      const struct doc_node *v)
{
	if (v->kind != DOC_MAP) {
		uint32_t a, b;
		vrange(v, &a, &b);
		if (f->item == ST_CREDENTIAL)
			vreport(c, R_CREDENTIALS, a, b, "credentials must be a mapping of NAME: /mount/path or "
				"NAME: {ENV_VAR: secret_key}, not %s", vkind(v));
		else
			vreport(c, f->check == SC_LABELS ? R_LABELS_NOT_MAPPING : R_WRONG_TYPE, a, b,
				"%s must be a mapping, not %s", f->key, vkind(v));
		return;
	}
	if (f->check == SC_LABELS || f->check == SC_EXIT_ACTIONS) {
		value_check(c, f, o, v);
		return;
	}
	const struct doc_node **ents;
	long n = doc_map_entries(c->d, v, &ents);
	if (n < 0)
		return;
	/* copy: nested walks reuse the doc's scratch array */
	const struct doc_node **copy = malloc((size_t)(n ? n : 1) * sizeof *copy);
	if (!copy)
		return;
	memcpy(copy, ents, (size_t)n * sizeof *copy);
	for (long i = 0; i < n; i++) {
		const struct doc_node *ent = copy[i];
		const struct doc_node *val = doc_resolve(ent);
		if (!val)
			continue;
		if (f->item == ST_OBJ) {
			if (val->kind != DOC_MAP) {
				uint32_t a, b;
				vrange(ent, &a, &b);
				vreport(c, R_WRONG_TYPE, a, b, "%s '%s' must be a mapping, not %s%s",
					schema_object((enum schema_obj)f->obj)->name, ent->key, vkind(val),
					is_null_value(val) ? " (write {} for an empty one)" : "");
			} else {
				check_object(c, val, (enum schema_obj)f->obj);
			}
		} else if (f->item == ST_STR) {
			/* environment: str, int, float and bool values are stringified */
			struct buf out = BUF_INIT;
			struct units_err e;
			if (val->kind != DOC_SCALAR ||
			    units_dict_value(val->text, val->len, vplain(val), &out, &e) < 0) {
				uint32_t a, b;
				vrange(ent, &a, &b);
				vreport(c, R_ENV_VALUE, a, b,
					"environment variable %s must be a string, number or boolean, not %s%s",
					ent->key, vkind(val),
					is_null_value(val) ? " (write \"\" for an empty value)" : "");
			}
			buf_free(&out);
		} else if (f->item == ST_CREDENTIAL) {
			check_credential(c, ent);
		}
	}
	free(copy);
}

/* In the workflow mapping holding entry v (tasks or groups), is the other
 * list non-empty? */
static bool other_list_truthy(const struct doc_node *v, const char *key)
{
	const struct doc_node *o = v->parent ? doc_resolve(doc_map_get(v->parent, strcmp(key, "tasks") == 0 ?
								     "groups" : "tasks")) : NULL;
	return o && o->kind != DOC_SCALAR && o->nkids > 0;
}

/* "a string", "an integer"... for messages. */
static const char *a_type(enum schema_type t)
{
	switch (t) {
	case ST_STR: return "a string";
	case ST_INT: return "a whole number";
	case ST_BOOL: return "true or false";
	case ST_DURATION: return "a duration";
	case ST_QUANTITY: return "a quantity";
	case ST_ENUM: return "one of its values";
	case ST_LIST: return "a list";
	case ST_OBJ:
	case ST_MAP: return "a mapping";
	case ST_CREDENTIAL: return "a mount path or a mapping";
	case ST_ANY: break;
	}
	return "a value";
}

/* version: OSMO's splitter drops the section, so any value is accepted and
 * only 2 means what it says: anything else is a warning, never an error. */
static void check_version(struct vctx *c, const struct doc_node *v)
{
	int64_t iv;
	bool big, unset;
	struct units_err e;
	if (v->kind == DOC_SCALAR && units_lax_int(v->text, v->len, vplain(v), &iv, &big, &unset, &e) == 0 &&
	    !unset && iv == 2)
		return;
	uint32_t a, b;
	vrange(v, &a, &b);
	vreport(c, R_VERSION, a, b, "version %s%s is not supported (only 2); OSMO ignores the key when "
		"submitting, remove it or write version: 2", v->kind == DOC_SCALAR ? "" : "as ",
		v->kind == DOC_SCALAR ? (is_null_value(v) ? "(empty)" : v->text) : vkind(v));
}

static void check_value(struct vctx *c, const struct schema_field *f, enum schema_obj o,
			const struct doc_node *v)
{
	v = doc_resolve(v);
	if (!v)
		return;
	uint32_t a, b;
	vrange(v, &a, &b);
	if (f->check == SC_VERSION) {
		check_version(c, v);
		return;
	}
	if (f->type != ST_ANY && is_null_value(v) && v->kind == DOC_SCALAR) {
		if (f->flags & SF_NULLABLE)
			return;
		if (f->check == SC_LABELS) {
			vreport(c, R_LABELS_NOT_MAPPING, a, b,
				"labels is empty; give it KEY: VALUE entries or remove it");
			return;
		}
		if (o == SO_WORKFLOW && (strcmp(f->key, "tasks") == 0 || strcmp(f->key, "groups") == 0) &&
		    !other_list_truthy(v, f->key))
			return;  /* null tasks: and no groups: is tasks-or-groups-required, OSMO's first check */
		if (f->type == ST_OBJ && f->obj == SO_WORKFLOW) {
			vreport(c, R_WORKFLOW_NOT_MAPPING, a, b,
				"workflow is empty; it needs a name: and a tasks: (or groups:) list");
			return;
		}
		vreport(c, R_WRONG_TYPE, a, b, "%s cannot be empty (null): give it %s or remove the key",
			f->key, a_type((enum schema_type)f->type));
		return;
	}
	struct units_err e;
	memset(&e, 0, sizeof e);
	char p[96];
	snprintf(p, sizeof p, "%s: ", f->key);
	switch ((enum schema_type)f->type) {
	case ST_STR:
		if (f->check == SC_NAME)
			vcheck_name(c, o, v);  /* names have their own rules for non-strings (#26) */
		else if (check_string(c, f, v, R_WRONG_TYPE, false))
			value_check(c, f, o, v);
		break;
	case ST_INT: {
		int64_t iv;
		bool big, unset;
		enum rule_id r = o == SO_RESOURCE ? R_CPU_GPU_INT : R_WRONG_TYPE;
		if (v->kind != DOC_SCALAR)   /* a list or mapping is a type error, even for cpu */
			vreport(c, R_WRONG_TYPE, a, b, "%s must be a whole number, not %s", f->key, vkind(v));
		else if (units_lax_int(v->text, v->len, vplain(v), &iv, &big, &unset, &e) < 0)
			vreport_sub(c, r, v, &e, p);
		break;
	}
	case ST_BOOL: {
		bool bv;
		if (v->kind != DOC_SCALAR)
			vreport(c, R_WRONG_TYPE, a, b, "%s must be true or false, not %s", f->key, vkind(v));
		else if (units_lax_bool(v->text, v->len, vplain(v), &bv, &e) < 0)
			vreport_sub(c, R_WRONG_TYPE, v, &e, p);
		break;
	}
	case ST_DURATION: {
		double sec;
		bool unset;
		enum units_dur_ctx ctx = o == SO_CHECKPOINT ? UNITS_DUR_FREQUENCY : UNITS_DUR_TIMEOUT;
		if (v->kind != DOC_SCALAR)
			vreport(c, R_DURATION, a, b, "%s must be a duration such as 30m or 2h, not %s",
				f->key, vkind(v));
		else if (units_duration(v->text, v->len, vplain(v), ctx, &sec, &unset, &e) < 0) {
			bool is_bool = vplain(v) && yaml11_resolve(v->text, v->len) == Y11_BOOL;
			vreport_sub(c, is_bool ? R_FREQUENCY_BOOL : R_DURATION, v, &e, p);
		} else if (c->o->pool) {
			vcheck_timeout_limit(c, f, v, sec);
		}
		break;
	}
	case ST_QUANTITY: {
		double bytes;
		bool unset;
		enum y11_type t = v->kind == DOC_SCALAR && vplain(v) ? yaml11_resolve(v->text, v->len) : Y11_STR;
		if (v->kind != DOC_SCALAR || t == Y11_BOOL || t == Y11_TIMESTAMP) {
			vreport(c, R_QUANTITY_VALUE, a, b, "%s must be a quantity such as 32Gi, not %s",
				f->key, vkind(v));
		} else if (units_quantity(v->text, v->len, vplain(v), f->key, &bytes, &unset, &e) < 0) {
			bool unit = strstr(e.msg, "invalid unit") != NULL;
			vreport_sub(c, unit ? R_QUANTITY_UNIT : R_QUANTITY_VALUE, v, &e, NULL);
		}
		break;
	}
	case ST_ENUM: {
		enum rule_id r = o == SO_TOPOLOGY ? R_REQUIREMENT_TYPE : R_DOWNLOAD_TYPE;
		int rc = v->kind != DOC_SCALAR ? -1
			: o == SO_TOPOLOGY ? units_requirement_type(v->text, v->len, vplain(v), &e)
					   : units_download_type(v->text, v->len, vplain(v), c->task ? c->task : "", &e);
		if (rc < 0 && v->kind != DOC_SCALAR)
			vreport(c, r, a, b, "%s must be one of its values, not %s", f->key, vkind(v));
		else if (rc < 0)   /* OSMO's downloadType message names the field itself */
			vreport_sub(c, r, v, &e, o == SO_TOPOLOGY ? p : NULL);
		break;
	}
	case ST_LIST:
		check_list(c, f, o, v);
		if (v->kind == DOC_SEQ && v->nkids == 0 && strcmp(f->key, "command") == 0 && o == SO_TASK)
			vreport(c, R_EMPTY_COMMAND, a, b,
				"command of task '%s' is empty; give the program to run, e.g. [\"python\", \"train.py\"]",
				c->task ? c->task : "");
		break;
	case ST_MAP:
		check_map(c, f, o, v);
		break;
	case ST_OBJ:
		if (v->kind != DOC_MAP)
			vreport(c, f->obj == SO_WORKFLOW ? R_WORKFLOW_NOT_MAPPING : R_WRONG_TYPE, a, b,
				"%s must be a mapping, not %s", f->key, vkind(v));
		else
			check_object(c, v, (enum schema_obj)f->obj);
		break;
	case ST_ANY:
	case ST_CREDENTIAL:
		break;
	}
}

/* --- value checks (schema_check) --- */

static void check_labels(struct vctx *c, const struct doc_node *v)
{
	uint32_t a, b;
	if (v->nkids > 16) {
		vrange(v, &a, &b);
		if (v->key) {   /* the labels: key, not the first label */
			a = v->key_start;
			b = v->key_end;
		}
		vreport(c, R_LABELS_TOO_MANY, a, b, "%u labels; a workflow can have at most 16 (remove %u)",
			v->nkids, v->nkids - 16);
	}
	for (uint32_t i = 0; i < v->nkids; i++) {
		const struct doc_node *ent = v->kids[i];
		const struct doc_node *val = doc_resolve(ent);
		struct units_err e;
		bool key_str = (ent->flags & DOC_F_KEY_QUOTED) || yaml11_resolve(ent->key, ent->key_len) == Y11_STR;
		if (!key_str) {
			vreport(c, R_LABEL_KEY, ent->key_start, ent->key_end,
				"label key %s is not a string; quote it: \"%s\"", ent->key, ent->key);
		} else if (names_label_key(ent->key, ent->key_len, &e) < 0) {
			vreport_err(c, R_LABEL_KEY, ent->key_start, ent->key_end, &e, NULL);
		}
		if (!val)
			continue;
		vrange(val, &a, &b);
		if (val->kind != DOC_SCALAR || is_null_value(val) ||
		    (vplain(val) && yaml11_resolve(val->text, val->len) != Y11_STR)) {
			if (val->kind == DOC_SCALAR && !is_null_value(val))
				vreport(c, R_LABEL_VALUE_TYPE, a, b, "label %s: the value must be a string, but "
					"YAML reads %s as %s; quote it: %s: \"%s\"", ent->key, val->text,
					vkind(val), ent->key, val->text);
			else
				vreport(c, R_LABEL_VALUE_TYPE, a, b, "label %s: the value must be a string, not %s",
					ent->key, vkind(val));
		} else if (names_label_value(val->text, val->len, &e) < 0) {
			vreport_sub(c, R_LABEL_VALUE, val, &e, NULL);
		}
	}
}

static void check_exit_actions(struct vctx *c, const struct doc_node *v)
{
	for (uint32_t i = 0; i < v->nkids; i++) {
		const struct doc_node *ent = v->kids[i];
		const struct doc_node *val = doc_resolve(ent);
		struct units_err e;
		bool plain_key = !(ent->flags & DOC_F_KEY_QUOTED);
		if (units_exit_action_key(ent->key, ent->key_len, plain_key, c->task ? c->task : "", &e) < 0) {
			if (!e.hint[0])
				snprintf(e.hint, sizeof e.hint, "use COMPLETE, FAIL or RESCHEDULE");
			vreport_err(c, R_EXIT_KEY, ent->key_start, ent->key_end, &e, NULL);
			continue;
		}
		if (!val)
			continue;
		if (val->kind != DOC_SCALAR ||
		    units_exit_codes(val->text, val->len, vplain(val), ent->key, c->task ? c->task : "", &e) < 0) {
			if (val->kind != DOC_SCALAR) {
				uint32_t a, b;
				vrange(val, &a, &b);
				vreport(c, R_EXIT_CODES, a, b, "exit codes of %s must be a string such as 1-255, not %s",
					ent->key, vkind(val));
			} else {
				vreport_sub(c, R_EXIT_CODES, val, &e, NULL);
			}
		}
	}
}

static void check_credential(struct vctx *c, const struct doc_node *ent)
{
	const struct doc_node *val = doc_resolve(ent);
	uint32_t a, b;
	vrange(ent, &a, &b);
	if (!val)
		return;
	if (val->kind == DOC_SEQ || (val->kind == DOC_SCALAR && is_null_value(val))) {
		vreport(c, R_CREDENTIALS, a, b,
			"credential %s must be a mount path or a mapping ENV_VAR: secret_key, not %s",
			ent->key, vkind(val));
		return;
	}
	if (val->kind != DOC_MAP)
		return;
	for (uint32_t i = 0; i < val->nkids; i++) {
		const struct doc_node *k = val->kids[i];
		const struct doc_node *kv = doc_resolve(k);
		if (kv && (kv->kind != DOC_SCALAR || is_null_value(kv))) {
			vrange(k, &a, &b);
			vreport(c, R_CREDENTIALS, a, b,
				"credential %s: %s must map to the name of a key in the secret, not %s",
				ent->key, k->key, vkind(kv));
		}
	}
}

static void value_check(struct vctx *c, const struct schema_field *f, enum schema_obj o,
			const struct doc_node *v)
{
	struct units_err e;
	memset(&e, 0, sizeof e);
	int rc = 0;
	enum rule_id r = R_COUNT;
	switch ((enum schema_check)f->check) {
	case SC_NONE:
	case SC_RESOURCE_REF:
	case SC_VERSION:
		return;
	case SC_NAME:
		vcheck_name(c, o, v);
		return;
	case SC_IMAGE:
		r = R_IMAGE;
		rc = names_image(v->text, v->len, NULL, &e);
		break;
	case SC_DATA_URL:
		r = R_DATA_URL;
		rc = names_data_url(v->text, v->len, &e);
		break;
	case SC_CHECKPOINT_URL:
		r = R_CHECKPOINT_URL;
		rc = names_checkpoint_url(v->text, v->len, &e);
		break;
	case SC_INPUT_TASK: {
		size_t colon;
		if (names_input_task(v->text, v->len, &colon, &e) < 0) {
			char p[160];
			snprintf(p, sizeof p, "input task \"%.100s\": ", v->text);
			vreport_sub(c, R_INPUT_TASK_SYNTAX, v, &e, p);
		}
		return;
	}
	case SC_REGEX: {
		struct pyre_error pe;
		if (pyre_check(v->text, v->len, &pe) < 0) {
			struct buf m = BUF_INIT;
			pyre_format(&pe, v->text, v->len, &m);
			uint32_t a, b;
			vrange(v, &a, &b);
			vreport(c, R_REGEX, a, b, "invalid regex %s: %s (Python's re must compile it)",
				v->text, buf_cstr(&m));
			buf_free(&m);
		}
		return;
	}
	case SC_FILE_PATH:
		r = R_FILE_PATH;
		rc = names_file_path(v->text, v->len, &e);
		break;
	case SC_VOLUME_MOUNT:
		r = R_VOLUME_MOUNT;
		rc = names_volume_mount(v->text, v->len, &e);
		break;
	case SC_CACHE_SIZE: {
		double val;
		bool pct, unset;
		r = R_CACHE_SIZE;
		rc = units_cache_size(v->text, v->len, vplain(v), &val, &pct, &unset, &e);
		break;
	}
	case SC_EXIT_ACTIONS:
		check_exit_actions(c, v);
		return;
	case SC_LABELS:
		check_labels(c, v);
		return;
	}
	if (rc < 0 && r != R_COUNT)
		vreport_sub(c, r, v, &e, NULL);
}

/* --- objects --- */

static void check_union(struct vctx *c, const struct doc_node *n, enum schema_obj o, bool had_unknown)
{
	static const char *const in_keys[] = { "task", "url", "dataset", NULL };
	static const char *const out_keys[] = { "url", "dataset", "update_dataset", NULL };
	const char *const *keys = o == SO_INPUT ? in_keys : out_keys;
	enum rule_id r = o == SO_INPUT ? R_INPUT_SHAPE : R_OUTPUT_SHAPE;
	const char *shape = o == SO_INPUT ? "{task: NAME}, {url: URL} or {dataset: {name: NAME}}"
					  : "{url: URL}, {dataset: {name: NAME}} or {update_dataset: {name: NAME}}";
	int present = 0;
	const struct doc_node *second = NULL;
	for (int i = 0; keys[i]; i++) {
		const struct doc_node *k = doc_map_get(n, keys[i]);
		if (k) {
			if (++present == 2)
				second = k;
		}
	}
	uint32_t a, b;
	if (present == 0 && had_unknown && !doc_map_get(n, "task")) {
		return;  /* the unknown key's message already lists what an input/output takes */
	} else if (present == 0) {
		vrange(n, &a, &b);
		if (o == SO_OUTPUT && doc_map_get(n, "task"))
			vreport(c, r, a, b, "an output cannot be a task; an output is %s", shape);
		else
			vreport(c, r, a, b, "an %s needs one of %s", schema_object(o)->name, shape);
	} else if (second) {
		vreport(c, r, second->key_start, second->key_end,
			"an %s has one source only; split it into separate %ss (%s)",
			schema_object(o)->name, schema_object(o)->name, shape);
	}
}

/* Where a key that object o lacks belongs, for the usual misplacements
 * (cpu in a task, lead in a group, exec_timeout in workflow), or NULL. */
static const char *home_of(enum schema_obj o, const char *key)
{
	static const struct { enum schema_obj obj; const char *where; } homes[] = {
		{ SO_RESOURCE, "a resource profile (workflow.resources.NAME, chosen with resource:)" },
		{ SO_TIMEOUT, "workflow.timeout" },
		{ SO_TASK, "a task" },
		{ SO_GROUP, "a group" },
		{ SO_WORKFLOW, "workflow" },
	};
	for (size_t i = 0; i < sizeof homes / sizeof homes[0]; i++) {
		const struct schema_field *f = homes[i].obj != o ? schema_field(homes[i].obj, key) : NULL;
		if (f && !(f->flags & (SF_OVERWRITTEN | SF_CLIENT)))
			return homes[i].where;
	}
	return NULL;
}

/* --- the clean-task cache ---
 * A task's schema walk and its duplicate keys depend on the task's own
 * subtree only (and on the pool and spec_dir, which reset the cache). A
 * local edit replaces the nodes it touches and keeps every other node, so a
 * task node seen clean before is still clean. Only clean tasks are kept:
 * messages of problems may name lines, which move. */

struct vc_entry {
	const struct doc_node *node;
	uint32_t version;   /* the node's version then (doc.h) */
	unsigned run;       /* the last run that walked (or skipped) this task */
	bool clean;         /* it had no problem then */
};

struct validate_cache {
	struct vc_entry *v;
	size_t cap, n;
	unsigned run;
	unsigned tree_id;
	const void *pool;
	long max_tasks, max_name_length;
	char spec_dir[512];
	struct spec *spec;  /* the view vrules built in the last run, or NULL */
};

struct validate_cache *validate_cache_new(void)
{
	return calloc(1, sizeof(struct validate_cache));
}

void validate_cache_free(struct validate_cache *vc)
{
	if (!vc)
		return;
	spec_free(vc->spec);
	free(vc->v);
	free(vc);
}

static size_t vc_slot(const struct vc_entry *v, size_t cap, const struct doc_node *n)
{
	size_t i = (size_t)(((uintptr_t)n >> 4) * 0x9E3779B97F4A7C15ull) & (cap - 1);
	while (v[i].node && v[i].node != n)
		i = (i + 1) & (cap - 1);
	return i;
}

static struct vc_entry *vc_find(struct validate_cache *vc, const struct doc_node *n)
{
	if (!vc->cap)
		return NULL;
	struct vc_entry *e = &vc->v[vc_slot(vc->v, vc->cap, n)];
	return e->node ? e : NULL;
}

/* Record that n was walked in this run; entries older than the previous
 * run are dropped when the table grows (their nodes are gone). */
static void vc_put(struct validate_cache *vc, const struct doc_node *n, bool clean)
{
	if ((vc->n + 1) * 2 > vc->cap) {
		size_t cap = vc->cap ? vc->cap * 2 : 1024;
		struct vc_entry *nv = calloc(cap, sizeof *nv);
		if (!nv)
			return;
		size_t kept = 0;
		for (size_t i = 0; i < vc->cap; i++)
			if (vc->v[i].node && vc->v[i].run + 1 >= vc->run) {
				nv[vc_slot(nv, cap, vc->v[i].node)] = vc->v[i];
				kept++;
			}
		free(vc->v);
		vc->v = nv;
		vc->cap = cap;
		vc->n = kept;
	}
	struct vc_entry *e = &vc->v[vc_slot(vc->v, vc->cap, n)];
	if (!e->node)
		vc->n++;
	e->node = n;
	e->version = n->version;
	e->run = vc->run;
	e->clean = clean;
}

/* Start a run: forget everything when the tree, pool, limits or spec_dir
 * changed. */
static void vc_begin(struct validate_cache *vc, const struct doc *d, const struct validate_opts *o)
{
	const char *dir = o->spec_dir ? o->spec_dir : "";
	if (vc->tree_id != d->tree_id || vc->pool != o->pool || strcmp(vc->spec_dir, dir) != 0 ||
	    vc->max_tasks != o->max_tasks || vc->max_name_length != o->max_name_length ||
	    vc->run > 0x7ffffff0) {
		if (vc->cap)
			memset(vc->v, 0, vc->cap * sizeof *vc->v);
		vc->n = 0;
		vc->run = 1;
		spec_free(vc->spec);   /* its memo bits assumed the old pool and spec_dir */
		vc->spec = NULL;
		vc->tree_id = d->tree_id;
		vc->pool = o->pool;
		vc->max_tasks = o->max_tasks;
		vc->max_name_length = o->max_name_length;
		snprintf(vc->spec_dir, sizeof vc->spec_dir, "%s", dir);
	}
	vc->run++;
}

/* The duplicate-key walk of the whole tree skips the tasks the schema walk
 * saw in this run: it checked their duplicates itself (or found them clean). */
static bool skip_walked_task(const void *ctx, const struct doc_node *n)
{
	struct validate_cache *vc = (struct validate_cache *)ctx;
	struct vc_entry *e = n->kind == DOC_MAP ? vc_find(vc, n) : NULL;
	return e && e->run == vc->run;
}

static void check_object_walk(struct vctx *c, const struct doc_node *n, enum schema_obj o);

static void check_object(struct vctx *c, const struct doc_node *n, enum schema_obj o)
{
	if (o != SO_TASK) {
		check_object_walk(c, n, o);
		return;
	}
	struct vc_entry *e = vc_find(c->cache, n);
	if (e && e->clean && e->run + 1 == c->cache->run && e->version == n->version) {
		e->run = c->cache->run;   /* clean before, unchanged since */
		return;
	}
	size_t before = c->out->n;
	doc_check_duplicates_in(c->d, n, rule_table[R_DUPLICATE_KEY].severity, c->out, c->o->map_line,
				c->o->map_ctx, NULL, NULL);
	check_object_walk(c, n, o);
	vc_put(c->cache, n, c->out->n == before);
}

static void check_object_walk(struct vctx *c, const struct doc_node *n, enum schema_obj o)
{
	const struct schema_object *ob = schema_object(o);
	if (ob->open)
		return;
	if (++c->depth > 64) {
		c->depth--;
		return;
	}
	const char *saved_task = c->task;
	if (o == SO_TASK) {
		const struct doc_node *nm = doc_resolve(doc_map_get(n, "name"));
		c->task = nm && nm->kind == DOC_SCALAR ? nm->text : "";
	}
	const struct doc_node **ents;
	long cnt = doc_map_entries(c->d, n, &ents);
	const struct doc_node **copy = cnt > 0 ? malloc((size_t)cnt * sizeof *copy) : NULL;
	if (cnt > 0 && copy)
		memcpy(copy, ents, (size_t)cnt * sizeof *copy);
	else
		cnt = 0;
	char who[160];
	const char *suggested[8];   /* fields an unknown key was taken for: not reported missing */
	size_t nsuggested = 0;
	bool had_unknown = false;
	for (long i = 0; i < cnt; i++) {
		const struct doc_node *ent = copy[i];
		const struct schema_field *f = schema_field(o, ent->key);
		if (!f) {
			const char *sug = schema_suggest(o, ent->key);
			if (sug && nsuggested < 8)
				suggested[nsuggested++] = sug;
			if (!(o == SO_OUTPUT && strcmp(ent->key, "task") == 0))
				had_unknown = true;
			enum rule_id r = o == SO_INPUT ? R_INPUT_SHAPE : o == SO_OUTPUT ? R_OUTPUT_SHAPE
											  : R_UNKNOWN_FIELD;
			if (o == SO_OUTPUT && strcmp(ent->key, "task") == 0)
				continue;  /* reported by check_union */
			const char *home = sug ? NULL : home_of(o, ent->key);
			if (sug)
				vreport(c, r, ent->key_start, ent->key_end,
					"unknown key '%s' in %s; did you mean '%s'?", ent->key,
					owner(c, o, who, sizeof who), sug);
			else if (home)
				vreport(c, r, ent->key_start, ent->key_end, "unknown key '%s' in %s; %s belongs in %s",
					ent->key, owner(c, o, who, sizeof who), ent->key, home);
			else {
				struct buf keys = BUF_INIT;
				for (size_t k = 0; k < ob->nfields; k++)
					if (!(ob->fields[k].flags & SF_CLIENT))
						buf_printf(&keys, "%s%s", k ? ", " : "", ob->fields[k].key);
				vreport(c, r, ent->key_start, ent->key_end, "unknown key '%s' in %s; it takes: %s",
					ent->key, owner(c, o, who, sizeof who), buf_cstr(&keys));
				buf_free(&keys);
			}
			continue;
		}
		if (f->flags & SF_OVERWRITTEN)
			vreport_overwritten(c, o, ent);
		check_value(c, f, o, ent);
	}
	/* required fields */
	for (size_t k = 0; k < ob->nfields; k++) {
		const struct schema_field *f = &ob->fields[k];
		if (!(f->flags & SF_REQUIRED) || doc_map_get(n, f->key))
			continue;
		bool typo = false;
		for (size_t k2 = 0; k2 < nsuggested && !typo; k2++)
			typo = strcmp(suggested[k2], f->key) == 0;
		if (typo)
			continue;  /* "unknown key 'comand'; did you mean 'command'?" says it all */
		if (o == SO_FILE && strcmp(f->key, "contents") == 0 && doc_map_get(n, "localpath"))
			continue;
		uint32_t a, b;
		vrange(n, &a, &b);
		if (n->nkids == 0)
			b = n->end;
		vreport(c, R_MISSING_FIELD, a, b, "%s is missing the required key '%s' (%s)",
			owner(c, o, who, sizeof who), f->key, f->doc);
	}
	if (o == SO_INPUT || o == SO_OUTPUT)
		check_union(c, n, o, had_unknown);
	if (o == SO_FILE)
		vcheck_file(c, n);
	free(copy);
	c->task = saved_task;
	c->depth--;
}

/* --- tags --- */

#define YAML_TAG_PREFIX "tag:yaml.org,2002:"

/* PyYAML's safe loader (OSMO uses yaml.safe_load) constructs only these. */
static bool safe_tag(const char *t)
{
	static const char *const known[] = { "null", "bool", "int", "float", "binary", "timestamp",
					     "omap", "pairs", "set", "str", "seq", "map" };
	size_t pl = sizeof YAML_TAG_PREFIX - 1;
	if (strcmp(t, "!") == 0)
		return true;
	if (strncmp(t, YAML_TAG_PREFIX, pl) != 0)
		return false;
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(t + pl, known[i]) == 0)
			return true;
	return false;
}

/* The tag's own bytes: the token starting with '!' just before the value. */
static void tag_range(const struct vctx *c, const struct doc_node *n, uint32_t *a, uint32_t *b)
{
	const char *t = c->d->text;
	uint32_t p = n->start;
	vrange(n, a, b);
	for (int tok = 0; tok < 2 && p > 0; tok++) {   /* the tag, maybe after an anchor */
		while (p > 0 && (t[p - 1] == ' ' || t[p - 1] == '\t'))
			p--;
		uint32_t end = p;
		while (p > 0 && t[p - 1] != ' ' && t[p - 1] != '\t' && t[p - 1] != '\n')
			p--;
		if (t[p] == '!') {
			*a = p;
			*b = end;
			return;
		}
	}
}

/* Report every tag the safe loader refuses; returns how many. */
static size_t check_tags(struct vctx *c, const struct doc_node *n, int depth)
{
	size_t bad = 0;
	if (!n || n->kind == DOC_ALIAS || depth > 256 || !(n->flags & DOC_F_SUB_TAG))
		return 0;
	if ((n->flags & DOC_F_TAG) && n->tag && !safe_tag(n->tag)) {
		size_t pl = sizeof YAML_TAG_PREFIX - 1;
		bool std = strncmp(n->tag, YAML_TAG_PREFIX, pl) == 0;
		uint32_t a, b;
		tag_range(c, n, &a, &b);
		vreport(c, R_YAML_TAG, a, b,
			"YAML tag %s%s cannot be loaded: OSMO reads specs with PyYAML's safe loader, which "
			"only constructs the standard tags (!!str, !!int, !!map...); remove the tag",
			std ? "!!" : "", std ? n->tag + pl : n->tag);
		bad++;
	}
	for (uint32_t i = 0; i < n->nkids; i++)
		bad += check_tags(c, n->kids[i], depth + 1);
	return bad;
}

/* --- the root --- */

static const struct section *section_of(const struct sections *s, size_t off)
{
	if (!s)
		return NULL;
	for (size_t i = 0; i < s->n; i++)
		if (off >= s->v[i].start && off < s->v[i].end)
			return &s->v[i];
	return NULL;
}

static void check_root(struct vctx *c)
{
	const struct doc_node *root = c->d->root;
	if (!root)
		return;
	if (root->kind != DOC_MAP) {
		if (!c->o->sections) {
			uint32_t a, b;
			vrange(root, &a, &b);
			vreport(c, R_WORKFLOW_MISSING, a, b, "the file must be a mapping with a workflow: key");
		}
		return;
	}
	const struct sections *s = c->o->sections;
	for (uint32_t i = 0; i < root->nkids; i++) {
		const struct doc_node *ent = root->kids[i];
		const struct schema_field *f = schema_field(SO_ROOT, ent->key);
		const struct section *sec = section_of(s, ent->key_start);
		bool opens = sec && sec->start == ent->key_start && ent->key_start == ent->item_start;
		if (s && !opens) {
			/* not a section of its own: OSMO reads it as part of the section it sits in */
			if (sec && s->workflow >= 0 && sec == &s->v[s->workflow]) {
				vreport(c, R_UNKNOWN_FIELD, ent->key_start, ent->key_end,
					"top-level key '%s' is not a section OSMO recognises (sections start at "
					"column 0 with a plain key); it is read as part of workflow and rejected",
					ent->key);
			} else {
				if (sec)
					vreport(c, R_TOP_IGNORED, ent->key_start, ent->key_end,
						"'%s' is ignored by OSMO: it is read as part of the %s section, "
						"where it is dropped (a section starts with an unquoted key at "
						"column 0)", ent->key, sec->name);
				else
					vreport(c, R_TOP_IGNORED, ent->key_start, ent->key_end,
						"'%s' is ignored by OSMO: text before the first section is not "
						"read", ent->key);
			}
			continue;
		}
		if (!f) {
			if (!s)
				vreport(c, R_TOP_UNKNOWN_KEY, ent->key_start, ent->key_end,
					"unknown top-level key \"%s\"; only workflow, default-values and version",
					ent->key);
			continue;
		}
		check_value(c, f, SO_ROOT, ent);
	}
	if (!s && !doc_map_get(root, "workflow"))
		vreport(c, R_WORKFLOW_MISSING, root->start, root->start, "the file has no workflow: key");
}

void validate_doc(struct doc *d, const struct validate_opts *o, struct diag_list *out)
{
	struct vctx c = { 0 };
	c.d = d;
	c.o = o;
	c.out = out;
	if (!d->ok)
		return;
	c.cache = o->cache ? o->cache : validate_cache_new();
	if (!c.cache)
		return;
	vc_begin(c.cache, d, o);
	c.keep = &c.cache->spec;
	/* an unloadable tag stops OSMO at the YAML stage: nothing else is checked */
	if (check_tags(&c, d->root, 0)) {
		if (!o->cache)
			validate_cache_free(c.cache);
		return;
	}
	/* the schema walk checks tasks (and their duplicate keys) first, so the
	 * duplicate-key walk of the rest skips them */
	check_root(&c);
	size_t before = out->n;
	doc_check_duplicates_in(d, d->root, rule_table[R_DUPLICATE_KEY].severity, out, o->map_line,
				o->map_ctx, skip_walked_task, c.cache);
	if (o->sections && d->root) {
		/* top-level duplicates are the splitter's (an error, rule #2) */
		size_t keep = before;
		for (size_t i = before; i < out->n; i++) {
			bool top = false;
			for (uint32_t k = 0; k < d->root->nkids; k++)
				top |= d->root->kids[k]->key_start == out->v[i].offset;
			if (top)
				free(out->v[i].message);
			else
				out->v[keep++] = out->v[i];
		}
		out->n = keep;
	}
	vrules(&c);
	if (o->pool)
		vpool(&c);
	if (!o->cache)
		validate_cache_free(c.cache);
}

/* --- suppressions --- */

static bool suppressed(const char *line, size_t len, const char *rule)
{
	static const char tag[] = "osmo-tui: ignore[";
	const char *p = line, *end = line + len;
	size_t rl = strlen(rule);
	while (p < end) {
		const char *hit = NULL;
		for (const char *q = p; q + sizeof tag - 1 <= end; q++)
			if (memcmp(q, tag, sizeof tag - 1) == 0) {
				hit = q;
				break;
			}
		if (!hit)
			return false;
		const char *ids = hit + sizeof tag - 1;
		const char *close = memchr(ids, ']', (size_t)(end - ids));
		if (!close)
			return false;
		for (const char *id = ids; id < close;) {
			while (id < close && (*id == ' ' || *id == ','))
				id++;
			const char *e = id;
			while (e < close && *e != ',' && *e != ' ')
				e++;
			if ((size_t)(e - id) == rl && memcmp(id, rule, rl) == 0)
				return true;
			id = e;
		}
		p = close + 1;
	}
	return false;
}

void validate_suppress(const char *text, size_t len, struct diag_list *l)
{
	/* only lines holding the tag matter: index them once */
	if (!memmem(text, len, "osmo-tui: ignore[", 17))
		return;
	struct textpos tp;
	if (textpos_init(&tp, text, len) < 0)
		return;
	size_t out = 0;
	for (size_t i = 0; i < l->n; i++) {
		struct diag *d = &l->v[i];
		bool drop = false;
		if (d->line > 0 && d->rule) {
			size_t b = textpos_line_start(&tp, d->line), e = textpos_line_end(&tp, d->line);
			const char *hash = memchr(text + b, '#', e - b);
			if (hash)
				drop = suppressed(hash, (size_t)(text + e - hash), d->rule);
		}
		if (drop)
			free(d->message);
		else
			l->v[out++] = *d;
	}
	l->n = out;
	textpos_free(&tp);
}
