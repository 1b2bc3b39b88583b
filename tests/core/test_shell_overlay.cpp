// Copy-on-write through the shell: commands must leave exactly the upper
// layer a real overlayfs gets. tests/golden/busybox/overlay.txt was recorded
// by regen-overlay.sh with busybox on the kernel's overlayfs (the oracle's
// cow.sh); each case here runs the same script through layerlab's shell
// over the same lower files and compares the writable layer and the merged
// view entry by entry. Further cases check the events a student sees
// (EXDEV, copy-up sizes) and the rules behind them.
#include <doctest/doctest.h>

#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "core/sha256.h"
#include "test_shell_fixture.h"

using namespace ll;
using ll::test::ShellFx;
using ll::test::slurp;
using ll::test::unescape;

namespace {

void add_fixtures(ShellFx& f) {
    std::string text = slurp(LAYERLAB_SOURCE_DIR "/tests/golden/busybox/fixtures.txt");
    std::vector<Entry> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream ls(line);
        std::string kind, path, mode, owner;
        ls >> kind >> path >> mode >> owner;
        size_t at = line.find(owner, line.find(mode) + mode.size()) + owner.size();
        std::string rest = at < line.size() ? line.substr(at + 1) : "";
        uint32_t m = uint32_t(std::stoul(mode, nullptr, 8));
        uint32_t uid = uint32_t(std::stoul(owner.substr(0, owner.find(':'))));
        uint32_t gid = uint32_t(std::stoul(owner.substr(owner.find(':') + 1)));
        Entry e = kind == "dir"    ? f.dir(path, m, uid, gid)
                  : kind == "file" ? f.file(path, unescape(rest), m, uid, gid)
                                   : f.sym(path, rest);
        e.uid = uid;
        e.gid = gid;
        out.push_back(e);
    }
    f.add_layer(out);
}

// One line per entry, as cow.sh prints it.
std::string describe(ShellFx& f, const std::string& path, const Entry& e) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", e.mode & 07777);
    std::string owner = std::to_string(e.uid) + ":" + std::to_string(e.gid);
    switch (e.type) {
    case EntryType::whiteout: return path + "\twhiteout";
    case EntryType::dir: return path + "\tdir\t" + mode + "\t" + owner;
    case EntryType::symlink: return path + "\tsymlink\t0777\t" + owner + "\t-> " + e.target;
    case EntryType::file: {
        std::string data = f.s.blobs.read_all(e.blob);
        return path + "\tfile\t" + mode + "\t" + owner + "\t" + std::to_string(data.size()) +
               "\tsha256:" + sha256(data).hex().substr(0, 16);
    }
    default: return path + "\tother\t" + mode + "\t" + owner;
    }
}

std::vector<std::string> upper_lines(ShellFx& f) {
    std::vector<std::string> out;
    for (const auto& [p, e] : f.c->upper()) {
        std::string path = f.s.paths.str(p);
        if (path.rfind("/w", 0) != 0) continue;
        out.push_back(describe(f, path, e));
        if (e.is_dir() && e.opaque) out.push_back(path + "\topaque");
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> merged_lines(ShellFx& f) {
    std::vector<std::string> out;
    std::function<void(const std::string&)> walk = [&](const std::string& dir) {
        Result<std::vector<DirEntry>> ls = f.c->list(dir);
        if (!ls) return;
        for (const DirEntry& d : *ls) {
            std::string p = dir + "/" + d.name;
            Resolution r = f.c->resolve(p, false);
            if (!r) continue;
            out.push_back(describe(f, p, *r.node.entry));
            if (r.node.is_dir()) walk(p);
        }
    };
    Resolution w = f.c->resolve("/w", false);
    if (w) out.push_back(describe(f, "/w", *w.node.entry));
    walk("/w");
    std::sort(out.begin(), out.end());
    return out;
}

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const std::string& l : v) s += l + "\n";
    return s;
}

struct OverlayCase {
    std::string name, cmd;
    std::vector<std::string> upper, merged;
};

