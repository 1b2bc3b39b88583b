// bench_core: figures for the README, never assertions. Run with scripts/bench
// (a Release build without sanitizers). Each line: what, the figure, the unit.
//
//   union lookup across N layers     merged index vs asking every layer
//   pushing a layer                   building the merged index for a big base
//   copy-up of a 1 GiB file           what a 1-byte write costs here (and moves for real)
//   sha256 / DiffID                   hashing throughput
//   base images                       catalog text -> Image
//   samples                           each sample built end to end (cold, then cached)
//   shell                             a loop of appends
//   memory                            heap after 250/500/999 ENV steps; 100,000
//                                     appends one exec each; every sample run
//                                     and its containers removed (live bytes)
//
// layerlab_bench --memory [ASSETS] prints only the memory figures.
// layerlab_bench --workloads FILE [--rounds N] [ASSETS] runs instead the
// workloads of FILE (tests/bench/workloads.json) through the JS API's JSON
// calls (lab::call + dump, what the page's bridge does) and prints one JSON
// line per round: {"round":1,"ms":{"<workload>":ms,...}}. scripts/bench-web
// runs the same file in Chromium (tests/browser/bench.mjs) and prints ratios.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LL_BENCH_ASAN 1
#include <sanitizer/allocator_interface.h>
#endif
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "core/container.h"
#include "core/lab/api.h"
#include "core/lab/lab.h"
#include "core/sha256.h"
#include "core/shell/shell.h"
#include "core/tar.h"
#include "core/view.h"

using namespace ll;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

void figure(const std::string& what, double value, const char* unit) {
    std::printf("%-58s %12.3f %s\n", what.c_str(), value, unit);
}

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

volatile uint64_t g_sink = 0;

// Bytes the heap holds right now (glibc's count of bytes in use; in the
// ASan build, the sanitizer allocator's), or 0 where that is not known.
// What the page's wasm heap would have to hold.
double heap_mib() {
#if defined(LL_BENCH_ASAN)
    return double(__sanitizer_get_current_allocated_bytes()) / (1 << 20);
#elif defined(__GLIBC__)
    struct mallinfo2 mi = mallinfo2();
    return double(mi.uordblks + mi.hblkhd) / (1 << 20);
#else
    return 0;
#endif
}

void bench_lookup() {
    for (int depth : {1, 8, 32, 128}) {
        Store s;
        Image img;
        for (int l = 0; l < depth; ++l) {
            LayerBuilder b(s.paths);
            Entry d;
            d.path = s.paths.intern("/usr/lib/app");
            d.type = EntryType::dir;
            d.mode = 0755;
            b.put(d);
            for (int f = 0; f < 50; ++f) {
                Entry e;
                e.path = s.paths.intern("/usr/lib/app/l" + std::to_string(l) + "_" + std::to_string(f) + ".so");
                e.type = EntryType::file;
                e.blob = s.blobs.bytes("x" + std::to_string(f));
                b.put(e);
            }
            img.push_layer(b.freeze(s.blobs), s.paths);
        }
        ImageView v(img, s.paths);
        const std::string path = "/usr/lib/app/l0_7.so";  // in the bottom layer: the worst case
        const int n = 200000;
        auto t0 = Clock::now();
        for (int i = 0; i < n; ++i) g_sink = g_sink + resolve(v, s.paths, path, true).node.path;
        double per = ms_since(t0) * 1e6 / n;
        figure("lookup via merged index, " + std::to_string(depth) + " layers (ns per lookup)", per, "ns");
        const int m = depth >= 32 ? 20000 : 100000;
        t0 = Clock::now();
        for (int i = 0; i < m; ++i) g_sink = g_sink + trace_lookup(v, img, nullptr, s.paths, path).steps.size();
        per = ms_since(t0) * 1e6 / m;
        figure("lookup asking every layer (trace), " + std::to_string(depth) + " layers", per, "ns");
    }
}

void bench_push() {
    Store s;
    LayerBuilder b(s.paths);
    for (int i = 0; i < 100000; ++i) {
        Entry e;
        e.path = s.paths.intern("/usr/share/d" + std::to_string(i / 100) + "/f" + std::to_string(i % 100));
        e.type = EntryType::file;
        b.put(e);
    }
    auto t0 = Clock::now();
    LayerPtr base = b.freeze(s.blobs);
    figure("freeze a 100k-entry layer", ms_since(t0), "ms");
    Image img;
    t0 = Clock::now();
    img.push_layer(base, s.paths);
    figure("push it (merged index of 100k paths)", ms_since(t0), "ms");
    LayerBuilder small(s.paths);
    Entry e;
    e.path = s.paths.intern("/app/main.py");
    e.type = EntryType::file;
    small.put(e);
    LayerPtr top = small.freeze(s.blobs);
    t0 = Clock::now();
    img.push_layer(top, s.paths);
    figure("push a 1-entry layer over it (index copy + apply)", ms_since(t0), "ms");
}

