// Package managers in the shell, over the real catalogs (assets/catalog/):
// apt-get update/install/clean with the sizes that make a RUN layer big or
// small, apk, pip and npm with their caches, and the ways they fail.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "core/build/bases.h"
#include "core/catalog/catalog.h"
#include "test_shell_fixture.h"

using namespace ll;

namespace {

std::string asset(const char* name) {
    std::ifstream f(std::string(LAYERLAB_SOURCE_DIR "/assets/catalog/") + name, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// Parsed once for all cases here (the apt catalog is 1.5 MB of text).
struct Catalogs {
    Catalog apt, index, state, apk, pip, npm;
    shell::Catalogs view;
    Catalogs() {
        apt = *parse_catalog(asset("debian-bookworm.apt.txt"), "debian-bookworm.apt.txt");
        index = *parse_catalog(asset("debian-bookworm.index.txt"), "debian-bookworm.index.txt");
        apt.attach_index(index);  // every bookworm package, as build::CatalogSet does
        state = *parse_catalog(asset("apt-state.txt"), "apt-state.txt");
        apk = *parse_catalog(asset("alpine.apk.txt"), "alpine.apk.txt");
        pip = *parse_catalog(asset("pypi.pip.txt"), "pypi.pip.txt");
        npm = *parse_catalog(asset("npm.npm.txt"), "npm.npm.txt");
        view.apt = &apt;
        view.apt_state = &state;
        view.apk = &apk;
        view.pip = &pip;
        view.npm = &npm;
    }
};
const Catalogs& catalogs() {
    static const Catalogs c;
    return c;
}

// The built-in bases, built once (building node's 38,000 entries is the
// slow part); each case gets its own container over them.
struct Bases {
    Store store;
    build::BuiltinImages images{store, &catalogs().apt};
    explicit Bases(bool debian = true) {
        if (debian)
            for (const char* f :
                 {"image-debian-bookworm-slim.txt", "image-python-3.11-slim.txt", "image-node-20-bookworm-slim.txt"})
                REQUIRE(images.add_catalog_image(asset(f), f));
    }
};
Bases& bases() {
    static Bases b;
    return b;
}

// A container of a built-in base image, with the catalogs.
struct PkgFx {
    Store& s;
    std::unique_ptr<Container> c;
    shell::Options opt;
    explicit PkgFx(const char* name, Bases& from = bases()) : s(from.store) {
        std::optional<Image> img = from.images.find(name);
        REQUIRE(img);
        c = std::make_unique<Container>(s, *img, "pkg");
        opt.env = img->config.env;
        opt.working_dir = img->config.working_dir.empty() ? "/" : img->config.working_dir;
        opt.catalogs = &catalogs().view;
    }
    shell::RunResult run(std::string_view script) { return shell::run(*c, script, opt); }
    uint64_t layer_bytes() { return c->size(); }
    bool upper_has(std::string_view p) { return c->upper().count(s.paths.find(p)) > 0; }
};

}  // namespace

TEST_CASE("apt-get install without apt-get update cannot find packages (no lists), as in a real slim image") {
    PkgFx f("debian:bookworm-slim");
    shell::RunResult r = f.run("apt-get install -y curl");
    CHECK(r.status == 100);
    CHECK(r.stderr_text() == "E: Unable to locate package curl\n");
    CHECK(r.stdout_text() == "Reading package lists...\nBuilding dependency tree...\nReading state information...\n");
}

TEST_CASE("apt-get update && apt-get install -y curl: real files, dpkg state, lists left in the layer") {
    PkgFx f("debian:bookworm-slim");
    shell::RunResult r = f.run("apt-get update && apt-get install -y curl");
    INFO(r.combined());
    REQUIRE(r.status == 0);
    const Package* curl = catalogs().apt.find("curl");
    REQUIRE(curl);
    // the binary with its real size (merged /usr: /usr/bin)
    uint64_t bin_size = 0;
    for (const CatalogFile& cf : curl->files)
        if (cf.path == "/usr/bin/curl") bin_size = cf.size;
    REQUIRE(bin_size > 0);
    CHECK(f.c->stat("/usr/bin/curl")->size == bin_size);
    CHECK(f.c->exists("/var/lib/dpkg/info/curl.list"));
    CHECK(f.c->exists("/var/lib/dpkg/info/libcurl4:amd64.list"));
    CHECK(f.upper_has("/var/lib/dpkg/status"));
    CHECK(f.upper_has("/var/lib/dpkg/status-old"));
    CHECK(f.c->read_text("/var/lib/apt/extended_states")->find("Package: libcurl4\n") != std::string::npos);
    CHECK(f.c->read_text("/var/log/apt/history.log")->find("Commandline: apt-get install -y curl") !=
          std::string::npos);
    // slim's dpkg filter keeps docs out (only copyright files stay)
    CHECK(!f.c->exists("/usr/share/man/man1/curl.1.gz"));
    CHECK(f.c->exists("/usr/share/doc/curl/copyright"));
    // docker-clean removed the downloaded .debs
    Result<std::vector<DirEntry>> debs = f.c->list("/var/cache/apt/archives");
    REQUIRE(debs);
    for (const DirEntry& d : *debs) CHECK(d.name.find(".deb") == std::string::npos);
    // the lists are in the layer: about 20 MB with docker-gzip-indexes
    uint64_t lists = 0;
    for (const AptListsFile& l : catalogs().state.apt_lists)
        if (l.mode == "gzip-indexes") lists += l.size;
    CHECK(f.c->stat("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4")->size ==
          18840233);
    CHECK(f.layer_bytes() > lists);
    // the output reads like apt's
    std::string out = r.stdout_text();
    CHECK(out.find("Get:1 http://deb.debian.org/debian") != std::string::npos);
    CHECK(out.find("The following NEW packages will be installed:\n") != std::string::npos);
    CHECK(out.find("Setting up curl (" + curl->version + ") ...\n") != std::string::npos);
    CHECK(out.find("newly installed, 0 to remove and 0 not upgraded.\n") != std::string::npos);
}

TEST_CASE("apt: removing the lists in the same RUN takes their bytes out of the layer") {
    PkgFx a("debian:bookworm-slim");
    PkgFx b("debian:bookworm-slim");
    REQUIRE(a.run("apt-get update && apt-get install -y curl").status == 0);
    REQUIRE(b.run("apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*").status == 0);
    uint64_t lists = 0;
    for (const AptListsFile& l : catalogs().state.apt_lists)
        if (l.mode == "gzip-indexes") lists += l.size;
    CHECK(a.layer_bytes() - b.layer_bytes() == lists);
    CHECK(!b.c->exists("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease"));
    // created and deleted in one step: not even a whiteout
    CHECK(!b.upper_has("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease"));
}

TEST_CASE("apt: without docker-clean the .debs stay until apt-get clean") {
    PkgFx f("debian:bookworm-slim");
    shell::RunResult r = f.run(
        "rm /etc/apt/apt.conf.d/docker-clean && apt-get update -qq && apt-get install -y -qq jq >/dev/null && "
        "ls /var/cache/apt/archives/ | grep -c '\\.deb$'");
    REQUIRE(r.status == 0);
    CHECK(std::stoi(r.stdout_text()) >= 2);
    uint64_t with_debs = f.layer_bytes();
    REQUIRE(f.run("apt-get clean && ls /var/cache/apt/archives").stdout_text() == "lock\npartial\n");
    CHECK(f.layer_bytes() < with_debs);
}

TEST_CASE("apt: the ways apt-get fails") {
    PkgFx f("debian:bookworm-slim");
    CHECK(f.run("apt-get update -qq && apt-get install -y nosuchpackage").stderr_text() ==
          "E: Unable to locate package nosuchpackage\n");
    // no -y: apt asks, a build has no terminal, apt aborts
    shell::RunResult r = f.run("apt-get install curl");
    CHECK(r.status == 1);
    CHECK(r.stdout_text().find("Do you want to continue? [Y/n] Abort.\n") != std::string::npos);
    // ... unless the answer comes on stdin
    CHECK(f.run("yes | apt-get install -qq curl >/dev/null").status == 0);
    CHECK(f.run("apt-get install -y curl").stdout_text().find("curl is already the newest version") !=
          std::string::npos);
    f.opt.user = "nobody";
    r = f.run("apt-get update");
    CHECK(r.status == 100);
    CHECK(r.stderr_text().find("E: Could not open lock file /var/lib/apt/lists/lock") == 0);
    f.opt.user = "";
    f.opt.catalogs = nullptr;
    r = f.run("apt-get update");
    CHECK(r.status == 100);
    CHECK(!r.notes.empty());
}

TEST_CASE("apt-get install of a package without a real file list: Debian's closure, a labelled stand-in file list") {
    PkgFx f("debian:bookworm-slim");
    shell::RunResult r = f.run("apt-get update -qq && apt-get install -y --no-install-recommends autoconf");
    INFO(r.combined());
    REQUIRE(r.status == 0);
    // apt's own lines, with the real closure (apt-get --simulate gives the same 7 packages)
    CHECK(r.stdout_text().find("0 upgraded, 7 newly installed, 0 to remove and 0 not upgraded.") != std::string::npos);
    CHECK(r.stdout_text().find("Setting up autoconf (2.71-3) ...") != std::string::npos);
    CHECK(f.c->exists("/usr/share/doc/autoconf/copyright"));
    CHECK(f.c->exists("/var/lib/dpkg/info/autoconf.list"));
    CHECK(f.c->exists("/usr/bin/perl"));  // perl-base's real file list stays real
    bool labelled = std::any_of(r.notes.begin(), r.notes.end(), [](const std::string& n) {
        return n.find("stand-in") != std::string::npos && n.find("autoconf") != std::string::npos;
    });
    CHECK(labelled);
    CHECK(f.c->exists("/usr/bin/autoconf"));  // an arch-all program's command (a synthesized file) is in /usr/bin
    // a name that is no package at all is still apt's error
    CHECK(f.run("apt-get install -y autoconff").stderr_text() == "E: Unable to locate package autoconff\n");
    // ... unless this image's apt reads another archive, which may have it: a labelled stand-in package
    r = f.run("echo 'deb [signed-by=/k.gpg] https://repo.mongodb.org/apt/debian bookworm/mongodb-org/8.0 main' > "
              "/etc/apt/sources.list.d/mongodb-org-8.0.list && apt-get update -qq && apt-get install -y mongodb-org");
    INFO(r.combined());
    REQUIRE(r.status == 0);
    CHECK(r.stdout_text().find("Setting up mongodb-org (0~layerlab-stand-in) ...") != std::string::npos);
    CHECK(f.c->exists("/var/lib/dpkg/info/mongodb-org.list"));
    CHECK(std::any_of(r.notes.begin(), r.notes.end(), [](const std::string& n) {
        return n.rfind("stand-in: apt package mongodb-org is not in layerlab's data", 0) == 0 &&
               n.find("repo.mongodb.org") != std::string::npos;
    }));
}

TEST_CASE("apt-get dist-clean and install --update: known to the apt of the image's release, said so on a nearer image") {
    PkgFx f("debian:bookworm-slim");
    // bookworm's apt 2.6 knows neither
    CHECK(f.run("apt-get dist-clean").stderr_text() == "E: Invalid operation dist-clean\n");
    shell::RunResult r = f.run("apt-get install --update -y jq");
    CHECK(r.status == 100);
    CHECK(r.stderr_text() == "E: Command line option '--update' is not understood in combination with the other options\n");
    // a noble image (apt 2.7) knows dist-clean: clean and the lists go
    f.run("apt-get update -qq && sed -i 's/^VERSION_CODENAME=.*/VERSION_CODENAME=noble/' /etc/os-release");
    REQUIRE(f.run("ls /var/lib/apt/lists | grep -c Packages").stdout_text() != "0\n");
    CHECK(f.run("apt-get dist-clean").status == 0);
    CHECK(f.run("ls /var/lib/apt/lists").stdout_text() == "lock\npartial\n");
    CHECK(f.run("apt-get install --update -y jq").status == 100);  // --update is apt 3.0's
    // layerlab shows bookworm for a newer real image (debian:trixie-slim): accepted, said so
    PkgFx g("debian:bookworm-slim");
    g.opt.base_is_real = false;
    shell::RunResult u = g.run("apt-get install --update -y -qq --no-install-recommends jq >/dev/null");
    INFO(u.combined());
    CHECK(u.status == 0);
    CHECK(g.c->exists("/usr/bin/jq"));
    REQUIRE(!u.notes.empty());
    CHECK(u.notes[0].rfind("stand-in: apt --update is apt 3.0's", 0) == 0);
}

TEST_CASE("apt-get remove deletes a package's files; dpkg -l lists what is installed") {
    PkgFx f("debian:bookworm-slim");
    REQUIRE(f.run("apt-get update -qq && apt-get install -y -qq --no-install-recommends jq >/dev/null").status == 0);
    CHECK(f.c->exists("/usr/bin/jq"));
    CHECK(f.run("dpkg -l jq | tail -1 | cut -c1-6").stdout_text() == "ii  jq\n");
    REQUIRE(f.run("apt-get remove -y jq").status == 0);
    CHECK(!f.c->exists("/usr/bin/jq"));
    CHECK(!f.c->exists("/var/lib/dpkg/info/jq.list"));
}

TEST_CASE("pip install --prefix, --target and --root put the packages where pip puts them") {
    PkgFx f("python:3.11-slim");
    shell::RunResult r = f.run("pip install --no-cache-dir -q --prefix=/install flask");
    INFO(r.combined());
    REQUIRE(r.status == 0);
    CHECK(f.c->exists("/install/lib/python3.11/site-packages/flask/__init__.py"));
    CHECK(f.c->exists("/install/bin/flask"));
    CHECK(!f.c->exists("/usr/local/lib/python3.11/site-packages/flask"));
    REQUIRE(f.run("pip install --no-cache-dir -q --target /deps flask").status == 0);
    CHECK(f.c->exists("/deps/flask/__init__.py"));
    REQUIRE(f.run("pip install --no-cache-dir -q --root /r flask").status == 0);
    CHECK(f.c->exists("/r/usr/local/lib/python3.11/site-packages/flask/__init__.py"));
}

TEST_CASE("pip install in python:3.11-slim: site-packages, and a cache unless --no-cache-dir") {
    PkgFx f("python:3.11-slim");
    shell::RunResult r = f.run("pip install flask");
    INFO(r.combined());
    REQUIRE(r.status == 0);
    CHECK(f.c->exists("/usr/local/lib/python3.11/site-packages/flask/__init__.py"));
    CHECK(f.c->exists("/usr/local/bin/flask"));
    CHECK(r.stdout_text().find("Successfully installed") != std::string::npos);
    CHECK(r.stderr_text().find("WARNING: Running pip as the 'root' user") == 0);
    CHECK(f.c->exists("/root/.cache/pip/http"));
    CHECK(f.run("pip install flask").stdout_text().find("Requirement already satisfied: flask") == 0);
    CHECK(f.run("pip freeze | grep -i '^flask=='").stdout_text() == "Flask==2.2.2\n");

    PkgFx g("python:3.11-slim");
    REQUIRE(g.run("pip install --no-cache-dir -q flask").status == 0);
    CHECK(!g.c->exists("/root/.cache/pip"));
    CHECK(g.layer_bytes() < f.layer_bytes());
    // a name outside layerlab's data may be real (layerlab cannot ask pypi.org): a labelled stand-in,
    // never "No matching distribution found"
    shell::RunResult other = g.run("pip install 'cachetools>=5.3' environs==9.5.0");
    INFO(other.combined());
    CHECK(other.status == 0);
    CHECK(other.stderr_text().find("No matching distribution") == std::string::npos);
    CHECK(g.c->read_text("/usr/local/lib/python3.11/site-packages/cachetools/__init__.py")->find("layerlab stand-in") !=
          std::string::npos);
    CHECK(g.c->exists("/usr/local/lib/python3.11/site-packages/cachetools-5.3.dist-info/METADATA"));
    CHECK(g.c->exists("/usr/local/lib/python3.11/site-packages/environs-9.5.0.dist-info/METADATA"));
    CHECK(std::any_of(other.notes.begin(), other.notes.end(), [](const std::string& n) {
        return n.find("stand-in: pip: 2 requirements are not in layerlab's pip data (cachetools 5.3, environs 9.5.0)") ==
               0;
    }));
    CHECK(g.run("pip freeze | grep -i '^cachetools=='").stdout_text() == "cachetools==5.3\n");
    REQUIRE(g.run("printf 'requests>=2.0  # http\\n\\nflask\\n' > /req.txt && pip install -r /req.txt").status == 0);
    CHECK(g.c->exists("/usr/local/lib/python3.11/site-packages/requests/__init__.py"));

    // an exact pin the data lacks installs that version, stood in by the data's files, and says so
    PkgFx h("python:3.11-slim");
    shell::RunResult pin = h.run("pip install Django==3.2.13");
    INFO(pin.combined());
    REQUIRE(pin.status == 0);
    CHECK(pin.stdout_text().find(" django-3.2.13 ") != std::string::npos);
    CHECK(h.c->exists("/usr/local/lib/python3.11/site-packages/Django-3.2.13.dist-info/METADATA"));
    CHECK_FALSE(h.c->exists("/usr/local/lib/python3.11/site-packages/Django-3.2.25.dist-info"));
    CHECK(std::any_of(pin.notes.begin(), pin.notes.end(), [](const std::string& n) {
        return n.find("django 3.2.13 is not in layerlab's data: a stand-in") == 0;
    }));
    // the version the data has: no stand-in
    PkgFx k("python:3.11-slim");
    shell::RunResult same = k.run("pip install django==3.2.25");
    REQUIRE(same.status == 0);
    CHECK(std::none_of(same.notes.begin(), same.notes.end(),
                       [](const std::string& n) { return n.find("stand-in") != std::string::npos; }));
}

TEST_CASE("npm install in node:20-bookworm-slim: node_modules, package.json, lock files and the cache") {
    PkgFx f("node:20-bookworm-slim");
    f.opt.working_dir = "/app";
    shell::RunResult r = f.run("npm ci");
    CHECK(r.status == 1);
    CHECK(r.stderr_text().find("npm ERR! The `npm ci` command can only install with an existing package-lock.json") !=
          std::string::npos);
    r = f.run("npm install express");
    INFO(r.combined());
    REQUIRE(r.status == 0);
    CHECK(f.c->exists("/app/node_modules/express/package.json"));
    CHECK(f.c->read_text("/app/package.json")->find("\"express\": \"^4.18.2\"") != std::string::npos);
    CHECK(f.c->exists("/app/package-lock.json"));
    CHECK(f.c->exists("/app/node_modules/.package-lock.json"));
    CHECK(r.stdout_text().find("\nadded ") == 0);
    CHECK(f.c->exists("/root/.npm/_cacache"));
    CHECK(f.run("rm -rf node_modules && npm ci --silent && ls node_modules/express/package.json").status == 0);
    CHECK(f.run("npm cache clean").status == 1);
    CHECK(f.run("npm cache clean --force && ls /root/.npm/_cacache").status != 0);
    // package.json is read as JSON (nlohmann-json): nested objects and
    // non-string values do not confuse it; a file that is not JSON stops npm
    REQUIRE(f.run("printf '{\"name\": \"x\", \"scripts\": {\"a\": \"b\"}, \"dependencies\": {\"express\": "
                  "\"^4.0.0\"}, \"n\": 1}' > package.json && rm -rf node_modules")
                .status == 0);
    r = f.run("npm install");
    INFO(r.combined());
    CHECK(r.status == 0);
    CHECK(f.c->exists("/app/node_modules/express/package.json"));
    CHECK_FALSE(f.c->exists("/app/node_modules/b"));
    f.run("echo '{\"dependencies\": {' > package.json");
    r = f.run("npm install");
    CHECK(r.status == 1);
    CHECK(r.stderr_text().find("npm ERR! code EJSONPARSE\nnpm ERR! path /app/package.json\n") == 0);
}

TEST_CASE("npm: a package outside layerlab's data is a labelled stand-in, never npm's 404 (issue 12)") {
    PkgFx f("node:20-bookworm-slim");
    f.opt.working_dir = "/app";
    // layerlab cannot ask the registry: the name may be real, so no "is not in this registry"
    shell::RunResult r = f.run("npm install left-pad@^1.3.0");
    INFO(r.combined());
    REQUIRE(r.status == 0);
    CHECK(r.stderr_text().find("not in this registry") == std::string::npos);
    Result<std::string> pj = f.c->read_text("/app/node_modules/left-pad/package.json");
    REQUIRE(pj);
    CHECK(pj->find("\"version\": \"1.3.0\"") != std::string::npos);
    CHECK(pj->find("layerlab stand-in") != std::string::npos);
    CHECK(f.c->read_text("/app/package.json")->find("\"left-pad\": \"^1.3.0\"") != std::string::npos);
    CHECK(f.c->read_text("/app/package-lock.json")->find("\"node_modules/left-pad\"") != std::string::npos);
    CHECK(std::any_of(r.notes.begin(), r.notes.end(), [](const std::string& n) {
        return n.find("stand-in: npm: 1 package is not in layerlab's npm data (left-pad@1.3.0)") == 0;
    }));
    // -g: real metadata (npm view, 2026-12-07) gives the version and the programs npm links
    r = f.run("npm install -g nodemon && readlink /usr/local/bin/nodemon");
    INFO(r.combined());
    CHECK(r.status == 0);
    CHECK(r.stdout_text().find("../lib/node_modules/nodemon/bin/nodemon.js\n") != std::string::npos);
    CHECK(f.c->read_text("/usr/local/lib/node_modules/nodemon/package.json")->find("\"3.1.14\"") != std::string::npos);
    r = f.run("npm install -g @angular/cli@13 && ls -l /usr/local/bin/ng");
    CHECK(r.status == 0);
    CHECK(f.c->read_text("/usr/local/lib/node_modules/@angular/cli/package.json")->find("\"13.3.9\"") !=
          std::string::npos);
    // a package.json range without a lock: the range's version
    REQUIRE(f.run("rm -rf /app/* && echo '{\"dependencies\": {\"knex\": \"^2.4.2\"}}' > package.json").status == 0);
    r = f.run("npm install && cat node_modules/knex/package.json");
    CHECK(r.status == 0);
    CHECK(r.stdout_text().find("\"version\": \"2.4.2\"") != std::string::npos);
}

TEST_CASE("npm install of a name npm refuses: npm's EINVALIDPACKAGENAME, no stand-in (fuzz_shell found a crash)") {
    PkgFx f("node:20-bookworm-slim");
    f.opt.working_dir = "/app";
    // a byte that is not UTF-8 once aborted the process in the stand-in's package.json
    shell::RunResult r = f.run("npm install expr\xf9" "ess");
    INFO(r.combined());
    CHECK(r.status == 1);
    CHECK(r.stderr_text().find("npm ERR! code EINVALIDPACKAGENAME\nnpm ERR! Invalid package name \"expr\xf9" "ess\" of "
                               "package \"expr\xf9" "ess@*\": name can only contain URL-friendly characters.\n") !=
          std::string::npos);
    CHECK_FALSE(f.c->exists("/app/node_modules"));
    r = f.run("npm install _private .hidden");
    CHECK(r.status == 1);
    CHECK(r.stderr_text().find("\"_private@*\": name cannot start with an underscore.") != std::string::npos);
    // a version that is not UTF-8 is kept, replaced where it must become JSON text
    r = f.run("npm install left-pad@1.\xf9");
    INFO(r.combined());
    CHECK(r.status == 0);
    // scoped names, capitals (allowed for old packages) and non-registry specs are not refused
    r = f.run("npm install @types/node JSONStream ./local-dir");
    CHECK(r.stderr_text().find("EINVALIDPACKAGENAME") == std::string::npos);
}

TEST_CASE("npm ci installs the versions package-lock.json pins and leaves the lock as it is") {
    PkgFx f("node:20-bookworm-slim");
    f.opt.working_dir = "/app";
    const std::string lock =
        "{\"name\": \"app\", \"lockfileVersion\": 3, \"requires\": true, \"packages\": {"
        "\"\": {\"dependencies\": {\"express\": \"^4.18.2\", \"redis\": \"^4.6.0\"}, \"devDependencies\": {\"@testing-library/jest-dom\": \"^5.16.5\"}},"
        "\"node_modules/express\": {\"version\": \"4.18.2\"},"
        "\"node_modules/redis\": {\"version\": \"4.6.7\"},"
        "\"node_modules/@redis/client\": {\"version\": \"1.5.8\"},"
        "\"node_modules/@redis/client/node_modules/yallist\": {\"version\": \"4.0.0\"},"
        "\"node_modules/@testing-library/jest-dom\": {\"version\": \"5.16.5\", \"dev\": true}}}\n";
    REQUIRE(f.run("mkdir -p /app").status == 0);
    REQUIRE(f.c->write_text("/app/package-lock.json", lock));
    REQUIRE(f.c->write_text("/app/package.json", "{\"dependencies\": {\"express\": \"^4.18.2\", \"redis\": \"^4.6.0\"}}\n"));
    shell::RunResult r = f.run("npm ci --omit=dev");
    INFO(r.combined());
    REQUIRE(r.status == 0);
    CHECK(f.c->exists("/app/node_modules/express/package.json"));  // from layerlab's npm data
    CHECK(f.c->read_text("/app/node_modules/redis/package.json")->find("\"4.6.7\"") != std::string::npos);
    CHECK(f.c->read_text("/app/node_modules/@redis/client/package.json")->find("\"1.5.8\"") != std::string::npos);
    CHECK_FALSE(f.c->exists("/app/node_modules/@testing-library/jest-dom"));  // dev, omitted
    CHECK(*f.c->read_text("/app/package-lock.json") == lock);  // npm ci never rewrites the lock
    CHECK(f.run("npm ci && cat node_modules/@testing-library/jest-dom/package.json").stdout_text().find("\"5.16.5\"") !=
          std::string::npos);
}

TEST_CASE("apk add on an Alpine-like root: files from the mapped Debian package, APKINDEX cache unless --no-cache") {
    ll::test::ShellFx f;
    f.add_layer({f.dir("/etc/apk"), f.file("/etc/apk/world", "alpine-baselayout\nbusybox\n"),
                 f.file("/sbin/apk",
                        std::string("\x7f"
                                    "ELF\0\0",
                                    6),
                        0755),
                 f.dir("/lib"), f.dir("/lib/apk"), f.dir("/lib/apk/db"),
                 f.file("/lib/apk/db/installed", "P:busybox\nV:1.36.1-r15\n\n")});
    f.opt.catalogs = &catalogs().view;
    shell::RunResult r = f.run("apk add jq");
    INFO(r.combined());
    REQUIRE(r.status == 0);
    CHECK(r.stdout_text().find("fetch https://dl-cdn.alpinelinux.org/alpine/v3.19/main/x86_64/APKINDEX.tar.gz\n") == 0);
    CHECK(r.stdout_text().find("Installing jq (") != std::string::npos);
    CHECK(f.c->exists("/usr/bin/jq"));
    CHECK(f.c->exists("/var/cache/apk/APKINDEX.3d3e0f5a.tar.gz"));
    CHECK(f.text("/etc/apk/world") == "alpine-baselayout\nbusybox\njq\n");
    REQUIRE(!r.notes.empty());

    ll::test::ShellFx g;
    g.add_layer({g.dir("/etc/apk"), g.file("/etc/apk/world", "busybox\n"),
                 g.file("/sbin/apk",
                        std::string("\x7f"
                                    "ELF\0\0",
                                    6),
                        0755)});
    g.opt.catalogs = &catalogs().view;
    REQUIRE(g.run("apk add --no-cache jq >/dev/null").status == 0);
    CHECK(!g.c->exists("/var/cache/apk/APKINDEX.3d3e0f5a.tar.gz"));
    // a name layerlab's map lacks may be Alpine's (musl-locales-lang, lua-lyaml): a labelled stand-in
    shell::RunResult sub = g.run("apk add nosuch");
    CHECK(sub.status == 0);
    CHECK(sub.stdout_text().find("Installing nosuch (0~layerlab-stand-in-r0)") != std::string::npos);
    REQUIRE_FALSE(sub.notes.empty());
    CHECK(std::any_of(sub.notes.begin(), sub.notes.end(),
                      [](const std::string& n) { return n.rfind("stand-in: apk package nosuch is not in", 0) == 0; }));
    g.opt.user = "app";
    CHECK(g.run("apk add jq").stderr_text().find("Permission denied") != std::string::npos);
    g.opt.user = "";
    // names beyond the map: Alpine's naming rules (X-dev, py3-X, perl-X) over the whole Debian archive
    shell::RunResult rule = g.run("apk add --no-cache zlib-dev py3-requests perl-json tar su-exec");
    INFO(rule.combined());
    CHECK(rule.status == 0);
    for (const char* n : {"zlib-dev", "py3-requests", "perl-json", "tar", "su-exec"})
        CHECK(rule.stdout_text().find(std::string("Installing ") + n + " (") != std::string::npos);
    CHECK(g.c->exists("/usr/include/zlib.h"));
    CHECK(g.run("apk add --no-cache py3-nosuchthing").stderr_text().find("py3-nosuchthing (no such package)") !=
          std::string::npos);
    // a name Debian has too (re2c, psmisc); a versioned one as Debian's NAME-VER (clang19: clang-19), else as
    // its unversioned NAME, said on the step (gcc99)
    rule = g.run("apk add --no-cache re2c psmisc clang19 gcc99");
    INFO(rule.combined());
    CHECK(rule.status == 0);
    CHECK(g.c->exists("/usr/bin/re2c"));
    CHECK(rule.stdout_text().find("Installing clang19 (1:19.") != std::string::npos);
    bool said = false;
    for (const std::string& n : rule.notes) {
        CHECK(n.find("no clang19") == std::string::npos);
        if (n.rfind("apk add gcc99: a stand-in: Debian bookworm has no gcc99; its unversioned gcc ", 0) == 0) said = true;
    }
    CHECK(said);
    CHECK(g.run("apk add --no-cache py3-nosuchthing19").stderr_text().find("py3-nosuchthing19 (no such package)") !=
          std::string::npos);
    CHECK(g.run("apk add --no-cache nosuchthing19").stdout_text().find("Installing nosuchthing19 (0~layerlab-stand-in") !=
          std::string::npos);  // not in the map, not by a naming rule: a labelled stand-in
    // apk upgrade (gitea's Dockerfile: apk update && apk upgrade): nothing newer in layerlab's data; apk's summary
    ll::test::ShellFx u;
    u.add_layer({u.dir("/etc/apk"), u.file("/etc/apk/world", "busybox\n"),
                 u.file("/sbin/apk", std::string("\x7f" "ELF\0\0", 6), 0755), u.dir("/lib"), u.dir("/lib/apk"),
                 u.dir("/lib/apk/db"),
                 u.file("/lib/apk/db/installed", "P:busybox\nV:1.36.1-r15\nI:952320\n\nP:musl\nV:1.2.4-r2\nI:1052672\n\n")});
    u.opt.catalogs = &catalogs().view;
    shell::RunResult up = u.run("apk upgrade");
    CHECK(up.status == 0);
    CHECK(up.stdout_text() == "OK: 1 MiB in 2 packages\n");
    REQUIRE(up.notes.size() == 1);
    CHECK(up.notes[0].rfind("stand-in: apk upgrade: layerlab's package data holds one version", 0) == 0);
    CHECK(u.run("apk upgrade --no-cache").stdout_text().find("fetch https://dl-cdn.alpinelinux.org/") == 0);
    CHECK(u.out("apk fix") == "ERROR: layerlab simulates apk add, del, update, upgrade, info and cache clean (not 'fix')\n[1]");
}

TEST_CASE("python in python:3.11-slim: -m pip, -m venv (a venv's pip installs into it), --version, scripts stood in") {
    PkgFx f("python:3.11-slim");
    const std::string* pv = nullptr;
    for (const std::string& e : f.opt.env)
        if (e.rfind("PYTHON_VERSION=", 0) == 0) pv = &e;
    REQUIRE(pv);
    CHECK(f.run("python --version").stdout_text() == "Python " + pv->substr(15) + "\n");
    shell::RunResult r = f.run("python -m venv /venv && readlink /venv/bin/python && readlink /venv/bin/python3 && "
                               "readlink /venv/lib64");
    INFO(r.combined());
    REQUIRE(r.status == 0);
    CHECK(r.stdout_text() == "/usr/local/bin/python\npython\nlib\n");
    Result<std::string> cfg = f.c->read_text("/venv/pyvenv.cfg");
    REQUIRE(cfg);
    CHECK(cfg->find("home = /usr/local/bin\ninclude-system-site-packages = false\nversion = " + pv->substr(15)) == 0);
    CHECK(f.c->exists("/venv/lib/python3.11/site-packages/pip-24.0.dist-info/METADATA"));
    CHECK(r.notes.back().find("stand-in: python -m venv /venv") == 0);
    // the venv's pip installs into the venv, as `python -m pip` of the venv's python does
    r = f.run("/venv/bin/pip install -q flask && PATH=/venv/bin:$PATH python -m pip install -q requests");
    INFO(r.combined());
    CHECK(r.status == 0);
    CHECK(f.c->exists("/venv/lib/python3.11/site-packages/flask/__init__.py"));
    CHECK(f.c->exists("/venv/lib/python3.11/site-packages/requests/__init__.py"));
    CHECK_FALSE(f.c->exists("/usr/local/lib/python3.11/site-packages/flask"));
    CHECK(f.run("python3 -m pip install -q flask").status == 0);
    CHECK(f.c->exists("/usr/local/lib/python3.11/site-packages/flask/__init__.py"));
    // a script: not run, said so; a missing one: python's own error
    r = f.run("python /nosuch.py");
    CHECK(r.status == 2);
    CHECK(r.stderr_text() == "python: can't open file '/nosuch.py': [Errno 2] No such file or directory\n");
    r = f.run("echo 'print(1)' > /m.py && python /m.py");
    CHECK(r.status == 0);
    CHECK(r.notes.back().find("stand-in: the Python program /m.py was not run") == 0);
}

// The php images' scripts (docker-library/php at 445bf414): their behaviour, with the build stood in.
TEST_CASE("php:8.3-alpine: docker-php-source, docker-php-ext-install/-enable/-configure, pecl install") {
    static Bases php(false);  // alpine and php's Alpine image, built once
    static const bool loaded = [] {
        for (const char* n : {"image-alpine-3.20.txt", "image-php-8.3-cli-alpine.txt"})
            REQUIRE(php.images.add_catalog_image(asset(n), n));
        return true;
    }();
    REQUIRE(loaded);
    PkgFx f("php:8.3-alpine", php);
    const std::string ext = "/usr/local/lib/php/extensions/no-debug-non-zts-20230831";
    shell::RunResult r = f.run("docker-php-source extract && cd /usr/src/php && ls -A && docker-php-source delete && "
                               "ls /usr/src");
    INFO(r.combined());
    CHECK(r.status == 0);
    CHECK(r.stdout_text() == ".docker-extracted\nLAYERLAB-STAND-IN.txt\nphp.tar.xz\nphp.tar.xz.asc\n");
    REQUIRE(!r.notes.empty());
    CHECK(r.notes[0].rfind("stand-in: docker-php-source extract: /usr/src/php.tar.xz is a placeholder", 0) == 0);
    CHECK(f.run("docker-php-source").stdout_text().rfind("usage: /usr/local/bin/docker-php-source COMMAND\n\nManage php "
                                                         "source tarball lifecycle.\n", 0) == 0);
    // install: the .so a placeholder, the ini the script's; the source it extracted is deleted after
    r = f.run("docker-php-ext-install -j$(nproc) pdo_mysql opcache && cat $PHP_INI_DIR/conf.d/docker-php-ext-pdo_mysql.ini "
              "&& ls /usr/src");
    INFO(r.combined());
    CHECK(r.status == 0);
    CHECK(r.stdout_text().find("extension=pdo_mysql\nphp.tar.xz\n") != std::string::npos);
    CHECK(r.stderr_text().find("warning: opcache (opcache) is already loaded!") != std::string::npos);
    CHECK(f.c->exists(ext + "/pdo_mysql.so"));
    CHECK(r.stdout_text().find("(1/") != std::string::npos);  // apk add --virtual .phpize-deps $PHPIZE_DEPS
    CHECK(f.run("cat /etc/apk/world").stdout_text().find(".phpize-deps") == std::string::npos);  // and deleted after
    r = f.run("docker-php-ext-install nosuch");
    CHECK(r.status == 1);
    CHECK(r.stderr_text().rfind("error: /usr/src/php/ext/nosuch does not exist\n\nusage: /usr/local/bin/docker-php-ext-install "
                                "[-jN] [--ini-name file.ini] ext-name [ext-name ...]\n", 0) == 0);
    // pecl: the .so, /tmp/pear; enable writes the ini
    r = f.run("pecl install redis-6.0.2 && docker-php-ext-enable redis && cat $PHP_INI_DIR/conf.d/docker-php-ext-redis.ini "
              "&& rm -r /tmp/pear");
    INFO(r.combined());
    CHECK(r.status == 0);
    CHECK(r.stdout_text().find("install ok: channel://pecl.php.net/redis-6.0.2\n") != std::string::npos);
    CHECK(r.stdout_text().find("extension=redis\n") != std::string::npos);
    r = f.run("docker-php-ext-enable nosuch");
    CHECK(r.status == 1);
    CHECK(r.stderr_text().rfind("error: 'nosuch' does not exist\n\nusage: /usr/local/bin/docker-php-ext-enable [options] "
                                "module-name [module-name ...]\n", 0) == 0);
}
