#include "core/dockerfile/json_array.h"

#include "core/dockerfile/text.h"

namespace ll::dockerfile {

namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

class Reader {
public:
    explicit Reader(std::string_view s) : m_s(s) {}

    void skip_ws() {
        while (m_i < m_s.size() && is_ws(m_s[m_i])) ++m_i;
    }

    // A JSON string at m_i (which is '"'); decoded into out when non-null.
    bool string(std::string* out) {
        ++m_i;
        while (m_i < m_s.size()) {
            const auto c = static_cast<unsigned char>(m_s[m_i]);
            if (c == '"') {
                ++m_i;
                return true;
            }
            if (c < 0x20) return false;
            if (c == '\\') {
                if (++m_i >= m_s.size()) return false;
                const char e = m_s[m_i++];
                char32_t cp;
                switch (e) {
                case '"': cp = '"'; break;
                case '\\': cp = '\\'; break;
                case '/': cp = '/'; break;
                case 'b': cp = '\b'; break;
                case 'f': cp = '\f'; break;
                case 'n': cp = '\n'; break;
                case 'r': cp = '\r'; break;
                case 't': cp = '\t'; break;
                case 'u': {
                    long u = hex4();
                    if (u < 0) return false;
                    cp = static_cast<char32_t>(u);
                    if (cp >= 0xD800 && cp < 0xDC00) {
                        // A high surrogate: combine with a following \uDC00-\uDFFF.
                        const size_t save = m_i;
                        if (m_i + 1 < m_s.size() && m_s[m_i] == '\\' && m_s[m_i + 1] == 'u') {
                            m_i += 2;
                            const long lo = hex4();
                            if (lo >= 0xDC00 && lo < 0xE000) {
                                cp = 0x10000 + ((cp - 0xD800) << 10) + static_cast<char32_t>(lo - 0xDC00);
                            } else {
                                m_i = save;  // Go: lone surrogate -> U+FFFD, re-read the next escape
                                cp = 0xFFFD;
                            }
                        } else {
                            cp = 0xFFFD;
                        }
                    } else if (cp >= 0xDC00 && cp < 0xE000) {
                        cp = 0xFFFD;
                    }
                    break;
                }
                default: return false;
                }
                if (out) append_utf8(*out, cp);
                continue;
            }
            const Rune r = decode_rune(m_s, m_i);
            if (out) {
                if (r.cp == 0xFFFD && r.len == 1)
                    append_utf8(*out, 0xFFFD);
                else
                    out->append(m_s.substr(m_i, r.len));
            }
            m_i += r.len;
        }
        return false;
    }

    long hex4() {
        if (m_i + 4 > m_s.size()) return -1;
        long v = 0;
        for (int k = 0; k < 4; ++k) {
            const int h = hex(m_s[m_i + static_cast<size_t>(k)]);
            if (h < 0) return -1;
            v = v * 16 + h;
        }
        m_i += 4;
        return v;
    }

