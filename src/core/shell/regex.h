// regex.h: POSIX regular expressions (BRE and ERE) for grep and sed.
//
// busybox grep and sed use glibc's regcomp/regexec: POSIX BRE (with GNU's
// \+ \? \| \< \> \b \w \s) or ERE with -E / -r, leftmost-longest matching,
// and \1..\9 groups for sed's replacement. This is a Thompson-NFA (Pike VM)
// matcher: time is O(text * pattern) and memory O(pattern), with no
// recursion while matching, so no input can make it run for exponential
// time or overflow the stack (std::regex can do both).
//
//     Result<Regex> re = Regex::compile("\\(ab*\\)c", 0);
//     Regex::Match m;
//     if (re->search("xabbc", 0, m)) { m.so[0] == 1; m.eo[0] == 5; m.so[1] == 1; m.eo[1] == 4; }
//
// Not supported: back-references inside the pattern (\1 in the regex
// itself), which need backtracking; compile() says so.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base.h"

namespace ll::shell {

class Regex {
public:
    enum Flags : unsigned { extended = 1, icase = 2 };
    static constexpr size_t k_groups = 10;
    static constexpr size_t k_max_program = 30000;

    struct Match {
        std::array<size_t, k_groups> so{}, eo{};
        std::array<bool, k_groups> set{};
    };

    static Result<Regex> compile(std::string_view pattern, unsigned flags);
    // The leftmost-longest match at or after `from`. `not_bol`: position 0
    // of `s` is not the beginning of a line (sed's s///g after a match).
    bool search(std::string_view s, size_t from, Match& m, bool not_bol = false) const;
    bool matches(std::string_view s) const {
        Match m;
        return search(s, 0, m);
    }
    size_t groups() const { return m_groups; }
    size_t program_size() const { return m_prog.size(); }

    enum class Op : uint8_t { ch, any, cls, split, jmp, save, match, bol, eol, wordb, nwordb, wstart, wend };
    struct Inst {
        Op op = Op::match;
        uint8_t c = 0;
        uint32_t x = 0, y = 0;  // split/jmp targets; cls: index into m_classes; save: slot
    };

private:
    friend struct RegexCompiler;
    std::vector<Inst> m_prog;
    std::vector<std::array<uint64_t, 4>> m_classes;
    size_t m_groups = 1;
    bool m_icase = false;
};

}  // namespace ll::shell
