// cmd_users.cpp: users and groups: id whoami groups; busybox adduser
// addgroup deluser delgroup (Alpine); shadow's useradd groupadd userdel
// groupdel usermod (Debian).
//
// They edit /etc/passwd, /etc/group, /etc/shadow and /etc/gshadow the way
// the real tools do on disk, because that is what ends up in the layer:
//   busybox (libbb/update_passwd.c): write FILE+ , hard-link FILE to FILE-
//     (the backup), rename FILE+ over FILE
//   shadow (lib/commonio.c): write the backup FILE- as a copy, write FILE+ ,
//     rename FILE+ over FILE
// so an Alpine `adduser -D app` layer holds /etc/passwd and /etc/passwd-,
// exactly as `docker diff` shows on a real image.
//
// Index of this file (sections in order, marked "// ---- NAME"; the functions in each):
//   (start): read_db, write_db, days_now, valid_name, add_member, remove_member
//   id whoami groups: id_name, p_id, p_whoami, p_groups
//   busybox adduser/addgroup: need_root, bb_new_group, bb_add_to_group
//   Debian's adduser (perl): is_busybox_binary, debian_adduser, p_adduser, p_addgroup, p_deluser
//   shadow (Debian): shadow_useradd, p_useradd, p_groupadd, p_usermod, p_chpasswd, user_programs
#include <algorithm>
#include <cstdio>

#include "core/shell/interp.h"
#include "core/users.h"

namespace ll::shell {

namespace {

const char* k_banner = "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\n";

std::string read_db(Ctx& ctx, const char* path, bool* exists = nullptr) {
    Result<std::string> t = ctx.c.read_text(path);
    if (exists) *exists = t.ok();
    return t ? *t : std::string();
}

enum class DbStyle { busybox, shadow };

// Replaces FILE with `text` as the real tool does (see the header comment).
bool write_db(Ctx& ctx, const std::string& path, const std::string& text, DbStyle style) {
    Container& c = ctx.c;
    Result<Stat> st = c.stat(path);
    uint32_t mode = st ? st->mode : 0644;
    uint32_t uid = st ? st->uid : 0, gid = st ? st->gid : 0;
    std::string plus = path + "+", minus = path + "-";
    if (style == DbStyle::shadow && st) {
        // backup: a copy with the same mode, owner and time
        (void)c.unlink(minus);
        Result<BlobId> old = c.read(path);
        if (old) {
            (void)c.write(minus, *old, WriteMode::create_new, mode);
            (void)c.chmod(minus, mode);
            (void)c.chown(minus, uid, gid);
            (void)c.utime(minus, st->mtime);
        }
    }
    uint32_t saved = c.umask();
    c.set_umask(0);
    Status w = c.write_text(plus, text, WriteMode::truncate, mode & 0777);
    c.set_umask(saved);
    if (!w) {
        ctx.errmsg("can't create '" + plus + "': " + errno_text(w.error().code));
        return false;
    }
    (void)c.chown(plus, uid, gid);
    if (style == DbStyle::busybox && st) {
        (void)c.unlink(minus);
        Status l = c.link(path, minus);
        if (!l) ctx.errmsg("warning: can't create backup copy '" + minus + "': " + errno_text(l.error().code));
    }
    Status r = c.rename(plus, path);
    if (!r) {
        ctx.errmsg("can't rename '" + plus + "': " + errno_text(r.error().code));
        return false;
    }
    return true;
}

int64_t days_now(Ctx& ctx) { return ctx.c.now() / 86400; }

bool valid_name(std::string_view n) {
    if (n.empty() || n[0] == '-' || n.size() > 32) return false;
    for (char ch : n)
        if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.' || ch == '-' || ch == '@' ||
              ch == '$'))
            return false;
    return true;
}

// Adds `user` to the member list of group line `g` (field 3).
void add_member(users::Line& g, const std::string& user) {
    while (g.f.size() < 4) g.f.emplace_back();
    std::vector<std::string> mem;
    for (const std::string& m : split_char(g.f[3], ','))
        if (!m.empty()) mem.push_back(m);
    if (std::find(mem.begin(), mem.end(), user) != mem.end()) return;
    g.f[3] += (g.f[3].empty() ? "" : ",") + user;
}

void remove_member(users::Line& g, const std::string& user) {
    if (g.f.size() < 4) return;
    std::string out;
    for (const std::string& m : split_char(g.f[3], ','))
        if (!m.empty() && m != user) out += (out.empty() ? "" : ",") + m;
    g.f[3] = out;
}

// ---------------------------------------------------------------- id whoami groups

std::string id_name(const std::string& n, uint32_t id) { return std::to_string(id) + (n.empty() ? "" : "(" + n + ")"); }

