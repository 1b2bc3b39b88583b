// regex.cpp: POSIX BRE/ERE compiled to a Pike VM (see regex.h).
#include "core/shell/regex.h"

#include <algorithm>
#include <cctype>
#include <memory>

namespace ll::shell {

namespace {

struct RNode;
using RPtr = std::unique_ptr<RNode>;

struct RNode {
    enum Kind : uint8_t { empty, ch, any, cls, cat, alt, rep, group, assert_ } kind = empty;
    uint8_t c = 0;
    uint32_t cls_index = 0;
    int min = 0, max = -1;  // rep
    uint32_t group_no = 0;
    Regex::Op assertion = Regex::Op::bol;
    std::vector<RPtr> kids;
};

RPtr make(RNode::Kind k) {
    auto n = std::make_unique<RNode>();
    n->kind = k;
    return n;
}

bool class_has(std::string_view name, int c) {
    unsigned char u = static_cast<unsigned char>(c);
    if (name == "alpha") return std::isalpha(u);
    if (name == "digit") return std::isdigit(u);
    if (name == "alnum") return std::isalnum(u);
    if (name == "upper") return std::isupper(u);
    if (name == "lower") return std::islower(u);
    if (name == "space") return std::isspace(u);
    if (name == "blank") return c == ' ' || c == '\t';
    if (name == "punct") return std::ispunct(u);
    if (name == "print") return std::isprint(u);
    if (name == "graph") return std::isgraph(u);
    if (name == "cntrl") return std::iscntrl(u);
    if (name == "xdigit") return std::isxdigit(u);
    return false;
}

bool is_word(int c) { return c == '_' || std::isalnum(static_cast<unsigned char>(c)); }

}  // namespace

struct RegexCompiler {
    std::string_view p;
    size_t i = 0;
    bool ere;
    bool icase;
    std::string err;
    uint32_t ngroups = 1;
    int depth = 0;
    Regex& re;

    RegexCompiler(std::string_view pat, unsigned flags, Regex& r)
        : p(pat), ere(flags & Regex::extended), icase(flags & Regex::icase), re(r) {}

    bool fail(std::string m) {
        if (err.empty()) err = std::move(m);
        return false;
    }
    bool at_end() const { return i >= p.size(); }

    uint32_t add_class(const std::array<uint64_t, 4>& bits) {
        re.m_classes.push_back(bits);
        return uint32_t(re.m_classes.size() - 1);
    }
    static void set_bit(std::array<uint64_t, 4>& b, int c) { b[size_t(c) >> 6] |= uint64_t(1) << (c & 63); }

    RPtr class_node(const std::array<uint64_t, 4>& bits) {
        auto n = make(RNode::cls);
        n->cls_index = add_class(bits);
        return n;
    }
    RPtr char_node(unsigned char c) {
        if (icase && std::isalpha(c)) {
            std::array<uint64_t, 4> b{};
            set_bit(b, std::tolower(c));
            set_bit(b, std::toupper(c));
            return class_node(b);
        }
        auto n = make(RNode::ch);
        n->c = c;
        return n;
    }
    RPtr named_class(std::string_view name, bool neg) {
        std::array<uint64_t, 4> b{};
        for (int c = 0; c < 256; ++c)
            if (class_has(name, c) != neg) set_bit(b, c);
        return class_node(b);
    }

