// goal_parse.cpp: reading a goal file (goal.h; the language is in README.md, "Lessons").
//
// Index of this file:
//   tokens:    Tok, tokenize (words, "quoted strings" with \n \" \\ escapes, ` -- text`)
//   numbers:   parse_quantity, op_of
//   subjects:  Subject, k_subjects (object.property -> what follows it), split_subject
//   a line:    LineParser (one method per kind of argument), parse_goal
//   words:     describe (the part's text when the author gave none)
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "core/lesson/goal.h"
#include "core/lesson/goal_words.h"

namespace ll::lesson {

namespace {

struct Tok {
    std::string s;
    bool quoted = false;
    uint32_t col = 1;  // 1-based column of its first character
};

struct Line {
    std::vector<Tok> toks;
    std::string student_text;  // after ` -- `
    std::string source;        // before it, trimmed
    std::string error;         // a tokenizing error (unterminated string)
    uint32_t error_col = 0;
};

Line tokenize(std::string_view s) {
    Line out;
    size_t i = 0, end_of_source = s.size();
    while (i < s.size()) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\r') {
            ++i;
            continue;
        }
        if (c == '-' && i + 1 < s.size() && s[i + 1] == '-' && (i + 2 == s.size() || s[i + 2] == ' ') &&
            (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) {
            end_of_source = i;
            size_t b = i + 2;
            while (b < s.size() && s[b] == ' ') ++b;
            size_t e = s.size();
            while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\r' || s[e - 1] == '\t')) --e;
            out.student_text = std::string(s.substr(b, e - b));
            break;
        }
        Tok t;
        t.col = uint32_t(i + 1);
        if (c == '"') {
            t.quoted = true;
            ++i;
            bool closed = false;
            while (i < s.size()) {
                char d = s[i++];
                if (d == '"') {
                    closed = true;
                    break;
                }
                if (d == '\\' && i < s.size()) {
                    char e = s[i++];
                    t.s += e == 'n' ? '\n' : e == 't' ? '\t' : e;
                } else {
                    t.s += d;
                }
            }
            if (!closed) {
                out.error = "this string has no closing \"";
                out.error_col = t.col;
                return out;
            }
        } else {
            while (i < s.size() && s[i] != ' ' && s[i] != '\t' && s[i] != '\r') t.s += s[i++];
        }
        out.toks.push_back(std::move(t));
    }
    size_t e = end_of_source;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
    size_t b = 0;
    while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
    out.source = std::string(s.substr(b, e - b));
    return out;
}

Op op_of(std::string_view s) {
    if (s == "==" || s == "=") return Op::eq;
    if (s == "!=") return Op::ne;
    if (s == "<") return Op::lt;
    if (s == "<=") return Op::le;
    if (s == ">") return Op::gt;
    if (s == ">=") return Op::ge;
    return Op::none;
}

// What follows a subject on its line.
enum class Args : uint8_t { number, path, file, env, none, step, diff };

struct Subject {
    const char* object;    // before the dot (or the whole word)
    const char* property;  // after the dot ("" = none)
    Obj obj;
    Prop prop;
    Args args;
    bool indexed;  // takes [N]
};

constexpr Subject k_subjects[] = {
    {"image", "size", Obj::image, Prop::size, Args::number, false},
    {"image", "layers", Obj::image, Prop::layers, Args::number, false},
    {"layers", "", Obj::image, Prop::layers, Args::number, false},
    {"image", "wasted", Obj::image, Prop::wasted, Args::number, false},
    {"image", "has", Obj::image, Prop::has, Args::path, false},
    {"image", "file", Obj::image, Prop::contains, Args::file, false},
    {"image", "env", Obj::image, Prop::env, Args::env, false},
    {"base", "layers", Obj::base, Prop::layers, Args::number, false},
    {"build", "complete", Obj::build, Prop::complete, Args::none, false},
    {"build", "steps", Obj::build, Prop::steps, Args::number, false},
    {"build", "cached", Obj::build, Prop::cached, Args::number, false},
    {"build", "ran", Obj::build, Prop::ran, Args::number, false},
    {"build", "layers", Obj::build, Prop::layer_steps, Args::number, false},
    {"build", "empty", Obj::build, Prop::empty_steps, Args::number, false},
    {"containers", "", Obj::containers, Prop::count, Args::number, false},
    {"commits", "", Obj::commits, Prop::count, Args::number, false},
    {"container", "size", Obj::container, Prop::size, Args::number, true},
    {"container", "copied_up", Obj::container, Prop::copied_up, Args::number, true},
    {"container", "has", Obj::container, Prop::has, Args::path, true},
    {"container", "file", Obj::container, Prop::contains, Args::file, true},
    {"layer", "size", Obj::layer, Prop::size, Args::number, true},
    {"layer", "added", Obj::layer, Prop::added, Args::number, true},
    {"layer", "modified", Obj::layer, Prop::modified, Args::number, true},
    {"layer", "deleted", Obj::layer, Prop::deleted, Args::number, true},
    {"layer", "has", Obj::layer, Prop::has, Args::path, true},
    {"step", "", Obj::step, Prop::step_cached, Args::step, false},
    {"diff", "", Obj::diff, Prop::diff_equals, Args::diff, false},
    {"upper", "whiteout", Obj::upper, Prop::whiteout, Args::path, false},
    {"upper", "opaque", Obj::upper, Prop::opaque, Args::path, false},
    {"xray", "dirs", Obj::xray, Prop::xray_dirs, Args::number, false},
    {"xray", "lowerdirs", Obj::xray, Prop::xray_lowerdirs, Args::number, false},
    {"xray", "upper.has", Obj::xray, Prop::has, Args::path, false},
};

std::string known_subjects() {
    std::string s;
    for (const Subject& k : k_subjects) {
        if (!s.empty()) s += ", ";
        s += k.object;
        if (k.indexed) s += k.obj == Obj::layer ? "[N]" : "[N]";
        if (*k.property) s += std::string(".") + k.property;
    }
    return s;
}

class LineParser {
public:
    LineParser(const Line& line, uint32_t lineno, std::string_view file)
        : m_line(line), m_lineno(lineno), m_file(file) {}

