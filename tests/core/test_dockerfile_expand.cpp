// Variable substitution, checked against BuildKit's own test tables:
// frontend/dockerfile/shell/envVarTest (one word: "platform | input | expected",
// "error" when it must fail) and the cases of lex_test.go
// (TestProcessWithMatches, TestShellParserMandatoryEnvVars).
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/dockerfile/ast.h"
#include "core/dockerfile/expand.h"

using namespace ll::dockerfile;

namespace {

// BuildKit envVarTest, rows for Unix ('A' all platforms, 'U' Unix only;
// 'W' Windows rows are left out). Run with PWD=/home SHELL=bash KOREAN=한국어.
const char* const k_env_var_test = R"TABLE(
A|hello                    |     hello
A|he'll'o                  |     hello
A|he'llo                   |     error
A|he\'llo                  |     he'llo
A|he\\'llo                 |     error
A|abc\tdef                 |     abctdef
A|"abc\tdef"               |     abc\tdef
A|"abc\\tdef"              |     abc\tdef
A|'abc\tdef'               |     abc\tdef
A|hello\                   |     hello
A|hello\\                  |     hello\
A|"hello                   |     error
A|"hello\"                 |     error
A|"hel'lo"                 |     hel'lo
A|'hello                   |     error
A|'hello\'                 |     hello\
A|'hello\there'            |     hello\there
A|'hello\\there'           |     hello\\there
A|"''"                     |     ''
A|$.                       |     $.
A|he$1x                    |     hex
A|he$.x                    |     he$.x
U|he$pwd.                  |     he.
A|he$PWD                   |     he/home
A|he\$PWD                  |     he$PWD
A|he\\$PWD                 |     he\/home
A|"he\$PWD"                |     he$PWD
A|"he\\$PWD"               |     he\/home
A|\${}                     |     ${}
A|\${}aaa                  |     ${}aaa
A|he\${}                   |     he${}
A|he\${}xx                 |     he${}xx
A|${}                      |     error
A|${}aaa                   |     error
A|he${}                    |     error
A|he${}xx                  |     error
A|he${hi}                  |     he
A|he${hi}xx                |     hexx
A|he${PWD}                 |     he/home
A|he${.}                   |     error
A|he${XXX:-000}xx          |     he000xx
A|he${PWD:-000}xx          |     he/homexx
A|he${XXX:-$PWD}xx         |     he/homexx
A|he${XXX:-${PWD:-yyy}}xx  |     he/homexx
A|he${XXX:-${YYY:-yyy}}xx  |     heyyyxx
A|he${XXX:YYY}             |     error
A|he${XXX:+${PWD}}xx       |     hexx
A|he${PWD:+${XXX}}xx       |     hexx
A|he${PWD:+${SHELL}}xx     |     hebashxx
A|he${XXX:+000}xx          |     hexx
A|he${PWD:+000}xx          |     he000xx
A|'he${XX}'                |     he${XX}
A|"he${PWD}"               |     he/home
A|"he'$PWD'"               |     he'/home'
A|"$PWD"                   |     /home
A|'$PWD'                   |     $PWD
A|'\$PWD'                  |     \$PWD
A|'"hello"'                |     "hello"
A|he\$PWD                  |     he$PWD
A|"he\$PWD"                |     he$PWD
A|'he\$PWD'                |     he\$PWD
A|he${PWD                  |     error
A|he${PWD:=000}xx          |     error
A|he${PWD:+${PWD}:}xx      |     he/home:xx
A|he${XXX:-\$PWD:}xx       |     he$PWD:xx
A|he${XXX:-\${PWD}z}xx     |     he${PWDz}xx
A|안녕하세요                 |     안녕하세요
A|안'녕'하세요               |     안녕하세요
A|안'녕하세요                |     error
A|안녕\'하세요               |     안녕'하세요
A|안\\'녕하세요              |     error
A|안녕\t하세요               |     안녕t하세요
A|"안녕\t하세요"             |     안녕\t하세요
A|'안녕\t하세요              |     error
A|안녕하세요\                |     안녕하세요
A|안녕하세요\\               |     안녕하세요\
A|"안녕하세요                |     error
A|"안녕하세요\"              |     error
A|"안녕'하세요"              |     안녕'하세요
A|'안녕하세요                |     error
A|'안녕하세요\'              |     안녕하세요\
A|안녕$1x                    |     안녕x
A|안녕$.x                    |     안녕$.x
U|안녕$pwd.                  |     안녕.
A|안녕$PWD                   |     안녕/home
A|안녕\$PWD                  |     안녕$PWD
A|안녕\\$PWD                 |     안녕\/home
A|안녕\${}                   |     안녕${}
A|안녕\${}xx                 |     안녕${}xx
A|안녕${}                    |     error
A|안녕${}xx                  |     error
A|안녕${hi}                  |     안녕
A|안녕${hi}xx                |     안녕xx
A|안녕${PWD}                 |     안녕/home
A|안녕${.}                   |     error
A|안녕${XXX:-000}xx          |     안녕000xx
A|안녕${PWD:-000}xx          |     안녕/homexx
A|안녕${XXX:-$PWD}xx         |     안녕/homexx
A|안녕${XXX:-${PWD:-yyy}}xx  |     안녕/homexx
A|안녕${XXX:-${YYY:-yyy}}xx  |     안녕yyyxx
A|안녕${XXX:YYY}             |     error
A|안녕${XXX:+${PWD}}xx       |     안녕xx
A|안녕${PWD:+${XXX}}xx       |     안녕xx
A|안녕${PWD:+${SHELL}}xx     |     안녕bashxx
A|안녕${XXX:+000}xx          |     안녕xx
A|안녕${PWD:+000}xx          |     안녕000xx
A|'안녕${XX}'                |     안녕${XX}
A|"안녕${PWD}"               |     안녕/home
A|"안녕'$PWD'"               |     안녕'/home'
A|'"안녕"'                   |     "안녕"
A|안녕\$PWD                  |     안녕$PWD
A|"안녕\$PWD"                |     안녕$PWD
A|'안녕\$PWD'                |     안녕\$PWD
A|안녕${PWD                  |     error
A|안녕${PWD:=000}xx          |     error
A|안녕${PWD:+${PWD}:}xx      |     안녕/home:xx
A|안녕${XXX:-\$PWD:}xx       |     안녕$PWD:xx
A|안녕${XXX:-\${PWD}z}xx     |     안녕${PWDz}xx
A|$KOREAN                    |     한국어
A|안녕$KOREAN                |     안녕한국어
A|${{aaa}                   |     error
A|${aaa}}                   |     }
A|${aaa                     |     error
A|${{aaa:-bbb}              |     error
A|${aaa:-bbb}}              |     bbb}
A|${aaa:-bbb                |     error
A|${aaa:-bbb}               |     bbb
A|${aaa:-${bbb:-ccc}}       |     ccc
A|${aaa:-bbb ${foo}         |     error
A|${aaa:-bbb {foo}          |     bbb {foo
A|${:}                      |     error
A|${:-bbb}                  |     error
A|${:+bbb}                  |     error
A|$1                        |
A|${1}                      |
A|${1:+bbb}                 |
A|${1:-bbb}                 |     bbb
A|$9                        |
A|${9:-bbb}                 |     bbb
A|$999                      |
A|${999}                    |
A|${999:+bbb}               |
A|${999:-bbb}               |     bbb
A|$999aaa                   |     aaa
A|${999}aaa                 |     aaa
A|${999:+bbb}aaa            |     aaa
A|${999:-bbb}aaa            |     bbbaaa
A|$001                      |
A|${001}                    |
A|${001:+bbb}               |
A|${001:-bbb}               |     bbb
A|$001aaa                   |     aaa
A|${001}aaa                 |     aaa
A|${001:+bbb}aaa            |     aaa
A|${001:-bbb}aaa            |     bbbaaa
A|$@                        |
A|${@}                      |
A|${@:+bbb}                 |
A|${@:-bbb}                 |     bbb
A|$@@@                      |     @@
A|$@aaa                     |     aaa
A|${@}aaa                   |     aaa
A|${@:+bbb}aaa              |     aaa
A|${@:-bbb}aaa              |     bbbaaa
A|$*                        |
A|${*}                      |
A|${*:+bbb}                 |
A|${*:-bbb}                 |     bbb
A|$#                        |
A|${#}                      |
A|${#:+bbb}                 |
A|${#:-bbb}                 |     bbb
A|$?                        |
A|${?}                      |
A|${?:+bbb}                 |
A|${?:-bbb}                 |     bbb
A|$-                        |
A|${-}                      |
A|${-:+bbb}                 |
A|${-:-bbb}                 |     bbb
A|$$                        |
A|${$}                      |
A|${$:+bbb}                 |
A|${$:-bbb}                 |     bbb
A|$!                        |
A|${!}                      |
A|${!:+bbb}                 |
A|${!:-bbb}                 |     bbb
A|$0                        |
A|${0}                      |
A|${0:+bbb}                 |
A|${0:-bbb}                 |     bbb
)TABLE";

std::string trim(const std::string& s) {
    const size_t b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    const size_t e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

}  // namespace

TEST_CASE("expand follows BuildKit's envVarTest table") {
    const Env env{{"PWD", "/home"}, {"SHELL", "bash"}, {"KOREAN", "한국어"}};
    std::istringstream in(k_env_var_test);
    std::string line;
    int rows = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const size_t a = line.find('|');
        const size_t b = line.find('|', a + 1);
        REQUIRE(b != std::string::npos);
        const std::string source = trim(line.substr(a + 1, b - a - 1));
        const std::string expected = trim(line.substr(b + 1));
        CAPTURE(source);
        auto r = expand(source, env);
        if (expected == "error") {
            CHECK_FALSE(r.ok());
        } else {
            REQUIRE(r.ok());
            CHECK(r.value() == expected);
        }
        ++rows;
    }
    CHECK(rows == 192);  // every row of the table was read
}

TEST_CASE("expand distinguishes unset from empty like lex_test TestProcessWithMatches") {
    struct Row {
        const char* input;
        const char* expected;  // nullptr: must fail
    };
    const Env env{{"FOO", "xxx"}, {"BAR", ""}};
    const Row rows[] = {
        {"${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}", "xxx  ccc"},
        {"${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}", "xxx bbb ccc"},
        {"${FOO:-}", "xxx"},
        {"${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}", "aaa bbb "},
        {"${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}", "aaa  "},
        {"${FOO?aaa}", "xxx"},
        {"${BAR?bbb}", ""},
        {"${BAZ?ccc}", nullptr},
        {"${FOO:?aaa}", "xxx"},
        {"${BAR:?bbb}", nullptr},
        {"${BAZ:?ccc}", nullptr},
        {"${BAZ:?}", nullptr},
        {"${FOO=aaa}", nullptr},
        {"${FOO=:aaa}", nullptr},
        {"${FOO:#}", nullptr},
        {"${FOO:##}", nullptr},
        {"${FOO:%}", nullptr},
        {"${FOO:%%}", nullptr},
    };
    for (const Row& row : rows) {
        CAPTURE(row.input);
        auto r = expand(row.input, env);
        if (!row.expected) {
            CHECK_FALSE(r.ok());
        } else {
            REQUIRE(r.ok());
            CHECK(r.value() == row.expected);
        }
    }
}

TEST_CASE("expand trims prefixes and suffixes with # ## % %%") {
    struct Row {
        const char* input;
        const char* foo;
        const char* bar;
        const char* expected;
    };
    const Row rows[] = {
        {"${FOO#()[]{\\}^$.\\*\\?|\\\\}", "()[]{}^$.*?|\\x", nullptr, "x"},
        {"${FOO%%\\**}", "xx**", nullptr, "xx"},
        {"${FOO#*x*y}", "xxyy", nullptr, "y"},
        {"${FOO#*}", "xxyy", nullptr, "xxyy"},
        {"${FOO#$BAR}", "xxyy", "x", "xyy"},
        {"${FOO#$BAR}", "xxyy", "", "xxyy"},
        {"${FOO#}", "xxyy", nullptr, "xxyy"},
        {"${FOO##*x}", "xxyy", nullptr, "yy"},
        {"${FOO##}", "xxyy", nullptr, "xxyy"},
        {"${FOO#?\\?}", "???y", nullptr, "?y"},
        {"${ABC:-.}${FOO%x}${ABC:-.}", "xxyy", nullptr, ".xxyy."},
        {"${FOO%%\\**\\*}", "a***yy*", nullptr, "a"},
        {"${FOO%}", "xxyy", nullptr, "xxyy"},
        {"${FOO%%$BAR}", "xxyy", "", "xxyy"},
        {"${FOO%.txt}", "a.b.txt", nullptr, "a.b"},
        {"${FOO%.*}", "a.b.txt", nullptr, "a.b"},
        {"${FOO%%.*}", "a.b.txt", nullptr, "a"},
        {"${FOO#*/}", "/usr/local/bin", nullptr, "usr/local/bin"},
        {"${FOO##*/}", "/usr/local/bin", nullptr, "bin"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.input);
        Env env{{"FOO", row.foo}};
        if (row.bar) env.set("BAR", row.bar);
        auto r = expand(row.input, env);
        REQUIRE(r.ok());
        CHECK(r.value() == row.expected);
    }
}

TEST_CASE("expand replaces with / and //") {
    struct Row {
        const char* input;
        Env env;
        const char* expected;  // nullptr: must fail
    };
    const Row rows[] = {
        {"${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}", Env{{"FOO", "/foo*/*/*.txt"}, {"NEEDLE", "\\*/"}},
         "/foo.*/*.txt - /foo..*.txt"},
        {"${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}", Env{{"FOO", "/tmp/tmp/bar.txt"}, {"NEEDLE", "/tmp"}},
         "/tmp/bar.txt - /bar.txt"},
        {"${FOO/$NEEDLE/$REPLACEMENT} - ${FOO//$NEEDLE/$REPLACEMENT}",
         Env{{"FOO", "/a/foo/b/c.txt"}, {"NEEDLE", "/?/"}, {"REPLACEMENT", "/"}}, "/foo/b/c.txt - /foo/c.txt"},
        {"${FOO/$NEEDLE/$REPLACEMENT}",
         Env{{"FOO", "http://google.de"}, {"NEEDLE", "http://"}, {"REPLACEMENT", "https://"}}, "https://google.de"},
        {"${FOO//\\//\\/}", Env{{"FOO", "/tmp/foo.txt"}}, "\\/tmp\\/foo.txt"},
        {"${FOO/$BAR/ww}", Env{{"FOO", "xxyy"}, {"BAR", ""}}, "wwxxyy"},
        {"${FOO//ww}", Env{{"FOO", "xxyy"}}, nullptr},
        {"${FOO//}", Env{{"FOO", "xxyy"}}, nullptr},
        {"${FOO///}", Env{{"FOO", "xxyy"}}, "xxyy"},
        {"${FOO///}", Env{}, ""},
    };
    for (const Row& row : rows) {
        CAPTURE(row.input);
        auto r = expand(row.input, row.env);
        if (!row.expected) {
            CHECK_FALSE(r.ok());
        } else {
            REQUIRE(r.ok());
            CHECK(r.value() == row.expected);
        }
    }
}

TEST_CASE("expand reports ${VAR?message} as an error with the message") {
    const Env set{{"VAR", "plain"}, {"ARG", "x"}};
    const Env empty{{"VAR", ""}, {"ARG", "x"}};
    const Env unset{{"ARG", "x"}};
    SUBCASE("colon: empty and unset both fail") {
        CHECK(expand("${VAR:?message here$ARG}", set).value() == "plain");
        auto e1 = expand("${VAR:?message here$ARG}", empty);
        REQUIRE_FALSE(e1.ok());
        CHECK(e1.error().message.find("VAR: message herex") != std::string::npos);
        auto e2 = expand("${VAR:?message here$ARG}", unset);
        REQUIRE_FALSE(e2.ok());
        CHECK(e2.error().message.find("VAR: message herex") != std::string::npos);
    }
    SUBCASE("no colon: only unset fails") {
        CHECK(expand("${VAR?message here$ARG}", set).value() == "plain");
        CHECK(expand("${VAR?message here$ARG}", empty).value() == "");
        auto e = expand("${VAR?message here$ARG}", unset);
        REQUIRE_FALSE(e.ok());
        CHECK(e.error().message.find("VAR: message herex") != std::string::npos);
    }
    SUBCASE("default message") {
        auto e = expand("${VAR:?}", empty);
        REQUIRE_FALSE(e.ok());
        CHECK(e.error().message.find("VAR: is not allowed to be empty") != std::string::npos);
        auto u = expand("${VAR?}", unset);
        REQUIRE_FALSE(u.ok());
        CHECK(u.error().message.find("VAR: is not allowed to be unset") != std::string::npos);
    }
}

TEST_CASE("expand_words splits substituted values but not quoted text") {
    // In the style of BuildKit's shell/wordsTest: input | expected words.
    struct Row {
        const char* input;
        std::vector<std::string> words;
    };
    const Env env{{"hi", "hi"},    {"space", "abc  def"}, {"leading", "  ab c"}, {"trailing", "ab c   "},
                  {"tab", "a\tb"}, {"empty", ""}};
    const Row rows[] = {
        {"hello", {"hello"}},
        {"hello${hi}bye", {"hellohibye"}},
        {"hello${nothere}bye", {"hellobye"}},
        {"hello${space}bye", {"helloabc", "defbye"}},
        {"hello\"${space}\"bye", {"helloabc  defbye"}},
        {"hello \"${space}\"bye", {"hello", "abc  defbye"}},
        {"hello${leading}def", {"hello", "ab", "cdef"}},
        {"hello\"${leading}\" def", {"hello  ab c", "def"}},
        {"hello${trailing}", {"helloab", "c"}},
        {"hello${trailing}d", {"helloab", "c", "d"}},
        {"hello\"${trailing}\"d", {"helloab c   d"}},
        {"hello${tab}", {"helloa", "b"}},
        {"hello\"${tab}\"", {"helloa\tb"}},
        {"a \"\" b", {"a", "b"}},
        {"a '' b ${empty} c", {"a", "b", "c"}},
        {"'a b' c", {"a b", "c"}},
        {"\\$hi x", {"$hi", "x"}},
        {"x\\ y", {"x y"}},
        {"  spaced   out  ", {"spaced", "out"}},
    };
    for (const Row& row : rows) {
        CAPTURE(row.input);
        auto r = expand_words(row.input, env);
        REQUIRE(r.ok());
        CHECK(r.value() == row.words);
    }
    CHECK_FALSE(expand_words("a 'b", env).ok());
}

TEST_CASE("expand honours the backtick escape of Windows-style Dockerfiles") {
    const Env env{{"X", "1"}};
    CHECK(expand("C:\\path\\$X", env, '`').value() == "C:\\path\\1");
    CHECK(expand("`$X", env, '`').value() == "$X");
    CHECK(expand("\"a`\"b\"", env, '`').value() == "a\"b");
    CHECK(expand("\\$X", env, '\\').value() == "$X");
}

TEST_CASE("expand_heredoc keeps quotes and substitutes only $") {
    const Env env{{"NAME", "world"}};
    CHECK(expand_heredoc("echo \"hello $NAME\" 'and ${NAME}'\n", env).value() == "echo \"hello world\" 'and world'\n");
    CHECK(expand_heredoc("cost \\$5\n", env).value() == "cost $5\n");
    // BuildKit consumes the backslash of any escape, even in heredoc bodies.
    CHECK(expand_heredoc("a\\nb\n", env).value() == "anb\n");
}

TEST_CASE("expand_ex reports which variables were used and which were undefined") {
    const Env env{{"FOO", "y"}};
    auto r = expand_ex("x ${FOO} ${UNUSED} $FOO", env);
    REQUIRE(r.ok());
    CHECK(r->text == "x y  y");
    CHECK(r->used == std::vector<std::string>{"FOO"});
    CHECK(r->undefined == std::vector<std::string>{"UNUSED"});
    SUBCASE("keep_unset leaves unknown variables as written") {
        ExpandOptions opt;
        opt.keep_unset = true;
        auto k = expand_ex("$A ${B} ${C:-d} ${FOO}", env, opt);
        REQUIRE(k.ok());
        CHECK(k->text == "$A ${B} ${C:-d} y");
    }
}

TEST_CASE("expand rejects pathological nesting without crashing") {
    std::string deep;
    for (int i = 0; i < 5000; ++i) deep += "${A:-";
    auto r = expand(deep, Env{});
    CHECK_FALSE(r.ok());
    std::string quotes;
    for (int i = 0; i < 5000; ++i) quotes += "\"${A:-";
    CHECK_FALSE(expand(quotes, Env{}).ok());
}

TEST_CASE("expands_variables names the instructions the builder substitutes") {
    for (Kind k : {Kind::Add, Kind::Arg, Kind::Copy, Kind::Env, Kind::Expose, Kind::From, Kind::Label, Kind::Onbuild,
                   Kind::Stopsignal, Kind::User, Kind::Volume, Kind::Workdir})
        CHECK(expands_variables(k));
    for (Kind k : {Kind::Run, Kind::Cmd, Kind::Entrypoint, Kind::Shell, Kind::Healthcheck, Kind::Maintainer})
        CHECK_FALSE(expands_variables(k));
}

TEST_CASE("Env keeps unset and empty apart") {
    Env env;
    CHECK(env.find("A") == nullptr);
    env.set("A", "");
    REQUIRE(env.find("A") != nullptr);
    CHECK(env.find("A")->empty());
    env.set("A", "1");
    CHECK(*env.find("A") == "1");
    CHECK(env.size() == 1);
    CHECK(env.unset("A"));
    CHECK_FALSE(env.unset("A"));
    CHECK(env.find("a") == nullptr);
}
