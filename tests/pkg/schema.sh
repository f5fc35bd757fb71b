#!/bin/sh
# osmo-tui schema: both formats come from the schema table and cover every
# object and field of it; usage errors. (tests/pkg/schema_json.sh checks the
# JSON Schema's verdicts against OSMO's.)
set -e
. "$top_srcdir/tests/lib.sh"

run "$OSMO_TUI" schema
is "$rc" 0 "schema exits 0"
cp "$T/out" "$T/schema.json"
run "$OSMO_TUI" schema --format json-schema
ok "--format json-schema is the default" cmp "$T/out" "$T/schema.json"
ok "the JSON Schema names draft 2020-12" grep -q '"\$schema": "https://json-schema.org/draft/2020-12/schema"' "$T/schema.json"

run "$OSMO_TUI" schema --format markdown
is "$rc" 0 "schema --format markdown exits 0"
cp "$T/out" "$T/schema.md"
for object in spec workflow timeout resource-profile topology-requirement group task input output \
	dataset file checkpoint kpi; do
	ok "markdown has a section for $object" grep -qx "## $object" "$T/schema.md"
done
ok "markdown starts with its title" sh -c 'head -n 1 "$1" | grep -qx "# OSMO workflow spec: field reference"' sh "$T/schema.md"
is "$(grep -c '^| `' "$T/schema.md")" "$(grep -c '"description": ' "$T/schema.json" | awk '{print $1 - 13}')" \
	"one markdown row per field of the JSON Schema"
ok "task rows say what is required" grep -q '^| `image` | string (numbers accepted) | yes |' "$T/schema.md"
ok "enum values are listed" grep -q '^| `requirementType` | one of `required`, `preferred` |' "$T/schema.md"
ok "object types link to their section" grep -q '^| `tasks` | list of \[task\](#task) |' "$T/schema.md"

if [ -n "${PYTHON3:-}" ] && [ "$PYTHON3" != ":" ]; then
	ok "the JSON Schema is valid JSON" "$PYTHON3" -c 'import json, sys; json.load(open(sys.argv[1]))' "$T/schema.json"
fi

for args in "--format" "--format yaml" "extra"; do
	# shellcheck disable=SC2086
	run "$OSMO_TUI" schema $args
	is "$rc" 2 "schema $args: usage error"
done

done_testing
