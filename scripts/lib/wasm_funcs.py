#!/usr/bin/env python3
"""Where the bytes of a .wasm are, per function and per group of code.

    wasm_funcs.py FILE.wasm [--top N] [--gzip]

Reads the module's sections, the size of every function body in the code
section, and the function names of the "name" section (link with
--profiling-funcs to keep them: README.md, "Where the bytes are", says how), demangles them
with c++filt and sums them per group (our namespaces, ImGui, SDL2, libc++,
nlohmann-json, zlib, libc). --gzip adds each group's gzip -9 size (its
bodies compressed together: an estimate, gzip of the whole file shares
repeats across groups). Data segments and the other sections are listed too.
"""
import gzip
import re
import shutil
import subprocess
import sys
from collections import defaultdict


def leb(buf, pos):
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return result, pos


def read_module(data):
    assert data[:4] == b"\0asm", "not a wasm module"
    pos = 8
    sections = []
    while pos < len(data):
        sid = data[pos]
        size, p = leb(data, pos + 1)
        sections.append((sid, p, size))
        pos = p + size
    return sections


def imported_functions(data, p):
    n, p = leb(data, p)
    funcs = 0
    for _ in range(n):
        for _ in range(2):  # module, field
            ln, p = leb(data, p)
            p += ln
        kind = data[p]
        p += 1
        if kind == 0:
            _, p = leb(data, p)
            funcs += 1
        elif kind == 1:  # table: reftype + limits
            p += 1
            flags, p = leb(data, p)
            _, p = leb(data, p)
            if flags & 1:
                _, p = leb(data, p)
        elif kind == 2:  # memory: limits
            flags, p = leb(data, p)
            _, p = leb(data, p)
            if flags & 1:
                _, p = leb(data, p)
        elif kind == 3:  # global
            p += 2
        elif kind == 4:  # tag
            p += 1
            _, p = leb(data, p)
    return funcs


def names(data, p, end):
    name_len, p = leb(data, p)
    if data[p:p + name_len] != b"name":
        return None
    p += name_len
    out = {}
    while p < end:
        sub = data[p]
        size, p = leb(data, p + 1)
        if sub == 1:
            q = p
            n, q = leb(data, q)
            for _ in range(n):
                idx, q = leb(data, q)
                ln, q = leb(data, q)
                out[idx] = data[q:q + ln].decode("utf-8", "replace")
                q += ln
        p += size
    return out


GROUPS = [
    (r"^ll::shell::", "ll::shell (simulated shell, its programs)"),
    (r"^ll::build::", "ll::build (build engine)"),
    (r"^ll::dockerfile::", "ll::dockerfile (parser, expansion)"),
    (r"^ll::lab::", "ll::lab (session, JS API)"),
    (r"^ll::catalog::|^ll::pkg", "ll::catalog (packages)"),
    (r"^ll::ui::", "ll::ui (ImGui windows)"),
    (r"^ll::app::|^ll::bridge::|^ll_", "ll::app + bridge"),
    (r"^ll::", "ll:: other core (store, layers, tar, gzip, oci, sha256, ...)"),
    (r"nlohmann::", "nlohmann-json"),
    (r"^ImGui|^Im[A-Z]|^stb|^ImGui_Impl|^ImPlot", "Dear ImGui"),
    (r"^SDL_|^Emscripten_|^SDL", "SDL2"),
    (r"^(inflate|deflate|crc32|adler32|zcalloc|zcfree|_tr_|gz|compress|uncompress|updatewindow|fill_window|longest_match|build_tree|send_tree|compress_block|inflate_)", "zlib"),
    (r"^std::|^__cxa|^__cxxabiv1|^__gxx|^_Unwind|^operator new|^operator delete|^__cxx_|^void std::|^bool std::|^unsigned long std::|^int std::|^char std::", "libc++ / libc++abi"),
]


def group_of(name):
    # the group of a template instantiation is its outermost name
    bare = re.sub(r"^(?:(?:const |unsigned )?[\w:<>,*& ]+? )?(?=[\w:]+(?:<|\())", "", name, count=1)
    for pat, g in GROUPS:
        if re.search(pat, bare) or re.search(pat, name):
            return g
    if name.startswith("$func"):
        return "unnamed (no name section)"
    if re.match(r"^[a-z_][a-z0-9_]*$", name):
        return "libc, malloc, emscripten runtime (C names)"
    return "other"


def main(argv):
    path = argv[0]
    top = int(argv[argv.index("--top") + 1]) if "--top" in argv else 40
    want_gz = "--gzip" in argv
    data = open(path, "rb").read()
    sections = read_module(data)
    n_imported = 0
    fnames = {}
    bodies = []
    section_sizes = defaultdict(int)
    kinds = {0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global",
             7: "export", 8: "start", 9: "element", 10: "code", 11: "data", 12: "datacount", 13: "tag"}
    for sid, p, size in sections:
        section_sizes[kinds.get(sid, str(sid))] += size
        if sid == 2:
            n_imported = imported_functions(data, p)
        elif sid == 0:
            got = names(data, p, p + size)
            if got is not None:
                fnames = got
        elif sid == 10:
            n, q = leb(data, p)
            for _ in range(n):
                bsize, q2 = leb(data, q)
                bodies.append(data[q2:q2 + bsize])
                q = q2 + bsize
    raw = [fnames.get(n_imported + i, f"$func{n_imported + i}") for i in range(len(bodies))]
    demangled = raw
    cxxfilt = shutil.which("c++filt") or shutil.which("llvm-cxxfilt-14")
    if cxxfilt and raw:
        out = subprocess.run([cxxfilt], input="\n".join(raw), capture_output=True, text=True).stdout.split("\n")
        if len(out) >= len(raw):
            demangled = out[:len(raw)]
    total = len(data)
    print(f"{path}: {total} bytes, {len(bodies)} functions ({n_imported} imported), "
          f"{len(fnames)} names{'' if fnames else ' (link with --profiling-funcs for names)'}")
    print("sections:", ", ".join(f"{k} {v}" for k, v in sorted(section_sizes.items(), key=lambda kv: -kv[1])))
    groups = defaultdict(lambda: [0, 0, []])
    for name, body in zip(demangled, bodies):
        g = groups[group_of(name)]
        g[0] += len(body)
        g[1] += 1
        g[2].append(body)
    code = sum(len(b) for b in bodies)
    print(f"\ncode by group (of {code} bytes of function bodies)")
    print(f"{'group':<58} {'bytes':>9} {'share':>6} {'funcs':>6}" + (f" {'gzip':>8}" if want_gz else ""))
    for gname, (b, n, bl) in sorted(groups.items(), key=lambda kv: -kv[1][0]):
        line = f"{gname:<58} {b:>9} {100 * b / code:>5.1f}% {n:>6}"
        if want_gz:
            line += f" {len(gzip.compress(b''.join(bl), 9, mtime=0)):>8}"
        print(line)
    print(f"\nlargest {top} functions")
    for size, name in sorted(((len(b), n) for n, b in zip(demangled, bodies)), reverse=True)[:top]:
        print(f"{size:>8}  {name[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
