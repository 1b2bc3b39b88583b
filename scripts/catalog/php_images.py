#!/usr/bin/env python3
"""php:8.3-apache (bookworm) from docker-library/php's Dockerfile.

    python3 scripts/catalog/php_images.py     (no network, no root; then base_index.py)

The recipe (scripts/catalog/recipes/php-8.3-apache-bookworm.Dockerfile,
SOURCE there) is read instruction by instruction (dotnet_images.final_stage);
ENV values are expanded as BuildKit records them. Per RUN:

* `apt-get install` of packages that stay: their Depends closure as K lines
  (PHPIZE_DEPS, ca-certificates, curl, xz-utils; apache2; and the libraries
  the PHP build keeps, apt-marked manual: the runtime packages of its -dev
  list); the build-only packages (gnupg, the -dev packages) are purged in the
  same RUN and leave nothing;
* the files the recipe writes itself: /etc/apt/preferences.d/no-debian-php,
  the PHP_INI_DIR and /var/www/html directories, apache's run, lock and log
  directories with the log links, the mpm_prefork and docker-php links, the
  .ini files of docker-php-ext-enable;
* what php.net's tarball gives (not reachable here): /usr/src/php.tar.xz and
  the `make install` tree (php, phpize, php-config, pear, the headers, PEAR,
  libphp.so, opcache.so and sodium.so, php.ini-development/-production), with
  approximate sizes.

Not modelled: removals of files of lower layers (a2dismod's mpm_event links,
the index.html apache2 installs and the recipe deletes), dpkg's status
growth. The image's @note says so.
"""
from __future__ import annotations

import os
import re
import shlex
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import fmt  # noqa: E402
from alpine_lang import with_parents  # noqa: E402
from debian_images import AptData, CAT, RECIPES, image_file, installed_of, write  # noqa: E402
from dotnet_images import copy_line, final_stage  # noqa: E402

SRC = "docker-library/php 8.3/bookworm/apache/Dockerfile at commit 445bf414f1d5866f7aef715f1203eae043710070"
CONTEXT = {"apache2-foreground": 1346, "docker-php-entrypoint": 135, "docker-php-ext-configure": 1449,
           "docker-php-ext-enable": 2669, "docker-php-ext-install": 2969, "docker-php-source": 587}
# the runtime packages the build's ldd/apt-mark keeps (the -dev list's libraries)
RUNTIME_LIBS = ["libargon2-1", "libcurl4", "libonig5", "libreadline8", "libsodium23", "libsqlite3-0", "libssl3",
                "libxml2", "zlib1g"]
EXT = "/usr/local/lib/php/extensions/no-debug-non-zts-20230831"
# `make install` of PHP 8.3 (sizes approximate, stripped)
PHP_INSTALL = [("/usr/local/bin/php", 0o755, 19_300_000), ("/usr/local/bin/phpize", 0o755, 4_900),
               ("/usr/local/bin/php-config", 0o755, 4_800), ("/usr/local/bin/pear", 0o755, 850),
               ("/usr/local/bin/peardev", 0o755, 870), ("/usr/local/bin/pecl", 0o755, 790),
               ("/usr/lib/apache2/modules/libphp.so", 0o644, 19_100_000),
               ("/etc/apache2/mods-available/php.load", 0o644, 68),
               (EXT + "/opcache.so", 0o755, 1_250_000), (EXT + "/sodium.so", 0o755, 95_000),
               ("/usr/local/etc/php/php.ini-development", 0o644, 73_000),
               ("/usr/local/etc/php/php.ini-production", 0o644, 73_200),
               ("/usr/local/etc/pear.conf", 0o644, 1_700),
               ("/usr/local/include/php/main/php.h", 0o644, 13_000),
               ("/usr/local/include/php/Zend/zend.h", 0o644, 14_000),
               ("/usr/local/include/php/ext/standard/info.h", 0o644, 3_500),
               ("/usr/local/lib/php/build/phpize.m4", 0o644, 7_000),
               ("/usr/local/lib/php/build/run-tests.php", 0o644, 120_000),
               ("/usr/local/lib/php/PEAR.php", 0o644, 33_000),
               ("/usr/local/lib/php/PEAR/Installer.php", 0o644, 67_000),
               ("/usr/local/lib/php/Archive/Tar.php", 0o644, 90_000),
               ("/usr/local/lib/php/.channels/pecl.php.net.reg", 0o644, 1_500),
               ("/usr/local/lib/php/doc/PEAR/LICENSE", 0o644, 1_500),
               ("/usr/local/lib/php/test/Console_Getopt/tests/bug10557.phpt", 0o644, 600),
               ("/usr/local/php/man/man1/php.1", 0o644, 14_000)]


