// OCI: config JSON, layouts and docker save archives, against real images
// built by buildah (tests/golden/images/, made by regen.sh with
// tests/oracle/oracle.sh) and a table of broken input.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "core/container.h"
#include "core/image_stream.h"
#include "core/oci.h"
#include "core/size.h"
#include "core/view.h"
#include "fixtures.h"

using namespace ll;
using ll::test::Fx;
namespace fs = std::filesystem;

namespace {

const std::string k_src = LAYERLAB_SOURCE_DIR;
const std::string k_images = k_src + "/tests/golden/images";
// The busybox base layer is not repeated in each image (see regen.sh): it is
// read from tests/oracle/busybox-base-oci (LAYERLAB_ORACLE_DIR).
const std::string k_base = std::string(LAYERLAB_ORACLE_DIR) + "/busybox-base-oci";

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

// The golden image's layout plus the shared base blobs it may refer to.
// false (with a message) when the image needs the base and it is absent.
bool load_image(const std::string& name, FileMap& files) {
    files = load_dir(k_images + "/" + name + "/oci");
    auto manifest = nlohmann::json::parse(
        files["blobs/sha256/" +
              nlohmann::json::parse(files["index.json"])["manifests"][0]["digest"].get<std::string>().substr(7)]);
    for (const auto& l : manifest["layers"]) {
        std::string path = "blobs/sha256/" + l["digest"].get<std::string>().substr(7);
        if (files.count(path)) continue;
        fs::path base_blob = k_base + "/" + path;
        if (!fs::exists(base_blob)) {
            MESSAGE("skipped " << name << ": its base layer " << path << " is not in " << k_base
                               << " (LAYERLAB_ORACLE_DIR)");
            return false;
        }
        files[path] = slurp(base_blob);
    }
    return true;
}

// Python's json.dumps (ensure_ascii, ", " and ": " separators) for the
// values normalize.py prints in config.txt.
std::string py_str(std::string_view s) {
    std::string out = "\"";
    char buf[16];
    for (size_t i = 0; i < s.size();) {
        uint8_t c = uint8_t(s[i]);
        uint32_t cp = c;
        size_t len = 1;
        if (c >= 0xf0) {
            cp = c & 7u;
            len = 4;
        } else if (c >= 0xe0) {
            cp = c & 15u;
            len = 3;
        } else if (c >= 0xc0) {
            cp = c & 31u;
            len = 2;
        }
        for (size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (uint8_t(s[i + k]) & 0x3fu);
        i += len;
        if (cp == '"')
            out += "\\\"";
        else if (cp == '\\')
            out += "\\\\";
        else if (cp == '\n')
            out += "\\n";
        else if (cp == '\r')
            out += "\\r";
        else if (cp == '\t')
            out += "\\t";
        else if (cp < 0x20 || (cp > 0x7f && cp < 0x10000)) {
            std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(cp));
            out += buf;
        } else if (cp >= 0x10000) {
            cp -= 0x10000;
            std::snprintf(buf, sizeof buf, "\\u%04x\\u%04x", unsigned(0xd800 + (cp >> 10)),
                          unsigned(0xdc00 + (cp & 0x3ff)));
            out += buf;
        } else {
            out += char(cp);
        }
    }
    return out + "\"";
}
std::string py_list(const std::vector<std::string>& v) {
    std::string out = "[";
    for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + py_str(v[i]);
    return out + "]";
}

// normalize.py's config.txt, from our parsed config.
std::string config_text(const OciConfig& c, size_t layers) {
    const ImageConfig& ic = c.config;
    std::string s = "Env:\n";
    for (const std::string& e : ic.env) s += "  " + e + "\n";
    auto opt = [](const std::string& v) { return v.empty() ? std::string("null") : py_str(v); };
    s += "Entrypoint: " + (ic.entrypoint ? py_list(*ic.entrypoint) : "null") + "\n";
    s += "Cmd: " + (ic.cmd ? py_list(*ic.cmd) : "null") + "\n";
    s += "WorkingDir: " + opt(ic.working_dir) + "\n";
    s += "User: " + opt(ic.user) + "\n";
    s += "StopSignal: " + opt(ic.stop_signal) + "\n";
    s += "ExposedPorts: " + py_list(ic.exposed_ports) + "\n";
    s += "Volumes: " + py_list(ic.volumes) + "\n";
    s += "Labels: {";
    bool first = true;
    for (const auto& [k, v] : ic.labels) {
        s += (first ? "" : ", ") + py_str(k) + ": " + py_str(v);
        first = false;
    }
    s += "}\n";
    s += "Healthcheck: " + std::string(ic.healthcheck ? "(set)" : "null") + "\n";
    s += "rootfs.diff_ids: " + std::to_string(c.diff_ids.size()) + "\n";
    s += "History:\n";
    size_t li = 0;
    char buf[32];
    for (size_t i = 0; i < c.history.size(); ++i) {
        const HistoryEntry& h = c.history[i];
        std::string where = "-";
        if (!h.empty_layer) {
            std::snprintf(buf, sizeof buf, "L%02zu", li++);
            where = buf;
        }
        std::snprintf(buf, sizeof buf, "  H%02zu", i);
        s += std::string(buf) + "\tempty_layer=" + (h.empty_layer ? "true" : "false") + "\t" + where + "\t" +
             h.created_by + (h.comment.empty() ? "" : "\t# " + h.comment) + "\n";
    }
    if (li != layers)
        s +=
            "WARNING: " + std::to_string(li) + " non-empty history entries but " + std::to_string(layers) + " layers\n";
    return s;
}

// A plain tar of a file map (what `tar cf` of a layout directory holds).
std::string tar_of(Fx& f, const FileMap& files, const std::map<std::string, std::string>& symlinks = {}) {
    LayerBuilder b(f.s.paths);
    for (const auto& [path, bytes] : files) b.put(f.file("/" + path, bytes));
    for (const auto& [path, target] : symlinks) b.put(f.sym("/" + path, target));
    LayerPtr l = b.freeze(f.s.blobs);
    return layer_tar_bytes(*l, f.s.paths, f.s.blobs);
}

// A small image with a bit of everything, made in memory.
Image sample_image(Fx& f) {
    LayerPtr l0 = f.layer({f.dir("/etc"), f.file("/etc/passwd", "root:x:0:0::/root:/bin/sh\n"), f.dir("/bin"),
                           f.file("/bin/tool", std::string(3000, 'T'), 0755), f.sym("/bin/sh", "tool")});
    LayerPtr l1 = f.layer({f.dir("/etc"), f.wh("/etc/passwd"), f.opaque_dir("/bin"), f.file("/bin/new", "n")});
    Image img = f.image({l0, l1});
    img.config.env = {"PATH=/bin"};
    img.config.cmd = std::vector<std::string>{"/bin/sh"};
    img.history = {HistoryEntry{"", "COPY rootfs /", "", "", false}, HistoryEntry{"", "ENV PATH=/bin", "", "", true},
                   HistoryEntry{"", "RUN rm /etc/passwd", "", "", false}};
    return img;
}

// Rewrites a layout after one of its JSON documents changed, so that every
// digest above it is right again (to test the check below the change).
void relink_manifest(FileMap& files, const nlohmann::json& manifest) {
    std::string bytes = manifest.dump();
    Digest d = sha256(bytes);
    files["blobs/sha256/" + d.hex()] = bytes;
    auto index = nlohmann::json::parse(files["index.json"]);
    index["manifests"][0]["digest"] = d.str();
    index["manifests"][0]["size"] = bytes.size();
    files["index.json"] = index.dump();
}
nlohmann::json manifest_of(FileMap& files) {
    auto index = nlohmann::json::parse(files["index.json"]);
    return nlohmann::json::parse(files["blobs/sha256/" + index["manifests"][0]["digest"].get<std::string>().substr(7)]);
}
void set_config(FileMap& files, const std::string& config) {
    auto m = manifest_of(files);
    Digest d = sha256(config);
    files["blobs/sha256/" + d.hex()] = config;
    m["config"]["digest"] = d.str();
    m["config"]["size"] = config.size();
    relink_manifest(files, m);
}
void set_layer(FileMap& files, size_t i, const std::string& blob, const char* media_type = nullptr) {
    auto m = manifest_of(files);
    Digest d = sha256(blob);
    files["blobs/sha256/" + d.hex()] = blob;
    m["layers"][i]["digest"] = d.str();
    m["layers"][i]["size"] = blob.size();
    if (media_type) m["layers"][i]["mediaType"] = media_type;
    relink_manifest(files, m);
}

}  // namespace

