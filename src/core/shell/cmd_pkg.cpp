// cmd_pkg.cpp: package managers over the catalogs of core/catalog/catalog.h:
// apt-get / apt (update, install, remove, purge, clean, autoremove,
// upgrade), dpkg (-l -s -L), apk (add, del, update, cache clean), pip
// (install, uninstall, freeze, list) and npm (install, ci, uninstall,
// cache clean).
//
// What they leave in the container is what counts for layer sizes:
//
//   apt-get update        /var/lib/apt/lists/* with the sizes measured on the
//                         real image (lz4 indexes with docker-gzip-indexes)
//   apt-get install X     each package's files (real paths, modes, sizes;
//                         synthetic contents except small /etc files) through
//                         the image's dpkg path filter and merged /usr, its
//                         /var/lib/dpkg/info files, a longer dpkg status,
//                         extended_states, logs; the .debs only when the
//                         image lacks docker-clean
//   rm -rf /var/lib/apt/lists/*   takes the lists back out of the layer
//   apk add X             files of the Debian package X maps to, the
//                         APKINDEX cache unless --no-cache
//   pip install X         site-packages files, ~/.cache/pip unless
//                         --no-cache-dir
//   npm install X         node_modules, package(-lock).json, ~/.npm/_cacache
//
// File contents are BlobStore::random(size, seed of package + path): no
// memory, and the same bytes every time. Package managers that have no
// catalog (Options::catalogs null) say so and fail.
//
// Index of this file (sections in order, marked "// ---- NAME"; the functions in each):
//   (start): seed_of, apt_size, apt_list, no_catalog, root_or, place, write_synthetic,
//            append_text, log_time, strip_version, lists_present (apt_env, dpkg_installed: pkg_db.cpp),
//            deb_name, suite_of, apt_update, note_synthesized, apt_install, apt_remove, apt_clean, parse_apt_args,
//            p_apt_get, p_apt_cache
//   dpkg: p_dpkg, apk_unpack, apk_upgrade, p_apk, norm_py, pip_find, requirement_name, pip_args, pip_place, pip_list,
//         pip_installed_version, pip_uninstall, pinned_of, pip_resolve, pip_unpack, p_pip, json_escape,
//         json_deps, npm_args, npm_cache_clean, npm_project, npm_resolve, npm_unpack,
//         npm_write_manifests, p_npm, pkg_programs
#include <algorithm>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "core/catalog/catalog.h"
#include "core/sha256.h"
#include "core/shell/interp.h"
#include "core/shell/pkg_db.h"

