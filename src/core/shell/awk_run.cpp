// awk_run.cpp: runs an awk::Program (awk.h) over files or stdin: the `awk`
// program of busybox (busybox, Alpine) and of Debian (mawk).
//
//   Val, Cell       values (number, string, strnum) and variables (scalar or array)
//   Awk::fields     splitting $0 by FS (" ": blanks; one char; else an ERE), NF, $0 rebuilt with OFS
//   Awk::eval       expressions; eval_call: the builtins (length substr index split
//                   sub gsub match sprintf tolower toupper int sqrt exp log sin cos
//                   atan2 rand srand system close)
//   Awk::exec       statements; print/printf (to stdout or > >> a file)
//   Awk::run        BEGIN, each record through the items, END
//   p_awk           the command line: -F fs, -v var=val, -f file, 'prog', files and var=val operands
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/shell/awk.h"
#include "core/shell/interp.h"
#include "core/shell/regex.h"

namespace ll::shell {

namespace {

using namespace awk;

struct Val {
    enum Kind : uint8_t { uninit, num, str, strnum } kind = uninit;
    double n = 0;
    std::string s;
    static Val number(double d) {
        Val v;
        v.kind = num;
        v.n = d;
        return v;
    }
    static Val string(std::string x) {
        Val v;
        v.kind = str;
        v.s = std::move(x);
        return v;
    }
};

// Does `s` look like a number (leading/trailing blanks allowed)? Sets d.
bool looks_numeric(const std::string& s, double& d) {
    size_t b = s.find_first_not_of(" \t\n");
    if (b == std::string::npos) return false;
    size_t e = s.find_last_not_of(" \t\n");
    std::string t = s.substr(b, e - b + 1);
    if (t.size() > 1 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) return false;
    if (t == "inf" || t == "nan" || t == "+inf" || t == "-inf" || t == "+nan" || t == "-nan") return false;
    char* end = nullptr;
    d = std::strtod(t.c_str(), &end);
    return end && *end == '\0';
}

Val strnum(std::string s) {
    Val v;
    v.kind = Val::strnum;
    v.s = std::move(s);
    return v;
}

// Escapes in -v values and var=value operands, as in awk strings.
std::string unescape_awk(const std::string& in, bool& stop) {
    stop = false;
    std::string out;
    for (size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '\\' || i + 1 >= in.size()) {
            out += in[i];
            continue;
        }
        char e = in[++i];
        out += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == '\\' ? '\\' : e == '"' ? '"' : e == '/' ? '/' : e;
        if (std::string_view("ntr\\\"/").find(e) == std::string_view::npos) out.insert(out.size() - 1, 1, '\\');
    }
    return out;
}

using Array = std::map<std::string, Val>;
struct Cell {
    Val v;
    std::shared_ptr<Array> arr;
};

enum class Flow : uint8_t { none, next, nextfile, exit, ret, brk, cont };

class Awk {
public:
    Awk(Ctx& ctx, const Program& p) : m_ctx(ctx), m_p(p) {
        set("FS", Val::string(" "));
        set("OFS", Val::string(" "));
        set("ORS", Val::string("\n"));
        set("RS", Val::string("\n"));
        set("SUBSEP", Val::string("\034"));
        set("CONVFMT", Val::string("%.6g"));
        set("OFMT", Val::string("%.6g"));
        set("NR", Val::number(0));
        set("NF", Val::number(0));
        set("FNR", Val::number(0));
        set("RSTART", Val::number(0));
        set("RLENGTH", Val::number(-1));
        Array& env = array("ENVIRON");
        for (const auto& [k, v] : ctx.env) env[k] = strnum(v);
    }
    void set(const std::string& name, Val v) { m_globals[name].v = std::move(v); }
    Array& array(const std::string& name) {
        Cell& c = cell(name);
        if (!c.arr) c.arr = std::make_shared<Array>();
        return *c.arr;
    }
    // Runs BEGIN, the files (empty: stdin) and END; the exit status.
    int run(const std::vector<std::string>& operands);

private:
    // ---- values
    double to_num(const Val& v) const {
        switch (v.kind) {
        case Val::num: return v.n;
        case Val::uninit: return 0;
        default: return std::strtod(v.s.c_str(), nullptr);
        }
    }
    std::string num_str(double d, const char* fmt_var) const {
        if (d == std::floor(d) && std::fabs(d) < 1e16) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(d));
            return buf;
        }
        const Val& f = m_globals.at(fmt_var).v;
        return format(f.kind == Val::num ? num_str(f.n, "CONVFMT") : f.s, {Val::number(d)});
    }
    std::string to_str(const Val& v) const { return v.kind == Val::num ? num_str(v.n, "CONVFMT") : v.s; }
    std::string out_str(const Val& v) const { return v.kind == Val::num ? num_str(v.n, "OFMT") : v.s; }
    bool truthy(const Val& v) const {
        if (v.kind == Val::num) return v.n != 0;
        if (v.kind == Val::uninit) return false;
        double d;
        if (v.kind == Val::strnum && looks_numeric(v.s, d)) return d != 0;
        return !v.s.empty();
    }
    int compare(const Val& a, const Val& b) const {
        double x, y;
        bool an = a.kind == Val::num || a.kind == Val::uninit || (a.kind == Val::strnum && looks_numeric(a.s, x));
        bool bn = b.kind == Val::num || b.kind == Val::uninit || (b.kind == Val::strnum && looks_numeric(b.s, y));
        if (an && bn) {
            x = to_num(a), y = to_num(b);
            return x < y ? -1 : x > y ? 1 : 0;
        }
        std::string s = to_str(a), t = to_str(b);
        return s < t ? -1 : s > t ? 1 : 0;
    }

    // ---- variables and fields
    Cell& cell(const std::string& name) {
        if (!m_frames.empty()) {
            auto it = m_frames.back().find(name);
            if (it != m_frames.back().end()) return it->second;
        }
        return m_globals[name];
    }
    Val get_var(const std::string& name) {
        if (name == "NF") {
            split_fields();
            return Val::number(double(m_fields.size()));
        }
        return cell(name).v;
    }
    void set_var(const std::string& name, Val v) {
        if (name == "NF") {
            split_fields();
            m_fields.resize(size_t(std::max(0.0, to_num(v))));
            rebuild_record();
            return;
        }
        cell(name).v = std::move(v);
    }
    void set_record(std::string rec) {
        m_record = std::move(rec);
        m_split = false;
    }
    void split_fields();
    void rebuild_record() {
        std::string ofs = to_str(m_globals["OFS"].v), r;
        for (size_t i = 0; i < m_fields.size(); ++i) r += (i ? ofs : "") + m_fields[i];
        m_record = r;
        m_split = true;
    }
    Val get_field(size_t i) {
        if (i == 0) return strnum(m_record);
        split_fields();
        return i <= m_fields.size() ? strnum(m_fields[i - 1]) : Val{};
    }
    void set_field(size_t i, const std::string& v) {
        if (i == 0) {
            set_record(v);
            return;
        }
        split_fields();
        if (i > m_fields.size()) m_fields.resize(i);
        m_fields[i - 1] = v;
        rebuild_record();
    }
    std::string subscript(const Expr& idx) {
        std::string key;
        for (size_t i = 0; i < idx.kids.size(); ++i)
            key += (i ? to_str(m_globals["SUBSEP"].v) : "") + to_str(eval(*idx.kids[i]));
        return key;
    }
    Val get_lvalue(const Expr& e) {
        if (e.op == Op::var) return get_var(e.text);
        if (e.op == Op::field) return get_field(field_index(*e.kids[0]));
        std::string k = subscript(e);
        return array(e.text)[k];
    }
    void set_lvalue(const Expr& e, Val v) {
        if (e.op == Op::var) return set_var(e.text, std::move(v));
        if (e.op == Op::field) return set_field(field_index(*e.kids[0]), to_str(v));
        std::string k = subscript(e);
        array(e.text)[k] = std::move(v);
    }
    size_t field_index(const Expr& e) {
        double d = to_num(eval(e));
        return d < 0 ? 0 : size_t(d);
    }

    // ---- regexes (compiled once per source text)
    const Regex* regex(const std::string& src) {
        auto it = m_regex.find(src);
        if (it != m_regex.end()) return it->second ? &*it->second : nullptr;
        Result<Regex> r = Regex::compile(src, Regex::extended);
        if (!r) {
            m_ctx.err(m_ctx.name() + ": bad regex '" + src + "': " + r.error().message + "\n");
            m_error = true;
        }
        auto& slot = m_regex[src];
        if (r) slot = std::make_unique<Regex>(std::move(*r));
        return slot ? &*slot : nullptr;
    }
    const Regex* regex_of(const Expr& e) { return regex(e.op == Op::regex ? e.text : to_str(eval(e))); }

    // ---- evaluation
    Val eval(const Expr& e);
    Val eval_binary(const Expr& e);
    Val eval_incdec(const Expr& e);
    Val eval_call(const Expr& e);
    Val eval_string_call(const Expr& e);
    Val call_user(const Function& f, const Expr& e);
    Val substitute(const Expr& e, bool global);
    Val eval_getline(const Expr& e);
    std::string format(const std::string& fmt, const std::vector<Val>& args) const;

    // ---- statements
    void exec(const Stmt& s);
    void exec_loop(const Stmt& s);
    void exec_print(const Stmt& s);
    void write_out(const Stmt& s, const std::string& text);
    // print > FILE: everything written so far, into the container.
    void flush_file(const std::string& path, const std::string& text) {
        m_ctx.sh.charge_data(text.size());
        if (Status w = m_ctx.c.write_text(m_ctx.path(path), text); !w) {
            m_ctx.err(m_ctx.name() + ": can't open '" + path + "': " + errno_text(w.error().code) + "\n");
            m_exit = 2;
        }
    }

    // ---- input
    bool next_record(std::string& rec);
    bool open_next_input();

    Ctx& m_ctx;
    const Program& m_p;
    std::map<std::string, Cell> m_globals;
    std::vector<std::map<std::string, Cell>> m_frames;
    std::map<std::string, std::unique_ptr<Regex>> m_regex;
    std::map<std::string, std::string> m_files;  // print > file: what was written (flushed at the end)
    std::string m_record;
    std::vector<std::string> m_fields;
    bool m_split = true;
    Flow m_flow = Flow::none;
    Val m_ret;
    int m_exit = 0;
    bool m_error = false;
    uint64_t m_rand = 1;
    // input: the operands, the current text and position in it
    std::vector<std::string> m_inputs;
    size_t m_next_input = 0;
    std::string m_text;
    size_t m_pos = 0;
    bool m_have_text = false;
    std::vector<bool> m_in_range;
    struct GetlineFile {
        bool opened = false;
        std::string text;
        size_t pos = 0;
    };
    std::map<std::string, GetlineFile> m_getline_files;
};

