// ADD of local archives (copy.cpp): the limits, the errors with both places,
// and the way BuildKit's and buildah's chrooted untar lays an archive out
// (checked with the buildah oracle: tests/build/cases/17-add-archive-paths).
#include <doctest/doctest.h>

#include <string>

#include "core/gzip.h"
#include "test_build_fixture.h"
#include "test_tar_fixture.h"

using namespace ll;
using ll::test::BuildFx;
using ll::test::RawTar;

namespace {

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

// The first error of a failed build, described ("Dockerfile:2:1: error: ...").
std::string failure(const build::Builder& b) {
    REQUIRE(b.failed());
    REQUIRE(b.error());
    return b.error()->describe();
}

// Bytes that do not compress (so a cut gzip stream is cut inside the data).
std::string noise(size_t n) {
    std::string s(n, '\0');
    uint64_t x = 0x9E3779B97F4A7C15ull;
    for (char& c : s) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        c = char('a' + x % 26);
    }
    return s;
}

// A tar holding one file of `size` zero bytes (a multiple of 1 MiB) as a
// gzip bomb: gzip members may be concatenated (gzip(1), Go's reader and so
// BuildKit accept it), so one member of 1 MiB of zeros, about 1 KiB, is
// repeated; the archive is never held in memory uncompressed.
std::string zero_bomb(uint64_t size) {
    const std::string mib_of_zeros = gzip(std::string(1 << 20, '\0'), 9);
    std::string out = gzip(test::header("zeros.bin", '0', size), 9);
    for (uint64_t i = 0; i < size >> 20; ++i) out += mib_of_zeros;
    return out + gzip(std::string(1024, '\0'), 9);
}

}  // namespace

TEST_CASE("ADD of a gzip bomb is refused while it is decompressed, at the ADD line, and not copied as a file") {
    BuildFx fx;
    const std::string bomb = zero_bomb(uint64_t(300) << 20);
    CHECK(bomb.size() < (1u << 20));
    fx.file("bomb.tar.gz", bomb);
    auto b = fx.build("FROM busybox\nADD bomb.tar.gz /opt/\n");
    const std::string e = failure(*b);
    CHECK(contains(e, "Dockerfile:2:1: error: ADD bomb.tar.gz: the archive decompresses to more than 256 MiB"));
    CHECK(contains(e, "gzip bomb"));
    CHECK(b->error()->code == Errc::too_large);
    // Under the limit the same kind of archive unpacks.
    BuildFx fx2;
    fx2.file("big.tar.gz", zero_bomb(uint64_t(20) << 20));
    auto ok = fx2.ok("FROM busybox\nADD big.tar.gz /opt/\n");
    const Entry* zeros = ok->result().find(fx2.store.paths.find("/opt/zeros.bin"));
    REQUIRE(zeros);
    CHECK(fx2.store.blobs.size(zeros->blob) == (uint64_t(20) << 20));
}

TEST_CASE("ADD of a damaged archive reports the error instead of copying the archive as a plain file") {
    BuildFx fx;
    const std::string tar = RawTar().file("a.txt", "hello\n").file("b.txt", noise(100000)).end();
    const std::string gz = gzip(tar);
    SUBCASE("gzip cut short after its first header") {
        fx.file("cut.tar.gz", gz.substr(0, gz.size() / 2));
        const std::string e = failure(*fx.build("FROM busybox\nADD cut.tar.gz /opt/\n"));
        CHECK(contains(e, "Dockerfile:2:1: error: ADD cut.tar.gz"));
        CHECK(contains(e, "truncated"));
    }
    SUBCASE("a tar cut inside an entry") {
        fx.file("cut.tar", tar.substr(0, 2048));
        const std::string e = failure(*fx.build("FROM busybox\nRUN true\nADD cut.tar /opt/\n"));
        CHECK(contains(e, "Dockerfile:3:1: error: ADD cut.tar: entry 2 (b.txt): truncated"));
    }
    SUBCASE("what is not an archive from its first header on is still copied as a file, as BuildKit does") {
        fx.file("text.tar.gz", gzip("just text, no tar header\n"));
        fx.file("empty.tar", std::string(1024, '\0'));
        auto b = fx.ok("FROM busybox\nADD text.tar.gz /opt/\nADD empty.tar /opt/\n");
        CHECK(fx.at(b->result(), "/opt/text.tar.gz").rfind("file 0644", 0) == 0);
        CHECK(fx.at(b->result(), "/opt/empty.tar").rfind("file 0644", 0) == 0);
    }
}

