#!/bin/sh
# Differential test of src/pydump against PyYAML's yaml.dump (skipped without python3 or PyYAML).
if [ -z "${PYTHON3:-}" ] || [ "$PYTHON3" = ":" ]; then echo "1..0 # SKIP python3 not found"; exit 0; fi
exec "$PYTHON3" "$top_srcdir/tests/unit/pydump_diff.py" "$top_builddir/tests/unit/pydump_driver" "$top_srcdir"
