/* schema: the table of every OSMO spec field (see schema.h).
 *
 * Facts come from the spec reference and §3 of the validation catalogue:
 * which keys each object accepts, which are required, which string fields
 * take numbers (TaskSpec, ResourceSpec, File and kpi fields do; workflow,
 * group, input/output, checkpoint and topology fields do not), which fields
 * accept an explicit null (only the Optional ones), and the defaults OSMO
 * applies.
 */
#include "schema.h"

#include <string.h>

#include "similar.h"

#define F(key, type, item, obj, check, flags, dflt, allowed, doc) \
	{ key, type, item, obj, check, flags, dflt, allowed, doc }
#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const requirement_types[] = { "required", "preferred", NULL };
static const char *const download_types[] = { "download", NULL };

static const struct schema_field root_fields[] = {
	F("version", ST_INT, 0, 0, SC_VERSION, SF_NULLABLE, "2", NULL,
	  "Spec version; 2 is the only one (OSMO ignores this key on submit)"),
	F("workflow", ST_OBJ, 0, SO_WORKFLOW, SC_NONE, SF_REQUIRED, NULL, NULL,
	  "The workflow: its name, resources and tasks or groups"),
	F("default-values", ST_ANY, 0, 0, SC_NONE, SF_NULLABLE, NULL, NULL,
	  "Default values of the Jinja template variables (override with --set)"),
};

static const struct schema_field workflow_fields[] = {
	F("name", ST_STR, 0, 0, SC_NAME, SF_REQUIRED, NULL, NULL,
	  "Workflow name: letters, digits, - and _; starts with a letter"),
	F("labels", ST_MAP, ST_STR, 0, SC_LABELS, 0, NULL, NULL,
	  "Kubernetes-style labels (at most 16): key -> value"),
	F("pool", ST_STR, 0, 0, SC_NONE, SF_OVERWRITTEN, NULL, NULL,
	  "Target pool; OSMO uses the --pool of the submit command instead"),
	F("groups", ST_LIST, ST_OBJ, SO_GROUP, SC_NONE, 0, NULL, NULL,
	  "Groups of co-scheduled tasks (use either groups or tasks)"),
	F("tasks", ST_LIST, ST_OBJ, SO_TASK, SC_NONE, 0, NULL, NULL,
	  "Tasks, each in a group of its own (use either tasks or groups)"),
	F("resources", ST_MAP, ST_OBJ, SO_RESOURCE, SC_NONE, 0, "{default: {}}", NULL,
	  "Named resource profiles; tasks pick one with resource:"),
	F("timeout", ST_OBJ, 0, SO_TIMEOUT, SC_NONE, 0, NULL, NULL,
	  "Execution and queueing time limits (per group)"),
	F("backend", ST_STR, 0, 0, SC_NONE, SF_OVERWRITTEN, NULL, NULL,
	  "Backend; OSMO sets it from the pool"),
};

static const struct schema_field timeout_fields[] = {
	F("exec_timeout", ST_DURATION, 0, 0, SC_NONE, SF_NULLABLE, "pool default (60d)", NULL,
	  "Maximum run time of each group: 30m, 12h, 2d or ISO 8601 (PT1H)"),
	F("queue_timeout", ST_DURATION, 0, 0, SC_NONE, SF_NULLABLE, "pool default (60d)", NULL,
	  "Maximum time each group may wait in the queue"),
};

static const struct schema_field resource_fields[] = {
	F("cpu", ST_INT, 0, 0, SC_NONE, SF_NULLABLE, "1", NULL, "CPU cores per task"),
	F("gpu", ST_INT, 0, 0, SC_NONE, SF_NULLABLE, "0", NULL, "GPUs per task"),
	F("memory", ST_QUANTITY, 0, 0, SC_NONE, SF_NULLABLE, "1Gi", NULL,
	  "Memory per task in binary units: 512Mi, 32Gi (a bare number is bytes)"),
	F("storage", ST_QUANTITY, 0, 0, SC_NONE, SF_NULLABLE, "1Gi", NULL,
	  "Ephemeral disk per task in binary units: 100Gi"),
	F("platform", ST_STR, 0, 0, SC_NONE, SF_NULLABLE | SF_COERCE, "pool default platform", NULL,
	  "Hardware platform of the pool to run on (e.g. dgx-h100)"),
	F("nodesExcluded", ST_LIST, ST_STR, 0, SC_NONE, SF_COERCE, NULL, NULL,
	  "Nodes that must not run these tasks"),
	F("topology", ST_LIST, ST_OBJ, SO_TOPOLOGY, SC_NONE, 0, NULL, NULL,
	  "Placement constraints: tasks sharing a topology group land together"),
};

