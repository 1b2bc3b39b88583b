// expand.cpp: word expansion (parameters, $( ), $(( )), tilde), field
// splitting, pathname expansion against the container, and arithmetic.
//
// Expansion follows POSIX 2.6 in order: tilde, parameter, command
// substitution and arithmetic left to right; then field splitting of the
// unquoted results on $IFS; then globbing of fields with unquoted pattern
// characters; then quote removal. Each field carries its text and a
// pattern (quoted pattern characters backslash-escaped) for the glob step.
//
// Index of this file (sections in order, marked "// ---- NAME"; the functions in each):
//   (start): is_glob_special, Expander::Expander, Expander::add, Expander::grow,
//            Expander::add_split, Expander::field_break, Expander::suppress_if_empty,
//            Expander::end_word, Expander::note_quoted_content, Expander::finish,
//            Expander::force_finish
//   parameters: ExpandImpl::ExpandImpl, ExpandImpl::lookup, ExpandImpl::error, ExpandImpl::param,
//               ExpandImpl::tilde, ExpandImpl::parts, Interp::expand_words,
//               Interp::expand_parts_string, Interp::expand_string, Interp::expand_assignment,
//               Interp::expand_pattern, Interp::expand_redir_target
//   glob: Interp::glob
//   arithmetic: Arith::Arith, Arith::run, Arith::wrap_add, Arith::wrap_sub, Arith::wrap_mul,
//               Arith::skip, Arith::peek, Arith::eat, Arith::fail, Arith::var_value, Arith::set,
//               Arith::comma, Arith::assign, Arith::ternary, Arith::lor, Arith::land, Arith::bor,
//               Arith::bxor, Arith::band, Arith::eq, Arith::rel, Arith::shift, Arith::add,
//               Arith::mul, Arith::power, Arith::unary, Guard::~Guard, Arith::postfix,
//               Arith::ident, Arith::number, Interp::arith
#include <algorithm>

#include "core/shell/interp.h"
#include "core/shell/parser.h"
#include "core/users.h"

namespace ll::shell {

namespace {

bool is_glob_special(char c) { return c == '*' || c == '?' || c == '[' || c == ']' || c == '\\'; }

struct Field {
    std::string text;
    std::string pat;
    bool glob = false;
};

class Expander {
public:
    Expander(Interp& sh, const Fds& fds, bool split) : m_sh(sh), m_fds(fds), m_split(split) {
        const std::string* ifs = sh.get_var("IFS");
        m_ifs = ifs ? *ifs : std::string(" \t\n");
    }

    std::vector<Field> fields;

    // Text that is not subject to splitting (quoted, or a literal).
    void add(std::string_view s, bool quoted) {
        if (!grow(s.size())) return;
        if (m_pending_ws) {
            finish();
            m_pending_ws = false;
        }
        m_started = true;
        for (char ch : s) {
            m_cur.text += ch;
            if (quoted && is_glob_special(ch)) {
                m_cur.pat += '\\';
            } else if (!quoted && (ch == '*' || ch == '?' || ch == '[')) {
                m_cur.glob = true;
            }
            m_cur.pat += ch;
        }
    }
    // Expansions are charged per 4 KiB, and a word may not outgrow
    // k_text_limit (x=$x$x in a loop doubles: it must stop, not eat memory).
    bool grow(size_t n) {
        m_total += n;
        if (m_total > k_text_limit) {
            m_sh.abort_run("a word grew beyond " + format_bytes(k_text_limit) + " while expanding");
            return false;
        }
        if (m_total / 4096 != m_charged) {
            m_sh.charge(m_total / 4096 - m_charged);
            m_charged = m_total / 4096;
        }
        return !m_sh.aborted();
    }
    // An unquoted expansion result: split on IFS (when splitting).
    void add_split(std::string_view s) {
        if (!m_split) {
            add(s, false);
            return;
        }
        for (char ch : s) {
            bool in_ifs = m_ifs.find(ch) != std::string::npos;
            if (!in_ifs) {
                add(std::string_view(&ch, 1), false);
                continue;
            }
            bool ws = ch == ' ' || ch == '\t' || ch == '\n';
            if (ws) {
                if (m_started) m_pending_ws = true;
                continue;
            }
            if (m_pending_ws) {
                finish();
                m_pending_ws = false;
            } else {
                force_finish();
            }
        }
    }
    // "$@": the next parameter starts a new field.
    void field_break() { force_finish(); }
    void suppress_if_empty() { m_suppress = true; }
    void end_word() {
        if (m_suppress && m_cur.text.empty() && !m_nonempty_quoted) {
            m_cur = Field{};
            m_started = false;
            return;
        }
        finish();
    }
    void note_quoted_content(std::string_view s) {
        if (!s.empty()) m_nonempty_quoted = true;
    }

