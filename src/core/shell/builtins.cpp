// builtins.cpp: the shell's own commands (busybox ash builtins) and `sh`.
//
// Builtins need no file in $PATH and run inside the shell: cd changes its
// directory, export its variables. Their messages start with "sh: ", as
// busybox ash prints them.
//
// Index of this file (sections in order, marked "// ---- NAME"; the functions in each):
//   (start): berr, ash_err, b_true, b_false
//   echo / printf: unescape, b_echo, Printf::Printf, Printf::next_arg, Printf::to_int,
//                  Printf::to_double, Printf::escape, Printf::put_string, Printf::directive,
//                  Printf::convert, Printf::run, run_printf, b_printf
//   test: Test::Test, Test::run, Test::more, Test::cur, Test::fail, Test::expr, Test::and_expr,
//         Test::not_expr, G::~G, Test::is_unary, Test::is_binary, Test::number, Test::primary,
//         Test::unary, Test::binary, b_test
//   cd / pwd: b_cd, b_pwd
//   variables: single_quoted, b_export, b_local, b_unset, b_set, b_shift
//   control: number_arg, b_exit, b_return, b_break, b_eval, b_source, b_exec, b_read, octal4,
//            b_umask, locate, b_command, b_type, b_trap, b_ok, b_ulimit, b_times, b_kill, b_let,
//            b_getopts
//   sh: p_sh, builtin_programs, is_builtin, is_special_builtin
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "core/shell/interp.h"
#include "core/standin.h"
#include "core/shell/parser.h"

namespace ll::shell {

namespace {

// "sh: msg"
void berr(Ctx& ctx, std::string_view msg) {
    std::string s = "sh: ";
    s += msg;
    s += '\n';
    ctx.err(s);
}

// ash's own error format for builtins: "sh: cd: line 0: can't cd to /x: ..."
void ash_err(Ctx& ctx, std::string_view builtin, std::string_view msg) { ctx.sh.ash_msg(ctx.fds, builtin, msg); }

int b_true(Ctx&) { return 0; }
int b_false(Ctx&) { return 1; }

// ---------------------------------------------------------------- echo / printf

// Backslash escapes as echo -e and printf %b read them. `stop` is set by \c.
std::string unescape(std::string_view s, bool& stop, bool printf_style) {
    std::string out;
    stop = false;
    for (size_t i = 0; i < s.size(); ++i) {
        char ch = s[i];
        if (ch != '\\' || i + 1 >= s.size()) {
            out += ch;
            continue;
        }
        char d = s[++i];
        switch (d) {
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'e': out += '\x1b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case '\\': out += '\\'; break;
        case 'c': stop = true; return out;
        case 'x': {
            int v = 0, n = 0;
            while (n < 2 && i + 1 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1]))) {
                char h = s[++i];
                v = v * 16 + (std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : (std::tolower(h) - 'a' + 10));
                ++n;
            }
            if (n == 0) {
                out += "\\x";
            } else {
                out += char(v);
            }
            break;
        }
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7': {
            // echo: \0NNN (up to 3 digits after the 0); printf: \NNN
            int v = 0, n = 0;
            size_t j = i;
            if (!printf_style && d == '0') {
                ++j;
            } else if (!printf_style) {
                out += '\\';
                out += d;
                break;
            }
            while (n < 3 && j < s.size() && s[j] >= '0' && s[j] <= '7') {
                v = v * 8 + (s[j] - '0');
                ++j;
                ++n;
            }
            i = j - 1;
            out += char(v & 0xff);
            break;
        }
        default: out += '\\'; out += d;
        }
    }
    return out;
}

int b_echo(Ctx& ctx) {
    bool nl = true, esc = false;
    size_t i = 1;
    for (; i < ctx.argv.size(); ++i) {
        const std::string& a = ctx.argv[i];
        if (a.size() < 2 || a[0] != '-') break;
        bool ok = std::all_of(a.begin() + 1, a.end(), [](char c) { return c == 'n' || c == 'e' || c == 'E'; });
        if (!ok) break;
        for (char c : a.substr(1)) {
            if (c == 'n') nl = false;
            if (c == 'e') esc = true;
            if (c == 'E') esc = false;
        }
    }
    std::string out;
    for (size_t k = i; k < ctx.argv.size(); ++k) {
        if (k > i) out += ' ';
        if (esc) {
            bool stop = false;
            out += unescape(ctx.argv[k], stop, false);
            if (stop) {
                ctx.out(out);
                return 0;
            }
        } else {
            out += ctx.argv[k];
        }
    }
    if (nl) out += '\n';
    ctx.out(out);
    return 0;
}

}  // namespace

namespace {

// One printf run: the arguments it consumes, its output and status.
class Printf {
public:
    Printf(Ctx& ctx, const std::vector<std::string>& args, const std::string& prefix)
        : m_ctx(ctx), m_args(args), m_prefix(prefix) {}
    int run();

private:
    // What one piece of the format did: go on; stop and print (\c); stop
    // with status 1 after printing (a bad format); stop at once.
    enum class Next { more, done, fail, abort };
    const std::string* next_arg() { return m_ai < m_args.size() ? &m_args[m_ai++] : nullptr; }
    void to_int(const std::string* a, int64_t& v);
    void to_double(const std::string* a, double& v);
    Next escape(const std::string& fmt, size_t& i);     // the escape at fmt[i]
    Next directive(const std::string& fmt, size_t& i);  // the %-directive at fmt[i]
    Next convert(char conv, const std::string& spec, const std::string& fmt, size_t i);
    // `s` through the %s spec (width, precision, '-').
    void put_string(const std::string& spec, const std::string& s);