void Awk::split_fields() {
    if (m_split) return;
    m_split = true;
    m_fields.clear();
    const std::string fs = to_str(m_globals["FS"].v);
    const std::string& r = m_record;
    if (fs == " ") {
        size_t i = 0;
        while (i < r.size()) {
            while (i < r.size() && (r[i] == ' ' || r[i] == '\t' || r[i] == '\n')) ++i;
            if (i >= r.size()) break;
            size_t b = i;
            while (i < r.size() && r[i] != ' ' && r[i] != '\t' && r[i] != '\n') ++i;
            m_fields.push_back(r.substr(b, i - b));
        }
        return;
    }
    if (r.empty()) return;
    if (fs.size() == 1 && fs != "\\") {
        m_fields = split_char(r, fs[0]);
        return;
    }
    const Regex* re = regex(fs);
    if (!re) return;
    size_t start = 0;
    Regex::Match m;
    while (start <= r.size() && re->search(r, start, m, start > 0) && m.eo[0] > m.so[0]) {
        m_fields.push_back(r.substr(start, m.so[0] - start));
        start = m.eo[0];
    }
    m_fields.push_back(r.substr(std::min(start, r.size())));
}

Val Awk::eval(const Expr& e) {
    if (!m_ctx.sh.charge()) {
        m_flow = Flow::exit;
        m_error = true;
        return {};
    }
    switch (e.op) {
    case Op::num: return Val::number(e.num);
    case Op::str: return Val::string(e.text);
    case Op::regex: {
        const Regex* re = regex(e.text);
        return Val::number(re && re->matches(m_record) ? 1 : 0);
    }
    case Op::var:
    case Op::field:
    case Op::index: return get_lvalue(e);
    case Op::group: {
        Val v;
        for (const ExprP& k : e.kids) v = eval(*k);
        return v;
    }
    case Op::assign: {
        Val v = eval(*e.kids[1]);
        if (e.text != "=") {
            double a = to_num(get_lvalue(*e.kids[0])), b = to_num(v);
            char o = e.text[0];
            double r = o == '+' ? a + b : o == '-' ? a - b : o == '*' ? a * b : o == '^' ? std::pow(a, b)
                     : b == 0 ? 0 : o == '/' ? a / b : std::fmod(a, b);
            if ((o == '/' || o == '%') && b == 0) {
                m_ctx.err(m_ctx.name() + ": division by zero\n");
                m_error = true;
                m_flow = Flow::exit;
                m_exit = 2;
            }
            v = Val::number(r);
        } else if (v.kind == Val::uninit) {
            v = Val{};
        }
        set_lvalue(*e.kids[0], v);
        return v;
    }
    case Op::cond: return truthy(eval(*e.kids[0])) ? eval(*e.kids[1]) : eval(*e.kids[2]);
    case Op::orr: return Val::number(truthy(eval(*e.kids[0])) || truthy(eval(*e.kids[1])) ? 1 : 0);
    case Op::andd: return Val::number(truthy(eval(*e.kids[0])) && truthy(eval(*e.kids[1])) ? 1 : 0);
    case Op::in: {
        std::string key;
        for (size_t i = 0; i < e.kids.size(); ++i)
            key += (i ? to_str(m_globals["SUBSEP"].v) : "") + to_str(eval(*e.kids[i]));
        return Val::number(array(e.text).count(key) ? 1 : 0);
    }
    case Op::match:
    case Op::nomatch: {
        std::string s = to_str(eval(*e.kids[0]));
        const Regex* re = regex_of(*e.kids[1]);
        bool m = re && re->matches(s);
        return Val::number((e.op == Op::match) == m ? 1 : 0);
    }
    case Op::neg: return Val::number(-to_num(eval(*e.kids[0])));
    case Op::plus: return Val::number(to_num(eval(*e.kids[0])));
    case Op::nott: return Val::number(truthy(eval(*e.kids[0])) ? 0 : 1);
    case Op::preinc:
    case Op::predec:
    case Op::postinc:
    case Op::postdec: return eval_incdec(e);
    case Op::call: return eval_call(e);
    case Op::getline: return eval_getline(e);
    default: return eval_binary(e);
    }
}

