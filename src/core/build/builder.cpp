// builder.cpp: the public Builder (builder.h) and the dispatch of each step
// to its instruction's function. Start reading here; engine.h lists the
// other files of the engine in reading order.
//
//   Builder(...)      plan() (plan.cpp): every step of every stage, in order
//   step()            run_step(next): FROM -> do_from, RUN -> do_run, ...
//                     then: is the stage done? is the build done?
//
// Also here: the small helpers every instruction uses (errors at the
// instruction's place, variable expansion, the context tree).
#include "core/build/builder.h"

#include <algorithm>

#include "core/build/engine.h"

namespace ll::build {

using namespace detail;
using dockerfile::Instruction;
using dockerfile::Kind;

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

// ---------------------------------------------------------------- helpers

namespace detail {

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

std::string plural(uint64_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string join_words(const std::vector<std::string>& v) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) out += (i ? " " : "") + v[i];
    return out;
}

std::string original_args(const Instruction& ins) {
    size_t sp = ins.original.find_first_of(" \t");
    return sp == std::string::npos ? std::string() : ins.original.substr(sp + 1);
}

bool StageRun::from_scratch() const { return lower(base_name) == "scratch"; }

}  // namespace detail

// ---------------------------------------------------------------- impl basics

Builder::Impl::Impl(Store& s, dockerfile::Dockerfile f, BuildContext c, Options o, ImageSource& i, BuildCache* ca)
    : store(s),
      df(std::move(f)),
      ctx(std::move(c)),
      opt(std::move(o)),
      images(i),
      cache(ca),
      rules(rules_for(opt.flavor)) {}

Error Builder::Impl::at(Error e, const dockerfile::Span& sp) const {
    if (e.where.file.empty() && e.where.line == 0) e.where = loc(sp);
    return e;
}

Error Builder::Impl::fail(Errc code, std::string msg, const dockerfile::Span& sp) const {
    return make_error(code, std::move(msg), loc(sp));
}

Result<std::string> Builder::Impl::word(const StageRun& s, std::string_view w, const dockerfile::Span& sp) const {
    Result<std::string> r = dockerfile::expand(w, s.env, df.escape);
    if (!r) return at(r.error(), sp);
    return r;
}

const dockerfile::Span& Builder::Impl::arg_span(const Instruction& ins, size_t i) const {
    return ins.arg_spans.size() > i ? ins.arg_spans[i] : ins.text_span;
}

ContextTree& Builder::Impl::context_tree() {
    if (!ctx_tree) {
        if (!ignore) {
            Result<IgnoreRules> r = IgnoreRules::parse(ctx.dockerignore(store.blobs));
            ignore = r ? std::move(*r) : IgnoreRules{};
        }
        ctx_tree = std::make_unique<ContextTree>(ctx, *ignore);
    }
    return *ctx_tree;
}

std::string Builder::Impl::layer_label(const Image& img) const {
    return "layer " + std::to_string(img.layer_count() - 1);
}

// Every new layer of a stage goes on through here (a cached one too): the
// step that would stack one more than the flavour's image store takes
// fails at its line, with the store's own words first (flavor.cpp: why 125).
Status Builder::Impl::push_layer(Cur& c, LayerPtr layer) {
    const size_t n = c.s.image.layer_count() + 1;
    if (rules.max_layers && n > rules.max_layers) {
        const std::string most = std::to_string(rules.max_layers);
        c.st.narration = "This step would make layer " + std::to_string(n) + ", and " + rules.max_layers_store +
                         " takes at most " + most +
                         " layers per image: every RUN, COPY and ADD that changes files adds one, and the base "
                         "image's layers count too. Join RUN commands with && or copy the results into a fresh "
                         "stage to make fewer.";
        c.st.rule = "an image has at most " + most + " layers";
        return fail(Errc::too_large,
                    "max depth exceeded: this step would make layer " + std::to_string(n) + " of the image, and " +
                        rules.max_layers_store + " refuses more than " + most + " layers",
                    c.ins.span);
    }
    c.s.image.push_layer(std::move(layer), store.paths);
    return {};
}

