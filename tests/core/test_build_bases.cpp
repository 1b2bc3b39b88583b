// Built-in base images from the package catalogs (bases.h).
#include "test_build_fixture.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "core/catalog/catalog.h"

using namespace ll;
using namespace ll::build;
using ll::test::read_catalog_asset;

namespace {
const Catalog& apt() {
    static const Catalog cat = [] {
        Result<Catalog> r = parse_catalog(read_catalog_asset("debian-bookworm.apt.txt"), "debian-bookworm.apt.txt");
        REQUIRE(r.ok());
        return std::move(r).value();
    }();
    return cat;
}
// the apt catalog with the archive-wide index attached (images whose K lines name index-only packages)
const Catalog& apt_with_index() {
    static Catalog apt, index;
    static const bool ready = [] {
        Result<Catalog> a = parse_catalog(read_catalog_asset("debian-bookworm.apt.txt"), "debian-bookworm.apt.txt");
        Result<Catalog> i =
            parse_catalog(read_catalog_asset("debian-bookworm.index.txt"), "debian-bookworm.index.txt");
        REQUIRE(a.ok());
        REQUIRE(i.ok());
        apt = std::move(a).value();
        index = std::move(i).value();
        apt.attach_index(index);
        return true;
    }();
    REQUIRE(ready);
    return apt;
}
}  // namespace

TEST_CASE("built-in bases: real file lists, shared layers, built once per store") {
    Store store;
    BuiltinImages bases(store, &apt());
    for (const char* f : {"image-debian-bookworm-slim.txt", "image-python-3.11-slim.txt", "image-busybox.txt"})
        REQUIRE(bases.add_catalog_image(read_catalog_asset(f), f).ok());
    CHECK(bases.names() == std::vector<std::string>{"debian:bookworm-slim", "python:3.11-slim", "busybox"});
    std::optional<Image> py = bases.find("docker.io/library/python:3.11-slim");
    REQUIRE(py);
    std::optional<Image> deb = bases.find("debian:bookworm-slim");
    REQUIRE(deb);
    REQUIRE(deb->layer_count() == 1);
    CHECK(py->layer_count() == 4);
    CHECK(py->layers()[0] == deb->layers()[0]);                             // python is built on the same layer object
    CHECK(bases.find("python:3.11-slim")->layers()[3] == py->layers()[3]);  // once per store
    CHECK(py->config.cmd == std::vector<std::string>{"python3"});
    CHECK(py->history.size() == deb->history.size() + 8);
    // real sizes and modes from the .debs; contents of small /etc files are real
    ImageView v(*deb, store.paths);
    Resolution bash = resolve(v, store.paths, "/usr/bin/bash", false);
    REQUIRE(bash);
    CHECK(bash.node.entry->mode == 0755);
    CHECK(store.blobs.size(bash.node.entry->blob) > 1000000);
    Resolution passwd = resolve(v, store.paths, "/etc/passwd", false);
    REQUIRE(passwd);
    CHECK(store.blobs.read_all(passwd.node.entry->blob).rfind("root:x:0:0:root:/root:/bin/bash\n", 0) == 0);
    CHECK_FALSE(bases.find("alpine:3.19"));
    // an image given by name (--image) wins over a built-in one of that name
    Image mine;
    bases.add_image("busybox", mine);
    REQUIRE(bases.find("busybox:latest"));
    CHECK(bases.find("busybox:latest")->layer_count() == 0);
}

namespace {
ImageRef iref(std::string_view s) {
    Result<ImageRef> r = parse_image_ref(s);
    REQUIRE(r.ok());
    return *r;
}
}  // namespace

