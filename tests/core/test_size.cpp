// Where the bytes go: layer sizes, changes, N-1 waste, shared sizes.
#include <doctest/doctest.h>

#include "core/size.h"
#include "fixtures.h"

using namespace ll;
using ll::test::Fx;

TEST_CASE("layer size counts non-directories, symlink targets and each inode once") {
    Fx f;
    Entry a = f.file("/a", std::string(100, 'x'));
    a.link_group = 1;
    Entry b = f.file("/b", std::string(100, 'x'));
    b.link_group = 1;
    LayerPtr l = f.layer({f.dir("/d"), a, b, f.sym("/s", "/target"), f.wh("/gone")});
    CHECK(l->size() == 100 + 7);
    CHECK(l->files() == 2);
    CHECK(l->whiteouts() == 1);
}

TEST_CASE("N-1 waste: a file deleted in a later layer wastes all its bytes") {
    Fx f;
    Image img = f.image({f.layer({f.dir("/tmp"), f.big("/tmp/big.iso", 512 * 1024)}), f.layer({f.wh("/tmp/big.iso")})});
    WasteReport w = image_waste(img, f.s.blobs);
    CHECK(w.wasted == 512 * 1024);
    REQUIRE(w.paths.size() == 1);
    CHECK(w.paths[0].deleted);
    CHECK(w.paths[0].copies == 1);
    CHECK(img.size() == 512 * 1024);  // rm in a later layer never shrinks the image
    CHECK(w.efficiency == doctest::Approx(0.0));
}

TEST_CASE("N-1 waste: three copies of a file, one visible, waste the other two") {
    Fx f;
    Image img =
        f.image({f.layer({f.file("/cfg", std::string(10, 'a'))}), f.layer({f.file("/cfg", std::string(20, 'b'))}),
                 f.layer({f.file("/cfg", std::string(30, 'c'))}), f.layer({f.file("/other", "o")})});
    WasteReport w = image_waste(img, f.s.blobs);
    REQUIRE(w.paths.size() == 1);
    CHECK(w.paths[0].copies == 3);
    CHECK(w.paths[0].total == 60);
    CHECK(w.paths[0].wasted == 30);  // 10 + 20: all but the visible 30
    CHECK(w.wasted == 30);
    CHECK(w.efficiency == doctest::Approx(1.0 - 30.0 / 61.0));
}

TEST_CASE("N-1 waste: files hidden by an opaque directory are waste") {
    Fx f;
    Image img = f.image({f.layer({f.dir("/cache"), f.file("/cache/a", "aaaa")}), f.layer({f.opaque_dir("/cache")})});
    CHECK(image_waste(img, f.s.blobs).wasted == 4);
}

TEST_CASE("layer changes count added, modified and deleted names") {
    Fx f;
    Image img = f.image({f.layer({f.dir("/etc"), f.file("/etc/a", "a"), f.file("/etc/b", "b"), f.dir("/var")}),
                         f.layer({f.dir("/etc"), f.file("/etc/a", "A"), f.wh("/etc/b"), f.file("/etc/c", "c"),
                                  f.dir("/var", 0700), f.wh("/never-existed")})});
    auto ch = layer_changes(img, f.s.paths);
    REQUIRE(ch.size() == 2);
    CHECK(ch[0].added == 4);
    CHECK(ch[1].added == 1);     // /etc/c
    CHECK(ch[1].modified == 2);  // /etc/a, /var (mode); /etc unchanged is not counted
    CHECK(ch[1].deleted == 1);   // /etc/b; a whiteout of nothing deletes nothing
}

TEST_CASE("shared and unique size across images, as docker system df -v") {
    Fx f;
    LayerPtr base = f.layer({f.file("/base", std::string(1000, 'b'))});
    Image a = f.image({base, f.layer({f.file("/a", std::string(10, 'a'))})});
    Image b = f.image({base, f.layer({f.file("/b", std::string(20, 'b'))})});
    Image c = f.image({f.layer({f.file("/c", std::string(5, 'c'))})});
    ShareReport r = shared_sizes({&a, &b, &c}, f.s.paths, f.s.blobs);
    CHECK(r.images[0].shared == 1000);
    CHECK(r.images[0].unique == 10);
    CHECK(r.images[1].unique == 20);
    CHECK(r.images[2].shared == 0);
    CHECK(r.disk == 1000 + 10 + 20 + 5);
}