// A zstd frame (RFC 8878) holding `data` in raw blocks: valid zstd without a
// compressor (layerlab only decompresses zstd). Single segment, 4-byte
// content size, no checksum; blocks of at most 128 KiB.
std::string zstd_raw(const std::string& data) {
    std::string out("\x28\xb5\x2f\xfd\xa0", 5);
    for (int i = 0; i < 4; ++i) out += char((data.size() >> (8 * i)) & 0xff);
    size_t at = 0;
    do {
        size_t n = std::min<size_t>(data.size() - at, 128 * 1024);
        uint32_t h = uint32_t(at + n == data.size() ? 1 : 0) | uint32_t(n << 3);  // Block_Type 0: raw
        for (int i = 0; i < 3; ++i) out += char((h >> (8 * i)) & 0xff);
        out += data.substr(at, n);
        at += n;
    } while (at < data.size());
    return out;
}

TEST_CASE("ADD unpacks a zstd-compressed tar as it does a .tar.gz (buildah's oracle: ADD x.tar.zst /out/ gives /out/a.txt)") {
    BuildFx fx;
    fx.file("x.tar.zst", zstd_raw(RawTar().file("a.txt", "hello\n").end()));
    fx.file("text.zst", zstd_raw("just text, no tar header\n"));
    auto b = fx.ok("FROM busybox\nADD x.tar.zst /out/\nADD text.zst /opt/\n");
    CHECK(fx.at(b->result(), "/out/a.txt").rfind("file 0644", 0) == 0);
    CHECK(fx.at(b->result(), "/opt/text.zst").rfind("file 0644", 0) == 0);   // not a tar inside: copied
    CHECK(fx.at(b->result(), "/out/x.tar.zst") == "-");
}

TEST_CASE("ADD archive errors name the tar entry and the Dockerfile line") {
    BuildFx fx;
    fx.file("odd.tar", RawTar().file("ok.txt", "ok\n").entry("weird", 'Z').end());
    auto b = fx.build("FROM busybox\nWORKDIR /w\nADD odd.tar /opt/\n");
    const std::string e = failure(*b);
    CHECK(e == "Dockerfile:3:1: error: ADD odd.tar: entry 2 (weird): unsupported entry type 'Z'");
}

TEST_CASE("ADD creates the parent directories a tar does not list: 0755, root, as buildah does") {
    BuildFx fx;
    fx.file("no-parents.tar", RawTar()
                                  .file("a/b/c.txt", "deep\n", 0600, 1000, 1000)
                                  .file("top.txt", "top\n")
                                  .file("x/y/z/w.txt", "w\n", 0644, 5, 6)
                                  .end());
    auto b = fx.ok("FROM busybox\nADD no-parents.tar /opt/n/\n");
    const Image& img = b->result();
    CHECK(fx.at(img, "/opt/n/a") == "dir 0755 0:0");
    CHECK(fx.at(img, "/opt/n/a/b") == "dir 0755 0:0");
    CHECK(fx.at(img, "/opt/n/a/b/c.txt") == "file 0600 1000:1000 deep\n");
    CHECK(fx.at(img, "/opt/n/x/y/z") == "dir 0755 0:0");
    CHECK(fx.at(img, "/opt/n/x/y/z/w.txt") == "file 0644 5:6 w\n");
    CHECK(fx.at(img, "/opt/n/top.txt") == "file 0644 0:0 top\n");
}