    bool number() {
        if (m_i < m_s.size() && m_s[m_i] == '-') ++m_i;
        if (m_i >= m_s.size()) return false;
        if (m_s[m_i] == '0') {
            ++m_i;
        } else if (m_s[m_i] >= '1' && m_s[m_i] <= '9') {
            while (m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9') ++m_i;
        } else {
            return false;
        }
        if (m_i < m_s.size() && m_s[m_i] == '.') {
            ++m_i;
            if (m_i >= m_s.size() || m_s[m_i] < '0' || m_s[m_i] > '9') return false;
            while (m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9') ++m_i;
        }
        if (m_i < m_s.size() && (m_s[m_i] == 'e' || m_s[m_i] == 'E')) {
            ++m_i;
            if (m_i < m_s.size() && (m_s[m_i] == '+' || m_s[m_i] == '-')) ++m_i;
            if (m_i >= m_s.size() || m_s[m_i] < '0' || m_s[m_i] > '9') return false;
            while (m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9') ++m_i;
        }
        return true;
    }

    bool literal(std::string_view word) {
        if (m_s.substr(m_i, word.size()) != word) return false;
        m_i += word.size();
        return true;
    }

    // Skips any JSON value, iteratively (no recursion: nesting depth is
    // bounded only by Go's limit of 10000, as in encoding/json).
    bool value() {
        std::string stack;  // '[' or '{'
        for (;;) {
            skip_ws();
            if (m_i >= m_s.size()) return false;
            const char c = m_s[m_i];
            bool opened = false;
            if (c == '"') {
                if (!string(nullptr)) return false;
            } else if (c == '[' || c == '{') {
                if (stack.size() >= 10000) return false;
                stack += c;
                ++m_i;
                skip_ws();
                if (m_i < m_s.size() && m_s[m_i] == (c == '[' ? ']' : '}')) {
                    ++m_i;
                    stack.pop_back();
                } else {
                    opened = true;
                    if (c == '{' && !key()) return false;
                }
            } else if (c == 't') {
                if (!literal("true")) return false;
            } else if (c == 'f') {
                if (!literal("false")) return false;
            } else if (c == 'n') {
                if (!literal("null")) return false;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                if (!number()) return false;
            } else {
                return false;
            }
            if (opened) continue;
            // After a value: close containers or expect the next element.
            for (;;) {
                if (stack.empty()) return true;
                skip_ws();
                if (m_i >= m_s.size()) return false;
                const char d = m_s[m_i];
                if (d == ',') {
                    ++m_i;
                    if (stack.back() == '{' && !key()) return false;
                    break;
                }
                if (d == (stack.back() == '[' ? ']' : '}')) {
                    ++m_i;
                    stack.pop_back();
                    continue;
                }
                return false;
            }
        }
    }

    // "key" : inside an object.
    bool key() {
        skip_ws();
        if (m_i >= m_s.size() || m_s[m_i] != '"' || !string(nullptr)) return false;
        skip_ws();
        if (m_i >= m_s.size() || m_s[m_i] != ':') return false;
        ++m_i;
        return true;
    }

    std::string_view m_s;
    size_t m_i = 0;
};

}  // namespace

JsonArray parse_json_array(std::string_view text) {
    JsonArray out;
    Reader r(text);
    r.skip_ws();
    if (r.m_i >= text.size() || text[r.m_i] != '[') return out;
    ++r.m_i;
    bool all_strings = true;
    size_t first_bad = 0;
    r.skip_ws();
    if (r.m_i < text.size() && text[r.m_i] == ']') {
        ++r.m_i;
    } else {
        for (;;) {
            r.skip_ws();
            if (r.m_i >= text.size()) {
                out.error_offset = r.m_i;
                return out;
            }
            const size_t begin = r.m_i;
            if (text[r.m_i] == '"') {
                std::string item;
                if (!r.string(&item)) {
                    out.error_offset = begin;
                    return out;
                }
                out.items.push_back(std::move(item));
                out.item_ranges.emplace_back(begin, r.m_i);
            } else {
                if (all_strings) first_bad = begin;
                all_strings = false;
                if (!r.value()) {
                    out.error_offset = begin;
                    return out;
                }
            }
            r.skip_ws();
            if (r.m_i >= text.size()) {
                out.error_offset = r.m_i;
                return out;
            }
            if (text[r.m_i] == ',') {
                ++r.m_i;
                continue;
            }
            if (text[r.m_i] == ']') {
                ++r.m_i;
                break;
            }
            out.error_offset = r.m_i;
            return out;
        }
    }
    r.skip_ws();
    if (r.m_i != text.size()) {
        out.error_offset = r.m_i;
        out.items.clear();
        out.item_ranges.clear();
        return out;
    }
    if (!all_strings) {
        out.status = JsonArray::Status::not_strings;
        out.error_offset = first_bad;
        out.items.clear();
        out.item_ranges.clear();
        return out;
    }
    out.status = JsonArray::Status::ok;
    return out;
}

}  // namespace ll::dockerfile
