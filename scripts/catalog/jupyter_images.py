#!/usr/bin/env python3
"""quay.io/jupyter/docker-stacks-foundation from jupyter/docker-stacks'
images/docker-stacks-foundation/Dockerfile (scripts/catalog/recipes/, SOURCE there;
the same file as tests/realworld/cases/102-jupyter-stacks-foundation), on layerlab's
ubuntu:24.04 (the base the recipe names; itself approximated from Debian).

    python3 scripts/catalog/jupyter_images.py     (no network, no root; then base_index.py)

Read instruction by instruction (recipe_image.walk, with the recipe's SHELL):
the apt layer (K lines) and what locale-gen writes; fix-permissions and the
other scripts with their real sizes and modes (the case's context); the
.bashrc skeleton as the recipe's sed and echo leave it; the jovyan user (1000,
group users) as useradd --no-user-group writes it, with fix-permissions' modes
(group users, g+rwX, set-id bits on directories); micromamba's install of
Python 3.13, conda, mamba and jupyter_core into /opt/conda as a layout with
approximate sizes (conda-forge is not reachable here).
"""
from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from alpine_lang import read_layers, read_packages, text_file  # noqa: E402
from debian_images import AptData, CAT, RECIPES, image_file  # noqa: E402
from dotnet_images import final_stage, grow_user_dbs  # noqa: E402
import recipe_image  # noqa: E402
from service_images import Apt, base_env  # noqa: E402

SRC = "github.com/jupyter/docker-stacks"
COMMIT = "8209386950497966c8a9aa446b9a84a5dd78eab5"  # 2026-08-08
DAY = 20673  # 2026-08-08 in days since 1970 (shadow's field)
CONTEXT = {"fix-permissions": 1_040, "initial-condarc": 163, "_docker_stacks_log.sh": 1_481, "run-hooks.sh": 2_536,
           "start.sh": 12_432, "10activate-conda-env.sh": 406}
UID, GID = 1000, 100
# micromamba install python=3.13 conda mamba jupyter_core: a part of the prefix, sizes approximate
CONDA = [("bin/python3.13", 0o755, 31_000_000), ("bin/conda", 0o755, 900), ("bin/mamba", 0o755, 9_500_000),
         ("bin/jupyter", 0o755, 400), ("bin/pip", 0o755, 250), ("lib/libpython3.13.so.1.0", 0o755, 28_000_000),
         ("lib/libssl.so.3", 0o755, 780_000), ("lib/libcrypto.so.3", 0o755, 5_200_000),
         ("lib/libsqlite3.so", 0o755, 1_600_000), ("lib/python3.13/os.py", 0o664, 41_000),
         ("lib/python3.13/site-packages/conda/__init__.py", 0o664, 6_000),
         ("lib/python3.13/site-packages/jupyter_core/__init__.py", 0o664, 200),
         ("lib/python3.13/site-packages/pip/__init__.py", 0o664, 350),
         ("conda-meta/history", 0o664, 900), ("conda-meta/python-3.13.7-h2b335a9_100_cp313.json", 0o664, 60_000),
         ("conda-meta/conda-25.7.0-py313h78bf25f_0.json", 0o664, 120_000),
         ("conda-meta/jupyter_core-5.8.1-pyh31011fe_0.json", 0o664, 9_000)]


def fixed(e: dict) -> dict:
    """fix-permissions: group users, g+rwX, and the set-id bits (6000) on directories."""
    m = e.get("m", 0o755 if e["t"] == "d" else 0o644)
    m |= 0o060 | (0o010 if e["t"] == "d" or m & 0o100 else 0)
    if e["t"] == "d":
        m |= 0o6000
    return dict(e, m=m, g=GID)


