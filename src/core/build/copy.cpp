// copy.cpp: COPY and ADD, the way BuildKit's file op does them
// (tonistiigi/fsutil copy.Copy with the options dockerfile2llb sets:
// FollowSymlinks for the named source, CopyDirContents, AllowWildcard,
// CreateDestPath, AttemptUnpack for ADD).
//
//   COPY src/ /app        a directory source copies its *contents*
//   COPY a.txt /app/      a trailing slash makes the destination a directory
//   COPY a.txt /app/b     otherwise it is the file's new name, unless /app/b
//                         already is a directory (then /app/b/a.txt)
//   COPY *.py /app/       wildcards match one path level (filepath.Match)
//   ADD app.tar.gz /opt/  local archives are unpacked (by content, not name)
//
// Destination directories that do not exist are created 0755, owned by the
// --chown user (fsutil's MkdirAll chowns what it creates) or root. The
// copied entries keep the source's mode and mtime; context files are owned
// by 0:0, files from another stage keep their owner; --chown/--chmod
// override. Symlinks inside a copied directory stay symlinks; a symlink named
// as the source itself is followed.
#include <algorithm>
#include <cstring>
#include <functional>

#include "core/build/internal.h"
#include "core/gzip.h"
#include "core/tar.h"
#include "core/users.h"

namespace ll::build::detail {

namespace {

// ADD archive limits (README "Limits"): what one archive may unpack to, and
// how many entries it may hold. The first equals a RUN's data budget
// (shell.h), so ADD cannot bring in more than RUN could write; both are far
// above the archives a lesson ADDs, and they are checked while the archive
// is decompressed and read, before its contents exist in memory twice.
constexpr uint64_t k_max_archive_bytes = uint64_t(256) << 20;
constexpr uint64_t k_max_archive_entries = 200000;

std::string rel_of(std::string_view raw) {
    std::string c = clean_path(std::string("/") + std::string(raw));
    return c == "/" ? std::string() : c.substr(1);
}

Error not_found(std::string_view src) {
    // BuildKit: failed to compute cache key: failed to calculate checksum of
    // ref ...: "/missing.txt": not found
    return make_error(Errc::enoent, "\"/" + rel_of(src) + "\": not found");
}

bool is_url(std::string_view s) {
    return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0 || s.rfind("git@", 0) == 0 ||
           s.rfind("git://", 0) == 0;
}

std::vector<std::string> split_components(std::string_view p) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < p.size()) {
        size_t j = p.find('/', i);
        if (j == std::string_view::npos) j = p.size();
        if (j > i) out.emplace_back(p.substr(i, j - i));
        i = j + 1;
    }
    return out;
}

std::string join_components(const std::vector<std::string>& v, size_t from = 0, size_t to = SIZE_MAX) {
    std::string s;
    for (size_t k = from; k < v.size() && k < to; ++k) {
        if (!s.empty()) s += '/';
        s += v[k];
    }
    return s;
}

// fsutil ResolveWildcards: the literal directory part is resolved (with
// symlinks), then every path below it whose relative name matches the
// wildcard part is a match, in walk order; a matching directory is not
// descended into.
std::vector<std::string> resolve_wildcards(const SourceTree& t, std::string_view src_rel) {
    std::vector<std::string> parts = split_components(src_rel);
    size_t k = 0;
    while (k < parts.size() && !has_wildcards(parts[k])) ++k;
    std::string d1 = join_components(parts, 0, k);
    std::string d2 = join_components(parts, k);
    std::vector<std::string> out;
    std::optional<std::string> base = root_path(t, d1, true);
    if (!base) return out;
    std::optional<SrcNode> bn = t.lstat(*base);
    if (!bn || bn->type != EntryType::dir) return out;
    std::function<void(const std::string&, const std::string&)> walk = [&](const std::string& abs,
                                                                           const std::string& rel) {
        for (const std::string& name : t.children(abs)) {
            std::string a = abs.empty() ? name : abs + "/" + name;
            std::string r = rel.empty() ? name : rel + "/" + name;
            std::optional<SrcNode> n = t.lstat(a);
            if (!n) continue;
            if (path_match(d2, r)) {
                out.push_back(a);
                continue;  // SkipDir for a matching directory
            }
            if (n->type == EntryType::dir) walk(a, r);
        }
    };
    walk(*base, "");
    return out;
}

