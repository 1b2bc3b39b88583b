#!/usr/bin/env python3
"""Frequency tables over the corpus: base images named in FROM, commands in RUN.

    stats.py [--cases DIR] [--top N] [--update-readme]   Markdown tables (README "Frequency")

A small reading of each Dockerfile, enough for counting (layerlab's own parser
is the C++ one): line continuations, heredocs (RUN <<EOF), global ARG defaults
substituted into FROM, stage names told apart from images. RUN bodies are cut
into simple commands at && || ; | newlines and the shell keywords; the first
word is the command (after VAR=value prefixes and sudo/exec/command), and for
package managers and build tools the subcommand too (`apt-get install`,
`pip install`, `go build`). Counts are "in how many Dockerfiles" and "how many
times".
"""
import argparse
import collections
import os
import re
import shlex

KEYWORDS = {"if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "in", "{", "}",
            "!", "[[", "]]", "function", "select"}
WRAPPERS = {"sudo", "exec", "command", "env", "nohup", "time", "xargs", "eval", "builtin"}
USER_WRAPPERS = {"gosu", "su-exec"}  # gosu USER COMMAND...
# commands whose subcommand is worth telling apart
SUBCOMMANDS = {"apt-get", "apt", "apk", "pip", "pip3", "npm", "yarn", "pnpm", "go", "mvn", "./mvnw", "gradle",
               "./gradlew", "cargo", "dotnet", "gem", "bundle", "composer", "dpkg", "apt-mark", "corepack", "uv",
               "poetry", "pipenv", "conda", "mamba", "micromamba", "rustup", "docker-php-ext-install", "git", "gpg",
               "gpgconf", "npx", "bun", "rails", "python", "python3", "python -m", "python3 -m", "dnf", "microdnf",
               "yum", "rpm", "update-alternatives", "systemctl", "rc-update", "mix", "deno", "bin/rails"}
SKIP_OPT_WITH_VALUE = {"-q", "-y"}


def logical_lines(text):
    """(keyword, rest, heredoc bodies) per instruction; handles \\ continuations and <<EOF bodies."""
    escape = "\\"
    m = re.match(r"(?:#[^\n]*\n)*?#\s*escape\s*=\s*(\S)", text)
    if m:
        escape = m.group(1)
    lines = text.split("\n")
    i, out = 0, []
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        buf = line
        while buf.rstrip().endswith(escape) and i < len(lines):
            buf = buf.rstrip()[:-1]
            # comment and empty lines inside a continuation are dropped, as Docker does
            while i < len(lines) and (lines[i].lstrip().startswith("#") or not lines[i].strip()):
                i += 1
            if i < len(lines):
                buf += " " + lines[i]
                i += 1
        parts = buf.strip().split(None, 1)
        if not parts:
            continue
        kw = parts[0].upper()
        rest = parts[1] if len(parts) > 1 else ""
        bodies = []
        for hm in re.finditer(r"<<-?\s*[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?", rest):
            if kw not in ("RUN", "COPY", "ADD"):
                break
            tag, body = hm.group(1), []
            while i < len(lines) and lines[i].strip() != tag:
                body.append(lines[i])
                i += 1
            i += 1
            bodies.append("\n".join(body))
        out.append((kw, rest, bodies))
    return out


def expand(s, env):
    """$VAR, ${VAR}, ${VAR:-default} with the global ARG defaults (unknown: empty)."""
    pat = r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)"
    return re.sub(pat, lambda m: env.get(m.group(1) or m.group(4)) or (m.group(3) if m.group(2) else "") or "", s)


def parse_args_kv(rest):
    out = {}
    for w in shlex.split(rest, posix=True) if rest else []:
        k, _, v = w.partition("=")
        out[k] = v
    return out


def tag_pattern(tag):
    """'22.11.0-alpine3.20' -> 'N-alpineN'; '3.12-slim-bookworm' -> 'N-slim-bookworm'."""
    if tag == "":
        return "(none = latest)"
    if tag == "@sha256 only":
        return "(digest only)"
    p = re.sub(r"\d+(?:\.\d+)*(?:_\d+)?", "N", tag.replace("@sha256", ""))
    p += "@sha256" if tag.endswith("@sha256") else ""
    return p


