// container_diff.cpp: `docker diff` as current Docker computes it.
//
// moby's overlay2 driver has no Changes of its own: it answers with the
// generic naiveDiff, i.e. archive.ChangesDirs(container's mounted root,
// parent's mounted root). Both merged trees are walked and compared name by
// name (lstat, symlinks never followed):
//   - a name only in the container is A (and everything below it is A);
//   - a name only in the image is D (nothing below it is listed);
//   - a name in both is C when its type, permission bits, owner or device
//     number differ, or its security.capability xattr; for a non-directory
//     also its mtime or size. A directory's size and mtime are never looked
//     at (they change whenever a name inside is made or removed);
//   - every directory holding a change anywhere below it is C unless it is
//     already listed, all the way up, never "/".
// So a file touched in place is C with all its ancestors; a file created and
// deleted again leaves nothing (it is in neither tree); a directory copied
// up by a chmod to the same mode is not listed. Docker prints the lines in
// Go map order (random); we sort them by path. What the runtime mounts
// (/proc, /dev, /etc/hosts, ...: Container::mount_runtime) is not in the
// root the graph driver mounts, so it is never listed.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/container.h"

namespace ll {
namespace {

const Entry& entry_of(const Node& n) { return n.entry ? *n.entry : root_entry(); }

uint64_t lstat_size(const Entry& e, const BlobStore& blobs) {
    if (e.type == EntryType::file) return blobs.size(e.blob);
    if (e.type == EntryType::symlink) return e.target.size();
    return 0;
}

const std::string* capability(const Entry& e) {
    for (const Xattr& x : e.xattrs)
        if (x.name == "security.capability") return &x.value;
    return nullptr;
}

// moby pkg/archive statDifferent (unix) plus the capability comparison.
bool stat_different(const Entry& o, const Entry& n, const BlobStore& blobs) {
    if (o.type != n.type || o.mode != n.mode || o.uid != n.uid || o.gid != n.gid) return true;
    bool dev = o.type == EntryType::chardev || o.type == EntryType::blockdev;
    if (dev && (o.dev_major != n.dev_major || o.dev_minor != n.dev_minor)) return true;
    if (o.type != EntryType::dir && (o.mtime != n.mtime || lstat_size(o, blobs) != lstat_size(n, blobs))) return true;
    const std::string* oc = capability(o);
    const std::string* nc = capability(n);
    if (!oc || !nc) return oc != nc;
    return *oc != *nc;
}

struct Pending {
    Node node;     // a directory of the container's tree
    bool has_old;  // the image's tree has a directory or file at the same path
    Node old;
};

}  // namespace

std::vector<DiffLine> Container::diff() const {
    const PathTable& paths = m_store->paths;
    const BlobStore& blobs = m_store->blobs;
    ContainerView neu = view();
    ImageView old(m_image, paths);
    std::unordered_map<PathId, char> listed;  // path -> A/C/D

    // Depth first with an explicit stack (deep trees must not exhaust the
    // wasm stack). A directory is only opened when it lives in the writable
    // layer (or is "/"): below a directory the container never touched, both
    // trees are the same entries, so nothing there can differ.
    std::vector<Pending> stack;
    stack.push_back(Pending{neu.root(), true, old.root()});
    while (!stack.empty()) {
        Pending cur = std::move(stack.back());
        stack.pop_back();
        bool is_root = cur.node.path == k_root_path;
        if (!is_root && cur.node.layer != k_upper_layer) continue;
        bool old_dir = cur.has_old && cur.old.is_dir();
        neu.for_each_child(cur.node, [&](const Node& c) {
            if (mounted(c.path)) return;  // a runtime mount: not in the container's own root (container.h)
            Node oc;
            bool has = old_dir && old.child(cur.old, c.path, oc);
            if (!has) {
                listed[c.path] = 'A';
            } else if (stat_different(entry_of(oc), entry_of(c), blobs)) {
                listed[c.path] = 'C';
            }
            if (c.is_dir()) stack.push_back(Pending{c, has, oc});
        });
        if (!old_dir) continue;
        old.for_each_child(cur.old, [&](const Node& oc) {
            if (mounted(oc.path)) return;  // hidden by a mount, still there below it
            Node c;
            if (!neu.child(cur.node, oc.path, c)) listed[oc.path] = 'D';
        });
    }

    // Every directory that holds a change is itself a change.
    std::vector<PathId> changed;
    changed.reserve(listed.size());
    for (const auto& [p, k] : listed) changed.push_back(p);
    for (PathId p : changed)
        for (PathId a = paths.parent(p); a != k_root_path && listed.emplace(a, 'C').second; a = paths.parent(a)) {
        }

    std::vector<DiffLine> out;
    out.reserve(listed.size());
    for (const auto& [p, k] : listed) out.push_back(DiffLine{k, paths.str(p)});
    std::sort(out.begin(), out.end(), [](const DiffLine& a, const DiffLine& b) { return a.path < b.path; });
    return out;
}

}  // namespace ll