namespace ll::shell {

namespace {

uint64_t seed_of(std::string_view a, std::string_view b) {
    uint64_t h = 1469598103934665603ull;
    for (char ch : a) h = (h ^ uint8_t(ch)) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;
    for (char ch : b) h = (h ^ uint8_t(ch)) * 1099511628211ull;
    return h;
}

// apt's SizeToStr: "55 B", "151 kB", "8792 kB", "18.8 MB"
std::string apt_size(uint64_t bytes) {
    static constexpr char ext[] = {'\0', 'k', 'M', 'G', 'T', 'P', 'E'};
    double v = double(bytes);
    char buf[64];
    for (size_t i = 0; i < sizeof ext; ++i) {
        if (v < 100 && i != 0) {
            std::snprintf(buf, sizeof buf, "%.1f %cB", v, ext[i]);
            return buf;
        }
        if (v < 10000) {
            if (i == 0) {
                std::snprintf(buf, sizeof buf, "%.0f B", v);
            } else {
                std::snprintf(buf, sizeof buf, "%.0f %cB", v, ext[i]);
            }
            return buf;
        }
        v /= 1000.0;
    }
    return std::to_string(bytes) + " B";
}

// Wraps names as apt lists them: two spaces of indent, 80 columns.
std::string apt_list(const std::vector<std::string>& names) {
    std::string out, line = " ";
    for (const std::string& n : names) {
        if (line.size() + 1 + n.size() > 79 && line.size() > 1) {
            out += line + "\n";
            line = " ";
        }
        line += " " + n;
    }
    if (line.size() > 1) out += line + "\n";
    return out;
}

std::string no_catalog(Ctx& ctx, const char* what) {
    ctx.sh.note("layerlab has no " + std::string(what) +
                " package data in this session (the app loads it from assets/catalog/); the command fails");
    return {};
}

bool root_or(Ctx& ctx, const std::string& msg, int& status, int code) {
    if (ctx.c.cred().uid == 0) return true;
    ctx.err(msg);
    status = code;
    return false;
}

// Puts one catalog entry at `path` in the container (dirs are created only
// when missing, as dpkg does; files and links replace what is there).
Status place(Ctx& ctx, const CatalogFile& f, const std::string& path, std::string_view pkg,
             const std::string& link_base = "") {
    Container& c = ctx.c;
    BlobStore& blobs = c.store().blobs;
    Entry e;
    e.mode = f.mode & 07777;
    e.uid = f.uid;
    e.gid = f.gid;
    e.mtime = c.now();
    switch (f.type) {
    case 'd': {
        Result<Stat> st = c.stat(path);
        if (st) return {};
        Status s = mkdir_p(c, dirname_of(path), 0755);
        if (!s) return s;
        uint32_t saved = c.umask();
        c.set_umask(0);
        s = c.mkdir(path, e.mode);
        c.set_umask(saved);
        if (!s) return s;
        if (f.uid || f.gid) (void)c.chown(path, f.uid, f.gid);
        return {};
    }
    case 'l':
        e.type = EntryType::symlink;
        e.mode = 0777;
        e.target = f.link;
        break;
    case 'h': {
        std::string target = link_base.empty() ? f.link : link_base + f.link;
        Result<Stat> ex = c.lstat(path);
        if (ex && ex->type != EntryType::dir) (void)c.unlink(path);
        if (!c.exists(target)) return {};
        return c.link(target, path);
    }
    default:
        e.type = EntryType::file;
        e.blob = f.content ? blobs.bytes(*f.content) : blobs.random(f.size, seed_of(pkg, path));
        if (f.content) ctx.sh.charge_data(f.content->size());
        break;
    }
    Status s = mkdir_p(c, dirname_of(path), 0755);
    if (!s) return s;
    return c.install(path, e);
}

bool write_synthetic(Ctx& ctx, const std::string& path, uint64_t size, std::string_view seed, uint32_t mode = 0644) {
    Container& c = ctx.c;
    (void)mkdir_p(c, dirname_of(path), 0755);
    BlobId b = c.store().blobs.random(size, seed_of(seed, path));
    Status s = c.write(path, b, WriteMode::truncate, mode);
    if (s) (void)c.chmod(path, mode);
    return s.ok();
}

void append_text(Ctx& ctx, const std::string& path, const std::string& text) {
    (void)mkdir_p(ctx.c, dirname_of(path), 0755);
    ctx.sh.charge_data(text.size());
    (void)ctx.c.write_text(path, text, WriteMode::append, 0644);
}

std::string log_time(Ctx& ctx) { return format_time(ctx.c.now(), "%Y-%m-%d %H:%M:%S"); }

std::string strip_version(std::string n) {
    for (const char* sep : {"=", "/", ":amd64"}) {
        size_t k = n.find(sep);
        if (k != std::string::npos) n = n.substr(0, k);
    }
    return n;
}

// ================================================================= apt

bool lists_present(Ctx& ctx) {
    Result<std::vector<DirEntry>> ls = ctx.c.list("/var/lib/apt/lists");
    if (!ls) return false;
    for (const DirEntry& d : *ls)
        if (d.name.find("_Packages") != std::string::npos) return true;
    return false;
}

std::string deb_name(const Package& p) {
    std::string v = p.version;
    size_t colon = v.find(':');
    if (colon != std::string::npos) v = v.substr(0, colon) + "%3a" + v.substr(colon + 1);
    return p.name + "_" + v + "_" + p.arch + ".deb";
}

std::string suite_of(const Package& p) {
    if (p.version.find("deb12u") != std::string::npos) return "debian-security bookworm-security/main";
    return "debian bookworm/main";
}

int apt_update(Ctx& ctx, const AptEnv& env, bool quiet) {
    int status = 0;
    if (!root_or(ctx,
                 "E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\n"
                 "E: Unable to lock directory /var/lib/apt/lists/\n",
                 status, 100))
        return status;
    if (!env.state) {
        no_catalog(ctx, "apt");
        ctx.err("E: layerlab: no apt index data (assets/catalog/apt-state.txt) in this session\n");
        return 100;
    }
    Container& c = ctx.c;
    std::string mode = env.gzip_indexes ? "gzip-indexes" : "plain";
    (void)mkdir_p(c, "/var/lib/apt/lists/partial", 0755);
    (void)c.chmod("/var/lib/apt/lists/partial", 0700);
    (void)c.chown("/var/lib/apt/lists/partial", 42, 65534);  // _apt:nogroup
    if (!c.exists("/var/lib/apt/lists/lock")) {
        (void)c.write("/var/lib/apt/lists/lock", k_empty_blob, WriteMode::create_new, 0640);
        (void)c.chmod("/var/lib/apt/lists/lock", 0640);
    }
    std::string out;
    uint64_t fetched = 0;
    int n = 0;
    for (const AptListsFile& f : env.state->apt_lists) {
        if (f.mode != mode) continue;
        if (!write_synthetic(ctx, "/var/lib/apt/lists/" + f.name, f.size, "apt-lists")) continue;
        // "deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4"
        std::string name = f.name;
        bool release = name.find("InRelease") != std::string::npos;
        std::string repo = name.find("debian-security") != std::string::npos ? "http://deb.debian.org/debian-security"
                                                                             : "http://deb.debian.org/debian";
        std::string suite = name.find("bookworm-security") != std::string::npos  ? "bookworm-security"
                            : name.find("bookworm-updates") != std::string::npos ? "bookworm-updates"
                                                                                 : "bookworm";
        // what travels is compressed: about a sixth of the plain index
        uint64_t wire = release ? f.size : (mode == "plain" ? f.size / 6 : f.size * 2 / 5);
        fetched += wire;
        out += "Get:" + std::to_string(++n) + " " + repo + " " + suite +
               (release ? " InRelease" : "/main amd64 Packages") + " [" + apt_size(wire) + "]\n";
    }
    out += "Fetched " + apt_size(fetched) + " in 1s (" + apt_size(fetched) + "/s)\nReading package lists...\n";
    if (!quiet) ctx.out(out);
    return ctx.stopped() ? 1 : 0;
}

struct AptArgs {
    std::string cmdline;  // as apt logs it: the whole command line
    bool yes = false, no_recommends = false, quiet = false, very_quiet = false, purge = false, download_only = false,
         fix = false, update = false;
    std::vector<std::string> names;
};

// The step's note for packages whose file list layerlab synthesized (the
// stand-in contract of tests/realworld/README.md).
void note_synthesized(Ctx& ctx, const std::vector<const Package*>& order) {
    std::vector<std::string> synth;
    for (const Package* p : order)
        if (p->synthesized_files) synth.push_back(p->name);
    if (synth.empty()) return;
    std::string names;
    for (size_t i = 0; i < synth.size() && i < 8; ++i) names += (i ? ", " : "") + synth[i];
    if (synth.size() > 8) names += ", ...";
    ctx.sh.note(std::to_string(synth.size()) + " of " + std::to_string(order.size()) +
                " packages have no file list in layerlab's data (" + names +
                "): their files are a stand-in synthesized from each package's section and Installed-Size; "
                "names, versions, dependencies and sizes are Debian bookworm's");
}

// Why apt here may know packages layerlab's data (Debian bookworm's archive)
// does not: layerlab's base is not the real image, the image is not Debian
// bookworm (Ubuntu, trixie), or its apt reads another archive (a
// sources.list.d entry for a vendor's repository). "" when none holds: then
// an unknown name is apt's own "Unable to locate package".
std::string apt_foreign_reason(Ctx& ctx) {
    if (!ctx.sh.opt.base_is_real) return "layerlab's base here is not the real image, whose archive may have it";
    std::string id, codename, pretty;
    if (std::optional<std::string> t = ctx.file_text("/etc/os-release", true))
        for (const std::string& l : split_char(*t, '\n')) {
            if (l.rfind("ID=", 0) == 0) id = l.substr(3);
            if (l.rfind("VERSION_CODENAME=", 0) == 0) codename = l.substr(17);
            if (l.rfind("PRETTY_NAME=", 0) == 0) pretty = l.substr(12);
        }
    if (!id.empty() && (id != "debian" || (!codename.empty() && codename != "bookworm")))
        return "this image is " + (pretty.empty() ? id : pretty) + ", whose archive may have it";
    std::vector<std::string> files = {"/etc/apt/sources.list"};
    if (Result<std::vector<DirEntry>> ls = ctx.c.list("/etc/apt/sources.list.d"))
        for (const DirEntry& d : *ls) files.push_back("/etc/apt/sources.list.d/" + d.name);
    for (const std::string& f : files) {
        std::optional<std::string> t = ctx.file_text(f, true);
        if (!t) continue;
        for (const std::string& line : split_char(*t, '\n')) {
            size_t h = line.find("://");
            bool entry = line.rfind("deb ", 0) == 0 || line.rfind("deb [", 0) == 0 || line.rfind("URIs:", 0) == 0;
            if (!entry || h == std::string::npos) continue;
            std::string host = line.substr(h + 3, line.find_first_of("/ ", h + 3) - (h + 3));
            if (host.size() >= 10 && host.compare(host.size() - 10, 10, "debian.org") == 0) continue;
            return "this image's apt also reads " + host + " (" + f + "), which may have it";
        }
    }
    return "";
}

// A package apt may know here but layerlab's data does not (apt_foreign_reason):
// a labelled stand-in with a synthesized file list of a stated size, no
// dependencies and a version that says what it is.
Package apt_stand_in_package(const std::string& name) {
    Package p;
    p.name = name;
    p.version = "0~layerlab-stand-in";
    p.arch = "amd64";
    p.installed_size_kib = 256;
    p.download_size = 64 * 1024;
    p.section = name.size() > 4 && name.compare(name.size() - 4, 4, "-dev") == 0 ? "libdevel"
                : name.rfind("lib", 0) == 0                                       ? "libs"
                                                                                  : "misc";
    synthesize_files(p);
    return p;
}

// The names of `want` layerlab's data lacks, where the image's apt may know
// them (apt_foreign_reason): taken out of `want` as labelled stand-ins.
std::deque<Package> apt_take_stand_ins(Ctx& ctx, const AptEnv& env, std::vector<std::string>& want) {
    std::deque<Package> stand_ins;
    std::string foreign;
    for (auto it = want.begin(); it != want.end();) {
        if (env.apt->find(*it) || !env.apt->providers_of(*it).empty()) {
            ++it;
            continue;
        }
        if (foreign.empty()) foreign = apt_foreign_reason(ctx);
        if (foreign.empty()) break;  // apt's own error, from resolve_install
        stand_ins.push_back(apt_stand_in_package(*it));
        ctx.sh.note("stand-in: apt package " + *it + " is not in layerlab's data (Debian bookworm's archive); " +
                    foreign + ": a labelled stand-in package (version 0~layerlab-stand-in, 256 KiB of synthesized "
                    "files, no dependencies) was installed in its place");
        it = want.erase(it);
    }
    return stand_ins;
}

int apt_install(Ctx& ctx, const AptEnv& env, const AptArgs& a, bool is_apt) {
    int status = 0;
    if (!root_or(ctx,
                 "E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\n"
                 "E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n",
                 status, 100))
        return status;
    std::string head = "Reading package lists...\nBuilding dependency tree...\nReading state information...\n";
    if (!a.very_quiet) ctx.out(head);
    if (!env.apt) {
        no_catalog(ctx, "apt");
        ctx.err("E: layerlab: no apt package data (assets/catalog/debian-bookworm.apt.txt) in this session\n");
        return 100;
    }
    std::set<std::string> installed = dpkg_installed(ctx);
    bool lists = lists_present(ctx);
    std::vector<std::string> want;
    std::string already;
    for (const std::string& raw : a.names) {
        std::string n = strip_version(raw);
        if (installed.count(n)) {
            const Package* p = env.apt->find(n);
            already += n + " is already the newest version (" + (p ? p->version : std::string("?")) + ").\n";
            continue;
        }
        if (!lists) {
            // apt knows nothing without its lists: the classic missing `apt-get update`
            ctx.err("E: Unable to locate package " + n + "\n");
            return 100;
        }
        want.push_back(n);
    }
    if (!a.very_quiet) ctx.out(already);
    std::deque<Package> stand_ins = apt_take_stand_ins(ctx, env, want);
    InstallPlan plan;
    if (!want.empty()) {
        Result<InstallPlan> r = resolve_install(*env.apt, want, installed, !a.no_recommends);
        if (!r) {
            ctx.err(r.error().message + "\n");
            return 100;
        }
        plan = std::move(*r);
    }
    note_synthesized(ctx, plan.order);  // Debian's packages; the stand-ins said what they are
    for (const Package& sp : stand_ins) {
        plan.order.push_back(&sp);
        plan.newly_installed.push_back(sp.name);
    }
    std::vector<const Package*> order = plan.order;
    std::vector<std::string> news = plan.newly_installed;
    std::sort(news.begin(), news.end());
    std::vector<std::string> extra = plan.auto_installed;
    std::sort(extra.begin(), extra.end());
    uint64_t download = 0, disk = 0;
    for (const Package* p : order) {
        download += p->download_size;
        disk += p->installed_size_kib * 1024;
    }
    std::string out;
    if (!extra.empty()) out += "The following additional packages will be installed:\n" + apt_list(extra);
    if (a.no_recommends && !plan.not_installed_recommends.empty()) {
        std::vector<std::string> rec = plan.not_installed_recommends;
        std::sort(rec.begin(), rec.end());
        out += "Recommended packages:\n" + apt_list(rec);
    }
    if (!news.empty()) out += "The following NEW packages will be installed:\n" + apt_list(news);
    out += "0 upgraded, " + std::to_string(news.size()) + " newly installed, 0 to remove and 0 not upgraded.\n";
    if (!order.empty()) {
        out += "Need to get " + apt_size(download) + " of archives.\n";
        out += "After this operation, " + apt_size(disk) + " of additional disk space will be used.\n";
    }
    if (!a.very_quiet) ctx.out(out);
    out.clear();
    if (order.empty()) return 0;
    if (!a.yes && !extra.empty()) {
        ctx.out("Do you want to continue? [Y/n] ");
        std::string answer;
        bool got = ctx.read_line(answer);
        if (!got || !(answer.empty() || answer[0] == 'y' || answer[0] == 'Y')) {
            ctx.out("Abort.\n");
            return 1;
        }
    }
    Container& c = ctx.c;
    // downloads
    (void)mkdir_p(c, "/var/cache/apt/archives/partial", 0755);
    (void)c.chmod("/var/cache/apt/archives/partial", 0700);
    (void)c.chown("/var/cache/apt/archives/partial", 42, 65534);
    if (!c.exists("/var/cache/apt/archives/lock")) {
        (void)c.write("/var/cache/apt/archives/lock", k_empty_blob, WriteMode::create_new, 0640);
        (void)c.chmod("/var/cache/apt/archives/lock", 0640);
    }
    int n = 0;
    for (const Package* p : order) {
        out += "Get:" + std::to_string(++n) + " http://deb.debian.org/" + suite_of(*p) + " amd64 " + p->name + " " +
               p->arch + " " + p->version + " [" + apt_size(p->download_size) + "]\n";
        if (!ctx.sh.charge(1 + p->download_size / (1 << 20))) return 1;
        write_synthetic(ctx, "/var/cache/apt/archives/" + deb_name(*p), p->download_size, p->name);
    }
    out += "debconf: delaying package configuration, since apt-utils is not installed\n";
    out += "Fetched " + apt_size(download) + " in 1s (" + apt_size(download) + "/s)\n";
    if (!a.very_quiet) ctx.out(out);
    out.clear();
    if (a.download_only) return 0;
    // dpkg: unpack every package, then configure them
    std::string dpkg_out, dpkg_log;
    uint64_t db_count = 0;
    for (const std::string& name : installed)
        if (const Package* p = env.apt->find(name)) db_count += p->files.size();
    std::set<std::string> auto_set(plan.auto_installed.begin(), plan.auto_installed.end());
    n = 0;
    uint64_t status_growth = 0;
    for (const Package* p : order) {
        if (ctx.stopped()) return 1;
        dpkg_out +=
            "Selecting previously unselected package " + p->name + (p->multiarch_same ? ":" + p->arch : "") + ".\n";
        if (n == 0)
            dpkg_out +=
                "(Reading database ... " + std::to_string(db_count) + " files and directories currently installed.)\n";
        char idx[16];
        std::snprintf(idx, sizeof idx, "%02d", n);
        dpkg_out += "Preparing to unpack .../" + std::string(order.size() > 1 ? std::string(idx) + "-" : "") +
                    deb_name(*p) + " ...\nUnpacking " + p->name + (p->multiarch_same ? ":" + p->arch : "") + " (" +
                    p->version + ") ...\n";
        ++n;
        Unpacked u = dpkg_unpack(*p, env.filter, env.merged_usr);
        if (!ctx.sh.charge(u.files.size() / 8 + 1)) return 1;
        for (const CatalogFile& f : u.files) {
            Status s = place(ctx, f, f.path, p->name);
            (void)s;
        }
        for (const CatalogFile& f : u.info) (void)write_synthetic(ctx, f.path, f.size, p->name, f.mode);
        status_growth += p->status_size;
        dpkg_log += log_time(ctx) + " install " + p->name + ":" + p->arch + " <none> " + p->version + "\n" +
                    log_time(ctx) + " status unpacked " + p->name + ":" + p->arch + " " + p->version + "\n";
    }
    for (const Package* p : order) {
        dpkg_out += "Setting up " + p->name + (p->multiarch_same ? ":" + p->arch : "") + " (" + p->version + ") ...\n";
        dpkg_log += log_time(ctx) + " configure " + p->name + ":" + p->arch + " " + p->version + " <none>\n" +
                    log_time(ctx) + " status installed " + p->name + ":" + p->arch + " " + p->version + "\n";
    }
    if (installed.count("libc-bin")) {
        const Package* lc = env.apt->find("libc-bin");
        dpkg_out += "Processing triggers for libc-bin (" + (lc ? lc->version : std::string("2.36")) + ") ...\n";
    }
    ctx.out(dpkg_out);
    // dpkg's database: status rewritten (the old one kept as status-old)
    BlobStore& blobs = c.store().blobs;
    Result<BlobId> old = c.read("/var/lib/dpkg/status");
    BlobId base = old ? *old : k_empty_blob;
    (void)c.write("/var/lib/dpkg/status-old", base, WriteMode::truncate, 0644);
    BlobId grown =
        blobs.concat(base, blobs.random(status_growth, seed_of("dpkg-status", std::to_string(blobs.size(base)))));
    (void)c.write("/var/lib/dpkg/status", grown, WriteMode::truncate, 0644);
    for (const char* lock : {"/var/lib/dpkg/lock", "/var/lib/dpkg/lock-frontend", "/var/lib/dpkg/triggers/Lock"})
        if (!c.exists(lock)) {
            (void)mkdir_p(c, dirname_of(lock), 0755);
            (void)c.write(lock, k_empty_blob, WriteMode::create_new, 0640);
        }
    // apt's record of what was pulled in automatically
    if (!auto_set.empty()) {
        std::string text;
        for (const std::string& nme : auto_set) {
            const Package* p = env.apt->find(nme);
            text += "Package: " + nme + "\nArchitecture: " + (p ? p->arch : "amd64") + "\nAuto-Installed: 1\n\n";
        }
        Result<std::string> prev = c.read_text("/var/lib/apt/extended_states");
        (void)mkdir_p(c, "/var/lib/apt", 0755);
        ctx.sh.charge_data(text.size());
        (void)c.write_text("/var/lib/apt/extended_states", (prev ? *prev : "") + text);
    }
    // logs
    append_text(ctx, "/var/log/dpkg.log", dpkg_log);
    std::string installs;
    for (const Package* p : order) {
        if (!installs.empty()) installs += ", ";
        installs += p->name + ":" + p->arch + " (" + p->version + (auto_set.count(p->name) ? ", automatic)" : ")");
    }
    (void)is_apt;
    const std::string& cmdline = a.cmdline;
    append_text(ctx, "/var/log/apt/history.log",
                "\nStart-Date: " + format_time(c.now(), "%Y-%m-%d  %H:%M:%S") + "\nCommandline: " + cmdline +
                    "\nInstall: " + installs + "\nEnd-Date: " + format_time(c.now(), "%Y-%m-%d  %H:%M:%S") + "\n");
    append_text(ctx, "/var/log/apt/term.log",
                "\nLog started: " + format_time(c.now(), "%Y-%m-%d  %H:%M:%S") + "\n" + dpkg_out +
                    "Log ended: " + format_time(c.now(), "%Y-%m-%d  %H:%M:%S") + "\n\n");
    // docker-clean's DPkg::Post-Invoke: the downloaded .debs are deleted again
    if (env.docker_clean) {
        for (const Package* p : order) (void)c.unlink("/var/cache/apt/archives/" + deb_name(*p));
    } else {
        ctx.sh.note(
            "this image has no /etc/apt/apt.conf.d/docker-clean: the downloaded .deb files stay in "
            "/var/cache/apt/archives (apt-get clean removes them)");
    }
    return 0;
}

int apt_remove(Ctx& ctx, const AptEnv& env, const AptArgs& a) {
    int status = 0;
    if (!root_or(ctx,
                 "E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\n"
                 "E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n",
                 status, 100))
        return status;
    if (!a.very_quiet) ctx.out("Reading package lists...\nBuilding dependency tree...\nReading state information...\n");
    std::set<std::string> installed = dpkg_installed(ctx);
    std::vector<const Package*> gone;
    for (const std::string& raw : a.names) {
        std::string n = strip_version(raw);
        const Package* p = env.apt ? env.apt->find(n) : nullptr;
        if (!installed.count(n)) {
            if (!p && !lists_present(ctx)) {
                ctx.err("E: Unable to locate package " + n + "\n");
                return 100;
            }
            ctx.out("Package '" + n + "' is not installed, so not removed\n");
            continue;
        }
        if (!p) continue;
        gone.push_back(p);
    }
    std::string out;
    if (!gone.empty()) {
        std::vector<std::string> names;
        for (const Package* p : gone) names.push_back(p->name + (a.purge ? "*" : ""));
        out += "The following packages will be REMOVED:\n" + apt_list(names);
    }
    out += "0 upgraded, 0 newly installed, " + std::to_string(gone.size()) + " to remove and 0 not upgraded.\n";
    uint64_t freed = 0;
    for (const Package* p : gone) freed += p->installed_size_kib * 1024;
    if (!gone.empty()) out += "After this operation, " + apt_size(freed) + " disk space will be freed.\n";
    ctx.out(out);
    Container& c = ctx.c;
    for (const Package* p : gone) {
        ctx.out("Removing " + p->name + " (" + p->version + ") ...\n");
        Unpacked u = dpkg_unpack(*p, env.filter, env.merged_usr);
        // files first, then directories that became empty, deepest first
        std::vector<std::string> dirs;
        for (const CatalogFile& f : u.files) {
            if (f.type == 'd') {
                dirs.push_back(f.path);
                continue;
            }
            // conffiles in /etc stay unless purged
            if (!a.purge && f.path.rfind("/etc/", 0) == 0) continue;
            (void)c.unlink(f.path);
        }
        std::sort(dirs.rbegin(), dirs.rend());
        for (const std::string& d : dirs) {
            Result<std::vector<DirEntry>> ls = c.list(d);
            if (ls && ls->empty()) (void)c.rmdir(d);
        }
        for (const CatalogFile& f : u.info) {
            if (!a.purge && f.path.size() > 5 &&
                (f.path.find(".postrm") != std::string::npos || f.path.find(".conffiles") != std::string::npos))
                continue;
            (void)c.unlink(f.path);
        }
    }
    return 0;
}

int apt_clean(Ctx& ctx) {
    int status = 0;
    if (!root_or(ctx,
                 "E: Could not open lock file /var/cache/apt/archives/lock - open (13: Permission denied)\n"
                 "E: Unable to lock directory /var/cache/apt/archives/\n",
                 status, 100))
        return status;
    Container& c = ctx.c;
    for (const char* dir : {"/var/cache/apt/archives", "/var/cache/apt/archives/partial"}) {
        Result<std::vector<DirEntry>> ls = c.list(dir);
        if (!ls) continue;
        for (const DirEntry& d : *ls)
            if (d.type != EntryType::dir && d.name != "lock") (void)c.unlink(std::string(dir) + "/" + d.name);
    }
    for (const char* f : {"/var/cache/apt/pkgcache.bin", "/var/cache/apt/srcpkgcache.bin"})
        if (c.exists(f)) (void)c.unlink(f);
    return 0;
}

AptArgs parse_apt_args(const std::vector<std::string>& argv, size_t from, std::string& bad) {
    AptArgs a;
    for (size_t i = from; i < argv.size(); ++i) {
        const std::string& s = argv[i];
        if (s == "-y" || s == "--yes" || s == "--assume-yes" || s == "--force-yes" || s == "-qy" || s == "-yq") {
            a.yes = true;
            if (s.find('q') != std::string::npos) a.quiet = true;
        } else if (s == "--no-install-recommends") {
            a.no_recommends = true;
        } else if (s == "-q" || s == "--quiet") {
            a.quiet = true;
        } else if (s == "-qq" || s == "-q=2" || s == "--quiet=2") {
            a.quiet = a.very_quiet = true;
        } else if (s == "--purge") {
            a.purge = true;
        } else if (s == "-d" || s == "--download-only") {
            a.download_only = true;
        } else if (s == "-f" || s == "--fix-broken") {
            a.fix = true;
        } else if (s == "--update") {
            a.update = true;  // apt 3.0 (trixie): update first; checked against the image's apt (apt_knows)
        } else if (s == "-o" || s == "-t" || s == "--target-release" || s == "--default-release" || s == "-c") {
            ++i;  // options with a value: accepted
        } else if (s == "--auto-remove" || s == "--autoremove" || s == "--fix-missing" || s == "-m" ||
                   s == "--ignore-missing" || s == "--only-upgrade" || s == "--install-suggests" ||
                   s == "--no-download" || s == "--assume-no" || s == "--allow-insecure-repositories" ||
                   s == "--with-new-pkgs" || s == "--mark-auto" || s == "--no-remove" || s.rfind("-t=", 0) == 0 ||
                   s.rfind("--target-release=", 0) == 0) {
        } else if (s.rfind("-o", 0) == 0 || s == "--no-install-suggests" || s == "--allow-unauthenticated" ||
                   s == "--allow-downgrades" || s == "--allow-remove-essential" ||
                   s == "--allow-change-held-packages" || s == "--no-upgrade" || s == "--reinstall" || s == "-V" ||
                   s == "--show-progress" || s.rfind("--option", 0) == 0) {
        } else if (!s.empty() && s[0] == '-') {
            bool all_y = s.size() > 1 && s.find_first_not_of("yq", 1) == std::string::npos;
            if (all_y) {
                a.yes = s.find('y') != std::string::npos;
                a.quiet = true;
                if (std::count(s.begin(), s.end(), 'q') >= 2) a.very_quiet = true;
                continue;
            }
            bad = s;
        } else {
            a.names.push_back(s);
        }
    }
    return a;
}

// What the image's apt knows that bookworm's apt 2.6 does not: `dist-clean`
// (apt 2.7: Ubuntu noble, Debian trixie) and `install --update` (apt 3.0:
// trixie). The release is the image's /etc/os-release. Where layerlab shows
// a nearer image than the real one (a nearest variant or a stand-in: the
// real image may be newer, as debian:trixie-slim shown with bookworm's files)
// it is accepted and said so; on a real bookworm image it is apt's error.
bool apt_knows(Ctx& ctx, const std::string& what, bool needs_3) {
    std::string codename;
    if (std::optional<std::string> t = ctx.file_text("/etc/os-release", true))
        for (const std::string& l : split_char(*t, '\n'))
            if (l.rfind("VERSION_CODENAME=", 0) == 0) codename = l.substr(17);
    static const char* const k_apt_2_7[] = {"noble", "oracular", "plucky", "questing"};
    static const char* const k_apt_3[] = {"trixie", "forky", "sid"};
    for (const char* r : k_apt_3)
        if (codename == r) return true;
    if (!needs_3)
        for (const char* r : k_apt_2_7)
            if (codename == r) return true;
    if (ctx.sh.opt.base_is_real) return false;
    ctx.sh.note("stand-in: apt " + what + " is apt " + (needs_3 ? "3.0's" : "2.7's") + " (Debian trixie, " +
                (needs_3 ? "" : "Ubuntu noble, ") + "newer); layerlab shows " +
                (codename.empty() ? std::string("an older release") : codename) +
                "'s files here, whose apt lacks it, while the real image may have it: it ran as the newer apt runs it");
    return true;
}

int p_apt_get(Ctx& ctx) {
    bool is_apt = ctx.name() == "apt";
    std::vector<std::string> argv = ctx.argv;
    // the subcommand is the first non-option word
    size_t sub_at = 1;
    while (sub_at < argv.size() && !argv[sub_at].empty() && argv[sub_at][0] == '-') {
        if (argv[sub_at] == "-o") ++sub_at;
        ++sub_at;
    }
    if (sub_at >= argv.size()) {
        ctx.out(is_apt ? "apt 2.6.1 (amd64)\nUsage: apt [options] command\n"
                       : "apt 2.6.1 (amd64)\nUsage: apt-get [options] command\n");
        return 1;
    }
    std::string sub = argv[sub_at];
    argv.erase(argv.begin() + long(sub_at));
    std::string bad;
    AptArgs a = parse_apt_args(argv, 1, bad);
    for (size_t i = 0; i < ctx.argv.size(); ++i) a.cmdline += (i ? " " : "") + ctx.argv[i];
    if (!bad.empty()) {
        ctx.err("E: Command line option '" + bad + "' is not understood in combination with the other options\n");
        return 100;
    }
    if (is_apt) ctx.err("\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n");
    if (a.update && !apt_knows(ctx, "--update", true)) {
        ctx.err("E: Command line option '--update' is not understood in combination with the other options\n");
        return 100;
    }
    AptEnv env = apt_env(ctx);
    if (sub == "update") return apt_update(ctx, env, a.very_quiet);
    if (a.update && (sub == "install" || sub == "reinstall" || sub == "upgrade" || sub == "dist-upgrade" ||
                     sub == "full-upgrade"))
        if (int st = apt_update(ctx, env, a.very_quiet); st) return st;
    if (sub == "dist-clean" && apt_knows(ctx, "dist-clean", false)) {
        // clean, and the package lists too (/var/lib/apt/lists, keeping lock and partial/)
        if (int st = apt_clean(ctx); st) return st;
        Result<std::vector<DirEntry>> ls = ctx.c.list("/var/lib/apt/lists");
        if (ls)
            for (const DirEntry& d : *ls)
                if (d.type != EntryType::dir && d.name != "lock") (void)ctx.c.unlink("/var/lib/apt/lists/" + d.name);
        return 0;
    }
    if (sub == "install" || sub == "reinstall") {
        if (a.names.empty() && !a.fix) {
            if (!a.very_quiet)
                ctx.out("Reading package lists...\nBuilding dependency tree...\nReading state information...\n");
            ctx.out("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n");
            return 0;
        }
        return apt_install(ctx, env, a, is_apt);
    }
    if (sub == "remove" || sub == "purge") {
        if (sub == "purge") a.purge = true;
        return apt_remove(ctx, env, a);
    }
    if (sub == "clean" || sub == "autoclean") return apt_clean(ctx);
    if (sub == "autoremove" || sub == "upgrade" || sub == "dist-upgrade" || sub == "full-upgrade" || sub == "check") {
        int status = 0;
        if (sub != "check" &&
            !root_or(ctx,
                     "E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\n"
                     "E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n",
                     status, 100))
            return status;
        if (!a.very_quiet)
            ctx.out("Reading package lists...\nBuilding dependency tree...\nReading state information...\n");
        if (sub == "upgrade" || sub == "dist-upgrade" || sub == "full-upgrade") ctx.out("Calculating upgrade...\n");
        if (sub != "check") ctx.out("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n");
        return 0;
    }
    if (sub == "list" && is_apt) {
        ctx.out("Listing...\n");
        if (!env.apt) return 0;
        std::set<std::string> installed = dpkg_installed(ctx);
        std::string out;
        bool only_installed = std::find(argv.begin(), argv.end(), "--installed") != argv.end();
        for (const std::string& name : env.apt->names()) {
            bool inst = installed.count(name) > 0;
            if (only_installed && !inst) continue;
            if (!a.names.empty() &&
                std::none_of(a.names.begin(), a.names.end(), [&](const std::string& w) { return glob_match(w, name); }))
                continue;
            const Package* p = env.apt->find(name);
            if (!p) continue;
            out += name + "/oldstable " + p->version + " " + p->arch + (inst ? " [installed]" : "") + "\n";
        }
        ctx.out(out);
        return 0;
    }
    ctx.err("E: Invalid operation " + sub + "\n");
    return 100;
}

int p_apt_cache(Ctx& ctx) {
    AptEnv env = apt_env(ctx);
    if (ctx.argv.size() < 3 || !env.apt) return ctx.argv.size() < 3 ? 1 : 100;
    const std::string& sub = ctx.argv[1];
    if (sub == "policy" || sub == "show") {
        std::string out;
        std::set<std::string> installed = dpkg_installed(ctx);
        for (size_t i = 2; i < ctx.argv.size(); ++i) {
            const Package* p = env.apt->find(ctx.argv[i]);
            if (!p) {
                ctx.err("N: Unable to locate package " + ctx.argv[i] + "\n");
                continue;
            }
            if (sub == "show") {
                out += "Package: " + p->name + "\nVersion: " + p->version +
                       (p->priority.empty() ? "" : "\nPriority: " + p->priority) +
                       (p->section.empty() ? "" : "\nSection: " + p->section) + "\nArchitecture: " + p->arch +
                       "\nInstalled-Size: " + std::to_string(p->installed_size_kib) +
                       "\nSize: " + std::to_string(p->download_size) + "\n\n";
            } else {
                out += p->name + ":\n  Installed: " + (installed.count(p->name) ? p->version : "(none)") +
                       "\n  Candidate: " + p->version + "\n";
            }
        }
        ctx.out(out);
        return 0;
    }
    return 0;
}

// ---------------------------------------------------------------- dpkg

int p_dpkg(Ctx& ctx) {
    AptEnv env = apt_env(ctx);
    std::set<std::string> installed = dpkg_installed(ctx);
    if (ctx.argv.size() < 2) {
        ctx.err(
            "dpkg: error: need an action option\n\nType dpkg --help for help about installing and deinstalling "
            "packages [*];\n");
        return 2;
    }
    const std::string& op = ctx.argv[1];
    std::vector<std::string> names(ctx.argv.begin() + 2, ctx.argv.end());
    if (op == "-l" || op == "--list") {
        std::string out =
            "Desired=Unknown/Install/Remove/Purge/Hold\n"
            "| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend\n"
            "|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)\n"
            "||/ Name                         Version                        Architecture Description\n"
            "+++-============================-==============================-============-=================\n";
        bool any = false;
        for (const std::string& n : installed) {
            if (!names.empty() &&
                std::none_of(names.begin(), names.end(), [&](const std::string& w) { return glob_match(w, n); }))
                continue;
            const Package* p = env.apt ? env.apt->find(n) : nullptr;
            char buf[256];
            std::snprintf(buf, sizeof buf, "ii  %-28s %-30s %-12s %s\n", n.c_str(), p ? p->version.c_str() : "?",
                          p ? p->arch.c_str() : "amd64", "(description not recorded by layerlab)");
            out += buf;
            any = true;
        }
        if (!any && !names.empty()) {
            ctx.err("dpkg-query: no packages found matching " + names[0] + "\n");
            return 1;
        }
        ctx.out(out);
        return 0;
    }
    if (op == "-s" || op == "--status" || op == "-L" || op == "--listfiles") {
        int status = 0;
        for (const std::string& n : names) {
            const Package* p = env.apt ? env.apt->find(n) : nullptr;
            if (!installed.count(n) || !p) {
                ctx.err("dpkg-query: package '" + n + "' is not installed" +
                        std::string(op == "-s" || op == "--status" ? " and no information is available\n" : "\n"));
                status = 1;
                continue;
            }
            if (op == "-s" || op == "--status") {
                ctx.out("Package: " + n + "\nStatus: install ok installed\nArchitecture: " + p->arch + "\nVersion: " +
                        p->version + "\nInstalled-Size: " + std::to_string(p->installed_size_kib) + "\n");
            } else {
                std::string out = "/.\n";
                for (const CatalogFile& f : dpkg_unpack(*p, env.filter, false).files) out += f.path + "\n";
                ctx.out(out);
            }
        }
        return status;
    }
    if (op == "--print-architecture") {
        ctx.out("amd64\n");
        return 0;
    }
    if (op == "--get-selections") {
        std::string out;
        for (const std::string& n : installed) out += n + "\t\t\t\t\t\tinstall\n";
        ctx.out(out);
        return 0;
    }
    ctx.err("dpkg: layerlab simulates dpkg -l, -s, -L and --print-architecture only (not '" + op + "')\n");
    return 2;
}

// ================================================================= apk

// Unpacks the Debian packages an Alpine entry's A line names ("debian-name
// version" pairs); false when the run was stopped.
bool apk_unpack(Ctx& ctx, const Catalog& apt, const Package& p, const DpkgFilter& filter, uint64_t& bytes,
                std::vector<std::string>& synthesized) {
    std::vector<std::string> from;
    for (const std::string& w : split_char(p.approximated_from, ' '))
        if (!w.empty()) from.push_back(w);
    if (from.empty())  // a stand-in (apt_stand_in_package): its own synthesized files
        for (const CatalogFile& f : p.files) {
            if (filter.skips(f.path, f.type)) continue;
            (void)place(ctx, f, f.path, p.name);
            if (f.type == 'f') bytes += f.size;
        }
    for (size_t i = 0; i < from.size(); i += 2) {
        const Package* deb = apt.find(from[i]);
        if (!deb) continue;
        if (deb->synthesized_files) synthesized.push_back(deb->name);
        Unpacked u = dpkg_unpack(*deb, filter, false);
        if (!ctx.sh.charge(u.files.size() / 8 + 1)) return false;
        for (const CatalogFile& f : u.files) {
            (void)place(ctx, f, f.path, p.name);
            if (f.type == 'f') bytes += f.size;
        }
    }
    return true;
}

// apk upgrade: layerlab's apk data holds one version of each package, the
// one an install gets, so there is nothing newer to upgrade to; apk's
// summary of what is installed (/lib/apk/db/installed), and a note.
int apk_upgrade(Ctx& ctx, const std::string& fetched, bool quiet) {
    uint64_t kib = 0, n = 0;
    Result<std::string> db = ctx.c.read_text("/lib/apk/db/installed", k_text_limit);
    for (const std::string& line : split_char(db ? *db : "", '\n')) {
        if (line.rfind("P:", 0) == 0) ++n;
        if (line.rfind("I:", 0) == 0) kib += std::strtoull(line.c_str() + 2, nullptr, 10) / 1024;
    }
    if (!quiet) ctx.out(fetched + "OK: " + std::to_string(kib >> 10) + " MiB in " + std::to_string(n) + " packages\n");
    ctx.sh.note("stand-in: apk upgrade: layerlab's package data holds one version of each package (the one "
                "installed), so nothing was upgraded; a real build gets whatever Alpine released since");
    return 0;
}

// Names apk_add found nowhere. layerlab has Alpine names only as a map onto
// Debian's packages, not Alpine's index: an unknown name may be a real Alpine
// package, so a labelled stand-in (added to `by_rule`); a name Alpine's naming
// rules map onto a Debian package Debian lacks (py3-X, perl-X, X-dev) is apk's
// own error (false).
bool apk_stand_ins(Ctx& ctx, const std::vector<std::string>& missing, std::deque<Package>& by_rule,
                   const std::string& out) {
    std::vector<std::string> errors;
    for (const std::string& m : missing) {
        bool by_naming_rule = m.rfind("py3-", 0) == 0 || m.rfind("perl-", 0) == 0 ||
                              (m.size() > 4 && m.compare(m.size() - 4, 4, "-dev") == 0);
        if (by_naming_rule) {
            errors.push_back(m);
            continue;
        }
        by_rule.push_back(apt_stand_in_package(m));
        ctx.sh.note("stand-in: apk package " + m + " is not in layerlab's Alpine data (a map of Alpine names onto "
                    "Debian's packages, not Alpine's index), so whether Alpine has it is not known here: a labelled "
                    "stand-in package (256 KiB of synthesized files, no dependencies) was installed; if Alpine has "
                    "no such package, the real build stops with \"ERROR: unable to select packages\"");
    }
    if (errors.empty()) return true;
    ctx.out(out);
    std::string err = "ERROR: unable to select packages:\n";
    for (const std::string& m : errors) err += "  " + m + " (no such package):\n    required by: world[" + m + "]\n";
    ctx.err(err);
    return false;
}

int p_apk(Ctx& ctx) {
    const Catalogs* cats = ctx.sh.opt.catalogs;
    const Catalog* apk = cats ? cats->apk.get() : nullptr;
    const Catalog* apt = cats ? cats->apt.get() : nullptr;
    std::vector<std::string> args(ctx.argv.begin() + 1, ctx.argv.end());
    if (std::find(args.begin(), args.end(), "--print-arch") != args.end()) {
        ctx.out("x86_64\n");  // /etc/apk/arch of an amd64 image
        return 0;
    }
    bool no_cache = false, quiet = false;
    std::string virt;
    std::string sub;
    std::vector<std::string> names;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--no-cache")
            no_cache = true;
        else if (a == "-q" || a == "--quiet")
            quiet = true;
        else if (a == "-t" || a == "--virtual")
            virt = i + 1 < args.size() ? args[++i] : "";
        else if (a == "--update" || a == "-U" || a == "--no-progress" || a == "--upgrade" || a == "-u" ||
                 a == "--force" || a == "--purge")
            ;
        else if (a == "--repository" || a == "-X" || a == "-p" || a == "--root")
            ++i;
        else if (!a.empty() && a[0] == '-')
            ;
        else if (sub.empty())
            sub = a;
        else
            names.push_back(a);
    }
    Container& c = ctx.c;
    int status = 0;
    if (sub.empty()) {
        ctx.out("apk-tools 2.14.0, compiled for x86_64.\n\nusage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]\n");
        return 1;
    }
    bool writes = sub == "add" || sub == "del" || sub == "update" || sub == "upgrade" || sub == "cache";
    if (writes && !root_or(ctx,
                           "ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: "
                           "Permission denied\n",
                           status, 99))
        return status;
    auto fetch_indexes = [&]() {
        std::string out =
            "fetch https://dl-cdn.alpinelinux.org/alpine/v3.19/main/x86_64/APKINDEX.tar.gz\n"
            "fetch https://dl-cdn.alpinelinux.org/alpine/v3.19/community/x86_64/APKINDEX.tar.gz\n";
        if (!no_cache) {
            // the index cache `apk add` keeps unless --no-cache (sizes approximated)
            (void)mkdir_p(c, "/var/cache/apk", 0755);
            write_synthetic(ctx, "/var/cache/apk/APKINDEX.3d3e0f5a.tar.gz", 667648, "apkindex");
            write_synthetic(ctx, "/var/cache/apk/APKINDEX.80f6d2c1.tar.gz", 1324032, "apkindex");
            ctx.sh.note(
                "apk's index cache (/var/cache/apk/APKINDEX.*.tar.gz, about 2 MB) is approximated; "
                "use apk add --no-cache to keep it out of the layer");
        }
        return out;
    };
    if (sub == "update") {
        if (!quiet)
            ctx.out(fetch_indexes() +
                    "v3.19.1 [https://dl-cdn.alpinelinux.org/alpine/v3.19/main]\n"
                    "v3.19.1 [https://dl-cdn.alpinelinux.org/alpine/v3.19/community]\n"
                    "OK: 22998 distinct packages available\n");
        else
            fetch_indexes();
        return 0;
    }
    if (sub == "cache" && !names.empty() && names[0] == "clean") {
        Result<std::vector<DirEntry>> ls = c.list("/var/cache/apk");
        if (ls)
            for (const DirEntry& d : *ls) (void)c.unlink("/var/cache/apk/" + d.name);
        return 0;
    }
    if (sub == "upgrade") {
        const bool fetch = no_cache || std::find(args.begin(), args.end(), "-U") != args.end() ||
                           std::find(args.begin(), args.end(), "--update-cache") != args.end();
        return apk_upgrade(ctx, fetch ? fetch_indexes() : std::string(), quiet);
    }
    if (sub == "info") {
        Result<std::string> w = c.read_text("/etc/apk/world");
        ctx.out(w ? *w : "");
        return 0;
    }
    if (sub != "add" && sub != "del") {
        ctx.err("ERROR: layerlab simulates apk add, del, update, upgrade, info and cache clean (not '" + sub + "')\n");
        return 1;
    }
    if (!apk || !apt) {
        no_catalog(ctx, "Alpine (apk)");
        ctx.err("ERROR: layerlab: no apk package data in this session\n");
        return 1;
    }
    ctx.sh.note(
        "apk packages are approximated from Debian packages (files and sizes of the Debian packages each "
        "Alpine name maps to); see assets/catalog/alpine.apk.txt");
    Result<std::string> world_text = c.read_text("/etc/apk/world");
    std::set<std::string> world;
    if (world_text)
        for (const std::string& l : split_char(*world_text, '\n'))
            if (!l.empty()) world.insert(l);
    // installed: names recorded in /lib/apk/db/installed ("P:name" lines)
    std::set<std::string> installed;
    Result<std::string> db = c.read_text("/lib/apk/db/installed", k_text_limit);
    if (db && c.store().blobs.is_literal(*c.read("/lib/apk/db/installed")))
        for (const std::string& l : split_char(*db, '\n'))
            if (l.rfind("P:", 0) == 0) installed.insert(l.substr(2));
    if (sub == "del") {
        for (const std::string& n : names) world.erase(n);
        std::string w;
        for (const std::string& n : world) w += n + "\n";
        (void)c.write_text("/etc/apk/world", w);
        ctx.out("OK: 0 MiB in " + std::to_string(installed.size()) + " packages\n");
        return 0;
    }
    std::string out = no_cache || !c.exists("/var/cache/apk") ? fetch_indexes() : "";
    // names alpine.apk.txt does not list: Alpine's naming rules (X-dev, py3-X, perl-X)
    std::deque<Package> by_rule;
    auto find = [&](const std::string& n) -> const Package* {
        if (const Package* p = apk->find(n)) return p;
        for (const Package& p : by_rule)
            if (p.name == n) return &p;
        std::optional<Package> p = apk_by_rule(*apt, n);
        if (!p) return nullptr;
        by_rule.push_back(std::move(*p));
        return &by_rule.back();
    };
    // dependency closure, dependencies first
    std::vector<const Package*> order;
    std::set<std::string> seen;
    std::function<bool(const std::string&, int)> visit = [&](const std::string& n, int depth) -> bool {
        if (seen.count(n) || installed.count(n) || depth > 64) return true;
        const Package* p = find(n);
        if (!p) return false;
        seen.insert(n);
        for (const DepClause& d : p->depends)
            if (!d.empty() && find(d[0])) visit(d[0], depth + 1);
        order.push_back(p);
        return true;
    };
    std::vector<std::string> missing;
    for (const std::string& raw : names) {
        std::string n = raw.substr(0, raw.find_first_of("=<>~"));
        if (!find(n)) missing.push_back(n);
    }
    if (!apk_stand_ins(ctx, missing, by_rule, out)) return 1;
    for (const std::string& raw : names) visit(raw.substr(0, raw.find_first_of("=<>~")), 0);
    DpkgFilter filter = DpkgFilter::parse(
        "path-exclude /usr/share/doc/*\npath-exclude /usr/share/man/*\n"
        "path-exclude /usr/share/locale/*\npath-exclude /usr/share/info/*\n");
    size_t total = order.size();
    size_t k = 0;
    std::vector<std::string> synthesized;  // Debian packages whose file list is a stand-in
    std::string installed_db;
    uint64_t bytes = 0;
    for (const Package* p : order) {
        out += "(" + std::to_string(++k) + "/" + std::to_string(total) + ") Installing " + p->name + " (" + p->version +
               "-r0)\n";
        if (!apk_unpack(ctx, *apt, *p, filter, bytes, synthesized)) return 1;
        installed_db += "C:Q1layerlab" + sha256(p->name).hex().substr(0, 20) + "=\nP:" + p->name + "\nV:" + p->version +
                        "-r0\nA:x86_64\nS:" + std::to_string(p->download_size) +
                        "\nI:" + std::to_string(p->installed_size_kib * 1024) + "\n\n";
    }
    if (!virt.empty()) {
        out = "(" + std::to_string(total + 1) + "/" + std::to_string(total + 1) + ") Installing " + virt +
              " (20240101.000000)\n" + out;
        world.insert(virt);
    } else {
        for (const std::string& n : names) world.insert(n);
    }
    out += "OK: " + std::to_string((bytes >> 20) + 7) + " MiB in " + std::to_string(installed.size() + total + 14) +
           " packages\n";
    // apk's database and world file
    (void)mkdir_p(c, "/lib/apk/db", 0755);
    append_text(ctx, "/lib/apk/db/installed", installed_db);
    std::string w;
    for (const std::string& n : world) w += n + "\n";
    (void)mkdir_p(c, "/etc/apk", 0755);
    (void)c.write_text("/etc/apk/world", w);
    write_synthetic(ctx, "/lib/apk/db/scripts.tar", 10240 + 512 * order.size(), "apk-scripts");
    for (const Package& p : by_rule)
        if (seen.count(p.name) && p.notes.size() > 1) ctx.sh.note("apk add " + p.name + ": " + p.notes.back());
    if (!synthesized.empty())
        ctx.sh.note(std::to_string(synthesized.size()) + " of the Debian packages standing in have no file list in "
                    "layerlab's data (" + synthesized.front() + (synthesized.size() > 1 ? ", ..." : "") +
                    "): their files are a stand-in synthesized from the package's section and Installed-Size");
    if (!quiet) ctx.out(out);
    return 0;
}

// ================================================================= pip

std::string norm_py(std::string n) {
    for (char& ch : n) {
        ch = char(std::tolower(static_cast<unsigned char>(ch)));
        if (ch == '-' || ch == '.') ch = '_';
    }
    return n;
}

const Package* pip_find(const Catalog& cat, const std::string& name) {
    if (const Package* p = cat.find(name)) return p;
    std::string want = norm_py(name);
    for (const auto& [n, p] : cat.packages)
        if (norm_py(n) == want) return &p;
    return nullptr;
}

// "flask>=2.0", "requests[security]==2.28", "numpy ; python_version>'3'"
std::string requirement_name(std::string r) {
    size_t cut = r.find_first_of("<>=!~;[ @");
    if (cut != std::string::npos) r = r.substr(0, cut);
    return r;
}

// pip's command line, as far as layerlab reads it (-r files read here).
struct PipArgs {
    std::string sub;
    bool no_cache = false, user = false, upgrade = false, quiet = false, yes = false, break_system = false;
    std::vector<std::string> reqs;  // requirements, from the command line and -r files
    std::string prefix, target, root;  // --prefix P, --target/-t T, --root R
};

// false: an -r file could not be read (pip's error printed).
bool pip_args(Ctx& ctx, const std::vector<std::string>& args, PipArgs& p) {
    p.no_cache = ctx.getenv("PIP_NO_CACHE_DIR") && *ctx.getenv("PIP_NO_CACHE_DIR") != "0" &&
                 *ctx.getenv("PIP_NO_CACHE_DIR") != "false";
    p.break_system = ctx.getenv("PIP_BREAK_SYSTEM_PACKAGES") != nullptr;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--no-cache-dir")
            p.no_cache = true;
        else if (a == "--user")
            p.user = true;
        else if (a == "-U" || a == "--upgrade")
            p.upgrade = true;
        else if (a == "-q" || a == "--quiet" || a == "-qq")
            p.quiet = true;
        else if (a == "-y" || a == "--yes")
            p.yes = true;
        else if (a == "--break-system-packages")
            p.break_system = true;
        else if (a == "-r" || a == "--requirement") {
            if (i + 1 >= args.size()) break;
            std::string f = args[++i];
            std::optional<std::string> t = ctx.file_text(f, true);
            if (!t) {
                ctx.err("ERROR: Could not open requirements file: [Errno 2] No such file or directory: '" + f + "'\n");
                return false;
            }
            for (std::string l : split_char(*t, '\n')) {
                size_t hash = l.find('#');
                if (hash != std::string::npos) l = l.substr(0, hash);
                while (!l.empty() && (l.back() == ' ' || l.back() == '\r' || l.back() == '\t')) l.pop_back();
                while (!l.empty() && (l[0] == ' ' || l[0] == '\t')) l.erase(0, 1);
                if (!l.empty() && l[0] != '-') p.reqs.push_back(l);
            }
        } else if (a == "--prefix" || a == "--target" || a == "-t" || a == "--root") {
            std::string v = i + 1 < args.size() ? args[++i] : "";
            (a == "--prefix" ? p.prefix : a == "--root" ? p.root : p.target) = v;
        } else if (a.rfind("--prefix=", 0) == 0 || a.rfind("--target=", 0) == 0 || a.rfind("--root=", 0) == 0) {
            std::string v = a.substr(a.find('=') + 1);
            (a[2] == 'p' ? p.prefix : a[3] == 'o' ? p.root : p.target) = v;
        } else if (a == "-i" || a == "--index-url" || a == "--extra-index-url" || a == "-c") {
            ++i;
        } else if (!a.empty() && a[0] == '-') {
        } else if (p.sub.empty()) {
            p.sub = a;
        } else {
            p.reqs.push_back(a);
        }
    }
    return true;
}