int p_id(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "ugGnr", o, true, {{"user", 'u'}, {"group", 'g'}, {"groups", 'G'}, {"name", 'n'}})) return 1;
    Interp& sh = ctx.sh;
    uint32_t uid = ctx.c.cred().uid, gid = ctx.c.cred().gid;
    std::vector<uint32_t> groups = ctx.c.cred().groups;
    bool named = !o.operands.empty();
    if (named) {
        const std::string& u = o.operands[0];
        users::Db pw = users::parse(read_db(ctx, "/etc/passwd"));
        const users::Line* l = users::find_name(pw, u);
        if (!l) {
            std::optional<int64_t> n = parse_int(u);
            if (n && *n >= 0) l = users::find_id(pw, uint32_t(*n));
        }
        if (!l || l->f.size() < 4) {
            ctx.errmsg("unknown user " + u);
            return 1;
        }
        uid = uint32_t(parse_int(l->f[2]).value_or(0));
        gid = uint32_t(parse_int(l->f[3]).value_or(0));
        groups.clear();
        groups.push_back(gid);
        for (const users::Line& g : users::parse(read_db(ctx, "/etc/group"))) {
            if (g.f.size() < 4) continue;
            for (const std::string& m : split_char(g.f[3], ','))
                if (m == l->f[0]) {
                    uint32_t id = uint32_t(parse_int(g.f[2]).value_or(0));
                    if (std::find(groups.begin(), groups.end(), id) == groups.end()) groups.push_back(id);
                }
        }
    }
    bool name = o.has('n');
    auto show = [&](uint32_t id, bool is_user) {
        if (!name) return std::to_string(id);
        std::string n = is_user ? sh.user_name(id) : sh.group_name(id);
        return n.empty() ? std::to_string(id) : n;
    };
    if (o.has('u')) {
        ctx.out(show(uid, true) + "\n");
        return 0;
    }
    if (o.has('g')) {
        ctx.out(show(gid, false) + "\n");
        return 0;
    }
    if (o.has('G')) {
        std::vector<uint32_t> all = groups;
        if (!named) all.insert(all.begin(), gid);
        std::string s;
        for (size_t i = 0; i < all.size(); ++i) {
            if (i && !named && all[i] == gid) continue;
            s += (s.empty() ? "" : " ") + show(all[i], false);
        }
        ctx.out(s + "\n");
        return 0;
    }
    std::string s = "uid=" + id_name(sh.user_name(uid), uid) + " gid=" + id_name(sh.group_name(gid), gid);
    if (!groups.empty()) {
        s += " groups=";
        for (size_t i = 0; i < groups.size(); ++i) s += (i ? "," : "") + id_name(sh.group_name(groups[i]), groups[i]);
    }
    ctx.out(s + "\n");
    return 0;
}

int p_whoami(Ctx& ctx) {
    uint32_t uid = ctx.c.cred().uid;
    std::string n = ctx.sh.user_name(uid);
    if (n.empty()) {
        ctx.errmsg("unknown uid " + std::to_string(uid));
        return 1;
    }
    ctx.out(n + "\n");
    return 0;
}

int p_groups(Ctx& ctx) {
    std::vector<std::string> argv{"id", "-Gn"};
    for (size_t i = 1; i < ctx.argv.size(); ++i) argv.push_back(ctx.argv[i]);
    Ctx sub{ctx.sh, ctx.c, argv, ctx.fds, ctx.env};
    return p_id(sub);
}

// ---------------------------------------------------------------- busybox adduser/addgroup

bool need_root(Ctx& ctx) {
    if (ctx.c.cred().uid == 0) return true;
    ctx.errmsg("permission denied (are you root?)");
    return false;
}

// busybox addgroup's new group: the first free gid from 1000 (100 with -S).
int bb_new_group(Ctx& ctx, const std::string& name, std::optional<uint32_t> gid, bool system) {
    users::Db gr = users::parse(read_db(ctx, "/etc/group"));
    if (users::find_name(gr, name)) {
        ctx.errmsg("group '" + name + "' in use");
        return 1;
    }
    uint32_t id = gid ? *gid : (system ? 100 : 1000);
    uint32_t max = system ? 999 : 60000;
    while (users::find_id(gr, id)) {
        if (gid) {
            ctx.errmsg("gid '" + std::to_string(id) + "' in use");
            return 1;
        }
        if (id == max) {
            ctx.errmsg("no gids left");
            return 1;
        }
        ++id;
    }
    gr.push_back(users::Line{{name, "x", std::to_string(id), ""}});
    if (!write_db(ctx, "/etc/group", users::join(gr), DbStyle::busybox)) return 1;
    bool has_gshadow = false;
    std::string gs = read_db(ctx, "/etc/gshadow", &has_gshadow);
    if (has_gshadow) {
        users::Db g = users::parse(gs);
        g.push_back(users::Line{{name, "!", "", ""}});
        write_db(ctx, "/etc/gshadow", users::join(g), DbStyle::busybox);
    }
    return 0;
}

int bb_add_to_group(Ctx& ctx, const std::string& user, const std::string& group) {
    if (!users::find_name(users::parse(read_db(ctx, "/etc/passwd")), user)) {
        ctx.errmsg("unknown user " + user);
        return 1;
    }
    users::Db gr = users::parse(read_db(ctx, "/etc/group"));
    users::Line* g = nullptr;
    for (users::Line& l : gr)
        if (!l.f.empty() && l.f[0] == group) g = &l;
    if (!g) {
        ctx.errmsg("unknown group " + group);
        return 1;
    }
    if (g->f.size() >= 4)
        for (const std::string& m : split_char(g->f[3], ','))
            if (m == user) return 0;
    add_member(*g, user);
    if (!write_db(ctx, "/etc/group", users::join(gr), DbStyle::busybox)) return 1;
    bool has_gshadow = false;
    std::string gs = read_db(ctx, "/etc/gshadow", &has_gshadow);
    if (has_gshadow) {
        users::Db g2 = users::parse(gs);
        for (users::Line& l : g2)
            if (!l.f.empty() && l.f[0] == group) add_member(l, user);
        write_db(ctx, "/etc/gshadow", users::join(g2), DbStyle::busybox);
    }
    return 0;
}

