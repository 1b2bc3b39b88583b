// awk_parse.cpp: awk program text -> awk::Program (awk.h).
//
//   Lexer    tokens; '/' starts a regex where an operand is expected
//   Parser   recursive descent, one function per precedence level:
//            ternary > or > and > in > match > compare > concat > additive
//            > multiplicative > unary > power > incdec > primary
//            statements: simple_stmt (print, printf, ...), stmt, block
#include <cctype>
#include <cstdlib>
#include <optional>

#include "core/shell/awk.h"

namespace ll::shell::awk {

namespace {

enum class T : uint8_t { eof, nl, num, str, ere, name, func, punct, kw };

struct Tok {
    T t = T::eof;
    std::string s;
    double n = 0;
    int line = 1;
};

bool is_keyword(const std::string& w) {
    static const char* k[] = {"BEGIN", "END",  "function", "func", "if",    "else",    "while",  "for",
                              "do",    "break", "continue", "next", "nextfile", "exit", "return", "delete",
                              "in",    "getline", "print", "printf"};
    for (const char* x : k)
        if (w == x) return true;
    return false;
}

class Lexer {
public:
    explicit Lexer(std::string_view s) : m_s(s) {}
    // `operand_before`: the previous token ends an operand, so '/' divides.
    Result<Tok> next(bool operand_before) {
        skip_blank();
        Tok t;
        t.line = m_line;
        if (m_i >= m_s.size()) return t;
        char c = m_s[m_i];
        if (c == '\n') {
            ++m_i;
            ++m_line;
            t.t = T::nl;
            return t;
        }
        if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && m_i + 1 < m_s.size() && std::isdigit(static_cast<unsigned char>(m_s[m_i + 1]))))
            return number(t);
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') return word(t);
        if (c == '"') return string(t);
        if (c == '/' && !operand_before) return regex(t);
        static const char* ops[] = {"+=", "-=", "*=", "/=", "%=", "^=", "**=", "==", "<=", ">=", "!=", "++", "--",
                                    "&&", "||",  ">>", "!~", "**"};
        for (const char* o : ops) {
            std::string_view ov(o);
            if (m_s.substr(m_i, ov.size()) == ov) {
                if (ov == "/=" && !operand_before) break;
                m_i += ov.size();
                t.t = T::punct;
                t.s = ov == "**" ? "^" : ov == "**=" ? "^=" : std::string(ov);
                return t;
            }
        }
        if (std::string_view("{}()[];,<>+-*/%^!~?:=$|").find(c) == std::string_view::npos)
            return make_error(Errc::syntax, std::string("Unexpected character '") + c + "'", SourceLoc{"", uint32_t(m_line), 1});
        ++m_i;
        t.t = T::punct;
        t.s = std::string(1, c);
        return t;
    }

private:
    void skip_blank() {
        while (m_i < m_s.size()) {
            char c = m_s[m_i];
            if (c == ' ' || c == '\t' || c == '\r') {
                ++m_i;
            } else if (c == '\\' && m_i + 1 < m_s.size() && m_s[m_i + 1] == '\n') {
                m_i += 2;
                ++m_line;
            } else if (c == '#') {
                while (m_i < m_s.size() && m_s[m_i] != '\n') ++m_i;
            } else {
                break;
            }
        }
    }
    Result<Tok> number(Tok t) {
        const std::string rest(m_s.substr(m_i, 64));
        char* end = nullptr;
        t.n = std::strtod(rest.c_str(), &end);
        size_t used = size_t(end - rest.c_str());
        if (rest.size() > 1 && rest[0] == '0' && (rest[1] == 'x' || rest[1] == 'X')) used = 1, t.n = 0;  // POSIX: no hex
        m_i += used == 0 ? 1 : used;
        t.t = T::num;
        return t;
    }
    Result<Tok> word(Tok t) {
        size_t b = m_i;
        while (m_i < m_s.size() && (std::isalnum(static_cast<unsigned char>(m_s[m_i])) || m_s[m_i] == '_')) ++m_i;
        t.s = std::string(m_s.substr(b, m_i - b));
        if (is_keyword(t.s))
            t.t = T::kw;
        else
            t.t = m_i < m_s.size() && m_s[m_i] == '(' ? T::func : T::name;
        return t;
    }
    Result<Tok> string(Tok t) {
        ++m_i;
        while (m_i < m_s.size() && m_s[m_i] != '"') {
            char c = m_s[m_i++];
            if (c == '\n') break;
            if (c != '\\' || m_i >= m_s.size()) {
                t.s += c;
                continue;
            }
            char e = m_s[m_i++];
            switch (e) {
            case 'n': t.s += '\n'; break;
            case 't': t.s += '\t'; break;
            case 'r': t.s += '\r'; break;
            case '\\': t.s += '\\'; break;
            case '"': t.s += '"'; break;
            case '/': t.s += '/'; break;
            case 'a': t.s += '\a'; break;
            case 'b': t.s += '\b'; break;
            case 'f': t.s += '\f'; break;
            case 'v': t.s += '\v'; break;
            case '\n': ++m_line; break;
            default:
                if (e >= '0' && e <= '7') {
                    int v = e - '0';
                    for (int k = 0; k < 2 && m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '7'; ++k)
                        v = v * 8 + (m_s[m_i++] - '0');
                    t.s += char(v);
                } else {
                    t.s += '\\';  // kept: "\." reaches a dynamic regex as \.
                    t.s += e;
                }
            }
        }
        if (m_i >= m_s.size() || m_s[m_i] != '"')
            return make_error(Errc::syntax, "Unexpected end of string", SourceLoc{"", uint32_t(m_line), 1});
        ++m_i;
        t.t = T::str;
        return t;
    }
    Result<Tok> regex(Tok t) {
        ++m_i;
        bool in_class = false;
        while (m_i < m_s.size() && (m_s[m_i] != '/' || in_class)) {
            char c = m_s[m_i++];
            if (c == '\n') break;
            if (c == '[') in_class = true;
            else if (c == ']') in_class = false;
            if (c == '\\' && m_i < m_s.size()) {
                char e = m_s[m_i++];
                if (e == '/') {
                    t.s += '/';
                    continue;
                }
                t.s += c;
                t.s += e;
                continue;
            }
            t.s += c;
        }
        if (m_i >= m_s.size() || m_s[m_i] != '/')
            return make_error(Errc::syntax, "Unexpected end of regex", SourceLoc{"", uint32_t(m_line), 1});
        ++m_i;
        t.t = T::ere;
        return t;
    }

