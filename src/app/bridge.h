// bridge.h: what C++ tells the page (and what the page can ask), without embind.
//
// Exports (callable from JS as Module._name):
//   ll_frame_count()  frames drawn so far; the shell exposes it as
//                     window.layerlab_frames, the browser test waits on it
//   ll_version()      "0.1.0" as a C string (UTF8ToString on the JS side)
//   ll_last_error()   message of the last exception a guarded export caught
//   ll_selftest_exception()  throws inside C++, returns -1: proves (in the
//                     browser test) that exceptions stop at the bridge
// Notifications to JS (no-ops natively):
//   Module.layerlabFirstFrame()   once, after the first frame is on screen
//   Module.layerlabError(message) a C++ exception reached the main loop
#pragma once
#include <cstdint>
#include <exception>
#include <string>

namespace ll::bridge {
void on_frame_drawn(uint64_t frames);
void report_fatal(const char* message);
// Narration for screen readers: text for <div id="live" aria-live="polite">.
void announce(const char* text);

// Every export that runs C++ logic for JS goes through guarded(): the wasm is
// built with -fexceptions, so an exception becomes the return value -1 (its
// message kept for ll_last_error()) and the instance lives on.
void set_last_error(std::string message);
template <class F>
int guarded(F&& f) noexcept {
    try {
        return f();
    } catch (const std::exception& e) {
        set_last_error(e.what());
    } catch (...) {
        set_last_error("unknown C++ exception");
    }
    return -1;
}
}  // namespace ll::bridge