std::vector<OverlayCase> overlay_cases() {
    std::vector<OverlayCase> out;
    std::string in = slurp(LAYERLAB_SOURCE_DIR "/tests/golden/busybox/overlay.in");
    std::string rec = slurp(LAYERLAB_SOURCE_DIR "/tests/golden/busybox/overlay.txt");
    std::map<std::string, std::string> cmds;
    {
        std::istringstream s(in);
        std::string line, name, cmd;
        bool inside = false;
        while (std::getline(s, line)) {
            if (!inside && line.rfind("case ", 0) == 0) {
                name = line.substr(5);
                cmd.clear();
                inside = true;
            } else if (inside && line == "end") {
                if (!cmd.empty() && cmd.back() == '\n') cmd.pop_back();
                cmds[name] = cmd;
                inside = false;
            } else if (inside) {
                cmd += line + "\n";
            }
        }
    }
    std::istringstream s(rec);
    std::string line;
    OverlayCase cur;
    while (std::getline(s, line)) {
        if (line.rfind("case ", 0) == 0) {
            cur = OverlayCase{};
            cur.name = line.substr(5);
            cur.cmd = cmds[cur.name];
        } else if (line.rfind("upper ", 0) == 0) {
            cur.upper.push_back(line.substr(6));
        } else if (line.rfind("merged ", 0) == 0) {
            cur.merged.push_back(line.substr(7));
        } else if (line == "end") {
            std::sort(cur.upper.begin(), cur.upper.end());
            std::sort(cur.merged.begin(), cur.merged.end());
            out.push_back(cur);
        }
    }
    return out;
}

}  // namespace

TEST_CASE("shell overlay: the writable layer matches the kernel's overlayfs for every recorded script") {
    std::vector<OverlayCase> cases = overlay_cases();
    REQUIRE(cases.size() >= 30);
    size_t same = 0;
    for (const OverlayCase& oc : cases) {
        ShellFx f;
        add_fixtures(f);
        shell::RunResult r = f.run(oc.cmd);
        INFO("case " << oc.name << ": " << oc.cmd << "\n" << r.combined());
        CHECK(join(upper_lines(f)) == join(oc.upper));
        CHECK(join(merged_lines(f)) == join(oc.merged));
        if (upper_lines(f) == oc.upper && merged_lines(f) == oc.merged) ++same;
    }
    MESSAGE("overlay table: " << same << " of " << cases.size() << " identical to the kernel's overlayfs");
}

TEST_CASE("shell overlay: mv of a lower directory gets EXDEV and falls back to copy + delete") {
    ShellFx f;
    add_fixtures(f);
    (void)f.c->take_events();
    shell::RunResult r = f.run("mv /w/dir /w/moved && ls /w/moved");
    CHECK(r.status == 0);
    CHECK(r.stdout_text() == "a\nsub\n");
    std::vector<Event> ev = f.c->take_events();
    bool exdev = false, whiteout = false;
    for (const Event& e : ev) {
        if (e.kind == EventKind::exdev) exdev = true;
        if (e.kind == EventKind::whiteout && f.s.paths.str(e.path) == "/w/dir") whiteout = true;
    }
    CHECK(exdev);
    CHECK(whiteout);
    // the copies keep mode, owner and time (cp -a semantics of busybox mv)
    CHECK(f.out("stat -c '%a %u %Y' /w/moved/sub/b") == "644 0 1700000000\n");
}

TEST_CASE("shell overlay: a 1-byte append to a lower file copies the whole file up; > copies nothing") {
    ShellFx f;
    f.add_layer({f.dir("/data"), f.file("/data/big", std::string(100000, 'x')), f.file("/data/other", "abc")});
    (void)f.c->take_events();
    f.run("echo y >> /data/big");
    uint64_t copied = 0;
    for (const Event& e : f.c->take_events())
        if (e.kind == EventKind::copy_up) copied += e.bytes;
    CHECK(copied == 100000);
    f.run("echo z > /data/other");
    copied = 0;
    for (const Event& e : f.c->take_events())
        if (e.kind == EventKind::copy_up) copied += e.bytes;
    CHECK(copied == 0);
    CHECK(f.text("/data/other") == "z\n");
}

TEST_CASE("shell overlay: sed -i replaces the file through a temp file, as busybox does") {
    ShellFx f;
    f.add_layer({f.dir("/etc/app"), f.file("/etc/app/conf", "port=80\n", 0640, 0, 50)});
    shell::RunResult r = f.run("sed -i s/80/8080/ /etc/app/conf");
    CHECK(r.status == 0);
    CHECK(f.text("/etc/app/conf") == "port=8080\n");
    // mode and group kept; only the file and its directories in the upper layer
    CHECK(f.upper() == "/etc dir 0755 0:0\n/etc/app dir 0755 0:0\n/etc/app/conf file 0640 0:50\n");
    bool renamed = false;
    for (const Event& e : f.c->events())
        if (e.kind == EventKind::rename && f.s.paths.str(e.path) == "/etc/app/conf") renamed = true;
    CHECK(renamed);
}

