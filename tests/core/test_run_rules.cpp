// Rules found by running scripts on the kernel's overlayfs for `layerlab run`
// (tests/run/): docker diff on lower symlinks, and
// hard links kept by tar -c/-x, cp -a/-r and mv across EXDEV (busybox tracks
// inodes). tests/run/ compares them with the real thing; these pin them in
// the core's own tests (native and wasm).
#include <doctest/doctest.h>

#include "test_shell_fixture.h"

using namespace ll;
using ll::test::ShellFx;

namespace {

std::string diff_text(const Container& c) {
    std::string out;
    for (const DiffLine& d : c.diff()) out += std::string(1, d.kind) + " " + d.path + "\n";
    return out;
}

// /data/a.txt and /data/a.hard: one inode in an image layer
void add_linked_layer(ShellFx& f) {
    Entry a = f.file("/data/a.txt", "one\n");
    Entry h = f.file("/data/a.hard", "one\n");
    a.link_group = h.link_group = 1;
    f.add_layer({f.dir("/data"), a, h, f.dir("/srv"), f.dir("/srv/app"), f.sym("/srv/current", "/srv/app"),
                 f.sym("/srv/rel", "app")});
}

}  // namespace

TEST_CASE("docker diff: chown -h of lower symlinks is C whatever their target (ChangesDirs uses lstat)") {
    ShellFx f;
    add_linked_layer(f);
    REQUIRE(f.run("chown -h 1:1 /srv/current; chown -h 1:1 /srv/rel").status == 0);
    CHECK(diff_text(*f.c) == "C /srv\nC /srv/current\nC /srv/rel\n");
}

TEST_CASE("tar -c records a second name of an inode as a hard link; tar -x makes the link") {
    ShellFx f;
    add_linked_layer(f);
    REQUIRE(f.run("tar -cf /tmp/d.tar -C /data . && mkdir /ex && tar -xf /tmp/d.tar -C /ex").status == 0);
    CHECK(f.out("tar -tvf /tmp/d.tar | grep -c 'link to'") == "1\n");
    CHECK(f.out("stat -c '%h %n' /ex/a.txt /ex/a.hard") == "2 /ex/a.txt\n2 /ex/a.hard\n");
    REQUIRE(f.run("echo two >> /ex/a.txt").status == 0);
    CHECK(f.text("/ex/a.hard") == "one\ntwo\n");
}

TEST_CASE("cp -a, cp -r and mv of a lower directory keep hard links; cp of two files does not") {
    ShellFx f;
    add_linked_layer(f);
    REQUIRE(f.run("cp -a /data /copy-a && cp -r /data/. /copy-r && cp /data/a.txt /data/a.hard /srv/ && "
                  "mv /data /data2")
                .status == 0);
    CHECK(f.out("stat -c '%h %n' /copy-a/a.txt /copy-r/a.hard /srv/a.txt /data2/a.hard") ==
          "2 /copy-a/a.txt\n2 /copy-r/a.hard\n1 /srv/a.txt\n2 /data2/a.hard\n");
    REQUIRE(f.run("echo x >> /copy-a/a.hard").status == 0);
    CHECK(f.text("/copy-a/a.txt") == "one\nx\n");
}
