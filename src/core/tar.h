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

#include "core/base.h"
#include "core/layer.h"

namespace ll {

using ByteSink = std::function<void(const char*, size_t)>;

// Streams the layer as a tar into `sink` (never holds the whole archive).
void write_layer_tar(const Layer& layer, const PathTable& paths, const BlobStore& blobs, const ByteSink& sink);
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

}  // namespace ll
