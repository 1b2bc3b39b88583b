// gzip.cpp: gzip over zlib (see gzip.h).
#include "core/gzip.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>

namespace ll {

const char* compression_name(Compression c) {
    switch (c) {
    case Compression::none: return "uncompressed";
    case Compression::gzip: return "gzip";
    case Compression::bzip2: return "bzip2";
    case Compression::xz: return "xz";
    case Compression::zstd: return "zstd";
    }
    return "?";
}

Compression detect_compression(std::string_view b) {
    auto starts = [&](std::string_view magic) {
        return b.size() >= magic.size() && b.substr(0, magic.size()) == magic;
    };
    if (starts(std::string_view("\x1f\x8b", 2))) return Compression::gzip;
    if (starts("BZh")) return Compression::bzip2;
    if (starts(std::string_view("\xfd"
                                "7zXZ\x00",
                                6)))
        return Compression::xz;
    if (starts(std::string_view("\x28\xb5\x2f\xfd", 4))) return Compression::zstd;
    return Compression::none;
}

Status check_compression_supported(Compression c, std::string_view what) {
    if (c == Compression::none || c == Compression::gzip || c == Compression::zstd) return {};
    return make_error(Errc::unsupported, std::string(what) + " is " + compression_name(c) +
                                             "-compressed; layerlab reads gzip, zstd and uncompressed tar");
}

Status decompress(Compression c, std::string_view in, const std::function<void(const char*, size_t)>& sink,
                  std::string_view what, const GzipLimits& limits) {
    switch (c) {
    case Compression::gzip: return gunzip(in, sink, what, limits);
    case Compression::zstd: return unzstd(in, sink, what, limits);
    case Compression::none:
        if (in.size() > limits.max_output)
            return make_error(Errc::too_large, std::string(what) + ": more than " + format_bytes(limits.max_output) +
                                                   " (the limit)");
        if (!in.empty()) sink(in.data(), in.size());
        return {};
    default: return check_compression_supported(c, what);
    }
}

namespace {

// zlib's avail_in/avail_out are 32-bit: feed big inputs in slices.
constexpr size_t k_max_slice = size_t(1) << 30;

Error gzip_error(std::string_view what, std::string msg) {
    return make_error(Errc::bad_gzip, std::string(what) + ": " + msg);
}

}  // namespace

namespace {

// gunzip() with a sink that may stop the inflation early (returns false).
Status inflate_all(std::string_view in, const std::function<bool(const char*, size_t)>& sink, std::string_view what,
                   const GzipLimits& limits) {
    if (in.empty()) return gzip_error(what, "empty input (no gzip header)");
    if (detect_compression(in) != Compression::gzip) return gzip_error(what, "not gzip data (no 1f 8b header)");
    z_stream z{};
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return make_error(Errc::internal, "zlib inflateInit2 failed");
    struct Guard {
        z_stream* z;
        ~Guard() { inflateEnd(z); }
    } guard{&z};

    char out[64 * 1024];
    uint64_t total = 0;
    size_t pos = 0;  // bytes of `in` consumed so far
    uint32_t member = 1;
    for (;;) {
        size_t slice = std::min(in.size() - pos, k_max_slice);
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + pos));
        z.avail_in = uInt(slice);
        int rc = Z_OK;
        do {
            z.next_out = reinterpret_cast<Bytef*>(out);
            z.avail_out = sizeof out;
            rc = inflate(&z, Z_NO_FLUSH);
            size_t got = sizeof out - z.avail_out;
            if (got) {
                total += got;
                if (total > limits.max_output)
                    return make_error(Errc::too_large, std::string(what) + ": decompresses to more than " +
                                                           format_bytes(limits.max_output) + " (the limit)");
                if (!sink(out, got)) return {};
            }
            if (rc == Z_DATA_ERROR) {
                std::string m = z.msg ? z.msg : "";
                if (m == "incorrect data check") return gzip_error(what, "CRC-32 mismatch: the data is corrupt");
                if (m == "incorrect length check") return gzip_error(what, "length mismatch: the data is corrupt");
                if (m == "incorrect header check" || m == "unknown compression method" ||
                    m == "unknown header flags set" || m == "header crc mismatch")
                    return gzip_error(what, "bad gzip header in member " + std::to_string(member) + " (" + m + ")");
                return gzip_error(what, "corrupt compressed data in member " + std::to_string(member) +
                                            (m.empty() ? std::string() : " (" + m + ")"));
            }
            if (rc == Z_MEM_ERROR) return make_error(Errc::internal, std::string(what) + ": zlib is out of memory");
            if (rc == Z_NEED_DICT) return gzip_error(what, "deflate stream needs a preset dictionary");
        } while (rc == Z_OK && (z.avail_out == 0 || z.avail_in > 0));
        pos += slice - z.avail_in;
        if (rc == Z_STREAM_END) {
            if (pos == in.size()) return {};
            // Another member follows (gzip(1), pigz and Go accept concatenations);
            // anything else after the data is an error, as in Go's reader.
            std::string_view rest = in.substr(pos);
            if (detect_compression(rest) != Compression::gzip)
                return gzip_error(what, std::to_string(rest.size()) + " bytes of trailing data after gzip member " +
                                            std::to_string(member) + " (not another gzip member)");
            inflateReset(&z);
            ++member;
            continue;
        }
        // rc == Z_OK or Z_BUF_ERROR: inflate wants more input.
        if (pos >= in.size())
            return gzip_error(what, "truncated: the input ends inside gzip member " + std::to_string(member) +
                                        " (after " + std::to_string(total) + " decompressed bytes)");
    }
}

}  // namespace

