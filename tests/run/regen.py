#!/usr/bin/env python3
"""regen.py [CASE...]: goldens of the run conformance suite, from the real
kernel overlayfs (see README.md in this directory). Root only.

For each tests/run/cases/NN-name/ (or the CASEs given):

  1. the image: tests/oracle/oracle.sh builds the case's Dockerfile with
     buildah (FROM busybox-base), exported as an OCI layout;
  2. its layers are unpacked the way Docker's overlay2 driver stores them
     (one directory per layer, whiteouts as 0:0 character devices, opaque
     directories with trusted.overlay.opaque=y, the tar's modes, owners and
     mtimes);
  3. tests/oracle/cow.sh mounts them with the kernel's overlayfs under an
     empty upper directory; inside, the ops mount a /dev (tmpfs with null,
     zero, full, random, urandom, tty) and /proc as docker does, create a
     missing WorkingDir as dockerd does, and run script.sh like `docker run
     IMAGE /bin/sh -c "$(cat script.sh)"`: chrooted into the merged root,
     cwd = WorkingDir (or /), user = the image's User, env = the image's Env
     + HOSTNAME + HOME, umask 022, stdin /dev/null, the image's busybox;
  4. `docker diff` is moby's ChangesDirs (tests/oracle/changes_dirs.py) over
     the merged root and the parent's root (the same layer directories
     mounted read-only with the kernel's overlayfs), as overlay2's naiveDiff;
  5. `docker commit`: the upper directory is tarred as moby's overlay2 Diff
     does (whiteouts -> .wh.NAME, opaque -> .wh..wh..opq, hard links by
     inode, in filepath.Walk order), appended to the OCI image as a new
     layer, unpacked with `umoci unpack` and listed by the oracle's
     normalize.py;
  6. golden/NN-name/ receives: image/ (the OCI layout minus the blobs of
     busybox-base-oci, which check.py links back in), layer.txt (the
     committed layer as normalize.py lists it), merged.txt (the unpacked
     committed image), diff.txt, stdout.txt, stderr.txt, status.txt.

As a self-check, cow.sh's own merged listing must equal the unpacked
committed image (else the commit tar is wrong and regen stops).
"""
import gzip
import hashlib
import io
import json
import os
import shlex
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ORACLE_DIR = os.environ.get("ORACLE_DIR", os.path.join(ROOT, "tests", "oracle"))
BASE_OCI = os.path.join(ORACLE_DIR, "busybox-base-oci")


# docker diff: moby's ChangesDirs over the merged root and the parent's
CHANGES_DIRS = os.path.join(ROOT, "tests", "oracle", "changes_dirs.py")


def blob_path(oci, digest):
    return os.path.join(oci, "blobs", *digest.split(":", 1))


def read_json(p):
    with open(p) as f:
        return json.load(f)


# ------------------------------------------------------------ overlay2 applyLayer

def unpack_layer(tar_path, dest):
    """One layer as overlay2 keeps it: whiteouts as 0:0 char devices, opaque dirs by xattr."""
    os.makedirs(dest)
    dir_times = []
    opaque = []
    with tarfile.open(tar_path, "r:*") as tf:
        for ti in tf:
            name = ti.name
            while name.startswith("./"):
                name = name[2:]
            name = name.strip("/")
            if name in ("", "."):
                continue
            parent, base = os.path.split(name)
            p = os.path.join(dest, name)
            pdir = os.path.join(dest, parent)
            os.makedirs(pdir, exist_ok=True)
            if base == ".wh..wh..opq":
                opaque.append(pdir)
                continue
            if base.startswith(".wh."):
                os.mknod(os.path.join(pdir, base[4:]), 0o600 | stat.S_IFCHR, os.makedev(0, 0))
                continue
            if ti.isdir():
                if not os.path.isdir(p):
                    os.mkdir(p)
                dir_times.append((p, ti))
            elif ti.isreg():
                with open(p, "wb") as f:
                    shutil.copyfileobj(tf.extractfile(ti), f)
            elif ti.issym():
                os.symlink(ti.linkname, p)
            elif ti.islnk():
                target = ti.linkname
                while target.startswith("./"):
                    target = target[2:]
                os.link(os.path.join(dest, target.strip("/")), p)
                continue
            elif ti.ischr() or ti.isblk():
                os.mknod(p, (stat.S_IFCHR if ti.ischr() else stat.S_IFBLK) | 0o600, os.makedev(ti.devmajor, ti.devminor))
            elif ti.isfifo():
                os.mkfifo(p)
            else:
                continue
            os.lchown(p, ti.uid, ti.gid)
            if not ti.issym():
                os.chmod(p, ti.mode & 0o7777)
                os.utime(p, (ti.mtime, ti.mtime))
            else:
                os.utime(p, (ti.mtime, ti.mtime), follow_symlinks=False)
    for p in opaque:
        os.setxattr(p, "trusted.overlay.opaque", b"y")
    for p, ti in reversed(dir_times):   # children first changed their parents' mtimes
        os.lchown(p, ti.uid, ti.gid)
        os.chmod(p, ti.mode & 0o7777)
        os.utime(p, (ti.mtime, ti.mtime))
    # directories implied by entries but not listed keep "now"; that is what overlay2 does too