struct Source {
    std::string rel;   // path in the tree after following symlinks
    std::string name;  // the name it is copied under (base of the path as matched)
    SrcNode node;
};

// The sources one COPY argument names.
// BuildKit's COPY sets AllowEmptyWildcard: a wildcard that matches nothing
// copies nothing (COPY package.json yarn.lock* ./ without a yarn.lock), as
// long as its literal directory part exists (else the context transfer has
// no such directory: not found). `empty_ok` false: buildah's and the classic
// builder's error.
bool wildcard_dir_exists(const SourceTree& t, std::string_view rel) {
    std::vector<std::string> parts = split_components(rel);
    size_t k = 0;
    while (k < parts.size() && !has_wildcards(parts[k])) ++k;
    std::optional<std::string> base = root_path(t, join_components(parts, 0, k), true);
    if (!base) return false;
    std::optional<SrcNode> bn = t.lstat(*base);
    return bn && bn->type == EntryType::dir;
}

Result<std::vector<Source>> expand_source(const SourceTree& t, std::string_view raw, bool empty_ok) {
    std::vector<Source> out;
    std::string rel = rel_of(raw);
    std::vector<std::string> matches;
    if (has_wildcards(rel)) {
        matches = resolve_wildcards(t, rel);
        if (matches.empty() && empty_ok && wildcard_dir_exists(t, rel)) return out;
        if (matches.empty()) return not_found(raw);
    } else {
        matches.push_back(rel);
    }
    for (const std::string& m : matches) {
        std::optional<std::string> followed = root_path(t, m, true);
        if (!followed) return make_error(Errc::eloop, "\"/" + m + "\": too many levels of symbolic links");
        std::optional<SrcNode> n = t.lstat(*followed);
        if (!n) return not_found(m.empty() ? std::string_view(raw) : std::string_view(m));
        out.push_back(Source{*followed, m.empty() ? std::string() : base_name(m), *n});
    }
    return out;
}

std::string fingerprint(const SrcNode& n, const BlobStore& blobs) {
    std::string s = std::string(entry_type_name(n.type)) + " " + std::to_string(n.mode) + " " + std::to_string(n.uid) +
                    ":" + std::to_string(n.gid);
    if (n.type == EntryType::file) {
        // Literal contents by digest; synthetic ones (package files, dd output)
        // by their blob id and size, which is stable within a session and
        // avoids hashing gigabytes of simulated data.
        if (blobs.is_literal(n.blob))
            s += " " + blobs.digest(n.blob).short_hex(32);
        else
            s += " blob#" + std::to_string(n.blob) + ":" + std::to_string(blobs.size(n.blob));
    } else if (n.type == EntryType::symlink) {
        s += " -> " + n.target;
    }
    return s;
}

class Copier {
public:
    Copier(Container& c, const CopySpec& spec, const SourceTree& src, CopyResult& res)
        : m_c(c), m_spec(spec), m_src(src), m_res(res) {}

    // fsutil MkdirAll: creates the missing directories of `path`, 0755,
    // owned by the --chown user or root.
    Status mkdir_all(const std::string& path) {
        std::string cur;
        for (const std::string& comp : split_components(path)) {
            cur += "/" + comp;
            Result<Stat> st = m_c.stat(cur);
            if (st) {
                if (st->type != EntryType::dir) return make_error(Errc::enotdir, "mkdir " + cur + ": not a directory");
                continue;
            }
            if (st.error().code != Errc::enoent) return st.error();
            Entry e;
            e.type = EntryType::dir;
            e.mode = 0755;
            if (m_spec.chown && m_spec.chown_created_dirs) {
                e.uid = m_spec.chown->first;
                e.gid = m_spec.chown->second;
            }
            e.mtime = m_spec.mtime_override >= 0 ? m_spec.mtime_override : m_c.now();
            if (Status s = m_c.install(cur, e); !s) return s;
            ++m_res.dirs;
        }
        return {};
    }

    Entry proto_of(const SrcNode& n) const {
        Entry e;
        e.type = n.type;
        e.mode = n.mode & 07777;
        e.uid = n.uid;
        e.gid = n.gid;
        e.mtime = m_spec.mtime_override >= 0 ? m_spec.mtime_override : n.mtime;
        e.blob = n.blob;
        e.target = n.target;
        e.xattrs = n.xattrs;
        if (m_spec.chown) {
            e.uid = m_spec.chown->first;
            e.gid = m_spec.chown->second;
        }
        if (m_spec.chmod && n.type != EntryType::symlink) e.mode = *m_spec.chmod & 07777;
        if (n.type == EntryType::symlink) e.mode = 0777;
        return e;
    }

