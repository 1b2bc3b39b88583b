// fs_tree.cpp: see fs_tree.h.
#include "core/fs_tree.h"

#include <algorithm>
#include <memory>
#include <unordered_map>

#include "core/view.h"

namespace ll {

namespace {

// Sums sizes bottom-up (children come after their parents in `nodes`); a
// whiteout keeps the bytes it hides to itself.
void add_up(FsTree& t) {
    for (size_t i = t.nodes.size(); i-- > 1;) {
        TreeNode& n = t.nodes[i];
        if (n.type == EntryType::whiteout) {  // its bytes ship in a layer below, not in this one
            n.total = n.size;
            continue;
        }
        n.total += n.size;
        if (n.type != EntryType::dir && n.type != EntryType::whiteout) ++n.files;
        t.nodes[n.parent].total += n.total;
        t.nodes[n.parent].files += n.files;
    }
    if (!t.nodes.empty()) t.nodes[0].total += t.nodes[0].size;
}

TreeNode root_node() {
    TreeNode r;
    r.name = "/";
    return r;
}

// Bytes a whiteout at `p` hides: what the layers below show at and under it.
uint64_t hidden_bytes(PathId p, const UnionIndex& below, const Image& image, const PathTable& paths,
                      const BlobStore& blobs) {
    uint64_t sum = 0;
    std::vector<PathId> stack{p};
    while (!stack.empty()) {
        PathId c = stack.back();
        stack.pop_back();
        const Hit* h = below.find(c);
        if (!h) continue;
        const Entry& e = image.entry(*h);
        sum += entry_size(e, blobs);
        if (e.is_dir()) stack.insert(stack.end(), paths.children(c).begin(), paths.children(c).end());
    }
    return sum;
}

}  // namespace

void FsTree::sort(bool by_size) {
    for (TreeNode& n : nodes)
        std::sort(n.children.begin(), n.children.end(), [&](uint32_t a, uint32_t b) {
            const TreeNode &x = nodes[a], &y = nodes[b];
            if (by_size && x.total != y.total) return x.total > y.total;
            return x.name < y.name;
        });
}

FsTree merged_tree(const Image& image, const PathTable& paths, const BlobStore& blobs) {
    FsTree t;
    t.nodes.push_back(root_node());
    ImageView view(image, paths);
    std::vector<std::pair<Node, uint32_t>> stack{{view.root(), 0}};
    while (!stack.empty()) {
        Node dir = stack.back().first;
        uint32_t at = stack.back().second;
        stack.pop_back();
        view.for_each_child(dir, [&](const Node& n) {
            TreeNode c;
            c.path = n.path;
            c.name = std::string(paths.name(n.path));
            c.type = n.type();
            c.layer = n.layer;
            c.size = n.entry ? entry_size(*n.entry, blobs) : 0;
            c.parent = at;
            uint32_t idx = uint32_t(t.nodes.size());
            t.nodes.push_back(std::move(c));
            t.nodes[at].children.push_back(idx);
            if (n.is_dir()) stack.emplace_back(n, idx);
        });
    }
    add_up(t);
    t.sort(false);
    return t;
}

FsTree layer_tree(const Image& image, size_t layer, const PathTable& paths, const BlobStore& blobs) {
    FsTree t;
    t.nodes.push_back(root_node());
    if (layer >= image.layer_count()) return t;
    std::shared_ptr<const UnionIndex> below = std::make_shared<UnionIndex>();
    for (size_t i = 0; i < layer; ++i) below = UnionIndex::apply(below.get(), *image.layers()[i], uint32_t(i), paths);
    const Layer& l = *image.layers()[layer];
    std::unordered_map<PathId, uint32_t> index{{k_root_path, 0}};
    // entries are sorted parents first; a parent the tar left out is made on the way
    auto node_for = [&](PathId p, auto&& self) -> uint32_t {
        if (auto it = index.find(p); it != index.end()) return it->second;
        uint32_t parent = self(paths.parent(p), self);
        TreeNode c;
        c.path = p;
        c.name = std::string(paths.name(p));
        c.layer = uint32_t(layer);
        c.parent = parent;
        uint32_t idx = uint32_t(t.nodes.size());
        t.nodes.push_back(std::move(c));
        t.nodes[parent].children.push_back(idx);
        index[p] = idx;
        return idx;
    };
    for (const Entry& e : l.entries()) {
        TreeNode& n = t.nodes[node_for(e.path, node_for)];
        const Hit* h = below->find(e.path);
        const Entry* old = h ? &image.entry(*h) : nullptr;
        n.type = e.type;
        if (e.is_whiteout()) {
            n.mark = old ? 'D' : ' ';
            n.size = hidden_bytes(e.path, *below, image, paths, blobs);
            continue;
        }
        n.size = entry_size(e, blobs);
        if (!old)
            n.mark = 'A';
        else if (!e.is_dir() || !old->is_dir() || e.opaque || e.mode != old->mode || e.uid != old->uid || e.gid != old->gid)
            n.mark = 'M';
    }
    // a directory holding changes is itself changed (dive colours it so)
    for (size_t i = t.nodes.size(); i-- > 1;) {
        const TreeNode& n = t.nodes[i];
        if (n.mark != ' ' && t.nodes[n.parent].mark == ' ' && n.parent != 0) t.nodes[n.parent].mark = 'M';
    }
    add_up(t);
    t.sort(false);
    return t;
}

}  // namespace ll
