// The structure follows BuildKit's shell/lex.go closely (processStopOn,
// processDollar, processSingleQuote, ...) so that a reader can compare the
// two side by side. Two deliberate differences, both about robustness:
//   * nesting depth of ${...} and quotes is capped (a hostile Dockerfile
//     cannot exhaust the stack of the wasm instance);
//   * each nested processStopOn has its own word buffer (recent BuildKit
//     shares one buffer across recursion, which drops text before a
//     ${X:-...} in ProcessWords; older BuildKit and the classic builder did
//     not, and neither do we).
// Patterns for # % / are matched by a small glob matcher instead of Go's
// regexp: '*' and '?' do not match a newline, as '.' does not in Go. The
// result of one substitution is capped (k_max_expansion_bytes, limits.h):
// BuildKit has no cap, so ARG A=${A}${A} repeated doubles until memory runs
// out; here it stops at 1 MiB with the name of the variable.
#include "core/dockerfile/expand.h"

#include <algorithm>
#include <optional>

#include "core/dockerfile/ast.h"
#include "core/dockerfile/limits.h"
#include "core/dockerfile/text.h"

namespace ll::dockerfile {

Env::Env(std::initializer_list<std::pair<std::string, std::string>> vars) {
    for (const auto& [k, v] : vars) set(k, v);
}

void Env::set(std::string_view name, std::string_view value) {
    for (auto& kv : m_vars)
        if (kv.first == name) {
            kv.second = std::string(value);
            return;
        }
    m_vars.emplace_back(std::string(name), std::string(value));
}

bool Env::unset(std::string_view name) {
    for (auto it = m_vars.begin(); it != m_vars.end(); ++it)
        if (it->first == name) {
            m_vars.erase(it);
            return true;
        }
    return false;
}

const std::string* Env::find(std::string_view name) const {
    for (const auto& kv : m_vars)
        if (kv.first == name) return &kv.second;
    return nullptr;
}

size_t Env::bytes() const {
    size_t n = 0;
    for (const auto& [k, v] : m_vars) n += k.size() + v.size() + 2;
    return n;
}

Status check_variables_size(const Env& env, std::string_view name, std::string_view value) {
    size_t total = env.bytes() + name.size() + value.size() + 2;
    if (const std::string* old = env.find(name)) total -= name.size() + old->size() + 2;
    if (total <= k_max_variables_bytes) return {};
    return make_error(Errc::too_large,
                      "setting " + std::string(name) + " would make the variables of this stage hold " +
                          format_bytes(total) +
                          "; layerlab allows 2 MiB in all, as Linux does: it refuses to start a program with a larger "
                          "environment, so every RUN would fail with \"argument list too long\"");
}

bool expands_variables(Kind kind) {
    switch (kind) {
    case Kind::Add:
    case Kind::Arg:
    case Kind::Copy:
    case Kind::Env:
    case Kind::Expose:
    case Kind::From:
    case Kind::Label:
    case Kind::Onbuild:
    case Kind::Stopsignal:
    case Kind::User:
    case Kind::Volume:
    case Kind::Workdir: return true;
    default: return false;
    }
}

namespace {

constexpr char32_t k_eof = static_cast<char32_t>(-1);
constexpr int k_max_depth = 32;  // real Dockerfiles nest 2-3; wasm stacks are small

struct LexError {
    std::string message;
};

// ---- glob patterns for ${X#pat} ${X%pat} ${X/pat/rep} ------------------------

struct PatTok {
    enum Type : uint8_t { lit, any_one, any_many } type;
    char32_t cp = 0;
};

// BuildKit convertShellPatternToRegex: * ? literal, \* \? \\ escape, \} and
// \/ drop the backslash, any other escape is an error.
std::optional<std::vector<PatTok>> compile_pattern(std::string_view pat, std::string& err) {
    std::vector<PatTok> out;
    for (size_t i = 0; i < pat.size();) {
        const Rune r = decode_rune(pat, i);
        i += r.len;
        if (r.cp == '*') {
            out.push_back({PatTok::any_many, 0});
        } else if (r.cp == '?') {
            out.push_back({PatTok::any_one, 0});
        } else if (r.cp == '\\') {
            if (i < pat.size() && (pat[i] == '}' || pat[i] == '/')) continue;
            if (i >= pat.size()) {
                err = "a pattern cannot end with a lone \\";
                return std::nullopt;
            }
            const Rune n = decode_rune(pat, i);
            i += n.len;
            if (n.cp != '*' && n.cp != '?' && n.cp != '\\') {
                err = "\\ in a pattern can only escape *, ? or \\";
                return std::nullopt;
            }
            out.push_back({PatTok::lit, n.cp});
        } else {
            out.push_back({PatTok::lit, r.cp});
        }
    }
    return out;
}

std::vector<char32_t> to_runes(std::string_view s) {
    std::vector<char32_t> out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        const Rune r = decode_rune(s, i);
        out.push_back(r.cp);
        i += r.len;
    }
    return out;
}

// End (in runes) of the shortest or longest match of `pat` anchored at
// `start`, or -1. For patterns made only of literals, ? and *, Go's
// leftmost-first semantics give exactly the shortest (lazy .*?) or the
// longest (greedy .*) match, so a set simulation is exact and linear.
long match_at(const std::vector<PatTok>& pat, const std::vector<char32_t>& v, size_t start, bool longest) {
    const size_t n = pat.size();
    std::vector<char> cur(n + 1, 0), next(n + 1, 0);
    auto close = [&](std::vector<char>& set) {
        for (size_t p = 0; p < n; ++p)
            if (set[p] && pat[p].type == PatTok::any_many) set[p + 1] = 1;
    };
    cur[0] = 1;
    close(cur);
    long found = -1;
    for (size_t k = start;; ++k) {
        if (cur[n]) {
            found = static_cast<long>(k);
            if (!longest) return found;
        }
        if (k == v.size()) break;
        std::fill(next.begin(), next.end(), 0);
        bool any = false;
        const char32_t c = v[k];
        for (size_t p = 0; p < n; ++p) {
            if (!cur[p]) continue;
            switch (pat[p].type) {
            case PatTok::lit:
                if (pat[p].cp == c) next[p + 1] = any = 1;
                break;
            case PatTok::any_one:
                if (c != '\n') next[p + 1] = any = 1;
                break;
            case PatTok::any_many:
                if (c != '\n') next[p] = any = 1;
                break;
            }
        }
        if (!any) break;
        close(next);
        std::swap(cur, next);
    }
    return found;
}

// starts[k] != 0 when some match of `pat` begins at v[k]. One backward pass:
// row j of position k says whether tokens j.. can match some text starting at
// k, so finding every leftmost match of ${X//pat/rep} is linear in the value
// instead of one match attempt per position.
std::vector<char> match_starts(const std::vector<PatTok>& pat, const std::vector<char32_t>& v) {
    const size_t n = v.size(), m = pat.size();
    std::vector<char> starts(n + 1, 0), next(m + 1, 0), cur(m + 1, 0);
    for (size_t k = n + 1; k-- > 0;) {
        cur[m] = 1;
        for (size_t j = m; j-- > 0;) {
            const bool have = k < n;
            switch (pat[j].type) {
            case PatTok::lit: cur[j] = have && v[k] == pat[j].cp && next[j + 1]; break;
            case PatTok::any_one: cur[j] = have && v[k] != '\n' && next[j + 1]; break;
            case PatTok::any_many: cur[j] = cur[j + 1] || (have && v[k] != '\n' && next[j]); break;
            }
        }
        starts[k] = cur[0];
        std::swap(cur, next);
    }
    return starts;
}

std::string runes_to_string(const std::vector<char32_t>& v, size_t b, size_t e) {
    std::string out;
    for (size_t i = b; i < e; ++i) append_utf8(out, v[i]);
    return out;
}

// ---- words -------------------------------------------------------------------

struct Words {
    std::string buf;
    std::vector<std::string> words;
    std::vector<std::pair<size_t, size_t>> ranges;  // source range of each word
    bool in_word = false;
    const size_t* tok = nullptr;  // where the token being added starts
    size_t start = 0;