// ---------------------------------------------------------------- Debian's adduser (perl)

bool is_busybox_binary(Ctx& ctx) {
    // The same name means different programs: busybox's adduser on Alpine,
    // Debian's adduser (a perl script) on Debian. Which one is in $PATH?
    const std::string* path = ctx.getenv("PATH");
    for (const std::string& d : split_char(path ? *path : "", ':')) {
        if (d.empty()) continue;
        std::string cand = d + "/" + ctx.name();
        Result<Stat> s = ctx.c.stat(cand);
        if (!s) continue;
        Result<std::string> real = ctx.c.realpath(cand);
        return real && basename_of(*real) == "busybox";
    }
    return true;
}

int shadow_useradd(Ctx& ctx, const std::string& name, std::optional<uint32_t> uid, std::string group,
                   std::vector<std::string> extra, std::string shell, std::string home, std::string comment,
                   bool system, bool create_home, bool user_group, bool quiet_prog, bool debian_adduser);

int debian_adduser(Ctx& ctx, bool is_addgroup) {
    // adduser [--system] [--group] [--ingroup G] [--uid N] [--gid N] [--home D]
    //         [--shell S] [--gecos G] [--disabled-password] [--no-create-home] NAME [GROUP]
    std::vector<std::string> ops;
    bool system = false, group = false, no_home = false;
    std::optional<uint32_t> uid, gid;
    std::string ingroup, home, shell, gecos;
    bool have_gecos = false;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& a = ctx.argv[i];
        auto val = [&]() -> std::string { return i + 1 < ctx.argv.size() ? ctx.argv[++i] : std::string(); };
        if (a == "--system")
            system = true;
        else if (a == "--group")
            group = true;
        else if (a == "--no-create-home")
            no_home = true;
        else if (a == "--disabled-password" || a == "--disabled-login" || a == "--quiet" || a == "-q" ||
                 a == "--force-badname" || a == "--allow-bad-names")
            ;
        else if (a == "--ingroup")
            ingroup = val();
        else if (a == "--uid")
            uid = uint32_t(parse_int(val()).value_or(0));
        else if (a == "--gid")
            gid = uint32_t(parse_int(val()).value_or(0));
        else if (a == "--home")
            home = val();
        else if (a == "--shell")
            shell = val();
        else if (a == "--gecos" || a == "--comment") {
            gecos = val();
            have_gecos = true;
        } else if (a.size() > 1 && a[0] == '-') {
            ctx.err(ctx.name() + ": Unknown option: " + a.substr(a.find_first_not_of('-')) + "\n");
            return 1;
        } else
            ops.push_back(a);
    }
    if (!need_root(ctx)) return 1;
    if (ops.empty()) {
        ctx.err(ctx.name() + ": Only one or two names allowed.\n");
        return 1;
    }
    if (is_addgroup || (group && system && ops.size() == 1 && false)) {
        // addgroup [--system] [--gid N] NAME
        users::Db gr = users::parse(read_db(ctx, "/etc/group"));
        if (ops.size() == 2) return bb_add_to_group(ctx, ops[0], ops[1]);
        if (users::find_name(gr, ops[0])) {
            ctx.err(ctx.name() + ": The group `" + ops[0] + "' already exists.\n");
            return 1;
        }
        uint32_t id = gid ? *gid : (system ? 100 : 1000);
        while (users::find_id(gr, id)) ++id;
        ctx.out("Adding group `" + ops[0] + "' (GID " + std::to_string(id) + ") ...\nDone.\n");
        gr.push_back(users::Line{{ops[0], "x", std::to_string(id), ""}});
        if (!write_db(ctx, "/etc/group", users::join(gr), DbStyle::shadow)) return 1;
        bool has = false;
        std::string gs = read_db(ctx, "/etc/gshadow", &has);
        if (has) {
            users::Db g2 = users::parse(gs);
            g2.push_back(users::Line{{ops[0], "!", "", ""}});
            write_db(ctx, "/etc/gshadow", users::join(g2), DbStyle::shadow);
        }
        return 0;
    }
    if (ops.size() == 2) return bb_add_to_group(ctx, ops[0], ops[1]);
    std::string g = ingroup;
    bool user_group = ingroup.empty() && (!system || group);
    if (system && !group && ingroup.empty()) g = "nogroup";
    if (!system && ingroup.empty() && !user_group) g = "users";
    if (shell.empty()) shell = system ? "/usr/sbin/nologin" : "/bin/bash";
    if (home.empty()) home = system ? "/nonexistent" : "/home/" + ops[0];
    (void)have_gecos;
    return shadow_useradd(ctx, ops[0], uid, g, {}, shell, home, gecos, system, !no_home && !system, user_group, false,
                          true);
}

