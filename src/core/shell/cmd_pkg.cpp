// cmd_pkg.cpp: package managers (apt-get, apt, dpkg, apk, pip, npm) over the
// catalogs in core/catalog/catalog.h.
#include "core/shell/interp.h"

namespace ll::shell {

std::vector<ProgramDef> pkg_programs() { return {}; }

}  // namespace ll::shell