Val Awk::eval_binary(const Expr& e) {
    Val a = eval(*e.kids[0]), b = eval(*e.kids[1]);
    switch (e.op) {
    case Op::lt: return Val::number(compare(a, b) < 0);
    case Op::le: return Val::number(compare(a, b) <= 0);
    case Op::gt: return Val::number(compare(a, b) > 0);
    case Op::ge: return Val::number(compare(a, b) >= 0);
    case Op::eq: return Val::number(compare(a, b) == 0);
    case Op::ne: return Val::number(compare(a, b) != 0);
    case Op::concat: return Val::string(to_str(a) + to_str(b));
    case Op::add: return Val::number(to_num(a) + to_num(b));
    case Op::sub: return Val::number(to_num(a) - to_num(b));
    case Op::mul: return Val::number(to_num(a) * to_num(b));
    case Op::pow: return Val::number(std::pow(to_num(a), to_num(b)));
    case Op::div:
    case Op::mod: {
        double y = to_num(b);
        if (y == 0) {
            m_ctx.err(m_ctx.name() + ": division by zero" + (e.op == Op::mod ? " in %" : "") + "\n");
            m_error = true;
            m_flow = Flow::exit;
            m_exit = 2;
            return Val::number(0);
        }
        return Val::number(e.op == Op::div ? to_num(a) / y : std::fmod(to_num(a), y));
    }
    default: return {};
    }
}

