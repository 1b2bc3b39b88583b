// mount.h: RUN --mount, parsed the way BuildKit's commands_runmount.go does.
//
// A RUN --mount makes something visible to that one RUN step only, and never
// ends up in the image layer:
//
//     RUN --mount=type=cache,target=/root/.cache/go-build go build ./...
//          cache   a directory kept by the builder between builds (shared by id)
//          bind    read-only view of the context or of another stage (from=)
//          tmpfs   an empty in-memory directory
//          secret  a file (default /run/secrets/<id>) holding a build secret
//          ssh     a socket forwarding the client's SSH agent
//
// The value is CSV: key=value fields separated by commas ("a,b" quoting
// works). Keys are case-insensitive. Defaults: type=bind; bind, secret and
// ssh are read-only, cache and tmpfs are writable.
//
// Values may contain $VARS. parse_mount() validates everything it can; when
// a value holds a '$' it keeps the raw text and sets needs_expansion: the
// builder substitutes each value (expand()) and calls parse_mount again with
// an expander, as BuildKit does. from= never takes variables (BuildKit:
// "define alias stage instead").
//
//     auto m = parse_mount("type=cache,target=/root/.cache,sharing=locked");
//     m->type == MountType::cache; m->read_only == false;
//     describe_mount(*m)  // "a build cache at /root/.cache kept between builds..."
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/base.h"

namespace ll::dockerfile {

enum class MountType : uint8_t { bind, cache, tmpfs, secret, ssh };
const char* mount_type_name(MountType t);

struct RunMount {
    MountType type = MountType::bind;
    std::string from;                // stage name/index or image (bind, cache)
    std::string source;              // path in from / context, or secret source
    std::string target;              // where it appears in the RUN container
    std::string id;                  // cache id / secret id / ssh id
    std::string sharing;             // cache: shared (default), private, locked
    std::optional<std::string> env;  // secret: expose as env variable
    bool read_only = true;
    bool required = false;                   // secret, ssh: fail when missing
    std::optional<uint64_t> mode, uid, gid;  // cache, secret, ssh
    int64_t size_limit = 0;                  // tmpfs size= in bytes (0: unlimited)
    bool needs_expansion = false;            // some value holds '$'
    std::string text;                        // the value as written
};

// Substitutes variables in one value; the builder passes expand() bound to
// the current environment.
using WordExpander = std::function<Result<std::string>(std::string_view)>;

// Parses a --mount value. Errors are plain-language and carry no location
// (the parser adds the flag's place).
Result<RunMount> parse_mount(std::string_view value, const WordExpander* expander = nullptr);

// One sentence a student can read in the UI.
std::string describe_mount(const RunMount& m);

}  // namespace ll::dockerfile
