#!/bin/sh
# Cookbook files: index.yaml, the example files and Makefile.am agree, and
# every example has the shape listings rely on (leading comment whose first
# line is the title, plain text without tabs or CRs, final newline).
set -e
. "$top_srcdir/tests/lib.sh"

dir=$top_srcdir/share/cookbook
index=$dir/index.yaml
makefile=$top_srcdir/Makefile.am
tab=$(printf '\t')
cr=$(printf '\r')

# has_final_newline FILE: non-empty and the last byte is a newline
has_final_newline() {
	[ -s "$1" ] && [ -z "$(tail -c 1 "$1")" ]
}

# plain_text FILE: no tab and no carriage return anywhere
plain_text() {
	! grep -q "[$tab$cr]" "$1"
}

# listed_in_makefile PATH: PATH is a whole word of Makefile.am
listed_in_makefile() {
	awk -v want="$1" '{ for (i = 1; i <= NF; i++) if ($i == want) found = 1 }
		END { exit !found }' "$makefile"
}

# One line per index entry: name, path, title, has-pattern, has-tags
# (tab-separated). An entry starts at "- name:"; its fields are the
# two-space-indented keys that follow.
awk '
function flush() {
	if (seen)
		printf "%s\t%s\t%s\t%d\t%d\n", name, path, title, pattern, tags
	seen = 0; name = path = title = ""; pattern = tags = 0
}
/^- name: /      { flush(); seen = 1; name = substr($0, 9); next }
/^  path: /      { path = substr($0, 9); next }
/^  title: /     { title = substr($0, 10); next }
/^  pattern: ./  { pattern = 1; next }
/^  tags: \[.+\]$/ { tags = 1; next }
END { flush() }
' "$index" >"$T/entries"

ok "index.yaml starts with a comment" grep -q '^# ' "$index"
ok "index.yaml has an examples: list" grep -q '^examples:$' "$index"
ok "index.yaml is plain text" plain_text "$index"
ok "index.yaml ends with a newline" has_final_newline "$index"
ok "README.md ends with a newline" has_final_newline "$dir/README.md"
ok "index.yaml lists examples" test -s "$T/entries"
is "$(cut -f1 "$T/entries" | sort | uniq -d)" "" "example names are unique"
is "$(cut -f2 "$T/entries" | sort | uniq -d)" "" "example paths are unique"

while IFS=$tab read -r slug path title pattern tags; do
	printf '%s\n' "$slug" | grep -Eq '^[a-z0-9]+(-[a-z0-9]+)*$' &&
		pass "$slug: name is a slug" || fail "$slug: name is a slug" "got: $slug"
	[ -n "$title" ] && [ "$pattern" = 1 ] && [ "$tags" = 1 ] &&
		pass "$slug: index entry has title, pattern and tags" ||
		fail "$slug: index entry has title, pattern and tags"
	file=$dir/$path
	if [ ! -f "$file" ]; then
		fail "$slug: $path exists"
		continue
	fi
	pass "$slug: $path exists"
	is "$(head -n 1 "$file")" "# $title" "$slug: first line is the title comment"
	ok "$slug: no tabs or CRs" plain_text "$file"
	ok "$slug: ends with a newline" has_final_newline "$file"
	ok "$slug: has a workflow: section" grep -q '^workflow:' "$file"
	ok "$slug: comment says how to submit" grep -q '^#.*osmo workflow submit' "$file"
	# OSMO only shields special tokens written without spaces; {{ output }}
	# would reach Jinja as an undefined variable.
	ok "$slug: special tokens have no spaces inside the braces" \
		sh -c '! grep -Eq "\{\{ +(output|workflow_id|input:|host:)|\{\{(output|workflow_id) +\}\}" "$1"' \
		sh "$file"
	ok "$slug: listed in Makefile.am" listed_in_makefile "share/cookbook/$path"
done <"$T/entries"

# Every example on disk is in the index, and nothing else is.
(cd "$dir" && find . -name '*.yaml' ! -name index.yaml | sed 's|^\./||' | sort) >"$T/on-disk"
cut -f2 "$T/entries" | sort >"$T/indexed"
is "$(cat "$T/on-disk")" "$(cat "$T/indexed")" "the index lists exactly the YAML files of the cookbook"

done_testing
