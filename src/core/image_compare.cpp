// image_compare.cpp: see image_compare.h.
#include "core/image_compare.h"

#include <algorithm>
#include <set>

#include "core/size.h"
#include "core/view.h"

namespace ll {

const char* file_delta_mark(FileDelta d) {
    switch (d) {
        case FileDelta::added: return "A";
        case FileDelta::removed: return "D";
        case FileDelta::changed: return "C";
    }
    return "?";
}

namespace {

// Every visible path of an image's merged view (not "/").
std::vector<PathId> visible_paths(const Image& image, const PathTable& paths) {
    std::vector<PathId> out;
    ImageView view(image, paths);
    std::vector<Node> stack{view.root()};
    while (!stack.empty()) {
        Node dir = stack.back();
        stack.pop_back();
        view.for_each_child(dir, [&](const Node& n) {
            out.push_back(n.path);
            if (n.is_dir()) stack.push_back(n);
        });
    }
    return out;
}

std::string what_changed(const Entry& x, const Entry& y, const BlobStore& blobs) {
    std::string w;
    auto add = [&](const char* s) { w += (w.empty() ? "" : ",") + std::string(s); };
    if (x.type != y.type) return "type";
    if (x.type == EntryType::file && !blobs.same_contents(x.blob, y.blob)) add("contents");
    if (x.type == EntryType::symlink && x.target != y.target) add("target");
    if ((x.type == EntryType::chardev || x.type == EntryType::blockdev) &&
        (x.dev_major != y.dev_major || x.dev_minor != y.dev_minor))
        add("contents");
    if (x.mode != y.mode) add("mode");
    if (x.uid != y.uid || x.gid != y.gid) add("owner");
    return w;
}

std::vector<ComparedLayer> layers_of(const Image& img, const Image& other, const PathTable& paths,
                                     const BlobStore& blobs) {
    std::vector<Digest> d = img.diff_ids(paths, blobs), c = img.chain_ids(paths, blobs);
    std::vector<Digest> od = other.diff_ids(paths, blobs);
    std::set<std::string> others;
    for (const Digest& x : od) others.insert(x.hex());
    std::vector<ComparedLayer> out;
    for (size_t i = 0; i < d.size(); ++i)
        out.push_back(ComparedLayer{d[i], c[i], img.layers()[i]->size(), others.count(d[i].hex()) != 0});
    return out;
}

}  // namespace

ImageComparison compare_images(const Image& a, const Image& b, const PathTable& paths, const BlobStore& blobs) {
    ImageComparison r;
    r.a = layers_of(a, b, paths, blobs);
    r.b = layers_of(b, a, paths, blobs);
    while (r.common_base < r.a.size() && r.common_base < r.b.size() &&
           r.a[r.common_base].chain_id == r.b[r.common_base].chain_id)
        r.shared_bytes += r.a[r.common_base++].size;
    r.size_a = a.size();
    r.size_b = b.size();
    r.wasted_a = image_waste(a, blobs).wasted;
    r.wasted_b = image_waste(b, blobs).wasted;
    for (PathId p : visible_paths(a, paths)) {
        const Entry* x = a.find(p);
        const Entry* y = b.find(p);
        if (!x) continue;
        if (!y) {
            r.files.push_back(ComparedFile{p, FileDelta::removed, entry_size(*x, blobs), 0, ""});
            ++r.removed;
            continue;
        }
        std::string w = what_changed(*x, *y, blobs);
        if (w.empty()) continue;
        r.files.push_back(ComparedFile{p, FileDelta::changed, entry_size(*x, blobs), entry_size(*y, blobs), w});
        ++r.changed;
    }
    for (PathId p : visible_paths(b, paths)) {
        if (a.find(p)) continue;
        const Entry* y = b.find(p);
        if (!y) continue;
        r.files.push_back(ComparedFile{p, FileDelta::added, 0, entry_size(*y, blobs), ""});
        ++r.added;
    }
    std::vector<std::pair<std::string, size_t>> order;
    for (size_t i = 0; i < r.files.size(); ++i) order.emplace_back(paths.str(r.files[i].path), i);
    std::sort(order.begin(), order.end());
    std::vector<ComparedFile> sorted;
    for (const auto& o : order) sorted.push_back(r.files[o.second]);
    r.files = std::move(sorted);
    return r;
}

}  // namespace ll
