#!/usr/bin/env bash
# check_cli.sh LAYERLAB SOURCE_DIR CASE: the limits and input rules of issue 9
# that are about the command line (CTest cli_limits_CASE; no root needed).
#
#   dockerignore_not_read     what .dockerignore excludes is never read: a 64 GiB
#                             (sparse) log and a directory holding another are
#                             skipped, so the build runs in a moment
#   dockerfile_line_too_long  a 70,000-byte line stops the build at its place
#   dockerfile_too_large      a 16 GiB (sparse) Dockerfile is refused without
#                             being read: only its size and first MiB are looked at
#   add_archive_error_place   a damaged ADD archive names the Dockerfile line and
#                             the tar entry
#   inspect_go_json           inspect reads a config with 1e400 in an unknown field
#                             and invalid UTF-8 in a label, as Docker does
set -uo pipefail
ll=$1
src=$2
case_name=$3
work="$(mktemp -d "${TMPDIR:-/tmp}/layerlab-limits.XXXXXX")"
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL $case_name: $*"
  sed 's/^/  | /' "$work/out" 2>/dev/null
  exit 1
}

case $case_name in
dockerignore_not_read)
  mkdir -p "$work/ctx/logs"
  printf 'FROM scratch\nCOPY . /app/\n' > "$work/ctx/Dockerfile"
  printf 'kept\n' > "$work/ctx/kept.txt"
  printf '*.log\nlogs\n' > "$work/ctx/.dockerignore"
  truncate -s 64G "$work/ctx/huge.log"       # sparse: no disk, but 64 GiB if read
  truncate -s 64G "$work/ctx/logs/other.bin"
  "$ll" build --json "$work/ctx" > "$work/out" 2>&1 || fail "build exited $?"
  grep -q '"created_by":"COPY . /app/ # buildkit"' "$work/out" || fail "no COPY step in the output"
  grep -q 'huge.log\|other.bin' "$work/out" && fail "an excluded file reached the image"
  ;;
dockerfile_line_too_long)
  mkdir -p "$work/ctx"
  { printf 'FROM scratch\nLABEL a='; head -c 70000 /dev/zero | tr '\0' x; printf '\n'; } > "$work/ctx/Dockerfile"
  "$ll" build "$work/ctx" > "$work/out" 2>&1 && fail "build succeeded"
  grep -q '^Dockerfile:2:65536: error: this line is 70008 bytes long .*dockerfile line greater than max allowed size of 65535' \
    "$work/out" || fail "no error at Dockerfile:2:65536"
  ;;
dockerfile_too_large)
  mkdir -p "$work/ctx"
  printf 'FROM scratch\n' > "$work/ctx/Dockerfile"
  truncate -s 16G "$work/ctx/Dockerfile"
  printf '*\n' > "$work/ctx/.dockerignore"
  "$ll" build "$work/ctx" > "$work/out" 2>&1 && fail "build succeeded"
  grep -q '^Dockerfile:2:[0-9]*: error: the Dockerfile is 17179869184 bytes (16 GiB); layerlab reads Dockerfiles of up to 1 MiB' \
    "$work/out" || fail "no size error naming the place"
  ;;
add_archive_error_place)
  mkdir -p "$work/ctx/d"
  head -c 200000 /dev/urandom > "$work/ctx/d/big.bin"
  printf 'small\n' > "$work/ctx/d/a.txt"
  tar -C "$work/ctx/d" -cf "$work/ctx/full.tar" a.txt big.bin
  head -c 4096 "$work/ctx/full.tar" > "$work/ctx/cut.tar"
  rm -rf "$work/ctx/d" "$work/ctx/full.tar"
  printf 'FROM scratch\nADD cut.tar /opt/\n' > "$work/ctx/Dockerfile"
  "$ll" build "$work/ctx" > "$work/out" 2>&1 && fail "build succeeded"
  grep -q '^Dockerfile:2:1: error: ADD cut.tar: entry 2 (big.bin): truncated' "$work/out" \
    || fail "the error does not name Dockerfile:2:1 and entry 2"
  ;;
inspect_go_json)
  cp -r "$src/tests/golden/images/scratch-files/oci" "$work/oci"
  want=$(python3 - "$work/oci" <<'PY'
import hashlib, json, os, sys
d = sys.argv[1]
def blob(dig): return os.path.join(d, "blobs", *dig.split(":"))
def put(data):
    dig = "sha256:" + hashlib.sha256(data).hexdigest()
    open(blob(dig), "wb").write(data)
    return dig
index = json.load(open(os.path.join(d, "index.json")))
mdig = index["manifests"][0]["digest"]
manifest = json.load(open(blob(mdig)))
config = open(blob(manifest["config"]["digest"]), "rb").read()
assert config.startswith(b"{") and b'"layerlab golden"' in config
# Valid for Go's encoding/json, refused by a strict parser.
config = b'{"x-vendor":{"score":1e400},' + config[1:]
config = config.replace(b'"layerlab golden"', b'"layerlab \xff golden"')
manifest["config"]["digest"] = put(config)
manifest["config"]["size"] = len(config)
mdata = json.dumps(manifest, separators=(",", ":")).encode()
index["manifests"][0]["digest"] = put(mdata)
index["manifests"][0]["size"] = len(mdata)
json.dump(index, open(os.path.join(d, "index.json"), "w"), separators=(",", ":"))
print(manifest["config"]["digest"])
PY
  ) || fail "could not prepare the image"
  "$ll" inspect "$work/oci" > "$work/out" 2>&1 || fail "inspect exited $?"
  grep -q "^image ID    $want\$" "$work/out" || fail "no 'image ID    $want'"
  ;;
*)
  echo "unknown case $case_name" >&2
  exit 2
  ;;
esac
echo "ok   $case_name"
