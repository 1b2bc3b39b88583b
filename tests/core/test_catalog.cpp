// Tests for src/core/catalog: the committed catalogs parse, hold real Debian
// facts, and rebuild the base images to exactly the totals the generator
// (scripts/gen-catalog) computed; malformed input fails with the line number.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/catalog/catalog.h"
#include "core/glob.h"

#ifndef LAYERLAB_SOURCE_DIR
#define LAYERLAB_SOURCE_DIR "."
#endif

namespace {

std::string read_asset(const std::string& name) {
    std::ifstream in(std::string(LAYERLAB_SOURCE_DIR) + "/assets/catalog/" + name, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot open assets/catalog/" << name);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const ll::Catalog& apt_catalog() {
    static const ll::Catalog cat = [] {
        ll::Result<ll::Catalog> r = ll::parse_catalog(read_asset("debian-bookworm.apt.txt"), "debian-bookworm.apt.txt");
        REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().describe()));
        return std::move(r).value();
    }();
    return cat;
}

const ll::BaseImage& slim_image() {
    static const ll::BaseImage img = [] {
        auto r = ll::load_base_image(read_asset("image-debian-bookworm-slim.txt"), apt_catalog(), nullptr,
                                     "image-debian-bookworm-slim.txt");
        REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().describe()));
        return std::move(r).value();
    }();
    return img;
}

const ll::CatalogFile* find_file(const ll::BaseImage& img, const std::string& path) {
    const ll::CatalogFile* found = nullptr;
    for (const ll::ImageLayer& l : img.layers)
        for (const ll::CatalogFile& f : l.files)
            if (f.path == path) found = &f;  // the top layer's copy wins
    return found;
}

const ll::CatalogFile* find_pkg_file(const ll::Package& p, const std::string& path) {
    for (const ll::CatalogFile& f : p.files)
        if (f.path == path) return &f;
    return nullptr;
}

void check_expectations(const ll::BaseImage& img) {
    REQUIRE_FALSE(img.expected.empty());
    for (const ll::BaseImage::Expect& e : img.expected) {
        REQUIRE(e.layer < img.layers.size());
        const ll::ImageLayer& l = img.layers[e.layer];
        uint64_t bytes = 0;
        for (const ll::CatalogFile& f : l.files)
            if (f.type == 'f') bytes += f.size;
        INFO(img.name << " layer " << e.layer << " (" << l.created_by.substr(0, 60) << ")");
        CHECK(l.files.size() == e.entries);
        CHECK(bytes == e.bytes);
    }
}

}  // namespace

TEST_CASE("the apt catalog parses and holds real bookworm packages") {
    const ll::Catalog& cat = apt_catalog();
    CHECK(cat.kind == ll::CatalogKind::apt);
    CHECK(cat.suite == "bookworm");
    CHECK_FALSE(cat.generated.empty());
    CHECK(cat.packages.size() > 500);
    const ll::Package* bash = cat.find("bash");
    REQUIRE(bash);
    CHECK(bash->arch == "amd64");
    const ll::CatalogFile* bin = find_pkg_file(*bash, "/bin/bash");
    REQUIRE(bin);
    CHECK(bin->type == 'f');
    CHECK(bin->mode == 0755);
    if (bash->version == "5.2.15-2+b13") CHECK(bin->size == 1265648);  // dpkg-deb -c of that .deb
    CHECK(bash->status_size > 500);
    const ll::Package* libc = cat.find("libc6");
    REQUIRE(libc);
    CHECK(libc->multiarch_same);
    // passwd ships setuid/setgid helpers: modes and the shadow group survive
    const ll::Package* passwd = cat.find("passwd");
    REQUIRE(passwd);
    const ll::CatalogFile* chage = find_pkg_file(*passwd, "/usr/bin/chage");
    REQUIRE(chage);
    CHECK(chage->mode == 02755);
    CHECK(chage->gid == 42);
    // the real text of a conffile is kept
    const ll::Package* base_files = cat.find("base-files");
    REQUIRE(base_files);
    const ll::CatalogFile* issue = find_pkg_file(*base_files, "/etc/issue");
    REQUIRE(issue);
    REQUIRE(issue->content);
    CHECK(issue->content->find("Debian GNU/Linux 12") != std::string::npos);
}