# ------------------------------------------------------------ moby overlay2 Diff

COMMIT_PY = r'''
import os, stat, sys, tarfile
upper, out = sys.argv[1], sys.argv[2]
seen = {}
with tarfile.open(out, "w", format=tarfile.PAX_FORMAT) as tf:
    def add(rel):
        full = os.path.join(upper, rel)
        st = os.lstat(full)
        ti = tarfile.TarInfo(rel)
        ti.uid, ti.gid, ti.mtime = st.st_uid, st.st_gid, int(st.st_mtime)
        ti.mode = stat.S_IMODE(st.st_mode)
        ti.uname = ti.gname = ""
        data = None
        if stat.S_ISCHR(st.st_mode) and st.st_rdev == 0:     # overlay whiteout -> .wh.NAME
            d, b = os.path.split(rel)
            ti.name = os.path.join(d, ".wh." + b); ti.type = tarfile.REGTYPE; ti.mode = 0o600; ti.size = 0
            tf.addfile(ti); return
        if stat.S_ISDIR(st.st_mode):
            ti.type = tarfile.DIRTYPE; ti.name = rel + "/"
            tf.addfile(ti)
            try:
                if os.getxattr(full, "trusted.overlay.opaque", follow_symlinks=False) == b"y":
                    wo = tarfile.TarInfo(os.path.join(rel, ".wh..wh..opq"))
                    wo.type = tarfile.REGTYPE; wo.mode = ti.mode; wo.uid, wo.gid, wo.mtime = ti.uid, ti.gid, ti.mtime
                    tf.addfile(wo)
            except OSError:
                pass
            return
        if stat.S_ISLNK(st.st_mode):
            ti.type = tarfile.SYMTYPE; ti.linkname = os.readlink(full)
        elif stat.S_ISREG(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if st.st_nlink > 1 and key in seen:
                ti.type = tarfile.LNKTYPE; ti.linkname = seen[key]
            else:
                if st.st_nlink > 1: seen[key] = rel
                ti.type = tarfile.REGTYPE; ti.size = st.st_size
                data = open(full, "rb")
        elif stat.S_ISFIFO(st.st_mode):
            ti.type = tarfile.FIFOTYPE
        elif stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
            ti.type = tarfile.CHRTYPE if stat.S_ISCHR(st.st_mode) else tarfile.BLKTYPE
            ti.devmajor, ti.devminor = os.major(st.st_rdev), os.minor(st.st_rdev)
        else:
            return
        tf.addfile(ti, data)
        if data: data.close()
    def walk(rel):   # filepath.Walk: lexical order, depth first
        for n in sorted(os.listdir(os.path.join(upper, rel) if rel else upper)):
            r = os.path.join(rel, n) if rel else n
            add(r)
            if stat.S_ISDIR(os.lstat(os.path.join(upper, r)).st_mode):
                walk(r)
    walk("")
'''


# What runc does for `docker run IMAGE /bin/sh -c SCRIPT`, run with cwd = the
# merged root: chroot, chdir to WorkingDir, drop to USER, exec with exactly
# the container's environment (no intermediate shell: SHLVL=1, no OLDPWD).
LAUNCH_PY = r'''
import json, os, sys
cfg = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "launch.json")))
os.chroot(".")
os.chdir(cfg["wd"])
os.setgroups([cfg["gid"]] if cfg["uid"] != 0 or cfg["gid"] != 0 else [0])
os.setgid(cfg["gid"])
os.setuid(cfg["uid"])
env = dict(e.split("=", 1) for e in cfg["env"])
os.execve("/bin/sh", ["/bin/sh", "-c", cfg["script"]], env)
'''


