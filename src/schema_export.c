/* schema_export: JSON Schema and markdown from the schema table (see
 * schema_export.h).
 *
 * Each field row becomes a subschema chosen by its type, its flags and its
 * value check:
 *   - SF_COERCE string fields also take numbers (OSMO stringifies them);
 *     bools and null never pass a string field;
 *   - integers are pydantic's lax int (2, 2.0, "2", " 3 ", "1_000", true);
 *     booleans its lax bool (true, 1, "yes", "Off", ...);
 *   - durations are numbers (seconds), strings in OSMO's grammar and, for
 *     timeouts but not checkpoint frequencies, booleans (as the validator
 *     decides by object);
 *   - quantities are non-negative numbers (bytes) or NUMBER[UNIT] strings;
 *   - maps of strings stringify scalar values (environment), except labels
 *     (strings only) and exit actions (codes, as strings or whole numbers);
 *   - SF_NULLABLE adds null; SC_VERSION, which OSMO ignores on submit,
 *     accepts anything.
 * Patterns use Python's re semantics as OSMO does (\d is any decimal
 * digit); "$(?!\n)" anchors at the very end, in Python as in ECMA-262,
 * where a bare "$" would let Python accept a trailing newline.
 */
#include "schema_export.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "schema.h"

#define END "$(?!\\n)"
#define NAME_RE "[a-zA-Z](?:[a-zA-Z0-9_-]*[a-zA-Z0-9])?"
#define QTY_RE "\\d+(?:\\.\\d+)?(?:T|Ti|TiB|G|Gi|GiB|M|Mi|MiB|K|Ki|KiB|B|m)?"
#define URL_C "[^/,;*]+"
#define LABEL_RE "[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?"
#define DNS_RE "[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?"
#define HNC "[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?"
#define IPC "(?:[0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])"
#define NAMEC "[0-9a-z](?:[0-9a-z_.-]*[0-9a-z])?"

/* Case-insensitive words as character classes (no inline flags in ECMA). */
#define CI_TRUE "[tT][rR][uU][eE]"
#define CI_FALSE "[fF][aA][lL][sS][eE]"

static const char *const patterns[] = {
	[SC_NAME] = "^" NAME_RE END,
	[SC_IMAGE] = "^(?:(?:(?:" IPC "\\.){3}" IPC "|localhost|(?:" HNC "\\.)+" HNC "|" HNC
		     "(?=:\\d+/))(?::[0-9]{1,5})?/)?" NAMEC "(?:/" NAMEC ")*"
		     "(?::[a-zA-Z0-9_][a-zA-Z0-9._-]*)?(?:@[A-Za-z0-9_+.-]+:[A-Fa-f0-9]+)?" END,
	[SC_DATA_URL] = "^(?:swift://" URL_C "(?:/" URL_C "){2,}|s3://" URL_C "(?:/" URL_C ")*|gs://" URL_C
			"(?:/" URL_C ")*|tos://" URL_C "(?:/" URL_C ")+|azure://" URL_C "(?:/" URL_C ")+)/*" END,
	[SC_INPUT_TASK] = "^" NAME_RE "(?::" NAME_RE ")?" END,
	[SC_FILE_PATH] = "^(?:/osmo/data/output/|(?!/*osmo(?:/|$))/*[^/])",
	[SC_VOLUME_MOUNT] = "^[^:]*(?::[^:]+)?" END,
	/* P% with floor(float(P)) in 0..100, or a quantity; "" is unset */
	[SC_CACHE_SIZE] = "^(?:|" QTY_RE "|\\s*(?!-(?=[0-9._]*[1-9]))"
			  "(?!\\+?0*(?:[1-9]\\d{3,}|[2-9]\\d\\d|1[1-9]\\d|10[1-9])(?:\\.\\d*)?\\s*%)"
			  "[+-]?(?:\\d+(?:_\\d+)*(?:\\.(?:\\d+(?:_\\d+)*)?)?|\\.\\d+(?:_\\d+)*)"
			  "(?:[eE][+-]?\\d+(?:_\\d+)*)?\\s*%)" END,
};