TEST_CASE("apt-get install curl pulls libcurl4, and Recommends only without --no-install-recommends") {
    const ll::Catalog& cat = apt_catalog();
    const std::set<std::string>& slim = slim_image().dpkg_installed;
    auto with = ll::resolve_install(cat, {"curl"}, slim, true);
    auto without = ll::resolve_install(cat, {"curl"}, slim, false);
    REQUIRE(with.ok());
    REQUIRE(without.ok());
    auto has = [](const ll::InstallPlan& p, const std::string& n) {
        return std::find(p.newly_installed.begin(), p.newly_installed.end(), n) != p.newly_installed.end();
    };
    CHECK(has(*without, "curl"));
    CHECK(has(*without, "libcurl4"));
    CHECK_FALSE(has(*without, "ca-certificates"));  // curl only Recommends it
    CHECK(has(*with, "ca-certificates"));
    CHECK(with->newly_installed.size() > without->newly_installed.size());
    CHECK(std::find(with->recommended.begin(), with->recommended.end(), "ca-certificates") != with->recommended.end());
    // dependencies come before the packages that need them; curl is last
    CHECK(without->newly_installed.back() == "curl");
    CHECK(std::find(without->auto_installed.begin(), without->auto_installed.end(), "curl") ==
          without->auto_installed.end());
    // nothing already in the image is installed again
    for (const std::string& n : with->newly_installed) CHECK(slim.count(n) == 0);
}

TEST_CASE("installing an unknown package fails with apt's message") {
    auto r = ll::resolve_install(apt_catalog(), {"curl", "foo"}, {}, false);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "E: Unable to locate package foo");
}

TEST_CASE("already installed packages are not planned again") {
    auto r = ll::resolve_install(apt_catalog(), {"bash"}, slim_image().dpkg_installed, true);
    REQUIRE(r.ok());
    CHECK(r->newly_installed.empty());
}

