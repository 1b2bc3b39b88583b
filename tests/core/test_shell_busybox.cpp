// The busybox table: every case of tests/golden/busybox/cases.txt was run
// through the real busybox 1.35 (Debian busybox-static) by regen.sh, in a
// root like this fixture's, with the files of fixtures.txt; layerlab's shell
// must print the same stdout and stderr and exit with the same status.
// Files are read with std::ifstream (NODERAWFS under node), no processes.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "test_shell_fixture.h"

using namespace ll;
using ll::test::ShellFx;
using ll::test::slurp;
using ll::test::unescape;

namespace {

// fixtures.txt -> entries (mtime 1700000000)
std::vector<Entry> fixtures(ShellFx& f, const std::string& text) {
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
        Entry e;
        if (kind == "dir") {
            e = f.dir(path, m, uid, gid);
        } else if (kind == "file") {
            e = f.file(path, unescape(rest), m, uid, gid);
        } else {
            e = f.sym(path, rest);
            e.uid = uid;
            e.gid = gid;
        }
        e.mtime = 1700000000;
        out.push_back(e);
    }
    return out;
}

struct Case {
    std::string name, user, cmd, out, err;
    int status = 0;
};

// cases.txt: "case NAME [user=U:G]", then "cmd N", "stdout N", "stderr N"
// blocks of N raw bytes (each followed by '\n'), then "status S".
bool parse_cases(const std::string& t, int64_t& now, std::vector<Case>& out) {
    size_t p = 0;
    auto line = [&]() {
        size_t e = t.find('\n', p);
        if (e == std::string::npos) e = t.size();
        std::string l = t.substr(p, e - p);
        p = std::min(t.size(), e + 1);
        return l;
    };
    auto block = [&](const char* key, std::string& dst) {
        std::string h = line();
        std::string prefix = std::string(key) + " ";
        if (h.rfind(prefix, 0) != 0) return false;
        size_t n = std::stoul(h.substr(prefix.size()));
        if (p + n > t.size()) return false;
        dst = t.substr(p, n);
        p += n + 1;
        return true;
    };
    while (p < t.size()) {
        std::string l = line();
        if (l.empty() || l[0] == '#') continue;
        if (l.rfind("now ", 0) == 0) {
            now = std::stoll(l.substr(4));
            continue;
        }
        if (l.rfind("case ", 0) != 0) return false;
        Case c;
        std::istringstream ls(l.substr(5));
        ls >> c.name;
        std::string w;
        while (ls >> w)
            if (w.rfind("user=", 0) == 0) c.user = w.substr(5);
        if (!block("cmd", c.cmd) || !block("stdout", c.out) || !block("stderr", c.err)) return false;
        std::string s = line();
        if (s.rfind("status ", 0) != 0) return false;
        c.status = std::stoi(s.substr(7));
        out.push_back(std::move(c));
    }
    return true;
}

}  // namespace

TEST_CASE("shell busybox table: same stdout, stderr and status as busybox 1.35") {
    const std::string dir = LAYERLAB_SOURCE_DIR "/tests/golden/busybox/";
    std::string fx_text = slurp(dir + "fixtures.txt");
    std::string cases_text = slurp(dir + "cases.txt");
    REQUIRE(!fx_text.empty());
    REQUIRE(!cases_text.empty());
    int64_t now = 0;
    std::vector<Case> cases;
    REQUIRE(parse_cases(cases_text, now, cases));
    CHECK(cases.size() >= 80);
    size_t passed = 0;
    std::string failed;
    for (const Case& c : cases) {
        ShellFx f;
        f.add_layer(fixtures(f, fx_text));
        f.c->set_time(now);
        f.opt.working_dir = "/w";
        f.opt.user = c.user;
        shell::RunResult r = f.run(c.cmd);
        INFO("case " << c.name << ": " << c.cmd);
        CHECK(r.stdout_text() == c.out);
        CHECK(r.stderr_text() == c.err);
        CHECK(r.status == c.status);
        if (r.stdout_text() == c.out && r.stderr_text() == c.err && r.status == c.status) {
            ++passed;
        } else {
            failed += " " + c.name;
        }
    }
    MESSAGE("busybox table: " << passed << " of " << cases.size() << " cases identical"
                              << std::string(failed.empty() ? "" : "; differ:") << failed);
}
