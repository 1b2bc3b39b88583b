#!/usr/bin/env python3
"""Debian-based official images made of apt packages: debian:bookworm (full),
buildpack-deps (bookworm and noble: -curl, -scm, full), golang:1.22-bookworm and
nginx:1.27-bookworm.

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
from alpine_lang import entry, with_parents  # noqa: E402

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


def buildkit_run(dockerfile: str, nth: int = 0) -> str:
    """The history line BuildKit writes for the final stage's nth RUN instruction."""
    lines = dockerfile.split("\n")
    last_from = max(k for k, ln in enumerate(lines) if ln.startswith("FROM "))  # the final stage's
    i = [k for k, ln in enumerate(lines) if ln.startswith("RUN ") and k > last_from][nth]
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


GOLANG_SRC = "docker-library/golang 1.22/bookworm/Dockerfile at commit 01abd89f7fda4586d2dc2d18c2ff70fd90199198"


def golang(apt: AptData):
    """golang:1.22 (bookworm): cgo's apt packages, the Go toolchain in /usr/local/go, $GOPATH."""
    from alpine_lang import GO_FILES
    with open(os.path.join(RECIPES, "golang-1.22-bookworm.Dockerfile"), encoding="utf-8") as f:
        dockerfile = f.read()
    base = "buildpack-deps:bookworm-scm"
    pkgs = apt.closure(install_list(dockerfile), installed_of(image_file(base)))
    synth = [p for p in pkgs if p not in apt.real]
    go = [{"p": "/usr/local/go/" + n, "t": "f", "m": 0o755 if "/" in n and not n.startswith("lib") else 0o644,
           "s": sz} for n, sz in GO_FILES]
    go_path = "/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    lines = [
        "#layerlab-catalog 1 image",
        "# Generated by scripts/catalog/debian_images.py from image-buildpack-deps-bookworm-scm.txt, "
        "scripts/catalog/recipes/golang-1.22-bookworm.Dockerfile and the apt catalogs. Do not edit by hand.",
        "@generated 2024-12-02T00:00:00Z (the recipe's commit date)",
        f"@source github.com/{GOLANG_SRC}",
        "@name golang:1.22-bookworm",
    ] + [f"@tag golang:{t}" for t in ("1.22", "1.22.9", "1.22.9-bookworm")] + [
        "@created 2024-12-02T00:00:00Z",
        "@merged-usr yes",
        f"@base {base}",
        f"@env PATH={go_path}",
        "@env GOLANG_VERSION=1.22.9", "@env GOTOOLCHAIN=local", "@env GOPATH=/go",
        "@workdir /go",
        '@cmd ["bash"]',
        "@approx of the Go toolchain only its programs, VERSION and zoneinfo.zip are listed, with approximate sizes; "
        "the layers, history and apt packages are the real image's.",
        "@note Layers and history of the official golang:1.22-bookworm (buildpack-deps:bookworm-scm, cgo's apt "
        f"packages, the Go toolchain copied into /usr/local/go, $GOPATH with mode 1777); the apt layer is its "
        f"{len(pkgs)} packages from layerlab's Debian data ({len(synth)} with files approximated from their size); "
        "of the toolchain only its programs, VERSION and zoneinfo.zip are listed, with approximate sizes (the "
        "go.dev tarball is not reachable here), not the standard library's sources.",
        "H 0 " + buildkit_run(dockerfile),
        "C buildkit.dockerfile.v0",
    ] + [f"K {p}" for p in pkgs]
    for env in ("GOLANG_VERSION=1.22.9", "GOTOOLCHAIN=local", "GOPATH=/go", "PATH=" + go_path):
        lines += [f"H 1 ENV {env}", "C buildkit.dockerfile.v0"]
    lines += ["H 0 COPY /target/ / # buildkit", "C buildkit.dockerfile.v0"]
    fmt.FileWriter(lines).add_all(with_parents(go))
    lines += ['H 0 RUN /bin/sh -c mkdir -p "$GOPATH/src" "$GOPATH/bin" && chmod -R 1777 "$GOPATH" # buildkit',
              "C buildkit.dockerfile.v0"]
    fmt.FileWriter(lines).add_all([{"p": "/go", "t": "d", "m": 0o1777}, {"p": "/go/bin", "t": "d", "m": 0o1777},
                                   {"p": "/go/src", "t": "d", "m": 0o1777}])
    lines += ["H 1 WORKDIR /go", "C buildkit.dockerfile.v0"]
    write(os.path.join(CAT, "image-golang-1.22-bookworm.txt"), lines)
    print(f"image-golang-1.22-bookworm.txt: {len(pkgs)} packages ({len(synth)} synthesized)", file=sys.stderr)


