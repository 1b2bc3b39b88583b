// image_stream.h: reading an image archive as it arrives, a piece at a time,
// instead of holding the whole file first (issue 16).
//
// A tar is sequential, so its entries can be handled as they complete:
//
//   ArchiveStream   cuts the bytes fed to it into entries (the same tar parser,
//                   limits and messages as read_archive_files, run on one entry
//                   and its extended headers at a time) and hands each regular
//                   file over whole, then forgets it.
//   ImageImport     what oci.h's import_image_tar does, fed in pieces: a blob
//                   that is not JSON is read as a layer the moment it is
//                   complete (digest, decompression, DiffID, files into the
//                   store) and only its stored bytes are kept; JSON documents
//                   (manifests, configs, index.json) are kept as they are. At
//                   finish() the manifest orders the layers already read and
//                   every check of import_image_files is made, with the same
//                   messages.
//
// Why layers are read before they are known to be layers: `docker save`
// (moby image/tarexport), `podman save` and skopeo's oci-archive write their
// blobs first and manifest.json / index.json last (moby tars its temporary
// directory in name order: blobs/, index.json, manifest.json, oci-layout), so
// the order of the layers is only known at the end. A blob read as a layer
// that the manifest never names (another platform's layer) stays in the store
// unused; a blob that does not read as a layer tar is kept as bytes, and if
// the manifest names it, finish() reports its problem as import_image_files
// would. A gzip- or zstd-compressed archive (`docker save | gzip`) is kept
// compressed until finish() and decompressed then straight into the tar
// reader, so its uncompressed form never exists whole in memory either.
//
//     ImageImport im(store, {}, "busybox.tar");
//     while (read a piece p) if (auto st = im.feed(p); !st) fail(st.error());
//     auto r = im.finish();     // Result<ImportedImage>, as import_image_tar's
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/oci.h"

namespace ll {

// One entry of an archive read by ArchiveStream: a regular file (its bytes
// handed over by value), or a hard link (link_path: the earlier file).
// Symlinks are collected and resolved at finish() (aliases()).
struct StreamedFile {
    std::string path;       // cleaned, relative
    std::string link_path;  // hard link: the cleaned path of the earlier file, else ""
};

class ArchiveStream {
public:
    using OnFile = std::function<Status(const StreamedFile&, std::string&& bytes)>;
    ArchiveStream(std::string name, const TarLimits& limits = {});
    // The next bytes of the archive; fn is called for every regular file or
    // hard link completed by them, in archive order. Returns the archive's
    // first problem (Errc::bad_tar, unsafe_path, too_large, as read_archive_files).
    Status feed(std::string_view bytes, const OnFile& fn);
    // The input ended: an entry cut short is an error.
    Status finish();
    // The archive's symlinks to regular files (docker save's "../<id>/layer.tar"
    // for a layer saved twice): (link path, the file it leads to), after finish().
    std::vector<std::pair<std::string, std::string>> aliases() const;
    uint64_t bytes_in() const { return m_in; }
    uint64_t entries() const { return m_entries; }

private:
    Status parse_group(const OnFile& fn);
    Status walker_check() const;
    Status walker_error(std::string_view fallback) const;
    std::string m_name;
    TarLimits m_limits;
    std::string m_buf;         // extended headers, then one entry's header and data
    size_t m_scan = 0;         // where the next header starts in m_buf
    uint64_t m_need = 512;     // bytes m_buf must hold for the next step
    bool m_entry = false;      // m_buf ends with a real entry being collected
    int64_t m_pax_size = -1;   // a pax 'size' record for the coming entry
    uint64_t m_group_at = 0;   // archive offset of m_buf[0]
    uint64_t m_entries = 0, m_in = 0;
    int m_end = 0;  // 1: a zero block seen, 2: the archive ended (rest ignored)
    std::set<std::string> m_files;
    std::unordered_map<std::string, std::string> m_links;  // symlink path -> target as written
};

// Follows a symlink found in an archive at `path` (target as written) through
// other such links (at most 16 hops) to a regular file for which is_file()
// holds; "" when it leads nowhere.
std::string resolve_archive_link(const std::string& path, const std::string& target,
                                 const std::function<bool(const std::string&)>& is_file,
                                 const std::unordered_map<std::string, std::string>& links);

// A layer read from the archive before the manifest named it.
struct PreparedLayer {
    LayerPtr layer;
    std::shared_ptr<Layer::Blob> blob;  // the stored bytes; media type set once known
    Compression compression = Compression::none;
    Digest diff_id;
    uint64_t tar_size = 0;
};
// Reads one layer blob: detects its compression, decompresses it while
// hashing the DiffID, and reads the tar into the store. With want_diff, a
// DiffID that differs stops before the tar is read (layer stays null). Errors
// name `label` ("layer 2 (blobs/sha256/ab..): gzip data is truncated"). The
// caller sets `blob`.
Result<PreparedLayer> prepare_layer(std::string_view bytes, std::string_view label, Store& store,
                                    const ImportOptions& opts, const Digest* want_diff = nullptr);
using PreparedLayers = std::map<std::string, std::shared_ptr<PreparedLayer>, std::less<>>;  // by path

class ImageImport {
public:
    ImageImport(Store& store, ImportOptions opts = {}, std::string what = "image.tar");
    Status feed(std::string_view bytes);
    Result<ImportedImage> finish();

    // What has been read so far (the page's progress line).
    struct Progress {
        uint64_t bytes_in = 0;       // of the archive as given (compressed or not)
        uint64_t layers_read = 0;    // blobs read as layers so far
        uint64_t layer_bytes = 0;    // their uncompressed size
        uint64_t files_read = 0;     // entries in those layers
        bool compressed = false;     // a compressed archive: read at finish()
        std::string last;            // "sha256:ab12cd34ef56 (12.3 MB, 412 files)"
    };
    const Progress& progress() const { return m_progress; }

private:
    Status on_file(const StreamedFile& f, std::string&& bytes);
    Status feed_tar(std::string_view bytes);
    Store& m_store;
    ImportOptions m_opts;
    std::string m_what;
    ArchiveStream m_tar;
    std::string m_head;        // the first bytes, until the compression is known
    int m_mode = 0;            // 0 undecided, 1 tar, 2 compressed (spooled)
    Compression m_compression = Compression::none;
    std::string m_spool;       // a compressed archive's bytes
    Status m_sink_status;      // the first error while decompressing into m_tar
    FileMap m_small;           // JSON and other documents, and blobs that are not layers
    PreparedLayers m_layers;
    Progress m_progress;
};

// Refuses a file of `size` bytes over `limit` before any of it is read
// (Errc::too_large; the message names the limit and why there is one).
Status check_import_size(uint64_t size, uint64_t limit, std::string_view shown);

// The import of import_image_files, with some blobs already read as layers.
Result<ImportedImage> import_image_files(const FileViews& files, const PreparedLayers& prepared, Store& store,
                                         const ImportOptions& opts, std::string_view what);

}  // namespace ll
