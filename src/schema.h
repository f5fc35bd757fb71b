/* schema: the OSMO workflow spec as ONE table of objects and fields.
 *
 * Every field OSMO accepts (osmo-workflow-spec.md; osmo-validation-rules.md
 * §3.1) is a row: its key, value type, element type or object, flags
 * (required, nullable, number coercion, overwritten by OSMO), default, the
 * allowed values of an enum, a value check (name, image, URL...) and a
 * one-line doc. The same rows drive validation (unknown keys, types,
 * required fields), the TUI forms (which widget), completion at the `:set`
 * prompt, help text, `osmo-tui schema` (JSON Schema / markdown) and the man
 * page. Add a field once, here.
 */
#ifndef OSMO_SCHEMA_H
#define OSMO_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

enum schema_obj {
	SO_NONE,
	SO_ROOT,        /* top level: version, workflow, default-values */
	SO_WORKFLOW,
	SO_TIMEOUT,
	SO_RESOURCE,    /* a resource profile */
	SO_TOPOLOGY,
	SO_GROUP,
	SO_TASK,
	SO_INPUT,
	SO_OUTPUT,
	SO_DATASET,     /* dataset / update_dataset of inputs and outputs */
	SO_FILE,
	SO_CHECKPOINT,
	SO_KPI,
	SO_COUNT
};

enum schema_type {
	ST_STR,         /* a string */
	ST_INT,         /* pydantic lax int (cpu, gpu, kpi index) */
	ST_BOOL,        /* pydantic lax bool */
	ST_DURATION,    /* 30s, 1h, PT10S, or a number of seconds */
	ST_QUANTITY,    /* memory/storage: 10Gi, 512Mi (binary units) */
	ST_ENUM,        /* one of `allowed` */
	ST_LIST,        /* a list of `item` values (or of `obj` objects) */
	ST_MAP,         /* a mapping of names to `item` values (or `obj` objects) */
	ST_OBJ,         /* an object of kind `obj` */
	ST_ANY,         /* anything (default-values) */
	ST_CREDENTIAL,  /* a mount path, or a mapping ENV -> secret key */
};

/* field flags */
enum {
	SF_REQUIRED = 1 << 0,     /* OSMO says "Field required" without it */
	SF_NULLABLE = 1 << 1,     /* an explicit null is accepted (Optional) */
	SF_COERCE = 1 << 2,       /* numbers are accepted and turned into strings */
	SF_OVERWRITTEN = 1 << 3,  /* accepted, then replaced by OSMO: no effect */
	SF_SINGLE_OK = 1 << 4,    /* a list that also accepts one bare object */
	SF_CLIENT = 1 << 5,       /* read by the osmo CLI, never sent to the server */
	SF_MULTILINE = 1 << 6,    /* text that is usually several lines (forms) */
	SF_TOKENS = 1 << 7,       /* OSMO substitutes special tokens in it */
};

/* value checks beyond the type (the validator maps each to a rule) */
enum schema_check {
	SC_NONE,
	SC_NAME,            /* workflow/group/task name pattern */
	SC_IMAGE,           /* container image reference */
	SC_DATA_URL,        /* input/output url: s3:// gs:// tos:// azure:// swift:// */
	SC_CHECKPOINT_URL,  /* checkpoint url */
	SC_INPUT_TASK,      /* NAME or WORKFLOW_ID:NAME */
	SC_REGEX,           /* a Python re pattern */
	SC_FILE_PATH,       /* not under /osmo */
	SC_VOLUME_MOUNT,    /* src or src:dest */
	SC_CACHE_SIZE,      /* P% or a quantity */
	SC_EXIT_ACTIONS,    /* COMPLETE/FAIL/RESCHEDULE -> exit code ranges */
	SC_LABELS,          /* Kubernetes label keys and values */
	SC_RESOURCE_REF,    /* the name of a resource profile */
	SC_VERSION,         /* 2 */
};

struct schema_field {
	const char *key;
	unsigned char type;          /* enum schema_type */
	unsigned char item;          /* ST_LIST/ST_MAP element type */
	unsigned char obj;           /* ST_OBJ, or the element object of a list/map */
	unsigned char check;         /* enum schema_check */
	unsigned short flags;
	const char *dflt;            /* default as shown to users, or NULL */
	const char *const *allowed;  /* ST_ENUM values, NULL-terminated */
	const char *doc;             /* one line */
};

struct schema_object {
	const char *name;            /* "task", "resource profile", ... */
	const struct schema_field *fields;
	size_t nfields;
	bool open;                   /* any key allowed (default-values) */
	const char *doc;
};

/* The object description for kind o (SO_NONE..SO_COUNT-1). */
const struct schema_object *schema_object(enum schema_obj o);
/* The field `key` of object o, or NULL. */
const struct schema_field *schema_field(enum schema_obj o, const char *key);
/* The closest field name of o to key (edit distance, case-insensitive),
 * for "did you mean"; NULL when nothing is close. */
const char *schema_suggest(enum schema_obj o, const char *key);
/* Name of a type ("string", "integer", "duration", ...). */
const char *schema_type_name(enum schema_type t);
/* The object kind a path of keys leads to from the root, e.g.
 * {"workflow", "tasks"} -> SO_TASK (list items are implied). */
enum schema_obj schema_obj_at(const char *const *keys, size_t n);

#endif
