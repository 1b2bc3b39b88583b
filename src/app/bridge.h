// bridge.h: what C++ tells the page (and what the page can ask), without embind.
//
// Exports (callable from JS as Module._name):
//   ll_frame_count()  frames drawn so far; the shell exposes it as
//                     window.layerlab_frames, the browser test waits on it
//   ll_version()      "0.1.0" as a C string (UTF8ToString on the JS side)
// Notifications to JS (no-ops natively):
//   Module.layerlabFirstFrame()   once, after the first frame is on screen
//   Module.layerlabError(message) a C++ exception reached the main loop
#pragma once
#include <cstdint>

namespace ll::bridge {
void on_frame_drawn(uint64_t frames);
void report_fatal(const char* message);
// Narration for screen readers: text for <div id="live" aria-live="polite">.
void announce(const char* text);
}  // namespace ll::bridge
