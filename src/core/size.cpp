#include "core/size.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace ll {

LayerChanges layer_changes_over(const Layer& layer, const UnionIndex& below, const std::vector<LayerPtr>& below_layers,
                                const PathTable& paths) {
    LayerChanges ch;
    for (const Entry& e : layer.entries()) {
        const Hit* h = below.find(e.path);
        const Entry* old = h ? &below_layers[h->layer]->entries()[h->entry] : nullptr;
        if (e.is_whiteout()) {
            if (old) ++ch.deleted;
            continue;
        }
        if (!old) {
            ++ch.added;
            continue;
        }
        if (e.is_dir() && old->is_dir()) {
            if (e.opaque) {
                ++ch.modified;
                // count what the opaque directory hides
                std::vector<PathId> stack(paths.children(e.path).begin(), paths.children(e.path).end());
                while (!stack.empty()) {
                    PathId c = stack.back();
                    stack.pop_back();
                    if (below.find(c)) ++ch.hidden;
                    const auto& kids = paths.children(c);
                    stack.insert(stack.end(), kids.begin(), kids.end());
                }
            } else if (e.mode != old->mode || e.uid != old->uid || e.gid != old->gid) {
                ++ch.modified;
            }
            continue;
        }
        ++ch.modified;
    }
    return ch;
}

std::vector<LayerChanges> layer_changes(const Image& image, const PathTable& paths) {
    std::vector<LayerChanges> out;
    out.reserve(image.layer_count());
    std::shared_ptr<const UnionIndex> below = std::make_shared<UnionIndex>();
    for (uint32_t i = 0; i < image.layer_count(); ++i) {
        const Layer& layer = *image.layers()[i];
        out.push_back(layer_changes_over(layer, *below, image.layers(), paths));
        below = UnionIndex::apply(below.get(), layer, i, paths);
    }
    return out;
}

WasteReport image_waste(const Image& image, const BlobStore& blobs) {
    WasteReport r;
    r.image_size = image.size();
    struct Acc {
        uint64_t total = 0;
        uint32_t copies = 0;
    };
    std::unordered_map<PathId, Acc> acc;
    for (const LayerPtr& l : image.layers()) {
        std::unordered_set<uint32_t> groups;
        for (const Entry& e : l->entries()) {
            if (e.is_dir() || e.is_whiteout()) continue;
            uint64_t sz = entry_size(e, blobs);
            if (e.type == EntryType::file && e.link_group != 0 && !groups.insert(e.link_group).second) sz = 0;
            Acc& a = acc[e.path];
            a.total += sz;
            ++a.copies;
        }
    }
    for (const auto& [p, a] : acc) {
        const Entry* vis = image.find(p);
        // A path is visible only if every ancestor is a directory too.
        uint64_t visible = vis && !vis->is_dir() ? entry_size(*vis, blobs) : 0;
        if (a.total <= visible) continue;
        PathWaste w;
        w.path = p;
        w.total = a.total;
        w.copies = a.copies;
        w.wasted = a.total - visible;
        w.deleted = vis == nullptr;
        r.wasted += w.wasted;
        r.paths.push_back(w);
    }
    std::sort(r.paths.begin(), r.paths.end(), [](const PathWaste& x, const PathWaste& y) {
        return x.wasted != y.wasted ? x.wasted > y.wasted : x.path < y.path;
    });
    r.efficiency = r.image_size ? 1.0 - double(r.wasted) / double(r.image_size) : 1.0;
    return r;
}

ShareReport shared_sizes(const std::vector<const Image*>& images, const PathTable& paths, const BlobStore& blobs) {
    ShareReport r;
    std::map<std::string, std::pair<uint32_t, uint64_t>> users;  // chain id -> (images using it, size)
    std::vector<std::vector<std::string>> chains;
    for (const Image* img : images) {
        std::vector<std::string> ids;
        std::vector<Digest> c = img->chain_ids(paths, blobs);
        std::unordered_set<std::string> seen;
        for (size_t i = 0; i < c.size(); ++i) {
            std::string id = c[i].hex();
            ids.push_back(id);
            auto& u = users[id];
            u.second = img->layers()[i]->size();
            if (seen.insert(id).second) ++u.first;
        }
        chains.push_back(std::move(ids));
    }
    for (size_t k = 0; k < images.size(); ++k) {
        ImageShare s;
        for (size_t i = 0; i < chains[k].size(); ++i) {
            uint64_t sz = images[k]->layers()[i]->size();
            s.size += sz;
            if (users[chains[k][i]].first > 1) s.shared += sz;
        }
        s.unique = s.size - s.shared;
        r.images.push_back(s);
    }
    for (const auto& [id, u] : users) r.disk += u.second;
    return r;
}

}  // namespace ll
