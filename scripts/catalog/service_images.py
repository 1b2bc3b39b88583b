#!/usr/bin/env python3
"""Official images from their publishers' Dockerfiles (docker-library, MariaDB and composer):

* redis:7.2-bookworm on debian:bookworm-slim and redis:7.2-alpine on the real
  alpine:3.20 (docker-library/redis 7.2/debian and 7.2/alpine: the recipes
  name exactly these bases);
* httpd:2.4-bookworm on debian:bookworm-slim (docker-library/httpd 2.4, its
  last recipe on bookworm);
* gcc:15 on buildpack-deps:bookworm (docker-library/gcc 15);
* tomcat:10.1-jdk21-temurin-noble on layerlab's eclipse-temurin:21-jdk-noble
  (docker-library/tomcat 10.1/jdk21/temurin-noble);
* wordpress:7.1-php8.3-apache on layerlab's php:8.3-apache-bookworm
  (docker-library/wordpress latest/php8.3/apache);
* mariadb:11.8 on layerlab's ubuntu:24.04 (MariaDB/mariadb-docker 11.8);
* composer:2.10 on layerlab's php:8.3-alpine (composer/docker latest, its
  stage default: what `COPY --from=composer` copies from);

    python3 scripts/catalog/service_images.py     (no network, no root; then base_index.py)

The recipes (scripts/catalog/recipes/, SOURCE there) are read instruction by
instruction (recipe_image.walk): history, ENV, VOLUME, WORKDIR, EXPOSE,
ENTRYPOINT and CMD are the real image's. Per RUN:

* the service's system user as Debian's groupadd -r / useradd -r or busybox's
  addgroup -S / adduser -S write it;
* apt layers: the packages and their Depends closure (K lines); on Alpine the
  apk names through layerlab's apk map (alpine_variants.apk_files);
* gosu: the one binary its RUN leaves (size approximate: gnupg and wget are
  removed again);
* the source build: what `make install` leaves in /usr/local (sizes
  approximate) and the runtime libraries the recipe keeps (apt-mark manual of
  what ldd finds; on Alpine scanelf's so: names, already in the minirootfs).
"""
from __future__ import annotations

import os
import re
import shlex
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from alpine_lang import DAY as ALPINE_DAY, apk_db, base_file, read_layers, read_packages, text_file  # noqa: E402
from alpine_variants import ALPINE_PATH, apk_files, apk_map, apk_names  # noqa: E402
from debian_images import AptData, CAT, RECIPES, image_file, installed_of  # noqa: E402
from dotnet_images import debian_system_user, final_stage, inherited_env  # noqa: E402
import recipe_image  # noqa: E402

DEBIAN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
GOSU = {"p": "/usr/local/bin/gosu", "t": "f", "m": 0o755, "s": 2_400_000, "ph": "gosu"}


def busybox_system_user(base: list[dict], user: str, uid: int, gid: int) -> list[dict]:
    """addgroup -S -g GID USER; adduser -S -G USER -u UID USER (home /home/USER, shell /sbin/nologin)."""
    group = base_file(base, "/etc/group")["c"] + f"{user}:x:{gid}:{user}\n"
    passwd = base_file(base, "/etc/passwd")["c"] + f"{user}:x:{uid}:{gid}:Linux User,,,:/home/{user}:/sbin/nologin\n"
    sh = base_file(base, "/etc/shadow")
    shadow = sh["c"] + f"{user}:!:{ALPINE_DAY}:0:99999:7:::\n"
    return [text_file("/etc/group", group), text_file("/etc/passwd", passwd),
            text_file("/etc/shadow", shadow, sh["m"], sh.get("u", 0), sh.get("g", 0)),
            {"p": f"/home/{user}", "t": "d", "m": 0o2755, "u": uid, "g": gid}]


def read_recipe(name: str) -> list[tuple[str, str]]:
    with open(os.path.join(RECIPES, name), encoding="utf-8") as f:
        return final_stage(f.read())


def base_env(name: str) -> dict:
    """The ENV a recipe starts with: the base image's @env lines (PATH first)."""
    with open(image_file(name), encoding="utf-8") as f:
        path = next(ln[10:].rstrip("\n") for ln in f if ln.startswith("@env PATH="))
    return dict([("PATH", path)] + [tuple(e.split("=", 1)) for e in inherited_env(name)])


class Apt:
    """apt-get install on an image: the Depends closure of what is not installed yet."""

    def __init__(self, apt: AptData, base: str):
        self.apt, self.installed, self.k, self.synth = apt, installed_of(image_file(base)), 0, 0

    def closure(self, want: list[str]) -> list[str]:
        k = self.apt.closure(want, self.installed)
        self.installed.update(k)
        self.k += len(k)
        self.synth += len([p for p in k if p not in self.apt.real])
        return k


# ---------------------------------------------------------------- redis

REDIS_SRC = "github.com/docker-library/redis"
REDIS_COMMIT = "e92049967d6baa9b4b3d6fd950553e6458e61f13"  # 2024-06-28; 7.2/ last changed 2024-05-22
REDIS_CREATED = "2024-05-22T00:00:00Z"
REDIS_DAY = 19865  # 2024-05-22 in days since 1970 (shadow's field)
# make install of redis 7.2 (BUILD_TLS=yes, jemalloc, not stripped): sizes approximate
REDIS_BIN = [("redis-server", 15_900_000), ("redis-benchmark", 7_700_000), ("redis-cli", 8_000_000)]
REDIS_LINKS = ["redis-check-aof", "redis-check-rdb", "redis-sentinel"]  # the recipe's ln -svfT redis-server


def redis_files(v: str) -> list[dict]:
    out = [{"p": f"/usr/local/bin/{n}", "t": "f", "m": 0o755, "s": s, "ph": f"redis {v}'s {n}"} for n, s in REDIS_BIN]
    return out + [{"p": f"/usr/local/bin/{n}", "t": "l", "l": "redis-server"} for n in REDIS_LINKS]


REDIS_ENTRY = {"p": "/usr/local/bin/docker-entrypoint.sh", "t": "f", "m": 0o755, "s": 661,
               "ph": "redis's docker-entrypoint.sh"}


