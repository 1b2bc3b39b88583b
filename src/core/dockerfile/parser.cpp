// The reading loop mirrors BuildKit's parser.Parse (frontend/dockerfile/
// parser/parser.go); the per-instruction rules mirror instructions/parse.go.
// Comments below name the BuildKit function each piece corresponds to.
//
// Index of this file (sections in order, marked "// ---- NAME"; the functions in each):
//   (start): kind_name, kind_from_keyword, keywords, Instruction::flag, Heredoc::body,
//            Stage::display_name, Dockerfile::find_stage, Source::Source, Source::text,
//            Source::pos, Source::span, Logical::append, Logical::at, Logical::span,
//            Logical::slice, split_lines, is_ascii_space, extract_flags, parse_words,
//            split_whitespace, heredoc_from_word, parse_go_duration, looks_like_var,
//            Parser::Parser, Parser::run, Parser::file, Parser::error, Parser::warn, Parser::esc,
//            Parser::directive, Parser::continues, Parser::is_comment_line, Parser::line_too_long,
//            Parser::too_many_instructions, Parser::read_all, Parser::handle_instruction,
//            Parser::check_trigger, Parser::parse_line, Parser::find_heredocs, Parser::maybe_json,
//            Parser::name_values, Parser::parse_flags, Parser::flag_example, Parser::flag_true,
//            Parser::flag_value, Parser::need_args, Parser::finish, Parser::finish_from,
//            Parser::finish_copy, Parser::finish_run, Parser::finish_healthcheck,
//            Parser::check_port, Parser::assemble_stages, go_atoi, check_stages,
//            dockerfile_too_large, parse_all, parse
#include "core/dockerfile/parser.h"

#include <algorithm>
#include <optional>

#include "core/dockerfile/expand.h"
#include "core/dockerfile/json_array.h"
#include "core/dockerfile/limits.h"
#include "core/dockerfile/text.h"

namespace ll::dockerfile {

// ---- names -------------------------------------------------------------------

namespace {
constexpr const char* k_kind_names[k_kind_count] = {
    "FROM",       "RUN",    "CMD",  "LABEL",   "MAINTAINER", "EXPOSE",  "ENV",        "ADD",         "COPY",
    "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG",        "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
};
}  // namespace

const char* kind_name(Kind kind) {
    const auto i = static_cast<size_t>(kind);
    return i < static_cast<size_t>(k_kind_count) ? k_kind_names[i] : "?";
}

std::optional<Kind> kind_from_keyword(std::string_view keyword) {
    for (int i = 0; i < k_kind_count; ++i)
        if (iequals(keyword, k_kind_names[i])) return static_cast<Kind>(i);
    return std::nullopt;
}

const std::vector<std::string_view>& keywords() {
    static const std::vector<std::string_view> all(std::begin(k_kind_names), std::end(k_kind_names));
    return all;
}

const Flag* Instruction::flag(std::string_view name) const {
    for (const Flag& f : flags)
        if (f.name == name) return &f;
    return nullptr;
}

std::string Heredoc::body() const {
    if (!strip_tabs) return content;
    // BuildKit ChompHeredocContent: (?m)^\t+ -> ""
    std::string out;
    out.reserve(content.size());
    bool at_line_start = true;
    for (char c : content) {
        if (at_line_start && c == '\t') continue;
        at_line_start = c == '\n';
        out += c;
    }
    return out;
}

std::string Stage::display_name() const { return name.empty() ? "stage-" + std::to_string(index) : name; }

const Stage* Dockerfile::find_stage(std::string_view n) const {
    const std::string lower = to_lower(n);
    for (const Stage& s : stages)
        if (!s.name.empty() && s.name == lower) return &s;
    return nullptr;
}

namespace {

// ---- source positions ------------------------------------------------------------

class Source {
public:
    explicit Source(std::string_view text) : m_text(text) {
        m_line_starts.push_back(0);
        for (size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n') m_line_starts.push_back(static_cast<uint32_t>(i + 1));
    }
    std::string_view text() const { return m_text; }
    void pos(uint32_t off, uint32_t& line, uint32_t& col) const {
        auto it = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), off);
        const size_t idx = static_cast<size_t>(it - m_line_starts.begin()) - 1;
        line = static_cast<uint32_t>(idx + 1);
        col = off - m_line_starts[idx] + 1;
    }
    Span span(size_t b, size_t e) const {
        Span s;
        s.begin_offset = static_cast<uint32_t>(b);
        s.end_offset = static_cast<uint32_t>(std::max(b, e));
        pos(s.begin_offset, s.begin_line, s.begin_col);
        pos(s.end_offset, s.end_line, s.end_col);
        return s;
    }

private:
    std::string_view m_text;
    std::vector<uint32_t> m_line_starts;
};

// A logical line: physical lines joined after removing continuation chars
// and comment lines, with where each joined piece came from so that any
// position in it maps back to the file. One record per piece, not per byte:
// a 64 KiB line costs one record, not 256 KiB of offsets.
struct Logical {
    struct Piece {
        uint32_t at = 0;   // offset in `text` where the piece starts
        uint32_t src = 0;  // its offset in the source
    };
    std::string text;
    std::vector<Piece> pieces;
    uint32_t end_src = 0;  // source offset just after the last byte

