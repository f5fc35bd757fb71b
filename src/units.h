/* units: OSMO's value grammars for quantities, durations and coerced scalars.
 *
 * Each checker implements one rule of reference/osmo-validation-rules.md
 * (numbers in brackets) with OSMO's exact semantics, including the Python
 * and pydantic coercions in front of it: a YAML scalar is given as its text
 * (s, n) and `plain` (false for quoted scalars, which are always strings),
 * resolved as PyYAML does (yaml11.h), then stringified or converted as
 * OSMO's models do. A checker returns 0 when OSMO accepts the value and -1
 * when it rejects it, with struct units_err saying why: OSMO's message
 * (the value shortened when long), an optional hint, and the byte range
 * inside the value that is wrong when one can be pointed at.
 *
 * Names, images, URLs, paths and labels are in names.h.
 */
#ifndef OSMO_UNITS_H
#define OSMO_UNITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define UNITS_NOPOS ((size_t)-1)

struct units_err {
	char msg[512];     /* OSMO's wording, e.g. "Resource memory field has invalid unit: GB" */
	char hint[160];    /* how to fix it ("use Gi: OSMO units are binary"), or "" */
	size_t off, end;   /* byte range in the value, or off == UNITS_NOPOS: the whole value */
};

/* Fill e (helper shared with names.c): range [off, end) and a message. */
void units_err_set(struct units_err *e, size_t off, size_t end, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Fill e pointing at the one character at byte bad of an n-byte value
 * (clamped to the last character; the whole value when n is 0). */
void units_err_at(struct units_err *e, size_t n, size_t bad, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Copy s[0..n) into out (cap bytes) for a message, shortening long values
 * to "head...tail" at UTF-8 boundaries, as pydantic does. */
void units_shorten(const char *s, size_t n, char *out, size_t cap);

/* ---- durations (#45, #46, §3.4) ---- */

enum units_dur_ctx {
	UNITS_DUR_TIMEOUT,     /* exec_timeout, queue_timeout: bools are 1 s / 0 s */
	UNITS_DUR_FREQUENCY,   /* checkpoint frequency: bools are rejected (#46) */
};

/* A duration string: ISO 8601 subset P(nD)?(T(nH)?(nM)?(n[.n]S)?)? or
 * Python-int<unit> with unit d h m s ms us ("+5m", " 5m", "5_0s", "-5m"
 * accepted; "1.5h", "1h30m", "10M", "5m " rejected). Sets *seconds. */
int units_duration_str(const char *s, size_t n, double *seconds, struct units_err *e);

/* A duration field's YAML scalar: null -> *unset (OK, Optional), int/float
 * -> seconds, bool -> 1/0 s for timeouts or an error for frequency,
 * string -> units_duration_str. A zero result means "unset" to OSMO (the
 * default applies); that is the caller's business. */
int units_duration(const char *s, size_t n, bool plain, enum units_dur_ctx ctx,
		   double *seconds, bool *unset, struct units_err *e);

/* ---- memory and storage quantities (#47, #48, §3.5), cacheSize (#60) ---- */

/* A memory/storage value after OSMO's number->str coercion must fully match
 * (\d+(\.\d+)?)([a-zA-Z]*) with a unit among T Ti TiB G Gi GiB M Mi MiB K
 * Ki KiB B m (case-sensitive; none = bytes). field names it in the message
 * ("memory", "storage", "cache"). Sets *bytes. null -> *unset. Bools and
 * dates are not strings: "Input should be a valid string". */
int units_quantity(const char *s, size_t n, bool plain, const char *field,
		   double *bytes, bool *unset, struct units_err *e);

/* The unit OSMO most likely meant for a unit it rejects or misreads:
 * "GB"/"gb"/"g"/"Gib" -> "Gi", "k"/"KB" -> "Ki", and for the valid but
 * surprising "m" (milli-bytes, 2^-10 B) -> "Mi". NULL when no guess. */
const char *units_unit_suggestion(const char *u, size_t n);

/* cacheSize: "P%" with floor(float(P)) in 0..100, or a quantity as above
 * (field "cache"). Empty or null means unset (90% of storage). */
int units_cache_size(const char *s, size_t n, bool plain, double *value, bool *is_percent,
		     bool *unset, struct units_err *e);

/* ---- pydantic lax coercions (§3.3, #49) ---- */

/* pydantic `int` in lax mode (cpu, gpu): ints of any size, bools, floats
 * with no fractional part, and strings like "2", " 3 ", "1_000", "2.0".
 * *out is clamped and *big set when the value needs more than 64 bits.
 * null -> *unset. */
int units_lax_int(const char *s, size_t n, bool plain, int64_t *out, bool *big, bool *unset,
		  struct units_err *e);

/* pydantic `bool` in lax mode (lead, barrier, privileged, ...): YAML bools,
 * ints 0/1, floats 0.0/1.0 and the strings yes/no/on/off/y/n/t/f/true/
 * false/1/0 in any case. */
int units_lax_bool(const char *s, size_t n, bool plain, bool *out, struct units_err *e);

/* A str field. Numbers become Python str() when numbers_ok (TaskSpec,
 * ResourceSpec, File and kpi fields); bools, null and dates are rejected. */
int units_str_field(const char *s, size_t n, bool plain, bool numbers_ok, struct buf *out,
		    struct units_err *e);

/* A value of `environment` or `exitActions` (#33): str, int, float and bool
 * become Python str() ("True", "0.5", "1000.0", "31"); null and dates are
 * rejected. */
int units_dict_value(const char *s, size_t n, bool plain, struct buf *out, struct units_err *e);

/* str() of any mapping key as OSMO's coercion makes it (null -> "None"). */
int units_dict_key(const char *s, size_t n, bool plain, struct buf *out);

/* ---- exit actions (#34, #35), downloadType (#36), topology (#50) ---- */

/* str(key).upper() must be COMPLETE, FAIL or RESCHEDULE. task names the task. */
int units_exit_action_key(const char *s, size_t n, bool plain, const char *task, struct units_err *e);

/* The stringified value (units_dict_value) must fully match
 * ^(\d+(-\d+)?)+(,\d+(-\d+)?)*$ (so "1-23-4" passes, spaces fail). */
int units_exit_codes(const char *s, size_t n, bool plain, const char *key, const char *task,
		     struct units_err *e);

/* downloadType: null or exactly "download". */
int units_download_type(const char *s, size_t n, bool plain, const char *task, struct units_err *e);

/* topology requirementType: exactly "required" or "preferred". */
int units_requirement_type(const char *s, size_t n, bool plain, struct units_err *e);

#endif