static const struct schema_field topology_fields[] = {
	F("key", ST_STR, 0, 0, SC_NONE, SF_REQUIRED, NULL, NULL,
	  "Topology key offered by the pool (e.g. gpu-clique, rack, zone)"),
	F("group", ST_STR, 0, 0, SC_NONE, 0, "default", NULL,
	  "Tasks with the same group are placed in the same topology domain"),
	F("requirementType", ST_ENUM, 0, 0, SC_NONE, 0, "required", requirement_types,
	  "required: refuse to schedule otherwise; preferred: best effort"),
};

static const struct schema_field group_fields[] = {
	F("name", ST_STR, 0, 0, SC_NAME, SF_REQUIRED, NULL, NULL,
	  "Group name, unique among all group and task names"),
	F("barrier", ST_BOOL, 0, 0, SC_NONE, 0, "true", NULL,
	  "Start the group's tasks together (only matters with several tasks)"),
	F("ignoreNonleadStatus", ST_BOOL, 0, 0, SC_NONE, 0, "true", NULL,
	  "The group's status follows its lead task only"),
	F("tasks", ST_LIST, ST_OBJ, SO_TASK, SC_NONE, SF_REQUIRED, NULL, NULL,
	  "The group's tasks; exactly one has lead: true when there are several"),
};

static const struct schema_field task_fields[] = {
	F("name", ST_STR, 0, 0, SC_NAME, SF_REQUIRED | SF_COERCE, NULL, NULL,
	  "Task name, unique among all group and task names"),
	F("image", ST_STR, 0, 0, SC_IMAGE, SF_REQUIRED | SF_COERCE, NULL, NULL,
	  "Container image, e.g. nvcr.io/nvidia/pytorch:24.08-py3"),
	F("command", ST_LIST, ST_STR, 0, SC_NONE, SF_REQUIRED | SF_COERCE | SF_TOKENS, NULL, NULL,
	  "Entrypoint and its first arguments (a non-empty list of strings)"),
	F("args", ST_LIST, ST_STR, 0, SC_NONE, SF_COERCE | SF_TOKENS, NULL, NULL,
	  "More arguments after the command"),
	F("lead", ST_BOOL, 0, 0, SC_NONE, 0, "false", NULL,
	  "The lead task of its group (exactly one per multi-task group)"),
	F("environment", ST_MAP, ST_STR, 0, SC_NONE, SF_TOKENS, NULL, NULL,
	  "Environment variables: NAME -> value"),
	F("files", ST_LIST, ST_OBJ, SO_FILE, SC_NONE, 0, NULL, NULL,
	  "Files created in the container before it starts"),
	F("inputs", ST_LIST, ST_OBJ, SO_INPUT, SC_NONE, 0, NULL, NULL,
	  "Data to download first: outputs of earlier tasks, URLs or datasets"),
	F("outputs", ST_LIST, ST_OBJ, SO_OUTPUT, SC_NONE, 0, NULL, NULL,
	  "Where to upload what the task writes to {{output}}"),
	F("kpis", ST_LIST, ST_OBJ, SO_KPI, SC_NONE, SF_SINGLE_OK, NULL, NULL,
	  "Metrics files to collect"),
	F("privileged", ST_BOOL, 0, 0, SC_NONE, 0, "false", NULL,
	  "Run the container privileged (the platform must allow it)"),
	F("hostNetwork", ST_BOOL, 0, 0, SC_NONE, 0, "false", NULL,
	  "Use the node's network namespace (the platform must allow it)"),
	F("volumeMounts", ST_LIST, ST_STR, 0, SC_VOLUME_MOUNT, SF_COERCE, NULL, NULL,
	  "Host paths to mount: /host or /host:/container"),
	F("credentials", ST_MAP, ST_CREDENTIAL, 0, SC_NONE, 0, NULL, NULL,
	  "Credentials: NAME -> mount path, or NAME -> {ENV_VAR: secret key}"),
	F("downloadType", ST_ENUM, 0, 0, SC_NONE, SF_NULLABLE, "download", download_types,
	  "How inputs are fetched"),
	F("cacheSize", ST_STR, 0, 0, SC_CACHE_SIZE, SF_NULLABLE | SF_COERCE, "90%", NULL,
	  "Input cache: a percentage of storage (50%) or a quantity (20Gi)"),
	F("exitActions", ST_MAP, ST_STR, 0, SC_EXIT_ACTIONS, 0, NULL, NULL,
	  "What an exit code means: COMPLETE / FAIL / RESCHEDULE -> codes (0, 1-255, 3,5)"),
	F("checkpoint", ST_LIST, ST_OBJ, SO_CHECKPOINT, SC_NONE, 0, NULL, NULL,
	  "Directories uploaded periodically while the task runs"),
	F("resource", ST_STR, 0, 0, SC_RESOURCE_REF, SF_COERCE, "default", NULL,
	  "Name of the resource profile (from workflow.resources)"),
	F("resources", ST_OBJ, 0, SO_RESOURCE, SC_NONE, SF_OVERWRITTEN, NULL, NULL,
	  "Ignored: OSMO replaces it with the profile named by resource:"),
	F("backend", ST_STR, 0, 0, SC_NONE, SF_OVERWRITTEN | SF_COERCE, NULL, NULL,
	  "Per-task backend; OSMO sets it from the pool"),
};

