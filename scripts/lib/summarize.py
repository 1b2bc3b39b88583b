#!/usr/bin/env python3
"""Print the one-line test summary of scripts/test from CTest JUnit files.

    summarize.py build/test-artifacts/native.xml build/test-artifacts/web.xml [--extra-failed N]

Counting rule (also in README.md, "Tests"):
  * a CTest test whose output carries doctest's summary line
    "[doctest] test cases: T | P passed | F failed | S skipped"
    counts as its P passed and F failed test cases (so core_tests adds one per
    TEST_CASE, natively and again under node for the wasm build);
    if CTest says it failed but doctest reported no failed case (a crash, a
    timeout, a sanitizer report after the summary), it adds 1 failed;
  * any other CTest test counts 1, passed or failed;
  * skipped tests (SKIP_RETURN_CODE) are listed as skipped, never as passed;
  * a missing JUnit file (its build failed) and --extra-failed add failures.
Prints e.g. "41 passed, 0 failed" as the last line.
"""
import re
import sys
import xml.etree.ElementTree as ET

# colour codes, raw or as CTest escapes them in XML ("[NON-XML-CHAR-0x1B][0;32m")
ANSI = re.compile(r"(?:\x1b|\[NON-XML-CHAR-0x1B\])\[[0-9;]*m")
DOCTEST = re.compile(r"\[doctest\] test cases:\s*(\d+)\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed")


def main(argv):
    extra_failed = 0
    files = []
    it = iter(argv)
    for a in it:
        if a == "--extra-failed":
            extra_failed += int(next(it))
        else:
            files.append(a)
    passed = failed = skipped = 0
    notes = []
    for path in files:
        try:
            root = ET.parse(path).getroot()
        except (OSError, ET.ParseError) as e:
            failed += 1
            notes.append(f"{path}: no test results ({e.__class__.__name__})")
            continue
        for case in root.iter("testcase"):
            name = case.get("name")
            status = case.get("status", "run")
            out = "".join((case.findtext("system-out") or "", case.findtext("system-err") or ""))
            is_failed = case.find("failure") is not None or case.find("error") is not None or status == "fail"
            if case.find("skipped") is not None or status in ("notrun", "disabled", "skipped"):
                skipped += 1
                notes.append(f"skipped: {name}")
                continue
            m = DOCTEST.findall(ANSI.sub("", out))
            if m:
                _, p, f = (int(x) for x in m[-1])
                passed += p
                failed += f
                if is_failed and f == 0:
                    failed += 1
                    notes.append(f"{name}: failed after its doctest summary (crash, timeout or sanitizer)")
            elif is_failed:
                failed += 1
            else:
                passed += 1
    failed += extra_failed
    for n in notes:
        print("  " + n)
    line = f"{passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
