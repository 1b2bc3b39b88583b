// parser.cpp: lexer and recursive-descent parser for the POSIX sh grammar,
// with busybox ash's error wording. See parser.h.
//
// The lexer is context-free except for two things the grammar needs: the
// parser decides which words are reserved (only an unquoted word in command
// position), and here-document bodies are read when the lexer meets the
// newline that ends their line. "$(...)" is parsed by re-entering the parser
// on the same input, so `$(case x in x) ...;; esac)` works as in ash.
//
// Index of this file (sections in order, marked "// ---- NAME"; the functions in each):
//   (start): is_name, Word::is_literal, Word::literal, is_reserved, is_meta, add_lit, Impl::Impl,
//            Impl::line_of, Impl::col_of, Impl::fail, Impl::enter, Impl::leave, Impl::at,
//            Impl::eof, Impl::skip_blanks, Impl::peek, Impl::next, Impl::scan, Impl::scan_word,
//            Impl::scan_squote, Impl::scan_dquote, Impl::scan_dollar, Impl::scan_cmdsub,
//            Impl::scan_arith, Impl::scan_brace, Impl::scan_brace_arg, Impl::scan_backquote,
//            Impl::read_heredocs, Impl::scan_heredoc_text, Impl::describe, Impl::unexpected,
//            Impl::is_word, Impl::skip_newlines, Impl::ends_list, Impl::parse_compound_list,
//            Impl::parse_and_or, Impl::parse_pipeline, Impl::parse_redirect, Impl::is_assignment,
//            Impl::parse_command, Impl::finish_compound, Impl::parse_simple, Impl::expect_word,
//            Impl::parse_if, Impl::parse_while, Impl::parse_for, Impl::parse_case,
//            Impl::parse_group, Impl::parse_complete, Impl::parse_program, Parser::Parser,
//            Parser::next, Parser::at_end, parse
#include "core/shell/parser.h"

#include <algorithm>

namespace ll::shell {

bool is_name(std::string_view s) {
    if (s.empty()) return false;
    auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
    if (!alpha(s[0])) return false;
    for (char c : s)
        if (!alpha(c) && !(c >= '0' && c <= '9')) return false;
    return true;
}

bool Word::is_literal() const {
    if (parts.empty()) return false;
    for (const WordPart& p : parts)
        if (p.kind != WordPart::Kind::lit || p.quoted) return false;
    return true;
}

std::string Word::literal() const {
    if (!is_literal()) return {};
    std::string s;
    for (const WordPart& p : parts) s += p.text;
    return s;
}

namespace {

enum class T : uint8_t { word, newline, eof, semi, dsemi, amp, and_if, pipe, or_if, lparen, rparen, redir };

struct Token {
    T t = T::eof;
    Word word;
    Redir::Op rop = Redir::Op::out;
    bool dash = false;  // <<-
    int fd = -1;        // explicit io number
    size_t pos = 0;
    std::string text;  // operator text for messages
};

bool is_reserved(std::string_view w) {
    static constexpr std::string_view k[] = {"if",   "then",  "else",  "elif", "fi", "do", "done", "case",
                                             "esac", "while", "until", "for",  "{",  "}",  "!"};
    return std::find(std::begin(k), std::end(k), w) != std::end(k);
}

bool is_meta(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<' ||
           c == '>';
}

void add_lit(std::vector<WordPart>& parts, std::string_view s, bool quoted) {
    if (!parts.empty() && parts.back().kind == WordPart::Kind::lit && parts.back().quoted == quoted) {
        parts.back().text += s;
        return;
    }
    WordPart p;
    p.kind = WordPart::Kind::lit;
    p.quoted = quoted;
    p.text = std::string(s);
    parts.push_back(std::move(p));
}
void add_lit(std::vector<WordPart>& parts, char c, bool quoted) { add_lit(parts, std::string_view(&c, 1), quoted); }

}  // namespace

struct Parser::Impl {
    std::string src;
    size_t pos = 0;
    uint32_t first_line = 1;
    std::vector<size_t> line_starts;
    int depth = 0;
    bool failed = false;
    Error err;
    std::vector<std::shared_ptr<HereDoc>> pending;
    bool has_tok = false;
    Token tok;

    Impl(std::string_view s, uint32_t line) : src(s), first_line(line) {
        line_starts.push_back(0);
        for (size_t i = 0; i < src.size(); ++i)
            if (src[i] == '\n') line_starts.push_back(i + 1);
    }

