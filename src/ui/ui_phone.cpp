// ui_phone.cpp: the phone layout's tab bar (issue 13).
//
// Below k_phone_width CSS px (ui.cpp) the page is one column: the step deck
// on top, this bar of four tabs under it, and the chosen part below:
//
//   ┌ Menu ───────────────────── title ┐
//   │ ⏮ ◀ ▶ ⏯ ⏭  speed                 │
//   │ Step 3 of 5 · RUN ...            │
//   │ [1 FROM][2 COPY][3 RUN]...       │
//   ├ Dockerfile│Layers│Inspect│What ──┤   this window
//   │                                  │
//   │  the editor (with the lesson and │
//   │  the question above it), or the  │
//   │  stack, or the inspector, or the │
//   │  narration and the summary       │
//   └──────────────────────────────────┘
//
// Each tab is a button at least 44 CSS px tall, a quarter of the width.
#include <imgui.h>

#include "ui/ui_common.h"

namespace ll::ui {

const char* const k_phone_tabs[k_phone_tab_count] = {"Dockerfile", "Layers", "Inspect", "What happened"};

void draw_phone_tabs(UiState& s, Rect area) {
    place_window(area);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(2, 0));
    ImGui::Begin("##phone.tabs", nullptr, k_panel_flags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
    const float w = (area.w - 2.0f * float(k_phone_tab_count - 1)) / float(k_phone_tab_count);
    for (int i = 0; i < k_phone_tab_count; ++i) {
        if (i) ImGui::SameLine();
        const bool on = s.phone_tab == i;
        ImGui::PushStyleColor(ImGuiCol_Button, to_vec4(on ? col::rgb(52, 80, 124) : col::rgb(40, 44, 52)));
        // "What happened" takes two lines in a quarter of 390 px
        std::string label = k_phone_tabs[i];
        if (ImGui::CalcTextSize(label.c_str()).x > w - 8) {
            size_t sp = label.find(' ');
            if (sp != std::string::npos) label[sp] = '\n';
        }
        label += "##phonetab";
        if (ImGui::Button(label.c_str(), ImVec2(w, area.h))) s.phone_tab = i;
        ImGui::PopStyleColor();
        publish_rect(s, std::string("phone.tab.") + k_phone_tabs[i]);
        if (on) {
            ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
            ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(a.x, b.y - 3), b, col::accent);
        }
    }
    ImGui::End();
    ImGui::PopStyleVar(2);
}

}  // namespace ll::ui
