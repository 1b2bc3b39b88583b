#!/usr/bin/env python3
"""postgres:17-bookworm from docker-library/postgres's Dockerfile.

    python3 scripts/catalog/postgres_images.py     (no network, no root; then base_index.py)

The recipe (scripts/catalog/recipes/postgres-17-bookworm.Dockerfile, SOURCE
there) is read instruction by instruction (recipe_image.walk): history, ENV,
VOLUME, STOPSIGNAL, EXPOSE, ENTRYPOINT and CMD are the real image's. Per RUN:

* the postgres system user (999) as groupadd -r / useradd -r write it, and
  its 1777 home /var/lib/postgresql;
* apt layers: the packages and their Depends closure (K lines);
* gosu: the one binary the RUN leaves (size approximate; wget and its
  dependencies are purged);
* locales: /etc/dpkg/dpkg.cfg.d/docker without its /usr/share/locale lines
  (the recipe's sed), the locales package, en_US.UTF-8 in /etc/locale.gen and
  the locale-archive locale-gen writes (size approximate);
* apt.postgresql.org's postgresql-17 (not in layerlab's Debian data): the
  Depends of bookworm's postgresql-15 (postgresql-common, the client, the
  libraries: K lines) and PostgreSQL 17's own files in /usr/lib/postgresql/17
  and /usr/share/postgresql/17 (the programs, a part of the extensions and
  data files) with approximate sizes;
* the sample config's dpkg-divert, copy and link; the run and data directories;
* docker-entrypoint.sh and docker-ensure-initdb.sh (their real sizes) and the
  docker-enforce-initdb.sh link.
"""
from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from alpine_lang import read_layers, text_file  # noqa: E402
from debian_images import AptData, CAT, RECIPES, image_file, installed_of  # noqa: E402
from dotnet_images import debian_system_user, final_stage  # noqa: E402
import recipe_image  # noqa: E402

SRC = "github.com/docker-library/postgres"
COMMIT = "9451a9a586c4c0efc0fc7c31afbe36d9d650c137"  # 2026-02-26
CREATED = "2026-02-26T00:00:00Z"
DAY = 20510  # 2026-02-26 in days since 1970 (shadow's field)
PG = "17"
LIB, SHARE = f"/usr/lib/postgresql/{PG}", f"/usr/share/postgresql/{PG}"
# PostgreSQL 17's server package layout (bin/, lib/, share/), sizes approximate
PG_BIN = [("postgres", 9_800_000), ("initdb", 170_000), ("pg_ctl", 60_000), ("psql", 700_000),
          ("pg_dump", 450_000), ("pg_dumpall", 140_000), ("pg_restore", 200_000), ("pg_basebackup", 170_000),
          ("pg_upgrade", 190_000), ("pg_resetwal", 70_000), ("pg_rewind", 110_000), ("pg_controldata", 40_000),
          ("pg_checksums", 50_000), ("pg_archivecleanup", 30_000), ("pg_isready", 30_000),
          ("pg_receivewal", 100_000), ("pg_recvlogical", 90_000), ("pg_waldump", 120_000), ("pgbench", 220_000),
          ("createdb", 30_000), ("createuser", 40_000), ("dropdb", 30_000), ("dropuser", 30_000),
          ("clusterdb", 40_000), ("reindexdb", 50_000), ("vacuumdb", 60_000), ("postmaster", 0)]
PG_LIB = [("plpgsql.so", 300_000), ("pgoutput.so", 60_000), ("libpqwalreceiver.so", 50_000),
          ("dict_snowball.so", 600_000), ("pg_stat_statements.so", 70_000), ("hstore.so", 90_000),
          ("pgcrypto.so", 130_000), ("uuid-ossp.so", 30_000), ("postgres_fdw.so", 120_000),
          ("llvmjit.so", 120_000), ("euc_jp_and_sjis.so", 40_000), ("utf8_and_iso8859.so", 30_000)]
