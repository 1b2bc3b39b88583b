// Every Dockerfile error a student can make, with the exact place it is
// reported (file:line:column) and the words that must help them fix it.
#include <doctest/doctest.h>

#include <string>

#include "core/dockerfile/parser.h"

using namespace ll::dockerfile;

namespace {

struct Expect {
    uint32_t line, column;
    const char* needle;  // a piece of the message
};

// Parses `text`, requires it to fail, and checks where and what the first error says.
ll::Error fails(std::string_view text, Expect e, ll::Errc code = ll::Errc::internal) {
    auto r = parse(text);
    REQUIRE_FALSE(r.ok());
    const ll::Error& err = r.error();
    INFO(err.describe());
    CHECK(err.where.file == "Dockerfile");
    CHECK(err.where.line == e.line);
    CHECK(err.where.column == e.column);
    CHECK(err.message.find(e.needle) != std::string::npos);
    if (code != ll::Errc::internal) CHECK(err.code == code);
    return err;
}

}  // namespace

TEST_CASE("error: unknown or misspelt instruction") {
    SUBCASE("close to a keyword: suggestion") {
        auto e = fails("FROM a\nRUN x\nCOPPY a b\n", {3, 1, "unknown instruction \"COPPY\" (did you mean COPY?)"},
                       ll::Errc::unknown_instruction);
        CHECK(e.describe() == "Dockerfile:3:1: error: unknown instruction \"COPPY\" (did you mean COPY?)");
    }
    SUBCASE("transposed letters and lower case") {
        fails("FROM a\nwrokdir /x\n", {2, 1, "(did you mean WORKDIR?)"});
        fails("FORM a\n", {1, 1, "(did you mean FROM?)"});
        fails("FROM a\n   ENTRYPONT x\n", {2, 4, "(did you mean ENTRYPOINT?)"});
    }
    SUBCASE("far from every keyword: no suggestion") {
        auto e = fails("FROM a\nBANANA x\n", {2, 1, "unknown instruction \"BANANA\""});
        CHECK(e.message.find("did you mean") == std::string::npos);
    }
    SUBCASE("a forgotten continuation after RUN is explained") {
        fails("FROM a\nRUN apt-get update &&\n    apt-get install -y curl\n",
              {3, 5, "if this continues the RUN above, end that line with \\"});
    }
}

TEST_CASE("error: an instruction before the first FROM") {
    auto e = fails("RUN echo hi\nFROM a\n", {1, 1, "RUN comes before any FROM"});
    CHECK(e.describe() ==
          "Dockerfile:1:1: error: RUN comes before any FROM; every build stage must start with FROM (only ARG may "
          "come before the first FROM)");
    fails("ARG A=1\n# c\nENV B=2\nFROM a\n", {3, 1, "ENV comes before any FROM"});
}

TEST_CASE("error: the Dockerfile has no stage") {
    fails("", {1, 1, "no instructions"});
    fails("# only a comment\n\n", {3, 1, "no instructions"});
    fails("ARG A=1\nARG B\n", {2, 1, "has no FROM"});
}

TEST_CASE("error: bad JSON") {
    SUBCASE("non-string elements in the exec form") {
        fails("FROM a\nCMD [\"sleep\", 10]\n", {2, 15, "every element must be a \"string\""}, ll::Errc::bad_json);
        fails("FROM a\nRUN [\"a\", null]\n", {2, 11, "must be a \"string\""});
        fails("FROM a\nENTRYPOINT [[\"nested\"]]\n", {2, 13, "must be a \"string\""});
    }
    SUBCASE("SHELL must be JSON") {
        auto e = fails("FROM a\nSHELL /bin/bash -c\n", {2, 7, "SHELL needs a JSON array like [\"/bin/sh\", \"-c\"]"},
                       ll::Errc::bad_json);
        CHECK(e.describe() == "Dockerfile:2:7: error: SHELL needs a JSON array like [\"/bin/sh\", \"-c\"]");
        fails("FROM a\nSHELL ['/bin/sh', '-c']\n", {2, 7, "SHELL needs a JSON array"});
        fails("FROM a\nSHELL []\n", {2, 1, "SHELL needs a JSON array"});
    }
}

