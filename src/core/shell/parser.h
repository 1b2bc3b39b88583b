// parser.h: busybox-ash-compatible parsing of shell scripts into ast.h.
//
// Like ash, the parser hands out one complete command (a list ended by a
// newline) at a time, so the interpreter can run line 1 before line 2 is
// even read, and a syntax error stops the script exactly where ash stops:
//
//     Parser p("echo hi\nif");
//     p.next()   -> the `echo hi` list
//     p.next()   -> Error "syntax error: unexpected end of file (expecting "then")"
//
// Errors carry the line and column and busybox's wording (without the
// "sh: " prefix the interpreter adds). Nesting is limited (k_max_depth) so
// no input can exhaust the stack; the lexer never reads past the end.
#pragma once
#include <string>
#include <string_view>

#include "core/base.h"
#include "core/shell/ast.h"

namespace ll::shell {

class Parser {
public:
    static constexpr int k_max_depth = 100;  // nested compounds, $(), ${}, ``
    explicit Parser(std::string_view source, uint32_t first_line = 1);
    // The next complete command; a null NodePtr at the end of the input.
    Result<NodePtr> next();
    bool at_end();

private:
    struct Impl;
    std::shared_ptr<Impl> m;
};

// The whole script as one list (tests, fuzzing, `sh -n`).
Result<NodePtr> parse(std::string_view source);

// Is `s` a valid shell variable name ([A-Za-z_][A-Za-z0-9_]*)?
bool is_name(std::string_view s);

}  // namespace ll::shell