// Where pip installs: the python image's /usr/local, or Debian's system python.
struct PipPlace {
    std::string pyver = "3.11", home, site, bindir;
    bool system_python = false;
};

PipPlace pip_place(Ctx& ctx, bool user) {
    Container& c = ctx.c;
    PipPlace w;
    if (Result<std::vector<DirEntry>> ls = c.list("/usr/local/lib"); ls)
        for (const DirEntry& d : *ls)
            if (d.name.rfind("python3.", 0) == 0) w.pyver = d.name.substr(6);
    w.system_python = !c.exists("/usr/local/lib/python" + w.pyver) && c.exists("/usr/lib/python" + w.pyver);
    w.home = ctx.getenv("HOME") ? *ctx.getenv("HOME") : "/root";
    w.site = user              ? w.home + "/.local/lib/python" + w.pyver + "/site-packages"
             : w.system_python ? "/usr/local/lib/python" + w.pyver + "/dist-packages"
                               : "/usr/local/lib/python" + w.pyver + "/site-packages";
    w.bindir = user ? w.home + "/.local/bin" : "/usr/local/bin";
    // a venv's pip (/venv/bin/pip, python -m venv): its own site-packages
    const std::string venv = user ? std::string() : venv_of(ctx, program_path(ctx));
    if (!venv.empty()) {
        if (Result<std::vector<DirEntry>> ls = c.list(venv + "/lib"); ls)
            for (const DirEntry& d : *ls)
                if (d.name.rfind("python3.", 0) == 0) w.pyver = d.name.substr(6);
        w.site = venv + "/lib/python" + w.pyver + "/site-packages";
        w.bindir = venv + "/bin";
        w.system_python = false;
    }
    return w;
}

