#!/bin/sh
# The exported JSON Schema against OSMO's behaviour (tests/pkg/schema_check.py;
# skipped without python3, PyYAML or jsonschema).
if [ -z "${PYTHON3:-}" ] || [ "$PYTHON3" = ":" ]; then echo "1..0 # SKIP python3 not found"; exit 0; fi
T=$(mktemp -d "${TMPDIR:-/tmp}/osmo-tui-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
"$OSMO_TUI" schema >"$T/schema.json" || { echo "1..1"; echo "not ok 1 - osmo-tui schema"; exit 1; }
"$PYTHON3" "$top_srcdir/tests/pkg/schema_check.py" "$T/schema.json" "$OSMO_TUI" \
	"$top_builddir/tests/unit/probe" "$top_srcdir" "$T"
