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
//   4  ADD of the input as an archive (FROM scratch, ADD in.tar /d/): built or
//      refused, nothing may land outside /d (ADD's chrooted untar rule)
// Limits are small so that no input can make the fuzzer run out of memory.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/build/bases.h"
#include "core/build/builder.h"
#include "core/dockerfile/parser.h"
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
    const uint8_t mode = data[0] % 5;
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
    case 4: {
        build::BuildContext ctx;
        ctx.add_file("in.tar", s.blobs.bytes(std::string(in)));
        build::BuiltinImages images(s, nullptr);
        auto df = dockerfile::parse("FROM scratch\nADD in.tar /d/\n");
        if (!df) property_failed("the fixed Dockerfile does not parse");
        build::Builder b(s, std::move(*df), std::move(ctx), {}, images, nullptr);
        (void)b.run();
        for (const LayerPtr& l : b.result().layers())
            for (const Entry& e : l->entries()) {
                const std::string p = s.paths.str(e.path);
                if (p != "/d" && p.rfind("/d/", 0) != 0) property_failed("ADD wrote outside its destination");
            }
        break;
    }
    }
    return 0;
}
