// layerlab diff [--json] IMAGE_A IMAGE_B: two images compared
// (core/image_compare.h): which layers they share by DiffID and ChainID,
// the files added, removed and changed between their merged file systems,
// each one's size and wasted bytes.
//
// layerlab df IMAGE...: the images section of `docker system df -v`: size,
// shared size (layers another image of the list also has, by ChainID) and
// unique size of each image, then what the disk holds for all of them.
//
//   $ layerlab diff trap.tar fixed.tar
//   A  trap.tar   4 layers  22.1MB  wasted 20MB
//   B  fixed.tar  3 layers  2.1MB   wasted 0B
//   B is 20MB smaller
//   ...
#include <nlohmann/json.hpp>

#include <ctime>
#include <ostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/docker_format.h"
#include "core/image_compare.h"
#include "core/size.h"

namespace ll::cli {
namespace {

int diff_usage(std::ostream& err) {
    err << "usage: layerlab diff [--json] IMAGE_A IMAGE_B\n"
           "  compares two images (OCI layout directories or tars, `docker save` archives, - for\n"
           "  one on stdin, dir:PATH): layers shared by DiffID, files added (A), removed (D) and\n"
           "  changed (C) from A to B, sizes and wasted bytes\n"
           "  --json  machine-readable output\n";
    return 2;
}

std::string signed_size(uint64_t a, uint64_t b) {
    return b >= a ? "+" + human_size(b - a) : "-" + human_size(a - b);
}

std::string created_by_of(const Image& img, size_t layer) {
    std::vector<int32_t> made_by = layer_history(img.history, img.layer_count());
    return made_by[layer] < 0 ? "" : img.history[size_t(made_by[layer])].created_by;
}

void print_diff_json(const ImageComparison& c, const Image& a, const Image& b, const Store& store,
                     std::ostream& out) {
    using ojson = nlohmann::ordered_json;
    auto layers = [&](const std::vector<ComparedLayer>& ls, const Image& img) {
        ojson arr = ojson::array();
        for (size_t i = 0; i < ls.size(); ++i)
            arr.push_back(ojson{{"index", i},
                                {"diff_id", ls[i].diff_id.str()},
                                {"chain_id", ls[i].chain_id.str()},
                                {"size", ls[i].size},
                                {"in_other", ls[i].in_other},
                                {"created_by", created_by_of(img, i)}});
        return arr;
    };
    ojson files = ojson::array();
    for (const ComparedFile& f : c.files)
        files.push_back(ojson{{"change", file_delta_mark(f.delta)},
                              {"path", store.paths.str(f.path)},
                              {"size_a", f.size_a},
                              {"size_b", f.size_b},
                              {"what", f.what}});
    ojson j{{"a", {{"size", c.size_a}, {"wasted_bytes", c.wasted_a}, {"layers", layers(c.a, a)}}},
            {"b", {{"size", c.size_b}, {"wasted_bytes", c.wasted_b}, {"layers", layers(c.b, b)}}},
            {"common_base_layers", c.common_base},
            {"shared_bytes", c.shared_bytes},
            {"added", c.added},
            {"removed", c.removed},
            {"changed", c.changed},
            {"files", files}};
    out << j.dump(2, ' ', false, ojson::error_handler_t::replace) << '\n';
}

void print_diff(const ImageComparison& c, const Image& a, const Image& b, const std::string& name_a,
                const std::string& name_b, const Store& store, std::ostream& out) {
    TabWriter head;
    head.line("A\t" + name_a + "\t" + std::to_string(c.a.size()) + " layers\t" + human_size(c.size_a) + "\twasted " +
              human_size(c.wasted_a));
    head.line("B\t" + name_b + "\t" + std::to_string(c.b.size()) + " layers\t" + human_size(c.size_b) + "\twasted " +
              human_size(c.wasted_b));
    out << head.str() << "size " << signed_size(c.size_a, c.size_b) << " from A to B, wasted bytes "
        << signed_size(c.wasted_a, c.wasted_b) << "\n\n";
    out << "layers: " << c.common_base << " shared at the bottom (same ChainID: stored once), " << human_size(c.shared_bytes)
        << "\n";
    TabWriter t;
    t.line("IMAGE\tLAYER\tSIZE\tDIFF ID\tIN THE OTHER\tCREATED BY");
    auto rows = [&](const char* side, const std::vector<ComparedLayer>& ls, const Image& img) {
        for (size_t i = 0; i < ls.size(); ++i)
            t.line(std::string(side) + "\t" + std::to_string(i) + "\t" + human_size(ls[i].size) + "\t" +
                   ls[i].diff_id.short_hex(12) + "\t" +
                   (i < c.common_base ? "shared" : ls[i].in_other ? "same DiffID" : "no") + "\t" +
                   ellipsis(created_by_of(img, i), 60));
    };
    rows("A", c.a, a);
    rows("B", c.b, b);
    out << t.str() << "\nfiles: " << c.added << " added, " << c.removed << " removed, " << c.changed
        << " changed (merged file systems, A to B)\n";
    for (const ComparedFile& f : c.files) {
        out << file_delta_mark(f.delta) << ' ' << store.paths.str(f.path);
        if (f.delta == FileDelta::added) out << "  " << human_size(f.size_b);
        if (f.delta == FileDelta::removed) out << "  " << human_size(f.size_a);
        if (f.delta == FileDelta::changed)
            out << "  " << f.what << (f.size_a != f.size_b ? "  " + human_size(f.size_a) + " -> " + human_size(f.size_b) : "");
        out << '\n';
    }
}

}  // namespace

int cmd_diff(const Args& args, std::ostream& out, std::ostream& err) {
    bool json = false;
    std::vector<std::string> paths;
    for (std::string_view a : args) {
        if (a == "--json") {
            json = true;
        } else if (a == "-h" || a == "--help") {
            diff_usage(out);
            return 0;
        } else if (a.size() > 1 && a[0] == '-') {
            err << "layerlab diff: unknown option '" << a << "'\n";
            return diff_usage(err);
        } else {
            paths.emplace_back(a);
        }
    }
    if (paths.size() != 2) return diff_usage(err);
    if (paths[0] == "-" && paths[1] == "-") {
        err << "layerlab diff: only one image can come from stdin\n";
        return diff_usage(err);
    }
    Store store;  // one store: the two images' paths and blobs compare directly
    Result<ImportedImage> a = load_image(paths[0], store), b = make_error(Errc::internal, "not read");
    if (a) b = load_image(paths[1], store);
    for (const Result<ImportedImage>* r : {&a, &b}) {
        if (!*r) {
            err << "layerlab diff: " << r->error().describe() << '\n';
            return 1;
        }
    }
    ImageComparison c = compare_images(a->image, b->image, store.paths, store.blobs);
    if (json)
        print_diff_json(c, a->image, b->image, store, out);
    else
        print_diff(c, a->image, b->image, paths[0], paths[1], store, out);
    return 0;
}

int cmd_df(const Args& args, std::ostream& out, std::ostream& err) {
    std::vector<std::string> paths;
    for (std::string_view a : args) {
        if (a == "-v" || a == "--verbose") continue;  // this view is always the verbose one
        if (a == "-h" || a == "--help" || (a.size() > 1 && a[0] == '-')) {
            (a[1] == 'h' || a == "--help" ? out : err)
                << "usage: layerlab df IMAGE...\n"
                   "  the images section of `docker system df -v` for these images: SIZE, SHARED SIZE\n"
                   "  (layers another listed image has too, by ChainID) and UNIQUE SIZE\n";
            return a[1] == 'h' || a == "--help" ? 0 : 2;
        }
        paths.emplace_back(a);
    }
    if (paths.empty()) {
        err << "usage: layerlab df IMAGE...\n";
        return 2;
    }
    Store store;
    std::vector<ImportedImage> images;
    for (const std::string& p : paths) {
        Result<ImportedImage> r = load_image(p, store);
        if (!r) {
            err << "layerlab df: " << r.error().describe() << '\n';
            return 1;
        }
        images.push_back(std::move(r.value()));
    }
    std::vector<const Image*> ptrs;
    for (const ImportedImage& im : images) ptrs.push_back(&im.image);
    ShareReport share = shared_sizes(ptrs, store.paths, store.blobs);
    TabWriter t;
    t.line("REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\tSHARED SIZE\tUNIQUE SIZE\tCONTAINERS");
    for (size_t i = 0; i < images.size(); ++i) {
        const ImportedImage& im = images[i];
        std::string repo = "<none>", tag = "<none>";
        size_t colon = im.ref_name.rfind(':');
        if (im.format.rfind("docker-save", 0) == 0 && colon != std::string::npos) {
            repo = im.ref_name.substr(0, colon);
            tag = im.ref_name.substr(colon + 1);
        }
        std::optional<int64_t> created = parse_rfc3339(im.config.created);
        std::string since = created && *created > 946684800
                                ? human_duration(int64_t(std::time(nullptr)) - *created) + " ago"
                                : "N/A";
        t.line(repo + "\t" + tag + "\t" + im.image_id.hex().substr(0, 12) + "\t" + since + "\t" +
               human_size(share.images[i].size) + "\t" + human_size(share.images[i].shared) + "\t" +
               human_size(share.images[i].unique) + "\t0");
    }
    out << "Images space usage:\n\n" << t.str() << "\nOn disk for all of them (each shared layer once): "
        << human_size(share.disk) << '\n';
    return 0;
}

}  // namespace ll::cli