    void append(std::string_view source, size_t b, size_t e) {
        if (e > b) pieces.push_back({static_cast<uint32_t>(text.size()), static_cast<uint32_t>(b)});
        text.append(source.substr(b, e - b));
        end_src = static_cast<uint32_t>(e);
    }
    // The source offset of text[i] (end_src past the end).
    uint32_t at(size_t i) const {
        if (i >= text.size()) return end_src;
        auto it = std::upper_bound(pieces.begin(), pieces.end(), i, [](size_t v, const Piece& p) { return v < p.at; });
        --it;  // pieces[0].at == 0 whenever text is not empty
        return it->src + static_cast<uint32_t>(i - it->at);
    }
    Span span(const Source& s, size_t b, size_t e) const {
        const uint32_t sb = at(b);
        const uint32_t se = e > b ? at(e - 1) + 1 : sb;
        return s.span(sb, se);
    }
    Logical slice(size_t b, size_t e) const {
        Logical out;
        out.text = text.substr(b, e - b);
        for (size_t i = 0; i < pieces.size(); ++i) {
            const size_t pb = pieces[i].at;
            const size_t pe = i + 1 < pieces.size() ? pieces[i + 1].at : text.size();
            if (pe <= b || pb >= e) continue;
            const size_t from = std::max(pb, b);
            out.pieces.push_back({static_cast<uint32_t>(from - b), pieces[i].src + static_cast<uint32_t>(from - pb)});
        }
        out.end_src = e > b ? at(e - 1) + 1 : at(b);
        return out;
    }
};

struct PLine {
    size_t start = 0;    // first byte
    size_t content = 0;  // end without trailing \r / \n
    size_t next = 0;     // start of the next line
};

// The physical lines, up to the first one longer than k_max_line_bytes (its
// start goes to *too_long, else npos): BuildKit's scanner stops there too.
std::vector<PLine> split_lines(std::string_view t, size_t* too_long) {
    std::vector<PLine> out;
    *too_long = std::string_view::npos;
    size_t i = 0;
    while (i < t.size()) {
        PLine l;
        l.start = i;
        const size_t nl = t.find('\n', i);
        l.next = nl == std::string_view::npos ? t.size() : nl + 1;
        // bufio.Scanner's token is the line with its "\n"; more than 64 KiB
        // of it is ErrTooLong. So 65,535 bytes before the newline still pass.
        if ((nl == std::string_view::npos ? t.size() : nl) - l.start > k_max_line_bytes) {
            *too_long = l.start;
            break;
        }
        size_t c = l.next;
        while (c > l.start && (t[c - 1] == '\n' || t[c - 1] == '\r')) --c;  // trimNewline
        l.content = c;
        out.push_back(l);
        i = l.next;
    }
    return out;
}

// ---- flags (split_command.go extractBuilderFlags) ----------------------------------

struct RawFlag {
    std::string word;  // unquoted, unescaped
    size_t begin = 0, end = 0;
    size_t eq = std::string::npos;  // position of the first '=' in the line
};

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

// Returns where the arguments start; flags are the leading "--words".
size_t extract_flags(std::string_view line, size_t b, size_t e, char esc, std::vector<RawFlag>& flags) {
    enum { in_spaces, in_word, in_quote } phase = in_spaces;
    RawFlag cur;
    char quote = 0;
    bool blank_ok = false;
    for (size_t pos = b; pos <= e; ++pos) {
        const char ch = pos < e ? line[pos] : 0;
        if (phase == in_spaces) {
            if (pos == e) break;
            if (is_ascii_space(ch)) continue;
            if (ch != '-' || pos + 1 == e || line[pos + 1] != '-') return pos;
            phase = in_word;
            cur = RawFlag{};
            cur.begin = pos;
        }
        if (pos == e) {  // in a word or a quote at the end
            if (cur.word != "--" && (blank_ok || !cur.word.empty())) {
                cur.end = e;
                flags.push_back(cur);
            }
            break;
        }
        if (phase == in_word) {
            if (is_ascii_space(ch)) {
                phase = in_spaces;
                if (cur.word == "--") return pos;
                if (blank_ok || !cur.word.empty()) {
                    cur.end = pos;
                    flags.push_back(cur);
                }
                blank_ok = false;
                continue;
            }
            if (ch == '=' && cur.eq == std::string::npos) cur.eq = pos;
            if (ch == '\'' || ch == '"') {
                quote = ch;
                blank_ok = true;
                phase = in_quote;
                continue;
            }
            if (ch == esc) {
                if (pos + 1 == e) continue;
                ++pos;
            }
            cur.word += line[pos];
            continue;
        }
        // in_quote
        if (ch == quote) {
            phase = in_word;
            continue;
        }
        if (ch == esc) {
            if (pos + 1 == e) {
                phase = in_word;
                continue;
            }
            ++pos;
        }
        if (line[pos] == '=' && cur.eq == std::string::npos) cur.eq = pos;
        cur.word += line[pos];
    }
    return e;
}

// ---- words (line_parsers.go parseWords) ---------------------------------------------

struct Word {
    std::string text;
    size_t begin = 0, end = 0;
};

std::vector<Word> parse_words(std::string_view s, size_t b, size_t e, char esc) {
    enum { in_spaces, in_word, in_quote } phase = in_spaces;
    std::vector<Word> words;
    Word cur;
    char32_t quote = 0;
    bool blank_ok = false;
    const char32_t escape = static_cast<unsigned char>(esc);
    const std::string_view v = s.substr(0, e);
    auto put = [&](size_t at, const Rune& r) { cur.text.append(v.substr(at, r.len)); };
    for (size_t pos = b; pos <= e;) {
        Rune r{0, 1};
        if (pos != e) r = decode_rune(v, pos);
        if (phase == in_spaces) {
            if (pos == e) break;
            if (is_go_space(r.cp)) {
                pos += r.len;
                continue;
            }
            phase = in_word;
            cur = Word{};
            cur.begin = pos;
        }
        if (pos == e) {
            if (blank_ok || !cur.text.empty()) {
                cur.end = e;
                words.push_back(cur);
            }
            break;
        }
        if (phase == in_word) {
            if (is_go_space(r.cp)) {
                phase = in_spaces;
                if (blank_ok || !cur.text.empty()) {
                    cur.end = pos;
                    words.push_back(cur);
                }
                blank_ok = false;
                pos += r.len;
                continue;
            }
            if (r.cp == '\'' || r.cp == '"') {
                quote = r.cp;
                blank_ok = true;
                phase = in_quote;
            }
            if (r.cp == escape) {
                if (pos + r.len == e) {
                    pos += r.len;
                    continue;  // an escape at the very end is dropped
                }
                put(pos, r);
                pos += r.len;
                r = decode_rune(v, pos);
            }
            put(pos, r);
            pos += r.len;
            continue;
        }
        // in_quote
        if (r.cp == quote) phase = in_word;
        if (r.cp == escape && quote != '\'') {
            if (pos + r.len == e) {
                phase = in_word;
                pos += r.len;
                continue;
            }
            put(pos, r);
            pos += r.len;
            r = decode_rune(v, pos);
        }
        put(pos, r);
        pos += r.len;
    }
    return words;
}

// reWhitespace.Split(rest, -1) for FROM, EXPOSE and the non-JSON COPY/ADD/VOLUME.
std::vector<Word> split_whitespace(std::string_view s, size_t b, size_t e) {
    std::vector<Word> out;
    size_t i = b;
    while (i < e) {
        while (i < e && is_split_space(s[i])) ++i;
        if (i >= e) break;
        Word w;
        w.begin = i;
        while (i < e && !is_split_space(s[i])) ++i;
        w.end = i;
        w.text = std::string(s.substr(w.begin, w.end - w.begin));
        out.push_back(std::move(w));
    }
    return out;
}

// ---- heredoc words (parser.go heredocFromMatch) ----------------------------------------

struct HeredocHead {
    std::string name;
    bool expand = true;
    bool chomp = false;
    uint32_t fd = 0;
};

// ^(\d*)<<(-?)\s*([^<]*)$ then the quote-counting trick. nullopt: not a
// heredoc; an Error: the delimiter could not be lexed.
std::optional<HeredocHead> heredoc_from_word(std::string_view w, std::string* err) {
    size_t i = 0;
    while (i < w.size() && w[i] >= '0' && w[i] <= '9') ++i;
    const std::string_view digits = w.substr(0, i);
    if (w.substr(i, 2) != "<<") return std::nullopt;
    i += 2;
    bool chomp = false;
    if (i < w.size() && w[i] == '-') {
        chomp = true;
        ++i;
    }
    while (i < w.size() && is_re_space(w[i])) ++i;
    const std::string_view rest = w.substr(i);
    if (rest.find('<') != std::string_view::npos || rest.empty()) return std::nullopt;
    static const Env empty;
    ExpandOptions opt;
    opt.keep_unset = true;
    auto plain = expand_ex(rest, empty, opt);
    if (!plain) {
        if (err) *err = plain.error().message;
        return std::nullopt;
    }
    if (plain->words.size() != 1) return std::nullopt;
    opt.keep_quotes = true;
    auto raw = expand_ex(rest, empty, opt);
    if (!raw || raw->words.size() != 1) {
        if (err) *err = "the heredoc delimiter " + std::string(rest) + " could not be read";
        return std::nullopt;
    }
    auto quotes = [](const std::string& s) {
        return std::count(s.begin(), s.end(), '\'') + std::count(s.begin(), s.end(), '"');
    };
    HeredocHead h;
    h.name = plain->words[0];
    h.expand = quotes(plain->words[0]) == quotes(raw->words[0]);
    h.chomp = chomp;
    uint64_t fd = 0;
    for (char c : digits) {
        fd = fd * 10 + static_cast<uint64_t>(c - '0');
        if (fd > 0xFFFFFFFFu) {
            fd = 0;  // Go's ParseUint fails and the error is ignored
            break;
        }
    }
    h.fd = static_cast<uint32_t>(fd);
    return h;
}

// ---- Go durations (time.ParseDuration) for HEALTHCHECK ------------------------------------

std::optional<int64_t> parse_go_duration(std::string_view s) {
    if (s.empty()) return std::nullopt;
    bool neg = false;
    if (s[0] == '-' || s[0] == '+') {
        neg = s[0] == '-';
        s.remove_prefix(1);
    }
    if (s == "0") return 0;
    if (s.empty()) return std::nullopt;
    long double total = 0;
    while (!s.empty()) {
        size_t i = 0;
        long double v = 0;
        bool digits = false;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            v = v * 10 + (s[i] - '0');
            digits = true;
            ++i;
        }
        if (i < s.size() && s[i] == '.') {
            ++i;
            long double scale = 0.1L;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
                v += (s[i] - '0') * scale;
                scale /= 10;
                digits = true;
                ++i;
            }
        }
        if (!digits) return std::nullopt;
        size_t u = i;
        while (u < s.size() && s[u] != '.' && (s[u] < '0' || s[u] > '9')) ++u;
        const std::string_view unit = s.substr(i, u - i);
        long double mult;
        if (unit == "ns")
            mult = 1;
        else if (unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs")
            mult = 1e3L;
        else if (unit == "ms")
            mult = 1e6L;
        else if (unit == "s")
            mult = 1e9L;
        else if (unit == "m")
            mult = 60e9L;
        else if (unit == "h")
            mult = 3600e9L;
        else
            return std::nullopt;  // missing or unknown unit
        total += v * mult;
        if (total > 9.2e18L) return std::nullopt;
        s.remove_prefix(u);
    }
    const auto ns = static_cast<int64_t>(total);
    return neg ? -ns : ns;
}

// ---- the parser ------------------------------------------------------------------------

struct FlagSpec {
    std::string_view name;
    enum Type : uint8_t { boolean, string, strings } type;
};

bool looks_like_var(std::string_view s) { return s.find('$') != std::string_view::npos; }

class Parser {
public:
    Parser(std::string_view text, std::string_view filename)
        : m_src(text), m_lines(split_lines(text, &m_too_long)), m_limit_hit(m_too_long != std::string_view::npos) {
        m_out.file.filename = std::string(filename);
    }

    ParseOutput run() {
        read_all();
        if (m_too_long != std::string_view::npos) line_too_long();
        assemble_stages();
        std::vector<Span> spans;
        std::vector<Error> errs = check_stages(m_out.file, &spans);
        for (size_t i = 0; i < errs.size(); ++i) {
            m_out.errors.push_back(std::move(errs[i]));
            m_out.error_spans.push_back(spans[i]);
        }
        return std::move(m_out);
    }

private:
    // ---- reporting ----
    const std::string& file() const { return m_out.file.filename; }
    void error(Errc code, std::string msg, const Span& at) {
        if (m_quiet) {
            m_quiet_errors.push_back({code, std::move(msg), at.loc(file())});
            m_quiet_spans.push_back(at);
            return;
        }
        m_out.errors.push_back(make_error(code, std::move(msg), at.loc(file())));
        m_out.error_spans.push_back(at);
    }
    void warn(std::string rule, std::string msg, const Span& at) {
        m_out.file.warnings.push_back(Warning{std::move(rule), std::move(msg), at.loc(file()), at});
    }
    char esc() const { return m_out.file.escape; }

