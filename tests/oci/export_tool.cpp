// oci_export_tool: writes OCI layouts made by export_oci_layout() to disk so
// that the real tools can judge them (tests/oci/check_export.sh runs
// `umoci unpack` and `skopeo inspect` on the result).
//
//   oci_export_tool --sample OUT_DIR REF
//       an in-memory image with every entry type (dirs, files, hard links,
//       symlinks, fifo, char device, xattrs, long names, a whiteout, an opaque
//       directory) in two layers
//   oci_export_tool IMAGE OUT_DIR REF [EXTRA_BLOBS_LAYOUT]
//       imports IMAGE (an OCI layout dir, a tar of one, or a docker save tar;
//       blobs missing from it are taken from EXTRA_BLOBS_LAYOUT) and exports it
//       again (its layer tars are rewritten by write_layer_tar)
//
// Beside OUT_DIR it writes our own listings in normalize.py's format, to be
// compared with what normalize.py says about umoci's unpack of OUT_DIR:
//   OUT_DIR.expected/merged.txt, OUT_DIR.expected/layers/NN.txt
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/oci.h"

namespace fs = std::filesystem;
using namespace ll;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

FileMap load_dir(const fs::path& dir) {
    FileMap files;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) files[fs::relative(e.path(), dir).generic_string()] = slurp(e.path());
    return files;
}

void write_file(const fs::path& p, const std::string& bytes) {
    fs::create_directories(p.parent_path());
    std::ofstream f(p, std::ios::binary);
    f.write(bytes.data(), std::streamsize(bytes.size()));
}

int write_out(const Image& img, const Store& s, const ExportedImage& e, const fs::path& out) {
    fs::remove_all(out);
    fs::path expected = out.string() + ".expected";
    fs::remove_all(expected);
    write_file(expected / "merged.txt", merged_listing(img, s));
    for (size_t i = 0; i < img.layer_count(); ++i) {
        std::string nn = (i < 10 ? "0" : "") + std::to_string(i) + ".txt";
        write_file(expected / "layers" / nn, layer_listing(*img.layers()[i], s));
    }
    for (const auto& [rel, bytes] : e.files) {
        fs::path p = out / rel;
        fs::create_directories(p.parent_path());
        std::ofstream f(p, std::ios::binary);
        f.write(bytes.data(), std::streamsize(bytes.size()));
        if (!f) {
            std::cerr << "cannot write " << p << '\n';
            return 1;
        }
    }
    std::cout << "image " << e.image_id.str() << " manifest " << e.manifest_digest.str() << '\n';
    return 0;
}

Entry entry(Store& s, std::string_view path, EntryType t, uint32_t mode) {
    Entry e;
    e.path = s.paths.intern(path);
    e.type = t;
    e.mode = mode;
    e.mtime = 1700000000;
    return e;
}