TEST_CASE("real images built by buildah import with the merged view umoci unpacked") {
    for (const char* name : {"scratch-files", "busybox-rm", "busybox-waste", "multistage"}) {
        CAPTURE(name);
        FileMap files;
        if (!load_image(name, files)) continue;
        Store s;
        auto r = import_image_files(views_of(files), s, {}, name);
        REQUIRE_MESSAGE(r, (r ? "" : r.error().describe()));
        const ImportedImage& im = r.value();
        CHECK(im.format == "oci-layout");
        CHECK(im.ref_name == "latest");
        std::string dir = k_images + "/" + name;
        CHECK(merged_listing(im.image, s) == slurp(dir + "/merged.txt"));
        for (size_t i = 0; i < im.image.layer_count(); ++i) {
            CAPTURE(i);
            char nn[8];
            std::snprintf(nn, sizeof nn, "%02zu", i);
            CHECK(layer_listing(*im.image.layers()[i], s) == slurp(dir + "/layers/" + nn + ".txt"));
        }
        CHECK(config_text(im.config, im.image.layer_count()) == slurp(dir + "/config.txt"));
        // Identities: image ID = sha256(config blob) = the manifest's config digest;
        // DiffIDs as published; ChainIDs by the formula.
        auto manifest = manifest_of(files);
        CHECK(im.image_id.str() == manifest["config"]["digest"].get<std::string>());
        CHECK(im.image_id == sha256(im.config_json));
        CHECK(im.image.diff_ids(s.paths, s.blobs) == im.config.diff_ids);
        auto chains = im.image.chain_ids(s.paths, s.blobs);
        CHECK(chains[0] == im.config.diff_ids[0]);
        for (size_t i = 1; i < chains.size(); ++i)
            CHECK(chains[i] == chain_id_next(chains[i - 1], im.config.diff_ids[i]));
        for (size_t i = 0; i < im.layers.size(); ++i) {
            CHECK(im.layers[i].digest.str() == manifest["layers"][i]["digest"].get<std::string>());
            CHECK(im.layers[i].compression == Compression::gzip);
            CHECK(im.layers[i].media_type == "application/vnd.oci.image.layer.v1.tar+gzip");
        }
    }
}