/* checkpoint urls use the same five storage patterns as data urls */
static const char *check_pattern(enum schema_check c)
{
	if (c == SC_CHECKPOINT_URL)
		c = SC_DATA_URL;
	return (unsigned)c < sizeof patterns / sizeof patterns[0] ? patterns[c] : NULL;
}

/* --- a small pretty-printing JSON writer --- */

struct jw {
	struct buf *b;
	int depth;
	bool comma;       /* a value was written at this level */
	bool after_key;
	int inline_depth; /* arrays opened inline: no newlines inside */
};

static void jw_escaped(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (*p == '\n')
			buf_puts(b, "\\n");
		else if (*p < 0x20)
			buf_printf(b, "\\u%04x", *p);
		else
			buf_putc(b, (char)*p);
	}
	buf_putc(b, '"');
}

static void jw_pre(struct jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->comma)
		buf_puts(w->b, w->inline_depth ? ", " : ",");
	if (w->depth && !w->inline_depth) {
		buf_putc(w->b, '\n');
		buf_repeat(w->b, ' ', (size_t)w->depth * 2);
	}
}

static void jw_open(struct jw *w, char ch, bool inl)
{
	jw_pre(w);
	buf_putc(w->b, ch);
	w->depth++;
	w->comma = false;
	if (inl || w->inline_depth)
		w->inline_depth++;
}

static void jw_close(struct jw *w, char ch)
{
	w->depth--;
	if (w->comma && !w->inline_depth) {
		buf_putc(w->b, '\n');
		buf_repeat(w->b, ' ', (size_t)w->depth * 2);
	}
	if (w->inline_depth)
		w->inline_depth--;
	buf_putc(w->b, ch);
	w->comma = true;
}

static void jw_key(struct jw *w, const char *k)
{
	jw_pre(w);
	jw_escaped(w->b, k);
	buf_puts(w->b, ": ");
	w->after_key = true;
}

static void jw_str(struct jw *w, const char *s)
{
	jw_pre(w);
	jw_escaped(w->b, s);
	w->comma = true;
}

static void jw_raw(struct jw *w, const char *s)
{
	jw_pre(w);
	buf_puts(w->b, s);
	w->comma = true;
}

static void jw_kv(struct jw *w, const char *k, const char *v)
{
	jw_key(w, k);
	jw_str(w, v);
}

static void jw_kraw(struct jw *w, const char *k, const char *v)
{
	jw_key(w, k);
	jw_raw(w, v);
}

/* {"type": "t"} or {"type": "t", "pattern": p} as a whole object */
static void jw_typed(struct jw *w, const char *type, const char *pattern)
{
	jw_open(w, '{', false);
	jw_kv(w, "type", type);
	if (pattern)
		jw_kv(w, "pattern", pattern);
	jw_close(w, '}');
}

/* "type": ["a", "b", ...] from a NULL-terminated list */
static void jw_types(struct jw *w, const char *const *types)
{
	jw_key(w, "type");
	if (!types[1]) {
		jw_str(w, types[0]);
		return;
	}
	jw_open(w, '[', true);
	for (size_t i = 0; types[i]; i++)
		jw_str(w, types[i]);
	jw_close(w, ']');
}

/* --- subschemas --- */

/* "$defs" names: the object's name with blanks as dashes. */
static void def_name(enum schema_obj o, char *out, size_t cap)
{
	snprintf(out, cap, "%s", schema_object(o)->name);
	for (char *p = out; *p; p++)
		if (*p == ' ')
			*p = '-';
}

/* The functions below write the keywords of a subschema into the object
 * that is open; sub() wraps one in an object of its own. */
