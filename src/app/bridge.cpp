#include "app/bridge.h"

#include <cstdio>
#include <stdexcept>
#include <string>
#include <utility>

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>

namespace {
uint64_t g_frames = 0;    // read by JS between frames
std::string g_last_error; // the bridge's state lives here, nowhere else
}  // namespace

// clang-format off
EM_JS(void, ll_js_first_frame, (), {
    if (Module['layerlabFirstFrame']) Module['layerlabFirstFrame']();
});
EM_JS(void, ll_js_error, (const char* msg), {
    var text = UTF8ToString(msg);
    if (Module['layerlabError']) Module['layerlabError'](text); else console.error(text);
});
EM_JS(void, ll_js_announce, (const char* msg), {
    var el = document.getElementById('live');
    if (el) el.textContent = UTF8ToString(msg);
});
// clang-format on

extern "C" {
EMSCRIPTEN_KEEPALIVE double ll_frame_count() { return static_cast<double>(g_frames); }
EMSCRIPTEN_KEEPALIVE const char* ll_version() { return LAYERLAB_VERSION; }
EMSCRIPTEN_KEEPALIVE const char* ll_last_error() { return g_last_error.c_str(); }
EMSCRIPTEN_KEEPALIVE int ll_selftest_exception() {
    return ll::bridge::guarded([]() -> int { throw std::runtime_error("self-test: an exception reached the bridge"); });
}
}

namespace ll::bridge {
void on_frame_drawn(uint64_t frames) {
    g_frames = frames;
    if (frames == 1) ll_js_first_frame();
}
void report_fatal(const char* message) { ll_js_error(message); }
void announce(const char* text) { ll_js_announce(text); }
void set_last_error(std::string message) { g_last_error = std::move(message); }
}  // namespace ll::bridge

#else

namespace ll::bridge {
void on_frame_drawn(uint64_t) {}
void report_fatal(const char* message) { std::fprintf(stderr, "layerlab_app: %s\n", message); }
void announce(const char*) {}
void set_last_error(std::string message) { std::fprintf(stderr, "layerlab_app: %s\n", message.c_str()); }
}  // namespace ll::bridge

#endif