    // fsutil copier.copy for one entry (src_rel in the tree) onto target.
    Status copy(const std::string& src_rel, const std::string& target, const std::string& components,
                bool overwrite_meta, const IgnoreRules* exclude) {
        std::optional<SrcNode> n = m_src.lstat(src_rel);
        if (!n) return make_error(Errc::enoent, "failed to stat /" + src_rel);
        if (!components.empty() && exclude && exclude->excluded(components)) return {};
        if (n->type != EntryType::dir) {
            Result<Stat> t = m_c.lstat(target);
            if (t && t->type == EntryType::dir)
                return make_error(Errc::eisdir, "cannot replace to directory " + target + " with file");
        }
        bool copy_info = true;
        if (n->type == EntryType::dir) {
            bool created = false;
            Result<Stat> t = m_c.lstat(target);
            if (!t) {
                Entry e = proto_of(*n);
                if (Status s = m_c.install(target, e); !s) return s;
                created = true;
                ++m_res.dirs;
            } else if (t->type != EntryType::dir) {
                return make_error(Errc::enotdir, "cannot copy to non-directory: " + target);
            } else if (overwrite_meta) {
                if (Status s = m_c.chmod(target, proto_of(*n).mode, false); !s) return s;
            }
            for (const std::string& child : m_src.children(src_rel)) {
                std::string cs = src_rel.empty() ? child : src_rel + "/" + child;
                std::string ct = target == "/" ? "/" + child : target + "/" + child;
                std::string cc = components.empty() ? child : components + "/" + child;
                if (Status s = copy(cs, ct, cc, true, exclude); !s) return s;
            }
            if (!overwrite_meta) copy_info = created;
            if (copy_info && !created) {
                if (Status s = m_c.install(target, proto_of(*n)); !s) return s;
            }
            return {};
        }
        Entry e = proto_of(*n);
        if (n->inode != 0) {
            // fsutil keeps hard links: the second name of an inode is linked
            auto it = m_inodes.find(n->inode);
            if (it != m_inodes.end()) {
                Result<Stat> t = m_c.lstat(target);
                if (t) {
                    if (Status s = m_c.unlink(target); !s) return s;
                }
                return m_c.link(it->second, target);
            }
            m_inodes[n->inode] = target;
        }
        if (Status s = m_c.install(target, e); !s) return s;
        if (n->type == EntryType::file) {
            ++m_res.files;
            m_res.bytes += m_c.store().blobs.size(n->blob);
        } else if (n->type == EntryType::symlink) {
            ++m_res.symlinks;
        }
        return {};
    }

    // ---- ADD of a local archive ----
    //
    // BuildKit unpacks a file when it decompresses and its first tar header
    // reads (isArchivePath: by content, never by name); only those first
    // bytes are inflated to decide. Then the whole archive is unpacked into
    // the destination with moby/go-archive's chrooted untar, and buildah's
    // copier does the same (both checked with the buildah oracle, case
    // 17-add-archive-paths): the destination is the root, so names with ".."
    // and symlinks in the archive never lead outside it; a missing parent is
    // created 0755; entries apply in archive order (a later one of the same
    // name replaces an earlier one). Unlike a file that is not an archive,
    // an archive that fails halfway is an error, as in BuildKit.

