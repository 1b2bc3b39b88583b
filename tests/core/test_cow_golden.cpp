// Container operations against goldens made on the kernel's overlayfs
// (tests/golden/cow/: cases, goldens and regen.py, which runs cow.sh).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "core/container.h"
#include "fixtures.h"

using namespace ll;

namespace {

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Python's bytes.decode("unicode_escape") for the few escapes the cases use.
std::string unescape(std::string_view t) {
    std::string out;
    for (size_t i = 0; i < t.size(); ++i) {
        if (t[i] != '\\' || i + 1 == t.size()) {
            out += t[i];
            continue;
        }
        char c = t[++i];
        switch (c) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case '\\': out += '\\'; break;
        default:
            out += '\\';
            out += c;
            break;
        }
    }
    return out;
}

std::vector<std::string> split(const std::string& s, size_t max_parts) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i <= s.size()) {
        if (out.size() + 1 == max_parts) {
            out.push_back(s.substr(i));
            break;
        }
        size_t j = s.find(' ', i);
        if (j == std::string::npos) {
            out.push_back(s.substr(i));
            break;
        }
        out.push_back(s.substr(i, j - i));
        i = j + 1;
    }
    return out;
}

std::string hex16(const BlobStore& blobs, BlobId b) { return "sha256:" + blobs.digest(b).hex().substr(0, 16); }

std::string mode4(uint32_t m) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04o", m & 07777);
    return buf;
}

std::string line_of(const Store& s, PathId p, const Entry& e) {
    std::string path = s.paths.str(p);
    std::string owner = std::to_string(e.uid) + ":" + std::to_string(e.gid);
    switch (e.type) {
    case EntryType::dir: return path + "\tdir\t" + mode4(e.mode) + "\t" + owner;
    case EntryType::file:
        return path + "\tfile\t" + mode4(e.mode) + "\t" + owner + "\t" + std::to_string(s.blobs.size(e.blob)) + "\t" +
               hex16(s.blobs, e.blob);
    case EntryType::symlink: return path + "\tsymlink\t0777\t" + owner + "\t-> " + e.target;
    case EntryType::whiteout: return path + "\twhiteout";
    default: return path + "\tother\t" + mode4(e.mode) + "\t" + owner;
    }
}

struct Case {
    std::vector<std::vector<std::string>> layers;
    std::vector<std::string> ops;
};

Case parse_case(const std::string& text) {
    Case c;
    std::vector<std::string>* cur = nullptr;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        size_t a = line.find_first_not_of(" \t");
        if (a == std::string::npos || line[a] == '#') continue;
        line = line.substr(a);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
        if (line == "layer") {
            c.layers.emplace_back();
            cur = &c.layers.back();
        } else if (line == "ops") {
            cur = &c.ops;
        } else if (cur) {
            cur->push_back(line);
        }
    }
    return c;
}