    void begin() {
        if (!in_word && tok) start = *tok;
        in_word = true;
    }
    void push(size_t end) {
        words.push_back(std::move(buf));
        ranges.emplace_back(start, end);
        buf.clear();
        in_word = false;
    }
    void add_char(char32_t ch) {
        if (is_go_space(ch) && in_word) {
            if (!buf.empty()) push(tok ? *tok : 0);
        } else if (!is_go_space(ch)) {
            add_raw_char(ch);
        }
    }
    void add_raw_char(char32_t ch) {
        begin();
        append_utf8(buf, ch);
    }
    void add_raw_byte(char b) {
        begin();
        buf += b;
    }
    void add_string(std::string_view s) {
        for (size_t i = 0; i < s.size();) {
            const Rune r = decode_rune(s, i);
            // Keep invalid bytes as they were.
            if (r.cp == 0xFFFD && r.len == 1 && static_cast<unsigned char>(s[i]) >= 0x80)
                add_raw_byte(s[i]);
            else
                add_char(r.cp);
            i += r.len;
        }
    }
    void add_raw_string(std::string_view s) {
        begin();
        buf += s;
    }
    std::vector<std::string> take(size_t end) {
        if (!buf.empty()) push(end);
        return std::move(words);
    }
};

// ---- the lexer -----------------------------------------------------------------

class Lexer {
public:
    Lexer(std::string_view src, const Env& env, const ExpandOptions& opt)
        : m_src(src), m_env(env), m_opt(opt), m_raw_escapes(opt.keep_escapes) {}

