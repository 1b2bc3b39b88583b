// common.cpp: see common.h.
#include "cli/common.h"

#include "core/image_stream.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>

namespace fs = std::filesystem;

namespace ll::cli {

bool read_file(const fs::path& p, std::string& out) {
    // one read into a string of the file's size (the catalogs are 14 MB, read
    // by every command: a stringstream copy cost ~0.2 s per run)
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) {
        std::ifstream in(p, std::ios::binary | std::ios::ate);
        if (!in) return false;
        std::streamoff size = in.tellg();
        if (size >= 0) {
            in.seekg(0);
            out.resize(size_t(size));
            in.read(out.data(), size);
            return in.gcount() == size;
        }
    }
    std::ifstream in(p, std::ios::binary);  // a pipe (-f <(...)), /dev/stdin: read to its end
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return false;
    out = ss.str();
    return true;
}

std::optional<std::string> read_tree(const fs::path& root, FileMap& files) {
    std::error_code ec;
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file()) continue;
        std::string bytes;
        if (!read_file(it->path(), bytes)) return "cannot read " + it->path().string();
        files[it->path().lexically_relative(root).generic_string()] = std::move(bytes);
    }
    if (ec) return "cannot read " + root.string() + ": " + ec.message();
    return std::nullopt;
}

namespace {

// Feeds an archive to the streaming import a piece at a time (image_stream.h):
// neither the file nor its uncompressed layers are held whole.
Result<ImportedImage> import_stream(std::istream& in, Store& store, const ImportOptions& opts, const std::string& what) {
    ImageImport im(store, opts, what);
    std::string buf(size_t(1) << 20, '\0');
    while (in) {
        in.read(buf.data(), std::streamsize(buf.size()));
        size_t n = size_t(in.gcount());
        if (n == 0) break;
        if (Status st = im.feed(std::string_view(buf.data(), n)); !st) return st.error();
    }
    if (in.bad()) return make_error(Errc::unsupported, "cannot read the file", {what});
    if (what == "-" && im.progress().bytes_in == 0)
        return make_error(Errc::bad_tar, "nothing on stdin: expected an image tar", {"-"});
    return im.finish();
}

}  // namespace

Result<ImportedImage> load_image(const std::string& arg, Store& store, const ImportOptions& opts) {
    if (arg == "-") return import_stream(std::cin, store, opts, "-");
    fs::path path = arg.rfind("dir:", 0) == 0 ? fs::path(arg.substr(4)) : fs::path(arg);
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        FileMap files;
        if (auto e = read_tree(path, files)) return make_error(Errc::unsupported, *e, {path.string()});
        return import_image_files(views_of(files), store, opts, path.string());
    }
    if (!fs::exists(path, ec)) return make_error(Errc::enoent, "no such file or directory", {path.string()});
    if (arg.rfind("dir:", 0) == 0)
        return make_error(Errc::unsupported, "dir: names a directory (skopeo's dir: layout)", {path.string()});
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(Errc::unsupported, "cannot read the file", {path.string()});
    return import_stream(in, store, opts, path.string());
}

bool parse_platform(std::string_view v, ImportOptions& opts) {
    std::vector<std::string> parts;
    size_t start = 0;
    for (size_t slash; (slash = v.find('/', start)) != std::string_view::npos; start = slash + 1)
        parts.emplace_back(v.substr(start, slash - start));
    parts.emplace_back(v.substr(start));
    if (parts.size() < 2 || parts.size() > 3) return false;
    for (const std::string& p : parts)
        if (p.empty()) return false;
    opts.os = parts[0];
    opts.architecture = parts[1];
    opts.variant = parts.size() == 3 ? parts[2] : "";
    opts.require_platform = true;
    return true;
}

std::optional<std::string> write_tree(const fs::path& dir, const FileMap& files) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return "cannot create " + dir.string() + ": " + ec.message();
    for (const auto& [path, bytes] : files) {
        fs::path p = dir / path;
        fs::create_directories(p.parent_path(), ec);
        std::ofstream o(p, std::ios::binary | std::ios::trunc);
        o.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!o) return "cannot write " + p.string();
    }
    return std::nullopt;
}

std::optional<std::pair<std::string, std::string>> parse_image_flag(std::string_view v) {
    size_t eq = v.find('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 == v.size()) return std::nullopt;
    return std::make_pair(std::string(v.substr(0, eq)), std::string(v.substr(eq + 1)));
}

void Assets::load(const std::string& assets_dir) {
    catalog_dir = fs::path(assets_dir) / "catalog";
    std::error_code ec;
    available = !assets_dir.empty() && fs::is_directory(catalog_dir, ec);
    if (available) {
        std::vector<fs::path> files;
        for (const fs::directory_entry& e : fs::directory_iterator(catalog_dir, ec))
            if (e.path().extension() == ".txt") files.push_back(e.path());
        std::sort(files.begin(), files.end());
        for (const fs::path& p : files) {
            std::string bytes;
            if (read_file(p, bytes))
                set.add(p.filename().string(), std::move(bytes));
            else
                warnings.push_back("cannot read " + p.string());
        }
    }
    set.finish(build::CatalogSet::Parse::lazy);
    for (const Error& e : set.errors()) warnings.push_back(e.describe());
    m_reported = set.errors().size();
}

std::vector<std::string> Assets::late_warnings() {
    std::vector<std::string> out;
    for (size_t i = m_reported; i < set.errors().size(); ++i) out.push_back(set.errors()[i].describe());
    m_reported = set.errors().size();
    return out;
}

}  // namespace ll::cli
