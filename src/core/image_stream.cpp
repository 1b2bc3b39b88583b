// image_stream.cpp: ImageImport, prepare_layer (see image_stream.h).
// ArchiveStream is in tar_read.cpp, beside the tar parser it runs.
//
// Index: prepare_layer, check_import_size, is_document, ImageImport::ImageImport, ImageImport::feed,
//        ImageImport::feed_tar, ImageImport::on_file, ImageImport::finish
#include "core/image_stream.h"

#include <set>

#include "core/sha256.h"

namespace ll {

Result<PreparedLayer> prepare_layer(std::string_view bytes, std::string_view label, Store& store,
                                    const ImportOptions& opts, const Digest* want_diff) {
    PreparedLayer p;
    p.compression = detect_compression(bytes);
    if (Status st = check_compression_supported(p.compression, label); !st) return st.error();
    std::string tar;
    if (p.compression != Compression::none) {  // gzip or zstd: the bytes decide, whatever the media type says
        Sha256 h;
        Status st = decompress(
            p.compression, bytes,
            [&](const char* d, size_t n) {
                h.update(d, n);
                tar.append(d, n);
            },
            label, opts.gzip);
        if (!st) return st.error();
        p.diff_id = h.finish();
    } else {
        p.diff_id = sha256(bytes);
    }
    std::string_view tar_view = p.compression != Compression::none ? std::string_view(tar) : bytes;
    p.tar_size = tar_view.size();
    if (want_diff && *want_diff != p.diff_id) return p;
    auto layer = read_layer_tar(tar_view, store.paths, store.blobs, label, opts.tar);
    if (!layer) {
        Error e = layer.error();
        e.message = std::string(label) + ": " + e.message;
        return e;
    }
    layer.value()->set_known_diff_id(p.diff_id);
    p.layer = layer.value();
    return p;
}

Status check_import_size(uint64_t size, uint64_t limit, std::string_view shown) {
    if (size <= limit) return {};
    return make_error(Errc::too_large,
                      std::string(shown) + " is " + format_bytes(size) + "; layerlab opens image files of up to " +
                          format_bytes(limit) +
                          " in the page (it keeps every layer as stored, and its files, in memory)",
                      SourceLoc{std::string(shown)});
}

namespace {

// Kept as bytes rather than read as a layer: the layouts' own files and JSON
// documents (manifests, configs, index.json, a classic save's <v1id>/json).
bool is_document(const std::string& path, std::string_view bytes) {
    std::string_view base = path;
    if (size_t s = base.rfind('/'); s != std::string_view::npos) base.remove_prefix(s + 1);
    if (base == "oci-layout" || base == "repositories" || base == "version" || base == "VERSION" ||
        base == "json" || (base.size() > 5 && base.substr(base.size() - 5) == ".json"))
        return true;
    size_t i = bytes.find_first_not_of(" \t\r\n");
    return i != std::string_view::npos && (bytes[i] == '{' || bytes[i] == '[');
}

}  // namespace

ImageImport::ImageImport(Store& store, ImportOptions opts, std::string what)
    : m_store(store), m_opts(std::move(opts)), m_what(std::move(what)), m_tar(m_what, m_opts.tar) {}

Status ImageImport::feed(std::string_view bytes) {
    m_progress.bytes_in += bytes.size();
    if (m_mode == 0) {  // the magic number decides: a tar, or `docker save | gzip` (or | zstd)
        m_head.append(bytes.data(), bytes.size());
        if (m_head.size() < 6) return {};
        m_compression = detect_compression(m_head);
        if (Status st = check_compression_supported(m_compression, "the archive"); !st)
            return make_error(st.error().code, st.error().message, SourceLoc{m_what});
        m_mode = m_compression == Compression::none ? 1 : 2;
        m_progress.compressed = m_mode == 2;
        std::string head = std::move(m_head);
        m_head = std::string();
        if (m_mode == 1) return feed_tar(head);
        m_spool = std::move(head);
        return {};
    }
    if (m_mode == 2) {
        m_spool.append(bytes.data(), bytes.size());
        return {};
    }
    return feed_tar(bytes);
}

Status ImageImport::feed_tar(std::string_view bytes) {
    return m_tar.feed(bytes, [this](const StreamedFile& f, std::string&& b) { return on_file(f, std::move(b)); });
}

Status ImageImport::on_file(const StreamedFile& f, std::string&& bytes) {
    // a later entry of the same name replaces an earlier one (as read_archive_files)
    if (!f.link_path.empty()) {
        auto small = m_small.find(f.link_path);
        auto layer = m_layers.find(f.link_path);
        if (small != m_small.end()) m_small[f.path] = small->second;
        if (layer != m_layers.end()) m_layers[f.path] = layer->second;
        if (small == m_small.end()) m_small.erase(f.path);
        if (layer == m_layers.end()) m_layers.erase(f.path);
        return {};
    }
    m_small.erase(f.path);
    m_layers.erase(f.path);
    if (is_document(f.path, bytes)) {
        m_small[f.path] = std::move(bytes);
        return {};
    }
    // Possibly a layer: read it now, while the bytes are here. If it does not
    // read as one, keep the bytes: finish() says what is wrong with it if the
    // manifest names it as a layer.
    auto p = prepare_layer(bytes, f.path, m_store, m_opts);
    if (!p) {
        m_small[f.path] = std::move(bytes);
        return {};
    }
    Digest digest = sha256(bytes);
    p->blob = std::make_shared<Layer::Blob>(Layer::Blob{std::move(bytes), "", digest});
    ++m_progress.layers_read;
    m_progress.layer_bytes += p->tar_size;
    m_progress.files_read += p->layer->entries().size();
    m_progress.last = "sha256:" + digest.short_hex(12) + " (" + format_bytes(p->tar_size) + ", " +
                      std::to_string(p->layer->entries().size()) + " files)";
    m_layers[f.path] = std::make_shared<PreparedLayer>(std::move(p.value()));
    return {};
}

Result<ImportedImage> ImageImport::finish() {
    if (m_mode == 0) {
        if (m_head.empty()) return make_error(Errc::bad_tar, "empty file: not a tar archive", SourceLoc{m_what});
        m_compression = detect_compression(m_head);
        if (Status st = check_compression_supported(m_compression, "the archive"); !st)
            return make_error(st.error().code, st.error().message, SourceLoc{m_what});
        m_mode = m_compression == Compression::none ? 1 : 2;
        if (m_mode == 1) {
            if (Status st = feed_tar(m_head); !st) return st.error();
        } else {
            m_spool = std::move(m_head);
        }
    }
    if (m_mode == 2) {  // decompressed straight into the tar reader, never whole
        Status st = decompress(
            m_compression, m_spool,
            [this](const char* p, size_t n) {
                if (m_sink_status) m_sink_status = feed_tar(std::string_view(p, n));
            },
            "the archive", m_opts.gzip);
        m_spool = std::string();
        if (!st) return make_error(st.error().code, st.error().message, SourceLoc{m_what});
        if (!m_sink_status) return m_sink_status.error();
    }
    if (Status st = m_tar.finish(); !st) return st.error();
    for (const auto& [path, to] : m_tar.aliases()) {
        if (auto s = m_small.find(to); s != m_small.end()) m_small[path] = s->second;
        if (auto l = m_layers.find(to); l != m_layers.end()) m_layers[path] = l->second;
    }
    FileViews files = views_of(m_small);
    // A layout tarred with its folder ("img/index.json"): look inside that folder.
    if (!files.count("index.json") && !files.count("manifest.json")) {
        std::set<std::string> tops;
        for (const auto& [p, b] : files) tops.insert(p.substr(0, p.find('/')));
        for (const auto& [p, b] : m_layers) tops.insert(p.substr(0, p.find('/')));
        if (tops.size() == 1) {
            std::string prefix = *tops.begin() + "/";
            if (files.count(prefix + "index.json") || files.count(prefix + "manifest.json")) {
                FileViews inner;
                for (const auto& [p, b] : files)
                    if (p.size() > prefix.size()) inner.emplace(p.substr(prefix.size()), b);
                PreparedLayers layers;
                for (const auto& [p, l] : m_layers)
                    if (p.size() > prefix.size()) layers.emplace(p.substr(prefix.size()), l);
                return import_image_files(inner, layers, m_store, m_opts, m_what);
            }
        }
    }
    return import_image_files(files, m_layers, m_store, m_opts, m_what);
}

}  // namespace ll
