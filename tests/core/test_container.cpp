// Containers: overlayfs copy-on-write, whiteouts, opaque dirs, EXDEV, diff,
// commit and sizes. Each behaviour here was checked on the kernel's
// overlayfs with tests/oracle/cow.sh (see tests/golden/cow/).
#include <doctest/doctest.h>

#include <algorithm>

#include "core/container.h"
#include "fixtures.h"

using namespace ll;
using ll::test::Fx;

namespace {
std::string diff_str(const Container& c) {
    std::string s;
    for (const DiffLine& d : c.diff()) s += std::string(1, d.kind) + " " + d.path + "\n";
    return s;
}
uint64_t copied(const std::vector<Event>& ev) {
    uint64_t n = 0;
    for (const Event& e : ev)
        if (e.kind == EventKind::copy_up) n += e.bytes;
    return n;
}
bool has_event(const std::vector<Event>& ev, EventKind k) {
    return std::any_of(ev.begin(), ev.end(), [&](const Event& e) { return e.kind == k; });
}
}  // namespace

TEST_CASE("reads fall through to the lower layers; nothing is copied") {
    Fx f;
    Container c(f.s, f.image({f.layer({f.dir("/etc"), f.file("/etc/os-release", "debian")})}));
    CHECK(*c.read_text("/etc/os-release") == "debian");
    CHECK(c.upper_empty());
    CHECK(c.lstat("/etc/os-release")->layer == 0);
}

TEST_CASE("a 1-byte write to a 100 MB lower file copies 100 MB once, then nothing") {
    Fx f;
    const uint64_t n = uint64_t(100) << 20;
    Container c(f.s, f.image({f.layer({f.dir("/data"), f.big("/data/big.bin", n)})}));
    REQUIRE(c.write_at("/data/big.bin", 4096, "x"));
    auto first = c.take_events();
    CHECK(copied(first) == n);
    auto it = std::find_if(first.begin(), first.end(),
                           [](const Event& e) { return e.kind == EventKind::copy_up && e.bytes > 0; });
    REQUIRE(it != first.end());
    CHECK(it->layer == 0);
    REQUIRE(c.write_at("/data/big.bin", 8192, "y"));
    CHECK(copied(c.take_events()) == 0);
    CHECK(c.bytes_copied_up() == n);
    CHECK(c.lstat("/data/big.bin")->size == n);
    CHECK(c.size() == n);  // docker ps -s: the copied-up file now lives in the container layer
}

TEST_CASE("opening a lower file with O_TRUNC copies it up without its data") {
    Fx f;
    Container c(f.s, f.image({f.layer({f.big("/big", 1 << 20)})}));
    REQUIRE(c.write_text("/big", "short"));
    CHECK(copied(c.take_events()) == 0);
    CHECK(*c.read_text("/big") == "short");
}

TEST_CASE("appending to a lower file copies all of it up first") {
    Fx f;
    Container c(f.s, f.image({f.layer({f.file("/log", "line1\n")})}));
    REQUIRE(c.write_text("/log", "line2\n", WriteMode::append));
    CHECK(copied(c.take_events()) == 6);
    CHECK(*c.read_text("/log") == "line1\nline2\n");
}

TEST_CASE("events carry facts: what a modify changed, where, how many bytes, the size after") {
    Fx f;
    Container c(f.s, f.image({f.layer({f.file("/log", "line1\n"), f.file("/db", "0123456789")})}));
    REQUIRE(c.write_text("/log", "line2\n", WriteMode::append));
    REQUIRE(c.write_at("/db", 4, "xy"));
    REQUIRE(c.truncate("/db", 3));
    REQUIRE(c.chmod("/db", 0600));
    std::vector<Event> ev = c.take_events();
    std::vector<const Event*> copies, mods;
    for (size_t i = 0; i < ev.size(); ++i) {
        if (ev[i].kind == EventKind::copy_up && ev[i].bytes > 0) copies.push_back(&ev[i]);
        if (ev[i].kind == EventKind::modify) mods.push_back(&ev[i]);
    }
    REQUIRE(copies.size() == 2);
    REQUIRE(mods.size() == 4);
    CHECK(mods[0]->change == Change::append);
    CHECK(mods[0]->bytes == 6);  // written, not the size after
    CHECK(mods[0]->size == 12);
    CHECK(mods[1]->change == Change::at_offset);
    CHECK(mods[1]->bytes == 2);
    CHECK(mods[1]->offset == 4);
    CHECK(mods[1]->size == 10);
    CHECK(mods[2]->change == Change::truncate);
    CHECK(mods[2]->size == 3);
    CHECK(mods[3]->change == Change::mode);
    // the change that followed each copy-up, found by path and kind
    for (size_t i = 0; i < ev.size(); ++i)
        if (&ev[i] == copies[0]) CHECK(change_after_copy_up(ev, i) == mods[0]);
    for (size_t i = 0; i < ev.size(); ++i)
        if (&ev[i] == copies[1]) CHECK(change_after_copy_up(ev, i) == mods[1]);
}

