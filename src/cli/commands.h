// commands.h: the subcommands of the `layerlab` command-line tool.
//
// To add a subcommand `layerlab foo`:
//   1. write src/cli/cmd_foo.cpp defining
//          int ll::cli::cmd_foo(const Args& args, std::ostream& out, std::ostream& err);
//      (the glob in CMakeLists.txt picks the file up; re-run cmake or just build)
//   2. declare it below, and add ONE line to k_commands in src/cli/main.cpp:
//          {"foo", "<args>", "one-line summary", cmd_foo},
// A command returns its exit code: 0 success, 1 failure (print the Error's
// describe() to err), 2 wrong usage. Commands never call exit() and write only
// to `out`/`err`, so tests can call them directly.
#pragma once
#include <iosfwd>
#include <span>
#include <string_view>

namespace ll::cli {

// The words after the subcommand name: `layerlab inspect a.tar -v` -> {"a.tar", "-v"}.
using Args = std::span<const std::string_view>;
using CommandFn = int (*)(const Args& args, std::ostream& out, std::ostream& err);

struct Command {
    std::string_view name;
    std::string_view usage;    // arguments, e.g. "<image.tar>"
    std::string_view summary;  // one line for `layerlab --help`
    CommandFn run;
};

// Defined in main.cpp.
int cmd_version(const Args& args, std::ostream& out, std::ostream& err);
int cmd_help(const Args& args, std::ostream& out, std::ostream& err);

// Defined in src/cli/cmd_<name>.cpp (add yours here):
int cmd_inspect(const Args& args, std::ostream& out, std::ostream& err);  // cmd_inspect.cpp
int cmd_build(const Args& args, std::ostream& out, std::ostream& err);    // cmd_build.cpp
int cmd_run(const Args& args, std::ostream& out, std::ostream& err);      // cmd_run.cpp
int cmd_history(const Args& args, std::ostream& out, std::ostream& err);  // cmd_history.cpp
int cmd_diff(const Args& args, std::ostream& out, std::ostream& err);     // cmd_diff.cpp
int cmd_df(const Args& args, std::ostream& out, std::ostream& err);       // cmd_diff.cpp

}  // namespace ll::cli