PG_SHARE = [("postgres.bki", 980_000), ("system_constraints.sql", 9_000), ("system_functions.sql", 25_000),
            ("system_views.sql", 50_000), ("information_schema.sql", 120_000), ("snowball_create.sql", 45_000),
            ("sql_features.txt", 36_000), ("errcodes.txt", 33_000), ("pg_hba.conf.sample", 5_700),
            ("pg_ident.conf.sample", 2_600), ("pg_service.conf.sample", 600), ("postgresql.conf.sample", 31_000),
            ("extension/plpgsql.control", 200), ("extension/plpgsql--1.0.sql", 700),
            ("extension/hstore.control", 200), ("extension/pg_stat_statements.control", 200),
            ("extension/pgcrypto.control", 200), ("extension/uuid-ossp.control", 200),
            ("timezonesets/Default", 29_000), ("tsearch_data/english.stop", 600)]


def pg_files() -> list[dict]:
    out = [{"p": f"{LIB}/bin/{n}", "t": "f", "m": 0o755, "s": s, "ph": f"PostgreSQL {PG}'s {n}"}
           for n, s in PG_BIN if s]
    out.append({"p": f"{LIB}/bin/postmaster", "t": "l", "l": "postgres"})
    out += [{"p": f"{LIB}/lib/{n}", "t": "f", "m": 0o644, "s": s} for n, s in PG_LIB]
    out += [{"p": f"{SHARE}/{n}", "t": "f", "m": 0o644, "s": s} for n, s in PG_SHARE]
    out += [{"p": f"/usr/share/doc/postgresql-{PG}/copyright", "t": "f", "m": 0o644, "s": 6_000},
            {"p": f"/usr/share/postgresql-common/pg_wrapper", "t": "f", "m": 0o755, "s": 7_000},
            {"p": "/etc/postgresql-common/createcluster.conf", "t": "f", "m": 0o644, "s": 1_800},
            {"p": f"/etc/postgresql/{PG}", "t": "d", "m": 0o755, "u": 999, "g": 999}]
    return out


def user_files(etc: dict) -> list[dict]:
    """groupadd -r postgres --gid=999; useradd -r -g postgres --uid=999 --home-dir=... --shell=/bin/bash."""
    return debian_system_user(etc, "postgres", 999, "/var/lib/postgresql", "/bin/bash", DAY) + [
        {"p": "/var/lib/postgresql", "t": "d", "m": 0o1777, "u": 999, "g": 999}]


