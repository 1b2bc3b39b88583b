// glob.h: the one fnmatch(3) of the core, flags 0: '*' and '?' also match
// '/', "[...]" with '!'/'^', ranges and [:classes:], '\' escapes (also
// inside brackets), a '[' without its ']' is an ordinary character. The
// shell's patterns (case, ${v#pat}, pathname expansion, find -name/-path,
// tar --exclude, dpkg -L/-S) and dpkg's path-exclude filters use it.
//
// Why not libc's fnmatch(3): glibc (native) and musl (emscripten, the page)
// disagree on backslashes (musl takes '\' inside brackets literally, glibc
// as an escape; a trailing '\' matches itself in musl and nothing in glibc),
// so the CLI and the page would match differently. This one follows glibc
// (whose fnmatch dpkg and find use) on well-formed patterns
// (tests/core/test_glob.cpp compares them). On odd ones it reads as bash
// and dash do: a trailing '\' matches itself, a '[' without its ']' is an
// ordinary character. "[. .]" collating symbols and "[= =]" classes are not
// supported.
// Docker's .dockerignore (Go's filepath.Match) is another rule on purpose:
// core/build/context.cpp.
#pragma once
#include <string_view>

namespace ll {

bool glob_match(std::string_view pattern, std::string_view s);

}  // namespace ll
