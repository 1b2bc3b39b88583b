#!/usr/bin/env python3
"""louislam/uptime-kuma's base images, from its docker/debian-base.dockerfile and
docker/builder-go.dockerfile (scripts/catalog/recipes/, SOURCE there):

* louislam/uptime-kuma:base2-slim (stage base2-slim) on layerlab's
  node:20-bookworm-slim (the recipe names node:22-bookworm-slim);
* louislam/uptime-kuma:base2 (stage base2) on base2-slim;
* louislam/uptime-kuma:builder-go on layerlab's golang:1.22 (bookworm; the
  recipe names golang:1-buster, a Debian release layerlab has no data for).

    python3 scripts/catalog/kuma_images.py     (no network, no root; then base_index.py)

Each stage is read instruction by instruction (recipe_image.walk): apt layers
are the packages' Depends closure (K lines; the downloaded apprise .deb as
Debian bookworm's apprise); cloudflared (pkg.cloudflare.com) and the Go
healthcheck the builder compiles are placeholders with approximate sizes;
COPYed files have their real sizes (the repository's extra/ folder:
recipes/uptime-kuma-extra.sizes, `git ls-tree -l` at the commit).
"""
from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from debian_images import AptData, CAT, RECIPES  # noqa: E402
from dotnet_images import final_stage  # noqa: E402
import recipe_image  # noqa: E402
from service_images import Apt, base_env  # noqa: E402

SRC = "github.com/louislam/uptime-kuma"
COMMIT = "6398a9581d1c3c427a7536559f47ccf45dac08b4"  # 2026-08-22
CREATED = "2026-08-22T00:00:00Z"
REPO = "louislam/uptime-kuma"


def stage(text: str, name: str) -> list[tuple[str, str]]:
    """The instructions of the stage `FROM ... AS name`."""
    lines = text.split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("FROM ") and ln.split()[-1] == name)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("FROM ")), len(lines))
    return final_stage("\n".join(lines[start:end]))


NODE_CONFIG = ['@entrypoint ["docker-entrypoint.sh"]', '@cmd ["node"]']  # node's, inherited


def write(name: str, base: str, env: dict, body: list[str], src: str, approx: str, note: str, extra=()):
    lines = recipe_image.header("kuma_images.py from scripts/catalog/recipes/uptime-kuma-*.dockerfile and the apt "
                                "catalogs", src, f"{REPO}:{name}", [], CREATED, base, env, approx, note,
                                ["@merged-usr yes"] + list(extra))
    recipe_image.write(os.path.join(CAT, f"image-uptime-kuma-{name}.txt"), lines + body)
    print(f"image-uptime-kuma-{name}.txt", file=sys.stderr)


def base2(apt: AptData, text: str):
    src = f"{SRC} docker/debian-base.dockerfile at commit {COMMIT}"
    slim_base = "node:20-bookworm-slim"
    a = Apt(apt, slim_base)

    def run_slim(cmd, env):
        if "dumb-init" in cmd:
            return [], a.closure(["sqlite3", "ca-certificates", "iputils-ping", "util-linux", "dumb-init", "curl",
                                  "sudo", "nscd"])
        if "./apprise.deb" in cmd:  # the .deb GitHub serves, as Debian bookworm's apprise (rm of the .deb: a whiteout)
            return [], a.closure(["apprise", "python3-paho-mqtt"])
        if "cloudflared" in cmd:
            return [{"p": "/usr/share/keyrings/cloudflare-main.gpg", "t": "f", "m": 0o644, "s": 1_750},
                    {"p": "/etc/apt/sources.list.d/cloudflared.list", "t": "f", "m": 0o644,
                     "c": "deb [signed-by=/usr/share/keyrings/cloudflare-main.gpg] "
                          "https://pkg.cloudflare.com/cloudflared bookworm main\n"},
                    {"p": "/usr/bin/cloudflared", "t": "f", "m": 0o755, "s": 38_000_000, "ph": "cloudflared"}], []
        if "update-ca-certificates" in cmd:
            out = []
            for n in ("ye", "yr"):
                crt = f"/usr/local/share/ca-certificates/isrg-root-{n}.crt"
                out += [{"p": crt, "t": "f", "m": 0o644, "s": 800},
                        {"p": f"/etc/ssl/certs/isrg-root-{n}.pem", "t": "l", "l": crt}]
            return out + [{"p": "/etc/ssl/certs/ca-certificates.crt", "t": "f", "m": 0o644, "s": 221_000}], []
        raise ValueError("a RUN of the recipe this script does not know: " + cmd[:80])

    def copy_slim(args, env):
        if "apprise.deb" in args:
            return [{"p": "/apprise.deb", "t": "f", "m": 0o644, "s": 1_600_000, "ph": "apprise's .deb"}]
        return [{"p": "/etc/nscd.conf", "t": "f", "m": 0o644, "s": 3_951} if "nscd" in args else
                {"p": "/etc/sudoers", "t": "f", "m": 0o644, "s": 840}]

    env = base_env(slim_base)
    body = recipe_image.walk(stage(text, "base2-slim"), env, run_slim, copy_slim)
    write("base2-slim", slim_base, env, body, src,
          "on layerlab's node:20-bookworm-slim (the recipe names node:22-bookworm-slim); apprise is Debian bookworm's "
          "package where the recipe installs a newer .deb, cloudflared is a placeholder with an approximate size; "
          "the layers and history are the real image's.",
          f"Layers and history of {REPO}:base2-slim ({src}, its stage base2-slim): the apt layer (sqlite3, "
          "ca-certificates, iputils-ping, util-linux, dumb-init, curl, sudo, nscd and their Depends), apprise's .deb "
          "and its install (Debian's apprise and python3-paho-mqtt; the rm of the .deb a layer later is not "
          "modelled), cloudflared from pkg.cloudflare.com, nscd.conf and sudoers (their real sizes), the two Let's "
          f"Encrypt roots and the grown bundle. {a.k} packages from layerlab's Debian bookworm data ({a.synth} with "
          "files approximated from their size).", NODE_CONFIG)

    full = Apt(apt, slim_base)
    full.installed |= a.installed

    def run_full(cmd, env):
        k = full.closure(["chromium", "fonts-indic", "fonts-noto", "fonts-noto-cjk", "mariadb-server"])
        return [{"p": "/var/lib/mysql", "t": "d", "m": 0o755, "u": 1000, "g": 1000}], k

    env = base_env(slim_base)
    body = recipe_image.walk(stage(text, "base2"), env, run_full)
    write("base2", f"{REPO}:base2-slim", env, body, src,
          "on layerlab's louislam/uptime-kuma:base2-slim (approximated); the layers, history and apt packages are "
          "the real image's.",
          f"Layers and history of {REPO}:base2 ({src}, its stage base2): chromium, the Noto and Indic fonts and "
          f"mariadb-server with their Depends ({full.k} packages from layerlab's Debian bookworm data, {full.synth} "
          "with files approximated from their size), /var/lib/mysql owned by node. Not modelled: the packages' "
          "maintainer scripts (mariadb's mysql user), dpkg's status growth.", NODE_CONFIG)


