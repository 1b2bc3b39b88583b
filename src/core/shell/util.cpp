// util.cpp: small helpers shared by the shell and its commands (interp.h).
#include <algorithm>
#include <cstring>

#include "core/shell/interp.h"
#include "core/standin.h"

namespace ll::shell {

std::string basename_of(std::string_view p) {
    while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
    if (p == "/") return "/";
    size_t s = p.rfind('/');
    return std::string(s == std::string_view::npos ? p : p.substr(s + 1));
}

std::string dirname_of(std::string_view p) {
    while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
    size_t s = p.rfind('/');
    if (s == std::string_view::npos) return ".";
    while (s > 0 && p[s - 1] == '/') --s;
    if (s == 0) return "/";
    return std::string(p.substr(0, s));
}

std::string normalize_path(std::string_view p) {
    std::vector<std::string_view> parts;
    size_t i = 0;
    while (i < p.size()) {
        while (i < p.size() && p[i] == '/') ++i;
        size_t j = i;
        while (j < p.size() && p[j] != '/') ++j;
        std::string_view c = p.substr(i, j - i);
        if (c.empty() || c == ".") {
        } else if (c == "..") {
            if (!parts.empty()) parts.pop_back();
        } else {
            parts.push_back(c);
        }
        i = j;
    }
    std::string out;
    for (std::string_view c : parts) {
        out += '/';
        out.append(c);
    }
    return out.empty() ? "/" : out;
}

std::vector<std::string> split_char(std::string_view s, char c) {
    std::vector<std::string> out;
    size_t i = 0;
    for (;;) {
        size_t j = s.find(c, i);
        if (j == std::string_view::npos) {
            out.emplace_back(s.substr(i));
            break;
        }
        out.emplace_back(s.substr(i, j - i));
        i = j + 1;
    }
    return out;
}

std::optional<int64_t> parse_int(std::string_view s) {
    if (s.empty()) return std::nullopt;
    bool neg = false;
    size_t i = 0;
    if (s[0] == '-' || s[0] == '+') {
        neg = s[0] == '-';
        i = 1;
    }
    if (i >= s.size()) return std::nullopt;
    uint64_t v = 0;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        uint64_t d = uint64_t(s[i] - '0');
        if (v > (uint64_t(INT64_MAX) + 1 - d) / 10) return std::nullopt;
        v = v * 10 + d;
    }
    if (!neg && v > uint64_t(INT64_MAX)) return std::nullopt;
    return neg ? int64_t(0 - v) : int64_t(v);
}

std::optional<uint64_t> parse_size(std::string_view s) {
    // busybox dd/head suffixes (libbb/xatonum + dd's table)
    struct Sfx {
        std::string_view s;
        uint64_t m;
    };
    static constexpr Sfx k[] = {{"c", 1},
                                {"w", 2},
                                {"b", 512},
                                {"kB", 1000},
                                {"kD", 1000},
                                {"k", 1024},
                                {"K", 1024},
                                {"KiB", 1024},
                                {"MB", 1000000},
                                {"MD", 1000000},
                                {"M", 1048576},
                                {"MiB", 1048576},
                                {"GB", 1000000000},
                                {"GD", 1000000000},
                                {"G", 1073741824},
                                {"GiB", 1073741824},
                                {"T", 1099511627776ull},
                                {"TB", 1000000000000ull}};
    size_t i = 0;
    uint64_t v = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        if (v > (UINT64_MAX - 9) / 10) return std::nullopt;
        v = v * 10 + uint64_t(s[i] - '0');
        ++i;
    }
    if (i == 0) return std::nullopt;
    std::string_view rest = s.substr(i);
    if (rest.empty()) return v;
    for (const Sfx& x : k)
        if (rest == x.s) {
            if (v != 0 && x.m > UINT64_MAX / v) return std::nullopt;
            return v * x.m;
        }
    return std::nullopt;
}

const char* errno_text(Errc e) {
    switch (e) {
    case Errc::eloop: return "Too many levels of symbolic links";
    case Errc::ebusy: return "Device or resource busy";
    default: return strerror_text(e);
    }
}

