// limits.h: how big a Dockerfile and what it computes may get, in one place.
//
// A student can paste anything into the editor, and a share link can carry
// anything. Each limit here is far above what a real Dockerfile needs, is
// checked before the work it protects is done (a long line before it is
// split into words, a growing substitution while it grows), and ends in an
// Error with the place and plain words, never in an abort. The README's
// "Limits" table lists them with their messages; tests/core/test_limits.cpp
// has one test per limit.
//
//     limit                       value      where it is checked
//     Dockerfile size             1 MiB      parse_all(), before the text is split into lines
//     one physical line           65,535 B   parse_all(), as BuildKit's scanner does
//     instructions                1,000      parse_all(), at the 1,001st instruction
//     one substitution result     1 MiB      expand*(), while the value grows
//     all variables of a stage    2 MiB      check_variables_size() (the builder does not call it yet)
//
// The line limit is Docker's own: BuildKit reads the file with a
// bufio.Scanner whose token limit is 64 KiB and stops with "dockerfile line
// greater than max allowed size of 65535" (frontend/dockerfile/parser/
// parser.go, handleScannerError). The others are layerlab's: Docker has no
// such limits, but a Dockerfile near them would not be one a person wrote.
// The variables limit follows Linux: the kernel refuses to start a program
// whose environment and arguments exceed ARG_MAX (2 MiB with the usual 8 MiB
// stack), so every RUN of such a stage would fail with E2BIG in Docker too.
#pragma once
#include <cstddef>
#include <cstdint>

namespace ll::dockerfile {

inline constexpr size_t k_max_dockerfile_bytes = size_t(1) << 20;
inline constexpr size_t k_max_line_bytes = 65535;  // bufio.MaxScanTokenSize - 1
inline constexpr size_t k_max_instructions = 1000;
inline constexpr size_t k_max_expansion_bytes = size_t(1) << 20;
inline constexpr size_t k_max_variables_bytes = size_t(2) << 20;

}  // namespace ll::dockerfile