typedef void keywords_fn(struct jw *w, enum schema_obj o, const struct schema_field *f);

static void sub(struct jw *w, keywords_fn *fn, enum schema_obj o, const struct schema_field *f)
{
	jw_open(w, '{', false);
	fn(w, o, f);
	jw_close(w, '}');
}

static void ref_kw(struct jw *w, enum schema_obj o)
{
	char name[64], ref[96];
	def_name(o, name, sizeof name);
	snprintf(ref, sizeof ref, "#/$defs/%s", name);
	jw_kv(w, "$ref", ref);
}

static void obj_kw(struct jw *w, enum schema_obj o, const struct schema_field *f)
{
	(void)o;
	ref_kw(w, (enum schema_obj)f->obj);
}

static void string_kw(struct jw *w, enum schema_obj o, const struct schema_field *f)
{
	/* a number can never match a name pattern: names stay strings */
	bool numbers = (f->flags & SF_COERCE) && f->check != SC_NAME;
	static const char *const str_num[] = { "string", "number", NULL };
	static const char *const str[] = { "string", NULL };
	(void)o;
	jw_types(w, numbers ? str_num : str);
	const char *p = check_pattern((enum schema_check)f->check);
	if (p)
		jw_kv(w, "pattern", p);
	if (numbers && f->check == SC_CACHE_SIZE)
		jw_kraw(w, "minimum", "0");  /* a number is a quantity of bytes */
}

static void any_of_open(struct jw *w)
{
	jw_key(w, "anyOf");
	jw_open(w, '[', false);
}

static void any_of_close(struct jw *w)
{
	jw_close(w, ']');
}

static void int_kw(struct jw *w, enum schema_obj o, const struct schema_field *f)
{
	(void)o, (void)f;
	any_of_open(w);
	jw_typed(w, "integer", NULL);
	jw_typed(w, "boolean", NULL);
	jw_typed(w, "string", "^\\s*[+-]?[0-9]+(?:_[0-9]+)*(?:\\.0+)?\\s*" END);
	any_of_close(w);
}

static void bool_kw(struct jw *w, enum schema_obj o, const struct schema_field *f)
{
	(void)o, (void)f;
	any_of_open(w);
	jw_typed(w, "boolean", NULL);
	jw_open(w, '{', false);
	jw_kraw(w, "enum", "[0, 1]");
	jw_close(w, '}');
	jw_typed(w, "string", "^(?:" CI_TRUE "|" CI_FALSE "|[yY](?:[eE][sS])?|[nN][oO]?|[oO][nN]|[oO][fF][fF]"
		 "|[tT]|[fF]|1|0)" END);
	any_of_close(w);
}

static void duration_kw(struct jw *w, enum schema_obj o, const struct schema_field *f)
{
	(void)f;
	any_of_open(w);
	jw_typed(w, "number", NULL);
	jw_typed(w, "string", "^(?:P(?=\\d|T\\d)(?:\\d+D)?(?:T(?:\\d+H)?(?:\\d+M)?(?:\\d+(?:\\.\\d+)?S)?)?"
		 "|\\s*[+-]?\\d+(?:_\\d+)*\\s*(?:ms|us|[dhms]))" END);
	if (o != SO_CHECKPOINT)
		jw_typed(w, "boolean", NULL);
	any_of_close(w);
}

static void quantity_kw(struct jw *w, enum schema_obj o, const struct schema_field *f)
{
	(void)o, (void)f;
	any_of_open(w);
	jw_open(w, '{', false);
	jw_kv(w, "type", "number");
	jw_kraw(w, "minimum", "0");
	jw_close(w, '}');
	jw_typed(w, "string", "^" QTY_RE END);
	any_of_close(w);
}

static void enum_kw(struct jw *w, enum schema_obj o, const struct schema_field *f)
{
	(void)o;
	jw_key(w, "enum");
	jw_open(w, '[', true);
	for (size_t i = 0; f->allowed && f->allowed[i]; i++)
		jw_str(w, f->allowed[i]);
	jw_close(w, ']');
}

