// oci.h: images as real files: the OCI image config, OCI image layouts and
// `docker save` archives, in and out.
//
// An OCI image layout (image-spec image-layout.md) is a directory:
//
//   oci-layout                     {"imageLayoutVersion":"1.0.0"}
//   index.json                     manifests[]: descriptors, annotated with
//                                  org.opencontainers.image.ref.name ("latest")
//   blobs/sha256/<hex>             content-addressed: the file's sha256 is its name
//      manifest  -> config descriptor + layer descriptors (digest of the blob AS STORED)
//      config    -> runtime config, history[], rootfs.diff_ids (sha256 of the UNCOMPRESSED tars)
//      layers    -> tar or tar+gzip changesets
//
// The image ID is the sha256 of the config bytes, so import keeps those bytes
// exactly (re-serializing would change the ID). `docker save` archives come in
// two forms, both read here: the classic one (manifest.json, <id>.json,
// <v1id>/layer.tar, possibly symlinked to an earlier copy) and Docker 25+'s,
// which is an OCI layout with a manifest.json beside it.
//
// Everything here works on bytes in memory: the CLI (or the browser) reads the
// files and hands over a path -> bytes map, or the bytes of a tar. Import
// verifies every blob against its descriptor (sha256 and size) and every
// layer's DiffID against rootfs.diff_ids, naming the blob on a mismatch.
//
//     Store s;
//     auto r = import_image_tar(bytes, s);             // docker save, or a tarred OCI layout
//     if (!r) print(r.error().describe());
//     r->image_id.str() == "sha256:..."                // what `docker images --no-trunc` shows
//     auto out = export_oci_layout(r->image, s);       // out->files: path -> bytes
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/gzip.h"
#include "core/image.h"
#include "core/tar.h"

