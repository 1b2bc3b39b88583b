"""Writer for layerlab's catalog text format (see assets/catalog/README.md and
src/core/catalog/catalog.h, which parses it).

One entry per line. File entries are front-coded against the previous entry of
the same block (package or layer):

    <shared-prefix-length><type><path-suffix>[\t<field>]...

type: f file (mode 0644), x file (mode 0755), d dir (0755), l symlink, h hard
link. Fields: size (f/x), target (l/h), then optional m<octal mode>,
o<uid>:<gid>, c<escaped content>.
"""
from __future__ import annotations

DEFAULT_MODE = {"f": 0o644, "x": 0o755, "d": 0o755, "l": 0o777, "h": 0o644}


def escape(s: str) -> str:
    out = []
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif o < 0x20 or o == 0x7f:
            out.append("\\x%02x" % o)
        else:
            out.append(ch)
    return "".join(out)


def file_sort_key(e: dict):
    return e["p"].encode("utf-8")


class FileWriter:
    """Front-codes one block of file entries."""

    def __init__(self, out: list[str]):
        self.out = out
        self.prev = b""

    def reset(self):
        self.prev = b""

    def add(self, e: dict):
        path = e["p"].encode("utf-8")
        n = 0
        lim = min(len(path), len(self.prev))
        while n < lim and path[n] == self.prev[n]:
            n += 1
        # never split a UTF-8 sequence
        while n > 0 and n < len(path) and (path[n] & 0xC0) == 0x80:
            n -= 1
        self.prev = path
        t = e["t"]
        mode = e.get("m", DEFAULT_MODE.get(t, 0o644))
        if t == "f" and mode == 0o755:
            t = "x"
        suffix = path[n:].decode("utf-8")
        if "\t" in suffix or "\n" in suffix:
            raise ValueError(f"path with tab/newline: {e['p']!r}")
        fields = []
        if t in ("f", "x"):
            fields.append(str(e.get("s", 0)))
        elif t in ("l", "h"):
            fields.append(escape(e["l"]))
        if t != "l" and mode != DEFAULT_MODE[t]:
            fields.append("m%o" % mode)
        if e.get("u", 0) or e.get("g", 0):
            fields.append("o%d:%d" % (e.get("u", 0), e.get("g", 0)))
        if "c" in e and e["c"] is not None:
            fields.append("c" + escape(e["c"]))
        if e.get("ph"):  # a placeholder program (catalog.h CatalogFile::placeholder)
            fields.append("p" + escape(e["ph"]))
        line = f"{n}{t}{suffix}"
        if fields:
            line += "\t" + "\t".join(fields)
        self.out.append(line)

    def add_all(self, entries: list[dict]):
        self.reset()
        for e in sorted(entries, key=file_sort_key):
            self.add(e)


def relation(clauses: list[list[str]]) -> str:
    return " ".join("|".join(c) for c in clauses)
