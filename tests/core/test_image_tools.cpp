// test_image_tools.cpp: issue 16's image tools in the core: the dive-like
// tree (fs_tree.h), the comparison of two images (image_compare.h), dive's
// efficiency (dive.h) and the Lab's pin/compare/tree API (lab_images.cpp),
// on a two-layer image whose numbers can be worked out by hand:
//
//   layer 0  /d/f1 100 B, /d/f2 50 B
//   layer 1  /d/.wh.f1, /e/new 10 B
#include <doctest/doctest.h>

#include "core/dive.h"
#include "core/fs_tree.h"
#include "core/image_compare.h"
#include "core/lab/api.h"
#include "core/lab/lab.h"

using namespace ll;

namespace {

struct TwoLayers {
    Store store;
    Image base, top;
    TwoLayers() {
        auto dir = [&](LayerBuilder& b, const char* p) {
            Entry e;
            e.path = store.paths.intern(p);
            e.type = EntryType::dir;
            e.mode = 0755;
            b.put(e);
        };
        auto file = [&](LayerBuilder& b, const char* p, size_t n) {
            Entry e;
            e.path = store.paths.intern(p);
            e.type = EntryType::file;
            e.blob = store.blobs.bytes(std::string(n, 'x'));
            b.put(e);
        };
        LayerBuilder l0(store.paths);
        dir(l0, "/d");
        file(l0, "/d/f1", 100);
        file(l0, "/d/f2", 50);
        base.push_layer(l0.freeze(store.blobs), store.paths);
        LayerBuilder l1(store.paths);
        dir(l1, "/d");
        Entry wh;
        wh.path = store.paths.intern("/d/f1");
        wh.type = EntryType::whiteout;
        l1.put(wh);
        dir(l1, "/e");
        file(l1, "/e/new", 10);
        top = base;
        top.push_layer(l1.freeze(store.blobs), store.paths);
    }
    const TreeNode* node(const FsTree& t, const char* p) {
        for (const TreeNode& n : t.nodes)
            if (n.path == store.paths.find(p)) return &n;
        return nullptr;
    }
};

}  // namespace

TEST_CASE("the merged tree sums sizes into directories and sorts by size or name") {
    TwoLayers w;
    FsTree t = merged_tree(w.top, w.store.paths, w.store.blobs);
    CHECK(t.nodes[0].total == 60);
    CHECK(t.nodes[0].files == 2);
    REQUIRE(w.node(t, "/d"));
    CHECK(w.node(t, "/d")->total == 50);
    CHECK(w.node(t, "/d/f1") == nullptr);  // hidden by the whiteout
    CHECK(w.node(t, "/e/new")->layer == 1);
    t.sort(true);
    CHECK(t.nodes[t.nodes[0].children[0]].name == "d");  // 50 B before 10 B
    t.sort(false);
    CHECK(t.nodes[t.nodes[0].children[0]].name == "d");
    CHECK(t.nodes[t.nodes[0].children[1]].name == "e");
}

TEST_CASE("a layer's tree marks what it adds, changes and removes") {
    TwoLayers w;
    FsTree t = layer_tree(w.top, 1, w.store.paths, w.store.blobs);
    REQUIRE(w.node(t, "/d/f1"));
    CHECK(w.node(t, "/d/f1")->mark == 'D');
    CHECK(w.node(t, "/d/f1")->size == 100);  // what the whiteout hides
    CHECK(w.node(t, "/d")->mark == 'M');     // holds a change
    CHECK(w.node(t, "/d")->total == 0);      // the hidden bytes ship below, not here
    CHECK(w.node(t, "/e")->mark == 'A');
    CHECK(w.node(t, "/e/new")->mark == 'A');
    CHECK(t.nodes[0].total == 10);
}

TEST_CASE("two images compared: shared base, files added and removed, sizes") {
    TwoLayers w;
    ImageComparison c = compare_images(w.base, w.top, w.store.paths, w.store.blobs);
    CHECK(c.common_base == 1);
    CHECK(c.shared_bytes == 150);
    CHECK(c.a[0].in_other);
    CHECK_FALSE(c.b[1].in_other);
    CHECK(c.removed == 1);
    CHECK(c.added == 2);  // /e and /e/new
    CHECK(c.changed == 0);
    CHECK(c.wasted_b == 100);
    REQUIRE(c.files.size() == 3);
    CHECK(w.store.paths.str(c.files[0].path) == "/d/f1");
    CHECK(c.files[0].delta == FileDelta::removed);
}

TEST_CASE("dive's efficiency counts every copy of a path stored twice") {
    TwoLayers w;
    DiveAnalysis a = dive_analysis(w.top, w.store.paths, w.store.blobs);
    CHECK(a.wasted == 100);  // /d/f1: 100 B + its whiteout's 0 B
    REQUIRE(a.inefficient.size() == 1);
    CHECK(a.inefficient[0].references == 2);
    CHECK(a.efficiency == doctest::Approx(60.0 / 160.0));  // min(0)+50+10 over 100+50+10
    CHECK(a.user_size == 10);
    CHECK(a.user_wasted_percent == doctest::Approx(10.0));
}

TEST_CASE("the Lab keeps an image as A and compares the next build with it") {
    lab::Lab lab;
    REQUIRE(lab.finish_assets().ok());
    lab.load("FROM scratch\nCOPY big /big\nCOPY small /small\n", lab::Files{{"big", std::string(5000, 'b')}, {"small", "s"}});
    lab.run_to_end();
    nlohmann::json t = lab::call(lab, "tree", {{"sort", "size"}});
    REQUIRE(t["children"].size() == 2);
    CHECK(t["children"][0]["name"] == "big");
    CHECK(t["total"] == 5001);
    CHECK_THROWS_AS(lab::call(lab, "compare", nlohmann::json::object()), lab::ApiError);
    lab::call(lab, "pin", nlohmann::json::object());
    lab.edit("FROM scratch\nCOPY small /small\n");
    lab.run_to_end();
    nlohmann::json c = lab::call(lab, "compare", nlohmann::json::object());
    CHECK(c["saved_bytes"] == 5000);
    CHECK(c["removed"] == 1);
    CHECK(c["files"][0]["path"] == "/big");
    CHECK_THROWS_AS(lab::call(lab, "tree", {{"layer", 7}}), lab::ApiError);
}
