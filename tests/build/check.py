#!/usr/bin/env python3
"""check.py: the build conformance suite (see tests/build/README.md).

For every tests/build/cases/NN-name/:

  1. buildah flavor: `layerlab build --flavor buildah --oci-out ...` on the
     case (as regen.sh prepares it: `modes` applied, `args` passed), then
     `umoci unpack` and the oracle's normalize.py, and compare with the
     goldens buildah made (tests/build/golden/NN-name/):
       - the number of layers, and every layers/NN.pruned.txt exactly;
       - config.txt exactly, except that history comments ("# FROM <id>")
         and the content digests of buildah's COPY/ADD lines
         ("file:<sha256>") are not compared (they name buildah's own ids);
       - merged.txt exactly (modes, owners, sizes, content hashes).
  2. buildkit flavor (the default): the same build, compared with the same
     goldens under the documented differences (README.md, "BuildKit vs
     buildah"), each checked explicitly:
       R1 WORKDIR: BuildKit makes the directory at once, in a layer of its
          own holding only it (and missing parents); buildah makes it in
          the next RUN/COPY layer, or never.
       R2 empty RUN: BuildKit drops an empty diff (empty_layer=true);
          buildah keeps an empty layer.
       R3 history text: BuildKit's forms ("RUN /bin/sh -c ... # buildkit",
          "COPY a b # buildkit", "ENV A=1"), comment buildkit.dockerfile.v0.
       R4 ONBUILD writes no history entry under BuildKit.
       R5 FROM scratch: WorkingDir "/" under BuildKit, unset under buildah.
       R6 HEALTHCHECK is kept by BuildKit; buildah's OCI format drops it.
       R7 ENV replaces a variable in place under BuildKit; buildah moves it
          to the end (so Env is compared as a set, and BuildKit's order is
          checked against the in-place rule).
       R8 a shell-form CMD/ENTRYPOINT uses SHELL under BuildKit; buildah
          always uses /bin/sh -c.
       R9 EXPOSE 8000-8002: BuildKit lists each port; buildah keeps the
          range as one key.
       R10 a RUN after VOLUME /v: buildah (like the classic builder) throws
          away what it writes in /v; BuildKit keeps it.
       R12 EXPOSE 53/UDP: BuildKit lowercases the protocol; buildah keeps it.
     Everything else (the other layers, the merged filesystem, the rest of
     the config) must be the same as buildah's.

Exit status: 0 all passed, 1 some failed, 77 skipped (not root, or no umoci).
"""
import argparse
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def prepare(case_dir, dst):
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(case_dir, dst, symlinks=True)
    modes = os.path.join(case_dir, "modes")
    if os.path.exists(modes):
        for line in open(modes):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            mode, path = line.split(None, 1)
            os.chmod(os.path.join(dst, path), int(mode, 8))


def read(p):
    with open(p) as f:
        return f.read()


def lines(p):
    return read(p).splitlines() if os.path.exists(p) else []


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)


def build_and_normalize(opts, case, ctx, work, flavor):
    """Build with layerlab, unpack with umoci, normalize. Returns (outdir, error)."""
    out = os.path.join(work, flavor)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    oci = os.path.join(out, "oci")
    args = shlex.split(read(os.path.join(ctx, "args"))) if os.path.exists(os.path.join(ctx, "args")) else []
    cmd = [opts.layerlab, "build", "--flavor", flavor, "--image", "busybox-base=" + opts.base_oci,
           "--oci-out", oci] + args + [ctx]
    r = run(cmd)
    open(os.path.join(out, "build.log"), "w").write(r.stdout)
    if r.returncode != 0:
        return None, "layerlab build failed (%d):\n%s" % (r.returncode, "\n".join(r.stdout.splitlines()[-15:]))
    bundle = os.path.join(out, "bundle")
    r = run(["umoci", "unpack", "--image", oci + ":latest", bundle])
    if r.returncode != 0:
        return None, "umoci unpack failed:\n" + r.stdout
    norm = os.path.join(out, "norm")
    r = run([sys.executable, opts.normalize, norm, os.path.join(bundle, "rootfs"), "overlay",
             "--oci", oci, "--base-oci", opts.base_oci])
    if r.returncode != 0:
        return None, "normalize.py failed:\n" + r.stdout
    return norm, None


def show_diff(name, a, b):
    d = list(difflib.unified_diff(a, b, "golden/" + name, "layerlab/" + name, lineterm="", n=1))
    return "\n".join(d[:60]) + ("\n... (%d more diff lines)" % (len(d) - 60) if len(d) > 60 else "")