    Interp& m_sh;
    const Fds& m_fds;

private:
    void finish() {
        if (m_started) fields.push_back(std::move(m_cur));
        m_cur = Field{};
        m_started = false;
        m_pending_ws = false;
    }
    void force_finish() {
        fields.push_back(std::move(m_cur));
        m_cur = Field{};
        m_started = false;
        m_pending_ws = false;
    }

    bool m_split;
    std::string m_ifs;
    Field m_cur;
    bool m_started = false;
    bool m_pending_ws = false;
    bool m_suppress = false;
    bool m_nonempty_quoted = false;
    size_t m_total = 0, m_charged = 0;
};

}  // namespace

// ---------------------------------------------------------------- parameters

namespace {

struct ParamValue {
    bool set = false;
    std::string value;
};

}  // namespace

class ExpandImpl {
public:
    ExpandImpl(Interp& interp, const Fds& f) : sh(interp), fds(f) {}
    Interp& sh;
    const Fds& fds;

    ParamValue lookup(const std::string& name) {
        ParamValue v;
        const State& st = sh.st;
        if (name == "?") return {true, std::to_string(st.status)};
        if (name == "#") return {true, std::to_string(st.params.size())};
        if (name == "$") return {true, "1"};
        if (name == "!") return {false, ""};
        if (name == "0") return {true, st.arg0};
        if (name == "-") {
            // busybox's order (its option table, last to first)
            std::string f;
            if (st.nounset) f += 'u';
            if (st.noclobber) f += 'C';
            if (st.xtrace) f += 'x';
            if (st.mode_flag) f += st.mode_flag;
            if (st.noglob) f += 'f';
            if (st.errexit) f += 'e';
            return {true, f};
        }
        if (name == "@" || name == "*") {
            const std::string* ifs = sh.get_var("IFS");
            std::string j;
            for (size_t i = 0; i < st.params.size(); ++i) {
                if (i && (!ifs || !ifs->empty())) j += ifs ? (*ifs)[0] : ' ';
                j += st.params[i];
            }
            return {!st.params.empty(), j};
        }
        if (name[0] >= '0' && name[0] <= '9') {
            std::optional<int64_t> n = parse_int(name);
            if (!n || *n < 1 || size_t(*n) > st.params.size()) return v;
            return {true, st.params[size_t(*n - 1)]};
        }
        if (name == "RANDOM") {
            sh.rand_state = sh.rand_state * 1103515245 + 12345;
            return {true, std::to_string((sh.rand_state >> 16) & 0x7fff)};
        }
        if (name == "LINENO") return {true, std::to_string(sh.lineno)};
        const std::string* val = sh.get_var(name);
        if (!val) return v;
        return {true, *val};
    }

    bool error(const std::string& msg) {
        sh.sh_error(fds, msg);
        sh.raise_error(2);
        return false;
    }