    // ---- directives (directives.go DirectiveParser) ----
    // token: the line with leading whitespace removed. True when it was a directive.
    bool directive(size_t b, size_t e) {
        if (m_directives_done) return false;
        const std::string_view t = m_src.text();
        if (b >= e || t[b] != '#') {
            m_directives_done = true;
            return false;
        }
        size_t i = skip_space_left(t, b + 1, e);
        const size_t key_b = i;
        if (i >= e || !((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z'))) {
            m_directives_done = true;
            return false;
        }
        while (i < e && ((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= '0' && t[i] <= '9')))
            ++i;
        const size_t key_e = i;
        while (i < e && is_re_space(t[i])) ++i;
        if (i >= e || t[i] != '=') {
            m_directives_done = true;
            return false;
        }
        ++i;
        const size_t after_eq = i;
        while (i < e && is_re_space(t[i])) ++i;
        size_t vb = i, ve = e;
        if (i >= e) {
            if (after_eq >= e) {  // "(.+?)" needs one character
                m_directives_done = true;
                return false;
            }
            vb = e - 1;  // the regex backtracks: the value is the last blank
        } else {
            while (ve > vb && is_re_space(t[ve - 1])) --ve;
        }
        const std::string key = to_lower(t.substr(key_b, key_e - key_b));
        if (key != "syntax" && key != "escape" && key != "check") {
            m_directives_done = true;
            return false;
        }
        const Span sp = m_src.span(b, e);
        for (const Directive& d : m_out.file.directives)
            if (d.name == key) {
                error(Errc::syntax,
                      "the " + key + " parser directive is given twice; keep only one \"# " + key + "=\" line", sp);
                return true;
            }
        Directive d{key, std::string(t.substr(vb, ve - vb)), sp};
        if (key == "escape") {
            if (d.value != "\\" && d.value != "`") {
                error(Errc::syntax,
                      "invalid escape character '" + d.value + "': the escape directive accepts only \\ or `",
                      m_src.span(vb, ve));
                m_out.file.directives.push_back(std::move(d));
                return true;
            }
            m_out.file.escape = d.value[0];
        } else if (key == "syntax") {
            m_out.file.syntax = d.value;
        }
        m_out.file.directives.push_back(std::move(d));
        return true;
    }

    // trimContinuationCharacter: ([^E])E[ \t]*$ | ^E[ \t]*$
    bool continues(size_t b, size_t& e) const {
        const std::string_view t = m_src.text();
        size_t k = e;
        while (k > b && (t[k - 1] == ' ' || t[k - 1] == '\t')) --k;
        if (k > b && t[k - 1] == esc()) {
            if (k - 1 == b) {
                e = b;
                return true;
            }
            if (t[k - 2] != esc()) {
                e = k - 1;
                return true;
            }
        }
        return false;
    }

    bool is_comment_line(const PLine& l) const {
        const size_t ws = skip_space_left(m_src.text(), l.start, l.content);
        return ws < l.content && m_src.text()[ws] == '#';
    }

    // ---- limits (limits.h) ----
    void line_too_long() {
        const std::string_view t = m_src.text();
        const size_t nl = t.find('\n', m_too_long);
        const size_t len = (nl == std::string_view::npos ? t.size() : nl) - m_too_long;
        error(Errc::too_large,
              "this line is " + std::to_string(len) + " bytes long (" + format_bytes(len) +
                  "); a Dockerfile line may be at most 65535 bytes, and docker build stops here too (\"dockerfile "
                  "line greater than max allowed size of 65535\"): split it with " +
                  std::string(1, esc()) + " at the end of each line, or put the data in a file and COPY it",
              m_src.span(m_too_long + k_max_line_bytes, m_too_long + k_max_line_bytes + 1));
    }

    void too_many_instructions(const Logical& lg) {
        m_limit_hit = true;
        const size_t b = skip_space_left(lg.text, 0, lg.text.size());
        size_t e = b;
        while (e < lg.text.size() && !is_split_space(lg.text[e])) ++e;
        error(Errc::too_large,
              "this is instruction " + std::to_string(k_max_instructions + 1) +
                  "; layerlab builds Dockerfiles of up to " + std::to_string(k_max_instructions) +
                  " instructions (real ones have a few dozen), so it stops reading here: merge instructions, like "
                  "several ENV NAME=value pairs on one ENV line",
              lg.span(m_src, b, e));
    }

    // ---- the main loop (parser.go Parse) ----
    void read_all() {
        const std::string_view t = m_src.text();
        std::vector<std::string> comments;
        size_t li = 0;
        size_t count = 0;
        while (li < m_lines.size()) {
            const PLine& l = m_lines[li++];
            size_t start = l.start;
            if (li == 1 && t.substr(start, 3) == "\xEF\xBB\xBF") start += 3;  // UTF-8 BOM
            const size_t ws = skip_space_left(t, start, l.content);
            const bool comment = ws < l.content && t[ws] == '#';
            if (comment) comments.emplace_back(trim_space(t.substr(ws + 1, l.content - ws - 1)));
            const bool was_directive = directive(ws, l.content);
            if (was_directive && comment) comments.pop_back();
            if (comment) continue;  // trimComments leaves nothing
            size_t b = ws, e = l.content;
            bool more = continues(b, e);
            if (!more && b == e) continue;  // blank line
            Logical lg;
            lg.append(t, b, e);
            size_t last_end = l.content;
            bool empty_continuation = false;
            while (more && li < m_lines.size()) {
                const PLine& n = m_lines[li++];
                if (is_comment_line(n)) continue;
                if (skip_space_left(t, n.start, n.content) == n.content) {
                    empty_continuation = true;
                    continue;
                }
                size_t ne = n.content;
                more = continues(n.start, ne);
                lg.append(t, n.start, ne);
                last_end = n.content;
            }
            if (++count > k_max_instructions) {
                too_many_instructions(lg);
                return;
            }
            handle_instruction(lg, b, last_end, comments, li, empty_continuation);
            comments.clear();
        }
        if (m_out.file.instructions.empty() && m_out.errors.empty() && !m_limit_hit)
            error(Errc::syntax, "the Dockerfile has no instructions; start it with a FROM line, like FROM alpine:3.19",
                  m_src.span(m_src.text().size(), m_src.text().size()));
    }

    void handle_instruction(const Logical& lg, size_t begin, size_t last_end, const std::vector<std::string>& comments,
                            size_t& li, bool empty_continuation) {
        const Span whole_lines = m_src.span(begin, last_end);
        if (empty_continuation)
            warn("NoEmptyContinuation",
                 "empty continuation line inside this instruction; BuildKit will make this an error one day: "
                 "remove the blank line or the \\ before it",
                 whole_lines);
        const size_t tb = skip_space_left(lg.text, 0, lg.text.size());
        if (tb == lg.text.size()) {
            error(Errc::syntax,
                  "this line ends with the continuation character " + std::string(1, esc()) +
                      " but no instruction follows; remove the " + std::string(1, esc()),
                  whole_lines);
            return;
        }
        const size_t errors_before = m_out.errors.size();
        Instruction ins;
        std::vector<HeredocHead> heads;
        std::vector<Span> head_spans;
        const bool ok = parse_line(lg, ins, 0, &heads, &head_spans);
        ins.comments = comments;
        // Heredoc bodies follow the instruction line, one after the other.
        size_t end = last_end;
        for (size_t h = 0; h < heads.size(); ++h) {
            Heredoc doc;
            doc.name = heads[h].name;
            doc.expand = heads[h].expand;
            doc.strip_tabs = heads[h].chomp;
            doc.fd = heads[h].fd;
            doc.span = head_spans[h];
            const size_t body_begin = li < m_lines.size() ? m_lines[li].start : m_src.text().size();
            bool closed = false;
            while (li < m_lines.size()) {
                const PLine& n = m_lines[li++];
                size_t s = n.start;
                if (doc.strip_tabs)
                    while (s < n.content && m_src.text()[s] == '\t') ++s;
                if (m_src.text().substr(s, n.content - s) == doc.name) {
                    closed = true;
                    end = n.content;
                    break;
                }
                doc.content.append(m_src.text().substr(n.start, n.next - n.start));
                end = n.content;
            }
            doc.body_span = m_src.span(body_begin, closed ? end : m_src.text().size());
            if (!closed && !m_limit_hit) {  // (after a line over the limit, the rest was not read)
                error(Errc::syntax,
                      "the heredoc started with " +
                          std::string(
                              m_src.text().substr(doc.span.begin_offset, doc.span.end_offset - doc.span.begin_offset)) +
                          " is never closed: add a line containing only " + doc.name,
                      doc.span);
                end = m_src.text().size();
            }
            ins.heredocs.push_back(std::move(doc));
        }
        ins.span =
            m_src.span(ins.keyword_span.begin_offset, std::max(end, static_cast<size_t>(ins.keyword_span.end_offset)));
        if (!ok || m_out.errors.size() != errors_before || !finish(ins, false)) {
            // Left out; a broken FROM still ends the stage before it.
            if (ins.kind == Kind::From && !ins.keyword.empty() && kind_from_keyword(ins.keyword) == Kind::From)
                m_failed_from.push_back(m_out.file.instructions.size());
            m_last_kind.reset();
            return;
        }
        if (ins.kind == Kind::Onbuild && !ins.trigger.empty()) {
            // The trigger sees the heredocs too (canContainHeredoc looks inside ONBUILD).
            ins.trigger[0].heredocs = ins.heredocs;
            check_trigger(ins);
        }
        m_last_kind = ins.kind;
        m_last_end_line = ins.span.end_line;
        m_out.file.instructions.push_back(std::move(ins));
    }

    // The wrapped instruction of ONBUILD runs only in a child build, where
    // BuildKit checks it; we check it now but only warn.
    void check_trigger(Instruction& ins) {
        Instruction& trig = ins.trigger[0];
        m_quiet = true;
        const bool ok = finish(trig, true);
        m_quiet = false;
        for (size_t i = 0; i < m_quiet_errors.size(); ++i)
            warn("InvalidOnbuildTrigger",
                 "this ONBUILD trigger will fail when an image is built FROM this one: " + m_quiet_errors[i].message,
                 m_quiet_spans[i]);
        m_quiet_errors.clear();
        m_quiet_spans.clear();
        if (!ok) ins.trigger.clear();
    }

    // newNodeFromLine + the dispatch table of line parsers. Fills keyword,
    // flags, args / pairs / json_form; finds heredoc words. False on error.
    bool parse_line(const Logical& lg, Instruction& ins, int depth, std::vector<HeredocHead>* heads,
                    std::vector<Span>* head_spans) {
        const std::string& t = lg.text;
        const size_t b = skip_space_left(t, 0, t.size());
        const size_t e = skip_space_right(t, b, t.size());
        size_t kw_end = b;
        while (kw_end < e && !is_split_space(t[kw_end])) ++kw_end;
        size_t rest = kw_end;
        while (rest < e && is_split_space(t[rest])) ++rest;
        ins.keyword = t.substr(b, kw_end - b);
        ins.keyword_span = lg.span(m_src, b, kw_end);
        ins.original = t;
        ins.span = lg.span(m_src, b, e);
        auto kind = kind_from_keyword(ins.keyword);
        if (!kind) {
            std::string hint = closest_match(ins.keyword, keywords());
            std::string msg = "unknown instruction \"" + ins.keyword + "\"";
            if (!hint.empty()) {
                msg += " (did you mean " + hint + "?)";
            } else if (depth == 0 && m_last_kind == Kind::Run && m_last_end_line + 1 == ins.keyword_span.begin_line) {
                msg += "; if this continues the RUN above, end that line with " + std::string(1, esc());
            } else {
                msg += "; an instruction is a keyword like FROM, RUN, COPY, ENV or CMD";
            }
            error(Errc::unknown_instruction, std::move(msg), ins.keyword_span);
            return false;
        }
        ins.kind = *kind;

        std::vector<RawFlag> raw;
        size_t ab = rest < e ? extract_flags(t, rest, e, esc(), raw) : e;
        for (const RawFlag& r : raw) {
            Flag f;
            std::string_view w = r.word;
            if (w.substr(0, 2) == "--") w.remove_prefix(2);
            const size_t eq = w.find('=');
            f.name = std::string(w.substr(0, eq));
            f.has_value = eq != std::string_view::npos;
            if (f.has_value) f.value = std::string(w.substr(eq + 1));
            f.text = t.substr(r.begin, r.end - r.begin);
            f.span = lg.span(m_src, r.begin, r.end);
            f.value_span = r.eq != std::string::npos ? lg.span(m_src, r.eq + 1, r.end) : lg.span(m_src, r.end, r.end);
            ins.flags.push_back(std::move(f));
        }
        ab = skip_space_left(t, ab, e);
        ins.text = t.substr(ab, e - ab);
        ins.text_span = lg.span(m_src, ab, e);

        bool ok = true;
        switch (ins.kind) {
        case Kind::Add:
        case Kind::Copy:
        case Kind::Volume: ok = maybe_json(lg, ab, e, ins, true); break;
        case Kind::Cmd:
        case Kind::Entrypoint:
        case Kind::Run:
        case Kind::Shell: ok = maybe_json(lg, ab, e, ins, false); break;
        case Kind::Arg:
            for (const Word& w : parse_words(t, ab, e, esc())) {
                KeyValue kv;
                const size_t eq = w.text.find('=');
                kv.key = w.text.substr(0, eq);
                kv.has_value = eq != std::string::npos;
                if (kv.has_value) kv.value = w.text.substr(eq + 1);
                kv.span = lg.span(m_src, w.begin, w.end);
                ins.pairs.push_back(std::move(kv));
            }
            break;
        case Kind::Env:
        case Kind::Label: ok = name_values(lg, ab, e, ins); break;
        case Kind::Expose:
        case Kind::From:
            for (Word& w : split_whitespace(t, ab, e)) {
                ins.args.push_back(std::move(w.text));
                ins.arg_spans.push_back(lg.span(m_src, w.begin, w.end));
            }
            break;
        case Kind::Healthcheck: {
            size_t sep = ab;
            while (sep < e && !is_go_space(static_cast<unsigned char>(t[sep]))) ++sep;
            if (sep == ab) break;
            size_t next = sep;
            while (next < e && is_go_space(static_cast<unsigned char>(t[next]))) ++next;
            ins.args.push_back(t.substr(ab, sep - ab));
            ins.arg_spans.push_back(lg.span(m_src, ab, sep));
            ok = maybe_json(lg, next, e, ins, false);
            break;
        }
        case Kind::Maintainer:
        case Kind::Stopsignal:
        case Kind::User:
        case Kind::Workdir:
            if (ab < e) {
                ins.args.push_back(ins.text);
                ins.arg_spans.push_back(ins.text_span);
            }
            break;
        case Kind::Onbuild:
            if (ab < e) {
                Instruction inner;
                const Logical sub = lg.slice(ab, e);
                const std::string_view kw = [&] {
                    size_t k = 0;
                    while (k < sub.text.size() && !is_split_space(sub.text[k])) ++k;
                    return std::string_view(sub.text).substr(0, k);
                }();
                ins.args.push_back(std::string(kw));
                ins.arg_spans.push_back(sub.span(m_src, 0, kw.size()));
                auto ik = kind_from_keyword(kw);
                if (ik == Kind::Onbuild || ik == Kind::From || ik == Kind::Maintainer) {
                    error(Errc::syntax,
                          ik == Kind::Onbuild
                              ? std::string("ONBUILD ONBUILD is not allowed: ONBUILD wraps one ordinary instruction")
                              : to_upper(kw) + " isn't allowed as an ONBUILD trigger",
                          ins.arg_spans.back());
                    return false;
                }
                if (!ik) {
                    std::string hint = closest_match(kw, keywords());
                    warn("InvalidOnbuildTrigger",
                         "this ONBUILD trigger will fail when an image is built FROM this one: unknown instruction \"" +
                             std::string(kw) + "\"" + (hint.empty() ? "" : " (did you mean " + hint + "?)"),
                         ins.arg_spans.back());
                    break;
                }
                if (!parse_line(sub, inner, depth + 1, nullptr, nullptr)) return false;
                for (size_t a = 0; a < inner.args.size(); ++a) {
                    ins.args.push_back(inner.args[a]);
                    ins.arg_spans.push_back(inner.arg_spans[a]);
                }
                ins.trigger.push_back(std::move(inner));
            }
            break;
        }
        if (!ok) return false;

        // Heredocs: RUN, COPY, ADD in shell form, or ONBUILD of those.
        if (heads && t.find("<<") != std::string::npos) {
            const Instruction* target = &ins;
            if (ins.kind == Kind::Onbuild && !ins.trigger.empty()) target = &ins.trigger[0];
            const bool can = (target->kind == Kind::Run || target->kind == Kind::Copy || target->kind == Kind::Add) &&
                             !target->json_form;
            if (can) find_heredocs(lg, *heads, *head_spans);
        }
        return true;
    }

    // parser.go heredocsFromLine: lex the whole line keeping quotes, escapes
    // and unset variables, then test each word.
    void find_heredocs(const Logical& lg, std::vector<HeredocHead>& heads, std::vector<Span>& spans) {
        static const Env empty;
        ExpandOptions opt;
        opt.keep_quotes = true;
        opt.keep_escapes = true;
        opt.keep_unset = true;
        auto words = expand_ex(lg.text, empty, opt);
        if (!words) return;  // BuildKit ignores a line it cannot lex
        for (size_t w = 0; w < words->words.size(); ++w) {
            std::string err;
            const auto& [wb, we] = words->word_ranges[w];
            auto h = heredoc_from_word(words->words[w], &err);
            if (!err.empty()) {
                error(Errc::syntax, "cannot read the heredoc " + words->words[w] + ": " + err, lg.span(m_src, wb, we));
                continue;
            }
            if (!h) continue;
            heads.push_back(std::move(*h));
            spans.push_back(lg.span(m_src, wb, we));
        }
    }

    // parseMaybeJSON / parseMaybeJSONToList
    bool maybe_json(const Logical& lg, size_t b, size_t e, Instruction& ins, bool to_list) {
        if (b >= e) return true;
        const std::string_view t = std::string_view(lg.text).substr(0, e);
        if (t[b] == '[') {
            JsonArray j = parse_json_array(t.substr(b));
            if (j.status == JsonArray::Status::ok) {
                ins.json_form = true;
                for (size_t i = 0; i < j.items.size(); ++i) {
                    ins.args.push_back(std::move(j.items[i]));
                    ins.arg_spans.push_back(lg.span(m_src, b + j.item_ranges[i].first, b + j.item_ranges[i].second));
                }
                return true;
            }
            if (j.status == JsonArray::Status::not_strings) {
                error(Errc::bad_json,
                      "in the JSON (exec) form every element must be a \"string\"; quote it, like [\"sleep\", \"10\"]",
                      lg.span(m_src, b + j.error_offset, b + j.error_offset + 1));
                return false;
            }
            if (ins.kind != Kind::Shell)
                warn("InvalidJSONForm",
                     "this looks like a JSON array but is not valid JSON, so it is used as a shell command "
                     "(check the quotes: JSON needs \"double quotes\" and commas)",
                     lg.span(m_src, b, e));
        }
        if (to_list) {
            for (Word& w : split_whitespace(t, b, e)) {
                ins.args.push_back(std::move(w.text));
                ins.arg_spans.push_back(lg.span(m_src, w.begin, w.end));
            }
        } else {
            ins.args.push_back(std::string(t.substr(b, e - b)));
            ins.arg_spans.push_back(lg.span(m_src, b, e));
        }
        return true;
    }

    // parseNameVal: "KEY value" (legacy) or "k=v k2=v2".
    bool name_values(const Logical& lg, size_t b, size_t e, Instruction& ins) {
        const std::string& t = lg.text;
        std::vector<Word> words = parse_words(t, b, e, esc());
        if (words.empty()) return true;
        const std::string kw = kind_name(ins.kind);
        if (words[0].text.find('=') == std::string::npos) {
            size_t k = b;
            while (k < e && !is_split_space(t[k])) ++k;
            size_t v = k;
            while (v < e && is_split_space(t[v])) ++v;
            if (k >= e) {
                error(
                    Errc::syntax,
                    kw + " " + t.substr(b, k - b) + " has no value; write " + kw + " " + t.substr(b, k - b) + "=value",
                    lg.span(m_src, b, k));
                return false;
            }
            KeyValue kv;
            kv.key = t.substr(b, k - b);
            kv.value = t.substr(v, e - v);
            kv.legacy = true;
            kv.span = lg.span(m_src, b, e);
            ins.pairs.push_back(std::move(kv));
            return true;
        }
        for (const Word& w : words) {
            const size_t eq = w.text.find('=');
            if (eq == std::string::npos) {
                error(Errc::syntax,
                      "cannot find = in \"" + w.text + "\"; " + kw +
                          " pairs are written name=value (quote values with spaces: name=\"a b\")",
                      lg.span(m_src, w.begin, w.end));
                return false;
            }
            KeyValue kv;
            kv.key = w.text.substr(0, eq);
            kv.value = w.text.substr(eq + 1);
            kv.span = lg.span(m_src, w.begin, w.end);
            ins.pairs.push_back(std::move(kv));
        }
        return true;
    }

    // ---- instructions/parse.go: BFlags ----
    bool parse_flags(Instruction& ins, std::initializer_list<FlagSpec> specs) {
        const std::string kw = kind_name(ins.kind);
        for (size_t i = 0; i < ins.flags.size(); ++i) {
            const Flag& f = ins.flags[i];
            const FlagSpec* spec = nullptr;
            for (const FlagSpec& s : specs)
                if (s.name == f.name) spec = &s;
            if (!spec) {
                std::vector<std::string_view> names;
                for (const FlagSpec& s : specs) names.push_back(s.name);
                std::string hint = closest_match(f.name, names);
                std::string msg = "unknown flag --" + f.name + " for " + kw;
                if (!hint.empty())
                    msg += " (did you mean --" + hint + "?)";
                else if (names.empty())
                    msg += "; " + kw + " takes no flags";
                else {
                    msg += "; " + kw + " accepts";
                    for (size_t n = 0; n < names.size(); ++n) msg += (n ? ", --" : " --") + std::string(names[n]);
                }
                error(Errc::bad_flag, std::move(msg), f.span);
                return false;
            }
            if (spec->type != FlagSpec::strings)
                for (size_t j = 0; j < i; ++j)
                    if (ins.flags[j].name == f.name) {
                        error(Errc::bad_flag, kw + " has --" + f.name + " twice; give it only once", f.span);
                        return false;
                    }
            if (spec->type == FlagSpec::boolean) {
                if (f.has_value && f.value.empty()) {
                    error(Errc::bad_flag,
                          "--" + f.name + "= needs a value: write --" + f.name + " or --" + f.name + "=true", f.span);
                    return false;
                }
                const std::string v = to_lower(f.value);
                if (!v.empty() && v != "true" && v != "false") {
                    error(Errc::bad_flag, "--" + f.name + " expects true or false, not \"" + f.value + "\"", f.span);
                    return false;
                }
            } else if (!f.has_value) {
                error(Errc::bad_flag, "--" + f.name + " needs a value, like --" + f.name + "=" + flag_example(f.name),
                      f.span);
                return false;
            }
        }
        return true;
    }

    static std::string flag_example(std::string_view name) {
        if (name == "from") return "builder";
        if (name == "chown") return "1000:1000";
        if (name == "chmod") return "0755";
        if (name == "platform") return "linux/amd64";
        if (name == "mount") return "type=cache,target=/root/.cache";
        if (name == "network") return "none";
        if (name == "security") return "insecure";
        if (name == "interval" || name == "timeout" || name == "start-period" || name == "start-interval") return "30s";
        if (name == "retries") return "3";
        if (name == "checksum") return "sha256:...";
        if (name == "exclude") return "*.md";
        return "value";
    }

    static bool flag_true(const Instruction& ins, std::string_view name) {
        const Flag* f = ins.flag(name);
        return f && (!f->has_value || to_lower(f->value) == "true");
    }
    static std::string flag_value(const Instruction& ins, std::string_view name) {
        const Flag* f = ins.flag(name);
        return f ? f->value : std::string();
    }

    bool need_args(const Instruction& ins, size_t n, const std::string& msg) {
        if (ins.args.size() >= n) return true;
        error(Errc::syntax, msg, ins.keyword_span);
        return false;
    }

    // ---- instructions/parse.go: ParseInstruction ----
    bool finish(Instruction& ins, bool is_trigger) {
        const std::string kw = kind_name(ins.kind);
        switch (ins.kind) {
        case Kind::Env:
        case Kind::Label: {
            if (!parse_flags(ins, {})) return false;
            if (ins.pairs.empty()) {
                error(Errc::syntax, kw + " needs at least one name=value pair, like " + kw + " NAME=value",
                      ins.keyword_span);
                return false;
            }
            for (const KeyValue& kv : ins.pairs) {
                if (kv.key.empty()) {
                    error(Errc::syntax, kw + " names cannot be empty (there is nothing before the =)", kv.span);
                    return false;
                }
                if (kv.legacy && !is_trigger)
                    warn("LegacyKeyValueFormat",
                         "\"" + kw + " key=value\" should be used instead of the legacy \"" + kw + " key value\" form",
                         kv.span);
            }
            return true;
        }
        case Kind::Maintainer:
            if (!need_args(ins, 1,
                           "MAINTAINER needs a name (and MAINTAINER is deprecated: use LABEL maintainer=\"...\")"))
                return false;
            if (!parse_flags(ins, {})) return false;
            if (!is_trigger)
                warn("MaintainerDeprecated", "MAINTAINER is deprecated; use LABEL maintainer=\"...\" instead",
                     ins.keyword_span);
            return true;
        case Kind::Add:
        case Kind::Copy: return finish_copy(ins);
        case Kind::From: return finish_from(ins);
        case Kind::Onbuild:
            if (!need_args(ins, 1, "ONBUILD needs an instruction to run later, like ONBUILD COPY . /app")) return false;
            return parse_flags(ins, {});
        case Kind::Workdir:
            if (!need_args(ins, 1, "WORKDIR needs a path, like WORKDIR /app")) return false;
            return parse_flags(ins, {});
        case Kind::Run: return finish_run(ins);
        case Kind::Cmd:
        case Kind::Entrypoint:
            if (!parse_flags(ins, {})) return false;
            if (!ins.json_form && !ins.args.empty() && !is_trigger)
                warn("JSONArgsRecommended",
                     "JSON arguments are recommended for " + kw + " so that the program gets OS signals: " + kw +
                         " [\"executable\", \"arg\"]",
                     ins.text_span);
            return true;
        case Kind::Healthcheck: return finish_healthcheck(ins);
        case Kind::Expose:
            if (!need_args(ins, 1, "EXPOSE needs at least one port, like EXPOSE 80 or EXPOSE 53/udp")) return false;
            if (!parse_flags(ins, {})) return false;
            for (size_t i = 0; i < ins.args.size(); ++i)
                if (!check_port(ins.args[i], ins.arg_spans[i])) return false;
            return true;
        case Kind::User:
            if (!need_args(ins, 1, "USER needs a user name or id, like USER app or USER 1000:1000")) return false;
            return parse_flags(ins, {});
        case Kind::Volume:
            if (!need_args(ins, 1, "VOLUME needs at least one path, like VOLUME /data")) return false;
            if (!parse_flags(ins, {})) return false;
            for (size_t i = 0; i < ins.args.size(); ++i)
                if (trim_space(ins.args[i]).empty()) {
                    error(Errc::syntax, "VOLUME paths cannot be empty", ins.arg_spans[i]);
                    return false;
                }
            return true;
        case Kind::Stopsignal:
            if (!need_args(ins, 1, "STOPSIGNAL needs a signal, like STOPSIGNAL SIGTERM")) return false;
            return parse_flags(ins, {});
        case Kind::Arg:
            if (ins.pairs.empty()) {
                error(Errc::syntax, "ARG needs a name, like ARG VERSION or ARG VERSION=1.0", ins.keyword_span);
                return false;
            }
            if (!parse_flags(ins, {})) return false;
            for (const KeyValue& kv : ins.pairs)
                if (kv.key.empty()) {
                    error(Errc::syntax, "ARG names cannot be empty (there is nothing before the =)", kv.span);
                    return false;
                }
            return true;
        case Kind::Shell:
            if (!parse_flags(ins, {})) return false;
            if (ins.args.empty()) {
                error(Errc::syntax, "SHELL needs a JSON array like [\"/bin/sh\", \"-c\"]", ins.keyword_span);
                return false;
            }
            if (!ins.json_form) {
                error(Errc::bad_json, "SHELL needs a JSON array like [\"/bin/sh\", \"-c\"]", ins.text_span);
                return false;
            }
            return true;
        }
        return true;
    }

    bool finish_from(Instruction& ins) {
        const auto& a = ins.args;
        if (a.size() == 3 && iequals(a[1], "as")) {
            const std::string name = to_lower(a[2]);
            bool valid = !name.empty() && name[0] >= 'a' && name[0] <= 'z';
            for (char c : name)
                valid = valid && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.');
            if (!valid) {
                error(Errc::syntax,
                      "invalid stage name \"" + a[2] +
                          "\": it must start with a letter and use only letters, digits, '-', '_' and '.'",
                      ins.arg_spans[2]);
                return false;
            }
            ins.from.stage_name = name;
            ins.from.stage_name_as_written = a[2];
            ins.from.name_span = ins.arg_spans[2];
        } else if (a.empty()) {
            error(Errc::syntax, "FROM needs an image, like FROM alpine:3.19 (or FROM scratch to start empty)",
                  ins.keyword_span);
            return false;
        } else if (a.size() == 2 && iequals(a[1], "as")) {
            error(Errc::syntax, "FROM ... AS needs a stage name after AS, like FROM golang:1.22 AS build",
                  ins.arg_spans[1]);
            return false;
        } else if (a.size() != 1) {
            error(Errc::syntax,
                  "FROM takes an image and optionally AS <name>, like FROM golang:1.22 AS build (found " +
                      std::to_string(a.size()) + " words)",
                  a.size() >= 2 ? ins.arg_spans[1] : ins.keyword_span);
            return false;
        }
        if (!parse_flags(ins, {{"platform", FlagSpec::string}})) return false;
        ins.from.image = a[0];
        ins.from.image_span = ins.arg_spans[0];
        ins.from.platform = flag_value(ins, "platform");
        if (!ins.from.stage_name.empty()) {
            const std::string& w = ins.from.stage_name_as_written;
            if (w != ins.from.stage_name)
                warn("StageNameCasing", "stage name '" + w + "' should be lowercase", ins.from.name_span);
            const bool from_lower = to_lower(ins.keyword) == ins.keyword;
            const bool from_upper = to_upper(ins.keyword) == ins.keyword;
            const bool as_lower = to_lower(a[1]) == a[1];
            const bool as_upper = to_upper(a[1]) == a[1];
            if ((from_upper && as_lower) || (from_lower && as_upper))
                warn("FromAsCasing", "'" + a[1] + "' and '" + ins.keyword + "' keywords' casing do not match",
                     ins.arg_spans[1]);
            if (ins.from.stage_name == "scratch" || ins.from.stage_name == "context")
                warn("ReservedStageName",
                     "'" + ins.from.stage_name + "' is reserved and should not be used as a stage name",
                     ins.from.name_span);
        }
        return true;
    }

    bool finish_copy(Instruction& ins) {
        const std::string kw = kind_name(ins.kind);
        if (ins.args.size() < 2) {
            error(Errc::syntax,
                  ins.args.empty() ? kw + " needs a source and a destination, like " + kw + " app.py /app/"
                                   : kw + " needs a source and a destination, but only \"" + ins.args[0] +
                                         "\" was given; add where it goes, like " + kw + " " + ins.args[0] + " /app/",
                  ins.args.empty() ? ins.keyword_span : ins.arg_spans[0]);
            return false;
        }
        bool ok;
        if (ins.kind == Kind::Add)
            ok = parse_flags(ins, {{"chown", FlagSpec::string},
                                   {"chmod", FlagSpec::string},
                                   {"link", FlagSpec::boolean},
                                   {"keep-git-dir", FlagSpec::boolean},
                                   {"checksum", FlagSpec::string},
                                   {"unpack", FlagSpec::boolean},
                                   {"exclude", FlagSpec::strings}});
        else
            ok = parse_flags(ins, {{"chown", FlagSpec::string},
                                   {"from", FlagSpec::string},
                                   {"chmod", FlagSpec::string},
                                   {"link", FlagSpec::boolean},
                                   {"parents", FlagSpec::boolean},
                                   {"exclude", FlagSpec::strings}});
        if (!ok) return false;
        CopyArgs& c = ins.copy;
        c.from = flag_value(ins, "from");
        c.chown = flag_value(ins, "chown");
        c.chmod = flag_value(ins, "chmod");
        c.link = flag_true(ins, "link");
        c.parents = flag_true(ins, "parents");
        c.keep_git_dir = flag_true(ins, "keep-git-dir");
        c.checksum = flag_value(ins, "checksum");
        if (ins.flag("unpack")) c.unpack = flag_true(ins, "unpack");
        for (const Flag& f : ins.flags)
            if (f.name == "exclude") c.exclude.push_back(f.value);
        // parseSourcesAndDest
        if (heredoc_from_word(ins.args.back(), nullptr)) {
            error(Errc::syntax, kw + " cannot use a heredoc as the destination; the last argument is where files go",
                  ins.arg_spans.back());
            return false;
        }
        c.dest = ins.args.back();
        c.dest_span = ins.arg_spans.back();
        for (size_t i = 0; i + 1 < ins.args.size(); ++i) {
            auto h = heredoc_from_word(ins.args[i], nullptr);
            if (!h) {
                c.sources.push_back(ins.args[i]);
                c.source_spans.push_back(ins.arg_spans[i]);
                continue;
            }
            // Looked up by name, the last heredoc of that name wins (a Go map).
            size_t found = ins.heredocs.size();
            for (size_t k = 0; k < ins.heredocs.size(); ++k)
                if (ins.heredocs[k].name == h->name) found = k;
            if (found == ins.heredocs.size()) {  // e.g. JSON form: an empty inline file
                Heredoc empty;
                empty.name = h->name;
                empty.expand = h->expand;
                empty.strip_tabs = h->chomp;
                empty.span = ins.arg_spans[i];
                ins.heredocs.push_back(std::move(empty));
            }
            c.heredoc_sources.push_back(found);
        }
        return true;
    }

    bool finish_run(Instruction& ins) {
        if (!parse_flags(ins,
                         {{"mount", FlagSpec::strings}, {"network", FlagSpec::string}, {"security", FlagSpec::string}}))
            return false;
        RunArgs& r = ins.run;
        for (const Flag& f : ins.flags) {
            if (f.name == "mount") {
                auto m = parse_mount(f.value);
                if (!m) {
                    error(Errc::bad_flag, m.error().message, f.span);
                    return false;
                }
                r.mounts.push_back(std::move(m.value()));
            } else if (f.name == "network") {
                if (f.value != "default" && f.value != "none" && f.value != "host") {
                    error(Errc::bad_flag, "invalid network mode \"" + f.value + "\"; use default, none or host",
                          f.span);
                    return false;
                }
                r.network = f.value;
            } else if (f.name == "security") {
                if (f.value != "sandbox" && f.value != "insecure") {
                    error(Errc::bad_flag, "invalid security mode \"" + f.value + "\"; use sandbox or insecure", f.span);
                    return false;
                }
                r.security = f.value;
            }
        }
        r.mount_from_refs.assign(r.mounts.size(), StageRef{});
        return true;
    }

    bool finish_healthcheck(Instruction& ins) {
        if (ins.args.empty()) {
            error(Errc::syntax,
                  "HEALTHCHECK needs CMD <command> or NONE, like HEALTHCHECK CMD curl -f http://localhost/",
                  ins.keyword_span);
            return false;
        }
        HealthArgs& h = ins.health;
        const std::string type = to_upper(ins.args[0]);
        if (type == "NONE") {
            if (ins.args.size() != 1) {
                error(Errc::syntax, "HEALTHCHECK NONE takes no arguments", ins.arg_spans[1]);
                return false;
            }
            h.none = true;
            h.test = {"NONE"};
            if (!ins.flags.empty())
                warn("HealthcheckNoneFlags", "flags are ignored with HEALTHCHECK NONE", ins.flags[0].span);
            return true;
        }
        if (!parse_flags(ins, {{"interval", FlagSpec::string},
                               {"timeout", FlagSpec::string},
                               {"start-period", FlagSpec::string},
                               {"start-interval", FlagSpec::string},
                               {"retries", FlagSpec::string}}))
            return false;
        if (type != "CMD") {
            std::string hint = closest_match(type, {"CMD", "NONE"});
            error(Errc::syntax,
                  "unknown HEALTHCHECK type \"" + ins.args[0] + "\"" +
                      (hint.empty() ? "; use HEALTHCHECK CMD <command> or HEALTHCHECK NONE"
                                    : " (did you mean " + hint + "?)"),
                  ins.arg_spans[0]);
            return false;
        }
        if (ins.args.size() < 2) {
            error(Errc::syntax,
                  "HEALTHCHECK CMD needs a command to run, like HEALTHCHECK CMD curl -f http://localhost/",
                  ins.arg_spans[0]);
            return false;
        }
        h.test.push_back(ins.json_form ? "CMD" : "CMD-SHELL");
        for (size_t i = 1; i < ins.args.size(); ++i) h.test.push_back(ins.args[i]);
        struct D {
            const char* name;
            int64_t* out;
        } durations[] = {{"interval", &h.interval_ns},
                         {"timeout", &h.timeout_ns},
                         {"start-period", &h.start_period_ns},
                         {"start-interval", &h.start_interval_ns}};
        for (const D& d : durations) {
            const Flag* f = ins.flag(d.name);
            if (!f || f->value.empty()) continue;
            auto ns = parse_go_duration(f->value);
            if (!ns) {
                error(Errc::bad_flag,
                      "--" + std::string(d.name) + "=" + f->value +
                          " is not a duration; use a number with a unit, like 30s, 1m30s or 500ms",
                      f->span);
                return false;
            }
            if (*ns != 0 && *ns < 1000000) {
                error(Errc::bad_flag, "--" + std::string(d.name) + " cannot be less than 1ms", f->span);
                return false;
            }
            *d.out = *ns;
        }
        if (const Flag* f = ins.flag("retries"); f && !f->value.empty()) {
            std::string_view v = f->value;
            bool neg = false;
            if (v[0] == '+' || v[0] == '-') {
                neg = v[0] == '-';
                v.remove_prefix(1);
            }
            int64_t n = 0;
            bool ok = !v.empty();
            for (char c : v) {
                if (c < '0' || c > '9' || n > 0x7FFFFFFF) {
                    ok = false;
                    break;
                }
                n = n * 10 + (c - '0');
            }
            if (!ok || n > (neg ? 0x80000000LL : 0x7FFFFFFFLL)) {
                error(Errc::bad_flag, "--retries must be a whole number, not \"" + f->value + "\"", f->span);
                return false;
            }
            if (neg && n > 0) {
                error(Errc::bad_flag, "--retries cannot be negative", f->span);
                return false;
            }
            h.retries = static_cast<int>(n);
        }
        return true;
    }

    // go-connections nat.ParsePortSpec, for what can be checked before
    // substitution: [ip:][hostPort:]port[-port][/tcp|udp|sctp].
    bool check_port(const std::string& raw, const Span& at) {
        if (looks_like_var(raw)) return true;
        static const Env empty;
        auto words = expand_words(raw, empty, esc());
        if (!words) {
            error(Errc::syntax, words.error().message, at);
            return false;
        }
        for (const std::string& w : words.value()) {
            std::string_view spec = w;
            std::string_view proto = "tcp";
            if (const size_t slash = spec.rfind('/'); slash != std::string_view::npos) {
                proto = spec.substr(slash + 1);
                spec = spec.substr(0, slash);
            }
            const std::string p = to_lower(proto);
            if (p != "tcp" && p != "udp" && p != "sctp") {
                error(Errc::syntax,
                      "EXPOSE " + w + ": \"" + std::string(proto) +
                          "\" is not a protocol; use tcp, udp or sctp, like " + std::string(spec) + "/tcp",
                      at);
                return false;
            }
            if (p != proto)
                warn("ExposeProtoCasing", "the protocol in EXPOSE " + w + " should be lower case (" + p + ")", at);
            if (const size_t colon = spec.rfind(':'); colon != std::string_view::npos) {
                warn("ExposeInvalidFormat",
                     "EXPOSE " + w +
                         " names a host address or port; EXPOSE only documents the container port, "
                         "publish with docker run -p instead",
                     at);
                spec = spec.substr(colon + 1);
            }
            auto port = [](std::string_view s) -> long {
                if (s.empty() || s.size() > 5) return -1;
                long n = 0;
                for (char c : s) {
                    if (c < '0' || c > '9') return -1;
                    n = n * 10 + (c - '0');
                }
                return n <= 65535 ? n : -1;
            };
            const size_t dash = spec.find('-');
            const long lo = port(spec.substr(0, dash));
            const long hi = dash == std::string_view::npos ? lo : port(spec.substr(dash + 1));
            if (lo < 0 || hi < 0 || hi < lo) {
                error(Errc::syntax,
                      "EXPOSE " + w + ": \"" + std::string(spec) +
                          "\" is not a port; use a number from 1 to 65535 or a range like 8000-8010",
                      at);
                return false;
            }
        }
        return true;
    }

    // ---- stages ----
    void assemble_stages() {
        Dockerfile& df = m_out.file;
        std::optional<size_t> current;
        bool seen_from = false;
        size_t upper = 0, lower = 0;
        for (const Instruction& ins : df.instructions) {
            if (ins.keyword == to_upper(ins.keyword))
                ++upper;
            else if (ins.keyword == to_lower(ins.keyword))
                ++lower;
        }
        size_t failed = 0;
        for (size_t i = 0; i < df.instructions.size(); ++i) {
            Instruction& ins = df.instructions[i];
            while (failed < m_failed_from.size() && m_failed_from[failed] <= i) {
                seen_from = true;
                current.reset();
                ++failed;
            }
            if (ins.kind == Kind::From) {
                seen_from = true;
                for (const Stage& s : df.stages)
                    if (!ins.from.stage_name.empty() && s.name == ins.from.stage_name) {
                        error(Errc::syntax,
                              "duplicate stage name \"" + ins.from.stage_name + "\": stage " + std::to_string(s.index) +
                                  " already uses it; give every stage its own name",
                              ins.from.name_span);
                    }
                Stage st;
                st.index = df.stages.size();
                st.name = ins.from.stage_name;
                st.image = ins.from.image;
                st.platform = ins.from.platform;
                st.from_instruction = i;
                for (const Stage& s : df.stages)
                    if (!s.name.empty() && s.name == ins.from.image) st.base_stage = s.index;
                df.stages.push_back(std::move(st));
                current = df.stages.size() - 1;
            } else if (!seen_from) {
                if (ins.kind == Kind::Arg) {
                    df.global_args.push_back(i);
                } else {
                    error(Errc::syntax,
                          std::string(kind_name(ins.kind)) +
                              " comes before any FROM; every build stage must start with FROM (only ARG may come "
                              "before the first FROM)",
                          ins.keyword_span);
                }
            } else if (current) {
                df.stages[*current].instructions.push_back(i);
            }
            // ConsistentInstructionCasing
            const bool is_upper = ins.keyword == to_upper(ins.keyword);
            const bool is_lower = ins.keyword == to_lower(ins.keyword);
            const bool majority_upper = upper >= lower;
            if ((majority_upper && !is_upper) || (!majority_upper && !is_lower))
                warn("ConsistentInstructionCasing",
                     "instruction '" + ins.keyword + "' should match the case of the instruction majority (" +
                         (majority_upper ? "uppercase" : "lowercase") + ")",
                     ins.keyword_span);
        }
        if (df.stages.empty() && !df.instructions.empty() && m_out.errors.empty())
            error(Errc::syntax, "the Dockerfile has no FROM; a build needs at least one stage, like FROM alpine:3.19",
                  df.instructions.back().span);

        for (const Stage& st : df.stages) {
            const Instruction* last_of[k_kind_count] = {};
            bool absolute_workdir = false;
            for (size_t idx : st.instructions) {
                const Instruction& ins = df.instructions[idx];
                if (ins.kind == Kind::Cmd || ins.kind == Kind::Entrypoint || ins.kind == Kind::Healthcheck) {
                    const Instruction*& prev = last_of[static_cast<size_t>(ins.kind)];
                    if (prev)
                        warn("MultipleInstructionsDisallowed",
                             "multiple " + std::string(kind_name(ins.kind)) +
                                 " instructions in one stage: only the last one is used, this one is ignored",
                             prev->span);
                    prev = &ins;
                }
                if (ins.kind == Kind::Workdir && !ins.args.empty()) {
                    const std::string& p = ins.args[0];
                    // Absolute on Linux, or a Windows drive / UNC path (the
                    // parser does not know the target OS; BuildKit checks per OS).
                    const bool drive = p.size() >= 3 && p[1] == ':' && (p[2] == '\\' || p[2] == '/');
                    const bool abs = !p.empty() && (p[0] == '/' || p[0] == '$' || p[0] == '\\' || drive);
                    if (!abs && !absolute_workdir)
                        warn("WorkdirRelativePath",
                             "relative WORKDIR \"" + p +
                                 "\" depends on the working directory of the base image; "
                                 "use an absolute path like /" +
                                 p,
                             ins.text_span);
                    if (abs) absolute_workdir = true;
                }
            }
        }
    }

    Source m_src;
    size_t m_too_long = std::string_view::npos;  // start of the first line over k_max_line_bytes
    std::vector<PLine> m_lines;
    bool m_limit_hit = false;  // a limit stopped the reading: no "no FROM"-style errors about the rest
    ParseOutput m_out;
    bool m_directives_done = false;
    bool m_quiet = false;
    std::vector<Error> m_quiet_errors;
    std::vector<Span> m_quiet_spans;
    std::optional<Kind> m_last_kind;
    uint32_t m_last_end_line = 0;
    std::vector<size_t> m_failed_from;  // positions in instructions where a FROM was dropped
};

// strconv.Atoi
std::optional<long long> go_atoi(std::string_view s) {
    if (s.empty()) return std::nullopt;
    bool neg = false;
    if (s[0] == '+' || s[0] == '-') {
        neg = s[0] == '-';
        s.remove_prefix(1);
    }
    if (s.empty() || s.size() > 18) return std::nullopt;
    long long n = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + (c - '0');
    }
    return neg ? -n : n;
}

}  // namespace