    bool run(Expansion& out, LexError& err) {
        std::string result;
        std::vector<std::string> words;
        m_top_ranges = &out.word_ranges;
        if (!process_stop_on(k_eof, m_raw_escapes, result, words, err)) return false;
        out.text = std::move(result);
        out.words = std::move(words);
        out.used = std::move(m_used);
        out.undefined = std::move(m_undefined);
        return true;
    }

private:
    // Peek/next over runes. An invalid byte is returned as a code point in
    // the private range 0x110000+byte so that it is copied back unchanged.
    char32_t peek() const {
        if (m_pos >= m_src.size()) return k_eof;
        const Rune r = decode_rune(m_src, m_pos);
        if (r.cp == 0xFFFD && r.len == 1 && static_cast<unsigned char>(m_src[m_pos]) >= 0x80)
            return 0x110000 + static_cast<unsigned char>(m_src[m_pos]);
        return r.cp;
    }
    char32_t next() {
        if (m_pos >= m_src.size()) return k_eof;
        const char32_t c = peek();
        m_pos += decode_rune(m_src, m_pos).len;
        return c;
    }
    static void put(std::string& out, char32_t c) {
        if (c >= 0x110000)
            out += static_cast<char>(c - 0x110000);
        else
            append_utf8(out, c);
    }
    static std::string str(char32_t c) {
        std::string s;
        if (c == k_eof)
            s = "end of text";
        else
            put(s, c);
        return s;
    }
    char32_t esc() const { return static_cast<unsigned char>(m_opt.escape); }

    bool process_stop_on(char32_t stop, bool raw_escapes, std::string& result, std::vector<std::string>& words_out,
                         LexError& err) {
        if (++m_depth > k_max_depth) {
            err.message = "the text nests ${...} and quotes too deeply";
            return false;
        }
        const bool saved_raw = m_raw_escapes;
        m_raw_escapes = raw_escapes;
        Words words;
        words.tok = &m_tok;
        std::vector<std::pair<size_t, size_t>>* ranges_out = m_top_ranges;
        m_top_ranges = nullptr;  // only the outermost level reports ranges
        bool ok = true;
        bool stopped = false;
        while (peek() != k_eof) {
            m_tok = m_pos;
            char32_t ch = peek();
            if (stop != k_eof && ch == stop) {
                next();
                stopped = true;
                break;
            }
            std::string tmp;
            bool special = true;
            if (ch == '$') {
                ok = process_dollar(tmp, err);
            } else if (ch == '\'' && !m_opt.quotes_are_literal) {
                ok = process_single_quote(tmp, err);
            } else if (ch == '"' && !m_opt.quotes_are_literal) {
                ok = process_double_quote(tmp, err);
            } else if (ch == '<') {
                process_possible_heredoc(tmp);
            } else {
                special = false;
            }
            if (!ok) break;
            if (special) {
                result += tmp;
                if (result.size() > k_max_expansion_bytes) {
                    ok = too_big(m_last_name, err);
                    break;
                }
                if (ch == '$')
                    words.add_string(tmp);
                else
                    words.add_raw_string(tmp);
                continue;
            }
            ch = next();
            if (ch == esc()) {
                if (m_raw_escapes) {
                    words.add_raw_char(ch);
                    put(result, ch);
                }
                ch = next();
                if (ch == k_eof) break;
                if (ch >= 0x110000)
                    words.add_raw_byte(static_cast<char>(ch - 0x110000));
                else
                    words.add_raw_char(ch);
            } else if (ch >= 0x110000) {
                words.add_raw_byte(static_cast<char>(ch - 0x110000));
            } else {
                words.add_char(ch);
            }
            put(result, ch);
        }
        m_raw_escapes = saved_raw;
        --m_depth;
        if (!ok) return false;
        if (stop != k_eof && !stopped) {
            err.message = "the text ends before the closing " + str(stop);
            return false;
        }
        words_out = words.take(m_pos);
        if (ranges_out) *ranges_out = std::move(words.ranges);
        return true;
    }