TEST_CASE("chmod of a lower file copies the whole file up") {
    Fx f;
    Container c(f.s, f.image({f.layer({f.dir("/bin"), f.file("/bin/tool", "#!/bin/sh\n")})}));
    REQUIRE(c.chmod("/bin/tool", 0700));
    auto ev = c.take_events();
    CHECK(copied(ev) == 10);
    CHECK(c.upper().count(f.s.paths.find("/bin")) == 1);  // the parent came up too
    CHECK(c.lstat("/bin/tool")->mode == 0700);
    CHECK(c.lstat("/bin/tool")->layer == k_upper_layer);
    SUBCASE("chmod of a lower directory copies up only the directory") {
        REQUIRE(c.chmod("/bin", 0700));
        CHECK(c.lstat("/bin")->mode == 0700);
    }
}

TEST_CASE("rm of a lower file leaves a whiteout; docker diff shows D and the parent as C") {
    Fx f;
    Container c(f.s, f.image({f.layer({f.dir("/etc"), f.file("/etc/motd", "hi"), f.file("/etc/keep", "k")})}));
    REQUIRE(c.unlink("/etc/motd"));
    CHECK(has_event(c.events(), EventKind::whiteout));
    const Entry& w = c.upper().at(f.s.paths.find("/etc/motd"));
    CHECK(w.is_whiteout());
    CHECK_FALSE(c.exists("/etc/motd"));
    CHECK(c.exists("/etc/keep"));
    CHECK(diff_str(c) == "C /etc\nD /etc/motd\n");
}

TEST_CASE("rm of a file created in the container leaves no whiteout") {
    Fx f;
    Container c(f.s, f.image({f.layer({f.dir("/tmp")})}));
    REQUIRE(c.write_text("/tmp/scratch", "x"));
    REQUIRE(c.unlink("/tmp/scratch"));
    CHECK(c.upper().count(f.s.paths.find("/tmp/scratch")) == 0);
    CHECK(diff_str(c) == "");  // created then deleted: in neither tree
}

TEST_CASE("rm -rf of a lower directory then mkdir gives an opaque directory") {
    Fx f;
    Container c(f.s, f.image({f.layer({f.dir("/app"), f.file("/app/old.py", "o"), f.dir("/app/lib"),
                                       f.file("/app/lib/m.py", "m")})}));
    REQUIRE(remove_tree(c, "/app"));
    const Entry& w = c.upper().at(f.s.paths.find("/app"));
    CHECK(w.is_whiteout());
    REQUIRE(c.mkdir("/app", 0755));
    REQUIRE(c.write_text("/app/new.py", "n"));
    const Entry& d = c.upper().at(f.s.paths.find("/app"));
    CHECK(d.is_dir());
    CHECK(d.opaque);
    CHECK(has_event(c.events(), EventKind::opaque));
    CHECK_FALSE(c.exists("/app/old.py"));
    CHECK(c.list("/app")->size() == 1);
    // ChangesDirs compares the trees: /app has the same mode and owner, so it is
    // C only for what it holds; the hidden lower names are D, the new one A
    // (the kernel says the same: tests/golden/cow rm-rf-recreate).
    CHECK(diff_str(c) == "C /app\nD /app/lib\nA /app/new.py\nD /app/old.py\n");
    SUBCASE("the committed layer carries the opaque marker") {
        LayerPtr l = c.commit_layer();
        const Entry* e = l->find(f.s.paths.find("/app"));
        REQUIRE(e);
        CHECK(e->opaque);
    }
}

