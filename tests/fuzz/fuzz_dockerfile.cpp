// libFuzzer target for the Dockerfile parser, the stage checker, the
// variable expander and the --mount parser.
//
//     tests/fuzz/run_fuzz.sh dockerfile 60
//
// Besides "no crash, no leak, no UB, no hang", it checks invariants a UI
// relies on: every span lies inside the text, every error has a line, parse()
// fails exactly when parse_all() reports errors, and check_stages() is
// idempotent.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/dockerfile/expand.h"
#include "core/dockerfile/parser.h"

using namespace ll::dockerfile;

namespace {

void require(bool ok) {
    if (!ok) __builtin_trap();
}

void check_span(const Span& s, size_t size) {
    require(s.begin_offset <= s.end_offset);
    require(s.end_offset <= size);
    require(s.begin_line >= 1 && s.begin_col >= 1);
    require(s.end_line >= s.begin_line);
}

const Env& fuzz_env() {
    static const Env env{{"A", "1"},       {"EMPTY", ""},     {"PATH", "/usr/local/bin:/usr/bin:/bin"},
                         {"SP", " a  b "}, {"HOME", "/root"}, {"X", "x*y?z"}};
    return env;
}

void exercise_word(std::string_view w, char escape) {
    if (w.size() > 4096) return;
    (void)expand(w, fuzz_env(), escape);
    (void)expand_words(w, fuzz_env(), escape);
}

void exercise(const Instruction& ins, size_t size, char escape, int depth) {
    check_span(ins.span, size);
    check_span(ins.keyword_span, size);
    check_span(ins.text_span, size);
    require(ins.args.size() == ins.arg_spans.size());
    for (const Span& s : ins.arg_spans) check_span(s, size);
    for (const Flag& f : ins.flags) {
        check_span(f.span, size);
        check_span(f.value_span, size);
    }
    for (const KeyValue& kv : ins.pairs) {
        check_span(kv.span, size);
        exercise_word(kv.key, escape);
        exercise_word(kv.value, escape);
    }
    for (const std::string& a : ins.args) exercise_word(a, escape);
    for (const Heredoc& h : ins.heredocs) {
        if (h.span.end_offset != 0) check_span(h.span, size);
        if (h.content.size() <= 4096) (void)expand_heredoc(h.body(), fuzz_env());
    }
    const WordExpander ex = [](std::string_view v) { return expand(v, fuzz_env()); };
    for (const RunMount& m : ins.run.mounts) {
        (void)describe_mount(m);
        (void)parse_mount(m.text, &ex);
    }
    require(ins.copy.heredoc_sources.size() <= ins.heredocs.size() + ins.args.size());
    for (size_t i : ins.copy.heredoc_sources) require(i < ins.heredocs.size());
    require(ins.trigger.size() <= 1);
    if (depth < 2)
        for (const Instruction& t : ins.trigger) exercise(t, size, escape, depth + 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    ParseOutput out = parse_all(text);
    require(out.errors.size() == out.error_spans.size());
    for (size_t i = 0; i < out.errors.size(); ++i) {
        require(out.errors[i].where.line >= 1);
        require(!out.errors[i].message.empty());
        check_span(out.error_spans[i], size);
    }
    for (const Warning& w : out.file.warnings) {
        require(w.where.line >= 1);
        check_span(w.span, size);
    }
    for (const Instruction& ins : out.file.instructions) exercise(ins, size, out.file.escape, 0);
    for (const Stage& st : out.file.stages) {
        require(st.from_instruction < out.file.instructions.size());
        for (size_t i : st.instructions) require(i < out.file.instructions.size());
        for (size_t d : st.depends_on) require(d < out.file.stages.size());
        if (st.base_stage) require(*st.base_stage < st.index);
    }

    // check_stages is idempotent: the same errors a second time.
    const size_t before = out.errors.size();
    std::vector<Span> spans;
    const auto again = check_stages(out.file, &spans);
    require(again.size() == spans.size());
    size_t stage_errors = 0;
    for (const auto& e : out.errors)
        if (e.code == ll::Errc::unknown_stage) ++stage_errors;
    require(again.size() == stage_errors);
    (void)before;

    auto r = parse(text);
    require(r.ok() == out.errors.empty());

    // The raw input as one word, with one combination of the lexer's options
    // chosen by the first byte (all 16 would cost more than the parse).
    if (size > 0 && size <= 4096) {
        const unsigned bits = data[0];
        ExpandOptions opt;
        opt.keep_quotes = bits & 1;
        opt.keep_escapes = bits & 2;
        opt.quotes_are_literal = bits & 4;
        opt.keep_unset = bits & 8;
        opt.escape = (bits & 16) ? '`' : '\\';
        auto x = expand_ex(text.substr(1), fuzz_env(), opt);
        if (x) require(x->words.size() == x->word_ranges.size());
        if (bits & 32) (void)parse_mount(text.substr(1));
    }
    return 0;
}
