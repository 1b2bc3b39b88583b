// step_copy.cpp: COPY and ADD, as BuildKit's dispatchCopy does them.
//
//   do_copy       the steps in order: what to copy, from where, the owner,
//                 the checksums (they are part of the key), the cache, the copy
//   copy_spec     sources, heredoc sources, destination, --chmod (expanded)
//   copy_source   the context, another stage (--from=name) or an image
//   copy_chown    --chown, looked up in the image being built
//   copy_key      the cache key: the instruction plus the copied files' checksums
//   copy_run      the copy itself, in a Container (copy.cpp does the file rules)
//   copy_notes    --link, --from, sources above the context
#include "core/build/engine.h"
#include "core/standin.h"

namespace ll::build {

using namespace detail;
using dockerfile::Instruction;
using dockerfile::Kind;

// What the instruction asks for, with its variables expanded.
namespace {

bool is_download_url(std::string_view s) {
    return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0 || s.rfind("git@", 0) == 0 ||
           s.rfind("git://", 0) == 0;
}

// ADD <url>: layerlab has no network, so a labelled placeholder (core/standin.h)
// stands where BuildKit would write the download (0600, not unpacked); a git
// URL gets a directory holding LAYERLAB-STAND-IN.txt where the checkout goes.
void add_url_stand_in(std::vector<std::string>& notes, CopySpec& spec, const std::string& url) {
    const bool git = url.rfind("git", 0) == 0 || url.find(".git#") != std::string::npos ||
                     (url.size() > 4 && url.substr(url.size() - 4) == ".git");
    if (git) {
        spec.inline_files.push_back({"LAYERLAB-STAND-IN.txt",
                                     "layerlab stand-in for the git checkout " + url +
                                         ": layerlab has no network, so the repository's files are not here.\n",
                                     0644});
        if (!spec.dest.empty() && spec.dest.back() != '/') spec.dest += "/";
        notes.push_back("stand-in: ADD " + url +
                             ": layerlab has no network, so the checkout is a directory holding LAYERLAB-STAND-IN.txt");
        return;
    }
    standin::Placeholder p = standin::download(url);
    spec.inline_files.push_back({standin::url_file_name(url), p.bytes, 0600});
    notes.push_back(standin::download_note("ADD", url, spec.dest.empty() ? "." : spec.dest, p) +
                         " (ADD does not unpack a downloaded archive)");
}

}  // namespace

Result<Builder::Impl::CopyPlan> Builder::Impl::copy_spec(Cur& c) {
    const Instruction& ins = c.ins;
    const dockerfile::CopyArgs& ca = ins.copy;
    CopyPlan p;
    CopySpec& spec = p.spec;
    spec.is_add = ins.kind == Kind::Add;
    spec.parents = ca.parents;
    spec.exclude = ca.exclude;
    spec.empty_wildcard_ok = rules.copy_empty_wildcard_ok;
    std::vector<std::string> urls;  // ADD <url>: stand-ins, once the destination is known
    for (size_t i = 0; i < ca.sources.size(); ++i) {
        Result<std::string> w =
            word(c.s, ca.sources[i], ca.source_spans.size() > i ? ca.source_spans[i] : ins.text_span);
        if (!w) return w.error();
        if (spec.is_add && is_download_url(*w)) {
            urls.push_back(*w);
            continue;
        }
        spec.sources.push_back(*w);
    }
    for (size_t hi : ca.heredoc_sources) {
        const dockerfile::Heredoc& h = ins.heredocs[hi];
        std::string content = h.body();
        if (h.expand) {
            Result<std::string> e = dockerfile::expand_heredoc(content, c.s.env);
            if (!e) return at(e.error(), h.span);
            content = *e;
        }
        spec.inline_files.push_back({h.name, content});
    }
    Result<std::string> dest_w = word(c.s, ca.dest, ca.dest_span);
    if (!dest_w) return dest_w.error();
    p.dest = *dest_w;
    // pathRelativeToWorkingDir: a trailing slash is kept.
    const std::string& dest = p.dest;
    const std::string& wd = c.cfg().working_dir;
    bool slash = ends_with_slash(dest) || dest == "." || dest.empty();
    std::string abs = (!dest.empty() && dest[0] == '/') ? clean_path(dest)
                                                        : join_path(wd.empty() ? "/" : wd, dest.empty() ? "." : dest);
    if (slash && abs != "/") abs += "/";
    spec.dest = abs;
    for (const std::string& u : urls) add_url_stand_in(c.st.notes, spec, u);
    if (spec.sources.size() + spec.inline_files.size() > 1 && !ends_with_slash(spec.dest) && spec.dest != "/")
        return fail(Errc::einval,
                    std::string("When using ") + p.keyword() +
                        " with more than one source file, the destination must be a directory and end with a /",
                    ca.dest_span);
    if (!ca.chmod.empty()) {
        Result<std::string> cm = word(c.s, ca.chmod, ins.text_span);
        if (!cm) return cm.error();
        p.chmod_text = *cm;
        char* end = nullptr;
        unsigned long v = std::strtoul(cm->c_str(), &end, 8);
        if (cm->empty() || *end != '\0' || v > 07777)
            return fail(Errc::bad_flag,
                        "invalid chmod parameter: '" + *cm + "'. it should be octal string and between 0 and 07777",
                        ins.span);
        spec.chmod = static_cast<uint32_t>(v);
    }
    return p;
}

// Where the files come from: the context, or --from a stage or an image.
Status Builder::Impl::copy_source(Cur& c, CopyPlan& p) {
    const dockerfile::CopyArgs& ca = c.ins.copy;
    if (ca.from.empty()) {
        p.tree = &context_tree();
        p.identity = "context";
        return {};
    }
    if (ca.from_ref.type == dockerfile::StageRef::Type::unresolved)
        return fail(Errc::bad_flag,
                    "variable expansion is not supported for --from, define a new stage with FROM using ARG "
                    "from global scope as a workaround",
                    c.ins.span);
    if (ca.from_ref.type == dockerfile::StageRef::Type::stage) {
        StageRun& fs = stages[ca.from_ref.stage];
        const std::string name = df.stages[ca.from_ref.stage].display_name();
        if (!fs.done)
            return fail(Errc::unknown_stage,
                        "cannot copy from stage \"" + ca.from + "\", it needs to be defined before current stage",
                        c.ins.span);
        p.from_image = fs.image;
        // content decides (the checksums), as BuildKit matches a rebuilt
        // stage with identical output by content
        p.identity = "stage:" + name;
        p.owned = std::make_unique<ImageTree>(p.from_image, store, "stage " + name);
    } else {
        Result<ImageRef> ref = parse_image_ref(ca.from);
        if (!ref)
            return fail(Errc::bad_flag, "invalid from flag value " + ca.from + ": " + ref.error().message, c.ins.span);
        std::optional<ResolvedImage> img = resolve_image(*ref);
        if (!img)
            return fail(Errc::enoent,
                        std::string(p.keyword()) + " --from=" + ca.from +
                            ": no stage or image of that name (layerlab has no registry to pull it from)",
                        c.ins.span);
        p.from_image = std::move(img->image);
        p.identity = "image:" + std::string(base_match_name(img->match)) + ":" + ref->familiar() + ":" + img->shown_as;
        if (!img->note.empty()) c.st.notes.push_back("--from=" + ca.from + ": " + img->note);
        p.owned = std::make_unique<ImageTree>(p.from_image, store, "image " + ca.from);
    }
    p.tree = p.owned.get();
    return {};
}

// --chown names are looked up in the image being built.
Status Builder::Impl::copy_chown(Cur& c, CopyPlan& p) {
    const std::string& chown = c.ins.copy.chown;
    if (chown.empty()) return {};
    Result<std::string> cw = word(c.s, chown, c.ins.text_span);
    if (!cw) return cw.error();
    p.chown_text = *cw;
    Container probe(store, c.s.image, "chown");
    Result<std::pair<uint32_t, uint32_t>> u = resolve_chown(probe, *cw);
    if (!u) return at(u.error(), c.ins.span);
    p.spec.chown = *u;
    return {};
}

// The key holds the checksums of the copied files (contents, modes, owners;
// never mtimes), so a changed file misses. --link: the copy does not depend
// on the layers below, so its key leaves out the parent (BuildKit can reuse
// it after earlier changes).
CacheStep Builder::Impl::copy_key(Cur& c, const CopyPlan& p, bool linked) const {
    const CopySpec& spec = p.spec;
    CacheStep cs;
    cs.parent = c.s.key;
    cs.inputs = p.sums;
    cs.text =
        std::string(p.keyword()) + " from=" + p.identity + " dest=" + spec.dest +
        " chown=" + (spec.chown ? std::to_string(spec.chown->first) + ":" + std::to_string(spec.chown->second) : "") +
        " chmod=" + (spec.chmod ? std::to_string(*spec.chmod) : "") + " link=" + (c.ins.copy.link ? "1" : "0") + "\n" +
        c.st.created_by;
    std::string material = cs.text;
    for (const auto& [path, sum] : p.sums) material += "\n" + path + " " + sum;
    cs.key = linked ? key_hash("link", material) : key_hash(cs.parent, material);
    if (p.identity != "context") cs.key = key_hash(cs.key, p.identity);
    if (linked) cs.next_key = key_hash(cs.parent, cs.key);
    return cs;
}

std::string Builder::Impl::stage_stand_in(size_t idx) const {
    const StageRun& s = stages[idx];
    if (s.base_stage) {
        std::string below = stage_stand_in(*s.base_stage);
        if (!below.empty()) return below;
    } else if (s.base_approx || s.base_match == BaseMatch::nearest || s.base_match == BaseMatch::stand_in) {
        return "its base is layerlab's approximation of " + s.base_name;
    }
    for (const Step& st : steps)
        if (st.stage == idx && (st.state == StepState::done || st.state == StepState::cached))
            for (const std::string& n : st.notes)
                if (n.find("stand-in") != std::string::npos || n.find("stood in") != std::string::npos)
                    return "its step " + st.title + " ran a stand-in";
    return "";
}

namespace {

// A build output's kind, guessed from its path where the real one is not
// known: "dist/" and "public" are folders; "app.jar", "bin/hugo" and
// "whoami/whoami" (a Go binary named like its package) are files.
bool looks_like_file(const std::string& path) {
    if (ends_with_slash(path)) return false;
    std::vector<std::string> parts = split_path(path);
    if (parts.empty()) return false;
    const std::string& base = parts.back();
    size_t dot = base.rfind('.');
    if (dot != std::string::npos && dot > 0 && base.size() - dot <= 5 &&
        std::any_of(base.begin() + static_cast<long>(dot) + 1, base.end(), [](char ch) { return std::isalpha(static_cast<unsigned char>(ch)); }))
        return true;
    if (parts.size() >= 2) {
        const std::string& parent = parts[parts.size() - 2];
        if (parent == "bin" || parent == "sbin" || parent == base || parent == "release" || parent == "debug") return true;
    }
    return false;
}

}  // namespace

// COPY --from=<stage> of a path that stage does not have, where the stage rests
// on stand-ins (an approximated base, a build tool's stand-in): the real build
// may well have made it, so a labelled placeholder stands for it (a file, or a
// folder holding LAYERLAB-STAND-IN.txt) and the step says so. Sources the
// stage has are copied as they are.
void Builder::Impl::copy_from_stand_in(Cur& c, CopyPlan& p, const std::string& why) {
    std::vector<std::string> kept;
    for (const std::string& src : p.spec.sources) {
        detail::CopySpec one = p.spec;
        one.sources = {src};
        one.inline_files.clear();
        if (checksum_sources(one, *p.tree, store, nullptr)) {
            kept.push_back(src);
            continue;
        }
        const std::string from = c.ins.copy.from;
        std::string text = "layerlab stand-in for " + src + " of stage " + from + ": " + why +
                           ", so what the real build leaves at this path is not known here.\n";
        bool file = looks_like_file(src);
        if (file) {
            std::vector<std::string> parts = split_path(src);
            p.spec.inline_files.push_back({parts.empty() ? "LAYERLAB-STAND-IN.txt" : parts.back(), text,
                                           static_cast<uint32_t>(parts.empty() || parts.back().find('.') == std::string::npos ? 0755 : 0644)});
        } else {
            p.spec.inline_files.push_back({"LAYERLAB-STAND-IN.txt", text, 0644});
            if (!ends_with_slash(p.spec.dest) && p.spec.dest != "/") p.spec.dest += "/";
        }
        c.st.notes.push_back("stand-in: " + std::string(p.keyword()) + " --from=" + from + " " + src +
                             ": not in that stage, and " + why + ", so a labelled placeholder " +
                             (file ? "file" : "folder (holding LAYERLAB-STAND-IN.txt)") +
                             " stands where the real build's output would be");
    }
    p.spec.sources = std::move(kept);
}

Status Builder::Impl::do_copy(Cur& c) {
    const dockerfile::CopyArgs& ca = c.ins.copy;
    Result<CopyPlan> planned = copy_spec(c);
    if (!planned) return planned.error();
    CopyPlan& p = *planned;
    if (Status s = copy_source(c, p); !s) return s;
    if (Status s = copy_chown(c, p); !s) return s;
    std::vector<EntryType> kinds;
    Result<std::map<std::string, std::string>> sums = checksum_sources(p.spec, *p.tree, store, &kinds);
    if (!sums && sums.error().code == Errc::enoent && ca.from_ref.type == dockerfile::StageRef::Type::stage &&
        !p.spec.parents) {
        std::string why = stage_stand_in(ca.from_ref.stage);
        if (!why.empty()) {
            copy_from_stand_in(c, p, why);
            kinds.clear();
            sums = checksum_sources(p.spec, *p.tree, store, &kinds);
        }
    }
    if (!sums) {
        Error e = sums.error();
        if (e.code == Errc::enoent && p.identity == "context")
            e.message = "failed to compute cache key: " + e.message +
                        " (COPY failed: file not found in build context or excluded by .dockerignore)";
        else if (e.code == Errc::enoent)
            e.message = "failed to compute cache key: " + e.message + " in " + p.tree->describe();
        return at(e, c.ins.span);
    }
    p.sums = std::move(*sums);
    CopyHistory h;
    h.keyword = p.keyword();
    h.parents = ca.parents;
    if (!ca.chown.empty()) h.chown = p.chown_text;
    if (!ca.chmod.empty()) h.chmod = p.chmod_text;
    h.spec = &p.spec;
    h.dest_written = ca.dest;
    h.dest_expanded = p.dest;
    h.sums = &p.sums;
    h.kinds = &kinds;
    c.st.created_by = copy_created_by(rules, h);
    const bool linked = ca.link && rules.supports_link && ca.chmod.empty();
    CacheStep cs = copy_key(c, p, linked);
    bool hit = lookup(c, cs);
    if (hit) {
        if (Status s = reuse_cached(c, cs.key); !s) return s;
        c.st.narration =
            "CACHED: same instruction and same file contents as last build; the layer from then is "
            "reused as it is.";
        c.st.rule = "the build cache keys COPY by file contents, not mtimes";
    } else if (Status s = copy_run(c, p, linked); !s) {
        return s;
    }
    copy_notes(c, p);
    finish_step(c, cs, hit);
    return {};
}

// The copy itself: into a container over the stage's image (--link: over
// the empty image), whose writable layer becomes the step's layer.
Status Builder::Impl::copy_run(Cur& c, const CopyPlan& p, bool linked) {
    const std::string& wd = c.cfg().working_dir;
    Container ctr(store, linked ? Image() : c.s.image, p.spec.is_add ? "add" : "copy");
    ctr.set_time(opt.epoch);
    // buildah creates a missing WORKDIR when COPY needs it
    if (rules.copy_creates_workdir && !wd.empty() && wd != "/" && !ctr.exists(wd)) {
        if (Status ms = mkdir_p(ctr, wd, 0755); !ms) return at(ms.error(), c.ins.span);
    }
    Result<CopyResult> res = copy_into(ctr, p.spec, *p.tree);
    if (!res) return at(res.error(), c.ins.span);
    for (const std::string& n : res->notes) c.st.notes.push_back(n);
    c.st.events = ctr.take_events();
    LayerPtr l = ctr.commit_layer();
    LayerStory story = tell(c.s.image, *l, store);
    if (Status s = take_layer(c, l); !s) return s;
    Narration n = narrate_copy(story, *res, c.st, p.keyword(), p.spec.dest, layer_label(c.s.image));
    c.st.narration = std::move(n.text);
    c.st.rule = std::move(n.rule);
    return {};
}

void Builder::Impl::copy_notes(Cur& c, const CopyPlan& p) {
    const dockerfile::CopyArgs& ca = c.ins.copy;
    if (ca.link)
        c.st.notes.push_back(
            std::string(p.keyword()) +
            " --link: BuildKit copies into an empty layer and stacks it on top, so the layer does not depend on "
            "the ones below and stays cached when they change (the files come out the same here)");
    if (!ca.from.empty())
        c.st.notes.push_back("the files come from " + p.tree->describe() +
                             "; only what is copied lands in this image, not the rest of that stage");
    for (const std::string& src : p.spec.sources)
        if (clean_path("/" + src) != "/" && clean_path(src).rfind("..", 0) == 0)
            c.st.notes.push_back(src +
                                 " points above the context; BuildKit reads it relative to the context root "
                                 "(sources never leave the context)");
}

}  // namespace ll::build