// pip freeze / pip list: the NAME-VERSION.dist-info directories of site-packages.
int pip_list(Ctx& ctx, const std::string& sub, const PipPlace& w) {
    std::string out = sub == "list" ? "Package    Version\n---------- -------\n" : "";
    Result<std::vector<DirEntry>> ls = ctx.c.list(w.site);
    if (ls)
        for (const DirEntry& d : *ls) {
            size_t e = d.name.find(".dist-info");
            if (e == std::string::npos) continue;
            std::string nv = d.name.substr(0, e);
            size_t dash = nv.rfind('-');
            if (dash == std::string::npos) continue;
            out += sub == "list" ? nv.substr(0, dash) + " " + nv.substr(dash + 1) + "\n"
                                 : nv.substr(0, dash) + "==" + nv.substr(dash + 1) + "\n";
        }
    ctx.out(out);
    return 0;
}

// The installed version of p (NAME-VERSION.dist-info, NAME compared in its canonical form), or "".
std::string pip_installed_version(const Container& c, const PipPlace& w, const Package& p) {
    Result<std::vector<DirEntry>> ls = c.list(w.site);
    if (!ls) return {};
    for (const DirEntry& d : *ls) {
        size_t e = d.name.find(".dist-info");
        if (e == std::string::npos) continue;
        std::string nv = d.name.substr(0, e);
        size_t dash = nv.rfind('-');
        if (dash != std::string::npos && norm_py(nv.substr(0, dash)) == norm_py(p.name)) return nv.substr(dash + 1);
    }
    return {};
}

