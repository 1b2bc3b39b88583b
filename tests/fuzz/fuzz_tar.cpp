// fuzz_tar: libFuzzer target for everything that reads image bytes.
// Run: tests/fuzz/run_fuzz.sh tar 300   (seeds: tests/fuzz/corpus/tar/)
//
// The first byte picks the reader, the rest is its input:
//   0  read_layer_tar; when it succeeds, the layer must survive write -> read
//      with the same listing (a round-trip property, not just "no crash")
//   1  gunzip
//   2  import_image_tar (a docker save / OCI layout tar, maybe gzip)
//   3  parse_image_config; when it succeeds, serialize -> parse must give the
//      same value and serialize must be a fixed point
// Limits are small so that no input can make the fuzzer run out of memory.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/gzip.h"
#include "core/oci.h"
#include "core/tar.h"

using namespace ll;

namespace {
[[noreturn]] void property_failed(const char* what) {
    __builtin_trap();
    (void)what;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const uint8_t mode = data[0] % 4;
    std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
    TarLimits tl;
    tl.max_entries = 5000;
    tl.max_entry_size = uint64_t(1) << 24;
    GzipLimits gl{uint64_t(1) << 24};
    Store s;
    switch (mode) {
    case 0: {
        auto r = read_layer_tar(in, s.paths, s.blobs, "fuzz.tar", tl);
        if (!r) break;
        std::string listing = layer_listing(*r.value(), s);
        std::string again = layer_tar_bytes(*r.value(), s.paths, s.blobs);
        auto back = read_layer_tar(again, s.paths, s.blobs, "again.tar", tl);
        if (!back) property_failed("a tar we wrote does not read back");
        if (layer_listing(*back.value(), s) != listing) property_failed("write -> read changed the layer");
        if (layer_tar_bytes(*back.value(), s.paths, s.blobs) != again) property_failed("the rewrite is not stable");
        break;
    }
    case 1: {
        auto r = gunzip(in, "fuzz.gz", gl);
        if (r && gunzip(gzip(r.value())).value() != r.value()) property_failed("gzip round trip");
        break;
    }
    case 2: {
        ImportOptions o;
        o.tar = tl;
        o.gzip = gl;
        auto r = import_image_tar(in, s, o, "fuzz-image.tar");
        if (r) (void)merged_listing(r->image, s);
        break;
    }
    case 3: {
        auto r = parse_image_config(in);
        if (!r) break;
        std::string once = serialize_image_config(r.value());
        auto back = parse_image_config(once);
        if (!back) property_failed("our own config JSON does not parse");
        if (serialize_image_config(back.value()) != once) property_failed("config serialization is not a fixed point");
        break;
    }
    }
    return 0;
}
