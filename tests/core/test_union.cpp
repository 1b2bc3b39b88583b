// The union view: one test per overlay rule of semantics.md, and the
// lookup trace agreeing with the merged index.
#include <doctest/doctest.h>

#include "core/view.h"
#include "fixtures.h"

using namespace ll;
using ll::test::Fx;

TEST_CASE("first layer that has a name wins") {
    Fx f;
    Image img = f.image(
        {f.layer({f.dir("/etc"), f.file("/etc/motd", "old")}), f.layer({f.dir("/etc"), f.file("/etc/motd", "new")})});
    CHECK(f.content(img, "/etc/motd") == "new");
}

TEST_CASE("directories merge across layers") {
    Fx f;
    Image img = f.image(
        {f.layer({f.dir("/etc"), f.file("/etc/a", "a")}), f.layer({f.dir("/etc", 0700), f.file("/etc/b", "b")})});
    CHECK(f.what(img, "/etc/a") == "file");
    CHECK(f.what(img, "/etc/b") == "file");
    // The directory's own metadata comes from the highest layer that has it.
    CHECK(img.find(f.s.paths.find("/etc"))->mode == 0700);
}

TEST_CASE("a whiteout hides the lower name and everything under it") {
    Fx f;
    Image img = f.image(
        {f.layer({f.dir("/a"), f.file("/a/x", "x"), f.dir("/a/sub"), f.file("/a/sub/y", "y"), f.file("/keep", "k")}),
         f.layer({f.wh("/a")})});
    CHECK(f.what(img, "/a") == "-");
    CHECK(f.what(img, "/a/x") == "-");
    CHECK(f.what(img, "/a/sub/y") == "-");
    CHECK(f.what(img, "/keep") == "file");
}

TEST_CASE("a whiteout never hides an entry of its own layer") {
    Fx f;
    SUBCASE("whiteout written before the file") {
        LayerBuilder b(f.s.paths);
        b.put(f.wh("/x"));
        b.put(f.file("/x", "mine"));
        Image img = f.image({f.layer({f.file("/x", "lower")}), b.freeze(f.s.blobs)});
        CHECK(f.content(img, "/x") == "mine");
    }
    SUBCASE("whiteout written after the file") {
        LayerBuilder b(f.s.paths);
        b.put(f.file("/x", "mine"));
        b.put(f.wh("/x"));
        Image img = f.image({f.layer({f.file("/x", "lower")}), b.freeze(f.s.blobs)});
        CHECK(f.content(img, "/x") == "mine");
    }
    SUBCASE("whiteout plus a directory of the same name is an opaque directory") {
        LayerBuilder b(f.s.paths);
        b.put(f.wh("/d"));
        b.put(f.dir("/d"));
        b.put(f.file("/d/new", "n"));
        Image img = f.image({f.layer({f.dir("/d"), f.file("/d/old", "o")}), b.freeze(f.s.blobs)});
        CHECK(f.what(img, "/d/new") == "file");
        CHECK(f.what(img, "/d/old") == "-");
    }
}

TEST_CASE("an opaque directory hides all lower children but keeps its own") {
    Fx f;
    Image img = f.image({f.layer({f.dir("/d"), f.file("/d/old", "o"), f.dir("/d/deep"), f.file("/d/deep/z", "z")}),
                         f.layer({f.opaque_dir("/d"), f.file("/d/new", "n")})});
    CHECK(f.what(img, "/d") == "dir");
    CHECK(f.what(img, "/d/new") == "file");
    CHECK(f.what(img, "/d/old") == "-");
    CHECK(f.what(img, "/d/deep/z") == "-");
}

TEST_CASE("an opaque marker applies wherever it stands in the layer") {
    // The marker may come after a file of the same directory in the tar.
    Fx f;
    LayerBuilder b(f.s.paths);
    b.put(f.dir("/d"));
    b.put(f.file("/d/new", "n"));
    b.mark_opaque(f.s.paths.intern("/d"));
    Image img = f.image({f.layer({f.dir("/d"), f.file("/d/old", "o")}), b.freeze(f.s.blobs)});
    CHECK(f.what(img, "/d/new") == "file");
    CHECK(f.what(img, "/d/old") == "-");
    SUBCASE("even before the directory's own entry") {
        LayerBuilder b2(f.s.paths);
        b2.mark_opaque(f.s.paths.intern("/d"));
        b2.put(f.file("/d/new2", "n"));
        b2.put(f.dir("/d"));
        Image img2 = f.image({f.layer({f.dir("/d"), f.file("/d/old", "o")}), b2.freeze(f.s.blobs)});
        CHECK(f.what(img2, "/d/old") == "-");
        CHECK(f.what(img2, "/d/new2") == "file");
    }
}

