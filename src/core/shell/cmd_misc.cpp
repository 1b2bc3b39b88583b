// cmd_misc.cpp: env printenv date uname hostname sleep which nproc expr
// install getent tty sync timeout nohup locale locale-gen localedef (curl
// and wget: cmd_net.cpp).
//
// Everything is deterministic: `date` reads the container's clock, `sleep N`
// advances it by N seconds, `uname` describes a fixed kernel.
#include <algorithm>
#include <cstdio>

#include "core/shell/interp.h"
#include "core/shell/regex.h"
#include "core/users.h"

namespace ll::shell {

namespace {

const char* k_banner = "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\n";
constexpr const char* k_kernel = "6.1.0-layerlab";
constexpr const char* k_kernel_version = "#1 SMP PREEMPT_DYNAMIC Debian 6.1.0";

int p_env(Ctx& ctx) {
    std::vector<std::pair<std::string, std::string>> env = ctx.env;
    size_t i = 1;
    for (; i < ctx.argv.size(); ++i) {
        const std::string& a = ctx.argv[i];
        if (a == "-i" || a == "-" || a == "--ignore-environment") {
            env.clear();
        } else if (a == "-u" && i + 1 < ctx.argv.size()) {
            const std::string& n = ctx.argv[++i];
            env.erase(std::remove_if(env.begin(), env.end(), [&](const auto& kv) { return kv.first == n; }), env.end());
        } else if (a == "--") {
            ++i;
            break;
        } else if (a.find('=') != std::string::npos && a[0] != '=') {
            size_t eq = a.find('=');
            std::string k = a.substr(0, eq);
            bool found = false;
            for (auto& kv : env)
                if (kv.first == k) {
                    kv.second = a.substr(eq + 1);
                    found = true;
                }
            if (!found) env.emplace_back(k, a.substr(eq + 1));
        } else {
            break;
        }
    }
    if (i >= ctx.argv.size()) {
        std::string out;
        for (const auto& [k, v] : env) out += k + "=" + v + "\n";
        ctx.out(out);
        return 0;
    }
    // run the command with exactly this environment
    std::vector<std::string> argv(ctx.argv.begin() + long(i), ctx.argv.end());
    Interp& sh = ctx.sh;
    State saved = sh.st;
    for (auto& [k, v] : sh.st.vars) v.exported = false;
    for (const auto& [k, v] : env) {
        sh.note_var_order(k);
        sh.st.vars[k] = Var{v, true, false};
    }
    // env execs the program directly: no functions, no builtins
    std::vector<std::pair<std::string, std::string>> none;
    int status;
    if (argv[0].find('/') == std::string::npos && is_builtin(argv[0]) && !is_special_builtin(argv[0])) {
        // /usr/bin/echo and friends exist as programs too
        status = sh.run_command(std::move(argv), ctx.fds, none);
    } else {
        auto funcs = std::move(sh.st.funcs);
        sh.st.funcs.clear();
        status = sh.run_command(std::move(argv), ctx.fds, none);
        sh.st.funcs = std::move(funcs);
    }
    State after = std::move(sh.st);
    sh.st = std::move(saved);
    sh.st.status = after.status;
    return status;
}

int p_printenv(Ctx& ctx) {
    if (ctx.argv.size() == 1) {
        std::string out;
        for (const auto& [k, v] : ctx.env) out += k + "=" + v + "\n";
        ctx.out(out);
        return 0;
    }
    int status = 0;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string* v = ctx.getenv(ctx.argv[i]);
        if (v) {
            ctx.out(*v + "\n");
        } else {
            status = 1;
        }
    }
    return status;
}

std::optional<int64_t> parse_date_arg(std::string_view s);

int p_date(Ctx& ctx) {
    int64_t t = ctx.c.now();
    std::string fmt = "%a %b %e %H:%M:%S %Z %Y";
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& a = ctx.argv[i];
        if (a == "-u" || a == "--utc") continue;
        if (a == "-R" || a == "--rfc-2822") {
            fmt = "%a, %d %b %Y %H:%M:%S %z";
        } else if (a.rfind("-I", 0) == 0 || a.rfind("--iso-8601", 0) == 0) {
            std::string kind = a.rfind("-I", 0) == 0 ? a.substr(2) : (a.size() > 11 ? a.substr(11) : "");
            if (kind.empty() || kind == "date")
                fmt = "%Y-%m-%d";
            else if (kind == "hours")
                fmt = "%Y-%m-%dT%H+00:00";
            else if (kind == "minutes")
                fmt = "%Y-%m-%dT%H:%M+00:00";
            else
                fmt = "%Y-%m-%dT%H:%M:%S+00:00";
        } else if ((a == "-d" || a == "--date") && i + 1 < ctx.argv.size()) {
            std::optional<int64_t> v = parse_date_arg(ctx.argv[++i]);
            if (!v) {
                ctx.errmsg("invalid date '" + ctx.argv[i] + "'");
                return 1;
            }
            t = *v;
        } else if (a.rfind("--date=", 0) == 0) {
            std::optional<int64_t> v = parse_date_arg(a.substr(7));
            if (!v) {
                ctx.errmsg("invalid date '" + a.substr(7) + "'");
                return 1;
            }
            t = *v;
        } else if (a == "-r" && i + 1 < ctx.argv.size()) {
            Result<Stat> s = ctx.c.stat(ctx.path(ctx.argv[++i]));
            if (!s) {
                ctx.errmsg("can't stat '" + ctx.argv[i] + "': " + errno_text(s.error().code));
                return 1;
            }
            t = s->mtime;
        } else if (a == "-s" || a == "--set") {
            ctx.errmsg("can't set date: Operation not permitted");
            return 1;
        } else if (!a.empty() && a[0] == '+') {
            fmt = a.substr(1);
        } else {
            ctx.errmsg("invalid date '" + a + "'");
            return 1;
        }
    }
    ctx.out(format_time(t, fmt) + "\n");
    return 0;
}

