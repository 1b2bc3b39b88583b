// Layer tars: write -> read round trips, golden tars made by GNU tar and
// Python's tarfile, whiteouts and opaque markers, name normalization, and a
// table of bad input that must give clear errors.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/oci.h"
#include "core/tar.h"
#include "core/view.h"
#include "fixtures.h"
#include "test_tar_fixture.h"

using namespace ll;
using ll::test::Fx;
using ll::test::header;
using ll::test::pad;
using ll::test::RawTar;
using ll::test::set_checksum;

namespace {

std::string golden(const std::string& rel) {
    std::ifstream f(std::string(LAYERLAB_SOURCE_DIR) + "/tests/golden/" + rel, std::ios::binary);
    REQUIRE_MESSAGE(f.good(), "missing golden file tests/golden/" << rel);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

std::string pax_record(std::string_view key, std::string_view value) {
    size_t body = key.size() + value.size() + 3;
    size_t n = body + 1;
    while (std::to_string(n).size() + body != n) n = std::to_string(n).size() + body;
    return std::to_string(n) + " " + std::string(key) + "=" + std::string(value) + "\n";
}

Result<LayerPtr> read(Fx& f, std::string_view tar, const TarLimits& limits = {}) {
    return read_layer_tar(tar, f.s.paths, f.s.blobs, "test.tar", limits);
}

LayerPtr must_read(Fx& f, std::string_view tar) {
    auto r = read(f, tar);
    REQUIRE_MESSAGE(r, (r ? std::string() : r.error().describe()));
    return r.value();
}

const Entry& at(Fx& f, const LayerPtr& l, std::string_view path) {
    PathId p = f.s.paths.find(path);
    REQUIRE_MESSAGE(p != k_no_path, "path never interned: " << path);
    const Entry* e = l->find(p);
    REQUIRE_MESSAGE(e != nullptr, "no entry for " << path);
    return *e;
}

}  // namespace

TEST_CASE("every entry type survives write then read, byte for byte") {
    Fx f;
    LayerBuilder b(f.s.paths);
    b.put(f.dir("/etc"));
    b.put(f.file("/etc/motd", "hello\n", 04755));
    Entry hard = f.file("/etc/motd", "hello\n", 04755);
    b.find(f.s.paths.find("/etc/motd"))->link_group = 1;
    hard.path = f.s.paths.intern("/etc/motd.hard");
    hard.link_group = 1;
    b.put(hard);
    b.put(f.opaque_dir("/var/cache"));
    b.put(f.dir("/var", 0700));
    b.put(f.file("/var/cache/new", "n"));
    b.put(f.wh("/etc/gone"));
    b.put(f.sym("/bin/sh", "busybox"));
    b.put(f.dir("/bin"));
    Entry cdev;
    cdev.path = f.s.paths.intern("/dev/null");
    cdev.type = EntryType::chardev;
    cdev.mode = 0666;
    cdev.dev_major = 1;
    cdev.dev_minor = 3;
    b.put(cdev);
    Entry bdev = cdev;
    bdev.path = f.s.paths.intern("/dev/sda");
    bdev.type = EntryType::blockdev;
    bdev.dev_major = 8;
    bdev.dev_minor = 0;
    b.put(bdev);
    Entry fifo;
    fifo.path = f.s.paths.intern("/dev/pipe");
    fifo.type = EntryType::fifo;
    b.put(fifo);
    b.put(f.dir("/dev"));
    Entry xf = f.file("/caps", "x", 0755);
    xf.xattrs = {Xattr{"security.capability", std::string("\x01\x00\x00\x02", 4)}, Xattr{"user.note", "hi"}};
    xf.uid = 1000;
    xf.gid = 100;
    xf.mtime = 1700000000;
    b.put(xf);
    LayerPtr orig = b.freeze(f.s.blobs);

    std::string tar = layer_tar_bytes(*orig, f.s.paths, f.s.blobs);
    LayerPtr back = must_read(f, tar);
    CHECK(layer_listing(*back, f.s) == layer_listing(*orig, f.s));
    // The tar written from what was read is the same tar: the DiffID is stable.
    CHECK(layer_tar_bytes(*back, f.s.paths, f.s.blobs) == tar);
    CHECK(back->diff_id(f.s.paths, f.s.blobs) == orig->diff_id(f.s.paths, f.s.blobs));
    CHECK(at(f, back, "/etc/motd.hard").link_group == at(f, back, "/etc/motd").link_group);
    CHECK(at(f, back, "/etc/motd").link_group != 0);
    CHECK(back->size() == orig->size());
    CHECK(at(f, back, "/var/cache").opaque);
    CHECK(at(f, back, "/etc/gone").is_whiteout());
    CHECK(at(f, back, "/caps").xattrs == xf.xattrs);
    CHECK(at(f, back, "/caps").uid == 1000);
    CHECK(at(f, back, "/dev/sda").dev_major == 8);
}

TEST_CASE("LayerTarWriter writes write_layer_tar's bytes a slice at a time (issue 14)") {
    Fx f;
    LayerBuilder b(f.s.paths);
    b.put(f.dir("/etc"));
    b.put(f.file("/etc/motd", "hello\n"));
    Entry hard = f.file("/etc/motd", "hello\n");
    b.find(f.s.paths.find("/etc/motd"))->link_group = 1;
    hard.path = f.s.paths.intern("/etc/motd.hard");
    hard.link_group = 1;
    b.put(hard);
    b.put(f.opaque_dir("/var/cache"));
    b.put(f.dir("/var"));
    b.put(f.wh("/etc/gone"));
    b.put(f.sym("/bin/sh", "busybox"));
    b.put(f.dir("/bin"));
    b.put(f.dir("/data"));
    Entry big = f.file("/data/big.bin", "");
    big.blob = f.s.blobs.random((300 << 10) + 7, 11);  // 4.6 pieces of 64 KiB, an odd tail
    b.put(big);
    Entry empty = f.file("/data/empty", "");
    b.put(empty);
    LayerPtr l = b.freeze(f.s.blobs);
    const std::string whole = layer_tar_bytes(*l, f.s.paths, f.s.blobs);
    for (uint64_t budget : {uint64_t(1), uint64_t(511), uint64_t(4096), uint64_t(65537), uint64_t(1) << 30}) {
        CAPTURE(budget);
        LayerTarWriter w(*l, f.s.paths, f.s.blobs);
        std::string out;
        int calls = 0;
        while (!w.write_some([&](const char* p, size_t n) { out.append(p, n); }, budget)) {
            ++calls;
            REQUIRE(calls < 100000);
        }
        CHECK(w.done());
        CHECK(w.written() == out.size());
        CHECK(out == whole);
        if (budget < 4096) CHECK(calls > 10);  // it did stop between pieces
        CHECK(w.write_some([&](const char* p, size_t n) { out.append(p, n); }, budget));  // done stays done
        CHECK(out.size() == whole.size());
    }
}

TEST_CASE("names longer than 100 and than 255 bytes round trip (ustar prefix, pax path)") {
    Fx f;
    std::string mid = "/" + std::string(90, 'm') + "/" + std::string(40, 'n');  // 132: ustar prefix + name
    std::string deep = "/" + std::string(150, 'a') + "/" + std::string(120, 'b') + "/" + std::string(200, 'c');  // 473
    std::string one = "/" + std::string(200, 'z');  // a 200-byte component
    std::string target(300, 't');
    LayerPtr l = f.layer({f.file(mid, "m"), f.file(deep, "d"), f.file(one, "o"), f.sym("/long-link", target)});
    std::string tar = layer_tar_bytes(*l, f.s.paths, f.s.blobs);
    CHECK(tar.find("path=/") == std::string::npos);  // relative names in the tar
    CHECK(tar.find(" path=" + deep.substr(1)) != std::string::npos);
    CHECK(tar.find(" linkpath=" + target) != std::string::npos);
    LayerPtr back = must_read(f, tar);
    CHECK(layer_listing(*back, f.s) == layer_listing(*l, f.s));
    CHECK(at(f, back, "/long-link").target == target);
    CHECK(f.s.blobs.read_all(at(f, back, deep).blob) == "d");
}

TEST_CASE("a 9 GiB file round-trips through a pax size record without being materialized") {
    Fx f;
    const uint64_t size = (uint64_t(9) << 30) + 3;  // > 8 GiB: the 11-digit octal field cannot hold it
    Entry big;
    big.path = f.s.paths.intern("/data/huge.img");
    big.type = EntryType::file;
    big.blob = f.s.blobs.fill(size, 0xab);
    LayerPtr l = f.layer({f.dir("/data"), big});
    // Capture the headers and the tail; count the rest (the writer streams).
    std::string head, tail;
    uint64_t total = 0;
    write_layer_tar(*l, f.s.paths, f.s.blobs, [&](const char* p, size_t n) {
        if (head.size() < 2048) head.append(p, std::min<size_t>(n, 2048 - head.size()));
        if (n >= 4096) {
            tail.assign(p + n - 4096, 4096);
        } else {
            tail.append(p, n);
            if (tail.size() > 4096) tail.erase(0, tail.size() - 4096);
        }
        total += n;
    });
    CHECK(head.find(" size=9663676419\n") != std::string::npos);
    const uint64_t padded = (size + 511) / 512 * 512;
    const uint64_t header_bytes = total - padded - 1024;
    REQUIRE(header_bytes == 512 + 512 + 512 + 512);  // data/ ; pax header + records ; file header
    // The same tar as a blob: real header bytes, the synthetic data, the padding and end blocks.
    BlobId tar = f.s.blobs.concat(f.s.blobs.bytes(head.substr(0, size_t(header_bytes))), big.blob);
    tar = f.s.blobs.concat(tar, f.s.blobs.bytes(tail.substr(tail.size() - size_t(padded - size + 1024))));
    REQUIRE(f.s.blobs.size(tar) == total);
    auto back = read_layer_tar(tar, f.s.paths, f.s.blobs, "huge.tar");
    REQUIRE_MESSAGE(back, (back ? "" : back.error().describe()));
    const Entry& e = at(f, back.value(), "/data/huge.img");
    CHECK(f.s.blobs.size(e.blob) == size);
    char last[4] = {};
    CHECK(f.s.blobs.read(e.blob, size - 4, 4, last) == 4);
    CHECK(std::string(last, 4) == std::string(4, '\xab'));
    CHECK(back.value()->size() == size);
    // The limit on declared sizes applies before anything is read.
    auto limited = read_layer_tar(tar, f.s.paths, f.s.blobs, "huge.tar", TarLimits{1000, uint64_t(1) << 30, 4096});
    REQUIRE_FALSE(limited);
    CHECK(limited.error().code == Errc::too_large);
    CHECK(limited.error().message.find("entry 2 (data/huge.img): declares 9663676419 bytes") == 0);
}

TEST_CASE("uid and gid above 2097151 and a negative mtime round trip through pax records") {
    Fx f;
    Entry e = f.file("/owned", "x");
    e.uid = 3000000;
    e.gid = 4000000;
    e.mtime = -1000;
    LayerPtr l = f.layer({e});
    std::string tar = layer_tar_bytes(*l, f.s.paths, f.s.blobs);
    CHECK(tar.find(" uid=3000000\n") != std::string::npos);
    CHECK(tar.find(" mtime=-1000\n") != std::string::npos);
    LayerPtr l2 = must_read(f, tar);
    const Entry& back = at(f, l2, "/owned");
    CHECK(back.uid == 3000000);
    CHECK(back.gid == 4000000);
    CHECK(back.mtime == -1000);
}

TEST_CASE("golden tars hash to the sha256sum recorded when they were made") {
    std::istringstream sums(golden("tar/SHA256SUMS"));
    std::string hex, name;
    int n = 0;
    while (sums >> hex >> name) {
        CAPTURE(name);
        CHECK(sha256(golden("tar/" + name)).hex() == hex);
        ++n;
    }
    CHECK(n == 4);
}

TEST_CASE("DiffID equals the sha256 of the tar bytes written to a file") {
    Fx f;
    LayerPtr l = f.layer({f.dir("/app"), f.file("/app/main.py", "print('hi')\n"), f.wh("/app/old.py")});
    std::string tar = layer_tar_bytes(*l, f.s.paths, f.s.blobs);
    auto path = std::filesystem::temp_directory_path() / "layerlab-test-diffid.tar";
    {
        std::ofstream out(path, std::ios::binary);
        out.write(tar.data(), std::streamsize(tar.size()));
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    std::filesystem::remove(path);
    CHECK(ss.str() == tar);
    CHECK(l->diff_id(f.s.paths, f.s.blobs) == sha256(ss.str()));
    // And a tar made by GNU tar keeps the digest `sha256sum` gave it when imported.
    Fx g;
    std::string gnu = golden("tar/gnu.tar");
    LayerPtr gl = must_read(g, gnu);
    CHECK(sha256(gnu).hex() == "b241e85d30e6e4eeadde16702df9e929d5b97a820300d59dea06e7efa279fe6c");
    CHECK(gl->size() == 6 + 5 + 1 + 150 + 22);  // motd once (hard link), keep, x, two symlink targets
}

TEST_CASE("tars made by GNU tar read as Python's tarfile lists them") {
    // gnu.tar: GNU 'L'/'K' long names; gnu-big.tar: base-256 uid/gid and a
    // negative mtime; pax.tar: the same tree in POSIX pax format.
    for (const char* name : {"gnu", "gnu-big", "pax"}) {
        CAPTURE(name);
        Fx f;
        LayerPtr l = must_read(f, golden(std::string("tar/") + name + ".tar"));
        CHECK(layer_listing(*l, f.s) == golden(std::string("tar/") + name + ".txt"));
    }
    Fx f;
    LayerPtr big = must_read(f, golden("tar/gnu-big.tar"));
    CHECK(at(f, big, "/etc/motd").mtime == -1000);
    CHECK(at(f, big, "/etc/motd").uid == 3000000);
}

TEST_CASE("a Python pax tar: global header ignored, opaque marker after its file, names cleaned") {
    Fx f;
    LayerPtr l = must_read(f, golden("tar/py-pax.tar"));
    // The global header says uid=77; GNU tar and Python apply it, Docker and
    // containerd ignore global headers, and so do we: uid 0.
    // "/abs/name" and "x//y/./z" are cleaned; their parents have no entries
    // (the tar has none), as in the archive.
    std::string n120(120, 'n'), f200(200, 'f');
    std::string listing = layer_listing(*l, f.s);
    CHECK(listing == "/abs/name\tfile\t0644\t0:0\t4\tsha256:" + sha256("abs\n").hex().substr(0, 16) +
                         "\n"
                         "/big-uid\tfile\t0644\t3000000:4000000\t1\tsha256:" +
                         sha256("u").hex().substr(0, 16) +
                         "\n"
                         "/d\tdir\t0755\t0:0\n"
                         "/d\topaque\n"
                         "/d/newfile\tfile\t0644\t0:0\t4\tsha256:" +
                         sha256("new\n").hex().substr(0, 16) +
                         "\n"
                         "/deleted\tdir\t0755\t0:0\n"
                         "/deleted/thing\twhiteout\n"
                         "/neg-mtime\tfile\t0644\t0:0\t1\tsha256:" +
                         sha256("m").hex().substr(0, 16) +
                         "\n"
                         "/" +
                         n120 + "/" + f200 + "\tfile\t0644\t0:0\t5\tsha256:" + sha256("long\n").hex().substr(0, 16) +
                         "\n"
                         "/x/y/z\tfile\t0644\t0:0\t2\tsha256:" +
                         sha256("z\n").hex().substr(0, 16) +
                         "\n"
                         "/xattr-file\tfile\t0644\t0:0\t1\tsha256:" +
                         sha256("x").hex().substr(0, 16) +
                         "\txattr:security.capability=\\x01\\x00\\x00\\x02\txattr:user.test=hello\n");
    CHECK(at(f, l, "/neg-mtime").mtime == -2);                    // -1.5 s, rounded down as Go's Unix() does
    CHECK(f.s.paths.find("/.wh..wh.plnk/123.456") == k_no_path);  // AUFS metadata skipped
}

TEST_CASE("both whiteout forms hide the lower entries") {
    Fx f;
    LayerPtr lower = f.layer({f.dir("/d"), f.file("/d/a", "a"), f.file("/d/b", "b"), f.file("/x", "x")});
    SUBCASE("one .wh.NAME per removed child") {
        LayerPtr up =
            must_read(f, RawTar().dir("d/").entry("d/.wh.a", '0').entry("d/.wh.b", '0').entry(".wh.x", '0').end());
        CHECK(up->whiteouts() == 3);
        Image img = f.image({lower, up});
        CHECK(f.what(img, "/d") == "dir");
        CHECK(f.what(img, "/d/a") == "-");
        CHECK(f.what(img, "/d/b") == "-");
        CHECK(f.what(img, "/x") == "-");
    }
    SUBCASE("an opaque marker for the directory") {
        LayerPtr up = must_read(f, RawTar().dir("d/").entry("d/.wh..wh..opq", '0').end());
        CHECK(up->opaques() == 1);
        Image img = f.image({lower, up});
        CHECK(f.what(img, "/d") == "dir");
        CHECK(f.what(img, "/d/a") == "-");
        CHECK(f.what(img, "/x") == "file");
    }
}

TEST_CASE("an opaque marker after a file of its directory hides only the lower entries") {
    Fx f;
    LayerPtr lower = f.layer({f.dir("/d"), f.file("/d/old", "o")});
    SUBCASE("marker after the file") {
        LayerPtr up = must_read(f, RawTar().dir("d/").file("d/new", "n").entry("d/.wh..wh..opq", '0').end());
        Image img = f.image({lower, up});
        CHECK(f.content(img, "/d/new") == "n");
        CHECK(f.what(img, "/d/old") == "-");
    }
    SUBCASE("marker before its directory's own entry") {
        LayerPtr up = must_read(f, RawTar().entry("d/.wh..wh..opq", '0').dir("d/").file("d/new", "n").end());
        CHECK(at(f, up, "/d").opaque);
        Image img = f.image({lower, up});
        CHECK(f.content(img, "/d/new") == "n");
        CHECK(f.what(img, "/d/old") == "-");
    }
}

TEST_CASE("names are cleaned like Docker's filepath.Clean, and may not climb out of the root") {
    struct Case {
        const char* name;
        const char* path;  // nullptr: refused
    };
    const Case cases[] = {
        {"./a", "/a"},    {"/abs/name", "/abs/name"}, {"a//b/./c", "/a/b/c"}, {"a/../b", "/b"}, {"/../x", "/x"},
        {"dir/", "/dir"}, {"../etc/passwd", nullptr}, {"a/../../x", nullptr}, {"..", nullptr},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        Fx f;
        auto r = read(f, RawTar().file(c.name, "x").end());
        if (c.path) {
            REQUIRE_MESSAGE(r, (r ? "" : r.error().describe()));
            CHECK(f.s.paths.find(c.path) != k_no_path);
            CHECK(r.value()->find(f.s.paths.find(c.path)) != nullptr);
        } else {
            REQUIRE_FALSE(r);
            CHECK(r.error().code == Errc::unsafe_path);
            CHECK(r.error().message ==
                  "entry 1 (" + std::string(c.name) + "): the name leads outside the root ('..' climbs above '/')");
            CHECK(r.error().describe().rfind("test.tar: error: entry 1", 0) == 0);
        }
    }
    SUBCASE("the root entry \"./\" is not a change") {
        Fx f;
        LayerPtr l = must_read(f, RawTar().dir("./").dir("a/").end());
        CHECK(l->entries().size() == 1);
    }
}

TEST_CASE("symlinks may point outside the root, but resolving them never leaves '/'") {
    // Layers may hold any target; a container resolves it inside its own root,
    // where ".." at "/" stays at "/" (view.h resolve()).
    Fx f;
    LayerPtr base = f.layer({f.dir("/etc"), f.file("/etc/passwd", "root:x:0:0")});
    LayerPtr up = must_read(f, RawTar()
                                   .dir("a/")
                                   .entry("a/up", '2', "../../../../../etc")
                                   .entry("abs", '2', "/../../etc/passwd")
                                   .entry("a/root", '2', "../../../../..")
                                   .end());
    CHECK(at(f, up, "/a/up").target == "../../../../../etc");
    Image img = f.image({base, up});
    ImageView v(img, f.s.paths);
    Resolution r = resolve(v, f.s.paths, "/a/up/passwd", true);
    REQUIRE(r);
    CHECK(f.s.paths.str(r.node.path) == "/etc/passwd");
    CHECK(f.content(img, "/abs") == "root:x:0:0");
    Resolution root = resolve(v, f.s.paths, "/a/root", true);
    REQUIRE(root);
    CHECK(root.node.path == k_root_path);
    Resolution beyond = resolve(v, f.s.paths, "/a/root/../../etc/passwd", true);
    REQUIRE(beyond);
    CHECK(f.s.paths.str(beyond.node.path) == "/etc/passwd");
}

TEST_CASE("hard links join their target's inode; a link to a name not in the layer is an error") {
    Fx f;
    LayerPtr l = must_read(f, RawTar().file("a", "data").entry("b", '1', "a").entry("c", '1', "./b").end());
    const Entry& a = at(f, l, "/a");
    CHECK(a.link_group != 0);
    CHECK(at(f, l, "/b").link_group == a.link_group);
    CHECK(at(f, l, "/c").link_group == a.link_group);
    CHECK(l->link_count(a.link_group) == 3);
    CHECK(l->size() == 4);  // one inode
    auto missing = read(f, RawTar().file("a", "x").entry("etc/link", '1', "etc/passwd").end());
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == Errc::bad_tar);
    CHECK(missing.error().message ==
          "entry 2 (etc/link): hard link to 'etc/passwd', which is not an earlier entry of this layer");
    auto escape = read(f, RawTar().entry("l", '1', "../../etc/passwd").end());
    REQUIRE_FALSE(escape);
    CHECK(escape.error().code == Errc::unsafe_path);
    auto later = read(f, RawTar().entry("l", '1', "t").file("t", "x").end());
    REQUIRE_FALSE(later);
    CHECK(later.error().message.find("not an earlier entry") != std::string::npos);
    auto to_dir = read(f, RawTar().dir("d/").entry("l", '1', "d").end());
    REQUIRE_FALSE(to_dir);
    CHECK(to_dir.error().message.find("hard link to a directory") != std::string::npos);
}

TEST_CASE("signed checksums, V7 headers, GNU long names and unterminated archives are accepted") {
    Fx f;
    SUBCASE("a header summed with signed chars (old Sun tar)") {
        std::string h = header("caf\xc3\xa9", '0', 0);
        set_checksum(h.data(), /*signed_sum=*/true);
        LayerPtr l = must_read(f, RawTar().raw(h).end());
        CHECK(f.s.paths.find("/caf\xc3\xa9") != k_no_path);
    }
    SUBCASE("a V7 header: no magic, a directory only by its trailing slash") {
        std::string h = header("olddir/", '\0', 0, {}, 0755);
        std::memset(h.data() + 257, 0, 8);
        set_checksum(h.data());
        LayerPtr l = must_read(f, RawTar().raw(h).end());
        CHECK(at(f, l, "/olddir").is_dir());
    }
    SUBCASE("GNU 'L' and 'K' records carry the long names") {
        std::string name = std::string(150, 'L') + "/file", target(130, 'K');
        LayerPtr l = must_read(f, RawTar()
                                      .raw(header("././@LongLink", 'L', name.size() + 1) + pad(name + '\0'))
                                      .raw(header("././@LongLink", 'K', target.size()) + pad(target))
                                      .entry("short", '2', "short-target")
                                      .end());
        CHECK(at(f, l, "/" + name).target == target);
    }
    SUBCASE("no end-of-archive blocks (Go's reader accepts this too)") {
        LayerPtr l = must_read(f, RawTar().file("a", "x").bytes);
        CHECK(l->entries().size() == 1);
    }
    SUBCASE("one zero block, then the end") {
        LayerPtr l = must_read(f, RawTar().file("a", "x").bytes + std::string(512, '\0'));
        CHECK(l->entries().size() == 1);
    }
    SUBCASE("anything after the two end blocks is ignored") {
        LayerPtr l = must_read(f, RawTar().file("a", "x").end() + "trailing junk that is not a tar at all");
        CHECK(l->entries().size() == 1);
    }
    SUBCASE("an empty stream is an empty layer") {
        LayerPtr l = must_read(f, "");
        CHECK(l->empty());
    }
    SUBCASE("pax records override the header; SCHILY.xattr values may hold any byte") {
        LayerPtr l = must_read(f, RawTar()
                                      .pax(pax_record("path", "real/name") + pax_record("uid", "4294967295") +
                                           pax_record("SCHILY.xattr.user.bin", std::string("\0\n\xff", 3)))
                                      .file("short", "x")
                                      .end());
        const Entry& e = at(f, l, "/real/name");
        CHECK(e.uid == 4294967295u);
        REQUIRE(e.xattrs.size() == 1);
        CHECK(e.xattrs[0].value == std::string("\0\n\xff", 3));
    }
}

TEST_CASE("bad tar input gives a clear error naming the entry, never a crash") {
    std::string good = RawTar().file("etc/passwd", std::string(1000, 'p')).file("b", "b").end();
    std::string bad_sum = good;
    bad_sum[0] = 'E';  // name changed, checksum not
    std::string bad_octal = good;
    std::memcpy(bad_octal.data() + 124, "12345678z00", 11);
    set_checksum(bad_octal.data());
    std::string base256_overflow = good;
    std::memset(base256_overflow.data() + 124, 0xff, 12);
    base256_overflow[124] = char(0x80);
    set_checksum(base256_overflow.data());
    std::string huge = header("huge", '0', 0);
    std::memcpy(huge.data() + 124, "77777777777", 11);  // 8 GiB - 1 declared, nothing follows
    set_checksum(huge.data());
    std::string negative = header("neg", '0', 0);
    std::memset(negative.data() + 124, 0xff, 12);  // base-256 -1
    set_checksum(negative.data());
    std::string garbage;
    uint32_t seed = 12345;
    for (int i = 0; i < 4096; ++i) {
        seed = seed * 1103515245u + 12345u;
        garbage += char(seed >> 16);
    }

    struct Case {
        const char* what;
        std::string input;
        Errc code;
        const char* says;
        TarLimits limits = {};
    };
    const Case cases[] = {
        {"truncated header", good.substr(0, 300), Errc::bad_tar,
         "entry 1 (header at byte 0): truncated header: only 300 of 512 bytes"},
        {"truncated second header", good.substr(0, 512 + 1024 + 100), Errc::bad_tar,
         "entry 2 (header at byte 1536): truncated header"},
        {"truncated data", good.substr(0, 512 + 600), Errc::bad_tar,
         "entry 1 (etc/passwd): truncated: declares 1000 bytes of data but only 600 remain"},
        {"truncated padding", good.substr(0, 512 + 1000), Errc::bad_tar,
         "entry 1 (etc/passwd): truncated: the archive ends inside the padding"},
        {"bad checksum", bad_sum, Errc::bad_tar, "entry 1 (header at byte 0): header checksum mismatch"},
        {"random garbage", garbage, Errc::bad_tar, "entry 1 (header at byte 0): "},
        {"text file", "hello, I am not a tar file\n" + std::string(600, 'x'), Errc::bad_tar, "not a tar header"},
        {"bad octal digit", bad_octal, Errc::bad_tar, "entry 1 (etc/passwd): invalid size field"},
        {"base-256 overflow", base256_overflow, Errc::bad_tar, "invalid size field"},
        {"negative size", negative + std::string(1024, '\0'), Errc::bad_tar, "entry 1 (neg): invalid size field"},
        {"../etc/passwd", RawTar().file("../etc/passwd", "x").end(), Errc::unsafe_path,
         "entry 1 (../etc/passwd): the name leads outside the root"},
        {"whiteout of ..", RawTar().entry("a/.wh..", '0').end(), Errc::unsafe_path,
         "a whiteout may not name '.' or '..'"},
        {"huge declared size", huge + std::string(1024, '\0'), Errc::too_large,
         "entry 1 (huge): declares 8589934591 bytes (8.0 GiB), more than the limit of 1.0 GiB",
         TarLimits{1000, uint64_t(1) << 30, 4096}},
        {"declared size beyond the input", huge + std::string(1024, '\0'), Errc::bad_tar,
         "entry 1 (huge): truncated: declares 8589934591 bytes of data but only 1024 remain"},
        {"pax size beyond the limit", RawTar().pax(pax_record("size", "99999999999999999")).file("f", "").end(),
         Errc::too_large, "entry 1 (f): declares 99999999999999999 bytes"},
        {"too many entries", RawTar().file("a", "").file("b", "").file("c", "").end(), Errc::too_large,
         "more than 2 entries (the limit)", TarLimits{2, 1000, 4096}},
        {"name longer than the limit", RawTar().pax(pax_record("path", std::string(5000, 'a'))).file("f", "").end(),
         Errc::too_large, "name of 5000 bytes (more than the limit of 4096)"},
        {"component longer than 255", RawTar().pax(pax_record("path", std::string(300, 'a'))).file("f", "").end(),
         Errc::too_large, "a path component is longer than 255 bytes"},
        {"huge pax header", RawTar().raw(header("PaxHeaders/x", 'x', 2 << 20)).end(), Errc::too_large,
         "extended header of 2097152 bytes"},
        {"malformed pax record", RawTar().pax("9 path=\n").file("f", "").end(), Errc::bad_tar, "malformed pax record"},
        {"pax record longer than its header", RawTar().pax("99 path=x\n").file("f", "").end(), Errc::bad_tar,
         "malformed pax record (bad length)"},
        {"bad pax uid", RawTar().pax(pax_record("uid", "12x")).file("f", "").end(), Errc::bad_tar,
         "entry 1 (f): invalid pax uid '12x'"},
        {"uid out of range", RawTar().pax(pax_record("uid", "-1")).file("f", "").end(), Errc::bad_tar,
         "uid or gid out of range (-1:0)"},
        {"pax header then end of archive", RawTar().pax(pax_record("path", "x")).end(), Errc::bad_tar,
         "an extended header is followed by the end of the archive"},
        {"pax header then end of input", RawTar().pax(pax_record("path", "x")).bytes, Errc::bad_tar,
         "the archive ends right after an extended header"},
        {"one zero block, then data", RawTar().file("a", "x").bytes + std::string(512, '\0') + header("b"),
         Errc::bad_tar, "a single zero block is followed by more data"},
        {"unknown type", RawTar().entry("weird", 'Z').end(), Errc::unsupported,
         "entry 1 (weird): unsupported entry type 'Z'"},
        {"GNU sparse", RawTar().entry("sparse", 'S').end(), Errc::unsupported, "GNU sparse files are not supported"},
        {"pax sparse", RawTar().pax(pax_record("GNU.sparse.major", "1")).file("f", "").end(), Errc::unsupported,
         "sparse files"},
        {"opaque marker at the root", RawTar().entry(".wh..wh..opq", '0').end(), Errc::unsupported,
         "an opaque marker at the root"},
        {"root entry that is a file", RawTar().file("./", "").end(), Errc::bad_tar,
         "names the root directory but is not a directory"},
        {"symlink without a target", RawTar().entry("s", '2', "").end(), Errc::bad_tar, "symlink with an empty target"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        Fx f;
        auto r = read(f, c.input, c.limits);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == c.code);
        CHECK_MESSAGE(r.error().message.find(c.says) != std::string::npos, r.error().message);
        CHECK(r.error().where.file == "test.tar");
    }
}

TEST_CASE("every prefix of a valid tar is either read or refused cleanly") {
    // Cut a real tar at every 37th byte: no crash, and an error unless the cut
    // falls on a block boundary after a whole entry.
    std::string tar = golden("tar/gnu.tar");
    for (size_t n = 0; n < tar.size(); n += 37) {
        Fx f;
        auto r = read(f, std::string_view(tar).substr(0, n));
        if (!r) CHECK((r.error().code == Errc::bad_tar || r.error().code == Errc::too_large));
    }
}
