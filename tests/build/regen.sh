#!/usr/bin/env bash
# regen.sh [CASE...]: regenerate the golden files of the build conformance
# suite with the real buildah (tests/oracle/oracle.sh), as root.
#
# For each tests/build/cases/NN-name/ (or only the CASEs given):
#   1. copy the case directory to a temporary context (git keeps only the
#      0644/0755 file modes, so a `modes` file lists "MODE PATH" lines to
#      apply, e.g. "0600 private.key");
#   2. run oracle.sh on its Dockerfile with the build arguments of its `args`
#      file (e.g. "--target final" or "--build-arg X=1");
#   3. keep the normalized listings in tests/build/golden/NN-name/:
#      layers/NN.txt, layers/NN.pruned.txt, config.txt, merged.txt,
#      summary.txt (not the OCI blobs, not the raw listings with mtimes).
#
# Needs: buildah umoci jq python3 busybox-static (scripts/setup installs them).
# The base image is tests/oracle/busybox-base-oci (FROM busybox-base).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ORACLE=${ORACLE:-$ROOT/tests/oracle/oracle.sh}
[ -x "$ORACLE" ] || [ -f "$ORACLE" ] || { echo "no oracle at $ORACLE" >&2; exit 3; }
[ "$(id -u)" = 0 ] || { echo "run as root (buildah, umoci)" >&2; exit 3; }

prepare() {   # prepare CASE_DIR DEST: the context as the tests see it
  local src=$1 dst=$2
  rm -rf "$dst"; mkdir -p "$dst"
  cp -a "$src/." "$dst/"
  if [ -f "$src/modes" ]; then
    while read -r mode path; do
      [ -z "$mode" ] || [ "${mode:0:1}" = "#" ] && continue
      chmod "$mode" "$dst/$path"
    done < "$src/modes"
  fi
}

cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  for d in "$HERE"/cases/*/; do cases+=("$(basename "$d")"); done
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for c in "${cases[@]}"; do
  src=$HERE/cases/$c
  [ -f "$src/Dockerfile" ] || { echo "no case $c" >&2; exit 2; }
  prepare "$src" "$work/ctx"
  args=""
  [ -f "$src/args" ] && args=$(cat "$src/args")
  echo "== $c ${args:+($args)}"
  rm -rf "$work/out"
  ORACLE_BUILD_ARGS="$args" bash "$ORACLE" "$work/ctx/Dockerfile" "$work/ctx" "$work/out" > "$work/log" 2>&1 \
    || { cat "$work/log" >&2; exit 1; }
  dst=$HERE/golden/$c
  rm -rf "$dst"; mkdir -p "$dst/layers"
  cp "$work/out/config.txt" "$work/out/merged.txt" "$dst/"
  grep -v '^timings:' "$work/out/summary.txt" > "$dst/summary.txt"
  for f in "$work"/out/layers/*.txt; do
    case $f in *.raw.txt) continue ;; esac
    cp "$f" "$dst/layers/"
  done
done
echo "goldens written to $HERE/golden"