std::optional<int64_t> parse_date_arg(std::string_view s) {
    if (!s.empty() && s[0] == '@') return parse_int(s.substr(1));
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    std::string t(s);
    for (char& ch : t)
        if (ch == 'T') ch = ' ';
    int n = std::sscanf(t.c_str(), "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &se);
    if (n < 3 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60)
        return std::nullopt;
    int64_t yy = y - (mo <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (era * 146097 + doe - 719468) * 86400 + h * 3600 + mi * 60 + se;
}

int p_uname(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "asnrvmpio", o, true, {{"all", 'a'}})) return 1;
    const std::string& host = ctx.sh.opt.hostname;
    std::vector<std::string> parts;
    bool all = o.has('a');
    bool any = false;
    for (char c : std::string("snrvmpio")) any = any || o.has(c);
    if (!any && !all) parts.push_back("Linux");
    if (all || o.has('s')) parts.push_back("Linux");
    if (all || o.has('n')) parts.push_back(host);
    if (all || o.has('r')) parts.push_back(k_kernel);
    if (all || o.has('v')) parts.push_back(k_kernel_version);
    if (all || o.has('m')) parts.push_back("x86_64");
    if (!all && o.has('p')) parts.push_back("unknown");
    if (!all && o.has('i')) parts.push_back("unknown");
    if (all || o.has('o')) parts.push_back("GNU/Linux");
    std::string s;
    for (size_t i = 0; i < parts.size(); ++i) s += (i ? " " : "") + parts[i];
    ctx.out(s + "\n");
    return 0;
}

int p_hostname(Ctx& ctx) {
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& a = ctx.argv[i];
        if (a == "-i" || a == "-I") {
            ctx.out("172.17.0.2\n");
            return 0;
        }
        if (a == "-f" || a == "-s" || a == "-d" || a == "-F") continue;
        if (a[0] != '-') {
            ctx.errmsg("sethostname: Operation not permitted");
            return 1;
        }
    }
    ctx.out(ctx.sh.opt.hostname + "\n");
    return 0;
}

