// cmd_dpkg.cpp: the Debian tools that read (and mark) the package database,
// as the official images' Dockerfiles use them:
//
//   savedAptMark="$(apt-mark showmanual)"; apt-get install ...; apt-mark auto '.*' > /dev/null;
//   apt-mark manual $savedAptMark; ... | xargs -r dpkg-query --search | cut -d: -f1 | sort -u
//   gnuArch="$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)"
//
//   apt-mark             auto, manual, showauto, showmanual (the real state:
//                        installed = /var/lib/dpkg/info/*.list, automatic =
//                        /var/lib/apt/extended_states), hold/unhold/showhold
//   dpkg-query           -W/--show with -f/--showformat, -S/--search (file
//                        lists from the package data), -L -s -l as dpkg
//   dpkg-architecture    -q/--query VARIABLE, the list (an amd64 build host)
//
// Names follow apt's rules: an exact package name, else a glob (fnmatch)
// when it has * ? [, else an extended regular expression (case-insensitive,
// unanchored) when it has regex characters: `apt-mark auto '.*'` marks
// every installed package.
#include <algorithm>
#include <map>

#include "core/shell/pkg_db.h"
#include "core/shell/regex.h"

namespace ll::shell {

namespace {

// ---- names

// The installed packages a name (or glob, or regex) of apt's selects.
std::vector<std::string> apt_select(const std::string& pat, const std::set<std::string>& installed) {
    if (installed.count(pat)) return {pat};
    std::vector<std::string> out;
    if (pat.find_first_of("*?[") != std::string::npos)
        for (const std::string& n : installed)
            if (glob_match(pat, n)) out.push_back(n);
    if (out.empty() && pat.find_first_of(".?+*|[^$") != std::string::npos) {
        Result<Regex> re = Regex::compile(pat, Regex::extended | Regex::icase);
        if (re)
            for (const std::string& n : installed)
                if (re->matches(n)) out.push_back(n);
    }
    return out;
}

const Package* apt_package(const AptEnv& env, std::string_view name) {
    return env.apt ? env.apt->find(name) : nullptr;
}

// ---- apt-mark

int apt_mark_show(Ctx& ctx, const std::string& sub, const std::vector<std::string>& names) {
    std::set<std::string> installed = dpkg_installed(ctx);
    std::set<std::string> autos = apt_auto_installed(ctx);
    std::string out;
    for (const std::string& n : installed) {
        if (!names.empty() && std::find(names.begin(), names.end(), n) == names.end()) continue;
        bool is_auto = autos.count(n) > 0;
        if ((sub == "showauto" && is_auto) || (sub == "showmanual" && !is_auto)) out += n + "\n";
    }
    ctx.out(out);
    return 0;
}

int apt_mark_set(Ctx& ctx, bool to_auto, const std::vector<std::string>& names) {
    if (names.empty()) {
        ctx.err("E: No packages found\n");
        return 100;
    }
    AptEnv env = apt_env(ctx);
    std::set<std::string> installed = dpkg_installed(ctx);
    std::set<std::string> autos = apt_auto_installed(ctx);
    const std::set<std::string> before = autos;
    std::string out;
    for (const std::string& pat : names) {
        std::vector<std::string> sel = apt_select(pat, installed);
        if (sel.empty()) {
            if (apt_package(env, pat)) {
                out += pat + " can not be marked as it is not installed.\n";
                continue;
            }
            ctx.out(out);
            ctx.err("E: Unable to locate package " + pat + "\n");
            return 100;
        }
        for (const std::string& n : sel) {
            bool was_auto = autos.count(n) > 0;
            const char* how = to_auto ? "automatically" : "manually";
            if (was_auto == to_auto) {
                out += n + " was already set to " + how + " installed.\n";
                continue;
            }
            out += n + " set to " + how + " installed.\n";
            if (to_auto)
                autos.insert(n);
            else
                autos.erase(n);
        }
    }
    ctx.out(out);
    if (autos != before) {
        if (ctx.c.cred().uid != 0) {
            ctx.err("E: Could not create temporary file for /var/lib/apt/extended_states - mkstemp (13: Permission "
                    "denied)\n");
            return 100;
        }
        apt_write_auto(ctx, env, autos);
    }
    return 0;
}

int apt_mark_hold(Ctx& ctx, const std::string& sub, const std::vector<std::string>& names) {
    if (sub == "showhold") return 0;  // holds are not recorded (below): none shows
    std::set<std::string> installed = dpkg_installed(ctx);
    std::string out;
    for (const std::string& pat : names)
        for (const std::string& n : apt_select(pat, installed))
            out += sub == "hold" ? n + " set on hold.\n" : "Canceled hold on " + n + ".\n";
    ctx.out(out);
    ctx.sh.note("apt-mark " + sub +
                ": layerlab prints what apt-mark does, but does not record holds in dpkg's status file");
    return 0;
}

int p_apt_mark(Ctx& ctx) {
    std::string sub;
    std::vector<std::string> names;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& a = ctx.argv[i];
        if (a.size() > 1 && a[0] == '-') {
            if (a == "-o" || a == "-c" || a == "--config-file" || a == "--option" || a == "--file" || a == "-f") ++i;
            continue;  // -q, -qq, -y, --quiet, ...
        }
        if (sub.empty())
            sub = a;
        else
            names.push_back(a);
    }
    if (sub == "showauto" || sub == "showmanual" || sub == "showinstall") return apt_mark_show(ctx, sub, names);
    if (sub == "auto" || sub == "markauto") return apt_mark_set(ctx, true, names);
    if (sub == "manual" || sub == "unmarkauto") return apt_mark_set(ctx, false, names);
    if (sub == "hold" || sub == "unhold" || sub == "showhold") return apt_mark_hold(ctx, sub, names);
    if (sub.empty()) {
        ctx.out("Usage: apt-mark [options] {auto|manual} pkg1 [pkg2 ...]\n");
        return 1;
    }
    ctx.err("E: Invalid operation " + sub + "\n");
    return 100;
}

// ---- dpkg-query

// One package through a --showformat ("${Package} ${Version}\n").
std::string show_format(const std::string& fmt, const std::string& name, const Package* p) {
    auto field = [&](const std::string& f) -> std::string {
        std::string arch = p ? p->arch : "amd64";
        if (f == "Package") return name;
        if (f == "binary:Package") return p && p->multiarch_same ? name + ":" + arch : name;
        if (f == "Version") return p ? p->version : "";
        if (f == "Architecture") return arch;
        if (f == "Installed-Size") return p ? std::to_string(p->installed_size_kib) : "";
        if (f == "Status") return "install ok installed";
        if (f == "db:Status-Abbrev") return "ii ";
        if (f == "db:Status-Want") return "install";
        if (f == "db:Status-Status") return "installed";
        return "";  // fields layerlab's package data does not hold
    };
    std::string out;
    for (size_t i = 0; i < fmt.size(); ++i) {
        char ch = fmt[i];
        if (ch == '\\' && i + 1 < fmt.size()) {
            char e = fmt[++i];
            out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
        } else if (ch == '$' && i + 1 < fmt.size() && fmt[i + 1] == '{') {
            size_t end = fmt.find('}', i);
            if (end == std::string::npos) {
                out += fmt.substr(i);
                break;
            }
            std::string f = fmt.substr(i + 2, end - i - 2);
            int width = 0;
            if (size_t semi = f.find(';'); semi != std::string::npos) {
                width = int(parse_int(f.substr(semi + 1)).value_or(0));
                f = f.substr(0, semi);
            }
            std::string v = field(f);
            size_t w = size_t(width < 0 ? -width : width);
            if (v.size() < w) v = width < 0 ? v + std::string(w - v.size(), ' ') : std::string(w - v.size(), ' ') + v;
            out += v;
            i = end;
        } else {
            out += ch;
        }
    }
    return out;
}

int dpkg_query_show(Ctx& ctx, const std::string& fmt, const std::vector<std::string>& pats) {
    AptEnv env = apt_env(ctx);
    std::set<std::string> installed = dpkg_installed(ctx);
    std::string out;
    int status = 0;
    std::vector<std::string> want;
    if (pats.empty()) want.assign(installed.begin(), installed.end());
    for (const std::string& pat : pats) {
        std::string n = pat.substr(0, pat.find(':'));
        size_t before = want.size();
        for (const std::string& i : installed)
            if (glob_match(n, i)) want.push_back(i);
        if (want.size() == before) {
            ctx.err("dpkg-query: no packages found matching " + pat + "\n");
            status = 1;
        }
    }
    std::sort(want.begin(), want.end());
    want.erase(std::unique(want.begin(), want.end()), want.end());
    for (const std::string& w : want) {
        out += fmt.empty() ? show_format("${binary:Package}\t${Version}\n", w, apt_package(env, w))
                           : show_format(fmt, w, apt_package(env, w));
    }
    ctx.out(out);
    return status;
}

int dpkg_query_search(Ctx& ctx, const std::vector<std::string>& pats) {
    if (pats.empty()) {
        ctx.err("dpkg-query: error: --search needs at least one file name pattern argument\n");
        return 2;
    }
    AptEnv env = apt_env(ctx);
    std::set<std::string> installed = dpkg_installed(ctx);
    // path -> owning packages, in the order dpkg meets them
    std::vector<std::pair<std::string, Unpacked>> lists;
    for (const std::string& n : installed)
        if (const Package* p = apt_package(env, n)) lists.emplace_back(n, dpkg_unpack(*p, env.filter, false));
    int status = 0;
    std::string out;
    for (const std::string& raw : pats) {
        std::string pat = raw;
        bool glob = has_glob_chars(pat);
        if (!glob && (pat.empty() || pat[0] != '/')) pat = "*" + pat + "*", glob = true;
        std::map<std::string, std::vector<std::string>> owners;
        std::vector<std::string> order;
        for (const auto& [name, u] : lists)
            for (const CatalogFile& f : u.files) {
                if (glob ? !glob_match(pat, f.path) : f.path != pat) continue;
                auto& who = owners[f.path];
                if (who.empty()) order.push_back(f.path);
                who.push_back(name);
            }
        if (order.empty()) {
            ctx.err("dpkg-query: no path found matching pattern " + pat + "\n");
            status = 1;
            continue;
        }
        for (const std::string& path : order) {
            std::string who;
            for (const std::string& n : owners[path]) who += (who.empty() ? "" : ", ") + n;
            out += who + ": " + path + "\n";
        }
    }
    ctx.out(out);
    return status;
}

int p_dpkg_query(Ctx& ctx) {
    std::string action, fmt;
    std::vector<std::string> rest;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& a = ctx.argv[i];
        if (a == "-f" || a == "--showformat") {
            fmt = i + 1 < ctx.argv.size() ? ctx.argv[++i] : "";
        } else if (a.rfind("--showformat=", 0) == 0) {
            fmt = a.substr(13);
        } else if (a.rfind("-f", 0) == 0 && a.size() > 2) {
            fmt = a.substr(a[2] == '=' ? 3 : 2);  // dpkg reads -f=FORMAT as -f FORMAT
        } else if (action.empty() && !a.empty() && a[0] == '-') {
            action = a;
        } else {
            rest.push_back(a);
        }
    }
    if (action == "-W" || action == "--show") return dpkg_query_show(ctx, fmt, rest);
    if (action == "-S" || action == "--search") return dpkg_query_search(ctx, rest);
    if (action == "-l" || action == "--list" || action == "-s" || action == "--status" || action == "-L" ||
        action == "--listfiles") {
        // the same answers as dpkg, which hands these actions to dpkg-query
        const ProgramDef* dpkg = find_program("dpkg");
        std::vector<std::string> argv{"dpkg-query", action};
        argv.insert(argv.end(), rest.begin(), rest.end());
        Ctx sub{ctx.sh, ctx.c, std::move(argv), ctx.fds, ctx.env};
        return dpkg->fn(sub);
    }
    ctx.err("dpkg-query: error: need an action option\n\nUse --help for help about querying packages.\n");
    return 2;
}