    Ctx& m_ctx;
    const std::vector<std::string>& m_args;
    const std::string& m_prefix;
    size_t m_ai = 1;
    int m_status = 0;
    std::string m_out;
};

void Printf::to_int(const std::string* a, int64_t& v) {
    if (!a) {
        v = 0;
        return;
    }
    const std::string& s = *a;
    if (!s.empty() && (s[0] == '\'' || s[0] == '"')) {
        v = s.size() > 1 ? static_cast<unsigned char>(s[1]) : 0;
        return;
    }
    std::string t = s;
    size_t b = t.find_first_not_of(" \t");
    t = b == std::string::npos ? "" : t.substr(b);
    errno = 0;
    char* end = nullptr;
    long long r = 0;
    if (!t.empty() && t[0] == '-') {
        r = std::strtoll(t.c_str(), &end, 0);
    } else {
        r = (long long)std::strtoull(t.c_str(), &end, 0);
    }
    if (t.empty() || *end != '\0') {
        // busybox: the value of a bad number is 0
        m_ctx.err(m_prefix + "invalid number '" + s + "'\n");
        m_status = 1;
        v = 0;
        return;
    }
    v = r;
}

void Printf::to_double(const std::string* a, double& v) {
    if (!a) {
        v = 0;
        return;
    }
    char* end = nullptr;
    v = std::strtod(a->c_str(), &end);
    if (a->empty() || *end != '\0') {
        m_ctx.err(m_prefix + "invalid number '" + *a + "'\n");
        m_status = 1;
    }
}

Printf::Next Printf::escape(const std::string& fmt, size_t& i) {
    size_t j = i + 1;
    if (j < fmt.size() && fmt[j] >= '0' && fmt[j] <= '7') {
        int v = 0, n = 0;
        while (n < 3 && j < fmt.size() && fmt[j] >= '0' && fmt[j] <= '7') {
            v = v * 8 + (fmt[j] - '0');
            ++j;
            ++n;
        }
        m_out += char(v);
        i = j - 1;
        return Next::more;
    }
    bool stop = false;
    size_t len = 2;
    if (j < fmt.size() && fmt[j] == 'x') {
        len = 2;
        while (len < 4 && i + len < fmt.size() && std::isxdigit(static_cast<unsigned char>(fmt[i + len]))) ++len;
    }
    std::string e = unescape(std::string_view(fmt).substr(i, len), stop, true);
    if (stop) return Next::done;
    m_out += e;
    i += len - 1;
    return Next::more;
}

void Printf::put_string(const std::string& spec, const std::string& s) {
    std::string f = spec + "s";
    int n = std::snprintf(nullptr, 0, f.c_str(), s.c_str());
    std::string r(size_t(std::max(n, 0)) + 1, '\0');
    std::snprintf(r.data(), r.size(), f.c_str(), s.c_str());
    r.resize(size_t(std::max(n, 0)));
    m_out += r;
}

// %[flags][width][.prec]conv; `i` is left on the conversion character.
Printf::Next Printf::directive(const std::string& fmt, size_t& i) {
    size_t j = i + 1;
    std::string spec = "%";
    while (j < fmt.size() && std::string_view("-+ #0").find(fmt[j]) != std::string_view::npos) spec += fmt[j++];
    if (j < fmt.size() && fmt[j] == '*') {
        int64_t w = 0;
        to_int(next_arg(), w);
        spec += std::to_string(w);
        ++j;
    } else {
        while (j < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[j]))) spec += fmt[j++];
    }
    if (j < fmt.size() && fmt[j] == '.') {
        spec += fmt[j++];
        if (j < fmt.size() && fmt[j] == '*') {
            int64_t p = 0;
            to_int(next_arg(), p);
            spec += std::to_string(p);
            ++j;
        } else {
            while (j < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[j]))) spec += fmt[j++];
        }
    }
    while (j < fmt.size() && (fmt[j] == 'l' || fmt[j] == 'h' || fmt[j] == 'L' || fmt[j] == 'z' || fmt[j] == 'j')) ++j;
    if (j >= fmt.size()) {
        m_ctx.err(m_prefix + "%" + fmt.substr(i + 1) + ": invalid format\n");
        return Next::fail;
    }
    // cap absurd widths (a printf "%999999999d" must not eat memory)
    std::string num;
    for (char c : spec)
        if (std::isdigit(static_cast<unsigned char>(c))) num += c;
    if (num.size() > 5) {
        m_ctx.err(m_prefix + "layerlab: field width too large\n");
        return Next::abort;
    }
    Next n = convert(fmt[j], spec, fmt, i);
    i = j;
    return n;
}

// One C conversion, as long as it comes out (a width or precision up to
// 99,999 is allowed: no fixed buffer cuts it).
template <class T>
static std::string format_one(const std::string& f, T v) {
    const int n = std::snprintf(nullptr, 0, f.c_str(), v);
    if (n <= 0) return {};
    std::string out(size_t(n), '\0');
    std::snprintf(out.data(), out.size() + 1, f.c_str(), v);
    return out;
}

Printf::Next Printf::convert(char conv, const std::string& spec, const std::string& fmt, size_t i) {
    switch (conv) {
    case 's': {
        const std::string* a = next_arg();
        put_string(spec, a ? *a : std::string());
        return Next::more;
    }
    case 'b': {
        const std::string* a = next_arg();
        bool stop = false;
        put_string(spec, unescape(a ? *a : "", stop, false));
        return stop ? Next::done : Next::more;
    }
    case 'c': {
        const std::string* a = next_arg();
        // what C's printf writes up to its first NUL (an empty argument gives none)
        m_out += format_one(spec + "c", a && !a->empty() ? (*a)[0] : '\0').c_str();
        return Next::more;
    }
    case 'd':
    case 'i': {
        int64_t v = 0;
        to_int(next_arg(), v);
        m_out += format_one(spec + "lld", (long long)v);
        return Next::more;
    }
    case 'u':
    case 'o':
    case 'x':
    case 'X': {
        int64_t v = 0;
        to_int(next_arg(), v);
        m_out += format_one(spec + "ll" + conv, (unsigned long long)v);
        return Next::more;
    }
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G':
    case 'a':
    case 'A': {
        double v = 0;
        to_double(next_arg(), v);
        m_out += format_one(spec + conv, v);
        return Next::more;
    }
    default: m_ctx.err(m_prefix + fmt.substr(i) + ": invalid format\n"); return Next::fail;
    }
}

int Printf::run() {
    const std::string& fmt = m_args[0];
    bool first = true;
    int rounds = 0;
    // the format is reused while arguments remain (and it consumed some)
    while (first || (m_ai < m_args.size() && m_ai > 1)) {
        if (++rounds > 100000 || !m_ctx.sh.charge()) break;
        size_t before = m_ai;
        first = false;
        for (size_t i = 0; i < fmt.size(); ++i) {
            char ch = fmt[i];
            Next n = Next::more;
            if (ch == '\\') {
                n = escape(fmt, i);
            } else if (ch != '%') {
                m_out += ch;
            } else if (i + 1 < fmt.size() && fmt[i + 1] == '%') {
                m_out += '%';
                ++i;
            } else {
                n = directive(fmt, i);
            }
            if (n == Next::more) continue;
            if (n == Next::abort) return 1;
            m_ctx.out(m_out);
            return n == Next::fail ? 1 : m_status;
        }
        if (m_ai == before) break;  // the format consumed no argument
    }
    m_ctx.out(m_out);
    return m_status;
}

}  // namespace