std::string run_case(const Case& k) {
    Store s;
    Image img;
    const int64_t t0 = 1600000000;
    for (const auto& lines : k.layers) {
        LayerBuilder b(s.paths);
        for (const std::string& l : lines) {
            auto f = split(l, 4);
            Entry e;
            e.path = s.paths.intern(f[1]);
            e.mtime = t0;
            if (f[0] == "dir") {
                e.type = EntryType::dir;
                e.mode = uint32_t(std::stoul(f[2], nullptr, 8));
            } else if (f[0] == "file") {
                e.type = EntryType::file;
                e.mode = uint32_t(std::stoul(f[2], nullptr, 8));
                e.blob = s.blobs.bytes(unescape(f.size() > 3 ? f[3] : ""));
            } else if (f[0] == "zeros") {
                e.type = EntryType::file;
                e.mode = uint32_t(std::stoul(f[2], nullptr, 8));
                e.blob = s.blobs.fill(std::stoull(f[3]), 0);
            } else if (f[0] == "symlink") {
                e.type = EntryType::symlink;
                e.mode = 0777;
                e.target = f[2];
            } else if (f[0] == "hardlink") {
                Entry* target = b.find(s.paths.intern(f[2]));
                REQUIRE(target);
                if (target->link_group == 0) target->link_group = uint32_t(b.count() + 1);
                Entry copy = *target;
                copy.path = e.path;
                b.put(copy);
                continue;
            } else if (f[0] == "whiteout") {
                e.type = EntryType::whiteout;
                e.mode = 0;
            } else if (f[0] == "opaque") {
                b.mark_opaque(e.path);
                continue;
            }
            b.put(e);
        }
        img.push_layer(b.freeze(s.blobs), s.paths);
    }
    Container c(s, img);
    std::string out = "== ops\n";
    for (const std::string& op : k.ops) {
        std::string kind = op.substr(0, op.find(' '));
        auto f = split(op, kind == "pwrite" || kind == "chown" ? 4 : 3);
        Status st;
        if (kind == "write")
            st = c.write_text(f[1], unescape(f.size() > 2 ? f[2] : ""));
        else if (kind == "append")
            st = c.write_text(f[1], unescape(f[2]), WriteMode::append);
        else if (kind == "pwrite")
            st = c.write_at(f[1], std::stoull(f[2]), unescape(f[3]));
        else if (kind == "truncate")
            st = c.truncate(f[1], std::stoull(f[2]));
        else if (kind == "mkdir")
            st = c.mkdir(f[1], uint32_t(std::stoul(f[2], nullptr, 8)));
        else if (kind == "rmdir")
            st = c.rmdir(f[1]);
        else if (kind == "unlink")
            st = c.unlink(f[1]);
        else if (kind == "rmtree")
            st = remove_tree(c, f[1]);
        else if (kind == "rename")
            st = c.rename(f[1], f[2]);
        else if (kind == "chmod")
            st = c.chmod(f[1], uint32_t(std::stoul(f[2], nullptr, 8)));
        else if (kind == "chown")
            st = c.chown(f[1], uint32_t(std::stoul(f[2])), uint32_t(std::stoul(f[3])));
        else if (kind == "utime")
            st = c.utime(f[1], c.now());
        else if (kind == "symlink")
            st = c.symlink(f[1], f[2]);
        else if (kind == "link")
            st = c.link(f[1], f[2]);
        else if (kind == "mkfifo")
            st = c.mknod(f[1], EntryType::fifo, 0666);
        else
            FAIL("unknown op " << op);
        out += "op " + op + ": " + (st ? "ok" : errc_name(st.error().code)) + "\n";
        c.tick();
    }
    out += "== diff\n";
    for (const DiffLine& d : c.diff()) out += std::string(1, d.kind) + " " + d.path + "\n";
    // merged: every visible entry, sorted by path
    std::vector<std::string> merged;
    ContainerView v = c.view();
    std::function<void(const Node&)> walk = [&](const Node& dir) {
        v.for_each_child(dir, [&](const Node& n) {
            merged.push_back(line_of(s, n.path, *n.entry));
            if (n.is_dir()) walk(n);
        });
    };
    walk(v.root());
    std::sort(merged.begin(), merged.end());
    out += "== merged\n";
    for (const auto& l : merged) out += l + "\n";
    std::vector<std::string> upper;
    for (const auto& [p, e] : c.upper()) {
        upper.push_back(line_of(s, p, e));
        if (e.is_dir() && e.opaque) upper.push_back(s.paths.str(p) + "\topaque");
    }
    std::sort(upper.begin(), upper.end());
    out += "== upper\n";
    for (const auto& l : upper) out += l + "\n";
    if (upper.empty()) out += "\n";  // cow.sh prints an empty join as one blank line
    return out;
}

}  // namespace

TEST_CASE("container operations match the kernel's overlayfs (cow.sh goldens)") {
    namespace fs = std::filesystem;
    fs::path dir = fs::path(LAYERLAB_SOURCE_DIR) / "tests" / "golden" / "cow" / "cases";
    REQUIRE(fs::is_directory(dir));
    std::vector<fs::path> cases;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".case") cases.push_back(e.path());
    std::sort(cases.begin(), cases.end());
    CHECK(cases.size() >= 20);
    for (const fs::path& p : cases) {
        fs::path golden = p;
        golden.replace_extension(".golden");
        INFO("case " << p.filename().string());
        REQUIRE(fs::exists(golden));
        std::string got = run_case(parse_case(slurp(p)));
        CHECK(got == slurp(golden));
    }
}
