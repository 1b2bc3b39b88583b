#!/usr/bin/env python3
"""hexpm/erlang and hexpm/elixir (the images Elixir projects build on), Alpine
and Ubuntu noble, from hexpm/bob's Dockerfiles (priv/scripts/docker/).

    python3 scripts/catalog/elixir_images.py     (no network, no root; then base_index.py)

The final stage of each recipe (scripts/catalog/recipes/hexpm-*.dockerfile,
SOURCE there) is read instruction by instruction (recipe_image.walk), with
the build arguments bob's erlang.sh/elixir.sh pass (ARCH=amd64). Layers:

* erlang: the runtime packages (Alpine: layerlab's apk map; noble: apt K
  lines, libssl3t as bookworm's libssl3), then `COPY --from=build /usr/local`:
  OTP's `make install` tree (ERLANG_APPS below: bin, erts, a part of each
  application's beams, sizes approximate);
* elixir: `COPY --from=build /ELIXIR_LOCAL/usr/local /usr/local`: Elixir's
  `make install` tree (elixir, elixirc, iex, mix and the six applications'
  ebin directories, a part of the beams, sizes approximate).

Nothing of Erlang or Elixir is in layerlab's Debian data with files: the
layouts are written here from the installs' structure, labelled @approx.
"""
from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from alpine_lang import read_layers, read_packages  # noqa: E402
from alpine_variants import ALPINE_PATH, apk_files, apk_map, apk_names  # noqa: E402
from debian_images import AptData, CAT, RECIPES, image_file, installed_of  # noqa: E402
from dotnet_images import final_stage  # noqa: E402
import recipe_image  # noqa: E402

SRC = "github.com/hexpm/bob"
COMMIT = "17c581fa0aae0d7afad5bcaeaf84942a19f48c12"  # 2026-07-30 (the docker scripts' last change: d02e4cb, 2026-06-04)
# the tags the corpus names: (OTP, ERTS, Elixir, OS part of the tag)
VERSIONS = {"alpine": ("27.2.1", "15.2.1", "1.17.3", "alpine-3.20.5"),
            "ubuntu": ("28.1.1", "16.1.1", "1.20.1", "ubuntu-noble-20260509.1")}
# OTP 27's applications (name, version, beam bytes), versions and sizes approximate
ERLANG_APPS = [("kernel", "10.2.1", 4_200_000), ("stdlib", "6.2", 7_800_000), ("compiler", "8.5.4", 3_900_000),
               ("crypto", "5.5.2", 900_000), ("ssl", "11.2.6", 3_600_000), ("public_key", "1.17", 2_900_000),
               ("asn1", "5.3.1", 1_400_000), ("inets", "9.3", 2_300_000), ("mnesia", "4.23.3", 2_100_000),
               ("runtime_tools", "2.1.1", 900_000), ("sasl", "4.2.2", 600_000), ("tools", "4.1.1", 1_700_000),
               ("syntax_tools", "3.2.1", 1_500_000), ("parsetools", "2.6", 500_000), ("eunit", "2.9.1", 500_000),
               ("common_test", "1.27.5", 3_200_000), ("ssh", "5.2.5", 2_800_000), ("xmerl", "2.1", 2_400_000),
               ("os_mon", "2.10.1", 400_000), ("erl_interface", "5.5.2", 300_000), ("edoc", "1.3.2", 900_000),
               ("dialyzer", "5.3.1", 2_000_000), ("erts", "{erts}", 700_000), ("eldap", "1.2.14", 300_000),
               ("ftp", "1.2.3", 250_000), ("tftp", "1.2.2", 200_000), ("snmp", "5.18", 4_000_000),
               ("diameter", "2.4.1", 2_700_000), ("odbc", "2.15", 200_000), ("reltool", "1.0.1", 400_000)]
ERTS_BIN = [("beam.smp", 3_900_000), ("erlexec", 60_000), ("erl_child_setup", 40_000), ("epmd", 100_000),
            ("heart", 30_000), ("inet_gethost", 40_000), ("run_erl", 40_000), ("to_erl", 30_000),
            ("escript", 30_000), ("erlc", 40_000), ("ct_run", 40_000), ("dialyzer", 40_000), ("typer", 40_000),
            ("yielding_c_fun", 200_000), ("erl", 1_400), ("start", 1_300)]
ELIXIR_APPS = [("elixir", 10_500_000), ("eex", 200_000), ("ex_unit", 900_000), ("iex", 700_000),
               ("logger", 500_000), ("mix", 3_800_000)]


