// container.h: a writable layer over an image, with overlayfs copy-on-write.
//
//        container "web"                    container "worker"
//   +----------------------+          +----------------------+
//   | upper (writable)     |          | upper (writable)     |
//   +----------------------+          +----------------------+
//              \                                 /
//               +---- image layers, read-only, shared ----+
//
// Operations behave as the kernel's overlayfs (Documentation/filesystems/
// overlayfs.rst) does with Docker's overlay2 defaults (redirect_dir=off,
// index=off, metacopy=off):
//   - reads fall through the layers top-down (see view.h);
//   - the first write to a lower file, and chmod/chown/utime of it, copies
//     the whole file up (with its parent directories, metadata only) before
//     changing it; the copy shares the blob, so it is O(1) here while the
//     event reports the bytes a real copy-up moves;
//   - deleting a lower name leaves a whiteout; deleting a lower directory
//     and creating it again makes an opaque directory;
//   - renaming a directory that exists in a lower layer fails with EXDEV
//     (mv then copies and deletes); renaming a lower file copies it up;
//   - hard links to a lower file are broken by copy-up (each name is copied
//     up on its own);
//   - permissions are checked for non-root credentials (root bypasses them,
//     the sticky bit of /tmp included).
// Every operation appends Events (what was looked up, copied up, whited
// out) that the UI animates and the CLI prints, and fails with an errno-like
// Error whose message names the path in plain words.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/view.h"

