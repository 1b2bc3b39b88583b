#!/usr/bin/env python3
"""lukemathwalker/cargo-chef:latest-rust-1.94.1: the rust image plus cargo-chef,
from LukeMathWalker/cargo-chef's docker/Dockerfile (scripts/catalog/recipes/
cargo-chef.Dockerfile, SOURCE there) with the build arguments its docker
workflow passes (BASE_IMAGE=rust:<tag>, CHEF_TAG=<version>).

    python3 scripts/catalog/chef_images.py     (no network, no root; then base_index.py)

The RUN's `cargo install cargo-chef` leaves the binary (size approximate) and
cargo's install records; the registry is removed in the same RUN.
"""
from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from debian_images import CAT, RECIPES  # noqa: E402
from dotnet_images import final_stage, inherited_env  # noqa: E402
import recipe_image  # noqa: E402
from rust_images import VERSION as RUST  # noqa: E402

SRC = "github.com/LukeMathWalker/cargo-chef"
COMMIT = "52669eb4df1d660e0cfe8339bb7f81c68c60c19a"  # 2026-03-03
CHEF = "0.1.77"  # Cargo.toml at that commit


def main():
    with open(os.path.join(RECIPES, "cargo-chef.Dockerfile"), encoding="utf-8") as f:
        steps = final_stage(f.read())
    steps = [(w, f"CHEF_TAG={CHEF}" if (w, a) == ("ARG", "CHEF_TAG") else a) for w, a in steps]
    base = f"rust:{RUST.rsplit('.', 1)[0]}-bookworm"
    env = {"PATH": "/usr/local/cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}
    env.update(e.split("=", 1) for e in inherited_env(base))

    def run_layer(cmd, env):
        c = "/usr/local/cargo"
        return [{"p": f"{c}/bin/cargo-chef", "t": "f", "m": 0o755, "s": 9_500_000, "ph": "cargo-chef"},
                {"p": f"{c}/.crates.toml", "t": "f", "m": 0o644, "s": 90},
                {"p": f"{c}/.crates2.json", "t": "f", "m": 0o644, "s": 420},
                {"p": f"{c}/bin", "t": "d", "m": 0o777}, {"p": c, "t": "d", "m": 0o777}], []

    body = recipe_image.walk(steps, env, run_layer)
    name = f"lukemathwalker/cargo-chef:latest-rust-{RUST}"
    mm = RUST.rsplit(".", 1)[0]
    tags = [f"lukemathwalker/cargo-chef:{t}" for t in
            (f"{CHEF}-rust-{RUST}", f"latest-rust-{mm}", f"{CHEF}-rust-{mm}", "latest-rust-1", f"{CHEF}-rust-1",
             "latest")]
    lines = recipe_image.header(
        "chef_images.py from scripts/catalog/recipes/cargo-chef.Dockerfile",
        f"{SRC} docker/Dockerfile at commit {COMMIT}", name, tags, "2026-03-03T00:00:00Z", base, env,
        "cargo-chef's binary (cargo install, not reachable here) has an approximate size; the layers and history "
        "are the real image's.",
        f"The official {name}: {SRC}'s docker/Dockerfile at commit {COMMIT} built on {base} with CHEF_TAG={CHEF}, "
        "as its docker workflow builds it: ENV CARGO_REGISTRIES_CRATES_IO_PROTOCOL, then one RUN that installs "
        "cargo-chef into $CARGO_HOME/bin (the registry it downloads is removed in the same RUN).", [])
    recipe_image.write(os.path.join(CAT, "image-cargo-chef-rust-1.94.txt"), lines + body)


if __name__ == "__main__":
    main()
