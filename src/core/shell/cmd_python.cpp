// cmd_python.cpp: python/python3 in images that have them. layerlab runs no
// Python code; what real Dockerfiles do with python is mostly packaging, and
// that is modelled:
//
//   python -m pip ARGS                 -> pip (cmd_pkg.cpp), in this python's venv if it is one
//   python -m venv DIR                 -> the venv's real layout: pyvenv.cfg, bin/python* links,
//                                         bin/activate, lib/pythonX.Y/site-packages, lib64 -> lib,
//                                         and pip in it (ensurepip) as a labelled placeholder
//   python --version / -V              -> "Python X.Y.Z" ($PYTHON_VERSION, else the image's X.Y)
//   python script.py, python -c CODE   -> a labelled stand-in: not run, exit 0, the step says so
//
// venv_of: the venv a program file lives in (its bin/'s parent holds
// pyvenv.cfg), so `/venv/bin/pip install` installs into /venv.
#include "core/shell/interp.h"
#include "core/standin.h"

namespace ll::shell {

namespace {

// The full path of `name` as the shell would find it in $PATH ("" if none).
std::string which(const Ctx& ctx, const std::string& name) {
    if (name.find('/') != std::string::npos) return ctx.path(name);
    const std::string* path = ctx.getenv("PATH");
    for (const std::string& d : split_char(path ? *path : "/usr/local/bin:/usr/bin:/bin", ':')) {
        if (d.empty()) continue;
        const std::string p = normalize_path(ctx.path(d) + "/" + name);
        if (ctx.c.exists(p)) return p;
    }
    return {};
}

// "3.11" from the image's lib/python3.X (under /usr/local first, as pip_place does).
std::string python_xy(const Ctx& ctx, const std::string& venv) {
    std::string found;
    for (const std::string& lib : {venv.empty() ? std::string("/usr/lib") : venv + "/lib", std::string("/usr/local/lib")}) {
        Result<std::vector<DirEntry>> ls = ctx.c.list(lib);
        if (!ls) continue;
        for (const DirEntry& d : *ls)
            if (d.name.rfind("python3.", 0) == 0 && d.name.find_first_not_of("0123456789", 8) == std::string::npos)
                found = d.name.substr(6);
        if (!venv.empty() && !found.empty()) break;
    }
    return found.empty() ? "3" : found;
}

std::string python_version(const Ctx& ctx, const std::string& xy) {
    const std::string* v = ctx.getenv("PYTHON_VERSION");
    if (v && v->rfind(xy, 0) == 0) return *v;
    return xy + ".0";
}

// python -m venv DIR: the layout venv writes (Lib/venv/__init__.py of CPython 3.11+).
int make_venv(Ctx& ctx, const std::vector<std::string>& args, const std::string& exe) {
    bool with_pip = true, system_site = false;
    std::string dir;
    for (const std::string& a : args) {
        if (a == "--without-pip") with_pip = false;
        else if (a == "--system-site-packages") system_site = true;
        else if (!a.empty() && a[0] != '-' && dir.empty()) dir = a;
    }
    if (dir.empty()) {
        ctx.err("usage: venv [-h] [--system-site-packages] [--symlinks | --copies] [--clear] [--upgrade] "
                "[--without-pip] [--prompt PROMPT] [--upgrade-deps]\n            ENV_DIR [ENV_DIR ...]\nvenv: error: "
                "the following arguments are required: ENV_DIR\n");
        return 2;
    }
    Container& c = ctx.c;
    const std::string root = normalize_path(ctx.path(dir));
    const std::string xy = python_xy(ctx, ""), ver = python_version(ctx, xy);
    const std::string site = root + "/lib/python" + xy + "/site-packages";
    for (const std::string& d : {root, root + "/bin", root + "/include", site})
        if (Status s = mkdir_p(c, d, 0755); !s) {
            ctx.err("Error: [Errno 13] Permission denied: '" + d + "'\n");
            return 1;
        }
    std::string cmd = exe;
    for (const std::string& a : args) cmd += " " + a;
    (void)c.write_text(root + "/pyvenv.cfg", "home = " + dirname_of(exe) + "\ninclude-system-site-packages = " +
                                                 (system_site ? "true" : "false") + "\nversion = " + ver +
                                                 "\nexecutable = " + exe + "\ncommand = " + cmd + " -m venv " + root +
                                                 "\n");
    if (!c.lstat(root + "/lib64")) (void)c.symlink("lib", root + "/lib64");
    auto link = [&](const std::string& name, const std::string& target) {
        if (c.lstat(root + "/bin/" + name)) (void)c.unlink(root + "/bin/" + name);
        (void)c.symlink(target, root + "/bin/" + name);
    };
    link("python", exe);
    link("python3", "python");
    link("python" + xy, "python");
    (void)c.write_text(root + "/bin/activate",
                       "# This file must be used with \"source bin/activate\" *from bash*\n"
                       "# (layerlab: the variables venv's activate sets)\nVIRTUAL_ENV=\"" + root +
                           "\"\nexport VIRTUAL_ENV\n_OLD_VIRTUAL_PATH=\"$PATH\"\nPATH=\"$VIRTUAL_ENV/bin:$PATH\"\n"
                           "export PATH\n");
    if (!with_pip) return 0;
    // ensurepip: pip's wheel bundled with Python, unpacked into the venv
    const std::string label = "layerlab stand-in: pip, as ensurepip installs it into " + root +
                              " (layerlab runs no Python: its files are not real)";
    (void)mkdir_p(c, site + "/pip", 0755);
    (void)c.write_text(site + "/pip/__init__.py", "# " + label + "\n");
    BlobId b = standin::artifact(c.store().blobs, "python -m venv", site + "/pip/_vendor.placeholder", 9 * 1024 * 1024);
    (void)c.write(site + "/pip/_vendor.placeholder", b, WriteMode::truncate, 0644);
    (void)mkdir_p(c, site + "/pip-24.0.dist-info", 0755);
    (void)c.write_text(site + "/pip-24.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: pip\nVersion: 24.0\nSummary: " +
                                                                   label + "\n");
    (void)c.write_text(site + "/pip-24.0.dist-info/INSTALLER", "pip\n");
    for (const std::string& p : {std::string("pip"), std::string("pip3"), "pip" + xy}) {
        (void)c.write_text(root + "/bin/" + p, "#!" + root + "/bin/python\n# " + label + "\n");
        (void)c.chmod(root + "/bin/" + p, 0755);
    }
    ctx.sh.note("stand-in: python -m venv " + root + ": the venv's layout is real (pyvenv.cfg, bin/python -> " + exe +
                "); the pip ensurepip puts in it is a labelled placeholder of about 9 MiB");
    return 0;
}

int p_python(Ctx& ctx) {
    const std::vector<std::string>& a = ctx.argv;
    const std::string exe = which(ctx, ctx.name());
    const std::string venv = venv_of(ctx, exe);
    size_t i = 1;
    while (i < a.size() && (a[i] == "-u" || a[i] == "-B" || a[i] == "-O" || a[i] == "-s" || a[i] == "-E" ||
                            a[i] == "-I" || a[i] == "-q"))
        ++i;
    if (i < a.size() && (a[i] == "--version" || a[i] == "-V")) {
        ctx.out("Python " + python_version(ctx, python_xy(ctx, venv)) + "\n");
        return 0;
    }
    if (i + 1 < a.size() && a[i] == "-m" && (a[i + 1] == "pip" || a[i + 1] == "ensurepip")) {
        if (a[i + 1] == "ensurepip") return 0;  // pip is already there in the images that have python
        const ProgramDef* pip = find_program("pip");
        std::vector<std::string> argv{dirname_of(exe.empty() ? "/usr/local/bin/python" : exe) + "/pip"};
        argv.insert(argv.end(), a.begin() + long(i) + 2, a.end());
        Ctx sub{ctx.sh, ctx.c, std::move(argv), ctx.fds, ctx.env};
        sub.gnu = ctx.gnu;
        return pip->fn(sub);
    }
    if (i + 1 < a.size() && a[i] == "-m" && a[i + 1] == "venv")
        return make_venv(ctx, std::vector<std::string>(a.begin() + long(i) + 2, a.end()), exe);
    std::string what = i >= a.size()             ? std::string("an interactive python")
                       : a[i] == "-c"            ? "python -c '" + (i + 1 < a.size() ? a[i + 1].substr(0, 60) : "") + "'"
                       : a[i] == "-m"            ? "python -m " + (i + 1 < a.size() ? a[i + 1] : std::string())
                                                 : "the Python program " + a[i];
    if (i < a.size() && a[i] != "-c" && a[i] != "-m" && !ctx.c.exists(ctx.path(a[i]))) {
        ctx.err(ctx.name() + ": can't open file '" + ctx.path(a[i]) + "': [Errno 2] No such file or directory\n");
        return 2;
    }
    ctx.sh.note("stand-in: " + what + " was not run: layerlab runs no Python code, so whatever it would write is "
                "missing from this layer");
    return 0;
}

}  // namespace

std::string venv_of(const Ctx& ctx, const std::string& program_path) {
    if (program_path.empty()) return {};
    const std::string root = dirname_of(dirname_of(program_path));
    return root != "/" && ctx.c.exists(root + "/pyvenv.cfg") ? root : std::string();
}

std::string program_path(const Ctx& ctx) { return which(ctx, ctx.name()); }

std::vector<ProgramDef> python_programs() {
    return {{"python", p_python}, {"python3", p_python}};
}

}  // namespace ll::shell
