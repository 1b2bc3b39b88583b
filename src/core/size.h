// size.h: where an image's bytes go.
//
//   layer sizes     Docker's rule: st_size of every non-directory in the
//                   layer (symlinks count their target's length), each
//                   hard-linked inode once (Layer::size()).
//   changes         per layer: entries added, modified and deleted against
//                   the merged view of the layers below it.
//   waste (N-1)     a path stored in N layers ships N copies but the
//                   container sees at most one: every copy but the visible
//                   one is waste, and a path deleted by a later layer
//                   (whiteout) wastes all of its copies. (dive's early
//                   efficiency score counted all N copies; we follow the
//                   N-1 rule of semantics.md.)
//   shared/unique   `docker system df -v`: bytes of layers (by ChainID)
//                   that more than one image uses are shared.
//
//     layer 0  /data/big.iso  512 KiB       <- still shipped
//     layer 1  .wh.big.iso                  <- hides it: 512 KiB wasted
#pragma once
#include <cstdint>
#include <vector>

#include "core/image.h"

namespace ll {

struct LayerChanges {
    uint32_t added = 0;     // names that did not exist below
    uint32_t modified = 0;  // names that existed below (directories only if
                            // their attributes changed or they became opaque)
    uint32_t deleted = 0;   // whiteouts of names that existed below
    uint32_t hidden = 0;    // names below hidden by opaque directories
};
// One entry per layer of the image, bottom first.
std::vector<LayerChanges> layer_changes(const Image& image, const PathTable& paths);
// The rule for one layer: what `layer` changes over the union `below` of
// `below_layers` (its Hits index into them). layer_changes() applies it layer
// by layer; the Lab to each slab over the image under it (cached per stack).
LayerChanges layer_changes_over(const Layer& layer, const UnionIndex& below, const std::vector<LayerPtr>& below_layers,
                                const PathTable& paths);

struct PathWaste {
    PathId path = k_no_path;
    uint64_t wasted = 0;   // bytes shipped but never seen
    uint64_t total = 0;    // bytes of all copies
    uint32_t copies = 0;   // layers holding the path (files and symlinks)
    bool deleted = false;  // not visible at all in the final image
};

struct WasteReport {
    uint64_t image_size = 0;
    uint64_t wasted = 0;
    double efficiency = 1.0;       // 1 - wasted / image_size
    std::vector<PathWaste> paths;  // wasted > 0, largest first
};
WasteReport image_waste(const Image& image, const BlobStore& blobs);

struct ImageShare {
    uint64_t size = 0;    // all its layers
    uint64_t shared = 0;  // layers another image in the set also uses
    uint64_t unique = 0;  // size - shared
};
struct ShareReport {
    std::vector<ImageShare> images;  // in the order given
    uint64_t disk = 0;               // each distinct layer counted once
};
// Layers are the same when their ChainIDs are (computing DiffIDs if needed).
ShareReport shared_sizes(const std::vector<const Image*>& images, const PathTable& paths, const BlobStore& blobs);

}  // namespace ll
