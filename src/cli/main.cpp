// layerlab: the command-line tool over the core (native only).
//
//   layerlab --help            list the subcommands
//   layerlab version           print the version
//   layerlab <command> ...     see src/cli/commands.h to add one
#include "cli/commands.h"

#include <algorithm>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace ll::cli {
namespace {

// The subcommand table: one line per command, in the order --help lists them.
constexpr Command k_commands[] = {
    {"help", "", "show this help", cmd_help},
    {"version", "", "print the layerlab version", cmd_version},
    {"build", "[options] CONTEXT", "build a Dockerfile step by step (build --help)", cmd_build},
    {"run", "[options] IMAGE ...", "run a script in a container, diff and commit it (run --help)", cmd_run},
    {"inspect", "[options] IMAGE", "layers, IDs, sizes and waste; --format docker; --ci (inspect --help)", cmd_inspect},
    {"history", "[options] IMAGE", "`docker history` of an image file (history --help)", cmd_history},
    {"diff", "[--json] IMAGE_A IMAGE_B", "two images compared: shared layers, files added/removed/changed", cmd_diff},
    {"df", "IMAGE...", "`docker system df -v`'s images: size, shared size, unique size", cmd_df},
};

const Command* find_command(std::string_view name) {
    for (const Command& c : k_commands)
        if (c.name == name) return &c;
    return nullptr;
}

}  // namespace

int cmd_help(const Args&, std::ostream& out, std::ostream&) {
    out << "usage: layerlab <command> [arguments]\n\n"
           "layerlab shows how container images are built from layers.\n\n"
           "commands:\n";
    auto left_of = [](const Command& c) {
        std::string left = std::string(c.name);
        if (!c.usage.empty()) left += " " + std::string(c.usage);
        return left;
    };
    size_t width = 0;
    for (const Command& c : k_commands) width = std::max(width, left_of(c).size());
    for (const Command& c : k_commands) {
        std::string left = left_of(c);
        out << "  " << left;
        for (size_t i = left.size(); i < width + 3; ++i) out << ' ';
        out << c.summary << '\n';
    }
    return 0;
}

int cmd_version(const Args& args, std::ostream& out, std::ostream& err) {
    if (!args.empty()) {
        err << "layerlab version: takes no arguments\n";
        return 2;
    }
    out << "layerlab " << LAYERLAB_VERSION << '\n';
    return 0;
}

}  // namespace ll::cli

int main(int argc, char** argv) {
    using namespace ll::cli;
    std::vector<std::string_view> words(argv + 1, argv + argc);
    if (words.empty()) {
        cmd_help({}, std::cerr, std::cerr);
        return 2;
    }
    std::string_view name = words.front();
    if (name == "--help" || name == "-h") name = "help";
    if (name == "--version") name = "version";
    const Command* command = find_command(name);
    if (command == nullptr) {
        std::cerr << "layerlab: unknown command '" << words.front() << "' (try layerlab --help)\n";
        return 2;
    }
    const Args args(words.data() + 1, words.size() - 1);
    return command->run(args, std::cout, std::cerr);
}
