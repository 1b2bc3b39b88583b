// Dockerfile parsing: one TEST_CASE per behaviour of BuildKit's parser,
// SUBCASEs for its variants. Error cases live in test_dockerfile_errors.cpp,
// substitution in test_dockerfile_expand.cpp.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/dockerfile/parser.h"

using namespace ll::dockerfile;

namespace {

Dockerfile ok(std::string_view text) {
    auto r = parse(text);
    if (!r) FAIL("unexpected error: " << r.error().describe());
    return std::move(r.value());
}

const Instruction& nth(const Dockerfile& df, size_t i) {
    REQUIRE(i < df.instructions.size());
    return df.instructions[i];
}

bool has_warning(const Dockerfile& df, std::string_view rule, uint32_t line = 0) {
    for (const Warning& w : df.warnings)
        if (w.rule == rule && (line == 0 || w.where.line == line)) return true;
    return false;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("a minimal Dockerfile parses into instructions and one stage") {
    Dockerfile df = ok("FROM alpine:3.19\nRUN echo hi\nCMD [\"sh\"]\n");
    REQUIRE(df.instructions.size() == 3);
    CHECK(nth(df, 0).kind == Kind::From);
    CHECK(nth(df, 1).kind == Kind::Run);
    CHECK(nth(df, 2).kind == Kind::Cmd);
    REQUIRE(df.stages.size() == 1);
    CHECK(df.stages[0].image == "alpine:3.19");
    CHECK(df.stages[0].instructions == std::vector<size_t>{1, 2});
    CHECK(df.escape == '\\');
    CHECK(df.warnings.empty());
    CHECK(std::string(kind_name(Kind::Healthcheck)) == "HEALTHCHECK");
    CHECK(keywords().size() == 18);
}

TEST_CASE("parser directives are read only at the top") {
    SUBCASE("syntax and escape") {
        Dockerfile df = ok("# syntax=docker/dockerfile:1\n# escape=`\nFROM a\nRUN echo `\n  hi\n");
        CHECK(df.syntax == "docker/dockerfile:1");
        CHECK(df.escape == '`');
        REQUIRE(df.directives.size() == 2);
        CHECK(df.directives[1].name == "escape");
        CHECK(df.directives[1].span.begin_line == 2);
        CHECK(nth(df, 1).text == "echo   hi");
    }
    SUBCASE("keys are case-insensitive, spaces around = are allowed") {
        Dockerfile df = ok("#ESCAPE = `\nFROM a\n");
        CHECK(df.escape == '`');
        Dockerfile df2 = ok("  # Syntax =  docker/dockerfile:1.7  \nFROM a\n");
        CHECK(df2.syntax == "docker/dockerfile:1.7");
    }
    SUBCASE("a plain comment first ends the directives") {
        Dockerfile df = ok("# hello\n# escape=`\nFROM a\nRUN a \\\n  b\n");
        CHECK(df.escape == '\\');
        CHECK(df.directives.empty());
        CHECK(nth(df, 1).text == "a   b");
    }
    SUBCASE("an unknown directive ends the directives") {
        Dockerfile df = ok("# foo=bar\n# escape=`\nFROM a\n");
        CHECK(df.escape == '\\');
    }
    SUBCASE("a blank line ends the directives") {
        Dockerfile df = ok("\n# escape=`\nFROM a\n");
        CHECK(df.escape == '\\');
    }
    SUBCASE("after an instruction it is only a comment") {
        Dockerfile df = ok("FROM a\n# escape=`\nRUN x\n");
        CHECK(df.escape == '\\');
        CHECK(nth(df, 1).comments == Strings{"escape=`"});
    }
    SUBCASE("check is a directive too") {
        Dockerfile df = ok("# check=skip=JSONArgsRecommended\n# escape=`\nFROM a\n");
        CHECK(df.escape == '`');
        CHECK(df.directives.size() == 2);
    }
    SUBCASE("a UTF-8 byte order mark is skipped") {
        Dockerfile df = ok("\xEF\xBB\xBF# escape=`\nFROM a\n");
        CHECK(df.escape == '`');
    }
}

TEST_CASE("comments are whole lines starting with #") {
    Dockerfile df = ok("# first\nFROM a\n  # indented comment\nRUN echo hi # not a comment\n");
    REQUIRE(df.instructions.size() == 2);
    CHECK(nth(df, 1).text == "echo hi # not a comment");
    CHECK(nth(df, 1).comments == Strings{"indented comment"});
    CHECK(nth(df, 0).comments == Strings{"first"});
}

TEST_CASE("line continuations join lines as BuildKit does") {
    SUBCASE("backslash at the end, whitespace of the next line kept") {
        Dockerfile df = ok("FROM a\nRUN apt-get update && \\\n    apt-get install -y curl\n");
        CHECK(nth(df, 1).text == "apt-get update &&     apt-get install -y curl");
        CHECK(nth(df, 1).span.begin_line == 2);
        CHECK(nth(df, 1).span.end_line == 3);
        CHECK(nth(df, 1).span.end_col == 28);
    }
    SUBCASE("spaces and tabs after the backslash are allowed") {
        Dockerfile df = ok("FROM a\nRUN a \\ \t\n b\n");
        CHECK(nth(df, 1).text == "a  b");
    }
    SUBCASE("comment lines inside a continuation are skipped") {
        Dockerfile df = ok("FROM a\nRUN a \\\n# the comment\n  # indented one\n b\n");
        CHECK(nth(df, 1).text == "a  b");
        CHECK(df.warnings.empty());
    }
    SUBCASE("empty lines inside are skipped with a warning, not an error") {
        Dockerfile df = ok("FROM a\nRUN a \\\n\n b\n");
        CHECK(nth(df, 1).text == "a  b");
        REQUIRE(has_warning(df, "NoEmptyContinuation", 2));
    }
    SUBCASE("an escaped backslash at the end is not a continuation") {
        Dockerfile df = ok("FROM a\nENV C trailing\\\\backslash\\\\\nENV D next\n");
        REQUIRE(df.instructions.size() == 3);
        CHECK(nth(df, 1).pairs[0].value == "trailing\\\\backslash\\\\");
    }
    SUBCASE("a line holding only the escape char continues") {
        Dockerfile df = ok("FROM a\nRUN a \\\n\\\n b\n");
        CHECK(nth(df, 1).text == "a  b");
    }
    SUBCASE("a continuation at the end of the file ends the instruction") {
        Dockerfile df = ok("FROM a\nRUN a \\");
        CHECK(nth(df, 1).text == "a");
    }
    SUBCASE("Windows line endings") {
        Dockerfile df = ok("FROM a\r\nRUN a \\\r\n  b\r\nCMD x\r\n");
        REQUIRE(df.instructions.size() == 3);
        CHECK(nth(df, 1).text == "a   b");
        CHECK(nth(df, 2).text == "x");
    }
    SUBCASE("backtick escape for Windows paths") {
        Dockerfile df =
            ok("# escape=`\nFROM mcr.microsoft.com/windows/servercore\n"
               "COPY testfile.txt c:\\\nRUN dir c:\\ `\n    /s\n");
        CHECK(nth(df, 1).copy.dest == "c:\\");
        CHECK(nth(df, 2).text == "dir c:\\     /s");
    }
}

TEST_CASE("instruction keywords are case-insensitive") {
    Dockerfile df = ok("from alpine\nrun echo hi\nCmd x\n");
    CHECK(nth(df, 0).kind == Kind::From);
    CHECK(nth(df, 1).kind == Kind::Run);
    CHECK(nth(df, 2).kind == Kind::Cmd);
    CHECK(nth(df, 2).keyword == "Cmd");
    CHECK(has_warning(df, "ConsistentInstructionCasing", 3));
    CHECK_FALSE(has_warning(df, "ConsistentInstructionCasing", 1));
}

TEST_CASE("exec form is a JSON array of strings, anything else is shell form") {
    SUBCASE("JSON array") {
        Dockerfile df = ok("FROM a\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n");
        CHECK(nth(df, 1).json_form);
        CHECK(nth(df, 1).args == Strings{"nginx", "-g", "daemon off;"});
        CHECK(nth(df, 1).arg_spans[1].begin_col == 15);
        CHECK_FALSE(has_warning(df, "JSONArgsRecommended"));
    }
    SUBCASE("JSON escapes are decoded") {
        Dockerfile df = ok("FROM a\nENTRYPOINT [\"a\\\"b\", \"\\u00e9\\t\", \"\\ud83d\\ude00\"]\n");
        CHECK(nth(df, 1).args == Strings{"a\"b", "\xC3\xA9\t", "\xF0\x9F\x98\x80"});
    }
    SUBCASE("empty array") {
        Dockerfile df = ok("FROM a\nCMD []\n");
        CHECK(nth(df, 1).json_form);
        CHECK(nth(df, 1).args.empty());
    }
    SUBCASE("shell form keeps the text for the shell, with a warning for CMD") {
        Dockerfile df = ok("FROM a\nCMD echo \"$HOME\"\n");
        CHECK_FALSE(nth(df, 1).json_form);
        CHECK(nth(df, 1).args == Strings{"echo \"$HOME\""});
        CHECK(has_warning(df, "JSONArgsRecommended", 2));
    }
    SUBCASE("invalid JSON falls back to shell form") {
        Dockerfile df = ok("FROM a\nRUN ['echo', 'hi']\nCMD [\"a\", \"b\"] trailing\n");
        CHECK_FALSE(nth(df, 1).json_form);
        CHECK(nth(df, 1).args == Strings{"['echo', 'hi']"});
        CHECK_FALSE(nth(df, 2).json_form);
        CHECK(has_warning(df, "InvalidJSONForm", 2));
        CHECK(has_warning(df, "InvalidJSONForm", 3));
    }
    SUBCASE("COPY and VOLUME take JSON lists too") {
        Dockerfile df =
            ok("FROM a\nCOPY [\"my file.txt\", \"/dest dir/\"]\nVOLUME [\"/data\", \"/logs\"]\nVOLUME /a /b\n");
        CHECK(nth(df, 1).copy.sources == Strings{"my file.txt"});
        CHECK(nth(df, 1).copy.dest == "/dest dir/");
        CHECK(nth(df, 2).args == Strings{"/data", "/logs"});
        CHECK(nth(df, 3).args == Strings{"/a", "/b"});
    }
    SUBCASE("JSON may span continuation lines") {
        Dockerfile df = ok("FROM a\nCMD [\"a\", \\\n     \"b\"]\n");
        CHECK(nth(df, 1).json_form);
        CHECK(nth(df, 1).args == Strings{"a", "b"});
        CHECK(nth(df, 1).arg_spans[1].begin_line == 3);
        CHECK(nth(df, 1).arg_spans[1].begin_col == 6);
    }
}

TEST_CASE("FROM takes an image, a stage name and a platform") {
    Dockerfile df = ok("FROM --platform=$BUILDPLATFORM golang:1.22 AS Build\nFROM build as test\nFROM scratch\n");
    const Instruction& f = nth(df, 0);
    CHECK(f.from.image == "golang:1.22");
    CHECK(f.from.stage_name == "build");
    CHECK(f.from.stage_name_as_written == "Build");
    CHECK(f.from.platform == "$BUILDPLATFORM");
    CHECK(f.from.image_span.begin_col == 32);
    CHECK(f.from.name_span.begin_col == 47);
    CHECK(has_warning(df, "StageNameCasing", 1));
    CHECK(has_warning(df, "FromAsCasing", 2));
    REQUIRE(df.stages.size() == 3);
    CHECK(df.stages[1].name == "test");
    CHECK(df.stages[1].base_stage == size_t{0});
    CHECK_FALSE(df.stages[2].base_stage.has_value());
    CHECK(df.stages[2].display_name() == "stage-2");
    CHECK(df.find_stage("BUILD") == &df.stages[0]);
}

TEST_CASE("RUN accepts and explains --mount, --network and --security") {
    Dockerfile df =
        ok("FROM a\n"
           "RUN --mount=type=cache,target=/root/.cache,sharing=locked \\\n"
           "    --mount=type=secret,id=npmrc,target=/root/.npmrc \\\n"
           "    --mount=type=bind,from=build,source=/out,target=/in \\\n"
           "    --network=none --security=insecure make\n");
    const Instruction& r = nth(df, 1);
    CHECK(r.text == "make");
    REQUIRE(r.run.mounts.size() == 3);
    CHECK(r.run.mounts[0].type == MountType::cache);
    CHECK(r.run.mounts[0].target == "/root/.cache");
    CHECK(r.run.mounts[0].sharing == "locked");
    CHECK_FALSE(r.run.mounts[0].read_only);
    CHECK(r.run.mounts[1].type == MountType::secret);
    CHECK(r.run.mounts[1].id == "npmrc");
    CHECK(r.run.mounts[1].read_only);
    CHECK(r.run.mounts[2].from == "build");
    CHECK(r.run.network == "none");
    CHECK(r.run.security == "insecure");
    REQUIRE(r.flags.size() == 5);
    CHECK(r.flags[1].span.begin_line == 3);
    CHECK(r.flags[1].span.begin_col == 5);
    CHECK(describe_mount(r.run.mounts[0]).find("build cache at /root/.cache") != std::string::npos);
}

TEST_CASE("COPY and ADD flags") {
    SUBCASE("COPY --from --chown --chmod --link") {
        Dockerfile df =
            ok("FROM a AS build\nFROM b\nCOPY --from=build --chown=1000:1000 --chmod=0755 --link src1 src2 /app/\n");
        const CopyArgs& c = nth(df, 2).copy;
        CHECK(c.from == "build");
        CHECK(c.chown == "1000:1000");
        CHECK(c.chmod == "0755");
        CHECK(c.link);
        CHECK(c.sources == Strings{"src1", "src2"});
        CHECK(c.dest == "/app/");
        CHECK(c.dest_span.begin_col == 67);
        CHECK(c.from_ref.type == StageRef::Type::stage);
        CHECK(c.from_ref.stage == 0);
    }
    SUBCASE("boolean flags") {
        Dockerfile df = ok(
            "FROM a\nCOPY --link=false a b\nCOPY --link=TRUE a b\nCOPY --parents --exclude=*.md --exclude=.git a b\n");
        CHECK_FALSE(nth(df, 1).copy.link);
        CHECK(nth(df, 2).copy.link);
        CHECK(nth(df, 3).copy.parents);
        CHECK(nth(df, 3).copy.exclude == Strings{"*.md", ".git"});
    }
    SUBCASE("quoted flag values lose their quotes") {
        Dockerfile df = ok("FROM a\nCOPY --chown=\"app user\":'grp' a b\n");
        CHECK(nth(df, 1).copy.chown == "app user:grp");
        CHECK(nth(df, 1).flags[0].text == "--chown=\"app user\":'grp'");
    }
    SUBCASE("-- ends the flags") {
        Dockerfile df = ok("FROM a\nCOPY --link -- --weird-name /dst\n");
        CHECK(nth(df, 1).copy.sources == Strings{"--weird-name"});
    }
    SUBCASE("ADD --chown --chmod --checksum --keep-git-dir --unpack") {
        Dockerfile df =
            ok("FROM a\nADD --chown=app --chmod=644 --checksum=sha256:abc --keep-git-dir --unpack=false "
               "https://x/y.tar.gz /z/\n");
        const CopyArgs& c = nth(df, 1).copy;
        CHECK(c.chown == "app");
        CHECK(c.chmod == "644");
        CHECK(c.checksum == "sha256:abc");
        CHECK(c.keep_git_dir);
        REQUIRE(c.unpack.has_value());
        CHECK_FALSE(*c.unpack);
        CHECK(c.sources == Strings{"https://x/y.tar.gz"});
    }
    SUBCASE("words after the first argument are never flags") {
        Dockerfile df = ok("FROM a\nRUN ls --all\n");
        CHECK(nth(df, 1).flags.empty());
        CHECK(nth(df, 1).text == "ls --all");
    }
}

TEST_CASE("ENV and LABEL take name=value pairs or the legacy form") {
    SUBCASE("pairs keep quotes for the builder to remove") {
        Dockerfile df = ok("FROM a\nENV A=1 B=\"two words\" C=a\\ b D=\n");
        const auto& p = nth(df, 1).pairs;
        REQUIRE(p.size() == 4);
        CHECK(p[0].key == "A");
        CHECK(p[0].value == "1");
        CHECK(p[1].value == "\"two words\"");
        CHECK(p[2].value == "a\\ b");
        CHECK(p[3].value.empty());
        CHECK_FALSE(p[1].legacy);
        CHECK(p[1].span.begin_col == 9);
    }
    SUBCASE("legacy ENV key value: the rest of the line is the value") {
        Dockerfile df = ok("FROM a\nENV MY_VAR my value here\n");
        const auto& p = nth(df, 1).pairs;
        REQUIRE(p.size() == 1);
        CHECK(p[0].key == "MY_VAR");
        CHECK(p[0].value == "my value here");
        CHECK(p[0].legacy);
        CHECK(has_warning(df, "LegacyKeyValueFormat", 2));
    }
    SUBCASE("LABEL with several pairs on continuation lines") {
        Dockerfile df = ok("FROM a\nLABEL org.opencontainers.image.title=\"demo\" \\\n      version=1.0\n");
        const auto& p = nth(df, 1).pairs;
        REQUIRE(p.size() == 2);
        CHECK(p[0].key == "org.opencontainers.image.title");
        CHECK(p[1].key == "version");
        CHECK(p[1].span.begin_line == 3);
    }
}

TEST_CASE("ARG with and without a default, global and per stage") {
    Dockerfile df = ok("ARG VERSION=1.0\nARG OS\nFROM alpine:${VERSION}\nARG VERSION\nARG A=1 B\n");
    CHECK(df.global_args == std::vector<size_t>{0, 1});
    CHECK(nth(df, 0).pairs[0].has_value);
    CHECK(nth(df, 0).pairs[0].value == "1.0");
    CHECK_FALSE(nth(df, 1).pairs[0].has_value);
    CHECK(df.stages[0].instructions == std::vector<size_t>{3, 4});
    REQUIRE(nth(df, 4).pairs.size() == 2);
    CHECK(nth(df, 4).pairs[1].key == "B");
    CHECK_FALSE(nth(df, 4).pairs[1].has_value);
}

TEST_CASE("single-argument instructions keep their whole text") {
    Dockerfile df =
        ok("FROM a\nWORKDIR /my app\nUSER app:app\nSTOPSIGNAL SIGKILL\nMAINTAINER me <me@x.org>\n"
           "SHELL [\"powershell\", \"-command\"]\nEXPOSE 80/tcp 53/udp 8000-8010 $PORT\n");
    CHECK(nth(df, 1).args == Strings{"/my app"});
    CHECK(nth(df, 2).args == Strings{"app:app"});
    CHECK(nth(df, 3).args == Strings{"SIGKILL"});
    CHECK(nth(df, 4).args == Strings{"me <me@x.org>"});
    CHECK(has_warning(df, "MaintainerDeprecated", 5));
    CHECK(nth(df, 5).args == Strings{"powershell", "-command"});
    CHECK(nth(df, 6).args == Strings{"80/tcp", "53/udp", "8000-8010", "$PORT"});
    CHECK(has_warning(df, "WorkdirRelativePath") == false);
}

TEST_CASE("HEALTHCHECK NONE, CMD shell form, CMD exec form and its options") {
    Dockerfile df =
        ok("FROM a\nHEALTHCHECK NONE\n"
           "HEALTHCHECK --interval=30s --timeout=1m30s --start-period=500ms --retries=3 CMD curl -f http://localhost/\n"
           "HEALTHCHECK cmd [\"/bin/check\", \"-q\"]\n");
    CHECK(nth(df, 1).health.none);
    CHECK(nth(df, 1).health.test == Strings{"NONE"});
    const HealthArgs& h = nth(df, 2).health;
    CHECK(h.test == Strings{"CMD-SHELL", "curl -f http://localhost/"});
    CHECK(h.interval_ns == 30'000'000'000LL);
    CHECK(h.timeout_ns == 90'000'000'000LL);
    CHECK(h.start_period_ns == 500'000'000LL);
    CHECK(h.retries == 3);
    CHECK(nth(df, 3).health.test == Strings{"CMD", "/bin/check", "-q"});
    CHECK(has_warning(df, "MultipleInstructionsDisallowed", 2));
    CHECK(has_warning(df, "MultipleInstructionsDisallowed", 3));
}

TEST_CASE("ONBUILD wraps another instruction") {
    Dockerfile df = ok("FROM a\nONBUILD COPY --chown=1:1 . /app\nONBUILD RUN <<EOF\necho later\nEOF\n");
    const Instruction& o = nth(df, 1);
    CHECK(o.args == Strings{"COPY", ".", "/app"});
    REQUIRE(o.trigger.size() == 1);
    CHECK(o.trigger[0].kind == Kind::Copy);
    CHECK(o.trigger[0].copy.chown == "1:1");
    CHECK(o.trigger[0].keyword_span.begin_col == 9);
    const Instruction& r = nth(df, 2);
    REQUIRE(r.heredocs.size() == 1);
    CHECK(r.heredocs[0].content == "echo later\n");
    REQUIRE(r.trigger.size() == 1);
    CHECK(r.trigger[0].heredocs.size() == 1);
    CHECK(r.span.end_line == 5);
}

TEST_CASE("ONBUILD triggers that would fail later are warnings, as BuildKit only checks them in the child build") {
    Dockerfile df = ok("FROM a\nONBUILD COPPY a b\nONBUILD COPY onlyone\n");
    CHECK(has_warning(df, "InvalidOnbuildTrigger", 2));
    CHECK(has_warning(df, "InvalidOnbuildTrigger", 3));
    CHECK(nth(df, 2).trigger.empty());
}

TEST_CASE("heredocs follow BuildKit's parser_heredoc_test") {
    struct Row {
        const char* line;  // instruction line; body and terminator follow
        const char* body;  // the lines up to and including the terminator
        Strings names;
        Strings contents;
        std::vector<bool> expand;
    };
    const Row rows[] = {
        {"RUN <<EMPTY", "EMPTY\n", {"EMPTY"}, {""}, {true}},
        {"RUN 3<<EMPTY2", "EMPTY2\n", {"EMPTY2"}, {""}, {true}},
        {"RUN <<INDENT", "\tfoo\n\tbar\nINDENT\n", {"INDENT"}, {"\tfoo\n\tbar\n"}, {true}},
        {"RUN <<-UNINDENT", "\tbaz\n\tquux\n\tUNINDENT\n", {"UNINDENT"}, {"\tbaz\n\tquux\n"}, {true}},
        {"RUN <<-EXPAND", "\texpand $NAME\nEXPAND\n", {"EXPAND"}, {"\texpand $NAME\n"}, {true}},
        {"RUN <<-'NOEXPAND'", "\tdon't expand $NAME\nNOEXPAND\n", {"NOEXPAND"}, {"\tdon't expand $NAME\n"}, {false}},
        {"RUN <<COMMENT",
         "# internal comment\necho hi # trailing\nCOMMENT\n",
         {"COMMENT"},
         {"# internal comment\necho hi # trailing\n"},
         {true}},
        {"RUN --mount=type=cache,target=/foo <<MOUNT", "echo hello\nMOUNT\n", {"MOUNT"}, {"echo hello\n"}, {true}},
        {"COPY <<FILE1 <<FILE2 /dest",
         "content 1\nFILE1\ncontent 2\nFILE2\n",
         {"FILE1", "FILE2"},
         {"content 1\n", "content 2\n"},
         {true, true}},
        {"COPY <<EOF /quotes", "\"foo\"\n'bar'\nEOF\n", {"EOF"}, {"\"foo\"\n'bar'\n"}, {true}},
        {"COPY <<X <<Y /dest", "Y\nX\nX\nY\n", {"X", "Y"}, {"Y\n", "X\n"}, {true, true}},
        {"RUN <<COMPLEX python3", "print('hello world')\nCOMPLEX\n", {"COMPLEX"}, {"print('hello world')\n"}, {true}},
        {"COPY <<file.txt /dest", "hello world\nfile.txt\n", {"file.txt"}, {"hello world\n"}, {true}},
        {"RUN <<eo'f'", "echo foo\neof\n", {"eof"}, {"echo foo\n"}, {false}},
        {"RUN <<eo\\'f", "echo foo\neo'f\n", {"eo'f"}, {"echo foo\n"}, {true}},
        {"RUN <<'e'o\\'f", "echo foo\neo'f\n", {"eo'f"}, {"echo foo\n"}, {false}},
        {"RUN <<'one two'", "echo bar\none two\n", {"one two"}, {"echo bar\n"}, {false}},
        {"RUN <<\"EOF\"", "x\nEOF\n", {"EOF"}, {"x\n"}, {false}},
        {"RUN <<$EOF", "$EOF\n", {"$EOF"}, {""}, {true}},
        {"RUN <<  EOF", "EOF\n", {"EOF"}, {""}, {true}},
        {"RUN <<  EOF  > foo", "EOF\n", {"EOF"}, {""}, {true}},
    };
    for (const Row& row : rows) {
        CAPTURE(row.line);
        const std::string text = std::string("FROM a\n") + row.line + "\n" + row.body + "RUN next\n";
        Dockerfile df = ok(text);
        REQUIRE(df.instructions.size() == 3);
        const Instruction& ins = nth(df, 1);
        REQUIRE(ins.heredocs.size() == row.names.size());
        for (size_t i = 0; i < row.names.size(); ++i) {
            CHECK(ins.heredocs[i].name == row.names[i]);
            CHECK(ins.heredocs[i].content == row.contents[i]);
            CHECK(ins.heredocs[i].expand == row.expand[i]);
        }
        CHECK(nth(df, 2).text == "next");
    }
}

TEST_CASE("heredoc details: <<- strips tabs from the body, spans, sources, shebangs") {
    SUBCASE("body() strips leading tabs only for <<-") {
        Dockerfile df = ok("FROM a\nCOPY <<-EOT /x\n\tline 1\n\t\tline 2\n\tEOT\n");
        const Heredoc& h = nth(df, 1).heredocs[0];
        CHECK(h.strip_tabs);
        CHECK(h.content == "\tline 1\n\t\tline 2\n");
        CHECK(h.body() == "line 1\nline 2\n");
        CHECK(h.span.begin_line == 2);
        CHECK(h.span.begin_col == 6);
        CHECK(h.span.end_col == 12);
        CHECK(h.body_span.begin_line == 3);
        CHECK(h.body_span.end_line == 5);
        CHECK(nth(df, 1).span.end_line == 5);
    }
    SUBCASE("COPY sources split into paths and inline files") {
        Dockerfile df = ok("FROM a\nCOPY a.txt <<EOF b.txt /dst/\ninline\nEOF\n");
        const CopyArgs& c = nth(df, 1).copy;
        CHECK(c.sources == Strings{"a.txt", "b.txt"});
        REQUIRE(c.heredoc_sources.size() == 1);
        CHECK(nth(df, 1).heredocs[c.heredoc_sources[0]].content == "inline\n");
    }
    SUBCASE("RUN with a shebang") {
        Dockerfile df = ok("FROM python\nRUN <<EOF\n#!/usr/bin/env python3\nprint('hi')\nEOF\n");
        CHECK(nth(df, 1).heredocs[0].content == "#!/usr/bin/env python3\nprint('hi')\n");
        CHECK(nth(df, 1).text == "<<EOF");
    }
    SUBCASE("not heredocs: JSON form, quoted, other instructions") {
        Dockerfile df = ok("FROM a\nRUN [\"<<EOF\"]\nRUN \"<<NOHEREDOC\"\nUSER <<INVALID\nENV A=<<B\n");
        for (size_t i = 1; i < 5; ++i) CHECK(nth(df, i).heredocs.empty());
        CHECK(df.instructions.size() == 5);
    }
    SUBCASE("CRLF bodies keep their line endings, the terminator may end in CR") {
        Dockerfile df = ok("FROM a\r\nRUN <<EOF\r\nx\r\nEOF\r\nRUN y\r\n");
        CHECK(nth(df, 1).heredocs[0].content == "x\r\n");
        CHECK(nth(df, 2).text == "y");
    }
}

TEST_CASE("spans locate every instruction, flag and argument") {
    const std::string text = "FROM alpine\n\n  RUN --network=none \\\n    echo hi\nCOPY a  b\n";
    Dockerfile df = ok(text);
    const Instruction& r = nth(df, 1);
    CHECK(r.span.begin_line == 3);
    CHECK(r.span.begin_col == 3);
    CHECK(r.span.end_line == 4);
    CHECK(r.span.end_col == 12);
    CHECK(text.substr(r.span.begin_offset, r.span.end_offset - r.span.begin_offset) ==
          "RUN --network=none \\\n    echo hi");
    CHECK(r.keyword_span.end_col == 6);
    CHECK(r.flags[0].span.begin_col == 7);
    CHECK(r.flags[0].span.end_col == 21);
    CHECK(r.flags[0].value_span.begin_col == 17);
    CHECK(r.text_span.begin_line == 4);
    CHECK(r.text_span.begin_col == 5);
    const Instruction& c = nth(df, 2);
    CHECK(c.arg_spans[1].begin_col == 9);
    CHECK(c.arg_spans[1].end_col == 10);
    CHECK(c.span.loc("Dockerfile").str() == "Dockerfile:5:1");
}

TEST_CASE("stages: global ARGs, membership, references by name and index") {
    Dockerfile df =
        ok("ARG BASE=alpine\n"
           "FROM ${BASE} AS base\n"
           "RUN echo base\n"
           "FROM base AS build\n"
           "COPY --from=0 /a /a\n"
           "RUN --mount=type=bind,from=test,target=/t true\n"
           "FROM alpine AS test\n"
           "COPY --from=nginx:latest /etc/nginx /etc/nginx\n"
           "COPY --from=$STAGE /x /x\n");
    REQUIRE(df.stages.size() == 3);
    CHECK(df.global_args == std::vector<size_t>{0});
    CHECK(df.stages[0].instructions == std::vector<size_t>{2});
    CHECK(df.stages[1].base_stage == size_t{0});
    CHECK(df.stages[1].depends_on == std::vector<size_t>{0, 2});  // a later stage may be used
    const Instruction& run = nth(df, 5);
    REQUIRE(run.run.mount_from_refs.size() == 1);
    CHECK(run.run.mount_from_refs[0].type == StageRef::Type::stage);
    CHECK(run.run.mount_from_refs[0].stage == 2);
    CHECK(nth(df, 7).copy.from_ref.type == StageRef::Type::image);
    CHECK(nth(df, 8).copy.from_ref.type == StageRef::Type::unresolved);
    CHECK(df.stages[2].depends_on.empty());
}

TEST_CASE("a --from that is not a stage but looks like a misspelt one gets a warning") {
    Dockerfile df = ok("FROM golang AS builder\nFROM alpine\nCOPY --from=buidler /app /app\nCOPY --from=nginx /x /x\n");
    CHECK(nth(df, 2).copy.from_ref.type == StageRef::Type::image);
    REQUIRE(has_warning(df, "UnknownStageAsImage", 3));
    CHECK_FALSE(has_warning(df, "UnknownStageAsImage", 4));
    for (const Warning& w : df.warnings)
        if (w.rule == "UnknownStageAsImage") {
            CHECK(w.message.find("(did you mean builder?)") != std::string::npos);
            CHECK(w.where.column == 6);
        }
    // check_stages() again does not repeat the warning.
    CHECK(check_stages(df).empty());
    size_t n = 0;
    for (const Warning& w : df.warnings) n += w.rule == "UnknownStageAsImage";
    CHECK(n == 1);
}

TEST_CASE("parse_mount reads every mount type and its options") {
    SUBCASE("defaults") {
        auto m = parse_mount("target=/src");
        REQUIRE(m.ok());
        CHECK(m->type == MountType::bind);
        CHECK(m->read_only);
        auto t = parse_mount("type=tmpfs,target=/tmp,size=64m");
        REQUIRE(t.ok());
        CHECK_FALSE(t->read_only);
        CHECK(t->size_limit == 64LL * 1024 * 1024);
    }
    SUBCASE("aliases, rw and csv quoting") {
        auto m = parse_mount("type=bind,src=.,dst=/w,rw,\"source=a,b\"");
        REQUIRE(m.ok());
        CHECK(m->source == "a,b");
        CHECK(m->target == "/w");
        CHECK_FALSE(m->read_only);
    }
    SUBCASE("cache with ids and ownership") {
        auto m = parse_mount("type=cache,id=go,target=/go/pkg,uid=1000,gid=1000,mode=0700");
        REQUIRE(m.ok());
        CHECK(m->id == "go");
        CHECK(m->uid == uint64_t{1000});
        CHECK(m->mode == uint64_t{0700});
    }
    SUBCASE("secret and ssh") {
        auto s = parse_mount("type=secret,id=aws,env=AWS_KEY,required");
        REQUIRE(s.ok());
        CHECK(s->required);
        CHECK(s->env == std::string("AWS_KEY"));
        CHECK(describe_mount(*s).find("AWS_KEY") != std::string::npos);
        auto h = parse_mount("type=ssh");
        REQUIRE(h.ok());
        CHECK(h->type == MountType::ssh);
    }
    SUBCASE("variables are kept for the builder") {
        auto m = parse_mount("type=cache,target=$HOME/.cache");
        REQUIRE(m.ok());
        CHECK(m->needs_expansion);
        CHECK(m->target == "$HOME/.cache");
        const WordExpander ex = [](std::string_view v) -> ll::Result<std::string> {
            std::string s(v);
            if (auto p = s.find("$HOME"); p != std::string::npos) s.replace(p, 5, "/root");
            return s;
        };
        auto again = parse_mount(m->text, &ex);
        REQUIRE(again.ok());
        CHECK(again->target == "/root/.cache");
    }
    SUBCASE("errors") {
        CHECK(parse_mount("type=cach").error().message.find("did you mean cache?") != std::string::npos);
        CHECK_FALSE(parse_mount("type=bind,mode=0700").ok());
        CHECK_FALSE(parse_mount("type=secret").ok());
        CHECK_FALSE(parse_mount("type=secret,id=a,from=b").ok());
        CHECK_FALSE(parse_mount("type=cache,sharing=sometimes").ok());
        CHECK_FALSE(parse_mount("type=bind,sharing=locked").ok());
        CHECK_FALSE(parse_mount("type=bind,required").ok());
        CHECK_FALSE(parse_mount("type=bind,size=1g").ok());
        CHECK(parse_mount("targt=/x").error().message.find("did you mean target?") != std::string::npos);
        CHECK_FALSE(parse_mount("from=$STAGE").ok());
        CHECK_FALSE(parse_mount("source=a\"b").ok());
        CHECK_FALSE(parse_mount("").ok());
    }
}
