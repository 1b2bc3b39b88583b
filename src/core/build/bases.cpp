// bases.cpp: built-in base images from the package catalogs, and image names.
#include "core/build/bases.h"

#include <algorithm>
#include <unordered_map>

namespace ll::build {

std::string normalize_image_name(std::string_view name) {
    std::string n(name);
    // a digest pins the content; we have one version of each image, so drop it
    if (size_t at = n.find('@'); at != std::string::npos) n.erase(at);
    for (std::string_view prefix : {"docker.io/", "index.docker.io/", "registry-1.docker.io/", "localhost/"})
        if (n.rfind(prefix, 0) == 0) {
            n.erase(0, prefix.size());
            break;
        }
    if (n.rfind("library/", 0) == 0) n.erase(0, 8);
    size_t slash = n.rfind('/');
    size_t colon = n.rfind(':');
    if (colon == std::string::npos || (slash != std::string::npos && colon < slash)) n += ":latest";
    for (char& c : n)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return n;
}

namespace {

uint64_t fnv1a(std::string_view s, uint64_t h = 1469598103934665603ull) {
    for (char ch : s) {
        h ^= static_cast<unsigned char>(ch);
        h *= 1099511628211ull;
    }
    return h;
}

}  // namespace

Image image_from_base(Store& store, const BaseImage& base) { return image_from_base(store, base, Image()); }

Image image_from_base(Store& store, const BaseImage& base, const Image& below) {
    Image img = below;
    uint32_t next_group = 1;
    for (size_t li = below.layer_count(); li < base.layers.size(); ++li) {
        const ImageLayer& l = base.layers[li];
        LayerBuilder b(store.paths);
        std::unordered_map<std::string, Entry> by_path;  // for hard links
        std::vector<const CatalogFile*> links;
        for (const CatalogFile& f : l.files) {
            Entry e;
            e.path = store.paths.intern(f.path);
            if (e.path == k_no_path || e.path == k_root_path) continue;
            e.mode = f.mode & 07777;
            e.uid = f.uid;
            e.gid = f.gid;
            switch (f.type) {
            case 'd': e.type = EntryType::dir; break;
            case 'l':
                e.type = EntryType::symlink;
                e.mode = 0777;
                e.target = f.link;
                break;
            case 'h': links.push_back(&f); continue;
            default:
                e.type = EntryType::file;
                if (f.content)
                    e.blob = store.blobs.bytes(*f.content);
                else if (f.size == 0)
                    e.blob = k_empty_blob;
                else
                    e.blob = store.blobs.random(f.size, fnv1a(f.path, fnv1a(std::to_string(f.size))));
                break;
            }
            by_path[f.path] = e;
            b.put(e);
        }
        for (const CatalogFile* f : links) {
            auto it = by_path.find(f->link);
            Entry* target = it == by_path.end() ? nullptr : b.find(it->second.path);
            Entry e;
            e.path = store.paths.intern(f->path);
            if (e.path == k_no_path) continue;
            if (!target || target->type != EntryType::file) {
                // a link to something outside this layer: keep the name as a file
                e.type = EntryType::file;
                e.mode = f->mode & 07777;
                e.blob = store.blobs.random(f->size, fnv1a(f->path));
                b.put(e);
                continue;
            }
            if (target->link_group == 0) target->link_group = next_group++;
            e = *target;
            e.path = store.paths.intern(f->path);
            b.put(e);
        }
        img.push_layer(b.freeze(store.blobs), store.paths);
    }
    img.config = base.config;
    img.history = base.history;
    return img;
}

BuiltinImages::BuiltinImages(Store& store, const Catalog* apt) : m_store(&store), m_apt(apt) {}

Result<std::string> BuiltinImages::add_catalog_image(std::string_view text, std::string_view file_name) {
    // Read @name without parsing the whole file (that happens on first use).
    std::string name;
    size_t i = 0;
    while (i < text.size() && i < 64 * 1024) {
        size_t j = text.find('\n', i);
        if (j == std::string_view::npos) j = text.size();
        std::string_view line = text.substr(i, j - i);
        if (line.rfind("@name ", 0) == 0) {
            name = std::string(line.substr(6));
            while (!name.empty() && (name.back() == '\r' || name.back() == ' ')) name.pop_back();
            break;
        }
        i = j + 1;
    }
    if (name.empty())
        return make_error(Errc::syntax, "no @name line: not an image catalog", SourceLoc{std::string(file_name)});
    auto ci = std::make_unique<CatalogImage>();
    ci->name = name;
    ci->file_name = std::string(file_name);
    ci->text = std::string(text);
    m_catalog.push_back(std::move(ci));
    return name;
}

void BuiltinImages::add_image(std::string_view name, Image image) {
    std::string n = normalize_image_name(name);
    if (!m_extra.count(n)) m_extra_names.emplace_back(name);
    m_extra[n] = std::move(image);
}

BuiltinImages::CatalogImage* BuiltinImages::catalog_image(std::string_view normalized) {
    for (auto& ci : m_catalog)
        if (normalize_image_name(ci->name) == normalized) return ci.get();
    return nullptr;
}

const BaseImage* BuiltinImages::load(CatalogImage& ci) {
    if (ci.parsed) return &*ci.parsed;
    // Find @base first (python and node build on debian:bookworm-slim).
    const BaseImage* base = nullptr;
    size_t at = ci.text.find("\n@base ");
    if (at != std::string::npos) {
        size_t end = ci.text.find('\n', at + 1);
        std::string bname = ci.text.substr(at + 7, end - at - 7);
        while (!bname.empty() && (bname.back() == '\r' || bname.back() == ' ')) bname.pop_back();
        CatalogImage* b = catalog_image(normalize_image_name(bname));
        if (b) base = load(*b);
    }
    static const Catalog empty_catalog;
    Result<BaseImage> r = load_base_image(ci.text, m_apt ? *m_apt : empty_catalog, base, ci.file_name);
    if (!r) {
        m_last_error = r.error();
        return nullptr;
    }
    ci.parsed = std::move(*r);
    return &*ci.parsed;
}

std::optional<Image> BuiltinImages::find(std::string_view name) {
    m_last_error.reset();
    std::string n = normalize_image_name(name);
    if (auto it = m_extra.find(n); it != m_extra.end()) return it->second;
    CatalogImage* ci = catalog_image(n);
    if (!ci) return std::nullopt;
    if (ci->image) return ci->image;
    const BaseImage* b = load(*ci);
    if (!b) return std::nullopt;
    // An image built on another built-in one (python on debian) shares its
    // layers: the same LayerPtrs, as Docker shares them by ChainID.
    Image below;
    if (!b->base.empty()) {
        if (std::optional<Image> bi = find(b->base); bi && bi->layer_count() <= b->layers.size()) below = *bi;
        m_last_error.reset();
    }
    ci->image = image_from_base(*m_store, *b, below);
    return ci->image;
}

std::vector<std::string> BuiltinImages::names() const {
    std::vector<std::string> out = m_extra_names;
    for (const auto& ci : m_catalog) out.push_back(ci->name);
    return out;
}

}  // namespace ll::build