int pip_uninstall(Ctx& ctx, const Catalog& pip, const PipArgs& a, const PipPlace& w) {
    Container& c = ctx.c;
    int status = 0;
    for (const std::string& r : a.reqs) {
        const Package* p = pip_find(pip, requirement_name(r));
        if (!p || pip_installed_version(c, w, *p).empty()) {
            ctx.err("WARNING: Skipping " + requirement_name(r) + " as it is not installed.\n");
            continue;
        }
        ctx.out("Found existing installation: " + p->name + " " + p->version + "\nUninstalling " + p->name + "-" +
                p->version + ":\n");
        if (!a.yes) {
            ctx.out("Proceed (Y/n)? ");
            std::string ans;
            if (!ctx.read_line(ans) || !(ans.empty() || ans[0] == 'y' || ans[0] == 'Y')) {
                ctx.out("\n");
                status = 1;
                continue;
            }
        }
        for (const CatalogFile& f : p->files) {
            if (f.type == 'd') continue;
            std::string path = f.path.rfind("site-packages/", 0) == 0 ? w.site + f.path.substr(13)
                               : f.path.rfind("bin/", 0) == 0         ? w.bindir + f.path.substr(3)
                                                                      : "";
            if (!path.empty()) (void)c.unlink(path);
        }
        for (const CatalogFile& f : p->files)
            if (f.type == 'd' && f.path.rfind("site-packages/", 0) == 0)
                (void)remove_tree(c, w.site + f.path.substr(13));
        ctx.out("  Successfully uninstalled " + p->name + "-" + p->version + "\n");
    }
    return status;
}

