#!/usr/bin/env python3
"""Run every real-world Dockerfile of tests/realworld/cases through `layerlab build`.

    run.py --layerlab BUILD/layerlab [--jobs 2] [--only SUBSTR] [--timeout 300]
           [--thresholds FILE] [--json-out FILE] [--write-thresholds] [--update-readme]

Per case one line: the case, how far the build got (steps run of the steps the
target needs, the stage it was in) and why it stopped (the first 120
characters of the reason). Then the summary:

  from_resolved  every FROM of the stages the build needs names an image layerlab
                 has (a built-in base, a catalog image or a labelled stand-in);
                 a FROM the build never reached (an earlier step stopped it) is
                 probed alone with a one-line Dockerfile `FROM <ref>`
  from_real      the same, and no FROM rests on a stand-in (issue 11: at least 95 %)
  completed      the build stepped through to the end (exit status 0)
  no_stand_in    completed, and no step's notes or narration mention a stand-in
                 (the contract: a step that used a stand-in says "stand-in")

The exit status is 1 when a fraction is below tests/realworld/thresholds.txt
(a regression), else 0. Fractions above the thresholds are printed as such:
raise the file (--write-thresholds) in the commit that raises them.
"""
import argparse
import concurrent.futures
import json
import math
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import stats  # noqa: E402  (the Dockerfile reading for FROM kinds)

METRICS = [
    ("from_resolved", "every FROM resolved"),
    ("from_real", "every FROM resolved, no stand-in"),
    ("completed", "stepped through to the end"),
    ("no_stand_in", "ended with no stand-in at all"),
]
STAND_IN = re.compile(r"\bstand-?ins?\b|\bstood in\b", re.I)
DONE_STATES = {"done", "cached"}


def uses_stand_in(step):
    """The stand-in contract: a step that rests on a stand-in says "stand-in" in a note (or its narration)."""
    texts = list(step.get("notes", [])) + [step.get("narration", ""), step.get("cache_note", "")]
    return step.get("state") in DONE_STATES and any(STAND_IN.search(t) for t in texts)


def case_args(case_dir):
    p = os.path.join(case_dir, "ARGS")
    out = []
    if os.path.isfile(p):
        with open(p) as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("#"):
                    out += shlex.split(line)
    return out


def run_layerlab(layerlab, dockerfile, context, extra, timeout, assets):
    cmd = [layerlab, "build", "--json", "-f", dockerfile] + (["--assets", assets] if assets else []) + extra + [context]
    env = dict(os.environ)
    env.setdefault("ASAN_OPTIONS", "exitcode=86")  # a sanitizer report is not "the build failed"
    env.setdefault("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1:exitcode=86")
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout} s", -1
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    doc = None
    for line in reversed(out.splitlines()):
        if line.startswith("{"):
            try:
                doc = json.loads(line)
            except ValueError:
                pass
            break
    if doc is None:
        first = next((ln for ln in err.splitlines() if "ERROR" in ln or "error" in ln), err.strip()[:200])
        return None, f"layerlab exited {p.returncode} without a report: {first.strip()}", p.returncode
    return doc, None, p.returncode


def short_reason(text):
    """'Dockerfile:12:3: error: X' -> 'line 12: X' (the cause first), one line."""
    text = " ".join(text.split())
    m = re.match(r"^[^:\s]*Dockerfile[^:]*:(\d+):\d+: (?:error: )?(.*)$", text)
    if m:
        text = f"line {m.group(1)}: {m.group(2)}"
    return text


def stage_label(title, stage_index, stage_count):
    """The stage's name as the progress line shows it, else 'stage 2/3' (1-based)."""
    m = re.match(r"^\[(?:(\S+) )?\s*\d+/\d+\]", title)
    if m and m.group(1):
        return m.group(1)
    return f"stage {stage_index + 1}/{stage_count}"