static const struct schema_field input_fields[] = {
	F("task", ST_STR, 0, 0, SC_INPUT_TASK, 0, NULL, NULL,
	  "An upstream task whose {{output}} this task receives (or WORKFLOW_ID:TASK)"),
	F("url", ST_STR, 0, 0, SC_DATA_URL, SF_TOKENS, NULL, NULL,
	  "A storage URL to download: s3://, gs://, azure://, swift://, tos://"),
	F("dataset", ST_OBJ, 0, SO_DATASET, SC_NONE, 0, NULL, NULL,
	  "An OSMO dataset to download"),
	F("regex", ST_STR, 0, 0, SC_REGEX, SF_TOKENS, NULL, NULL,
	  "Only files matching this Python regular expression"),
};

static const struct schema_field output_fields[] = {
	F("url", ST_STR, 0, 0, SC_DATA_URL, SF_TOKENS, NULL, NULL,
	  "A storage URL to upload {{output}} to"),
	F("dataset", ST_OBJ, 0, SO_DATASET, SC_NONE, 0, NULL, NULL,
	  "Upload {{output}} as a new OSMO dataset"),
	F("update_dataset", ST_OBJ, 0, SO_DATASET, SC_NONE, 0, NULL, NULL,
	  "Add {{output}} to an existing OSMO dataset"),
	F("regex", ST_STR, 0, 0, SC_REGEX, SF_TOKENS, NULL, NULL,
	  "Only files matching this Python regular expression"),
};

static const struct schema_field dataset_fields[] = {
	F("name", ST_STR, 0, 0, SC_NONE, SF_REQUIRED, NULL, NULL, "Dataset name"),
	F("path", ST_STR, 0, 0, SC_NONE, 0, NULL, NULL, "Mount path or sub-path"),
	F("regex", ST_STR, 0, 0, SC_REGEX, 0, NULL, NULL,
	  "Only files matching this Python regular expression"),
	F("metadata", ST_ANY, 0, 0, SC_NONE, SF_NULLABLE, NULL, NULL, "Metadata of a new dataset"),
	F("labels", ST_ANY, 0, 0, SC_NONE, SF_NULLABLE, NULL, NULL, "Labels of a new dataset"),
};

static const struct schema_field file_fields[] = {
	F("path", ST_STR, 0, 0, SC_FILE_PATH, SF_REQUIRED | SF_COERCE | SF_TOKENS, NULL, NULL,
	  "Where the file is created in the container (not under /osmo)"),
	F("contents", ST_STR, 0, 0, SC_NONE, SF_REQUIRED | SF_COERCE | SF_MULTILINE | SF_TOKENS, NULL, NULL,
	  "The file's text (or base64 data when base64: true)"),
	F("base64", ST_BOOL, 0, 0, SC_NONE, 0, "false", NULL, "contents is base64-encoded"),
	F("localpath", ST_STR, 0, 0, SC_NONE, SF_CLIENT, NULL, NULL,
	  "A local file the osmo CLI inlines as contents (path relative to the spec)"),
};

