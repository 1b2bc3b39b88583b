#!/usr/bin/env python3
"""Debian-based official images made of apt packages: debian:bookworm (full)
and buildpack-deps (bookworm and noble: -curl, -scm, full).

    python3 scripts/catalog/debian_images.py [--recipes DIR]   (no network, no root)

Each image is the layers of its official Dockerfile, and each layer's files
are the apt packages its `apt-get install -y --no-install-recommends` line
names plus their Depends closure (first alternative, as apt picks it with
nothing else installed; already-installed packages and virtual packages
provided by them count as satisfied), written as K lines: the simulator
unpacks them from debian-bookworm.apt.txt (real file lists) or
debian-bookworm.index.txt (real names, versions, sizes and dependencies;
file lists synthesized and labelled). The history line of each layer is the
RUN instruction of the real Dockerfile as BuildKit records it
("RUN /bin/sh -c ... # buildkit": continuation lines joined, comment lines
dropped).

The recipes (the official Dockerfiles' RUN lines) are in
scripts/catalog/recipes/ with their source beside them (SOURCE). Rerun this
after gen-catalog or gen-apt-index, then scripts/catalog/base_index.py.

debian:bookworm is debian:bookworm-slim's layer without debuerreotype-slimify
(no X/Y lines, no /etc/dpkg/dpkg.cfg.d/docker): debuerreotype builds both
variants from the same debootstrap, with the same history line.
"""
from __future__ import annotations

import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import fmt  # noqa: E402
from alpine_lang import entry  # noqa: E402

CAT = os.path.join(HERE, "..", "..", "assets", "catalog")
RECIPES = os.path.join(HERE, "recipes")


# ---------------------------------------------------------------- apt data

class AptData:
    """Depends and Provides of every package (file-list catalog first, then the index)."""

    def __init__(self):
        self.depends: dict[str, list[list[str]]] = {}
        self.providers: dict[str, list[str]] = {}
        self.real: set[str] = set()  # packages with a real file list
        for name in ("debian-bookworm.apt.txt", "debian-bookworm.index.txt"):
            self._read(os.path.join(CAT, name), name.endswith(".apt.txt"))

    def _read(self, path: str, real: bool):
        cur = None
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("P "):
                    name = line.split()[1]
                    cur = None if name in self.depends else name
                    if cur:
                        self.depends[cur] = []
                        if real:
                            self.real.add(cur)
                elif cur and line.startswith("D "):
                    self.depends[cur] = [c.split("|") for c in line[2:].split()]
                elif cur and line.startswith("V "):
                    for v in line[2:].split():
                        self.providers.setdefault(v, []).append(cur)

    def closure(self, wanted: list[str], installed: set[str]) -> list[str]:
        """The packages apt-get install adds (dependencies first), Depends only."""
        have = set(installed)
        provided = {v for v, ps in self.providers.items() if any(p in have for p in ps)}
        out: list[str] = []

        def satisfied(name: str) -> bool:
            return name in have or name in provided

        def add(name: str, stack: tuple):
            if satisfied(name) or name in stack:
                return
            if name not in self.depends:
                ps = self.providers.get(name)
                if not ps:
                    raise KeyError(f"no package or provider for {name!r}")
                name = sorted(ps)[0]
                if satisfied(name):
                    return
            for clause in self.depends[name]:
                if any(satisfied(a) for a in clause):
                    continue
                pick = next((a for a in clause if a in self.depends), None) or \
                    next((a for a in clause if a in self.providers), clause[0])
                add(pick, stack + (name,))
            if name in have:
                return
            have.add(name)
            for v, ps in self.providers.items():
                if name in ps:
                    provided.add(v)
            out.append(name)

        for w in wanted:
            add(w, ())
        return out


# ---------------------------------------------------------------- catalog texts

def installed_of(path: str) -> set[str]:
    """Every K package of an image file and of the images it builds on (@base)."""
    out, base = set(), None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("K "):
                out.add(line[2:].strip())
            elif line.startswith("@base "):
                base = line[6:].strip()
    if base:
        out |= installed_of(image_file(base))
    return out


def image_file(name: str) -> str:
    for n in os.listdir(CAT):
        if n.startswith("image-") and n.endswith(".txt"):
            with open(os.path.join(CAT, n), encoding="utf-8") as f:
                for line in f:
                    if line.startswith("@name ") and line[6:].strip() == name:
                        return os.path.join(CAT, n)
                    if line.startswith("H "):
                        break
    raise KeyError(name)


def buildkit_run(dockerfile: str) -> str:
    """The history line BuildKit writes for the Dockerfile's (only) RUN instruction."""
    lines = dockerfile.split("\n")
    i = next(k for k, ln in enumerate(lines) if ln.startswith("RUN "))
    cmd = lines[i][4:]
    while cmd.endswith("\\"):
        cmd = cmd[:-1]
        i += 1
        while lines[i].lstrip().startswith("#"):
            i += 1
        cmd += lines[i]
    return "RUN /bin/sh -c " + cmd + " # buildkit"


def install_list(dockerfile: str) -> list[str]:
    """The package names of the RUN's apt-get install line."""
    run = buildkit_run(dockerfile)
    m = re.search(r"apt-get install -y --no-install-recommends(.*?);", run)
    return [w for w in m.group(1).split() if w != "\\"]