    // ------------------------------------------------------------ errors
    uint32_t line_of(size_t p) const {
        auto it = std::upper_bound(line_starts.begin(), line_starts.end(), p);
        return first_line + uint32_t(it - line_starts.begin()) - 1;
    }
    uint32_t col_of(size_t p) const {
        auto it = std::upper_bound(line_starts.begin(), line_starts.end(), p);
        return uint32_t(p - *(it - 1)) + 1;
    }
    std::nullptr_t fail(std::string msg, size_t at) {
        if (!failed) {
            failed = true;
            err = make_error(Errc::syntax, "syntax error: " + msg, SourceLoc{"", line_of(at), col_of(at)});
        }
        return nullptr;
    }
    bool enter(size_t at) {
        if (++depth > k_max_depth) {
            fail("too deeply nested (layerlab allows " + std::to_string(k_max_depth) + " levels)", at);
            return false;
        }
        return true;
    }
    void leave() { --depth; }

    char at(size_t p) const { return p < src.size() ? src[p] : '\0'; }
    bool eof(size_t p) const { return p >= src.size(); }

    // ------------------------------------------------------------ lexer
    void skip_blanks() {
        for (;;) {
            char c = at(pos);
            if (eof(pos)) return;
            if (c == ' ' || c == '\t' || c == '\r') {
                ++pos;
            } else if (c == '\\' && at(pos + 1) == '\n') {
                pos += 2;
            } else if (c == '#') {
                while (!eof(pos) && src[pos] != '\n') ++pos;
            } else {
                return;
            }
        }
    }

    Token& peek() {
        if (!has_tok) {
            tok = scan();
            has_tok = true;
        }
        return tok;
    }
    Token next() {
        peek();
        has_tok = false;
        return std::move(tok);
    }

    Token scan() {
        Token t;
        if (failed) {
            t.t = T::eof;
            return t;
        }
        skip_blanks();
        t.pos = pos;
        if (eof(pos)) {
            for (auto& h : pending) h->filled = true;
            pending.clear();
            t.t = T::eof;
            return t;
        }
        char c = src[pos];
        char d = at(pos + 1);
        auto op = [&](T kind, size_t len) {
            t.t = kind;
            t.text = src.substr(pos, len);
            pos += len;
            return t;
        };
        if (c == '\n') {
            ++pos;
            read_heredocs();
            t.t = T::newline;
            return t;
        }
        if (c == ';') return d == ';' ? op(T::dsemi, 2) : op(T::semi, 1);
        if (c == '&') return d == '&' ? op(T::and_if, 2) : op(T::amp, 1);
        if (c == '|') return d == '|' ? op(T::or_if, 2) : op(T::pipe, 1);
        if (c == '(') return op(T::lparen, 1);
        if (c == ')') return op(T::rparen, 1);
        // io number: digits directly followed by < or >
        size_t q = pos;
        while (q < src.size() && src[q] >= '0' && src[q] <= '9') ++q;
        if (q > pos && q - pos <= 4 && (at(q) == '<' || at(q) == '>')) {
            t.fd = std::stoi(src.substr(pos, q - pos));
            pos = q;
            c = src[pos];
            d = at(pos + 1);
        }
        if (c == '<' || c == '>') {
            t.t = T::redir;
            size_t start = pos;
            if (c == '<') {
                if (d == '<') {
                    t.rop = Redir::Op::heredoc;
                    pos += 2;
                    if (at(pos) == '-') {
                        t.dash = true;
                        ++pos;
                    }
                } else if (d == '&') {
                    t.rop = Redir::Op::dup_in;
                    pos += 2;
                } else if (d == '>') {
                    t.rop = Redir::Op::rdwr;
                    pos += 2;
                } else {
                    t.rop = Redir::Op::in;
                    pos += 1;
                }
            } else {
                if (d == '>') {
                    t.rop = Redir::Op::append;
                    pos += 2;
                } else if (d == '&') {
                    t.rop = Redir::Op::dup_out;
                    pos += 2;
                } else if (d == '|') {
                    t.rop = Redir::Op::clobber;
                    pos += 2;
                } else {
                    t.rop = Redir::Op::out;
                    pos += 1;
                }
            }
            t.text = src.substr(start, pos - start);
            return t;
        }
        t.t = T::word;
        t.word.line = line_of(pos);
        t.word.column = col_of(pos);
        scan_word(t.word.parts);
        return t;
    }

    // An unquoted word up to the next metacharacter.
    void scan_word(std::vector<WordPart>& parts) {
        while (!failed && !eof(pos)) {
            char c = src[pos];
            if (is_meta(c)) break;
            if (c == '\\') {
                if (at(pos + 1) == '\n') {
                    pos += 2;
                } else if (eof(pos + 1)) {
                    add_lit(parts, '\\', false);
                    ++pos;
                } else {
                    add_lit(parts, src[pos + 1], true);
                    pos += 2;
                }
            } else if (c == '\'') {
                scan_squote(parts);
            } else if (c == '"') {
                scan_dquote(parts);
            } else if (c == '$') {
                scan_dollar(parts, false);
            } else if (c == '`') {
                scan_backquote(parts, false);
            } else {
                add_lit(parts, c, false);
                ++pos;
            }
        }
    }

