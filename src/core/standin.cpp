// standin.cpp: download and artifact placeholders (standin.h).
#include "core/standin.h"

#include <cstdio>
#include <cstring>

#include "core/container.h"
#include "core/gzip.h"
#include "core/sha256.h"
#include "core/shell/interp.h"

namespace ll::standin {

namespace {

constexpr std::string_view k_marker = "layerlab stand-in";
constexpr std::string_view k_tar_owner = k_archive_owner;  // uname/gname of a placeholder archive's entries

std::string url_path(std::string_view url) {
    size_t scheme = url.find("://");
    std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
    size_t slash = rest.find('/');
    std::string_view path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    path = path.substr(0, path.find_first_of("?#"));
    return std::string(path);
}

void octal(char* field, size_t width, uint64_t v) {
    std::snprintf(field, width, "%0*llo", int(width - 1), static_cast<unsigned long long>(v));
}

// One ustar header (name < 100 bytes), owned by "layerlab-stand-in".
std::string tar_header(const std::string& name, char type, uint32_t mode, uint64_t size) {
    char h[512] = {};
    std::memcpy(h, name.data(), std::min<size_t>(name.size(), 99));
    octal(h + 100, 8, mode);
    octal(h + 108, 8, 0);
    octal(h + 116, 8, 0);
    octal(h + 124, 12, size);
    octal(h + 136, 12, 0);
    h[156] = type;
    std::memcpy(h + 257, "ustar\0" "00", 8);
    std::memcpy(h + 265, k_tar_owner.data(), k_tar_owner.size());
    std::memcpy(h + 297, k_tar_owner.data(), k_tar_owner.size());
    std::memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (char c : h) sum += static_cast<unsigned char>(c);
    std::snprintf(h + 148, 8, "%06o", sum);
    return std::string(h, 512);
}

std::string label_text(std::string_view url) {
    return std::string(k_marker) + " for " + std::string(url) +
           "\nlayerlab has no network: this placeholder stands where a real build downloads that file.\n"
           "Its real contents and size are not known to layerlab.\n";
}

}  // namespace

std::string url_file_name(std::string_view url) {
    std::string p = url_path(url);
    while (!p.empty() && p.back() == '/') p.pop_back();
    size_t slash = p.rfind('/');
    std::string name = slash == std::string::npos ? p : p.substr(slash + 1);
    return name.empty() ? "index.html" : name;
}

std::string url_host(std::string_view url) {
    size_t scheme = url.find("://");
    std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (size_t at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
    return std::string(rest.substr(0, rest.find(':')));
}

namespace {
const char* const k_archive_suffixes[] = {".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2",
                                          ".tbz",    ".tar", ".zip",    ".tar.zst"};
}

bool is_archive_name(std::string_view name) {
    for (std::string_view s : k_archive_suffixes)
        if (name.size() > s.size() && name.substr(name.size() - s.size()) == s) return true;
    return false;
}

std::string archive_stem(std::string_view name) {
    for (std::string_view s : k_archive_suffixes)
        if (name.size() > s.size() && name.substr(name.size() - s.size()) == s)
            return std::string(name.substr(0, name.size() - s.size()));
    return std::string(name);
}

Placeholder download(std::string_view url) {
    Placeholder p;
    const std::string name = url_file_name(url);
    const std::string text = label_text(url);
    if (is_archive_name(name)) {
        std::string stem = archive_stem(name);
        // the top directory the real archive holds, where it is not the
        // archive's name: Go's binary distributions (go1.22.5.linux-amd64.tar.gz) unpack to go/
        if (stem.size() > 3 && stem.rfind("go", 0) == 0 && std::isdigit(static_cast<unsigned char>(stem[2])) &&
            stem.find(".linux-") != std::string::npos)
            stem = "go";
        // web applications' release archives unpack to the bare name
        // (wordpress-6.5.tar.gz: wordpress/, nextcloud-29.0.0.tar.bz2: nextcloud/)
        for (std::string_view app : {"wordpress", "nextcloud", "owncloud", "matomo", "moodle"})
            if (stem.size() > app.size() + 1 && stem.compare(0, app.size(), app) == 0 && stem[app.size()] == '-' &&
                (std::isdigit(static_cast<unsigned char>(stem[app.size() + 1])) || stem.substr(app.size() + 1) == "latest"))
                stem = std::string(app);
        std::string tar = tar_header(stem + "/", '5', 0755, 0);
        tar += tar_header(stem + "/LAYERLAB-STAND-IN.txt", '0', 0644, text.size());
        tar += text + std::string((512 - text.size() % 512) % 512, '\0');
        tar += std::string(1024, '\0');
        p.kind = DownloadKind::archive;
        p.bytes = gzip(tar);
        p.what = "a " + std::to_string(p.bytes.size()) + "-byte archive placeholder (a gzip'd tar of " + stem +
                 "/LAYERLAB-STAND-IN.txt, which tar -x unpacks)";
        return p;
    }
    p.bytes = "#!/bin/sh\n# " + text.substr(0, text.find('\n')) + "\n# " +
              text.substr(text.find('\n') + 1, text.find('\n', text.find('\n') + 1) - text.find('\n') - 1) +
              "\necho '" + std::string(k_marker) + " for " + name + ": a placeholder, not the real file' >&2\n";
    p.what = "a " + std::to_string(p.bytes.size()) + "-byte text placeholder";
    return p;
}

BlobId artifact(BlobStore& blobs, std::string_view tool, std::string_view path, uint64_t size) {
    std::string head = std::string(k_marker) + ": " + std::string(tool) + " would write " + std::string(path) +
                       " here; layerlab runs no compiler, so this placeholder has a plausible size, not the real "
                       "bytes\n";
    if (size <= head.size()) return blobs.bytes(head);
    const std::string d = sha256(std::string(tool) + "\n" + std::string(path)).hex();
    uint64_t seed = std::stoull(d.substr(0, 15), nullptr, 16);
    return blobs.concat(blobs.bytes(head), blobs.random(size - head.size(), seed));
}

std::string stand_in_tree_of(const Container& c, std::string_view missing_path) {
    // the nearest directory above that holds a tree's label, at any depth
    // (include/node/openssl/archs under a node tarball unpacked into
    // /usr/local), through directories that exist (/usr/local/include) and
    // those that do not
    std::string dir = shell::normalize_path(missing_path);
    for (int up = 0; up < 64 && dir != "/"; ++up) {
        dir = shell::dirname_of(dir);
        Result<Stat> s = c.stat(dir);
        if (!s) continue;
        if (s->type != EntryType::dir) return {};
        const std::string label = (dir == "/" ? "" : dir) + "/" + std::string(k_tree_label);
        Result<Stat> l = c.stat(label);
        if (!l || l->type != EntryType::file) continue;
        char buf[32];
        size_t n = c.store().blobs.read(l->blob, 0, sizeof buf, buf);
        if (std::string_view(buf, n).substr(0, k_marker.size()) == k_marker) return dir;
    }
    return {};
}

std::string tree_member_note(std::string_view tool, std::string_view path, std::string_view tree, std::string_view what) {
    return "stand-in: " + std::string(tool) + ": " + std::string(path) + " is not in " + std::string(tree) +
           ", a stand-in for a download layerlab cannot make (an archive placeholder) whose real files may include "
           "it, so there was nothing to " + std::string(what);
}

bool stood_in_member(shell::Ctx& ctx, std::string_view tool, const std::string& abs, Errc code, std::string_view what) {
    if (code != Errc::enoent) return false;
    const std::string tree = stand_in_tree_of(ctx.c, abs);
    if (tree.empty()) return false;
    ctx.sh.note(tree_member_note(tool, abs, tree, what));
    return true;
}

std::string archive_member_text(std::string_view member) {
    return std::string(k_marker) + " for " + std::string(member) +
           ", a member of a downloaded archive: layerlab has no network, so its real contents are not known\n";
}

bool is_placeholder(const BlobStore& blobs, BlobId b) {
    char buf[2048];
    size_t n = blobs.read(b, 0, sizeof buf, buf);
    std::string_view v(buf, n);
    if (v.find(k_marker) != std::string_view::npos && v.find(k_marker) < 64) return true;
    if (detect_compression(v) != Compression::gzip) return false;
    Result<std::string> head = gunzip_prefix(v, 512);
    return head && head->size() >= 512 && head->substr(265, k_tar_owner.size()) == k_tar_owner;
}

std::string download_note(std::string_view tool, std::string_view url, std::string_view target,
                          const Placeholder& p) {
    return "stand-in: " + std::string(tool) + " " + std::string(url) + " -> " + std::string(target) +
           ": layerlab has no network, so " + p.what + " stands where a real build downloads this file";
}

}  // namespace ll::standin