int p_sleep(Ctx& ctx) {
    if (ctx.argv.size() < 2) {
        ctx.err(std::string(k_banner) + "Usage: sleep [N]...\n");
        return 1;
    }
    double total = 0;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        std::string a = ctx.argv[i];
        if (a == "infinity" || a == "inf") {
            ctx.sh.abort_run("sleep infinity never ends");
            return 1;
        }
        double mult = 1;
        if (!a.empty() && std::string("smhd").find(a.back()) != std::string::npos) {
            char u = a.back();
            a.pop_back();
            mult = u == 'm' ? 60 : u == 'h' ? 3600 : u == 'd' ? 86400 : 1;
        }
        char* end = nullptr;
        double v = std::strtod(a.c_str(), &end);
        if (a.empty() || *end || v < 0) {
            ctx.errmsg("invalid number '" + ctx.argv[i] + "'");
            return 1;
        }
        total += v * mult;
    }
    // no real waiting: the container's clock moves on
    if (total > 1e12) total = 1e12;
    ctx.c.tick(int64_t(total));
    return 0;
}

int p_which(Ctx& ctx) {
    bool all = false;
    std::vector<std::string> names;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        if (ctx.argv[i] == "-a") {
            all = true;
        } else {
            names.push_back(ctx.argv[i]);
        }
    }
    if (names.empty()) {
        ctx.err(std::string(k_banner) + "Usage: which [-a] COMMAND...\n");
        return 1;
    }
    const std::string* path = ctx.getenv("PATH");
    std::string p = path ? *path : "/sbin:/usr/sbin:/bin:/usr/bin";
    int status = 0;
    std::string out;
    for (const std::string& n : names) {
        bool found = false;
        auto is_exec = [&](const std::string& cand) {
            Result<Stat> s = ctx.c.stat(ctx.path(cand));
            return s && s->type == EntryType::file && (s->mode & 0111);
        };
        if (n.find('/') != std::string::npos) {
            if (is_exec(n)) {
                out += n + "\n";
                found = true;
            }
        } else {
            for (const std::string& d : split_char(p, ':')) {
                std::string cand = (d.empty() ? std::string(".") : d) + "/" + n;
                if (is_exec(cand)) {
                    out += cand + "\n";
                    found = true;
                    if (!all) break;
                }
            }
        }
        if (!found) status = 1;
    }
    ctx.out(out);
    return status;
}

int p_nproc(Ctx& ctx) {
    ctx.out("2\n");
    return 0;
}

// ---------------------------------------------------------------- expr

class Expr {
public:
    Expr(Ctx& ctx, std::vector<std::string> a) : m_ctx(ctx), m_a(std::move(a)) {}
    // status: 0 non-null result, 1 null/zero, 2 syntax error, 3 other
    int run(std::string& out) {
        if (m_a.empty()) {
            m_ctx.errmsg("too few arguments");  // busybox prints usage
            return 2;
        }
        Val v = or_();
        if (m_err) return m_err;
        if (m_i < m_a.size()) {
            m_ctx.errmsg("syntax error");
            return 2;
        }
        out = v.str();
        return v.null() ? 1 : 0;
    }

private:
    struct Val {
        bool is_num = false;
        int64_t n = 0;
        std::string s;
        std::string str() const { return is_num ? std::to_string(n) : s; }
        bool null() const { return is_num ? n == 0 : (s.empty() || s == "0"); }
    };
    Ctx& m_ctx;
    std::vector<std::string> m_a;
    size_t m_i = 0;
    int m_err = 0;
    int m_depth = 0;

