"""Fetch .deb files with `apt-get download` and read them with dpkg-deb.

Each .deb is read once into a small JSON summary (file list with modes, owners,
sizes and link targets; control members and their sizes; small text contents)
kept next to the .deb in the git-ignored cache, so re-running gen-catalog only
re-reads packages whose version changed.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tarfile
from concurrent.futures import ThreadPoolExecutor

CONTENT_MAX = 4096          # keep real contents of small text files up to this size
SUMMARY_VERSION = 3


def deb_filename(name: str, version: str, arch: str) -> str:
    # apt-get download writes the epoch colon as %3a
    return f"{name}_{version.replace(':', '%3a')}_{arch}.deb"


def sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def download(apt, idx, names: list[str], cache: str) -> dict[str, str]:
    """Make sure the candidate .deb of every name is in `cache` (verified
    against the SHA256 of the signed index). Returns name -> path."""
    os.makedirs(cache, exist_ok=True)
    paths, todo = {}, []
    for n in names:
        p = idx.pkgs[n]
        path = os.path.join(cache, deb_filename(n, p.version, p.fields["Architecture"]))
        paths[n] = path
        if not os.path.exists(path):
            todo.append(f"{n}={p.version}")
    for i in range(0, len(todo), 200):
        apt.run("download", *todo[i:i + 200], cwd=cache)
    for n, path in paths.items():
        want = idx.pkgs[n].fields.get("SHA256")
        if want and not os.path.exists(path + ".ok"):
            got = sha256_file(path)
            if got != want:
                os.remove(path)
                raise RuntimeError(f"{path}: sha256 {got} != index {want}")
            open(path + ".ok", "w").close()
    return paths


def keep_content(path: str, size: int, data: bytes | None) -> str | None:
    """Real contents are kept only for small text files that commands read:
    everything under /etc, os-release and the base-passwd masters."""
    if data is None or size > CONTENT_MAX:
        return None
    if not (path.startswith("/etc/") or path in KEEP_CONTENT_PATHS):
        return None
    if b"\0" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


KEEP_CONTENT_PATHS = {
    "/usr/lib/os-release",
    "/usr/share/base-passwd/passwd.master",
    "/usr/share/base-passwd/group.master",
    "/usr/share/base-files/dot.bashrc",
    "/usr/share/base-files/dot.profile",
    "/usr/share/base-files/dot.profile.md5sums",
    "/usr/share/base-files/profile",
    "/usr/share/base-files/motd",
    "/usr/share/base-files/info.dir",
    "/usr/share/base-files/networks",
    "/usr/share/base-files/staff-group-for-usr-local",
}


def _norm(name: str) -> str:
    name = name[1:] if name.startswith(".") else name
    name = name.rstrip("/")
    return name if name.startswith("/") else "/" + name


def read_deb(path: str) -> dict:
    """Summary of one .deb: data members in archive order and control members."""
    files = []
    with subprocess.Popen(["dpkg-deb", "--fsys-tarfile", path], stdout=subprocess.PIPE) as p:
        with tarfile.open(fileobj=p.stdout, mode="r|") as tf:
            for m in tf:
                name = _norm(m.name)
                if name == "/":
                    continue
                e = {"p": name, "m": m.mode & 0o7777, "u": m.uid, "g": m.gid}
                if m.isdir():
                    e["t"] = "d"
                elif m.issym():
                    e["t"] = "l"
                    e["l"] = m.linkname
                elif m.islnk():
                    e["t"] = "h"
                    e["l"] = _norm(m.linkname)
                elif m.isfile():
                    e["t"] = "f"
                    e["s"] = m.size
                    if m.size <= CONTENT_MAX and (name.startswith("/etc/") or name in KEEP_CONTENT_PATHS):
                        c = keep_content(name, m.size, tf.extractfile(m).read())
                        if c is not None:
                            e["c"] = c
                else:
                    e["t"] = "f"   # devices etc. never appear in Debian debs
                    e["s"] = 0
                files.append(e)
    control = {}
    control_text = ""
    conffiles = []
    with subprocess.Popen(["dpkg-deb", "--ctrl-tarfile", path], stdout=subprocess.PIPE) as p:
        with tarfile.open(fileobj=p.stdout, mode="r|") as tf:
            for m in tf:
                if not m.isfile():
                    continue
                base = os.path.basename(m.name)
                control[base] = m.size
                if base in ("control", "conffiles"):
                    text = tf.extractfile(m).read().decode("utf-8", "replace")
                    if base == "control":
                        control_text = text
                    else:
                        conffiles = [l.strip() for l in text.splitlines() if l.strip()]
    return {"v": SUMMARY_VERSION, "files": files, "control": control,
            "control_text": control_text, "conffiles": conffiles}


def summaries(paths: dict[str, str], jobs: int = 4) -> dict[str, dict]:
    """Read (or load cached) summaries of many debs in parallel."""
    def one(item):
        name, path = item
        cache = path + ".json"
        if os.path.exists(cache):
            with open(cache) as f:
                d = json.load(f)
            if d.get("v") == SUMMARY_VERSION:
                return name, d
        d = read_deb(path)
        tmp = cache + ".tmp"
        with open(tmp, "w") as f:
            json.dump(d, f, separators=(",", ":"))
        os.replace(tmp, cache)
        return name, d

    with ThreadPoolExecutor(max_workers=jobs) as ex:
        return dict(ex.map(one, sorted(paths.items())))
