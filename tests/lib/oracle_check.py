"""oracle_check.py: what tests/build/check.py and tests/run/check.py share.

Both compare layerlab with goldens the oracle (tests/oracle) made, unpack
layerlab's OCI output with `umoci unpack` and list it with the oracle's
normalize.py. This module holds their common command line, preflight
(root, umoci, the oracle, the layerlab binary) and helpers, so the two
cannot drift apart again.

    sys.path.insert(0, os.path.join(HERE, "..", "lib"))
    import oracle_check as oc
    ap = argparse.ArgumentParser(); oc.add_common_args(ap, HERE); args = ap.parse_args()
    skip = oc.preflight(args)
    if skip is not None: return skip
"""
import difflib
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ORACLE = os.path.join(ROOT, "tests", "oracle")

SKIP = 77  # CTest's SKIP_RETURN_CODE


def add_common_args(ap, here):
    """--layerlab, --cases, --golden, --base-oci, --normalize, defaulting to this checkout."""
    ap.add_argument("--layerlab", default=os.path.join(ROOT, "build", "native", "layerlab"))
    ap.add_argument("--cases", default=os.path.join(here, "cases"))
    ap.add_argument("--golden", default=os.path.join(here, "golden"))
    ap.add_argument("--base-oci", default=os.path.join(ORACLE, "busybox-base-oci"))
    ap.add_argument("--normalize", default=os.path.join(ORACLE, "normalize.py"))


def preflight(args):
    """None when the suite can run; SKIP (77) when this machine cannot run it
    (not root, no umoci); 1 when the oracle's files (part of the
    repository) or the layerlab binary are missing."""
    if os.geteuid() != 0:
        print("SKIP: umoci unpack needs root")
        return SKIP
    if not shutil.which("umoci"):
        print("SKIP: umoci is not installed (scripts/setup installs it)")
        return SKIP
    for p in (args.normalize, os.path.join(args.base_oci, "index.json")):
        if not os.path.isfile(p):
            print("FAIL: missing %s (tests/oracle is part of the repository)" % p)
            return 1
    if not os.access(args.layerlab, os.X_OK):
        print("no layerlab binary at %s (--layerlab)" % args.layerlab)
        return 1
    return None


def read(p):
    """A file's text; undecodable bytes kept (surrogateescape)."""
    with open(p, encoding="utf-8", errors="surrogateescape") as f:
        return f.read()


def lines(p):
    """A file's lines, or [] when it does not exist."""
    return read(p).splitlines() if os.path.exists(p) else []


def run(cmd, **kw):
    """Runs cmd; stdout and stderr together as text in .stdout."""
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)


def show_diff(want, got, want_label, got_label, context=1, limit=None):
    """A unified diff of two lists of lines, at most `limit` lines of it."""
    d = list(difflib.unified_diff(want, got, want_label, got_label, lineterm="", n=context))
    if limit is not None and len(d) > limit:
        return "\n".join(d[:limit]) + "\n... (%d more diff lines)" % (len(d) - limit)
    return "\n".join(d)


def unpack_and_normalize(oci, bundle, norm, normalize, label, extra=()):
    """`umoci unpack` of oci:latest into bundle, then normalize.py of its rootfs
    into norm. Returns None, or why it failed."""
    r = run(["umoci", "unpack", "--image", oci + ":latest", bundle])
    if r.returncode != 0:
        return "umoci unpack failed:\n" + r.stdout
    r = run([sys.executable, normalize, norm, os.path.join(bundle, "rootfs"), label, "--oci", oci] + list(extra))
    if r.returncode != 0:
        return "normalize.py failed:\n" + r.stdout
    return None