Image sample(Store& s) {
    LayerBuilder b0(s.paths);
    b0.put(entry(s, "/etc", EntryType::dir, 0755));
    Entry motd = entry(s, "/etc/motd", EntryType::file, 0644);
    motd.blob = s.blobs.bytes("hello from layerlab\n");
    motd.link_group = 1;
    b0.put(motd);
    Entry hard = motd;
    hard.path = s.paths.intern("/etc/motd.hard");
    b0.put(hard);
    b0.put(entry(s, "/bin", EntryType::dir, 0755));
    Entry tool = entry(s, "/bin/tool", EntryType::file, 04755);
    tool.blob = s.blobs.random(300000, 42);
    tool.uid = 1000;
    tool.gid = 1000;
    b0.put(tool);
    Entry sh = entry(s, "/bin/sh", EntryType::symlink, 0777);
    sh.target = "tool";
    b0.put(sh);
    Entry up = entry(s, "/bin/escape", EntryType::symlink, 0777);
    up.target = "../../../../etc/motd";
    b0.put(up);
    b0.put(entry(s, "/dev", EntryType::dir, 0755));
    Entry null = entry(s, "/dev/null", EntryType::chardev, 0666);
    null.dev_major = 1;
    null.dev_minor = 3;
    b0.put(null);
    b0.put(entry(s, "/run", EntryType::dir, 0755));
    b0.put(entry(s, "/run/pipe", EntryType::fifo, 0600));
    std::string deep = "/" + std::string(120, 'd') + "/" + std::string(200, 'f');
    b0.put(entry(s, "/" + std::string(120, 'd'), EntryType::dir, 0755));
    Entry longf = entry(s, deep, EntryType::file, 0644);
    longf.blob = s.blobs.bytes("deep\n");
    b0.put(longf);
    b0.put(entry(s, "/data", EntryType::dir, 0755));
    Entry old = entry(s, "/data/old", EntryType::file, 0644);
    old.blob = s.blobs.bytes("old\n");
    b0.put(old);
    Entry gone = entry(s, "/etc/gone", EntryType::file, 0644);
    gone.blob = s.blobs.bytes("gone\n");
    b0.put(gone);
    Entry caps = entry(s, "/bin/ping", EntryType::file, 0755);
    caps.blob = s.blobs.bytes("ping");
    caps.xattrs = {Xattr{"user.layerlab", "yes"}};
    b0.put(caps);

    LayerBuilder b1(s.paths);
    b1.put(entry(s, "/etc", EntryType::dir, 0755));
    b1.put(entry(s, "/etc/gone", EntryType::whiteout, 0));
    Entry data = entry(s, "/data", EntryType::dir, 0755);
    data.opaque = true;
    b1.put(data);
    Entry fresh = entry(s, "/data/new", EntryType::file, 0600);
    fresh.blob = s.blobs.bytes("new\n");
    b1.put(fresh);

    Image img;
    img.push_layer(b0.freeze(s.blobs), s.paths);
    img.push_layer(b1.freeze(s.blobs), s.paths);
    img.config.env = {"PATH=/bin"};
    img.config.cmd = std::vector<std::string>{"/bin/sh"};
    img.config.working_dir = "/";
    img.config.labels = {{"org.opencontainers.image.title", "layerlab sample"}};
    img.history = {HistoryEntry{"2024-01-01T00:00:00Z", "COPY rootfs / # layerlab", "", "", false},
                   HistoryEntry{"2024-01-01T00:00:00Z", "RUN rm /etc/gone && rm -rf /data && mkdir /data # layerlab",
                                "", "", false}};
    return img;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> a(argv + 1, argv + argc);
    Store s;
    if (a.size() == 3 && a[0] == "--sample") {
        ExportOptions o;
        o.ref_name = a[2];
        o.created = "2024-01-01T00:00:00Z";
        Image img = sample(s);
        return write_out(img, s, export_oci_layout(img, s, o), a[1]);
    }
    if (a.size() != 3 && a.size() != 4) {
        std::cerr << "usage: oci_export_tool --sample OUT_DIR REF | IMAGE OUT_DIR REF [EXTRA_BLOBS_LAYOUT]\n";
        return 2;
    }
    Result<ImportedImage> r = make_error(Errc::internal, "");
    FileMap files;
    std::string tar;
    if (fs::is_directory(a[0])) {
        files = load_dir(a[0]);
        if (a.size() == 4)
            for (auto& [rel, bytes] : load_dir(a[3]))
                if (rel.rfind("blobs/", 0) == 0) files.emplace(rel, bytes);
        r = import_image_files(views_of(files), s, {}, a[0]);
    } else {
        tar = slurp(a[0]);
        r = import_image_tar(tar, s, {}, a[0]);
    }
    if (!r) {
        std::cerr << r.error().describe() << '\n';
        return 1;
    }
    ExportOptions o;
    o.ref_name = a[2];
    return write_out(r->image, s, export_oci_layout(r->image, s, o), a[1]);
}