def split_ref(ref):
    digest = "@" in ref
    ref = ref.split("@", 1)[0]
    name, tag = ref, ""
    last = ref.rsplit("/", 1)[-1]
    if ":" in last:
        name, tag = ref.rsplit(":", 1)
    for pre in ("docker.io/library/", "docker.io/", "index.docker.io/library/"):
        if name.startswith(pre):
            name = name[len(pre):]
    return name, tag, digest


def froms(text):
    """[(raw, expanded image ref or None for a stage/scratch, flags)] per FROM."""
    env, stages, out = {}, set(), []
    seen_from = False
    for kw, rest, _ in logical_lines(text):
        if kw == "ARG" and not seen_from:
            for k, v in parse_args_kv(rest).items():
                env[k] = expand(v, env)  # ARG B=x-${A}: A's default
        if kw != "FROM":
            continue
        seen_from = True
        words = rest.split()
        flags = [w for w in words if w.startswith("--")]
        words = [w for w in words if not w.startswith("--")]
        ref = words[0] if words else ""
        if len(words) >= 3 and words[1].lower() == "as":
            stage = words[2].lower()
        else:
            stage = None
        expanded = expand(ref, env)
        kind = "image"
        if expanded.lower() in stages:
            kind = "stage"
        elif expanded.lower() == "scratch":
            kind = "scratch"
        out.append({"raw": ref, "ref": expanded, "kind": kind, "arg_built": "$" in ref, "flags": flags})
        if stage:
            stages.add(stage)
    return out


def split_shell(script):
    """Cut at && || ; ;; | & newlines ( ) outside quotes; $(...) and `...` become pieces of their own."""
    pieces, cur, i, q = [], [], 0, None
    while i < len(script):
        c = script[i]
        if q:
            if c == "\\" and q == '"' and i + 1 < len(script):
                cur.append(script[i:i + 2])
                i += 2
                continue
            if c == q:
                q = None
            elif q == '"' and script.startswith("$(", i):
                pieces.append("".join(cur) + '"')  # the command inside $( ) counts too
                cur, q = ['"'], None
                depth, j = 1, i + 2
                while j < len(script) and depth:
                    depth += {"(": 1, ")": -1}.get(script[j], 0)
                    j += 1
                pieces += split_shell(script[i + 2:j - 1])
                i, q = j, '"'
                continue
            cur.append(c)
            i += 1
            continue
        if c in "'\"":
            q = c
            cur.append(c)
        elif c == "\\" and i + 1 < len(script):
            cur.append(" " if script[i + 1] == "\n" else script[i:i + 2])
            i += 2
            continue
        elif c == "#" and (not cur or cur[-1] in " \t\n"):
            while i < len(script) and script[i] != "\n":
                i += 1
            continue
        elif c == "&" and ((cur and cur[-1] in "<>") or script.startswith("&>", i)):
            cur.append(c)  # 2>&1, >&2, &>/dev/null: redirections, not a background &
        elif c in ";|&\n()`":
            if c == "(" and cur and cur[-1] == "$":
                cur.pop()
            pieces.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    pieces.append("".join(cur))
    return pieces


