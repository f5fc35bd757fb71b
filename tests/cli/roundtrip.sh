#!/bin/sh
# Round trip: every YAML file under share/ and tests/data/ saves
# byte-identical when nothing is edited, and a one-scalar edit changes
# exactly one line.
set -e
. "$top_srcdir/tests/lib.sh"

# (err_*, the validate corpus's err/yaml-* cases and its Jinja templates with
# {% %} lines are not valid YAML on purpose)
find "$top_srcdir/share" "$top_srcdir/tests/data" -name '*.yaml' ! -name 'err_*' \
	! -path '*/data/err/yaml-*' ! -path '*/data/err/template-*' ! -path '*/data/ok/template_*' |
	sort > "$T/files"
[ -s "$T/files" ] || { fail "no YAML files found"; done_testing; exit 1; }
while read -r f; do
	name=${f#"$top_srcdir"/}
	run "$OSMO_TUI" set "$f" -o "$T/copy.yaml"
	if [ "$rc" -ne 0 ]; then
		fail "$name loads and saves" "$(cat "$T/err")"
		continue
	fi
	if cmp -s "$f" "$T/copy.yaml"; then pass "$name saves byte-identical"; else
		fail "$name saves byte-identical" "$(diff "$f" "$T/copy.yaml" | head -20)"
	fi
	if "$OSMO_TUI" get "$f" workflow.name > "$T/name" 2>/dev/null && [ -n "$(cat "$T/name")" ] &&
	   ! grep -q '[{}]' "$T/name"; then
		"$OSMO_TUI" set "$f" "workflow.name=$(cat "$T/name")x" > "$T/edited.yaml"
		n=$(diff "$f" "$T/edited.yaml" | grep -c '^>' || true)
		m=$(diff "$f" "$T/edited.yaml" | grep -c '^<' || true)
		is "$n:$m" "1:1" "$name: a scalar edit changes exactly one line"
	fi
done < "$T/files"
done_testing
