// cmd_sed.cpp: busybox sed (editors/sed.c): s d p n N D P q Q a i c y = l
// { } ! b t T : h H g G x w r, addresses (N, $, /re/, \cREc, A,B, A,+N),
// -n -e -f -i[SUFFIX] -E/-r -s.
//
// sed -i does what busybox does on disk: it writes FILE.XXXXXX in the same
// directory, gives it the original's mode and owner, and renames it over
// FILE. On overlayfs that copies the directory up and leaves a new FILE in
// the upper layer (the old one is shadowed, not copied up).
//
// Index of this file (sections in order, marked "// ---- NAME"; the functions in each):
//   (start): SedParser::SedParser, SedParser::parse, SedParser::finish, SedParser::fail,
//            SedParser::skip_ws, SedParser::skip_ws_semis, SedParser::delimited,
//            SedParser::add_regex, SedParser::address, SedParser::command, SedParser::end_of_cmd,
//            SedParser::cmd_s, SedParser::cmd_y, SedRun::SedRun, SedRun::run, SedRun::quit,
//            SedRun::exit_code, SedRun::is_last, SedRun::emit, SedRun::regex, SedRun::match_addr,
//            SedRun::selected, SedRun::substitute, SedRun::cycle, SedRun::flush_append, sed_args,
//            sed_lines, sed_write_wfiles, sed_in_place, sed_stream, p_sed, sed_programs
#include <algorithm>
#include <cstdio>
#include <map>

#include "core/shell/interp.h"
#include "core/standin.h"
#include "core/shell/regex.h"

namespace ll::shell {

namespace {

struct SedAddr {
    enum Kind : uint8_t { none, line, last, regex, plus } kind = none;
    uint64_t n = 0;
    int re = -1;  // index into regexes; -2: "the last regex used"
};

struct SedCmd {
    SedAddr a1, a2;
    bool negate = false;
    char cmd = 0;
    // s
    int re = -1;
    std::string repl;
    bool global = false, print = false, icase = false;
    uint64_t nth = 1;
    std::string wfile;
    // a i c r w : b t T labels / text
    std::string text;
    // y
    std::array<unsigned char, 256> ymap{};
    // { } jumps
    size_t jump = 0;
    // range state
    bool in_range = false;
    uint64_t range_end = 0;
};

struct SedProgram {
    std::vector<SedCmd> cmds;
    std::vector<Regex> res;
    std::vector<std::string> re_src;
    bool ere = false;
};

class SedParser {
public:
    SedParser(Ctx& ctx, SedProgram& p) : m_ctx(ctx), m_p(p) {}
    bool parse(std::string_view script) {
        m_s = script;
        m_i = 0;
        while (m_i < m_s.size()) {
            skip_ws_semis();
            if (m_i >= m_s.size()) break;
            if (m_s[m_i] == '#') {
                while (m_i < m_s.size() && m_s[m_i] != '\n') ++m_i;
                continue;
            }
            if (!command()) return false;
        }
        return true;
    }
    bool finish() {
        if (!m_blocks.empty()) return fail("unmatched '{'");
        // resolve labels
        for (SedCmd& c : m_p.cmds) {
            if (c.cmd != 'b' && c.cmd != 't' && c.cmd != 'T') continue;
            if (c.text.empty()) {
                c.jump = m_p.cmds.size();
                continue;
            }
            auto it = m_labels.find(c.text);
            if (it == m_labels.end()) return fail("can't find label for jump to '" + c.text + "'");
            c.jump = it->second;
        }
        return true;
    }

private:
    Ctx& m_ctx;
    SedProgram& m_p;
    std::string_view m_s;
    size_t m_i = 0;
    std::vector<size_t> m_blocks;
    std::map<std::string, size_t> m_labels;

    bool fail(const std::string& m) {
        m_ctx.errmsg(m);
        return false;
    }
    void skip_ws() {
        while (m_i < m_s.size() && (m_s[m_i] == ' ' || m_s[m_i] == '\t')) ++m_i;
    }
    void skip_ws_semis() {
        while (m_i < m_s.size() && (m_s[m_i] == ' ' || m_s[m_i] == '\t' || m_s[m_i] == '\n' || m_s[m_i] == ';')) ++m_i;
    }

