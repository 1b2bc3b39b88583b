// standin.h: what layerlab puts where the truth cannot be known: a download
// (layerlab has no network) or a build tool's output (layerlab runs no
// compiler). One rule for every downloader (curl, wget, ADD <url>, git
// clone, pip/npm from a URL) and every toolchain stand-in:
//
//   a download of ".../node-v20.11.1-linux-x64.tar.xz"   an archive placeholder: a gzip'd tar holding
//                                                       node-v20.11.1-linux-x64/LAYERLAB-STAND-IN.txt,
//                                                       which `tar -x` (with -z, -J or -j) unpacks
//   any other download (".../gosu-amd64", "install.sh")  a text placeholder: a shell script that only
//                                                       says what it stands for, on stderr
//   go build -o app, mvn package, cargo build, ...       an artifact placeholder of a plausible size
//                                                       at the path the real tool writes
//
// Every placeholder says "layerlab stand-in" in its bytes, so the tools that
// would check it (sha256sum -c, gpg --verify) can tell and say they were
// stood in, and the step's note says "stand-in" (the realworld test's
// contract: tests/realworld/README.md).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/blob.h"

namespace ll {
class Container;
enum class Errc : uint8_t;
namespace shell {
struct Ctx;
}
}  // namespace ll

namespace ll::standin {

enum class DownloadKind : uint8_t { file, archive };

// The file name a download gets by default (curl -O, wget): the URL path's
// last component, without query or fragment ("index.html" if it is empty).
std::string url_file_name(std::string_view url);
// The host of a URL ("" if none).
std::string url_host(std::string_view url);

// An archive by its name: .tar.gz .tgz .tar.xz .txz .tar.bz2 .tbz2 .tar .zip.
bool is_archive_name(std::string_view name);
// "node-v20.11.1-linux-x64.tar.xz" -> "node-v20.11.1-linux-x64"
std::string archive_stem(std::string_view name);

struct Placeholder {
    DownloadKind kind = DownloadKind::file;
    std::string bytes;
    std::string what;  // "a 312-byte text placeholder", "an archive placeholder (...)"
};
// The placeholder for a download of `url` (deterministic).
Placeholder download(std::string_view url);

// A placeholder artifact of `size` bytes for a build tool's output ("go
// build -o /app/server"): a labelled header, then synthetic filler (no
// memory for the filler: BlobStore::random).
BlobId artifact(BlobStore& blobs, std::string_view tool, std::string_view path, uint64_t size);

// The owner (uname/gname) of an archive placeholder's entries.
inline constexpr std::string_view k_archive_owner = "layerlab-stand-in";
// The bytes of a member a command names that an archive placeholder does not
// hold (`tar -xzf caddy.tar.gz caddy`): a labelled one-line text.
std::string archive_member_text(std::string_view member);

// Is this file one of the placeholders above (text, archive or artifact)?
bool is_placeholder(const BlobStore& blobs, BlobId b);

// A stand-in tree: a directory an archive placeholder was unpacked into
// (it holds the placeholder's LAYERLAB-STAND-IN.txt). The real archive's
// files are not there, so a command that needs one of them (./configure in
// a source tree, $JAVA_HOME/bin/java) runs as a labelled stand-in instead of
// failing. For a path that does not exist: the nearest directory above it
// (at any depth, through existing and missing ones) that is a stand-in tree; else "".
std::string stand_in_tree_of(const Container& c, std::string_view missing_path);
inline constexpr std::string_view k_tree_label = "LAYERLAB-STAND-IN.txt";
// The note for a file command (find, rm) given a path a stand-in tree lacks:
// "stand-in: find: /usr/local/include/node is not in /usr/local, ... so
// there was nothing to WHAT".
std::string tree_member_note(std::string_view tool, std::string_view path, std::string_view tree, std::string_view what);
// For a file command that failed with `code` on `abs`: when that is ENOENT
// inside a stand-in tree, notes tree_member_note on the step and returns
// true (the caller goes on as if the member were there); else false.
bool stood_in_member(shell::Ctx& ctx, std::string_view tool, const std::string& abs, Errc code, std::string_view what);

// ---- source builds over a stand-in tree (standin_source.cpp)
//
// `./configure && make && make install` over a source archive layerlab
// stood in for: ./configure (missing from the tree) runs as a stand-in and
// writes a labelled Makefile that records its --prefix; `make` writes the
// program the project builds in the tree, `make install` labelled
// placeholders where the project's install puts its files (sizes
// approximate); a project layerlab does not know installs nothing. Every
// step says so.
struct SourceProject {
    std::string name;     // "python", "memcached", "haproxy", "openssl" (lowercase, no version)
    std::string version;  // "3.12.13"
    std::string archive;  // "Python-3.12.13.tar.xz"
    std::vector<std::string> configure_args;  // what the configure stand-in was given (its Makefile's record)
};
// The project of a stand-in tree, from its label's URL.
SourceProject source_project(const Container& c, std::string_view tree);
struct SourceOutput {
    std::string path;  // relative to the tree (build) or absolute (install)
    uint64_t size = 0;
    std::string link;  // a symlink's target ("" for a file)
    uint32_t mode = 0755;
};
// What `make TARGET` writes: build targets ("", all, the program) in the
// tree; install targets (install, altinstall, install-bin, install_sw,
// install_ssldirs, install_fips) under `prefix` (and `openssldir`).
std::vector<SourceOutput> make_outputs(const SourceProject& p, std::string_view target, const std::string& prefix,
                                       const std::string& openssldir);

// The note a step gets: "stand-in: curl https://x/y -> /tmp/y: layerlab has no network; ..."
std::string download_note(std::string_view tool, std::string_view url, std::string_view target,
                          const Placeholder& p);

}  // namespace ll::standin