TEST_CASE("a file replaced by a directory and back") {
    Fx f;
    auto l0 = f.layer({f.dir("/x"), f.file("/x/inner", "i")});
    auto l1 = f.layer({f.file("/x", "now a file")});
    auto l2 = f.layer({f.dir("/x"), f.file("/x/fresh", "f")});
    Image img = f.image({l0, l1});
    CHECK(f.what(img, "/x") == "file");
    CHECK(f.what(img, "/x/inner") == "-");
    img.push_layer(l2, f.s.paths);
    CHECK(f.what(img, "/x") == "dir");
    CHECK(f.what(img, "/x/fresh") == "file");
    CHECK(f.what(img, "/x/inner") == "-");  // dropped when the file replaced the dir
}

TEST_CASE("symlinks resolve: absolute, relative, through directories, with ..") {
    Fx f;
    Image img =
        f.image({f.layer({f.dir("/usr"), f.dir("/usr/bin"), f.file("/usr/bin/busybox", "bb"), f.sym("/bin", "usr/bin"),
                          f.sym("/usr/bin/sh", "busybox"), f.sym("/abs", "/usr/bin/sh"), f.dir("/etc"),
                          f.sym("/etc/up", "../usr/bin/sh"), f.sym("/dangling", "/nope")})});
    CHECK(f.content(img, "/bin/sh") == "bb");
    CHECK(f.content(img, "/abs") == "bb");
    CHECK(f.content(img, "/etc/up") == "bb");
    CHECK(f.content(img, "/bin/../bin/sh") == "bb");  // ".." of /bin is /usr (physical)
    CHECK(f.what(img, "/dangling") == "symlink");
    ImageView v(img, f.s.paths);
    Resolution r = resolve(v, f.s.paths, "/dangling", true);
    CHECK(r.err == Errc::enoent);
    CHECK(resolve(v, f.s.paths, "/usr/bin/busybox/x", true).err == Errc::enotdir);
    CHECK(resolve(v, f.s.paths, "/usr/bin/busybox/", true).err == Errc::enotdir);
}

TEST_CASE("a symlink loop fails with ELOOP after 40 hops") {
    Fx f;
    Image img = f.image({f.layer({f.sym("/a", "/b"), f.sym("/b", "/a")})});
    ImageView v(img, f.s.paths);
    Resolution r = resolve(v, f.s.paths, "/a", true);
    CHECK(r.err == Errc::eloop);
    CHECK(r.hops.size() == 40);  // the 41st hop is refused
    SUBCASE("a chain of exactly 40 links still resolves") {
        Fx g;
        LayerBuilder b(g.s.paths);
        for (int i = 0; i < 40; ++i) b.put(g.sym("/l" + std::to_string(i), "/l" + std::to_string(i + 1)));
        b.put(g.file("/l40", "end"));
        Image img2 = g.image({b.freeze(g.s.blobs)});
        CHECK(g.content(img2, "/l0") == "end");
    }
}

TEST_CASE("lookups use the merged index: depth does not matter") {
    Fx f;
    Image img;
    for (int i = 0; i < 128; ++i)
        img.push_layer(f.layer({f.dir("/d"), f.file("/d/f" + std::to_string(i), std::to_string(i))}), f.s.paths);
    CHECK(img.index().size() == 129);
    uint32_t layer = 0;
    CHECK(img.find(f.s.paths.find("/d/f0"), &layer) != nullptr);
    CHECK(layer == 0);
    CHECK(f.content(img, "/d/f127") == "127");
}

TEST_CASE("the lookup trace says what each layer contributed") {
    Fx f;
    Image img = f.image({f.layer({f.dir("/etc"), f.file("/etc/motd", "0"), f.file("/big", "b")}),  // 0
                         f.layer({f.dir("/etc"), f.file("/etc/motd", "1")}),                       // 1
                         f.layer({f.dir("/app")}),                                                 // 2
                         f.layer({f.wh("/big")})});                                                // 3
    ImageView v(img, f.s.paths);
    SUBCASE("a hit stops the descent") {
        LookupTrace t = trace_lookup(v, img, nullptr, f.s.paths, "/etc/motd");
        REQUIRE(t.steps.size() == 3);
        CHECK(t.steps[0].verdict == Verdict::absent);  // layer 3
        CHECK(t.steps[1].verdict == Verdict::absent);  // layer 2
        CHECK(t.steps[2].verdict == Verdict::hit);     // layer 1
        CHECK(t.steps[2].layer == 1);
        CHECK(t.hit_layer == 1);
        CHECK(t.result == Errc::ok);
    }
    SUBCASE("a whiteout ends it with not found") {
        LookupTrace t = trace_lookup(v, img, nullptr, f.s.paths, "/big");
        REQUIRE(t.steps.size() == 1);
        CHECK(t.steps[0].verdict == Verdict::whiteout);
        CHECK(t.result == Errc::enoent);
    }
    SUBCASE("directories merge down to the bottom") {
        LookupTrace t = trace_lookup(v, img, nullptr, f.s.paths, "/etc");
        REQUIRE(t.steps.size() == 4);
        CHECK(t.steps[2].verdict == Verdict::hit);
        CHECK(t.steps[3].verdict == Verdict::merged);
    }
    SUBCASE("a name no layer has is absent everywhere") {
        LookupTrace t = trace_lookup(v, img, nullptr, f.s.paths, "/nothing/here");
        CHECK(t.result == Errc::enoent);
    }
}

