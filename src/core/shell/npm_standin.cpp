// npm_standin.cpp: npm packages outside layerlab's npm data (cmd_pkg.cpp's
// npm, and yarn/pnpm through it). layerlab has no network, so it cannot ask
// registry.npmjs.org whether a name exists: a name it has no data for is
// installed as a labelled stand-in (core/standin.h's rule for downloads),
// never answered with npm's E404 "is not in this registry", which would tell a
// student that a real package does not exist.
//
// A stand-in package is node_modules/NAME/package.json (name, version, bin)
// and an index.js placeholder of a plausible size; its `bin` programs are
// linked where npm links them (node_modules/.bin, or $PREFIX/bin for -g). The
// version is the one the lock file pins, else the one asked (`pnpm@9`,
// "^4.17.1" -> 9, 4.17.1), else the real registry's newest below (k_known).
#include <nlohmann/json.hpp>

#include "core/shell/interp.h"
#include "core/standin.h"

namespace ll::shell {

namespace {

// Real metadata of the packages real Dockerfiles install globally (their
// `bin` is what makes `npm install -g X && X ...` work). Source: `npm view
// NAME[@MAJOR] name version bin` against registry.npmjs.org, read 2026-12-07
// (the newest version then; "./" dropped from bin paths).
struct KnownNpm {
    const char* name;
    const char* version;
    std::vector<std::pair<const char*, const char*>> bins;  // program -> file in the package
};
const std::vector<KnownNpm>& known() {
    static const std::vector<KnownNpm> k = {
        {"pnpm", "12.26.0", {{"pnpm", "pnpm"}, {"pn", "pn"}, {"pnpx", "pnpx"}, {"pnx", "pnx"}}},
        {"nodemon", "3.1.14", {{"nodemon", "bin/nodemon.js"}}},
        {"@angular/cli", "13.3.9", {{"ng", "bin/ng.js"}}},  // newest of major 13 (@angular/cli@13)
        {"@vue/cli", "5.0.9", {{"vue", "bin/vue.js"}}},
        {"yarn", "1.22.22", {{"yarn", "bin/yarn.js"}, {"yarnpkg", "bin/yarn.js"}}},
    };
    return k;
}

constexpr uint64_t k_index_size = 48 * 1024;  // a plausible module: the median npm tarball unpacks to tens of KiB

// "^4.17.1" -> "4.17.1", "~1.2" -> "1.2", ">=2 <3" -> "2"; "" when no version is named.
std::string version_of_spec(const std::string& spec) {
    size_t b = spec.find_first_of("0123456789");
    if (b == std::string::npos || spec.find("://") != std::string::npos || spec.rfind("file:", 0) == 0) return {};
    size_t e = spec.find_first_not_of("0123456789.xX*-+abcdefghijklmnopqrstuvwyz", b);
    std::string v = spec.substr(b, e == std::string::npos ? std::string::npos : e - b);
    return v;
}

}  // namespace

NpmStandin npm_standin_for(const std::string& name, const std::string& spec) {
    NpmStandin s;
    s.name = name;
    std::string asked = version_of_spec(spec);
    for (const KnownNpm& k : known()) {
        if (name != k.name) continue;
        std::string kv = k.version;
        std::string major = asked.substr(0, asked.find('.'));
        if (asked.empty() || kv.rfind(major + ".", 0) == 0) {
            s.version = asked.size() > major.size() ? asked : kv;
            for (const auto& [b, f] : k.bins) s.bins.emplace_back(b, f);
            s.known = true;
        }
        break;
    }
    if (s.version.empty()) s.version = asked.empty() ? "0.0.0-layerlab-stand-in" : asked;
    return s;
}

bool npm_put_standin(Ctx& ctx, const NpmStandin& s, const std::string& node_modules, const std::string& bin_dir) {
    Container& c = ctx.c;
    const std::string dir = node_modules + "/" + s.name;
    (void)mkdir_p(c, dir, 0755);
    nlohmann::json pj = {{"name", s.name},
                         {"version", s.version},
                         {"description", "layerlab stand-in: " + s.name +
                                             " is not in layerlab's npm data; a real build downloads it from "
                                             "registry.npmjs.org"},
                         {"main", "index.js"}};
    if (!s.bins.empty()) {
        nlohmann::json bins = nlohmann::json::object();
        for (const auto& [b, f] : s.bins) bins[b] = f;
        pj["bin"] = bins;
    }
    // replace: a version typed by the user may hold bytes that are not UTF-8
    const std::string text = pj.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    ctx.sh.charge_data(text.size());
    if (!c.write_text(dir + "/package.json", text)) return false;
    BlobId b = standin::artifact(c.store().blobs, "npm install " + s.name, dir + "/index.js", k_index_size);
    (void)c.unlink(dir + "/index.js");
    if (!c.write(dir + "/index.js", b, WriteMode::truncate, 0644)) return false;
    for (const auto& [prog, file] : s.bins) {
        const std::string abs = dir + "/" + file;
        (void)mkdir_p(c, dirname_of(abs), 0755);
        (void)c.write_text(abs, "#!/usr/bin/env node\n// layerlab stand-in for " + s.name + "'s " + prog + "\n");
        (void)c.chmod(abs, 0755);
        (void)mkdir_p(c, bin_dir, 0755);
        const std::string link = bin_dir + "/" + prog;
        if (c.lstat(link)) (void)c.unlink(link);
        // npm links relative to the bin folder: ../lib/node_modules/X/... or ../X/...
        std::string rel = bin_dir == node_modules + "/.bin" ? "../" + s.name + "/" + file
                                                             : "../lib/node_modules/" + s.name + "/" + file;
        (void)c.symlink(rel, link);
    }
    return true;
}

std::string npm_standin_note(const std::vector<NpmStandin>& list) {
    std::string names;
    size_t shown = 0;
    for (const NpmStandin& s : list) {
        if (shown++ == 8) {
            names += ", and " + std::to_string(list.size() - 8) + " more";
            break;
        }
        names += (names.empty() ? "" : ", ") + s.name + "@" + s.version;
    }
    return "stand-in: npm: " + std::to_string(list.size()) + " package" + (list.size() == 1 ? " is" : "s are") +
           " not in layerlab's npm data (" + names +
           "): each is a labelled placeholder (its package.json and a " + format_bytes(k_index_size) +
           " index.js); layerlab has no network, a real build downloads them from registry.npmjs.org";
}

}  // namespace ll::shell
