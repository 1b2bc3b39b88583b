#!/usr/bin/env python3
"""gcr.io/distroless images (static, base-nossl, base, cc for Debian 12 and 13;
python3, java-base, java17, nodejs22 for Debian 13) from
GoogleContainerTools/distroless's Bazel definitions.

    python3 scripts/catalog/distroless_images.py     (no network, no root; then base_index.py)

Data read from GoogleContainerTools/distroless at commit SRC_COMMIT (no code):
static/config.bzl, base/config.bzl, cc/config.bzl, python3/config.bzl,
java/config.bzl, nodejs/config.bzl (the packages of each image), static/static.bzl,
base/base.bzl, cc/cc.bzl, python3/python.bzl, java/java.bzl, nodejs/nodejs.bzl
(the order of the layers: one per `tars` entry, each image on the one before),
common/BUILD.bazel and common/variables.bzl (passwd, group, home directories,
/tmp, os-release), static/nsswitch.conf (its size). rules_oci, which assembles
the images, writes no history entries: the layers here have an empty
created_by, as `docker history` shows them.

Each Debian package is one layer: the package's files as dpkg-deb unpacks them
(from debian-bookworm.apt.txt: real for Debian 12) and its
/var/lib/dpkg/status.d/NAME stanza (size approximate); distroless has no dpkg
database. The Debian 13 images are approximated from bookworm's packages (the
t64 and gcc-14 names mapped to bookworm's), and say so (@approx). Python 3.13
is bookworm's 3.11 renamed; Temurin 17 is Debian's openjdk-17-jre-headless in
Temurin's path; Node.js 22 is Debian's nodejs 18 and npm in nodejs.org's
/nodejs layout.
"""
from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from alpine_lang import read_packages, relocate, text_file  # noqa: E402
from debian_images import CAT  # noqa: E402
import recipe_image  # noqa: E402

SRC = "github.com/GoogleContainerTools/distroless"
SRC_COMMIT = "cd080764af3103b2f49fb5eb23297c72c945e77a"  # 2026-08-21
CREATED = "1970-01-01T00:00:00Z"  # rules_oci sets no creation time
PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
NONROOT, NOBODY = 65532, 65534
T64 = {"libssl3t64": "libssl3", "gcc-14-base": "gcc-12-base", "libdb5.3t64": "libdb5.3",
       "libreadline8t64": "libreadline8", "libtirpc3t64": "libtirpc3", "libpng16-16t64": "libpng16-16",
       "libpython3.13-minimal": "libpython3.11-minimal", "libpython3.13-stdlib": "libpython3.11-stdlib",
       "python3.13-minimal": "python3.11-minimal", "python3.13-venv": "python3.11-venv", "tzdata-legacy": None}
PACKAGES = {  # (image, distro) -> packages, from the config.bzl files
    ("static", "debian12"): ["base-files", "netbase", "tzdata", "media-types"],
    ("static", "debian13"): ["base-files", "netbase", "tzdata", "tzdata-legacy", "media-types"],
    ("base-nossl", "debian12"): ["libc6"],
    ("base-nossl", "debian13"): ["libc6"],
    ("base", "debian12"): ["libc6", "libssl3"],
    ("base", "debian13"): ["libc6", "libssl3t64", "libzstd1", "zlib1g"],
    ("cc", "debian12"): ["libgomp1", "libstdc++6", "libgcc-s1", "gcc-12-base"],
    ("cc", "debian13"): ["libgomp1", "libstdc++6", "libgcc-s1", "gcc-14-base"],
    ("python3", "debian13"): ["libbz2-1.0", "libdb5.3t64", "libexpat1", "liblzma5", "libsqlite3-0", "libuuid1",
                              "libncursesw6", "libtinfo6", "zlib1g", "libcom-err2", "libcrypt1", "libc-bin",
                              "libgssapi-krb5-2", "libk5crypto3", "libkeyutils1", "libkrb5-3", "libkrb5support0",
                              "libnsl2", "libreadline8t64", "libtirpc3t64", "libffi8", "libpython3.13-minimal",
                              "libpython3.13-stdlib", "python3.13-minimal", "python3.13-venv"],
    ("java-base", "debian13"): ["zlib1g", "libjpeg62-turbo", "liblcms2-2", "libfreetype6", "fonts-dejavu-core",
                                "fontconfig-config", "libexpat1", "libfontconfig1", "libuuid1", "libbrotli1",
                                "libcrypt1", "libstdc++6", "libgcc-s1", "gcc-14-base", "libpng16-16t64",
                                "libbz2-1.0"],
    ("java17", "debian13"): [],
    ("nodejs22", "debian13"): [],
}
BASE_OF = {"base-nossl": "static", "base": "static", "cc": "base", "python3": "cc", "java-base": "base-nossl",
           "java17": "java-base", "nodejs22": "cc"}