    bool process_single_quote(std::string& out, LexError& err) {
        const char32_t open = next();
        if (m_opt.keep_quotes) put(out, open);
        for (;;) {
            const char32_t ch = next();
            if (ch == k_eof) {
                err.message = "a single quote ' is opened but never closed";
                return false;
            }
            if (ch == '\'') {
                if (m_opt.keep_quotes) put(out, ch);
                return true;
            }
            put(out, ch);
        }
    }

    bool process_double_quote(std::string& out, LexError& err) {
        const char32_t open = next();
        if (m_opt.keep_quotes) put(out, open);
        for (;;) {
            const char32_t p = peek();
            if (p == k_eof) {
                err.message = "a double quote \" is opened but never closed";
                return false;
            }
            if (p == '"') {
                const char32_t ch = next();
                if (m_opt.keep_quotes) put(out, ch);
                return true;
            }
            if (p == '$') {
                std::string value;
                if (!process_dollar(value, err)) return false;
                out += value;
                if (out.size() > k_max_expansion_bytes) return too_big(m_last_name, err);
                continue;
            }
            char32_t ch = next();
            if (ch == esc()) {
                if (m_raw_escapes) put(out, ch);
                const char32_t q = peek();
                if (q == k_eof) continue;  // then the loop reports the missing quote
                if (q == '"' || q == '$' || q == esc()) ch = next();
            }
            put(out, ch);
        }
    }

    // BuildKit: "<<" followed by blanks stays glued to the next word so that
    // "RUN <<  EOF" is seen as one heredoc word.
    void process_possible_heredoc(std::string& out) {
        next();
        if (peek() != '<') {
            out = "<";
            return;
        }
        next();
        out = "<<";
        while (peek() == ' ' || peek() == '\t') put(out, next());
    }

    void note(std::vector<std::string>& list, std::string_view name) {
        for (const auto& n : list)
            if (n == name) return;
        list.emplace_back(name);
    }

    // The substitution is over k_max_expansion_bytes; `name` is the variable
    // substituted last, the one that made it grow.
    static bool too_big(const std::string& name, LexError& err) {
        err.message = "substituting " + (name.empty() ? std::string("the variables") : "${" + name + "}") +
                      " makes this value longer than 1 MiB, layerlab's limit for one value (a variable that doubles "
                      "on every line, like ARG A=${A}${A}, gets there in about 20 lines)";
        return false;
    }

    const std::string* get_env(const std::string& name) {
        m_last_name = name;
        const std::string* v = m_env.find(name);
        note(v ? m_used : m_undefined, name);
        return v;
    }

    std::string process_name() {
        std::string name;
        while (peek() != k_eof) {
            char32_t ch = peek();
            if (name.empty() && is_go_digit(ch)) {
                while (peek() != k_eof && is_go_digit(peek())) put(name, next());
                return name;
            }
            if (name.empty() && (ch == '@' || ch == '*' || ch == '#' || ch == '?' || ch == '-' || ch == '$' ||
                                 ch == '!' || ch == '0')) {
                put(name, next());
                return name;
            }
            if (ch >= 0x110000 || (!is_go_letter(ch) && !is_go_digit(ch) && ch != '_')) break;
            put(name, next());
        }
        return name;
    }