    std::string_view m_s;
    size_t m_i = 0;
    int m_line = 1;
};

ExprP mk(Op op, std::string text = {}) {
    auto e = std::make_unique<Expr>();
    e->op = op;
    e->text = std::move(text);
    return e;
}
ExprP mk2(Op op, ExprP a, ExprP b) {
    ExprP e = mk(op);
    e->kids.push_back(std::move(a));
    e->kids.push_back(std::move(b));
    return e;
}

bool is_lvalue(const Expr& e) { return e.op == Op::var || e.op == Op::field || e.op == Op::index; }

class Parser {
public:
    explicit Parser(std::string_view text) : m_lex(text) {}

    Result<Program> program() {
        if (!advance()) return *m_err;
        Program p;
        skip_terms();
        while (m_tok.t != T::eof) {
            if (!item(p)) return *m_err;
            skip_terms();
        }
        return p;
    }

private:
    // ---- tokens
    bool advance() {
        bool operand = m_tok.t == T::num || m_tok.t == T::str || m_tok.t == T::ere || m_tok.t == T::name ||
                       (m_tok.t == T::punct && (m_tok.s == ")" || m_tok.s == "]" || m_tok.s == "$" ||
                                                m_tok.s == "++" || m_tok.s == "--")) ||
                       (m_tok.t == T::kw && m_tok.s == "getline");
        Result<Tok> t = m_lex.next(operand);
        if (!t) {
            m_err = t.error();
            return false;
        }
        m_tok = *t;
        return true;
    }
    bool is(const char* p) const { return (m_tok.t == T::punct || m_tok.t == T::kw) && m_tok.s == p; }
    bool fail(const std::string& what) {
        if (!m_err)
            m_err = make_error(Errc::syntax,
                               what.empty() ? "Unexpected token" + (m_tok.s.empty() ? std::string() : " '" + m_tok.s + "'")
                                            : what,
                               SourceLoc{"", uint32_t(m_tok.line), 1});
        return false;
    }
    bool expect(const char* p) {
        if (!is(p)) return fail("");
        return advance();
    }
    void skip_nl() {
        while (m_tok.t == T::nl)
            if (!advance()) return;
    }
    void skip_terms() {
        while (m_tok.t == T::nl || is(";"))
            if (!advance()) return;
    }

