// dive.h: an image's efficiency as dive (wagoodman/dive) scores it, for the
// CI rules people already use (`dive --ci`, `.dive-ci`).
//
// dive's accounting differs from ours (size.h, the N-1 rule): it visits the
// leaves of every layer's own tree (files, empty directories, whiteouts) and
// gives each the size of its tar header (a symlink or a hard link is 0 bytes);
// a whiteout of a directory weighs what the layers below held under it.
//
//   per path    cumulative = sum of its leaves' sizes over all layers
//               minimum    = the smallest of them (a whiteout of a file: 0)
//   efficiency  sum(minimum) / sum(cumulative)            (1 when both are 0)
//   inefficient paths stored in 2 or more layers
//   wasted      sum of their cumulative sizes (every copy, the visible one too)
//   user size   layer sizes without the first layer
//   user waste  wasted / user size
//
//     layer 1  /big.bin 200 KB            /big.bin: 3 leaves, 300 KB, min 0
//     layer 2  /big.bin 100 KB            -> 300 KB wasted, 0 B minimum
//     layer 3  .wh.big.bin (0 B)
//
// Sources (read for the rules, nothing copied): wagoodman/dive
// dive/filetree/efficiency.go (Efficiency) and the image Analyze functions,
// commit 07ce9a2. An opaque-directory marker (`.wh..wh..opq`) is no leaf
// here: dive's tree keeps it as a file named `.wh..opq`, which its whiteout
// sizing cannot find.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/image.h"

namespace ll {

struct DiveFile {
    PathId path = k_no_path;
    uint32_t references = 0;  // leaves with this path, over all layers
    uint64_t cumulative = 0;  // their sizes added up
};

struct DiveAnalysis {
    double efficiency = 1.0;
    uint64_t size = 0;       // layer sizes as dive counts them (tar header sizes)
    uint64_t user_size = 0;  // the same without layer 0
    uint64_t wasted = 0;
    double user_wasted_percent = 0;     // wasted / user_size, a ratio; as in Go, NaN for 0/0 and +Inf for x/0
    std::vector<DiveFile> inefficient;  // largest cumulative first
};

DiveAnalysis dive_analysis(const Image& image, const PathTable& paths, const BlobStore& blobs);

}  // namespace ll