TEST_CASE("error: unterminated heredoc, reported at its <<") {
    auto e = fails("FROM a\nRUN echo start\nCOPY <<EOF /etc/motd\nhello\n", {3, 6, "never closed"});
    CHECK(e.describe() ==
          "Dockerfile:3:6: error: the heredoc started with <<EOF is never closed: add a line containing only EOF");
    fails("FROM a\nRUN <<A <<B\na\nA\nb\n", {2, 9, "add a line containing only B"});
    SUBCASE("the delimiter must be alone on its line") {
        fails("FROM a\nRUN <<EOF\necho\n EOF\nEOF \n", {2, 5, "<<EOF is never closed"});
    }
    SUBCASE("tabs before the delimiter only count with <<-") {
        fails("FROM a\nRUN <<EOF\necho\n\tEOF\n", {2, 5, "never closed"});
    }
    SUBCASE("a heredoc cannot be the destination") {
        fails("FROM a\nCOPY a <<EOF\nx\nEOF\n", {2, 8, "cannot use a heredoc as the destination"});
    }
}

TEST_CASE("error: stage references") {
    SUBCASE("an index that does not exist, at the flag") {
        auto e =
            fails("FROM a AS one\nFROM b\nCOPY --from=3 /x /y\n", {3, 6, "refers to stage 3"}, ll::Errc::unknown_stage);
        CHECK(e.message.find("has 2 stages (stages 0 to 1)") != std::string::npos);
        fails("FROM a\nCOPY --from=-1 /x /y\n", {2, 6, "refers to stage -1"});
        fails("FROM a\nRUN --mount=from=5,target=/x true\n", {2, 5, "refers to stage 5"});
    }
    SUBCASE("a stage copying from itself, by name or index") {
        fails("FROM busybox AS stage0\nCOPY --from=stage0 f1 /sub/\n", {2, 6, "copies from its own stage \"stage0\""});
        fails("FROM a\nFROM b\nCOPY --from=1 x y\n", {3, 6, "copies from its own stage \"stage-1\""});
    }
    SUBCASE("stages copying from each other in a circle") {
        auto e = fails(
            "FROM busybox AS stage0\nCOPY --from=stage2 f1 /sub/\nFROM busybox AS stage1\n"
            "COPY --from=stage0 f2 /sub/\nFROM busybox AS stage2\nCOPY --from=stage1 f2 /sub/\n",
            {2, 6, "in a circle: stage0 -> stage2 -> stage1 -> stage0"});
        CHECK(e.message.find("circular dependency detected on stage: stage0") != std::string::npos);
    }
    SUBCASE("a later stage is fine when there is no circle; unknown names are images") {
        CHECK(parse("FROM a AS one\nCOPY --from=two /x /y\nFROM b AS two\n").ok());
        CHECK(parse("FROM a\nCOPY --from=builder /x /y\n").ok());
    }
}

TEST_CASE("error: bad flags") {
    SUBCASE("misspelt flag with a suggestion") {
        auto e = fails("FROM a\nCOPY --chwon=1:1 a b\n",
                       {2, 6, "unknown flag --chwon for COPY (did you mean --chown?)"}, ll::Errc::bad_flag);
        CHECK(e.describe() == "Dockerfile:2:6: error: unknown flag --chwon for COPY (did you mean --chown?)");
    }
    SUBCASE("a flag another instruction has") {
        fails("FROM a\nADD --from=build a b\n", {2, 5, "unknown flag --from for ADD"});
        fails("FROM a\nENV --x=1 A=b\n", {2, 5, "ENV takes no flags"});
        fails("FROM --platfrom=linux/amd64 a\n", {1, 6, "did you mean --platform?"});
        fails("FROM a\nRUN --mout=type=cache,target=/x true\n", {2, 5, "did you mean --mount?"});
    }
    SUBCASE("missing or wrong values") {
        fails("FROM a\nCOPY --from a b c\n", {2, 6, "--from needs a value, like --from=builder"});
        fails("FROM a\nCOPY --link=yes a b\n", {2, 6, "--link expects true or false"});
        fails("FROM a\nCOPY --link= a b\n", {2, 6, "--link= needs a value"});
        fails("FROM a\nCOPY --chown=1 --chown=2 a b\n", {2, 16, "has --chown twice"});
        fails("FROM a\nRUN --network=bridge true\n", {2, 5, "invalid network mode \"bridge\""});
        fails("FROM a\nRUN --security=root true\n", {2, 5, "invalid security mode"});
    }
    SUBCASE("bad --mount values are reported at the flag") {
        fails("FROM a\nRUN --mount=type=cach,target=/x true\n", {2, 5, "(did you mean cache?)"});
        fails("FROM a\nRUN --mount=type=secret true\n", {2, 5, "needs id="});
        fails("FROM a\nRUN --mount=target true\n", {2, 5, "must be a key=value pair"});
    }
}