    // ---- items
    bool item(Program& p) {
        if (is("function") || is("func")) return function(p);
        Item it;
        if (is("BEGIN") || is("END")) {
            it.kind = m_tok.s == "BEGIN" ? Item::begin : Item::end;
            if (!advance()) return false;
            skip_nl();
            if (!is("{")) return fail("");
        } else if (!is("{")) {
            it.pattern = expr(false);
            if (!it.pattern) return false;
            if (is(",")) {
                if (!advance()) return false;
                skip_nl();
                it.pattern2 = expr(false);
                if (!it.pattern2) return false;
            }
        }
        if (is("{")) {
            it.action = block();
            if (!it.action) return false;
        }
        p.items.push_back(std::move(it));
        return true;
    }
    bool function(Program& p) {
        if (!advance()) return false;
        Function f;
        if (m_tok.t != T::func && m_tok.t != T::name) return fail("");
        f.name = m_tok.s;
        if (!advance() || !expect("(")) return false;
        while (!is(")")) {
            if (m_tok.t != T::name) return fail("");
            f.params.push_back(m_tok.s);
            if (!advance()) return false;
            if (is(",")) {
                if (!advance()) return false;
                skip_nl();
            }
        }
        if (!advance()) return false;
        skip_nl();
        f.body = block();
        if (!f.body) return false;
        p.functions.push_back(std::move(f));
        return true;
    }