TEST_CASE("debian:bookworm-slim matches the generator and the real image") {
    const ll::BaseImage& img = slim_image();
    CHECK(img.name == "debian:bookworm-slim");
    CHECK(img.layers.size() == 1);
    CHECK(img.history.size() == 1);
    CHECK(img.history[0].comment == "debuerreotype 0.15");
    CHECK(img.history[0].created.size() == 20);  // "2026-11-26T00:00:00Z": RFC 3339, UTC
    CHECK(img.config.cmd == std::vector<std::string>{"bash"});
    CHECK(img.dpkg_installed.size() == 88);  // rootfs.manifest of the official image lists 88
    CHECK(img.dpkg_installed.count("apt") == 1);
    CHECK(img.dpkg_installed.count("usr-is-merged") == 1);
    CHECK(img.dpkg_installed.count("usrmerge") == 0);
    check_expectations(img);
    // merged /usr: the .deb's ./bin/bash is /usr/bin/bash, /bin is a symlink
    const ll::CatalogFile* bash = find_file(img, "/usr/bin/bash");
    REQUIRE(bash);
    CHECK(bash->size == find_pkg_file(*apt_catalog().find("bash"), "/bin/bash")->size);
    const ll::CatalogFile* bin = find_file(img, "/bin");
    REQUIRE(bin);
    CHECK(bin->type == 'l');
    CHECK(bin->link == "usr/bin");
    // slimify: man pages and docs gone, copyright files kept
    CHECK(find_file(img, "/usr/share/man/man1/bash.1.gz") == nullptr);
    CHECK(find_file(img, "/usr/share/doc/bash/copyright") != nullptr);
    CHECK(find_file(img, "/usr/share/doc/bash/README") == nullptr);
    // the dpkg database and files maintainer scripts wrote
    CHECK(find_file(img, "/var/lib/dpkg/info/bash.list") != nullptr);
    CHECK(find_file(img, "/var/lib/dpkg/info/libc6:amd64.list") != nullptr);
    const ll::CatalogFile* status = find_file(img, "/var/lib/dpkg/status");
    REQUIRE(status);
    CHECK(status->size > 60000);
    const ll::CatalogFile* passwd = find_file(img, "/etc/passwd");
    REQUIRE(passwd);
    REQUIRE(passwd->content);
    CHECK(passwd->content->rfind("root:x:0:0:root:/root:/bin/bash\n", 0) == 0);
    const ll::CatalogFile* shadow = find_file(img, "/etc/shadow");
    REQUIRE(shadow);
    CHECK(shadow->mode == 0640);
    CHECK(shadow->gid == 42);
    const ll::CatalogFile* os_release = find_file(img, "/usr/lib/os-release");
    REQUIRE(os_release);
    REQUIRE(os_release->content);
    CHECK(os_release->content->find("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"") != std::string::npos);
    const ll::CatalogFile* cfg = find_file(img, "/etc/dpkg/dpkg.cfg.d/docker");
    REQUIRE(cfg);
    REQUIRE(cfg->content);
    CHECK(cfg->content->find("path-exclude /usr/share/doc/*") != std::string::npos);
    // about 75 MB, like `docker images debian:bookworm-slim`
    CHECK(img.total_bytes() > 70'000'000);
    CHECK(img.total_bytes() < 80'000'000);
}

TEST_CASE("python and node images build on the slim image") {
    auto py = ll::load_base_image(read_asset("image-python-3.11-slim.txt"), apt_catalog(), &slim_image(),
                                  "image-python-3.11-slim.txt");
    REQUIRE_MESSAGE(py.ok(), (py.ok() ? "" : py.error().describe()));
    CHECK(py->base == "debian:bookworm-slim");
    CHECK(py->layers.size() == 4);
    check_expectations(*py);
    CHECK(py->config.cmd == std::vector<std::string>{"python3"});
    CHECK(find_file(*py, "/usr/local/bin/python3.11") != nullptr);
    const ll::CatalogFile* python = find_file(*py, "/usr/local/bin/python");
    REQUIRE(python);
    CHECK(python->type == 'l');
    CHECK(find_file(*py, "/usr/local/lib/python3.11/os.py") != nullptr);
    CHECK(py->dpkg_installed.count("ca-certificates") == 1);
    CHECK(py->dpkg_installed.count("python3.11") == 0);  // built from source in the real image
    // apt-get install in the python image respects the slim dpkg filter
    const ll::ImageLayer& apt_layer = py->layers[1];
    for (const ll::CatalogFile& f : apt_layer.files) CHECK(f.path.rfind("/usr/share/man/", 0) != 0);
    // empty_layer history entries (ENV, CMD) are recorded but make no layer
    size_t empty = 0;
    for (const ll::HistoryEntry& h : py->history) empty += h.empty_layer;
    CHECK(empty == 5);
    CHECK(py->history.size() == py->layers.size() + empty);

    auto node = ll::load_base_image(read_asset("image-node-20-bookworm-slim.txt"), apt_catalog(), &slim_image(),
                                    "image-node-20-bookworm-slim.txt");
    REQUIRE_MESSAGE(node.ok(), (node.ok() ? "" : node.error().describe()));
    check_expectations(*node);
    CHECK(node->config.entrypoint == std::vector<std::string>{"docker-entrypoint.sh"});
    CHECK(node->dpkg_installed.count("nodejs") == 1);
    const ll::CatalogFile* home = find_file(*node, "/home/node");
    REQUIRE(home);
    CHECK(home->uid == 1000);
    const ll::CatalogFile* passwd = find_file(*node, "/etc/passwd");
    REQUIRE(passwd);
    REQUIRE(passwd->content);
    CHECK(passwd->content->find("node:x:1000:1000::/home/node:/bin/bash\n") != std::string::npos);
}

TEST_CASE("an image that builds on another needs it") {
    auto r = ll::load_base_image(read_asset("image-python-3.11-slim.txt"), apt_catalog(), nullptr, "py.txt");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("debian:bookworm-slim") != std::string::npos);
}

TEST_CASE("busybox image mirrors the oracle's base") {
    auto bb = ll::load_base_image(read_asset("image-busybox.txt"), apt_catalog(), nullptr, "image-busybox.txt");
    REQUIRE_MESSAGE(bb.ok(), (bb.ok() ? "" : bb.error().describe()));
    check_expectations(*bb);
    CHECK_FALSE(bb->merged_usr);
    const ll::CatalogFile* sh = find_file(*bb, "/bin/sh");
    REQUIRE(sh);
    CHECK(sh->type == 'l');
    CHECK(sh->link == "busybox");
    const ll::CatalogFile* tmp = find_file(*bb, "/tmp");
    REQUIRE(tmp);
    CHECK(tmp->mode == 01777);
    CHECK(bb->config.cmd == std::vector<std::string>{"/bin/sh"});
    CHECK(bb->history.at(0).created_by == "oracle busybox-base (busybox-static)");
}

TEST_CASE("pip, npm and apk catalogs name what they are approximated from") {
    auto pip = ll::parse_catalog(read_asset("pypi.pip.txt"), "pypi.pip.txt");
    REQUIRE_MESSAGE(pip.ok(), (pip.ok() ? "" : pip.error().describe()));
    CHECK(pip->kind == ll::CatalogKind::pip);
    const ll::Package* flask = pip->find("flask");
    REQUIRE(flask);
    CHECK(flask->approximated_from.rfind("python3-flask ", 0) == 0);
    CHECK(flask->download_size > 0);
    bool has_dist_info = false, has_module = false;
    for (const ll::CatalogFile& f : flask->files) {
        has_dist_info |= f.path.find(".dist-info/RECORD") != std::string::npos;
        has_module |= f.path == "site-packages/flask/app.py";
    }
    CHECK(has_dist_info);
    CHECK(has_module);
    CHECK(std::find_if(flask->depends.begin(), flask->depends.end(),
                       [](const ll::DepClause& c) { return c.front() == "werkzeug"; }) != flask->depends.end());

    auto npm = ll::parse_catalog(read_asset("npm.npm.txt"), "npm.npm.txt");
    REQUIRE_MESSAGE(npm.ok(), (npm.ok() ? "" : npm.error().describe()));
    const ll::Package* express = npm->find("express");
    REQUIRE(express);
    CHECK(express->approximated_from.rfind("node-express ", 0) == 0);
    CHECK(find_pkg_file(*express, "node_modules/express/package.json") != nullptr);

    auto apk = ll::parse_catalog(read_asset("alpine.apk.txt"), "alpine.apk.txt");
    REQUIRE_MESSAGE(apk.ok(), (apk.ok() ? "" : apk.error().describe()));
    const ll::Package* bb = apk->find("build-base");
    REQUIRE(bb);
    CHECK(bb->approximated_from.rfind("build-essential ", 0) == 0);
}

TEST_CASE("apt lists sizes are measured for the stock (lz4) and plain configurations") {
    auto st = ll::parse_catalog(read_asset("apt-state.txt"), "apt-state.txt");
    REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.error().describe()));
    uint64_t lz4 = 0, plain = 0;
    for (const ll::AptListsFile& f : st->apt_lists) {
        if (f.mode == "gzip-indexes") lz4 += f.size;
        if (f.mode == "plain") plain += f.size;
    }
    CHECK(lz4 > 5'000'000);
    CHECK(plain > 3 * lz4 / 2);
    bool lz4_packages = false;
    for (const ll::AptListsFile& f : st->apt_lists)
        lz4_packages |= f.mode == "gzip-indexes" && f.name.size() > 13 &&
                        f.name.compare(f.name.size() - 13, 13, "_Packages.lz4") == 0;
    CHECK(lz4_packages);
}