TEST_CASE("resolve: exact, another tag of the same image, the nearest variant, a stand-in") {
    Store store;
    BuiltinImages bases(store, &apt());
    for (const char* f : {"image-debian-bookworm-slim.txt", "image-python-3.11-slim.txt",
                          "image-node-20-bookworm-slim.txt", "image-busybox.txt"})
        REQUIRE(bases.add_catalog_image(read_catalog_asset(f), f).ok());
    std::optional<ResolvedImage> py = bases.resolve(iref("docker.io/library/python:3.11-slim"), true);
    REQUIRE(py);
    CHECK(py->match == BaseMatch::exact);
    // exact: the note is only the image's own @approx label (its CPython is Debian's, relocated)
    CHECK(py->note.rfind("Approximated: in python:3.11-slim, CPython is Debian's python3.11", 0) == 0);
    // the same image under another of its Docker Hub tags (@tag in the catalog)
    std::optional<ResolvedImage> bw = bases.resolve(iref("python:3.11-slim-bookworm"), true);
    REQUIRE(bw);
    CHECK(bw->match == BaseMatch::same);
    CHECK(bw->shown_as == "python:3.11-slim");
    CHECK(bw->image.layers().back() == py->image.layers().back());
    CHECK(bw->note.find("python:3.11-slim-bookworm is the same image as python:3.11-slim") != std::string::npos);
    CHECK(bases.resolve(iref("debian:12-slim"), false)->match == BaseMatch::same);
    // any other tag of a known repository: its nearest variant, said so
    std::optional<ResolvedImage> n18s = bases.resolve(iref("node:18-bookworm-slim"), false);
    REQUIRE(n18s);
    CHECK(n18s->match == BaseMatch::nearest);
    CHECK(n18s->shown_as == "node:20-bookworm-slim");
    CHECK(n18s->note.find("node:18-bookworm-slim is shown with node:20-bookworm-slim's files") != std::string::npos);
    // never another distribution in silence: an Alpine tag does not get the
    // Debian node; it gets the labelled stand-in, which says why
    CHECK_FALSE(bases.resolve(iref("node:18-alpine"), false));
    std::optional<ResolvedImage> n18 = bases.resolve(iref("node:18-alpine"), true);
    REQUIRE(n18);
    CHECK(n18->match == BaseMatch::stand_in);
    CHECK(n18->note.find("node:18-alpine is not in layerlab: a stand-in") == 0);
    CHECK(n18->note.find("layerlab has node:20-bookworm-slim, but it is Debian-based where node:18-alpine is "
                         "Alpine-based") != std::string::npos);
    std::optional<ResolvedImage> p39 = bases.resolve(iref("python:3.9-slim"), false);
    REQUIRE(p39);
    CHECK(p39->shown_as == "python:3.11-slim");
    CHECK(p39->note.find("layout is as in the real image, sizes and versions approximate") != std::string::npos);
    CHECK(bases.resolve(iref("debian:trixie-slim"), false)->shown_as == "debian:bookworm-slim");
    CHECK(bases.resolve(iref("amd64/debian:bookworm-slim"), false)->shown_as == "debian:bookworm-slim");
    // a digest pin is said to be unchecked
    const std::string pin = "@sha256:" + std::string(64, 'a');
    CHECK(bases.resolve(iref("python:3.11-slim" + pin), false)->note.find("cannot check it") != std::string::npos);
    // an unknown repository: nothing, or a stand-in that says what it is
    CHECK_FALSE(bases.resolve(iref("mcr.microsoft.com/dotnet/sdk:8.0"), false));
    std::optional<ResolvedImage> si = bases.resolve(iref("mcr.microsoft.com/dotnet/sdk:8.0"), true);
    REQUIRE(si);
    CHECK(si->match == BaseMatch::stand_in);
    CHECK(si->shown_as == "debian:bookworm-slim");
    CHECK(si->note.find("mcr.microsoft.com/dotnet/sdk:8.0 is not in layerlab: a stand-in") == 0);
    CHECK(si->note.find("not the real image's") != std::string::npos);
    CHECK(si->image.history.front().comment.find("stand-in for mcr.microsoft.com/dotnet/sdk:8.0") !=
          std::string::npos);
}