    void scan_squote(std::vector<WordPart>& parts) {
        size_t start = pos++;
        size_t end = src.find('\'', pos);
        if (end == std::string::npos) {
            fail("unterminated quoted string", start);
            pos = src.size();
            return;
        }
        add_lit(parts, std::string_view(src).substr(pos, end - pos), true);
        if (end == pos) add_lit(parts, "", true);  // '' is an empty field, not nothing
        pos = end + 1;
    }

    void scan_dquote(std::vector<WordPart>& parts) {
        size_t start = pos++;
        add_lit(parts, "", true);  // "" is an empty field
        while (!failed) {
            if (eof(pos)) {
                fail("unterminated quoted string", start);
                return;
            }
            char c = src[pos];
            if (c == '"') {
                ++pos;
                return;
            }
            if (c == '\\') {
                char d = at(pos + 1);
                if (d == '\n') {
                    pos += 2;
                } else if (d == '$' || d == '`' || d == '"' || d == '\\') {
                    add_lit(parts, d, true);
                    pos += 2;
                } else {
                    add_lit(parts, '\\', true);
                    ++pos;
                }
            } else if (c == '$') {
                scan_dollar(parts, true);
            } else if (c == '`') {
                scan_backquote(parts, true);
            } else {
                add_lit(parts, c, true);
                ++pos;
            }
        }
    }

    void scan_dollar(std::vector<WordPart>& parts, bool quoted) {
        size_t start = pos;
        char c1 = at(pos + 1);
        if (c1 == '(') {
            if (at(pos + 2) == '(') {
                scan_arith(parts, quoted);
            } else {
                scan_cmdsub(parts, quoted);
            }
            return;
        }
        if (c1 == '{') {
            scan_brace(parts, quoted);
            return;
        }
        WordPart p;
        p.kind = WordPart::Kind::param;
        p.quoted = quoted;
        if (is_name(std::string_view(&c1, 1))) {
            size_t q = pos + 1;
            while (q < src.size() && (is_name(std::string_view(&src[q], 1)) || (src[q] >= '0' && src[q] <= '9'))) ++q;
            p.text = src.substr(pos + 1, q - pos - 1);
            pos = q;
        } else if ((c1 >= '0' && c1 <= '9') || c1 == '@' || c1 == '*' || c1 == '#' || c1 == '?' || c1 == '-' ||
                   c1 == '$' || c1 == '!') {
            p.text = std::string(1, c1);
            pos += 2;
        } else {
            add_lit(parts, '$', quoted);
            ++pos;
            return;
        }
        (void)start;
        parts.push_back(std::move(p));
    }

    void scan_cmdsub(std::vector<WordPart>& parts, bool quoted) {
        size_t start = pos;
        pos += 2;
        if (!enter(start)) return;
        // The surrounding token is being scanned: no lookahead is pending.
        bool saved_has = has_tok;
        has_tok = false;
        NodePtr body = parse_compound_list("", true, true);
        if (!failed) {
            Token& t = peek();
            if (t.t != T::rparen) {
                unexpected(t, ")");
            } else {
                has_tok = false;  // consume ")" without scanning further
            }
        }
        has_tok = saved_has;
        leave();
        WordPart p;
        p.kind = WordPart::Kind::cmdsub;
        p.quoted = quoted;
        p.sub = body;
        parts.push_back(std::move(p));
    }

    void scan_arith(std::vector<WordPart>& parts, bool quoted) {
        size_t start = pos;
        pos += 3;
        if (!enter(start)) return;
        WordPart p;
        p.kind = WordPart::Kind::arith;
        p.quoted = quoted;
        int paren = 0;
        while (!failed) {
            if (eof(pos)) {
                fail("missing '))'", start);
                break;
            }
            char c = src[pos];
            if (c == ')') {
                if (paren == 0) {
                    if (at(pos + 1) == ')') {
                        pos += 2;
                        break;
                    }
                    fail("missing '))'", start);
                    break;
                }
                --paren;
                add_lit(p.arg, c, true);
                ++pos;
            } else if (c == '(') {
                ++paren;
                add_lit(p.arg, c, true);
                ++pos;
            } else if (c == '\\' && at(pos + 1) == '\n') {
                pos += 2;
            } else if (c == '$') {
                scan_dollar(p.arg, true);
            } else if (c == '`') {
                scan_backquote(p.arg, true);
            } else if (c == '"') {
                ++pos;  // quotes inside $(( )) are removed
            } else {
                add_lit(p.arg, c, true);
                ++pos;
            }
        }
        leave();
        parts.push_back(std::move(p));
    }

