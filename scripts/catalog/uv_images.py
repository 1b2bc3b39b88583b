#!/usr/bin/env python3
"""ghcr.io/astral-sh/uv: the bare image (FROM scratch, uv and uvx at /) and its
python3.12-bookworm-slim variant (uv and uvx in /usr/local/bin of the python
image), as astral-sh/uv builds them.

    python3 scripts/catalog/uv_images.py     (no network, no root; then base_index.py)

Data read from github.com/astral-sh/uv at commit COMMIT: Dockerfile's final
stage (COPY --from=build /uv /uvx /, WORKDIR /io, ENTRYPOINT ["/uv"]) and the
derived images' Dockerfile that .github/workflows/build-docker.yml writes
(FROM the python image, COPY /uv /uvx /usr/local/bin/, ENV
UV_TOOL_BIN_DIR, ENTRYPOINT [], CMD). The binaries' sizes are approximate
(they are built by the recipe's cargo stage, not reachable here); the python
variant stands on layerlab's python:3.11-slim (the real one on
python:3.12-slim-bookworm). Both say so (@approx).
"""
from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from debian_images import CAT  # noqa: E402
from dotnet_images import inherited_env  # noqa: E402
import recipe_image  # noqa: E402

SRC = "github.com/astral-sh/uv"
COMMIT = "26a9dd4b2125bc271b47855e1fa0c49af3365db5"  # 2026-08-21
V = "0.12.5"  # crates/uv/Cargo.toml at that commit
UV, UVX = 41_000_000, 340_000  # bytes, approximate
BK = "C buildkit.dockerfile.v0"


def bin_files(d: str) -> list[dict]:
    return [{"p": f"{d}/uv", "t": "f", "m": 0o755, "s": UV, "ph": "astral-sh/uv's uv"},
            {"p": f"{d}/uvx", "t": "f", "m": 0o755, "s": UVX, "ph": "astral-sh/uv's uvx"}]


def main():
    mm = ".".join(V.split(".")[:2])
    body = ["H 0 COPY /uv /uvx / # buildkit", BK] + recipe_image.layer_lines(bin_files(""), []) + \
        ["H 0 WORKDIR /io", BK] + recipe_image.layer_lines([{"p": "/io", "t": "d", "m": 0o755}], []) + \
        ['H 1 ENTRYPOINT ["/uv"]', BK]
    lines = recipe_image.header(
        "uv_images.py", f"{SRC} Dockerfile (final stage) at commit {COMMIT}", "ghcr.io/astral-sh/uv:latest",
        [f"ghcr.io/astral-sh/uv:{V}", f"ghcr.io/astral-sh/uv:{mm}"], "2026-08-21T00:00:00Z", "", {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"},
        "uv and uvx (built by the recipe's cargo stage, not reachable here) have approximate sizes; the layers "
        "and history are the real image's.",
        f"The official ghcr.io/astral-sh/uv:{V} ({SRC} Dockerfile's final stage at commit {COMMIT}): FROM scratch, "
        "the two binaries at /, WORKDIR /io (a layer: the directory), ENTRYPOINT [\"/uv\"]; the binaries' contents "
        "are synthetic, their sizes approximate.", ['@entrypoint ["/uv"]', "@workdir /io"])
    lines = [ln for ln in lines if not ln.startswith("@base ")]
    recipe_image.write(os.path.join(CAT, "image-uv-latest.txt"), lines + body)
    body = ["H 0 COPY /uv /uvx /usr/local/bin/ # buildkit", BK] + recipe_image.layer_lines(bin_files("/usr/local/bin"), [])
    body += ["H 1 ENV UV_TOOL_BIN_DIR=/usr/local/bin", BK, "H 1 ENTRYPOINT []", BK,
             'H 1 CMD ["/usr/local/bin/uv"]', BK]
    name = "ghcr.io/astral-sh/uv:python3.12-bookworm-slim"
    env = {"PATH": "/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}
    env.update(e.split("=", 1) for e in inherited_env("python:3.11-slim"))
    env["UV_TOOL_BIN_DIR"] = "/usr/local/bin"
    lines = recipe_image.header(
        "uv_images.py", f"{SRC} .github/workflows/build-docker.yml (the derived images' Dockerfile) at commit {COMMIT}",
        name, [f"ghcr.io/astral-sh/uv:{V}-python3.12-bookworm-slim", f"ghcr.io/astral-sh/uv:{mm}-python3.12-bookworm-slim"],
        "2026-08-21T00:00:00Z", "python:3.11-slim", env,
        "on layerlab's python:3.11-slim (the real image is on python:3.12-slim-bookworm); uv and uvx have "
        "approximate sizes; the uv layer and its history are the real image's.",
        f"The official {name}: FROM python:3.12-slim-bookworm, COPY --from=ghcr.io/astral-sh/uv /uv /uvx "
        "/usr/local/bin/, ENV UV_TOOL_BIN_DIR, ENTRYPOINT [], CMD (the Dockerfile build-docker.yml writes at "
        f"commit {COMMIT}).", ['@cmd ["/usr/local/bin/uv"]', "@merged-usr yes"])
    recipe_image.write(os.path.join(CAT, "image-uv-python3.12-bookworm-slim.txt"), lines + body)


if __name__ == "__main__":
    main()
