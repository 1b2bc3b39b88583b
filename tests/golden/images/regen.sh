#!/usr/bin/env bash
# regen.sh [NAME...]: rebuilds the golden images under tests/golden/images/
# with the real tools (tests/oracle/oracle.sh: buildah + umoci; run as root).
#
# For each NAME/ with a Dockerfile (and an optional context.sh that fills the
# build context, since git keeps neither file modes nor hard links) it stores:
#   NAME/oci/           the OCI layout buildah pushed, minus the busybox base
#                       layer blob: tests load that one blob from
#                       tests/oracle/busybox-base-oci, so the ~1 MB base is
#                       committed once (its source: tests/oracle/README.md)
#   NAME/merged.txt     normalize.py's listing of the root filesystem `umoci unpack` made
#   NAME/layers/NN.txt  normalize.py's listing of each layer tar
#   NAME/config.txt     normalize.py's config + history summary
# tests/core/test_oci.cpp imports NAME/oci and compares its own listings with these.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
oracle_dir="$(realpath "${ORACLE_DIR:-$root/tests/oracle}")"
base="$oracle_dir/busybox-base-oci"
[ -x "$oracle_dir/oracle.sh" ] || { echo "regen.sh: no oracle at $oracle_dir (set ORACLE_DIR)" >&2; exit 2; }
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for d in "$here"/*/Dockerfile; do names+=("$(basename "$(dirname "$d")")"); done
fi
for name in "${names[@]}"; do
  dir="$here/$name"
  work="$(mktemp -d)"
  mkdir -p "$work/context" "$work/out"
  [ -f "$dir/context.sh" ] && sh "$dir/context.sh" "$work/context"
  echo "== $name"
  ORACLE_BASE_OCI="$base" bash "$oracle_dir/oracle.sh" "$dir/Dockerfile" "$work/context" "$work/out"
  rm -rf "$dir/oci" "$dir/layers"
  mkdir -p "$dir/layers"
  cp "$work/out/merged.txt" "$work/out/config.txt" "$dir/"
  cp "$work/out/layers/"[0-9][0-9].txt "$dir/layers/"
  cp -r "$work/out/oci" "$dir/oci"
  for b in "$base"/blobs/sha256/*; do rm -f "$dir/oci/blobs/sha256/$(basename "$b")"; done
  rm -rf "$work"
done
