// engine.h: the build engine's private parts, shared by its source files
// (the UI and tests use builder.h).
//
// Reading order of the engine, as BuildKit's dockerfile2llb/convert.go is
// organised (each file opens with what it holds):
//
//   engine.h       this file: FlavorRules, the per-stage state, Builder::Impl
//   flavor.cpp     the three flavours' rules, one row each
//   builder.cpp    the public Builder, step(): dispatch to one do_* per instruction
//   plan.cpp       global ARGs, the target, which stages it needs, step titles
//   step_from.cpp  FROM: the stage's base (scratch, a stage, an image), ONBUILD triggers
//   step_meta.cpp  the config-only instructions (ENV, ARG, LABEL, CMD, ...) and WORKDIR
//   step_copy.cpp  COPY and ADD (the copying itself is copy.cpp)
//   step_run.cpp   RUN: the command line, mounts, the simulated shell, the layer
//   cache.cpp      BuildCache, keys, hits, why a step missed; the shared step ending
//   narrate.cpp    what a new layer did, in plain words with real byte counts
//   history.cpp    created_by strings for every instruction and flavour
//
// Every filesystem step (RUN, COPY/ADD, WORKDIR) follows one protocol:
//
//   CacheStep c{parent = s.key, key, text};
//   if (lookup(...)) reuse_cached(...)     // the layer from last time
//   else             run it in a Container, take its writable layer
//   finish_step(...)                       // history, st.image, the cache chain
#pragma once
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/build/builder.h"
#include "core/build/internal.h"
#include "core/dockerfile/expand.h"
#include "core/shell/shell.h"

namespace ll::build::detail {

// ------------------------------------------------------------ flavours

// How a flavour writes history lines for the config-only instructions.
enum class HistoryStyle : uint8_t {
    buildkit,      // BuildKit's text ("ENV A=1"), comment buildkit.dockerfile.v0
    nop_expanded,  // classic: "/bin/sh -c #(nop) " + BuildKit's (expanded) text
    nop_written,   // buildah: "/bin/sh -c #(nop) " + the line as written
};

// Where BuildKit, buildah and the classic builder differ (tests/build/README.md
// lists the differences and where each was observed). Every instruction reads
// the field it needs; a flavour difference is one field, set in flavor.cpp.
struct FlavorRules {
    Flavor flavor = Flavor::buildkit;
    const char* name = "buildkit";

    // history and cache
    HistoryStyle history = HistoryStyle::buildkit;
    const char* history_comment = "";    // each history entry's comment
    bool onbuild_in_history = true;      // BuildKit writes no entry for ONBUILD
    bool metadata_is_cache_step = true;  // BuildKit keys only the steps that touch files
    bool run_keyed_by_history = false;   // RUN's key: its history line (else command, mounts, network)

    // layers
    bool drops_empty_layers = false;    // an empty diff makes no layer (BuildKit)
    size_t max_layers = 0;              // the most layers an image may stack (flavor.cpp says why)
    const char* max_layers_store = "";  // who refuses more, for the message

    // FROM and stages
    const char* scratch_working_dir = "";      // WorkingDir of FROM scratch
    bool scratch_sets_path = false;            // FROM scratch gets Env PATH
    bool base_env_gets_path = false;           // an image without PATH gets the default one
    bool child_stage_inherits = true;          // FROM <stage> keeps its env and ARG values
    bool builds_stages_before_target = false;  // every stage up to the target is built

    // WORKDIR
    bool workdir_makes_dir = true;               // WORKDIR creates its directory (a layer when new)
    bool workdir_dir_owned_by_user = true;       // ... owned by USER (the classic builder: root)
    bool missing_workdir_owned_by_user = false;  // RUN creates a missing cwd as USER

    // RUN, COPY
    const char* hostname = "buildkitsandbox";  // the RUN container's hostname
    bool run_discards_volume_changes = false;  // writes inside a VOLUME are dropped
    bool copy_creates_workdir = false;         // COPY makes a missing WORKDIR first
    bool supports_link = false;                // COPY --link stacks an independent layer
    bool copy_empty_wildcard_ok = false;       // a COPY wildcard matching nothing copies nothing