def output_cause(step):
    """The last telling line of a failed RUN's output (E: ..., sh: ...: not found), for grouping."""
    lines = [ln.strip() for ln in (step or {}).get("output", "").splitlines() if ln.strip()]
    for ln in reversed(lines):
        if re.search(r"^(E:|ERROR|error|sh:|/bin/sh:|bash:)|not found|not simulated|[Nn]o such|[Uu]nable|denied|"
                     r"unknown|invalid|[Uu]sage", ln):
            return ln
    return lines[-1] if lines else ""


class Probe:
    """Does `FROM ref` alone resolve? Cached per reference across the corpus."""

    def __init__(self, layerlab, timeout, assets):
        self.layerlab, self.timeout, self.assets, self.cache = layerlab, timeout, assets, {}
        self.tmp = tempfile.mkdtemp(prefix="realworld-probe-")

    def __call__(self, ref):
        if ref not in self.cache:
            d = tempfile.mkdtemp(dir=self.tmp)
            with open(os.path.join(d, "Dockerfile"), "w") as f:
                f.write(f"FROM {ref}\n")
            doc, why, rc = run_layerlab(self.layerlab, os.path.join(d, "Dockerfile"), d, [], self.timeout, self.assets)
            steps = (doc or {}).get("steps", [])
            self.cache[ref] = (rc == 0, any(uses_stand_in(s) for s in steps))
        return self.cache[ref]


