#!/bin/sh
# validate_corpus: the validation corpus under tests/data.
#
#   ok/*.yaml    specs OSMO accepts: validate exits 0 and prints no error
#                (and no warning, unless the file name starts with warn_)
#   err/*.yaml   one failing case per rule; err/NAME.out is the exact output
#                (stdout, then stderr) of `osmo-tui validate NAME.yaml` run
#                inside err/, so paths print as NAME.yaml. The file is named
#                after the rule it shows (duplicate-name-case.yaml shows
#                duplicate-name), and its output must carry that rule id.
#   pools/*.yaml pool descriptions (src/pool.h) for the pool-file rules
#
# Header comments at the top of a corpus file add options:
#   # pool-file: ../pools/dgx.yaml      (relative to the file's directory)
#   # args: --set epochs                 (more options, split on spaces)
#
# OSMO_UPDATE_GOLDEN=1 rewrites the .out files.
set -e
. "$top_srcdir/tests/lib.sh"
DATA=$(cd "$top_srcdir/tests/data" && pwd)

# Rules with no err case here (ids separated by spaces): the two of
# `render --dry-run`, which tests/cli/render.sh covers.
UNCOVERED="yaml-value pydump-unsupported"

# opts FILE: the options asked for by FILE's leading comment lines
opts() {
	sed -n '/^#/!q; s/^# pool-file: */--pool-file /p; s/^# args: *//p' "$1" | tr '\n' ' '
}

# rule_of NAME: the longest rule id NAME starts with (followed by - or end)
rule_of() {
	best=
	for r in $RULES; do
		case "$1" in
		"$r"|"$r"-*) [ ${#r} -gt ${#best} ] && best=$r ;;
		esac
	done
	echo "$best"
}

# validate DIR FILE [OPTIONS...]: run validate in DIR on FILE; output in
# $T/got (stdout then stderr), status in $rc
validate() {
	dir=$1 f=$2
	shift 2
	set +e
	# shellcheck disable=SC2046
	(cd "$dir" && "$OSMO_TUI" validate "$@" $(opts "$f") "$f") >"$T/got" 2>"$T/got.err"
	rc=$?
	set -e
	cat "$T/got.err" >>"$T/got"
}

RULES=$("$OSMO_TUI" validate --list-rules | awk '{print $1}')

# --- ok: no errors (no warnings unless warn_) ---
for path in "$DATA"/ok/*.yaml; do
	f=${path##*/}
	validate "$DATA/ok" "$f"
	case "$f" in
	warn_*)
		if [ "$rc" -eq 0 ] && ! grep -q ': error: ' "$T/got" && grep -q ': warning: ' "$T/got"; then
			pass "ok/$f: valid, with warnings"
		else
			fail "ok/$f: valid, with warnings" "exit $rc" "$(head -n 20 "$T/got")"
		fi ;;
	*)
		if [ "$rc" -eq 0 ] && [ ! -s "$T/got" ]; then
			pass "ok/$f: valid"
		else
			fail "ok/$f: valid" "exit $rc" "$(head -n 20 "$T/got")"
		fi ;;
	esac
done

# --- err: golden output, exit status, the rule of the file name ---
for path in "$DATA"/err/*.yaml; do
	f=${path##*/}
	base=${f%.yaml}
	validate "$DATA/err" "$f"
	# which of the render's limits a long template meets first (iterations
	# or its 0.5 s) depends on the program's speed, which valgrind divides
	if [ -n "${OSMO_VALGRIND:-}" ] && [ "$base" = template-timeout ]; then
		skip "err/$f: output" "timing-dependent under valgrind"
	else
		golden "$T/got" "$DATA/err/$base.out" "err/$f: output"
	fi
	if [ -s "$T/got.err" ]; then want=2
	elif grep -q ': error: ' "$T/got"; then want=1
	else want=0; fi
	rule=$(rule_of "$base")
	if [ -z "$rule" ]; then
		fail "err/$f: named after a rule" "no rule id of --list-rules starts its name"
	elif [ "$rc" -eq "$want" ] && grep -q "\[$rule\]\$" "$T/got"; then
		pass "err/$f: reports $rule (exit $rc)"
	else
		fail "err/$f: reports $rule" "exit $rc (want $want)" "$(head -n 20 "$T/got")"
	fi
done

# --- every rule has an err case (except the UNCOVERED ones) ---
missing=
for r in $RULES; do
	case " $(echo $UNCOVERED) " in *" $r "*) continue ;; esac
	found=
	for path in "$DATA"/err/"$r".yaml "$DATA"/err/"$r"-*.yaml; do
		[ -f "$path" ] && [ "$(rule_of "$(basename "$path" .yaml)")" = "$r" ] && found=1
	done
	[ -n "$found" ] || missing="$missing $r"
done
is "${missing# }" "" "every rule id of --list-rules has an err case"
for r in $UNCOVERED; do
	echo "$RULES" | grep -qx "$r" || fail "UNCOVERED names a rule that does not exist: $r"
done

# --- --format json is a JSON array ---
for f in duplicate-name.yaml unknown-field.yaml node-capacity.yaml; do
	validate "$DATA/err" "$f" --format json
	is "$(head -c 1 "$T/got")$(tail -c 2 "$T/got" | head -c 1)" "[]" "err/$f: --format json prints an array"
	if [ -n "${PYTHON3:-}" ] && command -v "$PYTHON3" >/dev/null 2>&1; then
		ok "err/$f: --format json parses" "$PYTHON3" -m json.tool "$T/got"
	fi
done
validate "$DATA/ok" hello.yaml --format json
is "$(cat "$T/got")" "[]" "--format json on a valid spec prints []"
set +e
(cd "$DATA/err" && "$OSMO_TUI" validate --format json duplicate-name.yaml no-such-file.yaml) >"$T/got" 2>/dev/null
rc=$?
set -e
is "$rc:$(tail -n 1 "$T/got")" "2:]" "--format json closes the array when a file cannot be read"

# --- suppression: ok/suppressed.yaml passes only thanks to its comments ---
validate "$DATA/ok" suppressed.yaml
is "$rc" 0 "ignore[...] comments silence their rules"
sed 's/# osmo-tui: ignore\[[^]]*\]//' "$DATA/ok/suppressed.yaml" >"$T/unsuppressed.yaml"
validate "$T" unsuppressed.yaml
is "$rc:$(grep -c ': error: ' "$T/got")" "1:2" "without the comments, the two errors come back"
validate "$DATA/err" unknown-field.yaml --ignore unknown-field
is "$rc:$(cat "$T/got")" "0:" "--ignore RULE silences a rule"

# --- --strict: warnings fail ---
validate "$DATA/ok" warn_overwritten.yaml --strict
is "$rc" 1 "--strict turns warnings into exit 1"
validate "$DATA/ok" hello.yaml --strict
is "$rc" 0 "--strict passes a spec without warnings"

done_testing