    // config
    bool env_moves_base_var_to_end = false;      // ENV of a base image's variable appends it
    bool expose_as_written = false;              // EXPOSE 8000-8002 and 53/UDP kept as one key each
    bool shell_form_uses_shell = true;           // CMD/ENTRYPOINT shell form wraps SHELL
    bool empty_shell_entrypoint_unsets = false;  // ENTRYPOINT "" removes it
    bool docker_config_fields = true;            // Healthcheck and OnBuild survive (not OCI)
};

const FlavorRules& rules_for(Flavor f);

// ------------------------------------------------------------ stage state

struct ArgDecl {
    std::string key;
    std::optional<std::string> value;
};

// One stage while it is built.
struct StageRun {
    bool needed = false;
    bool started = false, done = false;
    std::string base_name;             // FROM after expansion
    std::optional<size_t> base_stage;  // FROM names an earlier stage
    std::optional<ImageRef> ref;       // FROM names an image: the reference, parsed
    BaseMatch base_match = BaseMatch::exact;  // how the base resolved (a stage's: its base's)
    bool base_approx = false;                 // its files are approximated (ResolvedImage::approximated)
    Image image;
    dockerfile::Env env;        // the llb state's env: config Env + ARG values
    std::vector<ArgDecl> args;  // ARGs declared (and inherited from a base stage)
    bool cmd_set = false;
    std::string key;      // cache chain
    bool missed = false;  // an earlier step of this stage missed
    std::string miss_title;
    std::string author;
    size_t cmd_index = 0, cmd_total = 0;
    std::vector<std::string> volumes;  // buildah/classic: discard RUN changes below
    std::vector<std::string> own_env;  // buildah: variables this stage's ENVs set

    bool from_scratch() const;
    // Does BuildKit show FROM as a counted step ("[1/3] FROM ...")? Only
    // when it pulls an image: scratch and an earlier stage are no vertex.
    bool from_counts() const { return !from_scratch() && !base_stage; }
};

// A cache step: what the key is made of, as recorded for the next build.
struct CacheStep {
    std::string parent;                         // the stage's key before the step
    std::string key;                            // this step's key
    std::string text;                           // the key material, kept to explain the next miss
    std::map<std::string, std::string> inputs;  // COPY/ADD: source -> checksum
    std::string next_key;                       // the stage's key after ("" = key)
};

// ------------------------------------------------------------ small helpers (builder.cpp)

std::string upper(std::string_view s);
std::string lower(std::string_view s);
std::string key_hash(std::string_view parent, std::string_view material);
std::pair<std::string, std::string> split_kv(std::string_view kv);
std::vector<std::string> split_path(std::string_view p);
std::string plural(uint64_t n, std::string_view one, std::string_view many);
std::string join_words(const std::vector<std::string>& v);  // "a b c"
// The instruction's arguments as written (the text after the keyword).
std::string original_args(const dockerfile::Instruction& ins);

// ------------------------------------------------------------ history (history.cpp)

// A config-only instruction's created_by; `text` is BuildKit's ("ENV A=1").
std::string meta_created_by(const FlavorRules& r, std::string_view text, std::string_view original);
std::string arg_created_by(const FlavorRules& r, std::string_view text, const std::vector<ArgDecl>& args,
                           std::string_view original);
// RUN: BuildKit's "RUN |2 A=1 B=2 /bin/sh -c cmd # buildkit"; buildah's and
// the classic builder's "|2 A=1 B=2 /bin/sh -c cmd as written".
std::string run_created_by(const FlavorRules& r, const std::vector<ArgDecl>& args, const dockerfile::Env& env,
                           std::string_view process, std::string_view original);
struct CopyHistory {
    const char* keyword = "COPY";
    bool parents = false;
    std::optional<std::string> chown, chmod;                   // the flags after expansion, when given
    const CopySpec* spec = nullptr;                            // sources and heredoc names, expanded
    std::string dest_written;                                  // the destination as written
    std::string dest_expanded;                                 // ... after expansion (not made absolute)
    const std::map<std::string, std::string>* sums = nullptr;  // checksums of the sources
    const std::vector<EntryType>* kinds = nullptr;             // the sources' types
};
std::string copy_created_by(const FlavorRules& r, const CopyHistory& h);

// ------------------------------------------------------------ narration (narrate.cpp)

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
LayerStory tell(const Image& below, const Layer& layer, const Store& store);

struct Narration {
    std::string text, rule;
};
// RUN made `l` (empty_layer: it made none); `label` names the new layer.
Narration narrate_run(const LayerStory& story, const Layer& l, bool empty_layer, const FlavorRules& r,
                      const std::string& label);
Narration narrate_copy(const LayerStory& story, const CopyResult& res, const Step& st, const std::string& keyword,
                       const std::string& dest, const std::string& label);

}  // namespace ll::build::detail