Val Awk::eval_incdec(const Expr& e) {
    const Expr& lv = *e.kids[0];
    double old = to_num(get_lvalue(lv));
    double now = e.op == Op::preinc || e.op == Op::postinc ? old + 1 : old - 1;
    set_lvalue(lv, Val::number(now));
    return Val::number(e.op == Op::preinc || e.op == Op::predec ? now : old);
}

// printf/sprintf: %c %d %i %o %x %X %u %e %E %f %F %g %G %s %% with flags, width, precision, '*'.
std::string Awk::format(const std::string& fmt, const std::vector<Val>& args) const {
    std::string out;
    size_t ai = 0;
    auto next = [&]() -> Val { return ai < args.size() ? args[ai++] : Val{}; };
    for (size_t i = 0; i < fmt.size(); ++i) {
        if (fmt[i] != '%') {
            out += fmt[i];
            continue;
        }
        if (i + 1 < fmt.size() && fmt[i + 1] == '%') {
            out += '%';
            ++i;
            continue;
        }
        std::string spec = "%";
        size_t j = i + 1;
        while (j < fmt.size() && std::string_view("-+ #0").find(fmt[j]) != std::string_view::npos) spec += fmt[j++];
        for (int part = 0; part < 2; ++part) {
            if (part == 1) {
                if (j >= fmt.size() || fmt[j] != '.') break;
                spec += fmt[j++];
            }
            if (j < fmt.size() && fmt[j] == '*') {
                spec += std::to_string(static_cast<long long>(to_num(next())));
                ++j;
            }
            while (j < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[j]))) spec += fmt[j++];
        }
        while (j < fmt.size() && (fmt[j] == 'l' || fmt[j] == 'h')) ++j;
        if (j >= fmt.size()) {
            out += spec;
            break;
        }
        char conv = fmt[j];
        i = j;
        char buf[512];
        Val v = next();
        switch (conv) {
        case 'd':
        case 'i': {
            double d = to_num(v);
            spec += "lld";
            std::snprintf(buf, sizeof buf, spec.c_str(), static_cast<long long>(std::isfinite(d) ? d : 0));
            out += buf;
            break;
        }
        case 'o':
        case 'x':
        case 'X':
        case 'u':
            spec += std::string("ll") + conv;
            std::snprintf(buf, sizeof buf, spec.c_str(), static_cast<unsigned long long>(static_cast<long long>(to_num(v))));
            out += buf;
            break;
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G':
        case 'a':
            spec += conv;
            std::snprintf(buf, sizeof buf, spec.c_str(), to_num(v));
            out += buf;
            break;
        case 'c': {
            std::string ch = v.kind == Val::num ? std::string(1, char(int(v.n))) : to_str(v).substr(0, 1);
            spec += 's';
            std::snprintf(buf, sizeof buf, spec.c_str(), ch.c_str());
            out += buf;
            break;
        }
        case 's': {
            std::string s = out_str(v);
            if (s.size() > 400) {  // snprintf's buffer: pad by hand
                out += s;
                break;
            }
            spec += 's';
            std::snprintf(buf, sizeof buf, spec.c_str(), s.c_str());
            out += buf;
            break;
        }
        default:
            out += spec + conv;
            --ai;
        }
    }
    return out;
}

