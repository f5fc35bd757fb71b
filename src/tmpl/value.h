/* value: the values templates compute with, modelled on Python's objects.
 *
 * A `struct tv` is a small tagged value passed by value (16 bytes). Scalars
 * (none, bool, int, float) live inside it; strings, lists, tuples, dicts and
 * the engine's internal objects live on the heap, refcounted.
 *
 * Ownership, in one rule: a `struct tv` you hold owns one reference.
 *   - constructors (tv_str, tv_list_new, ...) return a value you own;
 *   - tv_ref(v) returns another owned copy of v (refcount + 1);
 *   - tv_drop(v) gives your reference back (frees at zero);
 *   - functions that store a value (tv_list_push, tv_dict_set, ...) take the
 *     reference you pass; functions that return an element (tv_list_get,
 *     tv_dict_get) lend it: tv_ref it to keep it.
 * Containers are mutable only through these functions; the engine never
 * mutates a container it did not create, so callers may share them.
 *
 * Out of memory never aborts: a constructor returns a value of kind TV_OOM,
 * and storing a TV_OOM into a container marks the container; tmpl_render
 * refuses such variables with a "template-memory" diagnostic.
 *
 * ints are 64-bit (Python's are unbounded): every operation that would
 * overflow reports an error instead of wrapping. Strings are UTF-8; lengths
 * and indexes used by templates count code points, as Python does.
 */
#ifndef OSMO_TMPL_VALUE_H
#define OSMO_TMPL_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Python prints objects with no repr of their own as "<... at 0x7f...>",
 * their memory address. Rendered output shows this fixed stand-in instead:
 * the same on every run, and no heap address leaks into a spec. */
#define TMPL_FAKE_ADDRESS "0x7f0000000000"

enum tv_kind {
	TV_OOM,      /* allocation failed (see above) */
	TV_MISSING,  /* internal: an unbound variable slot */
	TV_UNDEF,    /* an undefined value (Jinja's Undefined/StrictUndefined) */
	TV_NONE,
	TV_BOOL,
	TV_INT,
	TV_FLOAT,
	TV_STR,
	TV_LIST,
	TV_TUPLE,
	TV_DICT,
	TV_RANGE,    /* Python's range object */
	TV_OBJ,      /* internal engine object (macro, loop, namespace, ...) */
};

struct tv_str_obj;
struct tv_seq;
struct tv_dict;
struct tv_range;
struct tv_undef;
struct tv_obj;

struct tv {
	uint8_t kind;           /* enum tv_kind */
	union {
		bool b;
		int64_t i;
		double f;
		struct tv_heap *h;  /* common header of every heap kind */
		struct tv_str_obj *s;
		struct tv_seq *seq;
		struct tv_dict *d;
		struct tv_range *r;
		struct tv_undef *un;
		struct tv_obj *o;
	} u;
};

/* Header shared by all heap values. */
struct tv_heap {
	uint32_t rc;
};

/* A string: UTF-8 bytes, NUL-terminated for convenience. */
struct tv_str_obj {
	uint32_t rc;
	uint8_t ascii;          /* 1 = only ASCII bytes, 0 = not, 2 = unknown */
	uint8_t markup;         /* a markupsafe.Markup (from |e, |safe, |tojson) */
	size_t len;             /* bytes */
	size_t nchars;          /* code points, SIZE_MAX until computed */
	char data[];
};

/* A list or a tuple. */
struct tv_seq {
	uint32_t rc;
	bool oom;               /* an element could not be stored */
	uint32_t ninline;       /* slots of inline_[] allocated with the seq */
	size_t n, cap;
	struct tv *v;
	struct tv inline_[];
};

struct tv_dent {
	struct tv key, val;
	uint64_t hash;
};

/* An insertion-ordered dict (no deletion), with a hash index once large. */
struct tv_dict {
	uint32_t rc;
	bool oom;
	size_t n, cap;
	struct tv_dent *e;
	uint32_t *index;        /* open addressing, entry + 1; NULL while small */
	size_t icap;            /* slots in index (power of two) */
};

struct tv_range {
	uint32_t rc;
	int64_t start, stop, step;
};

/* Why a value is undefined; the message is built from these fields the way
 * Jinja builds it (see tv_undef_message). */
struct tv_undef {
	uint32_t rc;
	bool strict;            /* StrictUndefined (default) or plain Undefined */
	bool security;          /* raised as SecurityError (unsafe attribute) */
	char *hint;             /* explicit message, or NULL */
	char *name;             /* variable or attribute name (NULL if none) */
	char *obj_type;         /* "'dict object'"-style text, NULL = no object */
	bool name_is_key;       /* name is the repr of a non-string key */
};

/* Internal engine objects: a class gives their type name and destructor. */
struct tv_class {
	const char *name;       /* Python type name, e.g. "Macro" */
	const char *module;     /* e.g. "jinja2.runtime", NULL for builtins */
	void (*free)(struct tv_obj *o);
	void (*repr)(const struct tv_obj *o, struct buf *out);
};

struct tv_obj {
	uint32_t rc;
	const struct tv_class *cls;
};