def erlang_files(otp: str, erts: str) -> list[dict]:
    root = "/usr/local/lib/erlang"
    major = otp.split(".")[0]
    out = [{"p": f"{root}/erts-{erts}/bin/{n}", "t": "f", "m": 0o755, "s": s} for n, s in ERTS_BIN]
    out += [{"p": f"{root}/bin/{n}", "t": "f", "m": 0o755, "s": s, "ph": f"Erlang/OTP's {n}"}
            for n, s in ERTS_BIN if n in ("erl", "erlc", "escript", "ct_run", "dialyzer", "typer", "epmd",
                                           "run_erl", "to_erl", "start")]
    out += [{"p": f"{root}/bin/{n}", "t": "f", "m": 0o644, "s": s}
            for n, s in (("start.boot", 6_000), ("start_clean.boot", 6_000), ("start_sasl.boot", 7_000),
                         ("no_dot_erlang.boot", 6_000))]
    out += [{"p": f"/usr/local/bin/{n}", "t": "l", "l": f"../lib/erlang/bin/{n}"}
            for n in ("erl", "erlc", "escript", "ct_run", "dialyzer", "typer", "epmd", "run_erl", "to_erl")]
    for app, ver, size in ERLANG_APPS:
        d = f"{root}/lib/{app}-{ver.format(erts=erts)}"
        out += [{"p": f"{d}/ebin/{app}.app", "t": "f", "m": 0o644, "s": 1_500},
                {"p": f"{d}/ebin/{app}.beam", "t": "f", "m": 0o644, "s": size * 2 // 3},
                {"p": f"{d}/doc/chunks/{app}.chunk", "t": "f", "m": 0o644, "s": size // 3}]
        if app in ("kernel", "stdlib", "public_key", "xmerl", "erts"):
            out.append({"p": f"{d}/include/{app}.hrl", "t": "f", "m": 0o644, "s": 8_000})
        if app in ("crypto", "asn1", "runtime_tools", "os_mon", "odbc"):
            out.append({"p": f"{d}/priv/lib/{app}.so", "t": "f", "m": 0o755, "s": 400_000})
    out += [{"p": f"{root}/releases/{major}/{n}", "t": "f", "m": 0o644, "s": s}
            for n, s in (("start.boot", 6_000), ("installed_application_versions", 700),
                         ("start_erl.data", 12), ("RELEASES", 2_000))]
    out += [{"p": f"{root}/usr/include/{n}", "t": "f", "m": 0o644, "s": s}
            for n, s in (("erl_nif.h", 17_000), ("erl_driver.h", 16_000), ("erl_nif_api_funcs.h", 30_000))]
    out.append({"p": f"{root}/releases/{major}/OTP_VERSION", "t": "f", "m": 0o644, "c": otp + "\n"})
    return out


def elixir_files() -> list[dict]:
    root = "/usr/local/lib/elixir"
    out = [{"p": f"{root}/bin/{n}", "t": "f", "m": 0o755, "s": s, "ph": f"Elixir's {n}"}
           for n, s in (("elixir", 7_800), ("elixirc", 1_100), ("iex", 1_300), ("mix", 60))]
    out += [{"p": f"/usr/local/bin/{n}", "t": "l", "l": f"../lib/elixir/bin/{n}"}
            for n in ("elixir", "elixirc", "iex", "mix")]
    for app, size in ELIXIR_APPS:
        out += [{"p": f"{root}/lib/{app}/ebin/{app}.app", "t": "f", "m": 0o644, "s": 1_200},
                {"p": f"{root}/lib/{app}/ebin/Elixir.{app.title().replace('_', '')}.beam", "t": "f", "m": 0o644,
                 "s": size}]
    out += [{"p": f"/usr/local/share/man/man1/{n}.1", "t": "f", "m": 0o644, "s": 6_000}
            for n in ("elixir", "elixirc", "iex", "mix")]
    return out


def walk_recipe(recipe: str, run_layer, copy_layer, env, build_args: dict) -> list[str]:
    with open(os.path.join(RECIPES, recipe), encoding="utf-8") as f:
        steps = final_stage(f.read())
    # the build arguments erlang.sh / elixir.sh pass: BuildKit writes them before the RUN command
    steps = [(w, f"{a}={build_args[a]}" if w == "ARG" and a in build_args else a) for w, a in steps]
    return recipe_image.walk(steps, env, run_layer, copy_layer)


def images(os_name: str, apt: AptData, pkgs, amap):
    alpine = os_name == "alpine"
    otp, erts, elixir, os_tag = VERSIONS[os_name]
    base = "alpine:3.20" if alpine else "ubuntu:24.04"
    base_files = read_layers(image_file(base))[0]["files"] if alpine else []
    installed = set() if alpine else installed_of(image_file(base))
    counts = [0]

    def run_layer(cmd, env):
        if alpine:
            # the recipe's list, its $(if ...) for OTP >= 20 giving openssl
            names = ["ca-certificates", "libstdc++", "ncurses", "openssl", "unixodbc", "lksctp-tools"]
            return apk_files(names, pkgs, amap, base_files)[0], []
        want = ["ca-certificates", "libodbc2", "libssl3", "libsctp1", "netbase"]
        k = apt.closure(want, installed)
        installed.update(k)
        counts[0] = len(k)
        return [], k

    env = {"PATH": ALPINE_PATH}
    recipe = f"hexpm-erlang-{'alpine' if alpine else 'ubuntu-noble'}.dockerfile"
    body = walk_recipe(recipe, run_layer, lambda a, e: erlang_files(otp, erts), env, {"ARCH": "amd64", "ERLANG": otp})
    approx_os = ("on layerlab's alpine:3.20 (the real image is on alpine:3.20.5); its apk packages are Debian's "
                 "files under Alpine names" if alpine else
                 "its apt packages are bookworm's (Ubuntu's libssl3t64 as libssl3)")
    erl = f"hexpm/erlang:{otp}-{os_tag}"
    extra = [] if alpine else ["@merged-usr yes", '@cmd ["/bin/bash"]']
    lines = recipe_image.header(
        f"elixir_images.py from {os.path.basename(image_file(base))}, scripts/catalog/recipes/{recipe} and the catalogs",
        f"{SRC} priv/scripts/docker/erlang-{'alpine' if alpine else 'ubuntu-noble'}.dockerfile at commit {COMMIT}",
        erl, [], "2026-06-04T00:00:00Z", base, env,
        f"{approx_os}; Erlang/OTP {otp}'s make install tree (built in the recipe's first stage) is its layout with "
        "a part of each application's files and approximate sizes; the layers and history are the real image's.",
        f"Layers and history of the final stage of {SRC}'s erlang recipe (ARCH=amd64, as erlang.sh builds it): the "
        "runtime packages, then COPY --from=build /usr/local: OTP's bin, erts and applications (a part of the "
        "beams and chunk docs, sizes approximate).", extra)
    recipe_image.write(os.path.join(CAT, f"image-hexpm-erlang-{otp}-{os_name}.txt"), lines + body)
    env2 = dict(env)
    recipe2 = f"hexpm-elixir-{os_name}.dockerfile"
    body2 = walk_recipe(recipe2, lambda c, e: ([], []), lambda a, e: elixir_files(), env2, {})
    name = f"hexpm/elixir:{elixir}-erlang-{otp}-{os_tag}"
    lines2 = recipe_image.header(
        f"elixir_images.py from image-hexpm-erlang-{otp}-{os_name}.txt and scripts/catalog/recipes/{recipe2}",
        f"{SRC} priv/scripts/docker/elixir-{os_name}.dockerfile at commit {COMMIT}", name, [],
        "2026-06-04T00:00:00Z", erl, env2,
        f"Elixir {elixir}'s make install tree (repo.hex.pm's build, not reachable here) is its layout with a part of "
        "the beams and approximate sizes; the layers and history are the real image's.",
        f"The final stage of {SRC}'s elixir recipe: hexpm/erlang plus COPY --from=build /ELIXIR_LOCAL/usr/local "
        "/usr/local (elixir, elixirc, iex, mix and the applications' ebin directories, sizes approximate).", extra)
    recipe_image.write(os.path.join(CAT, f"image-hexpm-elixir-{elixir}-{os_name}.txt"), lines2 + body2)
    print(f"hexpm {os_name}: {counts[0]} apt packages", file=sys.stderr)


def main():
    pkgs = read_packages(os.path.join(CAT, "debian-bookworm.apt.txt"))
    apt, amap = AptData(), apk_map()
    for os_name in ("alpine", "ubuntu"):
        images(os_name, apt, pkgs, amap)


if __name__ == "__main__":
    main()
