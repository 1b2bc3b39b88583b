#!/usr/bin/env python3
"""tiangolo/uvicorn-gunicorn:python3.11-slim and tiangolo/uvicorn-gunicorn-fastapi:python3.11-slim,
from tiangolo/uvicorn-gunicorn-docker and tiangolo/uvicorn-gunicorn-fastapi-docker's
docker-images/python3.11-slim.dockerfile (scripts/catalog/recipes/, SOURCE there), on
layerlab's python:3.11-slim (the very image the recipes name).

    python3 scripts/catalog/tiangolo_images.py     (no network, no root; then base_index.py)

Read instruction by instruction (recipe_image.walk). `pip install -r requirements.txt`
installs the named packages and their Depends closure from layerlab's pip data
(pypi.pip.txt, approximated from Debian's python3-* packages: its versions, not the
pinned ones; extras such as [standard] and [all] are not modelled) into
/usr/local/lib/python3.11/site-packages and /usr/local/bin; COPYed files have their
real sizes and modes (`git ls-tree` at the commits below).
"""
from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from alpine_lang import read_packages  # noqa: E402
from debian_images import CAT, RECIPES  # noqa: E402
from dotnet_images import final_stage  # noqa: E402
import recipe_image  # noqa: E402
from service_images import base_env  # noqa: E402

BASE = "python:3.11-slim"
SITE, BIN = "/usr/local/lib/python3.11/site-packages/", "/usr/local/bin/"
IMAGES = {  # name: (repository, commit, date, requirements, {COPY source: [(path in the image, size, mode)]})
    "uvicorn-gunicorn": ("github.com/tiangolo/uvicorn-gunicorn-docker", "cb5abd5fddd4faa8b8a7c4765f8ed267b567476f",
                         "2026-06-24", ["uvicorn", "gunicorn"],
                         {"requirements.txt": [("/tmp/requirements.txt", 43, 0o644)],
                          "./start.sh": [("/start.sh", 1_111, 0o644)],
                          "./gunicorn_conf.py": [("/gunicorn_conf.py", 1_937, 0o644)],
                          "./start-reload.sh": [("/start-reload.sh", 848, 0o644)],
                          "./app": [("/app/main.py", 640, 0o755), ("/app/prestart.sh", 204, 0o644)]}),
    "uvicorn-gunicorn-fastapi": ("github.com/tiangolo/uvicorn-gunicorn-fastapi-docker",
                                 "072ed47b707297526c1de46a51a18b0da6f79b82", "2026-06-24",
                                 ["uvicorn", "gunicorn", "fastapi"],
                                 {"requirements.txt": [("/tmp/requirements.txt", 65, 0o644)],
                                  "./app": [("/app/main.py", 292, 0o755)]}),
}


def pip_depends() -> dict[str, list[str]]:
    out, cur = {}, None
    with open(os.path.join(CAT, "pypi.pip.txt"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("P "):
                cur = line.split()[1]
                out[cur] = []
            elif cur and line.startswith("D "):
                out[cur] = line.split()[1:]
    return out


def pip_files(names: list[str], pkgs, deps, have: set[str]) -> list[dict]:
    todo, seen, out = list(names), set(), []
    while todo:
        n = todo.pop(0)
        if n in seen or n in have or n not in pkgs:
            continue
        seen.add(n)
        todo += deps.get(n, [])
        for e in pkgs[n]:
            p = e["p"]
            p = SITE + p[len("site-packages/"):] if p.startswith("site-packages/") else BIN + p[len("bin/"):]
            out.append(dict(e, p=p))
    have |= seen
    return out


def image(kind: str, pkgs, deps, have: set[str]):
    src, commit, date, reqs, copies = IMAGES[kind]
    recipe = f"tiangolo-{kind}-python3.11-slim.dockerfile"
    with open(os.path.join(RECIPES, recipe), encoding="utf-8") as f:
        steps = final_stage(f.read())
    base = BASE if kind == "uvicorn-gunicorn" else "tiangolo/uvicorn-gunicorn:python3.11-slim"

    def run_layer(cmd, env):
        if cmd.startswith("pip install"):
            return pip_files(reqs, pkgs, deps, have), []
        if cmd.startswith("chmod +x "):  # the copied-up script with its new mode
            p = cmd.split()[-1]
            size = next(s for files in copies.values() for q, s, _ in files if q == p)
            return [{"p": p, "t": "f", "m": 0o755, "s": size}], []
        raise ValueError("a RUN of the recipe this script does not know: " + cmd[:80])

    def copy_layer(args, env):
        return [{"p": p, "t": "f", "m": m, "s": s} for p, s, m in copies[args.split()[0]]]

    env = base_env(BASE if kind == "uvicorn-gunicorn" else base)
    body = recipe_image.walk(steps, env, run_layer, copy_layer)
    name = f"tiangolo/{kind}:python3.11-slim"
    lines = recipe_image.header(
        "tiangolo_images.py from scripts/catalog/recipes/" + recipe + " and the pip catalog",
        f"{src} docker-images/python3.11-slim.dockerfile at commit {commit}", name, [], date + "T00:00:00Z", base,
        env, "the pip packages are layerlab's pip data (approximated from Debian's python3-* packages: other "
        "versions than the pinned ones, no extras); the layers, history and copied files are the real image's.",
        f"Layers and history of {name} ({src} docker-images/python3.11-slim.dockerfile at commit {commit}): "
        f"pip install of {', '.join(reqs)} and their dependencies from layerlab's pip data, the copied scripts and "
        "app with their real sizes and modes.", ["@merged-usr yes", '@cmd ["/start.sh"]', "@workdir /app/"])
    recipe_image.write(os.path.join(CAT, f"image-tiangolo-{kind}-python3.11-slim.txt"), lines + body)
    print(f"image-tiangolo-{kind}-python3.11-slim.txt", file=sys.stderr)


def main():
    pkgs = read_packages(os.path.join(CAT, "pypi.pip.txt"))
    deps = pip_depends()
    have = {"pip", "setuptools", "wheel"}  # python:3.11-slim's own
    for kind in IMAGES:
        image(kind, pkgs, deps, have)


if __name__ == "__main__":
    main()