def main():
    apt = AptData()
    recipe = "postgres-17-bookworm.Dockerfile"
    with open(os.path.join(RECIPES, recipe), encoding="utf-8") as f:
        steps = final_stage(f.read())
    base = "debian:bookworm-slim"
    installed = installed_of(image_file(base))
    etc = {e["p"]: e for e in read_layers(image_file(base))[0]["files"]}
    counts = {"k": 0, "synth": 0}

    def closure(want):
        k = apt.closure(want, installed)
        installed.update(k)
        counts["k"] += len(k)
        counts["synth"] += len([p for p in k if p not in apt.real])
        return k

    def run_layer(cmd, env):
        if "groupadd -r postgres" in cmd:
            return user_files(etc), []
        if "gnupg" in cmd and "less" in cmd:
            return [], closure(["gnupg", "less"])
        if "gosu" in cmd:
            return [{"p": "/usr/local/bin/gosu", "t": "f", "m": 0o755, "s": 2_400_000, "ph": "gosu"}], []
        if "locale-gen" in cmd:
            cfg = etc["/etc/dpkg/dpkg.cfg.d/docker"]
            kept = "".join(ln for ln in cfg["c"].splitlines(True) if "/usr/share/locale" not in ln)
            files = [text_file("/etc/dpkg/dpkg.cfg.d/docker", kept, cfg["m"]),
                     {"p": "/usr/lib/locale/locale-archive", "t": "f", "m": 0o644, "s": 3_050_000}]
            return files, closure(["locales"])
        if "libnss-wrapper" in cmd:
            return [], closure(["libnss-wrapper", "xz-utils", "zstd"])
        if cmd.startswith("mkdir /docker-entrypoint-initdb.d"):
            return [{"p": "/docker-entrypoint-initdb.d", "t": "d", "m": 0o755}], []
        if "gpg --batch --export --armor" in cmd:
            return [{"p": "/usr/local/share/keyrings/postgres.gpg.asc", "t": "f", "m": 0o644, "s": 3_200}], []
        if "postgresql-$PG_MAJOR=$PG_VERSION" in cmd:
            deps = [c[0] for c in apt.depends["postgresql-15"]]
            files = pg_files() + [{"p": "/etc/apt/sources.list.d/pgdg.list", "t": "f", "m": 0o644, "c":
                                   "deb [ signed-by=/usr/local/share/keyrings/postgres.gpg.asc ] "
                                   f"http://apt.postgresql.org/pub/repos/apt bookworm-pgdg main {PG}\n"}]
            return files, closure(deps)
        if "dpkg-divert" in cmd:
            return [{"p": "/usr/share/postgresql/postgresql.conf.sample.dpkg", "t": "f", "m": 0o644, "s": 31_000},
                    {"p": "/usr/share/postgresql/postgresql.conf.sample", "t": "f", "m": 0o644, "s": 31_000},
                    {"p": f"{SHARE}/postgresql.conf.sample", "t": "l", "l": "../postgresql.conf.sample"},
                    {"p": "/var/lib/dpkg/diversions", "t": "f", "m": 0o644, "s": 200}], []
        if "/var/run/postgresql" in cmd:  # /var/run is a link to /run
            return [{"p": "/run/postgresql", "t": "d", "m": 0o3777, "u": 999, "g": 999}], []
        if '"$PGDATA"' in cmd:
            return [{"p": "/var/lib/postgresql/data", "t": "d", "m": 0o1777, "u": 999, "g": 999},
                    {"p": "/var/lib/postgresql", "t": "d", "m": 0o1777, "u": 999, "g": 999}], []
        if "docker-enforce-initdb.sh" in cmd:
            return [{"p": "/usr/local/bin/docker-enforce-initdb.sh", "t": "l", "l": "docker-ensure-initdb.sh"}], []
        raise ValueError("a RUN of the recipe this script does not know: " + cmd[:80])

    def copy_layer(args, env):
        return [{"p": "/usr/local/bin/docker-entrypoint.sh", "t": "f", "m": 0o755, "s": 14_040,
                 "ph": "postgres's docker-entrypoint.sh"},
                {"p": "/usr/local/bin/docker-ensure-initdb.sh", "t": "f", "m": 0o755, "s": 2_317,
                 "ph": "postgres's docker-ensure-initdb.sh"}]

    env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}
    body = recipe_image.walk(steps, env, run_layer, copy_layer)
    path = f"{PG}/bookworm/Dockerfile"
    tags = [f"postgres:{t}" for t in (PG, "17.9", "17.9-bookworm", "latest", "bookworm")]
    lines = recipe_image.header(
        "postgres_images.py from image-debian-bookworm-slim.txt, scripts/catalog/recipes/" + recipe +
        " and the apt catalogs", f"{SRC} {path} at commit {COMMIT}", f"postgres:{PG}-bookworm", tags, CREATED,
        base, env,
        "PostgreSQL 17's own files (apt.postgresql.org's postgresql-17, not in layerlab's Debian data) are its "
        "layout with approximate sizes, its dependencies those of bookworm's postgresql-15; gosu's size is "
        "approximate; the layers, history and the other apt packages are the real image's.",
        f"Layers and history of the official postgres:{PG}-bookworm ({SRC} {path} at commit {COMMIT}). The apt "
        f"layers are {counts['k']} packages from layerlab's Debian bookworm data ({counts['synth']} with files "
        "approximated from their size). The postgres user (999) and its home as groupadd/useradd write them; the "
        "locales layer with the recipe's edit of dpkg.cfg.d/docker; postgresql-17 from apt.postgresql.org is its "
        "layout in /usr/lib/postgresql/17 (programs, a part of the extensions and data files) with approximate "
        "sizes. Not modelled: dpkg's status growth.",
        ["@merged-usr yes", '@entrypoint ["docker-entrypoint.sh"]', '@cmd ["postgres"]'])
    recipe_image.write(os.path.join(CAT, f"image-postgres-{PG}-bookworm.txt"), lines + body)
    print(f"image-postgres-{PG}-bookworm.txt: {counts['k']} packages ({counts['synth']} synthesized)", file=sys.stderr)


if __name__ == "__main__":
    main()
