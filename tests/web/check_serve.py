#!/usr/bin/env python3
"""scripts/serve sends the precompressed files (issue 14).

    check_serve.py SERVE_PY DIST

Starts scripts/lib/serve.py on a free port over DIST (a built web preset,
whose build wrote FILE.gz and FILE.br) and asks for the page's files with
different Accept-Encoding headers: br wins when accepted, then gzip, else
the plain file; the body must decode to the file itself and the
Content-Type must be the file's own (application/wasm for the module).
"""
import gzip
import os
import subprocess
import sys
import urllib.request


def get(url, accept):
    req = urllib.request.Request(url)
    if accept is not None:
        req.add_header("Accept-Encoding", accept)
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()


def brotli_decode(data):
    # the pyenv python has no brotli module; node's zlib has brotli built in
    out = subprocess.run(["node", "-e", "process.stdout.write(require('zlib').brotliDecompressSync(require('fs').readFileSync(0)))"],
                         input=data, capture_output=True, check=True)
    return out.stdout


def main(serve_py, dist):
    proc = subprocess.Popen([sys.executable, serve_py, dist, "--port", "0"], stdout=subprocess.PIPE,
                            env={**os.environ, "LAYERLAB_SERVE_QUIET": "1"}, text=True)
    problems = []
    try:
        line = proc.stdout.readline()
        if "http://" not in line:
            print(f"FAIL: serve.py did not start: {line!r}")
            return 1
        base = line.split("on ", 1)[1].strip()
        cases = [("layerlab.wasm", "gzip, deflate, br", "br", "application/wasm"),
                 ("layerlab.wasm", "gzip, deflate", "gzip", "application/wasm"),
                 ("layerlab.wasm", "br;q=0, gzip", "gzip", "application/wasm"),
                 ("layerlab.wasm", None, None, "application/wasm"),
                 ("layerlab.js", "br", "br", "text/javascript"),
                 ("", "gzip, br", "br", "text/html"),
                 ("assets/samples/index.json", "gzip", "gzip", "application/json")]
        for rel, accept, want, ctype in cases:
            path = os.path.join(dist, rel or "index.html")
            status, h, body = get(base + rel, accept)
            enc = h.get("content-encoding")
            label = f"/{rel} with Accept-Encoding {accept!r}"
            if enc != want:
                problems.append(f"{label}: Content-Encoding {enc!r}, expected {want!r}")
                continue
            if not h.get("content-type", "").startswith(ctype):
                problems.append(f"{label}: Content-Type {h.get('content-type')!r}, expected {ctype}")
            if "accept-encoding" not in h.get("vary", "").lower():
                problems.append(f"{label}: no 'Vary: Accept-Encoding'")
            plain = open(path, "rb").read()
            decoded = brotli_decode(body) if enc == "br" else gzip.decompress(body) if enc == "gzip" else body
            if decoded != plain:
                problems.append(f"{label}: the body does not decode to {path}")
            print(f"ok: {label}: {enc or 'identity'}, {len(body)} bytes for {len(plain)}")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    for p in problems:
        print("FAIL:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
