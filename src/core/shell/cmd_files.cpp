// cmd_files.cpp: file commands (busybox coreutils): cp mv rm mkdir rmdir
// touch chmod chown chgrp ln ls stat du df truncate dd mktemp basename
// dirname realpath readlink unlink.
//
// Each one makes the system calls the busybox applet makes, in the same
// order, so the container's overlayfs model sees what a kernel would:
//   cp over an existing file   open(O_WRONLY|O_TRUNC)   (copy-up without data)
//   mv of a lower directory    rename -> EXDEV -> copy_file(-a) + rm -rf
//   rm -r                      depth-first unlink()/rmdir()
// Messages follow busybox 1.35 word for word (libbb's bb_perror_msg).
//
// Index of this file (sections in order, marked "// ---- NAME"; the functions in each):
//   helpers: err_of, join_path, strip_slashes, UmaskScope::UmaskScope, UmaskScope::~UmaskScope,
//            is_dir
//   copy_file (libbb): copy_file, remove_file
//   cp: p_cp
//   mv: p_mv
//   rm rmdir unlink: p_rm, p_rmdir, p_unlink
//   mkdir: p_mkdir
//   touch: parse_date, parse_stamp, p_touch
//   chmod chown: chmod_one, p_chmod, chown_one, p_chown
//   ln: p_ln
//   ls: ls_time, pad_right, pad_left, ls_suffix, ls_line, ls_sort, ls_print, ls_dir, p_ls
//   stat: file_type_name, stat_format, p_stat
//   du df: du_walk, p_du, p_df
//   truncate dd: p_truncate, p_dd
//   names: p_basename, p_dirname, p_realpath, p_readlink, p_mktemp, file_programs
#include <algorithm>
#include <cstdio>
#include <map>

#include "core/shell/interp.h"
#include "core/standin.h"
#include "core/users.h"