// busybox printf (coreutils/printf.c), shared with the printf applet.
int run_printf(Ctx& ctx, const std::vector<std::string>& args, const std::string& prefix) {
    if (args.empty()) {
        ctx.err(prefix + "usage: printf FORMAT [ARGUMENT...]\n");
        return 2;
    }
    return Printf(ctx, args, prefix).run();
}

namespace {

int b_printf(Ctx& ctx) {
    std::vector<std::string> args(ctx.argv.begin() + 1, ctx.argv.end());
    if (!args.empty() && args[0] == "--") args.erase(args.begin());
    return run_printf(ctx, args, "sh: ");
}

// ---------------------------------------------------------------- test

class Test {
public:
    Test(Ctx& ctx, std::vector<std::string> a) : m_ctx(ctx), m_a(std::move(a)) {}
    // 0 true, 1 false, 2 error
    int run() {
        if (m_a.empty()) return 1;
        bool r = expr();
        if (m_err) return 2;
        if (m_i < m_a.size()) {
            berr(m_ctx, m_a[m_i] + ": unknown operand");
            return 2;
        }
        return r ? 0 : 1;
    }

private:
    Ctx& m_ctx;
    std::vector<std::string> m_a;
    size_t m_i = 0;
    bool m_err = false;
    int m_depth = 0;

    bool more() const { return m_i < m_a.size(); }
    const std::string& cur() const { return m_a[m_i]; }
    bool fail(const std::string& m) {
        if (!m_err) berr(m_ctx, m);
        m_err = true;
        return false;
    }

    bool expr() {
        bool v = and_expr();
        while (!m_err && more() && cur() == "-o") {
            ++m_i;
            bool r = and_expr();
            v = v || r;
        }
        return v;
    }
    bool and_expr() {
        bool v = not_expr();
        while (!m_err && more() && cur() == "-a") {
            ++m_i;
            bool r = not_expr();
            v = v && r;
        }
        return v;
    }
    bool not_expr() {
        if (++m_depth > 200) return fail("expression too deeply nested");
        struct G {
            int& d;
            ~G() { --d; }
        } g{m_depth};
        if (more() && cur() == "!" && m_a.size() - m_i > 1) {
            ++m_i;
            return !not_expr();
        }
        return primary();
    }
    static bool is_unary(const std::string& s) {
        static constexpr std::string_view u[] = {"-e", "-f", "-d", "-h", "-L", "-r", "-w", "-x", "-s", "-z", "-n",
                                                 "-b", "-c", "-p", "-S", "-g", "-u", "-k", "-t", "-O", "-G"};
        return std::find(std::begin(u), std::end(u), s) != std::end(u);
    }
    static bool is_binary(const std::string& s) {
        static constexpr std::string_view b[] = {"=",   "!=",  "==",  "-eq", "-ne", "-lt", "-le",
                                                 "-gt", "-ge", "-nt", "-ot", "-ef", "<",   ">"};
        return std::find(std::begin(b), std::end(b), s) != std::end(b);
    }
    bool number(const std::string& s, int64_t& v) {
        std::string t = s;
        while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.erase(t.begin());
        while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
        std::optional<int64_t> n = parse_int(t);
        if (!n) {
            fail(s + ": bad number");
            return false;
        }
        v = *n;
        return true;
    }
    bool primary() {
        if (!more()) return fail("argument expected");
        size_t left = m_a.size() - m_i;
        // a binary operator takes precedence: [ "-f" = "-f" ]
        if (left >= 3 && is_binary(m_a[m_i + 1])) return binary();
        if (cur() == "(" && left >= 2) {
            ++m_i;
            bool v = expr();
            if (m_err) return false;
            if (!more() || cur() != ")") return fail("closing paren expected");
            ++m_i;
            return v;
        }
        if (is_unary(cur()) && left >= 2) return unary();
        if (left >= 2 && is_binary(m_a[m_i + 1])) {
            fail(m_a[m_i + 1] + ": argument expected");
            return false;
        }
        // a single string: true if not empty
        bool v = !cur().empty();
        ++m_i;
        return v;
    }
    bool unary() {
        std::string op = m_a[m_i++];
        const std::string& arg = m_a[m_i++];
        if (op == "-z") return arg.empty();
        if (op == "-n") return !arg.empty();
        if (op == "-t") return false;
        Container& c = m_ctx.c;
        std::string p = m_ctx.path(arg);
        if (arg.empty()) return false;
        if (op == "-h" || op == "-L") {
            Result<Stat> s = c.lstat(p);
            return s && s->type == EntryType::symlink;
        }
        Result<Stat> s = c.stat(p);
        if (!s) return false;
        const Cred& cr = c.cred();
        auto can = [&](uint32_t want) { return c.may_access(*s, want); };
        if (op == "-e") return true;
        if (op == "-f") return s->type == EntryType::file;
        if (op == "-d") return s->type == EntryType::dir;
        if (op == "-b") return s->type == EntryType::blockdev;
        if (op == "-c") return s->type == EntryType::chardev;
        if (op == "-p") return s->type == EntryType::fifo;
        if (op == "-S") return false;
        if (op == "-s") return s->type != EntryType::dir ? s->size > 0 : true;
        if (op == "-r") return can(4);
        if (op == "-w") return can(2);
        if (op == "-x") return can(1);
        if (op == "-u") return (s->mode & 04000) != 0;
        if (op == "-g") return (s->mode & 02000) != 0;
        if (op == "-k") return (s->mode & 01000) != 0;
        if (op == "-O") return s->uid == cr.uid;
        if (op == "-G") return s->gid == cr.gid;
        return false;
    }
    bool binary() {
        const std::string& a = m_a[m_i];
        const std::string& op = m_a[m_i + 1];
        const std::string& b = m_a[m_i + 2];
        m_i += 3;
        if (op == "=" || op == "==") return a == b;
        if (op == "!=") return a != b;
        if (op == "<") return a < b;
        if (op == ">") return a > b;
        if (op == "-nt" || op == "-ot" || op == "-ef") {
            Result<Stat> x = m_ctx.c.stat(m_ctx.path(a));
            Result<Stat> y = m_ctx.c.stat(m_ctx.path(b));
            if (op == "-ef") return x && y && x->ino == y->ino;
            if (op == "-nt") return x && (!y || x->mtime > y->mtime);
            return y && (!x || x->mtime < y->mtime);
        }
        int64_t x = 0, y = 0;
        if (!number(a, x) || !number(b, y)) return false;
        if (op == "-eq") return x == y;
        if (op == "-ne") return x != y;
        if (op == "-lt") return x < y;
        if (op == "-le") return x <= y;
        if (op == "-gt") return x > y;
        return x >= y;
    }
};

int b_test(Ctx& ctx) {
    std::vector<std::string> a(ctx.argv.begin() + 1, ctx.argv.end());
    if (ctx.name() == "[" || ctx.name() == "[[") {
        std::string close = ctx.name() == "[" ? "]" : "]]";
        if (a.empty() || a.back() != close) {
            berr(ctx, "missing " + close);
            return 2;
        }
        a.pop_back();
    }
    Test t(ctx, std::move(a));
    return t.run();
}

// ---------------------------------------------------------------- cd / pwd

int b_cd(Ctx& ctx) {
    Interp& sh = ctx.sh;
    std::vector<std::string> args;
    bool physical = false;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& a = ctx.argv[i];
        if (a == "-P") {
            physical = true;
        } else if (a == "-L") {
            physical = false;
        } else if (a == "--") {
            args.insert(args.end(), ctx.argv.begin() + long(i) + 1, ctx.argv.end());
            break;
        } else {
            args.push_back(a);
        }
    }
    std::string target;
    bool print = false;
    if (args.empty()) {
        const std::string* h = sh.get_var("HOME");
        if (!h || h->empty()) return 0;
        target = *h;
    } else if (args[0] == "-") {
        const std::string* o = sh.get_var("OLDPWD");
        target = o ? *o : sh.st.cwd;
        print = true;
    } else {
        target = args[0];
    }
    std::string abs = normalize_path(sh.abs_path(target));
    Result<Stat> s = ctx.c.stat(physical ? sh.abs_path(target) : abs);
    if (!s && s.error().code == Errc::enoent) {
        // a directory of a download layerlab stood in for (core/standin.h): made, and said so
        if (std::string tree = standin::stand_in_tree_of(ctx.c, abs); !tree.empty()) {
            sh.note(standin::tree_member_note("cd", abs, tree, "enter (an empty directory was made in its place)"));
            (void)mkdir_p(ctx.c, abs, 0755);
            s = ctx.c.stat(abs);
        }
    }
    Errc err = Errc::ok;
    if (!s) {
        err = s.error().code;
    } else if (s->type != EntryType::dir) {
        err = Errc::enotdir;
    } else {
        if (!ctx.c.may_access(*s, 1)) err = Errc::eacces;
    }
    if (err != Errc::ok) {
        ash_err(ctx, "cd", "can't cd to " + target + ": " + errno_text(err));
        return 2;
    }
    if (physical) {
        Result<std::string> rp = ctx.c.realpath(sh.abs_path(target));
        if (rp) abs = *rp;
    }
    sh.set_var("OLDPWD", sh.st.cwd);
    sh.st.cwd = abs;
    sh.set_var("PWD", abs);
    if (print) ctx.out(abs + "\n");
    return 0;
}