Status gunzip(std::string_view in, const std::function<void(const char*, size_t)>& sink, std::string_view what,
              const GzipLimits& limits) {
    return inflate_all(
        in,
        [&](const char* p, size_t n) {
            sink(p, n);
            return true;
        },
        what, limits);
}

Result<std::string> gunzip_prefix(std::string_view in, size_t n, std::string_view what) {
    std::string out;
    Status st = inflate_all(
        in,
        [&](const char* p, size_t got) {
            out.append(p, std::min(got, n - out.size()));
            return out.size() < n;
        },
        what, GzipLimits{});
    if (!st) return st.error();
    return out;
}

Result<std::string> gunzip(std::string_view in, std::string_view what, const GzipLimits& limits) {
    std::string out;
    Status st = gunzip(
        in, [&](const char* p, size_t n) { out.append(p, n); }, what, limits);
    if (!st) return st.error();
    return out;
}

struct GzipWriter::State {
    z_stream z{};
    gz_header header{};
};

GzipWriter::GzipWriter(std::function<void(const char*, size_t)> sink, int level)
    : m_state(std::make_unique<State>()), m_sink(std::move(sink)) {
    level = std::clamp(level, 1, 9);
    int rc = deflateInit2(&m_state->z, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    assert(rc == Z_OK);
    (void)rc;
    // mtime 0, no name, no comment, OS 255 "unknown" (what Go's compress/gzip writes)
    m_state->header.time = 0;
    m_state->header.os = 255;
    deflateSetHeader(&m_state->z, &m_state->header);
}

GzipWriter::~GzipWriter() { deflateEnd(&m_state->z); }

void GzipWriter::pump(int flush) {
    char out[64 * 1024];
    z_stream& z = m_state->z;
    int rc;
    do {
        z.next_out = reinterpret_cast<Bytef*>(out);
        z.avail_out = sizeof out;
        rc = deflate(&z, flush);
        assert(rc != Z_STREAM_ERROR);
        size_t got = sizeof out - z.avail_out;
        if (got) {
            m_out += got;
            m_sink(out, got);
        }
    } while (z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
}

void GzipWriter::write(const char* data, size_t n) {
    assert(!m_finished);
    m_in += n;
    while (n > 0) {
        size_t slice = std::min(n, k_max_slice);
        m_state->z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
        m_state->z.avail_in = uInt(slice);
        pump(Z_NO_FLUSH);
        data += slice;
        n -= slice;
    }
}

void GzipWriter::finish() {
    if (m_finished) return;
    m_state->z.next_in = nullptr;
    m_state->z.avail_in = 0;
    pump(Z_FINISH);
    m_finished = true;
}

std::string gzip(std::string_view in, int level) {
    std::string out;
    GzipWriter w([&](const char* p, size_t n) { out.append(p, n); }, level);
    w.write(in);
    w.finish();
    return out;
}

}  // namespace ll
