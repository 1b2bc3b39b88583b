"""alpine.apk.txt: Alpine package names mapped to Debian bookworm packages.

Alpine's APKINDEX is not reachable from the machines that make layerlab's data,
so `apk add` installs Debian packages under Alpine names, labelled as such.
Two sources of names:

* scripts/catalog/apk-map.txt: Alpine names real Dockerfiles use, each with
  the Debian package(s) that do the same job, chosen by hand;
* Alpine's naming rules for the rest are applied by the simulator when a
  name is not in this file (catalog.h apk_by_rule): X-dev is Debian's
  libX-dev (or X-dev), py3-X is python3-X, perl-X is libX-perl.

Each entry's A line lists the Debian packages `apk add` unpacks: the mapped
ones plus their Depends closure outside debian:bookworm-slim's 88 packages
(Alpine's base has its own libc, busybox, zlib, ssl). D lists the other Alpine
names of the map among the mapped packages' direct Depends, so apk prints them
as separate packages.
"""
from __future__ import annotations

import os


def read_map(path: str) -> dict[str, list[str]]:
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                w = line.split()
                out[w[0]] = w[1:]
    return out


def slim_packages(repo: str) -> set[str]:
    path = os.path.join(repo, "assets", "catalog", "image-debian-bookworm-slim.txt")
    with open(path, encoding="utf-8") as f:
        return {line.split()[1] for line in f if line.startswith("K ")}


def providers_of(pkgs) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for n in sorted(pkgs):
        for v in pkgs[n].provides:
            out.setdefault(v, []).append(n)
    return out


def closure(pkgs, provs, roots: list[str], skip: set[str]) -> list[str]:
    order, seen = [], set(skip)

    def pick(clause):
        for a in clause:
            if a in seen:
                return None
            if any(p in seen for p in provs.get(a, ())):
                return None
        for a in clause:
            if a in pkgs:
                return a
            if provs.get(a):
                return provs[a][0]
        return None

    def visit(n):
        if n in seen:
            return
        seen.add(n)
        for c in pkgs[n].depends:
            d = pick(c)
            if d:
                visit(d)
        order.append(n)

    for r in roots:
        visit(r)
    return order


def write(pkgs, repo: str, path: str, header: list[str]) -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    explicit = read_map(os.path.join(here, "apk-map.txt"))
    slim = slim_packages(repo)
    provs = providers_of(pkgs)
    first_deb = {a: d[0] for a, d in explicit.items() if d and d[0] in pkgs}
    lines = list(header)
    count = 0
    # one Alpine name per Debian package among the dependencies (the shortest: musl-dev, not libc-dev)
    by_deb: dict[str, str] = {}
    for a, d in sorted(first_deb.items(), key=lambda x: (len(x[0]), x[0])):
        by_deb.setdefault(d, a)
    full = {a: closure(pkgs, provs, [d for d in ds if d in pkgs], slim - set(ds)) for a, ds in explicit.items()}
    for apk in sorted(explicit):
        debs = [d for d in explicit[apk] if d in pkgs]
        if not debs:
            continue
        direct = {a for c in (c for d in debs for c in pkgs[d].depends) for a in c}
        deps = sorted(a for d, a in by_deb.items() if a != apk and d in direct and d not in slim and d not in debs)
        # what the D names bring is theirs: apk lists them as packages of their own
        theirs = {x for a in deps for x in full[a]}
        unpack = [x for x in full[apk] if x not in theirs or x in debs]
        kib = sum(int(pkgs[d].fields.get("Installed-Size", "0")) for d in unpack)
        size = sum(int(pkgs[d].fields.get("Size", "0")) for d in unpack)
        f = pkgs[debs[0]].fields
        lines.append(f"P {apk} {pkgs[debs[0]].version} {f['Architecture']} {kib} {size}")
        lines.append("A " + " ".join(f"{d} {pkgs[d].version}" for d in unpack))
        if deps:
            lines.append("D " + " ".join(deps))
        count += 1
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    return count