int p_adduser(Ctx& ctx) {
    if (!is_busybox_binary(ctx)) return debian_adduser(ctx, false);
    Opts o;
    if (!parse_opts(ctx, "h:g:s:G:DSHu:k:", o, true,
                    {{"home", 'h'},
                     {"gecos", 'g'},
                     {"shell", 's'},
                     {"ingroup", 'G'},
                     {"disabled-password", 'D'},
                     {"empty-password", 'D'},
                     {"system", 'S'},
                     {"no-create-home", 'H'},
                     {"uid", 'u'},
                     {"skel", 'k'}}))
        return 1;
    if (!need_root(ctx)) return 1;
    if (o.operands.empty() || o.operands.size() > 2) {
        ctx.err(std::string(k_banner) + "Usage: adduser [OPTIONS] USER [GROUP]\n");
        return 1;
    }
    const std::string& name = o.operands[0];
    if (o.on.empty() && o.operands.size() == 2) return bb_add_to_group(ctx, name, o.operands[1]);
    if (!valid_name(name)) {
        ctx.errmsg("illegal character with code 0 at position 0");
        return 1;
    }
    Interp& sh = ctx.sh;
    users::Db pw = users::parse(read_db(ctx, "/etc/passwd"));
    users::Db gr = users::parse(read_db(ctx, "/etc/group"));
    bool system = o.has('S');
    std::string gecos = o.arg('g') ? *o.arg('g') : "Linux User,,,";
    // new users get root's shell
    std::string shell = "/bin/sh";
    if (const users::Line* r = users::find_id(pw, 0); r && r->f.size() >= 7) shell = r->f[6];
    if (const std::string* s = ctx.getenv("SHELL")) shell = *s;
    if (o.arg('s')) shell = *o.arg('s');
    std::string home = o.arg('h') ? *o.arg('h') : "/home/" + name;
    std::string usegroup = o.arg('G') ? *o.arg('G') : "";
    if (system) {
        if (usegroup.empty()) usegroup = "nogroup";
        if (!o.arg('s')) shell = "/bin/false";
    }
    std::optional<uint32_t> gid;
    if (!usegroup.empty()) {
        std::optional<int64_t> n = parse_int(usegroup);
        if (n && *n >= 0) {
            gid = uint32_t(*n);
        } else if (std::optional<uint32_t> g = sh.gid_of(usegroup)) {
            gid = *g;
        } else {
            ctx.errmsg("unknown group " + usegroup);
            return 1;
        }
    }
    if (users::find_name(pw, name)) {
        ctx.errmsg("user '" + name + "' in use");
        return 1;
    }
    uint32_t uid = system ? 100 : 1000, max = system ? 999 : 60000;
    if (const std::string* u = o.arg('u')) {
        std::optional<int64_t> n = parse_int(*u);
        if (!n || *n < 0 || *n > 60000) {
            ctx.errmsg("invalid number '" + *u + "'");
            return 1;
        }
        uid = uint32_t(*n);
    }
    while (users::find_id(pw, uid) || (!gid && users::find_id(gr, uid))) {
        if (o.arg('u')) {
            ctx.errmsg("uid '" + std::to_string(uid) + "' in use");
            return 1;
        }
        if (uid == max) {
            ctx.errmsg("no uids left");
            return 1;
        }
        ++uid;
    }
    if (!gid) {
        gid = uid;
        if (users::find_name(gr, name)) {
            ctx.errmsg("group '" + name + "' in use");
            return 1;
        }
    }
    pw.push_back(users::Line{{name, "x", std::to_string(uid), std::to_string(*gid), gecos, home, shell}});
    if (!write_db(ctx, "/etc/passwd", users::join(pw), DbStyle::busybox)) return 1;
    bool has_shadow = false;
    std::string sh_text = read_db(ctx, "/etc/shadow", &has_shadow);
    if (has_shadow) {
        users::Db s = users::parse(sh_text);
        s.push_back(users::Line{{name, "!", std::to_string(days_now(ctx)), "0", "99999", "7", "", "", ""}});
        write_db(ctx, "/etc/shadow", users::join(s), DbStyle::busybox);
    }
    // addgroup: the user's own group, or membership of -G's
    if (usegroup.empty()) {
        if (bb_new_group(ctx, name, *gid, false)) return 1;
    } else {
        bb_add_to_group(ctx, name, usegroup);
    }
    if (!o.has('H')) {
        Container& c = ctx.c;
        uint32_t saved = c.umask();
        c.set_umask(0);
        Status m = c.mkdir(home, 0755);
        c.set_umask(saved);
        if (m) {
            // /etc/skel, if any, copied in (silently)
            Result<std::vector<DirEntry>> skel = c.list(o.arg('k') ? *o.arg('k') : "/etc/skel");
            if (skel) {
                for (const DirEntry& e : *skel) {
                    Result<Stat> st = c.lstat("/etc/skel/" + e.name);
                    if (!st) continue;
                    if (st->type == EntryType::file) {
                        Result<BlobId> b = c.read("/etc/skel/" + e.name);
                        if (b) (void)c.write(home + "/" + e.name, *b, WriteMode::truncate, st->mode);
                        (void)c.chown(home + "/" + e.name, uid, *gid);
                    }
                }
            }
        }
        if ((!m && m.error().code != Errc::eexist) || !c.chown(home, uid, *gid) || !c.chmod(home, 02755))
            ctx.errmsg(home + ": " + errno_text(m ? Errc::eperm : m.error().code));
    }
    if (!o.has('D') && !system) {
        // busybox runs `passwd USER`, which needs a terminal a build does not have
        ctx.out("Changing password for " + name + "\nNew password: \n");
        ctx.err("passwd: password for " + name + " is unchanged\n");
        return 1;
    }
    return 0;
}