    static Val num(int64_t n) {
        Val v;
        v.is_num = true;
        v.n = n;
        return v;
    }
    static Val str(std::string s) {
        Val v;
        v.s = std::move(s);
        return v;
    }
    bool to_num(const Val& v, int64_t& out) {
        if (v.is_num) {
            out = v.n;
            return true;
        }
        std::optional<int64_t> n = parse_int(v.s);
        if (!n) {
            if (!m_err) m_ctx.errmsg("non-numeric argument");
            m_err = 2;
            return false;
        }
        out = *n;
        return true;
    }
    bool peek(std::string_view op) const { return m_i < m_a.size() && m_a[m_i] == op; }

    Val or_() {
        Val l = and_();
        while (!m_err && peek("|")) {
            ++m_i;
            Val r = and_();
            if (l.null()) l = r.null() ? num(0) : r;
        }
        return l;
    }
    Val and_() {
        Val l = cmp();
        while (!m_err && peek("&")) {
            ++m_i;
            Val r = cmp();
            if (l.null() || r.null()) l = num(0);
        }
        return l;
    }
    Val cmp() {
        Val l = add();
        for (;;) {
            if (m_err) return l;
            static constexpr std::string_view ops[] = {"<", "<=", "=", "==", "!=", ">=", ">"};
            if (m_i >= m_a.size() || std::find(std::begin(ops), std::end(ops), m_a[m_i]) == std::end(ops)) return l;
            std::string op = m_a[m_i++];
            Val r = add();
            int c;
            int64_t x, y;
            if ((l.is_num || parse_int(l.s)) && (r.is_num || parse_int(r.s))) {
                to_num(l, x);
                to_num(r, y);
                c = x < y ? -1 : x > y ? 1 : 0;
            } else {
                int k = l.str().compare(r.str());
                c = k < 0 ? -1 : k > 0 ? 1 : 0;
            }
            bool res = op == "<"                   ? c < 0
                       : op == "<="                ? c <= 0
                       : (op == "=" || op == "==") ? c == 0
                       : op == "!="                ? c != 0
                       : op == ">="                ? c >= 0
                                                   : c > 0;
            l = num(res);
        }
    }
    Val add() {
        Val l = mul();
        while (!m_err && (peek("+") || peek("-"))) {
            bool plus = m_a[m_i++] == "+";
            Val r = mul();
            int64_t x, y;
            if (!to_num(l, x) || !to_num(r, y)) return l;
            l = num(plus ? int64_t(uint64_t(x) + uint64_t(y)) : int64_t(uint64_t(x) - uint64_t(y)));
        }
        return l;
    }
    Val mul() {
        Val l = match();
        while (!m_err && (peek("*") || peek("/") || peek("%"))) {
            std::string op = m_a[m_i++];
            Val r = match();
            int64_t x, y;
            if (!to_num(l, x) || !to_num(r, y)) return l;
            if (op == "*") {
                l = num(int64_t(uint64_t(x) * uint64_t(y)));
            } else if (y == 0) {
                m_ctx.errmsg("division by zero");
                m_err = 2;
                return l;
            } else if (x == INT64_MIN && y == -1) {
                l = num(op == "/" ? INT64_MIN : 0);
            } else {
                l = num(op == "/" ? x / y : x % y);
            }
        }
        return l;
    }
    Val match() {
        Val l = primary();
        while (!m_err && peek(":")) {
            ++m_i;
            Val r = primary();
            Result<Regex> re = Regex::compile(r.str(), 0);
            if (!re) {
                m_ctx.errmsg(re.error().message);
                m_err = 2;
                return l;
            }
            Regex::Match m;
            std::string s = l.str();
            bool ok = re->search(s, 0, m) && m.so[0] == 0;
            if (re->groups() > 1) {
                l = str(ok && m.set[1] ? s.substr(m.so[1], m.eo[1] - m.so[1]) : "");
            } else {
                l = num(ok ? int64_t(m.eo[0]) : 0);
            }
        }
        return l;
    }
    Val primary() {
        if (++m_depth > 200) {
            m_err = 2;
            return num(0);
        }
        struct G {
            int& d;
            ~G() { --d; }
        } g{m_depth};
        if (m_i >= m_a.size()) {
            m_ctx.errmsg("syntax error");
            m_err = 2;
            return num(0);
        }
        const std::string& t = m_a[m_i];
        if (t == "(") {
            ++m_i;
            Val v = or_();
            if (!peek(")")) {
                if (!m_err) m_ctx.errmsg("syntax error");
                m_err = 2;
                return v;
            }
            ++m_i;
            return v;
        }
        if (t == "length" && m_i + 1 < m_a.size()) {
            ++m_i;
            Val v = primary();
            return num(int64_t(v.str().size()));
        }
        if (t == "substr" && m_i + 3 < m_a.size()) {
            ++m_i;
            std::string s = primary().str();
            int64_t p = parse_int(primary().str()).value_or(0), n = parse_int(primary().str()).value_or(0);
            if (p < 1 || n < 1 || size_t(p) > s.size()) return str("");
            return str(s.substr(size_t(p - 1), size_t(n)));
        }
        if (t == "index" && m_i + 2 < m_a.size()) {
            ++m_i;
            std::string s = primary().str(), chars = primary().str();
            size_t k = s.find_first_of(chars);
            return num(k == std::string::npos ? 0 : int64_t(k + 1));
        }
        if (t == "match" && m_i + 2 < m_a.size()) {
            ++m_i;
            Val s = primary();
            Val r = primary();
            m_a.insert(m_a.begin() + long(m_i), {":", r.str()});
            m_a[m_i - 1] = s.str();
            --m_i;
            return match();
        }
        ++m_i;
        if (std::optional<int64_t> n = parse_int(t)) return num(*n);
        return str(t);
    }
};