    // ---- statements
    StmtP block() {
        if (!expect("{")) return nullptr;
        auto b = std::make_unique<Stmt>();
        b->op = SOp::block;
        skip_terms();
        while (!is("}")) {
            if (m_tok.t == T::eof) return fail("Unexpected end of program (missing '}')"), nullptr;
            StmtP s = stmt();
            if (!s) return nullptr;
            b->body.push_back(std::move(s));
            skip_terms();
        }
        if (!advance()) return nullptr;
        return b;
    }
    // A statement as the body of if/while/for (a newline may come first).
    StmtP body() {
        skip_nl();
        if (is(";")) {
            if (!advance()) return nullptr;
            auto s = std::make_unique<Stmt>();
            s->op = SOp::block;
            return s;
        }
        return stmt();
    }
    StmtP stmt() {
        if (is("{")) return block();
        if (is("if")) return if_stmt();
        if (is("while")) {
            auto s = std::make_unique<Stmt>();
            s->op = SOp::whilee;
            if (!advance() || !expect("(")) return nullptr;
            if (!push_expr(s->args, false) || !expect(")")) return nullptr;
            if (is(";")) {  // while (c);
                if (!advance()) return nullptr;
                s->body.push_back(std::make_unique<Stmt>());
                s->body.back()->op = SOp::block;
                return s;
            }
            StmtP b = body();
            if (!b) return nullptr;
            s->body.push_back(std::move(b));
            return s;
        }
        if (is("do")) {
            auto s = std::make_unique<Stmt>();
            s->op = SOp::doo;
            if (!advance()) return nullptr;
            StmtP b = body();
            if (!b) return nullptr;
            s->body.push_back(std::move(b));
            skip_terms();
            if (!expect("while") || !expect("(")) return nullptr;
            if (!push_expr(s->args, false) || !expect(")")) return nullptr;
            return s;
        }
        if (is("for")) return for_stmt();
        return simple_stmt();
    }
    StmtP if_stmt() {
        auto s = std::make_unique<Stmt>();
        s->op = SOp::iff;
        if (!advance() || !expect("(")) return nullptr;
        if (!push_expr(s->args, false) || !expect(")")) return nullptr;
        StmtP then = body();
        if (!then) return nullptr;
        s->body.push_back(std::move(then));
        // `else` may follow after newlines or a ';'
        while (m_tok.t == T::nl || is(";")) {
            if (!advance()) return nullptr;
            if (!(m_tok.t == T::nl || is(";")) && !is("else")) {
                break;
            }
        }
        if (is("else")) {
            if (!advance()) return nullptr;
            StmtP e = body();
            if (!e) return nullptr;
            s->body.push_back(std::move(e));
        }
        return s;
    }
    StmtP for_stmt() {
        auto s = std::make_unique<Stmt>();
        if (!advance() || !expect("(")) return nullptr;
        // for (k in arr)
        if (m_tok.t == T::name) {
            Lexer saved_lex = m_lex;
            Tok saved = m_tok;
            std::string var = m_tok.s;
            if (!advance()) return nullptr;
            if (is("in")) {
                if (!advance()) return nullptr;
                if (m_tok.t != T::name) return fail(""), nullptr;
                s->op = SOp::forin;
                s->var = var;
                s->args.push_back(mk(Op::var, m_tok.s));
                if (!advance() || !expect(")")) return nullptr;
                StmtP b = body();
                if (!b) return nullptr;
                s->body.push_back(std::move(b));
                return s;
            }
            m_lex = saved_lex;
            m_tok = saved;
        }
        s->op = SOp::forr;
        for (int part = 0; part < 3; ++part) {
            const char* end = part < 2 ? ";" : ")";
            skip_nl();
            if (is(end)) {
                s->args.push_back(nullptr);
            } else {
                if (!push_expr(s->args, false)) return nullptr;
            }
            skip_nl();
            if (!expect(end)) return nullptr;
        }
        StmtP b = body();
        if (!b) return nullptr;
        s->body.push_back(std::move(b));
        return s;
    }
    StmtP simple_stmt() {
        auto s = std::make_unique<Stmt>();
        if (is("print") || is("printf")) return print_stmt();
        if (is("next") || is("nextfile") || is("break") || is("continue")) {
            s->op = is("next") ? SOp::next : is("nextfile") ? SOp::nextfile : is("break") ? SOp::brk : SOp::cont;
            if (!advance()) return nullptr;
            return s;
        }
        if (is("exit") || is("return")) {
            s->op = is("exit") ? SOp::exit : SOp::ret;
            if (!advance()) return nullptr;
            if (!ends_stmt() && !push_expr(s->args, false)) return nullptr;
            return s;
        }
        if (is("delete")) {
            s->op = SOp::del;
            if (!advance()) return nullptr;
            if (m_tok.t != T::name) return fail(""), nullptr;
            s->var = m_tok.s;
            if (!advance()) return nullptr;
            if (is("[")) {
                if (!advance()) return nullptr;
                ExprP idx = mk(Op::index, s->var);
                if (!subscripts(*idx)) return nullptr;
                s->args.push_back(std::move(idx));
            }
            return s;
        }
        s->op = SOp::expr;
        if (!push_expr(s->args, false)) return nullptr;
        return s;
    }
    bool ends_stmt() const { return m_tok.t == T::nl || m_tok.t == T::eof || is(";") || is("}"); }
    StmtP print_stmt() {
        auto s = std::make_unique<Stmt>();
        s->op = is("print") ? SOp::print : SOp::printf;
        if (!advance()) return nullptr;
        if (!ends_stmt() && !is(">") && !is(">>") && !is("|")) {
            bool paren = is("(");
            // print (a, b) > "f": a parenthesised list
            if (paren) {
                Lexer saved_lex = m_lex;
                Tok saved = m_tok;
                if (!advance()) return nullptr;
                std::vector<ExprP> list;
                bool ok = push_expr(list, false);
                while (ok && is(",")) {
                    ok = advance();
                    skip_nl();
                    ok = ok && push_expr(list, false);
                }
                if (ok && is(")")) {
                    if (!advance()) return nullptr;
                    if (ends_stmt() || is(">") || is(">>") || is("|")) {
                        s->args = std::move(list);
                        paren = false;
                        goto redir;
                    }
                }
                m_err.reset();
                m_lex = saved_lex;
                m_tok = saved;
            }
            if (!push_expr(s->args, true)) return nullptr;
            while (is(",")) {
                if (!advance()) return nullptr;
                skip_nl();
                if (!push_expr(s->args, true)) return nullptr;
            }
        }
    redir:
        if (is(">") || is(">>") || is("|")) {
            s->redir = m_tok.s;
            if (!advance()) return nullptr;
            s->out = concat(true);
            if (!s->out) return nullptr;
        }
        return s;
    }