    // Text up to an unescaped delimiter; \delim -> delim, \n -> newline.
    bool delimited(char delim, std::string& out, bool regex_part) {
        out.clear();
        while (m_i < m_s.size()) {
            char ch = m_s[m_i];
            if (ch == '\\' && m_i + 1 < m_s.size()) {
                char d = m_s[m_i + 1];
                if (d == delim && delim != '\n') {
                    out += d;
                } else if (d == 'n' && regex_part) {
                    out += '\n';
                } else if (d == 't' && regex_part) {
                    out += '\t';
                } else {
                    out += '\\';
                    out += d;
                }
                m_i += 2;
                continue;
            }
            if (ch == delim) {
                ++m_i;
                return true;
            }
            if (ch == '\n' && !regex_part) {
                out += ch;
                ++m_i;
                continue;
            }
            out += ch;
            ++m_i;
        }
        return false;
    }

    int add_regex(const std::string& src, bool icase) {
        if (src.empty()) return -2;  // the last regex used
        Result<Regex> re = Regex::compile(src, (m_p.ere ? Regex::extended : 0u) | (icase ? Regex::icase : 0u));
        if (!re) {
            fail("bad regex '" + src + "': " + re.error().message);
            return -3;
        }
        m_p.res.push_back(std::move(*re));
        m_p.re_src.push_back(src);
        return int(m_p.res.size() - 1);
    }

    bool address(SedAddr& a) {
        if (m_i >= m_s.size()) return true;
        char ch = m_s[m_i];
        if (ch >= '0' && ch <= '9') {
            uint64_t n = 0;
            while (m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9') {
                n = std::min<uint64_t>(n * 10 + uint64_t(m_s[m_i] - '0'), uint64_t(1) << 60);
                ++m_i;
            }
            a.kind = SedAddr::line;
            a.n = n;
            return true;
        }
        if (ch == '$') {
            ++m_i;
            a.kind = SedAddr::last;
            return true;
        }
        if (ch == '/' || ch == '\\') {
            char delim = '/';
            if (ch == '\\') {
                if (m_i + 1 >= m_s.size()) return fail("unmatched '\\'");
                delim = m_s[m_i + 1];
                m_i += 2;
            } else {
                ++m_i;
            }
            std::string re;
            if (!delimited(delim, re, true)) return fail(std::string("unmatched '") + delim + "'");
            bool icase = false;
            if (m_i < m_s.size() && m_s[m_i] == 'I') {
                icase = true;
                ++m_i;
            }
            a.kind = SedAddr::regex;
            a.re = add_regex(re, icase);
            return a.re != -3;
        }
        return true;
    }

