#!/usr/bin/env python3
"""ruby:3.4-slim-bookworm and ruby:3.4-alpine from docker-library/ruby's Dockerfiles.

    python3 scripts/catalog/ruby_images.py     (no network, no root; then base_index.py)

The recipes (scripts/catalog/recipes/ruby-3.4-*.Dockerfile, SOURCE there) are
read instruction by instruction (recipe_image.walk): the history lines, ENV,
CMD are the real image's. Per RUN:

* slim: the apt layer (ca-certificates: K lines); the build RUN keeps what
  its `apt-mark manual` of ldd's libraries keeps (libffi8, libgmp10, libssl3,
  libyaml-0-2, zlib1g: K lines), the build packages are purged and leave
  nothing;
* alpine (on layerlab's real alpine:3.20 minirootfs; the recipe's is 3.22):
  the build RUN's `.ruby-rundeps` (so:libgmp, libffi, libssl, libyaml, libz)
  as Debian's libraries in /usr/lib, /etc/apk/world and the apk database grown;
* both: /usr/local/etc/gemrc, the 1777 GEM_HOME, and what `make install` of
  ruby-lang.org's tarball (not reachable here) writes: ruby, libruby, gem,
  bundle/bundler, irb, erb, rake, rdoc, ri and the other bin stubs, the
  standard library, the default and bundled gems (RUBY_FILES below): the
  layout of Ruby 3.4 with approximate sizes and a part of the library files.
  The image's @approx and @note say so.
"""
from __future__ import annotations

import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from alpine_lang import apk_db, libs_to_usr_lib, read_layers, read_packages, text_file  # noqa: E402
from debian_images import AptData, CAT, RECIPES, image_file, installed_of  # noqa: E402
from dotnet_images import final_stage  # noqa: E402
import recipe_image  # noqa: E402

SRC = "github.com/docker-library/ruby"
COMMIT = "5a670110fb6e65afa72ee9da2c65de377f589281"  # 2026-03-11, the 3.4 Dockerfiles' last change
CREATED = "2026-03-11T00:00:00Z"
V, ABI = "3.4.9", "3.4.0"
RUNTIME_LIBS = ["libffi8", "libgmp10", "libssl3", "libyaml-0-2", "zlib1g"]
APK_RUNDEPS = ["gmp", "libffi", "libssl3", "libcrypto3", "yaml", "zlib"]  # scanelf's so: names, as packages

# `make install` of Ruby 3.4 (--disable-install-doc --enable-shared): (path, bytes), sizes approximate
BIN = [("ruby", 16_000, 0o755)] + [(n, s, 0o755) for n, s in (
    ("gem", 560), ("bundle", 530), ("bundler", 532), ("irb", 520), ("erb", 4_900), ("rake", 520), ("rdoc", 520),
    ("ri", 514), ("racc", 520), ("rbs", 514), ("rdbg", 516), ("typeprof", 526), ("syntax_suggest", 544))]