// The packages to install, dependencies first, with pip's "Collecting" and
// "Requirement already satisfied" lines; false (pip's error printed) when a
// requirement is unknown.
// "Django==3.2.13" -> "3.2.13"; "" when the requirement pins no exact version.
std::string pinned_of(const std::string& req) {
    size_t eq = req.find("==");
    if (eq == std::string::npos || req.compare(eq, 3, "===") == 0) return {};
    std::string v = req.substr(eq + 2);
    v = v.substr(0, v.find_first_of(",; \t"));
    return v.find('*') == std::string::npos ? v : std::string();
}

// A requirement layerlab has no data for: layerlab has no network and cannot
// ask pypi.org whether it exists, so it is a labelled stand-in (never pip's
// "No matching distribution found", which tells a student a real package does
// not exist): NAME/__init__.py saying so and NAME-VERSION.dist-info, at the
// version the requirement pins or starts from (==, >=, ~=), else 0.
Package pip_standin(const std::string& req) {
    Package q;
    q.name = requirement_name(req);
    size_t op = req.find_first_of("=>~");
    if (op != std::string::npos) {
        size_t b = req.find_first_of("0123456789", op);
        size_t e = b == std::string::npos ? b : req.find_first_not_of("0123456789.abrcpostdev", b);
        if (b != std::string::npos) q.version = req.substr(b, e == std::string::npos ? std::string::npos : e - b);
    }
    if (q.version.empty()) q.version = "0";
    q.arch = "all";
    q.download_size = 100 * 1000;
    const std::string mod = norm_py(q.name), info = "site-packages/" + mod + "-" + q.version + ".dist-info";
    auto text = [](std::string path, std::string content, uint32_t mode = 0644) {
        CatalogFile f;
        f.path = std::move(path);
        f.size = content.size();
        f.content = std::move(content);
        f.mode = mode;
        return f;
    };
    const std::string label = "layerlab stand-in: " + q.name + " " + q.version +
                              " is not in layerlab's pip data; a real build downloads it from pypi.org";
    q.files = {text("site-packages/" + mod + "/__init__.py", "# " + label + "\n"),
               text(info + "/METADATA", "Metadata-Version: 2.1\nName: " + q.name + "\nVersion: " + q.version +
                                            "\nSummary: " + label + "\n"),
               text(info + "/INSTALLER", "pip\n"),
               text(info + "/RECORD", mod + "/__init__.py,,\n" + mod + "-" + q.version + ".dist-info/METADATA,,\n")};
    q.notes.push_back("stand-in: pip: " + q.name + " " + q.version + " is not in layerlab's pip data: a labelled "
                      "placeholder (its __init__.py and dist-info); layerlab has no network, a real build downloads it "
                      "from pypi.org");
    return q;
}

bool pip_resolve(Ctx& ctx, const Catalog& pip, const PipArgs& a, const PipPlace& w,
                 std::vector<const Package*>& order, std::deque<Package>& pinned) {
    Container& c = ctx.c;
    std::set<std::string> seen;
    std::string out;
    std::vector<std::string> satisfied, stood;
    std::function<bool(const std::string&, const std::string&, int)> visit =
        [&](const std::string& req, const std::string& parent, int depth) -> bool {
        std::string n = requirement_name(req);
        const Package* p = pip_find(pip, n);
        if (!p) {
            // pip, setuptools, wheel...: in the image, not in the catalog; nothing newer is known
            Result<std::vector<DirEntry>> ls = c.list(w.site);
            if (ls)
                for (const DirEntry& d : *ls) {
                    size_t e = d.name.find(".dist-info");
                    size_t dash = d.name.rfind('-', e);
                    if (e == std::string::npos || dash == std::string::npos) continue;
                    if (norm_py(d.name.substr(0, dash)) != norm_py(n)) continue;
                    satisfied.push_back("Requirement already satisfied: " + n + " in " + w.site + " (" +
                                        d.name.substr(dash + 1, e - dash - 1) + ")" +
                                        (parent.empty() ? "" : " (from " + parent + ")"));
                    return true;
                }
            if (req.find("://") != std::string::npos || req.find('/') != std::string::npos || n.empty() ||
                n[0] == '.') {
                ctx.out(out);
                out.clear();
                ctx.err("ERROR: Could not find a version that satisfies the requirement " + req +
                        " (from versions: none)\nERROR: No matching distribution found for " + n + "\n");
                return false;
            }
            if (seen.count(norm_py(n))) return true;
            pinned.push_back(pip_standin(req));
            p = &pinned.back();
            stood.push_back(p->name + " " + p->version);
        }
        if (seen.count(p->name) || seen.count(norm_py(p->name)) || depth > 64) return true;
        seen.insert(norm_py(p->name));
        seen.insert(p->name);
        // an exact pin the data does not have: that version, stood in by the files of the one it has
        if (std::string v = pinned_of(req); !v.empty() && v != p->version) {
            pinned.push_back(pinned_version(*p, v));
            p = &pinned.back();
            ctx.sh.note(p->notes.back());
        }
        std::string have = pip_installed_version(c, w, *p);
        if (!have.empty() && !a.upgrade) {
            satisfied.push_back("Requirement already satisfied: " + n + " in " + w.site + " (" + have + ")" +
                                (parent.empty() ? "" : " (from " + parent + ")"));
            return true;
        }
        out += "Collecting " + req + (parent.empty() ? "" : " (from " + parent + ")") + "\n";
        std::string wheel = norm_py(p->name) + "-" + p->version +
                            (p->arch == "all" ? "-py3-none-any.whl" : "-cp311-cp311-manylinux_2_17_x86_64.whl");
        char size[32];
        if (p->download_size >= 1000000) {
            std::snprintf(size, sizeof size, "%.1f MB", double(p->download_size / 100000) / 10.0);
        } else {
            std::snprintf(size, sizeof size, "%llu kB", (unsigned long long)(p->download_size / 1000));
        }
        out += "  Downloading " + wheel + " (" + std::string(size) + ")\n";
        for (const DepClause& d : p->depends)
            if (!d.empty() && !visit(d[0], p->name + (p->version.empty() ? "" : "==" + p->version), depth + 1))
                return false;
        order.push_back(p);
        return true;
    };
    for (const std::string& r : a.reqs)
        if (!visit(r, "", 0)) return false;
    if (!stood.empty()) {
        std::string list;
        for (size_t i = 0; i < stood.size() && i < 8; ++i) list += (i ? ", " : "") + stood[i];
        if (stood.size() > 8) list += ", and " + std::to_string(stood.size() - 8) + " more";
        ctx.sh.note("stand-in: pip: " + std::to_string(stood.size()) + " requirement" +
                    (stood.size() == 1 ? " is" : "s are") + " not in layerlab's pip data (" + list +
                    "): each is a labelled placeholder (its __init__.py and dist-info); layerlab has no network, "
                    "a real build downloads them from pypi.org");
    }
    std::string done;
    for (const std::string& s : satisfied) done += s + "\n";
    if (!a.quiet) ctx.out(done + out);
    return true;
}

// The packages' files into site-packages and bin, and pip's HTTP cache
// keeping each downloaded wheel; false when the run was stopped.
bool pip_unpack(Ctx& ctx, const std::vector<const Package*>& order, const PipArgs& a, const PipPlace& w) {
    for (const Package* p : order) {
        if (ctx.stopped()) return false;
        if (!ctx.sh.charge(p->files.size() / 8 + 1)) return false;
        for (const CatalogFile& f : p->files) {
            std::string path;
            if (f.path.rfind("site-packages", 0) == 0) {
                path = w.site + f.path.substr(13);
            } else if (f.path.rfind("bin", 0) == 0) {
                path = w.bindir + f.path.substr(3);
            } else {
                continue;
            }
            while (path.size() > 1 && path.back() == '/') path.pop_back();
            (void)place(ctx, f, path, "pip:" + p->name);
        }
        if (!a.no_cache) {
            std::string h = sha256("pip:" + p->name + "-" + p->version).hex().substr(0, 56);
            std::string dir = w.home + "/.cache/pip/http/" + h.substr(0, 1) + "/" + h.substr(1, 1) + "/" +
                              h.substr(2, 1) + "/" + h.substr(3, 1) + "/" + h.substr(4, 1);
            write_synthetic(ctx, dir + "/" + h.substr(5), p->download_size, "pip-cache");
        }
    }
    return true;
}

