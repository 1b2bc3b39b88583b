"""Debian archive metadata for gen-catalog: a private apt setup, the Packages
indexes, Debian version ordering and an apt-like dependency resolver.

Everything here uses only the Python standard library plus the apt and dpkg
command-line tools. The private apt configuration (under .deps/catalog-apt)
ignores the host's sources, apt.conf.d and dpkg status, so the result does not
depend on what the machine happens to have installed or configured.
"""
from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field

ARCH = "amd64"
SUITES = [
    ("http://deb.debian.org/debian", "bookworm"),
    ("http://deb.debian.org/debian", "bookworm-updates"),
    ("http://deb.debian.org/debian-security", "bookworm-security"),
]
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"


# ---------------------------------------------------------------- apt setup
class Apt:
    """apt-get / apt-cache run against a private configuration rooted at `root`."""

    def __init__(self, root: str):
        self.root = os.path.abspath(root)
        for d in ("lists/partial", "cache/archives/partial", "etc/apt.conf.d",
                  "etc/preferences.d"):
            os.makedirs(os.path.join(self.root, d), exist_ok=True)
        status = os.path.join(self.root, "status")
        if not os.path.exists(status):
            open(status, "w").close()
        with open(os.path.join(self.root, "sources.list"), "w") as f:
            for uri, suite in SUITES:
                f.write(f"deb [arch={ARCH} signed-by={KEYRING}] {uri} {suite} main\n")

    def options(self, lists: str | None = None, gzip_indexes: bool = False) -> list[str]:
        r = self.root
        o = {
            "Dir::Etc::SourceList": f"{r}/sources.list",
            "Dir::Etc::SourceParts": "/dev/null",
            "Dir::Etc::Parts": f"{r}/etc/apt.conf.d",
            "Dir::Etc::Preferences": "/dev/null",
            "Dir::Etc::PreferencesParts": f"{r}/etc/preferences.d",
            "Dir::State::Lists": lists or f"{r}/lists",
            "Dir::State::status": f"{r}/status",
            "Dir::Cache": f"{r}/cache",
            "Acquire::Languages": "none",
            "Acquire::GzipIndexes": "true" if gzip_indexes else "false",
            "APT::Architecture": ARCH,
            "APT::Architectures::": ARCH,
        }
        out = []
        for k, v in o.items():
            out += ["-o", f"{k}={v}"]
        return out

    def run(self, *args: str, lists: str | None = None, gzip_indexes: bool = False,
            cwd: str | None = None, quiet: bool = True) -> str:
        cmd = ["apt-get", *self.options(lists, gzip_indexes), *args]
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed:\n{p.stderr}")
        return p.stdout

    def lists_dir(self) -> str:
        return os.path.join(self.root, "lists")

    def packages_files(self) -> list[str]:
        d = self.lists_dir()
        return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith("_Packages"))

    def release_info(self) -> list[dict]:
        """Suite, Version and Date of every InRelease we use."""
        out = []
        d = self.lists_dir()
        for f in sorted(os.listdir(d)):
            if not f.endswith("_InRelease"):
                continue
            info = {}
            with open(os.path.join(d, f), encoding="utf-8") as fh:
                for line in fh:
                    if not line.strip() or line.startswith(" "):
                        if info.get("Date"):
                            break
                        continue
                    k, _, v = line.partition(":")
                    if k in ("Suite", "Codename", "Version", "Date"):
                        info[k] = v.strip()
            out.append(info)
        return out


# ---------------------------------------------------------------- versions
def _order(c: str) -> int:
    if c == "~":
        return -1
    if c.isalpha():
        return ord(c)
    return ord(c) + 256


def _cmp_str(a: str, b: str) -> int:
    i = j = 0
    while i < len(a) or j < len(b):
        first_diff = 0
        while (i < len(a) and not a[i].isdigit()) or (j < len(b) and not b[j].isdigit()):
            ac = _order(a[i]) if i < len(a) and not a[i].isdigit() else 0
            bc = _order(b[j]) if j < len(b) and not b[j].isdigit() else 0
            if ac != bc:
                return ac - bc
            i += 1
            j += 1
        while i < len(a) and a[i] == "0":
            i += 1
        while j < len(b) and b[j] == "0":
            j += 1
        while i < len(a) and a[i].isdigit() and j < len(b) and b[j].isdigit():
            if not first_diff:
                first_diff = ord(a[i]) - ord(b[j])
            i += 1
            j += 1
        if i < len(a) and a[i].isdigit():
            return 1
        if j < len(b) and b[j].isdigit():
            return -1
        if first_diff:
            return first_diff
    return 0


def _split(v: str) -> tuple[int, str, str]:
    epoch = 0
    if ":" in v:
        e, v = v.split(":", 1)
        epoch = int(e)
    up, rev = (v.rsplit("-", 1) + [""])[:2] if "-" in v else (v, "")
    return epoch, up, rev


