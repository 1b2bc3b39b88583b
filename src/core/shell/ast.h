// ast.h: the syntax tree of a shell script (POSIX sh grammar, busybox ash
// flavour), produced by parser.h and walked by the interpreter.
//
//   if [ -f /etc/os-release ]; then cat "$F" | grep -q ID=debian && echo yes; fi
//
//   Node{if_}
//    ├─ cond: Node{list} ─ Node{simple} words: [ -f /etc/os-release ]
//    └─ then: Node{list} ─ Node{and_or} &&
//                            ├─ Node{pipeline} ─ Node{simple} cat "$F"
//                            │                └─ Node{simple} grep -q ID=debian
//                            └─ Node{simple} echo yes
//
// Words keep their quoting structure (a list of parts), because expansion,
// field splitting, globbing and quote removal happen at run time:
//   "a$x"*  ->  [lit "a" quoted] [param x quoted] [lit "*" unquoted]
// Nodes are immutable once parsed and shared (functions keep their body
// alive after the command that defined them is gone).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ll::shell {

struct Node;
using NodePtr = std::shared_ptr<const Node>;

enum class ParamOp : uint8_t {
    none,              // $x ${x}
    length,            // ${#x}
    use_default,       // ${x-w} ${x:-w}
    assign,            // ${x=w} ${x:=w}
    error,             // ${x?w} ${x:?w}
    alternative,       // ${x+w} ${x:+w}
    trim_suffix,       // ${x%p}
    trim_suffix_long,  // ${x%%p}
    trim_prefix,       // ${x#p}
    trim_prefix_long,  // ${x##p}
    replace,           // ${x/p/r}
    replace_all,       // ${x//p/r}
    substring,         // ${x:off} ${x:off:len}
};

struct WordPart {
    enum class Kind : uint8_t { lit, param, cmdsub, arith };
    Kind kind = Kind::lit;
    bool quoted = false;  // inside quotes or escaped: no splitting, no globbing
    std::string text;     // lit: the characters; param: the name ("1", "@", "HOME")
    ParamOp op = ParamOp::none;
    bool colon = false;          // ${x:-w}: also when set but empty
    std::vector<WordPart> arg;   // param: the operand word; arith: the expression
    std::vector<WordPart> arg2;  // replace: the replacement; substring: the length
    bool has_arg2 = false;
    NodePtr sub;  // cmdsub: the commands
};

struct Word {
    std::vector<WordPart> parts;
    uint32_t line = 0, column = 0;
    // The text when the word is one unquoted literal (reserved words,
    // assignments, function names), else "".
    std::string literal() const;
    bool is_literal() const;
};

struct HereDoc {
    std::string delim;
    bool expand = true;       // delimiter unquoted: $, ` and \ are live
    bool strip_tabs = false;  // <<-
    Word body;                // lit parts only when !expand
    bool filled = false;
};

struct Redir {
    enum class Op : uint8_t { in, out, append, clobber, dup_in, dup_out, rdwr, heredoc };
    Op op = Op::out;
    int fd = 1;
    Word target;
    std::shared_ptr<HereDoc> here;  // heredoc only
};

enum class NodeKind : uint8_t {
    simple,
    pipeline,
    and_or,
    list,
    subshell,
    group,
    if_,
    while_,
    until_,
    for_,
    case_,
    funcdef,
};

struct CaseItem {
    std::vector<Word> patterns;
    NodePtr body;  // may be null (empty item)
};

struct Node {
    NodeKind kind = NodeKind::simple;
    uint32_t line = 0;
    // simple
    std::vector<Word> assigns;
    std::vector<Word> words;
    // any command: its redirections (a compound's apply around it)
    std::vector<Redir> redirs;
    // pipeline: kids are the stages; bang = "!"
    // and_or: kids with ops[i] between kids[i] and kids[i+1] (true = &&)
    // list: kids run in sequence; async[i]: ended by "&"
    // subshell/group: kids[0] is the body
    // if: kids = cond0, then0, cond1, then1, ..., [else]
    // while/until: kids = cond, body
    // for: name, words (has_in) and kids[0] = body
    // case: subject word in words[0], items
    // funcdef: name, kids[0] = body
    std::vector<NodePtr> kids;
    std::vector<bool> ops;
    bool bang = false;
    bool has_in = false;
    std::string name;
    std::vector<CaseItem> items;
};

}  // namespace ll::shell