TEST_CASE("error: empty continuation") {
    SUBCASE("an empty line inside is only a warning, as in BuildKit") {
        auto r = parse("FROM a\nRUN a \\\n\n  b\n");
        REQUIRE(r.ok());
        REQUIRE(r->warnings.size() == 1);
        CHECK(r->warnings[0].rule == "NoEmptyContinuation");
        CHECK(r->warnings[0].where.str() == "Dockerfile:2:1");
    }
    SUBCASE("a continuation that leads to nothing is an error") {
        fails("FROM a\n\\\n", {2, 1, "no instruction follows"});
        fails("FROM a\n   \\\n\n# c\n", {2, 4, "no instruction follows"});
    }
}

TEST_CASE("error: FROM") {
    fails("FROM\n", {1, 1, "FROM needs an image"});
    fails("FROM golang:1.22 AS\n", {1, 18, "needs a stage name after AS"});
    fails("FROM a b\n", {1, 8, "FROM takes an image and optionally AS <name>"});
    fails("FROM a AS b c\n", {1, 8, "found 4 words"});
    fails("FROM a AS 1st\n", {1, 11, "invalid stage name \"1st\""});
    fails("FROM a AS my_stage!\n", {1, 11, "invalid stage name"});
    SUBCASE("duplicate stage names, case-insensitively") {
        fails("FROM a AS build\nFROM b AS Build\n", {2, 11, "duplicate stage name \"build\""});
    }
}

TEST_CASE("error: missing arguments are reported at the instruction") {
    fails("FROM a\nCOPY onlyone\n", {2, 6, "only \"onlyone\" was given"});
    fails("FROM a\nADD\n", {2, 1, "ADD needs a source and a destination"});
    fails("FROM a\nWORKDIR\n", {2, 1, "WORKDIR needs a path"});
    fails("FROM a\nUSER   \n", {2, 1, "USER needs a user name"});
    fails("FROM a\nSTOPSIGNAL\n", {2, 1, "STOPSIGNAL needs a signal"});
    fails("FROM a\nEXPOSE\n", {2, 1, "EXPOSE needs at least one port"});
    fails("FROM a\nVOLUME []\n", {2, 1, "VOLUME needs at least one path"});
    fails("FROM a\nVOLUME [\"\"]\n", {2, 9, "VOLUME paths cannot be empty"});
    fails("FROM a\nLABEL\n", {2, 1, "LABEL needs at least one name=value pair"});
    fails("FROM a\nARG\n", {2, 1, "ARG needs a name"});
    fails("FROM a\nMAINTAINER\n", {2, 1, "MAINTAINER needs a name"});
    fails("FROM a\nONBUILD\n", {2, 1, "ONBUILD needs an instruction"});
}

TEST_CASE("error: ENV, LABEL and ARG pairs") {
    fails("FROM a\nENV ONLYNAME\n", {2, 5, "ENV ONLYNAME has no value; write ENV ONLYNAME=value"});
    fails("FROM a\nENV A=1 B\n", {2, 9, "cannot find = in \"B\""});
    fails("FROM a\nLABEL =x\n", {2, 7, "LABEL names cannot be empty"});
    fails("FROM a\nARG =x\n", {2, 5, "ARG names cannot be empty"});
}