TEST_CASE("resolve: the family rule (a repository's default family, Ubuntu release numbers, amd64/)") {
    Store store;
    BuiltinImages bases(store, &apt_with_index());
    for (const char* f : {"image-debian-bookworm-slim.txt", "image-debian-bookworm.txt", "image-ubuntu-24.04.txt",
                          "image-alpine-3.20.txt", "image-golang-1.22-alpine.txt",
                          "image-buildpack-deps-bookworm-curl.txt", "image-buildpack-deps-noble-curl.txt"})
        REQUIRE(bases.add_catalog_image(read_catalog_asset(f), f).ok());
    // golang:1.21 names no family: golang's default, Debian; the only golang here is Alpine-based
    CHECK_FALSE(bases.resolve(iref("golang:1.21"), false));
    std::optional<ResolvedImage> go = bases.resolve(iref("golang:1.21"), true);
    REQUIRE(go);
    CHECK(go->match == BaseMatch::stand_in);
    CHECK(go->shown_as == "debian:bookworm-slim");
    CHECK(go->note.find("layerlab has golang:1.22-alpine, but it is Alpine-based where golang:1.21 is "
                        "Debian-based") != std::string::npos);
    CHECK(bases.resolve(iref("golang:1.21-alpine3.19"), false)->shown_as == "golang:1.22-alpine");
    // with a Debian golang (golang:1.22 is one of its tags) and both nginx, each tag gets its own family
    for (const char* f : {"image-buildpack-deps-bookworm-scm.txt", "image-golang-1.22-bookworm.txt",
                          "image-nginx-1.27-alpine-slim.txt", "image-nginx-1.27-bookworm.txt"})
        REQUIRE(bases.add_catalog_image(read_catalog_asset(f), f).ok());
    std::optional<ResolvedImage> go21 = bases.resolve(iref("golang:1.21"), false);
    REQUIRE(go21);
    CHECK(go21->match == BaseMatch::nearest);
    CHECK(go21->shown_as == "golang:1.22-bookworm");
    CHECK(bases.resolve(iref("golang:1.22"), false)->match == BaseMatch::same);
    CHECK(bases.resolve(iref("golang:1.18-alpine"), false)->shown_as == "golang:1.22-alpine");
    CHECK(bases.resolve(iref("nginx"), false)->shown_as == "nginx:1.27-bookworm");
    CHECK(bases.resolve(iref("nginx:1.25-bookworm"), false)->shown_as == "nginx:1.27-bookworm");
    CHECK(bases.resolve(iref("nginx:alpine"), false)->shown_as == "nginx:1.27-alpine-slim");
    // a default family per version: dotnet's 9.0 is Debian, its 10.0 Ubuntu
    for (const char* v : {"9.0-bookworm-slim", "10.0-noble"})
        for (const char* r : {"runtime-deps", "runtime", "aspnet", "sdk"}) {
            const std::string f = std::string("image-dotnet-") + r + "-" + v + ".txt";
            REQUIRE(bases.add_catalog_image(read_catalog_asset(f), f).ok());
        }
    CHECK(bases.resolve(iref("mcr.microsoft.com/dotnet/sdk:6.0"), false)->shown_as ==
          "mcr.microsoft.com/dotnet/sdk:9.0-bookworm-slim");
    std::optional<ResolvedImage> sdk10 = bases.resolve(iref("mcr.microsoft.com/dotnet/sdk:10.0"), false);
    REQUIRE(sdk10);
    CHECK(sdk10->match == BaseMatch::same);
    CHECK(sdk10->shown_as == "mcr.microsoft.com/dotnet/sdk:10.0-noble");
    CHECK(sdk10->image.layer_count() == 10);  // ubuntu 1, runtime-deps 2, runtime 2, aspnet 1, sdk 4
    CHECK(bases.resolve(iref("mcr.microsoft.com/dotnet/aspnet:11.0"), false)->shown_as ==
          "mcr.microsoft.com/dotnet/aspnet:10.0-noble");
    // buildpack-deps:20.04-curl is Ubuntu (a YY.MM release), bookworm-curl's twin is Debian
    std::optional<ResolvedImage> focal = bases.resolve(iref("buildpack-deps:20.04-curl"), false);
    REQUIRE(focal);
    CHECK(focal->match == BaseMatch::nearest);
    CHECK(focal->shown_as == "buildpack-deps:noble-curl");
    CHECK(bases.resolve(iref("buildpack-deps:trixie-curl"), false)->shown_as == "buildpack-deps:bookworm-curl");
    CHECK(bases.resolve(iref("buildpack-deps:jammy-curl"), false)->shown_as == "buildpack-deps:noble-curl");
    // Ubuntu releases compare by year, then month (26.04 was once a tie of 22.04 and 24.04, and 22.04 won)
    REQUIRE(bases.add_catalog_image(read_catalog_asset("image-ubuntu-22.04.txt"), "image-ubuntu-22.04.txt").ok());
    for (const char* t : {"ubuntu:26.04", "ubuntu:25.04", "ubuntu:resolute", "ubuntu:24.10"})
        CHECK(bases.resolve(iref(t), false)->shown_as == "ubuntu:24.04");
    for (const char* t : {"ubuntu:20.04", "ubuntu:focal", "ubuntu:18.04"})
        CHECK(bases.resolve(iref(t), false)->shown_as == "ubuntu:22.04");
    CHECK(bases.resolve(iref("ubuntu:noble"), false)->match == BaseMatch::same);
    // Docker Hub's amd64/ repository: the same image, not a variant
    std::optional<ResolvedImage> a64 = bases.resolve(iref("amd64/buildpack-deps:bookworm-curl"), false);
    REQUIRE(a64);
    CHECK(a64->match == BaseMatch::same);
    CHECK(a64->note.find("is the amd64 build of buildpack-deps:bookworm-curl") != std::string::npos);
    // debian:bookworm (full) and -slim are two images; debian:12 is the full one
    CHECK(bases.resolve(iref("debian:12"), false)->shown_as == "debian:bookworm");
    CHECK(bases.resolve(iref("debian:bookworm"), false)->image.layers()[0] !=
          bases.resolve(iref("debian:bookworm-slim"), false)->image.layers()[0]);
}

