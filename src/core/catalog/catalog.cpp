// Index of this file (sections in order, marked "// ---- NAME"; the functions in each):
//   (start): starts_with, split, words, parse_u64, parse_u32, hex_digit, unescape, valid_path,
//            parse_relation, LineReader::LineReader, LineReader::next, LineReader::line,
//            LineReader::error, LineReader::entry, LineReader::reset_block, is_entry, read_magic,
//            meta, parse_string_array, catalog_kind_name, Package::file_bytes, Catalog::find,
//            Catalog::find_or_provider, Catalog::providers_of, Catalog::names, Catalog::attach_index,
//            parse_index, parse_catalog
//   dpkg model: DpkgFilter::parse, DpkgFilter::skips, merged_usr_path, dpkg_unpack,
//               extended_states_size
//   apt: resolve_install
//   base images: View::get, View::resolve, slimify, put, BaseImage::total_bytes, load_base_image
#include "core/catalog/catalog.h"

#include <algorithm>
#include <functional>
#include <utility>

#include "core/glob.h"

namespace ll {

namespace {

constexpr std::string_view kMagic = "#layerlab-catalog 1 ";
constexpr size_t kMaxInput = size_t{64} << 20;  // 64 MiB: far above any real catalog
constexpr size_t kMaxPath = 4096;

bool starts_with(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

// Splits on one separator character; keeps empty fields.
std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    size_t start = 0;
    for (;;) {
        size_t pos = s.find(sep, start);
        if (pos == std::string_view::npos) {
            out.push_back(s.substr(start));
            return out;
        }
        out.push_back(s.substr(start, pos - start));
        start = pos + 1;
    }
}

// Splits on runs of spaces; no empty fields.
std::vector<std::string_view> words(std::string_view s) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ') ++i;
        size_t j = i;
        while (j < s.size() && s[j] != ' ') ++j;
        if (j > i) out.push_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

bool parse_u64(std::string_view s, uint64_t& out, int base = 10) {
    if (s.empty() || s.size() > 20) return false;
    uint64_t v = 0;
    for (char c : s) {
        int d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else
            return false;
        if (d >= base) return false;
        uint64_t b = static_cast<uint64_t>(base);
        if (v > (UINT64_MAX - static_cast<uint64_t>(d)) / b) return false;
        v = v * b + static_cast<uint64_t>(d);
    }
    out = v;
    return true;
}

bool parse_u32(std::string_view s, uint32_t& out, int base = 10) {
    uint64_t v = 0;
    if (!parse_u64(s, v, base) || v > UINT32_MAX) return false;
    out = static_cast<uint32_t>(v);
    return true;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// \\ \n \t \r \xHH; returns the offset of a bad escape, or npos when fine.
size_t unescape(std::string_view s, std::string& out) {
    out.clear();
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c != '\\') {
            out.push_back(c);
            continue;
        }
        if (i + 1 >= s.size()) return i;
        char e = s[++i];
        switch (e) {
        case '\\': out.push_back('\\'); break;
        case 'n': out.push_back('\n'); break;
        case 't': out.push_back('\t'); break;
        case 'r': out.push_back('\r'); break;
        case 'x': {
            if (i + 2 >= s.size()) return i - 1;
            int hi = hex_digit(s[i + 1]), lo = hex_digit(s[i + 2]);
            if (hi < 0 || lo < 0) return i - 1;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
            break;
        }
        default: return i - 1;
        }
    }
    return std::string_view::npos;
}

bool valid_path(std::string_view p) {
    if (p.empty() || p.size() > kMaxPath) return false;
    if (p.find('\0') != std::string_view::npos) return false;
    std::string_view rest = p[0] == '/' ? p.substr(1) : p;
    if (rest.empty()) return false;
    for (std::string_view part : split(rest, '/')) {
        if (part.empty() || part == "." || part == "..") return false;
    }
    return true;
}

std::vector<DepClause> parse_relation(std::string_view s) {
    std::vector<DepClause> out;
    for (std::string_view w : words(s)) {
        DepClause c;
        for (std::string_view a : split(w, '|'))
            if (!a.empty()) c.emplace_back(a);
        if (!c.empty()) out.push_back(std::move(c));
    }
    return out;
}

// Reads one text catalog line by line and keeps the front-coding state.
class LineReader {
public:
    LineReader(std::string_view text, std::string_view file) : m_text(text), m_file(file) {}

