#!/bin/sh
# A full disk or a file-size limit: set fails cleanly, the original is
# intact and no temporary file is left.
#   - ulimit -f: osmo-tui ignores SIGXFSZ, so write() fails with EFBIG
#   - a 64 KiB tmpfs (when mount works, i.e. as root outside a locked-down
#     container): write() fails with ENOSPC
set -e
. "$top_srcdir/tests/lib.sh"
O=$OSMO_TUI

big() { # FILE: a 200 KB spec whose first value is small
	{ printf 'workflow:\n  name: full\n  description: '; head -c 200000 /dev/zero | tr '\0' d; echo; } > "$1"
}

big "$T/spec.yaml"
cp "$T/spec.yaml" "$T/orig.yaml"
# 100 blocks is 50 KB (512-byte blocks, dash) or 100 KB (1 KiB blocks, bash): both too small
run sh -c "ulimit -f 100 && exec \"$O\" set \"$T/spec.yaml\" -i workflow.name=changed"
is "$rc" 2 "set -i over the file-size limit exits 2 (not killed by SIGXFSZ)"
ok "it says the write failed" grep -q 'spec.yaml: cannot write: File too large \[io\]' "$T/err"
ok "the original is intact" cmp -s "$T/spec.yaml" "$T/orig.yaml"
is "$(ls -A "$T" | grep -c osmo-tui || true)" 0 "no temporary file is left"
run sh -c "ulimit -f 100 && exec \"$O\" set \"$T/spec.yaml\" -o \"$T/copy.yaml\" workflow.name=changed"
is "$rc:$(test -e "$T/copy.yaml" && echo exists || echo absent)" "2:absent" "set -o over the limit creates nothing"

M="$T/mnt"
mkdir "$M"
if mount -t tmpfs -o size=64k osmo-tui-test "$M" 2>/dev/null; then
	trap 'umount "$M" 2>/dev/null || :; rm -rf "$T"' EXIT
	{ printf 'workflow:\n  name: full\n  description: '; head -c 40000 /dev/zero | tr '\0' d; echo; } > "$M/spec.yaml"
	cp "$M/spec.yaml" "$T/orig-small.yaml"
	run "$O" set "$M/spec.yaml" -i workflow.name=changed
	is "$rc" 2 "set -i on a full tmpfs exits 2"
	ok "it says there is no space left" grep -q 'cannot write: No space left on device' "$T/err"
	ok "the original on the full disk is intact" cmp -s "$M/spec.yaml" "$T/orig-small.yaml"
	is "$(ls -A "$M")" "spec.yaml" "no temporary file is left on the full disk"
	rm -f "$M/spec.yaml"
	{ printf 'workflow:\n  name: full\n  description: '; head -c 20000 /dev/zero | tr '\0' d; echo; } > "$M/spec.yaml"
	run "$O" set "$M/spec.yaml" -i workflow.name=changed
	is "$rc:$(sed -n 2p "$M/spec.yaml")" "0:  name: changed" "with room for the copy, set -i succeeds"
	umount "$M"
else
	for i in 1 2 3 4 5; do pass "# SKIP tmpfs tests: cannot mount a tmpfs here"; done
fi

done_testing