    // Whether the file is an archive to unpack; an error for compressions
    // layerlab does not read.
    Result<bool> is_archive(const SrcNode& n, const std::string& name) {
        const BlobStore& blobs = m_c.store().blobs;
        if (n.type != EntryType::file || blobs.size(n.blob) < 4) return false;
        std::string head = blobs.read_all(n.blob, 512);
        const Compression comp = detect_compression(head);
        if (comp == Compression::bzip2 || comp == Compression::xz)
            return make_error(Errc::unsupported,
                              "ADD " + name + ": the archive is " + compression_name(comp) +
                                  "-compressed; real ADD would unpack it, but layerlab only simulates gzip, zstd and "
                                  "uncompressed tar archives (recompress it with gzip)");
        if (comp == Compression::gzip) {
            // not gzip after all, or cut short before its first header: a plain file, as in BuildKit
            Result<std::string> r = gunzip_prefix(blobs.read_all(n.blob), 512, name);
            if (!r) return false;
            head = std::move(*r);
        }
        if (comp == Compression::zstd) {
            // a .tar.zst is unpacked too (moby's DecompressStream knows zstd's
            // magic; buildah's oracle unpacks one): its first 512 bytes decide
            std::string first;
            GzipLimits lim;
            lim.max_output = k_max_archive_bytes;
            Status st = unzstd(blobs.read_all(n.blob), [&](const char* p, size_t len) {
                if (first.size() < 512) first.append(p, std::min(len, 512 - first.size()));
            }, name, lim);
            if (!st && first.size() < 512) return false;
            head = std::move(first);
        }
        return is_tar_header(head);
    }

    // The archive's tar bytes as a blob, decompressed up to k_max_archive_bytes.
    Result<BlobId> archive_tar(const SrcNode& n, const std::string& name) {
        BlobStore& blobs = m_c.store().blobs;
        const std::string limit_text = "; layerlab unpacks ADD archives of up to " + format_bytes(k_max_archive_bytes) +
                                       " (as much as one RUN may write): ADD smaller archives, or several";
        const Compression comp = detect_compression(blobs.read_all(n.blob, 4));
        if (comp != Compression::gzip && comp != Compression::zstd) {
            if (blobs.size(n.blob) > k_max_archive_bytes)
                return make_error(Errc::too_large,
                                  "ADD " + name + ": the archive is " + format_bytes(blobs.size(n.blob)) + limit_text);
            return n.blob;
        }
        // Decompressed in chunks of 1 MiB, each its own blob, joined: no
        // copy of the whole archive is ever made, and a run of identical
        // chunks (a bomb's zeros) is stored once.
        constexpr size_t k_chunk = size_t(1) << 20;
        const std::string gz = blobs.read_all(n.blob);
        std::vector<BlobId> chunks;
        std::string cur;
        GzipLimits lim;
        lim.max_output = k_max_archive_bytes;
        Status st = decompress(
            comp, gz,
            [&](const char* p, size_t len) {
                cur.append(p, len);
                if (cur.size() >= k_chunk) {
                    chunks.push_back(blobs.bytes(std::move(cur)));
                    cur = std::string();
                    cur.reserve(k_chunk + (64 << 10));
                }
            },
            name, lim);
        if (!st) {
            if (st.error().code == Errc::too_large)
                return make_error(Errc::too_large, "ADD " + name + ": the archive decompresses to more than " +
                                                       format_bytes(k_max_archive_bytes) + limit_text +
                                                       " (it was refused while decompressing; " +
                                                       format_bytes(gz.size()) +
                                                       " of " + compression_name(comp) + " that unpack to that much is called a " +
                                                       compression_name(comp) + " bomb)");
            return make_error(st.error().code, "ADD " + st.error().message);
        }
        if (!cur.empty()) chunks.push_back(blobs.bytes(std::move(cur)));
        while (chunks.size() > 1) {  // joined pairwise: few pieces per blob
            std::vector<BlobId> next;
            for (size_t i = 0; i < chunks.size(); i += 2)
                next.push_back(i + 1 < chunks.size() ? blobs.concat(chunks[i], chunks[i + 1]) : chunks[i]);
            chunks = std::move(next);
        }
        return chunks.empty() ? k_empty_blob : chunks[0];
    }

