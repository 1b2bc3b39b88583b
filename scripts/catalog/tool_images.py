#!/usr/bin/env python3
"""Third-party tool images that Dockerfiles name in FROM or COPY --from:
denoland/deno:bin-*, tonistiigi/xx, vaultwarden/web-vault, oven/bun and
quay.io/prometheus/busybox-linux-amd64, mambaorg/micromamba and hkotel/crfpp.

    python3 scripts/catalog/tool_images.py     (no network, no root; then base_index.py)

Each is its publisher's Dockerfile (final stage) read instruction by
instruction; the data and where it was read are in SOURCES below and in the
images' @source lines:

* denoland/deno:bin-VERSION (denoland/deno_docker bin.dockerfile): FROM
  scratch, ENV DENO_VERSION, LABEL, COPY /deno /deno. The deno binary is
  downloaded by the recipe's first stage (not reachable here): its size is
  approximate.
* tonistiigi/xx:VERSION (tonistiigi/xx src/Dockerfile, stage xx): FROM scratch,
  COPY --from=build /out/ /usr/bin/: the xx-* scripts of src/ at the release's
  tag (their real sizes and modes, read with git ls-tree; their contents, code,
  are not copied: placeholders) and the four links the build stage makes.
* vaultwarden/web-vault (dani-garcia/bw_web_builds Dockerfile's last stage):
  FROM scratch, the tar.gz of the web vault, the web-vault directory and
  CMD [""]. The web vault is bitwarden/clients' build output (not reachable
  here): a few of its files with approximate sizes.
* oven/bun:1 (oven-sh/bun dockerhub/debian/Dockerfile, BUN_VERSION=latest): the real image is on
  debian:bullseye, layerlab's on debian:bookworm (its only full Debian). The
  bun user as groupadd/useradd write it (dotnet_images.app_user), the bunx
  link, docker-entrypoint.sh's real size; bun's binary size approximate.
"""
from __future__ import annotations

import datetime
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from alpine_lang import read_layers, read_packages  # noqa: E402
from debian_images import AptData, CAT, image_file  # noqa: E402
from dotnet_images import app_user, final_stage  # noqa: E402
import recipe_image  # noqa: E402
from service_images import Apt, base_env  # noqa: E402

BK = "C buildkit.dockerfile.v0"
PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

DENO = ("github.com/denoland/deno_docker", "b7864b7239424079c44c954ca3a8e273a2cc1a13", "2026-07-01", "2.9.1")
DENO_BYTES = 118_000_000  # deno-x86_64-unknown-linux-gnu's deno, approximate

XX_SRC = "github.com/tonistiigi/xx"
# tag -> (commit, date, [(script, size)]): `git ls-tree -l TAG src/` (all mode 100755)
XX = {
    "1.9.0": ("a5592eab7a57895e8d385394ff12241bc65ecd50", "2025-12-03",
              [("xx-apk", 3836), ("xx-apt", 7091), ("xx-cargo", 2751), ("xx-cc", 17776), ("xx-go", 5725),
               ("xx-info", 11129), ("xx-ld-shas", 5311), ("xx-verify", 5741), ("xx-windres", 8020)]),
    "1.5.0": ("b4e4c451c778822e6742bfc9d9a91d7c7d885c8a", "2024-08-20",
              [("xx-apk", 3285), ("xx-apt", 6916), ("xx-cargo", 2649), ("xx-cc", 17433), ("xx-go", 2622),
               ("xx-info", 10721), ("xx-ld-shas", 5311), ("xx-verify", 5230), ("xx-windres", 8020)]),
}
XX_LINKS = [("xx-clang", "xx-cc"), ("xx-clang++", "xx-cc"), ("xx-c++", "xx-cc"), ("xx-apt-get", "xx-apt")]

VAULT = ("github.com/dani-garcia/bw_web_builds", "2b56dc7013a0cbc2d1b18de665b5f98c8f87d1f6", "v2026.7.0")
BUN = ("github.com/oven-sh/bun", "54023f132432bbcef25cc5ccef9c5c82bc927b08", "1")
BUN_READ = "2026-12-07"  # the date the recipe was read (its BUN_VERSION is `latest`: no version, no date in it)
BUN_ENTRYPOINT = 171  # dockerhub/alpine/docker-entrypoint.sh at b5b914809f5a0aab27d2c6fd9281e158bf310953
BUN_BYTES = 95_000_000  # bun-linux-x64-baseline's bun, approximate


