// layer.h: one image layer, an immutable changeset.
//
// A layer holds only its delta against the layers below it, as an OCI layer
// tar does (image-spec layer.md):
//
//   /app            dir      0755 0:0              ancestors of every change
//   /app/main.py    file     0644 0:0  1.2 KiB     added or replaced, whole
//   /app/old.py     whiteout                       ".wh.old.py": hides lower
//   /app/cache      dir      0755 0:0  opaque      ".wh..wh..opq": hides all
//                                                  lower children of /app/cache
//
// Entries are sorted by path (parents first), unique per path, and keyed by
// PathId for O(1) probes. A whiteout never hides an entry of its own layer;
// an opaque directory hides lower children only. Regular files that are hard
// links of each other share a nonzero `link_group` (the first one in path
// order is the tar's regular file, the others its TypeLink entries).
//
// Layers are built with LayerBuilder and then frozen: held by
// std::shared_ptr<const Layer>, shared by every image and container that
// stacks them, and tracked by the BlobStore (its collection keeps the blobs
// of every layer that is still alive). Derived facts (size, counts, DiffID) are computed at freeze
// time or once on demand.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/base.h"
#include "core/blob.h"
#include "core/paths.h"
#include "core/sha256.h"

namespace ll {

enum class EntryType : uint8_t { dir, file, symlink, whiteout, chardev, blockdev, fifo };
const char* entry_type_name(EntryType t);  // "dir", "file", ...

// POSIX file type bits as in st_mode, for conversions.
inline constexpr uint32_t k_mode_perm = 07777;

struct Xattr {
    std::string name, value;
    bool operator==(const Xattr&) const = default;
};

struct Entry {
    PathId path = k_no_path;
    EntryType type = EntryType::file;
    bool opaque = false;   // dir only: hides every lower child
    uint32_t mode = 0644;  // permission bits (07777), no type bits
    uint32_t uid = 0, gid = 0;
    int64_t mtime = 0;           // seconds since the epoch
    BlobId blob = k_empty_blob;  // file contents
    uint32_t link_group = 0;     // nonzero: hard links of one inode share it
    std::string target;          // symlink target, as written
    uint32_t dev_major = 0, dev_minor = 0;
    std::vector<Xattr> xattrs;

    bool is_dir() const { return type == EntryType::dir; }
    bool is_whiteout() const { return type == EntryType::whiteout; }
};

// Sizes as Docker counts them (pkg/directory Size over the diff dir): the
// st_size of every non-directory (a symlink counts its target's length),
// each hard-linked inode once; directories and whiteouts count zero.
uint64_t entry_size(const Entry& e, const BlobStore& blobs);

// Registered with the store's collection when frozen (BlobHolder): the
// blobs of its entries live as long as the layer does.
class Layer final : public BlobHolder {
public:
    void mark_blobs(BlobMarks& marks) const override {
        for (const Entry& e : m_entries) marks.mark(e.blob);
    }
    const std::vector<Entry>& entries() const { return m_entries; }
    // The entry for `p` in this layer, or nullptr.
    const Entry* find(PathId p) const {
        auto it = m_index.find(p);
        return it == m_index.end() ? nullptr : &m_entries[it->second];
    }
    bool empty() const { return m_entries.empty(); }

    uint64_t size() const { return m_size; }            // Docker's layer size
    uint32_t files() const { return m_files; }          // regular files
    uint32_t whiteouts() const { return m_whiteouts; }  // incl. opaque markers
    uint32_t opaques() const { return m_opaques; }
    // How many names the hard-link group has in this layer (1 if none).
    uint32_t link_count(uint32_t group) const {
        if (group == 0) return 1;
        auto it = m_link_counts.find(group);
        return it == m_link_counts.end() ? 1 : it->second;
    }

    // The first name (in path order: the tar's regular file) of the
    // hard-link group; its inode number is the group's (Stat::ino).
    PathId link_first(uint32_t group) const {
        auto it = m_link_first.find(group);
        return it == m_link_first.end() ? k_no_path : it->second;
    }

    // DiffID: sha256 of the uncompressed layer tar as tar.h writes it,
    // computed on first use (streams the tar, holds nothing). Imported layers
    // carry the DiffID they were published with (verified on import).
    const Digest& diff_id(const PathTable& paths, const BlobStore& blobs) const;
    bool has_diff_id() const { return m_has_diff_id; }
    void set_known_diff_id(const Digest& d) const {
        m_diff_id = d;
        m_has_diff_id = true;
    }

    // An imported layer's blob exactly as it was published (compressed
    // bytes, their digest, the manifest's media type). `docker commit` and
    // every export keep an image's layers byte for byte, so an export writes
    // this blob back instead of a tar of its own: same digest, same DiffID,
    // same ChainIDs. Layers made here (RUN, COPY, a commit) have none.
    struct Blob {
        std::string bytes;
        std::string media_type;  // as the manifest said ("" for a classic docker save layer.tar)
        Digest digest;           // sha256 of bytes
    };
    const std::shared_ptr<const Blob>& original_blob() const { return m_blob; }
    void set_original_blob(std::shared_ptr<const Blob> b) const { m_blob = std::move(b); }

private:
    friend class LayerBuilder;
    std::vector<Entry> m_entries;
    std::unordered_map<PathId, uint32_t> m_index;
    std::unordered_map<uint32_t, uint32_t> m_link_counts;
    std::unordered_map<uint32_t, PathId> m_link_first;
    uint64_t m_size = 0;
    uint32_t m_files = 0, m_whiteouts = 0, m_opaques = 0;
    mutable bool m_has_diff_id = false;
    mutable Digest m_diff_id;
    mutable std::shared_ptr<const Blob> m_blob;
};

using LayerPtr = std::shared_ptr<const Layer>;

// Collects entries in any order, then freezes them into a Layer. Entries for
// a path already seen combine as one tar's entries do: the later one wins,
// except that a whiteout never hides its own layer's entry (whiteout + dir =
// opaque dir) and an opaque marker applies wherever it stands.
class LayerBuilder {
public:
    explicit LayerBuilder(const PathTable& paths) : m_paths(&paths) {}
    Entry& put(Entry e);           // add or replace the entry for e.path
    void mark_opaque(PathId dir);  // ".wh..wh..opq" seen for dir
    Entry* find(PathId p);
    void erase(PathId p);
    size_t count() const { return m_entries.size(); }
    LayerPtr freeze(const BlobStore& blobs);

private:
    const PathTable* m_paths;
    std::vector<Entry> m_entries;
    std::unordered_map<PathId, uint32_t> m_index;
    std::vector<PathId> m_opaque_pending;  // markers whose dir entry is not (yet) seen
};

}  // namespace ll