static const struct schema_field checkpoint_fields[] = {
	F("path", ST_STR, 0, 0, SC_NONE, SF_REQUIRED | SF_TOKENS, NULL, NULL,
	  "Directory in the container to upload"),
	F("url", ST_STR, 0, 0, SC_CHECKPOINT_URL, SF_REQUIRED | SF_TOKENS, NULL, NULL,
	  "Storage URL to upload to"),
	F("frequency", ST_DURATION, 0, 0, SC_NONE, SF_REQUIRED, NULL, NULL,
	  "Time between checkpoints: 60s, 10m, PT5M"),
	F("regex", ST_STR, 0, 0, SC_REGEX, 0, NULL, NULL,
	  "Only files matching this Python regular expression"),
};

static const struct schema_field kpi_fields[] = {
	F("index", ST_INT, 0, 0, SC_NONE, SF_REQUIRED, NULL, NULL, "Index of the metric"),
	F("path", ST_STR, 0, 0, SC_NONE, SF_REQUIRED | SF_COERCE, NULL, NULL, "File holding the metric"),
};

static const struct schema_object objects[SO_COUNT] = {
	[SO_NONE] = { "value", NULL, 0, true, "" },
	[SO_ROOT] = { "spec", root_fields, N(root_fields), false, "An OSMO workflow spec file" },
	[SO_WORKFLOW] = { "workflow", workflow_fields, N(workflow_fields), false, "The workflow" },
	[SO_TIMEOUT] = { "timeout", timeout_fields, N(timeout_fields), false, "Time limits" },
	[SO_RESOURCE] = { "resource profile", resource_fields, N(resource_fields), false,
			  "What each task using this profile gets" },
	[SO_TOPOLOGY] = { "topology requirement", topology_fields, N(topology_fields), false,
			  "A placement constraint" },
	[SO_GROUP] = { "group", group_fields, N(group_fields), false, "Co-scheduled tasks" },
	[SO_TASK] = { "task", task_fields, N(task_fields), false, "A container to run" },
	[SO_INPUT] = { "input", input_fields, N(input_fields), false,
		       "One of task, url or dataset, with an optional regex" },
	[SO_OUTPUT] = { "output", output_fields, N(output_fields), false,
			"One of url, dataset or update_dataset, with an optional regex" },
	[SO_DATASET] = { "dataset", dataset_fields, N(dataset_fields), false, "An OSMO dataset" },
	[SO_FILE] = { "file", file_fields, N(file_fields), false, "A file written into the container" },
	[SO_CHECKPOINT] = { "checkpoint", checkpoint_fields, N(checkpoint_fields), false,
			    "A periodic upload" },
	[SO_KPI] = { "kpi", kpi_fields, N(kpi_fields), false, "A metric" },
};

const struct schema_object *schema_object(enum schema_obj o)
{
	return (unsigned)o < SO_COUNT ? &objects[o] : &objects[SO_NONE];
}

const struct schema_field *schema_field(enum schema_obj o, const char *key)
{
	const struct schema_object *ob = schema_object(o);
	for (size_t i = 0; i < ob->nfields; i++)
		if (strcmp(ob->fields[i].key, key) == 0)
			return &ob->fields[i];
	return NULL;
}

const char *schema_suggest(enum schema_obj o, const char *key)
{
	const struct schema_object *ob = schema_object(o);
	const char *best = NULL;
	size_t bd = SIMILAR_FAR;
	for (size_t i = 0; i < ob->nfields; i++) {
		size_t d = similar_distance(key, ob->fields[i].key);
		if (d < bd) {
			bd = d;
			best = ob->fields[i].key;
		}
	}
	return bd <= similar_limit(strlen(key)) ? best : NULL;
}

const char *schema_type_name(enum schema_type t)
{
	static const char *const names[] = {
		[ST_STR] = "string", [ST_INT] = "integer", [ST_BOOL] = "boolean",
		[ST_DURATION] = "duration", [ST_QUANTITY] = "quantity", [ST_ENUM] = "choice",
		[ST_LIST] = "list", [ST_MAP] = "mapping", [ST_OBJ] = "object", [ST_ANY] = "any value",
		[ST_CREDENTIAL] = "credential",
	};
	return (unsigned)t < N(names) ? names[t] : "value";
}

enum schema_obj schema_obj_at(const char *const *keys, size_t n)
{
	enum schema_obj o = SO_ROOT;
	for (size_t i = 0; i < n; i++) {
		const struct schema_field *f = schema_field(o, keys[i]);
		if (!f || !f->obj)
			return SO_NONE;
		o = (enum schema_obj)f->obj;
	}
	return o;
}