    // Where archive path `rel` lands under `dest`, the way the chrooted untar
    // resolves it: `dest` is "/", a symlink on the way is followed inside it
    // (an absolute target starts again at `dest`; ".." stops there). Missing
    // directories on the literal path are created when `implied`; behind a
    // followed symlink a missing directory is an error, as in the real tools
    // ("open /link/f: no such file or directory"). The last component is
    // never followed.
    Result<std::string> place(const std::string& dest, const std::string& rel, bool implied) {
        if (rel.empty()) return dest;
        std::vector<std::string> todo = split_components(rel);
        const std::string last = todo.back();
        todo.pop_back();
        std::reverse(todo.begin(), todo.end());  // a stack: next component at the back
        std::vector<std::string> cur;
        bool followed = false;
        int hops = 0;
        auto path_of = [&](const std::vector<std::string>& parts) {
            std::string p = dest == "/" ? std::string() : dest;
            for (const std::string& c : parts) p += "/" + c;
            return p.empty() ? std::string("/") : p;
        };
        while (!todo.empty()) {
            std::string c = std::move(todo.back());
            todo.pop_back();
            if (c.empty() || c == ".") continue;
            if (c == "..") {
                if (!cur.empty()) cur.pop_back();
                continue;
            }
            cur.push_back(c);
            const std::string p = path_of(cur);
            Result<Stat> st = m_c.lstat(p);
            if (!st) {
                if (st.error().code != Errc::enoent) return st.error();
                if (!implied || followed)
                    return make_error(Errc::enoent, "/" + join_components(cur) +
                                                        " does not exist inside the destination (a symlink of the "
                                                        "archive leads there; ADD unpacks with " +
                                                        dest + " as the root, so nothing lands outside it)");
                if (Status s = install_implied_dir(p); !s) return s.error();
                continue;
            }
            if (st->type == EntryType::dir) continue;
            if (st->type != EntryType::symlink)
                return make_error(Errc::enotdir, "/" + join_components(cur) + " is a file, not a directory");
            if (++hops > 255) return make_error(Errc::eloop, "too many levels of symbolic links");
            Result<std::string> target = m_c.readlink(p);
            if (!target) return target.error();
            cur.pop_back();
            if (!target->empty() && (*target)[0] == '/') cur.clear();
            std::vector<std::string> more = split_components(*target);
            for (auto it = more.rbegin(); it != more.rend(); ++it) todo.push_back(*it);
            followed = true;
        }
        cur.push_back(last);
        return path_of(cur);
    }

    // A parent directory the archive implies but does not hold: 0755, owned
    // by the --chown user or root (buildah 1.28, case 17; BuildKit's
    // go-archive makes it root's: createImpliedDirectories).
    Status install_implied_dir(const std::string& path) {
        Entry e;
        e.type = EntryType::dir;
        e.mode = 0755;
        if (m_spec.chown && m_spec.chown_created_dirs) {
            e.uid = m_spec.chown->first;
            e.gid = m_spec.chown->second;
        }
        e.mtime = m_spec.mtime_override >= 0 ? m_spec.mtime_override : m_c.now();
        if (Status s = m_c.install(path, e); !s) return s;
        ++m_res.dirs;
        return {};
    }

    // One archive entry, in archive order.
    Status unpack_entry(const ArchiveEntry& a, const std::string& dest, bool& skipped_whiteouts) {
        const std::string base = a.path.substr(a.path.rfind('/') + 1);
        if (base.rfind(".wh.", 0) == 0) {  // layer whiteouts and AUFS metadata are not content
            skipped_whiteouts = true;
            return {};
        }
        if (a.path.empty()) {
            if (a.type == EntryType::dir) return {};  // "./": the destination itself
            return make_error(Errc::bad_tar, "names the destination itself but is not a directory");
        }
        Result<std::string> target = place(dest, a.path, true);
        if (!target) return target.error();
        if (a.hard_link) {
            Result<std::string> existing = place(dest, a.link_path, false);
            if (!existing || !m_c.exists(*existing))
                return make_error(Errc::enoent, "hard link to " + a.link_path + ", which is not in the destination");
            if (*existing == *target) return {};
            if (Result<Stat> t = m_c.lstat(*target); t) {
                if (Status s = remove_tree(m_c, *target); !s) return s;
            }
            return m_c.link(*existing, *target);
        }
        Entry e;  // the archive's own modes and owners (--chown is not applied to them)
        e.type = a.type;
        e.mode = a.mode;
        e.uid = a.uid;
        e.gid = a.gid;
        e.mtime = m_spec.mtime_override >= 0 ? m_spec.mtime_override : a.mtime;
        e.blob = a.blob;
        e.target = a.target;
        e.dev_major = a.dev_major;
        e.dev_minor = a.dev_minor;
        e.xattrs = a.xattrs;
        std::sort(e.xattrs.begin(), e.xattrs.end(), [](const Xattr& x, const Xattr& y) { return x.name < y.name; });
        if (Status s = m_c.install(*target, e); !s) return s;
        if (e.type == EntryType::file) {
            ++m_res.files;
            m_res.bytes += m_c.store().blobs.size(e.blob);
        } else if (e.type == EntryType::dir) {
            ++m_res.dirs;
        } else if (e.type == EntryType::symlink) {
            ++m_res.symlinks;
        }
        return {};
    }