namespace ll {

struct Cred {
    uint32_t uid = 0, gid = 0;
    std::vector<uint32_t> groups;  // supplementary
};

// The permission rule, in one place (the kernel's generic_permission): may
// a process with credentials `c` do `want` (4 read, 2 write, 1 execute or,
// on a directory, search; OR-ed bits, all required) on a file of this type,
// mode and owner? The owner's bits apply to the owner, else the group's to
// a member of the group (primary or supplementary), else the others'. Root
// bypasses read and write, and execute too except on a non-directory with
// no x bit at all (CAP_DAC_OVERRIDE). The container, path walks (search
// permission of every directory passed through), exec, cd and test use it.
bool permits(const Cred& c, EntryType type, uint32_t mode, uint32_t uid, uint32_t gid, uint32_t want);

enum class EventKind : uint8_t {
    lookup,    // not emitted by the container (a lookup's trace is Container::trace, on demand); kept so the kinds' numbering and names stay
    copy_up,   // a lower file/dir was copied into the writable layer
    whiteout,  // a whiteout now hides a lower name
    opaque,    // a directory became opaque
    create,    // a new name in the writable layer
    modify,    // contents or metadata changed
    remove,    // a name removed from the writable layer (no whiteout needed)
    rename,
    exdev,  // a rename refused with EXDEV
};
const char* event_kind_name(EventKind k);

// What a modify event changed.
enum class Change : uint8_t {
    none,       // not a modify event
    contents,   // the whole contents replaced (open with O_TRUNC, then write)
    append,     // bytes added at the end (O_APPEND)
    at_offset,  // bytes written in place at `offset`, the rest kept
    truncate,   // the size set (truncate -s), nothing written
    mode,       // chmod
    owner,      // chown
    times,      // touch -d, utime
};
const char* change_name(Change c);

// An event carries facts; `text` is the sentence made from them when the
// event was emitted (for a log or the JS API). Code that decides something
// reads the fields, never the text.
struct Event {
    Event() = default;
    explicit Event(EventKind k) : kind(k) {}
    EventKind kind = EventKind::lookup;
    PathId path = k_no_path;
    uint32_t layer = k_no_layer;  // copy_up: the layer copied from; whiteout: the layer hidden
    // copy_up: bytes a real copy-up moves; whiteout: bytes still shipped
    // below; create: the new file's size; modify: bytes written.
    uint64_t bytes = 0;
    Change change = Change::none;              // modify: what changed
    uint64_t offset = 0;                       // modify at_offset: where the bytes went
    uint64_t size = 0;                         // modify contents/append/at_offset/truncate: the file's size after
    std::string text;                          // one plain sentence made from the fields above
};

// What a command did to a file right after copying it up: the modify event
// of the same path that follows copy-up event `i` (before any other change
// of that path), or nullptr.
const Event* change_after_copy_up(const std::vector<Event>& events, size_t i);

// How many events of each kind a container emitted since its last
// take_events(), those past the list's cap included: a command that creates
// 100,000 files keeps the first events in the list but counts all 100,000,
// so what is said about it stays true.
struct EventCounts {
    uint64_t by_kind[size_t(EventKind::exdev) + 1] = {};
    uint64_t file_copy_ups = 0;  // copy_up events that moved bytes (files, not directories)
    uint64_t operator[](EventKind k) const { return by_kind[size_t(k)]; }
};

struct Stat {
    PathId path = k_root_path;
    EntryType type = EntryType::dir;
    uint32_t mode = 0755, uid = 0, gid = 0;
    uint64_t size = 0;
    int64_t mtime = 0;
    uint32_t nlink = 1;
    // Files that are hard links of one inode share a nonzero key (what
    // st_dev + st_ino tell tar and cp -a); 0 for an unlinked file.
    uint64_t inode_key = 0;
    // st_ino as ls -i, stat -c %i and [ a -ef b ] see it: the path's own
    // number (PathId + 2, so "/" is 2 as on ext4), and for hard links the
    // number of the name the inode had first (the source of the first
    // `ln`; in an image layer the group's first name in path order), so
    // every name of one inode shows the same number and `ln` does not
    // change the source's.
    uint64_t ino = 2;
    uint32_t layer = k_no_layer;  // where it comes from (k_upper_layer = the container)
    BlobId blob = k_empty_blob;
    std::string target;
    uint32_t dev_major = 0, dev_minor = 0;
};

struct DirEntry {
    std::string name;
    PathId path;
    EntryType type;
};

// docker diff
struct DiffLine {
    char kind;  // 'A', 'C' or 'D'
    std::string path;
};

// What the runtime mounts over a container's root file system: Docker for
// `docker run` (moby's default OCI spec plus its /etc files), BuildKit for
// a RUN step (containerd's default mounts plus /etc/hosts and
// /etc/resolv.conf). Modelled: the mount points and what the runtime puts
// there, not the kernel's live /proc and /sys:
//   /proc            proc: shown empty; nothing can be created in it (ENOENT)
//   /sys             sysfs, read-only: shown empty; writes fail with EROFS
//   /dev             a tmpfs with runc's device nodes (null zero full random
//                    urandom tty) and symlinks (fd stdin stdout stderr ptmx
//                    core), /dev/pts, /dev/shm and /dev/mqueue mounted in it
//   /etc/hosts, /etc/resolv.conf, and /etc/hostname for docker run: files
//                    the runtime writes and bind-mounts (only when the image
//                    has an /etc directory)
// What lives on a mount is not the writable layer: diff() (docker diff),
// commit_layer() (docker commit, a RUN step's layer) and size() leave it
// out, as BuildKit does with the stubs it creates for its mount points.
// Removing or renaming a mount point fails with EBUSY ("Device or resource
// busy", as rm and mv say), a rename across a mount's edge with EXDEV.
enum class RuntimeMounts : uint8_t { docker_run, buildkit_run };
enum class MountKind : uint8_t { proc, sysfs, tmpfs, devpts, mqueue, bind };

enum class WriteMode : uint8_t { truncate, append, create_new /* O_EXCL */ };

// The libc wording of an errno-like code ("No such file or directory").
const char* strerror_text(Errc c);

class Container;

// Upper layer over the image, as seen by resolve() and trace_lookup().
class ContainerView final : public FsView {
public:
    explicit ContainerView(const Container* c) : m_c(c) {}
    bool child(const Node& dir, PathId child, Node& out) const override;
    void for_each_child(const Node& dir, const std::function<void(const Node&)>& fn) const override;
    bool may_search(const Node& dir) const override;

private:
    const Container* m_c;
};

class Container {
public:
    Container(Store& store, Image image, std::string name = "container");

