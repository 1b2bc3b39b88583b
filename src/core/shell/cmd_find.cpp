// cmd_find.cpp: busybox find (findutils/find.c): -name -iname -path -ipath
// -regex -type -size -perm -user -group -uid -gid -newer -mtime -mmin
// -empty -executable -maxdepth -mindepth -depth -prune -xdev -print -print0 -exec {} ;
// -exec {} + -delete -quit, with ! -not -a -and -o -or ( ).
//
// `find / -name '*.pyc' -delete` walks the merged view and unlinks each
// match, depth first: on overlayfs every lower match becomes a whiteout.
#include <algorithm>
#include <memory>

#include "core/shell/interp.h"
#include "core/shell/regex.h"
#include "core/standin.h"

namespace ll::shell {

namespace {

struct FNode;
using FPtr = std::unique_ptr<FNode>;

struct FNode {
    enum Kind : uint8_t {
        and_,
        or_,
        not_,
        name,
        iname,
        path,
        ipath,
        regex,
        type,
        size,
        perm,
        executable,
        user,
        group,
        uid,
        gid,
        newer,
        mtime,
        mmin,
        empty,
        prune,
        print,
        print0,
        exec,
        exec_plus,
        del,
        quit,
        true_,
        false_,
        links
    } kind = true_;
    std::vector<FPtr> kids;
    std::string s;
    char cmp = 0;  // '+', '-', or 0 for sizes/times/perm ('-' all bits, '/' any)
    int64_t n = 0;
    uint64_t unit = 512;
    std::vector<std::string> argv;
    std::shared_ptr<Regex> re;
    // -exec ... {} +: collected paths
    std::vector<std::string> batch;
};

struct FindState {
    Ctx* ctx = nullptr;
    int maxdepth = -1, mindepth = 0;
    bool depth_first = false;
    bool quit = false;
    int status = 0;
    std::string out;
    std::vector<FNode*> batches;
};

class FindParser {
public:
    FindParser(Ctx& ctx, std::vector<std::string> args, FindState& st) : m_ctx(ctx), m_a(std::move(args)), m_st(st) {}
    FPtr parse(bool& has_action) {
        FPtr e = or_expr();
        if (!e) return nullptr;
        if (m_i < m_a.size()) {
            if (m_a[m_i] == ")") {
                m_ctx.errmsg("unexpected ')'");
            } else {
                m_ctx.errmsg("unrecognized: " + m_a[m_i]);
            }
            return nullptr;
        }
        has_action = m_action;
        return e;
    }

private:
    Ctx& m_ctx;
    std::vector<std::string> m_a;
    size_t m_i = 0;
    FindState& m_st;
    bool m_action = false;
    int m_depth = 0;

    bool more() const { return m_i < m_a.size(); }
    FPtr node(FNode::Kind k) {
        auto n = std::make_unique<FNode>();
        n->kind = k;
        return n;
    }

