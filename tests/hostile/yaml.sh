#!/bin/sh
# Hostile YAML: alias bombs, deep nesting, huge scalars and lists, broken
# encodings, odd line breaks, unsupported constructs. Each case must end in a
# clean positioned error (or a clean success) in bounded time and memory.
set -e
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/hostile/lib-hostile.sh"
O=$OSMO_TUI

# --- alias bombs ---
{
	echo 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
	for i in b c d e f g h i j; do
		prev=$(printf '%s' "$i" | tr 'b-j' 'a-i')
		echo "$i: &$i [*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev]"
	done
} > "$T/laughs.yaml"
hostile "billion laughs: validate refuses the alias bomb" 1 'laughs.yaml:[0-9]+:[0-9]+: error: .*alias bomb.*\[yaml-limit\]' \
	"$O" validate "$T/laughs.yaml"
hostile "billion laughs: get refuses it too" 1 'alias bomb' "$O" get "$T/laughs.yaml" a
{
	echo 'workflow:'
	echo '  name: bomb'
	echo '  resources: &r {default: {cpu: 1}}'
	awk 'BEGIN { for (i = 0; i < 2000; i++) print "  r" i ": *r" }'
} > "$T/wide-aliases.yaml"
hostile "2000 aliases of one anchor load and validate" '0|1' '' "$O" validate "$T/wide-aliases.yaml"
printf 'a: &x [1, *x]\n' > "$T/recursive.yaml"
hostile "a recursive alias is refused" 1 'recursive.yaml:1:11: error: .*\[yaml-recursive-alias\]' "$O" get "$T/recursive.yaml" a
printf 'a: *nope\n' > "$T/undefined.yaml"
hostile "an undefined alias is refused" 1 'undefined.yaml:1:4: error: .*\[yaml-undefined-alias\]' "$O" validate "$T/undefined.yaml"

# --- nesting ---
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "["; for (i = 0; i < 10000; i++) printf "]"; print "" }' > "$T/deep-flow.yaml"
hostile "10,000-deep flow nesting is refused" 1 'deep-flow.yaml:1:[0-9]+: error: nesting is deeper than 200 levels.*\[yaml-limit\]' \
	"$O" validate "$T/deep-flow.yaml"
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "- "; print "x" }' > "$T/deep-block.yaml"
hostile "10,000-deep block nesting is refused" 1 'deep-block.yaml:1:[0-9]+: error: nesting is deeper than 200 levels' \
	"$O" get "$T/deep-block.yaml" '[0]'
awk 'BEGIN { for (i = 0; i < 3000; i++) { for (j = 0; j < i; j++) printf " "; print "k:" } }' > "$T/deep-map.yaml"
hostile "3,000-deep block mappings are refused" 1 'deep-map.yaml:[0-9]+:[0-9]+: error: nesting is deeper' \
	"$O" validate "$T/deep-map.yaml"
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "{a: "; printf "1"; for (i = 0; i < 10000; i++) printf "}"; print "" }' > "$T/deep-flowmap.yaml"
hostile "10,000-deep flow mappings are refused" 1 'nesting is deeper' "$O" get "$T/deep-flowmap.yaml" a
awk 'BEGIN { for (i = 0; i < 199; i++) printf "["; printf "1"; for (i = 0; i < 199; i++) printf "]"; print "" }' > "$T/deep-ok.yaml"
hostile "199-deep nesting (under the limit) loads" 0 '^1$' "$O" get "$T/deep-ok.yaml" \
	"$(awk 'BEGIN { for (i = 0; i < 199; i++) printf "[0]" }')"

# --- size ---
{ printf 'a: '; head -c 104857600 /dev/zero | tr '\0' x; echo; } > "$T/huge.yaml"
hostile "a 100 MB scalar is refused by the size limit" 2 'huge.yaml: .*over the limit of 67108864 bytes' \
	"$O" validate "$T/huge.yaml"
hostile "the same 100 MB on standard input is refused" 2 'over 64 MiB' sh -c "\"$O\" get - a < \"$T/huge.yaml\""
rm -f "$T/huge.yaml"
{ echo 'big:'; awk 'BEGIN { for (i = 0; i < 1000000; i++) print "- x" }'; } > "$T/million.yaml"
hostile "a 1,000,000-item block list loads; get reaches the last item" 0 '^x$' "$O" get "$T/million.yaml" 'big[999999]'
hostile "validate on it answers cleanly" 1 'unknown' "$O" validate "$T/million.yaml"
{ printf 'big: ['; yes '1,' | head -n 1000000 | tr -d '\n'; echo '1]'; } > "$T/million-flow.yaml"
hostile "a 1,000,001-item flow list on one 2 MB line loads" 0 '^1$' "$O" get "$T/million-flow.yaml" 'big[1000000]'
{ printf 'k: '; head -c 10000000 /dev/zero | tr '\0' y; echo; } > "$T/longline.yaml"
hostile "a 10 MB line (one plain scalar) loads" 0 '^k$' sh -c "\"$O\" get \"$T/longline.yaml\" k | head -c 1 | tr y k; echo"
{ head -c 1000000 /dev/zero | tr '\0' K; echo ': v'; } > "$T/longkey.yaml"
hostile "a 1 MB key loads (get on the root lists it)" '0|1|2' '' "$O" validate "$T/longkey.yaml"
{ echo 'm:'; awk 'BEGIN { for (i = 0; i < 20000; i++) print "  k: 1" }'; } > "$T/dupkeys.yaml"
hostile "20,000 duplicate keys: reported, capped, fast" 0 'error: duplicate key "k"' "$O" get "$T/dupkeys.yaml" m.k

