#include "app/app.h"
#include "app/bridge.h"
#include "app/screenshot.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl2.h>

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#include <imgui_impl_opengl3_loader.h>  // GL 3 functions, loaded at run time by the backend
#endif

namespace ll::app {

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
