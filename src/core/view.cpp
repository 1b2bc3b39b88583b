#include "core/view.h"

#include <algorithm>

namespace ll {

const Entry& root_entry() {
    static const Entry root = [] {
        Entry e;
        e.path = k_root_path;
        e.type = EntryType::dir;
        e.mode = 0755;
        return e;
    }();
    return root;
}

const char* verdict_name(Verdict v) {
    switch (v) {
    case Verdict::absent: return "absent";
    case Verdict::hit: return "hit";
    case Verdict::merged: return "merged";
    case Verdict::shadowed: return "shadowed";
    case Verdict::whiteout: return "whiteout";
    case Verdict::opaque_stop: return "opaque stop";
    case Verdict::blocked: return "blocked";
    }
    return "?";
}

namespace {
// Pushes the components of `path` onto `stack` so that the first component
// is on top. Keeps ".." (resolved physically by the walk), drops "." and "".
void push_components(std::string_view path, std::vector<std::string_view>& stack) {
    size_t first = stack.size();
    size_t i = 0;
    while (i < path.size()) {
        while (i < path.size() && path[i] == '/') ++i;
        size_t j = i;
        while (j < path.size() && path[j] != '/') ++j;
        if (j > i) {
            std::string_view c = path.substr(i, j - i);
            if (c != ".") stack.push_back(c);
        }
        i = j;
    }
    std::reverse(stack.begin() + long(first), stack.end());
}
}  // namespace

Resolution resolve(const FsView& view, const PathTable& paths, std::string_view path, bool follow_last) {
    Resolution r;
    bool trailing_slash = !path.empty() && path.back() == '/';
    if (trailing_slash) follow_last = true;
    if (path.empty()) {
        r.err = Errc::enoent;
        return r;
    }
    std::vector<std::string_view> pending;
    pending.reserve(16);
    push_components(path, pending);
    std::vector<Node> stack;
    stack.reserve(16);
    stack.push_back(view.root());
    uint32_t hops = 0;
    while (!pending.empty()) {
        std::string_view name = pending.back();
        pending.pop_back();
        bool last = pending.empty();
        if (name == "..") {
            if (stack.back().is_dir() && !view.may_search(stack.back())) {
                r.err = Errc::eacces;
                return r;
            }
            if (stack.size() > 1) stack.pop_back();
            if (last) {
                r.name = "..";
            }
            continue;
        }
        const Node& dir = stack.back();
        if (!dir.is_dir()) {
            r.err = Errc::enotdir;
            return r;
        }
        if (name.size() > 255) {
            r.err = Errc::enametoolong;
            return r;
        }
        if (!view.may_search(dir)) {
            r.err = Errc::eacces;
            return r;
        }
        PathId cp = paths.child(dir.path, name);
        Node child;
        if (cp == k_no_path || !view.child(dir, cp, child)) {
            r.err = Errc::enoent;
            if (last) {
                r.parent = dir;
                r.parent_ok = true;
                r.name = std::string(name);
            }
            return r;
        }
        if (child.entry && child.entry->type == EntryType::symlink && (!last || follow_last)) {
            if (++hops > 40) {
                r.err = Errc::eloop;
                return r;
            }
            const std::string& target = child.entry->target;
            r.hops.push_back(SymlinkHop{paths.str(child.path), target});
            if (target.empty()) {
                r.err = Errc::enoent;
                return r;
            }
            if (target[0] == '/') stack.resize(1);
            push_components(target, pending);
            if (pending.empty() && last) {
                // target was "/" (or only slashes/dots): we are at the new top
            }
            continue;
        }
        stack.push_back(child);
    }
    r.node = stack.back();
    if (stack.size() >= 2) {
        r.parent = stack[stack.size() - 2];
        r.parent_ok = true;
        r.name = std::string(paths.name(r.node.path));
    } else {
        r.parent = stack.back();
        r.parent_ok = true;
        r.name.clear();
    }
    if (trailing_slash && !r.node.is_dir()) {
        r.err = Errc::enotdir;
        return r;
    }
    return r;
}

bool ImageView::child(const Node& dir, PathId child, Node& out) const {
    (void)dir;
    const Hit* h = m_image->index().find(child);
    if (!h) return false;
    out.path = child;
    out.entry = &m_image->entry(*h);
    out.layer = h->layer;
    out.lower_visible = true;
    return true;
}

void ImageView::for_each_child(const Node& dir, const std::function<void(const Node&)>& fn) const {
    for (PathId c : m_paths->children(dir.path)) {
        Node n;
        if (child(dir, c, n)) fn(n);
    }
}

namespace {
struct LayerProbe {
    uint32_t layer;
    std::function<const Entry*(PathId)> find;
};
}  // namespace

LookupTrace trace_lookup(const FsView& view, const Image& image, const UpperProbe& upper, const PathTable& paths,
                         std::string_view path, bool follow_last) {
    LookupTrace t;
    t.asked = std::string(path);
    Resolution r = resolve(view, paths, path, follow_last);
    t.hops = r.hops;
    t.result = r.err;
    t.traced_text = t.asked;
    if (r.err == Errc::ok) {
        t.traced = r.node.path;
        t.hit_layer = r.node.layer;
        t.traced_text = paths.str(t.traced);
    } else if (r.err == Errc::enoent && r.parent_ok) {
        t.traced = paths.child(r.parent.path, r.name);  // may be k_no_path: no layer ever had it
        if (t.traced != k_no_path) {
            t.traced_text = paths.str(t.traced);
        } else {
            std::string dir = paths.str(r.parent.path);
            t.traced_text = dir == "/" ? "/" + r.name : dir + "/" + r.name;
        }
    }
    if (t.traced == k_root_path || t.traced == k_no_path) {
        // "/" is the mount root, in every layer; a never-seen name is absent from all.
        if (t.traced == k_no_path) {
            if (upper) t.steps.push_back(TraceStep{k_upper_layer, Verdict::absent, k_no_path});
            for (size_t i = image.layer_count(); i-- > 0;)
                t.steps.push_back(TraceStep{uint32_t(i), Verdict::absent, k_no_path});
        }
        return t;
    }
    std::vector<LayerProbe> probes;
    if (upper) probes.push_back(LayerProbe{k_upper_layer, upper});
    for (size_t i = image.layer_count(); i-- > 0;) {
        const Layer* l = image.layers()[i].get();
        probes.push_back(LayerProbe{uint32_t(i), [l](PathId p) { return l->find(p); }});
    }
    const PathId target = t.traced;
    bool found_dir = false;
    for (const LayerProbe& probe : probes) {
        const Entry* e = probe.find(target);
        // Ancestors in this layer: a whiteout or a non-directory hides the
        // path; an opaque directory hides what is below this layer.
        PathId anc_block = k_no_path, anc_whiteout = k_no_path, anc_opaque = k_no_path;
        for (PathId a = paths.parent(target); a != k_root_path; a = paths.parent(a)) {
            const Entry* ae = probe.find(a);
            if (!ae) continue;
            if (ae->is_whiteout()) {
                if (anc_whiteout == k_no_path) anc_whiteout = a;
            } else if (!ae->is_dir()) {
                if (anc_block == k_no_path) anc_block = a;
            } else if (ae->opaque) {
                if (anc_opaque == k_no_path) anc_opaque = a;
            }
        }
        if (e && !e->is_whiteout()) {
            Verdict v = !found_dir ? Verdict::hit : e->is_dir() ? Verdict::merged : Verdict::shadowed;
            PathId opq = e->is_dir() && e->opaque ? target : anc_opaque;
            t.steps.push_back(TraceStep{probe.layer, v, target, opq});
            if (!e->is_dir() || v == Verdict::shadowed) return t;  // a file, symlink...: the search ends
            found_dir = true;
            if (opq != k_no_path) return t;  // opaque: nothing below is searched
            continue;
        }
        if (e && e->is_whiteout()) {
            t.steps.push_back(TraceStep{probe.layer, Verdict::whiteout, target});
            return t;
        }
        if (anc_whiteout != k_no_path) {
            t.steps.push_back(TraceStep{probe.layer, Verdict::whiteout, anc_whiteout});
            return t;
        }
        if (anc_block != k_no_path) {
            t.steps.push_back(TraceStep{probe.layer, Verdict::blocked, anc_block});
            return t;
        }
        if (anc_opaque != k_no_path) {
            t.steps.push_back(TraceStep{probe.layer, Verdict::opaque_stop, anc_opaque});
            return t;
        }
        t.steps.push_back(TraceStep{probe.layer, Verdict::absent, target});
    }
    return t;
}

std::vector<Copy> copies_of(const Image& image, PathId p) {
    std::vector<Copy> out;
    for (size_t i = image.layer_count(); i-- > 0;) {
        if (const Entry* e = image.layers()[i]->find(p)) out.push_back(Copy{uint32_t(i), e});
    }
    return out;
}

}  // namespace ll