def redis_bookworm(apt: AptData):
    recipe = "redis-7.2-bookworm.Dockerfile"
    steps = read_recipe(recipe)
    base = "debian:bookworm-slim"
    etc = {e["p"]: e for e in read_layers(image_file(base))[0]["files"]}
    a = Apt(apt, base)

    def run_layer(cmd, env):
        if "useradd -r -g redis" in cmd:
            return debian_system_user(etc, "redis", 999, "/home/redis", "/bin/sh", REDIS_DAY), []
        if "tzdata" in cmd and "gosu" not in cmd:
            return [], a.closure(["tzdata"])
        if "gosu --version" in cmd:
            return [GOSU], []
        if "make -C /usr/src/redis install" in cmd:
            return redis_files(env["REDIS_VERSION"]), a.closure(["libssl3"])
        if cmd.startswith("mkdir /data"):
            return [{"p": "/data", "t": "d", "m": 0o755, "u": 999, "g": 999}], []
        raise ValueError("a RUN of the recipe this script does not know: " + cmd[:80])

    env = {"PATH": DEBIAN_PATH}
    body = recipe_image.walk(steps, env, run_layer, lambda args, env: [REDIS_ENTRY])
    v = env["REDIS_VERSION"]
    tags = [f"redis:{t}" for t in ("7.2", v, "7", "latest", f"{v}-bookworm", "7-bookworm", "bookworm")]
    src = f"{REDIS_SRC} 7.2/debian/Dockerfile at commit {REDIS_COMMIT}"
    lines = recipe_image.header(
        "service_images.py from image-debian-bookworm-slim.txt, scripts/catalog/recipes/" + recipe +
        " and the apt catalogs", src, "redis:7.2-bookworm", tags, REDIS_CREATED, base, env,
        f"what redis {v}'s make install leaves (redis-server, redis-cli, redis-benchmark; built from download.redis.io's "
        "tarball, not reachable here) and gosu are placeholders with approximate sizes; the layers, history, the "
        "redis user and the apt packages are the real image's.",
        f"Layers and history of the official redis:{v}-bookworm ({src}). The redis user (999) as groupadd -r/useradd -r "
        f"write it; tzdata and the libssl3 the build keeps from layerlab's Debian bookworm data ({a.k} packages, "
        f"{a.synth} with files approximated from their size); gosu; redis-server, redis-cli and redis-benchmark in "
        "/usr/local/bin with approximate sizes and the three links to redis-server the recipe makes; /data owned by "
        "redis; docker-entrypoint.sh (its real size). Not modelled: dpkg's status growth.",
        ["@merged-usr yes", '@entrypoint ["docker-entrypoint.sh"]', '@cmd ["redis-server"]', "@workdir /data"])
    recipe_image.write(os.path.join(CAT, "image-redis-7.2-bookworm.txt"), lines + body)
    print(f"image-redis-7.2-bookworm.txt: {a.k} packages ({a.synth} synthesized)", file=sys.stderr)


def redis_alpine(pkgs, amap):
    recipe = "redis-7.2-alpine3.20.Dockerfile"
    steps = read_recipe(recipe)
    base = read_layers(image_file("alpine:3.20"))[0]["files"]
    missing = [0]

    def run_layer(cmd, env):
        if "adduser -S -G redis" in cmd:
            return busybox_system_user(base, "redis", 999, 1000), []
        if "tzdata" in cmd and "gosu" not in cmd:
            files, m = apk_files(apk_names(cmd), pkgs, amap, base)
            missing[0] += m
            return files, []
        if "gosu --version" in cmd:
            return [GOSU], []
        if "make -C /usr/src/redis install" in cmd:
            # scanelf finds libc, libssl and libcrypto: all in the minirootfs; the virtual package joins the world
            return redis_files(env["REDIS_VERSION"]) + apk_db(base, [".redis-rundeps"]), []
        if cmd.startswith("mkdir /data"):
            return [{"p": "/data", "t": "d", "m": 0o755, "u": 999, "g": 1000}], []
        raise ValueError("a RUN of the recipe this script does not know: " + cmd[:80])

    env = {"PATH": ALPINE_PATH}
    body = recipe_image.walk(steps, env, run_layer, lambda args, env: [REDIS_ENTRY])
    v = env["REDIS_VERSION"]
    tags = [f"redis:{t}-{s}" for t in ("7.2", v, "7") for s in ("alpine", "alpine3.20")]
    tags = [t for t in tags if t != "redis:7.2-alpine"] + ["redis:alpine", "redis:alpine3.20"]
    src = f"{REDIS_SRC} 7.2/alpine/Dockerfile at commit {REDIS_COMMIT}"
    lines = recipe_image.header(
        "service_images.py from image-alpine-3.20.txt, scripts/catalog/recipes/" + recipe + " and the catalogs",
        src, "redis:7.2-alpine", tags, REDIS_CREATED, "alpine:3.20", env,
        f"what redis {v}'s make install leaves (built from download.redis.io's tarball, not reachable here) and gosu "
        "are placeholders with approximate sizes, and tzdata is Debian's files under its Alpine name; the layers, "
        "history and the redis user are the real image's.",
        f"Layers and history of the official redis:{v}-alpine3.20 ({src}), on the real alpine:3.20 the recipe names. "
        "The redis user (999, group 1000) as busybox addgroup -S/adduser -S write it; tzdata from layerlab's apk map "
        f"(Debian bookworm's files{f', {missing[0]} packages without a file list left out' if missing[0] else ''}); "
        "gosu; redis-server, redis-cli and redis-benchmark in /usr/local/bin with approximate sizes and the three "
        "links to redis-server; the .redis-rundeps virtual package in the apk world (libssl3 and libcrypto3 are in "
        "the minirootfs); /data; docker-entrypoint.sh (its real size).",
        ['@entrypoint ["docker-entrypoint.sh"]', '@cmd ["redis-server"]', "@workdir /data"])
    recipe_image.write(os.path.join(CAT, "image-redis-7.2-alpine.txt"), lines + body)
    print("image-redis-7.2-alpine.txt", file=sys.stderr)


# ---------------------------------------------------------------- httpd

HTTPD_SRC = "github.com/docker-library/httpd"
HTTPD_COMMIT = "42b1c8997488557ae90e80ff64a90830b1563d75"  # 2025-07-23, the last 2.4/Dockerfile on bookworm-slim
HTTPD_CREATED = "2025-07-23T00:00:00Z"
HTTPD_PREFIX = "/usr/local/apache2"
# the libraries ldd finds in what make install leaves (the recipe apt-mark manual's their packages)
HTTPD_RUNTIME = ["libapr1", "libaprutil1", "libbrotli1", "libcurl4", "libjansson4", "liblua5.2-0", "libnghttp2-14",
                 "libpcre3", "libssl3", "libxml2"]
# httpd 2.4's make install tree (--enable-mods-shared=reallyall --enable-mpms-shared=all), man/ and manual/
# removed by the recipe: programs, configuration, a part of the modules, icons and error pages; sizes approximate
HTTPD_BIN = [("httpd", 2_400_000), ("ab", 120_000), ("apachectl", 3_400), ("apxs", 24_000), ("checkgid", 20_000),
             ("dbmmanage", 9_000), ("envvars", 1_000), ("envvars-std", 1_000), ("fcgistarter", 30_000),
             ("htcacheclean", 60_000), ("htdbm", 40_000), ("htdigest", 30_000), ("htpasswd", 40_000),
             ("httxt2dbm", 20_000), ("logresolve", 20_000), ("rotatelogs", 40_000)]
HTTPD_MODULES = ["access_compat", "actions", "alias", "allowmethods", "auth_basic", "auth_digest", "authn_core",
                 "authn_file", "authz_core", "authz_groupfile", "authz_host", "authz_user", "autoindex", "brotli",
                 "cache", "cache_disk", "cgi", "cgid", "dav", "dav_fs", "deflate", "dir", "env", "expires",
                 "filter", "headers", "http2", "include", "info", "ldap", "log_config", "logio", "lua", "md",
                 "mime", "mpm_event", "mpm_prefork", "mpm_worker", "negotiation", "proxy", "proxy_balancer",
                 "proxy_fcgi", "proxy_http", "proxy_http2", "proxy_wstunnel", "remoteip", "reqtimeout", "rewrite",
                 "setenvif", "slotmem_shm", "socache_shmcb", "ssl", "status", "substitute", "unique_id", "unixd",
                 "userdir", "version", "vhost_alias", "xml2enc"]
