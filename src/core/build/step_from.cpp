// step_from.cpp: FROM, the first step of every stage.
//
//   do_from          the base, the stage's env, its cache key, ONBUILD triggers
//   from_scratch     the empty image (with the flavour's WorkingDir and PATH)
//   from_stage       an earlier stage's image: its layers are shared
//   from_image       a named image: resolve_image() is the one place a
//                    reference becomes an Image (ImageSource: --image, the
//                    built-in bases, their nearest variant, a stand-in)
//   start_env        the stage's variables start as the base's Env
//   queue_onbuild_triggers   the base's ONBUILD lines run right after FROM
#include "core/build/engine.h"
#include "core/dockerfile/parser.h"

namespace ll::build {

using namespace detail;
using dockerfile::Instruction;

Status Builder::Impl::do_from(size_t idx) {
    Step& st = steps[idx];
    StageRun& s = stages[st.stage];
    const Instruction& ins = *step_ins[idx];
    Cur c{st, s, ins, 0};
    s.started = true;
    std::string identity;
    Status based = s.from_scratch() ? from_scratch(c)
                   : s.base_stage   ? from_stage(c, identity)
                                    : from_image(c, identity);
    if (!based) return based;
    if (identity.empty()) identity = "scratch";
    std::vector<std::string> triggers_text = s.image.config.on_build;
    s.image.config.on_build.clear();
    if (!s.base_stage || !rules.child_stage_inherits) start_env(s);
    s.cmd_set = false;
    s.volumes = s.image.config.volumes;  // a base image's VOLUMEs count too
    s.key = key_hash(rules.name, "FROM " + identity);
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
    return queue_onbuild_triggers(idx, triggers_text);
}

Status Builder::Impl::from_scratch(Cur& c) {
    StageRun& s = c.s;
    s.image = Image();
    s.image.config.working_dir = rules.scratch_working_dir;
    if (rules.scratch_sets_path) s.image.config.env = {std::string("PATH=") + k_default_path};
    c.st.narration = "FROM scratch: the stage starts from the empty image: no layers, no files.";
    c.st.rule = "scratch is the empty image";
    return {};
}

Status Builder::Impl::from_stage(Cur& c, std::string& identity) {
    StageRun& s = c.s;
    StageRun& b = stages[*s.base_stage];
    const std::string base_display = df.stages[*s.base_stage].display_name();
    if (!b.done)
        return fail(Errc::unknown_stage, "stage " + base_display + " has not been built", c.ins.from.image_span);
    s.image = b.image;
    if (rules.child_stage_inherits) {
        // BuildKit: the child stage continues the parent's state, ARG
        // values included (buildah starts over from the parent's config)
        s.env = b.env;
        s.args = b.args;
    }
    s.author = b.author;
    s.base_match = b.base_match;
    s.base_approx = b.base_approx;
    identity = "stage:" + b.key;
    c.st.narration = "FROM " + s.base_name + ": this stage continues from stage " + base_display + "'s image (" +
                     plural(s.image.layer_count(), "layer", "layers") + ", " + format_bytes(s.image.size()) +
                     "); the layers are shared, not copied.";
    c.st.rule = "a stage can start from an earlier stage";
    return {};
}

std::optional<ResolvedImage> Builder::Impl::resolve_image(const ImageRef& ref) {
    return images.resolve(ref, !opt.strict_images);
}

Status Builder::Impl::from_image(Cur& c, std::string& identity) {
    StageRun& s = c.s;
    std::optional<ResolvedImage> img = s.ref ? resolve_image(*s.ref) : std::nullopt;
    if (!img) {
        if (std::optional<Error> why = images.last_error(); why && why->code == Errc::enoent)
            return fail(why->code, "FROM " + s.base_name + ": layerlab knows this image, but " + why->message,
                        c.ins.from.image_span);
        if (std::optional<Error> why = images.last_error())
            return fail(why->code,
                        "FROM " + s.base_name +
                            ": layerlab knows this image, but its catalog could not be read: " + why->describe(),
                        c.ins.from.image_span);
        std::string known;
        for (const std::string& n : images.names()) known += (known.empty() ? "" : ", ") + n;
        return fail(Errc::enoent,
                    "FROM " + s.base_name + ": no image of that name in layerlab (known: " +
                        (known.empty() ? "none" : known) +
                        "). A real build would pull it from a registry; layerlab has no network",
                    c.ins.from.image_span);
    }
    s.image = std::move(img->image);
    identity = "image:" + std::string(base_match_name(img->match)) + ":" + s.ref->familiar() + ":" + img->shown_as +
               ":" + std::to_string(s.image.layer_count());
    for (const LayerPtr& l : s.image.layers())
        identity += ":" + std::to_string(l->size()) + "/" + std::to_string(l->entries().size());
    c.st.base_match = img->match;
    s.base_match = img->match;
    c.st.base_note = img->note;
    c.st.base_approx = img->approximated;
    s.base_approx = img->approximated;
    if (!img->note.empty()) c.st.notes.push_back(img->note);
    const std::string layers = plural(s.image.layer_count(), "layer", "layers") + " (" + format_bytes(s.image.size()) + ")";
    switch (img->match) {
    case BaseMatch::exact:
    case BaseMatch::same:
        c.st.narration = "FROM " + s.base_name + ": the stage starts from its " + layers +
                         "; they are shared read-only, nothing is copied." +
                         (img->approximated ? " Their structure and history are the real image's; some of their "
                                              "files are approximated (the note says which)." : "");
        break;
    case BaseMatch::nearest:
        c.st.narration = "FROM " + s.base_name + ": the stage starts from " + img->shown_as + "'s " + layers +
                         ", the nearest variant layerlab has; they are shared read-only, nothing is copied.";
        break;
    case BaseMatch::stand_in:
        c.st.narration = "FROM " + s.base_name + ": layerlab does not have this image, so the stage starts from a "
                         "stand-in, " + img->shown_as + "'s " + layers +
                         ": the steps after it run, but its layers are not the real image's.";
        break;
    }
    c.st.rule = "an image is a stack of read-only layers";
    return {};
}

// The stage env starts as the image's Env (BuildKit: PATH is always set).
void Builder::Impl::start_env(StageRun& s) {
    s.env = dockerfile::Env();
    if (rules.base_env_gets_path && !s.image.config.env_get("PATH"))
        s.image.config.env.push_back(std::string("PATH=") + k_default_path);
    for (const std::string& kv : s.image.config.env) {
        auto [k, v] = split_kv(kv);
        s.env.set(k, v);
    }
}

// ONBUILD triggers of the base run right after FROM, as steps of their own.
Status Builder::Impl::queue_onbuild_triggers(size_t idx, const std::vector<std::string>& triggers_text) {
    const Instruction& ins = *step_ins[idx];
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
        ts.stage = steps[idx].stage;
        ts.instruction = steps[idx].instruction;
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

}  // namespace ll::build
