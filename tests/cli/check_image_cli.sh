#!/usr/bin/env bash
# check_image_cli.sh LAYERLAB SOURCE_DIR PART: issue 16's image commands on
# real images (tests/golden/images/*/oci were made by buildah), checked
# against the real tools where Debian has them (skopeo, umoci) and against
# the rules of the Go tools they mimic (docker history, dive).
#   history   `layerlab history`: docker's columns, truncation, units, --format
#   docker    `inspect --format docker` vs `skopeo inspect` / the config blob
#   ci        `inspect --ci`: dive's rules from .dive-ci and flags, both sides
#             of each threshold, the numbers vs a Python reading of the tars
#   diff      `layerlab diff` vs the two rootfs trees `umoci unpack` makes; `df`
#   inputs    docker-archive from skopeo (also on stdin, also zstd-compressed),
#             oci-archive, skopeo dir:, zstd layers from skopeo, a two-platform
#             index with --platform, errors
# Each part takes a few seconds. Exit 77 (skipped) when skopeo or umoci
# is missing for a part that needs it.
set -uo pipefail
ll=$(realpath "$1")
src=$2
part=$3
base="$src/tests/oracle/busybox-base-oci"
work="$(mktemp -d "${TMPDIR:-/tmp}/layerlab-imgcli.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# the golden layout leaves out the busybox base layer's blob (regen.sh): put it back
waste="$work/busybox-waste"
cp -r "$src/tests/golden/images/busybox-waste/oci" "$waste" && cp "$base"/blobs/sha256/* "$waste/blobs/sha256/"
failed=0
fail() { echo "FAIL: $*"; failed=1; }
need() { command -v "$1" >/dev/null || { echo "SKIP: $1 is not installed"; exit 77; }; }
export TZ=UTC

part_history() {
    "$ll" history "$waste" >"$work/h" || fail "history exited $?"
    cat "$work/h"
    python3 - "$work/h" <<'PY' || fail "history table"
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
assert lines[-1] == "", "ends with a newline"
lines = lines[:-1]
# docker's header: tabwriter columns, min width 10, padding 3
assert re.match(r"^IMAGE {10}CREATED {6,}CREATED BY {38}SIZE {6}COMMENT$", lines[0]), repr(lines[0])
assert len(lines) == 5, len(lines)
col_by = lines[0].index("CREATED BY"); col_size = lines[0].index("SIZE")
# newest first: the top row has the image ID (12 hex), the others <missing>
assert re.match(r"^[0-9a-f]{12}   ", lines[1]), lines[1]
assert all(l.startswith("<missing>") for l in lines[2:]), lines
by = [l[col_by:col_size].rstrip() for l in lines[1:]]
assert by[0] == "/bin/sh -c rm /big.bin", by[0]
full = "/bin/sh -c dd if=/dev/urandom of=/big.bin bs=1024 count=100 2>/dev/null && echo more >> /etc/passwd"
assert by[1] == full[:44] + "…", by[1]   # docker's Ellipsis(s, 45): 44 characters + …
assert len(by[1]) == 45
sizes = [l[col_size:].split()[0] for l in lines[1:]]
# go-units HumanSizeWithPrecision(size, 3): layer 2 holds 102400 + /etc/passwd
assert sizes[0] == "0B", sizes
assert sizes[3].endswith("MB") or sizes[3].endswith("kB"), sizes
assert re.match(r"^10[0-9]kB$", sizes[1]), sizes
assert sizes[2] == "205kB", sizes     # 204800 + 5 bytes of deep.txt -> 204805 -> 205kB
print("history table: ok")
PY
    "$ll" history --no-trunc --human=false "$waste" >"$work/h2" || fail "history --no-trunc exited $?"
    grep -q "^sha256:[0-9a-f]\{64\}   " "$work/h2" || fail "--no-trunc keeps the full image ID"
    grep -q "/bin/sh -c dd if=/dev/urandom of=/big.bin bs=1024 count=100 2>/dev/null && echo more >> /etc/passwd" "$work/h2" \
        || fail "--no-trunc keeps CREATED BY whole"
    grep -q "^IMAGE .*CREATED AT .*CREATED BY" "$work/h2" || fail "--human=false has the CREATED AT column"
    grep -q "   204805   " "$work/h2" || fail "--human=false prints sizes in bytes"
    "$ll" history --format json "$waste" >"$work/hj" || fail "--format json exited $?"
    python3 - "$work/hj" <<'PY' || fail "history --format json"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 4
for r in rows:
    assert list(r) == ["Comment", "CreatedAt", "CreatedBy", "CreatedSince", "ID", "Size"], list(r)
assert rows[0]["CreatedBy"] == "/bin/sh -c rm /big.bin"
assert rows[0]["Size"] == "0B" and rows[2]["Size"] == "205kB"
assert rows[1]["ID"] == "<missing>" and len(rows[0]["ID"]) == 12
print("history json: ok")
PY
    "$ll" history --format '{{.Size}}|{{json .CreatedBy}}' "$waste" | head -1 | grep -qx '0B|"/bin/sh -c rm /big.bin"' \
        || fail "--format TEMPLATE"
    "$ll" history --format 'table {{.ID}}\t{{.Size}}' "$waste" | head -1 | grep -qx 'IMAGE          SIZE' \
        || fail "--format 'table TEMPLATE' has docker's headers"
    [ "$("$ll" history -q "$waste" | wc -l)" = 4 ] || fail "-q prints one ID per entry"
    "$ll" history --format '{{.Nope}}' "$waste" 2>"$work/e"; rc=$?
    [ $rc = 1 ] && grep -q "can't evaluate field Nope" "$work/e" || fail "an unknown field: rc=$rc $(cat "$work/e")"
    "$ll" history --human=maybe "$waste" 2>"$work/e"; [ $? = 2 ] || fail "--human=maybe is a usage error"
}

part_docker() {
    need skopeo
    "$ll" inspect --format docker "$waste" >"$work/d" || fail "inspect --format docker exited $?"
    skopeo inspect --config "oci:$waste" >"$work/cfg" || fail "skopeo inspect --config"
    skopeo inspect "oci:$waste" >"$work/sk" || fail "skopeo inspect"
    skopeo inspect --raw "oci:$waste" >"$work/raw" || fail "skopeo inspect --raw"
    python3 - "$work/d" "$work/cfg" "$work/sk" "$work/raw" <<'PY' || fail "inspect --format docker vs skopeo"
import json, sys
text = open(sys.argv[1]).read()
d = json.loads(text)
cfg, sk, raw = (json.load(open(p)) for p in sys.argv[2:5])
assert isinstance(d, list) and len(d) == 1
d = d[0]
assert list(d)[:3] == ["Id", "RepoTags", "RepoDigests"], list(d)
assert d["Id"] == raw["config"]["digest"], (d["Id"], raw["config"]["digest"])
assert d["RootFS"] == {"Type": "layers", "Layers": cfg["rootfs"]["diff_ids"]}
assert d["Architecture"] == sk["Architecture"] == cfg["architecture"]
assert d["Os"] == sk["Os"]
assert d["Created"] == cfg["created"]
assert d["Config"]["Env"] == cfg["config"]["Env"] and d["Config"]["Cmd"] == cfg["config"]["Cmd"]
assert d["Metadata"] == {"LastTagTime": "0001-01-01T00:00:00Z"}
assert isinstance(d["Size"], int) and d["Size"] > 0
assert "\n    {\n        \"Id\": " in text, "docker's 4-space indentation"
print("inspect --format docker: ok (Id, RootFS.Layers, Created, Config agree with skopeo)")
PY
}

part_ci() {
    cd "$work" || exit 1
    # the numbers, read from the layer tars as dive reads them (a small Python
    # reading of dive's Efficiency, independent of layerlab's C++)
    python3 - "$waste" >"$work/want" <<'PY' || fail "reference reading"
import json, sys, tarfile, gzip, io, os
d = sys.argv[1]
idx = json.load(open(d + "/index.json"))
blob = lambda dg: d + "/blobs/" + dg.replace(":", "/")
m = json.load(open(blob(idx["manifests"][0]["digest"])))
trees = []
for l in m["layers"]:
    data = open(blob(l["digest"]), "rb").read()
    if data[:2] == b"\x1f\x8b": data = gzip.decompress(data)
    t = {}
    for h in tarfile.open(fileobj=io.BytesIO(data)):
        name = h.name[2:] if h.name.startswith("./") else h.name
        name = "/" + name.strip("/")
        if name == "/": continue
        base = os.path.basename(name)
        if base == ".wh..wh..opq": continue
        wh = base.startswith(".wh.")
        if wh: name = os.path.dirname(name).rstrip("/") + "/" + base[4:]
        t[name] = (h.size if h.isreg() else 0, wh, h.isdir())
    trees.append(t)
eff = {}
sizes = [sum(v[0] for v in t.values() if not v[1]) for t in trees]
stack = {}
for t in trees:
    parents = {os.path.dirname(p) for p in t}
    for p, (sz, wh, isdir) in t.items():
        if p in parents: continue
        if wh:
            prev = stack.get(p)
            sz = sum(v[0] for q, v in stack.items() if q.startswith(p + "/")) if prev and prev[2] else 0
        e = eff.setdefault(p, [0, None, 0])
        e[0] += sz; e[1] = sz if e[1] is None else min(e[1], sz); e[2] += 1
    for p, v in t.items():
        if v[1]:
            for q in [q for q in stack if q == p or q.startswith(p + "/")]: del stack[q]
        else:
            stack[p] = v
mins = sum(e[1] for e in eff.values()); tot = sum(e[0] for e in eff.values())
wasted = sum(e[0] for e in eff.values() if e[2] > 1)
print(json.dumps({"efficiency": mins / tot, "wasted": wasted, "user": wasted / sum(sizes[1:]),
                  "files": sorted([p, e[2], e[0]] for p, e in eff.items() if e[2] > 1)}))
PY
    cat "$work/want"
    "$ll" inspect --ci "$waste" >"$work/ci" 2>&1; rc=$?
    cat "$work/ci"
    python3 - "$work/ci" "$work/want" <<'PY' || fail "inspect --ci numbers"
import json, re, sys
out = open(sys.argv[1]).read(); want = json.load(open(sys.argv[2]))
eff = float(re.search(r"^  efficiency: ([0-9.]+) %$", out, re.M).group(1))
assert abs(eff - want["efficiency"] * 100) < 1e-3, (eff, want)
wasted = int(re.search(r"^  wastedBytes: (\d+) bytes \(", out, re.M).group(1))
assert wasted == want["wasted"], (wasted, want)
user = float(re.search(r"^  userWastedPercent: ([0-9.]+) %$", out, re.M).group(1))
assert abs(user - want["user"] * 100) < 1e-3
files = re.findall(r"^ +(\d+) +\S+ \S+  (/\S+)$", out, re.M)
assert sorted([p, int(n)] for n, p in files) == sorted([p, n] for p, n, _ in want["files"]), files
assert "Inefficient Files:\nCount  Wasted Space  File Path\n" in out
print("inspect --ci numbers: ok")
PY
    eff=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["efficiency"])' "$work/want")
    wasted=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["wasted"])' "$work/want")
    user=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["user"])' "$work/want")
    below() { python3 -c "print($1 - 0.001)"; }
    above() { python3 -c "print(min(1, $1 + 0.001))"; }
    # .dive-ci in the current directory, dive's file format (YAML, rules:). This
    # image wastes 100.03% of its user bytes, above the rule's range (0-1): that
    # rule passes only when disabled here (its pass side: the one-layer image below)
    printf 'rules:\n  # comment\n  lowestEfficiency: %s\n  highestWastedBytes: %s\n  highestUserWastedPercent: "disabled"\n' \
        "$(below "$eff")" "$((wasted + 1))B" >.dive-ci
    "$ll" inspect --ci "$waste" >"$work/pass" 2>&1; rc=$?
    [ $rc = 0 ] && grep -q "^Result:PASS \[Total:3\] \[Passed:2\] \[Failed:0\] \[Warn:0\] \[Skipped:1\]$" "$work/pass" \
        || fail "thresholds just passing (.dive-ci): rc=$rc $(cat "$work/pass")"
    grep -q "CI rules from .dive-ci" "$work/pass" || fail ".dive-ci was not read"
    printf 'rules:\n  lowestEfficiency: %s\n  highestWastedBytes: %s\n  highestUserWastedPercent: %s\n' \
        "$(above "$eff")" "$((wasted - 1))" "$(below "$user")" >.dive-ci
    "$ll" inspect --ci "$waste" >"$work/fail" 2>&1; rc=$?
    cat "$work/fail"
    [ $rc = 1 ] || fail "thresholds just failing: rc=$rc"
    grep -q "^  FAIL: lowestEfficiency: image efficiency is too low (efficiency=" "$work/fail" || fail "lowestEfficiency FAIL line"
    grep -q "^  FAIL: highestWastedBytes: too many bytes wasted (wasted-bytes=$wasted > threshold=$((wasted - 1)))$" "$work/fail" \
        || fail "highestWastedBytes FAIL line"
    grep -q "^  FAIL: highestUserWastedPercent: too many bytes wasted, relative to the user bytes added" "$work/fail" \
        || fail "highestUserWastedPercent FAIL line"
    grep -q "^Result:FAIL \[Total:3\] \[Passed:0\] \[Failed:3\]" "$work/fail" || fail "the FAIL summary"
    # flags win over the file; "disabled" skips; units as go-humanize reads them
    "$ll" inspect --ci --lowestEfficiency 0 --highestUserWastedPercent disabled --highestWastedBytes 1MB "$waste" \
        >"$work/flags" 2>&1; rc=$?
    [ $rc = 0 ] && grep -q "^  SKIP: highestUserWastedPercent: rule disabled$" "$work/flags" \
        && grep -q "^  PASS: highestWastedBytes$" "$work/flags" || fail "flags over .dive-ci: rc=$rc $(cat "$work/flags")"
    "$ll" inspect --ci --highestWastedBytes 300KiB --lowestEfficiency 0 --highestUserWastedPercent 1 "$waste" >"$work/kib" 2>&1
    [ $? = 1 ] && grep -q "threshold=307200)" "$work/kib" || fail "300KiB is 307200 bytes: $(cat "$work/kib")"
    rm .dive-ci
    "$ll" inspect --ci --lowestEfficiency 1.5 "$waste" >"$work/bad" 2>&1; rc=$?
    [ $rc = 1 ] && grep -q "MISCONFIGURED: lowestEfficiency: lowestEfficiency config value is outside allowed range (0-1), given '1.5'" "$work/bad" \
        && grep -q "^CI Misconfigured$" "$work/bad" || fail "a value out of range: rc=$rc $(cat "$work/bad")"
    "$ll" inspect --ci --ci-config nope.yaml "$waste" >/dev/null 2>"$work/e"; [ $? = 2 ] || fail "a missing --ci-config"
    printf 'rules\n' >broken.yaml
    "$ll" inspect --ci --ci-config broken.yaml "$waste" >/dev/null 2>"$work/e"; rc=$?
    [ $rc = 2 ] && grep -q "broken.yaml:1: expected 'key: value'" "$work/e" || fail "a broken config: $(cat "$work/e")"
    "$ll" inspect --ci "$base" >"$work/base" 2>&1 || fail "a one-layer image passes: $(cat "$work/base")"
}

part_diff() {
    need umoci
    "$ll" diff "$base" "$waste" >"$work/diff" || fail "diff exited $?"
    cat "$work/diff"
    "$ll" diff --json "$base" "$waste" >"$work/diff.json" || fail "diff --json exited $?"
    cp -r "$base" "$work/a" && cp -r "$waste" "$work/b"
    (cd "$work" && umoci unpack --rootless --image a:latest ua >/dev/null && umoci unpack --rootless --image b:latest ub >/dev/null) \
        || fail "umoci unpack"
    python3 - "$work/diff.json" "$work/ua/rootfs" "$work/ub/rootfs" <<'PY' || fail "diff vs umoci's rootfs trees"
import json, os, stat, sys, hashlib
j = json.load(open(sys.argv[1]))
def tree(root):
    out = {}
    for dp, dns, fns in os.walk(root):
        for n in dns + fns:
            p = os.path.join(dp, n); st = os.lstat(p)
            key = "/" + os.path.relpath(p, root)
            if stat.S_ISREG(st.st_mode): c = hashlib.sha256(open(p, "rb").read()).hexdigest()
            elif stat.S_ISLNK(st.st_mode): c = os.readlink(p)
            else: c = ""
            out[key] = (stat.S_IFMT(st.st_mode), stat.S_IMODE(st.st_mode), c)
    return out
a, b = tree(sys.argv[2]), tree(sys.argv[3])
want = {}
for p in a.keys() - b.keys(): want[p] = "D"
for p in b.keys() - a.keys(): want[p] = "A"
for p in a.keys() & b.keys():
    if a[p] != b[p] and not (a[p][0] == stat.S_IFDIR and a[p][:2] == b[p][:2]): want[p] = "C"
got = {f["path"]: f["change"] for f in j["files"]}
assert got == want, (sorted(set(got.items()) ^ set(want.items())))
assert j["common_base_layers"] == 1 and j["b"]["layers"][0]["in_other"] and not j["b"]["layers"][1]["in_other"]
assert j["b"]["wasted_bytes"] > 0 and j["a"]["wasted_bytes"] == 0
print("diff: ok,", len(got), "paths agree with umoci's rootfs trees")
PY
    grep -q "^layers: 1 shared at the bottom" "$work/diff" || fail "diff names the shared base layer"
    grep -q "^C /etc/passwd  contents" "$work/diff" || fail "diff lists /etc/passwd as changed"
    "$ll" diff "$base" 2>/dev/null; [ $? = 2 ] || fail "diff with one image is a usage error"
    "$ll" df "$base" "$waste" >"$work/df" || fail "df exited $?"
    cat "$work/df"
    python3 - "$work/df" <<'PY' || fail "df"
import sys
lines = open(sys.argv[1]).read().splitlines()
assert lines[0] == "Images space usage:" and lines[2].startswith("REPOSITORY   TAG       IMAGE ID       CREATED")
h = lines[2]; rows = lines[3:5]
col = lambda r, name: r[h.index(name):].split()[0]
assert col(rows[0], "SHARED SIZE") == col(rows[0], "SIZE") and col(rows[0], "UNIQUE SIZE") == "0B", rows[0]
assert col(rows[1], "SHARED SIZE") == col(rows[0], "SIZE"), rows
print("df: ok")
PY
}

part_inputs() {
    need skopeo
    skopeo copy -q "oci:$waste" "docker-archive:$work/waste-docker.tar:waste:v1" || fail "skopeo copy docker-archive"
    skopeo copy -q "oci:$waste" "oci-archive:$work/waste-oci.tar" || fail "skopeo copy oci-archive"
    skopeo copy -q "oci:$waste" "dir:$work/waste-dir" || fail "skopeo copy dir"
    # zstd layers (application/vnd.oci.image.layer.v1.tar+zstd) as skopeo writes them
    skopeo copy -q --dest-compress --dest-compress-format zstd "oci:$waste" "oci:$work/waste-zstd:latest" \
        || fail "skopeo copy to zstd layers"
    grep -q 'tar+zstd' "$work"/waste-zstd/blobs/sha256/* || fail "skopeo wrote no zstd layer"
    want=$("$ll" inspect --format docker "$waste" | python3 -c 'import json,sys; d=json.load(sys.stdin)[0]; print(d["Id"], " ".join(d["RootFS"]["Layers"]))')
    for img in "$work/waste-docker.tar" "$work/waste-oci.tar" "dir:$work/waste-dir" "$work/waste-zstd"; do
        got=$("$ll" inspect --format docker "$img" | python3 -c 'import json,sys; d=json.load(sys.stdin)[0]; print(d["Id"], " ".join(d["RootFS"]["Layers"]))')
        [ "$got" = "$want" ] || fail "$img: $got != $want"
    done
    "$ll" inspect --format docker "$work/waste-docker.tar" | grep -q '"waste:v1"' || fail "RepoTags of a docker-archive"
    # Docker 25+'s docker save: an OCI layout whose index.json carries the full
    # name (io.containerd.image.name) and only the tag as the OCI ref name, a
    # manifest.json beside it; tarred in name order as moby does. RepoDigests
    # are the containerd image store's: the name without its tag @ the target
    # (the index.json descriptor's digest).
    python3 - "$waste" "$work/d25" <<'PY' || fail "making a Docker 25+ save archive"
import json, shutil, sys
src, dst = sys.argv[1:3]
shutil.copytree(src, dst)
idx = json.load(open(dst + "/index.json"))
d = idx["manifests"][0]
d["annotations"] = {"io.containerd.image.name": "docker.io/library/waste:v1", "org.opencontainers.image.ref.name": "v1"}
json.dump(idx, open(dst + "/index.json", "w"))
m = json.load(open(dst + "/blobs/" + d["digest"].replace(":", "/")))
json.dump([{"Config": "blobs/" + m["config"]["digest"].replace(":", "/"), "RepoTags": ["waste:v1"],
            "Layers": ["blobs/" + l["digest"].replace(":", "/") for l in m["layers"]]}], open(dst + "/manifest.json", "w"))
open(dst + "/target", "w").write(d["digest"])
PY
    tar -C "$work/d25" -cf "$work/d25.tar" blobs index.json manifest.json oci-layout || fail "tar of the Docker 25+ save"
    "$ll" inspect --format docker "$work/d25.tar" | python3 -c '
import json, sys
d = json.load(sys.stdin)[0]
want = "waste@" + open(sys.argv[1]).read()
assert d["RepoTags"] == ["waste:v1"] and d["RepoDigests"] == [want], (d["RepoTags"], d["RepoDigests"], want)' "$work/d25/target" \
        || fail "RepoTags/RepoDigests of a Docker 25+ docker save"
    "$ll" inspect --format docker "$work/waste-docker.tar" | grep -q '"RepoDigests": \[\]' \
        || fail "a classic docker-archive has no RepoDigests"
    "$ll" inspect "dir:$work/waste-dir" | head -1 | grep -q "skopeo dir" || fail "dir: is read as skopeo's layout"
    "$ll" history - <"$work/waste-docker.tar" | grep -q "/bin/sh -c rm /big.bin" || fail "history - reads stdin"
    if command -v zstd >/dev/null; then  # docker save x | zstd | layerlab history -
        zstd -q -c "$work/waste-docker.tar" | "$ll" history - | grep -q "/bin/sh -c rm /big.bin" \
            || fail "history - reads a zstd-compressed docker save"
    fi
    "$ll" inspect --json - <"$work/waste-docker.tar" | grep -q '"format": "docker-save"' || fail "inspect - reads stdin"
    "$ll" inspect - </dev/null 2>"$work/e"; [ $? = 1 ] && grep -q "nothing on stdin" "$work/e" || fail "empty stdin"
    # a two-platform index: the amd64 image and a copy whose config says arm64
    python3 - "$waste" "$work/multi" <<'PY' || fail "making the two-platform layout"
import hashlib, json, os, shutil, sys
src, dst = sys.argv[1:3]
shutil.copytree(src, dst)
blob = lambda dg: dst + "/blobs/" + dg.replace(":", "/")
def put(obj):
    b = json.dumps(obj, separators=(",", ":")).encode(); dg = "sha256:" + hashlib.sha256(b).hexdigest()
    open(blob(dg), "wb").write(b); return dg, len(b)
idx = json.load(open(dst + "/index.json")); md = idx["manifests"][0]
m = json.load(open(blob(md["digest"]))); cfg = json.load(open(blob(m["config"]["digest"])))
cfg["architecture"] = "arm64"; cfg["variant"] = "v8"
cd, cs = put(cfg); m["config"] = dict(m["config"], digest=cd, size=cs)
armd, arms = put(m)
mt = "application/vnd.oci.image.manifest.v1+json"
ix, ixs = put({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": [
    {"mediaType": mt, "digest": md["digest"], "size": md["size"], "platform": {"os": "linux", "architecture": "amd64"}},
    {"mediaType": mt, "digest": armd, "size": arms, "platform": {"os": "linux", "architecture": "arm64", "variant": "v8"}}]})
json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.index.v1+json", "digest": ix,
           "size": ixs, "annotations": {"org.opencontainers.image.ref.name": "latest"}}]}, open(dst + "/index.json", "w"))
PY
    arch() { "$ll" inspect --format docker "$@" | python3 -c 'import json,sys; d=json.load(sys.stdin)[0]; print(d["Architecture"], d["Id"])'; }
    sk_arm=$(skopeo inspect --override-arch arm64 --override-variant v8 --config --raw "oci:$work/multi" | sha256sum | cut -d' ' -f1)
    [ "$(arch --platform linux/arm64 "$work/multi")" = "arm64 sha256:$sk_arm" ] \
        || fail "--platform linux/arm64 picks the image skopeo picks (config sha256:$sk_arm)"
    [ "$(arch --platform linux/arm64/v8 "$work/multi" | cut -d' ' -f1)" = arm64 ] || fail "--platform with a variant"
    [ "$(arch --platform linux/amd64 "$work/multi" | cut -d' ' -f1)" = amd64 ] || fail "--platform linux/amd64"
    "$ll" inspect --platform linux/s390x "$work/multi" >/dev/null 2>"$work/e"; rc=$?
    [ $rc = 1 ] && grep -q "has no image for platform linux/s390x (it has: linux/amd64, linux/arm64/v8)" "$work/e" \
        || fail "a platform the index lacks: rc=$rc $(cat "$work/e")"
    "$ll" inspect --platform linux/arm64 "$waste" >/dev/null 2>"$work/e"; rc=$?
    [ $rc = 1 ] && grep -q "the image is for linux/amd64, not the platform asked for (linux/arm64)" "$work/e" \
        || fail "--platform on a one-platform image: rc=$rc $(cat "$work/e")"
    "$ll" inspect --platform arm64 "$waste" 2>/dev/null; [ $? = 2 ] || fail "--platform arm64 is a usage error"
}

case "$part" in
    history | docker | ci | diff | inputs) "part_$part" ;;
    *) echo "unknown part $part"; exit 2 ;;
esac
[ $failed = 0 ] && echo "PASS: $part"
exit $failed