    Status unpack(const SrcNode& n, const std::string& dest, const std::string& name) {
        Result<BlobId> tar = archive_tar(n, name);
        if (!tar) return tar.error();
        if (Status s = mkdir_all(dest); !s) return s;
        bool skipped_whiteouts = false;
        TarLimits limits;
        limits.max_entries = k_max_archive_entries;
        limits.max_entry_size = k_max_archive_bytes;
        Status st = walk_archive(*tar, m_c.store().blobs, name, limits, [&](const ArchiveEntry& a) -> Status {
            Status s = unpack_entry(a, dest, skipped_whiteouts);
            if (!s)
                return make_error(s.error().code,
                                  "entry " + std::to_string(a.number) + " (" + a.name + "): " + s.error().message);
            return s;
        });
        // The entry's place in the archive and, through the builder, the
        // instruction's place in the Dockerfile: "Dockerfile:4:1: error: ADD
        // app.tar.gz: entry 3 (etc/x): ...".
        if (!st) return make_error(st.error().code, "ADD " + name + ": " + st.error().message);
        if (skipped_whiteouts)
            m_res.notes.push_back(name + " holds .wh. whiteout files; layerlab leaves them out when unpacking");
        m_res.archives.push_back(name);
        return {};
    }

    // One source onto the destination (fsutil Copy + prepareTargetDir).
    Status copy_source(const Source& s, const std::string& dst_clean, const IgnoreRules* exclude) {
        if (m_spec.is_add && s.node.type == EntryType::file) {
            const std::string name = s.name.empty() ? s.rel : s.name;
            Result<bool> a = is_archive(s.node, name);
            if (!a) return a.error();
            if (*a) return unpack(s.node, dst_clean, name);
        }
        Result<Stat> fi_dest = m_c.stat(dst_clean);
        std::string dest_path = dst_clean;
        bool src_dir = s.node.type == EntryType::dir;
        if (!src_dir && fi_dest && fi_dest->type == EntryType::dir)
            dest_path = join_path(dst_clean, s.name.empty() ? base_name(s.rel) : s.name);
        std::string target = dir_name(dest_path);
        if (src_dir && !fi_dest) target = dest_path;
        if (Status st = mkdir_all(target); !st) return st;
        return copy(s.rel, dest_path, "", false, exclude);
    }

private:
    Container& m_c;
    const CopySpec& m_spec;
    const SourceTree& m_src;
    CopyResult& m_res;
    std::map<uint64_t, std::string> m_inodes;  // source inode -> first name copied
};

// The sources of a spec: (raw argument, expanded sources).
Result<std::vector<std::pair<std::string, std::vector<Source>>>> collect(const CopySpec& spec, const SourceTree& t) {
    std::vector<std::pair<std::string, std::vector<Source>>> out;
    for (const std::string& raw : spec.sources) {
        if (is_url(raw))
            return make_error(Errc::unsupported,
                              (spec.is_add ? "ADD " : "COPY ") + raw +
                                  ": layerlab has no network, so it cannot download; real ADD would fetch the URL "
                                  "(and not unpack it); put the file in the build context instead");
        Result<std::vector<Source>> s = expand_source(t, raw, spec.empty_wildcard_ok);
        if (!s) return s.error();
        out.emplace_back(raw, std::move(*s));
    }
    return out;
}

void hash_tree(const SourceTree& t, const std::string& rel, const std::string& shown, const BlobStore& blobs, Sha256& h,
               const IgnoreRules* exclude) {
    std::optional<SrcNode> n = t.lstat(rel);
    if (!n) return;
    if (!shown.empty() && exclude && exclude->excluded(shown)) return;
    std::string line = shown + "\t" + fingerprint(*n, blobs) + "\n";
    h.update(line);
    if (n->type == EntryType::dir)
        for (const std::string& child : t.children(rel))
            hash_tree(t, rel.empty() ? child : rel + "/" + child, shown.empty() ? child : shown + "/" + child, blobs, h,
                      exclude);
}

}  // namespace

