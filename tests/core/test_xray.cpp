// test_xray.cpp: the X-ray of /var/lib/docker (core/host/xray.h). Names and
// formats against values written down from moby's source
// (daemon/graphdriver/overlay2/overlay.go and randomid.go at commit
// 9e81a881df179857aa93360db2011d279cc089f5 and 54251b53d7081f1471c0a2cb23fd4e198e71bd14;
// layer/filestore.go at c55a4ac7795c7606b548b38e24673733481e2167) and against
// a real containers-storage overlay layout made with buildah on this machine
// (tests/golden/xray/buildah-overlay.txt).
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "core/container.h"
#include "core/host/xray.h"
#include "fixtures.h"

using namespace ll;
using namespace ll::host;

namespace {

// moby: idLength = 26; generateID: base32.StdEncoding (A-Z, 2-7)
const std::regex k_link_re("^[A-Z2-7]{26}$");
const std::regex k_hex64_re("^[0-9a-f]{64}$");

const XrayNode* node(const Xray& x, const std::string& path) {
    for (const XrayNode& n : x.nodes)
        if (n.path == path) return &n;
    return nullptr;
}

struct GoldenLayer {
    std::string dir, files, link, lower, symlink;
};

std::vector<GoldenLayer> read_golden() {
    std::ifstream in(LAYERLAB_SOURCE_DIR "/tests/golden/xray/buildah-overlay.txt");
    std::vector<GoldenLayer> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("layer ", 0) == 0) out.emplace_back();
        if (out.empty() || line.size() < 3) continue;
        std::string rest = line.substr(2);
        auto after = [&](const char* key) { return rest.substr(std::string(key).size() + 1); };
        if (rest.rfind("dir ", 0) == 0) out.back().dir = after("dir");
        if (rest.rfind("files ", 0) == 0) out.back().files = after("files");
        if (rest.rfind("link ", 0) == 0) out.back().link = after("link");
        if (rest.rfind("lower ", 0) == 0) out.back().lower = after("lower");
        if (rest.rfind("l/", 0) == 0) out.back().symlink = rest;
    }
    return out;
}

}  // namespace

TEST_CASE("xray: link names have the shape of moby's generateID(26)") {
    std::string a = link_id(sha256("a")), b = link_id(sha256("b"));
    CHECK(std::regex_match(a, k_link_re));
    CHECK(a != b);
    CHECK(a == link_id(sha256("a")));  // stable: derived, not drawn
}

TEST_CASE("xray: the rules of l/ links and lower files hold in a real containers-storage layout") {
    std::vector<GoldenLayer> g = read_golden();
    REQUIRE(g.size() == 3);
    for (size_t i = 0; i < g.size(); ++i) {
        CAPTURE(i);
        CHECK(std::regex_match(g[i].link, k_link_re));
        CHECK(std::regex_match(g[i].dir, k_hex64_re));
        CHECK(g[i].symlink == "l/" + g[i].link + " -> ../" + g[i].dir + "/diff");
        std::string want = i == 0 ? "(no file)" : "l/" + g[i - 1].link + (i > 1 ? ":" + g[i - 1].lower : "");
        CHECK(g[i].lower == want);  // the parent's link, then the parent's lower: uppermost first
    }
}