namespace ll::shell {

namespace {

// ---------------------------------------------------------------- helpers

std::string err_of(const Status& s) { return errno_text(s.error().code); }

std::string join_path(const std::string& dir, const std::string& name) {
    if (dir.empty()) return name;
    if (dir.back() == '/') return dir + name;
    return dir + "/" + name;
}

// Strips trailing slashes (not the only one).
std::string strip_slashes(std::string s) {
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
}

struct UmaskScope {
    Container& c;
    uint32_t saved;
    UmaskScope(Container& cc, uint32_t m) : c(cc), saved(cc.umask()) { c.set_umask(m); }
    ~UmaskScope() { c.set_umask(saved); }
};

bool is_dir(Ctx& ctx, const std::string& user_path) {
    Result<Stat> s = ctx.c.stat(ctx.path(user_path));
    return s && s->type == EntryType::dir;
}

// ---------------------------------------------------------------- copy_file (libbb)

enum : uint32_t {
    CF_RECUR = 1,
    CF_PRESERVE = 2,
    CF_DEREF = 4,      // follow symlinks everywhere (-L, or no -r/-d)
    CF_DEREF_TOP = 8,  // follow symlinks on the command line (-H)
    CF_FORCE = 16,
    CF_NO_OVERWRITE = 32,
    CF_UPDATE = 64,
    CF_HARDLINK = 128,
    CF_SOFTLINK = 256,
};

// What one cp remembers across its tree: the directories it created
// (copying one of them again is a recursion, cp -r d d/sub, which busybox
// detects by inode), and without dereferencing (cp -a, mv across EXDEV) the
// first copy of every hard-linked inode, so later names become links to it
// (busybox FEATURE_PRESERVE_HARDLINKS).
struct CreatedDirs {
    std::vector<PathId> dirs;
    std::map<uint64_t, std::string> links;  // Stat::inode_key -> the destination made first
};

// cp of a source a stand-in tree lacks (core/standin.h): the real archive
// may hold it, so a labelled placeholder takes its place (a directory for
// cp -R of a name without a dot, else a file), and the step says so.
int copy_stand_in(Ctx& ctx, const std::string& src, const std::string& dst, const std::string& tree, uint32_t flags,
                  const char* tool = "cp") {
    Container& c = ctx.c;
    Result<Stat> ds = c.stat(dst);
    const std::string target = ds && ds->type == EntryType::dir ? dst + "/" + basename_of(src) : dst;
    const bool dir = (flags & CF_RECUR) && basename_of(src).find('.') == std::string::npos;
    Status made = dir ? mkdir_p(c, target, 0755) : c.write_text(target, standin::archive_member_text(src));
    if (made && dir)  // itself a stand-in tree: its files are not known either
        made = c.write_text(target + "/" + std::string(standin::k_tree_label), standin::archive_member_text(src));
    if (!made) {
        ctx.errmsg("can't create '" + target + "': " + errno_text(made.error().code));
        return -1;
    }
    ctx.sh.note("stand-in: " + std::string(tool) + ": " + src + " is not in " + tree + ", a stand-in for a download layerlab cannot make " +
                "(an archive placeholder) whose real files may include it; a labelled placeholder " +
                (dir ? "directory" : "file") + " takes its place at " + target);
    return 0;
}

// busybox libbb/copy_file.c: returns 0 ok, -1 error (message printed).
int copy_file(Ctx& ctx, const std::string& src_u, const std::string& dst_u, uint32_t flags, int depth = 0,
              CreatedDirs* created = nullptr) {
    CreatedDirs own;
    if (!created) created = &own;
    Container& c = ctx.c;
    if (!ctx.sh.charge()) return -1;
    if (depth > 200) {
        ctx.errmsg("'" + src_u + "': layerlab: directory tree too deep");
        return -1;
    }
    std::string src = ctx.path(src_u), dst = ctx.path(dst_u);
    bool deref = (flags & CF_DEREF) || (depth == 0 && (flags & CF_DEREF_TOP));
    Result<Stat> ss = deref ? c.stat(src) : c.lstat(src);
    if (!ss && depth == 0 && ss.error().code == Errc::enoent) {
        if (std::string tree = standin::stand_in_tree_of(c, src); !tree.empty()) return copy_stand_in(ctx, src, dst, tree, flags);
    }
    if (!ss) {
        ctx.errmsg("can't stat '" + src_u + "': " + errno_text(ss.error().code));
        return -1;
    }
    Result<Stat> ds = c.lstat(dst);
    bool dest_exists = false;
    if (!ds) {
        if (ds.error().code != Errc::enoent) {
            ctx.errmsg("can't stat '" + dst_u + "': " + errno_text(ds.error().code));
            return -1;
        }
    } else {
        if (ds->path == ss->path && ds->layer == ss->layer) {
            ctx.errmsg("'" + src_u + "' and '" + dst_u + "' are the same file");
            return -1;
        }
        dest_exists = true;
    }
    const uint32_t umask = c.umask();
    const Stat& s = *ss;
    auto preserve = [&](const std::string& path, bool follow) {
        if (!(flags & CF_PRESERVE)) return;
        (void)c.utime(path, s.mtime, follow);
        Status o = c.chown(path, s.uid, s.gid, follow);
        uint32_t mode = s.mode;
        if (!o) mode &= ~06000u;  // could not give it away: drop set-id bits
        if (s.type != EntryType::symlink) (void)c.chmod(path, mode, follow);
    };

    if (s.type == EntryType::dir) {
        if (!(flags & CF_RECUR)) {
            ctx.errmsg("omitting directory '" + src_u + "'");
            return -1;
        }
        if (std::find(created->dirs.begin(), created->dirs.end(), s.path) != created->dirs.end()) {
            ctx.errmsg("recursion detected, omitting directory '" + src_u + "'");
            return -1;
        }
        uint32_t saved_umask = umask;
        if (dest_exists) {
            Result<Stat> dd = c.stat(dst);
            if (!dd || dd->type != EntryType::dir) {
                ctx.errmsg("target '" + dst_u + "' is not a directory");
                return -1;
            }
        } else {
            uint32_t mode = s.mode;
            if (!(flags & CF_PRESERVE)) mode = s.mode & ~saved_umask;
            mode |= 0700;  // let the owner fill it in
            UmaskScope u0(c, 0);
            Status m = c.mkdir(dst, mode);
            if (!m) {
                ctx.errmsg("can't create directory '" + dst_u + "': " + err_of(m));
                return -1;
            }
            if (Result<Stat> made = c.lstat(dst); made) created->dirs.push_back(made->path);
        }
        Result<std::vector<DirEntry>> kids = c.list(src);
        int status = 0;
        if (!kids) {
            ctx.errmsg("can't open '" + src_u + "': " + errno_text(kids.error().code));
            return -1;
        }
        for (const DirEntry& k : *kids) {
            if (ctx.stopped()) return -1;
            if (copy_file(ctx, join_path(src_u, k.name), join_path(dst_u, k.name), flags & ~CF_DEREF_TOP, depth + 1,
                          created) < 0)
                status = -1;
        }
        if (!dest_exists) {
            UmaskScope u0(c, 0);
            (void)c.chmod(dst, s.mode & ~((flags & CF_PRESERVE) ? 0u : saved_umask));
        }
        preserve(dst, true);
        return status;
    }

    if (flags & (CF_HARDLINK | CF_SOFTLINK)) {
        if (dest_exists) {
            if (flags & CF_NO_OVERWRITE) return 0;
            Status u = c.unlink(dst);
            if (!u) {
                ctx.errmsg("can't remove '" + dst_u + "': " + err_of(u));
                return -1;
            }
        }
        Status l = (flags & CF_SOFTLINK) ? c.symlink(src_u, dst) : c.link(src, dst);
        if (!l) {
            ctx.errmsg("can't create link '" + dst_u + "': " + err_of(l));
            return -1;
        }
        return 0;
    }

    if (s.type == EntryType::file) {
        if (dest_exists) {
            if (flags & CF_NO_OVERWRITE) return 0;
            if ((flags & CF_UPDATE) && ds->mtime >= s.mtime) return 0;
        }
        if (!deref && s.inode_key != 0) {
            auto [it, first] = created->links.emplace(s.inode_key, dst);
            if (!first) {
                Status l = c.link(it->second, dst);
                if (!l && dest_exists) {
                    (void)c.unlink(dst);
                    l = c.link(it->second, dst);
                }
                if (!l) {
                    ctx.errmsg("can't create link '" + dst_u + "': " + err_of(l));
                    return -1;
                }
                return 0;
            }
        }
        Result<BlobId> data = c.read(src);
        if (!data) {
            ctx.errmsg("can't open '" + src_u + "': " + errno_text(data.error().code));
            return -1;
        }
        if (!ctx.sh.charge(c.store().blobs.size(*data) >> 20)) return -1;
        // open(dest, O_WRONLY|O_CREAT|O_TRUNC, mode): an existing file keeps
        // its inode and mode; a lower one is copied up without its data.
        Status w = c.write(dst, *data, WriteMode::truncate, s.mode);
        if (!w && dest_exists && (flags & CF_FORCE)) {
            (void)c.unlink(dst);
            w = c.write(dst, *data, WriteMode::create_new, s.mode);
        }
        if (!w) {
            ctx.errmsg("can't create '" + dst_u + "': " + err_of(w));
            return -1;
        }
        preserve(dst, true);
        return 0;
    }

    if (s.type == EntryType::symlink) {
        if (dest_exists) {
            Status u = c.unlink(dst);
            if (!u && u.error().code != Errc::eisdir) {
                ctx.errmsg("can't remove '" + dst_u + "': " + err_of(u));
                return -1;
            }
        }
        Status l = c.symlink(s.target, dst);
        if (!l) {
            ctx.errmsg("can't create symlink '" + dst_u + "' to '" + s.target + "': " + err_of(l));
            return -1;
        }
        if (flags & CF_PRESERVE) (void)c.chown(dst, s.uid, s.gid, false);
        return 0;
    }

    // devices and fifos (cp -a /dev/...): recreated with mknod
    if (!(flags & CF_RECUR)) {
        ctx.errmsg("'" + src_u + "' is not a regular file");
        return -1;
    }
    if (dest_exists) (void)c.unlink(dst);
    Status m = c.mknod(dst, s.type, s.mode, s.dev_major, s.dev_minor);
    if (!m) {
        ctx.errmsg("can't create '" + dst_u + "': " + err_of(m));
        return -1;
    }
    preserve(dst, false);
    return 0;
}

// busybox libbb/remove_file.c
int remove_file(Ctx& ctx, const std::string& path_u, bool recur, bool force, int depth = 0) {
    Container& c = ctx.c;
    if (!ctx.sh.charge()) return -1;
    if (depth > 200) {
        ctx.errmsg("'" + path_u + "': layerlab: directory tree too deep");
        return -1;
    }
    std::string p = ctx.path(path_u);
    Result<Stat> s = c.lstat(p);
    if (!s) {
        if (s.error().code != Errc::enoent) {
            ctx.errmsg("can't stat '" + path_u + "': " + errno_text(s.error().code));
            return -1;
        }
        if (std::string tree = standin::stand_in_tree_of(c, p); !tree.empty() && !force) {
            ctx.sh.note(standin::tree_member_note("rm", p, tree, "remove"));
            return 0;
        }
        if (!force) {
            ctx.errmsg("can't remove '" + path_u + "': " + errno_text(s.error().code));
            return -1;
        }
        return 0;
    }
    if (s->type == EntryType::dir) {
        if (!recur) {
            ctx.errmsg("'" + path_u + "' is a directory");
            return -1;
        }
        Result<std::vector<DirEntry>> kids = c.list(p);
        if (!kids) {
            ctx.errmsg("can't open '" + path_u + "': " + errno_text(kids.error().code));
            return -1;
        }
        int status = 0;
        for (const DirEntry& k : *kids) {
            if (ctx.stopped()) return -1;
            if (remove_file(ctx, join_path(path_u, k.name), recur, force, depth + 1) < 0) status = -1;
        }
        if (status == 0) {
            Status r = c.rmdir(p);
            if (!r) {
                ctx.errmsg("can't remove '" + path_u + "': " + err_of(r));
                return -1;
            }
        }
        return status;
    }
    Status u = c.unlink(p);
    if (!u) {
        ctx.errmsg("can't remove '" + path_u + "': " + err_of(u));
        return -1;
    }
    return 0;
}

// ---------------------------------------------------------------- cp

int p_cp(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "arRdPLHpfinlsTt:uv", o, true,
                    {{"archive", 'a'},
                     {"recursive", 'R'},
                     {"force", 'f'},
                     {"no-clobber", 'n'},
                     {"target-directory", 't'},
                     {"dereference", 'L'},
                     {"no-dereference", 'P'},
                     {"update", 'u'},
                     {"preserve", 'p'},
                     {"link", 'l'},
                     {"symbolic-link", 's'},
                     {"verbose", 'v'}}))
        return 1;
    uint32_t flags = 0;
    if (o.has('a')) flags |= CF_RECUR | CF_PRESERVE;
    if (o.has('r') || o.has('R')) flags |= CF_RECUR;
    if (o.has('p')) flags |= CF_PRESERVE;
    if (o.has('f')) flags |= CF_FORCE;
    if (o.has('n')) flags |= CF_NO_OVERWRITE;
    if (o.has('u')) flags |= CF_UPDATE;
    if (o.has('l')) flags |= CF_HARDLINK;
    if (o.has('s')) flags |= CF_SOFTLINK;
    // without -R (and -d/-P/-a) cp follows symlinks
    if (o.has('L') || (!(flags & CF_RECUR) && !o.has('d') && !o.has('P'))) flags |= CF_DEREF;
    if (o.has('H')) flags |= CF_DEREF_TOP;
    std::vector<std::string> ops = o.operands;
    std::string dest;
    if (const std::string* t = o.arg('t')) {
        dest = *t;
    } else {
        if (ops.size() < 2) {
            std::vector<std::string> a{"cp", "--bogus-usage"};
            ctx.err(
                "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: cp [-arPLHpfinlsTu] "
                "SOURCE DEST\n");
            return 1;
        }
        dest = ops.back();
        ops.pop_back();
    }
    int status = 0;
    bool dest_dir = !o.has('T') && is_dir(ctx, dest);
    CreatedDirs memo;  // one per cp, like busybox's inode hash table
    if (ops.size() == 1 && !dest_dir) {
        return copy_file(ctx, ops[0], dest, flags, 0, &memo) < 0 ? 1 : 0;
    }
    for (const std::string& src : ops) {
        std::string target = join_path(dest, basename_of(src));
        if (copy_file(ctx, src, target, flags, 0, &memo) < 0) status = 1;
        if (ctx.stopped()) return 1;
    }
    return status;
}

// ---------------------------------------------------------------- mv

int p_mv(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "finTtv:", o, true, {{"force", 'f'}, {"no-clobber", 'n'}, {"verbose", 'v'}})) return 1;
    std::vector<std::string> ops = o.operands;
    if (ops.size() < 2) {
        ctx.err("BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: mv [-finT] SOURCE DEST\n");
        return 1;
    }
    std::string dest_arg = ops.back();
    ops.pop_back();
    Container& c = ctx.c;
    bool dest_is_dir = !o.has('T') && is_dir(ctx, dest_arg);
    if (ops.size() > 1 && !dest_is_dir) {
        ctx.errmsg("'" + dest_arg + "' is not a directory");
        return 1;
    }
    int status = 0;
    for (const std::string& src_u : ops) {
        if (ctx.stopped()) return 1;
        std::string dest_u = dest_is_dir ? join_path(dest_arg, basename_of(src_u)) : dest_arg;
        std::string src = ctx.path(src_u), dest = ctx.path(dest_u);
        Result<Stat> dst_st = c.lstat(dest);
        int dest_exists = 0;  // 0 no, 1 non-dir, 3 dir (busybox cp_mv_stat)
        if (dst_st) dest_exists = dst_st->type == EntryType::dir ? 3 : 1;
        if (dest_exists && o.has('n')) continue;
        Status r = c.rename(src, dest);
        if (r) continue;
        if (r.error().code == Errc::enoent && !c.lstat(src)) {
            if (std::string tree = standin::stand_in_tree_of(c, src); !tree.empty()) {
                // what the real archive holds there is not known: a labelled placeholder moves in
                if (copy_stand_in(ctx, src, dest, tree, basename_of(src).find('.') == std::string::npos ? CF_RECUR : 0,
                                  "mv") < 0)
                    status = 1;
                continue;
            }
        }
        if (r.error().code != Errc::exdev) {
            ctx.errmsg("can't rename '" + src_u + "': " + err_of(r));
            status = 1;
            continue;
        }
        // EXDEV: copy, then delete the source (busybox mv.c)
        Result<Stat> src_st = c.lstat(src);
        if (!src_st) {
            ctx.errmsg("can't rename '" + src_u + "': " + errno_text(src_st.error().code));
            status = 1;
            continue;
        }
        int source_exists = src_st->type == EntryType::dir ? 3 : 1;
        if (dest_exists) {
            if (dest_exists == 3 && source_exists != 3) {
                ctx.errmsg("can't overwrite directory with non-directory");
                status = 1;
                continue;
            }
            if (dest_exists != 3 && source_exists == 3) {
                ctx.errmsg("can't overwrite non-directory with directory");
                status = 1;
                continue;
            }
            Status u = dest_exists == 3 ? c.rmdir(dest) : c.unlink(dest);
            if (!u) {
                ctx.errmsg("can't remove '" + dest_u + "': " + err_of(u));
                status = 1;
                continue;
            }
        }
        if (copy_file(ctx, src_u, dest_u, CF_RECUR | CF_PRESERVE) < 0 || remove_file(ctx, src_u, true, true) < 0)
            status = 1;
    }
    return status;
}

