#!/bin/sh
# Crash safety of set -i under SIGKILL (tests/save/kill.py; skipped without python3).
if [ -z "${PYTHON3:-}" ] || [ "$PYTHON3" = ":" ]; then echo "1..0 # SKIP python3 not found"; exit 0; fi
exec "$PYTHON3" "$top_srcdir/tests/save/kill.py"
