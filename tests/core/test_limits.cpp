// The Dockerfile's limits (src/core/dockerfile/limits.h, README "Limits"):
// each is refused at its place with a message a student can act on, before
// the work it protects is done, and just below it everything still works.
#include <doctest/doctest.h>

#include <string>

#include "core/dockerfile/expand.h"
#include "core/dockerfile/limits.h"
#include "core/dockerfile/parser.h"
#include "test_build_fixture.h"

using namespace ll;
using namespace ll::dockerfile;

namespace {

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a Dockerfile line over 65535 bytes is refused at its place, as BuildKit refuses it") {
    const std::string head = "FROM scratch\nLABEL a=";
    SUBCASE("65535 bytes pass") {
        const std::string line = "LABEL a=" + std::string(65535 - 8, 'x');
        ParseOutput out = parse_all("FROM scratch\n" + line + "\n");
        CHECK(out.errors.empty());
        REQUIRE(out.file.instructions.size() == 2);
        CHECK(out.file.instructions[1].pairs[0].value.size() == 65535 - 8);
    }
    SUBCASE("one byte more is an error at column 65536 of that line, and nothing after it is read") {
        const std::string line = "LABEL a=" + std::string(65536 - 8, 'x');
        ParseOutput out = parse_all("FROM scratch\n" + line + "\nRUN echo after\nNOTANINSTRUCTION\n");
        REQUIRE(out.errors.size() == 1);
        const Error& e = out.errors[0];
        CHECK(e.code == Errc::too_large);
        CHECK(e.where.line == 2);
        CHECK(e.where.column == 65536);
        CHECK(contains(e.message, "this line is 65536 bytes long"));
        CHECK(contains(e.message, "dockerfile line greater than max allowed size of 65535"));
        CHECK(out.error_spans[0].begin_line == 2);
        CHECK(out.file.instructions.size() == 1);  // only FROM: the rest was not read
    }
    SUBCASE("a 1 MB line is refused before it is split into words (they once cost 100 bytes each)") {
        std::string words;
        for (int i = 0; i < 500000; ++i) words += "a ";
        ParseOutput out = parse_all("FROM scratch\nCOPY " + words + "/x/\n");
        REQUIRE(out.errors.size() == 1);
        CHECK(out.errors[0].where.line == 2);
        CHECK(out.file.instructions.size() == 1);
    }
    SUBCASE("inside a heredoc too (BuildKit reads its lines with the same scanner)") {
        ParseOutput out = parse_all("FROM scratch\nRUN <<EOF\n" + std::string(70000, 'x') + "\nEOF\n");
        REQUIRE(out.errors.size() == 1);
        CHECK(out.errors[0].where.line == 3);
        CHECK(!contains(out.errors[0].message, "never closed"));
    }
    SUBCASE("continuation lines join into longer instructions, as in BuildKit") {
        const std::string part = std::string(60000, 'x');
        ParseOutput out = parse_all("FROM scratch\nRUN echo " + part + " \\\n " + part + "\n");
        CHECK(out.errors.empty());
    }
}

