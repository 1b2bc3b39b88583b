// test_users.cpp: the one reader of /etc/passwd and /etc/group (core/users.h)
// that USER, HOME, COPY --chown, chown, ~user, id, getent and adduser share.
#include <doctest/doctest.h>

#include "core/container.h"
#include "core/users.h"
#include "fixtures.h"

using namespace ll;
using ll::test::Fx;

TEST_CASE("users: lines keep their fields as written, so a rewrite changes nothing else") {
    const std::string text = "root:x:0:0:root:/root:/bin/sh\n\nweird line\napp:x:1000:1000::/home/app:\n";
    users::Db db = users::parse(text);
    REQUIRE(db.size() == 3);  // the empty line is not a line
    CHECK(db[1].f == std::vector<std::string>{"weird line"});
    CHECK(db[1].field(5).empty());
    CHECK(users::join(db) == "root:x:0:0:root:/root:/bin/sh\nweird line\napp:x:1000:1000::/home/app:\n");
    REQUIRE(users::find_name(db, "app") != nullptr);
    CHECK(users::find_name(db, "app")->field(5) == "/home/app");
    CHECK(users::find_name(db, "app")->gid() == 1000u);
    CHECK(users::find_id(db, 0) == &db[0]);
    CHECK(users::find_id(db, 7) == nullptr);
}

TEST_CASE("users: ids are decimal and fit in 32 bits; group members split at commas") {
    CHECK(users::parse_id("4294967295") == 4294967295u);
    CHECK_FALSE(users::parse_id("4294967296"));
    CHECK_FALSE(users::parse_id("-1"));
    CHECK_FALSE(users::parse_id("12a"));
    CHECK_FALSE(users::parse_id(""));
    users::Db gr = users::parse("staff:x:50:app,,web\nnone:x:51:\n");
    CHECK(gr[0].members() == std::vector<std::string>{"app", "web"});
    CHECK(gr[1].members().empty());
}

TEST_CASE("users: read() reads the container's file; a missing file is an empty database") {
    Fx f;
    Container c(f.s, f.image({f.layer({f.dir("/etc"), f.file("/etc/group", "root:x:0:\n")})}));
    CHECK(users::read(c, "/etc/passwd").empty());
    REQUIRE(users::read(c, "/etc/group").size() == 1);
    CHECK(users::read(c, "/etc/group")[0].id() == 0u);
}