static void scalars_kw(struct jw *w, enum schema_obj o, const struct schema_field *f)
{
	static const char *const scalars[] = { "string", "number", "boolean", NULL };
	(void)o, (void)f;
	jw_types(w, scalars);
}

static void mapping_of_scalars_kw(struct jw *w, enum schema_obj o, const struct schema_field *f)
{
	jw_kv(w, "type", "object");
	jw_key(w, "additionalProperties");
	sub(w, scalars_kw, o, f);
}

static void credential_kw(struct jw *w, enum schema_obj o, const struct schema_field *f)
{
	any_of_open(w);
	sub(w, scalars_kw, o, f);
	sub(w, mapping_of_scalars_kw, o, f);
	any_of_close(w);
}

static void exit_codes_kw(struct jw *w, enum schema_obj o, const struct schema_field *f)
{
	(void)o, (void)f;
	any_of_open(w);
	jw_typed(w, "string", "^(?:\\d+(?:-\\d+)?)+(?:,\\d+(?:-\\d+)?)*" END);
	jw_open(w, '{', false);
	jw_kv(w, "type", "integer");
	jw_kraw(w, "minimum", "0");
	jw_close(w, '}');
	any_of_close(w);
}

static void map_kw(struct jw *w, enum schema_obj o, const struct schema_field *f)
{
	jw_kv(w, "type", "object");
	if (f->check == SC_LABELS) {
		jw_kraw(w, "maxProperties", "16");
		jw_key(w, "propertyNames");
		jw_open(w, '{', false);
		jw_kv(w, "pattern", "^(?:" DNS_RE "(?:\\." DNS_RE ")*/)?" LABEL_RE END);
		jw_close(w, '}');
		jw_key(w, "additionalProperties");
		jw_typed(w, "string", "^" LABEL_RE END);
		return;
	}
	if (f->check == SC_EXIT_ACTIONS) {
		jw_key(w, "propertyNames");
		jw_open(w, '{', false);
		jw_kv(w, "pattern", "^(?:[cC][oO][mM][pP][lL][eE][tT][eE]|[fF][aA][iI][lL]"
		      "|[rR][eE][sS][cC][hH][eE][dD][uU][lL][eE])" END);
		jw_close(w, '}');
		jw_key(w, "additionalProperties");
		sub(w, exit_codes_kw, o, f);
		return;
	}
	jw_key(w, "additionalProperties");
	sub(w, f->item == ST_OBJ ? obj_kw : f->item == ST_CREDENTIAL ? credential_kw : scalars_kw, o, f);
}

static void array_kw(struct jw *w, enum schema_obj o, const struct schema_field *f)
{
	jw_kv(w, "type", "array");
	jw_key(w, "items");
	sub(w, f->item == ST_OBJ ? obj_kw : string_kw, o, f);
}

static void list_kw(struct jw *w, enum schema_obj o, const struct schema_field *f)
{
	if (!((f->flags & SF_SINGLE_OK) && f->item == ST_OBJ)) {
		array_kw(w, o, f);
		return;
	}
	any_of_open(w);
	sub(w, array_kw, o, f);
	sub(w, obj_kw, o, f);
	any_of_close(w);
}

static void any_kw(struct jw *w, enum schema_obj o, const struct schema_field *f)
{
	(void)w, (void)o, (void)f;
}

static keywords_fn *const type_kw[] = {
	[ST_STR] = string_kw, [ST_INT] = int_kw, [ST_BOOL] = bool_kw, [ST_DURATION] = duration_kw,
	[ST_QUANTITY] = quantity_kw, [ST_ENUM] = enum_kw, [ST_LIST] = list_kw, [ST_MAP] = map_kw,
	[ST_OBJ] = obj_kw, [ST_ANY] = any_kw, [ST_CREDENTIAL] = credential_kw,
};