    bool command() {
        SedCmd c;
        if (!address(c.a1)) return false;
        if (c.a1.kind != SedAddr::none) {
            skip_ws();
            if (m_i < m_s.size() && m_s[m_i] == ',') {
                ++m_i;
                skip_ws();
                if (m_i < m_s.size() && m_s[m_i] == '+') {
                    ++m_i;
                    uint64_t n = 0;
                    while (m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9') {
                        n = std::min<uint64_t>(n * 10 + uint64_t(m_s[m_i] - '0'), uint64_t(1) << 60);
                        ++m_i;
                    }
                    c.a2.kind = SedAddr::plus;
                    c.a2.n = n;
                } else {
                    if (!address(c.a2)) return false;
                    if (c.a2.kind == SedAddr::none) return fail("unexpected ','");
                }
            }
        }
        skip_ws();
        while (m_i < m_s.size() && m_s[m_i] == '!') {
            c.negate = true;
            ++m_i;
            skip_ws();
        }
        if (m_i >= m_s.size()) return fail("missing command");
        c.cmd = m_s[m_i++];
        switch (c.cmd) {
        case '{':
            m_blocks.push_back(m_p.cmds.size());
            m_p.cmds.push_back(std::move(c));
            return true;
        case '}':
            if (m_blocks.empty()) return fail("unexpected '}'");
            m_p.cmds[m_blocks.back()].jump = m_p.cmds.size() + 1;
            m_blocks.pop_back();
            m_p.cmds.push_back(std::move(c));
            return end_of_cmd();
        case 's': return cmd_s(c);
        case 'y': return cmd_y(c);
        case 'a':
        case 'i':
        case 'c': {
            // "a text", "a\" newline "text", "a\text"
            skip_ws();
            if (m_i < m_s.size() && m_s[m_i] == '\\') {
                ++m_i;
                if (m_i < m_s.size() && m_s[m_i] == '\n') ++m_i;
            }
            std::string t;
            while (m_i < m_s.size()) {
                char ch = m_s[m_i];
                if (ch == '\\' && m_i + 1 < m_s.size()) {
                    t += m_s[m_i + 1];
                    m_i += 2;
                    continue;
                }
                if (ch == '\n') {
                    ++m_i;
                    break;
                }
                t += ch;
                ++m_i;
            }
            c.text = t;
            m_p.cmds.push_back(std::move(c));
            return true;
        }
        case ':': {
            if (c.a1.kind != SedAddr::none) return fail(": doesn't want any addresses");
            skip_ws();
            std::string l;
            while (m_i < m_s.size() && m_s[m_i] != '\n' && m_s[m_i] != ';') l += m_s[m_i++];
            while (!l.empty() && (l.back() == ' ' || l.back() == '\t')) l.pop_back();
            if (l.empty()) return fail("\":\" lacks a label");
            m_labels[l] = m_p.cmds.size();
            return true;
        }
        case 'b':
        case 't':
        case 'T': {
            skip_ws();
            std::string l;
            while (m_i < m_s.size() && m_s[m_i] != '\n' && m_s[m_i] != ';' && m_s[m_i] != '}') l += m_s[m_i++];
            while (!l.empty() && (l.back() == ' ' || l.back() == '\t')) l.pop_back();
            c.text = l;
            m_p.cmds.push_back(std::move(c));
            return true;
        }
        case 'r':
        case 'w': {
            skip_ws();
            std::string f;
            while (m_i < m_s.size() && m_s[m_i] != '\n') f += m_s[m_i++];
            if (f.empty()) return fail("missing filename");
            c.text = f;
            m_p.cmds.push_back(std::move(c));
            return true;
        }
        case 'q':
        case 'Q': {
            skip_ws();
            std::string n;
            while (m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9') n += m_s[m_i++];
            c.nth = n.empty() ? 0 : uint64_t(parse_int(n).value_or(0));
            m_p.cmds.push_back(std::move(c));
            return end_of_cmd();
        }
        case 'd':
        case 'D':
        case 'p':
        case 'P':
        case 'n':
        case 'N':
        case 'g':
        case 'G':
        case 'h':
        case 'H':
        case 'x':
        case '=':
        case 'l':
        case 'z': m_p.cmds.push_back(std::move(c)); return end_of_cmd();
        default: return fail(std::string("unsupported command ") + c.cmd);
        }
    }

    bool end_of_cmd() {
        skip_ws();
        if (m_i >= m_s.size()) return true;
        char ch = m_s[m_i];
        if (ch == ';' || ch == '\n' || ch == '}' || ch == '#') return true;
        return fail(std::string("unsupported command ") + ch);
    }

    bool cmd_s(SedCmd& c) {
        if (m_i >= m_s.size()) return fail("unmatched 's'");
        char delim = m_s[m_i++];
        if (delim == '\n' || delim == '\\') return fail("unmatched 's'");
        std::string re, rep;
        if (!delimited(delim, re, true)) return fail(std::string("unmatched '") + delim + "'");
        // the replacement keeps its escapes for the substitution step
        rep.clear();
        bool closed = false;
        while (m_i < m_s.size()) {
            char ch = m_s[m_i];
            if (ch == '\\' && m_i + 1 < m_s.size()) {
                char d = m_s[m_i + 1];
                if (d == delim) {
                    rep += d == '&' ? "\\&" : std::string(1, d);
                } else {
                    rep += '\\';
                    rep += d;
                }
                m_i += 2;
                continue;
            }
            if (ch == delim) {
                ++m_i;
                closed = true;
                break;
            }
            rep += ch;
            ++m_i;
        }
        if (!closed) return fail(std::string("unmatched '") + delim + "'");
        c.repl = rep;
        // flags
        for (;;) {
            if (m_i >= m_s.size()) break;
            char f = m_s[m_i];
            if (f == 'g') {
                c.global = true;
            } else if (f == 'p') {
                c.print = true;
            } else if (f == 'i' || f == 'I') {
                c.icase = true;
            } else if (f >= '0' && f <= '9') {
                uint64_t n = 0;
                while (m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9') {
                    n = std::min<uint64_t>(n * 10 + uint64_t(m_s[m_i] - '0'), uint64_t(1) << 40);
                    ++m_i;
                }
                if (n == 0) return fail("bad option in substitution expression");
                c.nth = n;
                continue;
            } else if (f == 'w') {
                ++m_i;
                skip_ws();
                std::string file;
                while (m_i < m_s.size() && m_s[m_i] != '\n') file += m_s[m_i++];
                c.wfile = file;
                break;
            } else if (f == ' ' || f == '\t' || f == ';' || f == '\n' || f == '}' || f == '#') {
                break;
            } else {
                return fail("bad option in substitution expression");
            }
            ++m_i;
        }
        c.re = add_regex(re, c.icase);
        if (c.re == -3) return false;
        m_p.cmds.push_back(std::move(c));
        return end_of_cmd();
    }

    bool cmd_y(SedCmd& c) {
        if (m_i >= m_s.size()) return fail("unmatched 'y'");
        char delim = m_s[m_i++];
        std::string a, b;
        if (!delimited(delim, a, true) || !delimited(delim, b, true))
            return fail(std::string("unmatched '") + delim + "'");
        auto unesc = [](const std::string& s) {
            std::string o;
            for (size_t i = 0; i < s.size(); ++i) {
                if (s[i] == '\\' && i + 1 < s.size()) {
                    ++i;
                    o += s[i] == 'n' ? '\n' : s[i] == 't' ? '\t' : s[i];
                } else {
                    o += s[i];
                }
            }
            return o;
        };
        a = unesc(a);
        b = unesc(b);
        if (a.size() != b.size()) return fail("strings for y command are different lengths");
        for (int k = 0; k < 256; ++k) c.ymap[size_t(k)] = static_cast<unsigned char>(k);
        for (size_t k = 0; k < a.size(); ++k)
            c.ymap[static_cast<unsigned char>(a[k])] = static_cast<unsigned char>(b[k]);
        m_p.cmds.push_back(std::move(c));
        return end_of_cmd();
    }
};

// One run of the program over a stream of lines.
class SedRun {
public:
    SedRun(Ctx& ctx, SedProgram& p, bool quiet) : m_ctx(ctx), m_p(p), m_quiet(quiet) {}

