#!/usr/bin/env bash
# app_open_image.sh LAYERLAB_APP SOURCE_DIR ARTIFACTS: the native app opens an
# image tar as the page's file picker does (Lab::import_image): buildah's
# busybox-waste layout as skopeo's docker-archive, then a lookup in it; draws
# 20 frames under Xvfb and writes ARTIFACTS/open-image.png. The app prints
# "opened ... N layers"; ctest checks that line. 77 without skopeo or xvfb.
set -uo pipefail
app=$1 src=$2 artifacts=$3
command -v skopeo >/dev/null || { echo "SKIP: skopeo is not installed"; exit 77; }
work="$(mktemp -d "${TMPDIR:-/tmp}/layerlab-openimg.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp -r "$src/tests/golden/images/busybox-waste/oci" "$work/oci"
cp "$src"/tests/oracle/busybox-base-oci/blobs/sha256/* "$work/oci/blobs/sha256/"
skopeo copy -q "oci:$work/oci" "docker-archive:$work/busybox-waste.tar:busybox-waste:latest" || exit 1
mkdir -p "$artifacts"
"$src/tests/smoke/app_under_xvfb.sh" "$app" 20 --open-image "$work/busybox-waste.tar" --lookup /etc/passwd \
    --screenshot "$artifacts/open-image.png"