int p_pip(Ctx& ctx) {
    const Catalogs* cats = ctx.sh.opt.catalogs;
    const Catalog* pip = cats ? cats->pip.get() : nullptr;
    Container& c = ctx.c;
    std::vector<std::string> args(ctx.argv.begin() + 1, ctx.argv.end());
    if (args.empty()) {
        ctx.out("\nUsage:   \n  pip <command> [options]\n");
        return 0;
    }
    if (args[0] == "--version" || args[0] == "-V") {
        ctx.out("pip 23.0.1 from /usr/local/lib/python3.11/site-packages/pip (python 3.11)\n");
        return 0;
    }
    PipArgs a;
    if (!pip_args(ctx, args, a)) return 1;
    PipPlace w = pip_place(ctx, a.user);
    // --prefix P: P/lib/pythonX.Y/site-packages and P/bin; --target T: T itself
    // (scripts in T/bin); --root R: the usual places under R (pip's own layout)
    if (!a.prefix.empty()) {
        w.site = ctx.path(a.prefix) + "/lib/python" + w.pyver + "/site-packages";
        w.bindir = ctx.path(a.prefix) + "/bin";
    } else if (!a.target.empty()) {
        w.site = ctx.path(a.target);
        w.bindir = ctx.path(a.target) + "/bin";
    }
    if (!a.root.empty()) {
        const std::string r = ctx.path(a.root);
        w.site = (r == "/" ? "" : r) + w.site;
        w.bindir = (r == "/" ? "" : r) + w.bindir;
    }
    if (a.sub == "freeze" || a.sub == "list") return pip_list(ctx, a.sub, w);
    if (a.sub == "cache" && !a.reqs.empty() && a.reqs[0] == "purge") {
        (void)remove_tree(c, w.home + "/.cache/pip");
        ctx.out("Files removed: 0\n");
        return 0;
    }
    if (a.sub != "install" && a.sub != "uninstall") {
        ctx.err("ERROR: unknown command \"" + a.sub + "\" (layerlab simulates pip install, uninstall, freeze, list)\n");
        return 1;
    }
    const bool managed = w.system_python && !a.user && !a.break_system &&
                         c.exists("/usr/lib/python" + w.pyver + "/EXTERNALLY-MANAGED");
    if (managed && !ctx.sh.opt.base_is_real) {
        // the marker is Debian bookworm's python's; the real image's may have none (PEP 668 came with
        // Debian 12 and Ubuntu 23.04)
        ctx.sh.note("stand-in: pip install: layerlab's base here is not the real image: its python is Debian "
                    "bookworm's, which is externally managed (PEP 668), while the real image's may not be (Ubuntu "
                    "before 23.04, Debian before 12 and the images built on them): the install went ahead, where the "
                    "real one may refuse with error: externally-managed-environment");
    } else if (managed) {
        ctx.err(
            "error: externally-managed-environment\n\n"
            "\xc3\x97 This environment is externally managed\n"
            "\xe2\x95\xb0\xe2\x94\x80> To install Python packages system-wide, try apt install\n"
            "    python3-xyz, where xyz is the package you are trying to\n"
            "    install.\n\n"
            "note: If you believe this is a mistake, please contact your Python installation or OS distribution "
            "provider. You can override this, at the risk of breaking your Python installation or OS, by passing "
            "--break-system-packages.\nhint: See PEP 668 for the detailed specification.\n");
        return 1;
    }
    if (!pip) {
        no_catalog(ctx, "PyPI (pip)");
        ctx.err("ERROR: layerlab: no PyPI package data in this session\n");
        return 1;
    }
    ctx.sh.note("pip packages are approximated from Debian's python3-* packages (assets/catalog/pypi.pip.txt)");
    if (a.sub == "uninstall") return pip_uninstall(ctx, *pip, a, w);
    if (a.reqs.empty()) {
        ctx.err("ERROR: You must give at least one requirement to install (see \"pip help install\")\n");
        return 1;
    }
    std::vector<const Package*> order;
    std::deque<Package> pinned;  // versions the data lacks, stood in (pinned_version)
    if (!pip_resolve(ctx, *pip, a, w, order, pinned)) return 1;
    if (order.empty()) return 0;
    std::string names;
    for (const Package* p : order) names += (names.empty() ? "" : ", ") + p->name;
    if (!pip_unpack(ctx, order, a, w)) return 1;
    std::string inst;
    std::vector<const Package*> sorted = order;
    std::sort(sorted.begin(), sorted.end(), [](const Package* x, const Package* y) { return x->name < y->name; });
    for (const Package* p : sorted) inst += " " + p->name + "-" + p->version;
    if (!a.quiet) {
        ctx.out("Installing collected packages: " + names + "\nSuccessfully installed" + inst + "\n");
        if (c.cred().uid == 0 && !a.user)
            ctx.err(
                "WARNING: Running pip as the 'root' user can result in broken permissions and conflicting "
                "behaviour with the system package manager. It is recommended to use a virtual environment "
                "instead: https://pip.pypa.io/warnings/venv\n");
    }
    if (a.no_cache) return 0;
    ctx.sh.note("pip kept its download cache in " + w.home +
                "/.cache/pip (pip install --no-cache-dir keeps it out of the layer)");
    return 0;
}

// ================================================================= npm

std::string json_escape(const std::string& s) {
    std::string o;
    for (char ch : s) {
        if (ch == '"' || ch == '\\') o += '\\';
        o += ch;
    }
    return o;
}

// The "dependencies" (or "devDependencies") object of a parsed package.json:
// name -> version range; entries whose range is not a string are left out.
std::map<std::string, std::string> json_deps(const nlohmann::json& pkg, const char* key) {
    std::map<std::string, std::string> out;
    if (!pkg.is_object()) return out;
    auto it = pkg.find(key);
    if (it == pkg.end() || !it->is_object()) return out;
    for (const auto& [name, range] : it->items())
        if (range.is_string()) out[name] = range.get<std::string>();
    return out;
}

// npm's command line, as far as layerlab reads it.
struct NpmArgs {
    std::string sub;  // install, ci, uninstall, cache, ...
    bool global = false, production = false, force = false, silent = false, save_dev = false;
    std::vector<std::string> names;  // the packages named after the subcommand
};

NpmArgs npm_args(const std::vector<std::string>& args) {
    NpmArgs n;
    for (const std::string& a : args) {
        if (a == "-g" || a == "--global")
            n.global = true;
        else if (a == "--production" || a == "--omit=dev" || a == "--only=production")
            n.production = true;
        else if (a == "--force" || a == "-f")
            n.force = true;
        else if (a == "--silent" || a == "-s" || a == "--quiet" || a == "--loglevel=error")
            n.silent = true;
        else if (a == "-D" || a == "--save-dev")
            n.save_dev = true;
        else if (!a.empty() && a[0] == '-')
            ;
        else if (n.sub.empty())
            n.sub = a;
        else
            n.names.push_back(a);
    }
    if (n.sub == "i" || n.sub == "add") n.sub = "install";
    return n;
}

// npm-package-arg's check of a registry name (validate-npm-package-name's
// errors; its warnings, such as capital letters, are allowed for old packages).
// Specs that are not names (paths, URLs, git:, github:, tarballs) are not checked.
// Returns npm's reason, or "" when the name is valid.
std::string npm_name_error(const std::string& name) {
    if (name.empty()) return "name length must be greater than zero";
    if (name[0] == '.') return "name cannot start with a period";
    if (name[0] == '_') return "name cannot start with an underscore";
    if (name.front() == ' ' || name.back() == ' ') return "name cannot contain leading or trailing spaces";
    if (name == "node_modules" || name == "favicon.ico") return name + " is a blocklisted name";
    if (name.size() > 214) return "name can no longer contain more than 214 characters";
    auto url_friendly = [](std::string_view part) {  // encodeURIComponent(part) == part
        if (part.empty()) return false;
        for (char ch : part) {
            unsigned char u = static_cast<unsigned char>(ch);
            bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                      std::string_view("-_.!~*'()").find(ch) != std::string_view::npos;
            if (!ok) return false;
        }
        return true;
    };
    std::string_view v = name;
    if (v[0] == '@') {  // @scope/name: each part on its own
        size_t slash = v.find('/');
        if (slash != std::string_view::npos && url_friendly(v.substr(1, slash - 1)) &&
            url_friendly(v.substr(slash + 1)))
            return "";
    } else if (url_friendly(v)) {
        return "";
    }
    return "name can only contain URL-friendly characters";
}

// True for an npm install argument that names a registry package (name or
// name@range), as opposed to a path, URL, tarball or git/github spec.
bool npm_registry_spec(const std::string& raw) {
    if (raw.empty()) return true;
    if (raw[0] == '.' && (raw.size() == 1 || raw[1] == '/' || raw[1] == '.')) return false;
    if (raw[0] == '/' || raw[0] == '~') return false;
    if (raw.find(':') != std::string::npos) return false;  // git+https:, github:, file:, http:
    if (raw.size() > 4 && (raw.ends_with(".tgz") || raw.ends_with(".tar.gz"))) return false;
    size_t slash = raw.find('/');
    return slash == std::string::npos || raw[0] == '@';  // user/repo is a GitHub shortcut
}

// npm cache clean [--force]
int npm_cache_clean(Ctx& ctx, const NpmArgs& a, const std::string& home) {
    if (a.names.empty() || a.names[0] != "clean") return 0;
    if (!a.force) {
        ctx.err(
            "npm ERR! As of npm@5, the npm cache self-heals from corruption issues\nnpm ERR! by treating "
            "integrity mismatches as cache misses.  As a result,\nnpm ERR! data extracted from the cache is "
            "guaranteed to be valid.  If you\nnpm ERR! want to make sure everything is consistent, use `npm "
            "cache verify`\nnpm ERR! instead.  Deleting the cache can only make npm go slower, and is\nnpm "
            "ERR! not likely to correct any problems you may be encountering!\n");
        return 1;
    }
    (void)remove_tree(ctx.c, home + "/.npm/_cacache");
    ctx.err("npm WARN using --force Recommended protections disabled.\n");
    return 0;
}

// The project npm works on: where its files are and what package.json says.
struct NpmProject {
    std::string dir, pj_path, lock_path, node_modules, home;
    std::optional<std::string> package_json;  // its text, when it exists
    std::map<std::string, std::string> deps, dev_deps;
};

// Reads package.json (not for -g); false when it is not JSON (npm's EJSONPARSE printed).
bool npm_project(Ctx& ctx, const NpmArgs& a, NpmProject& pr) {
    pr.dir = a.global ? "/usr/local/lib" : ctx.cwd();
    pr.pj_path = pr.dir + "/package.json";
    pr.lock_path = pr.dir + "/package-lock.json";
    pr.node_modules = pr.dir + "/node_modules";
    pr.home = ctx.getenv("HOME") ? *ctx.getenv("HOME") : "/root";
    Result<std::string> pj = ctx.c.read_text(pr.pj_path);
    if (pj) pr.package_json = *pj;
    if (a.global || !pj) return true;
    const nlohmann::json pkg = nlohmann::json::parse(*pj, nullptr, /*allow_exceptions=*/false);
    if (pkg.is_discarded()) {
        // npm reads package.json with JSON.parse and stops on a syntax error
        ctx.err("npm ERR! code EJSONPARSE\nnpm ERR! path " + pr.pj_path +
                "\nnpm ERR! JSON.parse Failed to parse JSON data.\nnpm ERR! JSON.parse Note: package.json must "
                "be actual JSON, not just JavaScript.\n");
        return false;
    }
    pr.deps = json_deps(pkg, "dependencies");
    pr.dev_deps = json_deps(pkg, "devDependencies");
    return true;
}

// The packages to install with their dependencies, dependencies first. A
// name layerlab has no data for becomes a labelled stand-in (npm_standin.cpp)
// at the version `specs` asks: layerlab cannot ask the registry whether it exists.
bool npm_resolve(Ctx& ctx, const Catalog& npm, const std::vector<std::string>& want,
                 const std::map<std::string, std::string>& specs, std::vector<const Package*>& order,
                 std::vector<NpmStandin>& standins) {
    Container& c = ctx.c;
    std::set<std::string> seen;
    std::function<void(const std::string&, int)> visit = [&](const std::string& n, int depth) {
        if (seen.count(n) || depth > 64) return;
        seen.insert(n);
        const Package* p = npm.find(n);
        if (!p && (n == "npm" || n == "corepack" || n == "yarn") &&
            (c.exists("/usr/local/lib/node_modules/" + n) || c.exists("/usr/share/nodejs/" + n) ||
             c.exists("/usr/lib/node_modules/" + n))) {
            return;  // part of the image; nothing newer is known
        }
        if (!p) {
            auto sp = specs.find(n);
            standins.push_back(npm_standin_for(n, sp == specs.end() ? std::string() : sp->second));
            return;
        }
        for (const DepClause& d : p->depends)
            if (!d.empty() && npm.find(d[0])) visit(d[0], depth + 1);
        order.push_back(p);
    };
    for (const std::string& n : want) visit(n, 0);
    return !ctx.stopped();
}

// npm ci: the packages package-lock.json pins (lockfileVersion 2/3 "packages",
// or 1's "dependencies"), top level only, with their versions; false when the
// lock names none (then package.json's dependencies are used).
bool npm_lock_packages(const std::string& lock_text, bool production, std::map<std::string, std::string>& out) {
    const nlohmann::json lock = nlohmann::json::parse(lock_text, nullptr, false);
    if (!lock.is_object()) return false;
    auto take = [&](const std::string& name, const nlohmann::json& e) {
        if (!e.is_object() || (e.contains("link") && e["link"] == true)) return;
        if (production && e.contains("dev") && e["dev"] == true) return;
        out[name] = e.contains("version") && e["version"].is_string() ? e["version"].get<std::string>() : "";
    };
    if (lock.contains("packages") && lock["packages"].is_object()) {
        for (const auto& [key, e] : lock["packages"].items()) {
            if (key.rfind("node_modules/", 0) != 0) continue;
            std::string name = key.substr(13);
            if (name.find("/node_modules/") != std::string::npos) continue;  // nested copies
            take(name, e);
        }
    } else if (lock.contains("dependencies") && lock["dependencies"].is_object()) {
        for (const auto& [name, e] : lock["dependencies"].items()) take(name, e);
    }
    return !out.empty();
}