    bool process_dollar(std::string& out, LexError& err) {
        if (++m_depth > k_max_depth) {
            err.message = "the text nests ${...} and quotes too deeply";
            return false;
        }
        const bool ok = process_dollar_inner(out, err);
        --m_depth;
        return ok;
    }

    bool process_dollar_inner(std::string& out, LexError& err) {
        next();  // '$'
        if (peek() != '{') {
            const std::string name = process_name();
            if (name.empty()) {
                out = "$";
                return true;
            }
            const std::string* v = get_env(name);
            if (!v && m_opt.keep_unset)
                out = "$" + name;
            else
                out = v ? *v : std::string();
            return true;
        }
        next();  // '{'
        const char32_t p = peek();
        if (p == k_eof) {
            err.message = "${ is never closed: add a }";
            return false;
        }
        if (p == '{' || p == '}' || p == ':') {
            err.message = "bad substitution: ${ must be followed by a variable name, like ${NAME}";
            return false;
        }
        const std::string name = process_name();
        char32_t ch = next();
        std::string chs = str(ch);
        bool null_is_unset = false;
        switch (ch) {
        case '}': {
            const std::string* v = get_env(name);
            if (!v && m_opt.keep_unset)
                out = "${" + name + "}";
            else
                out = v ? *v : std::string();
            return true;
        }
        case ':':
            null_is_unset = true;
            ch = next();
            chs += str(ch);
            [[fallthrough]];
        case '+':
        case '-':
        case '?':
        case '#':
        case '%': {
            const bool raw = ch == '#' || ch == '%';
            if (null_is_unset && raw) {
                err.message = "unsupported modifier (" + chs + ") in ${" + name + "...}";
                return false;
            }
            std::string word;
            std::vector<std::string> ignored;
            if (!process_stop_on('}', raw, word, ignored, err)) {
                if (peek() == k_eof) err.message = "${" + name + " is never closed: add a }";
                return false;
            }
            const std::string* v = get_env(name);
            if (m_opt.keep_unset && !v) {
                out = "${" + name + chs + word + "}";
                return true;
            }
            const std::string value = v ? *v : std::string();
            switch (ch) {
            case '-': out = (!v || (null_is_unset && value.empty())) ? word : value; return true;
            case '+': out = (!v || (null_is_unset && value.empty())) ? std::string() : word; return true;
            case '?':
                if (!v) {
                    err.message = name + ": " + (word.empty() ? "is not allowed to be unset" : word);
                    return false;
                }
                if (null_is_unset && value.empty()) {
                    err.message = name + ": " + (word.empty() ? "is not allowed to be empty" : word);
                    return false;
                }
                out = value;
                return true;
            case '%':
            case '#': {
                bool greedy = false;
                if (!word.empty() && static_cast<char32_t>(static_cast<unsigned char>(word[0])) == ch) {
                    greedy = true;
                    word.erase(0, 1);
                }
                std::string perr;
                auto pat = compile_pattern(word, perr);
                if (!pat) {
                    err.message = "invalid pattern (" + word + ") in ${" + name + "}: " + perr;
                    return false;
                }
                std::vector<char32_t> val = to_runes(value);
                if (ch == '#') {
                    const long e = match_at(*pat, val, 0, greedy);
                    out = e < 0 ? value : runes_to_string(val, static_cast<size_t>(e), val.size());
                } else {
                    std::reverse(pat->begin(), pat->end());
                    std::reverse(val.begin(), val.end());
                    const long e = match_at(*pat, val, 0, greedy);
                    if (e < 0) {
                        out = value;
                    } else {
                        std::vector<char32_t> rest(val.begin() + e, val.end());
                        std::reverse(rest.begin(), rest.end());
                        out = runes_to_string(rest, 0, rest.size());
                    }
                }
                return true;
            }
            default:
                err.message = "unsupported modifier (" + chs + ") in ${" + name +
                              "...}; Dockerfiles know :- - :+ + :? ? # ## % %% / //";
                return false;
            }
        }
        case '/': {
            const bool all = peek() == '/';
            if (all) next();
            std::string pattern, replacement;
            std::vector<std::string> ignored;
            if (!process_stop_on('/', true, pattern, ignored, err)) {
                if (peek() == k_eof) err.message = "missing / in ${" + name + "/pattern/replacement}";
                return false;
            }
            if (!process_stop_on('}', true, replacement, ignored, err)) {
                if (peek() == k_eof) err.message = "${" + name + " is never closed: add a }";
                return false;
            }
            const std::string* v = get_env(name);
            if (m_opt.keep_unset && !v) {
                out = "${" + name + "/" + pattern + "/" + replacement + "}";
                return true;
            }
            std::string perr;
            auto pat = compile_pattern(pattern, perr);
            if (!pat) {
                err.message = "invalid pattern (" + pattern + ") in ${" + name + "}: " + perr;
                return false;
            }
            out.clear();
            if (!replace(*pat, v ? *v : std::string(), replacement, all, out)) return too_big(name, err);
            return true;
        }
        default:
            err.message = "unsupported modifier (" + chs + ") in ${" + name +
                          "...}; Dockerfiles know :- - :+ + :? ? # ## % %% / //";
            return false;
        }
    }