TEST_CASE("renaming a lower directory fails with EXDEV") {
    Fx f;
    Container c(f.s, f.image({f.layer({f.dir("/src"), f.file("/src/a", "a")})}));
    Status s = c.rename("/src", "/dst");
    REQUIRE_FALSE(s);
    CHECK(s.error().code == Errc::exdev);
    CHECK(has_event(c.events(), EventKind::exdev));
    SUBCASE("a merged directory (copied up) is refused too") {
        REQUIRE(c.write_text("/src/b", "b"));
        CHECK(c.rename("/src", "/dst").error().code == Errc::exdev);
    }
    SUBCASE("a directory made in the container moves, and turns opaque under a merged parent") {
        REQUIRE(c.mkdir("/fresh"));
        REQUIRE(c.rename("/fresh", "/src/moved"));
        const Entry& e = c.upper().at(f.s.paths.find("/src/moved"));
        CHECK(e.opaque);
    }
}

TEST_CASE("renaming a lower file copies it up and whites out the old name") {
    Fx f;
    Container c(f.s, f.image({f.layer({f.file("/hl", "data")})}));
    REQUIRE(c.rename("/hl", "/hl-moved"));
    CHECK(copied(c.events()) == 4);
    CHECK(c.upper().at(f.s.paths.find("/hl")).is_whiteout());
    CHECK(*c.read_text("/hl-moved") == "data");
    CHECK(diff_str(c) == "D /hl\nA /hl-moved\n");
}

TEST_CASE("hard links to a lower file are broken by copy-up") {
    Fx f;
    Entry a = f.file("/a", "same");
    a.link_group = 1;
    Entry b = f.file("/b", "same");
    b.link_group = 1;
    Container c(f.s, f.image({f.layer({a, b})}));
    CHECK(c.lstat("/a")->nlink == 2);
    REQUIRE(c.write_text("/a", "changed", WriteMode::append));
    CHECK(*c.read_text("/a") == "samechanged");
    CHECK(*c.read_text("/b") == "same");  // the other name keeps the lower inode
    CHECK(c.lstat("/a")->nlink == 1);
}

TEST_CASE("hard links made in the container share one inode") {
    Fx f;
    Container c(f.s, f.image({f.layer({f.file("/orig", "v1")})}));
    REQUIRE(c.link("/orig", "/alias"));
    CHECK(c.lstat("/alias")->nlink == 2);
    REQUIRE(c.write_text("/alias", "v2"));
    CHECK(*c.read_text("/orig") == "v2");
    CHECK(c.size() == 2);  // one inode, counted once
}

TEST_CASE("many containers share one image and do not see each other") {
    Fx f;
    Image img = f.image({f.layer({f.file("/shared", "s")})});
    Container a(f.s, img, "a"), b(f.s, img, "b");
    REQUIRE(a.write_text("/shared", "changed by a"));
    CHECK(*b.read_text("/shared") == "s");
    CHECK(a.image().layers()[0] == b.image().layers()[0]);
    CHECK(a.virtual_size() == a.size() + img.size());
}

TEST_CASE("errors carry errno-like codes and plain messages") {
    Fx f;
    Container c(f.s, f.image({f.layer({f.dir("/d"), f.file("/d/x", "x"), f.file("/f", "f")})}));
    CHECK(c.read("/nope").error().code == Errc::enoent);
    CHECK(c.read("/nope").error().message == "/nope: No such file or directory");
    CHECK(c.mkdir("/d").error().code == Errc::eexist);
    CHECK(c.rmdir("/d").error().code == Errc::enotempty);
    CHECK(c.unlink("/d").error().code == Errc::eisdir);
    CHECK(c.rmdir("/f").error().code == Errc::enotdir);
    CHECK(c.write_text("/f/x", "").error().code == Errc::enotdir);
    CHECK(c.rmdir("/").error().code == Errc::ebusy);
}

TEST_CASE("permissions are checked for non-root users") {
    Fx f;
    Entry root_only = f.dir("/root", 0700);
    Entry tmp = f.dir("/tmp", 01777);
    Container c(f.s, f.image({f.layer({root_only, tmp, f.dir("/app")})}));
    c.set_cred(Cred{1000, 1000, {}});
    CHECK(c.mkdir("/app/x").error().code == Errc::eacces);
    CHECK(c.list("/root").error().code == Errc::eacces);
    REQUIRE(c.write_text("/tmp/mine", "m"));
    CHECK(c.lstat("/tmp/mine")->uid == 1000);
    CHECK(c.lstat("/tmp/mine")->mode == 0644);  // 0666 & ~022
    CHECK(c.chown("/tmp/mine", 0, std::nullopt).error().code == Errc::eperm);
    c.set_cred(Cred{1001, 1001, {}});
    CHECK(c.unlink("/tmp/mine").error().code == Errc::eperm);  // sticky /tmp
}