int p_expr(Ctx& ctx) {
    Expr e(ctx, std::vector<std::string>(ctx.argv.begin() + 1, ctx.argv.end()));
    std::string out;
    int r = e.run(out);
    if (r >= 2) return r;
    ctx.out(out + "\n");
    return r;
}

// ---------------------------------------------------------------- install

// mkdir -p of a path as the user wrote it, one directory at a time; GNU
// install -v says "install: creating directory 'a/b'" for each it made.
Status install_dirs(Ctx& ctx, const std::string& user_path, bool verbose) {
    std::string shown;
    size_t pos = 0;
    while (pos <= user_path.size()) {
        size_t slash = user_path.find('/', pos);
        if (slash == std::string::npos) slash = user_path.size();
        shown = user_path.substr(0, slash);
        pos = slash + 1;
        if (shown.empty() || shown.back() == '/' || ctx.c.exists(ctx.path(shown))) continue;
        if (Status s = mkdir_p(ctx.c, ctx.path(shown), 0755); !s) return s;
        if (verbose) ctx.out(ctx.name() + ": creating directory '" + shown + "'\n");
    }
    return {};
}

int p_install(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "cdDpsm:o:g:t:vCT", o, true,
                    {{"directory", 'd'},
                     {"mode", 'm'},
                     {"owner", 'o'},
                     {"group", 'g'},
                     {"target-directory", 't'},
                     {"verbose", 'v'},
                     {"preserve-timestamps", 'p'},
                     {"strip", 's'},
                     {"compare", 'C'},
                     {"no-target-directory", 'T'}}))
        return 1;
    const bool verbose = o.has('v') && ctx.gnu;  // busybox install has no -v
    Container& c = ctx.c;
    std::optional<uint32_t> mode;
    if (const std::string* m = o.arg('m')) {
        mode = parse_mode(*m, 0755, false, 0);
        if (!mode) {
            ctx.errmsg("invalid mode '" + *m + "'");
            return 1;
        }
    }
    std::optional<uint32_t> uid, gid;
    if (const std::string* u = o.arg('o')) {
        uid = ctx.sh.uid_of(*u);
        if (!uid) {
            std::optional<int64_t> n = parse_int(*u);
            if (!n) {
                ctx.errmsg("unknown user " + *u);
                return 1;
            }
            uid = uint32_t(*n);
        }
    }
    if (const std::string* g = o.arg('g')) {
        gid = ctx.sh.gid_of(*g);
        if (!gid) {
            std::optional<int64_t> n = parse_int(*g);
            if (!n) {
                ctx.errmsg("unknown group " + *g);
                return 1;
            }
            gid = uint32_t(*n);
        }
    }
    auto finish = [&](const std::string& p, uint32_t dflt) {
        (void)c.chmod(p, mode ? *mode : dflt);
        if (uid || gid) (void)c.chown(p, uid, gid);
    };
    int status = 0;
    if (o.has('d')) {
        for (const std::string& d : o.operands) {
            std::string p = ctx.path(d);
            Status s = install_dirs(ctx, d, verbose);
            if (!s) {
                ctx.errmsg("can't create directory '" + d + "': " + errno_text(s.error().code));
                status = 1;
                continue;
            }
            finish(p, 0755);
        }
        return status;
    }
    std::vector<std::string> ops = o.operands;
    std::string dest;
    if (const std::string* t = o.arg('t')) {
        dest = *t;
    } else {
        if (ops.size() < 2) {
            ctx.errmsg("missing destination file operand");
            return 1;
        }
        dest = ops.back();
        ops.pop_back();
    }
    Result<Stat> ds = c.stat(ctx.path(dest));
    bool to_dir = !o.has('T') && ((ds && ds->type == EntryType::dir) || o.arg('t') || ops.size() > 1);
    for (const std::string& src : ops) {
        std::string shown = dest;
        if (to_dir) shown += (shown.empty() || shown.back() == '/' ? "" : "/") + basename_of(src);
        std::string target = ctx.path(shown);
        if (o.has('D')) {
            std::string parent = to_dir ? dest : dirname_of(dest);
            if (dest.find('/') != std::string::npos || to_dir) (void)install_dirs(ctx, parent, verbose);
        }
        Result<BlobId> b = c.read(ctx.path(src));
        if (!b) {
            ctx.errmsg("can't open '" + src + "': " + errno_text(b.error().code));
            status = 1;
            continue;
        }
        // install unlinks the target first, then creates it
        Result<Stat> ex = c.lstat(target);
        if (ex && ex->type != EntryType::dir) (void)c.unlink(target);
        Status w = c.write(target, *b, WriteMode::truncate, 0600);
        if (!w) {
            ctx.errmsg("can't create '" + target + "': " + errno_text(w.error().code));
            status = 1;
            continue;
        }
        finish(target, 0755);
        if (verbose) ctx.out("'" + src + "' -> '" + shown + "'\n");
    }
    return status;
}

