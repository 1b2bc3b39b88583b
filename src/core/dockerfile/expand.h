// expand.h: Dockerfile variable substitution, as BuildKit's shell/lex.go does it.
//
// The parser never substitutes: it keeps every argument as written. The
// builder calls these functions when it dispatches an instruction, with the
// environment of that moment (ENV values, ARG values and --build-arg
// overrides). Which instructions substitute is `expands_variables(Kind)`.
//
// What is supported (exactly BuildKit's subset of sh, nothing more):
//
//     $NAME  ${NAME}              value, or "" when unset
//     ${NAME:-word} ${NAME-word}  word when unset (":" also when empty)
//     ${NAME:+word} ${NAME+word}  word when set (":" only when non-empty)
//     ${NAME:?msg}  ${NAME?msg}   error "NAME: msg" when unset (or empty)
//     ${NAME#pat} ${NAME##pat}    strip shortest / longest prefix (* and ?)
//     ${NAME%pat} ${NAME%%pat}    strip shortest / longest suffix
//     ${NAME/pat/rep} ${NAME//pat/rep}  replace first / all
//     $1 $@ $* $# $? $- $$ $! $0  never set in a Dockerfile: ""
//     'single'  literal, no escapes; "double": $ expands, \" \$ \\ escape
//     \$ (escape char + $)        a literal $; the escape char is \ or `
//
// Not supported, as in BuildKit: ${NAME=word}, ${NAME:off:len}, ${#NAME},
// $(cmd), $((math)), arrays. They are errors.
//
// Word splitting happens *after* substitution: the value of $X splits on
// spaces, text inside quotes never does, and an empty "" makes no word.
//
//     Env env{{"PWD", "/home"}};
//     expand("he${XXX:-$PWD}xx", env)      -> "he/homexx"
//     expand("'$PWD'", env)                -> "$PWD"
//     expand_words("a \"b c\" $PWD", env)  -> {"a", "b c", "/home"}
//
// Errors are values with a message a student can act on; they carry no
// location (the expander does not know where the word came from): the
// builder sets Error::where to the instruction's place. A result longer than
// k_max_expansion_bytes (1 MiB, limits.h) is such an error, raised while it
// grows and naming the variable that made it grow.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base.h"

namespace ll::dockerfile {

enum class Kind : uint8_t;

// An ordered set of variables. Names are case-sensitive (Linux semantics);
// a name is either unset or set (possibly to ""), and the two differ for
// ${X-word}, ${X+word} and ${X?msg}.
class Env {
public:
    Env() = default;
    Env(std::initializer_list<std::pair<std::string, std::string>> vars);
    // Adds or replaces.
    void set(std::string_view name, std::string_view value);
    // Removes; returns whether it was set.
    bool unset(std::string_view name);
    // nullptr when unset.
    const std::string* find(std::string_view name) const;
    const std::vector<std::pair<std::string, std::string>>& vars() const { return m_vars; }
    size_t size() const { return m_vars.size(); }
    // What the variables take in a process's environment: "NAME=value\0" each.
    size_t bytes() const;

private:
    std::vector<std::pair<std::string, std::string>> m_vars;
};

struct ExpandOptions {
    char escape = '\\';               // the file's escape char (# escape=)
    bool keep_quotes = false;         // RawQuotes: quotes stay in the result
    bool keep_escapes = false;        // RawEscapes: escape chars stay too
    bool quotes_are_literal = false;  // SkipProcessQuotes: ' and " are plain text
    bool keep_unset = false;          // SkipUnsetEnv: unset $X stays "$X"
};

struct Expansion {
    std::string text;                                    // the word with everything substituted
    std::vector<std::string> words;                      // the same, split into words
    std::vector<std::pair<size_t, size_t>> word_ranges;  // [begin, end) in the input of each word
    std::vector<std::string> used;                       // names that were set (in order, unique)
    std::vector<std::string> undefined;                  // names that were referenced but unset
};

// The general form; the helpers below cover what the builder needs.
Result<Expansion> expand_ex(std::string_view text, const Env& env, const ExpandOptions& opt = {});

// One word (BuildKit ProcessWord): ENV/LABEL/ARG values, WORKDIR, USER,
// COPY/ADD sources and destination (each separately), FROM image, ...
Result<std::string> expand(std::string_view word, const Env& env, char escape = '\\');

// Words (BuildKit ProcessWords), e.g. for EXPOSE "80 443".
Result<std::vector<std::string>> expand_words(std::string_view text, const Env& env, char escape = '\\');

// The body of a COPY/ADD heredoc whose delimiter was not quoted: only $
// substitutions happen, quotes are kept. (BuildKit also consumes backslash
// escapes here, so "a\nb" becomes "anb"; we do the same, on purpose.)
Result<std::string> expand_heredoc(std::string_view body, const Env& env);

// The limit on all variables of a stage (k_max_variables_bytes, limits.h):
// an Error naming `name` when setting it to `value` would make `env` hold more
// than 2 MiB, the most Linux lets a program's environment hold. For the
// builder's ENV and ARG (which do not call it yet).
Status check_variables_size(const Env& env, std::string_view name, std::string_view value);

// Whether the builder substitutes variables in this instruction's arguments
// (ADD, ARG default values, COPY, ENV, EXPOSE, FROM, LABEL, ONBUILD,
// STOPSIGNAL, USER, VOLUME, WORKDIR). RUN, CMD, ENTRYPOINT, SHELL and
// HEALTHCHECK leave $ to the shell at run time.
bool expands_variables(Kind kind);

}  // namespace ll::dockerfile