    // ${...}
    void scan_brace(std::vector<WordPart>& parts, bool quoted) {
        size_t start = pos;
        pos += 2;
        if (!enter(start)) return;
        WordPart p;
        p.kind = WordPart::Kind::param;
        p.quoted = quoted;
        auto read_name = [&]() -> bool {
            char c = at(pos);
            if (is_name(std::string_view(&c, 1))) {
                size_t q = pos;
                while (q < src.size() && (is_name(std::string_view(&src[q], 1)) || (src[q] >= '0' && src[q] <= '9')))
                    ++q;
                p.text = src.substr(pos, q - pos);
                pos = q;
                return true;
            }
            if (c >= '0' && c <= '9') {
                size_t q = pos;
                while (q < src.size() && src[q] >= '0' && src[q] <= '9') ++q;
                p.text = src.substr(pos, q - pos);
                pos = q;
                return true;
            }
            if (c == '@' || c == '*' || c == '#' || c == '?' || c == '-' || c == '$' || c == '!') {
                p.text = std::string(1, c);
                ++pos;
                return true;
            }
            return false;
        };
        auto bad = [&]() {
            // ash reads on to the closing brace before complaining
            size_t close = src.find('}', pos);
            if (close == std::string::npos) {
                fail("missing '}'", start);
            } else {
                fail("bad substitution", start);
            }
        };
        if (at(pos) == '#' && at(pos + 1) != '}' && !eof(pos + 1)) {
            ++pos;
            if (!read_name()) {
                bad();
                leave();
                return;
            }
            p.op = ParamOp::length;
            if (at(pos) != '}') {
                bad();
                leave();
                return;
            }
            ++pos;
            leave();
            parts.push_back(std::move(p));
            return;
        }
        if (!read_name()) {
            bad();
            leave();
            return;
        }
        char c = at(pos);
        if (c == '}') {
            ++pos;
            leave();
            parts.push_back(std::move(p));
            return;
        }
        if (eof(pos)) {
            fail("missing '}'", start);
            leave();
            return;
        }
        bool second = false;  // an operand with a second part (replace, substring)
        char stop_at = 0;
        if (c == ':') {
            char d = at(pos + 1);
            if (d == '-' || d == '=' || d == '?' || d == '+') {
                p.colon = true;
                ++pos;
                c = d;
            } else if (d == '}' || eof(pos + 1)) {
                fail("missing '}'", start);
                leave();
                return;
            } else {
                p.op = ParamOp::substring;
                ++pos;
                second = true;
                stop_at = ':';
            }
        }
        if (p.op != ParamOp::substring) {
            switch (c) {
            case '-':
                p.op = ParamOp::use_default;
                ++pos;
                break;
            case '=':
                p.op = ParamOp::assign;
                ++pos;
                break;
            case '?':
                p.op = ParamOp::error;
                ++pos;
                break;
            case '+':
                p.op = ParamOp::alternative;
                ++pos;
                break;
            case '%':
                ++pos;
                p.op = ParamOp::trim_suffix;
                if (at(pos) == '%') {
                    p.op = ParamOp::trim_suffix_long;
                    ++pos;
                }
                break;
            case '#':
                ++pos;
                p.op = ParamOp::trim_prefix;
                if (at(pos) == '#') {
                    p.op = ParamOp::trim_prefix_long;
                    ++pos;
                }
                break;
            case '/':
                ++pos;
                p.op = ParamOp::replace;
                if (at(pos) == '/') {
                    p.op = ParamOp::replace_all;
                    ++pos;
                }
                second = true;
                stop_at = '/';
                break;
            default:
                bad();
                leave();
                return;
            }
        }
        scan_brace_arg(p.arg, quoted, stop_at, start);
        if (!failed && second && at(pos) == stop_at) {
            ++pos;
            p.has_arg2 = true;
            scan_brace_arg(p.arg2, quoted, 0, start);
        }
        if (!failed) {
            if (at(pos) != '}') {
                fail("missing '}'", start);
            } else {
                ++pos;
            }
        }
        leave();
        parts.push_back(std::move(p));
    }