TEST_CASE("ADD follows symlinks of the archive only inside the destination, as the chrooted untar does") {
    BuildFx fx;
    SUBCASE("a symlink that climbs out leads to the destination itself") {
        fx.file("climb.tar", RawTar().symlink("up", "../../..").file("up/evil.txt", "evil\n").end());
        auto b = fx.ok("FROM busybox\nADD climb.tar /opt/r/\n");
        CHECK(fx.at(b->result(), "/opt/r/evil.txt") == "file 0644 0:0 evil\n");
        CHECK(fx.at(b->result(), "/evil.txt") == "-");
        CHECK(fx.at(b->result(), "/opt/r/up") == "symlink -> ../../..");
    }
    SUBCASE("an absolute symlink starts again at the destination") {
        fx.file("abs.tar", RawTar().dir("etc").symlink("etcl", "/etc").file("etcl/inside.txt", "in\n").end());
        auto b = fx.ok("FROM busybox\nADD abs.tar /opt/a/\n");
        CHECK(fx.at(b->result(), "/opt/a/etc/inside.txt") == "file 0644 0:0 in\n");
        CHECK(fx.at(b->result(), "/etc/inside.txt") == "-");
    }
    SUBCASE("behind a symlink, a directory the destination lacks is an error, and the image's /etc is untouched") {
        fx.file("evil.tar", RawTar().symlink("etcl", "/etc").file("etcl/passwd", "root::0:0::/:/bin/sh\n").end());
        auto b = fx.build("FROM busybox\nADD evil.tar /opt/a/\n");
        const std::string e = failure(*b);
        CHECK(contains(e,
                       "Dockerfile:2:1: error: ADD evil.tar: entry 2 (etcl/passwd): /etc does not exist inside "
                       "the destination"));
        CHECK(b->error()->code == Errc::enoent);
    }
    SUBCASE("a symlink to a directory of the archive is followed") {
        fx.file("inner.tar", RawTar().dir("real", 0750).symlink("alias", "real").file("alias/f.txt", "f\n").end());
        auto b = fx.ok("FROM busybox\nADD inner.tar /opt/i/\n");
        CHECK(fx.at(b->result(), "/opt/i/real") == "dir 0750 0:0");
        CHECK(fx.at(b->result(), "/opt/i/real/f.txt") == "file 0644 0:0 f\n");
        CHECK(fx.at(b->result(), "/opt/i/alias") == "symlink -> real");
    }
    SUBCASE("names with '..' or a leading '/' stay in the destination") {
        fx.file("names.tar",
                RawTar().file("../up.txt", "up\n").file("/abs/y.txt", "y\n").file("d/../../../z.txt", "z\n").end());
        auto b = fx.ok("FROM busybox\nADD names.tar /opt/c/\n");
        CHECK(fx.at(b->result(), "/opt/c/up.txt") == "file 0644 0:0 up\n");
        CHECK(fx.at(b->result(), "/opt/c/abs/y.txt") == "file 0644 0:0 y\n");
        CHECK(fx.at(b->result(), "/opt/c/z.txt") == "file 0644 0:0 z\n");
        CHECK(fx.at(b->result(), "/up.txt") == "-");
    }
    SUBCASE("a symlink loop is an error, not a hang") {
        fx.file("loop.tar", RawTar().symlink("a", "b").symlink("b", "a").file("a/x", "x\n").end());
        const std::string e = failure(*fx.build("FROM busybox\nADD loop.tar /opt/l/\n"));
        CHECK(contains(e, "ADD loop.tar: entry 3 (a/x): too many levels of symbolic links"));
    }
}

TEST_CASE("ADD applies archive entries in order: the later of two same names wins") {
    BuildFx fx;
    fx.file("twice.tar", RawTar().file("f", "first\n").file("f", "second\n").end());
    auto b = fx.ok("FROM busybox\nADD twice.tar /opt/t/\n");
    CHECK(fx.at(b->result(), "/opt/t/f") == "file 0644 0:0 second\n");
}