def simple_commands(script):
    """Cut a shell script into simple commands (word lists), roughly: enough for counting."""
    cmds, in_case = [], 0
    # case arms: `in amd64)` / `;; 'arm64' | aarch64)` are patterns, not commands
    word = r"[\"']?[^\s;()\"'|]+[\"']?"
    script = re.sub(r"(\bin|;;)(\s*)(?:" + word + r"\s*\|\s*)*" + word + r"\s*\)", r"\1 ; ", script)
    for piece in split_shell(script):
        try:
            words = shlex.split(piece, posix=True)
        except ValueError:
            words = piece.split()
        if not words:
            continue
        if words[0] == "case":
            in_case += 1
            continue
        if words[0] == "esac":
            in_case = max(0, in_case - 1)
            continue
        while words and (words[0] in KEYWORDS or re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0])):
            if words[0] in ("for", "select"):
                words = []  # `for x in ...`: the list is not a command
                break
            words = words[1:]
        if words and words[0] in USER_WRAPPERS and len(words) > 2:
            cmds.append([words[0]])
            words = words[2:]
        while words and words[0] in WRAPPERS:
            words = words[1:]
            while words and (words[0].startswith("-") or re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0])):
                words = words[1:]
        if not words:
            continue
        if words[0] in ("[", "[[", "test"):
            cmds.append(["["])
        elif re.match(r"^[A-Za-z0-9_./+-]+$", words[0]) and not words[0].startswith("-"):
            cmds.append(words)
    return cmds


OPTION_ACTIONS = {
    "gpg": ("--recv-keys", "--verify", "--import", "--export", "--dearmor", "--fingerprint", "--keyserver"),
    "gpgconf": ("--kill",), "dpkg": ("--print-architecture", "-i", "--install", "-l", "--add-architecture", "-s"),
    "apk": ("--print-arch",), "dpkg-architecture": ("--query", "-q", "-qDEB_HOST_MULTIARCH"),
}


def command_name(words):
    w0 = words[0]
    base = os.path.basename(w0) if "/" in w0 and not w0.startswith("./") else w0
    if base in ("python", "python3") and len(words) > 2 and words[1] == "-m":
        return f"{base} -m {words[2]}"
    if base in OPTION_ACTIONS:
        opts = {w.split("=")[0] for w in words[1:]}
        for action in OPTION_ACTIONS[base]:  # in order of preference
            if action in opts:
                return f"{base} {action}"
    if base in SUBCOMMANDS or w0 in SUBCOMMANDS:
        rest = [w for w in words[1:] if not w.startswith("-")]
        if rest and re.match(r"^[a-z][a-z0-9:-]*$", rest[0]):
            return f"{base} {rest[0]}"
    return base


def run_bodies(text):
    out = []
    for kw, rest, bodies in logical_lines(text):
        if kw != "RUN":
            continue
        if bodies:
            out += bodies
            continue
        rest = re.sub(r"^(\s*--\S+\s*)+", "", rest)
        if rest.startswith("["):
            try:
                import json
                args = json.loads(rest)
                out.append(" ".join(shlex.quote(a) for a in args))
            except ValueError:
                out.append(rest)
        else:
            out.append(rest)
    return out


def features(text):
    f = set()
    for kw, rest, bodies in logical_lines(text):
        if bodies:
            f.add(f"{kw} heredoc (<<EOF)")
        lead = re.match(r"^((?:--\S+\s+)*)", rest).group(1).split()  # the instruction's own flags
        for flag in lead:
            name = flag.split("=", 1)[0]
            if name == "--mount" and kw == "RUN":
                opts = dict(o.partition("=")[::2] for o in flag.split("=", 1)[1].split(","))
                f.add(f"RUN --mount=type={opts.get('type', 'bind')}")
            elif name in ("--link", "--chmod", "--chown", "--from", "--parents", "--exclude", "--network",
                          "--security", "--checksum", "--keep-git-dir"):
                f.add(f"{kw} {name}")
        if kw == "ADD" and "://" in rest:
            f.add("ADD <url>")
        if kw in ("RUN", "CMD", "ENTRYPOINT") and rest.lstrip().startswith("["):
            f.add(f"{kw} [exec form]")
        if kw in ("ONBUILD", "HEALTHCHECK", "SHELL", "STOPSIGNAL", "VOLUME", "USER", "LABEL", "EXPOSE", "ENTRYPOINT"):
            f.add(kw)
    for fr in froms(text):
        if fr["arg_built"]:
            f.add("FROM ${ARG}-built name")
        if any(x.startswith("--platform") for x in fr["flags"]):
            f.add("FROM --platform=...")
        if "@sha256:" in fr["raw"]:
            f.add("FROM ...@sha256: pin")
    if len(froms(text)) > 1:
        f.add("multi-stage (2+ FROM)")
    if re.match(r"\s*#\s*syntax\s*=", text):
        f.add("# syntax= directive")
    return f


