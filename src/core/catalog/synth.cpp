// synth.cpp: a plausible file list for a Debian package whose real file list
// is not in layerlab's data (the ~63,000 packages of debian-bookworm.index.txt
// outside debian-bookworm.apt.txt). Names, versions, dependencies and
// Installed-Size are Debian's; the files are a stand-in laid out the way
// Debian packages of that kind are (Debian Policy: shared libraries in the
// multiarch directory with their SONAME link, headers and the .so link in
// -dev packages, python3 modules in dist-packages, perl modules in perl5,
// programs in /usr/bin, documentation in /usr/share/doc/NAME), so that layer
// sizes and paths stay close to what a real install adds.
//
// Index of this file: hash_of, Synth (dir, file, link, finish), soname_of,
// module_of, lay_library, lay_dev, lay_python, lay_payload, synthesize_files, apk_by_rule,
// pinned_version
#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

#include "core/catalog/catalog.h"

namespace ll {

namespace {

constexpr std::string_view kMultiarch = "/usr/lib/x86_64-linux-gnu";

uint64_t hash_of(std::string_view s, uint64_t salt) {
    uint64_t h = 1469598103934665603ull ^ salt;
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return h;
}

bool ends_with(std::string_view s, std::string_view e) {
    return s.size() >= e.size() && s.substr(s.size() - e.size()) == e;
}
bool starts(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Collects entries; the ancestors of every path become directories.
struct Synth {
    std::vector<CatalogFile> files;
    std::set<std::string> dirs;
    uint64_t bytes = 0;

    void dir(const std::string& path) {
        for (size_t i = 1; i <= path.size(); ++i)
            if (i == path.size() || path[i] == '/') {
                std::string d = path.substr(0, i);
                if (dirs.insert(d).second) {
                    CatalogFile f;
                    f.path = d;
                    f.type = 'd';
                    f.mode = 0755;
                    files.push_back(std::move(f));
                }
            }
    }
    void parent(const std::string& path) { dir(path.substr(0, path.rfind('/'))); }
    void file(const std::string& path, uint64_t size, uint32_t mode = 0644) {
        parent(path);
        CatalogFile f;
        f.path = path;
        f.type = 'f';
        f.mode = mode;
        f.size = size;
        bytes += size;
        files.push_back(std::move(f));
    }
    void link(const std::string& path, const std::string& target) {
        parent(path);
        CatalogFile f;
        f.path = path;
        f.type = 'l';
        f.mode = 0777;
        f.link = target;
        files.push_back(std::move(f));
    }
};

// libfoo1 -> ("libfoo", "1"); libgtk-3-0 -> ("libgtk-3", "0"); libssl3t64 ->
// ("libssl", "3"); libpython3.11 -> ("libpython3.11", "1.0"): the SONAME Debian
// derives the package name from (Policy 8.1), read backwards.
std::pair<std::string, std::string> soname_of(std::string name) {
    if (ends_with(name, "t64")) name.resize(name.size() - 3);
    for (std::string_view suffix : {"-gnutls", "-openssl", "-nss", "-heimdal"})
        if (ends_with(name, suffix)) name.resize(name.size() - suffix.size());
    size_t i = name.size();
    while (i > 3 && (std::isdigit(static_cast<unsigned char>(name[i - 1])) || name[i - 1] == '.')) --i;
    std::string stem = name.substr(0, i), version = name.substr(i);
    if (version.empty() || version.front() == '.') return {name, "1.0"};
    if (!stem.empty() && (stem.back() == '-' || stem.back() == '_')) stem.pop_back();
    return {stem, version};
}

// python3-foo-bar -> foo_bar; libfoo-bar-perl -> Foo/Bar; node-foo -> foo.
std::string module_of(std::string_view name, std::string_view prefix, std::string_view suffix, char sep) {
    std::string m(name.substr(prefix.size(), name.size() - prefix.size() - suffix.size()));
    if (m.empty()) m = std::string(name);
    for (char& c : m)
        if (c == '-') c = sep;
    return m;
}

// Spreads `bytes` over `n` files named by `name_of(i)` (mode `mode`).
template <class F>
void spread(Synth& s, uint64_t bytes, size_t n, F name_of, uint32_t mode = 0644) {
    n = std::max<size_t>(1, n);
    for (size_t i = 0; i < n; ++i) s.file(name_of(i), bytes / n + (i == 0 ? bytes % n : 0), mode);
}

// How many files `bytes` of payload become: one per ~2 MiB, 1 to 40.
size_t pieces(uint64_t bytes, size_t at_least = 1) {
    return std::clamp<size_t>(static_cast<size_t>(bytes >> 21), at_least, 40);
}

void lay_library(Synth& s, const Package& p, uint64_t budget) {
    auto [stem, ver] = soname_of(p.name);
    std::string so = std::string(kMultiarch) + "/" + stem + ".so." + ver;
    std::string real = ver.find('.') == std::string::npos ? so + ".0.0" : so;
    if (real != so) s.link(so, real.substr(real.rfind('/') + 1));
    s.file(real, budget);
}

void lay_dev(Synth& s, const Package& p, uint64_t budget) {
    std::string base = p.name.substr(0, p.name.size() - 4);  // "-dev"
    std::string lib = starts(base, "lib") ? base : "lib" + base;
    auto [stem, ver] = soname_of(lib);
    std::string hdr = starts(stem, "lib") ? stem.substr(3) : stem;
    if (hdr.empty()) hdr = base;
    uint64_t headers = budget / 3, archive = budget - headers;
    size_t n = std::clamp<size_t>(static_cast<size_t>(headers / 12000), 1, 40);
    spread(s, headers, n, [&](size_t i) {
        return "/usr/include/" + hdr + "/" + (i == 0 ? hdr : hdr + "-" + std::to_string(i)) + ".h";
    });
    s.link(std::string(kMultiarch) + "/" + stem + ".so", stem + ".so." + ver);
    s.file(std::string(kMultiarch) + "/" + stem + ".a", archive > 400 ? archive - 400 : archive);
    s.file(std::string(kMultiarch) + "/pkgconfig/" + hdr + ".pc", std::min<uint64_t>(archive, 400));
}

void lay_python(Synth& s, const Package& p, uint64_t budget) {
    std::string m = module_of(p.name, "python3-", "", '_');
    std::string dir = "/usr/lib/python3/dist-packages/" + m;
    std::string ver = p.version.substr(p.version.find(':') + 1);
    ver = ver.substr(0, ver.find_first_of("-+~"));
    uint64_t meta = std::min<uint64_t>(budget, 2048);
    s.file("/usr/lib/python3/dist-packages/" + m + "-" + ver + ".egg-info/PKG-INFO", meta);
    spread(s, budget - meta, std::clamp<size_t>(static_cast<size_t>((budget - meta) / 16000), 1, 60),
           [&](size_t i) { return dir + "/" + (i == 0 ? std::string("__init__") : "module" + std::to_string(i)) + ".py"; });
}

// The rest of the package by its kind (lib*, -dev and python3-* above).
void lay_payload(Synth& s, const Package& p, uint64_t budget) {
    const std::string& n = p.name;
    const std::string& sec = p.section;
    if (budget == 0) return;
    if (ends_with(n, "-dev") && n.size() > 4) return lay_dev(s, p, budget);
    if (starts(n, "python3-")) return lay_python(s, p, budget);
    if (starts(n, "lib") && ends_with(n, "-perl")) {
        std::string m = module_of(n, "lib", "-perl", '/');
        if (!m.empty()) m[0] = char(std::toupper(static_cast<unsigned char>(m[0])));
        return spread(s, budget, pieces(budget), [&](size_t i) {
            return "/usr/share/perl5/" + m + (i == 0 ? std::string() : "/Part" + std::to_string(i)) + ".pm";
        });
    }
    if (starts(n, "node-")) {
        std::string m = module_of(n, "node-", "", '-');
        s.file("/usr/share/nodejs/" + m + "/package.json", std::min<uint64_t>(budget, 1200));
        if (budget > 1200)
            spread(s, budget - 1200, pieces(budget - 1200),
                   [&](size_t i) { return "/usr/share/nodejs/" + m + "/" + (i ? "lib" + std::to_string(i) : "index") + ".js"; });
        return;
    }
    if (starts(n, "ruby-")) {
        std::string m = module_of(n, "ruby-", "", '_');
        return spread(s, budget, pieces(budget), [&](size_t i) {
            return "/usr/lib/ruby/vendor_ruby/" + m + (i ? "/part" + std::to_string(i) : std::string()) + ".rb";
        });
    }
    if (starts(n, "fonts-") || sec == "fonts")
        return spread(s, budget, pieces(budget), [&](size_t i) {
            return "/usr/share/fonts/truetype/" + module_of(n, "fonts-", "", '-') + "/" + n + "-" + std::to_string(i) + ".ttf";
        });
    if (starts(n, "firmware-") || sec == "kernel")
        return spread(s, budget, pieces(budget), [&](size_t i) { return "/usr/lib/firmware/" + n + "/" + n + "-" + std::to_string(i) + ".bin"; });
    if (ends_with(n, "-doc") || sec == "doc")
        return spread(s, budget, pieces(budget, 2), [&](size_t i) { return "/usr/share/doc/" + n + "/html/page" + std::to_string(i) + ".html"; });
    if (starts(n, "lib") && (sec == "libs" || sec == "oldlibs" || std::isdigit(static_cast<unsigned char>(n.back())) ||
                             ends_with(n, "t64")))
        return lay_library(s, p, budget);
    // an architecture-independent program (autoconf, automake, debhelper: perl or
    // shell scripts) still has its command in /usr/bin, a real build runs it
    static const std::set<std::string_view> k_script_sections = {"devel", "utils", "admin", "net", "text",
                                                                 "vcs", "interpreters", "web", "editors", "mail"};
    bool script = p.arch == "all" && k_script_sections.count(sec) && !ends_with(n, "-data") && !ends_with(n, "-common");
    if (ends_with(n, "-data") || ends_with(n, "-common") || sec == "localization" || (p.arch == "all" && !script)) {
        std::string d = n;
        for (std::string_view suf : {"-data", "-common"})
            if (ends_with(d, suf)) d.resize(d.size() - suf.size());
        return spread(s, budget, pieces(budget), [&](size_t i) { return "/usr/share/" + d + "/" + d + "-" + std::to_string(i) + ".dat"; });
    }
    // a program: the binary, its manual page, and what is left in /usr/lib/NAME
    std::string bin = (sec == "admin" || sec == "net" ? "/usr/sbin/" : "/usr/bin/") + n;
    uint64_t man = std::min<uint64_t>(budget / 10, 2000 + hash_of(n, 3) % 4000);
    uint64_t exe = std::min<uint64_t>(budget - man, 8u << 20);
    s.file(bin, exe, 0755);
    if (man) s.file("/usr/share/man/man" + std::string(bin[5] == 's' ? "8/" : "1/") + n + (bin[5] == 's' ? ".8.gz" : ".1.gz"), man);
    uint64_t rest = budget - man - exe;
    if (rest) spread(s, rest, pieces(rest), [&](size_t i) { return "/usr/lib/" + n + "/" + n + "-" + std::to_string(i) + ".so"; });
}

}  // namespace

void synthesize_files(Package& p) {
    Synth s;
    // Installed-Size counts every file in KiB, rounded up, and 1 KiB per directory or link.
    uint64_t budget = p.installed_size_kib * 1024;
    std::string doc = "/usr/share/doc/" + p.name;
    uint64_t copyright = std::min<uint64_t>(budget / 3, 1200 + hash_of(p.name, 1) % 7000);
    uint64_t changelog = std::min<uint64_t>(budget / 3, 500 + hash_of(p.name, 2) % 4000);
    s.file(doc + "/copyright", copyright);
    s.file(doc + "/changelog.Debian.gz", changelog);
    uint64_t overhead = 1024 * 8;  // the directories and links a payload brings, about
    uint64_t used = copyright + changelog + overhead;
    lay_payload(s, p, budget > used ? budget - used : 0);
    std::sort(s.files.begin(), s.files.end(), [](const CatalogFile& a, const CatalogFile& b) { return a.path < b.path; });
    p.files = std::move(s.files);
    p.synthesized_files = true;
    // dpkg's bookkeeping: md5sums ("<32 hex>  path\n" per file), the status stanza (about)
    uint64_t md5 = 0;
    for (const CatalogFile& f : p.files)
        if (f.type == 'f') md5 += 32 + 2 + f.path.size() - 1 + 1;
    p.info_members = {{"md5sums", md5}};
    uint64_t deps = 0;
    for (const auto& c : p.depends)
        for (const auto& a : c) deps += a.size() + 3;
    p.status_size = 420 + 2 * p.name.size() + p.version.size() + deps;
    p.notes.push_back("file list synthesized: a stand-in laid out from the package's section and Installed-Size "
                      "(its name, version, dependencies and sizes are Debian's)");
}

}  // namespace ll

namespace ll {

std::optional<Package> apk_by_rule(const Catalog& apt, std::string_view name) {
    std::string n(name);
    std::vector<std::string> tries;
    if (ends_with(n, "-dev") && n.size() > 4) {
        tries = {"lib" + n, n};
    } else if (starts(n, "py3-") && n.size() > 4) {
        tries = {"python3-" + n.substr(4)};
    } else if (starts(n, "perl-") && n.size() > 5) {
        tries = {"lib" + n.substr(5) + "-perl"};
    } else {
        tries = {n};  // the same name in Debian (re2c, psmisc, logrotate, lua-http)
    }
    // a versioned name (clang19, llvm19-dev): Debian's NAME-VER, else its unversioned NAME
    const std::string stem = ends_with(n, "-dev") ? n.substr(0, n.size() - 4) : n;
    const std::string tail = ends_with(n, "-dev") ? "-dev" : "";
    size_t digits = stem.size();
    while (digits > 0 && std::isdigit(static_cast<unsigned char>(stem[digits - 1]))) --digits;
    const bool versioned = digits > 1 && digits < stem.size() && std::isalpha(static_cast<unsigned char>(stem[digits - 1]));
    if (versioned) {
        tries.push_back(stem.substr(0, digits) + "-" + stem.substr(digits) + tail);
        tries.push_back(stem.substr(0, digits) + tail);
    }
    for (const std::string& t : tries) {
        const Package* deb = apt.find(t);
        if (!deb) continue;
        Package p;
        p.name = n;
        p.version = deb->version;
        p.arch = deb->arch;
        p.installed_size_kib = deb->installed_size_kib;
        p.download_size = deb->download_size;
        p.approximated_from = deb->name + " " + deb->version;
        p.notes.push_back(t == n ? "mapped by name: " + n + " -> Debian " + deb->name + " (the same name)"
                                 : "mapped by Alpine's naming rule: " + n + " -> Debian " + deb->name);
        if (versioned && t == tries.back() && t != n)
            p.notes.push_back("a stand-in: Debian bookworm has no " + n + "; its unversioned " + deb->name + " " +
                              deb->version + " stands in for it");
        return p;
    }
    return std::nullopt;
}

}  // namespace ll

namespace ll {

Package pinned_version(const Package& p, std::string_view version) {
    Package q = p;
    q.version = std::string(version);
    // NAME-OLD.dist-info -> NAME-NEW.dist-info (and .egg-info)
    for (std::string_view kind : {".dist-info", ".egg-info"}) {
        std::string from = "-" + p.version + std::string(kind), to = "-" + q.version + std::string(kind);
        for (CatalogFile& f : q.files)
            if (size_t at = f.path.find(from); at != std::string::npos) f.path.replace(at, from.size(), to);
    }
    q.notes.push_back(p.name + " " + q.version + " is not in layerlab's data: a stand-in with the files of " +
                      p.version + " (the version the data has), labelled with the requested version");
    return q;
}

}  // namespace ll
