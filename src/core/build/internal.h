// internal.h: helpers shared by the build engine's source files (not part of
// the public API; the UI and tests use builder.h and bases.h).
//
//   context.cpp   BuildContext, IgnoreRules, path_match, Go path helpers
//   copy.cpp      COPY/ADD: sources (context or image), wildcards, the fsutil
//                 copy rules, tar extraction for ADD
//   history.cpp   Go formatting (%q, %v, durations) and created_by strings
//   engine.h      the builder itself (builder.cpp, plan.cpp, step_*.cpp, ...):
//                 its own reading order is at the top of engine.h
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/build/builder.h"
#include "core/container.h"

namespace ll::build::detail {

// ------------------------------------------------------------ Go paths

// Go's path.Clean ("/a//b/../c/" -> "/a/c", "" -> ".").
std::string clean_path(std::string_view p);
// path.Join of two parts, cleaned.
std::string join_path(std::string_view a, std::string_view b);
// path.Base / path.Dir.
std::string base_name(std::string_view p);
std::string dir_name(std::string_view p);
bool ends_with_slash(std::string_view p);

// ------------------------------------------------------------ sources

// A read-only tree COPY reads from: the build context (after .dockerignore)
// or another stage's / image's root filesystem. Paths are relative to the
// tree's root, '/'-separated, without leading slash ("" is the root).
struct SrcNode {
    EntryType type = EntryType::dir;
    uint32_t mode = 0755;
    uint32_t uid = 0, gid = 0;
    int64_t mtime = 0;
    BlobId blob = k_empty_blob;
    std::string target;  // symlink target
    std::vector<Xattr> xattrs;
    uint64_t inode = 0;  // nonzero: hard links of one file share it
};

class SourceTree {
public:
    virtual ~SourceTree() = default;
    // The entry at `rel` itself (no symlink following), or nullopt.
    virtual std::optional<SrcNode> lstat(const std::string& rel) const = 0;
    // Names of the children of directory `rel`, sorted.
    virtual std::vector<std::string> children(const std::string& rel) const = 0;
    // What the tree is, for messages ("the build context", "stage build").
    virtual std::string describe() const = 0;
};

// The context with .dockerignore applied (excluded entries are absent;
// directories holding re-included entries stay).
class ContextTree final : public SourceTree {
public:
    ContextTree(const BuildContext& ctx, const IgnoreRules& rules);
    std::optional<SrcNode> lstat(const std::string& rel) const override;
    std::vector<std::string> children(const std::string& rel) const override;
    std::string describe() const override { return "the build context"; }

private:
    const BuildContext* m_ctx;
    std::vector<std::string> m_visible;  // sorted relative paths that remain
};

class ImageTree final : public SourceTree {
public:
    ImageTree(const Image& image, const Store& store, std::string what);
    std::optional<SrcNode> lstat(const std::string& rel) const override;
    std::vector<std::string> children(const std::string& rel) const override;
    std::string describe() const override { return m_what; }

private:
    const Image* m_image;
    const Store* m_store;
    std::string m_what;
};

// fs.RootPath: resolves `rel` inside the tree, following symlinks (the last
// component too when follow_last), never leaving the root. Returns the
// resolved relative path (which may not exist) or nullopt on a loop.
std::optional<std::string> root_path(const SourceTree& t, std::string_view rel, bool follow_last);

// ------------------------------------------------------------ copy

struct CopySpec {
    bool is_add = false;
    std::vector<std::string> sources;  // expanded, as written
    struct Inline {
        std::string name;
        std::string content;
        uint32_t mode = 0644;  // heredocs 0644; ADD <url> (a stand-in download) 0600, as BuildKit writes it
    };
    std::vector<Inline> inline_files;  // heredoc sources
    std::string dest;                  // absolute, trailing slash kept
    std::optional<std::pair<uint32_t, uint32_t>> chown;
    std::optional<uint32_t> chmod;
    bool parents = false;              // --parents
    std::vector<std::string> exclude;  // --exclude
    int64_t mtime_override = -1;       // -1: keep the source's mtime
    bool chown_created_dirs = true;    // MkdirAll chowns what it creates
    bool empty_wildcard_ok = false;    // BuildKit: a wildcard matching nothing copies nothing
};

struct CopyResult {
    uint64_t files = 0, dirs = 0, symlinks = 0;
    uint64_t bytes = 0;                         // regular-file bytes written
    std::vector<std::string> archives;          // ADD: archives extracted
    std::map<std::string, std::string> inputs;  // source path -> checksum (cache)
    std::vector<std::string> notes;
};

// Checksums every source the spec names (for the cache key), without
// copying. Fails like COPY would when a source is missing.
// `kinds` (optional) receives the type of every source after expansion.
Result<std::map<std::string, std::string>> checksum_sources(const CopySpec& spec, const SourceTree& src,
                                                            const Store& store,
                                                            std::vector<EntryType>* kinds = nullptr);

// Performs COPY/ADD into the container. Errors carry no location (the
// builder adds the instruction's place).
Result<CopyResult> copy_into(Container& c, const CopySpec& spec, const SourceTree& src);

// ------------------------------------------------------------ users

// /etc/passwd and /etc/group lookups in a container's view, as BuildKit
// resolves --chown and WORKDIR owners. "1000", "app", "app:staff", "1:2".
// A user without a group gets the same numeric id as its gid (Docker docs).
Result<std::pair<uint32_t, uint32_t>> resolve_chown(const Container& c, std::string_view spec);
// USER for WORKDIR's mkdir: name[:group] with the user's primary group.
Result<std::pair<uint32_t, uint32_t>> resolve_user(const Container& c, std::string_view spec);

// ------------------------------------------------------------ history & Go formatting

std::string go_quote(std::string_view s);                          // strconv.Quote
std::string go_quote_list(const std::vector<std::string>& v);      // fmt %q of []string
std::string go_list(const std::vector<std::string>& v);            // fmt %v of []string
std::string go_duration(int64_t ns);                               // time.Duration.String()
std::string healthcheck_string(const Healthcheck& h);              // fmt %+v of HealthcheckConfig
std::string json_string_array(const std::vector<std::string>& v);  // ["a","b"] as Docker prints it

}  // namespace ll::build::detail
