// context.cpp: the build context, .dockerignore (moby/patternmatcher),
// Go's filepath.Match, and Go-style path helpers.
#include <algorithm>
#include <set>

#include "core/build/internal.h"

namespace ll::build {

using namespace detail;

namespace detail {

std::string clean_path(std::string_view p) {
    // Go's path.Clean, lexically.
    if (p.empty()) return ".";
    const bool rooted = p[0] == '/';
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < p.size()) {
        while (i < p.size() && p[i] == '/') ++i;
        size_t j = i;
        while (j < p.size() && p[j] != '/') ++j;
        if (j > i) {
            std::string_view c = p.substr(i, j - i);
            if (c == ".") {
            } else if (c == "..") {
                if (!out.empty() && out.back() != "..")
                    out.pop_back();
                else if (!rooted)
                    out.push_back(c);
            } else {
                out.push_back(c);
            }
        }
        i = j;
    }
    std::string r = rooted ? "/" : "";
    for (size_t k = 0; k < out.size(); ++k) {
        if (k) r += '/';
        r.append(out[k]);
    }
    if (r.empty()) return ".";
    return r;
}

std::string join_path(std::string_view a, std::string_view b) {
    if (a.empty()) return clean_path(b);
    if (b.empty()) return clean_path(a);
    std::string s(a);
    s += '/';
    s.append(b);
    return clean_path(s);
}

std::string base_name(std::string_view p) {
    while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
    if (p.empty()) return ".";
    if (p == "/") return "/";
    size_t k = p.rfind('/');
    return std::string(k == std::string_view::npos ? p : p.substr(k + 1));
}

std::string dir_name(std::string_view p) {
    size_t k = p.rfind('/');
    if (k == std::string_view::npos) return ".";
    return clean_path(p.substr(0, k + 1));
}

bool ends_with_slash(std::string_view p) { return !p.empty() && p.back() == '/'; }

}  // namespace detail

// ---------------------------------------------------------------- context

namespace {

// "./a//b/" -> "a/b"; "" for the root.
std::string context_rel(std::string_view path) {
    std::string c = clean_path(path);
    while (!c.empty() && c[0] == '/') c.erase(0, 1);
    if (c == ".") c.clear();
    return c;
}

}  // namespace

void BuildContext::add_parents(std::string_view path) {
    std::string rel(path);
    size_t k = rel.rfind('/');
    while (k != std::string::npos) {
        std::string parent = rel.substr(0, k);
        if (m_entries.count(parent)) break;
        ContextEntry e;
        e.type = EntryType::dir;
        e.mode = 0755;
        m_entries.emplace(parent, e);
        k = parent.rfind('/');
        rel = parent;
    }
}

bool BuildContext::admit(std::string_view path, std::string& rel) {
    std::string why;
    if (path.find('\0') != std::string_view::npos) {
        why = "holds a NUL byte";
    } else if (!path.empty() && path[0] == '/') {
        why = "is absolute: names in a build context are relative to its root directory";
    } else {
        rel = context_rel(path);
        if (rel == ".." || rel.compare(0, 3, "../") == 0)
            why = "leads outside the context with '..': a build context holds only what is inside its directory";
    }
    if (why.empty()) return !rel.empty();
    if (!m_error) {
        std::string shown(path.substr(0, 200));
        for (char& ch : shown)
            if (ch == '\0') ch = '?';
        m_error = make_error(Errc::unsafe_path, "build context file '" + shown + "' " + why);
    }
    return false;
}

void BuildContext::add_file(std::string_view path, BlobId blob, uint32_t mode, int64_t mtime) {
    std::string rel;
    if (!admit(path, rel)) return;
    add_parents(rel);
    ContextEntry e;
    e.type = EntryType::file;
    e.mode = mode & 07777;
    e.mtime = mtime;
    e.blob = blob;
    m_entries[rel] = e;
}

void BuildContext::add_dir(std::string_view path, uint32_t mode, int64_t mtime) {
    std::string rel;
    if (!admit(path, rel)) return;
    add_parents(rel);
    ContextEntry e;
    e.type = EntryType::dir;
    e.mode = mode & 07777;
    e.mtime = mtime;
    m_entries[rel] = e;
}