Val Awk::eval_call(const Expr& e) {
    const std::string& f = e.text;
    auto arg = [&](size_t i) { return i < e.kids.size() ? eval(*e.kids[i]) : Val{}; };
    auto num1 = [&](double (*fn)(double)) { return Val::number(fn(to_num(arg(0)))); };
    if (f == "int") return Val::number(std::trunc(to_num(arg(0))));
    if (f == "sqrt") return num1(std::sqrt);
    if (f == "exp") return num1(std::exp);
    if (f == "log") return num1(std::log);
    if (f == "sin") return num1(std::sin);
    if (f == "cos") return num1(std::cos);
    if (f == "atan2") {
        double y = to_num(arg(0));
        return Val::number(std::atan2(y, to_num(arg(1))));
    }
    if (f == "rand") {  // deterministic, as with every srand() seed
        m_rand = m_rand * 6364136223846793005ULL + 1442695040888963407ULL;
        return Val::number(double(m_rand >> 11) / double(1ULL << 53));
    }
    if (f == "srand") {
        double prev = double(m_rand);
        m_rand = e.kids.empty() ? uint64_t(m_ctx.c.now()) : uint64_t(to_num(arg(0)));
        return Val::number(prev);
    }
    if (f == "close" || f == "fflush") {
        std::string name = e.kids.empty() ? std::string() : to_str(arg(0));
        for (auto it = m_files.begin(); it != m_files.end();) {
            if (!name.empty() && it->first != name) {
                ++it;
                continue;
            }
            flush_file(it->first, it->second);
            it = f == "close" ? m_files.erase(it) : std::next(it);
        }
        m_getline_files.erase(name);
        return Val::number(0);
    }
    if (f == "system") {
        m_ctx.err(m_ctx.name() + ": system() is not simulated by layerlab\n");
        return Val::number(127);
    }
    for (const Function& fn : m_p.functions)
        if (fn.name == f) return call_user(fn, e);
    return eval_string_call(e);
}

Val Awk::eval_string_call(const Expr& e) {
    const std::string& f = e.text;
    auto arg = [&](size_t i) { return i < e.kids.size() ? eval(*e.kids[i]) : Val{}; };
    if (f == "length") {
        if (!e.kids.empty() && e.kids[0]->op == Op::var) {
            Cell& c = cell(e.kids[0]->text);
            if (c.arr) return Val::number(double(c.arr->size()));
        }
        return Val::number(double((e.kids.empty() ? m_record : to_str(arg(0))).size()));
    }
    if (f == "substr") {
        std::string s = to_str(arg(0));
        double m = std::round(to_num(arg(1)));
        double n = e.kids.size() > 2 ? std::round(to_num(arg(2))) : 1e18;
        double from = std::max(m, 1.0), to = std::min(m + n, double(s.size()) + 1);  // [from, to)
        if (to <= from) return Val::string("");
        return Val::string(s.substr(size_t(from) - 1, size_t(to - from)));
    }
    if (f == "index") {
        std::string s = to_str(arg(0)), t = to_str(arg(1));
        size_t p = s.find(t);
        return Val::number(p == std::string::npos ? 0 : double(p + 1));
    }
    if (f == "tolower" || f == "toupper") {
        std::string s = to_str(arg(0));
        for (char& ch : s) ch = char(f == "tolower" ? std::tolower(static_cast<unsigned char>(ch)) : std::toupper(static_cast<unsigned char>(ch)));
        return Val::string(s);
    }
    if (f == "sprintf") {
        std::vector<Val> rest;
        for (size_t i = 1; i < e.kids.size(); ++i) rest.push_back(eval(*e.kids[i]));
        return Val::string(format(to_str(arg(0)), rest));
    }
    if (f == "sub" || f == "gsub") return substitute(e, f == "gsub");
    if (f == "match") {
        std::string s = to_str(arg(0));
        const Regex* re = e.kids.size() > 1 ? regex_of(*e.kids[1]) : nullptr;
        Regex::Match m;
        bool ok = re && re->search(s, 0, m);
        set("RSTART", Val::number(ok ? double(m.so[0] + 1) : 0));
        set("RLENGTH", Val::number(ok ? double(m.eo[0] - m.so[0]) : -1));
        return Val::number(ok ? double(m.so[0] + 1) : 0);
    }
    if (f == "split") {
        if (e.kids.size() < 2 || e.kids[1]->op != Op::var) return Val::number(0);
        std::string s = to_str(arg(0));
        Val saved_fs = m_globals["FS"].v;
        std::string saved_rec = m_record;
        std::vector<std::string> saved_fields = m_fields;
        bool saved_split = m_split;
        if (e.kids.size() > 2) m_globals["FS"].v = Val::string(e.kids[2]->op == Op::regex ? e.kids[2]->text : to_str(arg(2)));
        set_record(s);
        split_fields();
        std::vector<std::string> parts = m_fields;
        m_globals["FS"].v = saved_fs;
        m_record = saved_rec;
        m_fields = saved_fields;
        m_split = saved_split;
        Array& a = array(e.kids[1]->text);
        a.clear();
        for (size_t i = 0; i < parts.size(); ++i) a[std::to_string(i + 1)] = strnum(parts[i]);
        return Val::number(double(parts.size()));
    }
    m_ctx.err(m_ctx.name() + ": function '" + f + "' is not defined\n");
    m_error = true;
    m_flow = Flow::exit;
    m_exit = 2;
    return {};
}

