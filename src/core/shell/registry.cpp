// registry.cpp: the table of simulated programs (one list per family file).
#include <algorithm>

#include "core/shell/interp.h"

namespace ll::shell {

namespace {
struct Registry {
    std::vector<ProgramDef> all;
    std::vector<std::string> names;
    Registry() {
        for (auto fam : {builtin_programs, file_programs, text_programs, sed_programs, user_programs, misc_programs,
                         find_programs, tar_programs, pkg_programs, dpkg_programs,
                         awk_programs, net_programs, toolchain_programs, python_programs})
            for (const ProgramDef& d : fam()) all.push_back(d);
        std::sort(all.begin(), all.end(), [](const ProgramDef& a, const ProgramDef& b) { return a.name < b.name; });
        for (const ProgramDef& d : all) names.emplace_back(d.name);
    }
};
// Built once, never changed: a constant table, not mutable global state.
const Registry& registry() {
    static const Registry r;
    return r;
}
}  // namespace

const ProgramDef* find_program(std::string_view name) {
    const auto& all = registry().all;
    auto it = std::lower_bound(all.begin(), all.end(), name,
                               [](const ProgramDef& d, std::string_view n) { return d.name < n; });
    if (it == all.end() || it->name != name) return nullptr;
    return &*it;
}

const std::vector<std::string>& simulated_commands() { return registry().names; }

bool is_simulated(std::string_view name) { return find_program(name) != nullptr; }

}  // namespace ll::shell