// ---------------------------------------------------------------- rm rmdir unlink

int p_rm(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "fiRrv", o, true, {{"force", 'f'}, {"recursive", 'r'}, {"verbose", 'v'}})) return 1;
    bool force = o.has('f'), recur = o.has('r') || o.has('R');
    if (o.operands.empty()) {
        if (force) return 0;
        ctx.err("BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: rm [-irf] FILE...\n");
        return 1;
    }
    int status = 0;
    for (std::string a : o.operands) {
        if (ctx.stopped()) return 1;
        a = strip_slashes(a);
        std::string base = basename_of(a);
        if (base == "." || base == "..") {
            ctx.errmsg("can't remove '.' or '..'");
            status = 1;
            continue;
        }
        if (remove_file(ctx, a, recur, force) < 0) status = 1;
    }
    return status;
}

int p_rmdir(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "pv", o, true, {{"parents", 'p'}, {"ignore-fail-on-non-empty", 'I'}})) return 1;
    int status = 0;
    for (std::string a : o.operands) {
        for (;;) {
            Status r = ctx.c.rmdir(ctx.path(a));
            if (!r) {
                if (!(o.has('I') && r.error().code == Errc::enotempty)) {
                    ctx.errmsg("'" + a + "': " + err_of(r));
                    status = 1;
                }
                break;
            }
            if (!o.has('p')) break;
            a = strip_slashes(a);
            size_t slash = a.rfind('/');
            if (slash == std::string::npos || slash == 0) break;
            a = a.substr(0, slash);
            a = strip_slashes(a);
        }
    }
    return status;
}

int p_unlink(Ctx& ctx) {
    if (ctx.argv.size() != 2) {
        ctx.err("BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: unlink FILE\n");
        return 1;
    }
    Status u = ctx.c.unlink(ctx.path(ctx.argv[1]));
    if (!u) {
        ctx.errmsg("can't remove file '" + ctx.argv[1] + "': " + err_of(u));
        return 1;
    }
    return 0;
}

// ---------------------------------------------------------------- mkdir

int p_mkdir(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "m:pv", o, true, {{"mode", 'm'}, {"parents", 'p'}, {"verbose", 'v'}})) return 1;
    Container& c = ctx.c;
    std::optional<uint32_t> mode;
    if (const std::string* m = o.arg('m')) {
        mode = parse_mode(*m, 0777, true, 0);
        if (!mode) {
            ctx.errmsg("invalid mode '" + *m + "'");
            return 1;
        }
    }
    if (o.operands.empty()) {
        ctx.err(
            "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: mkdir [-m MODE] [-p] "
            "DIRECTORY...\n");
        return 1;
    }
    int status = 0;
    for (const std::string& a : o.operands) {
        if (!ctx.sh.charge()) return 1;
        // busybox bb_make_directory
        if (o.has('p')) {
            std::string p = ctx.path(a);
            // every ancestor: mkdir (0777 & ~umask | u+wx), EEXIST fine if a dir
            std::string cur;
            std::string shown;
            bool failed = false;
            std::vector<std::string> comps;
            for (const std::string& x : split_char(a, '/'))
                if (!x.empty() && x != ".") comps.push_back(x);
            std::string acc = (!a.empty() && a[0] == '/') ? "/" : "";
            for (size_t i = 0; i < comps.size(); ++i) {
                acc = join_path(acc, comps[i]);
                bool last = i + 1 == comps.size();
                std::string abs = ctx.path(acc);
                Result<Stat> st = c.stat(abs);
                if (st) {
                    if (st->type != EntryType::dir) {
                        ctx.errmsg("can't create directory '" + (last ? a : acc + "/") +
                                   "': " + errno_text(last ? Errc::eexist : Errc::enotdir));
                        failed = true;
                        break;
                    }
                    continue;
                }
                if (comps[i] == "..") continue;
                Status m;
                if (last && mode) {
                    m = c.mkdir(abs, 0777);
                    if (m) m = c.chmod(abs, *mode);
                } else if (last) {
                    m = c.mkdir(abs, 0777);
                } else {
                    uint32_t pm = (0777 & ~c.umask()) | 0300;
                    UmaskScope u0(c, 0);
                    m = c.mkdir(abs, pm);
                }
                if (!m) {
                    ctx.errmsg("can't create directory '" + (last ? a : acc + "/") + "': " + err_of(m));
                    failed = true;
                    break;
                }
            }
            (void)cur;
            (void)shown;
            (void)p;
            if (failed) status = 1;
            continue;
        }
        std::string abs = ctx.path(a);
        Status m = c.mkdir(abs, 0777);
        if (!m) {
            ctx.errmsg("can't create directory '" + a + "': " + err_of(m));
            status = 1;
            continue;
        }
        if (mode) (void)c.chmod(abs, *mode);
    }
    return status;
}

// ---------------------------------------------------------------- touch

// "2020-01-01 00:00:00", "2020-01-01T00:00", "2020-01-01", "@1700000000"
std::optional<int64_t> parse_date(std::string_view s) {
    if (!s.empty() && s[0] == '@') return parse_int(s.substr(1));
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    std::string t(s);
    for (char& ch : t)
        if (ch == 'T') ch = ' ';
    int n = std::sscanf(t.c_str(), "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &se);
    if (n < 3) {
        n = std::sscanf(t.c_str(), "%d:%d:%d", &h, &mi, &se);
        if (n < 2) return std::nullopt;
        return std::nullopt;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60)
        return std::nullopt;
    // days_from_civil
    int64_t yy = y - (mo <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = era * 146097 + doe - 719468;
    return days * 86400 + h * 3600 + mi * 60 + se;
}

// touch -t [[CC]YY]MMDDhhmm[.ss]
std::optional<int64_t> parse_stamp(std::string_view s) {
    std::string main(s), sec = "00";
    size_t dot = main.find('.');
    if (dot != std::string::npos) {
        sec = main.substr(dot + 1);
        main = main.substr(0, dot);
    }
    for (char ch : main + sec)
        if (ch < '0' || ch > '9') return std::nullopt;
    std::string y;
    if (main.size() == 12) {
        y = main.substr(0, 4);
        main = main.substr(4);
    } else if (main.size() == 10) {
        y = "20" + main.substr(0, 2);
        main = main.substr(2);
    } else if (main.size() == 8) {
        y = "2026";
    } else {
        return std::nullopt;
    }
    return parse_date(y + "-" + main.substr(0, 2) + "-" + main.substr(2, 2) + " " + main.substr(4, 2) + ":" +
                      main.substr(6, 2) + ":" + sec);
}

int p_touch(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "cd:t:r:amhf", o, true,
                    {{"no-create", 'c'}, {"date", 'd'}, {"reference", 'r'}, {"no-dereference", 'h'}}))
        return 1;
    Container& c = ctx.c;
    int64_t when = c.now();
    if (const std::string* d = o.arg('d')) {
        std::optional<int64_t> t = parse_date(*d);
        if (!t) {
            ctx.errmsg("invalid date '" + *d + "'");
            return 1;
        }
        when = *t;
    }
    if (const std::string* t = o.arg('t')) {
        std::optional<int64_t> v = parse_stamp(*t);
        if (!v) {
            ctx.errmsg("invalid date '" + *t + "'");
            return 1;
        }
        when = *v;
    }
    if (const std::string* r = o.arg('r')) {
        Result<Stat> rs = c.stat(ctx.path(*r));
        if (!rs) {
            ctx.errmsg(*r + ": " + errno_text(rs.error().code));
            return 1;
        }
        when = rs->mtime;
    }
    if (o.operands.empty()) {
        ctx.err(
            "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: touch [-c] [-d DATE] [-t "
            "DATE] [-r FILE] FILE...\n");
        return 1;
    }
    int status = 0;
    for (const std::string& a : o.operands) {
        if (!ctx.sh.charge()) return 1;
        std::string p = ctx.path(a);
        // utimensat first; only a missing file is created
        Status u = c.utime(p, when, !o.has('h'));
        if (u) continue;
        if (u.error().code == Errc::enoent && !o.has('c')) {
            Status w = c.open_for_write(p, true, 0666);
            if (w) {
                if (when != c.now()) (void)c.utime(p, when);
                continue;
            }
            u = w;
        } else if (u.error().code == Errc::enoent) {
            continue;
        }
        ctx.errmsg(a + ": " + err_of(u));
        status = 1;
    }
    return status;
}

