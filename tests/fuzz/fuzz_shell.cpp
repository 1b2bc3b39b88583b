// libFuzzer target for the shell: parser, expansion, interpreter and every
// simulated command, on a small busybox-like container.
//
//     tests/fuzz/run_fuzz.sh shell 300
//
// Each input is parsed on its own (parse()), then run as a RUN step
// (shell::run) and line by line in an interactive Session, each on a fresh
// container, with tight budgets so that a runaway input ends quickly.
// Besides "no crash, no leak, no UB, no hang" it checks what callers rely
// on: syntax errors have a line, a stopped run says why, statuses are 0-255,
// captured output respects its limit, and the container stays consistent
// (every upper entry's parent is a directory in the view).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/catalog/catalog.h"
#include "core/container.h"
#include "core/shell/parser.h"
#include "core/shell/shell.h"

using namespace ll;

namespace {

void require(bool ok) {
    if (!ok) __builtin_trap();
}

// A tiny apt/pip/npm world so the package managers run their real paths.
const char* k_apt = R"(#layerlab-catalog 1 apt
P tool 1.0-1 amd64 12 3000
D libtool1
0d/usr
4d/bin
8x/tool	2048
4d/share
10d/doc
14d/tool
19f/copyright	120
P libtool1 1.0-1 amd64 20 5000
I multiarch-same status=300 md5sums=80
0d/usr
4d/lib
8f/libtool.so.1	4096
)";
const char* k_state = R"(#layerlab-catalog 1 state
L gzip-indexes deb.debian.org_debian_dists_bookworm_InRelease 1500
L gzip-indexes deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4 90000
L plain deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages 200000
)";
const char* k_pip = R"(#layerlab-catalog 1 pip
P flask 2.2.2 all 10 4000
A python3-flask 2.2.2-3
D click
0dsite-packages/flask
19f/__init__.py	300
0xbin/flask	90
P click 8.1.3 all 10 3000
A python3-click 8.1.3-2
0dsite-packages/click
19f/__init__.py	200
)";
const char* k_npm = R"(#layerlab-catalog 1 npm
P express 4.18.2 all 10 7000
A node-express 4.18.2
D debug
0dnode_modules/express
20f/index.js	224
P debug 4.3.4 all 5 2000
A node-debug 4.3.4
0dnode_modules/debug
18f/package.json	900
)";
const char* k_apk = R"(#layerlab-catalog 1 apk
P tool 1.0 amd64 12 3000
A tool 1.0-1
)";

struct World {
    Catalog apt, state, pip, npm, apk;
    shell::Catalogs cats;
    World() {
        apt = *parse_catalog(k_apt);
        state = *parse_catalog(k_state);
        pip = *parse_catalog(k_pip);
        npm = *parse_catalog(k_npm);
        apk = *parse_catalog(k_apk);
        cats.apt = &apt;
        cats.apt_state = &state;
        cats.pip = &pip;
        cats.npm = &npm;
        cats.apk = &apk;
    }
};

const World& world() {
    static const World w;
    return w;
}

Entry entry(Store& s, std::string_view path, EntryType t, uint32_t mode, std::string content = {},
            std::string target = {}) {
    Entry e;
    e.path = s.paths.intern(path);
    e.type = t;
    e.mode = mode;
    e.mtime = 1700000000;
    if (t == EntryType::file) e.blob = s.blobs.bytes(std::move(content));
    e.target = std::move(target);
    return e;
}