TEST_CASE("docker commit on an imported image keeps its layer blobs byte for byte (issue 15)") {
    FileMap files;
    if (!load_image("busybox-waste", files)) return;
    Store s;
    auto r = import_image_files(views_of(files), s);
    REQUIRE_MESSAGE(r, (r ? "" : r.error().describe()));
    auto manifest = manifest_of(files);
    Container c(s, r->image);
    REQUIRE(c.write_text("/committed.txt", "new\n"));
    Image committed = c.commit("docker commit");
    ExportedImage ex = export_oci_layout(committed, s);
    size_t n = r->image.layer_count();
    REQUIRE(ex.layer_digests.size() == n + 1);
    auto out_manifest = nlohmann::json::parse(
        ex.files.at("blobs/sha256/" + ex.manifest_digest.hex()));
    for (size_t i = 0; i < n; ++i) {
        CAPTURE(i);
        const auto& want = manifest["layers"][i];
        CHECK(out_manifest["layers"][i] == want);  // mediaType, digest, size
        std::string path = "blobs/sha256/" + want["digest"].get<std::string>().substr(7);
        CHECK(ex.files.at(path) == files.at(path));  // the same compressed bytes
        CHECK(ex.diff_ids[i] == r->config.diff_ids[i]);
    }
    CHECK(committed.chain_ids(s.paths, s.blobs)[n - 1] == r->image.chain_ids(s.paths, s.blobs)[n - 1]);
    // the new layer is layerlab's own tar+gzip, and imports back with the same identity
    CHECK(out_manifest["layers"][n]["mediaType"] == "application/vnd.oci.image.layer.v1.tar+gzip");
    Store s2;
    auto back = import_image_files(views_of(ex.files), s2);
    REQUIRE_MESSAGE(back, (back ? "" : back.error().describe()));
    CHECK(back->image_id == ex.image_id);
    CHECK(back->config.diff_ids == ex.diff_ids);
}

TEST_CASE("the busybox-waste image ships its deleted file three times") {
    FileMap files;
    if (!load_image("busybox-waste", files)) return;
    Store s;
    auto r = import_image_files(views_of(files), s);
    REQUIRE(r);
    WasteReport w = image_waste(r->image, s.blobs);
    PathId big = s.paths.find("/big.bin");
    REQUIRE(big != k_no_path);
    auto it = std::find_if(w.paths.begin(), w.paths.end(), [&](const PathWaste& p) { return p.path == big; });
    REQUIRE(it != w.paths.end());
    CHECK(it->wasted == (200 + 100) * 1024);
    CHECK(it->deleted);
    auto changes = layer_changes(r->image, s.paths);
    REQUIRE(changes.size() == 4);
    CHECK(changes[3].deleted == 1);
}

TEST_CASE("the image ID of a committed real config is the sha256 of its bytes") {
    FileMap files = load_dir(k_images + "/scratch-files/oci");
    auto manifest = manifest_of(files);
    std::string digest = manifest["config"]["digest"].get<std::string>();
    const std::string& config = files["blobs/sha256/" + digest.substr(7)];
    CHECK(sha256(config).str() == digest);
    auto c = parse_image_config(config);
    REQUIRE(c);
    CHECK(c->config.user == "1000:1000");
    CHECK(c->config.exposed_ports == std::vector<std::string>{"53/udp", "8080/tcp"});
    CHECK(c->config.entrypoint == std::vector<std::string>{"/app/run.sh"});
    CHECK(c->config.labels.at("org.example.title") == "layerlab golden");
    CHECK(c->history.size() == 10);
    CHECK(layer_history(c->history, 2) == std::vector<int32_t>{0, 9});
    // Our serialization of the same value is stable (and parses back to it).
    std::string ours = serialize_image_config(c.value());
    auto again = parse_image_config(ours);
    REQUIRE(again);
    CHECK(again.value() == c.value());
    CHECK(serialize_image_config(again.value()) == ours);
}