TEST_CASE("an approximated base says so (@approx): on the FROM note, through tags and nearest variants") {
    Store store;
    BuiltinImages bases(store, &apt_with_index());
    for (const char* f : {"image-debian-bookworm-slim.txt", "image-alpine-3.20.txt", "image-ruby-3.4-slim-bookworm.txt",
                          "image-ruby-3.4-alpine.txt"})
        REQUIRE(bases.add_catalog_image(read_catalog_asset(f), f).ok());
    std::optional<ResolvedImage> slim = bases.resolve(iref("ruby:3.4-slim-bookworm"), false);
    REQUIRE(slim);
    CHECK(slim->match == BaseMatch::exact);
    CHECK(slim->approximated);
    CHECK(slim->note.rfind("Approximated: in ruby:3.4-slim-bookworm, Ruby's own files", 0) == 0);
    // ruby:3.4-slim is trixie today: bookworm is its nearest variant, and still approximated
    std::optional<ResolvedImage> rails = bases.resolve(iref("registry.docker.com/library/ruby:3.4.4-slim"), false);
    REQUIRE(rails);
    CHECK(rails->match == BaseMatch::nearest);
    CHECK(rails->approximated);
    CHECK(rails->note.find("nearest variant") != std::string::npos);
    CHECK(rails->note.find("ruby:3.4.4-slim is shown with ruby:3.4-slim-bookworm") != std::string::npos);
    // another tag; the Alpine image says it is on alpine:3.20 where the real one is on 3.22
    std::optional<ResolvedImage> alp = bases.resolve(iref("ruby:alpine"), false);
    REQUIRE(alp);
    CHECK(alp->match == BaseMatch::same);
    CHECK(alp->approximated);
    CHECK(alp->note.find("the real image is on alpine:3.22") != std::string::npos);
    // the real minirootfs is not approximated
    std::optional<ResolvedImage> a = bases.resolve(iref("alpine:3.20"), false);
    REQUIRE(a);
    CHECK_FALSE(a->approximated);
    CHECK(a->note.empty());
    // the image's own files: gem and bundle where the real image has them, GEM_HOME world-writable
    std::optional<Image> img = bases.find("ruby:3.4-slim-bookworm");
    REQUIRE(img);
    CHECK(img->layer_count() == 5);
    CHECK(std::find(img->config.env.begin(), img->config.env.end(), "GEM_HOME=/usr/local/bundle") !=
          img->config.env.end());
}

