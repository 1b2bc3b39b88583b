// wasm_flags.cpp: how the exception model and the optimisation level of the
// wasm build change the speed of code shaped like the core's (strings built
// with to_string, a std::map of paths, a vector, a call that may throw, so
// every frame holds destructors). Figures, never pass/fail; README "wasm vs
// native" has the commands and the figures. Built by hand, not by CMake:
//
//   clang++-14 -std=c++20 -O2 tests/bench/wasm_flags.cpp -o /tmp/wf && /tmp/wf
//   em++ -std=c++20 -Oz -flto -fexceptions tests/bench/wasm_flags.cpp -o /tmp/wf.js -sENVIRONMENT=node \
//        -sALLOW_MEMORY_GROWTH=1 && node --no-experimental-fetch /tmp/wf.js
//   (and -O2 instead of -Oz, -fwasm-exceptions instead of -fexceptions)
#include <chrono>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

__attribute__((noinline)) std::string make(int i) {
    if (i < 0) throw std::runtime_error("negative");
    return "/usr/lib/app/l" + std::to_string(i % 997) + "_" + std::to_string(i % 50) + ".so";
}

int main() {
    auto t0 = std::chrono::steady_clock::now();
    std::map<std::string, int> m;
    std::vector<std::string> v;
    unsigned long long sum = 0;
    for (int r = 0; r < 40; ++r)
        for (int i = 0; i < 20000; ++i) {
            std::string s = make(i);
            auto [it, fresh] = m.emplace(s, i);
            if (fresh) v.push_back(s);
            sum += it->first.size() + v.size();
        }
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("checksum %llu, %.1f ms\n", sum, ms);
    return 0;
}
