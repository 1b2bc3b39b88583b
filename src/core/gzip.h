// gzip.h: gzip blobs (RFC 1952) over zlib, zstd blobs (RFC 8878) over
// libzstd's decompressor, and compression detection.
//
// OCI layers are usually stored gzip-compressed: the manifest's layer digest
// is the sha256 of the *compressed* blob, the DiffID the sha256 of the tar
// inside it. Both directions stream, so a layer never has to exist twice in
// memory:
//
//     layer tar --write_layer_tar--> GzipWriter --sink--> blob bytes, sha256 (digest)
//     blob bytes --gunzip(sink)--> tar bytes, sha256 (DiffID)
//
// Compression is deterministic: same input, same level -> same bytes. The
// header carries mtime 0, no file name, and OS byte 255 ("unknown"), which is
// what Go's compress/gzip writes, so our headers look like Docker's,
// containerd's and buildah's (the busybox base in tests/oracle/busybox-base-oci has 0xff too).
// The deflate stream itself is zlib's, so compressed digests differ from
// theirs; the DiffID, which is what identifies a layer, does not.
//
// Decompression accepts concatenated members (as gzip(1) and Go do), checks
// each member's CRC-32 and length, refuses trailing bytes that are not another
// member (as Go's reader does), and stops at `max_output` bytes so a small
// "gzip bomb" cannot exhaust memory. Every failure is Errc::bad_gzip (or
// too_large) with a plain message; nothing throws.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/base.h"

namespace ll {

enum class Compression : uint8_t { none, gzip, bzip2, xz, zstd };
// "uncompressed", "gzip", "bzip2", "xz", "zstd"
const char* compression_name(Compression c);
// By magic number: 1f 8b (gzip), "BZh" (bzip2), fd "7zXZ" 00 (xz),
// 28 b5 2f fd (zstd); anything else is "none".
Compression detect_compression(std::string_view bytes);
// ok for none, gzip and zstd; Errc::unsupported with a plain message for the
// others ("layer.tar.bz2 is bzip2-compressed; layerlab reads gzip, zstd and
// uncompressed tar").
Status check_compression_supported(Compression c, std::string_view what);

struct GzipLimits {
    uint64_t max_output = uint64_t(4) << 30;  // 4 GiB of decompressed data
};

// Decompresses a whole gzip blob (one or more members) into `sink`, in chunks.
// `what` names the input in messages ("blobs/sha256/ab12...: gzip data is truncated").
Status gunzip(std::string_view in, const std::function<void(const char*, size_t)>& sink,
              std::string_view what = "gzip data", const GzipLimits& limits = {});
// Convenience: the decompressed bytes in memory.
Result<std::string> gunzip(std::string_view in, std::string_view what = "gzip data", const GzipLimits& limits = {});
// The first `n` decompressed bytes (fewer when the data is shorter), without
// inflating the rest: how ADD looks for a tar header inside a .tar.gz before
// deciding to unpack it. A member that is corrupt or cut short before those
// bytes is an error, as in gunzip().
Result<std::string> gunzip_prefix(std::string_view in, size_t n, std::string_view what = "gzip data");

// Decompresses a whole zstd blob (one or more frames, as zstd(1) and Go's
// klauspost/compress read them; skippable frames are skipped) into `sink`,
// with the same output limit. Corrupt, truncated or trailing data is
// Errc::bad_gzip (the code of every corrupt compressed stream) with zstd's
// reason in words; a frame whose window is over 128 MiB (zstd's default
// limit, what `zstd -d` refuses without --memory) is refused before any
// memory is taken for it.
Status unzstd(std::string_view in, const std::function<void(const char*, size_t)>& sink,
              std::string_view what = "zstd data", const GzipLimits& limits = {});
// gunzip() or unzstd() by `c` (detect_compression of the bytes); `none`
// passes the bytes through; the others are check_compression_supported's error.
Status decompress(Compression c, std::string_view in, const std::function<void(const char*, size_t)>& sink,
                  std::string_view what, const GzipLimits& limits = {});

// Streaming compressor. write() any number of times, then finish() once;
// compressed bytes go to the sink as they are produced.
class GzipWriter {
public:
    // level: 1 (fast) .. 9 (small); 6 is zlib's and Go's default.
    explicit GzipWriter(std::function<void(const char*, size_t)> sink, int level = 6);
    ~GzipWriter();
    GzipWriter(const GzipWriter&) = delete;
    GzipWriter& operator=(const GzipWriter&) = delete;
    void write(const char* data, size_t n);
    void write(std::string_view s) { write(s.data(), s.size()); }
    void finish();
    uint64_t bytes_in() const { return m_in; }
    uint64_t bytes_out() const { return m_out; }

private:
    struct State;
    void pump(int flush);
    std::unique_ptr<State> m_state;
    std::function<void(const char*, size_t)> m_sink;
    uint64_t m_in = 0, m_out = 0;
    bool m_finished = false;
};

// Convenience: the whole gzip blob in memory.
std::string gzip(std::string_view in, int level = 6);

}  // namespace ll