def evaluate(name, case_dir, a, probe):
    df_path = os.path.join(case_dir, "Dockerfile")
    with open(df_path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    doc, why, rc = run_layerlab(a.layerlab, df_path, os.path.join(case_dir, "context"), case_args(case_dir),
                                a.timeout, a.assets)
    r = {"case": name, "exit": rc, "completed": False, "from_resolved": False, "no_stand_in": False,
         "run": 0, "total": 0, "stage": "", "reason": "", "cause": "", "stand_ins": 0}
    if doc is None:
        r["reason"] = r["cause"] = why
        return r
    steps = doc.get("steps", [])
    needed = [s for s in steps if s.get("state") != "skipped"]
    r["total"] = len(needed)
    r["run"] = sum(1 for s in needed if s.get("state") in DONE_STATES)
    r["completed"] = rc == 0
    failed = next((s for s in needed if s.get("state") == "failed"), None)
    n_stages = len({s.get("stage", 0) for s in steps}) or 1
    reason = doc.get("error") or (failed or {}).get("error") or ""
    r["stop_kind"] = (failed or {}).get("kind", "") if reason else ""
    if failed:
        r["stage"] = stage_label(failed.get("title", ""), failed.get("stage", 0), n_stages)
    elif reason and needed:
        nxt = next((s for s in needed if s.get("state") not in DONE_STATES), needed[-1])
        r["stage"] = stage_label(nxt.get("title", ""), nxt.get("stage", 0), n_stages)
    r["reason"] = short_reason(reason) if reason else ""
    r["cause"] = r["reason"]
    if failed and failed.get("kind") == "RUN" and "did not complete successfully" in reason:
        r["cause"] = "RUN: " + (output_cause(failed) or r["reason"])
    r["stand_ins"] = sum(1 for s in needed if uses_stand_in(s))
    r["no_stand_in"] = r["completed"] and r["stand_ins"] == 0
    # every FROM the build needs
    kinds = stats.froms(text)
    from_ok, from_stand_in = True, False
    from_steps = [s for s in needed if s.get("kind") == "FROM"]
    if not steps:
        probes = [probe(k["ref"]) for k in kinds if k["kind"] == "image"]
        from_ok = not re.search(r"\bFROM\b", reason) and all(ok for ok, _ in probes)
        from_stand_in = any(si for _, si in probes)
    for s in from_steps:
        k = kinds[s["stage"]] if s.get("stage", -1) < len(kinds) else {"kind": "image"}
        if s.get("state") in DONE_STATES or k["kind"] in ("stage", "scratch"):
            from_stand_in = from_stand_in or uses_stand_in(s)
            continue
        if s.get("state") == "failed":
            from_ok = False
            break
        ref = s.get("title", "").split("FROM ", 1)[-1].strip()
        ok, si = probe(ref) if ref else (False, False)
        from_stand_in = from_stand_in or si
        if not ok:
            from_ok = False
            break
    r["from_real"] = from_ok and not from_stand_in
    r["from_resolved"] = from_ok
    return r


def read_thresholds(path):
    t = {}
    if os.path.isfile(path):
        with open(path) as f:
            for line in f:
                line = line.split("#", 1)[0].split()
                if len(line) >= 2:
                    t[line[0]] = float(line[1].rstrip("%"))
    return t


def write_thresholds(path, figures):
    lines = [
        "# tests/realworld/thresholds.txt: the lowest share of the corpus (percent) the CTest test `realworld`",
        "# accepts for each figure (tests/realworld/README.md). A figure below its threshold fails the test.",
        "# Raise these in the commit that raises the figures (run.py --write-thresholds).",
    ]
    for key, _ in METRICS:
        lines.append(f"{key} {math.floor(figures[key] * 10) / 10:.1f}")  # rounded down: today's value passes
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def cause_key(reason):
    """Group reasons: quoted names, numbers and paths folded."""
    k = re.sub(r"^line \d+: ", "", reason)
    k = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", k)
    k = re.sub(r"(Unable to locate package|no image of that name in layerlab|ERROR: unable to select packages:?) .*",
               r"\1 …", k)
    k = re.sub(r"@sha256:[0-9a-f]+", "@sha256:…", k)
    k = re.sub(r"\d+(\.\d+)*", "N", k)
    return k[:90]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--layerlab", default="")
    ap.add_argument("--cases", default=os.path.join(HERE, "cases"))
    ap.add_argument("--thresholds", default=os.path.join(HERE, "thresholds.txt"))
    ap.add_argument("--assets", default="", help="passed to layerlab build --assets (default: its own)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=300, help="seconds per layerlab build")
    ap.add_argument("--only", default="", help="run the cases whose name contains this (several: a,b,c)")
    ap.add_argument("--json-out", default="")
    ap.add_argument("--from-json", default="", help="report an earlier run's --json-out instead of running")
    ap.add_argument("--progress", action="store_true", help="name each case on stderr as it finishes")
    ap.add_argument("--write-thresholds", action="store_true", help="set thresholds.txt to today's figures")
    ap.add_argument("--update-readme", action="store_true", help="rewrite the figures block of README.md")
    a = ap.parse_args()
    ap_from = a.from_json
    if not ap_from and not os.access(a.layerlab, os.X_OK):
        print(f"realworld: {a.layerlab} is not an executable", file=sys.stderr)
        return 2

    names = sorted(n for n in os.listdir(a.cases) if os.path.isfile(os.path.join(a.cases, n, "Dockerfile")))
    if a.only:
        names = [n for n in names if any(o and o in n for o in a.only.split(","))]
    results = {}
    if a.from_json:  # print (and --update-readme, --write-thresholds) from an earlier run's --json-out
        with open(a.from_json) as f:
            results = {c["case"]: c for c in json.load(f)["cases"]}
        names = [n for n in names if n in results]
    probe = Probe(a.layerlab, a.timeout, a.assets)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as ex:
        futs = {ex.submit(evaluate, n, os.path.join(a.cases, n), a, probe): n for n in names if n not in results}
        for k, fut in enumerate(concurrent.futures.as_completed(futs), 1):
            n = futs[fut]
            results[n] = fut.result()
            if a.progress:
                print(f"[{k}/{len(names)}] {n}", file=sys.stderr, flush=True)
    shutil.rmtree(probe.tmp, ignore_errors=True)
    width = max((len(n) for n in names), default=10)
    lines = []
    for n in names:
        r = results[n]
        how = "DONE" if r["completed"] else "STOP"
        if r["completed"] and r["stand_ins"]:
            how = "DONE*"
        steps = f"{r['run']}/{r['total']}"
        where = "" if r["completed"] else (r["stage"] or "-")
        why = ("" if r["completed"] else r["reason"] or "(no reason given)")[:120]
        if r["completed"] and r["stand_ins"]:
            why = f"{r['stand_ins']} step(s) with a stand-in"
        lines.append(f"{n:<{width}}  {how:<5} {steps:>7}  {where:<14} {why}")
    print("\n".join(lines))

    total = len(names)
    figures = {}
    for key, _ in METRICS:
        figures[key] = 100.0 * sum(1 for r in results.values() if r.get(key)) / total if total else 0.0
    causes = {}
    for r in results.values():
        if not r["completed"]:
            causes.setdefault(cause_key(r["cause"]), []).append(r["case"][:3])
    kinds = {}
    for r in results.values():
        if not r["completed"]:
            k = r.get("stop_kind") or ("RUN" if r["cause"].startswith("RUN:") else
                                       "FROM" if re.match(r"line \d+: FROM ", r["reason"]) else "(no step)")
            kinds[k] = kinds.get(k, 0) + 1
    stopped_at = "stopped at: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]))
    print("\n" + stopped_at)
    print(f"\nwhy builds stopped, by cause (case numbers):")
    for k, v in sorted(causes.items(), key=lambda kv: -len(kv[1]))[:20]:
        print(f"  {len(v):3}  {k}  [{' '.join(sorted(v)[:8])}{' …' if len(v) > 8 else ''}]")
    thresholds = read_thresholds(a.thresholds)
    ok = True
    summary = [f"\nrealworld: {total} cases"]
    for key, label in METRICS:
        n = sum(1 for r in results.values() if r.get(key))
        t = thresholds.get(key)
        verdict = ""
        if t is not None and not a.only:
            if figures[key] + 1e-9 < t:
                verdict = f"  BELOW the threshold {t:.1f}%: a regression"
                ok = False
            elif math.floor(figures[key] * 10) / 10 > t + 1e-9:
                verdict = f"  (threshold {t:.1f}%: raise it)"
            else:
                verdict = f"  (threshold {t:.1f}%)"
        summary.append(f"{label + ':':<32}{n:4}/{total} = {figures[key]:5.1f}%{verdict}")
    print("\n".join(summary))

    if a.json_out:
        os.makedirs(os.path.dirname(os.path.abspath(a.json_out)), exist_ok=True)
        with open(a.json_out, "w") as f:
            json.dump({"figures": figures, "cases": [results[n] for n in names]}, f, indent=1)
    if a.write_thresholds and not a.only:
        write_thresholds(a.thresholds, figures)
        print(f"wrote {a.thresholds}")
    if a.update_readme and not a.only:
        update_readme(os.path.join(HERE, "README.md"), lines, summary, causes, stopped_at)
    return 0 if ok else 1


def update_readme(path, lines, summary, causes, stopped_at):
    begin, end = "<!-- figures:begin (run.py --update-readme) -->", "<!-- figures:end -->"
    with open(path) as f:
        text = f.read()
    if begin not in text or end not in text:
        print(f"{path} has no figures block", file=sys.stderr)
        return
    block = ["```"] + [s.strip("\n") for s in summary if s.strip()] + ["", stopped_at, "", "why builds stopped, by cause:"]
    for k, v in sorted(causes.items(), key=lambda kv: -len(kv[1]))[:15]:
        block.append(f"  {len(v):3}  {k}")
    block += ["```", "", "<details><summary>per case</summary>", "", "```"] + lines + ["```", "", "</details>"]
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    with open(path, "w") as f:
        f.write(head + begin + "\n" + "\n".join(block) + "\n" + end + tail)


if __name__ == "__main__":
    sys.exit(main())