    const std::string& name() const { return m_name; }
    const Image& image() const { return m_image; }
    Store& store() { return *m_store; }
    const Store& store() const { return *m_store; }

    // Credentials used for permission checks and ownership of new files.
    void set_cred(Cred c) { m_cred = std::move(c); }
    const Cred& cred() const { return m_cred; }
    // permits() for these credentials on a file as stat() describes it.
    bool may_access(const Stat& s, uint32_t want) const {
        return permits(m_cred, s.type, s.mode, s.uid, s.gid, want);
    }
    void set_umask(uint32_t m) { m_umask = m & 0777; }
    uint32_t umask() const { return m_umask; }
    // Deterministic clock for mtimes: seconds since the epoch.
    void set_time(int64_t t) { m_now = t; }
    int64_t now() const { return m_now; }
    void tick(int64_t s = 1) { m_now += s; }

    // ---- reading -------------------------------------------------------
    Result<Stat> stat(std::string_view path) const;  // follows symlinks
    Result<Stat> lstat(std::string_view path) const;
    bool exists(std::string_view path) const { return lstat(path).ok(); }
    Result<std::vector<DirEntry>> list(std::string_view dir) const;  // sorted by name
    Result<BlobId> read(std::string_view path) const;                // the contents' blob
    Result<std::string> read_text(std::string_view path, uint64_t max = 1 << 20) const;
    Result<std::string> readlink(std::string_view path) const;
    // The canonical absolute path (symlinks resolved), like realpath(3).
    Result<std::string> realpath(std::string_view path) const;
    Resolution resolve(std::string_view path, bool follow_last) const;

    // ---- writing -------------------------------------------------------
    // Writes `contents` to a file (created with mode & ~umask if missing).
    Status write(std::string_view path, BlobId contents, WriteMode mode = WriteMode::truncate,
                 uint32_t create_mode = 0666);
    Status write_text(std::string_view path, std::string_view text, WriteMode mode = WriteMode::truncate,
                      uint32_t create_mode = 0666);
    Status write_at(std::string_view path, uint64_t offset, std::string_view data);
    Status truncate(std::string_view path, uint64_t size);
    // Opens for writing without changing the contents (touch, `: > f` before
    // a write): copies a lower file up. Creates it if missing and `create`.
    Status open_for_write(std::string_view path, bool create, uint32_t create_mode = 0666);
    Status mkdir(std::string_view path, uint32_t mode = 0777);
    Status rmdir(std::string_view path);
    Status unlink(std::string_view path);
    Status rename(std::string_view from, std::string_view to);
    Status chmod(std::string_view path, uint32_t mode, bool follow = true);
    Status chown(std::string_view path, std::optional<uint32_t> uid, std::optional<uint32_t> gid, bool follow = true);
    Status utime(std::string_view path, int64_t mtime, bool follow = true);
    Status symlink(std::string_view target, std::string_view linkpath);
    Status link(std::string_view existing, std::string_view newpath);
    Status mknod(std::string_view path, EntryType type, uint32_t mode, uint32_t major = 0, uint32_t minor = 0);
    // Creates or replaces `path` with exactly the attributes of `proto`
    // (type, mode, owner, mtime, contents, target), the way tar -x and COPY
    // do: an existing directory is kept (attributes replaced) when proto is
    // a directory; anything else in the way is removed first.
    Status install(std::string_view path, const Entry& proto);

    // ---- mounts (see RuntimeMounts) ----------------------------------------
    // Mounts what the runtime mounts; the hostname goes into /etc/hosts
    // (and /etc/hostname). Call once, before the process runs.
    void mount_runtime(RuntimeMounts kind, std::string_view hostname);
    bool is_mount_point(PathId p) const { return m_mounts.count(p) != 0; }
    // The innermost mount point at or above p; k_no_path when p lives in
    // the container's own layers.
    PathId mount_of(PathId p) const;
    bool mounted(PathId p) const { return !m_mounts.empty() && mount_of(p) != k_no_path; }

