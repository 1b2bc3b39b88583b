// test_shell_fixture.h: a busybox-like image and a container to run shell
// scripts in, for the test_shell_*.cpp cases.
//
//   /bin/busybox (a binary) + one symlink per simulated applet, /bin/sh
//   /etc/passwd, /etc/group (root, nobody, app 1000), /tmp (1777), /root,
//   /home/app (owned by app), /dev /proc /sys /usr/bin /var
//
// Like the oracle's busybox-base image (tests/oracle/busybox-base-oci), which the
// golden busybox table was recorded in.
#pragma once
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/container.h"
#include "core/shell/shell.h"

namespace ll::test {

struct ShellFx {
    Store s;
    Image img;
    std::unique_ptr<Container> c;
    shell::Options opt;

    Entry dir(std::string_view p, uint32_t mode = 0755, uint32_t uid = 0, uint32_t gid = 0) {
        Entry e;
        e.path = s.paths.intern(p);
        e.type = EntryType::dir;
        e.mode = mode;
        e.uid = uid;
        e.gid = gid;
        e.mtime = 1700000000;
        return e;
    }
    Entry file(std::string_view p, std::string content, uint32_t mode = 0644, uint32_t uid = 0, uint32_t gid = 0) {
        Entry e;
        e.path = s.paths.intern(p);
        e.type = EntryType::file;
        e.mode = mode;
        e.uid = uid;
        e.gid = gid;
        e.mtime = 1700000000;
        e.blob = s.blobs.bytes(std::move(content));
        return e;
    }
    Entry sym(std::string_view p, std::string target) {
        Entry e;
        e.path = s.paths.intern(p);
        e.type = EntryType::symlink;
        e.mode = 0777;
        e.mtime = 1700000000;
        e.target = std::move(target);
        return e;
    }

    // The base layer (with_applets: /bin/NAME -> busybox for every simulated program).
    explicit ShellFx(bool with_applets = true) {
        LayerBuilder b(s.paths);
        for (const char* d :
             {"/bin", "/etc", "/dev", "/proc", "/sys", "/usr", "/usr/bin", "/usr/sbin", "/var", "/home", "/sbin"})
            b.put(dir(d));
        b.put(dir("/tmp", 01777));
        b.put(dir("/root", 0700));
        b.put(dir("/home/app", 0755, 1000, 1000));
        std::string elf(
            "\x7f"
            "ELF\x02\x01\x01",
            7);
        elf += std::string(64, '\0');
        b.put(file("/bin/busybox", elf, 0755));
        if (with_applets) {
            for (const std::string& n : shell::simulated_commands()) {
                if (n == "." || n == ":" || n == "[" || n == "[[" || n == "busybox") continue;
                b.put(sym("/bin/" + n, "busybox"));
            }
        }
        b.put(file("/etc/passwd",
                   "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n"
                   "app:x:1000:1000:app:/home/app:/bin/sh\n"));
        b.put(file("/etc/group", "root:x:0:\nnogroup:x:65534:\napp:x:1000:\nstaff:x:50:app\n"));
        b.put(file("/etc/hostname", ""));
        img.push_layer(b.freeze(s.blobs), s.paths);
        c = std::make_unique<Container>(s, img, "test");
        opt.env = {"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"};
        opt.working_dir = "/";
    }

    // Another image layer on top (the container starts afresh above it).
    void add_layer(const std::vector<Entry>& entries) {
        LayerBuilder b(s.paths);
        for (const Entry& e : entries) b.put(e);
        img.push_layer(b.freeze(s.blobs), s.paths);
        c = std::make_unique<Container>(s, img, "test");
    }
    // The container's writable layer committed as an image layer; a new container on top.
    void commit() {
        img = c->commit("RUN");
        c = std::make_unique<Container>(s, img, "test");
    }

    shell::RunResult run(std::string_view script) { return shell::run(*c, script, opt); }
    // stdout and stderr interleaved, then "[status]" when nonzero
    std::string out(std::string_view script) {
        shell::RunResult r = run(script);
        std::string text = r.combined();
        if (r.status != 0) text += "[" + std::to_string(r.status) + "]";
        return text;
    }
    std::string text(std::string_view path) {
        Result<std::string> t = c->read_text(path);
        return t ? *t : std::string("<") + errc_name(t.error().code) + ">";
    }
    // The writable layer, sorted: "path type mode uid:gid [opaque]" per line.
    std::string upper() {
        std::vector<std::string> rows;
        for (const auto& [p, e] : c->upper()) {
            std::string r = s.paths.str(p) + " " + entry_type_name(e.type);
            if (e.type != EntryType::whiteout) {
                char m[8];
                std::snprintf(m, sizeof m, "%04o", e.mode);
                r += std::string(" ") + m + " " + std::to_string(e.uid) + ":" + std::to_string(e.gid);
            }
            if (e.opaque) r += " opaque";
            if (e.type == EntryType::symlink) r += " -> " + e.target;
            rows.push_back(r);
        }
        std::sort(rows.begin(), rows.end());
        std::string out;
        for (const std::string& r : rows) out += r + "\n";
        return out;
    }
};

// The whole file (golden tables).
inline std::string slurp(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// A golden table's escaped field: \n, \t, and \X for X.
inline std::string unescape(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            char d = s[++i];
            out += d == 'n' ? '\n' : d == 't' ? '\t' : d;
        } else {
            out += s[i];
        }
    }
    return out;
}

}  // namespace ll::test