    Result<GoalPart> parse() {
        GoalPart part;
        part.line = m_lineno;
        part.source = m_line.source;
        if (!m_line.error.empty()) return fail(m_line.error_col, m_line.error);
        if (more() && !peek().quoted && peek().s == "not") {
            part.negate = true;
            ++m_pos;
        }
        if (!more()) return fail(col_end(), "\"not\" needs a check after it, such as: not image.has /usr/bin/gcc");
        Result<Check> c = subject();
        if (!c) return c.error();
        part.check = std::move(*c);
        if (more()) return fail(peek().col, "unexpected \"" + peek().s + "\" at the end of this check");
        part.text = m_line.student_text.empty() ? describe(part.check, part.negate) : m_line.student_text;
        return part;
    }

private:
    bool more() const { return m_pos < m_line.toks.size(); }
    const Tok& peek() const { return m_line.toks[m_pos]; }
    uint32_t col_end() const { return uint32_t(m_line.source.size() + 1); }
    Error fail(uint32_t col, std::string msg) const {
        return make_error(Errc::syntax, std::move(msg), SourceLoc{std::string(m_file), m_lineno, col});
    }

    Result<Check> subject() {
        const Tok& t = m_line.toks[m_pos++];
        if (t.quoted) return fail(t.col, "a check starts with what it looks at (image.size, step, diff, ...), not a string");
        std::string word = t.s, object, property;
        int index = k_current;
        size_t i = 0;
        while (i < word.size() && (std::isalpha(static_cast<unsigned char>(word[i])) || word[i] == '_'))
            object += word[i++];
        if (i < word.size() && word[i] == '[') {
            size_t close = word.find(']', i);
            if (close == std::string::npos) return fail(t.col + uint32_t(i), "\"[\" without its \"]\"");
            std::string n = word.substr(i + 1, close - i - 1);
            char* endp = nullptr;
            long v = std::strtol(n.c_str(), &endp, 10);
            if (n.empty() || *endp || v < -1000 || v > 1000)
                return fail(t.col + uint32_t(i + 1), "\"" + n + "\" is not an index (0 is the first, -1 the last)");
            index = int(v);
            i = close + 1;
        }
        if (i < word.size() && word[i] == '.') property = word.substr(i + 1);
        else if (i < word.size()) return fail(t.col + uint32_t(i), "unexpected \"" + word.substr(i) + "\"");
        if (object == "layer" && property.rfind("top", 0) == 0 && index == k_current) {
            index = -1;
            property = property.size() > 4 ? property.substr(4) : "";
        }
        for (const Subject& k : k_subjects) {
            if (object != k.object || property != k.property) continue;
            if (index != k_current && !k.indexed)
                return fail(t.col, std::string(k.object) + " takes no [N]");
            if (k.obj == Obj::layer && index == k_current)
                return fail(t.col, "which layer? layer[0] is the bottom one, layer[-1] or layer.top the top one");
            Check c;
            c.obj = k.obj;
            c.prop = k.prop;
            c.index = index;
            return arguments(c, k.args, t);
        }
        return fail(t.col, "unknown check \"" + word + "\"; the checks are: " + known_subjects() +
                               ", and build.complete");
    }