// ---------------------------------------------------------------- chmod chown

int chmod_one(Ctx& ctx, const std::string& a, const std::string& spec, bool recur, bool quiet, bool verbose,
              int depth) {
    Container& c = ctx.c;
    if (!ctx.sh.charge()) return 1;
    std::string p = ctx.path(a);
    Result<Stat> ls = c.lstat(p);
    if (!ls && depth == 0 && standin::stood_in_member(ctx, "chmod", p, ls.error().code, "change")) return 0;
    if (!ls) {
        if (!quiet) ctx.errmsg(a + ": " + errno_text(ls.error().code));
        return 1;
    }
    int status = 0;
    // chmod -R does not follow symlinks found in the tree
    if (!(depth > 0 && ls->type == EntryType::symlink)) {
        Result<Stat> s = c.stat(p);
        if (!s) {
            if (!quiet) ctx.errmsg(a + ": " + errno_text(s.error().code));
            return 1;
        }
        std::optional<uint32_t> m = parse_mode(spec, s->mode, s->type == EntryType::dir, c.umask());
        if (!m) {
            ctx.errmsg("invalid mode '" + spec + "'");
            return 1;
        }
        Status r = c.chmod(p, *m);
        if (!r) {
            if (!quiet) ctx.errmsg(a + ": " + err_of(r));
            status = 1;
        } else if (verbose) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%04o", *m);
            ctx.out("mode of '" + a + "' changed to " + buf + " (" + mode_string(s->type, *m).substr(1) + ")\n");
        }
    }
    if (recur && ls->type == EntryType::dir) {
        Result<std::vector<DirEntry>> kids = c.list(p);
        if (kids) {
            for (const DirEntry& k : *kids)
                if (chmod_one(ctx, join_path(a, k.name), spec, true, quiet, verbose, depth + 1)) status = 1;
        } else if (!quiet) {
            ctx.errmsg("can't open '" + a + "': " + errno_text(kids.error().code));
            status = 1;
        }
    }
    return status;
}

int p_chmod(Ctx& ctx) {
    // modes like -x look like options: busybox lets "-[rwxXst]" through
    std::vector<std::string> args;
    bool recur = false, quiet = false, verbose = false;
    std::string spec;
    bool have_spec = false;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& a = ctx.argv[i];
        if (!have_spec && a.size() > 1 && a[0] == '-' && a != "--") {
            bool all_opts = a.find_first_not_of("Rfvc", 1) == std::string::npos;
            if (all_opts) {
                for (char ch : a.substr(1)) {
                    if (ch == 'R') recur = true;
                    if (ch == 'f') quiet = true;
                    if (ch == 'v' || ch == 'c') verbose = true;
                }
                continue;
            }
            if (a == "--recursive") {
                recur = true;
                continue;
            }
            if (a == "--verbose" || a == "--changes" || a == "--silent" || a == "--quiet") {
                (a == "--silent" || a == "--quiet" ? quiet : verbose) = true;
                continue;
            }
            if (a.rfind("--", 0) == 0 && ctx.gnu) {  // --reference=, --preserve-root, ...: not simulated
                ctx.err("chmod: unrecognized option '" + a + "'\nTry 'chmod --help' for more information.\n");
                return 1;
            }
        }
        if (a == "--" && !have_spec) continue;
        if (!have_spec) {
            spec = a;
            have_spec = true;
        } else {
            args.push_back(a);
        }
    }
    if (!have_spec || args.empty()) {
        ctx.err(
            "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: chmod [-Rcvf] MODE[,MODE]... "
            "FILE...\n");
        return 1;
    }
    if (!parse_mode(spec, 0, false, 0)) {
        ctx.errmsg("invalid mode '" + spec + "'");
        return 1;
    }
    int status = 0;
    for (const std::string& a : args)
        if (chmod_one(ctx, a, spec, recur, quiet, verbose, 0)) status = 1;
    return status;
}

int chown_one(Ctx& ctx, const std::string& a, std::optional<uint32_t> uid, std::optional<uint32_t> gid, bool recur,
              bool nodrf, bool quiet, int depth) {
    Container& c = ctx.c;
    if (!ctx.sh.charge()) return 1;
    std::string p = ctx.path(a);
    Result<Stat> ls = c.lstat(p);
    if (!ls && depth == 0 && standin::stood_in_member(ctx, "chown", p, ls.error().code, "change")) return 0;
    if (!ls) {
        if (!quiet) ctx.errmsg(a + ": " + errno_text(ls.error().code));
        return 1;
    }
    int status = 0;
    bool follow = !nodrf && !(depth > 0 && ls->type == EntryType::symlink);
    Status r = c.chown(p, uid, gid, follow);
    if (!r) {
        if (!quiet) ctx.errmsg(a + ": " + err_of(r));
        status = 1;
    }
    if (recur && ls->type == EntryType::dir) {
        Result<std::vector<DirEntry>> kids = c.list(p);
        if (kids) {
            for (const DirEntry& k : *kids)
                if (chown_one(ctx, join_path(a, k.name), uid, gid, true, nodrf, quiet, depth + 1)) status = 1;
        }
    }
    return status;
}

int p_chown(Ctx& ctx) {
    bool chgrp = ctx.name() == "chgrp";
    Opts o;
    if (!parse_opts(ctx, "RhLHPcvf", o, true,
                    {{"recursive", 'R'},
                     {"no-dereference", 'h'},
                     {"verbose", 'v'},
                     {"changes", 'c'},
                     {"silent", 'f'},
                     {"quiet", 'f'},
                     {"dereference", 'L'}}))
        return 1;
    if (o.operands.size() < 2) {
        ctx.err(std::string("BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: ") +
                (chgrp ? "chgrp [-RhLHPcvf]... GROUP FILE...\n" : "chown [-RhLHPcvf]... USER[:[GRP]] FILE...\n"));
        return 1;
    }
    std::string spec = o.operands[0];
    std::optional<uint32_t> uid, gid;
    Interp& sh = ctx.sh;
    auto resolve_user = [&](const std::string& u) -> bool {
        if (std::optional<int64_t> n = parse_int(u); n && *n >= 0) {
            uid = uint32_t(*n);
            return true;
        }
        if (std::optional<uint32_t> v = sh.uid_of(u)) {
            uid = *v;
            return true;
        }
        ctx.errmsg("unknown user " + u);
        return false;
    };
    auto resolve_group = [&](const std::string& g) -> bool {
        if (std::optional<int64_t> n = parse_int(g); n && *n >= 0) {
            gid = uint32_t(*n);
            return true;
        }
        if (std::optional<uint32_t> v = sh.gid_of(g)) {
            gid = *v;
            return true;
        }
        ctx.errmsg("unknown group " + g);
        return false;
    };
    if (chgrp) {
        if (!resolve_group(spec)) return 1;
    } else {
        size_t sep = spec.find(':');
        if (sep == std::string::npos) sep = spec.find('.');
        std::string u = spec.substr(0, sep);
        std::string g = sep == std::string::npos ? "" : spec.substr(sep + 1);
        if (!u.empty() && !resolve_user(u)) return 1;
        if (!g.empty()) {
            if (!resolve_group(g)) return 1;
        } else if (sep != std::string::npos && !u.empty()) {
            // "user:" : the user's login group
            for (const users::Line& l : users::read(ctx.c, "/etc/passwd"))
                if (l.f.size() >= 4 && (l.f[0] == u || l.f[2] == u)) gid = uint32_t(parse_int(l.f[3]).value_or(0));
        }
    }
    int status = 0;
    for (size_t i = 1; i < o.operands.size(); ++i)
        if (chown_one(ctx, o.operands[i], uid, gid, o.has('R'), o.has('h'), o.has('f'), 0)) status = 1;
    return status;
}

// ---------------------------------------------------------------- ln