HTTPD_BIG = {"ssl": 1_100_000, "http2": 900_000, "lua": 700_000, "md": 1_300_000, "proxy": 500_000,
             "rewrite": 300_000, "dav": 350_000, "include": 250_000, "cache": 300_000, "ldap": 330_000,
             "mpm_event": 260_000, "mpm_worker": 230_000, "mpm_prefork": 180_000, "proxy_http2": 250_000}
HTTPD_CONF = [("httpd.conf", 20_800), ("magic", 13_100), ("mime.types", 60_800)] + [
    (f"extra/httpd-{n}.conf", s) for n, s in (("autoindex", 2_900), ("dav", 1_800), ("default", 3_000),
                                              ("info", 1_300), ("languages", 5_100), ("manual", 1_400),
                                              ("mpm", 4_500), ("multilang-errordoc", 2_200), ("ssl", 13_300),
                                              ("userdir", 1_000), ("vhosts", 1_600))] + [
    ("extra/proxy-html.conf", 3_900), ("original/httpd.conf", 20_800)]


def httpd_files(v: str) -> list[dict]:
    pre = HTTPD_PREFIX
    out = [{"p": pre, "t": "d", "m": 0o755, "u": 33, "g": 33}]  # the recipe's chown of the first layer stays
    out += [{"p": f"{pre}/bin/{n}", "t": "f", "m": 0o755, "s": s, "ph": f"httpd {v}'s {n}"} for n, s in HTTPD_BIN]
    out += [{"p": f"{pre}/modules/mod_{n}.so", "t": "f", "m": 0o755, "s": HTTPD_BIG.get(n, 60_000)}
            for n in HTTPD_MODULES] + [{"p": f"{pre}/modules/httpd.exp", "t": "f", "m": 0o644, "s": 13_000}]
    out += [{"p": f"{pre}/conf/{n}", "t": "f", "m": 0o644, "s": s} for n, s in HTTPD_CONF]
    out += [{"p": f"{pre}/htdocs/index.html", "t": "f", "m": 0o644,
             "c": "<html><body><h1>It works!</h1></body></html>\n"},
            {"p": f"{pre}/logs", "t": "d", "m": 0o755}]
    out += [{"p": f"{pre}/cgi-bin/{n}", "t": "f", "m": 0o644, "s": s}
            for n, s in (("printenv", 820), ("printenv.vbs", 1_074), ("printenv.wsf", 1_133), ("test-cgi", 1_261))]
    out += [{"p": f"{pre}/error/HTTP_{n}.html.var", "t": "f", "m": 0o644, "s": 13_000}
            for n in ("BAD_GATEWAY", "BAD_REQUEST", "FORBIDDEN", "GONE", "INTERNAL_SERVER_ERROR", "NOT_FOUND",
                      "SERVICE_UNAVAILABLE", "UNAUTHORIZED")] + [
        {"p": f"{pre}/error/README", "t": "f", "m": 0o644, "s": 2_000},
        {"p": f"{pre}/error/include/top.html", "t": "f", "m": 0o644, "s": 300}]
    out += [{"p": f"{pre}/icons/{n}", "t": "f", "m": 0o644, "s": 2_000}
            for n in ("apache_pb.png", "apache_pb2.png", "back.gif", "blank.gif", "folder.gif", "text.gif",
                      "image2.gif", "compressed.gif", "unknown.gif", "README", "README.html")]
    out += [{"p": f"{pre}/include/{n}", "t": "f", "m": 0o644, "s": 20_000}
            for n in ("httpd.h", "http_config.h", "http_core.h", "http_log.h", "http_protocol.h", "ap_config.h",
                      "ap_mmn.h", "mod_ssl.h")]
    out += [{"p": f"{pre}/build/{n}", "t": "f", "m": 0o644, "s": s}
            for n, s in (("config_vars.mk", 9_000), ("config.nice", 800), ("library.mk", 1_500),
                         ("rules.mk", 7_800), ("special.mk", 1_400))]
    return out


def httpd_bookworm(apt: AptData):
    recipe = "httpd-2.4-bookworm.Dockerfile"
    steps = read_recipe(recipe)
    base = "debian:bookworm-slim"
    a = Apt(apt, base)

    def run_layer(cmd, env):
        if cmd.startswith('mkdir -p "$HTTPD_PREFIX"'):
            return [{"p": HTTPD_PREFIX, "t": "d", "m": 0o755, "u": 33, "g": 33}], []
        if "libaprutil1-ldap" in cmd:
            return [], a.closure(["ca-certificates", "libaprutil1-ldap", "libldap-common"])
        if "make install" in cmd:
            files = httpd_files(env["HTTPD_VERSION"])
            for e in files:  # the recipe's sed: logs to the container's stdout/stderr, User/Group www-data
                if e["p"].endswith(("conf/httpd.conf", "extra/httpd-ssl.conf")):
                    e["s"] += 20
            return files, a.closure(HTTPD_RUNTIME)
        raise ValueError("a RUN of the recipe this script does not know: " + cmd[:80])

    def copy_layer(args, env):
        return [{"p": "/usr/local/bin/httpd-foreground", "t": "f", "m": 0o755, "s": 138}]

    env = {"PATH": DEBIAN_PATH}
    body = recipe_image.walk(steps, env, run_layer, copy_layer)
    v = env["HTTPD_VERSION"]
    tags = [f"httpd:{t}" for t in (v, "2.4", "2", "latest", f"{v}-bookworm", "2-bookworm", "bookworm")]
    src = f"{HTTPD_SRC} 2.4/Dockerfile at commit {HTTPD_COMMIT}"
    lines = recipe_image.header(
        "service_images.py from image-debian-bookworm-slim.txt, scripts/catalog/recipes/" + recipe +
        " and the apt catalogs", src, "httpd:2.4-bookworm", tags, HTTPD_CREATED, base, env,
        f"what httpd {v}'s make install leaves in /usr/local/apache2 (built from the Apache tarball, not reachable "
        "here) is its layout with a part of the modules and approximate sizes; the layers, history and the apt "
        "packages are the real image's.",
        f"Layers and history of the official httpd:{v}-bookworm ({src}; httpd:2.4 is on trixie today). "
        f"/usr/local/apache2 owned by www-data; the apt layers (ca-certificates, libaprutil1-ldap and the libraries "
        f"ldd finds, kept by apt-mark manual) from layerlab's Debian bookworm data ({a.k} packages, {a.synth} with "
        "files approximated from their size); httpd's make install tree in /usr/local/apache2 (bin, modules: a part "
        "of them, conf, htdocs/index.html, cgi-bin, error, icons, include, build, logs) with approximate sizes; "
        "httpd-foreground (its real size). Not modelled: dpkg's status growth.",
        ["@merged-usr yes", '@cmd ["httpd-foreground"]', "@workdir /usr/local/apache2"])
    recipe_image.write(os.path.join(CAT, "image-httpd-2.4-bookworm.txt"), lines + body)
    print(f"image-httpd-2.4-bookworm.txt: {a.k} packages ({a.synth} synthesized)", file=sys.stderr)


