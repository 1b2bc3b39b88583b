// container.cpp: the overlayfs model of container.h.
//
// Index of this file (sections in order, marked "// ---- NAME"; the functions in each):
//   (start): event_kind_name, change_name, change_after_copy_up, strerror_text, layer_label
//   view: ContainerView::child, ContainerView::for_each_child
//   container: Container::Container, Container::fail, Container::emit, Container::take_events,
//              Container::resolve, Container::trace, Container::stat_of,
//              Container::stat, Container::lstat, Container::may, Container::check_dir_write,
//              Container::check_sticky, Container::list, Container::read, Container::read_text,
//              Container::readlink, Container::realpath
//   copy-up: Container::lower_has, Container::put_upper, Container::copy_up_dir_chain,
//            Container::copy_up, Container::touch_dir, Container::new_entry,
//            Container::link_peers, Container::update_inode, Container::drop_upper_subtree,
//            Container::remove_name
//   writing: Container::open_for_write, Container::write, Container::write_text,
//            Container::write_at, Container::truncate, Container::mkdir, Container::rmdir,
//            Container::unlink, Container::rename, Container::chmod, Container::chown,
//            Container::utime, Container::replace_for_create, Container::symlink, Container::link,
//            Container::mknod, Container::install
//   results: stat_in_layer, Container::diff, Container::commit_layer, Container::commit,
//            Container::size
//   helpers: mkdir_p, remove_tree
#include "core/container.h"

#include <algorithm>
#include <cassert>
#include <unordered_set>