def commit_image(src_oci, dst_oci, layer_tar, created_by):
    """docker commit: the image plus one layer (uncompressed tar -> gzip blob)."""
    shutil.copytree(src_oci, dst_oci)
    raw = open(layer_tar, "rb").read()
    gz = gzip.compress(raw, compresslevel=6, mtime=0)
    diff_id = "sha256:" + hashlib.sha256(raw).hexdigest()
    ldig = "sha256:" + hashlib.sha256(gz).hexdigest()
    open(blob_path(dst_oci, ldig), "wb").write(gz)
    index = read_json(os.path.join(dst_oci, "index.json"))
    manifest = read_json(blob_path(dst_oci, index["manifests"][0]["digest"]))
    config = read_json(blob_path(dst_oci, manifest["config"]["digest"]))
    config["rootfs"]["diff_ids"].append(diff_id)
    config.setdefault("history", []).append({"created_by": created_by, "comment": "regen.py commit"})
    cb = json.dumps(config, separators=(",", ":")).encode()
    cdig = "sha256:" + hashlib.sha256(cb).hexdigest()
    open(blob_path(dst_oci, cdig), "wb").write(cb)
    manifest["config"] = {"mediaType": manifest["config"]["mediaType"], "digest": cdig, "size": len(cb)}
    manifest["layers"].append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": ldig,
                               "size": len(gz)})
    mb = json.dumps(manifest, separators=(",", ":")).encode()
    mdig = "sha256:" + hashlib.sha256(mb).hexdigest()
    open(blob_path(dst_oci, mdig), "wb").write(mb)
    index["manifests"] = [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": mdig,
                           "size": len(mb), "annotations": {"org.opencontainers.image.ref.name": "latest"}}]
    json.dump(index, open(os.path.join(dst_oci, "index.json"), "w"))


# ------------------------------------------------------------ users

def resolve_user(rootfs, user):
    """USER as runc resolves it: name or uid, optional :group. Returns (uid, gid, home)."""
    if not user:
        user = "0"
    u, _, g = user.partition(":")
    passwd = []
    if os.path.exists(os.path.join(rootfs, "etc/passwd")):
        passwd = [l.split(":") for l in open(os.path.join(rootfs, "etc/passwd")).read().splitlines() if l.count(":") >= 6]
    ent = next((p for p in passwd if p[0] == u or p[2] == u), None)
    if ent is None and not u.isdigit():
        raise SystemExit("unable to find user " + u)
    uid = int(ent[2]) if ent else int(u)
    gid = int(ent[3]) if ent else 0
    home = ent[5] if ent else "/"
    if g:
        if g.isdigit():
            gid = int(g)
        else:
            groups = [l.split(":") for l in open(os.path.join(rootfs, "etc/group")).read().splitlines()]
            gid = int(next(x for x in groups if x[0] == g)[2])
    return uid, gid, home


# ------------------------------------------------------------ one case

def sh(cmd, **kw):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
    if r.returncode != 0:
        raise SystemExit("%s failed (exit %d):\n%s" % (" ".join(cmd[:3]), r.returncode, r.stdout[-4000:]))
    return r.stdout


def prepare_context(case_dir, dst):
    shutil.copytree(case_dir, dst, symlinks=True)
    modes = os.path.join(case_dir, "modes")
    if os.path.exists(modes):
        for line in open(modes):
            line = line.strip()
            if line and not line.startswith("#"):
                mode, path = line.split(None, 1)
                os.chmod(os.path.join(dst, path), int(mode, 8))


CASES = os.path.join(HERE, "cases")
GOLDEN = os.path.join(HERE, "golden")


