#!/usr/bin/env bash
# check_inspect.sh LAYERLAB SOURCE_DIR: `layerlab inspect` on a real image.
#   - the text table names the image ID (= the manifest's config digest)
#   - --json has image_id, layers[] {diff_id, chain_id, size, created_by, added,
#     modified, deleted, digest, media_type}, size, wasted_bytes, waste[]
#   - a tar of the layout gives the same JSON image_id
#   - a missing path and a corrupt archive exit 1 with the file and the problem on stderr
set -uo pipefail
ll=$1
src=$2
img="$src/tests/golden/images/scratch-files/oci"
work="$(mktemp -d "${TMPDIR:-/tmp}/layerlab-inspect.XXXXXX")"
trap 'rm -rf "$work"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }
want=$(python3 -c '
import json, sys
d = sys.argv[1]
i = json.load(open(d + "/index.json"))
m = json.load(open(d + "/blobs/" + i["manifests"][0]["digest"].replace(":", "/")))
print(m["config"]["digest"])' "$img")

"$ll" inspect "$img" >"$work/text" 2>&1 || fail "inspect exited $?: $(cat "$work/text")"
cat "$work/text"
grep -q "^image ID    $want\$" "$work/text" || fail "text output lacks 'image ID    $want'"

"$ll" inspect --json "$img" >"$work/json" || fail "inspect --json exited $?"
python3 - "$work/json" "$want" <<'PY' || fail "--json output is incomplete"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["image_id"] == sys.argv[2], j["image_id"]
assert isinstance(j["size"], int) and isinstance(j["wasted_bytes"], int) and isinstance(j["waste"], list)
assert len(j["layers"]) == 2
for l in j["layers"]:
    for k in ("diff_id", "chain_id", "size", "created_by", "added", "modified", "deleted", "digest", "media_type"):
        assert k in l, k
assert j["layers"][0]["chain_id"] == j["layers"][0]["diff_id"]
assert j["layers"][0]["added"] == 11
print("json: ok")
PY

tar -C "$img" -cf "$work/img.tar" . || fail "tar"
"$ll" inspect --json "$work/img.tar" | python3 -c 'import json,sys; assert json.load(sys.stdin)["image_id"] == sys.argv[1]' "$want" \
  || fail "a tar of the layout gives another image ID"

"$ll" inspect "$work/nope" >"$work/out" 2>"$work/err"; rc=$?
[ $rc = 1 ] && grep -q "nope: \(error: \)\?no such file or directory" "$work/err" || fail "missing path: rc=$rc, stderr: $(cat "$work/err")"
head -c 700 "$work/img.tar" >"$work/cut.tar"
"$ll" inspect "$work/cut.tar" >"$work/out" 2>"$work/err"; rc=$?
[ $rc = 1 ] && grep -q "cut.tar: error: entry" "$work/err" || fail "truncated tar: rc=$rc, stderr: $(cat "$work/err")"
cat "$work/err"
[ $failed = 0 ] && echo "PASS: layerlab inspect"
exit $failed
