/* rules: the table of validation rules, with stable ids.
 *
 * One X-macro row per rule: enum name, id (kebab-case, stable: users put it
 * in "# osmo-tui: ignore[ID]" comments and tools match on it), severity, the
 * number of the rule in osmo-validation-rules.md (0 = osmo-tui's own) and a
 * one-line summary for `osmo-tui validate --list-rules`, help and docs.
 */
#ifndef OSMO_RULES_H
#define OSMO_RULES_H

#include <stddef.h>

#include "diag.h"

#define RULE_E DIAG_ERROR
#define RULE_W DIAG_WARNING
#define RULES(_) \
	/* file, sections and templates */ \
	_(TOP_UNKNOWN_KEY, "top-level-unknown-key", RULE_E, 1, "Only workflow, default-values and version may start a line at column 0") \
	_(TOP_DUPLICATE_KEY, "top-level-duplicate-key", RULE_E, 2, "A top-level section appears twice") \
	_(WORKFLOW_MISSING, "workflow-section-missing", RULE_E, 3, "There is no 'workflow:' at column 0") \
	_(DEFAULT_VALUES, "default-values-invalid", RULE_E, 4, "default-values must be a YAML mapping of plain values") \
	_(SET_FORMAT, "set-variable-format", RULE_E, 5, "--set and --set-string take KEY=VALUE") \
	_(TMPL_SYNTAX, "template-syntax", RULE_E, 6, "Jinja syntax error") \
	_(TMPL_UNDEFINED, "template-undefined-variable", RULE_E, 7, "A template variable has no value (StrictUndefined)") \
	_(TMPL_UNSAFE, "template-unsafe", RULE_E, 8, "The Jinja sandbox refuses this access") \
	_(TMPL_TIMEOUT, "template-timeout", RULE_E, 9, "Rendering exceeds the time budget") \
	_(TMPL_MEMORY, "template-memory", RULE_E, 10, "Rendering exceeds the memory or output budget") \
	_(TMPL_RUNTIME, "template-runtime-error", RULE_E, 11, "A Python error during rendering (division by zero, range too big)") \
	_(TMPL_UNSUPPORTED, "template-unsupported", RULE_E, 0, "A Jinja construct osmo-tui does not implement") \
	_(YAML_SYNTAX, "yaml-syntax", RULE_E, 12, "The (rendered) workflow is not valid YAML") \
	_(YAML_TAB, "yaml-tab", RULE_E, 12, "A tab where YAML needs spaces") \
	_(YAML_ENCODING, "yaml-encoding", RULE_E, 12, "The file is not valid UTF-8 text") \
	_(YAML_DOCS, "yaml-multiple-documents", RULE_E, 12, "More than one YAML document in the file") \
	_(YAML_KEY, "yaml-non-scalar-key", RULE_E, 12, "A list or mapping used as a mapping key") \
	_(YAML_ALIAS, "yaml-undefined-alias", RULE_E, 12, "An alias to an anchor that is not defined before it") \
	_(YAML_RECURSIVE, "yaml-recursive-alias", RULE_E, 12, "An alias inside the node it refers to") \
	_(YAML_LIMIT, "yaml-limit", RULE_E, 0, "The file exceeds a size, depth or alias-expansion limit") \
	_(YAML_UNSUPPORTED, "yaml-unsupported", RULE_E, 0, "A YAML feature osmo-tui does not support here") \
	_(YAML_TAG, "yaml-tag", RULE_E, 12, "A YAML tag PyYAML's safe loader cannot construct") \
	_(YAML_VALUE, "yaml-value", RULE_E, 12, "A value PyYAML cannot build (a bad date, merge or base64)") \
	_(PYDUMP_UNSUPPORTED, "pydump-unsupported", RULE_E, 0, "A value osmo-tui cannot print as yaml.dump would (render --dry-run)") \
	_(DUPLICATE_KEY, "duplicate-key", RULE_W, 0, "A key appears twice in one mapping (OSMO keeps the last)") \
	_(TOP_IGNORED, "top-level-ignored", RULE_W, 0, "Text OSMO ignores: before the first section or after default-values/version") \
	/* labels */ \
	_(LABELS_NOT_MAPPING, "labels-not-mapping", RULE_E, 13, "labels must be a mapping of strings to strings") \
	_(LABELS_TOO_MANY, "labels-too-many", RULE_E, 14, "At most 16 labels") \
	_(LABEL_KEY, "label-key-invalid", RULE_E, 15, "A label key is not a valid Kubernetes label key") \
	_(LABEL_VALUE_TYPE, "label-value-not-string", RULE_E, 16, "A label value is not a string") \
	_(LABEL_VALUE, "label-value-invalid", RULE_E, 17, "A label value is not a valid Kubernetes label value") \
	_(LABEL_OVERRIDE, "label-override-format", RULE_E, 18, "--label takes KEY=VALUE") \
	/* structure, types, names */ \
	_(UNKNOWN_FIELD, "unknown-field", RULE_E, 19, "A key the object does not have") \
	_(MISSING_FIELD, "missing-field", RULE_E, 20, "A required key is missing") \
	_(WRONG_TYPE, "wrong-type", RULE_E, 21, "A value of the wrong type (including null for lists and mappings)") \
	_(WORKFLOW_NOT_MAPPING, "workflow-not-mapping", RULE_E, 22, "workflow: must be a mapping") \
	_(TASKS_XOR_GROUPS, "tasks-xor-groups", RULE_E, 23, "Use either tasks or groups, not both") \
	_(TASKS_OR_GROUPS, "tasks-or-groups-required", RULE_E, 24, "A workflow needs tasks or groups") \
	_(DUPLICATE_NAME, "duplicate-name", RULE_E, 25, "Two tasks or groups have the same name (case and -/_ ignored)") \
	_(NAME_NOT_STRING, "name-not-string", RULE_E, 26, "A task or group name that YAML reads as a number or bool") \
	_(INVALID_NAME, "invalid-name", RULE_E, 27, "A name must match ^[a-zA-Z]([a-zA-Z0-9_-]*[a-zA-Z0-9])?$") \
	_(RESERVED_NAME, "reserved-task-name", RULE_E, 28, "osmo-ctrl is reserved") \
	_(GROUP_EMPTY, "group-empty", RULE_E, 29, "A group without tasks") \
	_(GROUP_LEAD, "group-lead-count", RULE_E, 30, "A multi-task group needs exactly one lead") \
	_(EMPTY_COMMAND, "empty-command", RULE_E, 31, "command must not be empty") \
	_(STRING_LIST, "string-list-items", RULE_E, 32, "command, args, volumeMounts and nodesExcluded hold strings (not bools or nulls)") \
	_(ENV_VALUE, "environment-value-type", RULE_E, 33, "Environment values are strings, numbers or bools") \
	_(EXIT_KEY, "exit-action-key", RULE_E, 34, "exitActions keys are COMPLETE, FAIL or RESCHEDULE") \
	_(EXIT_CODES, "exit-code-syntax", RULE_E, 35, "Exit codes look like 0, 1-255 or 3,5,7-9") \
	_(DOWNLOAD_TYPE, "download-type", RULE_E, 36, "downloadType is 'download' or unset") \
	_(CREDENTIALS, "credentials-shape", RULE_E, 37, "A credential is a mount path or a mapping ENV -> key") \
	_(FILE_PATH, "file-path-forbidden", RULE_E, 38, "Files cannot be written under /osmo or to an empty path") \
	_(FILE_DUPLICATE, "file-path-duplicate", RULE_E, 39, "Two files of a task at the same path") \
	_(REGEX, "regex-invalid", RULE_E, 40, "A regex that Python's re cannot compile") \
	_(INPUT_SHAPE, "input-shape", RULE_E, 41, "An input is {task}, {url} or {dataset}, with an optional regex") \
	_(OUTPUT_SHAPE, "output-shape", RULE_E, 42, "An output is {url}, {dataset} or {update_dataset}, with an optional regex") \
	_(INPUT_TASK_SYNTAX, "input-task-syntax", RULE_E, 43, "An input task is NAME or WORKFLOW_ID:NAME") \
	_(CHECKPOINT_URL, "checkpoint-url", RULE_E, 44, "A checkpoint url is s3://, gs://, tos://, azure:// or swift://") \
	_(DURATION, "duration-syntax", RULE_E, 45, "Durations: 30s, 10m, 2h, 1d, 250ms or ISO 8601 (PT1H)") \
	_(FREQUENCY_BOOL, "checkpoint-frequency-bool", RULE_E, 46, "A checkpoint frequency cannot be a boolean") \
	_(QUANTITY_VALUE, "memory-storage-value", RULE_E, 47, "memory/storage must be a number with a unit, e.g. 32Gi") \
	_(QUANTITY_UNIT, "memory-storage-unit", RULE_E, 48, "memory/storage units are binary: Ki Mi Gi Ti (or K M G T, B)") \
	_(CPU_GPU_INT, "cpu-gpu-integer", RULE_E, 49, "cpu and gpu are whole numbers") \
	_(REQUIREMENT_TYPE, "topology-requirement-type", RULE_E, 50, "requirementType is 'required' or 'preferred'") \
	_(VERSION, "version-unsupported", RULE_W, 51, "version is 2; OSMO ignores the key when submitting") \
	/* graph and profiles */ \
	_(UNKNOWN_INPUT_TASK, "unknown-input-task", RULE_E, 52, "An input names a task that does not exist") \
	_(INPUT_ORDER, "input-group-order", RULE_E, 53, "An input must come from a group listed earlier") \
	_(CYCLE, "dependency-cycle", RULE_E, 53, "Tasks depend on each other in a cycle") \
	_(MISSING_DEFAULT_RESOURCE, "missing-default-resource", RULE_E, 54, "A task without resource: needs a 'default' profile") \
	_(UNDEFINED_PROFILE, "undefined-resource-profile", RULE_E, 55, "resource: names a profile that does not exist") \
	_(SYNTHETIC_COLLISION, "synthetic-group-name-collision", RULE_E, 56, "In tasks: form, '<task>-group' collides with a task name") \
	/* late offline checks */ \
	_(MAX_TASKS, "max-task-count", RULE_E, 57, "More tasks than the pool allows (default 20)") \
	_(NAME_TOO_LONG, "name-too-long", RULE_E, 58, "A name longer than the pool allows (default 64; in tasks: form, 58)") \
	_(TOPOLOGY_UNIFORM, "topology-keys-uniform", RULE_E, 59, "All tasks with topology must use the same keys") \
	_(CACHE_SIZE, "cache-size", RULE_E, 60, "cacheSize is a percentage (50%) or a quantity (20Gi)") \
	_(VOLUME_MOUNT, "volume-mount-format", RULE_E, 61, "volumeMounts entries are /src or /src:/dest") \
	_(IMAGE, "image-reference", RULE_E, 62, "A container image reference OSMO can parse") \
	_(DATA_URL, "data-url-format", RULE_E, 63, "Data URLs are s3://, gs://, tos://, azure:// or swift://") \
	/* client side */ \
	_(LOCALPATH_AND_CONTENTS, "file-localpath-and-contents", RULE_E, 64, "A file has both localpath and contents") \
	_(LOCALPATH_MISSING, "file-localpath-missing", RULE_E, 65, "files[].localpath does not exist") \
	_(SET_ENV_FORMAT, "set-env-format", RULE_E, 66, "--set-env takes KEY=VALUE") \
	/* accepted by OSMO, but not doing what it says */ \
	_(OVERWRITTEN, "field-overwritten", RULE_W, 0, "A field OSMO accepts and then replaces (pool, backend, task resources)") \
	_(HOST_TOKEN, "host-token-cross-group", RULE_W, 0, "{{host:X}} only resolves for tasks in the same group") \
	_(INPUT_TOKEN_RANGE, "input-token-out-of-range", RULE_W, 0, "{{input:N}} past the end of the task's inputs stays literal") \
	_(INPUT_TOKEN_NAME, "input-token-unknown-task", RULE_W, 0, "{{input:NAME}} for a task that is not an input stays literal") \
	_(TOKEN_LITERAL, "token-never-substituted", RULE_W, 0, "A {{...}} that OSMO leaves in place ({{uuid}}, unknown tokens)") \
	/* against a pool description (--pool-file) */ \
	_(POOL_MAINTENANCE, "pool-maintenance", RULE_E, 0, "The pool is in maintenance") \
	_(PROFILE_PLATFORM, "resource-platform-default", RULE_E, 0, "A profile has no platform and the pool no usable default") \
	_(TOPOLOGY_KEY_POOL, "topology-key-in-pool", RULE_E, 0, "A topology key the pool does not offer") \
	_(TASK_PLATFORM, "task-platform", RULE_E, 0, "The task's platform does not exist in the pool") \
	_(STATIC_RESOURCES, "static-resource-rules", RULE_E, 0, "cpu, memory and storage must be above zero") \
	_(PRIVILEGED, "privileged-allowed", RULE_E, 0, "The platform does not allow privileged tasks") \
	_(HOST_NETWORK, "host-network-allowed", RULE_E, 0, "The platform does not allow hostNetwork") \
	_(MOUNT, "mount-allowed", RULE_E, 0, "The platform does not allow this mount (or provides it already)") \
	_(NODE_CAPACITY, "node-capacity", RULE_E, 0, "No node of the platform is big enough for the task") \
	_(GPU_GUARANTEE, "gpu-guarantee", RULE_E, 0, "A group asks for more GPUs than the pool guarantees") \
	_(TIMEOUT_CLAMPED, "timeout-clamped", RULE_W, 0, "A timeout above the pool maximum is silently lowered")

enum rule_id {
#define RULE_ENUM(e, id, sev, num, doc) R_##e,
	RULES(RULE_ENUM)
#undef RULE_ENUM
	R_COUNT
};

struct rule {
	const char *id;
	enum diag_severity severity;
	int osmo;          /* number in osmo-validation-rules.md, 0 = osmo-tui's own */
	const char *summary;
};

extern const struct rule rule_table[R_COUNT];

/* The rule with this id, or NULL. */
const struct rule *rule_by_id(const char *id);


#endif