    // [...] ; i points after '['
    RPtr bracket() {
        std::array<uint64_t, 4> b{};
        bool neg = false;
        if (i < p.size() && p[i] == '^') {
            neg = true;
            ++i;
        }
        bool first = true;
        for (;;) {
            if (i >= p.size()) {
                fail("Unmatched [, [^, [:, [., or [=");
                return nullptr;
            }
            unsigned char c = static_cast<unsigned char>(p[i]);
            if (c == ']' && !first) {
                ++i;
                break;
            }
            first = false;
            if (c == '[' && i + 1 < p.size() && (p[i + 1] == ':' || p[i + 1] == '=' || p[i + 1] == '.')) {
                char kind = p[i + 1];
                size_t e = p.find(std::string{kind, ']'}, i + 2);
                if (e == std::string_view::npos) {
                    fail("Unmatched [, [^, [:, [., or [=");
                    return nullptr;
                }
                std::string_view name = p.substr(i + 2, e - i - 2);
                if (kind == ':') {
                    static constexpr std::string_view k[] = {"alpha", "digit", "alnum", "upper", "lower", "space",
                                                             "blank", "punct", "print", "graph", "cntrl", "xdigit"};
                    if (std::find(std::begin(k), std::end(k), name) == std::end(k)) {
                        fail("Invalid character class name");
                        return nullptr;
                    }
                    for (int ch = 0; ch < 256; ++ch)
                        if (class_has(name, ch) || (icase && (name == "upper" || name == "lower") && std::isalpha(ch)))
                            set_bit(b, ch);
                } else if (!name.empty()) {
                    set_bit(b, static_cast<unsigned char>(name[0]));
                }
                i = e + 2;
                continue;
            }
            ++i;
            unsigned char hi = c;
            if (i + 1 < p.size() && p[i] == '-' && p[i + 1] != ']') {
                hi = static_cast<unsigned char>(p[i + 1]);
                i += 2;
                if (hi < c) {
                    fail("Invalid range end");
                    return nullptr;
                }
            }
            for (int ch = c; ch <= hi; ++ch) {
                set_bit(b, ch);
                if (icase && std::isalpha(ch)) {
                    set_bit(b, std::tolower(ch));
                    set_bit(b, std::toupper(ch));
                }
            }
        }
        if (neg)
            for (auto& w : b) w = ~w;
        return class_node(b);
    }

    // Is the BRE at i the end of a (sub)expression? (for '$')
    bool bre_end_here(size_t j) const {
        if (j >= p.size()) return true;
        if (!ere && p[j] == '\\' && j + 1 < p.size() && (p[j + 1] == ')' || p[j + 1] == '|')) return true;
        if (ere && (p[j] == ')' || p[j] == '|')) return true;
        return false;
    }

    RPtr alt() {
        if (++depth > 100) {
            fail("Regular expression too big");
            return nullptr;
        }
        std::vector<RPtr> branches;
        branches.push_back(concat());
        if (!branches.back()) return nullptr;
        for (;;) {
            if (ere && i < p.size() && p[i] == '|') {
                ++i;
            } else if (!ere && i + 1 < p.size() && p[i] == '\\' && p[i + 1] == '|') {
                i += 2;
            } else {
                break;
            }
            branches.push_back(concat());
            if (!branches.back()) return nullptr;
        }
        --depth;
        if (branches.size() == 1) return std::move(branches[0]);
        auto n = make(RNode::alt);
        n->kids = std::move(branches);
        return n;
    }

    bool at_group_end() const {
        if (i >= p.size()) return true;
        if (ere) return p[i] == '|' || (p[i] == ')' && depth > 1);
        return p[i] == '\\' && i + 1 < p.size() && (p[i + 1] == '|' || (p[i + 1] == ')' && depth > 1));
    }

    RPtr concat() {
        auto n = make(RNode::cat);
        bool start = true;  // at the start of a (sub)expression: '*' and '^' rules
        while (!at_group_end()) {
            RPtr a = atom(start);
            if (!a) return nullptr;
            a = repeats(std::move(a));
            if (!a) return nullptr;
            n->kids.push_back(std::move(a));
            start = n->kids.back()->kind == RNode::assert_ && n->kids.back()->assertion == Regex::Op::bol;
        }
        return n;
    }

    bool parse_interval(int& lo, int& hi) {
        // at the first char after '{' (or "\{")
        size_t j = i;
        auto num = [&](int& out) {
            size_t k = j;
            long v = 0;
            while (j < p.size() && std::isdigit(static_cast<unsigned char>(p[j]))) {
                v = v * 10 + (p[j] - '0');
                if (v > 255) v = 256;
                ++j;
            }
            out = int(v);
            return j > k;
        };
        lo = 0;
        hi = -1;
        bool has_lo = num(lo);
        if (j < p.size() && p[j] == ',') {
            ++j;
            int h = 0;
            if (num(h)) hi = h;
        } else {
            hi = lo;
        }
        if (!has_lo) {
            if (ere) return false;
            return fail("Invalid preceding regular expression");
        }
        bool closed = ere ? (j < p.size() && p[j] == '}') : (j + 1 < p.size() && p[j] == '\\' && p[j + 1] == '}');
        if (!closed) {
            if (ere) return false;
            return fail("Unmatched \\{");
        }
        if (lo > 255 || hi > 255 || (hi >= 0 && hi < lo)) return fail("Invalid content of \\{\\}");
        i = j + (ere ? 1 : 2);
        return true;
    }

