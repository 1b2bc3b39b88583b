// catalog.h: real package data for the simulated package managers and the
// built-in base images.
//
// scripts/gen-catalog reads Debian bookworm's real .deb files and writes the
// text catalogs in assets/catalog/. This module parses them (no I/O: the
// caller hands in the text) and answers the questions the shell simulator and
// the build engine ask: which files does `apt-get install curl` add, in what
// order, with which dpkg bookkeeping; what is in debian:bookworm-slim.
//
//   assets/catalog/debian-bookworm.apt.txt ──parse_catalog──▶ Catalog (apt)
//   assets/catalog/image-*.txt ──load_base_image(text, apt, base)──▶ BaseImage
//   resolve_install(apt, {"curl"}, installed, with_recommends) ──▶ InstallPlan
//   dpkg_unpack(pkg, filter, merged_usr) ──▶ files + /var/lib/dpkg/info/*
//
// Format (one entry per line, UTF-8; full description in assets/catalog/README.md):
//
//   #layerlab-catalog 1 <apt|pip|npm|apk|image|state>   first line, always
//   # ...                       comment
//   @key value                  metadata: @generated @suite @source @note, and
//                               for images @name @created @base @merged-usr @env
//                               @cmd @entrypoint @workdir @user @expect
//   P name version arch installed-KiB download-bytes      starts a package
//   D a|b c  /  R ...  /  V ... Depends+Pre-Depends / Recommends (clauses with
//                               alternatives) / Provides
//   I [multiarch-same] status=N md5sums=N postinst=N ...  dpkg database sizes
//   A source-package version    what a pip/npm/apk entry is approximated from
//   N text                      note
//   H 0|1 created_by  / C comment      image history entry (1 = empty_layer);
//                               H 0 starts a new layer
//   K name                      image layer: dpkg installs apt package `name`
//   X patterns / Y patterns     image layer: debuerreotype-slimify with these
//                               excludes (X) and includes (Y, runs it)
//   <n><type><suffix>[\t<field>]...   a file entry, front-coded: the path is
//                               the first n bytes of the previous entry's path
//                               plus suffix (previous = in the same block; any
//                               other line starts a new block).
//     type f file 0644 | x file 0755 | d dir 0755 | l symlink | h hard link
//     fields: size (f, x) or target (l, h), then optional m<octal mode>,
//     o<uid>:<gid>, c<content with \n \t \\ \xHH escapes>
//
//   P bash 5.2.15-2+b13 amd64 7164 1490652
//   0d/bin
//   4x/bash	1265648          -> /bin/bash, 0755, 1265648 bytes
//   5lrbash	bash             -> /bin/rbash -> bash
//
// Invariants: a parsed Catalog never holds a file entry with an empty path,
// a path containing NUL, "." or ".." components; malformed input gives an
// Error naming the line (and column), never a crash. Sizes are real bytes
// from the .deb; contents are kept only for small text files (<= 4 KiB)
// under /etc and a few others, everything else is synthetic in the simulator.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/base.h"
#include "core/catalog/lazy_catalog.h"
#include "core/image.h"  // ImageConfig, HistoryEntry: a BaseImage carries the engine's own types

