// ast.h: what a parsed Dockerfile is made of.
//
// A Dockerfile is a list of instructions in file order. Each FROM starts a
// stage; ARGs before the first FROM are "global" and usable only in FROM
// lines. Every instruction keeps where it came from (a Span: 1-based line and
// byte column, plus byte offsets) so the UI can highlight it, and keeps its
// arguments *as written*: variables are substituted later by the builder with
// expand() (expand.h), exactly as BuildKit substitutes at dispatch time.
//
//     1  # syntax=docker/dockerfile:1
//     2  FROM golang:1.22 AS build            stage 0 "build"   instructions[0]
//     3  COPY --chown=1:1 . /src              flags[0] {chown, "1:1"}
//     4  RUN --mount=type=cache,target=/root/.cache \  (continues)
//     5      go build -o /app ./cmd            one instruction, span 4:1-5:26
//     6  FROM scratch                         stage 1
//     7  COPY --from=build /app /app          copy.from_ref -> stage 0
//     8  COPY <<EOF /etc/motd                 heredocs[0] {"EOF", "hi\n"}
//     9  hi
//    10  EOF
//
// Invariants: spans are inside the source text; `args`, `pairs`, `flags`
// hold raw text (quotes and escapes still there, except in flags and JSON
// arrays, which BuildKit unquotes while parsing); an ONBUILD instruction has
// exactly one element in `trigger` when its wrapped instruction parsed.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base.h"
#include "core/dockerfile/mount.h"

namespace ll::dockerfile {

// A range of the source. Lines and columns are 1-based; columns count bytes
// from the start of the line. The end is exclusive: end_col is the column
// just after the last character (a one-character span on column 5 has
// begin_col 5, end_col 6). Offsets are byte offsets into the parsed text.
struct Span {
    uint32_t begin_line = 0, begin_col = 0;
    uint32_t end_line = 0, end_col = 0;
    uint32_t begin_offset = 0, end_offset = 0;

    bool empty() const { return begin_offset == end_offset; }
    // Where an error about this span points: its first character.
    SourceLoc loc(std::string_view file) const { return SourceLoc{std::string(file), begin_line, begin_col}; }
};

enum class Kind : uint8_t {
    From,
    Run,
    Cmd,
    Label,
    Maintainer,
    Expose,
    Env,
    Add,
    Copy,
    Entrypoint,
    Volume,
    User,
    Workdir,
    Arg,
    Onbuild,
    Stopsignal,
    Healthcheck,
    Shell,
};
inline constexpr int k_kind_count = 18;

// "COPY", "HEALTHCHECK", ...
const char* kind_name(Kind kind);
// Case-insensitive keyword lookup ("copy", "Copy" -> Kind::Copy).
std::optional<Kind> kind_from_keyword(std::string_view keyword);

// A builder flag such as --chown=1000:1000 or --link.
struct Flag {
    std::string name;        // "chown" (without the dashes)
    std::string value;       // "1000:1000", quotes and escapes removed
    bool has_value = false;  // false for a bare "--link"
    std::string text;        // the word as written: --chown="1000:1000"
    Span span;               // the whole word
    Span value_span;         // what follows '=' (empty span when no '=')
};

// One heredoc: "COPY <<EOF /dest", "RUN <<-'EOT' bash", "RUN 3<<X".
struct Heredoc {
    std::string name;         // the delimiter word without quotes: "EOF"
    std::string content;      // the lines between, each with its newline, as
                              // written (leading tabs kept even for <<-)
    bool expand = true;       // false when any part of the delimiter was quoted
    bool strip_tabs = false;  // <<- : leading tabs are removed from the body
    uint32_t fd = 0;          // the N of "N<<EOF" (0 when absent)
    Span span;                // the "<<EOF" word on the instruction line
    Span body_span;           // the body lines and the closing delimiter line