int b_pwd(Ctx& ctx) {
    bool physical = false;
    for (size_t i = 1; i < ctx.argv.size(); ++i)
        if (ctx.argv[i] == "-P") physical = true;
    std::string p = ctx.sh.st.cwd;
    if (physical) {
        Result<std::string> rp = ctx.c.realpath(p);
        if (rp) p = *rp;
    }
    ctx.out(p + "\n");
    return 0;
}

// ---------------------------------------------------------------- variables

std::string single_quoted(const std::string& v) {
    std::string s = "'";
    for (char c : v) {
        if (c == '\'') {
            s += "'\"'\"'";
        } else {
            s += c;
        }
    }
    return s + "'";
}

int b_export(Ctx& ctx) {
    Interp& sh = ctx.sh;
    bool ro = ctx.name() == "readonly";
    std::vector<std::string> names;
    bool print = false;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& a = ctx.argv[i];
        if (a == "-p") {
            print = true;
        } else if (a == "-n" && !ro) {
            // export -n: un-export (ash accepts it)
            for (size_t k = i + 1; k < ctx.argv.size(); ++k) {
                auto it = sh.st.vars.find(ctx.argv[k]);
                if (it != sh.st.vars.end()) it->second.exported = false;
            }
            return 0;
        } else if (a == "--") {
        } else {
            names.push_back(a);
        }
    }
    if (names.empty() || print) {
        std::string out;
        for (const auto& [k, v] : sh.st.vars) {
            if (ro ? !v.readonly : !v.exported) continue;
            out += (ro ? "readonly " : "export ") + k + "=" + single_quoted(v.value) + "\n";
        }
        ctx.out(out);
        return 0;
    }
    for (const std::string& a : names) {
        size_t eq = a.find('=');
        std::string name = a.substr(0, eq);
        if (!is_name(name)) {
            ash_err(ctx, ctx.name(), name + ": bad variable name");
            sh.raise_error(2);
            return 2;
        }
        if (eq != std::string::npos) {
            if (!sh.set_var(name, a.substr(eq + 1), &ctx.fds)) {
                sh.raise_error(2);
                return 2;
            }
        } else if (!sh.get_var(name) && !ro) {
            // export of an unset name: marked, still unset
            sh.set_var(name, "");
            sh.st.vars[name].exported = true;
            sh.st.vars[name].value.clear();
            continue;
        } else if (!sh.get_var(name)) {
            sh.set_var(name, "");
        }
        if (ro) {
            sh.st.vars[name].readonly = true;
        } else {
            sh.st.vars[name].exported = true;
        }
    }
    return 0;
}

int b_local(Ctx& ctx) {
    Interp& sh = ctx.sh;
    if (sh.func_depth == 0) {
        ash_err(ctx, "local", "not in a function");
        return 2;
    }
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& a = ctx.argv[i];
        size_t eq = a.find('=');
        std::string name = a.substr(0, eq);
        if (!is_name(name)) {
            ash_err(ctx, "local", name + ": bad variable name");
            return 2;
        }
        sh.make_local(name);
        if (eq != std::string::npos) sh.set_var(name, a.substr(eq + 1), &ctx.fds);
    }
    return 0;
}

int b_unset(Ctx& ctx) {
    Interp& sh = ctx.sh;
    bool funcs = false;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& a = ctx.argv[i];
        if (a == "-f") {
            funcs = true;
            continue;
        }
        if (a == "-v") continue;
        if (funcs) {
            sh.st.funcs.erase(a);
            continue;
        }
        auto it = sh.st.vars.find(a);
        if (it != sh.st.vars.end() && it->second.readonly) {
            ash_err(ctx, "unset", a + ": is read only");
            sh.raise_error(2);
            return 2;
        }
        sh.unset_var(a);
    }
    return 0;
}