def scratch_header(script_src: str, name: str, tags: list[str], created: str, env: dict, approx: str,
                   note: str, extra: list[str] = ()) -> list[str]:
    lines = recipe_image.header("tool_images.py", script_src, name, tags, created + "T00:00:00Z", "", env,
                                approx, note, list(extra))
    return [ln for ln in lines if not ln.startswith("@base ")]


def deno():
    src, commit, date, v = DENO
    env = {"PATH": PATH, "DENO_VERSION": v}
    lines = scratch_header(
        f"{src} bin.dockerfile at commit {commit}", f"denoland/deno:bin-{v}", [f"denoland/deno:bin"], date, env,
        "the deno binary (downloaded from dl.deno.land by the recipe's first stage, not reachable here) has an "
        "approximate size and synthetic contents; the layer and history are the real image's.",
        f"The official denoland/deno:bin-{v} ({src} bin.dockerfile at commit {commit}): FROM scratch, "
        "ENV DENO_VERSION, LABEL, COPY of the one binary /deno. Other tags of deno copy it from here.")
    labels = ("org.opencontainers.image.title=Deno org.opencontainers.image.description=Deno binary image "
              "org.opencontainers.image.url=https://github.com/denoland/deno_docker "
              "org.opencontainers.image.source=https://github.com/denoland/deno_docker "
              f"org.opencontainers.image.licenses=MIT org.opencontainers.image.version={v}")
    body = [f"H 1 ENV DENO_VERSION={v}", BK, "H 1 LABEL " + labels, BK,
            "H 0 COPY /deno /deno # buildkit", BK]
    body += recipe_image.layer_lines([{"p": "/deno", "t": "f", "m": 0o755, "s": DENO_BYTES, "ph": "deno"}], [])
    recipe_image.write(os.path.join(CAT, f"image-deno-bin-{v}.txt"), lines + body)


def xx():
    newest = max(XX, key=lambda t: tuple(int(x) for x in t.split(".")))
    for tag, (commit, date, scripts) in XX.items():
        mm = tag.rsplit(".", 1)[0]
        tags = [f"tonistiigi/xx:{mm}"] + (["tonistiigi/xx:1", "tonistiigi/xx:latest"] if tag == newest else [])
        lines = scratch_header(
            f"{XX_SRC} src/Dockerfile (stage xx) and src/xx-* at tag v{tag} (commit {commit})",
            f"tonistiigi/xx:{tag}", tags, date, {"PATH": PATH},
            "the xx-* scripts are placeholders of their real sizes (their contents are code, not copied); the "
            "layer, paths, links and history are the real image's.",
            f"The official tonistiigi/xx:{tag} ({XX_SRC} src/Dockerfile at tag v{tag}): FROM scratch and one "
            "COPY of the build stage's /out/ into /usr/bin/: the xx-* helper scripts (xx-info, xx-apk, xx-apt, "
            "xx-cc, xx-cargo, xx-go, xx-verify, ...) and the links xx-clang, xx-clang++, xx-c++ (to xx-cc) and "
            "xx-apt-get (to xx-apt). Dockerfiles use it as `COPY --from=xx / /`.")
        files = [{"p": f"/usr/bin/{n}", "t": "f", "m": 0o755, "s": s, "ph": f"tonistiigi/xx's {n}"}
                 for n, s in scripts]
        files += [{"p": f"/usr/bin/{n}", "t": "l", "l": t} for n, t in XX_LINKS]
        body = ["H 0 COPY /out/ /usr/bin/ # buildkit", BK] + recipe_image.layer_lines(files, [])
        recipe_image.write(os.path.join(CAT, f"image-xx-{tag}.txt"), lines + body)