    bool param(const WordPart& p, Expander& ex) {
        const std::string& name = p.text;
        bool quoted = p.quoted;
        // "$@" and $@ / $*: one field per parameter
        if (p.op == ParamOp::none && (name == "@" || (name == "*" && !quoted))) {
            const std::vector<std::string>& ps = sh.st.params;
            if (ps.empty()) {
                if (quoted) ex.suppress_if_empty();
                return true;
            }
            for (size_t i = 0; i < ps.size(); ++i) {
                if (quoted) {
                    if (i) ex.field_break();
                    ex.add(ps[i], true);
                    ex.note_quoted_content(ps[i]);
                } else {
                    if (i) ex.add_split(" ");
                    ex.add_split(ps[i]);
                }
            }
            return true;
        }
        ParamValue v = lookup(name);
        auto put = [&](const std::string& s) {
            if (quoted) {
                ex.add(s, true);
                ex.note_quoted_content(s);
            } else {
                ex.add_split(s);
            }
        };
        bool special = name == "@" || name == "*" || name == "#" || name == "?" || name == "$" || name == "-" ||
                       name == "0" || name == "!";
        switch (p.op) {
        case ParamOp::none:
            if (!v.set && sh.st.nounset && !special) return error(name + ": parameter not set");
            put(v.value);
            return true;
        case ParamOp::length:
            if (!v.set && sh.st.nounset && !special) return error(name + ": parameter not set");
            if (name == "@" || name == "*") {
                put(std::to_string(sh.st.params.size()));
            } else {
                put(std::to_string(v.value.size()));
            }
            return true;
        case ParamOp::use_default:
        case ParamOp::alternative: {
            bool use = !v.set || (p.colon && v.value.empty());
            if (p.op == ParamOp::alternative) use = !use;
            if (use) return parts(p.arg, ex);
            if (p.op == ParamOp::use_default) put(v.value);
            return true;
        }
        case ParamOp::assign: {
            if (!v.set || (p.colon && v.value.empty())) {
                std::string val;
                if (!sh.expand_parts_string(p.arg, val, fds)) return false;
                if (!is_name(name)) return error(name + ": bad variable name");
                if (!sh.set_var(name, val, &fds)) {
                    sh.raise_error(2);
                    return false;
                }
                put(val);
                return true;
            }
            put(v.value);
            return true;
        }
        case ParamOp::error: {
            if (!v.set || (p.colon && v.value.empty())) {
                std::string msg;
                if (!sh.expand_parts_string(p.arg, msg, fds)) return false;
                if (msg.empty()) msg = p.colon ? "parameter not set or null" : "parameter not set";
                return error(name + ": " + msg);
            }
            put(v.value);
            return true;
        }
        case ParamOp::trim_prefix:
        case ParamOp::trim_prefix_long:
        case ParamOp::trim_suffix:
        case ParamOp::trim_suffix_long: {
            if (!v.set && sh.st.nounset && !special) return error(name + ": parameter not set");
            std::string pat;
            if (!sh.expand_pattern(p.arg, pat, fds)) return false;
            const std::string& s = v.value;
            std::string r = s;
            size_t n = s.size();
            if (!sh.charge(n / 64)) return false;
            if (p.op == ParamOp::trim_prefix) {
                for (size_t i = 0; i <= n; ++i)
                    if (glob_match(pat, std::string_view(s).substr(0, i))) {
                        r = s.substr(i);
                        break;
                    }
            } else if (p.op == ParamOp::trim_prefix_long) {
                for (size_t i = n + 1; i-- > 0;)
                    if (glob_match(pat, std::string_view(s).substr(0, i))) {
                        r = s.substr(i);
                        break;
                    }
            } else if (p.op == ParamOp::trim_suffix) {
                for (size_t i = n + 1; i-- > 0;)
                    if (glob_match(pat, std::string_view(s).substr(i))) {
                        r = s.substr(0, i);
                        break;
                    }
            } else {
                for (size_t i = 0; i <= n; ++i)
                    if (glob_match(pat, std::string_view(s).substr(i))) {
                        r = s.substr(0, i);
                        break;
                    }
            }
            put(r);
            return true;
        }
        case ParamOp::replace:
        case ParamOp::replace_all: {
            std::string pat, rep;
            if (!sh.expand_pattern(p.arg, pat, fds)) return false;
            if (p.has_arg2 && !sh.expand_parts_string(p.arg2, rep, fds)) return false;
            const std::string& s = v.value;
            bool anchor_start = false, anchor_end = false;
            if (!pat.empty() && pat[0] == '#') {
                anchor_start = true;
                pat.erase(0, 1);
            } else if (!pat.empty() && pat[0] == '%') {
                anchor_end = true;
                pat.erase(0, 1);
            }
            if (!sh.charge(s.size() * s.size() / 4096)) return false;
            std::string r;
            size_t i = 0;
            bool done = false;
            while (i <= s.size()) {
                size_t best = std::string::npos;
                if (!done && (!anchor_start || i == 0)) {
                    // longest match starting at i
                    for (size_t e = s.size() + 1; e-- > i;) {
                        if (anchor_end && e != s.size()) continue;
                        if (glob_match(pat, std::string_view(s).substr(i, e - i))) {
                            best = e;
                            break;
                        }
                    }
                }
                if (best != std::string::npos && !(best == i && pat.empty())) {
                    r += rep;
                    if (p.op != ParamOp::replace_all) done = true;
                    if (best == i) {
                        if (i < s.size()) r += s[i];
                        ++i;
                    } else {
                        i = best;
                    }
                    continue;
                }
                if (i < s.size()) r += s[i];
                ++i;
            }
            put(r);
            return true;
        }
        case ParamOp::substring: {
            std::string off_s, len_s;
            if (!sh.expand_parts_string(p.arg, off_s, fds)) return false;
            int64_t off = 0, len = 0;
            if (!sh.arith(off_s, off, fds)) return false;
            const std::string& s = v.value;
            int64_t n = int64_t(s.size());
            if (off < 0) off = std::max<int64_t>(0, n + off);
            if (off > n) off = n;
            int64_t take = n - off;
            if (p.has_arg2) {
                if (!sh.expand_parts_string(p.arg2, len_s, fds)) return false;
                if (!sh.arith(len_s, len, fds)) return false;
                if (len < 0) {
                    take = std::max<int64_t>(0, n + len - off);
                } else {
                    take = std::min(take, len);
                }
            }
            put(s.substr(size_t(off), size_t(take)));
            return true;
        }
        }
        return true;
    }