namespace ll::build {

// ------------------------------------------------------------ the engine

struct Builder::Impl {
    using StageRun = detail::StageRun;
    using CacheStep = detail::CacheStep;
    using Instruction = dockerfile::Instruction;

    Store& store;
    dockerfile::Dockerfile df;
    BuildContext ctx;
    Options opt;
    ImageSource& images;
    BuildCache* cache;
    const detail::FlavorRules& rules;

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
    std::unique_ptr<detail::ContextTree> ctx_tree;
    Image result;
    bool have_result = false;
    bool multi_stage = false;

    Impl(Store& s, dockerfile::Dockerfile f, BuildContext c, Options o, ImageSource& i, BuildCache* ca);

    // What one instruction's function works on.
    struct Cur {
        Step& st;
        StageRun& s;
        const Instruction& ins;
        size_t pos;  // the step's position in its stage ("what was here last time")
        ImageConfig& cfg() { return s.image.config; }
    };

    // ------------------------------------------------ errors, words (builder.cpp)
    SourceLoc loc(const dockerfile::Span& sp) const { return sp.loc(df.filename); }
    Error at(Error e, const dockerfile::Span& sp) const;
    Error fail(Errc code, std::string msg, const dockerfile::Span& sp) const;
    // A word expanded with the stage's env ($VAR, ${VAR:-x}).
    Result<std::string> word(const StageRun& s, std::string_view w, const dockerfile::Span& sp) const;
    // The span of argument i (the instruction's text when unknown).
    const dockerfile::Span& arg_span(const Instruction& ins, size_t i) const;
    detail::ContextTree& context_tree();
    std::string layer_label(const Image& img) const;
    Status make_dirs(Cur& c, Container& ctr, const std::string& path, uint32_t uid, uint32_t gid, bool refuse_non_dirs);
    // The stage's image gets `layer` on top.
    Status push_layer(Cur& c, LayerPtr layer);

    // ------------------------------------------------ plan (plan.cpp)
    void plan();
    bool plan_global_args();
    bool plan_target();
    void plan_stage_bases();
    void plan_needed_stages();
    std::vector<size_t> stage_order() const;
    void plan_steps(const std::vector<size_t>& order);
    void plan_check_bases();
    std::string title_for(const Instruction& ins, StageRun& sr, size_t stage_index, bool onbuild);

    // ------------------------------------------------ run (builder.cpp)
    Status run_step(size_t idx);
    void finish_build_warnings();

    // ------------------------------------------------ FROM (step_from.cpp)
    Status do_from(size_t idx);
    Status from_scratch(Cur& c);
    Status from_stage(Cur& c, std::string& identity);
    Status from_image(Cur& c, std::string& identity);
    // The one place an image name becomes an Image (FROM, COPY --from).
    // A FROM / COPY --from image: exact, same image, nearest variant or
    // (unless --strict) a stand-in; nullopt when nothing stands for it.
    std::optional<ResolvedImage> resolve_image(const ImageRef& ref);
    void start_env(StageRun& s);
    Status queue_onbuild_triggers(size_t idx, const std::vector<std::string>& triggers_text);