int b_set(Ctx& ctx) {
    Interp& sh = ctx.sh;
    State& st = sh.st;
    if (ctx.argv.size() == 1) {
        std::string out;
        for (const auto& [k, v] : st.vars) out += k + "=" + single_quoted(v.value) + "\n";
        ctx.out(out);
        return 0;
    }
    auto set_opt = [&](char c, bool on) -> bool {
        switch (c) {
        case 'e': st.errexit = on; return true;
        case 'x': st.xtrace = on; return true;
        case 'u': st.nounset = on; return true;
        case 'f': st.noglob = on; return true;
        case 'C': st.noclobber = on; return true;
        case 'v':
        case 'a':
        case 'b':
        case 'm':
        case 'n':
        case 'h': return true;
        default: return false;
        }
    };
    auto set_long = [&](const std::string& name, bool on) -> bool {
        if (name == "errexit") return set_opt('e', on);
        if (name == "xtrace") return set_opt('x', on);
        if (name == "nounset") return set_opt('u', on);
        if (name == "noglob") return set_opt('f', on);
        if (name == "noclobber") return set_opt('C', on);
        if (name == "pipefail") {
            sh.pipefail = on;
            return true;
        }
        if (name == "verbose" || name == "allexport" || name == "monitor" || name == "notify" || name == "vi" ||
            name == "emacs" || name == "ignoreeof" || name == "noexec")
            return true;
        return false;
    };
    size_t i = 1;
    for (; i < ctx.argv.size(); ++i) {
        const std::string& a = ctx.argv[i];
        if (a == "--") {
            ++i;
            st.params.assign(ctx.argv.begin() + long(i), ctx.argv.end());
            return 0;
        }
        if (a == "-") {
            st.xtrace = false;
            ++i;
            break;
        }
        if (a.size() < 2 || (a[0] != '-' && a[0] != '+')) break;
        bool on = a[0] == '-';
        if (a[1] == 'o') {
            if (i + 1 >= ctx.argv.size()) {
                // set -o: list options
                std::string out;
                auto row = [&](const char* n, bool v) {
                    out += std::string(n) + (std::string(12 - std::string(n).size(), ' ')) + (v ? "on" : "off") + "\n";
                };
                row("errexit", st.errexit);
                row("noglob", st.noglob);
                row("xtrace", st.xtrace);
                row("noclobber", st.noclobber);
                row("nounset", st.nounset);
                row("pipefail", sh.pipefail);
                ctx.out(out);
                return 0;
            }
            if (!set_long(ctx.argv[++i], on)) {
                ash_err(ctx, "set", "illegal option -o " + ctx.argv[i]);
                sh.raise_error(2);
                return 2;
            }
            continue;
        }
        for (size_t k = 1; k < a.size(); ++k) {
            if (!set_opt(a[k], on)) {
                ash_err(ctx, "set", "illegal option -" + std::string(1, a[k]));
                sh.raise_error(2);
                return 2;
            }
        }
    }
    if (i < ctx.argv.size()) st.params.assign(ctx.argv.begin() + long(i), ctx.argv.end());
    return 0;
}

int b_shift(Ctx& ctx) {
    Interp& sh = ctx.sh;
    int64_t n = 1;
    if (ctx.argv.size() > 1) {
        std::optional<int64_t> v = parse_int(ctx.argv[1]);
        if (!v || *v < 0) {
            ash_err(ctx, "shift", "Illegal number: " + ctx.argv[1]);
            sh.raise_error(2);
            return 2;
        }
        n = *v;
    }
    if (size_t(n) > sh.st.params.size()) return 1;
    sh.st.params.erase(sh.st.params.begin(), sh.st.params.begin() + long(n));
    return 0;
}

// ---------------------------------------------------------------- control

int number_arg(Ctx& ctx, int dflt, bool& ok) {
    ok = true;
    if (ctx.argv.size() < 2) return dflt;
    std::optional<int64_t> v = parse_int(ctx.argv[1]);
    if (!v) {
        ash_err(ctx, ctx.name(), "Illegal number: " + ctx.argv[1]);
        ok = false;
        return 2;
    }
    return int(*v);
}

int b_exit(Ctx& ctx) {
    bool ok = true;
    int n = number_arg(ctx, ctx.sh.st.status, ok);
    if (!ok) {
        ctx.sh.raise_error(2);
        return 2;
    }
    ctx.sh.exit_status = n & 0xff;
    ctx.sh.flow = Flow::exit;
    return n & 0xff;
}

int b_return(Ctx& ctx) {
    bool ok = true;
    int n = number_arg(ctx, ctx.sh.st.status, ok);
    if (!ok) {
        ctx.sh.raise_error(2);
        return 2;
    }
    ctx.sh.exit_status = n & 0xff;
    ctx.sh.flow = Flow::ret;
    return n & 0xff;
}

int b_break(Ctx& ctx) {
    bool ok = true;
    int n = number_arg(ctx, 1, ok);
    if (!ok) {
        ctx.sh.raise_error(2);
        return 2;
    }
    if (n < 1) {
        ash_err(ctx, ctx.name(), "Illegal number: " + ctx.argv[1]);
        ctx.sh.raise_error(2);
        return 2;
    }
    if (ctx.sh.loop_depth == 0) return 0;  // ash ignores break outside a loop
    ctx.sh.flow = ctx.name() == "break" ? Flow::brk : Flow::cont;
    ctx.sh.flow_count = std::min(n, ctx.sh.loop_depth);
    return 0;
}

int b_eval(Ctx& ctx) {
    std::string s;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        if (i > 1) s += ' ';
        s += ctx.argv[i];
    }
    Interp& sh = ctx.sh;
    if (sh.depth >= Interp::k_max_depth) {
        berr(ctx, "eval: layerlab: nested too deeply");
        return 2;
    }
    ++sh.depth;
    int status = sh.run_text(s, ctx.fds, {});
    --sh.depth;
    return status;
}

