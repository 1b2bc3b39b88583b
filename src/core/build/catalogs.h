// catalogs.h: one home for loading assets/catalog/*.txt, for the Lab (the
// texts the page fetched) and the CLI (the files it read; the core does no
// I/O). Package catalogs are parsed and told apart by the kind their header
// names (apt, apt state, apk, pip, npm); image-*.txt files become built-in
// base images, parsed when a FROM first names them.
//
//     build::CatalogSet set(store);
//     set.add("debian-bookworm.apt.txt", text);  // ... every file
//     set.finish();
//     shell_options.catalogs = &set.shell();
//     build::Builder b(store, df, ctx, opt, set.images(), &cache);
//
// A package catalog that fails to parse is left out (its package manager
// then says it has no data) and its error is in errors(); a base image whose
// catalog fails to parse is still known by name, and FROM says why it cannot
// be used (BuiltinImages::last_error).
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/build/bases.h"
#include "core/catalog/catalog.h"
#include "core/shell/shell.h"

namespace ll::build {

class CatalogSet {
public:
    explicit CatalogSet(Store& store);
    CatalogSet(const CatalogSet&) = delete;  // shell() and images() point into it
    CatalogSet& operator=(const CatalogSet&) = delete;

    // One catalog file's text under its file name ("image-busybox.txt").
    void add(std::string file_name, std::string text);
    // Parses what was added since the last finish(): the package catalogs
    // (skipped when !packages: a caller that runs no package manager saves
    // the time), then registers the base images with new images(). Images
    // added to images() before are dropped.
    void finish(bool packages = true);
    // Parses what was added since finish() without starting over (the page
    // fetches a base's catalog when a FROM first names it, and the full apt
    // index after the first frame): package catalogs join the set (an apt
    // index completes the apt catalog), image catalogs fill in their stubs.
    // images() keeps every image it had.
    void finish_more();

    // The manifest of base catalogs, bases.txt (scripts/catalog/base_index.py):
    // one line per image-*.txt, "FILE NAME [TAG...]". finish() registers
    // every listed base whose file was not added as a stub (BuiltinImages::
    // add_catalog_stub), so that a FROM naming it reports the file it needs.
    static constexpr std::string_view k_manifest = "bases.txt";

    const shell::Catalogs& shell() const { return m_shell; }
    const Catalog* apt() const { return m_shell.apt; }
    BuiltinImages& images() { return *m_images; }
    const BuiltinImages& images() const { return *m_images; }
    // Catalogs that failed to parse, each naming its file and line.
    const std::vector<Error>& errors() const { return m_errors; }

    // Is this file name a base image's catalog (image-*.txt)?
    static bool is_image_catalog(std::string_view file_name);

private:
    void parse_package_catalog(const std::string& name, const std::string& text, const Catalog*& index);
    void add_manifest_stubs(std::string_view manifest);

    Store* m_store;
    std::map<std::string, std::string> m_texts;        // added, not yet parsed
    std::vector<std::unique_ptr<Catalog>> m_catalogs;  // stable addresses (m_shell, m_images keep pointers)
    shell::Catalogs m_shell;
    Catalog* m_apt_files = nullptr;  // the apt catalog with file lists (an index attaches to it)
    std::unique_ptr<BuiltinImages> m_images;
    std::vector<Error> m_errors;
};

}  // namespace ll::build