// node_modules/<files> of each package and its npm cache entries
// (~/.npm/_cacache: one content blob and one index entry per tarball).
// Returns how many packages were new, or nullopt when the run was stopped.
std::optional<uint64_t> npm_unpack(Ctx& ctx, const std::vector<const Package*>& order, const NpmProject& pr) {
    Container& c = ctx.c;
    uint64_t added = 0;
    for (const Package* p : order) {
        if (ctx.stopped()) return std::nullopt;
        if (!ctx.sh.charge(p->files.size() / 8 + 1)) return std::nullopt;
        bool fresh = !c.exists(pr.node_modules + "/" + p->name);
        if (fresh) ++added;
        for (const CatalogFile& f : p->files) {
            if (f.path.rfind("node_modules", 0) != 0) continue;
            std::string path = pr.dir + "/" + f.path;
            if (path.back() == '/') path.pop_back();
            (void)place(ctx, f, path, "npm:" + p->name, pr.dir + "/");
        }
        std::string h = sha256("npm:" + p->name + "@" + p->version).hex();
        write_synthetic(
            ctx,
            pr.home + "/.npm/_cacache/content-v2/sha512/" + h.substr(0, 2) + "/" + h.substr(2, 2) + "/" + h.substr(4),
            p->download_size, "npm-cache");
        std::string ih = sha256("index:" + p->name).hex();
        append_text(
            ctx, pr.home + "/.npm/_cacache/index-v5/" + ih.substr(0, 2) + "/" + ih.substr(2, 2) + "/" + ih.substr(4),
            "\n" + sha256(p->name).hex().substr(0, 40) +
                "\t{\"key\":\"make-fetch-happen:request-cache:https://"
                "registry.npmjs.org/" +
                p->name + "/-/" + p->name + "-" + p->version + ".tgz\",\"integrity\":\"sha512-" + h.substr(0, 86) +
                "==\",\"time\":" + std::to_string(c.now()) + "000,\"size\":" + std::to_string(p->download_size) + "}");
    }
    return added;
}

// package.json (new dependencies recorded) and the lock files.
// (npm ci leaves package-lock.json as it is: write_lock false.)
void npm_write_manifests(Ctx& ctx, const NpmArgs& a, const std::vector<std::string>& want,
                         const std::vector<const Package*>& order, const std::vector<NpmStandin>& standins,
                         NpmProject& pr, bool write_lock) {
    Container& c = ctx.c;
    std::map<std::string, std::string> versions;  // name -> version installed
    for (const Package* p : order) versions[p->name] = p->version;
    for (const NpmStandin& s : standins) versions[s.name] = s.version;
    for (const std::string& n : want) {
        if (!versions.count(n) || pr.deps.count(n) || pr.dev_deps.count(n)) continue;
        (a.save_dev ? pr.dev_deps : pr.deps)[n] = "^" + versions[n];
    }
    std::string name = basename_of(pr.dir);
    if (name == "/") name = "root";
    auto obj = [](const std::map<std::string, std::string>& m) {
        std::string s;
        for (const auto& [k, v] : m)
            s += std::string(s.empty() ? "" : ",\n") + "    \"" + json_escape(k) + "\": \"" + json_escape(v) + "\"";
        return s;
    };
    if (!pr.package_json) {
        std::string text = "{\n  \"dependencies\": {\n" + obj(pr.deps) + "\n  }";
        if (!pr.dev_deps.empty()) text += ",\n  \"devDependencies\": {\n" + obj(pr.dev_deps) + "\n  }";
        text += "\n}\n";
        (void)c.write_text(pr.pj_path, text);
    } else if (!a.names.empty()) {
        std::string text = *pr.package_json;
        std::string key = a.save_dev ? "devDependencies" : "dependencies";
        const std::map<std::string, std::string>& m = a.save_dev ? pr.dev_deps : pr.deps;
        size_t k = text.find("\"" + key + "\"");
        std::string block = "\"" + key + "\": {\n" + obj(m) + "\n  }";
        if (k != std::string::npos) {
            size_t close = text.find('}', text.find('{', k));
            text.replace(k, close - k + 1, block);
        } else {
            size_t last = text.rfind('}');
            if (last != std::string::npos) {
                std::string before = text.substr(0, last);
                while (!before.empty() && (before.back() == '\n' || before.back() == ' ')) before.pop_back();
                text = before + (before.size() > 1 ? ",\n  " : "\n  ") + block + "\n}\n";
            }
        }
        (void)c.write_text(pr.pj_path, text);
    }
    std::string lock = "{\n  \"name\": \"" + json_escape(name) +
                       "\",\n  \"lockfileVersion\": 3,\n  \"requires\": true,\n  \"packages\": {";
    bool first = true;
    for (const auto& [n, v] : versions) {
        const std::string tail = n.substr(n.rfind('/') + 1);  // @scope/x -> x-1.0.0.tgz
        lock += std::string(first ? "\n" : ",\n") + "    \"node_modules/" + json_escape(n) +
                "\": {\n      \"version\": \"" + json_escape(v) + "\",\n      \"resolved\": \"https://registry.npmjs.org/" +
                n + "/-/" + tail + "-" + json_escape(v) + ".tgz\"\n    }";
        first = false;
    }
    lock += "\n  }\n}\n";
    ctx.sh.charge_data(lock.size() * 2);
    if (write_lock) (void)c.write_text(pr.lock_path, lock);
    (void)mkdir_p(c, pr.node_modules, 0755);
    (void)c.write_text(pr.node_modules + "/.package-lock.json", lock);
}

int p_npm(Ctx& ctx) {
    const Catalogs* cats = ctx.sh.opt.catalogs;
    const Catalog* npm = cats ? cats->npm.get() : nullptr;
    Container& c = ctx.c;
    std::vector<std::string> args(ctx.argv.begin() + 1, ctx.argv.end());
    NpmArgs a = npm_args(args);
    if (a.sub == "-v" || (args.size() == 1 && (args[0] == "-v" || args[0] == "--version"))) {
        ctx.out("9.2.0\n");
        return 0;
    }
    if (a.sub == "cache") return npm_cache_clean(ctx, a, ctx.getenv("HOME") ? *ctx.getenv("HOME") : "/root");
    if (a.sub == "run" || a.sub == "run-script" || a.sub == "test" || a.sub == "start")
        return npm_run_script(ctx, "npm", a.sub == "test" || a.sub == "start" ? a.sub : a.names.empty() ? "" : a.names[0]);
    if (a.sub != "install" && a.sub != "ci" && a.sub != "uninstall" && a.sub != "rm") {
        ctx.err("npm ERR! layerlab simulates npm install, ci, uninstall and cache clean (not '" + a.sub + "')\n");
        return 1;
    }
    if (!npm) {
        no_catalog(ctx, "npm");
        ctx.err("npm ERR! layerlab: no npm package data in this session\n");
        return 1;
    }
    ctx.sh.note("npm packages are approximated from Debian's node-* packages (assets/catalog/npm.npm.txt)");
    NpmProject pr;
    if (!npm_project(ctx, a, pr)) return 1;
    if (a.sub == "ci") {
        if (!c.exists(pr.lock_path)) {
            ctx.err(
                "npm ERR! code EUSAGE\nnpm ERR! \nnpm ERR! The `npm ci` command can only install with an existing "
                "package-lock.json or\nnpm ERR! npm-shrinkwrap.json with lockfileVersion >= 1. Run an install with "
                "npm@5 or\nnpm ERR! later to generate a package-lock.json file, then try again.\n");
            return 1;
        }
        (void)remove_tree(c, pr.node_modules);
        a.names.clear();
    }
    if ((a.sub == "install" || a.sub == "ci") && a.names.empty() && !a.global && !pr.package_json) {
        ctx.err("npm ERR! code ENOENT\nnpm ERR! syscall open\nnpm ERR! path " + pr.pj_path +
                "\nnpm ERR! errno -2\nnpm ERR! enoent ENOENT: no such file or directory, open '" + pr.pj_path +
                "'\nnpm ERR! enoent This is related to npm not being able to find a file.\n");
        return 254;
    }
    if (a.sub == "uninstall" || a.sub == "rm") {
        for (const std::string& n : a.names) {
            (void)remove_tree(c, pr.node_modules + "/" + n);
            pr.deps.erase(n);
        }
        ctx.out("\nremoved " + std::to_string(a.names.size()) + " package" + (a.names.size() == 1 ? "" : "s") +
                " in 1s\n");
        return 0;
    }
    // what to install: the named packages, or the lock's (npm ci), or package.json's
    std::vector<std::string> want;
    std::map<std::string, std::string> specs;  // name -> version or range asked
    std::map<std::string, std::string> locked;
    Result<std::string> lock_text = c.read_text(pr.lock_path);
    if (!a.names.empty()) {
        for (const std::string& raw : a.names) {
            std::string n = raw;
            size_t at = n.find('@', n[0] == '@' ? 1 : 0);
            if (at != std::string::npos) {
                specs[n.substr(0, at)] = n.substr(at + 1);
                n = n.substr(0, at);
            }
            if (std::string why = npm_registry_spec(raw) ? npm_name_error(n) : ""; !why.empty()) {
                ctx.err("npm ERR! code EINVALIDPACKAGENAME\nnpm ERR! Invalid package name \"" + n +
                        "\" of package \"" + raw + (at == std::string::npos ? "@*" : "") + "\": " + why +
                        ".\n");
                return 1;
            }
            want.push_back(n);
        }
    } else if (a.sub == "ci" && lock_text && npm_lock_packages(*lock_text, a.production, locked)) {
        for (const auto& [k, v] : locked) want.push_back(k);
        specs = locked;
    } else {
        for (const auto& [k, v] : pr.deps) want.push_back(k);
        specs = pr.deps;
        if (!a.production)
            for (const auto& [k, v] : pr.dev_deps) {
                want.push_back(k);
                specs.emplace(k, v);
            }
    }
    std::vector<const Package*> order;
    std::vector<NpmStandin> standins;
    if (!npm_resolve(ctx, *npm, want, specs, order, standins)) return 1;
    std::optional<uint64_t> added = npm_unpack(ctx, order, pr);
    if (!added) return 1;
    const std::string bin_dir = a.global ? "/usr/local/bin" : pr.node_modules + "/.bin";
    for (const NpmStandin& s : standins) {
        if (ctx.stopped()) return 1;
        if (!c.exists(pr.node_modules + "/" + s.name)) ++*added;
        if (!npm_put_standin(ctx, s, pr.node_modules, bin_dir)) {
            ctx.err("npm ERR! code EACCES\nnpm ERR! syscall mkdir\nnpm ERR! path " + pr.node_modules + "/" + s.name + "\n");
            return 1;
        }
    }
    if (!standins.empty()) ctx.sh.note(npm_standin_note(standins));
    if (!a.global) npm_write_manifests(ctx, a, want, order, standins, pr, a.sub != "ci");
    if (!a.silent) {
        std::string out = "\nadded " + std::to_string(*added) + " package" + (*added == 1 ? "" : "s") +
                          ", and audited " + std::to_string(order.size() + standins.size() + 1) +
                          " packages in 2s\n\nfound 0 vulnerabilities\n";
        ctx.out(out);
    }
    ctx.sh.note("npm kept its cache in " + pr.home + "/.npm/_cacache (npm cache clean --force removes it)");
    return 0;
}

}  // namespace

std::vector<ProgramDef> pkg_programs() {
    return {
        {"apk", p_apk},         {"apt", p_apt_get}, {"apt-cache", p_apt_cache},
        {"apt-get", p_apt_get}, {"dpkg", p_dpkg},   {"npm", p_npm},
        {"pip", p_pip},         {"pip3", p_pip},
    };
}

}  // namespace ll::shell