DIGEST = re.compile(r"\b(file|dir|multi):[0-9a-f]{64}\b")


def config_for_compare(cfg_lines):
    out = []
    for l in cfg_lines:
        if l.startswith("  H"):
            l = l.split("\t# ")[0]
            l = DIGEST.sub(lambda m: m.group(1) + ":<digest>", l)
        out.append(l)
    return out


def layer_files(d):
    ld = os.path.join(d, "layers")
    return sorted(f for f in os.listdir(ld) if f.endswith(".pruned.txt"))


def check_buildah(case, golden, norm):
    errs = []
    g_layers, o_layers = layer_files(golden), layer_files(norm)
    if len(g_layers) != len(o_layers):
        errs.append("layer count: buildah %d, layerlab %d" % (len(g_layers), len(o_layers)))
    for f in g_layers:
        a, b = lines(os.path.join(golden, "layers", f)), lines(os.path.join(norm, "layers", f))
        if a != b:
            errs.append("layers/%s differs:\n%s" % (f, show_diff("layers/" + f, a, b)))
    a, b = config_for_compare(lines(os.path.join(golden, "config.txt"))), config_for_compare(
        lines(os.path.join(norm, "config.txt")))
    if a != b:
        errs.append("config.txt differs:\n" + show_diff("config.txt", a, b))
    a, b = lines(os.path.join(golden, "merged.txt")), lines(os.path.join(norm, "merged.txt"))
    if a != b:
        errs.append("merged.txt differs:\n" + show_diff("merged.txt", a, b))
    return errs


# ---------------------------------------------------------------- buildkit rules

def parse_config(cfg_lines):
    """config.txt -> (fields dict, env list, history list of dicts)."""
    fields, env, hist = {}, [], []
    section = None
    for l in cfg_lines:
        if l == "Env:":
            section = "env"
            continue
        if l == "History:":
            section = "hist"
            continue
        if section == "env" and l.startswith("  "):
            env.append(l[2:])
            continue
        if section == "hist" and l.startswith("  H"):
            parts = l[2:].split("\t")
            hist.append({"empty": parts[1] == "empty_layer=true", "layer": parts[2], "by": parts[3],
                         "comment": parts[4][2:] if len(parts) > 4 else ""})
            continue
        section = None
        if ": " in l:
            k, v = l.split(": ", 1)
            fields[k] = v
    return fields, env, hist


def keyword_of(by):
    """The instruction a history line came from, for either builder's form."""
    s = by
    if s.startswith("/bin/sh -c #(nop) "):
        return s[len("/bin/sh -c #(nop) "):].split(" ", 1)[0].upper()
    if re.match(r"^\|\d+ ", s) or s.startswith("/bin/sh -c "):
        return "RUN"
    return s.split(" ", 1)[0].upper()


def workdir_of(by):
    m = re.match(r"^(?:/bin/sh -c #\(nop\) )?WORKDIR (.*)$", by)
    return m.group(1) if m else None


def expand_port_ranges(v):
    """buildah's ["8000-8002/tcp"] as BuildKit lists it: one key per port, sorted (R9)."""
    import json
    out = []
    for p in json.loads(v):
        port, proto = p.split("/", 1)
        if "-" in port:
            a, b = port.split("-", 1)
            out += ["%d/%s" % (n, proto) for n in range(int(a), int(b) + 1)]
        else:
            out.append(p)
    return json.dumps(sorted(out))


