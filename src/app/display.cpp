#include "app/app.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>

#ifdef __EMSCRIPTEN__
#include <emscripten/html5.h>
#endif

namespace ll::app {

#ifdef __EMSCRIPTEN__
// The page's CSS decides the canvas size (web/index.html: fills the window).
// Each frame: logical size = CSS size of #canvas, drawing buffer = CSS size ×
// devicePixelRatio. Polling (two cheap calls) also catches ratio changes that
// fire no resize event (browser zoom, moving to another screen).
//
// The SDL window is created WITHOUT SDL_WINDOW_ALLOW_HIGHDPI/RESIZABLE so that
// SDL never writes inline CSS sizes on the canvas; we own both sizes here.
// SDL's window size = CSS px, so its mouse coordinates stay in CSS px. SDL
// 2.26's emscripten driver reports the drawable size as the window size, so
// the ImGui framebuffer scale is set from our own figures (after_backend_new_frame).
static float sync_canvas(App& app) {
    SDL_Window* window = app.window;
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size("#canvas", &css_w, &css_h);
    double ratio = emscripten_get_device_pixel_ratio();
    if (!(ratio > 0.0)) ratio = 1.0;
    const int logical_w = std::max(1, static_cast<int>(std::lround(css_w)));
    const int logical_h = std::max(1, static_cast<int>(std::lround(css_h)));
    const int device_w = std::max(1, static_cast<int>(std::lround(css_w * ratio)));
    const int device_h = std::max(1, static_cast<int>(std::lround(css_h * ratio)));

    int win_w = 0, win_h = 0;
    SDL_GetWindowSize(window, &win_w, &win_h);
    if (win_w != logical_w || win_h != logical_h)
        SDL_SetWindowSize(window, logical_w, logical_h);  // also resets the canvas: fixed below
    int cur_w = 0, cur_h = 0;
    emscripten_get_canvas_element_size("#canvas", &cur_w, &cur_h);
    if (cur_w != device_w || cur_h != device_h) emscripten_set_canvas_element_size("#canvas", device_w, device_h);
    app.logical_w = logical_w;
    app.logical_h = logical_h;
    app.device_w = device_w;
    app.device_h = device_h;
    return static_cast<float>(ratio);
}

void after_backend_new_frame(const App& app) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(app.logical_w), static_cast<float>(app.logical_h));
    io.DisplayFramebufferScale = ImVec2(static_cast<float>(app.device_w) / static_cast<float>(app.logical_w),
                                        static_cast<float>(app.device_h) / static_cast<float>(app.logical_h));
}
#else
// Natively SDL reports both sizes (and ImGui's backend reads them); on most
// X11 setups they are equal.
static float sync_canvas(App& app) {
    SDL_Window* window = app.window;
    int win_w = 0, win_h = 0, px_w = 0, px_h = 0;
    SDL_GetWindowSize(window, &win_w, &win_h);
    SDL_GL_GetDrawableSize(window, &px_w, &px_h);
    if (win_w <= 0 || px_w <= 0) return 1.0f;
    return static_cast<float>(px_w) / static_cast<float>(win_w);
}

void after_backend_new_frame(const App&) {}
#endif

void sync_display(App& app) {
    const float ratio = sync_canvas(app);
    if (std::fabs(ratio - app.pixel_ratio) < 0.01f) return;
    const bool had_fonts = app.pixel_ratio > 0.0f;
    app.pixel_ratio = ratio;
    app.fonts = load_fonts(ratio);
    if (had_fonts) {
        // the first texture is made by the backend's first NewFrame; later ones here
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
}

}  // namespace ll::app
