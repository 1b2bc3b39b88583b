#include "core/base.h"

#include <cstdio>

namespace ll {

const char* errc_name(Errc c) {
    switch (c) {
    case Errc::ok: return "ok";
    case Errc::enoent: return "ENOENT";
    case Errc::eexist: return "EEXIST";
    case Errc::enotdir: return "ENOTDIR";
    case Errc::eisdir: return "EISDIR";
    case Errc::enotempty: return "ENOTEMPTY";
    case Errc::exdev: return "EXDEV";
    case Errc::eloop: return "ELOOP";
    case Errc::einval: return "EINVAL";
    case Errc::eacces: return "EACCES";
    case Errc::eperm: return "EPERM";
    case Errc::enametoolong: return "ENAMETOOLONG";
    case Errc::ebusy: return "EBUSY";
    case Errc::efbig: return "EFBIG";
    case Errc::enospc: return "ENOSPC";
    case Errc::erofs: return "EROFS";
    case Errc::bad_tar: return "bad tar";
    case Errc::bad_gzip: return "bad gzip";
    case Errc::bad_json: return "bad json";
    case Errc::bad_oci: return "bad OCI layout";
    case Errc::unsafe_path: return "unsafe path";
    case Errc::too_large: return "too large";
    case Errc::syntax: return "syntax error";
    case Errc::unknown_instruction: return "unknown instruction";
    case Errc::bad_flag: return "bad flag";
    case Errc::unknown_stage: return "unknown stage";
    case Errc::build_failed: return "build failed";
    case Errc::command_not_found: return "command not found";
    case Errc::budget_exceeded: return "step budget exceeded";
    case Errc::unsupported: return "unsupported";
    case Errc::internal: return "internal error";
    }
    return "?";
}

std::string SourceLoc::str() const {
    std::string s = file;
    if (line == 0) return s;
    if (!s.empty()) s += ':';
    s += std::to_string(line);
    if (column != 0) {
        s += ':';
        s += std::to_string(column);
    }
    return s;
}

std::string Error::describe() const {
    std::string s = where.str();
    if (!s.empty()) s += ": ";
    s += "error: ";
    s += message;
    return s;
}

std::string format_bytes(uint64_t n) {
    static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    if (n < 1024) return std::to_string(n) + " B";
    double v = static_cast<double>(n);
    int u = 0;
    while (v >= 1024.0 && u < 5) {
        v /= 1024.0;
        ++u;
    }
    char buf[32];
    if (v < 10.0)
        std::snprintf(buf, sizeof buf, "%.1f %s", v, units[u]);
    else
        std::snprintf(buf, sizeof buf, "%.0f %s", v, units[u]);
    return buf;
}

}  // namespace ll