Val Awk::call_user(const Function& fn, const Expr& e) {
    if (m_frames.size() > 200) {
        m_ctx.err(m_ctx.name() + ": function calls nested too deeply\n");
        m_error = true;
        m_flow = Flow::exit;
        return {};
    }
    std::map<std::string, Cell> frame;
    for (size_t i = 0; i < fn.params.size(); ++i) {
        Cell c;
        if (i < e.kids.size()) {
            const Expr& a = *e.kids[i];
            if (a.op == Op::var && cell(a.text).arr) {
                c.arr = cell(a.text).arr;  // arrays by reference
            } else if (a.op == Op::var && cell(a.text).v.kind == Val::uninit) {
                Cell& outer = cell(a.text);  // may become an array inside: share one
                outer.arr = std::make_shared<Array>();
                c.arr = outer.arr;
            } else {
                c.v = eval(a);
            }
        }
        frame[fn.params[i]] = std::move(c);
    }
    m_frames.push_back(std::move(frame));
    exec(*fn.body);
    m_frames.pop_back();
    if (m_flow == Flow::ret) m_flow = Flow::none;
    Val r = std::move(m_ret);
    m_ret = Val{};
    return r;
}

// sub(re, repl[, target]) / gsub: '&' is the match, "\\&" a literal '&'.
Val Awk::substitute(const Expr& e, bool global) {
    if (e.kids.size() < 2) return Val::number(0);
    const Regex* re = regex_of(*e.kids[0]);
    std::string repl = to_str(eval(*e.kids[1]));
    Expr dollar0;
    dollar0.op = Op::field;
    dollar0.kids.push_back(std::make_unique<Expr>());  // $0
    const Expr& target = e.kids.size() > 2 ? *e.kids[2] : dollar0;
    std::string s = to_str(get_lvalue(target));
    if (!re) return Val::number(0);
    std::string out;
    size_t pos = 0, count = 0;
    Regex::Match m;
    while (pos <= s.size() && re->search(s, pos, m, pos > 0)) {
        out += s.substr(pos, m.so[0] - pos);
        for (size_t i = 0; i < repl.size(); ++i) {
            if (repl[i] == '\\' && i + 1 < repl.size() && (repl[i + 1] == '&' || repl[i + 1] == '\\')) {
                out += repl[++i];
            } else if (repl[i] == '&') {
                out += s.substr(m.so[0], m.eo[0] - m.so[0]);
            } else {
                out += repl[i];
            }
        }
        ++count;
        if (m.eo[0] == m.so[0]) {  // an empty match: step over one character
            if (m.so[0] < s.size()) out += s[m.so[0]];
            pos = m.so[0] + 1;
        } else {
            pos = m.eo[0];
        }
        if (!global) break;
    }
    if (count == 0) return Val::number(0);
    if (pos < s.size()) out += s.substr(pos);
    set_lvalue(target, Val::string(out));
    return Val::number(double(count));
}

Val Awk::eval_getline(const Expr& e) {
    std::string rec;
    if (e.kids.size() > 1) {  // getline [var] < file
        std::string file = to_str(eval(*e.kids[1]));
        auto& st = m_getline_files[file];
        if (!st.opened) {
            st.opened = true;
            std::optional<std::string> t = file == "-" || file == "/dev/stdin" ? m_ctx.stdin_text()
                                                                                : m_ctx.file_text(file, true);
            if (!t) return Val::number(-1);
            st.text = std::move(*t);
        }
        if (st.pos >= st.text.size()) return Val::number(0);
        size_t nl = st.text.find('\n', st.pos);
        if (nl == std::string::npos) nl = st.text.size();
        rec = st.text.substr(st.pos, nl - st.pos);
        st.pos = nl + 1;
    } else {
        if (!next_record(rec)) return Val::number(0);
        set("NR", Val::number(to_num(m_globals["NR"].v) + 1));
        set("FNR", Val::number(to_num(m_globals["FNR"].v) + 1));
    }
    if (e.kids[0])
        set_lvalue(*e.kids[0], strnum(rec));
    else
        set_record(rec);
    return Val::number(1);
}


void Awk::exec(const Stmt& s) {
    if (m_flow != Flow::none) return;
    switch (s.op) {
    case SOp::expr:
        for (const ExprP& e : s.args) eval(*e);
        return;
    case SOp::print:
    case SOp::printf: exec_print(s); return;
    case SOp::block:
        for (const StmtP& b : s.body) {
            exec(*b);
            if (m_flow != Flow::none) return;
        }
        return;
    case SOp::iff:
        if (truthy(eval(*s.args[0])))
            exec(*s.body[0]);
        else if (s.body.size() > 1)
            exec(*s.body[1]);
        return;
    case SOp::whilee:
    case SOp::doo:
    case SOp::forr:
    case SOp::forin: exec_loop(s); return;
    case SOp::next: m_flow = Flow::next; return;
    case SOp::nextfile: m_flow = Flow::nextfile; return;
    case SOp::brk: m_flow = Flow::brk; return;
    case SOp::cont: m_flow = Flow::cont; return;
    case SOp::exit:
        if (!s.args.empty()) m_exit = int(to_num(eval(*s.args[0])));
        m_flow = Flow::exit;
        return;
    case SOp::ret:
        m_ret = s.args.empty() ? Val{} : eval(*s.args[0]);
        m_flow = Flow::ret;
        return;
    case SOp::del:
        if (s.args.empty())
            array(s.var).clear();
        else
            array(s.var).erase(subscript(*s.args[0]));
        return;
    case SOp::getline: return;
    }
}

