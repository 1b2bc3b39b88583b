// narrate.cpp: what a new layer did, in plain words with the real byte
// counts, for the steps that make layers (RUN, COPY, ADD).
//
//   tell           the layer against the image below: added, modified
//                  (copied up), deleted (bytes that still ship below)
//   narrate_run    "RUN removed /big from the view; its 1 MiB still ship ..."
//   narrate_copy   "COPY added 3 files (12 KiB) as layer 4 (14 KiB)."
#include "core/build/engine.h"

namespace ll::build::detail {

namespace {

uint64_t bytes_below(const Image& below, const PathTable& paths, const BlobStore& blobs, PathId p) {
    uint64_t n = 0;
    for (const LayerPtr& l : below.layers())
        for (const Entry& e : l->entries())
            if (!e.is_whiteout() && paths.is_ancestor_or_self(p, e.path)) n += entry_size(e, blobs);
    return n;
}

// "3 files, 2 directories and 1 symlink"
std::string added_things(const LayerStory& story) {
    std::vector<std::string> parts;
    if (story.added_files) parts.push_back(plural(story.added_files, "file", "files"));
    if (story.dirs) parts.push_back(plural(story.dirs, "directory", "directories"));
    if (story.added_links) parts.push_back(plural(story.added_links, "symlink", "symlinks"));
    std::string what;
    for (size_t k = 0; k < parts.size(); ++k) what += (k == 0 ? "" : k + 1 == parts.size() ? " and " : ", ") + parts[k];
    return what.empty() ? "changed directory metadata only" : what;
}

}  // namespace

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

Narration narrate_run(const LayerStory& story, const Layer& l, bool empty_layer, const FlavorRules& r,
                      const std::string& label) {
    if (empty_layer)
        return {
            "RUN changed no files, so BuildKit drops its empty diff: no layer, and the history "
            "entry says empty_layer.",
            "a step that changes nothing makes no layer"};
    if (l.empty())
        return {"RUN changed no files, yet " + std::string(r.name) + " still records an empty " + label + ".",
                "buildah keeps empty layers"};
    if (!story.removed.empty()) {
        const auto& [p, b] = story.removed[0];
        std::string text = "RUN removed " + p + " from the view; its " + format_bytes(b) + " still ship in the " +
                           "layers below (" + label + " holds only a whiteout).";
        if (story.removed.size() > 1)
            text += " " + plural(story.removed.size() - 1, "more path", "more paths") + " likewise.";
        return {text, "deleting in a later layer never shrinks the image"};
    }
    if (story.modified && story.copied_up_bytes)
        return {"RUN changed " + story.changed[0] +
                    (story.modified > 1 ? " and " + plural(story.modified - 1, "more path", "more paths") : "") +
                    ": overlayfs copied the whole file up, so " + label + " holds a full copy (" +
                    format_bytes(story.copied_up_bytes) + ") while the old one still ships below.",
                "changing a file copies all of it into the new layer"};
    std::string text = "RUN added " + added_things(story) + " (" + format_bytes(story.bytes) + ") as " + label + ".";
    if (!story.new_paths.empty() && story.added <= 3) {
        text += " New: ";
        for (size_t k = 0; k < story.new_paths.size(); ++k) text += (k ? ", " : "") + story.new_paths[k];
        text += ".";
    }
    return {text, "every RUN makes a layer holding only what it changed"};
}

Narration narrate_copy(const LayerStory& story, const CopyResult& res, const Step& st, const std::string& keyword,
                       const std::string& dest, const std::string& label) {
    std::string what;
    if (res.files) what = plural(res.files, "file", "files");
    if (res.symlinks) what += std::string(what.empty() ? "" : ", ") + plural(res.symlinks, "symlink", "symlinks");
    if (what.empty()) what = plural(res.dirs, "directory", "directories");
    if (!res.archives.empty())
        return {"ADD unpacked " + res.archives[0] + " (" + what + ", " + format_bytes(res.bytes) + ") into " + dest +
                    " as " + label + ".",
                "ADD unpacks local tar archives; COPY never does"};
    if (st.empty_layer) return {keyword + " changed nothing: no layer.", "a step that changes nothing makes no layer"};
    std::string text = keyword + " added " + what + " (" + format_bytes(res.bytes) + ") as " + label + " (" +
                       format_bytes(st.layer->size()) + ").";
    if (story.modified)
        text += " " + plural(story.modified, "path", "paths") +
                " already existed below; the old copies still ship in the lower layers.";
    return {text, "every COPY/ADD makes a layer holding just what it copied"};
}

}  // namespace ll::build::detail