// ---- dpkg-architecture

// An amd64 build host building for amd64 (what `docker build` on x86-64 is).
std::vector<std::pair<std::string, std::string>> arch_vars() {
    std::vector<std::pair<std::string, std::string>> v;
    for (const char* who : {"BUILD", "HOST", "TARGET"}) {
        const std::string p = std::string("DEB_") + who + "_";
        v.insert(v.end(), {{p + "ARCH", "amd64"},
                           {p + "ARCH_ABI", "base"},
                           {p + "ARCH_BITS", "64"},
                           {p + "ARCH_CPU", "amd64"},
                           {p + "ARCH_ENDIAN", "little"},
                           {p + "ARCH_LIBC", "gnu"},
                           {p + "ARCH_OS", "linux"},
                           {p + "GNU_CPU", "x86_64"},
                           {p + "GNU_SYSTEM", "linux-gnu"},
                           {p + "GNU_TYPE", "x86_64-linux-gnu"},
                           {p + "MULTIARCH", "x86_64-linux-gnu"}});
    }
    return v;
}

int p_dpkg_architecture(Ctx& ctx) {
    std::string query;
    bool list = true;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& a = ctx.argv[i];
        if (a == "-q" || a == "--query") {
            query = i + 1 < ctx.argv.size() ? ctx.argv[++i] : "";
            list = false;
        } else if (a.rfind("-q", 0) == 0 && a.size() > 2) {
            query = a.substr(2);
            list = false;
        } else if (a.rfind("--query=", 0) == 0) {
            query = a.substr(8);
            list = false;
        } else if (a == "-l" || a == "--list") {
            list = true;
        } else if (a == "-a" || a == "-t" || a == "-A" || a == "-T" || a == "--host-arch" || a == "--target-arch") {
            ++i;  // cross-building options: layerlab builds for amd64 only
        }
    }
    const auto vars = arch_vars();
    if (!list) {
        for (const auto& [k, v] : vars)
            if (k == query) {
                ctx.out(v + "\n");
                return 0;
            }
        ctx.err("dpkg-architecture: error: " + query + " is not a supported variable name\n");
        return 25;
    }
    std::string out;
    for (const auto& [k, v] : vars) out += k + "=" + v + "\n";
    ctx.out(out);
    return 0;
}

}  // namespace

std::vector<ProgramDef> dpkg_programs() {
    return {
        {"apt-mark", p_apt_mark},
        {"dpkg-architecture", p_dpkg_architecture},
        {"dpkg-query", p_dpkg_query},
    };
}

}  // namespace ll::shell