int p_getent(Ctx& ctx) {
    if (ctx.argv.size() < 2) {
        ctx.err("getent: wrong number of arguments\n");
        return 1;
    }
    const std::string& db = ctx.argv[1];
    std::string file = db == "passwd"   ? "/etc/passwd"
                       : db == "group"  ? "/etc/group"
                       : db == "shadow" ? "/etc/shadow"
                       : db == "hosts"  ? "/etc/hosts"
                                        : "";
    if (file.empty()) {
        ctx.err("Unknown database: " + db + "\n");
        return 1;
    }
    Result<std::string> t = ctx.c.read_text(file);
    if (!t) return 2;
    std::string out;
    bool any = false;
    for (const users::Line& l : users::parse(*t)) {
        const std::string line = users::join({l});  // the line as written (ends in '\n')
        if (ctx.argv.size() == 2) {
            out += line;
            any = true;
            continue;
        }
        for (size_t k = 2; k < ctx.argv.size(); ++k)
            if (l.f[0] == ctx.argv[k] || (l.f.size() > 2 && l.f[2] == ctx.argv[k])) {
                out += line;
                any = true;
            }
    }
    ctx.out(out);
    return any ? 0 : 2;
}

int p_tty(Ctx& ctx) {
    if (ctx.sh.interactive) {
        ctx.out("/dev/pts/0\n");
        return 0;
    }
    ctx.out("not a tty\n");
    return 1;
}

