#!/usr/bin/env python3
"""cli_build_progress_piped: `layerlab build` with stdout on a pipe prints
each step as it ends (issue 9: a piped build printed nothing until it ended,
its progress sitting in stdout's buffer).

Builds tests/build/cli/slow-run (FROM busybox, then two RUNs that loop for a
few seconds) with stdout on a pipe and times the lines: the first step's line
must arrive while the build still has most of its work ahead, not in one
burst at the end. Only the busybox image catalog is given (--assets to a
temporary copy), so nothing slow happens before the first step.

    check_progress.py LAYERLAB SOURCE_DIR
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time


def main():
    layerlab, src = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, "catalog"))
        shutil.copy(os.path.join(src, "assets", "catalog", "image-busybox.txt"), os.path.join(tmp, "catalog"))
        env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")  # no leak scan between the last write and exit
        t0 = time.monotonic()
        p = subprocess.Popen([layerlab, "build", "--assets", tmp, os.path.join(src, "tests", "build", "cli", "slow-run")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        arrivals = []  # (seconds since start, line)
        for line in p.stdout:
            arrivals.append((time.monotonic() - t0, line.decode(errors="replace").rstrip("\n")))
        err = p.stderr.read().decode(errors="replace")
        status = p.wait()
        total = time.monotonic() - t0
    if status != 0 or not arrivals:
        print(f"FAIL: the build exited {status} with {len(arrivals)} lines\n{err}")
        return 1
    first_at, first = arrivals[0]
    last_at = arrivals[-1][0]
    print(f"first line after {first_at:.2f} s: {first!r}; last line after {last_at:.2f} s; the build took {total:.2f} s")
    if not first.startswith("#1 "):
        print("FAIL: the first line is not step #1's")
        return 1
    # Buffered, every line comes in one burst at exit (last - first ~ 0).
    if last_at - first_at < 1.0 or first_at > 0.5 * total:
        print("FAIL: the first step's line arrived with the rest at the end: the progress was buffered")
        return 1
    print("ok: the progress arrived line by line while the build ran")
    return 0


if __name__ == "__main__":
    sys.exit(main())