VERSIONS = {"debian12": ("12", "bookworm"), "debian13": ("13", "trixie")}


def status_d(name: str) -> dict:
    return {"p": f"/var/lib/dpkg/status.d/{name}", "t": "f", "m": 0o644, "s": 900}


def deb_layer(pkgs, name: str, moves=None) -> list[dict]:
    files = [dict(e) for e in pkgs[name]]
    if moves:
        files = relocate(files, moves, keep_docs=True)
    return files + [status_d(name)]


def common_layers(version: str, codename: str) -> list[tuple[str, list[dict]]]:
    """static.bzl's tars after the packages: rootfs, passwd, home, group, tmp, nsswitch, os_release, cacerts."""
    passwd = ("root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n"
              "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n")
    group = "root:x:0:\nnobody:x:65534:\ntty:x:5:\nstaff:x:50:\nnonroot:x:65532:\n"
    osr = (f'PRETTY_NAME="Distroless"\nNAME="Debian GNU/Linux"\nID="debian"\nVERSION_ID="{version}"\n'
           f'VERSION="Debian GNU/Linux {version} ({codename})"\n'
           'HOME_URL="https://github.com/GoogleContainerTools/distroless"\n'
           'SUPPORT_URL="https://github.com/GoogleContainerTools/distroless/blob/master/README.md"\n'
           'BUG_REPORT_URL="https://github.com/GoogleContainerTools/distroless/issues/new"\n')
    return [
        ("rootfs", []),
        ("passwd", [text_file("/etc/passwd", passwd)]),
        ("home", [{"p": "/root", "t": "d", "m": 0o700}, {"p": "/home", "t": "d", "m": 0o755},
                  {"p": "/home/nonroot", "t": "d", "m": 0o700, "u": NONROOT, "g": NONROOT}]),
        ("group", [text_file("/etc/group", group)]),
        ("tmp", [{"p": "/tmp", "t": "d", "m": 0o1777}]),
        ("nsswitch", [{"p": "/etc/nsswitch.conf", "t": "f", "m": 0o644, "s": 497}]),
        ("os_release", [text_file("/usr/lib/os-release", osr)]),
        ("cacerts", [{"p": "/etc/ssl/certs/ca-certificates.crt", "t": "f", "m": 0o644, "s": 222_073},
                     {"p": "/usr/share/doc/ca-certificates/copyright", "t": "f", "m": 0o644, "s": 1_300},
                     status_d("ca-certificates")]),
    ]


def python_extra(pkgs) -> list[tuple[str, list[dict]]]:
    return [("python_aliases", [{"p": "/usr/bin/python", "t": "l", "l": "/usr/bin/python3.13"},
                                {"p": "/usr/bin/python3", "t": "l", "l": "/usr/bin/python3.13"}]),
            ("ldconfig_cache", [{"p": "/etc/ld.so.cache", "t": "f", "m": 0o644, "s": 3_307}])]


def renamed_python(files: list[dict]) -> list[dict]:
    out = []
    for e in files:
        e = dict(e, p=e["p"].replace("python3.11", "python3.13").replace("3.11", "3.13"))
        if "l" in e:
            e["l"] = e["l"].replace("python3.11", "python3.13")
        out.append(e)
    return out


def java17_layers(pkgs) -> list[tuple[str, list[dict]]]:
    jvm = "/usr/lib/jvm/temurin-17-jre-amd64/"
    files = relocate(pkgs["openjdk-17-jre-headless"], [("/usr/lib/jvm/java-17-openjdk-amd64/", jvm)], keep_docs=True)
    files += [status_d("temurin-17-jre")]
    return [("temurin-17-jre", files),
            ("temurin_17_jre_symlinks", [{"p": "/usr/bin/java", "t": "l", "l": jvm + "bin/java"},
                                         {"p": "/etc/ssl/certs/adoptium/cacerts", "t": "l",
                                          "l": "/etc/ssl/certs/java/cacerts"}])]


def nodejs22_layers(pkgs) -> list[tuple[str, list[dict]]]:
    libnode = sum(e["s"] for e in pkgs["libnode108"] if e["t"] == "f" and ".so" in e["p"])
    files = []
    for e in relocate(pkgs["nodejs"], [("/usr/bin/node", "/nodejs/bin/node")]):
        files.append(dict(e, s=e["s"] + libnode) if e["p"] == "/nodejs/bin/node" and e["t"] == "f" else e)
    files += relocate(pkgs["libnode-dev"], [("/usr/include/node/", "/nodejs/include/node/")])
    files += relocate(pkgs["npm"], [("/usr/share/nodejs/npm/", "/nodejs/lib/node_modules/npm/")])
    files += [{"p": "/nodejs/bin/npm", "t": "l", "l": "../lib/node_modules/npm/bin/npm-cli.js"},
              {"p": "/nodejs/bin/npx", "t": "l", "l": "../lib/node_modules/npm/bin/npx-cli.js"}]
    return [("nodejs22", files)]


