#!/usr/bin/env python3
"""Serve the web output folder the way a production server should.

    serve.py DIST [--port 8080] [--bind 127.0.0.1]

Like `python3 -m http.server`, plus: when the browser accepts it
(Accept-Encoding), FILE.br or FILE.gz (written beside FILE by
scripts/lib/precompress.mjs at build time) is sent in its place with
`Content-Encoding: br` / `gzip` and `Vary: Accept-Encoding`; the
Content-Type stays FILE's own (application/wasm for the module, so
streaming compilation works). A .gz/.br older than its file is ignored.
"""
import argparse
import functools
import http.server
import os
import sys

ENCODINGS = [("br", ".br"), ("gzip", ".gz")]  # preferred first


def accepted(header):
    """Codings the Accept-Encoding header allows (q=0 excludes one)."""
    out = set()
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        name = fields[0].lower()
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if name and q > 0:
            out.add(name)
    return out


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript", ".mjs": "text/javascript",
                      ".json": "application/json", ".md": "text/plain; charset=utf-8",
                      ".txt": "text/plain; charset=utf-8", ".html": "text/html; charset=utf-8"}

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            index = os.path.join(path, "index.html")
            if not self.path.split("?", 1)[0].endswith("/") or not os.path.isfile(index):
                return super().send_head()
            path = index
        if os.path.isfile(path):
            ok = accepted(self.headers.get("Accept-Encoding"))
            for coding, ext in ENCODINGS:
                alt = path + ext
                if coding in ok and os.path.isfile(alt) and os.path.getmtime(alt) >= os.path.getmtime(path):
                    f = open(alt, "rb")
                    st = os.fstat(f.fileno())
                    self.send_response(200)
                    self.send_header("Content-Type", self.guess_type(path))
                    self.send_header("Content-Encoding", coding)
                    self.send_header("Vary", "Accept-Encoding")
                    self.send_header("Content-Length", str(st.st_size))
                    self.send_header("Last-Modified", self.date_time_string(int(st.st_mtime)))
                    self.end_headers()
                    return f
        return super().send_head()

    def end_headers(self):
        # the uncompressed answer varies with the request header too
        if not any(h.lower().startswith(b"vary:") for h in getattr(self, "_headers_buffer", [])):
            self.send_header("Vary", "Accept-Encoding")
        super().end_headers()

    def log_message(self, fmt, *args):
        if os.environ.get("LAYERLAB_SERVE_QUIET") != "1":
            super().log_message(fmt, *args)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dist")
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--bind", default="127.0.0.1")
    a = ap.parse_args()
    handler = functools.partial(Handler, directory=os.path.abspath(a.dist))
    with http.server.ThreadingHTTPServer((a.bind, a.port), handler) as httpd:
        # the port actually bound (--port 0 picks a free one): tests read this line
        print(f"serving {a.dist} on http://{a.bind}:{httpd.server_address[1]}/", flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
