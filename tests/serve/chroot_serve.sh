#!/usr/bin/env bash
# tests/serve/chroot_serve.sh [ROOTFS]: does `scripts/serve` work on a Debian 12
# machine that has only what it installs itself? (issue 15)
#
# Makes a minimal Debian 12 root file system (debootstrap --variant=minbase,
# from deb.debian.org; its apt uses a classic /etc/apt/sources.list, not
# deb822), copies this commit of the repository into it (`git archive`: no
# build/, .deps/ or node_modules/), runs `scripts/serve` there under chroot,
# and waits until http://127.0.0.1:$PORT/ answers. Then it fetches index.html,
# layerlab.js and layerlab.wasm (gzip) and checks them, stops the server and
# unmounts. Prints one line `chroot serve: ok ...` or says what failed.
#
# Needs root and the network; slow (Debian packages ~600 MB, a full Release
# wasm build: 20-40 minutes on 2 cores), so it is not part of scripts/test.
# debootstrap itself need not be installed: its .deb is fetched with
# `apt-get download` and unpacked into a temporary folder (apt's state is not
# touched). ROOTFS (default /tmp/layerlab-serve-chroot) is kept for a rerun;
# delete it to start from nothing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROOTFS="${1:-/tmp/layerlab-serve-chroot}"
PORT="${PORT:-8099}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
say() { printf '[chroot-serve] %s\n' "$*"; }
[[ $(id -u) == 0 ]] || { echo "chroot_serve.sh: needs root (debootstrap, chroot, mount)" >&2; exit 77; }

tmp="$(mktemp -d)"
mounted=()
server_pid=""
cleanup() {
  # the server and whatever it still runs (a build) are one process group
  [[ -n "$server_pid" ]] && kill -- "-$server_pid" 2>/dev/null || true
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

# ---- 1. a minimal Debian 12
if [[ ! -x "$ROOTFS/usr/bin/apt-get" ]]; then
  if command -v debootstrap >/dev/null; then
    DEBOOTSTRAP=(debootstrap)
  else
    say "fetching debootstrap's .deb (not installed)"
    (cd "$tmp" && apt-get download debootstrap >/dev/null 2>&1)
    dpkg -x "$tmp"/debootstrap_*.deb "$tmp/ds"
    export DEBOOTSTRAP_DIR="$tmp/ds/usr/share/debootstrap"
    DEBOOTSTRAP=("$tmp/ds/usr/sbin/debootstrap")
  fi
  say "debootstrap --variant=minbase bookworm $ROOTFS"
  "${DEBOOTSTRAP[@]}" --variant=minbase bookworm "$ROOTFS" "$MIRROR" >"$tmp/debootstrap.log" 2>&1 ||
    { tail -20 "$tmp/debootstrap.log"; exit 1; }
fi
cp /etc/resolv.conf "$ROOTFS/etc/resolv.conf"
for m in proc sys dev dev/pts; do
  mkdir -p "$ROOTFS/$m"
  case $m in
    proc) mount -t proc proc "$ROOTFS/proc" ;;
    sys) mount -t sysfs sys "$ROOTFS/sys" ;;
    dev) mount --bind /dev "$ROOTFS/dev" ;;
    dev/pts) mount --bind /dev/pts "$ROOTFS/dev/pts" ;;
  esac
  mounted+=("$ROOTFS/$m")
done

# ---- 2. this commit of the repository, as a fresh clone would have it
rm -rf "$ROOTFS/src/layerlab"
mkdir -p "$ROOTFS/src/layerlab"
git -C "$ROOT" archive HEAD | tar -x -C "$ROOTFS/src/layerlab"
say "copied $(git -C "$ROOT" rev-parse --short HEAD) to $ROOTFS/src/layerlab"
say "what the chroot has before: $(chroot "$ROOTFS" dpkg-query -W -f='.\n' | wc -l) Debian packages, no compiler: $(chroot "$ROOTFS" sh -c 'command -v cmake em++ node || echo none')"

# ---- 3. scripts/serve, until the page answers
log="$ROOTFS/tmp/serve.log"
setsid chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
  PORT="$PORT" bash -c 'cd /src/layerlab && exec scripts/serve' >"$log" 2>&1 &
server_pid=$!
start=$(date +%s)
until curl -fs -o /dev/null "http://127.0.0.1:$PORT/"; do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    say "scripts/serve stopped before serving:"; tail -30 "$log"; exit 1
  fi
  if (($(date +%s) - start > ${TIMEOUT:-5400})); then say "no page after ${TIMEOUT:-5400} s"; tail -30 "$log"; exit 1; fi
  sleep 10
done
took=$(($(date +%s) - start))

# ---- 4. the page, its script and its wasm (compressed, as a browser asks)
curl -fs "http://127.0.0.1:$PORT/" -o "$tmp/index.html"
grep -q 'layerlab.js' "$tmp/index.html" || { say "index.html does not load layerlab.js"; exit 1; }
curl -fs "http://127.0.0.1:$PORT/layerlab.js" -o "$tmp/layerlab.js"
enc="$(curl -fs -D - -o "$tmp/layerlab.wasm.gz" -H 'Accept-Encoding: gzip' "http://127.0.0.1:$PORT/layerlab.wasm" |
  tr -d '\r' | awk -F': ' 'tolower($1)=="content-encoding"{print $2}')"
gzip -dc "$tmp/layerlab.wasm.gz" >"$tmp/layerlab.wasm"
[[ "$(head -c 4 "$tmp/layerlab.wasm" | od -An -tx1 | tr -d ' \n')" == "0061736d" ]] ||
  { say "layerlab.wasm is not WebAssembly"; exit 1; }
installed="$(chroot "$ROOTFS" dpkg-query -W -f='${Status}\n' | grep -c 'install ok installed')"
# what serving must not pull in (README: no Chromium, Xvfb, buildah, native compiler or npm)
extra="$(chroot "$ROOTFS" dpkg-query -W -f='${Package} ${Status}\n' chromium xvfb buildah g++ libsdl2-dev npm 2>/dev/null |
  awk '/install ok installed/{print $1}' | tr '\n' ' ')"
say "ok: scripts/serve served the page after ${took} s; index.html, layerlab.js ($(stat -c %s "$tmp/layerlab.js") B)," \
  "layerlab.wasm ($(stat -c %s "$tmp/layerlab.wasm") B, Content-Encoding ${enc:-none}); $installed Debian packages installed"
[[ -z "$extra" ]] || { say "serving installed what it should not: $extra"; exit 1; }
echo "chroot serve: ok"
