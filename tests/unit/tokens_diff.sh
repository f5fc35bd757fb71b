#!/bin/sh
# Differential test of src/tokens shielding against OSMO's procedure in python3 (skipped without python3).
if [ -z "${PYTHON3:-}" ] || [ "$PYTHON3" = ":" ]; then echo "1..0 # SKIP python3 not found"; exit 0; fi
exec "$PYTHON3" "$top_srcdir/tests/unit/tokens_diff.py" "$top_builddir/tests/unit/probe"