    // The operand of ${x-word}: up to the closing '}' (or `stop`), quotes
    // and expansions processed as in the surrounding context.
    void scan_brace_arg(std::vector<WordPart>& arg, bool quoted, char stop, size_t start) {
        while (!failed) {
            if (eof(pos)) {
                fail("missing '}'", start);
                return;
            }
            char c = src[pos];
            if (c == '}' || (stop && c == stop)) return;
            if (c == '\\') {
                char d = at(pos + 1);
                if (d == '\n') {
                    pos += 2;
                } else if (eof(pos + 1)) {
                    add_lit(arg, '\\', quoted);
                    ++pos;
                } else if (quoted && !(d == '$' || d == '`' || d == '"' || d == '\\' || d == '}')) {
                    add_lit(arg, '\\', true);
                    ++pos;
                } else {
                    add_lit(arg, d, true);
                    pos += 2;
                }
            } else if (c == '\'' && !quoted) {
                scan_squote(arg);
            } else if (c == '"') {
                if (quoted) {
                    ++pos;  // "${x:-"a"}": the inner quotes just group
                } else {
                    scan_dquote(arg);
                }
            } else if (c == '$') {
                scan_dollar(arg, quoted);
            } else if (c == '`') {
                scan_backquote(arg, quoted);
            } else {
                add_lit(arg, c, quoted);
                ++pos;
            }
        }
    }

    void scan_backquote(std::vector<WordPart>& parts, bool quoted) {
        size_t start = pos++;
        std::string inner;
        for (;;) {
            if (eof(pos)) {
                fail("EOF in backquote substitution", start);
                return;
            }
            char c = src[pos];
            if (c == '`') {
                ++pos;
                break;
            }
            if (c == '\\') {
                char d = at(pos + 1);
                if (d == '$' || d == '`' || d == '\\' || (quoted && d == '"')) {
                    inner += d;
                    pos += 2;
                    continue;
                }
                if (d == '\n') {
                    pos += 2;
                    continue;
                }
            }
            inner += c;
            ++pos;
        }
        if (!enter(start)) return;
        Impl sub(inner, line_of(start));
        sub.depth = depth;
        NodePtr body = sub.parse_program();
        if (sub.failed) {
            failed = true;
            err = sub.err;
        }
        leave();
        WordPart p;
        p.kind = WordPart::Kind::cmdsub;
        p.quoted = quoted;
        p.sub = body;
        parts.push_back(std::move(p));
    }

    void read_heredocs() {
        auto docs = std::move(pending);
        pending.clear();
        for (auto& h : docs) {
            std::string body;
            size_t body_line = line_of(pos);
            while (!eof(pos)) {
                size_t eol = src.find('\n', pos);
                size_t end = eol == std::string::npos ? src.size() : eol;
                std::string_view line = std::string_view(src).substr(pos, end - pos);
                pos = eol == std::string::npos ? src.size() : eol + 1;
                if (h->strip_tabs)
                    while (!line.empty() && line[0] == '\t') line.remove_prefix(1);
                if (line == h->delim) break;
                body += line;
                body += '\n';
            }
            h->filled = true;
            if (!h->expand) {
                if (!body.empty()) add_lit(h->body.parts, body, true);
                continue;
            }
            Impl sub(body, uint32_t(body_line));
            sub.depth = depth;
            sub.scan_heredoc_text(h->body.parts);
            if (sub.failed && !failed) {
                failed = true;
                err = sub.err;
            }
        }
    }

    // A here-document body with expansions: like "..." but '"' is plain.
    void scan_heredoc_text(std::vector<WordPart>& parts) {
        while (!failed && !eof(pos)) {
            char c = src[pos];
            if (c == '\\') {
                char d = at(pos + 1);
                if (d == '\n') {
                    pos += 2;
                } else if (d == '$' || d == '`' || d == '\\') {
                    add_lit(parts, d, true);
                    pos += 2;
                } else {
                    add_lit(parts, '\\', true);
                    ++pos;
                }
            } else if (c == '$') {
                scan_dollar(parts, true);
            } else if (c == '`') {
                scan_backquote(parts, true);
            } else {
                add_lit(parts, c, true);
                ++pos;
            }
        }
    }

    // ------------------------------------------------------------ grammar
    static std::string describe(const Token& t) {
        switch (t.t) {
        case T::word: {
            std::string w = t.word.literal();
            if (!w.empty() && is_reserved(w)) return "\"" + w + "\"";
            return "word";
        }
        case T::newline: return "newline";
        case T::eof: return "end of file";
        case T::redir: return "redirection";
        default: return "\"" + t.text + "\"";
        }
    }
    std::nullptr_t unexpected(const Token& t, std::string_view expecting = {}) {
        std::string msg = "unexpected " + describe(t);
        if (!expecting.empty()) msg += " (expecting \"" + std::string(expecting) + "\")";
        return fail(msg, t.pos);
    }

    bool is_word(const Token& t, std::string_view w) const { return t.t == T::word && t.word.literal() == w; }

    void skip_newlines() {
        while (!failed && peek().t == T::newline) next();
    }