int p_sync(Ctx&) { return 0; }

int p_timeout(Ctx& ctx) {
    size_t i = 1;
    while (i < ctx.argv.size() && ctx.argv[i][0] == '-') i += (ctx.argv[i] == "-s" || ctx.argv[i] == "-k") ? 2 : 1;
    if (i + 1 >= ctx.argv.size()) {
        ctx.err(std::string(k_banner) + "Usage: timeout [-s SIG] [-k KILL_SECS] SECS PROG ARGS\n");
        return 1;
    }
    std::vector<std::string> argv(ctx.argv.begin() + long(i) + 1, ctx.argv.end());
    return ctx.sh.run_command(std::move(argv), ctx.fds, {});
}

int p_nohup(Ctx& ctx) {
    if (ctx.argv.size() < 2) return 127;
    std::vector<std::string> argv(ctx.argv.begin() + 1, ctx.argv.end());
    return ctx.sh.run_command(std::move(argv), ctx.fds, {});
}

}  // namespace

namespace {

// ---- locales: locale-gen, localedef, locale -a (glibc's tools, Debian's locales package)
//
// localedef compiles locale sources into /usr/lib/locale/locale-archive:
// layerlab runs no compiler, so the archive is a labelled placeholder of a
// plausible size (about 3 MiB per locale, as glibc's) whose first line lists
// the locales it holds, which `locale -a` reads back.

constexpr const char* k_locale_archive = "/usr/lib/locale/locale-archive";

// "en_US.UTF-8" -> "en_US.utf8", as glibc names an archived locale
std::string locale_archive_name(std::string name) {
    size_t dot = name.find('.');
    if (dot == std::string::npos) return name;
    std::string cs;
    for (char ch : name.substr(dot + 1))
        if (ch != '-') cs += char(std::tolower(static_cast<unsigned char>(ch)));
    return name.substr(0, dot + 1) + cs;
}

std::vector<std::string> archived_locales(Ctx& ctx) {
    std::vector<std::string> out;
    Result<BlobId> b = ctx.c.read(k_locale_archive);
    if (!b) return out;
    char head[4096];
    std::string_view v(head, ctx.c.store().blobs.read(*b, 0, sizeof head, head));
    size_t at = v.find("\nlocales:");
    if (at == std::string_view::npos) return out;
    std::string_view line = v.substr(at + 9, v.find('\n', at + 1) - at - 9);
    for (const std::string& w : split_char(std::string(line), ' '))
        if (!w.empty()) out.push_back(w);
    return out;
}

bool archive_locales(Ctx& ctx, const std::vector<std::string>& names) {
    std::vector<std::string> all = archived_locales(ctx);
    for (const std::string& n : names)
        if (std::find(all.begin(), all.end(), locale_archive_name(n)) == all.end()) all.push_back(locale_archive_name(n));
    std::string head = "layerlab stand-in: localedef would write " + std::string(k_locale_archive) +
                       " here; layerlab runs no compiler, so this placeholder has a plausible size, not the real bytes\n"
                       "locales:";
    for (const std::string& n : all) head += " " + n;
    head += "\n";
    BlobStore& blobs = ctx.c.store().blobs;
    const uint64_t size = 3 * 1024 * 1024 * all.size();
    (void)mkdir_p(ctx.c, "/usr/lib/locale", 0755);
    Status w = ctx.c.write(k_locale_archive, blobs.concat(blobs.bytes(head), blobs.random(size, size + all.size())),
                           WriteMode::truncate, 0644);
    if (!w) {
        ctx.errmsg(std::string("cannot write ") + k_locale_archive + ": " + errno_text(w.error().code));
        return false;
    }
    ctx.sh.note("stand-in: " + ctx.name() + " compiled " + std::to_string(names.size()) +
                " locale(s) into a labelled placeholder " + k_locale_archive +
                " (layerlab runs no compiler: its size is plausible, its bytes are not real)");
    return true;
}

// locale-gen [NAME...]: the uncommented lines of /etc/locale.gen (and, as
// Ubuntu's locale-gen does, the names given), compiled into the archive.
int p_locale_gen(Ctx& ctx) {
    std::vector<std::string> names;
    if (std::optional<std::string> t = ctx.file_text("/etc/locale.gen", true))
        for (std::string l : split_char(*t, '\n')) {
            while (!l.empty() && (l[0] == ' ' || l[0] == '\t')) l.erase(0, 1);
            if (l.empty() || l[0] == '#') continue;
            names.push_back(l.substr(0, l.find_first_of(" \t")));
        }
    for (size_t i = 1; i < ctx.argv.size(); ++i)
        if (ctx.argv[i][0] != '-' && std::find(names.begin(), names.end(), ctx.argv[i]) == names.end())
            names.push_back(ctx.argv[i]);
    std::string out = "Generating locales (this might take a while)...\n";
    for (const std::string& n : names) out += "  " + n + "... done\n";
    ctx.out(out + "Generation complete.\n");
    return archive_locales(ctx, names) ? 0 : 1;
}

// localedef [-i INPUT] [-c] [-f CHARMAP] [-A ALIASES] NAME
int p_localedef(Ctx& ctx) {
    std::string name;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& a = ctx.argv[i];
        if (a == "-i" || a == "-f" || a == "-A" || a == "-u" || a == "--prefix") ++i;
        else if (a[0] != '-') name = a;
    }
    if (name.empty()) {
        ctx.err("localedef: wrong number of arguments\nTry `localedef --help' or `localedef --usage' for more information.\n");
        return 4;
    }
    return archive_locales(ctx, {name}) ? 0 : 4;
}

