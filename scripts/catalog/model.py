"""What dpkg and debuerreotype do to a package's files, modelled exactly as the
C++ loader does it (src/core/catalog/catalog.cpp), so the generator can write
the expected totals that the C++ tests check:

  * dpkg's path-exclude/path-include filter (dpkg src/filters.c: last match
    wins; an excluded directory or symlink is kept when an include pattern's
    literal prefix starts with its path),
  * merged /usr (bookworm's debootstrap makes /bin /sbin /lib /lib64 symlinks
    into /usr, so a package's ./bin/bash lands in /usr/bin/bash),
  * debuerreotype-slimify (delete non-directories under each excluded tree
    unless an include matches, then repeatedly delete empty directories, empty
    files and dangling symlinks),
  * the files dpkg keeps about an installed package under /var/lib/dpkg/info.
"""
from __future__ import annotations

import fnmatch
import posixpath

MERGED_DIRS = ("bin", "sbin", "lib", "lib64")
MAINT_SCRIPTS = {"preinst", "postinst", "prerm", "postrm", "config"}


# ------------------------------------------------------------ dpkg filter
def parse_dpkg_cfg(text: str) -> list[tuple[bool, str]]:
    rules = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        for key, inc in (("path-exclude", False), ("path-include", True)):
            if line.startswith(key):
                rest = line[len(key):].lstrip(" \t=").strip()
                if rest:
                    rules.append((inc, rest))
    return rules


def dpkg_skips(path: str, ftype: str, rules) -> bool:
    skip = False
    for inc, pat in rules:
        if fnmatch.fnmatchcase(path, pat):
            skip = not inc
    if skip and ftype in ("d", "l"):
        for inc, pat in rules:
            if not inc:
                continue
            n = len(pat)
            for i, ch in enumerate(pat):
                if ch in "*?[\\":
                    n = i
                    break
            while n and pat[n - 1] == "/":
                n -= 1
            if path[:n] == pat[:n] and len(path) >= n:
                return False
    return skip


# ------------------------------------------------------------ merged /usr
def canon(path: str) -> str | None:
    for d in MERGED_DIRS:
        if path == "/" + d:
            return None
        if path.startswith("/" + d + "/"):
            return "/usr" + path
    return path


# ------------------------------------------------------------ a filesystem view
class Tree:
    """path -> entry dict (t, m, u, g, s, l, c) of a merged root filesystem."""

    def __init__(self):
        self.e: dict[str, dict] = {}

    def put(self, entry: dict):
        old = self.e.get(entry["p"])
        if old is not None and old["t"] == "d" and entry["t"] == "d":
            old.update({k: v for k, v in entry.items()})
            return
        self.e[entry["p"]] = dict(entry)

    def remove_tree(self, path: str):
        self.e.pop(path, None)
        pre = path + "/"
        for p in [p for p in self.e if p.startswith(pre)]:
            del self.e[p]

    def resolve(self, path: str, depth: int = 0) -> str | None:
        """Follow symlinks (in every component); None if dangling."""
        if depth > 40:
            return None
        cur = ""
        for part in path.split("/"):
            if part in ("", "."):
                continue
            if part == "..":
                cur = cur[:cur.rfind("/")] if cur else ""
                continue
            nxt = cur + "/" + part
            e = self.e.get(nxt)
            if e is None:
                return None
            if e["t"] == "l":
                tgt = e["l"]
                r = self.resolve(tgt if tgt.startswith("/") else cur + "/" + tgt, depth + 1)
                if r is None:
                    return None
                nxt = "" if r == "/" else r
            cur = nxt
        return cur or "/"


def slimify(tree: Tree, excludes: list[str], includes: list[str]):
    for exc in sorted(set(excludes)):
        if not exc.endswith("/*"):
            tree.e.pop(exc, None)
            continue
        base = exc[:-2]
        if tree.e.get(base, {}).get("t") != "d":
            continue
        pre = base + "/"
        for p in sorted(p for p in tree.e if p.startswith(pre)):
            t = tree.e[p]["t"]
            if t in ("d", "l"):
                continue
            if any(fnmatch.fnmatchcase(p, inc) for inc in includes):
                continue
            del tree.e[p]
        while True:
            under = [p for p in tree.e if p.startswith(pre)]
            has_child = set()
            for p in under:
                has_child.add(posixpath.dirname(p))
            dead = []
            for p in under:
                e = tree.e[p]
                if e["t"] == "d" and p not in has_child:
                    dead.append(p)
                elif e["t"] in ("f", "h") and e["t"] == "f" and e.get("s", 0) == 0:
                    dead.append(p)
                elif e["t"] == "l" and tree.resolve(p) is None:
                    dead.append(p)
            if not dead:
                break
            for p in dead:
                tree.remove_tree(p)


# ------------------------------------------------------------ dpkg database
def info_name(name: str, multiarch_same: bool, arch: str) -> str:
    return f"{name}:{arch}" if multiarch_same else name


def status_size(summary: dict) -> int:
    """Bytes the package's stanza takes in /var/lib/dpkg/status: its control
    file plus the Status line, the Conffiles list (path and md5) and the
    blank line between stanzas."""
    ctl = summary["control_text"]
    if not ctl.endswith("\n"):
        ctl += "\n"
    n = len(ctl.encode()) + len("Status: install ok installed\n") + 1
    conff = [c for c in summary["conffiles"] if not c.startswith("remove-on-upgrade")]
    if conff:
        n += len("Conffiles:\n") + sum(len(c.encode()) + 35 for c in conff)
    return n


def installed_entries(summary: dict, rules, merged: bool) -> tuple[list[dict], int]:
    """The package's files as dpkg unpacks them (filter + merged /usr) and the
    size of its .list file."""
    out = []
    list_size = len("/.\n")
    for e in summary["files"]:
        if rules and dpkg_skips(e["p"], e["t"], rules):
            continue
        list_size += len(e["p"].encode()) + 1
        p = canon(e["p"]) if merged else e["p"]
        if p is None:
            continue
        e2 = dict(e)
        e2["p"] = p
        if e2["t"] == "h" and merged:
            e2["l"] = canon(e2["l"]) or e2["l"]
        out.append(e2)
    return out, list_size


def info_entries(name: str, summary: dict, list_size: int) -> list[dict]:
    out = [{"p": f"/var/lib/dpkg/info/{name}.list", "t": "f", "m": 0o644, "s": list_size}]
    for member, size in sorted(summary["control"].items()):
        if member == "control":
            continue
        mode = 0o755 if member in MAINT_SCRIPTS else 0o644
        out.append({"p": f"/var/lib/dpkg/info/{name}.{member}", "t": "f", "m": mode, "s": size})
    return out
