// Tests of core/base.h: the shared vocabulary (byte counts, error places).
#include "core/base.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>

using namespace ll;

TEST_CASE("format_bytes uses binary units with one decimal under ten") {
    CHECK(format_bytes(0) == "0 B");
    CHECK(format_bytes(512) == "512 B");
    CHECK(format_bytes(1023) == "1023 B");
    CHECK(format_bytes(1024) == "1.0 KiB");
    CHECK(format_bytes(1536) == "1.5 KiB");
    CHECK(format_bytes(100ull * 1024 * 1024) == "100 MiB");
    CHECK(format_bytes(1024ull * 1024 * 1024) == "1.0 GiB");
}

TEST_CASE("SourceLoc::str prints only what is known") {
    SUBCASE("file, line and column") { CHECK(SourceLoc{"Dockerfile", 3, 5}.str() == "Dockerfile:3:5"); }
    SUBCASE("file and line") { CHECK(SourceLoc{"Dockerfile", 3, 0}.str() == "Dockerfile:3"); }
    SUBCASE("whole file") { CHECK(SourceLoc{"layer.tar", 0, 7}.str() == "layer.tar"); }
    SUBCASE("nothing") { CHECK(SourceLoc{}.str().empty()); }
}

TEST_CASE("Error::describe reads like a compiler message") {
    Error e = make_error(Errc::unknown_instruction, "unknown instruction COPPY", {"Dockerfile", 3, 1});
    CHECK(e.describe() == "Dockerfile:3:1: error: unknown instruction COPPY");
    CHECK(std::string(errc_name(Errc::exdev)) == "EXDEV");
}

TEST_CASE("Result carries either a value or an error") {
    Result<int> good = 42;
    REQUIRE(good);
    CHECK(*good == 42);
    Result<int> bad = make_error(Errc::enoent, "no such file");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == Errc::enoent);
    Status fine;
    CHECK(fine.ok());
}

TEST_CASE("the source tree is reachable for golden files") {
    // LAYERLAB_SOURCE_DIR must work natively and under node (NODERAWFS)
    std::string path = std::string(LAYERLAB_SOURCE_DIR) + "/src/core/base.h";
    std::FILE* f = std::fopen(path.c_str(), "rb");
    REQUIRE_MESSAGE(f != nullptr, "cannot open " << path);
    std::fclose(f);
}
