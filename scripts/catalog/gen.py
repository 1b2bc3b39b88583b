#!/usr/bin/env python3
"""gen-catalog: build layerlab's package catalogs and base images from real
Debian package data. Run through scripts/gen-catalog (which checks the tools).

Inputs, all real: Debian bookworm's signed Packages indexes (apt), the .deb
files themselves (dpkg-deb), one `debootstrap --variant=minbase` run for the
files maintainer scripts create, and `apt-get update` run the way the stock
debian image configures apt (for /var/lib/apt/lists). Outputs go to
assets/catalog/ (see its README.md for the format and what is approximated).
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import posixpath
import re
import shutil
import stat
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from debian import ARCH, Apt, Index, parse_control  # noqa: E402
import debs  # noqa: E402
import fmt  # noqa: E402
import model  # noqa: E402
from model import Tree  # noqa: E402

FORMAT = "#layerlab-catalog 1"

# ------------------------------------------------------------------ choices
# debian:bookworm-slim = debootstrap --variant=minbase (Priority: required +
# apt, dependencies resolved) with --merged-usr, which excludes usrmerge in
# favour of usr-is-merged (debootstrap's EXCLUDE_DEPENDENCY).
SLIM_EXTRA = ["apt"]
SLIM_AVOID = {"usrmerge"}

# debuerreotype's scripts/.slimify-excludes and .slimify-includes
SLIM_EXCLUDES = ["/usr/share/doc/*", "/usr/share/groff/*", "/usr/share/info/*",
                 "/usr/share/linda/*", "/usr/share/lintian/overrides/*",
                 "/usr/share/locale/*", "/usr/share/man/*"]
SLIM_INCLUDES = ["/usr/share/doc/*/copyright", "/usr/share/doc/kde/HTML/C/*",
                 "/usr/share/gnome/help/*/C/*", "/usr/share/locale/all_languages",
                 "/usr/share/locale/currency/*", "/usr/share/locale/l10n/*",
                 "/usr/share/locale/languages", "/usr/share/locale/locale.alias",
                 "/usr/share/omf/*/*-C.emf"]

# (e) what people apt-get install in Dockerfiles
APT_POPULAR = ("curl wget ca-certificates git build-essential gcc g++ make python3 "
               "python3-pip python3-venv nodejs npm vim-tiny nano less procps "
               "iputils-ping netcat-openbsd unzip zip xz-utils bzip2 gnupg "
               "openssh-client jq sqlite3 postgresql-client default-mysql-client "
               "nginx openjdk-17-jre-headless locales tzdata sudo htop rsync file").split()

# python:3.11-slim: Debian's CPython 3.11 relocated to /usr/local (the official
# image compiles CPython into /usr/local; Debian's build is the nearest real data)
PY_RELOCATED = ["python3.11-minimal", "libpython3.11-minimal", "libpython3.11-stdlib",
                "python3.11", "libpython3.11", "python3-minimal", "libpython3-stdlib",
                "python3", "python3-pip", "python3-setuptools", "python3-pkg-resources",
                "python3-wheel"]
PY_RUNTIME_APT = ["ca-certificates", "netbase", "tzdata"]
PY_MOVES = [("/usr/lib/python3/dist-packages/", "/usr/local/lib/python3.11/site-packages/"),
            ("/usr/lib/python3.11/", "/usr/local/lib/python3.11/"),
            ("/usr/lib/x86_64-linux-gnu/libpython3.11", "/usr/local/lib/libpython3.11"),
            ("/usr/bin/", "/usr/local/bin/")]

NODE_APT = ["nodejs", "npm"]

PIP_MAP = {  # PyPI name -> Debian package
    "flask": "python3-flask", "django": "python3-django", "requests": "python3-requests",
    "numpy": "python3-numpy", "pandas": "python3-pandas", "fastapi": "python3-fastapi",
    "uvicorn": "python3-uvicorn", "gunicorn": "python3-gunicorn", "pyyaml": "python3-yaml",
    "jinja2": "python3-jinja2", "click": "python3-click", "pytest": "python3-pytest",
    "sqlalchemy": "python3-sqlalchemy", "psycopg2": "python3-psycopg2", "boto3": "python3-boto3",
    "pillow": "python3-pil", "pydantic": "python3-pydantic", "httpx": "python3-httpx",
    "beautifulsoup4": "python3-bs4", "lxml": "python3-lxml", "redis": "python3-redis",
    "celery": "python3-celery", "python-dotenv": "python3-dotenv", "rich": "python3-rich",
    "tqdm": "python3-tqdm", "python-dateutil": "python3-dateutil", "pytz": "python3-tz",
    "werkzeug": "python3-werkzeug", "aiohttp": "python3-aiohttp",
    "cryptography": "python3-cryptography", "pyjwt": "python3-jwt", "markdown": "python3-markdown",
    "alembic": "python3-alembic", "pymysql": "python3-pymysql", "openpyxl": "python3-openpyxl",
    "scipy": "python3-scipy",
}
NPM_MAP = {  # npm name -> Debian package
    "express": "node-express", "lodash": "node-lodash", "react": "node-react",
    "react-dom": "node-react-dom", "typescript": "node-typescript", "axios": "node-axios",
    "chalk": "node-chalk", "commander": "node-commander", "debug": "node-debug",
    "moment": "node-moment", "uuid": "node-uuid", "ws": "node-ws", "yargs": "node-yargs",
    "semver": "node-semver", "cors": "node-cors", "body-parser": "node-body-parser",
    "minimist": "node-minimist", "glob": "node-glob", "underscore": "node-underscore",
    "jquery": "node-jquery", "webpack": "webpack", "eslint": "eslint", "mocha": "mocha",
    "jest": "jest", "mkdirp": "node-mkdirp", "rimraf": "node-rimraf", "fs-extra": "node-fs-extra",
    "colors": "node-colors", "request": "node-request", "bluebird": "node-bluebird",
    "vue": "node-vue", "redux": "node-redux", "prop-types": "node-prop-types",
    "mime": "node-mime", "qs": "node-qs", "cookie-parser": "node-cookie-parser",
    "morgan": "node-morgan", "ejs": "node-ejs", "marked": "node-marked", "js-yaml": "node-js-yaml",
    "got": "node-got", "node-fetch": "node-fetch", "tslib": "node-tslib", "rollup": "rollup",
}
# debuerreotype-minimizing-config writes these (contents from its source)
_CLEAN = '"rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true";'
MINIMIZING_FILES = {
    "/usr/sbin/policy-rc.d": (0o755, "#!/bin/sh\n\n# For most Docker users, \"apt-get install\" only happens during \"docker build\",\n# where starting services doesn't work and often fails in humorous ways. This\n# prevents those failures by stopping the services from attempting to start.\n\nexit 101\n"),
    "/etc/dpkg/dpkg.cfg.d/docker-apt-speedup": (0o644, "# For most Docker users, package installs happen during \"docker build\", which\n# doesn't survive power loss and gets restarted clean afterwards anyhow, so\n# this minor tweak gives us a nice speedup (much nicer on spinning disks,\n# obviously).\n\nforce-unsafe-io\n"),
    "/etc/apt/apt.conf.d/docker-autoremove-suggests": (0o644, "# Since Docker users are looking for the smallest possible final images, the\n# following emerges as a very common pattern:\n\n#   RUN apt-get update \\\n#       && apt-get install -y <packages> \\\n#       && <do some compilation work> \\\n#       && apt-get purge -y --auto-remove <packages>\n\n# By default, APT will actually _keep_ packages installed via Recommends or\n# Depends if another package Suggests them, even and including if the package\n# that originally caused them to be installed is removed.  Setting this to\n# \"false\" ensures that APT is appropriately aggressive about removing the\n# packages it added.\n\n# https://aptitude.alioth.debian.org/doc/en/ch02s05s05.html#configApt-AutoRemove-SuggestsImportant\nApt::AutoRemove::SuggestsImportant \"false\";\n"),
    "/etc/apt/apt.conf.d/docker-clean": (0o644, "# Since for most Docker users, package installs happen in \"docker build\" steps,\n# they essentially become individual layers due to the way Docker handles\n# layering, especially using CoW filesystems.  What this means for us is that\n# the caches that APT keeps end up just wasting space in those layers, making\n# our layers unnecessarily large (especially since we'll normally never use\n# these caches again and will instead just \"docker build\" again and make a brand\n# new image).\n\n# Ideally, these would just be invoking \"apt-get clean\", but in our testing,\n# that ended up being cyclic and we got stuck on APT's lock, so we get this fun\n# creation that's essentially just \"apt-get clean\".\nDPkg::Post-Invoke { " + _CLEAN + " };\nAPT::Update::Post-Invoke { " + _CLEAN + " };\n\nDir::Cache::pkgcache \"\";\nDir::Cache::srcpkgcache \"\";\n\n# Note that we do realize this isn't the ideal way to do this, and are always\n# open to better suggestions (https://github.com/debuerreotype/debuerreotype/issues).\n"),
    "/etc/apt/apt.conf.d/docker-gzip-indexes": (0o644, "# Since Docker users using \"RUN apt-get update && apt-get install -y ...\" in\n# their Dockerfiles don't go delete the lists files afterwards, we want them to\n# be as small as possible on-disk, so we explicitly request that Apt keep them\n# compressed on-disk too instead of decompressing them.\n\n# For comparison, an \"apt-get update\" layer without this on a pristine\n# \"debian:wheezy\" base image was \"29.88 MB\", where with this it was only\n# \"8.273 MB\".\n\nAcquire::GzipIndexes \"true\";\n"),
    "/etc/apt/apt.conf.d/docker-no-languages": (0o644, "# In Docker, we don't often need the \"Translations\" files, so we're just wasting\n# time and space by downloading them, and this inhibits that.  For users that do\n# need them, it's a simple matter to delete this file and \"apt-get update\". :)\n\nAcquire::Languages \"none\";\n"),
}
DEBIAN_SOURCES = ("Types: deb\n# http://snapshot.debian.org/archive/debian/{snap}\nURIs: http://deb.debian.org/debian\n"
                  "Suites: bookworm bookworm-updates\nComponents: main\n"
                  "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n"
                  "Types: deb\n# http://snapshot.debian.org/archive/debian-security/{snap}\n"
                  "URIs: http://deb.debian.org/debian-security\nSuites: bookworm-security\n"
                  "Components: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n")
PATH_ENV = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def log(*a):
    print("[gen-catalog]", *a, file=sys.stderr, flush=True)


# ------------------------------------------------------------------ helpers
class Ctx:
    def __init__(self, args):
        self.repo = os.path.abspath(args.repo)
        self.deps = os.path.join(self.repo, ".deps")
        self.out = os.path.join(self.repo, "assets", "catalog")
        self.apt = Apt(os.path.join(self.deps, "catalog-apt"))
        self.args = args
        self.idx: Index | None = None
        self.sums: dict[str, dict] = {}
        self.release: list[dict] = []

    def pkg_fields(self, n):
        return self.idx.pkgs[n].fields

    def multiarch_same(self, n):
        return self.pkg_fields(n).get("Multi-Arch") == "same"

    def info_name(self, n):
        return model.info_name(n, self.multiarch_same(n), ARCH)


def closure(idx: Index, requested, installed, recommends, avoid=()):
    """Index.closure, but never choosing a package in `avoid` for a clause
    that has another alternative (debootstrap's EXCLUDE_DEPENDENCY)."""
    saved = {}
    for a in avoid:
        if a in idx.pkgs:
            saved[a] = idx.pkgs.pop(a)
    try:
        order, missing = idx.closure(list(requested), set(installed), recommends)
    finally:
        idx.pkgs.update(saved)
    return order, missing


def header(kind: str, ctx: Ctx, extra: list[str]) -> list[str]:
    rel = "; ".join(f"{r.get('Suite')}/{r.get('Codename')} {r.get('Version', '')} ({r.get('Date')})"
                    for r in ctx.release)
    return [f"{FORMAT} {kind}",
            f"# Generated by scripts/gen-catalog from real Debian package data: {rel}; "
            f"architecture {ARCH}. Do not edit by hand; rerun the script (see assets/catalog/README.md).",
            f"@generated {ctx.generated}",
            f"@suite bookworm",
            f"@source deb.debian.org Packages indexes ({rel})"] + extra


# ------------------------------------------------------------------ debootstrap
def debootstrap_root(ctx: Ctx) -> str:
    root = os.path.join(ctx.deps, "catalog-deboot", "rootfs")
    stamp = os.path.join(ctx.deps, "catalog-deboot", "ok")
    if os.path.exists(stamp) and not ctx.args.refresh_debootstrap:
        return root
    if os.geteuid() != 0:
        raise SystemExit("gen-catalog: debootstrap needs root (it runs maintainer scripts in a chroot)")
    if os.path.exists(root):
        shutil.rmtree(root)
    os.makedirs(os.path.dirname(root), exist_ok=True)
    log("debootstrap --variant=minbase bookworm (about a minute)")
    subprocess.run(["debootstrap", "--variant=minbase", f"--arch={ARCH}", "--merged-usr",
                    "bookworm", root, "http://deb.debian.org/debian"],
                   check=True, stdout=subprocess.DEVNULL)
    open(stamp, "w").close()
    return root


def measure_unowned(root: str, release_day: int) -> list[dict]:
    """Files in the debootstrap rootfs that no package ships: what maintainer
    scripts, debootstrap and ldconfig created. Cleaned the way debuerreotype
    cleans the official image (fixup, .tar-exclude)."""
    owned = set()
    info = os.path.join(root, "var/lib/dpkg/info")
    for f in os.listdir(info):
        if f.endswith(".list"):
            with open(os.path.join(info, f), encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    p = line.rstrip("\n")
                    owned.add(p)
                    c = model.canon(p)
                    if c:
                        owned.add(c)
    drop_exact = {"/etc/hostname", "/etc/resolv.conf", "/etc/apt/sources.list",
                  "/var/log/dpkg.log", "/var/log/bootstrap.log", "/var/log/alternatives.log",
                  "/var/cache/ldconfig/aux-cache", "/etc/machine-id", "/run/mount",
                  "/var/lib/dpkg/status", "/var/lib/dpkg/status-old", "/debootstrap"}
    drop_under = ("/dev/", "/proc/", "/sys/", "/var/cache/apt/", "/var/lib/apt/lists/",
                  "/var/lib/dpkg/info/", "/debootstrap/")
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(dirnames + filenames):
            full = os.path.join(dirpath, name)
            p = "/" + os.path.relpath(full, root)
            if p in owned or p in drop_exact or p.startswith(drop_under):
                continue
            st = os.lstat(full)
            e = {"p": p, "m": st.st_mode & 0o7777, "u": st.st_uid, "g": st.st_gid}
            if stat.S_ISDIR(st.st_mode):
                e["t"] = "d"
            elif stat.S_ISLNK(st.st_mode):
                e["t"] = "l"
                e["l"] = os.readlink(full)
            elif stat.S_ISREG(st.st_mode):
                e["t"] = "f"
                e["s"] = st.st_size
                if st.st_size <= debs.CONTENT_MAX and p.startswith("/etc/"):
                    with open(full, "rb") as fh:
                        c = debs.keep_content(p, st.st_size, fh.read())
                    if c is not None:
                        if p in ("/etc/shadow", "/etc/shadow-"):
                            # last-change day: the Release date, not the day this ran
                            c = re.sub(r"^([^:]*:[^:]*:)\d+:", lambda m: f"{m.group(1)}{release_day}:",
                                       c, flags=re.M)
                        e["c"] = c
            else:
                continue   # device nodes: only under /dev, dropped above
            out.append(e)
    return out


# ------------------------------------------------------------------ layer builder
class LayerBuilder:
    """Builds one image layer the way the C++ loader replays it, and records
    the directives to write."""

    def __init__(self, ctx: Ctx, lower: Tree, merged_usr: bool, registered: dict):
        self.ctx = ctx
        self.lower = lower
        self.merged = merged_usr
        self.layer = Tree()
        self.lines: list[str] = []
        self.registered = registered   # name -> status size, shared across layers
        self.fw = fmt.FileWriter(self.lines)
        self.pending: list[dict] = []

    def _flush(self):
        if self.pending:
            self.fw.reset()
            for e in sorted(self.pending, key=fmt.file_sort_key):
                self.fw.add(e)
            self.pending = []

    def view(self) -> Tree:
        t = Tree()
        t.e = dict(self.lower.e)
        t.e.update(self.layer.e)
        return t

    def dpkg_rules(self):
        e = self.layer.e.get("/etc/dpkg/dpkg.cfg.d/docker") or self.lower.e.get("/etc/dpkg/dpkg.cfg.d/docker")
        if e and e.get("c"):
            return model.parse_dpkg_cfg(e["c"])
        return []

    def install(self, name: str):
        """K name: dpkg unpacks the package (with the image's dpkg filter) and
        registers it in /var/lib/dpkg."""
        self._flush()
        s = self.ctx.sums[name]
        entries, list_size = model.installed_entries(s, self.dpkg_rules(), self.merged)
        for e in entries:
            self.layer.put(e)
        for e in model.info_entries(self.ctx.info_name(name), s, list_size):
            self.layer.put(e)
        self.registered[name] = model.status_size(s)
        self.lines.append(f"K {name}")

    def put(self, e: dict):
        self.layer.put(e)
        self.pending.append(e)

    def slimify(self):
        self._flush()
        t = self.view()
        before = set(t.e)
        model.slimify(t, SLIM_EXCLUDES, SLIM_INCLUDES)
        for p in before - set(t.e):
            self.layer.e.pop(p, None)
        self.lines.append("X " + " ".join(SLIM_EXCLUDES))
        self.lines.append("Y " + " ".join(SLIM_INCLUDES))

    def finish(self) -> list[str]:
        self._flush()
        return self.lines

    def totals(self) -> tuple[int, int]:
        n = len(self.layer.e)
        b = sum(e.get("s", 0) for e in self.layer.e.values() if e["t"] == "f")
        return n, b


def ancestors(path: str) -> list[str]:
    out = []
    d = posixpath.dirname(path)
    while d not in ("/", ""):
        out.append(d)
        d = posixpath.dirname(d)
    return out


def dir_entry(p):
    return {"p": p, "t": "d", "m": 0o755, "u": 0, "g": 0}


def file_entry(p, size, mode=0o644, content=None, uid=0, gid=0):
    e = {"p": p, "t": "f", "m": mode, "s": size, "u": uid, "g": gid}
    if content is not None:
        e["c"] = content
    return e


def dpkg_state_entries(lb: LayerBuilder, prev_status: int | None, auto: list[str],
                       prev_auto: list[str]) -> tuple[int, list[str]]:
    """/var/lib/dpkg/status (+ status-old) and /var/lib/apt/extended_states."""
    size = sum(lb.registered.values())
    lb.put(file_entry("/var/lib/dpkg/status", size))
    if prev_status is not None:
        lb.put(file_entry("/var/lib/dpkg/status-old", prev_status))
    auto_all = sorted(set(prev_auto) | set(auto))
    if auto_all:
        n = sum(len(f"Package: {a}\nArchitecture: {lb.ctx.pkg_fields(a)['Architecture']}\nAuto-Installed: 1\n\n")
                for a in auto_all)
        lb.put(file_entry("/var/lib/apt/extended_states", n))
    return size, auto_all


# ------------------------------------------------------------------ images
class Image:
    def __init__(self, name: str, merged_usr: bool):
        self.name = name
        self.merged = merged_usr
        self.meta: list[str] = []
        self.body: list[str] = []
        self.tree = Tree()
        self.registered: dict[str, int] = {}
        self.layer_no = 0
        self.expect: list[str] = []
        # other tags of the same image on Docker Hub (docker-library/official-images library/*)
        self.tags: list[str] = []

    def history(self, created_by: str, empty: bool, comment: str | None = None):
        self.body.append(f"H {1 if empty else 0} {created_by}")
        if comment:
            self.body.append(f"C {comment}")

    def layer(self, ctx, created_by: str, comment: str | None = None) -> LayerBuilder:
        self.history(created_by, False, comment)
        return LayerBuilder(ctx, self.tree, self.merged, self.registered)

    def commit(self, lb: LayerBuilder):
        self.body += lb.finish()
        n, b = lb.totals()
        self.expect.append(f"@expect {self.layer_no} {n} {b}")
        self.layer_no += 1
        for p, e in lb.layer.e.items():
            self.tree.put(e)
        self.tree.e.update(lb.layer.e)

    def write(self, path: str, ctx: Ctx, extra_meta: list[str]):
        created = dt.datetime.fromtimestamp(ctx.release_epoch, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        lines = header("image", ctx, [f"@name {self.name}"] + [f"@tag {t}" for t in self.tags] + [f"@created {created}",
                                      f"@merged-usr {'yes' if self.merged else 'no'}"] + extra_meta + self.meta)
        lines += self.expect + self.body
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        files = len(self.tree.e)
        size = sum(e.get("s", 0) for e in self.tree.e.values() if e["t"] == "f")
        return files, size


def build_slim(ctx: Ctx, slim: list[str], unowned: list[dict]) -> Image:
    img = Image("debian:bookworm-slim", True)
    img.tags = ["debian:12-slim", "debian:oldstable-slim"]
    img.meta += [f"@env {PATH_ENV}", '@cmd ["bash"]',
                 "@note One layer, as debuerreotype builds it: debootstrap --variant=minbase "
                 "(+ merged /usr), debuerreotype-minimizing-config, apt-get full-upgrade, "
                 "debuerreotype-slimify, debuerreotype-fixup."]
    epoch = ctx.release_epoch
    lb = img.layer(ctx, f"# debian.sh --arch '{ARCH}' out/ 'bookworm' '@{epoch}'", "debuerreotype 0.15")
    # the merged-/usr symlinks and directories debootstrap makes before unpacking
    for d in model.MERGED_DIRS:
        lb.put({"p": "/" + d, "t": "l", "l": "usr/" + d})
    lb.put(dir_entry("/usr/lib64"))
    for e in [{"p": "/dev", "t": "d", "m": 0o755}, {"p": "/proc", "t": "d", "m": 0o755},
              {"p": "/sys", "t": "d", "m": 0o755}]:
        lb.put(e)
    for n in slim:
        lb.install(n)
    for e in unowned:
        lb.put(e)
    lb.slimify()
    # after slimify: debuerreotype's config files and the dpkg filter it leaves
    for p, (mode, text) in MINIMIZING_FILES.items():
        lb.put(file_entry(p, len(text.encode()), mode, text))
    cfg = slim_dpkg_cfg(ctx, slim)
    lb.put(file_entry("/etc/dpkg/dpkg.cfg.d/docker", len(cfg.encode()), 0o644,
                      cfg if len(cfg.encode()) <= debs.CONTENT_MAX else None))
    src = DEBIAN_SOURCES.format(snap=ctx.snapshot)
    lb.put(file_entry("/etc/apt/sources.list.d/debian.sources", len(src), 0o644, src))
    dpkg_state_entries(lb, None, [], [])
    img.commit(lb)
    img.status = sum(img.registered.values())
    img.auto = []
    return img


def slim_dpkg_cfg(ctx: Ctx, slim: list[str]) -> str:
    """/etc/dpkg/dpkg.cfg.d/docker as debuerreotype-slimify writes it: a comment
    naming the packages (`dpkg -S`) that own each excluded tree."""
    lines = ['# This is the "slim" variant of the Debian base image.',
             "# Many files which are normally unnecessary in containers are excluded,",
             "# and this configuration file keeps them that way."]
    import fnmatch
    import textwrap
    for exc in sorted(SLIM_EXCLUDES):
        owners = sorted({n for n in slim for e in ctx.sums[n]["files"]
                         if fnmatch.fnmatchcase(model.canon(e["p"]) or e["p"], exc)})
        lines.append("")
        lines.append(f"# dpkg -S '{exc}'")
        text = " ".join(owners) if owners else f"dpkg-query: no path found matching pattern {exc}"
        for w in textwrap.wrap(text, 76, break_long_words=False, break_on_hyphens=False):
            lines.append("#  " + w)
        lines.append(f"path-exclude {exc}")
    lines.append("")
    for inc in sorted(SLIM_INCLUDES):
        lines.append(f"path-include {inc}")
    return "\n".join(lines) + "\n"


def apt_install_layer(ctx: Ctx, img: Image, lb: LayerBuilder, requested: list[str],
                      recommends: bool = False) -> list[str]:
    order, missing = closure(ctx.idx, requested, set(img.registered), recommends)
    if missing:
        raise RuntimeError(f"{img.name}: unresolvable {missing}")
    for n in order:
        lb.install(n)
    auto = [n for n in order if n not in requested]
    size, img.auto = dpkg_state_entries(lb, img.status, auto, img.auto)
    img.status = size
    return order


def ca_certificates_outputs(ctx: Ctx) -> list[dict]:
    """What update-ca-certificates (ca-certificates' postinst) creates: one
    /etc/ssl/certs/NAME.pem symlink per bundled certificate, the concatenated
    bundle and /etc/ca-certificates.conf. (The OpenSSL subject-hash symlinks
    are left out: computing them needs openssl.)"""
    s = ctx.sums["ca-certificates"]
    crts = sorted((e for e in s["files"] if e["p"].startswith("/usr/share/ca-certificates/mozilla/")
                  and e["t"] == "f"), key=lambda e: e["p"])
    out = [dir_entry("/etc/ssl"), dir_entry("/etc/ssl/certs")]
    conf = "".join(f"mozilla/{posixpath.basename(e['p'])}\n" for e in crts)
    conf_head = ("# This file lists certificates that you wish to use or to ignore to be\n"
                 "# installed in /etc/ssl/certs.\n"
                 "# update-ca-certificates(8) will update /etc/ssl/certs by reading this file.\n#\n"
                 "# This is autogenerated by dpkg-reconfigure ca-certificates.\n"
                 "# Certificates should be installed under /usr/share/ca-certificates\n"
                 "# and files with extension '.crt' is recognized as available certs.\n#\n"
                 "# line begins with # is comment.\n"
                 "# line begins with ! is certificate filename to be deselected.\n#\n")
    out.append(file_entry("/etc/ca-certificates.conf", len((conf_head + conf).encode())))
    for e in crts:
        base = posixpath.basename(e["p"])[:-4]
        out.append({"p": f"/etc/ssl/certs/{base}.pem", "t": "l", "l": e["p"]})
    out.append(file_entry("/etc/ssl/certs/ca-certificates.crt", sum(e["s"] for e in crts)))
    return out


def relocate(path: str, moves) -> str | None:
    for src, dst in moves:
        if path.startswith(src):
            return dst + path[len(src):]
    return None


def build_python(ctx: Ctx, slim: Image) -> Image:
    img = Image("python:3.11-slim", True)
    img.tags = ["python:3.11-slim-bookworm"]
    img.tree.e = dict(slim.tree.e)
    img.registered = dict(slim.registered)
    img.status, img.auto = slim.status, []
    img.layer_no = 0
    py_ver = ctx.idx.pkgs["python3.11"].version.split("-")[0]
    env_path = "PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    img.meta += ["@base debian:bookworm-slim", f"@env {env_path}", "@env LANG=C.UTF-8",
                 "@env GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D",
                 f"@env PYTHON_VERSION={py_ver}", '@cmd ["python3"]',
                 "@approx CPython is Debian's python3.11 relocated from /usr to /usr/local (the official image "
                 "compiles it from python.org); the layers and history are the real image's.",
                 f"@note Approximation: the official image compiles CPython 3.11 from python.org into "
                 f"/usr/local; here Debian's python3.11 {ctx.idx.pkgs['python3.11'].version} packages "
                 f"(and python3-pip/setuptools/wheel) are relocated from /usr to /usr/local and not "
                 f"registered with dpkg, as in the real image. PYTHON_SHA256 is omitted."]
    img.history(f"ENV {env_path}", True, "buildkit.dockerfile.v0")
    img.history("ENV LANG=C.UTF-8", True, "buildkit.dockerfile.v0")
    lb = img.layer(ctx, "RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y "
                   "--no-install-recommends \t\tca-certificates \t\tnetbase \t\ttzdata \t; \t"
                   "rm -rf /var/lib/apt/lists/* # buildkit", "buildkit.dockerfile.v0")
    order = apt_install_layer(ctx, img, lb, PY_RUNTIME_APT)
    if "ca-certificates" in order:
        for e in ca_certificates_outputs(ctx):
            lb.put(e)
    img.commit(lb)
    img.history("ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D", True, "buildkit.dockerfile.v0")
    img.history(f"ENV PYTHON_VERSION={py_ver}", True, "buildkit.dockerfile.v0")
    lb = img.layer(ctx, "RUN /bin/sh -c set -eux; savedAptMark=\"$(apt-mark showmanual)\"; "
                   "apt-get update; apt-get install -y --no-install-recommends dpkg-dev gcc ... ; "
                   "./configure --enable-shared ...; make install; ... apt-get purge -y --auto-remove; "
                   "rm -rf /var/lib/apt/lists/*; pip3 install setuptools wheel # buildkit",
                   "buildkit.dockerfile.v0")
    # runtime libraries CPython links against stay as (apt) packages
    deps = []
    for n in PY_RELOCATED:
        for clause in ctx.idx.pkgs[n].depends:
            deps.append(clause)
    need = []
    have = set(img.registered) | set(PY_RELOCATED)
    for clause in deps:
        if any(ctx.idx.satisfied(a, have) for a in clause):
            continue
        c = ctx.idx.choose(clause, have)
        if c and c not in need:
            need.append(c)
    order, missing = closure(ctx.idx, need, set(img.registered) | set(PY_RELOCATED), False)
    for n in order:
        lb.install(n)
    size, img.auto = dpkg_state_entries(lb, img.status, [], img.auto)
    img.status = size
    made = set()
    for n in PY_RELOCATED:
        for e in ctx.sums[n]["files"]:
            p = relocate(model.canon(e["p"]) or e["p"], PY_MOVES)
            if p is None or e["t"] == "d":
                continue
            e2 = dict(e)
            e2["p"] = p
            if e2["t"] == "h":
                e2["l"] = relocate(model.canon(e["l"]) or e["l"], PY_MOVES) or e["l"]
            if e2["t"] == "l" and e2["l"].startswith("/usr/lib/python3"):
                e2["l"] = relocate(e2["l"], PY_MOVES) or e2["l"]
            for a in ancestors(p):
                if a not in made and a not in img.tree.e:
                    made.add(a)
                    lb.put(dir_entry(a))
            lb.put(e2)
    img.commit(lb)
    lb = img.layer(ctx, "RUN /bin/sh -c set -eux; \tfor src in idle3 pip3 pydoc3 python3 python3-config; do "
                   "\t\tdst=\"$(echo \"$src\" | tr -d 3)\"; \t\t[ -s \"/usr/local/bin/$src\" ]; \t\t"
                   "[ ! -e \"/usr/local/bin/$dst\" ]; \t\tln -svT \"$src\" \"/usr/local/bin/$dst\"; \tdone # buildkit",
                   "buildkit.dockerfile.v0")
    for src in ("idle3", "pip3", "pydoc3", "python3", "python3-config"):
        if "/usr/local/bin/" + src in img.tree.e:
            lb.put({"p": "/usr/local/bin/" + src.replace("3", ""), "t": "l", "l": src})
    img.commit(lb)
    img.history('CMD ["python3"]', True, "buildkit.dockerfile.v0")
    return img


def build_node(ctx: Ctx, slim: Image) -> Image:
    img = Image("node:20-bookworm-slim", True)
    img.tags = ["node:iron-bookworm-slim"]
    img.tree.e = dict(slim.tree.e)
    img.registered = dict(slim.registered)
    img.status, img.auto = slim.status, []
    node_ver = ctx.idx.pkgs["nodejs"].version.split("+")[0].split("-")[0]
    img.meta += ["@base debian:bookworm-slim", f"@env {PATH_ENV}", f"@env NODE_VERSION={node_ver}",
                 f"@env YARN_VERSION={ctx.idx.pkgs['yarnpkg'].version.split('+')[0].split('-')[0]}",
                 '@entrypoint ["docker-entrypoint.sh"]', '@cmd ["node"]',
                 "@approx Node.js, npm and yarn are Debian's packages installed with apt (so NODE_VERSION is "
                 "Debian's), where the official image unpacks nodejs.org's build into /usr/local; the layers and "
                 "history are the real image's.",
                 f"@note Approximation: the official image unpacks Node.js 20 from nodejs.org into "
                 f"/usr/local and yarn into /opt; here Debian's nodejs {ctx.idx.pkgs['nodejs'].version}, "
                 f"npm {ctx.idx.pkgs['npm'].version} and yarnpkg are installed with apt (so NODE_VERSION "
                 f"is Debian's). docker-entrypoint.sh has a synthetic body of the real script's size class."]
    lb = img.layer(ctx, "RUN /bin/sh -c groupadd --gid 1000 node   && useradd --uid 1000 --gid node "
                   "--shell /bin/bash --create-home node # buildkit", "buildkit.dockerfile.v0")
    for p in ("/etc/passwd", "/etc/group", "/etc/shadow", "/etc/gshadow"):
        old = img.tree.e[p]
        add = {"/etc/passwd": "node:x:1000:1000::/home/node:/bin/bash\n",
               "/etc/group": "node:x:1000:\n",
               "/etc/shadow": f"node:!:{ctx.release_day}:0:99999:7:::\n",
               "/etc/gshadow": "node:!::\n"}[p]
        content = (old.get("c") or "") + add
        e = dict(old)
        e["s"] = old["s"] + len(add)
        e["c"] = content if old.get("c") is not None else None
        lb.put(e)
        b = dict(old)   # useradd/groupadd leave the previous version as FILE-
        b["p"] = p + "-"
        if p == "/etc/passwd":
            b["m"] = 0o644
        lb.put(b)
    lb.put({"p": "/home/node", "t": "d", "m": 0o755, "u": 1000, "g": 1000})
    for skel in (".bash_logout", ".bashrc", ".profile"):
        s = img.tree.e.get("/etc/skel/" + skel)
        if s:
            e = dict(s)
            e["p"] = "/home/node/" + skel
            e["u"] = e["g"] = 1000
            lb.put(e)
    # lastlog/faillog are indexed by uid: useradd writes record 1000
    lb.put(file_entry("/var/log/lastlog", 1001 * 292, 0o664, gid=43))
    lb.put(file_entry("/var/log/faillog", 1001 * 32))
    img.commit(lb)
    img.history(f"ENV NODE_VERSION={node_ver}", True, "buildkit.dockerfile.v0")
    lb = img.layer(ctx, "RUN /bin/sh -c ARCH= OPENSSL_ARCH= && dpkgArch=\"$(dpkg --print-architecture)\" "
                   "... && apt-get update && apt-get install -y ca-certificates curl wget gnupg dirmngr "
                   "xz-utils libatomic1 --no-install-recommends && ... tar -xJf node-v$NODE_VERSION-linux-$ARCH.tar.xz "
                   "-C /usr/local --strip-components=1 --no-same-owner ... && apt-get purge -y --auto-remove "
                   "&& ln -s /usr/local/bin/node /usr/local/bin/nodejs && node --version && npm --version # buildkit",
                   "buildkit.dockerfile.v0")
    apt_install_layer(ctx, img, lb, NODE_APT)
    img.commit(lb)
    img.history(f"ENV YARN_VERSION={ctx.idx.pkgs['yarnpkg'].version.split('+')[0].split('-')[0]}", True,
                "buildkit.dockerfile.v0")
    lb = img.layer(ctx, "RUN /bin/sh -c set -ex && savedAptMark=\"$(apt-mark showmanual)\" && ... "
                   "tar -xzf yarn-v$YARN_VERSION.tar.gz -C /opt/ && ln -s /opt/yarn-v$YARN_VERSION/bin/yarn "
                   "/usr/local/bin/yarn ... && yarn --version # buildkit", "buildkit.dockerfile.v0")
    apt_install_layer(ctx, img, lb, ["yarnpkg"])
    lb.put({"p": "/usr/local/bin/yarn", "t": "l", "l": "/usr/bin/yarnpkg"})
    img.commit(lb)
    lb = img.layer(ctx, "COPY docker-entrypoint.sh /usr/local/bin/ # buildkit", "buildkit.dockerfile.v0")
    lb.put(dir_entry("/usr/local"))
    lb.put(dir_entry("/usr/local/bin"))
    lb.put(file_entry("/usr/local/bin/docker-entrypoint.sh", 388, 0o755))
    img.commit(lb)
    img.history('ENTRYPOINT ["docker-entrypoint.sh"]', True, "buildkit.dockerfile.v0")
    img.history('CMD ["node"]', True, "buildkit.dockerfile.v0")
    return img


def build_busybox(ctx: Ctx) -> Image:
    """The oracle's busybox base (tests/oracle/oracle.sh), from Debian's
    busybox-static: same directories, applet symlinks, passwd and group."""
    img = Image("busybox", False)
    img.meta += [f"@env {PATH_ENV}", '@cmd ["/bin/sh"]',
                 f"@note The oracle's busybox base: Debian's busybox-static "
                 f"{ctx.idx.pkgs['busybox-static'].version} in /bin with one symlink per applet "
                 f"(`busybox --list` of that binary). Docker Hub's busybox image is built differently."]
    lb = img.layer(ctx, "oracle busybox-base (busybox-static)")
    for d in ("/bin", "/etc", "/dev", "/proc", "/sys", "/run", "/root"):
        lb.put(dir_entry(d))
    lb.put({"p": "/tmp", "t": "d", "m": 0o1777})
    binary = [e for e in ctx.sums["busybox-static"]["files"] if e["p"] == "/bin/busybox"][0]
    lb.put(file_entry("/bin/busybox", binary["s"], 0o755))
    for a in ctx.busybox_applets:
        if a != "busybox":
            lb.put({"p": "/bin/" + a, "t": "l", "l": "busybox"})
    passwd = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n"
    group = "root:x:0:\nnogroup:x:65534:\n"
    lb.put(file_entry("/etc/passwd", len(passwd), 0o644, passwd))
    lb.put(file_entry("/etc/group", len(group), 0o644, group))
    for p in ("/etc/hosts", "/etc/hostname", "/etc/resolv.conf"):
        lb.put(file_entry(p, 0, 0o644, ""))
    img.commit(lb)
    return img


def busybox_applets(ctx: Ctx, deb: str) -> list[str]:
    d = os.path.join(ctx.deps, "catalog-debs", "busybox-x")
    if not os.path.exists(os.path.join(d, "bin/busybox")):
        subprocess.run(["dpkg-deb", "-x", deb, d], check=True)
    out = subprocess.run([os.path.join(d, "bin/busybox"), "--list"], capture_output=True,
                         text=True, check=True).stdout
    return sorted(a for a in out.split() if a)


# ------------------------------------------------------------------ catalogs
def write_package(lines: list[str], ctx: Ctx, n: str, files: list[dict] | None = None,
                  name: str | None = None, version: str | None = None, extra: list[str] = ()):
    f = ctx.pkg_fields(n)
    s = ctx.sums[n]
    lines.append(f"P {name or n} {version or f['Version']} {f['Architecture']} "
                 f"{f.get('Installed-Size', '0')} {f.get('Size', '0')}")
    p = ctx.idx.pkgs[n]
    if p.depends and name is None:
        lines.append("D " + fmt.relation(p.depends))
    if p.recommends and name is None:
        lines.append("R " + fmt.relation(p.recommends))
    if p.provides and name is None:
        lines.append("V " + " ".join(p.provides))
    if name is None:
        info = [f"status={model.status_size(s)}"]
        if ctx.multiarch_same(n):
            info.insert(0, "multiarch-same")
        info += [f"{k}={v}" for k, v in sorted(s["control"].items()) if k != "control"]
        lines.append("I " + " ".join(info))
    lines.extend(extra)
    fw = fmt.FileWriter(lines)
    fw.add_all(files if files is not None else s["files"])


def write_apt_catalog(ctx: Ctx, names: list[str], path: str, notes: list[str]):
    lines = header("apt", ctx, [f"@note {n}" for n in notes])
    for n in sorted(names):
        write_package(lines, ctx, n)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def dist_info_name(files: list[dict]) -> tuple[str | None, str | None]:
    for e in files:
        m = re.match(r"^/usr/lib/python3/dist-packages/([^/]+)-([^-/]+?)\.(egg-info|dist-info)$", e["p"])
        if m and e["t"] == "d":
            return m.group(1), m.group(2)
        m = re.match(r"^/usr/lib/python3/dist-packages/([^/]+)-([^-/]+?)(?:-py3\.\d+)?\.egg-info$", e["p"])
        if m:
            return m.group(1), m.group(2)
    return None, None


def pip_files(ctx: Ctx, n: str) -> tuple[list[dict], str | None, str | None]:
    """Relocate a python3-* package to pip's layout: site-packages/..., bin/...;
    an .egg-info becomes a .dist-info with the files pip writes (METADATA from
    PKG-INFO, RECORD sized from the file list, INSTALLER, REQUESTED)."""
    files = ctx.sums[n]["files"]
    dist, ver = dist_info_name(files)
    out = []
    for e in files:
        p = e["p"]
        if p.startswith("/usr/lib/python3/dist-packages/"):
            rel = "site-packages/" + p[len("/usr/lib/python3/dist-packages/"):]
        elif p.startswith("/usr/bin/") and e["t"] != "d":
            rel = "bin/" + p[len("/usr/bin/"):]
        else:
            continue
        e2 = dict(e)
        e2["p"] = rel
        e2.pop("c", None)
        if e2["t"] == "h":
            e2["t"] = "f"
            e2["s"] = next((x.get("s", 0) for x in files if x["p"] == e["l"]), 0)
        if e2["t"] == "l" and e2["l"].startswith("/"):
            e2["t"] = "f"   # Debian symlinks into /usr/share (e.g. certifi's cacert.pem) are files in a wheel
            tgt = next((x for x in files if x["p"] == e["l"]), None)
            e2["s"] = tgt.get("s", 0) if tgt else 0
            e2.pop("l")
        out.append(e2)
    if dist:
        egg = [e for e in out if re.match(rf"^site-packages/{re.escape(dist)}-{re.escape(ver)}(-py3\.\d+)?\.egg-info", e["p"])]
        if egg:
            di = f"site-packages/{dist}-{ver}.dist-info"
            keep = [e for e in out if e not in egg]
            pkginfo = next((e for e in egg if e["p"].endswith("/PKG-INFO") or e["p"].endswith(".egg-info") and e["t"] == "f"), None)
            keep.append({"p": di, "t": "d"})
            keep.append(file_entry(di + "/METADATA", pkginfo.get("s", 0) if pkginfo else 0))
            for e in egg:
                base = posixpath.basename(e["p"])
                if e["t"] == "f" and base in ("entry_points.txt", "top_level.txt"):
                    keep.append(file_entry(di + "/" + base, e.get("s", 0)))
            keep.append(file_entry(di + "/INSTALLER", 4))
            keep.append(file_entry(di + "/REQUESTED", 0))
            keep.append(file_entry(di + "/WHEEL", 92))
            out = keep
        record = sum(len(e["p"][len("site-packages/"):]) + 56 + len(str(e.get("s", 0)))
                     for e in out if e["t"] == "f")
        out.append(file_entry(f"site-packages/{dist}-{ver}.dist-info/RECORD", record))
    # drop directories that only Debian needs (no files under them)
    return out, dist, ver


def write_pip_catalog(ctx: Ctx, path: str) -> list[str]:
    lines = header("pip", ctx, [
        "@note Every entry is approximated from the Debian bookworm package named in its A line: "
        "files under /usr/lib/python3/dist-packages are relocated to site-packages/ (the simulator "
        "puts that at /usr/local/lib/python3.11/site-packages), console scripts to bin/, .egg-info "
        "turned into .dist-info. Download size = the .deb's size (pip's cache holds about a wheel "
        "of that size). Dependencies are Debian's python3-* dependencies mapped back to PyPI names; "
        "C libraries that wheels bundle (e.g. numpy's OpenBLAS) are not included."])
    py_pkgs = {}
    todo = list(PIP_MAP.values())
    base = set(PY_RELOCATED) | {"python3", "python3:any"}
    seen = set()
    while todo:
        n = todo.pop()
        if n in seen or n not in ctx.idx.pkgs:
            continue
        seen.add(n)
        for clause in ctx.idx.pkgs[n].depends:
            c = ctx.idx.choose(clause, set())
            if c and c.startswith("python3-") and c not in base:
                todo.append(c)
    names = {}
    for n in sorted(seen):
        files, dist, ver = pip_files(ctx, n)
        pypi = next((k for k, v in PIP_MAP.items() if v == n), None) or (dist or n[len("python3-"):]).lower()
        names[n] = pypi
        py_pkgs[n] = (files, dist, ver)
    for n in sorted(seen, key=lambda x: (names[x], x)):
        files, dist, ver = py_pkgs[n]
        deps = []
        other = []
        for clause in ctx.idx.pkgs[n].depends:
            c = ctx.idx.choose(clause, set())
            if c in names:
                deps.append(names[c])
            elif c and c not in base and not c.startswith("python3"):
                other.append(c)
        f = ctx.pkg_fields(n)
        extra = [f"A {n} {f['Version']}"]
        if deps:
            extra.append("D " + " ".join(sorted(set(deps))))
        if other:
            extra.append("N needs Debian libraries (wheels bundle or expect them): " + " ".join(sorted(set(other))))
        write_package(lines, ctx, n, files, name=names[n], version=ver or f["Version"].split(":")[-1].split("-")[0].split("+")[0],
                      extra=extra)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return sorted(seen)


def npm_files(ctx: Ctx, n: str) -> tuple[list[dict], str | None]:
    files = ctx.sums[n]["files"]
    out = []
    primary = None
    roots = ("/usr/share/nodejs/", "/usr/lib/nodejs/", f"/usr/lib/{ARCH}-linux-gnu/nodejs/",
             "/usr/lib/x86_64-linux-gnu/nodejs/")
    for e in files:
        p = e["p"]
        rel = None
        for r in roots:
            if p.startswith(r):
                rel = p[len(r):]
                break
        if rel is None or not rel:
            continue
        e2 = dict(e)
        e2["p"] = "node_modules/" + rel
        e2.pop("c", None)
        if e2["t"] == "h":
            e2["t"], e2["s"] = "f", 0
        if e2["t"] == "l" and e2["l"].startswith("/"):
            tgt = next((x for x in files if x["p"] == e["l"]), None)
            if tgt and tgt["t"] == "f":
                e2 = {"p": e2["p"], "t": "f", "s": tgt.get("s", 0), "m": tgt.get("m", 0o644)}
            else:
                continue
        out.append(e2)
        top = rel.split("/")[0]
        if top.startswith("@") and "/" in rel:
            top = "/".join(rel.split("/")[:2])
        if primary is None and e["t"] == "d" and rel == top:
            primary = top
    return out, primary


def write_npm_catalog(ctx: Ctx, path: str) -> list[str]:
    lines = header("npm", ctx, [
        "@note Every entry is approximated from the Debian bookworm package named in its A line: "
        "modules under /usr/share/nodejs and /usr/lib/*/nodejs are relocated to node_modules/ "
        "(Debian often bundles a module's small dependencies inside it). Download size = the "
        ".deb's size (npm's ~/.npm/_cacache holds about a tarball of that size). Dependencies are "
        "Debian's node-* dependencies mapped back to npm names."])
    todo = list(NPM_MAP.values())
    seen = set()
    while todo:
        n = todo.pop()
        if n in seen or n not in ctx.idx.pkgs:
            continue
        seen.add(n)
        for clause in ctx.idx.pkgs[n].depends:
            c = ctx.idx.choose(clause, set())
            if c and (c.startswith("node-") or c in NPM_MAP.values()):
                todo.append(c)
    names, data = {}, {}
    for n in sorted(seen):
        files, primary = npm_files(ctx, n)
        npm = next((k for k, v in NPM_MAP.items() if v == n), None) or primary or n[len("node-"):]
        names[n] = npm
        data[n] = files
    used = set()
    for n in sorted(seen, key=lambda x: (names[x], x)):
        if names[n] in used:
            continue
        used.add(names[n])
        deps = sorted({names[c] for clause in ctx.idx.pkgs[n].depends
                       for c in [ctx.idx.choose(clause, set())] if c in names and names[c] != names[n]})
        f = ctx.pkg_fields(n)
        extra = [f"A {n} {f['Version']}"]
        if deps:
            extra.append("D " + " ".join(deps))
        ver = f["Version"].split(":")[-1].split("+")[0].split("-")[0].split("~")[0]
        write_package(lines, ctx, n, data[n], name=names[n], version=ver, extra=extra)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return sorted(seen)


def measure_apt_lists(ctx: Ctx) -> list[str]:
    """apt-get update as the stock image does it (Acquire::GzipIndexes "true",
    Languages none, the image's three suites): names and sizes of
    /var/lib/apt/lists/*. apt 2.6 recompresses the indexes with lz4."""
    out = []
    for mode, gz in (("gzip-indexes", True), ("plain", False)):
        d = os.path.join(ctx.deps, "catalog-apt", f"lists-{mode}")
        os.makedirs(os.path.join(d, "partial"), exist_ok=True)
        if not ctx.args.offline:
            ctx.apt.run("update", lists=d, gzip_indexes=gz)
        for f in sorted(os.listdir(d)):
            full = os.path.join(d, f)
            if os.path.isfile(full) and f != "lock":
                out.append(f"L {mode} {f} {os.path.getsize(full)}")
    return out


def write_apt_state(ctx: Ctx, path: str):
    lines = header("state", ctx, [
        "@note L lines: /var/lib/apt/lists after `apt-get update` in debian:bookworm-slim, measured "
        "by running apt-get update with the image's configuration: mode gzip-indexes = the stock "
        "image (/etc/apt/apt.conf.d/docker-gzip-indexes, lists kept lz4-compressed); plain = "
        "without that file. apt also makes lists/partial/ (0700, _apt) and lists/lock (0 bytes, 0640).",
        "@note With the stock docker-clean, apt-get install deletes the downloaded .debs "
        "(DPkg::Post-Invoke) and writes no pkgcache.bin/srcpkgcache.bin, so `apt-get clean` frees "
        "nothing; `rm -rf /var/lib/apt/lists/*` is what shrinks a RUN layer."])
    lines += measure_apt_lists(ctx)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


# ------------------------------------------------------------------ main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo", default=os.path.join(os.path.dirname(__file__), "..", ".."))
    ap.add_argument("--offline", action="store_true", help="skip apt-get update (use cached indexes)")
    ap.add_argument("--refresh-debootstrap", action="store_true")
    args = ap.parse_args()
    t0 = time.time()
    ctx = Ctx(args)
    os.makedirs(ctx.out, exist_ok=True)
    if not args.offline:
        log("apt-get update (private configuration under .deps/catalog-apt)")
        ctx.apt.run("update")
    ctx.release = ctx.apt.release_info()
    main_rel = next(r for r in ctx.release if r.get("Suite") in ("oldstable", "stable", "bookworm")
                    and r.get("Codename") == "bookworm")
    newest = max(dt.datetime.strptime(r["Date"], "%a, %d %b %Y %H:%M:%S %Z") for r in ctx.release)
    newest = newest.replace(tzinfo=dt.timezone.utc)
    # Everything derives from the indexes' dates, so reruns against the same
    # mirror state write identical files.
    ctx.generated = newest.strftime("%Y-%m-%dT%H:%M:%SZ") + " (newest Release date of the indexes used)"
    ctx.snapshot = newest.strftime("%Y%m%dT000000Z")
    ctx.release_epoch = int(newest.replace(hour=0, minute=0, second=0).timestamp())
    ctx.release_day = ctx.release_epoch // 86400
    log("reading indexes", main_rel.get("Version"))
    ctx.idx = Index(ctx.apt.packages_files())
    idx = ctx.idx

    slim, miss = closure(idx, idx.required() + SLIM_EXTRA, set(), False, SLIM_AVOID)
    assert not miss, miss
    popular, miss = closure(idx, APT_POPULAR, set(slim), True)
    assert not miss, miss
    popular_norec, _ = closure(idx, APT_POPULAR, set(slim), False)
    node_set, _ = closure(idx, NODE_APT + ["yarnpkg"], set(slim), False)
    py_set, _ = closure(idx, PY_RELOCATED + PY_RUNTIME_APT, set(slim), False)
    apt_names = sorted(set(slim) | set(popular) | set(popular_norec) | set(node_set) | set(py_set))
    extra_names = ["busybox-static"] + [v for v in PIP_MAP.values() if v in idx.pkgs] + \
        [v for v in NPM_MAP.values() if v in idx.pkgs]
    # pip/npm dependency closures (python3-*/node-* only)
    grow = list(extra_names)
    allnames = set(apt_names)
    while grow:
        n = grow.pop()
        if n in allnames or n not in idx.pkgs:
            continue
        allnames.add(n)
        if n.startswith(("python3-", "node-")) or n in NPM_MAP.values():
            for clause in idx.pkgs[n].depends:
                c = idx.choose(clause, set())
                if c and c.startswith(("python3-", "node-")):
                    grow.append(c)
    log(f"{len(slim)} slim packages, {len(popular)} for the popular list (with Recommends), "
        f"{len(allnames)} .debs in all")
    paths = debs.download(ctx.apt, idx, sorted(allnames), os.path.join(ctx.deps, "catalog-debs"))
    log("reading .deb files")
    ctx.sums = debs.summaries(paths)
    ctx.busybox_applets = busybox_applets(ctx, paths["busybox-static"])

    root = debootstrap_root(ctx)
    unowned = measure_unowned(root, ctx.release_day)

    log("writing catalogs")
    write_apt_catalog(ctx, apt_names, os.path.join(ctx.out, "debian-bookworm.apt.txt"), [
        "Packages: debian:bookworm-slim (Priority: required + apt, Depends/Pre-Depends resolved), "
        "the python and node base images' packages, and the closure (with Recommends) of: "
        + " ".join(APT_POPULAR),
        "D = Depends + Pre-Depends, R = Recommends: clauses separated by spaces, alternatives by |; "
        "the resolver takes the first alternative present in this catalog."])
    slim_img = build_slim(ctx, slim, unowned)
    stats = {}
    stats["debian-bookworm-slim"] = slim_img.write(os.path.join(ctx.out, "image-debian-bookworm-slim.txt"), ctx, [])
    py_img = build_python(ctx, slim_img)
    stats["python-3.11-slim"] = py_img.write(os.path.join(ctx.out, "image-python-3.11-slim.txt"), ctx, [])
    node_img = build_node(ctx, slim_img)
    stats["node-20-bookworm-slim"] = node_img.write(os.path.join(ctx.out, "image-node-20-bookworm-slim.txt"), ctx, [])
    bb = build_busybox(ctx)
    stats["busybox"] = bb.write(os.path.join(ctx.out, "image-busybox.txt"), ctx, [])
    pip_src = write_pip_catalog(ctx, os.path.join(ctx.out, "pypi.pip.txt"))
    npm_src = write_npm_catalog(ctx, os.path.join(ctx.out, "npm.npm.txt"))
    # alpine.apk.txt and debian-bookworm.index.txt: scripts/gen-apt-index
    write_apt_state(ctx, os.path.join(ctx.out, "apt-state.txt"))

    report = {"seconds": round(time.time() - t0, 1), "images": {}, "files": {}}
    for k, (n, b) in stats.items():
        report["images"][k] = {"files": n, "bytes": b}
    total_gz = 0
    for f in sorted(os.listdir(ctx.out)):
        if f.endswith(".txt"):
            data = open(os.path.join(ctx.out, f), "rb").read()
            gz = len(gzip.compress(data, 9, mtime=0))
            total_gz += gz
            report["files"][f] = {"bytes": len(data), "gzip9": gz}
    report["gzip9_total"] = total_gz
    report["slim_packages"] = len(slim)
    report["pip_sources"] = len(pip_src)
    report["npm_sources"] = len(npm_src)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