TEST_CASE("dpkg path filter follows dpkg's rules") {
    ll::DpkgFilter f = ll::DpkgFilter::parse(
        "# comment\npath-exclude /usr/share/doc/*\npath-include /usr/share/doc/*/copyright\n"
        "path-exclude=/usr/share/man/*\n");
    REQUIRE(f.rules.size() == 3);
    CHECK(f.skips("/usr/share/doc/bash/README", 'f'));
    CHECK_FALSE(f.skips("/usr/share/doc/bash/copyright", 'f'));
    CHECK_FALSE(f.skips("/usr/share/doc/bash", 'd'));  // needed for the copyright file
    CHECK(f.skips("/usr/share/man/man1", 'd'));
    CHECK_FALSE(f.skips("/usr/bin/bash", 'f'));
    SUBCASE("fnmatch without FNM_PATHNAME") {
        CHECK(ll::glob_match("/usr/share/doc/*", "/usr/share/doc/a/b/c"));
        CHECK(ll::glob_match("/a/?", "/a/b"));
        CHECK_FALSE(ll::glob_match("/a/?", "/a/bc"));
        CHECK(ll::glob_match("/x/[a-c]*", "/x/b1"));
        CHECK_FALSE(ll::glob_match("/x/[!a-c]*", "/x/b1"));
        CHECK(ll::glob_match("*-C.emf", "/usr/share/omf/x/y-C.emf"));
        CHECK_FALSE(ll::glob_match("/a", "/ab"));
        CHECK(ll::glob_match("a\\*b", "a*b"));
    }
    SUBCASE("merged /usr") {
        CHECK(ll::merged_usr_path("/bin/bash") == std::optional<std::string>("/usr/bin/bash"));
        CHECK(ll::merged_usr_path("/lib64/ld-linux-x86-64.so.2") ==
              std::optional<std::string>("/usr/lib64/ld-linux-x86-64.so.2"));
        CHECK_FALSE(ll::merged_usr_path("/bin").has_value());
        CHECK(ll::merged_usr_path("/binx/y") == std::optional<std::string>("/binx/y"));
        CHECK(ll::merged_usr_path("/etc/x") == std::optional<std::string>("/etc/x"));
    }
}