namespace ll {

const char* event_kind_name(EventKind k) {
    switch (k) {
    case EventKind::lookup: return "lookup";
    case EventKind::copy_up: return "copy-up";
    case EventKind::whiteout: return "whiteout";
    case EventKind::opaque: return "opaque";
    case EventKind::create: return "create";
    case EventKind::modify: return "modify";
    case EventKind::remove: return "remove";
    case EventKind::rename: return "rename";
    case EventKind::exdev: return "exdev";
    }
    return "?";
}

const char* change_name(Change c) {
    switch (c) {
    case Change::none: return "none";
    case Change::contents: return "contents";
    case Change::append: return "append";
    case Change::at_offset: return "at_offset";
    case Change::truncate: return "truncate";
    case Change::mode: return "mode";
    case Change::owner: return "owner";
    case Change::times: return "times";
    }
    return "?";
}

const Event* change_after_copy_up(const std::vector<Event>& events, size_t i) {
    if (i >= events.size() || events[i].kind != EventKind::copy_up) return nullptr;
    const PathId p = events[i].path;
    for (size_t j = i + 1; j < events.size(); ++j)
        if (events[j].path == p && events[j].kind == EventKind::modify) return &events[j];
    return nullptr;
}

const char* strerror_text(Errc c) {
    switch (c) {
    case Errc::enoent: return "No such file or directory";
    case Errc::eexist: return "File exists";
    case Errc::enotdir: return "Not a directory";
    case Errc::eisdir: return "Is a directory";
    case Errc::enotempty: return "Directory not empty";
    case Errc::exdev: return "Invalid cross-device link";
    case Errc::eloop: return "Symbolic link loop";
    case Errc::einval: return "Invalid argument";
    case Errc::eacces: return "Permission denied";
    case Errc::eperm: return "Operation not permitted";
    case Errc::enametoolong: return "File name too long";
    case Errc::ebusy: return "Resource busy";
    case Errc::efbig: return "File too large";
    case Errc::enospc: return "No space left on device";
    case Errc::erofs: return "Read-only file system";
    default: return errc_name(c);
    }
}

namespace {
constexpr size_t k_max_events = 20000;

std::string layer_label(uint32_t layer) {
    if (layer == k_upper_layer) return "the container layer";
    if (layer == k_no_layer) return "the root";
    return "layer " + std::to_string(layer);
}
}  // namespace

// ---------------------------------------------------------------- view --

bool ContainerView::child(const Node& dir, PathId child, Node& out) const {
    auto it = m_c->m_upper.find(child);
    if (it != m_c->m_upper.end()) {
        const Entry& e = it->second;
        if (e.is_whiteout()) return false;
        out.path = child;
        out.entry = &e;
        out.layer = k_upper_layer;
        out.lower_visible = dir.lower_visible && e.is_dir() && !e.opaque;
        return true;
    }
    if (!dir.lower_visible) return false;
    const Hit* h = m_c->m_image.index().find(child);
    if (!h) return false;
    out.path = child;
    out.entry = &m_c->m_image.entry(*h);
    out.layer = h->layer;
    out.lower_visible = true;
    return true;
}

void ContainerView::for_each_child(const Node& dir, const std::function<void(const Node&)>& fn) const {
    for (PathId c : m_c->m_store->paths.children(dir.path)) {
        Node n;
        if (child(dir, c, n)) fn(n);
    }
}

bool ContainerView::may_search(const Node& dir) const {
    return m_c->m_cred.uid == 0 || m_c->may(dir, 1);
}

// ----------------------------------------------------------- container --

Container::Container(Store& store, Image image, std::string name)
    : m_store(&store), m_image(std::move(image)), m_name(std::move(name)) {
    // The clock starts after every mtime in the image, so that a directory
    // this container changes never looks unchanged to docker diff.
    int64_t latest = m_now;
    for (const LayerPtr& l : m_image.layers())
        for (const Entry& e : l->entries()) latest = std::max(latest, e.mtime);
    m_now = latest + 1;
}

Error Container::fail(Errc code, std::string_view path, std::string_view what) const {
    std::string msg;
    msg += path.empty() ? std::string_view("/") : path;
    msg += ": ";
    msg += strerror_text(code);
    if (!what.empty()) {
        msg += " (";
        msg += what;
        msg += ")";
    }
    return make_error(code, std::move(msg));
}

void Container::emit(Event e) {
    ++m_counts.by_kind[size_t(e.kind)];
    if (e.kind == EventKind::copy_up && e.bytes > 0) ++m_counts.file_copy_ups;
    if (m_events.size() >= k_max_events) return;  // the counts above still count it
    m_events.push_back(std::move(e));
}

std::vector<Event> Container::take_events() {
    std::vector<Event> out;
    out.swap(m_events);
    m_counts = EventCounts{};
    return out;
}

Resolution Container::resolve(std::string_view path, bool follow_last) const {
    ContainerView v(this);
    return ll::resolve(v, m_store->paths, path, follow_last);
}

LookupTrace Container::trace(std::string_view path, bool follow_last) const {
    ContainerView v(this);
    UpperProbe probe = [this](PathId p) -> const Entry* {
        auto it = m_upper.find(p);
        return it == m_upper.end() ? nullptr : &it->second;
    };
    return trace_lookup(v, m_image, probe, m_store->paths, path, follow_last);
}

Stat Container::stat_of(const Node& n) const {
    const Entry& e = n.entry ? *n.entry : root_entry();
    Stat s;
    s.path = n.path;
    s.ino = uint64_t(n.path) + 2;
    s.type = e.type;
    s.mode = e.mode;
    s.uid = e.uid;
    s.gid = e.gid;
    s.mtime = e.mtime;
    s.layer = n.layer;
    s.blob = e.blob;
    s.target = e.target;
    s.dev_major = e.dev_major;
    s.dev_minor = e.dev_minor;
    s.size = entry_size(e, m_store->blobs);
    if (e.type == EntryType::file) {
        if (n.layer == k_upper_layer)
            s.nlink = uint32_t(link_peers(e).size());
        else if (n.layer < m_image.layer_count())
            s.nlink = m_image.layers()[n.layer]->link_count(e.link_group);
        if (e.link_group != 0) {
            s.inode_key = (uint64_t(n.layer) << 32) | e.link_group;
            PathId first = k_no_path;
            if (n.layer == k_upper_layer) {
                auto it = m_group_first.find(e.link_group);
                if (it != m_group_first.end()) first = it->second;
            } else if (n.layer < m_image.layer_count()) {
                first = m_image.layers()[n.layer]->link_first(e.link_group);
            }
            if (first != k_no_path) s.ino = uint64_t(first) + 2;
        }
    } else if (e.type == EntryType::dir) {
        uint32_t subdirs = 0;
        ContainerView(this).for_each_child(n, [&](const Node& c) {
            if (c.is_dir()) ++subdirs;
        });
        s.nlink = 2 + subdirs;
        s.size = 4096;
    }
    return s;
}

Result<Stat> Container::stat(std::string_view path) const {
    Resolution r = resolve(path, true);
    if (!r) return fail(r.err, path, "");
    return stat_of(r.node);
}

Result<Stat> Container::lstat(std::string_view path) const {
    Resolution r = resolve(path, false);
    if (!r) return fail(r.err, path, "");
    return stat_of(r.node);
}

bool permits(const Cred& c, EntryType type, uint32_t mode, uint32_t uid, uint32_t gid, uint32_t want) {
    if (c.uid == 0) {
        if (want & 1) return type == EntryType::dir || (mode & 0111) != 0;
        return true;
    }
    uint32_t bits;
    if (uid == c.uid)
        bits = (mode >> 6) & 7;
    else if (gid == c.gid || std::find(c.groups.begin(), c.groups.end(), gid) != c.groups.end())
        bits = (mode >> 3) & 7;
    else
        bits = mode & 7;
    return (bits & want) == want;
}

bool Container::may(const Node& n, uint32_t want) const {
    const Entry& e = n.entry ? *n.entry : root_entry();
    return permits(m_cred, e.type, e.mode, e.uid, e.gid, want);
}

Status Container::check_dir_write(const Node& dir, std::string_view path) const {
    if (!m_mounts.empty()) {
        PathId m = mount_of(dir.path);
        if (m != k_no_path) {
            MountKind k = m_mounts.at(m);
            if (k == MountKind::proc) return fail(Errc::enoent, path, "");
            if (k == MountKind::sysfs) return fail(Errc::erofs, path, "");
        }
    }
    if (!may(dir, 2 | 1)) return fail(Errc::eacces, path, "no write permission on its directory");
    return {};
}

Status Container::check_sticky(const Node& dir, const Node& victim, std::string_view path) const {
    const Entry& d = dir.entry ? *dir.entry : root_entry();
    if (m_cred.uid == 0 || !(d.mode & 01000)) return {};
    const Entry& v = *victim.entry;
    if (v.uid == m_cred.uid || d.uid == m_cred.uid) return {};
    return fail(Errc::eperm, path, "the sticky bit of its directory protects other users' files");
}

Result<std::vector<DirEntry>> Container::list(std::string_view dir) const {
    Resolution r = resolve(dir, true);
    if (!r) return fail(r.err, dir, "");
    if (!r.node.is_dir()) return fail(Errc::enotdir, dir, "");
    if (!may(r.node, 4)) return fail(Errc::eacces, dir, "");
    std::vector<DirEntry> out;
    ContainerView(this).for_each_child(r.node, [&](const Node& c) {
        out.push_back(DirEntry{std::string(m_store->paths.name(c.path)), c.path, c.type()});
    });
    std::sort(out.begin(), out.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
    return out;
}

Result<BlobId> Container::read(std::string_view path) const {
    Resolution r = resolve(path, true);
    if (!r) return fail(r.err, path, "");
    if (r.node.is_dir()) return fail(Errc::eisdir, path, "");
    if (r.node.type() != EntryType::file) return k_empty_blob;  // devices read as empty
    if (!may(r.node, 4)) return fail(Errc::eacces, path, "");
    return r.node.entry->blob;
}

Result<std::string> Container::read_text(std::string_view path, uint64_t max) const {
    Result<BlobId> b = read(path);
    if (!b) return b.error();
    return m_store->blobs.read_all(*b, max);
}

Result<std::string> Container::readlink(std::string_view path) const {
    Resolution r = resolve(path, false);
    if (!r) return fail(r.err, path, "");
    if (r.node.type() != EntryType::symlink) return fail(Errc::einval, path, "not a symbolic link");
    return r.node.entry->target;
}

Result<std::string> Container::realpath(std::string_view path) const {
    Resolution r = resolve(path, true);
    if (!r) return fail(r.err, path, "");
    return m_store->paths.str(r.node.path);
}

// ------------------------------------------------------------- mounts --

void Container::mount_runtime(RuntimeMounts kind, std::string_view hostname) {
    // Mounted again (docker start after the shell exited): what was on the
    // old mounts is gone, as a new tmpfs starts empty.
    if (!m_mounts.empty()) {
        for (auto it = m_upper.begin(); it != m_upper.end();) it = mounted(it->first) ? m_upper.erase(it) : std::next(it);
        m_mounts.clear();
    }
    PathTable& paths = m_store->paths;
    BlobStore& blobs = m_store->blobs;
    auto put = [&](std::string_view path, EntryType t, uint32_t mode) -> Entry& {
        Entry e;
        e.path = paths.intern(path);
        e.type = t;
        e.mode = mode;
        e.mtime = m_now;
        return put_upper(std::move(e));
    };
    auto mount_dir = [&](std::string_view path, MountKind k, uint32_t mode) {
        Entry& e = put(path, EntryType::dir, mode);
        e.opaque = true;  // what the image has there is hidden by the mount
        m_mounts[e.path] = k;
    };
    mount_dir("/proc", MountKind::proc, 0555);
    mount_dir("/sys", MountKind::sysfs, 0555);
    mount_dir("/dev", MountKind::tmpfs, 0755);
    struct Dev {
        const char* name;
        uint32_t major, minor;
    };
    for (const Dev& d : {Dev{"null", 1, 3}, Dev{"zero", 1, 5}, Dev{"full", 1, 7}, Dev{"random", 1, 8},
                         Dev{"urandom", 1, 9}, Dev{"tty", 5, 0}}) {
        Entry& e = put(std::string("/dev/") + d.name, EntryType::chardev, 0666);
        e.dev_major = d.major;
        e.dev_minor = d.minor;
    }
    for (const auto& [name, target] :
         {std::pair{"fd", "/proc/self/fd"}, std::pair{"stdin", "/proc/self/fd/0"},
          std::pair{"stdout", "/proc/self/fd/1"}, std::pair{"stderr", "/proc/self/fd/2"},
          std::pair{"ptmx", "pts/ptmx"}, std::pair{"core", "/proc/kcore"}})
        put(std::string("/dev/") + name, EntryType::symlink, 0777).target = target;
    mount_dir("/dev/pts", MountKind::devpts, 0755);
    mount_dir("/dev/shm", MountKind::tmpfs, 01777);
    mount_dir("/dev/mqueue", MountKind::mqueue, 01777);
    // The /etc files are bind mounts onto files: the image needs an /etc.
    Resolution etc = ll::resolve(ContainerView(this), paths, "/etc", true);
    if (!etc || !etc.node.is_dir()) return;
    std::string host(hostname);
    auto bind_file = [&](std::string_view path, std::string text) {
        Entry& e = put(path, EntryType::file, 0644);
        e.blob = blobs.bytes(std::move(text));
        m_mounts[e.path] = MountKind::bind;
    };
    if (kind == RuntimeMounts::docker_run) {
        // libnetwork's default /etc/hosts, and the address the default bridge gives
        bind_file("/etc/hosts",
                  "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\n"
                  "ff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n172.17.0.2\t" +
                      host + "\n");
        bind_file("/etc/hostname", host + "\n");
    } else {
        bind_file("/etc/hosts", "127.0.0.1\tlocalhost " + host + "\n::1\tlocalhost ip6-localhost ip6-loopback\n");
    }
    bind_file("/etc/resolv.conf",
              "# layerlab stand-in: Docker copies the host's resolver settings here; a sandbox has none\n"
              "nameserver 8.8.8.8\nnameserver 8.8.4.4\n");
}

PathId Container::mount_of(PathId p) const {
    if (m_mounts.empty() || p == k_no_path) return k_no_path;
    for (PathId q = p;; q = m_store->paths.parent(q)) {
        if (m_mounts.count(q)) return q;
        if (q == k_root_path) return k_no_path;
    }
}

Status Container::check_mount_point(PathId p, std::string_view path) const {
    if (is_mount_point(p)) return fail(Errc::ebusy, path, "a mount point: the runtime mounted it there");
    return {};
}

size_t Container::upper_count() const {
    if (m_mounts.empty()) return m_upper.size();
    size_t n = 0;
    for (const auto& [p, e] : m_upper)
        if (!mounted(p)) ++n;
    return n;
}

// ------------------------------------------------------------ copy-up --

bool Container::lower_has(PathId p) const {
    // Hidden from the lower layers if an ancestor in the writable layer is
    // opaque, a whiteout, or not a directory.
    for (PathId a = m_store->paths.parent(p); a != k_root_path; a = m_store->paths.parent(a)) {
        auto it = m_upper.find(a);
        if (it == m_upper.end()) continue;
        const Entry& e = it->second;
        if (!e.is_dir() || e.opaque) return false;
    }
    return m_image.index().find(p) != nullptr;
}

Entry& Container::put_upper(Entry e) {
    PathId p = e.path;
    auto [it, fresh] = m_upper.insert_or_assign(p, std::move(e));
    (void)fresh;
    return it->second;
}

void Container::copy_up_dir_chain(PathId dir) {
    std::vector<PathId> chain;
    for (PathId a = dir; a != k_root_path; a = m_store->paths.parent(a)) {
        if (m_upper.count(a)) break;
        chain.push_back(a);
    }
    for (size_t i = chain.size(); i-- > 0;) {
        PathId a = chain[i];
        uint32_t layer = k_no_layer;
        const Entry* lower = m_image.find(a, &layer);
        Entry e;
        if (lower) {
            e = *lower;
        } else {
            e.path = a;
            e.type = EntryType::dir;
            e.mode = 0755;
        }
        e.opaque = false;
        put_upper(std::move(e));
        Event ev{EventKind::copy_up};
        ev.path = a;
        ev.layer = layer;
        ev.text = "copied up directory " + m_store->paths.str(a) + " from " + layer_label(layer) +
                  " (metadata only, its contents stay below)";
        emit(std::move(ev));
    }
}

Entry& Container::copy_up(const Node& n) {
    assert(n.entry != nullptr);
    if (n.layer == k_upper_layer) return m_upper.at(n.path);
    copy_up_dir_chain(m_store->paths.parent(n.path));
    if (n.entry->is_dir()) {
        copy_up_dir_chain(n.path);
        return m_upper.at(n.path);
    }
    Entry e = *n.entry;
    e.opaque = false;
    e.link_group = 0;  // index=off: a copy-up breaks hard links
    uint64_t bytes = e.type == EntryType::file ? m_store->blobs.size(e.blob) : 0;
    m_bytes_copied += bytes;
    Event ev{EventKind::copy_up};
    ev.path = n.path;
    ev.layer = n.layer;
    ev.bytes = bytes;
    ev.text = "copied up " + m_store->paths.str(n.path) + " (" + format_bytes(bytes) + ") from " +
              layer_label(n.layer) + " into the container layer";
    if (e.type == EntryType::file && n.entry->link_group != 0 && n.layer < m_image.layer_count() &&
        m_image.layers()[n.layer]->link_count(n.entry->link_group) > 1)
        ev.text += "; its hard links below keep the old copy";
    emit(std::move(ev));
    return put_upper(std::move(e));
}

void Container::touch_dir(PathId dir) {
    if (dir == k_root_path) return;
    auto it = m_upper.find(dir);
    if (it != m_upper.end()) it->second.mtime = m_now;
}

Entry Container::new_entry(PathId p, EntryType t, uint32_t mode) const {
    Entry e;
    e.path = p;
    e.type = t;
    e.mode = mode & 07777;
    e.uid = m_cred.uid;
    e.gid = m_cred.gid;
    e.mtime = m_now;
    // A set-group-ID directory hands its group down (and its bit to subdirs).
    PathId parent = m_store->paths.parent(p);
    const Entry* pe = nullptr;
    if (parent == k_root_path) {
        pe = &root_entry();
    } else {
        auto it = m_upper.find(parent);
        if (it != m_upper.end())
            pe = &it->second;
        else
            pe = m_image.find(parent);
    }
    if (pe && (pe->mode & 02000)) {
        e.gid = pe->gid;
        if (t == EntryType::dir) e.mode |= 02000;
    }
    return e;
}

std::vector<PathId> Container::link_peers(const Entry& e) const {
    std::vector<PathId> out;
    if (e.link_group == 0) {
        out.push_back(e.path);
        return out;
    }
    for (const auto& [p, u] : m_upper)
        if (u.type == EntryType::file && u.link_group == e.link_group) out.push_back(p);
    return out;
}

void Container::update_inode(PathId p, const std::function<void(Entry&)>& fn) {
    Entry& e = m_upper.at(p);
    if (e.link_group == 0 || e.type != EntryType::file) {
        fn(e);
        return;
    }
    for (PathId q : link_peers(e)) fn(m_upper.at(q));
}

void Container::drop_upper_subtree(PathId p) {
    std::vector<PathId> stack(m_store->paths.children(p).begin(), m_store->paths.children(p).end());
    while (!stack.empty()) {
        PathId c = stack.back();
        stack.pop_back();
        if (m_upper.erase(c)) {
            const auto& kids = m_store->paths.children(c);
            stack.insert(stack.end(), kids.begin(), kids.end());
        }
    }
}

void Container::remove_name(const Node& n, PathId p) {
    std::string ps = m_store->paths.str(p);
    bool lower = lower_has(p);
    drop_upper_subtree(p);
    if (lower) {
        Entry w;
        w.path = p;
        w.type = EntryType::whiteout;
        w.mode = 0;
        w.mtime = m_now;
        put_upper(std::move(w));
        // What the whiteout hides still ships in the image.
        uint64_t hidden = 0;
        uint32_t from = k_no_layer;
        if (const Hit* h = m_image.index().find(p)) {
            from = h->layer;
            hidden = entry_size(m_image.entry(*h), m_store->blobs);
        }
        Event ev{EventKind::whiteout};
        ev.path = p;
        ev.layer = from;
        ev.bytes = hidden;
        ev.text = "whiteout created: " + ps + " is hidden from view, but " +
                  (hidden ? "its " + format_bytes(hidden) + " still ship in " + layer_label(from)
                          : "it still exists in " + layer_label(from));
        emit(std::move(ev));
    } else {
        m_upper.erase(p);
        Event ev{EventKind::remove};
        ev.path = p;
        ev.layer = n.layer;
        ev.text = "removed " + ps + " from the container layer (nothing below to hide)";
        emit(std::move(ev));
    }
    touch_dir(m_store->paths.parent(p));
}

// ----------------------------------------------------------- writing --

Status Container::open_for_write(std::string_view path, bool create, uint32_t create_mode) {
    Resolution r = resolve(path, true);
    if (r) {
        if (r.node.is_dir()) return fail(Errc::eisdir, path, "");
        if (!may(r.node, 2)) return fail(Errc::eacces, path, "");
        if (r.node.layer != k_upper_layer) copy_up(r.node);
        return {};
    }
    if (r.err != Errc::enoent || !r.parent_ok || !create) return fail(r.err, path, "");
    return write(path, k_empty_blob, WriteMode::create_new, create_mode);
}

Status Container::write(std::string_view path, BlobId contents, WriteMode mode, uint32_t create_mode) {
    Resolution r = resolve(path, true);
    if (r) {
        if (mode == WriteMode::create_new) return fail(Errc::eexist, path, "");
        if (r.node.is_dir()) return fail(Errc::eisdir, path, "");
        if (r.node.type() != EntryType::file) return {};  // /dev/null and friends swallow writes
        if (!may(r.node, 2)) return fail(Errc::eacces, path, "");
        PathId p = r.node.path;
        if (r.node.layer != k_upper_layer) {
            if (mode == WriteMode::truncate) {
                // open(O_TRUNC) copies up without the data (overlayfs skips
                // copying what the truncate would throw away).
                copy_up_dir_chain(m_store->paths.parent(p));
                Entry e = *r.node.entry;
                e.link_group = 0;
                e.blob = k_empty_blob;
                put_upper(std::move(e));
                Event ev{EventKind::copy_up};
                ev.path = p;
                ev.layer = r.node.layer;
                ev.text = "copied up " + m_store->paths.str(p) + " from " + layer_label(r.node.layer) +
                          " without its data (opened with O_TRUNC: 0 B moved)";
                emit(std::move(ev));
            } else {
                copy_up(r.node);
            }
        }
        BlobStore& blobs = m_store->blobs;
        BlobId old = m_upper.at(p).blob;
        BlobId now = mode == WriteMode::append ? blobs.concat(old, contents) : contents;
        int64_t t = m_now;
        update_inode(p, [&](Entry& e) {
            e.blob = now;
            e.mtime = t;
        });
        Event ev{EventKind::modify};
        ev.path = p;
        ev.layer = k_upper_layer;
        ev.change = mode == WriteMode::append ? Change::append : Change::contents;
        ev.bytes = blobs.size(contents);
        ev.size = blobs.size(now);
        ev.text = (mode == WriteMode::append ? "appended to " : "wrote ") + m_store->paths.str(p);
        emit(std::move(ev));
        return {};
    }
    if (r.err != Errc::enoent || !r.parent_ok) return fail(r.err, path, "");
    if (r.name == "..") return fail(Errc::eisdir, path, "");
    if (!r.parent.is_dir()) return fail(Errc::enotdir, path, "");
    if (Status s = check_dir_write(r.parent, path); !s) return s;
    PathId p = m_store->paths.intern_child(r.parent.path, r.name);
    if (r.parent.entry && r.parent.layer != k_upper_layer) copy_up(r.parent);
    Entry e = new_entry(p, EntryType::file, create_mode & ~m_umask);
    e.blob = contents;
    put_upper(std::move(e));
    touch_dir(r.parent.path);
    Event ev{EventKind::create};
    ev.path = p;
    ev.layer = k_upper_layer;
    ev.bytes = m_store->blobs.size(contents);
    ev.text = "created " + m_store->paths.str(p) + " in the container layer";
    emit(std::move(ev));
    return {};
}

Status Container::write_text(std::string_view path, std::string_view text, WriteMode mode, uint32_t create_mode) {
    return write(path, m_store->blobs.bytes(std::string(text)), mode, create_mode);
}

Status Container::write_at(std::string_view path, uint64_t offset, std::string_view data) {
    Resolution r = resolve(path, true);
    if (!r) {
        if (r.err == Errc::enoent && r.parent_ok) {
            if (Status s = write(path, k_empty_blob, WriteMode::create_new); !s) return s;
            r = resolve(path, true);
        } else {
            return fail(r.err, path, "");
        }
    }
    if (r.node.is_dir()) return fail(Errc::eisdir, path, "");
    if (r.node.type() != EntryType::file) return {};
    if (!may(r.node, 2)) return fail(Errc::eacces, path, "");
    PathId p = r.node.path;
    if (r.node.layer != k_upper_layer) copy_up(r.node);
    BlobId now = m_store->blobs.write_at(m_upper.at(p).blob, offset, data);
    int64_t t = m_now;
    update_inode(p, [&](Entry& e) {
        e.blob = now;
        e.mtime = t;
    });
    Event ev{EventKind::modify};
    ev.path = p;
    ev.layer = k_upper_layer;
    ev.change = Change::at_offset;
    ev.bytes = data.size();
    ev.offset = offset;
    ev.size = m_store->blobs.size(now);
    ev.text =
        "wrote " + format_bytes(data.size()) + " at offset " + std::to_string(offset) + " of " + m_store->paths.str(p);
    emit(std::move(ev));
    return {};
}

Status Container::truncate(std::string_view path, uint64_t size) {
    Resolution r = resolve(path, true);
    if (!r) return fail(r.err, path, "");
    if (r.node.is_dir()) return fail(Errc::eisdir, path, "");
    if (r.node.type() != EntryType::file) return fail(Errc::einval, path, "");
    if (!may(r.node, 2)) return fail(Errc::eacces, path, "");
    PathId p = r.node.path;
    if (r.node.layer != k_upper_layer) copy_up(r.node);
    BlobId now = m_store->blobs.resize(m_upper.at(p).blob, size);
    int64_t t = m_now;
    update_inode(p, [&](Entry& e) {
        e.blob = now;
        e.mtime = t;
    });
    Event ev{EventKind::modify};
    ev.path = p;
    ev.layer = k_upper_layer;
    ev.change = Change::truncate;
    ev.size = size;
    ev.text = "truncated " + m_store->paths.str(p) + " to " + format_bytes(size);
    emit(std::move(ev));
    return {};
}

Status Container::mkdir(std::string_view path, uint32_t mode) {
    Resolution r = resolve(path, false);
    if (r) return fail(Errc::eexist, path, "");
    if (r.err != Errc::enoent || !r.parent_ok) return fail(r.err, path, "");
    if (r.name == "..") return fail(Errc::eexist, path, "");
    if (Status s = check_dir_write(r.parent, path); !s) return s;
    PathId p = m_store->paths.intern_child(r.parent.path, r.name);
    if (r.parent.entry && r.parent.layer != k_upper_layer) copy_up(r.parent);
    auto old = m_upper.find(p);
    bool over_whiteout = old != m_upper.end() && old->second.is_whiteout();
    Entry e = new_entry(p, EntryType::dir, mode & ~m_umask);
    e.opaque = over_whiteout;
    put_upper(std::move(e));
    touch_dir(r.parent.path);
    Event ev{EventKind::create};
    ev.path = p;
    ev.layer = k_upper_layer;
    ev.text = "created directory " + m_store->paths.str(p);
    emit(std::move(ev));
    if (over_whiteout) {
        Event op{EventKind::opaque};
        op.path = p;
        op.layer = k_upper_layer;
        op.text = m_store->paths.str(p) +
                  " was deleted and created again: the new directory is opaque, so nothing from the "
                  "lower layers' old " +
                  m_store->paths.str(p) + " shows through";
        emit(std::move(op));
    }
    return {};
}

Status Container::rmdir(std::string_view path) {
    Resolution r = resolve(path, false);
    if (!r) return fail(r.err, path, "");
    if (r.node.path == k_root_path) return fail(Errc::ebusy, path, "");
    if (r.name == ".") return fail(Errc::einval, path, "");
    if (!r.node.is_dir()) return fail(Errc::enotdir, path, "");
    if (Status s = check_mount_point(r.node.path, path); !s) return s;
    bool empty = true;
    ContainerView(this).for_each_child(r.node, [&](const Node&) { empty = false; });
    if (!empty) return fail(Errc::enotempty, path, "");
    if (Status s = check_dir_write(r.parent, path); !s) return s;
    if (Status s = check_sticky(r.parent, r.node, path); !s) return s;
    if (r.parent.entry && r.parent.layer != k_upper_layer) copy_up(r.parent);
    remove_name(r.node, r.node.path);
    return {};
}

Status Container::unlink(std::string_view path) {
    Resolution r = resolve(path, false);
    if (!r) return fail(r.err, path, "");
    if (r.node.is_dir()) return fail(Errc::eisdir, path, "");
    if (Status s = check_mount_point(r.node.path, path); !s) return s;
    if (Status s = check_dir_write(r.parent, path); !s) return s;
    if (Status s = check_sticky(r.parent, r.node, path); !s) return s;
    if (r.parent.entry && r.parent.layer != k_upper_layer) copy_up(r.parent);
    remove_name(r.node, r.node.path);
    return {};
}

Status Container::rename(std::string_view from, std::string_view to) {
    Resolution src = resolve(from, false);
    if (!src) return fail(src.err, from, "");
    if (src.node.path == k_root_path) return fail(Errc::ebusy, from, "");
    Resolution dst = resolve(to, false);
    if (!dst && !(dst.err == Errc::enoent && dst.parent_ok)) return fail(dst.err, to, "");
    PathTable& paths = m_store->paths;
    const bool src_dir = src.node.is_dir();
    PathId dst_path = dst ? dst.node.path : paths.intern_child(dst.parent.path, dst.name);
    if (dst && dst.node.path == src.node.path) return {};
    if (dst && dst.node.path == k_root_path) return fail(Errc::ebusy, to, "");
    if (src_dir && paths.is_ancestor_or_self(src.node.path, dst_path))
        return fail(Errc::einval, to, "cannot move a directory into itself");
    if (dst) {
        if (src_dir && !dst.node.is_dir()) return fail(Errc::enotdir, to, "");
        if (!src_dir && dst.node.is_dir()) return fail(Errc::eisdir, to, "");
        if (dst.node.is_dir()) {
            bool empty = true;
            ContainerView(this).for_each_child(dst.node, [&](const Node&) { empty = false; });
            if (!empty) return fail(Errc::enotempty, to, "");
        }
    }
    if (Status s = check_mount_point(src.node.path, from); !s) return s;
    if (Status s = check_mount_point(dst_path, to); !s) return s;
    if (mount_of(src.node.path) != mount_of(dst_path))
        return fail(Errc::exdev, from, "source and destination are on different mounts");
    if (Status s = check_dir_write(src.parent, from); !s) return s;
    if (Status s = check_dir_write(dst.parent, to); !s) return s;
    if (Status s = check_sticky(src.parent, src.node, from); !s) return s;

    // overlayfs with redirect_dir=off cannot move a directory that has a
    // lower part (lower-only or merged): EXDEV, and mv copies instead.
    const bool src_pure_upper =
        src.node.layer == k_upper_layer && (src.node.entry->opaque || !lower_has(src.node.path));
    if (src_dir && !src_pure_upper) {
        Event ev{EventKind::exdev};
        ev.path = src.node.path;
        ev.layer = src.node.layer;
        ev.text = "rename of directory " + paths.str(src.node.path) +
                  " refused with EXDEV: it exists in a lower layer and overlayfs (redirect_dir=off) "
                  "cannot move it; mv falls back to copy + delete";
        emit(std::move(ev));
        return fail(Errc::exdev, from,
                    "overlayfs cannot rename a directory that exists in a lower layer; mv copies it instead");
    }
    // Both parents into the writable layer; the source itself too.
    if (src.parent.entry && src.parent.layer != k_upper_layer) copy_up(src.parent);
    if (dst.parent.entry && dst.parent.layer != k_upper_layer) {
        Resolution again = resolve(paths.str(dst.parent.path), false);
        if (again && again.node.layer != k_upper_layer) copy_up(again.node);
    }
    if (!src_dir && src.node.layer != k_upper_layer) {
        Resolution again = resolve(paths.str(src.node.path), false);
        copy_up(again.node);
    }
    // Destination parent "merged" (has a lower part)? Then a moved upper
    // directory must become opaque so the lower names there stay hidden.
    bool dst_parent_merged = dst.parent.path == k_root_path ? m_image.layer_count() > 0 : lower_has(dst.parent.path);
    // Move the upper subtree from src to dst.
    std::vector<std::pair<PathId, Entry>> moved;
    std::vector<PathId> stack{src.node.path};
    while (!stack.empty()) {
        PathId c = stack.back();
        stack.pop_back();
        auto it = m_upper.find(c);
        if (it == m_upper.end()) continue;
        moved.emplace_back(c, it->second);
        for (PathId k : paths.children(c)) stack.push_back(k);
    }
    const bool src_lower = lower_has(src.node.path);
    for (auto& [old_path, e] : moved) m_upper.erase(old_path);
    drop_upper_subtree(dst_path);
    const std::string src_str = paths.str(src.node.path);
    for (auto& [old_path, e] : moved) {
        // Rebase old_path from src onto dst_path.
        std::vector<std::string> names;
        for (PathId q = old_path; q != src.node.path; q = paths.parent(q)) names.emplace_back(paths.name(q));
        PathId np = dst_path;
        for (size_t i = names.size(); i-- > 0;) np = paths.intern_child(np, names[i]);
        e.path = np;
        if (old_path == src.node.path && src_dir && dst_parent_merged) e.opaque = true;
        m_upper.insert_or_assign(np, std::move(e));
    }
    if (src_lower) {
        Entry w;
        w.path = src.node.path;
        w.type = EntryType::whiteout;
        w.mode = 0;
        w.mtime = m_now;
        put_upper(std::move(w));
    }
    touch_dir(src.parent.path);
    touch_dir(dst.parent.path);
    Event ev{EventKind::rename};
    ev.path = dst_path;
    ev.layer = k_upper_layer;
    ev.text = "renamed " + src_str + " to " + paths.str(dst_path) +
              (src_lower ? "; a whiteout hides the old name in the lower layers" : "");
    emit(std::move(ev));
    return {};
}

Status Container::chmod(std::string_view path, uint32_t mode, bool follow) {
    Resolution r = resolve(path, follow);
    if (!r) return fail(r.err, path, "");
    if (r.node.path == k_root_path) return {};
    const Entry& cur = *r.node.entry;
    if (m_cred.uid != 0 && cur.uid != m_cred.uid) return fail(Errc::eperm, path, "");
    if (cur.type == EntryType::symlink) return {};  // symlink modes are not changed on Linux
    PathId p = r.node.path;
    copy_up(r.node);
    update_inode(p, [&](Entry& e) { e.mode = mode & 07777; });
    Event ev{EventKind::modify};
    ev.path = p;
    ev.layer = k_upper_layer;
    ev.change = Change::mode;
    ev.text = "changed the mode of " + m_store->paths.str(p);
    emit(std::move(ev));
    return {};
}

Status Container::chown(std::string_view path, std::optional<uint32_t> uid, std::optional<uint32_t> gid, bool follow) {
    Resolution r = resolve(path, follow);
    if (!r) return fail(r.err, path, "");
    if (r.node.path == k_root_path) return {};
    if (m_cred.uid != 0) {
        const Entry& cur = *r.node.entry;
        bool own = cur.uid == m_cred.uid && (!uid || *uid == cur.uid);
        bool group_ok = !gid || *gid == m_cred.gid ||
                        std::find(m_cred.groups.begin(), m_cred.groups.end(), *gid) != m_cred.groups.end();
        if (!own || !group_ok) return fail(Errc::eperm, path, "");
    }
    PathId p = r.node.path;
    copy_up(r.node);
    update_inode(p, [&](Entry& e) {
        if (uid) e.uid = *uid;
        if (gid) e.gid = *gid;
        // chown clears set-user-ID and set-group-ID bits of a file
        if (e.type == EntryType::file && m_cred.uid != 0) e.mode &= ~06000u;
    });
    Event ev{EventKind::modify};
    ev.path = p;
    ev.layer = k_upper_layer;
    ev.change = Change::owner;
    ev.text = "changed the owner of " + m_store->paths.str(p);
    emit(std::move(ev));
    return {};
}

Status Container::utime(std::string_view path, int64_t mtime, bool follow) {
    Resolution r = resolve(path, follow);
    if (!r) return fail(r.err, path, "");
    if (r.node.path == k_root_path) return {};
    if (m_cred.uid != 0 && r.node.entry->uid != m_cred.uid && !may(r.node, 2)) return fail(Errc::eacces, path, "");
    PathId p = r.node.path;
    copy_up(r.node);
    update_inode(p, [&](Entry& e) { e.mtime = mtime; });
    Event ev{EventKind::modify};
    ev.path = p;
    ev.layer = k_upper_layer;
    ev.change = Change::times;
    ev.text = "changed the times of " + m_store->paths.str(p);
    emit(std::move(ev));
    return {};
}

Status Container::replace_for_create(const Resolution& r, std::string_view path, bool) {
    if (!r.parent_ok) return fail(r.err, path, "");
    if (!r.parent.is_dir()) return fail(Errc::enotdir, path, "");
    if (r.name == ".." || r.name.empty()) return fail(Errc::eexist, path, "");
    if (Status s = check_dir_write(r.parent, path); !s) return s;
    return {};
}

Status Container::symlink(std::string_view target, std::string_view linkpath) {
    Resolution r = resolve(linkpath, false);
    if (r) return fail(Errc::eexist, linkpath, "");
    if (r.err != Errc::enoent) return fail(r.err, linkpath, "");
    if (Status s = replace_for_create(r, linkpath, false); !s) return s;
    if (target.empty()) return fail(Errc::enoent, linkpath, "empty symlink target");
    PathId p = m_store->paths.intern_child(r.parent.path, r.name);
    if (r.parent.entry && r.parent.layer != k_upper_layer) copy_up(r.parent);
    Entry e = new_entry(p, EntryType::symlink, 0777);
    e.target = std::string(target);
    put_upper(std::move(e));
    touch_dir(r.parent.path);
    Event ev{EventKind::create};
    ev.path = p;
    ev.layer = k_upper_layer;
    ev.text = "created symlink " + m_store->paths.str(p) + " -> " + std::string(target);
    emit(std::move(ev));
    return {};
}

Status Container::link(std::string_view existing, std::string_view newpath) {
    Resolution src = resolve(existing, false);
    if (!src) return fail(src.err, existing, "");
    if (src.node.is_dir()) return fail(Errc::eperm, existing, "hard links to directories are not allowed");
    Resolution r = resolve(newpath, false);
    if (r) return fail(Errc::eexist, newpath, "");
    if (r.err != Errc::enoent) return fail(r.err, newpath, "");
    if (Status s = replace_for_create(r, newpath, false); !s) return s;
    PathId sp = src.node.path;
    copy_up(src.node);  // overlayfs copies the source up before linking
    Entry& se = m_upper.at(sp);
    if (se.link_group == 0) {
        se.link_group = m_next_group++;
        m_group_first[se.link_group] = sp;
    }
    Entry e = se;
    PathId p = m_store->paths.intern_child(r.parent.path, r.name);
    Resolution again = resolve(m_store->paths.str(r.parent.path), true);
    if (again && again.node.entry && again.node.layer != k_upper_layer) copy_up(again.node);
    e.path = p;
    put_upper(std::move(e));
    touch_dir(r.parent.path);
    Event ev{EventKind::create};
    ev.path = p;
    ev.layer = k_upper_layer;
    ev.text = "created hard link " + m_store->paths.str(p) + " to " + m_store->paths.str(sp);
    emit(std::move(ev));
    return {};
}

Status Container::mknod(std::string_view path, EntryType type, uint32_t mode, uint32_t major, uint32_t minor) {
    if (type != EntryType::chardev && type != EntryType::blockdev && type != EntryType::fifo)
        return fail(Errc::einval, path, "");
    if (type != EntryType::fifo && m_cred.uid != 0) return fail(Errc::eperm, path, "");
    Resolution r = resolve(path, false);
    if (r) return fail(Errc::eexist, path, "");
    if (r.err != Errc::enoent) return fail(r.err, path, "");
    if (Status s = replace_for_create(r, path, false); !s) return s;
    PathId p = m_store->paths.intern_child(r.parent.path, r.name);
    if (r.parent.entry && r.parent.layer != k_upper_layer) copy_up(r.parent);
    Entry e = new_entry(p, type, mode & ~m_umask);
    e.dev_major = major;
    e.dev_minor = minor;
    put_upper(std::move(e));
    touch_dir(r.parent.path);
    Event ev{EventKind::create};
    ev.path = p;
    ev.layer = k_upper_layer;
    ev.text = std::string("created ") + entry_type_name(type) + " " + m_store->paths.str(p);
    emit(std::move(ev));
    return {};
}

Status Container::install(std::string_view path, const Entry& proto) {
    if (proto.is_whiteout()) return fail(Errc::einval, path, "cannot install a whiteout");
    Resolution r = resolve(path, false);
    if (!r && !(r.err == Errc::enoent && r.parent_ok)) return fail(r.err, path, "");
    if (r && r.node.path == k_root_path) {
        return {};  // "/" itself: its attributes are not part of any layer
    }
    if (!r.parent_ok || !r.parent.is_dir()) return fail(Errc::enotdir, path, "");
    if (r && !(r.node.is_dir() && proto.is_dir()))
        if (Status s = check_mount_point(r.node.path, path); !s) return s;
    if (Status s = check_dir_write(r.parent, path); !s) return s;
    if (r.parent.entry && r.parent.layer != k_upper_layer) copy_up(r.parent);
    PathId p = r ? r.node.path : m_store->paths.intern_child(r.parent.path, r.name);
    if (r && r.node.is_dir() && proto.is_dir()) {
        PathId keep = r.node.path;
        copy_up(r.node);
        Entry& e = m_upper.at(keep);
        e.mode = proto.mode & 07777;
        e.uid = proto.uid;
        e.gid = proto.gid;
        e.mtime = proto.mtime;
        e.xattrs = proto.xattrs;
        return {};
    }
    if (r) {
        if (r.node.is_dir()) {
            if (Status s = remove_tree(*this, m_store->paths.str(p)); !s) return s;
        } else {
            remove_name(r.node, p);
        }
    }
    auto old = m_upper.find(p);
    bool over_whiteout = old != m_upper.end() && old->second.is_whiteout();
    Entry e = proto;
    e.path = p;
    e.opaque = proto.is_dir() && over_whiteout;
    if (e.type != EntryType::file) e.blob = k_empty_blob;
    e.link_group = 0;
    put_upper(std::move(e));
    touch_dir(r.parent.path);
    Event ev{EventKind::create};
    ev.path = p;
    ev.layer = k_upper_layer;
    ev.bytes = proto.type == EntryType::file ? m_store->blobs.size(proto.blob) : 0;
    ev.text = std::string(r ? "replaced " : "created ") + entry_type_name(proto.type) + " " + m_store->paths.str(p);
    emit(std::move(ev));
    return {};
}

// ----------------------------------------------------------- results --

// Container::diff() (docker diff) is in container_diff.cpp.

LayerPtr Container::commit_layer() const {
    LayerBuilder b(m_store->paths);
    for (const auto& [p, e] : m_upper)
        if (!mounted(p)) b.put(e);
    return b.freeze(m_store->blobs);
}

Image Container::commit(const std::string& created_by, const std::string& comment) const {
    Image img = m_image;
    img.push_layer(commit_layer(), m_store->paths);
    HistoryEntry h;
    h.created_by = created_by;
    h.comment = comment;
    img.history.push_back(std::move(h));
    return img;
}

uint64_t Container::size() const {
    uint64_t n = 0;
    std::unordered_set<uint32_t> groups;
    for (const auto& [p, e] : m_upper) {
        if (mounted(p)) continue;
        if (e.type == EntryType::file && e.link_group != 0 && !groups.insert(e.link_group).second) continue;
        n += entry_size(e, m_store->blobs);
    }
    return n;
}

// ----------------------------------------------------------- helpers --

Status mkdir_p(Container& c, std::string_view path, uint32_t mode) {
    std::string cur;
    size_t i = 0;
    while (i < path.size()) {
        while (i < path.size() && path[i] == '/') ++i;
        size_t j = i;
        while (j < path.size() && path[j] != '/') ++j;
        if (j == i) break;
        cur += '/';
        cur.append(path.substr(i, j - i));
        // resolve, not stat: stat of a directory counts its subdirectories
        // (nlink), and this runs for every ancestor of every file a package
        // manager unpacks.
        Resolution r = c.resolve(cur, true);
        if (r) {
            if (!r.node.is_dir()) return make_error(Errc::enotdir, cur + ": " + strerror_text(Errc::enotdir));
        } else if (r.err == Errc::enoent) {
            if (Status s = c.mkdir(cur, mode); !s) return s;
        } else {
            Result<Stat> st = c.stat(cur);  // the error as stat words it (path, errno text)
            return st ? make_error(r.err, cur + ": " + strerror_text(r.err)) : st.error();
        }
        i = j;
    }
    return {};
}

Status remove_tree(Container& c, std::string_view path) {
    Result<Stat> st = c.lstat(path);
    if (!st) return st.error();
    if (st->type != EntryType::dir) return c.unlink(path);
    Result<std::vector<DirEntry>> kids = c.list(path);
    if (!kids) return kids.error();
    std::string base(path);
    if (base.empty() || base.back() != '/') base += '/';
    for (const DirEntry& k : *kids)
        if (Status s = remove_tree(c, base + k.name); !s) return s;
    return c.rmdir(path);
}

}  // namespace ll
