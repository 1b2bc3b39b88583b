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
    glViewport(0, 0, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
               static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
    glClearColor(0.10f, 0.11f, 0.13f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (app.screenshot != nullptr && app.max_frames != 0 && app.frames + 1 >= app.max_frames)
        write_screenshot(app.screenshot, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
                         static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
    SDL_GL_SwapWindow(app.window);

    ++app.frames;
    bridge::on_frame_drawn(app.frames);
    if (app.ui.quit_requested) app.quit = true;
    if (app.max_frames != 0 && app.frames >= app.max_frames) app.quit = true;
    return !app.quit;
}

}  // namespace ll::app