    // `lines` is the whole input; `final_nl`: the input ended with '\n'.
    // Returns false on a fatal error; `out` receives the output.
    bool run(const std::vector<std::string_view>& lines, bool final_nl, std::string& out) {
        m_lines = &lines;
        m_out = &out;
        m_idx = 0;
        size_t n = lines.size();
        while (m_idx < n) {
            if (!m_ctx.sh.charge(1 + m_p.cmds.size() / 16)) return false;
            m_ps = std::string(lines[m_idx]);
            ++m_lineno;
            ++m_idx;
            m_missing_nl = m_idx == n && !final_nl;
            m_tflag = false;
            if (!cycle()) return false;
            if (m_quit) break;
        }
        return true;
    }
    bool quit() const { return m_quit; }
    int exit_code() const { return m_exit; }
    std::map<std::string, std::string> wfiles;  // w targets: accumulated output

private:
    Ctx& m_ctx;
    SedProgram& m_p;
    bool m_quiet;
    const std::vector<std::string_view>* m_lines = nullptr;
    std::string* m_out = nullptr;
    size_t m_idx = 0;
    uint64_t m_lineno = 0;
    std::string m_ps, m_hs;
    std::string m_append;  // a and r output, after the cycle
    bool m_tflag = false, m_quit = false, m_missing_nl = false;
    int m_exit = 0;
    int m_last_re = -1;

    bool is_last() const { return m_idx >= m_lines->size(); }

    void emit(const std::string& s, bool nl = true) {
        *m_out += s;
        if (nl && !(m_missing_nl && is_last() && &s == &m_ps)) *m_out += '\n';
    }

    const Regex* regex(int idx) {
        if (idx == -2) idx = m_last_re;
        if (idx < 0) return nullptr;
        m_last_re = idx;
        return &m_p.res[size_t(idx)];
    }