    // ---- expressions (no_gt: inside print, '>' is a redirection)
    bool push_expr(std::vector<ExprP>& to, bool no_gt) {
        ExprP e = expr(no_gt);
        if (!e) return false;
        to.push_back(std::move(e));
        return true;
    }
    ExprP expr(bool no_gt) {
        ExprP lhs = ternary(no_gt);
        if (!lhs) return nullptr;
        static const char* aops[] = {"=", "+=", "-=", "*=", "/=", "%=", "^="};
        for (const char* a : aops)
            if (is(a) && m_tok.t == T::punct) {
                if (!is_lvalue(*lhs)) return fail(""), nullptr;
                std::string op = a;
                if (!advance()) return nullptr;
                skip_nl();
                ExprP rhs = expr(no_gt);
                if (!rhs) return nullptr;
                ExprP e = mk2(Op::assign, std::move(lhs), std::move(rhs));
                e->text = op;
                return e;
            }
        return lhs;
    }
    ExprP ternary(bool no_gt) {
        ExprP c = orr(no_gt);
        if (!c || !is("?")) return c;
        if (!advance()) return nullptr;
        skip_nl();
        ExprP a = expr(no_gt);
        if (!a) return nullptr;
        skip_nl();
        if (!expect(":")) return nullptr;
        skip_nl();
        ExprP b = expr(no_gt);
        if (!b) return nullptr;
        ExprP e = mk(Op::cond);
        e->kids.push_back(std::move(c));
        e->kids.push_back(std::move(a));
        e->kids.push_back(std::move(b));
        return e;
    }
    ExprP orr(bool no_gt) {
        ExprP a = andd(no_gt);
        while (a && is("||")) {
            if (!advance()) return nullptr;
            skip_nl();
            ExprP b = andd(no_gt);
            if (!b) return nullptr;
            a = mk2(Op::orr, std::move(a), std::move(b));
        }
        return a;
    }
    ExprP andd(bool no_gt) {
        ExprP a = in(no_gt);
        while (a && is("&&")) {
            if (!advance()) return nullptr;
            skip_nl();
            ExprP b = in(no_gt);
            if (!b) return nullptr;
            a = mk2(Op::andd, std::move(a), std::move(b));
        }
        return a;
    }
    ExprP in(bool no_gt) {
        ExprP a = match(no_gt);
        while (a && is("in")) {
            if (!advance()) return nullptr;
            if (m_tok.t != T::name) return fail(""), nullptr;
            ExprP e = mk(Op::in, m_tok.s);
            if (a->op == Op::group && a->kids.size() > 1) {
                e->kids = std::move(a->kids);  // (i, j) in arr
            } else {
                e->kids.push_back(std::move(a));
            }
            if (!advance()) return nullptr;
            a = std::move(e);
        }
        return a;
    }
    ExprP match(bool no_gt) {
        ExprP a = compare(no_gt);
        while (a && (is("~") || is("!~"))) {
            Op op = is("~") ? Op::match : Op::nomatch;
            if (!advance()) return nullptr;
            ExprP b = compare(no_gt);
            if (!b) return nullptr;
            a = mk2(op, std::move(a), std::move(b));
        }
        return a;
    }
    ExprP compare(bool no_gt) {
        ExprP a = concat(no_gt);
        if (!a) return nullptr;
        struct {
            const char* s;
            Op op;
        } ops[] = {{"<", Op::lt}, {"<=", Op::le}, {">", Op::gt}, {">=", Op::ge}, {"==", Op::eq}, {"!=", Op::ne}};
        for (auto& o : ops)
            if (is(o.s) && !(no_gt && o.op == Op::gt)) {
                if (!advance()) return nullptr;
                ExprP b = concat(no_gt);
                if (!b) return nullptr;
                return mk2(o.op, std::move(a), std::move(b));
            }
        return a;
    }
    bool starts_operand() const {
        if (m_tok.t == T::num || m_tok.t == T::str || m_tok.t == T::ere || m_tok.t == T::name || m_tok.t == T::func)
            return true;
        if (m_tok.t == T::kw) return false;
        return is("$") || is("(") || is("!") || is("-") || is("+") || is("++") || is("--");
    }
    ExprP concat(bool no_gt) {
        ExprP a = additive(no_gt);
        // juxtaposition: an operand that is not a binary operator's right side
        while (a && starts_operand() && !is("-") && !is("+") && !is("!")) {
            ExprP b = additive(no_gt);
            if (!b) return nullptr;
            a = mk2(Op::concat, std::move(a), std::move(b));
        }
        return a;
    }
    ExprP additive(bool no_gt) {
        ExprP a = multiplicative(no_gt);
        while (a && (is("+") || is("-"))) {
            Op op = is("+") ? Op::add : Op::sub;
            if (!advance()) return nullptr;
            ExprP b = multiplicative(no_gt);
            if (!b) return nullptr;
            a = mk2(op, std::move(a), std::move(b));
        }
        return a;
    }
    ExprP multiplicative(bool no_gt) {
        ExprP a = unary(no_gt);
        while (a && (is("*") || is("/") || is("%"))) {
            Op op = is("*") ? Op::mul : is("/") ? Op::div : Op::mod;
            if (!advance()) return nullptr;
            ExprP b = unary(no_gt);
            if (!b) return nullptr;
            a = mk2(op, std::move(a), std::move(b));
        }
        return a;
    }
    ExprP unary(bool no_gt) {
        if (is("!") || is("-") || is("+")) {
            Op op = is("!") ? Op::nott : is("-") ? Op::neg : Op::plus;
            if (!advance()) return nullptr;
            ExprP a = unary(no_gt);
            if (!a) return nullptr;
            ExprP e = mk(op);
            e->kids.push_back(std::move(a));
            return e;
        }
        return power(no_gt);
    }
    ExprP power(bool no_gt) {
        ExprP a = incdec(no_gt);
        if (a && is("^")) {
            if (!advance()) return nullptr;
            ExprP b = is("-") || is("+") || is("!") ? unary(no_gt) : power(no_gt);  // right-associative
            if (!b) return nullptr;
            return mk2(Op::pow, std::move(a), std::move(b));
        }
        return a;
    }
    ExprP incdec(bool no_gt) {
        if (is("++") || is("--")) {
            Op op = is("++") ? Op::preinc : Op::predec;
            if (!advance()) return nullptr;
            ExprP a = primary(no_gt);
            if (!a) return nullptr;
            if (!is_lvalue(*a)) return fail(""), nullptr;
            ExprP e = mk(op);
            e->kids.push_back(std::move(a));
            return e;
        }
        ExprP a = primary(no_gt);
        if (a && is_lvalue(*a) && (is("++") || is("--"))) {
            ExprP e = mk(is("++") ? Op::postinc : Op::postdec);
            e->kids.push_back(std::move(a));
            if (!advance()) return nullptr;
            return e;
        }
        return a;
    }
    bool subscripts(Expr& idx) {  // after '[': e, e, ... ']'
        for (;;) {
            ExprP e = expr(false);
            if (!e) return false;
            idx.kids.push_back(std::move(e));
            if (is(",")) {
                if (!advance()) return false;
                skip_nl();
                continue;
            }
            return expect("]");
        }
    }
    ExprP primary(bool no_gt);
    ExprP call(const std::string& name);
    ExprP getline_expr(ExprP lhs);

