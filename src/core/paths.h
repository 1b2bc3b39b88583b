// paths.h: interned absolute paths.
//
// Every path any layer, container or lookup mentions is interned once into a
// PathTable and named by a 32-bit PathId from then on. A PathId knows its
// parent and its last component, so walking up to the root, listing the
// children ever seen under a directory, and stepping to a child by name are
// all one array index or one hash probe, with no string building. Layers and
// the union index key everything by PathId.
//
//     PathTable t;                       //   id 0: "/"
//     PathId usr = t.intern("/usr/bin"); //   id 1: "/usr"   id 2: "/usr/bin"
//     t.str(usr) == "/usr/bin"; t.parent(usr) == t.find("/usr");
//     t.child(k_root_path, "usr") == 1;  t.child(1, "lib") == k_no_path
//
// Invariants: ids are dense and never reused; id 0 is "/" and is its own
// parent; a name is never empty, ".", ".." or contains '/'. Interning is
// *lexical*: "/a/../b" is a caller error (the union view resolves ".." and
// symlinks itself, component by component); intern() normalizes duplicate and
// trailing slashes and "." components only.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ll {

using PathId = uint32_t;
inline constexpr PathId k_root_path = 0;
inline constexpr PathId k_no_path = 0xffffffffu;

class PathTable {
public:
    PathTable();

    // The child of `parent` named `name`, creating it if new.
    PathId intern_child(PathId parent, std::string_view name);
    // The child if it was ever interned, else k_no_path. Never allocates.
    PathId child(PathId parent, std::string_view name) const;

    // Absolute or relative-to-root path; ".." components are an error here
    // (returns k_no_path), as are empty names after normalization.
    PathId intern(std::string_view path);
    PathId find(std::string_view path) const;

    PathId parent(PathId p) const { return m_nodes[p].parent; }
    std::string_view name(PathId p) const { return {m_names.data() + m_nodes[p].name_off, m_nodes[p].name_len}; }
    uint32_t depth(PathId p) const { return m_nodes[p].depth; }
    std::string str(PathId p) const;
    // Every child ever interned under p, in interning order.
    const std::vector<PathId>& children(PathId p) const { return m_children[p]; }
    // True if `anc` is p or an ancestor of p.
    bool is_ancestor_or_self(PathId anc, PathId p) const;
    size_t size() const { return m_nodes.size(); }

    // Split helper shared by the parsers: yields the non-empty, non-"."
    // components of a path. Returns false if a component is "..".
    static bool split(std::string_view path, std::vector<std::string_view>& out);

private:
    struct Node {
        PathId parent;
        uint32_t name_off;
        uint32_t name_len;
        uint32_t depth;
        uint64_t hash;
    };
    static uint64_t hash_of(PathId parent, std::string_view name);
    void grow();

    std::vector<Node> m_nodes;
    std::vector<char> m_names;
    std::vector<std::vector<PathId>> m_children;
    std::vector<PathId> m_slots;  // open addressing, k_no_path = empty
};

}  // namespace ll
