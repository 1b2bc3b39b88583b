// dive.cpp: see dive.h.
#include "core/dive.h"

#include <algorithm>
#include <limits>
#include <memory>
#include <unordered_map>
#include <unordered_set>

namespace ll {

namespace {

// A tar header's size field as dive reads it: the bytes of a regular file;
// 0 for directories, symlinks, devices and the TypeLink names of a hard link.
uint64_t header_size(const Layer& layer, const Entry& e, const BlobStore& blobs) {
    if (e.type != EntryType::file) return 0;
    if (e.link_group != 0 && layer.link_first(e.link_group) != e.path) return 0;
    return blobs.size(e.blob);
}

// What the layers below held under `dir` (the stacked tree dive sizes a
// whiteout of a directory with): every visible descendant's header size.
uint64_t size_below(PathId dir, const UnionIndex& below, const Image& image, const PathTable& paths,
                    const BlobStore& blobs) {
    uint64_t sum = 0;
    std::vector<PathId> stack(paths.children(dir).begin(), paths.children(dir).end());
    while (!stack.empty()) {
        PathId c = stack.back();
        stack.pop_back();
        const Hit* h = below.find(c);
        if (!h) continue;
        const Layer& l = *image.layers()[h->layer];
        const Entry& e = l.entries()[h->entry];
        sum += header_size(l, e, blobs);
        if (e.is_dir()) stack.insert(stack.end(), paths.children(c).begin(), paths.children(c).end());
    }
    return sum;
}

}  // namespace

DiveAnalysis dive_analysis(const Image& image, const PathTable& paths, const BlobStore& blobs) {
    struct Acc {
        uint32_t refs = 0;
        uint64_t cumulative = 0, minimum = 0;
    };
    std::unordered_map<PathId, Acc> acc;
    DiveAnalysis r;
    std::shared_ptr<const UnionIndex> below = std::make_shared<UnionIndex>();
    for (uint32_t i = 0; i < image.layer_count(); ++i) {
        const Layer& layer = *image.layers()[i];
        std::unordered_set<PathId> parents;  // entries with a child in this layer are no leaves
        for (const Entry& e : layer.entries()) parents.insert(paths.parent(e.path));
        uint64_t layer_size = 0;
        for (const Entry& e : layer.entries()) {
            uint64_t sz = header_size(layer, e, blobs);
            layer_size += sz;
            if (parents.count(e.path) || (e.is_dir() && e.opaque)) continue;
            if (e.is_whiteout()) {
                const Hit* h = below->find(e.path);
                sz = h && image.layers()[h->layer]->entries()[h->entry].is_dir()
                         ? size_below(e.path, *below, image, paths, blobs)
                         : 0;
            }
            Acc& a = acc[e.path];
            a.minimum = a.refs == 0 ? sz : std::min(a.minimum, sz);
            a.cumulative += sz;
            ++a.refs;
        }
        r.size += layer_size;
        if (i != 0) r.user_size += layer_size;
        below = UnionIndex::apply(below.get(), layer, i, paths);
    }
    uint64_t minimum = 0, discovered = 0;
    for (const auto& [p, a] : acc) {
        minimum += a.minimum;
        discovered += a.cumulative;
        if (a.refs < 2) continue;
        r.inefficient.push_back(DiveFile{p, a.refs, a.cumulative});
        r.wasted += a.cumulative;
    }
    r.efficiency = discovered == 0 ? 1.0 : double(minimum) / double(discovered);
    if (r.user_size != 0)
        r.user_wasted_percent = double(r.wasted) / double(r.user_size);
    else
        r.user_wasted_percent = r.wasted == 0 ? std::numeric_limits<double>::quiet_NaN()
                                              : std::numeric_limits<double>::infinity();
    std::vector<std::pair<std::string, DiveFile>> order;
    for (const DiveFile& f : r.inefficient) order.emplace_back(paths.str(f.path), f);
    std::sort(order.begin(), order.end(), [](const auto& x, const auto& y) {
        return x.second.cumulative != y.second.cumulative ? x.second.cumulative > y.second.cumulative : x.first < y.first;
    });
    for (size_t i = 0; i < order.size(); ++i) r.inefficient[i] = order[i].second;
    return r;
}

}  // namespace ll