TEST_CASE("distroless: one layer per Bazel tar, real Debian 12 packages, Debian 13 approximated and labelled") {
    Store store;
    BuiltinImages bases(store, &apt_with_index());
    for (const char* d : {"debian12", "debian13"})
        for (const char* k : {"static", "base", "cc"}) {
            const std::string f = std::string("image-distroless-") + k + "-" + d + ".txt";
            REQUIRE(bases.add_catalog_image(read_catalog_asset(f), f).ok());
        }
    std::optional<ResolvedImage> st = bases.resolve(iref("gcr.io/distroless/static-debian12"), false);
    REQUIRE(st);
    CHECK(st->match == BaseMatch::exact);
    CHECK_FALSE(st->approximated);  // bookworm's own packages: real data
    CHECK(st->image.layer_count() == 12);  // 4 packages, rootfs, passwd, home, group, tmp, nsswitch, os-release, certs
    CHECK(st->image.config.user == "0");
    std::optional<ResolvedImage> cc = bases.resolve(iref("gcr.io/distroless/cc-debian12"), false);
    REQUIRE(cc);
    CHECK(cc->image.layer_count() == 18);  // + libc6 libssl3 + 4 cc packages
    // no distribution suffix: -debian13 today (the distroless README), approximated from bookworm
    std::optional<ResolvedImage> latest = bases.resolve(iref("gcr.io/distroless/cc"), false);
    REQUIRE(latest);
    CHECK(latest->match == BaseMatch::same);
    CHECK(latest->shown_as == "gcr.io/distroless/cc-debian13");
    CHECK(latest->approximated);
    CHECK(latest->note.find("gcc-14-base as gcc-12-base") != std::string::npos);
}

TEST_CASE("Alpine language variants: temurin, gradle, php cli/fpm, rust resolve within Alpine, labelled") {
    Store store;
    BuiltinImages bases(store, &apt_with_index());
    for (const char* f :
         {"image-alpine-3.20.txt", "image-eclipse-temurin-21-jre-alpine.txt", "image-eclipse-temurin-21-jdk-alpine.txt",
          "image-gradle-jdk21-alpine.txt", "image-php-8.3-cli-alpine.txt", "image-php-8.3-fpm-alpine.txt",
          "image-rust-1.94-alpine.txt"})
        REQUIRE(bases.add_catalog_image(read_catalog_asset(f), f).ok());
    auto shown = [&](const char* ref) {
        std::optional<ResolvedImage> r = bases.resolve(iref(ref), false);
        REQUIRE_MESSAGE(r, ref);
        CHECK_MESSAGE(r->approximated, ref);
        return r->shown_as;
    };
    CHECK(shown("eclipse-temurin:17-jre-alpine") == "eclipse-temurin:21-jre-alpine");
    CHECK(shown("eclipse-temurin:25.0.3_9-jre-alpine") == "eclipse-temurin:21-jre-alpine");
    CHECK(shown("gradle:7.6.1-jdk17-alpine") == "gradle:jdk21-alpine");
    CHECK(shown("php:8.2-fpm-alpine") == "php:8.3-fpm-alpine");
    CHECK(shown("php:8.4-fpm-alpine3.24") == "php:8.3-fpm-alpine");
    CHECK(shown("php:8.3-alpine") == "php:8.3-alpine");
    CHECK(shown("rust:1.89-alpine3.22") == "rust:1.94-alpine");
    // gradle's image is on the JDK's layers: the same LayerPtrs
    std::optional<Image> g = bases.find("gradle:jdk21-alpine"), j = bases.find("eclipse-temurin:21-jdk-alpine");
    REQUIRE(g);
    REQUIRE(j);
    CHECK(g->layers()[1] == j->layers()[1]);
    CHECK(g->config.user == "root");
}