void BuildContext::add_symlink(std::string_view path, std::string_view target, int64_t mtime) {
    std::string rel;
    if (!admit(path, rel)) return;
    add_parents(rel);
    ContextEntry e;
    e.type = EntryType::symlink;
    e.mode = 0777;
    e.mtime = mtime;
    e.target = std::string(target);
    m_entries[rel] = e;
}

const ContextEntry* BuildContext::find(std::string_view path) const {
    auto it = m_entries.find(context_rel(path));
    return it == m_entries.end() ? nullptr : &it->second;
}

std::string BuildContext::dockerignore(const BlobStore& blobs) const {
    auto it = m_entries.find(".dockerignore");
    if (it == m_entries.end() || it->second.type != EntryType::file) return "";
    return blobs.read_all(it->second.blob, 1 << 20);
}

// ---------------------------------------------------------------- patterns

namespace {

// One .dockerignore pattern as moby/patternmatcher compiles it to a regular
// expression: "*" -> [^/]*, "**/" and inner "**" -> (.*/)?, a final "**" ->
// .*, "?" -> [^/], "\x" -> x, [...] a class; anchored at both ends. The
// matcher below runs that expression directly (backtracking with a memo).
struct PatternMatcher {
    enum class Tok : uint8_t { lit, star, dstar_slash, dstar_end, any, cls };
    struct Item {
        Tok tok;
        char ch = 0;
        std::string cls;  // class body without brackets
        bool negated = false;
    };
    std::vector<Item> items;

    static Item item(Tok t, char c = 0) {
        Item it;
        it.tok = t;
        it.ch = c;
        return it;
    }

    static PatternMatcher compile(std::string_view p) {
        PatternMatcher m;
        for (size_t i = 0; i < p.size(); ++i) {
            char c = p[i];
            if (c == '*') {
                if (i + 1 < p.size() && p[i + 1] == '*') {
                    ++i;
                    if (i + 1 < p.size() && p[i + 1] == '/') ++i;
                    if (i + 1 >= p.size())
                        m.items.push_back(item(Tok::dstar_end));
                    else
                        m.items.push_back(item(Tok::dstar_slash));
                } else {
                    m.items.push_back(item(Tok::star));
                }
            } else if (c == '?') {
                m.items.push_back(item(Tok::any));
            } else if (c == '\\' && i + 1 < p.size()) {
                m.items.push_back(item(Tok::lit, p[++i]));
            } else if (c == '[') {
                size_t j = i + 1;
                Item it = item(Tok::cls);
                if (j < p.size() && (p[j] == '^' || p[j] == '!')) {
                    it.negated = true;
                    ++j;
                }
                size_t start = j;
                if (j < p.size() && p[j] == ']') ++j;  // "[]...]" has a literal ]
                while (j < p.size() && p[j] != ']') {
                    if (p[j] == '\\' && j + 1 < p.size()) ++j;
                    ++j;
                }
                if (j >= p.size()) {  // no closing bracket: a literal '['
                    m.items.push_back(item(Tok::lit, '['));
                    continue;
                }
                it.cls = std::string(p.substr(start, j - start));
                m.items.push_back(std::move(it));
                i = j;
            } else {
                m.items.push_back(item(Tok::lit, c));
            }
        }
        return m;
    }

    static bool in_class(const Item& it, char c) {
        bool hit = false;
        const std::string& s = it.cls;
        for (size_t k = 0; k < s.size(); ++k) {
            char lo = s[k];
            if (lo == '\\' && k + 1 < s.size()) lo = s[++k];
            char hi = lo;
            if (k + 2 < s.size() && s[k + 1] == '-') {
                hi = s[k + 2];
                if (hi == '\\' && k + 3 < s.size()) {
                    hi = s[k + 3];
                    ++k;
                }
                k += 2;
            }
            if (c >= lo && c <= hi) hit = true;
        }
        return hit != it.negated;
    }

    bool match(std::string_view s) const {
        std::vector<int8_t> memo((items.size() + 1) * (s.size() + 1), -1);
        return go(0, 0, s, memo);
    }

