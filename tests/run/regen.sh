#!/usr/bin/env bash
# regen.sh [CASE...]: regenerate tests/run/golden/ from the kernel's overlayfs
# (root; buildah, umoci, busybox-static, python3). The work is in regen.py;
# see README.md in this directory for what each step does.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
exec python3 "$HERE/regen.py" "$@"
