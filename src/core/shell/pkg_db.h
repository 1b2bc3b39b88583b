// pkg_db.h: the dpkg and apt databases as the package tools read them in the
// container (shared by cmd_pkg.cpp: apt-get, dpkg; cmd_dpkg.cpp: apt-mark,
// dpkg-query, dpkg-architecture).
//
//   /var/lib/dpkg/info/NAME[:arch].list    one per installed package
//   /var/lib/apt/extended_states           "Auto-Installed: 1" stanzas (apt-mark auto)
//   /etc/dpkg/dpkg.cfg.d/*                 path-exclude rules (slim images)
//   /bin -> usr/bin                        merged /usr
#pragma once
#include <set>
#include <string>

#include "core/catalog/catalog.h"
#include "core/shell/interp.h"

namespace ll::shell {

struct AptEnv {
    const Catalog* apt = nullptr;
    const Catalog* state = nullptr;
    bool merged_usr = false;
    bool docker_clean = false;
    bool gzip_indexes = false;
    DpkgFilter filter;
};

AptEnv apt_env(Ctx& ctx);

// Installed packages: those with a /var/lib/dpkg/info/NAME[:arch].list.
std::set<std::string> dpkg_installed(Ctx& ctx);

// Packages apt marked as installed automatically (extended_states).
std::set<std::string> apt_auto_installed(Ctx& ctx);
// Rewrites extended_states with these packages marked automatic.
void apt_write_auto(Ctx& ctx, const AptEnv& env, const std::set<std::string>& auto_set);

}  // namespace ll::shell
