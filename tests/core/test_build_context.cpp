// The build context, .dockerignore (moby/patternmatcher) and Go's
// filepath.Match as COPY wildcards use them.
#include <doctest/doctest.h>

#include "core/build/builder.h"

using namespace ll;
using namespace ll::build;

TEST_CASE("path_match follows Go's filepath.Match") {
    CHECK(path_match("*.txt", "a.txt"));
    CHECK_FALSE(path_match("*.txt", "dir/a.txt"));  // '*' never crosses '/'
    CHECK(path_match("*/a.txt", "dir/a.txt"));
    CHECK(path_match("file?.log", "file1.log"));
    CHECK_FALSE(path_match("file?.log", "file10.log"));
    CHECK(path_match("[ab].cfg", "a.cfg"));
    CHECK_FALSE(path_match("[ab].cfg", "c.cfg"));
    CHECK(path_match("[^ab].cfg", "c.cfg"));
    CHECK(path_match("[a-c]x", "bx"));
    CHECK(path_match("\\*", "*"));
    CHECK_FALSE(path_match("\\*", "a"));
    CHECK(path_match("*", ""));
    CHECK(path_match("a*b*c", "aXbYc"));
    CHECK_FALSE(path_match("a*b*c", "aXbY/c"));
    CHECK_FALSE(path_match("[", "["));  // malformed: no match (Go: ErrBadPattern)
    CHECK_FALSE(path_match("a[", "a"));
    CHECK(has_wildcards("*.txt"));
    CHECK(has_wildcards("a[bc]"));
    CHECK_FALSE(has_wildcards("plain/name.txt"));
    CHECK_FALSE(has_wildcards("escaped\\*"));
}

TEST_CASE(".dockerignore: ** crosses directories, ! re-includes, the last match wins") {
    auto r = IgnoreRules::parse(
        "# comment\n**/*.md\n!keep/*.md\nnode_modules\n\n/build\n*.tmp\n!important.tmp\n"
        "secret?.txt\ndocs/api/**\n");
    REQUIRE(r.ok());
    const IgnoreRules& ig = *r;
    CHECK(ig.excluded("README.md"));
    CHECK(ig.excluded("docs/guide.md"));
    CHECK(ig.excluded("a/b/c/deep.md"));
    CHECK_FALSE(ig.excluded("keep/k.md"));  // exception
    CHECK_FALSE(ig.excluded("keep/k.txt"));
    CHECK(ig.excluded("node_modules"));
    CHECK(ig.excluded("node_modules/pkg/index.js"));  // below a matched directory
    CHECK(ig.excluded("build/out/app.bin"));          // leading '/' is ignored
    CHECK(ig.excluded("a.tmp"));
    CHECK_FALSE(ig.excluded("sub/a.tmp"));  // '*' does not cross '/'
    CHECK_FALSE(ig.excluded("important.tmp"));
    CHECK(ig.excluded("secret1.txt"));
    CHECK_FALSE(ig.excluded("secret10.txt"));
    CHECK(ig.excluded("docs/api/ref.txt"));
    CHECK_FALSE(ig.excluded("docs"));
    CHECK_FALSE(ig.excluded("src/main.c"));
    CHECK(ig.has_exceptions());
}

TEST_CASE(".dockerignore: whitespace, CRLF and a BOM are tolerated; an empty file excludes nothing") {
    auto r = IgnoreRules::parse("\xEF\xBB\xBF  *.log  \r\n ! keep.log\r\n");
    REQUIRE(r.ok());
    CHECK(r->excluded("a.log"));
    CHECK_FALSE(r->excluded("keep.log"));
    auto e = IgnoreRules::parse("");
    REQUIRE(e.ok());
    CHECK(e->empty());
    CHECK_FALSE(e->excluded("anything"));
}

TEST_CASE("the build context adds missing parent directories and reads .dockerignore") {
    Store s;
    BuildContext ctx;
    ctx.add_file("./app/src/main.py", s.blobs.bytes("print(1)\n"), 0755, 42);
    ctx.add_file(".dockerignore", s.blobs.bytes("*.pyc\n"));
    ctx.add_symlink("app/link", "src/main.py");
    REQUIRE(ctx.find("app"));
    CHECK(ctx.find("app")->type == EntryType::dir);
    CHECK(ctx.find("app")->mode == 0755);
    REQUIRE(ctx.find("app/src/main.py"));
    CHECK(ctx.find("app/src/main.py")->mode == 0755);
    CHECK(ctx.find("app/src/main.py")->mtime == 42);
    CHECK(ctx.find("/app/link")->target == "src/main.py");
    CHECK(ctx.dockerignore(s.blobs) == "*.pyc\n");
    CHECK(ctx.size() == 5);
}

TEST_CASE("image names are normalized the way Docker reads them") {
    CHECK(normalize_image_name("busybox") == "busybox:latest");
    CHECK(normalize_image_name("docker.io/library/debian:bookworm-slim") == "debian:bookworm-slim");
    CHECK(normalize_image_name("library/python:3.11-slim") == "python:3.11-slim");
    CHECK(normalize_image_name("localhost/busybox-base") == "busybox-base:latest");
    CHECK(normalize_image_name("ghcr.io/org/app:1") == "ghcr.io/org/app:1");
    CHECK(normalize_image_name("localhost:5000/app") == "localhost:5000/app:latest");
    CHECK(normalize_image_name("alpine@sha256:abcd") == "alpine:latest");
}
