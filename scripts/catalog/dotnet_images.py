#!/usr/bin/env python3
"""The .NET images of mcr.microsoft.com/dotnet (runtime-deps, runtime, aspnet,
sdk) for 9.0 on debian:bookworm-slim and 10.0 on ubuntu:noble (layerlab's
ubuntu:24.04, itself approximated from Debian).

    python3 scripts/catalog/dotnet_images.py     (no network, no root; then base_index.py)

The recipes are dotnet/dotnet-docker's Dockerfiles (scripts/catalog/recipes/
dotnet-*.Dockerfile, SOURCE there). The final stage of each is read
instruction by instruction (`final_stage`) and becomes the image's history as
BuildKit writes it: ENV, ARG and the like as empty entries, RUN and COPY as
layers. Layer files:

* `apt-get install` RUNs: the named packages and their Depends closure (K
  lines, debian_images.AptData); Ubuntu noble's names the bookworm data does
  not have are mapped (libicu74 -> libicu72, libssl3t64 -> libssl3;
  tzdata-legacy is part of bookworm's tzdata), and the note says so;
* `groupadd`/`useradd` of the app user: the lines shadow's tools append to
  passwd, group, shadow and gshadow (and their `-` backups), and the home with
  /etc/skel's files;
* the .NET runtime, ASP.NET Core and SDK files the installer stage downloads
  from builds.dotnet.microsoft.com (not reachable here): their layout with
  approximate sizes (DOTNET_FILES below), labelled in the image's @note.
"""
from __future__ import annotations

import os
import re
import shlex
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import fmt  # noqa: E402
from alpine_lang import read_layers, read_packages, text_file, with_parents  # noqa: E402
from debian_images import AptData, CAT, RECIPES, image_file, installed_of, write  # noqa: E402

SRC = "dotnet/dotnet-docker"
COMMIT = "3ed00b611cc88eaa5995525a0549a5703965cd02"
NOBLE_NAMES = {"libicu74": "libicu72", "libssl3t64": "libssl3", "tzdata-legacy": None}
DAY = 20686  # 2026-08-21, the recipes' commit date, in days since 1970 (shadow's field)


