// parser.h: Dockerfile text -> Dockerfile (ast.h), the way BuildKit reads it.
//
// The parser follows BuildKit's frontend/dockerfile/parser (lines, directives,
// continuations, heredocs, JSON vs shell form) and instructions/parse.go (what
// each instruction accepts, its flags, its argument counts), so a file that
// BuildKit accepts parses here and one it rejects fails here, at the same
// instruction. Messages are rewritten for students and point at line:column:
//
//     Dockerfile:3:1: error: unknown instruction "COPPY" (did you mean COPY?)
//
// Reading, in order (what a student can watch in the UI):
//   1. parser directives: "# syntax=", "# escape=", "# check=" on the first
//      lines only; any other line (even a plain comment or a blank line)
//      ends them.
//   2. logical lines: a line ending in the escape char continues on the next;
//      comment lines inside are skipped; empty lines inside are skipped with
//      a NoEmptyContinuation warning (BuildKit says they will be errors one
//      day).
//   3. instruction keyword (case-insensitive), then --flags, then arguments:
//      JSON array (exec form) when the text is a valid JSON array of strings,
//      else shell form. Text that starts with '[' but is not valid JSON is
//      shell form (a warning says so); a JSON array holding non-strings is an
//      error.
//   4. heredocs for RUN, COPY, ADD (and ONBUILD of those): "<<EOF", "<<-EOF",
//      "<<'EOF'", several per line; bodies follow the instruction line in
//      order.
//   5. per-instruction checks, stage assembly (only ARG may come before the
//      first FROM), then check_stages() for --from references.
//
// Substitution of $VARS is not done here: see expand.h.
//
//     auto df = parse("FROM alpine\nRUN echo hi\n");
//     if (!df) show(df.error().describe());
//     else for (const auto& i : df->instructions) highlight(i.span);
#pragma once
#include <string_view>
#include <vector>

#include "core/base.h"
#include "core/dockerfile/ast.h"

namespace ll::dockerfile {

// Parses and checks; the first error (in file order, stage errors last) or
// the Dockerfile with its warnings.
Result<Dockerfile> parse(std::string_view text, std::string_view filename = "Dockerfile");

// Keeps going after errors so the UI can underline every bad line: bad
// instructions are left out of `file.instructions`, everything else is there.
struct ParseOutput {
    Dockerfile file;
    std::vector<Error> errors;      // file order, then stage errors
    std::vector<Span> error_spans;  // error_spans[i]: the text errors[i] is about
};
ParseOutput parse_all(std::string_view text, std::string_view filename = "Dockerfile");

// Limits (limits.h): a text over 1 MiB is refused before it is split into
// lines, a line over 65,535 bytes (Docker's own limit) and instruction 1,001
// stop the reading; each is one error at its place, and nothing after it is
// read. This is the error for the first, for a reader that stops reading a
// big file early (the CLI): `head` holds its first bytes (at least 1 MiB of
// them), `size` is its whole size.
Error dockerfile_too_large(std::string_view head, uint64_t size, std::string_view filename = "Dockerfile");

// Resolves every COPY --from and RUN --mount from= (fills StageRef and
// Stage::depends_on) and reports, with the place of the flag:
//   - a stage index that does not exist ("--from=3" with two stages);
//   - a stage that copies from itself, or stages that copy from each other
//     in a circle (BuildKit: "circular dependency detected on stage").
// A name that is not a stage is an image reference, as in BuildKit (with an
// UnknownStageAsImage warning when it is one typo away from a stage name);
// a stage defined later in the file may be used, as long as there is no
// circle. Stage references holding $ are left for the builder (unresolved).
// parse() and parse_all() already call it; it is idempotent.
std::vector<Error> check_stages(Dockerfile& file, std::vector<Span>* spans = nullptr);

// All instruction keywords in upper case, for completion and suggestions.
const std::vector<std::string_view>& keywords();

}  // namespace ll::dockerfile