TEST_CASE("dpkg_unpack applies the filter and writes the info files") {
    const ll::Package* bash = apt_catalog().find("bash");
    REQUIRE(bash);
    ll::DpkgFilter slim = ll::DpkgFilter::parse(
        "path-exclude /usr/share/man/*\npath-exclude /usr/share/doc/*\n"
        "path-include /usr/share/doc/*/copyright\n");
    ll::Unpacked all = ll::dpkg_unpack(*bash, {}, true);
    ll::Unpacked filtered = ll::dpkg_unpack(*bash, slim, true);
    CHECK(filtered.files.size() < all.files.size());
    CHECK(filtered.list_size < all.list_size);
    REQUIRE_FALSE(all.info.empty());
    CHECK(all.info[0].path == "/var/lib/dpkg/info/bash.list");
    CHECK(all.info[0].size == all.list_size);
    bool postinst = false;
    for (const ll::CatalogFile& f : all.info)
        if (f.path == "/var/lib/dpkg/info/bash.postinst") postinst = f.mode == 0755;
    CHECK(postinst);
}

TEST_CASE("malformed catalogs fail with the line number") {
    auto err = [](std::string_view text) {
        auto r = ll::parse_catalog(text, "bad.txt");
        REQUIRE_FALSE(r.ok());
        return r.error();
    };
    const std::string head = "#layerlab-catalog 1 apt\n";
    CHECK(err("hello\n").where.line == 1);
    CHECK(err("#layerlab-catalog 1 zip\n").message.find("unknown catalog kind") != std::string::npos);
    SUBCASE("entry before a package") {
        ll::Error e = err(head + "0d/etc\n");
        CHECK(e.where.line == 2);
        CHECK(e.describe().rfind("bad.txt:2:1: error: file entry before any P line", 0) == 0);
    }
    SUBCASE("prefix longer than the previous path") {
        ll::Error e = err(head + "P a 1 all 1 1\n0d/etc\n9fx\t1\n");
        CHECK(e.where.line == 4);
        CHECK(e.message.find("longer than the previous path") != std::string::npos);
    }
    SUBCASE("missing size") { CHECK(err(head + "P a 1 all 1 1\n0f/etc/x\n").where.line == 3); }
    SUBCASE("bad mode") { CHECK(err(head + "P a 1 all 1 1\n0f/etc/x\t1\tm99\n").where.line == 3); }
    SUBCASE("unknown field") { CHECK(err(head + "P a 1 all 1 1\n0f/etc/x\t1\tq1\n").where.column == 12); }
    SUBCASE("dot-dot path") { CHECK(err(head + "P a 1 all 1 1\n0f/etc/../x\t1\n").where.line == 3); }
    SUBCASE("bad escape") { CHECK(err(head + "P a 1 all 1 1\n0f/etc/x\t1\tcab\\q\n").where.line == 3); }
    SUBCASE("short P line") { CHECK(err(head + "\n\nP a 1\n").where.line == 4); }
    SUBCASE("duplicate package") { CHECK(err(head + "P a 1 all 1 1\nP a 1 all 1 1\n").where.line == 3); }
    SUBCASE("huge number") { CHECK(err(head + "P a 1 all 99999999999999999999999 1\n").where.line == 2); }
    SUBCASE("unknown line") { CHECK(err(head + "P a 1 all 1 1\nZ what\n").where.line == 3); }
    SUBCASE("image errors") {
        const ll::Catalog empty;
        auto r = ll::load_base_image("#layerlab-catalog 1 image\n@name x\nK bash\n", empty, nullptr, "img.txt");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().where.line == 3);
        r = ll::load_base_image("#layerlab-catalog 1 image\n@name x\n@cmd [\"a\",\n", empty, nullptr, "img.txt");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().where.line == 3);
        r = ll::load_base_image("#layerlab-catalog 1 image\n@name x\nH 0 RUN x\nK nosuch\n", empty, nullptr, "img.txt");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("nosuch") != std::string::npos);
    }
}

TEST_CASE("garbage and truncated catalogs never crash") {
    const std::string real = read_asset("alpine.apk.txt") + read_asset("image-busybox.txt").substr(0, 2000);
    for (size_t n = 0; n < real.size(); n += 37) {
        (void)ll::parse_catalog(std::string_view(real).substr(0, n), "t");
        (void)ll::load_base_image("#layerlab-catalog 1 image\n" + real.substr(n), apt_catalog(), nullptr, "t");
    }
    uint32_t x = 12345;
    std::string noise = "#layerlab-catalog 1 apt\nP a 1 all 1 1\n";
    for (int i = 0; i < 20000; ++i) {
        x = x * 1103515245u + 12345u;
        const char alphabet[] = "0123456789fxdlh/\t\n\\cmo:P DRVIA@#";
        noise.push_back(alphabet[(x >> 16) % (sizeof alphabet - 1)]);
    }
    (void)ll::parse_catalog(noise, "noise");
    CHECK(true);
}