int b_source(Ctx& ctx) {
    Interp& sh = ctx.sh;
    if (ctx.argv.size() < 2) return 0;
    const std::string& f = ctx.argv[1];
    std::string path;
    if (f.find('/') != std::string::npos) {
        path = sh.abs_path(f);
        Result<std::string> t = ctx.c.read_text(path, k_text_limit);
        if (!t) {
            ash_err(ctx, ".", "can't open '" + f + "': " + errno_text(t.error().code));
            sh.raise_error(2);
            return 2;
        }
    } else {
        const std::string* p = sh.get_var("PATH");
        for (const std::string& d : split_char(p ? *p : "", ':')) {
            std::string cand = sh.abs_path(d.empty() ? "." : d) + "/" + f;
            Result<Stat> s = ctx.c.stat(cand);
            if (s && s->type == EntryType::file) {
                path = cand;
                break;
            }
        }
        if (path.empty()) {
            ash_err(ctx, ".", f + ": not found");
            sh.raise_error(2);
            return 2;
        }
    }
    Result<std::string> text = ctx.c.read_text(path, k_text_limit);
    if (!text) {
        ash_err(ctx, ".", "can't open '" + f + "': " + errno_text(text.error().code));
        sh.raise_error(2);
        return 2;
    }
    if (sh.depth >= Interp::k_max_depth) {
        berr(ctx, ".: layerlab: nested too deeply");
        return 2;
    }
    std::vector<std::string> saved;
    bool with_args = ctx.argv.size() > 2;
    if (with_args) {
        saved = sh.st.params;
        sh.st.params.assign(ctx.argv.begin() + 2, ctx.argv.end());
    }
    ++sh.depth;
    int status = sh.run_text(*text, ctx.fds, {});
    --sh.depth;
    if (sh.flow == Flow::ret) {
        sh.flow = Flow::none;
        status = sh.exit_status;
    }
    if (with_args) sh.st.params = saved;
    return status;
}

int b_exec(Ctx& ctx) {
    Interp& sh = ctx.sh;
    if (ctx.argv.size() < 2) return 0;
    std::vector<std::string> argv(ctx.argv.begin() + 1, ctx.argv.end());
    int status = sh.run_command(std::move(argv), ctx.fds, {});
    if (sh.flow == Flow::none) {
        sh.exit_status = status;
        sh.flow = Flow::exit;  // exec replaces the shell: nothing after it runs
    }
    return status;
}

int b_read(Ctx& ctx) {
    Interp& sh = ctx.sh;
    bool raw = false;
    std::vector<std::string> names;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& a = ctx.argv[i];
        if (a == "-r") {
            raw = true;
        } else if (a == "-p" || a == "-t" || a == "-n" || a == "-u" || a == "-d") {
            ++i;  // prompt (not shown: no terminal), timeouts: ignored
        } else if (a == "-s") {
        } else {
            names.push_back(a);
        }
    }
    if (names.empty()) names.push_back("REPLY");
    std::string line;
    bool got_nl = false;
    bool any = false;
    std::string acc;
    for (;;) {
        bool nl = false;
        bool ok = ctx.read_line(line, &nl);
        if (sh.aborted()) return 1;
        if (!ok) break;
        any = true;
        got_nl = nl;
        if (!raw && !line.empty() && line.back() == '\\' && nl) {
            // backslash-newline: the line continues
            size_t bs = 0;
            for (size_t k = line.size(); k-- > 0 && line[k] == '\\';) ++bs;
            if (bs % 2 == 1) {
                line.pop_back();
                acc += line;
                continue;
            }
        }
        acc += line;
        break;
    }
    // remove backslashes (without -r) while splitting on IFS
    const std::string* ifsp = sh.get_var("IFS");
    std::string ifs = ifsp ? *ifsp : " \t\n";
    auto is_ifs = [&](char c) { return ifs.find(c) != std::string::npos; };
    auto is_ws = [&](char c) { return (c == ' ' || c == '\t' || c == '\n') && is_ifs(c); };
    std::vector<std::string> vals;
    std::string cur;
    size_t i = 0;
    while (i < acc.size() && is_ws(acc[i])) ++i;
    for (size_t v = 0; v < names.size(); ++v) {
        cur.clear();
        bool last = v + 1 == names.size();
        if (last) {
            // the rest of the line, trailing IFS whitespace removed
            std::string rest;
            for (; i < acc.size(); ++i) {
                if (!raw && acc[i] == '\\' && i + 1 < acc.size()) {
                    rest += acc[++i];
                    continue;
                }
                rest += acc[i];
            }
            while (!rest.empty() && is_ws(rest.back())) rest.pop_back();
            vals.push_back(rest);
            break;
        }
        while (i < acc.size() && !is_ifs(acc[i])) {
            if (!raw && acc[i] == '\\' && i + 1 < acc.size()) ++i;
            cur += acc[i++];
        }
        vals.push_back(cur);
        // skip one delimiter (whitespace runs count as one)
        while (i < acc.size() && is_ws(acc[i])) ++i;
        if (i < acc.size() && is_ifs(acc[i]) && !is_ws(acc[i])) {
            ++i;
            while (i < acc.size() && is_ws(acc[i])) ++i;
        }
    }
    for (size_t v = 0; v < names.size(); ++v) {
        if (!is_name(names[v])) {
            ash_err(ctx, "read", "'" + names[v] + "': not a valid identifier");
            return 2;
        }
        sh.set_var(names[v], v < vals.size() ? vals[v] : std::string(), &ctx.fds);
    }
    return any && got_nl ? 0 : 1;
}

std::string octal4(uint32_t m) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04o", m & 07777);
    return buf;
}

int b_umask(Ctx& ctx) {
    Interp& sh = ctx.sh;
    bool symbolic = false;
    std::string spec;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        if (ctx.argv[i] == "-S") {
            symbolic = true;
        } else {
            spec = ctx.argv[i];
        }
    }
    if (spec.empty()) {
        if (symbolic) {
            uint32_t m = ~sh.st.umask & 0777;
            auto part = [&](int shift) {
                std::string s;
                if (m & (4u << shift)) s += 'r';
                if (m & (2u << shift)) s += 'w';
                if (m & (1u << shift)) s += 'x';
                return s;
            };
            ctx.out("u=" + part(6) + ",g=" + part(3) + ",o=" + part(0) + "\n");
        } else {
            ctx.out(octal4(sh.st.umask) + "\n");
        }
        return 0;
    }
    std::optional<uint32_t> m;
    if (spec[0] >= '0' && spec[0] <= '7') {
        m = parse_mode(spec, 0, false, 0);
    } else {
        std::optional<uint32_t> perm = parse_mode(spec, ~sh.st.umask & 0777, true, 0);
        if (perm) m = ~*perm & 0777;
    }
    if (!m) {
        ash_err(ctx, "umask", "Illegal mode: " + spec);
        return 1;
    }
    sh.st.umask = *m & 0777;
    sh.sync_container();
    return 0;
}