    FPtr or_expr() {
        FPtr l = and_expr();
        while (l && more() && (m_a[m_i] == "-o" || m_a[m_i] == "-or")) {
            ++m_i;
            FPtr r = and_expr();
            if (!r) return nullptr;
            FPtr n = node(FNode::or_);
            n->kids.push_back(std::move(l));
            n->kids.push_back(std::move(r));
            l = std::move(n);
        }
        return l;
    }
    FPtr and_expr() {
        FPtr l = not_expr();
        while (l && more() && m_a[m_i] != "-o" && m_a[m_i] != "-or" && m_a[m_i] != ")") {
            if (m_a[m_i] == "-a" || m_a[m_i] == "-and") ++m_i;
            FPtr r = not_expr();
            if (!r) return nullptr;
            FPtr n = node(FNode::and_);
            n->kids.push_back(std::move(l));
            n->kids.push_back(std::move(r));
            l = std::move(n);
        }
        return l;
    }
    FPtr not_expr() {
        if (++m_depth > 200) {
            m_ctx.errmsg("expression too deeply nested");
            return nullptr;
        }
        struct G {
            int& d;
            ~G() { --d; }
        } g{m_depth};
        if (more() && (m_a[m_i] == "!" || m_a[m_i] == "-not")) {
            ++m_i;
            FPtr k = not_expr();
            if (!k) return nullptr;
            FPtr n = node(FNode::not_);
            n->kids.push_back(std::move(k));
            return n;
        }
        return primary();
    }
    bool arg(std::string& out) {
        if (!more()) {
            m_ctx.errmsg("missing argument to '" + m_a[m_i - 1] + "'");
            return false;
        }
        out = m_a[m_i++];
        return true;
    }
    // "+N", "-N", "N" with an optional unit suffix (sizes)
    bool number(FNode& n, bool size) {
        std::string v;
        if (!arg(v)) return false;
        if (!v.empty() && (v[0] == '+' || v[0] == '-')) {
            n.cmp = v[0];
            v.erase(0, 1);
        }
        if (size && !v.empty() && std::isalpha(static_cast<unsigned char>(v.back()))) {
            char u = v.back();
            v.pop_back();
            n.unit = u == 'c'   ? 1
                     : u == 'w' ? 2
                     : u == 'b' ? 512
                     : u == 'k' ? 1024
                     : u == 'M' ? 1048576
                     : u == 'G' ? 1073741824
                                : 0;
            if (n.unit == 0) {
                m_ctx.errmsg("invalid number '" + m_a[m_i - 1] + "'");
                return false;
            }
        }
        std::optional<int64_t> x = parse_int(v);
        if (!x) {
            m_ctx.errmsg("invalid number '" + m_a[m_i - 1] + "'");
            return false;
        }
        n.n = *x;
        return true;
    }
    FPtr primary() {
        if (!more()) {
            m_ctx.errmsg("expression expected");  // e.g. "find . !"
            return nullptr;
        }
        std::string t = m_a[m_i++];
        if (t == "(") {
            FPtr e = or_expr();
            if (!e) return nullptr;
            if (!more() || m_a[m_i] != ")") {
                m_ctx.errmsg("missing ')'");
                return nullptr;
            }
            ++m_i;
            return e;
        }
        auto simple = [&](FNode::Kind k) -> FPtr {
            FPtr n = node(k);
            if (!arg(n->s)) return nullptr;
            return n;
        };
        if (t == "-name") return simple(FNode::name);
        if (t == "-iname") return simple(FNode::iname);
        if (t == "-path" || t == "-wholename") return simple(FNode::path);
        if (t == "-ipath") return simple(FNode::ipath);
        if (t == "-regex") {
            FPtr n = simple(FNode::regex);
            if (!n) return nullptr;
            Result<Regex> re = Regex::compile(n->s, 0);
            if (!re) {
                m_ctx.errmsg("bad regex '" + n->s + "': " + re.error().message);
                return nullptr;
            }
            n->re = std::make_shared<Regex>(std::move(*re));
            return n;
        }
        if (t == "-type") {
            FPtr n = simple(FNode::type);
            if (!n) return nullptr;
            for (char ch : n->s)
                if (std::string("fdlcbps,").find(ch) == std::string::npos) {
                    m_ctx.errmsg("unrecognized: -type " + n->s);  // busybox: bb_error_msg_and_die
                    return nullptr;
                }
            return n;
        }
        if (t == "-user" || t == "-group") {
            FPtr n = simple(t == "-user" ? FNode::user : FNode::group);
            if (!n) return nullptr;
            std::optional<int64_t> id = parse_int(n->s);
            std::optional<uint32_t> v = t == "-user" ? m_ctx.sh.uid_of(n->s) : m_ctx.sh.gid_of(n->s);
            if (v) {
                n->n = *v;
            } else if (id) {
                n->n = *id;
            } else {
                m_ctx.errmsg("unknown " + std::string(t == "-user" ? "user " : "group ") + n->s);
                return nullptr;
            }
            return n;
        }
        if (t == "-uid" || t == "-gid" || t == "-links") {
            FPtr n = node(t == "-uid" ? FNode::uid : t == "-gid" ? FNode::gid : FNode::links);
            if (!number(*n, false)) return nullptr;
            return n;
        }
        if (t == "-size") {
            FPtr n = node(FNode::size);
            if (!number(*n, true)) return nullptr;
            return n;
        }
        if (t == "-mtime" || t == "-mmin" || t == "-ctime" || t == "-atime" || t == "-cmin" || t == "-amin") {
            bool min = t.size() > 3 && t.substr(t.size() - 3) == "min";
            FPtr n = node(min ? FNode::mmin : FNode::mtime);
            if (!number(*n, false)) return nullptr;
            return n;
        }
        if (t == "-perm") {
            FPtr n = node(FNode::perm);
            std::string v;
            if (!arg(v)) return nullptr;
            if (!v.empty() && (v[0] == '-' || v[0] == '/' || v[0] == '+')) {
                n->cmp = v[0] == '+' ? '/' : v[0];
                v.erase(0, 1);
            }
            std::optional<uint32_t> m = parse_mode(v, 0, false, 0);
            if (!m) {
                m_ctx.errmsg("invalid mode '" + v + "'");
                return nullptr;
            }
            n->n = *m;
            return n;
        }
        if (t == "-newer") {
            FPtr n = simple(FNode::newer);
            if (!n) return nullptr;
            Result<Stat> s = m_ctx.c.stat(m_ctx.path(n->s));
            if (!s) {
                m_ctx.errmsg(n->s + ": " + errno_text(s.error().code));
                return nullptr;
            }
            n->n = s->mtime;
            return n;
        }
        if (t == "-empty") return node(FNode::empty);
        if (t == "-executable") return node(FNode::executable);
        if (t == "-prune") return node(FNode::prune);
        if (t == "-true") return node(FNode::true_);
        if (t == "-false") return node(FNode::false_);
        if (t == "-print") {
            m_action = true;
            return node(FNode::print);
        }
        if (t == "-print0") {
            m_action = true;
            return node(FNode::print0);
        }
        if (t == "-delete") {
            m_action = true;
            m_st.depth_first = true;
            return node(FNode::del);
        }
        if (t == "-quit") return node(FNode::quit);
        if (t == "-exec" || t == "-ok" || t == "-execdir") {
            m_action = true;
            FPtr n = node(FNode::exec);
            bool closed = false;
            while (more()) {
                std::string a = m_a[m_i++];
                if (a == ";") {
                    closed = true;
                    break;
                }
                if (a == "+" && !n->argv.empty() && n->argv.back() == "{}") {
                    n->kind = FNode::exec_plus;
                    n->argv.pop_back();
                    closed = true;
                    break;
                }
                n->argv.push_back(a);
            }
            if (!closed || n->argv.empty()) {
                m_ctx.errmsg("-exec requires an argument");
                return nullptr;
            }
            if (n->kind == FNode::exec_plus) m_st.batches.push_back(n.get());
            return n;
        }
        // global options, accepted anywhere
        if (t == "-maxdepth" || t == "-mindepth") {
            std::string v;
            if (!arg(v)) return nullptr;
            std::optional<int64_t> x = parse_int(v);
            if (!x || *x < 0) {
                m_ctx.errmsg("invalid number '" + v + "'");
                return nullptr;
            }
            (t == "-maxdepth" ? m_st.maxdepth : m_st.mindepth) = int(std::min<int64_t>(*x, 100000));
            return node(FNode::true_);
        }
        if (t == "-depth" || t == "-d") {
            m_st.depth_first = true;
            return node(FNode::true_);
        }
        if (t == "-xdev" || t == "-mount" || t == "-follow" || t == "-noleaf" || t == "-ignore_readdir_race")
            return node(FNode::true_);
        m_ctx.errmsg("unrecognized: " + t);
        return nullptr;
    }
};

bool ci_match(std::string pat, std::string s) {
    for (char& ch : pat) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    for (char& ch : s) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    return glob_match(pat, s);
}

struct Visit {
    std::string shown;  // as printed
    std::string abs;
    Stat st;
    int depth;
    bool prune = false;
};

int run_exec(FindState& fs, const std::vector<std::string>& tmpl, const std::vector<std::string>& paths, bool plus) {
    Ctx& ctx = *fs.ctx;
    std::vector<std::string> argv;
    for (const std::string& a : tmpl) {
        if (plus || a.find("{}") == std::string::npos) {
            argv.push_back(a);
            continue;
        }
        std::string r = a;
        size_t pos = 0;
        while ((pos = r.find("{}", pos)) != std::string::npos) {
            r.replace(pos, 2, paths[0]);
            pos += paths[0].size();
        }
        argv.push_back(r);
    }
    if (plus) argv.insert(argv.end(), paths.begin(), paths.end());
    if (!fs.out.empty()) {
        ctx.out(fs.out);
        fs.out.clear();
    }
    return ctx.sh.run_command(std::move(argv), ctx.fds, {});
}

bool eval(FindState& fs, FNode& n, Visit& v) {
    if (fs.quit || fs.ctx->stopped()) return false;
    Ctx& ctx = *fs.ctx;
    const Stat& s = v.st;
    auto num_cmp = [&](int64_t x) {
        if (n.cmp == '+') return x > n.n;
        if (n.cmp == '-') return x < n.n;
        return x == n.n;
    };
    switch (n.kind) {
    case FNode::and_: return eval(fs, *n.kids[0], v) && eval(fs, *n.kids[1], v);
    case FNode::or_: return eval(fs, *n.kids[0], v) || eval(fs, *n.kids[1], v);
    case FNode::not_: return !eval(fs, *n.kids[0], v);
    case FNode::name: return glob_match(n.s, basename_of(v.shown));
    case FNode::iname: return ci_match(n.s, basename_of(v.shown));
    case FNode::path: return glob_match(n.s, v.shown);
    case FNode::ipath: return ci_match(n.s, v.shown);
    case FNode::regex: {
        Regex::Match m;
        return n.re->search(v.shown, 0, m) && m.so[0] == 0 && m.eo[0] == v.shown.size();
    }
    case FNode::type: {
        char t = s.type == EntryType::dir        ? 'd'
                 : s.type == EntryType::symlink  ? 'l'
                 : s.type == EntryType::chardev  ? 'c'
                 : s.type == EntryType::blockdev ? 'b'
                 : s.type == EntryType::fifo     ? 'p'
                                                 : 'f';
        return n.s.find(t) != std::string::npos;
    }
    case FNode::size: {
        // rounded up to units, as find does
        int64_t units = int64_t((s.size + n.unit - 1) / n.unit);
        return num_cmp(units);
    }
    case FNode::perm: {
        uint32_t want = uint32_t(n.n), have = s.mode & 07777;
        if (n.cmp == '-') return (have & want) == want;
        if (n.cmp == '/') return want == 0 || (have & want) != 0;
        return have == want;
    }
    case FNode::executable: return ctx.c.may_access(s, 1);  // access(X_OK): a searchable folder too
    case FNode::user:
    case FNode::uid: return n.kind == FNode::user ? s.uid == uint32_t(n.n) : num_cmp(s.uid);
    case FNode::group:
    case FNode::gid: return n.kind == FNode::group ? s.gid == uint32_t(n.n) : num_cmp(s.gid);
    case FNode::links: return num_cmp(s.nlink);
    case FNode::newer: return s.mtime > n.n;
    case FNode::mtime: return num_cmp((ctx.c.now() - s.mtime) / 86400);
    case FNode::mmin: return num_cmp((ctx.c.now() - s.mtime + 59) / 60);
    case FNode::empty: {
        if (s.type == EntryType::file) return s.size == 0;
        if (s.type != EntryType::dir) return false;
        Result<std::vector<DirEntry>> ls = ctx.c.list(v.abs);
        return ls && ls->empty();
    }
    case FNode::prune: v.prune = true; return true;
    case FNode::true_: return true;
    case FNode::false_: return false;
    case FNode::print: fs.out += v.shown + "\n"; return true;
    case FNode::print0:
        fs.out += v.shown;
        fs.out += '\0';
        return true;
    case FNode::quit: fs.quit = true; return true;
    case FNode::del: {
        Status r = s.type == EntryType::dir ? ctx.c.rmdir(v.abs) : ctx.c.unlink(v.abs);
        if (!r && v.shown != ".") {
            ctx.errmsg(v.shown + ": " + errno_text(r.error().code));
            fs.status = 1;
            return false;
        }
        return true;
    }
    case FNode::exec: return run_exec(fs, n.argv, {v.shown}, false) == 0;
    case FNode::exec_plus:
        n.batch.push_back(v.shown);
        if (n.batch.size() >= 5000) {
            if (run_exec(fs, n.argv, n.batch, true) != 0) fs.status = 1;
            n.batch.clear();
        }
        return true;
    }
    return false;
}

void walk(FindState& fs, FNode& expr, bool print_default, Visit v) {
    Ctx& ctx = *fs.ctx;
    if (fs.quit || !ctx.sh.charge()) return;
    auto act = [&]() {
        if (v.depth < fs.mindepth) return;
        bool r = eval(fs, expr, v);
        if (r && print_default) fs.out += v.shown + "\n";
        if (fs.out.size() > (1 << 16)) {
            ctx.out(fs.out);
            fs.out.clear();
        }
    };
    bool descend = v.st.type == EntryType::dir && (fs.maxdepth < 0 || v.depth < fs.maxdepth);
    if (!fs.depth_first) {
        act();
        if (v.prune) return;
    }
    if (descend && v.depth < 1000) {
        Result<std::vector<DirEntry>> kids = ctx.c.list(v.abs);
        if (!kids) {
            if (!ctx.c.exists(v.abs)) {
                // the action removed it (find -exec rm -rf {} \;)
                ctx.errmsg(v.shown + ": " + errno_text(kids.error().code));
            } else {
                ctx.errmsg(v.shown + ": " + errno_text(kids.error().code));
            }
            fs.status = 1;
        } else {
            for (const DirEntry& k : *kids) {
                if (fs.quit || ctx.stopped()) return;
                Visit c;
                c.shown = v.shown == "/" ? "/" + k.name : v.shown + "/" + k.name;
                c.abs = v.abs == "/" ? "/" + k.name : v.abs + "/" + k.name;
                Result<Stat> st = ctx.c.lstat(c.abs);
                if (!st) continue;
                c.st = *st;
                c.depth = v.depth + 1;
                walk(fs, expr, print_default, std::move(c));
            }
        }
    }
    if (fs.depth_first) act();
}

int p_find(Ctx& ctx) {
    std::vector<std::string> starts, expr;
    size_t i = 1;
    bool follow = false;
    while (i < ctx.argv.size() && (ctx.argv[i] == "-L" || ctx.argv[i] == "-H" || ctx.argv[i] == "-P")) {
        follow = ctx.argv[i] == "-L";
        ++i;
    }
    for (; i < ctx.argv.size(); ++i) {
        const std::string& a = ctx.argv[i];
        if ((a.size() > 1 && a[0] == '-') || a == "!" || a == "(") break;
        starts.push_back(a);
    }
    expr.assign(ctx.argv.begin() + long(i), ctx.argv.end());
    if (starts.empty()) starts.push_back(".");
    FindState fs;
    fs.ctx = &ctx;
    FPtr tree;
    bool has_action = false;
    if (expr.empty()) {
        tree = std::make_unique<FNode>();
    } else {
        FindParser p(ctx, expr, fs);
        tree = p.parse(has_action);
        if (!tree) return 1;
    }
    for (const std::string& s : starts) {
        if (fs.quit || ctx.stopped()) break;
        Visit v;
        v.shown = s;
        v.abs = ctx.path(s);
        Result<Stat> st = follow ? ctx.c.stat(v.abs) : ctx.c.lstat(v.abs);
        if (st && st->type == EntryType::symlink && !follow) {
            // find follows a symlink given on the command line when it names a directory? no: -P default
        }
        if (!st && st.error().code == Errc::enoent) {
            if (std::string stood = standin::stand_in_tree_of(ctx.c, v.abs); !stood.empty()) {
                ctx.sh.note(standin::tree_member_note("find", v.abs, stood, "find"));
                continue;
            }
        }
        if (!st) {
            ctx.errmsg(s + ": " + errno_text(st.error().code));
            fs.status = 1;
            continue;
        }
        v.st = *st;
        v.depth = 0;
        walk(fs, *tree, !has_action, std::move(v));
    }
    for (FNode* b : fs.batches)
        if (!b->batch.empty() && !ctx.stopped()) {
            if (run_exec(fs, b->argv, b->batch, true) != 0) fs.status = 1;
            b->batch.clear();
        }
    ctx.out(fs.out);
    return fs.status;
}

}  // namespace

std::vector<ProgramDef> find_programs() { return {{"find", p_find}}; }

}  // namespace ll::shell