/* --- constructors (the caller owns the result) --- */
/* None. */
static inline struct tv tv_none(void)
{
	return (struct tv){ .kind = TV_NONE };
}
/* True or False. */
static inline struct tv tv_bool(bool b)
{
	return (struct tv){ .kind = TV_BOOL, .u.b = b };
}
/* A 64-bit int. */
static inline struct tv tv_int(int64_t i)
{
	return (struct tv){ .kind = TV_INT, .u.i = i };
}
/* A float. */
static inline struct tv tv_float(double f)
{
	return (struct tv){ .kind = TV_FLOAT, .u.f = f };
}
/* A string copied from s[0..len) (UTF-8, not validated). */
struct tv tv_str(const char *s, size_t len);
/* A string copied from a NUL-terminated s. */
struct tv tv_cstr(const char *s);
/* A string taking the malloc'd contents of b (b is reset). */
struct tv tv_str_from_buf(struct buf *b);
/* An empty string of len bytes to fill in (data[len] is already NUL). */
struct tv tv_str_alloc(size_t len);
/* An empty list / tuple with room for cap elements. */
struct tv tv_list_new(size_t cap);
struct tv tv_tuple_new(size_t cap);
/* An empty dict. */
struct tv tv_dict_new(void);
/* range(start, stop, step); step must not be 0. */
struct tv tv_range_new(int64_t start, int64_t stop, int64_t step);
/* The internal "unbound slot" marker. */
static inline struct tv tv_missing(void)
{
	return (struct tv){ .kind = TV_MISSING };
}
/* An undefined value; strings are copied (any may be NULL). */
struct tv tv_undef_new(bool strict, const char *hint, const char *name,
		       const char *obj_type, bool name_is_key, bool security);
/* Wrap an internal object (rc must be 1; the caller's reference moves in). */
struct tv tv_obj_wrap(struct tv_obj *o);

/* --- references --- */
/* Objects with this count or more are immortal: never counted or freed
 * (the template's literals, which renders on several threads share). */
#define TV_IMMORTAL 0x40000000u
/* Free a heap value whose count dropped to zero (use tv_drop). */
void tv_destroy(struct tv v);
/* Another owned reference to v. */
static inline struct tv tv_ref(struct tv v)
{
	if ((v.kind == TV_UNDEF || v.kind >= TV_STR) && v.u.h->rc < TV_IMMORTAL)
		v.u.h->rc++;
	return v;
}
/* Release one reference to v. */
static inline void tv_drop(struct tv v)
{
	if ((v.kind == TV_UNDEF || v.kind >= TV_STR) && v.u.h->rc < TV_IMMORTAL && --v.u.h->rc == 0)
		tv_destroy(v);
}
/* Heap accounting for the memory limit: bytes currently allocated by values
 * on this thread, and a limit (0 = none) past which allocations fail. */
size_t tv_mem_used(void);
void tv_mem_set_limit(size_t limit);
/* Allocate / free n bytes counted against the limit (NULL when refused). */
void *tv_alloc(size_t n);
void *tv_realloc(void *p, size_t old, size_t n);
void tv_free(void *p, size_t n);

/* --- sequences (lists and tuples) --- */
/* Append v (taken). Returns 0, or -1 when out of memory (v is dropped). */
int tv_list_push(struct tv seq, struct tv v);
/* Number of elements. */
size_t tv_seq_len(struct tv seq);
/* Element i (borrowed; i < len). */
struct tv tv_seq_get(struct tv seq, size_t i);

/* Reverse a list or tuple in place. */
void tv_seq_reverse(struct tv seq);
/* Number of items of a range value. */
int64_t tv_range_len(struct tv r);

/* --- dicts --- */
/* Set d[key] = value for a string key (value taken). Returns 0 or -1. */
int tv_dict_set(struct tv d, const char *key, size_t keylen, struct tv value);
/* Set d[key] = value for any hashable key (both taken). Returns 0, -1 when
 * out of memory, -2 when key is unhashable. */
int tv_dict_set_v(struct tv d, struct tv key, struct tv value);
/* d[key] for a string key (borrowed), or a TV_MISSING value. */
struct tv tv_dict_get(struct tv d, const char *key, size_t keylen);
/* d[key] for any key (borrowed), TV_MISSING if absent; -2 in *err when the
 * key is unhashable (err may be NULL). */
struct tv tv_dict_get_v(struct tv d, struct tv key, int *err);
/* Number of entries. */
size_t tv_dict_len(struct tv d);

/* --- inspection --- */
/* Python's type name: "int", "str", "dict", "NoneType", "Macro", ... */
const char *tv_type_name(struct tv v);
/* Jinja's object_type_repr: "None", "dict object", "jinja2.utils.Namespace object". */
void tv_object_type_repr(struct tv v, struct buf *out);
/* Is v a heap string / a number (bool counts, like Python)? */
bool tv_is_str(struct tv v);
static inline bool tv_is_number(struct tv v)
{
	return v.kind == TV_INT || v.kind == TV_FLOAT || v.kind == TV_BOOL;
}
/* Code points in a string value. */
size_t tv_str_chars(struct tv v);
/* True if the string value contains only ASCII. */
bool tv_str_ascii(struct tv v);
/* Hash for dict keys; returns -1 and sets nothing when unhashable. */
int tv_hash(struct tv v, uint64_t *out);
/* Python ==, for values that never raise (numbers, str, containers, None).
 * Undefined values compare by kind only; callers check strictness first. */
bool tv_equal(struct tv a, struct tv b);
/* The message of an undefined value ("'x' is undefined", ...). */
void tv_undef_message(struct tv v, struct buf *out);

/* --- printing, exactly as Python prints --- */
/* repr(v) appended to out. */
void tv_repr(struct tv v, struct buf *out);
/* str(v) appended to out (strings verbatim, everything else like repr). */
void tv_to_str(struct tv v, struct buf *out);
/* Decimal digits of i written backwards ending at end (at least 21 bytes
 * before it); returns the first character (including a '-'). */
char *tv_fmt_int(int64_t i, char *end);
/* repr of a float (shortest round-trip: 1.0, 0.1, 1e+20, inf, nan). */
void tv_float_repr(double f, struct buf *out);
/* repr of a string (quote choice and escapes as Python). */
void tv_str_repr(const char *s, size_t len, struct buf *out);

#endif