int p_ln(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "sfnbS:vTr", o, true,
                    {{"symbolic", 's'},
                     {"force", 'f'},
                     {"no-dereference", 'n'},
                     {"verbose", 'v'},
                     {"relative", 'r'},
                     {"no-target-directory", 'T'},
                     {"suffix", 'S'},
                     {"backup", 'b'}}))
        return 1;
    std::vector<std::string> ops = o.operands;
    if (ops.empty()) {
        ctx.err(
            "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: ln [-sfnbtv] [-S SUF] "
            "TARGET... LINK|DIR\n");
        return 1;
    }
    Container& c = ctx.c;
    std::string last = ops.size() == 1 ? "." : ops.back();
    if (ops.size() > 1) ops.pop_back();
    bool last_is_dir = false;
    if (!o.has('T')) {
        Result<Stat> s = o.has('n') ? c.lstat(ctx.path(last)) : c.stat(ctx.path(last));
        last_is_dir = s && s->type == EntryType::dir;
    }
    if (ops.size() > 1 && !last_is_dir) {
        ctx.errmsg("'" + last + "' is not a directory");
        return 1;
    }
    int status = 0;
    for (const std::string& target : ops) {
        std::string link = last;
        if (last_is_dir) link = join_path(last, basename_of(strip_slashes(target)));
        std::string lp = ctx.path(link);
        if (!o.has('s')) {
            Result<Stat> ts = c.stat(ctx.path(target));
            if (!ts) {
                ctx.errmsg(target + ": " + errno_text(ts.error().code));
                status = 1;
                continue;
            }
        }
        if (o.has('f')) {
            Result<Stat> ex = c.lstat(lp);
            if (ex && ex->type != EntryType::dir) (void)c.unlink(lp);
        }
        Status r = o.has('s') ? c.symlink(target, lp) : c.link(ctx.path(target), lp);
        if (!r) {
            ctx.errmsg(link + ": " + err_of(r));
            status = 1;
        } else if (o.has('v')) {
            ctx.out("'" + link + "' -> '" + target + "'\n");
        }
    }
    return status;
}

// ---------------------------------------------------------------- ls

struct LsItem {
    std::string name;  // as shown
    std::string path;  // absolute
    Stat st;
    bool ok = true;
};

struct LsOpts {
    bool all = false, almost = false, lng = false, numeric = false, dir_self = false, recur = false, human = false,
         inode = false, blocks = false, classify = false, slash = false, deref = false, deref_cmd = false,
         reverse = false, by_time = false, by_size = false, unsorted = false, full_time = false, one = true,
         no_owner = false, no_group = false, columns = false;
};

std::string ls_time(int64_t t, int64_t now, bool full) {
    if (full) return format_time(t, "%Y-%m-%d %H:%M:%S +0000");
    // recent (within six months): "Nov 28 09:49", else "Nov 28  2020"
    if (t > now - 15778463 && t <= now + 3600) return format_time(t, "%b %e %H:%M");
    return format_time(t, "%b %e  %Y");
}

std::string pad_right(std::string s, size_t w) {
    if (s.size() < w) s.append(w - s.size(), ' ');
    return s;
}
std::string pad_left(std::string s, size_t w) {
    if (s.size() < w) s.insert(0, w - s.size(), ' ');
    return s;
}

std::string ls_suffix(const LsOpts& lo, const Stat& s) {
    if (lo.classify) {
        if (s.type == EntryType::dir) return "/";
        if (s.type == EntryType::symlink) return "@";
        if (s.type == EntryType::fifo) return "|";
        if (s.type == EntryType::file && (s.mode & 0111)) return "*";
        return "";
    }
    if (lo.slash && s.type == EntryType::dir) return "/";
    return "";
}

std::string ls_line(Ctx& ctx, const LsOpts& lo, const LsItem& it) {
    const Stat& s = it.st;
    std::string line;
    if (lo.inode) line += pad_left(std::to_string(s.ino), 8) + " ";
    if (lo.blocks) line += pad_left(std::to_string(disk_kib(s)), 6) + " ";
    if (!lo.lng) return line + it.name + ls_suffix(lo, s);
    line += mode_string(s.type, s.mode);
    line += " " + pad_left(std::to_string(s.nlink), 4);
    if (!lo.no_owner) {
        std::string u = lo.numeric ? "" : ctx.sh.user_name(s.uid);
        if (u.empty()) u = std::to_string(s.uid);
        line += " " + pad_right(u.substr(0, 8), 8);
    }
    if (!lo.no_group) {
        std::string g = lo.numeric ? "" : ctx.sh.group_name(s.gid);
        if (g.empty()) g = std::to_string(s.gid);
        line += " " + pad_right(g.substr(0, 8), 8);
    }
    if (s.type == EntryType::chardev || s.type == EntryType::blockdev) {
        line += " " + pad_left(std::to_string(s.dev_major), 4) + ", " + pad_left(std::to_string(s.dev_minor), 3);
    } else {
        // busybox: "%9llu", or "%7s" for -h
        line += " " + (lo.human ? pad_left(human_size(s.size), 7) : pad_left(std::to_string(s.size), 9));
    }
    line += " " + ls_time(s.mtime, ctx.c.now(), lo.full_time) + " " + it.name;
    if (s.type == EntryType::symlink) {
        line += " -> " + s.target;
        if (lo.classify) {
            Result<Stat> t = ctx.c.stat(it.path);
            if (t) line += ls_suffix(lo, *t);
        }
    } else {
        line += ls_suffix(lo, s);
    }
    return line;
}

void ls_sort(const LsOpts& lo, std::vector<LsItem>& v) {
    if (lo.unsorted) return;
    std::stable_sort(v.begin(), v.end(), [&](const LsItem& a, const LsItem& b) {
        if (lo.by_time && a.st.mtime != b.st.mtime) return a.st.mtime > b.st.mtime;
        if (lo.by_size && a.st.size != b.st.size) return a.st.size > b.st.size;
        return a.name < b.name;
    });
    if (lo.reverse) std::reverse(v.begin(), v.end());
}

void ls_print(Ctx& ctx, const LsOpts& lo, const std::vector<LsItem>& items, std::string& out) {
    if (!lo.columns || lo.lng || items.empty()) {
        for (const LsItem& it : items) out += ls_line(ctx, lo, it) + "\n";
        return;
    }
    // columns, filled top to bottom (an interactive terminal, 80 wide)
    size_t w = 0;
    std::vector<std::string> cells;
    for (const LsItem& it : items) {
        cells.push_back(ls_line(ctx, lo, it));
        w = std::max(w, cells.back().size());
    }
    w += 2;
    size_t ncols = std::max<size_t>(1, 80 / w);
    size_t nrows = (cells.size() + ncols - 1) / ncols;
    ncols = (cells.size() + nrows - 1) / nrows;
    for (size_t r = 0; r < nrows; ++r) {
        std::string row;
        for (size_t col = 0; col < ncols; ++col) {
            size_t i = col * nrows + r;
            if (i >= cells.size()) break;
            bool last = col + 1 == ncols || (col + 1) * nrows + r >= cells.size();
            row += last ? cells[i] : pad_right(cells[i], w);
        }
        out += row + "\n";
    }
}

int ls_dir(Ctx& ctx, const LsOpts& lo, const std::string& shown, const std::string& abs, bool header, bool& first,
           std::string& out, int depth) {
    Container& c = ctx.c;
    if (!ctx.sh.charge()) return 1;
    Result<std::vector<DirEntry>> kids = c.list(abs);
    if (header) {
        if (!first) out += "\n";
        out += shown + ":\n";
    }
    first = false;
    if (!kids) {
        ctx.out(out);
        out.clear();
        ctx.errmsg("can't open '" + shown + "': " + errno_text(kids.error().code));
        return 1;
    }
    if (!ctx.sh.charge(kids->size() / 32)) return 1;
    std::vector<LsItem> items;
    if (lo.all) {
        for (const char* dot : {".", ".."}) {
            LsItem it;
            it.name = dot;
            it.path = dot[1] ? normalize_path(abs + "/..") : abs;
            Result<Stat> s = c.stat(it.path);
            if (s) it.st = *s;
            items.push_back(std::move(it));
        }
    }
    for (const DirEntry& k : *kids) {
        if (k.name[0] == '.' && !lo.all && !lo.almost) continue;
        LsItem it;
        it.name = k.name;
        it.path = join_path(abs, k.name);
        Result<Stat> s = lo.deref ? c.stat(it.path) : c.lstat(it.path);
        if (!s) s = c.lstat(it.path);
        if (!s) continue;
        it.st = *s;
        items.push_back(std::move(it));
    }
    ls_sort(lo, items);
    if (lo.lng || lo.blocks) {
        uint64_t total = 0;
        for (const LsItem& it : items) total += disk_kib(it.st);
        out += "total " + std::to_string(total) + "\n";
    }
    ls_print(ctx, lo, items, out);
    int status = 0;
    if (lo.recur) {
        if (depth > 100) return 1;
        for (const LsItem& it : items) {
            if (it.name == "." || it.name == "..") continue;
            if (it.st.type != EntryType::dir) continue;
            if (ls_dir(ctx, lo, join_path(shown, it.name), it.path, true, first, out, depth + 1)) status = 1;
        }
    }
    return status;
}

