#include "core/users.h"

#include "core/container.h"

namespace ll::users {

const std::string& Line::field(size_t i) const {
    static const std::string empty;
    return i < f.size() ? f[i] : empty;
}

std::optional<uint32_t> parse_id(std::string_view s) {
    if (s.empty() || s.size() > 10) return std::nullopt;
    uint64_t v = 0;
    for (char ch : s) {
        if (ch < '0' || ch > '9') return std::nullopt;
        v = v * 10 + uint64_t(ch - '0');
    }
    if (v > 0xffffffffu) return std::nullopt;
    return uint32_t(v);
}

std::optional<uint32_t> Line::id() const { return parse_id(field(2)); }
std::optional<uint32_t> Line::gid() const { return parse_id(field(3)); }

std::vector<std::string> Line::members() const {
    std::vector<std::string> out;
    std::string_view m = field(3);
    while (!m.empty()) {
        size_t k = m.find(',');
        std::string_view one = m.substr(0, k);
        if (!one.empty()) out.emplace_back(one);
        if (k == std::string_view::npos) break;
        m.remove_prefix(k + 1);
    }
    return out;
}

Db parse(std::string_view text) {
    Db out;
    while (!text.empty()) {
        size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        if (line.empty()) continue;
        Line l;
        for (;;) {
            size_t k = line.find(':');
            l.f.emplace_back(line.substr(0, k));
            if (k == std::string_view::npos) break;
            line.remove_prefix(k + 1);
        }
        out.push_back(std::move(l));
    }
    return out;
}

std::string join(const Db& db) {
    std::string out;
    for (const Line& l : db) {
        for (size_t i = 0; i < l.f.size(); ++i) {
            if (i) out += ':';
            out += l.f[i];
        }
        out += '\n';
    }
    return out;
}

Db read(const Container& c, std::string_view path) {
    Result<std::string> t = c.read_text(path);
    return t ? parse(*t) : Db{};
}

const Line* find_name(const Db& db, std::string_view name) {
    for (const Line& l : db)
        if (!l.f.empty() && l.f[0] == name) return &l;
    return nullptr;
}

const Line* find_id(const Db& db, uint32_t id) {
    for (const Line& l : db)
        if (l.id() == id) return &l;
    return nullptr;
}

}  // namespace ll::users