    bool tilde(std::string_view text, Expander& ex, size_t& consumed) {
        // text starts with '~'
        size_t slash = text.find('/');
        std::string_view user = text.substr(1, slash == std::string_view::npos ? text.size() - 1 : slash - 1);
        std::string home;
        if (user.empty()) {
            const std::string* h = sh.get_var("HOME");
            if (!h) return false;
            home = *h;
        } else {
            bool found = false;
            for (const users::Line& l : users::read(sh.c, "/etc/passwd"))
                if (l.f.size() >= 6 && l.f[0] == user) {
                    home = l.f[5];
                    found = true;
                    break;
                }
            if (!found) return false;
        }
        ex.add(home, true);
        consumed = 1 + user.size();
        return true;
    }

    bool parts(const std::vector<WordPart>& ps, Expander& ex, bool tilde_ok = false) {
        for (size_t i = 0; i < ps.size(); ++i) {
            const WordPart& p = ps[i];
            if (sh.aborted()) return false;
            switch (p.kind) {
            case WordPart::Kind::lit: {
                std::string_view t = p.text;
                if (i == 0 && tilde_ok && !p.quoted && !t.empty() && t[0] == '~') {
                    size_t used = 0;
                    if (tilde(t, ex, used)) t.remove_prefix(used);
                }
                ex.add(t, p.quoted);
                if (p.quoted) ex.note_quoted_content(t);
                break;
            }
            case WordPart::Kind::param:
                if (!param(p, ex)) return false;
                break;
            case WordPart::Kind::cmdsub: {
                int status = 0;
                std::string out = sh.capture(p.sub, fds, status);
                if (sh.aborted()) return false;
                sh.cmdsub_status = status;
                sh.st.status = status;
                while (!out.empty() && out.back() == '\n') out.pop_back();
                if (p.quoted) {
                    ex.add(out, true);
                    ex.note_quoted_content(out);
                } else {
                    ex.add_split(out);
                }
                break;
            }
            case WordPart::Kind::arith: {
                std::string expr;
                if (!sh.expand_parts_string(p.arg, expr, fds)) return false;
                int64_t v = 0;
                if (!sh.arith(expr, v, fds)) return false;
                std::string s = std::to_string(v);
                if (p.quoted) {
                    ex.add(s, true);
                } else {
                    ex.add_split(s);
                }
                break;
            }
            }
        }
        return true;
    }
};

bool Interp::expand_words(const std::vector<Word>& words, std::vector<std::string>& out, const Fds& fds) {
    ExpandImpl x(*this, fds);
    for (const Word& w : words) {
        Expander ex(*this, fds, true);
        if (!x.parts(w.parts, ex, true)) return false;
        ex.end_word();
        for (Field& f : ex.fields) {
            if (f.glob && !st.noglob) {
                std::vector<std::string> m = glob(f.pat);
                if (aborted()) return false;
                if (!m.empty()) {
                    for (std::string& s : m) out.push_back(std::move(s));
                    continue;
                }
            }
            out.push_back(std::move(f.text));
        }
    }
    return true;
}

bool Interp::expand_parts_string(const std::vector<WordPart>& parts, std::string& out, const Fds& fds) {
    ExpandImpl x(*this, fds);
    Expander ex(*this, fds, false);
    if (!x.parts(parts, ex)) return false;
    ex.end_word();
    out.clear();
    for (size_t i = 0; i < ex.fields.size(); ++i) {
        if (i) out += ' ';
        out += ex.fields[i].text;
    }
    return true;
}

bool Interp::expand_string(const Word& w, std::string& out, const Fds& fds) {
    return expand_parts_string(w.parts, out, fds);
}

bool Interp::expand_assignment(const Word& w, std::string& out, const Fds& fds) {
    ExpandImpl x(*this, fds);
    Expander ex(*this, fds, false);
    if (!x.parts(w.parts, ex, true)) return false;
    ex.end_word();
    out.clear();
    for (size_t i = 0; i < ex.fields.size(); ++i) {
        if (i) out += ' ';
        out += ex.fields[i].text;
    }
    return true;
}

bool Interp::expand_pattern(const std::vector<WordPart>& parts, std::string& out, const Fds& fds) {
    ExpandImpl x(*this, fds);
    Expander ex(*this, fds, false);
    if (!x.parts(parts, ex, true)) return false;
    ex.end_word();
    out.clear();
    for (size_t i = 0; i < ex.fields.size(); ++i) {
        if (i) out += ' ';
        out += ex.fields[i].pat;
    }
    return true;
}

bool Interp::expand_redir_target(const Word& w, std::string& out, const Fds& fds) {
    ExpandImpl x(*this, fds);
    Expander ex(*this, fds, false);
    if (!x.parts(w.parts, ex, true)) return false;
    ex.end_word();
    out.clear();
    if (ex.fields.empty()) return true;
    Field& f = ex.fields[0];
    if (f.glob && !st.noglob) {
        std::vector<std::string> m = glob(f.pat);
        if (m.size() == 1) {
            out = m[0];
            return true;
        }
    }
    out = f.text;
    return true;
}

// ---------------------------------------------------------------- glob

std::vector<std::string> Interp::glob(std::string_view pattern) {
    std::vector<std::string> comps;
    bool absolute = !pattern.empty() && pattern[0] == '/';
    bool trailing = !pattern.empty() && pattern.back() == '/';
    for (const std::string& c0 : split_char(pattern, '/'))
        if (!c0.empty()) comps.push_back(c0);
    std::vector<std::string> cur{absolute ? "/" : ""};
    bool last_literal = false;
    auto join = [](const std::string& a, std::string_view b) {
        if (a.empty()) return std::string(b);
        if (a.back() == '/') return a + std::string(b);
        return a + "/" + std::string(b);
    };
    for (size_t i = 0; i < comps.size(); ++i) {
        const std::string& comp = comps[i];
        std::vector<std::string> next;
        if (has_glob_chars(comp)) {
            last_literal = false;
            bool dot_ok = comp[0] == '.' || (comp.size() > 1 && comp[0] == '\\' && comp[1] == '.');
            for (const std::string& pre : cur) {
                if (!charge()) return {};
                Result<std::vector<DirEntry>> ls = c.list(pre.empty() ? st.cwd : abs_path(pre));
                if (!ls) continue;
                if (!charge(ls->size() / 64)) return {};
                for (const DirEntry& d : *ls) {
                    if (d.name[0] == '.' && !dot_ok) continue;
                    if (glob_match(comp, d.name)) next.push_back(join(pre, d.name));
                }
            }
        } else {
            last_literal = true;
            std::string lit = glob_unescape(comp);
            for (const std::string& pre : cur) next.push_back(join(pre, lit));
        }
        cur = std::move(next);
        if (cur.empty()) return {};
        if (cur.size() > 100000) {
            abort_run("a glob pattern matched more than 100000 names");
            return {};
        }
    }
    std::vector<std::string> out;
    for (std::string& s : cur) {
        if (last_literal && !c.exists(abs_path(s))) continue;
        if (trailing) {
            Result<Stat> stt = c.stat(abs_path(s));
            if (!stt || stt->type != EntryType::dir) continue;
            s += '/';
        }
        out.push_back(std::move(s));
    }
    std::sort(out.begin(), out.end());
    return out;
}

// ---------------------------------------------------------------- arithmetic

namespace {

class Arith {
public:
    Arith(Interp& sh, std::string_view s, int depth) : m_sh(sh), m_s(s), m_depth(depth) {}
    bool run(int64_t& out) {
        skip();
        if (m_i >= m_s.size()) {
            out = 0;
            return true;
        }
        out = comma(true);
        skip();
        if (m_err.empty() && m_i < m_s.size()) m_err = "arithmetic syntax error";
        return m_err.empty();
    }
    std::string m_err;

private:
    Interp& m_sh;
    std::string_view m_s;
    size_t m_i = 0;
    int m_depth;
    int m_nest = 0;

