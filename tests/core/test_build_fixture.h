// test_build_fixture.h: a small world for build engine tests: a Store, the
// busybox base from assets/catalog (the oracle's base image, with a shell),
// a build context made in memory, and helpers to build and inspect.
#pragma once
#include <doctest/doctest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "core/build/bases.h"
#include "core/build/builder.h"
#include "core/dockerfile/parser.h"
#include "core/view.h"

#ifndef LAYERLAB_SOURCE_DIR
#define LAYERLAB_SOURCE_DIR "."
#endif

namespace ll::test {

inline std::string read_catalog_asset(const std::string& name) {
    std::ifstream in(std::string(LAYERLAB_SOURCE_DIR) + "/assets/catalog/" + name, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot open assets/catalog/" << name);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct BuildFx {
    Store store;
    build::BuiltinImages images{store, nullptr};
    build::BuildCache cache;
    build::BuildContext ctx;

    BuildFx() {
        auto r = images.add_catalog_image(read_catalog_asset("image-busybox.txt"), "image-busybox.txt");
        REQUIRE(r.ok());
    }

    void file(std::string_view path, std::string content, uint32_t mode = 0644, int64_t mtime = 1000) {
        ctx.add_file(path, store.blobs.bytes(std::move(content)), mode, mtime);
    }
    void symlink(std::string_view path, std::string_view target) { ctx.add_symlink(path, target); }

    // Builds `text` with a copy of the context; the builder has run to the end.
    std::unique_ptr<build::Builder> build(std::string_view text, build::Options o = {}, bool use_cache = true) {
        auto df = dockerfile::parse(text);
        REQUIRE_MESSAGE(df.ok(), (df.ok() ? "" : df.error().describe()));
        auto b = std::make_unique<build::Builder>(store, std::move(*df), ctx, o, images, use_cache ? &cache : nullptr);
        (void)b->run();
        return b;
    }
    // Like build() but the build must succeed.
    std::unique_ptr<build::Builder> ok(std::string_view text, build::Options o = {}) {
        auto b = build(text, o);
        REQUIRE_MESSAGE(!b->failed(), (b->error() ? b->error()->describe() : std::string()));
        return b;
    }

    // What the merged view of `img` has at `path`: "-" when absent, else
    // "file 0644 0:0 <contents>", "dir 0755 0:0", "symlink -> target".
    std::string at(const Image& img, std::string_view path) {
        ImageView v(img, store.paths);
        Resolution r = resolve(v, store.paths, path, false);
        if (!r) return "-";
        const Entry* e = r.node.entry;
        if (!e) return "dir";
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", e->mode);
        std::string s = std::string(entry_type_name(e->type)) + " " + mode + " " + std::to_string(e->uid) + ":" +
                        std::to_string(e->gid);
        if (e->type == EntryType::file) s += " " + store.blobs.read_all(e->blob, 4096);
        if (e->type == EntryType::symlink) s = "symlink -> " + e->target;
        return s;
    }
    std::string content(const Image& img, std::string_view path) {
        ImageView v(img, store.paths);
        Resolution r = resolve(v, store.paths, path, true);
        if (!r || r.node.type() != EntryType::file) return "<none>";
        return store.blobs.read_all(r.node.entry->blob);
    }
};

// The step whose title contains `needle` (the first one).
inline const build::Step& step_named(const build::Builder& b, std::string_view needle) {
    for (const build::Step& s : b.steps())
        if (s.title.find(needle) != std::string::npos) return s;
    FAIL("no step titled like " << needle);
    return b.steps().front();
}

}  // namespace ll::test