int p_ls(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "1aAlndRhistSrFpLHUceCxgoGQkZ", o, true,
                    {{"all", 'a'},
                     {"almost-all", 'A'},
                     {"human-readable", 'h'},
                     {"full-time", 'e'},
                     {"directory", 'd'},
                     {"recursive", 'R'},
                     {"inode", 'i'},
                     {"classify", 'F'},
                     {"dereference", 'L'},
                     {"color", 'Q'},
                     {"group-directories-first", 'U'}}))
        return 1;
    LsOpts lo;
    lo.all = o.has('a');
    lo.almost = o.has('A');
    lo.lng = o.has('l') || o.has('n') || o.has('e') || o.has('g') || o.has('o');
    lo.numeric = o.has('n');
    lo.no_owner = o.has('g');
    lo.no_group = o.has('o') || o.has('G');
    lo.dir_self = o.has('d');
    lo.recur = o.has('R');
    lo.human = o.has('h');
    lo.inode = o.has('i');
    lo.blocks = o.has('s');
    lo.classify = o.has('F');
    lo.slash = o.has('p');
    lo.deref = o.has('L');
    lo.deref_cmd = o.has('H');
    lo.reverse = o.has('r');
    lo.by_time = o.has('t');
    lo.by_size = o.has('S');
    lo.full_time = o.has('e');
    // busybox: one name per line unless stdout is a terminal; a RUN step's
    // output is not, an interactive session's is
    lo.columns =
        (o.has('C') || o.has('x') || (ctx.sh.interactive && ctx.fds.out[1] && ctx.fds.out[1]->is_terminal())) &&
        !o.has('1');
    std::vector<std::string> args = o.operands;
    if (args.empty()) args.push_back(".");
    Container& c = ctx.c;
    int status = 0;
    std::vector<LsItem> files, dirs;
    std::string out;
    for (const std::string& a : args) {
        LsItem it;
        it.name = a;
        it.path = ctx.path(a);
        Result<Stat> s = (lo.deref || lo.deref_cmd || (!lo.lng && !lo.dir_self && !lo.classify)) ? c.stat(it.path)
                                                                                                 : c.lstat(it.path);
        if (!s && lo.lng) s = c.lstat(it.path);
        if (!s) s = c.lstat(it.path);
        if (!s) {
            ctx.errmsg(a + ": " + errno_text(s.error().code));
            status = 1;
            continue;
        }
        it.st = *s;
        bool is_d = it.st.type == EntryType::dir;
        if (!is_d && it.st.type == EntryType::symlink && !lo.dir_self && !lo.lng) {
            Result<Stat> t = c.stat(it.path);
            is_d = t && t->type == EntryType::dir;
        }
        if (is_d && !lo.dir_self) {
            dirs.push_back(std::move(it));
        } else {
            files.push_back(std::move(it));
        }
    }
    ls_sort(lo, files);
    ls_sort(lo, dirs);
    ls_print(ctx, lo, files, out);
    bool first = files.empty();
    bool header = lo.recur || files.size() + dirs.size() > 1 || status != 0;
    for (const LsItem& d : dirs) {
        if (ls_dir(ctx, lo, d.name, d.path, header, first, out, 0)) status = 1;
        if (ctx.stopped()) break;
        if (out.size() > (1 << 16)) {
            ctx.out(out);
            out.clear();
        }
    }
    ctx.out(out);
    return status;
}

// ---------------------------------------------------------------- stat

std::string file_type_name(const Stat& s) {
    switch (s.type) {
    case EntryType::dir: return "directory";
    case EntryType::symlink: return "symbolic link";
    case EntryType::chardev: return "character special file";
    case EntryType::blockdev: return "block special file";
    case EntryType::fifo: return "fifo";
    default: return s.size == 0 ? "regular empty file" : "regular file";
    }
}

std::string stat_format(Ctx& ctx, const std::string& fmt, const std::string& name, const Stat& s) {
    std::string out;
    auto tstr = [](int64_t t) { return format_time(t, "%Y-%m-%d %H:%M:%S.000000000 +0000"); };
    for (size_t i = 0; i < fmt.size(); ++i) {
        char ch = fmt[i];
        if (ch == '\\' && i + 1 < fmt.size()) {
            char d = fmt[++i];
            out += d == 'n' ? '\n' : d == 't' ? '\t' : d;
            continue;
        }
        if (ch != '%' || i + 1 >= fmt.size()) {
            out += ch;
            continue;
        }
        char f = fmt[++i];
        char buf[64];
        switch (f) {
        case 'a':
            std::snprintf(buf, sizeof buf, "%o", s.mode & 07777);
            out += buf;
            break;
        case 'A': out += mode_string(s.type, s.mode); break;
        case 'b': out += std::to_string(disk_kib(s) * 2); break;
        case 'B': out += "512"; break;
        case 'd': out += "65024"; break;
        case 'D': out += "fe00"; break;
        case 'f': {
            uint32_t t = s.type == EntryType::dir        ? 040000
                         : s.type == EntryType::symlink  ? 0120000
                         : s.type == EntryType::chardev  ? 020000
                         : s.type == EntryType::blockdev ? 060000
                         : s.type == EntryType::fifo     ? 010000
                                                         : 0100000;
            std::snprintf(buf, sizeof buf, "%x", t | (s.mode & 07777));
            out += buf;
            break;
        }
        case 'F': out += file_type_name(s); break;
        case 'g': out += std::to_string(s.gid); break;
        case 'G': {
            std::string g = ctx.sh.group_name(s.gid);
            out += g.empty() ? "UNKNOWN" : g;
            break;
        }
        case 'h': out += std::to_string(s.nlink); break;
        case 'i': out += std::to_string(s.ino); break;
        case 'n': out += name; break;
        case 'N':
            out += "'" + name + "'";
            if (s.type == EntryType::symlink) out += " -> '" + s.target + "'";
            break;
        case 'o': out += "4096"; break;
        case 's': out += std::to_string(s.size); break;
        case 't':
            std::snprintf(buf, sizeof buf, "%x", s.dev_major);
            out += buf;
            break;
        case 'T':
            std::snprintf(buf, sizeof buf, "%x", s.dev_minor);
            out += buf;
            break;
        case 'u': out += std::to_string(s.uid); break;
        case 'U': {
            std::string u = ctx.sh.user_name(s.uid);
            out += u.empty() ? "UNKNOWN" : u;
            break;
        }
        case 'x':
        case 'y':
        case 'z': out += tstr(s.mtime); break;
        case 'X':
        case 'Y':
        case 'Z': out += std::to_string(s.mtime); break;
        case 'm': out += "/"; break;
        case '%': out += '%'; break;
        default: out += '?';
        }
    }
    return out;
}

int p_stat(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "c:fLt", o, true, {{"format", 'c'}, {"dereference", 'L'}})) return 1;
    if (o.operands.empty()) {
        ctx.err(
            "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: stat [-ltf] [-c FMT] "
            "FILE...\n");
        return 1;
    }
    int status = 0;
    for (const std::string& a : o.operands) {
        Result<Stat> s = o.has('L') ? ctx.c.stat(ctx.path(a)) : ctx.c.lstat(ctx.path(a));
        if (!s && standin::stood_in_member(ctx, "stat", ctx.path(a), s.error().code, "show")) continue;
        if (!s) {
            ctx.errmsg("can't stat '" + a + "': " + errno_text(s.error().code));
            status = 1;
            continue;
        }
        if (const std::string* f = o.arg('c')) {
            ctx.out(stat_format(ctx, *f, a, *s) + "\n");
            continue;
        }
        if (o.has('t')) {
            ctx.out(stat_format(ctx, "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %o", a, *s) + "\n");
            continue;
        }
        std::string name = a;
        if (s->type == EntryType::symlink) name = "'" + a + "' -> '" + s->target + "'";
        std::string txt = "  File: " + name + "\n";
        txt += stat_format(ctx, "  Size: %-10s\tBlocks: %-10b IO Block: 4096   %F\n", a, *s);
        // %-10s is not expanded by stat_format: do it by hand
        {
            std::string size = std::to_string(s->size), blocks = std::to_string(disk_kib(*s) * 2);
            txt = "  File: " + name + "\n  Size: " + pad_right(size, 10) + "\tBlocks: " + pad_right(blocks, 10) +
                  " IO Block: 4096   " + file_type_name(*s) + "\n";
        }
        txt += "Device: fe00h/65024d\tInode: " + pad_right(std::to_string(s->ino), 11) +
               "Links: " + std::to_string(s->nlink);
        if (s->type == EntryType::chardev || s->type == EntryType::blockdev) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "     Device type: %x,%x", s->dev_major, s->dev_minor);
            txt += buf;
        }
        txt += "\n";
        char buf[160];
        std::string u = ctx.sh.user_name(s->uid), g = ctx.sh.group_name(s->gid);
        std::snprintf(buf, sizeof buf, "Access: (%04o/%s)  Uid: (%5u/%8s)   Gid: (%5u/%8s)\n", s->mode & 07777,
                      mode_string(s->type, s->mode).c_str(), s->uid, u.empty() ? "UNKNOWN" : u.c_str(), s->gid,
                      g.empty() ? "UNKNOWN" : g.c_str());
        txt += buf;
        std::string t = format_time(s->mtime, "%Y-%m-%d %H:%M:%S.000000000 +0000");
        txt += "Access: " + t + "\nModify: " + t + "\nChange: " + t + "\n";
        ctx.out(txt);
    }
    return status;
}

// ---------------------------------------------------------------- du df

struct DuOpts {
    bool all = false, summary = false, human = false, total = false, bytes = false;
    int max_depth = -1;
    uint64_t unit = 1024;  // -k (default), -m
};