void Awk::exec_loop(const Stmt& s) {
    auto body = [&]() -> bool {  // false: leave the loop
        exec(*s.body[0]);
        if (m_flow == Flow::brk) {
            m_flow = Flow::none;
            return false;
        }
        if (m_flow == Flow::cont) m_flow = Flow::none;
        return m_flow == Flow::none;
    };
    if (s.op == SOp::forin) {
        std::vector<std::string> keys;
        for (const auto& [k, v] : array(s.args[0]->text)) keys.push_back(k);
        for (const std::string& k : keys) {
            set_var(s.var, strnum(k));
            if (!body()) return;
        }
        return;
    }
    if (s.op == SOp::doo) {
        do {
            if (!body()) return;
        } while (truthy(eval(*s.args[0])) && m_flow == Flow::none);
        return;
    }
    if (s.op == SOp::forr && s.args[0]) eval(*s.args[0]);
    const Expr* cond = s.op == SOp::forr ? s.args[1].get() : s.args[0].get();
    while (m_flow == Flow::none && (!cond || truthy(eval(*cond)))) {
        if (!body()) return;
        if (s.op == SOp::forr && s.args[2]) eval(*s.args[2]);
    }
}

void Awk::exec_print(const Stmt& s) {
    std::string text;
    if (s.op == SOp::printf) {
        if (s.args.empty()) return;
        std::vector<Val> rest;
        for (size_t i = 1; i < s.args.size(); ++i) rest.push_back(eval(*s.args[i]));
        text = format(to_str(eval(*s.args[0])), rest);
    } else {
        std::string ofs = to_str(m_globals["OFS"].v);
        if (s.args.empty()) text = m_record;
        for (size_t i = 0; i < s.args.size(); ++i) text += (i ? ofs : "") + out_str(eval(*s.args[i]));
        text += to_str(m_globals["ORS"].v);
    }
    if (m_error) return;  // an expression failed (division by zero): nothing is printed
    write_out(s, text);
}

void Awk::write_out(const Stmt& s, const std::string& text) {
    if (!s.out) {
        m_ctx.out(text);
        return;
    }
    std::string target = to_str(eval(*s.out));
    if (s.redir == "|") {
        m_ctx.err(m_ctx.name() + ": output to a command (| \"" + target + "\") is not simulated by layerlab\n");
        return;
    }
    if (target == "/dev/stdout" || target == "-") return m_ctx.out(text);
    if (target == "/dev/stderr") return m_ctx.err(text);
    auto it = m_files.find(target);
    if (it == m_files.end()) {
        // the first > truncates, >> appends to what is there
        std::string start;
        if (s.redir == ">>")
            if (std::optional<std::string> t = m_ctx.file_text(target, true)) start = *t;
        it = m_files.emplace(target, start).first;
    }
    it->second += text;
}

bool Awk::open_next_input() {
    while (m_next_input < m_inputs.size()) {
        const std::string op = m_inputs[m_next_input++];
        size_t eq = op.find('=');
        if (eq != std::string::npos && eq > 0 && (std::isalpha(static_cast<unsigned char>(op[0])) || op[0] == '_') &&
            op.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == eq) {
            bool stop = false;
            set_var(op.substr(0, eq), strnum(unescape_awk(op.substr(eq + 1), stop)));
            continue;
        }
        std::optional<std::string> t = op == "-" ? m_ctx.stdin_text() : m_ctx.file_text(op, true);
        if (!t) {
            m_ctx.err(m_ctx.name() + ": cannot open " + op + " (No such file or directory)\n");
            m_exit = 2;
            continue;
        }
        m_text = std::move(*t);
        m_pos = 0;
        set("FILENAME", Val::string(op));
        set("FNR", Val::number(0));
        return true;
    }
    return false;
}

bool Awk::next_record(std::string& rec) {
    for (;;) {
        if (!m_have_text) {
            if (!open_next_input()) return false;
            m_have_text = true;
        }
        std::string rs = to_str(m_globals["RS"].v);
        if (m_pos >= m_text.size()) {
            m_have_text = false;
            continue;
        }
        if (rs.empty()) {  // paragraph mode: records separated by blank lines
            while (m_pos < m_text.size() && m_text[m_pos] == '\n') ++m_pos;
            if (m_pos >= m_text.size()) {
                m_have_text = false;
                continue;
            }
            size_t end = m_text.find("\n\n", m_pos);
            if (end == std::string::npos) end = m_text.size();
            rec = m_text.substr(m_pos, end - m_pos);
            while (!rec.empty() && rec.back() == '\n') rec.pop_back();
            m_pos = end;
            return true;
        }
        size_t end = m_text.find(rs[0], m_pos);
        if (end == std::string::npos) end = m_text.size();
        rec = m_text.substr(m_pos, end - m_pos);
        m_pos = end + 1;
        return true;
    }
}