def regen(case):
    case_dir = os.path.join(CASES, case)
    golden = os.path.join(GOLDEN, case)
    with tempfile.TemporaryDirectory(prefix="ll-run-") as t:
        ctx = os.path.join(t, "ctx")
        prepare_context(case_dir, ctx)
        out = os.path.join(t, "out")
        r = subprocess.run(["bash", os.path.join(ORACLE_DIR, "oracle.sh"), os.path.join(ctx, "Dockerfile"), ctx, out],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if r.returncode != 0:
            raise SystemExit("oracle.sh failed for %s:\n%s" % (case, r.stdout))
        oci = os.path.join(out, "oci")
        index = read_json(os.path.join(oci, "index.json"))
        manifest = read_json(blob_path(oci, index["manifests"][0]["digest"]))
        config = read_json(blob_path(oci, manifest["config"]["digest"]))
        cfg = config.get("config", {})

        # overlay2's layer directories
        lowers = []
        for i, d in enumerate(manifest["layers"]):
            ld = os.path.join(t, "layers", "%02d" % i)
            unpack_layer(blob_path(oci, d["digest"]), ld)
            lowers.append(ld)
        # a merged copy only to resolve USER and HOME as runc does (read-only use)
        rootfs_probe = os.path.join(t, "probe")
        sh(["umoci", "unpack", "--image", oci + ":latest", rootfs_probe])
        uid, gid, home = resolve_user(os.path.join(rootfs_probe, "rootfs"), cfg.get("User", ""))

        env = list(cfg.get("Env") or [])
        if not any(e.startswith("PATH=") for e in env):
            env.append("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        env.append("HOSTNAME=layerlab-run")
        if not any(e.startswith("HOME=") for e in env):
            env.append("HOME=" + home)
        wd = cfg.get("WorkingDir") or "/"
        script = open(os.path.join(case_dir, "script.sh")).read()
        res = os.path.join(t, "res")
        os.makedirs(res)
        open(os.path.join(res, "script.sh"), "w").write(script)
        shutil.copy(CHANGES_DIRS, os.path.join(res, "diff.py"))
        parent, empty = os.path.join(t, "parent"), os.path.join(t, "empty")
        os.makedirs(parent)
        os.makedirs(empty)
        open(os.path.join(res, "commit.py"), "w").write(COMMIT_PY)
        json.dump({"uid": uid, "gid": gid, "wd": wd, "env": env, "script": script},
                  open(os.path.join(res, "launch.json"), "w"))
        open(os.path.join(res, "launch.py"), "w").write(LAUNCH_PY)
        q = shlex.quote
        ops = f"""set -e
umask 022
R={q(res)}
trap 'rc=$?; set +e; umount proc 2>/dev/null; umount dev 2>/dev/null; exit $rc' EXIT
# docker's /dev and /proc (mounts over the merged root do not copy anything up)
if [ -d dev ]; then
  mount -t tmpfs -o mode=0755,size=1m layerlab-dev dev
  mknod -m 666 dev/null c 1 3; mknod -m 666 dev/zero c 1 5; mknod -m 666 dev/full c 1 7
  mknod -m 666 dev/random c 1 8; mknod -m 666 dev/urandom c 1 9; mknod -m 666 dev/tty c 5 0
  ln -s /proc/self/fd dev/fd; ln -s /proc/self/fd/0 dev/stdin
  ln -s /proc/self/fd/1 dev/stdout; ln -s /proc/self/fd/2 dev/stderr
fi
[ -d proc ] && mount -t proc proc proc
# dockerd creates a missing WorkingDir (root, 0755) before the process starts
mkdir -p ./{q(wd)}
set +e
python3 "$R/launch.py" < /dev/null > "$R/stdout" 2> "$R/stderr"
echo $? > "$R/status"
set -e
mountpoint -q proc && umount proc
mountpoint -q dev && umount dev
sync
# docker diff: ChangesDirs(merged root, the parent's root = the lower layers mounted read-only)
mount -t overlay -o ro,lowerdir={q(":".join(list(reversed(lowers)) + [empty]))} layerlab-parent {q(parent)}
python3 "$R/diff.py" "$PWD" {q(parent)} > "$R/diff.txt" || {{ umount {q(parent)}; exit 1; }}
umount {q(parent)}
python3 "$R/commit.py" "$PWD/../upper" "$R/upper.tar"
"""
        ops_path = os.path.join(t, "ops.sh")
        open(ops_path, "w").write(ops)
        cow_out = sh(["bash", os.path.join(ORACLE_DIR, "cow.sh"), ops_path] + lowers)

        # docker commit, unpacked and listed like the oracle's images
        created_by = "/bin/sh -c " + script
        commit = os.path.join(t, "commit")
        commit_image(oci, commit, os.path.join(res, "upper.tar"), created_by)
        bundle = os.path.join(t, "bundle")
        sh(["umoci", "unpack", "--image", commit + ":latest", bundle])
        norm = os.path.join(t, "norm")
        sh([sys.executable, os.path.join(ORACLE_DIR, "normalize.py"), norm, os.path.join(bundle, "rootfs"), "overlay",
            "--oci", commit])
        top = "%02d" % len(manifest["layers"])
        layer_txt = open(os.path.join(norm, "layers", top + ".txt")).read()
        merged_txt = open(os.path.join(norm, "merged.txt")).read()

        # self-check: what the container saw == the committed image unpacked
        cow_merged = []
        section = None
        for line in cow_out.splitlines():
            if line.startswith("== "):
                section = line[3:]
                continue
            if section == "merged" and line:
                cow_merged.append(line)
        unpacked = []
        for line in merged_txt.splitlines():
            f = [x for x in line.split("\t") if not x.startswith(("nlink=", "same-inode-as=", "xattr:"))]
            unpacked.append("\t".join(f))
        if sorted(cow_merged) != sorted(unpacked):
            import difflib
            sys.stderr.write("\n".join(difflib.unified_diff(sorted(cow_merged), sorted(unpacked), "cow.sh merged",
                                                           "committed image", lineterm="")) + "\n")
            raise SystemExit("%s: the committed image differs from what the container saw" % case)

        # the golden
        shutil.rmtree(golden, ignore_errors=True)
        os.makedirs(os.path.join(golden, "image", "blobs", "sha256"))
        base_blobs = set(os.listdir(os.path.join(BASE_OCI, "blobs", "sha256")))
        for n in os.listdir(os.path.join(oci, "blobs", "sha256")):
            if n not in base_blobs:
                shutil.copy(os.path.join(oci, "blobs", "sha256", n), os.path.join(golden, "image", "blobs", "sha256", n))
        shutil.copy(os.path.join(oci, "index.json"), os.path.join(golden, "image", "index.json"))
        shutil.copy(os.path.join(oci, "oci-layout"), os.path.join(golden, "image", "oci-layout"))
        open(os.path.join(golden, "layer.txt"), "w").write(layer_txt)
        open(os.path.join(golden, "merged.txt"), "w").write(merged_txt)
        diff_lines = open(os.path.join(res, "diff.txt")).read().splitlines()
        assert diff_lines and diff_lines[0] == "== diff", diff_lines[:1]
        open(os.path.join(golden, "diff.txt"), "w").write("".join(l + "\n" for l in diff_lines[1:]))
        for n in ("stdout", "stderr"):
            shutil.copy(os.path.join(res, n), os.path.join(golden, n + ".txt"))
        status = open(os.path.join(res, "status")).read().strip()
        open(os.path.join(golden, "status.txt"), "w").write(status + "\n")
        print("%-28s status %s, %d diff lines, %d entries in the committed layer" %
              (case, status, len(diff_lines) - 1, len(layer_txt.splitlines())))


def main():
    global CASES, GOLDEN
    import argparse
    ap = argparse.ArgumentParser(description="goldens of tests/run from the kernel's overlayfs")
    ap.add_argument("cases", nargs="*", metavar="CASE")
    ap.add_argument("--cases", dest="cases_dir", default=CASES, help="where the cases are (default tests/run/cases)")
    ap.add_argument("--golden", default=GOLDEN, help="where to write the goldens (default tests/run/golden)")
    args = ap.parse_args()
    CASES, GOLDEN = os.path.abspath(args.cases_dir), os.path.abspath(args.golden)
    if os.geteuid() != 0:
        sys.exit("regen.py: run as root (buildah, mount -t overlay, umoci)")
    for tool in ("buildah", "umoci", "busybox"):
        if not shutil.which(tool):
            sys.exit("regen.py: missing %s (scripts/setup installs it)" % tool)
    cases = args.cases or sorted(d for d in os.listdir(CASES) if os.path.isfile(os.path.join(CASES, d, "script.sh")))
    for c in cases:
        regen(c.rstrip("/").split("/")[-1])


if __name__ == "__main__":
    main()
