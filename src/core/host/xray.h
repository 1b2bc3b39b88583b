// xray.h: where an image and its containers live on a Docker host, laid out
// as moby's overlay2 storage driver and layer store lay them out.
//
//   /var/lib/docker/
//     image/overlay2/imagedb/content/sha256/<image-id>      the config JSON (image ID = its sha256)
//     image/overlay2/layerdb/sha256/<chain-id>/             one per image layer, keyed by ChainID
//         diff        "sha256:<DiffID>"
//         size        the diff directory's size, decimal bytes
//         cache-id    the layer's directory name under overlay2/
//         parent      "sha256:<ChainID of the layer below>"   (not for the bottom layer)
//         tar-split.json.gz                                    (listed, not modelled)
//     image/overlay2/layerdb/mounts/<container-id>/{mount-id, init-id, parent}
//     overlay2/<cache-id>/
//         diff/       the layer's files (whiteouts as 0/0 character devices)
//         link        the layer's short name: 26 characters of base32
//         lower       "l/<short>:l/<short>..." the layers below, uppermost first
//         work/       overlayfs' work directory             (not for the bottom layer)
//         committed   (empty) this layer has a child
//     overlay2/<mount-id>-init/   the container's init layer: /etc/hosts, /etc/hostname,
//                                 /etc/resolv.conf, /dev/console, ... as empty stubs
//     overlay2/<mount-id>/        the container's writable layer: diff/ is the upperdir,
//                                 merged/ the mount point of its root
//     overlay2/l/<short> -> ../<id>/diff
//
// Facts from moby (github.com/moby/moby): daemon/graphdriver/overlay2/overlay.go
// (linkDir "l", diffDirName "diff", workDirName "work", mergedDirName "merged",
// lowerFile "lower", idLength 26, maxDepth 128; create() writes link, lower,
// work/ and "committed" in the parent; Get() mounts with
// "index=off,lowerdir=<abs l/...>,upperdir=<dir>/diff,workdir=<dir>/work"),
// daemon/graphdriver/overlay2/randomid.go (generateID: base32.StdEncoding of
// (26*5+7)/8 = 17 random bytes, cut to 26), layer/filestore.go (the layerdb
// file names and formats). README.md, "The X-ray", lists the commits read.
//
// What cannot be known is labelled: Docker draws cache-ids, link names and
// container IDs at random; here they are derived from the layer's ChainID
// (and the container's name), so they stay the same from frame to frame.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/sha256.h"

namespace ll {
class Image;
class Container;
struct Store;
namespace lab {
class Lab;
}
}  // namespace ll

namespace ll::host {

inline constexpr const char* k_docker_root = "/var/lib/docker";

struct XrayLayer {
    Digest diff_id, chain_id;
    std::string cache_id;  // 64 hex: the directory under overlay2/
    std::string link;      // 26 base32 characters: l/<link> -> ../<cache_id>/diff
    std::string lower;     // the `lower` file's text ("" for the bottom layer)
    uint64_t size = 0;     // the `size` file's number
};

struct XrayContainer {
    std::string name;      // "c1"
    std::string id;        // 64 hex: layerdb/mounts/<id>
    std::string mount_id;  // 64 hex: overlay2/<mount_id> (and <mount_id>-init)
    std::string init_link, link;
    std::string lower;       // the writable layer's `lower`: the init layer, then the image's
    std::string mount_line;  // as `mount` prints it
    uint64_t upper_size = 0;
};

// One path of the X-ray tree, in the order a listing shows them.
struct XrayNode {
    std::string path;  // absolute, under k_docker_root
    char type = 'd';   // 'd' directory, 'f' file, 'l' symlink
    std::string text;  // a file's contents, a symlink's target
    std::string note;  // what it is, in words
    int layer = -1;    // the image layer it belongs to (0 = bottom), -1 = none
    int container = -1;
};

struct Xray {
    std::string image_id;  // "sha256:<hex>"
    std::vector<XrayLayer> layers;
    std::vector<XrayContainer> containers;
    std::vector<XrayNode> nodes;
};

// The base32 (RFC 4648, A-Z2-7) of the first 17 bytes of `seed`, cut to 26:
// the shape of moby's generateID(26).
std::string link_id(const Digest& seed);

// The host's view of `image` and `containers` (each running on `image`).
// Computes the DiffIDs it needs. `max_files` caps the diff/ files listed per
// layer (the counts are always whole).
Xray make_xray(const Image& image, const std::vector<const Container*>& containers,
               const std::vector<std::string>& names, const Store& store, size_t max_files = 200);

// The X-ray of a Lab: the image at the cursor and the containers running on it
// (xray_lab.cpp); and its JSON, what the JS API's xray() returns.
Xray lab_xray(const lab::Lab& lab, size_t max_files = 200);
nlohmann::json xray_json(const Xray& x);

// The overlay mount of a container as `mount` shows it:
// "overlay on /var/lib/docker/overlay2/<id>/merged type overlay (rw,relatime,lowerdir=...,upperdir=...,workdir=...)"
std::string mount_line(const std::string& mount_id, const std::string& lower);

}  // namespace ll::host