def check_buildkit(case_dir, golden, norm):
    errs = []
    dockerfile = read(os.path.join(case_dir, "Dockerfile"))
    gf, genv, ghist = parse_config(lines(os.path.join(golden, "config.txt")))
    of, oenv, ohist = parse_config(lines(os.path.join(norm, "config.txt")))

    # R3/R4: history entries pair up one to one (buildah's ONBUILD entries excepted)
    base_n = sum(1 for h in ghist if not h["by"].startswith(("/bin/sh -c", "|")) and keyword_of(h["by"]) not in (
        "COPY", "ADD", "RUN"))
    g_entries = [h for h in ghist if keyword_of(h["by"]) != "ONBUILD"]
    if len(g_entries) != len(ohist):
        errs.append("history: buildah has %d entries (ONBUILD excepted), layerlab %d" % (len(g_entries), len(ohist)))
        return errs
    # Which WORKDIR directories did BuildKit create in their own layers?
    g_layers, o_layers = layer_files(golden), layer_files(norm)
    workdir_layers = {}   # our layer file -> set of dir paths
    gi_layer = {}         # history index -> golden layer file
    oi_layer = {}
    for idx, (g, o) in enumerate(zip(g_entries, ohist)):
        gk, ok = keyword_of(g["by"]), keyword_of(o["by"])
        if gk != ok:
            errs.append("history H%02d: buildah %s, layerlab %s" % (idx, gk, ok))
            continue
        if g["layer"] != "-":
            gi_layer[idx] = g["layer"][1:] + ".pruned.txt"
        if o["layer"] != "-":
            oi_layer[idx] = o["layer"][1:] + ".pruned.txt"
        from_base = not (g["comment"] or g["by"].startswith(("/bin/sh -c", "|")))
        if from_base:
            if g["by"] != o["by"] or g["empty"] != o["empty"]:
                errs.append("history H%02d (base image): differs" % idx)
            continue
        # R3: BuildKit's own text and comment
        if o["comment"] != "buildkit.dockerfile.v0":
            errs.append("history H%02d: comment %r, expected buildkit.dockerfile.v0 (R3)" % (idx, o["comment"]))
        if ok in ("RUN", "COPY", "ADD") and not o["by"].endswith(" # buildkit"):
            errs.append("history H%02d: %r should end with ' # buildkit' (R3)" % (idx, o["by"]))
        if ok == "WORKDIR":
            # R1: a layer only when the directory had to be made; it holds just that
            if not o["empty"]:
                wl = lines(os.path.join(norm, "layers", oi_layer[idx]))
                wd = workdir_of(o["by"])
                bad = [l for l in wl if l.split("\t")[1] != "dir" or not (wd + "/").startswith(l.split("\t")[0] + "/")]
                if bad:
                    errs.append("history H%02d: WORKDIR layer holds more than %s: %s (R1)" % (idx, wd, bad))
                workdir_layers[oi_layer[idx]] = set(l.split("\t")[0] for l in wl)
            continue
        if ok == "RUN" and not g["empty"]:
            # buildah's overlay driver adds /run to every RUN layer; without it,
            # is the diff empty? (A directory whose mtime changed is a change.)
            full = [l for l in lines(os.path.join(golden, "layers", gi_layer[idx].replace(".pruned", "")))
                    if l.split("\t")[0] != "/run"]
            if not full:
                if not o["empty"]:
                    errs.append("history H%02d: an empty RUN diff must be empty_layer under BuildKit (R2)" % idx)
                continue
        if g["empty"] != o["empty"]:
            errs.append("history H%02d (%s): empty_layer buildah %s, layerlab %s" % (idx, gk, g["empty"], o["empty"]))

    # R10: paths at or below a declared volume, written by a RUN after it
    import json as _json
    volumes = _json.loads(gf.get("Volumes", "[]"))

    def in_volume(line, strict=False):
        p = line.split("\t")[0]
        return any(p.startswith(v.rstrip("/") + "/") or (not strict and p == v) for v in volumes)

    # Layers: each non-WORKDIR BuildKit layer equals buildah's layer of the
    # same instruction, minus the WORKDIR directories BuildKit made earlier (R1).
    made_by_workdir = set()
    for idx in sorted(oi_layer):
        f = oi_layer[idx]
        if f in workdir_layers:
            made_by_workdir |= workdir_layers[f]
            continue
        if idx not in gi_layer:
            errs.append("history H%02d: layerlab made a layer buildah did not" % idx)
            continue
        a = lines(os.path.join(golden, "layers", gi_layer[idx]))
        b = lines(os.path.join(norm, "layers", f))
        # R1: a directory BuildKit's WORKDIR made is in its own layer, owned by
        # USER; buildah makes it in a later layer, owned by whoever RUN/COPY
        # ran as. Later layers list it (as the parent of a change) with
        # either owner: those directory lines are left out on both sides.
        wd_dir = lambda l: l.split("\t")[0] in made_by_workdir and l.split("\t")[1] == "dir"
        a2 = [l for l in a if not wd_dir(l)]
        b = [l for l in b if not wd_dir(l)]
        first_volume = next((i for i, h in enumerate(ohist) if keyword_of(h["by"]) == "VOLUME"), None)
        if ohist[idx]["by"].startswith("RUN ") and first_volume is not None and idx > first_volume:
            b = [l for l in b if not in_volume(l)]   # R10
        if a2 != b:
            errs.append("layer of H%02d (%s) differs:\n%s" % (idx, ohist[idx]["by"][:60], show_diff(f, a2, b)))

    # Config fields.
    for k in sorted(set(gf) | set(of)):
        if k in ("rootfs.diff_ids",):
            continue
        gv, ov = gf.get(k), of.get(k)
        if gv == ov:
            continue
        if k == "WorkingDir" and gv == "null" and ov == '"/"' and re.search(r"(?im)^FROM\s+scratch", dockerfile):
            continue   # R5
        if k == "Healthcheck" and gv == "null" and re.search(r"(?im)^HEALTHCHECK", dockerfile):
            continue   # R6
        if k in ("Cmd", "Entrypoint") and re.search(r"(?im)^SHELL", dockerfile):
            continue   # R8
        if k == "ExposedPorts" and expand_port_ranges(gv.lower()) == ov:
            continue   # R9, R12
        errs.append("config %s: buildah %s, layerlab %s" % (k, gv, ov))
    if sorted(genv) != sorted(oenv):
        errs.append("Env: buildah %s, layerlab %s" % (genv, oenv))
    # Merged filesystem: the same, plus WORKDIR directories buildah never made (R1).
    a, b = lines(os.path.join(golden, "merged.txt")), lines(os.path.join(norm, "merged.txt"))
    extra = [l for l in b if l not in a]
    missing = [l for l in a if l not in b]
    extra_ok = [l for l in extra if (l.split("\t")[0] in made_by_workdir and l.split("\t")[1] == "dir")
                or in_volume(l, strict=True)]   # R1, R10
    missing_ok = [l for l in missing if l.split("\t")[0] in made_by_workdir]
    # a directory made by WORKDIR may differ from buildah's in owner only if
    # buildah made it in a RUN as another user: both lists then name it
    if len(extra) != len(extra_ok) or len(missing) != len(missing_ok):
        errs.append("merged.txt differs beyond WORKDIR directories:\n" +
                    show_diff("merged.txt", [l for l in a if l not in missing_ok],
                              [l for l in b if l not in extra_ok]))
    return errs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--layerlab", default=os.path.join(ROOT, "build", "native", "layerlab"))
    ap.add_argument("--cases", default=os.path.join(HERE, "cases"))
    ap.add_argument("--golden", default=os.path.join(HERE, "golden"))
    ap.add_argument("--base-oci", default=os.path.join(ROOT, "tests", "oracle", "busybox-base-oci"))
    ap.add_argument("--normalize", default=os.path.join(ROOT, "tests", "oracle", "normalize.py"))
    ap.add_argument("--flavor", choices=["buildah", "buildkit", "both"], default="both")
    ap.add_argument("--keep", help="keep the work directory here")
    ap.add_argument("only", nargs="*", help="case names (default: all)")
    opts = ap.parse_args()
    if os.geteuid() != 0:
        print("SKIP: umoci unpack needs root")
        return 77
    if not shutil.which("umoci"):
        print("SKIP: umoci is not installed (scripts/setup installs it)")
        return 77
    for p in (opts.layerlab, opts.normalize, os.path.join(opts.base_oci, "index.json")):
        if not os.path.exists(p):
            print("FAIL: missing " + p + " (tests/oracle is part of the repository)")
            return 1
    cases = sorted(d for d in os.listdir(opts.cases) if os.path.isfile(os.path.join(opts.cases, d, "Dockerfile")))
    if opts.only:
        cases = [c for c in cases if c in opts.only or any(c.startswith(o) for o in opts.only)]
    work = opts.keep or tempfile.mkdtemp(prefix="layerlab-build-check-")
    failed = 0
    total = 0
    try:
        for c in cases:
            ctx = os.path.join(work, c, "ctx")
            prepare(os.path.join(opts.cases, c), ctx)
            golden = os.path.join(opts.golden, c)
            for flavor in (["buildah", "buildkit"] if opts.flavor == "both" else [opts.flavor]):
                total += 1
                norm, err = build_and_normalize(opts, c, ctx, os.path.join(work, c), flavor)
                errs = [err] if err else (check_buildah(c, golden, norm) if flavor == "buildah"
                                          else check_buildkit(os.path.join(opts.cases, c), golden, norm))
                if errs:
                    failed += 1
                    print("FAIL %s [%s]" % (c, flavor))
                    for e in errs:
                        print("  " + e.replace("\n", "\n  "))
                else:
                    print("ok   %s [%s]" % (c, flavor))
    finally:
        if not opts.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("%d passed, %d failed" % (total - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