TEST_CASE("config serialization is deterministic, in Go's field order, with Go's escaping") {
    OciConfig c;
    c.created = "2024-01-01T00:00:00Z";
    ImageConfig& ic = c.config;
    ic.user = "app";
    ic.exposed_ports = {"443/tcp", "80/tcp"};  // kept sorted (image.h)
    ic.env = {"PATH=/usr/bin:/bin", "Z=1"};
    ic.entrypoint = std::vector<std::string>{"/init"};
    ic.cmd = std::vector<std::string>{"sh", "-c", "echo a > b && c<d"};
    ic.volumes = {"/data"};
    ic.working_dir = "/app";
    ic.labels = {{"b", "2"}, {"a", "1"}};
    ic.stop_signal = "SIGTERM";
    ic.healthcheck = Healthcheck{{"CMD", "true"}, 30000000000, 0, 5000000000, 0, 3};
    ic.on_build = {"RUN make"};
    ic.shell = {"/bin/bash", "-c"};
    c.history = {HistoryEntry{"2024-01-01T00:00:00Z", "RUN make", "", "", false},
                 HistoryEntry{"", "ENV Z=1", "", "buildkit.dockerfile.v0", true}};
    c.diff_ids = {sha256("a")};
    const std::string want =
        R"({"architecture":"amd64","config":{"User":"app","ExposedPorts":{"443/tcp":{},"80/tcp":{}},)"
        R"("Env":["PATH=/usr/bin:/bin","Z=1"],"Entrypoint":["/init"],"Cmd":["sh","-c","echo a \u003e b \u0026\u0026 c\u003cd"],)"
        R"("Volumes":{"/data":{}},"WorkingDir":"/app","Labels":{"a":"1","b":"2"},"StopSignal":"SIGTERM",)"
        R"("Healthcheck":{"Test":["CMD","true"],"Interval":30000000000,"StartPeriod":5000000000,"Retries":3},)"
        R"("OnBuild":["RUN make"],"Shell":["/bin/bash","-c"]},"created":"2024-01-01T00:00:00Z",)"
        R"("history":[{"created":"2024-01-01T00:00:00Z","created_by":"RUN make"},)"
        R"({"created_by":"ENV Z=1","comment":"buildkit.dockerfile.v0","empty_layer":true}],"os":"linux",)"
        R"("rootfs":{"type":"layers","diff_ids":["sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"]}})";
    CHECK(serialize_image_config(c) == want);
    auto back = parse_image_config(want);
    REQUIRE(back);
    CHECK(back.value() == c);
}

TEST_CASE("export then import gives back the same image, byte-identical across exports") {
    Fx f;
    Image img = sample_image(f);
    ExportedImage a = export_oci_layout(img, f.s, {"v1", "", "", 6});
    ExportedImage b = export_oci_layout(img, f.s, {"v1", "", "", 6});
    CHECK(a.files == b.files);
    CHECK(a.files.size() == 2 + 2 + 2);  // oci-layout, index.json, config, manifest, 2 layers
    CHECK(a.files.at("oci-layout") == R"({"imageLayoutVersion":"1.0.0"})");
    auto index = nlohmann::json::parse(a.files.at("index.json"));
    CHECK(index["manifests"][0]["annotations"]["org.opencontainers.image.ref.name"] == "v1");
    CHECK(a.diff_ids == img.diff_ids(f.s.paths, f.s.blobs));  // layerlab's own tars: same DiffIDs

    Store s;
    auto r = import_image_files(views_of(a.files), s);
    REQUIRE_MESSAGE(r, (r ? "" : r.error().describe()));
    CHECK(r->image_id == a.image_id);
    CHECK(r->manifest_digest == a.manifest_digest);
    CHECK(merged_listing(r->image, s) == merged_listing(img, f.s));
    CHECK(r->image.config == img.config);
    CHECK(r->image.history == img.history);
    for (size_t i = 0; i < img.layer_count(); ++i)
        CHECK(layer_listing(*r->image.layers()[i], s) == layer_listing(*img.layers()[i], f.s));
    // By ref name; a wrong one lists what there is.
    ImportOptions opts;
    opts.ref = "v1";
    CHECK(import_image_files(views_of(a.files), s, opts));
    opts.ref = "v2";
    auto wrong = import_image_files(views_of(a.files), s, opts, "img");
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().describe() == "img: error: index.json has no image named 'v2' (it has: v1)");
}

TEST_CASE("a tarred OCI layout, gzip or not, and one tarred with its folder, import the same") {
    Fx f;
    Image img = sample_image(f);
    ExportedImage e = export_oci_layout(img, f.s);
    std::string tar = tar_of(f, e.files);
    FileMap nested;
    for (const auto& [p, b] : e.files) nested["my-image/" + p] = b;
    for (const std::string& input : {tar, gzip(tar), tar_of(f, nested)}) {
        Store s;
        auto r = import_image_tar(input, s);
        REQUIRE_MESSAGE(r, (r ? "" : r.error().describe()));
        CHECK(r->image_id == e.image_id);
        CHECK(merged_listing(r->image, s) == merged_listing(img, f.s));
    }
}