void bench_copy_up() {
    Store s;
    LayerBuilder b(s.paths);
    Entry e;
    e.path = s.paths.intern("/data/big.bin");
    e.type = EntryType::file;
    e.blob = s.blobs.random(uint64_t(1) << 30, 7);
    Entry d;
    d.path = s.paths.intern("/data");
    d.type = EntryType::dir;
    b.put(d);
    b.put(e);
    Image img;
    img.push_layer(b.freeze(s.blobs), s.paths);
    Container c(s, img);
    auto t0 = Clock::now();
    (void)c.write_at("/data/big.bin", 12345, "x");
    figure("1-byte write into a lower 1 GiB file (copy-up here)", ms_since(t0) * 1000.0, "us");
    figure("  ... bytes a real overlayfs copy-up moves", double(c.bytes_copied_up()) / (1 << 20), "MiB");
}

void bench_hash() {
    std::string buf(64 << 20, 'a');
    auto t0 = Clock::now();
    Digest d = sha256(buf);
    g_sink = g_sink + d.bytes[0];
    double ms = ms_since(t0);
    figure("sha256 throughput", 64.0 / (ms / 1000.0), "MiB/s");
    Store s;
    LayerBuilder b(s.paths);
    Entry e;
    e.path = s.paths.intern("/blob");
    e.type = EntryType::file;
    e.blob = s.blobs.random(64 << 20, 3);
    b.put(e);
    LayerPtr l = b.freeze(s.blobs);
    t0 = Clock::now();
    g_sink = g_sink + l->diff_id(s.paths, s.blobs).bytes[0];
    figure("DiffID of a 64 MiB layer (tar streamed through sha256)", ms_since(t0), "ms");
}

// The longest single pieces of work the page does between two frames
// (issue 14): each sample built one step at a time in a fresh Lab (so base
// images are constructed for the first time), then each layer's DiffID.
void bench_longest_pieces(const std::filesystem::path& assets);

void bench_lab(const std::filesystem::path& assets) {
    namespace fs = std::filesystem;
    lab::Lab lab;
    auto t0 = Clock::now();
    for (const auto& f : fs::directory_iterator(assets / "catalog"))
        if (f.path().extension() == ".txt") lab.add_catalog(f.path().filename().string(), slurp(f.path()));
    for (const auto& dir : fs::directory_iterator(assets / "samples")) {
        if (!dir.is_directory()) continue;
        for (const auto& f : fs::recursive_directory_iterator(dir.path()))
            if (f.is_regular_file())
                lab.add_sample_file(dir.path().filename().string(), fs::relative(f.path(), dir.path()).string(),
                                    slurp(f.path()));
    }
    Status st = lab.finish_assets();
    figure("load catalogs + samples (parse)", ms_since(t0), "ms");
    if (!st) {
        std::printf("assets: %s\n", st.error().describe().c_str());
        return;
    }
    for (const lab::Sample& smp : lab.samples()) {
        t0 = Clock::now();
        (void)lab.load_sample(smp.name);
        lab.run_to_end();
        double cold = ms_since(t0);
        t0 = Clock::now();
        lab.edit(lab.text() + "\n");  // same steps: all cached
        lab.run_to_end();
        double warm = ms_since(t0);
        figure("sample " + smp.name + ": build (first time)", cold, "ms");
        figure("sample " + smp.name + ": rebuild, cached", warm, "ms");
        figure("sample " + smp.name + ": image size", double(lab.image_at_cursor().size()) / (1 << 20), "MiB");
    }
    bench_longest_pieces(assets);
}

void bench_shell(const std::filesystem::path& assets) {
    (void)assets;
    Store s;
    LayerBuilder b(s.paths);
    Entry d;
    d.path = s.paths.intern("/tmp");
    d.type = EntryType::dir;
    d.mode = 01777;
    b.put(d);
    Image img;
    img.push_layer(b.freeze(s.blobs), s.paths);
    Container c(s, img);
    shell::Options o;
    auto t0 = Clock::now();
    shell::RunResult r = shell::run(c, "i=0; while [ $i -lt 10000 ]; do echo line $i >> /tmp/log; i=$((i+1)); done", o);
    double ms = ms_since(t0);
    figure("shell: 10000 loop iterations appending a line", ms, "ms");
    figure("  ... interpreter steps", double(r.steps), "steps");
}