# --- encodings and bytes ---
printf 'a: b\nc\377d: 1\n' > "$T/badkey.yaml"
hostile "invalid UTF-8 in a key" 1 'badkey.yaml:2:2: error: .*\[yaml-encoding\]' "$O" validate "$T/badkey.yaml"
printf 'a: b\nc: x\303(\n' > "$T/badval.yaml"
hostile "invalid UTF-8 in a value (bad continuation)" 1 'badval.yaml:2:5: error: invalid UTF-8: the byte 0xC3 .*\[yaml-encoding\]' "$O" get "$T/badval.yaml" c
printf '# caf\351\na: 1\n' > "$T/badcomment.yaml"
hostile "invalid UTF-8 in a comment (latin-1)" 1 'badcomment.yaml:1:6: error: invalid UTF-8: the byte 0xE9' "$O" get "$T/badcomment.yaml" a
printf 'a: \342\202' > "$T/truncated.yaml"
hostile "a UTF-8 sequence cut by the end of the file" 1 'truncated.yaml:1:4: error: .*\[yaml-encoding\]' "$O" get "$T/truncated.yaml" a
printf 'a: \300\200\n' > "$T/overlong.yaml"
hostile "an overlong UTF-8 encoding" 1 '\[yaml-encoding\]' "$O" validate "$T/overlong.yaml"
printf 'a: \355\240\200\n' > "$T/surrogate.yaml"
hostile "a UTF-8 encoded surrogate" 1 '\[yaml-encoding\]' "$O" validate "$T/surrogate.yaml"
printf 'a: b\000c\n' > "$T/nul.yaml"
hostile "a NUL byte" 1 'nul.yaml:1:5: error: control character U\+0000 .*\[yaml-encoding\]' "$O" get "$T/nul.yaml" a
hostile "a NUL byte on standard input (validate -)" 1 '^-:2:10: error: control character U\+0000' \
	sh -c "printf 'workflow:\\n  name: b\\000cccccccccccccccccccccccccccccccccccccc\\n' | \"$O\" validate -"
printf 'a: \001\n' > "$T/control.yaml"
hostile "a control character" 1 'control.yaml:1:4: error: control character U\+0001' "$O" validate "$T/control.yaml"
printf '\357\273\277workflow:\n  name: bom\n' > "$T/bom.yaml"
hostile "a UTF-8 byte order mark is fine" 0 '^bom$' "$O" get "$T/bom.yaml" workflow.name
hostile "set keeps the byte order mark" 0 '' "$O" set "$T/bom.yaml" -o "$T/bom-out.yaml" workflow.name=kept
is "$(head -c 3 "$T/bom-out.yaml" | od -An -tx1 | tr -d ' ')$(sed -n 2p "$T/bom-out.yaml")" "efbbbf  name: kept" "the BOM and the new value are in the output"
printf '\377\376w\000:\000 \0001\000\n\000' > "$T/utf16le.yaml"
hostile "UTF-16 (LE BOM) is refused with the reason" 1 'utf16le.yaml:1:1: error: the file is UTF-16 encoded' "$O" validate "$T/utf16le.yaml"
printf '\376\377\000w\000:\000 \0001\000\n' > "$T/utf16be.yaml"
hostile "UTF-16 (BE BOM) is refused with the reason" 1 'UTF-16 encoded' "$O" get "$T/utf16be.yaml" w
head -c 65536 "$O" > "$T/garbage.yaml"
hostile "binary garbage (64 KiB of the program itself)" '1' 'garbage.yaml:[0-9]+:[0-9]+: error:' "$O" validate "$T/garbage.yaml"

printf 'workflow:\n  name: x\n  "\\e]0;pwned\\a": 1\n  "\\e]0;pwned\\a": 2\n  "\\u009b31m": 3\n' > "$T/escapes.yaml"
hostile "escape sequences in keys: validate escapes them" 1 'duplicate key "\\x1B\]0;pwned\\x07"' "$O" validate "$T/escapes.yaml"
if cat "$T/out" "$T/err" | LC_ALL=C grep -q "$(printf '\033')"; then fail "no ESC byte reaches the terminal (validate)"; else pass "no ESC byte reaches the terminal (validate)"; fi
hostile "escape sequences in keys: get's path error escapes them" 2 'keys: name, \\x1B\]0;pwned\\x07' "$O" get "$T/escapes.yaml" workflow.nope
if cat "$T/out" "$T/err" | LC_ALL=C grep -q "$(printf '\033\|\302\233')"; then fail "no ESC or CSI byte reaches the terminal (get)"; else pass "no ESC or CSI byte reaches the terminal (get)"; fi