Result<std::map<std::string, std::string>> checksum_sources(const CopySpec& spec, const SourceTree& src,
                                                            const Store& store, std::vector<EntryType>* kinds) {
    std::map<std::string, std::string> out;
    Result<IgnoreRules> ex = IgnoreRules::from_patterns(spec.exclude);
    const IgnoreRules* exclude = ex && !ex->empty() ? &*ex : nullptr;
    Result<std::vector<std::pair<std::string, std::vector<Source>>>> all = collect(spec, src);
    if (!all) return all.error();
    for (const auto& [raw, sources] : *all) {
        for (const Source& s : sources) {
            if (kinds) kinds->push_back(s.node.type);
            Sha256 h;
            hash_tree(src, s.rel, "", store.blobs, h, exclude);
            std::string key = "/" + s.rel;
            if (!s.name.empty() && rel_of(raw) != s.rel) key = "/" + rel_of(raw) + " (" + key + ")";
            out[key] = h.finish().short_hex(16);
        }
    }
    for (const CopySpec::Inline& f : spec.inline_files) {
        out["<<" + f.name] = sha256(f.content).short_hex(16);
        if (kinds) kinds->push_back(EntryType::file);
    }
    return out;
}

Result<CopyResult> copy_into(Container& c, const CopySpec& spec, const SourceTree& src) {
    CopyResult res;
    Result<IgnoreRules> ex = IgnoreRules::from_patterns(spec.exclude);
    const IgnoreRules* exclude = ex && !ex->empty() ? &*ex : nullptr;
    Copier cp(c, spec, src, res);
    const std::string& dest = spec.dest;
    if (spec.empty_wildcard_ok && !spec.parents && spec.inline_files.empty()) {
        // BuildKit's copy returns before making the destination when its
        // wildcards matched nothing at all
        Result<std::vector<std::pair<std::string, std::vector<Source>>>> all = collect(spec, src);
        if (!all) return all.error();
        if (std::all_of(all->begin(), all->end(), [](const auto& a) { return a.second.empty(); })) return res;
    }
    // fsutil Copy: the destination's directory (or the destination itself
    // when it ends in '/') is created first.
    std::string ensure = ends_with_slash(dest) ? clean_path(dest) : dir_name(dest);
    if (Status s = cp.mkdir_all(ensure); !s) return s.error();
    // fs.RootPath: symlinks in the destination are followed, inside the root
    // (COPY x /lnk/ with /lnk -> /target writes into /target).
    std::string dst_clean = clean_path(dest);
    if (Result<std::string> rp = c.realpath(dst_clean); rp) {
        dst_clean = *rp;
    } else if (Result<std::string> pp = c.realpath(dir_name(dst_clean)); pp) {
        dst_clean = join_path(*pp, base_name(dst_clean));
    }

    if (spec.parents) {
        // COPY --parents: the path below the pivot ("/./") or the whole path
        // is kept under the destination.
        for (const std::string& raw0 : spec.sources) {
            std::string raw = raw0;
            std::string base, pattern;
            size_t piv = raw.find("/./");
            if (piv == std::string::npos) {
                pattern = rel_of(raw);
            } else {
                base = rel_of(raw.substr(0, piv));
                pattern = rel_of(raw.substr(piv + 3));
            }
            std::vector<std::string> matches;
            std::string full = base.empty() ? pattern : (pattern.empty() ? base : base + "/" + pattern);
            if (has_wildcards(pattern)) {
                matches = resolve_wildcards(src, full);
                if (matches.empty()) return not_found(raw);
            } else {
                if (!src.lstat(full)) return not_found(raw);
                matches.push_back(full);
            }
            for (const std::string& m : matches) {
                std::string below = base.empty() ? m : m.substr(std::min(m.size(), base.size() + 1));
                std::vector<std::string> comps = split_components(below);
                std::string cur_src = base, cur_dst = dst_clean;
                for (size_t k = 0; k + 1 < comps.size(); ++k) {
                    cur_src = cur_src.empty() ? comps[k] : cur_src + "/" + comps[k];
                    cur_dst = join_path(cur_dst, comps[k]);
                    if (!c.exists(cur_dst)) {
                        std::optional<SrcNode> dn = src.lstat(cur_src);
                        Entry e = cp.proto_of(dn ? *dn : SrcNode{});
                        if (Status s = c.install(cur_dst, e); !s) return s.error();
                    }
                }
                std::optional<SrcNode> n = src.lstat(m);
                if (!n) return not_found(m);
                std::string target = join_path(dst_clean, below);
                if (n->type == EntryType::dir && !c.exists(target)) {
                    if (Status s = c.install(target, cp.proto_of(*n)); !s) return s.error();
                }
                if (Status s = cp.copy(m, target, "", n->type != EntryType::dir, exclude); !s) return s.error();
            }
        }
    } else {
        Result<std::vector<std::pair<std::string, std::vector<Source>>>> all = collect(spec, src);
        if (!all) return all.error();
        for (const auto& [raw, sources] : *all) {
            (void)raw;
            for (const Source& s : sources)
                if (Status st = cp.copy_source(s, dst_clean, exclude); !st) return st.error();
        }
    }

    // Heredoc sources: a file of that name, 0644, in a scratch tree.
    for (const CopySpec::Inline& f : spec.inline_files) {
        SrcNode n;
        n.type = EntryType::file;
        n.mode = f.mode;
        n.mtime = spec.mtime_override >= 0 ? spec.mtime_override : c.now();
        n.blob = c.store().blobs.bytes(f.content);
        Result<Stat> fi_dest = c.stat(dst_clean);
        std::string dest_path = dst_clean;
        if (fi_dest && fi_dest->type == EntryType::dir) dest_path = join_path(dst_clean, f.name);
        if (Status s = cp.mkdir_all(dir_name(dest_path)); !s) return s.error();
        Result<Stat> t = c.lstat(dest_path);
        if (t && t->type == EntryType::dir)
            return make_error(Errc::eisdir, "cannot replace to directory " + dest_path + " with file");
        if (Status s = c.install(dest_path, cp.proto_of(n)); !s) return s.error();
        ++res.files;
        res.bytes += f.content.size();
    }
    return res;
}

