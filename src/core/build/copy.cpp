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

namespace ll::build::detail {

namespace {

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
Result<std::vector<Source>> expand_source(const SourceTree& t, std::string_view raw) {
    std::vector<Source> out;
    std::string rel = rel_of(raw);
    std::vector<std::string> matches;
    if (has_wildcards(rel)) {
        matches = resolve_wildcards(t, rel);
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

    // ADD: is this file an archive? Returns its tar bytes when it is.
    Result<std::optional<std::string>> archive_of(const SrcNode& n, const std::string& name) {
        const BlobStore& blobs = m_c.store().blobs;
        if (n.type != EntryType::file || blobs.size(n.blob) < 4) return std::optional<std::string>();
        std::string head = blobs.read_all(n.blob, 600);
        Compression comp = detect_compression(head);
        if (comp == Compression::bzip2 || comp == Compression::xz || comp == Compression::zstd)
            return make_error(Errc::unsupported,
                              "ADD " + name + ": the archive is " + compression_name(comp) +
                                  "-compressed; real ADD would unpack it, but layerlab only simulates gzip and "
                                  "uncompressed tar archives (recompress it with gzip)");
        std::string tar;
        if (comp == Compression::gzip) {
            Result<std::string> r = gunzip(blobs.read_all(n.blob), name);
            if (!r) return std::optional<std::string>();  // not valid gzip: copied as a file, as BuildKit does
            tar = std::move(*r);
        } else {
            if (!looks_like_tar(head)) return std::optional<std::string>();
            tar = blobs.read_all(n.blob);
        }
        if (!looks_like_tar(std::string_view(tar).substr(0, 600))) return std::optional<std::string>();
        return std::optional<std::string>(std::move(tar));
    }

    static bool looks_like_tar(std::string_view h) {
        if (h.size() < 512) return false;
        if (h.compare(257, 5, "ustar") == 0) return true;
        // V7 tar: a valid header checksum (bytes 148..155 count as spaces).
        uint64_t sum = 0;
        for (size_t i = 0; i < 512; ++i) sum += (i >= 148 && i < 156) ? 32u : static_cast<unsigned char>(h[i]);
        uint64_t stored = 0;
        bool any = false;
        for (size_t i = 148; i < 156; ++i) {
            char c = h[i];
            if (c >= '0' && c <= '7') {
                stored = stored * 8 + static_cast<uint64_t>(c - '0');
                any = true;
            }
        }
        return any && stored == sum && h[0] != '\0';
    }

    Status unpack(const std::string& tar, const std::string& dest, const std::string& name) {
        Store& store = m_c.store();
        Result<LayerPtr> layer = read_layer_tar(tar, store.paths, store.blobs, name);
        if (!layer) return layer.error();
        if (Status s = mkdir_all(dest); !s) return s;
        bool skipped_whiteouts = false;
        std::map<uint32_t, std::string> links;  // link group -> first name unpacked
        for (const Entry& e : (*layer)->entries()) {
            if (e.is_whiteout()) {
                skipped_whiteouts = true;
                continue;
            }
            std::string rel = store.paths.str(e.path);  // "/d/f"
            std::string target = dest == "/" ? rel : dest + rel;
            if (e.type != EntryType::dir) {
                Result<Stat> t = m_c.lstat(target);
                if (t && t->type == EntryType::dir) {
                    if (Status s = remove_tree(m_c, target); !s) return s;
                }
            }
            if (e.type == EntryType::file && e.link_group != 0) {
                auto it = links.find(e.link_group);
                if (it != links.end()) {  // a hard link in the archive stays one
                    Result<Stat> t = m_c.lstat(target);
                    if (t) {
                        if (Status s = m_c.unlink(target); !s) return s;
                    }
                    if (Status s = m_c.link(it->second, target); !s) return s;
                    continue;
                }
                links[e.link_group] = target;
            }
            Entry p = e;  // the archive's own modes and owners (--chown is not applied to them)
            p.link_group = 0;
            p.opaque = false;
            if (m_spec.mtime_override >= 0) p.mtime = m_spec.mtime_override;
            if (Status s = m_c.install(target, p); !s) return s;
            if (p.type == EntryType::file) {
                ++m_res.files;
                m_res.bytes += store.blobs.size(p.blob);
            } else if (p.type == EntryType::dir) {
                ++m_res.dirs;
            } else if (p.type == EntryType::symlink) {
                ++m_res.symlinks;
            }
        }
        if (skipped_whiteouts)
            m_res.notes.push_back(name + " holds .wh. whiteout files; layerlab leaves them out when unpacking");
        m_res.archives.push_back(name);
        return {};
    }

    // One source onto the destination (fsutil Copy + prepareTargetDir).
    Status copy_source(const Source& s, const std::string& dst_clean, const IgnoreRules* exclude) {
        if (m_spec.is_add && s.node.type == EntryType::file) {
            Result<std::optional<std::string>> a = archive_of(s.node, s.name.empty() ? s.rel : s.name);
            if (!a) return a.error();
            if (a->has_value()) return unpack(**a, dst_clean, s.name.empty() ? s.rel : s.name);
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
        Result<std::vector<Source>> s = expand_source(t, raw);
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
        n.mode = 0644;
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

struct DbLine {
    std::string name;
    uint32_t id = 0, gid = 0;
};

std::vector<DbLine> read_db(const Container& c, const char* file, bool passwd) {
    std::vector<DbLine> out;
    Result<std::string> text = c.read_text(file);
    if (!text) return out;
    std::string_view t = *text;
    size_t i = 0;
    while (i < t.size()) {
        size_t j = t.find('\n', i);
        if (j == std::string_view::npos) j = t.size();
        std::string_view line = t.substr(i, j - i);
        i = j + 1;
        std::vector<std::string_view> f;
        size_t a = 0;
        while (true) {
            size_t b = line.find(':', a);
            f.push_back(line.substr(a, b == std::string_view::npos ? std::string_view::npos : b - a));
            if (b == std::string_view::npos) break;
            a = b + 1;
        }
        if (f.size() < 3 || f[0].empty()) continue;
        DbLine d;
        d.name = std::string(f[0]);
        d.id = static_cast<uint32_t>(std::strtoul(std::string(f[2]).c_str(), nullptr, 10));
        if (passwd && f.size() > 3) d.gid = static_cast<uint32_t>(std::strtoul(std::string(f[3]).c_str(), nullptr, 10));
        out.push_back(std::move(d));
    }
    return out;
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
        bool found = false;
        for (const DbLine& d : read_db(c, "/etc/passwd", true))
            if (d.name == user) {
                uid = d.id;
                gid = d.gid;
                found = true;
                break;
            }
        if (!found)
            return make_error(Errc::einval,
                              "unable to find user " + std::string(user) + ": no matching entries in passwd file");
    }
    if (has_group) {
        if (all_digits(group)) {
            gid = static_cast<uint32_t>(std::strtoul(std::string(group).c_str(), nullptr, 10));
        } else if (!group.empty()) {
            bool found = false;
            for (const DbLine& d : read_db(c, "/etc/group", false))
                if (d.name == group) {
                    gid = d.id;
                    found = true;
                    break;
                }
            if (!found)
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
