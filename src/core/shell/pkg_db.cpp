// pkg_db.cpp: the dpkg and apt databases in the container (pkg_db.h).
#include "core/shell/pkg_db.h"

namespace ll::shell {

AptEnv apt_env(Ctx& ctx) {
    AptEnv a;
    const Catalogs* cats = ctx.sh.opt.catalogs;
    if (cats) {
        a.apt = cats->apt.get();
        a.state = cats->apt_state.get();
    }
    Container& c = ctx.c;
    Result<Stat> bin = c.lstat("/bin");
    a.merged_usr = bin && bin->type == EntryType::symlink;
    a.docker_clean = c.exists("/etc/apt/apt.conf.d/docker-clean");
    a.gzip_indexes = c.exists("/etc/apt/apt.conf.d/docker-gzip-indexes");
    std::string cfg;
    if (Result<std::vector<DirEntry>> ls = c.list("/etc/dpkg/dpkg.cfg.d"); ls) {
        for (const DirEntry& d : *ls) {
            Result<std::string> t = c.read_text("/etc/dpkg/dpkg.cfg.d/" + d.name);
            if (t) cfg += *t + "\n";
        }
    }
    a.filter = DpkgFilter::parse(cfg);
    return a;
}

// Installed packages: those with a /var/lib/dpkg/info/NAME[:arch].list.
std::set<std::string> dpkg_installed(Ctx& ctx) {
    std::set<std::string> out;
    Result<std::vector<DirEntry>> ls = ctx.c.list("/var/lib/dpkg/info");
    if (!ls) return out;
    for (const DirEntry& d : *ls) {
        const std::string& n = d.name;
        if (n.size() < 6 || n.compare(n.size() - 5, 5, ".list") != 0) continue;
        std::string name = n.substr(0, n.size() - 5);
        size_t colon = name.find(':');
        if (colon != std::string::npos) name = name.substr(0, colon);
        out.insert(name);
    }
    return out;
}

std::set<std::string> apt_auto_installed(Ctx& ctx) {
    std::set<std::string> out;
    Result<std::string> t = ctx.c.read_text("/var/lib/apt/extended_states", k_text_limit);
    if (!t) return out;
    // stanzas: "Package: x\nArchitecture: amd64\nAuto-Installed: 1\n\n"
    std::string pkg;
    bool is_auto = false;
    auto flush = [&] {
        if (!pkg.empty() && is_auto) out.insert(pkg);
        pkg.clear();
        is_auto = false;
    };
    for (const std::string& line : split_char(*t, '\n')) {
        if (line.empty()) {
            flush();
        } else if (line.rfind("Package: ", 0) == 0) {
            flush();
            pkg = line.substr(9);
        } else if (line == "Auto-Installed: 1") {
            is_auto = true;
        }
    }
    flush();
    return out;
}

void apt_write_auto(Ctx& ctx, const AptEnv& env, const std::set<std::string>& auto_set) {
    std::string text;
    for (const std::string& n : auto_set) {
        const Package* p = env.apt ? env.apt->find(n) : nullptr;
        text += "Package: " + n + "\nArchitecture: " + (p ? p->arch : std::string("amd64")) + "\nAuto-Installed: 1\n\n";
    }
    (void)mkdir_p(ctx.c, "/var/lib/apt", 0755);
    ctx.sh.charge_data(text.size());
    (void)ctx.c.write_text("/var/lib/apt/extended_states", text);
}

}  // namespace ll::shell