def debian_full():
    """debian:bookworm: the slim image's text without slimify and its dpkg filter."""
    with open(os.path.join(CAT, "image-debian-bookworm-slim.txt"), encoding="utf-8") as f:
        lines = f.read().rstrip("\n").split("\n")
    out, block, prev = [], [], ""

    def flush():
        w = fmt.FileWriter(out)
        for e in block:
            w.add(e)
        block.clear()

    for ln in lines:
        if ln[:1].isdigit():
            e = entry(ln, prev)
            prev = e["p"]
            if e["p"] != "/etc/dpkg/dpkg.cfg.d/docker":
                block.append(e)
            continue
        flush()
        prev = ""
        if ln.startswith(("X ", "Y ", "@expect ")):
            continue
        if ln.startswith("# Generated"):
            ln = ("# Generated by scripts/catalog/debian_images.py from image-debian-bookworm-slim.txt (scripts/"
                  "gen-catalog): the same debootstrap and packages, not slimified. Do not edit by hand.")
        elif ln.startswith("@name "):
            ln = "@name debian:bookworm"
        elif ln.startswith("@tag "):
            ln = ln.replace("-slim", "")
        elif ln.startswith("@note "):
            ln = ("@note One layer, as debuerreotype builds it: debootstrap --variant=minbase (+ merged /usr), "
                  "debuerreotype-minimizing-config, apt-get full-upgrade, debuerreotype-fixup; the full variant "
                  "keeps the documentation, manual pages and locales that -slim removes.")
        out.append(ln)
    flush()
    write(os.path.join(CAT, "image-debian-bookworm.txt"), out)


def write(path: str, lines: list[str]):
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------- buildpack-deps

BPD_SRC = "docker-library/buildpack-deps"
BPD_COMMIT = "8330ca1d2319b779c8b7a8aa64bb40dbe568e1e2"
# (name, tags, base, recipe file (scripts/catalog/recipes/), path in BPD_SRC)
BPD = [
    ("buildpack-deps:bookworm-curl", ["buildpack-deps:12-curl"], "debian:bookworm",
     "buildpack-deps-bookworm-curl.Dockerfile", "debian/bookworm/curl/Dockerfile"),
    ("buildpack-deps:bookworm-scm", ["buildpack-deps:12-scm"], "buildpack-deps:bookworm-curl",
     "buildpack-deps-bookworm-scm.Dockerfile", "debian/bookworm/scm/Dockerfile"),
    ("buildpack-deps:bookworm", ["buildpack-deps:12"], "buildpack-deps:bookworm-scm",
     "buildpack-deps-bookworm.Dockerfile", "debian/bookworm/Dockerfile"),
    ("buildpack-deps:noble-curl", ["buildpack-deps:24.04-curl"], "ubuntu:24.04",
     "buildpack-deps-noble-curl.Dockerfile", "ubuntu/noble/curl/Dockerfile"),
    ("buildpack-deps:noble-scm", ["buildpack-deps:24.04-scm"], "buildpack-deps:noble-curl",
     "buildpack-deps-noble-scm.Dockerfile", "ubuntu/noble/scm/Dockerfile"),
]


def buildpack_deps(apt: AptData):
    for name, tags, base, recipe, path in BPD:
        with open(os.path.join(RECIPES, recipe), encoding="utf-8") as f:
            dockerfile = f.read()
        installed = installed_of(image_file(base))
        pkgs = apt.closure(install_list(dockerfile), installed)
        synth = [p for p in pkgs if p not in apt.real]
        ubuntu = "noble" in name
        note = (f"Layers and history of the official {name} ({BPD_SRC} {path} at commit {BPD_COMMIT}); each layer "
                "holds the packages its apt-get install line names and their Depends closure from layerlab's Debian "
                f"bookworm data ({len(pkgs)} packages; for {len(synth)} of them layerlab has no file list and the files "
                "are approximated from the package's name, section and Installed-Size: names, versions, dependencies "
                "and sizes are real)")
        note += (", on layerlab's ubuntu:24.04, itself approximated from Debian: the real image has Ubuntu noble's "
                 "packages." if ubuntu else ".")
        note += " Not modelled: dpkg's status and log growth, debconf's caches."
        lines = [
            "#layerlab-catalog 1 image",
            f"# Generated by scripts/catalog/debian_images.py from {os.path.basename(image_file(base))}, "
            f"scripts/catalog/recipes/{recipe} and the apt catalogs. Do not edit by hand.",
            "@generated 2025-11-13T00:00:00Z (the recipe's commit date)",
            f"@source github.com/{BPD_SRC} {path} at commit {BPD_COMMIT}",
            f"@name {name}",
        ] + [f"@tag {t}" for t in tags] + [
            "@created 2025-11-13T00:00:00Z",
            "@merged-usr yes",
            f"@base {base}",
            "@env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            '@cmd ["/bin/bash"]' if ubuntu else '@cmd ["bash"]',
            f"@note {note}",
            "H 0 " + buildkit_run(dockerfile),
            "C buildkit.dockerfile.v0",
        ] + [f"K {p}" for p in pkgs]
        out = os.path.join(CAT, "image-" + name.replace(":", "-") + ".txt")
        write(out, lines)
        print(f"{os.path.basename(out)}: {len(pkgs)} packages ({len(synth)} synthesized)", file=sys.stderr)


def main():
    debian_full()
    buildpack_deps(AptData())


if __name__ == "__main__":
    main()