/* A default as JSON when the row's default is a plain value of its type. */
static void default_value(struct jw *w, const struct schema_field *f)
{
	const char *d = f->dflt;
	if (!d || strpbrk(d, " {}("))
		return;
	jw_key(w, "default");
	if (f->type == ST_BOOL || f->type == ST_INT)
		jw_raw(w, d);
	else
		jw_str(w, d);
}

static void field_schema(struct jw *w, enum schema_obj o, const struct schema_field *f)
{
	struct buf desc = BUF_INIT;
	buf_puts(&desc, f->doc);
	if (f->dflt)
		buf_printf(&desc, " (default: %s)", f->dflt);
	jw_open(w, '{', false);
	jw_kv(w, "description", buf_cstr(&desc));
	default_value(w, f);
	keywords_fn *fn = (unsigned)f->type < sizeof type_kw / sizeof type_kw[0] ? type_kw[f->type] : any_kw;
	if (f->check == SC_VERSION) {
		/* OSMO drops version: on submit (the validator only warns): anything goes */
	} else if ((f->flags & SF_NULLABLE) && f->type != ST_ANY) {
		any_of_open(w);
		sub(w, fn, o, f);
		jw_typed(w, "null", NULL);
		any_of_close(w);
	} else {
		fn(w, o, f);
	}
	jw_close(w, '}');
	buf_free(&desc);
}

static void object_schema(struct jw *w, enum schema_obj o)
{
	const struct schema_object *ob = schema_object(o);
	jw_open(w, '{', false);
	jw_kv(w, "description", ob->doc);
	jw_kv(w, "type", "object");
	jw_key(w, "properties");
	jw_open(w, '{', false);
	for (size_t i = 0; i < ob->nfields; i++) {
		jw_key(w, ob->fields[i].key);
		field_schema(w, o, &ob->fields[i]);
	}
	jw_close(w, '}');
	size_t nreq = 0;
	for (size_t i = 0; i < ob->nfields; i++)
		nreq += (ob->fields[i].flags & SF_REQUIRED) != 0;
	if (nreq) {
		jw_key(w, "required");
		jw_open(w, '[', true);
		for (size_t i = 0; i < ob->nfields; i++)
			if (ob->fields[i].flags & SF_REQUIRED)
				jw_str(w, ob->fields[i].key);
		jw_close(w, ']');
	}
	if (!ob->open)
		jw_kraw(w, "additionalProperties", "false");
	jw_close(w, '}');
}

void schema_export_json(struct buf *out, const char *version)
{
	struct jw w = { out, 0, false, false, 0 };
	char desc[256];
	snprintf(desc, sizeof desc,
		 "An NVIDIA OSMO workflow spec after template rendering, as OSMO parses it "
		 "(YAML 1.1). Generated by osmo-tui %s from its schema table.", version);
	jw_open(&w, '{', false);
	jw_kv(&w, "$schema", "https://json-schema.org/draft/2020-12/schema");
	jw_kv(&w, "$id", "urn:osmo-tui:osmo-workflow-spec");
	jw_kv(&w, "title", "OSMO workflow spec");
	jw_key(&w, "$defs");
	jw_open(&w, '{', false);
	for (int o = SO_ROOT + 1; o < SO_COUNT; o++) {
		char name[64];
		def_name((enum schema_obj)o, name, sizeof name);
		jw_key(&w, name);
		object_schema(&w, (enum schema_obj)o);
	}
	jw_close(&w, '}');
	/* the root object's keywords, inline */
	const struct schema_object *root = schema_object(SO_ROOT);
	jw_kv(&w, "description", desc);
	jw_kv(&w, "type", "object");
	jw_key(&w, "properties");
	jw_open(&w, '{', false);
	for (size_t i = 0; i < root->nfields; i++) {
		jw_key(&w, root->fields[i].key);
		field_schema(&w, SO_ROOT, &root->fields[i]);
	}
	jw_close(&w, '}');
	jw_kraw(&w, "required", "[\"workflow\"]");
	jw_kraw(&w, "additionalProperties", "false");
	jw_close(&w, '}');
	buf_putc(out, '\n');
}