std::string human_size(uint64_t val) {
    if (val == 0) return "0";
    static constexpr char units[] = {'\0', 'K', 'M', 'G', 'T', 'P', 'E'};
    unsigned frac = 0;
    size_t u = 0;
    bool with_frac = false;
    while (val >= 1024 && u + 1 < sizeof units) {
        with_frac = true;
        ++u;
        frac = unsigned(((val % 1024) * 10 + 512) / 1024);
        val /= 1024;
    }
    if (frac >= 10) {
        ++val;
        frac = 0;
    }
    if (!with_frac) return std::to_string(val);
    return std::to_string(val) + "." + std::to_string(frac) + units[u];
}

uint64_t disk_kib(const Stat& s) {
    if (s.type == EntryType::dir) return 4;
    if (s.type != EntryType::file) return 0;
    return (s.size + 4095) / 4096 * 4;
}

// ---------------------------------------------------------------- glob

bool has_glob_chars(std::string_view p) {
    for (size_t i = 0; i < p.size(); ++i) {
        if (p[i] == '\\') {
            ++i;
            continue;
        }
        if (p[i] == '*' || p[i] == '?') return true;
        if (p[i] == '[') {
            // only a bracket expression with a closing ']' is special
            size_t j = i + 1;
            if (j < p.size() && (p[j] == '!' || p[j] == '^')) ++j;
            if (j < p.size() && p[j] == ']') ++j;
            while (j < p.size() && p[j] != ']') ++j;
            if (j < p.size()) return true;
        }
    }
    return false;
}

std::string glob_unescape(std::string_view p) {
    std::string out;
    for (size_t i = 0; i < p.size(); ++i) {
        if (p[i] == '\\' && i + 1 < p.size()) ++i;
        out += p[i];
    }
    return out;
}


// ---------------------------------------------------------------- modes

std::optional<uint32_t> parse_mode(std::string_view s, uint32_t current, bool is_dir, uint32_t umask) {
    // busybox libbb/parse_mode.c
    if (s.empty()) return std::nullopt;
    if (s[0] >= '0' && s[0] <= '7') {
        uint32_t v = 0;
        for (char ch : s) {
            if (ch < '0' || ch > '7') return std::nullopt;
            v = v * 8 + uint32_t(ch - '0');
            if (v > 07777) return std::nullopt;
        }
        return v;
    }
    static constexpr uint32_t who_mask[] = {07777, 04700, 02070, 00007};  // a u g o
    static constexpr std::string_view who_chars = "augo";
    static constexpr uint32_t perm_mask[] = {0444, 0222, 0111, 0111, 06000, 01000};  // r w x X s t
    static constexpr std::string_view perm_chars = "rwxXst";
    uint32_t mode = current;
    size_t i = 0;
    while (i < s.size()) {
        if (s[i] == ',') {
            ++i;
            continue;
        }
        uint32_t who = 0;
        for (;;) {
            size_t w = i < s.size() ? who_chars.find(s[i]) : std::string_view::npos;
            if (w == std::string_view::npos) break;
            who |= who_mask[w];
            ++i;
            if (i >= s.size()) return std::nullopt;
        }
        do {
            if (i >= s.size()) return std::nullopt;
            char op = s[i];
            if (op != '+' && op != '-') {
                if (op != '=') return std::nullopt;
                uint32_t clear = who ? who : who_mask[0];
                mode &= ~clear;
            }
            ++i;
            uint32_t perms = 0;
            size_t cp = i < s.size() ? who_chars.substr(1).find(s[i]) : std::string_view::npos;
            if (cp != std::string_view::npos) {
                perms = who_mask[cp + 1] & 0777 & mode;
                for (int k = 0; k < 3; ++k)
                    if (perms & perm_mask[k]) perms |= perm_mask[k];
                ++i;
            } else {
                for (;;) {
                    size_t pc = i < s.size() ? perm_chars.find(s[i]) : std::string_view::npos;
                    if (pc == std::string_view::npos) break;
                    if (perm_chars[pc] != 'X' || is_dir || (mode & 0111)) perms |= perm_mask[pc];
                    ++i;
                }
            }
            if (perms) {
                uint32_t tmp = who ? who : (~umask & 07777);
                perms &= tmp;
                if (op == '-') {
                    mode &= ~perms;
                } else {
                    mode |= perms;
                }
            }
        } while (i < s.size() && s[i] != ',');
    }
    return mode & 07777;
}