def builder_go(apt: AptData, text: str):
    src = f"{SRC} docker/builder-go.dockerfile at commit {COMMIT}"
    base = "golang:1.22-bookworm"
    with open(os.path.join(RECIPES, "uptime-kuma-extra.sizes"), encoding="utf-8") as f:
        extra = [ln.split(" ", 1) for ln in f.read().splitlines() if ln]

    def run_layer(cmd, env):
        if cmd.startswith("sed -i '/^deb/s/^/#/' /etc/apt/sources.list"):
            return [{"p": "/etc/apt/sources.list", "t": "f", "m": 0o644,
                     "c": "deb http://archive.debian.org/debian buster main contrib non-free\n"
                          "deb http://archive.debian.org/debian-security buster/updates main contrib non-free\n"
                          "deb http://archive.debian.org/debian buster-updates main contrib non-free\n"}], []
        if "build-healthcheck.js" in cmd:  # nodesource's source and key stay; nodejs is removed again
            return [{"p": "/etc/apt/sources.list.d/nodesource.list", "t": "f", "m": 0o644, "s": 110},
                    {"p": "/usr/share/keyrings/nodesource.gpg", "t": "f", "m": 0o644, "s": 1_200},
                    {"p": "/app/extra/healthcheck", "t": "f", "m": 0o755, "s": 6_300_000,
                     "ph": "uptime-kuma's Go healthcheck"}], []
        raise ValueError("a RUN of the recipe this script does not know: " + cmd[:80])

    def copy_layer(args, env):
        return [{"p": "/app/" + p, "t": "f", "m": 0o644, "s": int(s)} for s, p in extra]

    env = base_env(base)
    body = recipe_image.walk(final_stage(text), env, run_layer, copy_layer, new_dirs=("/app",))
    write("builder-go", base, env, body, src,
          "on layerlab's golang:1.22 (bookworm; the recipe names golang:1-buster, a release layerlab has no data "
          "for); the healthcheck binary it compiles is a placeholder with an approximate size; the layers and "
          "history are the real image's.",
          f"Layers and history of {REPO}:builder-go ({src}): WORKDIR /app, the repository's extra/ folder (its "
          "files' real sizes), the sources.list pointing at archive.debian.org (buster's commented lines left out), "
          "the nodesource source and key, and /app/extra/healthcheck as build-healthcheck.js leaves it.",
          ["@workdir /app", '@cmd ["bash"]'])


def main():
    apt = AptData()
    with open(os.path.join(RECIPES, "uptime-kuma-debian-base.dockerfile"), encoding="utf-8") as f:
        base2(apt, f.read())
    with open(os.path.join(RECIPES, "uptime-kuma-builder-go.dockerfile"), encoding="utf-8") as f:
        builder_go(apt, f.read())


if __name__ == "__main__":
    main()