    // Does this token end a compound list?
    bool ends_list(const Token& t) const {
        if (t.t == T::eof || t.t == T::rparen || t.t == T::dsemi) return true;
        if (t.t != T::word) return false;
        std::string w = t.word.literal();
        return w == "then" || w == "else" || w == "elif" || w == "fi" || w == "do" || w == "done" || w == "esac" ||
               w == "}";
    }

    // A list inside a compound command: and-or lists separated by ; & or
    // newlines, up to a closing keyword. `expect` names that keyword for
    // the end-of-file message; an empty list is an error unless allow_empty.
    NodePtr parse_compound_list(std::string_view expect, bool allow_empty = false, bool in_cmdsub = false) {
        auto list = std::make_shared<Node>();
        list->kind = NodeKind::list;
        skip_newlines();
        while (!failed) {
            Token& t = peek();
            if (ends_list(t)) {
                if (in_cmdsub && t.t == T::word && t.word.literal() == "}") {
                    // "}" is an ordinary word inside $( ) only after a command; here it ends nothing
                }
                break;
            }
            list->line = list->line ? list->line : line_of(t.pos);
            NodePtr ao = parse_and_or();
            if (!ao) return nullptr;
            list->kids.push_back(ao);
            list->ops.push_back(false);
            Token& s = peek();
            if (s.t == T::semi || s.t == T::amp) {
                if (s.t == T::amp) list->ops.back() = true;
                next();
                skip_newlines();
            } else if (s.t == T::newline) {
                skip_newlines();
            } else {
                break;
            }
        }
        if (failed) return nullptr;
        if (list->kids.empty() && !allow_empty) {
            Token& t = peek();
            if (t.t == T::eof && !expect.empty()) return unexpected(t, expect);
            return unexpected(t);
        }
        if (list->kids.empty()) return nullptr;
        return list;
    }

    NodePtr parse_and_or() {
        NodePtr first = parse_pipeline();
        if (!first) return nullptr;
        if (peek().t != T::and_if && peek().t != T::or_if) return first;
        auto n = std::make_shared<Node>();
        n->kind = NodeKind::and_or;
        n->line = first->line;
        n->kids.push_back(first);
        while (!failed && (peek().t == T::and_if || peek().t == T::or_if)) {
            bool is_and = next().t == T::and_if;
            skip_newlines();
            NodePtr rhs = parse_pipeline();
            if (!rhs) return nullptr;
            n->ops.push_back(is_and);
            n->kids.push_back(rhs);
        }
        return n;
    }

    NodePtr parse_pipeline() {
        bool bang = false;
        while (is_word(peek(), "!")) {
            next();
            bang = !bang;
        }
        NodePtr first = parse_command();
        if (!first) return nullptr;
        if (peek().t != T::pipe && !bang) return first;
        auto n = std::make_shared<Node>();
        n->kind = NodeKind::pipeline;
        n->line = first->line;
        n->bang = bang;
        n->kids.push_back(first);
        while (!failed && peek().t == T::pipe) {
            next();
            skip_newlines();
            NodePtr c = parse_command();
            if (!c) return nullptr;
            n->kids.push_back(c);
        }
        return n;
    }

    bool parse_redirect(std::vector<Redir>& out) {
        Token r = next();
        Redir rd;
        rd.op = r.rop;
        rd.fd = r.fd >= 0 ? r.fd
                : (r.rop == Redir::Op::in || r.rop == Redir::Op::dup_in || r.rop == Redir::Op::rdwr ||
                   r.rop == Redir::Op::heredoc)
                    ? 0
                    : 1;
        Token w = next();
        if (failed) return false;
        if (w.t != T::word) {
            unexpected(w);
            return false;
        }
        if (rd.op == Redir::Op::heredoc) {
            auto h = std::make_shared<HereDoc>();
            h->strip_tabs = r.dash;
            for (const WordPart& p : w.word.parts) {
                if (p.quoted) h->expand = false;
                if (p.kind == WordPart::Kind::lit) {
                    h->delim += p.text;
                } else if (p.kind == WordPart::Kind::param) {
                    h->delim += "$" + p.text;  // ash takes the delimiter literally
                }
            }
            rd.here = h;
            pending.push_back(h);
        }
        rd.target = std::move(w.word);
        out.push_back(std::move(rd));
        return true;
    }

    static bool is_assignment(const Word& w) {
        if (w.parts.empty() || w.parts[0].kind != WordPart::Kind::lit || w.parts[0].quoted) return false;
        const std::string& t = w.parts[0].text;
        size_t eq = t.find('=');
        return eq != std::string::npos && eq > 0 && is_name(std::string_view(t).substr(0, eq));
    }