    Result<Check> arguments(Check c, Args args, const Tok& subject_tok) {
        switch (args) {
        case Args::none: return c;
        case Args::number: return number(c, subject_tok);
        case Args::path: return path(c, subject_tok);
        case Args::file: {
            Result<Check> p = path(c, subject_tok);
            if (!p) return p;
            c = *p;
            if (!more() || peek().s != "contains" || peek().quoted)
                return fail(more() ? peek().col : col_end(), "expected: contains \"text\" after the file's path");
            ++m_pos;
            return string_arg(c, "contains needs a \"quoted string\"");
        }
        case Args::env: {
            if (!more() || peek().quoted) return fail(more() ? peek().col : col_end(), "image.env needs a variable name");
            c.path = m_line.toks[m_pos++].s;
            if (!more()) return c;
            if (op_of(peek().s) != Op::eq) return fail(peek().col, "image.env NAME can only be followed by == \"value\"");
            ++m_pos;
            c.has_text = true;
            return string_arg(c, "== needs a \"quoted\" value");
        }
        case Args::step: return step(c);
        case Args::diff: return diff(c);
        }
        return c;
    }

    Result<Check> number(Check c, const Tok& subject_tok) {
        if (!more()) return fail(col_end(), subject_tok.s + " needs a comparison, such as: " + subject_tok.s + " <= 3");
        const Tok& o = m_line.toks[m_pos++];
        c.op = op_of(o.s);
        if (c.op == Op::none || o.quoted)
            return fail(o.col, "\"" + o.s + "\" is not a comparison: use ==, !=, <, <=, > or >=");
        if (!more()) return fail(col_end(), "a number is missing after " + o.s);
        const Tok& v = m_line.toks[m_pos++];
        std::string word = v.s;
        uint64_t probe = 0;
        bool probe_bytes = false;
        if (more() && !peek().quoted && !v.quoted && parse_quantity(v.s + peek().s, probe, probe_bytes) && probe_bytes)
            word += m_line.toks[m_pos++].s;  // "60 MiB"
        if (v.quoted || !parse_quantity(word, c.number, c.is_bytes))
            return fail(v.col, "\"" + word + "\" is not a number (a count, or a size such as 60MiB, 1.5GB, 512B)");
        bool bytes_subject = c.prop == Prop::size || c.prop == Prop::wasted || c.prop == Prop::copied_up;
        if (c.is_bytes && !bytes_subject) return fail(v.col, subject_tok.s + " is a count: write it without a unit");
        c.is_bytes = bytes_subject;
        c.number_text = c.is_bytes ? quantity_text(word) : std::to_string(c.number);
        return c;
    }