def version_compare(a: str, b: str) -> int:
    """dpkg's ordering of Debian versions: <0, 0 or >0 like strcmp."""
    ea, ua, ra = _split(a)
    eb, ub, rb = _split(b)
    if ea != eb:
        return ea - eb
    return _cmp_str(ua, ub) or _cmp_str(ra, rb)


# ---------------------------------------------------------------- Packages
@dataclass
class Pkg:
    name: str
    version: str
    fields: dict
    depends: list = field(default_factory=list)     # list of clauses; clause = list of names
    recommends: list = field(default_factory=list)
    provides: list = field(default_factory=list)

    @property
    def priority(self) -> str:
        return self.fields.get("Priority", "optional")

    @property
    def filename(self) -> str:
        return self.fields["Filename"]


_ALT_RE = re.compile(r"^\s*([a-z0-9][a-z0-9+.\-]*)(?::[a-z0-9]+)?\s*(?:\(([^)]*)\))?\s*(?:\[[^\]]*\])?\s*(?:<[^>]*>)?\s*$")


def parse_relation(text: str) -> list[list[str]]:
    """'a (>= 1) | b:any, c' -> [['a', 'b'], ['c']] (names only)."""
    out = []
    for clause in text.split(","):
        clause = clause.strip()
        if not clause:
            continue
        alts = []
        for alt in clause.split("|"):
            m = _ALT_RE.match(alt)
            if m:
                alts.append(m.group(1))
        if alts:
            out.append(alts)
    return out


def parse_control(text: str) -> list[dict]:
    """Parse RFC822-style stanzas (Packages, status, control)."""
    stanzas, cur, key = [], {}, None
    for line in text.split("\n"):
        if not line.strip():
            if cur:
                stanzas.append(cur)
            cur, key = {}, None
            continue
        if line[0] in " \t" and key:
            cur[key] += "\n" + line
            continue
        k, _, v = line.partition(":")
        key = k.strip()
        cur[key] = v.strip()
    if cur:
        stanzas.append(cur)
    return stanzas


class Index:
    """Candidate version of every package (the highest over all suites, which is
    what apt picks when every source has the default pin 500)."""

    def __init__(self, packages_files: list[str]):
        self.pkgs: dict[str, Pkg] = {}
        for path in packages_files:
            with open(path, encoding="utf-8") as f:
                for st in parse_control(f.read()):
                    if st.get("Architecture") not in (ARCH, "all"):
                        continue
                    name, ver = st["Package"], st["Version"]
                    old = self.pkgs.get(name)
                    if old and version_compare(old.version, ver) >= 0:
                        continue
                    p = Pkg(name, ver, st)
                    p.depends = parse_relation(st.get("Pre-Depends", "")) + \
                        parse_relation(st.get("Depends", ""))
                    p.recommends = parse_relation(st.get("Recommends", ""))
                    p.provides = [c[0] for c in parse_relation(st.get("Provides", ""))]
                    self.pkgs[name] = p
        self.providers: dict[str, list[str]] = {}
        for p in sorted(self.pkgs.values(), key=lambda p: p.name):
            for v in p.provides:
                self.providers.setdefault(v, []).append(p.name)

    def required(self) -> list[str]:
        return sorted(n for n, p in self.pkgs.items() if p.priority == "required")

    def satisfied(self, name: str, have: set[str]) -> bool:
        if name in have:
            return True
        return any(p in have for p in self.providers.get(name, ()))

    def choose(self, alts: list[str], have: set[str]) -> str | None:
        """The package apt would install for one clause: the first alternative
        that is a real package, else a provider of the first virtual one."""
        for a in alts:
            if a in self.pkgs:
                return a
            provs = self.providers.get(a)
            if provs:
                chosen = [p for p in provs if p in have]
                return (chosen or provs)[0]
        return None

    def closure(self, requested: list[str], installed: set[str],
                recommends: bool) -> tuple[list[str], list[str]]:
        """Packages apt would add on top of `installed` for `requested`, in an
        install order (dependencies first). Returns (order, missing-clauses)."""
        have = set(installed)
        order: list[str] = []
        missing: list[str] = []
        visiting: set[str] = set()
        # the requested packages count as chosen from the start, as in apt and
        # debootstrap: `awk` is satisfied by the requested mawk, not by gawk
        planned = {r for r in requested if r in self.pkgs}

        def visit(name: str):
            if name in have or name in visiting:
                return
            visiting.add(name)
            p = self.pkgs[name]
            rels = list(p.depends) + (list(p.recommends) if recommends else [])
            ndeps = len(p.depends)
            for i, clause in enumerate(rels):
                if any(self.satisfied(a, have | visiting | planned) for a in clause):
                    continue
                c = self.choose(clause, have | planned)
                if c is None:
                    if i < ndeps:
                        missing.append(f"{name}: {' | '.join(clause)}")
                    continue
                visit(c)
            have.add(name)
            order.append(name)

        for r in requested:
            if r not in self.pkgs:
                provs = self.providers.get(r)
                if not provs:
                    missing.append(f"(requested) {r}")
                    continue
                r = provs[0]
            visit(r)
        return order, missing
