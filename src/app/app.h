// app.h: the platform seam. The ONLY part of layerlab that sees SDL or
// emscripten. Everything above it (src/ui/) is plain ImGui over src/core/.
//
//   main()  ──► init_app() ──► native:  while (!quit) frame(app)
//                          └─► browser: emscripten_set_main_loop_arg(frame)
//
// One frame() serves both loops: poll events, follow the window/canvas size
// and the device pixel ratio, build the ImGui frame (ui::draw), render, swap.
#pragma once
#include "core/lab/lab.h"
#include "ui/ui.h"

#include <vector>
#include <cstdint>

struct SDL_Window;

namespace ll::app {

struct App {
    SDL_Window* window = nullptr;
    void* gl_context = nullptr;        // SDL_GLContext
    float pixel_ratio = 0.0f;          // physical pixels per logical pixel; 0 = fonts not built yet
    int logical_w = 1, logical_h = 1;  // browser: CSS px of #canvas
    int device_w = 1, device_h = 1;    // browser: drawing-buffer px (CSS px × devicePixelRatio)
    uint64_t frames = 0;               // frames drawn so far (the JS bridge reports it)
    uint64_t frames_painted = 0;       // of those, the ones sent to the GPU (browser: not an unchanged one)
    std::vector<char> frame_bytes, painted_bytes;  // this frame's draw data and the last painted one's (frame.cpp)
    uint64_t max_frames = 0;           // native --frames N: stop after N (0 = run until closed)
    const char* screenshot = nullptr;  // native --screenshot FILE: the last frame as a PNG
    bool quit = false;
    float key_repeat_delay = 0.0f;   // ImGui's own, read on the first frame (frame.cpp, steady_key_repeat)
    float key_repeat_excess = 0.0f;  // seconds of long frames while a key is held
    lab::Lab lab;  // the model: what the UI and the JS API drive
    ui::UiState ui;
    ui::UiFonts fonts;
};

// Draws one frame. Returns false once the app wants to stop.
bool frame(App& app);

// Display (display.cpp): keep the drawable size and the font atlas in step with
// the window (browser: CSS size of #canvas × devicePixelRatio).
void sync_display(App& app);
// Browser: give ImGui the sizes measured by sync_display (call right after
// ImGui_ImplSDL2_NewFrame, which only knows the logical size). Native: nothing.
void after_backend_new_frame(const App& app);

// Fonts (fonts.cpp): (re)build the embedded fonts rasterised at `pixel_ratio`,
// shown at their logical size, so text is crisp on HiDPI screens.
ui::UiFonts load_fonts(float pixel_ratio);

}  // namespace ll::app
