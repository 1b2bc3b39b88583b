// zstd.cpp: unzstd() over libzstd's streaming decompressor (see gzip.h).
#include <zstd.h>
#include <zstd_errors.h>

#include <memory>

#include "core/gzip.h"

namespace ll {

namespace {

// zstd's default window limit (ZSTD_WINDOWLOG_LIMIT_DEFAULT): 2^27 = 128 MiB,
// what `zstd -d` accepts without --memory and what a layer written by
// containerd, BuildKit or skopeo at any level without --long stays under.
constexpr int k_window_log_max = 27;

Error zstd_error(std::string_view what, std::string msg) {
    return make_error(Errc::bad_gzip, std::string(what) + ": " + msg);
}

// ZSTD_getErrorName's words, said for a student where they are cryptic.
std::string reason(size_t rc) {
    switch (ZSTD_getErrorCode(rc)) {
    case ZSTD_error_checksum_wrong: return "checksum mismatch: the data is corrupt";
    case ZSTD_error_frameParameter_windowTooLarge:
        return "a frame needs a window of more than 128 MiB (zstd --long=31 data; `zstd -d` refuses it too "
               "without --memory)";
    case ZSTD_error_prefix_unknown: return "not zstd data where a frame should start (unknown frame magic)";
    default: return std::string("corrupt compressed data (") + ZSTD_getErrorName(rc) + ")";
    }
}

}  // namespace

Status unzstd(std::string_view in, const std::function<void(const char*, size_t)>& sink, std::string_view what,
              const GzipLimits& limits) {
    if (in.empty()) return zstd_error(what, "empty input (no zstd frame)");
    if (detect_compression(in) != Compression::zstd) return zstd_error(what, "not zstd data (no 28 b5 2f fd header)");
    std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> dctx(ZSTD_createDCtx(), ZSTD_freeDCtx);
    if (!dctx) return make_error(Errc::internal, std::string(what) + ": zstd is out of memory");
    ZSTD_DCtx_setParameter(dctx.get(), ZSTD_d_windowLogMax, k_window_log_max);

    char out[64 * 1024];
    uint64_t total = 0;
    auto emit = [&](size_t n) -> Status {  // n bytes of `out` decoded
        total += n;
        if (total > limits.max_output)
            return make_error(Errc::too_large, std::string(what) + ": decompresses to more than " +
                                                   format_bytes(limits.max_output) + " (the limit)");
        if (n) sink(out, n);
        return {};
    };
    ZSTD_inBuffer ib{in.data(), in.size(), 0};
    size_t rc = 1;  // != 0: inside a frame
    uint32_t frame = 1;
    while (ib.pos < ib.size) {
        ZSTD_outBuffer ob{out, sizeof out, 0};
        size_t before = ib.pos;
        rc = ZSTD_decompressStream(dctx.get(), &ob, &ib);
        if (ZSTD_isError(rc)) {
            // a frame ended and what follows is not another one: trailing data
            if (ZSTD_getErrorCode(rc) == ZSTD_error_prefix_unknown && frame > 1 && before > 0)
                return zstd_error(what, std::to_string(in.size() - before) + " bytes of trailing data after zstd frame " +
                                            std::to_string(frame - 1) + " (not another zstd frame)");
            return zstd_error(what, reason(rc) + " in frame " + std::to_string(frame));
        }
        if (Status st = emit(ob.pos); !st) return st;
        if (rc == 0) ++frame;  // a frame is complete; another may follow
    }
    // the input is used up: flush what the decoder still holds
    while (rc != 0) {
        ZSTD_outBuffer ob{out, sizeof out, 0};
        rc = ZSTD_decompressStream(dctx.get(), &ob, &ib);
        if (ZSTD_isError(rc)) return zstd_error(what, reason(rc) + " in frame " + std::to_string(frame));
        if (ob.pos == 0 && rc != 0)
            return zstd_error(what, "truncated: the input ends inside zstd frame " + std::to_string(frame) + " (after " +
                                        std::to_string(total) + " decompressed bytes)");
        if (Status st = emit(ob.pos); !st) return st;
    }
    return {};
}

}  // namespace ll
