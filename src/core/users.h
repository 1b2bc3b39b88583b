// users.h: the user and group databases (/etc/passwd, /etc/group and their
// shadow files) of a container, read in one place for every rule that turns
// a name into an id or back: USER as runc resolves it (shell/interp.cpp),
// HOME (shell/start.cpp), COPY --chown (build/copy.cpp), chown, ~user, id,
// ls -l, getent, and adduser/addgroup, which rewrite them
// (shell/cmd_users.cpp).
//
// A line is kept as its ':'-separated fields exactly as written, so a tool
// that edits one line writes every other line back unchanged:
//
//   passwd  name:password:uid:gid:gecos:home:shell
//   group   name:password:gid:member,member,...
//
//     users::Db pw = users::read(c, "/etc/passwd");
//     if (const users::Line* u = users::find_name(pw, "app")) home = u->field(5);
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ll {
class Container;
}

namespace ll::users {

struct Line {
    std::vector<std::string> f;  // the fields, as written
    // Field i, or "" when the line has fewer fields.
    const std::string& field(size_t i) const;
    // Field 2 (uid in passwd, gid in group) as a number; nullopt unless it
    // is decimal digits that fit in 32 bits.
    std::optional<uint32_t> id() const;
    // passwd: field 3, the login group's gid.
    std::optional<uint32_t> gid() const;
    // group: field 3 split at ',' (empty names left out).
    std::vector<std::string> members() const;
};
using Db = std::vector<Line>;

// One Line per non-empty line of `text`.
Db parse(std::string_view text);
// The text again: each line's fields joined with ':', one line each.
std::string join(const Db& db);
// The database file `path` of the container; empty when it is missing.
Db read(const Container& c, std::string_view path);

// The first line named `name` (field 0), or nullptr.
const Line* find_name(const Db& db, std::string_view name);
// The first line whose id() is `id`, or nullptr.
const Line* find_id(const Db& db, uint32_t id);

// "123" -> 123; nullopt unless decimal digits that fit in 32 bits.
std::optional<uint32_t> parse_id(std::string_view s);

}  // namespace ll::users