TEST_CASE("xray: the layer store and overlay2 directories of an image, as moby lays them out") {
    test::Fx fx;
    LayerPtr l0 = fx.layer({fx.dir("/etc"), fx.file("/etc/os-release", "ID=test\n")});
    LayerPtr l1 = fx.layer({fx.dir("/app"), fx.file("/app/a", "a\n")});
    LayerPtr l2 = fx.layer({fx.dir("/app"), fx.wh("/app/a"), fx.file("/app/b", "bb\n")});
    Image img = fx.image({l0, l1, l2});
    Xray x = make_xray(img, {}, {}, fx.s);
    REQUIRE(x.layers.size() == 3);
    std::vector<Digest> chains = img.chain_ids(fx.s.paths, fx.s.blobs);
    const std::string db = "/var/lib/docker/image/overlay2/layerdb/sha256/";
    const std::string ov = "/var/lib/docker/overlay2/";
    for (size_t i = 0; i < 3; ++i) {
        CAPTURE(i);
        const XrayLayer& l = x.layers[i];
        // layerdb/sha256/<chain-id>/ (layer/filestore.go: getLayerDirectory = root/<algorithm>/<hex>)
        CHECK(l.chain_id == chains[i]);
        if (i == 0) CHECK(l.chain_id == l.diff_id);  // ChainID(L0) = DiffID(L0)
        else CHECK(l.chain_id == chain_id_next(chains[i - 1], l.diff_id));
        const std::string rec = db + l.chain_id.hex();
        REQUIRE(node(x, rec + "/diff"));
        CHECK(node(x, rec + "/diff")->text == l.diff_id.str());  // SetDiffID: digest.String(), "sha256:<hex>"
        CHECK(node(x, rec + "/cache-id")->text == l.cache_id);
        CHECK(node(x, rec + "/size")->text == std::to_string(l.size));  // SetSize: "%d"
        if (i == 0) CHECK(node(x, rec + "/parent") == nullptr);          // GetParent: absent = no parent
        else CHECK(node(x, rec + "/parent")->text == chains[i - 1].str());
        // overlay2/<cache-id>/: diff/ and link always; lower and work/ only with a parent (create())
        CHECK(std::regex_match(l.cache_id, k_hex64_re));
        CHECK(std::regex_match(l.link, k_link_re));
        const std::string dir = ov + l.cache_id;
        CHECK(node(x, dir + "/diff"));
        CHECK(node(x, dir + "/link")->text == l.link);
        CHECK((node(x, dir + "/lower") != nullptr) == (i > 0));
        CHECK((node(x, dir + "/work") != nullptr) == (i > 0));
        CHECK((node(x, dir + "/committed") != nullptr) == (i < 2));  // written into the parent
        const XrayNode* link = node(x, ov + "l/" + l.link);
        REQUIRE(link);
        CHECK(link->type == 'l');
        CHECK(link->text == "../" + l.cache_id + "/diff");
    }
    CHECK(x.layers[1].lower == "l/" + x.layers[0].link);
    CHECK(x.layers[2].lower == "l/" + x.layers[1].link + ":l/" + x.layers[0].link);
    // a file of a layer is under its diff/; a whiteout is a character device there
    CHECK(node(x, ov + x.layers[1].cache_id + "/diff/app/a"));
    REQUIRE(node(x, ov + x.layers[2].cache_id + "/diff/app/a"));
    CHECK(node(x, ov + x.layers[2].cache_id + "/diff/app/a")->note.find("whiteout") == 0);
    CHECK(std::regex_match(x.image_id, std::regex("^sha256:[0-9a-f]{64}$")));
    CHECK(node(x, "/var/lib/docker/image/overlay2/imagedb/content/sha256/" + x.image_id.substr(7)));
}

TEST_CASE("xray: a container's init and writable layers, its mount line, and a copy-up in its diff/") {
    test::Fx fx;
    LayerPtr l0 = fx.layer({fx.dir("/data"), fx.big("/data/big.bin", 4096)});
    LayerPtr l1 = fx.layer({fx.dir("/etc"), fx.file("/etc/motd", "hi\n")});
    Image img = fx.image({l0, l1});
    Container c(fx.s, img, "c1");
    REQUIRE(c.write_text("/data/big.bin", "x", WriteMode::append).ok());
    Xray x = make_xray(img, {&c}, {"c1"}, fx.s);
    REQUIRE(x.containers.size() == 1);
    const XrayContainer& k = x.containers[0];
    const std::string ov = "/var/lib/docker/overlay2/";
    // lower: the init layer's link, then the image's layers, uppermost first
    CHECK(k.lower == "l/" + k.init_link + ":l/" + x.layers[1].link + ":l/" + x.layers[0].link);
    CHECK(node(x, ov + k.mount_id + "-init/lower")->text == "l/" + x.layers[1].link + ":l/" + x.layers[0].link);
    // Get(): "lowerdir=" + absolute l/ paths joined by ":" + ",upperdir=" + <dir>/diff + ",workdir=" + <dir>/work
    CHECK(k.mount_line == "overlay on " + ov + k.mount_id + "/merged type overlay (rw,relatime,lowerdir=" + ov + "l/" +
                              k.init_link + ":" + ov + "l/" + x.layers[1].link + ":" + ov + "l/" + x.layers[0].link +
                              ",upperdir=" + ov + k.mount_id + "/diff,workdir=" + ov + k.mount_id + "/work)");
    // layerdb/mounts/<container-id>/{mount-id, init-id, parent} (SetMountID, SetInitID, SetMountParent)
    const std::string m = "/var/lib/docker/image/overlay2/layerdb/mounts/" + k.id;
    CHECK(node(x, m + "/mount-id")->text == k.mount_id);
    CHECK(node(x, m + "/init-id")->text == k.mount_id + "-init");
    CHECK(node(x, m + "/parent")->text == x.layers[1].chain_id.str());
    // the copy-up: the whole file in the container's upperdir
    REQUIRE(node(x, ov + k.mount_id + "/diff/data/big.bin"));
    CHECK(node(x, ov + k.mount_id + "/diff/data/big.bin")->note == "4.0 KiB");
    CHECK(node(x, ov + "l/" + k.link)->text == "../" + k.mount_id + "/diff");
    CHECK(node(x, ov + "l/" + k.init_link)->text == "../" + k.mount_id + "-init/diff");
}