TEST_CASE("hexpm/elixir on hexpm/erlang, Alpine and Ubuntu: each tag's family, labelled") {
    Store store;
    BuiltinImages bases(store, &apt_with_index());
    for (const char* f : {"image-alpine-3.20.txt", "image-debian-bookworm-slim.txt", "image-ubuntu-24.04.txt",
                          "image-hexpm-erlang-27.2.1-alpine.txt", "image-hexpm-elixir-1.17.3-alpine.txt",
                          "image-hexpm-erlang-28.1.1-ubuntu.txt", "image-hexpm-elixir-1.20.1-ubuntu.txt"})
        REQUIRE(bases.add_catalog_image(read_catalog_asset(f), f).ok());
    std::optional<ResolvedImage> a = bases.resolve(iref("hexpm/elixir:1.18.0-erlang-27.2-alpine-3.21.0"), false);
    REQUIRE(a);
    CHECK(a->match == BaseMatch::nearest);
    CHECK(a->shown_as == "hexpm/elixir:1.17.3-erlang-27.2.1-alpine-3.20.5");
    CHECK(a->approximated);
    CHECK(a->image.layer_count() == 4);  // alpine, the runtime apk layer, OTP's /usr/local, Elixir's /usr/local
    std::optional<ResolvedImage> u =
        bases.resolve(iref("hexpm/elixir:1.16.0-erlang-26.2-ubuntu-jammy-20231004"), false);
    REQUIRE(u);
    CHECK(u->shown_as == "hexpm/elixir:1.20.1-erlang-28.1.1-ubuntu-noble-20260509.1");
    // and below it ubuntu:24.04's own label (approximated from Debian) when it has one
    CHECK(u->note.find("Approximated: in hexpm/elixir:1.20.1") == 0);
}

TEST_CASE("uv and cargo-chef as their repositories build them: catalog images take the place of the stand-ins") {
    Store store;
    BuiltinImages bases(store, &apt_with_index());
    for (const char* f : {"image-debian-bookworm-slim.txt", "image-python-3.11-slim.txt", "image-uv-latest.txt",
                          "image-uv-python3.12-bookworm-slim.txt", "image-debian-bookworm.txt",
                          "image-buildpack-deps-bookworm-curl.txt", "image-buildpack-deps-bookworm-scm.txt",
                          "image-buildpack-deps-bookworm.txt", "image-rust-1.94-bookworm.txt",
                          "image-cargo-chef-rust-1.94.txt"})
        REQUIRE(bases.add_catalog_image(read_catalog_asset(f), f).ok());
    std::optional<ResolvedImage> uv = bases.resolve(iref("ghcr.io/astral-sh/uv:0.11.16"), false);
    REQUIRE(uv);
    CHECK(uv->shown_as == "ghcr.io/astral-sh/uv:latest");  // a bare version: the scratch image
    CHECK(uv->image.layer_count() == 2);                    // COPY /uv /uvx /, WORKDIR /io
    CHECK(uv->image.config.working_dir == "/io");
    std::optional<ResolvedImage> py = bases.resolve(iref("ghcr.io/astral-sh/uv:0.11.32-python3.12-trixie-slim"), false);
    REQUIRE(py);
    CHECK(py->shown_as == "ghcr.io/astral-sh/uv:python3.12-bookworm-slim");
    CHECK(py->note.find("on layerlab's python:3.11-slim") != std::string::npos);
    std::optional<ResolvedImage> chef = bases.resolve(iref("lukemathwalker/cargo-chef:latest-rust-1.80.1"), false);
    REQUIRE(chef);
    CHECK(chef->match == BaseMatch::nearest);
    CHECK(chef->image.history.back().created_by.rfind("RUN |1 CHEF_TAG=0.1.77 /bin/sh -c ", 0) == 0);
}

TEST_CASE("every base catalog loads: its packages exist, one layer per 'H 0' line of its chain (~10 s)") {
    Store store;
    BuiltinImages bases(store, &apt_with_index());
    std::map<std::string, std::string> texts;  // @name -> text
    for (const auto& e : std::filesystem::directory_iterator(std::string(LAYERLAB_SOURCE_DIR) + "/assets/catalog")) {
        const std::string f = e.path().filename().string();
        if (f.rfind("image-", 0) != 0 || e.path().extension() != ".txt") continue;
        std::string text = read_catalog_asset(f);
        Result<std::string> name = bases.add_catalog_image(text, f);
        REQUIRE_MESSAGE(name.ok(), f);
        texts[*name] = std::move(text);
    }
    CHECK(texts.size() >= 30);
    auto own_layers = [&](const std::string& text) {
        size_t n = 0;
        for (size_t at = text.find("\nH 0 "); at != std::string::npos; at = text.find("\nH 0 ", at + 1)) ++n;
        return n;
    };
    for (const auto& entry : texts) {
        const std::string name = entry.first;
        INFO(name);
        std::optional<Image> img = bases.find(name);
        REQUIRE_MESSAGE(img, (bases.last_error() ? bases.last_error()->describe() : std::string("not found")));
        size_t layers = 0;
        for (std::string n = name; !n.empty();) {
            layers += own_layers(texts.at(n));
            size_t at = texts.at(n).find("\n@base ");
            n = at == std::string::npos ? "" : texts.at(n).substr(at + 7, texts.at(n).find('\n', at + 1) - at - 7);
        }
        CHECK(img->layer_count() == layers);
        CHECK_FALSE(img->history.empty());
    }
}

