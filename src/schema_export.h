/* schema_export: the schema table (schema.h) as a JSON Schema or a markdown
 * field reference, for `osmo-tui schema`.
 *
 * Both are generated from the table only, so they cannot drift from what
 * the validator checks. The JSON Schema (draft 2020-12) describes a spec
 * after rendering, as OSMO parses it (PyYAML, YAML 1.1): it accepts
 * everything OSMO accepts, including the coercions of its models (cpu: "2",
 * an environment value 5 or true, memory: 1073741824, lead: "yes"), and
 * rejects unknown keys, wrong types, missing required keys and values whose
 * grammar OSMO checks with a pattern (names, images, URLs, durations,
 * quantities, labels, exit codes, file paths, mounts). Rules that relate
 * several fields (tasks xor groups, references, dependencies) are beyond a
 * JSON Schema; `osmo-tui validate` checks them.
 */
#ifndef OSMO_SCHEMA_EXPORT_H
#define OSMO_SCHEMA_EXPORT_H

#include "buf.h"

/* Append the JSON Schema (pretty-printed, ending with a newline). version
 * is the program's version, recorded in the description. */
void schema_export_json(struct buf *out, const char *version);

/* Append the markdown field reference: one section per object, one table
 * row per field (key, type, required, default, description). */
void schema_export_markdown(struct buf *out, const char *version);

#endif
