// Tests for the archive-wide apt index (assets/catalog/debian-bookworm.index.txt,
// scripts/gen-apt-index): every bookworm package resolves with its real
// dependency closure, and a package without a real file list gets a
// synthesized one (labelled) whose size matches Installed-Size.
//
// The expected closures are real apt's: `apt-get install --simulate
// --no-install-recommends NAME` on Debian 12 with bookworm, bookworm-updates
// and bookworm-security main (Packages of 2026-12-05) and a dpkg status holding
// exactly the 88 packages of debian:bookworm-slim (the image's K lines),
// upgrades left out.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/catalog/catalog.h"

#ifndef LAYERLAB_SOURCE_DIR
#define LAYERLAB_SOURCE_DIR "."
#endif

namespace {

std::string read_catalog_file(const std::string& name) {
    std::ifstream in(std::string(LAYERLAB_SOURCE_DIR) + "/assets/catalog/" + name, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot open assets/catalog/" << name);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct World {
    ll::Catalog apt, index;
    std::set<std::string> slim;
};

const World& world() {
    static const World w = [] {
        World x;
        auto a = ll::parse_catalog(read_catalog_file("debian-bookworm.apt.txt"), "debian-bookworm.apt.txt");
        auto i = ll::parse_catalog(read_catalog_file("debian-bookworm.index.txt"), "debian-bookworm.index.txt");
        REQUIRE_MESSAGE(a.ok(), (a.ok() ? "" : a.error().describe()));
        REQUIRE_MESSAGE(i.ok(), (i.ok() ? "" : i.error().describe()));
        x.apt = std::move(a).value();
        x.index = std::move(i).value();
        x.apt.attach_index(x.index);
        auto img = ll::load_base_image(read_catalog_file("image-debian-bookworm-slim.txt"), x.apt, nullptr, "slim");
        REQUIRE(img.ok());
        x.slim = img->dpkg_installed;
        return x;
    }();
    return w;
}

std::set<std::string> closure(const std::string& name, bool recommends) {
    auto r = ll::resolve_install(world().apt, {name}, world().slim, recommends);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
    return {r->newly_installed.begin(), r->newly_installed.end()};
}

std::set<std::string> set_of(std::string_view words) {
    std::set<std::string> out;
    std::istringstream in{std::string(words)};
    for (std::string w; in >> w;) out.insert(w);
    return out;
}

}  // namespace

TEST_CASE("the apt index holds every bookworm package") {
    const World& w = world();
    CHECK(w.index.kind == ll::CatalogKind::apt_index);
    CHECK(w.index.index->blocks.size() > 60000);  // 63,697 in the 2026-12-05 indexes
    CHECK(w.index.suite == "bookworm");
    CHECK(w.index.source.find("bookworm-security") != std::string::npos);
    // a package outside the file-list catalog: real version, sizes, section
    REQUIRE(w.apt.packages.count("autoconf") == 0);
    const ll::Package* p = w.apt.find("autoconf");
    REQUIRE(p);
    CHECK(p->version == "2.71-3");
    CHECK(p->arch == "all");
    CHECK(p->section == "devel");
    CHECK(p->installed_size_kib == 2025);
    CHECK(p->synthesized_files);
    // the file-list catalog keeps its own entry (real files)
    const ll::Package* bash = w.apt.find("bash");
    REQUIRE(bash);
    CHECK_FALSE(bash->synthesized_files);
    CHECK(bash == &w.apt.packages.at("bash"));
    // the same pointer every time (parsed once)
    CHECK(w.apt.find("autoconf") == p);
    CHECK(w.apt.find("no-such-package-anywhere") == nullptr);
}

TEST_CASE("closures of packages outside the file lists match apt-get --simulate") {
    CHECK(closure("autoconf", false) == set_of("autoconf libgdbm-compat4 libgdbm6 libperl5.36 m4 perl perl-modules-5.36"));
    CHECK(closure("autoconf", true) ==
          set_of("autoconf automake autotools-dev libgdbm-compat4 libgdbm6 libperl5.36 m4 netbase perl perl-modules-5.36"));
    CHECK(closure("libpq-dev", false) ==
          set_of("libgssapi-krb5-2 libk5crypto3 libkeyutils1 libkrb5-3 libkrb5support0 libldap-2.5-0 libpq-dev libpq5 "
                 "libsasl2-2 libsasl2-modules-db libssl-dev libssl3"));
    CHECK(closure("apache2-utils", false) == set_of("apache2-utils libapr1 libaprutil1 libexpat1 libgdbm6 libssl3"));
    CHECK(closure("tini", false) == set_of("tini"));
    CHECK(closure("ghostscript", false) ==
          set_of("fontconfig-config fonts-urw-base35 ghostscript libavahi-client3 libavahi-common-data "
                 "libavahi-common3 libbrotli1 libbsd0 libcups2 libdbus-1-3 libdeflate0 libexpat1 libfontconfig1 "
                 "libfontenc1 libfreetype6 libgs-common libgs10 libgs10-common libgssapi-krb5-2 libice6 libidn12 "
                 "libijs-0.35 libjbig0 libjbig2dec0 libjpeg62-turbo libk5crypto3 libkeyutils1 libkrb5-3 "
                 "libkrb5support0 liblcms2-2 liblerc4 libopenjp2-7 libpaper1 libpng16-16 libsm6 libssl3 libtiff6 "
                 "libwebp7 libx11-6 libx11-data libxau6 libxcb1 libxdmcp6 libxt6 poppler-data sensible-utils ucf "
                 "x11-common xfonts-encodings xfonts-utils"));
}

TEST_CASE("a name that is no package anywhere is still apt's 'Unable to locate'") {
    auto r = ll::resolve_install(world().apt, {"autoconf", "autoconff"}, world().slim, false);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "E: Unable to locate package autoconff");
    // a virtual name with several providers: apt's own refusal
    auto v = ll::resolve_install(world().apt, {"awk"}, {}, false);
    REQUIRE_FALSE(v.ok());
    CHECK(v.error().message.find("is a virtual package provided by") != std::string::npos);
}

