#!/usr/bin/env python3
"""rust:1.94-bookworm (on buildpack-deps:bookworm) and rust:1.94-slim-bookworm
(on debian:bookworm-slim) from rust-lang/docker-rust's Dockerfiles.

    python3 scripts/catalog/rust_images.py     (no network, no root; then base_index.py)

Read instruction by instruction (dotnet_images.final_stage, php_images.env_pairs).
The slim recipe's apt-get install (ca-certificates gcc libc6-dev; wget is
removed again) becomes K lines; what rustup-init installs from
static.rust-lang.org (not reachable here) is its layout under
/usr/local/cargo and /usr/local/rustup (the minimal profile: cargo, rustc,
rust-std; rustup's proxies as hard links of one binary) with approximate
sizes, labelled in each image's @note.
"""
from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import fmt  # noqa: E402
from alpine_lang import with_parents  # noqa: E402
from debian_images import AptData, CAT, RECIPES, image_file, installed_of, write  # noqa: E402
from dotnet_images import final_stage  # noqa: E402
from php_images import env_pairs  # noqa: E402

SRC = "rust-lang/docker-rust"
COMMIT = "7668ee290612ac3ac42dbfcbdfae75120263d2c9"
VERSION = "1.94.1"
TC = f"/usr/local/rustup/toolchains/{VERSION}-x86_64-unknown-linux-gnu"
PROXIES = ["cargo", "cargo-clippy", "cargo-fmt", "cargo-miri", "clippy-driver", "rls", "rust-analyzer",
           "rust-gdb", "rust-gdbgui", "rust-lldb", "rustc", "rustdoc", "rustfmt"]
# the minimal profile's files (sizes approximate)
TOOLCHAIN = [("bin/cargo", 0o755, 36_000_000), ("bin/rustc", 0o755, 650_000), ("bin/rustdoc", 0o755, 11_500_000),
             ("bin/rust-gdb", 0o755, 1_100), ("bin/rust-gdbgui", 0o755, 2_200), ("bin/rust-lldb", 0o755, 1_100),
             ("lib/librustc_driver-8f3c1c1a3a1e5e5c.so", 0o644, 145_000_000),
             ("lib/libLLVM.so.19.1-rust-1.94.1-stable", 0o644, 155_000_000),
             ("lib/rustlib/components", 0o644, 20), ("lib/rustlib/multirust-channel-manifest.toml", 0o644, 740_000),
             ("lib/rustlib/multirust-config.toml", 0o644, 50), ("lib/rustlib/rust-installer-version", 0o644, 2),
             ("lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld", 0o755, 4_300_000),
             ("lib/rustlib/x86_64-unknown-linux-gnu/bin/gcc-ld/ld.lld", 0o755, 600_000),
             ("lib/rustlib/x86_64-unknown-linux-gnu/lib/libstd-2a0b6a8f1b3b9c1d.rlib", 0o644, 16_000_000),
             ("lib/rustlib/x86_64-unknown-linux-gnu/lib/libstd-2a0b6a8f1b3b9c1d.so", 0o644, 13_500_000),
             ("lib/rustlib/x86_64-unknown-linux-gnu/lib/libcore-6b1a0a2d2f0e1c3a.rlib", 0o644, 27_000_000),
             ("lib/rustlib/x86_64-unknown-linux-gnu/lib/liballoc-4c8a7b2e9d0f1a2b.rlib", 0o644, 4_600_000),
             ("lib/rustlib/x86_64-unknown-linux-gnu/lib/libcompiler_builtins-1e2d3c4b5a6f7e8d.rlib", 0o644, 6_200_000),
             ("lib/rustlib/x86_64-unknown-linux-gnu/lib/libproc_macro-9a8b7c6d5e4f3a2b.rlib", 0o644, 6_300_000),
             ("lib/rustlib/x86_64-unknown-linux-gnu/lib/libtest-0f1e2d3c4b5a6978.rlib", 0o644, 3_900_000),
             ("share/doc/cargo/LICENSE-MIT", 0o644, 1_000), ("share/man/man1/cargo.1", 0o644, 9_000),
             ("share/man/man1/rustc.1", 0o644, 10_000), ("etc/bash_completion.d/cargo", 0o644, 200)]


