// cache.cpp: the build cache, and the ending every cache step shares.
//
//   BuildCache          records by key, and "what was at this place last time"
//   lookup              hit, or a miss with the reason in words (explain_miss)
//   reuse_cached        a hit: last build's layer goes on the stage's image
//   take_layer          a step that ran: its writable layer becomes the layer
//   finish_step         history entry, the step's image, the stage's key chain,
//                       a record for the next build
//
// A key is sha256(parent key + "\n" + material): the chain makes every step
// after a miss miss too, as BuildKit's cache does.
#include "core/build/engine.h"

namespace ll::build {

using namespace detail;
using dockerfile::Kind;

// ---------------------------------------------------------------- BuildCache

const BuildCache::Record* BuildCache::find(const std::string& key) const {
    auto it = m_records.find(key);
    return it == m_records.end() ? nullptr : &it->second;
}

void BuildCache::put(const std::string& key, Record r) { m_records[key] = std::move(r); }

namespace {
std::string previous_key(const std::string& parent, Kind kind, size_t instruction) {
    return parent + "|" + dockerfile::kind_name(kind) + "|" + std::to_string(instruction);
}

// The first line where two key texts differ: (was, now).
std::pair<std::string, std::string> first_diff(const std::string& a, const std::string& b) {
    size_t i = 0, la = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) {
        if (a[i] == '\n') la = i + 1;
        ++i;
    }
    size_t ea = a.find('\n', la), eb = b.find('\n', la);
    return {a.substr(la, ea == std::string::npos ? std::string::npos : ea - la),
            b.substr(la, eb == std::string::npos ? std::string::npos : eb - la)};
}

// COPY/ADD: which copied files differ from last time ("app.py, b.txt").
std::string changed_inputs(const std::map<std::string, std::string>& now, const std::map<std::string, std::string>& was,
                           size_t* count) {
    std::vector<std::string> changed;
    for (const auto& [p, sum] : now) {
        auto it = was.find(p);
        if (it == was.end() || it->second != sum) changed.push_back(p);
    }
    for (const auto& [p, sum] : was)
        if (!now.count(p)) changed.push_back(p + " (gone)");
    *count = changed.size();
    std::string list;
    for (size_t i = 0; i < changed.size() && i < 3; ++i) {
        std::string c = changed[i];
        if (!c.empty() && c[0] == '/') c.erase(0, 1);
        list += (i ? ", " : "") + c;
    }
    if (changed.size() > 3) list += " and " + std::to_string(changed.size() - 3) + " more";
    return list;
}
}  // namespace

const BuildCache::Record* BuildCache::previous(const std::string& parent_key, Kind kind, size_t instruction) const {
    auto it = m_previous.find(previous_key(parent_key, kind, instruction));
    if (it == m_previous.end()) return nullptr;
    return find(it->second);
}

void BuildCache::remember(const std::string& parent_key, Kind kind, size_t instruction, const std::string& key) {
    m_previous[previous_key(parent_key, kind, instruction)] = key;
}

void BuildCache::clear() {
    m_records.clear();
    m_previous.clear();
}

// ---------------------------------------------------------------- lookups

bool Builder::Impl::lookup(Cur& c, const CacheStep& cs) {
    Step& st = c.st;
    st.cache_key = cs.key;
    if (!cache) {
        st.cache_note = "no build cache: the step runs";
        return false;
    }
    if (opt.no_cache) {
        st.cache_note = "--no-cache: every step runs";
        return false;
    }
    if (cache->find(cs.key)) {
        st.cache_note = st.kind == Kind::Copy || st.kind == Kind::Add
                            ? "CACHED: same instruction and same file contents as last build"
                            : "CACHED: same instruction on the same parent as last build";
        return true;
    }
    st.cache_note = explain_miss(c, cs);
    return false;
}

// Why a step missed, in words.
std::string Builder::Impl::explain_miss(Cur& c, const CacheStep& cs) const {
    const StageRun& s = c.s;
    if (s.missed)
        return "cache miss: " + s.miss_title +
               " missed, so every later step of this stage runs again (the cache is a chain)";
    const BuildCache::Record* prev = cache->previous(s.key, c.st.kind, c.pos);
    if (!prev) return "cache miss: this step is not in the cache yet (first build of it)";
    if (!cs.inputs.empty() || !prev->inputs.empty()) {
        size_t n = 0;
        std::string list = changed_inputs(cs.inputs, prev->inputs, &n);
        if (prev->text != cs.text) return "cache miss: the instruction changed since the last build";
        if (n)
            return "cache miss: " + list + " changed since the last build (contents or metadata; mtimes do not count)";
        return "cache miss: the copied files changed since the last build";
    }
    if (prev->text == cs.text) return "cache miss: the step before it changed";
    // Point at the first differing line of the key material.
    auto [was, now] = first_diff(prev->text, cs.text);
    if (was.rfind("env=", 0) == 0)
        return "cache miss: the environment changed (ENV or ARG values), and RUN is keyed by it";
    if (was.rfind("user=", 0) == 0) return "cache miss: USER changed since the last build";
    if (was.rfind("cwd=", 0) == 0) return "cache miss: WORKDIR changed since the last build";
    return "cache miss: the instruction changed since the last build (was: " + was + ")";
}

// ---------------------------------------------------------------- layers

Status Builder::Impl::reuse_cached(Cur& c, const std::string& key) {
    const BuildCache::Record* r = cache->find(key);
    c.st.empty_layer = r->empty_layer;
    c.st.output = r->output;
    c.st.state = StepState::cached;
    if (c.st.empty_layer) return {};
    c.st.layer = r->image.layers().back();
    return push_layer(c, c.st.layer);
}

Status Builder::Impl::take_layer(Cur& c, LayerPtr l) {
    c.st.state = StepState::done;
    if (l->empty() && rules.drops_empty_layers) {
        c.st.empty_layer = true;
        return {};
    }
    c.st.empty_layer = false;
    c.st.layer = std::move(l);
    return push_layer(c, c.st.layer);
}

// ---------------------------------------------------------------- the ending

void Builder::Impl::add_history(StageRun& s, Step& st) {
    if (st.created_by.empty()) return;
    HistoryEntry h;
    h.created_by = st.created_by;
    h.empty_layer = st.empty_layer;
    h.comment = rules.history_comment;
    s.image.history.push_back(std::move(h));
}

void Builder::Impl::finish_step(Cur& c, const CacheStep& cs, bool hit) {
    add_history(c.s, c.st);
    c.st.image = c.s.image;
    c.s.key = cs.next_key.empty() ? cs.key : cs.next_key;
    if (hit) return;
    if (!c.s.missed && cache) {
        c.s.missed = true;
        c.s.miss_title = c.st.title;
    }
    store_record(c, cs);
}

void Builder::Impl::store_record(Cur& c, const CacheStep& cs) {
    if (!cache) return;
    BuildCache::Record r;
    r.image = c.s.image;
    r.created_by = c.st.created_by;
    r.empty_layer = c.st.empty_layer;
    r.output = c.st.output;
    r.inputs = cs.inputs;
    r.text = cs.text;
    cache->put(cs.key, std::move(r));
    cache->remember(cs.parent, c.st.kind, c.pos, cs.key);
}

}  // namespace ll::build