DEFAULT_GEMS = {  # default gems: lib/ruby/3.4.0/NAME.rb + specifications/default/NAME-VERSION.gemspec
    "bundler": ("2.6.9", 2_900_000), "rubygems": (None, 1_600_000), "json": ("2.9.1", 120_000),
    "psych": ("5.2.2", 160_000), "openssl": ("3.3.0", 210_000), "rdoc": ("6.14.0", 1_900_000),
    "irb": ("1.14.3", 520_000), "reline": ("0.6.0", 330_000), "prism": ("1.5.2", 1_400_000),
    "erb": ("4.0.4", 60_000), "net-http": ("0.6.0", 190_000), "uri": ("1.0.4", 95_000),
    "fileutils": ("1.7.3", 75_000), "optparse": ("0.6.0", 105_000), "logger": ("1.6.4", 40_000),
    "did_you_mean": ("2.0.0", 55_000), "error_highlight": ("0.7.0", 30_000), "date": ("3.4.1", 12_000),
    "time": ("0.4.1", 25_000), "set": ("1.1.1", 28_000), "tempfile": ("0.3.1", 20_000),
    "securerandom": ("0.4.1", 5_000), "stringio": ("3.1.2", 2_000), "strscan": ("3.1.2", 2_000),
    "zlib": ("3.2.1", 2_000), "fiddle": ("1.1.6", 40_000), "io-console": ("0.8.0", 12_000),
    "ostruct": ("0.6.1", 14_000), "pp": ("0.6.2", 20_000), "resolv": ("0.6.0", 95_000),
    "timeout": ("0.4.3", 7_000), "open3": ("0.2.1", 26_000), "shellwords": ("0.2.2", 8_000),
    "singleton": ("0.3.0", 5_000), "tsort": ("0.2.0", 15_000), "delegate": ("0.4.0", 12_000),
    "forwardable": ("1.3.3", 9_000), "benchmark": ("0.4.0", 18_000), "pstore": ("0.1.4", 22_000),
    "syntax_suggest": ("2.0.2", 60_000), "yaml": ("0.4.0", 3_000), "digest": ("3.2.0", 12_000),
    "etc": ("1.4.5", 2_000), "english": ("0.8.0", 7_000), "un": ("0.3.0", 11_000),
}
BUNDLED_GEMS = {  # gems/NAME-VERSION/ + cache/NAME-VERSION.gem + specifications/NAME-VERSION.gemspec
    "minitest": ("5.25.4", 420_000), "power_assert": ("2.0.5", 60_000), "rake": ("13.2.1", 250_000),
    "test-unit": ("3.6.7", 900_000), "rexml": ("3.4.0", 480_000), "rss": ("0.3.1", 450_000),
    "net-ftp": ("0.3.8", 60_000), "net-imap": ("0.5.8", 800_000), "net-pop": ("0.1.2", 30_000),
    "net-smtp": ("0.5.1", 60_000), "matrix": ("0.4.2", 90_000), "prime": ("0.1.3", 30_000),
    "rbs": ("3.8.0", 4_300_000), "typeprof": ("0.30.1", 600_000), "debug": ("1.11.0", 1_100_000),
    "racc": ("1.8.1", 500_000), "mutex_m": ("0.3.0", 10_000), "getoptlong": ("0.2.1", 40_000),
    "base64": ("0.2.0", 12_000), "bigdecimal": ("3.1.8", 700_000), "observer": ("0.1.2", 15_000),
    "abbrev": ("0.1.2", 8_000), "resolv-replace": ("0.1.1", 6_000), "rinda": ("0.2.0", 40_000),
    "drb": ("2.2.1", 110_000), "nkf": ("0.2.0", 1_200_000), "syslog": ("0.2.0", 25_000),
    "csv": ("3.3.2", 300_000), "repl_type_completor": ("0.1.9", 60_000),
}
NATIVE_BUNDLED = ("bigdecimal", "nkf", "syslog", "racc", "debug", "rbs")
EXTS = [("openssl.so", 1_100_000), ("psych.so", 110_000), ("zlib.so", 150_000), ("fiddle.so", 160_000),
        ("date_core.so", 650_000), ("json/ext/parser.so", 90_000), ("json/ext/generator.so", 80_000),
        ("stringio.so", 110_000), ("strscan.so", 70_000), ("socket.so", 620_000), ("etc.so", 60_000),
        ("io/console.so", 80_000), ("io/wait.so", 20_000), ("io/nonblock.so", 16_000), ("digest.so", 40_000),
        ("digest/md5.so", 25_000), ("digest/sha1.so", 25_000), ("digest/sha2.so", 40_000), ("ripper.so", 2_300_000),
        ("monitor.so", 30_000), ("pathname.so", 60_000), ("cgi/escape.so", 30_000), ("erb/escape.so", 16_000),
        ("objspace.so", 120_000), ("pty.so", 40_000), ("coverage.so", 50_000), ("fcntl.so", 16_000),
        ("rbconfig/sizeof.so", 20_000), ("enc/encdb.so", 20_000), ("enc/trans/transdb.so", 20_000),
        ("enc/utf_16le.so", 18_000), ("enc/trans/japanese.so", 60_000), ("enc/big5.so", 40_000),
        ("enc/euc_jp.so", 40_000), ("enc/shift_jis.so", 35_000)]
STDLIB = [("rbconfig.rb", 24_000, "x86_64-linux/"), ("mkmf.rb", 90_000, ""), ("ipaddr.rb", 24_000, ""),
          ("find.rb", 2_600, ""), ("weakref.rb", 3_200, ""), ("open-uri.rb", 26_000, ""), ("cgi.rb", 10_000, ""),
          ("cgi/util.rb", 7_000, ""), ("objspace.rb", 4_000, ""), ("ruby_vm/rjit/compiler.rb", 2_000, ""),
          ("unicode_normalize/tables.rb", 380_000, ""), ("random/formatter.rb", 12_000, ""),
          ("bundled_gems.rb", 7_000, "")]
HEADERS = ["ruby.h", "ruby/ruby.h", "ruby/intern.h", "ruby/encoding.h", "ruby/io.h", "ruby/thread.h",
           "ruby/version.h", "ruby/internal/core/rstring.h", "x86_64-linux/ruby/config.h"]


