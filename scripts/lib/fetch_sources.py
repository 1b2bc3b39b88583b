#!/usr/bin/env python3
"""fetch_sources.py LOCK DEPS_DIR: the Debian source packages of scripts/lib/sources.lock.

For each package of the lock file not yet unpacked in DEPS_DIR/src (a
.layerlab-ok stamp naming its version), every file is downloaded from the
Debian mirror the system's apt uses (deb822 .sources files or a classic
sources.list; http://deb.debian.org/debian when neither names one), else
from snapshot.debian.org, checked against the lock's sha256 and size, and
unpacked with `dpkg-source -x`. apt's own configuration and lists are never
touched, so it works with either kind of apt setup and needs no deb-src line.
"""
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request

DEFAULT_MIRROR = "http://deb.debian.org/debian"


def say(msg):
    print("[setup] " + msg, flush=True)


def system_mirror():
    """The URI of the system's main Debian archive (not security, not updates)."""
    uris = []
    for f in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
        for stanza in re.split(r"\n\s*\n", open(f, errors="replace").read()):
            fields = dict(re.findall(r"^([A-Za-z-]+):[ \t]*(.*)$", stanza, re.M))
            if "deb" not in fields.get("Types", "").split():
                continue
            suites = fields.get("Suites", "").split()
            if any(s in ("bookworm", "trixie", "stable", "testing") for s in suites):
                uris += [u for u in fields.get("URIs", "").split() if "security" not in u]
    lists = ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*.list"))
    for f in lists:
        if not os.path.exists(f):
            continue
        for line in open(f, errors="replace"):
            line = re.sub(r"\[[^]]*\]", " ", line.split("#", 1)[0]).split()
            if len(line) >= 3 and line[0] == "deb" and "security" not in line[1] and \
                    line[2].split("-")[0] in ("bookworm", "trixie", "stable", "testing"):
                uris.append(line[1])
    for u in uris:
        if u.startswith(("http://", "https://")) and "debian" in u:
            return u.rstrip("/")
    return DEFAULT_MIRROR


def download(url, dest):
    with urllib.request.urlopen(url, timeout=120) as r, open(dest + ".part", "wb") as f:
        shutil.copyfileobj(r, f)
    os.replace(dest + ".part", dest)


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def snapshot_urls(pkg, version):
    """name -> URL on snapshot.debian.org (its machine-readable API)."""
    api = "https://snapshot.debian.org/mr/package/%s/%s/srcfiles?fileinfo=1" % (pkg, urllib.request.quote(version))
    with urllib.request.urlopen(api, timeout=60) as r:
        data = json.load(r)
    out = {}
    for h, infos in data.get("fileinfo", {}).items():
        for i in infos:
            out[i["name"]] = "https://snapshot.debian.org/file/" + h
    return out


def fetch(pkg, version, files, dl, mirror):
    snap = None
    for pool, sha, size, name in files:
        dest = os.path.join(dl, name)
        if os.path.exists(dest) and sha256_of(dest) == sha:
            continue
        try:
            download("%s/%s/%s" % (mirror, pool, name), dest)
        except OSError as e:
            say("%s not on %s (%s); trying snapshot.debian.org" % (name, mirror, e))
            if snap is None:
                snap = snapshot_urls(pkg, version)
            if name not in snap:
                sys.exit("setup: %s %s: %s is on neither %s nor snapshot.debian.org" % (pkg, version, name, mirror))
            download(snap[name], dest)
        got = sha256_of(dest)
        if got != sha or os.path.getsize(dest) != size:
            os.remove(dest)
            sys.exit("setup: %s: sha256 %s (%d bytes), scripts/lib/sources.lock says %s (%d bytes): refused" %
                     (name, got, os.path.getsize(dest) if os.path.exists(dest) else 0, sha, size))


def main():
    lock, deps = sys.argv[1], sys.argv[2]
    pkgs = {}
    for line in open(lock):
        f = line.split("#", 1)[0].split()
        if not f:
            continue
        name, version, pool, sha, size, fname = f
        pkgs.setdefault((name, version), []).append((pool, sha, int(size), fname))
    src, dl = os.path.join(deps, "src"), os.path.join(deps, "dl")
    os.makedirs(src, exist_ok=True)
    os.makedirs(dl, exist_ok=True)
    mirror = None
    for (name, version), files in pkgs.items():
        upstream = version.split(":", 1)[-1].rsplit("-", 1)[0]
        d = os.path.join(src, "%s-%s" % (name, upstream))
        stamp = os.path.join(d, ".layerlab-ok")
        if os.path.exists(stamp) and open(stamp).read().strip() in ("", version):
            continue
        if mirror is None:
            mirror = system_mirror()
        say("fetching Debian source package %s %s from %s (sha256 pinned)" % (name, version, mirror))
        fetch(name, version, files, dl, mirror)
        shutil.rmtree(d, ignore_errors=True)
        dsc = next(os.path.join(dl, fn) for _, _, _, fn in files if fn.endswith(".dsc"))
        r = subprocess.run(["dpkg-source", "--no-check", "-x", dsc, d], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
        if r.returncode != 0 or not os.path.isdir(d):
            sys.exit("setup: dpkg-source -x %s failed:\n%s" % (dsc, r.stdout))
        open(stamp, "w").write(version + "\n")
        for _, _, _, fn in files:
            for left in (os.path.join(dl, fn), os.path.join(src, fn)):   # dpkg-source links the orig tarball beside d
                if os.path.lexists(left):
                    os.remove(left)
    say("Debian source packages: %s (pinned in scripts/lib/sources.lock)" %
        ", ".join("%s %s" % k for k in pkgs))


if __name__ == "__main__":
    main()
