#!/usr/bin/env python3
"""Alpine variants of language images, on layerlab's real alpine:3.20
minirootfs (the recipes name alpine:3.22; layerlab's data stops at 3.20):

* eclipse-temurin:21-jre-alpine and :21-jdk-alpine (adoptium/containers
  21/{jre,jdk}/alpine/3.22/Dockerfile);
* gradle:jdk21-alpine on the JDK (gradle/docker-gradle jdk21-alpine/Dockerfile):
  the gradle user as busybox addgroup/adduser write it, the apk layer, and
  Gradle's distribution in /opt/gradle (a part of its jars, sizes approximate);
* php:8.3-alpine (cli) and php:8.3-fpm-alpine (docker-library/php
  8.3/alpine3.24/{cli,fpm}/Dockerfile): the www-data user as busybox adduser
  writes it, the docker-php-* scripts (their real sizes), php.net's `make
  install` tree (php_images.PHP_INSTALL: sizes approximate), the runtime
  libraries scanelf finds as Debian's in /usr/lib, php-fpm's configuration;
* rust:1.94-alpine (rust-lang/docker-rust stable/alpine3.22/Dockerfile):
  the apk layer and rustup's layout (rust_images.rustup_files, for the musl
  host);

    python3 scripts/catalog/alpine_variants.py     (no network, no root; then base_index.py)

The recipes (scripts/catalog/recipes/, SOURCE there) are read instruction by
instruction (recipe_image.walk): history, ENV, ENTRYPOINT and CMD are the real
image's. `apk add` layers: each Alpine name's Debian packages (alpine.apk.txt's
A lines, as layerlab's own apk maps them) with their files from
debian-bookworm.apk.txt where it has them (multiarch library directories
folded into /usr/lib, documentation left out as Alpine's -doc packages hold
it), /etc/apk/world and the apk database grown (alpine_lang.apk_db). The JDK
and JRE files are java_images.jdk_files (Debian's OpenJDK 17 in Temurin's
layout). Every image says so (@approx).
"""
from __future__ import annotations

import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from alpine_lang import DOC_FILTER, add_user_files, apk_db, read_layers, read_packages  # noqa: E402
from debian_images import CAT, RECIPES, image_file  # noqa: E402
from dotnet_images import final_stage  # noqa: E402
from java_images import jdk_files  # noqa: E402
from php_images import PHP_INSTALL, RUNTIME_LIBS  # noqa: E402
from rust_images import COMMIT as RUST_COMMIT, VERSION as RUST_VERSION, rustup_files  # noqa: E402
import recipe_image  # noqa: E402

ALPINE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
LIB_MOVES = (("/usr/lib/x86_64-linux-gnu/", "/usr/lib/"), ("/lib/x86_64-linux-gnu/", "/usr/lib/"),
             ("/lib64/", "/lib/"))