/* --- markdown --- */

static void md_anchor_link(struct buf *b, enum schema_obj o)
{
	char name[64];
	def_name(o, name, sizeof name);
	buf_printf(b, "[%s](#%s)", schema_object(o)->name, name);
}

static void md_type(struct buf *b, const struct schema_field *f)
{
	switch ((enum schema_type)f->type) {
	case ST_ENUM:
		buf_puts(b, "one of");
		for (size_t i = 0; f->allowed && f->allowed[i]; i++)
			buf_printf(b, "%s `%s`", i ? "," : "", f->allowed[i]);
		break;
	case ST_LIST:
	case ST_MAP:
		buf_puts(b, f->type == ST_LIST ? "list of " : "mapping of ");
		if (f->item == ST_OBJ)
			md_anchor_link(b, (enum schema_obj)f->obj);
		else if (f->item == ST_CREDENTIAL)
			buf_puts(b, "credentials");
		else
			buf_puts(b, "strings");
		if (f->flags & SF_SINGLE_OK)
			buf_puts(b, " (or a single one)");
		break;
	case ST_OBJ:
		md_anchor_link(b, (enum schema_obj)f->obj);
		break;
	default:
		buf_puts(b, schema_type_name((enum schema_type)f->type));
		break;
	}
	if ((f->flags & SF_COERCE) && f->type == ST_STR)
		buf_puts(b, " (numbers accepted)");
	if ((f->flags & SF_NULLABLE) && f->type != ST_ANY)
		buf_puts(b, " or null");
}

/* Text for a table cell: '|' escaped. */
static void md_cell(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
}

void schema_export_markdown(struct buf *out, const char *version)
{
	buf_printf(out,
		   "# OSMO workflow spec: field reference\n\n"
		   "Generated by `osmo-tui schema --format markdown` (osmo-tui %s) from the schema\n"
		   "table that `osmo-tui validate` checks specs against. Every object rejects keys\n"
		   "that are not listed. Durations are `30s`, `10m`, `12h`, `2d`, ISO 8601 (`PT1H`)\n"
		   "or a number of seconds; quantities use binary units (`512Mi`, `32Gi`; a bare\n"
		   "number is bytes); names are ASCII letters, digits, `-` and `_`, starting with a\n"
		   "letter and ending with a letter or digit.\n",
		   version);
	for (int o = SO_ROOT; o < SO_COUNT; o++) {
		const struct schema_object *ob = schema_object((enum schema_obj)o);
		char name[64];
		def_name((enum schema_obj)o, name, sizeof name);
		buf_printf(out, "\n## %s\n\n%s.\n\n", name, ob->doc);
		buf_puts(out, "| Key | Type | Required | Default | Description |\n"
			      "|---|---|---|---|---|\n");
		for (size_t i = 0; i < ob->nfields; i++) {
			const struct schema_field *f = &ob->fields[i];
			buf_printf(out, "| `%s` | ", f->key);
			md_type(out, f);
			buf_printf(out, " | %s | ", (f->flags & SF_REQUIRED) ? "yes" : "");
			if (f->dflt) {
				buf_putc(out, '`');
				md_cell(out, f->dflt);
				buf_putc(out, '`');
			}
			buf_puts(out, " | ");
			md_cell(out, f->doc);
			if (f->flags & SF_TOKENS)
				buf_puts(out, ". Special tokens such as `{{output}}` are substituted");
			if (f->flags & SF_CLIENT)
				buf_puts(out, ". Read by the osmo CLI, never sent to the server");
			buf_puts(out, " |\n");
		}
	}
}