TEST_CASE("a Dockerfile over 1 MiB is refused before it is read line by line") {
    std::string text = "FROM scratch\n";
    while (text.size() <= k_max_dockerfile_bytes) text += "RUN echo " + std::string(60000, 'y') + "\n";
    ParseOutput out = parse_all(text);
    REQUIRE(out.errors.size() == 1);
    const Error& e = out.errors[0];
    CHECK(e.code == Errc::too_large);
    CHECK(contains(e.message, "the Dockerfile is " + std::to_string(text.size()) + " bytes"));
    CHECK(contains(e.message, "up to 1 MiB"));
    // The place: the first byte past 1 MiB.
    size_t line = 1, col = 1;
    for (size_t i = 0; i < k_max_dockerfile_bytes; ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    CHECK(e.where.line == line);
    CHECK(e.where.column == col);
    CHECK(out.file.instructions.empty());
    // parse() says the same.
    Result<Dockerfile> p = parse(text);
    REQUIRE(!p);
    CHECK(p.error().message == e.message);
    // Exactly 1 MiB is still read.
    text.resize(k_max_dockerfile_bytes);
    text.back() = '\n';
    CHECK(parse_all(text).errors.empty());
}

TEST_CASE("100,000 ENV lines stop at instruction 1001 with a clear error instead of exhausting memory") {
    std::string text = "FROM scratch\n";
    for (int i = 0; i < 100000; ++i) text += "ENV A=" + std::to_string(i % 10) + "\n";
    REQUIRE(text.size() < k_max_dockerfile_bytes);
    ParseOutput out = parse_all(text);
    REQUIRE(out.errors.size() == 1);
    const Error& e = out.errors[0];
    CHECK(e.code == Errc::too_large);
    CHECK(e.where.line == 1001);
    CHECK(e.where.column == 1);
    CHECK(contains(e.message, "this is instruction 1001"));
    CHECK(contains(e.message, "up to 1000 instructions"));
    CHECK(out.file.instructions.size() == 1000);
    // 1000 instructions are fine.
    std::string ok = "FROM scratch\n";
    for (int i = 0; i < 999; ++i) ok += "ENV A=1\n";
    CHECK(parse_all(ok).errors.empty());
}

TEST_CASE("40 rounds of ARG A=${A}${A} stop at 1 MiB, naming the variable and the line") {
    SUBCASE("the expander") {
        Env env{{"A", std::string(600 * 1024, 'a')}};
        Result<std::string> r = expand("${A}${A}", env);
        REQUIRE(!r);
        CHECK(r.error().code == Errc::syntax);
        CHECK(contains(r.error().message, "substituting ${A} makes this value longer than 1 MiB"));
        // In quotes, in a default, in a replacement: the same limit.
        CHECK(!expand("\"$A$A\"", env));
        CHECK(!expand("${Z:-$A$A}", env));
        Env small{{"B", std::string(300 * 1024, 'b')}};
        Result<std::string> rep = expand("${B//b/bbbb}", small);
        REQUIRE(!rep);
        CHECK(contains(rep.error().message, "${B}"));
        // Just below the limit is fine.
        Env half{{"A", std::string(512 * 1024, 'a')}};
        Result<std::string> ok = expand("${A}${A}", half);
        REQUIRE(ok);
        CHECK(ok->size() == k_max_expansion_bytes);
    }
    SUBCASE("a build: the ARG that crosses the limit fails at its line") {
        test::BuildFx fx;
        std::string text = "FROM busybox\nARG A=x\n";
        for (int i = 0; i < 40; ++i) text += "ARG A=${A}${A}\n";
        auto b = fx.build(text);
        REQUIRE(b->failed());
        REQUIRE(b->error());
        const Error& e = *b->error();
        // 2^20 bytes after 20 doublings; the 21st (line 2 + 21) goes over.
        CHECK(e.where.line == 23);
        CHECK(contains(e.message, "${A}"));
        CHECK(contains(e.message, "1 MiB"));
        CHECK(contains(e.describe(), "Dockerfile:23:"));
    }
}

TEST_CASE("the variables of a stage may hold 2 MiB in all, Linux's limit for a program's environment") {
    Env env;
    for (int i = 0; i < 3; ++i) env.set("V" + std::to_string(i), std::string(600 * 1024, 'v'));
    CHECK(env.bytes() == 3 * (2 + 600 * 1024 + 2));
    CHECK(check_variables_size(env, "W", std::string(100 * 1024, 'w')));
    Status over = check_variables_size(env, "W", std::string(300 * 1024, 'w'));
    REQUIRE(!over);
    CHECK(over.error().code == Errc::too_large);
    CHECK(contains(over.error().message, "setting W"));
    CHECK(contains(over.error().message, "argument list too long"));
    // Replacing a value counts the new one instead of the old one.
    CHECK(check_variables_size(env, "V0", std::string(700 * 1024, 'v')));
}

TEST_CASE("${X//pattern/rep} on a long value is linear: every leftmost match found in one pass") {
    // Before: one match attempt per position, each to the end of the value:
    // a 64 KiB value with ${B//*x/c} took a minute.
    std::string value;
    for (int i = 0; i < 32768; ++i) value += "ab";
    Env env{{"B", value}};
    Result<std::string> none = expand("${B//*x/c}", env);
    REQUIRE(none);
    CHECK(*none == value);
    Result<std::string> all = expand("${B//a/}", env);
    REQUIRE(all);
    CHECK(*all == std::string(32768, 'b'));
    // The semantics stay Go's (leftmost, greedy, empty matches).
    Env e{{"X", "aXbXc"}, {"N", "a\nb"}};
    CHECK(*expand("${X/X/-}", e) == "a-bXc");
    CHECK(*expand("${X//X/-}", e) == "a-b-c");
    CHECK(*expand("${X//X*/-}", e) == "a-");
    CHECK(*expand("${X//?/.}", e) == ".....");
    CHECK(*expand("${X//*/.}", e) == ".");
    CHECK(*expand("${N//*/.}", e) == ".\n.");
    CHECK(*expand("${X//b*c/}", e) == "aX");
    CHECK(*expand("${X//q/-}", e) == "aXbXc");
}
