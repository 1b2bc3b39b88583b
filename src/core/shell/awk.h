// awk.h: an awk interpreter (the POSIX language, as busybox awk and mawk run
// the one-liners Dockerfiles use). Internal to the shell: awk_parse.cpp
// reads a program into the tree below, awk_run.cpp runs it over the input.
//
//   awk -F: -v min=1000 '$3 >= min { n++; print $1 } END { printf "%d users\n", n }' /etc/passwd
//
//   Program ── items: BEGIN, END, pattern { action }, pattern, { action }, function
//   Stmt     ── print, printf, if, while, do, for, for-in, next, exit, return,
//               break, continue, delete, getline, expression, block
//   Expr     ── numbers, strings, /regex/, variables, $field, arr[i, j],
//               assignment ops, ?:, || && in ~ !~, comparisons, concatenation,
//               + - * / % ^, unary, ++ --, builtin and user function calls
//
// Values are strings, numbers or "strnums" (fields, -v values, split()
// pieces: compared as numbers when they look like numbers). Regular
// expressions are EREs (regex.h). Arrays iterate in key order.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/base.h"

namespace ll::shell::awk {

enum class Op : uint8_t {
    num, str, regex,           // literals (regex: matches $0)
    var, field, index,         // lvalues: NAME, $e, NAME[e, ...]
    assign,                    // kids[0] lvalue, kids[1] value; text: "=", "+=", ...
    cond, orr, andd, in,       // a ? b : c; a || b; a && b; (k[, k2]) in NAME
    match, nomatch,            // a ~ b, a !~ b
    lt, le, gt, ge, eq, ne,    // comparisons
    concat, add, sub, mul, div, mod, pow,
    neg, plus, nott,           // unary - + !
    preinc, predec, postinc, postdec,
    call,                      // builtin (text: name) or user function
    getline,                   // kids[0]: optional lvalue; kids[1]: optional file
    group,                     // (e): keeps `print (a)(b) > f` apart
};

struct Expr;
using ExprP = std::unique_ptr<Expr>;
struct Expr {
    Op op = Op::num;
    double num = 0;
    std::string text;  // str value, regex source, variable/function name, assign op
    std::vector<ExprP> kids;
};

enum class SOp : uint8_t {
    expr, print, printf, iff, whilee, doo, forr, forin, block,
    next, nextfile, exit, ret, brk, cont, del, getline,
};

struct Stmt;
using StmtP = std::unique_ptr<Stmt>;
struct Stmt {
    SOp op = SOp::expr;
    std::vector<ExprP> args;   // print/printf items; if/while: [cond]; for: [init, cond, step]
    ExprP out;                 // print > out (redir: ">", ">>", "|")
    std::string redir;
    std::string var;           // for (var in arr): var; delete: array name
    std::vector<StmtP> body;   // block; if: [then, else]; loops: [body]
};

struct Function {
    std::string name;
    std::vector<std::string> params;
    StmtP body;
};

struct Item {
    enum Kind : uint8_t { begin, end, main } kind = main;
    ExprP pattern, pattern2;  // pattern2: a range "p1, p2"
    StmtP action;             // null: { print }
};

struct Program {
    std::vector<Item> items;
    std::vector<Function> functions;
};

// Parses program text. Errors read like busybox's ("awk: cmd. line:1:
// Unexpected token"), with the line.
Result<Program> parse(std::string_view text);

}  // namespace ll::shell::awk