// A Docker 25+ `docker save` of `ref`: its OCI layout with a manifest.json beside it.
static FileMap docker25_save(const FileMap& oci, const ImportedImage& ref) {
    FileMap save = oci;
    nlohmann::json layers = nlohmann::json::array();
    for (const ImportedLayer& l : ref.layers) layers.push_back("blobs/sha256/" + l.digest.hex());
    save["manifest.json"] = nlohmann::json::array({{{"Config", "blobs/sha256/" + ref.image_id.hex()},
                                                    {"RepoTags", {"golden:latest"}},
                                                    {"Layers", layers}}})
                                .dump();
    return save;
}

TEST_CASE("docker save archives, classic and Docker 25+, import with the real image ID") {
    FileMap oci;
    if (!load_image("busybox-rm", oci)) return;
    Store s0;
    auto ref = import_image_files(views_of(oci), s0);
    REQUIRE(ref);
    Fx f;
    SUBCASE("classic: manifest.json, <id>.json, <v1id>/layer.tar, a repeated layer as a symlink") {
        FileMap save;
        std::string config_name = ref->image_id.hex() + ".json";
        save[config_name] = ref->config_json;
        nlohmann::json layers = nlohmann::json::array();
        std::map<std::string, std::string> links;
        for (size_t i = 0; i < ref->layers.size(); ++i) {
            std::string dir = std::string(64, char('a' + i));
            auto tar = gunzip(oci["blobs/sha256/" + ref->layers[i].digest.hex()]);
            REQUIRE(tar);
            if (i == 1) {
                // docker save writes a layer it already saved as a symlink to the first copy
                save["first/layer.tar"] = tar.value();
                links[dir + "/layer.tar"] = "../first/layer.tar";
            } else {
                save[dir + "/layer.tar"] = tar.value();
            }
            save[dir + "/VERSION"] = "1.0";
            layers.push_back(dir + "/layer.tar");
        }
        nlohmann::json m = nlohmann::json::array(
            {{{"Config", config_name}, {"RepoTags", {"golden/busybox-rm:latest"}}, {"Layers", layers}}});
        save["manifest.json"] = m.dump();
        save["repositories"] = "{}";
        Store s;
        ImportOptions opts;
        opts.ref = "golden/busybox-rm";
        auto r = import_image_tar(tar_of(f, save, links), s, opts, "busybox-rm.tar");
        REQUIRE_MESSAGE(r, (r ? "" : r.error().describe()));
        CHECK(r->format == "docker-save");
        CHECK(r->ref_name == "golden/busybox-rm:latest");
        CHECK(r->image_id == ref->image_id);
        CHECK(r->manifest_digest.is_zero());
        CHECK(r->layers[0].compression == Compression::none);
        CHECK(merged_listing(r->image, s) == merged_listing(ref->image, s0));
        // The config's file name is its digest: a changed byte is caught.
        save[config_name][save[config_name].size() - 2] = ' ';
        auto bad = import_image_tar(tar_of(f, save, links), s, {}, "busybox-rm.tar");
        REQUIRE_FALSE(bad);
        CHECK(bad.error().message.find("the image config: " + config_name + " does not match its name") == 0);
    }
    SUBCASE("Docker 25+: an OCI layout with a manifest.json beside it") {
        FileMap save = docker25_save(oci, *ref);
        Store s;
        auto r = import_image_tar(tar_of(f, save), s);
        REQUIRE_MESSAGE(r, (r ? "" : r.error().describe()));
        CHECK(r->format == "docker-save (OCI layout)");
        CHECK(r->image_id == ref->image_id);
    }
}

