// Built-in base images from the package catalogs (bases.h).
#include "test_build_fixture.h"

#include "core/catalog/catalog.h"

using namespace ll;
using namespace ll::build;
using ll::test::read_catalog_asset;

namespace {
const Catalog& apt() {
    static const Catalog cat = [] {
        Result<Catalog> r = parse_catalog(read_catalog_asset("debian-bookworm.apt.txt"), "debian-bookworm.apt.txt");
        REQUIRE(r.ok());
        return std::move(r).value();
    }();
    return cat;
}
}  // namespace

TEST_CASE("built-in bases: real file lists, shared layers, built once per store") {
    Store store;
    BuiltinImages bases(store, &apt());
    for (const char* f : {"image-debian-bookworm-slim.txt", "image-python-3.11-slim.txt", "image-busybox.txt"})
        REQUIRE(bases.add_catalog_image(read_catalog_asset(f), f).ok());
    CHECK(bases.names() == std::vector<std::string>{"debian:bookworm-slim", "python:3.11-slim", "busybox"});
    std::optional<Image> py = bases.find("docker.io/library/python:3.11-slim");
    REQUIRE(py);
    std::optional<Image> deb = bases.find("debian:bookworm-slim");
    REQUIRE(deb);
    REQUIRE(deb->layer_count() == 1);
    CHECK(py->layer_count() == 4);
    CHECK(py->layers()[0] == deb->layers()[0]);                             // python is built on the same layer object
    CHECK(bases.find("python:3.11-slim")->layers()[3] == py->layers()[3]);  // once per store
    CHECK(py->config.cmd == std::vector<std::string>{"python3"});
    CHECK(py->history.size() == deb->history.size() + 8);
    // real sizes and modes from the .debs; contents of small /etc files are real
    ImageView v(*deb, store.paths);
    Resolution bash = resolve(v, store.paths, "/usr/bin/bash", false);
    REQUIRE(bash);
    CHECK(bash.node.entry->mode == 0755);
    CHECK(store.blobs.size(bash.node.entry->blob) > 1000000);
    Resolution passwd = resolve(v, store.paths, "/etc/passwd", false);
    REQUIRE(passwd);
    CHECK(store.blobs.read_all(passwd.node.entry->blob).rfind("root:x:0:0:root:/root:/bin/bash\n", 0) == 0);
    CHECK_FALSE(bases.find("alpine:3.19"));
    // an image given by name (--image) wins over a built-in one of that name
    Image mine;
    bases.add_image("busybox", mine);
    REQUIRE(bases.find("busybox:latest"));
    CHECK(bases.find("busybox:latest")->layer_count() == 0);
}
