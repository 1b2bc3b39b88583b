// fs_tree.h: an image's file system as a tree with sizes, as dive shows it:
// every directory with the total size of what is below it, expandable,
// sortable by name or by size (dive users asked for size order since 2018,
// wagoodman/dive#89), and for one layer its changes marked A/M/D.
//
//   merged_tree(image)        the union view at the top of the stack; each
//                             node names the layer that provides it
//   layer_tree(image, i)      layer i's changeset: what it adds (A), replaces
//                             or changes (M) against the layers below, and
//                             removes (D: its whiteouts, sized by what they
//                             hide); a directory holding marks is M itself
//
//     /                 2.3 MB
//     ├─ usr            1.9 MB      sizes: Docker's (size.h), a directory's
//     │  └─ bin         1.9 MB      total = everything below it
//     └─ etc            3.1 kB
//
// Built once per image (a walk of the view, O(entries)); the UI keeps it
// until the image changes and draws only the expanded directories.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/image.h"

namespace ll {

struct TreeNode {
    PathId path = k_root_path;
    std::string name;  // last component, "/" for the root
    EntryType type = EntryType::dir;
    char mark = ' ';           // layer trees: 'A' added, 'M' modified, 'D' removed; ' ' unchanged
    uint32_t layer = 0;        // the layer providing it (merged tree) or the layer itself
    uint64_t size = 0;         // the entry's own size (a whiteout: the bytes it hides)
    uint64_t total = 0;        // size + every descendant's total
    uint32_t files = 0;        // non-directories at or below it
    uint32_t parent = 0;       // index of the parent node (the root: itself)
    std::vector<uint32_t> children;  // indices into FsTree::nodes
};

struct FsTree {
    std::vector<TreeNode> nodes;  // nodes[0] is "/"; parents before children
    // Orders every node's children: by name, or largest total first (ties by name).
    void sort(bool by_size);
};

FsTree merged_tree(const Image& image, const PathTable& paths, const BlobStore& blobs);
FsTree layer_tree(const Image& image, size_t layer, const PathTable& paths, const BlobStore& blobs);

}  // namespace ll