    bool match_addr(const SedAddr& a) {
        switch (a.kind) {
        case SedAddr::none: return true;
        case SedAddr::line: return m_lineno == a.n;
        case SedAddr::last: return is_last();
        case SedAddr::regex: {
            const Regex* re = regex(a.re);
            if (re) m_ctx.sh.charge(((m_ps.size() + 1) * re->program_size()) >> 16);
            return re && re->matches(m_ps);
        }
        case SedAddr::plus: return false;
        }
        return false;
    }

    bool selected(SedCmd& c) {
        bool r;
        if (c.a1.kind == SedAddr::none) {
            r = true;
        } else if (c.a2.kind == SedAddr::none) {
            r = match_addr(c.a1);
        } else if (c.in_range) {
            r = true;
            if (c.a2.kind == SedAddr::plus) {
                if (m_lineno >= c.range_end) c.in_range = false;
            } else if (c.a2.kind == SedAddr::line) {
                if (m_lineno >= c.a2.n) c.in_range = false;
            } else if (match_addr(c.a2)) {
                c.in_range = false;
            }
        } else if (match_addr(c.a1)) {
            r = true;
            c.in_range = true;
            if (c.a2.kind == SedAddr::plus) {
                c.range_end = m_lineno + c.a2.n;
                if (c.a2.n == 0) c.in_range = false;
            } else if (c.a2.kind == SedAddr::line && c.a2.n <= m_lineno) {
                c.in_range = false;
            }
        } else {
            r = false;
        }
        return r != c.negate;
    }

    bool substitute(SedCmd& c) {
        const Regex* re = regex(c.re);
        if (!re) {
            m_ctx.errmsg("no previous regexp");
            return false;
        }
        std::string res;
        size_t pos = 0;
        uint64_t count = 0;
        bool did = false;
        const std::string& s = m_ps;
        // each search costs text x pattern (and s///g searches repeatedly)
        if (!m_ctx.sh.charge(((s.size() + 1) * re->program_size()) >> 16)) return false;
        while (pos <= s.size()) {
            Regex::Match m;
            if (!re->search(s, pos, m, pos > 0)) break;
            ++count;
            size_t so = m.so[0], eo = m.eo[0];
            res.append(s, pos, so - pos);
            if (count >= c.nth) {
                did = true;
                // the replacement: & and \1..\9, \n
                for (size_t k = 0; k < c.repl.size(); ++k) {
                    char ch = c.repl[k];
                    if (ch == '&') {
                        res.append(s, so, eo - so);
                    } else if (ch == '\\' && k + 1 < c.repl.size()) {
                        char d = c.repl[++k];
                        if (d >= '0' && d <= '9') {
                            size_t g = size_t(d - '0');
                            if (g < Regex::k_groups && m.set[g]) res.append(s, m.so[g], m.eo[g] - m.so[g]);
                        } else if (d == 'n') {
                            res += '\n';
                        } else if (d == 't') {
                            res += '\t';
                        } else {
                            res += d;
                        }
                    } else {
                        res += ch;
                    }
                }
            } else {
                res.append(s, so, eo - so);
            }
            if (eo == so) {
                if (so < s.size()) res += s[so];
                pos = so + 1;
            } else {
                pos = eo;
            }
            if (did && !c.global) break;
            if (!m_ctx.sh.charge(((s.size() - std::min(s.size(), pos)) * re->program_size()) >> 16)) return false;
            if (res.size() > k_text_limit) {
                m_ctx.sh.abort_run("sed's pattern space grew beyond " + format_bytes(k_text_limit));
                return false;
            }
        }
        if (!did) return true;
        if (pos < s.size()) res.append(s, pos, std::string::npos);
        m_ps = std::move(res);
        m_tflag = true;
        if (c.print) emit(m_ps);
        if (!c.wfile.empty()) wfiles[c.wfile] += m_ps + "\n";
        return true;
    }