TEST_CASE("synthesized file lists look like Debian packages and add up to Installed-Size") {
    auto bytes_of = [](const ll::Package& p) {
        uint64_t n = 0;
        for (const ll::CatalogFile& f : p.files)
            if (f.type == 'f') n += f.size;
        return n;
    };
    auto has = [](const ll::Package& p, const std::string& path) {
        return std::any_of(p.files.begin(), p.files.end(), [&](const ll::CatalogFile& f) { return f.path == path; });
    };
    for (std::string name : {"autoconf", "libapr1", "libpq-dev", "python3-django", "libtext-csv-perl", "tini",
                             "fonts-urw-base35", "ghostscript", "libgs10"}) {
        INFO(name);
        const ll::Package* p = world().apt.find(name);
        REQUIRE(p);
        REQUIRE(p->synthesized_files);
        CHECK(has(*p, "/usr/share/doc/" + name + "/copyright"));
        CHECK(has(*p, "/usr/share/doc/" + name + "/changelog.Debian.gz"));
        uint64_t want = p->installed_size_kib * 1024;
        CHECK(bytes_of(*p) <= want);
        CHECK(bytes_of(*p) + 16 * 1024 >= want);  // within the directories' share
        CHECK(std::is_sorted(p->files.begin(), p->files.end(),
                             [](const ll::CatalogFile& a, const ll::CatalogFile& b) { return a.path < b.path; }));
        CHECK(std::any_of(p->notes.begin(), p->notes.end(),
                          [](const std::string& n) { return n.find("stand-in") != std::string::npos; }));
    }
    const ll::Package& apr = *world().apt.find("libapr1");
    CHECK(has(apr, "/usr/lib/x86_64-linux-gnu/libapr.so.1"));
    CHECK(has(apr, "/usr/lib/x86_64-linux-gnu/libapr.so.1.0.0"));
    CHECK(has(*world().apt.find("libpq-dev"), "/usr/include/pq/pq.h"));
    CHECK(has(*world().apt.find("libpq-dev"), "/usr/lib/x86_64-linux-gnu/libpq.so"));
    CHECK(has(*world().apt.find("tini"), "/usr/bin/tini"));
    CHECK(has(*world().apt.find("python3-django"), "/usr/lib/python3/dist-packages/django/__init__.py"));
    CHECK(has(*world().apt.find("libtext-csv-perl"), "/usr/share/perl5/Text/csv.pm"));
}

TEST_CASE("a malformed apt index fails with the line number") {
    auto bad = [](const std::string& body) {
        return ll::parse_catalog("#layerlab-catalog 1 apt-index\n" + body, "idx.txt");
    };
    CHECK(bad("P a 1 amd64 1 1\nS libs\nD b|c d\n").ok());
    auto r1 = bad("D b\n");
    REQUIRE_FALSE(r1.ok());
    CHECK(r1.error().where.line == 2);
    auto r2 = bad("P a 1 amd64 x 1\n");
    REQUIRE_FALSE(r2.ok());
    CHECK(r2.error().where.line == 2);
    auto r3 = bad("P a 1 amd64 1 1\nP a 2 amd64 1 1\n");
    REQUIRE_FALSE(r3.ok());
    CHECK(r3.error().message.find("duplicate") != std::string::npos);
    auto r4 = bad("P a 1 amd64 1 1\nZ what\n");
    REQUIRE_FALSE(r4.ok());
    CHECK(r4.error().where.line == 3);
}