    bool next(std::string_view& line) {
        if (m_pos >= m_text.size()) return false;
        size_t end = m_text.find('\n', m_pos);
        if (end == std::string_view::npos) end = m_text.size();
        line = m_text.substr(m_pos, end - m_pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        m_pos = end + 1;
        ++m_line;
        return true;
    }
    uint32_t line() const { return m_line; }
    Error error(std::string msg, uint32_t column = 0) const {
        return make_error(Errc::syntax, std::move(msg), SourceLoc{std::string(m_file), m_line, column});
    }

    // Parses a front-coded entry line; `m_prev` is the previous path of the block.
    Result<CatalogFile> entry(std::string_view line) {
        size_t i = 0;
        uint64_t shared = 0;
        while (i < line.size() && line[i] >= '0' && line[i] <= '9') {
            shared = shared * 10 + static_cast<uint64_t>(line[i] - '0');
            if (shared > kMaxPath) return error("shared prefix length too large", 1);
            ++i;
        }
        if (shared > m_prev.size())
            return error("shared prefix length " + std::to_string(shared) + " is longer than the previous path (" +
                             std::to_string(m_prev.size()) + " bytes)",
                         1);
        if (i >= line.size()) return error("file entry without a type", static_cast<uint32_t>(i + 1));
        char t = line[i++];
        CatalogFile f;
        switch (t) {
        case 'f':
            f.type = 'f';
            f.mode = 0644;
            break;
        case 'x':
            f.type = 'f';
            f.mode = 0755;
            break;
        case 'd':
            f.type = 'd';
            f.mode = 0755;
            break;
        case 'l':
            f.type = 'l';
            f.mode = 0777;
            break;
        case 'h':
            f.type = 'h';
            f.mode = 0644;
            break;
        default:
            return error(std::string("unknown file type '") + t + "' (expected f, x, d, l or h)",
                         static_cast<uint32_t>(i));
        }
        std::vector<std::string_view> fields = split(line.substr(i), '\t');
        f.path = m_prev.substr(0, size_t(shared));  // <= m_prev.size(), checked above
        f.path.append(fields[0]);
        if (!valid_path(f.path)) return error("bad path '" + f.path + "'", static_cast<uint32_t>(i + 1));
        size_t k = 1;
        auto at = [&](size_t idx) {
            size_t c = i + 1;
            for (size_t j = 0; j < idx; ++j) c += fields[j].size() + 1;
            return static_cast<uint32_t>(c);
        };
        if (f.type == 'f') {
            if (fields.size() < 2 || !parse_u64(fields[1], f.size))
                return error("file entry needs a size",
                             fields.size() < 2 ? static_cast<uint32_t>(line.size() + 1) : at(1));
            k = 2;
        } else if (f.type == 'l' || f.type == 'h') {
            if (fields.size() < 2 || fields[1].empty())
                return error("link entry needs a target", static_cast<uint32_t>(line.size() + 1));
            if (size_t bad = unescape(fields[1], f.link); bad != std::string_view::npos)
                return error("bad escape in link target", at(1) + static_cast<uint32_t>(bad));
            if (f.type == 'h' && !valid_path(f.link)) return error("bad hard-link target", at(1));
            k = 2;
        }
        for (; k < fields.size(); ++k) {
            std::string_view fld = fields[k];
            if (fld.empty()) return error("empty field", at(k));
            std::string_view val = fld.substr(1);
            switch (fld[0]) {
            case 'm':
                if (!parse_u32(val, f.mode, 8) || f.mode > 07777) return error("bad mode", at(k));
                break;
            case 'o': {
                size_t colon = val.find(':');
                if (colon == std::string_view::npos || !parse_u32(val.substr(0, colon), f.uid) ||
                    !parse_u32(val.substr(colon + 1), f.gid))
                    return error("bad owner (expected o<uid>:<gid>)", at(k));
                break;
            }
            case 'c':    // content: the file's real bytes
            case 'p': {  // placeholder: what a stand-in file says it stands for
                std::string c;
                if (size_t bad = unescape(val, c); bad != std::string_view::npos)
                    return error(fld[0] == 'c' ? "bad escape in content" : "bad escape in placeholder",
                                 at(k) + 1 + static_cast<uint32_t>(bad));
                (fld[0] == 'c' ? f.content : f.placeholder) = std::move(c);
                break;
            }
            default: return error(std::string("unknown field '") + fld[0] + "'", at(k));
            }
        }
        m_prev = f.path;
        return f;
    }
    void reset_block() { m_prev.clear(); }

private:
    std::string_view m_text;
    std::string_view m_file;
    size_t m_pos = 0;
    uint32_t m_line = 0;
    std::string m_prev;
};

bool is_entry(std::string_view line) { return !line.empty() && line[0] >= '0' && line[0] <= '9'; }

Result<CatalogKind> read_magic(LineReader& r, std::string_view text) {
    if (text.size() > kMaxInput) return make_error(Errc::too_large, "catalog larger than 64 MiB", SourceLoc{});
    std::string_view first;
    if (!r.next(first) || !starts_with(first, kMagic))
        return r.error("not a layerlab catalog (first line must be '#layerlab-catalog 1 KIND')", 1);
    std::string_view kind = first.substr(kMagic.size());
    static const std::pair<std::string_view, CatalogKind> kinds[] = {
        {"apt", CatalogKind::apt}, {"pip", CatalogKind::pip},     {"npm", CatalogKind::npm},
        {"apk", CatalogKind::apk}, {"image", CatalogKind::image}, {"state", CatalogKind::state},
        {"apt-index", CatalogKind::apt_index}};
    for (const auto& [n, k] : kinds)
        if (kind == n) return k;
    return r.error("unknown catalog kind '" + std::string(kind) + "'", static_cast<uint32_t>(kMagic.size() + 1));
}

// "@key value" -> (key, value)
std::pair<std::string_view, std::string_view> meta(std::string_view line) {
    size_t sp = line.find(' ');
    if (sp == std::string_view::npos) return {line.substr(1), {}};
    return {line.substr(1, sp - 1), line.substr(sp + 1)};
}

// ["a", "b"] -> {"a", "b"}: the JSON string arrays of @cmd and @entrypoint.
std::optional<std::vector<std::string>> parse_string_array(std::string_view s) {
    std::vector<std::string> out;
    size_t i = 0;
    auto ws = [&] {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    };
    ws();
    if (i >= s.size() || s[i] != '[') return std::nullopt;
    ++i;
    ws();
    if (i < s.size() && s[i] == ']') return out;
    for (;;) {
        ws();
        if (i >= s.size() || s[i] != '"') return std::nullopt;
        ++i;
        std::string v;
        while (i < s.size() && s[i] != '"') {
            char c = s[i++];
            if (c == '\\') {
                if (i >= s.size()) return std::nullopt;
                char e = s[i++];
                switch (e) {
                case '"':
                case '\\':
                case '/': v.push_back(e); break;
                case 'n': v.push_back('\n'); break;
                case 't': v.push_back('\t'); break;
                default: return std::nullopt;  // \uXXXX is never needed for argv here
                }
            } else {
                v.push_back(c);
            }
        }
        if (i >= s.size()) return std::nullopt;
        ++i;
        out.push_back(std::move(v));
        ws();
        if (i < s.size() && s[i] == ',') {
            ++i;
            continue;
        }
        if (i < s.size() && s[i] == ']') {
            ++i;
            ws();
            return i == s.size() ? std::optional(out) : std::nullopt;
        }
        return std::nullopt;
    }
}

}  // namespace

const char* catalog_kind_name(CatalogKind k) {
    switch (k) {
    case CatalogKind::apt: return "apt";
    case CatalogKind::pip: return "pip";
    case CatalogKind::npm: return "npm";
    case CatalogKind::apk: return "apk";
    case CatalogKind::image: return "image";
    case CatalogKind::state: return "state";
    case CatalogKind::apt_index: return "apt-index";
    }
    return "?";
}

uint64_t Package::file_bytes() const {
    uint64_t n = 0;
    for (const CatalogFile& f : files)
        if (f.type == 'f') n += f.size;
    return n;
}

const Package* Catalog::find(std::string_view name) const {
    auto it = packages.find(std::string(name));
    if (it != packages.end()) return &it->second;
    const AptIndex* ix = attached_index();
    if (!ix) return nullptr;
    if (auto got = m_from_index.find(name); got != m_from_index.end()) return &got->second;
    auto b = ix->blocks.find(name);
    if (b == ix->blocks.end()) return nullptr;
    // One package's lines, parsed as a one-package apt catalog.
    std::string one = "#layerlab-catalog 1 apt\n";
    one.append(ix->text, b->second.first, b->second.second - b->second.first);
    Result<Catalog> c = parse_catalog(one, ix->file_name);
    if (!c || c->packages.size() != 1) return nullptr;  // checked when the index was read
    Package p = std::move(c->packages.begin()->second);
    synthesize_files(p);
    return &m_from_index.emplace(std::string(name), std::move(p)).first->second;
}

const Package* Catalog::find_or_provider(std::string_view name) const {
    if (const Package* p = find(name)) return p;
    std::vector<std::string> pv = providers_of(name);
    return pv.empty() ? nullptr : find(pv.front());
}

std::vector<std::string> Catalog::providers_of(std::string_view name) const {
    std::vector<std::string> out;
    if (auto it = m_providers.find(name); it != m_providers.end()) out = it->second;
    if (const AptIndex* ix = attached_index())
        if (auto it = ix->providers.find(name); it != ix->providers.end())
            for (const std::string& n : it->second)
                // a package with a real file list answers with its own Provides
                if (!packages.count(n)) out.push_back(n);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<std::string> Catalog::names() const {
    std::vector<std::string> out;
    for (const auto& [n, p] : packages) out.push_back(n);
    if (const AptIndex* ix = attached_index())
        for (const auto& [n, b] : ix->blocks)
            if (!packages.count(n)) out.push_back(n);
    std::sort(out.begin(), out.end());
    return out;
}

void Catalog::attach_index(const Catalog& apt_index) {
    index = apt_index.index;
    m_late_index.reset();
    m_index_load = nullptr;
}

void Catalog::attach_index_later(std::function<const Catalog*()> load) {
    index.reset();
    m_late_index.reset();
    m_index_load = std::move(load);
}

const AptIndex* Catalog::attached_index() const {
    if (m_index_load) {
        std::function<const Catalog*()> load = std::move(m_index_load);
        m_index_load = nullptr;
        if (const Catalog* c = load()) m_late_index = c->index;
    }
    return index ? index.get() : m_late_index.get();
}

namespace {

// An apt_index catalog: metadata, and where each package's lines are. Every
// line is checked for its shape here (P with five words, then S D R V I), so
// that find() can parse a block later without surprises.
Result<Catalog> parse_index(LineReader& r, std::string_view text, std::string_view file_name) {
    Catalog cat;
    cat.kind = CatalogKind::apt_index;
    auto idx = std::make_shared<AptIndex>();
    idx->text = std::string(text);
    idx->file_name = std::string(file_name);
    std::string_view all = idx->text;
    std::string cur;
    size_t begin = 0, pos = all.find('\n') + 1;  // after the magic line
    auto close = [&](size_t end) {
        if (!cur.empty()) idx->blocks[cur] = {begin, end};
        cur.clear();
    };
    std::string_view line;
    while (r.next(line)) {
        size_t here = pos;  // the same line as r's: both step from newline to newline
        pos = all.find('\n', pos);
        pos = pos == std::string_view::npos ? all.size() : pos + 1;
        if (line.empty() || line[0] == '#') continue;
        if (line[0] == '@') {
            auto [k, v] = meta(line);
            if (k == "generated") cat.generated = idx->generated = v;
            if (k == "source") cat.source = idx->source = v;
            if (k == "suite") cat.suite = v;
            if (k == "note") cat.notes.emplace_back(v);
            continue;
        }
        if (line.size() < 2 || line[1] != ' ') return r.error("unknown line (expected KEY and a space)", 1);
        std::string_view rest = line.substr(2);
        switch (line[0]) {
        case 'P': {
            close(here);
            std::vector<std::string_view> w = words(rest);
            uint64_t a = 0, b = 0;
            if (w.size() != 5 || !parse_u64(w[3], a) || !parse_u64(w[4], b))
                return r.error("P line needs: name version arch installed-KiB download-bytes", 3);
            cur = w[0];
            if (idx->blocks.count(cur)) return r.error("duplicate package '" + cur + "'", 3);
            begin = here;
            break;
        }
        case 'V':
            if (cur.empty()) return r.error("'V' line before any P line", 1);
            for (std::string_view v : words(rest)) idx->providers[std::string(v)].push_back(cur);
            break;
        case 'S':
        case 'D':
        case 'R':
        case 'I':
            if (cur.empty()) return r.error(std::string("'") + line[0] + "' line before any P line", 1);
            break;
        default: return r.error(std::string("unknown line type '") + line[0] + "' in an apt index", 1);
        }
    }
    close(all.size());
    cat.index = std::move(idx);
    return cat;
}

}  // namespace

Result<CatalogKind> catalog_kind(std::string_view text, std::string_view file_name) {
    LineReader r(text, file_name);
    return read_magic(r, text);
}

Result<Catalog> parse_catalog(std::string_view text, std::string_view file_name) {
    LineReader r(text, file_name);
    Result<CatalogKind> kind = read_magic(r, text);
    if (!kind) return kind.error();
    if (*kind == CatalogKind::image) return r.error("this is a base image; load it with load_base_image", 1);
    if (*kind == CatalogKind::apt_index) return parse_index(r, text, file_name);
    Catalog cat;
    cat.kind = *kind;
    Package* cur = nullptr;
    std::string_view line;
    while (r.next(line)) {
        if (line.empty() || line[0] == '#') {
            r.reset_block();
            continue;
        }
        if (is_entry(line)) {
            if (!cur) return r.error("file entry before any P line", 1);
            Result<CatalogFile> f = r.entry(line);
            if (!f) return f.error();
            cur->files.push_back(std::move(*f));
            continue;
        }
        r.reset_block();
        if (line[0] == '@') {
            auto [k, v] = meta(line);
            if (k == "generated")
                cat.generated = v;
            else if (k == "suite")
                cat.suite = v;
            else if (k == "source")
                cat.source = v;
            else if (k == "note")
                cat.notes.emplace_back(v);
            continue;  // unknown metadata is ignored (forward compatible)
        }
        if (line.size() < 2 || line[1] != ' ') return r.error("unknown line (expected KEY and a space)", 1);
        std::string_view rest = line.substr(2);
        switch (line[0]) {
        case 'P': {
            std::vector<std::string_view> w = words(rest);
            if (w.size() != 5) return r.error("P line needs: name version arch installed-KiB download-bytes", 3);
            Package p;
            p.name = w[0];
            p.version = w[1];
            p.arch = w[2];
            if (!parse_u64(w[3], p.installed_size_kib) || !parse_u64(w[4], p.download_size))
                return r.error("P line: sizes must be decimal numbers", 3);
            p.line = r.line();
            auto [it, fresh] = cat.packages.emplace(p.name, std::move(p));
            if (!fresh) return r.error("duplicate package '" + it->first + "'", 3);
            cur = &it->second;
            break;
        }
        case 'L': {
            if (cat.kind != CatalogKind::state) return r.error("L lines belong in a state catalog", 1);
            std::vector<std::string_view> w = words(rest);
            AptListsFile f;
            if (w.size() != 3 || !parse_u64(w[2], f.size)) return r.error("L line needs: mode name size", 3);
            f.mode = w[0];
            f.name = w[1];
            cat.apt_lists.push_back(std::move(f));
            break;
        }
        default: {
            if (!cur) return r.error(std::string("'") + line[0] + "' line before any P line", 1);
            switch (line[0]) {
            case 'D': cur->depends = parse_relation(rest); break;
            case 'R': cur->recommends = parse_relation(rest); break;
            case 'V':
                for (std::string_view w : words(rest)) cur->provides.emplace_back(w);
                break;
            case 'A': cur->approximated_from = rest; break;
            case 'S': {
                std::vector<std::string_view> w = words(rest);
                if (w.empty() || w.size() > 2) return r.error("S line needs: section [priority]", 3);
                cur->section = w[0];
                cur->priority = w.size() > 1 ? w[1] : "optional";
                break;
            }
            case 'N': cur->notes.emplace_back(rest); break;
            case 'I':
                for (std::string_view w : words(rest)) {
                    if (w == "multiarch-same") {
                        cur->multiarch_same = true;
                        continue;
                    }
                    size_t eq = w.find('=');
                    uint64_t v = 0;
                    if (eq == std::string_view::npos || eq == 0 || !parse_u64(w.substr(eq + 1), v))
                        return r.error("I line: expected member=size", 3);
                    if (w.substr(0, eq) == "status")
                        cur->status_size = v;
                    else
                        cur->info_members.emplace_back(std::string(w.substr(0, eq)), v);
                }
                break;
            default: return r.error(std::string("unknown line type '") + line[0] + "'", 1);
            }
        }
        }
    }
    for (const auto& [n, p] : cat.packages)
        for (const std::string& v : p.provides) cat.m_providers[v].push_back(n);
    return cat;
}

// ---------------------------------------------------------------- dpkg model

DpkgFilter DpkgFilter::parse(std::string_view cfg_text) {
    DpkgFilter f;
    for (std::string_view line : split(cfg_text, '\n')) {
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
            line.remove_suffix(1);
        if (line.empty() || line[0] == '#') continue;
        for (auto [key, inc] : {std::pair<std::string_view, bool>{"path-exclude", false}, {"path-include", true}}) {
            if (!starts_with(line, key)) continue;
            std::string_view rest = line.substr(key.size());
            while (!rest.empty() && (rest[0] == ' ' || rest[0] == '\t' || rest[0] == '=')) rest.remove_prefix(1);
            if (!rest.empty()) f.rules.push_back(Rule{inc, std::string(rest)});
        }
    }
    return f;
}

bool DpkgFilter::skips(std::string_view path, char type) const {
    bool skip = false;
    for (const Rule& r : rules)
        if (glob_match(r.pattern, path)) skip = !r.include;
    if (skip && (type == 'd' || type == 'l')) {
        for (const Rule& r : rules) {
            if (!r.include) continue;
            size_t n = r.pattern.find_first_of("*?[\\");
            if (n == std::string::npos) n = r.pattern.size();
            while (n > 0 && r.pattern[n - 1] == '/') --n;
            if (path.size() >= n && path.compare(0, n, std::string_view(r.pattern).substr(0, n)) == 0) return false;
        }
    }
    return skip;
}

std::optional<std::string> merged_usr_path(std::string_view path) {
    for (std::string_view d : {"/bin", "/sbin", "/lib", "/lib64"}) {
        if (path == d) return std::nullopt;
        if (path.size() > d.size() && starts_with(path, d) && path[d.size()] == '/') return "/usr" + std::string(path);
    }
    return std::string(path);
}

Unpacked dpkg_unpack(const Package& pkg, const DpkgFilter& filter, bool merged_usr) {
    Unpacked u;
    u.list_size = 3;  // "/.\n"
    for (const CatalogFile& f : pkg.files) {
        if (!filter.empty() && filter.skips(f.path, f.type)) continue;
        u.list_size += f.path.size() + 1;
        if (!merged_usr) {
            u.files.push_back(f);
            continue;
        }
        std::optional<std::string> p = merged_usr_path(f.path);
        if (!p) continue;
        CatalogFile g = f;
        g.path = std::move(*p);
        if (g.type == 'h') {
            if (std::optional<std::string> t = merged_usr_path(g.link)) g.link = std::move(*t);
        }
        u.files.push_back(std::move(g));
    }
    std::string base = "/var/lib/dpkg/info/" + pkg.name + (pkg.multiarch_same ? ":" + pkg.arch : "");
    CatalogFile list;
    list.path = base + ".list";
    list.size = u.list_size;
    u.info.push_back(std::move(list));
    std::vector<std::pair<std::string, uint64_t>> members = pkg.info_members;
    std::sort(members.begin(), members.end());
    for (const auto& [m, size] : members) {
        CatalogFile f;
        f.path = base + "." + m;
        f.size = size;
        bool script = m == "preinst" || m == "postinst" || m == "prerm" || m == "postrm" || m == "config";
        f.mode = script ? 0755 : 0644;
        u.info.push_back(std::move(f));
    }
    return u;
}

uint64_t extended_states_size(const Catalog& apt, const std::set<std::string>& auto_installed) {
    uint64_t n = 0;
    for (const std::string& name : auto_installed) {
        const Package* p = apt.find(name);
        std::string arch = p ? p->arch : "amd64";
        n += std::string_view("Package: \nArchitecture: \nAuto-Installed: 1\n\n").size() + name.size() + arch.size();
    }
    return n;
}

// ---------------------------------------------------------------- apt

Result<InstallPlan> resolve_install(const Catalog& apt, const std::vector<std::string>& requested,
                                    const std::set<std::string>& installed, bool with_recommends) {
    std::map<std::string, std::vector<std::string>> provider_cache;
    auto providers = [&](const std::string& name) -> const std::vector<std::string>& {
        auto it = provider_cache.find(name);
        if (it == provider_cache.end()) it = provider_cache.emplace(name, apt.providers_of(name)).first;
        return it->second;
    };
    std::set<std::string> have = installed;
    std::set<std::string> planned, visiting, via_recommends;
    std::vector<std::string> wanted;
    for (const std::string& r : requested) {
        if (apt.find(r)) {
            wanted.push_back(r);
            planned.insert(r);
            continue;
        }
        const std::vector<std::string>& pv = providers(r);
        if (pv.empty()) return make_error(Errc::enoent, "E: Unable to locate package " + r);
        if (pv.size() > 1)
            return make_error(
                Errc::einval, "E: Package " + r + " is a virtual package provided by: " + [&] {
                    std::string s;
                    for (const auto& n : pv) s += (s.empty() ? "" : ", ") + n;
                    return s;
                }() + "\nE: You should explicitly select one to install.");
        wanted.push_back(pv.front());
        planned.insert(pv.front());
    }
    auto satisfied = [&](const std::string& name) {
        auto in = [&](const std::string& n) { return have.count(n) || visiting.count(n) || planned.count(n); };
        if (in(name)) return true;
        const std::vector<std::string>& pv = providers(name);
        return std::any_of(pv.begin(), pv.end(), in);
    };
    auto choose = [&](const DepClause& c) -> std::string {
        for (const std::string& a : c) {
            if (apt.find(a)) return a;
            const std::vector<std::string>& pv = providers(a);
            if (!pv.empty()) {
                for (const std::string& p : pv)
                    if (have.count(p) || planned.count(p)) return p;
                return pv.front();
            }
        }
        return {};
    };
    InstallPlan plan;
    std::string error;
    std::function<void(const std::string&, bool)> visit = [&](const std::string& name, bool by_recommends) {
        if (!error.empty() || have.count(name) || visiting.count(name)) return;
        visiting.insert(name);
        const Package* p = apt.find(name);
        size_t ndeps = p->depends.size();
        size_t total = ndeps + (with_recommends ? p->recommends.size() : 0);
        for (size_t i = 0; i < total && error.empty(); ++i) {
            const DepClause& c = i < ndeps ? p->depends[i] : p->recommends[i - ndeps];
            if (std::any_of(c.begin(), c.end(), satisfied)) continue;
            std::string pick = choose(c);
            if (pick.empty()) {
                std::string alts;
                for (const auto& a : c) alts += (alts.empty() ? "" : " | ") + a;
                if (i < ndeps) {
                    error = "The following packages have unmet dependencies:\n " + name + " : Depends: " + alts +
                            " but it is not installable\nE: Unable to correct problems, you have held broken packages.";
                } else {
                    plan.not_installed_recommends.push_back(alts);
                }
                continue;
            }
            visit(pick, by_recommends || i >= ndeps);
        }
        have.insert(name);
        plan.order.push_back(p);
        plan.newly_installed.push_back(name);
        if (by_recommends) via_recommends.insert(name);
    };
    for (const std::string& w : wanted) visit(w, false);
    if (!error.empty()) return make_error(Errc::build_failed, error);
    for (const std::string& n : plan.newly_installed) {
        if (!planned.count(n)) plan.auto_installed.push_back(n);
        if (via_recommends.count(n) && !planned.count(n)) plan.recommended.push_back(n);
    }
    return plan;
}

// ---------------------------------------------------------------- base images

namespace {

using Tree = std::map<std::string, CatalogFile>;

// Follows symlinks through `a` then `b` (b shadows a); nullopt when dangling.
struct View {
    const Tree& lower;
    const Tree& upper;
    const CatalogFile* get(const std::string& p) const {
        auto it = upper.find(p);
        if (it != upper.end()) return &it->second;
        it = lower.find(p);
        return it == lower.end() ? nullptr : &it->second;
    }
    std::optional<std::string> resolve(const std::string& path, int depth = 0) const {
        if (depth > 40) return std::nullopt;
        std::string cur;
        for (std::string_view part : split(path, '/')) {
            if (part.empty() || part == ".") continue;
            if (part == "..") {
                size_t s = cur.rfind('/');
                cur = s == std::string::npos ? std::string() : cur.substr(0, s);
                continue;
            }
            std::string nxt = cur + "/" + std::string(part);
            const CatalogFile* e = get(nxt);
            if (!e) return std::nullopt;
            if (e->type == 'l') {
                std::string tgt = e->link.empty() || e->link[0] != '/' ? cur + "/" + e->link : e->link;
                std::optional<std::string> r = resolve(tgt, depth + 1);
                if (!r) return std::nullopt;
                nxt = *r == "/" ? std::string() : *r;
            }
            cur = std::move(nxt);
        }
        return cur.empty() ? std::string("/") : cur;
    }
};

// debuerreotype-slimify on the layer (resolving symlinks through the lower layers too).
void slimify(const Tree& lower, Tree& layer, std::vector<std::string> excludes,
             const std::vector<std::string>& includes) {
    std::sort(excludes.begin(), excludes.end());
    excludes.erase(std::unique(excludes.begin(), excludes.end()), excludes.end());
    View v{lower, layer};
    for (const std::string& exc : excludes) {
        if (exc.size() < 2 || exc.compare(exc.size() - 2, 2, "/*") != 0) {
            layer.erase(exc);
            continue;
        }
        std::string base = exc.substr(0, exc.size() - 2);
        const CatalogFile* b = v.get(base);
        if (!b || b->type != 'd') continue;
        std::string pre = base + "/";
        for (auto it = layer.lower_bound(pre); it != layer.end() && starts_with(it->first, pre);) {
            char t = it->second.type;
            bool keep = t == 'd' || t == 'l' ||
                        std::any_of(includes.begin(), includes.end(),
                                    [&](const std::string& inc) { return glob_match(inc, it->first); });
            it = keep ? std::next(it) : layer.erase(it);
        }
        for (;;) {
            std::vector<std::string> dead;
            for (auto it = layer.lower_bound(pre); it != layer.end() && starts_with(it->first, pre); ++it) {
                const CatalogFile& f = it->second;
                if (f.type == 'd') {
                    std::string kids = it->first + "/";
                    auto c = layer.lower_bound(kids);
                    bool has_child = c != layer.end() && starts_with(c->first, kids);
                    if (!has_child) dead.push_back(it->first);
                } else if (f.type == 'f' && f.size == 0) {
                    dead.push_back(it->first);
                } else if (f.type == 'l' && !v.resolve(it->first)) {
                    dead.push_back(it->first);
                }
            }
            if (dead.empty()) break;
            for (const std::string& d : dead) {
                layer.erase(d);
                std::string kids = d + "/";
                for (auto it = layer.lower_bound(kids); it != layer.end() && starts_with(it->first, kids);)
                    it = layer.erase(it);
            }
        }
    }
}

void put(Tree& t, CatalogFile f) {
    std::string key = f.path;
    t[std::move(key)] = std::move(f);
}

}  // namespace

uint64_t BaseImage::total_bytes() const {
    uint64_t n = 0;
    for (const ImageLayer& l : layers)
        for (const CatalogFile& f : l.files)
            if (f.type == 'f') n += f.size;
    return n;
}

Result<BaseImage> load_base_image(std::string_view text, const Catalog& apt, const BaseImage* base,
                                  std::string_view file_name) {
    LineReader r(text, file_name);
    Result<CatalogKind> kind = read_magic(r, text);
    if (!kind) return kind.error();
    if (*kind != CatalogKind::image) return r.error("not an image catalog", 1);
    BaseImage img;
    Tree lower;  // merged view of the finished layers
    Tree layer;  // the layer being built
    bool in_layer = false;
    std::string layer_created_by;
    std::vector<std::string> layer_packages;
    std::vector<std::string> excludes;
    size_t own_first = 0;
    std::string created;  // @created: the time stamp of this image's own history entries

    auto finish_layer = [&] {
        if (!in_layer) return;
        ImageLayer l;
        l.created_by = layer_created_by;
        l.packages = std::move(layer_packages);
        l.files.reserve(layer.size());
        for (auto& [p, f] : layer) {
            lower[p] = f;
            l.files.push_back(std::move(f));
        }
        img.layers.push_back(std::move(l));
        layer.clear();
        layer_packages.clear();
        in_layer = false;
    };
    auto dpkg_filter = [&] {
        static const std::string cfg = "/etc/dpkg/dpkg.cfg.d/docker";
        const CatalogFile* f = View{lower, layer}.get(cfg);
        return f && f->content ? DpkgFilter::parse(*f->content) : DpkgFilter{};
    };

    std::string_view line;
    while (r.next(line)) {
        if (line.empty() || line[0] == '#') {
            r.reset_block();
            continue;
        }
        if (is_entry(line)) {
            if (!in_layer) return r.error("file entry outside a layer (needs an 'H 0' line first)", 1);
            Result<CatalogFile> f = r.entry(line);
            if (!f) return f.error();
            put(layer, std::move(*f));
            continue;
        }
        r.reset_block();
        if (line[0] == '@') {
            auto [k, v] = meta(line);
            if (k == "name")
                img.name = v;
            else if (k == "created")
                created = v;
            else if (k == "merged-usr")
                img.merged_usr = v == "yes";
            else if (k == "env")
                img.config.env.emplace_back(v);
            else if (k == "cmd" || k == "entrypoint") {
                std::optional<std::vector<std::string>> argv = parse_string_array(v);
                if (!argv) return r.error("@" + std::string(k) + " needs a JSON array of strings", 2);
                (k == "cmd" ? img.config.cmd : img.config.entrypoint) = std::move(*argv);
            } else if (k == "workdir")
                img.config.working_dir = v;
            else if (k == "user")
                img.config.user = v;
            else if (k == "note")
                img.notes.emplace_back(v);
            else if (k == "approx")
                img.approx = v;
            else if (k == "base") {
                if (!base || base->name != v)
                    return make_error(Errc::enoent, "image builds on " + std::string(v) + ", which was not given",
                                      SourceLoc{std::string(file_name), r.line(), 0});
                img.base = v;
                img.layers = base->layers;
                img.history = base->history;
                img.dpkg_installed = base->dpkg_installed;
                own_first = img.layers.size();
                for (const ImageLayer& l : base->layers)
                    for (const CatalogFile& f : l.files) lower[f.path] = f;
            } else if (k == "expect") {
                std::vector<std::string_view> w = words(v);
                BaseImage::Expect e;
                uint64_t layer_no = 0;
                if (w.size() != 3 || !parse_u64(w[0], layer_no) || layer_no > UINT32_MAX ||
                    !parse_u64(w[1], e.entries) || !parse_u64(w[2], e.bytes))
                    return r.error("@expect needs: layer entries bytes", 2);
                e.layer = static_cast<uint32_t>(layer_no);
                img.expected.push_back(e);
            }
            continue;
        }
        if (line.size() < 2 || line[1] != ' ') return r.error("unknown line (expected KEY and a space)", 1);
        std::string_view rest = line.substr(2);
        switch (line[0]) {
        case 'H': {
            if (rest.size() < 2 || (rest[0] != '0' && rest[0] != '1') || rest[1] != ' ')
                return r.error("H line needs: 0|1 created_by", 3);
            HistoryEntry h;
            h.empty_layer = rest[0] == '1';
            h.created = created;
            h.created_by = rest.substr(2);
            if (!h.empty_layer) {
                finish_layer();
                in_layer = true;
                layer_created_by = h.created_by;
            }
            img.history.push_back(std::move(h));
            break;
        }
        case 'C':
            if (img.history.empty()) return r.error("C line before any H line", 1);
            img.history.back().comment = rest;
            break;
        case 'K': {
            if (!in_layer) return r.error("K line outside a layer", 1);
            const Package* p = apt.find(rest);
            if (!p) return r.error("package '" + std::string(rest) + "' is not in the apt catalog", 3);
            Unpacked u = dpkg_unpack(*p, dpkg_filter(), img.merged_usr);
            for (CatalogFile& f : u.files) put(layer, std::move(f));
            for (CatalogFile& f : u.info) put(layer, std::move(f));
            img.dpkg_installed.insert(p->name);
            layer_packages.push_back(p->name);
            break;
        }
        case 'X':
            excludes.clear();
            for (std::string_view w : words(rest)) excludes.emplace_back(w);
            break;
        case 'Y': {
            if (!in_layer) return r.error("Y line outside a layer", 1);
            std::vector<std::string> includes;
            for (std::string_view w : words(rest)) includes.emplace_back(w);
            slimify(lower, layer, excludes, includes);
            break;
        }
        default: return r.error(std::string("unknown line type '") + line[0] + "' in an image", 1);
        }
    }
    finish_layer();
    if (img.name.empty()) return r.error("image has no @name", 0);
    for (BaseImage::Expect& e : img.expected) e.layer += static_cast<uint32_t>(own_first);
    return img;
}

}  // namespace ll