bool load_assets(lab::Lab& lab, const std::filesystem::path& assets);

// Build memory against the number of steps: each step keeps its image, and
// the images share their history and env (SharedVec), so it grows linearly.
// 999 ENV lines is the most a Dockerfile may have after its FROM.
void bench_memory_env() {
    for (int n : {250, 500, 999}) {
        std::string text = "FROM scratch\n";
        for (int i = 0; i < n; ++i) text += "ENV V" + std::to_string(i) + "=" + std::to_string(i) + "\n";
        double before = heap_mib();
        {
            lab::Lab lab;
            auto t0 = Clock::now();
            lab.load(text);
            lab.run_to_end();
            double ms = ms_since(t0);
            figure("memory: " + std::to_string(n) + " ENV lines, heap held by the build", heap_mib() - before, "MiB");
            figure("memory: " + std::to_string(n) + " ENV lines, build time", ms, "ms");
        }
    }
}

// 100,000 appends of a line to one file, one exec each (a student at the
// terminal), then the container removed: the store's live bytes and the heap.
void bench_memory_appends(const std::filesystem::path& assets) {
    lab::Lab lab;
    if (!load_assets(lab, assets)) return;
    lab.load("FROM busybox\n");
    lab.run_to_end();
    (void)lab.collect_garbage(true);
    const BlobStore& blobs = lab.store().blobs;
    double heap0 = heap_mib();
    uint64_t live0 = blobs.stored_bytes();
    lab.start_container();
    auto t0 = Clock::now();
    int ok = 0;
    for (int i = 0; i < 100000; ++i) ok += lab.exec("echo line " + std::to_string(i) + " >> /log").status == 0;
    double ms = ms_since(t0);
    auto log = lab.current_container()->read("/log");
    figure("memory: 100,000 appends, one exec each: completed", double(ok), "execs");
    figure("  ... time per exec", ms * 1000.0 / 100000, "us");
    figure("  ... the file", log ? double(blobs.size(*log)) / (1 << 20) : 0.0, "MiB");
    figure("  ... store live bytes over the image's", double(blobs.stored_bytes() - live0) / (1 << 20), "MiB");
    figure("  ... heap over the image's", heap_mib() - heap0, "MiB");
    lab.remove_container(0);
    figure("  ... after docker rm: store live bytes over the image's",
           double(int64_t(blobs.stored_bytes()) - int64_t(live0)) / (1 << 20), "MiB");
    figure("  ... after docker rm: heap over the image's", heap_mib() - heap0, "MiB");
}

// The page's session of issue 14: every sample loaded and run to the end, a
// container started on each and its first "try" command run, then every
// container removed. Native heap (the wasm heap's counterpart) and live bytes.
void bench_memory_samples(const std::filesystem::path& assets) {
    double heap0 = heap_mib();
    lab::Lab lab;
    if (!load_assets(lab, assets)) return;
    for (const lab::Sample& smp : lab.samples()) {
        (void)lab.load_sample(smp.name);
        lab.run_to_end();
        lab.start_container();
        for (const std::string& cmd : smp.try_commands) (void)lab.exec(cmd);
    }
    figure("memory: all samples run, a container each: heap", heap_mib() - heap0, "MiB");
    figure("  ... store live bytes", double(lab.store().blobs.stored_bytes()) / (1 << 20), "MiB");
    while (lab.container_count() > 0) lab.remove_container(0);
    figure("  ... containers removed: heap", heap_mib() - heap0, "MiB");
    figure("  ... containers removed: store live bytes", double(lab.store().blobs.stored_bytes()) / (1 << 20), "MiB");
}

// A fresh Lab with the catalogs and samples of `assets`, as the page has them.
bool load_assets(lab::Lab& lab, const std::filesystem::path& assets) {
    namespace fs = std::filesystem;
    for (const auto& f : fs::directory_iterator(assets / "catalog"))
        if (f.path().extension() == ".txt") lab.add_catalog(f.path().filename().string(), slurp(f.path()));
    for (const auto& dir : fs::directory_iterator(assets / "samples")) {
        if (!dir.is_directory()) continue;
        for (const auto& f : fs::recursive_directory_iterator(dir.path()))
            if (f.is_regular_file())
                lab.add_sample_file(dir.path().filename().string(), fs::relative(f.path(), dir.path()).string(),
                                    slurp(f.path()));
    }
    Status st = lab.finish_assets();
    if (!st) std::fprintf(stderr, "assets: %s\n", st.error().describe().c_str());
    return bool(st);
}