std::vector<Error> check_stages(Dockerfile& df, std::vector<Span>* spans) {
    std::vector<Error> errors;
    auto report = [&](std::string msg, const Span& at) {
        errors.push_back(make_error(Errc::unknown_stage, std::move(msg), at.loc(df.filename)));
        if (spans) spans->push_back(at);
    };
    struct Edge {
        size_t from, to;
        Span at;
        std::string what;  // "COPY --from=builder"
    };
    std::vector<Edge> edges;
    const size_t n = df.stages.size();
    // Idempotent: drop the warnings of a previous call.
    df.warnings.erase(std::remove_if(df.warnings.begin(), df.warnings.end(),
                                     [](const Warning& w) { return w.rule == "UnknownStageAsImage"; }),
                      df.warnings.end());
    auto resolve = [&](const std::string& v, size_t stage, const Span& at, const std::string& what) -> StageRef {
        StageRef ref;
        if (v.empty()) return ref;
        if (looks_like_var(v)) {
            ref.type = StageRef::Type::unresolved;
            return ref;
        }
        if (auto idx = go_atoi(v)) {
            if (*idx < 0 || static_cast<unsigned long long>(*idx) >= n) {
                std::string have = n == 1 ? "only stage 0" : "stages 0 to " + std::to_string(n - 1);
                report(what + " refers to stage " + v + ", but this Dockerfile has " + std::to_string(n) +
                           (n == 1 ? " stage" : " stages") + " (" + have +
                           "); count the FROM lines from 0 or use a stage name",
                       at);
                return ref;
            }
            ref.type = StageRef::Type::stage;
            ref.stage = static_cast<size_t>(*idx);
        } else if (const Stage* s = df.find_stage(v)) {
            ref.type = StageRef::Type::stage;
            ref.stage = s->index;
        } else {
            // BuildKit pulls it as an image. When it is one typo away from a
            // stage name, that is almost surely not what the author meant.
            ref.type = StageRef::Type::image;
            std::vector<std::string_view> names;
            for (const Stage& s2 : df.stages)
                if (!s2.name.empty()) names.push_back(s2.name);
            const std::string hint = closest_match(v, names);
            if (!hint.empty())
                df.warnings.push_back(Warning{"UnknownStageAsImage",
                                              what + ": there is no stage named \"" + v +
                                                  "\", so it will be pulled as an image (did you mean " + hint + "?)",
                                              at.loc(df.filename), at});
            return ref;
        }
        edges.push_back({stage, ref.stage, at, what});
        return ref;
    };
    for (Stage& st : df.stages) {
        st.depends_on.clear();
        for (size_t idx : st.instructions) {
            Instruction& ins = df.instructions[idx];
            if (ins.kind == Kind::Copy && !ins.copy.from.empty()) {
                const Flag* f = ins.flag("from");
                ins.copy.from_ref =
                    resolve(ins.copy.from, st.index, f ? f->span : ins.keyword_span, "COPY --from=" + ins.copy.from);
            }
            if (ins.kind == Kind::Run) {
                ins.run.mount_from_refs.assign(ins.run.mounts.size(), StageRef{});
                size_t m = 0;
                for (const Flag& f : ins.flags) {
                    if (f.name != "mount") continue;
                    if (m < ins.run.mounts.size() && !ins.run.mounts[m].from.empty())
                        ins.run.mount_from_refs[m] = resolve(ins.run.mounts[m].from, st.index, f.span,
                                                             "RUN --mount from=" + ins.run.mounts[m].from);
                    ++m;
                }
            }
        }
    }
    for (const Edge& e : edges) {
        std::vector<size_t>& deps = df.stages[e.from].depends_on;
        if (std::find(deps.begin(), deps.end(), e.to) == deps.end()) deps.push_back(e.to);
        if (e.from == e.to)
            report(
                e.what + " copies from its own stage \"" + df.stages[e.from].display_name() +
                    "\"; a stage can only copy from other stages (BuildKit: circular dependency detected on stage: " +
                    df.stages[e.from].display_name() + ")",
                e.at);
    }
    // Circles through several stages (copies and FROM <stage>): depth-first search.
    std::vector<int> state(n, 0);  // 0 new, 1 on the path, 2 done
    std::vector<size_t> path;
    bool found = false;
    auto next_of = [&](size_t s) {
        std::vector<std::pair<size_t, const Edge*>> out;
        for (const Edge& e : edges)
            if (e.from == s && e.to != s) out.emplace_back(e.to, &e);
        if (df.stages[s].base_stage) out.emplace_back(*df.stages[s].base_stage, nullptr);
        return out;
    };
    for (size_t root = 0; root < n && !found; ++root) {
        if (state[root]) continue;
        // Iterative DFS with an explicit stack of (stage, next edge index);
        // entered[i] is the edge that led to path[i] (nullptr: FROM <stage>).
        std::vector<std::pair<size_t, size_t>> stack{{root, 0}};
        std::vector<const Edge*> entered{nullptr};
        state[root] = 1;
        path.assign(1, root);
        while (!stack.empty() && !found) {
            const size_t s = stack.back().first;
            const auto nexts = next_of(s);
            if (stack.back().second >= nexts.size()) {
                state[s] = 2;
                stack.pop_back();
                path.pop_back();
                entered.pop_back();
                continue;
            }
            const auto [to, edge] = nexts[stack.back().second++];
            if (state[to] == 1) {
                const size_t j = static_cast<size_t>(std::find(path.begin(), path.end(), to) - path.begin());
                std::string circle;
                for (size_t k = j; k < path.size(); ++k) circle += df.stages[path[k]].display_name() + " -> ";
                circle += df.stages[to].display_name();
                // Point at the first reference of the circle, made by its first stage.
                const Edge* first = j + 1 < path.size() ? entered[j + 1] : edge;
                const size_t owner = j + 1 < path.size() ? path[j] : s;
                const Span at = first ? first->at : df.instructions[df.stages[owner].from_instruction].from.image_span;
                report("stages depend on each other in a circle: " + circle +
                           "; no stage can be built first (BuildKit: circular dependency detected on stage: " +
                           df.stages[to].display_name() + ")",
                       at);
                found = true;
            } else if (state[to] == 0) {
                state[to] = 1;
                path.push_back(to);
                entered.push_back(edge);
                stack.emplace_back(to, 0);
            }
        }
    }
    return errors;
}

