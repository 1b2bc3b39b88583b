// gzip and zstd: round trips, deterministic headers, vectors made by gzip(1)
// and zstd(1), bad input.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/gzip.h"
#include "core/sha256.h"

using namespace ll;

namespace {

std::string golden(const std::string& rel) {
    std::ifstream f(std::string(LAYERLAB_SOURCE_DIR) + "/tests/golden/" + rel, std::ios::binary);
    REQUIRE_MESSAGE(f.good(), "missing golden file tests/golden/" << rel);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

std::string noise(size_t n, uint32_t seed) {
    std::string s(n, '\0');
    for (size_t i = 0; i < n; ++i) {
        seed = seed * 1664525u + 1013904223u;
        s[i] = char(seed >> 24);
    }
    return s;
}

}  // namespace

TEST_CASE("gzip round trip of empty, small, repetitive and incompressible data") {
    for (const std::string& in : {std::string(), std::string("a"), std::string(300000, 'z'), noise(200000, 7)}) {
        std::string gz = gzip(in);
        auto back = gunzip(gz);
        REQUIRE(back);
        CHECK(back.value() == in);
    }
}

TEST_CASE("gzip output is deterministic: mtime 0, no name, OS 255 like Go's compress/gzip") {
    std::string a = gzip("same input"), b = gzip("same input");
    CHECK(a == b);
    REQUIRE(a.size() > 10);
    CHECK(uint8_t(a[0]) == 0x1f);
    CHECK(uint8_t(a[1]) == 0x8b);
    CHECK(uint8_t(a[2]) == 8);                      // deflate
    CHECK(uint8_t(a[3]) == 0);                      // no FNAME, FCOMMENT, FEXTRA, FHCRC
    CHECK(a.substr(4, 4) == std::string(4, '\0'));  // mtime 0
    CHECK(uint8_t(a[9]) == 255);                    // OS unknown
}

TEST_CASE("the streaming writer equals the one-shot helper, whatever the chunking") {
    std::string in = noise(100000, 3) + std::string(100000, 'q');
    std::string out;
    GzipWriter w([&](const char* p, size_t n) { out.append(p, n); });
    for (size_t i = 0; i < in.size(); i += 777) w.write(in.data() + i, std::min<size_t>(777, in.size() - i));
    w.finish();
    CHECK(out == gzip(in));
    CHECK(w.bytes_in() == in.size());
    CHECK(w.bytes_out() == out.size());
}

TEST_CASE("a gzip -9 vector made by gzip(1) decompresses to its sha256sum") {
    std::string gz = golden("gzip/hello.txt.gz");
    auto out = gunzip(gz, "hello.txt.gz");
    REQUIRE(out);
    CHECK(out.value() == golden("gzip/hello.txt"));
    CHECK(sha256(out.value()).hex() == "c76a325b1602a8aae24d38b64a3fe5a2ff0e00d91c87137f782e86e8075a2acc");
    CHECK(sha256(gz).hex() == "1d4fd6ea58d9310407720638a68dcd90e29b4f1e3ec9b9846256b4f42004055a");
}

TEST_CASE("concatenated gzip members decompress as one stream") {
    auto out = gunzip(golden("gzip/two-members.gz"));
    REQUIRE(out);
    CHECK(out.value() == golden("gzip/hello.txt") + "second\n");
    auto own = gunzip(gzip("ab") + gzip("") + gzip("cd"));
    REQUIRE(own);
    CHECK(own.value() == "abcd");
}

TEST_CASE("bad gzip input is a plain error, never a crash") {
    std::string good = gzip(noise(5000, 1));
    struct Case {
        const char* what;
        std::string input;
        Errc code;
        const char* says;
    };
    std::string flipped = good;
    flipped[flipped.size() / 2] = char(flipped[flipped.size() / 2] ^ 0x55);
    std::string bad_crc = good;
    bad_crc[bad_crc.size() - 6] = char(bad_crc[bad_crc.size() - 6] ^ 1);
    std::string bad_len = good;
    bad_len[bad_len.size() - 2] = char(bad_len[bad_len.size() - 2] ^ 1);
    std::string bad_method = good;
    bad_method[2] = 7;
    const Case cases[] = {
        {"zero-length input", "", Errc::bad_gzip, "empty input"},
        {"not gzip at all", "hello world, not compressed", Errc::bad_gzip, "not gzip data"},
        {"only the magic", std::string("\x1f\x8b", 2), Errc::bad_gzip, "truncated"},
        {"truncated in the middle", good.substr(0, good.size() / 2), Errc::bad_gzip, "truncated"},
        {"truncated trailer", good.substr(0, good.size() - 3), Errc::bad_gzip, "truncated"},
        {"corrupt deflate data", flipped, Errc::bad_gzip, "corrupt"},
        {"CRC mismatch", bad_crc, Errc::bad_gzip, "CRC-32 mismatch"},
        {"length mismatch", bad_len, Errc::bad_gzip, "length mismatch"},
        {"unknown method", bad_method, Errc::bad_gzip, "bad gzip header"},
        {"trailing garbage", good + "garbage", Errc::bad_gzip, "trailing data"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        auto r = gunzip(c.input, "blob.gz");
        REQUIRE_FALSE(r);
        CHECK(r.error().code == c.code);
        CHECK_MESSAGE(r.error().message.find(c.says) != std::string::npos, r.error().message);
        CHECK(r.error().message.rfind("blob.gz: ", 0) == 0);
    }
}

TEST_CASE("a gzip bomb stops at the output limit") {
    std::string gz = gzip(std::string(8 << 20, '\0'));  // 8 MiB of zeros: ~8 KiB compressed
    CHECK(gz.size() < 16 * 1024);
    auto r = gunzip(gz, "bomb.gz", GzipLimits{1 << 20});
    REQUIRE_FALSE(r);
    CHECK(r.error().code == Errc::too_large);
    CHECK(r.error().message.find("1.0 MiB") != std::string::npos);
}

TEST_CASE("compression is recognised by its magic number") {
    CHECK(detect_compression(gzip("x")) == Compression::gzip);
    CHECK(detect_compression("BZh91AY&SY") == Compression::bzip2);
    CHECK(detect_compression(std::string("\xfd"
                                         "7zXZ\0\0",
                                         7)) == Compression::xz);
    CHECK(detect_compression(std::string("\x28\xb5\x2f\xfd\x00", 5)) == Compression::zstd);
    CHECK(detect_compression(std::string(1024, '\0')) == Compression::none);
    CHECK(detect_compression("") == Compression::none);
    CHECK(check_compression_supported(Compression::gzip, "x"));
    CHECK(check_compression_supported(Compression::zstd, "x"));
    Status st = check_compression_supported(Compression::bzip2, "layer 0");
    REQUIRE_FALSE(st);
    CHECK(st.error().code == Errc::unsupported);
    CHECK(st.error().message == "layer 0 is bzip2-compressed; layerlab reads gzip, zstd and uncompressed tar");
}

namespace {

// Vectors made by zstd(1) 1.5.4 (Debian bookworm's zstd package), default
// level, with its default content checksum:
//   printf 'hello\n' | zstd -c          printf 'world\n' | zstd -c
//   head -c 1048576 /dev/zero | zstd -c
std::string unhex(std::string_view h) {
    std::string out;
    for (size_t i = 0; i + 1 < h.size(); i += 2) out.push_back(char(std::stoi(std::string(h.substr(i, 2)), nullptr, 16)));
    return out;
}
const std::string k_hello_zst = unhex("28b52ffd045831000068656c6c6f0a5388bd91");
const std::string k_world_zst = unhex("28b52ffd0458310000776f726c640aaa6e569f");
const std::string k_zeros_zst = unhex(
    "28b52ffd04585400001000000100fbff39c00202001000020010000200100002001000020010000200100003001000f13e16e1");

Result<std::string> unzstd_all(std::string_view in, const GzipLimits& lim = {}) {
    std::string out;
    Status st = unzstd(in, [&](const char* p, size_t n) { out.append(p, n); }, "x.zst", lim);
    if (!st) return st.error();
    return out;
}

}  // namespace

TEST_CASE("zstd vectors made by zstd(1) decompress; frames concatenate as zstd -d reads them") {
    CHECK(unzstd_all(k_hello_zst).value() == "hello\n");
    CHECK(unzstd_all(k_hello_zst + k_world_zst).value() == "hello\nworld\n");
    auto z = unzstd_all(k_zeros_zst);
    REQUIRE(z);
    CHECK(z->size() == 1048576);
    CHECK(std::all_of(z->begin(), z->end(), [](char c) { return c == 0; }));
    // decompress() picks the codec by the bytes' magic number
    std::string out;
    REQUIRE(decompress(detect_compression(k_hello_zst), k_hello_zst, [&](const char* p, size_t n) { out.append(p, n); },
                       "x"));
    CHECK(out == "hello\n");
}

TEST_CASE("bad zstd input is a plain error, never a crash; a zstd bomb stops at the output limit") {
    auto truncated = unzstd_all(k_hello_zst.substr(0, 12));
    REQUIRE_FALSE(truncated);
    CHECK(truncated.error().code == Errc::bad_gzip);
    CHECK(truncated.error().message.find("x.zst: truncated: the input ends inside zstd frame 1") == 0);
    std::string flipped = k_hello_zst;
    flipped[flipped.size() - 1] ^= 1;  // the content checksum
    auto bad = unzstd_all(flipped);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message == "x.zst: checksum mismatch: the data is corrupt in frame 1");
    auto trailing = unzstd_all(k_hello_zst + "garbage!");
    REQUIRE_FALSE(trailing);
    CHECK(trailing.error().message == "x.zst: 8 bytes of trailing data after zstd frame 1 (not another zstd frame)");
    CHECK_FALSE(unzstd_all(""));
    CHECK_FALSE(unzstd_all("hello"));
    for (size_t cut = 0; cut < k_zeros_zst.size(); ++cut) CHECK_FALSE(unzstd_all(k_zeros_zst.substr(0, cut)));
    auto bomb = unzstd_all(k_zeros_zst, GzipLimits{1000});
    REQUIRE_FALSE(bomb);
    CHECK(bomb.error().code == Errc::too_large);
}
