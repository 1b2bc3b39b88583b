#!/usr/bin/env python3
"""Import one real Dockerfile and its build context as a tests/realworld case.

    import_case.py --git GITDIR --repo OWNER/NAME --dockerfile PATH [--context DIR]
                   --name NNN-short-name [--license SPDX] [--arg "--target X"]...
                   [--include PATH]... [--max-files N] [--note TEXT]

GITDIR is a clone (or bare snapshot) of the repository; the case is taken from
its HEAD (or --commit). The Dockerfile is copied byte for byte. The context
(default: the Dockerfile's folder) is copied with this rule, so that no code
from elsewhere lands in layerlab (the house rule: data and facts only):

  * data files (manifests, lock files, configuration: package.json,
    requirements.txt, go.mod, pom.xml, *.csproj, nginx.conf, ...) keep their
    real content when they are at most 64 KiB;
  * everything else (source code, scripts, prose, images) and any larger file
    becomes a stub: a text that says it is a stub, padded to the original size
    when that is at most 16 KiB (so layer sizes stay close), else short, its real
    size listed in SOURCE; a stub keeps the file's mode (an entrypoint script
    stays executable);
  * a *.tar.gz / *.tgz stub is a real gzip'd tar holding one stub file, so that
    ADD (which unpacks local archives) still has an archive to unpack.

When the context holds more than --max-files files (default 300), only the
files named by COPY/ADD sources and --include are taken (a folder source: its
first files up to the limit), and SOURCE says how many were left out.
"""
import argparse
import datetime
import fnmatch
import gzip
import io
import os
import re
import subprocess
import sys
import tarfile

DATA_NAMES = {
    "package.json", "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "pnpm-workspace.yaml", ".npmrc", ".yarnrc",
    ".yarnrc.yml", ".nvmrc", ".node-version", "requirements.txt", "Pipfile", "Pipfile.lock", "pyproject.toml",
    "poetry.lock", "uv.lock", "setup.cfg", ".python-version", "go.mod", "go.sum", "go.work", "Cargo.toml",
    "Cargo.lock", "rust-toolchain", "rust-toolchain.toml", "pom.xml", "settings.xml", "gradle.properties",
    "composer.json", "composer.lock", "Gemfile", "Gemfile.lock", ".ruby-version", ".tool-versions",
    ".dockerignore", ".gitignore", "nginx.conf", "default.conf", "httpd.conf", "php.ini", "supervisord.conf",
    "mix.exs", "mix.lock", "global.json", "nuget.config", "NuGet.config", "Directory.Build.props",
    "Directory.Packages.props", "tsconfig.json", "angular.json", ".browserslistrc", "bun.lockb",
}
DATA_EXT = (".json", ".yaml", ".yml", ".toml", ".lock", ".txt", ".conf", ".cfg", ".ini", ".xml", ".properties",
            ".csproj", ".fsproj", ".sln", ".props", ".env", ".list", ".repo", ".asc", ".pub", ".gpg", ".pem",
            ".crt", ".template")
DATA_MAX = 64 * 1024
PAD_MAX = 16 * 1024


def git(gitdir, *args, binary=False):
    r = subprocess.run(["git", "-C", gitdir, *args], capture_output=True, check=True)
    return r.stdout if binary else r.stdout.decode()


def is_data(path):
    base = os.path.basename(path)
    if base in DATA_NAMES:
        return True
    if base.lower().startswith(("license", "readme", "changelog", "copying")):
        return False
    if base.startswith("requirements") and base.endswith(".txt"):
        return True
    return base.endswith(DATA_EXT)


def comment_style(path):
    """How a stub says it is one, in the file's own syntax (so a JSON or XML reader still reads it)."""
    base = os.path.basename(path)
    ext = os.path.splitext(base)[1].lower()
    if ext == ".json" or base in (".babelrc", ".eslintrc", ".prettierrc"):
        return "json"
    if ext in (".xml", ".csproj", ".fsproj", ".props", ".html", ".htm", ".svg", ".vue"):
        return "xml"
    if ext in (".go", ".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".rs", ".java", ".kt", ".cs", ".c", ".h", ".cc",
               ".cpp", ".hpp", ".scss", ".css", ".proto", ".gradle", ".swift", ".dart", ".groovy") or base == "go.mod":
        return "slash"
    return "hash"


