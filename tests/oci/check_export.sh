#!/usr/bin/env bash
# check_export.sh TOOL SOURCE_DIR: do the real tools accept layerlab's OCI export?
#
#   1. a sample image with every entry type (tests/oci/export_tool.cpp --sample)
#   2. the golden busybox-rm image, imported and exported again (needs the busybox
#      base layer from tests/oracle)
#
# For each: `skopeo inspect oci:DIR:TAG` must succeed and report our manifest
# digest and layer count; `umoci unpack --image DIR:TAG` must succeed, and
# tests/oracle/normalize.py's listing of the unpacked root filesystem (and of
# each layer tar) must equal layerlab's own merged_listing / layer_listing.
# Exit 77 (CTest: skipped) with a message when umoci or skopeo is missing.
set -uo pipefail
tool=$1
src=$2
for t in umoci skopeo python3; do
  command -v "$t" >/dev/null || { echo "SKIPPED: $t is not installed (scripts/setup installs umoci and skopeo)"; exit 77; }
done
oracle="${LAYERLAB_ORACLE_DIR:-$src/tests/oracle}"
work="$(mktemp -d "${TMPDIR:-/tmp}/layerlab-oci.XXXXXX")"
trap 'rm -rf "$work"' EXIT
rootless=()
[ "$(id -u)" = 0 ] || rootless=(--rootless)
failed=0
fail() { echo "FAIL: $*"; failed=1; }

check() {   # check NAME OUT_DIR TAG TOOL_OUTPUT
  local name=$1 dir=$2 tag=$3 said=$4
  local manifest layers
  manifest=$(sed -n 's/.* manifest \(sha256:[0-9a-f]*\).*/\1/p' <<<"$said")
  layers=$(ls "$dir.expected/layers" | wc -l)
  if ! skopeo inspect "oci:$dir:$tag" >"$work/$name.skopeo.json" 2>"$work/$name.skopeo.err"; then
    fail "$name: skopeo inspect refused the layout: $(cat "$work/$name.skopeo.err")"
  else
    python3 - "$work/$name.skopeo.json" "$manifest" "$layers" <<'PY' || fail "$name: skopeo inspect reports something else"
import json, sys
j = json.load(open(sys.argv[1]))
ok = j["Digest"] == sys.argv[2] and len(j["Layers"]) == int(sys.argv[3]) and j["Os"] == "linux"
print("skopeo inspect: Digest %s, %d layers, %s/%s" % (j["Digest"], len(j["Layers"]), j["Os"], j["Architecture"]))
sys.exit(0 if ok else 1)
PY
  fi
  if ! umoci unpack "${rootless[@]}" --image "$dir:$tag" "$work/$name.bundle" >"$work/$name.umoci.log" 2>&1; then
    fail "$name: umoci unpack refused the layout: $(tail -n 5 "$work/$name.umoci.log")"
    return
  fi
  echo "umoci unpack: ok ($(find "$work/$name.bundle/rootfs" | wc -l) paths)"
  if [ ! -f "$oracle/normalize.py" ]; then
    echo "note: $oracle/normalize.py absent: listings not compared"
    return
  fi
  mkdir -p "$work/$name.norm"
  python3 "$oracle/normalize.py" "$work/$name.norm" "$work/$name.bundle/rootfs" test --oci "$dir" >/dev/null \
    || { fail "$name: normalize.py failed"; return; }
  diff -u "$dir.expected/merged.txt" "$work/$name.norm/merged.txt" >"$work/$name.diff" \
    || fail "$name: umoci's root filesystem differs from layerlab's merged view:$(echo; head -n 40 "$work/$name.diff")"
  for f in "$dir.expected/layers/"*.txt; do
    diff -u "$f" "$work/$name.norm/layers/$(basename "$f")" >"$work/$name.ldiff" \
      || fail "$name: layer $(basename "$f") lists differently:$(echo; head -n 20 "$work/$name.ldiff")"
  done
  echo "$name: merged view and $layers layer listings match normalize.py"
}

out=$("$tool" --sample "$work/sample" v1) || { echo "FAIL: export_tool --sample: $out"; exit 1; }
echo "sample: $out"
check sample "$work/sample" v1 "$out"

base="$oracle/busybox-base-oci"
if [ -d "$base" ]; then
  out=$("$tool" "$src/tests/golden/images/busybox-rm/oci" "$work/busybox-rm" golden "$base") \
    || { echo "FAIL: export_tool busybox-rm: $out"; exit 1; }
  echo "busybox-rm: $out"
  check busybox-rm "$work/busybox-rm" golden "$out"
  diff -u "$src/tests/golden/images/busybox-rm/merged.txt" "$work/busybox-rm.expected/merged.txt" >/dev/null \
    || fail "busybox-rm: the re-exported image's merged view differs from the golden one"
else
  echo "note: $base absent: the busybox-rm re-export is not checked"
fi
[ $failed = 0 ] && echo "PASS: umoci and skopeo accept layerlab's OCI export"
exit $failed
