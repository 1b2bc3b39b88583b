#!/usr/bin/env python3
"""Regenerates tests/golden/cow/*.golden with the real kernel overlayfs.

Usage: python3 tests/golden/cow/regen.py [CASE...]   (as root)
See README.md in this directory for the case format and the output.
"""
import os, subprocess, sys, tempfile, shlex

HERE = os.path.dirname(os.path.abspath(__file__))
COW = os.path.normpath(os.path.join(HERE, "..", "..", "oracle", "cow.sh"))


def parse(path):
    layers, ops, cur = [], [], None
    for raw in open(path):
        line = raw.rstrip("\n")
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        if s == "layer":
            layers.append([]); cur = layers[-1]; continue
        if s == "ops":
            cur = ops; continue
        cur.append(s)
    return layers, ops


def unescape(t):
    return t.encode().decode("unicode_escape")


def materialize(layer_lines, d):
    os.makedirs(d)
    opaque = []
    for l in layer_lines:
        f = l.split(" ", 3)
        kind, p = f[0], d + f[1]
        if kind == "dir":
            os.makedirs(p, exist_ok=True); os.chmod(p, int(f[2], 8))
        elif kind == "file":
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "wb") as fh:
                fh.write(unescape(f[3] if len(f) > 3 else "").encode("latin-1"))
            os.chmod(p, int(f[2], 8))
        elif kind == "zeros":
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "wb") as fh:
                fh.truncate(int(f[3]))
            os.chmod(p, int(f[2], 8))
        elif kind == "symlink":
            os.makedirs(os.path.dirname(p), exist_ok=True); os.symlink(f[2], p)
        elif kind == "hardlink":
            os.link(d + f[2], p)
        elif kind == "whiteout":
            os.makedirs(os.path.dirname(p), exist_ok=True); os.mknod(p, 0o600 | 0o020000, os.makedev(0, 0))
        elif kind == "opaque":
            opaque.append(p)
        else:
            raise SystemExit("unknown layer entry: " + l)
    for p in opaque:
        os.setxattr(p, "trusted.overlay.opaque", b"y")


OPS_PY = r'''
import errno, os, shutil, sys
os.umask(0o022)
OPS = sys.stdin.read().splitlines()
"x".encode().decode("unicode_escape").encode("latin-1")   # load the codecs before chroot
# Absolute symlink targets must resolve inside the container, not on the host.
os.chroot(".")
os.chdir("/")
def rel(p): return p
def run(desc, fn):
    try:
        fn(); print("op %s: ok" % desc)
    except OSError as e:
        print("op %s: %s" % (desc, errno.errorcode.get(e.errno, str(e.errno))))
def w(p, t, flags, off=None):
    fd = os.open(rel(p), flags, 0o666)
    try:
        if off is None: os.write(fd, t)
        else: os.pwrite(fd, t, off)
    finally: os.close(fd)
def ut(p):
    os.utime(rel(p))
print("== ops")
for line in OPS:
    k = line.split(" ", 1)[0]
    f = line.split(" ", 3) if k in ("pwrite", "chown") else line.split(" ", 2)
    if k == "write": run(line, lambda: w(f[1], f[2].encode().decode("unicode_escape").encode("latin-1") if len(f) > 2 else b"", os.O_WRONLY | os.O_CREAT | os.O_TRUNC))
    elif k == "append": run(line, lambda: w(f[1], f[2].encode().decode("unicode_escape").encode("latin-1"), os.O_WRONLY | os.O_CREAT | os.O_APPEND))
    elif k == "pwrite": run(line, lambda: w(f[1], f[3].encode().decode("unicode_escape").encode("latin-1"), os.O_WRONLY | os.O_CREAT, int(f[2])))
    elif k == "truncate": run(line, lambda: os.truncate(rel(f[1]), int(f[2])))
    elif k == "mkdir": run(line, lambda: os.mkdir(rel(f[1]), int(f[2], 8)))
    elif k == "rmdir": run(line, lambda: os.rmdir(rel(f[1])))
    elif k == "unlink": run(line, lambda: os.unlink(rel(f[1])))
    elif k == "rmtree": run(line, lambda: shutil.rmtree(rel(f[1])))
    elif k == "rename": run(line, lambda: os.rename(rel(f[1]), rel(f[2])))
    elif k == "chmod": run(line, lambda: os.chmod(rel(f[1]), int(f[2], 8)))
    elif k == "chown": run(line, lambda: os.chown(rel(f[1]), int(f[2]), int(f[3])))
    elif k == "utime": run(line, lambda: ut(f[1]))
    elif k == "symlink": run(line, lambda: os.symlink(f[1], rel(f[2])))
    elif k == "link": run(line, lambda: os.link(rel(f[1]), rel(f[2]), follow_symlinks=False))
    elif k == "mkfifo": run(line, lambda: os.mkfifo(rel(f[1]), 0o666))
    else: print("op %s: unknown op" % line)
'''

# docker diff: moby's ChangesDirs over the container's merged root and its
# parent's (a read-only overlay of the same lower directories, mounted by the
# ops script after the operations), see tests/oracle/changes_dirs.py.
CHANGES_DIRS = os.path.join(HERE, "..", "..", "oracle", "changes_dirs.py")


def regen(case):
    layers, ops = parse(case)
    with tempfile.TemporaryDirectory() as t:
        dirs = []
        for i, l in enumerate(layers):
            d = os.path.join(t, "l%d" % i)
            materialize(l, d)
            # Stable times for the lower dirs, like an unpacked image.
            for root, dn, fn in os.walk(d):
                for n in dn + fn + ["."]:
                    try: os.utime(os.path.join(root, n), (1600000000, 1600000000), follow_symlinks=False)
                    except OSError: pass
            dirs.append(d)
        ops_file = os.path.join(t, "ops.txt")
        open(ops_file, "w").write("\n".join(ops) + "\n")
        py1 = os.path.join(t, "ops.py"); open(py1, "w").write(OPS_PY)
        script = os.path.join(t, "ops.sh")
        parent, empty = os.path.join(t, "parent"), os.path.join(t, "empty")
        os.makedirs(parent); os.makedirs(empty)
        # the parent's mounted root: the same lower dirs, read-only (an empty
        # bottom dir so that one lower layer mounts too)
        lowers_top_first = ":".join(list(reversed(dirs)) + [empty])
        q = shlex.quote
        open(script, "w").write(
            "set -e\npython3 %s < %s\n" % (q(py1), q(ops_file)) +
            "mount -t overlay -o ro,lowerdir=%s layerlab-parent %s\n" % (q(lowers_top_first), q(parent)) +
            "python3 %s \"$PWD\" %s || { umount %s; exit 1; }\numount %s\n" %
            (q(os.path.abspath(CHANGES_DIRS)), q(parent), q(parent), q(parent)))
        out = subprocess.run(["bash", COW, script] + dirs, check=True, stdout=subprocess.PIPE, text=True).stdout
    golden = case[:-len(".case")] + ".golden"
    open(golden, "w").write(out)
    print("wrote", os.path.relpath(golden))


if __name__ == "__main__":
    if os.geteuid() != 0:
        sys.exit("run as root (mount -t overlay)")
    cases = sys.argv[1:] or sorted(os.path.join(HERE, "cases", c) for c in os.listdir(os.path.join(HERE, "cases")) if c.endswith(".case"))
    for c in cases:
        regen(c)
