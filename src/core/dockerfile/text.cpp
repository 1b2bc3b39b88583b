#include "core/dockerfile/text.h"

#include <algorithm>

namespace ll::dockerfile {

Rune decode_rune(std::string_view s, size_t i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) return {b0, 1};
    auto cont = [&](size_t k) -> int {
        if (i + k >= s.size()) return -1;
        const auto b = static_cast<unsigned char>(s[i + k]);
        return (b & 0xC0) == 0x80 ? (b & 0x3F) : -1;
    };
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        const int c1 = cont(1);
        if (c1 < 0) return {0xFFFD, 1};
        return {static_cast<char32_t>(((b0 & 0x1F) << 6) | c1), 2};
    }
    if (b0 >= 0xE0 && b0 <= 0xEF) {
        const int c1 = cont(1), c2 = cont(2);
        if (c1 < 0 || c2 < 0) return {0xFFFD, 1};
        const char32_t cp = static_cast<char32_t>(((b0 & 0x0F) << 12) | (c1 << 6) | c2);
        if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return {0xFFFD, 1};
        return {cp, 3};
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
        const int c1 = cont(1), c2 = cont(2), c3 = cont(3);
        if (c1 < 0 || c2 < 0 || c3 < 0) return {0xFFFD, 1};
        const char32_t cp = static_cast<char32_t>(((b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3);
        if (cp < 0x10000 || cp > 0x10FFFF) return {0xFFFD, 1};
        return {cp, 4};
    }
    return {0xFFFD, 1};
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

bool is_go_space(char32_t cp) {
    switch (cp) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000: return true;
    default: return cp >= 0x2000 && cp <= 0x200A;
    }
}

bool is_go_digit(char32_t cp) { return cp >= '0' && cp <= '9'; }

bool is_go_letter(char32_t cp) {
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (is_go_space(cp) || cp == 0xFFFD) return false;
    if (cp <= 0xBF) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;  // Latin-1 symbols
    if (cp == 0xD7 || cp == 0xF7) return false;                     // x and division signs
    if (cp >= 0x2000 && cp <= 0x2BFF) return false;                 // punctuation, symbols, arrows
    if (cp >= 0x3000 && cp <= 0x303F) return false;                 // CJK punctuation
    if (cp >= 0xFF00 && cp <= 0xFF20) return false;                 // fullwidth punctuation
    if (cp >= 0x1F000) return false;                                // emoji and friends
    return true;
}

size_t skip_space_left(std::string_view s, size_t begin, size_t end) {
    while (begin < end) {
        const Rune r = decode_rune(s, begin);
        if (!is_go_space(r.cp)) break;
        begin += r.len;
    }
    return begin;
}

size_t skip_space_right(std::string_view s, size_t begin, size_t end) {
    // Forward scan: the end of the last rune that is not a space.
    size_t last = begin;
    for (size_t i = begin; i < end;) {
        const Rune r = decode_rune(s.substr(0, end), i);
        i += r.len;
        if (!is_go_space(r.cp)) last = i;
    }
    return last;
}

std::string_view trim_space(std::string_view s) {
    const size_t b = skip_space_left(s, 0, s.size());
    const size_t e = skip_space_right(s, b, s.size());
    return s.substr(b, e - b);
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string to_upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

size_t edit_distance(std::string_view a, std::string_view b, size_t cap) {
    const size_t n = a.size(), m = b.size();
    if ((n > m ? n - m : m - n) > cap) return cap + 1;
    // Three rolling rows for the transposition rule.
    std::vector<size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (size_t j = 0; j <= m; ++j) prev[j] = j;
    for (size_t i = 1; i <= n; ++i) {
        cur[0] = i;
        size_t row_min = cur[0];
        for (size_t j = 1; j <= m; ++j) {
            const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = std::min(v, prev2[j - 2] + 1);
            cur[j] = v;
            row_min = std::min(row_min, v);
        }
        if (row_min > cap) return cap + 1;
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[m];
}

std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates) {
    if (word.empty() || word.size() > 64) return {};
    const std::string w = to_lower(word);
    // Short words tolerate one typo, longer ones about a third of their
    // length: "RUNN" -> RUN, "COPPY" -> COPY, "WROKDIR" -> WORKDIR, but
    // "FOO" suggests nothing.
    const size_t allowed = std::max<size_t>(1, w.size() / 3);
    size_t best = allowed + 1;
    std::string_view best_name;
    for (std::string_view c : candidates) {
        const size_t d = edit_distance(w, to_lower(c), allowed);
        if (d < best && d < w.size()) {
            best = d;
            best_name = c;
        }
    }
    return best <= allowed ? std::string(best_name) : std::string();
}

}  // namespace ll::dockerfile