TEST_CASE("an archive fed in pieces reads each layer as it arrives, before manifest.json (issue 16)") {
    FileMap oci;
    if (!load_image("busybox-rm", oci)) return;
    Store s0;
    auto ref = import_image_files(views_of(oci), s0);
    REQUIRE(ref);
    Fx f;
    // Docker 25+'s docker save, in moby's order: blobs/ first, then index.json,
    // manifest.json, oci-layout (it tars its temporary directory in name order).
    std::string tar = tar_of(f, docker25_save(oci, *ref));
    size_t index_at = tar.find(std::string("index.json\0", 11));
    REQUIRE(index_at != std::string::npos);
    REQUIRE(index_at % 512 == 0);
    for (size_t piece : {size_t(511), size_t(4096), tar.size()}) {
        CAPTURE(piece);
        Store s;
        ImageImport im(s, {}, "busybox-rm.tar");
        size_t at = 0;
        for (; at < index_at; at += std::min(piece, index_at - at))
            REQUIRE(im.feed(std::string_view(tar).substr(at, std::min(piece, index_at - at))));
        if (piece < tar.size()) {
            // every layer is read (and its bytes kept) before the manifest says which it is
            CHECK(im.progress().layers_read == ref->layers.size());
            CHECK(im.progress().last.rfind("sha256:", 0) == 0);
        }
        for (; at < tar.size(); at += std::min(piece, tar.size() - at))
            REQUIRE(im.feed(std::string_view(tar).substr(at, std::min(piece, tar.size() - at))));
        auto r = im.finish();
        REQUIRE_MESSAGE(r, (r ? "" : r.error().describe()));
        CHECK(r->format == "docker-save (OCI layout)");
        CHECK(r->image_id == ref->image_id);
        CHECK(r->layers.size() == ref->layers.size());
        CHECK(r->layers[0].diff_id == ref->layers[0].diff_id);
        CHECK(merged_listing(r->image, s) == merged_listing(ref->image, s0));
    }
    SUBCASE("docker save | gzip: kept compressed, unpacked into the tar reader at finish()") {
        Store s;
        ImageImport im(s, {}, "busybox-rm.tar.gz");
        std::string gz = gzip(tar);
        for (size_t at = 0; at < gz.size(); at += 1000) REQUIRE(im.feed(std::string_view(gz).substr(at, 1000)));
        CHECK(im.progress().compressed);
        CHECK(im.progress().layers_read == 0);
        auto r = im.finish();
        REQUIRE_MESSAGE(r, (r ? "" : r.error().describe()));
        CHECK(r->image_id == ref->image_id);
    }
    SUBCASE("an archive cut short says so at finish(), in read_archive_files' words (entry number and all)") {
        std::string cut = tar.substr(0, index_at + 700);
        auto whole = read_archive_files(cut, "cut.tar");
        REQUIRE_FALSE(whole);
        Store s2;
        ImageImport im(s2, {}, "cut.tar");
        for (size_t at = 0; at < cut.size(); at += 333) REQUIRE(im.feed(std::string_view(cut).substr(at, 333)));
        auto r = im.finish();
        REQUIRE_FALSE(r);
        CHECK(r.error().describe() == whole.error().describe());
        CHECK(r.error().message.find("index.json") != std::string::npos);
        CHECK(r.error().message.find("truncated") != std::string::npos);
    }
}

