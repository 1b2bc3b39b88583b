// goal_eval.cpp: checking a goal on a Lab (goal.h).
//
// Index of this file:
//   finding things: find_container, find_layer, find_step, resolve_in
//   numbers:        measure (the value a number check compares), compare, number_part
//   predicates:     build_part, has_part, contains_part, env_part, step_part, diff_part, upper_part
//   the host:       xray_part (xray.dirs, xray.lowerdirs, xray.upper.has: read off host::lab_xray)
//   evaluate
#include <algorithm>
#include <optional>
#include <set>

#include "core/container.h"
#include "core/host/xray.h"
#include "core/lab/lab.h"
#include "core/lesson/goal.h"
#include "core/lesson/goal_words.h"
#include "core/view.h"

namespace ll::lesson {

namespace {

using lab::Lab;

struct Raw {
    bool ok = false;       // the check holds (before `not`)
    bool unknown = false;  // what it looks at is not there (no container, no such layer or step): never met
    std::string reason;    // in words, true either way
};

std::string plural(uint64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// 436207616 -> "436,207,616"
std::string with_commas(uint64_t v) {
    std::string d = std::to_string(v), out;
    for (size_t i = 0; i < d.size(); ++i) {
        if (i && (d.size() - i) % 3 == 0) out += ',';
        out += d[i];
    }
    return out;
}

const Container* find_container(const Lab& lab, const Check& c, std::string& why) {
    if (lab.container_count() == 0) {
        why = "no container runs: start one in the Container tab (or type a command there)";
        return nullptr;
    }
    if (c.index == k_current) return lab.current_container();
    int n = int(lab.container_count());
    int i = c.index < 0 ? n + c.index : c.index;
    if (i < 0 || i >= n) {
        why = plural(uint64_t(n), "container runs", "containers run") + ", so " + object_words(c) + " is not there";
        return nullptr;
    }
    return lab.container_state(size_t(i)).container.get();
}

const lab::LayerView* find_layer(const Lab& lab, const Check& c, std::string& why) {
    const auto& layers = lab.layers();
    int n = int(layers.size());
    int i = c.index < 0 ? n + c.index : c.index;
    if (i < 0 || i >= n) {
        why = "the image has " + plural(uint64_t(n), "layer", "layers") + ", so " + object_words(c) + " is not there";
        return nullptr;
    }
    return &layers[size_t(i)];
}

// The last step whose instruction starts with the check's text (spaces
// squeezed), or -1.
int find_step(const Lab& lab, const std::string& text) {
    auto squeeze = [](std::string_view s) {
        std::string out;
        for (char ch : s)
            if (!(ch == ' ' && (out.empty() || out.back() == ' '))) out += ch;
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out;
    };
    std::string want = squeeze(text);
    int found = -1;
    for (size_t i = 0; i < lab.steps().size(); ++i)
        if (squeeze(lab.step_instruction(i)).rfind(want, 0) == 0) found = int(i);
    return found;
}

// ---- numbers ---------------------------------------------------------------

bool measure(const Lab& lab, const Check& c, uint64_t& v, std::string& why) {
    switch (c.prop) {
    case Prop::size:
        if (c.obj == Obj::image) {
            v = lab.image_at_cursor().size();
            return true;
        }
        if (c.obj == Obj::container) {
            const Container* k = find_container(lab, c, why);
            if (k) v = k->size();
            return k != nullptr;
        }
        if (const lab::LayerView* l = find_layer(lab, c, why)) {
            v = l->size;
            return true;
        }
        return false;
    case Prop::layers:
        if (c.obj == Obj::base) {
            v = uint64_t(std::count_if(lab.layers().begin(), lab.layers().end(),
                                       [](const lab::LayerView& l) { return l.from_base; }));
        } else {
            v = lab.image_at_cursor().layer_count();
        }
        return true;
    case Prop::wasted: v = lab.waste().wasted; return true;
    case Prop::count:
        v = c.obj == Obj::commits ? lab.commit_count() : lab.container_count();
        return true;
    case Prop::copied_up: {
        const Container* k = find_container(lab, c, why);
        if (k) v = k->bytes_copied_up();
        return k != nullptr;
    }
    case Prop::added:
    case Prop::modified:
    case Prop::deleted: {
        const lab::LayerView* l = find_layer(lab, c, why);
        if (!l) return false;
        v = c.prop == Prop::added ? l->changes.added : c.prop == Prop::modified ? l->changes.modified : l->changes.deleted;
        return true;
    }
    default: break;
    }
    // build.*: counted over the steps that ran so far
    v = 0;
    for (size_t i = 0; i < lab.steps().size(); ++i) {
        const build::Step& s = lab.steps()[i];
        bool ran = i < lab.cursor() && (s.state == build::StepState::done || s.state == build::StepState::cached);
        if (c.prop == Prop::steps) v += s.state != build::StepState::skipped;
        if (!ran) continue;
        if (c.prop == Prop::cached) v += s.state == build::StepState::cached;
        if (c.prop == Prop::ran) v += s.state == build::StepState::done;
        if (c.prop == Prop::layer_steps) v += !s.empty_layer;
        if (c.prop == Prop::empty_steps) v += s.empty_layer;
    }
    return true;
}

bool compare(uint64_t a, Op op, uint64_t b) {
    switch (op) {
    case Op::eq: return a == b;
    case Op::ne: return a != b;
    case Op::lt: return a < b;
    case Op::le: return a <= b;
    case Op::gt: return a > b;
    case Op::ge: return a >= b;
    case Op::none: break;
    }
    return false;
}

Raw number_part(const Lab& lab, const Check& c) {
    Raw r;
    uint64_t v = 0;
    if (!measure(lab, c, v, r.reason)) {
        r.unknown = true;
        return r;
    }
    r.ok = compare(v, c.op, c.number);
    std::string value = c.is_bytes ? format_bytes(v) : std::to_string(v);
    if (c.is_bytes && v >= 1024) value += " (" + with_commas(v) + " bytes)";
    std::string actual = number_sentence(c, value, v == 1);
    r.reason = actual + "; the goal is " + op_words(c.op) + " " + c.number_text;
    return r;
}

// ---- predicates --------------------------------------------------------------

Raw build_part(const Lab& lab) {
    Raw r;
    if (!lab.errors().empty()) {
        const Error& e = lab.errors().front();
        r.reason = "the Dockerfile has an error at line " + std::to_string(e.where.line) + ": " + e.message;
    } else if (!lab.has_build() || lab.steps().empty()) {
        r.reason = "there is nothing to build yet";
    } else if (lab.build_failed()) {
        const Error* e = lab.build_error();
        r.reason = "the build failed" + (e ? ": " + e->describe() : std::string());
    } else if (!lab.at_end()) {
        r.reason = "the build has run " + std::to_string(lab.cursor()) + " of " + std::to_string(lab.steps().size()) +
                   " steps: press End (or Step) to run the rest";
    } else {
        r.ok = true;
        r.reason = "the build ran all " + std::to_string(lab.steps().size()) + " steps";
    }
    return r;
}

Resolution resolve_in(const Lab& lab, const Container* k, std::string_view path, bool follow) {
    const PathTable& paths = lab.store().paths;
    if (k) return resolve(k->view(), paths, path, follow);
    ImageView v(lab.image_at_cursor(), paths);
    return resolve(v, paths, path, follow);
}

Raw has_part(const Lab& lab, const Check& c) {
    Raw r;
    if (c.obj == Obj::layer) {
        const lab::LayerView* l = find_layer(lab, c, r.reason);
        r.unknown = l == nullptr;
        if (!l) return r;
        PathId p = lab.store().paths.find(c.path);
        const Entry* e = p == k_no_path ? nullptr : l->layer->find(p);
        r.ok = e && !e->is_whiteout();
        r.reason = object_words(c) + " (" + l->instruction + ") " +
                   (r.ok ? "holds " + c.path
                         : e ? "holds a whiteout for " + c.path + ", not the file" : "holds no " + c.path);
        if (r.ok && e->type == EntryType::file) r.reason += " (" + format_bytes(lab.store().blobs.size(e->blob)) + ", the whole file)";
        return r;
    }
    const Container* k = nullptr;
    if (c.obj == Obj::container && !(k = find_container(lab, c, r.reason))) {
        r.unknown = true;
        return r;
    }
    r.ok = resolve_in(lab, k, c.path, false).err == Errc::ok;
    r.reason = object_words(c) + (r.ok ? (k ? " sees " : " has ") : (k ? " does not see " : " has no ")) + c.path;
    return r;
}

Raw contains_part(const Lab& lab, const Check& c) {
    Raw r;
    const Container* k = nullptr;
    if (c.obj == Obj::container && !(k = find_container(lab, c, r.reason))) {
        r.unknown = true;
        return r;
    }
    Resolution res = resolve_in(lab, k, c.path, true);
    if (res.err != Errc::ok || res.node.type() != EntryType::file) {
        r.reason = object_words(c) + (res.err == Errc::ok ? " has " + c.path + ", but not as a file" : " has no " + c.path);
        return r;
    }
    std::string text = lab.store().blobs.read_all(res.node.entry->blob, 1 << 20);
    r.ok = text.find(c.text) != std::string::npos;
    r.reason = c.path + (r.ok ? " contains \"" : " does not contain \"") + c.text + "\"";
    if (!r.ok && text.size() <= 80 && text.find('\0') == std::string::npos) {
        std::string shown = text;
        while (!shown.empty() && shown.back() == '\n') shown.pop_back();
        r.reason += "; it holds \"" + shown + "\"";
    }
    return r;
}

Raw env_part(const Lab& lab, const Check& c) {
    Raw r;
    for (const std::string& kv : lab.image_at_cursor().config.env) {
        if (kv.compare(0, c.path.size() + 1, c.path + "=") != 0) continue;
        std::string value = kv.substr(c.path.size() + 1);
        r.ok = !c.has_text || value == c.text;
        r.reason = "the image's config sets " + kv;
        return r;
    }
    r.reason = "the image's config does not set " + c.path;
    return r;
}

Raw step_part(const Lab& lab, const Check& c) {
    Raw r;
    int i = find_step(lab, c.text);
    if (i < 0) {
        r.reason = "the Dockerfile has no step " + c.text;
        r.unknown = true;
        return r;
    }
    const build::Step& s = lab.steps()[size_t(i)];
    std::string name = "the step " + lab.step_instruction(size_t(i));
    bool ran = size_t(i) < lab.cursor() && (s.state == build::StepState::done || s.state == build::StepState::cached);
    if (!ran) {
        r.reason = name + (s.state == build::StepState::failed ? " failed" : " has not run yet");
        r.unknown = true;
        return r;
    }
    switch (c.prop) {
    case Prop::step_cached:
    case Prop::step_ran:
        r.ok = (s.state == build::StepState::cached) == (c.prop == Prop::step_cached);
        r.reason = s.state == build::StepState::cached ? name + " came from the cache"
                                                       : name + " ran: " + (s.cache_note.empty() ? "no cache" : s.cache_note);
        break;
    default:
        r.ok = s.empty_layer == (c.prop == Prop::step_empty);
        r.reason = name + (s.empty_layer ? " made no layer" : " made a layer");
        break;
    }
    return r;
}

std::vector<std::string> split_lines(const std::string& s) {
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos < s.size()) {
        size_t nl = s.find('\n', pos);
        std::string line = s.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        if (!line.empty()) out.push_back(line);
        if (nl == std::string::npos) break;
        pos = nl + 1;
    }
    return out;
}

Raw diff_part(const Lab& lab, const Check& c) {
    Raw r;
    if (!lab.current_container()) {
        r.reason = "no container runs: start one in the Container tab (or type a command there)";
        r.unknown = true;
        return r;
    }
    std::vector<std::string> have;
    for (const DiffLine& d : lab.diff()) have.push_back(std::string(1, d.kind) + " " + d.path);
    std::vector<std::string> want = split_lines(c.text);
    if (c.prop == Prop::diff_has) {
        r.ok = std::find(have.begin(), have.end(), c.text) != have.end();
        r.reason = std::string("docker diff ") + (r.ok ? "lists \"" : "does not list \"") + c.text + "\"";
        return r;
    }
    r.ok = have == want;
    if (r.ok) {
        r.reason = "docker diff prints exactly these " + plural(have.size(), "line", "lines");
        return r;
    }
    std::set<std::string> hs(have.begin(), have.end()), ws(want.begin(), want.end());
    std::string missing, extra;
    for (const std::string& w : want)
        if (!hs.count(w)) missing += (missing.empty() ? "" : ", ") + w;
    for (const std::string& h : have)
        if (!ws.count(h)) extra += (extra.empty() ? "" : ", ") + h;
    r.reason = have.empty() ? "docker diff prints nothing" : "docker diff prints " + plural(have.size(), "line", "lines");
    if (!missing.empty()) r.reason += "; missing: " + missing;
    if (!extra.empty()) r.reason += "; not in the goal: " + extra;
    if (missing.empty() && extra.empty()) r.reason += "; the same lines, in another order";
    return r;
}

Raw upper_part(const Lab& lab, const Check& c) {
    Raw r;
    const Container* k = lab.current_container();
    if (!k) {
        r.reason = "no container runs: start one in the Container tab (or type a command there)";
        r.unknown = true;
        return r;
    }
    PathId p = lab.store().paths.find(c.path);
    auto it = p == k_no_path ? k->upper().end() : k->upper().find(p);
    const Entry* e = it == k->upper().end() ? nullptr : &it->second;
    std::string where = "the container's writable layer";
    if (c.prop == Prop::whiteout) {
        r.ok = e && e->is_whiteout();
        r.reason = where + (r.ok ? " has a whiteout for " : e ? " has " + c.path + " itself, not a whiteout for " : " has nothing at ") +
                   (r.ok || !e ? c.path : std::string("it"));
    } else {
        r.ok = e && e->type == EntryType::dir && e->opaque;
        r.reason = where + (r.ok ? " holds " + c.path + " as an opaque directory"
                                 : e && e->type == EntryType::dir ? " holds " + c.path + ", but it is not opaque (the lower files still show through)"
                                                                  : " holds no directory " + c.path);
    }
    return r;
}

// ---- the host: /var/lib/docker as the X-ray lays it out ------------------------

// The X-ray's entry of the current container, or null (and why).
const host::XrayContainer* xray_container(const Lab& lab, const host::Xray& x, std::string& why) {
    const Container* k = lab.current_container();
    if (!k) {
        why = "no container runs: start one in the Container tab (or type a command there)";
        return nullptr;
    }
    std::string name;
    for (size_t i = 0; i < lab.container_count(); ++i)
        if (lab.container_state(i).container.get() == k) name = lab.container_state(i).name;
    for (const host::XrayContainer& xc : x.containers)
        if (xc.name == name) return &xc;
    why = "the container " + name + " runs on the image from before a commit; the X-ray shows the image at the cursor";
    return nullptr;
}

size_t count_of(const std::string& list, char sep) {
    return list.empty() ? 0 : size_t(std::count(list.begin(), list.end(), sep)) + 1;
}

Raw xray_part(const Lab& lab, const Check& c, const host::Xray& x) {
    Raw r;
    const std::string overlay = std::string(host::k_docker_root) + "/overlay2/";
    if (c.prop == Prop::xray_dirs) {
        uint64_t layers = 0, containers = 0;
        for (const host::XrayNode& n : x.nodes) {
            if (n.type != 'd' || n.path.compare(0, overlay.size(), overlay) != 0) continue;
            std::string rest = n.path.substr(overlay.size());
            if (rest.empty() || rest == "l" || rest.find('/') != std::string::npos) continue;
            (n.container >= 0 ? containers : layers) += 1;
        }
        uint64_t v = layers + containers;
        r.ok = compare(v, c.op, c.number);
        r.reason = number_sentence(c, std::to_string(v), v == 1) + ": " + plural(layers, "for a layer", "for the image's layers");
        if (!x.containers.empty())
            r.reason += ", " + std::to_string(containers) + " for " + plural(x.containers.size(), "container", "containers") +
                        " (each an -init layer and a writable layer)";
        r.reason += "; the goal is " + std::string(op_words(c.op)) + " " + c.number_text;
        return r;
    }
    const host::XrayContainer* xc = xray_container(lab, x, r.reason);
    if (!xc) {
        r.unknown = true;
        return r;
    }
    if (c.prop == Prop::xray_lowerdirs) {
        uint64_t v = count_of(xc->lower, ':');
        r.ok = compare(v, c.op, c.number);
        r.reason = xc->name + "'s overlay mount stacks " + plural(v, "lowerdir", "lowerdirs") + ": its init layer, then the image's " +
                   plural(v - 1, "layer", "layers") + ", uppermost first (its lower file: " + xc->lower.substr(0, xc->lower.find(':')) +
                   (v > 1 ? ":…)" : ")") + "; the goal is " + op_words(c.op) + " " + c.number_text;
        return r;
    }
    const std::string diff = overlay + xc->mount_id + "/diff";
    const host::XrayNode* hit = nullptr;
    for (const host::XrayNode& n : x.nodes)
        if (n.path.size() == diff.size() + c.path.size() && n.path.compare(0, diff.size(), diff) == 0 &&
            n.path.compare(diff.size(), std::string::npos, c.path) == 0)
            hit = &n;
    bool whiteout = hit && hit->note.rfind("whiteout", 0) == 0;
    r.ok = hit && !whiteout;
    std::string where = xc->name + "'s upperdir, overlay2/" + xc->mount_id.substr(0, 12) + "…/diff/,";
    if (r.ok) r.reason = where + " holds " + c.path + (hit->type == 'f' ? " (" + hit->note + ", the whole file)" : "");
    else if (whiteout) r.reason = where + " holds a whiteout for " + c.path + " (a 0/0 character device), not the file";
    else r.reason = where + " holds no " + c.path + ": reading a lower file copies nothing up, the first write does";
    return r;
}

Raw check(const Lab& lab, const Check& c, const host::Xray* x) {
    if (c.obj == Obj::xray) return xray_part(lab, c, *x);
    switch (c.prop) {
    case Prop::complete: return build_part(lab);
    case Prop::has: return has_part(lab, c);
    case Prop::contains: return contains_part(lab, c);
    case Prop::env: return env_part(lab, c);
    case Prop::step_cached:
    case Prop::step_ran:
    case Prop::step_layer:
    case Prop::step_empty: return step_part(lab, c);
    case Prop::diff_equals:
    case Prop::diff_has: return diff_part(lab, c);
    case Prop::whiteout:
    case Prop::opaque: return upper_part(lab, c);
    default: return number_part(lab, c);
    }
}

}  // namespace

GoalResult evaluate(const Goal& goal, const Lab& lab) {
    GoalResult out;
    out.met = !goal.parts.empty();
    // the X-ray (it hashes every layer for its IDs) is made once, and only for a goal that reads it
    std::optional<host::Xray> xray;
    for (const GoalPart& p : goal.parts)
        if (p.check.obj == Obj::xray && !xray) xray = host::lab_xray(lab, size_t(1) << 20);
    for (const GoalPart& p : goal.parts) {
        Raw r = check(lab, p.check, xray ? &*xray : nullptr);
        PartResult pr;
        pr.text = p.text;
        pr.met = !r.unknown && (p.negate ? !r.ok : r.ok);
        pr.reason = std::move(r.reason);
        out.met = out.met && pr.met;
        out.parts.push_back(std::move(pr));
    }
    return out;
}

}  // namespace ll::lesson
