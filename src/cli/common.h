// common.h: file and image helpers shared by the CLI subcommands.
//
// The core works on bytes; these functions are the CLI's side of that
// contract: reading files and directories into memory, loading OCI layouts
// (or image tars) given on the command line, the package catalogs of the
// assets directory, and writing an exported OCI layout back to disk.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/build/catalogs.h"
#include "core/oci.h"
#include "core/shell/shell.h"

#ifndef LAYERLAB_ASSETS_DIR
#define LAYERLAB_ASSETS_DIR ""
#endif

namespace ll::cli {

// The whole file; false if it cannot be opened or read.
bool read_file(const std::filesystem::path& p, std::string& out);

// Every regular file under `root`, keyed by its path relative to `root`
// ("blobs/sha256/<hex>"). Returns why it failed, or nullopt.
std::optional<std::string> read_tree(const std::filesystem::path& root, FileMap& files);

// An image on disk: an OCI image layout directory, or a tar (optionally
// gzip-compressed) of an OCI layout or of a `docker save` archive; "-" reads
// such a tar from stdin (`docker save x | layerlab inspect -`); "dir:PATH"
// (or a directory holding skopeo's `version` file) is skopeo's dir: layout.
Result<ImportedImage> load_image(const std::string& arg, Store& store, const ImportOptions& opts = {});

// `--platform os/arch[/variant]` into `opts` (require_platform set); false
// when the value is not of that form.
bool parse_platform(std::string_view v, ImportOptions& opts);

// Writes every file of `files` under `dir` (created if missing).
std::optional<std::string> write_tree(const std::filesystem::path& dir, const FileMap& files);

// `--image NAME=OCI_DIR`: splits the value; nullopt when it is not NAME=DIR.
std::optional<std::pair<std::string, std::string>> parse_image_flag(std::string_view v);

// The catalogs of `assets_dir` (LAYERLAB_ASSETS_DIR or --assets): every
// catalog/*.txt file, handed to the core's CatalogSet (package data for the
// shell's package managers, the built-in base images for FROM).
struct Assets {
    explicit Assets(Store& store) : set(store) {}
    std::filesystem::path catalog_dir;  // assets_dir/catalog
    bool available = false;             // the catalog directory exists
    build::CatalogSet set;
    std::vector<std::string> warnings;  // catalogs that could not be read or parsed
    // Reads the catalogs. The package catalogs are parsed when first needed
    // (CatalogSet's lazy mode: they are big, and only a package manager or a
    // Debian-based image needs them), so a broken one is found then:
    // late_warnings() after the work says so.
    void load(const std::string& assets_dir);
    // Catalog errors found since load() (or the last call).
    std::vector<std::string> late_warnings();

private:
    size_t m_reported = 0;  // set.errors() already in `warnings` or returned
};

}  // namespace ll::cli
