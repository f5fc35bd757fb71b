#!/bin/sh
# conformance.sh DIR: osmo-tui against OSMO's own verdicts.
#
# DIR is the conformance corpus (../shared/corpus): MANIFEST.tsv lists every
# spec with OSMO's verdict (valid / invalid / render-error). A spec agrees
# when osmo-tui validate exits 0 for valid specs, and exits 1 with at least
# one error diagnostic for the others. Rendered outputs in
# DIR/expected-render are compared byte for byte with osmo-tui render
# (with the --set variants of SETS.tsv).
#
# Prints each disagreement and a summary; exits 1 when anything disagrees.
set -u
DIR=${1:?usage: conformance.sh CORPUS_DIR}
HERE=$(cd "$(dirname "$0")/.." && pwd)
OSMO_TUI=${OSMO_TUI:-$HERE/ui/osmo-tui}
T=$(mktemp -d "${TMPDIR:-/tmp}/osmo-conf.XXXXXX")
trap 'rm -rf "$T"' EXIT

# The manifest's rule names -> osmo-tui's rule ids (several allowed).
our_rules() {
	case "$1" in
	undefined-variable) echo template-undefined-variable ;;
	unsafe-template) echo template-unsafe ;;
	template-timeout|template-memory) echo "template-timeout template-memory" ;;
	unknown-top-level-key) echo top-level-unknown-key ;;
	duplicate-top-level-key) echo top-level-duplicate-key ;;
	reserved-name) echo reserved-task-name ;;
	forbidden-file-path) echo file-path-forbidden ;;
	topology-key-mismatch) echo topology-keys-uniform ;;
	invalid-volume-mount) echo volume-mount-format ;;
	input-defined-later) echo "input-group-order dependency-cycle" ;;
	exit-action-codes) echo exit-code-syntax ;;
	empty-group) echo group-empty ;;
	duplicate-file-path) echo file-path-duplicate ;;
	credentials-type) echo credentials-shape ;;
	version-ignored) echo version-unsupported ;;
	uuid-token-not-substituted) echo token-never-substituted ;;
	host-token-unknown-task) echo host-token-cross-group ;;
	empty-command) echo "empty-command missing-field" ;;
	*) echo "$1" ;;
	esac
}

# has SEVERITY RULE...: the output has a diagnostic of one of the rules
has() {
	sev=$1; shift
	for r in "$@"; do
		grep -q ": $sev: .*\[$r\]\$" "$T/out" && return 0
	done
	return 1
}

agree=0 disagree=0 total=0
tab=$(printf '\t')
while IFS="$tab" read -r path templated expect rule note; do
	[ "$path" = path ] && continue
	total=$((total + 1))
	f="$DIR/$path"
	# the corpus holds the YAML files only, not the scripts they inline with
	# files[].localpath: that client-side check cannot run here
	"$OSMO_TUI" validate --ignore file-localpath-missing "$f" > "$T/out" 2> "$T/err"
	rc=$?
	ok=1
	case "$expect" in
	valid)
		[ $rc -eq 0 ] || ok=0
		for tag in $(echo "$rule" | tr ',' ' '); do
			case "$tag" in
			warn:*)
				# shellcheck disable=SC2046
				has warning $(our_rules "${tag#warn:}") || ok=0 ;;
			esac
		done ;;
	*)
		# shellcheck disable=SC2046
		if [ $rc -ne 1 ] || ! has error $(our_rules "$rule"); then ok=0; fi ;;
	esac
	if [ $ok -eq 1 ]; then
		agree=$((agree + 1))
	else
		disagree=$((disagree + 1))
		echo "DISAGREE $path: OSMO says $expect ($rule); osmo-tui exit $rc"
		sed 's/^/    /' "$T/out" "$T/err" | head -n 8
	fi
done < "$DIR/MANIFEST.tsv"

# Rendering: every expected output (NAME.out / NAME.err beside the spec's
# path) with no options, then the --set variants of SETS.tsv.
render_one() { # spec "args" expected-file
	spec=$1 args=$2 want=$3
	# shellcheck disable=SC2086
	"$OSMO_TUI" render $args "$DIR/$spec" > "$T/rendered" 2> "$T/rerr"
	rc=$?
	case "$want" in
	*.err)
		if [ $rc -eq 1 ]; then echo "ok"; else
			echo "RENDER $spec $args: OSMO fails, osmo-tui exit $rc"; fi ;;
	*)
		if [ $rc -eq 0 ] && cmp -s "$T/rendered" "$want"; then echo "ok"; else
			echo "RENDER $spec $args: output differs (exit $rc)"
			diff "$want" "$T/rendered" 2>/dev/null | head -n 6 | sed 's/^/    /'
			head -n 3 "$T/rerr" | sed 's/^/    /'; fi ;;
	esac
}
: > "$T/render.log"
for want in $(find "$DIR/expected-render" -name '*.yaml.out' -o -name '*.yaml.err' | sort); do
	rel=${want#"$DIR/expected-render/"}
	render_one "${rel%.*}" "" "$want" >> "$T/render.log"
done
while IFS="$tab" read -r spec args output note; do
	[ "$spec" = path ] && continue
	render_one "$spec" "$args" "$DIR/$output" >> "$T/render.log"
done < "$DIR/expected-render/SETS.tsv"
grep -v '^ok$' "$T/render.log"
rend_ok=$(grep -c '^ok$' "$T/render.log")
rend_all=$(grep -c -e '^ok$' -e '^RENDER' "$T/render.log")
echo "rendering: $rend_ok of $rend_all expected renders match OSMO byte for byte"

echo "conformance: $agree of $total specs agree with OSMO's verdict ($disagree disagree)"
[ "$disagree" -eq 0 ] && [ "$rend_ok" -eq "$rend_all" ]
