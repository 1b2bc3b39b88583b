#include "app/app.h"
#include "app/bridge.h"
#include "app/screenshot.h"

#include <SDL.h>
#include <algorithm>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl2.h>

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#include <imgui_impl_opengl3_loader.h>  // GL 3 functions, loaded at run time by the backend
#endif

namespace ll::app {

namespace {

// ImGui repeats a held key by time: a key down across one 600 ms frame (a rebuild,
// a busy machine) typed it about 7 times (Enter, Delete, the arrows; characters come from
// text input and never repeat). Here a frame counts for at most k_repeat_frame while
// a key is held: the excess of longer frames moves the repeat delay on, so a key
// repeats only when it is seen down for the delay's worth of ordinary frames. Reset
// once no key is down. Called between the backend's NewFrame (io.DeltaTime) and ImGui's.
void steady_key_repeat(App& app, ImGuiIO& io) {
    constexpr float k_repeat_frame = 0.05f;
    if (app.key_repeat_delay == 0.0f) app.key_repeat_delay = io.KeyRepeatDelay;
    bool held = false;
    for (int k = ImGuiKey_NamedKey_BEGIN; k < ImGuiKey_NamedKey_END && !held; ++k)
        held = ImGui::IsKeyDown(static_cast<ImGuiKey>(k));
    app.key_repeat_excess = held ? app.key_repeat_excess + std::max(0.0f, io.DeltaTime - k_repeat_frame) : 0.0f;
    io.KeyRepeatDelay = app.key_repeat_delay + app.key_repeat_excess;
}

#ifdef __EMSCRIPTEN__
// The draw data as bytes: the display, then per list its commands, vertices
// and indices. Equal bytes draw equal pixels (the textures are the font atlas,
// rebuilt only with a new display scale, which is in the bytes too).
void flatten(const ImDrawData& d, std::vector<char>& out) {
    out.clear();
    auto put = [&out](const void* p, size_t n) {
        const char* c = static_cast<const char*>(p);
        out.insert(out.end(), c, c + n);
    };
    put(&d.DisplayPos, sizeof d.DisplayPos);
    put(&d.DisplaySize, sizeof d.DisplaySize);
    put(&d.FramebufferScale, sizeof d.FramebufferScale);
    for (int i = 0; i < d.CmdListsCount; ++i) {
        const ImDrawList& l = *d.CmdLists[i];
        const int sizes[3] = {l.CmdBuffer.Size, l.VtxBuffer.Size, l.IdxBuffer.Size};
        put(sizes, sizeof sizes);
        for (const ImDrawCmd& c : l.CmdBuffer) {
            put(&c.ClipRect, sizeof c.ClipRect);
            put(&c.TextureId, sizeof c.TextureId);
            put(&c.VtxOffset, sizeof c.VtxOffset);
            put(&c.IdxOffset, sizeof c.IdxOffset);
            put(&c.ElemCount, sizeof c.ElemCount);
            const bool callback = c.UserCallback != nullptr;  // none in layerlab's UI; drawn if ever
            put(&callback, sizeof callback);
        }
        put(l.VtxBuffer.Data, size_t(l.VtxBuffer.Size) * sizeof(ImDrawVert));
        put(l.IdxBuffer.Data, size_t(l.IdxBuffer.Size) * sizeof(ImDrawIdx));
    }
}

#endif

// Browser: a frame whose draw data equals the last painted one's is not sent
// to the GPU; the canvas keeps showing the last painted frame (WebGL presents
// a drawing buffer only after a draw). An idle page then costs its UI code
// alone, not a full-canvas repaint per frame (in software GL, SwiftShader,
// that repaint was most of a frame). Native: every frame is painted (a swap
// is what paces the loop there, and a skipped one would show a stale buffer).
bool must_paint(App& app) {
#ifdef __EMSCRIPTEN__
    flatten(*ImGui::GetDrawData(), app.frame_bytes);
    if (app.frames_painted > 0 && app.frame_bytes == app.painted_bytes) return false;
    app.painted_bytes.swap(app.frame_bytes);
    return true;
#else
    (void)app;
    return true;
#endif
}

// The frame's draw data onto the canvas (or window), and the screenshot when one is due.
void paint(App& app, const ImGuiIO& io) {
    glViewport(0, 0, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
               static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
    glClearColor(0.10f, 0.11f, 0.13f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (app.screenshot != nullptr && app.max_frames != 0 && app.frames + 1 >= app.max_frames)
        write_screenshot(app.screenshot, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
                         static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
    SDL_GL_SwapWindow(app.window);
}

}  // namespace

bool frame(App& app) {
    SDL_Event event;
    while (SDL_PollEvent(&event)) {
        ImGui_ImplSDL2_ProcessEvent(&event);
        if (event.type == SDL_QUIT) app.quit = true;
        if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE &&
            event.window.windowID == SDL_GetWindowID(app.window))
            app.quit = true;
    }

    sync_display(app);

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    after_backend_new_frame(app);
    steady_key_repeat(app, ImGui::GetIO());
    ImGui::NewFrame();
    ui::draw(app.ui, app.fonts);
    ImGui::Render();

    const ImGuiIO& io = ImGui::GetIO();
    if (must_paint(app)) {
        ++app.frames_painted;
        paint(app, io);
    }
    ++app.frames;
    bridge::on_frame_drawn(app.frames, app.frames_painted);
    if (app.ui.quit_requested) app.quit = true;
    if (app.max_frames != 0 && app.frames >= app.max_frames) app.quit = true;
    return !app.quit;
}


}  // namespace ll::app
