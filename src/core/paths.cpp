#include "core/paths.h"

#include <cassert>

namespace ll {

PathTable::PathTable() {
    m_nodes.push_back(Node{k_root_path, 0, 0, 0, 0});
    m_children.emplace_back();
    m_slots.assign(1024, k_no_path);
}

uint64_t PathTable::hash_of(PathId parent, std::string_view name) {
    // FNV-1a over the name, mixed with the parent id.
    uint64_t h = 1469598103934665603ull ^ (uint64_t(parent) * 0x9e3779b97f4a7c15ull);
    for (char c : name) {
        h ^= uint8_t(c);
        h *= 1099511628211ull;
    }
    h ^= h >> 29;
    return h;
}

PathId PathTable::child(PathId parent, std::string_view name) const {
    uint64_t h = hash_of(parent, name);
    size_t mask = m_slots.size() - 1;
    for (size_t i = size_t(h) & mask;; i = (i + 1) & mask) {
        PathId id = m_slots[i];
        if (id == k_no_path) return k_no_path;
        const Node& n = m_nodes[id];
        if (n.hash == h && n.parent == parent && this->name(id) == name) return id;
    }
}

void PathTable::grow() {
    std::vector<PathId> slots(m_slots.size() * 2, k_no_path);
    size_t mask = slots.size() - 1;
    for (PathId id = 1; id < m_nodes.size(); ++id) {
        size_t i = size_t(m_nodes[id].hash) & mask;
        while (slots[i] != k_no_path) i = (i + 1) & mask;
        slots[i] = id;
    }
    m_slots.swap(slots);
}

PathId PathTable::intern_child(PathId parent, std::string_view name) {
    assert(!name.empty() && name != "." && name != ".." && name.find('/') == std::string_view::npos);
    PathId found = child(parent, name);
    if (found != k_no_path) return found;
    if ((m_nodes.size() + 1) * 2 > m_slots.size()) grow();
    uint64_t h = hash_of(parent, name);
    PathId id = PathId(m_nodes.size());
    m_nodes.push_back(Node{parent, uint32_t(m_names.size()), uint32_t(name.size()), m_nodes[parent].depth + 1, h});
    m_names.insert(m_names.end(), name.begin(), name.end());
    m_children.emplace_back();
    m_children[parent].push_back(id);
    size_t mask = m_slots.size() - 1;
    size_t i = size_t(h) & mask;
    while (m_slots[i] != k_no_path) i = (i + 1) & mask;
    m_slots[i] = id;
    return id;
}

bool PathTable::split(std::string_view path, std::vector<std::string_view>& out) {
    out.clear();
    size_t i = 0;
    while (i < path.size()) {
        while (i < path.size() && path[i] == '/') ++i;
        size_t j = i;
        while (j < path.size() && path[j] != '/') ++j;
        if (j > i) {
            std::string_view c = path.substr(i, j - i);
            if (c == "..") return false;
            if (c != ".") out.push_back(c);
        }
        i = j;
    }
    return true;
}

PathId PathTable::intern(std::string_view path) {
    PathId cur = k_root_path;
    size_t i = 0;
    while (i < path.size()) {
        while (i < path.size() && path[i] == '/') ++i;
        size_t j = i;
        while (j < path.size() && path[j] != '/') ++j;
        if (j > i) {
            std::string_view c = path.substr(i, j - i);
            if (c == "..") return k_no_path;
            if (c != ".") cur = intern_child(cur, c);
        }
        i = j;
    }
    return cur;
}

PathId PathTable::find(std::string_view path) const {
    PathId cur = k_root_path;
    size_t i = 0;
    while (i < path.size()) {
        while (i < path.size() && path[i] == '/') ++i;
        size_t j = i;
        while (j < path.size() && path[j] != '/') ++j;
        if (j > i) {
            std::string_view c = path.substr(i, j - i);
            if (c == "..") return k_no_path;
            if (c != ".") {
                cur = child(cur, c);
                if (cur == k_no_path) return k_no_path;
            }
        }
        i = j;
    }
    return cur;
}

std::string PathTable::str(PathId p) const {
    assert(p < m_nodes.size() && "not an interned PathId (k_no_path has no text)");
    if (p == k_root_path) return "/";
    size_t len = 0;
    for (PathId q = p; q != k_root_path; q = m_nodes[q].parent) len += 1 + m_nodes[q].name_len;
    std::string s(len, '/');
    size_t end = len;
    for (PathId q = p; q != k_root_path; q = m_nodes[q].parent) {
        const Node& n = m_nodes[q];
        end -= n.name_len;
        s.replace(end, n.name_len, m_names.data() + n.name_off, n.name_len);
        --end;  // the '/' already there
    }
    return s;
}

bool PathTable::is_ancestor_or_self(PathId anc, PathId p) const {
    if (anc == k_root_path) return true;
    uint32_t d = m_nodes[anc].depth;
    while (m_nodes[p].depth > d) p = m_nodes[p].parent;
    return p == anc;
}

}  // namespace ll