namespace ll {

struct CatalogFile {
    std::string path;  // absolute for apt/images; relative for pip/npm
    char type = 'f';   // 'f' file, 'd' directory, 'l' symlink, 'h' hard link
    uint32_t mode = 0644;
    uint32_t uid = 0, gid = 0;
    uint64_t size = 0;                   // regular files only
    std::string link;                    // symlink target (verbatim) or hard-link target path
    std::optional<std::string> content;  // real bytes, when kept
};

// apt_index: every package of the archive without file lists
// (debian-bookworm.index.txt); parsed lazily and attached to the apt catalog.
enum class CatalogKind : uint8_t { apt, pip, npm, apk, image, state, apt_index };
const char* catalog_kind_name(CatalogKind k);

// One clause of a Depends/Recommends field: any of the alternatives will do.
using DepClause = std::vector<std::string>;

struct Package {
    std::string name, version, arch;
    uint64_t installed_size_kib = 0;  // Installed-Size of the .deb
    uint64_t download_size = 0;       // size of the .deb (pip/npm: cache size)
    std::vector<DepClause> depends;   // Depends + Pre-Depends
    std::vector<DepClause> recommends;
    std::vector<std::string> provides;
    bool multiarch_same = false;                                 // dpkg names its info files name:arch
    uint64_t status_size = 0;                                    // bytes of its /var/lib/dpkg/status stanza
    std::vector<std::pair<std::string, uint64_t>> info_members;  // md5sums, postinst, ...
    std::vector<CatalogFile> files;                              // as in the .deb (before filters)
    std::string approximated_from;                               // "python3-flask 2.2.2-3" (pip/npm/apk)
    std::string section, priority;                               // apt index: "libs", "optional"
    // The file list is not real data: synthesized from the section, the name
    // and Installed-Size (catalog/synth.cpp) for an index-only package.
    bool synthesized_files = false;
    std::vector<std::string> notes;
    uint32_t line = 0;  // where its P line is
    // Sum of the sizes of its regular files.
    uint64_t file_bytes() const;
};

struct AptListsFile {
    std::string mode;  // "gzip-indexes" (stock image) or "plain"
    std::string name;  // file name under /var/lib/apt/lists
    uint64_t size = 0;
};

// The text of an apt_index catalog with where each package's lines are;
// a package is parsed on first use (63,000 packages, ~10 MB: parsing them
// all would cost seconds in the ASan build and tens of MB in wasm).
struct AptIndex {
    std::string text, file_name;
    std::map<std::string, std::pair<size_t, size_t>, std::less<>> blocks;  // name -> [begin, end) in text
    std::map<std::string, std::vector<std::string>, std::less<>> providers;  // virtual name -> packages
    std::string generated, source;
};

struct Catalog {
    CatalogKind kind = CatalogKind::apt;
    std::string suite, generated, source;
    std::vector<std::string> notes;
    std::map<std::string, Package> packages;  // with real file lists (apt), or all (other kinds)
    std::vector<AptListsFile> apt_lists;      // kind == state
    // apt: the archive-wide index (packages missing from `packages` come from
    // it, their file lists synthesized); kind == apt_index: its own data.
    std::shared_ptr<const AptIndex> index;
    // Finds a package by name: `packages` first, then the index (parsed and
    // kept on first use; the pointer stays valid while the catalog lives).
    const Package* find(std::string_view name) const;
    // The package itself or, for a virtual name, its first provider.
    const Package* find_or_provider(std::string_view name) const;
    // The packages that Provide a virtual name, sorted (both sources).
    std::vector<std::string> providers_of(std::string_view name) const;
    // Every package name (both sources), sorted.
    std::vector<std::string> names() const;
    // Makes an apt catalog answer for the packages of an apt_index catalog too.
    void attach_index(const Catalog& apt_index);
    // The same, with the index parsed the first time a name is not among
    // `packages` (build::CatalogSet's lazy mode: most builds never need it).
    // `load` returns the apt_index catalog, or nullptr when it cannot be read.
    void attach_index_later(std::function<const Catalog*()> load);
    // Is an archive-wide index attached (a deferred one is loaded to answer)?
    bool has_index() const { return attached_index() != nullptr; }

private:
    const AptIndex* attached_index() const;  // `index`, loading a deferred one first
    mutable std::function<const Catalog*()> m_index_load;
    mutable std::shared_ptr<const AptIndex> m_late_index;  // what m_index_load gave
    mutable std::map<std::string, Package, std::less<>> m_from_index;  // parsed on demand
    std::map<std::string, std::vector<std::string>, std::less<>> m_providers;  // of `packages`
    friend Result<Catalog> parse_catalog(std::string_view, std::string_view);
};

// A plausible file list for a package the data has no file list for, from
// its name, section and Installed-Size: /usr/share/doc/NAME/{copyright,
// changelog.Debian.gz}, then by kind: shared libraries (lib*), headers and
// static libraries (-dev), python3 modules, perl modules, node and ruby
// libraries, fonts, documentation, data, or programs in /usr/bin (/usr/sbin
// for admin). Regular files add up to about Installed-Size. Sets
// synthesized_files and a note, the md5sums size and the status stanza size.
void synthesize_files(Package& p);

// An Alpine name that alpine.apk.txt does not list, mapped to Debian by
// Alpine's naming rules (X-dev -> libX-dev or X-dev, py3-X -> python3-X,
// perl-X -> libX-perl) when that Debian package exists; nullopt otherwise
// (then apk says "no such package").
std::optional<Package> apk_by_rule(const Catalog& apt, std::string_view name);

// `pip install NAME==VERSION` of a version the data does not have: a copy of
// `p` under that version (its .dist-info renamed), with a stand-in note.
Package pinned_version(const Package& p, std::string_view version);

// Parse any catalog except images. `file_name` only labels errors.
Result<Catalog> parse_catalog(std::string_view text, std::string_view file_name = "catalog");
// The kind a catalog's first line names, without parsing the rest.
Result<CatalogKind> catalog_kind(std::string_view text, std::string_view file_name = "catalog");


// ---------------------------------------------------------------- dpkg model

// dpkg matches its filters with fnmatch(3) flags 0: core/glob.h's glob_match.

// dpkg's path-exclude / path-include filter (dpkg src/filters.c): the last
// matching rule wins; an excluded directory or symlink is kept when the
// literal prefix of an include pattern starts with its path, so that
// /usr/share/doc/bash stays for /usr/share/doc/*/copyright.
struct DpkgFilter {
    struct Rule {
        bool include = false;
        std::string pattern;
    };
    std::vector<Rule> rules;
    // Read the rules out of a dpkg.cfg.d file ("path-exclude /usr/share/doc/*").
    static DpkgFilter parse(std::string_view cfg_text);
    bool empty() const { return rules.empty(); }
    bool skips(std::string_view path, char type) const;
};

// Merged /usr (bookworm): /bin, /sbin, /lib, /lib64 are symlinks into /usr,
// so a package's /bin/bash is stored at /usr/bin/bash. Returns the path a
// package entry really lands on, or nullopt for the entries /bin etc.
// themselves (the symlink stays).
std::optional<std::string> merged_usr_path(std::string_view path);

// What `dpkg --unpack` + `--configure` leave for one package.
struct Unpacked {
    std::vector<CatalogFile> files;  // the package's entries, filtered, merged-/usr
    std::vector<CatalogFile> info;   // /var/lib/dpkg/info/NAME.{list,md5sums,postinst,...}
    uint64_t list_size = 0;          // bytes of NAME.list ("/.\n" + every unpacked path)
};
Unpacked dpkg_unpack(const Package& pkg, const DpkgFilter& filter, bool merged_usr);

// /var/lib/apt/extended_states bytes for these auto-installed packages.
uint64_t extended_states_size(const Catalog& apt, const std::set<std::string>& auto_installed);

// ---------------------------------------------------------------- apt

struct InstallPlan {
    std::vector<const Package*> order;                  // dependencies first, as apt unpacks
    std::vector<std::string> newly_installed;           // names, same order
    std::vector<std::string> auto_installed;            // pulled in, not requested
    std::vector<std::string> recommended;               // installed because of Recommends
    std::vector<std::string> not_installed_recommends;  // recommends skipped
};

// What `apt-get install [--no-install-recommends] NAMES` adds on top of
// `installed`. Unknown names fail like apt: "E: Unable to locate package foo".
// A clause is satisfied by any installed or planned alternative (or a
// provider); otherwise the first alternative present in the catalog is taken.
Result<InstallPlan> resolve_install(const Catalog& apt, const std::vector<std::string>& requested,
                                    const std::set<std::string>& installed, bool with_recommends);

// ---------------------------------------------------------------- base images

struct ImageLayer {
    std::string created_by;
    std::vector<CatalogFile> files;     // the layer's changeset, sorted by path
    std::vector<std::string> packages;  // installed with dpkg in this layer
};

struct BaseImage {
    std::string name;  // "debian:bookworm-slim"
    std::string base;  // image it starts from, "" if none
    bool merged_usr = false;
    ImageConfig config;                    // @env, @cmd, @entrypoint (JSON arrays), @workdir, @user
    std::vector<ImageLayer> layers;        // base's layers first
    std::vector<HistoryEntry> history;     // base's history first
    std::vector<std::string> notes;        // what is approximated
    std::string approx;                    // @approx: the one-line label the FROM step and base slab show ("" = real)
    std::set<std::string> dpkg_installed;  // registered in /var/lib/dpkg/status
    struct Expect {
        uint32_t layer = 0;
        uint64_t entries = 0, bytes = 0;
    };
    std::vector<Expect> expected;  // the generator's totals (own layers)
    uint64_t total_bytes() const;  // regular-file bytes, all layers, shadowed ones counted
};

// Build an image from its catalog text. K lines take their files from `apt`;
// an image with "@base NAME" needs that image passed as `base`.
Result<BaseImage> load_base_image(std::string_view text, const Catalog& apt, const BaseImage* base = nullptr,
                                  std::string_view file_name = "image");

}  // namespace ll
