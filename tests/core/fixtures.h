// fixtures.h: small builders for core tests ("a layer with these entries").
#pragma once
#include <initializer_list>
#include <string>

#include "core/container.h"
#include "core/image.h"
#include "core/layer.h"

namespace ll::test {

struct Fx {
    Store s;

    Entry dir(std::string_view path, uint32_t mode = 0755, bool opaque = false) {
        Entry e;
        e.path = s.paths.intern(path);
        e.type = EntryType::dir;
        e.mode = mode;
        e.opaque = opaque;
        return e;
    }
    Entry opaque_dir(std::string_view path) { return dir(path, 0755, true); }
    Entry file(std::string_view path, std::string content, uint32_t mode = 0644) {
        Entry e;
        e.path = s.paths.intern(path);
        e.type = EntryType::file;
        e.mode = mode;
        e.blob = s.blobs.bytes(std::move(content));
        return e;
    }
    Entry big(std::string_view path, uint64_t size, uint64_t seed = 1) {
        Entry e;
        e.path = s.paths.intern(path);
        e.type = EntryType::file;
        e.mode = 0644;
        e.blob = s.blobs.random(size, seed);
        return e;
    }
    Entry wh(std::string_view path) {
        Entry e;
        e.path = s.paths.intern(path);
        e.type = EntryType::whiteout;
        e.mode = 0;
        return e;
    }
    Entry sym(std::string_view path, std::string target) {
        Entry e;
        e.path = s.paths.intern(path);
        e.type = EntryType::symlink;
        e.mode = 0777;
        e.target = std::move(target);
        return e;
    }
    LayerPtr layer(std::initializer_list<Entry> entries) {
        LayerBuilder b(s.paths);
        for (const Entry& e : entries) b.put(e);
        return b.freeze(s.blobs);
    }
    Image image(std::initializer_list<LayerPtr> layers) {
        Image img;
        for (const LayerPtr& l : layers) img.push_layer(l, s.paths);
        return img;
    }
    // "file" / "dir" / "symlink" ... or "-" when absent, in the merged view.
    std::string what(const Image& img, std::string_view path) {
        ImageView v(img, s.paths);
        Resolution r = resolve(v, s.paths, path, false);
        if (!r) return "-";
        return entry_type_name(r.node.type());
    }
    std::string content(const Image& img, std::string_view path) {
        ImageView v(img, s.paths);
        Resolution r = resolve(v, s.paths, path, true);
        if (!r || r.node.type() != EntryType::file) return "<none>";
        return s.blobs.read_all(r.node.entry->blob);
    }
};

}  // namespace ll::test
