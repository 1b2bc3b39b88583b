// The alpine bases (assets/catalog/image-alpine-*.txt, scripts/gen-alpine)
// against the real minirootfs: tests/golden/alpine/*.list is GNU tar's
// listing of each x86_64 alpine-minirootfs tarball of
// github.com/alpinelinux/docker-alpine (commit in its first line). Every tar
// entry must be in the image's layer with the same type, mode, owner, size
// and link target, and the layer must hold nothing else.
#include <map>
#include <sstream>

#include "test_build_fixture.h"

using namespace ll;
using namespace ll::build;
using ll::test::read_catalog_asset;

namespace {

std::string read_golden(const std::string& name) {
    std::ifstream in(std::string(LAYERLAB_SOURCE_DIR) + "/tests/golden/alpine/" + name, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot open tests/golden/alpine/" << name);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// "drwxrwxrwt" -> 'd', 01777
std::pair<char, uint32_t> perms(const std::string& p) {
    uint32_t m = 0;
    for (int i = 0; i < 9; ++i)
        if (p[size_t(1 + i)] != '-') m |= 1u << (8 - i);
    auto special = [&](size_t at, char set_exec, char set_noexec, uint32_t bit, uint32_t x) {
        if (p[at] == set_exec) m |= bit;
        if (p[at] == set_noexec) m = (m | bit) & ~x;
    };
    special(3, 's', 'S', 04000, 0100);
    special(6, 's', 'S', 02000, 0010);
    special(9, 't', 'T', 01000, 0001);
    return {p[0], m};
}

struct TarEntry {
    char type;
    uint32_t mode, uid, gid;
    uint64_t size;
    std::string target;
};

// tar --numeric-owner --full-time -tv: PERMS U/G SIZE DATE TIME NAME [-> TARGET | link to TARGET]
std::map<std::string, TarEntry> parse_listing(const std::string& text) {
    std::map<std::string, TarEntry> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream ls(line);
        std::string pm, owner, date, time, name;
        TarEntry e{};
        ls >> pm >> owner >> e.size >> date >> time >> name;
        auto [t, mode] = perms(pm);
        e.type = t;
        e.mode = mode;
        e.uid = uint32_t(std::stoul(owner.substr(0, owner.find('/'))));
        e.gid = uint32_t(std::stoul(owner.substr(owner.find('/') + 1)));
        std::string rest;
        std::getline(ls, rest);
        if (size_t arrow = rest.find(" -> "); arrow != std::string::npos) e.target = rest.substr(arrow + 4);
        if (size_t lt = rest.find(" link to "); lt != std::string::npos) e.type = 'h', e.target = rest.substr(lt + 9);
        if (name.rfind("./", 0) == 0) name = name.substr(1);
        while (name.size() > 1 && name.back() == '/') name.pop_back();
        if (name == "/" || name == ".") continue;
        out[name] = e;
    }
    return out;
}

}  // namespace

TEST_CASE("alpine bases: the layer is the real minirootfs, entry by entry") {
    const std::pair<const char*, const char*> versions[] = {
        {"image-alpine-3.18.txt", "alpine-minirootfs-3.18.9-x86_64.list"},
        {"image-alpine-3.19.txt", "alpine-minirootfs-3.19.4-x86_64.list"},
        {"image-alpine-3.20.txt", "alpine-minirootfs-3.20.3-x86_64.list"},
    };
    for (const auto& version : versions) {
        const std::string catalog = version.first, listing = version.second;
        INFO(catalog);
        Store store;
        BuiltinImages bases(store, nullptr);
        Result<std::string> name = bases.add_catalog_image(read_catalog_asset(catalog), catalog);
        REQUIRE(name.ok());
        std::optional<Image> img = bases.find(*name);
        REQUIRE_MESSAGE(img, (bases.last_error() ? bases.last_error()->describe() : std::string()));
        REQUIRE(img->layer_count() == 1);
        CHECK(img->config.cmd == std::vector<std::string>{"/bin/sh"});
        REQUIRE(img->history.size() == 2);
        CHECK(img->history[0].created_by.rfind("ADD alpine-minirootfs-", 0) == 0);
        CHECK(img->history[1].created_by == "CMD [\"/bin/sh\"]");
        CHECK(img->history[1].empty_layer);
        std::map<std::string, TarEntry> want = parse_listing(read_golden(listing));
        CHECK(want.size() > 500);
        const Layer& layer = *img->layers()[0];
        CHECK(layer.entries().size() == want.size());
        size_t matched = 0;
        for (const Entry& e : layer.entries()) {
            const std::string path = store.paths.str(e.path);
            INFO(path);
            auto it = want.find(path);
            REQUIRE(it != want.end());
            const TarEntry& t = it->second;
            const char type = e.type == EntryType::dir ? 'd' : e.type == EntryType::symlink ? 'l' : '-';
            CHECK(type == (t.type == 'h' ? '-' : t.type));
            CHECK(e.mode == t.mode);
            CHECK(e.uid == t.uid);
            CHECK(e.gid == t.gid);
            if (e.type == EntryType::symlink) CHECK(e.target == t.target);
            if (e.type == EntryType::file) CHECK(store.blobs.size(e.blob) == t.size);
            ++matched;
        }
        CHECK(matched == want.size());
    }
}

TEST_CASE("alpine bases: real /etc contents, and tags resolve to the nearest release") {
    Store store;
    BuiltinImages bases(store, nullptr);
    for (const char* f : {"image-alpine-3.18.txt", "image-alpine-3.19.txt", "image-alpine-3.20.txt"})
        REQUIRE(bases.add_catalog_image(read_catalog_asset(f), f).ok());
    std::optional<Image> a = bases.find("alpine:3.20");
    REQUIRE(a);
    ImageView v(*a, store.paths);
    Resolution os = resolve(v, store.paths, "/etc/os-release", true);
    REQUIRE(os);
    CHECK(store.blobs.read_all(os.node.entry->blob).find("VERSION_ID=3.20.3") != std::string::npos);
    Resolution sh = resolve(v, store.paths, "/etc/shadow", false);
    REQUIRE(sh);
    CHECK(sh.node.entry->gid == 42);
    CHECK(sh.node.entry->mode == 0640);
    auto resolved = [&](std::string_view r) {
        Result<ImageRef> ref = parse_image_ref(r);
        REQUIRE(ref.ok());
        std::optional<ResolvedImage> ri = bases.resolve(*ref, false);
        REQUIRE(ri);
        return std::make_pair(ri->shown_as, ri->match);
    };
    CHECK(resolved("alpine:3.19") == std::make_pair(std::string("alpine:3.19"), BaseMatch::exact));
    CHECK(resolved("alpine:3.18.9") == std::make_pair(std::string("alpine:3.18"), BaseMatch::same));
    CHECK(resolved("alpine:3.19.1") == std::make_pair(std::string("alpine:3.19"), BaseMatch::nearest));
    CHECK(resolved("alpine:3.22") == std::make_pair(std::string("alpine:3.20"), BaseMatch::nearest));
    CHECK(resolved("alpine:3.14") == std::make_pair(std::string("alpine:3.18"), BaseMatch::nearest));
    CHECK(resolved("alpine") == std::make_pair(std::string("alpine:3.20"), BaseMatch::nearest));
    CHECK(resolved("docker.io/library/alpine:latest@sha256:" + std::string(64, 'b')).first == "alpine:3.20");
}

TEST_CASE("node:22-alpine and python:3.12-alpine build on the real alpine:3.20 with the official layer structure") {
    Store store;
    BuiltinImages bases(store, nullptr);
    for (const char* f : {"image-alpine-3.20.txt", "image-node-22-alpine.txt", "image-python-3.12-alpine.txt"})
        REQUIRE(bases.add_catalog_image(read_catalog_asset(f), f).ok());
    // the generator's totals per layer (scripts/gen-alpine-lang) are what the C++ rebuilds
    for (const char* f : {"image-node-22-alpine.txt", "image-python-3.12-alpine.txt"}) {
        INFO(f);
        Result<BaseImage> alpine = load_base_image(read_catalog_asset("image-alpine-3.20.txt"), Catalog{}, nullptr);
        REQUIRE(alpine.ok());
        Result<BaseImage> img = load_base_image(read_catalog_asset(f), Catalog{}, &*alpine, f);
        REQUIRE_MESSAGE(img.ok(), (img.ok() ? "" : img.error().describe()));
        REQUIRE_FALSE(img->expected.empty());
        for (const BaseImage::Expect& e : img->expected) {
            REQUIRE(e.layer < img->layers.size());
            const ImageLayer& l = img->layers[e.layer];
            uint64_t bytes = 0;
            for (const CatalogFile& c : l.files)
                if (c.type == 'f') bytes += c.size;
            CHECK(l.files.size() == e.entries);
            CHECK(bytes == e.bytes);
        }
        CHECK_FALSE(img->notes.empty());  // the approximation is labelled
    }
    std::optional<Image> node = bases.find("node:22-alpine");
    REQUIRE(node);
    // alpine's layer + the node RUN, yarn RUN and COPY layers; ENV/ENTRYPOINT/CMD are empty history entries
    CHECK(node->layers().size() == 4);
    CHECK(node->history.size() == 9);
    CHECK(node->history[2].created_by == "ENV NODE_VERSION=22.2.0");
    CHECK(node->history[2].empty_layer);
    CHECK(node->history.back().created_by == "CMD [\"node\"]");
    ImageView v(*node, store.paths);
    for (const char* p : {"/usr/local/bin/node", "/usr/local/lib/node_modules/npm/package.json",
                          "/usr/local/bin/docker-entrypoint.sh", "/usr/lib/libstdc++.so.6", "/home/node",
                          "/etc/os-release"})
        CHECK_MESSAGE(resolve(v, store.paths, p, false), p);
    Resolution passwd = resolve(v, store.paths, "/etc/passwd", true);
    REQUIRE(passwd);
    CHECK(store.blobs.read_all(passwd.node.entry->blob).find("node:x:1000:1000:Linux User,,,:/home/node:/bin/sh\n") !=
          std::string::npos);
    auto shown = [&](std::string_view r) {
        std::optional<ResolvedImage> ri = bases.resolve(*parse_image_ref(r), false);
        REQUIRE(ri);
        return ri->shown_as;
    };
    CHECK(shown("node:18-alpine") == "node:22-alpine");
    CHECK(shown("node:lts-alpine3.19") == "node:22-alpine");
    CHECK(shown("python:3.11-alpine") == "python:3.12-alpine");
    CHECK(shown("python:alpine") == "python:3.12-alpine");
}

TEST_CASE("nginx:1.27-alpine-slim and golang:1.22-alpine: the official layer structure on the real alpine:3.20") {
    Store store;
    BuiltinImages bases(store, nullptr);
    for (const char* f : {"image-alpine-3.20.txt", "image-nginx-1.27-alpine-slim.txt", "image-golang-1.22-alpine.txt"})
        REQUIRE(bases.add_catalog_image(read_catalog_asset(f), f).ok());
    Result<BaseImage> alpine = load_base_image(read_catalog_asset("image-alpine-3.20.txt"), Catalog{}, nullptr);
    REQUIRE(alpine.ok());
    for (const char* f : {"image-nginx-1.27-alpine-slim.txt", "image-golang-1.22-alpine.txt"}) {
        INFO(f);
        Result<BaseImage> img = load_base_image(read_catalog_asset(f), Catalog{}, &*alpine, f);
        REQUIRE_MESSAGE(img.ok(), (img.ok() ? "" : img.error().describe()));
        for (const BaseImage::Expect& e : img->expected) {
            REQUIRE(e.layer < img->layers.size());
            uint64_t bytes = 0;
            for (const CatalogFile& c : img->layers[e.layer].files)
                if (c.type == 'f') bytes += c.size;
            CHECK(img->layers[e.layer].files.size() == e.entries);
            CHECK(bytes == e.bytes);
        }
        CHECK_FALSE(img->notes.empty());  // the approximation is labelled
    }
    // nginx: alpine + the RUN + five COPYs (nginxinc/docker-nginx mainline/alpine-slim)
    std::optional<Image> nginx = bases.find("nginx:1.27-alpine-slim");
    REQUIRE(nginx);
    CHECK(nginx->layers().size() == 7);
    CHECK(nginx->history.back().created_by == "CMD [\"nginx\" \"-g\" \"daemon off;\"]");
    REQUIRE(nginx->config.entrypoint);
    CHECK(*nginx->config.entrypoint == std::vector<std::string>{"/docker-entrypoint.sh"});
    ImageView nv(*nginx, store.paths);
    Resolution log = resolve(nv, store.paths, "/var/log/nginx/access.log", false);
    REQUIRE(log);
    CHECK(log.node.entry->target == "/dev/stdout");
    for (const char* p : {"/usr/sbin/nginx", "/etc/nginx/nginx.conf", "/etc/nginx/conf.d/default.conf",
                          "/usr/share/nginx/html/index.html", "/docker-entrypoint.d/30-tune-worker-processes.sh"})
        CHECK_MESSAGE(resolve(nv, store.paths, p, false), p);
    Resolution passwd = resolve(nv, store.paths, "/etc/passwd", true);
    REQUIRE(passwd);
    CHECK(store.blobs.read_all(passwd.node.entry->blob).find("nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin\n") !=
          std::string::npos);
    // golang: ca-certificates, the toolchain, $GOPATH (mode 1777), WORKDIR /go
    std::optional<Image> go = bases.find("golang:1.22-alpine");
    REQUIRE(go);
    CHECK(go->layers().size() == 4);
    CHECK(go->config.working_dir == "/go");
    REQUIRE(go->config.env_get("GOLANG_VERSION"));
    CHECK(*go->config.env_get("GOLANG_VERSION") == "GOLANG_VERSION=1.22.9");  // env_get gives the K=V entry
    ImageView gv(*go, store.paths);
    CHECK(resolve(gv, store.paths, "/usr/local/go/bin/go", false));
    Resolution gp = resolve(gv, store.paths, "/go/src", false);
    REQUIRE(gp);
    CHECK((gp.node.entry->mode & 07777) == 01777);
    auto shown = [&](std::string_view r) {
        std::optional<ResolvedImage> ri = bases.resolve(*parse_image_ref(r), false);
        REQUIRE(ri);
        return ri->shown_as;
    };
    CHECK(shown("nginx:alpine") == "nginx:1.27-alpine-slim");
    CHECK(shown("nginx:1.25-alpine") == "nginx:1.27-alpine-slim");
    CHECK(shown("golang:1.21-alpine3.19") == "golang:1.22-alpine");
    CHECK(shown("golang:alpine") == "golang:1.22-alpine");
}