    static int64_t wrap_add(int64_t a, int64_t b) { return int64_t(uint64_t(a) + uint64_t(b)); }
    static int64_t wrap_sub(int64_t a, int64_t b) { return int64_t(uint64_t(a) - uint64_t(b)); }
    static int64_t wrap_mul(int64_t a, int64_t b) { return int64_t(uint64_t(a) * uint64_t(b)); }

    void skip() {
        while (m_i < m_s.size() && (m_s[m_i] == ' ' || m_s[m_i] == '\t' || m_s[m_i] == '\n')) ++m_i;
    }
    bool peek(std::string_view op) {
        skip();
        return m_s.substr(m_i, op.size()) == op;
    }
    bool eat(std::string_view op) {
        if (peek(op)) {
            m_i += op.size();
            return true;
        }
        return false;
    }
    bool fail(const char* m) {
        if (m_err.empty()) m_err = m;
        return false;
    }

    int64_t var_value(const std::string& name) {
        const std::string* v = m_sh.get_var(name);
        if (!v || v->empty()) return 0;
        if (std::optional<int64_t> n = parse_int(*v)) return *n;
        if (m_depth > 10) {
            fail("expression recursion loop detected");
            return 0;
        }
        Arith sub(m_sh, *v, m_depth + 1);
        int64_t r = 0;
        if (!sub.run(r)) fail(sub.m_err.c_str()), m_err = sub.m_err;
        return r;
    }