std::string mode_string(EntryType t, uint32_t mode) {
    std::string s(10, '-');
    switch (t) {
    case EntryType::dir: s[0] = 'd'; break;
    case EntryType::symlink: s[0] = 'l'; break;
    case EntryType::chardev: s[0] = 'c'; break;
    case EntryType::blockdev: s[0] = 'b'; break;
    case EntryType::fifo: s[0] = 'p'; break;
    default: break;
    }
    const char* rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; ++i)
        if (mode & (0400u >> i)) s[size_t(i) + 1] = rwx[i];
    if (mode & 04000) s[3] = (mode & 0100) ? 's' : 'S';
    if (mode & 02000) s[6] = (mode & 0010) ? 's' : 'S';
    if (mode & 01000) s[9] = (mode & 0001) ? 't' : 'T';
    return s;
}

// ---------------------------------------------------------------- time

namespace {
struct Tm {
    int64_t year;
    int mon, mday, hour, min, sec, wday, yday;
};
Tm breakdown(int64_t t) {
    int64_t days = t / 86400;
    int64_t rem = t % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    Tm tm{};
    tm.hour = int(rem / 3600);
    tm.min = int(rem % 3600 / 60);
    tm.sec = int(rem % 60);
    tm.wday = int(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
    // civil_from_days (Howard Hinnant)
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
    tm.year = y;
    tm.mon = int(m);
    tm.mday = int(d);
    static constexpr int cum[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    tm.yday = cum[tm.mon - 1] + tm.mday - 1 + (leap && tm.mon > 2 ? 1 : 0);
    return tm;
}
std::string pad(int64_t v, int w, char c = '0') {
    std::string s = std::to_string(v < 0 ? -v : v);
    while (int(s.size()) < w) s.insert(s.begin(), c);
    if (v < 0) s.insert(s.begin(), '-');
    return s;
}
}  // namespace

std::string format_time(int64_t t, std::string_view fmt) {
    static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* ldays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                            "Thursday", "Friday", "Saturday"};
    static constexpr const char* mons[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static constexpr const char* lmons[] = {"January", "February", "March",     "April",   "May",      "June",
                                            "July",    "August",   "September", "October", "November", "December"};
    Tm tm = breakdown(t);
    std::string out;
    for (size_t i = 0; i < fmt.size(); ++i) {
        if (fmt[i] != '%' || i + 1 >= fmt.size()) {
            out += fmt[i];
            continue;
        }
        char f = fmt[++i];
        switch (f) {
        case 'Y': out += std::to_string(tm.year); break;
        case 'y': out += pad(tm.year % 100, 2); break;
        case 'C': out += pad(tm.year / 100, 2); break;
        case 'm': out += pad(tm.mon, 2); break;
        case 'd': out += pad(tm.mday, 2); break;
        case 'e': out += pad(tm.mday, 2, ' '); break;
        case 'H': out += pad(tm.hour, 2); break;
        case 'I': out += pad(tm.hour % 12 == 0 ? 12 : tm.hour % 12, 2); break;
        case 'M': out += pad(tm.min, 2); break;
        case 'S': out += pad(tm.sec, 2); break;
        case 'j': out += pad(tm.yday + 1, 3); break;
        case 'a': out += days[tm.wday]; break;
        case 'A': out += ldays[tm.wday]; break;
        case 'b':
        case 'h': out += mons[tm.mon - 1]; break;
        case 'B': out += lmons[tm.mon - 1]; break;
        case 'p': out += tm.hour < 12 ? "AM" : "PM"; break;
        case 'Z': out += "UTC"; break;
        case 'z': out += "+0000"; break;
        case 's': out += std::to_string(t); break;
        case 'u': out += std::to_string(tm.wday == 0 ? 7 : tm.wday); break;
        case 'w': out += std::to_string(tm.wday); break;
        case 'T': out += pad(tm.hour, 2) + ":" + pad(tm.min, 2) + ":" + pad(tm.sec, 2); break;
        case 'R': out += pad(tm.hour, 2) + ":" + pad(tm.min, 2); break;
        case 'D': out += pad(tm.mon, 2) + "/" + pad(tm.mday, 2) + "/" + pad(tm.year % 100, 2); break;
        case 'F': out += std::to_string(tm.year) + "-" + pad(tm.mon, 2) + "-" + pad(tm.mday, 2); break;
        case 'c':
            out += std::string(days[tm.wday]) + " " + mons[tm.mon - 1] + " " + pad(tm.mday, 2, ' ') + " " +
                   pad(tm.hour, 2) + ":" + pad(tm.min, 2) + ":" + pad(tm.sec, 2) + " " + std::to_string(tm.year);
            break;
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case '%': out += '%'; break;
        default: out += '%'; out += f;
        }
    }
    return out;
}

// ---------------------------------------------------------------- options

namespace {
const char* usage_line(std::string_view name);
}

bool parse_opts(Ctx& ctx, std::string_view flags, Opts& o, bool permute,
                const std::vector<std::pair<std::string, char>>& long_opts) {
    const std::vector<std::string>& a = ctx.argv;
    auto usage = [&]() {
        if (!o.usage.empty() || ctx.gnu) {  // not a busybox applet: the tool's own words
            ctx.err(!o.usage.empty() ? o.usage : "Try '" + ctx.name() + " --help' for more information.\n");
            return;
        }
        std::string s = "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\n";
        const char* u = usage_line(ctx.name());
        s += "Usage: ";
        s += u ? u : ctx.name();
        s += "\n";
        ctx.err(s);
    };
    bool only_operands = false;
    for (size_t i = 1; i < a.size(); ++i) {
        const std::string& s = a[i];
        if (only_operands || s.size() < 2 || s[0] != '-') {
            o.operands.push_back(s);
            if (!permute) only_operands = true;
            continue;
        }
        if (s == "--") {
            only_operands = true;
            continue;
        }
        if (s[1] == '-') {
            std::string name = s.substr(2);
            std::string val;
            size_t eq = name.find('=');
            bool has_val = eq != std::string::npos;
            if (has_val) {
                val = name.substr(eq + 1);
                name = name.substr(0, eq);
            }
            char letter = 0;
            for (const auto& [ln, l] : long_opts)
                if (ln == name) letter = l;
            // getopt_long: an unambiguous prefix names the option (--home for --home-dir)
            for (const auto& [ln, l] : long_opts)
                if (!letter && !name.empty() && ln.rfind(name, 0) == 0) {
                    bool unique = true;
                    for (const auto& [ln2, l2] : long_opts)
                        if (l2 != l && ln2.rfind(name, 0) == 0) unique = false;
                    if (unique) letter = l;
                }
            if (!letter) {
                ctx.err(ctx.name() + ": unrecognized option '" + s + "'\n");
                usage();
                return false;
            }
            size_t f = flags.find(letter);
            bool takes = f != std::string_view::npos && f + 1 < flags.size() && flags[f + 1] == ':';
            o.on.insert(letter);
            if (takes) {
                if (!has_val) {
                    if (i + 1 >= a.size()) {
                        ctx.err(ctx.name() + ": option '--" + name + "' requires an argument\n");
                        usage();
                        return false;
                    }
                    val = a[++i];
                }
                o.args[letter].push_back(val);
            }
            continue;
        }
        for (size_t k = 1; k < s.size(); ++k) {
            char ch = s[k];
            size_t f = ch == ':' ? std::string_view::npos : flags.find(ch);
            if (f == std::string_view::npos) {
                ctx.err(ctx.name() + ": invalid option -- '" + std::string(1, ch) + "'\n");
                usage();
                return false;
            }
            o.on.insert(ch);
            if (f + 1 < flags.size() && flags[f + 1] == ':') {
                std::string val;
                if (k + 1 < s.size()) {
                    val = s.substr(k + 1);
                } else if (i + 1 < a.size()) {
                    val = a[++i];
                } else {
                    ctx.err(ctx.name() + ": option requires an argument -- '" + std::string(1, ch) + "'\n");
                    usage();
                    return false;
                }
                o.args[ch].push_back(val);
                break;
            }
        }
    }
    return true;
}

namespace {
// The synopsis busybox prints on a usage error (`busybox NAME --help`, first line).
const char* usage_line(std::string_view name) {
    struct U {
        std::string_view n;
        const char* u;
    };
    static constexpr U k[] = {
#include "core/shell/usage.inc"
    };
    for (const U& x : k)
        if (x.n == name) return x.u;
    return nullptr;
}
}  // namespace

bool is_stand_in_file(const Ctx& ctx, std::string_view user_path) {
    Result<BlobId> b = ctx.c.read(ctx.path(user_path));
    return b && standin::is_placeholder(ctx.c.store().blobs, *b);
}

}  // namespace ll::shell
