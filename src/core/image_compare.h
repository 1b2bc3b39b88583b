// image_compare.h: two images side by side, `layerlab diff A B` and the
// page's comparison (issue 16).
//
//   layers    each layer of A and of B, and whether the other image has a
//             layer with the same DiffID (same bytes: stored and pulled once
//             when it also sits on the same layers, i.e. the ChainIDs match)
//   base      how many bottom layers the two share by ChainID: what Docker's
//             layer store holds once for both
//   files     the merged file systems compared path by path: A only
//             (removed), B only (added), both but different (changed: type,
//             contents, symlink target, mode or owner; a directory by mode
//             and owner; mtimes are ignored, so two builds of the same
//             Dockerfile compare by what they hold)
//   sizes     each image's size and wasted bytes (size.h, N-1 rule), so the
//             delete-trap before and after its fix shows the saved bytes
//
//     A  base  base  RUN dl+rm(+whiteout)      B  base  base  RUN dl && rm
//        \___shared___/                           \___shared___/
//
// Both images must live in the same Store (their PathIds are compared).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/image.h"

namespace ll {

struct ComparedLayer {
    Digest diff_id;
    Digest chain_id;
    uint64_t size = 0;
    bool in_other = false;  // the other image has a layer with this DiffID
};

enum class FileDelta : uint8_t { added, removed, changed };
const char* file_delta_mark(FileDelta d);  // "A", "D", "C" as `docker diff` marks them

struct ComparedFile {
    PathId path = k_no_path;
    FileDelta delta = FileDelta::changed;
    uint64_t size_a = 0, size_b = 0;  // Docker's entry sizes (0 when absent)
    std::string what;                 // changed: "contents", "type", "target", "mode", "owner" (joined by ",")
};

struct ImageComparison {
    std::vector<ComparedLayer> a, b;
    uint32_t common_base = 0;   // bottom layers with equal ChainIDs
    uint64_t shared_bytes = 0;  // sizes of those layers
    uint64_t size_a = 0, size_b = 0, wasted_a = 0, wasted_b = 0;
    std::vector<ComparedFile> files;  // sorted by path
    uint32_t added = 0, removed = 0, changed = 0;
};

ImageComparison compare_images(const Image& a, const Image& b, const PathTable& paths, const BlobStore& blobs);

}  // namespace ll
