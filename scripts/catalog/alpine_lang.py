"""gen-alpine-lang: node:22-alpine and python:3.12-alpine on the real Alpine
3.20 minirootfs (image-alpine-3.20.txt), with the layer structure and history
of their official Dockerfiles (nodejs/docker-node 22/alpine3.20/Dockerfile at
commit 2928850549388a57a33365302fc5ebac91f78ffe, docker-library/python
3.12/alpine3.20/Dockerfile at commit 0d5638323cb325f17caa71bbee67db68bd194edc).

The official images unpack Node.js from unofficial-builds.nodejs.org (musl)
and compile CPython; neither download is reachable here, so the layers' files
are approximated from Debian bookworm packages of debian-bookworm.apt.txt,
relocated as the official recipes lay them out (labelled in each image's @note):

* node: Debian's nodejs + libnode108 become /usr/local/bin/node (one binary,
  as nodejs.org builds it), libnode-dev's headers /usr/local/include/node, npm
  and its node-* dependencies /usr/local/lib/node_modules/npm(/node_modules),
  yarnpkg /opt/yarn-vVERSION; libstdc++ and libgcc from Debian's libstdc++6 and
  libgcc-s1 in /usr/lib; the node user added to the Alpine passwd/group/shadow
  the way busybox adduser writes them;
* python: the relocated CPython files of image-python-3.11-slim.txt (Debian's
  python3.11 in /usr/local) and the shared libraries it needs in /usr/lib;
  ca-certificates and tzdata from Debian.

nginx:1.27-alpine-slim (nginx_slim_image) and golang:1.22-alpine (golang_image)
follow the same rule; their sources are named where they are made.

usage: scripts/gen-alpine-lang   (writes assets/catalog/image-node-22-alpine.txt,
                                  image-python-3.12-alpine.txt, image-nginx-1.27-alpine-slim.txt,
                                  image-golang-1.22-alpine.txt; then run scripts/catalog/base_index.py)
"""
from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import fmt  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CAT = os.path.join(HERE, "..", "..", "assets", "catalog")
DAY = 19973  # 2024-09-06, the alpine:3.20.3 minirootfs commit date, in days since 1970 (shadow's field)
DOC_FILTER = ("/usr/share/doc/", "/usr/share/man/", "/usr/share/locale/", "/usr/share/info/",
              "/usr/share/lintian/")