// ---------------------------------------------------------------- users

namespace {

// COPY --chown reads ids as Go's strconv.Atoi would not: leniently, what
// BuildKit's idtools parser accepts ("12abc" -> 12); the line needs 3 fields.
uint32_t lenient_id(const std::string& s) { return static_cast<uint32_t>(std::strtoul(s.c_str(), nullptr, 10)); }

const users::Line* find_entry(const users::Db& db, std::string_view name) {
    for (const users::Line& l : db)
        if (l.f.size() >= 3 && !l.f[0].empty() && l.f[0] == name) return &l;
    return nullptr;
}

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char ch : s)
        if (ch < '0' || ch > '9') return false;
    return true;
}

}  // namespace

Result<std::pair<uint32_t, uint32_t>> resolve_chown(const Container& c, std::string_view spec) {
    std::string_view user = spec, group;
    bool has_group = false;
    if (size_t k = spec.find(':'); k != std::string_view::npos) {
        user = spec.substr(0, k);
        group = spec.substr(k + 1);
        has_group = true;
    }
    uint32_t uid = 0, gid = 0;
    if (all_digits(user)) {
        uid = static_cast<uint32_t>(std::strtoul(std::string(user).c_str(), nullptr, 10));
        gid = uid;  // BuildKit: a numeric user without a group gets the same gid
    } else if (!user.empty()) {
        const users::Db pw = users::read(c, "/etc/passwd");
        const users::Line* d = find_entry(pw, user);
        if (d) {
            uid = lenient_id(d->f[2]);
            gid = d->f.size() > 3 ? lenient_id(d->f[3]) : 0;
        } else
            return make_error(Errc::einval,
                              "unable to find user " + std::string(user) + ": no matching entries in passwd file");
    }
    if (has_group) {
        if (all_digits(group)) {
            gid = static_cast<uint32_t>(std::strtoul(std::string(group).c_str(), nullptr, 10));
        } else if (!group.empty()) {
            const users::Db gr = users::read(c, "/etc/group");
            if (const users::Line* d = find_entry(gr, group))
                gid = lenient_id(d->f[2]);
            else
                return make_error(Errc::einval,
                                  "unable to find group " + std::string(group) + ": no matching entries in group file");
        }
    }
    return std::make_pair(uid, gid);
}

Result<std::pair<uint32_t, uint32_t>> resolve_user(const Container& c, std::string_view spec) {
    return resolve_chown(c, spec);
}

}  // namespace ll::build::detail