    // Runs the commands on the pattern space; false on a fatal error.
    bool cycle() {
        size_t pc = 0;
        bool autoprint = true;
        int guard = 0;
        while (pc < m_p.cmds.size()) {
            if (++guard % 1024 == 0 && !m_ctx.sh.charge(1)) return false;
            SedCmd& c = m_p.cmds[pc];
            if (c.cmd == '}') {
                ++pc;
                continue;
            }
            if (!selected(c)) {
                pc = c.cmd == '{' ? c.jump : pc + 1;
                continue;
            }
            switch (c.cmd) {
            case '{': break;
            case 's':
                if (!substitute(c)) return false;
                break;
            case 'y':
                for (char& ch : m_ps) ch = char(c.ymap[static_cast<unsigned char>(ch)]);
                break;
            case 'p': emit(m_ps); break;
            case 'P': emit(m_ps.substr(0, m_ps.find('\n'))); break;
            case 'd':
                autoprint = false;
                pc = m_p.cmds.size();
                continue;
            case 'D': {
                size_t nl = m_ps.find('\n');
                if (nl == std::string::npos) {
                    autoprint = false;
                    pc = m_p.cmds.size();
                    continue;
                }
                m_ps.erase(0, nl + 1);
                flush_append();
                pc = 0;  // restart without reading a new line
                continue;
            }
            case 'n':
                if (is_last()) {
                    // GNU and busybox: print and quit
                    m_quit = true;
                    pc = m_p.cmds.size();
                    continue;
                }
                if (!m_quiet) emit(m_ps);
                flush_append();
                m_ps = std::string((*m_lines)[m_idx++]);
                ++m_lineno;
                m_missing_nl = m_missing_nl && false;
                break;
            case 'N':
                if (is_last()) {
                    m_quit = true;
                    pc = m_p.cmds.size();
                    continue;
                }
                m_ps += '\n';
                m_ps += (*m_lines)[m_idx++];
                ++m_lineno;
                break;
            case 'g': m_ps = m_hs; break;
            case 'G': m_ps += "\n" + m_hs; break;
            case 'h': m_hs = m_ps; break;
            case 'H': m_hs += "\n" + m_ps; break;
            case 'x': std::swap(m_ps, m_hs); break;
            case 'z': m_ps.clear(); break;
            case '=': *m_out += std::to_string(m_lineno) + "\n"; break;
            case 'l': {
                std::string o;
                for (char ch : m_ps) {
                    unsigned char u = static_cast<unsigned char>(ch);
                    if (ch == '\\')
                        o += "\\\\";
                    else if (ch == '\n')
                        o += "\\n";
                    else if (ch == '\t')
                        o += "\\t";
                    else if (u < 32 || u >= 127) {
                        char b[8];
                        std::snprintf(b, sizeof b, "\\%03o", u);
                        o += b;
                    } else
                        o += ch;
                }
                *m_out += o + "$\n";
                break;
            }
            case 'a': m_append += c.text + "\n"; break;
            case 'i': *m_out += c.text + "\n"; break;
            case 'c':
                // with a range, the text replaces the whole range (printed at its end)
                if (c.a2.kind == SedAddr::none || !c.in_range) *m_out += c.text + "\n";
                autoprint = false;
                pc = m_p.cmds.size();
                continue;
            case 'r': {
                std::optional<std::string> t = m_ctx.file_text(c.text, true);
                if (t) {
                    m_append += *t;
                    if (!t->empty() && t->back() != '\n') m_append += '\n';
                }
                break;
            }
            case 'w': wfiles[c.text] += m_ps + "\n"; break;
            case 'q':
                m_quit = true;
                m_exit = int(c.nth);
                pc = m_p.cmds.size();
                continue;
            case 'Q':
                m_quit = true;
                m_exit = int(c.nth);
                autoprint = false;
                pc = m_p.cmds.size();
                continue;
            case 'b': pc = c.jump; continue;
            case 't':
                if (m_tflag) {
                    m_tflag = false;
                    pc = c.jump;
                    continue;
                }
                break;
            case 'T':
                if (!m_tflag) {
                    pc = c.jump;
                    continue;
                }
                m_tflag = false;
                break;
            default: break;
            }
            ++pc;
        }
        if (autoprint && !m_quiet) emit(m_ps);
        flush_append();
        return true;
    }