// The missing components of `path`, created 0755 and owned by uid:gid.
// `refuse_non_dirs` (WORKDIR, as BuildKit's mkdir): components are stat'ed
// through symlinks and one that is not a directory is an error; otherwise
// (RUN's missing cwd) anything present counts and creating below a file fails.
Status Builder::Impl::make_dirs(Cur& c, Container& ctr, const std::string& path, uint32_t uid, uint32_t gid,
                                bool refuse_non_dirs) {
    std::string cur;
    for (const std::string& comp : split_path(path)) {
        cur += "/" + comp;
        if (Result<Stat> fs = refuse_non_dirs ? ctr.stat(cur) : ctr.lstat(cur)) {
            if (refuse_non_dirs && fs->type != EntryType::dir)
                return at(make_error(Errc::enotdir, "mkdir " + cur + ": not a directory"), c.ins.span);
            continue;
        }
        Entry e;
        e.type = EntryType::dir;
        e.mode = 0755;
        e.uid = uid;
        e.gid = gid;
        e.mtime = opt.epoch;
        if (Status s = ctr.install(cur, e); !s) return at(s.error(), c.ins.span);
    }
    return {};
}

// ---------------------------------------------------------------- dispatch

Status Builder::Impl::run_step(size_t idx) {
    Step& st = steps[idx];
    if (st.kind == Kind::From && !st.onbuild) return do_from(idx);
    size_t pos = 0;  // position in the stage, for "what was here last time"
    for (size_t k = 0; k < idx; ++k)
        if (steps[k].stage == st.stage) ++pos;
    Cur c{st, stages[st.stage], *step_ins[idx], pos};
    switch (c.ins.kind) {
    case Kind::Env: return do_env(c);
    case Kind::Label: return do_label(c);
    case Kind::Arg: return do_arg(c);
    case Kind::User: return do_user(c);
    case Kind::Expose: return do_expose(c);
    case Kind::Volume: return do_volume(c);
    case Kind::Stopsignal: return do_stopsignal(c);
    case Kind::Healthcheck: return do_healthcheck(c);
    case Kind::Shell: return do_shell(c);
    case Kind::Cmd:
    case Kind::Entrypoint: return do_cmd_entrypoint(c);
    case Kind::Maintainer: return do_maintainer(c);
    case Kind::Onbuild: return do_onbuild(c);
    case Kind::Workdir: return do_workdir(c);
    case Kind::Copy:
    case Kind::Add: return do_copy(c);
    case Kind::Run: return do_run(c);
    case Kind::From: return {};  // an ONBUILD trigger cannot be FROM (the parser refuses it)
    }
    return {};
}

// Unused --build-arg values, as BuildKit warns at the end of a build.
void Builder::Impl::finish_build_warnings() {
    static const char* const proxies[] = {"HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY", "ALL_PROXY",
                                          "http_proxy", "https_proxy", "ftp_proxy", "no_proxy", "all_proxy"};
    for (const auto& kv : build_args) {
        const std::string& k = kv.first;
        bool proxy = std::find_if(std::begin(proxies), std::end(proxies), [&k](const char* p) { return k == p; }) !=
                     std::end(proxies);
        if (!proxy && !used_build_args.count(k))
            warnings.push_back("one or more build-args were not consumed: [" + k + "] (no ARG " + k +
                               " in the stages built)");
    }
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
    if (finished() && !m->failed) m->finish_build_warnings();
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

void Builder::mark_blobs(BlobMarks& marks) const {
    // Steps, stage images and cached records hold layers, which mark their
    // own blobs; the context's files are the only ids held outside a layer.
    for (const auto& [path, e] : m->ctx.entries()) marks.mark(e.blob);
}
std::string Builder::author() const { return m->stages.empty() ? std::string() : m->stages[m->target].author; }

}  // namespace ll::build