def image(pkgs, kind: str, distro: str):
    version, codename = VERSIONS[distro]
    name = f"gcr.io/distroless/{kind}-{distro}"
    layers, mapped = [], []
    for p in PACKAGES[(kind, distro)]:
        q = T64.get(p, p) if distro == "debian13" else p
        if q != p:
            mapped.append(p)
        if q is None:
            continue
        files = deb_layer(pkgs, q)
        if kind == "python3":
            files = renamed_python(files)
        layers.append((p, files))
    if kind == "static":
        layers += common_layers(version, codename)
    elif kind == "python3":
        layers += python_extra(pkgs)
    elif kind == "java-base":
        layers.append(("cacerts_java", [{"p": "/etc/ssl/certs/java/cacerts", "t": "f", "m": 0o644, "s": 160_000}]))
    elif kind == "java17":
        layers += java17_layers(pkgs)
    elif kind == "nodejs22":
        layers += nodejs22_layers(pkgs)
    body = []
    for _what, files in layers:
        body.append("H 0 ")  # no history entry in the real image: an empty created_by
        body += recipe_image.layer_lines(files, [])
    env = {"PATH": PATH}
    extra = []
    if kind == "static":
        env["SSL_CERT_FILE"] = "/etc/ssl/certs/ca-certificates.crt"
        extra = ["@user 0", "@workdir /"]
    if kind in ("python3", "java-base"):
        env["LANG"] = "C.UTF-8"
    if kind == "python3":
        extra = ['@entrypoint ["/usr/bin/python3.13"]']
    if kind == "java17":
        env["JAVA_VERSION"] = "17.0.16+8"
        extra = ['@entrypoint ["/usr/bin/java", "-jar"]']
    if kind == "nodejs22":
        extra = ['@entrypoint ["/nodejs/bin/node"]']
    base = "" if kind == "static" else f"gcr.io/distroless/{BASE_OF[kind]}-{distro}"
    what = " ".join(f"{w}" for w, _ in layers)
    approx = ""
    if distro == "debian13":
        approx = ("Debian 13's packages are Debian 12's (layerlab has bookworm's data"
                  + (": " + ", ".join(f"{m} as {T64[m] or 'part of tzdata'}" for m in mapped) if mapped else "")
                  + ")")
        if kind == "python3":
            approx += "; Python 3.13 is bookworm's Python 3.11 under 3.13's names"
        if kind == "java17":
            approx += "; Temurin 17 is Debian's openjdk-17-jre-headless in Temurin's path"
        if kind == "nodejs22":
            approx += "; Node.js 22 is Debian's nodejs 18 and npm in nodejs.org's /nodejs layout"
        approx += "; the layer layout is the real image's, the status.d stanzas' sizes approximate."
    note = (f"Layers of the official {name}:latest (amd64, root) as {SRC} at commit {SRC_COMMIT} defines them: "
            f"one layer per entry of its Bazel rule's tars ({what}), on {base or 'nothing'}. rules_oci writes no "
            "history entries, so each layer's created_by is empty. Each Debian package's layer is its files and "
            "/var/lib/dpkg/status.d/NAME (distroless has no dpkg database; the stanza's size is approximate)"
            + ("" if distro == "debian13" else "; the packages are Debian 12's real ones") + ".")
    tags = []
    if distro == "debian13" and kind in ("static", "base", "base-nossl", "cc"):
        tags.append(f"gcr.io/distroless/{kind}")  # the README: no distribution suffix selects -debian13 today
    lines = recipe_image.header(
        "distroless_images.py from debian-bookworm.apt.txt", f"{SRC} {kind.split('-')[0].rstrip('0123456789')}/ at commit "
        f"{SRC_COMMIT}", name, tags, CREATED, base, env, approx, note, extra,
        generated="2026-08-21T00:00:00Z (the distroless commit's date; the images' own times are 1970-01-01)")
    if not base:
        lines = [ln for ln in lines if not ln.startswith("@base ")]
    if not approx:
        lines = [ln for ln in lines if not ln.startswith("@approx ")]
    out = f"image-distroless-{kind}-{distro}.txt"
    recipe_image.write(os.path.join(CAT, out), lines + body)
    print(out, len(layers), "layers", file=sys.stderr)


def main():
    pkgs = read_packages(os.path.join(CAT, "debian-bookworm.apt.txt"))
    for kind, distro in PACKAGES:
        image(pkgs, kind, distro)


if __name__ == "__main__":
    main()
