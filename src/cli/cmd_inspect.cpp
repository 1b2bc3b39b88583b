// layerlab inspect [--json] [--ref NAME] OCI_DIR|TAR
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
// All the work is in the core (oci.h, size.h); this file reads files and prints.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <system_error>

#include "cli/commands.h"
#include "core/oci.h"
#include "core/size.h"

namespace ll::cli {
namespace {

namespace fs = std::filesystem;

bool read_file(const fs::path& p, std::string& out, std::string& why) {
    std::ifstream f(p, std::ios::binary);
    if (!f) {
        why = "cannot open " + p.string();
        return false;
    }
    std::ostringstream ss;
    ss << f.rdbuf();
    if (f.bad()) {
        why = "cannot read " + p.string();
        return false;
    }
    out = ss.str();
    return true;
}

// Every regular file under dir, by relative path ("blobs/sha256/<hex>").
bool read_dir(const fs::path& dir, FileMap& files, std::string& why) {
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        std::string bytes;
        if (!read_file(it->path(), bytes, why)) return false;
        files[fs::relative(it->path(), dir, ec).generic_string()] = std::move(bytes);
    }
    if (ec) {
        why = "cannot list " + dir.string() + ": " + ec.message();
        return false;
    }
    return true;
}

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
    err << "usage: layerlab inspect [--json] [--ref NAME] OCI_DIR|IMAGE.tar\n"
           "  OCI_DIR     an OCI image layout directory (index.json, oci-layout, blobs/)\n"
           "  IMAGE.tar   a tar (or tar.gz) of an OCI layout, or a `docker save` archive\n"
           "  --json      machine-readable output\n"
           "  --ref NAME  the image to show when there are several (ref name or tag)\n";
    return 2;
}

}  // namespace

int cmd_inspect(const Args& args, std::ostream& out, std::ostream& err) {
    bool as_json = false;
    ImportOptions opts;
    std::string path;
    for (size_t i = 0; i < args.size(); ++i) {
        std::string_view a = args[i];
        if (a == "--json") {
            as_json = true;
        } else if (a == "--ref" && i + 1 < args.size()) {
            opts.ref = std::string(args[++i]);
        } else if (a == "-h" || a == "--help") {
            usage(out);
            return 0;
        } else if (!a.empty() && a[0] == '-') {
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

    // Read: a directory is a layout; a file is a tar (or tar.gz).
    Store store;
    std::error_code ec;
    std::string why;
    Result<ImportedImage> r = make_error(Errc::internal, "not read");
    FileMap dir_files;
    std::string tar;
    if (fs::is_directory(path, ec)) {
        if (!read_dir(path, dir_files, why)) {
            err << "layerlab inspect: " << path << ": " << why << '\n';
            return 1;
        }
        r = import_image_files(views_of(dir_files), store, opts, path);
    } else {
        if (!fs::exists(path, ec)) {
            err << "layerlab inspect: " << path << ": no such file or directory\n";
            return 1;
        }
        if (!read_file(path, tar, why)) {
            err << "layerlab inspect: " << path << ": " << why << '\n';
            return 1;
        }
        r = import_image_tar(tar, store, opts, path);
    }
    if (!r) {
        err << "layerlab inspect: " << r.error().describe() << '\n';
        return 1;
    }
    const ImportedImage& im = r.value();
    const Image& img = im.image;
    std::vector<Digest> chains = img.chain_ids(store.paths, store.blobs);
    std::vector<LayerChanges> changes = layer_changes(img, store.paths);
    std::vector<int32_t> made_by = layer_history(img.history, img.layer_count());
    WasteReport waste = image_waste(img, store.blobs);

    auto created_by = [&](size_t i) -> std::string {
        return made_by[i] < 0 ? std::string() : img.history[size_t(made_by[i])].created_by;
    };

    if (as_json) {
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
            o["chain_id"] = chains[i].str();
            o["size"] = img.layers()[i]->size();
            o["added"] = changes[i].added;
            o["modified"] = changes[i].modified;
            o["deleted"] = changes[i].deleted;
            o["created_by"] = created_by(i);
            o["history_index"] = made_by[i];
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
        return 0;
    }

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
            << pad_left(std::to_string(changes[i].added), 5) << "  " << pad_left(std::to_string(changes[i].modified), 8)
            << "  " << pad_left(std::to_string(changes[i].deleted), 7) << "  " << im.layers[i].diff_id.short_hex(12)
            << "  " << chains[i].short_hex(12) << "  " << one_line(created_by(i), 70) << '\n';
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
    return 0;
}

}  // namespace ll::cli