# ---------------------------------------------------------------- composer

COMPOSER_SRC = "github.com/composer/docker"
COMPOSER_COMMIT = "e1056b5bda92a20e51498cfa878d88c1c3721a62"  # 2026-07-02
PHP_EXT = "/usr/local/lib/php/extensions/no-debug-non-zts-20230831"


def composer_files(env: dict, pkgs, amap, base) -> list[dict]:
    """install-php-extensions bz2 zip, the signing keys, the composer phar; `find /tmp -type d -exec chmod 1777`."""
    ini = env["PHP_INI_DIR"] + "/conf.d"
    libs, _ = apk_files(["libbz2", "libzip"], pkgs, amap, base)
    return [{"p": "/usr/local/bin/install-php-extensions", "t": "f", "m": 0o755, "s": 215_000,
             "ph": "docker-php-extension-installer 1.2.58"},
            {"p": f"{PHP_EXT}/bz2.so", "t": "f", "m": 0o755, "s": 40_000},
            {"p": f"{PHP_EXT}/zip.so", "t": "f", "m": 0o755, "s": 160_000},
            {"p": f"{ini}/docker-php-ext-bz2.ini", "t": "f", "m": 0o644, "c": "extension=bz2\n"},
            {"p": f"{ini}/docker-php-ext-zip.ini", "t": "f", "m": 0o644, "c": "extension=zip\n"},
            {"p": "/tmp", "t": "d", "m": 0o1777},
            {"p": "/tmp/keys.dev.pub", "t": "f", "m": 0o644, "s": 799},
            {"p": "/tmp/keys.tags.pub", "t": "f", "m": 0o644, "s": 799},
            {"p": "/usr/bin/composer", "t": "f", "m": 0o755, "s": 3_100_000,
             "ph": f"Composer {env['COMPOSER_VERSION']}'s phar"}] + libs


def composer(pkgs, amap):
    recipe = "composer-2.10.Dockerfile"
    with open(os.path.join(RECIPES, recipe), encoding="utf-8") as f:
        text = f.read()
    steps = final_stage(text[:text.index("FROM scratch AS standalone-binary")])  # the stage `default` is
    base = read_layers(image_file("alpine:3.20"))[0]["files"]
    missing: list[str] = []

    def run_layer(cmd, env):
        if "apk add --no-cache --virtual .composer-rundeps" in cmd:
            names = apk_names(cmd)
            missing.extend(n for n in names if n not in amap)
            files, _ = apk_files([n for n in names if n in amap], pkgs, amap, base)
            return files + apk_db(base, [".composer-rundeps"]), []
        if cmd.startswith('printf "# composer php cli ini settings'):
            return [{"p": env["PHP_INI_DIR"] + "/php-cli.ini", "t": "f", "m": 0o644,
                     "c": "# composer php cli ini settings\ndate.timezone=UTC\nmemory_limit=-1\n"}], []
        if "installer.php" in cmd:
            return composer_files(env, pkgs, amap, base), []
        raise ValueError("a RUN of the recipe this script does not know: " + cmd[:80])

    def copy_layer(args, env):
        return [{"p": "/docker-entrypoint.sh", "t": "f", "m": 0o755, "s": 624}]

    php = "php:8.3-alpine"
    env = base_env(php)
    body = recipe_image.walk(steps, env, run_layer, copy_layer, new_dirs=("/app",))
    v = env["COMPOSER_VERSION"]
    minor = v.rsplit(".", 1)[0]
    src = f"{COMPOSER_SRC} latest/Dockerfile (its stage default) at commit {COMPOSER_COMMIT}"
    lines = recipe_image.header(
        "service_images.py from image-php-8.3-alpine.txt, scripts/catalog/recipes/" + recipe + " and the catalogs",
        src, f"composer:{minor}", [f"composer:{t}" for t in (v, "2", "latest")], "2026-07-02T00:00:00Z", php,
        env,
        "on layerlab's php:8.3-alpine (the recipe names php:8-alpine); the composer phar, install-php-extensions "
        "and the bz2 and zip extensions are placeholders with approximate sizes, and the apk packages are Debian's "
        "files under their Alpine names; the layers and history are the real image's.",
        f"Layers and history of the official composer:{v} ({src}). apk add's runtime packages from layerlab's apk "
        "map (Debian bookworm's files; " + ", ".join(missing) + " have no entry in it and are left out), "
        "php-cli.ini as the recipe's printf writes it, install-php-extensions and the bz2 and zip extensions it "
        "builds (their libraries from the apk map), the two signing keys left in /tmp, /usr/bin/composer (the "
        "phar, size approximate), /docker-entrypoint.sh (its real size) and the WORKDIR /app.",
        ['@entrypoint ["/docker-entrypoint.sh"]', '@cmd ["composer"]', "@workdir /app"])
    recipe_image.write(os.path.join(CAT, "image-composer-2.10.txt"), lines + body)
    print("image-composer-2.10.txt", file=sys.stderr)


# ---------------------------------------------------------------- gcc

GCC_SRC = "github.com/docker-library/gcc"
GCC_COMMIT = "339fcb5f09293ecdb47d6ae0b36b12509f0080e3"  # 15/Dockerfile as layerlab's code index has it (GCC 15.2.0)
TRIPLE = "x86_64-pc-linux-gnu"
# make install-strip of GCC 15 (--enable-languages=c,c++,fortran,go --disable-multilib): the programs, the
# compilers proper, the runtime libraries, a part of the headers; sizes approximate
GCC_BIN = [("gcc", 1_400_000), ("g++", 1_400_000), ("cpp", 1_400_000), ("gfortran", 1_400_000),
           ("gccgo", 1_400_000), ("go", 15_000_000), ("gofmt", 3_400_000), ("gcc-ar", 35_000), ("gcc-nm", 35_000),
           ("gcc-ranlib", 35_000), ("gcov", 700_000), ("gcov-dump", 450_000), ("gcov-tool", 500_000),
           ("lto-dump", 36_000_000)]
GCC_LINKS = [("c++", "g++"), (f"{TRIPLE}-gcc", "gcc"), (f"{TRIPLE}-g++", "g++"), (f"{TRIPLE}-c++", "g++"),
             (f"{TRIPLE}-gfortran", "gfortran"), (f"{TRIPLE}-gccgo", "gccgo")]
GCC_LIBEXEC = [("cc1", 38_000_000), ("cc1plus", 42_000_000), ("f951", 40_000_000), ("go1", 41_000_000),
               ("lto1", 36_000_000), ("collect2", 700_000), ("lto-wrapper", 650_000), ("cgo", 3_600_000),
               ("buildid", 3_000_000), ("test2json", 3_300_000), ("vet", 8_000_000), ("liblto_plugin.so", 80_000)]
GCC_LIB64 = [("libstdc++.so.6.0.34", 2_500_000), ("libstdc++.a", 7_000_000), ("libgcc_s.so.1", 150_000),
             ("libgfortran.so.5.0.0", 3_200_000), ("libgo.so.24.0.0", 60_000_000), ("libgo.a", 100_000_000),
             ("libgomp.so.1.0.0", 380_000), ("libquadmath.so.0.0.0", 300_000), ("libasan.so.8.0.0", 1_700_000),
             ("libtsan.so.2.0.0", 1_500_000), ("libubsan.so.1.0.0", 550_000), ("liblsan.so.0.0.0", 600_000),
             ("libitm.so.1.0.0", 120_000), ("libatomic.so.1.2.0", 30_000), ("libssp.so.0.0.0", 20_000)]