void bench_longest_pieces(const std::filesystem::path& assets) {
    lab::Lab names;
    if (!load_assets(names, assets)) return;
    for (const lab::Sample& smp : names.samples()) {
        lab::Lab lab;  // fresh: the first FROM constructs its base image
        (void)load_assets(lab, assets);
        (void)lab.load_sample(smp.name);
        double step_ms = 0, hash_ms = 0;
        std::string step_what;
        while (!lab.at_end()) {
            auto t0 = Clock::now();
            if (!lab.step()) break;
            if (double ms = ms_since(t0); ms > step_ms) {
                step_ms = ms;
                step_what = lab.step_instruction(size_t(lab.current_step()));
            }
        }
        for (size_t i = 0; i < lab.layers().size(); ++i) {
            auto t0 = Clock::now();
            g_sink = g_sink + lab.diff_id(i).bytes[0];
            hash_ms = std::max(hash_ms, ms_since(t0));
        }
        figure("sample " + smp.name + ": longest step (" + step_what.substr(0, 40) + ")", step_ms, "ms");
        figure("sample " + smp.name + ": longest DiffID of one layer", hash_ms, "ms");
    }
}

// One call as the bridge makes it: method + JSON arguments in, JSON text out.
void api(lab::Lab& lab, const nlohmann::json& call) {
    std::string out = lab::dump(lab::call(lab, call.at(0).get<std::string>(), call.at(1)));
    g_sink = g_sink + out.size();
}

int run_workloads(const std::filesystem::path& file, const std::filesystem::path& assets, int rounds) {
    nlohmann::json doc = nlohmann::json::parse(slurp(file), nullptr, false);
    if (doc.is_discarded() || !doc.contains("workloads")) {
        std::fprintf(stderr, "%s: not a workloads file\n", file.string().c_str());
        return 2;
    }
    for (int round = 1; round <= rounds; ++round) {
        lab::Lab lab;
        if (!load_assets(lab, assets)) return 1;
        nlohmann::json ms = nlohmann::json::object();
        for (const auto& w : doc["workloads"]) {
            const std::string name = w.at("name").get<std::string>();
            try {
                for (const auto& c : w.value("setup", nlohmann::json::array())) api(lab, c);
                nlohmann::json calls = w.value("calls", nlohmann::json::array());
                if (w.value("rebuild", false))
                    calls = nlohmann::json::array(
                        {nlohmann::json::array({"edit", nlohmann::json::object({{"text", lab.text() + "\n"}})}),
                         nlohmann::json::array({"runToEnd", nlohmann::json::object()})});
                const int repeat = w.value("repeat", 1);
                auto t0 = Clock::now();
                for (int i = 0; i < repeat; ++i)
                    for (const auto& c : calls) api(lab, c);
                ms[name] = ms_since(t0);
            } catch (const std::exception& e) {
                std::fprintf(stderr, "%s: %s\n", name.c_str(), e.what());
                return 1;
            }
        }
        std::printf("%s\n", nlohmann::json({{"round", round}, {"ms", ms}}).dump().c_str());
        std::fflush(stdout);
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::filesystem::path assets = LAYERLAB_ASSETS_DIR;
    std::filesystem::path workloads;
    int rounds = 3;
    bool memory_only = false;  // --memory: only the memory figures
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--workloads" && i + 1 < argc) workloads = argv[++i];
        else if (a == "--rounds" && i + 1 < argc) rounds = std::max(1, std::atoi(argv[++i]));
        else if (a == "--memory") memory_only = true;
        else assets = a;
    }
    if (!workloads.empty()) return run_workloads(workloads, assets, rounds);
    std::printf("layerlab core benchmarks (figures, not pass/fail)\n");
    if (memory_only) {
        bench_memory_env();
        bench_memory_appends(assets);
        bench_memory_samples(assets);
        return 0;
    }
    bench_lookup();
    bench_push();
    bench_copy_up();
    bench_hash();
    bench_shell(assets);
    bench_memory_env();
    bench_memory_appends(assets);
    bench_memory_samples(assets);
    bench_lab(assets);
    return 0;
}
