#include "core/image.h"

#include <algorithm>

namespace ll {

const std::string* ImageConfig::env_get(std::string_view key) const {
    for (const std::string& kv : env) {
        if (kv.size() > key.size() && kv.compare(0, key.size(), key) == 0 && kv[key.size()] == '=') return &kv;
    }
    return nullptr;
}

void ImageConfig::env_set(std::string_view key, std::string_view value) {
    std::string kv = std::string(key) + "=" + std::string(value);
    for (size_t i = 0; i < env.size(); ++i) {
        const std::string& e = env[i];
        if (e.size() > key.size() && e.compare(0, key.size(), key) == 0 && e[key.size()] == '=') {
            env.mut(i) = std::move(kv);
            return;
        }
    }
    env.push_back(std::move(kv));
}

void UnionIndex::erase_below(PathId p, const PathTable& paths) {
    // Every interned descendant: cheap enough, and correct even for layers
    // whose entries lack their ancestor directories.
    std::vector<PathId> stack(paths.children(p).begin(), paths.children(p).end());
    while (!stack.empty()) {
        PathId c = stack.back();
        stack.pop_back();
        m_map.erase(c);
        const auto& kids = paths.children(c);
        stack.insert(stack.end(), kids.begin(), kids.end());
    }
}

std::shared_ptr<const UnionIndex> UnionIndex::apply(const UnionIndex* below, const Layer& layer, uint32_t layer_pos,
                                                    const PathTable& paths) {
    auto idx = std::make_shared<UnionIndex>();
    if (below) idx->m_map = below->m_map;
    // Removals first: they act on the layers below only (a whiteout never
    // hides an entry of its own layer), wherever they stand in the layer.
    for (const Entry& e : layer.entries()) {
        if (e.is_whiteout()) {
            idx->m_map.erase(e.path);
            idx->erase_below(e.path, paths);
        } else if (e.is_dir()) {
            if (e.opaque) idx->erase_below(e.path, paths);
        } else {
            // A non-directory replacing a directory drops what was below it.
            if (idx->m_map.count(e.path)) idx->erase_below(e.path, paths);
        }
    }
    const auto& entries = layer.entries();
    for (uint32_t i = 0; i < entries.size(); ++i) {
        if (entries[i].is_whiteout()) continue;
        idx->m_map[entries[i].path] = Hit{layer_pos, i};
    }
    return idx;
}

Image::Image() : m_index(std::make_shared<UnionIndex>()) {}

void Image::push_layer(LayerPtr layer, const PathTable& paths) {
    m_index = UnionIndex::apply(m_index.get(), *layer, uint32_t(m_layers.size()), paths);
    m_layers.push_back(std::move(layer));
}

const Entry* Image::find(PathId p, uint32_t* layer) const {
    const Hit* h = m_index->find(p);
    if (!h) return nullptr;
    if (layer) *layer = h->layer;
    return &entry(*h);
}

uint64_t Image::size() const {
    uint64_t n = 0;
    for (const LayerPtr& l : m_layers) n += l->size();
    return n;
}

std::vector<Digest> Image::diff_ids(const PathTable& paths, const BlobStore& blobs) const {
    std::vector<Digest> out;
    out.reserve(m_layers.size());
    for (const LayerPtr& l : m_layers) out.push_back(l->diff_id(paths, blobs));
    return out;
}

std::vector<Digest> Image::chain_ids(const PathTable& paths, const BlobStore& blobs) const {
    std::vector<Digest> out;
    out.reserve(m_layers.size());
    for (const LayerPtr& l : m_layers) {
        const Digest& d = l->diff_id(paths, blobs);
        out.push_back(out.empty() ? d : chain_id_next(out.back(), d));
    }
    return out;
}

}  // namespace ll