def gcc_files(v: str) -> list[dict]:
    major = v.split(".")[0]
    lib = f"/usr/local/lib/gcc/{TRIPLE}/{major}"
    out = [{"p": f"/usr/local/bin/{n}", "t": "f", "m": 0o755, "s": s, "ph": f"GCC {v}'s {n}"} for n, s in GCC_BIN]
    out += [{"p": f"/usr/local/bin/{n}", "t": "l", "l": t} for n, t in GCC_LINKS]
    out += [{"p": f"/usr/local/libexec/gcc/{TRIPLE}/{major}/{n}", "t": "f", "m": 0o755, "s": s} for n, s in GCC_LIBEXEC]
    out += [{"p": f"/usr/local/lib64/{n}", "t": "f", "m": 0o755 if ".so" in n else 0o644, "s": s} for n, s in GCC_LIB64]
    for n, _ in GCC_LIB64:  # the SONAME and development links
        if ".so." in n:
            stem, ver = n.split(".so.")
            out += [{"p": f"/usr/local/lib64/{stem}.so.{ver.split('.')[0]}", "t": "l", "l": n},
                    {"p": f"/usr/local/lib64/{stem}.so", "t": "l", "l": n}]
    out += [{"p": f"{lib}/{n}", "t": "f", "m": 0o644, "s": s}
            for n, s in (("crtbegin.o", 3_000), ("crtend.o", 1_200), ("crtbeginS.o", 3_300), ("crtendS.o", 1_200),
                         ("libgcc.a", 5_400_000), ("libgcc_eh.a", 450_000), ("libgcov.a", 350_000),
                         ("include/stddef.h", 13_000), ("include/stdarg.h", 4_300), ("include/immintrin.h", 5_000),
                         ("include/omp.h", 16_000), ("finclude/omp_lib.mod", 40_000))]
    out += [{"p": f"/usr/local/include/c++/{v}/{n}", "t": "f", "m": 0o644, "s": s}
            for n, s in (("iostream", 3_000), ("string", 4_000), ("vector", 4_700), ("algorithm", 3_400),
                         ("memory", 6_000), ("map", 3_500),
                         (f"{TRIPLE}/bits/c++config.h", 90_000), ("bits/stl_vector.h", 80_000),
                         ("bits/basic_string.h", 180_000))]
    out += [{"p": f"/usr/local/lib64/go/{v}/{TRIPLE}/fmt.gox", "t": "f", "m": 0o644, "s": 200_000},
            {"p": "/usr/local/share/gcc-" + v + "/python/libstdcxx/v6/printers.py", "t": "f", "m": 0o644,
             "s": 120_000},
            {"p": "/usr/local/share/info/gcc.info", "t": "f", "m": 0o644, "s": 6_500_000},
            {"p": "/usr/local/share/man/man1/gcc.1", "t": "f", "m": 0o644, "s": 1_100_000}]
    return out


def gcc_bookworm(apt: AptData):
    recipe = "gcc-15-bookworm.Dockerfile"
    steps = read_recipe(recipe)
    base = "buildpack-deps:bookworm"
    a = Apt(apt, base)

    def run_layer(cmd, env):
        if "abigail-tools" in cmd and "make install-strip" not in cmd:
            return [], a.closure(["abigail-tools"])
        if "make install-strip" in cmd:
            return gcc_files(env["GCC_VERSION"]), []
        if "000-local-lib.conf" in cmd:
            return [{"p": "/etc/ld.so.conf.d/000-local-lib.conf", "t": "f", "m": 0o644,
                     "c": "/usr/local/lib64\n/usr/local/lib\n"},
                    {"p": "/etc/ld.so.cache", "t": "f", "m": 0o644, "s": 24_000}], []
        if "dpkg-divert" in cmd:  # the renamed links (the originals' removal is not modelled) and the new cc
            return [{"p": "/usr/bin/gcc.orig", "t": "l", "l": "gcc-12"},
                    {"p": "/usr/bin/g++.orig", "t": "l", "l": "g++-12"},
                    {"p": "/var/lib/dpkg/diversions", "t": "f", "m": 0o644, "s": 160},
                    {"p": "/usr/bin/cc", "t": "l", "l": "/etc/alternatives/cc"},
                    {"p": "/etc/alternatives/cc", "t": "l", "l": "/usr/local/bin/gcc"},
                    {"p": "/var/lib/dpkg/alternatives/cc", "t": "f", "m": 0o644, "s": 80}], []
        raise ValueError("a RUN of the recipe this script does not know: " + cmd[:80])

    env = {"PATH": DEBIAN_PATH}
    body = recipe_image.walk(steps, env, run_layer)
    v = env["GCC_VERSION"]
    major, minor = v.split(".")[0], ".".join(v.split(".")[:2])
    tags = [f"gcc:{t}" for t in (v, minor, "latest", f"{v}-bookworm", f"{minor}-bookworm", f"{major}-bookworm",
                                 "bookworm")]
    src = f"{GCC_SRC} {major}/Dockerfile at commit {GCC_COMMIT}"
    lines = recipe_image.header(
        "service_images.py from image-buildpack-deps-bookworm.txt, scripts/catalog/recipes/" + recipe +
        " and the apt catalogs", src, f"gcc:{major}", tags, "2025-08-08T00:00:00Z", base, env,
        f"what GCC {v}'s make install-strip leaves in /usr/local (built from gcc.gnu.org's tarball, not reachable "
        "here) is its layout with a part of the files and approximate sizes (the programs are placeholders that run "
        "as layerlab's cc); the layers, history and the apt packages are the real image's.",
        f"Layers and history of the official gcc:{v} ({src}, on buildpack-deps:bookworm). abigail-tools and its "
        f"Depends from layerlab's Debian bookworm data ({a.k} packages, {a.synth} with files approximated from their "
        "size); GCC's make install-strip tree (gcc, g++, gfortran, gccgo, go and their links in /usr/local/bin, cc1, "
        "cc1plus, f951, go1, lto1 in libexec, the runtime libraries in /usr/local/lib64, a part of the headers) "
        "with approximate sizes; 000-local-lib.conf and ld.so.cache; the dpkg-divert renames and the cc "
        "alternative pointing at /usr/local/bin/gcc. Not modelled: the divert's removal of /usr/bin/gcc and g++ "
        "(they stay beside gcc.orig and g++.orig; /usr/local/bin comes first in PATH).",
        ["@merged-usr yes", '@cmd ["bash"]'])
    recipe_image.write(os.path.join(CAT, f"image-gcc-{major}-bookworm.txt"), lines + body)
    print(f"image-gcc-{major}-bookworm.txt: {a.k} packages ({a.synth} synthesized)", file=sys.stderr)


# ---------------------------------------------------------------- tomcat