def stub_bytes(repo, path, size):
    """A labelled stub of SIZE bytes (or short when SIZE > PAD_MAX) in the file's own comment syntax."""
    note = f"layerlab realworld stub of {repo}:{path} ({size} bytes in the original; not its content)"
    style = comment_style(path)
    if style == "json":
        head, fill, tail = '{"//": "' + note + '"}', " ", "\n"
    elif style == "xml":
        head, fill, tail = "<!-- " + note, " ", " -->\n"
    elif style == "slash":
        head, fill, tail = "// " + note + "\n", "// stub\n", ""
    else:
        head, fill, tail = "# " + note + "\n", "# stub\n", ""
    b, t = head.encode(), tail.encode()
    if size > PAD_MAX or len(b) + len(t) >= size:
        return b + t
    n = size - len(b) - len(t)
    return b + (fill.encode() * (n // len(fill) + 1))[:n] + t


def stub_archive(repo, path, size):
    note = stub_bytes(repo, path, min(size, 200))
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as t:
        info = tarfile.TarInfo("LAYERLAB-STUB.txt")
        info.size = len(note)
        info.mtime = 0
        t.addfile(info, io.BytesIO(note))
    return gzip.compress(raw.getvalue(), mtime=0)


def copy_sources(dockerfile_text):
    """Source paths of COPY/ADD without --from (and URLs dropped)."""
    joined = re.sub(r"\\\r?\n", " ", dockerfile_text)
    out = []
    for line in joined.splitlines():
        m = re.match(r"\s*(COPY|ADD)\s+(.*)", line, re.I)
        if not m:
            continue
        rest = m.group(2).strip()
        if "--from" in rest:
            continue
        words = [w for w in rest.split() if not w.startswith("--")]
        if rest.lstrip().startswith("["):
            words = re.findall(r'"([^"]*)"', rest)
        if len(words) >= 2:
            out += [w for w in words[:-1] if "://" not in w and not w.startswith("<<")]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--git", required=True)
    ap.add_argument("--repo", required=True)
    ap.add_argument("--commit", default="HEAD")
    ap.add_argument("--dockerfile", required=True)
    ap.add_argument("--context")
    ap.add_argument("--name", required=True)
    ap.add_argument("--license", default="not stated")
    ap.add_argument("--arg", action="append", default=[])
    ap.add_argument("--include", action="append", default=[])
    ap.add_argument("--max-files", type=int, default=300)
    ap.add_argument("--note", action="append", default=[])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cases"))
    a = ap.parse_args()

    commit = git(a.git, "rev-parse", a.commit).strip()
    date = git(a.git, "log", "-1", "--format=%cs", commit).strip()
    context = a.context if a.context is not None else os.path.dirname(a.dockerfile)
    context = context.strip("/")
    prefix = context + "/" if context else ""
    dest = os.path.abspath(os.path.join(a.out, a.name))
    if os.path.exists(dest):
        sys.exit(f"{dest} exists")

    dockerfile = git(a.git, "show", f"{commit}:{a.dockerfile}", binary=True)
    # every file under the context: mode, type, size, path
    rows = []
    for line in git(a.git, "ls-tree", "-r", "-l", "--full-tree", commit, "--", context or ".").splitlines():
        meta, path = line.split("\t", 1)
        mode, typ, obj, size = meta.split()
        if typ != "blob" or not path.startswith(prefix):
            continue
        # "BAD": the blob is absent from the snapshot (files of 4 MiB and more are left out)
        rows.append((path, mode, obj, int(size) if size.isdigit() else -1))
    total = len(rows)
    left_out = 0
    if total > a.max_files:
        wanted = [s.strip("./") if s not in (".", "./") else "" for s in copy_sources(dockerfile.decode("utf-8", "replace"))]
        wanted += a.include
        keep, per_dir = [], {}
        for r in rows:
            rel = r[0][len(prefix):]
            for w in wanted:
                w = w.rstrip("/")
                if w == "" and "/" not in rel:
                    keep.append(r)
                    break
                if any(ch in w for ch in "*?["):
                    if fnmatch.fnmatch(rel, w):
                        keep.append(r)
                        break
                elif rel == w:
                    keep.append(r)
                    break
                elif w and rel.startswith(w + "/"):
                    n = per_dir.get(w, 0)
                    if n < a.max_files // 4:
                        per_dir[w] = n + 1
                        keep.append(r)
                    break
        left_out = total - len(keep)
        rows = keep

    os.makedirs(dest)
    stubs = []
    dockerfile_rel = a.dockerfile[len(prefix):] if a.dockerfile.startswith(prefix) else None
    for path, mode, obj, size in rows:
        rel = path[len(prefix):]
        target = os.path.join(dest, "context", rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if mode == "120000":
            os.symlink(git(a.git, "cat-file", "blob", obj), target)
            continue
        if mode == "160000":
            continue
        if size < 0:
            data = stub_bytes(a.repo, path, 0).replace(b"(0 bytes", b"(4 MiB or more")
            stubs.append((rel, "4MiB+", "short stub (blob not in the snapshot read)"))
        elif rel == dockerfile_rel or (is_data(path) and size <= DATA_MAX):
            data = git(a.git, "cat-file", "blob", obj, binary=True)
        elif path.endswith((".tar.gz", ".tgz")):
            data = stub_archive(a.repo, path, size)
            stubs.append((rel, size, "gzip'd tar holding LAYERLAB-STUB.txt"))
        else:
            data = stub_bytes(a.repo, path, size)
            stubs.append((rel, size, "padded to size" if size <= PAD_MAX else "short stub"))
        with open(target, "wb") as f:
            f.write(data)
        os.chmod(target, 0o755 if mode == "100755" else 0o644)
    os.makedirs(os.path.join(dest, "context"), exist_ok=True)
    with open(os.path.join(dest, "Dockerfile"), "wb") as f:
        f.write(dockerfile)

    src = [
        f"repository: {a.repo}",
        f"path: {a.dockerfile}",
        f"commit: {commit} ({date})",
        f"read: {datetime.date.today().isoformat()}",
        f"license: {a.license}",
        f"context: {context or '(repository root)'} -> context/ ({len(rows)} of {total} files"
        + (f"; {left_out} not named by COPY/ADD left out" if left_out else "") + ")",
    ]
    src += [f"note: {n}" for n in a.note]
    if stubs:
        src.append("stubs (path, original size in bytes, kind):")
        src += [f"  {p} {s} {k}" for p, s, k in stubs]
    with open(os.path.join(dest, "SOURCE"), "w") as f:
        f.write("\n".join(src) + "\n")
    if a.arg:
        with open(os.path.join(dest, "ARGS"), "w") as f:
            f.write("\n".join(a.arg) + "\n")
    print(f"{a.name}: {len(rows)}/{total} files, {len(stubs)} stubs")


if __name__ == "__main__":
    main()