    NodePtr parse_command() {
        if (failed) return nullptr;
        Token& t = peek();
        if (t.t == T::lparen) {
            size_t at0 = t.pos;
            next();
            if (!enter(at0)) return nullptr;
            auto n = std::make_shared<Node>();
            n->kind = NodeKind::subshell;
            n->line = line_of(at0);
            NodePtr body = parse_compound_list(")");
            if (!body) return nullptr;
            Token c = next();
            if (c.t != T::rparen) return unexpected(c, ")");
            leave();
            n->kids.push_back(body);
            return finish_compound(n);
        }
        if (t.t == T::word && t.word.is_literal()) {
            std::string w = t.word.literal();
            if (w == "if") return parse_if();
            if (w == "while" || w == "until") return parse_while(w == "until");
            if (w == "for") return parse_for();
            if (w == "case") return parse_case();
            if (w == "{") return parse_group();
            if (is_reserved(w)) return unexpected(t);
        }
        if (t.t != T::word && t.t != T::redir) return unexpected(t);
        return parse_simple();
    }

    NodePtr finish_compound(const std::shared_ptr<Node>& n) {
        while (!failed && peek().t == T::redir)
            if (!parse_redirect(n->redirs)) return nullptr;
        if (failed) return nullptr;
        return n;
    }

    NodePtr parse_simple() {
        auto n = std::make_shared<Node>();
        n->kind = NodeKind::simple;
        n->line = line_of(peek().pos);
        while (!failed) {
            Token& t = peek();
            if (t.t == T::redir) {
                if (!parse_redirect(n->redirs)) return nullptr;
                continue;
            }
            if (t.t != T::word) break;
            Token w = next();
            if (n->words.empty() && is_assignment(w.word)) {
                n->assigns.push_back(std::move(w.word));
                continue;
            }
            bool first = n->words.empty() && n->assigns.empty() && n->redirs.empty();
            n->words.push_back(std::move(w.word));
            if (first && peek().t == T::lparen) {
                // name() compound-command
                std::string name = n->words[0].literal();
                size_t at0 = peek().pos;
                next();
                Token c = next();
                if (c.t != T::rparen) return unexpected(c);
                if (!is_name(name)) return fail("bad function name", at0);
                skip_newlines();
                if (!enter(at0)) return nullptr;
                NodePtr body = parse_command();
                leave();
                if (!body) return nullptr;
                auto f = std::make_shared<Node>();
                f->kind = NodeKind::funcdef;
                f->line = n->line;
                f->name = name;
                f->kids.push_back(body);
                return f;
            }
        }
        if (failed) return nullptr;
        if (n->words.empty() && n->assigns.empty() && n->redirs.empty()) return unexpected(peek());
        return n;
    }

    bool expect_word(std::string_view w) {
        Token& t = peek();
        if (!is_word(t, w)) {
            unexpected(t, w);
            return false;
        }
        next();
        return true;
    }

    NodePtr parse_if() {
        size_t at0 = next().pos;
        if (!enter(at0)) return nullptr;
        auto n = std::make_shared<Node>();
        n->kind = NodeKind::if_;
        n->line = line_of(at0);
        for (;;) {
            NodePtr cond = parse_compound_list("then");
            if (!cond || !expect_word("then")) return nullptr;
            NodePtr body = parse_compound_list("fi");
            if (!body) return nullptr;
            n->kids.push_back(cond);
            n->kids.push_back(body);
            Token& t = peek();
            if (is_word(t, "elif")) {
                next();
                continue;
            }
            if (is_word(t, "else")) {
                next();
                NodePtr e = parse_compound_list("fi");
                if (!e) return nullptr;
                n->kids.push_back(e);
            }
            if (!expect_word("fi")) return nullptr;
            break;
        }
        leave();
        return finish_compound(n);
    }

    NodePtr parse_while(bool until) {
        size_t at0 = next().pos;
        if (!enter(at0)) return nullptr;
        auto n = std::make_shared<Node>();
        n->kind = until ? NodeKind::until_ : NodeKind::while_;
        n->line = line_of(at0);
        NodePtr cond = parse_compound_list("do");
        if (!cond || !expect_word("do")) return nullptr;
        NodePtr body = parse_compound_list("done");
        if (!body || !expect_word("done")) return nullptr;
        n->kids.push_back(cond);
        n->kids.push_back(body);
        leave();
        return finish_compound(n);
    }