TOMCAT_SRC = "github.com/docker-library/tomcat"
TOMCAT_COMMIT = "40f27d562f94c0dbfb861587ee8837047b1cd555"  # 2026-08-20
TOMCAT_LIB = ["annotations-api", "catalina", "catalina-ant", "catalina-ha", "catalina-ssi", "catalina-storeconfig",
              "catalina-tribes", "ecj-4.20", "el-api", "jasper", "jasper-el", "jaspic-api", "jsp-api",
              "servlet-api", "tomcat-api", "tomcat-coyote", "tomcat-dbcp", "tomcat-i18n-de", "tomcat-i18n-fr",
              "tomcat-i18n-ja", "tomcat-jdbc", "tomcat-jni", "tomcat-util", "tomcat-util-scan", "tomcat-websocket",
              "websocket-api", "websocket-client-api"]
TOMCAT_BIG = {"catalina": 1_750_000, "ecj-4.20": 3_200_000, "tomcat-coyote": 1_150_000, "jasper": 650_000,
              "tomcat-dbcp": 500_000, "catalina-tribes": 330_000, "tomcat-util": 300_000}


def tomcat_files(home: str) -> list[dict]:
    """apache-tomcat's tarball without bin/*.bat, webapps moved to webapps.dist, tomcat-native's make install;
    chmod 1777 logs temp work. Sizes approximate."""
    out = [{"p": f"{home}/bin/{n}", "t": "f", "m": 0o755, "s": s}
           for n, s in (("catalina.sh", 25_000), ("ciphers.sh", 1_900), ("configtest.sh", 1_900),
                        ("daemon.sh", 8_900), ("digest.sh", 1_900), ("makebase.sh", 3_400),
                        ("setclasspath.sh", 3_600), ("shutdown.sh", 1_900), ("startup.sh", 1_900),
                        ("tool-wrapper.sh", 4_500), ("version.sh", 1_900))]
    out += [{"p": f"{home}/bin/{n}", "t": "f", "m": 0o644, "s": s}
            for n, s in (("bootstrap.jar", 36_000), ("commons-daemon.jar", 26_000), ("tomcat-juli.jar", 52_000),
                         ("commons-daemon-native.tar.gz", 280_000), ("catalina-tasks.xml", 2_000))]
    out += [{"p": f"{home}/conf/{n}", "t": "f", "m": 0o644, "s": s}
            for n, s in (("catalina.policy", 13_000), ("catalina.properties", 9_000), ("context.xml", 1_400),
                         ("jaspic-providers.xml", 1_100), ("jaspic-providers.xsd", 2_300),
                         ("logging.properties", 4_100), ("server.xml", 7_600), ("tomcat-users.xml", 2_800),
                         ("tomcat-users.xsd", 2_600), ("web.xml", 177_000))]
    out += [{"p": f"{home}/lib/{n}.jar", "t": "f", "m": 0o644, "s": TOMCAT_BIG.get(n, 90_000)} for n in TOMCAT_LIB]
    out += [{"p": f"{home}/{n}", "t": "f", "m": 0o644, "s": s}
            for n, s in (("BUILDING.txt", 21_000), ("CONTRIBUTING.md", 6_200), ("LICENSE", 60_000),
                         ("NOTICE", 2_300), ("README.md", 3_300), ("RELEASE-NOTES", 6_900), ("RUNNING.txt", 16_000))]
    out += [{"p": f"{home}/{d}", "t": "d", "m": 0o1777} for d in ("logs", "temp", "work")]
    out += [{"p": f"{home}/webapps", "t": "d", "m": 0o755}]
    for app, n in (("ROOT", 12), ("docs", 180), ("examples", 120), ("host-manager", 20), ("manager", 30)):
        out += [{"p": f"{home}/webapps.dist/{app}/WEB-INF/web.xml", "t": "f", "m": 0o644, "s": 1_700},
                {"p": f"{home}/webapps.dist/{app}/index.{'jsp' if app != 'docs' else 'html'}", "t": "f",
                 "m": 0o644, "s": 12_000}]
        out += [{"p": f"{home}/webapps.dist/{app}/f{i:03}", "t": "f", "m": 0o644, "s": 8_000} for i in range(n)]
    out += [{"p": f"{home}/native-jni-lib/{n}", "t": "f", "m": 0o755 if ".so" in n else 0o644, "s": s}
            for n, s in (("libtcnative-2.so.0.0.3", 600_000), ("libtcnative-2.a", 900_000),
                         ("libtcnative-2.la", 1_100), (".dependencies.txt", 60))]
    out += [{"p": f"{home}/native-jni-lib/{n}", "t": "l", "l": "libtcnative-2.so.0.0.3"}
            for n in ("libtcnative-2.so", "libtcnative-2.so.0")]
    return out


def tomcat(apt: AptData):
    recipe = "tomcat-10.1-jdk21-temurin-noble.Dockerfile"
    steps = read_recipe(recipe)
    base = "eclipse-temurin:21-jdk-noble"
    a = Apt(apt, base)

    def run_layer(cmd, env):
        if cmd.startswith('mkdir -p "$CATALINA_HOME"'):
            return [{"p": env["CATALINA_HOME"], "t": "d", "m": 0o755}], []
        if "tomcat-native.tar.gz" in cmd:  # ldd keeps libapr1 (and libssl, in the base already)
            return tomcat_files(env["CATALINA_HOME"]), a.closure(["libapr1"])
        if "catalina.sh configtest" in cmd:
            return [], []
        raise ValueError("a RUN of the recipe this script does not know: " + cmd[:80])

    env = base_env(base)
    body = recipe_image.walk(steps, env, run_layer)
    v = env["TOMCAT_VERSION"]
    tags = [f"tomcat:{t}{s}" for t in (v, "10.1", "10") for s in ("-jdk21-temurin-noble", "-jdk21-temurin", "-jdk21")]
    tags = [t for t in tags if t != "tomcat:10.1-jdk21-temurin-noble"] + [f"tomcat:{t}" for t in (v, "10.1", "10")]
    src = f"{TOMCAT_SRC} 10.1/jdk21/temurin-noble/Dockerfile at commit {TOMCAT_COMMIT}"
    lines = recipe_image.header(
        "service_images.py from image-eclipse-temurin-21-jdk-noble.txt, scripts/catalog/recipes/" + recipe +
        " and the apt catalogs", src, "tomcat:10.1-jdk21-temurin-noble", tags, "2026-08-20T00:00:00Z", base, env,
        f"Tomcat {v}'s tarball (dlcdn.apache.org, not reachable here) and the tomcat-native library it builds are "
        "their layout with a part of the web applications and approximate sizes, on layerlab's eclipse-temurin:21-jdk-"
        "noble (itself approximated); the layers and history are the real image's.",
        f"Layers and history of the official tomcat:{v}-jdk21-temurin-noble ({src}). /usr/local/tomcat: bin (the .sh "
        "scripts, bootstrap.jar, tomcat-juli.jar), conf, lib (the jars), logs, temp and work (1777), an empty webapps "
        "and webapps.dist (ROOT, docs, examples, host-manager, manager: a part of their files), native-jni-lib "
        f"(libtcnative), with approximate sizes; libapr1 kept by apt-mark manual ({a.k} packages from layerlab's "
        "Debian bookworm data). Not modelled: dpkg's status growth.",
        ["@merged-usr yes", "@entrypoint []", '@cmd ["catalina.sh", "run"]', "@workdir /usr/local/tomcat"])
    recipe_image.write(os.path.join(CAT, "image-tomcat-10.1-jdk21-temurin-noble.txt"), lines + body)
    print(f"image-tomcat-10.1-jdk21-temurin-noble.txt: {a.k} packages ({a.synth} synthesized)", file=sys.stderr)


