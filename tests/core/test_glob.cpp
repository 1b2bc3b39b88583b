// test_glob.cpp: core/glob.h, the one fnmatch(3) of the core (the shell's
// patterns and dpkg's filters), against the rule it follows.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "core/glob.h"
#ifndef __EMSCRIPTEN__
#include <fnmatch.h>
#endif

using ll::glob_match;

TEST_CASE("glob_match: fnmatch(3) with flags 0") {
    CHECK(glob_match("*", "a/b"));  // no FNM_PATHNAME: '*' crosses '/'
    CHECK(glob_match("/usr/share/doc/*", "/usr/share/doc/a/b/c"));
    CHECK(glob_match("?", "/"));
    CHECK_FALSE(glob_match("?", ""));
    CHECK(glob_match("[[:alpha:]]*", "bash"));  // classes: dpkg's filters get them too
    CHECK_FALSE(glob_match("[[:digit:]]", "x"));
    CHECK(glob_match("[!a-c]", "d"));
    CHECK(glob_match("[^a-c]", "d"));
    CHECK(glob_match("[]]", "]"));       // ']' first is a member
    CHECK(glob_match("[\\]]", "]"));     // an escape inside brackets (glibc, dash)
    CHECK_FALSE(glob_match("[\\]]", "\\"));
    CHECK(glob_match("[ab", "[ab"));     // no closing ']': an ordinary '['
    CHECK(glob_match("a\\*b", "a*b"));
    CHECK_FALSE(glob_match("a\\*b", "axb"));
    CHECK(glob_match("a\\", "a\\"));     // a trailing '\' matches itself (bash; glibc: nothing)
    CHECK(glob_match("**a", "bba"));
}

#ifndef __EMSCRIPTEN__
// Native: glibc's fnmatch(3) is the reference. Patterns are built from
// well-formed pieces (literals, escapes, '*', '?', bracket expressions,
// [:alpha:]); on those the two agree everywhere but a "[." inside brackets,
// which glibc reads as a collating symbol (see glob.h). About 0.3 s.
TEST_CASE("glob_match agrees with glibc fnmatch(3) on random well-formed patterns") {
    std::mt19937 rng(7);
    const std::string atoms = "ab/*?\\.x-!^";
    const std::string members = "ab/.*?\\-x!^]";
    const std::string text = "ab/[]-\\*x.!^";
    auto pick = [&](const std::string& from) { return from[rng() % from.size()]; };
    int checked = 0;
    for (int it = 0; it < 200000; ++it) {
        std::string p, s;
        const unsigned lp = rng() % 6, ls = rng() % 6;
        for (unsigned i = 0; i < lp; ++i) {
            const unsigned k = rng() % 8;
            if (k == 0) {
                p += "[[:alpha:]]";
            } else if (k == 1) {  // a bracket expression, closed
                p += '[';
                if (rng() % 3 == 0) p += rng() % 2 ? '!' : '^';
                for (unsigned j = 0, m = 1 + rng() % 3; j < m; ++j) {
                    char c = pick(members);
                    if (c == ']' && j > 0) c = 'a';  // ']' is a member only first
                    if (c == '\\') {
                        p += '\\';
                        c = pick(members);
                    }
                    p += c;
                }
                p += ']';
            } else {
                char c = pick(atoms);
                if (c == '\\') {
                    p += '\\';
                    c = pick(text);
                }
                p += c;
            }
        }
        for (unsigned i = 0; i < ls; ++i) s += pick(text);
        if (p.find("[.") != std::string::npos) continue;
        ++checked;
        const bool libc = ::fnmatch(p.c_str(), s.c_str(), 0) == 0;
        if (glob_match(p, s) != libc) FAIL_CHECK("pattern '" << p << "' on '" << s << "': glibc says " << libc);
    }
    CHECK(checked > 150000);
}
#endif