int p_addgroup(Ctx& ctx) {
    if (!is_busybox_binary(ctx)) return debian_adduser(ctx, true);
    Opts o;
    if (!parse_opts(ctx, "g:S", o, true, {{"gid", 'g'}, {"system", 'S'}})) return 1;
    if (!need_root(ctx)) return 1;
    if (o.operands.empty() || o.operands.size() > 2) {
        ctx.err(std::string(k_banner) + "Usage: addgroup [-g GID] [-S] [USER] GROUP\n");
        return 1;
    }
    if (o.operands.size() == 2) {
        if (o.has('g')) {
            ctx.err(std::string(k_banner) + "Usage: addgroup [-g GID] [-S] [USER] GROUP\n");
            return 1;
        }
        return bb_add_to_group(ctx, o.operands[0], o.operands[1]);
    }
    if (!valid_name(o.operands[0])) {
        ctx.errmsg("illegal character with code 0 at position 0");
        return 1;
    }
    std::optional<uint32_t> gid;
    if (const std::string* g = o.arg('g')) {
        std::optional<int64_t> n = parse_int(*g);
        if (!n || *n < 0 || *n > 60000) {
            ctx.errmsg("invalid number '" + *g + "'");
            return 1;
        }
        gid = uint32_t(*n);
    }
    return bb_new_group(ctx, o.operands[0], gid, o.has('S'));
}

int p_deluser(Ctx& ctx) {
    bool group_tool = ctx.name() == "delgroup" || ctx.name() == "groupdel";
    std::vector<std::string> ops;
    for (size_t i = 1; i < ctx.argv.size(); ++i)
        if (ctx.argv[i].empty() || ctx.argv[i][0] != '-') ops.push_back(ctx.argv[i]);
    if (!need_root(ctx)) return 1;
    if (ops.empty()) {
        ctx.err(std::string(k_banner) + "Usage: " + ctx.name() + " " + (group_tool ? "[USER] GROUP" : "USER [GROUP]") +
                "\n");
        return 1;
    }
    DbStyle style = is_busybox_binary(ctx) ? DbStyle::busybox : DbStyle::shadow;
    if (ops.size() == 2) {
        // remove USER from GROUP
        users::Db gr = users::parse(read_db(ctx, "/etc/group"));
        bool found = false;
        for (users::Line& g : gr)
            if (!g.f.empty() && g.f[0] == ops[1]) {
                remove_member(g, ops[0]);
                found = true;
            }
        if (!found) {
            ctx.errmsg("unknown group " + ops[1]);
            return 1;
        }
        return write_db(ctx, "/etc/group", users::join(gr), style) ? 0 : 1;
    }
    const std::string& name = ops[0];
    if (!group_tool) {
        users::Db pw = users::parse(read_db(ctx, "/etc/passwd"));
        auto it =
            std::find_if(pw.begin(), pw.end(), [&](const users::Line& l) { return !l.f.empty() && l.f[0] == name; });
        if (it == pw.end()) {
            ctx.errmsg("unknown user " + name);
            return 1;
        }
        pw.erase(it);
        if (!write_db(ctx, "/etc/passwd", users::join(pw), style)) return 1;
        bool has = false;
        std::string s = read_db(ctx, "/etc/shadow", &has);
        if (has) {
            users::Db sd = users::parse(s);
            sd.erase(std::remove_if(sd.begin(), sd.end(),
                                    [&](const users::Line& l) { return !l.f.empty() && l.f[0] == name; }),
                     sd.end());
            write_db(ctx, "/etc/shadow", users::join(sd), style);
        }
        users::Db gr = users::parse(read_db(ctx, "/etc/group"));
        for (users::Line& g : gr) remove_member(g, name);
        // busybox deluser also removes the user's own group if it is empty
        gr.erase(std::remove_if(gr.begin(), gr.end(),
                                [&](const users::Line& l) {
                                    return !l.f.empty() && l.f[0] == name && (l.f.size() < 4 || l.f[3].empty());
                                }),
                 gr.end());
        return write_db(ctx, "/etc/group", users::join(gr), style) ? 0 : 1;
    }
    users::Db gr = users::parse(read_db(ctx, "/etc/group"));
    auto it = std::find_if(gr.begin(), gr.end(), [&](const users::Line& l) { return !l.f.empty() && l.f[0] == name; });
    if (it == gr.end()) {
        if (ctx.name() == "groupdel") {
            ctx.err("groupdel: group '" + name + "' does not exist\n");
            return 6;
        }
        ctx.errmsg("unknown group " + name);
        return 1;
    }
    gr.erase(it);
    return write_db(ctx, "/etc/group", users::join(gr), style) ? 0 : 1;
}

