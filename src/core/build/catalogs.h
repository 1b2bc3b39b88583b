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
// finish(Parse::lazy) (the CLI) parses a package catalog only when a package
// manager or a base image that installs packages first needs it: a build from
// busybox never reads the 10 MB apt index. finish() (the page) parses them
// all at once, so a broken file is reported when the page starts.
//
// A package catalog that fails to parse is left out (its package manager
// then says it has no data) and its error is in errors() (in lazy mode, from
// the moment it was needed); a base image whose
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
    enum class Parse : uint8_t { eager, lazy };
    // Parses what was added since the last finish(): the package catalogs
    // (now, or in lazy mode each on first use), then registers the base
    // images with new images(). Images added to images() before are dropped.
    void finish(Parse mode = Parse::eager);
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
    const Catalog* apt() const { return m_shell.apt.get(); }
    BuiltinImages& images() { return *m_images; }
    const BuiltinImages& images() const { return *m_images; }
    // Catalogs that failed to parse, each naming its file and line.
    const std::vector<Error>& errors() const { return m_errors; }
    // Lazy mode: is this package catalog still waiting to be needed?
    bool deferred(const std::string& file_name) const { return m_deferred.count(file_name) > 0; }

    // Is this file name a base image's catalog (image-*.txt)?
    static bool is_image_catalog(std::string_view file_name);

private:
    void parse_package_catalog(const std::string& name, const std::string& text, const Catalog*& index);
    void parse_package_texts();
    void register_image_texts();
    void defer_package_catalogs();
    const Catalog* parse_deferred(const std::string& name);
    void add_manifest_stubs(std::string_view manifest);

    Store* m_store;
    std::map<std::string, std::string> m_texts;        // added, not yet parsed
    std::map<std::string, std::string> m_deferred;     // lazy mode: package catalogs not yet needed
    std::map<std::string, const Catalog*> m_parsed;    // lazy mode: the ones parsed (nullptr: failed)
    std::string m_index_name;                          // lazy mode: the apt index, attached when apt is parsed
    std::vector<std::unique_ptr<Catalog>> m_catalogs;  // stable addresses (m_shell, m_images keep pointers)
    shell::Catalogs m_shell;
    Catalog* m_apt_files = nullptr;  // the apt catalog with file lists (an index attaches to it)
    std::unique_ptr<BuiltinImages> m_images;
    std::vector<Error> m_errors;
};

}  // namespace ll::build