int Awk::run(const std::vector<std::string>& operands) {
    m_inputs = operands;
    if (std::none_of(operands.begin(), operands.end(), [](const std::string& o) {
            size_t eq = o.find('=');
            return eq == std::string::npos || eq == 0;
        }))
        m_inputs.push_back("-");  // no file operand: stdin (after any var=val)
    m_in_range.assign(m_p.items.size(), false);
    for (const Item& it : m_p.items)
        if (it.kind == Item::begin && m_flow == Flow::none) exec(*it.action);
    bool has_main = std::any_of(m_p.items.begin(), m_p.items.end(), [](const Item& i) { return i.kind != Item::begin; });
    std::string rec;
    while (has_main && m_flow != Flow::exit && next_record(rec)) {
        if (!m_ctx.charge_bytes(rec.size())) break;
        set("NR", Val::number(to_num(m_globals["NR"].v) + 1));
        set("FNR", Val::number(to_num(m_globals["FNR"].v) + 1));
        set_record(rec);
        for (size_t i = 0; i < m_p.items.size() && m_flow == Flow::none; ++i) {
            const Item& it = m_p.items[i];
            if (it.kind != Item::main) continue;
            bool hit = true;
            if (it.pattern2) {  // a range: from a line matching the first to one matching the second
                if (!m_in_range[i]) m_in_range[i] = truthy(eval(*it.pattern));
                hit = m_in_range[i];
                if (hit && truthy(eval(*it.pattern2))) m_in_range[i] = false;
            } else if (it.pattern) {
                hit = truthy(eval(*it.pattern));
            }
            if (!hit) continue;
            if (it.action)
                exec(*it.action);
            else
                m_ctx.out(m_record + to_str(m_globals["ORS"].v));
        }
        if (m_flow == Flow::next) m_flow = Flow::none;
        if (m_flow == Flow::nextfile) {
            m_flow = Flow::none;
            m_have_text = false;
        }
    }
    if (!m_error) {
        if (m_flow == Flow::exit) m_flow = Flow::none;  // END still runs after exit in a rule
        for (const Item& it : m_p.items)
            if (it.kind == Item::end && m_flow == Flow::none) exec(*it.action);
    }
    for (const auto& [path, text] : m_files) flush_file(path, text);
    return m_error && m_exit == 0 ? 2 : m_exit;
}

// awk [-F fs] [-v var=val]... ['program' | -f file] [file | var=val]...
int p_awk(Ctx& ctx) {
    std::vector<std::pair<std::string, std::string>> assigns;
    std::string fs, prog_text;
    bool have_prog = false, have_fs = false;
    size_t i = 1;
    const auto& a = ctx.argv;
    for (; i < a.size(); ++i) {
        const std::string& s = a[i];
        if (s == "--") {
            ++i;
            break;
        }
        if (s.size() < 2 || s[0] != '-') break;
        auto value = [&](size_t skip) -> std::optional<std::string> {
            if (s.size() > skip) return s.substr(skip);
            if (i + 1 < a.size()) return a[++i];
            ctx.err(ctx.name() + ": option requires an argument -- '" + s.substr(1, 1) + "'\n");
            return std::nullopt;
        };
        if (s[1] == 'F') {
            std::optional<std::string> v = value(2);
            if (!v) return 2;
            fs = *v == "t" ? "\t" : *v;
            have_fs = true;
        } else if (s[1] == 'v') {
            std::optional<std::string> v = value(2);
            if (!v) return 2;
            size_t eq = v->find('=');
            if (eq == std::string::npos || eq == 0) {
                ctx.err(ctx.name() + ": improper assignment: -v " + *v + "\n");
                return 2;
            }
            assigns.emplace_back(v->substr(0, eq), v->substr(eq + 1));
        } else if (s[1] == 'f') {
            std::optional<std::string> v = value(2);
            if (!v) return 2;
            std::optional<std::string> t = ctx.file_text(*v);
            if (!t) return 2;
            prog_text += *t + "\n";
            have_prog = true;
        } else if (s == "--version" || s == "-W") {
            ctx.out(ctx.gnu ? "mawk 1.3.4 20200120\n" : "awk: layerlab simulates busybox awk\n");
            return 0;
        } else {
            ctx.err(ctx.name() + ": invalid option -- '" + s.substr(1, 1) + "'\n");
            return 2;
        }
    }
    if (!have_prog) {
        if (i >= a.size()) {
            ctx.err(ctx.gnu ? "usage: mawk [-F value] [-v var=value] [--] 'program text' [file ...]\n"
                            : "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: awk "
                              "[OPTIONS] [AWK_PROGRAM] [FILE]...\n");
            return 2;
        }
        prog_text = a[i++];
    }
    Result<Program> prog = awk::parse(prog_text);
    if (!prog) {
        ctx.err(ctx.name() + ": cmd. line:" + std::to_string(prog.error().where.line) + ": " + prog.error().message +
                "\n");
        return 2;
    }
    Awk run(ctx, *prog);
    if (have_fs) run.set("FS", Val::string(fs));
    for (const auto& [k, v] : assigns) {
        bool stop = false;
        run.set(k, strnum(unescape_awk(v, stop)));
    }
    return run.run(std::vector<std::string>(a.begin() + long(i), a.end()));
}

}  // namespace

std::vector<ProgramDef> awk_programs() {
    return {{"awk", p_awk}, {"gawk", p_awk}, {"mawk", p_awk}, {"nawk", p_awk}};
}

}  // namespace ll::shell