TEST_CASE("an opaque directory stops the traced descent") {
    Fx f;
    Image img = f.image({f.layer({f.dir("/d"), f.file("/d/x", "0")}), f.layer({f.dir("/d")}),
                         f.layer({f.opaque_dir("/d"), f.file("/d/y", "2")}), f.layer({f.dir("/d")})});
    ImageView v(img, f.s.paths);
    LookupTrace t = trace_lookup(v, img, nullptr, f.s.paths, "/d/x");
    REQUIRE(t.steps.size() == 2);
    CHECK(t.steps[0].verdict == Verdict::absent);
    CHECK(t.steps[1].verdict == Verdict::opaque_stop);
    CHECK(t.result == Errc::enoent);
    LookupTrace td = trace_lookup(v, img, nullptr, f.s.paths, "/d");
    REQUIRE(td.steps.size() == 2);
    CHECK(td.steps[1].verdict == Verdict::merged);
    CHECK(td.steps[1].opaque_at == f.s.paths.find("/d"));
}

TEST_CASE("trace and merged index agree on random layer stacks") {
    // Property: for every path, the trace's verdict matches the index.
    uint64_t seed = 12345;
    auto rnd = [&](uint64_t n) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        return (seed >> 33) % n;
    };
    const char* names[] = {"/a", "/a/b", "/a/b/c", "/a/d", "/e", "/e/f"};
    for (int round = 0; round < 200; ++round) {
        Fx f;
        for (const char* n : names) f.s.paths.intern(n);
        Image img;
        int nlayers = 1 + int(rnd(6));
        for (int l = 0; l < nlayers; ++l) {
            LayerBuilder b(f.s.paths);
            for (const char* n : names) {
                switch (rnd(6)) {
                case 0: b.put(f.dir(n)); break;
                case 1: b.put(f.opaque_dir(n)); break;
                case 2: b.put(f.file(n, "x")); break;
                case 3: b.put(f.wh(n)); break;
                default: break;
                }
            }
            img.push_layer(b.freeze(f.s.blobs), f.s.paths);
        }
        ImageView v(img, f.s.paths);
        for (const char* n : names) {
            PathId p = f.s.paths.find(n);
            // Lexical walk through the index: each ancestor must be a dir.
            bool visible = true;
            for (PathId a = f.s.paths.parent(p); a != k_root_path; a = f.s.paths.parent(a)) {
                const Entry* e = img.find(a);
                if (!e || !e->is_dir()) visible = false;
            }
            const Entry* e = visible ? img.find(p) : nullptr;
            LookupTrace t = trace_lookup(v, img, nullptr, f.s.paths, n, false);
            INFO("round " << round << " path " << n);
            if (e) {
                CHECK(t.result == Errc::ok);
                REQUIRE_FALSE(t.steps.empty());
                bool hit = false;
                for (const TraceStep& s : t.steps)
                    if (s.verdict == Verdict::hit) {
                        hit = true;
                        uint32_t layer = 0;
                        img.find(p, &layer);
                        CHECK(s.layer == layer);
                    }
                CHECK(hit);
            } else {
                CHECK(t.result != Errc::ok);
            }
        }
    }
}

TEST_CASE("copies_of lists every layer that holds a path") {
    Fx f;
    Image img = f.image({f.layer({f.file("/x", "0")}), f.layer({f.file("/y", "1")}), f.layer({f.file("/x", "2")}),
                         f.layer({f.wh("/x")})});
    auto copies = copies_of(img, f.s.paths.find("/x"));
    REQUIRE(copies.size() == 3);
    CHECK(copies[0].layer == 3);
    CHECK(copies[0].entry->is_whiteout());
    CHECK(copies[1].layer == 2);
    CHECK(copies[2].layer == 0);
}
