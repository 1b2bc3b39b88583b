// ui.cpp: ui::draw() and the placeholder main window.
#include "ui/ui.h"

#include <imgui.h>

namespace ll::ui {

void draw(UiState& state, const UiFonts& fonts) {
    draw_main_window(state, fonts);
#ifndef IMGUI_DISABLE_DEMO_WINDOWS
    if (state.show_imgui_demo) ImGui::ShowDemoWindow(&state.show_imgui_demo);
#endif
}

void draw_main_window(UiState& state, const UiFonts& fonts) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + 24, viewport->WorkPos.y + 24), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(560, 340), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("layerlab", nullptr, ImGuiWindowFlags_MenuBar)) {
        ImGui::End();
        return;
    }
#ifndef __EMSCRIPTEN__
    if (ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_Q, false)) state.quit_requested = true;
#endif
    if (ImGui::BeginMenuBar()) {
        if (ImGui::BeginMenu("File")) {
#ifndef __EMSCRIPTEN__
            if (ImGui::MenuItem("Quit", "Ctrl+Q")) state.quit_requested = true;
#else
            ImGui::MenuItem("(nothing here yet)", nullptr, false, false);
#endif
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu("Help")) {
            ImGui::MenuItem("About layerlab", nullptr, &state.show_about);
#ifndef IMGUI_DISABLE_DEMO_WINDOWS
            ImGui::MenuItem("Dear ImGui demo", nullptr, &state.show_imgui_demo);
#endif
            ImGui::EndMenu();
        }
        ImGui::EndMenuBar();
    }

    ImGui::TextWrapped("Welcome to layerlab, a simulator that shows how container images are made of "
                       "layers: what each Dockerfile step adds, how the layers stack into one file "
                       "system, and what copy-on-write does when a container changes a file.");
    ImGui::Spacing();
    ImGui::TextDisabled("Layers stack bottom to top ▲ — the upper one wins ✓");
    ImGui::Separator();
    if (fonts.mono != nullptr) ImGui::PushFont(fonts.mono);
    ImGui::TextUnformatted("FROM alpine:3.19\n"
                           "RUN echo hello > /greeting      → new layer\n"
                           "COPY app.conf /etc/app.conf     → new layer");
    if (fonts.mono != nullptr) ImGui::PopFont();
    if (state.show_about) {
        ImGui::Separator();
        ImGui::Text("layerlab %s — Dear ImGui %s", LAYERLAB_VERSION, IMGUI_VERSION);
    }
    ImGui::End();
}

}  // namespace ll::ui