    // ------------------------------------------------ config-only (step_meta.cpp)
    Status do_env(Cur& c);
    Status do_label(Cur& c);
    Status do_arg(Cur& c);
    Status do_user(Cur& c);
    Status do_expose(Cur& c);
    Status do_volume(Cur& c);
    Status do_stopsignal(Cur& c);
    Status do_healthcheck(Cur& c);
    Status do_shell(Cur& c);
    Status do_cmd_entrypoint(Cur& c);
    Status do_maintainer(Cur& c);
    Status do_onbuild(Cur& c);
    Status do_workdir(Cur& c);
    Status workdir_mkdir(Cur& c, const std::string& wd);
    // The shared ending of a config-only step: history, and for buildah and
    // the classic builder a cache step keyed by `text`.
    void finish_metadata(Cur& c, const std::string& text);
    std::string nop(Cur& c, const std::string& text) const;

    // ------------------------------------------------ COPY, ADD (step_copy.cpp)
    struct CopyPlan {
        detail::CopySpec spec;
        std::string dest;                           // the destination expanded, as written
        std::string chown_text, chmod_text;         // the flags expanded
        std::unique_ptr<detail::SourceTree> owned;  // another stage or image
        detail::SourceTree* tree = nullptr;         // where the files come from
        std::string identity;                       // "context", "stage:NAME", "image:NAME"
        Image from_image;                           // --from's image
        std::map<std::string, std::string> sums;    // source -> checksum
        const char* keyword() const { return spec.is_add ? "ADD" : "COPY"; }
    };
    Status do_copy(Cur& c);
    Result<CopyPlan> copy_spec(Cur& c);
    Status copy_source(Cur& c, CopyPlan& p);
    Status copy_chown(Cur& c, CopyPlan& p);
    CacheStep copy_key(Cur& c, const CopyPlan& p, bool linked) const;
    Status copy_run(Cur& c, const CopyPlan& p, bool linked);
    void copy_notes(Cur& c, const CopyPlan& p);
    // Why stage `idx` rests on stand-ins ("" when it does not): its base is
    // approximated, or one of its steps (or its base stage's) stood in.
    std::string stage_stand_in(size_t idx) const;
    void copy_from_stand_in(Cur& c, CopyPlan& p, const std::string& why);

    // ------------------------------------------------ RUN (step_run.cpp)
    struct RunCommand {
        std::vector<std::string> args;         // argv (shell form: the shell + the script)
        std::vector<std::string> shell_words;  // SHELL or /bin/sh -c
        bool shell_form = true;
        std::optional<std::pair<std::string, std::string>> pipe_script;  // path, contents
        std::string process;                                             // argv joined
    };
    Status do_run(Cur& c);
    RunCommand run_command(Cur& c) const;
    std::string run_key_text(Cur& c, const RunCommand& cmd) const;
    Status run_in_container(Cur& c, const RunCommand& cmd);
    Status make_run_workdir(Cur& c, Container& ctr, const std::string& cwd);
    Status check_executable(Cur& c, Container& ctr, const RunCommand& cmd, const std::string& cwd);
    struct MountDrops {
        std::vector<PathId> under;    // keep the mount point itself
        std::vector<PathId> stubs;    // created for the mount: drop it too
        std::vector<PathId> volumes;  // buildah, classic: VOLUME paths
    };
    MountDrops prepare_mounts(Cur& c, Container& ctr, const RunCommand& cmd, const std::string& cwd);
    std::string shell_script(Cur& c, const RunCommand& cmd);
    Status run_failed(Cur& c, const RunCommand& cmd, const shell::RunResult& r);
    LayerPtr run_layer(Cur& c, Container& ctr, const MountDrops& drops);

    // ------------------------------------------------ cache (cache.cpp)
    // Looks the step up; sets cache_key and cache_note (why it missed).
    bool lookup(Cur& c, const CacheStep& cs);
    std::string explain_miss(Cur& c, const CacheStep& cs) const;
    // A hit: the layer from last time goes on the stage's image.
    Status reuse_cached(Cur& c, const std::string& key);
    // A new layer from a step that ran (none when empty and the flavour drops those).
    Status take_layer(Cur& c, LayerPtr l);
    // The end of every cache step: history, the step's image, the cache chain.
    void finish_step(Cur& c, const CacheStep& cs, bool hit);
    void store_record(Cur& c, const CacheStep& cs);
    void add_history(StageRun& s, Step& st);
};

}  // namespace ll::build