# ---------------------------------------------------------------- wordpress

WP_SRC = "github.com/docker-library/wordpress"
WP_COMMIT = "bf223d1c2087b0b2c3b86eefa830fe4bbc2bce07"  # 2026-08-19
WP_EXT = "/usr/local/lib/php/extensions/no-debug-non-zts-20230831"
# the libraries ldd finds in the built extensions (the recipe apt-mark manual's their packages)
WP_RUNTIME = ["libavif15", "libfreetype6", "libicu72", "libjpeg62-turbo", "libmagickwand-6.q16-6", "libpng16-16",
              "libwebp7", "libzip4"]
WP_EXTENSIONS = {"bcmath": 110_000, "exif": 120_000, "gd": 520_000, "intl": 1_300_000, "mysqli": 260_000,
                 "zip": 160_000, "imagick": 1_100_000}
# wordpress.org's tarball: its top-level files and a part of wp-admin, wp-includes and wp-content (sizes approximate)
WP_FILES = [("index.php", 405), ("license.txt", 19_903), ("readme.html", 7_409), ("wp-activate.php", 7_387),
            ("wp-blog-header.php", 351), ("wp-comments-post.php", 2_323), ("wp-config-sample.php", 3_336),
            ("wp-cron.php", 5_617), ("wp-links-opml.php", 2_502), ("wp-load.php", 3_937), ("wp-login.php", 51_367),
            ("wp-mail.php", 8_543), ("wp-settings.php", 29_032), ("wp-signup.php", 34_385),
            ("wp-trackback.php", 5_102), ("xmlrpc.php", 3_205), ("wp-admin/index.php", 7_000),
            ("wp-admin/admin.php", 12_000), ("wp-admin/install.php", 18_000), ("wp-admin/css/common.css", 80_000),
            ("wp-admin/js/common.js", 60_000), ("wp-includes/version.php", 1_000),
            ("wp-includes/functions.php", 280_000), ("wp-includes/class-wp-query.php", 160_000),
            ("wp-includes/js/jquery/jquery.min.js", 87_000), ("wp-includes/css/dist/block-library/style.css", 120_000),
            ("wp-content/index.php", 28), ("wp-content/plugins/index.php", 28), ("wp-content/plugins/hello.php", 2_600),
            ("wp-content/plugins/akismet/akismet.php", 2_300), ("wp-content/themes/index.php", 28),
            ("wp-content/themes/twentytwentyfive/style.css", 2_000),
            ("wp-content/themes/twentytwentyfive/theme.json", 25_000)]


def echoed(cmd: str) -> str:
    """The text of a RUN's `{ echo '...'; ... } > FILE`."""
    return "".join(m + "\n" for m in re.findall(r"echo '([^']*)'", cmd))


def wordpress(apt: AptData):
    recipe = "wordpress-php8.3-apache.Dockerfile"
    steps = read_recipe(recipe)
    base = "php:8.3-apache-bookworm"
    a = Apt(apt, base)
    www = {"u": 33, "g": 33}

    def run_layer(cmd, env):
        ini = env["PHP_INI_DIR"] + "/conf.d/"
        if "ghostscript" in cmd:  # libheif-plugin-aomenc and -x265 are trixie's (bookworm's libheif has no plugins)
            return [], a.closure(["ghostscript"])
        if "pecl install imagick" in cmd:
            files = [{"p": f"{WP_EXT}/{n}.so", "t": "f", "m": 0o755, "s": sz} for n, sz in WP_EXTENSIONS.items()]
            files += [{"p": f"{ini}docker-php-ext-{n}.ini", "t": "f", "m": 0o644, "c": f"extension={n}\n"}
                      for n in WP_EXTENSIONS]
            return files, a.closure(WP_RUNTIME)
        if "conf.d/opcache-recommended.ini" in cmd or "conf.d/error-logging.ini" in cmd:
            name = re.search(r'conf\.d/([\w-]+\.ini)', cmd).group(1)
            return [{"p": ini + name, "t": "f", "m": 0o644, "c": echoed(cmd)}], []
        if "a2enmod rewrite expires" in cmd:
            out = [{"p": f"/etc/apache2/mods-enabled/{m}.load", "t": "l", "l": f"../mods-available/{m}.load"}
                   for m in ("rewrite", "expires", "remoteip")]
            return out + [{"p": "/etc/apache2/conf-available/remoteip.conf", "t": "f", "m": 0o644, "c": echoed(cmd)},
                          {"p": "/etc/apache2/conf-enabled/remoteip.conf", "t": "l",
                           "l": "../conf-available/remoteip.conf"},
                          {"p": "/etc/apache2/apache2.conf", "t": "f", "m": 0o644, "s": 7_224}], []
        if "wordpress.tar.gz" in cmd:
            src = "/usr/src/wordpress/"
            out = [dict({"p": src + n, "t": "f", "m": 0o644, "s": sz}, **www) for n, sz in WP_FILES]
            dirs = {src + n.rsplit("/", 1)[0] for n, _ in WP_FILES if "/" in n} | {src.rstrip("/")}
            dirs |= {d.rsplit("/", 1)[0] for d in dirs if d.count("/") > 4}
            out += [dict({"p": d, "t": "d", "m": 0o755}, **www) for d in sorted(dirs)]
            out.append(dict({"p": src + ".htaccess", "t": "f", "m": 0o644, "c": echoed(cmd)}, **www))
            html = "/var/www/html/wp-content"
            out += [dict({"p": d, "t": "d", "m": 0o1777}, **www)
                    for d in (html, html + "/plugins", html + "/themes", html + "/cache")]
            return out, []
        if cmd.startswith("ln -svfT docker-entrypoint.sh"):
            return [{"p": "/usr/local/bin/docker-ensure-installed.sh", "t": "l", "l": "docker-entrypoint.sh"}], []
        raise ValueError("a RUN of the recipe this script does not know: " + cmd[:80])

    def copy_layer(args, env):
        if "wp-config-docker.php" in args:
            return [dict({"p": "/usr/src/wordpress/wp-config-docker.php", "t": "f", "m": 0o644, "s": 5_818}, **www),
                    dict({"p": "/usr/src/wordpress", "t": "d", "m": 0o755}, **www)]  # the directory as below
        return [{"p": "/usr/local/bin/docker-entrypoint.sh", "t": "f", "m": 0o755, "s": 3_459}]

    env = base_env(base)
    body = recipe_image.walk(steps, env, run_layer, copy_layer)
    tags = [f"wordpress:{t}" for t in ("7.1.0-php8.3-apache", "7-php8.3-apache", "php8.3-apache", "7.1-php8.3",
                                       "7-php8.3", "php8.3")]
    src = f"{WP_SRC} latest/php8.3/apache/Dockerfile at commit {WP_COMMIT}"
    lines = recipe_image.header(
        "service_images.py from image-php-8.3-apache-bookworm.txt, scripts/catalog/recipes/" + recipe +
        " and the apt catalogs", src, "wordpress:7.1-php8.3-apache", tags, "2026-08-19T00:00:00Z", base, env,
        "on layerlab's php:8.3-apache-bookworm (the recipe names php:8.3-apache, on trixie today); the PHP "
        "extensions it builds and wordpress.org's tarball (not reachable here) are placeholders and a part of its "
        "files with approximate sizes; the layers, history, configuration files and apt packages are the real "
        "image's.",
        f"Layers and history of the official wordpress:7.1-php8.3-apache ({src}): ghostscript (the two libheif "
        "plugins are trixie packages, left out), the extensions bcmath, exif, gd, intl, mysqli, zip and imagick "
        f"with their ini files and the libraries the build keeps ({a.k} packages from layerlab's Debian bookworm "
        f"data, {a.synth} with files approximated from their size), opcache-recommended.ini and error-logging.ini "
        "as the recipe writes them, the rewrite, expires and remoteip modules and remoteip.conf, WordPress in "
        "/usr/src/wordpress (a part of its files, owned by www-data) with its .htaccess, the 1777 wp-content "
        "folders in /var/www/html, wp-config-docker.php and docker-entrypoint.sh (their real sizes).",
        ["@merged-usr yes", '@entrypoint ["docker-entrypoint.sh"]', '@cmd ["apache2-foreground"]',
         "@workdir /var/www/html"])
    recipe_image.write(os.path.join(CAT, "image-wordpress-7.1-php8.3-apache.txt"), lines + body)
    print(f"image-wordpress-7.1-php8.3-apache.txt: {a.k} packages ({a.synth} synthesized)", file=sys.stderr)


