// history.cpp: Go's formatting, as BuildKit's commitToHistory() strings use it.
//
//   CMD ["a", "b c"]      -> CMD ["a" "b c"]                    fmt %q of []string
//   VOLUME ["/data"]      -> VOLUME [/data]                     fmt %v of []string
//   HEALTHCHECK ...       -> HEALTHCHECK {Test:[CMD-SHELL x] Interval:30s ...}   %+v
//   EXPOSE 80             -> EXPOSE map[80/tcp:{}]              %v of a map (sorted keys)
//
// The strings themselves are put together in builder.cpp, next to each
// instruction's dispatch, as convert.go does.
#include <cstdio>

#include "core/build/internal.h"

namespace ll::build::detail {

namespace {

// Length of the UTF-8 sequence at s[i] if it is valid, else 0.
size_t utf8_len(std::string_view s, size_t i, uint32_t& cp) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    cp = n == 1 ? c : n == 2 ? (c & 0x1f) : n == 3 ? (c & 0x0f) : (c & 0x07);
    for (size_t k = 1; k < n; ++k) {
        unsigned char d = static_cast<unsigned char>(s[i + k]);
        if ((d >> 6) != 2) return 0;
        cp = (cp << 6) | (d & 0x3f);
    }
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10ffff ||
        (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return n;
}

}  // namespace

std::string go_quote(std::string_view s) {
    std::string out = "\"";
    char buf[16];
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        uint32_t cp = 0;
        size_t n = utf8_len(s, i, cp);
        if (n == 0) {
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
            ++i;
            continue;
        }
        if (n == 1) {
            switch (c) {
            case '\a': out += "\\a"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\v': out += "\\v"; break;
            case '\\': out += "\\\\"; break;
            case '"': out += "\\\""; break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    std::snprintf(buf, sizeof buf, "\\x%02x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
            }
        } else if (cp < 0xa0 || cp == 0xad || (cp >= 0x2028 && cp <= 0x2029) || cp == 0xfeff) {
            // not printable in Go's sense
            std::snprintf(buf, sizeof buf, cp <= 0xffff ? "\\u%04x" : "\\U%08x", cp);
            out += buf;
        } else {
            out.append(s.substr(i, n));
        }
        i += n;
    }
    out += '"';
    return out;
}

std::string go_quote_list(const std::vector<std::string>& v) {
    std::string out = "[";
    for (size_t i = 0; i < v.size(); ++i) {
        if (i) out += ' ';
        out += go_quote(v[i]);
    }
    return out + "]";
}

std::string go_list(const std::vector<std::string>& v) {
    std::string out = "[";
    for (size_t i = 0; i < v.size(); ++i) {
        if (i) out += ' ';
        out += v[i];
    }
    return out + "]";
}

std::string go_duration(int64_t ns) {
    // time.Duration.String()
    if (ns == 0) return "0s";
    bool neg = ns < 0;
    uint64_t u = neg ? static_cast<uint64_t>(-(ns + 1)) + 1 : static_cast<uint64_t>(ns);
    std::string out;
    char buf[64];
    if (u < 1000000000ull) {
        // fractional seconds: ns, µs or ms
        const char* unit;
        uint64_t div;
        if (u < 1000) {
            unit = "ns";
            div = 1;
        } else if (u < 1000000) {
            unit = "\xC2\xB5s";
            div = 1000;
        } else {
            unit = "ms";
            div = 1000000;
        }
        uint64_t whole = u / div, frac = u % div;
        std::string f;
        if (frac) {
            int digits = div == 1000 ? 3 : div == 1000000 ? 6 : 0;
            std::snprintf(buf, sizeof buf, "%0*llu", digits, static_cast<unsigned long long>(frac));
            f = buf;
            while (!f.empty() && f.back() == '0') f.pop_back();
            f = "." + f;
        }
        out = std::to_string(whole) + f + unit;
    } else {
        uint64_t secs = u / 1000000000ull, frac = u % 1000000000ull;
        uint64_t h = secs / 3600, m = (secs / 60) % 60, s = secs % 60;
        std::string fs;
        if (frac) {
            std::snprintf(buf, sizeof buf, "%09llu", static_cast<unsigned long long>(frac));
            fs = buf;
            while (!fs.empty() && fs.back() == '0') fs.pop_back();
            fs = "." + fs;
        }
        if (h) out += std::to_string(h) + "h";
        if (h || m) out += std::to_string(m) + "m";
        out += std::to_string(s) + fs + "s";
    }
    return neg ? "-" + out : out;
}

std::string healthcheck_string(const Healthcheck& h) {
    return "{Test:" + go_list(h.test) + " Interval:" + go_duration(h.interval_ns) +
           " Timeout:" + go_duration(h.timeout_ns) + " StartPeriod:" + go_duration(h.start_period_ns) +
           " StartInterval:" + go_duration(h.start_interval_ns) + " Retries:" + std::to_string(h.retries) + "}";
}

std::string json_string_array(const std::vector<std::string>& v) {
    std::string out = "[";
    for (size_t i = 0; i < v.size(); ++i) {
        if (i) out += ",";
        out += go_quote(v[i]);
    }
    return out + "]";
}

}  // namespace ll::build::detail