    bool set(const std::string& name, int64_t v, bool eval) {
        if (!eval) return true;
        if (!m_sh.set_var(name, std::to_string(v))) return fail("read-only variable");
        return true;
    }

    int64_t comma(bool eval) {
        int64_t v = assign(eval);
        while (m_err.empty() && eat(",")) v = assign(eval);
        return v;
    }

    int64_t assign(bool eval) {
        skip();
        size_t save = m_i;
        std::string name = ident();
        if (!name.empty()) {
            static constexpr std::string_view ops[] = {
                "<<=", ">>=", "+=", "-=", "*=", "/=", "%=", "&=", "^=", "|=", "="};
            skip();
            for (std::string_view op : ops) {
                if (m_s.substr(m_i, op.size()) == op && !(op == "=" && m_s.substr(m_i, 2) == "==")) {
                    m_i += op.size();
                    int64_t rhs = assign(eval);
                    if (!m_err.empty()) return 0;
                    int64_t cur = op == "=" ? 0 : var_value(name);
                    int64_t v = rhs;
                    if (op == "+=")
                        v = wrap_add(cur, rhs);
                    else if (op == "-=")
                        v = wrap_sub(cur, rhs);
                    else if (op == "*=")
                        v = wrap_mul(cur, rhs);
                    else if (op == "/=" || op == "%=") {
                        if (rhs == 0) {
                            fail("divide by zero");
                            return 0;
                        }
                        if (cur == INT64_MIN && rhs == -1)
                            v = op == "/=" ? INT64_MIN : 0;
                        else
                            v = op == "/=" ? cur / rhs : cur % rhs;
                    } else if (op == "&=")
                        v = cur & rhs;
                    else if (op == "^=")
                        v = cur ^ rhs;
                    else if (op == "|=")
                        v = cur | rhs;
                    else if (op == "<<=")
                        v = (rhs < 0 || rhs > 63) ? 0 : int64_t(uint64_t(cur) << rhs);
                    else if (op == ">>=")
                        v = (rhs < 0 || rhs > 63) ? (cur < 0 ? -1 : 0) : cur >> rhs;
                    set(name, v, eval);
                    return v;
                }
            }
        }
        m_i = save;
        return ternary(eval);
    }

