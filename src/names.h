/* names: OSMO's grammars for names and references (rules in brackets).
 *
 * Workflow, group and task names, input task references, file paths,
 * volume mounts, container images, storage URLs and label keys/values.
 * Each checker takes the string value (s, n) and returns 0 when OSMO
 * accepts it or -1 with struct units_err (units.h) holding OSMO's message,
 * a hint and the byte range inside the value that is wrong.
 */
#ifndef OSMO_NAMES_H
#define OSMO_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "units.h"

/* The pattern names must fully match (#27), as OSMO's message quotes it. */
#define NAMES_NAME_PATTERN "^[a-zA-Z]([a-zA-Z0-9_-]*[a-zA-Z0-9])?$"

/* #27: ASCII, starts with a letter, then letters, digits, '-', '_', and
 * ends with a letter or digit. No length limit here (see #58). */
int names_name(const char *s, size_t n, struct units_err *e);

/* #25: the form names are compared in: lowercase, '_' -> '-'. */
void names_normalize(const char *s, size_t n, struct buf *out);

/* #28: cut to 63 chars with trailing '-'/'_' stripped, then normalised:
 * true when it is the reserved "osmo-ctrl". */
bool names_is_reserved_task(const char *s, size_t n);

/* #28 as a checker with OSMO's message. */
int names_task_name(const char *s, size_t n, struct units_err *e);

/* #43: an input `task:` is NAME or WORKFLOW_ID:NAME. On success *colon is
 * the offset of ':' (the task part starts after it) or n when there is none. */
int names_input_task(const char *s, size_t n, size_t *colon, struct units_err *e);

/* #38: a `files` path: after dropping empty '/'-parts something must be
 * left and the first part must not be "osmo", unless the path starts with
 * "/osmo/data/output/". */
int names_file_path(const char *s, size_t n, struct units_err *e);

/* #61: a volumeMounts entry is `src` or `src:dest` with a non-empty dest. */
int names_volume_mount(const char *s, size_t n, struct units_err *e);

/* The parts of a docker image reference (offsets into the value; a part
 * that is absent has len 0). */
struct names_image {
	size_t host, host_len, port, port_len, name, name_len, tag, tag_len, digest, digest_len;
};

/* #62: [host[:port]/]name[:tag][@digest], where host is an IPv4 address,
 * localhost, a dotted name, or a bare name followed by :port/; name is
 * '/'-joined lowercase components. img may be NULL. */
int names_image(const char *s, size_t n, struct names_image *img, struct units_err *e);

/* #44: a checkpoint url must match one of the storage patterns
 * (s3, gs: 1+ components; tos, azure: 2+; swift: 3+; C = [^/,;*]+). */
int names_checkpoint_url(const char *s, size_t n, struct units_err *e);

/* #63: an input/output url: its scheme (as Python's urlparse finds it,
 * lowercased) must be swift, s3, gs, tos or azure, then the whole url must
 * match that scheme's pattern (so the scheme must be lowercase in it). */
int names_data_url(const char *s, size_t n, struct units_err *e);

/* #15: a label key: at most one '/', an optional DNS-subdomain prefix
 * (lowercase labels joined by dots, at most 253 chars) and a name segment
 * [A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?. */
int names_label_key(const char *s, size_t n, struct units_err *e);

/* #17: a label value: the name-segment grammar (1 to 63 chars). */
int names_label_value(const char *s, size_t n, struct units_err *e);

#endif