    bool go(size_t pi, size_t si, std::string_view s, std::vector<int8_t>& memo) const {
        int8_t& m = memo[pi * (s.size() + 1) + si];
        if (m >= 0) return m != 0;
        bool r = false;
        if (pi == items.size()) {
            r = si == s.size();
        } else {
            const Item& it = items[pi];
            switch (it.tok) {
            case Tok::lit: r = si < s.size() && s[si] == it.ch && go(pi + 1, si + 1, s, memo); break;
            case Tok::any: r = si < s.size() && s[si] != '/' && go(pi + 1, si + 1, s, memo); break;
            case Tok::cls: r = si < s.size() && in_class(it, s[si]) && go(pi + 1, si + 1, s, memo); break;
            case Tok::star:
                for (size_t k = si;; ++k) {
                    if (go(pi + 1, k, s, memo)) {
                        r = true;
                        break;
                    }
                    if (k >= s.size() || s[k] == '/') break;
                }
                break;
            case Tok::dstar_end:
                r = true;  // .* to the end
                break;
            case Tok::dstar_slash:
                // (.*/)? : nothing, or anything ending in a slash
                if (go(pi + 1, si, s, memo)) {
                    r = true;
                    break;
                }
                for (size_t k = si; k < s.size(); ++k)
                    if (s[k] == '/' && go(pi + 1, k + 1, s, memo)) {
                        r = true;
                        break;
                    }
                break;
            }
        }
        m = r ? 1 : 0;
        return r;
    }
};

std::vector<std::string> split_slash(std::string_view p) {
    std::vector<std::string> out;
    size_t i = 0;
    while (true) {
        size_t j = p.find('/', i);
        out.emplace_back(p.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
        if (j == std::string_view::npos) break;
        i = j + 1;
    }
    return out;
}

std::string clean_pattern(std::string_view raw) {
    std::string p = clean_path(raw);
    if (p.size() > 1 && p[0] == '/') p.erase(0, 1);
    return p;
}

}  // namespace

Result<IgnoreRules> IgnoreRules::parse(std::string_view text) {
    IgnoreRules r;
    size_t i = 0;
    bool first = true;
    while (i <= text.size()) {
        size_t j = text.find('\n', i);
        std::string_view line = text.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (first && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
        first = false;
        if (!(line.size() > 0 && line[0] == '#')) {
            while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
            while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
            if (!line.empty()) {
                bool invert = line[0] == '!';
                if (invert) {
                    line.remove_prefix(1);
                    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
                }
                if (!line.empty()) r.m_rules.push_back(Rule{clean_pattern(line), invert});
            }
        }
        if (j == std::string_view::npos) break;
        i = j + 1;
    }
    return r;
}

Result<IgnoreRules> IgnoreRules::from_patterns(const std::vector<std::string>& patterns) {
    IgnoreRules r;
    for (const std::string& raw : patterns) {
        std::string_view p = raw;
        bool invert = !p.empty() && p[0] == '!';
        if (invert) p.remove_prefix(1);
        if (p.empty()) continue;
        r.m_rules.push_back(Rule{clean_pattern(p), invert});
    }
    return r;
}

bool IgnoreRules::empty() const { return m_rules.empty(); }

bool IgnoreRules::has_exceptions() const {
    for (const Rule& r : m_rules)
        if (r.exception) return true;
    return false;
}

bool IgnoreRules::excluded(std::string_view path_in) const {
    // patternmatcher.MatchesOrParentMatches: the last matching pattern
    // decides; a pattern that matches a parent directory matches the path.
    std::string file = clean_path(path_in);
    if (!file.empty() && file[0] == '/') file.erase(0, 1);
    std::string parent = dir_name(file);
    std::vector<std::string> parent_dirs = split_slash(parent);
    bool matched = false;
    for (const Rule& r : m_rules) {
        if (r.exception != matched) continue;  // cannot change the outcome
        PatternMatcher pm = PatternMatcher::compile(r.pattern);
        bool m = pm.match(file);
        if (!m && parent != ".") {
            std::string prefix;
            for (size_t k = 0; k < parent_dirs.size() && !m; ++k) {
                if (k) prefix += '/';
                prefix += parent_dirs[k];
                m = pm.match(prefix);
            }
        }
        if (m) matched = !r.exception;
    }
    return matched;
}

// ---------------------------------------------------------------- filepath.Match

namespace {

// Go's filepath.Match, ported: chunks of literal text and classes separated
// by stars. Returns false for malformed patterns (Go returns ErrBadPattern).
bool match_chunk(std::string_view chunk, std::string_view s, std::string_view& rest, bool& bad) {
    while (!chunk.empty()) {
        if (s.empty()) return false;
        switch (chunk[0]) {
        case '[': {
            unsigned char r = static_cast<unsigned char>(s[0]);
            s.remove_prefix(1);
            chunk.remove_prefix(1);
            bool negated = false;
            if (!chunk.empty() && chunk[0] == '^') {
                negated = true;
                chunk.remove_prefix(1);
            }
            bool matched = false;
            int nrange = 0;
            while (true) {
                if (!chunk.empty() && chunk[0] == ']' && nrange > 0) {
                    chunk.remove_prefix(1);
                    break;
                }
                auto get = [&](unsigned char& out) {
                    if (chunk.empty() || chunk[0] == '-' || chunk[0] == ']') {
                        bad = true;
                        return false;
                    }
                    if (chunk[0] == '\\') {
                        chunk.remove_prefix(1);
                        if (chunk.empty()) {
                            bad = true;
                            return false;
                        }
                    }
                    out = static_cast<unsigned char>(chunk[0]);
                    chunk.remove_prefix(1);
                    return true;
                };
                unsigned char lo = 0, hi = 0;
                if (!get(lo)) return false;
                hi = lo;
                if (!chunk.empty() && chunk[0] == '-') {
                    chunk.remove_prefix(1);
                    if (!get(hi)) return false;
                }
                if (lo <= r && r <= hi) matched = true;
                ++nrange;
            }
            if (matched == negated) return false;
            break;
        }
        case '?':
            if (s[0] == '/') return false;
            s.remove_prefix(1);
            chunk.remove_prefix(1);
            break;
        case '\\':
            chunk.remove_prefix(1);
            if (chunk.empty()) {
                bad = true;
                return false;
            }
            [[fallthrough]];
        default:
            if (chunk[0] != s[0]) return false;
            s.remove_prefix(1);
            chunk.remove_prefix(1);
        }
    }
    rest = s;
    return true;
}

}  // namespace

bool path_match(std::string_view pattern, std::string_view name) {
    bool bad = false;
    while (!pattern.empty()) {
        bool star = false;
        while (!pattern.empty() && pattern[0] == '*') {
            pattern.remove_prefix(1);
            star = true;
        }
        // scanChunk
        size_t i = 0;
        bool inrange = false;
        for (; i < pattern.size(); ++i) {
            char c = pattern[i];
            if (c == '\\') {
                if (i + 1 < pattern.size()) ++i;
            } else if (c == '[') {
                inrange = true;
            } else if (c == ']') {
                inrange = false;
            } else if (c == '*' && !inrange) {
                break;
            }
        }
        std::string_view chunk = pattern.substr(0, i);
        pattern.remove_prefix(i);
        if (star && chunk.empty()) return name.find('/') == std::string_view::npos;
        std::string_view rest;
        if (match_chunk(chunk, name, rest, bad) && (rest.empty() || !pattern.empty())) {
            name = rest;
            continue;
        }
        if (bad) return false;
        bool ok = false;
        if (star) {
            for (size_t k = 0; k < name.size() && name[k] != '/'; ++k) {
                if (match_chunk(chunk, name.substr(k + 1), rest, bad)) {
                    if (pattern.empty() && !rest.empty()) continue;
                    name = rest;
                    ok = true;
                    break;
                }
                if (bad) return false;
            }
        }
        if (!ok) return false;
    }
    return name.empty();
}

bool has_wildcards(std::string_view word) {
    for (size_t i = 0; i < word.size(); ++i) {
        char c = word[i];
        if (c == '\\') {
            ++i;
        } else if (c == '*' || c == '?' || c == '[') {
            return true;
        }
    }
    return false;
}

// ---------------------------------------------------------------- source trees

namespace detail {

ContextTree::ContextTree(const BuildContext& ctx, const IgnoreRules& rules) : m_ctx(&ctx) {
    std::set<std::string> visible;
    for (const auto& [path, e] : ctx.entries()) {
        (void)e;
        if (!rules.empty() && rules.excluded(path)) continue;
        visible.insert(path);
        // fsutil sends the directories above an included entry even when
        // they are excluded themselves (an exception re-included something).
        for (std::string p = dir_name(path); p != "."; p = dir_name(p)) visible.insert(p);
    }
    m_visible.assign(visible.begin(), visible.end());
}

std::optional<SrcNode> ContextTree::lstat(const std::string& rel) const {
    if (rel.empty()) return SrcNode{};
    if (!std::binary_search(m_visible.begin(), m_visible.end(), rel)) return std::nullopt;
    const ContextEntry* e = m_ctx->find(rel);
    if (!e) return std::nullopt;
    SrcNode n;
    n.type = e->type;
    n.mode = e->mode;
    n.mtime = e->mtime;
    n.blob = e->blob;
    n.target = e->target;
    return n;
}

std::vector<std::string> ContextTree::children(const std::string& rel) const {
    std::vector<std::string> out;
    std::string prefix = rel.empty() ? "" : rel + "/";
    auto it = std::lower_bound(m_visible.begin(), m_visible.end(), prefix);
    for (; it != m_visible.end(); ++it) {
        if (it->compare(0, prefix.size(), prefix) != 0) break;
        std::string_view rest = std::string_view(*it).substr(prefix.size());
        if (rest.empty() || rest.find('/') != std::string_view::npos) continue;
        out.emplace_back(rest);
    }
    std::sort(out.begin(), out.end());
    return out;
}

ImageTree::ImageTree(const Image& image, const Store& store, std::string what)
    : m_image(&image), m_store(&store), m_what(std::move(what)) {}

std::optional<SrcNode> ImageTree::lstat(const std::string& rel) const {
    if (rel.empty()) return SrcNode{};
    PathId p = m_store->paths.find("/" + rel);
    if (p == k_no_path) return std::nullopt;
    uint32_t layer = 0;
    const Entry* e = m_image->find(p, &layer);
    if (!e || e->is_whiteout()) return std::nullopt;
    // Every ancestor must be a visible directory too (find() is lexical).
    for (PathId a = m_store->paths.parent(p); a != k_root_path; a = m_store->paths.parent(a)) {
        const Entry* ae = m_image->find(a);
        if (!ae || !ae->is_dir()) return std::nullopt;
    }
    SrcNode n;
    n.type = e->type;
    n.mode = e->mode;
    n.uid = e->uid;
    n.gid = e->gid;
    n.mtime = e->mtime;
    n.blob = e->blob;
    n.target = e->target;
    n.xattrs = e->xattrs;
    if (e->type == EntryType::file && e->link_group != 0) n.inode = (uint64_t(layer) + 1) << 32 | e->link_group;
    return n;
}

std::vector<std::string> ImageTree::children(const std::string& rel) const {
    std::vector<std::string> out;
    ImageView view(*m_image, m_store->paths);
    Resolution r = resolve(view, m_store->paths, "/" + rel, false);
    if (!r || !r.node.is_dir()) return out;
    view.for_each_child(r.node, [&](const Node& n) { out.emplace_back(m_store->paths.name(n.path)); });
    std::sort(out.begin(), out.end());
    return out;
}

std::optional<std::string> root_path(const SourceTree& t, std::string_view rel, bool follow_last) {
    // continuity's fs.RootPath: walk component by component; symlinks are
    // resolved relative to the root, ".." never climbs above it.
    std::vector<std::string> todo;
    {
        std::string c = clean_path(std::string("/") + std::string(rel));
        std::vector<std::string> parts = split_slash(c.substr(1));
        for (auto it = parts.rbegin(); it != parts.rend(); ++it)
            if (!it->empty()) todo.push_back(*it);
    }
    std::vector<std::string> cur;
    int hops = 0;
    auto joined = [&] {
        std::string s;
        for (size_t k = 0; k < cur.size(); ++k) {
            if (k) s += '/';
            s += cur[k];
        }
        return s;
    };
    while (!todo.empty()) {
        std::string comp = std::move(todo.back());
        todo.pop_back();
        if (comp == "." || comp.empty()) continue;
        if (comp == "..") {
            if (!cur.empty()) cur.pop_back();
            continue;
        }
        cur.push_back(comp);
        bool last = todo.empty();
        if (last && !follow_last) break;
        std::optional<SrcNode> n = t.lstat(joined());
        if (!n || n->type != EntryType::symlink) continue;
        if (++hops > 255) return std::nullopt;
        cur.pop_back();
        std::string target = n->target;
        if (!target.empty() && target[0] == '/') cur.clear();
        std::vector<std::string> parts = split_slash(target);
        for (auto it = parts.rbegin(); it != parts.rend(); ++it)
            if (!it->empty()) todo.push_back(*it);
    }
    return joined();
}

}  // namespace detail

}  // namespace ll::build