TEST_CASE("shell overlay: rm -rf then mkdir makes an opaque directory; committed, nothing below shows") {
    ShellFx f;
    f.add_layer({f.dir("/cache"), f.file("/cache/old", "stale")});
    f.run("rm -rf /cache && mkdir /cache && echo fresh > /cache/new");
    CHECK(f.upper() == "/cache dir 0755 0:0 opaque\n/cache/new file 0644 0:0\n");
    f.commit();
    CHECK(f.out("ls /cache") == "new\n");
}

TEST_CASE("shell overlay: adduser on Alpine-style busybox leaves passwd- backups, like a real layer") {
    ShellFx f;
    f.run("adduser -D -u 1001 web");
    CHECK(f.text("/etc/passwd").find("web:x:1001:1001:Linux User,,,:/home/web:/bin/sh\n") != std::string::npos);
    CHECK(f.text("/etc/group").find("web:x:1001:\n") != std::string::npos);
    std::string up = f.upper();
    CHECK(up.find("/etc/passwd- file") != std::string::npos);
    CHECK(up.find("/etc/group- file") != std::string::npos);
    CHECK(up.find("/home/web dir 2755 1001:1001") != std::string::npos);
    CHECK(f.out("id web") == "uid=1001(web) gid=1001(web) groups=1001(web)\n");
    CHECK(f.out("adduser -D web") == "adduser: user 'web' in use\n[1]");
    CHECK(f.out("addgroup -S svc; addgroup web svc; grep svc /etc/group") == "svc:x:100:web\n");
}

TEST_CASE("shell overlay: useradd and groupadd edit the files as shadow does (backup copies)") {
    ShellFx f;
    f.add_layer({f.file("/etc/shadow", "root:*:19000:0:99999:7:::\n", 0640, 0, 42),
                 f.file("/etc/gshadow", "root:*::\n", 0640, 0, 42)});
    CHECK(f.out("groupadd -r svc && useradd -m -u 1500 -G svc -s /bin/bash dev; echo $?") == "0\n");
    CHECK(f.text("/etc/passwd").find("dev:x:1500:1500::/home/dev:/bin/bash\n") != std::string::npos);
    CHECK(f.text("/etc/group").find("svc:x:999:dev\n") != std::string::npos);
    CHECK(f.text("/etc/group").find("dev:x:1500:\n") != std::string::npos);
    CHECK(f.text("/etc/shadow").find("dev:!:") != std::string::npos);
    CHECK(f.out("stat -c '%a %g' /etc/shadow /etc/shadow-") == "640 42\n640 42\n");
    CHECK(f.out("ls -ld /home/dev | cut -c1-10") == "drwxr-xr-x\n");
    CHECK(f.out("useradd dev") == "useradd: user 'dev' already exists\n[9]");
}

TEST_CASE("shell overlay: dd of 100 GB from /dev/zero is a synthetic file, made at once") {
    ShellFx f;
    shell::RunResult r = f.run("dd if=/dev/zero of=/big bs=1M count=100000 && stat -c %s /big && du -h /big");
    CHECK(r.status == 0);
    CHECK(r.stdout_text() == "104857600000\n97.7G\t/big\n");
    CHECK(r.stderr_text() == "100000+0 records in\n100000+0 records out\n");
    CHECK(f.c->size() == 104857600000ull);
    // a byte-by-byte copy of it would take forever: the step budget stops it
    r = f.run("dd if=/dev/zero of=/slow bs=1 count=100000000");
    CHECK(r.budget_exceeded);
    // and a hash reads every byte: stopped too
    r = f.run("sha256sum /big");
    CHECK(r.budget_exceeded);
}

TEST_CASE("shell overlay: permissions are checked for a non-root USER") {
    ShellFx f;
    f.add_layer({f.dir("/srv", 0755), f.file("/srv/conf", "x", 0600), f.dir("/srv/pub", 0777)});
    f.opt.user = "app";
    CHECK(f.out("cat /srv/conf") == "cat: can't open '/srv/conf': Permission denied\n[1]");
    CHECK(f.out("rm /srv/conf") == "rm: can't remove '/srv/conf': Permission denied\n[1]");
    CHECK(f.out("mkdir /srv/new") == "mkdir: can't create directory '/srv/new': Permission denied\n[1]");
    CHECK(f.out("echo ok > /srv/pub/mine && ls -ln /srv/pub/mine | cut -c1-33") ==
          "-rw-r--r--    1 1000     1000    \n");
    CHECK(f.out("chown root /srv/pub/mine") == "chown: /srv/pub/mine: Operation not permitted\n[1]");
}
