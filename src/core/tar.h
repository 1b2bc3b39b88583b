// tar.h: layers as real tar archives (POSIX ustar + pax extended headers).
//
// Writing produces exactly what an OCI layer tar holds, entries in path order:
//
//   app/                  typeflag 5   (directories end in '/')
//   app/.wh..wh..opq      typeflag 0   empty: the opaque marker, right after its dir
//   app/main.py           typeflag 0   the contents
//   app/link              typeflag 1   hard link, linkname = the first name
//   etc/.wh.motd          typeflag 0   empty: the whiteout of /etc/motd
//
// Names longer than ustar allows are split into prefix/name or carried in a pax
// 'path' record; sizes, ids and times that do not fit their octal fields go
// into pax records too; xattrs as SCHILY.xattr.*. Two zero blocks end the
// archive. The output depends only on the layer, so the DiffID (sha256 of these
// bytes) is reproducible.
//
// Reading accepts ustar, pax and GNU tars (long names), both whiteout forms
// (a `.wh..wh..opq` marker, or one `.wh.NAME` per removed child), applies an
// opaque marker to its directory wherever it stands in the archive, and refuses
// unsafe input (names escaping the root with `..`, absurd sizes or counts,
// truncated blocks, bad checksums) with an Error naming the entry.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/base.h"
#include "core/layer.h"

namespace ll {

using ByteSink = std::function<void(const char*, size_t)>;

// Streams the layer as a tar into `sink` (never holds the whole archive).
void write_layer_tar(const Layer& layer, const PathTable& paths, const BlobStore& blobs, const ByteSink& sink);

// The same tar a slice at a time, so a big layer's DiffID can be hashed
// across frames (issue 14): each write_some() call writes on until about
// `budget` bytes went out (a file's contents are cut in 64 KiB pieces), and
// the bytes are exactly write_layer_tar's. The layer, paths and blobs must
// outlive it (layers are immutable once frozen).
class LayerTarWriter {
public:
    LayerTarWriter(const Layer& layer, const PathTable& paths, const BlobStore& blobs);
    // True once the whole tar (its two zero end blocks included) is written.
    bool write_some(const ByteSink& sink, uint64_t budget);
    bool done() const { return m_done; }
    uint64_t written() const { return m_written; }

private:
    const Layer* m_layer;
    const PathTable* m_paths;
    const BlobStore* m_blobs;
    size_t m_next = 0;  // the next entry of the layer
    BlobId m_blob = k_empty_blob;  // the file whose contents are being written
    uint64_t m_data_off = 0, m_data_left = 0;
    std::unordered_map<uint32_t, std::string> m_first_of_group;  // hard links: the first name of each group
    uint64_t m_written = 0;
    bool m_done = false;
};
// Convenience: the whole tar in memory (tests, small layers).
std::string layer_tar_bytes(const Layer& layer, const PathTable& paths, const BlobStore& blobs);

struct TarLimits {
    uint64_t max_entries = 1'000'000;
    uint64_t max_entry_size = uint64_t(64) << 30;  // 64 GiB declared
    uint64_t max_path = 4096;
};

// Reads an uncompressed layer tar into a frozen Layer. File contents become
// literal blobs in `blobs`; paths are interned into `paths`. `name` is used in
// error messages ("layer.tar: entry 3 (etc/passwd): ...").
Result<LayerPtr> read_layer_tar(std::string_view tar, PathTable& paths, BlobStore& blobs,
                                std::string_view name = "layer.tar", const TarLimits& limits = {});
// The same, reading the tar from a blob: file contents become slices of it, so
// a tar holding a synthetic 9 GiB file (BlobStore::fill) is read without
// materializing it. (Implemented in tar_read.cpp.)
Result<LayerPtr> read_layer_tar(BlobId tar, PathTable& paths, BlobStore& blobs, std::string_view name = "layer.tar",
                                const TarLimits& limits = {});

// One entry of a plain archive, in archive order, for ADD: unlike a layer,
// an archive is applied entry by entry (a symlink first, then a file written
// through it; a later entry of the same name replaces an earlier one).
// Names are cleaned the way the chrooted untar of BuildKit (moby/go-archive
// chrootarchive) and buildah resolve them: ".." never climbs above the
// archive's root ("../x" and "/x" are both "x"), so nothing is refused for
// its name alone.
struct ArchiveEntry {
    uint64_t number = 0;  // 1-based, real entries only
    std::string name;     // as written in the archive (for messages)
    std::string path;     // cleaned, relative, no leading or trailing '/'; "" is the root
    EntryType type = EntryType::file;
    bool hard_link = false;  // a hard link to `link_path` (type is then file)
    std::string link_path;   // hard link target, cleaned like `path`
    std::string target;      // symlink target, as written
    uint32_t mode = 0, uid = 0, gid = 0;
    int64_t mtime = 0;
    BlobId blob = k_empty_blob;  // file contents: a slice of the archive's blob
    uint32_t dev_major = 0, dev_minor = 0;
    std::vector<Xattr> xattrs;
};

// Whether `block` (the first 512 bytes of a file) is a tar header that Go's
// tar.Reader.Next accepts: not all zeros, and its checksum right. BuildKit's
// ADD unpacks a file exactly when its first header reads (isArchivePath).
bool is_tar_header(std::string_view block);

// Calls fn for every entry of the uncompressed archive in `tar`, in order, and
// stops at the first error (of the archive or of fn). Errors name the entry
// ("entry 3 (etc/x): ..."); Error::where is the archive `name`.
Status walk_archive(BlobId tar, BlobStore& blobs, std::string_view name, const TarLimits& limits,
                    const std::function<Status(const ArchiveEntry&)>& fn);

}  // namespace ll