    NodePtr parse_for() {
        size_t at0 = next().pos;
        if (!enter(at0)) return nullptr;
        auto n = std::make_shared<Node>();
        n->kind = NodeKind::for_;
        n->line = line_of(at0);
        Token v = next();
        if (v.t != T::word || !is_name(v.word.literal())) return fail("bad for loop variable", v.pos);
        n->name = v.word.literal();
        skip_newlines();
        if (is_word(peek(), "in")) {
            next();
            n->has_in = true;
            while (!failed && peek().t == T::word) n->words.push_back(next().word);
            Token& s = peek();
            if (s.t == T::semi || s.t == T::newline) {
                next();
            } else if (!failed) {
                return unexpected(s, "do");
            }
        } else if (peek().t == T::semi) {
            next();
        }
        skip_newlines();
        if (!expect_word("do")) return nullptr;
        NodePtr body = parse_compound_list("done");
        if (!body || !expect_word("done")) return nullptr;
        n->kids.push_back(body);
        leave();
        return finish_compound(n);
    }

    NodePtr parse_case() {
        size_t at0 = next().pos;
        if (!enter(at0)) return nullptr;
        auto n = std::make_shared<Node>();
        n->kind = NodeKind::case_;
        n->line = line_of(at0);
        Token subj = next();
        if (subj.t != T::word) return unexpected(subj);
        n->words.push_back(std::move(subj.word));
        skip_newlines();
        if (!expect_word("in")) return nullptr;
        for (;;) {
            skip_newlines();
            if (failed) return nullptr;
            if (is_word(peek(), "esac")) {
                next();
                break;
            }
            CaseItem item;
            if (peek().t == T::lparen) next();
            for (;;) {
                Token p = next();
                if (p.t != T::word) return unexpected(p, ")");
                item.patterns.push_back(std::move(p.word));
                if (peek().t == T::pipe) {
                    next();
                    continue;
                }
                break;
            }
            Token close = next();
            if (close.t != T::rparen) return unexpected(close, ")");
            item.body = parse_compound_list("esac", true);
            if (failed) return nullptr;
            n->items.push_back(std::move(item));
            skip_newlines();
            Token& e = peek();
            if (e.t == T::dsemi) {
                next();
                continue;
            }
            if (is_word(e, "esac")) {
                next();
                break;
            }
            return unexpected(e, "esac");
        }
        leave();
        return finish_compound(n);
    }

    NodePtr parse_group() {
        size_t at0 = next().pos;
        if (!enter(at0)) return nullptr;
        auto n = std::make_shared<Node>();
        n->kind = NodeKind::group;
        n->line = line_of(at0);
        NodePtr body = parse_compound_list("}");
        if (!body || !expect_word("}")) return nullptr;
        n->kids.push_back(body);
        leave();
        return finish_compound(n);
    }

    // One complete command: a list ended by a newline or the end.
    NodePtr parse_complete() {
        skip_newlines();
        if (failed || peek().t == T::eof) return nullptr;
        auto list = std::make_shared<Node>();
        list->kind = NodeKind::list;
        list->line = line_of(peek().pos);
        while (!failed) {
            NodePtr ao = parse_and_or();
            if (!ao) return nullptr;
            list->kids.push_back(ao);
            list->ops.push_back(false);
            Token& s = peek();
            if (s.t == T::semi || s.t == T::amp) {
                if (s.t == T::amp) list->ops.back() = true;
                next();
                Token& after = peek();
                if (after.t == T::newline || after.t == T::eof) break;
                continue;
            }
            break;
        }
        if (failed) return nullptr;
        Token& end = peek();
        if (end.t == T::newline) {
            next();
        } else if (end.t != T::eof) {
            return unexpected(end);
        }
        return list;
    }

    NodePtr parse_program() {
        auto all = std::make_shared<Node>();
        all->kind = NodeKind::list;
        while (!failed) {
            NodePtr c = parse_complete();
            if (!c) break;
            for (size_t i = 0; i < c->kids.size(); ++i) {
                all->kids.push_back(c->kids[i]);
                all->ops.push_back(c->ops[i]);
            }
        }
        if (failed) return nullptr;
        return all;
    }
};

Parser::Parser(std::string_view source, uint32_t first_line) : m(std::make_shared<Impl>(source, first_line)) {}

Result<NodePtr> Parser::next() {
    if (m->failed) return m->err;
    NodePtr n = m->parse_complete();
    if (m->failed) return m->err;
    return n;
}

bool Parser::at_end() {
    if (m->failed) return true;
    m->skip_newlines();
    return m->peek().t == T::eof;
}

Result<NodePtr> parse(std::string_view source) {
    Parser p(source);
    auto all = std::make_shared<Node>();
    all->kind = NodeKind::list;
    for (;;) {
        Result<NodePtr> r = p.next();
        if (!r) return r.error();
        if (!*r) break;
        const Node& c = **r;
        if (all->kids.empty()) all->line = c.line;
        for (size_t i = 0; i < c.kids.size(); ++i) {
            all->kids.push_back(c.kids[i]);
            all->ops.push_back(c.ops[i]);
        }
    }
    return NodePtr(all);
}

}  // namespace ll::shell