def main():
    with open(os.path.join(RECIPES, "jupyter-docker-stacks-foundation.Dockerfile"), encoding="utf-8") as f:
        steps = final_stage(f.read())
    base = "ubuntu:24.04"
    apt = Apt(AptData(), base)
    pkgs = read_packages(os.path.join(CAT, "debian-bookworm.apt.txt"))
    etc = {e["p"]: e for e in read_layers(image_file(base))[0]["files"]}
    owned = {e["p"]: e for n in ("bash", "sudo", "util-linux") for e in pkgs[n]}
    skel = owned["/etc/skel/.bashrc"]["c"].replace("#force_color_prompt=yes", "force_color_prompt=yes") + \
        'eval "$(conda shell.bash hook)"\n'
    home = f"/home/jovyan"

    def run_layer(cmd, env):
        if "locale-gen" in cmd:
            return [text_file("/etc/locale.gen", "en_US.UTF-8 UTF-8\nC.UTF-8 UTF-8\n"),
                    {"p": "/usr/lib/locale/locale-archive", "t": "f", "m": 0o644, "s": 3_050_000}], \
                apt.closure(["ca-certificates", "locales", "netbase", "sudo", "tini", "wget"])
        if cmd.startswith("chmod a+rx /usr/local/bin/fix-permissions"):
            return [{"p": "/usr/local/bin/fix-permissions", "t": "f", "m": 0o755, "s": CONTEXT["fix-permissions"]}], []
        if "force_color_prompt" in cmd:
            return [text_file("/etc/skel/.bashrc", skel)], []
        if "useradd --no-log-init" in cmd:
            su, sudoers = owned["/etc/pam.d/su"], owned["/etc/sudoers"]
            files = grow_user_dbs(etc, {"passwd": f"jovyan:x:{UID}:{GID}::{home}:/bin/bash\n",
                                        "shadow": f"jovyan:!:{DAY}:0:99999:7:::\n"})
            files = [dict(e, m=0o664) if e["p"] == "/etc/passwd" else e for e in files]  # chmod g+w
            files += [text_file("/etc/pam.d/su", su["c"] + "auth requisite pam_deny.so\n"),
                      text_file("/etc/sudoers", sudoers["c"].replace("\n%sudo", "\n#%sudo"), 0o440),
                      text_file("/etc/sudoers.bak", sudoers["c"], 0o440),
                      fixed({"p": "/opt/conda", "t": "d", "m": 0o755, "u": UID}),
                      fixed({"p": home, "t": "d", "m": 0o750, "u": UID})]
            files += [fixed(dict(owned["/etc/skel/" + n], p=f"{home}/{n}", u=UID)) for n in (".bash_logout", ".profile")]
            return files + [fixed(dict(text_file(f"{home}/.bashrc", skel), u=UID))], []
        if 'mkdir -p "/home/${NB_USER}/.cache"' in cmd:
            return [{"p": home + "/.cache", "t": "d", "m": 0o755, "u": UID, "g": GID},
                    fixed({"p": home, "t": "d", "m": 0o750, "u": UID})], []
        if cmd.startswith('mkdir "/home/${NB_USER}/work"'):
            return [fixed({"p": home + "/work", "t": "d", "m": 0o755, "u": UID}),
                    fixed({"p": home + "/.cache", "t": "d", "m": 0o755, "u": UID})], []
        if "micromamba install" in cmd:
            out = [fixed({"p": "/opt/conda/" + p, "t": "f", "m": m, "s": s, "u": UID}) for p, m, s in CONDA]
            out.append(fixed(dict(text_file("/opt/conda/conda-meta/pinned", "python 3.13.*\n"), u=UID)))
            out += [fixed({"p": "/opt/conda/bin/" + n, "t": "l", "l": "python3.13", "u": UID})
                    for n in ("python", "python3")]
            dirs = sorted({e["p"].rsplit("/", 1)[0] for e in out} | {"/opt/conda"})
            return out + [fixed({"p": d, "t": "d", "m": 0o755, "u": UID}) for d in dirs], []
        if cmd.startswith("mkdir /usr/local/bin/start-notebook.d"):
            return [{"p": "/usr/local/bin/start-notebook.d", "t": "d", "m": 0o755},
                    {"p": "/usr/local/bin/before-notebook.d", "t": "d", "m": 0o755}], []
        return [], []  # the user-removal and rosetta RUNs change nothing here

    def copy_layer(args, env):
        words = [w for w in args.split() if not w.startswith("--")]
        dest = recipe_image.expand(words[-1].strip('"'), env)
        out = []
        for n in words[:-1]:
            p = dest + n if dest.endswith("/") else dest
            if n == "initial-condarc":
                out.append({"p": p, "t": "f", "m": 0o644, "s": CONTEXT[n], "u": UID, "g": GID})
            else:
                out.append({"p": p, "t": "f", "m": 0o755, "s": CONTEXT[n]})
        return out

    env = base_env(base)
    body = recipe_image.walk(steps, env, run_layer, copy_layer)
    name = "quay.io/jupyter/docker-stacks-foundation:latest"
    tags = ["quay.io/jupyter/docker-stacks-foundation:python-3.13", "quay.io/jupyter/docker-stacks-foundation:ubuntu-24.04"]
    src = f"{SRC} images/docker-stacks-foundation/Dockerfile at commit {COMMIT}"
    lines = recipe_image.header(
        "jupyter_images.py from image-ubuntu-24.04.txt, scripts/catalog/recipes/jupyter-docker-stacks-foundation."
        "Dockerfile and the apt catalogs", src, name, tags, "2026-08-08T00:00:00Z", base, env,
        "on layerlab's ubuntu:24.04 (itself approximated from Debian); what micromamba installs into /opt/conda "
        "(conda-forge, not reachable here) is a part of its layout with approximate sizes; the layers, history, the "
        "jovyan user and the configuration files are the real image's.",
        f"Layers and history of {name} ({src}), with its build arguments' defaults (NB_USER=jovyan, NB_UID=1000, "
        f"NB_GID=100, PYTHON_VERSION=3.13): the apt layer ({apt.k} packages from layerlab's Debian bookworm data, "
        f"{apt.synth} with files approximated from their size) and the locales, the skeleton .bashrc as the recipe "
        "edits it, jovyan as useradd --no-user-group writes it, /etc/pam.d/su and /etc/sudoers edited, "
        "fix-permissions' modes, /opt/conda's Python 3.13, conda, mamba and jupyter_core (a part, sizes "
        "approximate), the scripts with their real sizes. The ubuntu user the recipe removes is not in layerlab's "
        "ubuntu:24.04, so that RUN changes nothing here.",
        ["@merged-usr yes", f"@user {UID}", f"@workdir {home}", '@entrypoint ["tini", "-g", "--", "start.sh"]',
         '@cmd ["/bin/bash"]'])
    recipe_image.write(os.path.join(CAT, "image-jupyter-docker-stacks-foundation.txt"), lines + body)
    print(f"image-jupyter-docker-stacks-foundation.txt: {apt.k} packages ({apt.synth} synthesized)", file=sys.stderr)


if __name__ == "__main__":
    main()