def final_stage(dockerfile: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the last stage: continuation lines joined, comment lines dropped."""
    out, cur = [], None
    for ln in dockerfile.split("\n"):
        if cur is None:
            if not ln.strip() or ln.lstrip().startswith("#"):
                continue
            cur = ln
        elif ln.lstrip().startswith("#"):
            continue
        else:
            cur += ln
        if cur.endswith("\\"):
            cur = cur[:-1]
            continue
        word, _, rest = cur.strip().partition(" ")
        out.append((word.upper(), rest.strip()))
        cur = None
    last = max(i for i, (w, _) in enumerate(out) if w == "FROM")
    return out[last + 1:]


def env_line(args: str) -> str:
    words = shlex.split(args)
    if words and "=" not in words[0]:
        return f"ENV {words[0]}={' '.join(words[1:])}"
    return "ENV " + " ".join(words)


def copy_line(args: str) -> str:
    words = [w for w in shlex.split(args.replace("[", " ").replace("]", " ").replace(",", " "))
             if not w.startswith("--")]
    return "COPY " + " ".join(words) + " # buildkit"


# ---------------------------------------------------------------- .NET files (approximate)

# (path under /usr/share/dotnet, bytes): the layout of the builds.dotnet.microsoft.com tarballs, sizes approximate
RUNTIME = [("dotnet", 72_000), ("LICENSE.txt", 1_100), ("ThirdPartyNotices.txt", 38_000),
           ("host/fxr/{v}/libhostfxr.so", 420_000)] + [
    ("shared/Microsoft.NETCore.App/{v}/" + n, s) for n, s in [
        ("System.Private.CoreLib.dll", 15_800_000), ("libcoreclr.so", 7_400_000), ("libclrjit.so", 3_900_000),
        ("libSystem.Native.so", 110_000), ("libSystem.Security.Cryptography.Native.OpenSsl.so", 200_000),
        ("libSystem.IO.Compression.Native.so", 900_000), ("libhostpolicy.so", 420_000),
        ("libmscordaccore.so", 2_400_000), ("createdump", 90_000), ("Microsoft.NETCore.App.deps.json", 30_000),
        ("Microsoft.NETCore.App.runtimeconfig.json", 300), ("System.Private.Xml.dll", 8_300_000),
        ("System.Linq.Expressions.dll", 3_700_000), ("System.Data.Common.dll", 3_000_000),
        ("System.Net.Http.dll", 2_000_000), ("System.Text.RegularExpressions.dll", 1_700_000),
        ("System.Text.Json.dll", 1_700_000), ("System.Security.Cryptography.dll", 1_900_000),
        ("System.Private.DataContractSerialization.dll", 2_200_000), ("Microsoft.CSharp.dll", 1_100_000),
        ("System.Collections.dll", 260_000), ("System.Collections.Concurrent.dll", 230_000),
        ("System.Linq.dll", 500_000), ("System.Runtime.dll", 60_000), ("System.Console.dll", 180_000),
        ("System.Threading.dll", 90_000), ("System.Net.Sockets.dll", 520_000), ("System.Net.Security.dll", 700_000),
        ("System.Reflection.Metadata.dll", 1_100_000), ("System.Private.Uri.dll", 240_000),
        ("System.Diagnostics.DiagnosticSource.dll", 400_000), ("System.IO.Pipelines.dll", 190_000),
        ("System.Memory.dll", 70_000), ("System.Runtime.InteropServices.dll", 60_000),
        ("Microsoft.Win32.Primitives.dll", 30_000), ("netstandard.dll", 100_000), ("mscorlib.dll", 60_000)]]
ASPNET = [("shared/Microsoft.AspNetCore.App/{v}/" + n, s) for n, s in [
    ("Microsoft.AspNetCore.dll", 50_000), ("Microsoft.AspNetCore.Server.Kestrel.Core.dll", 2_100_000),
    ("Microsoft.AspNetCore.Mvc.Core.dll", 1_900_000), ("Microsoft.AspNetCore.Mvc.ViewFeatures.dll", 900_000),
    ("Microsoft.AspNetCore.Mvc.Razor.dll", 300_000), ("Microsoft.AspNetCore.Razor.Runtime.dll", 100_000),
    ("Microsoft.AspNetCore.Components.dll", 500_000), ("Microsoft.AspNetCore.Components.Server.dll", 700_000),
    ("Microsoft.AspNetCore.Routing.dll", 700_000), ("Microsoft.AspNetCore.Http.dll", 300_000),
    ("Microsoft.AspNetCore.Http.Abstractions.dll", 200_000), ("Microsoft.AspNetCore.SignalR.Core.dll", 400_000),
    ("Microsoft.AspNetCore.Identity.dll", 300_000), ("Microsoft.AspNetCore.Authentication.dll", 150_000),
    ("Microsoft.Extensions.DependencyInjection.dll", 200_000), ("Microsoft.Extensions.Logging.dll", 100_000),
    ("Microsoft.Extensions.Configuration.dll", 80_000), ("Microsoft.Extensions.Hosting.dll", 120_000),
    ("Microsoft.AspNetCore.App.deps.json", 30_000), ("Microsoft.AspNetCore.App.runtimeconfig.json", 300)]]
SDK = [("sdk/{s}/" + n, b) for n, b in [
    ("dotnet.dll", 900_000), ("Microsoft.Build.dll", 4_500_000), ("Microsoft.Build.Tasks.Core.dll", 2_600_000),
    ("Microsoft.NET.Build.Tasks.dll", 900_000), ("NuGet.Commands.dll", 1_000_000),
    ("Roslyn/bincore/Microsoft.CodeAnalysis.dll", 5_800_000),
    ("Roslyn/bincore/Microsoft.CodeAnalysis.CSharp.dll", 11_500_000), ("Roslyn/bincore/csc.dll", 100_000),
    ("FSharp/FSharp.Core.dll", 3_300_000), ("FSharp/FSharp.Compiler.Service.dll", 42_000_000),
    ("Sdks/Microsoft.NET.Sdk/targets/Microsoft.NET.Sdk.targets", 90_000),
    ("Sdks/Microsoft.NET.Sdk.Web/Sdk/Sdk.props", 3_000), ("DotnetTools/dotnet-watch/{s}/tools/net/any/dotnet-watch.dll", 500_000),
    ("MSBuild.dll", 400_000), ("dotnet.runtimeconfig.json", 500)]] + [
    ("packs/Microsoft.NETCore.App.Ref/{v}/ref/net{m}/System.Runtime.dll", 40_000),
    ("packs/Microsoft.NETCore.App.Ref/{v}/data/FrameworkList.xml", 60_000),
    ("packs/Microsoft.AspNetCore.App.Ref/{v}/ref/net{m}/Microsoft.AspNetCore.dll", 30_000),
    ("packs/NETStandard.Library.Ref/2.1.0/ref/netstandard2.1/netstandard.dll", 100_000),
    ("packs/Microsoft.NETCore.App.Host.linux-x64/{v}/runtimes/linux-x64/native/apphost", 72_000),
    ("sdk-manifests/{m}.100/microsoft.net.workload.mono.toolchain.current/{v}/WorkloadManifest.json", 20_000),
    ("templates/{v}/microsoft.dotnet.common.itemtemplates.{v}.nupkg", 200_000),
    ("templates/{v}/microsoft.dotnet.web.projecttemplates.{m}.{v}.nupkg", 1_500_000)]


def dotnet_files(spec, v: str, sdk: str) -> list[dict]:
    m = ".".join(v.split(".")[:2])
    out = []
    for path, size in spec:
        p = "/usr/share/dotnet/" + path.format(v=v, s=sdk, m=m)
        exe = path == "dotnet" or path.endswith((".so", "createdump", "apphost"))
        out.append({"p": p, "t": "f", "m": 0o755 if exe else 0o644, "s": size})
    return out


# ---------------------------------------------------------------- users

def grow_user_dbs(base_files: dict, lines: dict) -> list[dict]:
    """/etc/passwd, group, shadow, gshadow with a line each appended, and the `-` backups shadow's tools keep."""
    out = []
    for db, line in lines.items():
        old = base_files["/etc/" + db]
        out.append(text_file("/etc/" + db, old["c"] + line, old["m"], old.get("u", 0), old.get("g", 0)))
        out.append(text_file("/etc/" + db + "-", old["c"], old["m"] & 0o644, old.get("u", 0), old.get("g", 0)))
    return out


def app_user(base_files: dict, uid: int, name: str = "app", home_mode: int = 0o750, day: int = DAY,
             shell: str = "/bin/sh") -> list[dict]:
    """groupadd --gid UID NAME && useradd --no-log-init --uid UID --gid UID --create-home [-s SHELL] NAME."""
    out = grow_user_dbs(base_files, {"passwd": f"{name}:x:{uid}:{uid}::/home/{name}:{shell}\n",
                                     "group": f"{name}:x:{uid}:\n", "shadow": f"{name}:!:{day}:0:99999:7:::\n",
                                     "gshadow": f"{name}:!::\n"})
    out.append({"p": f"/home/{name}", "t": "d", "m": home_mode, "u": uid, "g": uid})
    for f in (".bash_logout", ".bashrc", ".profile"):
        skel = base_files.get("/etc/skel/" + f)
        if skel:
            out.append(dict(skel, p=f"/home/{name}/" + f, u=uid, g=uid))
    return out


def debian_system_user(etc: dict, user: str, uid: int, home: str, shell: str, day: int) -> list[dict]:
    """groupadd -r -g UID USER; useradd -r -g USER -u UID [--home-dir HOME] [--shell SHELL] USER
    (useradd -r creates no home)."""
    return grow_user_dbs(etc, {"passwd": f"{user}:x:{uid}:{uid}::{home}:{shell}\n", "group": f"{user}:x:{uid}:\n",
                               "shadow": f"{user}:!:{day}::::::\n", "gshadow": f"{user}:!::\n"})


# ---------------------------------------------------------------- images

VERSIONS = {"9.0": ("9.0.19", "9.0.317", "bookworm-slim", "debian:bookworm-slim"),
            "10.0": ("10.0.11", "10.0.400", "noble", "ubuntu:24.04")}
CHAIN = ["runtime-deps", "runtime", "aspnet", "sdk"]


def image(apt: AptData, repo: str, major: str, base_files: dict):
    v, sdk, distro, os_base = VERSIONS[major]
    recipe = f"dotnet-{repo}-{major}-{distro}.Dockerfile"
    with open(os.path.join(RECIPES, recipe), encoding="utf-8") as f:
        steps = final_stage(f.read())
    base = os_base if repo == "runtime-deps" else f"mcr.microsoft.com/dotnet/{CHAIN[CHAIN.index(repo) - 1]}:{major}-{distro}"
    installed = installed_of(image_file(base))
    name = f"mcr.microsoft.com/dotnet/{repo}:{major}-{distro}"
    tags = [f"{major}-{distro}-amd64", f"{v}-{distro}", f"{v}-{distro}-amd64"]
    if major == "9.0" or distro == "noble":  # the tags without a distribution name: bookworm-slim for 9.0, noble for 10.0
        tags += [major, v, f"{major}-amd64"]
    env, body, mapped, n_k, n_synth = [], [], [], 0, 0
    for word, args in steps:
        if word == "ENV":
            h = env_line(args)
            env += h[4:].split(" ")
            body += ["H 1 " + h, "C buildkit.dockerfile.v0"]
        elif word == "RUN":
            body += [f"H 0 RUN /bin/sh -c {args} # buildkit", "C buildkit.dockerfile.v0"]
            files = []
            m = re.search(r"apt-get install -y --no-install-recommends(.*?)&&", args)
            if m:
                want = []
                for p in m.group(1).split():
                    if p in NOBLE_NAMES:
                        mapped.append(p)
                        p = NOBLE_NAMES[p]
                    if p:
                        want.append(p)
                k = apt.closure(want, installed)
                installed |= set(k)
                n_k += len(k)
                n_synth += len([p for p in k if p not in apt.real])
                body += [f"K {p}" for p in k]
            if "useradd" in args:
                files += app_user(base_files, 1654)
            if "ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet" in args:
                files.append({"p": "/usr/bin/dotnet", "t": "l", "l": "/usr/share/dotnet/dotnet", "m": 0o777})
            if "ln -s /usr/share/dotnet/dnx" in args:
                files.append({"p": "/usr/bin/dnx", "t": "l", "l": "/usr/share/dotnet/dnx", "m": 0o777})
            if "dotnet help" in args:  # the first-run sentinel `dotnet help` leaves
                files.append({"p": f"/root/.dotnet/{sdk}.dotnetFirstUseSentinel", "t": "f", "m": 0o644, "s": 0})
                files.append({"p": "/root", "t": "d", "m": 0o700})
            if "powershell" in args:
                files += [{"p": "/usr/share/powershell/pwsh", "t": "f", "m": 0o755, "s": 150_000},
                          {"p": "/usr/share/powershell/.store/powershell.linux.x64/PowerShell.Linux.x64.dll",
                           "t": "f", "m": 0o644, "s": 66_000_000},
                          {"p": "/usr/bin/pwsh", "t": "l", "l": "/usr/share/powershell/pwsh", "m": 0o777}]
            if files:
                fmt.FileWriter(body).add_all(with_parents(files))
        elif word == "COPY":
            body += ["H 0 " + copy_line(args), "C buildkit.dockerfile.v0"]
            spec = {"runtime": RUNTIME, "aspnet": ASPNET, "sdk": SDK}[repo]
            fmt.FileWriter(body).add_all(with_parents(dotnet_files(spec, v, sdk)))
        elif word in ("ARG",):
            continue  # a global ARG before FROM is not in the final stage's history
        else:
            body += [f"H 1 {word} {args}", "C buildkit.dockerfile.v0"]
    note = (f"Layers and history of the official {name} ({SRC} src/{repo}/{major}/{distro}/amd64/Dockerfile at "
            f"commit {COMMIT})")
    note += ", on layerlab's ubuntu:24.04, itself approximated from Debian" if distro == "noble" else ""
    if n_k:
        note += (f"; the apt layer is {n_k} packages from layerlab's Debian bookworm data ({n_synth} with files "
                 "approximated from their size)")
    if mapped:
        note += " (Ubuntu's " + ", ".join(mapped) + " stand as their bookworm counterparts)"
    if repo != "runtime-deps":
        note += ("; the .NET files downloaded from builds.dotnet.microsoft.com (not reachable here) are their layout "
                 "in /usr/share/dotnet with a part of the assemblies and approximate sizes")
    lines = [
        "#layerlab-catalog 1 image",
        f"# Generated by scripts/catalog/dotnet_images.py from {os.path.basename(image_file(base))}, "
        f"scripts/catalog/recipes/{recipe} and the apt catalogs. Do not edit by hand.",
        "@generated 2026-08-21T00:00:00Z (the recipe's commit date)",
        f"@source github.com/{SRC} src/{repo}/{major}/{distro}/amd64/Dockerfile at commit {COMMIT}",
        f"@name {name}",
    ] + [f"@tag mcr.microsoft.com/dotnet/{repo}:{t}" for t in tags] + [
        "@created 2026-08-21T00:00:00Z",
        "@merged-usr yes",
        f"@base {base}",
        "@env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    ] + [f"@env {e}" for e in inherited_env(base) + env] + [
        '@cmd ["/bin/bash"]' if distro == "noble" else '@cmd ["bash"]',
    ] + ([] if repo == "runtime-deps" else [
        "@approx the .NET files (downloaded from builds.dotnet.microsoft.com, not reachable here) are a part of "
        "their layout with approximate sizes; the layers, history and apt packages are the real image's."]) + [
        f"@note {note}.",
    ] + body
    out = f"image-dotnet-{repo}-{major}-{distro}.txt"
    write(os.path.join(CAT, out), lines)
    print(f"{out}: {n_k} packages ({n_synth} synthesized)", file=sys.stderr)


def inherited_env(base: str) -> list[str]:
    out = []
    with open(image_file(base), encoding="utf-8") as f:
        for line in f:
            if line.startswith("@env ") and not line.startswith("@env PATH="):
                out.append(line[5:].strip())
            if line.startswith("H "):
                break
    return out


def main():
    apt = AptData()
    bash = read_packages(os.path.join(CAT, "debian-bookworm.apt.txt"))["bash"]  # /etc/skel comes from bash
    for major, (_, _, distro, os_base) in VERSIONS.items():
        base_files = {e["p"]: e for e in read_layers(image_file(os_base))[0]["files"] + bash}
        for repo in CHAIN:
            image(apt, repo, major, base_files)


if __name__ == "__main__":
    main()