    Lexer m_lex;
    Tok m_tok;
    std::optional<Error> m_err;
};

ExprP Parser::primary(bool no_gt) {
    Tok t = m_tok;
    switch (t.t) {
    case T::num: {
        if (!advance()) return nullptr;
        ExprP e = mk(Op::num);
        e->num = t.n;
        return e;
    }
    case T::str:
        if (!advance()) return nullptr;
        return mk(Op::str, t.s);
    case T::ere:
        if (!advance()) return nullptr;
        return mk(Op::regex, t.s);
    case T::func:
        if (!advance()) return nullptr;
        return call(t.s);
    case T::name: {
        if (!advance()) return nullptr;
        if (is("[")) {
            if (!advance()) return nullptr;
            ExprP e = mk(Op::index, t.s);
            if (!subscripts(*e)) return nullptr;
            return e;
        }
        // builtins may be called without parentheses: `length`
        if (t.s == "length") return mk(Op::call, "length");
        return mk(Op::var, t.s);
    }
    case T::kw:
        if (t.s == "getline") return getline_expr(nullptr);
        fail("");
        return nullptr;
    default: break;
    }
    if (is("$")) {
        if (!advance()) return nullptr;
        ExprP a = incdec(no_gt);
        if (!a) return nullptr;
        ExprP e = mk(Op::field);
        e->kids.push_back(std::move(a));
        return e;
    }
    if (is("(")) {
        if (!advance()) return nullptr;
        ExprP g = mk(Op::group);
        for (;;) {
            skip_nl();
            ExprP e = expr(false);
            if (!e) return nullptr;
            g->kids.push_back(std::move(e));
            skip_nl();
            if (!is(",")) break;
            if (!advance()) return nullptr;
        }
        if (!expect(")")) return nullptr;
        return g;
    }
    fail("");
    return nullptr;
}

