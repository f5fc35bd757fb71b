#!/bin/sh
# Differential test of src/pyre against python3's re.compile (skipped without python3).
if [ -z "${PYTHON3:-}" ] || [ "$PYTHON3" = ":" ]; then echo "1..0 # SKIP python3 not found"; exit 0; fi
exec "$PYTHON3" "$top_srcdir/tests/unit/pyre_diff.py" "$top_builddir/tests/unit/probe" "$top_srcdir/tests/unit/pyre_cases.txt"
