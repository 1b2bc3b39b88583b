// Image references as Docker reads them (reference.h). Expected values and
// messages are those of distribution/reference's ParseNormalizedNamed and
// go-digest (the code Docker and BuildKit use).
#include <doctest/doctest.h>

#include "core/reference.h"

using namespace ll;

namespace {
ImageRef ok(std::string_view s) {
    Result<ImageRef> r = parse_image_ref(s);
    INFO(s);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
    return *r;
}
std::string bad(std::string_view s) {
    Result<ImageRef> r = parse_image_ref(s);
    INFO(s);
    REQUIRE_FALSE(r.ok());
    return r.error().message;
}
}  // namespace

TEST_CASE("references: familiar names become docker.io/library/...") {
    ImageRef py = ok("python:3.11-slim");
    CHECK(py.domain == "docker.io");
    CHECK(py.path == "library/python");
    CHECK(py.tag == "3.11-slim");
    CHECK(py.repository() == "python");
    CHECK(py.familiar() == "python:3.11-slim");
    CHECK(py.canonical() == "docker.io/library/python:3.11-slim");
    CHECK(ok("alpine").familiar() == "alpine:latest");
    CHECK(ok("alpine").tag.empty());
    CHECK(ok("docker.io/library/node:18-alpine").familiar() == "node:18-alpine");
    CHECK(ok("docker.io/node:18-alpine").familiar() == "node:18-alpine");
    CHECK(ok("index.docker.io/library/node").familiar() == "node:latest");
    CHECK(ok("library/redis:7").familiar() == "redis:7");
    CHECK(ok("louislam/uptime-kuma:base2").repository() == "louislam/uptime-kuma");
    CHECK(ok("louislam/uptime-kuma:base2").domain == "docker.io");
}

TEST_CASE("references: registries, ports, digests") {
    ImageRef ms = ok("mcr.microsoft.com/dotnet/sdk:8.0");
    CHECK(ms.domain == "mcr.microsoft.com");
    CHECK(ms.path == "dotnet/sdk");
    CHECK(ms.repository() == "mcr.microsoft.com/dotnet/sdk");
    CHECK(ok("ghcr.io/owner/app").familiar() == "ghcr.io/owner/app:latest");
    CHECK(ok("quay.io/rockylinux/rockylinux:9").domain == "quay.io");
    CHECK(ok("gcr.io/distroless/static").path == "distroless/static");
    CHECK(ok("localhost:5000/app:1").domain == "localhost:5000");
    CHECK(ok("localhost/busybox-base").domain == "localhost");
    CHECK(ok("[::1]:5000/app").domain == "[::1]:5000");
    // "localhost:5000" alone is the image localhost with tag 5000
    CHECK(ok("localhost:5000").familiar() == "localhost:5000");
    const std::string d = "sha256:26730869004e2b9c4b9ad09cab8625e81d256d1ce97e72df5520e806b1709f92";
    ImageRef pin = ok("python:3.14.6-alpine@" + d);
    CHECK(pin.tag == "3.14.6-alpine");
    CHECK(pin.digest == d);
    CHECK(pin.canonical() == "docker.io/library/python:3.14.6-alpine@" + d);
    ImageRef only = ok("node@" + d);
    CHECK(only.tag.empty());
    CHECK(only.canonical() == "docker.io/library/node@" + d);
    // a first component with capitals is a registry name, and those may have capitals
    CHECK(ok("Registry/app").domain == "Registry");
    // separators inside path components
    CHECK(ok("docker.io/a__b-c---e/f_g.h:T.1-x").path == "a__b-c---e/f_g.h");
}

TEST_CASE("references: Docker's words for bad ones") {
    CHECK(bad("UPPER:Case") == "invalid reference format: repository name (library/UPPER) must be lowercase");
    CHECK(bad("ghcr.io/Owner/app:1") == "invalid reference format: repository name (Owner/app) must be lowercase");
    CHECK(bad("a:b:c") == "invalid reference format");
    CHECK(bad("ubuntu:") == "invalid reference format");
    CHECK(bad("node:-bookworm-slim") == "invalid reference format");
    CHECK(bad(":") == "invalid reference format");
    CHECK(bad("a b") == "invalid reference format");
    CHECK(bad("app_:1") == "invalid reference format");
    CHECK(bad("ghcr.io/") == "invalid reference format");
    CHECK(bad("x:" + std::string(129, 't')) == "invalid reference format");
    CHECK(bad("x@sha256:abc") == "invalid reference format");  // fewer than 32 hex digits
    CHECK(bad("x@sha256:" + std::string(40, 'a')) == "invalid checksum digest length");
    CHECK(bad("x@sha256:" + std::string(64, 'A')) == "invalid checksum digest format");
    CHECK(bad("x@md5:" + std::string(32, 'a')) == "unsupported digest algorithm");
    CHECK(bad(std::string(64, 'a')) ==
          "invalid repository name (" + std::string(64, 'a') + "), cannot specify 64-byte hexadecimal strings");
    CHECK(bad("x/" + std::string(260, 'a')) == "repository name must not be more than 255 characters");
}
