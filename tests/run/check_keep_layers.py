#!/usr/bin/env python3
"""check_keep_layers.py: committing or building on an imported image keeps its layers.

`docker commit` stores the container's writable layer on top of the image's
own layers: the image's layer blobs are shared, byte for byte, so their
digests, media types, DiffIDs and ChainIDs do not change. The same holds for
`docker build` FROM an image. This test takes an image made by buildah (the
golden image of tests/run case 14-image-whiteouts: the busybox-base layer
plus two layers with whiteouts and an opaque directory, assembled with the
base image's blobs) and checks, for

  1. `layerlab run --image img=LAYOUT img --script script.sh --commit-oci OUT`
  2. `layerlab build --image img=LAYOUT --oci-out OUT` of `FROM img` + one RUN

that OUT's first N manifest layers are the image's own descriptors
(mediaType, digest, size), their blobs the same bytes, its first N
rootfs.diff_ids the image's, and that exactly one new layer follows.
No root needed. Exit 0 passed, 1 failed.
"""
import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CASE = "14-image-whiteouts"


def read_json(p):
    with open(p) as f:
        return json.load(f)


def blob(oci, digest):
    return os.path.join(oci, "blobs", *digest.split(":", 1))


def manifest_and_config(oci):
    index = read_json(os.path.join(oci, "index.json"))
    manifest = read_json(blob(oci, index["manifests"][0]["digest"]))
    return manifest, read_json(blob(oci, manifest["config"]["digest"]))


def compare(what, src, out):
    problems = []
    sm, sc = manifest_and_config(src)
    om, oc = manifest_and_config(out)
    n = len(sm["layers"])
    if len(om["layers"]) != n + 1:
        problems.append("%s: %d layers, want the image's %d plus one" % (what, len(om["layers"]), n))
    for i in range(min(n, len(om["layers"]))):
        a, b = sm["layers"][i], om["layers"][i]
        for k in ("mediaType", "digest", "size"):
            if a.get(k) != b.get(k):
                problems.append("%s: layer %d %s is %s, the image's is %s" % (what, i, k, b.get(k), a.get(k)))
        p = blob(out, b["digest"])
        if not os.path.exists(p):
            problems.append("%s: layer %d blob %s missing" % (what, i, b["digest"]))
        elif open(p, "rb").read() != open(blob(src, a["digest"]), "rb").read():
            problems.append("%s: layer %d blob bytes differ from the image's" % (what, i))
        elif "sha256:" + hashlib.sha256(open(p, "rb").read()).hexdigest() != b["digest"]:
            problems.append("%s: layer %d blob does not hash to its digest" % (what, i))
    sd, od = sc["rootfs"]["diff_ids"], oc["rootfs"]["diff_ids"]
    if od[:n] != sd:
        problems.append("%s: diff_ids %s, want the image's %s first" % (what, od[:n], sd))
    if len(od) != n + 1:
        problems.append("%s: %d diff_ids, want %d" % (what, len(od), n + 1))
    else:
        print("%s: %d image layers kept (diff_ids %s), new layer %s" %
              (what, n, ", ".join(d[7:19] for d in sd), od[n][7:19]))
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--layerlab", default=os.path.join(ROOT, "build", "native", "layerlab"))
    ap.add_argument("--base-oci", default=os.path.join(ROOT, "tests", "oracle", "busybox-base-oci"))
    args = ap.parse_args()
    sys.path.insert(0, HERE)
    from check import assemble
    problems = []
    with tempfile.TemporaryDirectory(prefix="ll-keep-") as t:
        img = os.path.join(t, "image")
        assemble(os.path.join(HERE, "golden", CASE, "image"), args.base_oci, img)
        # 1. docker commit
        out = os.path.join(t, "commit")
        r = subprocess.run([args.layerlab, "run", "--image", "img=" + img, "img", "--script",
                            os.path.join(HERE, "cases", CASE, "script.sh"), "--commit-oci", out],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if not os.path.exists(os.path.join(out, "index.json")):
            problems.append("layerlab run --commit-oci wrote nothing (exit %d):\n%s" % (r.returncode, r.stdout))
        else:
            problems += compare("run --commit-oci", img, out)
        # 2. docker build FROM the image
        ctx = os.path.join(t, "ctx")
        os.makedirs(ctx)
        open(os.path.join(ctx, "Dockerfile"), "w").write("FROM img\nRUN echo built > /data/new.txt\n")
        out2 = os.path.join(t, "build")
        r = subprocess.run([args.layerlab, "build", "--image", "img=" + img, "--oci-out", out2, ctx],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if r.returncode != 0 or not os.path.exists(os.path.join(out2, "index.json")):
            problems.append("layerlab build --oci-out failed (exit %d):\n%s" % (r.returncode, r.stdout))
        else:
            problems += compare("build --oci-out", img, out2)
    for p in problems:
        print("FAIL:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