def corpus(cases_dir):
    for name in sorted(os.listdir(cases_dir)):
        p = os.path.join(cases_dir, name, "Dockerfile")
        if os.path.isfile(p):
            with open(p, encoding="utf-8", errors="replace") as fh:
                yield name, fh.read()


def tables(cases_dir, top):
    bases_files, bases_times, tags = collections.Counter(), collections.Counter(), collections.defaultdict(collections.Counter)
    cmd_files, cmd_times = collections.Counter(), collections.Counter()
    feat_files = collections.Counter()
    n = 0
    family = collections.Counter()
    for name, text in corpus(cases_dir):
        n += 1
        seen_b, seen_c = set(), set()
        for fr in froms(text):
            if fr["kind"] == "stage":
                continue
            if fr["kind"] == "scratch":
                repo, tag = "scratch", ""
            else:
                repo, tag, digest = split_ref(fr["ref"])
                if digest:
                    tag = (tag + "@sha256") if tag else "@sha256 only"
                if not repo:
                    repo = "(ARG without default: " + fr["raw"] + ")"
            bases_times[repo] += 1
            tags[repo][tag_pattern(tag)] += 1
            if repo not in seen_b:
                bases_files[repo] += 1
                seen_b.add(repo)
            t = tag.lower()
            fam = ("alpine" if "alpine" in t or repo == "alpine" else
                   "distroless" if "distroless" in repo else
                   "ubuntu" if repo == "ubuntu" or any(x in t for x in ("jammy", "noble", "focal")) else
                   "scratch" if repo == "scratch" else
                   "debian/other")
            family[fam] += 1
        for body in run_bodies(text):
            for words in simple_commands(body):
                c = command_name(words)
                cmd_times[c] += 1
                if c not in seen_c:
                    cmd_files[c] += 1
                    seen_c.add(c)
        for f in features(text):
            feat_files[f] += 1
    out = [f"Corpus: {n} Dockerfiles.\n",
           "### Base images named in FROM (stage references excluded)\n",
           "| repository | files | FROMs | tag patterns (N = a version number) |", "|---|---|---|---|"]
    for repo, c in bases_files.most_common(top):
        pats = ", ".join(f"`{p}` {k}" for p, k in tags[repo].most_common(6))
        out.append(f"| `{repo}` | {c} | {bases_times[repo]} | {pats} |")
    rest = len(bases_files) - min(top, len(bases_files))
    if rest > 0:
        out.append(f"| ({rest} more, once each or so) | | | |")
    out += ["", "Family of each image FROM (by name and tag): " +
            ", ".join(f"{k} {v}" for k, v in family.most_common()) + ".", ""]
    out += ["### Commands in RUN (with the subcommand for package managers and build tools)\n",
            "| command | files | times |", "|---|---|---|"]
    for c, k in cmd_files.most_common(top):
        out.append(f"| `{c}` | {k} | {cmd_times[c]} |")
    out += ["", "### Dockerfile features\n", "| feature | files |", "|---|---|"]
    for f, k in feat_files.most_common():
        out.append(f"| {f} | {k} |")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases"))
    ap.add_argument("--top", type=int, default=60)
    ap.add_argument("--update-readme", action="store_true", help="rewrite the tables block of README.md")
    a = ap.parse_args()
    text = tables(a.cases, a.top)
    if not a.update_readme:
        print(text, end="")
        return
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "README.md")
    begin, end = "<!-- stats:begin (stats.py --update-readme) -->", "<!-- stats:end -->"
    with open(path) as f:
        readme = f.read()
    head, rest = readme.split(begin, 1)
    _, tail = rest.split(end, 1)
    with open(path, "w") as f:
        f.write(head + begin + "\n" + text + end + tail)


if __name__ == "__main__":
    main()