# --- line breaks and blanks ---
printf 'workflow:\r\n  name: crlf\r\n  tasks:\r\n  - name: a\r\n    image: x\r\n' > "$T/crlf.yaml"
hostile "CRLF line breaks load" 0 '^crlf' "$O" get "$T/crlf.yaml" workflow.name
hostile "set on a CRLF file" 0 '' "$O" set "$T/crlf.yaml" -o "$T/crlf-out.yaml" 'workflow.name=changed' 'workflow.tasks[0].args=[a, b]'
is "$(tr -d '\n' < "$T/crlf-out.yaml" | tr -cd '\r' | wc -c) $(grep -c '' "$T/crlf-out.yaml")" "6 6" \
	"set keeps every line break CRLF (6 lines, 6 CRs)"
printf 'a: 1\rb: 2\r' > "$T/cr.yaml"
hostile "a lone CR is a line break, as in YAML: get reads the file" 0 '^2$' "$O" get "$T/cr.yaml" b
hostile "set refuses to edit it, at the CR" 2 'carriage return .* breaks a line here; osmo-tui edits only text with LF or CRLF' \
	"$O" set "$T/cr.yaml" a=5
printf 'a:\n\tb: 1\n' > "$T/tab.yaml"
hostile "a tab as indentation" 1 'tab.yaml:2:1: error: tab character .*\[yaml-tab\]' "$O" validate "$T/tab.yaml"
printf 'a: "x\ty"\nb:\tc\n' > "$T/tab-ok.yaml"
hostile "tabs inside values are fine" 0 '^c$' "$O" get "$T/tab-ok.yaml" b

# --- documents and unusual structure ---
printf 'a: 1\n---\nb: 2\n' > "$T/multi.yaml"
hostile "a second document is refused" 1 'multi.yaml:2:1: error: .*\[yaml-multiple-documents\]' "$O" validate "$T/multi.yaml"
printf 'a: 1\n[x, y]: 2\n' > "$T/seqkey.yaml"
hostile "a list as a key is refused" 1 'seqkey.yaml:2:1: error: .*\[yaml-non-scalar-key\]' "$O" get "$T/seqkey.yaml" a
printf 'a: 1\n? b\n: 2\n' > "$T/explicit.yaml"
hostile "an explicit key (? b) loads" 0 '^2$' "$O" get "$T/explicit.yaml" b
hostile "set refuses to edit its value in place, saying how" 2 'explicit key' "$O" set "$T/explicit.yaml" b=3
cat > "$T/merge.yaml" <<'EOD'
base: &base
  cpu: 1
  memory: 1Gi
workflow:
  name: merge
  resources:
    default:
      <<: *base
      cpu: 2
  tasks:
  - name: a
    image: ubuntu
    command: [echo]
EOD
hostile "merge keys: get sees the merged value" 0 '^1Gi$' "$O" get "$T/merge.yaml" workflow.resources.default.memory
hostile "merge keys: validate answers cleanly" '0|1' '' "$O" validate "$T/merge.yaml"
cat > "$T/anchored-tasks.yaml" <<'EOD'
workflow:
  name: anchors
  tasks:
  - &t
    name: a
    image: ubuntu
    command: [echo]
  - *t
  - <<: *t
    name: b
EOD
hostile "anchors and aliases on tasks: validate answers cleanly" '0|1' '' "$O" validate "$T/anchored-tasks.yaml"
hostile "get through an aliased task" 0 '^ubuntu$' "$O" get "$T/anchored-tasks.yaml" 'workflow.tasks[1].image'
hostile "set through an aliased task refuses or edits cleanly" '0|2' '' "$O" set "$T/anchored-tasks.yaml" 'workflow.tasks[1].image=x'
: > "$T/empty.yaml"
hostile "an empty file: validate says workflow is missing" 1 'error: .*workflow' "$O" validate "$T/empty.yaml"
hostile "an empty file: get says the document is empty" 2 'document is empty' "$O" get "$T/empty.yaml" workflow
printf '# only\n# comments\n\n' > "$T/comments.yaml"
hostile "a file of only comments" 1 'workflow' "$O" validate "$T/comments.yaml"

# --- big specs: the rules must scale ---
{
	echo 'workflow:'
	echo '  name: chain'
	echo '  tasks:'
	awk 'BEGIN { for (i = 0; i < 5000; i++) {
		print "  - name: t" i; print "    image: ubuntu"; print "    command: [echo]"
		if (i > 0) { print "    inputs:"; print "    - task: t" (i - 1) } } }'
} > "$T/chain.yaml"
hostile "a 5,000-task dependency chain validates in bounded time" '0|1' '' "$O" validate "$T/chain.yaml"

done_testing