    int64_t ternary(bool eval) {
        int64_t c = lor(eval);
        if (!m_err.empty()) return 0;
        if (eat("?")) {
            int64_t a = comma(eval && c != 0);
            if (!eat(":")) {
                fail("arithmetic syntax error");
                return 0;
            }
            int64_t b = assign(eval && c == 0);
            return c ? a : b;
        }
        return c;
    }
    int64_t lor(bool eval) {
        int64_t v = land(eval);
        while (m_err.empty() && eat("||")) {
            int64_t r = land(eval && v == 0);
            v = (v || r) ? 1 : 0;
        }
        return v;
    }
    int64_t land(bool eval) {
        int64_t v = bor(eval);
        while (m_err.empty() && eat("&&")) {
            int64_t r = bor(eval && v != 0);
            v = (v && r) ? 1 : 0;
        }
        return v;
    }
    int64_t bor(bool eval) {
        int64_t v = bxor(eval);
        while (m_err.empty() && !peek("||") && !peek("|=") && eat("|")) v |= bxor(eval);
        return v;
    }
    int64_t bxor(bool eval) {
        int64_t v = band(eval);
        while (m_err.empty() && !peek("^=") && eat("^")) v ^= band(eval);
        return v;
    }
    int64_t band(bool eval) {
        int64_t v = eq(eval);
        while (m_err.empty() && !peek("&&") && !peek("&=") && eat("&")) v &= eq(eval);
        return v;
    }
    int64_t eq(bool eval) {
        int64_t v = rel(eval);
        for (;;) {
            if (!m_err.empty()) return 0;
            if (eat("=="))
                v = v == rel(eval);
            else if (eat("!="))
                v = v != rel(eval);
            else
                return v;
        }
    }
    int64_t rel(bool eval) {
        int64_t v = shift(eval);
        for (;;) {
            if (!m_err.empty()) return 0;
            if (eat("<="))
                v = v <= shift(eval);
            else if (eat(">="))
                v = v >= shift(eval);
            else if (!peek("<<") && eat("<"))
                v = v < shift(eval);
            else if (!peek(">>") && eat(">"))
                v = v > shift(eval);
            else
                return v;
        }
    }
    int64_t shift(bool eval) {
        int64_t v = add(eval);
        for (;;) {
            if (!m_err.empty()) return 0;
            if (!peek("<<=") && eat("<<")) {
                int64_t r = add(eval);
                v = (r < 0 || r > 63) ? 0 : int64_t(uint64_t(v) << r);
            } else if (!peek(">>=") && eat(">>")) {
                int64_t r = add(eval);
                v = (r < 0 || r > 63) ? (v < 0 ? -1 : 0) : v >> r;
            } else {
                return v;
            }
        }
    }
    int64_t add(bool eval) {
        int64_t v = mul(eval);
        for (;;) {
            if (!m_err.empty()) return 0;
            skip();
            if (peek("+=") || peek("-=") || peek("++") || peek("--")) return v;
            if (eat("+"))
                v = wrap_add(v, mul(eval));
            else if (eat("-"))
                v = wrap_sub(v, mul(eval));
            else
                return v;
        }
    }
    int64_t mul(bool eval) {
        int64_t v = power(eval);
        for (;;) {
            if (!m_err.empty()) return 0;
            if (peek("*=") || peek("/=") || peek("%=") || peek("**")) return v;
            char op = 0;
            if (eat("*"))
                op = '*';
            else if (eat("/"))
                op = '/';
            else if (eat("%"))
                op = '%';
            else
                return v;
            int64_t r = power(eval);
            if (!m_err.empty()) return 0;
            if (op == '*') {
                v = wrap_mul(v, r);
            } else if (r == 0) {
                fail("divide by zero");
                return 0;
            } else if (v == INT64_MIN && r == -1) {
                v = op == '/' ? INT64_MIN : 0;
            } else {
                v = op == '/' ? v / r : v % r;
            }
        }
    }
    int64_t power(bool eval) {
        int64_t b = unary(eval);
        if (m_err.empty() && eat("**")) {
            int64_t e = power(eval);
            if (e < 0) {
                fail("exponent less than 0");
                return 0;
            }
            int64_t r = 1;
            for (int64_t k = 0; k < e && k < 64; ++k) r = wrap_mul(r, b);
            if (e >= 64 && b != 1 && b != 0 && b != -1) r = 0;
            if (e >= 64 && b == -1) r = (e % 2) ? -1 : 1;
            return r;
        }
        return b;
    }
    int64_t unary(bool eval) {
        if (++m_nest > 200) {
            fail("arithmetic syntax error");
            return 0;
        }
        struct Guard {
            int& n;
            ~Guard() { --n; }
        } g{m_nest};
        skip();
        if (eat("++") || eat("--")) {
            bool inc = m_s[m_i - 1] == '+';
            skip();
            std::string name = ident();
            if (name.empty()) {
                fail("arithmetic syntax error");
                return 0;
            }
            int64_t v = wrap_add(var_value(name), inc ? 1 : -1);
            set(name, v, eval);
            return v;
        }
        if (eat("+")) return unary(eval);
        if (eat("-")) return wrap_sub(0, unary(eval));
        if (eat("!")) return unary(eval) == 0;
        if (eat("~")) return ~unary(eval);
        return postfix(eval);
    }
    int64_t postfix(bool eval) {
        skip();
        if (eat("(")) {
            int64_t v = comma(eval);
            if (!eat(")")) fail("arithmetic syntax error");
            return v;
        }
        if (m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9') return number();
        std::string name = ident();
        if (name.empty()) {
            fail("arithmetic syntax error");
            return 0;
        }
        int64_t v = var_value(name);
        skip();
        if (m_s.substr(m_i, 2) == "++" || m_s.substr(m_i, 2) == "--") {
            bool inc = m_s[m_i] == '+';
            m_i += 2;
            set(name, wrap_add(v, inc ? 1 : -1), eval);
        }
        return v;
    }
    std::string ident() {
        size_t j = m_i;
        if (j < m_s.size() && (std::isalpha(static_cast<unsigned char>(m_s[j])) || m_s[j] == '_')) {
            while (j < m_s.size() && (std::isalnum(static_cast<unsigned char>(m_s[j])) || m_s[j] == '_')) ++j;
        }
        std::string n(m_s.substr(m_i, j - m_i));
        m_i = j;
        return n;
    }
    int64_t number() {
        size_t j = m_i;
        while (j < m_s.size() && (std::isalnum(static_cast<unsigned char>(m_s[j])) || m_s[j] == '#' || m_s[j] == '_'))
            ++j;
        std::string_view t = m_s.substr(m_i, j - m_i);
        m_i = j;
        int base = 10;
        std::string_view digits = t;
        size_t hash = t.find('#');
        if (hash != std::string_view::npos) {
            std::optional<int64_t> b = parse_int(t.substr(0, hash));
            if (!b || *b < 2 || *b > 64) {
                fail("arithmetic syntax error");
                return 0;
            }
            base = int(*b);
            digits = t.substr(hash + 1);
        } else if (t.size() > 1 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
            base = 16;
            digits = t.substr(2);
        } else if (t.size() > 1 && t[0] == '0') {
            base = 8;
            digits = t.substr(1);
        }
        if (digits.empty()) {
            fail("arithmetic syntax error");
            return 0;
        }
        uint64_t v = 0;
        for (char ch : digits) {
            int d;
            if (ch >= '0' && ch <= '9')
                d = ch - '0';
            else if (ch >= 'a' && ch <= 'z')
                d = ch - 'a' + 10;
            else if (ch >= 'A' && ch <= 'Z')
                d = base <= 36 ? ch - 'A' + 10 : ch - 'A' + 36;
            else if (ch == '@')
                d = 62;
            else if (ch == '_')
                d = 63;
            else
                d = 99;
            if (d >= base) {
                fail("arithmetic syntax error");
                return 0;
            }
            v = v * uint64_t(base) + uint64_t(d);
        }
        return int64_t(v);
    }
};

}  // namespace

bool Interp::arith(std::string_view expr, int64_t& out, const Fds& fds) {
    if (!charge()) return false;
    Arith a(*this, expr, 0);
    if (!a.run(out)) {
        sh_error(fds, a.m_err);
        raise_error(2);
        return false;
    }
    return true;
}

}  // namespace ll::shell