Error dockerfile_too_large(std::string_view head, uint64_t size, std::string_view filename) {
    // The place: the first byte past the limit.
    const size_t at = std::min(k_max_dockerfile_bytes, head.size());
    const std::string_view before = head.substr(0, at);
    const auto line = static_cast<uint32_t>(1 + std::count(before.begin(), before.end(), '\n'));
    const size_t line_start = before.rfind('\n');
    const auto col = static_cast<uint32_t>(at - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1);
    return make_error(Errc::too_large,
                      "the Dockerfile is " + std::to_string(size) + " bytes (" + format_bytes(size) +
                          "); layerlab reads Dockerfiles of up to 1 MiB (real ones are a few KiB), so it stops "
                          "here: put large data in files of the build context and COPY them",
                      SourceLoc{std::string(filename), line, col});
}

ParseOutput parse_all(std::string_view text, std::string_view filename) {
    if (text.size() > k_max_dockerfile_bytes) {
        // Refused before it is split into lines.
        ParseOutput out;
        out.file.filename = std::string(filename);
        Error e = dockerfile_too_large(text, text.size(), filename);
        Span sp;
        sp.begin_offset = static_cast<uint32_t>(k_max_dockerfile_bytes);
        sp.end_offset = sp.begin_offset + 1;
        sp.begin_line = sp.end_line = e.where.line;
        sp.begin_col = e.where.column;
        sp.end_col = e.where.column + 1;
        out.errors.push_back(std::move(e));
        out.error_spans.push_back(sp);
        return out;
    }
    Parser p(text, filename);
    return p.run();
}

Result<Dockerfile> parse(std::string_view text, std::string_view filename) {
    ParseOutput out = parse_all(text, filename);
    if (!out.errors.empty()) return out.errors.front();
    return std::move(out.file);
}

}  // namespace ll::dockerfile