    // The content the instruction uses: with leading tabs removed for <<-.
    std::string body() const;
};

// ENV / LABEL pair, or ARG name[=default].
struct KeyValue {
    std::string key;        // as written (substitute with expand())
    std::string value;      // as written, quotes included
    bool has_value = true;  // ARG NAME without "=" has no default
    bool legacy = false;    // "ENV key value" (old form, no '=')
    Span span;
};

// Where a COPY --from or RUN --mount from= points, filled by check_stages().
struct StageRef {
    enum class Type : uint8_t {
        none,        // no --from
        stage,       // an earlier or later stage of this Dockerfile
        image,       // not a stage name: an image reference, pulled by the builder
        unresolved,  // contains $: the builder substitutes first, then resolves
    };
    Type type = Type::none;
    size_t stage = 0;  // valid when type == stage
};

struct FromArgs {
    std::string image;       // as written: "golang:1.22", "${BASE}", "build"
    std::string stage_name;  // lower-cased name after AS, "" if none
    std::string stage_name_as_written;
    std::string platform;  // --platform value as written
    Span image_span, name_span;
};

struct CopyArgs {                      // COPY and ADD
    std::vector<std::string> sources;  // paths / URLs as written; not heredocs
    std::vector<Span> source_spans;
    std::vector<size_t> heredoc_sources;  // indexes into Instruction::heredocs
    std::string dest;
    Span dest_span;
    std::string from;  // COPY --from value
    StageRef from_ref;
    std::string chown, chmod;
    bool link = false;                 // --link
    bool parents = false;              // COPY --parents
    std::vector<std::string> exclude;  // --exclude (may repeat)
    bool keep_git_dir = false;         // ADD --keep-git-dir
    std::string checksum;              // ADD --checksum
    std::optional<bool> unpack;        // ADD --unpack
};

struct RunArgs {
    std::vector<RunMount> mounts;           // --mount (may repeat)
    std::vector<StageRef> mount_from_refs;  // parallel to mounts, by check_stages()
    std::string network = "default";        // --network=default|none|host
    std::string security = "sandbox";       // --security=sandbox|insecure
};

struct HealthArgs {
    bool none = false;              // HEALTHCHECK NONE
    std::vector<std::string> test;  // {"CMD-SHELL", "curl -f ..."} or {"CMD", "a", "b"} or {"NONE"}
    int64_t interval_ns = 0, timeout_ns = 0, start_period_ns = 0, start_interval_ns = 0;  // 0: default
    int retries = 0;                                                                      // 0: default
};

struct Instruction {
    Kind kind = Kind::Run;
    std::string keyword;   // as written: "copy", "COPY"
    std::string original;  // the logical line (continuations joined,
                           // comment lines dropped), as BuildKit keeps it
    std::string text;      // the arguments after the flags, trimmed
    Span span;             // the whole instruction: continuation lines
                           // and heredoc bodies included
    Span keyword_span, text_span;
    std::vector<std::string> comments;  // comment lines just above it
    std::vector<Flag> flags;

    // The arguments. JSON (exec) form: the array elements, unquoted.
    // Otherwise by kind:
    //   RUN CMD ENTRYPOINT  {text} (one string for the shell) or {} if empty
    //   HEALTHCHECK         {type, command...} e.g. {"CMD", "curl -f x"}
    //   FROM EXPOSE COPY ADD VOLUME   the whitespace-separated words
    //   USER WORKDIR STOPSIGNAL MAINTAINER   {text}
    //   ENV LABEL ARG       empty; see pairs
    //   ONBUILD             {keyword of the trigger, ...its args}
    bool json_form = false;
    std::vector<std::string> args;
    std::vector<Span> arg_spans;    // parallel to args
    std::vector<KeyValue> pairs;    // ENV, LABEL, ARG
    std::vector<Heredoc> heredocs;  // RUN, COPY, ADD (and ONBUILD of those)

    FromArgs from;                     // FROM
    CopyArgs copy;                     // COPY, ADD
    RunArgs run;                       // RUN
    HealthArgs health;                 // HEALTHCHECK
    std::vector<Instruction> trigger;  // ONBUILD: the wrapped instruction (0 or 1)

    // The first flag with this name, or nullptr.
    const Flag* flag(std::string_view name) const;
};

struct Stage {
    size_t index = 0;                  // 0 for the first FROM
    std::string name;                  // lower-cased AS name, "" when unnamed
    std::string image;                 // FROM argument as written
    std::string platform;              // FROM --platform as written
    size_t from_instruction = 0;       // index of the FROM in Dockerfile::instructions
    std::vector<size_t> instructions;  // the instructions after FROM, in order
    std::optional<size_t> base_stage;  // FROM names an earlier stage
    std::vector<size_t> depends_on;    // stages copied or mounted from (check_stages)
    // "build", or "stage-1" when unnamed (BuildKit's naming).
    std::string display_name() const;
};

struct Directive {
    std::string name;  // "syntax", "escape", "check" (lower case)
    std::string value;
    Span span;
};

// Something that works but deserves a look. `rule` is BuildKit's build-check
// name where one exists ("NoEmptyContinuation", "JSONArgsRecommended"...).
struct Warning {
    std::string rule;
    std::string message;
    SourceLoc where;
    Span span;
};

struct Dockerfile {
    std::string filename = "Dockerfile";
    char escape = '\\';  // '\\' or '`' (# escape=)
    std::string syntax;  // # syntax= value, "" if absent
    std::vector<Directive> directives;
    std::vector<Instruction> instructions;
    std::vector<size_t> global_args;  // ARG instructions before the first FROM
    std::vector<Stage> stages;
    std::vector<Warning> warnings;

    // Stage by name (case-insensitive) or nullptr.
    const Stage* find_stage(std::string_view name) const;
};

}  // namespace ll::dockerfile