// How a name would be run: "" if not found.
std::string locate(Ctx& ctx, const std::string& name, std::string& kind) {
    Interp& sh = ctx.sh;
    static constexpr std::string_view kw[] = {"!",   "case", "do", "done", "elif",  "else",  "esac", "fi",
                                              "for", "if",   "in", "then", "until", "while", "{",    "}"};
    if (std::find(std::begin(kw), std::end(kw), name) != std::end(kw)) {
        kind = "keyword";
        return name;
    }
    if (sh.st.funcs.count(name)) {
        kind = "function";
        return name;
    }
    if (is_builtin(name)) {
        kind = is_special_builtin(name) ? "special" : "builtin";
        return name;
    }
    if (name.find('/') != std::string::npos) {
        Result<Stat> s = ctx.c.stat(sh.abs_path(name));
        if (s && s->type == EntryType::file) {
            kind = "file";
            return name;
        }
        return {};
    }
    const std::string* p = sh.get_var("PATH");
    for (const std::string& d : split_char(p ? *p : "", ':')) {
        std::string cand = (d.empty() ? std::string(".") : d) + "/" + name;
        Result<Stat> s = ctx.c.stat(sh.abs_path(cand));
        if (s && s->type == EntryType::file && (s->mode & 0111)) {
            kind = "file";
            return cand;
        }
    }
    return {};
}

int b_command(Ctx& ctx) {
    Interp& sh = ctx.sh;
    size_t i = 1;
    bool v = false, V = false;
    for (; i < ctx.argv.size(); ++i) {
        const std::string& a = ctx.argv[i];
        if (a == "-v") {
            v = true;
        } else if (a == "-V") {
            V = true;
        } else if (a == "-p") {
        } else if (a == "--") {
            ++i;
            break;
        } else {
            break;
        }
    }
    if (i >= ctx.argv.size()) return 0;
    if (v || V) {
        int status = 0;
        for (; i < ctx.argv.size(); ++i) {
            std::string kind;
            std::string where = locate(ctx, ctx.argv[i], kind);
            if (where.empty()) {
                if (V) berr(ctx, ctx.argv[i] + ": not found");
                status = 127;
                continue;
            }
            if (V) {
                ctx.out(ctx.argv[i] +
                        (kind == "file"       ? " is " + where
                         : kind == "function" ? " is a function"
                         : kind == "keyword"  ? " is a shell keyword"
                         : kind == "special"  ? " is a special shell builtin"
                                              : " is a shell builtin") +
                        "\n");
            } else {
                ctx.out(where + "\n");
            }
        }
        return status;
    }
    // command NAME ARGS: run, skipping functions
    std::vector<std::string> argv(ctx.argv.begin() + long(i), ctx.argv.end());
    auto saved = sh.st.funcs;
    sh.st.funcs.erase(argv[0]);
    int status = sh.run_command(std::move(argv), ctx.fds, {});
    if (sh.st.funcs.empty() || true) {
        for (auto& [k, f] : saved)
            if (!sh.st.funcs.count(k)) sh.st.funcs[k] = f;
    }
    return status;
}

int b_type(Ctx& ctx) {
    int status = 0;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& n = ctx.argv[i];
        std::string kind;
        std::string where = locate(ctx, n, kind);
        if (where.empty()) {
            ctx.out(n + ": not found\n");
            status = 127;
        } else if (kind == "file") {
            ctx.out(n + " is " + where + "\n");
        } else if (kind == "function") {
            ctx.out(n + " is a function\n");
        } else if (kind == "keyword") {
            ctx.out(n + " is a shell keyword\n");
        } else if (kind == "special") {
            ctx.out(n + " is a special shell builtin\n");
        } else {
            ctx.out(n + " is a shell builtin\n");
        }
    }
    return status;
}

int b_trap(Ctx& ctx) {
    Interp& sh = ctx.sh;
    if (ctx.argv.size() == 1) {
        if (sh.st.has_exit_trap) ctx.out("trap -- " + single_quoted(sh.st.exit_trap) + " EXIT\n");
        return 0;
    }
    std::string action = ctx.argv[1];
    size_t i = 2;
    bool reset = false;
    if (std::optional<int64_t> n = parse_int(action); n || action == "-") {
        // "trap 0" / "trap - EXIT": reset
        reset = true;
        if (n) i = 1;
    }
    for (; i < ctx.argv.size(); ++i) {
        const std::string& sig = ctx.argv[i];
        if (sig == "EXIT" || sig == "0") {
            if (reset) {
                sh.st.has_exit_trap = false;
                sh.st.exit_trap.clear();
            } else {
                sh.st.has_exit_trap = true;
                sh.st.exit_trap = action;
            }
        }
        // other signals never arrive in the simulator: accepted and ignored
    }
    return 0;
}

int b_ok(Ctx&) { return 0; }

int b_ulimit(Ctx& ctx) {
    for (size_t i = 1; i < ctx.argv.size(); ++i)
        if (ctx.argv[i] == "-n") {
            ctx.out("1048576\n");
            return 0;
        }
    if (ctx.argv.size() <= 1 || ctx.argv[1][0] == '-') ctx.out("unlimited\n");
    return 0;
}

int b_times(Ctx& ctx) {
    ctx.out("0m0.000000s 0m0.000000s\n0m0.000000s 0m0.000000s\n");
    return 0;
}

int b_kill(Ctx& ctx) {
    // Only the shell itself (pid 1) exists in the simulated container.
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& a = ctx.argv[i];
        if (a[0] == '-') continue;
        if (a == "1" || a == "0") continue;
        ash_err(ctx, "kill", "can't kill pid " + a + ": No such process");
        return 1;
    }
    return 0;
}

int b_let(Ctx& ctx) {
    int64_t v = 0;
    if (ctx.argv.size() < 2) {
        berr(ctx, "let: expression expected");
        return 1;
    }
    for (size_t i = 1; i < ctx.argv.size(); ++i)
        if (!ctx.sh.arith(ctx.argv[i], v, ctx.fds)) return 2;
    return v == 0 ? 1 : 0;
}

