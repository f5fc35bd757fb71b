/* yaml11: what PyYAML's SafeLoader (YAML 1.1) makes of a scalar.
 *
 * OSMO loads the rendered spec with yaml.safe_load, so a plain (unquoted)
 * scalar's type follows PyYAML's implicit resolvers: `yes`/`on` are bools,
 * `010` is 8, `1:30` is 90, `1e3` is a string (floats need a dot),
 * `2024-01-01` is a date. Quoted scalars are always strings. This module
 * resolves the type, constructs the value as PyYAML does (including the
 * values whose construction raises, such as `0b_` or `2024-13-01`), and
 * prints values the way Python's str() does, which is what OSMO's string
 * coercions produce (`True`, `1000.0`, `31`).
 *
 * All functions take a byte range (s, n) that need not be NUL-terminated.
 * Float conversion uses strtod/snprintf: LC_NUMERIC must be "C" (the
 * default; the UI sets only LC_CTYPE).
 */
#ifndef OSMO_YAML11_H
#define OSMO_YAML11_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

enum y11_type {
	Y11_STR,        /* anything else; also every quoted scalar */
	Y11_NULL,       /* ~ null Null NULL and the empty plain scalar */
	Y11_BOOL,       /* yes/no/true/false/on/off in three casings */
	Y11_INT,        /* 0b.., 0.. (octal), decimal, 0x.., sexagesimal 1:30 */
	Y11_FLOAT,      /* 1.5 .5 1. 1.0e+3 1:30.5 .inf -.Inf .nan */
	Y11_TIMESTAMP,  /* 2024-01-01 or 2024-01-01 10:00:00[.f][tz] */
	Y11_MERGE,      /* << (only meaningful as a mapping key) */
	Y11_VALUE,      /* = (SafeLoader cannot construct it: load error) */
};

struct y11_timestamp {
	int year, month, day;
	bool has_time;          /* false: a date */
	int hour, minute, second, usec;
	bool has_tz;            /* Z or an offset was given */
	int tz_minutes;         /* offset east of UTC (Z = 0) */
};

/* A constructed scalar. Only the member for `type` is meaningful. */
struct y11_value {
	enum y11_type type;
	bool b;
	int64_t i;              /* Y11_INT, clamped when it does not fit */
	bool i_overflow;        /* the int needs more than 64 bits (Python has no limit) */
	double f;
	struct y11_timestamp ts;
	char error[160];        /* construction failure (PyYAML raises), else "" */
};

/* Name of a type: "str", "null", "bool", "int", "float", "timestamp",
 * "merge", "value" (the PyYAML tag suffix). */
const char *yaml11_type_name(enum y11_type t);

/* Python type name of the constructed value as OSMO messages show it
 * ("str", "NoneType", "bool", "int", "float", "date", "datetime"). */
const char *yaml11_python_type(const struct y11_value *v);

/* The tag PyYAML's resolver gives a plain scalar (no construction). */
enum y11_type yaml11_resolve(const char *s, size_t n);

/* Resolve (plain) or take as a string (quoted) and construct the value.
 * Returns 0, or -1 when PyYAML's constructor would raise (v->error says
 * why, with Python's wording): `0b_`, `2024-02-30`, `=`, `<<` as a value,
 * decimal ints longer than 4300 digits. */
int yaml11_construct(const char *s, size_t n, bool plain, struct y11_value *v);

/* Plain scalar -> bool. Returns 0 and sets *out, or -1 if it is not a bool. */
int yaml11_to_bool(const char *s, size_t n, bool *out);

/* Plain scalar -> int64. Returns 0, -1 if it is not a (constructible) int,
 * -2 if it is an int that does not fit in int64 (*out is clamped). */
int yaml11_to_int(const char *s, size_t n, int64_t *out);

/* Plain scalar -> double. Returns 0, or -1 if it is not a float. */
int yaml11_to_float(const char *s, size_t n, double *out);

/* Python repr()/str() of a float: "1000.0", "0.5", "1e+16", "1e-05",
 * "inf", "-inf", "nan", "-0.0". out must hold 32 bytes. */
void yaml11_float_repr(double d, char out[32]);

/* Append Python's str() of the value v (as constructed from s, n):
 * str -> itself, null -> "None", bool -> "True"/"False", int -> exact
 * decimal (any size), float -> repr, date -> "2024-01-01", datetime ->
 * "2024-01-01 10:00:00[.ffffff][+HH:MM]". Returns 0, or -1 when Python
 * would raise (an int of more than 4300 decimal digits) or v has an error. */
int yaml11_pystr(const char *s, size_t n, const struct y11_value *v, struct buf *out);

#endif
