// ui.h: the ImGui front end. One window per file (ui_<window>.cpp), each a
// draw_<window>() function declared here; ui::draw() calls them in order.
// Windows hold only UI state (in UiState) and read the core; they change the
// model only through the same commands a test would use. No SDL, no emscripten.
#pragma once

struct ImFont;

namespace ll::ui {

// Fonts built by the app (src/app/fonts.cpp), crisp at the screen's pixel ratio.
struct UiFonts {
    ImFont* ui = nullptr;    // Inter: labels, text
    ImFont* mono = nullptr;  // JetBrains Mono: Dockerfiles, paths, shell output
};

// Everything the windows remember between frames.
struct UiState {
    bool quit_requested = false;   // File > Quit (native); the app loop stops
    bool show_about = false;
    bool show_imgui_demo = false;  // debug builds only
};

// All windows, once per frame (between ImGui::NewFrame and ImGui::Render).
void draw(UiState& state, const UiFonts& fonts);

// One function per window file:
void draw_main_window(UiState& state, const UiFonts& fonts);  // ui.cpp

}  // namespace ll::ui
