// builder.cpp: the build engine (see builder.h).
//
// Reading order, as BuildKit's dockerfile2llb/convert.go is organised:
//   plan        global ARGs, the target, which stages it needs, step titles
//   FROM        the stage's base (scratch, an earlier stage, an image),
//               ONBUILD triggers of the base
//   dispatch    one function per instruction; filesystem instructions run
//               in a Container and take its writable layer as their layer
//   cache       keys, lookups, and why a step missed
//   narration   what a step did, in plain words, with the real byte counts
#include "core/build/builder.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <set>
#include <unordered_set>

#include "core/build/internal.h"
#include "core/dockerfile/expand.h"
#include "core/dockerfile/parser.h"
#include "core/shell/shell.h"

namespace ll::build {

using namespace detail;
using dockerfile::Instruction;
using dockerfile::Kind;

const char* flavor_name(Flavor f) {
    switch (f) {
    case Flavor::buildkit: return "buildkit";
    case Flavor::buildah: return "buildah";
    case Flavor::classic: return "classic";
    }
    return "?";
}

std::optional<Flavor> flavor_from_name(std::string_view name) {
    if (name == "buildkit") return Flavor::buildkit;
    if (name == "buildah") return Flavor::buildah;
    if (name == "classic") return Flavor::classic;
    return std::nullopt;
}

const char* step_state_name(StepState s) {
    switch (s) {
    case StepState::pending: return "pending";
    case StepState::done: return "done";
    case StepState::cached: return "cached";
    case StepState::failed: return "failed";
    case StepState::skipped: return "skipped";
    }
    return "?";
}

// ---------------------------------------------------------------- cache

const BuildCache::Record* BuildCache::find(const std::string& key) const {
    auto it = m_records.find(key);
    return it == m_records.end() ? nullptr : &it->second;
}

void BuildCache::put(const std::string& key, Record r) { m_records[key] = std::move(r); }

namespace {
std::string previous_key(const std::string& parent, Kind kind, size_t instruction) {
    return parent + "|" + dockerfile::kind_name(kind) + "|" + std::to_string(instruction);
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

// ---------------------------------------------------------------- helpers

namespace {

constexpr const char* k_default_path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
constexpr const char* k_history_comment = "buildkit.dockerfile.v0";

std::string upper(std::string_view s) {
    std::string r(s);
    for (char& c : r)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return r;
}

std::string lower(std::string_view s) {
    std::string r(s);
    for (char& c : r)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return r;
}

std::string key_hash(std::string_view parent, std::string_view material) {
    Sha256 h;
    h.update(parent);
    h.update("\n");
    h.update(material);
    return h.finish().hex();
}

std::pair<std::string, std::string> split_kv(std::string_view kv) {
    size_t k = kv.find('=');
    if (k == std::string_view::npos) return {std::string(kv), ""};
    return {std::string(kv.substr(0, k)), std::string(kv.substr(k + 1))};
}

std::string last_lines(std::string_view text, size_t n) {
    while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    size_t pos = text.size();
    size_t count = 0;
    while (pos > 0) {
        size_t k = text.rfind('\n', pos - 1);
        ++count;
        if (count == n || k == std::string_view::npos) {
            pos = k == std::string_view::npos ? 0 : k + 1;
            break;
        }
        pos = k;
    }
    return std::string(text.substr(pos));
}

// Single-quote a word for the simulated shell (exec form RUN).
std::string shell_quote(std::string_view w) {
    std::string out = "'";
    for (char c : w) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

bool valid_signal(std::string_view s) {
    static const char* const names[] = {
        "ABRT", "ALRM",   "BUS",  "CHLD", "CLD",  "CONT",   "FPE",    "HUP",  "ILL",  "INT",   "IO",   "IOT",  "KILL",
        "PIPE", "POLL",   "PROF", "PWR",  "QUIT", "SEGV",   "STKFLT", "STOP", "SYS",  "TERM",  "TRAP", "TSTP", "TTIN",
        "TTOU", "UNUSED", "URG",  "USR1", "USR2", "VTALRM", "WINCH",  "XCPU", "XFSZ", "RTMIN", "RTMAX"};
    if (s.empty()) return false;
    if (std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        long v = std::strtol(std::string(s).c_str(), nullptr, 10);
        return v > 0 && v <= 64;
    }
    std::string u = upper(s);
    if (u.rfind("SIG", 0) == 0) u.erase(0, 3);
    for (const char* n : names)
        if (u == n) return true;
    if (u.rfind("RTMIN+", 0) == 0 || u.rfind("RTMAX-", 0) == 0) return true;
    return false;
}

// BuildKit's parsePortSpec: "80" -> 80/tcp, "53/udp", "8000-8002" -> three.
Result<std::vector<std::string>> parse_ports(std::string_view raw) {
    std::string r(raw);
    std::string container = r;
    if (size_t k = r.rfind(':'); k != std::string::npos) container = r.substr(k + 1);
    std::string port = container, proto = "tcp";
    if (size_t k = container.find('/'); k != std::string::npos) {
        port = container.substr(0, k);
        proto = lower(container.substr(k + 1));
        if (proto.empty()) proto = "tcp";
    }
    if (port.empty()) return make_error(Errc::einval, "no port specified: " + r + "<empty>");
    if (proto != "tcp" && proto != "udp" && proto != "sctp") return make_error(Errc::einval, "invalid proto: " + proto);
    auto num = [](std::string_view s, uint64_t& out) {
        if (s.empty() || s.size() > 5) return false;
        out = 0;
        for (char c : s) {
            if (c < '0' || c > '9') return false;
            out = out * 10 + static_cast<uint64_t>(c - '0');
        }
        return out <= 65535;
    };
    uint64_t a = 0, b = 0;
    if (size_t d = port.find('-'); d != std::string::npos) {
        if (!num(port.substr(0, d), a) || !num(port.substr(d + 1), b) || b < a)
            return make_error(Errc::einval, "invalid containerPort: " + port);
    } else {
        if (!num(port, a)) return make_error(Errc::einval, "invalid containerPort: " + port);
        b = a;
    }
    std::vector<std::string> out;
    for (uint64_t p = a; p <= b; ++p) out.push_back(std::to_string(p) + "/" + proto);
    return out;
}

std::vector<std::string> split_path(std::string_view p) {
    std::vector<std::string> v;
    size_t i = 0;
    while (i < p.size()) {
        size_t j = p.find('/', i);
        if (j == std::string_view::npos) j = p.size();
        if (j > i) v.emplace_back(p.substr(i, j - i));
        i = j + 1;
    }
    return v;
}

struct ArgDecl {
    std::string key;
    std::optional<std::string> value;
};

// What a new layer did, against the image below it.
struct LayerStory {
    uint64_t added = 0, modified = 0, deleted = 0, dirs = 0, symlinks = 0;
    uint64_t added_files = 0, added_links = 0;
    uint64_t bytes = 0;                                     // the layer's size
    uint64_t copied_up_bytes = 0;                           // modified files: whole copies
    std::vector<std::pair<std::string, uint64_t>> removed;  // path, bytes still shipped below
    std::vector<std::string> changed;                       // modified paths (a few)
    std::vector<std::string> new_paths;                     // added paths (a few)
};

uint64_t bytes_below(const Image& below, const PathTable& paths, const BlobStore& blobs, PathId p) {
    uint64_t n = 0;
    for (const LayerPtr& l : below.layers())
        for (const Entry& e : l->entries())
            if (!e.is_whiteout() && paths.is_ancestor_or_self(p, e.path)) n += entry_size(e, blobs);
    return n;
}

LayerStory tell(const Image& below, const Layer& layer, const Store& store) {
    LayerStory s;
    s.bytes = layer.size();
    for (const Entry& e : layer.entries()) {
        const Entry* low = below.find(e.path);
        if (e.is_whiteout()) {
            if (low) {
                ++s.deleted;
                s.removed.emplace_back(store.paths.str(e.path), bytes_below(below, store.paths, store.blobs, e.path));
            }
            continue;
        }
        if (e.is_dir()) {
            if (!low) ++s.dirs;
            if (e.opaque && low) {
                ++s.deleted;
                s.removed.emplace_back(store.paths.str(e.path) + "/*",
                                       bytes_below(below, store.paths, store.blobs, e.path));
            }
            continue;
        }
        if (e.type == EntryType::symlink) ++s.symlinks;
        if (low && !low->is_whiteout()) {
            ++s.modified;
            if (e.type == EntryType::file) s.copied_up_bytes += entry_size(e, store.blobs);
            if (s.changed.size() < 3) s.changed.push_back(store.paths.str(e.path));
        } else {
            ++s.added;
            if (e.type == EntryType::symlink)
                ++s.added_links;
            else
                ++s.added_files;
            if (s.new_paths.size() < 3) s.new_paths.push_back(store.paths.str(e.path));
        }
    }
    return s;
}

std::string plural(uint64_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// Drops the layer entries below `dirs` (RUN --mount targets: the mount point
// itself stays; VOLUME paths under buildah/classic: `inclusive`, it goes too).
LayerPtr filter_layer(const LayerPtr& l, const std::vector<PathId>& dirs, Store& store, bool* dropped, bool inclusive) {
    if (dirs.empty()) return l;
    LayerBuilder b(store.paths);
    for (const Entry& e : l->entries()) {
        bool under = false;
        for (PathId d : dirs)
            if ((inclusive || e.path != d) && store.paths.is_ancestor_or_self(d, e.path)) under = true;
        if (under) {
            *dropped = true;
            continue;
        }
        b.put(e);
    }
    return b.freeze(store.blobs);
}

}  // namespace

// ---------------------------------------------------------------- impl

struct Builder::Impl {
    Store& store;
    dockerfile::Dockerfile df;
    BuildContext ctx;
    Options opt;
    ImageSource& images;
    BuildCache* cache;

    struct StageRun {
        bool needed = false;
        bool started = false, done = false;
        std::string base_name;             // FROM after expansion
        std::optional<size_t> base_stage;  // FROM names an earlier stage
        Image image;
        dockerfile::Env env;        // the llb state's env: config Env + ARG values
        std::vector<ArgDecl> args;  // ARGs declared (and inherited from a base stage)
        bool cmd_set = false;
        std::string key;      // cache chain
        bool missed = false;  // an earlier step of this stage missed
        std::string miss_title;
        std::string author;
        size_t cmd_index = 0, cmd_total = 0;
        std::vector<std::string> volumes;  // classic: discard RUN changes below
        std::vector<std::string> own_env;  // buildah: variables this stage's ENVs set
    };

    std::vector<Step> steps;
    std::vector<const Instruction*> step_ins;  // parallel to steps
    std::deque<Instruction> triggers;          // parsed ONBUILD triggers (stable addresses)
    std::vector<StageRun> stages;
    size_t target = 0;
    bool failed = false;
    std::optional<Error> error;
    dockerfile::Env global_env;
    std::map<std::string, std::string> build_args;
    std::set<std::string> used_build_args;
    std::vector<std::string> warnings;
    std::optional<IgnoreRules> ignore;
    std::unique_ptr<ContextTree> ctx_tree;
    Image result;
    bool have_result = false;
    bool multi_stage = false;

    Impl(Store& s, dockerfile::Dockerfile f, BuildContext c, Options o, ImageSource& i, BuildCache* ca)
        : store(s), df(std::move(f)), ctx(std::move(c)), opt(std::move(o)), images(i), cache(ca) {}

    std::string file() const { return df.filename; }
    SourceLoc loc(const dockerfile::Span& sp) const { return sp.loc(df.filename); }
    Error at(Error e, const dockerfile::Span& sp) const {
        if (e.where.file.empty() && e.where.line == 0) e.where = loc(sp);
        return e;
    }
    Error fail(Errc code, std::string msg, const dockerfile::Span& sp) const {
        return make_error(code, std::move(msg), loc(sp));
    }

    bool buildkit() const { return opt.flavor == Flavor::buildkit; }
    bool buildah() const { return opt.flavor == Flavor::buildah; }
    bool classic() const { return opt.flavor == Flavor::classic; }

    // ------------------------------------------------------------ plan

    void plan();
    std::string title_for(const Instruction& ins, StageRun& sr, size_t stage_index, bool onbuild);

    // ------------------------------------------------------------ run

    Status run_step(size_t idx);
    Status do_from(size_t idx);
    Status do_instruction(size_t idx);

    // expansion with the stage's env
    Result<std::string> word(const StageRun& s, std::string_view w, const dockerfile::Span& sp) const {
        Result<std::string> r = dockerfile::expand(w, s.env, df.escape);
        if (!r) return at(r.error(), sp);
        return r;
    }

    // cache
    bool lookup(Step& st, StageRun& s, const std::string& key, size_t pos, const std::string& text,
                const std::map<std::string, std::string>& inputs);
    void store_record(Step& st, StageRun& s, const std::string& parent, size_t pos, const std::string& text,
                      const std::map<std::string, std::string>& inputs);

    void add_history(StageRun& s, Step& st) {
        if (st.created_by.empty()) return;
        HistoryEntry h;
        h.created_by = st.created_by;
        h.empty_layer = st.empty_layer;
        if (buildkit()) h.comment = k_history_comment;
        s.image.history.push_back(std::move(h));
    }

    ContextTree& context_tree() {
        if (!ctx_tree) {
            if (!ignore) {
                Result<IgnoreRules> r = IgnoreRules::parse(ctx.dockerignore(store.blobs));
                ignore = r ? std::move(*r) : IgnoreRules{};
            }
            ctx_tree = std::make_unique<ContextTree>(ctx, *ignore);
        }
        return *ctx_tree;
    }

    std::string layer_label(const Image& img) const { return "layer " + std::to_string(img.layer_count() - 1); }
};

// ---------------------------------------------------------------- plan

std::string Builder::Impl::title_for(const Instruction& ins, StageRun& sr, size_t stage_index, bool onbuild) {
    bool counted = ins.kind == Kind::Run || ins.kind == Kind::Copy || ins.kind == Kind::Add ||
                   ins.kind == Kind::Workdir || ins.kind == Kind::From;
    std::string text = ins.original;
    // uppercaseCmd: the keyword in capitals
    size_t sp = text.find_first_of(" \t");
    text = upper(text.substr(0, sp)) + (sp == std::string::npos ? "" : text.substr(sp));
    if (ins.kind == Kind::From) text = "FROM " + sr.base_name;
    if (!counted || sr.cmd_total == 0) return (onbuild ? "ONBUILD " : "") + text;
    ++sr.cmd_index;
    int width = 1 + static_cast<int>(std::log10(static_cast<double>(sr.cmd_total)));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%*zu/%zu] ", width, sr.cmd_index, sr.cmd_total);
    std::string prefix = "[";
    if (multi_stage) prefix += df.stages[stage_index].display_name() + " ";
    return prefix + buf + (onbuild ? "ONBUILD " : "") + text;
}

void Builder::Impl::plan() {
    // Predefined platform ARGs (BuildKit defaultArgs) and global ARGs.
    for (const auto& [k, v] : opt.build_args) build_args[k] = v;
    const std::pair<const char*, const char*> predefined[] = {
        {"TARGETPLATFORM", "linux/amd64"}, {"TARGETOS", "linux"}, {"TARGETARCH", "amd64"}, {"TARGETVARIANT", ""},
        {"BUILDPLATFORM", "linux/amd64"},  {"BUILDOS", "linux"},  {"BUILDARCH", "amd64"},  {"BUILDVARIANT", ""}};
    for (const auto& [k, v] : predefined) global_env.set(k, v);
    for (size_t gi : df.global_args) {
        const Instruction& ins = df.instructions[gi];
        for (const dockerfile::KeyValue& kv : ins.pairs) {
            if (auto it = build_args.find(kv.key); it != build_args.end()) {
                global_env.set(kv.key, it->second);
                used_build_args.insert(kv.key);
            } else if (kv.has_value) {
                Result<std::string> v = dockerfile::expand(kv.value, global_env, df.escape);
                if (!v) {
                    failed = true;
                    error = at(v.error(), kv.span);
                    return;
                }
                global_env.set(kv.key, *v);
            }
        }
    }

    multi_stage = df.stages.size() > 1;
    stages.resize(df.stages.size());
    if (df.stages.empty()) {
        failed = true;
        error = make_error(Errc::syntax, "the Dockerfile has no FROM: nothing to build", SourceLoc{file(), 1, 1});
        return;
    }
    // The target.
    if (opt.target.empty()) {
        target = df.stages.size() - 1;
    } else {
        const dockerfile::Stage* t = df.find_stage(opt.target);
        if (!t) {
            std::string known;
            for (const dockerfile::Stage& s : df.stages)
                if (!s.name.empty()) known += (known.empty() ? "" : ", ") + s.name;
            failed = true;
            error = make_error(Errc::unknown_stage,
                               "target stage \"" + opt.target + "\" could not be found" +
                                   (known.empty() ? std::string(" (no stage has a name: use FROM ... AS name)")
                                                  : " (stages: " + known + ")"),
                               SourceLoc{file()});
            return;
        }
        target = t->index;
    }
    // FROM names after expansion, and which earlier stage they name.
    for (size_t i = 0; i < df.stages.size(); ++i) {
        const dockerfile::Stage& st = df.stages[i];
        const Instruction& from = df.instructions[st.from_instruction];
        Result<std::string> name = dockerfile::expand(from.from.image, global_env, df.escape);
        stages[i].base_name = name ? *name : from.from.image;
        for (size_t j = 0; j < i; ++j)
            if (!df.stages[j].name.empty() && lower(stages[i].base_name) == df.stages[j].name) stages[i].base_stage = j;
    }
    // Which stages the target needs: its base chain and COPY --from / RUN
    // --mount from= stages, transitively. The classic builder builds every
    // stage up to the target.
    std::vector<size_t> todo{target};
    while (!todo.empty()) {
        size_t s = todo.back();
        todo.pop_back();
        if (stages[s].needed) continue;
        stages[s].needed = true;
        if (stages[s].base_stage) todo.push_back(*stages[s].base_stage);
        for (size_t d : df.stages[s].depends_on) todo.push_back(d);
    }
    if (classic())
        for (size_t i = 0; i <= target; ++i) stages[i].needed = true;

    // Order: file order, but a stage runs after the stages it depends on.
    std::vector<size_t> order;
    std::vector<bool> placed(df.stages.size(), false);
    auto deps_of = [&](size_t s) {
        std::vector<size_t> d = df.stages[s].depends_on;
        if (stages[s].base_stage) d.push_back(*stages[s].base_stage);
        return d;
    };
    while (order.size() < df.stages.size()) {
        bool progress = false;
        for (size_t i = 0; i < df.stages.size(); ++i) {
            if (placed[i]) continue;
            bool ready = true;
            if (stages[i].needed)
                for (size_t d : deps_of(i))
                    if (!placed[d] && stages[d].needed && d != i) ready = false;
            if (!ready) continue;
            placed[i] = true;
            order.push_back(i);
            progress = true;
            break;
        }
        if (!progress) {  // a cycle (check_stages reports those); fall back to file order
            for (size_t i = 0; i < df.stages.size(); ++i)
                if (!placed[i]) {
                    placed[i] = true;
                    order.push_back(i);
                }
        }
    }

    for (size_t si : order) {
        const dockerfile::Stage& st = df.stages[si];
        StageRun& sr = stages[si];
        bool scratch = lower(sr.base_name) == "scratch";
        sr.cmd_total = (scratch || sr.base_stage) ? 0 : 1;
        for (size_t ii : st.instructions) {
            Kind k = df.instructions[ii].kind;
            if (k == Kind::Run || k == Kind::Copy || k == Kind::Add || k == Kind::Workdir) ++sr.cmd_total;
        }
        auto push = [&](size_t ii, const Instruction& ins) {
            Step s;
            s.stage = si;
            s.instruction = ii;
            s.kind = ins.kind;
            s.span = ins.span;
            s.title = title_for(ins, sr, si, false);
            s.state = sr.needed ? StepState::pending : StepState::skipped;
            if (!sr.needed) {
                s.cache_note = classic() ? "not built: after the target stage"
                                         : "skipped: the target stage does not need this stage";
            }
            steps.push_back(std::move(s));
            step_ins.push_back(&ins);
        };
        push(st.from_instruction, df.instructions[st.from_instruction]);
        for (size_t ii : st.instructions) push(ii, df.instructions[ii]);
    }
}

// ---------------------------------------------------------------- cache

bool Builder::Impl::lookup(Step& st, StageRun& s, const std::string& key, size_t pos, const std::string& text,
                           const std::map<std::string, std::string>& inputs) {
    st.cache_key = key;
    if (!cache) {
        st.cache_note = "no build cache: the step runs";
        return false;
    }
    if (opt.no_cache) {
        st.cache_note = "--no-cache: every step runs";
        return false;
    }
    const BuildCache::Record* r = cache->find(key);
    if (r) {
        st.cache_note = st.kind == Kind::Copy || st.kind == Kind::Add
                            ? "CACHED: same instruction and same file contents as last build"
                            : "CACHED: same instruction on the same parent as last build";
        return true;
    }
    // Why it missed, in words.
    if (s.missed) {
        st.cache_note = "cache miss: " + s.miss_title +
                        " missed, so every later step of this stage runs again (the cache is a chain)";
        return false;
    }
    const BuildCache::Record* prev = cache->previous(s.key, st.kind, pos);
    if (!prev) {
        st.cache_note = "cache miss: this step is not in the cache yet (first build of it)";
    } else if (!inputs.empty() || !prev->inputs.empty()) {
        std::vector<std::string> changed;
        for (const auto& [p, sum] : inputs) {
            auto it = prev->inputs.find(p);
            if (it == prev->inputs.end() || it->second != sum) changed.push_back(p);
        }
        for (const auto& [p, sum] : prev->inputs)
            if (!inputs.count(p)) changed.push_back(p + " (gone)");
        if (prev->text != text) {
            st.cache_note = "cache miss: the instruction changed since the last build";
        } else if (!changed.empty()) {
            std::string list;
            for (size_t i = 0; i < changed.size() && i < 3; ++i) {
                std::string c = changed[i];
                if (!c.empty() && c[0] == '/') c.erase(0, 1);
                list += (i ? ", " : "") + c;
            }
            if (changed.size() > 3) list += " and " + std::to_string(changed.size() - 3) + " more";
            st.cache_note = "cache miss: " + list + (changed.size() == 1 ? " changed" : " changed") +
                            " since the last build (contents or metadata; mtimes do not count)";
        } else {
            st.cache_note = "cache miss: the copied files changed since the last build";
        }
    } else if (prev->text != text) {
        // Point at the first differing line of the key material.
        auto first_diff = [](const std::string& a, const std::string& b) {
            size_t i = 0, la = 0;
            while (i < a.size() && i < b.size() && a[i] == b[i]) {
                if (a[i] == '\n') la = i + 1;
                ++i;
            }
            size_t ea = a.find('\n', la), eb = b.find('\n', la);
            return std::make_pair(a.substr(la, ea == std::string::npos ? std::string::npos : ea - la),
                                  b.substr(la, eb == std::string::npos ? std::string::npos : eb - la));
        };
        auto [was, now] = first_diff(prev->text, text);
        if (was.rfind("env=", 0) == 0)
            st.cache_note = "cache miss: the environment changed (ENV or ARG values), and RUN is keyed by it";
        else if (was.rfind("user=", 0) == 0)
            st.cache_note = "cache miss: USER changed since the last build";
        else if (was.rfind("cwd=", 0) == 0)
            st.cache_note = "cache miss: WORKDIR changed since the last build";
        else
            st.cache_note = "cache miss: the instruction changed since the last build (was: " + was + ")";
    } else {
        st.cache_note = "cache miss: the step before it changed";
    }
    return false;
}

void Builder::Impl::store_record(Step& st, StageRun& s, const std::string& parent, size_t pos, const std::string& text,
                                 const std::map<std::string, std::string>& inputs) {
    if (!cache) return;
    BuildCache::Record r;
    r.image = s.image;
    r.created_by = st.created_by;
    r.empty_layer = st.empty_layer;
    r.output = st.output;
    r.inputs = inputs;
    r.text = text;
    cache->put(st.cache_key, std::move(r));
    cache->remember(parent, st.kind, pos, st.cache_key);
}

// ---------------------------------------------------------------- FROM

Status Builder::Impl::do_from(size_t idx) {
    Step& st = steps[idx];
    StageRun& s = stages[st.stage];
    const Instruction& ins = *step_ins[idx];
    s.started = true;
    if (s.base_name.empty())
        return fail(Errc::syntax, "base name (" + ins.from.image + ") should not be blank", ins.from.image_span);
    std::string identity;
    std::string name_l = lower(s.base_name);
    std::vector<std::string> triggers_text;
    if (name_l == "scratch") {
        s.image = Image();
        if (buildkit()) {
            s.image.config.working_dir = "/";
            s.image.config.env = {std::string("PATH=") + k_default_path};
        } else if (buildah()) {
            s.image.config.env = {std::string("PATH=") + k_default_path};
        }
        identity = "scratch";
        st.narration = "FROM scratch: the stage starts from the empty image: no layers, no files.";
        st.rule = "scratch is the empty image";
    } else if (s.base_stage) {
        StageRun& b = stages[*s.base_stage];
        if (!b.done)
            return fail(Errc::unknown_stage, "stage " + df.stages[*s.base_stage].display_name() + " has not been built",
                        ins.from.image_span);
        s.image = b.image;
        if (!buildah()) {
            // BuildKit: the child stage continues the parent's state, ARG
            // values included (buildah starts over from the parent's config)
            s.env = b.env;
            s.args = b.args;
        }
        s.author = b.author;
        triggers_text = s.image.config.on_build;
        s.image.config.on_build.clear();
        identity = "stage:" + b.key;
        st.narration = "FROM " + s.base_name + ": this stage continues from stage " +
                       df.stages[*s.base_stage].display_name() + "'s image (" +
                       plural(s.image.layer_count(), "layer", "layers") + ", " + format_bytes(s.image.size()) +
                       "); the layers are shared, not copied.";
        st.rule = "a stage can start from an earlier stage";
    } else {
        std::optional<Image> img = images.find(s.base_name);
        if (!img) {
            std::string known;
            for (const std::string& n : images.names()) known += (known.empty() ? "" : ", ") + n;
            return fail(Errc::enoent,
                        "FROM " + s.base_name +
                            ": no image of that name in layerlab (known: " + (known.empty() ? "none" : known) +
                            "; the command line adds one with --image NAME=OCI_DIR). A real build would pull it "
                            "from a registry; layerlab has no network",
                        ins.from.image_span);
        }
        s.image = std::move(*img);
        triggers_text = s.image.config.on_build;
        s.image.config.on_build.clear();
        identity = "image:" + normalize_image_name(s.base_name) + ":" + std::to_string(s.image.layer_count());
        for (const LayerPtr& l : s.image.layers())
            identity += ":" + std::to_string(l->size()) + "/" + std::to_string(l->entries().size());
        st.narration = "FROM " + s.base_name + ": the stage starts from its " +
                       plural(s.image.layer_count(), "layer", "layers") + " (" + format_bytes(s.image.size()) +
                       "); they are shared read-only, nothing is copied.";
        st.rule = "an image is a stack of read-only layers";
    }
    if (!s.base_stage || buildah()) {
        // The stage env starts as the image's Env; PATH is always set (BuildKit).
        s.env = dockerfile::Env();
        if (buildkit() && !s.image.config.env_get("PATH"))
            s.image.config.env.push_back(std::string("PATH=") + k_default_path);
        for (const std::string& kv : s.image.config.env) {
            auto [k, v] = split_kv(kv);
            s.env.set(k, v);
        }
    }
    s.cmd_set = false;
    s.volumes = s.image.config.volumes;  // a base image's VOLUMEs count too
    s.key = key_hash(flavor_name(opt.flavor), "FROM " + identity);
    st.cache_key = s.key;
    st.image = s.image;
    st.empty_layer = true;
    st.state = StepState::done;
    if (cache && !opt.no_cache && cache->find(s.key)) {
        st.state = StepState::cached;
        st.cache_note = "CACHED: the base is already here";
    } else if (cache) {
        BuildCache::Record r;
        r.image = s.image;
        r.text = "FROM " + identity;
        cache->put(s.key, std::move(r));
    }
    // ONBUILD triggers of the base run right after FROM.
    size_t at_pos = idx + 1;
    for (const std::string& t : triggers_text) {
        Result<dockerfile::Dockerfile> p = dockerfile::parse("FROM scratch\n" + t + "\n", df.filename);
        if (!p || p->instructions.size() != 2)
            return fail(Errc::syntax,
                        "ONBUILD trigger \"" + t + "\" of the base image does not parse" +
                            (p ? std::string() : ": " + p.error().message),
                        ins.span);
        Instruction trig = std::move(p->instructions[1]);
        trig.span = ins.span;
        trig.keyword_span = ins.span;
        trig.text_span = ins.span;
        triggers.push_back(std::move(trig));
        Step ts;
        ts.stage = st.stage;
        ts.instruction = st.instruction;
        ts.kind = triggers.back().kind;
        ts.span = ins.span;
        ts.onbuild = true;
        ts.onbuild_text = t;
        ts.title = "ONBUILD " + t;
        steps.insert(steps.begin() + static_cast<std::ptrdiff_t>(at_pos), std::move(ts));
        step_ins.insert(step_ins.begin() + static_cast<std::ptrdiff_t>(at_pos), &triggers.back());
        ++at_pos;
    }
    if (!triggers_text.empty())
        steps[idx].notes.push_back("the base image has " +
                                   plural(triggers_text.size(), "ONBUILD trigger", "ONBUILD triggers") +
                                   "; they run now, before this stage's own instructions");
    return {};
}

// ---------------------------------------------------------------- dispatch

Status Builder::Impl::do_instruction(size_t idx) {
    Step& st = steps[idx];
    StageRun& s = stages[st.stage];
    const Instruction& ins = *step_ins[idx];
    size_t stage_pos = 0;  // position in the stage, for "what was here last time"
    for (size_t k = 0; k < idx; ++k)
        if (steps[k].stage == st.stage) ++stage_pos;
    const Image before = s.image;
    ImageConfig& cfg = s.image.config;
    const std::string original_args = [&] {
        std::string o = ins.original;
        size_t sp = o.find_first_of(" \t");
        return sp == std::string::npos ? std::string() : o.substr(sp + 1);
    }();
    auto nop = [&](const std::string& bk) {
        // metadata history line: BuildKit's form; buildah writes "/bin/sh -c
        // #(nop) " + the line as written; the classic builder the same
        // prefix + its (expanded) commit message, which is BuildKit's text
        if (buildkit()) return bk;
        if (classic()) return std::string("/bin/sh -c #(nop) ") + bk;
        return std::string("/bin/sh -c #(nop) ") + ins.original;
    };
    // Metadata instructions: a cache step only for buildah/classic.
    auto metadata_done = [&](const std::string& text) {
        st.empty_layer = true;
        st.state = StepState::done;
        if (buildkit()) {
            st.cache_note = "config only: nothing to cache (BuildKit keys only the steps that change files)";
            add_history(s, st);
            st.image = s.image;
            return;
        }
        std::string parent = s.key;
        std::string key = key_hash(parent, st.created_by + "\n" + text);
        bool hit = lookup(st, s, key, stage_pos, st.created_by + "\n" + text, {});
        add_history(s, st);
        st.image = s.image;
        s.key = key;
        if (hit) {
            st.state = StepState::cached;
        } else {
            if (!s.missed) {
                s.missed = true;
                s.miss_title = st.title;
            }
            store_record(st, s, parent, stage_pos, st.created_by + "\n" + text, {});
        }
    };

    switch (ins.kind) {
    // -------------------------------------------------------- ENV
    case Kind::Env: {
        std::vector<std::pair<std::string, std::string>> kvs;
        for (const dockerfile::KeyValue& kv : ins.pairs) {
            Result<std::string> k = word(s, kv.key, kv.span);
            if (!k) return k.error();
            Result<std::string> v = word(s, kv.value, kv.span);
            if (!v) return v.error();
            kvs.emplace_back(*k, *v);
        }
        std::string msg = "ENV";
        for (const auto& [k, v] : kvs) {
            msg += " " + k + "=" + v;
            if (buildah() && std::find(s.own_env.begin(), s.own_env.end(), k) == s.own_env.end()) {
                // buildah keeps the Dockerfile's ENVs after the base image's:
                // a variable inherited from the base moves to the end when set
                const std::string prefix = k + "=";
                std::erase_if(cfg.env, [&prefix](const std::string& e) { return e.rfind(prefix, 0) == 0; });
                cfg.env.push_back(k + "=" + v);
                s.own_env.push_back(k);
            } else {
                cfg.env_set(k, v);  // BuildKit's addEnv: replaced in place
            }
            s.env.set(k, v);
        }
        st.created_by = nop(msg);
        st.narration = "ENV changes only the config: no layer. " +
                       std::string(kvs.size() == 1 ? "The variable is" : "The variables are") +
                       " set for every later RUN and for containers started from the image.";
        st.rule = "metadata instructions make no layer";
        metadata_done(msg);
        return {};
    }
    // -------------------------------------------------------- LABEL
    case Kind::Label: {
        std::string msg = "LABEL";
        for (const dockerfile::KeyValue& kv : ins.pairs) {
            Result<std::string> k = word(s, kv.key, kv.span);
            if (!k) return k.error();
            Result<std::string> v = word(s, kv.value, kv.span);
            if (!v) return v.error();
            cfg.labels[*k] = *v;
            msg += " " + *k + "=" + *v;
        }
        st.created_by = nop(msg);
        st.narration = "LABEL writes key=value metadata into the config: no layer.";
        st.rule = "metadata instructions make no layer";
        metadata_done(msg);
        return {};
    }
    // -------------------------------------------------------- ARG
    case Kind::Arg: {
        std::vector<std::string> parts;
        for (const dockerfile::KeyValue& kv : ins.pairs) {
            ArgDecl a{kv.key, std::nullopt};
            auto ba = build_args.find(kv.key);
            bool has_value = ba != build_args.end();
            if (has_value) used_build_args.insert(kv.key);
            if (!kv.has_value && !has_value) {
                if (const std::string* g = global_env.find(kv.key)) a.value = *g;
            }
            if (has_value) {
                a.value = ba->second;
            } else if (kv.has_value) {
                Result<std::string> v = word(s, kv.value, kv.span);
                if (!v) return v.error();
                a.value = *v;
            }
            if (a.value) s.env.set(a.key, *a.value);
            parts.push_back(a.value ? a.key + "=" + *a.value : a.key);
            s.args.push_back(std::move(a));
        }
        std::string msg = "ARG";
        for (const std::string& p : parts) msg += " " + p;
        if (buildkit()) {
            st.created_by = msg;
        } else if (buildah()) {
            // buildah: "ARG" followed by the sorted names of the args that have a value
            std::set<std::string> with_values;
            for (const ArgDecl& a : s.args)
                if (a.value) with_values.insert(a.key);
            std::string keys;
            for (const std::string& k : with_values) keys += (keys.empty() ? "" : " ") + k;
            st.created_by = "/bin/sh -c #(nop) ARG " + keys;
        } else {
            st.created_by = nop(msg);
        }
        st.narration =
            "ARG declares a build argument: its value is visible to the following RUN steps "
            "(and in their history line) but is not stored in the image's config.";
        st.rule = "ARG values are build-time only";
        metadata_done(msg);
        return {};
    }
    // -------------------------------------------------------- USER
    case Kind::User: {
        Result<std::string> u = word(s, ins.args.empty() ? "" : ins.args[0], ins.text_span);
        if (!u) return u.error();
        cfg.user = *u;
        st.created_by = nop("USER " + *u);
        st.narration =
            "USER sets who later RUN steps and the container run as: config only, no layer. "
            "The name is looked up in /etc/passwd only when something runs.";
        st.rule = "metadata instructions make no layer";
        metadata_done("USER " + *u);
        return {};
    }
    // -------------------------------------------------------- EXPOSE
    case Kind::Expose: {
        std::vector<std::string> ports;
        for (size_t i = 0; i < ins.args.size(); ++i) {
            Result<std::vector<std::string>> w = dockerfile::expand_words(ins.args[i], s.env, df.escape);
            if (!w) return at(w.error(), ins.arg_spans.size() > i ? ins.arg_spans[i] : ins.text_span);
            for (const std::string& p : *w) {
                if (buildah()) {
                    // buildah keeps a range as one key ("8000-8002/tcp")
                    ports.push_back(p.find('/') == std::string::npos ? p + "/tcp" : p);
                    continue;
                }
                Result<std::vector<std::string>> ps = parse_ports(p);
                if (!ps) return at(ps.error(), ins.arg_spans.size() > i ? ins.arg_spans[i] : ins.text_span);
                for (const std::string& x : *ps) ports.push_back(x);
            }
        }
        std::set<std::string> mine(ports.begin(), ports.end());
        for (const std::string& p : ports)
            if (std::find(cfg.exposed_ports.begin(), cfg.exposed_ports.end(), p) == cfg.exposed_ports.end())
                cfg.exposed_ports.push_back(p);
        std::sort(cfg.exposed_ports.begin(), cfg.exposed_ports.end());
        std::string pm = "map[";
        bool first = true;
        for (const std::string& p : mine) {
            pm += (first ? "" : " ") + p + ":{}";
            first = false;
        }
        pm += "]";
        st.created_by = nop("EXPOSE " + pm);
        st.narration = "EXPOSE documents which ports the container listens on (" + go_list(ports) +
                       "): config only, no layer, and it publishes nothing by itself.";
        st.rule = "metadata instructions make no layer";
        metadata_done("EXPOSE " + pm);
        return {};
    }
    // -------------------------------------------------------- VOLUME
    case Kind::Volume: {
        std::vector<std::string> vols;
        for (size_t i = 0; i < ins.args.size(); ++i) {
            Result<std::string> v = word(s, ins.args[i], ins.arg_spans.size() > i ? ins.arg_spans[i] : ins.text_span);
            if (!v) return v.error();
            if (v->empty()) return fail(Errc::einval, "VOLUME specified can not be an empty string", ins.text_span);
            vols.push_back(*v);
        }
        for (const std::string& v : vols) {
            if (std::find(cfg.volumes.begin(), cfg.volumes.end(), v) == cfg.volumes.end()) cfg.volumes.push_back(v);
            s.volumes.push_back(v);
        }
        std::sort(cfg.volumes.begin(), cfg.volumes.end());
        st.created_by = nop("VOLUME " + go_list(vols));
        st.narration = "VOLUME marks " + go_list(vols) + " as a mount point for containers: config only, no layer." +
                       (buildkit() ? ""
                                   : " Under " + std::string(flavor_name(opt.flavor)) +
                                         ", what later RUNs write inside it is thrown away.");
        st.rule = "metadata instructions make no layer";
        metadata_done("VOLUME " + go_list(vols));
        return {};
    }
    // -------------------------------------------------------- STOPSIGNAL
    case Kind::Stopsignal: {
        Result<std::string> sig = word(s, ins.args.empty() ? "" : ins.args[0], ins.text_span);
        if (!sig) return sig.error();
        if (!valid_signal(*sig)) return fail(Errc::einval, "invalid signal: " + *sig, ins.text_span);
        cfg.stop_signal = *sig;
        st.created_by = nop("STOPSIGNAL " + *sig);
        st.narration = "STOPSIGNAL sets the signal `docker stop` sends: config only, no layer.";
        st.rule = "metadata instructions make no layer";
        metadata_done("STOPSIGNAL " + *sig);
        return {};
    }
    // -------------------------------------------------------- HEALTHCHECK
    case Kind::Healthcheck: {
        Healthcheck h;
        h.test = ins.health.test;
        h.interval_ns = ins.health.interval_ns;
        h.timeout_ns = ins.health.timeout_ns;
        h.start_period_ns = ins.health.start_period_ns;
        h.start_interval_ns = ins.health.start_interval_ns;
        h.retries = ins.health.retries;
        if (buildah()) {
            st.notes.push_back(
                "buildah with the OCI image format drops HEALTHCHECK: the OCI config has no such "
                "field (Docker's format has)");
        } else {
            cfg.healthcheck = h;
        }
        st.created_by = nop("HEALTHCHECK " + healthcheck_string(h));
        st.narration = ins.health.none
                           ? "HEALTHCHECK NONE turns off a health check inherited from the base: config only."
                           : "HEALTHCHECK tells the runtime how to test the container: config only, no "
                             "layer (0s means the default: 30s interval, 30s timeout, 3 retries).";
        st.rule = "metadata instructions make no layer";
        metadata_done("HEALTHCHECK " + healthcheck_string(h));
        return {};
    }
    // -------------------------------------------------------- SHELL
    case Kind::Shell: {
        cfg.shell = ins.args;
        st.created_by = nop("SHELL " + go_list(ins.args));
        st.narration = "SHELL changes the shell that shell-form RUN, CMD and ENTRYPOINT use: config only.";
        st.rule = "metadata instructions make no layer";
        metadata_done("SHELL " + go_list(ins.args));
        return {};
    }
    // -------------------------------------------------------- CMD / ENTRYPOINT
    case Kind::Cmd:
    case Kind::Entrypoint: {
        std::vector<std::string> args = ins.args;
        if (!ins.json_form) {
            std::string joined;
            for (size_t i = 0; i < args.size(); ++i) joined += (i ? " " : "") + args[i];
            if (ins.kind == Kind::Entrypoint && buildah() && args.empty()) {
                args.clear();
            } else {
                std::vector<std::string> sh =
                    (!buildah() && !cfg.shell.empty()) ? cfg.shell : std::vector<std::string>{"/bin/sh", "-c"};
                sh.push_back(joined);
                args = sh;
            }
        }
        const char* kw = ins.kind == Kind::Cmd ? "CMD" : "ENTRYPOINT";
        if (ins.kind == Kind::Cmd) {
            cfg.cmd = args;
            if (args.empty()) cfg.cmd.reset();  // an empty list is omitted from the JSON (omitempty)
            s.cmd_set = true;
        } else {
            cfg.entrypoint = args;
            if (args.empty()) cfg.entrypoint.reset();
            if (!s.cmd_set && cfg.cmd) {
                cfg.cmd.reset();
                st.notes.push_back(
                    "ENTRYPOINT resets the CMD inherited from the base image (no CMD was set in this "
                    "stage before it)");
            } else if (!s.cmd_set) {
                cfg.cmd.reset();
            }
        }
        st.created_by = nop(std::string(kw) + " " + go_quote_list(args));
        st.narration = std::string(kw) + " sets " +
                       (ins.kind == Kind::Cmd ? "the default command" : "the program every container runs") +
                       ": config only, no layer." +
                       (ins.json_form || args.empty()
                            ? ""
                            : " Shell form: it is wrapped in " + go_list({args.begin(), args.end() - 1}) + ".");
        st.rule = "metadata instructions make no layer";
        metadata_done(std::string(kw) + " " + go_quote_list(args));
        return {};
    }
    // -------------------------------------------------------- MAINTAINER
    case Kind::Maintainer: {
        std::string who = ins.args.empty() ? "" : ins.args[0];
        s.author = who;
        st.created_by = nop("MAINTAINER " + who);
        st.narration = "MAINTAINER (deprecated; use LABEL) writes the image's Author field: config only.";
        st.rule = "metadata instructions make no layer";
        metadata_done("MAINTAINER " + who);
        return {};
    }
    // -------------------------------------------------------- ONBUILD
    case Kind::Onbuild: {
        std::string expr = original_args;
        while (!expr.empty() && (expr.front() == ' ' || expr.front() == '\t')) expr.erase(0, 1);
        cfg.on_build.push_back(expr);
        // BuildKit writes no history entry for ONBUILD; the others do
        st.created_by = buildkit() ? std::string() : nop("ONBUILD " + expr);
        if (buildah())
            st.notes.push_back(
                "buildah with the OCI image format drops OnBuild from the config (it is a Docker "
                "format field)");
        st.narration =
            "ONBUILD stores \"" + expr + "\" in the config; it runs only when another build starts FROM this image.";
        st.rule = "metadata instructions make no layer";
        metadata_done("ONBUILD " + expr);
        return {};
    }
    // -------------------------------------------------------- WORKDIR
    case Kind::Workdir: {
        Result<std::string> p = word(s, ins.args.empty() ? "" : ins.args[0], ins.text_span);
        if (!p) return p.error();
        // NormalizeWorkdir: an absolute path is kept as written ("/app/"
        // stays, as in BuildKit and buildah); a relative one is joined to
        // the current WORKDIR and cleaned.
        std::string wd =
            (!p->empty() && (*p)[0] == '/') ? *p : join_path(cfg.working_dir.empty() ? "/" : cfg.working_dir, *p);
        cfg.working_dir = wd;
        if (buildah()) {
            st.created_by = nop("WORKDIR " + wd);
            st.narration = "WORKDIR " + wd +
                           " sets the working directory in the config. buildah does not create it now: the next "
                           "RUN or COPY that needs it does, inside its own layer.";
            st.rule = "buildah: WORKDIR makes no layer";
            metadata_done("WORKDIR " + wd);
            return {};
        }
        st.created_by = buildkit() ? "WORKDIR " + wd : nop("WORKDIR " + wd);
        if (wd == "/") {
            st.narration = "WORKDIR / needs no directory: config only.";
            st.rule = "metadata instructions make no layer";
            metadata_done("WORKDIR /");
            return {};
        }
        std::string parent = s.key;
        std::string text = "WORKDIR " + wd + "\nuser=" + cfg.user;
        std::string key = key_hash(parent, text);
        bool hit = lookup(st, s, key, stage_pos, text, {});
        if (hit) {
            const BuildCache::Record* r = cache->find(key);
            st.empty_layer = r->empty_layer;
            if (!st.empty_layer) {
                st.layer = r->image.layers().back();
                s.image.push_layer(st.layer, store.paths);
            }
            st.state = StepState::cached;
        } else {
            Container c(store, s.image, "workdir");
            c.set_time(opt.epoch);
            uint32_t uid = 0, gid = 0;
            if (!cfg.user.empty() && !classic()) {  // the classic builder makes it as root
                Result<std::pair<uint32_t, uint32_t>> u = resolve_user(c, cfg.user);
                if (!u) return at(make_error(u.error().code, "mkdir " + wd + ": " + u.error().message), ins.span);
                uid = u->first;
                gid = u->second;
            }
            bool existed = c.exists(wd);
            std::string cur;
            for (const std::string& comp : split_path(wd)) {
                cur += "/" + comp;
                Result<Stat> fs = c.stat(cur);
                if (fs) {
                    if (fs->type != EntryType::dir)
                        return at(make_error(Errc::enotdir, "mkdir " + cur + ": not a directory"), ins.span);
                    continue;
                }
                Entry e;
                e.type = EntryType::dir;
                e.mode = 0755;
                e.uid = uid;
                e.gid = gid;
                e.mtime = opt.epoch;
                if (Status ss = c.install(cur, e); !ss) return at(ss.error(), ins.span);
            }
            st.events = c.take_events();
            LayerPtr l = c.commit_layer();
            if (l->empty()) {
                st.empty_layer = true;
            } else {
                st.empty_layer = false;
                st.layer = l;
                s.image.push_layer(l, store.paths);
            }
            (void)existed;
            st.state = StepState::done;
        }
        add_history(s, st);
        st.image = s.image;
        s.key = key;
        if (!hit) {
            if (!s.missed && cache) {
                s.missed = true;
                s.miss_title = st.title;
            }
            store_record(st, s, parent, stage_pos, text, {});
        }
        if (st.empty_layer) {
            st.narration = "WORKDIR " + wd + " already exists, so nothing changed: no layer.";
            st.rule = "a step that changes nothing makes no layer";
        } else {
            st.narration = "WORKDIR " + wd + " did not exist: BuildKit created it (mode 0755, owned by " +
                           (cfg.user.empty() ? std::string("root") : cfg.user) + ") in " + layer_label(s.image) + " (" +
                           format_bytes(st.layer->size()) + ").";
            st.rule = "BuildKit's WORKDIR creates its directory";
        }
        return {};
    }
    // -------------------------------------------------------- COPY / ADD
    case Kind::Copy:
    case Kind::Add: {
        const bool is_add = ins.kind == Kind::Add;
        const dockerfile::CopyArgs& ca = ins.copy;
        CopySpec spec;
        spec.is_add = is_add;
        spec.parents = ca.parents;
        spec.exclude = ca.exclude;
        for (size_t i = 0; i < ca.sources.size(); ++i) {
            Result<std::string> w =
                word(s, ca.sources[i], ca.source_spans.size() > i ? ca.source_spans[i] : ins.text_span);
            if (!w) return w.error();
            spec.sources.push_back(*w);
        }
        for (size_t hi : ca.heredoc_sources) {
            const dockerfile::Heredoc& h = ins.heredocs[hi];
            std::string content = h.body();
            if (h.expand) {
                Result<std::string> e = dockerfile::expand_heredoc(content, s.env);
                if (!e) return at(e.error(), h.span);
                content = *e;
            }
            spec.inline_files.push_back({h.name, content});
        }
        Result<std::string> dest_w = word(s, ca.dest, ca.dest_span);
        if (!dest_w) return dest_w.error();
        std::string dest = *dest_w;
        // pathRelativeToWorkingDir: a trailing slash is kept.
        {
            bool slash = ends_with_slash(dest) || dest == "." || dest.empty();
            std::string abs =
                (!dest.empty() && dest[0] == '/')
                    ? clean_path(dest)
                    : join_path(cfg.working_dir.empty() ? "/" : cfg.working_dir, dest.empty() ? "." : dest);
            if (slash && abs != "/") abs += "/";
            spec.dest = abs;
        }
        const char* kw = is_add ? "ADD" : "COPY";
        std::string chown_text, chmod_text;  // the flags after variable expansion
        if (spec.sources.size() + spec.inline_files.size() > 1 && !ends_with_slash(spec.dest) && spec.dest != "/")
            return fail(Errc::einval,
                        std::string("When using ") + kw +
                            " with more than one source file, the destination must be a directory and end with a /",
                        ca.dest_span);
        if (!ca.chmod.empty()) {
            Result<std::string> cm = word(s, ca.chmod, ins.text_span);
            if (!cm) return cm.error();
            chmod_text = *cm;
            char* end = nullptr;
            unsigned long v = std::strtoul(cm->c_str(), &end, 8);
            if (cm->empty() || *end != '\0' || v > 07777)
                return fail(Errc::bad_flag,
                            "invalid chmod parameter: '" + *cm + "'. it should be octal string and between 0 and 07777",
                            ins.span);
            spec.chmod = static_cast<uint32_t>(v);
        }
        // Where the files come from.
        std::unique_ptr<SourceTree> other;
        SourceTree* tree = nullptr;
        std::string from_identity;
        Image from_image;
        if (!ca.from.empty()) {
            if (ca.from_ref.type == dockerfile::StageRef::Type::unresolved)
                return fail(Errc::bad_flag,
                            "variable expansion is not supported for --from, define a new stage with FROM using ARG "
                            "from global scope as a workaround",
                            ins.span);
            if (ca.from_ref.type == dockerfile::StageRef::Type::stage) {
                StageRun& fs = stages[ca.from_ref.stage];
                if (!fs.done)
                    return fail(
                        Errc::unknown_stage,
                        "cannot copy from stage \"" + ca.from + "\", it needs to be defined before current stage",
                        ins.span);
                from_image = fs.image;
                // content decides (the checksums below), as BuildKit matches a
                // rebuilt stage with identical output by content
                from_identity = "stage:" + df.stages[ca.from_ref.stage].display_name();
                other = std::make_unique<ImageTree>(from_image, store,
                                                    "stage " + df.stages[ca.from_ref.stage].display_name());
            } else {
                std::optional<Image> img = images.find(ca.from);
                if (!img)
                    return fail(Errc::enoent,
                                std::string(kw) + " --from=" + ca.from +
                                    ": no stage or image of that name (layerlab has no registry to pull it from)",
                                ins.span);
                from_image = std::move(*img);
                from_identity = "image:" + normalize_image_name(ca.from);
                other = std::make_unique<ImageTree>(from_image, store, "image " + ca.from);
            }
            tree = other.get();
        } else {
            tree = &context_tree();
            from_identity = "context";
        }
        // --chown names are looked up in the image being built.
        if (!ca.chown.empty()) {
            Result<std::string> cw = word(s, ca.chown, ins.text_span);
            if (!cw) return cw.error();
            chown_text = *cw;
            Container probe(store, s.image, "chown");
            Result<std::pair<uint32_t, uint32_t>> u = resolve_chown(probe, *cw);
            if (!u) return at(u.error(), ins.span);
            spec.chown = *u;
        }
        std::vector<EntryType> kinds;
        Result<std::map<std::string, std::string>> sums = checksum_sources(spec, *tree, store, &kinds);
        if (!sums) {
            Error e = sums.error();
            if (e.code == Errc::enoent && from_identity == "context") {
                e.message = "failed to compute cache key: " + e.message +
                            " (COPY failed: file not found in build context or excluded by .dockerignore)";
            } else if (e.code == Errc::enoent) {
                e.message = "failed to compute cache key: " + e.message + " in " + tree->describe();
            }
            return at(e, ins.span);
        }
        // History line.
        if (buildkit()) {
            std::string msg = kw;
            if (ca.parents) msg += " --parents";
            if (!ca.chown.empty()) msg += " --chown=" + chown_text;
            if (!ca.chmod.empty()) msg += " --chmod=" + chmod_text;
            for (const std::string& src : spec.sources) msg += " " + src;
            for (const CopySpec::Inline& f : spec.inline_files) msg += " <<" + f.name;
            msg += " " + dest;
            st.created_by = msg + " # buildkit";
        } else {
            Sha256 h;
            for (const auto& [p, sum] : *sums) h.update(p + sum);
            std::string kind_word = "file";
            if (kinds.size() > 1)
                kind_word = "multi";
            else if (!kinds.empty() && kinds[0] == EntryType::dir)
                kind_word = "dir";
            std::string raw_dest = ca.dest;
            st.created_by = std::string("/bin/sh -c #(nop) ") + kw + " " + kind_word + ":" + h.finish().hex() + " in " +
                            raw_dest + " ";
        }
        std::string text =
            std::string(kw) + " from=" + from_identity + " dest=" + spec.dest + " chown=" +
            (spec.chown ? std::to_string(spec.chown->first) + ":" + std::to_string(spec.chown->second) : "") +
            " chmod=" + (spec.chmod ? std::to_string(*spec.chmod) : "") + " link=" + (ca.link ? "1" : "0") + "\n" +
            st.created_by;
        std::string parent = s.key;
        const bool linked = ca.link && buildkit() && ca.chmod.empty();
        // --link: the copy does not depend on the layers below, so its key
        // leaves out the parent (BuildKit can reuse it after earlier changes).
        // The key holds the checksums of the copied files (contents, modes,
        // owners; never mtimes), so a changed file misses.
        std::string material = text;
        for (const auto& [p, sum] : *sums) material += "\n" + p + " " + sum;
        std::string key = linked ? key_hash("link", material) : key_hash(parent, material);
        if (from_identity != "context") key = key_hash(key, from_identity);
        bool hit = lookup(st, s, key, stage_pos, text, *sums);
        if (hit) {
            const BuildCache::Record* r = cache->find(key);
            st.empty_layer = r->empty_layer;
            if (!st.empty_layer) {
                st.layer = r->image.layers().back();
                s.image.push_layer(st.layer, store.paths);
            }
            st.state = StepState::cached;
        } else {
            Image base = linked ? Image() : s.image;
            Container c(store, base, is_add ? "add" : "copy");
            c.set_time(opt.epoch);
            // buildah creates a missing WORKDIR when COPY needs it
            if (buildah() && !cfg.working_dir.empty() && cfg.working_dir != "/" && !c.exists(cfg.working_dir)) {
                if (Status ms = mkdir_p(c, cfg.working_dir, 0755); !ms) return at(ms.error(), ins.span);
            }
            Result<CopyResult> res = copy_into(c, spec, *tree);
            if (!res) return at(res.error(), ins.span);
            for (const std::string& n : res->notes) st.notes.push_back(n);
            st.events = c.take_events();
            LayerPtr l = c.commit_layer();
            if (l->empty() && buildkit()) {
                st.empty_layer = true;
            } else {
                st.empty_layer = false;
                st.layer = l;
            }
            if (!st.empty_layer) s.image.push_layer(st.layer, store.paths);
            st.state = StepState::done;
            // narration facts
            LayerStory story = tell(before, *l, store);
            std::string what;
            if (res->files) what = plural(res->files, "file", "files");
            if (res->symlinks)
                what += std::string(what.empty() ? "" : ", ") + plural(res->symlinks, "symlink", "symlinks");
            if (what.empty()) what = plural(res->dirs, "directory", "directories");
            if (!res->archives.empty()) {
                st.narration = "ADD unpacked " + res->archives[0] + " (" + what + ", " + format_bytes(res->bytes) +
                               ") into " + spec.dest + " as " + layer_label(s.image) + ".";
                st.rule = "ADD unpacks local tar archives; COPY never does";
            } else if (st.empty_layer) {
                st.narration = std::string(kw) + " changed nothing: no layer.";
                st.rule = "a step that changes nothing makes no layer";
            } else {
                st.narration = std::string(kw) + " added " + what + " (" + format_bytes(res->bytes) + ") as " +
                               layer_label(s.image) + " (" + format_bytes(st.layer->size()) + ").";
                st.rule = "every COPY/ADD makes a layer holding just what it copied";
                if (story.modified)
                    st.narration += " " + plural(story.modified, "path", "paths") +
                                    " already existed below; the old copies still ship in the lower layers.";
            }
        }
        if (hit) {
            st.narration =
                "CACHED: same instruction and same file contents as last build; the layer from then is "
                "reused as it is.";
            st.rule = "the build cache keys COPY by file contents, not mtimes";
        }
        if (ca.link)
            st.notes.push_back(
                std::string(kw) +
                " --link: BuildKit copies into an empty layer and stacks it on top, so the layer does not depend on "
                "the ones below and stays cached when they change (the files come out the same here)");
        if (!ca.from.empty())
            st.notes.push_back("the files come from " + tree->describe() +
                               "; only what is copied lands in this image, not the rest of that stage");
        for (const std::string& src : spec.sources)
            if (clean_path("/" + src) != "/" && clean_path(src).rfind("..", 0) == 0)
                st.notes.push_back(src +
                                   " points above the context; BuildKit reads it relative to the context root "
                                   "(sources never leave the context)");
        add_history(s, st);
        st.image = s.image;
        s.key = linked ? key_hash(parent, key) : key;
        if (!hit) {
            if (!s.missed && cache) {
                s.missed = true;
                s.miss_title = st.title;
            }
            store_record(st, s, parent, stage_pos, text, *sums);
        }
        return {};
    }
    // -------------------------------------------------------- RUN
    case Kind::Run: {
        std::vector<std::string> args;
        bool prepend_shell = !ins.json_form;
        std::string script;
        std::optional<std::pair<std::string, std::string>> pipe_script;  // path, contents
        if (ins.json_form) {
            args = ins.args;
        } else {
            std::string cmd = ins.args.empty() ? std::string() : ins.args[0];
            if (!ins.heredocs.empty() && ins.kind == Kind::Run) {
                const dockerfile::Heredoc& h0 = ins.heredocs[0];
                std::string trimmed = cmd;
                while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
                if (ins.heredocs.size() == 1 && trimmed.rfind("<<", 0) == 0 && trimmed.find(' ') == std::string::npos) {
                    std::string data = h0.strip_tabs ? h0.body() : h0.content;
                    if (data.rfind("#!", 0) == 0) {
                        // a script with a shebang: BuildKit mounts it as an
                        // executable file at /dev/pipes/NAME and runs that
                        pipe_script = {"/dev/pipes/" + h0.name, data};
                        cmd = pipe_script->first;
                    } else {
                        cmd = data;  // a simple heredoc: its body is the script
                    }
                } else {
                    std::string b = cmd;
                    for (const dockerfile::Heredoc& h : ins.heredocs) b += "\n" + h.content + h.name;
                    cmd = b;
                }
            }
            args = {cmd};
        }
        std::vector<std::string> shell_words =
            cfg.shell.empty() ? std::vector<std::string>{"/bin/sh", "-c"} : cfg.shell;
        if (prepend_shell) {
            std::string joined;
            for (size_t i = 0; i < args.size(); ++i) joined += (i ? " " : "") + args[i];
            args = shell_words;
            args.push_back(joined);
        }
        // history
        std::string process;
        for (size_t i = 0; i < args.size(); ++i) process += (i ? " " : "") + args[i];
        if (buildkit()) {
            std::vector<std::string> envs;
            std::map<std::string, size_t> idx_of;
            for (const ArgDecl& a : s.args) {
                const std::string* v = s.env.find(a.key);
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
            st.created_by = "RUN " + prefix + process + " # buildkit";
        } else {
            std::map<std::string, std::string> with_values;
            for (const ArgDecl& a : s.args)
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
            std::string rest = ins.original.size() > 4 ? ins.original.substr(4) : std::string();
            st.created_by = prefix + "/bin/sh -c " + rest;
        }
        // mounts
        std::vector<std::string> mount_notes;
        std::string mounts_text;
        for (const dockerfile::RunMount& mnt : ins.run.mounts) {
            mounts_text += mnt.text + ";";
            mount_notes.push_back(dockerfile::describe_mount(mnt));
        }
        std::string cwd = cfg.working_dir.empty() ? "/" : cfg.working_dir;
        std::string env_line;
        for (const auto& [k, v] : s.env.vars()) env_line += k + "=" + v + " ";
        std::string text = "RUN " + process + "\nenv=" + env_line + "\nuser=" + cfg.user + "\ncwd=" + cwd +
                           "\nmounts=" + mounts_text + "\nnetwork=" + ins.run.network;
        if (!buildkit()) text = st.created_by + "\nenv=" + env_line + "\nuser=" + cfg.user + "\ncwd=" + cwd;
        std::string parent = s.key;
        std::string key = key_hash(parent, text);
        bool hit = lookup(st, s, key, stage_pos, text, {});
        for (const std::string& n : mount_notes) st.notes.push_back("--mount: " + n);
        if (hit) {
            const BuildCache::Record* r = cache->find(key);
            st.empty_layer = r->empty_layer;
            st.output = r->output;
            if (!st.empty_layer) {
                st.layer = r->image.layers().back();
                s.image.push_layer(st.layer, store.paths);
            }
            st.state = StepState::cached;
            st.narration =
                "CACHED: same command on the same parent as last build: the layer from then is reused "
                "and the command does not run.";
            st.rule = "RUN is cached by its command text, not by what it would do";
        } else {
            Container c(store, s.image, "run");
            c.set_time(opt.epoch);
            // Missing working directory: created before the process starts
            // (buildah: owned by the user the step runs as).
            if (!c.exists(cwd)) {
                uint32_t uid = 0, gid = 0;
                if (buildah() && !cfg.user.empty()) {
                    Result<std::pair<uint32_t, uint32_t>> u = resolve_user(c, cfg.user);
                    if (u) {
                        uid = u->first;
                        gid = u->second;
                    }
                }
                std::string cur;
                for (const std::string& comp : split_path(cwd)) {
                    cur += "/" + comp;
                    if (c.exists(cur)) continue;
                    Entry e;
                    e.type = EntryType::dir;
                    e.mode = 0755;
                    e.uid = uid;
                    e.gid = gid;
                    e.mtime = opt.epoch;
                    if (Status ms = c.install(cur, e); !ms) return at(ms.error(), ins.span);
                }
            }
            // The executable must exist: for shell form the shell, for exec
            // form the program (runc's exec fails before anything runs).
            std::string exe = args.empty() ? std::string() : args[0];
            if (!exe.empty() && exe.find('/') != std::string::npos) {
                Result<Stat> xs = c.stat(exe[0] == '/' ? exe : join_path(cwd, exe));
                if (!xs) {
                    std::string msg = "process \"" + process +
                                      "\" did not complete successfully: runc run failed: unable to start container "
                                      "process: exec: \"" +
                                      exe + "\": stat " + exe + ": no such file or directory";
                    Error e = fail(Errc::build_failed, msg, ins.span);
                    st.narration =
                        "RUN needs a program to run: " + exe + " is not in the image" +
                        (before.layer_count() == 0 ? " (FROM scratch has no files at all, so no shell)" : "") +
                        ". Shell-form RUN always starts " + go_list(shell_words) + ".";
                    st.rule = "RUN executes inside the image built so far";
                    st.exit_status = 127;
                    return e;
                }
            }
            // Mount points. What the command writes below a cache, tmpfs or
            // bind mount lands in the mount, not in the layer; mount points
            // that had to be created (stubs) are removed again afterwards,
            // as BuildKit's executor does, so they leave no trace either.
            std::vector<PathId> drop_under;  // keep the path itself
            std::vector<PathId> drop_stubs;  // created for the mount: drop it too
            for (const dockerfile::RunMount& mnt : ins.run.mounts) {
                std::string t = mnt.target;
                if (mnt.type == dockerfile::MountType::secret && t.empty())
                    t = "/run/secrets/" + (mnt.id.empty() ? mnt.source : mnt.id);
                if (mnt.type == dockerfile::MountType::ssh && t.empty()) continue;
                if (t.empty()) continue;
                std::string abs = t[0] == '/' ? clean_path(t) : join_path(cwd, t);
                bool local_bind = mnt.type == dockerfile::MountType::bind && mnt.from.empty();
                if (mnt.type != dockerfile::MountType::cache && mnt.type != dockerfile::MountType::tmpfs && !local_bind)
                    continue;  // secret, ssh, bind from another stage: explained in the notes only
                bool file_source = false;
                std::string src_rel;
                if (local_bind) {
                    src_rel = clean_path("/" + (mnt.source.empty() ? std::string(".") : mnt.source)).substr(1);
                    std::optional<std::string> r = root_path(context_tree(), src_rel, true);
                    std::optional<SrcNode> n = r ? context_tree().lstat(*r) : std::nullopt;
                    file_source = n && n->type != EntryType::dir;
                }
                // the stub: the target and any missing parents
                std::string top_missing;
                for (std::string p = abs; p != "/" && !c.exists(p); p = dir_name(p)) top_missing = p;
                if (!top_missing.empty()) drop_stubs.push_back(store.paths.intern(top_missing));
                if (file_source) {
                    (void)mkdir_p(c, dir_name(abs), 0755);
                } else {
                    if (!c.exists(abs)) (void)mkdir_p(c, abs, 0755);
                    drop_under.push_back(store.paths.intern(abs));
                }
                if (local_bind) {
                    // the context (or a path of it) appears at the target
                    CopySpec bs;
                    bs.sources = {src_rel.empty() ? std::string(".") : src_rel};
                    bs.dest = file_source ? abs : abs + "/";
                    (void)copy_into(c, bs, context_tree());
                    if (file_source && top_missing.empty()) drop_stubs.push_back(store.paths.intern(abs));
                }
            }
            if (pipe_script) {
                std::string top;
                for (std::string p = dir_name(pipe_script->first); p != "/" && !c.exists(p); p = dir_name(p)) top = p;
                drop_stubs.push_back(store.paths.intern(top.empty() ? pipe_script->first : top));
                (void)mkdir_p(c, dir_name(pipe_script->first), 0755);
                Entry f;
                f.type = EntryType::file;
                f.mode = 0755;
                f.blob = store.blobs.bytes(pipe_script->second);
                f.mtime = opt.epoch;
                (void)c.install(pipe_script->first, f);
            }
            // buildah and the classic builder discard what a RUN writes in a
            // declared VOLUME (BuildKit keeps it)
            std::vector<PathId> drop_volumes;
            if (!buildkit())
                for (const std::string& v : s.volumes) drop_volumes.push_back(store.paths.intern(clean_path(v)));
            (void)c.take_events();
            // The script for the simulated sh.
            std::string prelude;
            if (prepend_shell) {
                script = args.back();
                bool is_sh = !shell_words.empty() &&
                             (base_name(shell_words[0]) == "sh" || base_name(shell_words[0]) == "ash" ||
                              base_name(shell_words[0]) == "bash" || base_name(shell_words[0]) == "dash");
                if (!is_sh)
                    st.notes.push_back("SHELL " + go_list(shell_words) +
                                       ": layerlab runs the command with its simulated busybox sh");
                for (size_t i = 1; i + 1 < shell_words.size(); ++i) {
                    const std::string& f = shell_words[i];
                    if (f.size() > 1 && f[0] == '-' && f != "-c") {
                        std::string flags = f.substr(1);
                        flags.erase(std::remove(flags.begin(), flags.end(), 'c'), flags.end());
                        if (!flags.empty()) prelude += "set -" + flags + "\n";
                    } else if (f == "-o" && i + 2 < shell_words.size()) {
                        prelude += "set -o " + shell_words[i + 1] + "\n";
                        ++i;
                    }
                }
                script = prelude + script;
            } else {
                for (size_t i = 0; i < args.size(); ++i) script += (i ? " " : "") + shell_quote(args[i]);
            }
            shell::Options so;
            for (const auto& [k, v] : s.env.vars()) so.env.push_back(k + "=" + v);
            so.working_dir = cwd;
            so.user = cfg.user;
            so.catalogs = opt.catalogs;
            so.step_budget = opt.step_budget;
            so.hostname = buildkit() ? "buildkitsandbox" : "localhost";
            if (prepend_shell && !shell_words.empty()) so.arg0 = shell_words[0];  // $0 is "/bin/sh", as exec'd
            shell::RunResult r = shell::run(c, script, so);
            st.output = r.combined();
            st.exit_status = r.status;
            st.events = c.take_events();
            if (r.status != 0 || r.budget_exceeded || !r.error.empty()) {
                std::string msg =
                    "process \"" + process + "\" did not complete successfully: exit code: " + std::to_string(r.status);
                if (!r.error.empty()) msg += " (" + r.error + ")";
                if (r.error.rfind("unable to find user", 0) == 0) {
                    // USER is resolved when the step starts: no process ran at all
                    st.narration = "USER " + cfg.user +
                                   " is not in the image's /etc/passwd, so the step cannot "
                                   "start: USER is only checked when something runs as it.";
                    st.rule = "USER is validated at run time";
                    return fail(Errc::build_failed, r.error, ins.span);
                }
                std::string tail = last_lines(st.output, 6);
                if (!tail.empty()) msg += "\n" + tail;
                st.narration = "RUN failed with exit code " + std::to_string(r.status) +
                               ": the build stops here and no layer is made.";
                st.rule = "a failing RUN fails the build";
                return fail(Errc::build_failed, msg, ins.span);
            }
            LayerPtr l = c.commit_layer();
            bool dropped = false, dropped_vol = false;
            l = filter_layer(l, drop_under, store, &dropped, false);
            bool stubs_dropped = false;
            l = filter_layer(l, drop_stubs, store, &stubs_dropped, true);
            l = filter_layer(l, drop_volumes, store, &dropped_vol, true);
            if (dropped) st.notes.push_back("what the command wrote under the mount target stays out of the layer");
            if (dropped_vol)
                st.notes.push_back(std::string("changes inside a VOLUME were discarded (") + flavor_name(opt.flavor) +
                                   "; BuildKit keeps them)");
            if (l->empty() && buildkit()) {
                st.empty_layer = true;
            } else {
                st.empty_layer = false;
                st.layer = l;
                s.image.push_layer(l, store.paths);
            }
            st.state = StepState::done;
            // narration
            if (st.empty_layer) {
                st.narration =
                    "RUN changed no files, so BuildKit drops its empty diff: no layer, and the history "
                    "entry says empty_layer.";
                st.rule = "a step that changes nothing makes no layer";
            } else {
                LayerStory story = tell(before, *l, store);
                std::string label = layer_label(s.image);
                if (l->empty()) {
                    st.narration = "RUN changed no files, yet " + std::string(flavor_name(opt.flavor)) +
                                   " still records an empty " + label + ".";
                    st.rule = "buildah keeps empty layers";
                } else if (!story.removed.empty()) {
                    const auto& [p, b] = story.removed[0];
                    st.narration = "RUN removed " + p + " from the view; its " + format_bytes(b) +
                                   " still ship in the " + "layers below (" + label + " holds only a whiteout).";
                    if (story.removed.size() > 1)
                        st.narration +=
                            " " + plural(story.removed.size() - 1, "more path", "more paths") + " likewise.";
                    st.rule = "deleting in a later layer never shrinks the image";
                } else if (story.modified && story.copied_up_bytes) {
                    st.narration =
                        "RUN changed " + story.changed[0] +
                        (story.modified > 1 ? " and " + plural(story.modified - 1, "more path", "more paths") : "") +
                        ": overlayfs copied the whole file up, so " + label + " holds a full copy (" +
                        format_bytes(story.copied_up_bytes) + ") while the old one still ships below.";
                    st.rule = "changing a file copies all of it into the new layer";
                } else {
                    std::vector<std::string> parts;
                    if (story.added_files) parts.push_back(plural(story.added_files, "file", "files"));
                    if (story.dirs) parts.push_back(plural(story.dirs, "directory", "directories"));
                    if (story.added_links) parts.push_back(plural(story.added_links, "symlink", "symlinks"));
                    std::string what;
                    for (size_t k = 0; k < parts.size(); ++k)
                        what += (k == 0 ? "" : k + 1 == parts.size() ? " and " : ", ") + parts[k];
                    if (what.empty()) what = "changed directory metadata only";
                    st.narration = "RUN added " + what + " (" + format_bytes(story.bytes) + ") as " + label + ".";
                    if (!story.new_paths.empty() && story.added <= 3) {
                        st.narration += " New: ";
                        for (size_t k = 0; k < story.new_paths.size(); ++k)
                            st.narration += (k ? ", " : "") + story.new_paths[k];
                        st.narration += ".";
                    }
                    st.rule = "every RUN makes a layer holding only what it changed";
                }
            }
        }
        add_history(s, st);
        st.image = s.image;
        s.key = key;
        if (!hit) {
            if (!s.missed && cache) {
                s.missed = true;
                s.miss_title = st.title;
            }
            store_record(st, s, parent, stage_pos, text, {});
        }
        return {};
    }
    case Kind::From: return {};
    }
    return {};
}

Status Builder::Impl::run_step(size_t idx) {
    Step& st = steps[idx];
    if (st.kind == Kind::From && !st.onbuild) return do_from(idx);
    return do_instruction(idx);
}

// ---------------------------------------------------------------- Builder

Builder::Builder(Store& store, dockerfile::Dockerfile file, BuildContext context, Options options, ImageSource& images,
                 BuildCache* cache)
    : m(std::make_unique<Impl>(store, std::move(file), std::move(context), std::move(options), images, cache)) {
    m->plan();
}

Builder::~Builder() = default;

const std::vector<Step>& Builder::steps() const { return m->steps; }

size_t Builder::next_step() const {
    for (size_t i = 0; i < m->steps.size(); ++i)
        if (m->steps[i].state == StepState::pending) return i;
    return m->steps.size();
}

bool Builder::finished() const { return m->failed || next_step() == m->steps.size(); }
bool Builder::failed() const { return m->failed; }
const Error* Builder::error() const { return m->error ? &*m->error : nullptr; }

Result<size_t> Builder::step() {
    if (m->failed) return *m->error;
    size_t idx = next_step();
    if (idx == m->steps.size()) return make_error(Errc::einval, "the build has finished: no step left");
    Status s = m->run_step(idx);
    Step& st = m->steps[idx];
    Impl::StageRun& sr = m->stages[st.stage];
    if (!s) {
        st.state = StepState::failed;
        st.error = s.error();
        if (st.narration.empty()) st.narration = "This step failed: " + s.error().message;
        if (st.image.layer_count() == 0 && st.image.history.empty()) st.image = sr.image;
        m->failed = true;
        m->error = s.error();
        return s.error();
    }
    // Was it the last step of its stage?
    bool last = true;
    for (size_t k = idx + 1; k < m->steps.size(); ++k)
        if (m->steps[k].stage == st.stage) last = false;
    if (last) {
        sr.done = true;
        if (st.stage == m->target) {
            m->result = sr.image;
            m->have_result = true;
        }
    }
    if (finished() && !m->failed) {
        for (const auto& kv : m->build_args) {
            const std::string& k = kv.first;
            static const char* const proxies[] = {"HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY", "ALL_PROXY",
                                                  "http_proxy", "https_proxy", "ftp_proxy", "no_proxy", "all_proxy"};
            bool proxy = std::find_if(std::begin(proxies), std::end(proxies), [&k](const char* p) { return k == p; }) !=
                         std::end(proxies);
            if (!proxy && !m->used_build_args.count(k))
                m->warnings.push_back("one or more build-args were not consumed: [" + k + "] (no ARG " + k +
                                      " in the stages built)");
        }
    }
    return idx;
}

Status Builder::run() {
    while (!finished()) {
        Result<size_t> r = step();
        if (!r) return r.error();
    }
    if (m->failed) return *m->error;
    return {};
}

const Image& Builder::result() const {
    static const Image empty;
    return m->have_result ? m->result : empty;
}

const Image* Builder::stage_image(size_t stage) const {
    if (stage >= m->stages.size() || !m->stages[stage].started) return nullptr;
    return &m->stages[stage].image;
}

size_t Builder::target_stage() const { return m->target; }
const dockerfile::Dockerfile& Builder::dockerfile() const { return m->df; }
const Options& Builder::options() const { return m->opt; }
const std::vector<std::string>& Builder::warnings() const { return m->warnings; }
std::string Builder::author() const { return m->stages.empty() ? std::string() : m->stages[m->target].author; }

}  // namespace ll::build