TEST_CASE("error: EXPOSE ports") {
    fails("FROM a\nEXPOSE 80/xyz\n", {2, 8, "\"xyz\" is not a protocol"});
    fails("FROM a\nEXPOSE 80 http\n", {2, 11, "\"http\" is not a port"});
    fails("FROM a\nEXPOSE 9000-8000\n", {2, 8, "is not a port"});
    fails("FROM a\nEXPOSE 70000\n", {2, 8, "is not a port"});
    CHECK(parse("FROM a\nEXPOSE 80/TCP ${PORT}/udp \"443\"\n").ok());
}

TEST_CASE("error: HEALTHCHECK") {
    fails("FROM a\nHEALTHCHECK\n", {2, 1, "HEALTHCHECK needs CMD <command> or NONE"});
    fails("FROM a\nHEALTHCHECK CMDD curl x\n", {2, 13, "unknown HEALTHCHECK type \"CMDD\" (did you mean CMD?)"});
    fails("FROM a\nHEALTHCHECK CMD\n", {2, 13, "HEALTHCHECK CMD needs a command"});
    fails("FROM a\nHEALTHCHECK NONE x\n", {2, 18, "HEALTHCHECK NONE takes no arguments"});
    fails("FROM a\nHEALTHCHECK --interval=5 CMD true\n", {2, 13, "is not a duration"});
    fails("FROM a\nHEALTHCHECK --timeout=10ns CMD true\n", {2, 13, "cannot be less than 1ms"});
    fails("FROM a\nHEALTHCHECK --retries=-1 CMD true\n", {2, 13, "--retries cannot be negative"});
    fails("FROM a\nHEALTHCHECK --retries=x CMD true\n", {2, 13, "--retries must be a whole number"});
}

TEST_CASE("error: ONBUILD triggers that are never allowed") {
    fails("FROM a\nONBUILD ONBUILD RUN x\n", {2, 9, "ONBUILD ONBUILD is not allowed"});
    fails("FROM a\nONBUILD FROM b\n", {2, 9, "FROM isn't allowed as an ONBUILD trigger"});
    fails("FROM a\nONBUILD maintainer me\n", {2, 9, "MAINTAINER isn't allowed as an ONBUILD trigger"});
}

TEST_CASE("error: parser directives") {
    fails("# escape=x\nFROM a\n", {1, 10, "invalid escape character 'x'"});
    fails("# syntax=a\n# syntax=b\nFROM a\n", {2, 1, "syntax parser directive is given twice"});
}

TEST_CASE("parse_all keeps going and reports every error with its span") {
    ParseOutput out = parse_all("RUN early\nFROM a\nCOPPY x y\nCOPY onlyone\nRUN ok\nEXPOSE 80/bad\n");
    REQUIRE(out.errors.size() == 4);
    REQUIRE(out.error_spans.size() == 4);
    CHECK(out.errors[0].where.line == 3);  // file order of the reading pass
    CHECK(out.errors[1].where.line == 4);
    CHECK(out.errors[2].where.line == 6);
    CHECK(out.errors[3].where.line == 1);  // stage assembly comes after reading
    CHECK(out.error_spans[0].end_col == 6);
    // The good instructions are all there.
    REQUIRE(out.file.instructions.size() == 3);
    CHECK(out.file.instructions[2].text == "ok");
    REQUIRE(out.file.stages.size() == 1);
    CHECK(out.file.stages[0].instructions == std::vector<size_t>{2});
}

TEST_CASE("parse never throws or aborts on hostile input") {
    // Deep nesting, huge words, binary bytes and lone control characters.
    std::string deep = "FROM a\nRUN <<" + std::string(20000, '[') + "\nCMD " + std::string(20000, '[') + "\n";
    CHECK_NOTHROW((void)parse_all(deep));
    std::string onbuild = "FROM a\n";
    for (int i = 0; i < 3000; ++i) onbuild += "ONBUILD ";
    onbuild += "RUN x\n";
    CHECK_FALSE(parse(onbuild).ok());
    std::string binary("FROM a\nRUN \x00\xff\xfe\x80 \"\\\n\x01\n", 20);
    CHECK_NOTHROW((void)parse_all(binary));
    CHECK_NOTHROW((void)parse_all(std::string(100000, 'A')));
}