def web_vault():
    src, commit, v = VAULT
    lines = scratch_header(
        f"{src} Dockerfile (last stage) at commit {commit}", "vaultwarden/web-vault:latest",
        [f"vaultwarden/web-vault:{v}"], "2026-07-01", {"PATH": PATH},
        "the web vault (bitwarden/clients' apps/web build, made by the recipe's node stage, not reachable here) "
        "is a few of its files with approximate sizes and synthetic contents; the layers and history are the "
        "real image's.",
        f"The vaultwarden/web-vault image ({src} Dockerfile at commit {commit}): FROM scratch, COPY of "
        "bw_web_vault.tar.gz to /, COPY of the web-vault directory to /web-vault, CMD [\"\"] (so that docker "
        "create works). Only a few of the web vault's files are listed.", ['@cmd [""]'])
    wv = "/web-vault"
    files = [(f"{wv}/index.html", 20_000), (f"{wv}/app/main.js", 9_000_000), (f"{wv}/app/polyfills.js", 120_000),
             (f"{wv}/app/runtime.js", 12_000), (f"{wv}/app/vendor.js", 14_000_000), (f"{wv}/app/main.css", 700_000),
             (f"{wv}/vw-version.json", 30), (f"{wv}/manifest.json", 600), (f"{wv}/locales/en/messages.json", 400_000),
             (f"{wv}/images/logo.svg", 3_000), (f"{wv}/favicon.ico", 5_400)]
    body = ["H 0 COPY /bw_web_builds/bw_web_vault.tar.gz /bw_web_vault.tar.gz # buildkit", BK]
    body += recipe_image.layer_lines([{"p": "/bw_web_vault.tar.gz", "t": "f", "s": 11_000_000}], [])
    body += ["H 0 COPY /bw_web_builds/web-vault /web-vault # buildkit", BK]
    body += recipe_image.layer_lines([{"p": p, "t": "f", "s": s} for p, s in files], [])
    body += ['H 1 CMD [""]', BK]
    recipe_image.write(os.path.join(CAT, "image-web-vault.txt"), lines + body)


def bun():
    src, commit, v = BUN
    base = "debian:bookworm"
    # the debootstrap of debian:bookworm and -slim is the same: /etc/passwd & co. from the slim layer
    etc = {e["p"]: e for e in read_layers(image_file("debian:bookworm-slim"))[0]["files"]}
    etc.update({e["p"]: e for e in read_packages(os.path.join(CAT, "debian-bookworm.apt.txt"))["bash"]})
    env = {"PATH": PATH, "BUN_RUNTIME_TRANSPILER_CACHE_PATH": "0", "BUN_INSTALL_BIN": "/usr/local/bin"}
    major = v
    tags = [f"oven/bun:{t}" for t in ("latest", "debian", f"{major}-debian")]
    lines = recipe_image.header(
        "tool_images.py", f"{src} dockerhub/debian/Dockerfile at commit {commit}", f"oven/bun:{major}", tags,
        BUN_READ + "T00:00:00Z", base, env,
        "on layerlab's debian:bookworm (the real image is on debian:bullseye); bun's binary (downloaded by the "
        "recipe's first stage, not reachable here) has an approximate size; the layers above the base and their "
        "history are the real image's.",
        f"The official oven/bun:{v} (bun's latest 1.x release; {src} dockerhub/debian/Dockerfile at commit {commit}): docker-entrypoint.sh, "
        "the bun binary, ENV BUN_RUNTIME_TRANSPILER_CACHE_PATH and BUN_INSTALL_BIN, the bun user (uid 1000, "
        "home /home/bun) and the bunx link, WORKDIR /home/bun/app.",
        ['@entrypoint ["/usr/local/bin/docker-entrypoint.sh"]', '@cmd ["/usr/local/bin/bun"]',
         "@workdir /home/bun/app", "@merged-usr yes"], generated=BUN_READ + " (the date the recipe was read)")
    args = "|2 BUN_RUNTIME_TRANSPILER_CACHE_PATH=0 BUN_INSTALL_BIN=/usr/local/bin "
    run = ("groupadd bun       --gid 1000     && useradd bun       --uid 1000       --gid bun       --shell /bin/sh"
           "       --create-home     && ln -s /usr/local/bin/bun /usr/local/bin/bunx     && which bun     && which"
           " bunx     && bun --version")
    body = ["H 0 COPY docker-entrypoint.sh /usr/local/bin # buildkit", BK]
    body += recipe_image.layer_lines([{"p": "/usr/local/bin/docker-entrypoint.sh", "t": "f", "m": 0o755,
                                       "s": BUN_ENTRYPOINT, "ph": "oven/bun's docker-entrypoint.sh"}], [])
    body += ["H 0 COPY /usr/local/bin/bun /usr/local/bin/bun # buildkit", BK]
    body += recipe_image.layer_lines([{"p": "/usr/local/bin/bun", "t": "f", "m": 0o755, "s": BUN_BYTES,
                                       "ph": "bun"}], [])
    body += ["H 1 ENV BUN_RUNTIME_TRANSPILER_CACHE_PATH=0", BK, "H 1 ENV BUN_INSTALL_BIN=/usr/local/bin", BK]
    day = (datetime.date.fromisoformat(BUN_READ) - datetime.date(1970, 1, 1)).days
    user = app_user(etc, 1000, "bun", 0o755, day)  # useradd's home: 0755 as layerlab's useradd makes it
    user.append({"p": "/usr/local/bin/bunx", "t": "l", "l": "/usr/local/bin/bun"})
    body += [f"H 0 RUN {args}/bin/sh -c {run} # buildkit", BK] + recipe_image.layer_lines(user, [])
    body += ["H 0 WORKDIR /home/bun/app", BK]
    body += recipe_image.layer_lines([{"p": "/home", "t": "d", "m": 0o755},  # the parents as they are
                                      {"p": "/home/bun", "t": "d", "m": 0o755, "u": 1000, "g": 1000},
                                      {"p": "/home/bun/app", "t": "d", "m": 0o755}], [])
    body += ['H 1 ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]', BK, 'H 1 CMD ["/usr/local/bin/bun"]', BK]
    recipe_image.write(os.path.join(CAT, f"image-bun-{major}-debian.txt"), lines + body)