// ---------------------------------------------------------------- shadow (Debian)

int shadow_useradd(Ctx& ctx, const std::string& name, std::optional<uint32_t> uid, std::string group,
                   std::vector<std::string> extra, std::string shell, std::string home, std::string comment,
                   bool system, bool create_home, bool user_group, bool non_unique, bool debian_adduser) {
    Container& c = ctx.c;
    const std::string prog = debian_adduser ? "adduser" : "useradd";
    users::Db pw = users::parse(read_db(ctx, "/etc/passwd"));
    users::Db gr = users::parse(read_db(ctx, "/etc/group"));
    if (users::find_name(pw, name)) {
        if (debian_adduser) {
            ctx.err("adduser: The user `" + name + "' already exists.\n");
            return 1;
        }
        ctx.err("useradd: user '" + name + "' already exists\n");
        return 9;
    }
    // UID: users from 1000 up; system users from 999 down (useradd) or 100 up (adduser)
    uint32_t u = 0;
    if (uid) {
        u = *uid;
        if (users::find_id(pw, u) && !non_unique) {
            ctx.err(prog + ": UID " + std::to_string(u) + " is not unique\n");
            return 4;
        }
    } else if (system && !debian_adduser) {
        u = 999;
        while (u > 100 && (users::find_id(pw, u) || (user_group && users::find_id(gr, u)))) --u;
    } else {
        u = system ? 100 : 1000;
        while (users::find_id(pw, u) || (user_group && users::find_id(gr, u))) ++u;
    }
    uint32_t g = 0;
    bool new_group = false;
    if (!group.empty()) {
        std::optional<int64_t> n = parse_int(group);
        const users::Line* gl = n ? users::find_id(gr, uint32_t(*n)) : users::find_name(gr, group);
        if (!gl) {
            if (debian_adduser) {
                ctx.err("adduser: The group `" + group + "' does not exist.\n");
                return 1;
            }
            ctx.err("useradd: group '" + group + "' does not exist\n");
            return 6;
        }
        g = uint32_t(parse_int(gl->f[2]).value_or(0));
    } else if (user_group) {
        if (users::find_name(gr, name)) {
            if (debian_adduser) {
                ctx.err("adduser: The group `" + name + "' already exists.\n");
                return 1;
            }
            ctx.err("useradd: group " + name + " exists - if you want to add this user to that group, use -g.\n");
            return 9;
        }
        g = u;
        if (users::find_id(gr, g)) {
            g = system ? 999 : 1000;
            while (users::find_id(gr, g)) system ? --g : ++g;
        }
        new_group = true;
    } else {
        g = 100;  // GROUP=100 (users) from /etc/default/useradd
    }
    if (debian_adduser) {
        std::string out = std::string(system ? "Adding system user `" : "Adding user `") + name + "' ...\n";
        if (new_group) out += "Adding new group `" + name + "' (" + std::to_string(g) + ") ...\n";
        std::string gname = new_group ? name : ctx.sh.group_name(g);
        out += "Adding new user `" + name + "' (" + std::to_string(u) + ") with group `" + gname + " (" +
               std::to_string(g) + ")' ...\n";
        if (create_home)
            out += "Creating home directory `" + home + "' ...\nCopying files from `/etc/skel' ...\n";
        else if (!system)
            out += "Not creating home directory `" + home + "'.\n";
        ctx.out(out);
    }
    if (new_group) {
        gr.push_back(users::Line{{name, "x", std::to_string(g), ""}});
    }
    for (const std::string& e : extra)
        for (users::Line& l : gr)
            if (!l.f.empty() && l.f[0] == e) add_member(l, name);
    if (new_group || !extra.empty()) {
        if (!write_db(ctx, "/etc/group", users::join(gr), DbStyle::shadow)) return 10;
        bool has = false;
        std::string gs = read_db(ctx, "/etc/gshadow", &has);
        if (has) {
            users::Db g2 = users::parse(gs);
            if (new_group) g2.push_back(users::Line{{name, "!", "", ""}});
            for (const std::string& e : extra)
                for (users::Line& l : g2)
                    if (!l.f.empty() && l.f[0] == e) add_member(l, name);
            write_db(ctx, "/etc/gshadow", users::join(g2), DbStyle::shadow);
        }
    }
    pw.push_back(users::Line{{name, "x", std::to_string(u), std::to_string(g), comment, home, shell}});
    if (!write_db(ctx, "/etc/passwd", users::join(pw), DbStyle::shadow)) return 1;
    bool has_shadow = false;
    std::string sh_text = read_db(ctx, "/etc/shadow", &has_shadow);
    if (has_shadow) {
        users::Db s = users::parse(sh_text);
        if (system) {
            s.push_back(
                users::Line{{name, debian_adduser ? "*" : "!", std::to_string(days_now(ctx)), "", "", "", "", "", ""}});
        } else {
            s.push_back(users::Line{{name, "!", std::to_string(days_now(ctx)), "0", "99999", "7", "", "", ""}});
        }
        write_db(ctx, "/etc/shadow", users::join(s), DbStyle::shadow);
    }
    if (create_home) {
        Status m = c.mkdir(home, 0755);
        if (!m && m.error().code != Errc::eexist) {
            ctx.err(prog + ": cannot create directory " + home + "\n");
            return 12;
        }
        if (m) {
            (void)c.chmod(home, debian_adduser ? 0750 : 0755);
            Result<std::vector<DirEntry>> skel = c.list("/etc/skel");
            if (skel) {
                for (const DirEntry& e : *skel) {
                    std::string src = "/etc/skel/" + e.name, dst = home + "/" + e.name;
                    Result<Stat> st = c.lstat(src);
                    if (!st || st->type != EntryType::file) continue;
                    Result<BlobId> b = c.read(src);
                    if (b) (void)c.write(dst, *b, WriteMode::truncate, st->mode);
                    (void)c.chmod(dst, st->mode);
                    (void)c.chown(dst, u, g);
                }
            }
            (void)c.chown(home, u, g);
        }
    }
    return 0;
}

