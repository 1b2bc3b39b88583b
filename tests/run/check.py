#!/usr/bin/env python3
"""check.py: the run conformance suite (see tests/run/README.md).

For every tests/run/cases/NN-name/ with a golden in tests/run/golden/NN-name/:

  1. the image the oracle built (golden/NN-name/image/, plus the blobs of
     tests/oracle/busybox-base-oci it shares) is assembled into an OCI
     layout;
  2. `layerlab run --image img=LAYOUT img --script script.sh --diff
     --commit-oci OUT` runs the case's script on it;
  3. OUT is unpacked with `umoci unpack` and listed with the oracle's
     normalize.py, and compared with what the kernel's overlayfs left:
       - the committed top layer (layers/NN.txt)     == golden layer.txt
       - the merged filesystem (merged.txt)          == golden merged.txt
       - the `docker diff` lines layerlab printed    == golden diff.txt
       - the exit status                             == golden status.txt
       - stdout                                      == golden stdout.txt
     stderr is shown when it differs but does not fail a case (busybox's
     wording of some errors is not simulated word for word).

Exit status: 0 all passed, 1 some failed (or no layerlab binary), 77 skipped
(not root, no umoci); a missing oracle file fails; the preflight is tests/lib/oracle_check.py's.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import oracle_check as oc  # noqa: E402  (preflight and helpers shared with tests/build/check.py)

read = oc.read


def show_diff(name, want, got):
    return oc.show_diff(want.splitlines(), got.splitlines(), "real overlayfs: " + name, "layerlab: " + name, context=2)


def assemble(image_dir, base_oci, dst):
    """The oracle's OCI layout: the golden's own blobs plus the base image's."""
    shutil.copytree(image_dir, dst)
    blobs = os.path.join(dst, "blobs", "sha256")
    os.makedirs(blobs, exist_ok=True)
    for n in os.listdir(os.path.join(base_oci, "blobs", "sha256")):
        t = os.path.join(blobs, n)
        if not os.path.exists(t):
            os.symlink(os.path.join(base_oci, "blobs", "sha256", n), t)


def check_case(case, args, work):
    cdir = os.path.join(args.cases, case)
    gdir = os.path.join(args.golden, case)
    t = os.path.join(work, case)
    os.makedirs(t)
    img = os.path.join(t, "image")
    assemble(os.path.join(gdir, "image"), args.base_oci, img)
    out = os.path.join(t, "commit")
    r = subprocess.run([args.layerlab, "run", "--image", "img=" + img, "img", "--script",
                        os.path.join(cdir, "script.sh"), "--diff", "--commit-oci", out],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout = r.stdout.decode("utf-8", "surrogateescape")
    stderr = r.stderr.decode("utf-8", "surrogateescape")
    problems = []
    # stdout: the script's output alone; stderr: its errors, then "== exit status N",
    # "== docker diff", the lines, "== committed ..."
    lines = stderr.split("\n")
    try:
        si = max(i for i, l in enumerate(lines) if l.startswith("== exit status "))
        di = lines.index("== docker diff", si)
    except ValueError:
        return ["layerlab run printed no '== exit status' / '== docker diff' lines (exit %d):\n%s%s" %
                (r.returncode, stdout, stderr)]
    script_out = stdout
    status = lines[si][len("== exit status "):]
    diff_lines = [l for l in lines[di + 1:] if l and not l.startswith("== ")]
    want_status = read(os.path.join(gdir, "status.txt")).strip()
    if status != want_status:
        problems.append("exit status: real %s, layerlab %s" % (want_status, status))
    if str(r.returncode) != want_status:
        problems.append("layerlab's own exit code %d is not the script's status %s" % (r.returncode, want_status))
    want_out = read(os.path.join(gdir, "stdout.txt"))
    if want_out and not want_out.endswith("\n"):
        want_out += "\n"   # layerlab ends unterminated output with a newline before its own lines
    if script_out != want_out:
        problems.append("stdout differs:\n" + show_diff("stdout", want_out, script_out))
    want_diff = read(os.path.join(gdir, "diff.txt"))
    got_diff = "".join(l + "\n" for l in diff_lines)
    if got_diff != want_diff:
        problems.append("docker diff differs:\n" + show_diff("diff", want_diff, got_diff))
    if not os.path.exists(os.path.join(out, "index.json")):
        problems.append("no OCI layout written by --commit-oci:\n" + stderr)
        return problems
    norm = os.path.join(t, "norm")
    err = oc.unpack_and_normalize(out, os.path.join(t, "bundle"), norm, args.normalize, "layerlab")
    if err:
        problems.append("the committed image: " + err)
        return problems
    layers = sorted(f for f in os.listdir(os.path.join(norm, "layers")) if f.endswith(".txt") and f.count(".") == 1)
    got_layer = read(os.path.join(norm, "layers", layers[-1]))
    want_layer = read(os.path.join(gdir, "layer.txt"))
    if got_layer != want_layer:
        problems.append("committed layer differs:\n" + show_diff("layer.txt", want_layer, got_layer))
    got_merged = read(os.path.join(norm, "merged.txt"))
    want_merged = read(os.path.join(gdir, "merged.txt"))
    if got_merged != want_merged:
        problems.append("merged filesystem differs:\n" + show_diff("merged.txt", want_merged, got_merged))
    want_err = read(os.path.join(gdir, "stderr.txt"))
    got_err = "".join(l + "\n" for l in stderr.splitlines() if not l.startswith("layerlab run: note:"))
    if got_err != want_err and args.verbose:
        print("  (stderr differs, not compared)\n" + show_diff("stderr", want_err, got_err))
    return problems


def main():
    ap = argparse.ArgumentParser(description="layerlab run against the kernel overlayfs goldens")
    ap.add_argument("cases_wanted", nargs="*", metavar="CASE")
    oc.add_common_args(ap, HERE)
    ap.add_argument("-v", "--verbose", action="store_true", help="also show stderr differences")
    args = ap.parse_args()
    stop = oc.preflight(args)
    if stop is not None:
        return stop
    cases = args.cases_wanted or sorted(d for d in os.listdir(args.golden) if os.path.isdir(os.path.join(args.golden, d)))
    cases = [c.rstrip("/").split("/")[-1] for c in cases]
    failed = 0
    t0 = time.time()
    with tempfile.TemporaryDirectory(prefix="ll-run-check-") as work:
        for c in cases:
            t1 = time.time()
            if not os.path.isfile(os.path.join(args.cases, c, "script.sh")):
                print("FAIL %s: no script.sh in %s" % (c, os.path.join(args.cases, c)))
                failed += 1
                continue
            problems = check_case(c, args, work)
            dt = time.time() - t1
            if problems:
                failed += 1
                print("FAIL %s (%.1fs)" % (c, dt))
                for p in problems:
                    print("  " + p.replace("\n", "\n  "))
            else:
                print("ok   %s (%.1fs)" % (c, dt))
    print("%d passed, %d failed (%.1fs)" % (len(cases) - failed, failed, time.time() - t0))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
