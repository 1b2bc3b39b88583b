#!/usr/bin/env bash
# Native smoke test: layerlab_app draws N frames in a real SDL2 window on a
# virtual X server (Mesa llvmpipe) and must exit 0. Arguments after the
# frame count go to the app.
#   tests/smoke/app_under_xvfb.sh build/native/layerlab_app 30
#   tests/smoke/app_under_xvfb.sh build/native/layerlab_app 5 --sample 06-copy-up --end --lookup /nope
set -euo pipefail
app="$1"; frames="${2:-30}"
shift $(( $# < 2 ? $# : 2 ))
if ! command -v xvfb-run >/dev/null; then
  echo "SKIP: xvfb-run not installed (scripts/setup installs package xvfb)"
  exit 77
fi
# Mesa and X11 keep a few allocations until exit by design; leak checking
# belongs to our own tests (core), not to the GL driver.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
export SDL_AUDIODRIVER=dummy
exec timeout 90 xvfb-run -a -s "-screen 0 1280x720x24" "$app" --frames "$frames" "$@"
