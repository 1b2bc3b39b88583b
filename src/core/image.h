// image.h: an image = an ordered stack of frozen layers + a config + history,
// and the union view of that stack.
//
//    layer 3  RUN rm /big             .wh.big            (hides /big below)
//    layer 2  RUN apt-get install ..  /usr/bin/curl ...
//    layer 1  COPY app /app           /app/main.py
//    layer 0  base                    /bin/sh /etc/passwd /big ...
//
// The union view answers "what is at /usr/bin/curl?" the way overlayfs does:
// top-down, first layer that has the name wins, a whiteout ends the search,
// an opaque directory stops the descent, directories merge. It keeps a merged
// index (PathId -> which layer and entry provides it), updated once when a
// layer is pushed, so a lookup costs one hash probe per path component no
// matter how many layers there are. Images are cheap values: copying one
// shares its layers and its index.
//
// For teaching, trace_lookup() replays the same decision layer by layer and
// says what each layer contributed (absent, hit, whiteout, opaque stop...);
// tests check that it always agrees with the index.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/layer.h"
#include "core/shared_vec.h"

namespace ll {

struct Healthcheck {
    std::vector<std::string> test;  // ["NONE"] | ["CMD", ...] | ["CMD-SHELL", "..."]
    int64_t interval_ns = 0, timeout_ns = 0, start_period_ns = 0, start_interval_ns = 0;
    int retries = 0;
    bool operator==(const Healthcheck&) const = default;
};

// PATH when an image sets none: moby's default (oci.DefaultPathEnv on
// Linux), what BuildKit gives FROM scratch, and the shell's PATH before any
// environment is given.
inline constexpr const char* k_default_path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

// The runtime config of an image (OCI image-spec config.md "config" object),
// plus the Docker extensions BuildKit writes (Shell, OnBuild, Healthcheck).
struct ImageConfig {
    std::string user;
    std::vector<std::string> exposed_ports;  // "80/tcp", kept sorted and unique
    // "KEY=value", in order. Shared with the copies it was made from (an
    // image per build step costs its own lines only): shared_vec.h.
    SharedVec<std::string> env;
    std::optional<std::vector<std::string>> entrypoint;
    std::optional<std::vector<std::string>> cmd;
    std::vector<std::string> volumes;  // sorted and unique
    std::string working_dir;
    std::map<std::string, std::string> labels;
    std::string stop_signal;
    std::optional<Healthcheck> healthcheck;
    std::vector<std::string> shell;  // SHELL, empty = default
    std::vector<std::string> on_build;
    std::string os = "linux", architecture = "amd64";

    // Env helpers: value of KEY (nullptr if unset); set replaces in place
    // (Docker keeps the original position) or appends.
    const std::string* env_get(std::string_view key) const;
    void env_set(std::string_view key, std::string_view value);
    bool operator==(const ImageConfig&) const = default;
};

struct HistoryEntry {
    std::string created;     // RFC 3339, "" if unknown
    std::string created_by;  // "RUN /bin/sh -c apt-get update # buildkit"
    std::string author;
    std::string comment;
    bool empty_layer = false;
    bool operator==(const HistoryEntry&) const = default;
};

// Where a path comes from in a merged view.
struct Hit {
    uint32_t layer = 0;  // index into the image's layers (0 = bottom)
    uint32_t entry = 0;  // index into that layer's entries()
};

// Merged index of a layer stack. Immutable once built; each pushed layer
// makes a new index from the one below (copy + apply the changeset).
class UnionIndex {
public:
    const Hit* find(PathId p) const {
        auto it = m_map.find(p);
        return it == m_map.end() ? nullptr : &it->second;
    }
    size_t size() const { return m_map.size(); }
    // The index of `below` with `layer` (at position `layer_pos`) applied.
    static std::shared_ptr<const UnionIndex> apply(const UnionIndex* below, const Layer& layer, uint32_t layer_pos,
                                                   const PathTable& paths);

private:
    void erase_below(PathId p, const PathTable& paths);  // p's descendants
    std::unordered_map<PathId, Hit> m_map;
};

class Image {
public:
    Image();
    const std::vector<LayerPtr>& layers() const { return m_layers; }
    size_t layer_count() const { return m_layers.size(); }
    void push_layer(LayerPtr layer, const PathTable& paths);
    const UnionIndex& index() const { return *m_index; }
    // The entry providing p in the merged view (lexical path: no symlinks
    // are followed), or nullptr.
    const Entry* find(PathId p, uint32_t* layer = nullptr) const;
    const Entry& entry(const Hit& h) const { return m_layers[h.layer]->entries()[h.entry]; }

    ImageConfig config;
    // One line per step; copies share their common prefix (shared_vec.h), so
    // the image kept after each of n build steps costs n lines, not n^2/2.
    SharedVec<HistoryEntry> history;

    // Sum of Docker layer sizes.
    uint64_t size() const;
    // DiffIDs and ChainIDs of every layer (computes DiffIDs on first use).
    std::vector<Digest> diff_ids(const PathTable& paths, const BlobStore& blobs) const;
    std::vector<Digest> chain_ids(const PathTable& paths, const BlobStore& blobs) const;

private:
    std::vector<LayerPtr> m_layers;
    std::shared_ptr<const UnionIndex> m_index;
};

// The shared world of one session: every path and blob any image, layer or
// container refers to. (No globals: callers own a Store and pass it along.)
struct Store {
    PathTable paths;
    BlobStore blobs;
};

}  // namespace ll
