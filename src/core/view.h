// view.h: resolving paths in a union view, with traces for teaching.
//
// A view is "what a process sees": an image's merged layers, or a container
// (its writable layer over an image). resolve() walks a path one component
// at a time the way the kernel does: it follows symlinks (absolute and
// relative targets, ".." physically, ELOOP after 40 hops), fails with ENOTDIR
// when a non-directory is used as one, and reports where a path would be
// created when its last component is missing.
//
// trace_lookup() answers the teaching question "how did overlayfs find
// this?": it walks the layers top-down for one path and says, per layer,
// what that layer contributed:
//
//   upper    absent
//   layer 3  whiteout    <- ".wh.big": the search ends, "not found"
//
//   layer 2  hit         <- /etc is a directory here ...
//   layer 1  merged      <- ... and here (directories merge)
//   layer 0  (not visited: layer 1's /etc is opaque)
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/image.h"

namespace ll {

inline constexpr uint32_t k_upper_layer = 0xfffffffeu;  // a container's writable layer
inline constexpr uint32_t k_no_layer = 0xffffffffu;     // "/" itself, or nothing

// One resolved name.
struct Node {
    PathId path = k_root_path;
    const Entry* entry = nullptr;  // nullptr only for "/"
    uint32_t layer = k_no_layer;   // which layer provides it
    bool lower_visible = true;     // dirs in a container: do lower children show?
    bool is_dir() const { return entry == nullptr || entry->is_dir(); }
    EntryType type() const { return entry ? entry->type : EntryType::dir; }
};

// The root directory's attributes (layers never carry "/").
const Entry& root_entry();

class FsView {
public:
    virtual ~FsView() = default;
    // The child `child` (a PathId whose parent is dir.path) of directory `dir`.
    virtual bool child(const Node& dir, PathId child, Node& out) const = 0;
    // Calls fn(Node) for every visible child of `dir`, in no particular order.
    virtual void for_each_child(const Node& dir, const std::function<void(const Node&)>& fn) const = 0;
    // May the walk look up names in `dir` (search permission, the x bit)?
    // An image's view has no process and always may; a container asks its
    // credentials (container.h, permits()).
    virtual bool may_search(const Node& dir) const {
        (void)dir;
        return true;
    }
    Node root() const { return Node{}; }
};

struct SymlinkHop {
    std::string link;    // the symlink's path
    std::string target;  // what it points to, as written
};

struct Resolution {
    Errc err = Errc::ok;     // ok; enoent (see parent_ok); enotdir; eloop; einval; eacces
    Node node;               // when ok
    Node parent;             // when ok or (enoent && parent_ok): the containing dir
    bool parent_ok = false;  // the last component's directory exists
    std::string name;        // the last component ("" for "/")
    std::vector<SymlinkHop> hops;
    explicit operator bool() const { return err == Errc::ok; }
};

// Resolves an absolute path (a relative one is taken from "/"). With
// follow_last, a symlink as the last component is followed too. A trailing
// slash requires a directory. Every directory the walk looks a name up in
// (those a symlink leads through included) needs search permission:
// EACCES otherwise, as the kernel's path walk (may_lookup) says.
Resolution resolve(const FsView& view, const PathTable& paths, std::string_view path, bool follow_last);

// The merged view of an image.
class ImageView final : public FsView {
public:
    ImageView(const Image& image, const PathTable& paths) : m_image(&image), m_paths(&paths) {}
    bool child(const Node& dir, PathId child, Node& out) const override;
    void for_each_child(const Node& dir, const std::function<void(const Node&)>& fn) const override;

private:
    const Image* m_image;
    const PathTable* m_paths;
};

enum class Verdict : uint8_t {
    absent,       // this layer has nothing at the path
    hit,          // the first layer that has it: this is what you see
    merged,       // a lower copy of a directory that merges with the hit
    shadowed,     // a lower non-directory under a directory hit: hidden
    whiteout,     // a whiteout of the path (or of an ancestor, see `at`): not found
    opaque_stop,  // an opaque directory (the path or an ancestor): lower layers are not searched
    blocked,      // an ancestor is a non-directory in this layer: nothing below it
};
const char* verdict_name(Verdict v);

struct TraceStep {
    uint32_t layer;  // image layer index, or k_upper_layer
    Verdict verdict;
    PathId at;                     // the path the verdict is about (the path or an ancestor);
                                   // k_no_path: the traced name, never interned (LookupTrace::traced_text)
    PathId opaque_at = k_no_path;  // hit/merged in an opaque dir (the path or an
                                   // ancestor): the descent ends with this layer
};

// A trace carries what it needs to be shown: a name no layer ever had is
// not interned (a lookup must not grow the PathTable), so its PathId is
// k_no_path and its text is in traced_text. Never hand k_no_path to
// PathTable::str(); at_text() picks the right one.
struct LookupTrace {
    std::string asked;                // the path as given
    PathId traced = k_no_path;        // the physical path traced (after symlinks); k_no_path when
                                      // that name was never interned or the walk stopped earlier
    std::string traced_text;          // that path as text, always set: the physical path when the
                                      // walk reached the last name ("/nope", a dangling symlink's
                                      // target), else the path as asked (ELOOP, ENOTDIR)
    Errc result = Errc::ok;           // ok or why the lookup failed
    uint32_t hit_layer = k_no_layer;  // who provides it (when ok)
    std::vector<SymlinkHop> hops;
    std::vector<TraceStep> steps;  // top-down, one per layer consulted
    uint32_t layers_visited() const { return uint32_t(steps.size()); }
    // The text of a step's `at` (traced_text when it is the never-interned traced name).
    std::string at_text(const TraceStep& s, const PathTable& paths) const {
        return s.at == k_no_path ? traced_text : paths.str(s.at);
    }
};

// Probe of the container's writable layer (nullptr fn: no container).
using UpperProbe = std::function<const Entry*(PathId)>;

// Traces how `path` is looked up in `image` (under a container's writable
// layer when `upper` is given). Uses `view` to resolve symlinks first.
LookupTrace trace_lookup(const FsView& view, const Image& image, const UpperProbe& upper, const PathTable& paths,
                         std::string_view path, bool follow_last = true);

// Every layer that has an entry at `p` (whiteouts included), top-down, for
// the "which copies does this file shadow" view: the first non-whiteout one
// that is visible is what you see; the others cost bytes and are hidden.
struct Copy {
    uint32_t layer;
    const Entry* entry;
};
std::vector<Copy> copies_of(const Image& image, PathId p);

}  // namespace ll