int p_useradd(Ctx& ctx) {
    Opts o;
    o.usage = "Usage: useradd [options] LOGIN\n       useradd -D\n       useradd -D [options]\n";
    if (!parse_opts(ctx, "mMu:g:G:s:d:rNUc:olp:e:f:k:K:", o, true,
                    {{"create-home", 'm'},
                     {"no-create-home", 'M'},
                     {"uid", 'u'},
                     {"gid", 'g'},
                     {"groups", 'G'},
                     {"shell", 's'},
                     {"home-dir", 'd'},
                     {"system", 'r'},
                     {"no-user-group", 'N'},
                     {"user-group", 'U'},
                     {"comment", 'c'},
                     {"non-unique", 'o'},
                     {"no-log-init", 'l'},
                     {"password", 'p'},
                     {"expiredate", 'e'},
                     {"inactive", 'f'},
                     {"skel", 'k'},
                     {"key", 'K'}}))
        return 2;
    if (ctx.c.cred().uid != 0) {
        ctx.err("useradd: Permission denied.\nuseradd: cannot lock /etc/passwd; try again later.\n");
        return 1;
    }
    if (o.operands.size() != 1) {
        ctx.err("Usage: useradd [options] LOGIN\n       useradd -D\n       useradd -D [options]\n");
        return 2;
    }
    const std::string& name = o.operands[0];
    if (!valid_name(name)) {
        ctx.err("useradd: invalid user name '" + name + "': use --badname to ignore\n");
        return 3;
    }
    std::optional<uint32_t> uid;
    if (const std::string* u = o.arg('u')) {
        std::optional<int64_t> n = parse_int(*u);
        if (!n || *n < 0) {
            ctx.err("useradd: invalid user ID '" + *u + "'\n");
            return 3;
        }
        uid = uint32_t(*n);
    }
    std::vector<std::string> extra;
    if (const std::string* gs = o.arg('G'))
        for (const std::string& g : split_char(*gs, ','))
            if (!g.empty()) {
                if (!ctx.sh.gid_of(g) && !parse_int(g)) {
                    ctx.err("useradd: group '" + g + "' does not exist\n");
                    return 6;
                }
                extra.push_back(g);
            }
    std::string shell = o.arg('s') ? *o.arg('s') : "/bin/sh";
    std::string home = o.arg('d') ? *o.arg('d') : "/home/" + name;
    bool user_group = !o.has('N') && !o.arg('g');
    return shadow_useradd(ctx, name, uid, o.arg('g') ? *o.arg('g') : "", extra, shell, home,
                          o.arg('c') ? *o.arg('c') : "", o.has('r'), o.has('m') && !o.has('M'), user_group, o.has('o'),
                          false);
}

int p_groupadd(Ctx& ctx) {
    Opts o;
    o.usage = "Usage: groupadd [options] GROUP\n";
    if (!parse_opts(ctx, "g:rfoK:p:", o, true,
                    {{"gid", 'g'}, {"system", 'r'}, {"force", 'f'}, {"non-unique", 'o'}, {"key", 'K'}, {"password", 'p'}}))
        return 2;
    if (ctx.c.cred().uid != 0) {
        ctx.err("groupadd: Permission denied.\ngroupadd: cannot lock /etc/group; try again later.\n");
        return 10;
    }
    if (o.operands.size() != 1) {
        ctx.err("Usage: groupadd [options] GROUP\n");
        return 2;
    }
    const std::string& name = o.operands[0];
    users::Db gr = users::parse(read_db(ctx, "/etc/group"));
    if (users::find_name(gr, name)) {
        if (o.has('f')) return 0;
        ctx.err("groupadd: group '" + name + "' already exists\n");
        return 9;
    }
    uint32_t gid;
    if (const std::string* g = o.arg('g')) {
        std::optional<int64_t> n = parse_int(*g);
        if (!n || *n < 0) {
            ctx.err("groupadd: invalid group ID '" + *g + "'\n");
            return 3;
        }
        gid = uint32_t(*n);
        if (users::find_id(gr, gid) && !o.has('o')) {
            if (!o.has('f')) {
                ctx.err("groupadd: GID '" + *g + "' already exists\n");
                return 4;
            }
        }
    } else if (o.has('r')) {
        gid = 999;
        while (gid > 100 && users::find_id(gr, gid)) --gid;
    } else {
        gid = 1000;
        while (users::find_id(gr, gid)) ++gid;
    }
    gr.push_back(users::Line{{name, "x", std::to_string(gid), ""}});
    if (!write_db(ctx, "/etc/group", users::join(gr), DbStyle::shadow)) return 10;
    bool has = false;
    std::string gs = read_db(ctx, "/etc/gshadow", &has);
    if (has) {
        users::Db g2 = users::parse(gs);
        g2.push_back(users::Line{{name, "!", "", ""}});
        write_db(ctx, "/etc/gshadow", users::join(g2), DbStyle::shadow);
    }
    return 0;
}