TEST_CASE("docker diff: added, changed and unchanged directories") {
    Fx f;
    Container c(f.s,
                f.image({f.layer({f.dir("/etc"), f.file("/etc/passwd", "root"), f.dir("/var"), f.dir("/var/log")})}));
    REQUIRE(c.write_text("/etc/passwd", "app", WriteMode::append));  // copy-up; /etc holds a change
    REQUIRE(mkdir_p(c, "/var/log/app/deep"));
    CHECK(diff_str(c) == "C /etc\nC /etc/passwd\nC /var\nC /var/log\nA /var/log/app\nA /var/log/app/deep\n");
}

// moby's ChangesDirs (what overlay2's naiveDiff runs today), the examples of issue 15
TEST_CASE("docker diff: a file touched in place is C with every ancestor; a touched directory is not") {
    Fx f;
    Container c(f.s, f.image({f.layer({f.dir("/app"), f.dir("/app/lib"), f.dir("/app/lib/plugins"),
                                       f.dir("/app/lib/plugins/v1"), f.file("/app/lib/plugins/v1/plugin.so", "elf"),
                                       f.dir("/app/docs"), f.file("/app/docs/a", "a")})}));
    REQUIRE(c.utime("/app/lib/plugins/v1/plugin.so", c.now()));
    CHECK(diff_str(c) ==
          "C /app\nC /app/lib\nC /app/lib/plugins\nC /app/lib/plugins/v1\nC /app/lib/plugins/v1/plugin.so\n");
    Container d(f.s, c.image());
    REQUIRE(d.utime("/app/docs", d.now()));  // copied up, but a directory's mtime is never compared
    REQUIRE(d.chmod("/app/docs/a", 0644));   // copied up, same mode, same mtime: no change
    CHECK(d.upper().size() == 3);
    CHECK(diff_str(d) == "");
    REQUIRE(d.chmod("/app/docs", 0700));
    CHECK(diff_str(d) == "C /app\nC /app/docs\n");
}

TEST_CASE("docker diff: a re-created directory is compared name by name, not listed as D + A") {
    Fx f;
    Container c(f.s, f.image({f.layer({f.dir("/cfg"), f.file("/cfg/a", "a"), f.file("/cfg/b", "b"), f.dir("/x"),
                                       f.file("/x/f", "f")})}));
    REQUIRE(remove_tree(c, "/cfg"));
    REQUIRE(c.mkdir("/cfg", 0755));
    REQUIRE(c.write_text("/cfg/a", "new"));
    REQUIRE(remove_tree(c, "/x"));
    REQUIRE(c.write_text("/x", "now a file"));
    // /cfg: same mode and owner, so only what it holds differs; /x changed type
    CHECK(diff_str(c) == "C /cfg\nC /cfg/a\nD /cfg/b\nC /x\n");
}

TEST_CASE("commit turns the writable layer into an image layer") {
    Fx f;
    Image base = f.image({f.layer({f.dir("/etc"), f.file("/etc/a", "a"), f.file("/etc/b", "b")})});
    Container c(f.s, base);
    REQUIRE(c.write_text("/etc/a", "A"));
    REQUIRE(c.unlink("/etc/b"));
    REQUIRE(c.symlink("/etc/a", "/link"));
    Image img = c.commit("docker commit");
    REQUIRE(img.layer_count() == 2);
    const Layer& top = *img.layers()[1];
    CHECK(top.entries().size() == 4);  // /etc, /etc/a, /etc/b (whiteout), /link
    CHECK(top.find(f.s.paths.find("/etc/b"))->is_whiteout());
    CHECK(top.whiteouts() == 1);
    CHECK(img.history.back().created_by == "docker commit");
    Container next(f.s, img);
    CHECK(*next.read_text("/link") == "A");
    CHECK_FALSE(next.exists("/etc/b"));
}

TEST_CASE("install replaces what is in the way, keeping directories") {
    Fx f;
    Container c(f.s, f.image({f.layer({f.dir("/opt"), f.file("/opt/x", "x"), f.file("/conf", "c")})}));
    Entry d = f.dir("/opt", 0700);
    d.uid = 5;
    REQUIRE(c.install("/opt", d));
    CHECK(c.lstat("/opt")->mode == 0700);
    CHECK(c.exists("/opt/x"));  // directory over directory merges
    Entry dd = f.dir("/conf", 0755);
    REQUIRE(c.install("/conf", dd));
    CHECK(c.lstat("/conf")->type == EntryType::dir);
    CHECK(c.upper().at(f.s.paths.find("/conf")).opaque);  // replaced a lower file
}