Image base_image(Store& s) {
    LayerBuilder b(s.paths);
    for (const char* d : {"/bin",
                          "/etc",
                          "/tmp",
                          "/root",
                          "/home",
                          "/home/app",
                          "/w",
                          "/w/d",
                          "/usr",
                          "/usr/bin",
                          "/usr/local",
                          "/usr/local/bin",
                          "/usr/local/lib",
                          "/usr/local/lib/python3.11",
                          "/usr/local/lib/python3.11/site-packages",
                          "/var",
                          "/var/lib",
                          "/var/lib/dpkg",
                          "/var/lib/dpkg/info",
                          "/etc/apt",
                          "/etc/apt/apt.conf.d",
                          "/app"})
        b.put(entry(s, d, EntryType::dir, 0755));
    b.put(entry(s, "/tmp", EntryType::dir, 01777));
    b.put(entry(s, "/bin/busybox", EntryType::file, 0755,
                std::string("\x7f"
                            "ELF\0\0\0",
                            7)));
    for (const std::string& n : shell::simulated_commands()) {
        if (n == "." || n == ":" || n == "[" || n == "[[" || n == "busybox") continue;
        b.put(entry(s, "/bin/" + n, EntryType::symlink, 0777, {}, "busybox"));
    }
    b.put(entry(s, "/etc/passwd", EntryType::file, 0644,
                "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n"));
    b.put(entry(s, "/etc/group", EntryType::file, 0644, "root:x:0:\napp:x:1000:\nstaff:x:50:app\n"));
    b.put(entry(s, "/etc/apt/apt.conf.d/docker-clean", EntryType::file, 0644, "x\n"));
    b.put(entry(s, "/etc/apt/apt.conf.d/docker-gzip-indexes", EntryType::file, 0644, "x\n"));
    b.put(entry(s, "/w/f", EntryType::file, 0644, "alpha\nbeta\ngamma\n"));
    b.put(entry(s, "/w/d/g", EntryType::file, 0600, "one\ntwo\n"));
    b.put(entry(s, "/w/l", EntryType::symlink, 0777, {}, "f"));
    b.put(entry(s, "/w/loop", EntryType::symlink, 0777, {}, "loop"));
    b.put(entry(s, "/w/s.sh", EntryType::file, 0755, "#!/bin/sh\necho script $#\n"));
    Image img;
    img.push_layer(b.freeze(s.blobs), s.paths);
    return img;
}

void check_container(const Container& c) {
    const PathTable& paths = c.store().paths;
    for (const auto& [p, e] : c.upper()) {
        (void)e;
        PathId parent = paths.parent(p);
        if (parent == k_root_path) continue;
        auto it = c.upper().find(parent);
        // a parent in the upper layer must be a directory (an entry under a
        // whiteout or a file would be unreachable garbage)
        if (it != c.upper().end()) require(it->second.is_dir());
    }
}

void check_result(const shell::RunResult& r, uint64_t output_limit) {
    require(r.status >= 0 && r.status <= 255);
    if (r.budget_exceeded) require(!r.error.empty());
    size_t total = 0;
    for (const shell::OutputChunk& ch : r.output) {
        require(ch.fd == 1 || ch.fd == 2);
        total += ch.text.size();
    }
    require(total <= output_limit + 64);
    if (!r.syntax_error.message.empty()) require(r.syntax_error.where.line >= 1);
}

// The base image is built once and shared by many inputs' containers; the
// Store (which only grows) is replaced every so often to bound memory.
struct Base {
    std::unique_ptr<Store> store;
    Image image;
    int uses = 0;
    Store& get(Image& out) {
        if (!store || ++uses > 400) {
            store = std::make_unique<Store>();
            image = base_image(*store);
            uses = 0;
        }
        out = image;
        return *store;
    }
};
Base& base() {
    static Base b;
    return b;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 16384) return 0;
    std::string_view script(reinterpret_cast<const char*>(data), size);

    Result<shell::NodePtr> parsed = shell::parse(script);
    if (!parsed) require(parsed.error().where.line >= 1 && parsed.error().code == Errc::syntax);

    shell::Options o;
    o.env = {"PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/root"};
    o.working_dir = "/w";
    o.step_budget = 3000;
    o.data_budget = 1 << 20;
    o.output_limit = 4096;
    o.catalogs = &world().cats;
    {
        Image img;
        Store& s = base().get(img);
        Container c(s, img, "fuzz");
        shell::RunResult r = shell::run(c, script, o);
        check_result(r, o.output_limit);
        check_container(c);
        // a failed or stopped run never leaves the container unusable
        shell::RunResult again = shell::run(c, "echo ok", o);
        require(again.status == 0 && again.stdout_text() == "ok\n");
    }
    {
        Image img;
        Store& s = base().get(img);
        Container c(s, img, "fuzz");
        o.user = "app";
        o.arg0 = "sh";
        shell::Session term(c, o);
        size_t start = 0;
        int lines = 0;
        while (start <= script.size() && lines < 8 && !term.exited()) {
            size_t nl = script.find('\n', start);
            std::string_view line =
                script.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
            shell::RunResult r = term.exec(line);
            check_result(r, o.output_limit);
            ++lines;
            if (nl == std::string_view::npos) break;
            start = nl + 1;
        }
        check_container(c);
    }
    return 0;
}
