#!/usr/bin/env bash
# run_fuzz.sh NAME SECONDS: build tests/fuzz/fuzz_NAME.cpp with libFuzzer,
# AddressSanitizer and UndefinedBehaviorSanitizer (clang 14), linked with every
# src/core/**/*.cpp, and fuzz it for SECONDS seconds starting from the seeds in
# tests/fuzz/corpus/NAME/.
#
# The seeds are copied to a temporary directory first, so a run never adds
# files to the repository. A crash, leak, UB report, timeout or build failure
# makes the script exit non-zero; the input that triggered it is saved as
# build/fuzz/NAME-crash-* (or -leak-, -timeout-...) to reproduce with
#     build/fuzz/fuzz_NAME build/fuzz/NAME-crash-...
#
# Environment: CXX (default clang++-14, else clang++), FUZZ_JOBS (default 1),
# FUZZ_ARGS (extra libFuzzer flags).
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 NAME [SECONDS]   (fuzz target tests/fuzz/fuzz_NAME.cpp)" >&2
    exit 2
fi
name="$1"
seconds="${2:-20}"
case "$seconds" in
    ''|*[!0-9]*) echo "run_fuzz.sh: SECONDS must be a whole number, not '$seconds'" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target_src="$root/tests/fuzz/fuzz_${name}.cpp"
if [ ! -f "$target_src" ]; then
    echo "run_fuzz.sh: no fuzz target $target_src" >&2
    exit 2
fi

cxx="${CXX:-}"
if [ -z "$cxx" ]; then
    if command -v clang++-14 >/dev/null 2>&1; then cxx=clang++-14
    elif command -v clang++ >/dev/null 2>&1; then cxx=clang++
    else echo "run_fuzz.sh: clang++-14 not found (libFuzzer needs clang)" >&2; exit 2
    fi
fi

out="$root/build/fuzz"
mkdir -p "$out"
binary="$out/fuzz_${name}"

# FUZZ_BINARY: a target already built by CMake (LAYERLAB_FUZZ=ON, as the native
# preset does; CTest's fuzz_NAME tests pass it): fuzz it, build nothing.
if [ -n "${FUZZ_BINARY:-}" ]; then
    binary="$FUZZ_BINARY"
else

mapfile -t sources < <(find "$root/src/core" -name '*.cpp' | sort)
export ROOT="$root" OBJDIR="$root/build/fuzz/obj-${name}" CXX_BIN="$cxx"
libs=()
if grep -qls '#include <zlib.h>' "${sources[@]}" 2>/dev/null; then libs+=(-lz); fi
if grep -qls '#include <zstd.h>' "${sources[@]}" 2>/dev/null; then libs+=(-lzstd); fi

# Objects are cached in build/fuzz/obj-NAME and rebuilt when their source, or
# any header under src/, is newer; compiled in parallel.
objdir="$out/obj-${name}"
mkdir -p "$objdir"
newest_header="$(find "$root/src" -name '*.h' -printf '%T@ %p\n' 2>/dev/null | sort -n | tail -n 1 | cut -d' ' -f2-)"
flags=(-std=c++20 -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined
       -fno-sanitize-recover=undefined -I"$root/src")
todo=()
objects=()
for src in "$target_src" "${sources[@]}"; do
    rel="${src#"$root"/}"
    obj="$objdir/${rel//\//_}.o"
    objects+=("$obj")
    if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || { [ -n "$newest_header" ] && [ "$newest_header" -nt "$obj" ]; }; then
        todo+=("$src")
    fi
done
echo "run_fuzz.sh: building $binary with $cxx (${#todo[@]} of ${#objects[@]} sources to compile)"
if [ ${#todo[@]} -gt 0 ]; then
    printf '%s\0' "${todo[@]}" | xargs -0 -P "$(nproc 2>/dev/null || echo 2)" -I{} bash -c '
        src="$1"; shift
        rel="${src#"$ROOT"/}"
        exec "$CXX_BIN" "$@" -c "$src" -o "$OBJDIR/${rel//\//_}.o"' _ {} "${flags[@]}"
fi
"$cxx" -fsanitize=fuzzer,address,undefined "${objects[@]}" "${libs[@]}" -o "$binary"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/fuzz_${name}.XXXXXX")"
trap 'rm -rf "$work"' EXIT
corpus="$work/corpus"
mkdir -p "$corpus"
seeds="$root/tests/fuzz/corpus/$name"
dict_args=()
if [ -d "$seeds" ]; then
    find "$seeds" -type f ! -name '*.dict' -exec cp {} "$corpus/" \;
    dict="$(find "$seeds" -maxdepth 1 -name '*.dict' | head -n 1)"
    if [ -n "$dict" ]; then dict_args=(-dict="$dict"); fi
fi

jobs_args=()
if [ "${FUZZ_JOBS:-1}" -gt 1 ]; then
    # Parallel workers write fuzz-N.log into the current directory: use the temp dir.
    jobs_args=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS")
    cd "$work"
fi

echo "run_fuzz.sh: fuzzing $name for ${seconds}s ($(find "$corpus" -type f | wc -l) seeds)"
status=0
# shellcheck disable=SC2086
UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" \
"$binary" "$corpus" "${dict_args[@]}" "${jobs_args[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$out/${name}-" -print_final_stats=1 ${FUZZ_ARGS:-} || status=$?
echo "run_fuzz.sh: $name finished with status $status"
if [ "$status" -ne 0 ]; then echo "run_fuzz.sh: replay a saved input with: $binary $out/${name}-<crash|leak|timeout>-..."; fi
exit $status
