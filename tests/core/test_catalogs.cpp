// test_catalogs.cpp: the base manifest (assets/catalog/bases.txt) and the
// page's incremental loading: a base known by name only fails its FROM with
// the file it needs, the file arrives (finish_more_assets), the build runs
// again and the image is the one a full load gives. Cost: about 1 s under ASan.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <fstream>
#include <set>
#include <sstream>

#include "core/build/catalogs.h"
#include "core/lab/lab.h"

using namespace ll;

namespace {

const std::filesystem::path k_catalog = std::filesystem::path(LAYERLAB_SOURCE_DIR) / "assets" / "catalog";

std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot open " << p.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// the package catalogs and the manifest, as the page fetches them at start
void add_start_catalogs(lab::Lab& lab, const std::set<std::string>& images) {
    for (const char* f : {"debian-bookworm.apt.txt", "apt-state.txt", "alpine.apk.txt", "bases.txt"})
        lab.add_catalog(f, read_text(k_catalog / f));
    for (const std::string& f : images) lab.add_catalog(f, read_text(k_catalog / f));
}

}  // namespace

TEST_CASE("bases.txt lists every image-*.txt with its @name and @tag lines (scripts/catalog/base_index.py)") {
    std::map<std::string, std::string> listed;
    std::istringstream in(read_text(k_catalog / "bases.txt"));
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        listed[line.substr(0, line.find(' '))] = line;
    }
    size_t files = 0;
    for (const auto& e : std::filesystem::directory_iterator(k_catalog)) {
        const std::string n = e.path().filename().string();
        if (n.rfind("image-", 0) != 0 || e.path().extension() != ".txt") continue;
        ++files;
        INFO(n);
        REQUIRE_MESSAGE(listed.count(n), "not in bases.txt: run scripts/catalog/base_index.py");
        std::string want = n;
        std::istringstream img(read_text(e.path()));
        while (std::getline(img, line) && line.rfind("H ", 0) != 0) {
            if (line.rfind("@name ", 0) == 0 || line.rfind("@tag ", 0) == 0) want += " " + line.substr(line.find(' ') + 1);
        }
        CHECK(listed[n] == want);
    }
    CHECK(listed.size() == files);
}

TEST_CASE("a base whose packages only the apt index has asks for the index too, then builds (~8 s)") {
    lab::Lab lab;
    add_start_catalogs(lab, {"image-debian-bookworm-slim.txt"});
    REQUIRE(lab.finish_assets().ok());
    lab.load("FROM buildpack-deps:bookworm-curl\nRUN test -x /usr/bin/sq\n");
    std::set<std::string> asked;
    for (int round = 0; round < 5; ++round) {
        lab.run_to_end();
        if (lab.missing_catalogs().empty()) break;
        REQUIRE(lab.build_failed());
        CHECK(lab.build_error()->message.find("not loaded yet") != std::string::npos);
        std::vector<std::string> want = lab.missing_catalogs();
        for (const std::string& f : want) {
            asked.insert(f);
            lab.add_catalog(f, read_text(k_catalog / f));
        }
        REQUIRE(lab.finish_more_assets().ok());
    }
    // the image, the debian:bookworm it is built on, and the index (sq's data is only there)
    CHECK(asked == std::set<std::string>{"image-buildpack-deps-bookworm-curl.txt", "image-debian-bookworm.txt",
                                         "debian-bookworm.index.txt"});
    REQUIRE(lab.steps().size() == 2);
    CHECK(lab.steps()[0].state == ll::build::StepState::done);
    CHECK_FALSE(lab.build_failed());
}