// locale -a: C, C.utf8, POSIX and the archived locales; plain `locale`: the
// LANG/LC_* settings as glibc prints them.
int p_locale(Ctx& ctx) {
    if (ctx.argv.size() > 1 && (ctx.argv[1] == "-a" || ctx.argv[1] == "--all-locales")) {
        std::vector<std::string> all = {"C", "C.utf8", "POSIX"};
        for (const std::string& n : archived_locales(ctx))
            if (std::find(all.begin(), all.end(), n) == all.end()) all.push_back(n);
        std::sort(all.begin(), all.end());
        std::string out;
        for (const std::string& n : all) out += n + "\n";
        ctx.out(out);
        return 0;
    }
    const std::string* lang = ctx.getenv("LANG");
    const std::string* lc_all = ctx.getenv("LC_ALL");
    std::string v = lang ? *lang : "";
    std::string out = "LANG=" + v + "\nLANGUAGE=\n";
    for (const char* k : {"LC_CTYPE", "LC_NUMERIC", "LC_TIME", "LC_COLLATE", "LC_MONETARY", "LC_MESSAGES", "LC_PAPER",
                          "LC_NAME", "LC_ADDRESS", "LC_TELEPHONE", "LC_MEASUREMENT", "LC_IDENTIFICATION"}) {
        const std::string* own = ctx.getenv(k);
        out += std::string(k) + "=" + (own && !lc_all ? *own : "\"" + (lc_all ? *lc_all : v.empty() ? "POSIX" : v) + "\"") + "\n";
    }
    ctx.out(out + "LC_ALL=" + (lc_all ? *lc_all : "") + "\n");
    return 0;
}

}  // namespace

std::vector<ProgramDef> misc_programs() {
    return {
        {"date", p_date},       {"env", p_env},           {"expr", p_expr},
        {"getent", p_getent},   {"hostname", p_hostname}, {"install", p_install}, {"nohup", p_nohup},
        {"locale", p_locale},   {"locale-gen", p_locale_gen}, {"localedef", p_localedef},
        {"nproc", p_nproc},     {"printenv", p_printenv}, {"sleep", p_sleep},     {"sync", p_sync},
        {"timeout", p_timeout}, {"tty", p_tty},           {"uname", p_uname},
        {"which", p_which},
    };
}

}  // namespace ll::shell
