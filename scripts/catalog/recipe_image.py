#!/usr/bin/env python3
"""Read an official image's Dockerfile (its last stage) instruction by
instruction and write the image's history as BuildKit records it, with the
files each layer gets from a callback. Shared by ruby_images.py and the
images after it (dotnet_images.py and php_images.py have their own loops).

    walk(steps, env, run_layer, copy_layer) -> body lines ("H", "C", file entries, "K")

ENV values are expanded as BuildKit records them (php_images.env_pairs);
a RUN whose callback gives neither files nor packages is an empty history
entry (BuildKit marks a RUN that changed nothing `empty_layer`).
"""
from __future__ import annotations

import json
import os
import shlex
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import fmt  # noqa: E402
from alpine_lang import with_parents  # noqa: E402
from dotnet_images import copy_line  # noqa: E402
from php_images import env_pairs, expand  # noqa: E402

BK = "C buildkit.dockerfile.v0"
PLATFORM_ARGS = {"TARGETPLATFORM": "linux/amd64", "TARGETOS": "linux", "TARGETARCH": "amd64", "TARGETVARIANT": "",
                 "BUILDPLATFORM": "linux/amd64", "BUILDOS": "linux", "BUILDARCH": "amd64", "BUILDVARIANT": ""}


def layer_lines(files: list[dict], packages: list[str]) -> list[str]:
    out: list[str] = []
    for e in files:
        if "c" in e:
            e["s"] = len(e["c"].encode())
    if files:
        fmt.FileWriter(out).add_all(with_parents(files))
    return out + [f"K {p}" for p in packages]


def walk(steps, env: dict, run_layer, copy_layer=None, new_dirs=()) -> list[str]:
    """run_layer(cmd, env) -> (files, apt packages); copy_layer(args, env) -> files; new_dirs: the
    WORKDIRs that do not exist yet (BuildKit's mkdir makes them a layer)."""
    body: list[str] = []
    args_in_scope: list[str] = []  # ARG K=V of the stage: BuildKit writes them before a RUN's command ("|1 K=V ")
    argvals: dict = {}  # their values, for the expansion of ENV, WORKDIR, USER and COPY
    shell = ["/bin/sh", "-c"]
    for word, args in steps:
        if word == "ENV":
            pairs = env_pairs(args, {**argvals, **env})
            env.update(pairs)
            body += ["H 1 ENV " + " ".join(f"{k}={v}" for k, v in pairs), BK]
        elif word == "RUN":
            while args.startswith("--"):  # --mount=..., --network=...: not in the history line
                args = args.split(None, 1)[1]
            files, k = run_layer(args, env)
            pre = f"|{len(args_in_scope)} {' '.join(args_in_scope)} " if args_in_scope else ""
            body += [("H 0 " if files or k else "H 1 ") + f"RUN {pre}{' '.join(shell)} {args} # buildkit", BK]
            body += layer_lines(files, k)
        elif word in ("COPY", "ADD"):
            body += ["H 0 " + expand(copy_line(args), {**argvals, **env}).replace("COPY ", word + " ", 1), BK]
            body += layer_lines(copy_layer(args, env) if copy_layer else [], [])
        elif word == "VOLUME":
            body += [f"H 1 VOLUME [{args.strip('[]').replace(chr(34), '').replace(',', ' ')}]", BK]
        elif word == "EXPOSE":
            body += [f"H 1 EXPOSE map[{args}/tcp:{{}}]", BK]
        elif word in ("CMD", "ENTRYPOINT"):
            body += [f"H 1 {word} {args.replace(', ', ' ').replace(',', ' ').replace('[ ', '[').replace(' ]', ']')}",
                     BK]
        elif word == "ARG":
            if "=" in args:
                k, _, v = shlex.split(args)[0].partition("=")
            elif args in PLATFORM_ARGS:  # BuildKit's automatic platform ARGs, linux/amd64
                k, v = args, PLATFORM_ARGS[args]
            else:
                continue
            argvals[k] = v
            args_in_scope.append(f"{k}={v}")
            continue
        elif word == "USER":
            body += [f"H 1 USER {expand(args, {**argvals, **env})}", BK]
        elif word == "LABEL":  # BuildKit records each key=value unquoted
            pairs = [w.partition("=") for w in shlex.split(args)]
            body += ["H 1 LABEL " + " ".join(f"{k}={expand(v, {**argvals, **env})}" for k, _, v in pairs), BK]
        elif word == "SHELL":  # BuildKit's fmt %v of the list; later RUN lines run with it
            shell = json.loads(args)
            body += [f"H 1 SHELL [{' '.join(shell)}]", BK]
        elif word == "WORKDIR":  # BuildKit records the expanded path; a directory it creates is a layer
            path = expand(" ".join(shlex.split(args)), {**argvals, **env})  # quotes removed
            files = [{"p": path, "t": "d", "m": 0o755}] if path in new_dirs else []
            body += [("H 0 " if files else "H 1 ") + f"WORKDIR {path}", BK] + layer_lines(files, [])
        else:
            body += [f"H 1 {word} {args}", BK]
    return body


def header(script: str, source: str, name: str, tags: list[str], created: str, base: str, env: dict,
           approx: str, note: str, extra: list[str] = (), generated: str = "") -> list[str]:
    """The image file's @ lines; `approx` is the one-line label the FROM step and the base slab show."""
    return ["#layerlab-catalog 1 image",
            f"# Generated by scripts/catalog/{script}. Do not edit by hand.",
            f"@generated {generated or created + ' (the recipe' + chr(39) + 's commit date)'}",
            f"@source {source}",
            f"@name {name}"] + [f"@tag {t}" for t in tags] + [
            f"@created {created}", f"@base {base}"] + list(extra) + [
            f"@env {k}={v}" for k, v in env.items()] + [f"@approx {approx}", f"@note {note}"]


def write(path: str, lines: list[str]):
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
