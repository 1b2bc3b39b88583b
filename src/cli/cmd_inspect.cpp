// layerlab inspect [--json | --format docker | --ci] [--ref NAME] [--platform P] IMAGE
//
// Reads an OCI image layout (a directory, or a tar of one) or a `docker save`
// archive and prints what the image is made of: per layer its size, how many
// entries it adds, modifies and deletes against the layers below, its DiffID
// and ChainID and the history line that made it; then the image ID, the total
// size and the bytes wasted by files that later layers replace or delete.
//
//   $ layerlab inspect busybox.tar
//   busybox.tar: docker-save, ref busybox:latest
//   LAYER  SIZE                   ADDED  MODIFIED  DELETED  DIFF ID       CHAIN ID      CREATED BY
//       0  2.0 MiB (2043412 B)      282         0        0  a5abf04d9b11  a5abf04d9b11  oracle busybox-base ...
//   ...
//   image ID  sha256:...
//
// --format docker prints what `docker image inspect` prints for the image
// once loaded (moby's image InspectResponse); --ci applies dive's CI rules
// (dive_ci.h). All the work is in the core (oci.h, size.h, dive.h); this
// file reads files and prints.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <optional>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/dive_ci.h"
#include "core/oci.h"
#include "core/size.h"

namespace ll::cli {
namespace {

namespace fs = std::filesystem;

std::string one_line(std::string s, size_t max) {
    for (char& c : s)
        if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    if (s.size() > max) s = s.substr(0, max - 3) + "...";
    return s;
}

std::string pad_left(const std::string& s, size_t w) { return s.size() >= w ? s : std::string(w - s.size(), ' ') + s; }
std::string pad_right(const std::string& s, size_t w) { return s.size() >= w ? s : s + std::string(w - s.size(), ' '); }

std::string sized(uint64_t n) {
    return n < 1024 ? format_bytes(n) : format_bytes(n) + " (" + std::to_string(n) + " B)";
}

int usage(std::ostream& err) {
    err << "usage: layerlab inspect [options] IMAGE\n"
           "  IMAGE          an OCI image layout directory (index.json, oci-layout, blobs/); a tar\n"
           "                 (or tar.gz) of one; a `docker save` or `podman save` archive; - for such\n"
           "                 a tar on stdin; dir:PATH for skopeo's dir: layout\n"
           "  --json         layerlab's machine-readable output (layers, IDs, sizes, waste)\n"
           "  --format docker  what `docker image inspect` prints for it (Id, RepoTags, Config,\n"
           "                 RootFS.Layers, ...)\n"
           "  --ref NAME     the image to show when there are several (ref name or tag)\n"
           "  --platform OS/ARCH[/VARIANT]  the image of that platform in a multi-platform index\n"
           "  --ci           dive's CI mode: check the image against dive's rules, list the\n"
           "                 inefficient files, exit 1 when a rule fails\n"
           "  --ci-config FILE  the rules file (default .dive-ci in the current directory, if any)\n"
           "  --lowestEfficiency R, --highestWastedBytes SIZE, --highestUserWastedPercent R\n"
           "                 one rule's value (\"disabled\" skips it); dive's defaults 0.9, disabled, 0.1\n";
    return 2;
}

// What `docker image inspect IMAGE` prints once the image is loaded (moby
// api/types/image InspectResponse, today's fields): GraphDriver is left out,
// as the containerd image store does (overlay2's holds host paths), and
// Metadata.LastTagTime is Go's zero time (never tagged here).
std::string docker_inspect_json(const ImportedImage& im, const Store& store) {
    using ojson = nlohmann::ordered_json;
    const Image& img = im.image;
    ojson o;
    o["Id"] = im.image_id.str();
    // The image's names: index.json's io.containerd.image.name (Docker 25+'s
    // docker save writes the full name there and only the tag as the OCI ref
    // name), else a docker save's RepoTags. Docker shows the familiar form:
    // docker.io/library/waste:v1 is waste:v1.
    std::string name = !im.image_name.empty() ? im.image_name
                       : im.format.rfind("docker-save", 0) == 0 ? im.ref_name
                                                                : std::string();
    if (name.rfind("docker.io/library/", 0) == 0 && name.find('/', 18) == std::string::npos)
        name = name.substr(18);
    else if (name.rfind("docker.io/", 0) == 0)
        name = name.substr(10);
    ojson tags = ojson::array(), digests = ojson::array();
    if (!name.empty()) tags.push_back(name);
    // RepoDigests as the containerd image store makes them (moby
    // daemon/containerd image inspect): each name without its tag, @ the
    // image's target digest, the descriptor index.json names. A classic
    // docker save archive has no such digest (its loaded image gets one from
    // a manifest the store writes itself): none is made up here.
    if (!name.empty() && !im.target_digest.is_zero()) {
        size_t slash = name.rfind('/'), colon = name.rfind(':');
        std::string repo = colon != std::string::npos && (slash == std::string::npos || colon > slash)
                               ? name.substr(0, colon)
                               : name;
        digests.push_back(repo + "@" + im.target_digest.str());
    }
    o["RepoTags"] = tags;
    o["RepoDigests"] = digests;
    if (!im.config.created.empty()) o["Created"] = im.config.created;
    if (!im.config.author.empty()) o["Author"] = im.config.author;
    // The config object exactly as the image's config serialises it (Go
    // struct order, empty fields omitted): serialize_image_config's "config".
    ojson full = ojson::parse(serialize_image_config(im.config), nullptr, false);
    o["Config"] = full.is_object() && full.contains("config") ? full["config"] : ojson::object();
    o["Architecture"] = img.config.architecture;
    o["Os"] = img.config.os;
    o["Size"] = img.size();
    ojson layers = ojson::array();
    for (const Digest& d : img.diff_ids(store.paths, store.blobs)) layers.push_back(d.str());
    o["RootFS"] = ojson{{"Type", "layers"}, {"Layers", layers}};
    o["Metadata"] = ojson{{"LastTagTime", "0001-01-01T00:00:00Z"}};
    std::string text = ojson::array({o}).dump(4, ' ', false, ojson::error_handler_t::replace);
    // Go's encoder escapes <, > and & (they only occur inside strings here)
    std::string out;
    for (char c : text) {
        if (c == '<') out += "\\u003c";
        else if (c == '>') out += "\\u003e";
        else if (c == '&') out += "\\u0026";
        else out += c;
    }
    return out + "\n";
}

// What both the table and --json show, computed once.
struct Facts {
    Facts(const ImportedImage& im, const Store& store)
        : img(im.image),
          chains(img.chain_ids(store.paths, store.blobs)),
          changes(layer_changes(img, store.paths)),
          made_by(layer_history(img.history, img.layer_count())),
          waste(image_waste(img, store.blobs)) {}
    std::string created_by(size_t i) const {
        return made_by[i] < 0 ? std::string() : img.history[size_t(made_by[i])].created_by;
    }
    const Image& img;
    std::vector<Digest> chains;
    std::vector<LayerChanges> changes;
    std::vector<int32_t> made_by;
    WasteReport waste;
};

void print_json(const ImportedImage& im, const Store& store, const std::string& path, std::ostream& out) {
    const Facts f(im, store);
    const Image& img = f.img;
    const WasteReport& waste = f.waste;
    auto created_by = [&](size_t i) { return f.created_by(i); };
    using ojson = nlohmann::ordered_json;
    ojson j;
    j["source"] = path;
    j["format"] = im.format;
    j["ref_name"] = im.ref_name;
    j["image_id"] = im.image_id.str();
    j["manifest_digest"] = im.manifest_digest.is_zero() ? ojson() : ojson(im.manifest_digest.str());
    j["os"] = img.config.os;
    j["architecture"] = img.config.architecture;
    ojson layers = ojson::array();
    for (size_t i = 0; i < img.layer_count(); ++i) {
        const ImportedLayer& l = im.layers[i];
        ojson o;
        o["index"] = i;
        o["digest"] = l.digest.str();
        o["media_type"] = l.media_type;
        o["blob_size"] = l.blob_size;
        o["diff_id"] = l.diff_id.str();
        o["chain_id"] = f.chains[i].str();
        o["size"] = img.layers()[i]->size();
        o["added"] = f.changes[i].added;
        o["modified"] = f.changes[i].modified;
        o["deleted"] = f.changes[i].deleted;
        o["created_by"] = created_by(i);
        o["history_index"] = f.made_by[i];
        layers.push_back(std::move(o));
    }
    j["layers"] = std::move(layers);
    j["size"] = img.size();
    j["wasted_bytes"] = waste.wasted;
    j["efficiency"] = waste.efficiency;
    ojson w = ojson::array();
    for (const PathWaste& p : waste.paths) {
        ojson o;
        o["path"] = store.paths.str(p.path);
        o["bytes"] = p.wasted;
        o["copies"] = p.copies;
        o["deleted"] = p.deleted;
        w.push_back(std::move(o));
    }
    j["waste"] = std::move(w);
    out << j.dump(2, ' ', false, ojson::error_handler_t::replace) << '\n';
}

void print_table(const ImportedImage& im, const Store& store, const std::string& path, std::ostream& out) {
    const Facts f(im, store);
    const Image& img = f.img;
    const WasteReport& waste = f.waste;
    auto created_by = [&](size_t i) { return f.created_by(i); };
    out << path << ": " << im.format;
    if (!im.ref_name.empty()) out << ", ref " << im.ref_name;
    out << ", " << img.config.os << "/" << img.config.architecture << '\n';
    if (!im.manifest_digest.is_zero()) out << "manifest  " << im.manifest_digest.str() << '\n';
    out << '\n';
    std::vector<std::string> sizes;
    size_t size_w = 4;
    for (const LayerPtr& l : img.layers()) {
        sizes.push_back(sized(l->size()));
        size_w = std::max(size_w, sizes.back().size());
    }
    out << "LAYER  " << pad_right("SIZE", size_w)
        << "  ADDED  MODIFIED  DELETED  DIFF ID       CHAIN ID      CREATED BY\n";
    for (size_t i = 0; i < img.layer_count(); ++i) {
        out << pad_left(std::to_string(i), 5) << "  " << pad_right(sizes[i], size_w) << "  "
            << pad_left(std::to_string(f.changes[i].added), 5) << "  " << pad_left(std::to_string(f.changes[i].modified), 8)
            << "  " << pad_left(std::to_string(f.changes[i].deleted), 7) << "  " << im.layers[i].diff_id.short_hex(12)
            << "  " << f.chains[i].short_hex(12) << "  " << one_line(created_by(i), 70) << '\n';
    }
    out << '\n';
    out << "image ID    " << im.image_id.str() << '\n';
    out << "total size  " << sized(img.size()) << " in " << img.layer_count() << " layer"
        << (img.layer_count() == 1 ? "" : "s") << '\n';
    char eff[32];
    std::snprintf(eff, sizeof eff, "%.1f%%", waste.efficiency * 100.0);
    out << "wasted      " << sized(waste.wasted) << " (efficiency " << eff << ")\n";
    if (!waste.paths.empty()) {
        out << "\nwasted bytes by path (copies that later layers replace or delete):\n";
        size_t shown = std::min<size_t>(waste.paths.size(), 10);
        for (size_t i = 0; i < shown; ++i) {
            const PathWaste& p = waste.paths[i];
            out << "  " << pad_left(format_bytes(p.wasted), 10) << "  " << p.copies
                << (p.copies == 1 ? " copy  " : " copies") << "  " << store.paths.str(p.path)
                << (p.deleted ? "  (deleted)" : "") << '\n';
        }
        if (waste.paths.size() > shown) out << "  ... and " << waste.paths.size() - shown << " more\n";
    }
}

}  // namespace

int cmd_inspect(const Args& args, std::ostream& out, std::ostream& err) {
    enum class Mode { table, json, docker, ci } mode = Mode::table;
    ImportOptions opts;
    CiOptions ci;
    std::string path;
    auto value = [&](size_t& i, std::string_view a) -> std::optional<std::string> {
        if (i + 1 < args.size()) return std::string(args[++i]);
        err << "layerlab inspect: " << a << " needs a value\n";
        return std::nullopt;
    };
    for (size_t i = 0; i < args.size(); ++i) {
        std::string_view a = args[i];
        if (a == "--json") {
            mode = Mode::json;
        } else if (a == "--ci") {
            mode = Mode::ci;
        } else if (a == "--format" || a == "--ref" || a == "--platform" || a == "--ci-config" ||
                   a == "--lowestEfficiency" || a == "--highestWastedBytes" || a == "--highestUserWastedPercent") {
            std::optional<std::string> v = value(i, a);
            if (!v) return usage(err);
            if (a == "--format") {
                if (*v == "docker") {
                    mode = Mode::docker;
                } else if (*v == "json") {
                    mode = Mode::json;
                } else {
                    err << "layerlab inspect: --format takes docker or json, not '" << *v << "'\n";
                    return usage(err);
                }
            } else if (a == "--ref") {
                opts.ref = *v;
            } else if (a == "--platform") {
                if (!parse_platform(*v, opts)) {
                    err << "layerlab inspect: --platform " << *v << ": expected OS/ARCH or OS/ARCH/VARIANT (linux/arm64/v8)\n";
                    return usage(err);
                }
            } else if (a == "--ci-config") {
                ci.config_path = *v;
                ci.config_given = true;
            } else {
                ci.flags[std::string(a.substr(2))] = *v;
            }
        } else if (a == "-h" || a == "--help") {
            usage(out);
            return 0;
        } else if (a.size() > 1 && a[0] == '-') {
            err << "layerlab inspect: unknown option '" << a << "'\n";
            return usage(err);
        } else if (path.empty()) {
            path = std::string(a);
        } else {
            err << "layerlab inspect: one image at a time ('" << a << "' is extra)\n";
            return usage(err);
        }
    }
    if (path.empty()) return usage(err);
    if (!ci.flags.empty() && mode != Mode::ci) {
        err << "layerlab inspect: " << ci.flags.begin()->first << " is a rule of --ci\n";
        return usage(err);
    }

    Store store;
    Result<ImportedImage> r = load_image(path, store, opts);
    if (!r) {
        err << "layerlab inspect: " << r.error().describe() << '\n';
        return 1;
    }
    switch (mode) {
        case Mode::json: print_json(r.value(), store, path, out); break;
        case Mode::docker: out << docker_inspect_json(r.value(), store); break;
        case Mode::ci: return run_dive_ci(r.value(), store, ci, out, err);
        case Mode::table: print_table(r.value(), store, path, out); break;
    }
    return 0;
}

}  // namespace ll::cli