TEST_CASE("a stand-in for an image named after python or node stands on layerlab's python or node image") {
    Store store;
    BuiltinImages bases(store, &apt());
    for (const char* f : {"image-debian-bookworm-slim.txt", "image-python-3.11-slim.txt", "image-node-20-bookworm-slim.txt"})
        REQUIRE(bases.add_catalog_image(read_catalog_asset(f), f).ok());
    std::optional<ResolvedImage> py = bases.resolve(iref("public.ecr.aws/lambda/python:3.12"), true);
    REQUIRE(py);
    CHECK(py->match == BaseMatch::stand_in);
    CHECK(py->shown_as == "python:3.11-slim");
    CHECK(py->note.find("Python with pip, which the real image's name says it has") != std::string::npos);
    CHECK(bases.resolve(iref("tiangolo/uvicorn-gunicorn-fastapi:python3.9-slim"), true)->shown_as == "python:3.11-slim");
    CHECK(bases.resolve(iref("gcr.io/distroless/nodejs22-debian13"), true)->shown_as == "node:20-bookworm-slim");
    CHECK(bases.resolve(iref("quay.io/acme/tool:1"), true)->shown_as == "debian:bookworm-slim");
}

TEST_CASE("a stand-in for deno's and bun's images has their programs where the real images have them") {
    Store store;
    BuiltinImages bases(store, &apt());
    REQUIRE(bases.add_catalog_image(read_catalog_asset("image-debian-bookworm-slim.txt"), "image-debian-bookworm-slim.txt").ok());
    auto has = [&](const ResolvedImage& r, const char* path) {
        return r.image.layers().back()->find(store.paths.intern(path)) != nullptr;
    };
    std::optional<ResolvedImage> bin = bases.resolve(iref("denoland/deno:bin-2.1.4"), true);
    REQUIRE(bin);
    CHECK((has(*bin, "/deno") && !has(*bin, "/usr/bin/deno")));
    CHECK(has(*bases.resolve(iref("denoland/deno:debian-2.1.4"), true), "/usr/bin/deno"));
    std::optional<ResolvedImage> bun = bases.resolve(iref("oven/bun:1.0.14"), true);
    CHECK((has(*bun, "/usr/local/bin/bun") && has(*bun, "/usr/local/bin/bunx")));
    CHECK(bun->image.config.working_dir == "/home/bun/app");
    CHECK(bun->image.history.back().created_by.find("stand-in") != std::string::npos);
    // uv: the bare image has /uv and /uvx; a distro tag /usr/local/bin/uv; cargo-chef's has cargo and cargo-chef
    std::optional<ResolvedImage> uv = bases.resolve(iref("ghcr.io/astral-sh/uv:0.9.26"), true);
    CHECK((has(*uv, "/uv") && has(*uv, "/uvx") && !has(*uv, "/usr/local/bin/uv")));
    CHECK(has(*bases.resolve(iref("ghcr.io/astral-sh/uv:0.11.32-python3.12-trixie-slim"), true), "/usr/local/bin/uv"));
    CHECK(has(*bases.resolve(iref("lukemathwalker/cargo-chef:latest-rust-1.80.1"), true), "/usr/local/cargo/bin/cargo-chef"));
}