PROM = ("github.com/prometheus/busybox", "869afd42c4d8f5d4e7e4787b3bd9a6c39cb403d6", "2026-06-23")


def prometheus_busybox():
    """quay.io/prometheus/busybox-linux-amd64:latest (= :uclibc, the Makefile's `tag` target): busybox:uclibc and
    one COPY of what the recipe's first stage (debian:trixie-slim, ca-certificates, netbase) gathers in /rootfs."""
    src, commit, date = PROM
    with open(os.path.join(HERE, "recipes", "prometheus-busybox-uclibc.Dockerfile"), encoding="utf-8") as f:
        steps = final_stage(f.read())
    pkgs = read_packages(os.path.join(CAT, "debian-bookworm.apt.txt"))
    slim = {e["p"]: e for e in read_layers(image_file("debian:bookworm-slim"))[0]["files"]}
    gathered = [dict(slim["/etc/nsswitch.conf"]),
                {"p": "/etc/ssl/certs/ca-certificates.crt", "t": "f", "m": 0o644, "s": 219_000}]
    gathered += [e for e in pkgs["netbase"] if e["p"] == "/etc/services"]
    gathered += [e for e in pkgs["tzdata"] if e["p"].startswith("/usr/share/zoneinfo/")]
    body = recipe_image.walk(steps, {"PATH": PATH}, lambda cmd, env: ([], []), lambda args, env: gathered)
    name = "quay.io/prometheus/busybox-linux-amd64:latest"
    lines = recipe_image.header(
        "tool_images.py from scripts/catalog/recipes/prometheus-busybox-uclibc.Dockerfile and the catalogs",
        f"{src} uclibc/Dockerfile at commit {commit}", name, ["quay.io/prometheus/busybox-linux-amd64:uclibc"],
        date + "T00:00:00Z", "busybox", {"PATH": PATH},
        "on layerlab's busybox (Debian's busybox-static, not Docker Hub's busybox:uclibc, so no /etc/passwd or "
        "/etc/group), and the copied files are Debian bookworm's where the recipe takes trixie's; the layers and "
        "history are the real image's.",
        f"The image prometheus/busybox's Makefile tags latest for linux-amd64: {src} uclibc/Dockerfile at commit "
        f"{commit}, its last stage: busybox:uclibc, MAINTAINER and COPY --from=0 /rootfs / of what the first stage "
        "gathers from a Debian image with ca-certificates and netbase: /etc/nsswitch.conf, the CA bundle (size "
        "approximate), /etc/services and /usr/share/zoneinfo (tzdata's files).",
        ["@merged-usr no", '@cmd ["sh"]'])
    recipe_image.write(os.path.join(CAT, "image-prometheus-busybox-linux-amd64.txt"), lines + body)


MAMBA = ("github.com/mamba-org/micromamba-docker", "a815800caa7e388aeb30ce814325453dddd5eac9", "2026-05-13", "2.6.1")
MAMBA_SCRIPTS = {"_activate_current_env.sh": 1072, "_apptainer_shell.sh": 49, "_dockerfile_initialize_user_accounts.sh": 818,
                 "_dockerfile_setup_root_prefix.sh": 112, "_dockerfile_shell.sh": 222, "_entrypoint.sh": 927}