    // ---- results -------------------------------------------------------
    // The writable layer as it stands (whiteouts and opaque dirs included),
    // and what is on the runtime's mounts (mounted() tells which).
    const std::unordered_map<PathId, Entry>& upper() const { return m_upper; }
    bool upper_empty() const { return m_upper.empty(); }
    // Entries of the writable layer proper (mounts left out).
    size_t upper_count() const;
    // docker diff: A/C/D lines sorted by path (moby's overlay2 rules).
    std::vector<DiffLine> diff() const;
    // The writable layer frozen as an image layer (what docker commit stores).
    LayerPtr commit_layer() const;
    // docker commit: the image plus that layer and a history entry.
    Image commit(const std::string& created_by, const std::string& comment = "") const;
    // docker ps -s: SIZE (the writable layer) and virtual size (+ image).
    uint64_t size() const;
    uint64_t virtual_size() const { return size() + m_image.size(); }

    // ---- events --------------------------------------------------------
    const std::vector<Event>& events() const { return m_events; }
    std::vector<Event> take_events();
    // Every event since the last take_events(), counted by kind (none dropped).
    const EventCounts& event_counts() const { return m_counts; }
    // Bytes all copy-ups so far moved (what a real overlayfs would copy).
    uint64_t bytes_copied_up() const { return m_bytes_copied; }

    // The view for resolve()/trace_lookup(): upper over the image.
    ContainerView view() const { return ContainerView(this); }
    LookupTrace trace(std::string_view path, bool follow_last = true) const;

private:
    friend class ContainerView;

    Error fail(Errc code, std::string_view path, std::string_view what) const;
    void emit(Event e);
    Stat stat_of(const Node& n) const;
    // Does a lower layer (visible under the upper's opaque dirs) have `p`?
    bool lower_has(PathId p) const;
    bool may(const Node& n, uint32_t want) const;  // want: 4 r, 2 w, 1 x
    Status check_dir_write(const Node& dir, std::string_view path) const;
    Status check_sticky(const Node& dir, const Node& victim, std::string_view path) const;
    // Ensures n (and its ancestors) live in the writable layer; returns the
    // upper entry. Emits copy_up events.
    Entry& copy_up(const Node& n);
    void copy_up_dir_chain(PathId dir);
    void touch_dir(PathId dir);  // mtime of a changed directory
    Entry& put_upper(Entry e);
    void remove_name(const Node& n, PathId p);  // whiteout if lower has it
    void drop_upper_subtree(PathId p);
    Entry new_entry(PathId p, EntryType t, uint32_t mode) const;
    std::vector<PathId> link_peers(const Entry& e) const;
    void update_inode(PathId p, const std::function<void(Entry&)>& fn);
    Status replace_for_create(const Resolution& r, std::string_view path, bool allow_existing_dir);
    Status check_mount_point(PathId p, std::string_view path) const;  // EBUSY for a mount point

    Store* m_store;
    Image m_image;
    std::string m_name;
    Cred m_cred;
    uint32_t m_umask = 022;
    int64_t m_now = 1700000000;
    uint32_t m_next_group = 1;
    std::unordered_map<uint32_t, PathId> m_group_first;  // link group -> the name whose inode number it keeps
    uint64_t m_bytes_copied = 0;
    std::unordered_map<PathId, Entry> m_upper;
    std::unordered_map<PathId, MountKind> m_mounts;  // mount points (their entries are in m_upper)
    std::vector<Event> m_events;
    EventCounts m_counts;
};

// Helpers built on the operations, shared by the shell and the builder.
Status mkdir_p(Container& c, std::string_view path, uint32_t mode = 0755);
Status remove_tree(Container& c, std::string_view path);  // rm -rf of one path

}  // namespace ll
