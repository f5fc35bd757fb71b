#!/bin/sh
# Differential test of src/yaml11 against PyYAML (skipped without python3 or PyYAML).
if [ -z "${PYTHON3:-}" ] || [ "$PYTHON3" = ":" ]; then echo "1..0 # SKIP python3 not found"; exit 0; fi
exec "$PYTHON3" "$top_srcdir/tests/unit/yaml11_diff.py" "$top_builddir/tests/unit/probe"