    Result<Check> path(Check c, const Tok& subject_tok) {
        if (!more() || peek().quoted || peek().s.empty() || peek().s[0] != '/')
            return fail(more() ? peek().col : col_end(), subject_tok.s + " needs an absolute path, such as /usr/bin/curl");
        c.path = m_line.toks[m_pos++].s;
        return c;
    }

    Result<Check> string_arg(Check c, const char* missing) {
        if (!more() || !peek().quoted) return fail(more() ? peek().col : col_end(), missing);
        c.text = m_line.toks[m_pos++].s;
        return c;
    }

    Result<Check> step(Check c) {
        Result<Check> s = string_arg(c, "step needs the instruction in quotes, such as: step \"RUN npm ci\" cached");
        if (!s) return s;
        c = *s;
        if (!more()) return fail(col_end(), "what should the step do? cached, ran, layer or empty");
        const Tok& w = m_line.toks[m_pos++];
        if (w.s == "cached") c.prop = Prop::step_cached;
        else if (w.s == "ran") c.prop = Prop::step_ran;
        else if (w.s == "layer") c.prop = Prop::step_layer;
        else if (w.s == "empty") c.prop = Prop::step_empty;
        else return fail(w.col, "\"" + w.s + "\": a step is cached, ran, layer or empty");
        return c;
    }

    Result<Check> diff(Check c) {
        if (!more()) return fail(col_end(), "diff needs == \"lines\" or has \"line\"");
        const Tok& w = m_line.toks[m_pos++];
        if (!w.quoted && op_of(w.s) == Op::eq) c.prop = Prop::diff_equals;
        else if (!w.quoted && w.s == "has") c.prop = Prop::diff_has;
        else return fail(w.col, "diff needs == \"lines\" or has \"line\"");
        return string_arg(c, "docker diff's lines go in quotes, one per \\n: \"C /app\\nA /app/x\"");
    }

    const Line& m_line;
    uint32_t m_lineno;
    std::string_view m_file;
    size_t m_pos = 0;
};

}  // namespace

bool parse_quantity(std::string_view word, uint64_t& out, bool& is_bytes) {
    std::string w(word);
    char* endp = nullptr;
    double v = std::strtod(w.c_str(), &endp);
    if (endp == w.c_str() || !(v >= 0) || v > 1e18 || w[0] == '+' || w[0] == '-') return false;
    std::string unit(endp);
    static const struct {
        const char* name;
        double factor;
    } units[] = {{"B", 1},        {"kB", 1e3},          {"KB", 1e3},          {"MB", 1e6},
                 {"GB", 1e9},     {"KiB", 1024.0},      {"MiB", 1048576.0},   {"GiB", 1073741824.0}};
    double f = 0;
    if (unit.empty()) {
        if (std::floor(v) != v) return false;  // a count is whole
        is_bytes = false;
        f = 1;
    } else {
        for (const auto& u : units)
            if (unit == u.name) f = u.factor;
        if (f == 0) return false;
        is_bytes = true;
    }
    out = uint64_t(std::llround(v * f));
    return true;
}

Result<Goal> parse_goal(std::string_view text, std::string_view file) {
    Goal g;
    uint32_t lineno = 0;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t nl = text.find('\n', pos);
        std::string_view raw = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
        ++lineno;
        size_t b = raw.find_first_not_of(" \t\r");
        if (b == std::string_view::npos || raw[b] == '#') continue;
        Line line = tokenize(raw);
        Result<GoalPart> p = LineParser(line, lineno, file).parse();
        if (!p) return p.error();
        g.parts.push_back(std::move(*p));
    }
    if (g.parts.empty())
        return make_error(Errc::syntax, "the goal has no parts: write one check per line, such as: image.has /hello.txt",
                          SourceLoc{std::string(file), 0, 0});
    return g;
}

}  // namespace ll::lesson
