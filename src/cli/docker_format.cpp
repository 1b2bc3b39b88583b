// docker_format.cpp: see docker_format.h.
#include "cli/docker_format.h"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace ll::cli {

std::string human_size(uint64_t bytes) {
    static const char* const units[] = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    double size = double(bytes);
    size_t i = 0;
    while (size >= 1000.0 && i + 1 < sizeof units / sizeof units[0]) {
        size /= 1000.0;
        ++i;
    }
    char b[48];
    std::snprintf(b, sizeof b, "%.3g%s", size, units[i]);
    return b;
}

std::string humanize_bytes(uint64_t bytes) {
    static const char* const units[] = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
    char b[48];
    if (bytes < 10) {
        std::snprintf(b, sizeof b, "%llu B", static_cast<unsigned long long>(bytes));
        return b;
    }
    double e = std::floor(std::log(double(bytes)) / std::log(1000.0));
    size_t ei = size_t(e);
    double val = std::floor(double(bytes) / std::pow(1000.0, e) * 10 + 0.5) / 10;
    std::snprintf(b, sizeof b, val < 10 ? "%.1f %s" : "%.0f %s", val, units[ei]);
    return b;
}

std::string human_duration(int64_t seconds) {
    auto n = [](int64_t v, const char* unit) { return std::to_string(v) + " " + unit; };
    if (seconds < 1) return "Less than a second";
    if (seconds == 1) return "1 second";
    if (seconds < 60) return n(seconds, "seconds");
    int64_t minutes = seconds / 60;
    if (minutes == 1) return "About a minute";
    if (minutes < 60) return n(minutes, "minutes");
    int64_t hours = (seconds + 1800) / 3600;  // Go: d.Round(time.Hour).Hours()
    if (hours == 1) return "About an hour";
    if (hours < 48) return n(hours, "hours");
    if (hours < 24 * 7 * 2) return n(hours / 24, "days");
    if (hours < 24 * 30 * 2) return n(hours / 24 / 7, "weeks");
    if (hours < 24 * 365 * 2) return n(hours / 24 / 30, "months");
    return n(seconds / 3600 / 24 / 365, "years");
}

namespace {

// UTF-8 code points of s (a broken byte counts as one).
std::vector<std::string_view> runes(std::string_view s) {
    std::vector<std::string_view> out;
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + len > s.size()) len = 1;
        out.push_back(s.substr(i, len));
        i += len;
    }
    return out;
}

}  // namespace

// docker's Ellipsis counts East Asian wide characters as two columns; here
// every code point counts one (the history lines of real images are ASCII).
std::string ellipsis(std::string_view s, size_t max_columns) {
    if (max_columns == 0) return "";
    std::vector<std::string_view> rs = runes(s);
    if (rs.empty()) return "";
    if (max_columns == 1) return std::string(rs[0]);
    if (rs.size() <= max_columns) return std::string(s);
    std::string out;
    for (size_t i = 0; i + 1 < max_columns; ++i) out += rs[i];
    return out + "\xE2\x80\xA6";
}

std::optional<int64_t> parse_rfc3339(std::string_view s) {
    int y, mo, d, h, mi, sec;
    if (s.size() < 20) return std::nullopt;
    std::string str(s);
    int used = 0;
    if (std::sscanf(str.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &used) != 6 || used != 19)
        return std::nullopt;
    size_t i = 19;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    }
    int64_t offset = 0;
    if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
        ++i;
    } else if (i + 6 == s.size() && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':') {
        int oh = std::atoi(str.substr(i + 1, 2).c_str()), om = std::atoi(str.substr(i + 4, 2).c_str());
        offset = (s[i] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
        i += 6;
    } else {
        return std::nullopt;
    }
    if (i != s.size() || mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
    // days from civil (Howard Hinnant's algorithm)
    int64_t yy = y - (mo <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = era * 146097 + doe - 719468;
    return days * 86400 + h * 3600 + mi * 60 + sec - offset;
}

std::string format_rfc3339_local(int64_t seconds) {
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    if (!localtime_r(&t, &tm)) return "";
    char b[64];
    std::strftime(b, sizeof b, "%Y-%m-%dT%H:%M:%S", &tm);
    std::string out = b;
    long off = tm.tm_gmtoff;
    if (off == 0) return out + "Z";
    char z[16];
    long a = off < 0 ? -off : off;
    std::snprintf(z, sizeof z, "%c%02ld:%02ld", off < 0 ? '-' : '+', a / 3600, (a % 3600) / 60);
    return out + z;
}

std::string go_json_quote(std::string_view s) {
    std::string out = "\"";
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char b[8];
                    std::snprintf(b, sizeof b, "\\u%04x", c);
                    out += b;
                } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                           (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
                    out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
                    i += 2;
                } else {
                    out += char(c);
                }
        }
    }
    return out + "\"";
}