TEST_CASE("an image index resolves to the linux/amd64 manifest") {
    Fx f;
    Image img = sample_image(f);
    ExportedImage e = export_oci_layout(img, f.s);
    FileMap files = e.files;
    auto index = nlohmann::json::parse(files["index.json"]);
    nlohmann::json inner = {{"schemaVersion", 2},
                            {"mediaType", "application/vnd.oci.image.index.v1+json"},
                            {"manifests",
                             {{{"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                               {"digest", sha256("elsewhere").str()},
                               {"size", 9},
                               {"platform", {{"os", "linux"}, {"architecture", "arm64"}}}},
                              {{"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                               {"digest", e.manifest_digest.str()},
                               {"size", files["blobs/sha256/" + e.manifest_digest.hex()].size()},
                               {"platform", {{"os", "linux"}, {"architecture", "amd64"}}}}}}};
    std::string ib = inner.dump();
    files["blobs/sha256/" + sha256(ib).hex()] = ib;
    index["manifests"][0] = {{"mediaType", "application/vnd.oci.image.index.v1+json"},
                             {"digest", sha256(ib).str()},
                             {"size", ib.size()},
                             {"annotations", {{"org.opencontainers.image.ref.name", "multi"}}}};
    files["index.json"] = index.dump();
    Store s;
    auto r = import_image_files(views_of(files), s);
    REQUIRE_MESSAGE(r, (r ? "" : r.error().describe()));
    CHECK(r->manifest_digest == e.manifest_digest);
    CHECK(r->ref_name == "multi");
    ImportOptions arm;
    arm.architecture = "arm64";
    auto missing = import_image_files(views_of(files), s, arm);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message.find("a manifest in an image index: blob " + sha256("elsewhere").str() +
                                       " is missing") == 0);
}

TEST_CASE("broken layouts and archives give errors that name the blob") {
    Fx f;
    Image img = sample_image(f);
    ExportedImage e = export_oci_layout(img, f.s);
    const std::string layer1 = "blobs/sha256/" + e.layer_digests[1].hex();

    struct Case {
        const char* what;
        std::function<void(FileMap&)> edit;
        Errc code;
        std::string says;
    };
    const std::vector<Case> cases = {
        {"missing layer blob", [&](FileMap& m) { m.erase(layer1); }, Errc::bad_oci,
         "layer 1: blob " + e.layer_digests[1].str() + " is missing (no " + layer1 + ")"},
        {"corrupt layer blob", [&](FileMap& m) { m[layer1][20] = char(m[layer1][20] ^ 1); }, Errc::bad_oci,
         "layer 1: blob " + layer1 + " does not match its digest: its content hashes to sha256:"},
        {"truncated layer blob", [&](FileMap& m) { m[layer1].resize(m[layer1].size() - 1); }, Errc::bad_oci,
         "is " + std::to_string(e.layer_sizes[1] - 1) + " bytes but its descriptor says " +
             std::to_string(e.layer_sizes[1])},
        {"truncated gzip (digests fixed up)", [&](FileMap& m) { set_layer(m, 1, m[layer1].substr(0, 40)); },
         Errc::bad_gzip, "truncated"},
        {"DiffID mismatch",
         [&](FileMap& m) {
             auto c = nlohmann::json::parse(m["blobs/sha256/" + e.image_id.hex()]);
             c["rootfs"]["diff_ids"][1] = sha256("something else").str();
             set_config(m, c.dump());
         },
         Errc::bad_oci,
         "its DiffID (sha256 of the uncompressed tar) is " + e.diff_ids[1].str() +
             " but the config's rootfs.diff_ids[1] says " + sha256("something else").str()},
        {"layer count mismatch",
         [&](FileMap& m) {
             auto c = nlohmann::json::parse(m["blobs/sha256/" + e.image_id.hex()]);
             c["rootfs"]["diff_ids"].erase(1);
             set_config(m, c.dump());
         },
         Errc::bad_oci, "has 2 layers but the config lists 1 rootfs.diff_ids"},
        // zstd layers are read (the CLI test reads skopeo's); damaged ones say so
        {"damaged zstd bytes", [&](FileMap& m) { set_layer(m, 1, std::string("\x28\xb5\x2f\xfd", 4) + "payload"); },
         Errc::bad_gzip, "in frame 1"},
        {"bzip2 bytes", [&](FileMap& m) { set_layer(m, 1, "BZh91AY&SY payload"); },
         Errc::unsupported, "is bzip2-compressed; layerlab reads gzip, zstd and uncompressed tar"},
        {"not a layer media type", [&](FileMap& m) { set_layer(m, 1, m[layer1], "application/vnd.in-toto+json"); },
         Errc::unsupported, "layer 1 has media type 'application/vnd.in-toto+json', which is not a layer tar"},
        {"path traversal inside a layer",
         [&](FileMap& m) {
             Fx g;
             std::string evil = layer_tar_bytes(*g.layer({g.file("/x", "x")}), g.s.paths, g.s.blobs);
             std::memcpy(evil.data(), "../../etc/cron.d/x\0", 19);
             // fix the checksum of the first header
             std::memset(evil.data() + 148, ' ', 8);
             unsigned sum = 0;
             for (int i = 0; i < 512; ++i) sum += uint8_t(evil[size_t(i)]);
             std::snprintf(evil.data() + 148, 8, "%06o", sum);
             auto c = nlohmann::json::parse(m["blobs/sha256/" + e.image_id.hex()]);
             c["rootfs"]["diff_ids"][1] = sha256(evil).str();
             set_config(m, c.dump());
             set_layer(m, 1, gzip(evil));
         },
         Errc::unsafe_path, "entry 1 (../../etc/cron.d/x): the name leads outside the root"},
        {"config is not JSON", [&](FileMap& m) { set_config(m, "{\"os\": linux"); }, Errc::bad_json,
         "is not valid JSON"},
        {"config field of the wrong type", [&](FileMap& m) { set_config(m, R"({"config":{"Env":["A=1",2]}})"); },
         Errc::bad_json, "config.Env[1] is not a string"},
        {"rootfs type", [&](FileMap& m) { set_config(m, R"({"rootfs":{"type":"tar","diff_ids":[]}})"); }, Errc::bad_oci,
         "rootfs.type is 'tar', not 'layers'"},
        {"index.json garbage", [&](FileMap& m) { m["index.json"] = "\x01\x02garbage"; }, Errc::bad_json,
         "index.json is not valid JSON"},
        {"index.json deeply nested",
         [&](FileMap& m) { m["index.json"] = std::string(100000, '[') + std::string(100000, ']'); }, Errc::bad_oci,
         "index.json has no manifests[] array"},
        {"index.json lists nothing", [&](FileMap& m) { m["index.json"] = R"({"schemaVersion":2,"manifests":[]})"; },
         Errc::bad_oci, "index.json lists no manifests"},
        {"sha512 digest",
         [&](FileMap& m) {
             auto i = nlohmann::json::parse(m["index.json"]);
             i["manifests"][0]["digest"] = "sha512:" + std::string(128, 'a');
             m["index.json"] = i.dump();
         },
         Errc::unsupported, "digest algorithm 'sha512' is not supported"},
        {"malformed digest",
         [&](FileMap& m) {
             auto i = nlohmann::json::parse(m["index.json"]);
             i["manifests"][0]["digest"] = "sha256:../../etc/passwd";
             m["index.json"] = i.dump();
         },
         Errc::bad_oci, "is not a sha256 digest"},
        {"no oci-layout file", [&](FileMap& m) { m.erase("oci-layout"); }, Errc::bad_oci,
         "index.json without an oci-layout file"},
        {"not an image at all",
         [&](FileMap& m) {
             m.clear();
             m["README"] = "hi";
         },
         Errc::bad_oci, "not an image"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        FileMap m = e.files;
        c.edit(m);
        Store s;
        auto r = import_image_files(views_of(m), s, {}, "img");
        REQUIRE_FALSE(r);
        CHECK(r.error().code == c.code);
        CHECK_MESSAGE(r.error().message.find(c.says) != std::string::npos, r.error().message);
        CHECK(r.error().where.file == "img");
    }
}

TEST_CASE("broken image archives: traversal, empty, garbage, unsupported compression") {
    Fx f;
    Image img = sample_image(f);
    ExportedImage e = export_oci_layout(img, f.s);
    std::string ok = tar_of(f, e.files);
    std::string evil = ok;
    // the first member is "blobs/sha256/..." (sorted): rename it to escape
    std::memcpy(evil.data(), "../../../../tmp/x\0", 18);
    std::memset(evil.data() + 148, ' ', 8);
    unsigned sum = 0;
    for (int i = 0; i < 512; ++i) sum += uint8_t(evil[size_t(i)]);
    std::snprintf(evil.data() + 148, 8, "%06o", sum);
    struct Case {
        const char* what;
        std::string input;
        Errc code;
        const char* says;
    };
    const Case cases[] = {
        {"zero-length", "", Errc::bad_tar, "empty file: not a tar archive"},
        {"garbage", std::string(2000, 'x'), Errc::bad_tar, "not a tar header"},
        {"truncated", ok.substr(0, ok.size() / 2 + 7), Errc::bad_tar, "truncated"},
        {"path traversal", evil, Errc::unsafe_path, "entry 1 (../../../../tmp/x): the name leads outside the root"},
        {"bzip2", "BZh91AY&SY" + std::string(100, '\0'), Errc::unsupported, "the archive is bzip2-compressed"},
        {"corrupt gzip", gzip(ok).substr(0, 100), Errc::bad_gzip, "the archive: truncated"},
        {"a tar of something else", tar_of(f, {{"hello.txt", "hi"}}), Errc::bad_oci, "not an image"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        Store s;
        auto r = import_image_tar(c.input, s, {}, "image.tar");
        REQUIRE_FALSE(r);
        CHECK(r.error().code == c.code);
        CHECK_MESSAGE(r.error().message.find(c.says) != std::string::npos, r.error().message);
        CHECK(r.error().describe().rfind("image.tar: error: ", 0) == 0);
    }
}

TEST_CASE("layer_history maps each layer to the history line that made it") {
    std::vector<HistoryEntry> h = {{"", "FROM", "", "", false}, {"", "ENV", "", "", true}, {"", "RUN", "", "", false}};
    CHECK(layer_history(h, 2) == std::vector<int32_t>{0, 2});
    CHECK(layer_history(h, 3) == std::vector<int32_t>{0, 2, -1});  // history too short
    CHECK(layer_history({}, 1) == std::vector<int32_t>{-1});
}

TEST_CASE("inspect accepts the config JSON Docker accepts: 1e400 in an unknown field, invalid UTF-8 in a label") {
    // Go's encoding/json skips a field it does not know without converting
    // its number, and turns each invalid UTF-8 byte (and a lone surrogate
    // escape) into U+FFFD; nlohmann-json alone refuses both.
    const std::string config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"x-vendor\":{\"score\":1e400,\"neg\":-1e999,\"big\":"
        "1" +
        std::string(400, '0') +
        "},\"config\":{\"Env\":[\"A=\xff\"],\"Labels\":{\"bad\":\"caf\xc3\x28 \xed\xa0\x80 "
        "\\ud800x \\udc00 \\ud83d\\ude00\",\"k\xfe\":\"v\"}},"
        "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"history\":[]}";
    auto c = parse_image_config(config, "config.json");
    REQUIRE_MESSAGE(c, (c ? std::string() : c.error().describe()));
    const std::string fffd = "\xef\xbf\xbd";
    CHECK(c->config.env == std::vector<std::string>{"A=" + fffd});
    CHECK(c->config.labels.at("bad") ==
          "caf" + fffd + "( " + fffd + fffd + fffd + " " + fffd + "x " + fffd + " \xf0\x9f\x98\x80");
    CHECK(c->config.labels.at("k" + fffd) == "v");
    // A known field still has to be what it is (Go: cannot unmarshal number 1e400 into int64).
    const std::string bad_interval =
        "{\"config\":{\"Healthcheck\":{\"Test\":[\"NONE\"],\"Interval\":1e400}},\"rootfs\":{\"type\":\"layers\"}}";
    auto h = parse_image_config(bad_interval, "config.json");
    REQUIRE(!h);
    CHECK(h.error().message == "config.json: config.Healthcheck.Interval is not an integer");
    // Text that is not JSON is still refused, invalid bytes or not.
    CHECK(!parse_image_config("{\"a\":\xff}", "config.json"));
    CHECK(!parse_image_config("{\"a\":1e400", "config.json"));
}
