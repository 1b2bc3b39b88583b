// goal.h: a lesson's goal, a small declarative language over the Lab's state.
//
// A goal file (assets/lessons/NN-name/goal.txt) holds one *part* per line;
// the goal is met when every part is. Each part is checked on the Lab as it
// stands (the image at the cursor, the current container, the build's
// steps), and says in words a student understands whether it is met and why
// not ("the image is 74.8 MiB; the goal is at most 60 MiB").
//
//     # a comment
//     build.complete
//     image.size <= 60MiB
//     image.has /usr/bin/curl
//     not image.has /usr/bin/gcc           -- the compiler stays in the build stage
//     step "RUN npm ci" cached
//     container.copied_up < 1MiB
//     diff == "C /app\nA /app/x"
//     xray.lowerdirs == 5                 -- the host's side: /var/lib/docker (core/host/xray.h)
//
// The part's text shown to the student is made from it ("the image is at most
// 60 MiB"), or is what follows ` -- ` on its line. The whole language is in
// README.md, "Lessons": every check, with its words.
//
//   line ──parse_goal──▶ GoalPart{negate, Check{object, index, prop, op, value}}
//   Goal + const Lab& ──evaluate──▶ GoalResult{met, parts[{text, met, reason}]}
//
// evaluate() is pure: it reads the Lab (no lookups traced, no events, no
// narration), so the UI may call it whenever the Lab's revision moves.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base.h"

namespace ll::lab {
class Lab;
}

namespace ll::lesson {

enum class Op : uint8_t { none, eq, ne, lt, le, gt, ge };

// What a check looks at.
enum class Obj : uint8_t { image, base, build, container, layer, step, diff, upper, containers, commits, xray };

// What it asks of it.
enum class Prop : uint8_t {
    // numbers (compared with an Op)
    size,         // image.size, container.size, layer[N].size: bytes
    layers,       // image.layers (also `layers`), base.layers
    wasted,       // image.wasted: bytes shipped but hidden by a later layer (N-1 rule)
    steps,        // build.steps
    cached,       // build.cached: steps that came from the cache
    ran,          // build.ran: steps that ran (cache misses)
    layer_steps,  // build.layers: steps that made a layer
    empty_steps,  // build.empty: steps that made no layer (metadata, or nothing changed)
    count,        // containers, commits
    copied_up,    // container.copied_up: bytes its copy-ups moved
    added,        // layer[N].added / .modified / .deleted: its changes against the layers below
    modified,
    deleted,
    xray_dirs,       // xray.dirs: directories under /var/lib/docker/overlay2/ (l/ not counted)
    xray_lowerdirs,  // xray.lowerdirs: the current container's overlay mount's lowerdir entries
    // predicates
    complete,       // build.complete
    has,            // image.has PATH, container.has PATH, layer[N].has PATH,
                    // xray.upper.has PATH (under the current container's overlay2/<mount-id>/diff/)
    contains,       // image.file PATH contains "text" (also container.file)
    env,            // image.env NAME [== "value"]
    step_cached,    // step "RUN npm ci" cached
    step_ran,       // step "..." ran
    step_layer,     // step "..." layer   (made a filesystem layer)
    step_empty,     // step "..." empty   (made none)
    diff_equals,    // diff == "C /app\nA /app/x"
    diff_has,       // diff has "A /app/x"
    whiteout,       // upper.whiteout PATH: the container's writable layer hides PATH with a whiteout
    opaque,         // upper.opaque PATH: ... holds PATH as an opaque directory
};

constexpr int k_current = INT32_MIN;  // container: the current one; layer: none given

struct Check {
    Obj obj = Obj::image;
    int index = k_current;  // container[N] (0-based), layer[N] (0 = bottom, -1 = top)
    Prop prop = Prop::complete;
    Op op = Op::none;
    uint64_t number = 0;       // the value compared with
    bool is_bytes = false;     // the value had a unit (60MiB): shown as bytes
    std::string number_text;   // the value as written, normalised ("60 MiB")
    std::string path;          // has, contains, whiteout, opaque; env: the NAME
    std::string text;          // contains, diff, step, env's value
    bool has_text = false;     // env NAME == "value" (else: just set)
};

struct GoalPart {
    Check check;
    bool negate = false;  // `not ...`
    std::string text;     // what the student reads: the author's (` -- text`) or made from the check
    std::string source;   // the line as written (without the comment)
    uint32_t line = 0;
};

struct Goal {
    std::vector<GoalPart> parts;
};

// Parses a goal file. A line it cannot read is an error naming
// `file:line:column` and what is wrong, in words.
Result<Goal> parse_goal(std::string_view text, std::string_view file = "goal.txt");

struct PartResult {
    std::string text;    // the part as the student reads it
    bool met = false;
    std::string reason;  // why (not) met: "the image is 74.8 MiB; the goal is at most 60 MiB"
};

struct GoalResult {
    bool met = false;  // every part met (and at least one part)
    std::vector<PartResult> parts;
};

GoalResult evaluate(const Goal& goal, const lab::Lab& lab);

// "60MiB" -> 62914560; units B, kB/KB, MB, GB (powers of 1000), KiB, MiB, GiB
// (powers of 1024); a number without unit is a count. False if it is no number.
bool parse_quantity(std::string_view word, uint64_t& out, bool& is_bytes);

}  // namespace ll::lesson