    RPtr repeats(RPtr a) {
        for (;;) {
            if (i >= p.size()) return a;
            int lo = -1, hi = -1;
            if (p[i] == '*') {
                ++i;
                lo = 0;
            } else if (ere && p[i] == '+') {
                ++i;
                lo = 1;
            } else if (ere && p[i] == '?') {
                ++i;
                lo = 0;
                hi = 1;
            } else if (!ere && p[i] == '\\' && i + 1 < p.size() && (p[i + 1] == '+' || p[i + 1] == '?')) {
                lo = p[i + 1] == '+' ? 1 : 0;
                hi = p[i + 1] == '+' ? -1 : 1;
                i += 2;
            } else if (ere && p[i] == '{') {
                size_t save = i;
                ++i;
                if (!parse_interval(lo, hi)) {
                    if (!err.empty()) return nullptr;
                    i = save;
                    return a;
                }
            } else if (!ere && p[i] == '\\' && i + 1 < p.size() && p[i + 1] == '{') {
                i += 2;
                if (!parse_interval(lo, hi)) return nullptr;
            } else {
                return a;
            }
            if (a->kind == RNode::assert_) continue;  // "^*": nothing to repeat
            auto r = make(RNode::rep);
            r->min = lo;
            r->max = hi;
            r->kids.push_back(std::move(a));
            a = std::move(r);
        }
    }

    RPtr atom(bool start) {
        unsigned char c = static_cast<unsigned char>(p[i]);
        if (c == '[') {
            ++i;
            return bracket();
        }
        if (c == '.') {
            ++i;
            return make(RNode::any);
        }
        if (c == '^') {
            if (ere || start) {
                ++i;
                auto n = make(RNode::assert_);
                n->assertion = Regex::Op::bol;
                return n;
            }
            ++i;
            return char_node(c);
        }
        if (c == '$') {
            ++i;
            if (ere || bre_end_here(i)) {
                auto n = make(RNode::assert_);
                n->assertion = Regex::Op::eol;
                return n;
            }
            return char_node(c);
        }
        if (c == '*' && start) {
            ++i;
            return char_node(c);
        }
        if (ere && (c == '*' || c == '+' || c == '?')) {
            ++i;
            return char_node(c);
        }
        if (ere && c == '(') {
            ++i;
            return group();
        }
        if (ere && c == ')') {
            ++i;
            return char_node(c);  // unmatched ')' is literal in ERE
        }
        if (c == '\\') {
            if (i + 1 >= p.size()) {
                fail("Trailing backslash");
                return nullptr;
            }
            unsigned char d = static_cast<unsigned char>(p[i + 1]);
            i += 2;
            if (!ere && d == '(') return group();
            if (!ere && d == ')') {
                fail("Unmatched ) or \\)");
                return nullptr;
            }
            if (!ere && d == '{') {
                fail("Invalid preceding regular expression");
                return nullptr;
            }
            if (d >= '1' && d <= '9') {
                fail("layerlab: back-references (\\" + std::string(1, char(d)) +
                     ") inside a pattern are not supported");
                return nullptr;
            }
            auto assertion = [&](Regex::Op op) {
                auto n = make(RNode::assert_);
                n->assertion = op;
                return n;
            };
            switch (d) {
            case '<': return assertion(Regex::Op::wstart);
            case '>': return assertion(Regex::Op::wend);
            case 'b': return assertion(Regex::Op::wordb);
            case 'B': return assertion(Regex::Op::nwordb);
            case '`': return assertion(Regex::Op::bol);
            case '\'': return assertion(Regex::Op::eol);
            case 'w': return named_word(false);
            case 'W': return named_word(true);
            case 's': return named_class("space", false);
            case 'S': return named_class("space", true);
            default: return char_node(d);
            }
        }
        ++i;
        return char_node(c);
    }

    RPtr named_word(bool neg) {
        std::array<uint64_t, 4> b{};
        for (int c = 0; c < 256; ++c)
            if (is_word(c) != neg) set_bit(b, c);
        return class_node(b);
    }