def rustup_files() -> list[dict]:
    out = [{"p": "/usr/local/cargo/bin/rustup", "t": "f", "m": 0o777, "s": 19_000_000},
           {"p": "/usr/local/cargo/env", "t": "f", "m": 0o666, "s": 371},
           {"p": "/usr/local/cargo/env.fish", "t": "f", "m": 0o666, "s": 300},
           {"p": "/usr/local/cargo/env.nu", "t": "f", "m": 0o666, "s": 250},
           {"p": "/usr/local/rustup/settings.toml", "t": "f", "m": 0o666, "s": 82},
           {"p": "/usr/local/rustup/update-hashes", "t": "d", "m": 0o777},
           {"p": "/usr/local/rustup/downloads", "t": "d", "m": 0o777},
           {"p": "/usr/local/rustup/tmp", "t": "d", "m": 0o777}]
    out += [{"p": f"/usr/local/cargo/bin/{p}", "t": "h", "l": "/usr/local/cargo/bin/rustup", "m": 0o777}
            for p in PROXIES]
    # chmod -R a+w: every file and directory writable by all
    out += [{"p": f"{TC}/{n}", "t": "f", "m": m | 0o222, "s": s} for n, m, s in TOOLCHAIN]
    return out


def image(apt: AptData, slim: bool):
    recipe = "rust-slim-bookworm.Dockerfile" if slim else "rust-bookworm.Dockerfile"
    with open(os.path.join(RECIPES, recipe), encoding="utf-8") as f:
        steps = final_stage(f.read())
    base = "debian:bookworm-slim" if slim else "buildpack-deps:bookworm"
    env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}
    body, k = [], []
    for word, args in steps:
        if word == "ENV":
            pairs = env_pairs(args, env)
            env.update(pairs)
            body += ["H 1 ENV " + " ".join(f"{a}={b}" for a, b in pairs), "C buildkit.dockerfile.v0"]
        elif word == "RUN":
            body += [f"H 0 RUN /bin/sh -c {args} # buildkit", "C buildkit.dockerfile.v0"]
            files = rustup_files()
            dirs = {e["p"][:i] for e in files for i in range(1, len(e["p"])) if e["p"][i] == "/"}
            files += [{"p": d, "t": "d", "m": 0o777} for d in sorted(dirs)
                      if d.startswith(("/usr/local/cargo", "/usr/local/rustup")) and d not in {e["p"] for e in files}]
            fmt.FileWriter(body).add_all(with_parents(files))
            if slim:
                k = apt.closure(["ca-certificates", "gcc", "libc6-dev"], installed_of(image_file(base)))
                body += [f"K {p}" for p in k]
        else:
            body += [f"H 1 {word} {args}", "C buildkit.dockerfile.v0"]
    minor = VERSION.rsplit(".", 1)[0]
    variant = "slim-bookworm" if slim else "bookworm"
    name = f"rust:{minor}-{variant}"
    tags = [f"1-{variant}", f"{VERSION}-{variant}", variant]
    tags += ["1-slim", f"{minor}-slim", f"{VERSION}-slim", "slim"] if slim else ["1", minor, VERSION, "latest"]
    synth = [p for p in k if p not in apt.real]
    note = (f"Layers and history of the official {name} ({SRC} stable/{'bookworm/slim' if slim else 'bookworm'}/"
            f"Dockerfile at commit {COMMIT})")
    if slim:
        note += (f"; the apt packages (ca-certificates, gcc, libc6-dev: {len(k)} with their Depends, {len(synth)} with "
                 "files approximated from their size) are layerlab's Debian bookworm data")
    note += ("; what rustup-init installs from static.rust-lang.org (not reachable here) is its layout in "
             "/usr/local/cargo and /usr/local/rustup (minimal profile, rustup's proxies as hard links) with "
             "approximate sizes and a part of the files.")
    lines = [
        "#layerlab-catalog 1 image",
        f"# Generated by scripts/catalog/rust_images.py from {os.path.basename(image_file(base))}, "
        f"scripts/catalog/recipes/{recipe} and the apt catalogs. Do not edit by hand.",
        "@generated 2026-04-03T00:00:00Z (the recipe's commit date)",
        f"@source github.com/{SRC} stable/{'bookworm/slim' if slim else 'bookworm'}/Dockerfile at commit {COMMIT}",
        f"@name {name}",
    ] + [f"@tag rust:{t}" for t in tags] + [
        "@created 2026-04-03T00:00:00Z",
        "@merged-usr yes",
        f"@base {base}",
    ] + [f"@env {a}={b}" for a, b in env.items()] + ['@cmd ["bash"]',
        "@approx what rustup-init installs is its layout with approximate sizes and a part of the files; the "
        "layers, history and apt packages are the real image's.", f"@note {note}"] + body
    out = f"image-rust-{minor}-{variant}.txt"
    write(os.path.join(CAT, out), lines)
    print(f"{out}: {len(k)} packages ({len(synth)} synthesized)", file=sys.stderr)


def main():
    apt = AptData()
    image(apt, False)
    image(apt, True)


if __name__ == "__main__":
    main()
