#!/bin/sh
# build.sh: build the libFuzzer targets with clang (ASan + UBSan).
#
#   tests/fuzz/build.sh [BUILDDIR]      (default: ./_fuzz, beside the gcc build)
#
# The normal build uses whatever compiler configure found; the fuzz build is
# separate and needs clang with libFuzzer (Debian: clang-14 and
# libclang-rt-14-dev). It compiles the core library (src/) itself, without
# configure, into BUILDDIR/obj with -fsanitize=fuzzer-no-link, then links each
# tests/fuzz/fuzz_*.c with -fsanitize=fuzzer into BUILDDIR/fuzz_NAME.
# Objects are rebuilt only when their source or any header is newer.
# CC overrides the compiler (default: clang-14, else clang).
set -eu

top_srcdir=$(cd "$(dirname "$0")/../.." && pwd)
B=${1:-_fuzz}
mkdir -p "$B/obj"
B=$(cd "$B" && pwd)

if [ -z "${CC:-}" ] || [ "$CC" = cc ] || [ "$CC" = gcc ]; then
	if command -v clang-14 >/dev/null 2>&1; then CC=clang-14; else CC=clang; fi
fi
if ! command -v "$CC" >/dev/null 2>&1; then
	echo "build.sh: $CC not found; the fuzz targets need clang with libFuzzer" >&2
	echo "          (Debian: apt-get install clang-14 libclang-rt-14-dev)" >&2
	exit 77
fi

SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
CFLAGS="-std=c11 -g -O1 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wno-unused-parameter $SAN"
INC="-I$top_srcdir/src -I$top_srcdir/tests/fuzz $(pkg-config --cflags yaml-0.1)"
LIBS="$(pkg-config --libs yaml-0.1) -lm"

# newest header: a changed header rebuilds everything
newest=$(ls -t "$top_srcdir"/src/*.h "$top_srcdir"/src/*/*.h "$top_srcdir"/tests/fuzz/*.h 2>/dev/null | head -n 1)

compile() { # SOURCE OBJECT EXTRA-FLAGS
	if [ ! -f "$2" ] || [ "$1" -nt "$2" ] || [ "$newest" -nt "$2" ]; then
		echo "  CC       ${1#"$top_srcdir"/}"
		# shellcheck disable=SC2086
		$CC $CFLAGS $3 $INC -c "$1" -o "$2"
	fi
}

objs=""
for src in "$top_srcdir"/src/*.c "$top_srcdir"/src/*/*.c; do
	[ -f "$src" ] || continue
	rel=${src#"$top_srcdir"/src/}
	obj="$B/obj/$(echo "$rel" | tr / _ | sed 's/\.c$/.o/')"
	compile "$src" "$obj" "-fsanitize=fuzzer-no-link"
	objs="$objs $obj"
done
# shellcheck disable=SC2086
ar cr "$B/libosmo-fuzz.a" $objs

compile "$top_srcdir/tests/fuzz/fuzz_util.c" "$B/obj/fuzz_util.o" "-fsanitize=fuzzer-no-link -DFUZZING"
for src in "$top_srcdir"/tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	[ "$name" = fuzz_util ] && continue
	compile "$src" "$B/obj/$name.o" "-fsanitize=fuzzer-no-link -DFUZZING"
	echo "  CCLD     $name"
	# shellcheck disable=SC2086
	$CC $SAN -fsanitize=fuzzer "$B/obj/$name.o" "$B/obj/fuzz_util.o" "$B/libosmo-fuzz.a" $LIBS -o "$B/$name"
done
echo "build.sh: fuzz targets in $B: $(cd "$B" && ls fuzz_* | tr '\n' ' ')"