ExprP Parser::call(const std::string& name) {
    ExprP e = mk(Op::call, name);
    if (!expect("(")) return nullptr;
    skip_nl();
    while (!is(")")) {
        ExprP a = expr(false);
        if (!a) return nullptr;
        e->kids.push_back(std::move(a));
        skip_nl();
        if (is(",")) {
            if (!advance()) return nullptr;
            skip_nl();
        } else if (!is(")")) {
            fail("");
            return nullptr;
        }
    }
    if (!advance()) return nullptr;
    return e;
}

// getline [var] [< file]
ExprP Parser::getline_expr(ExprP) {
    if (!advance()) return nullptr;
    ExprP e = mk(Op::getline);
    if (m_tok.t == T::name || is("$")) {
        ExprP v = is("$") ? primary(true) : nullptr;
        if (!v) {
            std::string n = m_tok.s;
            if (!advance()) return nullptr;
            v = mk(Op::var, n);
        }
        e->kids.push_back(std::move(v));
    } else {
        e->kids.push_back(nullptr);
    }
    if (is("<")) {
        if (!advance()) return nullptr;
        ExprP f = incdec(true);
        if (!f) return nullptr;
        e->kids.push_back(std::move(f));
    }
    return e;
}

}  // namespace

Result<Program> parse(std::string_view text) {
    Parser p(text);
    return p.program();
}

}  // namespace ll::shell::awk