def unescape(s: str) -> str:
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            if n == "x":
                out.append(chr(int(s[i + 2:i + 4], 16)))
                i += 4
                continue
            out.append({"n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(n, n))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def entry(line: str, prev: str) -> dict:
    i = 0
    while line[i].isdigit():
        i += 1
    shared, t = int(line[:i]), line[i]
    fields = line[i + 1:].split("\t")
    e = {"p": prev[:shared] + fields[0], "t": "f" if t == "x" else t}
    e["m"] = {"f": 0o644, "x": 0o755, "d": 0o755, "l": 0o777, "h": 0o644}[t]
    k = 1
    if t in "fx":
        e["s"] = int(fields[1])
        k = 2
    elif t in "lh":
        e["l"] = unescape(fields[1])
        k = 2
    for f in fields[k:]:
        if f[0] == "m":
            e["m"] = int(f[1:], 8)
        elif f[0] == "o":
            u, g = f[1:].split(":")
            e["u"], e["g"] = int(u), int(g)
        elif f[0] == "c":
            e["c"] = unescape(f[1:])
    return e


def read_packages(path: str) -> dict[str, list[dict]]:
    """apt catalog: package name -> its file entries."""
    pkgs, cur, prev = {}, None, ""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line[:1].isdigit() and cur is not None:
                e = entry(line, prev)
                prev = e["p"]
                pkgs[cur].append(e)
                continue
            prev = ""
            if line.startswith("P "):
                cur = line.split()[1]
                pkgs[cur] = []
    return pkgs


def read_layers(path: str) -> list[dict]:
    """image catalog: its layers, each {'created_by', 'files', 'K': [...]}."""
    layers, prev = [], ""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line[:1].isdigit():
                e = entry(line, prev)
                prev = e["p"]
                layers[-1]["files"].append(e)
                continue
            prev = ""
            if line.startswith("H 0 "):
                layers.append({"created_by": line[4:], "files": [], "K": []})
            elif line.startswith("K "):
                layers[-1]["K"].append(line[2:])
    return layers


def relocate(files: list[dict], moves: list[tuple[str, str]], keep_docs=False) -> list[dict]:
    out = []
    for e in files:
        p = e["p"]
        if not keep_docs and any(p.startswith(d) for d in DOC_FILTER):
            continue
        for a, b in moves:
            if p == a.rstrip("/") or p.startswith(a):
                e = dict(e)
                e["p"] = b + p[len(a):] if p.startswith(a) else b.rstrip("/")
                if e["t"] == "h" and e["l"].startswith(a):
                    e["l"] = b + e["l"][len(a):]
                out.append(e)
                break
    return out


def with_parents(files: list[dict]) -> list[dict]:
    # one entry per path; a path that is a parent of others is a directory (a
    # Debian symlink relocated onto another package's directory gives way)
    parents = {e["p"][:i] for e in files for i in range(1, len(e["p"])) if e["p"][i] == "/"}
    seen, uniq = set(), []
    for e in files:
        if e["p"] in seen or (e["p"] in parents and e["t"] != "d"):
            continue
        seen.add(e["p"])
        uniq.append(e)
    files = uniq
    have = {e["p"] for e in files}
    out = list(files)
    for e in files:
        parts = e["p"].split("/")
        for i in range(2, len(parts)):
            d = "/".join(parts[:i])
            if d not in have:
                have.add(d)
                out.append({"p": d, "t": "d", "m": 0o755})
    return sorted(out, key=lambda e: e["p"].encode())


def base_file(base: list[dict], path: str) -> dict:
    for e in base:
        if e["p"] == path:
            return e
    raise KeyError(path)


def text_file(path: str, content: str, mode=0o644, uid=0, gid=0) -> dict:
    return {"p": path, "t": "f", "m": mode, "s": len(content.encode()), "c": content, "u": uid, "g": gid}


def libs_to_usr_lib(pkgs, names: list[str]) -> list[dict]:
    files = []
    for n in names:
        files += relocate(pkgs[n], [("/usr/lib/x86_64-linux-gnu/", "/usr/lib/"),
                                    ("/lib/x86_64-linux-gnu/", "/usr/lib/"), ("/usr/share/", "/usr/share/"),
                                    ("/etc/", "/etc/")])
    return [e for e in files if e["t"] != "d"]


def apk_db(base: list[dict], added: list[str]) -> list[dict]:
    """/etc/apk/world and /lib/apk/db/installed after `apk add --no-cache` of `added` (sizes approximated)."""
    world = base_file(base, "/etc/apk/world")
    names = sorted(set(world["c"].split()) | set(added))
    inst = base_file(base, "/lib/apk/db/installed")
    grown = dict(inst)
    grown["s"] = inst["s"] + 1400 * len(added)
    grown.pop("c", None)
    return [text_file("/etc/apk/world", "\n".join(names) + "\n"), grown]


def add_user_files(base: list[dict], user: str, uid: int, home: str, shell: str) -> list[dict]:
    """busybox `addgroup -g UID USER && adduser -u UID -G USER -s SHELL -D USER`."""
    group = base_file(base, "/etc/group")["c"] + f"{user}:x:{uid}:{user}\n"
    passwd = base_file(base, "/etc/passwd")["c"] + f"{user}:x:{uid}:{uid}:Linux User,,,:{home}:{shell}\n"
    sh = base_file(base, "/etc/shadow")
    shadow = sh["c"] + f"{user}:!:{DAY}:0:99999:7:::\n"
    return [text_file("/etc/group", group), text_file("/etc/passwd", passwd),
            text_file("/etc/shadow", shadow, sh["m"], sh.get("u", 0), sh.get("g", 0)),
            {"p": home, "t": "d", "m": 0o2755, "u": uid, "g": uid}]


def write_image(path: str, meta: list[str], layers: list[tuple[str, list[dict]]]):
    """layers: (history line 'H 0 ...' (a layer) or 'H 1 ...' (empty), files)."""
    expects, body, n = [], [], 0
    for h, files in layers:
        body.append(h)
        body.append("C buildkit.dockerfile.v0")
        if h.startswith("H 0 "):
            files = with_parents(files)
            total = sum(e.get("s", 0) for e in files if e["t"] == "f")
            expects.append(f"@expect {n} {len(files)} {total}")
            n += 1
            fmt.FileWriter(body).add_all(files)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(["#layerlab-catalog 1 image"] + meta + expects + body) + "\n")


def node_image(pkgs, base):
    node_version, yarn_version = "22.2.0", "1.22.19"
    debian_node = [n for n in pkgs if n.startswith("node-")]
    node_files = []
    # one node binary: Debian's /usr/bin/node plus libnode.so.108 (nodejs.org links it statically)
    libnode = sum(e["s"] for e in pkgs["libnode108"] if e["t"] == "f" and ".so" in e["p"])
    for e in relocate(pkgs["nodejs"], [("/usr/bin/node", "/usr/local/bin/node"),
                                        ("/usr/share/doc/nodejs/", "/usr/local/share/doc/node/"),
                                        ("/usr/share/man/man1/node", "/usr/local/share/man/man1/node")],
                      keep_docs=True):
        if e["p"] == "/usr/local/bin/node" and e["t"] == "f":
            e = dict(e, s=e["s"] + libnode)
        node_files.append(e)
    node_files += relocate(pkgs["libnode-dev"], [("/usr/include/node/", "/usr/local/include/node/")])
    node_files += relocate(pkgs["npm"], [("/usr/share/nodejs/npm/", "/usr/local/lib/node_modules/npm/")])
    for n in debian_node:
        node_files += relocate(pkgs[n], [("/usr/share/nodejs/", "/usr/local/lib/node_modules/npm/node_modules/"),
                                         ("/usr/lib/x86_64-linux-gnu/nodejs/",
                                          "/usr/local/lib/node_modules/npm/node_modules/")])
    seen, uniq = set(), []
    for e in node_files:
        if e["t"] != "d" and e["p"] not in seen:
            seen.add(e["p"])
            uniq.append(e)
    uniq += [{"p": "/usr/local/bin/nodejs", "t": "l", "l": "/usr/local/bin/node", "m": 0o777},
             {"p": "/usr/local/bin/npm", "t": "l", "l": "../lib/node_modules/npm/bin/npm-cli.js", "m": 0o777},
             {"p": "/usr/local/bin/npx", "t": "l", "l": "../lib/node_modules/npm/bin/npx-cli.js", "m": 0o777}]
    run1 = (add_user_files(base, "node", 1000, "/home/node", "/bin/sh") + libs_to_usr_lib(pkgs, ["libstdc++6", "libgcc-s1"])
            + apk_db(base, ["libstdc++", "libgcc"]) + uniq)
    yarn = relocate(pkgs["yarnpkg"], [("/usr/share/nodejs/yarn/", f"/opt/yarn-v{yarn_version}/")])
    yarn += [{"p": "/usr/local/bin/yarn", "t": "l", "l": f"/opt/yarn-v{yarn_version}/bin/yarn", "m": 0o777},
             {"p": "/usr/local/bin/yarnpkg", "t": "l", "l": f"/opt/yarn-v{yarn_version}/bin/yarnpkg", "m": 0o777}]
    entry_sh = {"p": "/usr/local/bin/docker-entrypoint.sh", "t": "f", "m": 0o755, "s": 388}
    meta = [
        "# Generated by scripts/gen-alpine-lang (scripts/catalog/alpine_lang.py) from image-alpine-3.20.txt and "
        "debian-bookworm.apt.txt, after nodejs/docker-node 22/alpine3.20/Dockerfile (commit "
        "2928850549388a57a33365302fc5ebac91f78ffe). Do not edit by hand.",
        "@generated 2024-09-06T12:05:36Z (the alpine:3.20.3 base's date)",
        "@source github.com/nodejs/docker-node 22/alpine3.20/Dockerfile at commit 2928850549388a57a33365302fc5ebac91f78ffe",
        "@name node:22-alpine",
        "@tag node:22-alpine3.20", "@tag node:22.2.0-alpine", "@tag node:22.2-alpine", "@tag node:alpine",
        "@tag node:current-alpine",
        "@created 2024-09-06T12:05:36Z",
        "@merged-usr no",
        "@base alpine:3.20",
        "@env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        f"@env NODE_VERSION={node_version}",
        f"@env YARN_VERSION={yarn_version}",
        '@entrypoint ["docker-entrypoint.sh"]',
        '@cmd ["node"]',
        "@approx the files are Debian bookworm's nodejs 18.20.4, npm 9.2 and yarnpkg relocated to the official "
        "image's paths (its NODE_VERSION and layout are the real image's; the node binary and versions are not).",
        "@note Approximation: the layers and history are those of the official node:22-alpine (alpine:3.20, the "
        "node user, Node.js unpacked into /usr/local, yarn into /opt, docker-entrypoint.sh), but the files are "
        "Debian bookworm's nodejs 18.20.4 / npm 9.2 / yarnpkg relocated to those paths (the official image unpacks "
        "a musl build from unofficial-builds.nodejs.org, which layerlab cannot download): paths follow the real "
        "layout, sizes and versions are approximate. NODE_VERSION is the official image's.",
    ]
    layers = [
        (f"H 1 ENV NODE_VERSION={node_version}", []),
        ("H 0 RUN /bin/sh -c addgroup -g 1000 node     && adduser -u 1000 -G node -s /bin/sh -D node     && apk add "
         "--no-cache         libstdc++     && apk add --no-cache --virtual .build-deps         curl     && ... curl "
         "-fsSLO --compressed \"https://unofficial-builds.nodejs.org/download/release/v$NODE_VERSION/node-v$NODE_VERSION-"
         "linux-$ARCH-musl.tar.xz\" ... tar -xJf ... -C /usr/local --strip-components=1 --no-same-owner ... && apk del "
         ".build-deps   && node --version   && npm --version # buildkit", run1),
        (f"H 1 ENV YARN_VERSION={yarn_version}", []),
        ("H 0 RUN /bin/sh -c apk add --no-cache --virtual .build-deps-yarn curl gnupg tar   && ... && mkdir -p /opt   "
         "&& tar -xzf yarn-v$YARN_VERSION.tar.gz -C /opt/   && ln -s /opt/yarn-v$YARN_VERSION/bin/yarn "
         "/usr/local/bin/yarn   && ln -s /opt/yarn-v$YARN_VERSION/bin/yarnpkg /usr/local/bin/yarnpkg   && ... && apk "
         "del .build-deps-yarn   && yarn --version   && rm -rf /tmp/* # buildkit", yarn),
        ("H 0 COPY docker-entrypoint.sh /usr/local/bin/ # buildkit", [entry_sh]),
        ('H 1 ENTRYPOINT ["docker-entrypoint.sh"]', []),
        ('H 1 CMD ["node"]', []),
    ]
    write_image(os.path.join(CAT, "image-node-22-alpine.txt"), meta, layers)


def python_image(pkgs, base):
    slim = read_layers(os.path.join(CAT, "image-python-3.11-slim.txt"))
    build = next(lay for lay in slim if "savedAptMark" in lay["created_by"])
    links = next(lay for lay in slim if "for src in idle3" in lay["created_by"])
    # the relocated CPython files (not Debian's /usr: those are apt packages the slim image registers)
    cpython = [e for e in build["files"] if e["p"].startswith("/usr/local/") and e["t"] != "d"]
    runtime = libs_to_usr_lib(pkgs, [k for k in build["K"] if k.startswith("lib")])
    certs = relocate(pkgs["ca-certificates"], [("/usr/share/ca-certificates/", "/usr/share/ca-certificates/"),
                                               ("/usr/sbin/", "/usr/sbin/"), ("/etc/", "/etc/")])
    tz = relocate(pkgs["tzdata"], [("/usr/share/zoneinfo/", "/usr/share/zoneinfo/")])
    meta = [
        "# Generated by scripts/gen-alpine-lang (scripts/catalog/alpine_lang.py) from image-alpine-3.20.txt, "
        "image-python-3.11-slim.txt and debian-bookworm.apt.txt, after docker-library/python "
        "3.12/alpine3.20/Dockerfile (commit 0d5638323cb325f17caa71bbee67db68bd194edc). Do not edit by hand.",
        "@generated 2024-09-06T12:05:36Z (the alpine:3.20.3 base's date)",
        "@source github.com/docker-library/python 3.12/alpine3.20/Dockerfile at commit "
        "0d5638323cb325f17caa71bbee67db68bd194edc",
        "@name python:3.12-alpine",
        "@tag python:3.12-alpine3.20", "@tag python:3.12.4-alpine", "@tag python:alpine", "@tag python:3-alpine",
        "@created 2024-09-06T12:05:36Z",
        "@merged-usr no",
        "@base alpine:3.20",
        "@env PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "@env LANG=C.UTF-8",
        "@env GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305",
        "@env PYTHON_VERSION=3.12.4",
        "@env PYTHON_PIP_VERSION=24.0",
        '@cmd ["python3"]',
        "@approx the files are Debian bookworm's python3.11 relocated to /usr/local (python3.11 where the real "
        "image has 3.12) with Debian's libraries in /usr/lib; the layers and history are the real image's.",
        "@note Approximation: the layers and history are those of the official python:3.12-alpine (alpine:3.20, "
        "ca-certificates and tzdata, CPython compiled into /usr/local, the python/pip symlinks, get-pip), but the "
        "files are Debian bookworm's python3.11 3.11.2 relocated to /usr/local (as in layerlab's python:3.11-slim) "
        "with the shared libraries it needs in /usr/lib, and Debian's ca-certificates and tzdata: paths follow the "
        "real layout (python3.11 where the real image has python3.12), sizes and versions are approximate.",
    ]
    layers = [
        ("H 1 ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", []),
        ("H 1 ENV LANG=C.UTF-8", []),
        ("H 0 RUN /bin/sh -c set -eux; \tapk add --no-cache \t\tca-certificates \t\ttzdata \t; # buildkit",
         certs + tz + apk_db(base, ["ca-certificates", "tzdata"])),
        ("H 1 ENV GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305", []),
        ("H 1 ENV PYTHON_VERSION=3.12.4", []),
        ("H 0 RUN /bin/sh -c set -eux; \t\tapk add --no-cache --virtual .build-deps \t\tgnupg \t\ttar \t\txz ... "
         "\t; \t\twget -O python.tar.xz \"https://www.python.org/ftp/python/${PYTHON_VERSION%%[a-z]*}/Python-"
         "$PYTHON_VERSION.tar.xz\"; ... ./configure ... --enable-shared --with-lto --with-system-expat "
         "--without-ensurepip \t; ... make install; ... apk add --no-network --virtual .python-rundeps ...; apk del "
         "--no-network .build-deps; \t\tpython3 --version # buildkit", cpython + runtime),
        ("H 0 RUN /bin/sh -c set -eux; \tfor src in idle3 pydoc3 python3 python3-config; do \t\tdst=\"$(echo \"$src\" "
         "| tr -d 3)\"; \t\t[ -s \"/usr/local/bin/$src\" ]; \t\t[ ! -e \"/usr/local/bin/$dst\" ]; \t\tln -svT "
         "\"$src\" \"/usr/local/bin/$dst\"; \tdone # buildkit",
         [e for e in links["files"] if e["t"] != "d" and "pip" not in e["p"]]),
        ("H 1 ENV PYTHON_PIP_VERSION=24.0", []),
        ("H 0 RUN /bin/sh -c set -eux; \t\twget -O get-pip.py \"$PYTHON_GET_PIP_URL\"; ... python get-pip.py "
         "\t\t--disable-pip-version-check \t\t--no-cache-dir \t\t--no-compile \t\t\"pip==$PYTHON_PIP_VERSION\" \t; "
         "\trm -f get-pip.py; \t\tpip --version # buildkit",
         [e for e in links["files"] if e["t"] != "d" and "pip" in e["p"]]),
        ('H 1 CMD ["python3"]', []),
    ]
    write_image(os.path.join(CAT, "image-python-3.12-alpine.txt"), meta, layers)


NGINX_SRC = ("nginxinc/docker-nginx mainline/alpine-slim/Dockerfile and mainline/alpine/Dockerfile at commit "
             "b430becb8f0f6b8d69e68cc73a82ea2873c38639 (2025-02-14)")
# the files the nginx-slim Dockerfile COPYs (their sizes at that commit: tests/realworld/cases/008-*/context)
NGINX_SCRIPTS = [("/docker-entrypoint.sh", 1620), ("/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh", 2125),
                 ("/docker-entrypoint.d/15-local-resolvers.envsh", 389),
                 ("/docker-entrypoint.d/20-envsubst-on-templates.sh", 3018),
                 ("/docker-entrypoint.d/30-tune-worker-processes.sh", 4619)]


def nginx_slim_image(pkgs, base):
    """nginx:1.27-alpine-slim: the nginx user, nginx.org's nginx package, envsubst, tzdata, the log links."""
    group = base_file(base, "/etc/group")["c"] + "nginx:x:101:nginx\n"
    passwd = base_file(base, "/etc/passwd")["c"] + "nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin\n"
    sh = base_file(base, "/etc/shadow")
    users = [text_file("/etc/group", group), text_file("/etc/passwd", passwd),
             text_file("/etc/shadow", sh["c"] + f"nginx:!:{DAY}:0:99999:7:::\n", sh["m"], sh.get("u", 0), sh.get("g", 0))]
    # nginx.org's layout (/etc/nginx/conf.d, /usr/lib/nginx/modules, /var/cache/nginx) with Debian's files
    conf = [e for e in relocate(pkgs["nginx-common"], [("/etc/nginx/", "/etc/nginx/"),
                                                       ("/usr/share/nginx/html/", "/usr/share/nginx/html/")])
            if "sites-" not in e["p"] and "snippets" not in e["p"] and "proxy_params" not in e["p"]]
    nginx = relocate(pkgs["nginx"], [("/usr/sbin/nginx", "/usr/sbin/nginx")])
    extra = [dict(nginx[0], p="/usr/sbin/nginx-debug"),
             {"p": "/etc/nginx/conf.d/default.conf", "t": "f", "m": 0o644, "s": 1093},
             {"p": "/usr/share/nginx/html/50x.html", "t": "f", "m": 0o644, "s": 497},
             {"p": "/etc/nginx/modules", "t": "l", "l": "/usr/lib/nginx/modules", "m": 0o777},
             {"p": "/usr/lib/nginx/modules", "t": "d", "m": 0o755},
             {"p": "/var/cache/nginx", "t": "d", "m": 0o755, "u": 101, "g": 0},
             {"p": "/var/log/nginx", "t": "d", "m": 0o755},
             {"p": "/var/log/nginx/access.log", "t": "l", "l": "/dev/stdout", "m": 0o777},
             {"p": "/var/log/nginx/error.log", "t": "l", "l": "/dev/stderr", "m": 0o777},
             {"p": "/docker-entrypoint.d", "t": "d", "m": 0o755}]
    envsubst = [{"p": "/usr/local/bin/envsubst", "t": "f", "m": 0o755, "s": 47024}]
    pcre = libs_to_usr_lib(pkgs, ["libpcre2-8-0"])
    tz = relocate(pkgs["tzdata"], [("/usr/share/zoneinfo/", "/usr/share/zoneinfo/")])
    run1 = users + conf + nginx + extra + envsubst + pcre + tz + apk_db(base, ["nginx", "pcre2", "tzdata", "libintl"])
    meta = [
        "# Generated by scripts/gen-alpine-lang (scripts/catalog/alpine_lang.py) from image-alpine-3.20.txt and "
        f"debian-bookworm.apt.txt, after {NGINX_SRC}. Do not edit by hand.",
        "@generated 2024-09-06T12:05:36Z (the alpine:3.20.3 base's date)",
        f"@source github.com/{NGINX_SRC}",
        "@name nginx:1.27-alpine-slim",
        "@tag nginx:1.27.4-alpine-slim",
        "@created 2024-09-06T12:05:36Z",
        "@merged-usr no",
        "@base alpine:3.20",
        "@env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "@env NGINX_VERSION=1.27.4", "@env PKG_RELEASE=1", "@env DYNPKG_RELEASE=1",
        '@entrypoint ["/docker-entrypoint.sh"]',
        '@cmd ["nginx","-g","daemon off;"]',
        "@approx on layerlab's alpine:3.20 (the real image is on 3.21); the nginx files are Debian bookworm's nginx "
        "1.22.1 laid out as nginx.org's package; the layers and history are the real image's.",
        "@note Approximation: the layers and history are those of the official nginx:1.27.4-alpine-slim (the nginx "
        "user 101, nginx.org's nginx package, envsubst, tzdata, the log links to /dev/stdout and /dev/stderr, the "
        "docker-entrypoint scripts), on layerlab's alpine:3.20 where the real image is on alpine:3.21; the nginx "
        "files are Debian bookworm's nginx 1.22.1 and nginx-common laid out as nginx.org's package (conf.d/"
        "default.conf, 50x.html, nginx-debug and envsubst with approximate sizes); tzdata and pcre2 from Debian.",
    ]
    scripts = [{"p": p, "t": "f", "m": 0o755, "s": n} for p, n in NGINX_SCRIPTS]
    layers = [
        ('H 1 LABEL maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>', []),
        ("H 1 ENV NGINX_VERSION=1.27.4", []), ("H 1 ENV PKG_RELEASE=1", []), ("H 1 ENV DYNPKG_RELEASE=1", []),
        ("H 0 RUN /bin/sh -c set -x     && addgroup -g 101 -S nginx     && adduser -S -D -H -u 101 -h /var/cache/nginx "
         "-s /sbin/nologin -G nginx -g nginx nginx     && apkArch=\"$(cat /etc/apk/arch)\"     && nginxPackages=\"  "
         "       nginx=${NGINX_VERSION}-r${PKG_RELEASE}     \" ... && apk add -X \"https://nginx.org/packages/mainline/"
         "alpine/v$(egrep -o '^[0-9]+\\.[0-9]+' /etc/alpine-release)/main\" --no-cache $nginxPackages ... && apk add "
         "--no-cache tzdata     && ln -sf /dev/stdout /var/log/nginx/access.log     && ln -sf /dev/stderr "
         "/var/log/nginx/error.log     && mkdir /docker-entrypoint.d # buildkit", run1),
    ]
    for (p, n), f in zip(NGINX_SCRIPTS, scripts):
        dest = "/" if p == "/docker-entrypoint.sh" else "/docker-entrypoint.d"
        layers.append((f"H 0 COPY {os.path.basename(p)} {dest} # buildkit", [f]))
    layers += [('H 1 ENTRYPOINT ["/docker-entrypoint.sh"]', []), ("H 1 EXPOSE map[80/tcp:{}]", []),
               ("H 1 STOPSIGNAL SIGQUIT", []), ('H 1 CMD ["nginx" "-g" "daemon off;"]', [])]
    write_image(os.path.join(CAT, "image-nginx-1.27-alpine-slim.txt"), meta, layers)


GOLANG_SRC = "docker-library/golang 1.22/alpine3.20/Dockerfile at commit 01abd89f7fda4586d2dc2d18c2ff70fd90199198"
# go1.22.9.linux-amd64's programs as the official image has them under /usr/local/go (sizes approximate:
# the tarball, go.dev/dl, is not reachable here; totals in line with Debian's golang-1.19-go Installed-Size)
GO_FILES = [("bin/go", 12_900_000), ("bin/gofmt", 2_900_000), ("VERSION", 43), ("LICENSE", 1479),
            ("README.md", 1337), ("go.env", 340), ("lib/time/zoneinfo.zip", 401_728)] + [
    ("pkg/tool/linux_amd64/" + n, sz) for n, sz in [
        ("addr2line", 3_300_000), ("asm", 5_400_000), ("buildid", 2_700_000), ("cgo", 4_900_000),
        ("compile", 24_800_000), ("covdata", 3_600_000), ("cover", 5_100_000), ("doc", 4_100_000),
        ("fix", 3_200_000), ("link", 6_900_000), ("nm", 3_200_000), ("objdump", 4_700_000), ("pack", 2_300_000),
        ("pprof", 13_800_000), ("test2json", 2_600_000), ("trace", 12_600_000), ("vet", 7_400_000)]]


def golang_image(pkgs, base):
    """golang:1.22-alpine: ca-certificates, the Go toolchain in /usr/local/go, $GOPATH."""
    certs = relocate(pkgs["ca-certificates"], [("/usr/share/ca-certificates/", "/usr/share/ca-certificates/"),
                                               ("/usr/sbin/", "/usr/sbin/"), ("/etc/", "/etc/")])
    go = [{"p": "/usr/local/go/" + n, "t": "f", "m": 0o755 if "/" in n and not n.startswith("lib") else 0o644,
           "s": sz} for n, sz in GO_FILES]
    gopath = [{"p": "/go", "t": "d", "m": 0o1777}, {"p": "/go/bin", "t": "d", "m": 0o1777},
              {"p": "/go/src", "t": "d", "m": 0o1777}]
    meta = [
        "# Generated by scripts/gen-alpine-lang (scripts/catalog/alpine_lang.py) from image-alpine-3.20.txt and "
        f"debian-bookworm.apt.txt, after {GOLANG_SRC}. Do not edit by hand.",
        "@generated 2024-09-06T12:05:36Z (the alpine:3.20.3 base's date)",
        f"@source github.com/{GOLANG_SRC}",
        "@name golang:1.22-alpine",
        "@tag golang:1.22.9-alpine", "@tag golang:1.22-alpine3.20", "@tag golang:1.22.9-alpine3.20",
        "@created 2024-09-06T12:05:36Z",
        "@merged-usr no",
        "@base alpine:3.20",
        "@env PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "@env GOLANG_VERSION=1.22.9", "@env GOTOOLCHAIN=local", "@env GOPATH=/go",
        "@workdir /go",
        "@approx of the Go toolchain only its programs, VERSION and zoneinfo.zip are listed, with approximate sizes; "
        "ca-certificates is Debian's; the layers and history are the real image's.",
        "@note Approximation: the layers and history are those of the official golang:1.22-alpine (ca-certificates, "
        "the Go toolchain copied into /usr/local/go, $GOPATH with mode 1777); ca-certificates is Debian's; of the "
        "toolchain only its programs, VERSION and zoneinfo.zip are listed, with approximate sizes (the go.dev tarball "
        "is not reachable here), not the standard library's sources; go build writes labelled placeholder programs.",
    ]
    layers = [
        ("H 0 RUN /bin/sh -c apk add --no-cache ca-certificates # buildkit",
         certs + apk_db(base, ["ca-certificates"])),
        ("H 1 ENV GOLANG_VERSION=1.22.9", []), ("H 1 ENV GOTOOLCHAIN=local", []), ("H 1 ENV GOPATH=/go", []),
        ("H 1 ENV PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", []),
        ("H 0 COPY /target/ / # buildkit", go),
        ('H 0 RUN /bin/sh -c mkdir -p "$GOPATH/src" "$GOPATH/bin" && chmod -R 1777 "$GOPATH" # buildkit', gopath),
        ("H 1 WORKDIR /go", []),
    ]
    write_image(os.path.join(CAT, "image-golang-1.22-alpine.txt"), meta, layers)


def main():
    pkgs = read_packages(os.path.join(CAT, "debian-bookworm.apt.txt"))
    base = read_layers(os.path.join(CAT, "image-alpine-3.20.txt"))[0]["files"]
    node_image(pkgs, base)
    python_image(pkgs, base)
    nginx_slim_image(pkgs, base)
    golang_image(pkgs, base)
    print("gen-alpine-lang: wrote image-node-22-alpine.txt, image-python-3.12-alpine.txt, "
          "image-nginx-1.27-alpine-slim.txt, image-golang-1.22-alpine.txt", file=sys.stderr)


if __name__ == "__main__":
    main()
