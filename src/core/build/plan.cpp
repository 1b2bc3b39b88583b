// plan.cpp: before anything runs, the build's plan (BuildKit's
// dockerfile2llb does the same before it converts a single instruction):
//
//   plan_global_args     predefined platform ARGs, ARGs before the first FROM
//   plan_target          --target, or the last stage
//   plan_stage_bases     each FROM after expansion; does it name an earlier stage?
//   plan_needed_stages   the target's base chain and COPY --from stages
//   stage_order          file order, a stage after the stages it needs
//   plan_steps           one Step per instruction, titled "[stage 2/5] RUN ..."
//   plan_check_bases     every FROM image name is a valid reference (BuildKit
//                        parses all of them before it runs anything)
#include <cmath>
#include <cstdio>

#include "core/build/engine.h"

namespace ll::build {

using namespace detail;
using dockerfile::Instruction;
using dockerfile::Kind;

namespace {

// The instructions BuildKit counts in "[i/n]": one vertex each.
bool counted_kind(Kind k) { return k == Kind::Run || k == Kind::Copy || k == Kind::Add || k == Kind::Workdir; }

}  // namespace

// BuildKit's prefixCommand: "[name i/n] " before the instruction, the
// keyword in capitals; FROM shows the expanded base name.
std::string Builder::Impl::title_for(const Instruction& ins, StageRun& sr, size_t stage_index, bool onbuild) {
    // FROM counts only when it pulls an image (scratch and an earlier stage
    // are no vertex of their own); cmd_total counts the same way.
    bool counted = counted_kind(ins.kind) || (ins.kind == Kind::From && sr.from_counts());
    std::string text = ins.original;
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
    if (ctx.error()) {  // a context name outside the context: nothing may be copied from it
        failed = true;
        error = *ctx.error();
        return;
    }
    if (!plan_global_args()) return;
    multi_stage = df.stages.size() > 1;
    stages.resize(df.stages.size());
    if (df.stages.empty()) {
        failed = true;
        error = make_error(Errc::syntax, "the Dockerfile has no FROM: nothing to build", SourceLoc{df.filename, 1, 1});
        return;
    }
    if (!plan_target()) return;
    plan_stage_bases();
    plan_needed_stages();
    plan_steps(stage_order());
    plan_check_bases();
}

// Predefined platform ARGs (BuildKit defaultArgs) and global ARGs.
bool Builder::Impl::plan_global_args() {
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
                    return false;
                }
                global_env.set(kv.key, *v);
            }
        }
    }
    return true;
}

bool Builder::Impl::plan_target() {
    if (opt.target.empty()) {
        target = df.stages.size() - 1;
        return true;
    }
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
                           SourceLoc{df.filename});
        return false;
    }
    target = t->index;
    return true;
}

// FROM names after expansion, and which earlier stage they name.
void Builder::Impl::plan_stage_bases() {
    for (size_t i = 0; i < df.stages.size(); ++i) {
        const dockerfile::Stage& st = df.stages[i];
        const Instruction& from = df.instructions[st.from_instruction];
        Result<std::string> name = dockerfile::expand(from.from.image, global_env, df.escape);
        stages[i].base_name = name ? *name : from.from.image;
        for (size_t j = 0; j < i; ++j)
            if (!df.stages[j].name.empty() && lower(stages[i].base_name) == df.stages[j].name) stages[i].base_stage = j;
    }
}

// Which stages the target needs: its base chain and COPY --from / RUN
// --mount from= stages, transitively. The classic builder builds every
// stage up to the target.
void Builder::Impl::plan_needed_stages() {
    std::vector<size_t> todo{target};
    while (!todo.empty()) {
        size_t s = todo.back();
        todo.pop_back();
        if (stages[s].needed) continue;
        stages[s].needed = true;
        if (stages[s].base_stage) todo.push_back(*stages[s].base_stage);
        for (size_t d : df.stages[s].depends_on) todo.push_back(d);
    }
    if (rules.builds_stages_before_target)
        for (size_t i = 0; i <= target; ++i) stages[i].needed = true;
}

// File order, but a stage runs after the stages it depends on.
std::vector<size_t> Builder::Impl::stage_order() const {
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
    return order;
}

void Builder::Impl::plan_steps(const std::vector<size_t>& order) {
    for (size_t si : order) {
        const dockerfile::Stage& st = df.stages[si];
        StageRun& sr = stages[si];
        sr.cmd_total = sr.from_counts() ? 1 : 0;
        for (size_t ii : st.instructions)
            if (counted_kind(df.instructions[ii].kind)) ++sr.cmd_total;
        auto push = [&](size_t ii, const Instruction& ins) {
            Step s;
            s.stage = si;
            s.instruction = ii;
            s.kind = ins.kind;
            s.span = ins.span;
            s.title = title_for(ins, sr, si, false);
            s.state = sr.needed ? StepState::pending : StepState::skipped;
            if (!sr.needed) {
                s.cache_note = rules.builds_stages_before_target ? "not built: after the target stage"
                                                                 : "skipped: the target stage does not need this stage";
            }
            steps.push_back(std::move(s));
            step_ins.push_back(&ins);
        };
        push(st.from_instruction, df.instructions[st.from_instruction]);
        for (size_t ii : st.instructions) push(ii, df.instructions[ii]);
    }
}

// BuildKit refuses a blank base name and a malformed reference for every
// stage (needed or not) before anything runs; the FROM is shown as failed.
void Builder::Impl::plan_check_bases() {
    if (failed) return;
    for (size_t i = 0; i < df.stages.size() && !failed; ++i) {
        StageRun& sr = stages[i];
        const Instruction& from = df.instructions[df.stages[i].from_instruction];
        std::optional<Error> bad;
        if (sr.base_name.empty()) {
            bad = fail(Errc::syntax, "base name (" + from.from.image + ") should not be blank", from.from.image_span);
        } else if (!sr.from_scratch() && !sr.base_stage) {
            Result<ImageRef> r = parse_image_ref(sr.base_name);
            if (r)
                sr.ref = *r;
            else
                bad = fail(Errc::syntax,
                           "failed to parse stage name \"" + sr.base_name + "\": " + r.error().message +
                               " (an image reference is [REGISTRY/]NAME[:TAG][@sha256:DIGEST], the name in "
                               "lowercase)",
                           from.from.image_span);
        }
        if (!bad) continue;
        failed = true;
        error = *bad;
        for (Step& st : steps)
            if (st.stage == i && st.kind == Kind::From && !st.onbuild) {
                st.state = StepState::failed;
                st.error = *bad;
                st.narration = "This FROM cannot be read: " + bad->message;
                break;
            }
    }
}

}  // namespace ll::build