TEST_CASE("a base listed in bases.txt but not loaded: FROM names its file; once it arrives the build runs again") {
    lab::Lab lab;
    add_start_catalogs(lab, {"image-debian-bookworm-slim.txt", "image-python-3.11-slim.txt"});
    REQUIRE(lab.finish_assets().ok());
    CHECK(lab.missing_catalogs().empty());

    lab.load("FROM node:22-alpine\nRUN apk add --no-cache git\n");
    lab.run_to_end();
    REQUIRE(lab.build_failed());
    REQUIRE(lab.build_error());
    CHECK(lab.build_error()->message.find("image-node-22-alpine.txt") != std::string::npos);
    CHECK(lab.build_error()->message.find("not loaded yet") != std::string::npos);
    // node:22-alpine is built on alpine:3.20: both files are asked for, never a stand-in
    std::set<std::string> missing(lab.missing_catalogs().begin(), lab.missing_catalogs().end());
    CHECK(missing.count("image-node-22-alpine.txt") == 1);

    // the page fetches what is missing, hands it in, finishes again (twice if
    // the first file names a base that is missing too)
    for (int round = 0; round < 3 && !lab.missing_catalogs().empty(); ++round) {
        std::vector<std::string> want = lab.missing_catalogs();
        for (const std::string& f : want) lab.add_catalog(f, read_text(k_catalog / f));
        REQUIRE(lab.finish_more_assets().ok());
        lab.run_to_end();
    }
    CHECK(lab.missing_catalogs().empty());
    CHECK_FALSE(lab.build_failed());
    REQUIRE(lab.steps().size() == 2);
    for (const std::string& n : lab.steps()[0].notes) CHECK(n.find("stand-in") == std::string::npos);

    // the image is the one a full load gives: the same layers (DiffIDs)
    lab::Lab full;
    std::set<std::string> all;
    for (const auto& e : std::filesystem::directory_iterator(k_catalog))
        if (e.path().filename().string().rfind("image-", 0) == 0) all.insert(e.path().filename().string());
    add_start_catalogs(full, all);
    REQUIRE(full.finish_assets().ok());
    full.load("FROM node:22-alpine\nRUN apk add --no-cache git\n");
    full.run_to_end();
    REQUIRE_FALSE(full.build_failed());
    const Image& a = lab.image_at_cursor();
    const Image& b = full.image_at_cursor();
    REQUIRE(a.layer_count() == b.layer_count());
    for (size_t i = 0; i < a.layer_count(); ++i)
        CHECK(a.layers()[i]->diff_id(lab.store().paths, lab.store().blobs) ==
              b.layers()[i]->diff_id(full.store().paths, full.store().blobs));
}

TEST_CASE("the apt index arrives after the first build: apt-get then knows every package of the archive") {
    lab::Lab lab;
    add_start_catalogs(lab, {"image-debian-bookworm-slim.txt"});
    REQUIRE(lab.finish_assets().ok());
    lab.load("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends autoconf\n");
    lab.run_to_end();
    REQUIRE(lab.build_failed());  // autoconf is not in the file-list catalog
    lab.add_catalog("debian-bookworm.index.txt", read_text(k_catalog / "debian-bookworm.index.txt"));
    REQUIRE(lab.finish_more_assets().ok());
    lab.run_to_end();
    CHECK_FALSE(lab.build_failed());
}

TEST_CASE("ubuntu:24.04: the real history and config, its layer approximated from Debian and labelled") {
    lab::Lab lab;
    add_start_catalogs(lab, {"image-ubuntu-24.04.txt"});
    REQUIRE(lab.finish_assets().ok());
    lab.load("FROM ubuntu:24.10\n");
    lab.run_to_end();
    REQUIRE_FALSE(lab.build_failed());
    const Image& img = lab.image_at_cursor();
    REQUIRE(img.history.size() == 5);
    CHECK(img.history[0].created_by == "/bin/sh -c #(nop)  ARG RELEASE");
    CHECK(img.history[3].created_by.rfind("/bin/sh -c #(nop) ADD file:43d479b2", 0) == 0);
    CHECK_FALSE(img.history[3].empty_layer);
    CHECK(img.history[4].created_by == "/bin/sh -c #(nop)  CMD [\"/bin/bash\"]");
    CHECK(img.layer_count() == 1);
    const auto& notes = lab.steps()[0].notes;
    bool nearest = false;
    for (const std::string& n : notes) {
        CHECK(n.find("stand-in") == std::string::npos);
        if (n.find("ubuntu:24.10 is shown with ubuntu:24.04") != std::string::npos) nearest = true;
    }
    CHECK(nearest);
    // the approximation says so on the FROM step (@approx) and flags the slab's badge
    CHECK(lab.steps()[0].base_approx);
    CHECK(notes.front().rfind("Approximated: in ubuntu:24.04, the layer is Debian bookworm's minbase", 0) == 0);
}