uint64_t du_walk(Ctx& ctx, const DuOpts& o, const std::string& shown, const std::string& abs, int depth,
                 std::string& out, bool& err, std::vector<PathId>& seen) {
    if (!ctx.sh.charge()) return 0;
    Result<Stat> s = ctx.c.lstat(abs);
    if (!s) {
        ctx.errmsg(shown + ": " + errno_text(s.error().code));
        err = true;
        return 0;
    }
    uint64_t kib = disk_kib(*s);
    auto show = [&](uint64_t k, const std::string& n) {
        std::string v;
        if (o.human) {
            v = human_size(k * 1024);
        } else if (o.bytes) {
            v = std::to_string(k * 1024);
        } else {
            v = std::to_string((k * 1024 + o.unit - 1) / o.unit);
        }
        out += v + "\t" + n + "\n";
        if (out.size() > (1 << 16)) {
            ctx.out(out);
            out.clear();
        }
    };
    if (s->type == EntryType::file && s->nlink > 1) {
        // hard links count once
        if (std::find(seen.begin(), seen.end(), s->path) != seen.end()) return 0;
        seen.push_back(s->path);
    }
    if (s->type == EntryType::dir) {
        Result<std::vector<DirEntry>> kids = ctx.c.list(abs);
        if (!kids) {
            ctx.errmsg("can't open '" + shown + "': " + errno_text(kids.error().code));
            err = true;
        } else {
            for (const DirEntry& k : *kids) {
                if (ctx.stopped()) return kib;
                kib += du_walk(ctx, o, join_path(shown, k.name), join_path(abs, k.name), depth + 1, out, err, seen);
            }
        }
        bool print = !o.summary || depth == 0;
        if (o.max_depth >= 0 && depth > o.max_depth) print = false;
        if (print) show(kib, shown);
    } else if ((o.all && !o.summary && (o.max_depth < 0 || depth <= o.max_depth)) || depth == 0) {
        show(kib, shown);
    }
    return kib;
}

int p_du(Ctx& ctx) {
    Opts op;
    if (!parse_opts(ctx, "aHLdxsmhkcbl:d:", op, true,
                    {{"summarize", 's'},
                     {"human-readable", 'h'},
                     {"max-depth", 'd'},
                     {"total", 'c'},
                     {"bytes", 'b'},
                     {"all", 'a'}}))
        return 1;
    DuOpts o;
    o.all = op.has('a');
    o.summary = op.has('s');
    o.human = op.has('h');
    o.total = op.has('c');
    o.bytes = op.has('b');
    if (op.has('m')) o.unit = 1024 * 1024;
    if (const std::string* d = op.arg('d')) o.max_depth = int(parse_int(*d).value_or(-1));
    std::vector<std::string> args = op.operands;
    if (args.empty()) args.push_back(".");
    std::string out;
    bool err = false;
    uint64_t total = 0;
    std::vector<PathId> seen;
    for (const std::string& a : args) {
        total += du_walk(ctx, o, a, ctx.path(a), 0, out, err, seen);
    }
    if (o.total) out += (o.human ? human_size(total * 1024) : std::to_string(total)) + "\ttotal\n";
    ctx.out(out);
    return err ? 1 : 0;
}

int p_df(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "PkmaihTt:BH", o, true, {{"human-readable", 'h'}})) return 1;
    // A simulated overlay root: 60 GiB, used = the container's size + a fixed base.
    uint64_t size_k = uint64_t(60) << 20;  // KiB
    uint64_t used_k = (ctx.c.virtual_size() + 1023) / 1024 + (uint64_t(5) << 20);
    if (used_k > size_k) used_k = size_k;
    uint64_t avail_k = size_k - used_k;
    unsigned pct = unsigned((used_k * 100 + size_k - 1) / size_k);
    char buf[256];
    std::string out;
    if (o.has('h')) {
        out += "Filesystem                Size      Used Available Use% Mounted on\n";
        std::snprintf(buf, sizeof buf, "overlay              %9s %9s %9s %3u%% /\n", human_size(size_k * 1024).c_str(),
                      human_size(used_k * 1024).c_str(), human_size(avail_k * 1024).c_str(), pct);
    } else {
        out += "Filesystem           1K-blocks      Used Available Use% Mounted on\n";
        std::snprintf(buf, sizeof buf, "overlay              %9llu %9llu %9llu %3u%% /\n", (unsigned long long)size_k,
                      (unsigned long long)used_k, (unsigned long long)avail_k, pct);
    }
    out += buf;
    ctx.out(out);
    return 0;
}

// ---------------------------------------------------------------- truncate dd

int p_truncate(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "cs:", o, true, {{"no-create", 'c'}, {"size", 's'}})) return 1;
    const std::string* sz = o.arg('s');
    if (!sz || o.operands.empty()) {
        ctx.err(
            "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: truncate [-c] -s SIZE "
            "FILE...\n");
        return 1;
    }
    // busybox's truncate takes an absolute size only (no +N / -N)
    std::string spec = *sz;
    char rel = 0;
    std::optional<uint64_t> size = parse_size(spec);
    if (!size) {
        ctx.errmsg("invalid number '" + *sz + "'");
        return 1;
    }
    Container& c = ctx.c;
    int status = 0;
    for (const std::string& a : o.operands) {
        std::string p = ctx.path(a);
        Result<Stat> st = c.stat(p);
        if (!st) {
            if (o.has('c')) continue;
            Status w = c.open_for_write(p, true, 0666);
            if (!w) {
                ctx.errmsg("can't open '" + a + "': " + err_of(w));
                status = 1;
                continue;
            }
            st = c.stat(p);
            if (!st) continue;
        }
        uint64_t n = *size;
        if (rel == '+') n = st->size + *size;
        if (rel == '-') n = st->size > *size ? st->size - *size : 0;
        if (n > (uint64_t(16) << 40)) {
            ctx.errmsg("'" + a + "': " + errno_text(Errc::efbig));
            status = 1;
            continue;
        }
        Status t = c.truncate(p, n);
        if (!t) {
            ctx.errmsg("'" + a + "': " + err_of(t));
            status = 1;
        }
    }
    return status;
}