def micromamba():
    """mambaorg/micromamba:VERSION (debian.Dockerfile's last stage) on layerlab's debian:bookworm-slim."""
    src, commit, date, version = MAMBA
    with open(os.path.join(HERE, "recipes", "micromamba-debian.Dockerfile"), encoding="utf-8") as f:
        steps = final_stage(f.read())
    pkgs = read_packages(os.path.join(CAT, "debian-bookworm.apt.txt"))  # /etc/skel is bash's, /root/.bashrc base-files'
    slim = {e["p"]: e for e in read_layers(image_file("debian:bookworm-slim"))[0]["files"] + pkgs["bash"]}
    slim["/root/.bashrc"] = dict(next(e for e in pkgs["base-files"] if e["p"].endswith("/dot.bashrc")),
                                 p="/root/.bashrc")
    line = "source /usr/local/bin/_activate_current_env.sh\n"

    def run_layer(cmd, env):  # the two scripts: the user, the .bashrc lines, /etc/arg_mamba_user, the root prefix
        uid = int(env["MAMBA_USER_ID"])
        user = env["MAMBA_USER"]
        skel = dict(slim["/etc/skel/.bashrc"], c=slim["/etc/skel/.bashrc"]["c"] + line)
        files = app_user(dict(slim, **{"/etc/skel/.bashrc": skel}), uid, user, 0o777, 20586, "/bin/bash")
        files = [dict(e, m=0o777 if e["t"] == "d" else e["m"] | 0o777 if e["p"].startswith("/home/") else e["m"])
                 for e in files]
        root = slim["/root/.bashrc"]
        return files + [{"p": "/home", "t": "d", "m": 0o777}, dict(skel),
                        dict(root, c=root["c"] + line),
                        {"p": "/etc/arg_mamba_user", "t": "f", "m": 0o777, "c": user + "\n"},
                        {"p": env["MAMBA_ROOT_PREFIX"], "t": "d", "m": 0o777},
                        {"p": env["MAMBA_ROOT_PREFIX"] + "/conda-meta", "t": "d", "m": 0o777}], []

    def copy_layer(args, env):
        if "MAMBA_EXE" in args:
            return [{"p": "/bin/micromamba", "t": "f", "m": 0o755, "s": 14_500_000, "ph": f"micromamba {version}"}]
        if "CERT_SOURCE" in args:
            return [{"p": "/etc/ssl/certs/ca-certificates.crt", "t": "f", "m": 0o644, "s": 219_000}]
        n = args.split()[0]
        return [{"p": "/usr/local/bin/" + n, "t": "f", "m": 0o755, "s": MAMBA_SCRIPTS[n]}]

    env = {"PATH": PATH}
    body = recipe_image.walk(steps, env, run_layer, copy_layer)
    name = f"mambaorg/micromamba:{version}"
    lines = recipe_image.header(
        "tool_images.py from scripts/catalog/recipes/micromamba-debian.Dockerfile and the catalogs",
        f"{src} debian.Dockerfile at commit {commit}", name, [f"{name}-debian13-slim"], date + "T00:00:00Z",
        "debian:bookworm-slim", env,
        "on layerlab's debian:bookworm-slim (the real image is on debian:13-slim); micromamba's binary (from "
        "micro.mamba.pm, not reachable here) has an approximate size; its SHELL (_dockerfile_shell.sh) is in the "
        "history but layerlab runs RUN steps with /bin/sh; the layers and history are the real image's.",
        f"{src} debian.Dockerfile at commit {commit} (micromamba {version}), its last stage: the ENV of the "
        "recipe's ARGs, /bin/micromamba (size approximate) and the CA bundle from the first stage, the scripts "
        "(their real sizes), the mambauser user (57439) as useradd -m writes it with the activation line in "
        ".bashrc, /etc/arg_mamba_user, the 0777 /home and /opt/conda/conda-meta, USER mambauser, WORKDIR /tmp.",
        ["@merged-usr yes", "@user mambauser", "@workdir /tmp", '@entrypoint ["/usr/local/bin/_entrypoint.sh"]',
         '@cmd ["/bin/bash"]'])
    recipe_image.write(os.path.join(CAT, f"image-micromamba-{version}.txt"), lines + body)