// Go's text/tabwriter with minwidth 10, tabwidth 1, padding 3, padchar ' ',
// no flags: a cell is text ended by '\t'; the text after a line's last tab
// is not aligned. A column's width is the widest of its consecutive cells
// plus the padding, at least 10. Widths count code points.
std::string TabWriter::str() const {
    std::vector<std::vector<std::string>> cells;
    size_t columns = 0;
    for (const std::string& l : m_lines) {
        std::vector<std::string> row;
        size_t start = 0;
        for (size_t tab; (tab = l.find('\t', start)) != std::string::npos; start = tab + 1)
            row.push_back(l.substr(start, tab - start));
        row.push_back(l.substr(start));
        columns = std::max(columns, row.size() - 1);
        cells.push_back(std::move(row));
    }
    // Column blocks: consecutive lines that have a cell (tab-terminated) in column c.
    std::vector<std::vector<size_t>> width(cells.size(), std::vector<size_t>(columns, 0));
    for (size_t c = 0; c < columns; ++c) {
        for (size_t i = 0; i < cells.size();) {
            if (cells[i].size() - 1 <= c) {
                ++i;
                continue;
            }
            size_t j = i, w = 10;
            for (; j < cells.size() && cells[j].size() - 1 > c; ++j) w = std::max(w, runes(cells[j][c]).size() + 3);
            for (size_t k = i; k < j; ++k) width[k][c] = w;
            i = j;
        }
    }
    std::string out;
    for (size_t i = 0; i < cells.size(); ++i) {
        for (size_t c = 0; c + 1 < cells[i].size(); ++c) {
            out += cells[i][c];
            out.append(width[i][c] - runes(cells[i][c]).size(), ' ');
        }
        out += cells[i].back();
        out += '\n';
    }
    return out;
}

std::optional<Template> Template::parse(std::string_view format, std::string& error) {
    Template t;
    std::string f(format);
    if (f.rfind("table", 0) == 0) {
        t.m_table = true;
        f = f.substr(5);
    }
    // docker/cli preFormat: trim spaces, then the two-character \t and \n become tab and newline
    size_t a = f.find_first_not_of(' '), b = f.find_last_not_of(' ');
    f = a == std::string::npos ? "" : f.substr(a, b - a + 1);
    std::string g;
    for (size_t i = 0; i < f.size(); ++i) {
        if (f[i] == '\\' && i + 1 < f.size() && (f[i + 1] == 't' || f[i + 1] == 'n')) {
            g += f[i + 1] == 't' ? '\t' : '\n';
            ++i;
        } else {
            g += f[i];
        }
    }
    for (size_t i = 0; i < g.size();) {
        size_t open = g.find("{{", i);
        if (open == std::string::npos) {
            t.m_parts.push_back(Part{Part::text, g.substr(i), i});
            break;
        }
        if (open > i) t.m_parts.push_back(Part{Part::text, g.substr(i, open - i), i});
        size_t close = g.find("}}", open + 2);
        if (close == std::string::npos) {
            error = "template: :1: unclosed action";
            return std::nullopt;
        }
        std::string act = g.substr(open + 2, close - open - 2);
        if (!act.empty() && act.front() == '-') act.erase(0, 1);
        if (!act.empty() && act.back() == '-') act.pop_back();
        size_t s = act.find_first_not_of(" \t"), e = act.find_last_not_of(" \t");
        act = s == std::string::npos ? "" : act.substr(s, e - s + 1);
        Part p;
        p.column = open + 1;
        if (act == "json .") {
            p.kind = Part::json_all;
        } else if (act.rfind("json ", 0) == 0 && act.size() > 6 && act[5] == '.') {
            p.kind = Part::json_field;
            p.value = act.substr(6);
        } else if (act.size() > 1 && act[0] == '.' && act.find(' ') == std::string::npos) {
            p.kind = Part::field;
            p.value = act.substr(1);
        } else {
            error = "template: :1:" + std::to_string(p.column) + ": {{" + act +
                    "}} is not something layerlab's --format understands (it takes {{.Field}}, {{json .Field}} "
                    "and {{json .}})";
            return std::nullopt;
        }
        t.m_parts.push_back(std::move(p));
        i = close + 2;
    }
    return t;
}

std::optional<std::string> Template::render(const std::map<std::string, std::string>& fields,
                                            std::string& error) const {
    std::string out;
    for (const Part& p : m_parts) {
        if (p.kind == Part::text) {
            out += p.value;
            continue;
        }
        if (p.kind == Part::json_all) {
            std::string j = "{";
            for (const auto& [k, v] : fields) j += (j.size() > 1 ? "," : "") + go_json_quote(k) + ":" + go_json_quote(v);
            out += j + "}";
            continue;
        }
        auto it = fields.find(p.value);
        if (it == fields.end()) {
            error = "template: :1:" + std::to_string(p.column + 2) + ": executing \"\" at <." + p.value +
                    ">: can't evaluate field " + p.value;
            return std::nullopt;
        }
        out += p.kind == Part::json_field ? go_json_quote(it->second) : it->second;
    }
    return out;
}

std::string Template::header(const std::map<std::string, std::string>& headers) const {
    std::string out;
    for (const Part& p : m_parts) {
        if (p.kind == Part::text) {
            out += p.value;
        } else if (p.kind == Part::field) {
            auto it = headers.find(p.value);
            out += it == headers.end() ? "" : it->second;
        }
    }
    return out;
}

}  // namespace ll::cli
