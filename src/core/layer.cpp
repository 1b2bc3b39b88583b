#include "core/layer.h"

#include <algorithm>
#include <cassert>
#include <unordered_set>

#include "core/tar.h"

namespace ll {

const char* entry_type_name(EntryType t) {
    switch (t) {
    case EntryType::dir: return "dir";
    case EntryType::file: return "file";
    case EntryType::symlink: return "symlink";
    case EntryType::whiteout: return "whiteout";
    case EntryType::chardev: return "char";
    case EntryType::blockdev: return "block";
    case EntryType::fifo: return "fifo";
    }
    return "?";
}

uint64_t entry_size(const Entry& e, const BlobStore& blobs) {
    switch (e.type) {
    case EntryType::file: return blobs.size(e.blob);
    case EntryType::symlink: return e.target.size();
    default: return 0;
    }
}

Entry& LayerBuilder::put(Entry e) {
    assert(e.path != k_no_path);
    auto it = m_index.find(e.path);
    if (it != m_index.end()) {
        // Two entries for one path in one changeset. A whiteout never hides
        // an entry of its own layer, so "whiteout + directory" is a directory
        // that hides everything below it (opaque), "whiteout + file" is just
        // the file, and otherwise the later entry wins (as tar -x does).
        Entry& old = m_entries[it->second];
        if (e.is_whiteout()) {
            if (old.is_dir()) old.opaque = true;
            if (!old.is_whiteout()) return old;
        }
        bool opaque = (old.is_whiteout() || old.opaque) && e.is_dir();
        old = std::move(e);
        if (opaque) old.opaque = true;
        return old;
    }
    auto pend = std::find(m_opaque_pending.begin(), m_opaque_pending.end(), e.path);
    if (pend != m_opaque_pending.end()) {
        if (e.is_dir()) e.opaque = true;
        m_opaque_pending.erase(pend);
    }
    m_index.emplace(e.path, uint32_t(m_entries.size()));
    m_entries.push_back(std::move(e));
    return m_entries.back();
}

void LayerBuilder::mark_opaque(PathId dir) {
    if (Entry* e = find(dir)) {
        if (e->is_dir()) e->opaque = true;
        return;
    }
    if (std::find(m_opaque_pending.begin(), m_opaque_pending.end(), dir) == m_opaque_pending.end())
        m_opaque_pending.push_back(dir);
}

Entry* LayerBuilder::find(PathId p) {
    auto it = m_index.find(p);
    return it == m_index.end() ? nullptr : &m_entries[it->second];
}

void LayerBuilder::erase(PathId p) {
    auto it = m_index.find(p);
    if (it == m_index.end()) return;
    uint32_t i = it->second;
    m_index.erase(it);
    if (i + 1 != m_entries.size()) {
        m_entries[i] = std::move(m_entries.back());
        m_index[m_entries[i].path] = i;
    }
    m_entries.pop_back();
}

LayerPtr LayerBuilder::freeze(const BlobStore& blobs) {
    // An opaque marker whose directory has no entry of its own: the marker
    // implies the directory (tar producers always write it, but be lenient).
    for (PathId dir : m_opaque_pending) {
        Entry e;
        e.path = dir;
        e.type = EntryType::dir;
        e.mode = 0755;
        e.opaque = true;
        m_index.emplace(dir, uint32_t(m_entries.size()));
        m_entries.push_back(std::move(e));
    }
    m_opaque_pending.clear();

    auto layer = std::make_shared<Layer>();
    // Sort by path string: a parent sorts before its children.
    std::vector<std::pair<std::string, uint32_t>> order;
    order.reserve(m_entries.size());
    for (uint32_t i = 0; i < m_entries.size(); ++i) order.emplace_back(m_paths->str(m_entries[i].path), i);
    std::sort(order.begin(), order.end());
    layer->m_entries.reserve(m_entries.size());
    for (auto& [s, i] : order) {
        (void)s;
        layer->m_entries.push_back(std::move(m_entries[i]));
    }
    m_entries.clear();
    m_index.clear();

    std::unordered_set<uint32_t> groups_seen;
    for (uint32_t i = 0; i < layer->m_entries.size(); ++i) {
        const Entry& e = layer->m_entries[i];
        layer->m_index.emplace(e.path, i);
        if (e.type == EntryType::file) ++layer->m_files;
        if (e.type == EntryType::whiteout) ++layer->m_whiteouts;
        if (e.opaque) ++layer->m_opaques;
        if (e.type == EntryType::file && e.link_group != 0) ++layer->m_link_counts[e.link_group];
        if (e.type == EntryType::file && e.link_group != 0) {
            if (!groups_seen.insert(e.link_group).second) continue;  // another name of an inode already counted
            layer->m_link_first.emplace(e.link_group, e.path);
        }
        layer->m_size += entry_size(e, blobs);
    }
    blobs.track(layer);  // its blobs live as long as it does (BlobStore::collect)
    return layer;
}

const Digest& Layer::diff_id(const PathTable& paths, const BlobStore& blobs) const {
    if (!m_has_diff_id) {
        Sha256 h;
        write_layer_tar(*this, paths, blobs, [&](const char* p, size_t n) { h.update(p, n); });
        m_diff_id = h.finish();
        m_has_diff_id = true;
    }
    return m_diff_id;
}

}  // namespace ll