def expand(s: str, env: dict) -> str:
    """$X, ${X} and BuildKit's ${X:+word} / ${X:-word} (word expanded too)."""
    def mod(m):
        v = env.get(m.group(1), "")
        if m.group(2) == "+":
            return expand(m.group(3), env) if v else ""
        return v or expand(m.group(3), env)
    s = re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*):([+-])([^}]*)\}", mod, s)
    return re.sub(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?", lambda m: env.get(m.group(1), ""), s)


def env_pairs(args: str, env: dict) -> list[tuple[str, str]]:
    key, _, rest = args.partition(" ")
    if "=" not in key:  # legacy form: ENV KEY value...
        return [(key, expand(rest.strip(), env))]
    return [(k, expand(v, env)) for k, _, v in (w.partition("=") for w in shlex.split(args))]


def run_files(cmd: str, env: dict) -> list[dict]:
    www = {"u": 33, "g": 33}
    if "no-debian-php" in cmd:
        return [{"p": "/etc/apt/preferences.d/no-debian-php", "t": "f", "m": 0o644,
                 "c": "Package: php*\nPin: release *\nPin-Priority: -1\n"}]
    if 'mkdir -p "$PHP_INI_DIR/conf.d"' in cmd:
        return [{"p": env["PHP_INI_DIR"] + "/conf.d", "t": "d", "m": 0o755},
                dict({"p": "/var/www/html", "t": "d", "m": 0o1777}, **www)]
    if "apt-get install -y --no-install-recommends apache2" in cmd:
        dirs = ["/var/lock/apache2", "/var/run/apache2", "/var/log/apache2", "/var/run/apache2/socks"]
        out = [dict({"p": d, "t": "d", "m": 0o1777}, **www) for d in dirs]
        out += [dict({"p": f"/var/log/apache2/{n}", "t": "l", "l": t, "m": 0o777}, **www)
                for n, t in (("error.log", "/dev/stderr"), ("access.log", "/dev/stdout"),
                             ("other_vhosts_access.log", "/dev/stdout"))]
        # envvars rewritten by the recipe's sed (size approximate)
        out.append({"p": "/etc/apache2/envvars", "t": "f", "m": 0o755, "s": 2_100})
        return out
    if "a2enmod mpm_prefork" in cmd:
        return [{"p": f"/etc/apache2/mods-enabled/mpm_prefork.{x}", "t": "l", "l": f"../mods-available/mpm_prefork.{x}",
                 "m": 0o777} for x in ("conf", "load")]
    if "docker-php.conf" in cmd:
        text = ("<FilesMatch \\.php$>\n\tSetHandler application/x-httpd-php\n</FilesMatch>\n\nDirectoryIndex disabled\n"
                "DirectoryIndex index.php index.html\n\n<Directory /var/www/>\n\tOptions -Indexes\n\tAllowOverride All\n"
                "</Directory>\n")
        return [{"p": "/etc/apache2/conf-available/docker-php.conf", "t": "f", "m": 0o644, "c": text},
                {"p": "/etc/apache2/conf-enabled/docker-php.conf", "t": "l", "l": "../conf-available/docker-php.conf",
                 "m": 0o777}]
    if 'curl -fsSL -o php.tar.xz "$PHP_URL"' in cmd:
        return [{"p": "/usr/src/php.tar.xz", "t": "f", "m": 0o644, "s": 12_600_000},
                {"p": "/usr/src/php.tar.xz.asc", "t": "f", "m": 0o644, "s": 833}]
    if "make install" in cmd:
        out = [{"p": p, "t": "f", "m": m, "s": s} for p, m, s in PHP_INSTALL]
        out.append({"p": "/etc/apache2/mods-enabled/php.load", "t": "l", "l": "../mods-available/php.load",
                    "m": 0o777})
        out.append({"p": env["PHP_INI_DIR"] + "/conf.d", "t": "d", "m": 0o755})
        return out
    m = re.search(r"docker-php-ext-enable (\w+)", cmd)
    if m:
        line = ("zend_extension=" if m.group(1) == "opcache" else "extension=") + m.group(1) + "\n"
        return [{"p": f"{env['PHP_INI_DIR']}/conf.d/docker-php-ext-{m.group(1)}.ini", "t": "f", "m": 0o644,
                 "c": line}]
    return []


def kept_packages(cmd: str, env: dict) -> list[str]:
    if "make install" in cmd:
        return RUNTIME_LIBS
    m = re.search(r"apt-get install -y --no-install-recommends(.*?);", cmd)
    if not m or "apt-get purge" in cmd:
        return []
    return [w for w in expand(m.group(1), env).split() if w != "\\"]


def main():
    apt = AptData()
    with open(os.path.join(RECIPES, "php-8.3-apache-bookworm.Dockerfile"), encoding="utf-8") as f:
        steps = final_stage(f.read())
    base = "debian:bookworm-slim"
    installed = installed_of(image_file(base))
    env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}
    body, n_k, synth = [], 0, 0
    for word, args in steps:
        if word == "ENV":
            pairs = env_pairs(args, env)
            env.update(pairs)
            body += ["H 1 ENV " + " ".join(f"{k}={v}" for k, v in pairs), "C buildkit.dockerfile.v0"]
        elif word == "RUN":
            files = run_files(args, env)
            want = [p if p != "libc-dev" else "libc6-dev" for p in kept_packages(args, env)]
            k = apt.closure(want, installed)
            installed |= set(k)
            n_k += len(k)
            synth += len([p for p in k if p not in apt.real])
            body += [("H 0 " if files or k else "H 1 ") + f"RUN /bin/sh -c {args} # buildkit", "C buildkit.dockerfile.v0"]
            if files:
                for e in files:
                    if "c" in e:
                        e["s"] = len(e["c"].encode())
                fmt.FileWriter(body).add_all(with_parents(files))
            body += [f"K {p}" for p in k]
        elif word == "COPY":
            names = shlex.split(args)[:-1]
            files = [{"p": "/usr/local/bin/" + n, "t": "f", "m": 0o755, "s": s} for n, s in CONTEXT.items()
                     if any(n == x or (x.endswith("*") and n.startswith(x[:-1])) for x in names)]
            body += ["H 0 " + copy_line(args), "C buildkit.dockerfile.v0"]
            fmt.FileWriter(body).add_all(with_parents(files))
        elif word == "WORKDIR":
            body += [f"H 1 WORKDIR {args}", "C buildkit.dockerfile.v0"]  # /var/www/html exists: no change
        elif word == "EXPOSE":
            body += [f"H 1 EXPOSE map[{args}/tcp:{{}}]", "C buildkit.dockerfile.v0"]
        elif word == "CMD" or word == "ENTRYPOINT":
            body += [f"H 1 {word} {args.replace(', ', ' ').replace(',', ' ')}", "C buildkit.dockerfile.v0"]
        else:
            body += [f"H 1 {word} {args}", "C buildkit.dockerfile.v0"]
    name = "php:8.3-apache-bookworm"
    tags = ["8.3-apache", "8.3.33-apache", "8.3.33-apache-bookworm", "8-apache", "apache"]
    lines = [
        "#layerlab-catalog 1 image",
        "# Generated by scripts/catalog/php_images.py from image-debian-bookworm-slim.txt, "
        "scripts/catalog/recipes/php-8.3-apache-bookworm.Dockerfile and the apt catalogs. Do not edit by hand.",
        "@generated 2026-07-30T00:00:00Z (the recipe's commit date)",
        f"@source github.com/{SRC}",
        f"@name {name}",
    ] + [f"@tag php:{t}" for t in tags] + [
        "@created 2026-07-30T00:00:00Z",
        "@merged-usr yes",
        f"@base {base}",
    ] + [f"@env {k}={v}" for k, v in env.items()] + [
        '@entrypoint ["docker-php-entrypoint"]', '@cmd ["apache2-foreground"]', "@workdir /var/www/html",
        "@approx what php.net's tarball gives (make install of PHP) is its layout with approximate sizes; the "
        "layers, history and apt packages are the real image's.",
        f"@note Layers and history of the official {name} ({SRC}). The apt layers are {n_k} packages from "
        f"layerlab's Debian bookworm data ({synth} with files approximated from their size): PHPIZE_DEPS, apache2 and "
        "the libraries the PHP build keeps. What php.net's tarball gives (not reachable here) is approximated: "
        "/usr/src/php.tar.xz and the `make install` tree (php, phpize, pear, headers, PEAR, libphp.so, opcache and "
        "sodium) with approximate sizes. Not modelled: the removals of lower-layer files (a2dismod's mpm_event "
        "links, apache's index.html), dpkg's status growth.",
    ] + body
    write(os.path.join(CAT, "image-php-8.3-apache-bookworm.txt"), lines)
    print(f"image-php-8.3-apache-bookworm.txt: {n_k} packages ({synth} synthesized)", file=sys.stderr)


if __name__ == "__main__":
    main()