    RPtr group() {
        uint32_t no = ngroups++;
        RPtr body;
        bool empty_group = ere ? (i < p.size() && p[i] == ')') : (i + 1 < p.size() && p[i] == '\\' && p[i + 1] == ')');
        if (empty_group) {
            body = make(RNode::empty);
        } else {
            body = alt();
            if (!body) return nullptr;
        }
        bool closed = ere ? (i < p.size() && p[i] == ')') : (i + 1 < p.size() && p[i] == '\\' && p[i + 1] == ')');
        if (!closed) {
            fail("Unmatched ( or \\(");
            return nullptr;
        }
        i += ere ? 1 : 2;
        auto g = make(RNode::group);
        g->group_no = no;
        g->kids.push_back(std::move(body));
        return g;
    }

    // ------------------------------------------------------------ codegen
    std::vector<Regex::Inst>& prog() { return re.m_prog; }
    bool emit(Regex::Inst in) {
        if (prog().size() >= Regex::k_max_program) return fail("Regular expression too big");
        prog().push_back(in);
        return true;
    }
    uint32_t pc() const { return uint32_t(re.m_prog.size()); }

    bool gen(const RNode& n) {
        if (!err.empty()) return false;
        switch (n.kind) {
        case RNode::empty: return true;
        case RNode::ch: return emit({Regex::Op::ch, n.c, 0, 0});
        case RNode::any: return emit({Regex::Op::any, 0, 0, 0});
        case RNode::cls: return emit({Regex::Op::cls, 0, n.cls_index, 0});
        case RNode::assert_: return emit({n.assertion, 0, 0, 0});
        case RNode::cat:
            for (const RPtr& k : n.kids)
                if (!gen(*k)) return false;
            return true;
        case RNode::group:
            if (n.group_no < Regex::k_groups && !emit({Regex::Op::save, 0, n.group_no * 2, 0})) return false;
            if (!gen(*n.kids[0])) return false;
            if (n.group_no < Regex::k_groups && !emit({Regex::Op::save, 0, n.group_no * 2 + 1, 0})) return false;
            return true;
        case RNode::alt: {
            std::vector<uint32_t> jumps;
            for (size_t k = 0; k < n.kids.size(); ++k) {
                if (k + 1 < n.kids.size()) {
                    uint32_t split = pc();
                    if (!emit({Regex::Op::split, 0, split + 1, 0})) return false;
                    if (!gen(*n.kids[k])) return false;
                    jumps.push_back(pc());
                    if (!emit({Regex::Op::jmp, 0, 0, 0})) return false;
                    prog()[split].y = pc();
                } else {
                    if (!gen(*n.kids[k])) return false;
                }
            }
            for (uint32_t j : jumps) prog()[j].x = pc();
            return true;
        }
        case RNode::rep: {
            const RNode& e = *n.kids[0];
            for (int k = 0; k < n.min; ++k)
                if (!gen(e)) return false;
            if (n.max < 0) {
                uint32_t loop = pc();
                if (!emit({Regex::Op::split, 0, loop + 1, 0})) return false;
                if (!gen(e)) return false;
                if (!emit({Regex::Op::jmp, 0, loop, 0})) return false;
                prog()[loop].y = pc();
                return true;
            }
            std::vector<uint32_t> splits;
            for (int k = n.min; k < n.max; ++k) {
                splits.push_back(pc());
                if (!emit({Regex::Op::split, 0, pc() + 1, 0})) return false;
                if (!gen(e)) return false;
            }
            for (uint32_t s : splits) prog()[s].y = pc();
            return true;
        }
        }
        return true;
    }
};

Result<Regex> Regex::compile(std::string_view pattern, unsigned flags) {
    Regex re;
    re.m_icase = flags & icase;
    RegexCompiler cc(pattern, flags, re);
    RPtr root = cc.alt();
    if (root && cc.i < pattern.size()) {
        // a stray ")" / "\)" at the top
        cc.fail(cc.ere ? "Unmatched ) or \\)" : "Unmatched ) or \\)");
    }
    if (!cc.err.empty() || !root)
        return make_error(Errc::syntax, cc.err.empty() ? "Invalid regular expression" : cc.err);
    re.m_groups = std::min<size_t>(cc.ngroups, k_groups);
    re.m_prog.clear();
    cc.emit({Op::save, 0, 0, 0});
    cc.gen(*root);
    cc.emit({Op::save, 0, 1, 0});
    cc.emit({Op::match, 0, 0, 0});
    if (!cc.err.empty()) return make_error(Errc::too_large, cc.err);
    return re;
}

// ---------------------------------------------------------------- matching

namespace {

using Caps = std::array<size_t, Regex::k_groups * 2>;
constexpr size_t k_unset = SIZE_MAX;

struct ThreadList {
    std::vector<uint32_t> pcs;
    std::vector<Caps> caps;
    std::vector<uint32_t> mark;
    uint32_t gen = 1;
    void clear() {
        pcs.clear();
        caps.clear();
        ++gen;
    }
};

}  // namespace

bool Regex::search(std::string_view s, size_t from, Match& m, bool not_bol) const {
    const size_t n = s.size();
    if (from > n) return false;
    ThreadList a, b;
    a.mark.assign(m_prog.size(), 0);
    b.mark.assign(m_prog.size(), 0);
    ThreadList* clist = &a;
    ThreadList* nlist = &b;
    bool found = false;
    Caps best{};
    std::vector<std::pair<uint32_t, Caps>> stack;

    auto at = [&](size_t pos) -> int { return pos < n ? static_cast<unsigned char>(s[pos]) : -1; };
    auto word_at = [&](size_t pos) { return pos < n && is_word(static_cast<unsigned char>(s[pos])); };
    auto word_before = [&](size_t pos) { return pos > 0 && is_word(static_cast<unsigned char>(s[pos - 1])); };

    auto add = [&](ThreadList& l, uint32_t pc0, const Caps& c0, size_t pos) {
        stack.clear();
        stack.emplace_back(pc0, c0);
        while (!stack.empty()) {
            auto [pc, caps] = stack.back();
            stack.pop_back();
            if (l.mark[pc] == l.gen) continue;
            l.mark[pc] = l.gen;
            const Inst& in = m_prog[pc];
            switch (in.op) {
            case Op::jmp: stack.emplace_back(in.x, caps); break;
            case Op::split:
                stack.emplace_back(in.y, caps);
                stack.emplace_back(in.x, caps);
                break;
            case Op::save:
                caps[in.x] = pos;
                stack.emplace_back(pc + 1, caps);
                break;
            case Op::bol:
                if (pos == 0 && !not_bol) stack.emplace_back(pc + 1, caps);
                break;
            case Op::eol:
                if (pos == n) stack.emplace_back(pc + 1, caps);
                break;
            case Op::wordb:
                if (word_before(pos) != word_at(pos)) stack.emplace_back(pc + 1, caps);
                break;
            case Op::nwordb:
                if (word_before(pos) == word_at(pos)) stack.emplace_back(pc + 1, caps);
                break;
            case Op::wstart:
                if (!word_before(pos) && word_at(pos)) stack.emplace_back(pc + 1, caps);
                break;
            case Op::wend:
                if (word_before(pos) && !word_at(pos)) stack.emplace_back(pc + 1, caps);
                break;
            default: l.pcs.push_back(pc); l.caps.push_back(caps);
            }
        }
    };

    Caps empty;
    empty.fill(k_unset);
    clist->clear();
    for (size_t pos = from;; ++pos) {
        if (!found) add(*clist, 0, empty, pos);
        nlist->clear();
        int c = at(pos);
        for (size_t t = 0; t < clist->pcs.size(); ++t) {
            uint32_t pc = clist->pcs[t];
            const Caps& caps = clist->caps[t];
            const Inst& in = m_prog[pc];
            bool step = false;
            switch (in.op) {
            case Op::match: {
                size_t so = caps[0];
                if (!found || so < best[0] || (so == best[0] && pos > best[1])) {
                    best = caps;
                    best[1] = pos;
                    found = true;
                }
                break;
            }
            case Op::ch: step = c >= 0 && (m_icase ? std::tolower(c) == std::tolower(in.c) : c == in.c); break;
            case Op::any: step = c >= 0; break;
            case Op::cls: {
                const auto& bits = m_classes[in.x];
                step = c >= 0 && ((bits[size_t(c) >> 6] >> (c & 63)) & 1);
                break;
            }
            default: break;
            }
            if (step) {
                if (found && caps[0] > best[0]) continue;
                add(*nlist, pc + 1, caps, pos + 1);
            }
        }
        std::swap(clist, nlist);
        if (pos >= n) break;
        if (found && clist->pcs.empty()) break;
    }
    if (!found) return false;
    for (size_t g = 0; g < k_groups; ++g) {
        m.set[g] = best[2 * g] != k_unset && best[2 * g + 1] != k_unset && g < m_groups;
        m.so[g] = m.set[g] ? best[2 * g] : 0;
        m.eo[g] = m.set[g] ? best[2 * g + 1] : 0;
    }
    return true;
}

}  // namespace ll::shell