    void flush_append() {
        *m_out += m_append;
        m_append.clear();
    }
};

// sed's command line (busybox: -i[SUFFIX] takes an optional attached argument).
struct SedArgs {
    std::vector<std::string> scripts, files;
    bool quiet = false, in_place = false, separate = false, ere = false;
    std::string suffix;  // -iSUFFIX: keep the original as FILE+SUFFIX
};

constexpr const char* k_sed_usage =
    "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: sed [-i[SFX]] [-nrE] [-f "
    "FILE]... [-e CMD]... [FILE]...\n";

// false: a bad option (busybox's message printed).
bool sed_args(Ctx& ctx, SedArgs& o) {
    bool script_given = false;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& a = ctx.argv[i];
        if (a == "--") {
            o.files.insert(o.files.end(), ctx.argv.begin() + long(i) + 1, ctx.argv.end());
            break;
        }
        if (a.size() > 1 && a[0] == '-' && a[1] != '-') {
            for (size_t k = 1; k < a.size(); ++k) {
                char ch = a[k];
                if (ch == 'n') {
                    o.quiet = true;
                } else if (ch == 'i') {
                    o.in_place = true;
                    o.suffix = a.substr(k + 1);
                    break;
                } else if (ch == 's') {
                    o.separate = true;
                } else if (ch == 'E' || ch == 'r') {
                    o.ere = true;
                } else if (ch == 'e' || ch == 'f') {
                    std::string v = a.substr(k + 1);
                    if (v.empty()) {
                        if (i + 1 >= ctx.argv.size()) {
                            ctx.err(ctx.name() + ": option requires an argument -- '" + std::string(1, ch) + "'\n");
                            return false;
                        }
                        v = ctx.argv[++i];
                    }
                    if (ch == 'e') {
                        o.scripts.push_back(v);
                    } else {
                        std::optional<std::string> t = ctx.file_text(v);
                        if (!t) return false;
                        if (!t->empty() && t->back() == '\n') t->pop_back();
                        o.scripts.push_back(*t);
                    }
                    script_given = true;
                    break;
                } else if (ch == 'u' || ch == 'z') {
                } else {
                    ctx.err(ctx.name() + ": invalid option -- '" + std::string(1, ch) + "'\n");
                    ctx.err(k_sed_usage);
                    return false;
                }
            }
            continue;
        }
        if (a == "--in-place") {
            o.in_place = true;
            continue;
        }
        if (a == "--quiet" || a == "--silent") {
            o.quiet = true;
            continue;
        }
        if (a == "--regexp-extended") {
            o.ere = true;
            continue;
        }
        if (a.rfind("--expression=", 0) == 0) {
            o.scripts.push_back(a.substr(13));
            script_given = true;
            continue;
        }
        if (!script_given && o.scripts.empty()) {
            o.scripts.push_back(a);
            script_given = true;
            continue;
        }
        o.files.push_back(a);
    }
    return true;
}

// The lines of `text` (views into it); nl: whether the last one ended in '\n'.
std::vector<std::string_view> sed_lines(std::string_view text, bool& nl) {
    nl = true;
    std::vector<std::string_view> lines;
    size_t i = 0;
    while (i < text.size()) {
        size_t j = text.find('\n', i);
        if (j == std::string_view::npos) {
            lines.push_back(text.substr(i));
            nl = false;
            break;
        }
        lines.push_back(text.substr(i, j - i));
        i = j + 1;
    }
    return lines;
}

// What the script's w commands wrote, into their files.
void sed_write_wfiles(Ctx& ctx, SedRun& r) {
    for (const auto& [f, data] : r.wfiles) {
        std::string p = ctx.path(f);
        if (p == "/dev/stdout") {
            ctx.out(data);
            continue;
        }
        if (p == "/dev/stderr") {
            ctx.err(data);
            continue;
        }
        (void)ctx.c.write_text(p, data);
    }
}

// sed -i: each file through FILE.XXXXXX next to it (same mode and owner),
// renamed over FILE, as busybox does.
int sed_in_place(Ctx& ctx, const SedArgs& o, const SedProgram& prog) {
    Container& c = ctx.c;
    if (o.files.empty()) {
        ctx.errmsg("no input files");
        return 1;
    }
    int status = 0;
    for (const std::string& f : o.files) {
        if (ctx.stopped()) return 1;
        std::string p = ctx.path(f);
        Result<Stat> st = c.stat(p);
        if (!st && standin::stood_in_member(ctx, "sed -i", p, st.error().code, "edit")) continue;
        std::optional<std::string> text = st ? ctx.file_text(f, true) : std::nullopt;
        if (!st || !text) {
            ctx.errmsg("can't open '" + f + "': " + errno_text(st ? Errc::eacces : st.error().code));
            status = 4;
            continue;
        }
        bool nl = true;
        std::vector<std::string_view> lines = sed_lines(*text, nl);
        SedProgram copy = prog;
        SedRun run(ctx, copy, o.quiet);
        std::string out;
        if (!run.run(lines, nl, out)) return 1;
        std::string tmp;
        for (int attempt = 0; attempt < 100; ++attempt) {
            static constexpr char k_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
            uint64_t x = ++ctx.sh.next_tmp * 0x9e3779b97f4a7c15ull;
            std::string suf;
            for (int k = 0; k < 6; ++k) {
                suf += k_chars[(x >> (k * 6)) % 62];
            }
            tmp = p + suf;
            if (!c.exists(tmp)) break;
        }
        if (!ctx.sh.charge_data(out.size())) return 1;
        Status w = c.write_text(tmp, out, WriteMode::create_new, 0600);
        if (!w) {
            ctx.errmsg("can't create '" + f + "XXXXXX': " + errno_text(w.error().code));
            return 4;
        }
        (void)c.chmod(tmp, st->mode);
        (void)c.chown(tmp, st->uid, st->gid);
        if (!o.suffix.empty()) {
            Status b = c.rename(p, p + o.suffix);
            if (!b) {
                ctx.errmsg("can't rename '" + f + "': " + errno_text(b.error().code));
                return 4;
            }
        }
        Status r = c.rename(tmp, p);
        if (!r) {
            ctx.errmsg("can't rename '" + tmp + "': " + errno_text(r.error().code));
            (void)c.unlink(tmp);
            return 4;
        }
        sed_write_wfiles(ctx, run);
        if (run.quit()) break;
    }
    return status;
}

// sed to stdout: one stream of all inputs (-s: each on its own).
int sed_stream(Ctx& ctx, SedArgs& o, SedProgram& prog) {
    Container& c = ctx.c;
    int status = 0;
    if (o.files.empty()) o.files.push_back("-");
    std::string all;
    std::vector<std::string> texts;
    for (const std::string& f : o.files) {
        if (f != "-") {
            Result<BlobId> b = c.read(ctx.path(f));
            if (!b && standin::stood_in_member(ctx, "sed", ctx.path(f), b.error().code, "read (it was read as empty)"))
                continue;
            if (!b) {
                ctx.errmsg(f + ": " + errno_text(b.error().code));
                status = 1;
                continue;
            }
        }
        std::optional<std::string> t = ctx.file_text(f, true);
        if (!t) {
            status = 1;
            continue;
        }
        texts.push_back(std::move(*t));
    }
    if (ctx.stopped()) return 1;
    auto run_on = [&](const std::string& text, SedProgram& p, std::string& out) -> int {
        bool nl = true;
        std::vector<std::string_view> lines = sed_lines(text, nl);
        SedRun run(ctx, p, o.quiet);
        if (!run.run(lines, nl, out)) return -1;
        sed_write_wfiles(ctx, run);
        return run.exit_code();
    };
    std::string out;
    int code = 0;
    if (o.separate) {
        for (const std::string& t : texts) {
            SedProgram copy = prog;
            code = run_on(t, copy, out);
            if (code < 0) return 1;
        }
    } else {
        for (const std::string& t : texts) {
            all += t;
            if (!t.empty() && t.back() != '\n' && &t != &texts.back()) all += '\n';
        }
        code = run_on(all, prog, out);
        if (code < 0) return 1;
    }
    ctx.out(out);
    if (status) return status;
    return code;
}

int p_sed(Ctx& ctx) {
    SedArgs o;
    if (!sed_args(ctx, o)) return 1;
    if (o.scripts.empty()) {
        ctx.err(k_sed_usage);
        return 1;
    }
    SedProgram prog;
    prog.ere = o.ere;
    SedParser parser(ctx, prog);
    for (const std::string& s : o.scripts)
        if (!parser.parse(s)) return 1;
    if (!parser.finish()) return 1;
    return o.in_place ? sed_in_place(ctx, o, prog) : sed_stream(ctx, o, prog);
}

}  // namespace

std::vector<ProgramDef> sed_programs() { return {{"sed", p_sed}}; }

}  // namespace ll::shell