def ruby_files() -> list[dict]:
    lib, gems = f"/usr/local/lib/ruby/{ABI}", f"/usr/local/lib/ruby/gems/{ABI}"
    out = [{"p": "/usr/local/bin/" + n, "t": "f", "m": m, "s": s} for n, s, m in BIN]
    so = f"libruby.so.{V}"
    out += [{"p": "/usr/local/lib/" + so, "t": "f", "m": 0o755, "s": 17_600_000},
            {"p": "/usr/local/lib/libruby.so.3.4", "t": "l", "l": so},
            {"p": "/usr/local/lib/libruby.so", "t": "l", "l": so},
            {"p": "/usr/local/lib/pkgconfig/ruby-3.4.pc", "t": "f", "m": 0o644, "s": 2_300}]
    out += [{"p": f"/usr/local/include/ruby-{ABI}/{h}", "t": "f", "m": 0o644, "s": 9_000} for h in HEADERS]
    for name, (ver, size) in DEFAULT_GEMS.items():
        top = name.replace("-", "/") if name in ("net-http", "io-console") else name
        out.append({"p": f"{lib}/{top}.rb", "t": "f", "m": 0o644, "s": max(size // 10, 600)})
        out.append({"p": f"{lib}/{top}/version.rb", "t": "f", "m": 0o644, "s": size - max(size // 10, 600)})
        if ver:
            out.append({"p": f"{gems}/specifications/default/{name}-{ver}.gemspec", "t": "f", "m": 0o644, "s": 1_400})
    for name, (ver, size) in BUNDLED_GEMS.items():
        d = f"{name}-{ver}"
        out += [{"p": f"{gems}/gems/{d}/lib/{name.replace('-', '/')}.rb", "t": "f", "m": 0o644, "s": size // 3},
                {"p": f"{gems}/gems/{d}/README.md", "t": "f", "m": 0o644, "s": 4_000},
                {"p": f"{gems}/cache/{d}.gem", "t": "f", "m": 0o644, "s": size // 3},
                {"p": f"{gems}/specifications/{d}.gemspec", "t": "f", "m": 0o644, "s": 1_600}]
        if name in NATIVE_BUNDLED:
            out.append({"p": f"{gems}/extensions/x86_64-linux/{ABI}/{d}/{name}.so", "t": "f", "m": 0o755,
                        "s": size // 3})
            out.append({"p": f"{gems}/extensions/x86_64-linux/{ABI}/{d}/gem.build_complete", "t": "f", "m": 0o644,
                        "s": 0})
    out += [{"p": f"{gems}/{d}", "t": "d", "m": 0o755} for d in ("build_info", "doc", "plugins")]
    out += [{"p": f"{lib}/x86_64-linux/{n}", "t": "f", "m": 0o755, "s": s} for n, s in EXTS]
    out += [{"p": f"{lib}/{sub}{n}", "t": "f", "m": 0o644, "s": s} for n, s, sub in STDLIB]
    out += [{"p": f"/usr/local/lib/ruby/{d}/{ABI}/x86_64-linux", "t": "d", "m": 0o755}
            for d in ("site_ruby", "vendor_ruby")]
    out += [{"p": f"/usr/local/share/man/man1/{n}.1", "t": "f", "m": 0o644, "s": s}
            for n, s in (("ruby", 17_000), ("erb", 4_500), ("irb", 5_500), ("ri", 6_000))]
    return out


def common_run(cmd: str, env: dict) -> list[dict] | None:
    if "echo 'gem: --no-document'" in cmd:
        return [text_file("/usr/local/etc/gemrc", "gem: --no-document\n")]
    if 'chmod 1777 "$GEM_HOME"' in cmd:
        return [{"p": env["GEM_HOME"], "t": "d", "m": 0o1777}]
    return None


def slim(apt: AptData):
    recipe = "ruby-3.4-slim-bookworm.Dockerfile"
    with open(os.path.join(RECIPES, recipe), encoding="utf-8") as f:
        steps = final_stage(f.read())
    installed = installed_of(image_file("debian:bookworm-slim"))
    counts = {"k": 0, "synth": 0}

    def run_layer(cmd, env):
        files = common_run(cmd, env)
        if files is not None:
            return files, []
        want = RUNTIME_LIBS if "make install" in cmd else \
            re.search(r"--no-install-recommends(.*?);", cmd).group(1).split()
        k = apt.closure([w for w in want if w != "\\"], installed)
        installed.update(k)
        counts["k"] += len(k)
        counts["synth"] += len([p for p in k if p not in apt.real])
        return (ruby_files() if "make install" in cmd else []), k

    env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}
    body = recipe_image.walk(steps, env, run_layer)
    path = "3.4/slim-bookworm/Dockerfile"
    lines = recipe_image.header(
        "ruby_images.py from image-debian-bookworm-slim.txt, scripts/catalog/recipes/" + recipe + " and the apt catalogs",
        f"{SRC} {path} at commit {COMMIT}", "ruby:3.4-slim-bookworm",
        ["ruby:3.4.9-slim-bookworm", "ruby:3-slim-bookworm", "ruby:slim-bookworm"], CREATED,
        "debian:bookworm-slim", env,
        "Ruby's own files (make install of ruby-lang.org's tarball, not reachable here) are its layout with "
        "approximate sizes and a part of the library files; the layers, history and apt packages are the real image's.",
        f"Layers and history of the official ruby:3.4-slim-bookworm ({SRC} {path} at commit {COMMIT}). The apt "
        f"layers are {counts['k']} packages from layerlab's Debian bookworm data ({counts['synth']} with files "
        "approximated from their size): ca-certificates and the libraries the build keeps (libffi8, libgmp10, "
        "libssl3, libyaml-0-2, zlib1g). What `make install` of Ruby 3.4.9 writes is approximated: ruby, libruby, "
        "gem, bundle/bundler, irb, erb, rake and the other programs, the standard library, the default and bundled "
        "gems, their layout with approximate sizes. Not modelled: dpkg's status growth.",
        ["@merged-usr yes", '@cmd ["irb"]'])
    recipe_image.write(os.path.join(CAT, "image-ruby-3.4-slim-bookworm.txt"), lines + body)
    print(f"image-ruby-3.4-slim-bookworm.txt: {counts['k']} packages ({counts['synth']} synthesized)", file=sys.stderr)


def alpine():
    recipe = "ruby-3.4-alpine3.22.Dockerfile"
    with open(os.path.join(RECIPES, recipe), encoding="utf-8") as f:
        steps = final_stage(f.read())
    pkgs = read_packages(os.path.join(CAT, "debian-bookworm.apt.txt"))
    base = read_layers(image_file("alpine:3.20"))[0]["files"]
    debs = ["libffi8", "libgmp10", "libssl3", "libyaml-0-2", "zlib1g"]

    def run_layer(cmd, env):
        files = common_run(cmd, env)
        if files is not None:
            return files, []
        if "make install" in cmd:
            have = [d for d in debs if d in pkgs]
            return ruby_files() + libs_to_usr_lib(pkgs, have) + apk_db(base, [".ruby-rundeps"]), []
        return [], []

    env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}
    body = recipe_image.walk(steps, env, run_layer)
    path = "3.4/alpine3.22/Dockerfile"
    lines = recipe_image.header(
        "ruby_images.py from image-alpine-3.20.txt, scripts/catalog/recipes/" + recipe + " and the apt catalog",
        f"{SRC} {path} at commit {COMMIT}", "ruby:3.4-alpine",
        ["ruby:3.4.9-alpine", "ruby:3-alpine", "ruby:alpine", "ruby:3.4-alpine3.22", "ruby:3.4.9-alpine3.22"],
        CREATED, "alpine:3.20", env,
        "on layerlab's alpine:3.20 (the real image is on alpine:3.22); Ruby's own files (make install of "
        "ruby-lang.org's tarball, not reachable here) are its layout with approximate sizes, and its libraries "
        "Debian's; the layers and history are the real image's.",
        f"Layers and history of the official ruby:3.4-alpine3.22 ({SRC} {path} at commit {COMMIT}) on layerlab's "
        "real alpine:3.20 minirootfs (alpine:3.22 is not in layerlab's data). The build RUN's .ruby-rundeps "
        "(gmp, libffi, libssl3, libcrypto3, yaml, zlib) are Debian's libffi8, libgmp10, libssl3, libyaml-0-2 and "
        "zlib1g in /usr/lib; /etc/apk/world and the apk database grown (its size approximate). What `make install` "
        "of Ruby 3.4.9 writes is approximated as in ruby:3.4-slim-bookworm.",
        ['@cmd ["irb"]'])
    recipe_image.write(os.path.join(CAT, "image-ruby-3.4-alpine.txt"), lines + body)
    print("image-ruby-3.4-alpine.txt", file=sys.stderr)


def main():
    slim(AptData())
    alpine()


if __name__ == "__main__":
    main()
