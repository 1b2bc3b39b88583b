// history.cpp: Go's formatting, as BuildKit's commitToHistory() strings use it.
//
//   CMD ["a", "b c"]      -> CMD ["a" "b c"]                    fmt %q of []string
//   VOLUME ["/data"]      -> VOLUME [/data]                     fmt %v of []string
//   HEALTHCHECK ...       -> HEALTHCHECK {Test:[CMD-SHELL x] Interval:30s ...}   %+v
//   EXPOSE 80             -> EXPOSE map[80/tcp:{}]              %v of a map (sorted keys)
//
//
// and the created_by strings themselves, for every flavour (the rest of the
// engine calls these and never spells a history line):
//
//   meta_created_by   ENV A=1            /bin/sh -c #(nop) ENV A=1
//   arg_created_by    ARG A=1            /bin/sh -c #(nop) ARG A         (buildah)
//   run_created_by    RUN |1 A=1 /bin/sh -c make # buildkit   |1 A=1 /bin/sh -c make
//   copy_created_by   COPY a.txt /app/ # buildkit   /bin/sh -c #(nop) COPY file:<sha> in /app/
#include <algorithm>
#include <cstdio>

#include "core/build/engine.h"

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

// ------------------------------------------------------------ created_by

namespace {
constexpr const char* k_nop = "/bin/sh -c #(nop) ";
}

std::string meta_created_by(const FlavorRules& r, std::string_view text, std::string_view original) {
    switch (r.history) {
    case HistoryStyle::buildkit: return std::string(text);
    case HistoryStyle::nop_expanded: return k_nop + std::string(text);  // the classic builder's commit message
    case HistoryStyle::nop_written: return k_nop + std::string(original);
    }
    return std::string(text);
}

std::string arg_created_by(const FlavorRules& r, std::string_view text, const std::vector<ArgDecl>& args,
                           std::string_view original) {
    if (r.history != HistoryStyle::nop_written) return meta_created_by(r, text, original);
    // buildah: "ARG" followed by the sorted names of the args that have a value
    std::set<std::string> with_values;
    for (const ArgDecl& a : args)
        if (a.value) with_values.insert(a.key);
    std::string keys;
    for (const std::string& k : with_values) keys += (keys.empty() ? "" : " ") + k;
    return std::string(k_nop) + "ARG " + keys;
}

std::string run_created_by(const FlavorRules& r, const std::vector<ArgDecl>& args, const dockerfile::Env& env,
                           std::string_view process, std::string_view original) {
    if (r.history == HistoryStyle::buildkit) {
        // every declared ARG, in declaration order, with its current value
        std::vector<std::string> envs;
        std::map<std::string, size_t> idx_of;
        for (const ArgDecl& a : args) {
            const std::string* v = env.find(a.key);
            std::string val = v ? *v : (a.value ? *a.value : "");
            if (auto it = idx_of.find(a.key); it != idx_of.end()) {
                envs[it->second] = a.key + "=" + val;
            } else {
                idx_of[a.key] = envs.size();
                envs.push_back(a.key + "=" + val);
            }
        }
        std::string prefix;
        if (!envs.empty()) {
            prefix = "|" + std::to_string(envs.size());
            for (const std::string& e : envs) prefix += " " + e;
            prefix += " ";
        }
        return "RUN " + prefix + std::string(process) + " # buildkit";
    }
    // buildah and the classic builder: the ARGs with a value, sorted
    std::map<std::string, std::string> with_values;
    for (const ArgDecl& a : args)
        if (a.value) with_values[a.key] = *a.value;
    std::string prefix;
    if (!with_values.empty()) {
        std::string joined;
        for (const auto& [k, v] : with_values) joined += (joined.empty() ? "" : " ") + k + "=" + v;
        // buildah counts the space-separated words of "K=V K=V",
        // so a value with spaces counts more than once
        size_t words = 1 + static_cast<size_t>(std::count(joined.begin(), joined.end(), ' '));
        prefix = "|" + std::to_string(words) + " " + joined + " ";
    }
    std::string rest = original.size() > 4 ? std::string(original.substr(4)) : std::string();
    return prefix + "/bin/sh -c " + rest;
}

std::string copy_created_by(const FlavorRules& r, const CopyHistory& h) {
    if (r.history == HistoryStyle::buildkit) {
        std::string msg = h.keyword;
        if (h.parents) msg += " --parents";
        if (h.chown) msg += " --chown=" + *h.chown;
        if (h.chmod) msg += " --chmod=" + *h.chmod;
        for (const std::string& src : h.spec->sources) msg += " " + src;
        for (const CopySpec::Inline& f : h.spec->inline_files) msg += " <<" + f.name;
        msg += " " + h.dest_expanded;
        return msg + " # buildkit";
    }
    // buildah: "COPY file:<sha256 of the sources> in <dest as written> "
    Sha256 sha;
    for (const auto& [p, sum] : *h.sums) sha.update(p + sum);
    std::string kind_word = "file";
    if (h.kinds->size() > 1)
        kind_word = "multi";
    else if (!h.kinds->empty() && (*h.kinds)[0] == EntryType::dir)
        kind_word = "dir";
    return std::string(k_nop) + h.keyword + " " + kind_word + ":" + sha.finish().hex() + " in " + h.dest_written + " ";
}

}  // namespace ll::build::detail
