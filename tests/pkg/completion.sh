#!/bin/sh
# Bash completion (share/completion/osmo-tui): commands, options per command,
# option arguments, cookbook names and files, driven through the completion
# function the way bash calls it.
set -e
. "$top_srcdir/tests/lib.sh"

if ! command -v bash >/dev/null 2>&1; then
	echo "1..0 # SKIP bash not found"
	exit 0
fi

script=$(cd "$top_srcdir" && pwd)/share/completion/osmo-tui
mkdir -p "$T/work/specs/sub" "$T/specs"
: >"$T/work/train.yaml"
: >"$T/work/pool.yaml"
printf 'workflow:\n  name: mine\n' >"$T/specs/mine.yaml"

# comp LINE: the completions bash would offer for LINE (cursor at its end),
# one per line, sorted. The program is $OSMO_TUI; run in $T/work.
comp() {
	(cd "$T/work" && bash -c '
		. "$1"
		line=$2
		read -r -a COMP_WORDS <<<"$line"
		case $line in *" ") COMP_WORDS+=("") ;; esac
		COMP_WORDS[0]=$3
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE=$line
		COMP_POINT=${#line}
		_osmo_tui
		printf "%s\n" "${COMPREPLY[@]}" | sort
	' sh "$script" "$1" "$OSMO_TUI")
}

# has LINE WORD...: every WORD is among the completions of LINE
has() {
	line=$1
	shift
	got=$(comp "$line")
	for w in "$@"; do
		if ! printf '%s\n' "$got" | grep -qx -- "$w"; then
			fail "'$line' completes $*" "missing: $w" "got: $(echo $got)"
			return
		fi
	done
	pass "'$line' completes $*"
}

# exactly LINE WANT: the completions of LINE, space-separated, are WANT
exactly() {
	is "$(comp "$1" | tr '\n' ' ' | sed 's/ $//')" "$2" "'$1' completes exactly: $2"
}

is "$(bash -c ". '$script'; complete -p osmo-tui")" "complete -F _osmo_tui osmo-tui" \
	"the script registers _osmo_tui for osmo-tui"
has "osmo-tui " validate cookbook schema submit get set train.yaml specs
exactly "osmo-tui va" "validate"
has "osmo-tui --" --ascii --no-color --readonly --set --version --help --info
has "osmo-tui validate --" --format --strict --pool-file --ignore --list-rules --set --set-string \
	--set-env --values --label
exactly "osmo-tui validate --format " "json text"
exactly "osmo-tui schema --format " "json-schema markdown"
exactly "osmo-tui submit --priority " "HIGH LOW NORMAL"
has "osmo-tui submit --" --pool --pool-file --priority --dry-run --strict --set
has "osmo-tui validate --ignore dup" duplicate-name
exactly "osmo-tui validate --pool-file po" "pool.yaml"
exactly "osmo-tui submit --set " ""
exactly "osmo-tui validate tr" "train.yaml"
exactly "osmo-tui validate --strict tr" "train.yaml"
exactly "osmo-tui get t" "train.yaml"
has "osmo-tui set train.yaml -" -o -i
exactly "osmo-tui cookbook " "list new show"
has "osmo-tui cookbook --" --cookbook-dir --names --force
exactly "osmo-tui cookbook show hello" "hello-world"
exactly "osmo-tui cookbook --cookbook-dir ../specs new mi" "mine"
exactly "osmo-tui cookbook new hello-world tr" "train.yaml"
exactly "osmo-tui cookbook list " ""
exactly "osmo-tui cookbook --cookbook-dir sp" "specs"
exactly "osmo-tui schema " ""

done_testing