int b_getopts(Ctx& ctx) {
    Interp& sh = ctx.sh;
    if (ctx.argv.size() < 3) {
        berr(ctx, "getopts: usage: getopts optstring var [arg...]");
        return 2;
    }
    const std::string& spec = ctx.argv[1];
    const std::string& var = ctx.argv[2];
    std::vector<std::string> args(ctx.argv.begin() + 3, ctx.argv.end());
    if (args.empty()) args = sh.st.params;
    const std::string* oi = sh.get_var("OPTIND");
    int64_t ind = oi ? parse_int(*oi).value_or(1) : 1;
    if (ind < 1) ind = 1;
    size_t sub = sh.getopts_sub;
    if (size_t(ind - 1) >= args.size()) {
        sh.set_var(var, "?");
        sh.getopts_sub = 0;
        return 1;
    }
    const std::string& a = args[size_t(ind - 1)];
    if (sub == 0) {
        if (a.size() < 2 || a[0] != '-' || a == "--") {
            if (a == "--") sh.set_var("OPTIND", std::to_string(ind + 1));
            sh.set_var(var, "?");
            return 1;
        }
        sub = 1;
    }
    char ch = a[sub];
    size_t f = spec.find(ch);
    bool silent = !spec.empty() && spec[0] == ':';
    auto advance = [&]() {
        if (sub + 1 >= a.size()) {
            ++ind;
            sh.getopts_sub = 0;
        } else {
            sh.getopts_sub = sub + 1;
        }
    };
    if (f == std::string::npos || ch == ':') {
        if (!silent) berr(ctx, "invalid option -- '" + std::string(1, ch) + "'");
        sh.set_var(var, "?");
        if (silent) sh.set_var("OPTARG", std::string(1, ch));
        advance();
        sh.set_var("OPTIND", std::to_string(ind));
        return 0;
    }
    sh.set_var(var, std::string(1, ch));
    if (f + 1 < spec.size() && spec[f + 1] == ':') {
        if (sub + 1 < a.size()) {
            sh.set_var("OPTARG", a.substr(sub + 1));
            ++ind;
        } else if (size_t(ind) < args.size()) {
            sh.set_var("OPTARG", args[size_t(ind)]);
            ind += 2;
        } else {
            if (!silent) berr(ctx, "option requires an argument -- '" + std::string(1, ch) + "'");
            sh.set_var(var, "?");
            ++ind;
        }
        sh.getopts_sub = 0;
    } else {
        sh.unset_var("OPTARG");
        advance();
    }
    sh.set_var("OPTIND", std::to_string(ind));
    return 0;
}

// ---------------------------------------------------------------- sh

int p_sh(Ctx& ctx) {
    Interp& sh = ctx.sh;
    std::vector<std::string> args(ctx.argv.begin() + 1, ctx.argv.end());
    bool has_c = false, errexit = false, xtrace = false, nounset = false, noexec = false, from_stdin = false;
    bool stdin_flag = false;
    size_t i = 0;
    for (; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") {
            ++i;
            break;
        }
        if (a.size() < 2 || (a[0] != '-' && a[0] != '+')) break;
        if (a == "-o" || a == "+o") {
            ++i;
            if (i < args.size() && args[i] == "pipefail") {}
            continue;
        }
        for (size_t k = 1; k < a.size(); ++k) {
            switch (a[k]) {
            case 'c': has_c = true; break;
            case 'e': errexit = true; break;
            case 'x': xtrace = true; break;
            case 'u': nounset = true; break;
            case 'n': noexec = true; break;
            case 's': stdin_flag = true; break;
            case 'l':
            case 'i':
            case 'v':
            case 'f':
            case 'a':
            case 'C':
            case 'm': break;
            default: ctx.err(ctx.name() + ": invalid option -- '" + std::string(1, a[k]) + "'\n"); return 2;
            }
        }
    }
    std::string script, arg0 = ctx.name(), script_name;
    std::vector<std::string> params;
    if (has_c) {
        if (i >= args.size()) {
            ctx.err(ctx.name() + ": -c requires an argument\n");
            return 2;
        }
        script = args[i++];
        if (i < args.size()) arg0 = args[i++];
        params.assign(args.begin() + long(i), args.end());
    } else if (i < args.size() && !stdin_flag) {
        const std::string& file = args[i];
        Result<std::string> text = ctx.c.read_text(sh.abs_path(file), k_text_limit);
        if (!text) {
            ctx.err(ctx.name() + ": can't open '" + file + "': " + errno_text(text.error().code) + "\n");
            return 2;
        }
        script = *text;
        arg0 = file;
        script_name = file;
        params.assign(args.begin() + long(i) + 1, args.end());
    } else {
        // the script comes on stdin: `curl ... | sh`
        std::optional<std::string> t = ctx.stdin_text();
        if (!t) return 2;
        script = *t;
        params.assign(args.begin() + long(i), args.end());
        from_stdin = true;
    }
    if (noexec) {
        Result<NodePtr> r = parse(script);
        if (!r) {
            ctx.err(ctx.name() + ": " + r.error().message + "\n");
            return 2;
        }
        return 0;
    }
    std::string prelude;
    if (errexit) prelude += "set -e\n";
    if (xtrace) prelude += "set -x\n";
    if (nounset) prelude += "set -u\n";
    if (!prelude.empty()) {
        // options apply to the child only; a tiny prelude is the simplest way
        script = prelude + script;
    }
    return sh.run_child_shell(script, arg0, std::move(params), ctx.fds, ctx.env, script_name, from_stdin);
}

}  // namespace

std::vector<ProgramDef> builtin_programs() {
    return {
        {".", b_source},        {":", b_true},         {"[", b_test},        {"[[", b_test},
        {"alias", b_ok},        {"break", b_break},    {"cd", b_cd},         {"chdir", b_cd},
        {"command", b_command}, {"continue", b_break}, {"echo", b_echo},     {"eval", b_eval},
        {"exec", b_exec},       {"exit", b_exit},      {"export", b_export}, {"false", b_false},
        {"getopts", b_getopts}, {"hash", b_ok},        {"kill", b_kill},     {"let", b_let},
        {"local", b_local},     {"printf", b_printf},  {"pwd", b_pwd},       {"read", b_read},
        {"readonly", b_export}, {"return", b_return},  {"set", b_set},       {"shift", b_shift},
        {"source", b_source},   {"test", b_test},      {"times", b_times},   {"trap", b_trap},
        {"true", b_true},       {"type", b_type},      {"ulimit", b_ulimit}, {"umask", b_umask},
        {"unalias", b_ok},      {"unset", b_unset},    {"wait", b_ok},       {"sh", p_sh},
        {"ash", p_sh},          {"bash", p_sh},        {"dash", p_sh},
    };
}

bool is_builtin(std::string_view name) {
    static constexpr std::string_view k[] = {
        ".",     ":",      "[",    "[[",   "alias",    "break",  "cd",      "chdir", "command", "continue",
        "echo",  "eval",   "exec", "exit", "export",   "false",  "getopts", "hash",  "kill",    "let",
        "local", "printf", "pwd",  "read", "readonly", "return", "set",     "shift", "source",  "test",
        "times", "trap",   "true", "type", "ulimit",   "umask",  "unalias", "unset", "wait"};
    return std::find(std::begin(k), std::end(k), name) != std::end(k);
}

bool is_special_builtin(std::string_view name) {
    static constexpr std::string_view k[] = {".",      ":",      "break",    "continue", "eval", "exec",
                                             "exit",   "export", "readonly", "return",   "set",  "shift",
                                             "source", "times",  "trap",     "unset"};
    return std::find(std::begin(k), std::end(k), name) != std::end(k);
}

}  // namespace ll::shell