int p_usermod(Ctx& ctx) {
    Opts o;
    o.usage = "Usage: usermod [options] LOGIN\n";
    if (!parse_opts(ctx, "aG:s:d:mu:g:c:l:LU", o, true,
                    {{"append", 'a'},
                     {"groups", 'G'},
                     {"shell", 's'},
                     {"home", 'd'},
                     {"uid", 'u'},
                     {"gid", 'g'},
                     {"comment", 'c'},
                     {"move-home", 'm'},
                     {"login", 'l'},
                     {"lock", 'L'},
                     {"unlock", 'U'}}))
        return 2;
    if (o.operands.size() != 1) {
        ctx.err("Usage: usermod [options] LOGIN\n");
        return 2;
    }
    const std::string& name = o.operands[0];
    users::Db pw = users::parse(read_db(ctx, "/etc/passwd"));
    users::Line* me = nullptr;
    for (users::Line& l : pw)
        if (!l.f.empty() && l.f[0] == name) me = &l;
    if (!me || me->f.size() < 7) {
        ctx.err("usermod: user '" + name + "' does not exist\n");
        return 6;
    }
    bool pw_changed = false;
    if (const std::string* s = o.arg('s')) {
        me->f[6] = *s;
        pw_changed = true;
    }
    if (const std::string* d = o.arg('d')) {
        me->f[5] = *d;
        pw_changed = true;
    }
    if (const std::string* u = o.arg('u')) {
        me->f[2] = *u;
        pw_changed = true;
    }
    if (const std::string* g = o.arg('g')) {
        std::optional<uint32_t> gid = ctx.sh.gid_of(*g);
        std::optional<int64_t> n = parse_int(*g);
        if (!gid && !n) {
            ctx.err("usermod: group '" + *g + "' does not exist\n");
            return 6;
        }
        me->f[3] = std::to_string(gid ? *gid : uint32_t(*n));
        pw_changed = true;
    }
    if (const std::string* c = o.arg('c')) {
        me->f[4] = *c;
        pw_changed = true;
    }
    if (pw_changed && !write_db(ctx, "/etc/passwd", users::join(pw), DbStyle::shadow)) return 1;
    if (const std::string* gs = o.arg('G')) {
        std::vector<std::string> want;
        for (const std::string& g : split_char(*gs, ','))
            if (!g.empty()) want.push_back(g);
        users::Db gr = users::parse(read_db(ctx, "/etc/group"));
        for (const std::string& g : want)
            if (!users::find_name(gr, g)) {
                ctx.err("usermod: group '" + g + "' does not exist\n");
                return 6;
            }
        for (users::Line& l : gr) {
            if (l.f.empty()) continue;
            bool in = std::find(want.begin(), want.end(), l.f[0]) != want.end();
            if (in)
                add_member(l, name);
            else if (!o.has('a'))
                remove_member(l, name);
        }
        if (!write_db(ctx, "/etc/group", users::join(gr), DbStyle::shadow)) return 1;
    }
    return 0;
}

int p_chpasswd(Ctx& ctx) {
    // "user:password" lines; the hash written is a fixed placeholder
    std::optional<std::string> t = ctx.stdin_text();
    if (!t) return 1;
    bool has = false;
    std::string s = read_db(ctx, "/etc/shadow", &has);
    users::Db db = users::parse(has ? s : read_db(ctx, "/etc/passwd"));
    for (const std::string& line : split_char(*t, '\n')) {
        size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string user = line.substr(0, colon);
        bool found = false;
        for (users::Line& l : db)
            if (!l.f.empty() && l.f[0] == user && l.f.size() > 1) {
                l.f[1] = "$6$layerlab$simulated";
                if (has && l.f.size() > 2) l.f[2] = std::to_string(days_now(ctx));
                found = true;
            }
        if (!found) {
            ctx.errmsg("unknown user " + user);
            return 1;
        }
    }
    return write_db(ctx, has ? "/etc/shadow" : "/etc/passwd", users::join(db),
                    is_busybox_binary(ctx) ? DbStyle::busybox : DbStyle::shadow)
               ? 0
               : 1;
}

}  // namespace

std::vector<ProgramDef> user_programs() {
    return {
        {"addgroup", p_addgroup}, {"adduser", p_adduser}, {"chpasswd", p_chpasswd},
        {"delgroup", p_deluser},  {"deluser", p_deluser}, {"groupadd", p_groupadd},
        {"groupdel", p_deluser},  {"groups", p_groups},   {"id", p_id},
        {"useradd", p_useradd},   {"userdel", p_deluser}, {"usermod", p_usermod},
        {"whoami", p_whoami},
    };
}

}  // namespace ll::shell