CRFPP = ("github.com/hay-kot/crfpp", "3d34afe657b2cbfc3ebb955a1e5feb80ffdacc4a")
# the repository's files as layerlab's code index lists them (a part of them; sizes approximate, the Dockerfile's real)
CRFPP_SOURCE = [("Dockerfile", 358), ("Makefile.am", 1_500), ("README.md", 1_200), ("common.h", 3_500),
                ("configure", 520_000), ("configure.ac", 2_000), ("docker-build.sh", 300), ("missing", 11_000)]


def crfpp(apt):
    """hkotel/crfpp:latest (hay-kot/crfpp's Dockerfile, tagged latest by its docker-build workflow)."""
    src, commit = CRFPP
    with open(os.path.join(HERE, "recipes", "crfpp.Dockerfile"), encoding="utf-8") as f:
        steps = final_stage(f.read())
    a = Apt(apt, "ubuntu:22.04")

    def run_layer(cmd, env):
        if "build-essential" in cmd:
            return [], a.closure(["build-essential"])
        lib = "/usr/local/lib/"
        out = [{"p": f"/usr/local/bin/{n}", "t": "f", "m": 0o755, "s": 40_000, "ph": f"CRF++'s {n}"}
               for n in ("crf_learn", "crf_test")]
        out += [{"p": lib + "libcrfpp.so.0.0.0", "t": "f", "m": 0o755, "s": 640_000},
                {"p": lib + "libcrfpp.so.0", "t": "l", "l": "libcrfpp.so.0.0.0"},
                {"p": lib + "libcrfpp.so", "t": "l", "l": "libcrfpp.so.0.0.0"},
                {"p": lib + "libcrfpp.a", "t": "f", "m": 0o644, "s": 1_100_000},
                {"p": lib + "libcrfpp.la", "t": "f", "m": 0o755, "s": 950},
                {"p": "/usr/local/include/crfpp.h", "t": "f", "m": 0o644, "s": 12_000},
                {"p": "/etc/ld.so.cache", "t": "f", "m": 0o644, "s": 21_000}]
        out += [{"p": "/crfpp/" + n, "t": "f", "m": 0o644, "s": s}  # what configure and make leave in the tree
                for n, s in (("config.log", 60_000), ("config.status", 50_000), ("config.h", 3_000),
                             ("Makefile", 40_000), ("libtool", 330_000), ("stamp-h1", 23), ("libcrfpp.la", 950),
                             (".libs/libcrfpp.so.0.0.0", 640_000), (".libs/libcrfpp.a", 1_100_000),
                             ("crf_learn", 7_000), ("crf_test", 7_000))]
        return out, []

    def copy_layer(args, env):
        return [{"p": "/crfpp/" + n, "t": "f", "m": 0o755 if n in ("configure", "missing", "docker-build.sh")
                 else 0o644, "s": s} for n, s in CRFPP_SOURCE]

    env = base_env("ubuntu:22.04")
    body = recipe_image.walk(steps, env, run_layer, copy_layer)
    lines = recipe_image.header(
        "tool_images.py from scripts/catalog/recipes/crfpp.Dockerfile and the apt catalogs",
        f"{src} Dockerfile at commit {commit}", "hkotel/crfpp:latest", [], "2026-12-07T00:00:00Z", "ubuntu:22.04",
        env, "on layerlab's ubuntu:22.04 (itself approximated from Debian; the recipe names ubuntu:20.04); the "
        "repository's files are a part of them and CRF++'s make install has approximate sizes; build-essential's "
        "packages are Debian's, and the RUN's removal of /usr/share/doc and /usr/share/man is not modelled; the "
        "layers and history are the real image's.",
        f"hkotel/crfpp:latest, as {src}'s docker-build workflow pushes it (Dockerfile at commit {commit}; its date "
        "is not known here: the history carries the date the recipe was read, 2026-12-07): "
        f"build-essential and its Depends ({a.k} packages from layerlab's Debian bookworm data, {a.synth} with files "
        "approximated from their size), ADD of the repository into /crfpp, and what ./configure, make, make install "
        "and ldconfig leave (crf_learn, crf_test, libcrfpp in /usr/local; the build tree).",
        ["@merged-usr yes", "@workdir /crfpp", '@cmd ["/bin/bash"]'])
    recipe_image.write(os.path.join(CAT, "image-crfpp-latest.txt"), lines + body)


def main():
    deno()
    xx()
    web_vault()
    bun()
    prometheus_busybox()
    micromamba()
    crfpp(AptData())


if __name__ == "__main__":
    main()