TEST_CASE("lazy catalogs: a package catalog is parsed when first needed, the apt index only when a name is not in the file lists") {
    Store store;
    build::CatalogSet set(store);
    set.add("t.apt.txt", "#layerlab-catalog 1 apt\nP bash 5.2 amd64 10 10\n0d/bin\n4x/bash\t1000\n");
    set.add("t.index.txt", "#layerlab-catalog 1 apt-index\nP bash 5.2 amd64 10 10\nP autoconf 2.71 all 2000 700\nS devel\n");
    set.add("t.pip.txt", "#layerlab-catalog 1 pip\nP flask 2.0 all 10 10\n");
    set.add("image-plain.txt", "#layerlab-catalog 1 image\n@name plain\nH 0 ADD rootfs /\n");
    set.add("image-deb.txt", "#layerlab-catalog 1 image\n@name deb\nH 0 RUN install\nK bash\n");
    set.finish(build::CatalogSet::Parse::lazy);
    CHECK(set.errors().empty());
    CHECK(set.deferred("t.apt.txt"));
    CHECK(set.deferred("t.index.txt"));
    CHECK(set.deferred("t.pip.txt"));

    // an image without K lines needs no package data
    REQUIRE(set.images().find("plain"));
    CHECK(set.deferred("t.apt.txt"));
    // one that installs packages parses the apt catalog, not the index
    REQUIRE(set.images().find("deb"));
    CHECK_FALSE(set.deferred("t.apt.txt"));
    CHECK(set.deferred("t.index.txt"));
    CHECK(set.deferred("t.pip.txt"));
    // a name in the file lists does not need the index; one outside them does
    const Catalog* apt = set.shell().apt.get();
    REQUIRE(apt);
    CHECK(apt->find("bash"));
    CHECK(set.deferred("t.index.txt"));
    const Package* ac = apt->find("autoconf");
    CHECK_FALSE(set.deferred("t.index.txt"));
    REQUIRE(ac);
    CHECK(ac->version == "2.71");
    // pip on its own
    REQUIRE(set.shell().pip.get());
    CHECK(set.shell().pip.get()->find("flask"));
    CHECK(set.errors().empty());
}

TEST_CASE("lazy catalogs: a broken package catalog is reported when it is needed, an eager set reports it at once") {
    const std::string broken = "#layerlab-catalog 1 npm\nP left-pad 1.3.0\n";  // a P line needs five words
    Store store;
    build::CatalogSet lazy(store);
    lazy.add("t.npm.txt", broken);
    lazy.finish(build::CatalogSet::Parse::lazy);
    CHECK(lazy.errors().empty());
    CHECK(lazy.shell().npm.get() == nullptr);  // npm then says it has no data
    REQUIRE(lazy.errors().size() == 1);
    CHECK(lazy.errors()[0].describe().find("t.npm.txt:2") != std::string::npos);
    CHECK(lazy.shell().npm.get() == nullptr);  // asked again: no second parse, no second error
    CHECK(lazy.errors().size() == 1);

    build::CatalogSet eager(store);
    eager.add("t.npm.txt", broken);
    eager.finish();
    REQUIRE(eager.errors().size() == 1);
    CHECK(eager.errors()[0].describe().find("t.npm.txt:2") != std::string::npos);
    // not a catalog at all: found without parsing in either mode
    build::CatalogSet junk(store);
    junk.add("t.apt.txt", "hello\n");
    junk.finish(build::CatalogSet::Parse::lazy);
    CHECK(junk.errors().size() == 1);
    CHECK(junk.shell().apt.get() == nullptr);
}