TEST_CASE("FROM: bad references fail before anything runs, in Docker's words, at the name") {
    test::BuildFx fx;
    auto from_error = [&](std::string_view text) {
        auto b = fx.build(text);
        REQUIRE(b->failed());
        // nothing ran: the failing FROM is marked, the rest is pending
        size_t failed = 0, done = 0;
        for (const Step& s : b->steps()) {
            failed += s.state == StepState::failed;
            done += s.state == StepState::done;
        }
        CHECK(failed == 1);
        CHECK(done == 0);
        return b->error()->describe();
    };
    CHECK(from_error("FROM busybox\nRUN true\nFROM UPPER:Case\n") ==
          "Dockerfile:3:6: error: failed to parse stage name \"UPPER:Case\": invalid reference format: repository "
          "name (library/UPPER) must be lowercase (an image reference is [REGISTRY/]NAME[:TAG][@sha256:DIGEST], the "
          "name in lowercase)");
    CHECK(from_error("FROM a:b:c\n").find("Dockerfile:1:6: error: failed to parse stage name \"a:b:c\": invalid "
                                          "reference format (") == 0);
    CHECK(from_error("ARG TAG\nFROM ubuntu:${TAG}\n").find("failed to parse stage name \"ubuntu:\": invalid "
                                                           "reference format") != std::string::npos);
    CHECK(from_error("ARG BASE\nFROM ${BASE}\n") == "Dockerfile:2:6: error: base name (${BASE}) should not be blank");
    // a stage the target does not need is checked too, as BuildKit does
    CHECK(from_error("FROM Bad AS x\nFROM busybox\n").find("Dockerfile:1:6:") == 0);
}

TEST_CASE("FROM: platform flags, registry prefixes and ARG-built names resolve") {
    test::BuildFx fx;
    auto b = fx.ok("ARG REG=docker.io/library\nARG NAME=busybox\nFROM --platform=$BUILDPLATFORM ${REG}/${NAME}:latest "
                   "AS one\nFROM one\n");
    CHECK(b->steps()[0].base_match == BaseMatch::exact);
    CHECK(b->steps()[0].notes.empty());
    // no debian in this world: an unknown image has no stand-in, and says so
    auto u = fx.build("FROM nginx:alpine\n");
    REQUIRE(u->failed());
    CHECK(u->error()->message.find("no image of that name") != std::string::npos);
    CHECK(u->error()->message.find("--image") == std::string::npos);  // the page shows this text too
}

TEST_CASE("FROM an unknown image: a labelled stand-in lets the rest step on; strict_images refuses it") {
    Store store;
    BuiltinImages bases(store, &apt());
    REQUIRE(bases.add_catalog_image(read_catalog_asset("image-debian-bookworm-slim.txt"), "d").ok());
    const std::string text = "FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nWORKDIR /src\n"
                             "FROM python:3.12-slim\nCOPY --from=build /src /src2\n"
                             "COPY --from=nginx:alpine /etc/os-release /x\n";
    auto run = [&](Options o) {
        Result<dockerfile::Dockerfile> df = dockerfile::parse(text);
        REQUIRE(df.ok());
        auto b = std::make_unique<Builder>(store, std::move(*df), BuildContext(), o, bases, nullptr);
        (void)b->run();
        return b;
    };
    auto b = run({});
    REQUIRE_MESSAGE(!b->failed(), b->error()->describe());
    const Step& from = b->steps()[0];
    CHECK(from.base_match == BaseMatch::stand_in);
    CHECK(from.notes.size() == 1);
    CHECK(from.narration.find("stand-in") != std::string::npos);
    // python is not here at all in this world: a stand-in too (no python image to be near to)
    CHECK(b->steps()[2].base_match == BaseMatch::stand_in);
    const std::vector<std::string>& copy_notes = b->steps()[4].notes;
    CHECK(std::count_if(copy_notes.begin(), copy_notes.end(), [](const std::string& n) {
              return n.find("--from=nginx:alpine: nginx:alpine is not in layerlab: a stand-in") == 0;
          }) == 1);
    Options strict;
    strict.strict_images = true;
    auto s = run(strict);
    REQUIRE(s->failed());
    CHECK(s->error()->describe().find("Dockerfile:1:6: error: FROM mcr.microsoft.com/dotnet/sdk:8.0: no image of "
                                      "that name in layerlab") == 0);
}
