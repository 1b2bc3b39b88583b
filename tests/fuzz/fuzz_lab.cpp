// libFuzzer target for the Lab (core/lab): the session the UI and the JS API
// drive. Each input is a script of commands in random order with random
// arguments: load, edit, edit_file, load_sample, step, back, go_to, reset,
// run_to_end, aim / work (a build a step at a time), exec, lookup, commit,
// start / select / remove containers, and
// the views the UI reads after each of them (layers, waste, diff, sizes,
// sharing, the last lookup).
//
//     tests/fuzz/run_fuzz.sh lab 300
//
// A fresh Lab per input, with the busybox image's catalog and the samples
// (assets/, found next to this file), so a crash replays from its input
// alone. Arguments are picked from small dictionaries of meaningful
// Dockerfiles, commands and paths, mutated, or taken raw from the input.
// Besides "no crash, no leak, no UB, no hang" it checks what the UI relies
// on: the cursor stays within the timeline, the current container index is
// valid, a lookup's report names its path, and every layer slab points to a
// step that exists.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/lab/lab.h"

using namespace ll;
using namespace ll::lab;

namespace {

void require(bool ok) {
    if (!ok) __builtin_trap();
}

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// assets/: the catalog of the busybox image and every sample's files, read once.
struct Assets {
    std::string busybox;
    std::vector<std::pair<std::string, std::map<std::string, std::string>>> samples;
};

const Assets& assets() {
    static const Assets a = [] {
        Assets r;
        std::filesystem::path dir = std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "assets";
        r.busybox = slurp(dir / "catalog" / "image-busybox.txt");
        std::error_code ec;
        for (const auto& s : std::filesystem::directory_iterator(dir / "samples", ec)) {
            if (!s.is_directory()) continue;
            std::map<std::string, std::string> files;
            for (const auto& f : std::filesystem::recursive_directory_iterator(s.path(), ec))
                if (f.is_regular_file())
                    files[std::filesystem::relative(f.path(), s.path()).generic_string()] = slurp(f.path());
            r.samples.emplace_back(s.path().filename().string(), std::move(files));
        }
        return r;
    }();
    return a;
}

const char* const k_dockerfiles[] = {
    "FROM busybox\nCOPY hello.txt /\nRUN echo hi >> /hello.txt\n",
    "FROM busybox\nRUN mkdir -p /app && echo 1 > /app/a && rm /app/a\nWORKDIR /app\nENV A=1\nCMD [\"sh\"]\n",
    "FROM busybox AS build\nRUN echo built > /out\nFROM scratch\nCOPY --from=build /out /out\n",
    "FROM busybox\nARG N=3\nRUN i=0; while [ $i -lt $N ]; do echo $i >> /log; i=$((i+1)); done\n",
    "FROM busybox\nCOPY . /app/\nRUN ln /app/hello.txt /app/hard && ln -s /nope /app/dangling\nUSER nobody\n",
    "FROM busybox\nRUN rm -rf /etc /tmp && mkdir /etc\nRUN echo x > /etc/hosts\n",
    "FROM nosuchimage\nRUN true\n",
    "FROM busybox\nRUN exit 3\n",
    "FROM busybox\nCOPY missing /\n",
    "FROM busybox\nRUN <<EOF\necho heredoc > /h\nEOF\n",
};

const char* const k_commands[] = {
    "echo hi >> /hello.txt",
    "rm -rf /etc",
    "rm -rf /",
    "mkdir -p /a/b && cd /a/b && touch f && ln f g && [ f -ef g ] && ls -i",
    "mv /bin /bin2",
    "chmod 700 /root && su nobody -c 'ls /root'",
    "cat /etc/hosts /etc/hostname /proc/self/status",
    "dd if=/dev/zero of=/big bs=1M count=4",
    "i=0; while [ $i -lt 300 ]; do echo $i >> /log; i=$((i+1)); done",
    "find / -name '*.txt' | head",
    "cp -a /etc /etc2 && rm -r /etc2",
    "echo x > /dev/null; rm /dev/null; ls /dev",
    "tar cf /t.tar /etc && tar xf /t.tar -C /tmp",
    "ln -s /loop /loop; cat /loop",
    "exit 7",
    "sh -c 'echo $$'",
    "cd /; umask 077; touch /u; stat -c %a /u",
    "ls -la / | wc -l",
};

const char* const k_paths[] = {"/",          "/etc/passwd", "/nope",    "/hello.txt", "/etc/../etc/hosts",
                               "/app/hard",  "/dangling",   "/loop",    "/bin/sh",    "/etc/passwd/x",
                               "/proc",      "/dev/null",   "relative", "",           "/a/b/../../etc"};

// A string argument: from the dictionary, the dictionary with a raw tail, or raw.
template <size_t N>
std::string pick(FuzzedDataProvider& in, const char* const (&dict)[N], size_t max_raw) {
    switch (in.ConsumeIntegralInRange<int>(0, 3)) {
    case 0:
    case 1: return dict[in.ConsumeIntegralInRange<size_t>(0, N - 1)];
    case 2: return std::string(dict[in.ConsumeIntegralInRange<size_t>(0, N - 1)]) + in.ConsumeRandomLengthString(64);
    default: return in.ConsumeRandomLengthString(max_raw);
    }
}

void check_views(const Lab& lab) {
    require(lab.cursor() <= lab.steps().size());
    require(lab.current_container_index() < int(lab.container_count()));
    require(lab.current_container_index() >= -1);
    require((lab.current_container() != nullptr) == (lab.current_container_index() >= 0));
    for (const LayerView& l : lab.layers()) require(l.step < int(lab.steps().size()));
    (void)lab.waste();
    (void)lab.diff();
    for (size_t i = 0; i < lab.container_count(); ++i) (void)lab.container_size(i);
    (void)lab.sharing();
    (void)lab.image_at_cursor().size();
    if (lab.current_step() >= 0) (void)lab.step_instruction(size_t(lab.current_step()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const Assets& a = assets();
    FuzzedDataProvider in(data, size);
    Lab lab;
    lab.add_catalog("image-busybox.txt", a.busybox);
    for (const auto& [name, files] : a.samples)
        for (const auto& [path, text] : files) lab.add_sample_file(name, path, text);
    (void)lab.finish_assets();

    for (int ops = 0; ops < 24 && in.remaining_bytes() > 0; ++ops) {
        switch (in.ConsumeIntegralInRange<int>(0, 19)) {
        case 0: {
            std::optional<Files> files;
            if (in.ConsumeBool()) {
                Files f;
                f["hello.txt"] = "hello\n";
                if (in.ConsumeBool()) f[in.ConsumeRandomLengthString(40)] = in.ConsumeRandomLengthString(40);
                files = std::move(f);
            }
            lab.load(pick(in, k_dockerfiles, 512), std::move(files));
            break;
        }
        case 1: lab.edit(lab.text() + pick(in, k_dockerfiles, 256)); break;
        case 2: lab.edit_file(in.ConsumeBool() ? "hello.txt" : in.ConsumeRandomLengthString(40),
                              in.ConsumeRandomLengthString(128));
            break;
        case 3:
            if (!a.samples.empty())
                (void)lab.load_sample(a.samples[in.ConsumeIntegralInRange<size_t>(0, a.samples.size() - 1)].first);
            break;
        case 4: (void)lab.step(); break;
        case 5: (void)lab.back(); break;
        case 6: lab.go_to(in.ConsumeIntegralInRange<size_t>(0, lab.steps().size() + 2)); break;
        case 7: lab.reset(); break;
        case 8: lab.run_to_end(); break;
        case 9: {
            ExecResult r = lab.exec(pick(in, k_commands, 256));
            require(r.status >= 0 && r.status <= 255);
            break;
        }
        case 10: {
            std::string p = pick(in, k_paths, 128);
            const LookupReport& rep = lab.lookup(p);
            require(rep.trace.asked == p);
            break;
        }
        case 11: (void)lab.commit(); break;
        case 12: (void)lab.start_container(); break;
        case 13: lab.select_container(in.ConsumeIntegralInRange<size_t>(0, lab.container_count() + 1)); break;
        case 14: lab.remove_container(in.ConsumeIntegralInRange<size_t>(0, lab.container_count() + 1)); break;
        case 15: (void)lab.trace(pick(in, k_paths, 128)); break;
        case 16: (void)lab.hash_one_layer(1 << 20); break;
        case 17:  // the page's piece-at-a-time build (issue 14)
            switch (in.ConsumeIntegralInRange<int>(0, 2)) {
            case 0: lab.aim_step(); break;
            case 1: lab.aim_end(); break;
            default: lab.aim(in.ConsumeIntegralInRange<size_t>(0, lab.steps().size() + 2)); break;
            }
            break;
        case 18: {
            bool more = lab.work();
            require(more == lab.busy());
            require(!lab.busy() || lab.work_step() >= 0);
            break;
        }
        default: (void)lab.step(); break;
        }
        check_views(lab);
    }
    return 0;
}
