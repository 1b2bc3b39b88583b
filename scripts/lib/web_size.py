#!/usr/bin/env python3
"""What the page downloads before its first frame: raw, gzip -9 and brotli.

    web_size.py build/web/dist [--budget-kb N]

The list is fixed here and checked by the browser test (tests/browser/smoke.mjs
fails if the page fetches anything else before it is running).
"""
import gzip
import os
import subprocess
import sys

FIRST_FRAME_FILES = ["index.html", "layerlab-api.js", "layerlab.js", "layerlab.wasm", "layerlab.data"]


def bases_table(dist):
    """Bytes per base image (assets/catalog/image-*.txt): never before the first frame."""
    cat = os.path.join(dist, "assets", "catalog")
    if not os.path.isdir(cat):
        cat = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "assets", "catalog")
    names = sorted(n for n in os.listdir(cat) if n.startswith("image-") and n.endswith(".txt"))
    if not names:
        return
    print()
    print("base image data, fetched after the first frame (each FROM also needs the package catalogs):")
    print(f"{'base':<36} {'bytes':>10} {'gzip -9':>10}")
    for n in names:
        data = open(os.path.join(cat, n), "rb").read()
        name = next((ln[6:].strip() for ln in data.decode("utf-8", "replace").splitlines() if ln.startswith("@name ")), n)
        print(f"{name:<36} {len(data):>10} {len(gzip.compress(data, compresslevel=9, mtime=0)):>10}")


def brotli_size(data):
    """Bytes after brotli quality 11, as scripts/lib/precompress.mjs writes
    them (what scripts/serve sends); the python3 here may lack the brotli
    module, node's zlib has it."""
    try:
        import brotli  # noqa: PLC0415
        return len(brotli.compress(data, quality=11))
    except ImportError:
        out = subprocess.run(["node", "-e", "const z=require('zlib');process.stdout.write(String(z.brotliCompressSync("
                              "require('fs').readFileSync(0),{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length))"],
                             input=data, capture_output=True, check=True)
        return int(out.stdout)


def main(argv):
    dist = argv[0]
    budget = None
    if "--budget-kb" in argv:
        budget = float(argv[argv.index("--budget-kb") + 1])
    total_raw = total_gz = total_br = 0
    print(f"{'file':<16} {'bytes':>10} {'gzip -9':>10} {'brotli':>10}")
    for name in FIRST_FRAME_FILES:
        path = os.path.join(dist, name)
        if not os.path.exists(path):
            if name in ("layerlab.js", "layerlab.wasm", "index.html"):
                print(f"missing: {path} (build the web preset first)", file=sys.stderr)
                return 1
            continue
        data = open(path, "rb").read()
        gz = len(gzip.compress(data, compresslevel=9, mtime=0))
        br = brotli_size(data)
        total_raw += len(data)
        total_gz += gz
        total_br += br
        print(f"{name:<16} {len(data):>10} {gz:>10} {br:>10}")
    print(f"{'total':<16} {total_raw:>10} {total_gz:>10} {total_br:>10}")
    print(f"before the first frame the page downloads {total_gz / 1024:.1f} KiB (gzip -9), "
          f"{total_br / 1024:.1f} KiB (brotli, what scripts/serve sends), {total_raw / 1024:.1f} KiB uncompressed")
    deferred = os.path.join(dist, "layerlab.deferred.wasm")
    if os.path.exists(deferred):
        data = open(deferred, "rb").read()
        gz = len(gzip.compress(data, compresslevel=9, mtime=0))
        print(f"after the first frame, before the first document: layerlab.deferred.wasm (the engine, "
              f"scripts/lib/split-wasm.mjs) {gz / 1024:.1f} KiB (gzip -9), {brotli_size(data) / 1024:.1f} KiB "
              f"(brotli), {len(data) / 1024:.1f} KiB uncompressed")
    bases_table(dist)
    if budget is not None and total_gz > budget * 1024:
        print(f"FAIL: over the budget of {budget:.0f} KiB gzip", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