def apk_map() -> dict[str, list[str]]:
    out, cur = {}, None
    with open(os.path.join(CAT, "alpine.apk.txt"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("P "):
                cur = line.split()[1]
                out[cur] = []
            elif cur and line.startswith("A "):
                out[cur] = line.split()[1::2]
    return out


def apk_files(names: list[str], pkgs, amap, base) -> tuple[list[dict], int]:
    """The files `apk add NAMES` leaves (Debian's stand for Alpine's) and how many Debian packages had no file list."""
    files, missing, seen = [], 0, set()
    for n in names:
        for deb in amap.get(n, []):
            if deb in seen:
                continue
            seen.add(deb)
            if deb not in pkgs:
                missing += 1
                continue
            files += apk_files_from_debs([deb], pkgs)
    return files + apk_db(base, names), missing


def apk_names(cmd: str) -> list[str]:
    m = re.search(r"apk add (?:--no-cache |--virtual \S+ )*(.*?)(?:;|&&|$)", cmd)
    return [w for w in m.group(1).split() if not w.startswith("-") and w != "\\"] if m else []


def temurin(kind: str, pkgs, amap, base):
    recipe = f"eclipse-temurin-21-{kind}-alpine3.22.Dockerfile"
    with open(os.path.join(RECIPES, recipe), encoding="utf-8") as f:
        steps = final_stage(f.read())
    missing = [0]

    def run_layer(cmd, env):
        if "apk add" in cmd:
            files, m = apk_files(apk_names(cmd), pkgs, amap, base)
            missing[0] += m
            return files, []
        if "tar --extract" in cmd:
            return jdk_files(pkgs, kind == "jdk"), []
        return [], []

    def copy_layer(args, env):
        return [{"p": "/__cacert_entrypoint.sh", "t": "f", "m": 0o755, "s": 7_903}]

    env = {"PATH": ALPINE_PATH}
    body = recipe_image.walk(steps, env, run_layer, copy_layer)
    src = f"github.com/adoptium/containers 21/{kind}/alpine/3.22/Dockerfile at commit d8d18d67a32e2cbc765de68c30ea0998009df325"
    name = f"eclipse-temurin:21-{kind}-alpine"
    tags = [f"eclipse-temurin:21-{kind}-alpine-3.22", f"eclipse-temurin:21.0.12_8-{kind}-alpine",
            f"eclipse-temurin:21.0.12_8-{kind}-alpine-3.22"]
    if kind == "jdk":
        tags += ["eclipse-temurin:21-alpine", "eclipse-temurin:21-alpine-3.22", "eclipse-temurin:alpine"]
    extra = ['@entrypoint ["/__cacert_entrypoint.sh"]'] + (['@cmd ["jshell"]'] if kind == "jdk" else [])
    lines = recipe_image.header(
        "alpine_variants.py from image-alpine-3.20.txt, scripts/catalog/recipes/" + recipe + " and the catalogs",
        src, name, tags, "2026-08-05T00:00:00Z", "alpine:3.20", env,
        "on layerlab's alpine:3.20 (the real image is on alpine:3.22); the apk packages are Debian's files under "
        "their Alpine names, and the " + kind.upper() + " is Debian's OpenJDK 17 in Temurin's /opt/java/openjdk "
        "layout with approximate sizes; the layers and history are the real image's.",
        f"Layers and history of the official {name} ({src}). apk add's packages: layerlab's apk map (Debian "
        f"bookworm's files, {missing[0]} packages without a file list left out); the Temurin {kind.upper()} "
        "tarball (not reachable here): Debian's openjdk-17-jre-headless relocated to /opt/java/openjdk"
        + (", the JDK tools, jmods and ct.sym with approximate sizes" if kind == "jdk" else "")
        + "; the entrypoint script's size is the real one.", extra)
    out = f"image-eclipse-temurin-21-{kind}-alpine.txt"
    recipe_image.write(os.path.join(CAT, out), lines + body)
    print(out, file=sys.stderr)


GRADLE_SRC = "github.com/gradle/docker-gradle jdk21-alpine/Dockerfile at commit 22e702fc3acbcb1ead8cfcb72c00a43bba50e5a5"
# Gradle's -bin.zip layout (a part of lib/, sizes approximate)
GRADLE_FILES = [("bin/gradle", 0o755, 8_700), ("bin/gradle.bat", 0o644, 2_900), ("LICENSE", 0o644, 64_000),
                ("NOTICE", 0o644, 900), ("README", 0o644, 1_000), ("init.d/readme.txt", 0o644, 100),
                ("lib/gradle-gradle-cli-main-{v}.jar", 0o644, 40_000), ("lib/gradle-launcher-{v}.jar", 0o644, 300_000),
                ("lib/gradle-core-{v}.jar", 0o644, 4_800_000), ("lib/gradle-core-api-{v}.jar", 0o644, 1_200_000),
                ("lib/groovy-4.0.26.jar", 0o644, 7_600_000), ("lib/kotlin-stdlib-2.2.0.jar", 0o644, 1_800_000),
                ("lib/kotlin-compiler-embeddable-2.2.0.jar", 0o644, 60_000_000), ("lib/ant-1.10.15.jar", 0o644, 2_300_000),
                ("lib/guava-33.4.6-jre.jar", 0o644, 3_100_000), ("lib/plugins/gradle-plugins-{v}.jar", 0o644, 1_000_000),
                ("lib/plugins/gradle-language-java-{v}.jar", 0o644, 900_000),
                ("lib/plugins/gradle-dependency-management-{v}.jar", 0o644, 3_400_000),
                ("lib/plugins/bcprov-jdk18on-1.80.jar", 0o644, 8_300_000),
                ("lib/plugins/aws-java-sdk-s3-1.12.780.jar", 0o644, 1_100_000),
                ("lib/agents/gradle-instrumentation-agent-{v}.jar", 0o644, 70_000)]


HOME_DIRS = [{"p": "/home/gradle", "t": "d", "m": 0o2757, "u": 1000, "g": 1000},  # chmod -R o+rwx
             {"p": "/home/gradle/.gradle", "t": "d", "m": 0o757, "u": 1000, "g": 1000}]


def gradle(pkgs, amap, base):
    with open(os.path.join(RECIPES, "gradle-jdk21-alpine.Dockerfile"), encoding="utf-8") as f:
        steps = final_stage(f.read())
    missing = [0, []]

    def run_layer(cmd, env):
        if "adduser" in cmd:
            files = [e for e in add_user_files(base, "gradle", 1000, "/home/gradle", "/bin/ash")
                     if e["p"] != "/home/gradle"]
            files += HOME_DIRS + [{"p": "/root", "t": "d", "m": 0o700},
                                  {"p": "/root/.gradle", "t": "l", "l": "/home/gradle/.gradle"}]
            return files, []
        if "apk add" in cmd:
            names = apk_names(cmd)
            missing[1] = [n for n in names if n not in amap]
            files, m = apk_files(names, pkgs, amap, base)
            missing[0] += m
            return files, []
        if "unzip gradle.zip" in cmd:
            v = env["GRADLE_VERSION"]
            home = env["GRADLE_HOME"]
            files = [{"p": f"{home}/{p.format(v=v)}", "t": "f", "m": m, "s": sz} for p, m, sz in GRADLE_FILES]
            return files + [{"p": "/usr/bin/gradle", "t": "l", "l": f"{home}/bin/gradle"}], []
        if "gradle --stacktrace --debug --version" in cmd:  # the daemon-less run leaves its native files
            return HOME_DIRS + [{"p": "/home/gradle/.gradle/native", "t": "d", "m": 0o755, "u": 1000, "g": 1000},
                                {"p": "/home/gradle/.gradle/native/native-platform.dat", "t": "f", "m": 0o644,
                                 "s": 40, "u": 1000, "g": 1000}], []
        return [], []

    env = {"PATH": "/opt/java/openjdk/bin:" + ALPINE_PATH, "JAVA_HOME": "/opt/java/openjdk",
           "LANG": "en_US.UTF-8", "LANGUAGE": "en_US:en", "LC_ALL": "en_US.UTF-8", "JAVA_VERSION": "jdk-21.0.12+8"}
    body = recipe_image.walk(steps, env, run_layer)
    v = env["GRADLE_VERSION"]
    name = "gradle:jdk21-alpine"
    mm = ".".join(v.split(".")[:2])
    tags = [f"gradle:{t}-jdk21-alpine" for t in (v, mm, v.split(".")[0])] + \
           [f"gradle:{t}-jdk-alpine" for t in (v, mm, v.split(".")[0])] + ["gradle:jdk-alpine", "gradle:alpine"]
    lines = recipe_image.header(
        "alpine_variants.py from image-eclipse-temurin-21-jdk-alpine.txt, scripts/catalog/recipes/"
        "gradle-jdk21-alpine.Dockerfile and the catalogs", GRADLE_SRC, name, tags, "2026-06-26T00:00:00Z",
        "eclipse-temurin:21-jdk-alpine", env,
        "Gradle's distribution (services.gradle.org, not reachable here) is its layout in /opt/gradle with a part of "
        "its jars and approximate sizes; the apk packages are Debian's files under their Alpine names; the layers "
        "and history are the real image's.",
        f"Layers and history of the official gradle:{v}-jdk21-alpine ({GRADLE_SRC}). The gradle user (1000) as "
        "busybox addgroup/adduser write it; apk add's packages from layerlab's apk map (Debian bookworm's files; "
        + (", ".join(missing[1]) + " have no data and are left out; " if missing[1] else "")
        + f"{missing[0]} mapped packages without a file list left out); Gradle {v} in /opt/gradle (a part of lib/, "
        "sizes approximate).",
        ['@entrypoint ["/__cacert_entrypoint.sh"]', '@cmd ["gradle"]', "@workdir /home/gradle", "@user root"])
    recipe_image.write(os.path.join(CAT, "image-gradle-jdk21-alpine.txt"), lines + body)
    print("image-gradle-jdk21-alpine.txt", file=sys.stderr)


PHP_COMMIT = "445bf414f1d5866f7aef715f1203eae043710070"
PHP_SCRIPTS = {"docker-php-source": 587, "docker-php-ext-configure": 1449, "docker-php-ext-enable": 2669,
               "docker-php-ext-install": 2969}
PHP_ENTRY = {"cli": 118, "fpm": 122}  # docker-php-entrypoint's size in each variant


def php_run(variant: str, cmd: str, env: dict, pkgs, base) -> list[dict]:
    ini = env.get("PHP_INI_DIR", "/usr/local/etc/php")
    if cmd.startswith("apk add --no-cache"):
        return None  # the first apk layer: handled by the caller
    if "adduser -u 82" in cmd:
        def grown(path, line):
            old = next(e for e in base if e["p"] == path)
            return dict(old, c=old["c"] + line)
        grp = next(e for e in base if e["p"] == "/etc/group")
        return [grown("/etc/passwd", "www-data:x:82:82:Linux User,,,:/home/www-data:/sbin/nologin\n"),
                grown("/etc/shadow", "www-data:!:20299:0:99999:7:::\n"),
                dict(grp, c=grp["c"].replace("www-data:x:82:\n", "www-data:x:82:www-data\n")),
                {"p": "/home/www-data", "t": "d", "m": 0o2755, "u": 82, "g": 82}]
    if 'mkdir -p "$PHP_INI_DIR/conf.d"' in cmd and "[ ! -d /var/www/html ]" in cmd:
        return [{"p": ini + "/conf.d", "t": "d", "m": 0o755},
                {"p": "/var/www/html", "t": "d", "m": 0o1777, "u": 82, "g": 82}]
    if 'curl -fsSL -o php.tar.xz "$PHP_URL"' in cmd:
        return [{"p": "/usr/src/php.tar.xz", "t": "f", "m": 0o644, "s": 12_600_000},
                {"p": "/usr/src/php.tar.xz.asc", "t": "f", "m": 0o644, "s": 833}]
    if "make install" in cmd:
        out = [{"p": p, "t": "f", "m": m, "s": sz} for p, m, sz in PHP_INSTALL if "apache2" not in p]
        if variant == "cli":
            out.append({"p": "/usr/local/bin/phpdbg", "t": "f", "m": 0o755, "s": 14_000_000})
        else:
            out += [{"p": "/usr/local/sbin/php-fpm", "t": "f", "m": 0o755, "s": 14_500_000},
                    {"p": "/usr/local/etc/php-fpm.conf.default", "t": "f", "m": 0o644, "s": 5_500},
                    {"p": "/usr/local/etc/php-fpm.d/www.conf.default", "t": "f", "m": 0o644, "s": 20_000}]
        libs = [e for n in RUNTIME_LIBS if n in pkgs for e in apk_files_from_debs([n], pkgs)]
        names = ["so:libargon2.so.1", "so:libcurl.so.4", "so:libonig.so.5", "so:libreadline.so.8",
                 "so:libsodium.so.26", "so:libsqlite3.so.0", "so:libssl.so.3", "so:libxml2.so.2"]
        return out + libs + apk_db(base, names)
    m = re.search(r"docker-php-ext-enable (\w+)", cmd)
    if m:
        line = ("zend_extension=" if m.group(1) == "opcache" else "extension=") + m.group(1) + "\n"
        return [{"p": f"{ini}/conf.d/docker-php-ext-{m.group(1)}.ini", "t": "f", "m": 0o644, "c": line}]
    if "php-fpm.d/docker.conf" in cmd:
        etc = "/usr/local/etc"
        return [{"p": f"{etc}/php-fpm.conf", "t": "f", "m": 0o644, "s": 5_500},
                {"p": f"{etc}/php-fpm.d/www.conf", "t": "f", "m": 0o644, "s": 20_000},
                {"p": f"{etc}/php-fpm.d/docker.conf", "t": "f", "m": 0o644, "s": 357},
                {"p": f"{etc}/php-fpm.d/zz-docker.conf", "t": "f", "m": 0o644, "s": 112},
                {"p": f"{ini}/conf.d/docker-fpm.ini", "t": "f", "m": 0o644, "s": 89}]
    return []


def apk_files_from_debs(debs: list[str], pkgs) -> list[dict]:
    out = []
    for deb in debs:
        for e in pkgs[deb]:
            p = e["p"]
            if any(p.startswith(d) for d in DOC_FILTER) or e["t"] == "d":
                continue
            for a, b in LIB_MOVES:
                if p.startswith(a):
                    p = b + p[len(a):]
            out.append(dict(e, p=p))
    return out


def php(variant: str, pkgs, amap, base):
    recipe = f"php-8.3-{variant}-alpine3.24.Dockerfile"
    with open(os.path.join(RECIPES, recipe), encoding="utf-8") as f:
        steps = final_stage(f.read())

    def run_layer(cmd, env):
        files = php_run(variant, cmd, env, pkgs, base)
        if files is None:
            files, _ = apk_files(apk_names(cmd), pkgs, amap, base)
        for e in files:
            if "c" in e:
                e["s"] = len(e["c"].encode())
        return files, []

    def copy_layer(args, env):
        names = args.split()[:-1]
        out = []
        for n, sz in list(PHP_SCRIPTS.items()) + [("docker-php-entrypoint", PHP_ENTRY[variant])]:
            if any(n == x or (x.endswith("*") and n.startswith(x[:-1])) for x in names):
                out.append({"p": "/usr/local/bin/" + n, "t": "f", "m": 0o755, "s": sz})
        return out

    env = {"PATH": ALPINE_PATH}
    body = recipe_image.walk(steps, env, run_layer, copy_layer)
    src = f"github.com/docker-library/php 8.3/alpine3.24/{variant}/Dockerfile at commit {PHP_COMMIT}"
    name = "php:8.3-alpine" if variant == "cli" else "php:8.3-fpm-alpine"
    v = env["PHP_VERSION"]
    suffixes = ["alpine", "alpine3.24"]
    tags = [f"php:{ver}{'-' + variant if variant != 'cli' or ver else ''}-{sfx}".replace("php:-", "php:")
            for ver in ("8.3", v, "8", "") for sfx in suffixes]
    if variant == "cli":
        tags += [f"php:{ver}-cli-{sfx}".replace("php:-", "php:") for ver in ("8.3", v, "8", "") for sfx in suffixes]
        tags += [f"php:{ver}-{sfx}" for ver in ("8.3", v, "8") for sfx in suffixes]
    tags = sorted(set(t for t in tags if t != name))
    extra = ['@entrypoint ["docker-php-entrypoint"]',
             '@cmd ["php", "-a"]' if variant == "cli" else '@cmd ["php-fpm"]']
    if variant == "fpm":
        extra.append("@workdir /var/www/html")
    lines = recipe_image.header(
        "alpine_variants.py from image-alpine-3.20.txt, scripts/catalog/recipes/" + recipe + " and the catalogs",
        src, name, tags, "2026-07-30T00:00:00Z", "alpine:3.20", env,
        "on layerlab's alpine:3.20 (the real image is on alpine:3.24); what php.net's tarball gives (not reachable "
        "here) is the make install tree with approximate sizes, and the apk packages and runtime libraries are "
        "Debian's files under Alpine's names; the layers and history are the real image's.",
        f"Layers and history of the official php:{v}-{variant}-alpine3.24 ({src}). The www-data user (82) as busybox "
        "adduser -S writes it, /var/www/html (1777, www-data), the docker-php-* scripts with their real sizes, "
        "php.net's `make install` tree (php, phpize, pear, headers, PEAR, opcache and sodium"
        + (", phpdbg" if variant == "cli" else ", php-fpm and its configuration") + ") with approximate sizes, the "
        "libraries scanelf keeps (Debian's libargon2, libcurl, libonig, libreadline, libsodium, libsqlite3, libssl, "
        "libxml2, zlib in /usr/lib).", extra)
    out = f"image-php-8.3-{variant}-alpine.txt"
    recipe_image.write(os.path.join(CAT, out), lines + body)
    print(out, file=sys.stderr)


def rust(pkgs, amap, base):
    with open(os.path.join(RECIPES, "rust-alpine3.22.Dockerfile"), encoding="utf-8") as f:
        steps = final_stage(f.read())

    def run_layer(cmd, env):
        if cmd.startswith("apk add"):
            return apk_files(apk_names(cmd), pkgs, amap, base)[0], []
        files = []
        for e in rustup_files():
            e = dict(e, p=e["p"].replace("-unknown-linux-gnu", "-unknown-linux-musl"))
            if "l" in e:
                e["l"] = e["l"].replace("-unknown-linux-gnu", "-unknown-linux-musl")
            files.append(e)
        dirs = {e["p"][:i] for e in files for i in range(1, len(e["p"])) if e["p"][i] == "/"}
        have = {e["p"] for e in files}
        files += [{"p": d, "t": "d", "m": 0o777} for d in sorted(dirs)  # chmod -R a+w
                  if d.startswith(("/usr/local/cargo", "/usr/local/rustup")) and d not in have]
        return files, []

    env = {"PATH": ALPINE_PATH}
    body = recipe_image.walk(steps, env, run_layer)
    src = f"github.com/rust-lang/docker-rust stable/alpine3.22/Dockerfile at commit {RUST_COMMIT}"
    minor = RUST_VERSION.rsplit(".", 1)[0]
    name = f"rust:{minor}-alpine"
    tags = [f"rust:{t}-{s}" for t in ("1", minor, RUST_VERSION) for s in ("alpine", "alpine3.22")] + \
        ["rust:alpine", "rust:alpine3.22"]
    lines = recipe_image.header(
        "alpine_variants.py from image-alpine-3.20.txt, scripts/catalog/recipes/rust-alpine3.22.Dockerfile and the "
        "catalogs", src, name, [t for t in tags if t != name], "2026-04-03T00:00:00Z", "alpine:3.20", env,
        "on layerlab's alpine:3.20 (the real image is on alpine:3.22); what rustup-init installs (not reachable "
        "here) is its layout with approximate sizes, and ca-certificates, musl-dev and gcc are Debian's files "
        "under their Alpine names; the layers and history are the real image's.",
        f"Layers and history of the official rust:{RUST_VERSION}-alpine3.22 ({src}): the apk layer (ca-certificates, "
        "musl-dev, gcc from layerlab's apk map), rustup's layout under /usr/local/cargo and /usr/local/rustup for "
        "the x86_64-unknown-linux-musl host (minimal profile, proxies as hard links, chmod -R a+w) with "
        "approximate sizes.", [])
    recipe_image.write(os.path.join(CAT, "image-rust-1.94-alpine.txt"), lines + body)
    print("image-rust-1.94-alpine.txt", file=sys.stderr)


def main():
    pkgs = read_packages(os.path.join(CAT, "debian-bookworm.apt.txt"))
    amap = apk_map()
    base = read_layers(image_file("alpine:3.20"))[0]["files"]
    for kind in ("jre", "jdk"):
        temurin(kind, pkgs, amap, base)
    gradle(pkgs, amap, base)
    for variant in ("cli", "fpm"):
        php(variant, pkgs, amap, base)
    rust(pkgs, amap, base)


if __name__ == "__main__":
    main()
