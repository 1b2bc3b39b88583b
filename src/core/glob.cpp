// glob.cpp: glob_match(), see glob.h.
#include "core/glob.h"

#include <cctype>

namespace ll {

namespace {
bool class_match(std::string_view cls, unsigned char c) {
    if (cls == "alpha") return std::isalpha(c);
    if (cls == "digit") return std::isdigit(c);
    if (cls == "alnum") return std::isalnum(c);
    if (cls == "upper") return std::isupper(c);
    if (cls == "lower") return std::islower(c);
    if (cls == "space") return std::isspace(c);
    if (cls == "blank") return c == ' ' || c == '\t';
    if (cls == "punct") return std::ispunct(c);
    if (cls == "print") return std::isprint(c);
    if (cls == "graph") return std::isgraph(c);
    if (cls == "cntrl") return std::iscntrl(c);
    if (cls == "xdigit") return std::isxdigit(c);
    return false;
}

// pat[p] == '['. Returns false when it is not a valid bracket expression
// (then '[' is an ordinary character); else sets next and matched.
bool match_bracket(std::string_view pat, size_t p, unsigned char c, size_t& next, bool& matched) {
    size_t i = p + 1;
    bool neg = false;
    if (i < pat.size() && (pat[i] == '!' || pat[i] == '^')) {
        neg = true;
        ++i;
    }
    bool any = false;
    bool first = true;
    while (i < pat.size()) {
        unsigned char lo = static_cast<unsigned char>(pat[i]);
        if (lo == ']' && !first) {
            next = i + 1;
            matched = any != neg;
            return true;
        }
        first = false;
        if (lo == '[' && i + 1 < pat.size() && pat[i + 1] == ':') {
            size_t e = pat.find(":]", i + 2);
            if (e != std::string_view::npos) {
                if (class_match(pat.substr(i + 2, e - i - 2), c)) any = true;
                i = e + 2;
                continue;
            }
        }
        if (lo == '\\' && i + 1 < pat.size()) {
            ++i;
            lo = static_cast<unsigned char>(pat[i]);
        }
        ++i;
        unsigned char hi = lo;
        if (i + 1 < pat.size() && pat[i] == '-' && pat[i + 1] != ']') {
            hi = static_cast<unsigned char>(pat[i + 1]);
            i += 2;
            if (hi == '\\' && i < pat.size()) {
                hi = static_cast<unsigned char>(pat[i]);
                ++i;
            }
        }
        if (c >= lo && c <= hi) any = true;
    }
    return false;
}
}  // namespace

bool glob_match(std::string_view pat, std::string_view s) {
    size_t p = 0, i = 0;
    size_t star_p = std::string_view::npos, star_i = 0;
    while (i < s.size()) {
        if (p < pat.size()) {
            char pc = pat[p];
            if (pc == '*') {
                while (p < pat.size() && pat[p] == '*') ++p;
                star_p = p;
                star_i = i;
                continue;
            }
            if (pc == '?') {
                ++p;
                ++i;
                continue;
            }
            if (pc == '[') {
                size_t np = 0;
                bool m = false;
                if (match_bracket(pat, p, static_cast<unsigned char>(s[i]), np, m)) {
                    if (m) {
                        p = np;
                        ++i;
                        continue;
                    }
                } else if (s[i] == '[') {
                    ++p;
                    ++i;
                    continue;
                }
            } else if (pc == '\\' && p + 1 < pat.size()) {
                if (pat[p + 1] == s[i]) {
                    p += 2;
                    ++i;
                    continue;
                }
            } else if (pc == s[i]) {
                ++p;
                ++i;
                continue;
            }
        }
        if (star_p != std::string_view::npos) {
            p = star_p;
            i = ++star_i;
            continue;
        }
        return false;
    }
    while (p < pat.size() && pat[p] == '*') ++p;
    return p == pat.size();
}

}  // namespace ll