# ---------------------------------------------------------------- mariadb

MARIADB_SRC = "github.com/MariaDB/mariadb-docker"
MARIADB_COMMIT = "1b6429ba3544e134715c15f8c56cc6f665f827c9"  # 2026-05-29
NOBLE_AS_BOOKWORM = {"libtcmalloc-minimal4t64": "libtcmalloc-minimal4"}  # noble's t64 names, bookworm's packages


def mariadb(apt: AptData):
    recipe = "mariadb-11.8-noble.Dockerfile"
    steps = read_recipe(recipe)
    base = "ubuntu:24.04"
    etc = {e["p"]: e for e in read_layers(image_file(base))[0]["files"]}
    a = Apt(apt, base)
    repo = next(shlex.split(v)[0].split("=", 1)[1] for w, v in steps if w == "ARG" and v.startswith("REPOSITORY="))

    def run_layer(cmd, env):
        if "useradd -r -g mysql" in cmd:  # layerlab's ubuntu:24.04 has no ubuntu user to delete
            return debian_system_user(etc, "mysql", 999, "/var/lib/mysql", "/bin/sh", 20602), []
        if "gosu --version" in cmd:
            names = ["ca-certificates", "gpg", "gpgv", "libjemalloc2", "libtcmalloc-minimal4t64", "pwgen", "tzdata",
                     "xz-utils", "zstd"]
            return [GOSU, {"p": "/etc/apt/trusted.gpg.d/mariadb.gpg", "t": "f", "m": 0o644, "s": 1_400}], \
                a.closure([NOBLE_AS_BOOKWORM.get(n, n) for n in names])
        if cmd.startswith("mkdir /docker-entrypoint-initdb.d"):
            return [{"p": "/docker-entrypoint-initdb.d", "t": "d", "m": 0o755}], []
        if "/etc/apt/preferences.d/mariadb" in cmd:
            return [{"p": "/etc/apt/sources.list.d/mariadb.list", "t": "f", "m": 0o644, "c": f"deb {repo}\n"},
                    {"p": "/etc/apt/preferences.d/mariadb", "t": "f", "m": 0o644, "c": echoed(cmd)}], []
        if "mariadb-server=" in cmd:
            mysql = {"u": 999, "g": 999}
            return [dict({"p": "/var/lib/mysql", "t": "d", "m": 0o755}, **mysql),
                    dict({"p": "/run/mysqld", "t": "d", "m": 0o1777}, **mysql),
                    {"p": "/etc/mysql/mariadb.conf.d/05-skipcache.cnf", "t": "f", "m": 0o644,
                     "c": "[mariadb]\nhost-cache-size=0\nskip-name-resolve\n"}], \
                a.closure(["mariadb-server", "mariadb-backup", "socat"])
        raise ValueError("a RUN of the recipe this script does not know: " + cmd[:80])

    def copy_layer(args, env):
        sizes = {"healthcheck.sh": 10_345, "docker-entrypoint.sh": 26_880}
        n = args.split()[0]
        return [{"p": f"/usr/local/bin/{n}", "t": "f", "m": 0o755, "s": sizes[n]}]

    env = base_env(base)
    body = recipe_image.walk(steps, env, run_layer, copy_layer)
    v = env["MARIADB_VERSION"].split(":")[1].split("+")[0]
    tags = [f"mariadb:{t}" for t in (v, "11", "lts", "latest", f"{v}-noble", "11.8-noble", "11-noble", "lts-noble",
                                     "noble")]
    src = f"{MARIADB_SRC} 11.8/Dockerfile at commit {MARIADB_COMMIT}"
    lines = recipe_image.header(
        "service_images.py from image-ubuntu-24.04.txt, scripts/catalog/recipes/" + recipe + " and the apt catalogs",
        src, "mariadb:11.8", tags, "2026-05-29T00:00:00Z", base, env,
        "on layerlab's ubuntu:24.04 (itself approximated from Debian); MariaDB 11.8 from archive.mariadb.org is "
        "Debian bookworm's mariadb-server (10.11) and its Depends, gosu's size is approximate; the layers and "
        "history are the real image's.",
        f"Layers and history of the official mariadb:{v} ({src}). The mysql system user (999) as groupadd -r/useradd "
        "-r write it; the apt layers (ca-certificates, gpg, jemalloc, tcmalloc, pwgen, tzdata, xz-utils, zstd; "
        "mariadb-server, mariadb-backup and socat: Debian bookworm's packages for archive.mariadb.org's, "
        f"{a.k} packages from layerlab's Debian data, {a.synth} with files approximated from their size), gosu, "
        "the MariaDB apt source and pin as the recipe writes them, /var/lib/mysql and the 1777 /run/mysqld owned "
        "by mysql, 05-skipcache.cnf, healthcheck.sh and docker-entrypoint.sh (their real sizes). Not modelled: the "
        "packages' maintainer scripts, the recipe's sed of the *.cnf files.",
        ["@merged-usr yes", '@entrypoint ["docker-entrypoint.sh"]', '@cmd ["mariadbd"]'])
    recipe_image.write(os.path.join(CAT, "image-mariadb-11.8-noble.txt"), lines + body)
    print(f"image-mariadb-11.8-noble.txt: {a.k} packages ({a.synth} synthesized)", file=sys.stderr)


def main():
    apt = AptData()
    redis_bookworm(apt)
    httpd_bookworm(apt)
    gcc_bookworm(apt)
    tomcat(apt)
    wordpress(apt)
    mariadb(apt)
    pkgs = read_packages(os.path.join(CAT, "debian-bookworm.apt.txt"))
    amap = apk_map()
    redis_alpine(pkgs, amap)
    composer(pkgs, amap)


if __name__ == "__main__":
    main()