    // Go's Regexp.ReplaceAllString loop (leftmost, greedy; an empty match
    // right after a previous match is not replaced), without $-templates.
    // False when the result would pass the size limit.
    static bool replace(const std::vector<PatTok>& pat, const std::string& value, const std::string& rep, bool all,
                        std::string& out) {
        const std::vector<char32_t> v = to_runes(value);
        const std::vector<char> starts = match_starts(pat, v);
        size_t search = 0, last_end = 0;
        while (search <= v.size()) {
            long s = -1, e = -1;
            for (size_t st = search; st <= v.size(); ++st) {
                if (!starts[st]) continue;
                s = static_cast<long>(st);
                e = match_at(pat, v, st, true);
                break;
            }
            if (s < 0) break;
            out += runes_to_string(v, last_end, static_cast<size_t>(s));
            if (static_cast<size_t>(e) > last_end || s == 0) out += rep;
            if (out.size() > k_max_expansion_bytes) return false;
            last_end = static_cast<size_t>(e);
            if (!all) break;
            if (search + 1 > static_cast<size_t>(e))
                ++search;
            else
                search = static_cast<size_t>(e);
        }
        out += runes_to_string(v, last_end, v.size());
        return out.size() <= k_max_expansion_bytes;
    }

    std::string_view m_src;
    size_t m_pos = 0;
    size_t m_tok = 0;
    std::vector<std::pair<size_t, size_t>>* m_top_ranges = nullptr;
    const Env& m_env;
    const ExpandOptions& m_opt;
    bool m_raw_escapes = false;
    int m_depth = 0;
    std::vector<std::string> m_used, m_undefined;
    std::string m_last_name;  // the variable substituted last (for the size limit's message)
};

Error expand_error(std::string_view text, const std::string& message) {
    std::string shown(text.substr(0, 80));
    if (text.size() > 80) shown += "...";
    return make_error(Errc::syntax, "cannot substitute variables in \"" + shown + "\": " + message);
}

}  // namespace

Result<Expansion> expand_ex(std::string_view text, const Env& env, const ExpandOptions& opt) {
    Lexer lx(text, env, opt);
    Expansion out;
    LexError err;
    if (!lx.run(out, err)) return expand_error(text, err.message);
    return out;
}

Result<std::string> expand(std::string_view word, const Env& env, char escape) {
    ExpandOptions opt;
    opt.escape = escape;
    auto r = expand_ex(word, env, opt);
    if (!r) return r.error();
    return std::move(r.value().text);
}

Result<std::vector<std::string>> expand_words(std::string_view text, const Env& env, char escape) {
    ExpandOptions opt;
    opt.escape = escape;
    auto r = expand_ex(text, env, opt);
    if (!r) return r.error();
    return std::move(r.value().words);
}

Result<std::string> expand_heredoc(std::string_view body, const Env& env) {
    ExpandOptions opt;
    opt.escape = '\\';
    opt.quotes_are_literal = true;
    auto r = expand_ex(body, env, opt);
    if (!r) return r.error();
    return std::move(r.value().text);
}

}  // namespace ll::dockerfile