NGINX_SRC = "nginxinc/docker-nginx mainline/debian/Dockerfile at commit b430becb8f0f6b8d69e68cc73a82ea2873c38639"
NGINX_DAY = 20133  # 2025-02-14, the recipe's commit date, in days since 1970 (shadow's field)
# nginx.org's dynamic modules (nginx-module-xslt, -geoip, -image-filter, -njs) and the Debian packages of the
# same modules whose Installed-Size and library Depends stand for them
NGINX_MODULES = [("ngx_http_xslt_filter_module", "libnginx-mod-http-xslt-filter"),
                 ("ngx_http_geoip_module", "libnginx-mod-http-geoip"),
                 ("ngx_stream_geoip_module", "libnginx-mod-stream-geoip"),
                 ("ngx_http_image_filter_module", "libnginx-mod-http-image-filter"),
                 ("ngx_http_js_module", "libnginx-mod-http-js"), ("ngx_stream_js_module", "libnginx-mod-http-js")]


def nginx_debian(apt: AptData):
    """nginx:1.27 (bookworm): the nginx user, nginx.org's packages (approximated), gettext-base, curl."""
    from alpine_lang import read_packages, read_layers, NGINX_SCRIPTS, relocate, text_file
    with open(os.path.join(RECIPES, "nginx-1.27-bookworm.Dockerfile"), encoding="utf-8") as f:
        dockerfile = f.read()
    pkgs = read_packages(os.path.join(CAT, "debian-bookworm.apt.txt"))
    slim = {e["p"]: e for e in read_layers(os.path.join(CAT, "image-debian-bookworm-slim.txt"))[0]["files"]}
    files = []
    for name, line in (("passwd", "nginx:x:101:101:nginx user:/nonexistent:/bin/false\n"), ("group", "nginx:x:101:\n"),
                       ("shadow", f"nginx:!:{NGINX_DAY}::::::\n"), ("gshadow", "nginx:!::\n")):
        old = slim["/etc/" + name]
        files.append(text_file("/etc/" + name, old["c"] + line, old["m"], old.get("u", 0), old.get("g", 0)))
        files.append(text_file("/etc/" + name + "-", old["c"], 0o600 if "sha" in name else 0o644,
                               old.get("u", 0), old.get("g", 0)))
    files += [e for e in relocate(pkgs["nginx-common"], [("/etc/nginx/", "/etc/nginx/"),
                                                          ("/usr/share/nginx/html/", "/usr/share/nginx/html/")])
              if "sites-" not in e["p"] and "snippets" not in e["p"] and "proxy_params" not in e["p"]]
    nginx = relocate(pkgs["nginx"], [("/usr/sbin/nginx", "/usr/sbin/nginx")])
    files += nginx + [dict(nginx[0], p="/usr/sbin/nginx-debug")]
    sizes = {}
    with open(os.path.join(CAT, "debian-bookworm.index.txt"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("P libnginx-mod-"):
                w = line.split()
                sizes[w[1]] = int(w[4]) * 1024 - 8192
    for mod, deb in NGINX_MODULES:
        for suffix in ("", "-debug"):
            files.append({"p": f"/usr/lib/nginx/modules/{mod}{suffix}.so", "t": "f", "m": 0o644, "s": sizes[deb]})
    files += [{"p": "/etc/nginx/conf.d/default.conf", "t": "f", "m": 0o644, "s": 1093},
              {"p": "/usr/share/nginx/html/50x.html", "t": "f", "m": 0o644, "s": 497},
              {"p": "/etc/nginx/modules", "t": "l", "l": "../../usr/lib/nginx/modules", "m": 0o777},
              {"p": "/var/cache/nginx", "t": "d", "m": 0o755},
              {"p": "/var/log/nginx", "t": "d", "m": 0o755},
              {"p": "/var/log/nginx/access.log", "t": "l", "l": "/dev/stdout", "m": 0o777},
              {"p": "/var/log/nginx/error.log", "t": "l", "l": "/dev/stderr", "m": 0o777},
              {"p": "/docker-entrypoint.d", "t": "d", "m": 0o755}]
    # apt packages: the recipe's (gnupg1 is removed again in the same RUN) and the modules' libraries
    lib_deps = [a for _, deb in NGINX_MODULES for c in apt.depends[deb] for a in c[:1] if "nginx" not in a]
    want = ["ca-certificates", "gettext-base", "curl"] + list(dict.fromkeys(lib_deps))
    want += [a for c in apt.depends["nginx"] for a in c[:1] if "nginx" not in a]
    base = "debian:bookworm-slim"
    k = apt.closure(want, installed_of(image_file(base)))
    synth = [p for p in k if p not in apt.real]
    lines = [
        "#layerlab-catalog 1 image",
        "# Generated by scripts/catalog/debian_images.py from image-debian-bookworm-slim.txt, "
        "scripts/catalog/recipes/nginx-1.27-bookworm.Dockerfile and the apt catalogs. Do not edit by hand.",
        "@generated 2025-02-14T00:00:00Z (the recipe's commit date)",
        f"@source github.com/{NGINX_SRC}",
        "@name nginx:1.27-bookworm",
    ] + [f"@tag nginx:{t}" for t in ("1.27", "1.27.4", "1.27.4-bookworm", "mainline", "mainline-bookworm")] + [
        "@created 2025-02-14T00:00:00Z",
        "@merged-usr yes",
        f"@base {base}",
        "@env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "@env NGINX_VERSION=1.27.4", "@env NJS_VERSION=0.8.9", "@env NJS_RELEASE=1~bookworm",
        "@env PKG_RELEASE=1~bookworm", "@env DYNPKG_RELEASE=1~bookworm",
        '@entrypoint ["/docker-entrypoint.sh"]',
        '@cmd ["nginx","-g","daemon off;"]',
        "@approx the nginx files are Debian bookworm's nginx 1.22.1 laid out as nginx.org's 1.27.4 package; the "
        "layers, history and the other apt packages are the real image's.",
        "@note Layers and history of the official nginx:1.27.4 (bookworm): the nginx user 101 as useradd writes "
        "it, nginx.org's nginx and module packages, gettext-base and curl, the log links to /dev/stdout and "
        "/dev/stderr, the docker-entrypoint scripts (their real sizes). The nginx files are Debian bookworm's nginx "
        "1.22.1 and nginx-common laid out as nginx.org's package (nginx-debug, conf.d/default.conf, 50x.html and "
        "the modules' .so files with sizes approximated from Debian's libnginx-mod-* packages); the other "
        f"{len(k)} apt packages come from layerlab's Debian data ({len(synth)} with files approximated from their "
        "size).",
        "H 1 LABEL maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>", "C buildkit.dockerfile.v0",
    ]
    for env in ("NGINX_VERSION=1.27.4", "NJS_VERSION=0.8.9", "NJS_RELEASE=1~bookworm", "PKG_RELEASE=1~bookworm",
                "DYNPKG_RELEASE=1~bookworm"):
        lines += [f"H 1 ENV {env}", "C buildkit.dockerfile.v0"]
    lines += ["H 0 " + buildkit_run(dockerfile), "C buildkit.dockerfile.v0"]
    fmt.FileWriter(lines).add_all(with_parents(files))
    lines += [f"K {p}" for p in k]
    for path, size in NGINX_SCRIPTS:
        dest = "/" if path == "/docker-entrypoint.sh" else "/docker-entrypoint.d"
        lines += [f"H 0 COPY {os.path.basename(path)} {dest} # buildkit", "C buildkit.dockerfile.v0"]
        fmt.FileWriter(lines).add_all(with_parents([{"p": path, "t": "f", "m": 0o755, "s": size}]))
    for h in ('ENTRYPOINT ["/docker-entrypoint.sh"]', "EXPOSE map[80/tcp:{}]", "STOPSIGNAL SIGQUIT",
              'CMD ["nginx" "-g" "daemon off;"]'):
        lines += [f"H 1 {h}", "C buildkit.dockerfile.v0"]
    write(os.path.join(CAT, "image-nginx-1.27-bookworm.txt"), lines)
    print(f"image-nginx-1.27-bookworm.txt: {len(k)} packages ({len(synth)} synthesized)", file=sys.stderr)


def main():
    debian_full()
    apt = AptData()
    buildpack_deps(apt)
    golang(apt)
    nginx_debian(apt)


if __name__ == "__main__":
    main()
