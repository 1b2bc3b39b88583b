// quiz.h: predict, then reveal (issue 13). Questions the engine makes from
// the Lab as it stands, asked before the step runs or the command is typed;
// the answer comes from the Lab itself once it has done the thing.
//
//   make(lab, kind)      a question about what the Lab would do next (const: nothing moves)
//   reveal(lab, q)       does it: the step, the lookup, the command in a new container;
//                        returns what really happened as an Answer
//   check(q, given, truth)  right or wrong, both in words, and the rule behind it
//
// Five kinds:
//   adds_layer     will the next step add a layer?                       yes / no
//   lookup_layer   which layer will a lookup of PATH hit?                a slab (or: not found)
//   copy_up_bytes  a new container appends to PATH: bytes copied up?     a number, within 10%
//   docker_diff    a new container runs COMMAND: what does docker diff   A / C / D or not
//                  print? (one choice per path the command touches)      listed, per path
//   image_size     how big will the image be after the next step?        a number, within 20%
//
// The Quiz keeps one session's questions: the one asked, the last verdict,
// the score, and the two switches the UI offers (quiz mode: one question
// after another, of every kind that can be asked; ask before each step:
// the step deck asks adds_layer or image_size before each step runs).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base.h"

namespace ll::lab {
class Lab;
}

namespace ll::lesson {

enum class QuestionKind : uint8_t { adds_layer, lookup_layer, copy_up_bytes, docker_diff, image_size };
inline constexpr int k_question_kinds = 5;
const char* kind_name(QuestionKind k);  // "adds_layer", ...
std::optional<QuestionKind> kind_from_name(std::string_view name);

struct Question {
    QuestionKind kind = QuestionKind::adds_layer;
    std::string prompt;  // the question, in words
    std::string how;     // how to answer it ("yes or no", "click the slab", ...)
    size_t step = 0;     // adds_layer, image_size: the step it is about (index into Lab::steps())
    std::string path;     // lookup_layer, copy_up_bytes: the path
    std::string command;  // copy_up_bytes, docker_diff: what a new container runs
    std::vector<std::string> diff_paths;  // docker_diff: the paths to mark (sorted)
    double tolerance = 0;   // numbers: relative (0.2: within 20%)
    uint64_t before = 0;    // image_size: the image's size now; copy_up_bytes: the file's size
    uint64_t revision = 0;  // the Lab's revision it was made at
};

struct Answer {
    bool yes = false;                 // adds_layer
    uint32_t layer = 0xffffffffu;     // lookup_layer: a layer index, k_upper_layer, or k_no_layer (not found)
    uint64_t bytes = 0;               // copy_up_bytes, image_size
    std::vector<std::string> lines;   // docker_diff: "C /etc", "A /quiz" (any order)
};

struct Verdict {
    bool correct = false;
    std::string yours;  // the answer given, in words
    std::string right;  // what happened, in words
    std::string why;    // the rule, one or two sentences
    Answer given, truth;
};

// The question of `kind` the Lab's state allows, or why there is none now
// ("the build is at its end: no next step").
Result<Question> make_question(const lab::Lab& lab, QuestionKind kind);
// Does what `q` asks about and returns what happened (the Lab moves).
Answer reveal(lab::Lab& lab, const Question& q);
// Pure: the given answer against the truth.
Verdict check(const Question& q, const Answer& given, const Answer& truth);
// docker diff's lines sorted and deduplicated ("C /etc" sorts by path).
std::vector<std::string> normalized_lines(std::vector<std::string> lines);

class Quiz {
public:
    // Asks a question of `kind`; replaces any question still open.
    Status ask(const lab::Lab& lab, QuestionKind kind);
    // Quiz mode's next question: the kind after the last one asked that can be asked now.
    Status ask_next(const lab::Lab& lab);
    // Ask before each step: the question for the next step (image_size for a FROM and for
    // every other filesystem step, adds_layer otherwise).
    Status ask_for_step(const lab::Lab& lab);
    const Question* pending() const { return m_pending ? &*m_pending : nullptr; }
    void drop() { m_pending.reset(); }
    // Reveals and checks the pending question; the verdict is kept (last()).
    Result<Verdict> answer(lab::Lab& lab, const Answer& a);
    const Question* last_question() const { return m_last ? &m_last_q : nullptr; }
    const Verdict* last() const { return m_last ? &*m_last : nullptr; }
    void clear_last() { m_last.reset(); }

    int asked() const { return m_asked; }
    int right() const { return m_right; }
    bool quiz_mode = false;
    bool ask_before_step = false;
    uint64_t serial() const { return m_serial; }  // bumped by every ask and answer

private:
    std::optional<Question> m_pending;
    Question m_last_q;
    std::optional<Verdict> m_last;
    int m_asked = 0, m_right = 0;
    int m_next_kind = 0;
    uint64_t m_serial = 0;
};

}  // namespace ll::lesson