namespace ll {

// Media types, as the specs spell them.
namespace media {
inline constexpr std::string_view oci_layout_version = "1.0.0";
inline constexpr std::string_view oci_index = "application/vnd.oci.image.index.v1+json";
inline constexpr std::string_view oci_manifest = "application/vnd.oci.image.manifest.v1+json";
inline constexpr std::string_view oci_config = "application/vnd.oci.image.config.v1+json";
inline constexpr std::string_view oci_layer = "application/vnd.oci.image.layer.v1.tar";
inline constexpr std::string_view oci_layer_gzip = "application/vnd.oci.image.layer.v1.tar+gzip";
inline constexpr std::string_view oci_layer_zstd = "application/vnd.oci.image.layer.v1.tar+zstd";
inline constexpr std::string_view docker_manifest_list = "application/vnd.docker.distribution.manifest.list.v2+json";
inline constexpr std::string_view docker_manifest = "application/vnd.docker.distribution.manifest.v2+json";
inline constexpr std::string_view docker_config = "application/vnd.docker.container.image.v1+json";
inline constexpr std::string_view docker_layer_gzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
inline constexpr std::string_view docker_foreign_layer_gzip =
    "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
inline constexpr std::string_view ref_name_annotation = "org.opencontainers.image.ref.name";
}  // namespace media

// ---------------------------------------------------------------- config JSON

// The whole image config document (image-spec config.md), with Docker's
// extensions in `config` (Healthcheck, Shell, OnBuild).
struct OciConfig {
    std::string created;  // RFC 3339, "" = absent
    std::string author;
    ImageConfig config;  // config.* plus os and architecture
    std::vector<HistoryEntry> history;
    std::vector<Digest> diff_ids;  // rootfs.diff_ids (rootfs.type is "layers")
    bool operator==(const OciConfig&) const = default;
};

// Parses an image config. Unknown fields are ignored, wrong types are
// Errc::bad_json errors naming the field ("config.Env[2] is not a string").
Result<OciConfig> parse_image_config(std::string_view json, std::string_view what = "config");
// Deterministic serialization, compact like Go's json.Marshal: top-level keys
// in BuildKit's order (sorted), the "config" object in the order of the OCI
// and Docker Go structs (User, ExposedPorts, Env, Entrypoint, Cmd, Volumes,
// WorkingDir, Labels, StopSignal, Healthcheck, OnBuild, Shell), empty fields
// omitted, and <, >, & escaped as \u003c \u003e \u0026 as Go does. Same
// value -> same bytes -> same image ID.
std::string serialize_image_config(const OciConfig& c);

// For each layer, the index of the history entry that made it (the n-th entry
// without empty_layer makes layer n), or -1 when the history is short.
std::vector<int32_t> layer_history(const std::vector<HistoryEntry>& history, size_t layer_count);

// ---------------------------------------------------------------- file maps

using FileMap = std::map<std::string, std::string>;                      // path -> bytes (owned)
using FileViews = std::map<std::string, std::string_view, std::less<>>;  // path -> bytes (borrowed)
FileViews views_of(const FileMap& files);

// The regular files of a plain tar (a `docker save` output, or an OCI layout
// made into a tar), by cleaned relative path, viewing into `tar` (no copies).
// Hard links and symlinks inside the archive resolve to their target's bytes;
// symlinks to nothing are listed in `dangling`. Same parser, limits and
// errors as read_layer_tar (implemented in tar_read.cpp).
struct ArchiveFiles {
    FileViews files;
    std::vector<std::string> dangling;
};
Result<ArchiveFiles> read_archive_files(std::string_view tar, std::string_view name = "archive.tar",
                                        const TarLimits& limits = {});

// ---------------------------------------------------------------- import

struct ImportOptions {
    std::string ref;           // a ref name / tag to pick ("" = the first manifest)
    std::string os = "linux";  // preferred platform in an image index
    std::string architecture = "amd64";
    std::string variant;            // "v8" in linux/arm64/v8; "" = any
    bool require_platform = false;  // --platform given: no fallback to another platform
    TarLimits tar;
    GzipLimits gzip;
};

struct ImportedLayer {
    std::string path;        // in the layout: "blobs/sha256/<hex>" or "<v1id>/layer.tar"
    std::string media_type;  // "" for classic docker save
    Digest digest;           // sha256 of the blob as stored
    uint64_t blob_size = 0;  // bytes as stored
    Compression compression = Compression::none;
    Digest diff_id;         // sha256 of the uncompressed tar (== rootfs.diff_ids[i])
    uint64_t tar_size = 0;  // bytes of the uncompressed tar
};

struct ImportedImage {
    Image image;  // layers pushed, config and history set
    OciConfig config;
    std::string config_json;  // the exact bytes: image_id == sha256(config_json)
    Digest image_id;
    Digest manifest_digest;  // zero for a classic docker save archive
    Digest target_digest;    // the index.json descriptor chosen (an index or a manifest: what
                             // containerd's image store calls the image's target); zero for a classic save
    std::string ref_name;    // the ref name / first RepoTag, "" if none
    std::string image_name;  // index.json's io.containerd.image.name ("docker.io/library/x:1"), "" if none
    std::string format;      // "oci-layout", "docker-save", "docker-save (OCI layout)", "skopeo dir"
    std::vector<ImportedLayer> layers;
};

// Files of an OCI layout, of a docker save archive or of skopeo's `dir:`
// layout (detected by index.json + oci-layout; manifest.json holding an
// array; a `version` file saying "Directory Transport Version" beside a
// manifest.json holding one manifest, with blobs named by their hex
// digest). `what` names the source in messages.
Result<ImportedImage> import_image_files(const FileViews& files, Store& store, const ImportOptions& opts = {},
                                         std::string_view what = "image");
// The bytes of a tar (optionally gzip-compressed) of either form.
Result<ImportedImage> import_image_tar(std::string_view tar, Store& store, const ImportOptions& opts = {},
                                       std::string_view what = "image.tar");

// ---------------------------------------------------------------- listings

// Text listings in exactly the format of tests/oracle/normalize.py, so an
// imported image can be compared line by line with what the real tools saw:
//
//   /etc              dir       0755  0:0
//   /etc/motd         file      0644  0:0  6  sha256:5891b5b522d5df08
//   /etc/motd.hard    hardlink  0644  0:0  => /etc/motd           (layers only)
//   /bin/sh           symlink   0777  0:0  -> busybox
//   /dev/null         char      0666  0:0  1:3
//   /data             opaque                                      (layers only)
//   /etc/group        whiteout                                    (layers only)
//
// layer_listing: one layer's entries (layers/NN.txt), sorted by path, xattrs
// as "xattr:NAME=VALUE". merged_listing: the union view (merged.txt, what
// `umoci unpack` puts on disk), with "nlink=N" and "same-inode-as=PATH" for
// hard links and xattr names only. Both end every line with '\n'.
std::string layer_listing(const Layer& layer, const Store& store);
std::string merged_listing(const Image& image, const Store& store);

// ---------------------------------------------------------------- export

struct ExportOptions {
    std::string ref_name = "latest";  // org.opencontainers.image.ref.name of the manifest
    std::string created;              // config "created", "" = omitted (reproducible)
    std::string author;
    int gzip_level = 6;
};

struct ExportedImage {
    FileMap files;    // oci-layout, index.json, blobs/sha256/<hex>...
    Digest image_id;  // sha256 of the config blob
    Digest manifest_digest;
    std::vector<Digest> diff_ids;       // of the tars written (write_layer_tar)
    std::vector<Digest> layer_digests;  // of the blobs (an imported layer's own, else gzip)
    std::vector<uint64_t> layer_sizes;  // blob sizes
};

// An OCI image layout with one manifest. An imported layer is written as the
// blob it came in (same bytes, digest, media type and DiffID: what `docker
// commit` and `docker save` do with an image's layers); every other layer as
// tar+gzip made by write_layer_tar. Output depends only on the image and the
// options, so two exports are byte-identical, and an imported image exported
// again keeps its DiffIDs and ChainIDs (its image ID changes only when its
// config does).
ExportedImage export_oci_layout(const Image& image, const Store& store, const ExportOptions& opts = {});

}  // namespace ll
