#!/usr/bin/env bash
# Regenerates the golden tars that tests/core/test_tar.cpp reads, with the real
# tools (GNU tar, Python's tarfile), and records their sha256sum in SHA256SUMS.
# Run as root (mknod, mkfifo): tests/golden/tar/make.sh
#
#   gnu.tar       GNU format: 'L'/'K' long names, hard link, symlinks (one climbing
#                 out with ../), fifo, char device, both whiteout forms, setuid, sticky
#   gnu-big.tar   GNU format with uid 3000000 / gid 4000000 and mtime -1000: base-256 fields
#   pax.tar       the same tree as gnu.tar in POSIX pax format (GNU tar --format=pax)
#   py-pax.tar    Python tarfile, pax: a global 'g' header (uid=77, ignored as Docker does),
#                 "./" root, an opaque marker AFTER a file of its directory, "/abs/name",
#                 "x//y/./z", SCHILY.xattr records, pax uid/gid, mtime -1.5, AUFS .wh..wh.plnk,
#                 a 321-byte path
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
src="$work/src"
mkdir -p "$src" && cd "$src"
a=$(printf 'a%.0s' {1..60}); b=$(printf 'b%.0s' {1..60}); c=$(printf 'c%.0s' {1..150}); t=$(printf 't%.0s' {1..150})
mkdir -p etc dir2 "long/$a/$b"
printf 'hello\n' > etc/motd; ln etc/motd etc/motd.hard
printf 'x' > "long/$a/$b/$c.txt"
ln -s "$t" sym; ln -s ../../../../etc/shadow escape
mkfifo fifo; : > .wh.gone; : > dir2/.wh..wh..opq; echo keep > dir2/keep
mknod cdev c 1 3
chmod 4755 etc/motd; chmod 1777 dir2
find . -exec touch -h -d @1700000000 {} +
common=(--sort=name --numeric-owner)
tar --format=gnu "${common[@]}" --owner=0 --group=0 --mtime=@1700000000 -C "$src" -cf "$here/gnu.tar" .
tar --format=gnu "${common[@]}" --owner=:3000000 --group=:4000000 --mtime=@-1000 -C "$src" -cf "$here/gnu-big.tar" etc
tar --format=pax "${common[@]}" --owner=0 --group=0 --mtime=@1700000000 \
    --pax-option=delete=atime,delete=ctime,exthdr.name=%d/PaxHeaders/%f -C "$src" -cf "$here/pax.tar" .
python3 - "$here/py-pax.tar" <<'PY'
import io, sys, tarfile
def add(tf, name, type=tarfile.REGTYPE, data=b"", mode=0o644, **kw):
    ti = tarfile.TarInfo(name); ti.type = type; ti.mode = mode; ti.mtime = kw.pop("mtime", 1700000000)
    ti.uid = kw.pop("uid", 0); ti.gid = kw.pop("gid", 0); ti.uname = ti.gname = ""
    for k, v in kw.items(): setattr(ti, k, v)
    if type == tarfile.REGTYPE:
        ti.size = len(data); tf.addfile(ti, io.BytesIO(data))
    else:
        tf.addfile(ti)
with tarfile.open(sys.argv[1], "w", format=tarfile.PAX_FORMAT,
                  pax_headers={"comment": "global header, ignored like Docker does", "uid": "77"}) as tf:
    add(tf, "./", tarfile.DIRTYPE, mode=0o755)
    add(tf, "d/", tarfile.DIRTYPE, mode=0o755)
    add(tf, "d/newfile", data=b"new\n")
    add(tf, "d/.wh..wh..opq")
    add(tf, "/abs/name", data=b"abs\n")
    add(tf, "x//y/./z", data=b"z\n")
    add(tf, "xattr-file", data=b"x", pax_headers={"SCHILY.xattr.user.test": "hello",
                                                   "SCHILY.xattr.security.capability": "\x01\x00\x00\x02"})
    add(tf, "big-uid", data=b"u", uid=3000000, gid=4000000)
    add(tf, "neg-mtime", data=b"m", mtime=-1.5)
    add(tf, ".wh..wh.plnk/123.456", data=b"aufs")
    add(tf, "deleted/", tarfile.DIRTYPE, mode=0o755)
    add(tf, "deleted/.wh.thing")
    add(tf, "n" * 120 + "/" + "f" * 200, data=b"long\n")
PY
# Listings of gnu.tar, gnu-big.tar and pax.tar in the format of
# tests/oracle/normalize.py (its layer_entries(), applied by Python's tarfile).
python3 - "$here" <<'PY'
import hashlib, os, sys, tarfile
here = sys.argv[1]
def norm(name):
    while name.startswith("./"):
        name = name[2:]
    name = name.strip("/")
    return "/" if name in ("", ".") else "/" + name
def mode4(m):
    return "%04o" % (m & 0o7777)
for t in ("gnu.tar", "gnu-big.tar", "pax.tar"):
    out = []
    with tarfile.open(os.path.join(here, t)) as tf:
        for ti in tf:
            p = norm(ti.name)
            if p == "/":
                continue
            base, parent = os.path.basename(p), os.path.dirname(p)
            own = "%d:%d" % (ti.uid, ti.gid)
            if base == ".wh..wh..opq":
                out.append((parent, "opaque", [])); continue
            if base.startswith(".wh."):
                out.append((os.path.join(parent, base[4:]), "whiteout", [])); continue
            if ti.isdir():
                f, kind = [mode4(ti.mode), own], "dir"
            elif ti.isreg():
                h = hashlib.sha256(tf.extractfile(ti).read()).hexdigest()[:16]
                f, kind = [mode4(ti.mode), own, str(ti.size), "sha256:" + h], "file"
            elif ti.issym():
                f, kind = [mode4(ti.mode), own, "-> " + ti.linkname], "symlink"
            elif ti.islnk():
                f, kind = [mode4(ti.mode), own, "=> " + norm(ti.linkname)], "hardlink"
            elif ti.ischr() or ti.isblk():
                kind = "char" if ti.ischr() else "block"
                f = [mode4(ti.mode), own, "%d:%d" % (ti.devmajor, ti.devminor)]
            elif ti.isfifo():
                f, kind = [mode4(ti.mode), own], "fifo"
            out.append((p, kind, f))
    with open(os.path.join(here, t[:-4] + ".txt"), "w") as fh:
        for p, kind, f in sorted(out, key=lambda e: (e[0], e[1])):
            fh.write("\t".join([p, kind] + f) + "\n")
PY
cd "$here" && sha256sum gnu.tar gnu-big.tar pax.tar py-pax.tar > SHA256SUMS
cat SHA256SUMS
