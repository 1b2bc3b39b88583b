// lab_views.cpp: what the views read from the Lab besides its timeline:
// the one lookup command and its report, the walks of containers' writable
// layers (docker diff, sizes, sharing) cached for one revision, and the
// DiffIDs the stack shows, hashed on demand or while the app is idle.
//
//   lookup()          trace + narration + LookupReport (UI and JS API alike)
//   diff(), container_size(), sharing()
//                     computed at most once per revision(), whatever asks
//   diff_id(), hash_one_layer(), hash_some()
//                     layer digests: on demand, one small layer per call, or a slice per idle frame
#include <algorithm>

#include "core/lab/lab.h"

namespace ll::lab {

namespace {

std::string plural(uint64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "/etc/os-release: found in layer 0 after visiting 3 of 5 layers (followed 1 symlink)"
std::string lookup_summary(const LookupTrace& t, uint32_t total) {
    std::string s = t.traced_text;
    if (t.result == Errc::ok)
        s += ": found in " + Lab::layer_label(t.hit_layer);
    else
        s += ": not found (" + std::string(strerror_text(t.result)) + ")";
    s += " after visiting " + std::to_string(t.layers_visited()) + " of " + std::to_string(total) + " layers";
    if (!t.hops.empty()) s += " (followed " + plural(t.hops.size(), "symlink)", "symlinks)");
    return s;
}

}  // namespace

// ---------------------------------------------------------------- lookup

const TraceStep* LookupReport::step_for(uint32_t layer) const {
    for (const TraceStep& st : trace.steps)
        if (st.layer == layer) return &st;
    return nullptr;
}

const LookupReport& Lab::lookup(std::string_view path) {
    LookupReport& r = m_last_lookup;
    r = LookupReport{};
    r.trace = trace(path);
    r.in_container = lookup_in_container();
    if (const Container* c = current_container())
        r.layers_total = uint32_t(c->image().layer_count()) + 1;
    else
        r.layers_total = uint32_t(image_at_cursor().layer_count());
    r.summary = lookup_summary(r.trace, r.layers_total);
    r.revision = m_revision;
    r.serial = ++m_lookup_serial;

    // say how the search went, in the order overlayfs asked the layers
    const LookupTrace& t = r.trace;
    const PathTable& paths = m_store.paths;
    std::string text = "Lookup of " + std::string(path);
    if (!t.hops.empty()) text += " (a symlink to " + t.traced_text + ")";
    text += r.in_container ? " in the container: " : " in the image: ";
    size_t absent = 0;
    for (const TraceStep& st : t.steps)
        if (st.verdict == Verdict::absent) ++absent;
    if (absent) text += plural(absent, "layer", "layers") + " had nothing at that name, then ";
    std::string rule = "overlayfs asks the layers top-down; the first one that has the name wins";
    const TraceStep* last = t.steps.empty() ? nullptr : &t.steps.back();
    for (const TraceStep& st : t.steps)
        if (st.verdict != Verdict::absent && st.verdict != Verdict::merged && st.verdict != Verdict::shadowed) {
            last = &st;
            break;
        }
    if (!last) {
        text += "no layer has it";
    } else {
        std::string where = layer_label(last->layer);
        switch (last->verdict) {
        case Verdict::hit: text += where + " has it: found"; break;
        case Verdict::whiteout:
            text += where + " has a whiteout for " + t.at_text(*last, paths) + ": the search stops, not found";
            rule = "a whiteout hides every lower copy of its name";
            break;
        case Verdict::opaque_stop:
            text += t.at_text(*last, paths) + " is an opaque directory in " + where + ": lower layers are not searched";
            rule = "an opaque directory hides all lower children";
            break;
        case Verdict::blocked: text += "in " + where + " a parent is not a directory: not found"; break;
        default: text += "the search ended in " + where; break;
        }
    }
    text += " (" + std::to_string(t.layers_visited()) + " of " + std::to_string(r.layers_total) + " layers visited).";
    narrate(Narration::Kind::event, text, rule);
    return r;
}

LookupTrace Lab::trace(std::string_view path) const {
    if (const Container* c = current_container()) return c->trace(path, true);
    const Image& img = image_at_cursor();
    ImageView view(img, m_store.paths);
    return trace_lookup(view, img, nullptr, m_store.paths, path, true);
}

// ---------------------------------------------------------------- containers' walks

Lab::ContainerCache& Lab::container_cache() const {
    if (m_container_cache.revision != m_revision) {
        m_container_cache = ContainerCache{};
        m_container_cache.revision = m_revision;
    }
    return m_container_cache;
}

const std::vector<DiffLine>& Lab::diff() const {
    ContainerCache& cc = container_cache();
    if (!cc.has_diff) {
        const Container* c = current_container();
        cc.diff = c ? c->diff() : std::vector<DiffLine>{};
        cc.has_diff = true;
    }
    return cc.diff;
}

uint64_t Lab::container_size(size_t i) const {
    if (i >= m_containers.size()) return 0;
    ContainerCache& cc = container_cache();
    if (cc.sizes.size() != m_containers.size()) cc.sizes.assign(m_containers.size(), std::nullopt);
    if (!cc.sizes[i]) cc.sizes[i] = m_containers[i]->container->size();
    return *cc.sizes[i];
}

size_t Lab::container_entries(size_t i) const {
    if (i >= m_containers.size()) return 0;
    ContainerCache& cc = container_cache();
    if (cc.entries.size() != m_containers.size()) cc.entries.assign(m_containers.size(), std::nullopt);
    if (!cc.entries[i]) cc.entries[i] = m_containers[i]->container->upper_count();
    return *cc.entries[i];
}

const ShareReport& Lab::sharing() const {
    ContainerCache& cc = container_cache();
    if (!cc.has_sharing) {
        std::vector<const Image*> imgs = images_for_sharing();
        cc.sharing = imgs.size() >= 2 ? shared_sizes(imgs, m_store.paths, m_store.blobs) : ShareReport{};
        cc.has_sharing = true;
    }
    return cc.sharing;
}

// ---------------------------------------------------------------- layer digests

const Digest& Lab::diff_id(size_t i) {
    const std::vector<LayerView>& ls = layers();
    return ls[i].layer->diff_id(m_store.paths, m_store.blobs);
}

bool Lab::hash_one_layer(uint64_t max_bytes) {
    const std::vector<LayerView>& ls = layers();
    for (size_t i = ls.size(); i > 0; --i) {
        const LayerView& v = ls[i - 1];
        if (v.layer->has_diff_id() || v.size > max_bytes) continue;
        (void)v.layer->diff_id(m_store.paths, m_store.blobs);
        return true;
    }
    return false;
}

bool Lab::hash_some(uint64_t budget) {
    if (m_hash_job && m_hash_job->layer->has_diff_id()) m_hash_job.reset();  // hashed meanwhile (diff_id())
    if (!m_hash_job) {
        const std::vector<LayerView>& ls = layers();
        for (size_t i = ls.size(); i > 0 && !m_hash_job; --i)
            if (!ls[i - 1].layer->has_diff_id())
                m_hash_job = HashJob{ls[i - 1].layer,
                                     std::make_unique<LayerTarWriter>(*ls[i - 1].layer, m_store.paths, m_store.blobs),
                                     Sha256()};
        if (!m_hash_job) return false;
    }
    HashJob& j = *m_hash_job;
    if (j.tar->write_some([&](const char* p, size_t n) { j.sha.update(p, n); }, budget)) {
        j.layer->set_known_diff_id(j.sha.finish());
        m_hash_job.reset();
    }
    return true;
}

}  // namespace ll::lab