int p_dd(Ctx& ctx) {
    std::string in, of;
    uint64_t ibs = 512, obs = 512, count = UINT64_MAX, skip = 0, seek = 0;
    bool notrunc = false, quiet = false, noxfer = false, sync = false;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& a = ctx.argv[i];
        size_t eq = a.find('=');
        if (eq == std::string::npos) {
            ctx.errmsg("invalid argument '" + a + "'");  // busybox: bb_show_usage
            return 1;
        }
        std::string k = a.substr(0, eq), v = a.substr(eq + 1);
        auto num = [&](uint64_t& out) {
            std::optional<uint64_t> n = parse_size(v);
            if (!n) {
                ctx.errmsg("invalid number '" + v + "'");
                return false;
            }
            out = *n;
            return true;
        };
        if (k == "if") {
            in = v;
        } else if (k == "of") {
            of = v;
        } else if (k == "bs") {
            if (!num(ibs)) return 1;
            obs = ibs;
        } else if (k == "ibs") {
            if (!num(ibs)) return 1;
        } else if (k == "obs") {
            if (!num(obs)) return 1;
        } else if (k == "count") {
            if (!num(count)) return 1;
        } else if (k == "skip") {
            if (!num(skip)) return 1;
        } else if (k == "seek") {
            if (!num(seek)) return 1;
        } else if (k == "conv") {
            for (const std::string& cv : split_char(v, ',')) {
                if (cv == "notrunc")
                    notrunc = true;
                else if (cv == "sync")
                    sync = true;
                else if (cv == "noerror" || cv == "fsync" || cv == "fdatasync" || cv == "swab") {
                } else {
                    ctx.errmsg("invalid conv '" + cv + "'");
                    return 1;
                }
            }
        } else if (k == "status") {
            if (v == "none")
                quiet = true;
            else if (v == "noxfer")
                noxfer = true;
            else if (v != "progress") {
                ctx.errmsg("invalid status '" + v + "'");
                return 1;
            }
        } else if (k == "iflag" || k == "oflag") {
        } else {
            ctx.errmsg("invalid argument '" + a + "'");
            return 1;
        }
    }
    (void)noxfer;
    if (ibs == 0 || obs == 0) {
        ctx.errmsg("invalid number '0'");
        return 1;
    }
    Container& c = ctx.c;
    BlobStore& blobs = c.store().blobs;
    const uint64_t k_max = uint64_t(16) << 40;  // ext4's largest file
    // the input: a blob, or an endless device
    enum { k_blob, k_zero, k_random } kind = k_blob;
    BlobId src = k_empty_blob;
    std::string inp = in.empty() ? "" : ctx.path(in);
    if (in.empty()) {
        Source& s = ctx.in();
        if (s.kind == Source::Kind::zero) {
            kind = k_zero;
        } else if (s.kind == Source::Kind::urandom) {
            kind = k_random;
        } else {
            std::optional<BlobId> b = ctx.stdin_blob();
            if (!b) return 1;
            src = *b;
        }
    } else if (inp == "/dev/zero") {
        kind = k_zero;
    } else if (inp == "/dev/urandom" || inp == "/dev/random") {
        kind = k_random;
    } else if (inp == "/dev/null") {
    } else {
        Result<BlobId> b = c.read(inp);
        if (!b) {
            ctx.errmsg("can't open '" + in + "': " + errno_text(b.error().code));
            return 1;
        }
        src = *b;
    }
    if (kind != k_blob && count == UINT64_MAX) {
        ctx.sh.abort_run("dd copies " + inp + " with no count=: it never ends");
        return 1;
    }
    // how much is read: whole blocks, then a partial one
    uint64_t full = 0, partial = 0, bytes = 0;
    if (kind == k_blob) {
        uint64_t n = blobs.size(src);
        uint64_t start = skip > n / ibs ? n : skip * ibs;
        uint64_t avail = n - start;
        full = avail / ibs;
        partial = avail % ibs ? 1 : 0;
        if (count != UINT64_MAX && full >= count) {
            full = count;
            partial = 0;
        }
        bytes = full * ibs + (partial ? avail % ibs : 0);
        if (sync && partial) bytes = (full + 1) * ibs;
        src = blobs.slice(src, start, bytes);
        if (sync && partial) src = blobs.resize(src, bytes);
    } else {
        full = count;
        if (full != 0 && ibs > k_max / full) {
            ctx.errmsg("error writing '" + (of.empty() ? std::string("standard output") : of) +
                       "': " + errno_text(Errc::efbig));
            return 1;
        }
        bytes = full * ibs;
    }
    // one step per block read and written, as a real dd makes one syscall each
    if (!ctx.sh.charge(full + partial + 1)) return 1;
    if (kind == k_zero) src = blobs.fill(bytes, 0);
    if (kind == k_random) src = blobs.random(bytes, 0x6464000000ull + ++ctx.sh.next_tmp);
    if (of.empty()) {
        if (ctx.fds.out[1]) ctx.fds.out[1]->write_blob(src);
    } else {
        std::string op = ctx.path(of);
        if (op == "/dev/null" || op == "/dev/zero") {
        } else if (op == "/dev/stdout") {
            ctx.fds.out[1]->write_blob(src);
        } else {
            uint64_t off = seek * obs;
            if (off + bytes > k_max) {
                ctx.errmsg("error writing '" + of + "': " + errno_text(Errc::efbig));
                return 1;
            }
            Result<Stat> st = c.stat(op);
            Status w;
            if (!st) {
                BlobId data = off ? blobs.concat(blobs.fill(off, 0), src) : src;
                if (blobs.is_literal(data) && !ctx.sh.charge_data(blobs.size(data))) return 1;
                w = c.write(op, data, WriteMode::create_new, 0666);
            } else if (st->type != EntryType::file) {
                w = c.write(op, src, WriteMode::append);
            } else {
                Result<BlobId> old = c.read(op);
                BlobId base = old ? *old : k_empty_blob;
                uint64_t old_n = blobs.size(base);
                // head (kept or zero-filled up to seek) + data + tail (only with notrunc)
                BlobId head = blobs.resize(blobs.slice(base, 0, off), off);
                BlobId data = blobs.concat(head, src);
                if (notrunc && old_n > off + bytes) data = blobs.concat(data, blobs.slice(base, off + bytes, old_n));
                if (blobs.is_literal(data) && !ctx.sh.charge_data(blobs.size(data))) return 1;
                w = c.write(op, data, WriteMode::truncate);
            }
            if (!w) {
                ctx.errmsg("can't open '" + of + "': " + err_of(w));
                return 1;
            }
        }
    }
    if (!quiet) {
        uint64_t out_full = bytes / obs, out_part = bytes % obs ? 1 : 0;
        ctx.err(std::to_string(full) + "+" + std::to_string(partial) + " records in\n" + std::to_string(out_full) +
                "+" + std::to_string(out_part) + " records out\n");
    }
    return 0;
}

// ---------------------------------------------------------------- names

int p_basename(Ctx& ctx) {
    if (ctx.argv.size() < 2) {
        ctx.err("BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: basename FILE [SUFFIX]\n");
        return 1;
    }
    std::string b = basename_of(ctx.argv[1]);
    if (ctx.argv.size() > 2) {
        const std::string& suf = ctx.argv[2];
        if (b.size() > suf.size() && b.compare(b.size() - suf.size(), suf.size(), suf) == 0)
            b.resize(b.size() - suf.size());
    }
    ctx.out(b + "\n");
    return 0;
}

int p_dirname(Ctx& ctx) {
    if (ctx.argv.size() < 2) {
        ctx.err("BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: dirname FILENAME\n");
        return 1;
    }
    std::string out;
    for (size_t i = 1; i < ctx.argv.size(); ++i) out += dirname_of(ctx.argv[i]) + "\n";
    ctx.out(out);
    return 0;
}

int p_realpath(Ctx& ctx) {
    int status = 0;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        if (ctx.argv[i] == "-s" || ctx.argv[i] == "-q") continue;
        Result<std::string> r = ctx.c.realpath(ctx.path(ctx.argv[i]));
        if (!r) {
            ctx.errmsg(ctx.argv[i] + ": " + errno_text(r.error().code));
            status = 1;
            continue;
        }
        ctx.out(*r + "\n");
    }
    return status;
}

int p_readlink(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "fensvq", o, true, {{"canonicalize", 'f'}})) return 1;
    if (o.operands.empty()) {
        ctx.err("BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: readlink [-fnv] FILE\n");
        return 1;
    }
    const std::string& a = o.operands[0];
    std::string nl = o.has('n') ? "" : "\n";
    if (o.has('f') || o.has('e')) {
        std::string p = ctx.path(a);
        Result<std::string> r = ctx.c.realpath(p);
        if (!r && o.has('f')) {
            // -f: all but the last component must exist
            Result<std::string> parent = ctx.c.realpath(dirname_of(p));
            if (parent) {
                ctx.out((*parent == "/" ? "" : *parent) + "/" + basename_of(p) + nl);
                return 0;
            }
        }
        if (!r) return 1;
        ctx.out(*r + nl);
        return 0;
    }
    Result<std::string> r = ctx.c.readlink(ctx.path(a));
    if (!r) {
        if (o.has('v')) ctx.errmsg(a + ": " + errno_text(r.error().code));
        return 1;
    }
    ctx.out(*r + nl);
    return 0;
}

int p_mktemp(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "dqtup:", o, true, {{"directory", 'd'}, {"dry-run", 'u'}, {"tmpdir", 'p'}})) return 1;
    std::string tmpl = o.operands.empty() ? "tmp.XXXXXX" : o.operands[0];
    bool dir_given = o.operands.empty() || o.has('t') || o.has('p');
    std::string base;
    if (dir_given) {
        if (const std::string* p = o.arg('p')) {
            base = *p;
        } else if (const std::string* t = ctx.getenv("TMPDIR"); t && !t->empty()) {
            base = *t;
        } else {
            base = "/tmp";
        }
    }
    size_t xs = 0;
    while (xs < tmpl.size() && tmpl[tmpl.size() - 1 - xs] == 'X') ++xs;
    if (xs < 6) {
        if (!o.has('q')) ctx.errmsg("(null): Invalid argument");
        return 1;
    }
    static constexpr char k_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    Container& c = ctx.c;
    for (int attempt = 0; attempt < 100; ++attempt) {
        // deterministic: a counter run through a mixer
        uint64_t x = ++ctx.sh.next_tmp * 0x9e3779b97f4a7c15ull;
        x ^= x >> 31;
        std::string name = tmpl;
        for (size_t i = 0; i < xs; ++i) {
            name[name.size() - 1 - i] = k_chars[x % 62];
            x /= 62;
            if (x == 0) x = ctx.sh.next_tmp * 2654435761u + i;
        }
        std::string shown = dir_given ? join_path(base, name) : name;
        std::string p = ctx.path(shown);
        if (c.exists(p)) continue;
        if (!o.has('u')) {
            Status s = o.has('d') ? c.mkdir(p, 0700) : c.write(p, k_empty_blob, WriteMode::create_new, 0600);
            if (!s) {
                if (!o.has('q')) ctx.errmsg(shown + ": " + err_of(s));
                return 1;
            }
        }
        ctx.out(shown + "\n");
        return 0;
    }
    return 1;
}

}  // namespace

std::vector<ProgramDef> file_programs() {
    return {
        {"basename", p_basename},
        {"chgrp", p_chown},
        {"chmod", p_chmod},
        {"chown", p_chown},
        {"cp", p_cp},
        {"dd", p_dd},
        {"df", p_df},
        {"dirname", p_dirname},
        {"du", p_du},
        {"ln", p_ln},
        {"ls", p_ls},
        {"mkdir", p_mkdir},
        {"mktemp", p_mktemp},
        {"mv", p_mv},
        {"readlink", p_readlink},
        {"realpath", p_realpath},
        {"rm", p_rm},
        {"rmdir", p_rmdir},
        {"stat", p_stat},
        {"touch", p_touch},
        {"truncate", p_truncate},
        {"unlink", p_unlink},
    };
}

}  // namespace ll::shell
